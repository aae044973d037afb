/* render-decision.h — what a small network learnt on a toy set.
 *
 * 2D classification: the decision regions as a heat map over the plane
 * (TensorFlow Playground's picture), the data points over it.  1D
 * regression: the fitted curve over the noisy points.  The network is
 * compiled from the snapshot and evaluated on a grid at every call: these
 * nets are tiny, a 100×100 grid is a millisecond.
 */
#pragma once

#include <cairo.h>

#include "engine/dataset.h"
#include "engine/snapshot.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  const ClDataset *data;   /* the points to draw and the plane's extent; may be NULL */
  int resolution;          /* grid cells per side (2D) or curve points (1D); 0: 120 */
} ClRenderDecisionOptions;

void     cl_render_decision_options_init (ClRenderDecisionOptions *options);

/* TRUE when the network has 2 inputs (classification) or 1 input and 1
 * output (regression); FALSE otherwise, with a message saying why. */
gboolean cl_render_decision (cairo_t *cr, const ClSnapshot *snapshot,
                             const ClRenderDecisionOptions *options, int width, int height);

/* Where a network with 2 inputs has its regions drawn at this size: the
 * square's top-left corner and side; FALSE when there is no room. */
gboolean cl_render_decision_plot_rect (const ClRenderDecisionOptions *options, int width,
                                       int height, double *x, double *y, double *side);

G_END_DECLS
