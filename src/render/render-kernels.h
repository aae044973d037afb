/* render-kernels.h — an image kernel applied to an image, setosa.io's
 * "image kernels" on the course's images: the image, the kernel with its
 * numbers, the result.  The result is shown clamped to the image's own
 * range (for pixels in [0, 1], to 0…1, as setosa clamps to 0…255): values
 * an edge kernel pushes below the darkest pixel show black, above the
 * lightest white.  The Kernels by Hand explorer and its export call this;
 * the numbers come from cl_kernel_apply (engine/conv-explain.h). */
#pragma once

#include <cairo.h>

#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  const float *image;      /* c × h × w, c 1 or 3 */
  const float *output;     /* c × h × w: the kernel applied to each channel */
  int c, h, w;
  const float *kernel;     /* k × k */
  int k;
  const char *kernel_title;/* the preset's name, or NULL */
  const char *message;     /* drawn instead, when set */
} ClRenderKernelsOptions;

void     cl_render_kernels_options_init (ClRenderKernelsOptions *options);

typedef struct {
  double in_x, in_y, ker_x, ker_y, out_x, out_y;
  double cell, ker_cell;   /* an image pixel's side, a kernel cell's */
} ClKernelsLayout;

gboolean cl_render_kernels_layout (const ClRenderKernelsOptions *options, int width, int height,
                                   ClKernelsLayout *layout);
/* The range the output is clamped to: the image's minimum and maximum. */
void     cl_render_kernels_range  (const ClRenderKernelsOptions *options, double *lo, double *hi);
gboolean cl_render_kernels        (cairo_t *cr, const ClRenderKernelsOptions *options, int width,
                                   int height);

G_END_DECLS
