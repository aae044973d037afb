/* render-descent.c — gradient descent drawn: the function as a curve or a
 * contour map, each optimiser's iterates as dots joined by arrows, the
 * learning rate's regime and the numbers of each path's last step. */
#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "render/contour.h"
#include "render/number-format.h"
#include "render/render-descent.h"
#include "render/render-private.h"

/* A 2D map's grid for its contour lines: fine enough for smooth ellipses
 * at any picture size, cheap enough to redo on every drag. */
#define GRID 121
#define N_LEVELS 14

void
cl_render_descent_options_init (ClRenderDescentOptions *options)
{
  const ClDescentInfo *info = cl_descent_get_info (CL_DESCENT_SQUARE);

  *options = (ClRenderDescentOptions) {
    .function = CL_DESCENT_SQUARE,
    .start = { info->start[0], info->start[1] },
    .lr = cl_descent_preset (CL_DESCENT_SQUARE, CL_DESCENT_GOOD),
  };
}

const char *
cl_render_descent_optimiser_name (ClOptimKind kind)
{
  switch (kind)
    {
    case CL_OPTIM_SGD:
      return _("Gradient descent");
    case CL_OPTIM_MOMENTUM:
      return _("Momentum");
    case CL_OPTIM_NESTEROV:
      return _("Nesterov");
    case CL_OPTIM_RMSPROP:
      return _("RMSprop");
    case CL_OPTIM_ADAM:
    default:
      return _("Adam");
    }
}

const char *
cl_render_descent_function_name (ClDescentFunction f)
{
  switch (f)
    {
    case CL_DESCENT_SQUARE:
      return _("Parabola");
    case CL_DESCENT_TWO_VALLEYS:
      return _("Two valleys");
    case CL_DESCENT_BOWL:
      return _("Round bowl");
    case CL_DESCENT_ELONGATED:
      return _("Elongated bowl");
    case CL_DESCENT_ROSENBROCK:
    default:
      return _("Rosenbrock’s valley");
    }
}

/* Mathematics reads the same in every language. */
const char *
cl_render_descent_formula (ClDescentFunction f)
{
  static const char *const formulas[CL_DESCENT_N_FUNCTIONS] = {
    "f(x) = x²",
    "f(x) = x⁴ − 3x² + x",
    "f(x, y) = x² + y²",
    "f(x, y) = x² + 10y²",
    "f(x, y) = (1 − x)² + 100 (y − x²)²",
  };
  return formulas[MIN (f, CL_DESCENT_N_FUNCTIONS - 1)];
}

const char *
cl_render_descent_regime_name (ClDescentRegime regime)
{
  switch (regime)
    {
    case CL_DESCENT_TOO_SMALL:
      return _("too small");
    case CL_DESCENT_GOOD:
      return _("good");
    case CL_DESCENT_TOO_LARGE:
      return _("too large: it oscillates");
    case CL_DESCENT_DIVERGES:
    default:
      return _("diverges");
    }
}

char *
cl_render_descent_regime_text (ClDescentFunction f, double lr)
{
  double curvature = cl_descent_curvature (f);
  g_autofree char *eta = cl_format_significant (lr, 3);
  g_autofree char *product = cl_format_significant (lr * curvature, 3);
  g_autofree char *limit = cl_format_significant (2 / curvature, 3);

  /* Translators: the learning rate, its regime ("good", "diverges"),
   * η times the largest curvature at the minimum, and the learning rate
   * from which plain gradient descent diverges. */
  return g_strdup_printf (_("η = %s: %s for plain gradient descent (η·λmax = %s at the minimum; diverges from η = %s)"), eta,
                          cl_render_descent_regime_name (cl_descent_regime (f, lr)), product,
                          limit);
}

static char *
format_vector (int dims, double x, double y)
{
  g_autofree char *a = cl_format_significant (x, 4);
  if (dims == 1)
    return g_steal_pointer (&a);
  g_autofree char *b = cl_format_significant (y, 4);
  /* Translators: a point or a vector (x, y); French writes (x ; y) since
   * its decimal separator is the comma. */
  return g_strdup_printf (_("(%s, %s)"), a, b);
}

/* A path's last step, formatted once for the one-line and the column
 * layouts alike. */
