/* cl-app-explorer.c — the explorer interface's dispatch. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include "cl-app-explorer.h"

G_DEFINE_INTERFACE (ClAppExplorer, cl_app_explorer, GTK_TYPE_WIDGET)

static void
cl_app_explorer_default_init (ClAppExplorerInterface *iface)
{
}

gboolean
cl_app_explorer_render (ClAppExplorer *self, cairo_t *cr, const ClRenderStyle *style, int width,
                        int height)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER (self), FALSE);

  ClAppExplorerInterface *iface = CL_APP_EXPLORER_GET_IFACE (self);
  return iface->render != NULL && iface->render (self, cr, style, width, height);
}

void
cl_app_explorer_set_style (ClAppExplorer *self, double scale, double min_text)
{
  g_return_if_fail (CL_APP_IS_EXPLORER (self));

  ClAppExplorerInterface *iface = CL_APP_EXPLORER_GET_IFACE (self);
  if (iface->set_style != NULL)
    iface->set_style (self, scale, min_text);
}
