/* render-race.h — runs side by side on one chart: each run's smoothed
 * training loss and test loss (and accuracy, for classification) against
 * epochs, one colour per run, a legend naming what differs ("Adam",
 * "η = 0,1").  Epochs, not steps, on the x axis: runs of different batch
 * sizes take different numbers of steps per epoch.
 */
#pragma once

#include <cairo.h>

#include "engine/snapshot.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  gboolean log_scale;       /* loss on a logarithmic axis */
  const char *title;        /* above the legend, e.g. "Optimiser" (NULL: none) */
} ClRenderRaceOptions;

void     cl_render_race_options_init (ClRenderRaceOptions *options);
/* `snapshots[i]` (NULL: the run has not started) is labelled `labels[i]`.
 * FALSE when no run has a history yet (a message says so). */
gboolean cl_render_race (cairo_t *cr, ClSnapshot *const *snapshots,
                         const char *const *labels, int n_runs,
                         const ClRenderRaceOptions *options, int width, int height);

G_END_DECLS
