#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "render/number-format.h"
#include "render/render-activation-fn.h"
#include "render/render-private.h"

/* Points of the curves across the plot: finer than any screen's pixels
 * at the widths the explorer has, so kinks sit where they are. */
#define GRID 800

/* f′ under this fraction of its largest value counts as saturated. */
#define SATURATION 0.05

void
cl_activation_fn_view_init (ClActivationFnView *view, ClActivation kind)
{
  g_return_if_fail (view != NULL);
  memset (view, 0, sizeof *view);
  cl_activation_params_init (&view->fn, kind);
  view->x_min = -6;
  view->x_max = 6;
  view->n_inputs = 3;
  view->inputs[0] = 2;
  view->inputs[1] = 1;
  view->inputs[2] = 0.1;
}

static double
eval (const ClActivationFnView *v, double x, double *derivative)
{
  float d;
  float y = cl_activation_value (&v->fn, (float) x, &d);
  if (derivative != NULL)
    *derivative = d;
  return y;
}

static double
grid_x (const ClActivationFnView *v, int i)
{
  return v->x_min + (v->x_max - v->x_min) * i / GRID;
}

/* ---- Ranges and layout ---------------------------------------------- */

static void
pad_range (double *lo, double *hi)
{
  double span = *hi - *lo;
  if (!(span > 1e-9))
    span = MAX (1.0, fabs (*lo));
  *lo -= span * 0.08;
  *hi += span * 0.08;
}

static void
value_ranges (const ClActivationFnView *v, double *f0, double *f1, double *d0, double *d1)
{
  *f0 = *f1 = 0;
  *d0 = 0;
  *d1 = 1;   /* f′ against 1: σ′ ≤ ¼ shows how little gradient a sigmoid passes */
  for (int i = 0; i <= GRID; i++)
    {
      double d, y = eval (v, grid_x (v, i), &d);
      if (isfinite (y))
        {
          *f0 = MIN (*f0, y);
          *f1 = MAX (*f1, y);
        }
      if (isfinite (d))
        {
          *d0 = MIN (*d0, d);
          *d1 = MAX (*d1, d);
        }
    }
  if (v->fn.kind == CL_ACTIVATION_RRELU && v->x_min < 0)
    {
      /* The band of training slopes, not only their mean. */
      *f0 = MIN (*f0, MAX (v->fn.lower, v->fn.upper) * v->x_min);
      *d1 = MAX (*d1, MAX (v->fn.lower, v->fn.upper));
    }
  pad_range (f0, f1);
  pad_range (d0, d1);
}

static double
header_rows (const ClActivationFnView *v)
{
  /* Name and f's formula, f′'s formula; the tooltip has only its caption. */
  return v->compact ? (v->samples_caption != NULL ? 1.4 : 0) : 2.9;
}

void
cl_activation_fn_layout (const ClActivationFnView *v, const ClRenderStyle *style, int width,
                         int height, ClActivationFnLayout *layout)
{
  g_return_if_fail (v != NULL && layout != NULL);
  double font = _cl_render_font_size (style, width, height);
  double pad = font * 0.6;
  double top = pad + font * header_rows (v);
  double bottom = height - pad - (v->samples != NULL && !v->compact ? font * 1.4 : 0);
  double left = pad + font * 3.0, right = width - pad * 1.5;
  double ticks = font * 1.5;   /* x tick labels under each plot */
  double f0, f1, d0, d1;

  memset (layout, 0, sizeof *layout);
  value_ranges (v, &f0, &f1, &d0, &d1);
  double avail = MAX (0, bottom - top);
  double f_h, d_h;
  if (v->compact)
    {
      f_h = MAX (0, avail - ticks);
      d_h = 0;
    }
  else
    {
      double plots = MAX (0, avail - 2 * ticks - font * 0.8);
      f_h = plots * 0.58;
      d_h = plots - f_h;
    }
  layout->f = (ClActivationFnPlot) { left, top, MAX (0, right - left), f_h,
                                     v->x_min, v->x_max, f0, f1 };
  if (!v->compact)
    layout->df = (ClActivationFnPlot) { left, top + f_h + ticks + font * 0.8,
                                        MAX (0, right - left), d_h,
                                        v->x_min, v->x_max, d0, d1 };
}

double
cl_activation_fn_plot_px (const ClActivationFnPlot *p, double x)
{
  return p->x + (p->x1 > p->x0 ? (x - p->x0) / (p->x1 - p->x0) : 0.5) * p->w;
}

double
cl_activation_fn_plot_py (const ClActivationFnPlot *p, double y)
{
  return p->y + p->h - (p->y1 > p->y0 ? (y - p->y0) / (p->y1 - p->y0) : 0.5) * p->h;
}

