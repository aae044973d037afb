/* render-network-layout.c — where each column of the network picture goes,
 * measured with the font the picture uses; the sizing and hit-testing
 * functions of render-network.h, which must agree with the drawing. */
#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "render/render-network-private.h"
#include "render/render-private.h"

void
cl_network_view_init (ClNetworkView *view, const ClNetSpec *spec)
{
  memset (view, 0, sizeof *view);
  view->spec = spec;
  view->failed_layer = -1;
  view->selected = -1;
  view->insertion = -1;
  view->zoom = 1.0;
}

gboolean
_cl_network_is_badge_kind (const ClLayerKind *kind)
{
  return kind->group == CL_LAYER_GROUP_ACTIVATION || g_str_equal (kind->name, "Dropout")
         || g_str_equal (kind->name, "BatchNorm");
}

static ClShape
layer_shape (const ClNetworkView *view, int i)
{
  return view->info != NULL ? view->info[i].out : (ClShape) { 0, 0, 0 };
}

/* The neuron view: a vector input and dense layers small enough to draw
 * every unit, as the slides on the artificial neuron do. */
static gboolean
wants_neurons (const ClNetworkView *view)
{
  ClShape in = cl_net_spec_get_input (view->spec);
  int n = cl_net_spec_get_n_layers (view->spec);

  if (n == 0 || view->info == NULL || in.h != 1 || in.w != 1 || in.c > MAX_NEURONS)
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      const ClLayerKind *kind = cl_net_spec_get_layer_kind (view->spec, i);
      ClShape out = layer_shape (view, i);
      if (!g_str_equal (kind->name, "Dense") && !_cl_network_is_badge_kind (kind))
        return FALSE;
      if (out.c < 1 || out.c > MAX_NEURONS || out.h != 1 || out.w != 1)
        return FALSE;
    }
  return TRUE;
}

static char *layer_title (const ClNetSpec *spec, int i);

/* The three lines under layer i: title, output shape (NULL when a
 * value-wise layer keeps its input's), parameter count (NULL for none). */
void
_cl_network_layer_texts (const ClNetworkView *view, int i, char **title, char **shape, char **params)
{
  ClShape out = layer_shape (view, i);
  ClShape before = i > 0 ? layer_shape (view, i - 1) : cl_net_spec_get_input (view->spec);
  const ClLayerKind *kind = cl_net_spec_get_layer_kind (view->spec, i);

  *title = layer_title (view->spec, i);
  *shape = NULL;
  *params = NULL;
  if (out.c > 0 && !(_cl_network_is_badge_kind (kind) && out.c == before.c && out.h == before.h
                     && out.w == before.w))
    *shape = _cl_network_shape_text (out);
  if (view->info != NULL && view->info[i].n_params > 0)
    {
      g_autofree char *count = cl_format_count (view->info[i].n_params);
      /* Translators: under a layer; %s is a number of trained values. */
      *params = g_strdup_printf (g_dngettext (NULL, "%s param.", "%s params.",
                                              view->info[i].n_params > 1 ? 2 : 1), count);
    }
}

/* The widest of the lines under a column, measured with the font the
 * picture uses, so no two columns' texts overlap. */
static double
texts_width (cairo_t *cr, double s, const char *title, const char *shape, const char *params)
{
  cairo_text_extents_t e;
  double w = 0;

  _cl_network_set_font (cr, 13 * s, TRUE);
  cairo_text_extents (cr, title, &e);
  w = e.x_advance;
  _cl_network_set_font (cr, 12 * s, FALSE);
  if (shape != NULL)
    {
      cairo_text_extents (cr, shape, &e);
      w = MAX (w, e.x_advance);
    }
  if (params != NULL)
    {
      cairo_text_extents (cr, params, &e);
      w = MAX (w, e.x_advance);
    }
  return w;
}

static double
clampd (double v, double lo, double hi)
{
  return v < lo ? lo : v > hi ? hi : v;
}

