#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "engine/gabor-fit.h"
#include "render/render-filters.h"
#include "render/number-format.h"
#include "render/render-private.h"

/* Past this, tiles would be a pixel each: a deep layer shows its first
 * filters and channels and says so. */
#define MAX_ROWS 64
#define MAX_COLS 32
#define MAX_BIG_CHANNELS 8
/* The gap between a filter and its fitted Gabor, in tiles: close enough
 * to read as a pair, apart from the next pair's filter. */
#define PAIR_GAP 0.06
/* Bins of the orientation rose: 15° each, centred on 0°, 15°, … */
#define ROSE_BINS 12
/* Samples per kernel cell when the fitted Gabor is drawn: the smooth
 * function, not the kernel's pixels again. */
#define FIT_SAMPLES 4

typedef struct {
  int layer, ordinal;        /* index in the network; n-th Conv2D from 1 */
  int out, in, k;
  const float *w;            /* [out, in, k, k] */
  gboolean first;            /* one tile per filter (the network's first layer) */
  gboolean rgb;              /* first layer on a 3-channel input */
  gboolean pair;             /* first layer: each filter's fitted Gabor beside it */
  double scale;              /* max |w|: the symmetric colour scale */
  /* layout */
  double x, y, width, height;   /* the section, header included */
  double gx, gy, tile, gap, block_gap, label_h;
  double pair_gap, unit;     /* first layer: a column is `unit` wide (tile, or tile + fit) */
  int rows, cols, block_cols, n_tiles;
} Section;

void
cl_render_filters_options_init (ClRenderFiltersOptions *options)
{
  *options = (ClRenderFiltersOptions) { .layer = -1, .gabor = FALSE, .filter = -1 };
}

/* `params`: the parameter block to draw (the snapshot's, or a checkpoint's
 * of the same layout). */
static int
collect (const ClSnapshot *s, const float *params, int only, Section *sections)
{
  const ClLayerKind *conv = cl_layer_registry_lookup ("Conv2D");
  ClShape in = cl_net_spec_get_input (s->spec);
  int n = 0, ordinal = 0;

  for (int i = 0; i < s->n_layers; i++)
    {
      ClShape prev = i == 0 ? in : s->layers[i - 1].shape;
      if (cl_net_spec_get_layer_kind (s->spec, i) != conv)
        continue;
      ordinal++;
      /* Sixteen sections would be unreadable anyway: a deep net shows its first. */
      if ((only >= 0 && i != only) || n == 16)
        continue;
      Section *sec = &sections[n++];
      *sec = (Section) { .layer = i, .ordinal = ordinal };
      sec->out = s->layers[i].shape.c;
      sec->in = prev.c;
      sec->k = (int) cl_net_spec_get_setting (s->spec, i, "kernel");
      gsize count = (gsize) sec->out * sec->in * sec->k * sec->k;
      if (count > s->layers[i].n_layer_params
          || s->layers[i].param_offset + count > s->n_params)
        {
          n--;   /* a snapshot that does not match its design: draw nothing of it */
          continue;
        }
      sec->w = params + s->layers[i].param_offset;
      sec->first = ordinal == 1 && (sec->in == 1 || sec->in == 3);
      sec->rgb = sec->first && sec->in == 3;
      sec->scale = _cl_render_max_abs (sec->w, count);
    }
  return n;
}

static double
header_height (const ClPalette *p)
{
  return p->font * 2.6;
}

/* Section geometry for tiles of side t (ratio × t on the first layer,
 * which is the one the class watches).  First layer: a grid of tiles.  Deeper
 * layers: each filter is a strip of its input channels, and the strips are
 * laid out in as many block columns as fit. */
static double
grid_height (Section *s, double t, double ratio, double avail_w)
{
  double gap = 0.15 * t;

  if (s->first)
    {
      t *= ratio;
      gap = 0.15 * t;
      double unit = s->pair ? t * (2 + PAIR_GAP) : t;
      s->cols = CLAMP ((int) floor ((avail_w + gap) / (unit + gap)), 1, s->out);
      s->rows = (s->out + s->cols - 1) / s->cols;
      s->block_cols = 1;
      return s->rows * (t + s->label_h) + (s->rows - 1) * gap;
    }
  s->cols = MIN (s->in, MAX_COLS);
  int filters = MIN (s->out, MAX_ROWS);
  double strip = s->cols * t + (s->cols - 1) * gap, block_gap = 0.8 * t;
  s->block_cols = CLAMP ((int) floor ((avail_w + block_gap) / (strip + block_gap)), 1, filters);
  s->rows = (filters + s->block_cols - 1) / s->block_cols;
  return s->rows * t + (s->rows - 1) * gap;
}