double
cl_activation_fn_plot_x_at (const ClActivationFnPlot *p, double px)
{
  return p->w > 0 ? p->x0 + (px - p->x) / p->w * (p->x1 - p->x0) : p->x0;
}

static ClChart
chart_of (const ClActivationFnPlot *p)
{
  return (ClChart) { .x = p->x, .y = p->y, .w = p->w, .h = p->h,
                     .x0 = p->x0, .x1 = p->x1, .y0 = p->y0, .y1 = p->y1 };
}

/* ---- Flat regions and histogram -------------------------------------- */

static gboolean
smooth (ClActivation kind)
{
  return kind == CL_ACTIVATION_SIGMOID || kind == CL_ACTIVATION_TANH || kind == CL_ACTIVATION_ELU;
}

int
cl_activation_fn_flat_regions (const ClActivationFnView *v, ClFlatRegion *regions, int max)
{
  g_return_val_if_fail (v != NULL && (regions != NULL || max == 0), 0);
  if (v->fn.kind == CL_ACTIVATION_SOFTMAX || !(v->x_max > v->x_min))
    return 0;

  double top = 0;
  for (int i = 0; i <= GRID; i++)
    {
      double d;
      eval (v, grid_x (v, i), &d);
      if (isfinite (d))
        top = MAX (top, fabs (d));
    }
  double half = (v->x_max - v->x_min) / GRID / 2;
  int n = 0, run = -1;   /* the class of the run in progress, -1: none */
  for (int i = 0; i <= GRID + 1; i++)
    {
      int cls = -1;
      if (i <= GRID)
        {
          double d;
          eval (v, grid_x (v, i), &d);
          /* A smooth f′ reaches 0 in float far out (tanh′ beyond 9): that
           * is still saturation, not a dead unit. */
          if (smooth (v->fn.kind))
            cls = fabs (d) < SATURATION * top ? CL_FLAT_SATURATED : -1;
          else if (d == 0)
            cls = CL_FLAT_DEAD;
        }
      if (cls == run)
        continue;
      /* The run ends between the previous point and this one. */
      if (run >= 0 && n > 0)
        regions[n - 1].x1 = i > GRID ? v->x_max : grid_x (v, i) - half;
      if (cls >= 0 && n < max)
        {
          regions[n++] = (ClFlatRegion) { i == 0 ? v->x_min : grid_x (v, i) - half, v->x_max,
                                          (ClFlatKind) cls };
          run = cls;
        }
      else
        run = -1;
    }
  return n;
}

gsize
cl_activation_fn_histogram (const float *samples, gsize n, double x0, double x1, guint *counts,
                            int n_bins)
{
  gsize total = 0;

  g_return_val_if_fail (counts != NULL && n_bins > 0, 0);
  memset (counts, 0, sizeof (guint) * n_bins);
  if (samples == NULL || !(x1 > x0))
    return 0;
  for (gsize i = 0; i < n; i++)
    {
      double v = samples[i];
      if (!isfinite (v))
        continue;
      double t = (v - x0) / (x1 - x0) * n_bins;
      int b = t < 0 ? 0 : t >= n_bins ? n_bins - 1 : (int) t;
      counts[b]++;
      total++;
    }
  return total;
}

/* 1, 2 or 5 times a power of ten, at least v. */
static double
nice_up (double v)
{
  double m = pow (10, floor (log10 (v)));
  double r = v / m;
  return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * m;
}

void
cl_activation_fn_fit_range (const float *samples, gsize n, double *x_min, double *x_max)
{
  g_return_if_fail (x_min != NULL && x_max != NULL);
  *x_min = -6;
  *x_max = 6;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;
  gsize finite = 0;
  for (gsize i = 0; samples != NULL && i < n; i++)
    if (isfinite (samples[i]))
      {
        lo = MIN (lo, samples[i]);
        hi = MAX (hi, samples[i]);
        finite++;
      }
  if (finite == 0)
    return;
  /* The 1st and 99th percentiles from a fine histogram: one pass, no sort
   * of a layer's thousands of values on every snapshot. */
  enum { FINE = 1000 };
  g_autofree guint *counts = g_new (guint, FINE);
  double a = lo, b = hi > lo ? hi : lo + 1;
  cl_activation_fn_histogram (samples, n, a, b, counts, FINE);
  gsize cut = finite / 100, seen = 0;
  int first = 0, last = FINE - 1;
  for (; first < FINE - 1 && seen + counts[first] <= cut; first++)
    seen += counts[first];
  seen = 0;
  for (; last > 0 && seen + counts[last] <= cut; last--)
    seen += counts[last];
  double q01 = a + (b - a) * first / FINE, q99 = a + (b - a) * (last + 1) / FINE;
  /* Symmetric about 0, where every activation bends. */
  double m = nice_up (MAX (1.0, MAX (fabs (q01), fabs (q99)) * 1.1));
  *x_min = -m;
  *x_max = m;
}

