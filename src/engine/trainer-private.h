/* trainer-private.h — the trainer's state, shared by its files:
 * trainer.c (commands, the worker loop, training steps), trainer-snapshot.c
 * (what the worker publishes) and trainer-landscape.c (the landscape job).
 * The worker thread owns all of it except the fields guarded by `lock`
 * and the atomic cancel flag. */
#pragma once

#include <pthread.h>

#include "engine/gallery.h"
#include "engine/landscape.h"
#include "engine/layer-stats.h"
#include "engine/net.h"
#include "engine/trainer.h"

G_BEGIN_DECLS

struct _ClTrainer
{
  /* shared with callers */
  GThread *thread;
  /* POSIX locks rather than GMutex: GLib's are bare futexes on Linux,
   * which ThreadSanitizer cannot see, and the trainer is what TSan checks. */
  pthread_mutex_t lock;     /* guards commands, current, notify */
  pthread_cond_t wake;      /* a command arrived (monotonic clock: slow motion waits on it) */
  pthread_cond_t published; /* a snapshot was published */
  GQueue commands;          /* Command*, oldest first */
  ClSnapshot *current;
  void (*notify) (gpointer data);
  gpointer notify_data;

  /* the worker's alone once started */
  ClTrainerOptions options;
  ClNet *net;
  ClDataset *data;
  ClTrainerState state;
  char *reason;
  gboolean stopping;
  gboolean classification;
  int batch, n_classes, out_size;
  gsize in_size;

  guint32 *order;           /* this epoch's permutation of the training set */
  guint position;           /* next index into order */
  int epoch;
  int target_epoch;         /* finish when epoch reaches it; -1: no target */
  int pending_steps;
  float *x;                 /* one batch */
  float *x_augmented;       /* the batch redrawn by augmentation; NULL until first needed */
  guint32 *labels;
  float *targets;
  gboolean binary;          /* binary cross-entropy: labels become 0/1 targets */

  double last_loss, loss_smooth, accuracy_smooth;
  guint64 epoch_correct, epoch_seen;
  GArray *loss_history;     /* ClPoint; thinned by half when full */
  int history_stride;       /* steps per stored point */
  double history_sum;
  int history_count;
  GArray *test_loss_history, *test_accuracy_history, *train_accuracy_history;
  int epoch_stride;         /* epochs per stored point of the three above */
  int epoch_count;          /* epochs merged into their last point so far */
  double reference_loss;    /* what a sane loss is near: the first step's (or ln classes) */
  gboolean exploding;       /* the smoothed loss is orders of magnitude above it */
  gboolean has_test;
  double test_loss, test_accuracy;
  guint *confusion;
  ClGallery *gallery;       /* worst test samples of the last evaluation */

  GPtrArray *checkpoints;   /* GBytes */
  GArray *checkpoint_steps; /* guint64 */
  int checkpoint_every;

  guint64 step_offset;      /* steps of a model's earlier training (trainer-resume.c) */
  guint64 samples_seen;
  gint64 rate_window_start;
  guint64 rate_window_samples;
  double samples_per_second;

  float *probe_x;
  int *probe_labels;
  guint32 *probe_indices;   /* each probe's index in probe_part */
  ClDatasetPart probe_part; /* the test set, or the training set without one */
  guint probe_pool;         /* samples in probe_part */
  int n_probes;

  gint64 last_publish;
  guint64 version;
  gint64 next_step_due;     /* slow motion: monotonic time of the next step; 0: now */

  ClLandscape *landscape;   /* the last one, for display (no directions) */
  gboolean landscape_running;
  char *landscape_error;
  gint cancel_landscape;    /* atomic: set by any thread, read between rows */
  int live_every;           /* live mode: a coarse landscape every N epochs; 0: off */

  /* Inside training (engine/layer-stats.h): each layer's norms after every
   * step; the unit statistics of the last training batch seen at a
   * publication (the probes' forward overwrites the outputs after it). */
  ClNormHistory *norm_history;
  ClUnitStats *units;       /* cl_layer_stats_count_unit_layers of them */
  gboolean has_units;
  gint64 layer_stats_time;  /* when histograms and units were last counted */
};

/* Appends the current weights to the trajectory, thinning it when full. */
void _cl_trainer_add_checkpoint     (ClTrainer *t);
/* Halves the loss history (merging neighbours) until it fits the bound. */
void _cl_trainer_bound_loss_history (ClTrainer *t);
/* Halves the per-epoch histories (merging neighbours) until they fit the
 * same bound: a run of thousands of short epochs stays drawable. */
void _cl_trainer_bound_epoch_history (ClTrainer *t);
/* Continues what a trained model remembers: its curves, its step and
 * epoch counts, its landscape (the weights are copied before this). */
void _cl_trainer_resume             (ClTrainer *t, const ClTrainerStart *start);
/* Builds a snapshot of the worker's state and makes it the newest. */
void _cl_trainer_publish            (ClTrainer *t);
/* Computes a landscape around the current weights while training waits,
 * publishing the rows as they complete. */
void _cl_trainer_run_landscape      (ClTrainer *t, const ClLandscapeOptions *options);
/* Live mode's coarse landscape, at the end of every N-th epoch. */
void _cl_trainer_run_live_landscape (ClTrainer *t);

G_END_DECLS
