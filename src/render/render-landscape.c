#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

#include "render/contour.h"
#include "render/render-landscape.h"
#include "render/number-format.h"
#include "render/render-private.h"

void
cl_render_landscape_options_init (ClRenderLandscapeOptions *options)
{
  *options = (ClRenderLandscapeOptions) {
    .show_path = TRUE,
    .n_levels = 10,
    .azimuth = -0.6,
    .elevation = 0.9,
  };
}

/* log10 of the losses computed so far (NaN elsewhere) and their range.
 * Losses span orders of magnitude around a minimum: log is what shows the
 * valley and the walls at once. */
static float *
log_grid (const ClLandscape *l, double *lo, double *hi)
{
  int n = l->resolution;
  float *g = g_new (float, (gsize) n * n);

  *lo = INFINITY;
  *hi = -INFINITY;
  for (int k = 0; k < n * n; k++)
    {
      float v = l->loss[k];
      g[k] = k < l->rows_done * n && v > 0 && isfinite (v) ? log10f (v) : NAN;
      if (isfinite (g[k]))
        {
          *lo = MIN (*lo, g[k]);
          *hi = MAX (*hi, g[k]);
        }
    }
  if (!(*lo < *hi))
    {
      *lo = isfinite (*lo) ? *lo - 0.5 : 0;
      *hi = *lo + 1;
    }
  return g;
}

static const char *
axis_title (const ClLandscape *l, int axis, char *buf, gsize size)
{
  if (l->axes == CL_LANDSCAPE_PCA)
    /* Translators: a principal component and the share of the training
     * path's variance along it. */
    {
      g_autofree char *share = cl_format_percent (l->explained[axis], 1);
      g_snprintf (buf, size, _("PC%d (%s of the path)"), axis + 1, share);
    }
  else
    g_snprintf (buf, size, _("direction %d"), axis + 1);
  return buf;
}

typedef struct {
  cairo_t *cr;
  const ClChart *chart;
  double scale;     /* grid units to data units */
  double origin;
} SegmentTarget;

static void
add_segment (double x0, double y0, double x1, double y1, gpointer data)
{
  SegmentTarget *t = data;
  cairo_move_to (t->cr, _cl_chart_px (t->chart, t->origin + x0 * t->scale),
                 _cl_chart_py (t->chart, t->origin + y0 * t->scale));
  cairo_line_to (t->cr, _cl_chart_px (t->chart, t->origin + x1 * t->scale),
                 _cl_chart_py (t->chart, t->origin + y1 * t->scale));
}

/* The grid as a smooth image: one pixel per point, scaled bilinearly. */
static void
paint_heat (cairo_t *cr, const float *g, int n, double lo, double hi, const ClChart *c)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, n, n);
  guint32 *pixels = (guint32 *) cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image) / 4;

  for (int j = 0; j < n; j++)
    for (int i = 0; i < n; i++)
      {
        float v = g[j * n + i];
        /* Rows go up the y axis: row 0 is the bottom of the picture. */
        guint32 *px = &pixels[(n - 1 - j) * stride + i];
        if (!isfinite (v))
          {
            *px = 0;
            continue;
          }
        ClColor color = cl_colormap_sequential ((v - lo) / (hi - lo));
        *px = 0xff000000u | (guint32) (color.r * 255 + 0.5) << 16
              | (guint32) (color.g * 255 + 0.5) << 8 | (guint32) (color.b * 255 + 0.5);
      }
  cairo_surface_mark_dirty (image);
  cairo_save (cr);
  cairo_rectangle (cr, c->x, c->y, c->w, c->h);
  cairo_clip (cr);
  /* Pixel centres sit on the grid points: the image spans half a cell more
   * on each side than the axis range, so shift and scale accordingly. */
  double cell_w = c->w / (n - 1), cell_h = c->h / (n - 1);
  cairo_translate (cr, c->x - cell_w / 2, c->y - cell_h / 2);
  cairo_scale (cr, cell_w, cell_h);
  cairo_set_source_surface (cr, image, 0, 0);
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);
}

