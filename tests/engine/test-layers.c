/* Forward passes against their definitions (gradcheck only proves backward
 * agrees with forward; these prove forward is the right function). */
#include "config.h"

#include <math.h>

#include "engine/net.h"
#include "engine/rng.h"
#include "engine/zoo.h"

static ClNet *
compile (ClNetSpec *spec, int batch)
{
  cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
  g_autoptr(GError) error = NULL;
  ClNet *net = cl_net_new (spec, batch, &error);
  g_assert_no_error (error);
  return net;
}

static void
random_fill (float *x, gsize n, guint64 seed)
{
  ClRng rng;
  cl_rng_init (&rng, seed, CL_RNG_STREAM_DATA);
  for (gsize i = 0; i < n; i++)
    x[i] = 2.0f * cl_rng_uniform (&rng) - 1.0f;
}

/* Direct convolution, in double, straight from the definition (PyTorch's
 * cross-correlation with weight [out, in, kh, kw]). */
static void
check_conv_batch (int c, int hw, int f, int k, int stride, int padding, int pad, int batch)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (c, hw, hw);
  cl_net_spec_append (spec, "Conv2D", "filters", (double) f, "kernel", (double) k,
                      "stride", (double) stride, "padding", (double) padding, "pad", (double) pad,
                      NULL);
  g_autoptr(ClNet) net = compile (spec, batch);
  float *w, *b;
  cl_net_get_layer_tensor (net, 0, 0, &w, NULL);
  cl_net_get_layer_tensor (net, 0, 1, &b, NULL);
  random_fill (b, f, 9);
  g_autofree float *x = g_new (float, batch * c * hw * hw);
  random_fill (x, batch * c * hw * hw, 8);
  ClShape s;
  const float *y = cl_net_forward (net, x, batch, FALSE);
  cl_net_get_layer_output (net, 0, &s);
  int p = padding == 0 ? (k - 1) / 2 : padding == 1 ? 0 : pad;
  g_assert_cmpint (s.h, ==, (hw + 2 * p - k) / stride + 1);
  for (int n = 0; n < batch; n++)
    for (int o = 0; o < f; o++)
      for (int oy = 0; oy < s.h; oy++)
        for (int ox = 0; ox < s.w; ox++)
          {
            double sum = b[o];
            for (int ci = 0; ci < c; ci++)
              for (int i = 0; i < k; i++)
                for (int j = 0; j < k; j++)
                  {
                    int iy = oy * stride - p + i, ix = ox * stride - p + j;
                    if (iy < 0 || iy >= hw || ix < 0 || ix >= hw)
                      continue;
                    sum += (double) w[((o * c + ci) * k + i) * k + j]
                           * x[((n * c + ci) * hw + iy) * hw + ix];
                  }
            float got = y[((n * f + o) * s.h + oy) * s.w + ox];
            /* float rounding grows with the number of terms */
            g_assert_cmpfloat_with_epsilon (got, sum, 1e-5 + 2e-7 * c * k * k);
          }
}

static void
check_conv (int c, int hw, int f, int k, int stride, int padding, int pad)
{
  check_conv_batch (c, hw, f, k, stride, padding, pad, 3);
}

static void test_conv_same (void) { check_conv (2, 7, 3, 3, 1, 0, 0); }
static void test_conv_valid_stride (void) { check_conv (3, 9, 4, 5, 2, 1, 0); }
static void test_conv_explicit (void) { check_conv (1, 6, 2, 3, 3, 2, 2); }
/* Batch 13 in 4 slices of 3 or 4: small maps go several samples to a
 * GEMM.  LeNet-5's two convolutions (the first by direct convolution where
 * the CPU has AVX-512); a layer too large to group samples. */
static void test_conv_grouped (void) { check_conv_batch (2, 7, 3, 3, 1, 0, 0, 13); }
static void test_conv_lenet1 (void) { check_conv_batch (1, 28, 6, 5, 1, 2, 2, 13); }
static void test_conv_lenet2 (void) { check_conv_batch (6, 14, 16, 5, 1, 1, 0, 13); }
static void test_conv_large (void) { check_conv_batch (16, 20, 3, 5, 1, 0, 0, 5); }
/* By Winograd (conv-winograd.h): 3x3, stride 1, 8+ channels in and out;
 * batch 13 (groups of up to 8 samples per call in slices of 3 and 4), odd
 * maps, explicit padding 2. */
