/* ui-training.h — waiting on a window's training in UI tests: the data
 * loaded, a step passed, epochs done, a state reached.  Each runs the main
 * loop until it holds or `timeout_ms` passes, and returns whether it held. */
#pragma once

#include "cl-app-training.h"

G_BEGIN_DECLS

/* Play can start: the data is loaded and the design is valid. */
gboolean cl_test_ui_wait_can_train (ClAppTraining *training, guint timeout_ms);
/* The newest snapshot's step is greater than `step`. */
gboolean cl_test_ui_wait_step_past (ClAppTraining *training, guint64 step, guint timeout_ms);
/* The newest snapshot has `epochs` epochs done (or more). */
gboolean cl_test_ui_wait_epochs    (ClAppTraining *training, int epochs, guint timeout_ms);
/* The newest snapshot is in `state`. */
gboolean cl_test_ui_wait_state     (ClAppTraining *training, ClTrainerState state,
                                    guint timeout_ms);
/* The newest snapshot's step, 0 before the first. */
guint64  cl_test_ui_step           (ClAppTraining *training);

G_END_DECLS
