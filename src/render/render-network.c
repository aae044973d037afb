/* render-network.c — the drawing of the network picture: blocks, badges,
 * neurons and their links, texts; where each goes is in
 * render-network-layout.c. */
#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "render/colormap.h"
#include "render/render-network-private.h"

/* ---- colours ---------------------------------------------------------- */

typedef struct {
  ClColor fg, dim, bg, accent, error, error_text, link;
  gboolean dark;
} Theme;

static void
theme_init (Theme *t, gboolean dark)
{
  t->dark = dark;
  t->fg = dark ? (ClColor) { 1, 1, 1 } : (ClColor) { 0.14, 0.14, 0.16 };
  t->dim = dark ? (ClColor) { 0.72, 0.72, 0.75 } : (ClColor) { 0.40, 0.40, 0.43 };
  t->bg = dark ? (ClColor) { 0.14, 0.14, 0.15 } : (ClColor) { 1, 1, 1 };
  t->accent = dark ? (ClColor) { 0.47, 0.68, 0.93 } : (ClColor) { 0.21, 0.52, 0.89 };
  t->error = dark ? (ClColor) { 1.0, 0.48, 0.39 } : (ClColor) { 0.88, 0.11, 0.14 };
  t->error_text = dark ? (ClColor) { 1.0, 0.58, 0.50 } : (ClColor) { 0.75, 0.11, 0.16 };
  t->link = dark ? (ClColor) { 0.6, 0.6, 0.63 } : (ClColor) { 0.55, 0.55, 0.58 };
}

/* The GNOME palette: one hue per family of layer, so a glance tells
 * convolutions from pooling from dense layers. */
static ClColor
kind_color (const ClLayerKind *kind)
{
  const char *n = kind != NULL ? kind->name : "";

  if (g_str_equal (n, "Conv2D"))
    return (ClColor) { 0.21, 0.52, 0.89 };   /* blue */
  if (g_str_has_suffix (n, "Pool2D"))
    return (ClColor) { 0.57, 0.25, 0.67 };   /* purple */
  if (g_str_equal (n, "Dense"))
    return (ClColor) { 0.15, 0.64, 0.41 };   /* green */
  if (g_str_equal (n, "Flatten"))
    return (ClColor) { 0.90, 0.38, 0.00 };   /* orange */
  if (g_str_equal (n, "Dropout") || g_str_equal (n, "BatchNorm"))
    return (ClColor) { 0.80, 0.58, 0.00 };   /* yellow */
  if (kind != NULL && kind->group == CL_LAYER_GROUP_ACTIVATION)
    return (ClColor) { 0.13, 0.55, 0.55 };   /* teal */
  return (ClColor) { 0.47, 0.47, 0.50 };     /* input: grey */
}

static ClColor
mix (ClColor a, ClColor b, double t)
{
  return (ClColor) { a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t };
}

static void
set_color (cairo_t *cr, ClColor c, double alpha)
{
  cairo_set_source_rgba (cr, c.r, c.g, c.b, alpha);
}

/* ---- text ------------------------------------------------------------- */

static void
text_centered (cairo_t *cr, const char *text, double cx, double y)
{
  cairo_text_extents_t e;
  cairo_text_extents (cr, text, &e);
  cairo_move_to (cr, cx - e.x_advance / 2, y);
  cairo_show_text (cr, text);
}

/* Word-wraps `text` into at most `max_lines` lines of `width`. */
static void
text_wrapped (cairo_t *cr, const char *text, double x, double y, double width, double line,
              int max_lines)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  GString *current = g_string_new (NULL);
  int lines = 0;

  for (int i = 0; words[i] != NULL && lines < max_lines; i++)
    {
      g_autofree char *attempt = current->len > 0
                                   ? g_strconcat (current->str, " ", words[i], NULL)
                                   : g_strdup (words[i]);
      cairo_text_extents_t e;
      cairo_text_extents (cr, attempt, &e);
      if (e.x_advance > width && current->len > 0)
        {
          cairo_move_to (cr, x, y + lines * line);
          cairo_show_text (cr, current->str);
          lines++;
          g_string_assign (current, words[i]);
        }
      else
        g_string_assign (current, attempt);
    }
  if (lines < max_lines && current->len > 0)
    {
      cairo_move_to (cr, x, y + lines * line);
      cairo_show_text (cr, current->str);
    }
  g_string_free (current, TRUE);
}

