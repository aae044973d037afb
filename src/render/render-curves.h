/* render-curves.h — how training went: the loss (each step faint, smoothed
 * bold) and the test loss per epoch on one step axis, and beside it the
 * training and test accuracy per epoch (classification only).
 */
#pragma once

#include <cairo.h>

#include "engine/snapshot.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  gboolean log_scale;       /* loss on a logarithmic axis */
  double steps_per_epoch;   /* places epoch points on the step axis; 0: from the snapshot */
} ClRenderCurvesOptions;

void     cl_render_curves_options_init (ClRenderCurvesOptions *options);

/* FALSE when there is no history yet (a message says so). */
gboolean cl_render_curves (cairo_t *cr, const ClSnapshot *snapshot,
                           const ClRenderCurvesOptions *options, int width, int height);

G_END_DECLS