static void test_conv_winograd (void)
{
  check_conv_batch (8, 9, 10, 3, 1, 0, 0, 13);
  check_conv_batch (12, 6, 8, 3, 1, 2, 2, 3);
  check_conv_batch (32, 14, 64, 3, 1, 0, 0, 4);
}

static void
test_dense (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (2, 2, 2);
  cl_net_spec_append (spec, "Dense", "units", 3.0, NULL);
  g_autoptr(ClNet) net = compile (spec, 2);
  float *w, *b;
  cl_net_get_layer_tensor (net, 0, 0, &w, NULL);
  cl_net_get_layer_tensor (net, 0, 1, &b, NULL);
  b[0] = 0.5f, b[1] = -1.0f, b[2] = 2.0f;
  float x[16];
  random_fill (x, 16, 3);
  const float *y = cl_net_forward (net, x, 2, FALSE);
  for (int n = 0; n < 2; n++)
    for (int u = 0; u < 3; u++)
      {
        double sum = b[u];
        for (int i = 0; i < 8; i++)
          sum += (double) w[u * 8 + i] * x[n * 8 + i];
        g_assert_cmpfloat_with_epsilon (y[n * 3 + u], sum, 1e-6);
      }
}

static void
test_pools (void)
{
  /* One 4x4 map; 2x2 windows, stride 2. */
  const float x[16] = { 1, 2, 5, 6,
                        3, 4, 8, 7,
                        -1, -2, 0, 0,
                        -3, -4, 0, 9 };
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, 4, 4);
  cl_net_spec_append (spec, "MaxPool2D", NULL);
  g_autoptr(ClNet) max = compile (spec, 1);
  const float *y = cl_net_forward (max, x, 1, FALSE);
  g_assert_cmpfloat (y[0], ==, 4);
  g_assert_cmpfloat (y[1], ==, 8);
  g_assert_cmpfloat (y[2], ==, -1);
  g_assert_cmpfloat (y[3], ==, 9);

  g_autoptr(ClNetSpec) aspec = cl_net_spec_new (1, 4, 4);
  cl_net_spec_append (aspec, "AvgPool2D", NULL);
  g_autoptr(ClNet) avg = compile (aspec, 1);
  y = cl_net_forward (avg, x, 1, FALSE);
  g_assert_cmpfloat (y[0], ==, 2.5);
  g_assert_cmpfloat (y[1], ==, 6.5);
  g_assert_cmpfloat (y[2], ==, -2.5);
  g_assert_cmpfloat (y[3], ==, 2.25);
}

/* 2x2 max pooling, stride 2, against the definition (strictly greater: the
 * first maximum of a window wins, as in PyTorch), forward and backward, on
 * maps with ties, odd sizes (a last row or column no window covers) and
 * rows of more than 32 values (the vector path's chunks of 16 outputs). */
