/* RReLU: a random slope in [lower, upper] for each negative value while
 * training, their mean in evaluation, the same bits whatever the threads;
 * and the scalar activations the explorer plots, against the layers. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/activation.h"
#include "engine/error.h"
#include "engine/net.h"
#include "engine/zoo.h"

static ClNet *
rrelu_net (int units, int batch, double lower, double upper)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (units, 1, 1);
  cl_net_spec_append (spec, "RReLU", "lower", lower, "upper", upper, NULL);
  cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
  g_autoptr(GError) error = NULL;
  ClNet *net = cl_net_new (spec, batch, &error);
  g_assert_no_error (error);
  return net;
}

/* Negative inputs of several sizes, positive ones between them. */
static float *
inputs (int count)
{
  float *x = g_new (float, count);
  for (int i = 0; i < count; i++)
    x[i] = i % 3 == 0 ? 0.5f + i % 5 : -(1.0f + i % 7);
  return x;
}

static void
test_training_slopes (void)
{
  const int units = 3000, batch = 4, count = units * batch;
  const double lower = 0.1, upper = 0.4;
  g_autoptr(ClNet) net = rrelu_net (units, batch, lower, upper);
  g_autofree float *x = inputs (count);
  g_autofree float *y = g_memdup2 (cl_net_forward (net, x, batch, TRUE), count * sizeof (float));

  double sum = 0, lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  int negatives = 0, bins[10] = { 0 };
  for (int i = 0; i < count; i++)
    {
      if (x[i] > 0)
        {
          g_assert_cmpfloat (y[i], ==, x[i]);
          continue;
        }
      double a = (double) y[i] / x[i];
      g_assert_cmpfloat (a, >=, lower - 1e-6);
      g_assert_cmpfloat (a, <=, upper + 1e-6);
      lo = MIN (lo, a);
      hi = MAX (hi, a);
      sum += a;
      bins[MIN (9, (int) ((a - lower) / (upper - lower) * 10))]++;
      negatives++;
    }
  /* Uniform over the whole band: the extremes are reached, the mean is in
   * the middle (8000 draws: σ of the mean 0.087/√8000 ≈ 0.001), and every
   * tenth of the band gets its share (800 ± 5σ, σ ≈ 27). */
  g_assert_cmpint (negatives, ==, 8000);
  g_assert_cmpfloat (lo, <, lower + 0.001);
  g_assert_cmpfloat (hi, >, upper - 0.001);
  g_assert_cmpfloat (fabs (sum / negatives - (lower + upper) / 2), <, 0.005);
  for (int b = 0; b < 10; b++)
    g_assert_cmpint (abs (bins[b] - 800), <, 135);

  /* Each sample draws its own slopes: unit i of samples 0 and 1 (24-bit
   * draws: a tie is a 1 in 16 million chance). */
  int compared = 0, same = 0;
  for (int i = 0; i < units; i++)
    if (x[i] < 0 && x[units + i] < 0)
      {
        compared++;
        same += y[i] / x[i] == y[units + i] / x[units + i];
      }
  g_assert_cmpint (compared, >, 1000);
  g_assert_cmpint (same, <, 5);

  /* The same step draws the same slopes; the next step others. */
  const float *again = cl_net_forward (net, x, batch, TRUE);
  g_assert_cmpmem (again, count * sizeof (float), y, count * sizeof (float));
  g_assert_true (cl_net_train_step (net, x, NULL, x, batch, NULL, NULL));
  const float *next = cl_net_forward (net, x, batch, TRUE);
  g_assert_cmpint (memcmp (next, y, count * sizeof (float)), !=, 0);
}

static void
test_evaluation_slope (void)
{
  const int units = 50, batch = 2, count = units * batch;
  g_autoptr(ClNet) net = rrelu_net (units, batch, 0.125, 1.0 / 3.0);
  g_autofree float *x = inputs (count);
  const float *y = cl_net_forward (net, x, batch, FALSE);
  const float mean = 0.5f * (0.125f + (float) (1.0 / 3.0));
  for (int i = 0; i < count; i++)
    g_assert_cmpfloat (y[i], ==, x[i] > 0 ? x[i] : mean * x[i]);
  /* The default settings are torch.nn.RReLU's: 1/8 and 1/3. */
  const ClLayerKind *kind = cl_layer_registry_lookup ("RReLU");
  g_assert_nonnull (kind);
  g_assert_cmpfloat (kind->settings[cl_layer_kind_find_setting (kind, "lower")].def, ==, 0.125);
  g_assert_cmpfloat (kind->settings[cl_layer_kind_find_setting (kind, "upper")].def, ==, 1.0 / 3.0);
}

