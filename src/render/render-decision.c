#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "engine/snapshot-net.h"
#include "render/render-decision.h"
#include "render/render-private.h"

#define MAX_RESOLUTION 400
#define CHUNK 1024

/* Okabe–Ito: distinguishable with every common colour-vision deficiency. */
static const ClColor classes[] = {
  { 0.00, 0.45, 0.70 }, { 0.84, 0.37, 0.00 }, { 0.00, 0.62, 0.45 }, { 0.80, 0.47, 0.65 },
  { 0.90, 0.62, 0.00 }, { 0.34, 0.71, 0.91 }, { 0.50, 0.50, 0.50 }, { 0.94, 0.89, 0.26 },
};

void
cl_render_decision_options_init (ClRenderDecisionOptions *options)
{
  *options = (ClRenderDecisionOptions) { 0 };
}

static ClColor
class_color (int i)
{
  return classes[i % G_N_ELEMENTS (classes)];
}

static ClColor
mix (ClColor a, ClColor b, double t)
{
  return (ClColor) { a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t };
}

/* Runs the net on n inputs (n × in floats) in chunks; out gets n × out_size. */
static gboolean
evaluate (ClNet *net, const float *x, int n, int in, int out_size, float *out)
{
  for (int start = 0; start < n; start += CHUNK)
    {
      int count = MIN (CHUNK, n - start);
      const float *y = cl_net_forward (net, x + (gsize) start * in, count, FALSE);
      if (y == NULL)
        return FALSE;
      memcpy (out + (gsize) start * out_size, y, (gsize) count * out_size * sizeof (float));
    }
  return TRUE;
}

/* Extent of the data along one input, padded by 10 %. */
static void
extent (const ClDataset *d, int dim, int stride, double *lo, double *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  guint n = d != NULL ? d->n_train + d->n_test : 0;
  for (guint i = 0; i < n; i++)
    {
      double v = d->x[(gsize) i * stride + dim];
      if (isfinite (v))
        {
          *lo = MIN (*lo, v);
          *hi = MAX (*hi, v);
        }
    }
  if (!(*lo < *hi))
    {
      *lo = -1.5;
      *hi = 1.5;
      return;
    }
  double pad = (*hi - *lo) * 0.08;
  *lo -= pad;
  *hi += pad;
}

static gboolean
is_dark (const ClPalette *p)
{
  return 0.2126 * p->bg.r + 0.7152 * p->bg.g + 0.0722 * p->bg.b < 0.5;
}

/* Fills and strokes the circles on the current path: training points
 * filled and ringed, test points hollow (they were never trained on). */
static void
points_finish (cairo_t *cr, const ClPalette *p, double r, ClColor c, gboolean test)
{
  if (test)
    {
      _cl_render_set_color (cr, p->bg, 1);
      cairo_fill_preserve (cr);
      _cl_render_set_color (cr, c, 1);
      cairo_set_line_width (cr, MAX (1.5, r * 0.45));
      cairo_stroke (cr);
      return;
    }
  _cl_render_set_color (cr, c, 1);
  cairo_fill_preserve (cr);
  /* A ring that contrasts with the regions: white on light, light on dark. */
  _cl_render_set_color (cr, is_dark (p) ? p->fg : p->bg, 1);
  cairo_set_line_width (cr, MAX (1, r * 0.25));
  cairo_stroke (cr);
}

static void
point (cairo_t *cr, const ClPalette *p, double x, double y, double r, ClColor c, gboolean test)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  points_finish (cr, p, r, c, test);
}