/* ---- shapes ----------------------------------------------------------- */

static void
rounded_rect (cairo_t *cr, double x, double y, double w, double h, double r)
{
  cairo_new_path (cr);
  r = MIN (r, MIN (w, h) / 2);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - r, y + r, r, -G_PI / 2, 0);
  cairo_arc (cr, x + w - r, y + h - r, r, 0, G_PI / 2);
  cairo_arc (cr, x + r, y + h - r, r, G_PI / 2, G_PI);
  cairo_arc (cr, x + r, y + r, r, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

/* A box seen slightly from above and the right: the face is height x width,
 * the depth grows with the number of channels. */
static void
draw_box (cairo_t *cr, const Theme *t, double cx, double cy, const Column *c, ClColor base,
          gboolean failed, gboolean pixels, double s)
{
  double dx = c->depth * 0.7, dy = c->depth * 0.7;
  double left = cx - (c->bw + dx) / 2, top = cy - (c->bh + dy) / 2;
  ClColor stroke = failed ? t->error : base;
  ClColor face = mix (failed ? t->error : base, t->bg, t->dark ? 0.55 : 0.72);

  cairo_new_path (cr);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width (cr, (failed ? 2.5 : 1.5) * s);
  if (dx > 0)
    {
      /* top face, lighter */
      cairo_move_to (cr, left, top + dy);
      cairo_line_to (cr, left + dx, top);
      cairo_line_to (cr, left + dx + c->bw, top);
      cairo_line_to (cr, left + c->bw, top + dy);
      cairo_close_path (cr);
      set_color (cr, mix (face, t->bg, 0.35), 1);
      cairo_fill_preserve (cr);
      set_color (cr, stroke, 1);
      cairo_stroke (cr);
      /* right face, darker */
      cairo_move_to (cr, left + c->bw, top + dy);
      cairo_line_to (cr, left + c->bw + dx, top);
      cairo_line_to (cr, left + c->bw + dx, top + c->bh);
      cairo_line_to (cr, left + c->bw, top + dy + c->bh);
      cairo_close_path (cr);
      set_color (cr, mix (face, base, 0.35), 1);
      cairo_fill_preserve (cr);
      set_color (cr, stroke, 1);
      cairo_stroke (cr);
    }
  cairo_rectangle (cr, left, top + dy, c->bw, c->bh);
  set_color (cr, face, 1);
  cairo_fill_preserve (cr);
  if (pixels)
    {
      /* The input hints at an image: a faint grid of pixels. */
      cairo_save (cr);
      cairo_clip_preserve (cr);
      set_color (cr, t->dim, 0.25);
      cairo_set_line_width (cr, 1);
      for (double g = c->bw / 7; g < c->bw - 1; g += c->bw / 7)
        {
          cairo_move_to (cr, left + g, top + dy);
          cairo_rel_line_to (cr, 0, c->bh);
        }
      for (double g = c->bh / 7; g < c->bh - 1; g += c->bh / 7)
        {
          cairo_move_to (cr, left, top + dy + g);
          cairo_rel_line_to (cr, c->bw, 0);
        }
      cairo_stroke (cr);
      cairo_restore (cr);
    }
  set_color (cr, stroke, 1);
  cairo_stroke (cr);
}

static double
curve_value (const char *name, double x)
{
  if (g_str_equal (name, "Sigmoid"))
    return 2.0 / (1.0 + exp (-4 * x)) - 1.0;
  if (g_str_equal (name, "Tanh"))
    return tanh (3 * x);
  if (g_str_equal (name, "ReLU"))
    return x > 0 ? 2 * x - 0.5 : -0.5;
  if (g_str_equal (name, "LeakyReLU") || g_str_equal (name, "PReLU") || g_str_equal (name, "RReLU"))
    return x > 0 ? 2 * x - 0.5 : 0.25 * x - 0.5;
  if (g_str_equal (name, "ELU"))
    return x > 0 ? 2 * x - 0.5 : 0.6 * (exp (3 * x) - 1) - 0.5;
  return NAN;
}

/* A round badge: the activation's curve, as drawn on the slides, or a
 * short mark for the operations that have no curve. */
static void
draw_badge (cairo_t *cr, const Theme *t, double cx, double cy, double r,
            const ClLayerKind *kind, gboolean failed, double s)
{
  ClColor base = failed ? t->error : kind_color (kind);

  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  set_color (cr, mix (base, t->bg, t->dark ? 0.55 : 0.75), 1);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, (failed ? 2.5 : 1.5) * s);
  set_color (cr, base, 1);
  cairo_stroke (cr);

  double u = r * 0.6;
  if (!isnan (curve_value (kind->name, 0)))
    {
      for (int i = 0; i <= 40; i++)
        {
          double x = -0.5 + i / 40.0;
          double y = curve_value (kind->name, x);
          if (i == 0)
            cairo_move_to (cr, cx + 2 * x * u, cy - y * u);
          else
            cairo_line_to (cr, cx + 2 * x * u, cy - y * u);
        }
      cairo_set_line_width (cr, 2.2 * s);
      cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
      set_color (cr, t->dark ? mix (base, t->fg, 0.4) : mix (base, t->fg, 0.3), 1);
      cairo_stroke (cr);
      return;
    }

  const char *mark = g_str_equal (kind->name, "Softmax") ? "Σ"
                     : g_str_equal (kind->name, "Maxout") ? "max"
                     : g_str_equal (kind->name, "Dropout") ? "p"
                     : g_str_equal (kind->name, "BatchNorm") ? "μσ" : "f";
  _cl_network_set_font (cr, (strlen (mark) > 2 ? 10.5 : 15) * s, TRUE);
  cairo_text_extents_t e;
  cairo_text_extents (cr, mark, &e);
  set_color (cr, mix (base, t->fg, 0.3), 1);
  cairo_move_to (cr, cx - e.x_bearing - e.width / 2, cy - e.y_bearing - e.height / 2);
  cairo_show_text (cr, mark);
}

