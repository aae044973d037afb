/* Winograd F(2x2, 3x3) (conv-winograd.h) against the definition of the
 * convolution, in double: forward, input and weight gradients, on odd and even map
 * sizes, paddings 0 to 2, several samples per call, channel counts that are
 * not multiples of a vector. */
#include "config.h"

#include <math.h>

#include "engine/conv-winograd.h"
#include "engine/conv-winograd-private.h"
#include "engine/rng.h"

static void
random_fill (float *x, gsize n, guint64 seed)
{
  ClRng rng;
  cl_rng_init (&rng, seed, CL_RNG_STREAM_DATA);
  for (gsize i = 0; i < n; i++)
    x[i] = 2.0f * cl_rng_uniform (&rng) - 1.0f;
}

/* The tolerance: float rounding of the transforms and of c * 16 products,
 * relative to the sum of the terms' magnitudes (the transforms add up to 9
 * values of each tile, scaled by at most 1). */
static void
check_close (float got, double want, double magnitude)
{
  double tol = 1e-6 + 4e-6 * magnitude;
  if (fabs (got - want) > tol)
    g_error ("Winograd gave %.9g, the definition %.9g (tolerance %.3g)", got, want, tol);
}

/* Each check runs the transforms this CPU gets (AVX-512 here) and, with
 * `generic`, the SSE2 build every x86-64 has (conv-winograd-private.h). */
static void
run (gboolean generic, const float *x, gsize x_stride, int c_in, int h, int w, int pad,
     const float *u, const float *bias, int c_out, float *y, gsize y_stride, int oh, int ow,
     int n, float *scratch)
{
  if (generic)
    _cl_conv_winograd_generic (x, x_stride, c_in, h, w, pad, u, bias, c_out, y, y_stride, oh,
                               ow, n, scratch);
  else
    cl_conv_winograd (x, x_stride, c_in, h, w, pad, u, bias, c_out, y, y_stride, oh, ow, n,
                      scratch);
}

/* y = conv(x, weight) with padding pad, for n samples, through
 * cl_conv_winograd as Conv2D's forward runs it. */
static void
check_forward (gboolean generic, int c, int f, int h, int w, int pad, int n, guint64 seed)
{
  int oh = h + 2 * pad - 2, ow = w + 2 * pad - 2;
  gsize in_size = (gsize) c * h * w, out_size = (gsize) f * oh * ow;
  g_autofree float *x = g_new (float, n * in_size);
  g_autofree float *weight = g_new (float, (gsize) f * c * 9);
  g_autofree float *bias = g_new (float, f);
  g_autofree float *u = g_new (float, 16 * (gsize) f * c);
  g_autofree float *y = g_new (float, n * out_size);
  g_autofree float *scratch = g_new (float, cl_conv_winograd_scratch (c, f, oh, ow, n));
  random_fill (x, n * in_size, seed);
  random_fill (weight, (gsize) f * c * 9, seed + 1);
  random_fill (bias, f, seed + 2);

  cl_conv_winograd_filters (weight, f, c, FALSE, u);
  run (generic, x, in_size, c, h, w, pad, u, bias, f, y, out_size, oh, ow, n, scratch);

  for (int s = 0; s < n; s++)
    for (int o = 0; o < f; o++)
      for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
          {
            double sum = bias[o], magnitude = fabs (bias[o]);
            for (int ci = 0; ci < c; ci++)
              for (int ky = 0; ky < 3; ky++)
                for (int kx = 0; kx < 3; kx++)
                  {
                    int iy = oy + ky - pad, ix = ox + kx - pad;
                    if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                      continue;
                    double term = (double) weight[((o * c + ci) * 3 + ky) * 3 + kx]
                                  * x[s * in_size + ((gsize) ci * h + iy) * w + ix];
                    sum += term;
                    magnitude += fabs (term);
                  }
            check_close (y[s * out_size + ((gsize) o * oh + oy) * ow + ox], sum, magnitude);
          }
}

