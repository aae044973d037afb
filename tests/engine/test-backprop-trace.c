/* The Backpropagation explorer's numbers: the engine's, and the ones a
 * student computes by hand on the course's 2-2-1 sigmoid network. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/backprop-trace.h"
#include "engine/error.h"
#include "engine/net.h"

static double
sigmoid (double x)
{
  return 1.0 / (1.0 + exp (-x));
}

/* Every number of the picture, computed here in doubles from the weights
 * alone, the way the slide does it, for E = (y − t)². */
static void
test_hand_2_2_1 (void)
{
  float *params, input[2], target;
  gsize n_params;
  double lr;
  g_autoptr (ClNetSpec) spec = cl_backprop_builtin (&params, &n_params, input, &target, &lr);
  g_autoptr (GError) error = NULL;
  g_autoptr (ClBackpropTrace) t = cl_backprop_trace_new (spec, params, n_params, input, &target,
                                                         lr, &error);
  g_assert_no_error (error);
  g_assert_cmpint (t->n_layers, ==, 3);

  const double x1 = 0.35, x2 = 0.9, tt = 0.5;
  const double w13 = 0.1, w23 = 0.8, w14 = 0.4, w24 = 0.6, w35 = 0.3, w45 = 0.9;
  double net3 = w13 * x1 + w23 * x2, y3 = sigmoid (net3);
  double net4 = w14 * x1 + w24 * x2, y4 = sigmoid (net4);
  double net5 = w35 * y3 + w45 * y4, y5 = sigmoid (net5);
  double E = (y5 - tt) * (y5 - tt);
  double dy5 = 2 * (y5 - tt), s5 = y5 * (1 - y5), dx5 = dy5 * s5;
  double dy3 = dx5 * w35, s3 = y3 * (1 - y3), dx3 = dy3 * s3;
  double dy4 = dx5 * w45, s4 = y4 * (1 - y4), dx4 = dy4 * s4;
  double dw35 = dx5 * y3, dw45 = dx5 * y4, db5 = dx5;
  double dw13 = dx3 * x1, dw23 = dx3 * x2, dw14 = dx4 * x1, dw24 = dx4 * x2;

  const double tol = 1e-6;
  const ClBackpropLayer *h = &t->layers[1], *o = &t->layers[2];
  g_assert_cmpfloat_with_epsilon (h->x[0], net3, tol);
  g_assert_cmpfloat_with_epsilon (h->x[1], net4, tol);
  g_assert_cmpfloat_with_epsilon (h->y[0], y3, tol);
  g_assert_cmpfloat_with_epsilon (h->y[1], y4, tol);
  g_assert_cmpfloat_with_epsilon (o->x[0], net5, tol);
  g_assert_cmpfloat_with_epsilon (o->y[0], y5, tol);
  g_assert_cmpfloat_with_epsilon (t->loss_value, E, tol);
  g_assert_cmpfloat_with_epsilon (o->dy[0], dy5, tol);
  g_assert_cmpfloat_with_epsilon (o->slope[0], s5, tol);
  g_assert_cmpfloat_with_epsilon (o->dx[0], dx5, tol);
  g_assert_cmpfloat_with_epsilon (h->dy[0], dy3, tol);
  g_assert_cmpfloat_with_epsilon (h->dy[1], dy4, tol);
  g_assert_cmpfloat_with_epsilon (h->slope[0], s3, tol);
  g_assert_cmpfloat_with_epsilon (h->slope[1], s4, tol);
  g_assert_cmpfloat_with_epsilon (h->dx[0], dx3, tol);
  g_assert_cmpfloat_with_epsilon (h->dx[1], dx4, tol);
  /* PyTorch's layout: dw[j * n_in + i] is i → j. */
  g_assert_cmpfloat_with_epsilon (t->links[0].dw[0], dw13, tol);
  g_assert_cmpfloat_with_epsilon (t->links[0].dw[1], dw23, tol);
  g_assert_cmpfloat_with_epsilon (t->links[0].dw[2], dw14, tol);
  g_assert_cmpfloat_with_epsilon (t->links[0].dw[3], dw24, tol);
  g_assert_cmpfloat_with_epsilon (t->links[0].db[0], dx3, tol);
  g_assert_cmpfloat_with_epsilon (t->links[0].db[1], dx4, tol);
  g_assert_cmpfloat_with_epsilon (t->links[1].dw[0], dw35, tol);
  g_assert_cmpfloat_with_epsilon (t->links[1].dw[1], dw45, tol);
  g_assert_cmpfloat_with_epsilon (t->links[1].db[0], db5, tol);
  /* w ← w − η·∂E/∂w with the built-in η = 1. */
  g_assert_cmpfloat (lr, ==, 1.0);
  g_assert_cmpfloat_with_epsilon (t->links[1].w_new[0], w35 - lr * dw35, tol);
  g_assert_cmpfloat_with_epsilon (t->links[0].w_new[1], w23 - lr * dw23, tol);
  g_free (params);
}

