#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "engine/layer-registry.h"
#include "render/number-format.h"
#include "render/render-backprop-private.h"
#include "render/render-private.h"

/* Every number drawn here is read from the trace: this file places the
 * neurons, links and formulas (render-backprop-formulas.c writes them),
 * it computes no gradient. */

/* ---- Layout -------------------------------------------------------------- */

typedef struct {
  double font;
  int width;
  double strip_y, strip_h;     /* the phases */
  double net_x, net_y, net_w, net_h;
  double formula_y, formula_h;
  double radius;
  int rows;                    /* formula lines in a column */
  double formula_font;
  double col_x[CL_BACKPROP_MAX_DENSE + 1];
} Layout;

enum { FORMULA_ROWS = 5 };

/* The most formula lines a stage of this trace has (see the *_lines
 * functions): the box is sized for it once, so it does not jump from stage
 * to stage, and no taller, so a small network keeps its room. */
static int
max_formula_lines (const ClBackpropTrace *t)
{
  int most = 3;  /* backward: ∂E/∂y, f′, ∂E/∂x */
  for (int k = 1; k < t->n_layers; k++)
    most = MAX (most, t->layers[k - 1].n + (t->links[k - 1].b != NULL));
  return most;
}

static void
layout (const ClBackpropTrace *t, const ClPalette *p, int width, int height, Layout *l)
{
  l->rows = MIN (FORMULA_ROWS, max_formula_lines (t));
  /* The text around the network (phases, caption, formulas) takes about
   * 10 + 1.6 rows font sizes of height: no more than half the picture, so
   * zoomed or presented the network keeps its room; never under the
   * style's floor for the smaller labels. */
  double f = MIN (p->font, MAX (p->min_text / 0.8, height * 0.5 / (10.3 + 1.625 * l->rows)));
  double pad = f * 0.8;
  l->font = f;
  l->width = width;
  l->strip_y = pad;
  l->strip_h = f * 1.9;
  /* The formulas are what the class reads aloud: larger than the labels. */
  l->formula_font = f * 1.3;
  l->formula_h = l->formula_font * 1.25 * l->rows + f * 1.8 + pad;
  l->formula_y = height - l->formula_h - pad * 0.5;
  l->net_y = l->strip_y + l->strip_h + f * 3.0;  /* room for the names above the circles */
  l->net_h = MAX (1.0, l->formula_y - l->net_y - f * 1.6);
  /* Left: the inputs' names; right: the target and E. */
  l->net_x = pad + f * 1.5;
  l->net_w = MAX (1.0, width - l->net_x - pad - f * 7.5);
  int most = 1;
  for (int k = 0; k < t->n_layers; k++)
    most = MAX (most, t->layers[k].n);
  double row = l->net_h / most;
  double col = t->n_layers > 1 ? l->net_w / (t->n_layers - 1) : l->net_w;
  /* Room between two circles of a column for the name above one and the
   * value under the other. */
  gboolean labelled = most <= 3;  /* names and values around every circle */
  l->radius = MAX (4.0, MIN (MIN (labelled ? row * 0.5 - f * 1.1 : row * 0.36, col * 0.16),
                             f * 2.6));
  for (int k = 0; k < t->n_layers; k++)
    l->col_x[k] = l->net_x + l->radius + (l->net_w - 2 * l->radius)
                                          * (t->n_layers > 1 ? (double) k / (t->n_layers - 1) : 0.5);
}

static void
neuron_xy (const ClBackpropTrace *t, const Layout *l, int k, int j, double *x, double *y)
{
  int n = t->layers[k].n;
  *x = l->col_x[k];
  *y = l->net_y + l->net_h * (j + 0.5) / n;
}

void
cl_render_backprop_options_init (ClRenderBackpropOptions *o)
{
  *o = (ClRenderBackpropOptions) { .style = { .scale = 1.0 }, .stage = 0 };
}

/* The palette's font without drawing: the same formula as _cl_render_begin. */
static void
palette_for (const ClRenderBackpropOptions *o, int width, int height, ClPalette *p)
{
  p->min_text = cl_render_style_get_min_text (&o->style);
  p->font = CLAMP (sqrt ((double) width * height) / 40.0, 8.0, 96.0)
            * cl_render_style_get_scale (&o->style);
  p->font = MAX (p->font, p->min_text);
}

