/* gemm-kernel.h — one instruction set's blocked GEMM, as a template.
 *
 * gemm.c includes this file once per instruction set (AVX-512, AVX2+FMA,
 * SSE2), each time inside `#pragma GCC target` and with these macros set:
 *
 *   K_SUFFIX               name suffix of the generated functions
 *   K_MR, K_NR             micro-tile: K_MR rows by K_NR columns of C, kept in
 *                          registers (K_NR is a multiple of the vector width)
 *                          (these three are #undef'd at the end, so the next
 *                          tile shape of the same instruction set only sets
 *                          them again)
 *   K_VL                   floats per vector register
 *   K_MC, K_KC, K_NC       cache blocks (GotoBLAS/BLIS): a K_MC x K_KC block
 *                          of packed A stays in L2, a K_KC x K_NC panel of
 *                          packed B in L3, one K_KC x K_NR micro-panel of B
 *                          in L1 while the micro-kernel sweeps the A block
 *   vf, VZERO, VSET1, VLOADU, VSTOREU, VMUL, VFMA (a * b + c)
 *
 * No include guard: it is meant to be included several times.
 *
 * Determinism: every element of C is the sum of its k products taken in
 * increasing p within fixed K_KC blocks, each block summed in a register
 * from zero and then added to C.  Nothing depends on which rows or columns a
 * thread was given, so splitting C between threads cannot change a bit; nor
 * on the tile shape, so the tile shapes of one instruction set (same K_KC)
 * give the same bits too.
 */

#define K_CAT2(name, suffix) name##_##suffix
#define K_CAT(name, suffix) K_CAT2 (name, suffix)
#define KFN(name) K_CAT (name, K_SUFFIX)

#define K_NV (K_NR / K_VL)
/* The cache blocks rounded to whole tiles. */
#define K_MCR (K_MC / K_MR * K_MR)
#define K_NCR (K_NC / K_NR * K_NR)
/* Columns per step of the transposing packs. */
#define K_TB 16

/* Packs rows [i0, i0 + mc) and columns [p0, p0 + kc) of op(A) into
 * micro-panels of K_MR rows, each stored column after column (K_MR
 * consecutive floats per p) so the micro-kernel reads it sequentially.  The
 * last panel is padded to K_MR rows (with zeros, or copies of its last row),
 * so edge tiles run the same kernel and throw the padding rows away. */
static void
KFN (pack_a) (ClTrans ta, const float *a, int lda,
              int i0, int mc, int p0, int kc,
              float *restrict ap)
{
  for (int ir = 0; ir < mc; ir += K_MR)
    {
      int mr = MIN (K_MR, mc - ir);

      if (ta == CL_NO_TRANS)
        {
          const float *src = a + (gsize) (i0 + ir) * lda + p0;
          if (lda % 256 != 0)
            {
              /* A transpose reading the K_MR rows in step, fully unrolled:
               * fastest, unless the rows are a multiple of 1 KiB apart and
               * fall into the same cache sets.  A partial panel repeats its
               * last row: padding rows only feed rows of C that the edge
               * tile throws away. */
              gsize row[K_MR];
#pragma GCC unroll 32
              for (int i = 0; i < K_MR; i++)
                row[i] = (gsize) MIN (i, mr - 1) * lda;
              for (int p = 0; p < kc; p++)
#pragma GCC unroll 32
                for (int i = 0; i < K_MR; i++)
                  ap[(gsize) p * K_MR + i] = src[row[i] + p];
              ap += (gsize) K_MR * kc;
              continue;
            }
          /* Otherwise K_TB columns at a time: each row is read in short
           * contiguous runs and the writes stay within a few cache lines. */
          for (int pb = 0; pb < kc; pb += K_TB)
            {
              int pe = MIN (kc, pb + K_TB);
              for (int i = 0; i < mr; i++)
                for (int p = pb; p < pe; p++)
                  ap[(gsize) p * K_MR + i] = src[(gsize) i * lda + p];
            }
        }
      else
        {
          const float *src = a + (gsize) p0 * lda + i0 + ir;
          for (int p = 0; p < kc; p++)
            for (int i = 0; i < mr; i++)
              ap[(gsize) p * K_MR + i] = src[(gsize) p * lda + i];
        }
      for (int i = mr; i < K_MR; i++)
        for (int p = 0; p < kc; p++)
          ap[(gsize) p * K_MR + i] = 0.0f;

      ap += (gsize) K_MR * kc;
    }
}

