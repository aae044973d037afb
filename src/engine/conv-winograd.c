#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <string.h>

#include "engine/conv-winograd.h"
#include "engine/conv-winograd-private.h"
#include "engine/gemm.h"

#if defined(__x86_64__)
#define CL_WINOGRAD_AVX512 1
#endif

/* F(2x2, 3x3) with the matrices of Lavin and Gray:
 *
 *   B^T = | 1  0 -1  0 |   G = | 1    0    0   |   A^T = | 1  1  1  0 |
 *         | 0  1  1  0 |       | 1/2  1/2  1/2 |         | 0  1 -1 -1 |
 *         | 0 -1  1  0 |       | 1/2 -1/2  1/2 |
 *         | 0  1  0 -1 |       | 0    0    1   |
 *
 * Layouts, for a call on n samples of t tiles each (ld = n t):
 * v[16][c_in][ld] the transformed input tiles, m[16][c_out][ld] their
 * products with u[16][c_out][c_in].  Tile (ty, tx) of sample s is column
 * s t + ty tw + tx.  The transforms run along a row of tiles at a time, so
 * their loops are long and contiguous (vectorised by the compiler). */

/* Tiles per call: enough to fill the GEMMs' panels, few enough that the
 * transformed tiles and products (16 (c_in + c_out) floats a tile) stay
 * near L2.  One of cnn3's 28x28 maps (210 tiles), four of its 14x14 ones
 * (224); 400 (two and seven maps) measured 2 % slower on the whole step. */
#define TILES_TARGET 200

gboolean
cl_conv_winograd_supported (int c, int f, int k, int stride, int pad)
{
  return k == 3 && stride == 1 && pad >= 0 && pad <= 2 && c >= 8 && f >= 8;
}

/* Tiles are counted with one extra column per row of tiles (stride
 * tw + 1): the transforms then run as single flat loops over a whole map
 * (see input_transform), at the price of a few wasted GEMM columns. */
static gsize
tiles (int oh, int ow)
{
  return (gsize) ((oh + 1) / 2) * ((ow + 1) / 2 + 1);
}

int
cl_conv_winograd_group (int oh, int ow)
{
  int t = (int) tiles (oh, ow);
  return CLAMP ((TILES_TARGET + t / 2) / t, 1, 8);
}

static gsize
tmp_floats (int oh, int ow)
{
  gsize th = (oh + 1) / 2, st = (ow + 1) / 2 + 1;
  /* Input: even and odd padded rows (th + 1 each, 2 st wide, plus slack),
   * their 8 horizontal transforms; output gradient: its even and odd rows
   * (2 st wide) and their 8 vertical transforms (the output needs only
   * its even and odd rows). */
  gsize in = 2 * ((th + 1) * 2 * st + 4) + 8 * (th + 1) * st;
  gsize out = 4 * th * st + 8 * th * st;
  return MAX (in, out);
}

gsize
cl_conv_winograd_scratch (int c, int f, int oh, int ow, int n)
{
  return 16 * (gsize) (c + f) * tiles (oh, ow) * n + tmp_floats (oh, ow);
}

void
cl_conv_winograd_filters (const float *restrict weight, int f, int c, gboolean flip,
                          float *restrict u)
{
  gsize plane = (gsize) f * c;
  for (int fo = 0; fo < f; fo++)
    for (int ci = 0; ci < c; ci++)
      {
        const float *w = weight + ((gsize) fo * c + ci) * 9;
        float g[3][3], gg[4][3];
        for (int ky = 0; ky < 3; ky++)
          for (int kx = 0; kx < 3; kx++)
            g[ky][kx] = flip ? w[(2 - ky) * 3 + (2 - kx)] : w[ky * 3 + kx];
        for (int j = 0; j < 3; j++)
          {
            gg[0][j] = g[0][j];
            gg[1][j] = 0.5f * (g[0][j] + g[1][j] + g[2][j]);
            gg[2][j] = 0.5f * (g[0][j] - g[1][j] + g[2][j]);
            gg[3][j] = g[2][j];
          }
        gsize at = flip ? (gsize) ci * f + fo : (gsize) fo * c + ci;
        for (int r = 0; r < 4; r++)
          {
            const float *a = gg[r];
            u[(r * 4 + 0) * plane + at] = a[0];
            u[(r * 4 + 1) * plane + at] = 0.5f * (a[0] + a[1] + a[2]);
            u[(r * 4 + 2) * plane + at] = 0.5f * (a[0] - a[1] + a[2]);
            u[(r * 4 + 3) * plane + at] = a[2];
          }
      }
}