typedef struct
{
  const char *name;
  int step;                               /* steps made */
  int diverged;                           /* cl_descent_path_get_diverged () */
  char *from, *grad, *update, *x, *value; /* from, grad, update: NULL at the start */
} StepPieces;

static void
step_pieces (const ClDescentPath *path, StepPieces *s)
{
  int dims = cl_descent_get_info (cl_descent_path_get_function (path))->dims;
  int n = cl_descent_path_get_n_points (path);
  const ClDescentPoint *last = cl_descent_path_get_point (path, n - 1);

  *s = (StepPieces) {
    .name = cl_render_descent_optimiser_name (cl_descent_path_get_settings (path)->optimiser),
    .step = n - 1,
    .diverged = cl_descent_path_get_diverged (path),
    .x = format_vector (dims, last->x[0], last->x[1]),
    .value = cl_format_significant (last->value, 4),
  };
  if (n == 1)
    {
      s->grad = format_vector (dims, last->grad[0], last->grad[1]);
      return;
    }
  const ClDescentPoint *prev = cl_descent_path_get_point (path, n - 2);
  s->from = format_vector (dims, prev->x[0], prev->x[1]);
  s->grad = format_vector (dims, prev->grad[0], prev->grad[1]);
  /* What the optimiser actually moved: −η·g for plain descent, more
   * (or less) with momentum and Adam. */
  s->update
      = format_vector (dims, (double) last->x[0] - prev->x[0], (double) last->x[1] - prev->x[1]);
}

static void
step_pieces_clear (StepPieces *s)
{
  g_free (s->from);
  g_free (s->grad);
  g_free (s->update);
  g_free (s->x);
  g_free (s->value);
}

static char *
diverged_limit (void)
{
  return cl_format_significant (CL_DESCENT_DIVERGED, 3);
}

char *
cl_render_descent_step_text (const ClDescentPath *path)
{
  StepPieces s;
  char *text;

  step_pieces (path, &s);
  if (s.diverged > 0)
    {
      g_autofree char *limit = diverged_limit ();
      /* Translators: an optimiser's name, the step number, the limit
       * (10 000) and the last point kept. */
      text = g_strdup_printf (_("%s · diverged at step %d: x went beyond ±%s (last x = %s)"),
                              s.name, s.diverged, limit, s.x);
    }
  else if (s.from == NULL)
    /* Translators: an optimiser's name, the start point, f there and
     * the gradient there. */
    text = g_strdup_printf (_("%s · start: x = %s, f(x) = %s, gradient %s"), s.name, s.x, s.value,
                            s.grad);
  else
    /* Translators: an optimiser's name, the step number, the point the
     * step started from, the gradient there, the update it made, the new
     * point and f there. */
    text = g_strdup_printf (_("%s · step %d: x = %s, gradient %s, update %s → x = %s, f(x) = %s"),
                            s.name, s.step, s.from, s.grad, s.update, s.x, s.value);
  step_pieces_clear (&s);
  return text;
}

/* The same as rows, for the column beside a map: a heading, then one
 * quantity a row. */
static GPtrArray *
step_rows (const ClDescentPath *path)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  StepPieces s;

  step_pieces (path, &s);
  if (s.diverged > 0)
    {
      g_autofree char *limit = diverged_limit ();
      /* The name alone: with the news beside it the heading would not
       * fit the column. */
      g_ptr_array_add (rows, g_strdup (s.name));
      /* Translators: a step number. */
      g_ptr_array_add (rows, g_strdup_printf (_("diverged at step %d"), s.diverged));
      /* Translators: where a diverging path went (10 000). */
      g_ptr_array_add (rows, g_strdup_printf (_("x went beyond ±%s"), limit));
      /* Translators: the last point kept before it diverged. */
      g_ptr_array_add (rows, g_strdup_printf (_("last x = %s"), s.x));
    }
  else if (s.from == NULL)
    {
      /* Translators: an optimiser's name, before the first step. */
      g_ptr_array_add (rows, g_strdup_printf (_("%s · start"), s.name));
      g_ptr_array_add (rows, g_strdup_printf ("x = %s", s.x));
      g_ptr_array_add (rows, g_strdup_printf ("f(x) = %s", s.value));
      /* Translators: the gradient, a vector. */
      g_ptr_array_add (rows, g_strdup_printf (_("gradient %s"), s.grad));
    }
  else
    {
      /* Translators: an optimiser's name and the step number. */
      g_ptr_array_add (rows, g_strdup_printf (_("%s · step %d"), s.name, s.step));
      g_ptr_array_add (rows, g_strdup_printf ("x = %s", s.from));
      g_ptr_array_add (rows, g_strdup_printf (_("gradient %s"), s.grad));
      /* Translators: the step the optimiser made, a vector. */
      g_ptr_array_add (rows, g_strdup_printf (_("update %s"), s.update));
      g_ptr_array_add (rows, g_strdup_printf ("→ x = %s", s.x));
      g_ptr_array_add (rows, g_strdup_printf ("f(x) = %s", s.value));
    }
  step_pieces_clear (&s);
  return rows;
}

