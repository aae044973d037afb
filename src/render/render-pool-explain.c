#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "render/number-format.h"
#include "render/render-number-grid.h"
#include "render/render-pool-explain.h"
#include "render/render-private.h"

void
cl_render_pool_explain_options_init (ClRenderPoolExplainOptions *options)
{
  *options = (ClRenderPoolExplainOptions) { 0 };
  options->oy = options->ox = -1;
}

static double
base_font (const ClRenderStyle *style, int width, int height)
{
  double font = CLAMP (sqrt ((double) width * height) / 40.0, 8.0, 96.0);
  font *= cl_render_style_get_scale (style);
  return MAX (font, cl_render_style_get_min_text (style));
}

typedef struct {
  ClPoolExplainLayout l;
  double margin, title_y, band_h, text_y;
  double col_x[3], col_w[3];
} Layout;

/* Three columns — the image, the region, the output — over two thirds of
 * the height; the arithmetic under them. */
static gboolean
layout_compute (const ClRenderPoolExplainOptions *o, int width, int height, Layout *l)
{
  if (o->message != NULL || o->x == NULL || o->image == NULL || o->size < 2 || width <= 0
      || height <= 0)
    return FALSE;
  double font = base_font (&o->style, width, height), m = l->margin = font * 0.7;
  double gap = font * 2;
  double avail = width - 2 * m - 2 * gap;
  l->col_w[0] = avail * 0.26;
  l->col_w[1] = avail * 0.44;
  l->col_w[2] = avail * 0.30;
  l->col_x[0] = m;
  l->col_x[1] = m + l->col_w[0] + gap;
  l->col_x[2] = l->col_x[1] + l->col_w[1] + gap;
  l->title_y = m;
  double top = m + font * 1.8;
  l->band_h = (height - 2 * m) * 0.72 - font * 1.8;
  l->text_y = top + l->band_h + font * 1.2;
  int half = o->size / 2;
  ClPoolExplainLayout *r = &l->l;
  r->img_cell = MIN (l->col_w[0] / o->image_w, l->band_h / o->image_h);
  r->in_cell = MIN (l->col_w[1] / o->size, l->band_h / o->size);
  r->out_cell = MIN (MIN (l->col_w[2] / half, l->band_h / half), r->in_cell * 1.3);
  r->img_x = l->col_x[0] + (l->col_w[0] - o->image_w * r->img_cell) / 2;
  r->img_y = top + (l->band_h - o->image_h * r->img_cell) / 2;
  r->in_x = l->col_x[1] + (l->col_w[1] - o->size * r->in_cell) / 2;
  r->in_y = top + (l->band_h - o->size * r->in_cell) / 2;
  r->out_x = l->col_x[2] + (l->col_w[2] - half * r->out_cell) / 2;
  r->out_y = top + (l->band_h - half * r->out_cell) / 2;
  return TRUE;
}

gboolean
cl_render_pool_explain_layout (const ClRenderPoolExplainOptions *o, int width, int height,
                               ClPoolExplainLayout *layout)
{
  Layout l;
  if (!layout_compute (o, width, height, &l))
    return FALSE;
  *layout = l.l;
  return TRUE;
}

static gboolean
hit (double x, double y, double x0, double y0, double cell, int rows, int cols, int *r, int *c)
{
  if (cell <= 0)
    return FALSE;
  double cx = (x - x0) / cell, cy = (y - y0) / cell;
  if (cx < 0 || cy < 0 || cx >= cols || cy >= rows)
    return FALSE;
  *c = (int) cx;
  *r = (int) cy;
  return TRUE;
}

gboolean
cl_render_pool_explain_hit_output (const ClRenderPoolExplainOptions *o, int width, int height,
                                   double x, double y, int *oy, int *ox)
{
  Layout l;
  return layout_compute (o, width, height, &l)
         && hit (x, y, l.l.out_x, l.l.out_y, l.l.out_cell, o->size / 2, o->size / 2, oy, ox);
}

gboolean
cl_render_pool_explain_hit_image (const ClRenderPoolExplainOptions *o, int width, int height,
                                  double x, double y, int *iy, int *ix)
{
  Layout l;
  return layout_compute (o, width, height, &l)
         && hit (x, y, l.l.img_x, l.l.img_y, l.l.img_cell, o->image_h, o->image_w, iy, ix);
}

/* Whole numbers (the gradients of 1, 2, 3 … fed back) are written whole. */
static int
gradient_decimals (const float *v, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (v[i] != floorf (v[i]))
      return 2;
  return 0;
}

