#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "engine/layer-private.h"

/* Flatten: C x H x W maps become one vector of C*H*W values.  NCHW memory is
 * already in that order, so both passes are a copy; the copy keeps this
 * layer's output readable like any other. */

static gboolean
flatten_plan (const double *s, ClShape in, int batch, ClLayerPlan *plan, GError **error)
{
  plan->out = (ClShape) { in.c * in.h * in.w, 1, 1 };
  return TRUE;
}

static void
flatten_forward (ClLayer *l, const ClRunCtx *ctx)
{
  memcpy (l->out, l->in, sizeof (float) * ctx->n * l->out_size);
}

static void
flatten_backward (ClLayer *l, const ClRunCtx *ctx)
{
  if (l->din != NULL)
    memcpy (l->din, l->dout, sizeof (float) * ctx->n * l->out_size);
}

const ClLayerKind cl_layer_flatten = {
  .name = "Flatten",
  .label = N_("Flatten"),
  .help = N_("Lays the maps out as one long vector, for dense layers."),
  .icon_name = "convlab-layer-flatten-symbolic",
  .group = CL_LAYER_GROUP_LAYER,
  .plan = flatten_plan,
  .forward = flatten_forward,
  .backward = flatten_backward,
};