/* Packs rows [p0, p0 + kc) and columns [j0, j0 + nc) of op(B) into
 * micro-panels of K_NR columns, row after row, padded on the right like
 * pack_a's panels. */
static void
KFN (pack_b) (ClTrans tb, const float *b, int ldb,
              int p0, int kc, int j0, int nc,
              float *restrict bp)
{
  for (int jr = 0; jr < nc; jr += K_NR)
    {
      int nr = MIN (K_NR, nc - jr);

      if (tb == CL_NO_TRANS)
        {
          const float *src = b + (gsize) p0 * ldb + j0 + jr;
          if (nr == K_NR)
            {
              /* Whole vectors: GCC made the copy below a memmove call of
               * K_NR floats per row, a tenth of a convolution's step. */
              for (int p = 0; p < kc; p++)
#pragma GCC unroll 8
                for (int j = 0; j < K_NV; j++)
                  VSTOREU (bp + (gsize) p * K_NR + j * K_VL,
                           VLOADU (src + (gsize) p * ldb + j * K_VL));
              bp += (gsize) K_NR * kc;
              continue;
            }
          for (int p = 0; p < kc; p++)
            {
              for (int j = 0; j < nr; j++)
                bp[(gsize) p * K_NR + j] = src[(gsize) p * ldb + j];
              for (int j = nr; j < K_NR; j++)
                bp[(gsize) p * K_NR + j] = 0.0f;
            }
        }
      else
        {
          /* A transpose, as in pack_a. */
          const float *src = b + (gsize) (j0 + jr) * ldb + p0;
          if (ldb % 256 != 0)
            {
              gsize col[K_NR];
#pragma GCC unroll 64
              for (int j = 0; j < K_NR; j++)
                col[j] = (gsize) MIN (j, nr - 1) * ldb;
              for (int p = 0; p < kc; p++)
#pragma GCC unroll 64
                for (int j = 0; j < K_NR; j++)
                  bp[(gsize) p * K_NR + j] = src[col[j] + p];
              bp += (gsize) K_NR * kc;
              continue;
            }
          for (int pb = 0; pb < kc; pb += K_TB)
            {
              int pe = MIN (kc, pb + K_TB);
              for (int j = 0; j < nr; j++)
                for (int p = pb; p < pe; p++)
                  bp[(gsize) p * K_NR + j] = src[(gsize) j * ldb + p];
            }
          for (int j = nr; j < K_NR; j++)
            for (int p = 0; p < kc; p++)
              bp[(gsize) p * K_NR + j] = 0.0f;
        }

      bp += (gsize) K_NR * kc;
    }
}

/* The micro-kernel: a full K_MR x K_NR tile of C becomes
 * alpha * (ap . bp) + beta * C, or alpha * (ap . bp) when beta is 0 (C is
 * then never read: it may hold NaN).  The accumulators are K_MR * K_NV vector
 * registers; the loops are fully unrolled so they stay in registers. */
static inline void
KFN (micro_kernel) (int kc, const float *restrict ap, const float *restrict bp,
                    float *restrict c, gsize ldc, float alpha, float beta)
{
  vf acc[K_MR][K_NV];

#pragma GCC unroll 32
  for (int i = 0; i < K_MR; i++)
#pragma GCC unroll 8
    for (int j = 0; j < K_NV; j++)
      acc[i][j] = VZERO ();

  for (int p = 0; p < kc; p++)
    {
      vf bv[K_NV];
#pragma GCC unroll 8
      for (int j = 0; j < K_NV; j++)
        bv[j] = VLOADU (bp + j * K_VL);
#pragma GCC unroll 32
      for (int i = 0; i < K_MR; i++)
        {
          vf av = VSET1 (ap[i]);
#pragma GCC unroll 8
          for (int j = 0; j < K_NV; j++)
            acc[i][j] = VFMA (av, bv[j], acc[i][j]);
        }
      ap += K_MR;
      bp += K_NR;
    }

  vf va = VSET1 (alpha);
  if (beta == 0.0f)
    {
#pragma GCC unroll 32
      for (int i = 0; i < K_MR; i++)
#pragma GCC unroll 8
        for (int j = 0; j < K_NV; j++)
          VSTOREU (c + i * ldc + j * K_VL, VMUL (va, acc[i][j]));
    }
  else
    {
      vf vb = VSET1 (beta);
#pragma GCC unroll 32
      for (int i = 0; i < K_MR; i++)
#pragma GCC unroll 8
        for (int j = 0; j < K_NV; j++)
          {
            float *cij = c + i * ldc + j * K_VL;
            VSTOREU (cij, VFMA (va, acc[i][j], VMUL (vb, VLOADU (cij))));
          }
    }
}

