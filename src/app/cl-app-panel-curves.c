/* cl-app-panel-curves.c — how training goes: loss and accuracy curves, the
 * confusion matrix on the test set, the test samples it got most wrong,
 * and for the toy sets the decision regions (2D) or the fitted curve (1D)
 * under the data. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-panels.h"
#include "render/render-confusion.h"
#include "render/render-curves.h"
#include "engine/lesson.h"
#include "render/render-decision.h"
#include "render/render-gallery.h"
#include "render/render-units.h"

typedef enum {
  VIEW_CURVES,
  VIEW_CONFUSION,
  VIEW_DECISION,
  VIEW_UNITS,
  VIEW_GALLERY,
} View;

static const char * const export_names[] = {
  "curves.png", "confusion.png", "decision.png", "units.png", "gallery.png",
};

typedef struct {
  View view;
  gboolean log_scale;
  ClAppSnapshotView *picture;
  ClAppPicturePanel *panel;
  GtkWidget *log_toggle;
} Curves;

static gboolean
render (cairo_t *cr, const ClSnapshot *snapshot, const ClRenderStyle *style, int width,
        int height, gpointer data)
{
  Curves *c = data;
  ClDataset *dataset = cl_app_training_get_data (cl_app_snapshot_view_get_training (c->picture));

  switch (c->view)
    {
    case VIEW_CONFUSION:
      {
        ClRenderConfusionOptions options;
        cl_render_confusion_options_init (&options);
        options.style = *style;
        if (dataset != NULL && dataset->n_classes == (guint) snapshot->n_classes)
          options.class_names = (const char * const *) dataset->class_names;
        return cl_render_confusion (cr, snapshot, &options, width, height);
      }
    case VIEW_DECISION:
      {
        ClRenderDecisionOptions options;
        cl_render_decision_options_init (&options);
        options.style = *style;
        options.data = dataset;
        return cl_render_decision (cr, snapshot, &options, width, height);
      }
    case VIEW_UNITS:
      {
        ClRenderUnitsOptions options;
        cl_render_units_options_init (&options);
        options.style = *style;
        options.data = dataset;
        return cl_render_units (cr, snapshot, &options, width, height);
      }
    case VIEW_GALLERY:
      {
        /* The worst samples of the snapshot's last test evaluation, as
         * `convlab-cli export gallery` draws them. */
        ClRenderGalleryOptions options;
        cl_render_gallery_options_init (&options);
        options.style = *style;
        if (dataset != NULL && dataset->n_classes == (guint) snapshot->n_classes)
          options.class_names = (const char * const *) dataset->class_names;
        return cl_render_gallery (cr, snapshot->gallery, &options, width, height);
      }
    case VIEW_CURVES:
    default:
      {
        ClRenderCurvesOptions options;
        cl_render_curves_options_init (&options);
        options.style = *style;
        options.log_scale = c->log_scale;
        return cl_render_curves (cr, snapshot, &options, width, height);
      }
    }
}

static void
view_chosen (GtkDropDown *dropdown, GParamSpec *pspec, Curves *c)
{
  c->view = gtk_drop_down_get_selected (dropdown);
  gtk_widget_set_visible (c->log_toggle, c->view == VIEW_CURVES);
  cl_app_picture_panel_set_export_name (c->panel, export_names[c->view]);
  cl_app_snapshot_view_redraw (c->picture);
}

static void
log_toggled (GtkToggleButton *button, Curves *c)
{
  c->log_scale = gtk_toggle_button_get_active (button);
  cl_app_snapshot_view_redraw (c->picture);
}

GtkWidget *
cl_app_panel_curves_new (ClAppTraining *training)
{
  GtkWidget *panel = cl_app_picture_panel_new (
    training, export_names[VIEW_CURVES],
    _("The training and test loss and accuracy appear here as the network learns: press Play."));
  Curves *c = g_new0 (Curves, 1);
  const char *views[] = { _("Loss and Accuracy"), _("Confusion Matrix"),
                          _("Decision Regions (Toy Sets)"), _("Hidden Units (Toy Sets)"),
                          _("Worst Mistakes (Test Set)"), NULL };
  GtkWidget *dropdown = gtk_drop_down_new_from_strings (views);

  c->panel = CL_APP_PICTURE_PANEL (panel);
  c->picture = cl_app_picture_panel_get_view (c->panel);
  cl_app_snapshot_view_set_render_func (c->picture, render, c, g_free);

  gtk_widget_set_tooltip_text (dropdown, _("Which picture of the training to show"));
  g_signal_connect (dropdown, "notify::selected", G_CALLBACK (view_chosen), c);
  cl_app_picture_panel_add_control (c->panel, dropdown);

  c->log_toggle = gtk_toggle_button_new_with_mnemonic (_("_Log Scale"));
  gtk_widget_set_tooltip_text (c->log_toggle, _("Show the loss on a logarithmic axis"));
  g_signal_connect (c->log_toggle, "toggled", G_CALLBACK (log_toggled), c);
  cl_app_picture_panel_add_control (c->panel, c->log_toggle);
  g_object_set_data (G_OBJECT (panel), "cl-view-dropdown", dropdown);
  return panel;
}

gboolean
cl_app_panel_curves_set_view (GtkWidget *panel, const char *name)
{
  GtkDropDown *dropdown = g_object_get_data (G_OBJECT (panel), "cl-view-dropdown");

  g_return_val_if_fail (GTK_IS_DROP_DOWN (dropdown), FALSE);
  for (guint i = 0; cl_lesson_views[i] != NULL; i++)
    if (g_strcmp0 (cl_lesson_views[i], name) == 0)
      {
        gtk_drop_down_set_selected (dropdown, i);
        return TRUE;
      }
  return FALSE;
}
