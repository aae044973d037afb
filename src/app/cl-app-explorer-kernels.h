/* cl-app-explorer-kernels.h — Kernels by Hand: setosa.io's image kernels
 * on the course's images.  A 3 × 3 or 5 × 5 kernel, typed cell by cell or
 * chosen among the presets (identity, blurs, sharpen, outline, Sobel,
 * emboss), applied live to the chosen image, the result beside it
 * (clamped to the image's range).  Numbers from cl_kernel_apply, picture
 * from render/render-kernels.h. */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-document.h"
#include "cl-app-training.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_EXPLORER_KERNELS (cl_app_explorer_kernels_get_type ())

G_DECLARE_FINAL_TYPE (ClAppExplorerKernels, cl_app_explorer_kernels, CL_APP, EXPLORER_KERNELS,
                      GtkWidget)

GtkWidget   *cl_app_explorer_kernels_new        (ClAppDocument *document, ClAppTraining *training);
/* For the tests: the kernel (k × k), and the image and result (c × h × w);
 * NULL when there is no image. */
const float *cl_app_explorer_kernels_get_kernel (ClAppExplorerKernels *self, int *k);
const float *cl_app_explorer_kernels_get_image  (ClAppExplorerKernels *self, int *c, int *h,
                                                 int *w);
const float *cl_app_explorer_kernels_get_result (ClAppExplorerKernels *self);

G_END_DECLS
