/* landscape.h — the loss around a network's weights, and the path
 * gradient descent took (issue 8; Li et al., 2018, "Visualizing the Loss
 * Landscape of Neural Nets"; Goodfellow et al., 2015, for the 1D line).
 *
 * Everything here is a pure computation on a copy of the weights: it never
 * touches a trainer's network.  The 2D grid is evaluated in parallel
 * (OpenMP over the points of a row, one network instance per thread), row
 * by row so that a caller can show rows as they complete and cancel
 * between rows.  Results do not depend on the thread count.
 */
#pragma once

#include <glib.h>

#include "engine/dataset.h"
#include "engine/net-spec.h"
#include "engine/snapshot.h"

G_BEGIN_DECLS

#define CL_LANDSCAPE_MAX_RESOLUTION 101
#define CL_LANDSCAPE_MAX_SAMPLES    60000

typedef enum {
  CL_LANDSCAPE_RANDOM,   /* two filter-normalised random directions */
  CL_LANDSCAPE_PCA,      /* the first two principal components of the path */
  CL_LANDSCAPE_GIVEN,    /* the caller's directions, as they are */
} ClLandscapeAxes;

typedef struct {
  int resolution;        /* N: an N×N grid; default 31 */
  double range;          /* coordinates in [-range, range]; default 1 (PCA: 0 = fit the path) */
  int n_samples;         /* training samples the loss is measured on; default 1000 */
  guint64 seed;          /* of the random directions; default 1 */
  ClLandscapeAxes axes;  /* default RANDOM */
  const float *given[2]; /* GIVEN: the two directions, n_params floats each */
} ClLandscapeOptions;

typedef struct _ClLandscape ClLandscape;

struct _ClLandscape {
  /*< public, read-only >*/
  int resolution;
  double range;
  ClLandscapeAxes axes;
  float *loss;           /* resolution², row j (second direction) then column i */
  int rows_done;         /* rows filled so far (all when complete) */
  float *directions[2];  /* n_params floats each */
  gsize n_params;
  double explained[2];   /* PCA: the fraction of the path's variance of each axis */
  double center_loss;    /* at the weights themselves */
  ClPoint *path;         /* the checkpoints projected on the plane, oldest first */
  int n_path;
};

void         cl_landscape_options_init (ClLandscapeOptions *options);
void         cl_landscape_free         (ClLandscape *landscape);
/* What a picture needs (the grid, the path, the axes' variance), without
 * the directions, which are as large as the network. */
ClLandscape *cl_landscape_copy_for_display (const ClLandscape *landscape);

/* Called after each row, from the calling thread; return FALSE to cancel. */
typedef gboolean (*ClLandscapeRowFunc) (const ClLandscape *landscape, int row, gpointer data);

/* The grid around `params` (and `buffers`, the running statistics, which
 * are not perturbed).  `checkpoints` (GBytes of n_params floats, may be
 * NULL) is the training path, needed for PCA axes.  Cancelling gives NULL
 * and CL_ERROR_CANCELLED. */
ClLandscape *cl_landscape_compute      (const ClNetSpec *spec, const float *params,
                                        const float *buffers, ClDataset *data,
                                        GPtrArray *checkpoints, const ClLandscapeOptions *options,
                                        ClLandscapeRowFunc on_row, gpointer data_for_row,
                                        GError **error);

/* The loss along a line w(α) = from + α (to − from) for the n values of
 * alphas, on the training and the test subsets (test may be NULL):
 * Goodfellow's interpolation when from = the initial weights and to = the
 * final ones; a direction around the weights when from = w and to = w + d. */
gboolean     cl_landscape_line         (const ClNetSpec *spec, const float *from, const float *to,
                                        const float *buffers, ClDataset *data, int n_samples,
                                        const double *alphas, int n, double *train_loss,
                                        double *test_loss, GError **error);

/* A random direction with each filter (a Conv2D output channel's kernel, a
 * Dense unit's weights) scaled to the norm of the same filter in `params`,
 * and zero for biases and normalisation parameters, as Li et al. do. */
void         cl_landscape_filter_normalised_direction (const ClNetSpec *spec, const float *params,
                                                       guint64 seed, float *direction);

/* The first two principal components of the points rows[k] − center
 * (k < n_rows, each n floats): unit directions and the fraction of the
 * variance each explains.  FALSE when the points span less than two
 * dimensions. */
gboolean     cl_landscape_pca          (const float * const *rows, int n_rows, const float *center,
                                        gsize n, float *directions[2], double explained[2]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClLandscape, cl_landscape_free)

G_END_DECLS
