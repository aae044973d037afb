/* cl-app-explorer-descent.h — the Gradient Descent explorer: x², a curve
 * with two valleys, two bowls and Rosenbrock's valley, with the path of
 * gradient descent (and momentum, Adam) from a start the user drags,
 * step by step (Step, F6) or animated (Play, F5), the learning rate on a
 * log slider with presets from the curvature. */
#pragma once

#include "cl-app-explorer.h"
#include "engine/descent.h"
#include "render/render-descent.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_EXPLORER_DESCENT (cl_app_explorer_descent_get_type ())
G_DECLARE_FINAL_TYPE (ClAppExplorerDescent, cl_app_explorer_descent, CL_APP, EXPLORER_DESCENT,
                      GtkWidget)

/* The ClAppExplorerNew of the explorers' table: needs neither argument. */
GtkWidget *cl_app_explorer_descent_new (ClAppDocument *document, ClAppTraining *training);

/* What it shows now, for the tests: the start, the learning rate, and the
 * paths of the optimisers ticked (plain descent first, then momentum,
 * then Adam). */
void cl_app_explorer_descent_get_start (ClAppExplorerDescent *self, float *start);
double cl_app_explorer_descent_get_lr (ClAppExplorerDescent *self);
int cl_app_explorer_descent_get_n_paths (ClAppExplorerDescent *self);
const ClDescentPath *cl_app_explorer_descent_get_path (ClAppExplorerDescent *self, int i);
/* The picture widget (what the start is dragged on) and where its plot
 * is: for a test's pointer. */
GtkWidget *cl_app_explorer_descent_get_picture (ClAppExplorerDescent *self);
gboolean cl_app_explorer_descent_get_area (ClAppExplorerDescent *self, ClRenderDescentArea *area);

G_END_DECLS
