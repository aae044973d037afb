#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <string.h>

#include "engine/im2col.h"

/* Both loops walk the columns row by row, so writes to `col` are contiguous;
 * the bounds test on the input row is hoisted out of the innermost loop. */

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
              for (int x = 0; x < ow; x++)
                {
                  int ix = x * stride - pad + kj;
                  dst[x] = (ix >= 0 && ix < w) ? src[ix] : 0.0f;
                }
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
          for (int y = 0; y < oh; y++)
            {
              int iy = y * stride - pad + ki;
              if (iy < 0 || iy >= h)
                continue;
              const float *restrict src = row + (gsize) y * ow;
              float *restrict dst = in + ((gsize) ch * h + iy) * w;
              for (int x = 0; x < ow; x++)
                {
                  int ix = x * stride - pad + kj;
                  if (ix >= 0 && ix < w)
                    dst[ix] += src[x];
                }
            }
        }
}
