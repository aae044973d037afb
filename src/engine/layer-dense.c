#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "engine/error.h"
#include "engine/gemm.h"
#include "engine/layer-private.h"

/* Dense: out[n, u] = sum_i W[u, i] in[n, i] + b[u].  The input is flattened,
 * so a 32x32x3 image goes straight in (30 730 parameters for 10 units). */

enum { UNITS, BIAS };

static const ClSettingDesc settings[] = {
  [UNITS] = { "units", CL_SETTING_INT, 1, 100000, 10, NULL, NULL,
              N_("Units"), N_("Number of neurons, each connected to every input.") },
  [BIAS] = { "bias", CL_SETTING_BOOL, 0, 1, 1, NULL, NULL,
             N_("Bias"), N_("Add a learned constant to each neuron.") },
};

static gboolean
dense_plan (const double *s, ClShape in, int batch, ClLayerPlan *plan, GError **error)
{
  int units = (int) s[UNITS];
  int n_in = in.c * in.h * in.w;
  plan->out = (ClShape) { units, 1, 1 };
  cl_tensor_info_set (&plan->params[0], "weight", CL_FILL_WEIGHT, 0, 2, (int[]) { units, n_in });
  plan->n_params = 1;
  if (s[BIAS] != 0)
    cl_tensor_info_set (&plan->params[plan->n_params++], "bias", CL_FILL_ZERO, 0, 1, (int[]) { units });
  plan->fan_in = n_in;
  plan->fan_out = units;
  return TRUE;
}

static void
dense_forward (ClLayer *l, const ClRunCtx *ctx)
{
  int units = (int) l->out_size, n_in = (int) l->in_size;
  cl_gemm (CL_NO_TRANS, CL_TRANS, ctx->n, units, n_in,
           1.0f, l->in, n_in, l->param[0], n_in, 0.0f, l->out, units);
  if (l->plan.n_params > 1)
    {
      const float *restrict b = l->param[1];
      for (int n = 0; n < ctx->n; n++)
        {
          float *restrict o = l->out + (gsize) n * units;
          for (int u = 0; u < units; u++)
            o[u] += b[u];
        }
    }
}

static void
dense_backward (ClLayer *l, const ClRunCtx *ctx)
{
  int units = (int) l->out_size, n_in = (int) l->in_size, nb = ctx->n;
  /* dW = dout^T in: one GEMM with k = batch, reduced in cl_gemm's fixed order. */
  cl_gemm (CL_TRANS, CL_NO_TRANS, units, n_in, nb,
           1.0f, l->dout, units, l->in, n_in, 0.0f, l->grad[0], n_in);
  if (l->plan.n_params > 1)
    {
      float *restrict db = l->grad[1];
      memset (db, 0, sizeof (float) * units);
      for (int n = 0; n < nb; n++)
        {
          const float *restrict d = l->dout + (gsize) n * units;
          for (int u = 0; u < units; u++)
            db[u] += d[u];
        }
    }
  if (l->din != NULL)
    cl_gemm (CL_NO_TRANS, CL_NO_TRANS, nb, n_in, units,
             1.0f, l->dout, units, l->param[0], n_in, 0.0f, l->din, n_in);
}

const ClLayerKind cl_layer_dense = {
  .name = "Dense",
  .label = N_("Dense"),
  .help = N_("Fully connected layer: every neuron sees every input."),
  .icon_name = "convlab-layer-dense-symbolic",
  .group = CL_LAYER_GROUP_LAYER,
  .settings = settings,
  .n_settings = G_N_ELEMENTS (settings),
  .plan = dense_plan,
  .forward = dense_forward,
  .backward = dense_backward,
};
