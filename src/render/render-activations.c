#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "render/render-activations.h"
#include "render/number-format.h"
#include "render/render-private.h"

void
cl_render_activations_options_init (ClRenderActivationsOptions *options)
{
  *options = (ClRenderActivationsOptions) { .layer = -1, .map = -1 };
}

static char *
class_name (const ClRenderActivationsOptions *o, int i)
{
  if (o->class_names != NULL && o->class_names[i] != NULL)
    return g_strdup (o->class_names[i]);
  return g_strdup_printf ("%d", i);
}

/* A vector as bars from a zero line (or, when there are too many values
 * for bars, as a one-row heat strip). */
static void
draw_vector (cairo_t *cr, const ClPalette *p, const float *v, int n, double x, double y, double w,
             double h)
{
  double lo, hi;
  _cl_render_min_max (v, n, &lo, &hi);
  if (n > w / 3)
    {
      double cell = MIN (w / n, h);
      _cl_render_grid (cr, v, 1, n, n, x, y + (h - MIN (h, p->font)) / 2, cell, MIN (h, p->font),
                       CL_MAP_SEQUENTIAL, lo, hi);
      return;
    }
  lo = MIN (lo, 0);
  hi = MAX (hi, 0);
  double span = hi - lo > 0 ? hi - lo : 1, pitch = MIN (w / n, p->font * 1.2);
  double zero = y + h * hi / span;
  for (int i = 0; i < n; i++)
    {
      double bx = x + i * pitch;
      if (!isfinite (v[i]))
        {
          cairo_set_source_rgb (cr, 0.5, 0.5, 0.5);
          cairo_rectangle (cr, bx, y, pitch * 0.8, h);
        }
      else
        {
          _cl_render_set_color (cr, cl_colormap_sequential ((v[i] - lo) / span), 1);
          double top = zero - h * v[i] / span;
          cairo_rectangle (cr, bx, MIN (top, zero), MAX (1, pitch * 0.8), MAX (1, fabs (top - zero)));
        }
      cairo_fill (cr);
    }
  _cl_render_set_color (cr, p->muted, 1);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, x, round (zero) + 0.5);
  cairo_line_to (cr, x + n * pitch, round (zero) + 0.5);
  cairo_stroke (cr);
}

/* Where the maps of a row go: side, gap and how many fit (the rest are
 * "+N more"). */
static void
map_geometry (const ClPalette *p, ClShape sh, double w, double h, double *side, double *gap,
              int *shown)
{
  *gap = MAX (1, h * 0.08);
  *side = MIN (h, (w - (sh.c - 1) * *gap) / sh.c);
  *shown = sh.c;
  /* A map is a picture, not text: 20 px shows its pattern at any scale,
   * and a presented picture shows all of a layer's maps, not "+12 more". */
  double min_side = MIN (h, MAX (20.0, p->min_text));
  if (*side < min_side)
    {
      *side = min_side;
      *shown = MIN (sh.c, MAX (1, (int) floor ((w - p->font * 4 + *gap) / (*side + *gap))));
    }
}

/* Maps side by side, each on its own scale: a map's pattern matters, not
 * how it compares in level with its neighbours. */
static void
draw_maps (cairo_t *cr, const ClPalette *p, const float *v, ClShape sh, double x, double y,
           double w, double h)
{
  double side, gap;
  int shown;
  map_geometry (p, sh, w, h, &side, &gap, &shown);
  gsize plane = (gsize) sh.h * sh.w;
  double cell_w = side / MAX (sh.w, sh.h), cell_h = cell_w;
  for (int c = 0; c < shown; c++)
    {
      double lo, hi;
      const float *m = v + c * plane;
      _cl_render_min_max (m, plane, &lo, &hi);
      _cl_render_grid (cr, m, sh.h, sh.w, sh.w, x + c * (side + gap), y + (h - sh.h * cell_h) / 2,
                       cell_w, cell_h, CL_MAP_SEQUENTIAL, lo, hi);
    }
  if (shown < sh.c)
    {
      g_autofree char *more = g_strdup_printf (_("+%d more"), sh.c - shown);
      _cl_render_set_color (cr, p->muted, 1);
      _cl_render_text (cr, x + shown * (side + gap) + p->font * 0.3, y + h / 2, 0, 0.5,
                       p->font * 0.8, FALSE, more);
    }
}

