/* render-network-private.h — the layout of the network picture, shared by
 * the drawing (render-network.c) and the hit-testing and sizing
 * (render-network-layout.c), so a click lands on what was drawn.
 * Not for use outside src/render. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "render/render-network.h"

G_BEGIN_DECLS

/* Every size below is in pixels at zoom 1 and multiplied by the zoom. */
#define MARGIN       16.0
#define BLOCK_AREA   120.0   /* height of the band the blocks are centred in */
#define LINE         17.0    /* text line spacing under the blocks */
#define ERROR_AREA   40.0    /* room for a two-line error message */
#define ERROR_WIDTH  340.0
#define BADGE_R      17.0
#define NEURON_R     13.0
#define NEURON_STEP  38.0
#define MAX_NEURONS  8       /* the neuron view's limit, as the slides draw them */
#define MASK_UNITS   64      /* a Dropout block's mask grid shows its first units, each
                              * a real unit rather than an average that hides the flicker */
#define MASK_CELL    5.0

typedef enum {
  STYLE_INPUT,
  STYLE_BOX,      /* channels x height x width */
  STYLE_BAR,      /* a vector */
  STYLE_BADGE,    /* a value-wise operation: activation, dropout, normalisation */
  STYLE_UNKNOWN,  /* after the failing layer: no shape */
  STYLE_NEURONS,
} Style;

typedef struct {
  Style style;
  double x, w;          /* the column, x within its row */
  double dy;            /* its row's offset: long networks wrap like text */
  double bw, bh, depth; /* the block: face and depth */
  int neurons;          /* STYLE_NEURONS */
} Column;

typedef struct {
  double s;             /* zoom */
  double ox, oy;        /* offset that centres the picture */
  double width, height; /* natural size */
  double center_y, text_y, error_y, bottom;  /* within a row */
  double row_h;
  int n_rows;
  int n;
  gboolean neurons;
  Column input, total;
  Column *cols;
} Layout;

/* Where every column goes for `view` in a picture of width x height (0: its
 * natural size); free with _cl_network_layout_clear. */
void     _cl_network_layout_compute (const ClNetworkView *view, double width, double height,
                                     Layout *l);
void     _cl_network_layout_clear   (Layout *l);

/* Activations, Dropout and BatchNorm: drawn as a round badge. */
gboolean _cl_network_is_badge_kind  (const ClLayerKind *kind);
/* The three lines under layer i (see render-network-layout.c). */
void     _cl_network_layer_texts    (const ClNetworkView *view, int i, char **title,
                                     char **shape, char **params);
char    *_cl_network_shape_text     (ClShape s);
void     _cl_network_set_font       (cairo_t *cr, double size, gboolean bold);

/* Layer i of the view's snapshot, or NULL when there is none or it is not
 * of this design (another shape or kind: the design was edited since). */
const ClSnapshotLayer *_cl_network_snapshot_layer (const ClNetworkView *view, int i);
/* The mask of the view's snapshot for Dropout layer i (first sample, n
 * units), or NULL when there is none or the snapshot is of another design. */
const float *_cl_network_mask       (const ClNetworkView *view, int i, int *n);
/* The mask grid under a Dropout badge (block view): `cells` cells in
 * `cols` columns of side `cell`, the first at (x0, y0), in row coordinates. */
void     _cl_network_mask_grid      (const Layout *l, const Column *c, int n, int *cells,
                                     int *cols, double *x0, double *y0, double *cell);

/* Centre x of a column; centre y of neuron k of n in the neuron view. */
double   _cl_network_column_cx      (const Column *c);
double   _cl_network_neuron_y       (const Layout *l, int k, int n);

G_END_DECLS