static double
strip_width (const Section *s)
{
  return s->cols * s->tile + (s->cols - 1) * s->gap;
}

/* Top-left corner of filter f's tile for input channel c. */
static void
tile_origin (const Section *s, int f, int c, double *x, double *y)
{
  if (s->first)
    {
      *x = s->gx + (f % s->cols) * (s->unit + s->gap);
      *y = s->gy + (f / s->cols) * (s->tile + s->gap + s->label_h);
      return;
    }
  int block = f % s->block_cols, row = f / s->block_cols;
  *x = s->gx + block * (strip_width (s) + s->block_gap) + c * (s->tile + s->gap);
  *y = s->gy + row * (s->tile + s->gap);
}

/* The largest deeper-layer tile side that fits when the first layer's
 * tiles are `ratio` times as large (bisection on the side). */
static double
largest_tile (Section *secs, int n, double ratio, double avail_w, double avail_h)
{
  double lo = 0, hi = MAX (1, MIN (avail_w, avail_h));

  for (int it = 0; it < 40; it++)
    {
      double t = (lo + hi) / 2, total = 0;
      gboolean fits = TRUE;
      for (int i = 0; i < n; i++)
        {
          Section *s = &secs[i];
          total += grid_height (s, t, ratio, avail_w);
          double tt = s->first ? ratio * t : t, unit = s->pair ? tt * (2 + PAIR_GAP) : tt;
          fits &= s->block_cols * (s->cols * unit * 1.15) <= avail_w + tt;
        }
      if (fits && total <= avail_h)
        lo = t;
      else
        hi = t;
    }
  return lo;
}

/* Deeper layers share one tile size, the largest that fits: the same
 * weight is the same size in every layer.  The first layer's tiles are 2
 * to 8 times as large: the smallest ratio that gives them (nearly) the
 * largest size they can have while a deeper weight keeps 2 pixels, so on
 * a projector the filters the class watches fill the room instead of
 * staying at twice the deeper layers' crowded strips. */
#define MAX_RATIO_STEPS 13   /* 2, 2.5 … 8 */

static void
layout (const ClPalette *p, Section *secs, int n, const ClRenderFiltersOptions *o, int width,
        int height)
{
  double margin = p->font * 0.8, head = header_height (p);
  double avail_w = width - 2 * margin;
  double avail_h = height - 2 * margin - n * head - (n - 1) * margin;
  int deep_k = 0;

  for (int i = 0; i < n; i++)
    {
      secs[i].label_h = secs[i].first && o->gabor ? p->font * 1.0 : 0;
      /* Below 5×5 there is no fit to show (see section_fits). */
      secs[i].pair = secs[i].first && o->gabor && o->fit_beside && secs[i].k >= 5;
      if (!secs[i].first)
        deep_k = MAX (deep_k, secs[i].k);
    }
  double ratio = 2, lo = largest_tile (secs, n, ratio, avail_w, avail_h);
  if (deep_k > 0 && secs[0].first)
    {
      /* The first layer's side for each ratio; keep the smallest within
       * 5 % of the best, so deeper layers shrink only for a real gain. */
      double best = 2 * lo, sides[MAX_RATIO_STEPS], ts[MAX_RATIO_STEPS];
      for (int r = 0; r < MAX_RATIO_STEPS; r++)
        {
          ts[r] = largest_tile (secs, n, 2 + 0.5 * r, avail_w, avail_h);
          sides[r] = r == 0 || ts[r] >= 2 * deep_k ? (2 + 0.5 * r) * ts[r] : 0;
          best = MAX (best, sides[r]);
        }
      for (int r = 0; r < MAX_RATIO_STEPS; r++)
        if (sides[r] >= 0.95 * best)
          {
            ratio = 2 + 0.5 * r;
            lo = ts[r];
            break;
          }
    }
  double spare = avail_h, y = margin;
  for (int i = 0; i < n; i++)
    spare -= grid_height (&secs[i], lo, ratio, avail_w);
  spare = MAX (0, spare) / n;   /* shared out as breathing room */
  for (int i = 0; i < n; i++)
    {
      Section *s = &secs[i];
      double grid_h = grid_height (s, lo, ratio, avail_w);
      s->tile = s->first ? ratio * lo : lo;
      s->gap = s->tile * 0.15;
      s->block_gap = s->tile * 0.8;
      /* Whole pixels per weight when there is room: crisp cell edges. */
      if (s->tile >= 2 * s->k)
        {
          s->tile = floor (s->tile / s->k) * s->k;
          s->gap = MAX (1, round (s->gap));
          s->block_gap = round (s->block_gap);
        }
      s->pair_gap = s->pair ? MAX (1, round (s->tile * PAIR_GAP)) : 0;
      s->unit = s->pair ? 2 * s->tile + s->pair_gap : s->tile;
      s->n_tiles = s->first ? s->out : MIN (s->out, MAX_ROWS) * s->cols;
      s->x = margin;
      s->y = y;
      s->width = avail_w;
      s->height = head + grid_h + spare;
      double used_w = s->first ? s->cols * s->unit + (s->cols - 1) * s->gap
                               : s->block_cols * strip_width (s) + (s->block_cols - 1) * s->block_gap;
      s->gx = round (s->x + (avail_w - used_w) / 2);
      s->gy = round (y + head + spare / 2);
      y += s->height + margin;
    }
}