/* V = B^T d B for every tile of one sample, into columns [t0, t0 + th st)
 * of v.  The padded image is kept as its even rows (pe) and its odd rows
 * (po), 2 st wide: the horizontal transform of row r, tile tx, reads
 * pe/po[r / 2][2 tx + j], i.e. element 2 k + j of a flat array for k =
 * (r / 2) st + tx, and the vertical one combines rows 2 ty .. 2 ty + 3,
 * i.e. elements k and k + st of the even and odd results for k = ty st +
 * tx: one long loop each for the whole map. */
static inline __attribute__ ((always_inline)) void
input_transform (const float *restrict x, int c, int h, int w, int pad, int th, int st,
                 gsize ld, gsize t0, float *restrict v, float *restrict tmp)
{
  gsize plane = (gsize) c * ld;
  int wp = 2 * st;                   /* >= w + pad + 1 */
  int prow = (th + 1) * wp + 4;      /* the last tile column reads 2 past a row */
  gsize n_h = (gsize) (th + 1) * st; /* horizontal transforms per parity */
  gsize n_v = (gsize) th * st;
  float *restrict pe = tmp;
  float *restrict po = tmp + prow;
  float *restrict hh = tmp + 2 * prow;  /* [parity][j][n_h] */

  /* The zeros around the image stay: each channel writes the same places. */
  memset (tmp, 0, sizeof (float) * 2 * prow);
  for (int ci = 0; ci < c; ci++)
    {
      for (int yy = 0; yy < h; yy++)
        {
          int r = yy + pad;
          float *dst = ((r & 1) ? po : pe) + (r >> 1) * wp + pad;
          const float *src = x + ((gsize) ci * h + yy) * w;
          /* + 0.0f (which only turns -0 into +0) keeps GCC from making
           * this a memmove call: a call per row of 28 floats cost 4 % of
           * cnn3's step. */
          for (int q = 0; q < w; q++)
            dst[q] = src[q] + 0.0f;
        }
      for (int parity = 0; parity < 2; parity++)
        {
          const float *restrict p = parity ? po : pe;
          float *restrict h0 = hh + (parity * 4 + 0) * n_h;
          float *restrict h1 = hh + (parity * 4 + 1) * n_h;
          float *restrict h2 = hh + (parity * 4 + 2) * n_h;
          float *restrict h3 = hh + (parity * 4 + 3) * n_h;
          for (gsize k = 0; k < n_h; k++)
            {
              float a0 = p[2 * k], a1 = p[2 * k + 1], a2 = p[2 * k + 2], a3 = p[2 * k + 3];
              h0[k] = a0 - a2;
              h1[k] = a1 + a2;
              h2[k] = a2 - a1;
              h3[k] = a1 - a3;
            }
        }
      gsize col = (gsize) ci * ld + t0;
      for (int j = 0; j < 4; j++)
        {
          const float *restrict e = hh + j * n_h;        /* rows 2 ty, 2 ty + 2 */
          const float *restrict o = hh + (4 + j) * n_h;  /* rows 2 ty + 1, 2 ty + 3 */
          float *restrict v0 = v + (0 + j) * plane + col;
          float *restrict v1 = v + (4 + j) * plane + col;
          float *restrict v2 = v + (8 + j) * plane + col;
          float *restrict v3 = v + (12 + j) * plane + col;
          for (gsize k = 0; k < n_v; k++)
            {
              float d0 = e[k], d1 = o[k], d2 = e[k + st], d3 = o[k + st];
              v0[k] = d0 - d2;
              v1[k] = d1 + d2;
              v2[k] = d2 - d1;
              v3[k] = d1 - d3;
            }
        }
    }
}

/* Y = A^T M A (plus the bias) for every tile of one sample: one flat loop
 * over the map's tiles into the even and odd output rows (2 st wide),
 * copied out without the wasted column. */
