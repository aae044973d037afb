#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "engine/layer-stats.h"
#include "render/number-format.h"
#include "render/render-layer-stats.h"
#include "render/render-private.h"

/* One colour per layer, Okabe and Ito's set (told apart by colour-blind
 * eyes too), in network order; a deeper network cycles. */
static const ClColor layer_colors[] = {
  { 0.000, 0.447, 0.698 },   /* blue */
  { 0.902, 0.624, 0.000 },   /* orange */
  { 0.000, 0.620, 0.451 },   /* bluish green */
  { 0.800, 0.475, 0.655 },   /* reddish purple */
  { 0.337, 0.706, 0.914 },   /* sky blue */
  { 0.835, 0.369, 0.000 },   /* vermilion */
  { 0.600, 0.600, 0.600 },   /* grey */
  { 0.550, 0.500, 0.000 },   /* olive: yellow would vanish on white */
};

static ClColor
layer_color (int k)
{
  return layer_colors[k % G_N_ELEMENTS (layer_colors)];
}

void
cl_render_layer_stats_options_init (ClRenderLayerStatsOptions *options)
{
  *options = (ClRenderLayerStatsOptions) { 0 };
}

char *
cl_render_layer_stats_layer_name (const ClSnapshot *s, int layer)
{
  const ClLayerKind *kind = cl_net_spec_get_layer_kind (s->spec, layer);
  /* Translators: a layer and its place in the network, "Dense #3". */
  return g_strdup_printf (_("%s #%d"), _(kind->label), layer + 1);
}

/* ---- the norms over steps ----------------------------------------------- */

static double
decade_below (double v)
{
  return pow (10, floor (log10 (v)));
}

static double
decade_above (double v)
{
  return pow (10, ceil (log10 (v)));
}

static void
draw_norms (cairo_t *cr, const ClPalette *p, const ClSnapshot *s, double x, double y, double w,
            double h)
{
  const ClLayerStats *st = s->layer_stats;
  int L = st->n_param_layers, P = st->n_points;
  g_autofree const char **labels = g_new0 (const char *, MAX (1, L));
  g_autofree ClColor *colors = g_new0 (ClColor, MAX (1, L));
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *title = _("Gradient norm per layer, log scale");

  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, x, y + p->font * 0.6, 0, 0.5, _cl_render_fit_size (cr, p->font, TRUE, title, w),
                   TRUE, title);
  for (int k = 0; k < L; k++)
    {
      char *name = cl_render_layer_stats_layer_name (s, st->param_layers[k].layer);
      g_ptr_array_add (names, name);
      labels[k] = name;
      colors[k] = layer_color (k);
    }

  double lo = INFINITY, hi = -INFINITY;
  for (gsize i = 0; i < (gsize) L * P; i++)
    if (isfinite (st->grad_norms[i]) && st->grad_norms[i] > 0)
      {
        lo = MIN (lo, st->grad_norms[i]);
        hi = MAX (hi, st->grad_norms[i]);
      }
  if (!(lo <= hi))
    lo = 1e-3, hi = 1;
  ClChart c = { x + p->font * 4.2, y + p->font * 3.0, 0, 0, 0, 1, decade_below (lo),
                decade_above (hi), TRUE };
  if (c.y1 <= c.y0)
    c.y1 = c.y0 * 10;
  if (P > 0)
    {
      c.x0 = P > 1 ? st->steps[0] : 0;
      c.x1 = MAX (c.x0 + 1, st->steps[P - 1]);
    }
  c.w = w - (c.x - x) - p->font * 0.5;
  /* The legend in two rows past four names: eight layers on one row
   * would shrink their names to the floor.  When the floor (a presented
   * picture's) already makes it wrap, it wraps by itself. */
  double row_h = MAX (p->font * 0.8, p->min_text) * 1.3, legend_w = w - (c.x - x);
  gboolean wraps = _cl_chart_legend_extra_height (cr, p, legend_w, labels, L) > 0;
  int per = L > 4 && !wraps ? (L + 1) / 2 : MAX (1, L), groups = (L + per - 1) / per;
  double extra = 0, group_y[8];
  for (int g = 0; g < groups && g < 8; g++)
    {
      int first = g * per, count = MIN (per, L - first);
      group_y[g] = y + p->font * 1.95 + extra;
      extra += _cl_chart_legend_extra_height (cr, p, legend_w, labels + first, count) + row_h;
    }
  c.y += extra - row_h;
  c.h = h - (c.y - y) - p->font * 2.8;
  if (c.w < 10 || c.h < 10)
    return;

  _cl_chart_axes (cr, p, &c, _("step"), NULL, FALSE);
  for (int g = 0; g < groups && g < 8; g++)
    {
      int first = g * per, count = MIN (per, L - first);
      _cl_chart_legend (cr, p, c.x, group_y[g], legend_w, colors + first, NULL, labels + first, count);
    }
  if (P == 0)
    {
      const char *wait = _("Train a step to see each layer's gradient.");
      _cl_render_set_color (cr, p->muted, 1);
      _cl_render_text (cr, c.x + c.w / 2, c.y + c.h / 2, 0.5, 0.5,
                       _cl_render_fit_size (cr, p->font * 0.9, FALSE, wait, c.w), FALSE, wait);
      return;
    }

  cairo_save (cr);
  double r = p->font * 0.3;
  cairo_rectangle (cr, c.x - r, c.y - r, c.w + 2 * r, c.h + 2 * r);
  cairo_clip (cr);
  cairo_set_line_width (cr, MAX (1.5, p->font * 0.16));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (int k = 0; k < L; k++)
    {
      const float *v = st->grad_norms + (gsize) k * P;
      gboolean down = FALSE;
      _cl_render_set_color (cr, colors[k], 1);
      for (int i = 0; i < P; i++)
        {
          if (!(isfinite (v[i]) && v[i] > 0))
            {
              down = FALSE;   /* a gap, not a plunge to the axis */
              continue;
            }
          double px = _cl_chart_px (&c, st->steps[i]), py = _cl_chart_py (&c, v[i]);
          if (down)
            cairo_line_to (cr, px, py);
          else
            cairo_move_to (cr, px, py);
          down = TRUE;
        }
      cairo_stroke (cr);
      /* The newest value as a dot: a single step is visible too. */
      if (isfinite (v[P - 1]) && v[P - 1] > 0)
        {
          cairo_arc (cr, _cl_chart_px (&c, st->steps[P - 1]), _cl_chart_py (&c, v[P - 1]),
                     p->font * 0.25, 0, 2 * G_PI);
          cairo_fill (cr);
        }
    }
  cairo_restore (cr);
}

