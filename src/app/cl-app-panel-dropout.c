/* cl-app-panel-dropout.c — the units each Dropout layer switched off at
 * the last training step, for one of the sampled images, with the rate and
 * the fraction actually dropped. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-panels.h"
#include "render/render-dropout.h"

typedef struct {
  ClRenderDropoutOptions options;
  ClAppSnapshotView *view;
  GtkLabel *label;
} Dropout;

static gboolean
render (cairo_t *cr, const ClSnapshot *snapshot, const ClRenderStyle *style, int width,
        int height, gpointer data)
{
  Dropout *d = data;
  ClRenderDropoutOptions options = d->options;

  options.style = *style;
  options.sample = snapshot->n_masks > 0 ? d->options.sample % snapshot->n_masks : 0;
  return cl_render_dropout (cr, snapshot, &options, width, height);
}

static void
update_label (Dropout *d)
{
  const ClSnapshot *s = cl_app_snapshot_view_get_snapshot (d->view);
  int n = s != NULL ? s->n_masks : 0;
  g_autofree char *text = n > 0 ? g_strdup_printf (_("Image %d of %d"), d->options.sample % n + 1, n)
                                : g_strdup ("");

  gtk_label_set_text (d->label, text);
}

static void
snapshot_changed (GtkWidget *panel)
{
  update_label (g_object_get_data (G_OBJECT (panel), "cl-dropout"));
}

static void
changed (gpointer data, int delta)
{
  Dropout *d = data;
  const ClSnapshot *s = cl_app_snapshot_view_get_snapshot (d->view);
  int n = s != NULL ? MAX (s->n_masks, 1) : 1;

  d->options.sample = (d->options.sample + delta + n) % n;
  update_label (d);
  cl_app_snapshot_view_redraw (d->view);
}

GtkWidget *
cl_app_panel_dropout_new (ClAppTraining *training)
{
  GtkWidget *panel = cl_app_picture_panel_new (
    training, "dropout.png",
    _("The units each Dropout layer switches off at every training step appear here: "
      "press Play or Step."));
  Dropout *d = g_new0 (Dropout, 1);

  cl_render_dropout_options_init (&d->options);
  d->view = cl_app_picture_panel_get_view (CL_APP_PICTURE_PANEL (panel));
  g_object_set_data_full (G_OBJECT (panel), "cl-dropout", d, g_free);
  cl_app_snapshot_view_set_render_func (d->view, render, d, NULL);
  cl_app_picture_panel_add_control (
    CL_APP_PICTURE_PANEL (panel),
    cl_app_panel_stepper_new (_("Previous training image"), _("Next training image"), changed, d,
                              &d->label));
  g_signal_connect_object (training, "snapshot-changed", G_CALLBACK (snapshot_changed), panel,
                           G_CONNECT_SWAPPED);
  return panel;
}
