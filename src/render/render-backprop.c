#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "engine/layer-registry.h"
#include "render/number-format.h"
#include "render/render-backprop.h"
#include "render/render-private.h"

/* Every number drawn here is read from the trace: this file formats and
 * places them, it computes no gradient.  (1 − y and y² in the formulas
 * only spell out the engine's f′ for the reader.) */

/* ---- Stages -------------------------------------------------------------- */

/* Forward (every neuron), the loss, then per layer from the output:
 * backward of its neurons and gradients of their links, then the update. */
int
cl_backprop_get_n_stages (const ClBackpropTrace *t)
{
  g_return_val_if_fail (t != NULL, 0);
  int units = 0;
  for (int k = 1; k < t->n_layers; k++)
    units += t->layers[k].n;
  return 4 * units + 1;
}

ClBackpropStage
cl_backprop_get_stage (const ClBackpropTrace *t, int i)
{
  int L = t->n_layers - 1;
  i = CLAMP (i, 0, cl_backprop_get_n_stages (t) - 1);
  for (int k = 1; k <= L; k++)
    {
      if (i < t->layers[k].n)
        return (ClBackpropStage) { CL_BACKPROP_FORWARD, k, i };
      i -= t->layers[k].n;
    }
  if (i == 0)
    return (ClBackpropStage) { CL_BACKPROP_LOSS, 0, 0 };
  i--;
  for (int k = L; k >= 1; k--)
    {
      int n = t->layers[k].n;
      if (i < n)
        return (ClBackpropStage) { CL_BACKPROP_BACKWARD, k, i };
      i -= n;
      if (i < n)
        return (ClBackpropStage) { CL_BACKPROP_GRADIENTS, k, i };
      i -= n;
    }
  for (int k = 1; k <= L; k++)
    {
      if (i < t->layers[k].n)
        return (ClBackpropStage) { CL_BACKPROP_UPDATE, k, i };
      i -= t->layers[k].n;
    }
  ClBackpropStage none = { CL_BACKPROP_LOSS, 0, 0 };
  g_return_val_if_reached (none);
}

/* The index of a stage: what "already computed" is measured against. */
static int
stage_index (const ClBackpropTrace *t, ClBackpropPhase phase, int layer, int unit)
{
  int n = cl_backprop_get_n_stages (t);
  for (int i = 0; i < n; i++)
    {
      ClBackpropStage s = cl_backprop_get_stage (t, i);
      if (s.phase == phase && (phase == CL_BACKPROP_LOSS || (s.layer == layer && s.unit == unit)))
        return i;
    }
  return n;
}

/* ---- Formulas ------------------------------------------------------------ */

static const char *const subscripts[] = { "₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉" };

static int
neuron_number (const ClBackpropTrace *t, int layer, int unit)
{
  int n = 1;
  for (int k = 0; k < layer; k++)
    n += t->layers[k].n;
  return n + unit;
}

static void
append_sub (GString *s, int n)
{
  char digits[16];
  g_snprintf (digits, sizeof digits, "%d", n);
  for (const char *p = digits; *p != '\0'; p++)
    g_string_append (s, subscripts[*p - '0']);
}

/* "y₃", "∂E/∂x₁₂" */
static char *
name (const char *stem, int n)
{
  GString *s = g_string_new (stem);
  append_sub (s, n);
  return g_string_free (s, FALSE);
}

/* "w₁₃", or "w₁₂,₁₅" when a number has two digits. */
static char *
weight_name (const char *stem, int from, int to)
{
  GString *s = g_string_new (stem);
  append_sub (s, from);
  if (from >= 10 || to >= 10)
    g_string_append_c (s, ',');
  append_sub (s, to);
  return g_string_free (s, FALSE);
}

static char *
num (double v)
{
  return cl_format_significant (v, 3);
}

/* A negative number inside a product reads better in parentheses. */
static char *
factor (double v)
{
  g_autofree char *n = num (v);
  return v < 0 ? g_strdup_printf ("(%s)", n) : g_strdup (n);
}

