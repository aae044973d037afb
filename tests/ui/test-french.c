/* The course is French: with LANGUAGE=fr the window speaks French. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "cl-app-palette.h"
#include "cl-app-window.h"
#include "ui-harness.h"

static void
test_window_speaks_french (void)
{
  g_autoptr(ClAppApplication) app = cl_test_ui_start_app ();
  GtkWindow *window = cl_test_ui_main_window (app);
  AdwWindowTitle *title = ADW_WINDOW_TITLE (cl_test_ui_find_by_type (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE));

  g_assert_cmpstr (adw_window_title_get_title (title), ==, "Réseau sans titre");
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window), "window-fr.png") });

  /* The editor with LeNet-5, in French: the canvas' words too. */
  ClAppDocument *document = cl_app_window_get_document (CL_APP_WINDOW (window));
  g_autofree char *dir = cl_app_palette_find_designs_dir ();
  g_autofree char *path = g_build_filename (dir, "lenet5.json", NULL);
  g_autoptr(ClDesign) lenet = cl_design_load (path, NULL);
  g_assert_nonnull (lenet);
  cl_app_document_load (document, g_steal_pointer (&lenet), NULL);
  cl_app_document_set_selected (document, 0);
  cl_test_ui_spin (300);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window), "editor-fr.png") });
  cl_test_ui_stop_app (app);
}

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("CONVLAB_LOCALEDIR");

  /* As main.c does, with the catalogue of the build tree. */
  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  cl_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/french/window-speaks-french", test_window_speaks_french);
  return g_test_run ();
}
