/* cl-app-explorer.h — an explorer: a small, exact, interactive picture of
 * one idea of the course (the neuron, gradient descent, a convolution…).
 *
 * Explorers are not training panels: they live in the Explorers window
 * (cl-app-explorer-window.c), one page each, listed in cl-app-explorers.c.
 * Each is a GtkWidget that implements this interface, with its picture
 * drawn by one render function in src/render/ — the function its snapshot
 * calls on screen and `render` calls for Export PNG, so render tests can
 * check its pixels without GTK.
 */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-document.h"
#include "cl-app-training.h"
#include "render/render-style.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_EXPLORER (cl_app_explorer_get_type ())
G_DECLARE_INTERFACE (ClAppExplorer, cl_app_explorer, CL_APP, EXPLORER, GtkWidget)

struct _ClAppExplorerInterface
{
  GTypeInterface parent_iface;

  /* Draws what the explorer shows now into (0, 0, width, height) in
   * `style`: its Export PNG.  FALSE: nothing to draw. */
  gboolean (*render)    (ClAppExplorer *self, cairo_t *cr, const ClRenderStyle *style,
                         int width, int height);
  /* Text and lines `scale` times larger, no text under `min_text` pixels
   * (0: the usual floor): Ctrl+plus and the presentation mode. */
  void     (*set_style) (ClAppExplorer *self, double scale, double min_text);
};

/* What an explorer is given: the main window's document (the design being
 * edited) and its training (the newest snapshot, the trainer).  Either may
 * be used or ignored. */
typedef GtkWidget *(*ClAppExplorerNew) (ClAppDocument *document, ClAppTraining *training);

typedef struct
{
  const char      *id;          /* "neuron": win.explorer's target, lesson files use it */
  const char      *title;       /* N_("The Neuron"), translated when shown */
  const char      *icon;        /* a symbolic icon name */
  const char      *export_name; /* "neuron.png" */
  ClAppExplorerNew create;
} ClAppExplorerInfo;

gboolean cl_app_explorer_render    (ClAppExplorer *self, cairo_t *cr, const ClRenderStyle *style,
                                    int width, int height);
void     cl_app_explorer_set_style (ClAppExplorer *self, double scale, double min_text);

/* Every explorer, in the course's order (cl-app-explorers.c). */
const ClAppExplorerInfo *cl_app_explorers       (guint *n_explorers);
/* The explorer called `id`, or NULL. */
const ClAppExplorerInfo *cl_app_explorer_lookup (const char *id);

G_END_DECLS