/* ---- histograms ---------------------------------------------------------- */

static void
draw_histogram (cairo_t *cr, const ClPalette *p, const ClHistogram *hist, gboolean empty,
                const char *title, ClColor color, double x, double y, double w, double h)
{
  double size = p->font * 0.8;

  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, x, y + size * 0.6, 0, 0.5, _cl_render_fit_size (cr, size, TRUE, title, w),
                   TRUE, title);
  double top = y + size * 1.5, bottom = y + h - size * 1.6;
  if (bottom - top < 4)
    return;
  if (empty)
    {
      const char *wait = _("after a training step");
      _cl_render_set_color (cr, p->muted, 1);
      _cl_render_text (cr, x + w / 2, (top + bottom) / 2, 0.5, 0.5,
                       _cl_render_fit_size (cr, size, FALSE, wait, w), FALSE, wait);
      return;
    }

  guint64 most = 1;
  for (int k = 0; k < CL_LAYER_STATS_BINS; k++)
    most = MAX (most, hist->counts[k]);
  double bw = w / CL_LAYER_STATS_BINS;
  _cl_render_set_color (cr, color, 0.9);
  for (int k = 0; k < CL_LAYER_STATS_BINS; k++)
    {
      if (hist->counts[k] == 0)
        continue;
      /* At least a pixel: a bin holding a single weight still shows. */
      double bh = MAX (1, (bottom - top) * hist->counts[k] / (double) most);
      cairo_rectangle (cr, x + k * bw + bw * 0.08, bottom - bh, bw * 0.84, bh);
    }
  cairo_fill (cr);

  /* The axis, zero marked when it is inside the range. */
  _cl_render_set_color (cr, p->muted, 1);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, x, round (bottom) + 0.5);
  cairo_line_to (cr, x + w, round (bottom) + 0.5);
  cairo_stroke (cr);
  if (hist->lo < 0 && hist->hi > 0)
    {
      double zx = x + w * (-hist->lo) / (hist->hi - hist->lo);
      _cl_render_set_color (cr, p->fg, 0.6);
      cairo_move_to (cr, round (zx) + 0.5, top);
      cairo_line_to (cr, round (zx) + 0.5, bottom + size * 0.3);
      cairo_stroke (cr);
    }
  char lo[32], hi[32];
  _cl_render_format (lo, sizeof lo, hist->lo);
  _cl_render_format (hi, sizeof hi, hist->hi);
  _cl_render_set_color (cr, p->muted, 1);
  _cl_render_text (cr, x, bottom + size * 0.9, 0, 0.5, size, FALSE, lo);
  _cl_render_text (cr, x + w, bottom + size * 0.9, 1, 0.5, size, FALSE, hi);
}

