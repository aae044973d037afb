/* render-filters-strip.h — the filters' time-lapse for a slide.
 *
 * One row per step asked, top to bottom: the first Conv2D layer's filters
 * at the checkpoint at or before that step (timelapse.h), side by side,
 * and under them the checkpoint's real step and the mean Gabor R² of its
 * filters.  Each row has its own symmetric colour scale (the initial
 * weights are often a hundred times smaller than the trained ones) and
 * says it.  The window's Filters panel and `convlab-cli export filters
 * MODEL --steps …` both draw it.
 */
#pragma once

#include <cairo.h>

#include "engine/timelapse.h"
#include "render/render-style.h"

G_BEGIN_DECLS

/* Filters drawn per row; a wider layer shows its first ones and says so. */
#define CL_RENDER_STRIP_MAX_FILTERS 32

typedef struct {
  ClRenderStyle style;
  const guint64 *steps;   /* the steps asked, one row each; NULL: 5 spread over the run */
  int n_steps;
  /* The rows from cl_render_filters_strip_rows() for these steps, or NULL:
   * fitted at each call (a panel redrawing 30 times a second should fit
   * once per new set of weights). */
  const struct _ClFiltersStripRow *rows;
  int n_rows;
} ClRenderFiltersStripOptions;

typedef struct _ClFiltersStripRow {
  guint64 asked;          /* the step asked */
  guint frame;            /* the frame shown: the newest at or before `asked` */
  guint64 step;           /* its real step, which the row is labelled with */
  double mean_r2;         /* mean Gabor R² of its filters; NAN below 5×5 kernels */
  int n_gabor_like;
  double scale;           /* the row's colour scale: max |w| */
} ClFiltersStripRow;

void     cl_render_filters_strip_options_init (ClRenderFiltersStripOptions *options);

/* The rows for these options, fitted (about a millisecond a filter):
 * *n_rows of them (g_free). */
ClFiltersStripRow *cl_render_filters_strip_rows (const ClTimelapse *timelapse,
                                                 const ClRenderFiltersStripOptions *options,
                                                 int *n_rows);
/* The caption under a row: "step 200 — mean Gabor R² 0.74 (12 of 16
 * Gabor-like) — colours ±0.031"; says the step asked when the checkpoint
 * is another. */
char    *cl_render_filters_strip_caption      (const ClTimelapse *timelapse,
                                               const ClFiltersStripRow *row);

/* FALSE (and a message drawn) when there is no frame. */
gboolean cl_render_filters_strip (cairo_t *cr, const ClTimelapse *timelapse,
                                  const ClRenderFiltersStripOptions *options, int width,
                                  int height);

/* A height that suits `width`: the tiles as large as the width allows. */
int      cl_render_filters_strip_height       (const ClTimelapse *timelapse,
                                               const ClRenderFiltersStripOptions *options,
                                               int width);

/* Where filter `filter` of row `row` is drawn at this size (for tests and
 * clicks); FALSE when it is not drawn. */
gboolean cl_render_filters_strip_tile_rect    (const ClTimelapse *timelapse,
                                               const ClRenderFiltersStripOptions *options,
                                               int width, int height, int row, int filter,
                                               double *x, double *y, double *side);

G_END_DECLS