static void
size_block (Column *c, ClShape shape, double s)
{
  if (shape.h > 1 || shape.w > 1)
    {
      c->bw = s * clampd (10 + 2.8 * shape.w, 20, 90);
      c->bh = s * clampd (10 + 2.8 * shape.h, 20, 90);
      c->depth = s * MIN (36.0, 6.0 * log2 (1.0 + shape.c));
    }
  else
    {
      /* A vector: a bar whose height grows with the log of its length. */
      c->bw = s * 20;
      c->bh = s * clampd (22 + 15 * log2 (1.0 + shape.c), 26, 120);
      c->depth = 0;
    }
}

/* A network wider than the picture continues on the next row, as text
 * does: the text stays readable on a projector instead of shrinking. */
static void
wrap_rows (Layout *l, double width)
{
  double margin = MARGIN * l->s, x = margin, widest = 0;
  int row = 0;

  for (int i = -1; i <= l->n; i++)
    {
      Column *c = i < 0 ? &l->input : i < l->n ? &l->cols[i] : &l->total;
      if (x + c->w > width - margin && x > margin + 1)
        {
          widest = MAX (widest, x);
          row++;
          x = margin;
        }
      c->x = x;
      c->dy = row * l->row_h;
      x += c->w;
    }
  l->width = MAX (widest, x) + margin;
  l->n_rows = row + 1;
}

void
_cl_network_layout_compute (const ClNetworkView *view, double width, double height, Layout *l)
{
  double s = view->zoom > 0 ? view->zoom : 1.0;
  ClShape in = cl_net_spec_get_input (view->spec);

  memset (l, 0, sizeof *l);
  l->s = s;
  l->n = cl_net_spec_get_n_layers (view->spec);
  l->cols = g_new0 (Column, l->n);
  l->neurons = wants_neurons (view);

  double area = BLOCK_AREA;
  if (l->neurons)
    {
      int most = in.c;
      for (int i = 0; i < l->n; i++)
        most = MAX (most, layer_shape (view, i).c);
      area = MAX (area, most * NEURON_STEP + 20);
    }

  /* Only to measure text. */
  cairo_surface_t *scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 1, 1);
  cairo_t *cr = cairo_create (scratch);

  double x = MARGIN * s;
  l->input.style = l->neurons ? STYLE_NEURONS : STYLE_INPUT;
  l->input.neurons = in.c;
  size_block (&l->input, in, s);
  l->input.x = x;
  l->input.w = l->neurons ? 80 * s : MAX (88 * s, l->input.bw + l->input.depth * 0.7 + 20 * s);
  if (view->input_label != NULL)
    l->input.w = MAX (l->input.w, texts_width (cr, s, "", NULL, view->input_label) + 14 * s);
  x += l->input.w;

  for (int i = 0; i < l->n; i++)
    {
      Column *c = &l->cols[i];
      const ClLayerKind *kind = cl_net_spec_get_layer_kind (view->spec, i);
      ClShape out = layer_shape (view, i);
      gboolean known = out.c > 0;

      if (l->neurons)
        {
          c->style = STYLE_NEURONS;
          c->neurons = out.c;
          c->w = (_cl_network_is_badge_kind (kind) ? 64 : 80) * s;
        }
      else if (_cl_network_is_badge_kind (kind))
        {
          c->style = STYLE_BADGE;
          c->bw = c->bh = 2 * BADGE_R * s;
          c->w = 56 * s;
        }
      else if (!known)
        {
          c->style = STYLE_UNKNOWN;
          c->bw = c->bh = 46 * s;
          c->w = 72 * s;
        }
      else
        {
          c->style = out.h > 1 || out.w > 1 ? STYLE_BOX : STYLE_BAR;
          size_block (c, out, s);
          c->w = MAX (64 * s, c->bw + c->depth * 0.7 + 20 * s);
        }
      g_autofree char *title = NULL, *shape = NULL, *params = NULL;
      _cl_network_layer_texts (view, i, &title, &shape, &params);
      c->w = MAX (c->w, texts_width (cr, s, title, shape, params) + 14 * s);
      c->x = x;
      x += c->w;
    }
  l->total.x = x;
  l->total.w = (l->n == 0 ? 280 : 130) * s;  /* empty: room for the hint */
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);
  x += l->total.w + MARGIN * s;

  l->width = x;
  l->center_y = (MARGIN + area / 2) * s;
  l->text_y = (MARGIN + area + 18) * s;
  l->error_y = l->text_y + 2.6 * LINE * s;
  l->bottom = l->error_y + ERROR_AREA * s;
  l->row_h = l->bottom;
  l->n_rows = 1;
  if (width > 0 && l->width > width && !l->neurons)
    wrap_rows (l, width);
  l->height = l->n_rows * l->row_h + MARGIN * s;
  l->ox = MAX (0.0, floor ((width - l->width) / 2));
  l->oy = MAX (0.0, floor ((height - l->height) / 2));
}

