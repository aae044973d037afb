/* cl-app-panel-gradients.c — inside training: each layer's gradient norm
 * over the steps, the chosen layer's weight and gradient histograms, and
 * the dead or saturated units of each activation layer
 * (render/render-layer-stats.h).  A drop-down chooses whose histograms. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-panels.h"
#include "engine/layer-stats.h"
#include "render/render-layer-stats.h"

typedef struct {
  ClAppTraining *training;  /* outlives the panel (the window owns both) */
  ClRenderLayerStatsOptions options;
  ClAppSnapshotView *view;
  GtkWidget *layers;        /* GtkDropDown of the layers with parameters */
  GtkStringList *names;
  char *names_key;          /* the names joined: rebuilt only when they change */
} Gradients;

static void
gradients_free (Gradients *g)
{
  g_clear_object (&g->names);
  g_free (g->names_key);
  g_free (g);
}

static gboolean
render (cairo_t *cr, const ClSnapshot *snapshot, const ClRenderStyle *style, int width,
        int height, gpointer data)
{
  Gradients *g = data;
  ClRenderLayerStatsOptions options = g->options;

  options.style = *style;
  return cl_render_layer_stats (cr, snapshot, &options, width, height);
}

static void
layer_chosen (GtkDropDown *dropdown, GParamSpec *pspec, Gradients *g)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  if (selected == GTK_INVALID_LIST_POSITION)
    return;
  g->options.layer = (int) selected;
  cl_app_snapshot_view_redraw (g->view);
}

/* The drop-down follows the network: its layers with parameters, named as
 * the picture names them; the choice kept when the list stays the same. */
static void
snapshot_changed (GtkWidget *panel)
{
  Gradients *g = g_object_get_data (G_OBJECT (panel), "cl-gradients");
  const ClSnapshot *s = cl_app_training_get_snapshot (g->training);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  if (s != NULL && s->layer_stats != NULL)
    for (int k = 0; k < s->layer_stats->n_param_layers; k++)
      g_ptr_array_add (names, cl_render_layer_stats_layer_name (s, s->layer_stats->param_layers[k].layer));
  g_ptr_array_add (names, NULL);
  g_autofree char *key = g_strjoinv ("\n", (char **) names->pdata);
  if (g_strcmp0 (key, g->names_key) == 0)
    return;
  g_free (g->names_key);
  g->names_key = g_steal_pointer (&key);

  int keep = g->options.layer;
  g_signal_handlers_block_by_func (g->layers, layer_chosen, g);
  gtk_string_list_splice (g->names, 0, g_list_model_get_n_items (G_LIST_MODEL (g->names)),
                          (const char *const *) names->pdata);
  guint n = names->len - 1;
  g->options.layer = n > 0 ? CLAMP (keep, 0, (int) n - 1) : 0;
  gtk_drop_down_set_selected (GTK_DROP_DOWN (g->layers), n > 0 ? (guint) g->options.layer
                                                                : GTK_INVALID_LIST_POSITION);
  g_signal_handlers_unblock_by_func (g->layers, layer_chosen, g);
  gtk_widget_set_sensitive (g->layers, n > 0);
}

GtkWidget *
cl_app_panel_gradients_new (ClAppTraining *training)
{
  GtkWidget *panel = cl_app_picture_panel_new (
    training, "gradients.png",
    _("Each layer's gradient, its weights and its dead or saturated units appear here: "
      "press Play or Step."));
  Gradients *g = g_new0 (Gradients, 1);

  g->training = training;
  cl_render_layer_stats_options_init (&g->options);
  g->view = cl_app_picture_panel_get_view (CL_APP_PICTURE_PANEL (panel));
  g_object_set_data_full (G_OBJECT (panel), "cl-gradients", g, (GDestroyNotify) gradients_free);
  cl_app_snapshot_view_set_render_func (g->view, render, g, NULL);

  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Histograms of"));
  g->names = gtk_string_list_new (NULL);
  g->layers = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (g->names)), NULL);
  gtk_widget_set_name (g->layers, "gradients-layer");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), g->layers);
  gtk_widget_set_tooltip_text (g->layers, _("Whose weights and gradients the histograms show"));
  g_signal_connect (g->layers, "notify::selected", G_CALLBACK (layer_chosen), g);
  cl_app_picture_panel_add_control (CL_APP_PICTURE_PANEL (panel), label);
  cl_app_picture_panel_add_control (CL_APP_PICTURE_PANEL (panel), g->layers);

  g_signal_connect_object (training, "snapshot-changed", G_CALLBACK (snapshot_changed), panel,
                           G_CONNECT_SWAPPED);
  snapshot_changed (panel);
  return panel;
}
