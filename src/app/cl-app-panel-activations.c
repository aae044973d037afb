/* cl-app-panel-activations.c — one test image followed through every
 * layer, ending with the prediction; previous / next / random choose it
 * among the whole test set (cl-app-panel-stepper.c), and the trainer makes
 * it its first probe (cl_app_training_set_probe). */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-panels.h"
#include "render/render-activations.h"

typedef struct {
  ClRenderActivationsOptions options;
  ClAppSnapshotView *view;
  GtkWidget *stepper;   /* which probe */
} Activations;

static gboolean
render (cairo_t *cr, const ClSnapshot *snapshot, const ClRenderStyle *style, int width,
        int height, gpointer data)
{
  Activations *a = data;
  ClRenderActivationsOptions options = a->options;
  ClDataset *dataset = cl_app_training_get_data (cl_app_snapshot_view_get_training (a->view));

  options.style = *style;
  if (dataset != NULL && dataset->n_classes == (guint) snapshot->n_classes)
    options.class_names = (const char * const *) dataset->class_names;
  options.probe = 0;   /* the chosen image, once the trainer has it */
  return cl_render_activations (cr, snapshot, &options, width, height);
}

/* Any image of the test set (of the training set without one). */
static int
count_images (const ClSnapshot *snapshot)
{
  return (int) MIN (snapshot->n_probe_pool, (guint) G_MAXINT);
}

static void
image_chosen (int index, gpointer data)
{
  Activations *a = data;
  cl_app_training_set_probe (cl_app_snapshot_view_get_training (a->view), (guint) index);
}

/* A click on a map shows it large with its values; another goes back. */
static void
pressed (GtkGestureClick *gesture, int n_press, double x, double y, Activations *a)
{
  const ClSnapshot *s = cl_app_snapshot_view_get_snapshot (a->view);
  GtkWidget *widget = GTK_WIDGET (a->view);
  int layer, map;

  if (s == NULL)
    return;
  a->options.probe = 0;   /* the one on screen */
  cl_app_snapshot_view_get_style (a->view, &a->options.style);
  if (a->options.layer >= 0)
    a->options.layer = a->options.map = -1;
  else if (cl_render_activations_hit (s, &a->options, gtk_widget_get_width (widget),
                                      gtk_widget_get_height (widget), x, y, &layer, &map))
    {
      a->options.layer = layer;
      a->options.map = map;
    }
  cl_app_snapshot_view_redraw (a->view);
}

GtkWidget *
cl_app_panel_activations_new (ClAppTraining *training)
{
  GtkWidget *panel = cl_app_picture_panel_new (
    training, "activations.png",
    _("The output of every layer for a test image appears here, ending with the prediction "
      "and its probabilities: press Play or Step."));
  Activations *a = g_new0 (Activations, 1);

  cl_render_activations_options_init (&a->options);
  a->view = cl_app_picture_panel_get_view (CL_APP_PICTURE_PANEL (panel));
  /* The panel owns the options: the signal below lives as long as it. */
  g_object_set_data_full (G_OBJECT (panel), "cl-activations", a, g_free);
  cl_app_snapshot_view_set_render_func (a->view, render, a, NULL);
  a->stepper = cl_app_panel_stepper_new (a->view, count_images, _("Previous test image"),
                                         _("Next test image"), _("A random test image"));
  cl_app_panel_stepper_set_chosen_func (a->stepper, image_chosen, a);
  cl_app_picture_panel_add_control (CL_APP_PICTURE_PANEL (panel), a->stepper);
  GtkGesture *click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (pressed), a);
  gtk_widget_add_controller (GTK_WIDGET (a->view), GTK_EVENT_CONTROLLER (click));
  return panel;
}
