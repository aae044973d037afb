/* cl-app-panels.h — the picture panels below the canvas.  Each is a
 * ClAppPicturePanel set up with its render function, its options and the
 * controls that change them (one file each: cl-app-panel-*.c). */
#pragma once

#include "cl-app-picture-panel.h"

G_BEGIN_DECLS

GtkWidget *cl_app_panel_filters_new     (ClAppTraining *training);
GtkWidget *cl_app_panel_activations_new (ClAppTraining *training);
/* The Activations panel's "Open image…" once a file is chosen: the image
 * (scaled to the network's input, light for dark when `invert`) replaces
 * the drawing; FALSE and a toast naming the file when it cannot be read. */
gboolean   cl_app_panel_activations_open_image (GtkWidget *panel, GFile *file, gboolean invert);
/* What the Activations panel's picture shows now: the test image's
 * snapshot, or in "Your drawing" the user's input through the network
 * (NULL when there is none yet). */
const ClSnapshot *cl_app_panel_activations_get_shown (GtkWidget *panel);
GtkWidget *cl_app_panel_dropout_new     (ClAppTraining *training);
GtkWidget *cl_app_panel_curves_new      (ClAppTraining *training);
GtkWidget *cl_app_panel_landscape_new   (ClAppTraining *training);
GtkWidget *cl_app_panel_gradients_new   (ClAppTraining *training);
/* Shows the Curves panel's picture `name` (one of cl_lesson_views: curves,
 * confusion, decision, units, gallery); FALSE for another name. */
gboolean   cl_app_panel_curves_set_view (GtkWidget *panel, const char *name);

/* How many images a snapshot has to choose from (probes, masked samples). */
typedef int (*ClAppPanelStepperCount) (const ClSnapshot *snapshot);

/* "‹  Image 2 of 4  ›  ⤮": previous, next and random (buttons named
 * "previous", "next", "random") choose which of the snapshot's images
 * `view` shows; the view is redrawn on each choice and the label follows
 * every snapshot.  Returns the box holding them. */
GtkWidget *cl_app_panel_stepper_new       (ClAppSnapshotView *view, ClAppPanelStepperCount count,
                                           const char *previous_tooltip,
                                           const char *next_tooltip,
                                           const char *random_tooltip);
/* The image to draw in `snapshot`: the choice modulo its count, 0 when none. */
int        cl_app_panel_stepper_get_index (GtkWidget *stepper, const ClSnapshot *snapshot);
/* Called with the new index on each choice (previous, next, random): for a
 * choice the trainer must carry out, like the Activations panel's probe. */
typedef void (*ClAppPanelStepperChosen) (int index, gpointer data);
void       cl_app_panel_stepper_set_chosen_func (GtkWidget *stepper, ClAppPanelStepperChosen chosen,
                                                 gpointer data);

G_END_DECLS
