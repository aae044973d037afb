#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <math.h>
#include "engine/omp-compat.h"
#include <string.h>

#include "engine/gemm.h"
#include "engine/gemm-private.h"
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
check_shape_strides (ClGemmIsa isa, int variant, ClTrans ta, ClTrans tb, int m, int n, int k,
                     int lda, int ldb, int ldc, float alpha, float beta)
{
  ClRng r;
  cl_rng_init (&r, (guint64) m * 7919 + n * 31 + k, CL_RNG_STREAM_DATA);
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

  if (isa == CL_GEMM_ISA_AUTO && variant == CL_GEMM_VARIANT_AUTO)
    cl_gemm (ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  else
    _cl_gemm_with_kernel (isa, variant, ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  cl_gemm_reference (ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, expected, ldc);

  float tolerance = 1e-6f * (k + 2) * 4;
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++)
      g_assert_cmpfloat_with_epsilon (c[(gsize) i * ldc + j], expected[(gsize) i * ldc + j],
                                      tolerance);
  /* The padding between rows is never written. */
  for (int i = 0; i < m; i++)
    for (int j = n; j < ldc; j++)
      g_assert_cmpfloat (c[(gsize) i * ldc + j], ==, expected[(gsize) i * ldc + j]);
}

static void
check_shape_kernel (ClGemmIsa isa, int variant, ClTrans ta, ClTrans tb, int m, int n, int k,
                    float alpha, float beta)
{
  /* Padded strides: the kernel must respect them and never write between rows. */
  check_shape_strides (isa, variant, ta, tb, m, n, k, (ta == CL_NO_TRANS ? k : m) + 3,
                       (tb == CL_NO_TRANS ? n : k) + 1, n + 2, alpha, beta);
}

static void
check_shape (ClTrans ta, ClTrans tb, int m, int n, int k, float alpha, float beta)
{
  check_shape_kernel (CL_GEMM_ISA_AUTO, CL_GEMM_VARIANT_AUTO, ta, tb, m, n, k, alpha, beta);
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

static const ClGemmIsa all_isas[] = { CL_GEMM_ISA_SSE2, CL_GEMM_ISA_AVX2, CL_GEMM_ISA_AVX512 };

/* Shapes that cross every block edge of every kernel: the micro-tiles
 * (rows 4, 6, 8, 16; columns 8, 16, 24, 32, 64) plus and minus one,
 * the k blocks (256) plus one, the row blocks (AVX-512 240, AVX2 120, SSE2
 * 128, rounded down to whole tiles) plus one and the column panels (2048,
 * SSE2 1024, rounded likewise) plus one, and degenerate vectors (one row,
 * one column, k = 1). */
static const int edge_shapes[][3] = {
  { 1, 1, 1 }, { 1, 97, 3 }, { 97, 1, 3 }, { 5, 7, 1 },
  { 11, 31, 9 }, { 13, 33, 9 }, { 12, 32, 16 }, { 24, 64, 8 },
  { 5, 15, 17 }, { 7, 17, 17 }, { 3, 7, 5 }, { 4, 8, 4 }, { 9, 9, 9 },
  { 15, 23, 6 }, { 17, 25, 6 }, { 23, 63, 5 }, { 25, 65, 5 }, { 6, 25, 300 },
  { 7, 31, 260 }, { 9, 47, 20 }, { 16, 16, 16 }, { 31, 15, 31 },
  { 30, 40, 257 }, { 14, 35, 513 },
  { 241, 33, 20 }, { 121, 17, 40 }, { 129, 9, 12 }, { 487, 5, 3 },
  { 3, 2049, 4 }, { 7, 1025, 6 }, { 2, 4099, 2 },
  { 250, 70, 300 },
  /* Long k with a small C: the unpacked dot-product path (A B^T). */
  { 6, 25, 784 }, { 5, 3, 300 }, { 32, 32, 270 }, { 33, 31, 257 }, { 1, 1, 1000 },
};

static void
check_edge_shapes_kernel (ClGemmIsa isa, int variant)
{
  for (gsize s = 0; s < G_N_ELEMENTS (edge_shapes); s++)
    for (int ta = 0; ta < 2; ta++)
      for (int tb = 0; tb < 2; tb++)
        {
          /* The dot-product kernel only does A B^T. */
          if (variant == CL_GEMM_VARIANT_DOT && !(ta == CL_NO_TRANS && tb == CL_TRANS))
            continue;
          const int *sh = edge_shapes[s];
          check_shape_kernel (isa, variant, ta, tb, sh[0], sh[1], sh[2], 1.0f, 0.0f);
          check_shape_kernel (isa, variant, ta, tb, sh[0], sh[1], sh[2], -0.75f, 0.5f);
        }
}

static void
check_edge_shapes (ClGemmIsa isa)
{
  for (gsize s = 0; s < G_N_ELEMENTS (edge_shapes); s++)
    for (int ta = 0; ta < 2; ta++)
      for (int tb = 0; tb < 2; tb++)
        {
          const int *sh = edge_shapes[s];
          int v = CL_GEMM_VARIANT_AUTO;
          check_shape_kernel (isa, v, ta, tb, sh[0], sh[1], sh[2], 1.0f, 0.0f);
          check_shape_kernel (isa, v, ta, tb, sh[0], sh[1], sh[2], -0.75f, 0.5f);
        }
}

static void
test_edge_shapes (void)
{
  check_edge_shapes (CL_GEMM_ISA_AUTO);
}

/* Every kernel this CPU can run, every tile shape, not only the ones cl_gemm
 * picks here: the SSE2 and AVX2 paths are what laptops without AVX-512 take. */
static void
test_every_kernel (void)
{
  int tested = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (all_isas); i++)
    {
      if (!_cl_gemm_isa_supported (all_isas[i]))
        {
          g_test_message ("kernel set %d not supported by this CPU, not tested", all_isas[i]);
          continue;
        }
      for (int v = 0; v < _cl_gemm_n_variants (all_isas[i]); v++)
        {
          g_test_message ("kernel %s", _cl_gemm_variant_name (all_isas[i], v));
          check_edge_shapes_kernel (all_isas[i], v);
          tested++;
        }
      g_test_message ("kernel %s dot", _cl_gemm_isa_name (all_isas[i]));
      check_edge_shapes_kernel (all_isas[i], CL_GEMM_VARIANT_DOT);
      check_edge_shapes (all_isas[i]);
    }
  /* Not x86-64: the generic kernels are all there is. */
  if (tested == 0)
    for (int v = CL_GEMM_VARIANT_DOT; v < _cl_gemm_n_variants (CL_GEMM_ISA_AUTO); v++)
      {
        check_edge_shapes_kernel (CL_GEMM_ISA_AUTO, v);
        tested++;
      }
  g_assert_cmpint (tested, >=, 1);
}

/* Strides that are multiples of 1 KiB take the other packing path (the one
 * that avoids cache-set aliasing); same results. */
static void
test_power_of_two_strides (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (all_isas); i++)
    {
      if (!_cl_gemm_isa_supported (all_isas[i]))
        continue;
      for (int v = 0; v < _cl_gemm_n_variants (all_isas[i]); v++)
        for (int ta = 0; ta < 2; ta++)
          for (int tb = 0; tb < 2; tb++)
            {
              check_shape_strides (all_isas[i], v, ta, tb, 40, 70, 300, 512, 512, 256, 1.0f, 0.0f);
              check_shape_strides (all_isas[i], v, ta, tb, 17, 33, 256, 256, 256, 512, 2.0f, 1.0f);
            }
    }
}