/* The kernel the Gabor fit sees: its projection on the filter's dominant
 * colour axis, so colour-opponent edges count as edges. */
static gboolean
fit_filter (const Section *s, int f, ClGaborFit *fit)
{
  return cl_gabor_fit_channels (s->w + (gsize) f * s->in * s->k * s->k, s->in, s->k, fit);
}

static void
draw_gabor_line (cairo_t *cr, const ClGaborFit *fit, double x, double y, double cell, int k)
{
  double cx = x + (fit->cx + 0.5) * cell, cy = y + (fit->cy + 0.5) * cell;
  double dx = -sin (fit->theta), dy = cos (fit->theta), len = 0.42 * cell * k;

  cairo_save (cr);
  cairo_rectangle (cr, x, y, cell * k, cell * k);
  cairo_clip (cr);
  cairo_move_to (cr, cx - dx * len, cy - dy * len);
  cairo_line_to (cr, cx + dx * len, cy + dy * len);
  /* Dark line with a light halo: visible on red, blue and white alike. */
  cairo_set_source_rgba (cr, 1, 1, 1, 0.85);
  cairo_set_line_width (cr, MAX (3.0, cell * k * 0.035));
  cairo_stroke_preserve (cr);
  cairo_set_source_rgba (cr, 0.1, 0.1, 0.1, 0.9);
  cairo_set_line_width (cr, MAX (1.2, cell * k * 0.015));
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_tile (cairo_t *cr, const Section *s, int f, int c, double x, double y)
{
  int kk = s->k * s->k;
  double cell = s->tile / s->k;

  if (s->rgb)
    {
      /* Each channel 0.5 + w / 2·scale: grey is zero, the colour says which
       * channels the filter likes. */
      _cl_render_rgb_grid (cr, s->w + (gsize) f * 3 * kk, kk, s->k, s->k, x, y, cell, cell,
                           -s->scale, s->scale);
    }
  else
    _cl_render_grid (cr, s->w + ((gsize) f * s->in + c) * kk, s->k, s->k, s->k, x, y, cell, cell,
                     CL_MAP_DIVERGING, -s->scale, s->scale);
}

static void
draw_header (cairo_t *cr, const ClPalette *p, const Section *s, const char *extra)
{
  g_autofree char *title = NULL;
  double bar_w = MIN (s->width * 0.32, p->font * 14);

  if (s->first)
    /* Translators: "Conv2D #1 — 6 filters 5×5" */
    title = g_strdup_printf (_("Conv2D #%d — %d filters %d×%d"), s->ordinal, s->out, s->k, s->k);
  else
    /* Translators: "Conv2D #2 — 16 filters × 6 channels, 5×5" */
    title = g_strdup_printf (_("Conv2D #%d — %d filters × %d channels, %d×%d"), s->ordinal, s->out,
                             s->in, s->k, s->k);
  if (extra != NULL)
    {
      char *t = g_strconcat (title, extra, NULL);
      g_free (title);
      title = t;
    }
  double room = s->rgb ? s->width * 0.5 : s->width - bar_w - p->font * 2;
  double size = _cl_render_fit_size (cr, p->font, TRUE, title, room);
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, s->x, s->y + p->font * 0.6, 0, 0.5, size, TRUE, title);
  if (s->rgb)
    {
      /* The colour of an RGB tile is not a colour map: say how to read it. */
      char v[32];
      _cl_render_format (v, sizeof v, s->scale);
      /* Translators: how to read a colour filter tile; %s is the scale. */
      g_autofree char *how = g_strdup_printf (_("colour = weights on R, G, B: grey 0, full ± %s"), v);
      _cl_render_set_color (cr, p->fg, 1);
      _cl_render_text (cr, s->x + s->width, s->y + p->font * 0.6, 1, 0.5,
                       _cl_render_fit_size (cr, p->font * 0.8, FALSE, how, s->width * 0.45), FALSE,
                       how);
      return;
    }
  _cl_render_colorbar (cr, p, s->x + s->width - bar_w, s->y + p->font * 0.2, bar_w,
                       p->font * 0.8, CL_MAP_DIVERGING, -s->scale, s->scale, _("weight"));
}