void
_cl_network_layout_clear (Layout *l)
{
  g_clear_pointer (&l->cols, g_free);
}

double
cl_render_network_get_height_for_width (const ClNetworkView *view, double width)
{
  Layout l;
  _cl_network_layout_compute (view, width, 0, &l);
  double height = ceil (l.height);
  _cl_network_layout_clear (&l);
  return height;
}

void
cl_render_network_get_size (const ClNetworkView *view, double *width, double *height)
{
  Layout l;
  _cl_network_layout_compute (view, 0, 0, &l);
  if (width != NULL)
    *width = ceil (l.width);
  if (height != NULL)
    *height = ceil (l.height);
  _cl_network_layout_clear (&l);
}

int
cl_render_network_layer_at (const ClNetworkView *view, double width, double height,
                            double x, double y)
{
  Layout l;
  int found = -1;

  _cl_network_layout_compute (view, width, height, &l);
  x -= l.ox;
  y -= l.oy;
  for (int i = 0; i < l.n; i++)
    if (x >= l.cols[i].x && x < l.cols[i].x + l.cols[i].w && y >= l.cols[i].dy
        && y <= l.cols[i].dy + l.error_y)
      found = i;
  _cl_network_layout_clear (&l);
  return found;
}

int
cl_render_network_insertion_at (const ClNetworkView *view, double width, double height,
                                double x, double y)
{
  Layout l;
  int at = -1, last = -1;

  _cl_network_layout_compute (view, width, height, &l);
  x -= l.ox;
  y -= l.oy;
  /* The row under the pointer; before the middle of a column goes before it. */
  double row_dy = CLAMP (floor (y / l.row_h), 0, l.n_rows - 1) * l.row_h;
  for (int i = 0; i < l.n && at < 0; i++)
    if (l.cols[i].dy == row_dy)
      {
        if (x < l.cols[i].x + l.cols[i].w / 2)
          at = i;
        last = i;
      }
  if (at < 0)
    at = last >= 0 ? last + 1 : l.input.dy == row_dy ? 0 : l.n;
  _cl_network_layout_clear (&l);
  return at;
}

gboolean
cl_render_network_layer_bounds (const ClNetworkView *view, double width, double height, int i,
                                double *x, double *y, double *w, double *h)
{
  Layout l;

  _cl_network_layout_compute (view, width, height, &l);
  gboolean ok = i >= 0 && i < l.n;
  if (ok)
    {
      *x = l.ox + l.cols[i].x;
      *y = l.oy + l.cols[i].dy;
      *w = l.cols[i].w;
      *h = l.error_y;
    }
  _cl_network_layout_clear (&l);
  return ok;
}

