/* cl-app-inspector.h — the settings of the selected layer, as widgets
 * generated from its registry descriptors: spin buttons limited to the
 * ranges, drop-downs for choices, switches for yes/no, each with its help.
 * A change is applied at once (one undo step) and the design recompiled.
 * Layers with weights (Conv2D, Dense) also show their initialisation: the
 * kind and its scale (a normal's σ, a uniform's half-width, a constant). */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-document.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_INSPECTOR (cl_app_inspector_get_type ())

G_DECLARE_FINAL_TYPE (ClAppInspector, cl_app_inspector, CL_APP, INSPECTOR, GtkWidget)

void       cl_app_inspector_set_document (ClAppInspector *self, ClAppDocument *document);
/* The editing widget of a setting of the shown layer ("kernel"), or NULL. */
GtkWidget *cl_app_inspector_get_editor   (ClAppInspector *self, const char *setting);
/* The initialisation's drop-down, or with `scale` its spin button; NULL
 * for a layer without weights. */
GtkWidget *cl_app_inspector_get_init_editor (ClAppInspector *self, gboolean scale);

G_END_DECLS
