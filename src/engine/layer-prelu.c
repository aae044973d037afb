#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>

#include "engine/layer-private.h"

/* PReLU: y = x for x > 0, a_c x otherwise, with one learned slope per channel
 * (per unit after a dense layer), starting at 0.25 as in PyTorch. */

static gboolean
prelu_plan (const double *s, ClShape in, int batch, ClLayerPlan *plan, GError **error)
{
  plan->out = in;
  cl_tensor_info_set (&plan->params[0], "weight", CL_FILL_VALUE, 0.25f, 1, (int[]) { in.c });
  plan->n_params = 1;
  return TRUE;
}

static void
prelu_forward (ClLayer *l, const ClRunCtx *ctx)
{
  int c = l->in_shape.c;
  gsize spatial = (gsize) l->in_shape.h * l->in_shape.w;
  const float *slope = l->param[0];
  int planes = ctx->n * c;

#pragma omp parallel for schedule(static) if (planes * spatial >= CL_PAR_MIN)
  for (int p = 0; p < planes; p++)
    {
      const float a = slope[p % c];
      const float *restrict x = l->in + p * spatial;
      float *restrict y = l->out + p * spatial;
      for (gsize i = 0; i < spatial; i++)
        y[i] = x[i] > 0.0f ? x[i] : a * x[i];
    }
}

static void
prelu_backward (ClLayer *l, const ClRunCtx *ctx)
{
  int c = l->in_shape.c;
  gsize spatial = (gsize) l->in_shape.h * l->in_shape.w;
  const float *slope = l->param[0];
  float *dslope = l->grad[0];
  int nb = ctx->n;

  /* One channel per iteration, samples in order: a fixed reduction order. */
#pragma omp parallel for schedule(static) if (nb * c * spatial >= CL_PAR_MIN)
  for (int ch = 0; ch < c; ch++)
    {
      const float a = slope[ch];
      float sum = 0.0f;
      for (int n = 0; n < nb; n++)
        {
          gsize off = ((gsize) n * c + ch) * spatial;
          const float *restrict x = l->in + off;
          const float *restrict dy = l->dout + off;
          for (gsize i = 0; i < spatial; i++)
            if (x[i] <= 0.0f)
              sum += dy[i] * x[i];
          if (l->din != NULL)
            {
              float *restrict dx = l->din + off;
              for (gsize i = 0; i < spatial; i++)
                dx[i] = x[i] > 0.0f ? dy[i] : a * dy[i];
            }
        }
      dslope[ch] = sum;
    }
}

const ClLayerKind cl_layer_prelu = {
  .name = "PReLU",
  .label = N_("PReLU"),
  .help = N_("Leaky ReLU whose negative slope is learned, one per channel."),
  .icon_name = "convlab-act-prelu-symbolic",
  .group = CL_LAYER_GROUP_ACTIVATION,
  .plan = prelu_plan,
  .forward = prelu_forward,
  .backward = prelu_backward,
};
