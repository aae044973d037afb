#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cl-app-export.h"
#include "cl-app-picture-panel.h"

struct _ClAppPicturePanel
{
  GtkBox parent_instance;

  GtkWidget *controls;
  GtkWidget *row;   /* what is beside the picture, then the picture */
  ClAppSnapshotView *view;
  char *export_name;
};

G_DEFINE_FINAL_TYPE (ClAppPicturePanel, cl_app_picture_panel, GTK_TYPE_BOX)

void
cl_app_picture_panel_export (ClAppPicturePanel *self)
{
  g_return_if_fail (CL_APP_IS_PICTURE_PANEL (self));
  cl_app_export_present (self->view, self->export_name);
}

static void
cl_app_picture_panel_finalize (GObject *object)
{
  ClAppPicturePanel *self = CL_APP_PICTURE_PANEL (object);

  g_free (self->export_name);
  G_OBJECT_CLASS (cl_app_picture_panel_parent_class)->finalize (object);
}

static void
cl_app_picture_panel_class_init (ClAppPicturePanelClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cl_app_picture_panel_finalize;
}

static void
cl_app_picture_panel_init (ClAppPicturePanel *self)
{
  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_VERTICAL);
}

GtkWidget *
cl_app_picture_panel_new (ClAppTraining *training, const char *export_name,
                          const char *empty_text)
{
  ClAppPicturePanel *self = g_object_new (CL_APP_TYPE_PICTURE_PANEL, NULL);
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *export = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  self->export_name = g_strdup (export_name);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  /* The widest row of controls (the Landscape panel's, in French) set the
   * minimum width of every panel, which the view stack shares: at
   * 1024×768 the centre of the window overflowed under the palette.  The
   * controls wrap onto a second line instead when the panel is narrow: a
   * sideways scroll hid them from the class. */
  self->controls = gtk_flow_box_new ();
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (self->controls), GTK_SELECTION_NONE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (self->controls), 1);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (self->controls), 16);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (self->controls), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (self->controls), 6);
  gtk_widget_set_hexpand (self->controls, TRUE);
  gtk_widget_set_valign (self->controls, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (bar), self->controls);

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "document-save-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Export PNG…"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (export), content);
  gtk_widget_set_tooltip_text (export, _("Save this picture as a PNG image for slides"));
  gtk_widget_add_css_class (export, "flat");
  g_signal_connect_swapped (export, "clicked", G_CALLBACK (cl_app_picture_panel_export), self);
  gtk_box_append (GTK_BOX (bar), export);
  gtk_box_append (GTK_BOX (self), bar);

  self->view = CL_APP_SNAPSHOT_VIEW (cl_app_snapshot_view_new (training));
  cl_app_snapshot_view_set_empty_text (self->view, empty_text);
  gtk_widget_set_size_request (GTK_WIDGET (self->view), 200, 120);
  self->row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (self->row), GTK_WIDGET (self->view));
  gtk_box_append (GTK_BOX (self), self->row);
  return GTK_WIDGET (self);
}

void
cl_app_picture_panel_add_control (ClAppPicturePanel *self, GtkWidget *control)
{
  g_return_if_fail (CL_APP_IS_PICTURE_PANEL (self));
  GtkWidget *child = gtk_flow_box_child_new ();

  /* The control takes the keyboard focus, not the cell around it; a
   * hidden control (Cancel while nothing is computed) leaves no gap. */
  gtk_widget_set_focusable (child, FALSE);
  gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (child), control);
  g_object_bind_property (control, "visible", child, "visible", G_BINDING_SYNC_CREATE);
  gtk_flow_box_append (GTK_FLOW_BOX (self->controls), child);
}

void
cl_app_picture_panel_add_footer (ClAppPicturePanel *self, GtkWidget *footer)
{
  g_return_if_fail (CL_APP_IS_PICTURE_PANEL (self));
  gtk_widget_set_margin_start (footer, 12);
  gtk_widget_set_margin_end (footer, 12);
  gtk_widget_set_margin_bottom (footer, 6);
  gtk_box_append (GTK_BOX (self), footer);
}

void
cl_app_picture_panel_add_beside (ClAppPicturePanel *self, GtkWidget *widget)
{
  g_return_if_fail (CL_APP_IS_PICTURE_PANEL (self));
  gtk_widget_set_margin_start (widget, 12);
  gtk_widget_set_margin_top (widget, 6);
  gtk_widget_set_margin_bottom (widget, 6);
  gtk_box_insert_child_after (GTK_BOX (self->row), widget, NULL);
}

ClAppSnapshotView *
cl_app_picture_panel_get_view (ClAppPicturePanel *self)
{
  g_return_val_if_fail (CL_APP_IS_PICTURE_PANEL (self), NULL);
  return self->view;
}

void
cl_app_picture_panel_set_export_name (ClAppPicturePanel *self, const char *export_name)
{
  g_return_if_fail (CL_APP_IS_PICTURE_PANEL (self));
  g_free (self->export_name);
  self->export_name = g_strdup (export_name);
}
