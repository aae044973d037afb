/* cl-app-explorer-init.h — the zero-versus-random explorer: two copies of
 * a small network (cl_net_spec_new_init_demo) trained side by side on a
 * toy set by two ClTrainers, one started at zeros (or a constant), one at
 * the random initialisation the user chooses; render-init-compare.c
 * draws both.  Play, Pause and Reset drive both together.
 */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-explorer.h"
#include "engine/snapshot.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_EXPLORER_INIT (cl_app_explorer_init_get_type ())
G_DECLARE_FINAL_TYPE (ClAppExplorerInit, cl_app_explorer_init, CL_APP, EXPLORER_INIT, GtkWidget)

/* A ClAppExplorerNew: it trains its own networks on its own data. */
GtkWidget        *cl_app_explorer_init_new          (ClAppDocument *document,
                                                     ClAppTraining *training);
/* The newest snapshot of the left (0: zeros) or right (1: random) copy. */
const ClSnapshot *cl_app_explorer_init_get_snapshot (ClAppExplorerInit *self, int side);

G_END_DECLS
