#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "engine/gabor-fit.h"
#include "render/render-filters-strip.h"
#include "render/number-format.h"
#include "render/render-private.h"

/* Rows a strip spreads over the run when no step is asked. */
#define DEFAULT_ROWS 5

typedef struct {
  double margin, title_h, caption_h, row_gap;
  double tile, gap, x0, y0;
  int cols, rows;
} Layout;

void
cl_render_filters_strip_options_init (ClRenderFiltersStripOptions *options)
{
  *options = (ClRenderFiltersStripOptions) { { FALSE, FALSE }, NULL, 0, NULL, 0 };
}

/* The steps of the rows: those asked, or a spread over the run. */
static GArray *
row_steps (const ClTimelapse *t, const ClRenderFiltersStripOptions *o)
{
  if (o != NULL && o->steps != NULL && o->n_steps > 0)
    {
      GArray *steps = g_array_new (FALSE, FALSE, sizeof (guint64));
      g_array_append_vals (steps, o->steps, MIN (o->n_steps, CL_TIMELAPSE_MAX_ASKED));
      return steps;
    }
  return cl_timelapse_spread_steps (t, DEFAULT_ROWS);
}

static int
n_rows (const ClTimelapse *t, const ClRenderFiltersStripOptions *o)
{
  g_autoptr(GArray) steps = row_steps (t, o);
  return (int) steps->len;
}

ClFiltersStripRow *
cl_render_filters_strip_rows (const ClTimelapse *t, const ClRenderFiltersStripOptions *o,
                              int *count)
{
  g_autoptr(GArray) steps = row_steps (t, o);
  ClFiltersStripRow *rows = g_new0 (ClFiltersStripRow, MAX (1, steps->len));
  gsize size = cl_timelapse_frame_size (t), per_filter = (gsize) t->in * t->k * t->k;

  for (guint r = 0; r < steps->len; r++)
    {
      ClFiltersStripRow *row = &rows[r];
      row->asked = g_array_index (steps, guint64, r);
      row->frame = cl_timelapse_find (t, row->asked);
      row->step = t->steps[row->frame];
      const float *w = cl_timelapse_get_weights (t, row->frame);
      row->scale = _cl_render_max_abs (w, size);
      row->mean_r2 = NAN;
      /* Below 5×5 eight parameters fit anything: no R² to speak of. */
      if (t->k < 5)
        continue;
      double sum = 0;
      int fitted = 0;
      for (int f = 0; f < t->out; f++)
        {
          ClGaborFit fit;
          if (!cl_gabor_fit_channels (w + f * per_filter, t->in, t->k, &fit) || isnan (fit.r2))
            continue;
          sum += fit.r2;
          fitted++;
          row->n_gabor_like += cl_gabor_is_gabor_like (&fit, t->k);
        }
      row->mean_r2 = fitted > 0 ? sum / fitted : NAN;
    }
  *count = (int) steps->len;
  return rows;
}

char *
cl_render_filters_strip_caption (const ClTimelapse *t, const ClFiltersStripRow *row)
{
  g_autofree char *when = NULL, *fit = NULL;
  char scale[32];

  if (row->step == row->asked)
    /* Translators: a row of the time-lapse strip. */
    when = g_strdup_printf (_("step %llu"), (unsigned long long) row->step);
  else if (row->step < row->asked)
    /* Translators: the checkpoint shown is the newest before the step asked. */
    when = g_strdup_printf (_("step %llu (the checkpoint before %llu)"),
                            (unsigned long long) row->step, (unsigned long long) row->asked);
  else
    /* Translators: a run resumed from a model starts after the step asked. */
    when = g_strdup_printf (_("step %llu (the first checkpoint; %llu asked)"),
                            (unsigned long long) row->step, (unsigned long long) row->asked);
  if (!isnan (row->mean_r2))
    {
      g_autofree char *mean = cl_format_fixed (row->mean_r2, 2);
      fit = g_strdup_printf (
        /* Translators: "mean Gabor R² 0.74 (12 of 16 Gabor-like)" */
        ngettext ("mean Gabor R² %s (%d of %d Gabor-like)", "mean Gabor R² %s (%d of %d Gabor-like)",
                  t->out),
        mean, row->n_gabor_like, t->out);
    }
  _cl_render_format (scale, sizeof scale, row->scale);
  /* Translators: the colour scale of a row: full red at +%s, full blue at −%s. */
  g_autofree char *colours = g_strdup_printf (_("colours ±%s"), scale);
  if (fit != NULL)
    return g_strdup_printf ("%s — %s — %s", when, fit, colours);
  return g_strdup_printf ("%s — %s", when, colours);
}

