#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>

#include "engine/error.h"
#include "engine/export-private.h"

ClLayerPlan *
cl_export_plan (const ClNetSpec *spec, GError **error)
{
  int n = cl_net_spec_get_n_layers (spec);
  g_autofree ClLayerPlan *plans = g_new0 (ClLayerPlan, MAX (n, 1));

  /* The design's own check first: its message names the failing layer. */
  if (!cl_net_spec_check (spec, NULL, NULL, error) || !cl_net_spec_plan (spec, plans, error))
    return NULL;
  return g_steal_pointer (&plans);
}

double
cl_export_setting (const ClNetSpec *spec, int i, const char *name)
{
  return cl_net_spec_get_setting (spec, i, name);
}

void
cl_export_refuse (GError **error, const ClNetSpec *spec, int i, const char *target)
{
  const ClLayerKind *kind = cl_net_spec_get_layer_kind (spec, i);
  /* Translators: "Layer 3 (Maxout) cannot be exported to ONNX: …"; the last
   * %s is PyTorch or ONNX. */
  g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
               _("Layer %d (%s) cannot be exported to %s: this kind has no translation "
                 "there yet. Remove or replace the layer to export the network."),
               i + 1, kind->name, target);
}

gboolean
cl_export_kind_is (const ClLayerKind *kind, const char *name)
{
  return g_ascii_strcasecmp (kind->name, name) == 0;
}
