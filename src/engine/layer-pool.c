#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "engine/error.h"
#include "engine/layer-private.h"

/* MaxPool2D and AvgPool2D: a size x size window moved by `stride` over each
 * map, no padding.  Every (sample, channel) plane is independent, so OpenMP
 * spreads the planes and no two threads ever write the same cell. */

enum { SIZE, STRIDE };

static const ClSettingDesc settings[] = {
  [SIZE] = { "size", CL_SETTING_INT, 1, 8, 2, NULL, NULL,
             N_("Window size"), N_("Width and height of the pooling window, in pixels.") },
  [STRIDE] = { "stride", CL_SETTING_INT, 1, 8, 2, NULL, NULL,
               N_("Stride"), N_("Step between two positions of the window.") },
};

static gboolean
pool_plan_common (const double *s, ClShape in, ClLayerPlan *plan, GError **error)
{
  int size = (int) s[SIZE], stride = (int) s[STRIDE];
  if (size > in.h || size > in.w)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("pooling window %dx%d is larger than its %dx%d input"),
                   size, size, in.h, in.w);
      return FALSE;
    }
  plan->out = (ClShape) { in.c, (in.h - size) / stride + 1, (in.w - size) / stride + 1 };
  return TRUE;
}

static gboolean
maxpool_plan (const double *s, ClShape in, int batch, ClLayerPlan *plan, GError **error)
{
  if (!pool_plan_common (s, in, plan, error))
    return FALSE;
  /* Where each maximum came from, for the backward pass. */
  plan->aux_bytes = (guint64) batch * plan->out.c * plan->out.h * plan->out.w * sizeof (gint32);
  return TRUE;
}

static gboolean
avgpool_plan (const double *s, ClShape in, int batch, ClLayerPlan *plan, GError **error)
{
  return pool_plan_common (s, in, plan, error);
}

static void
maxpool_forward (ClLayer *l, const ClRunCtx *ctx)
{
  int size = cl_setting_int (l, SIZE), stride = cl_setting_int (l, STRIDE);
  int h = l->in_shape.h, w = l->in_shape.w, oh = l->out_shape.h, ow = l->out_shape.w;
  int planes = ctx->n * l->in_shape.c;
  gint32 *argmax = (gint32 *) l->aux;

#pragma omp parallel for schedule(static) if ((gsize) planes * h * w >= CL_PAR_MIN)
  for (int p = 0; p < planes; p++)
    {
      const float *restrict x = l->in + (gsize) p * h * w;
      float *restrict y = l->out + (gsize) p * oh * ow;
      gint32 *restrict arg = argmax + (gsize) p * oh * ow;
      if (size == 2 && stride == 2)
        {
          /* The common 2x2/2 case unrolled; same first-maximum rule. */
          for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++)
              {
                int at = 2 * oy * w + 2 * ox;
                float best = x[at];
                int bi = at;
                bi = x[at + 1] > best ? at + 1 : bi;
                best = x[at + 1] > best ? x[at + 1] : best;
                bi = x[at + w] > best ? at + w : bi;
                best = x[at + w] > best ? x[at + w] : best;
                bi = x[at + w + 1] > best ? at + w + 1 : bi;
                best = x[at + w + 1] > best ? x[at + w + 1] : best;
                y[oy * ow + ox] = best;
                arg[oy * ow + ox] = bi;
              }
          continue;
        }
      for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
          {
            int best = oy * stride * w + ox * stride;
            for (int i = 0; i < size; i++)
              for (int j = 0; j < size; j++)
                {
                  int at = (oy * stride + i) * w + ox * stride + j;
                  /* Strictly greater: the first maximum wins, like PyTorch. */
                  if (x[at] > x[best])
                    best = at;
                }
            y[oy * ow + ox] = x[best];
            arg[oy * ow + ox] = best;
          }
    }
}

