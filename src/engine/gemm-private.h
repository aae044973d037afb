/* gemm-private.h — what the tests and the benchmark see of cl_gemm's insides.
 *
 * cl_gemm picks the best kernel this CPU runs; the tests also run the others
 * (where the CPU has them) so the AVX2 and SSE2 paths users' laptops take
 * are checked on the AVX-512 machine too.
 */
#pragma once

#include "engine/gemm.h"

G_BEGIN_DECLS

typedef enum {
  CL_GEMM_ISA_AUTO = 0,   /* the best one this CPU supports */
  CL_GEMM_ISA_SSE2,
  CL_GEMM_ISA_AVX2,       /* with FMA */
  CL_GEMM_ISA_AVX512,     /* AVX-512F */
} ClGemmIsa;

gboolean    _cl_gemm_isa_supported (ClGemmIsa isa);
const char *_cl_gemm_isa_name      (ClGemmIsa isa);

/* cl_gemm with a chosen kernel; the ISA must be supported. */
void _cl_gemm_with_isa (ClGemmIsa isa,
                        ClTrans trans_a, ClTrans trans_b,
                        int m, int n, int k,
                        float alpha,
                        const float *a, int lda,
                        const float *b, int ldb,
                        float beta,
                        float *c, int ldc);

G_END_DECLS
