#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "render/number-format.h"
#include "render/render-kernels.h"
#include "render/render-number-grid.h"
#include "render/render-private.h"

void
cl_render_kernels_options_init (ClRenderKernelsOptions *options)
{
  *options = (ClRenderKernelsOptions) { 0 };
}

static double
base_font (const ClRenderStyle *style, int width, int height)
{
  double font = CLAMP (sqrt ((double) width * height) / 40.0, 8.0, 96.0);
  font *= cl_render_style_get_scale (style);
  return MAX (font, cl_render_style_get_min_text (style));
}

/* Image, kernel and result side by side, the images as large as fits. */
gboolean
cl_render_kernels_layout (const ClRenderKernelsOptions *o, int width, int height,
                          ClKernelsLayout *l)
{
  if (o->message != NULL || o->image == NULL || o->output == NULL || o->kernel == NULL
      || o->h <= 0 || o->w <= 0 || o->k <= 0 || width <= 0 || height <= 0)
    return FALSE;
  double font = base_font (&o->style, width, height), m = font * 0.7, gap = font * 2.6;
  double top = m + font * 1.8, avail_h = height - top - m - font * 2.2;
  double ker_w = MIN ((width - 2 * m) * 0.24, o->k * font * 3.6);
  double img_w = (width - 2 * m - ker_w - 2 * gap) / 2;
  l->cell = MAX (0, MIN (img_w / o->w, avail_h / o->h));
  l->ker_cell = MAX (0, MIN (ker_w / o->k, avail_h / o->k));
  l->in_x = m + (img_w - o->w * l->cell) / 2;
  l->in_y = top + (avail_h - o->h * l->cell) / 2;
  l->ker_x = m + img_w + gap + (ker_w - o->k * l->ker_cell) / 2;
  l->ker_y = top + (avail_h - o->k * l->ker_cell) / 2;
  l->out_x = m + img_w + gap + ker_w + gap + (img_w - o->w * l->cell) / 2;
  l->out_y = l->in_y;
  return TRUE;
}

void
cl_render_kernels_range (const ClRenderKernelsOptions *o, double *lo, double *hi)
{
  _cl_render_min_max (o->image, (gsize) o->c * o->h * o->w, lo, hi);
  if (!(*hi > *lo))
    *hi = *lo + 1;
}

static void
draw_image (cairo_t *cr, const ClRenderKernelsOptions *o, const float *v, double x, double y,
            double cell, double lo, double hi)
{
  /* The grey and colour maps clamp to [lo, hi]: what the caption says. */
  if (o->c == 3)
    _cl_render_rgb_grid (cr, v, (gsize) o->h * o->w, o->h, o->w, x, y, cell, cell, lo, hi);
  else
    _cl_render_grid (cr, v, o->h, o->w, o->w, x, y, cell, cell, CL_MAP_GREY, lo, hi);
}

static void
title (cairo_t *cr, const ClPalette *p, double cx, double y, double w, const char *text)
{
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, cx, y, 0.5, 0.5, _cl_render_fit_size (cr, p->font, TRUE, text, w), TRUE,
                   text);
}

gboolean
cl_render_kernels (cairo_t *cr, const ClRenderKernelsOptions *o, int width, int height)
{
  ClPalette p;
  ClKernelsLayout l;

  if (!_cl_render_begin (cr, &o->style, width, height, &p))
    return FALSE;
  if (!cl_render_kernels_layout (o, width, height, &l))
    {
      _cl_render_message (cr, &p, width, height,
                          o->message != NULL ? o->message : _("Choose an image."));
      _cl_render_end (cr);
      return FALSE;
    }
  double lo, hi, m = p.font * 0.7;
  double iw = o->w * l.cell, kw = o->k * l.ker_cell;
  cl_render_kernels_range (o, &lo, &hi);

  /* Titles just above what they name. */
  double ty = MIN (l.in_y, l.ker_y) - p.font * 0.9;
  title (cr, &p, l.in_x + iw / 2, ty, iw + p.font, _("Image"));
  title (cr, &p, l.ker_x + kw / 2, l.ker_y - p.font * 0.9, kw + 2 * p.font,
         o->kernel_title != NULL ? o->kernel_title : _("Kernel"));
  title (cr, &p, l.out_x + iw / 2, ty, iw + p.font, _("Result"));

  draw_image (cr, o, o->image, l.in_x, l.in_y, l.cell, lo, hi);
  draw_image (cr, o, o->output, l.out_x, l.out_y, l.cell, lo, hi);
  gsize kk = (gsize) o->k * o->k;
  double khi = MAX (_cl_render_max_abs (o->kernel, kk), 1e-6);
  _cl_render_number_grid (cr, &p, o->kernel, o->k, o->k, l.ker_x, l.ker_y, l.ker_cell,
                          CL_MAP_DIVERGING, -khi, khi, _cl_render_grid_decimals (o->kernel, kk));
  _cl_render_set_color (cr, p.fg, 1);
  _cl_render_text (cr, (l.in_x + iw + l.ker_x) / 2, l.in_y + o->h * l.cell / 2, 0.5, 0.5,
                   p.font * 1.4, TRUE, "⊛");
  _cl_render_text (cr, (l.ker_x + kw + l.out_x) / 2, l.in_y + o->h * l.cell / 2, 0.5, 0.5,
                   p.font * 1.4, TRUE, "=");

  /* Say how the result is shown: clamped, not stretched. */
  g_autofree char *a = cl_format_fixed (lo, 2), *b = cl_format_fixed (hi, 2);
  /* Translators: under the result: "Shown clamped to the image's range, 0,00 to 1,00". */
  g_autofree char *caption = g_strdup_printf (_("Shown clamped to the image's range, %s to %s: "
                                                "darker is black, lighter is white"), a, b);
  _cl_render_set_color (cr, p.muted, 1);
  _cl_render_text (cr, width / 2.0, l.in_y + o->h * l.cell + p.font * 1.3, 0.5, 0.5,
                   _cl_render_fit_size (cr, p.font * 0.9, FALSE, caption, width - 2 * m), FALSE,
                   caption);
  _cl_render_end (cr);
  return TRUE;
}
