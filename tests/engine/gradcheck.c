#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/rng.h"
#include "gradcheck.h"

/* Tolerance: the forward pass is float32 (relative rounding ~6e-8 per
 * operation), the objective a double sum over the outputs.  With a step of
 * h = 1e-3 the rounding error of a central difference is about
 * |L| * 1e-7 / 1e-3 = 1e-4 |L| (we measured up to 1.3e-4 absolute on these
 * designs), and the truncation error h^2 f'''/6 is below 1e-6 for these
 * smooth (or piecewise linear) functions.  Inputs keep away from the kinks
 * of ReLU-like functions (|x| >= 0.1 > h) and maxima are separated by more
 * than 2h, so piecewise layers are checked away from their kinks.  We
 * accept |a - n| <= 5e-4 + 1e-3 max(|a|, |n|): a 1 % error in any gradient
 * larger than 0.05 fails. */
#define H 1e-3
#define ATOL 5e-4
#define RTOL 1e-3

typedef struct {
  ClNet *net;
  const float *x;
  const float *r;
  const gint32 *labels;
  const float *targets;
  int n;
  gboolean use_loss;
  gboolean training;
} Objective;

static double
objective (Objective *o)
{
  const float *out = cl_net_forward (o->net, o->x, o->n, o->training);
  if (o->use_loss)
    {
      ClStepResult res;
      g_assert_true (cl_net_compute_loss (o->net, o->labels, o->targets, &res, NULL));
      return res.loss;
    }
  int last = cl_net_get_n_layers (o->net) - 1;
  ClShape s = cl_net_get_output_shape (o->net, last);
  gsize count = (gsize) o->n * s.c * s.h * s.w;
  double sum = 0.0;
  for (gsize i = 0; i < count; i++)
    sum += (double) o->r[i] * out[i];
  return sum;
}

static void
compare (const char *what, gsize i, double analytic, double numeric)
{
  double err = fabs (analytic - numeric);
  double bound = ATOL + RTOL * MAX (fabs (analytic), fabs (numeric));
  if (err > bound)
    g_error ("gradcheck %s[%" G_GSIZE_FORMAT "]: analytic %.6g, numeric %.6g", what, i,
             analytic, numeric);
}

static double
central (Objective *o, float *value)
{
  float saved = *value;
  *value = saved + (float) H;
  double plus = objective (o);
  *value = saved - (float) H;
  double minus = objective (o);
  *value = saved;
  /* The actual float steps, not the nominal 2h. */
  return (plus - minus) / ((double) (saved + (float) H) - (double) (saved - (float) H));
}

static void
gradcheck (const ClNetSpec *spec, int batch, gboolean use_loss, gboolean training,
           gboolean with_input, int max_checked)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (spec, batch, &error);
  g_assert_no_error (error);
  cl_net_set_compute_input_grad (net, with_input);
  ClTrainSettings *t = cl_net_get_train (net);
  t->optimiser = CL_OPTIM_SGD;
  t->lr = 0.0;  /* a train step then leaves the gradients and the weights */
  t->weight_decay = 0.0;

  ClShape in = cl_net_get_input_shape (net);
  int last = cl_net_get_n_layers (net) - 1;
  ClShape os = cl_net_get_output_shape (net, last);
  gsize in_count = (gsize) batch * in.c * in.h * in.w;
  gsize out_size = (gsize) os.c * os.h * os.w;

  ClRng rng;
  cl_rng_init (&rng, 7, CL_RNG_STREAM_DATA);
  /* Distinct magnitudes on a grid, shuffled, random signs: any two inputs
   * differ by more than 2h, so no maximum changes hands under a step. */
  g_autofree float *x = g_new (float, in_count);
  g_autofree guint32 *order = g_new (guint32, in_count);
  for (gsize i = 0; i < in_count; i++)
    order[i] = (guint32) i;
  cl_rng_shuffle (&rng, order, in_count);
  for (gsize i = 0; i < in_count; i++)
    {
      float u = (order[i] + 0.5f) / in_count;
      x[i] = (cl_rng_uniform (&rng) < 0.5f ? -1.0f : 1.0f) * (0.1f + 0.9f * u);
    }
  g_autofree float *r = g_new (float, batch * out_size);
  g_autofree float *targets = g_new (float, batch * out_size);
  g_autofree gint32 *labels = g_new (gint32, batch);
  for (gsize i = 0; i < batch * out_size; i++)
    {
      r[i] = 2.0f * cl_rng_uniform (&rng) - 1.0f;
      targets[i] = cl_rng_uniform (&rng);
    }
  for (int s = 0; s < batch; s++)
    labels[s] = (gint32) cl_rng_below (&rng, (guint32) out_size);

  /* Nudge the parameters off their initial symmetric values (BatchNorm's
   * scale 1 and shift 0, zero biases) so every path carries a signal. */
  gsize n_params;
  float *params = cl_net_get_params (net, &n_params);
  for (gsize i = 0; i < n_params; i++)
    params[i] += 0.2f * (cl_rng_uniform (&rng) - 0.5f);
  /* Running statistics away from (0, 1) too, for evaluation mode. */
  gsize n_buffers;
  float *buffers = cl_net_get_buffers (net, &n_buffers);
  for (gsize i = 0; i < n_buffers; i++)
    buffers[i] += 0.5f * cl_rng_uniform (&rng);

  Objective o = { net, x, r, labels, targets, batch, use_loss, training };
  gsize n;
  float *grads = cl_net_get_grads (net, &n);
  g_autofree float *pgrad = NULL;
  g_autofree float *xgrad = g_new (float, in_count);
  if (use_loss)
    {
      g_assert_true (cl_net_train_step (net, x, labels, targets, batch, NULL, &error));
      g_assert_no_error (error);
      /* lr = 0 and a loss that does not depend on the step: the train step
       * ran the fused backward and changed nothing else.  Dropout would
       * change its mask with the step, so use_loss designs have none. */
    }
  else
    {
      cl_net_forward (net, x, batch, training);
      cl_net_backward (net, r);
    }
  pgrad = g_memdup2 (grads, sizeof (float) * n_params);
  if (with_input)
    memcpy (xgrad, cl_net_get_input_grad (net), sizeof (float) * in_count);

  gsize stride = max_checked > 0 && n_params > (gsize) max_checked ? n_params / max_checked + 1 : 1;
  for (gsize i = 0; i < n_params; i += stride)
    compare ("param", i, pgrad[i], central (&o, &params[i]));
  if (!with_input)
    return;
  stride = max_checked > 0 && in_count > (gsize) max_checked ? in_count / max_checked + 1 : 1;
  for (gsize i = 0; i < in_count; i += stride)
    compare ("input", i, xgrad[i], central (&o, &x[i]));
}

void
cl_test_gradcheck (const ClNetSpec *spec, int batch, gboolean use_loss, int max_checked)
{
  gradcheck (spec, batch, use_loss, TRUE, TRUE, max_checked);
}

void
cl_test_gradcheck_params (const ClNetSpec *spec, int batch, int max_checked)
{
  gradcheck (spec, batch, FALSE, TRUE, FALSE, max_checked);
}

void
cl_test_gradcheck_eval (const ClNetSpec *spec, int batch)
{
  gradcheck (spec, batch, FALSE, FALSE, TRUE, 0);
}
