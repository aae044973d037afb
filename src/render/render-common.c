#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "render/number-format.h"
#include "render/render-private.h"

/* The text floor of the picture being drawn and the measure a test asked
 * for ride on the cairo_t: the text helpers only get the context, and a
 * picture's pieces (legends, ticks, messages) all go through them. */
/* A picture's rectangle in device space: where its text must stay. */
typedef struct {
  double x0, y0, x1, y1;
} Box;

#define MAX_NESTED 8

typedef struct {
  double min_text;
  double *measure;
  GPtrArray *cuts;            /* cl_render_measure_cuts: descriptions, or NULL */
  Box boxes[MAX_NESTED];      /* the pictures being drawn, innermost last */
  int depth;
} TextState;

static cairo_user_data_key_t text_state_key;

static TextState *
text_state (cairo_t *cr)
{
  TextState *t = cairo_get_user_data (cr, &text_state_key);
  if (t == NULL)
    {
      t = g_new0 (TextState, 1);
      t->min_text = 6.0;
      if (cairo_set_user_data (cr, &text_state_key, t, g_free) != CAIRO_STATUS_SUCCESS)
        {
          g_free (t);
          return NULL;
        }
    }
  return t;
}

double
cl_render_style_get_scale (const ClRenderStyle *style)
{
  if (style == NULL || !(style->scale > 0))
    return 1.0;
  return CLAMP (style->scale, 0.25, 8.0);
}

double
cl_render_style_get_min_text (const ClRenderStyle *style)
{
  if (style != NULL && style->min_text > 0)
    return MIN (style->min_text, 96.0);
  return 6.0 * cl_render_style_get_scale (style);
}

void
cl_render_measure_text (cairo_t *cr, double *min_size)
{
  TextState *t = text_state (cr);
  if (t != NULL)
    t->measure = min_size;
}

void
cl_render_measure_cuts (cairo_t *cr, GPtrArray *cuts)
{
  TextState *t = text_state (cr);
  if (t != NULL)
    t->cuts = cuts;
}

/* The rectangle (0, 0, width, height) of the user space in device space. */
static Box
device_box (cairo_t *cr, double x, double y, double w, double h)
{
  double xs[4] = { x, x + w, x, x + w }, ys[4] = { y, y, y + h, y + h };
  Box b = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  for (int i = 0; i < 4; i++)
    {
      cairo_user_to_device (cr, &xs[i], &ys[i]);
      b.x0 = MIN (b.x0, xs[i]);
      b.y0 = MIN (b.y0, ys[i]);
      b.x1 = MAX (b.x1, xs[i]);
      b.y1 = MAX (b.y1, ys[i]);
    }
  return b;
}

/* A text whose ink (x, y, w, h, user space) leaves its picture is cut by
 * the picture's clip: said in the measure a test asked for.  Half a pixel
 * of antialiasing is not a cut. */
static void
note_cut (cairo_t *cr, const char *text, double x, double y, double w, double h)
{
  TextState *t = cairo_get_user_data (cr, &text_state_key);
  if (t == NULL || t->cuts == NULL || t->depth == 0 || w <= 0 || h <= 0)
    return;
  const Box *pic = &t->boxes[t->depth - 1];
  Box ink = device_box (cr, x, y, w, h);
  const double slack = 1.0;
  if (ink.x0 < pic->x0 - slack || ink.y0 < pic->y0 - slack || ink.x1 > pic->x1 + slack
      || ink.y1 > pic->y1 + slack)
    g_ptr_array_add (t->cuts,
                     g_strdup_printf ("“%s” at (%.0f, %.0f)–(%.0f, %.0f) leaves the picture "
                                      "(%.0f, %.0f)–(%.0f, %.0f)",
                                      text, ink.x0, ink.y0, ink.x1, ink.y1, pic->x0, pic->y0,
                                      pic->x1, pic->y1));
}

