/* im2col against its definition, and col2im as its exact adjoint, over
 * every small combination of size, kernel, stride and padding. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/im2col.h"
#include "engine/rng.h"

/* Checks im2col against its definition and col2im as its adjoint on one
 * shape; the col2im of zeros plus the image must give back the image plus
 * col2im's sum (it adds to what is there). */
static void
check_shape (ClRng *rng, int c, int h, int w, int k, int stride, int pad)
{
  int oh = (h + 2 * pad - k) / stride + 1, ow = (w + 2 * pad - k) / stride + 1;
  gsize rows = (gsize) c * k * k, cols = (gsize) oh * ow;
  g_autofree float *x = g_new (float, c * h * w);
  g_autofree float *col = g_new (float, rows * cols);
  g_autofree float *back = g_new0 (float, c * h * w);
  g_autofree float *again = g_new (float, c * h * w);
  g_autofree float *r = g_new (float, rows * cols);
  for (int i = 0; i < c * h * w; i++)
    x[i] = cl_rng_uniform (rng) - 0.5f;
  for (gsize i = 0; i < rows * cols; i++)
    r[i] = cl_rng_uniform (rng) - 0.5f;
  cl_im2col (x, c, h, w, k, stride, pad, oh, ow, col);
  double lhs = 0;
  for (int ch = 0; ch < c; ch++)
    for (int ki = 0; ki < k; ki++)
      for (int kj = 0; kj < k; kj++)
        for (int y = 0; y < oh; y++)
          for (int xx = 0; xx < ow; xx++)
            {
              int iy = y * stride - pad + ki, ix = xx * stride - pad + kj;
              float expect = iy >= 0 && iy < h && ix >= 0 && ix < w
                             ? x[(ch * h + iy) * w + ix] : 0.0f;
              gsize at = (((gsize) ch * k + ki) * k + kj) * cols + y * ow + xx;
              g_assert_cmpfloat (col[at], ==, expect);
              lhs += (double) col[at] * r[at];
            }
  /* <im2col(x), r> == <x, col2im(r)> */
  cl_col2im (r, c, h, w, k, stride, pad, oh, ow, back);
  double rhs = 0;
  for (int i = 0; i < c * h * w; i++)
    rhs += (double) x[i] * back[i];
  g_assert_cmpfloat (fabs (lhs - rhs), <=, 1e-5);
  /* With rows ldcol apart (other samples' columns beside these): the same
   * values, nothing written outside this sample's part of each row, and
   * col2im reads only that part. */
  gsize ldcol = cols * 3 + 5;
  g_autofree float *wide = g_new (float, rows * ldcol);
  for (gsize i = 0; i < rows * ldcol; i++)
    wide[i] = 1234.5f;
  cl_im2col_ld (x, c, h, w, k, stride, pad, oh, ow, wide + cols, ldcol);
  for (gsize i = 0; i < rows; i++)
    for (gsize j = 0; j < ldcol; j++)
      {
        if (j >= cols && j < 2 * cols)
          g_assert_cmpfloat (wide[i * ldcol + j], ==, col[i * cols + j - cols]);
        else
          g_assert_cmpfloat (wide[i * ldcol + j], ==, 1234.5f);
      }
  for (gsize i = 0; i < rows; i++)
    memcpy (wide + i * ldcol + cols, r + i * cols, sizeof (float) * cols);
  g_autofree float *back_ld = g_new0 (float, c * h * w);
  cl_col2im_ld (wide + cols, ldcol, c, h, w, k, stride, pad, oh, ow, back_ld);
  g_assert_cmpmem (back_ld, sizeof (float) * c * h * w, back, sizeof (float) * c * h * w);

  /* It adds: col2im onto x is x + col2im onto zeros, in float, to the bit
   * for the first addition's rounding (x + sum, the sum made first would
   * differ), so compare with a tolerance. */
  memcpy (again, x, sizeof (float) * c * h * w);
  cl_col2im (r, c, h, w, k, stride, pad, oh, ow, again);
  for (int i = 0; i < c * h * w; i++)
    g_assert_cmpfloat (fabsf (again[i] - (x[i] + back[i])), <=, 1e-5f);
}

static void
test_all_shapes (void)
{
  ClRng rng;
  cl_rng_init (&rng, 5, CL_RNG_STREAM_DATA);
  int cases = 0;
  for (int c = 1; c <= 2; c++)
    for (int h = 1; h <= 7; h++)
      for (int w = 1; w <= 7; w += 2)
        for (int k = 1; k <= 5; k++)
          for (int stride = 1; stride <= 3; stride++)
            for (int pad = 0; pad <= 3; pad++)
              {
                if (k > h + 2 * pad || k > w + 2 * pad)
                  continue;
                check_shape (&rng, c, h, w, k, stride, pad);
                cases++;
              }
  g_assert_cmpint (cases, >, 500);
}

/* Rows wider than one vector of 16 (the AVX-512 path works in chunks of
 * 16 and lets short rows spill onto the next), and the network shapes. */
static void
test_wide_shapes (void)
{
  static const int widths[] = { 9, 14, 15, 16, 17, 28, 31, 32, 33, 40 };
  ClRng rng;
  cl_rng_init (&rng, 6, CL_RNG_STREAM_DATA);
  for (gsize i = 0; i < G_N_ELEMENTS (widths); i++)
    for (int k = 1; k <= 7; k += 2)
      for (int pad = 0; pad <= 3; pad++)
        for (int stride = 1; stride <= 2; stride++)
          if (k <= widths[i] + 2 * pad && k <= 5 + (int) i + 2 * pad)
            check_shape (&rng, 3, 5 + (int) i, widths[i], k, stride, pad);
  check_shape (&rng, 1, 28, 28, 5, 1, 2);   /* LeNet-5 conv1 */
  check_shape (&rng, 6, 14, 14, 5, 1, 0);   /* LeNet-5 conv2 */
  check_shape (&rng, 32, 14, 14, 3, 1, 1);  /* cnn3 conv3 */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/im2col/all-shapes", test_all_shapes);
  g_test_add_func ("/engine/im2col/wide-shapes", test_wide_shapes);
  return g_test_run ();
}
