/* render-export.h — the image surface a picture is exported on, at a
 * scale.
 *
 * A picture keeps its layout at width × height and is written at 1×, 2×
 * or 3× the pixels (cairo_scale): the same picture, sharp on a slide
 * projected large.  The window's Export PNG and convlab-cli export both
 * draw on this surface.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

#define CL_RENDER_MAX_SCALE 3

/* An image surface of (width × scale) × (height × scale) pixels and in
 * *cr a context on it scaled by `scale`, so a render function drawing at
 * width × height fills it.  NULL with an error naming the limit when a
 * side is under 16 pixels, the scaled size over CL_RENDER_MAX_SIDE, the
 * scale not 1 to CL_RENDER_MAX_SCALE, or memory short. */
cairo_surface_t *cl_render_export_surface_new (int width, int height, int scale, cairo_t **cr,
                                               GError **error);

/* Writes the surface as a PNG file through the shared atomic writer
 * (engine/atomic-file.h): a regular file or a new name only, a temporary
 * created exclusively beside it, renamed when complete.  The error names
 * the file and gives the cause (the system's, or Cairo's). */
gboolean         cl_render_write_png          (cairo_surface_t *surface, const char *path,
                                               GError **error);

G_END_DECLS
