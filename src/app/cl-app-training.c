#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cl-app-training.h"
#include "cl-app-waker.h"
#include "engine/model-file.h"

/* Frames without a new snapshot after which the frame clock is let go
 * while nothing runs: the worker wakes it again when it publishes. */
#define IDLE_FRAMES 30

struct _ClAppTraining
{
  GObject parent_instance;

  GtkWidget *clock_widget;    /* weak */
  guint tick_id;
  int frames_unchanged;

  /* What the user wants trained now. */
  ClDesign *design;
  ClDataset *data;
  char *why_not;

  /* A model opened in the window: the next trainer of its design starts
   * from its weights, curves and landscape (until Reset or another file). */
  ClNet *start_net;
  ClModelHistory *start_history;
  ClLandscape *start_landscape;
  char *start_key;
  gboolean start_shown;       /* a trainer was built from it already */

  /* What is being trained. */
  ClTrainer *trainer;
  ClDesign *trainer_design;   /* with the optimiser settings it has now */
  ClAppWaker *waker;       /* the trainer's notify data */
  ClDataset *trainer_data;
  char *trainer_key;
  gboolean stale;
  int live_every;

  ClSnapshot *snapshot;
  gboolean running;
  gint64 probe;               /* the chosen first probe, or -1: the trainer's own */
  int saved_epoch;            /* the epoch of the run's weights last saved or opened */
  guint run;                  /* counts the trainers built: which run a save was of */

  /* The image the user drew or opened (Activations panel), in the
   * network's input normalisation, or NULL: for every view that takes an
   * input (the convolution explainer). */
  float *user_input;
  int user_channels, user_height, user_width;
};

G_DEFINE_FINAL_TYPE (ClAppTraining, cl_app_training, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CAN_TRAIN,
  PROP_WHY_NOT,
  PROP_RUNNING,
  PROP_STALE,
  N_PROPS
};

enum {
  SNAPSHOT_CHANGED,
  USER_INPUT_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Everything in a design a running trainer cannot take: the optimiser's
 * settings and the epoch count are sent to it, the rest needs a new one. */
static char *
structural_key (const ClDesign *design)
{
  g_autoptr(ClDesign) copy = cl_design_copy (design);
  ClTrainSettings *train = cl_net_spec_get_train (copy->spec);
  const ClTrainSettings *given = cl_net_spec_peek_train (design->spec);

  g_clear_pointer (&copy->name, g_free);
  memset (train, 0, sizeof *train);
  train->loss = given->loss;
  train->batch_size = given->batch_size;
  train->seed = given->seed;
  return cl_design_to_json (copy);
}

static void
set_running (ClAppTraining *self, gboolean running)
{
  if (self->running == running)
    return;
  self->running = running;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static void
set_stale (ClAppTraining *self, gboolean stale)
{
  if (self->stale == stale)
    return;
  self->stale = stale;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STALE]);
}

/* ---- the frame clock ------------------------------------------------------ */

static gboolean
take_snapshot (ClAppTraining *self)
{
  if (self->trainer == NULL)
    return FALSE;

  ClSnapshot *newest = cl_trainer_get_snapshot (self->trainer);
  if (self->snapshot != NULL && newest->version == self->snapshot->version
      && newest->spec == self->snapshot->spec)
    {
      cl_snapshot_unref (newest);
      return FALSE;
    }
  g_clear_pointer (&self->snapshot, cl_snapshot_unref);
  self->snapshot = newest;
  set_running (self, newest->state == CL_TRAINER_RUNNING);
  g_signal_emit (self, signals[SNAPSHOT_CHANGED], 0);
  return TRUE;
}

static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  ClAppTraining *self = data;

  if (take_snapshot (self))
    self->frames_unchanged = 0;
  else if (++self->frames_unchanged > IDLE_FRAMES && !self->running
           && (self->snapshot == NULL || !self->snapshot->landscape_running))
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
ensure_ticking (ClAppTraining *self)
{
  self->frames_unchanged = 0;
  if (self->tick_id != 0 || self->clock_widget == NULL)
    return;
  self->tick_id = gtk_widget_add_tick_callback (self->clock_widget, on_tick, self, NULL);
}

/* A worker published (cl-app-waker.h): on the main thread. */
static void
on_wake (gpointer owner)
{
  ClAppTraining *self = owner;

  ensure_ticking (self);
  /* Also when the window is hidden and its frame clock stopped. */
  take_snapshot (self);
}