static void
plan (const ClPalette *p, const ClTimelapse *t, int rows, int width, int height, Layout *l)
{
  l->margin = p->font * 0.8;
  l->title_h = p->font * 2.2;
  l->caption_h = p->font * 1.5;
  l->row_gap = p->font * 0.5;
  l->rows = rows;
  l->cols = MIN (t->out, CL_RENDER_STRIP_MAX_FILTERS);
  double avail_w = width - 2 * l->margin;
  double avail_h = height - 2 * l->margin - l->title_h - rows * (l->caption_h + l->row_gap);
  double by_w = avail_w / (l->cols + 0.12 * (l->cols - 1));
  double tile = MAX (1, MIN (by_w, avail_h / MAX (1, rows)));
  /* Whole pixels per weight when there is room: crisp cell edges. */
  if (tile >= 2 * t->k)
    tile = floor (tile / t->k) * t->k;
  l->tile = tile;
  l->gap = MAX (1, round (0.12 * tile));
  double used_w = l->cols * tile + (l->cols - 1) * l->gap;
  l->x0 = round ((width - used_w) / 2);
  /* Spare height shared above and below, so the rows stay together. */
  l->y0 = round (l->margin + l->title_h + MAX (0, avail_h - rows * tile) / 2);
}

static void
tile_origin (const Layout *l, int row, int filter, double *x, double *y)
{
  *x = l->x0 + filter * (l->tile + l->gap);
  *y = l->y0 + row * (l->tile + l->caption_h + l->row_gap);
}

static void
draw_filter (cairo_t *cr, const ClTimelapse *t, const float *w, int f, double scale, double x,
             double y, double side)
{
  int kk = t->k * t->k;
  double cell = side / t->k;
  const float *filter = w + (gsize) f * t->in * kk;

  if (t->in == 3)
    {
      _cl_render_rgb_grid (cr, filter, kk, t->k, t->k, x, y, cell, cell, -scale, scale);
      return;
    }
  if (t->in == 1)
    {
      _cl_render_grid (cr, filter, t->k, t->k, t->k, x, y, cell, cell, CL_MAP_DIVERGING, -scale,
                       scale);
      return;
    }
  /* A first layer on feature maps: the mean over its channels. */
  g_autofree float *mean = g_new0 (float, kk);
  for (int c = 0; c < t->in; c++)
    for (int i = 0; i < kk; i++)
      mean[i] += filter[(gsize) c * kk + i] / t->in;
  _cl_render_grid (cr, mean, t->k, t->k, t->k, x, y, cell, cell, CL_MAP_DIVERGING, -scale, scale);
}

static void
draw_title (cairo_t *cr, const ClPalette *p, const ClTimelapse *t, int width)
{
  g_autofree char *title = g_strdup_printf (_("Conv2D #1 — %d filters %d×%d during training"),
                                            t->out, t->k, t->k);
  g_autofree char *legend = NULL;
  double margin = p->font * 0.8;

  if (t->out > CL_RENDER_STRIP_MAX_FILTERS)
    {
      g_autofree char *more = g_strdup_printf (_(" (first %d shown)"), CL_RENDER_STRIP_MAX_FILTERS);
      char *longer = g_strconcat (title, more, NULL);
      g_free (title);
      title = longer;
    }
  if (t->in == 3)
    legend = g_strdup (_("colour = weights on R, G, B; grey 0"));
  else if (t->k >= 5)
    {
      g_autofree char *noise = cl_format_fixed (cl_gabor_noise_r2 (t->k), 2);
      /* Translators: %s is the Gabor R² that noise alone reaches. */
      legend = g_strdup_printf (_("red +, blue −, white 0; noise alone: R² %s"), noise);
    }
  else
    legend = g_strdup (_("red +, blue −, white 0"));
  double avail = width - 2 * margin;
  double legend_w = MIN (avail * 0.42, _cl_render_text_width (cr, p->font * 0.8, FALSE, legend));
  double size = _cl_render_fit_size (cr, p->font, TRUE, title, avail - legend_w - p->font);
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, margin, margin + p->font * 0.7, 0, 0.5, size, TRUE, title);
  _cl_render_set_color (cr, p->muted, 1);
  _cl_render_text (cr, width - margin, margin + p->font * 0.7, 1, 0.5,
                   _cl_render_fit_size (cr, p->font * 0.8, FALSE, legend, legend_w), FALSE, legend);
}

