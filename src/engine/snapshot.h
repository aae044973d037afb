/* snapshot.h — what the trainer shows the world: an immutable,
 * reference-counted picture of training at one moment.
 *
 * The worker thread builds a snapshot and publishes it; the window (on its
 * frame clock), convlab-cli and the tests take the newest one and read it as
 * long as they like.  Nothing in a snapshot changes after publication and
 * nothing in it points into the worker's buffers, so no lock is needed to
 * read it.
 */
#pragma once

#include <glib.h>

#include "engine/net-spec.h"

G_BEGIN_DECLS

/* Test samples a snapshot keeps for the gallery of mistakes: a screen's
 * worth, so publishing stays cheap whatever the size of the test set. */
#define CL_SNAPSHOT_GALLERY 24

typedef enum {
  CL_TRAINER_IDLE,       /* initialised, never trained since */
  CL_TRAINER_RUNNING,
  CL_TRAINER_PAUSED,
  CL_TRAINER_DIVERGED,   /* NaN or Inf: reason says what to do; reset recovers */
  CL_TRAINER_FINISHED,   /* the epochs asked for are done */
} ClTrainerState;

typedef struct {
  double x, y;
} ClPoint;

/* One layer as the panels see it: output of the probe samples, and for
 * Dropout layers the masks of the last training step. */
typedef struct {
  ClShape shape;              /* per sample */
  const float *activations;   /* n_probes × shape */
  const float *dropout_mask;  /* n_masks × shape (0 or 1/(1-rate)), or NULL */
  gsize param_offset;         /* where the layer's parameters start in params */
  gsize n_layer_params;
} ClSnapshotLayer;

typedef struct {
  /*< public, read-only >*/
  guint64 version;            /* increases with every publication; unique among all trainers */
  ClTrainerState state;
  char *reason;               /* why diverged or finished, translated; or NULL */

  guint64 step;               /* optimiser steps since the last reset */
  int epoch;                  /* completed epochs */
  double epoch_progress;      /* fraction of the current epoch, [0, 1) */
  guint64 samples_seen;
  double samples_per_second;  /* over the last second or so of training */
  double learning_rate;

  double train_loss;          /* last step */
  double train_loss_smooth;   /* exponential average */
  double train_accuracy_smooth; /* NAN for regression */
  /* The smoothed loss is over 100 times its reference (the first step's,
   * at least ln(classes) for classification) while still finite: the
   * learning rate is probably too high.  Cleared if it comes back down. */
  gboolean loss_exploding;
  double reference_loss;      /* NAN before the first step */
  gboolean has_test;
  double test_loss, test_accuracy;   /* at the last evaluation */

  /* Histories: x is the step (training) or the epoch (test). */
  const ClPoint *loss_history;    gsize n_loss_history;       /* raw, decimated when long */
  const ClPoint *test_loss_history;  gsize n_test_history;
  const ClPoint *test_accuracy_history;                       /* n_test_history */
  const ClPoint *train_accuracy_history;                      /* n_test_history, per epoch */

  int n_classes;              /* 0 for regression */
  const guint *confusion;     /* n_classes × n_classes, row = true class; NULL before a test */
  /* The worst test samples of the last evaluation (at most
   * CL_SNAPSHOT_GALLERY, engine/gallery.h), or NULL before a test and for
   * regression. */
  const struct _ClGallery *gallery;

  const ClNetSpec *spec;      /* the design being trained */
  const float *params;        /* the whole parameter block */
  gsize n_params;
  const float *buffers;       /* running statistics (BatchNorm), not trained */
  gsize n_buffers;

  int n_layers;
  const ClSnapshotLayer *layers;
  int n_probes, n_masks;
  const float *probe_inputs;  /* n_probes × input size */
  const int *probe_labels;    /* n_probes, or NULL for regression */
  const guint32 *probe_indices; /* n_probes: each probe's index in the test set (or training set) */
  guint n_probe_pool;         /* samples a probe can be chosen from */
  gboolean probes_from_test;  /* FALSE: the data has no test part */

  /* The last loss landscape computed in the worker, or NULL; while it is
   * computed, the rows done so far (rows_done < resolution). */
  const struct _ClLandscape *landscape;
  gboolean landscape_running;
  char *landscape_error;      /* why the last one failed (translated), or NULL */

  /* Parameter checkpoints for the landscape's trajectory: shared, never
   * copied, between snapshots. */
  GPtrArray *checkpoints;     /* GBytes of n_params floats, oldest first */
  const guint64 *checkpoint_steps;

  /* Inside training, per layer (engine/layer-stats.h): gradient and weight
   * norms over steps, histograms of weights and gradients now, dead and
   * saturated units of the last training batch.  NULL when the snapshot
   * is not a trainer's (a model opened without training). */
  const struct _ClLayerStats *layer_stats;

  /*< private >*/
  gint ref_count;
  GPtrArray *allocations;     /* owns every array above (g_free) */
  struct _ClLandscape *owned_landscape;
  struct _ClGallery *owned_gallery;
  ClNetSpec *owned_spec;
  struct _ClLayerStats *owned_layer_stats;
} ClSnapshot;

ClSnapshot *cl_snapshot_ref   (ClSnapshot *snapshot);
void        cl_snapshot_unref (ClSnapshot *snapshot);

const char *cl_trainer_state_to_string (ClTrainerState state);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClSnapshot, cl_snapshot_unref)

G_END_DECLS
