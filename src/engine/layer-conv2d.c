#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "engine/conv-direct.h"
#include "engine/conv-winograd.h"
#include "engine/error.h"
#include "engine/gemm.h"
#include "engine/im2col.h"
#include "engine/layer-private.h"

/* Conv2D as im2col + GEMM, one sample at a time; single-channel inputs
 * (the first layer of most designs) forward by direct convolution where
 * the CPU allows (conv-direct.h); 3x3 stride-1 layers of 8 channels or
 * more run forward and backward (weight and input gradients) by Winograd
 * (conv-winograd.h), with no columns at all.
 *
 * The batch is cut into CHUNKS fixed slices (a function of the batch size
 * only, never of the thread count); OpenMP spreads the slices over the
 * threads.  Each slice accumulates its own weight gradient in sample order
 * and the slices are then added in slice order: the same bits whatever the
 * number of threads. */
#define CHUNKS 4

enum { FILTERS, KERNEL, STRIDE, PADDING, PAD, BIAS };
enum { PAD_SAME, PAD_VALID, PAD_EXPLICIT };

static const char * const padding_ids[] = { "same", "valid", "explicit", NULL };
static const char * const padding_labels[] = { N_("Same"), N_("Valid"), N_("Explicit"), NULL };

static const ClSettingDesc settings[] = {
  [FILTERS] = { "filters", CL_SETTING_INT, 1, 1024, 8, NULL, NULL,
                N_("Filters"), N_("Number of filters, one output map each.") },
  [KERNEL] = { "kernel", CL_SETTING_INT, 1, 15, 3, NULL, NULL,
               N_("Kernel size"), N_("Width and height of each filter, in pixels.") },
  [STRIDE] = { "stride", CL_SETTING_INT, 1, 8, 1, NULL, NULL,
               N_("Stride"), N_("Step between two positions of the filter.") },
  [PADDING] = { "padding", CL_SETTING_CHOICE, 0, 2, PAD_SAME, padding_ids, padding_labels,
                N_("Padding"),
                N_("Zeros around the input: “same” keeps the size, “valid” adds none.") },
  [PAD] = { "pad", CL_SETTING_INT, 0, 16, 0, NULL, NULL,
            N_("Padding width"), N_("Zeros added on each side when padding is explicit.") },
  [BIAS] = { "bias", CL_SETTING_BOOL, 0, 1, 1, NULL, NULL,
             N_("Bias"), N_("Add a learned constant to each output map.") },
};

static int
conv_pad (const double *s)
{
  switch ((int) s[PADDING])
    {
    case PAD_SAME:
      return ((int) s[KERNEL] - 1) / 2;
    case PAD_VALID:
      return 0;
    default:
      return (int) s[PAD];
    }
}

/* Samples per GEMM.  A small layer's GEMM per sample is too narrow to run
 * well (LeNet-5's conv2: 16 x 100, k = 150): the columns of a few samples
 * side by side make one GEMM some 512 wide, while they stay within 512 KB
 * (in L2).  Measured on conv2's three GEMMs, 64 samples: 927 µs one by one,
 * 642 µs by 4, 611 µs by 8.  A function of the shapes only. */
static int
group_size (guint64 ckk, guint64 spatial)
{
  int group = (int) CLAMP ((512 + spatial - 1) / spatial, 1, 8);
  while (group > 1 && ckk * group * spatial > 131072)
    group--;
  return group;
}

#define KEEP_COLS_MAX_BYTES (8u << 20)

/* Winograd per slice: the weight gradient in the Winograd domain (16 f c),
 * then scratch for the larger of the forward's and weight gradient's
 * calls (c -> f on the output's tiles) and the input gradient's (f -> c on
 * the input's). */
static guint64
winograd_floats (int c, int f, int h, int w, int oh, int ow)
{
  return 16 * (guint64) f * c
         + MAX (cl_conv_winograd_scratch (c, f, oh, ow, cl_conv_winograd_group (oh, ow)),
                cl_conv_winograd_scratch (f, c, h, w, cl_conv_winograd_group (h, w)));
}

