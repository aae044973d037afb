/* render-gallery.h — test samples with their predictions, worst first: a
 * grid of images, each with what the network said (red when wrong) and the
 * truth.  Draws a ClGallery (engine/gallery.h).
 */
#pragma once

#include <cairo.h>

#include "engine/gallery.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  const char * const *class_names;   /* translated, or NULL: numbers */
} ClRenderGalleryOptions;

void     cl_render_gallery_options_init (ClRenderGalleryOptions *options);

/* FALSE for an empty or missing gallery (a message says so). */
gboolean cl_render_gallery (cairo_t *cr, const ClGallery *gallery,
                            const ClRenderGalleryOptions *options, int width, int height);

G_END_DECLS
