/* render-confusion.h — the confusion matrix on the test set: counts in the
 * cells, colour by the fraction of the row (of the true class), so a class
 * with few samples reads as clearly as a big one.
 */
#pragma once

#include <cairo.h>

#include "engine/snapshot.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  const char * const *class_names;   /* n_classes names (translated), or NULL: numbers */
} ClRenderConfusionOptions;

void     cl_render_confusion_options_init (ClRenderConfusionOptions *options);

/* FALSE before a test evaluation or for regression (a message says so). */
gboolean cl_render_confusion (cairo_t *cr, const ClSnapshot *snapshot,
                              const ClRenderConfusionOptions *options, int width, int height);

G_END_DECLS
