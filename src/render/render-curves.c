#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "render/render-curves.h"
#include "render/render-private.h"

void
cl_render_curves_options_init (ClRenderCurvesOptions *options)
{
  *options = (ClRenderCurvesOptions) { 0 };
}

static double
steps_per_epoch (const ClSnapshot *s, const ClRenderCurvesOptions *o)
{
  if (o->steps_per_epoch > 0)
    return o->steps_per_epoch;
  double epochs = s->epoch + s->epoch_progress;
  if (epochs > 0 && s->step > 0)
    return s->step / epochs;
  return 1;
}

static void
markers (cairo_t *cr, const ClChart *c, const ClPoint *pts, gsize n, double r, double spe)
{
  for (gsize i = 0; i < n; i++)
    if (isfinite (pts[i].y) && (!c->log_y || pts[i].y > 0))
      {
        cairo_new_sub_path (cr);
        cairo_arc (cr, _cl_chart_px (c, pts[i].x * spe), _cl_chart_py (c, pts[i].y), r, 0, 2 * G_PI);
      }
  cairo_fill (cr);
}

static void
range (const ClPoint *pts, gsize n, gboolean positive, double *lo, double *hi)
{
  for (gsize i = 0; i < n; i++)
    if (isfinite (pts[i].y) && (!positive || pts[i].y > 0))
      {
        *lo = MIN (*lo, pts[i].y);
        *hi = MAX (*hi, pts[i].y);
      }
}

/* The 1-2-5 value just below (or above) v > 0. */
static double
log_step (double v, gboolean up)
{
  double decade = pow (10, floor (log10 (v)));
  const double mult[] = { 1, 2, 5, 10 };
  if (up)
    {
      for (int i = 0; i < 4; i++)
        if (mult[i] * decade >= v * 0.999)
          return mult[i] * decade;
      return 10 * decade;
    }
  for (int i = 3; i >= 0; i--)
    if (mult[i] * decade <= v * 1.001)
      return mult[i] * decade;
  return decade;
}

static void
draw_loss (cairo_t *cr, const ClPalette *p, const ClSnapshot *s, const ClRenderCurvesOptions *o,
           double x, double y, double w, double h)
{
  double spe = steps_per_epoch (s, o), lo = INFINITY, hi = -INFINITY;
  gsize n = s->n_loss_history, ne = s->n_test_history;
  g_autofree ClPoint *smoothed = g_new (ClPoint, MAX (n, 1));
  g_autofree ClPoint *test = g_new (ClPoint, MAX (ne, 1));
  double x_max = 1;

  _cl_chart_smooth (s->loss_history, n, smoothed);
  for (gsize i = 0; i < ne; i++)
    test[i] = (ClPoint) { s->test_loss_history[i].x * spe, s->test_loss_history[i].y };
  range (s->loss_history, n, o->log_scale, &lo, &hi);
  range (test, ne, o->log_scale, &lo, &hi);
  if (n > 0)
    x_max = MAX (x_max, s->loss_history[n - 1].x);
  if (ne > 0)
    x_max = MAX (x_max, test[ne - 1].x);
  if (!(lo <= hi))
    lo = hi = o->log_scale ? 1 : 0;

  const ClColor colors[] = { p->series[0], p->series[0], p->series[1] };
  const double alphas[] = { 0.3, 1, 1 };
  const char *labels[] = { _("training, each step"), _("training, smoothed"), _("test, each epoch") };
  int n_labels = ne > 0 ? 3 : 2;
  ClChart c = { x + p->font * 4.6, y + p->font * 3.0, 0, 0, 0, x_max, 0, hi, o->log_scale };
  c.w = w - (c.x - x) - p->font * 0.5;
  /* The legend's rows above the chart: more than one in French, presented. */
  c.y += _cl_chart_legend_extra_height (cr, p, w - (c.x - x), labels, n_labels);
  c.h = h - (c.y - y) - p->font * 2.8;
  if (o->log_scale)
    {
      /* To the nearest 1, 2 or 5 × 10ⁿ around the data, not whole decades:
       * a loss from 0.6 to 3 fills the chart. */
      c.y0 = log_step (lo, FALSE);
      c.y1 = log_step (hi, TRUE);
      if (c.y1 <= c.y0)
        c.y1 = c.y0 * 10;
    }
  else
    {
      double first, step;
      _cl_render_nice_ticks (0, hi > 0 ? hi : 1, 5, &first, &step);
      c.y1 = ceil ((hi > 0 ? hi : 1) / step) * step;
    }
  if (c.w < 10 || c.h < 10)
    return;

  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, x, y + p->font * 0.6, 0, 0.5, p->font, TRUE, _("Loss"));
  _cl_chart_axes (cr, p, &c, _("step"), NULL, FALSE);

  cairo_save (cr);
  double r = p->font * 0.3;
  cairo_rectangle (cr, c.x - r, c.y - r, c.w + 2 * r, c.h + 2 * r);
  cairo_clip (cr);
  cairo_set_line_width (cr, MAX (1, p->font * 0.08));
  _cl_render_set_color (cr, p->series[0], 0.3);
  _cl_chart_polyline (cr, &c, s->loss_history, n);
  cairo_stroke (cr);
  cairo_set_line_width (cr, MAX (1.5, p->font * 0.18));
  _cl_render_set_color (cr, p->series[0], 1);
  _cl_chart_polyline (cr, &c, smoothed, n);
  cairo_stroke (cr);
  _cl_render_set_color (cr, p->series[1], 1);
  _cl_chart_polyline (cr, &c, test, ne);
  cairo_stroke (cr);
  markers (cr, &c, s->test_loss_history, ne, p->font * 0.28, spe);
  cairo_restore (cr);

  _cl_chart_legend (cr, p, c.x, y + p->font * 1.95, w - (c.x - x), colors, alphas, labels,
                    n_labels);
}

