/* render-race.c — runs side by side on one chart (render-race.h).
 *
 * Each run has a colour of the palette's four (colour-blind safe) and a
 * marker shape, so the runs stay apart in grey on a washed-out projector:
 * its smoothed training loss is a solid line with hollow markers, its test
 * loss per epoch a dashed line with filled ones; the test accuracy (for
 * classification) dashed likewise on the right: four runs' training
 * accuracies beside them would hide the comparison (the loss chart shows
 * training against test).  The legend above names the runs
 * after the setting that differs and gives each one's final result.
 */
#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "render/number-format.h"
#include "render/render-private.h"
#include "render/render-race.h"

/* Palette series and markers: one per run; a race has at most four. */
#define MAX_RUNS 4

typedef enum { MARK_CIRCLE, MARK_SQUARE, MARK_TRIANGLE, MARK_DIAMOND } Mark;

/* What the charts draw of one run, x in epochs. */
typedef struct {
  const ClSnapshot *s;
  ClPoint *loss;           /* smoothed training loss */
  gsize n_loss;
  ClPoint *test_loss;      /* per epoch */
  gsize n_test;
  gboolean has_accuracy;
} Run;

void
cl_render_race_options_init (ClRenderRaceOptions *options)
{
  *options = (ClRenderRaceOptions) { 0 };
}

/* The loss history's x is the optimiser step; runs of other batch sizes
 * take other numbers of steps per epoch, so each is converted with its own
 * (the snapshot's position in epochs against its steps). */
static double
steps_per_epoch (const ClSnapshot *s)
{
  double epochs = s->epoch + s->epoch_progress;
  return epochs > 0 && s->step > 0 ? s->step / epochs : 1.0;
}

static void
run_init (Run *run, const ClSnapshot *s)
{
  run->s = s;
  run->n_loss = s->n_loss_history;
  run->n_test = s->n_test_history;
  run->loss = g_new (ClPoint, MAX (1, run->n_loss));
  run->test_loss = g_new (ClPoint, MAX (1, run->n_test));
  _cl_chart_smooth (s->loss_history, run->n_loss, run->loss);
  double spe = steps_per_epoch (s);
  for (gsize i = 0; i < run->n_loss; i++)
    run->loss[i].x /= spe;
  for (gsize i = 0; i < run->n_test; i++)
    run->test_loss[i] = s->test_loss_history[i];
  /* A snapshot of a saved model does not know its classes; its accuracy
   * history does. */
  run->has_accuracy = s->n_classes > 0;
  for (gsize i = 0; i < run->n_test && !run->has_accuracy; i++)
    run->has_accuracy = isfinite (s->test_accuracy_history[i].y);
}

static void
run_clear (Run *run)
{
  g_free (run->loss);
  g_free (run->test_loss);
}

static void
mark_path (cairo_t *cr, Mark mark, double x, double y, double r)
{
  cairo_new_sub_path (cr);
  switch (mark)
    {
    case MARK_SQUARE:
      r *= 0.9;
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    case MARK_TRIANGLE:
      r *= 1.2;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r * 0.95, y + r * 0.65);
      cairo_line_to (cr, x - r * 0.95, y + r * 0.65);
      cairo_close_path (cr);
      break;
    case MARK_DIAMOND:
      r *= 1.25;
      cairo_move_to (cr, x, y - r);
      cairo_line_to (cr, x + r, y);
      cairo_line_to (cr, x, y + r);
      cairo_line_to (cr, x - r, y);
      cairo_close_path (cr);
      break;
    case MARK_CIRCLE:
    default:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    }
}

/* A filled marker, or a hollow one (the background inside, ringed). */
static void
draw_mark (cairo_t *cr, const ClPalette *p, ClColor color, Mark mark, double x, double y,
           double r, gboolean hollow)
{
  mark_path (cr, mark, x, y, r);
  if (hollow)
    {
      _cl_render_set_color (cr, p->bg, 1);
      cairo_fill_preserve (cr);
      _cl_render_set_color (cr, color, 1);
      cairo_set_line_width (cr, MAX (1, r * 0.45));
      cairo_stroke (cr);
    }
  else
    {
      _cl_render_set_color (cr, color, 1);
      cairo_fill (cr);
    }
}

static void
set_dash (cairo_t *cr, const ClPalette *p, gboolean dashed)
{
  double dash[] = { p->font * 0.55, p->font * 0.3 };
  cairo_set_dash (cr, dash, dashed ? 2 : 0, 0);
}