/* A text that fits its picture is drawn whole: a label centred under a
 * tile at the picture's edge, or a legend at the floor size of a
 * presentation, is moved in rather than cut by the edge (device space, so
 * rotated axis titles too).  Wider than the picture it cannot be; the
 * measure then reports it. */
static void
keep_inside (cairo_t *cr, double *ox, double *oy, const cairo_text_extents_t *e)
{
  TextState *t = cairo_get_user_data (cr, &text_state_key);
  if (t == NULL || t->depth == 0 || t->depth > MAX_NESTED || e->width <= 0 || e->height <= 0)
    return;
  const Box *pic = &t->boxes[t->depth - 1];
  Box ink = device_box (cr, *ox + e->x_bearing, *oy + e->y_bearing, e->width, e->height);
  double dx = 0, dy = 0;
  if (ink.x1 - ink.x0 <= pic->x1 - pic->x0)
    dx = ink.x0 < pic->x0 ? pic->x0 - ink.x0 : ink.x1 > pic->x1 ? pic->x1 - ink.x1 : 0;
  if (ink.y1 - ink.y0 <= pic->y1 - pic->y0)
    dy = ink.y0 < pic->y0 ? pic->y0 - ink.y0 : ink.y1 > pic->y1 ? pic->y1 - ink.y1 : 0;
  if (dx == 0 && dy == 0)
    return;
  cairo_device_to_user_distance (cr, &dx, &dy);
  *ox += dx;
  *oy += dy;
}

void
_cl_render_note_text (cairo_t *cr, double size)
{
  TextState *t = cairo_get_user_data (cr, &text_state_key);
  if (t != NULL && t->measure != NULL)
    *t->measure = MIN (*t->measure, size);
}

double
_cl_render_font_size (const ClRenderStyle *style, int width, int height)
{
  /* Readable from the back of a room: about 1/40 of the picture's mean side. */
  double font = CLAMP (sqrt ((double) MAX (width, 0) * MAX (height, 0)) / 40.0, 8.0, 96.0);
  /* Zoomed (or presented): bigger text, and the lines that follow p->font
   * thicker; the floor keeps the smallest legend readable too. */
  font *= cl_render_style_get_scale (style);
  return MAX (font, cl_render_style_get_min_text (style));
}

gboolean
_cl_render_begin (cairo_t *cr, const ClRenderStyle *style, int width, int height, ClPalette *p)
{
  static const ClRenderStyle defaults = { FALSE, FALSE, 1.0, 0 };

  if (width <= 0 || height <= 0 || cairo_status (cr) != CAIRO_STATUS_SUCCESS)
    return FALSE;
  if (style == NULL)
    style = &defaults;
  if (style->dark)
    {
      p->bg = (ClColor) { 0.12, 0.12, 0.14 };
      p->fg = (ClColor) { 0.93, 0.93, 0.93 };
      p->muted = (ClColor) { 0.62, 0.62, 0.66 };
      p->grid = (ClColor) { 0.28, 0.28, 0.31 };
      p->series[0] = (ClColor) { 0.40, 0.65, 1.00 };
      p->series[1] = (ClColor) { 1.00, 0.62, 0.25 };
      p->series[2] = (ClColor) { 0.35, 0.82, 0.50 };
      p->series[3] = (ClColor) { 0.80, 0.55, 0.95 };
    }
  else
    {
      p->bg = (ClColor) { 1, 1, 1 };
      p->fg = (ClColor) { 0.13, 0.13, 0.15 };
      p->muted = (ClColor) { 0.42, 0.42, 0.46 };
      p->grid = (ClColor) { 0.87, 0.87, 0.89 };
      p->series[0] = (ClColor) { 0.00, 0.45, 0.70 };
      p->series[1] = (ClColor) { 0.90, 0.45, 0.00 };
      p->series[2] = (ClColor) { 0.00, 0.60, 0.45 };
      p->series[3] = (ClColor) { 0.60, 0.30, 0.65 };
    }
  p->font = _cl_render_font_size (style, width, height);
  p->min_text = cl_render_style_get_min_text (style);
  TextState *t = text_state (cr);
  if (t != NULL)
    {
      t->min_text = p->min_text;
      if (t->depth < MAX_NESTED)
        t->boxes[t->depth] = device_box (cr, 0, 0, width, height);
      t->depth++;
    }

  cairo_save (cr);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_clip (cr);
  if (!style->transparent)
    {
      _cl_render_set_color (cr, p->bg, 1);
      cairo_paint (cr);
    }
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  return TRUE;
}

