#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "render/render-neuron.h"
#include "render/render-private.h"

#define MINUS "\xe2\x88\x92"

/* ---- the arithmetic ----------------------------------------------------- */

double
cl_neuron_activate (ClNeuronActivation f, double z)
{
  switch (f)
    {
    case CL_NEURON_STEP:
      return z >= 0 ? 1.0 : 0.0;
    case CL_NEURON_SIGMOID:
      return 1.0 / (1.0 + exp (-z));
    case CL_NEURON_TANH:
      return tanh (z);
    case CL_NEURON_RELU:
      return z > 0 ? z : 0.0;
    case CL_NEURON_LEAKY_RELU:
      return z > 0 ? z : CL_NEURON_LEAKY_SLOPE * z;
    case CL_NEURON_IDENTITY:
    default:
      return z;
    }
}

double
cl_neuron_sum (const ClNeuron *neuron)
{
  double z = neuron->b;
  for (int i = 0; i < CLAMP (neuron->n_inputs, 0, CL_NEURON_MAX_INPUTS); i++)
    z += neuron->w[i] * neuron->x[i];
  return z;
}

double
cl_neuron_output (const ClNeuron *neuron)
{
  return cl_neuron_activate (neuron->f, cl_neuron_sum (neuron));
}

const char *
cl_neuron_activation_name (ClNeuronActivation f)
{
  switch (f)
    {
    case CL_NEURON_STEP:
      return _("step (Heaviside)");
    case CL_NEURON_SIGMOID:
      return _("sigmoid");
    case CL_NEURON_TANH:
      return _("tanh");
    case CL_NEURON_RELU:
      return _("ReLU");
    case CL_NEURON_LEAKY_RELU:
      return _("leaky ReLU");
    case CL_NEURON_IDENTITY:
    default:
      return _("identity");
    }
}

char *
cl_neuron_format_value (const ClNumberFormat *format, double v)
{
  static const char *const quarters[] = { NULL, "¼", "½", "¾" };

  /* The slide writes the science average's weights as quarters. */
  double q = v * 4;
  if (isfinite (v) && fabs (v) < 1 && v != 0 && fabs (q - round (q)) < 1e-9)
    return g_strconcat (v < 0 ? MINUS : "", quarters[(int) fabs (round (q))], NULL);

  char *text = cl_number_format_fixed (format, v, 2);
  /* Trim "13,50" to "13,5" and "12,00" to "12": a mark reads as written. */
  char *dec = strstr (text, format->decimal);
  if (dec != NULL && format->decimal[0] != '\0' && g_ascii_isdigit (dec[strlen (format->decimal)]))
    {
      gsize n = strlen (text);
      while (n > 0 && text[n - 1] == '0')
        text[--n] = '\0';
      if (n >= strlen (format->decimal) && g_str_has_suffix (text, format->decimal))
        text[n - strlen (format->decimal)] = '\0';
    }
  return text;
}

/* A factor inside a product: a negative one in brackets, "(−3)". */
static void
append_factor (GString *out, const ClNumberFormat *format, double v)
{
  g_autofree char *s = cl_neuron_format_value (format, fabs (v));
  if (signbit (v) && v != 0)
    g_string_append_printf (out, "(" MINUS "%s)", s);
  else
    g_string_append (out, s);
}

char *
cl_neuron_sum_text (const ClNeuron *neuron, const ClNumberFormat *format)
{
  GString *out = g_string_new ("Σ wᵢxᵢ + b = ");
  int n = CLAMP (neuron->n_inputs, 0, CL_NEURON_MAX_INPUTS);

  for (int i = 0; i < n; i++)
    {
      /* "+ w·x", or "− |w|·x" for a negative weight: the sum reads as
       * arithmetic, not as "+ −¼·12". */
      double w = neuron->w[i];
      gboolean negative = signbit (w) && w != 0;
      if (i > 0)
        g_string_append (out, negative ? " " MINUS " " : " + ");
      else if (negative)
        g_string_append (out, MINUS);
      append_factor (out, format, fabs (w));
      g_string_append (out, "·");
      append_factor (out, format, neuron->x[i]);
    }
  double b = neuron->b;
  g_autofree char *bias = cl_neuron_format_value (format, fabs (b));
  g_string_append (out, signbit (b) && b != 0 ? " " MINUS " " : " + ");
  g_string_append (out, bias);

  g_autofree char *z = cl_neuron_format_value (format, cl_neuron_sum (neuron));
  g_string_append_printf (out, " = %s", z);
  return g_string_free (out, FALSE);
}

