#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "engine/conv-explain.h"
#include "engine/error.h"
#include "engine/net.h"

gboolean
cl_conv_geom_init (ClConvGeom *g, int c, int h, int w, int k, int stride, int pad, GError **error)
{
  if (c < 1 || c > CL_CONV_EXPLAIN_MAX_CHANNELS || h < 1 || w < 1
      || h > CL_CONV_EXPLAIN_MAX_SIDE || w > CL_CONV_EXPLAIN_MAX_SIDE)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("The input is %d×%d×%d; an explanation takes 1 to %d channels of 1 to "
                     "%d pixels a side."),
                   c, h, w, CL_CONV_EXPLAIN_MAX_CHANNELS, CL_CONV_EXPLAIN_MAX_SIDE);
      return FALSE;
    }
  if (k < 1 || k > CL_CONV_EXPLAIN_MAX_KERNEL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("Kernel size %d is out of range (1 to %d)."), k, CL_CONV_EXPLAIN_MAX_KERNEL);
      return FALSE;
    }
  if (stride < 1 || stride > CL_CONV_EXPLAIN_MAX_STRIDE)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("Stride %d is out of range (1 to %d)."), stride, CL_CONV_EXPLAIN_MAX_STRIDE);
      return FALSE;
    }
  if (pad < 0 || pad > CL_CONV_EXPLAIN_MAX_PAD)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("Padding %d is out of range (0 to %d)."), pad, CL_CONV_EXPLAIN_MAX_PAD);
      return FALSE;
    }
  if (k > h + 2 * pad || k > w + 2 * pad)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("Kernel %d×%d is larger than its %d×%d input padded to %d×%d."), k, k, h, w,
                   h + 2 * pad, w + 2 * pad);
      return FALSE;
    }
  *g = (ClConvGeom) { c, h, w, k, stride, pad, (h + 2 * pad - k) / stride + 1,
                      (w + 2 * pad - k) / stride + 1 };
  return TRUE;
}

/* The window of output pixel (oy, ox), padding zeros included, and its
 * products with the kernel; returns the sum, adding each channel's in
 * channel_sums when given.  The one place the arithmetic is done: the
 * written-out pixel and the whole map both come from here. */
static double
window_dot (const float *x, const float *kernel, const ClConvGeom *g, int oy, int ox,
            float *window, float *products, double *channel_sums)
{
  int y0 = oy * g->stride - g->pad, x0 = ox * g->stride - g->pad, k = g->k;
  double total = 0;

  for (int ci = 0; ci < g->c; ci++)
    {
      double sum = 0;
      for (int i = 0; i < k; i++)
        for (int j = 0; j < k; j++)
          {
            int iy = y0 + i, ix = x0 + j;
            gsize at = ((gsize) ci * k + i) * k + j;
            float v = iy >= 0 && iy < g->h && ix >= 0 && ix < g->w
                        ? x[((gsize) ci * g->h + iy) * g->w + ix] : 0.0f;
            double p = (double) v * kernel[at];
            if (window != NULL)
              {
                window[at] = v;
                products[at] = (float) p;
              }
            sum += p;
          }
      if (channel_sums != NULL)
        channel_sums[ci] = sum;
      total += sum;
    }
  return total;
}

ClConvExplain *
cl_conv_explain_pixel (const float *x, const float *kernel, double bias, const ClConvGeom *g,
                       int oy, int ox)
{
  g_return_val_if_fail (oy >= 0 && oy < g->oh && ox >= 0 && ox < g->ow, NULL);
  ClConvExplain *e = g_new0 (ClConvExplain, 1);
  gsize n = (gsize) g->c * g->k * g->k;

  e->oy = oy;
  e->ox = ox;
  e->y0 = oy * g->stride - g->pad;
  e->x0 = ox * g->stride - g->pad;
  e->c = g->c;
  e->k = g->k;
  e->window = g_new (float, n);
  e->products = g_new (float, n);
  e->channel_sums = g_new (double, g->c);
  e->sum = window_dot (x, kernel, g, oy, ox, e->window, e->products, e->channel_sums);
  e->bias = bias;
  e->z = e->sum + bias;
  return e;
}

void
cl_conv_explain_free (ClConvExplain *e)
{
  if (e == NULL)
    return;
  g_free (e->window);
  g_free (e->products);
  g_free (e->channel_sums);
  g_free (e);
}

void
cl_conv_explain_map (const float *x, const float *kernel, double bias, const ClConvGeom *g,
                     float *out)
{
  for (int oy = 0; oy < g->oh; oy++)
    for (int ox = 0; ox < g->ow; ox++)
      out[oy * g->ow + ox] = (float) (window_dot (x, kernel, g, oy, ox, NULL, NULL, NULL) + bias);
}

/* ---- the activation after it -------------------------------------------- */

gboolean
cl_conv_explain_is_pointwise (const ClNetSpec *spec, int layer)
{
  if (layer < 0 || layer >= cl_net_spec_get_n_layers (spec))
    return FALSE;
  const ClLayerKind *kind = cl_net_spec_get_layer_kind (spec, layer);
  static const char * const pointwise[] = { "ReLU", "LeakyReLU", "Sigmoid", "Tanh", "ELU" };
  for (gsize i = 0; i < G_N_ELEMENTS (pointwise); i++)
    if (g_strcmp0 (kind->name, pointwise[i]) == 0)
      return TRUE;
  return FALSE;
}

/* A network of that one layer over a 1 × 1 × n input: the values go
 * through the very code training runs. */
