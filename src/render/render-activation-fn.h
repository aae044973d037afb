/* render-activation-fn.h — one activation function as on the slide: f and
 * f′ over a range of x, their formulas written out, the flat regions of f′
 * shaded (saturation, dead ReLU), and optionally the histogram of the
 * inputs a layer of the network really receives, under the curve.  Softmax,
 * a function of a vector, is drawn as bars: its inputs, its outputs and the
 * diagonal of its Jacobian.
 *
 * The values are the engine's (engine/activation.h): the curve is what the
 * layer computes.  The Activation Functions explorer, its Export PNG and
 * the network canvas's tooltip all draw through cl_render_activation_fn.
 */
#pragma once

#include <cairo.h>

#include "engine/activation.h"
#include "engine/snapshot.h"
#include "render/render-style.h"

G_BEGIN_DECLS

/* Ten: a classifier of ten classes shows its whole output. */
#define CL_ACTIVATION_FN_MAX_INPUTS 10

typedef struct {
  ClActivationParams fn;
  double x_min, x_max;        /* the x range plotted, x_min < x_max */
  /* Softmax: its input vector z */
  int n_inputs;               /* 2 .. CL_ACTIVATION_FN_MAX_INPUTS */
  double inputs[CL_ACTIVATION_FN_MAX_INPUTS];
  /* The inputs a layer receives (NULL: no histogram), drawn under the
   * curve; `samples_caption` says whose they are. */
  const float *samples;
  gsize n_samples;
  const char *samples_caption;
  /* The pointer's x: a cursor with x, f(x), f′(x) written out. */
  gboolean hover;
  double hover_x;
  /* Small (a tooltip): f alone, no formulas, no f′ panel. */
  gboolean compact;
} ClActivationFnView;

/* The course's defaults: sigmoid on [−6, 6], softmax inputs (2, 1, 0.1). */
void     cl_activation_fn_view_init (ClActivationFnView *view, ClActivation kind);

/* A plot's rectangle in the picture and the data range it maps. */
typedef struct {
  double x, y, w, h;
  double x0, x1, y0, y1;
} ClActivationFnPlot;

typedef struct {
  ClActivationFnPlot f;       /* f(x), and the histogram under it */
  ClActivationFnPlot df;      /* f′(x); w = 0 when compact */
} ClActivationFnLayout;

/* Where the picture of `view` at that size puts its plots (not for
 * softmax); what the widget's pointer and the tests map through. */
void     cl_activation_fn_layout    (const ClActivationFnView *view, const ClRenderStyle *style,
                                     int width, int height, ClActivationFnLayout *layout);
double   cl_activation_fn_plot_px   (const ClActivationFnPlot *plot, double x);
double   cl_activation_fn_plot_py   (const ClActivationFnPlot *plot, double y);
double   cl_activation_fn_plot_x_at (const ClActivationFnPlot *plot, double px);

typedef enum {
  CL_FLAT_DEAD,        /* f′ = 0 exactly: no gradient passes (dead ReLU) */
  CL_FLAT_SATURATED,   /* a smooth f′ under 5 % of its largest value */
} ClFlatKind;

typedef struct {
  double x0, x1;
  ClFlatKind kind;
} ClFlatRegion;

/* The flat regions of f′ over [x_min, x_max], left to right (at most
 * `max`): returns how many. */
int      cl_activation_fn_flat_regions (const ClActivationFnView *view, ClFlatRegion *regions,
                                        int max);

/* Counts the finite samples into `n_bins` equal bins over [x0, x1];
 * samples outside go to the end bins, so the bars sum to the number of
 * finite samples, which is returned. */
gsize    cl_activation_fn_histogram (const float *samples, gsize n, double x0, double x1,
                                     guint *counts, int n_bins);
/* The bins the picture draws over its x range. */
#define CL_ACTIVATION_FN_BINS 40

/* An x range that shows where most samples fall (their 1st to 99th
 * percentiles, and 0), rounded out; [−6, 6] when there are none. */
void     cl_activation_fn_fit_range (const float *samples, gsize n, double *x_min, double *x_max);

/* Layer `layer` of the snapshot's design with the inputs its probe
 * samples gave it (the previous layer's output, or the input): its
 * function and settings (PReLU: the mean of its learned slopes), and the
 * samples (pointers into the snapshot: keep a reference while drawing) or,
 * for Softmax, the first probe's input vector.  FALSE, view untouched,
 * when that layer is not an activation.  *caption (may be NULL) gets its
 * name as the editor shows it, "ReLU #3", to free. */
gboolean cl_activation_fn_view_set_layer (ClActivationFnView *view, const ClSnapshot *snapshot,
                                          int layer, char **caption);

/* FALSE when there is nothing to draw (an empty size). */
gboolean cl_render_activation_fn    (cairo_t *cr, const ClActivationFnView *view,
                                     const ClRenderStyle *style, int width, int height);

G_END_DECLS
