/* The data choice names the data as a person does, never by its id
 * ("cifar10:…", "fashion-mnist"), offers the embedded Photos set, and the
 * example "No hidden layer" trains on it as shipped.  In French, as in
 * class: the names are translated. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cl-app-palette.h"
#include "cl-app-training.h"
#include "cl-app-window.h"
#include "ui-harness.h"

static ClAppApplication *app;

static ClAppWindow *
window (void)
{
  return CL_APP_WINDOW (cl_test_ui_main_window (app));
}

static ClAppDocument *
document (void)
{
  return cl_app_window_get_document (window ());
}

static gboolean
menu_has_action (GMenuModel *model, const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *a = NULL;
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &a)
          && g_str_equal (a, action))
        return TRUE;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

/* The menu button whose menu chooses the data source. */
static GtkMenuButton *
find_data_button (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child))
        {
          GMenuModel *model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child));
          if (model != NULL && menu_has_action (model, "win.data-source"))
            return GTK_MENU_BUTTON (child);
        }
      GtkMenuButton *found = find_data_button (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
data_label (void)
{
  GtkMenuButton *button = find_data_button (GTK_WIDGET (window ()));
  g_assert_nonnull (button);
  return gtk_menu_button_get_label (button);
}

/* The label of the menu item whose target is `target`, or NULL. */
static char *
item_label (GMenuModel *model, const char *target)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *t = NULL;
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_TARGET, "s", &t)
          && g_str_equal (t, target))
        {
          char *label = NULL;
          g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label);
          return label;
        }
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      char *found = section != NULL ? item_label (section, target) : NULL;
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
label_is (gpointer expected)
{
  return g_strcmp0 (data_label (), expected) == 0;
}

static gboolean
not_loading (gpointer data)
{
  GtkWidget *spinner = cl_test_ui_find_by_type (GTK_WIDGET (window ()), GTK_TYPE_SPINNER);
  return !gtk_widget_get_visible (spinner);
}

static void
choose (const char *source)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.data-source", "s",
                                             source));
}

static void
test_menu_offers_photos (void)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (find_data_button (GTK_WIDGET (window ())));
  g_autofree char *grey = item_label (menu, "photos");
  g_autofree char *colour = item_label (menu, "photos-colour");
  g_assert_cmpstr (grey, ==, "Photos (niveaux de gris)");
  g_assert_cmpstr (colour, ==, "Photos (couleur)");
}

static void
test_photos_colour_is_chosen (void)
{
  choose ("photos-colour");
  /* Named while it loads, then with its shape; the input follows it. */
  g_assert_cmpstr (data_label (), ==, "Photos (couleur)");
  g_assert_true (cl_test_ui_wait_until (label_is, "Photos · 3×32×32", 10000));
  const ClNetSpec *spec = cl_app_document_get_spec (document ());
  ClShape input = cl_net_spec_get_input (spec);
  g_assert_cmpint (input.c, ==, 3);
  g_assert_cmpint (input.h, ==, 32);
  g_assert_cmpint (input.w, ==, 32);
  cl_test_ui_spin (200);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()),
                                                         "data-photos-colour-fr.png") });

  choose ("photos");
  g_assert_cmpstr (data_label (), ==, "Photos (niveaux de gris)");
  g_assert_true (cl_test_ui_wait_until (label_is, "Photos · 1×32×32", 10000));
}

static void
test_names_not_ids (void)
{
  /* While it loads: a name, not "fashion-mnist". */
  choose ("fashion-mnist");
  g_assert_cmpstr (data_label (), ==, "Fashion-MNIST");
  g_assert_true (cl_test_ui_wait_until (not_loading, NULL, 30000));

  /* A CIFAR-10 folder that is not there: the load fails, and the button
   * still names it rather than showing "cifar10:…". */
  choose ("cifar10:/nonexistent/cifar-10-batches-bin");
  g_assert_true (cl_test_ui_wait_until (not_loading, NULL, 10000));
  g_assert_cmpstr (data_label (), ==, "CIFAR-10 « cifar-10-batches-bin »");
  cl_test_ui_spin (200);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()),
                                                         "data-missing-cifar-fr.png") });

  choose ("toy:spirals");
  g_assert_cmpstr (data_label (), ==, "Deux spirales");
  g_assert_true (cl_test_ui_wait_until (not_loading, NULL, 10000));
}

static gboolean
can_train (gpointer data)
{
  return cl_app_training_get_can_train (cl_app_window_get_training (window ()));
}

static gboolean
stepped (gpointer data)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (cl_app_window_get_training (window ()));
  return s != NULL && s->step >= 1;
}

/* The example as a teacher opens it: it loads its data and trains. */
static void
test_no_hidden_layer_example_trains (void)
{
  g_autofree char *dir = cl_app_palette_find_designs_dir ();
  g_autofree char *path = g_build_filename (dir, "no-hidden-layer.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) design = cl_design_load (path, &error);
  g_assert_no_error (error);
  cl_app_document_load (document (), g_steal_pointer (&design), NULL);

  g_assert_true (cl_test_ui_wait_until (label_is, "Photos · 3×32×32", 10000));
  g_assert_true (cl_test_ui_wait_until (can_train, NULL, 10000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.step", NULL));
  g_assert_true (cl_test_ui_wait_until (stepped, NULL, 30000));
  cl_test_ui_spin (200);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()),
                                                         "no-hidden-layer-photos-fr.png") });
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
  app = cl_test_ui_start_app ();
  gtk_window_set_default_size (cl_test_ui_main_window (app), 1280, 720);
  cl_test_ui_spin (100);
  g_test_add_func ("/ui/data-choice/menu-offers-photos", test_menu_offers_photos);
  g_test_add_func ("/ui/data-choice/photos-colour-is-chosen", test_photos_colour_is_chosen);
  g_test_add_func ("/ui/data-choice/names-not-ids", test_names_not_ids);
  g_test_add_func ("/ui/data-choice/no-hidden-layer-example-trains",
                   test_no_hidden_layer_example_trains);
  int status = g_test_run ();
  /* Closed without the prompt a trained run would bring. */
  gtk_window_destroy (cl_test_ui_main_window (app));
  cl_test_ui_spin (100);
  g_clear_object (&app);
  return status;
}