/* ---- A layer of the network ----------------------------------------- */

gboolean
cl_activation_fn_view_set_layer (ClActivationFnView *view, const ClSnapshot *snapshot, int layer,
                                 char **caption)
{
  ClActivationParams params;

  g_return_val_if_fail (view != NULL && snapshot != NULL, FALSE);
  const ClNetSpec *spec = snapshot->spec;
  if (spec == NULL || layer < 0 || layer >= snapshot->n_layers
      || layer >= cl_net_spec_get_n_layers (spec))
    return FALSE;
  const ClLayerKind *kind = cl_net_spec_get_layer_kind (spec, layer);
  if (!cl_activation_for_kind (kind, cl_net_spec_get_settings (spec, layer), &params))
    return FALSE;

  const ClSnapshotLayer *l = &snapshot->layers[layer];
  if (params.kind == CL_ACTIVATION_PRELU && l->n_layer_params > 0 && snapshot->params != NULL)
    {
      /* One learned slope per channel: the curve of their mean. */
      double sum = 0;
      for (gsize i = 0; i < l->n_layer_params; i++)
        sum += snapshot->params[l->param_offset + i];
      params.slope = sum / l->n_layer_params;
    }

  ClShape in = layer == 0 ? cl_net_spec_get_input (spec) : snapshot->layers[layer - 1].shape;
  gsize size = (gsize) in.c * in.h * in.w;
  const float *inputs = layer == 0 ? snapshot->probe_inputs : snapshot->layers[layer - 1].activations;

  view->fn = params;
  view->samples = NULL;
  view->n_samples = 0;
  if (inputs != NULL && snapshot->n_probes > 0)
    {
      if (params.kind == CL_ACTIVATION_SOFTMAX)
        {
          view->n_inputs = (int) MIN (size, CL_ACTIVATION_FN_MAX_INPUTS);
          for (int i = 0; i < view->n_inputs; i++)
            view->inputs[i] = inputs[i];
        }
      else
        {
          view->samples = inputs;
          view->n_samples = size * snapshot->n_probes;
        }
    }
  if (caption != NULL)
    /* Translators: a layer as the editor names it: "ReLU #3". */
    *caption = g_strdup_printf (_("%s #%d"), _(kind->label), layer + 1);
  return TRUE;
}

/* ---- Formulas -------------------------------------------------------- */

static char *
num (double v)
{
  return cl_format_significant (v, 3);
}

/* "w·x + b" with the signs a slide has: "−0,5·x − 1", "x + 0,5". */
static char *
piece_text (double w, double b)
{
  g_autofree char *ws = num (w);
  g_autofree char *bs = num (fabs (b));
  const char *slope = w == 1 ? "x" : w == -1 ? "−x" : NULL;
  g_autofree char *wx = slope != NULL ? g_strdup (slope) : g_strdup_printf ("%s·x", ws);
  if (w == 0)
    return num (b);
  if (b == 0)
    return g_steal_pointer (&wx);
  return g_strdup_printf ("%s %s %s", wx, b < 0 ? "−" : "+", bs);
}