/* A partial tile (at the bottom or right edge of C) goes through a full
 * K_MR x K_NR scratch tile, so it runs exactly the arithmetic of a full tile
 * and never touches C outside the mr x nr corner. */
static void
KFN (micro_kernel_edge) (int kc, const float *restrict ap, const float *restrict bp,
                         float *restrict c, gsize ldc, int mr, int nr,
                         float alpha, float beta)
{
  float tile[K_MR * K_NR] __attribute__ ((aligned (64))) = { 0.0f };

  if (beta != 0.0f)
    for (int i = 0; i < mr; i++)
      for (int j = 0; j < nr; j++)
        tile[i * K_NR + j] = c[i * ldc + j];
  KFN (micro_kernel) (kc, ap, bp, tile, K_NR, alpha, beta);
  for (int i = 0; i < mr; i++)
    for (int j = 0; j < nr; j++)
      c[i * ldc + j] = tile[i * K_NR + j];
}

/* Floats of packing buffer gemm_rect needs for a rectangle of C. */
static gsize
KFN (buffer_floats) (int rows, int cols)
{
  gsize mc = (gsize) (MIN (rows, K_MCR) + K_MR - 1) / K_MR * K_MR;
  gsize nc = (gsize) (MIN (cols, K_NCR) + K_NR - 1) / K_NR * K_NR;
  /* Round the A part to 64 bytes so the B part stays aligned. */
  return (mc * K_KC + 15) / 16 * 16 + nc * K_KC;
}

/* C[i0:i1, j0:j1] = alpha * op(A) op(B) + beta * C over that rectangle, on
 * the calling thread, with `buf` of at least buffer_floats (i1 - i0, j1 - j0)
 * floats.  k > 0. */
static void
KFN (gemm_rect) (ClTrans ta, ClTrans tb,
                 int i0, int i1, int j0, int j1, int k,
                 float alpha,
                 const float *a, int lda,
                 const float *b, int ldb,
                 float beta,
                 float *c, int ldc,
                 float *restrict buf)
{
  gsize mc_max = (gsize) (MIN (i1 - i0, K_MCR) + K_MR - 1) / K_MR * K_MR;
  float *restrict apack = buf;
  float *restrict bpack = buf + (mc_max * K_KC + 15) / 16 * 16;

  for (int jc = j0; jc < j1; jc += K_NCR)
    {
      int nc = MIN (K_NCR, j1 - jc);

      for (int pc = 0; pc < k; pc += K_KC)
        {
          int kc = MIN (K_KC, k - pc);
          /* beta applies once, on the first k block; later blocks add. */
          float beta_block = pc == 0 ? beta : 1.0f;

          KFN (pack_b) (tb, b, ldb, pc, kc, jc, nc, bpack);

          for (int ic = i0; ic < i1; ic += K_MCR)
            {
              int mc = MIN (K_MCR, i1 - ic);

              KFN (pack_a) (ta, a, lda, ic, mc, pc, kc, apack);

              for (int jr = 0; jr < nc; jr += K_NR)
                {
                  int nr = MIN (K_NR, nc - jr);
                  const float *bp = bpack + (gsize) jr * kc;

                  for (int ir = 0; ir < mc; ir += K_MR)
                    {
                      int mr = MIN (K_MR, mc - ir);
                      const float *ap = apack + (gsize) ir * kc;
                      float *cp = c + (gsize) (ic + ir) * ldc + jc + jr;

                      if (mr == K_MR && nr == K_NR)
                        KFN (micro_kernel) (kc, ap, bp, cp, ldc, alpha, beta_block);
                      else
                        KFN (micro_kernel_edge) (kc, ap, bp, cp, ldc, mr, nr, alpha, beta_block);
                    }
                }
            }
        }
    }
}

#undef K_NV
#undef K_MCR
#undef K_NCR
#undef K_TB
#undef KFN
#undef K_CAT
#undef K_CAT2
#undef K_SUFFIX
#undef K_MR
#undef K_NR
