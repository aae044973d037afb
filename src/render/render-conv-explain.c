#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "render/number-format.h"
#include "render/render-conv-explain.h"
#include "render/render-number-grid.h"
#include "render/render-private.h"

void
cl_render_conv_explain_options_init (ClRenderConvExplainOptions *options)
{
  *options = (ClRenderConvExplainOptions) { 0 };
  options->filled = -1;
}

/* The picture's base font, as _cl_render_begin sets it: the layout is the
 * same whether it is drawn or only hit-tested. */
static double
base_font (const ClRenderStyle *style, int width, int height)
{
  double font = CLAMP (sqrt ((double) width * height) / 40.0, 8.0, 96.0);
  font *= cl_render_style_get_scale (style);
  return MAX (font, cl_render_style_get_min_text (style));
}

/* The top band: input, kernel and output side by side, the arithmetic
 * under them. */
typedef struct {
  ClConvExplainLayout top;
  double margin, title_h, top_y, top_h, bottom_y, bottom_h;
} Layout;

static gboolean
layout_compute (const ClRenderConvExplainOptions *o, int width, int height, Layout *l)
{
  const ClConvGeom *g = &o->geom;
  if (o->message != NULL || o->input == NULL || o->kernel == NULL || g->c <= 0 || width <= 0 || height <= 0)
    return FALSE;
  double font = base_font (&o->style, width, height);
  double m = l->margin = font * 0.7;
  l->title_h = font * 1.6;
  l->top_y = m;
  l->top_h = (height - 2 * m) * 0.5;
  l->bottom_y = l->top_y + l->top_h + m;
  l->bottom_h = height - m - l->bottom_y;

  double gap = font * 2.5;
  double avail = width - 2 * m - 2 * gap, bh = l->top_h - l->title_h;
  int pw = g->w + 2 * g->pad, ph = g->h + 2 * g->pad;
  double wi = avail * 0.40, wk = avail * 0.20, wo = avail * 0.40;
  ClConvExplainLayout *t = &l->top;
  t->in_cell = MAX (0, MIN (wi / pw, bh / ph));
  t->ker_cell = MAX (0, MIN (MIN (wk / g->k, bh / g->k), font * 4));
  t->out_cell = MAX (0, MIN (wo / g->ow, bh / g->oh));
  double y = l->top_y + l->title_h;
  t->in_x = m + (wi - pw * t->in_cell) / 2;
  t->in_y = y + (bh - ph * t->in_cell) / 2;
  t->ker_x = m + wi + gap + (wk - g->k * t->ker_cell) / 2;
  t->ker_y = y + (bh - g->k * t->ker_cell) / 2;
  t->out_x = m + wi + gap + wk + gap + (wo - g->ow * t->out_cell) / 2;
  t->out_y = y + (bh - g->oh * t->out_cell) / 2;
  return TRUE;
}

gboolean
cl_render_conv_explain_layout (cairo_t *cr, const ClRenderConvExplainOptions *options, int width,
                               int height, ClConvExplainLayout *layout)
{
  Layout l;
  if (!layout_compute (options, width, height, &l))
    return FALSE;
  *layout = l.top;
  return TRUE;
}

gboolean
cl_render_conv_explain_hit (const ClRenderConvExplainOptions *o, int width, int height, double x,
                            double y, int *oy, int *ox)
{
  Layout l;
  if (!layout_compute (o, width, height, &l) || l.top.out_cell <= 0)
    return FALSE;
  double cx = (x - l.top.out_x) / l.top.out_cell, cy = (y - l.top.out_y) / l.top.out_cell;
  if (cx < 0 || cy < 0 || cx >= o->geom.ow || cy >= o->geom.oh)
    return FALSE;
  *ox = (int) cx;
  *oy = (int) cy;
  return TRUE;
}

static void
title (cairo_t *cr, const ClPalette *p, double x, double y, double w, const char *text)
{
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, x + w / 2, y + p->font * 0.6, 0.5, 0.5,
                   _cl_render_fit_size (cr, p->font, TRUE, text, w), TRUE, text);
}

/* The input with its ring of padding zeros: the zeros drawn as cells of
 * the value 0 with a "0" when they are large enough, the image outlined. */
