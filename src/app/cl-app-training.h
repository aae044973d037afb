/* cl-app-training.h — the window's training run: a ClTrainer built from the
 * document's design and the loaded data, and the newest snapshot for the
 * panels.
 *
 * The trainer is built lazily, when Play or Step is pressed, and built again
 * when the design or the data changed since.  Learning rate and optimiser
 * changes reach a running trainer at once.  The worker wakes the main loop
 * when it publishes; the snapshot is then taken on the frame clock, so the
 * main thread never waits for the worker.
 */
#pragma once

#include <gtk/gtk.h>

#include "engine/dataset.h"
#include "engine/design-file.h"
#include "engine/landscape.h"
#include "engine/model-history.h"
#include "engine/net.h"
#include "engine/snapshot.h"
#include "engine/trainer.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_TRAINING (cl_app_training_get_type ())

G_DECLARE_FINAL_TYPE (ClAppTraining, cl_app_training, CL_APP, TRAINING, GObject)

/* `clock_widget` gives the frame clock the snapshots are taken on. */
ClAppTraining    *cl_app_training_new             (GtkWidget *clock_widget);

/* The design to train (NULL or invalid_reason set: cannot train, and why)
 * and the data (NULL: not loaded yet).  Called on every change; a change
 * other than the optimiser settings pauses a running trainer and marks it
 * stale: the next Play starts a new one. */
void              cl_app_training_set_design      (ClAppTraining *self, const ClDesign *design,
                                                   ClDataset *data, const char *invalid_reason);

gboolean          cl_app_training_get_can_train   (ClAppTraining *self);
/* Why the design cannot train now, or NULL. */
const char       *cl_app_training_get_why_not     (ClAppTraining *self);
/* Running (or asked to run): Play shows Pause. */
gboolean          cl_app_training_get_running     (ClAppTraining *self);
/* The design changed since the trainer was built. */
gboolean          cl_app_training_get_stale       (ClAppTraining *self);

/* Commands; each builds the trainer first if needed.  FALSE (and a toast
 * message in error) when it could not be built. */
gboolean          cl_app_training_play_pause      (ClAppTraining *self, GError **error);
gboolean          cl_app_training_step            (ClAppTraining *self, GError **error);
void              cl_app_training_reset           (ClAppTraining *self);
/* Another document replaces this one (New, Open, an example): the run,
 * its pictures and an opened model's start are dropped; the panels show
 * nothing until the next Play. */
void              cl_app_training_forget          (ClAppTraining *self);
void              cl_app_training_compute_landscape (ClAppTraining *self,
                                                     const ClLandscapeOptions *options,
                                                     GError **error);
void              cl_app_training_cancel_landscape (ClAppTraining *self);
void              cl_app_training_set_live_landscape (ClAppTraining *self, int every_epochs);

/* A model opened in the window (takes all four; NULL design: none): the
 * trainer of its design starts from its weights and shows its curves and
 * landscape, built as soon as the data is there.  Reset forgets it. */
void              cl_app_training_set_start       (ClAppTraining *self, const ClDesign *design,
                                                   ClNet *net, ClModelHistory *history,
                                                   ClLandscape *landscape);
/* Writes the newest snapshot as a model file (model-file.h) — weights,
 * design, curves, landscape — in a thread, training going on. */
void              cl_app_training_save_model_async  (ClAppTraining *self, const char *path,
                                                     GAsyncReadyCallback callback,
                                                     gpointer user_data);
gboolean          cl_app_training_save_model_finish (ClAppTraining *self, GAsyncResult *result,
                                                     GError **error);
/* Epochs trained since the run's weights were last saved (or opened): a
 * close that would lose them asks first.  Steps short of an epoch are not
 * counted as work to keep. */
int               cl_app_training_get_unsaved_epochs (ClAppTraining *self);

/* The test image the Activations panel follows: the trainer's first probe,
 * now and in every trainer built later. */
void              cl_app_training_set_probe       (ClAppTraining *self, guint index);

/* The user's own input — drawn on the Activations panel's pad or opened
 * from an image file — for every view that takes one (the convolution
 * explainer): channels × height × width floats in the network's input
 * normalisation (what the network is given, as cl_input_normalise makes
 * it).  The setter copies (NULL clears) and emits "user-input-changed";
 * the getter's pointer is borrowed until the next change, NULL when there
 * is none (the sizes then 0). */
void              cl_app_training_set_user_input  (ClAppTraining *self, const float *pixels,
                                                   int channels, int height, int width);
const float      *cl_app_training_get_user_input  (ClAppTraining *self, int *channels,
                                                   int *height, int *width);

/* The newest snapshot taken on the frame clock, or NULL before any
 * trainer; borrowed until the next "snapshot-changed". */
const ClSnapshot *cl_app_training_get_snapshot    (ClAppTraining *self);
/* The data the current trainer learns from (toy views draw its points). */
ClDataset        *cl_app_training_get_data        (ClAppTraining *self);
/* The data loaded for the design of now (NULL while loading), whatever
 * the current trainer learns from: what a race of that design trains on. */
ClDataset        *cl_app_training_get_loaded_data (ClAppTraining *self);

G_END_DECLS
