#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <string.h>

#include "engine/net-spec.h"

typedef struct {
  const ClLayerKind *kind;
  double settings[CL_LAYER_MAX_SETTINGS];
  ClInitKind init;
  double init_value;
} LayerSpec;

struct _ClNetSpec {
  ClShape input;
  GArray *layers;  /* LayerSpec */
  ClTrainSettings train;
};

ClNetSpec *
cl_net_spec_new (int c, int h, int w)
{
  ClNetSpec *spec = g_new0 (ClNetSpec, 1);
  spec->input = (ClShape) { c, h, w };
  spec->layers = g_array_new (FALSE, TRUE, sizeof (LayerSpec));
  /* PyTorch's defaults, so a design behaves like the course's scripts. */
  spec->train = (ClTrainSettings) {
    .loss = CL_LOSS_CROSS_ENTROPY,
    .optimiser = CL_OPTIM_SGD,
    .lr = 0.01,
    .momentum = 0.9,
    .beta1 = 0.9,
    .beta2 = 0.999,
    .rho = 0.99,
    .eps = 1e-8,
    .weight_decay = 0.0,
    .batch_size = 64,
    .epochs = 10,
    .seed = 1,
    .speed = 0,
  };
  return spec;
}

ClNetSpec *
cl_net_spec_copy (const ClNetSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);
  ClNetSpec *copy = g_new0 (ClNetSpec, 1);
  copy->input = spec->input;
  copy->train = spec->train;
  copy->layers = g_array_copy (spec->layers);
  return copy;
}

void
cl_net_spec_free (ClNetSpec *spec)
{
  if (spec == NULL)
    return;
  g_array_unref (spec->layers);
  g_free (spec);
}

void
cl_net_spec_set_input (ClNetSpec *spec, int c, int h, int w)
{
  g_return_if_fail (spec != NULL);
  spec->input = (ClShape) { c, h, w };
}

ClShape
cl_net_spec_get_input (const ClNetSpec *spec)
{
  return spec->input;
}

int
cl_net_spec_get_n_layers (const ClNetSpec *spec)
{
  g_return_val_if_fail (spec != NULL, 0);
  return (int) spec->layers->len;
}

static LayerSpec *
layer_at (const ClNetSpec *spec, int i)
{
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (i >= 0 && (guint) i < spec->layers->len, NULL);
  return &g_array_index (spec->layers, LayerSpec, i);
}

int
cl_net_spec_insert_layer (ClNetSpec *spec, int position, const char *kind_name)
{
  g_return_val_if_fail (spec != NULL, -1);
  const ClLayerKind *kind = cl_layer_registry_lookup (kind_name);
  if (kind == NULL)
    return -1;
  if (position < 0 || (guint) position > spec->layers->len)
    position = (int) spec->layers->len;
  LayerSpec layer = { .kind = kind, .init = CL_INIT_DEFAULT };
  for (int s = 0; s < kind->n_settings; s++)
    layer.settings[s] = kind->settings[s].def;
  g_array_insert_val (spec->layers, position, layer);
  return position;
}

int
cl_net_spec_add_layer (ClNetSpec *spec, const char *kind)
{
  return cl_net_spec_insert_layer (spec, -1, kind);
}

void
cl_net_spec_remove_layer (ClNetSpec *spec, int i)
{
  g_return_if_fail (layer_at (spec, i) != NULL);
  g_array_remove_index (spec->layers, i);
}

void
cl_net_spec_move_layer (ClNetSpec *spec, int from, int to)
{
  LayerSpec *l = layer_at (spec, from);
  g_return_if_fail (l != NULL);
  g_return_if_fail (to >= 0 && (guint) to < spec->layers->len);
  LayerSpec moved = *l;
  g_array_remove_index (spec->layers, from);
  g_array_insert_val (spec->layers, to, moved);
}

const ClLayerKind *
cl_net_spec_get_layer_kind (const ClNetSpec *spec, int i)
{
  LayerSpec *l = layer_at (spec, i);
  return l != NULL ? l->kind : NULL;
}

gboolean
cl_net_spec_set_setting (ClNetSpec *spec, int i, const char *name, double value)
{
  LayerSpec *l = layer_at (spec, i);
  g_return_val_if_fail (l != NULL, FALSE);
  int s = cl_layer_kind_find_setting (l->kind, name);
  g_return_val_if_fail (s >= 0, FALSE);
  l->settings[s] = value;
  return TRUE;
}

double
cl_net_spec_get_setting (const ClNetSpec *spec, int i, const char *name)
{
  LayerSpec *l = layer_at (spec, i);
  g_return_val_if_fail (l != NULL, 0.0);
  int s = cl_layer_kind_find_setting (l->kind, name);
  g_return_val_if_fail (s >= 0, 0.0);
  return l->settings[s];
}

const double *
cl_net_spec_get_settings (const ClNetSpec *spec, int i)
{
  LayerSpec *l = layer_at (spec, i);
  return l != NULL ? l->settings : NULL;
}

void
cl_net_spec_set_init (ClNetSpec *spec, int i, ClInitKind init, double value)
{
  LayerSpec *l = layer_at (spec, i);
  g_return_if_fail (l != NULL);
  l->init = init;
  l->init_value = value;
}

ClInitKind
cl_net_spec_get_init (const ClNetSpec *spec, int i, double *value)
{
  LayerSpec *l = layer_at (spec, i);
  g_return_val_if_fail (l != NULL, CL_INIT_DEFAULT);
  if (value != NULL)
    *value = l->init_value;
  return l->init;
}

ClTrainSettings *
cl_net_spec_get_train (ClNetSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);
  return &spec->train;
}

const ClTrainSettings *
cl_net_spec_peek_train (const ClNetSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);
  return &spec->train;
}

static const char * const loss_ids[] = { "cross-entropy", "binary-cross-entropy", "mse", NULL };
static const char * const optim_ids[] = { "sgd", "momentum", "nesterov", "rmsprop", "adam", NULL };
static const char * const init_ids[] = {
  "default", "zeros", "constant", "uniform", "normal",
  "xavier-uniform", "xavier-normal", "he-uniform", "he-normal",
  "lecun-uniform", "lecun-normal", NULL
};

static gboolean
lookup_id (const char * const *ids, const char *id, int *out)
{
  for (int i = 0; id != NULL && ids[i] != NULL; i++)
    if (strcmp (ids[i], id) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
cl_loss_kind_to_string (ClLossKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (loss_ids) - 1, NULL);
  return loss_ids[kind];
}

gboolean
cl_loss_kind_from_string (const char *id, ClLossKind *kind)
{
  int i;
  if (!lookup_id (loss_ids, id, &i))
    return FALSE;
  *kind = (ClLossKind) i;
  return TRUE;
}

const char *
cl_optim_kind_to_string (ClOptimKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (optim_ids) - 1, NULL);
  return optim_ids[kind];
}

gboolean
cl_optim_kind_from_string (const char *id, ClOptimKind *kind)
{
  int i;
  if (!lookup_id (optim_ids, id, &i))
    return FALSE;
  *kind = (ClOptimKind) i;
  return TRUE;
}

const char *
cl_init_kind_to_string (ClInitKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (init_ids) - 1, NULL);
  return init_ids[kind];
}

gboolean
cl_init_kind_from_string (const char *id, ClInitKind *kind)
{
  int i;
  if (!lookup_id (init_ids, id, &i))
    return FALSE;
  *kind = (ClInitKind) i;
  return TRUE;
}
