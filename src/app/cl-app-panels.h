/* cl-app-panels.h — the picture panels below the canvas.  Each is a
 * ClAppPicturePanel set up with its render function, its options and the
 * controls that change them (one file each: cl-app-panel-*.c). */
#pragma once

#include "cl-app-picture-panel.h"

G_BEGIN_DECLS

GtkWidget *cl_app_panel_filters_new     (ClAppTraining *training);
GtkWidget *cl_app_panel_activations_new (ClAppTraining *training);
GtkWidget *cl_app_panel_dropout_new     (ClAppTraining *training);
GtkWidget *cl_app_panel_curves_new      (ClAppTraining *training);
GtkWidget *cl_app_panel_landscape_new   (ClAppTraining *training);

/* What the tests and the UI share: "‹  Image 2 of 4  ›" buttons that call
 * `changed (user_data, delta)`; returns the box holding them. */
GtkWidget *cl_app_panel_stepper_new     (const char *previous_tooltip, const char *next_tooltip,
                                         void (*changed) (gpointer user_data, int delta),
                                         gpointer user_data, GtkLabel **label);

G_END_DECLS
