/* cl-app-explorer-convolution.h — the Convolution explorer ("Convolution,
 * Pixel by Pixel"): an input (a test image of the design's data, a photo,
 * or what a learned layer receives), a kernel (a learned filter, one of
 * setosa's, or the one typed in Kernels by Hand), stride and padding; a click or hover on an output pixel
 * writes out its arithmetic, Play slides the window across the image.
 * The numbers come from engine/conv-explain.h, the picture from
 * render/render-conv-explain.h. */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-document.h"
#include "cl-app-training.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_EXPLORER_CONVOLUTION (cl_app_explorer_convolution_get_type ())

G_DECLARE_FINAL_TYPE (ClAppExplorerConvolution, cl_app_explorer_convolution, CL_APP,
                      EXPLORER_CONVOLUTION, GtkWidget)

GtkWidget *cl_app_explorer_convolution_new         (ClAppDocument *document,
                                                    ClAppTraining *training);
/* Explains filter `filter` of layer `layer` (a Conv2D of the design being
 * trained): the Filters panel's "Explain this filter". */
void       cl_app_explorer_convolution_show_filter (ClAppExplorerConvolution *self, int layer,
                                                    int filter);
/* The learned filter explained: TRUE and its layer and filter, or FALSE
 * when the kernel is a preset (or nothing is explained). */
gboolean   cl_app_explorer_convolution_get_filter  (ClAppExplorerConvolution *self, int *layer,
                                                    int *filter);
/* The output pixel explained (-1, -1 when none), and the numbers written
 * for it: the sum before the bias, and z after it.  For the tests. */
gboolean   cl_app_explorer_convolution_get_pixel   (ClAppExplorerConvolution *self, int *oy,
                                                    int *ox, double *sum, double *z);

/* The kernel explained (c × k × k), NULL when nothing is. */
const float *cl_app_explorer_convolution_get_kernel (ClAppExplorerConvolution *self, int *c,
                                                     int *k);
/* How many output pixels the animation has filled, -1 when it is not
 * playing (the whole map shown). */
int        cl_app_explorer_convolution_get_filled  (ClAppExplorerConvolution *self);
/* The middle of output pixel (oy, ox) in the picture widget's coordinates,
 * as it is drawn now: where a test clicks.  FALSE when nothing is drawn. */
gboolean   cl_app_explorer_convolution_locate      (ClAppExplorerConvolution *self, int oy,
                                                    int ox, GtkWidget **picture, double *x,
                                                    double *y);

G_END_DECLS
