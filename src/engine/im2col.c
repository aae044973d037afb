#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <string.h>

#include "engine/im2col.h"

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

void
cl_im2col (const float *restrict in, int c, int h, int w,
           int k, int stride, int pad, int oh, int ow,
           float *restrict col)
{
  for (int ch = 0; ch < c; ch++)
    for (int ki = 0; ki < k; ki++)
      for (int kj = 0; kj < k; kj++)
        {
          float *restrict row = col + ((gsize) (ch * k + ki) * k + kj) * oh * ow;
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

void
cl_col2im (const float *restrict col, int c, int h, int w,
           int k, int stride, int pad, int oh, int ow,
           float *restrict in)
{
  for (int ch = 0; ch < c; ch++)
    for (int ki = 0; ki < k; ki++)
      for (int kj = 0; kj < k; kj++)
        {
          const float *restrict row = col + ((gsize) (ch * k + ki) * k + kj) * oh * ow;
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