static void
draw_input (cairo_t *cr, const ClPalette *p, const float *x, ClShape in, double px, double py,
            double w, double h)
{
  gsize plane = (gsize) in.h * in.w;
  double lo, hi;

  _cl_render_min_max (x, plane * in.c, &lo, &hi);
  if (in.h == 1 && in.w == 1)
    {
      /* A point of a toy set: its coordinates, written. */
      /* Translators: between the coordinates of a point, "; " where the
       * decimal separator is a comma: (0,51 ; 0,23). */
      const char *between = C_("number format", ", ");
      GString *text = g_string_new ("(");
      for (int c = 0; c < in.c && c < 8; c++)
        {
          g_autofree char *coordinate = cl_format_fixed (x[c], 2);
          g_string_append_printf (text, "%s%s", c > 0 ? between : "", coordinate);
        }
      if (in.c > 8)
        g_string_append_printf (text, "%s…", between);
      g_string_append (text, ")");
      _cl_render_set_color (cr, p->fg, 1);
      double size = _cl_render_fit_size (cr, p->font, FALSE, text->str, w);
      _cl_render_text (cr, px + w / 2, py + h / 2, 0.5, 0.5, size, FALSE, text->str);
      g_string_free (text, TRUE);
      return;
    }
  double cell = MIN (w / in.w, h / in.h);
  double ox = px + (w - cell * in.w) / 2, oy = py;
  if (in.c == 3)
    _cl_render_rgb_grid (cr, x, plane, in.h, in.w, ox, oy, cell, cell, lo, hi);
  else
    _cl_render_grid (cr, x, in.h, in.w, in.w, ox, oy, cell, cell, CL_MAP_GREY, lo, hi);
}

/* Class probabilities as horizontal bars, the predicted class coloured,
 * the true class's name in bold. */
static void
draw_prediction (cairo_t *cr, const ClPalette *p, const ClSnapshot *s,
                 const ClRenderActivationsOptions *o, const float *out, int n_out, double x,
                 double y, double w, double h)
{
  int k = s->n_classes, label = s->probe_labels != NULL ? s->probe_labels[o->probe] : -1;
  g_autofree float *prob = NULL;

  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, x, y + p->font * 0.5, 0, 0.5, p->font, TRUE, _("Prediction"));
  y += p->font * 1.6;
  h -= p->font * 1.6;
  if (k < 2 || (n_out != k && !(n_out == 1 && k == 2)))
    {
      /* Regression, or an output that is not class scores: the values. */
      for (int i = 0; i < MIN (n_out, 10); i++)
        {
          g_autofree char *text = cl_format_significant (out[i], 4);
          _cl_render_text (cr, x, y + (i + 0.5) * p->font * 1.4, 0, 0.5, p->font, FALSE, text);
        }
      return;
    }
  prob = g_new (float, k);
  if (n_out == 1)
    {
      prob[0] = 1 - out[0];   /* one sigmoid output: the probability of class 1 */
      prob[1] = out[0];
    }
  else
    for (int i = 0; i < k; i++)
      prob[i] = out[i];
  int best = 0;
  for (int i = 1; i < k; i++)
    if (prob[i] > prob[best])
      best = i;

  double name_w = 0, size = MIN (p->font * 0.85, h / k * 0.7);
  for (int i = 0; i < k; i++)
    {
      g_autofree char *name = class_name (o, i);
      name_w = MAX (name_w, _cl_render_text_width (cr, size, TRUE, name));
    }
  name_w = MIN (name_w, w * 0.45);
  double pitch = h / k, bar_x = x + name_w + p->font * 0.5;
  double bar_w = w - (bar_x - x) - p->font * 2.8;
  for (int i = 0; i < k; i++)
    {
      g_autofree char *name = class_name (o, i);
      double cy = y + (i + 0.5) * pitch;
      double fs = _cl_render_fit_size (cr, size, i == label, name, name_w);
      _cl_render_set_color (cr, i == label ? p->fg : p->muted, 1);
      _cl_render_text (cr, bar_x - p->font * 0.3, cy, 1, 0.5, fs, i == label, name);
      double v = isfinite (prob[i]) ? CLAMP (prob[i], 0, 1) : 0;
      _cl_render_set_color (cr, i == best ? p->series[0] : p->grid, 1);
      cairo_rectangle (cr, bar_x, cy - pitch * 0.35, MAX (1, v * bar_w), pitch * 0.7);
      cairo_fill (cr);
      g_autofree char *text = cl_format_percent (v, 0);
      _cl_render_set_color (cr, p->fg, 1);
      _cl_render_text (cr, bar_x + MAX (1, v * bar_w) + p->font * 0.2, cy, 0, 0.5, size * 0.9,
                       FALSE, text);
    }
}

