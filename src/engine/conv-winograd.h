/* conv-winograd.h — 3x3 stride-1 convolutions by Winograd's F(2x2, 3x3).
 *
 * Each 2x2 block of output is computed from a 4x4 tile of input with 16
 * products per channel pair instead of 36 (Lavin and Gray, "Fast
 * Algorithms for Convolutional Neural Networks", 2016): the tiles and the
 * filters are transformed (V = B^T d B, U = G g G^T), the 16 positions of
 * the transformed tiles become 16 GEMMs (channels out x channels in times
 * channels in x tiles) and each product goes back to a 2x2 output block
 * (Y = A^T M A).  cnn3's 32-channel 3x3 layers spent most of a training
 * step in im2col + GEMM; the forward pass, the input gradient (a
 * convolution of dy by the flipped, transposed filters) and the weight
 * gradient (summed in the Winograd domain, then G^T dU G) go this way.
 *
 * The results are a function of the shapes and the values only, never of
 * the thread count (each call handles its samples on the calling thread).
 * They differ from im2col + GEMM by rounding (the transforms add and halve).
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether Conv2D runs this shape by Winograd: 3x3, stride 1, padding at
 * most 2 (the input gradient pads by 2 - pad) and at least 8 channels in
 * and out (fewer make GEMMs too thin to gain). */
gboolean cl_conv_winograd_supported (int c, int f, int k, int stride, int pad);

/* Samples per call that keep each of the 16 GEMMs some 400 tiles wide. */
int      cl_conv_winograd_group     (int oh, int ow);

/* Floats of scratch a call on `n` samples needs. */
gsize    cl_conv_winograd_scratch   (int c, int f, int oh, int ow, int n);

/* u (16 x f x c): the transformed filters of weight (f x c x 3 x 3) for the
 * forward pass; with `flip`, of the filters of the input gradient
 * (c x f, each filter turned by 180 degrees), as 16 x c x f. */
void     cl_conv_winograd_filters   (const float *restrict weight, int f, int c, gboolean flip,
                                     float *restrict u);

/* For n samples (x[s] at x + s * x_stride, y[s] at y + s * y_stride):
 * y[o][oy][ox] = bias[o] + sum over i, ky, kx of g[o][i][ky][kx] *
 * x[i][oy + ky - pad][ox + kx - pad] (zero outside the h x w image), where
 * g is what u was made from (cl_conv_winograd_filters); oh = h + 2 pad - 2,
 * ow = w + 2 pad - 2.  bias may be NULL. */
void     cl_conv_winograd           (const float *x, gsize x_stride, int c_in, int h, int w,
                                     int pad, const float *u, const float *bias, int c_out,
                                     float *y, gsize y_stride, int oh, int ow, int n,
                                     float *scratch);

/* The weight gradient, in the Winograd domain: du (16 x c_out x c_in, to
 * be zeroed by the caller before the first call) += for each tile, the
 * transformed input tile (as the forward makes it) times the transformed
 * output gradient (A dy A^T, 2x2 blocks to 4x4), summed over the tiles of
 * n samples (x as in cl_conv_winograd, dy[s] at dy + s * dy_stride, c_out x
 * oh x ow).  Scratch: cl_conv_winograd_scratch (c_in, c_out, oh, ow, n). */
void     cl_conv_winograd_du        (const float *x, gsize x_stride, int c_in, int h, int w,
                                     int pad, const float *dy, gsize dy_stride, int c_out,
                                     int oh, int ow, int n, float *du, float *scratch);

/* The weight gradient from du: dw = G^T du G for each filter, weight
 * (o, i, ky, kx) at dw[o * o_stride + (i * 9 + ky * 3 + kx) * tap_stride]. */
void     cl_conv_winograd_dw        (const float *restrict du, int c_out, int c_in,
                                     float *restrict dw, gsize o_stride, gsize tap_stride);

G_END_DECLS