/* A layer whose shape is unknown: after the failing one (grey, dashed), or
 * the failing one itself (red, with an exclamation mark). */
static void
draw_unknown (cairo_t *cr, const Theme *t, double cx, double cy, const Column *c,
              gboolean failed, double s)
{
  ClColor color = failed ? t->error : t->dim;

  rounded_rect (cr, cx - c->bw / 2, cy - c->bh / 2, c->bw, c->bh, 6 * s);
  set_color (cr, color, failed ? 0.18 : 0.08);
  cairo_fill_preserve (cr);
  double dash[] = { 4 * s, 3 * s };
  if (!failed)
    cairo_set_dash (cr, dash, 2, 0);
  cairo_set_line_width (cr, (failed ? 2.5 : 1.5) * s);
  set_color (cr, color, failed ? 1 : 0.7);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  _cl_network_set_font (cr, 18 * s, TRUE);
  set_color (cr, color, failed ? 1 : 0.8);
  text_centered (cr, failed ? "!" : "?", cx, cy + 6 * s);
}

/* ---- the neuron view ---------------------------------------------------- */


static void
draw_neuron_links (cairo_t *cr, const Theme *t, const ClNetworkView *view, const Layout *l)
{
  const Column *prev = &l->input;
  ClNet *net = view->trained;

  if (net != NULL && cl_net_get_n_layers (net) != l->n)
    net = NULL;  /* a stale instance of another design: draw untrained */

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (int i = 0; i < l->n; i++)
    {
      const Column *c = &l->cols[i];
      const ClLayerKind *kind = cl_net_spec_get_layer_kind (view->spec, i);
      gboolean dense = g_str_equal (kind->name, "Dense");
      double x0 = _cl_network_column_cx (prev) + NEURON_R * l->s, x1 = _cl_network_column_cx (c) - NEURON_R * l->s;
      const float *w = NULL;
      double maxabs = 0;

      const ClSnapshotLayer *live = dense ? _cl_network_snapshot_layer (view, i) : NULL;
      gsize count = (gsize) c->neurons * prev->neurons;
      if (live != NULL && live->n_layer_params >= count && view->snapshot->params != NULL
          && live->param_offset + count <= view->snapshot->n_params)
        {
          /* Training: the weights of the newest snapshot, so the links
           * change colour as the network learns.  Dense's weight (units ×
           * inputs) is its first tensor. */
          w = view->snapshot->params + live->param_offset;
          for (gsize j = 0; j < count; j++)
            maxabs = MAX (maxabs, fabs (w[j]));
        }
      else if (dense && net != NULL && cl_net_get_layer_n_tensors (net, i) > 0)
        {
          float *tensor = NULL;
          const ClTensorInfo *info = cl_net_get_layer_tensor (net, i, 0, &tensor, NULL);
          w = tensor;
          /* Weights of another design (edited since): drawn untrained. */
          if (info->ndim != 2 || info->dims[0] != c->neurons || info->dims[1] != prev->neurons)
            w = NULL;
          for (guint64 j = 0; w != NULL && j < info->count; j++)
            maxabs = MAX (maxabs, fabs (w[j]));
        }
      for (int o = 0; o < c->neurons; o++)
        for (int k = 0; k < prev->neurons; k++)
          {
            if (!dense && k != o)
              continue;
            double y0 = _cl_network_neuron_y (l, k, prev->neurons), y1 = _cl_network_neuron_y (l, o, c->neurons);
            if (w != NULL && maxabs > 0)
              {
                double v = w[o * prev->neurons + k] / maxabs;
                ClColor col = cl_colormap_diverging (v);
                set_color (cr, col, 1);
                cairo_set_line_width (cr, (0.8 + 4.0 * fabs (v)) * l->s);
              }
            else
              {
                set_color (cr, t->link, 0.55);
                cairo_set_line_width (cr, 1.3 * l->s);
              }
            cairo_move_to (cr, x0, y0);
            cairo_line_to (cr, x1, y1);
            cairo_stroke (cr);
          }
      prev = c;
    }
}