char *
cl_neuron_output_text (const ClNeuron *neuron, const ClNumberFormat *format)
{
  g_autofree char *z = cl_neuron_format_value (format, cl_neuron_sum (neuron));
  g_autofree char *y = cl_neuron_format_value (format, cl_neuron_output (neuron));
  return g_strdup_printf ("f(%s) = %s", z, y);
}

/* ---- the picture -------------------------------------------------------- */

void
cl_render_neuron_options_init (ClRenderNeuronOptions *options)
{
  *options = (ClRenderNeuronOptions) { 0 };
}

/* The palette's base font (_cl_render_begin's rule), known before there
 * is a cairo_t: the layout must match the drawing for the hit test. */
static double
base_font (const ClRenderStyle *style, int width, int height)
{
  double font = CLAMP (sqrt ((double) width * height) / 40.0, 8.0, 96.0);
  font *= cl_render_style_get_scale (style);
  return MAX (font, cl_render_style_get_min_text (style));
}

/* Lines written under the diagram: the sum, f(z), what f makes of the
 * neuron, and the other samples when asked. */
static int
n_text_lines (const ClRenderNeuronOptions *options, gboolean wrap)
{
  return 3 + (wrap ? 1 : 0) + (options->n_samples > 0 ? 1 : 0);
}

/* The written sum takes two lines when one would shrink it below the
 * rest: decided from its length (about 0.58 em a character in bold), so
 * the layout knows it before anything is drawn. */
static gboolean
sum_wraps (const ClNeuron *neuron, double font, int width)
{
  ClNumberFormat format;
  cl_number_format_init_for_language (&format);
  g_autofree char *sum = cl_neuron_sum_text (neuron, &format);
  return g_utf8_strlen (sum, -1) * font * 1.25 * 0.58 > width - 2 * font;
}

/* Where to break the sum: at the " + " or " − " between two terms nearest
 * its middle, so both halves read as arithmetic. */
static gsize
sum_break (const char *sum)
{
  const char *terms = strstr (sum, " = ");
  gsize best = 0, middle = strlen (sum) / 2;
  for (const char *p = terms != NULL ? terms + 3 : sum; *p != '\0'; p++)
    if (g_str_has_prefix (p, " + ") || g_str_has_prefix (p, " " MINUS " "))
      {
        gsize at = (gsize) (p - sum);
        if (best == 0 || (at > middle ? at - middle : middle - at)
                           < (best > middle ? best - middle : middle - best))
          best = at;
      }
  return best;
}

#define TITLE_LINES 2.2
#define LINE_STEP   1.7

void
cl_render_neuron_layout (const ClNeuron *neuron, const ClRenderNeuronOptions *options, int width,
                         int height, ClNeuronLayout *l)
{
  double font = base_font (&options->style, width, height);
  int n = CLAMP (neuron->n_inputs, 1, CL_NEURON_MAX_INPUTS);
  double top = font * TITLE_LINES;
  double bottom = height - font * (LINE_STEP * n_text_lines (options, sum_wraps (neuron, font, width)) + 0.6);
  double dh = MAX (bottom - top, 1.0);
  double row = dh / n;

  *l = (ClNeuronLayout) { 0 };
  l->neuron_radius = MAX (MIN (dh * 0.17, width * 0.075), 4.0);
  l->neuron = (ClNeuronPoint) { width * 0.60, top + dh * 0.45 };
  l->input_radius = MAX (MIN (row * 0.4, font * 1.5), 3.0);
  /* Two fifths along the links: the labels stay nearly as far apart as
   * the inputs, and clear of the neuron where the links meet. */
  double t = 0.4;
  l->label_half_height = MIN (font * 0.75, (1 - t) * row * 0.45);
  l->label_half_width = font * 1.7;
  for (int i = 0; i < n; i++)
    {
      l->input[i] = (ClNeuronPoint) { width * 0.25, top + (i + 0.5) * row };
      l->weight[i] = (ClNeuronPoint) { l->input[i].x + t * (l->neuron.x - l->input[i].x),
                                       l->input[i].y + t * (l->neuron.y - l->input[i].y) };
    }
  l->bias = (ClNeuronPoint) { l->neuron.x, MIN (l->neuron.y + l->neuron_radius + font * 2.2,
                                                bottom - l->label_half_height) };
  l->output = (ClNeuronPoint) { width * 0.86, l->neuron.y };
}

/* Links are coloured relative to the largest weight, as in the network
 * diagram; the bias (often tens, as −10) would wash them out. */
