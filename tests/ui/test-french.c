/* The course is French: with LANGUAGE=fr the window speaks French. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "cl-app-inspector.h"
#include "cl-app-palette.h"
#include "cl-app-window.h"
#include "tests/use-language.h"
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

static gboolean
has_width (gpointer widget)
{
  return gtk_widget_get_width (widget) > 0;
}

/* At 1024×768 the French words of the widest panel row (Landscape) made
 * every panel wider than the centre of the window, which then overflowed
 * under the palette: the panels fit the room they are given. */
static void
test_panels_fit_1024x768 (void)
{
  g_autoptr(ClAppApplication) app = cl_test_ui_start_app ();
  GtkWindow *window = cl_test_ui_main_window (app);
  GtkWidget *stack = cl_test_ui_find_by_type (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
  GtkWidget *palette = cl_test_ui_find_by_type (GTK_WIDGET (window), CL_APP_TYPE_PALETTE);
  GtkWidget *inspector = cl_test_ui_find_by_type (GTK_WIDGET (window), CL_APP_TYPE_INSPECTOR);
  graphene_rect_t panels, left, right;

  gtk_window_unmaximize (window);
  gtk_window_set_default_size (window, 1024, 768);
  cl_test_ui_spin (300);
  g_assert_true (cl_test_ui_wait_until (has_width, stack, 5000));
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (window)), <=, 1024);
  /* Between the palette and the inspector, not under them. */
  g_assert_true (gtk_widget_compute_bounds (stack, GTK_WIDGET (window), &panels));
  g_assert_true (gtk_widget_compute_bounds (palette, GTK_WIDGET (window), &left));
  g_assert_true (gtk_widget_compute_bounds (inspector, GTK_WIDGET (window), &right));
  g_test_message ("panels from x = %g to %g, palette ends at %g, inspector starts at %g",
                  panels.origin.x, panels.origin.x + panels.size.width,
                  left.origin.x + left.size.width, right.origin.x);
  g_assert_cmpfloat (panels.origin.x, >=, left.origin.x + left.size.width);
  /* The inspector folds away while nothing is selected: then the panels
   * end inside the window. */
  if (gtk_widget_get_visible (inspector))
    g_assert_cmpfloat (panels.origin.x + panels.size.width, <=, right.origin.x);
  else
    g_assert_cmpfloat (panels.origin.x + panels.size.width, <=, gtk_widget_get_width (GTK_WIDGET (window)));
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window), "window-fr-1024.png") });
  cl_test_ui_stop_app (app);
}

/* Every example of data/designs/ has its name in the French catalogue
 * (gettext gives back the very msgid pointer only when it has none), and
 * the palette shows it in French. */
static void
test_examples_translated (void)
{
  g_autofree char *dir = cl_app_palette_find_designs_dir ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *file;
  int n = 0;

  g_assert_nonnull (d);
  while ((file = g_dir_read_name (d)) != NULL)
    {
      if (!g_str_has_suffix (file, ".json"))
        continue;
      g_autofree char *path = g_build_filename (dir, file, NULL);
      g_autoptr(ClDesign) design = cl_design_load (path, NULL);
      g_assert_nonnull (design);
      g_assert_nonnull (design->name);
      if (gettext (design->name) == design->name)
        g_error ("%s: its name “%s” has no French translation in po/fr.po", file, design->name);
      n++;
    }
  g_assert_cmpint (n, >=, 10);
  g_assert_cmpstr (gettext ("Small CNN with batch norm and dropout"), !=,
                   "Small CNN with batch norm and dropout");
}

/* The counts a class reads say "1 époque" and "2 époques": each message
 * with a number of things has its French singular and plural. */
static void
test_plurals (void)
{
  static const struct { const char *one, *many; } plurals[] = {
    { "Finished %d epoch.", "Finished %d epochs." },
    { "Confusion matrix — %s test sample, %s correct",
      "Confusion matrix — %s test samples, %s correct" },
    { "%s #%d — rate %s, dropped %s (%d of %d unit)", "%s #%d — rate %s, dropped %s (%d of %d units)" },
    { "Output %s · %s parameter", "Output %s · %s parameters" },
    { "Network of %d layer, %s parameters.", "Network of %d layers, %s parameters." },
    { "parameter", "parameters" },
    { "%d of %d filter with R² ≥ %s", "%d of %d filters with R² ≥ %s" },
    { "outer ring: %u filter", "outer ring: %u filters" },
    { "The network ends with %d output but %s has %u classes: make the last Dense layer %u units.",
      "The network ends with %d outputs but %s has %u classes: make the last Dense layer %u units." },
    { "A batch of %d sample does not fit this network, compiled for %d.",
      "A batch of %d samples does not fit this network, compiled for %d." },
    { "There is no sample %u: %s has %u test sample (0 to %u).",
      "There is no sample %u: %s has %u test samples (0 to %u)." },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (plurals); i++)
    {
      const char *one = ngettext (plurals[i].one, plurals[i].many, 1);
      const char *many = ngettext (plurals[i].one, plurals[i].many, 2);
      if (one == plurals[i].one || many == plurals[i].many)
        g_error ("“%s” has no French plural forms in po/fr.po", plurals[i].one);
      g_assert_cmpstr (one, !=, many);
    }

  /* French counts 0 and 1 as singular. */
  g_autofree char *e1 = g_strdup_printf (ngettext ("Finished %d epoch.", "Finished %d epochs.", 1), 1);
  g_autofree char *e2 = g_strdup_printf (ngettext ("Finished %d epoch.", "Finished %d epochs.", 2), 2);
  g_assert_cmpstr (e1, ==, "1 époque terminée.");
  g_assert_cmpstr (e2, ==, "2 époques terminées.");
}

int
main (int argc, char **argv)
{
  /* As main.c does, with the catalogue of the build tree. */
  cl_test_use_language ("fr");

  cl_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/french/window-speaks-french", test_window_speaks_french);
  g_test_add_func ("/ui/french/panels-fit-1024x768", test_panels_fit_1024x768);
  g_test_add_func ("/ui/french/examples-translated", test_examples_translated);
  g_test_add_func ("/ui/french/plurals", test_plurals);
  return g_test_run ();
}
