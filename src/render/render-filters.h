/* render-filters.h — the kernels of the Conv2D layers.
 *
 * First layer: one tile per filter (in colour when the input has three
 * channels).  Deeper layers: one row per filter, one tile per input channel.
 * Diverging colours centred on zero, a symmetric scale per layer and its
 * legend.  Optionally each first-layer tile carries its fitted Gabor
 * function (stripe direction and R²).  With `filter` ≥ 0 one filter is
 * drawn large with its values written in the cells.
 */
#pragma once

#include <cairo.h>

#include "engine/snapshot.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  int layer;          /* a Conv2D layer's index in the network, or -1: all of them */
  gboolean gabor;     /* overlay the Gabor fit on first-layer tiles */
  int filter;         /* ≥ 0: that filter of `layer` (first Conv2D when -1) large, with numbers */
} ClRenderFiltersOptions;

void     cl_render_filters_options_init (ClRenderFiltersOptions *options);

/* FALSE when the network has no Conv2D layer (a message says so). */
gboolean cl_render_filters (cairo_t *cr, const ClSnapshot *snapshot,
                            const ClRenderFiltersOptions *options, int width, int height);

/* Tile geometry of the last grid drawn, for the panel's clicks: which
 * filter is at (x, y) of a picture of this size, or -1. */
int      cl_render_filters_hit     (const ClSnapshot *snapshot, const ClRenderFiltersOptions *options,
                                    int width, int height, double x, double y);

G_END_DECLS
