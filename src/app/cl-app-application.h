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
/* The interface language chosen in the menu: "" for the system's, "fr" or
 * "en". Setting it saves it and switches gettext (and with it the number
 * format) for the windows built from then on. */
const char       *cl_app_application_get_language (ClAppApplication *self);
void              cl_app_application_set_language (ClAppApplication *self,
                                                   const char       *code);

G_END_DECLS
