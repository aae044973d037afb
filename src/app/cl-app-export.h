/* cl-app-export.h — "Export PNG…" of a panel: size, background and theme
 * in a small dialog, then a file chooser, then the panel's own render
 * function on an image surface (cl_app_snapshot_view_export_png). */
#pragma once

#include "cl-app-snapshot-view.h"

G_BEGIN_DECLS

/* `basename` suggests the file name ("filters.png"). */
void cl_app_export_present (ClAppSnapshotView *view, const char *basename);

/* Draws a picture into (0, 0, width, height) in `style`; FALSE: nothing
 * to draw. */
typedef gboolean (*ClAppExportDraw) (cairo_t *cr, const ClRenderStyle *style, int width,
                                     int height, gpointer user_data);

/* The same dialog and chooser for any picture (an explorer's): `anchor`
 * is the widget whose window the dialog belongs to and whose toast
 * overlay reports; `draw` is called with `user_data` (which must live as
 * long as `anchor`). */
void     cl_app_export_present_draw (GtkWidget *anchor, const char *basename,
                                     ClAppExportDraw draw, gpointer user_data);

/* Draws with `draw` at width × height on an image surface at `scale`
 * (1 to CL_RENDER_MAX_SCALE) and writes it as a PNG at `path`. */
gboolean cl_app_export_draw_png     (ClAppExportDraw draw, gpointer user_data, const char *path,
                                     int width, int height, int scale, const ClRenderStyle *style,
                                     GError **error);

G_END_DECLS