static void
draw_input (cairo_t *cr, const ClPalette *p, const ClRenderConvExplainOptions *o,
            const ClConvExplainLayout *t, double lo, double hi)
{
  const ClConvGeom *g = &o->geom;
  double cell = t->in_cell;
  int pw = g->w + 2 * g->pad, ph = g->h + 2 * g->pad;
  double ix = t->in_x + g->pad * cell, iy = t->in_y + g->pad * cell;

  if (g->pad > 0)
    {
      ClColor zero = _cl_render_map (CL_MAP_GREY, 0, lo, hi);
      _cl_render_set_color (cr, zero, 1);
      cairo_rectangle (cr, t->in_x, t->in_y, pw * cell, ph * cell);
      cairo_fill (cr);
      _cl_render_set_color (cr, p->muted, 0.8);
      cairo_set_line_width (cr, MAX (1, cell * 0.04));
      for (int i = 0; i <= ph; i++)
        for (int j = 0; j <= pw; j++)
          {
            gboolean ring_row = i < g->pad || i > g->h + g->pad - 1;
            gboolean ring_col = j < g->pad || j > g->w + g->pad - 1;
            if (i < ph && j < pw && (ring_row || ring_col))
              cairo_rectangle (cr, t->in_x + j * cell, t->in_y + i * cell, cell, cell);
          }
      cairo_stroke (cr);
      if (cell >= p->min_text * 1.6)
        {
          double luma = zero.r * 0.299 + zero.g * 0.587 + zero.b * 0.114;
          _cl_render_set_color (cr, luma > 0.55 ? (ClColor) { 0, 0, 0 } : (ClColor) { 1, 1, 1 },
                                0.8);
          for (int i = 0; i < ph; i++)
            for (int j = 0; j < pw; j++)
              if (i < g->pad || i >= g->h + g->pad || j < g->pad || j >= g->w + g->pad)
                _cl_render_text (cr, t->in_x + (j + 0.5) * cell, t->in_y + (i + 0.5) * cell, 0.5,
                                 0.5, MIN (cell * 0.5, p->font), FALSE, "0");
        }
    }
  if (o->rgb && g->c == 3)
    _cl_render_rgb_grid (cr, o->input, (gsize) g->h * g->w, g->h, g->w, ix, iy, cell, cell, lo,
                         hi);
  else
    _cl_render_grid (cr, o->input, g->h, g->w, g->w, ix, iy, cell, cell, CL_MAP_GREY, lo, hi);
  _cl_render_outline (cr, p->fg, ix, iy, g->w * cell, g->h * cell, MAX (1, p->font * 0.08));
}

/* The output map: pixels not yet reached by the animation left empty. */
static void
draw_output (cairo_t *cr, const ClPalette *p, const ClRenderConvExplainOptions *o,
             const ClConvExplainLayout *t)
{
  const ClConvGeom *g = &o->geom;
  int n = g->oh * g->ow, filled = o->filled < 0 ? n : MIN (o->filled, n);
  double hi = MAX (_cl_render_max_abs (o->output, n), 1e-6), cell = t->out_cell;

  _cl_render_set_color (cr, p->grid, 0.35);
  cairo_rectangle (cr, t->out_x, t->out_y, g->ow * cell, g->oh * cell);
  cairo_fill (cr);
  /* Whole rows, then the started row: one image each keeps it crisp. */
  int rows = filled / g->ow;
  _cl_render_grid (cr, o->output, rows, g->ow, g->ow, t->out_x, t->out_y, cell, cell,
                   CL_MAP_DIVERGING, -hi, hi);
  if (filled % g->ow > 0)
    _cl_render_grid (cr, o->output + (gsize) rows * g->ow, 1, filled % g->ow, g->ow, t->out_x,
                     t->out_y + rows * cell, cell, cell, CL_MAP_DIVERGING, -hi, hi);
  _cl_render_outline (cr, p->muted, t->out_x, t->out_y, g->ow * cell, g->oh * cell,
                      MAX (1, p->font * 0.06));
}

static char *
number (double v, int decimals)
{
  return cl_format_fixed (v, decimals);
}

/* One channel's row: window × kernel = products, Σ = its sum. */
static void
draw_channel_row (cairo_t *cr, const ClPalette *p, const ClRenderConvExplainOptions *o, int ci,
                  double x, double y, double cell, double sym, double label_w, double in_lo,
                  double in_hi)
{
  const ClConvExplain *e = o->explain;
  int k = e->k;
  gsize kk = (gsize) k * k;
  const float *win = e->window + ci * kk, *ker = o->kernel + ci * kk, *prod = e->products + ci * kk;
  double mid = y + k * cell / 2;
  double ker_hi = MAX (_cl_render_max_abs (ker, kk), 1e-6);
  double prod_hi = MAX (_cl_render_max_abs (prod, kk), 1e-6);

  if (o->geom.c > 1)
    {
      g_autofree char *label = o->rgb && o->geom.c == 3
        ? g_strdup (ci == 0 ? _("R") : ci == 1 ? _("G") : _("B"))
        : g_strdup_printf ("%d", ci + 1);
      _cl_render_set_color (cr, p->muted, 1);
      _cl_render_text (cr, x + label_w / 2, mid, 0.5, 0.5, p->font, TRUE, label);
    }
  x += label_w;
  _cl_render_number_grid (cr, p, win, k, k, x, y, cell, CL_MAP_GREY, in_lo, in_hi,
                          _cl_render_grid_decimals (win, kk));
  _cl_render_outline (cr, p->series[1], x, y, k * cell, k * cell, MAX (2, p->font * 0.15));
  x += k * cell;
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, x + sym / 2, mid, 0.5, 0.5, p->font * 1.3, TRUE, "×");
  x += sym;
  _cl_render_number_grid (cr, p, ker, k, k, x, y, cell, CL_MAP_DIVERGING, -ker_hi, ker_hi,
                          _cl_render_grid_decimals (ker, kk));
  x += k * cell;
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, x + sym / 2, mid, 0.5, 0.5, p->font * 1.3, TRUE, "=");
  x += sym;
  _cl_render_number_grid (cr, p, prod, k, k, x, y, cell, CL_MAP_DIVERGING, -prod_hi, prod_hi,
                          _cl_render_grid_decimals (prod, kk));
  x += k * cell;
  g_autofree char *sum = number (e->channel_sums[ci], 3);
  /* Translators: the sum of the products of one channel, "Σ = 0,412". */
  g_autofree char *text = g_strdup_printf (_("Σ = %s"), sum);
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, x + p->font * 0.6, mid, 0, 0.5, p->font, TRUE, text);
}