static void
draw_regions (cairo_t *cr, const ClPalette *p, const ClSnapshot *s, ClNet *net,
              const ClRenderDecisionOptions *o, int out_size, int width, int height)
{
  const ClDataset *d = o->data;
  int res = CLAMP (o->resolution > 0 ? o->resolution : 120, 8, MAX_RESOLUTION);
  double x0, x1, y0, y1;
  extent (d, 0, 2, &x0, &x1);
  extent (d, 1, 2, &y0, &y1);

  double m = p->font * 0.8, legend_w = p->font * 9;
  ClChart c = { m + p->font * 3.2, m + p->font * 1.8, 0, 0, x0, x1, y0, y1, FALSE };
  double side = MIN (width - c.x - legend_w - m * 2, height - c.y - p->font * 3.0);
  if (side < 10)
    return;
  c.w = c.h = side;
  c.no_grid = TRUE;

  /* The heat map: predicted class's colour, stronger where the net is sure. */
  int n = res * res;
  g_autofree float *grid = g_new (float, (gsize) n * 2);
  g_autofree float *out = g_new (float, (gsize) n * out_size);
  for (int j = 0; j < res; j++)
    for (int i = 0; i < res; i++)
      {
        grid[(j * res + i) * 2] = (float) (x0 + (x1 - x0) * (i + 0.5) / res);
        grid[(j * res + i) * 2 + 1] = (float) (y1 - (y1 - y0) * (j + 0.5) / res);
      }
  if (!evaluate (net, grid, n, 2, out_size, out))
    return;
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, res, res);
  guint8 *data = cairo_image_surface_get_data (image);
  int stride = cairo_image_surface_get_stride (image);
  for (int j = 0; j < res; j++)
    for (int i = 0; i < res; i++)
      {
        const float *o_ = out + (gsize) (j * res + i) * out_size;
        int best = 0;
        double conf;
        if (out_size == 1)
          {
            best = o_[0] > 0.5f;
            conf = fabs (o_[0] - 0.5) * 2;
          }
        else
          {
            for (int k = 1; k < out_size; k++)
              if (o_[k] > o_[best])
                best = k;
            conf = (o_[best] - 1.0 / out_size) / (1 - 1.0 / out_size);
          }
        /* Paler on a dark background, where saturated regions drown the points. */
        double strength = is_dark (p) ? 0.35 : 0.5;
        ClColor col = isfinite (conf) ? mix (p->bg, class_color (best), 0.12 + strength * CLAMP (conf, 0, 1))
                                      : (ClColor) { 0.5, 0.5, 0.5 };
        ((guint32 *) (data + j * stride))[i] = 0xff000000u | ((guint32) (col.r * 255) << 16)
                                               | ((guint32) (col.g * 255) << 8) | (guint32) (col.b * 255);
      }
  cairo_surface_mark_dirty (image);
  cairo_save (cr);
  cairo_rectangle (cr, c.x, c.y, c.w, c.h);
  cairo_clip (cr);
  cairo_translate (cr, c.x, c.y);
  cairo_scale (cr, c.w / res, c.h / res);
  cairo_set_source_surface (cr, image, 0, 0);
  /* Smooth between grid cells: regions, not pixels. */
  cairo_pattern_set_filter (cairo_get_source (cr), CAIRO_FILTER_BILINEAR);
  cairo_pattern_set_extend (cairo_get_source (cr), CAIRO_EXTEND_PAD);
  cairo_paint (cr);
  cairo_restore (cr);
  cairo_surface_destroy (image);

  _cl_chart_axes (cr, p, &c, "x₁", "x₂", FALSE);

  double r = MAX (2.0, side / 120);
  guint total = d != NULL ? d->n_train + d->n_test : 0;
  cairo_save (cr);
  cairo_rectangle (cr, c.x, c.y, c.w, c.h);
  cairo_clip (cr);
  /* One path per class and part, filled and stroked once: hundreds of
   * separate circles cost Cairo more than the whole network evaluation. */
  for (int test = 0; test < 2 && d != NULL && d->labels != NULL; test++)
    for (guint k = 0; k < MAX (2u, d->n_classes); k++)
      {
        guint from = test ? d->n_train : 0, to = test ? total : d->n_train;
        for (guint i = from; i < to; i++)
          if (d->labels[i] == k)
            {
              cairo_new_sub_path (cr);
              cairo_arc (cr, _cl_chart_px (&c, d->x[i * 2]), _cl_chart_py (&c, d->x[i * 2 + 1]), r, 0,
                         2 * G_PI);
            }
        points_finish (cr, p, r, class_color ((int) k), test);
      }
  cairo_restore (cr);

  /* Legend: the classes, then filled/hollow. */
  double lx = c.x + c.w + m * 2, ly = c.y + p->font * 0.5;
  int k = MAX (2, out_size);
  for (int i = 0; i < k && i < 16; i++, ly += p->font * 1.3)
    {
      g_autofree char *name = d != NULL && d->class_names != NULL && (guint) i < d->n_classes
                                ? g_strdup (d->class_names[i]) : g_strdup_printf ("%d", i);
      point (cr, p, lx + r, ly, p->font * 0.35, class_color (i), FALSE);
      _cl_render_set_color (cr, p->fg, 1);
      _cl_render_text (cr, lx + p->font * 1.0, ly, 0, 0.5,
                       _cl_render_fit_size (cr, p->font * 0.85, FALSE, name, legend_w - p->font), FALSE,
                       name);
    }
  ly += p->font * 0.6;
  point (cr, p, lx + r, ly, p->font * 0.3, p->muted, FALSE);
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, lx + p->font, ly, 0, 0.5, p->font * 0.8, FALSE, _("training"));
  ly += p->font * 1.3;
  point (cr, p, lx + r, ly, p->font * 0.3, p->muted, TRUE);
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, lx + p->font, ly, 0, 0.5, p->font * 0.8, FALSE, _("test"));

  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, m, m + p->font * 0.5, 0, 0.5, p->font, TRUE, _("Decision regions"));
}

