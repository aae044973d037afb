#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <string.h>

#include "engine/im2col.h"

/* x86-64 only, as cl_gemm's kernels. */
#if defined(__x86_64__)
#include <immintrin.h>
#define CL_IM2COL_AVX512 1
#endif

/* Both loops walk the columns row by row, so writes to `col` are contiguous.
 * For each kernel column kj the output columns x whose input column
 * ix = x*stride - pad + kj falls inside the image form one range [x0, x1):
 * computed once, so the inner loops carry no bounds test (and with stride 1
 * the copy is a memcpy). */

static inline void
valid_range (int kj, int stride, int pad, int w, int ow, int *x0, int *x1)
{
  /* ix >= 0  <=>  x >= ceil((pad - kj) / stride);  ix < w  <=>  x < ceil((w + pad - kj) / stride) */
  int lo = pad - kj, hi = w + pad - kj;
  int a = lo <= 0 ? 0 : (lo + stride - 1) / stride;
  int b = hi <= 0 ? 0 : (hi + stride - 1) / stride;
  *x0 = MIN (a, ow);
  *x1 = CLAMP (b, *x0, ow);
}

static void
im2col_generic (const float *restrict in, int c, int h, int w,
           int k, int stride, int pad, int oh, int ow,
           float *restrict col, gsize ldcol)
{
  for (int ch = 0; ch < c; ch++)
    for (int ki = 0; ki < k; ki++)
      for (int kj = 0; kj < k; kj++)
        {
          float *restrict row = col + ((gsize) (ch * k + ki) * k + kj) * ldcol;
          const int shift = kj - pad;  /* ix = x * stride + shift */
          int x0, x1;
          valid_range (kj, stride, pad, w, ow, &x0, &x1);
          for (int y = 0; y < oh; y++)
            {
              int iy = y * stride - pad + ki;
              float *restrict dst = row + (gsize) y * ow;
              if (iy < 0 || iy >= h)
                {
                  memset (dst, 0, sizeof (float) * ow);
                  continue;
                }
              const float *restrict src = in + ((gsize) ch * h + iy) * w;
              for (int x = 0; x < x0; x++)
                dst[x] = 0.0f;
              /* Rows are short (a few dozen values): a loop the compiler
               * vectorises beats a call to memcpy. */
              if (stride == 1)
                for (int x = x0; x < x1; x++)
                  dst[x] = src[x + shift];
              else
                for (int x = x0; x < x1; x++)
                  dst[x] = src[x * stride + shift];
              for (int x = x1; x < ow; x++)
                dst[x] = 0.0f;
            }
        }
}

static void
col2im_generic (const float *restrict col, gsize ldcol, int c, int h, int w,
           int k, int stride, int pad, int oh, int ow,
           float *restrict in)
{
  for (int ch = 0; ch < c; ch++)
    for (int ki = 0; ki < k; ki++)
      for (int kj = 0; kj < k; kj++)
        {
          const float *restrict row = col + ((gsize) (ch * k + ki) * k + kj) * ldcol;
          const int shift = kj - pad;
          int x0, x1;
          valid_range (kj, stride, pad, w, ow, &x0, &x1);
          for (int y = 0; y < oh; y++)
            {
              int iy = y * stride - pad + ki;
              if (iy < 0 || iy >= h)
                continue;
              const float *restrict src = row + (gsize) y * ow;
              float *restrict dst = in + ((gsize) ch * h + iy) * w;
              if (stride == 1)
                for (int x = x0; x < x1; x++)
                  dst[x + shift] += src[x];
              else
                for (int x = x0; x < x1; x++)
                  dst[x * stride + shift] += src[x];
            }
        }
}

/* ---- AVX-512, stride 1 ----------------------------------------------------
 *
 * The rows of a small network are short (10 values in LeNet's second
 * convolution, 28 in its first): the loops above spend more time starting
 * and ending than copying.  With stride 1 a row is a shifted copy, and
 * AVX-512's masked loads and stores move up to 16 values at once, zeros
 * for the padding included (a masked-off lane is neither read nor faulted
 * on), so each row is one or two instructions whatever its bounds.  This
 * halved the time of LeNet-5's convolutions outside their GEMMs. */

#ifdef CL_IM2COL_AVX512

#ifdef __clang__
#pragma clang attribute push (__attribute__ ((target ("avx512f"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target ("avx512f")
#endif

/* Lanes i < n (all of them for n >= 16, none for n <= 0). */
static inline __mmask16
lanes_below (int n)
{
  return n <= 0 ? 0 : n >= 16 ? 0xffff : (__mmask16) ((1u << n) - 1);
}