static gboolean
conv_plan (const double *s, ClShape in, int batch, ClLayerPlan *plan, GError **error)
{
  int f = (int) s[FILTERS], k = (int) s[KERNEL], stride = (int) s[STRIDE];
  int pad = conv_pad (s);

  if ((int) s[PADDING] == PAD_SAME && k % 2 == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("padding “same” needs an odd kernel size, not %d"), k);
      return FALSE;
    }
  if (k > in.h + 2 * pad || k > in.w + 2 * pad)
    {
      if (pad == 0)
        g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                     _("kernel %dx%d is larger than its %dx%d input"), k, k, in.h, in.w);
      else
        g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                     _("kernel %dx%d is larger than its %dx%d input padded to %dx%d"),
                     k, k, in.h, in.w, in.h + 2 * pad, in.w + 2 * pad);
      return FALSE;
    }
  int oh = (in.h + 2 * pad - k) / stride + 1;
  int ow = (in.w + 2 * pad - k) / stride + 1;
  plan->out = (ClShape) { f, oh, ow };
  cl_tensor_info_set (&plan->params[0], "weight", CL_FILL_WEIGHT, 0, 4,
                      (int[]) { f, in.c, k, k });
  plan->n_params = 1;
  if (s[BIAS] != 0)
    cl_tensor_info_set (&plan->params[plan->n_params++], "bias", CL_FILL_ZERO, 0, 1, (int[]) { f });
  guint64 ckk = (guint64) in.c * k * k, spatial = (guint64) oh * ow;
  guint64 group = group_size (ckk, spatial);
  /* Per slice: the columns and outputs of a group, the slice's weight and
   * bias gradients. */
  plan->workspace_floats = CHUNKS * ((ckk + f) * group * spatial + f * ckk + f);
  gboolean wino = cl_conv_winograd_supported (in.c, f, k, stride, pad);
  /* Winograd: its scratch after each slice's, and the transformed filters
   * (16 f c) after the slices. */
  if (wino)
    plan->workspace_floats += CHUNKS * winograd_floats (in.c, f, in.h, in.w, oh, ow)
                              + 16 * (guint64) f * in.c;
  /* A small layer keeps its forward columns for the backward pass, which
   * then makes none: LeNet-5's conv2 (3.8 MB at batch 64).  Larger ones
   * (cnn3's: 14 to 58 MB) make them again rather than hold that much. */
  guint64 all_cols = (guint64) batch * ckk * spatial * sizeof (float);
  if (!cl_conv_direct_supported (in.c, k, stride) && !wino && all_cols <= KEEP_COLS_MAX_BYTES)
    plan->aux_bytes = all_cols;
  /* Direct convolution: one padded image per slice. */
  if (in.c == 1)
    plan->workspace_floats = MAX (plan->workspace_floats,
                                  CHUNKS * cl_conv_direct_padded_size (in.h, in.w, pad));
  plan->fan_in = in.c * k * k;
  plan->fan_out = f * k * k;
  return TRUE;
}

typedef struct {
  int c, h, w, f, k, stride, pad, oh, ow;
  gsize ckk, spatial, col_size, w_size;
  int group;           /* samples per GEMM (group_size) */
  gsize chunk_floats;  /* a slice's workspace: columns, outputs, gradient partials */
  gsize wino_at;       /* where a slice's Winograd scratch starts in it */
  gboolean direct;
  gboolean wino;    /* forward and input gradient by Winograd (conv-winograd.h) */  /* forward by direct convolution (conv-direct.h), not im2col + GEMM */
  gboolean keep;    /* the forward's columns stay in aux for the backward */
} Geometry;

