/* gemm.h — C = alpha * op(A) * op(B) + beta * C, row-major float32.
 *
 * The hot path of the engine: dense layers call it directly, convolutions
 * after im2col.  op(X) is X or its transpose.  op(A) is m x k, op(B) is k x n,
 * C is m x n; lda, ldb, ldc are the row strides of the matrices as stored.
 * beta == 0 overwrites C without reading it (it may hold NaN); k == 0 or
 * alpha == 0 only scales C by beta (A and B are not read).
 *
 * Deterministic: for given inputs the result does not depend on the thread
 * count (OpenMP threads split C, never the k sums).  It may differ in the
 * last bits between CPUs, which run different kernels (AVX-512, AVX2+FMA,
 * SSE2 without FMA).
 *
 * Thread-safe.  Large products use OpenMP threads inside; called from inside
 * a parallel region (a layer's loop over the batch) it stays on the calling
 * thread.  No allocation per call: packing buffers are per thread, kept for
 * the thread's life.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CL_NO_TRANS = 0,
  CL_TRANS = 1,
} ClTrans;

void cl_gemm (ClTrans trans_a, ClTrans trans_b,
              int m, int n, int k,
              float alpha,
              const float *a, int lda,
              const float *b, int ldb,
              float beta,
              float *c, int ldc);

/* The plain triple loop, in double accumulation: the yardstick the tests
 * compare cl_gemm against. */
void cl_gemm_reference (ClTrans trans_a, ClTrans trans_b,
                        int m, int n, int k,
                        float alpha,
                        const float *a, int lda,
                        const float *b, int ldb,
                        float beta,
                        float *c, int ldc);

G_END_DECLS
