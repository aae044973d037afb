/* cl-app-race.h — a race (engine/race.h) in the window: its runs'
 * newest snapshots taken on a frame clock, as ClAppTraining does for one
 * run, so the main thread never waits on a worker.
 *
 * The race's trainers wake the main loop when they publish; the snapshots
 * are taken on the frame clock and "snapshots-changed" is emitted.
 * cl_app_race_stop () (or the last unref) pauses the runs and frees them
 * in a thread, since joining a worker waits for its step; the object
 * itself lives until that is done, so a weak reference on it tells when
 * no thread of the race is left.
 */
#pragma once

#include <gtk/gtk.h>

#include "engine/race.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_RACE (cl_app_race_get_type ())
G_DECLARE_FINAL_TYPE (ClAppRace, cl_app_race, CL_APP, RACE, GObject)

/* Takes `race`; `clock_widget` gives the frame clock. */
ClAppRace  *cl_app_race_new            (ClRace *race, GtkWidget *clock_widget);
/* The race, or NULL once stopped. */
ClRace     *cl_app_race_get_race       (ClAppRace *self);
int         cl_app_race_get_n_runs     (ClAppRace *self);
/* Run `run`'s newest snapshot taken on the frame clock (NULL before the
 * first); borrowed until the next "snapshots-changed". */
ClSnapshot *cl_app_race_get_snapshot   (ClAppRace *self, int run);
/* Some run is running (or was asked to). */
gboolean    cl_app_race_get_running    (ClAppRace *self);

/* Commands to every run.  play_to_next runs each to the end of its run of
 * `epochs` (as Play in the main window), never without end. */
void        cl_app_race_play_to_next   (ClAppRace *self, int epochs);
void        cl_app_race_pause          (ClAppRace *self);
void        cl_app_race_step           (ClAppRace *self);
void        cl_app_race_reset          (ClAppRace *self);
/* Pauses every run and frees the race in a thread. */
void        cl_app_race_stop           (ClAppRace *self);

G_END_DECLS