void
cl_render_backprop_neuron (const ClBackpropTrace *t, const ClRenderBackpropOptions *o, int width,
                           int height, int layer, int unit, double *x, double *y, double *radius)
{
  ClPalette p;
  Layout l;
  palette_for (o, width, height, &p);
  layout (t, &p, width, height, &l);
  neuron_xy (t, &l, layer, unit, x, y);
  if (radius != NULL)
    *radius = l.radius;
}

/* ---- Drawing ------------------------------------------------------------- */

static ClColor
highlight (const ClPalette *p)
{
  return p->series[1];  /* orange: the stage being computed */
}

/* A number on a small plate so it reads over links. */
static void
plate_text (cairo_t *cr, const ClPalette *p, double x, double y, double size, gboolean bold,
            const char *text, ClColor ink)
{
  double w = _cl_render_text_width (cr, size, bold, text);
  _cl_render_set_color (cr, p->bg, 0.88);
  cairo_rectangle (cr, x - w / 2 - size * 0.2, y - size * 0.62, w + size * 0.4, size * 1.24);
  cairo_fill (cr);
  _cl_render_set_color (cr, ink, 1);
  _cl_render_text (cr, x, y, 0.5, 0.5, size, bold, text);
}

static void
draw_phases (cairo_t *cr, const ClPalette *p, const Layout *l, int width, ClBackpropPhase phase)
{
  const char *labels[] = { N_("1 Forward"), N_("2 Loss"), N_("3 Backward"), N_("4 Update") };
  int current = phase == CL_BACKPROP_FORWARD ? 0
                : phase == CL_BACKPROP_LOSS  ? 1
                : phase == CL_BACKPROP_UPDATE ? 3
                                              : 2;
  double pad = l->font * 0.8, gap = l->font * 0.5;
  double w = (width - 2 * pad - 3 * gap) / 4;
  for (int i = 0; i < 4; i++)
    {
      double x = pad + i * (w + gap);
      cairo_rectangle (cr, x, l->strip_y, w, l->strip_h);
      if (i == current)
        {
          _cl_render_set_color (cr, highlight (p), 1);
          cairo_fill (cr);
          _cl_render_set_color (cr, (ClColor) { 1, 1, 1 }, 1);
        }
      else
        {
          _cl_render_set_color (cr, p->grid, 1);
          cairo_set_line_width (cr, MAX (1.0, l->font * 0.08));
          cairo_stroke (cr);
          _cl_render_set_color (cr, p->muted, 1);
        }
      double size = _cl_render_fit_size (cr, l->font, i == current, _(labels[i]), w - l->font);
      _cl_render_text (cr, x + w / 2, l->strip_y + l->strip_h / 2, 0.5, 0.5, size, i == current,
                       _(labels[i]));
    }
}

typedef struct {
  int now;                 /* the stage shown */
  ClBackpropStage stage;
  gboolean numbers_all;    /* small enough for a number on every neuron and link */
} State;

static gboolean
done (const ClBackpropTrace *t, const State *s, ClBackpropPhase phase, int k, int j)
{
  return _cl_backprop_stage_index (t, phase, k, j) <= s->now;
}

/* Is the link i → j (into layer k) part of the stage shown? */
static gboolean
link_current (const State *s, int k, int i, int j)
{
  switch (s->stage.phase)
    {
    case CL_BACKPROP_FORWARD:
    case CL_BACKPROP_GRADIENTS:
    case CL_BACKPROP_UPDATE:
      return s->stage.layer == k && s->stage.unit == j;
    case CL_BACKPROP_BACKWARD:
      /* ∂E/∂y of a hidden neuron gathers the links out of it. */
      return s->stage.layer == k - 1 && s->stage.unit == i;
    default:
      return FALSE;
    }
}

