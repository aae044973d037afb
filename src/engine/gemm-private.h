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

/* Each instruction set has tile shapes ("variants"); cl_gemm picks one per
 * call from m and n.  All variants of one set give the same bits. */
int         _cl_gemm_n_variants    (ClGemmIsa isa);
const char *_cl_gemm_variant_name  (ClGemmIsa isa, int variant);
/* The kernel cl_gemm (with this ISA) runs for this shape, e.g. "avx512 6x64". */
const char *_cl_gemm_chosen_variant (ClGemmIsa isa, ClTrans trans_a, ClTrans trans_b,
                                     int m, int n, int k);

#define CL_GEMM_VARIANT_AUTO (-1)   /* choose as cl_gemm does */
#define CL_GEMM_VARIANT_DOT (-2)    /* the unpacked dot-product kernel, A B^T only */

/* cl_gemm with a chosen kernel: a variant index, CL_GEMM_VARIANT_AUTO or
 * CL_GEMM_VARIANT_DOT.  The ISA must be supported. */
void _cl_gemm_with_kernel (ClGemmIsa isa, int variant,
                           ClTrans trans_a, ClTrans trans_b,
                           int m, int n, int k,
                           float alpha,
                           const float *a, int lda,
                           const float *b, int ldb,
                           float beta,
                           float *c, int ldc);

G_END_DECLS