/* Backward multiplies by the slope forward drew for that value. */
static void
test_backward_uses_drawn_slopes (void)
{
  const int units = 200, batch = 3, count = units * batch;
  g_autoptr(ClNet) net = rrelu_net (units, batch, 0.0, 1.0);
  cl_net_set_compute_input_grad (net, TRUE);
  g_autofree float *x = inputs (count);
  g_autofree float *ones = g_new (float, count);
  for (int i = 0; i < count; i++)
    ones[i] = 1.0f;
  const float *y = cl_net_forward (net, x, batch, TRUE);
  cl_net_backward (net, ones);
  const float *dx = cl_net_get_input_grad (net);
  /* y = x × factor, dx = 1 × factor: the same factor. */
  for (int i = 0; i < count; i++)
    {
      g_assert_cmpfloat (x[i] * dx[i], ==, y[i]);
      if (x[i] > 0)
        g_assert_cmpfloat (dx[i], ==, 1.0f);
    }
}

static float *
train_rrelu_net (int threads, gsize *n_out)
{
  cl_engine_set_threads (threads);
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (64, 1, 1);
  cl_net_spec_append (spec, "Dense", "units", 600.0, NULL);
  cl_net_spec_append (spec, "RReLU", NULL);
  cl_net_spec_append (spec, "Dense", "units", 4.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  cl_net_spec_get_train (spec)->seed = 5;
  const int batch = 32;   /* 19 200 values: the layer's parallel path */
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (spec, batch, &error);
  g_assert_no_error (error);
  g_autofree float *x = g_new (float, batch * 64);
  gint32 labels[32];
  for (int step = 0; step < 4; step++)
    {
      for (int i = 0; i < batch * 64; i++)
        x[i] = sinf (i * 0.37f + step);
      for (int s = 0; s < batch; s++)
        labels[s] = (s + step) % 4;
      g_assert_true (cl_net_train_step (net, x, labels, NULL, batch, NULL, &error));
      g_assert_no_error (error);
    }
  const float *params = cl_net_get_params (net, n_out);
  cl_engine_set_threads (2);
  return g_memdup2 (params, *n_out * sizeof (float));
}

static void
test_determinism (void)
{
  gsize n1 = 0, n2 = 0;
  g_autofree float *one = train_rrelu_net (1, &n1);
  g_autofree float *two = train_rrelu_net (2, &n2);
  g_assert_cmpuint (n1, ==, n2);
  g_assert_cmpmem (one, n1 * sizeof (float), two, n2 * sizeof (float));
}

static void
assert_refused (double lower, double upper, const char *message)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (4, 1, 1);
  cl_net_spec_append (spec, "RReLU", "lower", lower, "upper", upper, NULL);
  cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (spec, 1, &error);
  g_assert_null (net);
  g_assert_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_bad_settings (void)
{
  assert_refused (0.5, 0.25, "RReLU #1: the lower slope (0.5) must not be above the upper slope (0.25)");
  assert_refused (-0.1, 0.25, "RReLU #1: Lower slope must be between 0 and 1, not −0.1");
  assert_refused (0.1, 1.5, "RReLU #1: Upper slope must be between 0 and 1, not 1.5");
  /* lower = upper is a leaky ReLU of that slope, in training too. */
  g_autoptr(ClNet) net = rrelu_net (8, 1, 0.2, 0.2);
  float x[8] = { -1, -2, -3, -4, 1, 2, 3, 4 };
  const float *y = cl_net_forward (net, x, 1, TRUE);
  for (int i = 0; i < 8; i++)
    g_assert_cmpfloat (y[i], ==, x[i] > 0 ? x[i] : 0.2f * x[i]);
}

/* The explorer's curves are the layers' own: f(x) bit for bit equal to the
 * layer's evaluation forward, f′(x) to its backward of a gradient of 1. */
static void
test_scalar_matches_layers (void)
{
  enum { N = 41 };
  float x[N], ones[N];
  for (int i = 0; i < N; i++)
    {
      x[i] = -6.0f + 0.3f * i;   /* 0 is among them: the left derivative */
      ones[i] = 1.0f;
    }
  struct { const char *kind; const char *setting; double value; } cases[] = {
    { "Sigmoid", NULL, 0 }, { "Tanh", NULL, 0 }, { "ReLU", NULL, 0 },
    { "LeakyReLU", "slope", 0.1 }, { "PReLU", NULL, 0 }, { "ELU", "alpha", 0.7 },
    { "RReLU", "upper", 0.5 },
  };
  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(ClNetSpec) spec = cl_net_spec_new (N, 1, 1);
      int i = cl_net_spec_add_layer (spec, cases[c].kind);
      if (cases[c].setting != NULL)
        cl_net_spec_set_setting (spec, i, cases[c].setting, cases[c].value);
      cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
      g_autoptr(ClNet) net = cl_net_new (spec, 1, NULL);
      g_assert_nonnull (net);
      cl_net_set_compute_input_grad (net, TRUE);
      const float *y = cl_net_forward (net, x, 1, FALSE);
      cl_net_backward (net, ones);
      const float *dx = cl_net_get_input_grad (net);

      ClActivationParams p;
      g_assert_true (cl_activation_for_kind (cl_net_spec_get_layer_kind (spec, 0),
                                             cl_net_spec_get_settings (spec, 0), &p));
      for (int k = 0; k < N; k++)
        {
          float d;
          float v = cl_activation_value (&p, x[k], &d);
          g_assert_cmpmem (&v, sizeof v, &y[k], sizeof v);
          g_assert_cmpmem (&d, sizeof d, &dx[k], sizeof d);
        }
    }

  /* Softmax: the layer's vector. */
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (5, 1, 1);
  cl_net_spec_add_layer (spec, "Softmax");
  cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
  g_autoptr(ClNet) net = cl_net_new (spec, 1, NULL);
  const float *y = cl_net_forward (net, x + 10, 1, FALSE);
  float p[5];
  cl_activation_softmax (x + 10, p, 5);
  g_assert_cmpmem (p, sizeof p, y, sizeof p);

  /* Not one-in one-out: no curve. */
  ClActivationParams q;
  g_assert_false (cl_activation_for_kind (cl_layer_registry_lookup ("Dense"), NULL, &q));
  g_assert_false (cl_activation_for_kind (cl_layer_registry_lookup ("Maxout"), NULL, &q));
}

