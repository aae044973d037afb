/* trainer.h — training in a worker thread beside a responsive window.
 *
 * The worker owns the network instance and reads the dataset (immutable,
 * shared).  Callers send commands, which the worker takes in order between
 * steps; it publishes immutable snapshots (snapshot.h) at most every
 * `publish_interval_ms` and at every change of state.  Nothing here calls
 * GTK: the window takes the newest snapshot on its frame clock, the command
 * line waits for them.
 */
#pragma once

#include <glib.h>

#include "engine/dataset.h"
#include "engine/landscape.h"
#include "engine/model-history.h"
#include "engine/net.h"
#include "engine/net-spec.h"
#include "engine/snapshot.h"

G_BEGIN_DECLS

typedef struct {
  int probe_count;          /* samples whose activations snapshots carry; default 4 */
  int mask_count;           /* samples whose dropout masks they carry; default 4 */
  int checkpoint_every;     /* steps between parameter checkpoints; default 5,
                             * doubled each time they are thinned */
  int max_checkpoints;      /* memory bound: thinned by half when full; default 64 */
  int publish_interval_ms;  /* default 33 (about 30 per second) */
  int threads;              /* OpenMP threads of the worker; 0: the engine's default */
  int history_max;          /* loss points kept before halving; default 4096 */
  gboolean follow_speed;    /* pace running to the design's speed (slow motion, for a
                             * class watching the window); default FALSE: full speed,
                             * as the CLI, the landscape and the benchmarks want */
} ClTrainerOptions;

typedef struct _ClTrainer ClTrainer;

void        cl_trainer_options_init      (ClTrainerOptions *options);

/* Compiles the design for its batch size, initialises it from its seed and
 * starts the worker (idle).  The design must fit the data (input shape and
 * number of classes); otherwise NULL and an error that says why. */
ClTrainer  *cl_trainer_new               (const ClNetSpec *spec, ClDataset *data,
                                          const ClTrainerOptions *options, GError **error);
/* Where a trainer starts other than its design's seed: a trained model
 * (model-file.h) and what the file remembers.  Every field may be NULL;
 * the caller keeps them (they are copied). */
typedef struct {
  const ClNet *net;                 /* weights and running statistics (same design) */
  const ClModelHistory *history;    /* its curves: training continues them */
  const ClLandscape *landscape;     /* shown until another is computed */
} ClTrainerStart;

/* cl_trainer_new() from a model: a net of another design is refused with
 * the engine's CL_ERROR_MISMATCH.  Its optimiser starts afresh (a model
 * file does not keep the moments). */
ClTrainer  *cl_trainer_new_from          (const ClNetSpec *spec, ClDataset *data,
                                          const ClTrainerOptions *options,
                                          const ClTrainerStart *start, GError **error);
/* Stops the worker (after its current step) and frees everything. */
void        cl_trainer_free              (ClTrainer *trainer);

/* Commands: they return at once; the worker carries them out in order. */
void        cl_trainer_play              (ClTrainer *trainer);
void        cl_trainer_pause             (ClTrainer *trainer);
void        cl_trainer_step              (ClTrainer *trainer);     /* one batch, then paused */
void        cl_trainer_run_epochs        (ClTrainer *trainer, int epochs); /* then finished */
/* Runs of `run_epochs` each: trains to the end of the run under way (the
 * next multiple of run_epochs above the current epoch), then finished.
 * After the end of one, the next run of as many: never without end. */
void        cl_trainer_run_to_next       (ClTrainer *trainer, int run_epochs);
void        cl_trainer_reset             (ClTrainer *trainer);     /* re-initialise from the seed */
void        cl_trainer_evaluate          (ClTrainer *trainer);     /* test loss now */
void        cl_trainer_set_learning_rate (ClTrainer *trainer, double lr);
/* Optimiser and its hyper-parameters, between steps (batch size and epochs
 * are not changed by this: they need a new trainer). */
void        cl_trainer_set_train         (ClTrainer *trainer, const ClTrainSettings *settings);

/* A loss landscape around the current weights, computed in the worker
 * while training waits; snapshots carry it (partial while it runs, with
 * landscape_running).  Cancel stops it within a row and drops it. */
void        cl_trainer_compute_landscape (ClTrainer *trainer, const ClLandscapeOptions *options);
void        cl_trainer_cancel_landscape  (ClTrainer *trainer);
/* Live mode: a coarse 15×15 landscape at the end of every N-th epoch
 * (PCA axes once the path has three checkpoints); 0 turns it off. */
void        cl_trainer_set_live_landscape (ClTrainer *trainer, int every_epochs);

/* The first probe becomes sample `index` (modulo their number) of the test
 * set, or of the training set when there is no test part: the image the
 * Activations panel follows through the layers.  Published at once. */
void        cl_trainer_set_probe         (ClTrainer *trainer, guint32 index);

/* The newest snapshot (never NULL); unref it when done. */
ClSnapshot *cl_trainer_get_snapshot      (ClTrainer *trainer);
/* Waits until a snapshot newer than `version` is published, or the timeout
 * (in microseconds) passes; returns the newest either way. */
ClSnapshot *cl_trainer_wait_snapshot     (ClTrainer *trainer, guint64 version, gint64 timeout_us);
/* Called in the worker thread after each publication.  It must not block
 * and must not call GTK: the window uses it to wake its main context. */
void        cl_trainer_set_notify        (ClTrainer *trainer, void (*notify) (gpointer data),
                                          gpointer data);

/* Runs the net and the trainer's checks without starting anything: can
 * this design train on this data? */
gboolean    cl_trainer_check_fits        (const ClNetSpec *spec, ClDataset *data, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClTrainer, cl_trainer_free)

G_END_DECLS