/* The last line: the channels' sums added, the bias, the activation. */
static char *
total_text (const ClRenderConvExplainOptions *o)
{
  const ClConvExplain *e = o->explain;
  GString *s = g_string_new (NULL);
  g_autofree char *sum = number (e->sum, 3);

  if (e->c > 1)
    {
      /* Translators: the start of "Sum over channels: 0,1 + 0,4 + … = 0,5". */
      g_string_append (s, _("Sum over channels: "));
      /* "0,1 − 0,4", not "0,1 + −0,4". */
      for (int ci = 0; ci < MIN (e->c, 4); ci++)
        {
          double v = e->channel_sums[ci];
          g_autofree char *text = number (ci > 0 ? fabs (v) : v, 3);
          g_string_append_printf (s, "%s%s", ci == 0 ? "" : v < 0 ? " − " : " + ", text);
        }
      if (e->c > 4)
        g_string_append (s, " + …");
      g_string_append_printf (s, " = %s", sum);
    }
  else
    /* Translators: the sum of the products, "Sum: 0,412". */
    g_string_append_printf (s, _("Sum: %s"), sum);
  if (o->has_bias)
    {
      /* A small learned bias still shows: 0,000 would not explain the
       * last digit of z. */
      g_autofree char *bias = e->bias != 0 && fabs (e->bias) < 0.01
                                ? cl_format_significant (e->bias, 2) : number (e->bias, 3);
      g_autofree char *z = number (e->z, 3);
      /* Translators: "   + bias 0,100 = 0,512". */
      g_string_append_printf (s, _("   + bias %s = %s"), bias, z);
    }
  if (o->activation != NULL)
    {
      g_autofree char *z = number (e->z, 3);
      g_autofree char *a = number (o->activated, 3);
      g_string_append_printf (s, "   %s(%s) = %s", o->activation, z, a);
    }
  return g_string_free (s, FALSE);
}