/* dx = the input gradient of y = conv(x, weight, pad) for a given dy, as
 * Conv2D's backward runs it: dy convolved with the flipped filters (c out
 * of f) with padding 2 - pad, no bias. */
static void
check_input_gradient (gboolean generic, int c, int f, int h, int w, int pad, int n,
                      guint64 seed)
{
  int oh = h + 2 * pad - 2, ow = w + 2 * pad - 2;
  gsize in_size = (gsize) c * h * w, out_size = (gsize) f * oh * ow;
  g_autofree float *dy = g_new (float, n * out_size);
  g_autofree float *weight = g_new (float, (gsize) f * c * 9);
  g_autofree float *u = g_new (float, 16 * (gsize) f * c);
  g_autofree float *dx = g_new (float, n * in_size);
  g_autofree float *scratch = g_new (float, cl_conv_winograd_scratch (f, c, h, w, n));
  random_fill (dy, n * out_size, seed);
  random_fill (weight, (gsize) f * c * 9, seed + 1);

  cl_conv_winograd_filters (weight, f, c, TRUE, u);
  run (generic, dy, out_size, f, oh, ow, 2 - pad, u, NULL, c, dx, in_size, h, w, n, scratch);

  for (int s = 0; s < n; s++)
    for (int ci = 0; ci < c; ci++)
      for (int iy = 0; iy < h; iy++)
        for (int ix = 0; ix < w; ix++)
          {
            /* d y[o][oy][ox] / d x[ci][iy][ix] = weight[o][ci][iy - oy + pad][ix - ox + pad] */
            double sum = 0.0, magnitude = 0.0;
            for (int o = 0; o < f; o++)
              for (int ky = 0; ky < 3; ky++)
                for (int kx = 0; kx < 3; kx++)
                  {
                    int oy = iy + pad - ky, ox = ix + pad - kx;
                    if (oy < 0 || oy >= oh || ox < 0 || ox >= ow)
                      continue;
                    double term = (double) weight[((o * c + ci) * 3 + ky) * 3 + kx]
                                  * dy[s * out_size + ((gsize) o * oh + oy) * ow + ox];
                    sum += term;
                    magnitude += fabs (term);
                  }
            check_close (dx[s * in_size + ((gsize) ci * h + iy) * w + ix], sum, magnitude);
          }
}

/* dw[o][i][ky][kx] = sum over samples and outputs of dy[o][oy][ox] *
 * x[i][oy + ky - pad][ox + kx - pad], as Conv2D's backward runs it: du
 * summed over calls of n samples, then dw (here in the weights' own
 * layout, o_stride c * 9 and tap_stride 1). */
static void
check_weight_gradient (gboolean generic, int c, int f, int h, int w, int pad, int n,
                       guint64 seed)
{
  int oh = h + 2 * pad - 2, ow = w + 2 * pad - 2, calls = 2;
  gsize in_size = (gsize) c * h * w, out_size = (gsize) f * oh * ow;
  g_autofree float *x = g_new (float, calls * n * in_size);
  g_autofree float *dy = g_new (float, calls * n * out_size);
  g_autofree float *du = g_new0 (float, 16 * (gsize) f * c);
  g_autofree float *dw = g_new (float, (gsize) f * c * 9);
  g_autofree float *scratch = g_new (float, cl_conv_winograd_scratch (c, f, oh, ow, n));
  random_fill (x, calls * n * in_size, seed);
  random_fill (dy, calls * n * out_size, seed + 1);

  for (int call = 0; call < calls; call++)
    if (generic)
      _cl_conv_winograd_du_generic (x + call * n * in_size, in_size, c, h, w, pad,
                                    dy + call * n * out_size, out_size, f, oh, ow, n, du,
                                    scratch);
    else
      cl_conv_winograd_du (x + call * n * in_size, in_size, c, h, w, pad,
                           dy + call * n * out_size, out_size, f, oh, ow, n, du, scratch);
  cl_conv_winograd_dw (du, f, c, dw, (gsize) c * 9, 1);

  for (int o = 0; o < f; o++)
    for (int ci = 0; ci < c; ci++)
      for (int ky = 0; ky < 3; ky++)
        for (int kx = 0; kx < 3; kx++)
          {
            double sum = 0.0, magnitude = 0.0;
            for (int s = 0; s < calls * n; s++)
              for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++)
                  {
                    int iy = oy + ky - pad, ix = ox + kx - pad;
                    if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                      continue;
                    double term = (double) dy[s * out_size + ((gsize) o * oh + oy) * ow + ox]
                                  * x[s * in_size + ((gsize) ci * h + iy) * w + ix];
                    sum += term;
                    magnitude += fabs (term);
                  }
            check_close (dw[((o * c + ci) * 3 + ky) * 3 + kx], sum, magnitude);
          }
}

