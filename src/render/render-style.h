/* render-style.h — what every picture shares: light or dark, and whether
 * the background is painted.
 *
 * Every render function draws exactly into (0, 0, width, height) of the
 * cairo_t it is given, legend included, and leaves the context's state as
 * it found it.  Font sizes follow the picture's size, so a picture exported
 * at 2400×1600 reads like the same one at 1200×800 on a projector.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gboolean dark;         /* light text and lines on a dark background */
  gboolean transparent;  /* leave the background unpainted (alpha 0 in a PNG) */
} ClRenderStyle;

/* The largest side an exported picture may have: 8192 pixels is far above
 * any slide and keeps an image surface under 256 MB. */
#define CL_RENDER_MAX_SIDE 8192

G_END_DECLS
