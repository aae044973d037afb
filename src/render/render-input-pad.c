#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <math.h>

#include "render/render-input-pad.h"
#include "render/render-private.h"

void
cl_render_input_pad_geometry (ClShape in, int width, int height, double *x, double *y,
                              double *cell)
{
  /* A margin for the frame; whole screen pixels per input pixel when
   * there is room, so every input pixel is drawn the same size. */
  double side = MAX (0, MIN (width, height) - 4);
  double c = in.w > 0 && in.h > 0 ? side / MAX (in.w, in.h) : 0;
  if (c >= 2)
    c = floor (c);
  *cell = c;
  *x = floor ((width - c * in.w) / 2);
  *y = floor ((height - c * in.h) / 2);
}

gboolean
cl_render_input_pad (cairo_t *cr, const float *pixels, ClShape in,
                     const ClRenderInputPadOptions *options, int width, int height)
{
  ClRenderInputPadOptions defaults = { 0 };
  ClPalette p;
  double x, y, cell;

  if (options == NULL)
    options = &defaults;
  if (pixels == NULL || in.c < 1 || in.h < 1 || in.w < 1)
    return FALSE;
  if (!_cl_render_begin (cr, &options->style, width, height, &p))
    return FALSE;
  cl_render_input_pad_geometry (in, width, height, &x, &y, &cell);
  if (in.c == 3)
    _cl_render_rgb_grid (cr, pixels, (gsize) in.h * in.w, in.h, in.w, x, y, cell, cell, 0, 1);
  else
    _cl_render_grid (cr, pixels, in.h, in.w, in.w, x, y, cell, cell, CL_MAP_GREY, 0, 1);

  /* A frame, so a black image shows where the pad ends on a dark theme. */
  double scale = cl_render_style_get_scale (&options->style);
  _cl_render_set_color (cr, p.muted, 1);
  cairo_set_line_width (cr, scale);
  cairo_rectangle (cr, x - 0.5 * scale, y - 0.5 * scale, cell * in.w + scale, cell * in.h + scale);
  cairo_stroke (cr);

  if (options->show_brush && options->brush_radius > 0)
    {
      /* The brush's outline in both colours: seen on black and on white. */
      double bx = x + options->brush_x * cell, by = y + options->brush_y * cell;
      double r = options->brush_radius * cell;
      cairo_save (cr);
      cairo_rectangle (cr, x, y, cell * in.w, cell * in.h);
      cairo_clip (cr);
      cairo_arc (cr, bx, by, r, 0, 2 * G_PI);
      cairo_set_line_width (cr, 3 * scale);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.6);
      cairo_stroke_preserve (cr);
      cairo_set_line_width (cr, 1.2 * scale);
      cairo_set_source_rgba (cr, 1, 0.6, 0.1, 0.9);
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  _cl_render_end (cr);
  return TRUE;
}
