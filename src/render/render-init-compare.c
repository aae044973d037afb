#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "render/number-format.h"
#include "render/render-init-compare.h"
#include "render/render-private.h"
#include "render/render-units.h"

void
cl_render_init_compare_options_init (ClRenderInitCompareOptions *options)
{
  *options = (ClRenderInitCompareOptions) { 0 };
}

/* The hidden Dense layers: every Dense but the last (the output). */
static int
hidden_dense (const ClSnapshot *s, int *layers, int max)
{
  int n = 0, last = -1;
  for (int l = 0; l < s->n_layers; l++)
    if (g_str_equal (cl_net_spec_get_layer_kind (s->spec, l)->name, "Dense"))
      last = l;
  for (int l = 0; l < last && n < max; l++)
    if (g_str_equal (cl_net_spec_get_layer_kind (s->spec, l)->name, "Dense"))
      layers[n++] = l;
  return n;
}

/* A Dense layer's weights [units, in] and biases [units] in the snapshot. */
static void
dense_params (const ClSnapshot *s, int l, const float **w, const float **b, int *units, int *in)
{
  const ClSnapshotLayer *layer = &s->layers[l];
  *units = layer->shape.c * layer->shape.h * layer->shape.w;
  *in = *units > 0 ? (int) (layer->n_layer_params / *units) - 1 : 0;
  *w = s->params + layer->param_offset;
  *b = *w + (gsize) *units * *in;
}

gboolean
cl_render_init_units_identical (const ClSnapshot *s)
{
  int layers[8];
  int n = hidden_dense (s, layers, G_N_ELEMENTS (layers));
  for (int k = 0; k < n; k++)
    {
      const float *w, *b;
      int units, in;
      dense_params (s, layers[k], &w, &b, &units, &in);
      for (int u = 1; u < units; u++)
        if (memcmp (w + (gsize) u * in, w, sizeof (float) * in) != 0
            || memcmp (b + u, b, sizeof (float)) != 0)
          return FALSE;
    }
  return n > 0;
}

static void
draw_column (cairo_t *cr, const ClPalette *p, const ClSnapshot *s,
             const ClRenderInitCompareOptions *options, const char *title, double x0, double w,
             int height)
{
  /* Each column is half the picture: its text a size smaller than a
   * whole picture's, so the unit maps keep their room (never under the
   * style's floor). */
  double f = MAX (p->font * 0.75, p->min_text);
  double m = f * 0.8, y = m + f * 0.6;
  double max_w = w - 2 * m;

  _cl_render_set_color (cr, p->fg, 1);
  double size = _cl_render_fit_size (cr, f * 1.3, TRUE, title, max_w);
  _cl_render_text (cr, x0 + m, y, 0, 0.5, size, TRUE, title);
  y += f * 1.8;
  if (s == NULL || s->spec == NULL || s->params == NULL)
    {
      _cl_render_set_color (cr, p->muted, 1);
      _cl_render_text (cr, x0 + m, y, 0, 0.5, f, FALSE, _("Press Play to train both."));
      return;
    }

  /* Where training is: step and accuracy (smoothed over the last steps). */
  g_autofree char *accuracy = isfinite (s->train_accuracy_smooth)
                              ? cl_format_percent (s->train_accuracy_smooth, 0) : g_strdup ("—");
  g_autofree char *step = cl_format_count (s->step);
  g_autofree char *status = g_strdup_printf (_("Step %s · accuracy %s"), step, accuracy);
  _cl_render_set_color (cr, p->fg, 1);
  size = _cl_render_fit_size (cr, f * 1.15, TRUE, status, max_w);
  _cl_render_text (cr, x0 + m, y, 0, 0.5, size, TRUE, status);
  y += f * 1.6;

  /* The verdict the lesson is about. */
  gboolean same = cl_render_init_units_identical (s);
  const char *verdict = same ? _("Identical hidden units") : _("Different hidden units");
  _cl_render_set_color (cr, same ? p->series[1] : p->series[2], 1);
  size = _cl_render_fit_size (cr, f, TRUE, verdict, max_w);
  _cl_render_text (cr, x0 + m, y, 0, 0.5, size, TRUE, verdict);
  y += f * 1.7;

  /* The hidden weight matrices, one row per unit. */
  int layers[8];
  int n = hidden_dense (s, layers, G_N_ELEMENTS (layers));
  double cell = f * 0.9;
  double bx = x0 + m;
  for (int k = 0; k < n; k++)
    {
      const float *wt, *b;
      int units, in;
      dense_params (s, layers[k], &wt, &b, &units, &in);
      double hi = _cl_render_max_abs (wt, (gsize) units * in);
      hi = MAX (hi, _cl_render_max_abs (b, units));
      hi = hi > 0 ? hi : 1;
      double cw = MIN (cell, (max_w / n - f * 2) / (in + 1.5));
      double ch = MIN (cell, height * 0.16 / MAX (units, 1));
      g_autofree char *label = g_strdup_printf (_("Layer %d: w | b"), layers[k] + 1);
      _cl_render_set_color (cr, p->muted, 1);
      _cl_render_text (cr, bx, y, 0, 0.5, _cl_render_fit_size (cr, f * 0.85, FALSE, label,
                                                              max_w / n - f),
                       FALSE, label);
      double gy = y + f * 0.9;
      _cl_render_grid (cr, wt, units, in, in, bx, gy, cw, ch, CL_MAP_DIVERGING, -hi, hi);
      _cl_render_grid (cr, b, units, 1, 1, bx + (in + 0.5) * cw, gy, cw, ch, CL_MAP_DIVERGING,
                       -hi, hi);
      _cl_render_set_color (cr, p->grid, 1);
      cairo_set_line_width (cr, 1);
      cairo_rectangle (cr, bx, gy, in * cw, units * ch);
      cairo_rectangle (cr, bx + (in + 0.5) * cw, gy, cw, units * ch);
      cairo_stroke (cr);
      bx += max_w / n;
      if (k == n - 1)
        y = gy + units * ch + f * 0.8;
    }

  /* What each unit computes over the plane. */
  double uh = height - y - m * 0.5;
  if (uh > f * 4)
    {
      ClRenderUnitsOptions u;
      cl_render_units_options_init (&u);
      u.style = options->style;
      u.style.transparent = TRUE;
      u.data = options->data;
      u.resolution = 32;
      cairo_save (cr);
      cairo_translate (cr, x0, y);
      cl_render_units (cr, s, &u, (int) w, (int) uh);
      cairo_restore (cr);
    }
}

gboolean
cl_render_init_compare (cairo_t *cr, const ClSnapshot *left, const ClSnapshot *right,
                        const ClRenderInitCompareOptions *options, int width, int height)
{
  ClPalette p;

  if (!_cl_render_begin (cr, &options->style, width, height, &p))
    return FALSE;
  double half = width / 2.0;
  const ClSnapshot *snapshots[2] = { left, right };
  for (int c = 0; c < 2; c++)
    draw_column (cr, &p, snapshots[c], options,
                 options->titles[c] != NULL ? options->titles[c] : "", c * half, half, height);
  _cl_render_set_color (cr, p.grid, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_move_to (cr, half, p.font * 0.5);
  cairo_line_to (cr, half, height - p.font * 0.5);
  cairo_stroke (cr);
  _cl_render_end (cr);
  return TRUE;
}
