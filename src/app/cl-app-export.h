/* cl-app-export.h — "Export PNG…" of a panel: size, background and theme
 * in a small dialog, then a file chooser, then the panel's own render
 * function on an image surface (cl_app_snapshot_view_export_png). */
#pragma once

#include "cl-app-snapshot-view.h"

G_BEGIN_DECLS

/* `basename` suggests the file name ("filters.png"). */
void cl_app_export_present (ClAppSnapshotView *view, const char *basename);

G_END_DECLS