gboolean
cl_conv_explain_activate (const ClNetSpec *spec, int layer, float *v, int n, GError **error)
{
  if (!cl_conv_explain_is_pointwise (spec, layer))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   _("Layer %d is not an activation applied value by value."), layer + 1);
      return FALSE;
    }
  const ClLayerKind *kind = cl_net_spec_get_layer_kind (spec, layer);
  g_autoptr(ClNetSpec) one = cl_net_spec_new (1, 1, n);
  cl_net_spec_add_layer (one, kind->name);
  for (int s = 0; s < kind->n_settings; s++)
    cl_net_spec_set_setting (one, 0, kind->settings[s].name,
                             cl_net_spec_get_setting (spec, layer, kind->settings[s].name));
  cl_net_spec_get_train (one)->loss = CL_LOSS_MSE;
  g_autoptr(ClNet) net = cl_net_new (one, 1, error);
  if (net == NULL)
    return FALSE;
  const float *y = cl_net_forward (net, v, 1, FALSE);
  memcpy (v, y, sizeof (float) * n);
  return TRUE;
}

/* ---- pooling ------------------------------------------------------------- */

gboolean
cl_pool_explain (const char *kind, int size, int stride, const float *x, int h, int w, float *y,
                 const float *dout, float *din, GError **error)
{
  if (h < 1 || w < 1 || h > CL_CONV_EXPLAIN_MAX_SIDE || w > CL_CONV_EXPLAIN_MAX_SIDE)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("The map is %d×%d; an explanation takes 1 to %d pixels a side."), h, w,
                   CL_CONV_EXPLAIN_MAX_SIDE);
      return FALSE;
    }
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, h, w);
  if (cl_net_spec_add_layer (spec, kind) < 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH, _("Unknown pooling kind “%s”."), kind);
      return FALSE;
    }
  cl_net_spec_set_setting (spec, 0, "size", size);
  cl_net_spec_set_setting (spec, 0, "stride", stride);
  cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
  g_autoptr(ClNet) net = cl_net_new (spec, 1, error);
  if (net == NULL)
    return FALSE;
  ClShape out = cl_net_get_output_shape (net, 0);
  if (dout != NULL)
    cl_net_set_compute_input_grad (net, TRUE);
  const float *result = cl_net_forward (net, x, 1, TRUE);
  memcpy (y, result, sizeof (float) * out.h * out.w);
  if (dout != NULL)
    {
      cl_net_backward (net, dout);
      memcpy (din, cl_net_get_input_grad (net), sizeof (float) * h * w);
    }
  return TRUE;
}

/* ---- setosa's kernels ---------------------------------------------------- */

static const struct {
  const char *label;
  float v[9];
} presets[CL_KERNEL_N_PRESETS] = {
  [CL_KERNEL_IDENTITY] = { N_("Identity"), { 0, 0, 0, 0, 1, 0, 0, 0, 0 } },
  [CL_KERNEL_BOX_BLUR] = { N_("Box blur"), { 1 / 9.f, 1 / 9.f, 1 / 9.f, 1 / 9.f, 1 / 9.f,
                                             1 / 9.f, 1 / 9.f, 1 / 9.f, 1 / 9.f } },
  [CL_KERNEL_GAUSSIAN] = { N_("Gaussian blur"), { 0.0625f, 0.125f, 0.0625f, 0.125f, 0.25f,
                                                  0.125f, 0.0625f, 0.125f, 0.0625f } },
  [CL_KERNEL_SHARPEN] = { N_("Sharpen"), { 0, -1, 0, -1, 5, -1, 0, -1, 0 } },
  [CL_KERNEL_OUTLINE] = { N_("Outline"), { -1, -1, -1, -1, 8, -1, -1, -1, -1 } },
  [CL_KERNEL_SOBEL_HORIZONTAL] = { N_("Sobel, horizontal edges"), { -1, -2, -1, 0, 0, 0, 1, 2, 1 } },
  [CL_KERNEL_SOBEL_VERTICAL] = { N_("Sobel, vertical edges"), { -1, 0, 1, -2, 0, 2, -1, 0, 1 } },
  [CL_KERNEL_EMBOSS] = { N_("Emboss"), { -2, -1, 0, -1, 1, 1, 0, 1, 2 } },
};

const char *
cl_kernel_preset_label (ClKernelPreset preset)
{
  g_return_val_if_fail (preset < CL_KERNEL_N_PRESETS, NULL);
  return presets[preset].label;
}

void
cl_kernel_preset_fill (ClKernelPreset preset, int k, float *kernel)
{
  g_return_if_fail (preset < CL_KERNEL_N_PRESETS && (k == 3 || k == 5));
  /* Pascal's row 1 4 6 4 1: the 5 × 5 Gaussian is its outer product / 256. */
  static const float pascal[5] = { 1, 4, 6, 4, 1 };

  memset (kernel, 0, sizeof (float) * k * k);
  if (k == 5 && preset == CL_KERNEL_BOX_BLUR)
    {
      for (int i = 0; i < 25; i++)
        kernel[i] = 1 / 25.f;
      return;
    }
  if (k == 5 && preset == CL_KERNEL_GAUSSIAN)
    {
      for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++)
          kernel[i * 5 + j] = pascal[i] * pascal[j] / 256.f;
      return;
    }
  int off = (k - 3) / 2;
  for (int i = 0; i < 3; i++)
    for (int j = 0; j < 3; j++)
      kernel[(i + off) * k + j + off] = presets[preset].v[i * 3 + j];
}

void
cl_kernel_apply (const float *x, int c, int h, int w, const float *kernel, int k, float *out)
{
  ClConvGeom g = { 1, h, w, k, 1, k / 2, h + 2 * (k / 2) - k + 1, w + 2 * (k / 2) - k + 1 };
  g_return_if_fail (k % 2 == 1 && g.oh == h && g.ow == w);
  for (int ci = 0; ci < c; ci++)
    cl_conv_explain_map (x + (gsize) ci * h * w, kernel, 0, &g, out + (gsize) ci * h * w);
}
