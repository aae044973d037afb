/* im2col.h — unfold image patches into columns so a convolution is one GEMM.
 *
 * For one sample of C x H x W, with a k x k kernel, stride s and zero padding
 * p, the column matrix has C*k*k rows and OH*OW columns: row (c, ki, kj),
 * column (oh, ow) holds in[c, oh*s - p + ki, ow*s - p + kj] (0 outside).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void cl_im2col (const float *restrict in, int c, int h, int w,
                int k, int stride, int pad, int oh, int ow,
                float *restrict col);

/* The adjoint: adds every column entry back to the pixel it came from.
 * `in` must be zeroed (or hold what to add to) by the caller. */
void cl_col2im (const float *restrict col, int c, int h, int w,
                int k, int stride, int pad, int oh, int ow,
                float *restrict in);

/* The same with the column matrix's rows `ldcol` floats apart (>= oh*ow):
 * several samples' columns side by side, so one GEMM covers them all.
 * Only this sample's oh*ow values of each row are written or read. */
void cl_im2col_ld (const float *restrict in, int c, int h, int w,
                   int k, int stride, int pad, int oh, int ow,
                   float *restrict col, gsize ldcol);
void cl_col2im_ld (const float *restrict col, gsize ldcol, int c, int h, int w,
                   int k, int stride, int pad, int oh, int ow,
                   float *restrict in);

G_END_DECLS
