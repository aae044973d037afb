#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "engine/layer-private.h"

/* BatchNorm over channels: for a conv map, statistics over (batch, H, W) per
 * channel; after a dense layer, per unit over the batch (H = W = 1).  In
 * training it normalises with the batch statistics and updates the running
 * ones (PyTorch's rule: unbiased variance, momentum 0.1); in evaluation it
 * uses the running ones.  Forward keeps each channel's mean and 1/std in aux
 * for the backward pass.  One channel per loop iteration: every reduction
 * runs over the batch in order, whatever the threads. */

enum { MOMENTUM, EPS };

static const ClSettingDesc settings[] = {
  [MOMENTUM] = { "momentum", CL_SETTING_FLOAT, 0.0, 1.0, 0.1, NULL, NULL,
                 N_("Momentum"), N_("How fast the running statistics follow the batches.") },
  [EPS] = { "eps", CL_SETTING_FLOAT, 1e-8, 1.0, 1e-5, NULL, NULL,
            N_("Epsilon"), N_("Small number added to the variance to avoid dividing by zero.") },
};

static gboolean
batchnorm_plan (const double *s, ClShape in, int batch, ClLayerPlan *plan, GError **error)
{
  plan->out = in;
  cl_tensor_info_set (&plan->params[0], "weight", CL_FILL_VALUE, 1.0f, 1, (int[]) { in.c });
  cl_tensor_info_set (&plan->params[1], "bias", CL_FILL_ZERO, 0.0f, 1, (int[]) { in.c });
  plan->n_params = 2;
  cl_tensor_info_set (&plan->buffers[0], "running_mean", CL_FILL_ZERO, 0.0f, 1, (int[]) { in.c });
  cl_tensor_info_set (&plan->buffers[1], "running_var", CL_FILL_VALUE, 1.0f, 1, (int[]) { in.c });
  plan->n_buffers = 2;
  plan->aux_bytes = 2 * (guint64) in.c * sizeof (float);
  return TRUE;
}

static void
batchnorm_forward (ClLayer *l, const ClRunCtx *ctx)
{
  int c = l->in_shape.c, nb = ctx->n;
  gsize spatial = (gsize) l->in_shape.h * l->in_shape.w;
  double count = (double) nb * spatial;
  const float *gamma = l->param[0], *beta = l->param[1];
  float *run_mean = l->buffer[0], *run_var = l->buffer[1];
  float *mean = (float *) l->aux, *invstd = mean + c;
  float momentum = cl_setting_float (l, MOMENTUM), eps = cl_setting_float (l, EPS);

#pragma omp parallel for schedule(static) if (nb * c * spatial >= CL_PAR_MIN)
  for (int ch = 0; ch < c; ch++)
    {
      float m, is;
      if (ctx->training)
        {
          double sum = 0.0, sq = 0.0;
          for (int n = 0; n < nb; n++)
            {
              const float *restrict x = l->in + ((gsize) n * c + ch) * spatial;
              for (gsize i = 0; i < spatial; i++)
                sum += x[i];
            }
          double mu = sum / count;
          for (int n = 0; n < nb; n++)
            {
              const float *restrict x = l->in + ((gsize) n * c + ch) * spatial;
              for (gsize i = 0; i < spatial; i++)
                sq += (x[i] - mu) * (x[i] - mu);
            }
          double var = sq / count;
          m = (float) mu;
          is = (float) (1.0 / sqrt (var + eps));
          double unbiased = count > 1 ? sq / (count - 1) : var;
          run_mean[ch] = (1 - momentum) * run_mean[ch] + momentum * m;
          run_var[ch] = (1 - momentum) * run_var[ch] + momentum * (float) unbiased;
        }
      else
        {
          m = run_mean[ch];
          is = 1.0f / sqrtf (run_var[ch] + eps);
        }
      mean[ch] = m;
      invstd[ch] = is;
      for (int n = 0; n < nb; n++)
        {
          gsize off = ((gsize) n * c + ch) * spatial;
          const float *restrict x = l->in + off;
          float *restrict y = l->out + off;
          for (gsize i = 0; i < spatial; i++)
            y[i] = gamma[ch] * (x[i] - m) * is + beta[ch];
        }
    }
}

static void
batchnorm_backward (ClLayer *l, const ClRunCtx *ctx)
{
  int c = l->in_shape.c, nb = ctx->n;
  gsize spatial = (gsize) l->in_shape.h * l->in_shape.w;
  float count = (float) nb * spatial;
  const float *gamma = l->param[0];
  float *dgamma = l->grad[0], *dbeta = l->grad[1];
  const float *mean = (const float *) l->aux, *invstd = mean + c;

#pragma omp parallel for schedule(static) if (nb * c * spatial >= CL_PAR_MIN)
  for (int ch = 0; ch < c; ch++)
    {
      float m = mean[ch], is = invstd[ch];
      float sum_dy = 0.0f, sum_dy_xhat = 0.0f;
      for (int n = 0; n < nb; n++)
        {
          gsize off = ((gsize) n * c + ch) * spatial;
          const float *restrict x = l->in + off;
          const float *restrict dy = l->dout + off;
          for (gsize i = 0; i < spatial; i++)
            {
              sum_dy += dy[i];
              sum_dy_xhat += dy[i] * (x[i] - m) * is;
            }
        }
      dgamma[ch] = sum_dy_xhat;
      dbeta[ch] = sum_dy;
      if (l->din == NULL)
        continue;
      float k = gamma[ch] * is;
      for (int n = 0; n < nb; n++)
        {
          gsize off = ((gsize) n * c + ch) * spatial;
          const float *restrict x = l->in + off;
          const float *restrict dy = l->dout + off;
          float *restrict dx = l->din + off;
          if (ctx->training)
            for (gsize i = 0; i < spatial; i++)
              {
                float xhat = (x[i] - m) * is;
                dx[i] = k * (dy[i] - (sum_dy + xhat * sum_dy_xhat) / count);
              }
          else
            /* Running statistics are constants of the input. */
            for (gsize i = 0; i < spatial; i++)
              dx[i] = k * dy[i];
        }
    }
}

const ClLayerKind cl_layer_batchnorm = {
  .name = "BatchNorm",
  .label = N_("BatchNorm"),
  .help = N_("Normalises each channel over the batch, then scales and shifts it."),
  .icon_name = "convlab-layer-batchnorm-symbolic",
  .group = CL_LAYER_GROUP_LAYER,
  .settings = settings,
  .n_settings = G_N_ELEMENTS (settings),
  .plan = batchnorm_plan,
  .forward = batchnorm_forward,
  .backward = batchnorm_backward,
};
