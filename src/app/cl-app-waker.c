/* cl-app-waker.c — see cl-app-waker.h. */
#include "config.h"

#include "cl-app-waker.h"

struct _ClAppWaker {
  GWeakRef owner;
  ClAppWakeFunc wake;
  gint pending;               /* atomic: a wake-up idle is queued */
};

ClAppWaker *
cl_app_waker_new (gpointer owner, ClAppWakeFunc wake)
{
  ClAppWaker *waker = g_atomic_rc_box_new0 (ClAppWaker);

  g_weak_ref_init (&waker->owner, owner);
  waker->wake = wake;
  return waker;
}

static void
waker_clear (ClAppWaker *waker)
{
  g_weak_ref_clear (&waker->owner);
}

void
cl_app_waker_unref (ClAppWaker *waker)
{
  g_atomic_rc_box_release_full (waker, (GDestroyNotify) waker_clear);
}

void
cl_app_waker_forget (ClAppWaker *waker)
{
  g_weak_ref_set (&waker->owner, NULL);
}

static gboolean
wake_in_main (gpointer data)
{
  ClAppWaker *waker = data;
  g_autoptr(GObject) owner = g_weak_ref_get (&waker->owner);

  g_atomic_int_set (&waker->pending, 0);
  if (owner != NULL)
    waker->wake (owner);
  return G_SOURCE_REMOVE;
}

void
cl_app_waker_notify (gpointer data)
{
  ClAppWaker *waker = data;

  if (g_atomic_int_compare_and_exchange (&waker->pending, 0, 1))
    g_idle_add_full (G_PRIORITY_DEFAULT, wake_in_main, g_atomic_rc_box_acquire (waker),
                     (GDestroyNotify) cl_app_waker_unref);
}