/* A stride shorter than a row is a caller's bug: refused with a critical
 * warning, nothing read or written. */
static void
test_bad_strides_refused (void)
{
#ifdef G_DISABLE_CHECKS
  g_test_skip ("g_return_if_fail is compiled out");
#else
  float a[6] = { 1, 2, 3, 4, 5, 6 }, b[6] = { 1, 2, 3, 4, 5, 6 };
  float c[4] = { 7, 7, 7, 7 };

  g_test_expect_message ("cl-engine", G_LOG_LEVEL_CRITICAL, "*lda*");
  cl_gemm (CL_NO_TRANS, CL_NO_TRANS, 2, 2, 3, 1.0f, a, 2, b, 2, 0.0f, c, 2);
  g_test_assert_expected_messages ();
  g_test_expect_message ("cl-engine", G_LOG_LEVEL_CRITICAL, "*ldb*");
  cl_gemm (CL_NO_TRANS, CL_TRANS, 2, 2, 3, 1.0f, a, 3, b, 2, 0.0f, c, 2);
  g_test_assert_expected_messages ();
  g_test_expect_message ("cl-engine", G_LOG_LEVEL_CRITICAL, "*ldc*");
  cl_gemm (CL_NO_TRANS, CL_NO_TRANS, 2, 2, 3, 1.0f, a, 3, b, 2, 0.0f, c, 1);
  g_test_assert_expected_messages ();
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat (c[i], ==, 7.0f);
#endif
}