static void
draw_neuron_column (cairo_t *cr, const Theme *t, const Layout *l, const Column *c,
                    const ClLayerKind *kind, gboolean failed)
{
  double cx = _cl_network_column_cx (c);

  for (int k = 0; k < c->neurons; k++)
    {
      double cy = _cl_network_neuron_y (l, k, c->neurons);
      if (kind != NULL && _cl_network_is_badge_kind (kind))
        {
          draw_badge (cr, t, cx, cy, NEURON_R * l->s, kind, failed, l->s);
          continue;
        }
      ClColor base = failed ? t->error : kind_color (kind);
      cairo_new_path (cr);
      cairo_arc (cr, cx, cy, NEURON_R * l->s, 0, 2 * G_PI);
      set_color (cr, mix (base, t->bg, t->dark ? 0.55 : 0.72), 1);
      cairo_fill_preserve (cr);
      cairo_set_line_width (cr, 1.8 * l->s);
      set_color (cr, base, 1);
      cairo_stroke (cr);
    }
}

/* ---- dropout masks ------------------------------------------------------ */

/* A unit Dropout silenced: dimmed, then crossed out as on the slides. */
static void
draw_cross (cairo_t *cr, const Theme *t, double cx, double cy, double r, double s)
{
  cairo_new_path (cr);
  cairo_arc (cr, cx, cy, r, 0, 2 * G_PI);
  set_color (cr, t->bg, 0.6);
  cairo_fill (cr);
  double a = r * 0.75;
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width (cr, 2.5 * s);
  set_color (cr, t->fg, 1);
  cairo_move_to (cr, cx - a, cy - a);
  cairo_line_to (cr, cx + a, cy + a);
  cairo_move_to (cr, cx + a, cy - a);
  cairo_line_to (cr, cx - a, cy + a);
  cairo_stroke (cr);
}

