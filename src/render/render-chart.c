#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <math.h>

#include "render/number-format.h"
#include "render/render-private.h"

double
_cl_chart_px (const ClChart *c, double x)
{
  return c->x + (c->x1 > c->x0 ? (x - c->x0) / (c->x1 - c->x0) : 0.5) * c->w;
}

double
_cl_chart_py (const ClChart *c, double y)
{
  double t;
  if (c->log_y)
    t = y > 0 && c->y0 > 0 && c->y1 > c->y0 ? (log10 (y) - log10 (c->y0)) / (log10 (c->y1) - log10 (c->y0))
                                            : 0;
  else
    t = c->y1 > c->y0 ? (y - c->y0) / (c->y1 - c->y0) : 0.5;
  return c->y + c->h - t * c->h;
}

static void
hline (cairo_t *cr, const ClPalette *p, const ClChart *c, double py)
{
  if (c->no_grid)
    return;
  _cl_render_set_color (cr, p->grid, 1);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, c->x, round (py) + 0.5);
  cairo_line_to (cr, c->x + c->w, round (py) + 0.5);
  cairo_stroke (cr);
}

static void
y_label (cairo_t *cr, const ClPalette *p, const ClChart *c, double py, double v, gboolean percent)
{
  char text[32];
  if (percent)
    {
      g_autofree char *number = cl_format_percent (v, 0);
      g_strlcpy (text, number, sizeof text);
    }
  else
    _cl_render_format (text, sizeof text, v);
  _cl_render_set_color (cr, p->muted, 1);
  _cl_render_text (cr, c->x - p->font * 0.4, py, 1, 0.5, p->font * 0.8, FALSE, text);
}

void
_cl_chart_axes (cairo_t *cr, const ClPalette *p, const ClChart *c, const char *x_title,
                const char *y_title, gboolean y_percent)
{
  double first, step;

  /* y: decades (and 2, 5 between them when there are few) on a log axis. */
  if (c->log_y && c->y0 > 0)
    {
      int d0 = (int) floor (log10 (c->y0)), d1 = (int) ceil (log10 (c->y1));
      const double mult[] = { 1, 2, 5 };
      int per = d1 - d0 <= 3 ? 3 : 1;
      for (int d = d0; d <= d1; d++)
        for (int m = 0; m < per; m++)
          {
            double v = mult[m] * pow (10, d);
            if (v < c->y0 * 0.999 || v > c->y1 * 1.001)
              continue;
            double py = _cl_chart_py (c, v);
            hline (cr, p, c, py);
            y_label (cr, p, c, py, v, y_percent);
          }
    }
  else
    {
      _cl_render_nice_ticks (c->y0, c->y1, MAX (2, (int) (c->h / (p->font * 2.2))), &first, &step);
      for (double v = first; v <= c->y1 + step * 1e-6; v += step)
        {
          double py = _cl_chart_py (c, fabs (v) < step * 1e-9 ? 0 : v);
          hline (cr, p, c, py);
          y_label (cr, p, c, py, fabs (v) < step * 1e-9 ? 0 : v, y_percent);
        }
    }

  _cl_render_nice_ticks (c->x0, c->x1, MAX (2, (int) (c->w / (p->font * 5))), &first, &step);
  if (c->x_integer && step < 1)
    {
      step = 1;
      first = ceil (c->x0);
    }
  for (double v = first; v <= c->x1 + step * 1e-6; v += step)
    {
      char text[32];
      double px = _cl_chart_px (c, v);
      _cl_render_format (text, sizeof text, fabs (v) < step * 1e-9 ? 0 : v);
      _cl_render_set_color (cr, p->grid, 1);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, round (px) + 0.5, c->y + c->h);
      cairo_line_to (cr, round (px) + 0.5, c->y + c->h + p->font * 0.3);
      cairo_stroke (cr);
      _cl_render_set_color (cr, p->muted, 1);
      _cl_render_text (cr, px, c->y + c->h + p->font * 0.9, 0.5, 0.5, p->font * 0.8, FALSE, text);
    }

  /* The x axis line. */
  _cl_render_set_color (cr, p->muted, 1);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, c->x, round (c->y + c->h) + 0.5);
  cairo_line_to (cr, c->x + c->w, round (c->y + c->h) + 0.5);
  cairo_stroke (cr);

  _cl_render_set_color (cr, p->fg, 1);
  if (x_title != NULL)
    _cl_render_text (cr, c->x + c->w / 2, c->y + c->h + p->font * 2.1, 0.5, 0.5, p->font * 0.85,
                     FALSE, x_title);
  if (y_title != NULL)
    {
      cairo_save (cr);
      cairo_translate (cr, c->x - p->font * 3.6, c->y + c->h / 2);
      cairo_rotate (cr, -G_PI / 2);
      _cl_render_text (cr, 0, 0, 0.5, 0.5, p->font * 0.85, FALSE, y_title);
      cairo_restore (cr);
    }
}