static void
draw_path (cairo_t *cr, const ClPalette *p, const ClLandscape *l, const ClChart *c)
{
  if (l->n_path == 0)
    return;
  cairo_save (cr);
  cairo_rectangle (cr, c->x, c->y, c->w, c->h);
  cairo_clip (cr);
  cairo_set_line_width (cr, MAX (1.5, p->font * 0.15));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_source_rgb (cr, 1, 1, 1);
  for (int i = 0; i < l->n_path; i++)
    cairo_line_to (cr, _cl_chart_px (c, l->path[i].x), _cl_chart_py (c, l->path[i].y));
  cairo_line_to (cr, _cl_chart_px (c, 0), _cl_chart_py (c, 0));
  cairo_stroke (cr);
  double r = p->font * 0.22;
  for (int i = 0; i < l->n_path; i++)
    {
      cairo_arc (cr, _cl_chart_px (c, l->path[i].x), _cl_chart_py (c, l->path[i].y), r, 0, 2 * G_PI);
      cairo_fill (cr);
    }
  /* The start: a ring. */
  cairo_set_line_width (cr, MAX (1.5, p->font * 0.12));
  cairo_arc (cr, _cl_chart_px (c, l->path[0].x), _cl_chart_py (c, l->path[0].y), r * 2.2, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_current_point (cairo_t *cr, const ClPalette *p, double x, double y)
{
  double r = p->font * 0.42;
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  cairo_set_source_rgb (cr, 0.86, 0.15, 0.15);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, MAX (1, p->font * 0.1));
  cairo_stroke (cr);
}

/* A square plot, the colour bar under it; when the picture is wide (a
 * projector), beside it, so the square takes the whole height. */
static void
map_square (const ClPalette *p, int width, int height, double *m, double *bar_w, gboolean *beside,
            double *x, double *y, double *side)
{
  *m = p->font * 0.8;
  *bar_w = p->font * 10;
  *side = MIN (width - *m - p->font * 5.5, height - *m - p->font * 8.6);
  double tall = MIN (height - *m - p->font * 4.8, width - *m - p->font * 5.5 - *bar_w - p->font * 2);
  *beside = tall > *side;
  if (*beside)
    *side = tall;
  *x = *m + p->font * 4.5;
  *y = *m + p->font * 1.8;
  double used = *x + *side + *m + (*beside ? *bar_w + p->font * 2 : 0);
  *x += MAX (0, (width - used) / 2);   /* centred when wide */
}

gboolean
cl_render_landscape_map_rect (const ClRenderLandscapeOptions *options, int width, int height,
                              double *x, double *y, double *side)
{
  ClPalette p;
  double m, bar_w;
  gboolean beside;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  gboolean ok = _cl_render_begin (cr, options != NULL ? &options->style : NULL, width, height, &p);

  if (ok)
    {
      map_square (&p, width, height, &m, &bar_w, &beside, x, y, side);
      _cl_render_end (cr);
      ok = *side >= 20;
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return ok;
}

gboolean
cl_render_landscape_map (cairo_t *cr, const ClLandscape *l, const ClRenderLandscapeOptions *options,
                         int width, int height)
{
  ClRenderLandscapeOptions defaults;
  ClPalette p;
  double lo, hi;
  char x_title[64], y_title[64];

  if (options == NULL)
    {
      cl_render_landscape_options_init (&defaults);
      options = &defaults;
    }
  if (!_cl_render_begin (cr, &options->style, width, height, &p))
    return FALSE;
  if (l == NULL || l->rows_done == 0)
    {
      _cl_render_message (cr, &p, width, height, _("No landscape yet: press Compute."));
      _cl_render_end (cr);
      return FALSE;
    }
  int n = l->resolution;
  g_autofree float *g = log_grid (l, &lo, &hi);

  double m, bar_w, side;
  gboolean beside;
  ClChart c = { 0, 0, 0, 0, -l->range, l->range, -l->range, l->range, FALSE };
  map_square (&p, width, height, &m, &bar_w, &beside, &c.x, &c.y, &side);
  c.w = c.h = side;
  if (side < 20)
    {
      _cl_render_end (cr);
      return FALSE;
    }
  /* Axes first: the heat map then covers their grid lines. */
  _cl_chart_axes (cr, &p, &c, axis_title (l, 0, x_title, sizeof x_title),
                  axis_title (l, 1, y_title, sizeof y_title), FALSE);
  paint_heat (cr, g, n, lo, hi, &c);

  /* Contours: log-spaced loss levels are evenly spaced in the log grid. */
  SegmentTarget target = { cr, &c, 2 * l->range / (n - 1), -l->range };
  cairo_save (cr);
  cairo_rectangle (cr, c.x, c.y, c.w, c.h);
  cairo_clip (cr);
  cairo_set_line_width (cr, MAX (0.8, p.font * 0.07));
  cairo_set_source_rgba (cr, 1, 1, 1, 0.6);
  for (int k = 0; k < options->n_levels; k++)
    cl_contour_segments (g, n, n, lo + (hi - lo) * (k + 0.5) / options->n_levels, add_segment, &target);
  cairo_stroke (cr);
  cairo_restore (cr);

  if (options->show_path)
    draw_path (cr, &p, l, &c);
  draw_current_point (cr, &p, _cl_chart_px (&c, 0), _cl_chart_py (&c, 0));

  _cl_render_set_color (cr, p.fg, 1);
  _cl_render_text (cr, c.x, m + p.font * 0.6, 0, 0.5, p.font, TRUE,
                   l->rows_done < n ? _("Loss landscape (computing…)") : _("Loss landscape"));
  if (beside)
    {
      /* Its caption above it: the bar keeps its width for its numbers. */
      double bx = c.x + c.w + p.font * 2, by = c.y + c.h / 2;
      _cl_render_set_color (cr, p.fg, 1);
      _cl_render_text (cr, bx, by - p.font * 0.9, 0, 0.5,
                       _cl_render_fit_size (cr, p.font * 0.8, FALSE, _("log₁₀ loss"), bar_w), FALSE,
                       _("log₁₀ loss"));
      _cl_render_colorbar (cr, &p, bx, by, bar_w, p.font * 0.8, CL_MAP_SEQUENTIAL, lo, hi, NULL);
    }
  else
    _cl_render_colorbar (cr, &p, c.x, c.y + c.h + p.font * 3.2, c.w, p.font * 0.8,
                         CL_MAP_SEQUENTIAL, lo, hi, _("log₁₀ loss"));
  _cl_render_end (cr);
  return TRUE;
}

/* ---- the surface ------------------------------------------------------- */

typedef struct {
  double depth;
  int i, j;
} Quad;

static int
far_first (const void *a, const void *b)
{
  const Quad *x = a, *y = b;
  return x->depth < y->depth ? 1 : x->depth > y->depth ? -1 : 0;
}

typedef struct {
  double ca, sa, ce, se;   /* azimuth and elevation cosines and sines */
  double scale, cx, cy;
} View;

/* World (x, y in [-0.5, 0.5], z in [0, 1]) to screen, and the depth. */
static void
project (const View *v, double x, double y, double z, double *sx, double *sy, double *depth)
{
  double rx = x * v->ca - y * v->sa;
  double ry = x * v->sa + y * v->ca;
  *sx = v->cx + v->scale * rx;
  *sy = v->cy - v->scale * (z * 0.55 * v->ce - ry * v->se);
  *depth = ry * v->ce + z * 0.55 * v->se;
}

gboolean
cl_render_landscape_surface (cairo_t *cr, const ClLandscape *l,
                             const ClRenderLandscapeOptions *options, int width, int height)
{
  ClRenderLandscapeOptions defaults;
  ClPalette p;
  double lo, hi;

  if (options == NULL)
    {
      cl_render_landscape_options_init (&defaults);
      options = &defaults;
    }
  if (!_cl_render_begin (cr, &options->style, width, height, &p))
    return FALSE;
  if (l == NULL || l->rows_done < 2)
    {
      _cl_render_message (cr, &p, width, height, _("No landscape yet: press Compute."));
      _cl_render_end (cr);
      return FALSE;
    }
  int n = l->resolution, rows = l->rows_done;
  g_autofree float *g = log_grid (l, &lo, &hi);
  View v = { cos (options->azimuth), sin (options->azimuth), cos (options->elevation),
             sin (options->elevation), 1, 0, 0 };

  /* Fit the projected surface in the picture below the title: its extent
   * at scale 1, then the scale and centre that fill the free area. */
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  for (int j = 0; j < rows; j++)
    for (int i = 0; i < n; i++)
      {
        double value = g[j * n + i], sx, sy, depth;
        double z = isfinite (value) ? (value - lo) / (hi - lo) : 1;
        project (&v, (double) i / (n - 1) - 0.5, (double) j / (n - 1) - 0.5, z, &sx, &sy, &depth);
        x0 = MIN (x0, sx), x1 = MAX (x1, sx), y0 = MIN (y0, sy), y1 = MAX (y1, sy);
      }
  double top = p.font * 3.2, margin = p.font * 0.8;
  double avail_w = width - 2 * margin, avail_h = height - top - margin;
  v.scale = MIN (avail_w / MAX (x1 - x0, 1e-6), avail_h / MAX (y1 - y0, 1e-6));
  v.cx = margin + avail_w / 2 - v.scale * (x0 + x1) / 2;
  v.cy = top + avail_h / 2 - v.scale * (y0 + y1) / 2;

  /* Quads of computed rows, far to near. */
  g_autofree Quad *quads = g_new (Quad, (gsize) (n - 1) * (rows - 1) + 1);
  int n_quads = 0;
  for (int j = 0; j + 1 < rows; j++)
    for (int i = 0; i + 1 < n; i++)
      {
        double sx, sy, depth;
        project (&v, (i + 0.5) / (n - 1) - 0.5, (j + 0.5) / (n - 1) - 0.5, 0, &sx, &sy, &depth);
        quads[n_quads++] = (Quad) { depth, i, j };
      }
  qsort (quads, n_quads, sizeof (Quad), far_first);

  /* Light from above and a little in front: shading shows the slopes. */
  const double light[3] = { -0.3, -0.4, 0.87 };
  cairo_set_line_width (cr, MAX (0.5, p.font * 0.03));
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_BEVEL);
  for (int q = 0; q < n_quads; q++)
    {
      int i = quads[q].i, j = quads[q].j;
      double z[4], sx[4], sy[4], depth;
      const int di[4] = { 0, 1, 1, 0 }, dj[4] = { 0, 0, 1, 1 };
      gboolean finite = TRUE;
      for (int k = 0; k < 4; k++)
        {
          double value = g[(j + dj[k]) * n + i + di[k]];
          finite &= isfinite (value);
          z[k] = isfinite (value) ? (value - lo) / (hi - lo) : 1;
          project (&v, (double) (i + di[k]) / (n - 1) - 0.5, (double) (j + dj[k]) / (n - 1) - 0.5,
                   z[k], &sx[k], &sy[k], &depth);
        }
      if (!finite)
        continue;
      /* The normal of the quad from its two diagonals, in world units. */
      double h = 1.0 / (n - 1), zs = 0.55;
      double ax = h, ay = h, az = (z[2] - z[0]) * zs, bx = -h, by = h, bz = (z[3] - z[1]) * zs;
      double nx = ay * bz - az * by, ny = az * bx - ax * bz, nz = ax * by - ay * bx;
      double len = sqrt (nx * nx + ny * ny + nz * nz);
      double shade = len > 0 ? fabs (nx * light[0] + ny * light[1] + nz * light[2]) / len : 1;
      ClColor c = cl_colormap_sequential ((z[0] + z[1] + z[2] + z[3]) / 4);
      double k = 0.45 + 0.55 * shade;
      cairo_move_to (cr, sx[0], sy[0]);
      for (int corner = 1; corner < 4; corner++)
        cairo_line_to (cr, sx[corner], sy[corner]);
      cairo_close_path (cr);
      cairo_set_source_rgb (cr, c.r * k, c.g * k, c.b * k);
      cairo_fill_preserve (cr);
      cairo_set_source_rgba (cr, 0, 0, 0, 0.15);
      cairo_stroke (cr);
    }

  /* The current weights: the centre of the grid, on the surface. */
  double centre = isfinite (l->center_loss) && l->center_loss > 0
                    ? (log10 (l->center_loss) - lo) / (hi - lo) : 0;
  double cx, cy, depth;
  project (&v, 0, 0, CLAMP (centre, 0, 1), &cx, &cy, &depth);
  draw_current_point (cr, &p, cx, cy);

  double m = p.font * 0.8;
  _cl_render_set_color (cr, p.fg, 1);
  _cl_render_text (cr, m, m + p.font * 0.6, 0, 0.5, p.font, TRUE,
                   rows < n ? _("Loss surface (computing…)") : _("Loss surface"));
  _cl_render_set_color (cr, p.muted, 1);
  _cl_render_text (cr, m, m + p.font * 1.9, 0, 0.5, p.font * 0.8, FALSE,
                   _("height and colour: log₁₀ loss; red: the current weights"));
  _cl_render_end (cr);
  return TRUE;
}

/* ---- the 1D line --------------------------------------------------------- */

gboolean
cl_render_loss_line (cairo_t *cr, const double *alphas, const double *train, const double *test,
                     int n, const char *x_title, const ClRenderStyle *style, int width, int height)
{
  ClRenderStyle plain = { 0 };
  ClPalette p;

  if (!_cl_render_begin (cr, style != NULL ? style : &plain, width, height, &p))
    return FALSE;
  double lo = INFINITY, hi = -INFINITY;
  for (int k = 0; k < n; k++)
    for (int s = 0; s < 2; s++)
      {
        const double *series = s == 0 ? train : test;
        if (series != NULL && isfinite (series[k]) && series[k] > 0)
          {
            lo = MIN (lo, series[k]);
            hi = MAX (hi, series[k]);
          }
      }
  if (n < 2 || !(lo <= hi))
    {
      _cl_render_message (cr, &p, width, height, _("No loss to draw."));
      _cl_render_end (cr);
      return FALSE;
    }
  double m = p.font * 0.8;
  ClChart c = { m + p.font * 4.6, m + p.font * 3.0, 0, 0, alphas[0], alphas[n - 1],
                pow (10, floor (log10 (lo))), pow (10, ceil (log10 (hi))), TRUE };
  if (c.y1 <= c.y0)
    c.y1 = c.y0 * 10;
  c.w = width - c.x - m;
  c.h = height - c.y - p.font * 2.8;
  if (c.w < 10 || c.h < 10)
    {
      _cl_render_end (cr);
      return FALSE;
    }
  _cl_render_set_color (cr, p.fg, 1);
  _cl_render_text (cr, m, m + p.font * 0.6, 0, 0.5, p.font, TRUE, _("Loss along a line"));
  _cl_chart_axes (cr, &p, &c, x_title, NULL, FALSE);
  cairo_set_line_width (cr, MAX (1.5, p.font * 0.18));
  for (int s = 0; s < 2; s++)
    {
      const double *series = s == 0 ? train : test;
      if (series == NULL)
        continue;
      _cl_render_set_color (cr, p.series[s], 1);
      for (int k = 0; k < n; k++)
        if (isfinite (series[k]) && series[k] > 0)
          cairo_line_to (cr, _cl_chart_px (&c, alphas[k]), _cl_chart_py (&c, series[k]));
        else
          cairo_new_sub_path (cr);
      cairo_stroke (cr);
    }
  const ClColor colors[] = { p.series[0], p.series[1] };
  const char *labels[] = { _("training"), _("test") };
  _cl_chart_legend (cr, &p, c.x, m + p.font * 1.95, c.w, colors, NULL, labels, test != NULL ? 2 : 1);
  _cl_render_end (cr);
  return TRUE;
}