static gboolean
has_probe (const ClSnapshot *s, const ClRenderActivationsOptions *o)
{
  return s != NULL && s->n_probes > 0 && s->probe_inputs != NULL && o->probe >= 0
         && o->probe < s->n_probes && s->n_layers > 0 && s->layers[0].activations != NULL;
}

/* A row of bars (a vector) is this much of a row of maps: bars read at
 * any height, maps need it. */
#define VECTOR_ROW 0.45

/* The picture's columns and the layers' rows: shared by drawing and by
 * the panel's hit test. */
typedef struct {
  double m, side_w, pred_w, mid_x, mid_w, label_w;
  double *row_y, *row_h;   /* n_layers each */
} Layout;

static void
layout_clear (Layout *l)
{
  g_free (l->row_y);
  g_free (l->row_h);
}

static void
layout_rows (const ClPalette *p, const ClSnapshot *s, int width, int height, Layout *l)
{
  l->m = p->font * 0.8;
  /* The input and the prediction at the sides, the maps between them
   * with most of the width: a layer's 16 maps side by side. */
  l->side_w = MIN (width * 0.16, height * 0.4);
  l->pred_w = s->n_classes > 0 ? MIN (width * 0.22, p->font * 16) : p->font * 7;
  l->mid_x = l->m + l->side_w + l->m * 2;
  l->mid_w = width - l->mid_x - l->pred_w - l->m * 3;
  l->label_w = MIN (p->font * 9, l->mid_w * 0.3);
  l->row_y = g_new (double, s->n_layers);
  l->row_h = g_new (double, s->n_layers);

  /* Vectors take less height than maps.  A row of many maps is as tall
   * as its maps are wide at most (beyond, the height is empty): those rows
   * get just that, and the height they free goes to the rows whose maps
   * are limited by their height — on a projector the few large maps of
   * the first layers grow instead of leaving white bands. */
  double rows_h = height - 2 * l->m, gap = MIN (p->font * 0.25, rows_h / s->n_layers * 0.2);
  double free_h = rows_h - gap * (s->n_layers - 1), maps_w = l->mid_w - l->label_w;
  g_autofree double *cap = g_new (double, s->n_layers);
  g_autofree gboolean *fixed = g_new0 (gboolean, s->n_layers);
  for (int i = 0; i < s->n_layers; i++)
    {
      ClShape sh = s->layers[i].shape;
      /* map_geometry's gap is 8 % of the row's height: side + gap ≈ 1.08 side. */
      cap[i] = sh.h * sh.w > 1 ? MAX (20.0, maps_w / (sh.c * 1.08)) : G_MAXDOUBLE;
    }
  double unit = 0;
  for (gboolean changed = TRUE; changed;)
    {
      double weight_sum = 0, room = free_h;
      changed = FALSE;
      for (int i = 0; i < s->n_layers; i++)
        if (fixed[i])
          room -= cap[i];
        else
          weight_sum += s->layers[i].shape.h * s->layers[i].shape.w > 1 ? 1.0 : VECTOR_ROW;
      unit = MAX (0, room) / MAX (weight_sum, 1);
      for (int i = 0; i < s->n_layers; i++)
        if (!fixed[i] && cap[i] < unit)
          fixed[i] = changed = TRUE;
    }
  double y = l->m;
  for (int i = 0; i < s->n_layers; i++)
    {
      gboolean maps = s->layers[i].shape.h * s->layers[i].shape.w > 1;
      l->row_y[i] = y;
      l->row_h[i] = fixed[i] ? cap[i] : unit * (maps ? 1.0 : VECTOR_ROW);
      y += l->row_h[i] + gap;
    }
}

