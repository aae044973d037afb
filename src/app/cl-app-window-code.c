/* File → Export as PyTorch… and Export as ONNX…: the network as code for
 * other tools (engine/export.h), written through the atomic writer. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cl-app-window-private.h"
#include "engine/atomic-file.h"
#include "engine/export.h"
#include "engine/snapshot-net.h"

/* The weights ONNX carries: the newest run's, else an opened model's, else
 * the design as initialised (*initialised set): Netron shows the structure
 * either way. */
static ClNet *
network_for_onnx (ClAppWindow *self, const ClDesign *design, gboolean *initialised,
                  GError **error)
{
  const ClSnapshot *snapshot = cl_app_training_get_snapshot (self->training);
  *initialised = FALSE;
  if (snapshot != NULL)
    return cl_net_new_from_snapshot (snapshot, 1, error);
  ClNet *net = cl_net_new (design->spec, 1, error);
  if (net == NULL)
    return NULL;
  if (self->trained != NULL && cl_net_copy_state (net, self->trained, NULL))
    return net;
  cl_net_init (net, cl_net_spec_peek_train (design->spec)->seed);
  *initialised = TRUE;
  return net;
}

gboolean
cl_app_window_export_code_file (ClAppWindow *self, GFile *file, gboolean onnx)
{
  g_return_val_if_fail (CL_APP_IS_WINDOW (self), FALSE);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *name = g_file_get_basename (file);
  const ClDesign *design = cl_app_document_get_design (self->document);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gboolean initialised = FALSE;

  if (path == NULL)
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                         _("only local files can be written"));
  else if (onnx)
    {
      g_autoptr(ClNet) net = network_for_onnx (self, design, &initialised, &error);
      if (net != NULL)
        bytes = cl_export_onnx (design, net, &error);
    }
  else
    {
      char *script = cl_export_pytorch (design, &error);
      if (script != NULL)
        bytes = g_bytes_new_take (script, strlen (script));
    }
  if (bytes != NULL)
    cl_atomic_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 &error);

  g_autofree char *message = NULL;
  if (error != NULL)
    message = g_strdup_printf (_("Could not export “%s”: %s"), name, error->message);
  else if (initialised)
    message = g_strdup_printf (_("Exported “%s”, with the weights as initialised: train the "
                                 "network for its learnt ones."), name);
  else
    message = g_strdup_printf (_("Exported “%s”."), name);
  _cl_app_window_toast (self, message);
  return error == NULL;
}

static void
on_chosen (GtkNativeDialog *dialog, int response, ClAppWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      gboolean onnx = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "cl-onnx"));
      cl_app_window_export_code_file (self, file, onnx);
    }
  g_object_unref (dialog);
}

static void
export_code_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);
  gboolean onnx = g_str_equal (action, "win.export-onnx");
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (onnx ? _("Export as ONNX") : _("Export as PyTorch"),
                                 GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                 NULL);
  g_autofree char *title = cl_app_document_dup_title (self->document);
  g_autofree char *name = g_strdup_printf ("%s.%s", title, onnx ? "onnx" : "py");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, onnx ? _("ONNX models") : _("Python scripts"));
  gtk_file_filter_add_pattern (filter, onnx ? "*.onnx" : "*.py");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), filter);
  _cl_app_window_start_chooser (self, GTK_FILE_CHOOSER (dialog));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_object_set_data (G_OBJECT (dialog), "cl-onnx", GINT_TO_POINTER (onnx));
  g_signal_connect (dialog, "response", G_CALLBACK (on_chosen), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

void
_cl_app_window_install_code_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.export-pytorch", NULL, export_code_action);
  gtk_widget_class_install_action (widget_class, "win.export-onnx", NULL, export_code_action);
}
