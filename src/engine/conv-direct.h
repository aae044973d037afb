/* conv-direct.h — direct convolution of single-channel images.
 *
 * The first convolution of LeNet-5 and of cnn3 reads one channel with a 5x5
 * or 3x3 kernel: as im2col + GEMM it writes and reads 25 (9) copies of the
 * image for a GEMM of only k*k deep, and its time went to the copies.  Here
 * each output row is computed in vector registers straight from a padded
 * copy of the image: the forward pass of LeNet-5's conv1 went from 341 to
 * 146 µs per batch of 64.
 *
 * The backward pass stays im2col + GEMM: a direct weight gradient (k*k
 * sums per filter held in registers over a slice of samples) was measured
 * no faster for 5x5 and 1.7 times slower for 3x3 than the GEMM's dot
 * kernel, and a first layer has no input gradient to compute.
 *
 * Only for 1 input channel, stride 1, kernel 3 or 5, on CPUs with AVX-512
 * (cl_conv_direct_supported); Conv2D uses im2col + GEMM otherwise.  The
 * results depend on the shapes only, never on the thread count.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean cl_conv_direct_supported   (int c, int k, int stride);

/* Floats of scratch for one image padded by `pad` (with the slack the
 * vector loads read past its end). */
gsize    cl_conv_direct_padded_size (int h, int w, int pad);

/* y[f][oh][ow] = bias[f] + sum over (ki, kj) of weight[f][ki][kj] *
 * x[oy + ki - pad][ox + kj - pad], for one sample.  bias may be NULL.
 * `scratch` holds cl_conv_direct_padded_size() floats. */
void     cl_conv_direct_forward     (const float *restrict x, int h, int w, int pad, int k,
                                     const float *restrict weight, const float *restrict bias,
                                     int f, float *restrict y, int oh, int ow,
                                     float *restrict scratch);

G_END_DECLS
