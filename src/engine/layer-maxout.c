#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "engine/error.h"
#include "engine/layer-private.h"

/* Maxout: the maximum of k consecutive "pieces".  Over channels, groups of k
 * maps give one map (C/k x H x W); over units, the flattened input is cut
 * into groups of k values (C*H*W/k x 1 x 1).  Both are groups of k strided
 * by `inner`: the map size, or 1. */

enum { PIECES, OVER };
enum { OVER_CHANNELS, OVER_UNITS };

static const char * const over_ids[] = { "channels", "units", NULL };
static const char * const over_labels[] = { N_("Channels"), N_("Single values"), NULL };

static const ClSettingDesc settings[] = {
  [PIECES] = { "pieces", CL_SETTING_INT, 2, 16, 2, NULL, NULL,
               N_("Pieces"), N_("How many inputs each output takes the maximum of.") },
  [OVER] = { "over", CL_SETTING_CHOICE, 0, 1, OVER_CHANNELS, over_ids, over_labels,
             N_("Over"), N_("Group whole channels, or single units of the flattened input.") },
};

static gboolean
maxout_plan (const double *s, ClShape in, int batch, ClLayerPlan *plan, GError **error)
{
  int k = (int) s[PIECES];
  if ((int) s[OVER] == OVER_CHANNELS)
    {
      if (in.c % k != 0)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                       _("%d channels cannot be split into groups of %d pieces"), in.c, k);
          return FALSE;
        }
      plan->out = (ClShape) { in.c / k, in.h, in.w };
    }
  else
    {
      int total = in.c * in.h * in.w;
      if (total % k != 0)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                       _("%d units cannot be split into groups of %d pieces"), total, k);
          return FALSE;
        }
      plan->out = (ClShape) { total / k, 1, 1 };
    }
  plan->aux_bytes = (guint64) batch * plan->out.c * plan->out.h * plan->out.w * sizeof (gint32);
  return TRUE;
}

static void
maxout_forward (ClLayer *l, const ClRunCtx *ctx)
{
  int k = cl_setting_int (l, PIECES);
  gsize inner = (gsize) l->out_shape.h * l->out_shape.w;
  gsize groups = (gsize) l->out_shape.c;
  gint32 *piece = (gint32 *) l->aux;

#pragma omp parallel for schedule(static) if (ctx->n * l->in_size >= CL_PAR_MIN)
  for (int n = 0; n < ctx->n; n++)
    for (gsize g = 0; g < groups; g++)
      {
        const float *restrict x = l->in + n * l->in_size + g * k * inner;
        float *restrict y = l->out + n * l->out_size + g * inner;
        gint32 *restrict arg = piece + n * l->out_size + g * inner;
        for (gsize i = 0; i < inner; i++)
          {
            int best = 0;
            for (int j = 1; j < k; j++)
              if (x[j * inner + i] > x[best * inner + i])
                best = j;
            y[i] = x[best * inner + i];
            arg[i] = best;
          }
      }
}

static void
maxout_backward (ClLayer *l, const ClRunCtx *ctx)
{
  if (l->din == NULL)
    return;
  int k = cl_setting_int (l, PIECES);
  gsize inner = (gsize) l->out_shape.h * l->out_shape.w;
  gsize groups = (gsize) l->out_shape.c;
  const gint32 *piece = (const gint32 *) l->aux;

#pragma omp parallel for schedule(static) if (ctx->n * l->in_size >= CL_PAR_MIN)
  for (int n = 0; n < ctx->n; n++)
    {
      memset (l->din + n * l->in_size, 0, sizeof (float) * l->in_size);
      for (gsize g = 0; g < groups; g++)
        {
          float *restrict dx = l->din + n * l->in_size + g * k * inner;
          const float *restrict dy = l->dout + n * l->out_size + g * inner;
          const gint32 *restrict arg = piece + n * l->out_size + g * inner;
          for (gsize i = 0; i < inner; i++)
            dx[arg[i] * inner + i] = dy[i];
        }
    }
}

const ClLayerKind cl_layer_maxout = {
  .name = "Maxout",
  .label = N_("Maxout"),
  .help = N_("Keeps the largest of k pieces: a learned, piecewise linear activation."),
  .icon_name = "convlab-act-maxout-symbolic",
  .group = CL_LAYER_GROUP_ACTIVATION,
  .settings = settings,
  .n_settings = G_N_ELEMENTS (settings),
  .plan = maxout_plan,
  .forward = maxout_forward,
  .backward = maxout_backward,
};
