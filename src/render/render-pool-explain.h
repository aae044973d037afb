/* render-pool-explain.h — pooling 2 × 2, stride 2, on real numbers: a
 * region of an image (marked on the image beside it), its values, the
 * pooled output, and for the chosen output pixel its four values with the
 * maximum (or the mean) written out.  Backward shows where the gradient
 * goes: the output's gradient, and what the layer sends back to each input
 * value (all to the maximum, zero elsewhere; a quarter each for average
 * pooling).  The numbers come from engine/conv-explain.h (the layer's own
 * forward and backward); the Pooling explorer and its export call this. */
#pragma once

#include <cairo.h>

#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  const float *image;      /* image_h × image_w, one channel: the thumbnail */
  int image_h, image_w;
  int region_y, region_x;  /* the region's top-left pixel in the image */
  int size;                /* the region's side (even) */
  const float *x;          /* size × size: the region's values */
  const float *y;          /* size/2 × size/2: pooled */
  const float *dout;       /* size/2 × size/2: gradient arriving at the output */
  const float *din;        /* size × size: gradient the layer sends back */
  gboolean average;        /* average pooling, not max */
  gboolean backward;       /* show the gradients */
  int oy, ox;              /* the chosen output pixel, -1 for none */
  const char *message;     /* drawn instead, when set */
} ClRenderPoolExplainOptions;

void     cl_render_pool_explain_options_init (ClRenderPoolExplainOptions *options);

typedef struct {
  double img_x, img_y, img_cell;
  double in_x, in_y, in_cell;
  double out_x, out_y, out_cell;
} ClPoolExplainLayout;

gboolean cl_render_pool_explain_layout (const ClRenderPoolExplainOptions *options, int width,
                                        int height, ClPoolExplainLayout *layout);
gboolean cl_render_pool_explain (cairo_t *cr, const ClRenderPoolExplainOptions *options, int width,
                                 int height);
/* The output pixel under (x, y), or FALSE off the output. */
gboolean cl_render_pool_explain_hit_output (const ClRenderPoolExplainOptions *options, int width,
                                            int height, double x, double y, int *oy, int *ox);
/* The image pixel under (x, y) on the thumbnail, or FALSE off it. */
gboolean cl_render_pool_explain_hit_image (const ClRenderPoolExplainOptions *options, int width,
                                           int height, double x, double y, int *iy, int *ix);

G_END_DECLS