static void
draw_histograms (cairo_t *cr, const ClPalette *p, const ClSnapshot *s, int chosen, double x,
                 double y, double w, double h)
{
  const ClLayerStats *st = s->layer_stats;
  const ClParamLayerStats *l = &st->param_layers[chosen];
  g_autofree char *name = cl_render_layer_stats_layer_name (s, l->layer);
  g_autofree char *count = cl_format_count (l->n_params);
  g_autofree char *wtitle = g_strdup_printf (
    /* Translators: "Dense #3 — weights (50 240 values)". */
    ngettext ("%s — weights (%s value)", "%s — weights (%s values)", l->n_params), name, count);
  g_autofree char *gtitle = NULL;
  if (st->has_grads)
    {
      g_autofree char *norm = cl_format_significant (l->grad_norm, 2);
      /* Translators: "Dense #3 — gradients, norm 0.012". */
      gtitle = g_strdup_printf (_("%s — gradients, norm %s"), name, norm);
    }
  else
    gtitle = g_strdup_printf (_("%s — gradients"), name);

  double gap = p->font * 0.8, each = (h - gap) / 2;
  ClColor color = layer_color (chosen);
  draw_histogram (cr, p, &l->weights, FALSE, wtitle, color, x, y, w, each);
  draw_histogram (cr, p, &l->grads, !st->has_grads, gtitle, color, x, y + each + gap, w, each);
}

/* ---- dead and saturated units ------------------------------------------- */

static void
draw_units (cairo_t *cr, const ClPalette *p, const ClSnapshot *s, double x, double y, double w,
            double h)
{
  const ClLayerStats *st = s->layer_stats;
  const char *title = _("Dead and saturated units, last batch");
  double size = p->font * 0.8;

  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, x, y + p->font * 0.6, 0, 0.5, _cl_render_fit_size (cr, p->font, TRUE, title, w),
                   TRUE, title);
  double top = y + p->font * 1.6;
  if (st->n_unit_layers == 0)
    {
      const char *none = _("No ReLU, sigmoid or tanh layer.");
      _cl_render_set_color (cr, p->muted, 1);
      _cl_render_text (cr, x, top + size, 0, 0.5, _cl_render_fit_size (cr, size, FALSE, none, w),
                       FALSE, none);
      return;
    }

  int n = st->n_unit_layers;
  double row = MIN (p->font * 1.8, (y + h - top) / n);
  /* Many layers in little room: the rows' text shrinks with them (to the
   * picture's floor, never below). */
  size = MIN (size, row * 0.72);
  double label_w = 0;
  for (int i = 0; i < n; i++)
    {
      g_autofree char *name = cl_render_layer_stats_layer_name (s, st->unit_layers[i].layer);
      label_w = MAX (label_w, _cl_render_text_width (cr, size, FALSE, name));
    }
  /* Room after the bar for the widest value, "100 % saturated". */
  label_w = MIN (label_w + size * 0.6, w * 0.35);
  g_autofree char *widest = g_strdup_printf (_("%s saturated"), "100 %");
  double value_w = MIN (_cl_render_text_width (cr, size, FALSE, widest) + size * 0.6, w * 0.4);
  double bar_x = x + label_w, bar_w = w - label_w - value_w;
  if (bar_w < 4 || row < 2)
    return;

  for (int i = 0; i < n; i++)
    {
      const ClUnitStats *u = &st->unit_layers[i];
      double cy = top + (i + 0.5) * row;
      g_autofree char *name = cl_render_layer_stats_layer_name (s, u->layer);
      _cl_render_set_color (cr, p->fg, 1);
      _cl_render_text (cr, x, cy, 0, 0.5, _cl_render_fit_size (cr, size, FALSE, name, label_w - size * 0.4),
                       FALSE, name);

      double bh = MIN (row * 0.7, p->font * 1.1);
      _cl_render_set_color (cr, p->grid, 1);
      cairo_rectangle (cr, bar_x, cy - bh / 2, bar_w, bh);
      cairo_fill (cr);
      if (!st->has_units)
        continue;
      /* Dead ReLUs in vermilion, saturation in orange: both are units
       * that pass (almost) no gradient. */
      _cl_render_set_color (cr, u->kind == CL_UNIT_DEAD ? layer_colors[5] : layer_colors[1], 1);
      cairo_rectangle (cr, bar_x, cy - bh / 2, bar_w * CLAMP (u->fraction, 0, 1), bh);
      cairo_fill (cr);
      g_autofree char *percent = cl_format_percent (u->fraction, 0);
      g_autofree char *text = g_strdup_printf (u->kind == CL_UNIT_DEAD ? _("%s dead") : _("%s saturated"),
                                               percent);
      _cl_render_set_color (cr, p->fg, 1);
      _cl_render_text (cr, bar_x + bar_w + size * 0.4, cy, 0, 0.5,
                       _cl_render_fit_size (cr, size, FALSE, text, value_w - size * 0.4), FALSE, text);
    }
  if (!st->has_units)
    {
      const char *wait = _("after a training step");
      _cl_render_set_color (cr, p->muted, 1);
      _cl_render_text (cr, bar_x + bar_w / 2, top + row * 0.5, 0.5, 0.5,
                       _cl_render_fit_size (cr, size, FALSE, wait, bar_w), FALSE, wait);
    }
}

