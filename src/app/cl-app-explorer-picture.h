/* cl-app-explorer-picture.h — the picture of an explorer (all but
 * Activation Functions, whose tests look for its GtkDrawingArea): a widget
 * that draws with one render function through gtk_snapshot_append_cairo,
 * in the window's light or dark style and at the explorer's zoom, so the
 * screen and the Export PNG are the same drawing.  And the page that
 * Convolution, Pooling and Kernels by Hand put it on: a wrapping row of
 * labelled controls above the picture, built by the functions at the end. */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-explorer.h"
#include "render/render-style.h"

G_BEGIN_DECLS

/* Draws into (0, 0, width, height) in `style`; FALSE: nothing to draw
 * (what ClAppExplorerInterface.render returns). */
typedef gboolean (*ClAppExplorerDrawFunc) (cairo_t *cr, const ClRenderStyle *style, int width,
                                           int height, gpointer user_data);

#define CL_APP_TYPE_EXPLORER_PICTURE (cl_app_explorer_picture_get_type ())

G_DECLARE_FINAL_TYPE (ClAppExplorerPicture, cl_app_explorer_picture, CL_APP, EXPLORER_PICTURE,
                      GtkWidget)

GtkWidget *cl_app_explorer_picture_new       (ClAppExplorerDrawFunc draw, gpointer user_data);
/* Zoom and presentation: text and lines `scale` times larger, none under
 * `min_text` pixels (0: the usual floor). */
void       cl_app_explorer_picture_set_scale (ClAppExplorerPicture *self, double scale,
                                              double min_text);
/* Paints the render's own background instead of letting the window's
 * show through (the default: transparent). */
void       cl_app_explorer_picture_set_opaque (ClAppExplorerPicture *self, gboolean opaque);
/* The style it draws with now: what a click's hit test must use. */
void       cl_app_explorer_picture_get_style (ClAppExplorerPicture *self, ClRenderStyle *style);
/* The numbers changed: draw again. */
void       cl_app_explorer_picture_redraw    (ClAppExplorerPicture *self);
/* Draws so far: what the tests wait on. */
guint      cl_app_explorer_picture_get_n_draws (ClAppExplorerPicture *self);
/* Draws with the picture's function into any cairo context (Export PNG). */
gboolean   cl_app_explorer_picture_render    (ClAppExplorerPicture *self, cairo_t *cr,
                                              const ClRenderStyle *style, int width, int height);

/* The ClAppExplorer interface of an explorer drawn by the one
 * ClAppExplorerPicture inside it: Export PNG is that picture's drawing,
 * the zoom is its.  G_IMPLEMENT_INTERFACE (CL_APP_TYPE_EXPLORER, this). */
void       cl_app_explorer_picture_iface_init (ClAppExplorerInterface *iface);

/* The page: a vertical box with the explorers' margins, the only child
 * of `explorer` (whose layout is a GtkBinLayout); unparent it in dispose. */
GtkWidget *cl_app_explorer_page_new          (GtkWidget *explorer);
/* The wrapping row of controls, at most `max_per_line` pieces a line. */
GtkWidget *cl_app_explorer_controls_new      (guint max_per_line);
/* Appends "Caption [widget]" to the row as one piece, the caption's
 * mnemonic focusing `widget`; `tooltip` (or NULL) on the widget.  Returns
 * the piece, to hide it with the widget. */
GtkWidget *cl_app_explorer_controls_add      (GtkWidget *controls, const char *mnemonic,
                                              GtkWidget *widget, const char *tooltip);

G_END_DECLS
