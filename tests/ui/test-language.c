/* The language chosen in the primary menu: the window speaks it at once
 * and the work stays — the same document, its file, its undo history. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "cl-app-palette.h"
#include "cl-app-spin.h"
#include "cl-app-window.h"
#include "ui-harness.h"

/* A label of `root` showing exactly `text`, depth first. */
static GtkWidget *
find_label (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
window_replaced (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* Chooses `code` in the menu's Language submenu and returns the window
 * that replaced `window`. */
static GtkWindow *
choose_language (ClAppApplication *app, GtkWindow *window, const char *code)
{
  gpointer old = window;

  g_object_add_weak_pointer (G_OBJECT (window), &old);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.language", "s", code));
  g_assert_true (cl_test_ui_wait_until (window_replaced, &old, 5000));
  GtkWindow *fresh = cl_test_ui_main_window (app);
  g_assert_nonnull (fresh);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fresh));
  return fresh;
}

static void
test_switch_keeps_document_and_undo (void)
{
  g_autoptr(ClAppApplication) app = cl_test_ui_start_app ();
  GtkWindow *window = cl_test_ui_main_window (app);
  ClAppDocument *document = cl_app_window_get_document (CL_APP_WINDOW (window));
  g_autofree char *dir = cl_app_palette_find_designs_dir ();
  g_autofree char *path = g_build_filename (dir, "xor.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ClDesign *design = cl_design_load (path, NULL);

  g_assert_nonnull (design);
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Epoch"));

  /* Work to keep: a file, two edits not saved. */
  cl_app_document_load (document, design, file);
  int n = cl_app_document_get_n_layers (document);
  g_assert_true (cl_app_document_insert_layer (document, n, "ReLU"));
  g_assert_true (cl_app_document_insert_layer (document, n + 1, "Dropout"));
  g_assert_true (cl_app_document_get_dirty (document));
  /* Dropout last: a design error, written in English for now. */
  g_autofree char *error_en = g_strdup (cl_app_document_get_error (document));
  g_assert_nonnull (error_en);
  g_object_ref (document);

  window = choose_language (app, window, "fr");
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Époque"));
  g_assert_null (find_label (GTK_WIDGET (window), "Epoch"));
  /* The design's error is checked again, in French. */
  g_assert_nonnull (cl_app_document_get_error (document));
  g_assert_cmpstr (cl_app_document_get_error (document), !=, error_en);
  g_assert_null (find_label (GTK_WIDGET (window), error_en));
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window), "language-fr.png") });

  /* The same document, not a copy: file, changes, and both edits undoable
   * through the new window's own Undo. */
  g_assert_true (cl_app_window_get_document (CL_APP_WINDOW (window)) == document);
  g_assert_true (g_file_equal (cl_app_document_get_file (document), file));
  g_assert_true (cl_app_document_get_dirty (document));
  g_assert_cmpint (cl_app_document_get_n_layers (document), ==, n + 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (cl_app_document_get_n_layers (document), ==, n + 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_cmpint (cl_app_document_get_n_layers (document), ==, n);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.redo", NULL));
  g_assert_cmpint (cl_app_document_get_n_layers (document), ==, n + 1);

  /* Saved for the next start, and the menu shows the choice. */
  GSettings *settings = cl_app_application_get_settings (app);
  g_autofree char *saved = g_settings_get_string (settings, "language");
  g_assert_cmpstr (saved, ==, "fr");
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (window), "language");
  g_assert_cmpstr (g_variant_get_string (state, NULL), ==, "fr");

  /* And back to English. */
  window = choose_language (app, window, "en");
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Epoch"));
  g_assert_true (cl_app_window_get_document (CL_APP_WINDOW (window)) == document);
  g_assert_cmpint (cl_app_document_get_n_layers (document), ==, n + 1);
  g_assert_true (cl_app_document_can_undo (document));
  g_assert_cmpstr (cl_app_document_get_error (document), ==, error_en);

  /* The system's language is the session's LANGUAGE again ("en" here). */
  window = choose_language (app, window, "");
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "en");
  g_assert_nonnull (find_label (GTK_WIDGET (window), "Epoch"));

  /* Leaving without saving: nothing to ask in a test. */
  cl_app_document_load (document, cl_design_load (path, NULL), NULL);
  g_object_unref (document);
  cl_test_ui_stop_app (app);
}

/* A label of `root` whose whole text matches `pattern`, depth first. */
static GtkWidget *
find_label_matching (GtkWidget *root, const char *pattern)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root)
      && g_regex_match_simple (pattern, gtk_label_get_text (GTK_LABEL (root)), 0, 0))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_matching (child, pattern);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A spin button of `root` showing `text`, depth first. */