/* The fits a section shows: the caller's when it gave them, else fitted now. */
static ClGaborFit *
section_fits (const Section *s, const ClRenderFiltersOptions *o)
{
  /* Below 5×5 eight parameters fit anything (noise reaches R² 0.6 at 4×4). */
  if (!s->first || !o->gabor || s->k < 5)
    return NULL;
  if (o->gabor_fits != NULL && o->n_gabor_fits == s->out)
    return g_memdup2 (o->gabor_fits, s->out * sizeof (ClGaborFit));
  ClGaborFit *fits = g_new0 (ClGaborFit, s->out);
  for (int f = 0; f < s->out; f++)
    fit_filter (s, f, &fits[f]);
  return fits;
}

/* The fitted Gabor of a filter, at (x, y) beside it, as the function it
 * is: FIT_SAMPLES samples per kernel cell, on the filter's colour scale.
 * Faded when the fit is poor: a shape the filter does not have. */
static void
draw_fit_tile (cairo_t *cr, const Section *s, const ClGaborFit *fit, double x, double y)
{
  int n = s->k * FIT_SAMPLES;
  g_autofree float *v = g_new (float, (gsize) n * n);
  double cell = s->tile / n;

  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      v[i * n + j] = (float) cl_gabor_eval (fit, (j + 0.5) / FIT_SAMPLES - 0.5,
                                            (i + 0.5) / FIT_SAMPLES - 0.5);
  cairo_save (cr);
  cairo_push_group (cr);
  _cl_render_grid (cr, v, n, n, n, x, y, cell, cell, CL_MAP_DIVERGING, -s->scale, s->scale);
  cairo_pop_group_to_source (cr);
  cairo_paint_with_alpha (cr, cl_gabor_is_gabor_like (fit, s->k) ? 1.0 : 0.45);
  cairo_restore (cr);
}