/* alpha == 0 follows BLAS: A and B are not read (NaN there does not leak). */
static void
test_alpha_zero_scales_c (void)
{
  float a[4] = { NAN, NAN, NAN, NAN }, b[4] = { 1, 2, 3, 4 };
  float c[4] = { 1, 2, 3, 4 };
  cl_gemm (CL_NO_TRANS, CL_NO_TRANS, 2, 2, 2, 0.0f, a, 2, b, 2, 2.0f, c, 2);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat (c[i], ==, 2.0f * (i + 1));
}

typedef struct {
  ClTrans ta, tb;
  int m, n, k, lda, ldb, ldc;
  float *a, *b, *c0;
} Problem;

static void
problem_init (Problem *p, ClTrans ta, ClTrans tb, int m, int n, int k, guint64 seed)
{
  ClRng r;
  cl_rng_init (&r, seed, CL_RNG_STREAM_DATA);
  p->ta = ta;
  p->tb = tb;
  p->m = m;
  p->n = n;
  p->k = k;
  p->lda = (ta == CL_NO_TRANS ? k : m) + 1;
  p->ldb = (tb == CL_NO_TRANS ? n : k) + 3;
  p->ldc = n + 1;
  gsize na = (gsize) (ta == CL_NO_TRANS ? m : k) * p->lda;
  gsize nb = (gsize) (tb == CL_NO_TRANS ? k : n) * p->ldb;
  gsize nc = (gsize) m * p->ldc;
  p->a = g_new (float, na);
  p->b = g_new (float, nb);
  p->c0 = g_new (float, nc);
  fill (p->a, na, &r);
  fill (p->b, nb, &r);
  fill (p->c0, nc, &r);
}

static void
problem_clear (Problem *p)
{
  g_free (p->a);
  g_free (p->b);
  g_free (p->c0);
}

/* C = 0.5 op(A) op(B) + 0.25 C0, in a fresh copy of C0. */
static float *
problem_run_kernel (const Problem *p, ClGemmIsa isa, int variant)
{
  gsize nc = (gsize) p->m * p->ldc;
  float *c = g_memdup2 (p->c0, nc * sizeof (float));
  if (isa == CL_GEMM_ISA_AUTO && variant == CL_GEMM_VARIANT_AUTO)
    cl_gemm (p->ta, p->tb, p->m, p->n, p->k, 0.5f, p->a, p->lda, p->b, p->ldb, 0.25f, c, p->ldc);
  else
    _cl_gemm_with_kernel (isa, variant, p->ta, p->tb, p->m, p->n, p->k, 0.5f, p->a, p->lda,
                          p->b, p->ldb, 0.25f, c, p->ldc);
  return c;
}

static float *
problem_run (const Problem *p, ClGemmIsa isa)
{
  return problem_run_kernel (p, isa, CL_GEMM_VARIANT_AUTO);
}

/* Large enough for cl_gemm to use its threads, with sizes that are not
 * multiples of any block: tall (split by rows), wide (split by columns),
 * square, k across several k blocks, and small C with long k. */
static const int parallel_shapes[][3] = {
  { 301, 517, 600 }, { 37, 2100, 130 }, { 1000, 20, 70 }, { 130, 130, 1030 },
  { 30, 20, 2000 },  /* A B^T takes the dot-product path */
};

static void
check_threads_bit_identical (ClGemmIsa isa)
{
  int saved = omp_get_max_threads ();

  for (gsize s = 0; s < G_N_ELEMENTS (parallel_shapes); s++)
    for (int ta = 0; ta < 2; ta++)
      for (int tb = 0; tb < 2; tb++)
        {
          const int *sh = parallel_shapes[s];
          Problem p;
          problem_init (&p, ta, tb, sh[0], sh[1], sh[2], 1000 + s);
          gsize bytes = (gsize) p.m * p.ldc * sizeof (float);

          omp_set_num_threads (1);
          g_autofree float *one = problem_run (&p, isa);
          omp_set_num_threads (2);
          g_autofree float *two = problem_run (&p, isa);
          omp_set_num_threads (3);
          g_autofree float *three = problem_run (&p, isa);

          g_assert_true (memcmp (one, two, bytes) == 0);
          g_assert_true (memcmp (one, three, bytes) == 0);
          problem_clear (&p);
        }
  omp_set_num_threads (saved);
}