static void
formulas (const ClActivationParams *p, char **f, char **df)
{
  switch (p->kind)
    {
    case CL_ACTIVATION_IDENTITY:
      *f = g_strdup ("f(x) = x");
      *df = g_strdup ("f′(x) = 1");
      break;
    case CL_ACTIVATION_SIGMOID:
      *f = g_strdup ("σ(x) = 1 / (1 + e⁻ˣ)");
      *df = g_strdup ("σ′(x) = σ(x) · (1 − σ(x))");
      break;
    case CL_ACTIVATION_TANH:
      *f = g_strdup ("tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)");
      *df = g_strdup ("tanh′(x) = 1 − tanh²(x)");
      break;
    case CL_ACTIVATION_RELU:
      *f = g_strdup ("ReLU(x) = max(0, x)");
      *df = g_strdup (_("ReLU′(x) = 1 if x > 0, else 0"));
      break;
    case CL_ACTIVATION_LEAKY_RELU:
      {
        g_autofree char *a = num (p->slope);
        *f = g_strdup_printf (_("f(x) = x if x > 0, else %s·x"), a);
        *df = g_strdup_printf (_("f′(x) = 1 if x > 0, else %s"), a);
      }
      break;
    case CL_ACTIVATION_PRELU:
      {
        g_autofree char *a = num (p->slope);
        /* Translators: a is PReLU's slope, learned during training. */
        *f = g_strdup_printf (_("f(x) = x if x > 0, else a·x   (a = %s, learned)"), a);
        *df = g_strdup (_("f′(x) = 1 if x > 0, else a"));
      }
      break;
    case CL_ACTIVATION_RRELU:
      {
        g_autofree char *lo = num (p->lower);
        g_autofree char *hi = num (p->upper);
        g_autofree char *mean = num ((p->lower + p->upper) / 2);
        /* Translators: U[l, u] is the uniform distribution between l and u. */
        *f = g_strdup_printf (_("f(x) = x if x > 0, else a·x;  training: a ~ U[%s, %s],  "
                                "evaluation: a = %s"), lo, hi, mean);
        *df = g_strdup (_("f′(x) = 1 if x > 0, else a"));
      }
      break;
    case CL_ACTIVATION_ELU:
      {
        g_autofree char *a = num (p->alpha);
        *f = g_strdup_printf (_("f(x) = x if x > 0, else %s·(eˣ − 1)"), a);
        *df = g_strdup_printf (_("f′(x) = 1 if x > 0, else f(x) + %s"), a);
      }
      break;
    case CL_ACTIVATION_MAXOUT:
      {
        g_autofree char *a = piece_text (p->w[0], p->b[0]);
        g_autofree char *b = piece_text (p->w[1], p->b[1]);
        *f = g_strdup_printf ("f(x) = max(%s, %s)", a, b);
        *df = g_strdup (_("f′(x) = the slope of the larger piece"));
      }
      break;
    case CL_ACTIVATION_SOFTMAX:
    default:
      *f = g_strdup ("pᵢ = exp(zᵢ) / Σⱼ exp(zⱼ)");
      *df = g_strdup ("∂pᵢ/∂zᵢ = pᵢ · (1 − pᵢ)");
      break;
    }
}

static void
draw_header (cairo_t *cr, const ClPalette *p, const ClActivationFnView *v, double width)
{
  double pad = p->font * 0.6, x = pad, y = pad + p->font * 0.55;
  g_autofree char *f = NULL, *df = NULL;

  formulas (&v->fn, &f, &df);
  const char *name = _(cl_activation_get_label (v->fn.kind));
  _cl_render_set_color (cr, p->fg, 1);
  double name_w = _cl_render_text (cr, x, y, 0, 0.5, p->font * 1.1, TRUE, name);
  double fx = x + name_w + p->font;
  double size = _cl_render_fit_size (cr, p->font, FALSE, f, width - fx - pad);
  _cl_render_set_color (cr, p->series[0], 1);
  _cl_render_text (cr, fx, y, 0, 0.5, size, FALSE, f);
  size = _cl_render_fit_size (cr, p->font, FALSE, df, width - fx - pad);
  _cl_render_set_color (cr, p->series[1], 1);
  _cl_render_text (cr, fx, y + p->font * 1.35, 0, 0.5, size, FALSE, df);
}

/* ---- The plots ------------------------------------------------------- */

static void
clip_plot (cairo_t *cr, const ClActivationFnPlot *pl)
{
  cairo_rectangle (cr, pl->x, pl->y, pl->w, pl->h);
  cairo_clip (cr);
}

static void
draw_flat_regions (cairo_t *cr, const ClPalette *p, const ClActivationFnView *v,
                   const ClActivationFnPlot *pl, gboolean labels)
{
  ClFlatRegion regions[8];
  int n = cl_activation_fn_flat_regions (v, regions, G_N_ELEMENTS (regions));

  for (int i = 0; i < n; i++)
    {
      double a = cl_activation_fn_plot_px (pl, regions[i].x0);
      double b = cl_activation_fn_plot_px (pl, regions[i].x1);
      gboolean dead = regions[i].kind == CL_FLAT_DEAD;
      cairo_save (cr);
      clip_plot (cr, pl);
      _cl_render_set_color (cr, dead ? p->muted : p->series[1], dead ? 0.12 : 0.13);
      cairo_rectangle (cr, a, pl->y, b - a, pl->h);
      cairo_fill (cr);
      cairo_restore (cr);
      if (!labels)
        continue;
      /* Translators: where f′ = 0 (a dead ReLU), and where a sigmoid is flat. */
      const char *text = dead ? _("dead ReLU") : _("saturation");
      double size = _cl_render_fit_size (cr, p->font * 0.85, FALSE, text, MAX (b - a, pl->w * 0.2));
      double w = _cl_render_text_width (cr, size, FALSE, text);
      double cx = CLAMP ((a + b) / 2, pl->x + w / 2 + 2, pl->x + pl->w - w / 2 - 2);
      _cl_render_set_color (cr, dead ? p->fg : p->series[1], 1);
      /* Halfway up: the plot's label is in its top corner, the flat f′
       * along the bottom. */
      _cl_render_text (cr, cx, pl->y + pl->h * 0.5, 0.5, 0.5, size, FALSE, text);
    }
}

