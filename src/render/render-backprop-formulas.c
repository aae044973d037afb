#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "engine/layer-registry.h"
#include "render/number-format.h"
#include "render/render-backprop-private.h"

/* The stages of backpropagation and the formulas written for each, with
 * the trace's numbers: the text half of render-backprop.c.  It formats, it
 * computes no gradient (1 − y and y² in the formulas only spell out the
 * engine's f′ for the reader). */

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
int
_cl_backprop_stage_index (const ClBackpropTrace *t, ClBackpropPhase phase, int layer, int unit)
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

int
_cl_backprop_neuron_number (const ClBackpropTrace *t, int layer, int unit)
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
char *
_cl_backprop_name (const char *stem, int n)
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

char *
_cl_backprop_num (double v)
{
  return cl_format_significant (v, 3);
}

/* A negative number inside a product reads better in parentheses. */
static char *
factor (double v)
{
  g_autofree char *n = _cl_backprop_num (v);
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
  int nj = _cl_backprop_neuron_number (t, k, j);
  g_autofree char *xj = _cl_backprop_name ("x", nj), *yj = _cl_backprop_name ("y", nj);
  GString *sym = g_string_new (NULL), *val = g_string_new (NULL);
  g_string_append_printf (sym, "%s = ", xj);
  if (in->n <= MAX_TERMS)
    for (int i = 0; i < in->n; i++)
      {
        int ni = _cl_backprop_neuron_number (t, k - 1, i);
        g_autofree char *w = weight_name ("w", ni, nj), *yi = _cl_backprop_name ("y", ni);
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
      g_autofree char *b = _cl_backprop_name ("b", nj), *bv = factor (links->b[j]);
      g_string_append_printf (sym, " + %s", b);
      if (val->len > 0)
        g_string_append_printf (val, " + %s", bv);
    }
  g_autofree char *xv = _cl_backprop_num (L->x[j]);
  if (val->len > 0)
    g_string_append_printf (sym, " = %s = %s", val->str, xv);
  else
    g_string_append_printf (sym, " = %s", xv);
  g_ptr_array_add (lines, g_string_free (sym, FALSE));
  g_string_free (val, TRUE);

  g_autofree char *yv = _cl_backprop_num (L->y[j]), *xin = _cl_backprop_num (L->x[j]);
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
  g_autofree char *E = _cl_backprop_num (t->loss_value);
  int first = _cl_backprop_neuron_number (t, t->n_layers - 1, 0);
  switch (t->loss)
    {
    case CL_LOSS_MSE:
      if (o->n == 1)
        {
          g_autofree char *y = _cl_backprop_name ("y", first), *yv = _cl_backprop_num (o->y[0]), *tv = _cl_backprop_num (t->target[0]);
          g_ptr_array_add (lines, g_strdup_printf ("E = (%s − t)² = (%s − %s)² = %s", y, yv, tv, E));
        }
      else
        g_ptr_array_add (lines, g_strdup_printf ("E = 1/%d · Σⱼ (yⱼ − tⱼ)² = %s", o->n, E));
      g_ptr_array_add (lines, g_strdup (_("Mean squared error, averaged over the outputs "
                                          "and over the batch (one sample here).")));
      break;
    case CL_LOSS_CROSS_ENTROPY:
      {
        g_autofree char *y = _cl_backprop_name ("y", first + t->label), *yv = _cl_backprop_num (o->y[t->label]);
        g_ptr_array_add (lines, g_strdup_printf ("E = −log %s = −log %s = %s", y, yv, E));
        g_ptr_array_add (lines, g_strdup_printf (_("Cross-entropy for class %d, averaged over "
                                                   "the batch (one sample here)."),
                                                 t->label));
      }
      break;
    case CL_LOSS_BINARY_CROSS_ENTROPY:
    default:
      {
        g_autofree char *y = _cl_backprop_name ("y", first);
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
  int nj = _cl_backprop_neuron_number (t, k, j);
  gboolean output = k == t->n_layers - 1;
  g_autofree char *dyj = _cl_backprop_name ("∂E/∂y", nj), *dxj = _cl_backprop_name ("∂E/∂x", nj);
  g_autofree char *yj = _cl_backprop_name ("y", nj), *xj = _cl_backprop_name ("x", nj);
  g_autofree char *dxv = _cl_backprop_num (L->dx[j]);

  if (output && t->fused)
    {
      g_autofree char *yv = _cl_backprop_num (L->y[j]), *tv = _cl_backprop_num (t->target[j]);
      g_autofree char *tj = _cl_backprop_name ("t", nj);
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
  g_autofree char *dyv = _cl_backprop_num (L->dy[j]);
  if (output)
    {
      g_autofree char *yv = _cl_backprop_num (L->y[j]), *tv = _cl_backprop_num (t->target[j]);
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
            int nm = _cl_backprop_neuron_number (t, k + 1, m);
            g_autofree char *dxm = _cl_backprop_name ("∂E/∂x", nm), *w = weight_name ("w", nj, nm);
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
  g_autofree char *sv = _cl_backprop_num (L->slope != NULL ? L->slope[j] : 1.0);
  g_autofree char *fp = g_strdup_printf ("%s′(%s)", f_name (f), xj);
  if (f == NULL)
    g_ptr_array_add (lines, g_strdup_printf (_("f′(%s) = 1 (no activation)"), xj));
  else if (g_str_equal (f->name, "Sigmoid"))
    {
      g_autofree char *yv = _cl_backprop_num (L->y[j]), *one_minus = _cl_backprop_num (1.0 - L->y[j]);
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
  int nj = _cl_backprop_neuron_number (t, k, j);
  gboolean compact = in->n + (links->b != NULL) > 4;
  g_autofree char *dxj = _cl_backprop_name ("∂E/∂x", nj), *dxf = factor (L->dx[j]), *eta = _cl_backprop_num (t->lr);
  for (int i = 0; i <= in->n; i++)
    {
      gboolean bias = i == in->n;
      if (bias && links->b == NULL)
        break;
      int ni = _cl_backprop_neuron_number (t, k - 1, i);
      g_autofree char *w = bias ? _cl_backprop_name ("b", nj) : weight_name ("w", ni, nj);
      g_autofree char *yi = bias ? NULL : _cl_backprop_name ("y", ni);
      float g = bias ? links->db[j] : links->dw[j * in->n + i];
      g_autofree char *gv = _cl_backprop_num (g), *gf = factor (g);
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
          g_autofree char *ov = _cl_backprop_num (old), *nv = _cl_backprop_num (now);
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
  int nj = _cl_backprop_neuron_number (t, s.layer, s.unit);
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
        g_autofree char *eta = _cl_backprop_num (t->lr);
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