/* ---- the trainer ----------------------------------------------------------- */

typedef struct {
  ClTrainer *trainer;
  ClAppWaker *waker;
} Dropped;

static void
free_trainer_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Dropped *dropped = data;

  /* Joining the worker waits for its current step: not on the main thread.
   * Once it is gone no notify can run, and the waker can go. */
  cl_trainer_free (dropped->trainer);
  cl_app_waker_unref (dropped->waker);
  g_free (dropped);
  g_task_return_boolean (task, TRUE);
}

static void
drop_trainer (ClAppTraining *self)
{
  if (self->trainer == NULL)
    return;
  Dropped *dropped = g_new0 (Dropped, 1);
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  cl_app_waker_forget (self->waker);
  cl_trainer_pause (self->trainer);
  dropped->trainer = g_steal_pointer (&self->trainer);
  dropped->waker = g_steal_pointer (&self->waker);
  g_task_set_task_data (task, dropped, NULL);
  g_task_run_in_thread (task, free_trainer_in_thread);
  g_clear_pointer (&self->trainer_data, cl_dataset_unref);
  g_clear_pointer (&self->trainer_key, g_free);
  g_clear_pointer (&self->trainer_design, cl_design_free);
}

static void
clear_start (ClAppTraining *self)
{
  g_clear_pointer (&self->start_net, cl_net_free);
  g_clear_pointer (&self->start_history, cl_model_history_free);
  g_clear_pointer (&self->start_landscape, cl_landscape_free);
  g_clear_pointer (&self->start_key, g_free);
  self->start_shown = FALSE;
}

static gboolean
ensure_trainer (ClAppTraining *self, GError **error)
{
  if (self->trainer != NULL && !self->stale)
    return TRUE;
  if (self->why_not != NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, self->why_not);
      return FALSE;
    }

  ClTrainerOptions options;
  cl_trainer_options_init (&options);
  /* The window is where a class watches: the design's speed applies. */
  options.follow_speed = TRUE;
  /* The Curves panel draws every point of the loss history 30 times a
   * second on a machine whose cores train: 512 points (then halved and
   * refilled) are about one per pixel of a panel, at an eighth of the
   * drawing of the default 4 096 (measured: 83% of convlab-cli's
   * throughput with Curves on screen at 4 096 points, 90% at 512;
   * bench/ui-responsiveness.sh). */
  options.history_max = 512;
  /* A publication waits for the step under way, so 33 ms gives about 28
   * pictures a second; 30 ms gives the 30 a smooth animation needs. */
  options.publish_interval_ms = 30;
  g_autofree char *key = structural_key (self->design);
  gboolean from_model = self->start_key != NULL && g_str_equal (key, self->start_key);
  ClTrainerStart start = { self->start_net, self->start_history, self->start_landscape };
  ClTrainer *trainer = cl_trainer_new_from (self->design->spec, self->data, &options,
                                            from_model ? &start : NULL, error);
  if (trainer == NULL)
    return FALSE;

  drop_trainer (self);
  self->trainer = trainer;
  self->trainer_data = cl_dataset_ref (self->data);
  self->trainer_key = g_steal_pointer (&key);
  self->trainer_design = cl_design_copy (self->design);
  if (from_model)
    {
      /* The confusion matrix and the test figures on this data, now. */
      cl_trainer_evaluate (trainer);
      self->start_shown = TRUE;
    }
  cl_trainer_set_live_landscape (trainer, self->live_every);
  if (self->probe >= 0)
    cl_trainer_set_probe (trainer, (guint32) self->probe);
  self->waker = cl_app_waker_new (self, on_wake);
  cl_trainer_set_notify (trainer, cl_app_waker_notify, self->waker);
  set_stale (self, FALSE);
  ensure_ticking (self);
  take_snapshot (self);
  self->saved_epoch = self->snapshot->epoch;
  self->run++;
  return TRUE;
}

/* An opened model is shown as soon as it can be: its pictures are what
 * the user opened it for, before any Play. */
static void
show_start (ClAppTraining *self)
{
  if (self->start_key == NULL || self->start_shown || self->why_not != NULL
      || (self->trainer != NULL && !self->stale))
    return;
  g_autofree char *key = structural_key (self->design);
  if (g_str_equal (key, self->start_key))
    ensure_trainer (self, NULL);
}

/* ---- public ----------------------------------------------------------------- */

