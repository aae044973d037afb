/* cl-app-columns.h — children side by side when the width holds all their
 * minimums, one under the other when it does not: the Training panel's
 * settings and figures in a wide window, stacked at 1024×768 in French,
 * never behind a sideways scroll. */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CL_APP_TYPE_COLUMNS (cl_app_columns_get_type ())
G_DECLARE_FINAL_TYPE (ClAppColumns, cl_app_columns, CL_APP, COLUMNS, GtkWidget)

GtkWidget *cl_app_columns_new         (int spacing);
int        cl_app_columns_get_spacing (ClAppColumns *self);
void       cl_app_columns_set_spacing (ClAppColumns *self, int spacing);
/* Whether the children are side by side at the width last allocated. */
gboolean   cl_app_columns_get_side_by_side (ClAppColumns *self);

G_END_DECLS
