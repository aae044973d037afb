/* cl-app-explorer-window.h — the Explorers window: every explorer (see
 * cl-app-explorer.h) as a page, chosen in a sidebar, with Export PNG…,
 * full screen for the projector (F11, pictures drawn for the back row) and
 * Ctrl+plus/minus.
 *
 * One per main window, made on first use and kept while the main window
 * lives (closing hides it, so an explorer keeps its state): explorers read
 * that window's document and training.  It is a separate window, not a
 * transient dialog, so a teacher can put it full screen on the projector
 * while the network stays on the laptop's screen.
 */
#pragma once

#include <adwaita.h>

#include "cl-app-explorer.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_EXPLORER_WINDOW (cl_app_explorer_window_get_type ())
G_DECLARE_FINAL_TYPE (ClAppExplorerWindow, cl_app_explorer_window, CL_APP, EXPLORER_WINDOW,
                      AdwWindow)

/* A window with a page for every explorer of cl_app_explorers (). */
ClAppExplorerWindow *cl_app_explorer_window_new        (ClAppDocument *document,
                                                        ClAppTraining *training);
/* Adds a page for `info` (which must outlive the window) at the end. */
void       cl_app_explorer_window_add                  (ClAppExplorerWindow *self,
                                                        const ClAppExplorerInfo *info);
/* Shows the page of explorer `id` (making its widget on first show);
 * FALSE when there is none of that name. */
gboolean   cl_app_explorer_window_show                 (ClAppExplorerWindow *self, const char *id);
/* The explorer widget of page `id`, made if it was not yet; NULL when
 * there is no such page. */
GtkWidget *cl_app_explorer_window_get_explorer         (ClAppExplorerWindow *self, const char *id);
/* The id of the page shown, or NULL when there are no pages. */
const char *cl_app_explorer_window_get_visible_id      (ClAppExplorerWindow *self);
/* Full screen, the sidebar and header hidden, pictures at the
 * presentation scale; Escape leaves. */
void       cl_app_explorer_window_set_presenting       (ClAppExplorerWindow *self,
                                                        gboolean presenting);
gboolean   cl_app_explorer_window_get_presenting       (ClAppExplorerWindow *self);
/* The scale and smallest text the explorers are drawn with now. */
void       cl_app_explorer_window_get_style            (ClAppExplorerWindow *self,
                                                        double *scale, double *min_text);
/* Writes the shown explorer's picture as a PNG at `path` (what Export
 * PNG… does after its dialog). */
gboolean   cl_app_explorer_window_export_png           (ClAppExplorerWindow *self,
                                                        const char *path, int width, int height,
                                                        int scale, const ClRenderStyle *style,
                                                        GError **error);

G_END_DECLS