static void
draw_section (cairo_t *cr, const ClPalette *p, const Section *s, const ClRenderFiltersOptions *o,
              const ClGaborFit *fits)
{
  g_autofree char *extra = NULL;
  double r2_sum = 0;
  int r2_n = 0;

  if (fits != NULL)
    {
      for (int f = 0; f < s->out; f++)
        if (!isnan (fits[f].r2))
          {
            r2_sum += fits[f].r2;
            r2_n++;
          }
      if (r2_n > 0)
        /* Translators: appended to a layer's title; R² is the Gabor fit
         * quality, the second number what noise alone reaches. */
        {
          g_autofree char *mean = cl_format_fixed (r2_sum / r2_n, 2);
          g_autofree char *noise = cl_format_fixed (cl_gabor_noise_r2 (s->k), 2);
          extra = g_strdup_printf (_(", mean Gabor R² %s (noise alone: %s)"), mean, noise);
        }
    }
  draw_header (cr, p, s, extra);

  for (int t = 0; t < s->n_tiles; t++)
    {
      int f = s->first ? t : t / s->cols, c = s->first ? 0 : t % s->cols;
      double x, y;
      tile_origin (s, f, c, &x, &y);
      draw_tile (cr, s, f, c, x, y);
      if (fits != NULL && s->pair && !isnan (fits[t].r2))
        draw_fit_tile (cr, s, &fits[t], x + s->tile + s->pair_gap, y);
      if (fits != NULL && !isnan (fits[t].r2))
        {
          char label[32];
          /* The stripe line only where the fit means something: it appears
           * as a filter becomes Gabor-like. */
          gboolean like = cl_gabor_is_gabor_like (&fits[t], s->k);
          if (like)
            draw_gabor_line (cr, &fits[t], x, y, s->tile / s->k, s->k);
          g_autofree char *r2 = cl_format_fixed (fits[t].r2, 2);
          g_snprintf (label, sizeof label, "R² %s", r2);
          double size = _cl_render_fit_size (cr, p->font * 0.75, like, label, s->unit + s->gap * 0.5);
          _cl_render_set_color (cr, like ? p->fg : p->muted, 1);
          _cl_render_text (cr, x + s->unit / 2, y + s->tile + s->label_h * 0.45, 0.5, 0.5, size,
                           like, label);
        }
    }
  if (!s->first && (s->out > MAX_ROWS || s->in > MAX_COLS))
    {
      g_autofree char *note = g_strdup_printf (_("first %d of %d filters, %d of %d channels shown"),
                                               MIN (s->out, MAX_ROWS), s->out, s->cols, s->in);
      _cl_render_set_color (cr, p->muted, 1);
      _cl_render_text (cr, s->x, s->y + p->font * 1.75, 0, 0.5, p->font * 0.75, FALSE, note);
    }
}

/* "0.25", "−0.61": two decimals, a real minus sign. */
static void
format_weight (char *buf, gsize size, double v)
{
  /* The shared formatter drops the sign of what rounds to 0,00. */
  g_autofree char *text = isfinite (v) ? cl_format_fixed (v, 2) : g_strdup ("NaN");
  g_strlcpy (buf, text, size);
}