void
_cl_render_end (cairo_t *cr)
{
  TextState *t = cairo_get_user_data (cr, &text_state_key);
  if (t != NULL && t->depth > 0)
    t->depth--;
  cairo_restore (cr);
}

void
_cl_render_set_color (cairo_t *cr, ClColor c, double alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, alpha);
}

ClColor
_cl_render_map (ClMapKind kind, double v, double lo, double hi)
{
  if (!isfinite (v))
    return (ClColor) { 0.5, 0.5, 0.5 };   /* NaN and Inf: grey, whatever the map */
  switch (kind)
    {
    case CL_MAP_DIVERGING:
      return cl_colormap_diverging (hi > 0 ? v / hi : 0);
    case CL_MAP_SEQUENTIAL:
      return cl_colormap_sequential (hi > lo ? (v - lo) / (hi - lo) : 0.5);
    case CL_MAP_GREY:
      {
        double t = CLAMP (hi > lo ? (v - lo) / (hi - lo) : 0.5, 0, 1);
        return (ClColor) { t, t, t };
      }
    }
  return (ClColor) { 0.5, 0.5, 0.5 };
}

/* Every text size goes through here: no text under the picture's floor,
 * measured and drawn alike so layouts stay consistent. */
static double
floor_size (cairo_t *cr, double size)
{
  TextState *t = cairo_get_user_data (cr, &text_state_key);
  return MAX (size, t != NULL ? t->min_text : 6.0);
}

static void
set_font (cairo_t *cr, double size, gboolean bold)
{
  size = floor_size (cr, size);
  cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
}

double
_cl_render_text_width (cairo_t *cr, double size, gboolean bold, const char *text)
{
  cairo_text_extents_t e;

  set_font (cr, size, bold);
  cairo_text_extents (cr, text, &e);
  return e.x_advance;
}

double
_cl_render_text (cairo_t *cr, double x, double y, double ax, double ay, double size,
                 gboolean bold, const char *text)
{
  cairo_text_extents_t e;
  cairo_font_extents_t f;

  set_font (cr, size, bold);
  cairo_text_extents (cr, text, &e);
  cairo_font_extents (cr, &f);
  size = floor_size (cr, size);
  _cl_render_note_text (cr, size);
  /* Cap height ≈ 0.72 em: vertical centring on it looks centred. */
  double box = 0.72 * size;
  double ox = x - ax * e.x_advance, oy = y + (1 - ay) * box;
  keep_inside (cr, &ox, &oy, &e);
  note_cut (cr, text, ox + e.x_bearing, oy + e.y_bearing, e.width, e.height);
  cairo_move_to (cr, ox, oy);
  cairo_show_text (cr, text);
  cairo_new_path (cr);
  return e.x_advance;
}

double
_cl_render_fit_size (cairo_t *cr, double size, gboolean bold, const char *text, double max_width)
{
  double w = _cl_render_text_width (cr, size, bold, text);
  if (w > max_width && w > 0)
    size *= max_width / w;
  return floor_size (cr, size);
}

void
_cl_render_message (cairo_t *cr, const ClPalette *p, int width, int height, const char *text)
{
  double size = _cl_render_fit_size (cr, p->font * 1.2, FALSE, text, width * 0.9);
  _cl_render_set_color (cr, p->muted, 1);
  _cl_render_text (cr, width / 2.0, height / 2.0, 0.5, 0.5, size, FALSE, text);
}

