#pragma once

#include <adwaita.h>

#include "cl-app-application.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_WINDOW (cl_app_window_get_type ())

G_DECLARE_FINAL_TYPE (ClAppWindow, cl_app_window, CL_APP, WINDOW, AdwApplicationWindow)

ClAppWindow *cl_app_window_new (ClAppApplication *application);

G_END_DECLS