/* The activation's written name: σ, tanh, ReLU… */
static const char *
f_name (const ClLayerKind *k)
{
  if (k == NULL)
    return "f";
  if (g_str_equal (k->name, "Sigmoid"))
    return "σ";
  if (g_str_equal (k->name, "Tanh"))
    return "tanh";
  if (g_str_equal (k->name, "Softmax"))
    return "softmax";
  if (g_str_equal (k->name, "ReLU"))
    return "ReLU";
  if (g_str_equal (k->name, "LeakyReLU"))
    return "LReLU";
  if (g_str_equal (k->name, "ELU"))
    return "ELU";
  return k->name;
}

/* Terms of a sum written out when there are few; else the sum alone. */
#define MAX_TERMS 3

static void
forward_lines (const ClBackpropTrace *t, int k, int j, GPtrArray *lines)
{
  const ClBackpropLayer *in = &t->layers[k - 1], *L = &t->layers[k];
  const ClBackpropLinks *links = &t->links[k - 1];
  int nj = neuron_number (t, k, j);
  g_autofree char *xj = name ("x", nj), *yj = name ("y", nj);
  GString *sym = g_string_new (NULL), *val = g_string_new (NULL);
  g_string_append_printf (sym, "%s = ", xj);
  if (in->n <= MAX_TERMS)
    for (int i = 0; i < in->n; i++)
      {
        int ni = neuron_number (t, k - 1, i);
        g_autofree char *w = weight_name ("w", ni, nj), *yi = name ("y", ni);
        g_autofree char *wv = factor (links->w[j * in->n + i]), *yv = factor (in->y[i]);
        g_string_append_printf (sym, "%s%s·%s", i > 0 ? " + " : "", w, yi);
        g_string_append_printf (val, "%s%s·%s", i > 0 ? " + " : "", wv, yv);
      }
  else
    {
      g_autofree char *w = weight_name ("w", 0, nj);
      /* "Σᵢ wᵢ₃·yᵢ": the sum over the inputs i */
      g_string_append_printf (sym, "Σᵢ wᵢ%s·yᵢ", w + strlen ("w₀"));
    }
  if (links->b != NULL)
    {
      g_autofree char *b = name ("b", nj), *bv = factor (links->b[j]);
      g_string_append_printf (sym, " + %s", b);
      if (val->len > 0)
        g_string_append_printf (val, " + %s", bv);
    }
  g_autofree char *xv = num (L->x[j]);
  if (val->len > 0)
    g_string_append_printf (sym, " = %s = %s", val->str, xv);
  else
    g_string_append_printf (sym, " = %s", xv);
  g_ptr_array_add (lines, g_string_free (sym, FALSE));
  g_string_free (val, TRUE);

  g_autofree char *yv = num (L->y[j]), *xin = num (L->x[j]);
  if (L->activation == NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("%s = %s = %s (no activation)"), yj, xj, yv));
  else if (g_str_equal (L->activation->name, "Softmax"))
    g_ptr_array_add (lines, g_strdup_printf ("%s = e^%s / Σⱼ e^xⱼ = %s", yj, xj, yv));
  else
    g_ptr_array_add (lines, g_strdup_printf ("%s = %s(%s) = %s(%s) = %s", yj,
                                             f_name (L->activation), xj,
                                             f_name (L->activation), xin, yv));
}

static void
loss_lines (const ClBackpropTrace *t, GPtrArray *lines)
{
  const ClBackpropLayer *o = &t->layers[t->n_layers - 1];
  g_autofree char *E = num (t->loss_value);
  int first = neuron_number (t, t->n_layers - 1, 0);
  switch (t->loss)
    {
    case CL_LOSS_MSE:
      if (o->n == 1)
        {
          g_autofree char *y = name ("y", first), *yv = num (o->y[0]), *tv = num (t->target[0]);
          g_ptr_array_add (lines, g_strdup_printf ("E = (%s − t)² = (%s − %s)² = %s", y, yv, tv, E));
        }
      else
        g_ptr_array_add (lines, g_strdup_printf ("E = 1/%d · Σⱼ (yⱼ − tⱼ)² = %s", o->n, E));
      g_ptr_array_add (lines, g_strdup (_("Mean squared error, averaged over the outputs "
                                          "and over the batch (one sample here).")));
      break;
    case CL_LOSS_CROSS_ENTROPY:
      {
        g_autofree char *y = name ("y", first + t->label), *yv = num (o->y[t->label]);
        g_ptr_array_add (lines, g_strdup_printf ("E = −log %s = −log %s = %s", y, yv, E));
        g_ptr_array_add (lines, g_strdup_printf (_("Cross-entropy for class %d, averaged over "
                                                   "the batch (one sample here)."),
                                                 t->label));
      }
      break;
    case CL_LOSS_BINARY_CROSS_ENTROPY:
    default:
      {
        g_autofree char *y = name ("y", first);
        if (o->n == 1)
          g_ptr_array_add (lines, g_strdup_printf ("E = −[t·log %s + (1 − t)·log(1 − %s)] = %s",
                                                   y, y, E));
        else
          g_ptr_array_add (lines, g_strdup_printf (
                                    "E = −1/%d · Σⱼ [tⱼ·log yⱼ + (1 − tⱼ)·log(1 − yⱼ)] = %s",
                                    o->n, E));
        g_ptr_array_add (lines, g_strdup (_("Binary cross-entropy, averaged over the outputs "
                                            "and over the batch (one sample here).")));
      }
      break;
    }
}