/* The rows a path's column takes: the most any step has, so the column
 * does not jump as the path goes from its start to its steps. */
#define ROWS_PER_PATH 6.6

/* ---- layout ------------------------------------------------------------ */

typedef struct
{
  double m; /* margin */
  double title_y, regime_y;
  /* The steps' numbers: one line each under the plot, or a column of
   * rows beside a map when the picture is wider than the map. */
  gboolean column;
  double lines_y;                       /* under the plot: the first line */
  double col_x, col_y, col_w, col_size; /* beside it: where, and the text size */
  ClChart chart;
} Layout;

/* f's range over the drawn x, padded: the 1D plot's vertical axis. */
static void
curve_range (ClDescentFunction f, const ClDescentInfo *info, double *lo, double *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (int i = 0; i <= 200; i++)
    {
      float x[2] = { (float) (info->x0 + (info->x1 - info->x0) * i / 200), 0 };
      double v = cl_descent_value (f, x);
      *lo = MIN (*lo, v);
      *hi = MAX (*hi, v);
    }
  double pad = (*hi - *lo) * 0.06;
  *lo -= pad;
  *hi += pad;
}

/* A 2D map fitted in w × h with one unit as long across as up: an
 * elongated bowl looks it. */
static void
fit_map (ClChart *c, const ClDescentInfo *info, double left, double top, double w, double h)
{
  double scale = MIN (w / (info->x1 - info->x0), h / (info->y1 - info->y0));
  *c = (ClChart) { left,
                  top,
                  (info->x1 - info->x0) * scale,
                  (info->y1 - info->y0) * scale,
                  info->x0,
                  info->x1,
                  info->y0,
                  info->y1,
                  FALSE };
}

static gboolean
layout (const ClPalette *p, const ClRenderDescentOptions *o, int width, int height, Layout *l)
{
  const ClDescentInfo *info = cl_descent_get_info (o->function);
  double f = p->font;
  int n_lines = MAX (1, o->n_paths);
  ClChart *c = &l->chart;

  l->m = f * 0.8;
  l->title_y = l->m + f * 0.6;
  l->regime_y = l->m + f * 1.9;
  double top = l->m + f * 3.0;
  double left = l->m + f * 4.6;
  double axis = f * 2.9; /* the x ticks and title under the plot */

  /* The numbers in a column of 16 em beside the plot whenever the plot
   * keeps at least half its height in width: a slide is wider than high,
   * and a column of short rows stays readable where one long line per
   * path would shrink to nothing. */
  l->column = FALSE;
  double h = height - l->m - axis - top;
  double plot_w = width - l->m - left - f * 1.5 - f * 16;
  if (h >= 40 && plot_w >= MAX (f * 10, 0.5 * h))
    {
      if (info->dims == 2)
        fit_map (c, info, left, top, plot_w, h);
      else
        {
          *c = (ClChart) { left, top, plot_w, h, info->x0, info->x1, 0, 1, FALSE };
          curve_range (o->function, info, &c->y0, &c->y1);
        }
      l->column = TRUE;
      l->col_x = c->x + c->w + f * 1.5;
      l->col_y = top;
      l->col_w = width - l->m - l->col_x;
      /* Rows shrink to fit the plot's height, down to the floor. */
      l->col_size = MAX (p->min_text, MIN (f * 0.8, h / (n_lines * ROWS_PER_PATH * 1.3)));
      return TRUE;
    }

  l->lines_y = height - l->m - (n_lines - 0.5) * f * 1.35;
  double bottom = height - l->m - n_lines * f * 1.35 - axis;
  double w = width - l->m - left;
  h = bottom - top;
  if (w < 40 || h < 40)
    return FALSE;
  if (info->dims == 1)
    {
      *c = (ClChart) { left, top, w, h, info->x0, info->x1, 0, 1, FALSE };
      curve_range (o->function, info, &c->y0, &c->y1);
    }
  else
    {
      fit_map (c, info, left, top, w, h);
      c->x = left + (w - c->w) / 2; /* centred over its lines */
    }
  return TRUE;
}

