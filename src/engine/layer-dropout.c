#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "engine/layer-private.h"
#include "engine/rng.h"

/* Inverted dropout: in training each value is kept with probability 1 - rate
 * and scaled by 1 / (1 - rate), so evaluation is the identity.  The mask is a
 * pure function of (seed, layer, step, sample, unit) through the counter-based
 * RNG: the same whatever the threads.  It stays in aux (0 or the scale, one
 * float per value) so the panels can show it. */

enum { RATE };

static const ClSettingDesc settings[] = {
  [RATE] = { "rate", CL_SETTING_FLOAT, 0.0, 0.95, 0.5, NULL, NULL,
             N_("Rate"), N_("Fraction of values set to zero at each training step.") },
};

static gboolean
dropout_plan (const double *s, ClShape in, int batch, ClLayerPlan *plan, GError **error)
{
  plan->out = in;
  plan->aux_bytes = (guint64) batch * in.c * in.h * in.w * sizeof (float);
  return TRUE;
}

static void
dropout_forward (ClLayer *l, const ClRunCtx *ctx)
{
  gsize size = l->out_size;
  if (!ctx->training)
    {
      memcpy (l->out, l->in, sizeof (float) * ctx->n * size);
      return;
    }
  float rate = cl_setting_float (l, RATE);
  float scale = 1.0f / (1.0f - rate);
  float *mask = (float *) l->aux;

#pragma omp parallel for schedule(static) if (ctx->n * size >= CL_PAR_MIN / 8)
  for (int n = 0; n < ctx->n; n++)
    {
      const float *restrict x = l->in + n * size;
      float *restrict y = l->out + n * size;
      float *restrict m = mask + n * size;
      for (gsize i = 0; i < size; i++)
        {
          float u = cl_rng_hash_float (ctx->dropout_key, (guint64) l->index, ctx->step,
                                       ((guint64) n << 32) | i);
          m[i] = u >= rate ? scale : 0.0f;
          y[i] = x[i] * m[i];
        }
    }
}

static void
dropout_backward (ClLayer *l, const ClRunCtx *ctx)
{
  if (l->din == NULL)
    return;
  gsize count = (gsize) ctx->n * l->out_size;
  if (!ctx->training)
    {
      memcpy (l->din, l->dout, sizeof (float) * count);
      return;
    }
  const float *restrict m = (const float *) l->aux;
  const float *restrict dy = l->dout;
  float *restrict dx = l->din;
#pragma omp parallel for schedule(static) if (count >= CL_PAR_MIN)
  for (gsize i = 0; i < count; i++)
    dx[i] = dy[i] * m[i];
}

const ClLayerKind cl_layer_dropout = {
  .name = "Dropout",
  .label = N_("Dropout"),
  .help = N_("Randomly silences values while training, against overfitting."),
  .icon_name = "convlab-layer-dropout-symbolic",
  .group = CL_LAYER_GROUP_LAYER,
  .settings = settings,
  .n_settings = G_N_ELEMENTS (settings),
  .plan = dropout_plan,
  .forward = dropout_forward,
  .backward = dropout_backward,
};