gboolean
cl_render_activations_map_rect (const ClSnapshot *s, const ClRenderActivationsOptions *options,
                                 int width, int height, int layer, int map, double *x, double *y,
                                 double *side)
{
  ClPalette p;
  Layout l;
  gboolean found = FALSE;

  if (options == NULL || options->layer >= 0 || !has_probe (s, options) || layer < 0
      || layer >= s->n_layers || s->layers[layer].shape.h * s->layers[layer].shape.w <= 1)
    return FALSE;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  if (_cl_render_begin (cr, &options->style, width, height, &p))
    {
      layout_rows (&p, s, width, height, &l);
      ClShape sh = s->layers[layer].shape;
      double gap;
      int shown;
      map_geometry (&p, sh, l.mid_w - l.label_w, l.row_h[layer], side, &gap, &shown);
      if (map >= 0 && map < shown)
        {
          *x = l.mid_x + l.label_w + map * (*side + gap);
          *y = l.row_y[layer] + (l.row_h[layer] - *side) / 2;
          found = TRUE;
        }
      layout_clear (&l);
      _cl_render_end (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return found;
}


/* One map large, with its values when they fit in the cells. */
static void
draw_one_map (cairo_t *cr, const ClPalette *p, const ClSnapshot *s,
              const ClRenderActivationsOptions *o, int width, int height)
{
  const ClSnapshotLayer *l = &s->layers[o->layer];
  ClShape sh = l->shape;
  gsize plane = (gsize) sh.h * sh.w;
  const float *v = l->activations + o->probe * (gsize) sh.c * plane + o->map * plane;
  const ClLayerKind *kind = cl_net_spec_get_layer_kind (s->spec, o->layer);
  double m = p->font * 0.8, lo, hi;

  _cl_render_min_max (v, plane, &lo, &hi);
  g_autofree char *title = g_strdup_printf (_("%d %s — map %d of %d, %d×%d"), o->layer + 1,
                                            _(kind->label), o->map + 1, sh.c, sh.h, sh.w);
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, m, m + p->font * 0.5, 0, 0.5,
                   _cl_render_fit_size (cr, p->font, TRUE, title, width * 0.6), TRUE, title);
  double bar_w = MIN (width * 0.3, p->font * 14);
  _cl_render_colorbar (cr, p, width - m - bar_w, m + p->font * 0.1, bar_w, p->font * 0.8,
                       CL_MAP_SEQUENTIAL, lo, hi, NULL);

  /* The input beside it, small: what the map responds to. */
  ClShape in = cl_net_spec_get_input (s->spec);
  double top = m + p->font * 2.6, avail_h = height - top - m;
  double in_w = MIN (width * 0.22, avail_h);
  draw_input (cr, p, s->probe_inputs + o->probe * (gsize) in.c * in.h * in.w, in, m, top, in_w,
              in_w);
  double x0 = m * 3 + in_w, avail_w = width - x0 - m;
  double cell = MIN (avail_w / sh.w, avail_h / sh.h);
  double ox = x0 + (avail_w - cell * sh.w) / 2;
  _cl_render_grid (cr, v, sh.h, sh.w, sh.w, ox, top, cell, cell, CL_MAP_SEQUENTIAL, lo, hi);
  if (cell < p->font * 2.2)
    return;
  for (gsize i = 0; i < plane; i++)
    {
      char text[32];
      ClColor c = _cl_render_map (CL_MAP_SEQUENTIAL, v[i], lo, hi);
      double lum = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
      _cl_render_format (text, sizeof text, v[i]);
      cairo_set_source_rgb (cr, lum < 0.45 ? 1 : 0, lum < 0.45 ? 1 : 0, lum < 0.45 ? 1 : 0);
      double size = _cl_render_fit_size (cr, MIN (cell * 0.3, p->font), FALSE, text, cell * 0.9);
      _cl_render_text (cr, ox + (i % sh.w + 0.5) * cell, top + (i / sh.w + 0.5) * cell, 0.5, 0.5,
                       size, FALSE, text);
    }
}

gboolean
cl_render_activations_hit (const ClSnapshot *s, const ClRenderActivationsOptions *options,
                           int width, int height, double x, double y, int *layer, int *map)
{
  ClPalette p;
  Layout l;
  gboolean hit = FALSE;

  if (options == NULL || options->layer >= 0 || !has_probe (s, options))
    return FALSE;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);
  if (_cl_render_begin (cr, &options->style, width, height, &p))
    {
      layout_rows (&p, s, width, height, &l);
      for (int i = 0; i < s->n_layers && !hit; i++)
        {
          ClShape sh = s->layers[i].shape;
          if (sh.h * sh.w <= 1 || y < l.row_y[i] || y >= l.row_y[i] + l.row_h[i])
            continue;
          double side, gap, mx = l.mid_x + l.label_w;
          int shown;
          map_geometry (&p, sh, l.mid_w - l.label_w, l.row_h[i], &side, &gap, &shown);
          int c = (int) floor ((x - mx) / (side + gap));
          if (x >= mx && c < shown && x - mx - c * (side + gap) < side)
            {
              *layer = i;
              *map = c;
              hit = TRUE;
            }
        }
      layout_clear (&l);
      _cl_render_end (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return hit;
}

gboolean
cl_render_activations (cairo_t *cr, const ClSnapshot *s, const ClRenderActivationsOptions *options,
                       int width, int height)
{
  ClRenderActivationsOptions defaults;
  ClPalette p;

  if (options == NULL)
    {
      cl_render_activations_options_init (&defaults);
      options = &defaults;
    }
  if (!_cl_render_begin (cr, &options->style, width, height, &p))
    return FALSE;
  if (!has_probe (s, options))
    {
      _cl_render_message (cr, &p, width, height, _("No probe image to follow through the network."));
      _cl_render_end (cr);
      return FALSE;
    }
  if (options->layer >= 0)
    {
      gboolean ok = options->layer < s->n_layers && options->map >= 0
                    && options->map < s->layers[options->layer].shape.c
                    && s->layers[options->layer].shape.h * s->layers[options->layer].shape.w > 1;
      if (ok)
        draw_one_map (cr, &p, s, options, width, height);
      _cl_render_end (cr);
      return ok;
    }

  Layout lay;
  layout_rows (&p, s, width, height, &lay);
  ClShape in = cl_net_spec_get_input (s->spec);
  gsize in_size = (gsize) in.c * in.h * in.w;
  const float *x = s->probe_inputs + options->probe * in_size;
  double m = lay.m, side_w = lay.side_w, pred_w = lay.pred_w, mid_x = lay.mid_x;

  /* Input on the left, with its true class. */
  _cl_render_set_color (cr, p.fg, 1);
  _cl_render_text (cr, m, m + p.font * 0.5, 0, 0.5, p.font, TRUE, _("Input"));
  draw_input (cr, &p, x, in, m, m + p.font * 1.6, side_w, side_w);
  if (s->probe_labels != NULL)
    {
      g_autofree char *name = class_name (options, s->probe_labels[options->probe]);
      g_autofree char *text = g_strdup_printf (_("true class: %s"), name);
      _cl_render_set_color (cr, p.muted, 1);
      _cl_render_text (cr, m + side_w / 2, m + p.font * 2.4 + side_w, 0.5, 0.5,
                       _cl_render_fit_size (cr, p.font * 0.85, FALSE, text, side_w), FALSE, text);
    }

  /* Layers in rows: label, then maps or bars. */
  for (int i = 0; i < s->n_layers; i++)
    {
      const ClSnapshotLayer *l = &s->layers[i];
      gboolean maps = l->shape.h * l->shape.w > 1;
      double row_h = lay.row_h[i], y = lay.row_y[i], label_w = lay.label_w, mid_w = lay.mid_w;
      gsize size = (gsize) l->shape.c * l->shape.h * l->shape.w;
      const float *v = l->activations + options->probe * size;
      const ClLayerKind *kind = cl_net_spec_get_layer_kind (s->spec, i);
      g_autofree char *name = g_strdup_printf ("%d %s", i + 1, _(kind->label));
      g_autofree char *shape = maps ? g_strdup_printf ("%d×%d×%d", l->shape.c, l->shape.h, l->shape.w)
                                    : g_strdup_printf ("%d", l->shape.c);
      /* The label's size as drawn (never under the floor): its shape goes
       * under it only when both lines fit the row. */
      double ls = MAX (MIN (p.font * 0.85, row_h * 0.45), p.min_text);
      _cl_render_set_color (cr, p.fg, 1);
      _cl_render_text (cr, mid_x, y + row_h / 2 - (row_h > ls * 2.2 ? ls * 0.6 : 0), 0, 0.5,
                       _cl_render_fit_size (cr, ls, TRUE, name, label_w - p.font * 0.4), TRUE,
                       name);
      if (row_h > ls * 2.2)
        {
          _cl_render_set_color (cr, p.muted, 1);
          _cl_render_text (cr, mid_x, y + row_h / 2 + ls * 0.7, 0, 0.5, ls * 0.9, FALSE, shape);
        }
      if (maps)
        draw_maps (cr, &p, v, l->shape, mid_x + label_w, y, mid_w - label_w, row_h);
      else
        draw_vector (cr, &p, v, l->shape.c, mid_x + label_w, y + row_h * 0.1,
                     mid_w - label_w, row_h * 0.8);
    }
  layout_clear (&lay);

  /* The prediction on the right, from the last layer. */
  const ClSnapshotLayer *last = &s->layers[s->n_layers - 1];
  int n_out = last->shape.c * last->shape.h * last->shape.w;
  double pred_h = MIN (height - 2 * m - p.font * 4, MAX (p.font * 6, s->n_classes * p.font * 1.6));
  draw_prediction (cr, &p, s, options, last->activations + options->probe * n_out, n_out,
                   width - m - pred_w, m, pred_w, pred_h);

  /* Legend: how to read the maps (no numbers: each map has its own). */
  float ramp[64];
  for (int i = 0; i < 64; i++)
    ramp[i] = i / 63.0f;
  double lx = width - m - pred_w, ly = height - m - p.font * 1.0, bar_w = pred_w * 0.5;
  _cl_render_set_color (cr, p.muted, 1);
  /* Within the prediction's column: French is longer, presented text
   * larger; at the floor size it takes two lines rather than the edge. */
  const char *how = _("each map on its own scale");
  double how_size = _cl_render_fit_size (cr, p.font * 0.75, FALSE, how, pred_w);
  g_auto (GStrv) how_lines = _cl_render_wrap (cr, how_size, FALSE, how, pred_w);
  int n_how = (int) g_strv_length (how_lines);
  for (int i = 0; i < n_how; i++)
    _cl_render_text (cr, lx, ly - p.font * 1.1 - (n_how - 1 - i) * how_size * 1.2, 0, 0.5,
                     how_size, FALSE, how_lines[i]);
  double lw = _cl_render_text (cr, lx, ly, 0, 0.5, p.font * 0.75, FALSE, _("low"));
  _cl_render_grid (cr, ramp, 1, 64, 64, lx + lw + p.font * 0.3, ly - p.font * 0.3, bar_w / 64,
                   p.font * 0.6, CL_MAP_SEQUENTIAL, 0, 1);
  _cl_render_text (cr, lx + lw + bar_w + p.font * 0.6, ly, 0, 0.5, p.font * 0.75, FALSE, _("high"));
  _cl_render_end (cr);
  return TRUE;
}
