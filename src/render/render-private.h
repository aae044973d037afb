/* render-private.h — the drawing helpers the pictures share: palette, text
 * with the Cairo toy API (no Pango: render stays Cairo alone), colour
 * bars, value grids and chart ticks.  Not for use outside src/render. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "engine/snapshot.h"
#include "render/colormap.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClColor bg, fg, muted, grid;
  ClColor series[4];   /* curves: blue, orange, green, purple (colour-blind safe) */
  double font;         /* base font size in pixels for this picture */
  double min_text;     /* no text smaller (the style's floor) */
} ClPalette;

typedef enum {
  CL_MAP_DIVERGING,    /* t = v / hi, white at 0 */
  CL_MAP_SEQUENTIAL,   /* t = (v - lo) / (hi - lo), viridis */
  CL_MAP_GREY,         /* t = (v - lo) / (hi - lo), black to white: input images */
} ClMapKind;

/* Checks the size, saves the state, clips to the picture and paints the
 * background; FALSE (nothing drawn, state untouched) for an empty size. */
gboolean _cl_render_begin        (cairo_t *cr, const ClRenderStyle *style, int width, int height,
                                  ClPalette *palette);
void     _cl_render_end          (cairo_t *cr);
/* The base font size (ClPalette.font) of a picture of that size and style:
 * for layouts computed without drawing. */
double   _cl_render_font_size    (const ClRenderStyle *style, int width, int height);
/* A text of `size` pixels is drawn: for cl_render_measure_text (). */
void     _cl_render_note_text    (cairo_t *cr, double size);

void     _cl_render_set_color    (cairo_t *cr, ClColor c, double alpha);
ClColor  _cl_render_map          (ClMapKind kind, double v, double lo, double hi);

/* Text at (x, y): ax 0 left, 0.5 centre, 1 right of x; ay likewise, the
 * box being the font's ascent (so rows of text line up).  Returns the
 * advance width. */
double   _cl_render_text         (cairo_t *cr, double x, double y, double ax, double ay,
                                  double size, gboolean bold, const char *text);
double   _cl_render_text_width   (cairo_t *cr, double size, gboolean bold, const char *text);
/* Shrinks `size` until the text fits `max_width`; never below the
 * picture's floor (6 px, more when zoomed or presented). */
double   _cl_render_fit_size     (cairo_t *cr, double size, gboolean bold, const char *text,
                                  double max_width);
/* `text` in lines no wider than max_width at `size` (floored), broken at
 * spaces; a word wider than that is a line of its own (g_strfreev). */
char   **_cl_render_wrap         (cairo_t *cr, double size, gboolean bold, const char *text,
                                  double max_width);
/* A centred message for a picture with nothing to show. */
void     _cl_render_message      (cairo_t *cr, const ClPalette *p, int width, int height,
                                  const char *text);

/* rows × cols values (row stride `stride`) as cells of the given size,
 * nearest-neighbour: every weight its own crisp square. */
void     _cl_render_grid         (cairo_t *cr, const float *v, int rows, int cols, int stride,
                                  double x, double y, double cell_w, double cell_h,
                                  ClMapKind kind, double lo, double hi);
/* Three planes (plane stride apart) as one RGB image, each mapped
 * (v - lo) / (hi - lo) to [0, 1]. */
void     _cl_render_rgb_grid     (cairo_t *cr, const float *v, gsize plane, int rows, int cols,
                                  double x, double y, double cell_w, double cell_h,
                                  double lo, double hi);

/* A horizontal colour bar at (x, y, w, h) with its end and middle values
 * written under it and an optional caption before it. */
void     _cl_render_colorbar     (cairo_t *cr, const ClPalette *p, double x, double y, double w,
                                  double h, ClMapKind kind, double lo, double hi,
                                  const char *caption);

/* Ticks at 1, 2 or 5 times a power of ten covering [lo, hi], about
 * `target` of them: first tick and step. */
void     _cl_render_nice_ticks   (double lo, double hi, int target, double *first, double *step);
/* A compact value: "0.25", "-1.2e-05", "1500". */
void     _cl_render_format       (char *buf, gsize size, double v);

/* Largest finite |v| (0 when none). */
double   _cl_render_max_abs      (const float *v, gsize n);
void     _cl_render_min_max      (const float *v, gsize n, double *lo, double *hi);

G_END_DECLS

G_BEGIN_DECLS

/* A chart's plot area and its data ranges; render-chart.c draws the axes. */
typedef struct {
  double x, y, w, h;          /* plot area in picture coordinates */
  double x0, x1, y0, y1;      /* data ranges (y in data units even when log) */
  gboolean log_y;
  gboolean no_grid;           /* over a heat map: ticks only */
  gboolean x_integer;         /* epochs: no tick between two */
} ClChart;

double   _cl_chart_px            (const ClChart *c, double x);
double   _cl_chart_py            (const ClChart *c, double y);
/* Grid lines, tick labels (1-2-5, or decades when log), axis titles;
 * `y_percent` writes y ticks as percentages. */
void     _cl_chart_axes          (cairo_t *cr, const ClPalette *p, const ClChart *c,
                                  const char *x_title, const char *y_title, gboolean y_percent);
/* A legend row: coloured swatches and labels from (x, y), left to right;
 * `alphas` (or NULL) fade raw series; shrunk to fit max_width.  Returns
 * the width used. */
double   _cl_chart_legend        (cairo_t *cr, const ClPalette *p, double x, double y,
                                  double max_width, const ClColor *colors, const double *alphas,
                                  const char * const *labels, int n);
/* Exponential average whose window follows the history's length, so a
 * smoothed curve looks alike after 100 or 100 000 steps. */
void     _cl_chart_smooth        (const ClPoint *in, gsize n, ClPoint *out);
/* The path through the points, broken at a non-finite value (or one <= 0
 * on a log axis): a gap, not a line to a wrong place.  Not stroked. */
void     _cl_chart_polyline      (cairo_t *cr, const ClChart *c, const ClPoint *pts, gsize n);
/* How much taller than one row the legend is at this width: a presented
 * picture's floor size can need more rows; charts make room above. */
double   _cl_chart_legend_extra_height (cairo_t *cr, const ClPalette *p, double max_width,
                                        const char * const *labels, int n);

G_END_DECLS
