/* cl-app-panel-activations.c — one probe image followed through every
 * layer, ending with the prediction; previous / next choose the image. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-panels.h"
#include "render/render-activations.h"

typedef struct {
  ClRenderActivationsOptions options;
  ClAppSnapshotView *view;
  GtkLabel *label;
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
  options.probe = snapshot->n_probes > 0 ? a->options.probe % snapshot->n_probes : 0;
  return cl_render_activations (cr, snapshot, &options, width, height);
}

static void
update_label (Activations *a)
{
  const ClSnapshot *s = cl_app_snapshot_view_get_snapshot (a->view);
  int n = s != NULL ? s->n_probes : 0;
  g_autofree char *text = n > 0 ? g_strdup_printf (_("Image %d of %d"), a->options.probe % n + 1, n)
                                : g_strdup ("");

  gtk_label_set_text (a->label, text);
}

static void
snapshot_changed (GtkWidget *panel)
{
  update_label (g_object_get_data (G_OBJECT (panel), "cl-activations"));
}

static void
changed (gpointer data, int delta)
{
  Activations *a = data;
  const ClSnapshot *s = cl_app_snapshot_view_get_snapshot (a->view);
  int n = s != NULL ? MAX (s->n_probes, 1) : 1;

  a->options.probe = (a->options.probe + delta + n) % n;
  update_label (a);
  cl_app_snapshot_view_redraw (a->view);
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
  cl_app_picture_panel_add_control (
    CL_APP_PICTURE_PANEL (panel),
    cl_app_panel_stepper_new (_("Previous test image"), _("Next test image"), changed, a,
                              &a->label));
  GtkGesture *click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (pressed), a);
  gtk_widget_add_controller (GTK_WIDGET (a->view), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (training, "snapshot-changed", G_CALLBACK (snapshot_changed), panel,
                           G_CONNECT_SWAPPED);
  return panel;
}