/* One filter large: each input channel a k×k grid with its values. */
static void
draw_big (cairo_t *cr, const ClPalette *p, Section *s, int f, const ClRenderFiltersOptions *o,
          int width, int height)
{
  int kk = s->k * s->k, channels = MIN (s->in, MAX_BIG_CHANNELS);
  double margin = p->font * 0.8, head = header_height (p);
  double foot = p->font * 2.4;   /* channel captions, Gabor line */
  double avail_w = width - 2 * margin, avail_h = height - 2 * margin - head - foot;
  double gap = p->font;
  double side = MIN ((avail_w - (channels - 1) * gap) / channels, avail_h);
  double cell = side / s->k;
  double x0 = margin + (avail_w - channels * side - (channels - 1) * gap) / 2;
  double y0 = margin + head;
  ClGaborFit fit;
  gboolean fitted = FALSE;
  if (s->first && o->gabor && s->k >= 5)
    {
      if (o->gabor_fits != NULL && o->n_gabor_fits == s->out)
        fit = o->gabor_fits[f];
      else
        fit_filter (s, f, &fit);
      fitted = !isnan (fit.r2);
    }

  s->x = margin;
  s->y = margin;
  s->width = avail_w;
  g_autofree char *which = g_strdup_printf (_(", filter %d"), f + 1);
  draw_header (cr, p, s, which);
  if (side <= 0)
    return;

  for (int c = 0; c < channels; c++)
    {
      const float *w = s->w + ((gsize) f * s->in + c) * kk;
      double x = x0 + c * (side + gap);
      _cl_render_grid (cr, w, s->k, s->k, s->k, x, y0, cell, cell, CL_MAP_DIVERGING, -s->scale,
                       s->scale);
      double size = MIN (cell * 0.3, p->font * 1.2);
      for (int i = 0; size >= 6 && i < kk; i++)
        {
          char v[32];
          ClColor bg = _cl_render_map (CL_MAP_DIVERGING, w[i], -s->scale, s->scale);
          double lum = 0.2126 * bg.r + 0.7152 * bg.g + 0.0722 * bg.b;
          format_weight (v, sizeof v, w[i]);
          double fs = _cl_render_fit_size (cr, size, FALSE, v, cell * 0.9);
          cairo_set_source_rgb (cr, lum < 0.5 ? 1 : 0, lum < 0.5 ? 1 : 0, lum < 0.5 ? 1 : 0);
          _cl_render_text (cr, x + (i % s->k + 0.5) * cell, y0 + (i / s->k + 0.5) * cell, 0.5, 0.5,
                           fs, FALSE, v);
        }
      if (fitted)
        draw_gabor_line (cr, &fit, x, y0, cell, s->k);
      g_autofree char *caption = NULL;
      if (s->rgb)
        caption = g_strdup (c == 0 ? _("red") : c == 1 ? _("green") : _("blue"));
      else
        caption = g_strdup_printf (_("channel %d"), c + 1);
      _cl_render_set_color (cr, p->fg, 1);
      _cl_render_text (cr, x + side / 2, y0 + side + p->font * 0.8, 0.5, 0.5, p->font * 0.85, FALSE,
                       caption);
    }
  if (fitted)
    {
      g_autofree char *degrees = cl_format_fixed (cl_gabor_stripe_degrees (&fit), 0);
      g_autofree char *frequency = cl_format_fixed (fit.frequency, 2);
      g_autofree char *sigma = cl_format_fixed (fit.sigma, 1);
      g_autofree char *r2 = cl_format_fixed (fit.r2, 2);
      g_autofree char *line = g_strdup_printf (
        _("Gabor fit: stripes at %s°, %s cycles per pixel, envelope σ %s px, R² %s"),
        degrees, frequency, sigma, r2);
      double size = _cl_render_fit_size (cr, p->font * 0.9, FALSE, line, avail_w);
      _cl_render_set_color (cr, p->fg, 1);
      _cl_render_text (cr, width / 2.0, y0 + side + p->font * 2.0, 0.5, 0.5, size, FALSE, line);
    }
}

/* The rose beside the grid: only for a first layer that has fits. */
static gboolean
wants_rose (const ClRenderFiltersOptions *o, const Section *secs, int n)
{
  return o->gabor && o->orientations && n > 0 && secs[0].first && secs[0].k >= 5;
}

static double
rose_width (const ClPalette *p, int width)
{
  return MIN (width * 0.4, CLAMP (width * 0.25, p->font * 9, p->font * 16));
}

/* The stripe directions of the Gabor-like filters as a rose: a line has
 * no direction, so each bin is drawn on both sides of the centre, and
 * the class sees at a glance whether every orientation is covered. */