static void
title (cairo_t *cr, const ClPalette *p, double x, double y, double w, const char *text)
{
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, x + w / 2, y + p->font * 0.6, 0.5, 0.5,
                   _cl_render_fit_size (cr, p->font, TRUE, text, w), TRUE, text);
}

/* The index (0 to 3, reading order) of the window's cell the gradient went
 * to: the layer's backward put it there.  -1 when it sent none (a zero
 * gradient arriving). */
static int
gradient_target (const ClRenderPoolExplainOptions *o, int oy, int ox)
{
  for (int i = 0; i < 4; i++)
    if (o->din[(2 * oy + i / 2) * o->size + 2 * ox + i % 2] != 0)
      return i;
  return -1;
}

/* The window's values in reading order. */
static void
window_values (const ClRenderPoolExplainOptions *o, const float *m, int oy, int ox, float v[4])
{
  for (int i = 0; i < 4; i++)
    v[i] = m[(2 * oy + i / 2) * o->size + 2 * ox + i % 2];
}

static char *
arithmetic (const ClRenderPoolExplainOptions *o, int decimals)
{
  int oy = o->oy, ox = o->ox, half = o->size / 2;
  float v[4];
  g_autofree char *a = NULL, *b = NULL, *c = NULL, *d = NULL;
  window_values (o, o->x, oy, ox, v);
  a = cl_format_fixed (v[0], decimals);
  b = cl_format_fixed (v[1], decimals);
  c = cl_format_fixed (v[2], decimals);
  d = cl_format_fixed (v[3], decimals);
  g_autofree char *out = cl_format_fixed (o->y[oy * half + ox], decimals + (o->average ? 1 : 0));
  if (!o->backward)
    return o->average
      /* Translators: average pooling written out: "mean(0,1 ; 0,2 ; 0,3 ; 0,4) = 0,25";
       * the list separator is yours. */
      ? g_strdup_printf (_("mean(%s; %s; %s; %s) = %s"), a, b, c, d, out)
      /* Translators: max pooling written out: "max(0,1 ; 0,2 ; 0,3 ; 0,4) = 0,4". */
      : g_strdup_printf (_("max(%s; %s; %s; %s) = %s"), a, b, c, d, out);

  g_autofree char *g = cl_format_fixed (o->dout[oy * half + ox],
                                        gradient_decimals (o->dout, (gsize) half * half));
  if (o->average)
    {
      g_autofree char *quarter = cl_format_fixed (o->dout[oy * half + ox] / 4.0, 3);
      /* Translators: average pooling's backward: the gradient is shared. */
      return g_strdup_printf (_("Gradient %s arriving → each of the four gets %s / 4 = %s"), g,
                              g, quarter);
    }
  int t = gradient_target (o, oy, ox);
  g_autofree char *max = cl_format_fixed (t >= 0 ? v[t] : o->y[oy * half + ox], decimals);
  /* Translators: max pooling's backward: "Gradient 3,00 arriving → all to the maximum
   * (0,80), 0 to the other three". */
  return g_strdup_printf (_("Gradient %s arriving → all to the maximum (%s), 0 to the other three"),
                          g, max);
}

