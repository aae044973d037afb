/* convlab-cli export pytorch|onnx: a design or model as code for other
 * tools (engine/export.h), written through the atomic writer. */
#define G_LOG_DOMAIN "convlab-cli"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "cli-common.h"
#include "cli-export-code.h"
#include "engine/atomic-file.h"
#include "engine/export.h"

gboolean
cl_cli_is_code_target (const char *name)
{
  return g_strcmp0 (name, "pytorch") == 0 || g_strcmp0 (name, "onnx") == 0;
}

/* The output must not be the file read: `--out m.safetensors` on its own
 * model would replace the weights with code. */
static gboolean
same_file (const char *a, const char *b)
{
  g_autoptr(GFile) fa = g_file_new_for_path (a);
  g_autoptr(GFile) fb = g_file_new_for_path (b);
  g_autoptr(GFileInfo) ia = g_file_query_info (fa, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autoptr(GFileInfo) ib = g_file_query_info (fb, G_FILE_ATTRIBUTE_ID_FILE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (ia == NULL || ib == NULL)
    return FALSE;
  return g_strcmp0 (g_file_info_get_attribute_string (ia, G_FILE_ATTRIBUTE_ID_FILE),
                    g_file_info_get_attribute_string (ib, G_FILE_ATTRIBUTE_ID_FILE)) == 0;
}

int
cl_cli_export_code (int argc, char **argv)
{
  g_autofree char *out = NULL;
  int status;
  GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("The file to write (net.py, net.onnx)"), N_("FILE") },
    { NULL },
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("pytorch DESIGN|MODEL, or onnx MODEL — the network as code for other tools"));

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context,
    _("pytorch: a Python script with the network as a PyTorch module (a model's weights load "
      "into it by name), its data, optimiser and training loop, for one GPU or several "
      "machines (torchrun).\n"
      "onnx: a trained model as ONNX (opset 13), for Netron and other runtimes."));
  if (!cl_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 3)
    return cl_cli_fail_message (_("export %s needs one design or model file (see --help)."), argv[1]);
  gboolean onnx = g_str_equal (argv[1], "onnx");
  const char *source = argv[2];
  if (out == NULL)
    return cl_cli_fail_message (onnx ? _("Say where to write the ONNX file with --out FILE.onnx.")
                                     : _("Say where to write the script with --out FILE.py."));
  g_autoptr(GError) error = NULL;
  if (!cl_atomic_file_check_target (out, &error))
    return cl_cli_fail (error);
  if (same_file (out, source))
    return cl_cli_fail_message (_("--out %s is the file being exported: name another file."), out);

  g_autoptr(ClDesign) design = NULL;
  g_autoptr(ClNet) net = NULL;
  if (!cl_cli_open (source, 1, &design, &net, &error))
    return cl_cli_fail (error);

  if (onnx)
    {
      if (net == NULL)
        return cl_cli_fail_message (_("%s is a design, not a trained model: train it first."), source);
      g_autoptr(GBytes) bytes = cl_export_onnx (design, net, &error);
      if (bytes == NULL)
        return cl_cli_fail (error);
      gsize size;
      const void *data = g_bytes_get_data (bytes, &size);
      if (!cl_atomic_file_set_contents (out, data, size, &error))
        return cl_cli_fail (error);
      printf (_("Wrote %s (ONNX, opset %d).\n"), out, CL_EXPORT_ONNX_OPSET);
      return 0;
    }

  g_autofree char *script = cl_export_pytorch (design, &error);
  if (script == NULL)
    return cl_cli_fail (error);
  if (!cl_atomic_file_set_contents (out, script, strlen (script), &error))
    return cl_cli_fail (error);
  printf (_("Wrote %s (PyTorch).\n"), out);
  if (net != NULL)
    printf (_("Its weights: python3 %s --weights %s --evaluate\n"), out, source);
  return 0;
}
