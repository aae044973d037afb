/* cl-app-explorer-activations.h — the Activation Functions explorer: f and
 * f′ of the course's functions with their settings, and the inputs a layer
 * of the network receives while it trains, under its curve. */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-document.h"
#include "cl-app-explorer.h"
#include "cl-app-training.h"
#include "engine/activation.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_EXPLORER_ACTIVATIONS (cl_app_explorer_activations_get_type ())

G_DECLARE_FINAL_TYPE (ClAppExplorerActivations, cl_app_explorer_activations, CL_APP,
                      EXPLORER_ACTIVATIONS, GtkWidget)

/* A ClAppExplorerNew: the explorers table creates it. */
GtkWidget   *cl_app_explorer_activations_new          (ClAppDocument *document,
                                                       ClAppTraining *training);

/* What it shows, for tests and lessons. */
ClActivation cl_app_explorer_activations_get_function (ClAppExplorerActivations *self);
void         cl_app_explorer_activations_set_function (ClAppExplorerActivations *self,
                                                       ClActivation kind);
/* The layer of the design whose inputs are drawn, -1 for none; FALSE when
 * that layer is not an activation. */
gboolean     cl_app_explorer_activations_set_layer    (ClAppExplorerActivations *self, int layer);
int          cl_app_explorer_activations_get_layer    (ClAppExplorerActivations *self);
/* How many of the layer's inputs the histogram counts now (0: none), and
 * the snapshot they are from (NULL: none). */
gsize        cl_app_explorer_activations_get_n_samples (ClAppExplorerActivations *self);
const ClSnapshot *cl_app_explorer_activations_get_snapshot (ClAppExplorerActivations *self);
/* Whether the pointer is over the plots, and the x it points at. */
gboolean     cl_app_explorer_activations_get_hover     (ClAppExplorerActivations *self,
                                                        double *x);

G_END_DECLS
