/* cl-app-race.c — a race's snapshots on the frame clock (see the header). */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include "cl-app-race.h"
#include "cl-app-waker.h"

/* Frames without a new snapshot after which the frame clock is let go
 * while nothing runs: a publication wakes it again (as ClAppTraining). */
#define IDLE_FRAMES 30

struct _ClAppRace
{
  GObject parent_instance;

  ClRace *race;               /* NULL once stopped */
  ClAppWaker *waker;
  GtkWidget *clock_widget;    /* weak */
  guint tick_id;
  int frames_unchanged;
  ClSnapshot *snapshots[CL_RACE_MAX];
  gboolean running;
};

G_DEFINE_FINAL_TYPE (ClAppRace, cl_app_race, G_TYPE_OBJECT)

enum { SNAPSHOTS_CHANGED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- snapshots on the frame clock ---- */

static gboolean
take_snapshots (ClAppRace *self)
{
  gboolean changed = FALSE, running = FALSE;

  if (self->race == NULL)
    return FALSE;
  for (int i = 0; i < cl_race_get_n_runs (self->race); i++)
    {
      ClSnapshot *newest = cl_trainer_get_snapshot (cl_race_get_trainer (self->race, i));
      if (self->snapshots[i] != NULL && newest->version == self->snapshots[i]->version)
        cl_snapshot_unref (newest);
      else
        {
          g_clear_pointer (&self->snapshots[i], cl_snapshot_unref);
          self->snapshots[i] = newest;
          changed = TRUE;
        }
      running |= self->snapshots[i]->state == CL_TRAINER_RUNNING;
    }
  if (changed)
    {
      self->running = running;
      g_signal_emit (self, signals[SNAPSHOTS_CHANGED], 0);
    }
  return changed;
}

static gboolean
on_tick (GtkWidget *widget, GdkFrameClock *clock, gpointer data)
{
  ClAppRace *self = data;

  if (take_snapshots (self))
    self->frames_unchanged = 0;
  else if (++self->frames_unchanged > IDLE_FRAMES && !self->running)
    {
      self->tick_id = 0;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

static void
ensure_ticking (ClAppRace *self)
{
  self->frames_unchanged = 0;
  if (self->tick_id != 0 || self->clock_widget == NULL || self->race == NULL)
    return;
  self->tick_id = gtk_widget_add_tick_callback (self->clock_widget, on_tick, self, NULL);
}

/* A worker published (cl-app-waker.h): on the main thread. */
static void
on_wake (gpointer owner)
{
  ClAppRace *self = owner;

  ensure_ticking (self);
  /* Also when the window is hidden and its frame clock stopped. */
  take_snapshots (self);
}

/* ---- stopping ---- */

typedef struct {
  ClRace *race;
  ClAppWaker *waker;
} Dropped;

static void
free_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Dropped *dropped = data;

  /* Joining the workers waits for their current steps: not on the main
   * thread.  Once they are gone no notify can run, and the waker can go. */
  cl_race_free (dropped->race);
  cl_app_waker_unref (dropped->waker);
  g_free (dropped);
  g_task_return_boolean (task, TRUE);
}

/* On the main thread: the task, and with it its hold on the ClAppRace,
 * ends here rather than in the thread. */
static void
on_freed (GObject *source, GAsyncResult *result, gpointer data)
{
}

static void
drop_race (ClAppRace *self, gboolean keep_alive)
{
  if (self->race == NULL)
    return;
  if (self->tick_id != 0 && self->clock_widget != NULL)
    gtk_widget_remove_tick_callback (self->clock_widget, self->tick_id);
  self->tick_id = 0;
  cl_app_waker_forget (self->waker);
  cl_race_pause (self->race);

  Dropped *dropped = g_new0 (Dropped, 1);
  dropped->race = g_steal_pointer (&self->race);
  dropped->waker = g_steal_pointer (&self->waker);
  g_autoptr(GTask) task = g_task_new (keep_alive ? self : NULL, NULL, on_freed, NULL);
  g_task_set_task_data (task, dropped, NULL);
  g_task_run_in_thread (task, free_in_thread);
  if (self->running)
    {
      self->running = FALSE;
      g_signal_emit (self, signals[SNAPSHOTS_CHANGED], 0);
    }
}

void
cl_app_race_stop (ClAppRace *self)
{
  g_return_if_fail (CL_APP_IS_RACE (self));
  drop_race (self, TRUE);
}

/* ---- commands ---- */

void
cl_app_race_play_to_next (ClAppRace *self, int epochs)
{
  g_return_if_fail (CL_APP_IS_RACE (self));
  if (self->race == NULL)
    return;
  for (int i = 0; i < cl_race_get_n_runs (self->race); i++)
    cl_trainer_run_to_next (cl_race_get_trainer (self->race, i), MAX (epochs, 1));
  /* Shown at once; the snapshots confirm it. */
  self->running = TRUE;
  ensure_ticking (self);
}

void
cl_app_race_pause (ClAppRace *self)
{
  g_return_if_fail (CL_APP_IS_RACE (self));
  if (self->race == NULL)
    return;
  cl_race_pause (self->race);
  self->running = FALSE;
  ensure_ticking (self);
}

void
cl_app_race_step (ClAppRace *self)
{
  g_return_if_fail (CL_APP_IS_RACE (self));
  if (self->race == NULL)
    return;
  /* Step while running: stop there, one batch at a time from now on. */
  cl_race_pause (self->race);
  cl_race_step (self->race);
  self->running = FALSE;
  ensure_ticking (self);
}

void
cl_app_race_reset (ClAppRace *self)
{
  g_return_if_fail (CL_APP_IS_RACE (self));
  if (self->race == NULL)
    return;
  cl_race_pause (self->race);
  cl_race_reset (self->race);
  self->running = FALSE;
  ensure_ticking (self);
}

/* ---- getters ---- */

ClRace *
cl_app_race_get_race (ClAppRace *self)
{
  g_return_val_if_fail (CL_APP_IS_RACE (self), NULL);
  return self->race;
}

int
cl_app_race_get_n_runs (ClAppRace *self)
{
  g_return_val_if_fail (CL_APP_IS_RACE (self), 0);
  return self->race != NULL ? cl_race_get_n_runs (self->race) : 0;
}

ClSnapshot *
cl_app_race_get_snapshot (ClAppRace *self, int run)
{
  g_return_val_if_fail (CL_APP_IS_RACE (self), NULL);
  g_return_val_if_fail (run >= 0 && run < CL_RACE_MAX, NULL);
  return self->snapshots[run];
}

gboolean
cl_app_race_get_running (ClAppRace *self)
{
  g_return_val_if_fail (CL_APP_IS_RACE (self), FALSE);
  return self->running;
}

/* ---- object ---- */

static void
cl_app_race_dispose (GObject *object)
{
  ClAppRace *self = CL_APP_RACE (object);

  /* Never stopped: freed in a thread all the same, without the object. */
  drop_race (self, FALSE);
  g_clear_weak_pointer (&self->clock_widget);
  G_OBJECT_CLASS (cl_app_race_parent_class)->dispose (object);
}

static void
cl_app_race_finalize (GObject *object)
{
  ClAppRace *self = CL_APP_RACE (object);

  for (int i = 0; i < CL_RACE_MAX; i++)
    g_clear_pointer (&self->snapshots[i], cl_snapshot_unref);
  G_OBJECT_CLASS (cl_app_race_parent_class)->finalize (object);
}

static void
cl_app_race_class_init (ClAppRaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cl_app_race_dispose;
  object_class->finalize = cl_app_race_finalize;

  /* New snapshots were taken (or the race stopped): redraw. */
  signals[SNAPSHOTS_CHANGED] =
    g_signal_new ("snapshots-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                  NULL, NULL, G_TYPE_NONE, 0);
}

static void
cl_app_race_init (ClAppRace *self)
{
}

ClAppRace *
cl_app_race_new (ClRace *race, GtkWidget *clock_widget)
{
  g_return_val_if_fail (race != NULL, NULL);

  ClAppRace *self = g_object_new (CL_APP_TYPE_RACE, NULL);
  self->race = race;
  g_set_weak_pointer (&self->clock_widget, clock_widget);
  self->waker = cl_app_waker_new (self, on_wake);
  for (int i = 0; i < cl_race_get_n_runs (race); i++)
    cl_trainer_set_notify (cl_race_get_trainer (race, i), cl_app_waker_notify, self->waker);
  take_snapshots (self);
  ensure_ticking (self);
  return self;
}