/* The neuron view: Dropout keeps its input's units, so unit k of its mask
 * silences neuron k of the layer feeding it. */
static void
draw_neuron_masks (cairo_t *cr, const Theme *t, const ClNetworkView *view, const Layout *l)
{
  for (int i = 0; i < l->n; i++)
    {
      int n;
      const float *mask = _cl_network_mask (view, i, &n);
      const Column *prev = i > 0 ? &l->cols[i - 1] : &l->input;
      if (mask == NULL || n != prev->neurons)
        continue;
      for (int k = 0; k < n; k++)
        if (mask[k] == 0)
          draw_cross (cr, t, _cl_network_column_cx (prev),
                      prev->dy + _cl_network_neuron_y (l, k, n), NEURON_R * l->s, l->s);
    }
}

/* The block view: too many units to draw as neurons, so the first ones as
 * a small grid under the Dropout badge, kept ones in its colour, dropped
 * ones dark. */
static void
draw_mask_grid (cairo_t *cr, const Theme *t, const Layout *l, const Column *c, const float *mask,
                int n, const ClLayerKind *kind)
{
  int cells, cols;
  double x0, y0, cell;

  _cl_network_mask_grid (l, c, n, &cells, &cols, &x0, &y0, &cell);
  for (int k = 0; k < cells; k++)
    {
      double x = x0 + (k % cols) * cell, y = y0 + (k / cols) * cell;
      cairo_rectangle (cr, x + 0.5 * l->s, y + 0.5 * l->s, cell - l->s, cell - l->s);
      if (mask[k] == 0)
        set_color (cr, t->fg, 1);
      else
        set_color (cr, kind_color (kind), 1);
      cairo_fill (cr);
    }
}

/* ---- the picture -------------------------------------------------------- */

