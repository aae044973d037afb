/* cl-app-explorers.c — the list of explorers, in the course's order.
 *
 * Adding one is a line here: its widget (cl-app-explorer-NAME.c, which
 * implements ClAppExplorer) and its render file do the rest; the Explorers
 * window, the main window's menu and win.explorer('NAME') follow this
 * table, and tests/ui/test-explorers.c opens and exports every entry. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-explorer-convolution.h"
#include "cl-app-explorer-kernels.h"
#include "cl-app-explorer-pooling.h"
#include "cl-app-explorer.h"

static const ClAppExplorerInfo explorers[] = {
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
