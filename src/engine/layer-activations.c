#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "engine/activation-math.h"
#include "engine/layer-private.h"

/* The element-wise activations, each its own layer so its output can be
 * shown, and Softmax.  Derivatives use the output where that is exact
 * (sigmoid, tanh), the input otherwise. */

static gboolean
same_shape_plan (const double *s, ClShape in, int batch, ClLayerPlan *plan, GError **error)
{
  plan->out = in;
  return TRUE;
}

/* One forward/backward pair per function.  The work is cut into fixed
 * blocks handed to the threads; each block runs a plain loop over restrict
 * pointers (OpenMP's outlined functions lose `restrict`, and without it the
 * compiler neither vectorises nor drops the branch of ReLU's derivative). */
#define BLOCK 4096

#define ELEMENTWISE(fn, FWD, BWD)                                                  \
  static void fn##_forward_span (const float *restrict in, float *restrict out,    \
                                 gsize count, const float p0)                      \
  {                                                                                \
    for (gsize i = 0; i < count; i++)                                              \
      {                                                                            \
        const float x = in[i];                                                     \
        out[i] = (FWD);                                                            \
      }                                                                            \
  }                                                                                \
  static void fn##_backward_span (const float *restrict in,                        \
                                  const float *restrict out,                       \
                                  const float *restrict dout,                      \
                                  float *restrict din, gsize count, const float p0) \
  {                                                                                \
    for (gsize i = 0; i < count; i++)                                              \
      {                                                                            \
        const float x = in[i], y = out[i];                                         \
        (void) x;                                                                  \
        (void) y;                                                                  \
        din[i] = dout[i] * (BWD);                                                  \
      }                                                                            \
  }                                                                                \
  static void fn##_forward (ClLayer *l, const ClRunCtx *ctx)                       \
  {                                                                                \
    const gsize count = (gsize) ctx->n * l->out_size;                              \
    const gsize blocks = (count + BLOCK - 1) / BLOCK;                              \
    const float p0 = l->kind->n_settings > 0 ? (float) l->settings[0] : 0.0f;      \
    _Pragma ("omp parallel for schedule(static) if (count >= CL_PAR_MIN)")         \
    for (gsize b = 0; b < blocks; b++)                                             \
      {                                                                            \
        gsize lo = b * BLOCK;                                                      \
        fn##_forward_span (l->in + lo, l->out + lo, MIN (BLOCK, count - lo), p0);  \
      }                                                                            \
  }                                                                                \
  static void fn##_backward (ClLayer *l, const ClRunCtx *ctx)                      \
  {                                                                                \
    if (l->din == NULL)                                                            \
      return;                                                                      \
    const gsize count = (gsize) ctx->n * l->out_size;                              \
    const gsize blocks = (count + BLOCK - 1) / BLOCK;                              \
    const float p0 = l->kind->n_settings > 0 ? (float) l->settings[0] : 0.0f;      \
    _Pragma ("omp parallel for schedule(static) if (count >= CL_PAR_MIN)")         \
    for (gsize b = 0; b < blocks; b++)                                             \
      {                                                                            \
        gsize lo = b * BLOCK;                                                      \
        fn##_backward_span (l->in + lo, l->out + lo, l->dout + lo, l->din + lo,    \
                            MIN (BLOCK, count - lo), p0);                          \
      }                                                                            \
  }

/* The math is activation-math.h's, shared with the explorer's curves. */
ELEMENTWISE (sigmoid, cl_act_sigmoid (x), cl_act_sigmoid_grad (x, y))
ELEMENTWISE (tanh, cl_act_tanh (x), cl_act_tanh_grad (x, y))
ELEMENTWISE (relu, cl_act_relu (x), cl_act_relu_grad (x))
ELEMENTWISE (leaky_relu, cl_act_rectifier (x, p0), cl_act_rectifier_grad (x, p0))
ELEMENTWISE (elu, cl_act_elu (x, p0), cl_act_elu_grad (x, y, p0))