static void
test_maxpool_shapes (void)
{
  static const int shapes[][2] = { { 4, 4 }, { 5, 7 }, { 28, 28 }, { 10, 10 }, { 9, 40 }, { 3, 35 } };
  for (gsize t = 0; t < G_N_ELEMENTS (shapes); t++)
    {
      int h = shapes[t][0], w = shapes[t][1], oh = h / 2, ow = w / 2, c = 3, batch = 2;
      g_autoptr(ClNetSpec) spec = cl_net_spec_new (c, h, w);
      cl_net_spec_append (spec, "MaxPool2D", NULL);
      g_autoptr(ClNet) net = compile (spec, batch);
      cl_net_set_compute_input_grad (net, TRUE);
      gsize in_count = (gsize) batch * c * h * w, out_count = (gsize) batch * c * oh * ow;
      g_autofree float *x = g_new (float, in_count);
      g_autofree float *dy = g_new (float, out_count);
      random_fill (x, in_count, 11);
      random_fill (dy, out_count, 12);
      /* Ties everywhere: values on a coarse grid. */
      for (gsize i = 0; i < in_count; i++)
        x[i] = roundf (x[i] * 2.0f) / 2.0f;
      const float *y = cl_net_forward (net, x, batch, TRUE);
      g_autofree float *expect_dx = g_new0 (float, in_count);
      for (int p = 0; p < batch * c; p++)
        for (int oy = 0; oy < oh; oy++)
          for (int ox = 0; ox < ow; ox++)
            {
              const float *plane = x + (gsize) p * h * w;
              int best = 2 * oy * w + 2 * ox;
              int order[3] = { best + 1, best + w, best + w + 1 };
              for (int i = 0; i < 3; i++)
                if (plane[order[i]] > plane[best])
                  best = order[i];
              gsize o = ((gsize) p * oh + oy) * ow + ox;
              g_assert_cmpfloat (y[o], ==, plane[best]);
              expect_dx[(gsize) p * h * w + best] += dy[o];
            }
      cl_net_backward (net, dy);
      g_assert_cmpmem (cl_net_get_input_grad (net), sizeof (float) * in_count,
                       expect_dx, sizeof (float) * in_count);
    }
}

static void
test_activations (void)
{
  const float x[4] = { -2, -0.5f, 0.5f, 3 };
  struct { const char *kind; const char *setting; double value; float expect[4]; } cases[] = {
    { "ReLU", NULL, 0, { 0, 0, 0.5f, 3 } },
    { "LeakyReLU", "slope", 0.1, { -0.2f, -0.05f, 0.5f, 3 } },
    { "ELU", "alpha", 2.0, { 2 * expm1f (-2), 2 * expm1f (-0.5f), 0.5f, 3 } },
    { "PReLU", NULL, 0, { -0.5f, -0.125f, 0.5f, 3 } },
    { "Sigmoid", NULL, 0, { 1 / (1 + expf (2)), 1 / (1 + expf (0.5f)), 1 / (1 + expf (-0.5f)),
                            1 / (1 + expf (-3)) } },
    { "Tanh", NULL, 0, { tanhf (-2), tanhf (-0.5f), tanhf (0.5f), tanhf (3) } },
  };
  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(ClNetSpec) spec = cl_net_spec_new (4, 1, 1);
      int i = cl_net_spec_add_layer (spec, cases[c].kind);
      if (cases[c].setting != NULL)
        cl_net_spec_set_setting (spec, i, cases[c].setting, cases[c].value);
      g_autoptr(ClNet) net = compile (spec, 1);
      const float *y = cl_net_forward (net, x, 1, FALSE);
      for (int k = 0; k < 4; k++)
        g_assert_cmpfloat_with_epsilon (y[k], cases[c].expect[k], 1e-6);
    }
}

static void
test_softmax (void)
{
  const float x[3] = { 1, 2, 3 };
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (3, 1, 1);
  cl_net_spec_add_layer (spec, "Softmax");
  g_autoptr(ClNet) net = compile (spec, 1);
  const float *y = cl_net_forward (net, x, 1, FALSE);
  g_assert_cmpfloat_with_epsilon (y[0], 0.0900306, 1e-6);
  g_assert_cmpfloat_with_epsilon (y[1], 0.2447285, 1e-6);
  g_assert_cmpfloat_with_epsilon (y[2], 0.6652410, 1e-6);
}

static void
test_maxout (void)
{
  /* 4 channels of 1x2 -> 2 channels: max of channels (0, 1) and (2, 3). */
  const float x[8] = { 1, -5, 2, -6, 0, 7, -1, 3 };
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (4, 1, 2);
  cl_net_spec_append (spec, "Maxout", "pieces", 2.0, NULL);
  g_autoptr(ClNet) net = compile (spec, 1);
  const float *y = cl_net_forward (net, x, 1, FALSE);
  g_assert_cmpfloat (y[0], ==, 2);
  g_assert_cmpfloat (y[1], ==, -5);
  g_assert_cmpfloat (y[2], ==, 0);
  g_assert_cmpfloat (y[3], ==, 7);

  /* Over units: consecutive values of the flattened input, groups of 4. */
  g_autoptr(ClNetSpec) uspec = cl_net_spec_new (4, 1, 2);
  cl_net_spec_append (uspec, "Maxout", "pieces", 4.0, "over", 1.0, NULL);
  g_autoptr(ClNet) unet = compile (uspec, 1);
  y = cl_net_forward (unet, x, 1, FALSE);
  g_assert_cmpfloat (y[0], ==, 2);
  g_assert_cmpfloat (y[1], ==, 7);
}

