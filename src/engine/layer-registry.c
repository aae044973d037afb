#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <string.h>

#include "engine/layer-private.h"

/* The one list of kinds, in palette order: layers first, then activations. */
static const ClLayerKind * const kinds[] = {
  &cl_layer_dense,
  &cl_layer_conv2d,
  &cl_layer_maxpool2d,
  &cl_layer_avgpool2d,
  &cl_layer_flatten,
  &cl_layer_dropout,
  &cl_layer_batchnorm,
  &cl_layer_sigmoid,
  &cl_layer_tanh,
  &cl_layer_relu,
  &cl_layer_leaky_relu,
  &cl_layer_prelu,
  &cl_layer_rrelu,
  &cl_layer_elu,
  &cl_layer_maxout,
  &cl_layer_softmax,
};

int
cl_layer_registry_get_n_kinds (void)
{
  return G_N_ELEMENTS (kinds);
}

const ClLayerKind *
cl_layer_registry_get_kind (int i)
{
  g_return_val_if_fail (i >= 0 && i < (int) G_N_ELEMENTS (kinds), NULL);
  return kinds[i];
}

const ClLayerKind *
cl_layer_registry_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strcmp (kinds[i]->name, name) == 0)
      return kinds[i];
  return NULL;
}

int
cl_layer_kind_find_setting (const ClLayerKind *kind, const char *name)
{
  g_return_val_if_fail (kind != NULL && name != NULL, -1);
  for (int i = 0; i < kind->n_settings; i++)
    if (strcmp (kind->settings[i].name, name) == 0)
      return i;
  return -1;
}

gboolean
cl_layer_kind_has_weights (const ClLayerKind *kind)
{
  double settings[CL_LAYER_MAX_SETTINGS];
  ClLayerPlan plan = { 0 };

  g_return_val_if_fail (kind != NULL, FALSE);
  /* Planned with its defaults on an input every kind accepts: the kind of
   * its tensors does not depend on the sizes. */
  for (int i = 0; i < kind->n_settings; i++)
    settings[i] = kind->settings[i].def;
  if (!kind->plan (settings, (ClShape) { 3, 32, 32 }, 1, &plan, NULL))
    return FALSE;
  for (int j = 0; j < plan.n_params; j++)
    if (plan.params[j].fill == CL_FILL_WEIGHT)
      return TRUE;
  return FALSE;
}

void
cl_tensor_info_set (ClTensorInfo *t, const char *name, ClFill fill, float value,
                    int ndim, const int *dims)
{
  t->name = name;
  t->fill = fill;
  t->value = value;
  t->ndim = ndim;
  t->count = 1;
  for (int i = 0; i < ndim; i++)
    {
      t->dims[i] = dims[i];
      t->count *= (guint64) dims[i];
    }
}