static inline guint32
pack (ClColor c)
{
  return 0xff000000u | ((guint32) lround (CLAMP (c.r, 0, 1) * 255) << 16)
         | ((guint32) lround (CLAMP (c.g, 0, 1) * 255) << 8)
         | (guint32) lround (CLAMP (c.b, 0, 1) * 255);
}

/* Paints a small ARGB image scaled up without smoothing. */
static void
paint_scaled (cairo_t *cr, cairo_surface_t *image, int rows, int cols, double x, double y,
              double cell_w, double cell_h)
{
  cairo_surface_mark_dirty (image);
  cairo_save (cr);
  cairo_rectangle (cr, x, y, cols * cell_w, rows * cell_h);
  cairo_clip (cr);
  cairo_translate (cr, x, y);
  cairo_scale (cr, cell_w, cell_h);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_NEAREST);
  cairo_paint (cr);
  cairo_restore (cr);
}

void
_cl_render_grid (cairo_t *cr, const float *v, int rows, int cols, int stride, double x, double y,
                 double cell_w, double cell_h, ClMapKind kind, double lo, double hi)
{
  if (rows <= 0 || cols <= 0 || cell_w <= 0 || cell_h <= 0)
    return;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cols, rows);
  if (cairo_surface_status (image) == CAIRO_STATUS_SUCCESS)
    {
      guint8 *data = cairo_image_surface_get_data (image);
      int image_stride = cairo_image_surface_get_stride (image);
      for (int r = 0; r < rows; r++)
        {
          guint32 *row = (guint32 *) (data + (gsize) r * image_stride);
          for (int c = 0; c < cols; c++)
            row[c] = pack (_cl_render_map (kind, v[(gsize) r * stride + c], lo, hi));
        }
      paint_scaled (cr, image, rows, cols, x, y, cell_w, cell_h);
    }
  cairo_surface_destroy (image);
}

void
_cl_render_rgb_grid (cairo_t *cr, const float *v, gsize plane, int rows, int cols, double x,
                     double y, double cell_w, double cell_h, double lo, double hi)
{
  if (rows <= 0 || cols <= 0 || cell_w <= 0 || cell_h <= 0)
    return;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, cols, rows);
  if (cairo_surface_status (image) == CAIRO_STATUS_SUCCESS)
    {
      guint8 *data = cairo_image_surface_get_data (image);
      int image_stride = cairo_image_surface_get_stride (image);
      for (int r = 0; r < rows; r++)
        {
          guint32 *row = (guint32 *) (data + (gsize) r * image_stride);
          for (int c = 0; c < cols; c++)
            {
              gsize i = (gsize) r * cols + c;
              double ch[3];
              gboolean bad = FALSE;
              for (int k = 0; k < 3; k++)
                {
                  ch[k] = hi > lo ? (v[k * plane + i] - lo) / (hi - lo) : 0.5;
                  bad |= !isfinite (ch[k]);
                }
              row[c] = pack (bad ? (ClColor) { 0.5, 0.5, 0.5 } : (ClColor) { ch[0], ch[1], ch[2] });
            }
        }
      paint_scaled (cr, image, rows, cols, x, y, cell_w, cell_h);
    }
  cairo_surface_destroy (image);
}