static void
backward_lines (const ClBackpropTrace *t, int k, int j, GPtrArray *lines)
{
  const ClBackpropLayer *L = &t->layers[k];
  int nj = neuron_number (t, k, j);
  gboolean output = k == t->n_layers - 1;
  g_autofree char *dyj = name ("∂E/∂y", nj), *dxj = name ("∂E/∂x", nj);
  g_autofree char *yj = name ("y", nj), *xj = name ("x", nj);
  g_autofree char *dxv = num (L->dx[j]);

  if (output && t->fused)
    {
      g_autofree char *yv = num (L->y[j]), *tv = num (t->target[j]);
      g_autofree char *tj = name ("t", nj);
      if (t->loss == CL_LOSS_CROSS_ENTROPY || L->n == 1)
        g_ptr_array_add (lines, g_strdup_printf ("%s = %s − %s = %s − %s = %s", dxj, yj, tj, yv,
                                                 tv, dxv));
      else
        g_ptr_array_add (lines, g_strdup_printf ("%s = (%s − %s) / %d = (%s − %s) / %d = %s", dxj,
                                                 yj, tj, L->n, yv, tv, L->n, dxv));
      g_ptr_array_add (lines, g_strdup (t->loss == CL_LOSS_CROSS_ENTROPY
                                          ? _("Softmax and cross-entropy together: the engine "
                                              "goes straight to ∂E/∂x.")
                                          : _("Sigmoid and binary cross-entropy together: the "
                                              "engine goes straight to ∂E/∂x.")));
      return;
    }

  /* ∂E/∂y */
  g_autofree char *dyv = num (L->dy[j]);
  if (output)
    {
      g_autofree char *yv = num (L->y[j]), *tv = num (t->target[j]);
      if (L->n == 1)
        g_ptr_array_add (lines, g_strdup_printf ("%s = 2(%s − t) = 2·(%s − %s) = %s", dyj, yj, yv,
                                                 tv, dyv));
      else
        g_ptr_array_add (lines, g_strdup_printf ("%s = 2(%s − t%s) / %d = 2·(%s − %s) / %d = %s",
                                                 dyj, yj, yj + strlen ("y"), L->n, yv, tv, L->n,
                                                 dyv));
    }
  else
    {
      const ClBackpropLayer *next = &t->layers[k + 1];
      const ClBackpropLinks *links = &t->links[k];
      GString *sym = g_string_new (dyj), *val = g_string_new (NULL);
      g_string_append (sym, " = ");
      if (next->n <= MAX_TERMS)
        for (int m = 0; m < next->n; m++)
          {
            int nm = neuron_number (t, k + 1, m);
            g_autofree char *dxm = name ("∂E/∂x", nm), *w = weight_name ("w", nj, nm);
            g_autofree char *dv = factor (next->dx[m]), *wv = factor (links->w[m * L->n + j]);
            g_string_append_printf (sym, "%s%s·%s", m > 0 ? " + " : "", dxm, w);
            g_string_append_printf (val, "%s%s·%s", m > 0 ? " + " : "", dv, wv);
          }
      else
        {
          g_autofree char *w = weight_name ("w", nj, 0);
          w[strlen (w) - strlen ("₀")] = '\0';  /* "w₃": the sum's index follows */
          g_string_append_printf (sym, "Σₘ ∂E/∂xₘ·%sₘ", w);
        }
      if (val->len > 0)
        g_string_append_printf (sym, " = %s", val->str);
      g_string_append_printf (sym, " = %s", dyv);
      g_ptr_array_add (lines, g_string_free (sym, FALSE));
      g_string_free (val, TRUE);
    }

  /* f′(x) */
  const ClLayerKind *f = L->activation;
  g_autofree char *sv = num (L->slope != NULL ? L->slope[j] : 1.0);
  g_autofree char *fp = g_strdup_printf ("%s′(%s)", f_name (f), xj);
  if (f == NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("f′(%s) = 1 (no activation)"), xj));
  else if (g_str_equal (f->name, "Sigmoid"))
    {
      g_autofree char *yv = num (L->y[j]), *one_minus = num (1.0 - L->y[j]);
      g_ptr_array_add (lines, g_strdup_printf ("%s = %s(1 − %s) = %s·%s = %s", fp, yj, yj, yv,
                                               one_minus, sv));
    }
  else if (g_str_equal (f->name, "Tanh"))
    {
      g_autofree char *yv = factor (L->y[j]);
      g_ptr_array_add (lines, g_strdup_printf ("%s = 1 − %s² = 1 − %s² = %s", fp, yj, yv, sv));
    }
  else if (g_str_equal (f->name, "ELU") && L->x[j] <= 0)
    g_ptr_array_add (lines, g_strdup_printf ("%s = %s + α = %s (%s ≤ 0)", fp, yj, sv, xj));
  else
    g_ptr_array_add (lines, g_strdup_printf ("%s = %s (%s %s 0)", fp, sv, xj,
                                             L->x[j] > 0 ? ">" : "≤"));

  /* ∂E/∂x */
  g_autofree char *dyf = factor (L->dy[j]), *sf = factor (L->slope != NULL ? L->slope[j] : 1.0);
  g_ptr_array_add (lines, g_strdup_printf ("%s = %s · %s = %s · %s = %s", dxj, dyj, fp, dyf, sf,
                                           dxv));
}

