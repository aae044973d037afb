/* cl-app-explorer-backprop.h — the Backpropagation explorer: one sample
 * through a small dense network, forward, loss, backward and update, stage
 * by stage, with the engine's numbers (render/render-backprop.h).
 *
 * It shows the main window's design when it is such a network (with the
 * newest snapshot's weights while it trains), else the course's 2-2-1
 * example; the sample is one of the data's or typed, η is the design's
 * learning rate until the user types another.  Left/Right step, Space
 * plays, Home/End jump to the first and last stage.
 */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-document.h"
#include "cl-app-explorer.h"
#include "cl-app-training.h"
#include "engine/backprop-trace.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_EXPLORER_BACKPROP (cl_app_explorer_backprop_get_type ())

G_DECLARE_FINAL_TYPE (ClAppExplorerBackprop, cl_app_explorer_backprop, CL_APP,
                      EXPLORER_BACKPROP, GtkWidget)

/* A ClAppExplorerNew: either argument may be NULL (then the example). */
GtkWidget             *cl_app_explorer_backprop_new       (ClAppDocument *document,
                                                           ClAppTraining *training);

/* For the tests: the stage shown, their number, and the trace drawn (NULL
 * when the step could not be computed). */
int                    cl_app_explorer_backprop_get_stage    (ClAppExplorerBackprop *self);
int                    cl_app_explorer_backprop_get_n_stages (ClAppExplorerBackprop *self);
const ClBackpropTrace *cl_app_explorer_backprop_get_trace    (ClAppExplorerBackprop *self);
/* TRUE while the design is shown, FALSE for the built-in example. */
gboolean               cl_app_explorer_backprop_shows_design (ClAppExplorerBackprop *self);

G_END_DECLS