static void
draw_links (cairo_t *cr, const ClBackpropTrace *t, const ClPalette *p, const Layout *l,
            const State *s)
{
  gboolean backward = s->stage.phase >= CL_BACKPROP_BACKWARD;
  for (int pass = 0; pass < 2; pass++)  /* the highlighted links over the others */
    for (int k = 1; k < t->n_layers; k++)
      {
        const ClBackpropLinks *links = &t->links[k - 1];
        double wmax = MAX (_cl_render_max_abs (links->w, links->n_in * links->n_out), 1e-6);
        double gmax = MAX (_cl_render_max_abs (links->dw, links->n_in * links->n_out), 1e-12);
        for (int j = 0; j < links->n_out; j++)
          for (int i = 0; i < links->n_in; i++)
            {
              gboolean cur = link_current (s, k, i, j);
              if (cur != (pass == 1))
                continue;
              int at = j * links->n_in + i;
              gboolean has_grad = backward && done (t, s, CL_BACKPROP_GRADIENTS, k, j);
              gboolean updated = done (t, s, CL_BACKPROP_UPDATE, k, j);
              double x0, y0, x1, y1;
              neuron_xy (t, l, k - 1, i, &x0, &y0);
              neuron_xy (t, l, k, j, &x1, &y1);
              double v = has_grad && !updated ? links->dw[at] / gmax : links->w[at] / wmax;
              ClColor c = cl_colormap_diverging (v);
              double width = l->font * (0.08 + 0.22 * fabs (v));
              if (cur)
                {
                  _cl_render_set_color (cr, highlight (p), 1);
                  width = l->font * 0.32;
                }
              else
                /* The white middle of the map would vanish: darken it a little. */
                _cl_render_set_color (cr, (ClColor) { c.r * 0.85, c.g * 0.85, c.b * 0.85 }, 0.9);
              cairo_set_line_width (cr, width);
              cairo_move_to (cr, x0 + l->radius, y0);
              cairo_line_to (cr, x1 - l->radius, y1);
              cairo_stroke (cr);

              /* Numbers on every link of a small network; on a dense one
               * only on the stage's links, and not where many of them
               * converge on one neuron (the formula has them). */
              gboolean fan = s->stage.phase == CL_BACKPROP_BACKWARD ? links->n_out > 3
                                                                    : links->n_in > 3;
              if (!(s->numbers_all || (cur && !fan)))
                continue;
              /* ∂E/∂y of a hidden neuron uses the weights, not their gradients. */
              gboolean weight = cur && s->stage.phase == CL_BACKPROP_BACKWARD;
              float shown = weight    ? links->w[at]
                            : updated ? links->w_new[at]
                            : has_grad ? links->dw[at]
                                       : links->w[at];
              g_autofree char *text = _cl_backprop_num (shown);
              /* Near the end the link enters: links into one neuron fan out there. */
              double u = 0.7;
              double tx = x0 + l->radius + u * (x1 - x0 - 2 * l->radius);
              double ty = y0 + u * (y1 - y0);
              double size = l->font * (cur ? 1.0 : 0.85);
              plate_text (cr, p, tx, ty, size, cur, text, cur ? p->fg : p->muted);
            }
      }
}