static inline __attribute__ ((always_inline)) void
output_transform (const float *restrict m, int c, gsize ld, gsize t0, int th, int st,
                  const float *restrict bias, float *restrict y, int oh, int ow,
                  float *restrict tmp)
{
  gsize plane = (gsize) c * ld;
  gsize n_v = (gsize) th * st;
  float *restrict ye = tmp;              /* even output rows, 2 st wide */
  float *restrict yo = ye + 2 * n_v;

  for (int co = 0; co < c; co++)
    {
      const float b = bias != NULL ? bias[co] : 0.0f;
      const float *restrict mc = m + (gsize) co * ld + t0;
      /* Both passes in one loop: the 16 products of tile k in, its 2x2
       * block out (half a loop's worth of temporaries through L1). */
      for (gsize k = 0; k < n_v; k++)
        {
          float p0[4], p1[4];
          for (int j = 0; j < 4; j++)
            {
              float m0 = mc[(0 + j) * plane + k], m1 = mc[(4 + j) * plane + k];
              float m2 = mc[(8 + j) * plane + k], m3 = mc[(12 + j) * plane + k];
              p0[j] = m0 + m1 + m2;
              p1[j] = m1 - m2 - m3;
            }
          ye[2 * k] = p0[0] + p0[1] + p0[2];
          ye[2 * k + 1] = p0[1] - p0[2] - p0[3];
          yo[2 * k] = p1[0] + p1[1] + p1[2];
          yo[2 * k + 1] = p1[1] - p1[2] - p1[3];
        }
      float *out = y + (gsize) co * oh * ow;
      for (int oy = 0; oy < oh; oy++)
        {
          const float *src = ((oy & 1) ? yo : ye) + (oy >> 1) * 2 * st;
          float *dst = out + (gsize) oy * ow;
          /* The bias here (a copy loop would be a memmove call). */
          for (int q = 0; q < ow; q++)
            dst[q] = src[q] + b;
        }
    }
}

/* dM = A dY A^T for every 2x2 block of one sample's output gradient
 * (A = A^T transposed: rows 1 0, 1 1, 1 -1, 0 -1), into columns [t0, t0 +
 * th st) of dm; the spare column of each row of tiles gets zeros, so it
 * adds nothing to the sums over tiles.  Flat loops as in output_transform:
 * dy's even and odd rows (2 st wide, zero past ow) give, for k = ty st +
 * tx, the block's values at 2 k and 2 k + 1. */
static inline __attribute__ ((always_inline)) void
dy_transform (const float *restrict dy, int c, int th, int st, int oh, int ow,
              gsize ld, gsize t0, float *restrict dm, float *restrict tmp)
{
  gsize plane = (gsize) c * ld;
  gsize n_v = (gsize) th * st;
  float *restrict ye = tmp;            /* even rows of dy, 2 st wide */
  float *restrict yo = tmp + 2 * n_v;  /* odd rows */
  float *restrict q = tmp + 4 * n_v;   /* [i][b][n_v]: rows transformed */

  /* Zeros past the map stay: each channel writes the same places. */
  memset (tmp, 0, sizeof (float) * 4 * n_v);
  for (int co = 0; co < c; co++)
    {
      for (int oy = 0; oy < oh; oy++)
        {
          float *dst = ((oy & 1) ? yo : ye) + (oy >> 1) * 2 * st;
          const float *src = dy + ((gsize) co * oh + oy) * ow;
          for (int x = 0; x < ow; x++)
            dst[x] = src[x] + 0.0f;  /* not a memmove call, as in input_transform */
        }
      for (int b = 0; b < 2; b++)
        for (gsize k = 0; k < n_v; k++)
          {
            float y0 = ye[2 * k + b], y1 = yo[2 * k + b];
            q[(0 * 2 + b) * n_v + k] = y0;
            q[(1 * 2 + b) * n_v + k] = y0 + y1;
            q[(2 * 2 + b) * n_v + k] = y0 - y1;
            q[(3 * 2 + b) * n_v + k] = -y1;
          }
      gsize col = (gsize) co * ld + t0;
      for (int i = 0; i < 4; i++)
        {
          const float *restrict a0 = q + (i * 2 + 0) * n_v;
          const float *restrict a1 = q + (i * 2 + 1) * n_v;
          float *restrict m0 = dm + (i * 4 + 0) * plane + col;
          float *restrict m1 = dm + (i * 4 + 1) * plane + col;
          float *restrict m2 = dm + (i * 4 + 2) * plane + col;
          float *restrict m3 = dm + (i * 4 + 3) * plane + col;
          for (gsize k = 0; k < n_v; k++)
            {
              m0[k] = a0[k];
              m1[k] = a0[k] + a1[k];
              m2[k] = a0[k] - a1[k];
              m3[k] = -a1[k];
            }
        }
    }
}