static void
draw_zero_lines (cairo_t *cr, const ClPalette *p, const ClActivationFnPlot *pl)
{
  cairo_save (cr);
  clip_plot (cr, pl);
  _cl_render_set_color (cr, p->muted, 0.8);
  cairo_set_line_width (cr, 1);
  double px = round (cl_activation_fn_plot_px (pl, 0)) + 0.5;
  double py = round (cl_activation_fn_plot_py (pl, 0)) + 0.5;
  cairo_move_to (cr, px, pl->y);
  cairo_line_to (cr, px, pl->y + pl->h);
  cairo_move_to (cr, pl->x, py);
  cairo_line_to (cr, pl->x + pl->w, py);
  cairo_stroke (cr);
  cairo_restore (cr);
}

static void
draw_histogram (cairo_t *cr, const ClPalette *p, const ClActivationFnView *v,
                const ClActivationFnPlot *pl)
{
  guint counts[CL_ACTIVATION_FN_BINS];
  gsize total = cl_activation_fn_histogram (v->samples, v->n_samples, v->x_min, v->x_max, counts,
                                            CL_ACTIVATION_FN_BINS);
  guint top = 0;

  if (total == 0)
    return;
  for (int b = 0; b < CL_ACTIVATION_FN_BINS; b++)
    top = MAX (top, counts[b]);
  double bin_w = pl->w / CL_ACTIVATION_FN_BINS;
  /* The tallest bar reaches 45 % of the plot: the curve stays readable. */
  _cl_render_set_color (cr, p->fg, 0.28);
  for (int b = 0; b < CL_ACTIVATION_FN_BINS; b++)
    {
      if (counts[b] == 0)
        continue;
      double h = pl->h * 0.45 * counts[b] / top;
      cairo_rectangle (cr, pl->x + b * bin_w + 0.5, pl->y + pl->h - h, MAX (1, bin_w - 1), h);
    }
  cairo_fill (cr);
}

static void
draw_histogram_caption (cairo_t *cr, const ClPalette *p, const ClActivationFnView *v,
                        double width, double y)
{
  guint counts[CL_ACTIVATION_FN_BINS];
  gsize total = cl_activation_fn_histogram (v->samples, v->n_samples, v->x_min, v->x_max, counts,
                                            CL_ACTIVATION_FN_BINS);
  gsize outside = 0;
  for (gsize i = 0; i < v->n_samples; i++)
    if (isfinite (v->samples[i]) && (v->samples[i] < v->x_min || v->samples[i] > v->x_max))
      outside++;
  g_autofree char *count = cl_format_count (total);
  g_autofree char *text = NULL;
  /* Translators: the grey bars under the curve; %s: whose inputs, then how many. */
  g_autofree char *base = g_strdup_printf (ngettext ("Bars: the inputs of %s (%s value)",
                                                     "Bars: the inputs of %s (%s values)", total),
                                           v->samples_caption != NULL ? v->samples_caption : "?",
                                           count);
  if (outside > 0)
    {
      g_autofree char *out = cl_format_count (outside);
      text = g_strdup_printf (ngettext ("%s, %s outside the range counted in the end bars",
                                        "%s, %s outside the range counted in the end bars",
                                        outside), base, out);
    }
  else
    text = g_steal_pointer (&base);
  double pad = p->font * 0.6;
  double size = _cl_render_fit_size (cr, p->font * 0.85, FALSE, text, width - 2 * pad);
  _cl_render_set_color (cr, p->muted, 1);
  _cl_render_text (cr, pad, y, 0, 0.5, size, FALSE, text);
}

/* A polyline of g(x) over the grid, broken where it jumps (f′ of ReLU at
 * 0): a vertical stroke there would be a value the function never takes. */
static void
stroke_curve (cairo_t *cr, const ClActivationFnView *v, const ClActivationFnPlot *pl,
              gboolean derivative, ClColor color, double width, const double *dashes)
{
  double jump = (pl->y1 - pl->y0) * 0.2, prev = NAN;

  cairo_save (cr);
  clip_plot (cr, pl);
  cairo_new_path (cr);
  for (int i = 0; i <= GRID; i++)
    {
      double x = grid_x (v, i), d, y = eval (v, x, &d);
      double value = derivative ? d : y;
      if (!isfinite (value))
        {
          prev = NAN;
          continue;
        }
      double px = cl_activation_fn_plot_px (pl, x), py = cl_activation_fn_plot_py (pl, value);
      if (isnan (prev) || fabs (value - prev) > jump)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
      prev = value;
    }
  _cl_render_set_color (cr, color, 1);
  cairo_set_line_width (cr, width);
  if (dashes != NULL)
    cairo_set_dash (cr, dashes, 2, 0);
  cairo_stroke (cr);
  cairo_restore (cr);
}

