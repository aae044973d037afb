#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "engine/error.h"
#include "engine/layer-private.h"

/* x86-64 only, as cl_gemm's kernels. */
#if defined(__x86_64__)
#include <immintrin.h>
#define CL_POOL_AVX512 1
#endif

/* MaxPool2D and AvgPool2D: a size x size window moved by `stride` over each
 * map, no padding.  Every (sample, channel) plane is independent, so OpenMP
 * spreads the planes and no two threads ever write the same cell. */

enum { SIZE, STRIDE };

static const ClSettingDesc settings[] = {
  [SIZE] = { "size", CL_SETTING_INT, 1, 8, 2, NULL, NULL,
             N_("Window size"), N_("Width and height of the pooling window, in pixels.") },
  [STRIDE] = { "stride", CL_SETTING_INT, 1, 8, 2, NULL, NULL,
               N_("Stride"), N_("Step between two positions of the window.") },
};

static gboolean
pool_plan_common (const double *s, ClShape in, ClLayerPlan *plan, GError **error)
{
  int size = (int) s[SIZE], stride = (int) s[STRIDE];
  if (size > in.h || size > in.w)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("pooling window %dx%d is larger than its %dx%d input"),
                   size, size, in.h, in.w);
      return FALSE;
    }
  plan->out = (ClShape) { in.c, (in.h - size) / stride + 1, (in.w - size) / stride + 1 };
  return TRUE;
}

static gboolean
maxpool_plan (const double *s, ClShape in, int batch, ClLayerPlan *plan, GError **error)
{
  if (!pool_plan_common (s, in, plan, error))
    return FALSE;
  /* Where each maximum came from, for the backward pass. */
  plan->aux_bytes = (guint64) batch * plan->out.c * plan->out.h * plan->out.w * sizeof (gint32);
  return TRUE;
}

static gboolean
avgpool_plan (const double *s, ClShape in, int batch, ClLayerPlan *plan, GError **error)
{
  return pool_plan_common (s, in, plan, error);
}

/* ---- 2x2 windows, stride 2, with AVX-512 ---------------------------------
 *
 * The usual pooling: 16 outputs at a time from two rows of 32 inputs, the
 * even and odd columns separated with one permute each.  The comparisons
 * are the scalar loop's, in its order (strictly greater, the first maximum
 * wins), so the same maxima and the same argmax.  The backward pass writes
 * each 2x2 block whole (dy where the maximum was, 0 elsewhere) instead of a
 * memset and a scatter (on maps at least 8 outputs wide).  Per batch of 64:
 * LeNet-5's first pooling forward 55 -> 25 µs, backward 37 -> 21 µs, its
 * second forward 31 -> 20 µs; cnn3's second forward 232 -> 121 µs. */
#ifdef CL_POOL_AVX512

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

