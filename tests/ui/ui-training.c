#include "config.h"

#include "ui-harness.h"
#include "ui-training.h"

/* What a wait watches: the training, and the number it waits for. */
typedef struct {
  ClAppTraining *training;
  gint64 value;
} Watch;

static const ClSnapshot *
newest (const Watch *w)
{
  return cl_app_training_get_snapshot (w->training);
}

static gboolean
can_train (gpointer data)
{
  return cl_app_training_get_can_train (((Watch *) data)->training);
}

static gboolean
stepped_past (gpointer data)
{
  const ClSnapshot *s = newest (data);
  return s != NULL && (gint64) s->step > ((Watch *) data)->value;
}

static gboolean
epochs_done (gpointer data)
{
  const ClSnapshot *s = newest (data);
  return s != NULL && s->epoch >= ((Watch *) data)->value;
}

static gboolean
in_state (gpointer data)
{
  const ClSnapshot *s = newest (data);
  return s != NULL && s->state == (ClTrainerState) ((Watch *) data)->value;
}

gboolean
cl_test_ui_wait_can_train (ClAppTraining *training, guint timeout_ms)
{
  Watch w = { training, 0 };
  return cl_test_ui_wait_until (can_train, &w, timeout_ms);
}

gboolean
cl_test_ui_wait_step_past (ClAppTraining *training, guint64 step, guint timeout_ms)
{
  Watch w = { training, (gint64) step };
  return cl_test_ui_wait_until (stepped_past, &w, timeout_ms);
}

gboolean
cl_test_ui_wait_epochs (ClAppTraining *training, int epochs, guint timeout_ms)
{
  Watch w = { training, epochs };
  return cl_test_ui_wait_until (epochs_done, &w, timeout_ms);
}

gboolean
cl_test_ui_wait_state (ClAppTraining *training, ClTrainerState state, guint timeout_ms)
{
  Watch w = { training, state };
  return cl_test_ui_wait_until (in_state, &w, timeout_ms);
}

guint64
cl_test_ui_step (ClAppTraining *training)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (training);
  return s != NULL ? s->step : 0;
}
