/* cl-app-network-canvas.h — the design drawn by render-network, and edited
 * by pointer and keyboard.
 *
 * Drops of a layer kind name (from the palette) insert it where the
 * insertion marker shows; a block dragged along the canvas moves, dragged
 * off it is removed.  Arrows select, Alt+arrows move, Delete removes.
 */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-document.h"
#include "engine/snapshot.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_NETWORK_CANVAS (cl_app_network_canvas_get_type ())

G_DECLARE_FINAL_TYPE (ClAppNetworkCanvas, cl_app_network_canvas, CL_APP, NETWORK_CANVAS, GtkWidget)

/* What a block being dragged carries: which layer of which document. */
typedef struct {
  ClAppDocument *document;  /* not a reference: checked by identity only */
  int index;
} ClAppLayerRef;

#define CL_APP_TYPE_LAYER_REF (cl_app_layer_ref_get_type ())
GType          cl_app_layer_ref_get_type          (void) G_GNUC_CONST;

void           cl_app_network_canvas_set_document (ClAppNetworkCanvas *self,
                                                   ClAppDocument      *document);
/* 1.0 for a laptop; the window's Ctrl+plus/minus step it for a projector. */
double         cl_app_network_canvas_get_zoom     (ClAppNetworkCanvas *self);
void           cl_app_network_canvas_set_zoom     (ClAppNetworkCanvas *self,
                                                   double              zoom);
/* The data's name under the input block ("Fashion-MNIST subset"); NULL:
 * the design's data source id. */
void           cl_app_network_canvas_set_input_label (ClAppNetworkCanvas *self,
                                                      const char         *label);
/* Trained weights to draw (small dense networks, as neurons and links);
 * borrowed: the caller keeps it alive until it sets another or NULL. */
void           cl_app_network_canvas_set_trained  (ClAppNetworkCanvas *self, ClNet *net);
/* The newest snapshot of the training run (referenced; NULL: none): the
 * units its Dropout layers silenced at the last step are crossed out, and
 * the neuron view's links take its weights. */
void           cl_app_network_canvas_set_snapshot (ClAppNetworkCanvas *self,
                                                   const ClSnapshot   *snapshot);
/* Where a drop at widget coordinates (x, y) would insert: 0 .. n_layers. */
int            cl_app_network_canvas_insertion_at (ClAppNetworkCanvas *self, double x, double y);
/* The centre of layer i's block in widget coordinates, FALSE if none. */
gboolean       cl_app_network_canvas_get_layer_center (ClAppNetworkCanvas *self, int i,
                                                       double *x, double *y);
/* Where unit `unit` of layer `layer` is drawn, in widget coordinates
 * (cl_render_network_unit_center); FALSE if it is not drawn on its own. */
gboolean       cl_app_network_canvas_get_unit_center (ClAppNetworkCanvas *self, int layer,
                                                      int unit, double *x, double *y);
/* The activation layer whose curve a tooltip at (x, y) shows — with the
 * inputs the run's newest snapshot gave it — or -1: not an activation
 * block, or no run of this design yet. */
int            cl_app_network_canvas_curve_layer_at (ClAppNetworkCanvas *self, double x, double y);
/* That tooltip's picture (render-activation-fn, small), NULL before the
 * first; mapped while it shows. */
GtkWidget     *cl_app_network_canvas_get_curve_tooltip (ClAppNetworkCanvas *self);
/* The insertion marker shown, -1 when none. */
int            cl_app_network_canvas_get_marker   (ClAppNetworkCanvas *self);

G_END_DECLS