void
cl_app_training_set_design (ClAppTraining *self, const ClDesign *design, ClDataset *data,
                            const char *invalid_reason)
{
  g_return_if_fail (CL_APP_IS_TRAINING (self));

  gboolean could = cl_app_training_get_can_train (self);
  g_autofree char *old_why = g_steal_pointer (&self->why_not);

  g_clear_pointer (&self->design, cl_design_free);
  if (design != NULL)
    self->design = cl_design_copy (design);
  if (data != NULL)
    cl_dataset_ref (data);
  g_clear_pointer (&self->data, cl_dataset_unref);
  self->data = data;

  if (invalid_reason != NULL)
    self->why_not = g_strdup (invalid_reason);
  else if (design == NULL || cl_net_spec_get_n_layers (design->spec) == 0)
    self->why_not = g_strdup (_("Add layers to the network to train it."));
  else if (data == NULL)
    self->why_not = g_strdup (_("The data is still loading."));

  if (self->trainer != NULL)
    {
      g_autofree char *key = design != NULL ? structural_key (design) : NULL;
      if (data != self->trainer_data || g_strcmp0 (key, self->trainer_key) != 0)
        {
          /* Another network or other data: the old run stops, its last
           * pictures stay until Play starts the new one. */
          cl_trainer_pause (self->trainer);
          set_stale (self, TRUE);
        }
      else if (!self->stale)
        {
          cl_trainer_set_train (self->trainer, cl_net_spec_peek_train (design->spec));
          cl_design_free (self->trainer_design);
          self->trainer_design = cl_design_copy (design);
        }
    }
  show_start (self);

  if (g_strcmp0 (old_why, self->why_not) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WHY_NOT]);
  if (could != cl_app_training_get_can_train (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_TRAIN]);
}

gboolean
cl_app_training_get_can_train (ClAppTraining *self)
{
  g_return_val_if_fail (CL_APP_IS_TRAINING (self), FALSE);
  return self->why_not == NULL;
}

const char *
cl_app_training_get_why_not (ClAppTraining *self)
{
  g_return_val_if_fail (CL_APP_IS_TRAINING (self), NULL);
  return self->why_not;
}

gboolean
cl_app_training_get_running (ClAppTraining *self)
{
  g_return_val_if_fail (CL_APP_IS_TRAINING (self), FALSE);
  return self->running;
}

gboolean
cl_app_training_get_stale (ClAppTraining *self)
{
  g_return_val_if_fail (CL_APP_IS_TRAINING (self), FALSE);
  return self->stale;
}

gboolean
cl_app_training_play_pause (ClAppTraining *self, GError **error)
{
  g_return_val_if_fail (CL_APP_IS_TRAINING (self), FALSE);

  if (self->running && !self->stale)
    {
      cl_trainer_pause (self->trainer);
      set_running (self, FALSE);
      return TRUE;
    }
  if (!ensure_trainer (self, error))
    return FALSE;

  /* Play runs to the end of the current run of the design's number of
   * epochs; after the end it starts the next run of as many.  Never
   * without end: thousands of XOR epochs a second would go on until
   * someone pressed Pause. */
  cl_trainer_run_to_next (self->trainer, cl_net_spec_peek_train (self->design->spec)->epochs);
  /* Shown at once; the snapshots confirm it (or say it diverged). */
  set_running (self, TRUE);
  ensure_ticking (self);
  return TRUE;
}

gboolean
cl_app_training_step (ClAppTraining *self, GError **error)
{
  g_return_val_if_fail (CL_APP_IS_TRAINING (self), FALSE);

  if (!ensure_trainer (self, error))
    return FALSE;
  /* Step while running: stop there, one batch at a time from now on. */
  if (self->running)
    cl_trainer_pause (self->trainer);
  cl_trainer_step (self->trainer);
  set_running (self, FALSE);
  ensure_ticking (self);
  return TRUE;
}

void
cl_app_training_reset (ClAppTraining *self)
{
  g_return_if_fail (CL_APP_IS_TRAINING (self));

  /* Reset means the seed's weights: the opened model is not come back to. */
  clear_start (self);
  if (self->trainer == NULL)
    return;
  if (self->stale)
    {
      /* Reset after an edit: start from the new design's weights. */
      drop_trainer (self);
      g_clear_pointer (&self->snapshot, cl_snapshot_unref);
      set_stale (self, FALSE);
      set_running (self, FALSE);
      g_signal_emit (self, signals[SNAPSHOT_CHANGED], 0);
      ensure_trainer (self, NULL);
      return;
    }
  cl_trainer_reset (self->trainer);
  /* The user threw these weights away: nothing left to keep. */
  self->saved_epoch = 0;
  self->run++;
  set_running (self, FALSE);
  ensure_ticking (self);
}

