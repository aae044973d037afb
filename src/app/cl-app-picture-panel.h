/* cl-app-picture-panel.h — a panel below the canvas that shows one
 * picture of the training: a row of controls, the picture
 * (ClAppSnapshotView) and its "Export PNG…" button. */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-snapshot-view.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_PICTURE_PANEL (cl_app_picture_panel_get_type ())

G_DECLARE_FINAL_TYPE (ClAppPicturePanel, cl_app_picture_panel, CL_APP, PICTURE_PANEL, GtkBox)

/* `export_name` is the file name the export suggests ("filters.png"). */
GtkWidget         *cl_app_picture_panel_new         (ClAppTraining *training,
                                                     const char *export_name,
                                                     const char *empty_text);
/* Adds a control at the end of the row, before the export button. */
void               cl_app_picture_panel_add_control (ClAppPicturePanel *self, GtkWidget *control);
/* Adds a widget under the picture (a time-line, say). */
void               cl_app_picture_panel_add_footer  (ClAppPicturePanel *self, GtkWidget *footer);
/* Puts a widget on the left of the picture (the Activations panel's
 * drawing pad). */
void               cl_app_picture_panel_add_beside  (ClAppPicturePanel *self, GtkWidget *widget);
ClAppSnapshotView *cl_app_picture_panel_get_view    (ClAppPicturePanel *self);
/* What "Export PNG…" does: the dialog, then the file chooser. */
void               cl_app_picture_panel_export      (ClAppPicturePanel *self);
void               cl_app_picture_panel_set_export_name (ClAppPicturePanel *self,
                                                         const char *export_name);

G_END_DECLS
