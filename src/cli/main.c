/* convlab-cli — ConvLab without a window: engine + render, no GTK.
 *
 * Each command is a function taking its own arguments; the table below is
 * the one place that lists them, for dispatch and for --help.
 */
#define G_LOG_DOMAIN "convlab-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <glib/gi18n.h>

#include "cli-common.h"
#include "engine/atomic-file.h"
#include "engine/process-setup.h"

typedef int (*ClCliCommandFunc) (int argc, char **argv);

typedef struct {
  const char *name;
  const char *summary;   /* translatable */
  ClCliCommandFunc run;
} ClCliCommand;

static const ClCliCommand commands[] = {
  { "train", N_("Train a design and save the model"), cl_cli_train },
  { "eval", N_("Accuracy, loss and confusion matrix of a model"), cl_cli_eval },
  { "predict", N_("Class probabilities of one image or sample"), cl_cli_predict },
  { "info", N_("Layers, shapes and parameters of a design or model"), cl_cli_info },
  { "export", N_("Draw a picture of a model as PNG (filters, curves…), or write it as PyTorch or ONNX"), cl_cli_export },
  { "landscape", N_("The loss landscape around a model’s weights, as a picture"), cl_cli_landscape },
  { NULL, NULL, NULL },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: convlab-cli COMMAND [OPTIONS…]"));
  fprintf (out, "%s\n", _("ConvLab without a window: train, evaluate and export pictures."));
  fprintf (out, "\n%s\n", _("Commands:"));
  for (const ClCliCommand *c = commands; c->name != NULL; c++)
    fprintf (out, "  %-12s %s\n", c->name, _(c->summary));
  fprintf (out, "\n%s\n", _("Run “convlab-cli COMMAND --help” for the options of a command."));
}

int
main (int argc, char **argv)
{
  cl_process_prefer_short_openmp_spin (argv);
  /* Ctrl+C during a save leaves no 100 MB temporary beside the model. */
  cl_atomic_file_remove_on_signals ();
  setlocale (LC_ALL, "");
  const char *localedir = g_getenv ("CONVLAB_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      print_usage (argc < 2 ? stderr : stdout);
      return argc < 2 ? 2 : 0;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("convlab-cli %s\n", PACKAGE_VERSION);
      return 0;
    }
  for (const ClCliCommand *c = commands; c->name != NULL; c++)
    if (g_str_equal (argv[1], c->name))
      return c->run (argc - 1, argv + 1);

  fprintf (stderr, _("convlab-cli: unknown command “%s”.\n"), argv[1]);
  print_usage (stderr);
  return 2;
}