/* Text shrunk to `max_width`: the width Cairo measures is not quite
 * proportional to the size (hinting), so check again until it fits or
 * reaches the picture's floor. */
static double
fit_text (cairo_t *cr, double size, gboolean bold, const char *text, double max_width)
{
  for (int i = 0; i < 6; i++)
    {
      double fitted = _cl_render_fit_size (cr, size, bold, text, max_width);
      if (_cl_render_text_width (cr, fitted, bold, text) <= max_width || fitted >= size)
        return fitted;
      size = fitted * 0.97;
    }
  return _cl_render_fit_size (cr, size, bold, text, max_width);
}

gboolean
cl_render_descent_area (const ClRenderDescentOptions *options, int width, int height,
                        ClRenderDescentArea *area)
{
  /* The font follows the picture's size and style exactly as when it is
   * drawn: take it from the same beginning, on a scratch pixel. */
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (scratch);
  ClPalette p;
  Layout l;
  gboolean ok = _cl_render_begin (cr, &options->style, width, height, &p);

  if (ok)
    {
      _cl_render_end (cr);
      ok = layout (&p, options, width, height, &l);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  if (ok)
    *area = (ClRenderDescentArea) { l.chart.x,  l.chart.y,  l.chart.w,  l.chart.h,
                                   l.chart.x0, l.chart.x1, l.chart.y0, l.chart.y1 };
  return ok;
}

void
cl_render_descent_to_pixel (const ClRenderDescentArea *a, double x, double y, double *px,
                            double *py)
{
  *px = a->x + (x - a->x0) / (a->x1 - a->x0) * a->w;
  *py = a->y + a->h - (y - a->y0) / (a->y1 - a->y0) * a->h;
}

void
cl_render_descent_from_pixel (const ClRenderDescentArea *a, double px, double py, double *x,
                              double *y)
{
  *x = a->x0 + (px - a->x) / a->w * (a->x1 - a->x0);
  *y = a->y0 + (a->y + a->h - py) / a->h * (a->y1 - a->y0);
}

/* ---- drawing ----------------------------------------------------------- */

/* A diverging path's points lie far outside the plot: keep them where
 * Cairo's fixed-point coordinates still hold, the clip does the rest. */
static double
clamp_px (double v)
{
  return CLAMP (v, -1e5, 1e5);
}

static void
point_px (const ClChart *c, int dims, const ClDescentPoint *pt, double *px, double *py)
{
  *px = clamp_px (_cl_chart_px (c, pt->x[0]));
  *py = clamp_px (_cl_chart_py (c, dims == 1 ? pt->value : pt->x[1]));
}

typedef struct
{
  cairo_t *cr;
  const ClChart *chart;
} SegmentTarget;

static void
add_segment (double x0, double y0, double x1, double y1, gpointer data)
{
  SegmentTarget *t = data;
  const ClChart *c = t->chart;
  double sx = (c->x1 - c->x0) / (GRID - 1), sy = (c->y1 - c->y0) / (GRID - 1);

  cairo_move_to (t->cr, _cl_chart_px (c, c->x0 + x0 * sx), _cl_chart_py (c, c->y0 + y0 * sy));
  cairo_line_to (t->cr, _cl_chart_px (c, c->x0 + x1 * sx), _cl_chart_py (c, c->y0 + y1 * sy));
}

/* Level lines evenly spaced in √(f − min) — a quadratic bowl's ellipses
 * one step apart — or in log f for Rosenbrock's steep walls and flat
 * valley. */
static void
draw_contours (cairo_t *cr, const ClPalette *p, ClDescentFunction f, const ClChart *c)
{
  const ClDescentInfo *info = cl_descent_get_info (f);
  g_autofree float *grid = g_new (float, GRID *GRID);
  double m[2], lo = INFINITY, hi = -INFINITY;

  cl_descent_minimum (f, m);
  float mf[2] = { (float) m[0], (float) m[1] };
  double floor_value = cl_descent_value (f, mf);
  for (int j = 0; j < GRID; j++)
    for (int i = 0; i < GRID; i++)
      {
        float x[2] = { (float) (c->x0 + (c->x1 - c->x0) * i / (GRID - 1)),
                       (float) (c->y0 + (c->y1 - c->y0) * j / (GRID - 1)) };
        double d = MAX (0, cl_descent_value (f, x) - floor_value);
        float v = (float) (info->log_levels ? log10 (d + 0.01) : sqrt (d));
        grid[j * GRID + i] = v;
        lo = MIN (lo, v);
        hi = MAX (hi, v);
      }

  SegmentTarget target = { cr, c };
  cairo_save (cr);
  cairo_rectangle (cr, c->x, c->y, c->w, c->h);
  cairo_clip (cr);
  cairo_set_line_width (cr, MAX (1, p->font * 0.07));
  for (int k = 0; k < N_LEVELS; k++)
    {
      double t = (k + 0.5) / N_LEVELS;
      /* Low levels darker: the eye finds the valley floor. */
      ClColor color = cl_colormap_sequential (0.15 + 0.7 * t);
      _cl_render_set_color (cr, color, 0.75);
      cl_contour_segments (grid, GRID, GRID, lo + (hi - lo) * t, add_segment, &target);
      cairo_stroke (cr);
    }
  /* The minimum: a small cross. */
  double mx = _cl_chart_px (c, m[0]), my = _cl_chart_py (c, m[1]), r = p->font * 0.35;
  _cl_render_set_color (cr, p->fg, 1);
  cairo_set_line_width (cr, MAX (1.5, p->font * 0.1));
  cairo_move_to (cr, mx - r, my - r);
  cairo_line_to (cr, mx + r, my + r);
  cairo_move_to (cr, mx - r, my + r);
  cairo_line_to (cr, mx + r, my - r);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_curve (cairo_t *cr, const ClPalette *p, ClDescentFunction f, const ClChart *c)
{
  cairo_save (cr);
  cairo_rectangle (cr, c->x, c->y, c->w, c->h);
  cairo_clip (cr);
  _cl_render_set_color (cr, p->fg, 0.85);
  cairo_set_line_width (cr, MAX (1.5, p->font * 0.12));
  int n = MAX (100, (int) c->w);
  for (int i = 0; i <= n; i++)
    {
      float x[2] = { (float) (c->x0 + (c->x1 - c->x0) * i / n), 0 };
      cairo_line_to (cr, _cl_chart_px (c, x[0]), _cl_chart_py (c, cl_descent_value (f, x)));
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_arrow (cairo_t *cr, double x0, double y0, double x1, double y1, double head)
{
  double dx = x1 - x0, dy = y1 - y0, len = hypot (dx, dy);

  cairo_move_to (cr, x0, y0);
  cairo_line_to (cr, x1, y1);
  cairo_stroke (cr);
  /* Only where the step is long enough to carry a head without hiding it. */
  if (len < head * 2)
    return;
  double ux = dx / len, uy = dy / len;
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x1 - head * (ux * 1.0 - uy * 0.5), y1 - head * (uy * 1.0 + ux * 0.5));
  cairo_line_to (cr, x1 - head * (ux * 1.0 + uy * 0.5), y1 - head * (uy * 1.0 - ux * 0.5));
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_path (cairo_t *cr, const ClPalette *p, const ClChart *c, const ClDescentPath *path,
           ClColor color)
{
  ClDescentFunction f = cl_descent_path_get_function (path);
  int dims = cl_descent_get_info (f)->dims;
  int n = cl_descent_path_get_n_points (path);
  double dot = p->font * 0.17, head = p->font * 0.45;

  cairo_save (cr);
  cairo_rectangle (cr, c->x, c->y, c->w, c->h);
  cairo_clip (cr);
  _cl_render_set_color (cr, color, 1);
  cairo_set_line_width (cr, MAX (1.5, p->font * 0.1));
  for (int i = 0; i + 1 < n; i++)
    {
      double ax, ay, bx, by;
      point_px (c, dims, cl_descent_path_get_point (path, i), &ax, &ay);
      point_px (c, dims, cl_descent_path_get_point (path, i + 1), &bx, &by);
      draw_arrow (cr, ax, ay, bx, by, head);
    }
  for (int i = 0; i < n; i++)
    {
      double x, y;
      point_px (c, dims, cl_descent_path_get_point (path, i), &x, &y);
      if (!isfinite (x) || !isfinite (y))
        continue;
      cairo_arc (cr, x, y, i == n - 1 ? dot * 2 : dot, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  /* The current iterate: ringed so it stands out on the others. */
  double x, y;
  point_px (c, dims, cl_descent_path_get_point (path, n - 1), &x, &y);
  if (isfinite (x) && isfinite (y))
    {
      _cl_render_set_color (cr, p->bg, 1);
      cairo_set_line_width (cr, MAX (1, p->font * 0.08));
      cairo_arc (cr, x, y, dot * 2, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

/* The start the user drags: a ring, and in 1D a triangle on the x axis
 * under it, the handle's track. */
static void
draw_start (cairo_t *cr, const ClPalette *p, const ClRenderDescentOptions *o, const ClChart *c)
{
  int dims = cl_descent_get_info (o->function)->dims;
  double sx = _cl_chart_px (c, o->start[0]);
  double sy = _cl_chart_py (c, dims == 1 ? cl_descent_value (o->function, o->start) : o->start[1]);
  double r = p->font * 0.5;

  if (!isfinite (sx) || !isfinite (sy))
    return;
  cairo_save (cr);
  _cl_render_set_color (cr, p->fg, 1);
  cairo_set_line_width (cr, MAX (1.5, p->font * 0.12));
  cairo_arc (cr, clamp_px (sx), clamp_px (sy), r, 0, 2 * G_PI);
  cairo_stroke (cr);
  if (dims == 1)
    {
      double base = c->y + c->h;
      cairo_set_line_width (cr, 1);
      double dash = p->font * 0.25;
      cairo_set_dash (cr, &dash, 1, 0);
      cairo_move_to (cr, sx, clamp_px (sy) + r);
      cairo_line_to (cr, sx, base);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      cairo_move_to (cr, sx, base);
      cairo_line_to (cr, sx - r, base + r * 1.5);
      cairo_line_to (cr, sx + r, base + r * 1.5);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  cairo_restore (cr);
}

static ClColor
regime_color (const ClPalette *p, ClDescentRegime regime)
{
  switch (regime)
    {
    case CL_DESCENT_TOO_SMALL:
      return p->muted;
    case CL_DESCENT_GOOD:
      return (ClColor) { 0.10, 0.62, 0.30 };
    case CL_DESCENT_TOO_LARGE:
      return (ClColor) { 0.90, 0.50, 0.00 };
    case CL_DESCENT_DIVERGES:
    default:
      return (ClColor) { 0.86, 0.15, 0.15 };
    }
}

/* A diverged path's fate, large, in the plot: the picture says it even
 * when the numbers below are not read. */
static void
draw_diverged (cairo_t *cr, const ClPalette *p, const ClRenderDescentOptions *o, const ClChart *c)
{
  double y = c->y + p->font * 1.2;

  for (int i = 0; i < o->n_paths; i++)
    {
      int step = cl_descent_path_get_diverged (o->paths[i]);
      if (step == 0)
        continue;
      const char *name = cl_render_descent_optimiser_name (
          cl_descent_path_get_settings (o->paths[i])->optimiser);
      /* Translators: an optimiser's name and a step number. */
      g_autofree char *text = g_strdup_printf (_("%s diverged at step %d"), name, step);
      double size = fit_text (cr, p->font * 1.1, TRUE, text, c->w - p->font);
      double tw = _cl_render_text_width (cr, size, TRUE, text);
      _cl_render_set_color (cr, p->bg, 0.85);
      cairo_rectangle (cr, c->x + (c->w - tw) / 2 - size * 0.3, y - size * 0.75, tw + size * 0.6,
                       size * 1.5);
      cairo_fill (cr);
      _cl_render_set_color (cr, regime_color (p, CL_DESCENT_DIVERGES), 1);
      _cl_render_text (cr, c->x + c->w / 2, y, 0.5, 0.5, size, TRUE, text);
      y += size * 1.6;
    }
}

static void
draw_swatch (cairo_t *cr, const ClPalette *p, double x, double y, ClColor color)
{
  _cl_render_set_color (cr, color, 1);
  cairo_set_line_width (cr, p->font * 0.22);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + p->font * 1.2, y);
  cairo_stroke (cr);
}

/* Path i's rows in the column: its heading in its colour, by its swatch. */
static void
draw_column (cairo_t *cr, const ClPalette *p, const Layout *l, int i, const ClDescentPath *path)
{
  g_autoptr (GPtrArray) rows = step_rows (path);
  double size = l->col_size, row = size * 1.3;
  double y = l->col_y + i * ROWS_PER_PATH * row + row / 2;
  double indent = p->font * 1.6;

  draw_swatch (cr, p, l->col_x, y, p->series[i]);
  for (guint r = 0; r < rows->len; r++, y += row)
    {
      const char *text = g_ptr_array_index (rows, r);
      gboolean heading = r == 0;
      _cl_render_set_color (cr, heading ? p->series[i] : p->fg, 1);
      _cl_render_text (cr, l->col_x + indent, y, 0, 0.5,
                       fit_text (cr, size, heading, text, l->col_w - indent), heading, text);
    }
}

gboolean
cl_render_descent (cairo_t *cr, const ClRenderDescentOptions *o, int width, int height)
{
  ClPalette p;
  Layout l;

  g_return_val_if_fail (o != NULL, FALSE);
  g_return_val_if_fail (o->function < CL_DESCENT_N_FUNCTIONS, FALSE);
  g_return_val_if_fail (o->n_paths >= 0 && o->n_paths <= CL_RENDER_DESCENT_MAX_PATHS, FALSE);

  if (!_cl_render_begin (cr, &o->style, width, height, &p))
    return FALSE;
  if (!layout (&p, o, width, height, &l))
    {
      _cl_render_end (cr);
      return FALSE;
    }
  const ClDescentInfo *info = cl_descent_get_info (o->function);
  const ClChart *c = &l.chart;

  /* Title: the function's name and formula. */
  g_autofree char *title
      = g_strdup_printf ("%s   %s", cl_render_descent_function_name (o->function),
                         cl_render_descent_formula (o->function));
  _cl_render_set_color (cr, p.fg, 1);
  _cl_render_text (cr, l.m, l.title_y, 0, 0.5, fit_text (cr, p.font, TRUE, title, width - 2 * l.m),
                   TRUE, title);
  g_autofree char *regime = cl_render_descent_regime_text (o->function, o->lr);
  _cl_render_set_color (cr, regime_color (&p, cl_descent_regime (o->function, o->lr)), 1);
  _cl_render_text (cr, l.m, l.regime_y, 0, 0.5,
                   fit_text (cr, p.font * 0.85, TRUE, regime, width - 2 * l.m), TRUE, regime);

  _cl_chart_axes (cr, &p, c, "x", info->dims == 1 ? "f(x)" : "y", FALSE);
  if (info->dims == 1)
    draw_curve (cr, &p, o->function, c);
  else
    draw_contours (cr, &p, o->function, c);
  /* The first path on top: plain descent, the reference. */
  for (int i = o->n_paths - 1; i >= 0; i--)
    draw_path (cr, &p, c, o->paths[i], p.series[i]);
  draw_start (cr, &p, o, c);
  draw_diverged (cr, &p, o, c);

  /* Each path's last step, its colour as the legend. */
  for (int i = 0; i < o->n_paths; i++)
    {
      if (l.column)
        draw_column (cr, &p, &l, i, o->paths[i]);
      else
        {
          double y = l.lines_y + i * p.font * 1.35;
          g_autofree char *text = cl_render_descent_step_text (o->paths[i]);
          draw_swatch (cr, &p, l.m, y, p.series[i]);
          double x = l.m + p.font * 1.6;
          _cl_render_set_color (cr, p.fg, 1);
          _cl_render_text (cr, x, y, 0, 0.5,
                           fit_text (cr, p.font * 0.8, FALSE, text, width - l.m - x), FALSE, text);
        }
    }
  _cl_render_end (cr);
  return TRUE;
}