gboolean
cl_render_conv_explain (cairo_t *cr, const ClRenderConvExplainOptions *o, int width, int height)
{
  ClPalette p;
  Layout l;

  if (!_cl_render_begin (cr, &o->style, width, height, &p))
    return FALSE;
  if (o->message != NULL || !layout_compute (o, width, height, &l))
    {
      _cl_render_message (cr, &p, width, height,
                          o->message != NULL ? o->message : _("Choose an input and a kernel."));
      _cl_render_end (cr);
      return FALSE;
    }
  const ClConvGeom *g = &o->geom;
  const ClConvExplainLayout *t = &l.top;
  double in_lo, in_hi;
  _cl_render_min_max (o->input, (gsize) g->c * g->h * g->w, &in_lo, &in_hi);
  /* Zero must show as itself: the padding is zeros. */
  in_lo = MIN (in_lo, 0);
  in_hi = MAX (in_hi, in_lo + 1e-6);

  /* ---- the top band ---- */
  double gap = p.font * 2.5, avail = width - 2 * l.margin - 2 * gap;
  double xi = l.margin, xk = xi + avail * 0.4 + gap, xo = xk + avail * 0.2 + gap;
  g_autofree char *in_title = g->pad > 0
    /* Translators: the input's title when it is padded; %d is the padding width. */
    ? g_strdup_printf (ngettext ("Input, padded with %d zero", "Input, padded with %d zeros",
                                 g->pad), g->pad)
    : g_strdup (_("Input"));
  title (cr, &p, xi, l.top_y, avail * 0.4, in_title);
  g_autofree char *ker_title = o->kernel_title != NULL ? g_strdup (o->kernel_title)
                                                       : g_strdup (_("Kernel"));
  title (cr, &p, xk - gap / 2, l.top_y, avail * 0.2 + gap, ker_title);
  /* Translators: the output map's title; %d is the stride. */
  g_autofree char *out_title = g_strdup_printf (_("Output (stride %d)"), g->stride);
  title (cr, &p, xo, l.top_y, avail * 0.4, out_title);

  draw_input (cr, &p, o, t, in_lo, in_hi);
  {
    gsize kk = (gsize) g->k * g->k;
    double hi = MAX (_cl_render_max_abs (o->kernel, kk), 1e-6);
    _cl_render_number_grid (cr, &p, o->kernel, g->k, g->k, t->ker_x, t->ker_y, t->ker_cell,
                            CL_MAP_DIVERGING, -hi, hi, _cl_render_grid_decimals (o->kernel, kk));
    if (g->c > 1)
      {
        /* Translators: under the kernel of a multi-channel input. */
        g_autofree char *note = g_strdup_printf (_("channel 1 of %d"), g->c);
        _cl_render_set_color (cr, p.muted, 1);
        _cl_render_text (cr, t->ker_x + g->k * t->ker_cell / 2,
                         t->ker_y + g->k * t->ker_cell + p.font * 0.9, 0.5, 0.5, p.font * 0.8,
                         FALSE, note);
      }
  }
  if (o->output != NULL)
    draw_output (cr, &p, o, t);

  const ClConvExplain *e = o->explain;
  if (e == NULL)
    {
      _cl_render_set_color (cr, p.muted, 1);
      const char *hint = _("Click a pixel of the output to see its arithmetic.");
      _cl_render_text (cr, width / 2.0, l.bottom_y + l.bottom_h / 2, 0.5, 0.5,
                       _cl_render_fit_size (cr, p.font, FALSE, hint, width - 2 * l.margin),
                       FALSE, hint);
      _cl_render_end (cr);
      return TRUE;
    }

  /* The window on the input, the pixel on the output. */
  double line = MAX (2, p.font * 0.18);
  _cl_render_outline (cr, p.series[1], t->in_x + (e->x0 + g->pad) * t->in_cell,
                      t->in_y + (e->y0 + g->pad) * t->in_cell, g->k * t->in_cell,
                      g->k * t->in_cell, line);
  _cl_render_outline (cr, p.series[1], t->out_x + e->ox * t->out_cell,
                      t->out_y + e->oy * t->out_cell, t->out_cell, t->out_cell, line);

  /* ---- the arithmetic ---- */
  int k = g->k;
  double sym = p.font * 2.0, label_w = g->c > 1 ? p.font * 1.8 : 0;
  g_autofree char *widest = number (-88.888, 3);
  g_autofree char *sum_label = g_strdup_printf (_("Σ = %s"), widest);
  double sum_w = _cl_render_text_width (cr, p.font, TRUE, sum_label) + p.font;
  double total_h = p.font * 2.2;
  double rows_h = l.bottom_h - total_h;
  double across = (width - 2 * l.margin - 2 * sym - sum_w - label_w) / (3.0 * k);
  int shown = g->c;
  double cell = 0;
  for (; shown >= 1; shown--)
    {
      cell = MIN (across, (rows_h - (shown - 1) * p.font * 0.5) / (shown * k));
      if (cell >= _cl_render_number_cell_min (cr, &p, 3) || shown == 1)
        break;
    }
  cell = MIN (cell, p.font * 3.2);
  double row_w = label_w + 3 * k * cell + 2 * sym + sum_w;
  double x0 = (width - row_w) / 2, y = l.bottom_y;
  for (int ci = 0; ci < shown; ci++)
    {
      draw_channel_row (cr, &p, o, ci, x0, y, cell, sym, label_w, in_lo, in_hi);
      y += k * cell + p.font * 0.5;
    }
  if (shown < g->c)
    {
      /* Translators: the channel rows that did not fit; their sums are in
       * the total below. */
      g_autofree char *more = g_strdup_printf (
        ngettext ("… and %d more channel", "… and %d more channels", g->c - shown), g->c - shown);
      _cl_render_set_color (cr, p.muted, 1);
      _cl_render_text (cr, x0, y + p.font * 0.2, 0, 0.5, p.font * 0.9, FALSE, more);
      y += p.font;
    }
  g_autofree char *total = total_text (o);
  _cl_render_set_color (cr, p.fg, 1);
  _cl_render_text (cr, width / 2.0, MIN (y + p.font, height - l.margin - p.font * 0.5), 0.5, 0.5,
                   _cl_render_fit_size (cr, p.font * 1.1, TRUE, total, width - 2 * l.margin),
                   TRUE, total);
  _cl_render_end (cr);
  return TRUE;
}
