/* The data choice names the data as a person does, never by its id
 * ("cifar10:…", "fashion-mnist"), offers the embedded Photos set, and the
 * example "No hidden layer" trains on it as shipped.  In French, as in
 * class: the names are translated. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cl-app-palette.h"
#include "cl-app-training.h"
#include "cl-app-window.h"
#include "tests/use-language.h"
#include "ui-harness.h"
#include "ui-training.h"

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

/* The menu button whose menu chooses the data source. */
static GtkMenuButton *
find_data_button (GtkWidget *root)
{
  return cl_test_ui_find_menu_button (root, "win.data-source");
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

/* The button that opens the data's settings (its icon is a gear). */
static GtkWidget *
find_settings_button (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child)
          && g_strcmp0 (gtk_menu_button_get_icon_name (GTK_MENU_BUTTON (child)),
                        "emblem-system-symbolic") == 0)
        return child;
      GtkWidget *found = find_settings_button (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
save_photo (const char *dir, const char *name, guint8 r, guint8 g, guint8 b)
{
  g_autoptr(GdkPixbuf) p = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 300, 200);
  gdk_pixbuf_fill (p, ((guint32) r << 24) | ((guint32) g << 16) | ((guint32) b << 8) | 0xff);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_pixbuf_save (p, path, "png", NULL, NULL));
}

/* A folder of the teacher's own photos, one class each. */
static void
test_patches_of_a_folder (void)
{
  GMenuModel *menu = gtk_menu_button_get_menu_model (find_data_button (GTK_WIDGET (window ())));
  g_autofree char *item = item_label (menu, "patches");
  g_assert_cmpstr (item, ==, "Imagettes de vos photos (une classe par photo)…");

  g_autoptr(GError) error = NULL;
  g_autofree char *tmp = g_dir_make_tmp ("convlab-ui-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *dir = g_build_filename (tmp, "vacances", NULL);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  save_photo (dir, "mer.png", 20, 80, 200);
  save_photo (dir, "forêt.png", 20, 120, 30);
  g_autofree char *source = g_strconcat ("patches:", dir, NULL);

  choose (source);
  g_assert_cmpstr (data_label (), ==, "Imagettes des photos « vacances »");
  g_assert_true (cl_test_ui_wait_until (label_is, "vacances · 3×32×32", 10000));
  /* Their settings are those of a folder, explained for patches. */
  GtkWidget *settings = find_settings_button (GTK_WIDGET (window ()));
  g_assert_nonnull (settings);
  g_assert_true (gtk_widget_get_visible (settings));
  GtkWidget *size = cl_test_ui_find_by_name (
      GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (settings))), "size");
  g_assert_nonnull (size);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (size), ==,
                   "Côté des imagettes carrées découpées dans chaque photo, en pixels.");

  for (const char *const *f = (const char *const[]) { "mer.png", "forêt.png", NULL }; *f; f++)
    {
      g_autofree char *path = g_build_filename (dir, *f, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
  g_rmdir (tmp);
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
  g_assert_true (cl_test_ui_wait_can_train (cl_app_window_get_training (window ()), 10000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.step", NULL));
  g_assert_true (cl_test_ui_wait_until (stepped, NULL, 30000));
  cl_test_ui_spin (200);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()),
                                                         "no-hidden-layer-photos-fr.png") });
  /* A test patch through the network, its class named in French. */
  AdwViewStack *stack = ADW_VIEW_STACK (cl_test_ui_find_by_type (GTK_WIDGET (window ()),
                                                                 ADW_TYPE_VIEW_STACK));
  adw_view_stack_set_visible_child_name (stack, "activations");
  cl_test_ui_spin (500);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()),
                                                         "no-hidden-layer-activations-fr.png") });
}

int
main (int argc, char **argv)
{
  /* As main.c does, with the catalogue of the build tree. */
  cl_test_use_language ("fr");

  cl_test_ui_init (&argc, &argv);
  app = cl_test_ui_start_app ();
  gtk_window_set_default_size (cl_test_ui_main_window (app), 1280, 720);
  cl_test_ui_spin (100);
  g_test_add_func ("/ui/data-choice/menu-offers-photos", test_menu_offers_photos);
  g_test_add_func ("/ui/data-choice/photos-colour-is-chosen", test_photos_colour_is_chosen);
  g_test_add_func ("/ui/data-choice/names-not-ids", test_names_not_ids);
  g_test_add_func ("/ui/data-choice/patches-of-a-folder", test_patches_of_a_folder);
  g_test_add_func ("/ui/data-choice/no-hidden-layer-example-trains",
                   test_no_hidden_layer_example_trains);
  int status = g_test_run ();
  /* Closed without the prompt a trained run would bring. */
  gtk_window_destroy (cl_test_ui_main_window (app));
  cl_test_ui_spin (100);
  g_clear_object (&app);
  return status;
}
