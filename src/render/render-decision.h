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

/* The most hidden units whose parts the fitted curve draws one by one. */
#define CL_RENDER_DECISION_MAX_PARTS 16

/* For a network of one input, Dense(H) → activation → Dense(1): each
 * hidden unit's part of the output, w₂ⱼ · f(w₁ⱼ x + b₁ⱼ), at the n points
 * `xs`, into parts[j * n + i], and the output's bias; the output is their
 * sum plus the bias.  The activations are the engine's own (the layer's
 * forward).  FALSE for any other network, or more than
 * CL_RENDER_DECISION_MAX_PARTS units. */
gboolean cl_render_decision_parts (ClNet *net, const float *xs, int n, float *parts,
                                   int *n_units, float *bias);

G_END_DECLS