/* RReLU: the band of slopes training draws from, under the mean's curve. */
static void
draw_rrelu_band (cairo_t *cr, const ClPalette *p, const ClActivationFnView *v,
                 const ClActivationFnPlot *pl, gboolean derivative)
{
  if (v->fn.kind != CL_ACTIVATION_RRELU || v->x_min >= 0)
    return;
  double lo = v->fn.lower, hi = v->fn.upper, x0 = v->x_min;
  cairo_save (cr);
  clip_plot (cr, pl);
  if (derivative)
    {
      double a = cl_activation_fn_plot_px (pl, x0), b = cl_activation_fn_plot_px (pl, 0);
      double ya = cl_activation_fn_plot_py (pl, hi), yb = cl_activation_fn_plot_py (pl, lo);
      cairo_rectangle (cr, a, ya, b - a, MAX (1.5, yb - ya));
    }
  else
    {
      cairo_move_to (cr, cl_activation_fn_plot_px (pl, 0), cl_activation_fn_plot_py (pl, 0));
      cairo_line_to (cr, cl_activation_fn_plot_px (pl, x0), cl_activation_fn_plot_py (pl, lo * x0));
      cairo_line_to (cr, cl_activation_fn_plot_px (pl, x0), cl_activation_fn_plot_py (pl, hi * x0));
      cairo_close_path (cr);
    }
  _cl_render_set_color (cr, derivative ? p->series[1] : p->series[0], 0.22);
  cairo_fill (cr);
  cairo_restore (cr);
}

/* Maxout: its two pieces, dashed, under their maximum. */
static void
draw_maxout_pieces (cairo_t *cr, const ClPalette *p, const ClActivationFnView *v,
                    const ClActivationFnPlot *pl)
{
  static const double dashes[] = { 6, 4 };
  if (v->fn.kind != CL_ACTIVATION_MAXOUT)
    return;
  cairo_save (cr);
  clip_plot (cr, pl);
  for (int k = 0; k < 2; k++)
    {
      double w = v->fn.w[k], b = v->fn.b[k];
      cairo_move_to (cr, cl_activation_fn_plot_px (pl, v->x_min),
                     cl_activation_fn_plot_py (pl, w * v->x_min + b));
      cairo_line_to (cr, cl_activation_fn_plot_px (pl, v->x_max),
                     cl_activation_fn_plot_py (pl, w * v->x_max + b));
      _cl_render_set_color (cr, p->series[2 + k], 0.9);
      cairo_set_line_width (cr, MAX (1, p->font * 0.1));
      cairo_set_dash (cr, dashes, 2, 0);
      cairo_stroke (cr);
    }
  cairo_restore (cr);
}

static void
draw_plot_label (cairo_t *cr, const ClPalette *p, const ClActivationFnPlot *pl, ClColor color,
                 const char *text)
{
  _cl_render_set_color (cr, color, 1);
  _cl_render_text (cr, pl->x + p->font * 0.4, pl->y + p->font * 0.8, 0, 0.5, p->font * 0.9, TRUE,
                   text);
}

static void
draw_hover (cairo_t *cr, const ClPalette *p, const ClActivationFnView *v,
            const ClActivationFnLayout *l)
{
  double x = v->hover_x, d, y = eval (v, x, &d);
  const ClActivationFnPlot *plots[2] = { &l->f, &l->df };
  double values[2] = { y, d };

  for (int k = 0; k < 2; k++)
    {
      const ClActivationFnPlot *pl = plots[k];
      if (pl->w <= 0 || pl->h <= 0)
        continue;
      double px = cl_activation_fn_plot_px (pl, x);
      cairo_save (cr);
      clip_plot (cr, pl);
      _cl_render_set_color (cr, p->fg, 0.5);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, round (px) + 0.5, pl->y);
      cairo_line_to (cr, round (px) + 0.5, pl->y + pl->h);
      cairo_stroke (cr);
      if (isfinite (values[k]))
        {
          cairo_arc (cr, px, cl_activation_fn_plot_py (pl, values[k]), p->font * 0.3, 0, 2 * G_PI);
          _cl_render_set_color (cr, p->series[k], 1);
          cairo_fill (cr);
        }
      cairo_restore (cr);
    }

  g_autofree char *xs = num (x);
  g_autofree char *ys = num (y);
  g_autofree char *ds = num (d);
  g_autofree char *text = g_strdup_printf ("x = %s    f(x) = %s    f′(x) = %s", xs, ys, ds);
  double size = _cl_render_fit_size (cr, p->font * 0.9, FALSE, text, l->f.w - p->font);
  double w = _cl_render_text_width (cr, size, FALSE, text);
  double bx = l->f.x + l->f.w - w - p->font * 0.8, by = l->f.y + p->font * 0.3;
  _cl_render_set_color (cr, p->bg, 0.9);
  cairo_rectangle (cr, bx - p->font * 0.3, by, w + p->font * 0.6, size * 1.5);
  cairo_fill (cr);
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, bx, by + size * 0.75, 0, 0.5, size, FALSE, text);
}

