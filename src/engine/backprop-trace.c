#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "engine/backprop-trace.h"
#include "engine/error.h"
#include "engine/layer-private.h"
#include "engine/net.h"

/* One training step at batch 1, read back from the net (see the header):
 * this file only checks the shape of the design and copies numbers. */

static gboolean
is_elementwise (const ClLayerKind *k)
{
  return k == &cl_layer_sigmoid || k == &cl_layer_tanh || k == &cl_layer_relu
         || k == &cl_layer_leaky_relu || k == &cl_layer_elu;
}

static gboolean
refuse (GError **error, int layer, const ClLayerKind *kind, const char *why)
{
  /* TRANSLATORS: "Layer 3 (Conv2D): …"; the explorer shows it instead of the network. */
  g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN, _("Layer %d (%s): %s"), layer + 1,
               _(kind->label), why);
  return FALSE;
}

gboolean
cl_backprop_check (const ClNetSpec *spec, GError **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);
  ClShape in = cl_net_spec_get_input (spec);
  gint64 n_in = (gint64) in.c * in.h * in.w;
  if (n_in < 1 || n_in > CL_BACKPROP_MAX_UNITS)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, n_in);
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   /* TRANSLATORS: "The input has 784 values; …" */
                   _("The input has %s values; backpropagation is shown for at most %d."), count,
                   CL_BACKPROP_MAX_UNITS);
      return FALSE;
    }
  int n = cl_net_spec_get_n_layers (spec), n_dense = 0;
  const ClTrainSettings *train = cl_net_spec_peek_train (spec);
  gboolean after_dense = FALSE;  /* an activation may follow */
  for (int i = 0; i < n; i++)
    {
      const ClLayerKind *k = cl_net_spec_get_layer_kind (spec, i);
      gboolean last = i == n - 1;
      if (k == &cl_layer_flatten && n_dense == 0)
        continue;  /* a no-op on an input this small */
      if (k == &cl_layer_dense)
        {
          if (++n_dense > CL_BACKPROP_MAX_DENSE)
            return refuse (error, i, k, _("backpropagation is shown for at most 4 Dense layers."));
          double units = cl_net_spec_get_setting (spec, i, "units");
          if (units > CL_BACKPROP_MAX_UNITS)
            return refuse (error, i, k, _("backpropagation is shown for at most 8 units a layer."));
          after_dense = TRUE;
          continue;
        }
      if (!after_dense)
        {
          if (n_dense == 0)
            return refuse (error, i, k, _("the network must start with a Dense layer."));
          return refuse (error, i, k, _("only one activation may follow a Dense layer."));
        }
      after_dense = FALSE;
      if (k == &cl_layer_softmax)
        {
          if (!last || train->loss != CL_LOSS_CROSS_ENTROPY)
            return refuse (error, i, k, _("Softmax is shown only last, with the cross-entropy loss."));
          continue;
        }
      if (is_elementwise (k))
        continue;
      return refuse (error, i, k,
                     _("backpropagation is shown for Dense layers and the activations Sigmoid, "
                       "Tanh, ReLU, Leaky ReLU, ELU and a final Softmax."));
    }
  if (n_dense == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("The network has no Dense layer: backpropagation is shown for dense "
                     "networks."));
      return FALSE;
    }
  /* The loss and the last layer: cl_net_new () says what is wrong. */
  g_autoptr (GError) local = NULL;
  if (!cl_net_spec_check (spec, NULL, NULL, &local))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

static float *
dup_floats (GPtrArray *owned, const float *v, gsize n)
{
  if (v == NULL)
    return NULL;
  float *copy = g_memdup2 (v, sizeof (float) * n);
  g_ptr_array_add (owned, copy);
  return copy;
}

/* The trace owns its arrays through this list, kept after the struct. */
typedef struct {
  ClBackpropTrace trace;
  GPtrArray *owned;
} TraceBox;

void
cl_backprop_trace_free (ClBackpropTrace *trace)
{
  if (trace == NULL)
    return;
  TraceBox *box = (TraceBox *) trace;
  g_ptr_array_unref (box->owned);
  g_free (box);
}