gboolean
cl_render_decision_parts (ClNet *net, const float *xs, int n, float *parts, int *n_units,
                          float *bias)
{
  const ClNetSpec *spec = cl_net_get_spec (net);

  if (cl_net_get_n_layers (net) != 3 || cl_net_spec_get_input (spec).c != 1
      || g_strcmp0 (cl_net_get_layer_kind (net, 0)->name, "Dense") != 0
      || cl_net_get_layer_kind (net, 1)->group != CL_LAYER_GROUP_ACTIVATION
      || g_strcmp0 (cl_net_get_layer_kind (net, 2)->name, "Dense") != 0)
    return FALSE;
  ClShape hidden = cl_net_get_output_shape (net, 1);
  ClShape out = cl_net_get_output_shape (net, 2);
  int h = hidden.c * hidden.h * hidden.w;
  if (out.c * out.h * out.w != 1 || h < 1 || h > CL_RENDER_DECISION_MAX_PARTS)
    return FALSE;

  float *w2, *b2;
  const ClTensorInfo *wi = cl_net_get_layer_tensor (net, 2, 0, &w2, NULL);
  const ClTensorInfo *bi = cl_net_get_layer_tensor (net, 2, 1, &b2, NULL);
  if (wi == NULL || wi->count != (guint64) h || bi == NULL || bi->count != 1)
    return FALSE;

  int batch = cl_net_get_batch_size (net);
  for (int start = 0; start < n; start += batch)
    {
      int count = MIN (batch, n - start);
      if (cl_net_forward (net, xs + start, count, FALSE) == NULL)
        return FALSE;
      const float *a = cl_net_get_layer_output (net, 1, NULL);
      for (int i = 0; i < count; i++)
        for (int j = 0; j < h; j++)
          parts[(gsize) j * n + start + i] = w2[j] * a[(gsize) i * h + j];
    }
  *n_units = h;
  *bias = b2[0];
  return TRUE;
}

/* Each hidden unit's part of a small 1-H-1 network, dashed under the fit:
 * the fit is their sum plus the bias, which is what "one hidden layer
 * approximates a curve" means. */