static void
draw_neurons (cairo_t *cr, const ClBackpropTrace *t, const ClPalette *p, const Layout *l,
              const State *s)
{
  gboolean backward = s->stage.phase >= CL_BACKPROP_BACKWARD;
  for (int k = 0; k < t->n_layers; k++)
    {
      const ClBackpropLayer *L = &t->layers[k];
      double vmax = MAX (_cl_render_max_abs (backward && k > 0 ? L->dx : L->y, L->n), 1e-12);
      for (int j = 0; j < L->n; j++)
        {
          double x, y;
          neuron_xy (t, l, k, j, &x, &y);
          gboolean cur = s->stage.phase != CL_BACKPROP_LOSS && s->stage.layer == k
                         && s->stage.unit == j;
          gboolean known;
          float value;
          const char *stem;
          if (k == 0)
            {
              known = TRUE;
              value = L->y[j];
              stem = "x";
            }
          else if (backward && done (t, s, CL_BACKPROP_BACKWARD, k, j))
            {
              known = TRUE;
              value = L->dx[j];
              stem = "∂E/∂x";
            }
          else
            {
              known = done (t, s, CL_BACKPROP_FORWARD, k, j);
              value = L->y[j];
              stem = "y";
            }
          ClColor fill = known ? cl_colormap_diverging (value / vmax) : p->bg;
          cairo_new_path (cr);
          cairo_arc (cr, x, y, l->radius, 0, 2 * G_PI);
          _cl_render_set_color (cr, fill, 1);
          cairo_fill_preserve (cr);
          _cl_render_set_color (cr, cur ? highlight (p) : p->fg, 1);
          cairo_set_line_width (cr, cur ? l->font * 0.35 : MAX (1.0, l->font * 0.09));
          cairo_stroke (cr);

          int nj = _cl_backprop_neuron_number (t, k, j);
          /* The name of what the circle holds, above it. */
          if (s->numbers_all || (j == 0 && !cur))
            {
              g_autofree char *label = _cl_backprop_name (k == 0 ? "y" : stem, nj);
              _cl_render_set_color (cr, cur ? p->fg : p->muted, 1);
              _cl_render_text (cr, x, y - l->radius - l->font * 0.25, 0.5, 1.0, l->font * 0.85,
                               cur, label);
            }
          /* Under the circle: x while going forward, y once going back. */
          if (k > 0 && s->numbers_all && done (t, s, CL_BACKPROP_FORWARD, k, j)
              && (!backward || done (t, s, CL_BACKPROP_BACKWARD, k, j)))
            {
              g_autofree char *sym = _cl_backprop_name (backward ? "y" : "x", nj);
              g_autofree char *v = _cl_backprop_num (backward ? L->y[j] : L->x[j]);
              g_autofree char *under = g_strdup_printf ("%s = %s", sym, v);
              _cl_render_set_color (cr, p->muted, 1);
              _cl_render_text (cr, x, y + l->radius + l->font * 0.2, 0.5, 0.0, l->font * 0.8,
                               FALSE, under);
            }
          /* Dense: the stage's neuron says what it holds beside it. */
          if (cur && !s->numbers_all)
            {
              g_autofree char *label = _cl_backprop_name (k == 0 ? "y" : stem, nj);
              g_autofree char *v = known ? _cl_backprop_num (value) : NULL;
              g_autofree char *plate = known ? g_strdup_printf ("%s = %s", label, v)
                                             : g_strdup (label);
              double w = _cl_render_text_width (cr, l->font, TRUE, plate);
              plate_text (cr, p, x + l->radius + l->font * 0.4 + w / 2, y, l->font, TRUE, plate,
                          p->fg);
              continue;
            }
          if (!known)
            continue;
          g_autofree char *text = _cl_backprop_num (value);
          double size = _cl_render_fit_size (cr, l->font, TRUE, text, 1.8 * l->radius);
          if (_cl_render_text_width (cr, size, TRUE, text) <= 1.9 * l->radius
              && size >= l->font * 0.7)
            {
              /* Dark ink on the pale middle of the map, light on its ends. */
              double lum = 0.3 * fill.r + 0.59 * fill.g + 0.11 * fill.b;
              _cl_render_set_color (cr, lum > 0.5 ? (ClColor) { 0.1, 0.1, 0.12 }
                                                  : (ClColor) { 1, 1, 1 }, 1);
              _cl_render_text (cr, x, y, 0.5, 0.5, size, TRUE, text);
            }
          else
            /* Wider than its circle (zoomed, presented): on a plate over it. */
            plate_text (cr, p, x, y, size, TRUE, text, p->fg);
        }
    }

  /* The target and, once computed, the loss beside the outputs. */
  const ClBackpropLayer *o = &t->layers[t->n_layers - 1];
  /* Right of the circle, or of a value plate wider than it. */
  double beside = MAX (l->radius, _cl_render_text_width (cr, l->font, TRUE, "−0,000") / 2)
                  + l->font * 0.5;
  for (int j = 0; j < o->n; j++)
    {
      double x, y;
      neuron_xy (t, l, t->n_layers - 1, j, &x, &y);
      g_autofree char *tv = _cl_backprop_num (t->target[j]);
      g_autofree char *text = g_strdup_printf ("t = %s", tv);
      _cl_render_set_color (cr, p->fg, 1);
      _cl_render_text (cr, x + beside, y, 0.0, 0.5, l->font, FALSE, text);
    }
  if (s->now >= _cl_backprop_stage_index (t, CL_BACKPROP_LOSS, 0, 0))
    {
      double x, y;
      neuron_xy (t, l, t->n_layers - 1, o->n - 1, &x, &y);
      g_autofree char *E = _cl_backprop_num (t->loss_value);
      g_autofree char *text = g_strdup_printf ("E = %s", E);
      gboolean cur = s->stage.phase == CL_BACKPROP_LOSS;
      double left = x + beside;
      double size = _cl_render_fit_size (cr, l->font * 1.1, TRUE, text,
                                         l->width - left - l->font * 0.3);
      _cl_render_set_color (cr, cur ? highlight (p) : p->fg, 1);
      _cl_render_text (cr, left, y + l->font * 1.5, 0.0, 0.5, size, TRUE, text);
    }
}