static void
draw_rose (cairo_t *cr, const ClPalette *p, const ClGaborFit *fits, int n_fits, int k, double x,
           double y, double w, double h)
{
  guint counts[ROSE_BINS];
  int counted = cl_gabor_orientation_histogram (fits, n_fits, k, counts, ROSE_BINS);
  guint most = 1;
  double line = p->font * 1.2;
  char threshold[32];

  for (int i = 0; i < ROSE_BINS; i++)
    most = MAX (most, counts[i]);
  g_autofree char *threshold_text = cl_format_fixed (cl_gabor_like_threshold (k), 2);
  g_strlcpy (threshold, threshold_text, sizeof threshold);

  const char *title = _("Stripe orientations");
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, x + w / 2, y + p->font * 0.6, 0.5, 0.5,
                   _cl_render_fit_size (cr, p->font, TRUE, title, w), TRUE, title);
  double top = y + p->font * 1.4, bottom = y + h - 2 * line;
  double r = MAX (0, MIN (w / 2 - p->font * 1.6, (bottom - top) / 2 - p->font * 0.9));
  double cx = x + w / 2, cy = (top + bottom) / 2;

  /* Rings at the full count and half of it, axes every 45°. */
  _cl_render_set_color (cr, p->grid, 1);
  cairo_set_line_width (cr, MAX (1, p->font * 0.08));
  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  cairo_stroke (cr);
  cairo_arc (cr, cx, cy, r / 2, 0, 2 * G_PI);
  cairo_stroke (cr);
  for (int a = 0; a < 180; a += 45)
    {
      double t = a * G_PI / 180;
      cairo_move_to (cr, cx - r * cos (t), cy + r * sin (t));
      cairo_line_to (cr, cx + r * cos (t), cy - r * sin (t));
      cairo_stroke (cr);
      char label[16];
      g_snprintf (label, sizeof label, "%d°", a);
      _cl_render_set_color (cr, p->muted, 1);
      _cl_render_text (cr, cx + (r + p->font * 0.8) * cos (t), cy - (r + p->font * 0.7) * sin (t),
                       0.5, 0.5, p->font * 0.7, FALSE, label);
      _cl_render_set_color (cr, p->grid, 1);
    }

  /* Wedges: length proportional to the count, both ways. */
  double half = G_PI / ROSE_BINS / 2;
  for (int i = 0; i < ROSE_BINS && r > 0; i++)
    for (int side = 0; side < 2 && counts[i] > 0; side++)
      {
        double centre = i * G_PI / ROSE_BINS + side * G_PI, len = r * counts[i] / most;
        /* The viewer's counter-clockwise angle is Cairo's clockwise one. */
        cairo_move_to (cr, cx, cy);
        cairo_arc_negative (cr, cx, cy, len, -(centre - half), -(centre + half));
        cairo_close_path (cr);
        _cl_render_set_color (cr, p->series[0], 0.85);
        cairo_fill_preserve (cr);
        _cl_render_set_color (cr, p->fg, 0.8);
        cairo_set_line_width (cr, MAX (1, p->font * 0.06));
        cairo_stroke (cr);
      }

  /* The legend: how many, by which threshold, what the outer ring is. */
  g_autofree char *how_many = g_strdup_printf (
    /* Translators: "12 of 16 filters with R² ≥ 0.64" (Gabor-like ones) */
    ngettext ("%d of %d filter with R² ≥ %s", "%d of %d filters with R² ≥ %s", n_fits), counted,
    n_fits, threshold);
  g_autofree char *ring = g_strdup_printf (
    ngettext ("outer ring: %u filter", "outer ring: %u filters", most), most);
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, cx, bottom + line * 0.5, 0.5, 0.5,
                   _cl_render_fit_size (cr, p->font * 0.8, FALSE, how_many, w), FALSE, how_many);
  if (counted > 0)
    {
      _cl_render_set_color (cr, p->muted, 1);
      _cl_render_text (cr, cx, bottom + line * 1.5, 0.5, 0.5,
                       _cl_render_fit_size (cr, p->font * 0.75, FALSE, ring, w), FALSE, ring);
    }
  if (counted == 0 && r > 0)
    {
      /* In the circle, on two lines if the floor size needs them. */
      const char *none = _("none Gabor-like yet");
      double size = _cl_render_fit_size (cr, p->font * 0.8, FALSE, none, 1.6 * r);
      g_auto (GStrv) lines = _cl_render_wrap (cr, size, FALSE, none, 1.6 * r);
      int n = (int) g_strv_length (lines);
      _cl_render_set_color (cr, p->muted, 1);
      for (int i = 0; i < n; i++)
        _cl_render_text (cr, cx, cy + (i - (n - 1) / 2.0) * size * 1.2, 0.5, 0.5, size, FALSE,
                         lines[i]);
    }
}

/* The sections laid out as drawn at this size; the width the grid gets
 * (the rose takes the rest).  Returns the number of sections. */
static int
plan (cairo_t *cr, const ClPalette *p, const ClSnapshot *snapshot,
      const ClRenderFiltersOptions *o, int width, int height, Section *secs, int *grid_w)
{
  int n = snapshot != NULL
            ? collect (snapshot, o->params != NULL ? o->params : snapshot->params, o->layer, secs)
            : 0;

  *grid_w = width;
  if (n == 0 || o->filter >= 0)
    return n;
  if (wants_rose (o, secs, n))
    *grid_w = (int) (width - rose_width (p, width));
  layout (p, secs, n, o, *grid_w, height);
  return n;
}

