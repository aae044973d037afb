#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CL_APP_TYPE_APPLICATION (cl_app_application_get_type ())

G_DECLARE_FINAL_TYPE (ClAppApplication, cl_app_application, CL_APP, APPLICATION, AdwApplication)

ClAppApplication *cl_app_application_new          (void);
/* The application's settings, or NULL when the schema is not installed
 * (an uninstalled binary started by hand): the window then simply does not
 * remember its size. */
GSettings        *cl_app_application_get_settings (ClAppApplication *self);

G_END_DECLS