static void
draw_curves (cairo_t *cr, const ClPalette *p, const ClActivationFnView *v, int width, int height,
             const ClRenderStyle *style)
{
  ClActivationFnLayout l;
  double line = MAX (1.5, p->font * 0.17);

  cl_activation_fn_layout (v, style, width, height, &l);
  if (l.f.w < 4 || l.f.h < 4)
    return;

  if (!v->compact)
    draw_header (cr, p, v, width);
  else if (v->samples_caption != NULL)
    {
      double size = _cl_render_fit_size (cr, p->font, TRUE, v->samples_caption, width - p->font);
      _cl_render_set_color (cr, p->fg, 1);
      _cl_render_text (cr, p->font * 0.6, p->font * 0.6 + size * 0.55, 0, 0.5, size, TRUE,
                       v->samples_caption);
    }

  /* f, with the inputs' histogram under it. */
  ClChart chart = chart_of (&l.f);
  draw_flat_regions (cr, p, v, &l.f, v->compact);
  _cl_chart_axes (cr, p, &chart, NULL, NULL, FALSE);
  draw_zero_lines (cr, p, &l.f);
  if (v->samples != NULL)
    draw_histogram (cr, p, v, &l.f);
  draw_rrelu_band (cr, p, v, &l.f, FALSE);
  draw_maxout_pieces (cr, p, v, &l.f);
  stroke_curve (cr, v, &l.f, FALSE, p->series[0], line, NULL);
  if (!v->compact)
    draw_plot_label (cr, p, &l.f, p->series[0], "f(x)");

  /* f′, where the flat regions are named. */
  if (l.df.w > 4 && l.df.h > 4)
    {
      chart = chart_of (&l.df);
      draw_flat_regions (cr, p, v, &l.df, TRUE);
      _cl_chart_axes (cr, p, &chart, NULL, NULL, FALSE);
      draw_zero_lines (cr, p, &l.df);
      draw_rrelu_band (cr, p, v, &l.df, TRUE);
      stroke_curve (cr, v, &l.df, TRUE, p->series[1], line, NULL);
      draw_plot_label (cr, p, &l.df, p->series[1], "f′(x)");
    }

  if (v->samples != NULL && !v->compact)
    draw_histogram_caption (cr, p, v, width, height - p->font * 0.6 - p->font * 0.5);
  if (v->hover && v->hover_x >= v->x_min && v->hover_x <= v->x_max)
    draw_hover (cr, p, v, &l);
}

/* ---- Softmax: bars ---------------------------------------------------- */