static Geometry
geometry (const ClLayer *l)
{
  Geometry g;
  g.c = l->in_shape.c;
  g.h = l->in_shape.h;
  g.w = l->in_shape.w;
  g.f = l->out_shape.c;
  g.oh = l->out_shape.h;
  g.ow = l->out_shape.w;
  g.k = cl_setting_int (l, KERNEL);
  g.stride = cl_setting_int (l, STRIDE);
  g.pad = conv_pad (l->settings);
  g.ckk = (gsize) g.c * g.k * g.k;
  g.spatial = (gsize) g.oh * g.ow;
  g.col_size = g.ckk * g.spatial;
  g.w_size = (gsize) g.f * g.ckk;
  g.direct = cl_conv_direct_supported (g.c, g.k, g.stride);
  g.keep = l->plan.aux_bytes > 0;
  g.group = group_size (g.ckk, g.spatial);
  g.chunk_floats = (g.ckk + g.f) * g.group * g.spatial + g.w_size + g.f;
  g.wino = cl_conv_winograd_supported (g.c, g.f, g.k, g.stride, g.pad);
  g.wino_at = g.chunk_floats;
  if (g.wino)
    g.chunk_floats += winograd_floats (g.c, g.f, g.h, g.w, g.oh, g.ow);
  return g;
}

static void
conv_forward (ClLayer *l, const ClRunCtx *ctx)
{
  Geometry g = geometry (l);
  const float *weight = l->param[0];
  const float *bias = l->plan.n_params > 1 ? l->param[1] : NULL;
  int nb = ctx->n;

  if (g.direct)
    {
      gsize psize = cl_conv_direct_padded_size (g.h, g.w, g.pad);
#pragma omp parallel for schedule(static) if (nb * g.col_size >= CL_PAR_MIN)
      for (int chunk = 0; chunk < CHUNKS; chunk++)
        {
          int first = nb * chunk / CHUNKS, last = nb * (chunk + 1) / CHUNKS;
          for (int n = first; n < last; n++)
            cl_conv_direct_forward (l->in + (gsize) n * l->in_size, g.h, g.w, g.pad, g.k,
                                    weight, bias, g.f, l->out + (gsize) n * l->out_size,
                                    g.oh, g.ow, l->ws + chunk * psize);
        }
      return;
    }

  if (g.wino)
    {
      float *u = l->ws + CHUNKS * g.chunk_floats;
      int wg = cl_conv_winograd_group (g.oh, g.ow);
      cl_conv_winograd_filters (weight, g.f, g.c, FALSE, u);
#pragma omp parallel for schedule(static) if (nb * g.col_size >= CL_PAR_MIN)
      for (int chunk = 0; chunk < CHUNKS; chunk++)
        {
          int first = nb * chunk / CHUNKS, last = nb * (chunk + 1) / CHUNKS;
          for (int n0 = first; n0 < last; n0 += wg)
            cl_conv_winograd (l->in + (gsize) n0 * l->in_size, l->in_size, g.c, g.h, g.w,
                              g.pad, u, bias, g.f, l->out + (gsize) n0 * l->out_size,
                              l->out_size, g.oh, g.ow, MIN (wg, last - n0),
                              l->ws + chunk * g.chunk_floats + g.wino_at + 16 * g.w_size / 9);
        }
      return;
    }

#pragma omp parallel for schedule(static) if (nb * g.col_size >= CL_PAR_MIN)
  for (int chunk = 0; chunk < CHUNKS; chunk++)
    {
      float *yg = l->ws + chunk * g.chunk_floats + g.ckk * g.group * g.spatial;
      int first = nb * chunk / CHUNKS, last = nb * (chunk + 1) / CHUNKS;
      for (int n0 = first; n0 < last; n0 += g.group)
        {
          /* ns samples' columns side by side, one GEMM for them all; kept
           * where the group's samples are in the batch. */
          int ns = MIN (g.group, last - n0);
          gsize ld = ns * g.spatial;
          float *col = g.keep ? (float *) l->aux + (gsize) n0 * g.col_size
                              : l->ws + chunk * g.chunk_floats;
          for (int s = 0; s < ns; s++)
            cl_im2col_ld (l->in + (gsize) (n0 + s) * l->in_size, g.c, g.h, g.w, g.k, g.stride,
                          g.pad, g.oh, g.ow, col + s * g.spatial, ld);
          /* One sample: straight into its output. */
          float *out = ns == 1 ? l->out + (gsize) n0 * l->out_size : yg;
          cl_gemm (CL_NO_TRANS, CL_NO_TRANS, g.f, (int) ld, (int) g.ckk,
                   1.0f, weight, (int) g.ckk, col, (int) ld, 0.0f, out, (int) ld);
          /* Each sample's maps to its output, plus the bias. */
          if (ns > 1 || bias != NULL)
            for (int s = 0; s < ns; s++)
              for (int fi = 0; fi < g.f; fi++)
                {
                  /* In a local: y might alias bias as far as the compiler
                   * knows, and reloading it each time kept the loop scalar. */
                  const float b = bias != NULL ? bias[fi] : 0.0f;
                  const float *restrict src = out + fi * ld + s * g.spatial;
                  float *restrict row = l->out + (gsize) (n0 + s) * l->out_size + fi * g.spatial;
                  if (ns == 1)
                    for (gsize i = 0; i < g.spatial; i++)
                      row[i] += b;
                  else
                    for (gsize i = 0; i < g.spatial; i++)
                      row[i] = src[i] + b;
                }
        }
    }
}