void
_cl_render_colorbar (cairo_t *cr, const ClPalette *p, double x, double y, double w, double h,
                     ClMapKind kind, double lo, double hi, const char *caption)
{
  float ramp[256];
  char lo_text[32], mid_text[32], hi_text[32];
  double size = p->font * 0.8;

  if (caption != NULL)
    {
      _cl_render_set_color (cr, p->fg, 1);
      double cw = _cl_render_text (cr, x, y + h / 2, 0, 0.5, size, FALSE, caption);
      x += cw + size * 0.6;
      w -= cw + size * 0.6;
    }
  if (w <= 4)
    return;
  for (int i = 0; i < 256; i++)
    ramp[i] = (float) (lo + (hi - lo) * i / 255.0);
  _cl_render_grid (cr, ramp, 1, 256, 256, x, y, w / 256, h, kind, kind == CL_MAP_DIVERGING ? -hi : lo,
                   hi);
  _cl_render_set_color (cr, p->muted, 1);
  cairo_set_line_width (cr, 1);
  cairo_rectangle (cr, x + 0.5, y + 0.5, w - 1, h - 1);
  cairo_stroke (cr);

  _cl_render_format (lo_text, sizeof lo_text, lo);
  _cl_render_format (hi_text, sizeof hi_text, hi);
  _cl_render_format (mid_text, sizeof mid_text, (lo + hi) / 2);
  _cl_render_set_color (cr, p->fg, 1);
  double ty = y + h + size * 0.35;
  _cl_render_text (cr, x, ty, 0, 0, size, FALSE, lo_text);
  _cl_render_text (cr, x + w, ty, 1, 0, size, FALSE, hi_text);
  if (w > 6 * size)
    _cl_render_text (cr, x + w / 2, ty, 0.5, 0, size, FALSE, mid_text);
}

void
_cl_render_nice_ticks (double lo, double hi, int target, double *first, double *step)
{
  double span = hi - lo;

  if (!(span > 0) || !isfinite (span))
    {
      *first = lo;
      *step = 1;
      return;
    }
  double raw = span / MAX (1, target);
  double magnitude = pow (10, floor (log10 (raw)));
  double r = raw / magnitude;
  /* The next of 1, 2, 5 up: never more ticks than asked for. */
  *step = (r <= 1.0001 ? 1 : r <= 2.0001 ? 2 : r <= 5.0001 ? 5 : 10) * magnitude;
  *first = ceil (lo / *step - 1e-9) * *step;
}

void
_cl_render_format (char *buf, gsize size, double v)
{
  /* Large and tiny values keep two digits, the rest three, without
   * trailing zeros, in the interface language's way ("0,51", "12 000"). */
  int digits = fabs (v) >= 1e4 || fabs (v) < 1e-3 ? 2 : 3;
  g_autofree char *text = fabs (v) < 1e-12 ? g_strdup ("0") : cl_format_significant (v, digits);
  g_strlcpy (buf, text, size);
}

double
_cl_render_max_abs (const float *v, gsize n)
{
  double m = 0;
  for (gsize i = 0; i < n; i++)
    if (isfinite (v[i]))
      m = MAX (m, fabs (v[i]));
  return m;
}

void
_cl_render_min_max (const float *v, gsize n, double *lo, double *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  for (gsize i = 0; i < n; i++)
    if (isfinite (v[i]))
      {
        *lo = MIN (*lo, v[i]);
        *hi = MAX (*hi, v[i]);
      }
  if (*lo > *hi)
    *lo = *hi = 0;
}

char **
_cl_render_wrap (cairo_t *cr, double size, gboolean bold, const char *text, double max_width)
{
  g_auto (GStrv) words = g_strsplit (text, " ", -1);
  GPtrArray *lines = g_ptr_array_new ();
  GString *line = g_string_new (NULL);

  for (int i = 0; words[i] != NULL; i++)
    {
      g_autofree char *longer = line->len > 0 ? g_strconcat (line->str, " ", words[i], NULL)
                                               : g_strdup (words[i]);
      if (line->len > 0 && _cl_render_text_width (cr, size, bold, longer) > max_width)
        {
          g_ptr_array_add (lines, g_string_free (line, FALSE));
          line = g_string_new (words[i]);
        }
      else
        g_string_assign (line, longer);
    }
  g_ptr_array_add (lines, g_string_free (line, FALSE));
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}
