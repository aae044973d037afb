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
  GtkWidget *stepper;   /* which sample's masks */
} Dropout;

static gboolean
render (cairo_t *cr, const ClSnapshot *snapshot, const ClRenderStyle *style, int width,
        int height, gpointer data)
{
  Dropout *d = data;
  ClRenderDropoutOptions options = d->options;

  options.style = *style;
  options.sample = cl_app_panel_stepper_get_index (d->stepper, snapshot);
  return cl_render_dropout (cr, snapshot, &options, width, height);
}

static int
count_masks (const ClSnapshot *snapshot)
{
  return snapshot->n_masks;
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
  d->stepper = cl_app_panel_stepper_new (d->view, count_masks, _("Previous training image"),
                                         _("Next training image"), _("A random training image"));
  cl_app_picture_panel_add_control (CL_APP_PICTURE_PANEL (panel), d->stepper);
  return panel;
}
