/* render-descent.h — the Gradient Descent explorer's picture: a curve
 * (1D) or a contour map (2D) with the paths of one to three optimisers
 * from the same start, the learning rate's regime, and the numbers of
 * each path's last step written out. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "engine/descent.h"
#include "render/render-style.h"

G_BEGIN_DECLS

#define CL_RENDER_DESCENT_MAX_PATHS 3

typedef struct
{
  ClRenderStyle style;
  ClDescentFunction function;
  float start[2]; /* where the paths start: the handle the user drags */
  double lr;      /* the learning rate, for the regime line */
  /* Drawn in the palette's series colours in this order, one legend
   * line each; they start at `start` and are not owned. */
  const ClDescentPath *paths[CL_RENDER_DESCENT_MAX_PATHS];
  int n_paths;
} ClRenderDescentOptions;

void cl_render_descent_options_init (ClRenderDescentOptions *options);

gboolean cl_render_descent (cairo_t *cr, const ClRenderDescentOptions *options, int width,
                            int height);

/* Where the picture puts its plot at this size: pixels to the function's
 * coordinates and back (x and y in 2D; x and f(x) in 1D), for a drag's
 * hit test and the tests' pixel checks.  FALSE when too small to plot. */
typedef struct
{
  double x, y, w, h;     /* the plot in picture pixels */
  double x0, x1, y0, y1; /* the data it spans (y: f in 1D) */
} ClRenderDescentArea;

gboolean cl_render_descent_area (const ClRenderDescentOptions *options, int width, int height,
                                 ClRenderDescentArea *area);
void cl_render_descent_to_pixel (const ClRenderDescentArea *area, double x, double y, double *px,
                                 double *py);
void cl_render_descent_from_pixel (const ClRenderDescentArea *area, double px, double py, double *x,
                                   double *y);

/* Names for people, translated: "Gradient descent", "Round bowl". */
const char *cl_render_descent_optimiser_name (ClOptimKind kind);
const char *cl_render_descent_function_name (ClDescentFunction f);
const char *cl_render_descent_formula (ClDescentFunction f);
const char *cl_render_descent_regime_name (ClDescentRegime regime);
/* The line under the title: η, its regime and the rate where it diverges. */
char *cl_render_descent_regime_text (ClDescentFunction f, double lr);
/* The path's last step in words and numbers: x, the gradient there, the
 * update the optimiser made, the new x and f(x), the step number; or the
 * start, or where it diverged. */
char *cl_render_descent_step_text (const ClDescentPath *path);

G_END_DECLS