static void
draw_parts (cairo_t *cr, const ClPalette *p, const ClChart *c, const float *xs, int res,
            const float *parts, int n_parts)
{
  cairo_save (cr);
  cairo_set_line_width (cr, MAX (1.5, p->font * 0.12));
  double dash = MAX (3.0, p->font * 0.35);
  cairo_set_dash (cr, &dash, 1, 0);
  for (int j = 0; j < n_parts; j++)
    {
      for (int i = 0; i < res; i++)
        {
          double px = _cl_chart_px (c, xs[i]), py = _cl_chart_py (c, parts[(gsize) j * res + i]);
          if (i == 0)
            cairo_move_to (cr, px, py);
          else
            cairo_line_to (cr, px, py);
        }
      _cl_render_set_color (cr, class_color (j + 2), 0.9);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_curve (cairo_t *cr, const ClPalette *p, const ClSnapshot *s, ClNet *net,
            const ClRenderDecisionOptions *o, int width, int height)
{
  const ClDataset *d = o->data;
  int res = CLAMP (o->resolution > 0 ? o->resolution * 3 : 360, 16, 4 * MAX_RESOLUTION);
  double x0, x1, lo = INFINITY, hi = -INFINITY;
  extent (d, 0, 1, &x0, &x1);

  g_autofree float *xs = g_new (float, res);
  g_autofree float *ys = g_new (float, res);
  for (int i = 0; i < res; i++)
    xs[i] = (float) (x0 + (x1 - x0) * i / (res - 1));
  if (!evaluate (net, xs, res, 1, 1, ys))
    return;
  for (int i = 0; i < res; i++)
    if (isfinite (ys[i]))
      {
        lo = MIN (lo, ys[i]);
        hi = MAX (hi, ys[i]);
      }
  /* The parts of a 1-H-1 network are drawn too: the axis holds them. */
  g_autofree float *parts = g_new (float, (gsize) res * CL_RENDER_DECISION_MAX_PARTS);
  int n_parts = 0;
  float bias;
  if (cl_render_decision_parts (net, xs, res, parts, &n_parts, &bias))
    for (gsize i = 0; i < (gsize) res * n_parts; i++)
      if (isfinite (parts[i]))
        {
          lo = MIN (lo, parts[i]);
          hi = MAX (hi, parts[i]);
        }
  guint total = d != NULL ? d->n_train + d->n_test : 0;
  for (guint i = 0; d != NULL && d->targets != NULL && i < total; i++)
    if (isfinite (d->targets[i * d->target_dim]))
      {
        lo = MIN (lo, d->targets[i * d->target_dim]);
        hi = MAX (hi, d->targets[i * d->target_dim]);
      }
  if (!(lo < hi))
    {
      lo = -1;
      hi = 1;
    }
  double pad = (hi - lo) * 0.08;
  double m = p->font * 0.8;
  ClChart c = { m + p->font * 4.0, m + p->font * 3.2, 0, 0, x0, x1, lo - pad, hi + pad, FALSE };
  c.w = width - c.x - m;
  c.h = height - c.y - p->font * 3.0;
  if (c.w < 10 || c.h < 10)
    return;
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, m, m + p->font * 0.5, 0, 0.5, p->font, TRUE, _("Fitted curve"));
  _cl_chart_axes (cr, p, &c, "x", "y", FALSE);

  cairo_save (cr);
  cairo_rectangle (cr, c.x, c.y, c.w, c.h);
  cairo_clip (cr);
  double r = MAX (2.0, p->font * 0.2);
  for (int test = 0; test < 2 && d != NULL && d->targets != NULL; test++)
    {
      for (guint i = test ? d->n_train : 0; i < (test ? total : d->n_train); i++)
        {
          cairo_new_sub_path (cr);
          cairo_arc (cr, _cl_chart_px (&c, d->x[i]), _cl_chart_py (&c, d->targets[i * d->target_dim]),
                     r, 0, 2 * G_PI);
        }
      points_finish (cr, p, r, test ? p->series[1] : p->muted, test);
    }
  gboolean with_parts = n_parts > 0;
  if (with_parts)
    draw_parts (cr, p, &c, xs, res, parts, n_parts);
  gboolean pen = FALSE;
  for (int i = 0; i < res; i++)
    {
      if (!isfinite (ys[i]))
        {
          pen = FALSE;
          continue;
        }
      if (pen)
        cairo_line_to (cr, _cl_chart_px (&c, xs[i]), _cl_chart_py (&c, ys[i]));
      else
        cairo_move_to (cr, _cl_chart_px (&c, xs[i]), _cl_chart_py (&c, ys[i]));
      pen = TRUE;
    }
  _cl_render_set_color (cr, p->series[0], 1);
  cairo_set_line_width (cr, MAX (2, p->font * 0.2));
  cairo_stroke (cr);
  cairo_restore (cr);

  const ClColor colors[] = { p->series[0], p->muted, p->series[1], class_color (2) };
  const char *labels[] = { with_parts ? _("network output = sum of the parts + bias")
                                      : _("network output"),
                           _("training points"), _("test points"),
                           _("each hidden unit's part (dashed)") };
  if (with_parts)
    {
      /* The parts' entry first when there is no data, so it is never left out. */
      const ClColor c2[] = { colors[0], colors[3], colors[1], colors[2] };
      const char *l2[] = { labels[0], labels[3], labels[1], labels[2] };
      _cl_chart_legend (cr, p, c.x, m + p->font * 2.0, c.w, c2, NULL, l2, d != NULL ? 4 : 2);
    }
  else
    _cl_chart_legend (cr, p, c.x, m + p->font * 2.0, c.w, colors, NULL, labels, d != NULL ? 3 : 1);
}

gboolean
cl_render_decision (cairo_t *cr, const ClSnapshot *s, const ClRenderDecisionOptions *options,
                    int width, int height)
{
  ClRenderDecisionOptions defaults;
  ClPalette p;
  g_autoptr(GError) error = NULL;

  if (options == NULL)
    {
      cl_render_decision_options_init (&defaults);
      options = &defaults;
    }
  if (!_cl_render_begin (cr, &options->style, width, height, &p))
    return FALSE;
  ClShape in = s != NULL ? cl_net_spec_get_input (s->spec) : (ClShape) { 0, 0, 0 };
  int in_size = in.c * in.h * in.w;
  ClShape out = s != NULL && s->n_layers > 0 ? s->layers[s->n_layers - 1].shape : (ClShape) { 0, 0, 0 };
  int out_size = out.c * out.h * out.w;
  gboolean plane = in_size == 2 && out_size >= 1;
  gboolean curve = in_size == 1 && out_size == 1;
  const ClDataset *d = options->data;
  if (d != NULL && d->sample_size != (gsize) in_size)
    d = NULL;   /* points of another shape would be drawn in the wrong place */
  if (!plane && !curve)
    {
      _cl_render_message (cr, &p, width, height,
                          _("Decision regions need a network with 2 inputs; a fitted curve, 1 input and 1 output."));
      _cl_render_end (cr);
      return FALSE;
    }
  g_autoptr(ClNet) net = cl_net_new_from_snapshot (s, CHUNK, &error);
  if (net == NULL)
    {
      _cl_render_message (cr, &p, width, height, error->message);
      _cl_render_end (cr);
      return FALSE;
    }
  ClRenderDecisionOptions o = *options;
  o.data = d;
  if (plane)
    draw_regions (cr, &p, s, net, &o, out_size, width, height);
  else
    draw_curve (cr, &p, s, net, &o, width, height);
  _cl_render_end (cr);
  return TRUE;
}