gboolean
cl_render_pool_explain (cairo_t *cr, const ClRenderPoolExplainOptions *o, int width, int height)
{
  ClPalette p;
  Layout l;

  if (!_cl_render_begin (cr, &o->style, width, height, &p))
    return FALSE;
  if (!layout_compute (o, width, height, &l))
    {
      _cl_render_message (cr, &p, width, height,
                          o->message != NULL ? o->message : _("Choose an image."));
      _cl_render_end (cr);
      return FALSE;
    }
  const ClPoolExplainLayout *r = &l.l;
  int size = o->size, half = size / 2;
  gsize n = (gsize) size * size;
  double line = MAX (2, p.font * 0.16);

  /* The image and where the region is. */
  title (cr, &p, l.col_x[0], l.title_y, l.col_w[0], _("Image"));
  double lo, hi;
  _cl_render_min_max (o->image, (gsize) o->image_h * o->image_w, &lo, &hi);
  _cl_render_grid (cr, o->image, o->image_h, o->image_w, o->image_w, r->img_x, r->img_y,
                   r->img_cell, r->img_cell, CL_MAP_GREY, lo, MAX (hi, lo + 1e-6));
  _cl_render_outline (cr, p.series[1], r->img_x + o->region_x * r->img_cell,
                      r->img_y + o->region_y * r->img_cell, size * r->img_cell,
                      size * r->img_cell, line * 0.8);

  /* The region: values forward, the gradient sent back in backward. */
  const float *right = o->backward ? o->dout : o->y;
  int decimals = _cl_render_grid_decimals (o->x, n);
  title (cr, &p, l.col_x[1], l.title_y, l.col_w[1],
         o->backward ? _("Gradient sent back to the input") : _("Input region"));
  if (o->backward)
    {
      double g = MAX (_cl_render_max_abs (o->din, n), 1e-6);
      _cl_render_number_grid (cr, &p, o->din, size, size, r->in_x, r->in_y, r->in_cell,
                              CL_MAP_DIVERGING, -g, g, gradient_decimals (o->din, n));
    }
  else
    _cl_render_number_grid (cr, &p, o->x, size, size, r->in_x, r->in_y, r->in_cell, CL_MAP_GREY,
                            lo, MAX (hi, lo + 1e-6), decimals);
  /* The 2 × 2 windows, drawn apart. */
  _cl_render_set_color (cr, p.fg, 0.9);
  cairo_set_line_width (cr, MAX (1.5, p.font * 0.08));
  for (int i = 0; i <= half; i++)
    {
      cairo_move_to (cr, r->in_x, r->in_y + 2 * i * r->in_cell);
      cairo_line_to (cr, r->in_x + size * r->in_cell, r->in_y + 2 * i * r->in_cell);
      cairo_move_to (cr, r->in_x + 2 * i * r->in_cell, r->in_y);
      cairo_line_to (cr, r->in_x + 2 * i * r->in_cell, r->in_y + size * r->in_cell);
    }
  cairo_stroke (cr);

  g_autofree char *out_title = g_strdup (
    o->backward ? _("Gradient arriving at the output")
                : o->average ? _("Average pooling 2×2, stride 2") : _("Max pooling 2×2, stride 2"));
  title (cr, &p, l.col_x[2], l.title_y, l.col_w[2], out_title);
  double ghi = MAX (_cl_render_max_abs (right, (gsize) half * half), 1e-6);
  if (o->backward)
    _cl_render_number_grid (cr, &p, right, half, half, r->out_x, r->out_y, r->out_cell,
                            CL_MAP_DIVERGING, -ghi, ghi,
                            gradient_decimals (right, (gsize) half * half));
  else
    _cl_render_number_grid (cr, &p, right, half, half, r->out_x, r->out_y, r->out_cell,
                            CL_MAP_GREY, lo, MAX (hi, lo + 1e-6), decimals + (o->average ? 1 : 0));

  if (o->oy >= 0 && o->ox >= 0 && o->oy < half && o->ox < half)
    {
      double wx = r->in_x + 2 * o->ox * r->in_cell, wy = r->in_y + 2 * o->oy * r->in_cell;
      _cl_render_outline (cr, p.series[1], wx, wy, 2 * r->in_cell, 2 * r->in_cell, line);
      _cl_render_outline (cr, p.series[1], r->out_x + o->ox * r->out_cell,
                          r->out_y + o->oy * r->out_cell, r->out_cell, r->out_cell, line);
      /* Max pooling: the maximum, where the gradient goes, ringed in green. */
      int t = o->average ? -1 : gradient_target (o, o->oy, o->ox);
      if (!o->average && t < 0)
        {
          /* No gradient arrived: find the maximum as the forward did. */
          float v[4];
          window_values (o, o->x, o->oy, o->ox, v);
          t = 0;
          for (int i = 1; i < 4; i++)
            if (v[i] > v[t])
              t = i;
        }
      if (t >= 0)
        {
          double inset = line * 1.5;
          _cl_render_set_color (cr, p.series[2], 1);
          cairo_set_line_width (cr, line);
          cairo_rectangle (cr, wx + (t % 2) * r->in_cell + inset, wy + (t / 2) * r->in_cell + inset,
                           r->in_cell - 2 * inset, r->in_cell - 2 * inset);
          cairo_stroke (cr);
        }
      g_autofree char *text = arithmetic (o, decimals);
      _cl_render_set_color (cr, p.fg, 1);
      _cl_render_text (cr, width / 2.0, l.text_y, 0.5, 0.5,
                       _cl_render_fit_size (cr, p.font * 1.2, TRUE, text, width - 2 * l.margin),
                       TRUE, text);
    }
  const char *hint = o->backward
    ? (o->average ? _("Average pooling shares each gradient evenly among its four inputs.")
                  : _("Max pooling sends each gradient to the maximum only: the others get 0."))
    : _("Click an output pixel to see its window; click the image to move the region.");
  _cl_render_set_color (cr, p.muted, 1);
  _cl_render_text (cr, width / 2.0, l.text_y + p.font * 1.8, 0.5, 0.5,
                   _cl_render_fit_size (cr, p.font * 0.9, FALSE, hint, width - 2 * l.margin),
                   FALSE, hint);
  _cl_render_end (cr);
  return TRUE;
}
