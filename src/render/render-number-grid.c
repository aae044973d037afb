#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <math.h>

#include "render/number-format.h"
#include "render/render-number-grid.h"

int
_cl_render_grid_decimals (const float *v, gsize n)
{
  double m = _cl_render_max_abs (v, n);
  return m >= 10 ? 1 : m >= 0.1 ? 2 : 3;
}

/* The widest number of that many decimals: "-0,000" at three. */
static double
number_width (cairo_t *cr, double size, int decimals)
{
  g_autofree char *widest = cl_format_fixed (-8.0, decimals);
  return _cl_render_text_width (cr, size, FALSE, widest);
}

/* Numbers are written at 0.3 of the cell, never under the floor. */
double
_cl_render_number_cell_min (cairo_t *cr, const ClPalette *p, int decimals)
{
  double size = p->min_text;
  return MAX (size / 0.3, number_width (cr, size, decimals) / 0.9);
}

gboolean
_cl_render_number_grid (cairo_t *cr, const ClPalette *p, const float *v, int rows, int cols,
                        double x, double y, double cell, ClMapKind kind, double lo, double hi,
                        int decimals)
{
  if (rows <= 0 || cols <= 0 || cell <= 0)
    return FALSE;
  _cl_render_grid (cr, v, rows, cols, cols, x, y, cell, cell, kind, lo, hi);

  /* Thin separations: each value its own square, as on the slide. */
  _cl_render_set_color (cr, p->grid, 1);
  cairo_set_line_width (cr, MAX (1, cell * 0.03));
  for (int i = 0; i <= rows; i++)
    {
      cairo_move_to (cr, x, y + i * cell);
      cairo_line_to (cr, x + cols * cell, y + i * cell);
    }
  for (int j = 0; j <= cols; j++)
    {
      cairo_move_to (cr, x + j * cell, y);
      cairo_line_to (cr, x + j * cell, y + rows * cell);
    }
  cairo_stroke (cr);

  if (cell < _cl_render_number_cell_min (cr, p, decimals))
    return FALSE;
  double size = MIN (cell * 0.3, p->font);
  double fit = number_width (cr, size, decimals);
  if (fit > cell * 0.9)
    size *= cell * 0.9 / fit;
  for (int i = 0; i < rows; i++)
    for (int j = 0; j < cols; j++)
      {
        float value = v[i * cols + j];
        ClColor c = _cl_render_map (kind, value, lo, hi);
        double luma = 0.299 * c.r + 0.587 * c.g + 0.114 * c.b;
        ClColor ink = luma > 0.55 ? (ClColor) { 0.05, 0.05, 0.05 } : (ClColor) { 1, 1, 1 };
        g_autofree char *text = cl_format_fixed (value, decimals);
        _cl_render_set_color (cr, ink, 1);
        _cl_render_text (cr, x + (j + 0.5) * cell, y + (i + 0.5) * cell, 0.5, 0.5, size, FALSE,
                         text);
      }
  return TRUE;
}

void
_cl_render_outline (cairo_t *cr, ClColor color, double x, double y, double w, double h,
                    double width)
{
  _cl_render_set_color (cr, color, 1);
  cairo_set_line_width (cr, width);
  cairo_rectangle (cr, x - width / 2, y - width / 2, w + width, h + width);
  cairo_stroke (cr);
}