gboolean
cl_render_filters_strip (cairo_t *cr, const ClTimelapse *t,
                         const ClRenderFiltersStripOptions *options, int width, int height)
{
  ClRenderFiltersStripOptions defaults;
  ClPalette p;
  Layout l;

  if (options == NULL)
    {
      cl_render_filters_strip_options_init (&defaults);
      options = &defaults;
    }
  if (!_cl_render_begin (cr, &options->style, width, height, &p))
    return FALSE;
  if (t == NULL || t->n == 0)
    {
      _cl_render_message (cr, &p, width, height,
                          _("There is no checkpoint of the filters to show yet."));
      _cl_render_end (cr);
      return FALSE;
    }
  int count;
  g_autofree ClFiltersStripRow *rows = NULL;
  if (options->rows != NULL && options->n_rows == n_rows (t, options))
    rows = g_memdup2 (options->rows, options->n_rows * sizeof *rows), count = options->n_rows;
  else
    rows = cl_render_filters_strip_rows (t, options, &count);
  plan (&p, t, count, width, height, &l);
  draw_title (cr, &p, t, width);
  for (int r = 0; r < count; r++)
    {
      const float *w = cl_timelapse_get_weights (t, rows[r].frame);
      double x, y;
      for (int f = 0; f < l.cols; f++)
        {
          tile_origin (&l, r, f, &x, &y);
          draw_filter (cr, t, w, f, rows[r].scale, x, y, l.tile);
        }
      tile_origin (&l, r, 0, &x, &y);
      g_autofree char *caption = cl_render_filters_strip_caption (t, &rows[r]);
      /* Under the row, from its first filter: read with the row it labels. */
      double size = _cl_render_fit_size (cr, p.font * 0.85, FALSE, caption, width - l.margin - x);
      _cl_render_set_color (cr, p.fg, 1);
      _cl_render_text (cr, x, y + l.tile + l.caption_h * 0.5, 0, 0.5, size, FALSE, caption);
    }
  _cl_render_end (cr);
  return TRUE;
}

static double
font_for (const ClRenderStyle *style, int width, int height)
{
  /* As _cl_render_begin computes it, scale and floor included. */
  return MAX (CLAMP (sqrt ((double) width * height) / 40.0, 8.0, 96.0)
                * cl_render_style_get_scale (style),
              cl_render_style_get_min_text (style));
}

int
cl_render_filters_strip_height (const ClTimelapse *t, const ClRenderFiltersStripOptions *options,
                                int width)
{
  int rows = t != NULL && t->n > 0 ? n_rows (t, options) : 1;
  int cols = t != NULL ? MIN (t->out, CL_RENDER_STRIP_MAX_FILTERS) : 1;
  double height = width * 0.6;

  /* The font follows the size: a few rounds settle it. */
  for (int i = 0; i < 4; i++)
    {
      double font = font_for (options != NULL ? &options->style : NULL, width, (int) height);
      double tile = (width - 1.6 * font) / (cols + 0.12 * (cols - 1));
      tile = MIN (tile, font * 8);   /* one filter wide: not a wall of one tile */
      height = 1.6 * font + 2.2 * font + rows * (tile + 2.0 * font);
    }
  return (int) CLAMP (ceil (height), 16, CL_RENDER_MAX_SIDE);
}

gboolean
cl_render_filters_strip_tile_rect (const ClTimelapse *t, const ClRenderFiltersStripOptions *options,
                                   int width, int height, int row, int filter, double *x,
                                   double *y, double *side)
{
  ClPalette p;
  Layout l;

  if (t == NULL || t->n == 0 || width <= 0 || height <= 0)
    return FALSE;
  p.font = font_for (options != NULL ? &options->style : NULL, width, height);
  int rows = n_rows (t, options);
  plan (&p, t, rows, width, height, &l);
  if (row < 0 || row >= rows || filter < 0 || filter >= l.cols)
    return FALSE;
  tile_origin (&l, row, filter, x, y);
  *side = l.tile;
  return TRUE;
}