static void
draw_bars (cairo_t *cr, const ClPalette *p, double x, double y, double w, double h,
           const char *title, const double *values, int n, double lo, double hi, ClColor color,
           const char *index_prefix)
{
  static const char *const subscripts[] = { "₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉" };
  double title_size = _cl_render_fit_size (cr, p->font * 0.9, TRUE, title, w);
  _cl_render_set_color (cr, p->fg, 1);
  _cl_render_text (cr, x + w / 2, y + title_size * 0.6, 0.5, 0.5, title_size, TRUE, title);

  double top = y + p->font * 2.4, bottom = y + h - p->font * 1.6;
  double plot_h = bottom - top;
  if (plot_h < 4 || n <= 0)
    return;
  ClActivationFnPlot pl = { x, top, w, plot_h, 0, 1, lo, hi };
  double zero = cl_activation_fn_plot_py (&pl, 0);
  double slot = w / n, bar = slot * 0.62;
  double label = MIN (p->font * 0.8, slot * 0.42);

  _cl_render_set_color (cr, p->muted, 1);
  cairo_set_line_width (cr, 1);
  cairo_move_to (cr, x, round (zero) + 0.5);
  cairo_line_to (cr, x + w, round (zero) + 0.5);
  cairo_stroke (cr);
  for (int i = 0; i < n; i++)
    {
      double cx = x + slot * (i + 0.5);
      double vy = cl_activation_fn_plot_py (&pl, CLAMP (values[i], lo, hi));
      _cl_render_set_color (cr, color, 0.85);
      cairo_rectangle (cr, cx - bar / 2, MIN (vy, zero), bar, MAX (1, fabs (vy - zero)));
      cairo_fill (cr);
      g_autofree char *text = cl_format_significant (values[i], 2);
      _cl_render_set_color (cr, p->fg, 1);
      double size = _cl_render_fit_size (cr, label, FALSE, text, slot * 0.95);
      _cl_render_text (cr, cx, values[i] >= 0 ? MIN (vy, zero) - size * 0.8
                                              : MAX (vy, zero) + size * 0.8,
                       0.5, 0.5, size, FALSE, text);
      /* z₁, p₁ … p₁₀; plain 1 … 10 without a letter. */
      g_autofree char *index = index_prefix[0] == '\0'
                                 ? g_strdup_printf ("%d", i + 1)
                                 : g_strdup_printf ("%s%s%s", index_prefix, i + 1 >= 10 ? "₁" : "",
                                                    subscripts[(i + 1) % 10]);
      _cl_render_set_color (cr, p->muted, 1);
      _cl_render_text (cr, cx, bottom + p->font * 0.8, 0.5, 0.5, label, FALSE, index);
    }
}

static void
draw_softmax (cairo_t *cr, const ClPalette *p, const ClActivationFnView *v, int width, int height)
{
  int n = CLAMP (v->n_inputs, 1, CL_ACTIVATION_FN_MAX_INPUTS);
  float z[CL_ACTIVATION_FN_MAX_INPUTS], y[CL_ACTIVATION_FN_MAX_INPUTS];
  double zs[CL_ACTIVATION_FN_MAX_INPUTS], ys[CL_ACTIVATION_FN_MAX_INPUTS];
  double ds[CL_ACTIVATION_FN_MAX_INPUTS];

  for (int i = 0; i < n; i++)
    z[i] = (float) v->inputs[i];
  cl_activation_softmax (z, y, n);
  double zmax = 1, sum = 0;
  for (int i = 0; i < n; i++)
    {
      zs[i] = z[i];
      ys[i] = y[i];
      ds[i] = (double) y[i] * (1 - y[i]);   /* the Jacobian's diagonal */
      zmax = MAX (zmax, fabs (zs[i]));
      sum += y[i];
    }

  double pad = p->font * 0.6;
  double top = v->compact ? pad : pad + p->font * 2.9;
  if (!v->compact)
    draw_header (cr, p, v, width);
  double bottom = height - pad - p->font * 1.4;
  double gap = p->font * 1.5;
  int panels = v->compact ? 2 : 3;
  double pw = (width - 2 * pad - gap * (panels - 1)) / panels;
  double ph = bottom - top;
  if (pw < 10 || ph < p->font * 5)
    return;
  zmax = nice_up (zmax);
  draw_bars (cr, p, pad, top, pw, ph, _("Inputs z"), zs, n, -zmax, zmax, p->series[2], "z");
  draw_bars (cr, p, pad + pw + gap, top, pw, ph, _("Outputs p = softmax(z)"), ys, n, 0, 1,
             p->series[0], "p");
  if (!v->compact)
    draw_bars (cr, p, pad + 2 * (pw + gap), top, pw, ph, "∂pᵢ/∂zᵢ", ds, n, 0, 0.25,
               p->series[1], "");

  g_autofree char *total = cl_format_significant (sum, 4);
  g_autofree char *note = g_strdup_printf (_("Σ pᵢ = %s: the outputs are probabilities"), total);
  double size = _cl_render_fit_size (cr, p->font * 0.85, FALSE, note, width - 2 * pad);
  _cl_render_set_color (cr, p->muted, 1);
  _cl_render_text (cr, pad, height - pad - size * 0.5, 0, 0.5, size, FALSE, note);
}

gboolean
cl_render_activation_fn (cairo_t *cr, const ClActivationFnView *view, const ClRenderStyle *style,
                         int width, int height)
{
  ClPalette p;

  g_return_val_if_fail (cr != NULL && view != NULL, FALSE);
  if (!_cl_render_begin (cr, style, width, height, &p))
    return FALSE;
  if (view->fn.kind == CL_ACTIVATION_SOFTMAX)
    draw_softmax (cr, &p, view, width, height);
  else if (view->x_max > view->x_min)
    draw_curves (cr, &p, view, width, height, style);
  _cl_render_end (cr);
  return TRUE;
}
