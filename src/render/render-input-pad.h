/* render-input-pad.h — the Activations panel's drawing pad: the user's
 * input image (pixels in [0, 1], before normalisation) magnified in a
 * square with a frame, and the brush's outline where the pointer is.
 *
 * The pad widget maps the pointer to input pixels with the same geometry
 * the picture is drawn with (cl_render_input_pad_geometry), so a stroke
 * lands on the pixels under it at any size, zoom or presentation mode.
 */
#pragma once

#include <cairo.h>

#include "engine/layer-registry.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  gboolean show_brush;     /* draw the brush's outline at (brush_x, brush_y) */
  double brush_x, brush_y; /* in input pixels */
  double brush_radius;     /* in input pixels */
} ClRenderInputPadOptions;

/* Where the image goes in a width × height picture: its top-left corner
 * and the side of one input pixel (whole pixels, the image centred). */
void     cl_render_input_pad_geometry (ClShape in, int width, int height, double *x, double *y,
                                       double *cell);

/* `pixels` is in.c × in.h × in.w (1 channel grey, 3 RGB), 0 black and 1
 * white.  FALSE when there is nothing to draw (empty size or shape). */
gboolean cl_render_input_pad (cairo_t *cr, const float *pixels, ClShape in,
                              const ClRenderInputPadOptions *options, int width, int height);

G_END_DECLS
