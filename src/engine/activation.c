#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "engine/activation-math.h"
#include "engine/activation.h"
#include "engine/layer-private.h"

/* The ids follow the order of ClActivation. */
static const struct {
  const char *id;
  const char *label;
} names[CL_N_ACTIVATIONS] = {
  { "identity", N_("Identity") },
  { "sigmoid", N_("Sigmoid") },
  { "tanh", N_("Tanh") },
  { "relu", N_("ReLU") },
  { "leaky-relu", N_("Leaky ReLU") },
  { "prelu", N_("PReLU") },
  { "rrelu", N_("RReLU") },
  { "elu", N_("ELU") },
  { "maxout", N_("Maxout") },
  { "softmax", N_("Softmax") },
};

void
cl_activation_params_init (ClActivationParams *params, ClActivation kind)
{
  g_return_if_fail (params != NULL);
  *params = (ClActivationParams) {
    .kind = kind,
    .slope = kind == CL_ACTIVATION_PRELU ? 0.25 : 0.01,
    .alpha = 1.0,
    .lower = 1.0 / 8.0,
    .upper = 1.0 / 3.0,
    /* Two pieces that cross at x = −2/3: a convex kink, like a leaky ReLU. */
    .w = { 1.0, -0.5 },
    .b = { 0.0, -1.0 },
  };
}

float
cl_activation_value (const ClActivationParams *p, float x, float *derivative)
{
  float y, d;

  g_return_val_if_fail (p != NULL, NAN);
  switch (p->kind)
    {
    case CL_ACTIVATION_IDENTITY:
      y = x;
      d = 1.0f;
      break;
    case CL_ACTIVATION_SIGMOID:
      y = cl_act_sigmoid (x);
      d = cl_act_sigmoid_grad (x, y);
      break;
    case CL_ACTIVATION_TANH:
      y = cl_act_tanh (x);
      d = cl_act_tanh_grad (x, y);
      break;
    case CL_ACTIVATION_RELU:
      y = cl_act_relu (x);
      d = cl_act_relu_grad (x);
      break;
    case CL_ACTIVATION_LEAKY_RELU:
    case CL_ACTIVATION_PRELU:
      y = cl_act_rectifier (x, (float) p->slope);
      d = cl_act_rectifier_grad (x, (float) p->slope);
      break;
    case CL_ACTIVATION_RRELU:
      {
        float a = cl_act_rrelu_mean_slope ((float) p->lower, (float) p->upper);
        y = cl_act_rectifier (x, a);
        d = cl_act_rectifier_grad (x, a);
      }
      break;
    case CL_ACTIVATION_ELU:
      y = cl_act_elu (x, (float) p->alpha);
      d = cl_act_elu_grad (x, y, (float) p->alpha);
      break;
    case CL_ACTIVATION_MAXOUT:
      {
        /* The Maxout layer's max over its pieces, here two affine ones;
         * ties go to the first piece, as the layer's argmax does. */
        float z0 = (float) p->w[0] * x + (float) p->b[0];
        float z1 = (float) p->w[1] * x + (float) p->b[1];
        gboolean second = z1 > z0;
        y = second ? z1 : z0;
        d = (float) p->w[second ? 1 : 0];
      }
      break;
    default:
      y = d = NAN;
      break;
    }
  if (derivative != NULL)
    *derivative = d;
  return y;
}

void
cl_activation_softmax (const float *x, float *y, gsize n)
{
  g_return_if_fail (n == 0 || (x != NULL && y != NULL));
  if (n > 0)
    cl_act_softmax (x, y, n);
}

gboolean
cl_activation_for_kind (const ClLayerKind *kind, const double *settings,
                        ClActivationParams *params)
{
  static const struct {
    const ClLayerKind *kind;
    ClActivation activation;
  } kinds[] = {
    { &cl_layer_sigmoid, CL_ACTIVATION_SIGMOID },
    { &cl_layer_tanh, CL_ACTIVATION_TANH },
    { &cl_layer_relu, CL_ACTIVATION_RELU },
    { &cl_layer_leaky_relu, CL_ACTIVATION_LEAKY_RELU },
    { &cl_layer_prelu, CL_ACTIVATION_PRELU },
    { &cl_layer_rrelu, CL_ACTIVATION_RRELU },
    { &cl_layer_elu, CL_ACTIVATION_ELU },
    { &cl_layer_softmax, CL_ACTIVATION_SOFTMAX },
  };

  g_return_val_if_fail (kind != NULL && params != NULL, FALSE);
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (kinds[i].kind != kind)
        continue;
      cl_activation_params_init (params, kinds[i].activation);
      for (int s = 0; s < kind->n_settings; s++)
        {
          double v = settings != NULL ? settings[s] : kind->settings[s].def;
          const char *name = kind->settings[s].name;
          if (strcmp (name, "slope") == 0)
            params->slope = v;
          else if (strcmp (name, "alpha") == 0)
            params->alpha = v;
          else if (strcmp (name, "lower") == 0)
            params->lower = v;
          else if (strcmp (name, "upper") == 0)
            params->upper = v;
        }
      return TRUE;
    }
  return FALSE;
}

const char *
cl_activation_to_string (ClActivation kind)
{
  g_return_val_if_fail (kind >= 0 && kind < CL_N_ACTIVATIONS, NULL);
  return names[kind].id;
}

gboolean
cl_activation_from_string (const char *id, ClActivation *kind)
{
  g_return_val_if_fail (id != NULL && kind != NULL, FALSE);
  for (int i = 0; i < CL_N_ACTIVATIONS; i++)
    if (strcmp (names[i].id, id) == 0)
      {
        *kind = (ClActivation) i;
        return TRUE;
      }
  return FALSE;
}

const char *
cl_activation_get_label (ClActivation kind)
{
  g_return_val_if_fail (kind >= 0 && kind < CL_N_ACTIVATIONS, NULL);
  return names[kind].label;
}