static void
draw_accuracy (cairo_t *cr, const ClPalette *p, const ClSnapshot *s, double x, double y, double w,
               double h)
{
  gsize ne = s->n_test_history;
  double lo = INFINITY, hi = -INFINITY;

  range (s->test_accuracy_history, ne, FALSE, &lo, &hi);
  range (s->train_accuracy_history, ne, FALSE, &lo, &hi);
  /* Zoom on where the accuracy is, in steps of 10 %: 0.8–1 reads better than 0–1. */
  double y0 = isfinite (lo) ? MAX (0, floor (lo * 10 - 0.5) / 10) : 0;
  const ClColor colors[] = { p->series[0], p->series[1] };
  const char *labels[] = { _("training"), _("test") };
  ClChart c = { x + p->font * 4.2, y + p->font * 3.0, 0, 0, 1, MAX (1, ne), y0, 1, FALSE };
  c.x_integer = TRUE;
  c.w = w - (c.x - x) - p->font * 0.5;
  c.y += _cl_chart_legend_extra_height (cr, p, w - (c.x - x), labels, 2);
  c.h = h - (c.y - y) - p->font * 2.8;
  if (c.w < 10 || c.h < 10)
    return;

  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, x, y + p->font * 0.6, 0, 0.5, p->font, TRUE, _("Accuracy"));
  _cl_chart_axes (cr, p, &c, _("epoch"), NULL, TRUE);
  if (ne == 0)
    {
      _cl_render_set_color (cr, p->muted, 1);
      _cl_render_text (cr, c.x + c.w / 2, c.y + c.h / 2, 0.5, 0.5, p->font * 0.85, FALSE,
                       _("after the first epoch"));
      return;
    }
  const ClPoint *series[] = { s->train_accuracy_history, s->test_accuracy_history };
  cairo_set_line_width (cr, MAX (1.5, p->font * 0.18));
  for (int k = 0; k < 2; k++)
    {
      _cl_render_set_color (cr, p->series[k == 0 ? 0 : 1], 1);
      _cl_chart_polyline (cr, &c, series[k], ne);
      cairo_stroke (cr);
      markers (cr, &c, series[k], ne, p->font * 0.28, 1);
    }
  _cl_chart_legend (cr, p, c.x, y + p->font * 1.95, w - (c.x - x), colors, NULL, labels, 2);
}

gboolean
cl_render_curves (cairo_t *cr, const ClSnapshot *s, const ClRenderCurvesOptions *options,
                  int width, int height)
{
  ClRenderCurvesOptions defaults;
  ClPalette p;

  if (options == NULL)
    {
      cl_render_curves_options_init (&defaults);
      options = &defaults;
    }
  if (!_cl_render_begin (cr, &options->style, width, height, &p))
    return FALSE;
  if (s == NULL || (s->n_loss_history == 0 && s->n_test_history == 0))
    {
      _cl_render_message (cr, &p, width, height, _("No training history yet: press Play."));
      _cl_render_end (cr);
      return FALSE;
    }
  double m = p.font * 0.8;
  /* A snapshot of a saved model does not know its classes; its accuracy
   * history does. */
  gboolean accuracy = s->n_classes > 0;
  for (gsize i = 0; i < s->n_test_history && !accuracy; i++)
    accuracy = isfinite (s->test_accuracy_history[i].y);
  if (!accuracy)
    draw_loss (cr, &p, s, options, m, m, width - 2 * m, height - 2 * m);
  else if (width >= height * 1.3)
    {
      /* Side by side on a wide picture, loss the wider. */
      double lw = (width - 3 * m) * 0.58;
      draw_loss (cr, &p, s, options, m, m, lw, height - 2 * m);
      draw_accuracy (cr, &p, s, 2 * m + lw, m, width - 3 * m - lw, height - 2 * m);
    }
  else
    {
      double lh = (height - 3 * m) * 0.55;
      draw_loss (cr, &p, s, options, m, m, width - 2 * m, lh);
      draw_accuracy (cr, &p, s, m, 2 * m + lh, width - 2 * m, height - 3 * m - lh);
    }
  _cl_render_end (cr);
  return TRUE;
}