/* The trace copies the engine's own gradients bit for bit: the same step
 * taken on a separate net gives the same gradient block. */
static void
test_engine_2_2_1 (void)
{
  float *params, input[2], target;
  gsize n_params;
  double lr;
  g_autoptr (ClNetSpec) spec = cl_backprop_builtin (&params, &n_params, input, &target, &lr);
  /* Non-zero biases, so ∂E/∂b and its update are not trivially 0 → 0. */
  params[4] = 0.25f;
  params[5] = -0.5f;
  params[8] = 0.1f;
  g_autoptr (GError) error = NULL;
  g_autoptr (ClBackpropTrace) t = cl_backprop_trace_new (spec, params, n_params, input, &target,
                                                         0.5, &error);
  g_assert_no_error (error);

  g_autoptr (ClNet) net = cl_net_new (spec, 1, &error);
  g_assert_no_error (error);
  cl_net_init (net, 1);
  gsize n;
  memcpy (cl_net_get_params (net, &n), params, sizeof (float) * n_params);
  cl_net_get_train (net)->optimiser = CL_OPTIM_SGD;
  cl_net_set_learning_rate (net, 0.5);
  g_assert_true (cl_net_train_step (net, input, NULL, &target, 1, NULL, &error));
  const float *g = cl_net_get_grads (net, &n);
  const float *w = cl_net_get_params (net, &n);
  g_assert_cmpuint (n, ==, 9);
  const float *shown[] = { t->links[0].dw, t->links[0].db, t->links[1].dw, t->links[1].db };
  const float *shown_new[] = { t->links[0].w_new, t->links[0].b_new, t->links[1].w_new,
                               t->links[1].b_new };
  const int counts[] = { 4, 2, 2, 1 };
  gsize at = 0;
  for (int k = 0; k < 4; at += counts[k], k++)
    {
      g_assert_cmpmem (shown[k], counts[k] * sizeof (float), g + at, counts[k] * sizeof (float));
      g_assert_cmpmem (shown_new[k], counts[k] * sizeof (float), w + at,
                       counts[k] * sizeof (float));
    }
  /* The output's ∂E/∂x is what the engine handed down to the Dense layer. */
  g_assert_cmpmem (t->layers[2].dx, sizeof (float), cl_net_get_layer_output_grad (net, 2),
                   sizeof (float));
  g_free (params);
}

/* The update shown is one plain SGD step, whatever optimiser the design
 * trains with: w_new = w − η·g for every weight and bias. */
static void
test_update (void)
{
  float *params, input[2], target;
  gsize n_params;
  double lr;
  g_autoptr (ClNetSpec) spec = cl_backprop_builtin (&params, &n_params, input, &target, &lr);
  ClTrainSettings *train = cl_net_spec_get_train (spec);
  train->optimiser = CL_OPTIM_ADAM;
  train->weight_decay = 0.1;
  g_autoptr (ClBackpropTrace) t = cl_backprop_trace_new (spec, params, n_params, input, &target,
                                                         0.3, NULL);
  g_assert_nonnull (t);
  g_assert_cmpfloat (t->lr, ==, 0.3);
  for (int k = 0; k < t->n_layers - 1; k++)
    {
      const ClBackpropLinks *l = &t->links[k];
      for (int i = 0; i < l->n_in * l->n_out; i++)
        g_assert_cmpfloat_with_epsilon (l->w_new[i], l->w[i] - 0.3 * l->dw[i], 1e-6);
      for (int j = 0; j < l->n_out; j++)
        g_assert_cmpfloat_with_epsilon (l->b_new[j], l->b[j] - 0.3 * l->db[j], 1e-6);
    }
  g_free (params);
}

/* f′ is the activation layer's own derivative: 1 − y² for tanh, the slope
 * for a negative leaky ReLU input. */
static void
test_slopes (void)
{
  g_autoptr (ClNetSpec) spec = cl_net_spec_new (2, 1, 1);
  cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 3);
  cl_net_spec_add_layer (spec, "Tanh");
  cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 2);
  int leaky = cl_net_spec_add_layer (spec, "LeakyReLU");
  cl_net_spec_set_setting (spec, leaky, "slope", 0.2);
  cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
  const float input[] = { 1.0f, -2.0f }, target[] = { 0.5f, -0.5f };
  g_autoptr (GError) error = NULL;
  g_autoptr (ClBackpropTrace) t = cl_backprop_trace_new (spec, NULL, 0, input, target, 0.1,
                                                         &error);
  g_assert_no_error (error);
  for (int j = 0; j < 3; j++)
    g_assert_cmpfloat_with_epsilon (t->layers[1].slope[j],
                                    1.0 - t->layers[1].y[j] * t->layers[1].y[j], 1e-6);
  for (int j = 0; j < 2; j++)
    {
      const ClBackpropLayer *o = &t->layers[2];
      g_assert_cmpfloat (o->slope[j], ==, o->x[j] > 0 ? 1.0f : 0.2f);
      g_assert_cmpfloat_with_epsilon (o->dy[j], 2.0 * (o->y[j] - target[j]) / 2, 1e-6);
      g_assert_cmpfloat_with_epsilon (o->dx[j], o->dy[j] * o->slope[j], 1e-6);
    }
}

