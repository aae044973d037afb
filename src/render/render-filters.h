/* render-filters.h — the kernels of the Conv2D layers.
 *
 * First layer: one tile per filter (in colour when the input has three
 * channels).  Deeper layers: one row per filter, one tile per input channel.
 * Diverging colours centred on zero, a symmetric scale per layer and its
 * legend.  Optionally each first-layer tile carries its fitted Gabor
 * function (stripe direction and R²), the fitted function itself beside
 * each filter, and the distribution of the stripe orientations of the
 * filters whose fit is good (R² ≥ cl_gabor_like_threshold).  With
 * `filter` ≥ 0 one filter is drawn large with its values written in the
 * cells.
 */
#pragma once

#include <cairo.h>

#include "engine/gabor-fit.h"
#include "engine/snapshot.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  int layer;          /* a Conv2D layer's index in the network, or -1: all of them */
  gboolean gabor;     /* overlay the Gabor fit on first-layer tiles */
  /* With `gabor` (first layer, kernels of 5×5 and more): */
  gboolean fit_beside;    /* each filter's fitted Gabor drawn beside it, from its parameters */
  gboolean orientations;  /* a rose of the Gabor-like filters' stripe directions at the right */
  int filter;         /* ≥ 0: that filter of `layer` (first Conv2D when -1) large, with numbers */
  /* The fits of the first layer's filters from cl_render_filters_fit_gabor(),
   * or NULL: fitted at each call (about 1 ms per 5×5 filter — a panel
   * redrawing 30 times a second should fit once per new set of weights). */
  const ClGaborFit *gabor_fits;
  int n_gabor_fits;
  /* Draw these parameters instead of the snapshot's: one of its
   * checkpoints (the time-lapse), of the same layout; or NULL. */
  const float *params;
} ClRenderFiltersOptions;

void     cl_render_filters_options_init (ClRenderFiltersOptions *options);

/* FALSE when the network has no Conv2D layer (a message says so). */
gboolean cl_render_filters (cairo_t *cr, const ClSnapshot *snapshot,
                            const ClRenderFiltersOptions *options, int width, int height);

/* Gabor fits of the first Conv2D layer's filters (of the mean over its
 * input channels) in `params` (NULL: the snapshot's), n_filters of them
 * (g_free), or NULL when the first Conv2D layer is not on the input or its
 * kernels are smaller than 5×5. */
ClGaborFit *cl_render_filters_fit_gabor (const ClSnapshot *snapshot, const float *params,
                                         int *n_filters);

/* For the panel's clicks: the filter under (x, y) of a picture drawn with
 * these options at this size, or -1; *layer (may be NULL) gets the layer
 * it belongs to — show it large with options.layer = *layer,
 * options.filter = the result. */
int      cl_render_filters_hit     (const ClSnapshot *snapshot, const ClRenderFiltersOptions *options,
                                    int width, int height, double x, double y, int *layer);

/* Where first-layer filter `filter` (or, `fit`, its fitted Gabor) is drawn
 * at this size: top-left corner and side; FALSE when it is not drawn. */
gboolean cl_render_filters_tile_rect (const ClSnapshot *snapshot,
                                      const ClRenderFiltersOptions *options, int width, int height,
                                      int filter, gboolean fit, double *x, double *y, double *side);

G_END_DECLS
