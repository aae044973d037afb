/* model-history.h — a model remembers how it was trained.
 *
 * cl_model_save_snapshot() stores the snapshot's loss and accuracy
 * histories in the model's metadata ("history", compact JSON), so that
 * `convlab-cli export curves` can draw them long after training.  Bounded:
 * at most CL_MODEL_HISTORY_MAX_POINTS training points (evenly thinned) and
 * the last CL_MODEL_HISTORY_MAX_EPOCHS epochs — a few tens of kilobytes.
 *
 *   {"loss": [[step, loss], …], "test_loss": [[epoch, v], …],
 *    "test_accuracy": […], "train_accuracy": […]}     (NaN as null)
 */
#pragma once

#include <glib.h>

#include "engine/snapshot.h"

G_BEGIN_DECLS

#define CL_MODEL_HISTORY_MAX_POINTS 1000
#define CL_MODEL_HISTORY_MAX_EPOCHS 1000
/* What a step or an epoch read back may be: whole numbers that a resumed
 * trainer counts on from (a step is a guint64 exact in a double, an epoch
 * an int with room to count on). */
#define CL_MODEL_HISTORY_MAX_STEP  9007199254740992.0   /* 2^53 */
#define CL_MODEL_HISTORY_MAX_EPOCH 1000000000.0

typedef struct {
  GArray *loss;             /* ClPoint: step, training loss */
  GArray *test_loss;        /* ClPoint: epoch, value; the three have one length */
  GArray *test_accuracy;
  GArray *train_accuracy;
} ClModelHistory;

/* The metadata text for a snapshot's histories, or NULL when it has none. */
char           *cl_model_history_to_json   (const ClSnapshot *snapshot);
/* Parses it back; NULL and an error naming `path` when it is malformed:
 * every field type-checked, steps and epochs whole and in range. */
ClModelHistory *cl_model_history_from_json (const char *json, const char *path, GError **error);
/* A model file's history: NULL without an error when it holds none. */
ClModelHistory *cl_model_load_history      (const char *path, GError **error);
void            cl_model_history_free      (ClModelHistory *history);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClModelHistory, cl_model_history_free)

G_END_DECLS
