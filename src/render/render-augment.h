/* render-augment.h — a strip of augmented samples: one training image as
 * it is, then as the trainer redraws it in the epochs that follow (the
 * same draws, engine/augment.h: seed, epoch, sample index), each captioned
 * with its epoch.  What the class sees the network see.
 */
#pragma once

#include <cairo.h>

#include "engine/augment.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  ClAugmentSettings augment;
  guint64 seed;         /* the design's training seed */
  int first_epoch;      /* 0-based, as the trainer counts; captions say epoch + 1 */
  int count;            /* pictures, the original included (0: 8) */
} ClRenderAugmentOptions;

void     cl_render_augment_options_init (ClRenderAugmentOptions *options);

/* `image` is training sample `index` (C×H×W, values as the network gets
 * them).  FALSE when there is nothing to draw: no image, or not an image
 * (a message says so). */
gboolean cl_render_augment (cairo_t *cr, const float *image, int channels, int height, int width,
                            guint index, const ClRenderAugmentOptions *options, int w, int h);

G_END_DECLS