static GtkWidget *
find_spin_showing (GtkWidget *root, const char *text)
{
  if (GTK_IS_SPIN_BUTTON (root) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_spin_showing (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What a user types into a spin button with decimals, in French. */
static void
test_spin_reads_french (void)
{
  double v = 0;

  g_setenv ("LANGUAGE", "fr", TRUE);
  textdomain (GETTEXT_PACKAGE);
  g_assert_true (cl_app_spin_parse ("0,05", &v));
  g_assert_cmpfloat (v, ==, 0.05);
  g_assert_true (cl_app_spin_parse ("0.05", &v));   /* a point out of habit */
  g_assert_cmpfloat (v, ==, 0.05);
  g_assert_true (cl_app_spin_parse ("1\xe2\x80\xaf" "024,5", &v));
  g_assert_cmpfloat (v, ==, 1024.5);
  g_assert_true (cl_app_spin_parse ("\xe2\x88\x92" "0,5", &v));
  g_assert_cmpfloat (v, ==, -0.5);
  g_assert_false (cl_app_spin_parse ("", &v));
  g_assert_false (cl_app_spin_parse ("abc", &v));
  g_assert_false (cl_app_spin_parse ("0,5x", &v));
  g_assert_false (cl_app_spin_parse ("1e999", &v));
  g_assert_false (cl_app_spin_parse ("é", &v));
  g_setenv ("LANGUAGE", "en", TRUE);
  textdomain (GETTEXT_PACKAGE);
}

static gboolean
stepped_to (gpointer data)
{
  gpointer *args = data;
  ClAppTraining *training = cl_app_window_get_training (CL_APP_WINDOW (args[0]));
  const ClSnapshot *s = cl_app_training_get_snapshot (training);
  return s != NULL && s->step >= GPOINTER_TO_UINT (args[1]);
}

/* Chosen French, the Training panel writes its figures the French way:
 * the loss as 0,6931, the accuracy as 75,0 %. */
static void
test_training_figures_in_french (void)
{
  g_autoptr(ClAppApplication) app = cl_test_ui_start_app ();
  GtkWindow *window = choose_language (app, cl_test_ui_main_window (app), "fr");
  ClAppDocument *document = cl_app_window_get_document (CL_APP_WINDOW (window));
  g_autofree char *dir = cl_app_palette_find_designs_dir ();
  g_autofree char *path = g_build_filename (dir, "xor.json", NULL);

  gtk_window_set_default_size (window, 1280, 720);
  cl_app_document_load (document, cl_design_load (path, NULL), NULL);
  cl_test_ui_spin (300);
  /* Ten steps of XOR's twenty an epoch: figures, and no epoch to save. */
  for (guint step = 1; step <= 10; step++)
    {
      gpointer args[] = { window, GUINT_TO_POINTER (step) };
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL));
      g_assert_true (cl_test_ui_wait_until (stepped_to, args, 30000));
    }
  cl_test_ui_spin (300);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window), "training-fr.png") });

  /* A loss with four decimals after a comma, a percentage after a narrow
   * no-break space, and no English figure left. */
  g_assert_nonnull (find_label_matching (GTK_WIDGET (window), "^[0-9]+,[0-9]{4}$"));
  g_assert_nonnull (find_label_matching (GTK_WIDGET (window), "^[0-9]+,[0-9]\xe2\x80\xaf%$"));
  g_assert_null (find_label_matching (GTK_WIDGET (window), "^[0-9]+\\.[0-9]{4}$"));

  /* The learning rate reads 0,05000 and takes what a French user types. */
  GtkWidget *lr = find_spin_showing (GTK_WIDGET (window), "0,05000");
  g_assert_nonnull (lr);
  gtk_editable_set_text (GTK_EDITABLE (lr), "0,02");
  gtk_spin_button_update (GTK_SPIN_BUTTON (lr));
  g_assert_cmpfloat_with_epsilon (cl_net_spec_peek_train (cl_app_document_get_spec (document))->lr,
                                  0.02, 1e-9);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lr)), ==, "0,02000");
  /* Not a number: refused, the value stays. */
  gtk_editable_set_text (GTK_EDITABLE (lr), "abc");
  gtk_spin_button_update (GTK_SPIN_BUTTON (lr));
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (lr)), 0.02, 1e-9);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (lr)), ==, "0,02000");

  /* Leaving without saving: nothing to ask in a test. */
  cl_app_document_load (document, cl_design_load (path, NULL), NULL);
  cl_test_ui_stop_app (app);
}

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("CONVLAB_LOCALEDIR");

  /* As main.c does; the session speaks English. */
  g_setenv ("LANGUAGE", "en", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  /* GLib decides once, at its first g_dgettext (), whether to translate
   * at all, and says no for a domain without an English catalogue in a
   * locale like C.UTF-8: asked now, before textdomain (), it says yes, so
   * GtkBuilder's strings follow a language chosen later in the menu. */
  (void) g_dgettext (GETTEXT_PACKAGE, "");
  textdomain (GETTEXT_PACKAGE);

  cl_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/language/switch-keeps-document-and-undo", test_switch_keeps_document_and_undo);
  g_test_add_func ("/ui/language/training-figures-in-french", test_training_figures_in_french);
  g_test_add_func ("/ui/language/spin-reads-french", test_spin_reads_french);
  return g_test_run ();
}