/* ---- the picture --------------------------------------------------------- */

gboolean
cl_render_layer_stats (cairo_t *cr, const ClSnapshot *s, const ClRenderLayerStatsOptions *options,
                       int width, int height)
{
  ClRenderLayerStatsOptions defaults;
  ClPalette p;

  if (options == NULL)
    {
      cl_render_layer_stats_options_init (&defaults);
      options = &defaults;
    }
  if (!_cl_render_begin (cr, &options->style, width, height, &p))
    return FALSE;
  if (s == NULL || s->layer_stats == NULL || s->layer_stats->n_param_layers == 0)
    {
      _cl_render_message (cr, &p, width, height,
                          s == NULL || s->layer_stats == NULL
                            ? _("No statistics yet: train a step.")
                            : _("This network has no layer with parameters."));
      _cl_render_end (cr);
      return FALSE;
    }

  const ClLayerStats *st = s->layer_stats;
  int chosen = CLAMP (options->layer, 0, st->n_param_layers - 1);
  double m = p.font * 0.8;
  double W = width - 2 * m, H = height - 2 * m;
  /* The units' rows: as many as there are activation layers (one line
   * when none). */
  double units_h = p.font * 1.6 + MAX (1, st->n_unit_layers) * p.font * 1.8 + p.font * 0.4;

  if (W >= H * 1.3)
    {
      /* Wide: the curves on the left, histograms and units on the right. */
      double left = W * 0.55, gap = p.font * 1.2, right = W - left - gap;
      double hist_h = MAX (H * 0.5, H - units_h - gap);
      draw_norms (cr, &p, s, m, m, left, H);
      draw_histograms (cr, &p, s, chosen, m + left + gap, m, right, hist_h);
      draw_units (cr, &p, s, m + left + gap, m + hist_h + gap, right, H - hist_h - gap);
    }
  else
    {
      /* Tall: the curves above, histograms and units side by side below. */
      double gap = p.font * 1.0, top = H * 0.5;
      double half = (W - gap) / 2;
      draw_norms (cr, &p, s, m, m, W, top);
      draw_histograms (cr, &p, s, chosen, m, m + top + gap, half, H - top - gap);
      draw_units (cr, &p, s, m + half + gap, m + top + gap, half, H - top - gap);
    }
  _cl_render_end (cr);
  return TRUE;
}
