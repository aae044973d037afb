/* cl-app-explorer-neuron.h — the neuron explorer: one neuron with up to
 * eight inputs whose values, weights, bias and activation are edited as
 * numbers beside the picture or dragged in it (render-neuron.c draws it),
 * with the course's students and presets.
 */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-explorer.h"
#include "render/render-neuron.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_EXPLORER_NEURON (cl_app_explorer_neuron_get_type ())
G_DECLARE_FINAL_TYPE (ClAppExplorerNeuron, cl_app_explorer_neuron, CL_APP, EXPLORER_NEURON,
                      GtkWidget)

/* A ClAppExplorerNew: the neuron needs neither the document nor the
 * training. */
GtkWidget      *cl_app_explorer_neuron_new        (ClAppDocument *document,
                                                   ClAppTraining *training);
/* The neuron as it is now: what the tests compare the picture with. */
const ClNeuron *cl_app_explorer_neuron_get_neuron (ClAppExplorerNeuron *self);
/* The picture (what a pointer drags in) and the spin button of weight i
 * (i from 0) or, for i = -1, of the bias. */
GtkWidget      *cl_app_explorer_neuron_get_picture (ClAppExplorerNeuron *self);
GtkWidget      *cl_app_explorer_neuron_get_weight_spin (ClAppExplorerNeuron *self, int i);
/* Where the picture draws weight i's label, in the picture's coordinates. */
gboolean        cl_app_explorer_neuron_get_weight_point (ClAppExplorerNeuron *self, int i,
                                                         double *x, double *y);

G_END_DECLS