void
cl_app_training_forget (ClAppTraining *self)
{
  g_return_if_fail (CL_APP_IS_TRAINING (self));

  clear_start (self);
  drop_trainer (self);
  g_clear_pointer (&self->snapshot, cl_snapshot_unref);
  self->saved_epoch = 0;
  self->run++;
  set_stale (self, FALSE);
  set_running (self, FALSE);
  /* The panels go back to their empty state, as in a new window. */
  g_signal_emit (self, signals[SNAPSHOT_CHANGED], 0);
}

void
cl_app_training_compute_landscape (ClAppTraining *self, const ClLandscapeOptions *options,
                                   GError **error)
{
  g_return_if_fail (CL_APP_IS_TRAINING (self));

  if (!ensure_trainer (self, error))
    return;
  cl_trainer_compute_landscape (self->trainer, options);
  ensure_ticking (self);
}

void
cl_app_training_cancel_landscape (ClAppTraining *self)
{
  g_return_if_fail (CL_APP_IS_TRAINING (self));

  if (self->trainer != NULL)
    cl_trainer_cancel_landscape (self->trainer);
}

void
cl_app_training_set_live_landscape (ClAppTraining *self, int every_epochs)
{
  g_return_if_fail (CL_APP_IS_TRAINING (self));

  self->live_every = every_epochs;
  if (self->trainer != NULL)
    cl_trainer_set_live_landscape (self->trainer, every_epochs);
}

void
cl_app_training_set_probe (ClAppTraining *self, guint index)
{
  g_return_if_fail (CL_APP_IS_TRAINING (self));

  self->probe = index;
  if (self->trainer != NULL)
    {
      cl_trainer_set_probe (self->trainer, index);
      ensure_ticking (self);
    }
}

void
cl_app_training_set_start (ClAppTraining *self, const ClDesign *design, ClNet *net,
                           ClModelHistory *history, ClLandscape *landscape)
{
  g_return_if_fail (CL_APP_IS_TRAINING (self));

  clear_start (self);
  if (design == NULL)
    {
      g_clear_pointer (&net, cl_net_free);
      g_clear_pointer (&history, cl_model_history_free);
      g_clear_pointer (&landscape, cl_landscape_free);
      return;
    }
  self->start_net = net;
  self->start_history = history;
  self->start_landscape = landscape;
  self->start_key = structural_key (design);
  show_start (self);
}

typedef struct {
  ClDesign *design;
  ClSnapshot *snapshot;
  char *path;
  guint run;
} Saving;

static void
saving_free (Saving *saving)
{
  cl_design_free (saving->design);
  cl_snapshot_unref (saving->snapshot);
  g_free (saving->path);
  g_free (saving);
}

