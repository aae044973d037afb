/* The numbers the Convolution, Pooling and Kernels explorers write out are
 * the network's own: one pixel's products and sum against cl_net forward
 * of a Conv2D net, pooling against its definition through the layer's
 * forward and backward, setosa's kernels on images whose answer is known. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/conv-explain.h"
#include "engine/error.h"
#include "engine/net.h"
#include "engine/rng.h"
#include "engine/zoo.h"

static void
random_fill (float *x, gsize n, ClRng *rng)
{
  for (gsize i = 0; i < n; i++)
    x[i] = 2.0f * cl_rng_uniform (rng) - 1.0f;
}

/* One Conv2D (explicit padding), then optionally ReLU; its weights and
 * bias random; the explanation of random pixels must give its output. */
static void
check_against_net (int c, int hw, int k, int stride, int pad, guint64 seed)
{
  ClRng rng;
  cl_rng_init (&rng, seed, CL_RNG_STREAM_DATA);
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (c, hw, hw + 1);
  cl_net_spec_append (spec, "Conv2D", "filters", 2.0, "kernel", (double) k, "stride",
                      (double) stride, "padding", 2.0, "pad", (double) pad, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (spec, 1, &error);
  g_assert_no_error (error);
  float *w, *b;
  cl_net_get_layer_tensor (net, 0, 0, &w, NULL);
  cl_net_get_layer_tensor (net, 0, 1, &b, NULL);
  random_fill (w, (gsize) 2 * c * k * k, &rng);
  random_fill (b, 2, &rng);
  g_autofree float *x = g_new (float, c * hw * (hw + 1));
  random_fill (x, (gsize) c * hw * (hw + 1), &rng);
  cl_net_forward (net, x, 1, FALSE);
  ClShape conv_shape, relu_shape;
  const float *conv = cl_net_get_layer_output (net, 0, &conv_shape);
  const float *relu = cl_net_get_layer_output (net, 1, &relu_shape);

  ClConvGeom g;
  g_assert_true (cl_conv_geom_init (&g, c, hw, hw + 1, k, stride, pad, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g.oh, ==, conv_shape.h);
  g_assert_cmpint (g.ow, ==, conv_shape.w);

  int filter = 1;   /* the second filter: its weights start at c k k */
  const float *kernel = w + (gsize) filter * c * k * k;
  for (int trial = 0; trial < 8; trial++)
    {
      int oy = (int) (cl_rng_uniform (&rng) * g.oh) % g.oh;
      int ox = (int) (cl_rng_uniform (&rng) * g.ow) % g.ow;
      ClConvExplain *e = cl_conv_explain_pixel (x, kernel, b[filter], &g, oy, ox);
      /* The written-out terms: each product is window × kernel, each
       * channel's sum the sum of its products, the total their sum. */
      double total = 0;
      for (int ci = 0; ci < c; ci++)
        {
          double sum = 0;
          for (int i = 0; i < k * k; i++)
            {
              gsize at = (gsize) ci * k * k + i;
              g_assert_cmpfloat_with_epsilon (e->products[at], e->window[at] * kernel[at], 1e-6);
              sum += e->products[at];
            }
          g_assert_cmpfloat_with_epsilon (e->channel_sums[ci], sum, 1e-5);
          total += e->channel_sums[ci];
        }
      g_assert_cmpfloat_with_epsilon (e->sum, total, 1e-6);
      g_assert_cmpint (e->y0, ==, oy * stride - pad);
      g_assert_cmpint (e->x0, ==, ox * stride - pad);
      float want = conv[((gsize) filter * g.oh + oy) * g.ow + ox];
      g_assert_cmpfloat_with_epsilon (e->z, want, 1e-5 + 2e-7 * c * k * k);

      float a = (float) e->z;
      g_assert_true (cl_conv_explain_activate (spec, 1, &a, 1, &error));
      g_assert_no_error (error);
      g_assert_cmpfloat_with_epsilon (a, relu[((gsize) filter * g.oh + oy) * g.ow + ox],
                                      1e-5 + 2e-7 * c * k * k);
      cl_conv_explain_free (e);
    }

  /* The whole map, as the animation fills it. */
  g_autofree float *map = g_new (float, g.oh * g.ow);
  cl_conv_explain_map (x, kernel, b[filter], &g, map);
  for (int i = 0; i < g.oh * g.ow; i++)
    g_assert_cmpfloat_with_epsilon (map[i], conv[(gsize) filter * g.oh * g.ow + i],
                                    1e-5 + 2e-7 * c * k * k);
}

static void
test_pixel_matches_net (void)
{
  guint64 seed = 1;
  for (int c = 1; c <= 3; c++)
    for (int k = 3; k <= 5; k += 2)
      for (int stride = 1; stride <= 2; stride++)
        for (int pad = 0; pad <= 2; pad++)
          check_against_net (c, 9, k, stride, pad, seed++);
}

/* The window of a pixel in the corner covers the padding: zeros there,
 * the image inside. */
static void
test_padding_zeros (void)
{
  float x[16];
  for (int i = 0; i < 16; i++)
    x[i] = (float) (i + 1);
  float kernel[9] = { 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  ClConvGeom g;
  g_assert_true (cl_conv_geom_init (&g, 1, 4, 4, 3, 1, 1, NULL));
  g_assert_cmpint (g.oh, ==, 4);
  ClConvExplain *e = cl_conv_explain_pixel (x, kernel, 0.5, &g, 0, 0);
  g_assert_cmpint (e->y0, ==, -1);
  g_assert_cmpint (e->x0, ==, -1);
  float want[9] = { 0, 0, 0, 0, 1, 2, 0, 5, 6 };
  for (int i = 0; i < 9; i++)
    g_assert_cmpfloat (e->window[i], ==, want[i]);
  g_assert_cmpfloat (e->sum, ==, 14);
  g_assert_cmpfloat (e->z, ==, 14.5);
  cl_conv_explain_free (e);
}

static void
test_bad_geometry (void)
{
  ClConvGeom g;
  g_autoptr(GError) error = NULL;

  g_assert_false (cl_conv_geom_init (&g, 1, 4, 4, 7, 1, 1, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN);
  g_assert_nonnull (strstr (error->message, "7×7"));
  g_clear_error (&error);
  g_assert_false (cl_conv_geom_init (&g, 1, 8, 8, 3, 0, 0, &error));
  g_assert_nonnull (strstr (error->message, "Stride"));
  g_clear_error (&error);
  g_assert_false (cl_conv_geom_init (&g, 1, 8, 8, 3, 1, -1, &error));
  g_assert_nonnull (strstr (error->message, "Padding"));
  g_clear_error (&error);
  g_assert_false (cl_conv_geom_init (&g, 0, 8, 8, 3, 1, 0, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_false (cl_conv_geom_init (&g, 1, 100000, 8, 3, 1, 0, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_TOO_LARGE);
}

static void
test_activate_refuses (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, 8, 8);
  cl_net_spec_append (spec, "Conv2D", NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  g_autoptr(GError) error = NULL;
  float v = 1;
  g_assert_false (cl_conv_explain_is_pointwise (spec, 0));
  g_assert_false (cl_conv_explain_is_pointwise (spec, 1));
  g_assert_false (cl_conv_explain_is_pointwise (spec, 2));
  g_assert_false (cl_conv_explain_activate (spec, 1, &v, 1, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_MISMATCH);
}

/* ---- pooling ------------------------------------------------------------- */

static void
check_pool (const char *kind, gboolean max, guint64 seed)
{
  ClRng rng;
  cl_rng_init (&rng, seed, CL_RNG_STREAM_DATA);
  int h = 6, w = 8, oh = 3, ow = 4;
  float x[48], y[12], dout[12], din[48];
  random_fill (x, 48, &rng);
  random_fill (dout, 12, &rng);
  g_autoptr(GError) error = NULL;
  g_assert_true (cl_pool_explain (kind, 2, 2, x, h, w, y, dout, din, &error));
  g_assert_no_error (error);
  for (int oy = 0; oy < oh; oy++)
    for (int ox = 0; ox < ow; ox++)
      {
        int at[4] = { 2 * oy * w + 2 * ox, 2 * oy * w + 2 * ox + 1, (2 * oy + 1) * w + 2 * ox,
                      (2 * oy + 1) * w + 2 * ox + 1 };
        int best = 0;
        double mean = 0;
        for (int i = 0; i < 4; i++)
          {
            if (x[at[i]] > x[at[best]])
              best = i;
            mean += x[at[i]] / 4.0;
          }
        float g = dout[oy * ow + ox];
        if (max)
          {
            g_assert_cmpfloat (y[oy * ow + ox], ==, x[at[best]]);
            /* The gradient goes to the maximum, zero elsewhere. */
            for (int i = 0; i < 4; i++)
              g_assert_cmpfloat (din[at[i]], ==, i == best ? g : 0.0f);
          }
        else
          {
            g_assert_cmpfloat_with_epsilon (y[oy * ow + ox], mean, 1e-6);
            /* Spread evenly over the four. */
            for (int i = 0; i < 4; i++)
              g_assert_cmpfloat_with_epsilon (din[at[i]], g / 4.0, 1e-7);
          }
      }
}

static void test_maxpool (void) { check_pool ("MaxPool2D", TRUE, 3); }
static void test_avgpool (void) { check_pool ("AvgPool2D", FALSE, 4); }

static void
test_pool_bad (void)
{
  float x[4] = { 0 }, y[4];
  g_autoptr(GError) error = NULL;
  g_assert_false (cl_pool_explain ("Conv3D", 2, 2, x, 2, 2, y, NULL, NULL, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_MISMATCH);
  g_clear_error (&error);
  /* A window larger than the map: the layer's own message. */
  g_assert_false (cl_pool_explain ("MaxPool2D", 2, 2, x, 1, 4, y, NULL, NULL, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN);
  g_clear_error (&error);
  g_assert_false (cl_pool_explain ("MaxPool2D", 2, 2, x, 0, 4, y, NULL, NULL, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_TOO_LARGE);
}

/* ---- kernels ------------------------------------------------------------- */

static void
test_identity_returns_image (void)
{
  ClRng rng;
  cl_rng_init (&rng, 5, CL_RNG_STREAM_DATA);
  float x[2 * 7 * 6], out[2 * 7 * 6];
  random_fill (x, G_N_ELEMENTS (x), &rng);
  for (int k = 3; k <= 5; k += 2)
    {
      float kernel[25];
      cl_kernel_preset_fill (CL_KERNEL_IDENTITY, k, kernel);
      cl_kernel_apply (x, 2, 7, 6, kernel, k, out);
      for (gsize i = 0; i < G_N_ELEMENTS (x); i++)
        g_assert_cmpfloat (out[i], ==, x[i]);
    }
}

/* Blurs keep a constant inside the image (away from the zero padding). */
static void
test_blur_of_constant (void)
{
  ClKernelPreset blurs[] = { CL_KERNEL_BOX_BLUR, CL_KERNEL_GAUSSIAN };
  float x[100], out[100];
  for (int i = 0; i < 100; i++)
    x[i] = 0.7f;
  for (gsize b = 0; b < G_N_ELEMENTS (blurs); b++)
    for (int k = 3; k <= 5; k += 2)
      {
        float kernel[25];
        double sum = 0;
        cl_kernel_preset_fill (blurs[b], k, kernel);
        for (int i = 0; i < k * k; i++)
          sum += kernel[i];
        g_assert_cmpfloat_with_epsilon (sum, 1.0, 1e-6);
        cl_kernel_apply (x, 1, 10, 10, kernel, k, out);
        for (int y = k / 2; y < 10 - k / 2; y++)
          for (int xx = k / 2; xx < 10 - k / 2; xx++)
            g_assert_cmpfloat_with_epsilon (out[y * 10 + xx], 0.7, 1e-6);
        /* At a corner, part of the window is padding: darker. */
        g_assert_cmpfloat (out[0], <, 0.7f);
      }
}

/* A vertical edge, dark left and light right: the vertical Sobel answers
 * 4 along it and 0 on the flat parts; the horizontal one stays 0. */
static void
test_sobel_edges (void)
{
  float x[64], out[64], kernel[9];
  for (int i = 0; i < 64; i++)
    x[i] = (i % 8) >= 4 ? 1.0f : 0.0f;
  cl_kernel_preset_fill (CL_KERNEL_SOBEL_VERTICAL, 3, kernel);
  cl_kernel_apply (x, 1, 8, 8, kernel, 3, out);
  for (int y = 1; y < 7; y++)
    {
      g_assert_cmpfloat (out[y * 8 + 1], ==, 0);
      g_assert_cmpfloat (out[y * 8 + 3], ==, 4);
      g_assert_cmpfloat (out[y * 8 + 4], ==, 4);
      g_assert_cmpfloat (out[y * 8 + 6], ==, 0);
    }
  cl_kernel_preset_fill (CL_KERNEL_SOBEL_HORIZONTAL, 3, kernel);
  cl_kernel_apply (x, 1, 8, 8, kernel, 3, out);
  for (int y = 1; y < 7; y++)
    for (int xx = 0; xx < 8; xx++)
      g_assert_cmpfloat (out[y * 8 + xx], ==, 0);
  /* The edge turned: now the horizontal one answers. */
  for (int i = 0; i < 64; i++)
    x[i] = (i / 8) >= 4 ? 1.0f : 0.0f;
  cl_kernel_apply (x, 1, 8, 8, kernel, 3, out);
  g_assert_cmpfloat (out[3 * 8 + 3], ==, 4);
  g_assert_cmpfloat (out[1 * 8 + 3], ==, 0);
}

/* Sharpen and outline leave a flat region as it is (sums 1) or black (0);
 * emboss adds 1 to it. */
static void
test_other_presets_on_flat (void)
{
  struct { ClKernelPreset p; float want; } cases[] = {
    { CL_KERNEL_SHARPEN, 0.5f }, { CL_KERNEL_OUTLINE, 0.0f }, { CL_KERNEL_EMBOSS, 0.5f },
  };
  float x[36], out[36], kernel[25];
  for (int i = 0; i < 36; i++)
    x[i] = 0.5f;
  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    for (int k = 3; k <= 5; k += 2)
      {
        cl_kernel_preset_fill (cases[c].p, k, kernel);
        cl_kernel_apply (x, 1, 6, 6, kernel, k, out);
        g_assert_cmpfloat_with_epsilon (out[2 * 6 + 2], cases[c].want, 1e-6);
        g_assert_nonnull (cl_kernel_preset_label (cases[c].p));
      }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/conv-explain/pixel-matches-net", test_pixel_matches_net);
  g_test_add_func ("/engine/conv-explain/padding-zeros", test_padding_zeros);
  g_test_add_func ("/engine/conv-explain/bad-geometry", test_bad_geometry);
  g_test_add_func ("/engine/conv-explain/activate-refuses", test_activate_refuses);
  g_test_add_func ("/engine/pool-explain/max", test_maxpool);
  g_test_add_func ("/engine/pool-explain/average", test_avgpool);
  g_test_add_func ("/engine/pool-explain/bad", test_pool_bad);
  g_test_add_func ("/engine/kernels/identity", test_identity_returns_image);
  g_test_add_func ("/engine/kernels/blur-of-constant", test_blur_of_constant);
  g_test_add_func ("/engine/kernels/sobel-edges", test_sobel_edges);
  g_test_add_func ("/engine/kernels/flat", test_other_presets_on_flat);
  return g_test_run ();
}