static void
im2col_avx512_s1 (const float *restrict in, int c, int h, int w, int k, int pad, int oh,
                  int ow, float *restrict col, gsize ldcol)
{
  const __m512 zero = _mm512_setzero_ps ();
  const gssize in_size = (gssize) c * h * w;
  /* Spilling onto the next row is safe when the rows follow each other
   * (ldcol == oh * ow) and are written in order.  In a wider matrix (other
   * samples' columns beside these) a row stops at its own end. */
  const gboolean packed = ldcol == (gsize) oh * ow;
  float *const end = col + (gsize) (c * k * k - 1) * ldcol + (gsize) oh * ow;
  for (int ch = 0; ch < c; ch++)
    for (int ki = 0; ki < k; ki++)
      for (int kj = 0; kj < k; kj++)
        {
          float *restrict row = col + ((gsize) (ch * k + ki) * k + kj) * ldcol;
          float *const limit = packed ? end : row + (gsize) oh * ow;
          const int shift = kj - pad;
          int x0, x1;
          valid_range (kj, 1, pad, w, ow, &x0, &x1);
          for (int xb = 0; xb < ow; xb += 16)
            {
              /* The lanes that read the image; the others are padding. */
              const __mmask16 valid = lanes_below (x1 - xb) & ~lanes_below (x0 - xb);
              /* A row of 16 or fewer is stored whole: its extra lanes land
               * on the next row, written next.  Wider rows stop at their
               * end, as the next chunk is stored before the next row. */
              const __mmask16 keep = ow <= 16 ? 0xffff : lanes_below (ow - xb);
              /* No padding in this chunk: a plain load, whose lanes past
               * the row are junk on lanes that are not kept or are
               * overwritten by the next row. */
              const gboolean whole = valid == lanes_below (ow - xb);
              for (int y = 0; y < oh; y++)
                {
                  int iy = y - pad + ki;
                  float *dst = row + (gsize) y * ow + xb;
                  __m512 v = zero;
                  if (iy >= 0 && iy < h)
                    {
                      /* src may point before the row: only the valid lanes,
                       * inside it, are read (a masked-off lane never faults).
                       * The plain load is the faster, when it stays inside
                       * the image block. */
                      gssize at = ((gssize) ch * h + iy) * w + xb + shift;
                      if (whole && at >= 0 && at + 16 <= in_size)
                        v = _mm512_loadu_ps (in + at);
                      else
                        v = _mm512_maskz_loadu_ps (valid, in + at);
                    }
                  if (dst + 16 <= limit)
                    _mm512_mask_storeu_ps (dst, keep, v);
                  else
                    _mm512_mask_storeu_ps (dst, keep & lanes_below (limit - dst), v);
                }
            }
        }
}

/* Gathers instead of scattering: each input row is loaded once, receives
 * its k x k contributions in registers in the (ki, kj) order of the generic
 * loop (so the same bits) and is stored once. */
static void
col2im_avx512_s1 (const float *restrict col, gsize ldcol, int c, int h, int w, int k, int pad,
                  int oh, int ow, float *restrict in)
{
  const gssize col_size = (gssize) (c * k * k - 1) * ldcol + (gssize) oh * ow;
  __mmask16 valid[16];  /* per kj; k <= 15 (the Conv2D setting's range) */

  g_return_if_fail (k <= 16);
  for (int xb = 0; xb < w; xb += 16)
    {
      const __mmask16 inside = lanes_below (w - xb);
      /* Input column ix came from output column ix + pad - kj. */
      for (int kj = 0; kj < k; kj++)
        {
          int off = xb + pad - kj;
          valid[kj] = inside & ~lanes_below (-off) & lanes_below (ow - off);
        }
      for (int ch = 0; ch < c; ch++)
        for (int iy = 0; iy < h; iy++)
          {
            float *restrict dst = in + ((gsize) ch * h + iy) * w + xb;
            __m512 acc = _mm512_maskz_loadu_ps (inside, dst);
            for (int ki = 0; ki < k; ki++)
              {
                int y = iy + pad - ki;  /* the output row that read this input row */
                if (y < 0 || y >= oh)
                  continue;
                gssize at = (gssize) (ch * k + ki) * k * ldcol + (gssize) y * ow + xb + pad;
                for (int kj = 0; kj < k; kj++, at += (gssize) ldcol)
                  {
                    /* A plain load and a zeroing move are cheaper than a
                     * masked load, where all 16 lanes are inside `col`. */
                    __m512 v = at - kj >= 0 && at - kj + 16 <= col_size
                               ? _mm512_maskz_mov_ps (valid[kj], _mm512_loadu_ps (col + at - kj))
                               : _mm512_maskz_loadu_ps (valid[kj], col + at - kj);
                    acc = _mm512_add_ps (acc, v);
                  }
              }
            _mm512_mask_storeu_ps (dst, inside, acc);
          }
    }
}

#ifdef __clang__
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

static gboolean
use_avx512 (int stride)
{
  return stride == 1 && __builtin_cpu_supports ("avx512f");
}

#else
#define use_avx512(stride) FALSE
#endif

void
cl_im2col_ld (const float *restrict in, int c, int h, int w,
              int k, int stride, int pad, int oh, int ow,
              float *restrict col, gsize ldcol)
{
  g_return_if_fail (ldcol >= (gsize) oh * ow);
#ifdef CL_IM2COL_AVX512
  if (use_avx512 (stride))
    {
      im2col_avx512_s1 (in, c, h, w, k, pad, oh, ow, col, ldcol);
      return;
    }
#endif
  im2col_generic (in, c, h, w, k, stride, pad, oh, ow, col, ldcol);
}

void
cl_col2im_ld (const float *restrict col, gsize ldcol, int c, int h, int w,
              int k, int stride, int pad, int oh, int ow,
              float *restrict in)
{
  g_return_if_fail (ldcol >= (gsize) oh * ow);
#ifdef CL_IM2COL_AVX512
  if (use_avx512 (stride))
    {
      col2im_avx512_s1 (col, ldcol, c, h, w, k, pad, oh, ow, in);
      return;
    }
#endif
  col2im_generic (col, ldcol, c, h, w, k, stride, pad, oh, ow, in);
}

void
cl_im2col (const float *restrict in, int c, int h, int w,
           int k, int stride, int pad, int oh, int ow,
           float *restrict col)
{
  cl_im2col_ld (in, c, h, w, k, stride, pad, oh, ow, col, (gsize) oh * ow);
}

void
cl_col2im (const float *restrict col, int c, int h, int w,
           int k, int stride, int pad, int oh, int ow,
           float *restrict in)
{
  cl_col2im_ld (col, (gsize) oh * ow, c, h, w, k, stride, pad, oh, ow, in);
}
