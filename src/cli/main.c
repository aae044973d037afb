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

typedef int (*ClCliCommandFunc) (int argc, char **argv);

typedef struct {
  const char *name;
  const char *summary;   /* translatable */
  ClCliCommandFunc run;
} ClCliCommand;

/* Commands are added here by the issues that build them (train, eval,
 * predict, info, export, landscape). */
static const ClCliCommand commands[] = {
  { NULL, NULL, NULL },
};

static void
print_usage (FILE *out)
{
  fprintf (out, "%s\n\n", _("Usage: convlab-cli COMMAND [OPTIONS…]"));
  fprintf (out, "%s\n", _("ConvLab without a window: train, evaluate and export pictures."));
  fprintf (out, "\n%s\n", _("Commands:"));
  int shown = 0;
  for (const ClCliCommand *c = commands; c->name != NULL; c++, shown++)
    fprintf (out, "  %-12s %s\n", c->name, _(c->summary));
  if (shown == 0)
    fprintf (out, "  %s\n", _("(none yet in this version)"));
  fprintf (out, "\n%s\n", _("Run “convlab-cli COMMAND --help” for the options of a command."));
}

int
main (int argc, char **argv)
{
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
