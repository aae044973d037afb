/* cl-app-training-panel.h — the Training panel: the design's training
 * settings (edited through the document, so undoable and saved) and the
 * live status of the run, with what to do when it diverged. */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-document.h"
#include "cl-app-training.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_TRAINING_PANEL (cl_app_training_panel_get_type ())

G_DECLARE_FINAL_TYPE (ClAppTrainingPanel, cl_app_training_panel, CL_APP, TRAINING_PANEL, GtkWidget)

GtkWidget *cl_app_training_panel_new (ClAppDocument *document, ClAppTraining *training);

/* The diverged message shown, or NULL when none is: for the tests. */
const char *cl_app_training_panel_get_problem (ClAppTrainingPanel *self);

G_END_DECLS
