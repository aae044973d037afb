/* render-layer-stats.h — inside training, per layer (the Gradients panel
 * and `convlab-cli train --gradients`): each layer's gradient norm over
 * the steps on a log scale, one colour per layer; the histograms of the
 * chosen layer's weights and gradients now; and for each ReLU, sigmoid or
 * tanh layer a bar of its dead or saturated units over the last batch
 * (engine/layer-stats.h defines them).
 */
#pragma once

#include <cairo.h>

#include "engine/snapshot.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  /* Whose histograms: the index among the layers with parameters (0 the
   * first Dense or Conv2D); clamped to the last. */
  int layer;
} ClRenderLayerStatsOptions;

void     cl_render_layer_stats_options_init (ClRenderLayerStatsOptions *options);

/* "Dense #3": how the picture and the panel's chooser name a layer (its
 * kind and its 1-based place in the network, as the explorers do). */
char    *cl_render_layer_stats_layer_name   (const ClSnapshot *snapshot, int layer);

/* FALSE (a message drawn) when the snapshot has no statistics or the
 * network no layer with parameters. */
gboolean cl_render_layer_stats (cairo_t *cr, const ClSnapshot *snapshot,
                                const ClRenderLayerStatsOptions *options, int width, int height);

G_END_DECLS
