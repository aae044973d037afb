/* cl-app-compare-window.h — the Compare Runs window: two to four variants
 * of the main window's design that differ in one setting (engine/race.h),
 * trained side by side on its data, their curves on one chart
 * (render/render-race.h), with Play/Pause/Step/Reset for all, Export PNG…,
 * full screen for the projector (F11) and Ctrl+plus/minus.
 *
 * One per main window, made on first use (win.compare, Ctrl+K) and kept
 * while the main window lives: closing it stops the race (its trainers
 * are freed in a thread) but keeps the chosen setting and values.  The
 * race trains its own copies of the design taken when it was built: an
 * edit in the main window does not touch it; the next Play after the
 * setting or the values changed builds a new race from the design of now.
 */
#pragma once

#include <adwaita.h>

#include "cl-app-document.h"
#include "cl-app-race.h"
#include "cl-app-training.h"
#include "engine/design-file.h"
#include "render/render-style.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_COMPARE_WINDOW (cl_app_compare_window_get_type ())
G_DECLARE_FINAL_TYPE (ClAppCompareWindow, cl_app_compare_window, CL_APP, COMPARE_WINDOW,
                      AdwWindow)

/* The main window's design (`document`) and data (`training`). */
ClAppCompareWindow *cl_app_compare_window_new      (ClAppDocument *document,
                                                    ClAppTraining *training);
/* Chooses the setting and its values (2 to CL_RACE_MAX; NULL values: the
 * defaults for this design) and, when `play`, starts the race — as soon
 * as the main window's data is loaded.  What a lesson does. */
void        cl_app_compare_window_compare          (ClAppCompareWindow *self,
                                                    ClRaceSetting setting,
                                                    const char *const *values, gboolean play);
/* The race shown, or NULL before the first Play (or after closing). */
ClAppRace  *cl_app_compare_window_get_race         (ClAppCompareWindow *self);
/* Run `run`'s design: the base design the race was built from with its
 * one setting changed, named after the variant (a copy). */
ClDesign   *cl_app_compare_window_dup_run_design   (ClAppCompareWindow *self, int run);
/* The chart widget and the run's legend words (for tests). */
GtkWidget  *cl_app_compare_window_get_chart        (ClAppCompareWindow *self);
const char *cl_app_compare_window_get_run_label    (ClAppCompareWindow *self, int run);
void        cl_app_compare_window_set_presenting   (ClAppCompareWindow *self,
                                                    gboolean presenting);
gboolean    cl_app_compare_window_get_presenting   (ClAppCompareWindow *self);
/* Writes the chart as a PNG (what Export PNG… does after its dialog). */
gboolean    cl_app_compare_window_export_png       (ClAppCompareWindow *self, const char *path,
                                                    int width, int height, int scale,
                                                    const ClRenderStyle *style, GError **error);
/* Save Race… and Open Race… after their dialogs (a race file and its
 * runs as models, engine/race-file.h).  Saving is done in a thread; a
 * toast says when it is written or why not.  Opening reads the file at
 * once (FALSE and an error naming it when it cannot be read), then loads
 * its design's data in a thread and shows the runs where they were saved,
 * ready to train on. */
void        cl_app_compare_window_save_race_file   (ClAppCompareWindow *self, GFile *file);
gboolean    cl_app_compare_window_open_race_file   (ClAppCompareWindow *self, GFile *file,
                                                    GError **error);

/* Signal "open-run" (int run): Open in a New Window of that run. */

G_END_DECLS
