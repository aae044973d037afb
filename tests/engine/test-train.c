/* Training as a whole: determinism across thread counts, dropout, divergence
 * and recovery, and learning (XOR, LeNet-5 on synthetic images). */
#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/error.h"
#include "engine/net.h"
#include "engine/rng.h"
#include "engine/zoo.h"

/* Images of class q in {0..3}: a bright Gaussian blob in quadrant q of a
 * noisy size x size image. */
static void
make_quadrant_images (ClRng *rng, int n, int size, float *x, gint32 *labels)
{
  for (int s = 0; s < n; s++)
    {
      int q = (int) cl_rng_below (rng, 4);
      float cy = (q / 2) * size / 2.0f + size / 4.0f + (cl_rng_uniform (rng) - 0.5f) * size / 4.0f;
      float cx = (q % 2) * size / 2.0f + size / 4.0f + (cl_rng_uniform (rng) - 0.5f) * size / 4.0f;
      float *img = x + (gsize) s * size * size;
      for (int i = 0; i < size; i++)
        for (int j = 0; j < size; j++)
          {
            float d2 = (i - cy) * (i - cy) + (j - cx) * (j - cx);
            img[i * size + j] = expf (-d2 / 8.0f) + 0.2f * cl_rng_uniform (rng);
          }
      labels[s] = q;
    }
}

/* Big enough that every kind of layer takes its OpenMP path (see CL_PAR_MIN). */
static float *
train_small_cnn (int threads, gsize *n_out)
{
  cl_engine_set_threads (threads);
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, 28, 28);
  cl_net_spec_append (spec, "Conv2D", "filters", 8.0, "kernel", 5.0, NULL);
  cl_net_spec_append (spec, "BatchNorm", NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "MaxPool2D", NULL);
  /* 3x3 stride 1 on 8 channels: Winograd (conv-winograd.h). */
  cl_net_spec_append (spec, "Conv2D", "filters", 8.0, "kernel", 3.0, NULL);
  cl_net_spec_append (spec, "Conv2D", "filters", 16.0, "kernel", 3.0, "stride", 2.0, NULL);
  cl_net_spec_append (spec, "PReLU", NULL);
  cl_net_spec_append (spec, "Maxout", "pieces", 2.0, NULL);
  cl_net_spec_append (spec, "AvgPool2D", "size", 2.0, "stride", 1.0, NULL);
  cl_net_spec_append (spec, "Dense", "units", 32.0, NULL);
  cl_net_spec_append (spec, "ELU", NULL);
  cl_net_spec_append (spec, "Dropout", "rate", 0.3, NULL);
  cl_net_spec_append (spec, "Dense", "units", 4.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  ClTrainSettings *t = cl_net_spec_get_train (spec);
  t->optimiser = CL_OPTIM_ADAM;
  t->lr = 0.01;
  t->weight_decay = 1e-4;
  t->seed = 99;

  const int batch = 32;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (spec, batch, &error);
  g_assert_no_error (error);
  ClRng rng;
  cl_rng_init (&rng, 1, CL_RNG_STREAM_DATA);
  g_autofree float *x = g_new (float, batch * 784);
  gint32 labels[32];
  for (int step = 0; step < 8; step++)
    {
      make_quadrant_images (&rng, batch, 28, x, labels);
      g_assert_true (cl_net_train_step (net, x, labels, NULL, batch, NULL, &error));
      g_assert_no_error (error);
    }
  gsize n_buffers;
  const float *buffers = cl_net_get_buffers (net, &n_buffers);
  const float *params = cl_net_get_params (net, n_out);
  float *copy = g_new (float, *n_out + n_buffers);
  memcpy (copy, params, *n_out * sizeof (float));
  memcpy (copy + *n_out, buffers, n_buffers * sizeof (float));
  *n_out += n_buffers;
  cl_engine_set_threads (2);
  return copy;
}