/* Known values of the scalar functions, and the ids round trip. */
static void
test_scalar_values (void)
{
  ClActivationParams p;
  float d;

  cl_activation_params_init (&p, CL_ACTIVATION_SIGMOID);
  g_assert_cmpfloat (cl_activation_value (&p, 0, &d), ==, 0.5f);
  g_assert_cmpfloat (d, ==, 0.25f);
  cl_activation_params_init (&p, CL_ACTIVATION_TANH);
  g_assert_cmpfloat (cl_activation_value (&p, 0, &d), ==, 0.0f);
  g_assert_cmpfloat (d, ==, 1.0f);
  cl_activation_params_init (&p, CL_ACTIVATION_RELU);
  g_assert_cmpfloat (cl_activation_value (&p, -2, &d), ==, 0.0f);
  g_assert_cmpfloat (d, ==, 0.0f);
  cl_activation_params_init (&p, CL_ACTIVATION_IDENTITY);
  g_assert_cmpfloat (cl_activation_value (&p, -2, &d), ==, -2.0f);
  g_assert_cmpfloat (d, ==, 1.0f);
  /* Maxout of (x, −x/2 − 1): −x/2 − 1 left of −2/3, x right of it. */
  cl_activation_params_init (&p, CL_ACTIVATION_MAXOUT);
  g_assert_cmpfloat (cl_activation_value (&p, -2, &d), ==, 0.0f);
  g_assert_cmpfloat (d, ==, -0.5f);
  g_assert_cmpfloat (cl_activation_value (&p, 1, &d), ==, 1.0f);
  g_assert_cmpfloat (d, ==, 1.0f);
  cl_activation_params_init (&p, CL_ACTIVATION_SOFTMAX);
  g_assert_true (isnan (cl_activation_value (&p, 1, NULL)));

  for (int k = 0; k < CL_N_ACTIVATIONS; k++)
    {
      ClActivation back;
      g_assert_true (cl_activation_from_string (cl_activation_to_string (k), &back));
      g_assert_cmpint (back, ==, k);
      g_assert_nonnull (cl_activation_get_label (k));
    }
  ClActivation none;
  g_assert_false (cl_activation_from_string ("swish", &none));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/rrelu/training-slopes-in-range-and-varying", test_training_slopes);
  g_test_add_func ("/engine/rrelu/evaluation-slope-is-the-mean", test_evaluation_slope);
  g_test_add_func ("/engine/rrelu/backward-uses-the-drawn-slopes", test_backward_uses_drawn_slopes);
  g_test_add_func ("/engine/rrelu/determinism-1-vs-2-threads", test_determinism);
  g_test_add_func ("/engine/rrelu/bad-settings-are-refused", test_bad_settings);
  g_test_add_func ("/engine/activation/scalar-matches-layers", test_scalar_matches_layers);
  g_test_add_func ("/engine/activation/scalar-values", test_scalar_values);
  return g_test_run ();
}