/* The transforms of a call's samples, compiled twice: for any x86-64
 * (SSE2, four floats a vector) and for CPUs with AVX-512, where GCC turns
 * the same loops into 16-float vectors (twice as fast on cnn3). */
#define TRANSFORMS(suffix) \
  static void \
  inputs_##suffix (const float *x, gsize x_stride, int c, int h, int w, int pad, int th, \
                   int st, gsize t, int n, float *v, float *tmp) \
  { \
    for (int s = 0; s < n; s++) \
      input_transform (x + s * x_stride, c, h, w, pad, th, st, t * n, s * t, v, tmp); \
  } \
  static void \
  dys_##suffix (const float *dy, gsize dy_stride, int c, int th, int st, int oh, int ow, \
                gsize t, int n, float *dm, float *tmp) \
  { \
    for (int s = 0; s < n; s++) \
      dy_transform (dy + s * dy_stride, c, th, st, oh, ow, t * n, s * t, dm, tmp); \
  } \
  static void \
  outputs_##suffix (const float *m, int c, int th, int st, gsize t, int n, \
                    const float *bias, float *y, gsize y_stride, int oh, int ow, float *tmp) \
  { \
    for (int s = 0; s < n; s++) \
      output_transform (m, c, t * n, s * t, th, st, bias, y + s * y_stride, oh, ow, tmp); \
  }

TRANSFORMS (generic)

#ifdef CL_WINOGRAD_AVX512
#ifdef __clang__
#pragma clang attribute push (__attribute__ ((target ("avx512f"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target ("avx512f")
#endif
TRANSFORMS (avx512)
#ifdef __clang__
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
#endif

static gboolean
use_avx512 (void)
{
#ifdef CL_WINOGRAD_AVX512
  return __builtin_cpu_supports ("avx512f");
#else
  return FALSE;
#endif
}

static void
conv_run (const float *x, gsize x_stride, int c_in, int h, int w,
          int pad, const float *u, const float *bias, int c_out,
          float *y, gsize y_stride, int oh, int ow, int n,
          float *scratch, gboolean avx512)
{
  int th = (oh + 1) / 2, st = (ow + 1) / 2 + 1;
  gsize t = tiles (oh, ow), ld = t * n;
  float *v = scratch;
  float *m = v + 16 * (gsize) c_in * ld;
  float *tmp = m + 16 * (gsize) c_out * ld;

  g_return_if_fail (oh == h + 2 * pad - 2 && ow == w + 2 * pad - 2);
  (void) avx512;  /* unused where there is no AVX-512 build */

#ifdef CL_WINOGRAD_AVX512
  if (avx512)
    inputs_avx512 (x, x_stride, c_in, h, w, pad, th, st, t, n, v, tmp);
  else
#endif
    inputs_generic (x, x_stride, c_in, h, w, pad, th, st, t, n, v, tmp);
  for (int xi = 0; xi < 16; xi++)
    cl_gemm (CL_NO_TRANS, CL_NO_TRANS, c_out, (int) ld, c_in,
             1.0f, u + (gsize) xi * c_out * c_in, c_in, v + xi * (gsize) c_in * ld, (int) ld,
             0.0f, m + xi * (gsize) c_out * ld, (int) ld);
#ifdef CL_WINOGRAD_AVX512
  if (avx512)
    outputs_avx512 (m, c_out, th, st, t, n, bias, y, y_stride, oh, ow, tmp);
  else
#endif
    outputs_generic (m, c_out, th, st, t, n, bias, y, y_stride, oh, ow, tmp);
}