static void
maxpool2_plane_avx512 (const float *restrict x, int h, int w, int oh, int ow, float *restrict y,
                       gint32 *restrict arg)
{
  const float *const end = x + (gsize) h * w;
  const __m512i even = _mm512_setr_epi32 (0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  const __m512i odd = _mm512_add_epi32 (even, _mm512_set1_epi32 (1));
  const __m512i two_lanes = _mm512_add_epi32 (even, _mm512_setzero_si512 ());
  for (int oy = 0; oy < oh; oy++)
    for (int ox0 = 0; ox0 < ow; ox0 += 16)
      {
        int n_out = MIN (16, ow - ox0);
        __mmask16 m_out = lanes_below (n_out), m_lo = lanes_below (2 * n_out),
                  m_hi = lanes_below (2 * n_out - 16);
        const float *r0 = x + (gsize) 2 * oy * w + 2 * ox0, *r1 = r0 + w;
        __m512 a0, a1, b0, b1;
        if (r1 + 32 <= end)
          {
            /* Masked loads are slow: plain ones where 32 values are there
             * (the lanes past the row are not stored). */
            a0 = _mm512_loadu_ps (r0);
            a1 = _mm512_loadu_ps (r0 + 16);
            b0 = _mm512_loadu_ps (r1);
            b1 = _mm512_loadu_ps (r1 + 16);
          }
        else
          {
            a0 = _mm512_maskz_loadu_ps (m_lo, r0);
            a1 = _mm512_maskz_loadu_ps (m_hi, r0 + 16);
            b0 = _mm512_maskz_loadu_ps (m_lo, r1);
            b1 = _mm512_maskz_loadu_ps (m_hi, r1 + 16);
          }
        __m512 best = _mm512_permutex2var_ps (a0, even, a1);
        __m512 v = _mm512_permutex2var_ps (a0, odd, a1);
        __m512i off = _mm512_setzero_si512 ();
        __mmask16 m = _mm512_cmp_ps_mask (v, best, _CMP_GT_OQ);
        best = _mm512_mask_mov_ps (best, m, v);
        off = _mm512_mask_mov_epi32 (off, m, _mm512_set1_epi32 (1));
        v = _mm512_permutex2var_ps (b0, even, b1);
        m = _mm512_cmp_ps_mask (v, best, _CMP_GT_OQ);
        best = _mm512_mask_mov_ps (best, m, v);
        off = _mm512_mask_mov_epi32 (off, m, _mm512_set1_epi32 (w));
        v = _mm512_permutex2var_ps (b0, odd, b1);
        m = _mm512_cmp_ps_mask (v, best, _CMP_GT_OQ);
        best = _mm512_mask_mov_ps (best, m, v);
        off = _mm512_mask_mov_epi32 (off, m, _mm512_set1_epi32 (w + 1));
        /* at = 2 oy w + 2 (ox0 + lane), plus the offset of the maximum */
        __m512i at = _mm512_add_epi32 (_mm512_set1_epi32 (2 * oy * w + 2 * ox0), two_lanes);
        _mm512_mask_storeu_ps (y + (gsize) oy * ow + ox0, m_out, best);
        _mm512_mask_storeu_epi32 (arg + (gsize) oy * ow + ox0, m_out, _mm512_add_epi32 (at, off));
      }
}

static void
maxpool2_back_plane_avx512 (const float *restrict dy, const gint32 *restrict arg, int h, int w,
                            int oh, int ow, float *restrict dx)
{
  const __m512i even = _mm512_setr_epi32 (0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
  const __m512i lo = _mm512_setr_epi32 (0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23);
  const __m512i hi = _mm512_add_epi32 (lo, _mm512_set1_epi32 (8));
  const __m512 zero = _mm512_setzero_ps ();
  /* A last row or column no window covers gets no gradient. */
  if (h != 2 * oh || w != 2 * ow)
    memset (dx, 0, sizeof (float) * h * w);
  for (int oy = 0; oy < oh; oy++)
    for (int ox0 = 0; ox0 < ow; ox0 += 16)
      {
        int n_out = MIN (16, ow - ox0);
        __mmask16 m_out = lanes_below (n_out), m_lo = lanes_below (2 * n_out),
                  m_hi = lanes_below (2 * n_out - 16);
        /* + 0: the scalar loop's 0 + dy, which turns -0 into +0 */
        __m512 g = _mm512_add_ps (_mm512_maskz_loadu_ps (m_out, dy + (gsize) oy * ow + ox0), zero);
        __m512i at = _mm512_add_epi32 (_mm512_set1_epi32 (2 * oy * w + 2 * ox0), even);
        __m512i off = _mm512_sub_epi32 (_mm512_maskz_loadu_epi32 (m_out, arg + (gsize) oy * ow + ox0), at);
        __m512 e0 = _mm512_maskz_mov_ps (_mm512_cmpeq_epi32_mask (off, _mm512_setzero_si512 ()), g);
        __m512 o0 = _mm512_maskz_mov_ps (_mm512_cmpeq_epi32_mask (off, _mm512_set1_epi32 (1)), g);
        __m512 e1 = _mm512_maskz_mov_ps (_mm512_cmpeq_epi32_mask (off, _mm512_set1_epi32 (w)), g);
        __m512 o1 = _mm512_maskz_mov_ps (_mm512_cmpeq_epi32_mask (off, _mm512_set1_epi32 (w + 1)), g);
        float *r0 = dx + (gsize) 2 * oy * w + 2 * ox0, *r1 = r0 + w;
        _mm512_mask_storeu_ps (r0, m_lo, _mm512_permutex2var_ps (e0, lo, o0));
        _mm512_mask_storeu_ps (r0 + 16, m_hi, _mm512_permutex2var_ps (e0, hi, o0));
        _mm512_mask_storeu_ps (r1, m_lo, _mm512_permutex2var_ps (e1, lo, o1));
        _mm512_mask_storeu_ps (r1 + 16, m_hi, _mm512_permutex2var_ps (e1, hi, o1));
      }
}

#ifdef __clang__
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif

static gboolean
use_avx512_2x2 (int size, int stride)
{
  return size == 2 && stride == 2 && __builtin_cpu_supports ("avx512f");
}

#else
#define use_avx512_2x2(size, stride) FALSE

static void
maxpool2_plane_avx512 (const float *restrict x, int h, int w, int oh, int ow, float *restrict y,
                       gint32 *restrict arg)
{
  const float *const end = x + (gsize) h * w;
  g_assert_not_reached ();
}

static void
maxpool2_back_plane_avx512 (const float *restrict dy, const gint32 *restrict arg, int h, int w,
                            int oh, int ow, float *restrict dx)
{
  g_assert_not_reached ();
}
#endif

static void
maxpool_forward (ClLayer *l, const ClRunCtx *ctx)
{
  int size = cl_setting_int (l, SIZE), stride = cl_setting_int (l, STRIDE);
  int h = l->in_shape.h, w = l->in_shape.w, oh = l->out_shape.h, ow = l->out_shape.w;
  int planes = ctx->n * l->in_shape.c;
  gint32 *argmax = (gint32 *) l->aux;
  const gboolean fast = use_avx512_2x2 (size, stride);

#pragma omp parallel for schedule(static) if ((gsize) planes * h * w >= CL_PAR_MIN)
  for (int p = 0; p < planes; p++)
    {
      const float *restrict x = l->in + (gsize) p * h * w;
      float *restrict y = l->out + (gsize) p * oh * ow;
      gint32 *restrict arg = argmax + (gsize) p * oh * ow;
      if (fast)
        {
          maxpool2_plane_avx512 (x, h, w, oh, ow, y, arg);
          continue;
        }
      if (size == 2 && stride == 2)
        {
          /* The common 2x2/2 case unrolled; same first-maximum rule. */
          for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++)
              {
                int at = 2 * oy * w + 2 * ox;
                float best = x[at];
                int bi = at;
                bi = x[at + 1] > best ? at + 1 : bi;
                best = x[at + 1] > best ? x[at + 1] : best;
                bi = x[at + w] > best ? at + w : bi;
                best = x[at + w] > best ? x[at + w] : best;
                bi = x[at + w + 1] > best ? at + w + 1 : bi;
                best = x[at + w + 1] > best ? x[at + w + 1] : best;
                y[oy * ow + ox] = best;
                arg[oy * ow + ox] = bi;
              }
          continue;
        }
      for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
          {
            int best = oy * stride * w + ox * stride;
            for (int i = 0; i < size; i++)
              for (int j = 0; j < size; j++)
                {
                  int at = (oy * stride + i) * w + ox * stride + j;
                  /* Strictly greater: the first maximum wins, like PyTorch. */
                  if (x[at] > x[best])
                    best = at;
                }
            y[oy * ow + ox] = x[best];
            arg[oy * ow + ox] = best;
          }
    }
}

static void
maxpool_backward (ClLayer *l, const ClRunCtx *ctx)
{
  if (l->din == NULL)
    return;
  int h = l->in_shape.h, w = l->in_shape.w, oh = l->out_shape.h, ow = l->out_shape.w;
  int planes = ctx->n * l->in_shape.c;
  const gint32 *argmax = (const gint32 *) l->aux;
  /* Narrow maps (LeNet-5's 5x5, cnn3's 7x7 outputs) measured faster on the
   * scalar loop: its memset and a few scatters beat the masked stores. */
  const gboolean fast = use_avx512_2x2 (cl_setting_int (l, SIZE), cl_setting_int (l, STRIDE))
                        && ow >= 8;

#pragma omp parallel for schedule(static) if ((gsize) planes * h * w >= CL_PAR_MIN)
  for (int p = 0; p < planes; p++)
    {
      float *restrict dx = l->din + (gsize) p * h * w;
      const float *restrict dy = l->dout + (gsize) p * oh * ow;
      const gint32 *restrict arg = argmax + (gsize) p * oh * ow;
      if (fast)
        {
          maxpool2_back_plane_avx512 (dy, arg, h, w, oh, ow, dx);
          continue;
        }
      memset (dx, 0, sizeof (float) * h * w);
      for (int i = 0; i < oh * ow; i++)
        dx[arg[i]] += dy[i];
    }
}

static void
avgpool_forward (ClLayer *l, const ClRunCtx *ctx)
{
  int size = cl_setting_int (l, SIZE), stride = cl_setting_int (l, STRIDE);
  int h = l->in_shape.h, w = l->in_shape.w, oh = l->out_shape.h, ow = l->out_shape.w;
  int planes = ctx->n * l->in_shape.c;
  float scale = 1.0f / (float) (size * size);

#pragma omp parallel for schedule(static) if ((gsize) planes * h * w >= CL_PAR_MIN)
  for (int p = 0; p < planes; p++)
    {
      const float *restrict x = l->in + (gsize) p * h * w;
      float *restrict y = l->out + (gsize) p * oh * ow;
      for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
          {
            float sum = 0.0f;
            for (int i = 0; i < size; i++)
              for (int j = 0; j < size; j++)
                sum += x[(oy * stride + i) * w + ox * stride + j];
            y[oy * ow + ox] = sum * scale;
          }
    }
}

static void
avgpool_backward (ClLayer *l, const ClRunCtx *ctx)
{
  if (l->din == NULL)
    return;
  int size = cl_setting_int (l, SIZE), stride = cl_setting_int (l, STRIDE);
  int h = l->in_shape.h, w = l->in_shape.w, oh = l->out_shape.h, ow = l->out_shape.w;
  int planes = ctx->n * l->in_shape.c;
  float scale = 1.0f / (float) (size * size);

#pragma omp parallel for schedule(static) if ((gsize) planes * h * w >= CL_PAR_MIN)
  for (int p = 0; p < planes; p++)
    {
      float *restrict dx = l->din + (gsize) p * h * w;
      const float *restrict dy = l->dout + (gsize) p * oh * ow;
      memset (dx, 0, sizeof (float) * h * w);
      for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
          {
            float g = dy[oy * ow + ox] * scale;
            for (int i = 0; i < size; i++)
              for (int j = 0; j < size; j++)
                dx[(oy * stride + i) * w + ox * stride + j] += g;
          }
    }
}

const ClLayerKind cl_layer_maxpool2d = {
  .name = "MaxPool2D",
  .label = N_("MaxPool2D"),
  .help = N_("Keeps the largest value of each window: a smaller map."),
  .icon_name = "convlab-layer-maxpool-symbolic",
  .group = CL_LAYER_GROUP_LAYER,
  .settings = settings,
  .n_settings = G_N_ELEMENTS (settings),
  .plan = maxpool_plan,
  .forward = maxpool_forward,
  .backward = maxpool_backward,
};

const ClLayerKind cl_layer_avgpool2d = {
  .name = "AvgPool2D",
  .label = N_("AvgPool2D"),
  .help = N_("Averages each window: a smaller, smoother map."),
  .icon_name = "convlab-layer-avgpool-symbolic",
  .group = CL_LAYER_GROUP_LAYER,
  .settings = settings,
  .n_settings = G_N_ELEMENTS (settings),
  .plan = avgpool_plan,
  .forward = avgpool_forward,
  .backward = avgpool_backward,
};