static void
conv_backward (ClLayer *l, const ClRunCtx *ctx)
{
  Geometry g = geometry (l);
  const float *weight = l->param[0];
  float *dweight = l->grad[0];
  gboolean has_bias = l->plan.n_params > 1;
  int nb = ctx->n;
  /* Winograd's input gradient: dy by the flipped filters, c out of f. */
  float *u = l->ws + CHUNKS * g.chunk_floats;
  int wg = cl_conv_winograd_group (g.h, g.w);
  if (g.wino && l->din != NULL)
    cl_conv_winograd_filters (weight, g.f, g.c, TRUE, u);

#pragma omp parallel for schedule(static) if (nb * g.col_size >= CL_PAR_MIN)
  for (int chunk = 0; chunk < CHUNKS; chunk++)
    {
      float *col = l->ws + chunk * g.chunk_floats;
      float *dyg = col + g.ckk * g.group * g.spatial;
      float *dw = dyg + g.f * g.group * g.spatial;
      float *db = dw + g.w_size;
      int first = nb * chunk / CHUNKS, last = nb * (chunk + 1) / CHUNKS;
      memset (dw, 0, sizeof (float) * (g.w_size + g.f));
      if (g.wino)
        {
          /* The weight gradient by Winograd too: du summed over the
           * slice's samples in order, then dw = G^T du G (transposed, as
           * the GEMM path leaves it). */
          float *du = l->ws + chunk * g.chunk_floats + g.wino_at;
          float *scratch = du + 16 * g.w_size / 9;
          int wgo = cl_conv_winograd_group (g.oh, g.ow);
          memset (du, 0, sizeof (float) * 16 * g.w_size / 9);
          for (int n = first; n < last && has_bias; n++)
            for (int fi = 0; fi < g.f; fi++)
              db[fi] += cl_sum (l->dout + (gsize) n * l->out_size + fi * g.spatial, g.spatial);
          for (int n0 = first; n0 < last; n0 += wgo)
            cl_conv_winograd_du (l->in + (gsize) n0 * l->in_size, l->in_size, g.c, g.h, g.w,
                                 g.pad, l->dout + (gsize) n0 * l->out_size, l->out_size, g.f,
                                 g.oh, g.ow, MIN (wgo, last - n0), du, scratch);
          cl_conv_winograd_dw (du, g.f, g.c, dw, 1, g.f);
          if (l->din != NULL)
            for (int n0 = first; n0 < last; n0 += wg)
              cl_conv_winograd (l->dout + (gsize) n0 * l->out_size, l->out_size, g.f, g.oh,
                                g.ow, 2 - g.pad, u, NULL, g.c, l->din + (gsize) n0 * l->in_size,
                                l->in_size, g.h, g.w, MIN (wg, last - n0), scratch);
          continue;
        }
      for (int n0 = first; n0 < last; n0 += g.group)
        {
          int ns = MIN (g.group, last - n0);
          gsize ld = ns * g.spatial;
          const float *dy = l->dout + (gsize) n0 * l->out_size;
          /* The forward's columns, same groups (same batch size). */
          const float *cols = g.keep ? (const float *) l->aux + (gsize) n0 * g.col_size : col;
          for (int s = 0; s < ns; s++)
            {
              const float *dys = dy + (gsize) s * l->out_size;
              if (!g.keep)
                cl_im2col_ld (l->in + (gsize) (n0 + s) * l->in_size, g.c, g.h, g.w, g.k,
                              g.stride, g.pad, g.oh, g.ow, col + s * g.spatial, ld);
              /* The bias gradient here, while dy is in cache: a pass of its
               * own over the whole batch's dy read it back from memory. */
              if (has_bias)
                for (int fi = 0; fi < g.f; fi++)
                  db[fi] += cl_sum (dys + fi * g.spatial, g.spatial);
              /* The group's dy side by side, as its columns. */
              if (ns > 1)
                for (int fi = 0; fi < g.f; fi++)
                  memcpy (dyg + fi * ld + s * g.spatial, dys + fi * g.spatial,
                          sizeof (float) * g.spatial);
            }
          const float *dym = ns == 1 ? dy : dyg;
          /* The weight gradient transposed, cols dy^T (ckk x f): packing
           * the ckk rows of the columns as A (rows read in step) and the f
           * rows of dy as transposed B runs faster than packing the
           * columns as transposed B (cnn3's conv2: 5.3 ms against 5.9 ms
           * for 64 samples).  Each element is the same sum of the same
           * products in the same order. */
          cl_gemm (CL_NO_TRANS, CL_TRANS, (int) g.ckk, g.f, (int) ld,
                   1.0f, cols, (int) ld, dym, (int) ld, 1.0f, dw, g.f);
          if (l->din != NULL)
            {
              /* The columns are no longer needed: reuse them for d col. */
              cl_gemm (CL_TRANS, CL_NO_TRANS, (int) g.ckk, (int) ld, g.f,
                       1.0f, weight, (int) g.ckk, dym, (int) ld, 0.0f, col, (int) ld);
              for (int s = 0; s < ns; s++)
                {
                  float *dx = l->din + (gsize) (n0 + s) * l->in_size;
                  memset (dx, 0, sizeof (float) * l->in_size);
                  cl_col2im_ld (col + s * g.spatial, ld, g.c, g.h, g.w, g.k, g.stride, g.pad,
                                g.oh, g.ow, dx);
                }
            }
        }
    }

  /* Slices added in slice order, each weight (and bias) by one thread;
   * the slices' weight gradients are transposed (ckk x f). */
  const float *partials = l->ws + (g.ckk + g.f) * g.group * g.spatial;
  gsize n_sums = has_bias ? g.w_size + g.f : g.w_size;
#pragma omp parallel for schedule(static) if (n_sums >= CL_PAR_MIN)
  for (gsize i = 0; i < n_sums; i++)
    {
      gsize src = i < g.w_size ? (i % g.ckk) * g.f + i / g.ckk : i;
      float sum = partials[src];
      for (int chunk = 1; chunk < CHUNKS; chunk++)
        sum += partials[chunk * g.chunk_floats + src];
      if (i < g.w_size)
        dweight[i] = sum;
      else
        l->grad[1][i - g.w_size] = sum;
    }
}

const ClLayerKind cl_layer_conv2d = {
  .name = "Conv2D",
  .label = N_("Conv2D"),
  .help = N_("Convolution: slides small learned filters over the image."),
  .icon_name = "convlab-layer-conv2d-symbolic",
  .group = CL_LAYER_GROUP_LAYER,
  .settings = settings,
  .n_settings = G_N_ELEMENTS (settings),
  .plan = conv_plan,
  .forward = conv_forward,
  .backward = conv_backward,
};
