/* gemm.h — C = alpha * op(A) * op(B) + beta * C, row-major float32.
 *
 * The hot path of the engine: dense layers call it directly, convolutions
 * after im2col.  op(X) is X or its transpose.  op(A) is m x k, op(B) is k x n,
 * C is m x n; lda, ldb, ldc are the row strides of the matrices as stored.
 * Deterministic: the result does not depend on the thread count.
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