ClBackpropTrace *
cl_backprop_trace_new (const ClNetSpec *spec, const float *params, gsize n_params,
                       const float *input, const float *target, double lr, GError **error)
{
  g_return_val_if_fail (spec != NULL && input != NULL && target != NULL, NULL);
  if (!cl_backprop_check (spec, error))
    return NULL;
  g_autoptr (ClNet) net = cl_net_new (spec, 1, error);
  if (net == NULL)
    return NULL;
  gsize n_block = 0;
  float *block = cl_net_get_params (net, &n_block);
  if (params != NULL)
    {
      if (n_params != n_block)
        {
          g_autofree char *given = g_strdup_printf ("%" G_GSIZE_FORMAT, n_params);
          g_autofree char *wanted = g_strdup_printf ("%" G_GSIZE_FORMAT, n_block);
          g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                       _("The weights (%s values) do not fit this network, which has %s."), given,
                       wanted);
          return NULL;
        }
      cl_net_init (net, cl_net_spec_peek_train (spec)->seed);  /* running state, step 0 */
      memcpy (block, params, sizeof (float) * n_block);
    }
  else
    cl_net_init (net, cl_net_spec_peek_train (spec)->seed);

  /* Plain SGD for this one step: the update the picture writes. */
  ClTrainSettings *train = cl_net_get_train (net);
  train->optimiser = CL_OPTIM_SGD;
  train->momentum = 0.0;
  train->weight_decay = 0.0;
  cl_net_set_learning_rate (net, lr);

  ClShape out_shape = cl_net_get_output_shape (net, cl_net_get_n_layers (net) - 1);
  int out_size = out_shape.c * out_shape.h * out_shape.w;
  gint32 label = 0;
  for (int j = 1; j < out_size; j++)
    if (target[j] > target[label])
      label = j;

  g_autofree float *before = g_memdup2 (block, sizeof (float) * n_block);
  ClStepResult result;
  if (!cl_net_train_step (net, input, &label, target, 1, &result, error))
    return NULL;

  TraceBox *box = g_new0 (TraceBox, 1);
  box->owned = g_ptr_array_new_with_free_func (g_free);
  ClBackpropTrace *t = &box->trace;
  t->loss = train->loss;
  t->fused = train->loss != CL_LOSS_MSE;
  t->loss_value = result.loss;
  t->lr = lr;
  t->label = t->loss == CL_LOSS_CROSS_ENTROPY ? label : -1;
  t->target = dup_floats (box->owned, target, out_size);
  if (t->loss == CL_LOSS_CROSS_ENTROPY)
    for (int j = 0; j < out_size; j++)
      t->target[j] = j == label ? 1.0f : 0.0f;

  ClShape in = cl_net_get_input_shape (net);
  t->layers[0].n = in.c * in.h * in.w;
  t->layers[0].y = dup_floats (box->owned, input, t->layers[0].n);
  t->n_layers = 1;

  int n = cl_net_get_n_layers (net);
  for (int i = 0; i < n; i++)
    {
      if (cl_net_get_layer_kind (net, i) != &cl_layer_dense)
        continue;
      int k = t->n_layers++;
      int act = i + 1 < n && cl_net_get_layer_kind (net, i + 1) != &cl_layer_dense ? i + 1 : -1;
      gboolean last = (act >= 0 ? act : i) == n - 1;
      ClBackpropLayer *L = &t->layers[k];
      ClShape s;
      cl_net_get_layer_output (net, i, &s);
      L->n = s.c * s.h * s.w;
      L->activation = act >= 0 ? cl_net_get_layer_kind (net, act) : NULL;
      L->x = dup_floats (box->owned, cl_net_get_layer_output (net, i, NULL), L->n);
      L->y = dup_floats (box->owned, cl_net_get_layer_output (net, act >= 0 ? act : i, NULL),
                         L->n);
      L->dx = dup_floats (box->owned, cl_net_get_layer_output_grad (net, i), L->n);
      if (!(last && t->fused))
        {
          L->dy = dup_floats (box->owned,
                              cl_net_get_layer_output_grad (net, act >= 0 ? act : i), L->n);
          if (act >= 0)
            {
              L->slope = g_new (float, L->n);
              g_ptr_array_add (box->owned, L->slope);
              cl_net_get_activation_slope (net, act, L->slope);
            }
        }

      ClBackpropLinks *links = &t->links[k - 1];
      links->n_in = t->layers[k - 1].n;
      links->n_out = L->n;
      for (int j = 0; j < cl_net_get_layer_n_tensors (net, i); j++)
        {
          float *data = NULL, *grad = NULL;
          const ClTensorInfo *info = cl_net_get_layer_tensor (net, i, j, &data, &grad);
          gsize count = info->count;
          const float *old = before + (data - block);
          if (j == 0)
            {
              links->w = dup_floats (box->owned, old, count);
              links->dw = dup_floats (box->owned, grad, count);
              links->w_new = dup_floats (box->owned, data, count);
            }
          else if (j == 1)
            {
              links->b = dup_floats (box->owned, old, count);
              links->db = dup_floats (box->owned, grad, count);
              links->b_new = dup_floats (box->owned, data, count);
            }
        }
    }
  return t;
}

ClNetSpec *
cl_backprop_builtin (float **params, gsize *n_params, float input[2], float *target,
                     double *lr)
{
  /* The classic worked example of the course's slides: two inputs, two
   * sigmoid hidden units, one sigmoid output, biases 0. */
  static const float w_hidden[] = { 0.1f, 0.8f, 0.4f, 0.6f };  /* w13 w23 / w14 w24 */
  static const float w_out[] = { 0.3f, 0.9f };                 /* w35 w45 */
  ClNetSpec *spec = cl_net_spec_new (2, 1, 1);
  int d = cl_net_spec_add_layer (spec, "Dense");
  cl_net_spec_set_setting (spec, d, "units", 2);
  cl_net_spec_add_layer (spec, "Sigmoid");
  d = cl_net_spec_add_layer (spec, "Dense");
  cl_net_spec_set_setting (spec, d, "units", 1);
  cl_net_spec_add_layer (spec, "Sigmoid");
  ClTrainSettings *train = cl_net_spec_get_train (spec);
  train->loss = CL_LOSS_MSE;
  train->optimiser = CL_OPTIM_SGD;
  train->lr = 1.0;

  g_autoptr (ClNet) net = cl_net_new (spec, 1, NULL);
  g_assert (net != NULL);
  cl_net_init (net, 0);
  float *data;
  cl_net_get_layer_tensor (net, 0, 0, &data, NULL);
  memcpy (data, w_hidden, sizeof w_hidden);
  cl_net_get_layer_tensor (net, 0, 1, &data, NULL);
  memset (data, 0, 2 * sizeof (float));
  cl_net_get_layer_tensor (net, 2, 0, &data, NULL);
  memcpy (data, w_out, sizeof w_out);
  cl_net_get_layer_tensor (net, 2, 1, &data, NULL);
  data[0] = 0.0f;
  float *block = cl_net_get_params (net, n_params);
  *params = g_memdup2 (block, sizeof (float) * *n_params);
  input[0] = 0.35f;
  input[1] = 0.9f;
  *target = 0.5f;
  *lr = train->lr;
  return spec;
}
