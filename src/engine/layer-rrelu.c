#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>

#include "engine/activation-math.h"
#include "engine/error.h"
#include "engine/layer-private.h"
#include "engine/rng.h"

/* RReLU (randomised leaky ReLU, torch.nn.RReLU): y = x for x > 0, a x
 * otherwise.  In training each value draws its own slope a ~ U[lower,
 * upper], a pure function of (seed, layer, step, sample, unit) through the
 * counter-based RNG like Dropout's masks, so 1 or 2 threads give the same
 * bits; in evaluation a is the mean (lower + upper) / 2.  Forward keeps the
 * factor it applied (1 or a, one float per value) in aux for backward. */

enum { LOWER, UPPER };

static const ClSettingDesc settings[] = {
  [LOWER] = { "lower", CL_SETTING_FLOAT, 0.0, 1.0, 1.0 / 8.0, NULL, NULL,
              N_("Lower slope"), N_("Smallest slope drawn for negative inputs in training.") },
  [UPPER] = { "upper", CL_SETTING_FLOAT, 0.0, 1.0, 1.0 / 3.0, NULL, NULL,
              N_("Upper slope"), N_("Largest slope drawn for negative inputs in training.") },
};

static gboolean
rrelu_plan (const double *s, ClShape in, int batch, ClLayerPlan *plan, GError **error)
{
  /* Each alone is range-checked by the network; their order is ours. */
  if (s[LOWER] > s[UPPER])
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("the lower slope (%g) must not be above the upper slope (%g)"),
                   s[LOWER], s[UPPER]);
      return FALSE;
    }
  plan->out = in;
  plan->aux_bytes = (guint64) batch * in.c * in.h * in.w * sizeof (float);
  return TRUE;
}

static void
rrelu_forward (ClLayer *l, const ClRunCtx *ctx)
{
  const float lower = cl_setting_float (l, LOWER), upper = cl_setting_float (l, UPPER);
  gsize size = l->out_size;

  if (!ctx->training)
    {
      const float a = cl_act_rrelu_mean_slope (lower, upper);
      const gsize count = (gsize) ctx->n * size;
      const float *restrict x = l->in;
      float *restrict y = l->out;
#pragma omp parallel for schedule(static) if (count >= CL_PAR_MIN)
      for (gsize i = 0; i < count; i++)
        y[i] = cl_act_rectifier (x[i], a);
      return;
    }

  float *factor = (float *) l->aux;
  /* The Dropout key: the layer index keeps this layer's draws apart from
   * any Dropout layer's masks (each has its own index). */
#pragma omp parallel for schedule(static) if (ctx->n * size >= CL_PAR_MIN / 8)
  for (int n = 0; n < ctx->n; n++)
    {
      const float *restrict x = l->in + n * size;
      float *restrict y = l->out + n * size;
      float *restrict f = factor + n * size;
      for (gsize i = 0; i < size; i++)
        {
          float u = cl_rng_hash_float (ctx->dropout_key, (guint64) l->index, ctx->step,
                                       ((guint64) n << 32) | i);
          f[i] = cl_act_rectifier_grad (x[i], cl_act_rrelu_slope (lower, upper, u));
          y[i] = x[i] * f[i];
        }
    }
}

static void
rrelu_backward (ClLayer *l, const ClRunCtx *ctx)
{
  if (l->din == NULL)
    return;
  const gsize count = (gsize) ctx->n * l->out_size;
  const float *restrict dy = l->dout;
  float *restrict dx = l->din;

  if (!ctx->training)
    {
      const float a = cl_act_rrelu_mean_slope (cl_setting_float (l, LOWER),
                                               cl_setting_float (l, UPPER));
      const float *restrict x = l->in;
#pragma omp parallel for schedule(static) if (count >= CL_PAR_MIN)
      for (gsize i = 0; i < count; i++)
        dx[i] = dy[i] * cl_act_rectifier_grad (x[i], a);
      return;
    }
  /* The slopes forward drew: backward of the same step. */
  const float *restrict f = (const float *) l->aux;
#pragma omp parallel for schedule(static) if (count >= CL_PAR_MIN)
  for (gsize i = 0; i < count; i++)
    dx[i] = dy[i] * f[i];
}

const ClLayerKind cl_layer_rrelu = {
  .name = "RReLU",
  .label = N_("RReLU"),
  .help = N_("Leaky ReLU with a random slope in [lower, upper] for each value while training, "
             "their mean afterwards."),
  .icon_name = "convlab-act-rrelu-symbolic",
  .group = CL_LAYER_GROUP_ACTIVATION,
  .settings = settings,
  .n_settings = G_N_ELEMENTS (settings),
  .plan = rrelu_plan,
  .forward = rrelu_forward,
  .backward = rrelu_backward,
};