static void
test_determinism (void)
{
  gsize n1 = 0, n2 = 0;
  g_autofree float *one = train_small_cnn (1, &n1);
  g_autofree float *two = train_small_cnn (2, &n2);
  g_assert_cmpuint (n1, ==, n2);
  g_assert_cmpmem (one, n1 * sizeof (float), two, n2 * sizeof (float));
}

static ClNet *
dropout_net (double rate, int units, int batch)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (units, 1, 1);
  cl_net_spec_append (spec, "Dropout", "rate", rate, NULL);
  cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
  return cl_net_new (spec, batch, NULL);
}

static void
test_dropout_rate_and_scaling (void)
{
  const int units = 5000, batch = 4;
  g_autoptr(ClNet) net = dropout_net (0.3, units, batch);
  g_autofree float *x = g_new (float, units * batch);
  for (int i = 0; i < units * batch; i++)
    x[i] = 1.0f + i % 7;
  const float *y = cl_net_forward (net, x, batch, TRUE);
  const float *mask = cl_net_get_dropout_mask (net, 0);
  g_assert_nonnull (mask);
  int dropped = 0;
  for (int i = 0; i < units * batch; i++)
    {
      if (mask[i] == 0.0f)
        dropped++;
      else
        g_assert_cmpfloat (mask[i], ==, 1.0f / 0.7f);
      g_assert_cmpfloat (y[i], ==, x[i] * mask[i]);
    }
  /* Binomial(20000, 0.3): standard deviation 65, we allow 5 of them. */
  g_assert_cmpint (abs (dropped - 6000), <, 325);

  /* Every sample has its own mask. */
  g_assert_cmpint (memcmp (mask, mask + units, units * sizeof (float)), !=, 0);

  /* Evaluation: the identity. */
  y = cl_net_forward (net, x, batch, FALSE);
  g_assert_cmpmem (y, units * batch * sizeof (float), x, units * batch * sizeof (float));

  /* The mask is a function of (seed, step, ...): same seed, same mask. */
  g_autoptr(ClNet) twin = dropout_net (0.3, units, batch);
  cl_net_forward (net, x, batch, TRUE);
  cl_net_forward (twin, x, batch, TRUE);
  g_assert_cmpmem (cl_net_get_dropout_mask (net, 0), units * batch * sizeof (float),
                   cl_net_get_dropout_mask (twin, 0), units * batch * sizeof (float));
  /* ...and the next step draws another one. */
  g_autofree float *first = g_memdup2 (cl_net_get_dropout_mask (net, 0), units * sizeof (float));
  g_assert_true (cl_net_train_step (net, x, NULL, x, batch, NULL, NULL));
  cl_net_forward (net, x, batch, TRUE);
  g_assert_cmpint (memcmp (first, cl_net_get_dropout_mask (net, 0), units * sizeof (float)), !=, 0);
}

static void
test_dropout_rate_zero (void)
{
  g_autoptr(ClNet) net = dropout_net (0.0, 100, 2);
  float x[200];
  for (int i = 0; i < 200; i++)
    x[i] = (float) i;
  const float *y = cl_net_forward (net, x, 2, TRUE);
  g_assert_cmpmem (y, sizeof x, x, sizeof x);
}

