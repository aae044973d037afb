#include "config.h"

#include <math.h>

#include "engine/gemm.h"
#include "engine/rng.h"

static void
fill (float *x, gsize n, ClRng *r)
{
  for (gsize i = 0; i < n; i++)
    x[i] = cl_rng_uniform (r) * 2.0f - 1.0f;
}

/* Compares cl_gemm with the double-accumulating reference for one shape and
 * transposition; the tolerance is k float32 roundings of terms of size <= 1. */
static void
check_shape (ClTrans ta, ClTrans tb, int m, int n, int k, float alpha, float beta)
{
  ClRng r;
  cl_rng_init (&r, (guint64) m * 7919 + n * 31 + k, CL_RNG_STREAM_DATA);
  int lda = (ta == CL_NO_TRANS ? k : m) + 3;   /* padded strides */
  int ldb = (tb == CL_NO_TRANS ? n : k) + 1;
  int ldc = n + 2;
  gsize na = (gsize) (ta == CL_NO_TRANS ? m : k) * lda;
  gsize nb = (gsize) (tb == CL_NO_TRANS ? k : n) * ldb;
  gsize nc = (gsize) m * ldc;
  g_autofree float *a = g_new (float, na);
  g_autofree float *b = g_new (float, nb);
  g_autofree float *c = g_new (float, nc);
  g_autofree float *expected = g_new (float, nc);
  fill (a, na, &r);
  fill (b, nb, &r);
  fill (c, nc, &r);
  memcpy (expected, c, nc * sizeof (float));

  cl_gemm (ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  cl_gemm_reference (ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, expected, ldc);

  float tolerance = 1e-6f * (k + 2) * 4;
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++)
      g_assert_cmpfloat_with_epsilon (c[(gsize) i * ldc + j], expected[(gsize) i * ldc + j], tolerance);
  /* The padding between rows is never written. */
  for (int i = 0; i < m; i++)
    for (int j = n; j < ldc; j++)
      g_assert_cmpfloat (c[(gsize) i * ldc + j], ==, expected[(gsize) i * ldc + j]);
}

static void
test_matches_reference (void)
{
  static const int shapes[][3] = {
    { 1, 1, 1 }, { 3, 5, 7 }, { 16, 16, 16 }, { 17, 33, 65 },
    { 6, 784, 25 }, { 16, 100, 150 }, { 64, 120, 400 }, { 64, 10, 84 },
    { 129, 67, 300 }, { 2, 1000, 3 },
  };
  for (gsize s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (int ta = 0; ta < 2; ta++)
      for (int tb = 0; tb < 2; tb++)
        {
          check_shape (ta, tb, shapes[s][0], shapes[s][1], shapes[s][2], 1.0f, 0.0f);
          check_shape (ta, tb, shapes[s][0], shapes[s][1], shapes[s][2], 0.5f, 1.0f);
          check_shape (ta, tb, shapes[s][0], shapes[s][1], shapes[s][2], -2.0f, 0.25f);
        }
}

static void
test_beta_zero_ignores_nan (void)
{
  float a[4] = { 1, 2, 3, 4 }, b[4] = { 1, 0, 0, 1 };
  float c[4] = { NAN, NAN, INFINITY, NAN };
  cl_gemm (CL_NO_TRANS, CL_NO_TRANS, 2, 2, 2, 1.0f, a, 2, b, 2, 0.0f, c, 2);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat (c[i], ==, a[i]);
}

static void
test_k_zero_scales_c (void)
{
  float c[2] = { 2, 4 };
  cl_gemm (CL_NO_TRANS, CL_NO_TRANS, 1, 2, 0, 1.0f, NULL, 1, NULL, 2, 0.5f, c, 2);
  g_assert_cmpfloat (c[0], ==, 1.0f);
  g_assert_cmpfloat (c[1], ==, 2.0f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/gemm/matches-reference", test_matches_reference);
  g_test_add_func ("/engine/gemm/beta-zero-ignores-nan", test_beta_zero_ignores_nan);
  g_test_add_func ("/engine/gemm/k-zero-scales-c", test_k_zero_scales_c);
  return g_test_run ();
}
