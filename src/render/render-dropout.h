/* render-dropout.h — what Dropout silenced at the last training step: per
 * Dropout layer, the mask of a sample as a grid of units (dropped ones dark
 * and crossed), with the rate asked and the fraction really dropped.
 */
#pragma once

#include <cairo.h>

#include "engine/snapshot.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  int sample;     /* which of the snapshot's n_masks samples, from 0 */
} ClRenderDropoutOptions;

void     cl_render_dropout_options_init (ClRenderDropoutOptions *options);

/* FALSE when the network has no Dropout layer or no mask yet (a message
 * says which). */
gboolean cl_render_dropout (cairo_t *cr, const ClSnapshot *snapshot,
                            const ClRenderDropoutOptions *options, int width, int height);

G_END_DECLS