static const ClSettingDesc leaky_settings[] = {
  { "slope", CL_SETTING_FLOAT, 0.0, 1.0, 0.01, NULL, NULL,
    N_("Slope"), N_("Slope for negative inputs (0 gives ReLU).") },
};

static const ClSettingDesc elu_settings[] = {
  { "alpha", CL_SETTING_FLOAT, 0.0, 10.0, 1.0, NULL, NULL,
    N_("Alpha"), N_("Value approached for very negative inputs is −alpha.") },
};

#define ACTIVATION(var, id, lbl, hlp, icon, fn, sets, n)                       \
  const ClLayerKind var = {                                                    \
    .name = id, .label = lbl, .help = hlp, .icon_name = icon,                  \
    .group = CL_LAYER_GROUP_ACTIVATION, .settings = sets, .n_settings = n,     \
    .plan = same_shape_plan, .forward = fn##_forward,                          \
    .backward = fn##_backward,                                                 \
  };

ACTIVATION (cl_layer_sigmoid, "Sigmoid", N_("Sigmoid"),
            N_("Squashes each value into (0, 1): 1 / (1 + e^−x)."),
            "convlab-act-sigmoid-symbolic", sigmoid, NULL, 0)
ACTIVATION (cl_layer_tanh, "Tanh", N_("Tanh"),
            N_("Squashes each value into (−1, 1), centred on zero."),
            "convlab-act-tanh-symbolic", tanh, NULL, 0)
ACTIVATION (cl_layer_relu, "ReLU", N_("ReLU"),
            N_("Keeps positive values, sets negative ones to zero."),
            "convlab-act-relu-symbolic", relu, NULL, 0)
ACTIVATION (cl_layer_leaky_relu, "LeakyReLU", N_("Leaky ReLU"),
            N_("Like ReLU, but negative values keep a small slope."),
            "convlab-act-leaky-relu-symbolic", leaky_relu, leaky_settings,
            G_N_ELEMENTS (leaky_settings))
ACTIVATION (cl_layer_elu, "ELU", N_("ELU"),
            N_("Like ReLU, but smooth: negative values curve towards −alpha."),
            "convlab-act-elu-symbolic", elu, elu_settings, G_N_ELEMENTS (elu_settings))

/* Softmax over all the values of a sample: probabilities that sum to 1. */
static void
softmax_forward (ClLayer *l, const ClRunCtx *ctx)
{
  gsize size = l->out_size;
#pragma omp parallel for schedule(static) if (ctx->n * size >= CL_PAR_MIN)
  for (int n = 0; n < ctx->n; n++)
    cl_act_softmax (l->in + n * size, l->out + n * size, size);
}

/* The general Jacobian product; with a cross-entropy loss the network skips
 * it and uses the fused gradient p - y instead (loss.c). */
static void
softmax_backward (ClLayer *l, const ClRunCtx *ctx)
{
  if (l->din == NULL)
    return;
  gsize size = l->out_size;
#pragma omp parallel for schedule(static) if (ctx->n * size >= CL_PAR_MIN)
  for (int n = 0; n < ctx->n; n++)
    {
      const float *restrict y = l->out + n * size;
      const float *restrict dy = l->dout + n * size;
      float *restrict dx = l->din + n * size;
      double dot = 0.0;
      for (gsize i = 0; i < size; i++)
        dot += (double) dy[i] * y[i];
      for (gsize i = 0; i < size; i++)
        dx[i] = y[i] * (dy[i] - (float) dot);
    }
}

const ClLayerKind cl_layer_softmax = {
  .name = "Softmax",
  .label = N_("Softmax"),
  .help = N_("Turns the output scores into probabilities that sum to 1."),
  .icon_name = "convlab-act-softmax-symbolic",
  .group = CL_LAYER_GROUP_ACTIVATION,
  .plan = same_shape_plan,
  .forward = softmax_forward,
  .backward = softmax_backward,
};