/* One series: solid with a few hollow markers (training, many points) or
 * dashed with a filled marker on every point (per epoch). */
static void
draw_series (cairo_t *cr, const ClPalette *p, const ClChart *c, const ClPoint *pts, gsize n,
             ClColor color, Mark mark, gboolean per_epoch)
{
  if (n == 0)
    return;
  double r = p->font * 0.3;
  cairo_set_line_width (cr, MAX (1.5, p->font * (per_epoch ? 0.14 : 0.18)));
  _cl_render_set_color (cr, color, 1);
  set_dash (cr, p, per_epoch);
  _cl_chart_polyline (cr, c, pts, n);
  cairo_stroke (cr);
  set_dash (cr, p, FALSE);
  if (per_epoch)
    {
      /* A marker per epoch while they stand apart; over many epochs every
       * k-th, counted back from the last, so they do not merge into a band. */
      double dx = c->x1 > c->x0 ? c->w / (c->x1 - c->x0) : c->w;
      gsize k = (gsize) MAX (1.0, ceil (r * 5 / MAX (dx, 1e-9)));
      for (gsize j = 0; j < n; j++)
        {
          gsize i = n - 1 - j;
          if (j % k == 0 && isfinite (pts[i].y) && (!c->log_y || pts[i].y > 0))
            draw_mark (cr, p, color, mark, _cl_chart_px (c, pts[i].x), _cl_chart_py (c, pts[i].y),
                       r, FALSE);
        }
      return;
    }
  /* Five markers along a training curve, placed by x so that runs with
   * different step counts still get theirs where the eye expects. */
  double x_end = pts[n - 1].x;
  gsize i = 0;
  for (int k = 1; k <= 5; k++)
    {
      double target = x_end * k / 6.0;
      while (i + 1 < n && pts[i].x < target)
        i++;
      if (isfinite (pts[i].y) && (!c->log_y || pts[i].y > 0))
        draw_mark (cr, p, color, mark, _cl_chart_px (c, pts[i].x), _cl_chart_py (c, pts[i].y),
                   r * 0.85, TRUE);
    }
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

static double
x_extent (const Run *runs, int n)
{
  double x_max = 1;
  for (int i = 0; i < n; i++)
    if (runs[i].s != NULL)
      {
        if (runs[i].n_loss > 0)
          x_max = MAX (x_max, runs[i].loss[runs[i].n_loss - 1].x);
        if (runs[i].n_test > 0)
          x_max = MAX (x_max, runs[i].test_loss[runs[i].n_test - 1].x);
      }
  return ceil (x_max - 1e-9);
}

/* The chart's title and axes in (x, y, w, h); FALSE when too small. */
static gboolean
chart_frame (cairo_t *cr, const ClPalette *p, ClChart *c, double x, double y, double w, double h,
             const char *title, gboolean percent)
{
  c->x = x + p->font * 4.4;
  c->y = y + p->font * 1.9;
  c->w = w - (c->x - x) - p->font * 0.6;
  c->h = h - (c->y - y) - p->font * 2.8;
  c->x_integer = TRUE;
  if (c->w < 10 || c->h < 10)
    return FALSE;
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, x, y + p->font * 0.6, 0, 0.5, p->font, TRUE, title);
  _cl_chart_axes (cr, p, c, _("epoch"), NULL, percent);
  return TRUE;
}