gboolean
cl_render_filters (cairo_t *cr, const ClSnapshot *snapshot, const ClRenderFiltersOptions *options,
                   int width, int height)
{
  ClRenderFiltersOptions defaults;
  ClPalette p;
  Section secs[16];
  int grid_w;

  if (options == NULL)
    {
      cl_render_filters_options_init (&defaults);
      options = &defaults;
    }
  if (!_cl_render_begin (cr, &options->style, width, height, &p))
    return FALSE;
  int n = plan (cr, &p, snapshot, options, width, height, secs, &grid_w);
  if (n == 0)
    {
      _cl_render_message (cr, &p, width, height, _("This network has no Conv2D layer."));
      _cl_render_end (cr);
      return FALSE;
    }
  if (options->filter >= 0)
    {
      Section *s = &secs[0];
      if (options->filter < s->out)
        draw_big (cr, &p, s, options->filter, options, width, height);
      _cl_render_end (cr);
      return options->filter < s->out;
    }
  for (int i = 0; i < n; i++)
    {
      g_autofree ClGaborFit *fits = section_fits (&secs[i], options);
      draw_section (cr, &p, &secs[i], options, fits);
      if (i == 0 && grid_w < width)
        draw_rose (cr, &p, fits, fits != NULL ? secs[0].out : 0, secs[0].k, grid_w,
                   p.font * 0.8, width - grid_w - p.font * 0.8, height - p.font * 1.6);
    }
  _cl_render_end (cr);
  return TRUE;
}

ClGaborFit *
cl_render_filters_fit_gabor (const ClSnapshot *snapshot, const float *params, int *n_filters)
{
  Section secs[16];
  int n = snapshot != NULL
            ? collect (snapshot, params != NULL ? params : snapshot->params, -1, secs)
            : 0;

  *n_filters = 0;
  if (n == 0 || !secs[0].first || secs[0].k < 5)
    return NULL;
  ClGaborFit *fits = g_new0 (ClGaborFit, secs[0].out);
  for (int f = 0; f < secs[0].out; f++)
    fit_filter (&secs[0], f, &fits[f]);
  *n_filters = secs[0].out;
  return fits;
}

/* Runs `plan` on a scratch context: the layout needs only the palette's
 * font size. */
static int
plan_offscreen (const ClSnapshot *snapshot, const ClRenderFiltersOptions *options, int width,
                int height, Section *secs)
{
  ClPalette p;
  int grid_w, n = 0;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (surface);

  if (snapshot != NULL && options != NULL && options->filter < 0
      && _cl_render_begin (cr, &options->style, width, height, &p))
    {
      n = plan (cr, &p, snapshot, options, width, height, secs, &grid_w);
      _cl_render_end (cr);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return n;
}

int
cl_render_filters_hit (const ClSnapshot *snapshot, const ClRenderFiltersOptions *options,
                       int width, int height, double x, double y, int *layer)
{
  Section secs[16];
  int n = plan_offscreen (snapshot, options, width, height, secs);

  for (int i = 0; i < n; i++)
    {
      const Section *s = &secs[i];
      for (int t = 0; t < s->n_tiles; t++)
        {
          int f = s->first ? t : t / s->cols, c = s->first ? 0 : t % s->cols;
          double tx, ty;
          tile_origin (s, f, c, &tx, &ty);
          /* A filter's fitted Gabor is part of it. */
          double tw = s->first ? s->unit : s->tile;
          if (x >= tx && x < tx + tw && y >= ty && y < ty + s->tile)
            {
              if (layer != NULL)
                *layer = s->layer;
              return f;
            }
        }
    }
  return -1;
}

gboolean
cl_render_filters_tile_rect (const ClSnapshot *snapshot, const ClRenderFiltersOptions *options,
                             int width, int height, int filter, gboolean fit, double *x,
                             double *y, double *side)
{
  Section secs[16];
  int n = plan_offscreen (snapshot, options, width, height, secs);

  if (n == 0 || !secs[0].first || filter < 0 || filter >= secs[0].out || (fit && !secs[0].pair))
    return FALSE;
  tile_origin (&secs[0], filter, 0, x, y);
  if (fit)
    *x += secs[0].tile + secs[0].pair_gap;
  *side = secs[0].tile;
  return TRUE;
}
