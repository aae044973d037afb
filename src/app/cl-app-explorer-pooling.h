/* cl-app-explorer-pooling.h — the Pooling explorer: max or average pooling
 * 2 × 2, stride 2, on an 8 × 8 region of a real image; a click on an output
 * pixel writes out its four values and the result, Backward shows where
 * the gradient goes.  Numbers from the layer itself (engine/conv-explain.h),
 * the picture from render/render-pool-explain.h. */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-document.h"
#include "cl-app-training.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_EXPLORER_POOLING (cl_app_explorer_pooling_get_type ())

G_DECLARE_FINAL_TYPE (ClAppExplorerPooling, cl_app_explorer_pooling, CL_APP, EXPLORER_POOLING,
                      GtkWidget)

GtkWidget *cl_app_explorer_pooling_new    (ClAppDocument *document, ClAppTraining *training);
/* For the tests: the chosen output pixel (FALSE when none), its value, the
 * gradient arriving there, and what the layer sent to each of its four
 * inputs (reading order). */
gboolean   cl_app_explorer_pooling_get_pixel (ClAppExplorerPooling *self, int *oy, int *ox,
                                              float *value, float *grad, float window[4],
                                              float sent[4]);
/* The middle of output pixel (oy, ox) in the picture widget. */
gboolean   cl_app_explorer_pooling_locate (ClAppExplorerPooling *self, int oy, int ox,
                                           GtkWidget **picture, double *x, double *y);

G_END_DECLS