static void
maxpool_backward (ClLayer *l, const ClRunCtx *ctx)
{
  if (l->din == NULL)
    return;
  int h = l->in_shape.h, w = l->in_shape.w, oh = l->out_shape.h, ow = l->out_shape.w;
  int planes = ctx->n * l->in_shape.c;
  const gint32 *argmax = (const gint32 *) l->aux;

#pragma omp parallel for schedule(static) if ((gsize) planes * h * w >= CL_PAR_MIN)
  for (int p = 0; p < planes; p++)
    {
      float *restrict dx = l->din + (gsize) p * h * w;
      const float *restrict dy = l->dout + (gsize) p * oh * ow;
      const gint32 *restrict arg = argmax + (gsize) p * oh * ow;
      memset (dx, 0, sizeof (float) * h * w);
      for (int i = 0; i < oh * ow; i++)
        dx[arg[i]] += dy[i];
    }
}

static void
avgpool_forward (ClLayer *l, const ClRunCtx *ctx)
{
  int size = cl_setting_int (l, SIZE), stride = cl_setting_int (l, STRIDE);
  int h = l->in_shape.h, w = l->in_shape.w, oh = l->out_shape.h, ow = l->out_shape.w;
  int planes = ctx->n * l->in_shape.c;
  float scale = 1.0f / (float) (size * size);

#pragma omp parallel for schedule(static) if ((gsize) planes * h * w >= CL_PAR_MIN)
  for (int p = 0; p < planes; p++)
    {
      const float *restrict x = l->in + (gsize) p * h * w;
      float *restrict y = l->out + (gsize) p * oh * ow;
      for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
          {
            float sum = 0.0f;
            for (int i = 0; i < size; i++)
              for (int j = 0; j < size; j++)
                sum += x[(oy * stride + i) * w + ox * stride + j];
            y[oy * ow + ox] = sum * scale;
          }
    }
}

static void
avgpool_backward (ClLayer *l, const ClRunCtx *ctx)
{
  if (l->din == NULL)
    return;
  int size = cl_setting_int (l, SIZE), stride = cl_setting_int (l, STRIDE);
  int h = l->in_shape.h, w = l->in_shape.w, oh = l->out_shape.h, ow = l->out_shape.w;
  int planes = ctx->n * l->in_shape.c;
  float scale = 1.0f / (float) (size * size);

#pragma omp parallel for schedule(static) if ((gsize) planes * h * w >= CL_PAR_MIN)
  for (int p = 0; p < planes; p++)
    {
      float *restrict dx = l->din + (gsize) p * h * w;
      const float *restrict dy = l->dout + (gsize) p * oh * ow;
      memset (dx, 0, sizeof (float) * h * w);
      for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
          {
            float g = dy[oy * ow + ox] * scale;
            for (int i = 0; i < size; i++)
              for (int j = 0; j < size; j++)
                dx[(oy * stride + i) * w + ox * stride + j] += g;
          }
    }
}

const ClLayerKind cl_layer_maxpool2d = {
  .name = "MaxPool2D",
  .label = N_("MaxPool2D"),
  .help = N_("Keeps the largest value of each window: a smaller map."),
  .icon_name = "convlab-layer-maxpool-symbolic",
  .group = CL_LAYER_GROUP_LAYER,
  .settings = settings,
  .n_settings = G_N_ELEMENTS (settings),
  .plan = maxpool_plan,
  .forward = maxpool_forward,
  .backward = maxpool_backward,
};

const ClLayerKind cl_layer_avgpool2d = {
  .name = "AvgPool2D",
  .label = N_("AvgPool2D"),
  .help = N_("Averages each window: a smaller, smoother map."),
  .icon_name = "convlab-layer-avgpool-symbolic",
  .group = CL_LAYER_GROUP_LAYER,
  .settings = settings,
  .n_settings = G_N_ELEMENTS (settings),
  .plan = avgpool_plan,
  .forward = avgpool_forward,
  .backward = avgpool_backward,
};