/* The legend's size unit: the font, shrunk to fit one row when it can. */
static double
legend_em (cairo_t *cr, const ClPalette *p, double max_width, const char * const *labels, int n)
{
  double em = p->font, natural = 0;

  for (int i = 0; i < n; i++)
    natural += em * 3.0 + _cl_render_text_width (cr, em * 0.8, FALSE, labels[i]);
  if (natural > max_width && max_width > 0)
    em *= max_width / natural;   /* smaller rather than overlapping its neighbour */
  return em;
}

static double
legend_row_height (const ClPalette *p, double em)
{
  return MAX (em * 0.8, p->min_text) * 1.3;
}

/* Lays the entries out, row after row when the text cannot shrink enough
 * (the floor of a presented picture); draws them when `draw`. */
static int
legend_layout (cairo_t *cr, const ClPalette *p, double x, double y, double max_width,
               const ClColor *colors, const double *alphas, const char * const *labels, int n,
               gboolean draw, double *used)
{
  double em = legend_em (cr, p, max_width, labels, n), x0 = x, row_h = legend_row_height (p, em);
  int rows = 1;

  *used = 0;
  for (int i = 0; i < n; i++)
    {
      double w = em * 1.8 + _cl_render_text_width (cr, em * 0.8, FALSE, labels[i]);
      if (x > x0 && x + w > x0 + max_width)
        {
          rows++;
          x = x0;
          y += row_h;
        }
      if (draw)
        {
          _cl_render_set_color (cr, colors[i], alphas != NULL ? alphas[i] : 1);
          cairo_set_line_width (cr, em * 0.22);
          cairo_move_to (cr, x, y);
          cairo_line_to (cr, x + em * 1.4, y);
          cairo_stroke (cr);
          _cl_render_set_color (cr, p->fg, 1);
          _cl_render_text (cr, x + em * 1.8, y, 0, 0.5, em * 0.8, FALSE, labels[i]);
        }
      x += w;
      *used = MAX (*used, x - x0);
      x += em * 1.2;
    }
  return rows;
}

double
_cl_chart_legend_extra_height (cairo_t *cr, const ClPalette *p, double max_width,
                               const char * const *labels, int n)
{
  double used;
  int rows = legend_layout (cr, p, 0, 0, max_width, NULL, NULL, labels, n, FALSE, &used);
  return (rows - 1) * legend_row_height (p, legend_em (cr, p, max_width, labels, n));
}

double
_cl_chart_legend (cairo_t *cr, const ClPalette *p, double x, double y, double max_width,
                  const ClColor *colors, const double *alphas, const char * const *labels, int n)
{
  double used;
  legend_layout (cr, p, x, y, max_width, colors, alphas, labels, n, TRUE, &used);
  return used;
}

void
_cl_chart_smooth (const ClPoint *in, gsize n, ClPoint *out)
{
  double alpha = 1.0 / MAX (1.0, n / 25.0), avg = NAN;
  for (gsize i = 0; i < n; i++)
    {
      if (isfinite (in[i].y))
        avg = isnan (avg) ? in[i].y : avg + alpha * (in[i].y - avg);
      out[i] = (ClPoint) { in[i].x, avg };
    }
}

void
_cl_chart_polyline (cairo_t *cr, const ClChart *c, const ClPoint *pts, gsize n)
{
  gboolean pen = FALSE;
  for (gsize i = 0; i < n; i++)
    {
      double y = pts[i].y;
      if (!isfinite (y) || (c->log_y && y <= 0))
        {
          pen = FALSE;   /* a gap, not a line to a wrong place */
          continue;
        }
      double px = _cl_chart_px (c, pts[i].x), py = _cl_chart_py (c, y);
      if (pen)
        cairo_line_to (cr, px, py);
      else
        cairo_move_to (cr, px, py);
      pen = TRUE;
    }
}
