#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <string.h>

#include "engine/conv-direct.h"

/* x86-64 only, as cl_gemm's kernels and im2col's fast path. */
#if defined(__x86_64__)
#include <immintrin.h>
#define CL_CONV_DIRECT 1
#endif

gsize
cl_conv_direct_padded_size (int h, int w, int pad)
{
  /* The vector loads of the last rows read up to 15 floats past the image. */
  return (gsize) (h + 2 * pad) * (w + 2 * pad) + 16;
}

#ifdef CL_CONV_DIRECT

gboolean
cl_conv_direct_supported (int c, int k, int stride)
{
  return c == 1 && stride == 1 && (k == 3 || k == 5) && __builtin_cpu_supports ("avx512f");
}

#ifdef __clang__
#pragma clang attribute push (__attribute__ ((target ("avx512f"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target ("avx512f")
#endif

static inline __mmask16
lanes_below (int n)
{
  return n <= 0 ? 0 : n >= 16 ? 0xffff : (__mmask16) ((1u << n) - 1);
}

/* The image with `pad` zeros around it, rows wp = w + 2 pad apart, and
 * zeros in the slack. */
static void
pad_image (const float *restrict x, int h, int w, int pad, float *restrict xp)
{
  int wp = w + 2 * pad;
  memset (xp, 0, sizeof (float) * cl_conv_direct_padded_size (h, w, pad));
  for (int iy = 0; iy < h; iy++)
    memcpy (xp + (gsize) (iy + pad) * wp + pad, x + (gsize) iy * w, sizeof (float) * w);
}

/* NF filters from f0, K x K kernel: both constants after inlining, so the
 * loops unroll and the NF accumulators stay in registers.  Each 16-wide
 * piece of an output row is its bias plus the K*K taps in (ki, kj) order;
 * the lanes past the row are computed from junk and not stored. */
static inline __attribute__ ((always_inline)) void
forward_filters (const float *restrict xp, int wp, const int K, const float *restrict weight,
                 const float *restrict bias, int f0, const int NF, float *restrict y, int oh,
                 int ow)
{
  for (int oy = 0; oy < oh; oy++)
    for (int xb = 0; xb < ow; xb += 16)
      {
        __m512 acc[8];
        for (int j = 0; j < NF; j++)
          acc[j] = _mm512_set1_ps (bias != NULL ? bias[f0 + j] : 0.0f);
        for (int ki = 0; ki < K; ki++)
          for (int kj = 0; kj < K; kj++)
            {
              __m512 v = _mm512_loadu_ps (xp + (gsize) (oy + ki) * wp + xb + kj);
              for (int j = 0; j < NF; j++)
                acc[j] = _mm512_fmadd_ps (_mm512_set1_ps (weight[((f0 + j) * K + ki) * K + kj]),
                                          v, acc[j]);
            }
        __mmask16 keep = lanes_below (ow - xb);
        for (int j = 0; j < NF; j++)
          _mm512_mask_storeu_ps (y + ((gsize) (f0 + j) * oh + oy) * ow + xb, keep, acc[j]);
      }
}

static inline __attribute__ ((always_inline)) void
forward_k (const float *restrict xp, int wp, const int K, const float *restrict weight,
           const float *restrict bias, int f, float *restrict y, int oh, int ow)
{
  int f0 = 0;
  for (; f0 + 8 <= f; f0 += 8)
    forward_filters (xp, wp, K, weight, bias, f0, 8, y, oh, ow);
  for (; f0 + 4 <= f; f0 += 4)
    forward_filters (xp, wp, K, weight, bias, f0, 4, y, oh, ow);
  for (; f0 < f; f0++)
    forward_filters (xp, wp, K, weight, bias, f0, 1, y, oh, ow);
}

void
cl_conv_direct_forward (const float *restrict x, int h, int w, int pad, int k,
                        const float *restrict weight, const float *restrict bias, int f,
                        float *restrict y, int oh, int ow, float *restrict scratch)
{
  int wp = w + 2 * pad;
  pad_image (x, h, w, pad, scratch);
  if (k == 5)
    forward_k (scratch, wp, 5, weight, bias, f, y, oh, ow);
  else
    forward_k (scratch, wp, 3, weight, bias, f, y, oh, ow);
}

#ifdef __clang__
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

#else /* !CL_CONV_DIRECT */

gboolean
cl_conv_direct_supported (int c, int k, int stride)
{
  return FALSE;
}

void
cl_conv_direct_forward (const float *restrict x, int h, int w, int pad, int k,
                        const float *restrict weight, const float *restrict bias, int f,
                        float *restrict y, int oh, int ow, float *restrict scratch)
{
  g_assert_not_reached ();
}

#endif
