/* conv-winograd-private.h — what the tests see of conv-winograd.c's insides.
 *
 * cl_conv_winograd and cl_conv_winograd_du run their transforms compiled
 * for AVX-512 where the CPU has it; these run the generic (SSE2) build of
 * the same transforms whatever the CPU, so the tests check the path a
 * laptop without AVX-512 takes on the AVX-512 machine too.
 */
#pragma once

#include "engine/conv-winograd.h"

G_BEGIN_DECLS

void _cl_conv_winograd_generic    (const float *x, gsize x_stride, int c_in, int h, int w,
                                   int pad, const float *u, const float *bias, int c_out,
                                   float *y, gsize y_stride, int oh, int ow, int n,
                                   float *scratch);
void _cl_conv_winograd_du_generic (const float *x, gsize x_stride, int c_in, int h, int w,
                                   int pad, const float *dy, gsize dy_stride, int c_out,
                                   int oh, int ow, int n, float *du, float *scratch);

G_END_DECLS