static void
save_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Saving *saving = data;
  GError *error = NULL;

  if (cl_model_save_snapshot (saving->design, saving->snapshot, saving->path, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
cl_app_training_save_model_async (ClAppTraining *self, const char *path,
                                  GAsyncReadyCallback callback, gpointer user_data)
{
  g_return_if_fail (CL_APP_IS_TRAINING (self));

  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  if (self->snapshot == NULL || self->trainer_design == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                               _("There is no trained network to save: press Play or Step first."));
      return;
    }
  Saving *saving = g_new0 (Saving, 1);
  saving->design = cl_design_copy (self->trainer_design);
  saving->snapshot = cl_snapshot_ref (self->snapshot);
  saving->path = g_strdup (path);
  saving->run = self->run;
  g_task_set_task_data (task, saving, (GDestroyNotify) saving_free);
  /* The snapshot is immutable: the worker trains on while the file is written. */
  g_task_run_in_thread (task, save_in_thread);
}

gboolean
cl_app_training_save_model_finish (ClAppTraining *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  Saving *saving = g_task_get_task_data (G_TASK (result));
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  /* Only this run's: a file of an earlier one does not hold these weights. */
  if (saving->run == self->run)
    self->saved_epoch = MAX (self->saved_epoch, saving->snapshot->epoch);
  return TRUE;
}

int
cl_app_training_get_unsaved_epochs (ClAppTraining *self)
{
  g_return_val_if_fail (CL_APP_IS_TRAINING (self), 0);

  if (self->snapshot == NULL)
    return 0;
  return MAX (0, self->snapshot->epoch - self->saved_epoch);
}

const ClSnapshot *
cl_app_training_get_snapshot (ClAppTraining *self)
{
  g_return_val_if_fail (CL_APP_IS_TRAINING (self), NULL);
  return self->snapshot;
}

ClDataset *
cl_app_training_get_data (ClAppTraining *self)
{
  g_return_val_if_fail (CL_APP_IS_TRAINING (self), NULL);
  return self->trainer_data != NULL ? self->trainer_data : self->data;
}

ClDataset *
cl_app_training_get_loaded_data (ClAppTraining *self)
{
  g_return_val_if_fail (CL_APP_IS_TRAINING (self), NULL);
  return self->data;
}

void
cl_app_training_set_user_input (ClAppTraining *self, const float *pixels, int channels,
                                int height, int width)
{
  g_return_if_fail (CL_APP_IS_TRAINING (self));
  g_return_if_fail (pixels == NULL
                    || (channels > 0 && channels <= (int) CL_DATASET_MAX_CHANNELS && height > 0
                        && height <= (int) CL_DATASET_MAX_SIDE && width > 0
                        && width <= (int) CL_DATASET_MAX_SIDE));

  g_clear_pointer (&self->user_input, g_free);
  self->user_channels = self->user_height = self->user_width = 0;
  if (pixels != NULL)
    {
      self->user_input = g_memdup2 (pixels, (gsize) channels * height * width * sizeof (float));
      self->user_channels = channels;
      self->user_height = height;
      self->user_width = width;
    }
  g_signal_emit (self, signals[USER_INPUT_CHANGED], 0);
}

const float *
cl_app_training_get_user_input (ClAppTraining *self, int *channels, int *height, int *width)
{
  g_return_val_if_fail (CL_APP_IS_TRAINING (self), NULL);
  if (channels != NULL)
    *channels = self->user_channels;
  if (height != NULL)
    *height = self->user_height;
  if (width != NULL)
    *width = self->user_width;
  return self->user_input;
}

/* ---- object -------------------------------------------------------------------- */

static void
cl_app_training_dispose (GObject *object)
{
  ClAppTraining *self = CL_APP_TRAINING (object);

  if (self->tick_id != 0 && self->clock_widget != NULL)
    gtk_widget_remove_tick_callback (self->clock_widget, self->tick_id);
  self->tick_id = 0;
  g_clear_weak_pointer (&self->clock_widget);
  drop_trainer (self);
  G_OBJECT_CLASS (cl_app_training_parent_class)->dispose (object);
}

static void
cl_app_training_finalize (GObject *object)
{
  ClAppTraining *self = CL_APP_TRAINING (object);

  g_clear_pointer (&self->snapshot, cl_snapshot_unref);
  g_clear_pointer (&self->design, cl_design_free);
  g_clear_pointer (&self->data, cl_dataset_unref);
  g_free (self->why_not);
  g_free (self->user_input);
  clear_start (self);
  G_OBJECT_CLASS (cl_app_training_parent_class)->finalize (object);
}

static void
cl_app_training_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  ClAppTraining *self = CL_APP_TRAINING (object);

  switch (prop_id)
    {
    case PROP_CAN_TRAIN:
      g_value_set_boolean (value, cl_app_training_get_can_train (self));
      break;
    case PROP_WHY_NOT:
      g_value_set_string (value, self->why_not);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_STALE:
      g_value_set_boolean (value, self->stale);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cl_app_training_class_init (ClAppTrainingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cl_app_training_dispose;
  object_class->finalize = cl_app_training_finalize;
  object_class->get_property = cl_app_training_get_property;

  properties[PROP_CAN_TRAIN] =
    g_param_spec_boolean ("can-train", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_WHY_NOT] =
    g_param_spec_string ("why-not", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STALE] =
    g_param_spec_boolean ("stale", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* A new snapshot was taken (or the trainer was replaced): redraw. */
  signals[SNAPSHOT_CHANGED] =
    g_signal_new ("snapshot-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
  /* The user's own input was drawn, opened or cleared. */
  signals[USER_INPUT_CHANGED] =
    g_signal_new ("user-input-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
}

static void
cl_app_training_init (ClAppTraining *self)
{
  self->probe = -1;
}

ClAppTraining *
cl_app_training_new (GtkWidget *clock_widget)
{
  ClAppTraining *self = g_object_new (CL_APP_TYPE_TRAINING, NULL);

  g_set_weak_pointer (&self->clock_widget, clock_widget);
  return self;
}