/* Gradients (update: new values) of the links into neuron j and its bias.
 * With many inputs the symbolic middle is left out so the lines fit. */
static void
link_lines (const ClBackpropTrace *t, int k, int j, gboolean update, GPtrArray *lines)
{
  const ClBackpropLayer *in = &t->layers[k - 1], *L = &t->layers[k];
  const ClBackpropLinks *links = &t->links[k - 1];
  int nj = neuron_number (t, k, j);
  gboolean compact = in->n + (links->b != NULL) > 4;
  g_autofree char *dxj = name ("∂E/∂x", nj), *dxf = factor (L->dx[j]), *eta = num (t->lr);
  for (int i = 0; i <= in->n; i++)
    {
      gboolean bias = i == in->n;
      if (bias && links->b == NULL)
        break;
      int ni = neuron_number (t, k - 1, i);
      g_autofree char *w = bias ? name ("b", nj) : weight_name ("w", ni, nj);
      g_autofree char *yi = bias ? NULL : name ("y", ni);
      float g = bias ? links->db[j] : links->dw[j * in->n + i];
      g_autofree char *gv = num (g), *gf = factor (g);
      char *line;
      if (!update)
        {
          g_autofree char *dw = g_strdup_printf ("∂E/∂%s", w);
          if (bias)
            line = g_strdup_printf ("%s = %s = %s", dw, dxj, gv);
          else
            {
              g_autofree char *yf = factor (in->y[i]);
              line = compact ? g_strdup_printf ("%s = %s · %s = %s", dw, dxf, yf, gv)
                             : g_strdup_printf ("%s = %s · %s = %s · %s = %s", dw, dxj, yi, dxf,
                                                yf, gv);
            }
        }
      else
        {
          float old = bias ? links->b[j] : links->w[j * in->n + i];
          float now = bias ? links->b_new[j] : links->w_new[j * in->n + i];
          g_autofree char *ov = num (old), *nv = num (now);
          line = compact ? g_strdup_printf ("%s ← %s − %s·%s = %s", w, ov, eta, gf, nv)
                         : g_strdup_printf ("%s ← %s − η·∂E/∂%s = %s − %s·%s = %s", w, w, w, ov,
                                            eta, gf, nv);
        }
      g_ptr_array_add (lines, line);
    }
}

