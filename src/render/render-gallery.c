#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "render/render-gallery.h"
#include "render/number-format.h"
#include "render/render-private.h"

void
cl_render_gallery_options_init (ClRenderGalleryOptions *options)
{
  *options = (ClRenderGalleryOptions) { 0 };
}

static char *
class_name (const ClRenderGalleryOptions *o, int i)
{
  if (o->class_names != NULL && o->class_names[i] != NULL)
    return g_strdup (o->class_names[i]);
  return g_strdup_printf ("%d", i);
}

/* Wrong in red, right in green: with the words too, for colour-blind eyes. */
static const ClColor wrong_light = { 0.80, 0.10, 0.10 }, right_light = { 0.05, 0.55, 0.25 };
static const ClColor wrong_dark = { 1.00, 0.45, 0.40 }, right_dark = { 0.40, 0.85, 0.50 };

static void
draw_sample (cairo_t *cr, const ClPalette *p, const ClGallery *g, int i, double x, double y,
             double side)
{
  gsize size = (gsize) g->shape.c * g->shape.h * g->shape.w;
  const float *v = g->images + i * size;
  double lo, hi;

  _cl_render_min_max (v, size, &lo, &hi);
  if (g->shape.h * g->shape.w > 1)
    {
      double cell = side / MAX (g->shape.h, g->shape.w);
      gsize plane = (gsize) g->shape.h * g->shape.w;
      if (g->shape.c == 3)
        _cl_render_rgb_grid (cr, v, plane, g->shape.h, g->shape.w, x, y, cell, cell, lo, hi);
      else
        _cl_render_grid (cr, v, g->shape.h, g->shape.w, g->shape.w, x, y, cell, cell, CL_MAP_GREY,
                         lo, hi);
      return;
    }
  /* A toy point: its coordinates. */
  GString *text = g_string_new ("(");
  for (int c = 0; c < g->shape.c && c < 4; c++)
    {
      g_autofree char *coordinate = cl_format_fixed (v[c], 2);
      g_string_append_printf (text, "%s%s", c > 0 ? C_("number format", ", ") : "", coordinate);
    }
  g_string_append_c (text, ')');
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, x + side / 2, y + side / 2, 0.5, 0.5,
                   _cl_render_fit_size (cr, p->font * 0.8, FALSE, text->str, side), FALSE, text->str);
  g_string_free (text, TRUE);
}

gboolean
cl_render_gallery (cairo_t *cr, const ClGallery *g, const ClRenderGalleryOptions *options,
                   int width, int height)
{
  ClRenderGalleryOptions defaults;
  ClPalette p;

  if (options == NULL)
    {
      cl_render_gallery_options_init (&defaults);
      options = &defaults;
    }
  if (!_cl_render_begin (cr, &options->style, width, height, &p))
    return FALSE;
  if (g == NULL || g->n == 0)
    {
      _cl_render_message (cr, &p, width, height, _("No test predictions yet."));
      _cl_render_end (cr);
      return FALSE;
    }
  gboolean dark = 0.2126 * p.bg.r + 0.7152 * p.bg.g + 0.0722 * p.bg.b < 0.5;
  ClColor wrong = dark ? wrong_dark : wrong_light, right = dark ? right_dark : right_light;
  int mistakes = 0;
  for (int i = 0; i < g->n; i++)
    mistakes += g->predicted[i] != g->labels[i];

  double m = p.font * 0.8, head = p.font * 1.8;
  g_autofree char *title = g_strdup_printf (_("Test samples, worst first — %d mistakes among these %d"),
                                            mistakes, g->n);
  _cl_render_set_color (cr, p.fg, 1);
  _cl_render_text (cr, m, m + p.font * 0.5, 0, 0.5,
                   _cl_render_fit_size (cr, p.font, TRUE, title, width - 2 * m), TRUE, title);

  /* Tiles: the image and two caption lines; as large as the grid allows. */
  double caption = p.font * 0.8, avail_w = width - 2 * m, avail_h = height - 2 * m - head;
  double best = 0;
  int cols = 1;
  for (int c = 1; c <= g->n; c++)
    {
      int r = (g->n + c - 1) / c;
      double side = MIN (avail_w / c * 0.9, avail_h / r - caption * 2.6);
      if (side > best)
        {
          best = side;
          cols = c;
        }
    }
  double side = best;
  if (side < 4)
    {
      _cl_render_end (cr);
      return FALSE;
    }
  double pitch_x = avail_w / cols, pitch_y = side + caption * 2.6;
  double cs = MIN (caption, pitch_x / 7);
  int rows = (g->n + cols - 1) / cols;
  double top = m + head + MAX (0, (avail_h - rows * pitch_y) / 2);
  for (int i = 0; i < g->n; i++)
    {
      double x = m + (i % cols) * pitch_x + (pitch_x - side) / 2;
      double y = top + (i / cols) * pitch_y;
      gboolean ok = g->predicted[i] == g->labels[i];
      draw_sample (cr, &p, g, i, x, y, side);
      if (!ok)
        {
          /* A frame too, so mistakes stand out in a grey print. */
          _cl_render_set_color (cr, wrong, 1);
          cairo_set_line_width (cr, MAX (2, side * 0.03));
          cairo_rectangle (cr, x, y, side, side);
          cairo_stroke (cr);
        }
      g_autofree char *said = class_name (options, g->predicted[i]);
      g_autofree char *truth = class_name (options, g->labels[i]);
      g_autofree char *confidence = cl_format_percent (g->confidence[i], 0);
      g_autofree char *line1 = g_strdup_printf ("%s %s", said, confidence);
      g_autofree char *line2 = g_strdup_printf (_("true: %s"), truth);
      double cx = x + side / 2;
      _cl_render_set_color (cr, ok ? right : wrong, 1);
      _cl_render_text (cr, cx, y + side + caption * 0.8, 0.5, 0.5,
                       _cl_render_fit_size (cr, cs, !ok, line1, pitch_x * 0.86), !ok, line1);
      _cl_render_set_color (cr, p.muted, 1);
      _cl_render_text (cr, cx, y + side + caption * 1.95, 0.5, 0.5,
                       _cl_render_fit_size (cr, cs, FALSE, line2, pitch_x * 0.86), FALSE, line2);
    }
  _cl_render_end (cr);
  return TRUE;
}
