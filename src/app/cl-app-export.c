#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cl-app-export.h"
#include "render/render-export.h"

/* A slide is 16:10 or 16:9; 1600×1000 is sharp on a projector and small
 * enough to mail. */
#define DEFAULT_WIDTH  1600
#define DEFAULT_HEIGHT 1000

typedef struct {
  GtkWidget *anchor;          /* strong: the widget the dialog is for */
  ClAppExportDraw draw;       /* NULL: the snapshot view's own export */
  gpointer draw_data;
  char *basename;
  GtkSpinButton *width, *height;
  GtkSwitch *transparent;
  GtkSwitch *dark;
  GtkDropDown *scale;
  int w, h, factor;
  ClRenderStyle style;
} Export;

static void
export_free (Export *export)
{
  g_clear_object (&export->anchor);
  g_free (export->basename);
  g_free (export);
}

static void
toast (GtkWidget *anchor, const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (anchor, ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  if (overlay == NULL)
    {
      g_warning ("%s", message);
      return;
    }
  AdwToast *t = adw_toast_new (escaped);
  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

static void
file_chosen (GtkNativeDialog *chooser, int response, Export *export)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      gboolean written = FALSE;

      if (path != NULL && export->draw != NULL)
        written = cl_app_export_draw_png (export->draw, export->draw_data, path, export->w,
                                          export->h, export->factor, &export->style, &error);
      else if (path != NULL)
        written = cl_app_snapshot_view_export_png (CL_APP_SNAPSHOT_VIEW (export->anchor), path,
                                                   export->w, export->h, export->factor,
                                                   &export->style, &error);
      if (path == NULL)
        toast (export->anchor, _("Choose a local file to export to."));
      else if (!written)
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message =
            g_strdup_printf (_("Could not export “%s”: %s"), name, error->message);
          toast (export->anchor, message);
        }
      else
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *message = g_strdup_printf (_("Exported “%s”."), name);
          toast (export->anchor, message);
        }
    }
  export_free (export);
  g_object_unref (chooser);
}

static void
dialog_response (AdwMessageDialog *dialog, const char *response, Export *export)
{
  if (!g_str_equal (response, "export"))
    {
      export_free (export);
      return;
    }
  export->w = gtk_spin_button_get_value_as_int (export->width);
  export->h = gtk_spin_button_get_value_as_int (export->height);
  export->style.transparent = gtk_switch_get_active (export->transparent);
  export->style.dark = gtk_switch_get_active (export->dark);
  export->factor = (int) gtk_drop_down_get_selected (export->scale) + 1;

  GtkRoot *root = gtk_widget_get_root (export->anchor);
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Export Picture"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PNG Images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_object_unref (filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), export->basename);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (file_chosen), export);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
row (GtkGrid *grid, int y, const char *label, GtkWidget *widget)
{
  GtkWidget *caption = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (caption), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), widget);
  gtk_widget_set_halign (widget, GTK_ALIGN_START);
  gtk_grid_attach (grid, caption, 0, y, 1, 1);
  gtk_grid_attach (grid, widget, 1, y, 1, 1);
  return widget;
}

gboolean
cl_app_export_draw_png (ClAppExportDraw draw, gpointer user_data, const char *path, int width,
                        int height, int scale, const ClRenderStyle *style, GError **error)
{
  cairo_t *cr;
  cairo_surface_t *surface = cl_render_export_surface_new (width, height, scale, &cr, error);

  if (surface == NULL)
    return FALSE;
  gboolean drawn = draw (cr, style, width, height, user_data);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (!drawn)
    {
      cairo_surface_destroy (surface);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("This picture has nothing to show yet."));
      return FALSE;
    }
  /* The shared atomic writer: never half a PNG, never a device replaced. */
  gboolean written = cl_render_write_png (surface, path, error);
  cairo_surface_destroy (surface);
  return written;
}

static void
present_dialog (GtkWidget *anchor, const char *basename, ClAppExportDraw draw, gpointer draw_data)
{
  Export *export = g_new0 (Export, 1);
  GtkRoot *root = gtk_widget_get_root (anchor);
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                              _("Export Picture"),
                                              _("The picture is drawn again at the size you "
                                                "choose, with its legend."));
  GtkGrid *grid = GTK_GRID (gtk_grid_new ());

  export->anchor = g_object_ref (anchor);
  export->draw = draw;
  export->draw_data = draw_data;
  export->basename = g_strdup (basename);
  gtk_grid_set_row_spacing (grid, 12);
  gtk_grid_set_column_spacing (grid, 12);
  gtk_widget_set_halign (GTK_WIDGET (grid), GTK_ALIGN_CENTER);
  export->width = GTK_SPIN_BUTTON (row (grid, 0, _("_Width (pixels)"),
                                        gtk_spin_button_new_with_range (16, CL_RENDER_MAX_SIDE, 100)));
  export->height = GTK_SPIN_BUTTON (row (grid, 1, _("_Height (pixels)"),
                                         gtk_spin_button_new_with_range (16, CL_RENDER_MAX_SIDE, 100)));
  gtk_spin_button_set_value (export->width, DEFAULT_WIDTH);
  gtk_spin_button_set_value (export->height, DEFAULT_HEIGHT);
  /* The same picture at 2× or 3× the pixels: sharp on a large projection,
   * its layout unchanged. */
  const char *scales[] = { _("1× (as sized)"), _("2× (sharper)"), _("3× (sharpest)"), NULL };
  G_STATIC_ASSERT (CL_RENDER_MAX_SCALE == 3);
  export->scale = GTK_DROP_DOWN (row (grid, 2, _("_Scale"), gtk_drop_down_new_from_strings (scales)));
  gtk_widget_set_name (GTK_WIDGET (export->scale), "scale");
  export->transparent = GTK_SWITCH (row (grid, 3, _("_Transparent background"), gtk_switch_new ()));
  export->dark = GTK_SWITCH (row (grid, 4, _("_Dark (light text on black)"), gtk_switch_new ()));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), GTK_WIDGET (grid));

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "export", _("_Export…"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "export",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "export");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (dialog_response), export);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
cl_app_export_present (ClAppSnapshotView *view, const char *basename)
{
  g_return_if_fail (CL_APP_IS_SNAPSHOT_VIEW (view));

  if (cl_app_snapshot_view_get_snapshot (view) == NULL)
    {
      toast (GTK_WIDGET (view), _("There is nothing to export yet: press Play or Step first."));
      return;
    }
  present_dialog (GTK_WIDGET (view), basename, NULL, NULL);
}

void
cl_app_export_present_draw (GtkWidget *anchor, const char *basename, ClAppExportDraw draw,
                            gpointer user_data)
{
  g_return_if_fail (GTK_IS_WIDGET (anchor) && draw != NULL);
  present_dialog (anchor, basename, draw, user_data);
}
