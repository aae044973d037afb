/* render-units.h — what each hidden unit of a small 2D network computes:
 * for every layer but the last, each unit's output over the input plane as
 * a small map (TensorFlow Playground's neurons), so the class sees how the
 * first layer cuts the plane in half-planes and the next ones combine them.
 */
#pragma once

#include <cairo.h>

#include "engine/dataset.h"
#include "engine/snapshot.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  const ClDataset *data;   /* the plane's extent; may be NULL: [-1.5, 1.5]² */
  int resolution;          /* grid cells per side of each map; 0: 48 */
} ClRenderUnitsOptions;

void     cl_render_units_options_init (ClRenderUnitsOptions *options);

/* FALSE unless the network has 2 inputs and a hidden layer (a message
 * says so). */
gboolean cl_render_units (cairo_t *cr, const ClSnapshot *snapshot,
                          const ClRenderUnitsOptions *options, int width, int height);

G_END_DECLS