static ClNetSpec *
xor_spec (void)
{
  ClNetSpec *spec = cl_net_spec_new (2, 1, 1);
  cl_net_spec_append (spec, "Dense", "units", 8.0, NULL);
  cl_net_spec_append (spec, "Tanh", NULL);
  cl_net_spec_append (spec, "Dense", "units", 2.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  ClTrainSettings *t = cl_net_spec_get_train (spec);
  t->optimiser = CL_OPTIM_ADAM;
  t->lr = 0.05;
  t->seed = 3;
  return spec;
}

static const float xor_x[] = { 0, 0, 0, 1, 1, 0, 1, 1 };
static const gint32 xor_y[] = { 0, 1, 1, 0 };

static void
test_xor (void)
{
  g_autoptr(ClNetSpec) spec = xor_spec ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (spec, 4, &error);
  g_assert_no_error (error);
  ClStepResult r;
  for (int step = 0; step < 300; step++)
    g_assert_true (cl_net_train_step (net, xor_x, xor_y, NULL, 4, &r, NULL));
  g_assert_true (cl_net_evaluate (net, xor_x, xor_y, NULL, 4, &r, NULL));
  g_assert_cmpfloat (r.accuracy, ==, 1.0);
  g_assert_cmpfloat (r.loss, <, 0.05);
}

/* The same with one sigmoid output and the binary cross-entropy. */
static void
test_xor_bce (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (2, 1, 1);
  cl_net_spec_append (spec, "Dense", "units", 8.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "Dense", "units", 1.0, NULL);
  cl_net_spec_append (spec, "Sigmoid", NULL);
  ClTrainSettings *t = cl_net_spec_get_train (spec);
  t->loss = CL_LOSS_BINARY_CROSS_ENTROPY;
  t->optimiser = CL_OPTIM_NESTEROV;
  t->lr = 0.1;
  t->seed = 5;
  g_autoptr(ClNet) net = cl_net_new (spec, 4, NULL);
  const float targets[] = { 0, 1, 1, 0 };
  ClStepResult r;
  for (int step = 0; step < 1000; step++)
    g_assert_true (cl_net_train_step (net, xor_x, NULL, targets, 4, &r, NULL));
  g_assert_true (cl_net_evaluate (net, xor_x, NULL, targets, 4, &r, NULL));
  g_assert_cmpfloat (r.accuracy, ==, 1.0);
}

/* Regression with MSE and RMSprop: a noisy cos(x) on [-3, 3]. */
static void
test_regression (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, 1, 1);
  cl_net_spec_append (spec, "Dense", "units", 16.0, NULL);
  cl_net_spec_append (spec, "Tanh", NULL);
  cl_net_spec_append (spec, "Dense", "units", 1.0, NULL);
  ClTrainSettings *t = cl_net_spec_get_train (spec);
  t->loss = CL_LOSS_MSE;
  t->optimiser = CL_OPTIM_RMSPROP;
  t->lr = 0.01;
  g_autoptr(ClNet) net = cl_net_new (spec, 32, NULL);
  float x[32], y[32];
  ClRng rng;
  cl_rng_init (&rng, 2, CL_RNG_STREAM_DATA);
  ClStepResult r;
  for (int step = 0; step < 600; step++)
    {
      for (int i = 0; i < 32; i++)
        {
          x[i] = 6.0f * cl_rng_uniform (&rng) - 3.0f;
          y[i] = cosf (x[i]) + 0.05f * cl_rng_normal (&rng);
        }
      g_assert_true (cl_net_train_step (net, x, NULL, y, 32, &r, NULL));
    }
  g_assert_true (isnan (r.accuracy));
  /* Var(cos) on [-3, 3] is about 0.5; the noise alone gives 0.0025. */
  g_assert_cmpfloat (r.loss, <, 0.03);
}

