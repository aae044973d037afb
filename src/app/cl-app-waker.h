/* cl-app-waker.h — a trainer's notify (cl_trainer_set_notify) that wakes
 * the main loop for an object that may be gone by then.
 *
 * The worker thread calls the notify after each publication; it must not
 * block and must not call GTK.  The object that shows the snapshots (the
 * window's training, a race, the Initialisation explorer) may be finalized
 * on the main thread while a notify is under way, so the notify holds not
 * the object but this box: a weak reference to it, and one queued idle at
 * a time however fast the worker publishes.  The box is freed after the
 * trainers (and so their last notify) are gone.
 */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _ClAppWaker ClAppWaker;

/* Called on the main thread with the owner, alive for the call. */
typedef void (*ClAppWakeFunc) (gpointer owner);

/* `owner` is a GObject, held weakly. */
ClAppWaker *cl_app_waker_new    (gpointer owner, ClAppWakeFunc wake);
/* The function to give cl_trainer_set_notify, with the waker as its data. */
void        cl_app_waker_notify (gpointer waker);
/* The owner is going: wake-ups already queued do nothing. */
void        cl_app_waker_forget (ClAppWaker *waker);
void        cl_app_waker_unref  (ClAppWaker *waker);

G_END_DECLS
