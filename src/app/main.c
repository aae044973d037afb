#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "cl-app-application.h"
#include "engine/process-setup.h"

int
main (int argc, char **argv)
{
  cl_process_prefer_short_openmp_spin (argv);

  /* The uninstalled tree (tools/run) points this at build/po. */
  const char *localedir = g_getenv ("CONVLAB_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* GLib decides once, at its first g_dgettext (), whether to translate
   * at all, and says no for a domain without an English catalogue in a
   * locale like C.UTF-8: asked now, before textdomain (), it says yes, so
   * GtkBuilder's strings follow a language chosen later in the menu. */
  (void) g_dgettext (GETTEXT_PACKAGE, "");
  textdomain (GETTEXT_PACKAGE);

  g_autoptr(ClAppApplication) app = cl_app_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