static void
test_divergence_and_recovery (void)
{
  /* Linear regression by gradient descent diverges geometrically once the
   * learning rate passes 2 / (largest curvature): lr = 100 overflows float
   * in a few dozen steps. */
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (2, 1, 1);
  cl_net_spec_append (spec, "Dense", "units", 1.0, NULL);
  ClTrainSettings *t = cl_net_spec_get_train (spec);
  t->loss = CL_LOSS_MSE;
  t->seed = 3;
  g_autoptr(ClNet) net = cl_net_new (spec, 4, NULL);
  const float targets[] = { 0, 1, 1, 0 };
  cl_net_set_learning_rate (net, 100.0);
  g_autoptr(GError) error = NULL;
  int step;
  for (step = 0; step < 200; step++)
    if (!cl_net_train_step (net, xor_x, NULL, targets, 4, NULL, &error))
      break;
  g_assert_cmpint (step, <, 200);
  g_assert_error (error, CL_ERROR, CL_ERROR_DIVERGED);
  g_assert_nonnull (strstr (error->message, "learning rate"));
  g_assert_true (cl_net_is_diverged (net));
  g_clear_error (&error);

  /* Stays stopped until reset. */
  g_assert_false (cl_net_train_step (net, xor_x, NULL, targets, 4, NULL, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_DIVERGED);
  g_clear_error (&error);

  /* Re-initialising from the seed and a sane rate recover: the best line
   * through XOR has an MSE of 0.25. */
  cl_net_init (net, 3);
  cl_net_set_learning_rate (net, 0.2);
  g_assert_false (cl_net_is_diverged (net));
  ClStepResult r;
  for (step = 0; step < 300; step++)
    {
      g_assert_true (cl_net_train_step (net, xor_x, NULL, targets, 4, &r, &error));
      g_assert_no_error (error);
    }
  g_assert_cmpfloat_with_epsilon (r.loss, 0.25, 1e-3);

  /* A NaN input is caught the same way, without a crash. */
  float bad[8];
  memcpy (bad, xor_x, sizeof bad);
  bad[3] = NAN;
  g_assert_false (cl_net_train_step (net, bad, NULL, targets, 4, NULL, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_DIVERGED);
}

static void
test_bad_batch (void)
{
  g_autoptr(ClNetSpec) spec = xor_spec ();
  g_autoptr(ClNet) net = cl_net_new (spec, 4, NULL);
  g_autoptr(GError) error = NULL;
  g_assert_false (cl_net_train_step (net, xor_x, xor_y, NULL, 5, NULL, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_MISMATCH);
  g_clear_error (&error);
  const gint32 wrong[] = { 0, 1, 2, 0 };
  g_assert_false (cl_net_train_step (net, xor_x, wrong, NULL, 4, NULL, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_MISMATCH);
  g_clear_error (&error);
  /* A partial batch is fine. */
  ClStepResult r;
  g_assert_true (cl_net_evaluate (net, xor_x, xor_y, NULL, 3, &r, &error));
  g_assert_cmpint (r.n, ==, 3);
  /* Learning rate 0 changes nothing. */
  gsize n;
  const float *params = cl_net_get_params (net, &n);
  g_autofree float *before = g_memdup2 (params, n * sizeof (float));
  cl_net_set_learning_rate (net, 0.0);
  g_assert_true (cl_net_train_step (net, xor_x, xor_y, NULL, 4, NULL, &error));
  g_assert_cmpmem (before, n * sizeof (float), cl_net_get_params (net, NULL), n * sizeof (float));
  g_assert_cmpuint (cl_net_get_step (net), ==, 1);
}

/* Every layer's output is there to read after a forward. */
static void
test_activations_readable (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  g_autoptr(ClNet) net = cl_net_new (spec, 2, NULL);
  ClRng rng;
  cl_rng_init (&rng, 4, CL_RNG_STREAM_DATA);
  float x[2 * 784];
  gint32 labels[2];
  make_quadrant_images (&rng, 2, 28, x, labels);
  cl_net_forward (net, x, 2, FALSE);
  ClShape s;
  const float *relu = cl_net_get_layer_output (net, 1, &s);
  g_assert_cmpint (s.c * s.h * s.w, ==, 6 * 28 * 28);
  const float *conv = cl_net_get_layer_output (net, 0, NULL);
  for (int i = 0; i < 2 * 6 * 28 * 28; i++)
    g_assert_cmpfloat (relu[i], ==, conv[i] > 0 ? conv[i] : 0);
  const float *p = cl_net_get_layer_output (net, 11, &s);
  for (int n = 0; n < 2; n++)
    {
      double sum = 0;
      for (int i = 0; i < 10; i++)
        sum += p[n * 10 + i];
      g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-5);
    }
  g_assert_null (cl_net_get_dropout_mask (net, 0));
}

/* LeNet-5 learns which quadrant holds the blob: well above chance (25 %)
 * in a few hundred steps. */
static void
test_lenet5_learns (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  ClTrainSettings *t = cl_net_spec_get_train (spec);
  t->optimiser = CL_OPTIM_MOMENTUM;
  t->lr = 0.02;
  t->seed = 11;
  const int batch = 16;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (spec, batch, &error);
  g_assert_no_error (error);
  ClRng rng;
  cl_rng_init (&rng, 10, CL_RNG_STREAM_DATA);
  g_autofree float *x = g_new (float, batch * 784);
  gint32 labels[16];
  /* Stops early once 8 batches in a row are all right, to keep the suite
   * short; the held-out batches below are the real check. */
  int step, streak = 0;
  for (step = 0; step < 300 && streak < 8; step++)
    {
      ClStepResult r;
      make_quadrant_images (&rng, batch, 28, x, labels);
      g_assert_true (cl_net_train_step (net, x, labels, NULL, batch, &r, &error));
      g_assert_no_error (error);
      streak = r.correct == r.n ? streak + 1 : 0;
    }
  int correct = 0, total = 0;
  for (int b = 0; b < 4; b++)
    {
      ClStepResult r;
      make_quadrant_images (&rng, batch, 28, x, labels);
      g_assert_true (cl_net_evaluate (net, x, labels, NULL, batch, &r, &error));
      correct += r.correct;
      total += r.n;
    }
  g_test_message ("LeNet-5 quadrant accuracy after %d steps: %d/%d", step, correct, total);
  g_assert_cmpfloat ((double) correct / total, >=, 0.95);
}

/* A design compiled for another batch size takes over the state and then
 * computes exactly what the original does. */
static void
test_copy_state (void)
{
  g_autoptr(ClNetSpec) spec = xor_spec ();
  g_autoptr(ClNet) a = cl_net_new (spec, 4, NULL);
  g_autoptr(ClNet) b = cl_net_new (spec, 2, NULL);
  for (int step = 0; step < 5; step++)
    g_assert_true (cl_net_train_step (a, xor_x, xor_y, NULL, 4, NULL, NULL));
  g_autoptr(GError) error = NULL;
  g_assert_true (cl_net_copy_state (b, a, &error));
  g_assert_cmpuint (cl_net_get_step (b), ==, 5);
  const float *ya = cl_net_forward (a, xor_x, 2, FALSE);
  const float *yb = cl_net_forward (b, xor_x, 2, FALSE);
  g_assert_cmpmem (ya, 4 * sizeof (float), yb, 4 * sizeof (float));

  /* Gradients of the outputs are there to read after a backward. */
  const float dout[4] = { 1, 0, 0, 1 };
  cl_net_backward (b, dout);
  g_assert_cmpmem (cl_net_get_layer_output_grad (b, 3), sizeof dout, dout, sizeof dout);

  g_autoptr(ClNetSpec) other = cl_net_spec_new_mlp ();
  g_autoptr(ClNet) c = cl_net_new (other, 2, NULL);
  g_assert_false (cl_net_copy_state (c, a, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_MISMATCH);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/train/determinism-1-vs-2-threads", test_determinism);
  g_test_add_func ("/engine/dropout/rate-and-scaling", test_dropout_rate_and_scaling);
  g_test_add_func ("/engine/dropout/rate-zero", test_dropout_rate_zero);
  g_test_add_func ("/engine/train/xor", test_xor);
  g_test_add_func ("/engine/train/xor-bce", test_xor_bce);
  g_test_add_func ("/engine/train/regression-mse", test_regression);
  g_test_add_func ("/engine/train/divergence-and-recovery", test_divergence_and_recovery);
  g_test_add_func ("/engine/train/bad-batch", test_bad_batch);
  g_test_add_func ("/engine/train/activations-readable", test_activations_readable);
  g_test_add_func ("/engine/train/lenet5-learns", test_lenet5_learns);
  g_test_add_func ("/engine/train/copy-state", test_copy_state);
  return g_test_run ();
}