/* Training normalises with the batch statistics and moves the running
 * ones by momentum 0.1 (unbiased variance); evaluation uses the running. */
static void
test_batchnorm (void)
{
  /* 2 channels of 1x2, batch 2: channel 0 holds 1, 2, 3, 6 (mean 3, biased
   * variance 3.5, unbiased 14/3). */
  const float x[8] = { 1, 2, 10, 10, 3, 6, 10, 10 };
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (2, 1, 2);
  cl_net_spec_add_layer (spec, "BatchNorm");
  g_autoptr(ClNet) net = compile (spec, 2);
  const float *y = cl_net_forward (net, x, 2, TRUE);
  double is = 1.0 / sqrt (3.5 + 1e-5);
  g_assert_cmpfloat_with_epsilon (y[0], (1 - 3) * is, 1e-5);
  g_assert_cmpfloat_with_epsilon (y[5], (6 - 3) * is, 1e-5);
  g_assert_cmpfloat_with_epsilon (y[2], 0.0, 1e-6);  /* constant channel */
  float *mean, *var;
  cl_net_get_layer_tensor (net, 0, 2, &mean, NULL);
  cl_net_get_layer_tensor (net, 0, 3, &var, NULL);
  g_assert_cmpfloat_with_epsilon (mean[0], 0.3, 1e-6);
  g_assert_cmpfloat_with_epsilon (var[0], 0.9 + 0.1 * 14.0 / 3, 1e-6);
  g_assert_cmpfloat_with_epsilon (mean[1], 1.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (var[1], 0.9, 1e-6);

  /* Evaluation: (x - running mean) / sqrt(running var + eps) * gamma + beta. */
  float *gamma, *beta;
  cl_net_get_layer_tensor (net, 0, 0, &gamma, NULL);
  cl_net_get_layer_tensor (net, 0, 1, &beta, NULL);
  gamma[0] = 2.0f;
  beta[0] = 0.5f;
  y = cl_net_forward (net, x, 2, FALSE);
  g_assert_cmpfloat_with_epsilon (y[1], 2.0 * (2 - mean[0]) / sqrt (var[0] + 1e-5) + 0.5, 1e-5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/conv2d/forward-same", test_conv_same);
  g_test_add_func ("/engine/conv2d/forward-valid-stride", test_conv_valid_stride);
  g_test_add_func ("/engine/conv2d/forward-explicit-pad", test_conv_explicit);
  g_test_add_func ("/engine/conv2d/forward-grouped", test_conv_grouped);
  g_test_add_func ("/engine/conv2d/forward-lenet5-conv1", test_conv_lenet1);
  g_test_add_func ("/engine/conv2d/forward-lenet5-conv2", test_conv_lenet2);
  g_test_add_func ("/engine/conv2d/forward-large", test_conv_large);
  g_test_add_func ("/engine/conv2d/forward-winograd", test_conv_winograd);
  g_test_add_func ("/engine/dense/forward", test_dense);
  g_test_add_func ("/engine/pool/forward", test_pools);
  g_test_add_func ("/engine/maxpool2d/forward-backward-shapes", test_maxpool_shapes);
  g_test_add_func ("/engine/activations/forward", test_activations);
  g_test_add_func ("/engine/softmax/forward", test_softmax);
  g_test_add_func ("/engine/maxout/forward", test_maxout);
  g_test_add_func ("/engine/batchnorm/forward-train-and-eval", test_batchnorm);
  return g_test_run ();
}