static void
clip_to (cairo_t *cr, const ClPalette *p, const ClChart *c)
{
  double r = p->font * 0.5;
  cairo_rectangle (cr, c->x - r, c->y - r, c->w + 2 * r, c->h + 2 * r);
  cairo_clip (cr);
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
draw_loss (cairo_t *cr, const ClPalette *p, const Run *runs, int n, gboolean log_scale,
           double x, double y, double w, double h)
{
  double lo = INFINITY, hi = -INFINITY;
  for (int i = 0; i < n; i++)
    if (runs[i].s != NULL)
      {
        range (runs[i].loss, runs[i].n_loss, log_scale, &lo, &hi);
        range (runs[i].test_loss, runs[i].n_test, log_scale, &lo, &hi);
      }
  if (!(lo <= hi))
    lo = hi = log_scale ? 1 : 0;

  ClChart c = { 0 };
  c.x1 = x_extent (runs, n);
  c.log_y = log_scale;
  if (log_scale)
    {
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
  if (!chart_frame (cr, p, &c, x, y, w, h, _("Loss"), FALSE))
    return;
  cairo_save (cr);
  clip_to (cr, p, &c);
  for (int i = 0; i < n; i++)
    if (runs[i].s != NULL)
      {
        draw_series (cr, p, &c, runs[i].loss, runs[i].n_loss, p->series[i], (Mark) i, FALSE);
        draw_series (cr, p, &c, runs[i].test_loss, runs[i].n_test, p->series[i], (Mark) i, TRUE);
      }
  cairo_restore (cr);
}

static void
draw_accuracy (cairo_t *cr, const ClPalette *p, const Run *runs, int n, double x, double y,
               double w, double h)
{
  double lo = INFINITY, hi = -INFINITY;
  for (int i = 0; i < n; i++)
    if (runs[i].s != NULL)
      {
        range (runs[i].s->test_accuracy_history, runs[i].n_test, FALSE, &lo, &hi);
      }
  ClChart c = { 0 };
  c.x1 = x_extent (runs, n);
  /* Zoom on where the accuracy is, in steps of 10 %: 0.8–1 reads better than 0–1. */
  c.y0 = isfinite (lo) ? MAX (0, floor (lo * 10 - 0.5) / 10) : 0;
  c.y1 = 1;
  if (!chart_frame (cr, p, &c, x, y, w, h, _("Test accuracy"), TRUE))
    return;
  gboolean any = FALSE;
  cairo_save (cr);
  clip_to (cr, p, &c);
  for (int i = 0; i < n; i++)
    if (runs[i].s != NULL && runs[i].n_test > 0)
      {
        draw_series (cr, p, &c, runs[i].s->test_accuracy_history, runs[i].n_test, p->series[i],
                     (Mark) i, TRUE);
        any = TRUE;
      }
  cairo_restore (cr);
  if (!any)
    {
      _cl_render_set_color (cr, p->muted, 1);
      _cl_render_text (cr, c.x + c.w / 2, c.y + c.h / 2, 0.5, 0.5, p->font * 0.85, FALSE,
                       _("after the first epoch"));
    }
}

/* Where a run ended: the test accuracy (or the training one before a
 * test), or for regression the test loss (or the smoothed training loss). */
static char *
final_value (const Run *run)
{
  const ClSnapshot *s = run->s;
  if (run->has_accuracy)
    {
      double a = s->n_test_history > 0 ? s->test_accuracy_history[s->n_test_history - 1].y
                                       : s->train_accuracy_smooth;
      return isfinite (a) ? cl_format_percent (a, 1) : NULL;
    }
  double l = s->n_test_history > 0 ? s->test_loss_history[s->n_test_history - 1].y
                                   : s->train_loss_smooth;
  return isfinite (l) ? cl_format_significant (l, 3) : NULL;
}

/* One legend item: a swatch (line, marker) or nothing, a text, a muted
 * text after it. */
typedef struct {
  int run;              /* -1: no swatch */
  int key;              /* 0: none, 1: solid line, 2: dashed line with a marker (key row) */
  gboolean bold;
  char *text;
  char *after;          /* or NULL */
} Item;

static double
item_width (cairo_t *cr, const ClPalette *p, const Item *item)
{
  double em = p->font, w = 0;
  if (item->run >= 0 || item->key > 0)
    w += em * 2.4;
  w += _cl_render_text_width (cr, em * 0.85, item->bold, item->text);
  if (item->after != NULL)
    w += em * 0.5 + _cl_render_text_width (cr, em * 0.85, FALSE, item->after);
  return w;
}

static void
draw_item (cairo_t *cr, const ClPalette *p, const Item *item, double x, double y)
{
  double em = p->font;
  if (item->run >= 0 || item->key > 0)
    {
      ClColor color = item->run >= 0 ? p->series[item->run] : p->muted;
      Mark mark = item->run >= 0 ? (Mark) item->run : MARK_CIRCLE;
      gboolean dashed = item->key == 2;
      cairo_set_line_width (cr, MAX (1.5, em * 0.18));
      _cl_render_set_color (cr, color, 1);
      set_dash (cr, p, dashed);
      cairo_move_to (cr, x, y);
      cairo_line_to (cr, x + em * 1.9, y);
      cairo_stroke (cr);
      set_dash (cr, p, FALSE);
      draw_mark (cr, p, color, mark, x + em * 0.95, y, em * 0.3, !dashed);
      x += em * 2.4;
    }
  _cl_render_set_color (cr, p->fg, 1);
  x += _cl_render_text (cr, x, y, 0, 0.5, em * 0.85, item->bold, item->text);
  if (item->after != NULL)
    {
      _cl_render_set_color (cr, p->muted, 1);
      _cl_render_text (cr, x + em * 0.5, y, 0, 0.5, em * 0.85, FALSE, item->after);
    }
}

/* Items left to right, a new row when one would pass max_width; drawn
 * when `draw`.  Returns the number of rows. */
static int
legend (cairo_t *cr, const ClPalette *p, const Item *items, int n, double x0, double y0,
        double max_width, double row_h, gboolean draw)
{
  double x = x0, y = y0;
  int rows = 1;
  for (int i = 0; i < n; i++)
    {
      double w = item_width (cr, p, &items[i]);
      /* The key row (line styles) always starts a row of its own. */
      gboolean new_row = x > x0 && (x + w > x0 + max_width || (items[i].key > 0 && items[i - 1].key == 0));
      if (new_row)
        {
          rows++;
          x = x0;
          y += row_h;
        }
      if (draw)
        draw_item (cr, p, &items[i], x, y);
      x += w + p->font * 1.3;
    }
  return rows;
}

gboolean
cl_render_race (cairo_t *cr, ClSnapshot *const *snapshots, const char *const *labels,
                int n_runs, const ClRenderRaceOptions *options, int width, int height)
{
  ClRenderRaceOptions defaults;
  ClPalette p;

  g_return_val_if_fail (n_runs >= 0 && (n_runs == 0 || snapshots != NULL), FALSE);
  if (options == NULL)
    {
      cl_render_race_options_init (&defaults);
      options = &defaults;
    }
  if (!_cl_render_begin (cr, &options->style, width, height, &p))
    return FALSE;

  int n = MIN (n_runs, MAX_RUNS);
  Run runs[MAX_RUNS] = { { 0 } };
  gboolean any = FALSE, accuracy = FALSE, tested = FALSE;
  for (int i = 0; i < n; i++)
    if (snapshots[i] != NULL)
      {
        run_init (&runs[i], snapshots[i]);
        any |= runs[i].n_loss > 0 || runs[i].n_test > 0;
        accuracy |= runs[i].has_accuracy;
        tested |= runs[i].n_test > 0;
      }
  if (!any)
    {
      _cl_render_message (cr, &p, width, height, _("No training history yet: press Play."));
      for (int i = 0; i < n; i++)
        run_clear (&runs[i]);
      _cl_render_end (cr);
      return FALSE;
    }

  /* The legend: the setting, then each run and its result; under it the
   * key to the line styles. */
  Item items[MAX_RUNS + 3];
  int n_items = 0;
  if (options->title != NULL)
    items[n_items++] = (Item) { -1, 0, TRUE, g_strdup (options->title), NULL };
  for (int i = 0; i < n; i++)
    items[n_items++] = (Item) {
      i, 0, FALSE,
      g_strdup (labels != NULL && labels[i] != NULL ? labels[i] : "?"),
      runs[i].s != NULL ? final_value (&runs[i]) : NULL,
    };
  items[n_items++] = (Item) { -1, 1, FALSE, g_strdup (_("training, smoothed")), NULL };
  if (tested)
    items[n_items++] = (Item) { -1, 2, FALSE, g_strdup (_("test, each epoch")), NULL };

  double m = p.font * 0.8;
  double row_h = MAX (p.font * 0.85, p.min_text) * 1.55;
  int rows = legend (cr, &p, items, n_items, m, 0, width - 2 * m, row_h, FALSE);
  double top = m + rows * row_h;
  legend (cr, &p, items, n_items, m, m + row_h * 0.5, width - 2 * m, row_h, TRUE);
  for (int i = 0; i < n_items; i++)
    {
      g_free (items[i].text);
      g_free (items[i].after);
    }

  double x = m, y = top + m * 0.5, w = width - 2 * m, h = height - y - m;
  if (!accuracy)
    draw_loss (cr, &p, runs, n, options->log_scale, x, y, w, h);
  else if (width >= height * 1.3)
    {
      double lw = (w - m) * 0.55;
      draw_loss (cr, &p, runs, n, options->log_scale, x, y, lw, h);
      draw_accuracy (cr, &p, runs, n, x + lw + m, y, w - lw - m, h);
    }
  else
    {
      double lh = (h - m) * 0.55;
      draw_loss (cr, &p, runs, n, options->log_scale, x, y, w, lh);
      draw_accuracy (cr, &p, runs, n, x, y + lh + m, w, h - lh - m);
    }
  for (int i = 0; i < n; i++)
    run_clear (&runs[i]);
  _cl_render_end (cr);
  return TRUE;
}