static double
max_abs_weight (const ClNeuron *neuron)
{
  double m = 0;
  for (int i = 0; i < neuron->n_inputs; i++)
    m = MAX (m, fabs (neuron->w[i]));
  return m > 0 ? m : 1.0;
}

static void
rounded_rect (cairo_t *cr, double cx, double cy, double hw, double hh)
{
  double r = MIN (hh, hw) * 0.6;
  cairo_new_sub_path (cr);
  cairo_arc (cr, cx + hw - r, cy - hh + r, r, -G_PI / 2, 0);
  cairo_arc (cr, cx + hw - r, cy + hh - r, r, 0, G_PI / 2);
  cairo_arc (cr, cx - hw + r, cy + hh - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, cx - hw + r, cy - hh + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A value in a rounded box, its outline in `edge`. */
static void
draw_label (cairo_t *cr, const ClPalette *p, double cx, double cy, double hw, double hh,
            ClColor edge, double line, const char *text)
{
  rounded_rect (cr, cx, cy, hw, hh);
  _cl_render_set_color (cr, p->bg, 1);
  cairo_fill_preserve (cr);
  _cl_render_set_color (cr, edge, 1);
  cairo_set_line_width (cr, line);
  cairo_stroke (cr);
  _cl_render_set_color (cr, p->fg, 1);
  double size = _cl_render_fit_size (cr, hh * 1.25, TRUE, text, hw * 1.8);
  _cl_render_text (cr, cx, cy, 0.5, 0.5, size, TRUE, text);
}

/* The bias label does not share the inputs' rows: it keeps the full size. */
static double
font_half_height (const ClPalette *p)
{
  return p->font * 0.75;
}

/* f over z in [−3, 3], in the neuron's right half. */
static void
draw_curve (cairo_t *cr, const ClPalette *p, ClNeuronActivation f, double cx, double cy, double r,
            double line)
{
  const int n = 60;
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, y[61];
  for (int i = 0; i <= n; i++)
    {
      y[i] = cl_neuron_activate (f, -3 + 6.0 * i / n);
      lo = MIN (lo, y[i]);
      hi = MAX (hi, y[i]);
    }
  lo = MIN (lo, 0);
  hi = MAX (hi, 1);
  double x0 = cx + r * 0.12, w = r * 0.7, h = r * 0.9, y0 = cy + h / 2;
  /* The axes: z = 0 and f = 0. */
  _cl_render_set_color (cr, p->muted, 0.7);
  cairo_set_line_width (cr, line * 0.6);
  double zero = y0 - h * (0 - lo) / (hi - lo);
  cairo_move_to (cr, x0, zero);
  cairo_line_to (cr, x0 + w, zero);
  cairo_move_to (cr, x0 + w / 2, y0);
  cairo_line_to (cr, x0 + w / 2, y0 - h);
  cairo_stroke (cr);
  _cl_render_set_color (cr, p->series[0], 1);
  cairo_set_line_width (cr, line * 1.3);
  for (int i = 0; i <= n; i++)
    {
      double px = x0 + w * i / n, py = y0 - h * (y[i] - lo) / (hi - lo);
      if (i == 0)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
    }
  cairo_stroke (cr);
}

static void
draw_link (cairo_t *cr, const ClPalette *p, ClNeuronPoint a, ClNeuronPoint b, double w,
           double max_w, double s)
{
  /* A faint line under every link: a zero weight is a link that carries
   * nothing, not a missing one. */
  _cl_render_set_color (cr, p->grid, 1);
  cairo_set_line_width (cr, 1.2 * s);
  cairo_move_to (cr, a.x, a.y);
  cairo_line_to (cr, b.x, b.y);
  cairo_stroke (cr);
  /* The network diagram's rule: diverging colour, width by |w| / max. */
  double v = w / max_w;
  if (v != 0)
    {
      _cl_render_set_color (cr, cl_colormap_diverging (v), 1);
      cairo_set_line_width (cr, (0.8 + 4.0 * fabs (v)) * s);
      cairo_move_to (cr, a.x, a.y);
      cairo_line_to (cr, b.x, b.y);
      cairo_stroke (cr);
    }
}

static void
draw_arrow_head (cairo_t *cr, double x, double y, double size)
{
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x - size, y - size * 0.6);
  cairo_line_to (cr, x - size, y + size * 0.6);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_text_lines (cairo_t *cr, const ClPalette *p, const ClNeuron *neuron,
                 const ClRenderNeuronOptions *options, const ClNumberFormat *format, int width,
                 int height)
{
  g_autofree char *sum = cl_neuron_sum_text (neuron, format);
  g_autofree char *out = cl_neuron_output_text (neuron, format);
  g_autofree char *note = NULL;
  if (neuron->f == CL_NEURON_IDENTITY)
    note = g_strdup (_("f is the identity: this neuron is a linear model, y = Σ wᵢxᵢ + b."));
  else
    note = g_strdup_printf (_("f is %s: y is no longer a linear function of the inputs."),
                            cl_neuron_activation_name (neuron->f));

  GString *samples = g_string_new (NULL);
  for (int k = 0; k < CLAMP (options->n_samples, 0, CL_NEURON_MAX_SAMPLES); k++)
    {
      ClNeuron other = *neuron;
      memcpy (other.x, options->sample_x[k], sizeof other.x);
      g_autofree char *y = cl_neuron_format_value (format, cl_neuron_output (&other));
      if (k > 0)
        g_string_append (samples, "   ·   ");
      /* Translators: a student's name and the neuron's output for their
       * marks ("Gino : y = 13,75" in French). */
      g_string_append_printf (samples, _("%s: y = %s"),
                              options->sample_names[k] != NULL ? options->sample_names[k] : "?", y);
    }

  /* Too long for one line: the sum's second half goes under the first,
   * indented past "Σ wᵢxᵢ + b". */
  gboolean wrap = sum_wraps (neuron, p->font, width);
  gsize cut = wrap ? sum_break (sum) : 0;
  g_autofree char *first = cut > 0 ? g_strndup (sum, cut) : g_strdup (sum);
  g_autofree char *second = cut > 0 ? g_strdup (sum + cut + 1) : g_strdup ("");
  const char *lines[5];
  int k = 0;
  lines[k++] = first;
  if (wrap)
    lines[k++] = second;
  lines[k++] = out;
  lines[k++] = note;
  lines[k++] = samples->str;
  int n = n_text_lines (options, wrap);
  int n_main = wrap ? 3 : 2;
  double x = p->font, max_w = width - 2 * p->font;
  double indent = wrap ? _cl_render_text_width (cr, p->font * 1.25, TRUE, "Σ wᵢxᵢ + b = ") : 0;
  /* The indent only where the second half still fits beside it. */
  if (wrap && indent + _cl_render_text_width (cr, p->font * 1.25, TRUE, second) > max_w)
    indent = MAX (0, max_w - _cl_render_text_width (cr, p->font * 1.25, TRUE, second));
  double y = height - p->font * (LINE_STEP * n + 0.6) + p->font * 0.9;
  for (int i = 0; i < n; i++, y += p->font * LINE_STEP)
    {
      gboolean main_line = i < n_main;
      double dx = wrap && i == 1 ? indent : 0;
      double size = _cl_render_fit_size (cr, p->font * (main_line ? 1.25 : 1.0), main_line,
                                         lines[i], max_w - dx);
      _cl_render_set_color (cr, i == n_main ? p->muted : p->fg, 1);
      _cl_render_text (cr, x + dx, y, 0, 0.5, size, main_line, lines[i]);
    }
  g_string_free (samples, TRUE);
}

gboolean
cl_render_neuron (cairo_t *cr, const ClNeuron *neuron, const ClRenderNeuronOptions *options,
                  int width, int height)
{
  ClPalette p;
  ClNeuronLayout l;
  ClNumberFormat format;

  if (neuron->n_inputs < 1 || neuron->n_inputs > CL_NEURON_MAX_INPUTS)
    return FALSE;
  if (!_cl_render_begin (cr, &options->style, width, height, &p))
    return FALSE;
  cl_number_format_init_for_language (&format);
  cl_render_neuron_layout (neuron, options, width, height, &l);
  double s = p.font / 14.0, max_w = max_abs_weight (neuron);
  int n = neuron->n_inputs;

  /* Title: what one neuron computes, and which f. */
  g_autofree char *title = g_strdup_printf (_("One neuron: y = f(Σ wᵢxᵢ + b), f = %s"),
                                            cl_neuron_activation_name (neuron->f));
  _cl_render_set_color (cr, p.fg, 1);
  _cl_render_text (cr, p.font, p.font * 1.1, 0, 0.5,
                   _cl_render_fit_size (cr, p.font * 1.2, TRUE, title, width - 2 * p.font), TRUE,
                   title);

  for (int i = 0; i < n; i++)
    draw_link (cr, &p, l.input[i], l.neuron, neuron->w[i], max_w, s);
  draw_link (cr, &p, l.bias, l.neuron, neuron->b, MAX (max_w, fabs (neuron->b)), s);

  /* The output: an arrow to its box. */
  double y = cl_neuron_output (neuron);
  g_autofree char *y_text = cl_neuron_format_value (&format, y);
  double box_hw = MIN (p.font * 2.6, width * 0.12), box_hh = p.font * 1.0;
  _cl_render_set_color (cr, p.fg, 1);
  cairo_set_line_width (cr, 2 * s);
  cairo_move_to (cr, l.neuron.x + l.neuron_radius, l.neuron.y);
  cairo_line_to (cr, l.output.x - box_hw - 3 * s, l.neuron.y);
  cairo_stroke (cr);
  draw_arrow_head (cr, l.output.x - box_hw, l.neuron.y, 8 * s);
  draw_label (cr, &p, l.output.x, l.output.y, box_hw, box_hh, p.fg, 2 * s, y_text);
  _cl_render_set_color (cr, p.muted, 1);
  _cl_render_text (cr, l.output.x, l.output.y - box_hh - p.font * 0.8, 0.5, 0.5, p.font, FALSE,
                   "y");

  /* Inputs: the value in a circle, the name before it. */
  for (int i = 0; i < n; i++)
    {
      ClNeuronPoint c = l.input[i];
      cairo_arc (cr, c.x, c.y, l.input_radius, 0, 2 * G_PI);
      _cl_render_set_color (cr, p.bg, 1);
      cairo_fill_preserve (cr);
      _cl_render_set_color (cr, p.fg, 1);
      cairo_set_line_width (cr, 1.5 * s);
      cairo_stroke (cr);
      g_autofree char *v = cl_neuron_format_value (&format, neuron->x[i]);
      double size = _cl_render_fit_size (cr, MIN (p.font * 1.1, l.input_radius * 1.1), TRUE, v,
                                         l.input_radius * 1.7);
      _cl_render_text (cr, c.x, c.y, 0.5, 0.5, size, TRUE, v);

      static const char *const subscripts[] = { "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈" };
      g_autofree char *fallback = g_strconcat ("x", subscripts[i], NULL);
      const char *name = options->input_names[i] != NULL ? options->input_names[i] : fallback;
      double room = c.x - l.input_radius - 1.5 * p.font;
      size = _cl_render_fit_size (cr, MIN (p.font, l.input_radius * 1.2), FALSE, name, room);
      _cl_render_set_color (cr, p.muted, 1);
      _cl_render_text (cr, c.x - l.input_radius - 0.5 * p.font, c.y, 1, 0.5, size, FALSE, name);
    }

  /* The neuron: Σ on the left, f's curve on the right. */
  double r = l.neuron_radius;
  cairo_arc (cr, l.neuron.x, l.neuron.y, r, 0, 2 * G_PI);
  _cl_render_set_color (cr, p.bg, 1);
  cairo_fill_preserve (cr);
  _cl_render_set_color (cr, p.fg, 1);
  cairo_set_line_width (cr, 2.5 * s);
  cairo_stroke (cr);
  cairo_move_to (cr, l.neuron.x, l.neuron.y - r);
  cairo_line_to (cr, l.neuron.x, l.neuron.y + r);
  cairo_set_line_width (cr, 1.2 * s);
  cairo_stroke (cr);
  _cl_render_text (cr, l.neuron.x - r * 0.5, l.neuron.y, 0.5, 0.5, MAX (r * 0.7, p.min_text),
                   TRUE, "Σ");
  draw_curve (cr, &p, neuron->f, l.neuron.x, l.neuron.y, r, s);

  /* The labels on top of the links: they are what a pointer drags. */
  for (int i = 0; i < n; i++)
    {
      g_autofree char *w = cl_neuron_format_value (&format, neuron->w[i]);
      ClColor edge = neuron->w[i] == 0 ? p.grid : cl_colormap_diverging (neuron->w[i] / max_w);
      draw_label (cr, &p, l.weight[i].x, l.weight[i].y, l.label_half_width, l.label_half_height,
                  edge, 2 * s, w);
    }
  g_autofree char *b = cl_neuron_format_value (&format, neuron->b);
  g_autofree char *b_text = g_strdup_printf ("b = %s", b);
  ClColor edge = neuron->b == 0 ? p.grid : cl_colormap_diverging (neuron->b > 0 ? 1 : -1);
  draw_label (cr, &p, l.bias.x, l.bias.y, l.label_half_width * 1.5, font_half_height (&p), edge,
              2 * s, b_text);

  draw_text_lines (cr, &p, neuron, options, &format, width, height);
  _cl_render_end (cr);
  return TRUE;
}