static void
draw_formulas (cairo_t *cr, const ClBackpropTrace *t, const ClPalette *p, const Layout *l,
               int width, int stage)
{
  g_autofree char *title = NULL;
  g_autoptr (GPtrArray) lines = cl_backprop_dup_formulas (t, stage, &title);
  double pad = l->font * 0.8;
  double x = pad, y = l->formula_y, w = width - 2 * pad;

  _cl_render_set_color (cr, highlight (p), 0.10);
  cairo_rectangle (cr, x, y, w, l->formula_h);
  cairo_fill (cr);
  _cl_render_set_color (cr, highlight (p), 1);
  cairo_rectangle (cr, x, y, l->font * 0.25, l->formula_h);
  cairo_fill (cr);

  int n = cl_backprop_get_n_stages (t);
  g_autofree char *counter = g_strdup_printf (_("stage %d of %d"), stage + 1, n);
  double cw = _cl_render_text_width (cr, l->font * 0.85, FALSE, counter);
  _cl_render_set_color (cr, p->muted, 1);
  _cl_render_text (cr, x + w - pad * 0.5, y + l->font * 0.35, 1.0, 0.0, l->font * 0.85, FALSE,
                   counter);
  _cl_render_set_color (cr, p->fg, 1);
  double ts = _cl_render_fit_size (cr, l->font, TRUE, title, w - cw - pad * 3);
  _cl_render_text (cr, x + pad, y + l->font * 0.35, 0.0, 0.0, ts, TRUE, title);

  /* Lines in columns of FORMULA_ROWS, one size for all so they read alike. */
  int n_lines = (int) lines->len;
  int cols = MAX (1, (n_lines + l->rows - 1) / l->rows);
  int rows = (n_lines + cols - 1) / cols;
  double col_w = (w - pad * 2) / cols;
  double size = l->formula_font;
  for (int i = 0; i < n_lines; i++)
    size = MIN (size, _cl_render_fit_size (cr, l->formula_font, FALSE, lines->pdata[i],
                                           col_w - pad));
  for (int i = 0; i < n_lines; i++)
    {
      int c = i / rows, r = i % rows;
      _cl_render_text (cr, x + pad + c * col_w, y + l->font * 1.6 + r * l->formula_font * 1.25, 0.0, 0.0,
                       size, FALSE, lines->pdata[i]);
    }
}

gboolean
cl_render_backprop (cairo_t *cr, const ClBackpropTrace *t, const ClRenderBackpropOptions *o,
                    int width, int height)
{
  ClRenderBackpropOptions defaults;
  if (o == NULL)
    {
      cl_render_backprop_options_init (&defaults);
      o = &defaults;
    }
  ClPalette p;
  if (!_cl_render_begin (cr, &o->style, width, height, &p))
    return FALSE;
  if (t == NULL)
    {
      _cl_render_message (cr, &p, width, height, _("No network to show."));
      _cl_render_end (cr);
      return FALSE;
    }
  Layout l;
  layout (t, &p, width, height, &l);
  State s;
  s.now = CLAMP (o->stage, 0, cl_backprop_get_n_stages (t) - 1);
  s.stage = cl_backprop_get_stage (t, s.now);
  int most = 1;
  for (int k = 0; k < t->n_layers; k++)
    most = MAX (most, t->layers[k].n);
  s.numbers_all = most <= 3;

  draw_phases (cr, &p, &l, width, s.stage.phase);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  draw_links (cr, t, &p, &l, &s);
  draw_neurons (cr, t, &p, &l, &s);
  draw_formulas (cr, t, &p, &l, width, s.now);

  /* What the numbers in the circles and on the links are. */
  const char *caption = s.stage.phase <= CL_BACKPROP_LOSS ? _("In the circles: y. On the links: w.")
                        : s.stage.phase == CL_BACKPROP_UPDATE
                          ? _("In the circles: ∂E/∂x. On the links: ∂E/∂w, then w after the update.")
                          : _("In the circles: ∂E/∂x once computed. On the links: w, then ∂E/∂w.");
  double pad = l.font * 0.8;
  double size = _cl_render_fit_size (cr, l.font * 0.8, FALSE, caption, width - 2 * pad);
  _cl_render_set_color (cr, p.muted, 1);
  _cl_render_text (cr, pad, l.strip_y + l.strip_h + l.font * 0.3, 0.0, 0.0, size, FALSE, caption);
  _cl_render_end (cr);
  return TRUE;
}