static void
draw_flow_arrow (cairo_t *cr, const Theme *t, const Layout *l, double x0, double x1)
{
  if (x1 - x0 < 6 * l->s)
    return;
  set_color (cr, t->link, 0.7);
  cairo_set_line_width (cr, 1.5 * l->s);
  cairo_move_to (cr, x0, l->center_y);
  cairo_line_to (cr, x1 - 2 * l->s, l->center_y);
  cairo_stroke (cr);
  cairo_move_to (cr, x1, l->center_y);
  cairo_rel_line_to (cr, -6 * l->s, -4 * l->s);
  cairo_rel_line_to (cr, 0, 8 * l->s);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* The horizontal extent of what a column draws, for the arrows between. */
static void
column_extent (const Layout *l, const Column *c, double *x0, double *x1)
{
  double cx = _cl_network_column_cx (c), half;

  switch (c->style)
    {
    case STYLE_BADGE:
      half = BADGE_R * l->s;
      break;
    case STYLE_NEURONS:
      half = NEURON_R * l->s;
      break;
    default:
      half = (c->bw + c->depth * 0.7) / 2;
      break;
    }
  *x0 = cx - half - 5 * l->s;
  *x1 = cx + half + 5 * l->s;
}

static void
draw_column_text (cairo_t *cr, const Theme *t, const Layout *l, double cx, const char *title,
                  const char *line2, const char *line3, gboolean failed)
{
  double s = l->s;

  _cl_network_set_font (cr, 13 * s, TRUE);
  set_color (cr, failed ? t->error_text : t->fg, 1);
  text_centered (cr, title, cx, l->text_y);
  _cl_network_set_font (cr, 12 * s, FALSE);
  if (line2 != NULL)
    {
      set_color (cr, t->fg, 0.9);
      text_centered (cr, line2, cx, l->text_y + LINE * s);
    }
  if (line3 != NULL)
    {
      set_color (cr, t->dim, 1);
      text_centered (cr, line3, cx, l->text_y + 2 * LINE * s);
    }
}

static void
draw_layer (cairo_t *cr, const Theme *t, const ClNetworkView *view, const Layout *l, int i)
{
  const Column *c = &l->cols[i];
  const ClLayerKind *kind = cl_net_spec_get_layer_kind (view->spec, i);
  gboolean failed = i == view->failed_layer;
  double cx = _cl_network_column_cx (c);
  g_autofree char *title = NULL, *shape = NULL, *params = NULL;

  _cl_network_layer_texts (view, i, &title, &shape, &params);
  switch (c->style)
    {
    case STYLE_BOX:
    case STYLE_BAR:
      draw_box (cr, t, cx, l->center_y, c, kind_color (kind), failed, FALSE, l->s);
      break;
    case STYLE_BADGE:
      draw_badge (cr, t, cx, l->center_y, BADGE_R * l->s, kind, failed, l->s);
      {
        int n;
        const float *mask = _cl_network_mask (view, i, &n);
        if (mask != NULL)
          draw_mask_grid (cr, t, l, c, mask, n, kind);
      }
      break;
    case STYLE_NEURONS:
      draw_neuron_column (cr, t, l, c, kind, failed);
      break;
    default:
      draw_unknown (cr, t, cx, l->center_y, c, failed, l->s);
      break;
    }
  draw_column_text (cr, t, l, cx, title, shape, params, failed);
}

static void
draw_input (cairo_t *cr, const Theme *t, const ClNetworkView *view, const Layout *l)
{
  ClShape in = cl_net_spec_get_input (view->spec);
  g_autofree char *shape = _cl_network_shape_text (in);
  double cx = _cl_network_column_cx (&l->input);

  if (l->neurons)
    draw_neuron_column (cr, t, l, &l->input, NULL, FALSE);
  else
    draw_box (cr, t, cx, l->center_y, &l->input, kind_color (NULL), FALSE,
              in.h > 1 || in.w > 1, l->s);
  draw_column_text (cr, t, l, cx, _("Input"), shape, view->input_label, FALSE);
}

static void
draw_total (cairo_t *cr, const Theme *t, const ClNetworkView *view, const Layout *l)
{
  double s = l->s, cx = _cl_network_column_cx (&l->total);
  guint64 total = 0;
  gboolean valid = view->info != NULL && view->failed_layer < 0 && view->error_message == NULL;

  if (l->n == 0)
    return;
  for (int i = 0; view->info != NULL && i < l->n; i++)
    total += view->info[i].n_params;

  double w = l->total.w - 16 * s, h = 84 * s;
  rounded_rect (cr, cx - w / 2, l->center_y - h / 2, w, h, 10 * s);
  set_color (cr, valid ? t->accent : t->error, 0.10);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 1.5 * s);
  set_color (cr, valid ? t->accent : t->error, 0.8);
  cairo_stroke (cr);

  _cl_network_set_font (cr, 12 * s, FALSE);
  set_color (cr, t->dim, 1);
  text_centered (cr, _("Total"), cx, l->center_y - 16 * s);
  g_autofree char *count = valid ? cl_format_count (total) : g_strdup ("—");
  _cl_network_set_font (cr, 19 * s, TRUE);
  set_color (cr, t->fg, 1);
  text_centered (cr, count, cx, l->center_y + 6 * s);
  _cl_network_set_font (cr, 12 * s, FALSE);
  set_color (cr, t->dim, 1);
  text_centered (cr, g_dngettext (NULL, "parameter", "parameters", total > 1 ? 2 : 1), cx,
                 l->center_y + 24 * s);
  if (valid)
    {
      g_autofree char *shape = _cl_network_shape_text (view->info[l->n - 1].out);
      draw_column_text (cr, t, l, cx, _("Output"), shape, NULL, FALSE);
    }
}

