/* render-activations.h — one probe sample through the network: the input
 * image on the left, every layer's output in order (maps as small images,
 * each on its own scale; vectors as bars), and the prediction with the
 * class probabilities on the right.
 */
#pragma once

#include <cairo.h>

#include "engine/snapshot.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  int probe;                         /* which probe sample, from 0 */
  const char * const *class_names;   /* n_classes names (translated), or NULL: numbers */
  int layer, map;                    /* layer ≥ 0: only that layer's map, large, with its
                                      * values and scale (what a click shows); default -1 */
} ClRenderActivationsOptions;

void     cl_render_activations_options_init (ClRenderActivationsOptions *options);

/* FALSE when the snapshot carries no probe (a message says so). */
gboolean cl_render_activations (cairo_t *cr, const ClSnapshot *snapshot,
                                const ClRenderActivationsOptions *options, int width, int height);

/* For the panel's clicks: the map under (x, y) of the overview drawn with
 * these options at this size; FALSE when (x, y) is on no map. */
/* Where map `map` of layer `layer` is drawn in the picture of every layer
 * at this size: top-left corner and side; FALSE when it is not drawn. */
gboolean cl_render_activations_map_rect (const ClSnapshot *snapshot,
                                         const ClRenderActivationsOptions *options, int width,
                                         int height, int layer, int map, double *x, double *y,
                                         double *side);

gboolean cl_render_activations_hit (const ClSnapshot *snapshot,
                                    const ClRenderActivationsOptions *options, int width,
                                    int height, double x, double y, int *layer, int *map);

G_END_DECLS
