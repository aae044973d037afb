#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "render/render-dropout.h"
#include "render/number-format.h"
#include "render/render-private.h"

void
cl_render_dropout_options_init (ClRenderDropoutOptions *options)
{
  *options = (ClRenderDropoutOptions) { 0 };
}

/* Columns for n square cells in a w × h box, cells as large as possible. */
static int
best_columns (int n, double w, double h, double *cell)
{
  int best = 1;
  *cell = 0;
  for (int c = 1; c <= n; c++)
    {
      int r = (n + c - 1) / c;
      double side = MIN (w / c, h / r);
      if (side > *cell)
        {
          *cell = side;
          best = c;
        }
      if (w / c < *cell)
        break;
    }
  return best;
}

static void
draw_layer (cairo_t *cr, const ClPalette *p, const ClSnapshot *s, int layer, int sample, double x,
            double y, double w, double h)
{
  const ClSnapshotLayer *l = &s->layers[layer];
  int n = l->shape.c * l->shape.h * l->shape.w;
  const float *mask = l->dropout_mask + (gsize) sample * n;
  double rate = cl_net_spec_get_setting (s->spec, layer, "rate");
  int dropped = 0;

  for (int i = 0; i < n; i++)
    dropped += mask[i] == 0;
  g_autofree char *rate_text = cl_format_percent (rate, 0);
  g_autofree char *dropped_text = cl_format_percent ((double) dropped / MAX (n, 1), 0);
  g_autofree char *title = g_strdup_printf (
    /* Translators: "Dropout #10 — rate 50 %, dropped 47 % (40 of 84 units)";
     * the plural follows the number of units, the last %d. */
    ngettext ("%s #%d — rate %s, dropped %s (%d of %d unit)",
              "%s #%d — rate %s, dropped %s (%d of %d units)", n),
    _("Dropout"), layer + 1, rate_text, dropped_text, dropped, n);
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, x, y + p->font * 0.5, 0, 0.5, _cl_render_fit_size (cr, p->font, TRUE, title, w),
                   TRUE, title);

  double top = y + p->font * 1.6, cell;
  int cols = best_columns (n, w, h - (top - y), &cell);
  double gap = cell >= 6 ? MAX (1, round (cell * 0.12)) : 0;
  double ox = x + (w - cols * cell) / 2;
  for (int i = 0; i < n; i++)
    {
      double cx = ox + (i % cols) * cell, cy = top + (i / cols) * cell;
      double side = cell - gap;
      if (mask[i] == 0)
        {
          _cl_render_set_color (cr, p->fg, 0.85);
          cairo_rectangle (cr, cx, cy, side, side);
          cairo_fill (cr);
          if (side >= 8)
            {
              /* The cross: "this unit is off", readable in grey print too. */
              _cl_render_set_color (cr, p->bg, 1);
              cairo_set_line_width (cr, MAX (1, side * 0.1));
              cairo_move_to (cr, cx + side * 0.25, cy + side * 0.25);
              cairo_line_to (cr, cx + side * 0.75, cy + side * 0.75);
              cairo_move_to (cr, cx + side * 0.75, cy + side * 0.25);
              cairo_line_to (cr, cx + side * 0.25, cy + side * 0.75);
              cairo_stroke (cr);
            }
        }
      else
        {
          _cl_render_set_color (cr, isfinite (mask[i]) ? p->series[2] : (ClColor) { 0.5, 0.5, 0.5 }, 1);
          cairo_rectangle (cr, cx, cy, side, side);
          cairo_fill (cr);
        }
    }
}

gboolean
cl_render_dropout (cairo_t *cr, const ClSnapshot *s, const ClRenderDropoutOptions *options,
                   int width, int height)
{
  ClRenderDropoutOptions defaults;
  ClPalette p;
  int layers[32], n = 0, without_mask = 0;
  const ClLayerKind *dropout = cl_layer_registry_lookup ("Dropout");

  if (options == NULL)
    {
      cl_render_dropout_options_init (&defaults);
      options = &defaults;
    }
  if (!_cl_render_begin (cr, &options->style, width, height, &p))
    return FALSE;
  for (int i = 0; s != NULL && i < s->n_layers && n < 32; i++)
    if (cl_net_spec_get_layer_kind (s->spec, i) == dropout)
      {
        if (s->layers[i].dropout_mask != NULL && options->sample >= 0 && options->sample < s->n_masks)
          layers[n++] = i;
        else
          without_mask++;
      }
  if (n == 0)
    {
      _cl_render_message (cr, &p, width, height,
                          without_mask > 0 ? _("No dropout mask yet: train a step.")
                                           : _("This network has no Dropout layer."));
      _cl_render_end (cr);
      return FALSE;
    }

  double m = p.font * 0.8, legend_h = p.font * 1.8;
  double each = (height - 2 * m - legend_h - (n - 1) * m) / n;
  for (int i = 0; i < n; i++)
    draw_layer (cr, &p, s, layers[i], options->sample, m, m + i * (each + m), width - 2 * m, each);

  /* Legend. */
  double ly = height - m - p.font * 0.6, lx = m, sq = p.font * 0.8;
  _cl_render_set_color (cr, p.series[2], 1);
  cairo_rectangle (cr, lx, ly - sq / 2, sq, sq);
  cairo_fill (cr);
  _cl_render_set_color (cr, p.fg, 1);
  lx += sq + p.font * 0.4;
  lx += _cl_render_text (cr, lx, ly, 0, 0.5, p.font * 0.8, FALSE, _("kept (scaled by 1 / (1 − rate))"));
  lx += p.font * 1.5;
  _cl_render_set_color (cr, p.fg, 0.85);
  cairo_rectangle (cr, lx, ly - sq / 2, sq, sq);
  cairo_fill (cr);
  _cl_render_set_color (cr, p.fg, 1);
  _cl_render_text (cr, lx + sq + p.font * 0.4, ly, 0, 0.5, p.font * 0.8, FALSE, _("dropped"));
  _cl_render_end (cr);
  return TRUE;
}