static void
draw_selection (cairo_t *cr, const Theme *t, const Layout *l, int i)
{
  const Column *c = &l->cols[i];
  double s = l->s;

  rounded_rect (cr, c->x + 3 * s, 6 * s, c->w - 6 * s, l->text_y + 2.4 * LINE * s - 6 * s, 10 * s);
  set_color (cr, t->accent, t->dark ? 0.20 : 0.12);
  cairo_fill_preserve (cr);
  cairo_set_line_width (cr, 2 * s);
  set_color (cr, t->accent, 0.9);
  cairo_stroke (cr);
}

static void
draw_insertion (cairo_t *cr, const Theme *t, const Layout *l, int at)
{
  double s = l->s;
  double x = at < l->n ? l->cols[at].x : l->total.x;
  double top = 10 * s, bottom = l->text_y + 2 * LINE * s;

  set_color (cr, t->accent, 1);
  cairo_set_line_width (cr, 4 * s);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, x, top + 6 * s);
  cairo_line_to (cr, x, bottom);
  cairo_stroke (cr);
  cairo_move_to (cr, x - 8 * s, top);
  cairo_line_to (cr, x + 8 * s, top);
  cairo_line_to (cr, x, top + 10 * s);
  cairo_close_path (cr);
  cairo_fill (cr);
}

static void
draw_error (cairo_t *cr, const Theme *t, const ClNetworkView *view, const Layout *l)
{
  double s = l->s;
  double x = view->failed_layer >= 0 && view->failed_layer < l->n
               ? l->cols[view->failed_layer].x + 6 * s : l->input.x + 6 * s;
  double width = ERROR_WIDTH * s;

  /* Beside its block, but inside the picture. */
  x = MIN (x, l->width - MARGIN * s - width);
  x = MAX (x, MARGIN * s);
  _cl_network_set_font (cr, 12.5 * s, view->failed_layer >= 0);
  set_color (cr, view->failed_layer >= 0 ? t->error_text : t->dim, 1);
  text_wrapped (cr, view->error_message, x, l->error_y + 12 * s, width, 16 * s, 2);
}

/* Under the total, ending at its right edge: what the network still needs. */
static void
draw_hint (cairo_t *cr, const Theme *t, const ClNetworkView *view, const Layout *l)
{
  double s = l->s, width = ERROR_WIDTH * s;
  double x = l->total.x + l->total.w - width;

  x = MAX (x, MARGIN * s);
  _cl_network_set_font (cr, 12.5 * s, FALSE);
  set_color (cr, t->dim, 1);
  text_wrapped (cr, view->hint, x, l->error_y + 12 * s, width, 16 * s, 2);
}

static void
draw_empty_hint (cairo_t *cr, const Theme *t, const Layout *l)
{
  double s = l->s, x = l->total.x - 4 * s, w = 260 * s, h = 110 * s;

  rounded_rect (cr, x, l->center_y - h / 2, w, h, 12 * s);
  double dash[] = { 6 * s, 4 * s };
  cairo_set_dash (cr, dash, 2, 0);
  cairo_set_line_width (cr, 2 * s);
  set_color (cr, t->dim, 0.6);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  _cl_network_set_font (cr, 13 * s, FALSE);
  set_color (cr, t->dim, 1);
  text_wrapped (cr, _("Drag layers here from the palette, or pick an example."),
                x + 16 * s, l->center_y - 6 * s, w - 32 * s, 18 * s, 3);
}

