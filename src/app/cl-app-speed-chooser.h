/* cl-app-speed-chooser.h — the training speed beside Play: full speed or
 * slow motion (30, 10, 5, 2 or 1 steps a second) so a class can watch the
 * network learn.  The speed is a training setting of the design, edited
 * through the document: undoable and saved with it. */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-document.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_SPEED_CHOOSER (cl_app_speed_chooser_get_type ())

G_DECLARE_FINAL_TYPE (ClAppSpeedChooser, cl_app_speed_chooser, CL_APP, SPEED_CHOOSER, GtkWidget)

GtkWidget *cl_app_speed_chooser_new (ClAppDocument *document);

/* The speed one step slower (`faster` FALSE) or faster than `speed` in
 * the chooser's presets (full speed is the fastest, 1 step a second the
 * slowest); a speed between presets goes to the next one that way.
 * Returns `speed` itself at either end. */
int cl_app_speed_chooser_next (int speed, gboolean faster);

/* The drop-down itself, for tests that drive it as a user would. */
GtkDropDown *cl_app_speed_chooser_get_drop_down (ClAppSpeedChooser *self);

G_END_DECLS