void
_cl_network_set_font (cairo_t *cr, double size, gboolean bold)
{
  cairo_select_font_face (cr, "Sans", CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
  _cl_render_note_text (cr, size);
}

char *
_cl_network_shape_text (ClShape s)
{
  if (s.h == 1 && s.w == 1)
    return g_strdup_printf ("%d", s.c);
  return g_strdup_printf ("%d×%d×%d", s.c, s.h, s.w);
}

/* "Conv2D 5×5", "MaxPool2D 2×2": the window is what the slides name. */
static char *
layer_title (const ClNetSpec *spec, int i)
{
  const ClLayerKind *kind = cl_net_spec_get_layer_kind (spec, i);
  int k = cl_layer_kind_find_setting (kind, "kernel");

  if (k < 0)
    k = cl_layer_kind_find_setting (kind, "size");
  if (k >= 0)
    {
      int v = (int) cl_net_spec_get_settings (spec, i)[k];
      return g_strdup_printf ("%s %d×%d", _(kind->label), v, v);
    }
  return g_strdup (_(kind->label));
}

/* ---- positions the drawing shares ------------------------------------ */

double
_cl_network_neuron_y (const Layout *l, int k, int n)
{
  return l->center_y + (k - (n - 1) / 2.0) * NEURON_STEP * l->s;
}

double
_cl_network_column_cx (const Column *c)
{
  return c->x + c->w / 2;
}

/* ---- dropout masks ------------------------------------------------------- */

const ClSnapshotLayer *
_cl_network_snapshot_layer (const ClNetworkView *view, int i)
{
  const ClSnapshot *snap = view->snapshot;
  int layers = cl_net_spec_get_n_layers (view->spec);

  if (snap == NULL || view->info == NULL || snap->n_layers != layers || i < 0 || i >= layers)
    return NULL;
  /* A snapshot of the design before an edit: its masks would cross the
   * wrong units and its weights colour the wrong links. */
  ClShape a = snap->layers[i].shape, b = view->info[i].out;
  if (a.c != b.c || a.h != b.h || a.w != b.w
      || (snap->spec != NULL
          && cl_net_spec_get_layer_kind (snap->spec, i) != cl_net_spec_get_layer_kind (view->spec, i)))
    return NULL;
  return &snap->layers[i];
}

const float *
_cl_network_mask (const ClNetworkView *view, int i, int *n)
{
  const ClSnapshotLayer *layer = _cl_network_snapshot_layer (view, i);

  *n = 0;
  if (layer == NULL || layer->dropout_mask == NULL || view->snapshot->n_masks < 1
      || !g_str_equal (cl_net_spec_get_layer_kind (view->spec, i)->name, "Dropout"))
    return NULL;
  *n = layer->shape.c * layer->shape.h * layer->shape.w;
  return layer->dropout_mask;
}

gboolean
cl_render_network_shows_snapshot (const ClNetworkView *view)
{
  int n = cl_net_spec_get_n_layers (view->spec), units;
  gboolean neurons = view->snapshot != NULL && wants_neurons (view);

  for (int i = 0; view->snapshot != NULL && i < n; i++)
    if (_cl_network_mask (view, i, &units) != NULL
        || (neurons && _cl_network_snapshot_layer (view, i) != NULL
            && g_str_equal (cl_net_spec_get_layer_kind (view->spec, i)->name, "Dense")))
      return TRUE;
  return FALSE;
}

void
_cl_network_mask_grid (const Layout *l, const Column *c, int n, int *cells, int *cols, double *x0,
                       double *y0, double *cell)
{
  *cells = MIN (n, MASK_UNITS);
  *cols = (int) ceil (sqrt (*cells));
  *cell = MASK_CELL * l->s;
  *x0 = _cl_network_column_cx (c) - *cols * *cell / 2;
  *y0 = l->center_y + (BADGE_R + 5) * l->s;
}

gboolean
cl_render_network_unit_center (const ClNetworkView *view, double width, double height, int layer,
                               int unit, double *x, double *y)
{
  Layout l;
  gboolean ok = FALSE;

  g_return_val_if_fail (view != NULL && view->spec != NULL, FALSE);
  _cl_network_layout_compute (view, width, height, &l);
  if (layer >= -1 && layer < l.n && unit >= 0)
    {
      const Column *c = layer < 0 ? &l.input : &l.cols[layer];
      int n = 0;
      if (l.neurons && unit < c->neurons)
        {
          *x = l.ox + _cl_network_column_cx (c);
          *y = l.oy + c->dy + _cl_network_neuron_y (&l, unit, c->neurons);
          ok = TRUE;
        }
      else if (!l.neurons && layer >= 0 && _cl_network_mask (view, layer, &n) != NULL
               && c->style == STYLE_BADGE)
        {
          int cells, cols;
          double x0, y0, cell;
          _cl_network_mask_grid (&l, c, n, &cells, &cols, &x0, &y0, &cell);
          if (unit < cells)
            {
              *x = l.ox + x0 + (unit % cols + 0.5) * cell;
              *y = l.oy + c->dy + y0 + (unit / cols + 0.5) * cell;
              ok = TRUE;
            }
        }
    }
  _cl_network_layout_clear (&l);
  return ok;
}
