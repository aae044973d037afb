#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <adwaita.h>

#include "cl-app-explorer-picture.h"

struct _ClAppExplorerPicture
{
  GtkWidget parent_instance;

  ClAppExplorerDrawFunc draw;
  gpointer draw_data;
  double scale, min_text;
  gboolean opaque;
  guint n_draws;
};

G_DEFINE_FINAL_TYPE (ClAppExplorerPicture, cl_app_explorer_picture, GTK_TYPE_WIDGET)

void
cl_app_explorer_picture_get_style (ClAppExplorerPicture *self, ClRenderStyle *style)
{
  g_return_if_fail (CL_APP_IS_EXPLORER_PICTURE (self));
  /* Transparent unless asked: the window's background shows, light or dark. */
  *style = (ClRenderStyle) {
    .dark = adw_style_manager_get_dark (adw_style_manager_get_default ()),
    .transparent = !self->opaque,
    .scale = self->scale,
    .min_text = self->min_text,
  };
}

static void
cl_app_explorer_picture_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  ClAppExplorerPicture *self = CL_APP_EXPLORER_PICTURE (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  ClRenderStyle style;

  if (width <= 0 || height <= 0 || self->draw == NULL)
    return;
  cl_app_explorer_picture_get_style (self, &style);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->draw (cr, &style, width, height, self->draw_data);
  cairo_destroy (cr);
  self->n_draws++;
}

static void
cl_app_explorer_picture_dispose (GObject *object)
{
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), object);
  G_OBJECT_CLASS (cl_app_explorer_picture_parent_class)->dispose (object);
}

static void
cl_app_explorer_picture_class_init (ClAppExplorerPictureClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cl_app_explorer_picture_dispose;
  GTK_WIDGET_CLASS (klass)->snapshot = cl_app_explorer_picture_snapshot;
}

static void
cl_app_explorer_picture_init (ClAppExplorerPicture *self)
{
  self->scale = 1.0;
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (gtk_widget_queue_draw), self);
}

GtkWidget *
cl_app_explorer_picture_new (ClAppExplorerDrawFunc draw, gpointer user_data)
{
  ClAppExplorerPicture *self = g_object_new (CL_APP_TYPE_EXPLORER_PICTURE, NULL);

  self->draw = draw;
  self->draw_data = user_data;
  return GTK_WIDGET (self);
}

void
cl_app_explorer_picture_set_scale (ClAppExplorerPicture *self, double scale, double min_text)
{
  g_return_if_fail (CL_APP_IS_EXPLORER_PICTURE (self));
  self->scale = scale;
  self->min_text = min_text;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cl_app_explorer_picture_set_opaque (ClAppExplorerPicture *self, gboolean opaque)
{
  g_return_if_fail (CL_APP_IS_EXPLORER_PICTURE (self));
  self->opaque = opaque;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cl_app_explorer_picture_redraw (ClAppExplorerPicture *self)
{
  g_return_if_fail (CL_APP_IS_EXPLORER_PICTURE (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
cl_app_explorer_picture_get_n_draws (ClAppExplorerPicture *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_PICTURE (self), 0);
  return self->n_draws;
}

gboolean
cl_app_explorer_picture_render (ClAppExplorerPicture *self, cairo_t *cr, const ClRenderStyle *style,
                                int width, int height)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_PICTURE (self), FALSE);
  return self->draw != NULL && self->draw (cr, style, width, height, self->draw_data);
}

/* The picture inside `widget`, depth first: found, not stored, so nothing
 * is left pointing at it once the explorer drops it in dispose. */
static ClAppExplorerPicture *
find_picture (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (CL_APP_IS_EXPLORER_PICTURE (child))
        return CL_APP_EXPLORER_PICTURE (child);
      ClAppExplorerPicture *found = find_picture (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
explorer_render (ClAppExplorer *explorer, cairo_t *cr, const ClRenderStyle *style, int width,
                 int height)
{
  ClAppExplorerPicture *picture = find_picture (GTK_WIDGET (explorer));
  return picture != NULL && cl_app_explorer_picture_render (picture, cr, style, width, height);
}

static void
explorer_set_style (ClAppExplorer *explorer, double scale, double min_text)
{
  ClAppExplorerPicture *picture = find_picture (GTK_WIDGET (explorer));
  if (picture != NULL)
    cl_app_explorer_picture_set_scale (picture, scale, min_text);
}

void
cl_app_explorer_picture_iface_init (ClAppExplorerInterface *iface)
{
  iface->render = explorer_render;
  iface->set_style = explorer_set_style;
}

GtkWidget *
cl_app_explorer_page_new (GtkWidget *explorer)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  gtk_widget_set_parent (box, explorer);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  return box;
}

GtkWidget *
cl_app_explorer_controls_new (guint max_per_line)
{
  GtkWidget *flow = gtk_flow_box_new ();

  /* A row of controls, not a list to choose from. */
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), max_per_line);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 6);
  return flow;
}

GtkWidget *
cl_app_explorer_controls_add (GtkWidget *controls, const char *mnemonic, GtkWidget *widget,
                              const char *tooltip)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (mnemonic);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), widget);
  if (tooltip != NULL)
    gtk_widget_set_tooltip_text (widget, tooltip);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), widget);
  gtk_flow_box_append (GTK_FLOW_BOX (controls), box);
  return box;
}
