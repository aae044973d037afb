/* render-style.h — what every picture shares: light or dark, and whether
 * the background is painted.
 *
 * Every render function draws exactly into (0, 0, width, height) of the
 * cairo_t it is given, legend included, and leaves the context's state as
 * it found it.  Font sizes follow the picture's size, so a picture exported
 * at 2400×1600 reads like the same one at 1200×800 on a projector.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  gboolean dark;         /* light text and lines on a dark background */
  gboolean transparent;  /* leave the background unpainted (alpha 0 in a PNG) */
  /* Text and line thickness times this (0 counts as 1): Ctrl+plus in the
   * window, and the presentation mode, where the back row must read. */
  double scale;
  /* No text smaller than this many pixels (0: 6 px times the scale);
   * the presentation mode asks for CL_RENDER_PRESENT_MIN_TEXT. */
  double min_text;
} ClRenderStyle;

/* The presentation mode's picture scale and smallest text: 18 px is what
 * a back row reads on a 1280×720 projector. */
#define CL_RENDER_PRESENT_SCALE    1.5
#define CL_RENDER_PRESENT_MIN_TEXT 18.0
/* The network canvas has its own zoom: its smallest label (10.5 px at
 * zoom 1) reaches 18 px at this one. */
#define CL_RENDER_PRESENT_NETWORK_ZOOM 1.75

/* The effective scale and smallest text size of a style (NULL: defaults). */
double cl_render_style_get_scale    (const ClRenderStyle *style);
double cl_render_style_get_min_text (const ClRenderStyle *style);

/* From now on, *min_size (start it at G_MAXDOUBLE) keeps the smallest text
 * size any picture draws on `cr`: what the tests measure the presentation
 * mode's promise with.  NULL stops the measure. */
void   cl_render_measure_text       (cairo_t *cr, double *min_size);

/* From now on, each text a picture draws on `cr` whose ink leaves the
 * picture's rectangle (0, 0, width, height) — cut by its edge — adds a
 * description to `cuts` (an array that frees its strings with g_free).
 * NULL stops.  What the tests find clipped text with. */
void   cl_render_measure_cuts       (cairo_t *cr, GPtrArray *cuts);

/* The largest side an exported picture may have: 8192 pixels is far above
 * any slide and keeps an image surface under 256 MB. */
#define CL_RENDER_MAX_SIDE 8192

G_END_DECLS