/* Odd and even sizes (a last row or column of tiles half outside the map),
 * the smallest maps each padding allows, cnn3's shapes. */
static const struct { int c, f, h, w, pad, n; } cases[] = {
  { 8, 8, 6, 6, 1, 1 },
  { 8, 8, 7, 7, 1, 2 },
  { 9, 11, 5, 8, 1, 3 },
  { 8, 13, 9, 4, 0, 2 },
  { 13, 8, 3, 3, 0, 1 },
  { 8, 9, 1, 1, 2, 1 },
  { 10, 8, 6, 5, 2, 3 },
  { 8, 8, 1, 2, 1, 2 },
  { 32, 32, 28, 28, 1, 2 },
  { 32, 64, 14, 14, 1, 3 },
};

static void
test_forward (gconstpointer generic)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_forward (GPOINTER_TO_INT (generic), cases[i].c, cases[i].f, cases[i].h, cases[i].w, cases[i].pad, cases[i].n,
                   100 + 10 * i);
}

static void
test_input_gradient (gconstpointer generic)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_input_gradient (GPOINTER_TO_INT (generic), cases[i].c, cases[i].f, cases[i].h, cases[i].w, cases[i].pad,
                          cases[i].n, 200 + 10 * i);
}

static void
test_weight_gradient (gconstpointer generic)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    check_weight_gradient (GPOINTER_TO_INT (generic), cases[i].c, cases[i].f, cases[i].h, cases[i].w, cases[i].pad,
                           cases[i].n, 300 + 10 * i);
}

static void
test_supported (void)
{
  g_assert_true (cl_conv_winograd_supported (32, 32, 3, 1, 1));
  g_assert_true (cl_conv_winograd_supported (8, 8, 3, 1, 0));
  g_assert_true (cl_conv_winograd_supported (8, 8, 3, 1, 2));
  g_assert_false (cl_conv_winograd_supported (32, 32, 3, 1, 3));  /* 2 - pad < 0 */
  g_assert_false (cl_conv_winograd_supported (32, 32, 3, 2, 1));
  g_assert_false (cl_conv_winograd_supported (32, 32, 5, 1, 2));
  g_assert_false (cl_conv_winograd_supported (1, 32, 3, 1, 1));
  g_assert_false (cl_conv_winograd_supported (32, 4, 3, 1, 1));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_data_func ("/engine/winograd/forward", GINT_TO_POINTER (FALSE), test_forward);
  g_test_add_data_func ("/engine/winograd/input-gradient", GINT_TO_POINTER (FALSE),
                        test_input_gradient);
  g_test_add_data_func ("/engine/winograd/weight-gradient", GINT_TO_POINTER (FALSE),
                        test_weight_gradient);
  g_test_add_data_func ("/engine/winograd/forward-generic", GINT_TO_POINTER (TRUE),
                        test_forward);
  g_test_add_data_func ("/engine/winograd/input-gradient-generic", GINT_TO_POINTER (TRUE),
                        test_input_gradient);
  g_test_add_data_func ("/engine/winograd/weight-gradient-generic", GINT_TO_POINTER (TRUE),
                        test_weight_gradient);
  g_test_add_func ("/engine/winograd/supported", test_supported);
  return g_test_run ();
}
