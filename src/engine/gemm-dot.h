/* gemm-dot.h — C = alpha * A B^T + beta * C as blocked dot products, as a
 * template (included by gemm.c once per instruction set, see gemm-kernel.h).
 *
 * When A is not transposed and B is (the "NT" case: a weight gradient
 * dout . col^T, a dense layer X . W^T) both operands are read along k, so no
 * packing is needed.  For the small matrices of a small network, packing
 * (a transposing copy, one element at a time) costs more than the
 * multiplication itself; this kernel skips it: D_M rows of A against D_N
 * rows of B, D_M * D_N = K_VL vector accumulators, each summing k in lanes,
 * then a fixed tree of shuffles and adds turns the K_VL accumulators into
 * one vector of K_VL results.
 *
 * Macros: D_SUFFIX, D_M, D_N, K_VL, vf, vi (the integer vector of vf's
 * size, for the shuffle masks), VZERO, VLOADU, VSTOREU, VFMA.  D_SUFFIX,
 * D_M and D_N are #undef'd at the end.
 *
 * Determinism: lane l of an accumulator sums the products p = l, l + K_VL,
 * l + 2 K_VL... in order (the k % K_VL last ones through a zero-padded
 * copy), and the tree adds the lanes in a fixed order: a function of k only,
 * whatever rows or columns a thread was given.
 */

#define D_CAT2(name, suffix) name##_##suffix
#define D_CAT(name, suffix) D_CAT2 (name, suffix)
#define DFN(name) D_CAT (name, D_SUFFIX)

#ifndef __clang__

/* One level of the reduction tree.  In x and y each block of h lanes holds
 * partial sums of h sources; the result's blocks of 2h lanes hold 2h
 * sources (x's then y's), each the sum of two of the inputs' lanes. */
static inline vf
DFN (fold) (vf x, vf y, int h)
{
  vi lo, hi;

#pragma GCC unroll 16
  for (int q = 0; q < K_VL; q++)
    {
      int base = q / (2 * h) * (2 * h), o = q % (2 * h);
      lo[q] = o < h ? base + o : K_VL + base + o - h;
      hi[q] = o < h ? base + o + h : K_VL + base + o;
    }
  return __builtin_shuffle (x, y, lo) + __builtin_shuffle (x, y, hi);
}

/* Lane q of the result is the sum of the lanes of acc[q], added pairwise:
 * (l0 + l1) + (l2 + l3), and so on up the tree. */
static inline vf
DFN (reduce) (vf *acc)
{
#pragma GCC unroll 8
  for (int h = 1, count = K_VL; h < K_VL; h *= 2, count /= 2)
#pragma GCC unroll 8
    for (int i = 0; i < count / 2; i++)
      acc[i] = DFN (fold) (acc[2 * i], acc[2 * i + 1], h);
  return acc[0];
}

#else

/* Clang has no __builtin_shuffle with computed masks: the same pairwise
 * sums, one accumulator at a time (the fuzzing builds use clang, where
 * speed does not matter). */
static inline vf
DFN (reduce) (vf *acc)
{
  float out[K_VL] __attribute__ ((aligned (64)));

  for (int q = 0; q < K_VL; q++)
    {
      float v[K_VL] __attribute__ ((aligned (64)));
      VSTOREU (v, acc[q]);
      for (int h = 1; h < K_VL; h *= 2)
        for (int i = 0; i < K_VL; i += 2 * h)
          v[i] = v[i] + v[i + h];
      out[q] = v[0];
    }
  return VLOADU (out);
}

#endif

/* C[i0:i1, j0:j1] = alpha * A B^T + beta * C, A m x k and B n x k, both
 * row-major.  Past the edge of the rectangle the last row is read again
 * (its results are thrown away), so no row outside the matrices is read. */
static void
DFN (gemm_dot) (int i0, int i1, int j0, int j1, int k,
                float alpha,
                const float *a, int lda,
                const float *b, int ldb,
                float beta,
                float *c, int ldc)
{
  int kv = k / K_VL * K_VL;
  int rem = k - kv;

  for (int i = i0; i < i1; i += D_M)
    {
      const float *ar[D_M];
#pragma GCC unroll 16
      for (int r = 0; r < D_M; r++)
        ar[r] = a + (gsize) MIN (i + r, i1 - 1) * lda;

      for (int j = j0; j < j1; j += D_N)
        {
          const float *br[D_N];
          vf acc[K_VL];

#pragma GCC unroll 16
          for (int s = 0; s < D_N; s++)
            br[s] = b + (gsize) MIN (j + s, j1 - 1) * ldb;
#pragma GCC unroll 16
          for (int q = 0; q < K_VL; q++)
            acc[q] = VZERO ();

          for (int p = 0; p < kv; p += K_VL)
            {
              vf av[D_M], bv[D_N];
#pragma GCC unroll 16
              for (int r = 0; r < D_M; r++)
                av[r] = VLOADU (ar[r] + p);
#pragma GCC unroll 16
              for (int s = 0; s < D_N; s++)
                bv[s] = VLOADU (br[s] + p);
#pragma GCC unroll 16
              for (int r = 0; r < D_M; r++)
#pragma GCC unroll 16
                for (int s = 0; s < D_N; s++)
                  acc[r * D_N + s] = VFMA (av[r], bv[s], acc[r * D_N + s]);
            }
          if (rem > 0)
            {
              float ta[D_M][K_VL] __attribute__ ((aligned (64))) = { { 0.0f } };
              float tb[D_N][K_VL] __attribute__ ((aligned (64))) = { { 0.0f } };
              vf av[D_M], bv[D_N];

              for (int r = 0; r < D_M; r++)
                {
                  memcpy (ta[r], ar[r] + kv, rem * sizeof (float));
                  av[r] = VLOADU (ta[r]);
                }
              for (int s = 0; s < D_N; s++)
                {
                  memcpy (tb[s], br[s] + kv, rem * sizeof (float));
                  bv[s] = VLOADU (tb[s]);
                }
#pragma GCC unroll 16
              for (int r = 0; r < D_M; r++)
#pragma GCC unroll 16
                for (int s = 0; s < D_N; s++)
                  acc[r * D_N + s] = VFMA (av[r], bv[s], acc[r * D_N + s]);
            }

          float sums[K_VL] __attribute__ ((aligned (64)));
          VSTOREU (sums, DFN (reduce) (acc));

          int mr = MIN (D_M, i1 - i), nr = MIN (D_N, j1 - j);
          for (int r = 0; r < mr; r++)
            for (int s = 0; s < nr; s++)
              {
                float *cij = c + (gsize) (i + r) * ldc + j + s;
                float v = alpha * sums[r * D_N + s];
                /* beta == 0: C is not read (it may hold NaN). */
                *cij = beta == 0.0f ? v : v + beta * *cij;
              }
        }
    }
}

#undef DFN
#undef D_CAT
#undef D_CAT2
#undef D_SUFFIX
#undef D_M
#undef D_N
