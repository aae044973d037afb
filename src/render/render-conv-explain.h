/* render-conv-explain.h — one pixel of a convolution, as on the slide
 * ("multiplication pixel par pixel"): the input with its padding zeros and
 * the window that pixel sees, the kernel, the output map (filled as far as
 * the animation got) with the pixel marked, and under them the arithmetic
 * written out: per channel the window × the kernel = the products and
 * their sum, then the total over channels, + bias, the activation.
 *
 * It draws what the engine computed (engine/conv-explain.h); the
 * Convolution explorer and its Export PNG both call it.
 */
#pragma once

#include <cairo.h>

#include "engine/conv-explain.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  const float *input;            /* geom.c × geom.h × geom.w */
  gboolean rgb;                  /* three channels drawn as one colour image */
  const float *kernel;           /* geom.c × k × k */
  ClConvGeom geom;
  const float *output;           /* oh × ow: what the map shows (after the activation if any) */
  int filled;                    /* output pixels drawn, in reading order; < 0: all */
  const ClConvExplain *explain;  /* the chosen pixel, or NULL */
  gboolean has_bias;
  const char *activation;        /* translated name of the activation after it, or NULL */
  double activated;              /* activation (explain->z) */
  const char *kernel_title;      /* "Kernel: Conv2D #1, filter 3", or NULL */
  const char *message;           /* why there is nothing to explain: drawn instead */
} ClRenderConvExplainOptions;

void     cl_render_conv_explain_options_init (ClRenderConvExplainOptions *options);

/* Where the pieces are: what the hit test and the tests use. */
typedef struct {
  double in_x, in_y, in_cell;     /* the padded input's top-left cell (-pad, -pad) */
  double ker_x, ker_y, ker_cell;
  double out_x, out_y, out_cell;
} ClConvExplainLayout;

gboolean cl_render_conv_explain_layout (cairo_t *cr, const ClRenderConvExplainOptions *options,
                                        int width, int height, ClConvExplainLayout *layout);

/* FALSE (and a message: options->message, or a default) when there is
 * nothing to explain (no input). */
gboolean cl_render_conv_explain (cairo_t *cr, const ClRenderConvExplainOptions *options, int width,
                                 int height);

/* The output pixel under (x, y) of a picture of that size: TRUE and its
 * row and column, or FALSE off the map. */
gboolean cl_render_conv_explain_hit (const ClRenderConvExplainOptions *options, int width,
                                     int height, double x, double y, int *oy, int *ox);

G_END_DECLS
