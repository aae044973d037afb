/* cl-app-explorers.c — the list of explorers, in the course's order.
 *
 * Adding one is a line here: its widget (cl-app-explorer-NAME.c, which
 * implements ClAppExplorer) and its render file do the rest; the Explorers
 * window, the main window's menu and win.explorer('NAME') follow this
 * table, and tests/ui/test-explorers.c opens and exports every entry. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-explorer-activations.h"
#include "cl-app-explorer-descent.h"
#include "cl-app-explorer-init.h"
#include "cl-app-explorer-neuron.h"
#include "cl-app-explorer-backprop.h"
#include "cl-app-explorer-convolution.h"
#include "cl-app-explorer-kernels.h"
#include "cl-app-explorer-pooling.h"
#include "cl-app-explorer.h"

/* In the course's order: the neuron, its activation, how it learns, where
 * it starts, how the gradient is found; then the convolution's. */
static const ClAppExplorerInfo explorers[] = {
  { "neuron", N_("The Neuron"), "convlab-layer-dense-symbolic", "neuron.png", cl_app_explorer_neuron_new },
  { "activations", N_("Activation Functions"), "convlab-act-sigmoid-symbolic", "activation-functions.png",
    cl_app_explorer_activations_new },
  { "descent", N_("Gradient Descent"), "go-down-symbolic", "descent.png", cl_app_explorer_descent_new },
  { "init", N_("Initialisation"), "media-playlist-shuffle-symbolic", "initialisation.png", cl_app_explorer_init_new },
  { "backprop", N_("Backpropagation"), "media-seek-backward-symbolic", "backprop.png",
    cl_app_explorer_backprop_new },
  { "convolution", N_("Convolution, Pixel by Pixel"), "view-grid-symbolic", "convolution.png",
    cl_app_explorer_convolution_new },
  { "pooling", N_("Pooling"), "view-app-grid-symbolic", "pooling.png", cl_app_explorer_pooling_new },
  { "kernels", N_("Kernels by Hand"), "applications-graphics-symbolic", "kernels.png",
    cl_app_explorer_kernels_new },
  { NULL, NULL, NULL, NULL, NULL },
};

const ClAppExplorerInfo *
cl_app_explorers (guint *n_explorers)
{
  *n_explorers = G_N_ELEMENTS (explorers) - 1;
  return explorers;
}

const ClAppExplorerInfo *
cl_app_explorer_lookup (const char *id)
{
  guint n;
  const ClAppExplorerInfo *all = cl_app_explorers (&n);

  for (guint i = 0; i < n && id != NULL; i++)
    if (g_str_equal (all[i].id, id))
      return &all[i];
  return NULL;
}
