/* cl-app-snapshot-view.h — a picture of the newest training snapshot.
 *
 * Every panel's picture is one of these with a different render function
 * (one of src/render/): the view calls it in its snapshot vfunc with the
 * snapshot ClAppTraining took on the frame clock, and asks for a redraw
 * only when a new snapshot arrived or the panel's options changed.  The
 * PNG export calls the same function on an image surface.
 */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-training.h"
#include "render/render-style.h"

G_BEGIN_DECLS

/* Draws `snapshot` (never NULL) into (0, 0, width, height) in `style`. */
typedef gboolean (*ClAppRenderFunc) (cairo_t *cr, const ClSnapshot *snapshot,
                                     const ClRenderStyle *style, int width, int height,
                                     gpointer user_data);

#define CL_APP_TYPE_SNAPSHOT_VIEW (cl_app_snapshot_view_get_type ())

G_DECLARE_FINAL_TYPE (ClAppSnapshotView, cl_app_snapshot_view, CL_APP, SNAPSHOT_VIEW, GtkWidget)

GtkWidget *cl_app_snapshot_view_new             (ClAppTraining *training);
void       cl_app_snapshot_view_set_render_func (ClAppSnapshotView *self, ClAppRenderFunc func,
                                                 gpointer user_data, GDestroyNotify destroy);
/* What the view says before there is anything to draw. */
void       cl_app_snapshot_view_set_empty_text  (ClAppSnapshotView *self, const char *text);
/* Text and lines `scale` times larger, no text under `min_text` pixels
 * (0: the usual floor): the window's zoom and its presentation mode.
 * The PNG export keeps its own style. */
void       cl_app_snapshot_view_set_scale       (ClAppSnapshotView *self, double scale,
                                                 double min_text);
double     cl_app_snapshot_view_get_scale       (ClAppSnapshotView *self);
/* The style the view draws with: what a click's hit test must use, or a
 * zoomed picture's maps are not where the click looks for them. */
void       cl_app_snapshot_view_get_style       (ClAppSnapshotView *self, ClRenderStyle *style);
/* The panel's options changed: draw again. */
void       cl_app_snapshot_view_redraw          (ClAppSnapshotView *self);

ClAppTraining    *cl_app_snapshot_view_get_training (ClAppSnapshotView *self);
const ClSnapshot *cl_app_snapshot_view_get_snapshot (ClAppSnapshotView *self);

/* The version of the snapshot last drawn (0: none) and the number of
 * draws so far: what the tests and the frame-rate measure read. */
guint64    cl_app_snapshot_view_get_drawn_version (ClAppSnapshotView *self);
guint      cl_app_snapshot_view_get_n_draws     (ClAppSnapshotView *self);

/* Renders the current snapshot at width × height into a PNG at `path`,
 * written at `scale` (1 to CL_RENDER_MAX_SCALE) times the pixels. */
gboolean   cl_app_snapshot_view_export_png      (ClAppSnapshotView *self, const char *path,
                                                 int width, int height, int scale,
                                                 const ClRenderStyle *style, GError **error);

G_END_DECLS
