/* cl-app-drawing-pad.h — a square to draw a network's input on with the
 * mouse, a touchpad or a stylus: the input's pixels magnified, painted by
 * anti-aliased brush strokes (cl_input_stroke), cleared, inverted, or
 * replaced by an opened image.
 *
 * The pad holds the image as it looks, pixels in [0, 1] (0 black), before
 * any normalisation: the Activations panel normalises it for the network
 * on each "changed".  By default it is black and the brush white, as
 * Fashion-MNIST's light objects on black; Invert swaps both with the
 * image, for drawing dark on light.
 */
#pragma once

#include <gtk/gtk.h>

#include "engine/layer-registry.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_DRAWING_PAD (cl_app_drawing_pad_get_type ())

G_DECLARE_FINAL_TYPE (ClAppDrawingPad, cl_app_drawing_pad, CL_APP, DRAWING_PAD, GtkWidget)

#define CL_APP_DRAWING_PAD_MIN_RADIUS 0.5
#define CL_APP_DRAWING_PAD_MAX_RADIUS 8.0

GtkWidget   *cl_app_drawing_pad_new          (void);
/* The input's shape (channels 1 or 3, height, width): a new shape starts
 * a blank image; the same shape keeps the drawing. */
void         cl_app_drawing_pad_set_shape    (ClAppDrawingPad *self, ClShape shape);
/* The image (shape's c × h × w values in [0, 1]) and its shape; NULL
 * before a shape was set. */
const float *cl_app_drawing_pad_get_pixels   (ClAppDrawingPad *self, ClShape *shape);
/* Replaces the image (the shape's size, values in [0, 1]): an opened file. */
void         cl_app_drawing_pad_set_pixels   (ClAppDrawingPad *self, const float *pixels);
void         cl_app_drawing_pad_clear        (ClAppDrawingPad *self);
/* Light for dark, the image and the brush's colour with it. */
void         cl_app_drawing_pad_invert       (ClAppDrawingPad *self);
/* The brush's radius in input pixels, CL_APP_DRAWING_PAD_MIN_RADIUS to
 * CL_APP_DRAWING_PAD_MAX_RADIUS. */
void         cl_app_drawing_pad_set_radius   (ClAppDrawingPad *self, double radius);
double       cl_app_drawing_pad_get_radius   (ClAppDrawingPad *self);
/* The picture's scale (zoom, presentation mode): its natural size and
 * outline grow with it. */
void         cl_app_drawing_pad_set_scale    (ClAppDrawingPad *self, double scale);
/* Where widget point (x, y) falls in input pixels (may be outside). */
void         cl_app_drawing_pad_to_input     (ClAppDrawingPad *self, double x, double y,
                                              double *ix, double *iy);
/* The time (g_get_monotonic_time) of the last pointer event that changed
 * the image, 0 before any: what the latency benchmark measures from. */
gint64       cl_app_drawing_pad_get_stroke_time (ClAppDrawingPad *self);

G_END_DECLS
