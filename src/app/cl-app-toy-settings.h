/* cl-app-toy-settings.h — the settings of a toy data set (points, noise,
 * test part, classes, seed) in a popover: noisy data and overfitting are
 * part of the course, so the noise is one click away. */
#pragma once

#include <gtk/gtk.h>

#include "engine/dataset.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_TOY_SETTINGS (cl_app_toy_settings_get_type ())

G_DECLARE_FINAL_TYPE (ClAppToySettings, cl_app_toy_settings, CL_APP, TOY_SETTINGS, GtkPopover)

GtkWidget *cl_app_toy_settings_new         (void);
/* Shows `options` without emitting "changed". */
void       cl_app_toy_settings_set_options (ClAppToySettings *self, const ClToyOptions *options);
void       cl_app_toy_settings_get_options (ClAppToySettings *self, ClToyOptions *options);

G_END_DECLS
