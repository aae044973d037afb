/* render-network.h — a network design drawn left to right, as the course's
 * slides draw it.
 *
 * The input image, then each layer as a block whose size hints at its output
 * volume (a box for channels x height x width, a bar for a vector, a round
 * badge with its curve for an activation), its output shape and parameter
 * count under it, and the total at the end.  Small dense networks (every
 * Dense at most 8 units, a vector input of at most 8 values) are drawn as
 * neurons and links instead, the links coloured by the weights when a
 * trained instance or a training snapshot is given (the snapshot's weights
 * first: they are the newest).  Given a training snapshot, the units its
 * Dropout layers silenced at the last step are crossed out: the neurons
 * feeding the Dropout in the neuron view, cells of a small unit grid under
 * the Dropout badge in the block view.
 *
 * The same function draws the editor's canvas and the PNG export; the
 * hit-testing helpers use the same layout, so the widget stays thin.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "render/number-format.h"

#include "engine/net.h"
#include "engine/snapshot.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  const ClNetSpec *spec;
  const ClLayerInfo *info;    /* n_layers entries from cl_net_spec_check, or NULL */
  int failed_layer;           /* drawn red, the message beside it; -1: none */
  const char *error_message;  /* shown under the failing block (under the input when
                               * no layer is at fault); NULL: none */
  const char *hint;           /* what an unfinished design still needs, in a neutral
                               * colour at the end; NULL: none */
  int selected;               /* highlighted layer; -1: none */
  int insertion;              /* insertion marker before layer i (n: at the end); -1: none */
  const char *input_label;    /* the data's name under the input: "Fashion-MNIST"; may be NULL */
  ClNet *trained;             /* the neuron view colours links by its weights; may be NULL */
  const ClSnapshot *snapshot; /* training: its first sample's dropout masks are crossed
                               * out (ignored when it is of another design); may be NULL */
  gboolean dark;              /* light text on a dark background */
  double zoom;                /* 1.0: sizes for a laptop screen; 2.0 for a projector */
} ClNetworkView;

/* Initialises a view of `spec` with nothing selected, zoom 1. */
void     cl_network_view_init          (ClNetworkView *view, const ClNetSpec *spec);

/* The size the picture needs at view->zoom, on one row. */
void     cl_render_network_get_size    (const ClNetworkView *view, double *width, double *height);
/* The height it needs in `width`: a network wider than that wraps onto
 * more rows, as text does, rather than shrinking its text. */
double   cl_render_network_get_height_for_width (const ClNetworkView *view, double width);

/* Draws into cr at (0, 0) - (width, height), centred when there is room,
 * wrapped onto rows when the width is too small for one. */
void     cl_render_network             (cairo_t *cr, const ClNetworkView *view,
                                        double width, double height);

/* For a PNG: the background of the style (none when transparent), then the
 * picture as cl_render_network() draws it. */
void     cl_render_network_export      (cairo_t *cr, const ClNetworkView *view,
                                        const ClRenderStyle *style, double width, double height);

/* The layer whose column is at (x, y) in a picture of that size; -1 for the
 * input, the total or empty space. */
int      cl_render_network_layer_at    (const ClNetworkView *view, double width, double height,
                                        double x, double y);

/* Where a layer dropped at (x, y) would go: 0 before the first layer ... n
 * after the last (the row is the one under y). */
int      cl_render_network_insertion_at (const ClNetworkView *view, double width, double height,
                                         double x, double y);

/* The rectangle of layer i's column (for scrolling it into view, drag icons). */
gboolean cl_render_network_layer_bounds (const ClNetworkView *view, double width, double height,
                                         int i, double *x, double *y, double *w, double *h);

/* Whether view->snapshot changes the picture (its masks, or its weights in
 * the neuron view): a widget redraws for a new snapshot only then. */
gboolean cl_render_network_shows_snapshot (const ClNetworkView *view);

/* Where unit `unit` of layer `layer` (-1: the input) is drawn: a neuron's
 * centre in the neuron view; in the block view, the centre of its cell in
 * a Dropout layer's mask grid (drawn only when the view has that layer's
 * mask).  FALSE when that unit is not drawn on its own. */
gboolean cl_render_network_unit_center  (const ClNetworkView *view, double width, double height,
                                         int layer, int unit, double *x, double *y);


G_END_DECLS
