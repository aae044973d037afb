/* render-init-compare.h — the zero-versus-random lesson: two copies of
 * one small network trained side by side, each column with its
 * initialisation, step and accuracy, its hidden layers' weight matrices
 * (one row per unit: identical rows are identical units) and what each
 * unit computes over the plane (render-units.c).
 */
#pragma once

#include <cairo.h>

#include "engine/dataset.h"
#include "engine/snapshot.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  const ClDataset *data;     /* the plane's extent; may be NULL */
  const char *titles[2];     /* each column's initialisation, translated */
} ClRenderInitCompareOptions;

void     cl_render_init_compare_options_init (ClRenderInitCompareOptions *options);

/* TRUE when, in every hidden Dense layer of the snapshot's network (every
 * Dense but the last), all units have the same weights and bias, bit for
 * bit: what the picture says under each column. */
gboolean cl_render_init_units_identical (const ClSnapshot *snapshot);

/* Either snapshot may be NULL (its column says it has not started).
 * FALSE only for an empty size. */
gboolean cl_render_init_compare (cairo_t *cr, const ClSnapshot *left, const ClSnapshot *right,
                                 const ClRenderInitCompareOptions *options, int width,
                                 int height);

G_END_DECLS