/* The determinism the trainer builds on: 1 thread and 2 threads give the
 * same bits (and 3, which splits C unevenly). */
static void
test_threads_bit_identical (void)
{
  check_threads_bit_identical (CL_GEMM_ISA_AUTO);
  if (_cl_gemm_isa_supported (CL_GEMM_ISA_AVX2))
    check_threads_bit_identical (CL_GEMM_ISA_AVX2);
  if (_cl_gemm_isa_supported (CL_GEMM_ISA_SSE2))
    check_threads_bit_identical (CL_GEMM_ISA_SSE2);
}

/* The tile shape cl_gemm picks depends on m and n; every shape of one
 * instruction set sums in the same order, so they agree to the bit.  (The
 * dot-product path sums in another order; it is chosen by shape alone.) */
static void
test_tile_shapes_bit_identical (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (all_isas); i++)
    {
      ClGemmIsa isa = all_isas[i];
      if (!_cl_gemm_isa_supported (isa))
        continue;
      for (int ta = 0; ta < 2; ta++)
        {
          Problem p;
          problem_init (&p, ta, !ta, 53, 71, 600, 5 + ta);
          gsize bytes = (gsize) p.m * p.ldc * sizeof (float);
          g_autofree float *first = problem_run_kernel (&p, isa, 0);
          for (int v = 1; v < _cl_gemm_n_variants (isa); v++)
            {
              g_autofree float *other = problem_run_kernel (&p, isa, v);
              g_assert_true (memcmp (first, other, bytes) == 0);
            }
          problem_clear (&p);
        }
    }
}

/* Called from the layers' own parallel loop over the batch, cl_gemm runs on
 * the calling thread (no nested team) and gives the bits it gives alone. */
static void
test_inside_parallel_region (void)
{
  enum { N_PROBLEMS = 8 };
  Problem p[N_PROBLEMS];
  float *alone[N_PROBLEMS], *inside[N_PROBLEMS];
  int saved = omp_get_max_threads ();

  omp_set_num_threads (2);
  for (int i = 0; i < N_PROBLEMS; i++)
    {
      problem_init (&p[i], i & 1, (i >> 1) & 1, 150 + i, 170 - i, 90 + 7 * i, 77 + i);
      alone[i] = problem_run (&p[i], CL_GEMM_ISA_AUTO);
    }

#pragma omp parallel for schedule(dynamic)
  for (int i = 0; i < N_PROBLEMS; i++)
    inside[i] = problem_run (&p[i], CL_GEMM_ISA_AUTO);

  for (int i = 0; i < N_PROBLEMS; i++)
    {
      g_assert_true (memcmp (alone[i], inside[i], (gsize) p[i].m * p[i].ldc * sizeof (float)) == 0);
      g_free (alone[i]);
      g_free (inside[i]);
      problem_clear (&p[i]);
    }
  omp_set_num_threads (saved);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/gemm/matches-reference", test_matches_reference);
  g_test_add_func ("/engine/gemm/beta-zero-ignores-nan", test_beta_zero_ignores_nan);
  g_test_add_func ("/engine/gemm/k-zero-scales-c", test_k_zero_scales_c);
  g_test_add_func ("/engine/gemm/alpha-zero-scales-c", test_alpha_zero_scales_c);
  g_test_add_func ("/engine/gemm/bad-strides-refused", test_bad_strides_refused);
  g_test_add_func ("/engine/gemm/edge-shapes", test_edge_shapes);
  g_test_add_func ("/engine/gemm/every-kernel", test_every_kernel);
  g_test_add_func ("/engine/gemm/power-of-two-strides", test_power_of_two_strides);
  g_test_add_func ("/engine/gemm/threads-bit-identical", test_threads_bit_identical);
  g_test_add_func ("/engine/gemm/tile-shapes-bit-identical", test_tile_shapes_bit_identical);
  g_test_add_func ("/engine/gemm/inside-parallel-region", test_inside_parallel_region);
  return g_test_run ();
}
