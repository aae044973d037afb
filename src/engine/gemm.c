#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include "engine/gemm.h"

static inline float
at (const float *x, int ld, ClTrans t, int row, int col)
{
  return t == CL_NO_TRANS ? x[(gsize) row * ld + col] : x[(gsize) col * ld + row];
}

void
cl_gemm_reference (ClTrans trans_a, ClTrans trans_b,
                   int m, int n, int k,
                   float alpha,
                   const float *a, int lda,
                   const float *b, int ldb,
                   float beta,
                   float *c, int ldc)
{
  for (int i = 0; i < m; i++)
    for (int j = 0; j < n; j++)
      {
        double sum = 0.0;
        for (int p = 0; p < k; p++)
          sum += (double) at (a, lda, trans_a, i, p) * at (b, ldb, trans_b, p, j);
        float *cij = &c[(gsize) i * ldc + j];
        /* beta == 0 overwrites, so C may hold garbage (even NaN) on entry. */
        *cij = (float) (alpha * sum + (beta == 0.0f ? 0.0 : (double) beta * *cij));
      }
}

/* Placeholder until the tuned kernel lands: correct, slow. */
void
cl_gemm (ClTrans trans_a, ClTrans trans_b,
         int m, int n, int k,
         float alpha,
         const float *a, int lda,
         const float *b, int ldb,
         float beta,
         float *c, int ldc)
{
  cl_gemm_reference (trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