void
cl_render_network_export (cairo_t *cr, const ClNetworkView *view, const ClRenderStyle *style,
                          double width, double height)
{
  Theme t;

  g_return_if_fail (cr != NULL && view != NULL && style != NULL);
  /* The canvas widget paints its own background; a PNG needs one. */
  theme_init (&t, style->dark);
  if (!style->transparent)
    {
      cairo_save (cr);
      set_color (cr, t.bg, 1);
      cairo_rectangle (cr, 0, 0, width, height);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  cl_render_network (cr, view, width, height);
}

void
cl_render_network (cairo_t *cr, const ClNetworkView *view, double width, double height)
{
  Theme t;
  Layout l;

  g_return_if_fail (cr != NULL && view != NULL && view->spec != NULL);
  theme_init (&t, view->dark);
  _cl_network_layout_compute (view, width, height, &l);

  cairo_save (cr);
  cairo_translate (cr, l.ox, l.oy);

  if (view->selected >= 0 && view->selected < l.n)
    {
      cairo_save (cr);
      cairo_translate (cr, 0, l.cols[view->selected].dy);
      draw_selection (cr, &t, &l, view->selected);
      cairo_restore (cr);
    }

  if (l.neurons)
    draw_neuron_links (cr, &t, view, &l);
  else
    {
      const Column *prev = &l.input;
      for (int i = 0; i <= l.n; i++)
        {
          const Column *c = i < l.n ? &l.cols[i] : &l.total;
          double a0, a1, b0, b1;
          if (i == l.n && l.n == 0)
            break;
          column_extent (&l, prev, &a0, &a1);
          if (c == &l.total)
            b0 = _cl_network_column_cx (c) - (l.total.w - 16 * l.s) / 2 - 4 * l.s;
          else
            column_extent (&l, c, &b0, &b1);
          cairo_save (cr);
          if (prev->dy == c->dy)
            {
              cairo_translate (cr, 0, c->dy);
              draw_flow_arrow (cr, &t, &l, a1, b0);
            }
          else
            {
              /* Out of the end of one row, into the start of the next. */
              cairo_translate (cr, 0, prev->dy);
              draw_flow_arrow (cr, &t, &l, a1, prev->x + prev->w);
              cairo_translate (cr, 0, c->dy - prev->dy);
              draw_flow_arrow (cr, &t, &l, 2 * l.s, b0);
            }
          cairo_restore (cr);
          prev = c;
        }
    }

  cairo_save (cr);
  cairo_translate (cr, 0, l.input.dy);
  draw_input (cr, &t, view, &l);
  cairo_restore (cr);
  for (int i = 0; i < l.n; i++)
    {
      cairo_save (cr);
      cairo_translate (cr, 0, l.cols[i].dy);
      draw_layer (cr, &t, view, &l, i);
      cairo_restore (cr);
    }
  if (l.neurons)
    draw_neuron_masks (cr, &t, view, &l);
  cairo_save (cr);
  cairo_translate (cr, 0, l.total.dy);
  if (l.n == 0)
    draw_empty_hint (cr, &t, &l);
  else
    draw_total (cr, &t, view, &l);
  cairo_restore (cr);
  if (view->hint != NULL && view->error_message == NULL && l.n > 0)
    {
      cairo_save (cr);
      cairo_translate (cr, 0, l.total.dy);
      draw_hint (cr, &t, view, &l);
      cairo_restore (cr);
    }
  if (view->error_message != NULL && l.n > 0)
    {
      int f = view->failed_layer;
      cairo_save (cr);
      cairo_translate (cr, 0, f >= 0 && f < l.n ? l.cols[f].dy : l.input.dy);
      draw_error (cr, &t, view, &l);
      cairo_restore (cr);
    }
  if (view->insertion >= 0 && view->insertion <= l.n)
    {
      /* At the start of the column it goes before, or after the last one. */
      cairo_save (cr);
      cairo_translate (cr, 0, view->insertion < l.n ? l.cols[view->insertion].dy : l.total.dy);
      draw_insertion (cr, &t, &l, view->insertion);
      cairo_restore (cr);
    }

  cairo_restore (cr);
  _cl_network_layout_clear (&l);
}