static void
du_run (const float *x, gsize x_stride, int c_in, int h, int w,
        int pad, const float *dy, gsize dy_stride, int c_out,
        int oh, int ow, int n, float *du, float *scratch, gboolean avx512)
{
  int th = (oh + 1) / 2, st = (ow + 1) / 2 + 1;
  gsize t = tiles (oh, ow), ld = t * n;
  float *v = scratch;
  float *dm = v + 16 * (gsize) c_in * ld;
  float *tmp = dm + 16 * (gsize) c_out * ld;

  g_return_if_fail (oh == h + 2 * pad - 2 && ow == w + 2 * pad - 2);
  (void) avx512;  /* unused where there is no AVX-512 build */

#ifdef CL_WINOGRAD_AVX512
  if (avx512)
    {
      inputs_avx512 (x, x_stride, c_in, h, w, pad, th, st, t, n, v, tmp);
      dys_avx512 (dy, dy_stride, c_out, th, st, oh, ow, t, n, dm, tmp);
    }
  else
#endif
    {
      inputs_generic (x, x_stride, c_in, h, w, pad, th, st, t, n, v, tmp);
      dys_generic (dy, dy_stride, c_out, th, st, oh, ow, t, n, dm, tmp);
    }
  /* du[xi] += dm[xi] v[xi]^T, summed over the tiles in order. */
  for (int xi = 0; xi < 16; xi++)
    cl_gemm (CL_NO_TRANS, CL_TRANS, c_out, c_in, (int) ld,
             1.0f, dm + xi * (gsize) c_out * ld, (int) ld, v + xi * (gsize) c_in * ld, (int) ld,
             1.0f, du + (gsize) xi * c_out * c_in, c_in);
}

void
cl_conv_winograd (const float *x, gsize x_stride, int c_in, int h, int w,
                  int pad, const float *u, const float *bias, int c_out,
                  float *y, gsize y_stride, int oh, int ow, int n,
                  float *scratch)
{
  conv_run (x, x_stride, c_in, h, w, pad, u, bias, c_out, y, y_stride, oh, ow, n, scratch,
            use_avx512 ());
}

void
cl_conv_winograd_du (const float *x, gsize x_stride, int c_in, int h, int w,
                     int pad, const float *dy, gsize dy_stride, int c_out,
                     int oh, int ow, int n, float *du, float *scratch)
{
  du_run (x, x_stride, c_in, h, w, pad, dy, dy_stride, c_out, oh, ow, n, du, scratch,
          use_avx512 ());
}

void
_cl_conv_winograd_generic (const float *x, gsize x_stride, int c_in, int h, int w,
                           int pad, const float *u, const float *bias, int c_out,
                           float *y, gsize y_stride, int oh, int ow, int n,
                           float *scratch)
{
  conv_run (x, x_stride, c_in, h, w, pad, u, bias, c_out, y, y_stride, oh, ow, n, scratch,
            FALSE);
}

void
_cl_conv_winograd_du_generic (const float *x, gsize x_stride, int c_in, int h, int w,
                              int pad, const float *dy, gsize dy_stride, int c_out,
                              int oh, int ow, int n, float *du, float *scratch)
{
  du_run (x, x_stride, c_in, h, w, pad, dy, dy_stride, c_out, oh, ow, n, du, scratch, FALSE);
}

void
cl_conv_winograd_dw (const float *restrict du, int c_out, int c_in,
                     float *restrict dw, gsize o_stride, gsize tap_stride)
{
  gsize plane = (gsize) c_out * c_in;
  for (int o = 0; o < c_out; o++)
    for (int i = 0; i < c_in; i++)
      {
        gsize at = (gsize) o * c_in + i;
        float d[4][4], s[3][4];
        for (int xi = 0; xi < 16; xi++)
          d[xi / 4][xi % 4] = du[xi * plane + at];
        /* G^T rows: 1 1/2 1/2 0, 0 1/2 -1/2 0, 0 1/2 1/2 1. */
        for (int j = 0; j < 4; j++)
          {
            s[0][j] = d[0][j] + 0.5f * (d[1][j] + d[2][j]);
            s[1][j] = 0.5f * (d[1][j] - d[2][j]);
            s[2][j] = 0.5f * (d[1][j] + d[2][j]) + d[3][j];
          }
        float *out = dw + o * o_stride + (gsize) i * 9 * tap_stride;
        for (int ky = 0; ky < 3; ky++)
          {
            const float *a = s[ky];
            out[(ky * 3 + 0) * tap_stride] = a[0] + 0.5f * (a[1] + a[2]);
            out[(ky * 3 + 1) * tap_stride] = 0.5f * (a[1] - a[2]);
            out[(ky * 3 + 2) * tap_stride] = 0.5f * (a[1] + a[2]) + a[3];
          }
      }
}