GPtrArray *
cl_backprop_dup_formulas (const ClBackpropTrace *t, int i, char **title)
{
  g_return_val_if_fail (t != NULL, NULL);
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  ClBackpropStage s = cl_backprop_get_stage (t, i);
  int nj = neuron_number (t, s.layer, s.unit);
  char *head = NULL;
  switch (s.phase)
    {
    case CL_BACKPROP_FORWARD:
      head = g_strdup_printf (_("Forward: neuron %d"), nj);
      forward_lines (t, s.layer, s.unit, lines);
      break;
    case CL_BACKPROP_LOSS:
      head = g_strdup (_("Loss for the target"));
      loss_lines (t, lines);
      break;
    case CL_BACKPROP_BACKWARD:
      head = g_strdup_printf (_("Backward: neuron %d"), nj);
      backward_lines (t, s.layer, s.unit, lines);
      break;
    case CL_BACKPROP_GRADIENTS:
      head = g_strdup_printf (_("Backward: gradients of the weights into neuron %d"), nj);
      link_lines (t, s.layer, s.unit, FALSE, lines);
      break;
    case CL_BACKPROP_UPDATE:
    default:
      {
        g_autofree char *eta = num (t->lr);
        head = g_strdup_printf (_("Update of the weights into neuron %d (η = %s)"), nj, eta);
        link_lines (t, s.layer, s.unit, TRUE, lines);
      }
      break;
    }
  if (title != NULL)
    *title = head;
  else
    g_free (head);
  return lines;
}

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
  return stage_index (t, phase, k, j) <= s->now;
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
              g_autofree char *text = num (shown);
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

          int nj = neuron_number (t, k, j);
          /* The name of what the circle holds, above it. */
          if (s->numbers_all || (j == 0 && !cur))
            {
              g_autofree char *label = name (k == 0 ? "y" : stem, nj);
              _cl_render_set_color (cr, cur ? p->fg : p->muted, 1);
              _cl_render_text (cr, x, y - l->radius - l->font * 0.25, 0.5, 1.0, l->font * 0.85,
                               cur, label);
            }
          /* Under the circle: x while going forward, y once going back. */
          if (k > 0 && s->numbers_all && done (t, s, CL_BACKPROP_FORWARD, k, j)
              && (!backward || done (t, s, CL_BACKPROP_BACKWARD, k, j)))
            {
              g_autofree char *sym = name (backward ? "y" : "x", nj);
              g_autofree char *v = num (backward ? L->y[j] : L->x[j]);
              g_autofree char *under = g_strdup_printf ("%s = %s", sym, v);
              _cl_render_set_color (cr, p->muted, 1);
              _cl_render_text (cr, x, y + l->radius + l->font * 0.2, 0.5, 0.0, l->font * 0.8,
                               FALSE, under);
            }
          /* Dense: the stage's neuron says what it holds beside it. */
          if (cur && !s->numbers_all)
            {
              g_autofree char *label = name (k == 0 ? "y" : stem, nj);
              g_autofree char *v = known ? num (value) : NULL;
              g_autofree char *plate = known ? g_strdup_printf ("%s = %s", label, v)
                                             : g_strdup (label);
              double w = _cl_render_text_width (cr, l->font, TRUE, plate);
              plate_text (cr, p, x + l->radius + l->font * 0.4 + w / 2, y, l->font, TRUE, plate,
                          p->fg);
              continue;
            }
          if (!known)
            continue;
          g_autofree char *text = num (value);
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
      g_autofree char *tv = num (t->target[j]);
      g_autofree char *text = g_strdup_printf ("t = %s", tv);
      _cl_render_set_color (cr, p->fg, 1);
      _cl_render_text (cr, x + beside, y, 0.0, 0.5, l->font, FALSE, text);
    }
  if (s->now >= stage_index (t, CL_BACKPROP_LOSS, 0, 0))
    {
      double x, y;
      neuron_xy (t, l, t->n_layers - 1, o->n - 1, &x, &y);
      g_autofree char *E = num (t->loss_value);
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