/* Softmax + cross-entropy: the engine fuses them, ∂E/∂x = y − one-hot, and
 * there is no ∂E/∂y of the output to show. */
static void
test_cross_entropy (void)
{
  g_autoptr (ClNetSpec) spec = cl_net_spec_new (2, 1, 1);
  cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 3);
  cl_net_spec_add_layer (spec, "ReLU");
  cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 3);
  cl_net_spec_add_layer (spec, "Softmax");
  cl_net_spec_get_train (spec)->loss = CL_LOSS_CROSS_ENTROPY;
  const float input[] = { 0.5f, -1.0f }, target[] = { 0.0f, 0.0f, 1.0f };
  g_autoptr (GError) error = NULL;
  g_autoptr (ClBackpropTrace) t = cl_backprop_trace_new (spec, NULL, 0, input, target, 0.1,
                                                         &error);
  g_assert_no_error (error);
  const ClBackpropLayer *o = &t->layers[2];
  g_assert_true (t->fused);
  g_assert_cmpint (t->label, ==, 2);
  g_assert_null (o->dy);
  g_assert_null (o->slope);
  for (int j = 0; j < 3; j++)
    g_assert_cmpfloat_with_epsilon (o->dx[j], o->y[j] - (j == 2), 1e-6);
  g_assert_cmpfloat_with_epsilon (t->loss_value, -log (o->y[2]), 1e-6);
}

static void
expect_refused (ClNetSpec *spec, const char *fragment)
{
  g_autoptr (GError) error = NULL;
  g_assert_false (cl_backprop_check (spec, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

static void
test_refused (void)
{
  {
    g_autoptr (ClNetSpec) spec = cl_net_spec_new (1, 28, 28);
    cl_net_spec_add_layer (spec, "Dense");
    expect_refused (spec, "784");
  }
  {
    g_autoptr (ClNetSpec) spec = cl_net_spec_new (2, 1, 1);
    cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 9);
    expect_refused (spec, "Layer 1 (Dense)");
  }
  {
    g_autoptr (ClNetSpec) spec = cl_net_spec_new (2, 1, 1);
    for (int i = 0; i < 5; i++)
      cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 2);
    expect_refused (spec, "Layer 5 (Dense)");
  }
  {
    g_autoptr (ClNetSpec) spec = cl_net_spec_new (2, 1, 1);
    cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 2);
    cl_net_spec_add_layer (spec, "Dropout");
    expect_refused (spec, "Layer 2 (Dropout)");
  }
  {
    g_autoptr (ClNetSpec) spec = cl_net_spec_new (2, 1, 1);
    cl_net_spec_add_layer (spec, "Sigmoid");
    expect_refused (spec, "start with a Dense");
  }
  {
    g_autoptr (ClNetSpec) spec = cl_net_spec_new (2, 1, 1);
    cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 2);
    cl_net_spec_add_layer (spec, "ReLU");
    cl_net_spec_add_layer (spec, "Tanh");
    expect_refused (spec, "Layer 3 (Tanh)");
  }
  {
    g_autoptr (ClNetSpec) spec = cl_net_spec_new (2, 1, 1);
    cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 2);
    cl_net_spec_add_layer (spec, "Softmax");
    cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
    expect_refused (spec, "Softmax");
  }
  /* Weights that do not fit: refused, named, nothing read past them. */
  float *params, input[2], target;
  gsize n_params;
  double lr;
  g_autoptr (ClNetSpec) spec = cl_backprop_builtin (&params, &n_params, input, &target, &lr);
  g_autoptr (GError) error = NULL;
  g_assert_null (cl_backprop_trace_new (spec, params, n_params - 1, input, &target, lr, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_MISMATCH);
  g_clear_error (&error);
  /* A learning rate that blows the weights up: the step's error, no trace. */
  g_assert_null (cl_backprop_trace_new (spec, params, n_params, input, &target, 1e39, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_DIVERGED);
  g_free (params);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/backprop/hand-2-2-1", test_hand_2_2_1);
  g_test_add_func ("/engine/backprop/engine-2-2-1", test_engine_2_2_1);
  g_test_add_func ("/engine/backprop/update-plain-sgd", test_update);
  g_test_add_func ("/engine/backprop/activation-slopes", test_slopes);
  g_test_add_func ("/engine/backprop/cross-entropy-fused", test_cross_entropy);
  g_test_add_func ("/engine/backprop/refused", test_refused);
  return g_test_run ();
}
