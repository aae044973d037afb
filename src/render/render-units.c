#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "engine/snapshot-net.h"
#include "render/render-private.h"
#include "render/render-units.h"

#define MAX_RESOLUTION 128
#define MAX_UNITS 16   /* per row: more would be too small to read */
#define CHUNK 1024

void
cl_render_units_options_init (ClRenderUnitsOptions *options)
{
  *options = (ClRenderUnitsOptions) { 0 };
}

static void
extent (const ClDataset *d, int dim, double *lo, double *hi)
{
  *lo = INFINITY;
  *hi = -INFINITY;
  guint n = d != NULL && d->sample_size == 2 ? d->n_train + d->n_test : 0;
  for (guint i = 0; i < n; i++)
    if (isfinite (d->x[i * 2 + dim]))
      {
        *lo = MIN (*lo, d->x[i * 2 + dim]);
        *hi = MAX (*hi, d->x[i * 2 + dim]);
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

gboolean
cl_render_units (cairo_t *cr, const ClSnapshot *s, const ClRenderUnitsOptions *options, int width,
                 int height)
{
  ClRenderUnitsOptions defaults;
  ClPalette p;
  g_autoptr(GError) error = NULL;

  if (options == NULL)
    {
      cl_render_units_options_init (&defaults);
      options = &defaults;
    }
  if (!_cl_render_begin (cr, &options->style, width, height, &p))
    return FALSE;
  ClShape in = s != NULL ? cl_net_spec_get_input (s->spec) : (ClShape) { 0, 0, 0 };
  int n_rows = s != NULL ? s->n_layers - 1 : 0;
  if (in.c * in.h * in.w != 2 || n_rows < 1)
    {
      _cl_render_message (cr, &p, width, height,
                          _("Unit maps need a network with 2 inputs and a hidden layer."));
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

  /* Every hidden layer's output on a res × res grid over the plane. */
  int res = CLAMP (options->resolution > 0 ? options->resolution : 48, 4, MAX_RESOLUTION);
  int n = res * res;
  double x0, x1, y0, y1;
  extent (options->data, 0, &x0, &x1);
  extent (options->data, 1, &y0, &y1);
  g_autofree float *grid = g_new (float, (gsize) n * 2);
  for (int j = 0; j < res; j++)
    for (int i = 0; i < res; i++)
      {
        grid[(j * res + i) * 2] = (float) (x0 + (x1 - x0) * (i + 0.5) / res);
        grid[(j * res + i) * 2 + 1] = (float) (y1 - (y1 - y0) * (j + 0.5) / res);
      }
  g_autofree float **outs = g_new0 (float *, n_rows);
  for (int l = 0; l < n_rows; l++)
    outs[l] = g_new (float, (gsize) n * MIN (s->layers[l].shape.c, MAX_UNITS));
  for (int start = 0; start < n; start += CHUNK)
    {
      int count = MIN (CHUNK, n - start);
      cl_net_forward (net, grid + (gsize) start * 2, count, FALSE);
      for (int l = 0; l < n_rows; l++)
        {
          ClShape sh;
          const float *o = cl_net_get_layer_output (net, l, &sh);
          int units = sh.c * sh.h * sh.w, shown = MIN (units, MAX_UNITS);
          /* Stored unit-major: each unit's map contiguous. */
          for (int u = 0; u < shown; u++)
            for (int i = 0; i < count; i++)
              outs[l][(gsize) u * n + start + i] = o[(gsize) i * units + u];
        }
    }

  double m = p.font * 0.8, label_w = p.font * 7, head = p.font * 1.6;
  double legend_h = p.font * 2.6;
  int max_units = 1;
  for (int l = 0; l < n_rows; l++)
    max_units = MAX (max_units, MIN (s->layers[l].shape.c, MAX_UNITS));
  double gap = p.font * 0.4;
  double side = MIN ((width - 2 * m - label_w - (max_units - 1) * gap) / max_units,
                     (height - 2 * m - head - legend_h - (n_rows - 1) * gap) / n_rows);
  _cl_render_set_color (cr, p.fg, 1);
  _cl_render_text (cr, m, m + p.font * 0.5, 0, 0.5, p.font, TRUE,
                   _("What each unit computes over the plane"));
  if (side < 4)
    {
      for (int l = 0; l < n_rows; l++)
        g_free (outs[l]);
      _cl_render_end (cr);
      return FALSE;
    }
  for (int l = 0; l < n_rows; l++)
    {
      int shown = MIN (s->layers[l].shape.c, MAX_UNITS);
      double y = m + head + l * (side + gap);
      /* One symmetric scale per layer: units of a layer compare. */
      double scale = _cl_render_max_abs (outs[l], (gsize) shown * n);
      const ClLayerKind *kind = cl_net_spec_get_layer_kind (s->spec, l);
      g_autofree char *name = g_strdup_printf ("%d %s", l + 1, _(kind->label));
      _cl_render_set_color (cr, p.fg, 1);
      _cl_render_text (cr, m, y + side / 2, 0, 0.5,
                       _cl_render_fit_size (cr, MIN (p.font * 0.85, side * 0.4), TRUE, name,
                                            label_w - p.font * 0.4),
                       TRUE, name);
      for (int u = 0; u < shown; u++)
        {
          double x = m + label_w + u * (side + gap);
          _cl_render_grid (cr, outs[l] + (gsize) u * n, res, res, res, x, y, side / res,
                           side / res, CL_MAP_DIVERGING, -scale, scale);
          _cl_render_set_color (cr, p.grid, 1);
          cairo_set_line_width (cr, 1);
          cairo_rectangle (cr, round (x) + 0.5, round (y) + 0.5, round (side) - 1, round (side) - 1);
          cairo_stroke (cr);
        }
      if (s->layers[l].shape.c > MAX_UNITS)
        {
          g_autofree char *more = g_strdup_printf (_("+%d more"), s->layers[l].shape.c - MAX_UNITS);
          _cl_render_set_color (cr, p.muted, 1);
          _cl_render_text (cr, m + label_w + shown * (side + gap), y + side / 2, 0, 0.5,
                           p.font * 0.75, FALSE, more);
        }
      g_free (outs[l]);
    }
  _cl_render_colorbar (cr, &p, width - m - p.font * 18, height - m - legend_h + p.font * 0.4,
                       p.font * 18, p.font * 0.7, CL_MAP_DIVERGING, -1, 1,
                       _("output ÷ its layer’s largest"));
  _cl_render_end (cr);
  return TRUE;
}
