/* The main window: it opens, its regions are there, its controls are wired
 * and insensitive while there is nothing to train, its About and Shortcuts
 * windows open and close, its size is remembered. */
#include "config.h"

#include <adwaita.h>

#include "cl-app-window.h"
#include "ui-harness.h"

static ClAppApplication *app;

static GtkWidget *
find_descendant (GtkWidget *root, const char *buildable_id_or_tooltip, GType type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        {
          const char *action = GTK_IS_ACTIONABLE (child)
                                 ? gtk_actionable_get_action_name (GTK_ACTIONABLE (child)) : NULL;
          if (g_strcmp0 (action, buildable_id_or_tooltip) == 0)
            return child;
        }
      GtkWidget *found = find_descendant (child, buildable_id_or_tooltip, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_window_opens_with_its_regions (void)
{
  GtkWindow *window = cl_test_ui_main_window (app);

  g_assert_true (CL_APP_IS_WINDOW (window));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (window)));
  /* "<network name> – ConvLab": the design's name first, as GNOME editors do. */
  g_assert_true (g_str_has_suffix (gtk_window_get_title (window), "ConvLab"));
  g_assert_nonnull (find_descendant (GTK_WIDGET (window), NULL, ADW_TYPE_VIEW_SWITCHER));

  /* The seven panels: each says what will be there; the inspector says how to fill it. */
  int status_pages = 0;
  GtkWidget *stack = find_descendant (GTK_WIDGET (window), NULL, ADW_TYPE_VIEW_STACK);
  g_assert_nonnull (stack);
  g_autoptr(GtkSelectionModel) pages = adw_view_stack_get_pages (ADW_VIEW_STACK (stack));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (pages)), ==, 7);
  for (GtkWidget *w = GTK_WIDGET (window); w != NULL;)
    {
      if (ADW_IS_STATUS_PAGE (w))
        {
          status_pages++;
          g_assert_cmpstr (adw_status_page_get_description (ADW_STATUS_PAGE (w)), !=, "");
        }
      /* depth-first walk */
      GtkWidget *next = gtk_widget_get_first_child (w);
      while (next == NULL && w != NULL)
        {
          next = w == GTK_WIDGET (window) ? NULL : gtk_widget_get_next_sibling (w);
          if (next == NULL)
            {
              w = gtk_widget_get_parent (w);
              if (w == GTK_WIDGET (window) || w == NULL)
                {
                  w = NULL;
                  break;
                }
            }
        }
      if (w != NULL)
        w = next;
    }
  /* The empty inspector; the panels below the canvas are real now
   * (test-training checks them). */
  g_assert_cmpint (status_pages, >=, 1);

  g_autoptr(GdkTexture) shot = cl_test_ui_save_png (GTK_WIDGET (window), "window.png");
  g_assert_cmpint (gdk_texture_get_width (shot), ==, gtk_widget_get_width (GTK_WIDGET (window)));
}

static void
test_training_controls_exist_and_are_insensitive (void)
{
  GtkWindow *window = cl_test_ui_main_window (app);
  static const char *actions[] = { "win.play-pause", "win.step", "win.reset" };

  for (gsize i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GtkWidget *button = find_descendant (GTK_WIDGET (window), actions[i], GTK_TYPE_BUTTON);
      g_assert_nonnull (button);
      g_assert_true (gtk_widget_get_visible (button));
      g_assert_false (gtk_widget_is_sensitive (button));
      g_assert_nonnull (gtk_widget_get_tooltip_text (button));
    }
  /* The file actions of the menu exist; the picture export waits for the
   * panels.  A button bound to each shows its state, as the menu item does. */
  static const char *file_actions[] = { "win.open", "win.save", "win.save-as", "win.export-picture" };
  static const gboolean enabled[] = { TRUE, TRUE, TRUE, FALSE };
  AdwHeaderBar *header = ADW_HEADER_BAR (find_descendant (GTK_WIDGET (window), NULL, ADW_TYPE_HEADER_BAR));
  for (gsize i = 0; i < G_N_ELEMENTS (file_actions); i++)
    {
      GtkWidget *probe = gtk_button_new ();
      gtk_actionable_set_action_name (GTK_ACTIONABLE (probe), file_actions[i]);
      adw_header_bar_pack_end (header, probe);
      g_assert_true (gtk_widget_is_sensitive (probe) == enabled[i]);
      adw_header_bar_remove (header, probe);
    }
}

static gboolean
about_is_shown (gpointer data)
{
  return cl_test_ui_find_window (ADW_TYPE_ABOUT_WINDOW) != NULL;
}

static gboolean
about_is_gone (gpointer data)
{
  return !about_is_shown (data);
}

static void
test_about_window_opens_and_closes (void)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_true (cl_test_ui_wait_until (about_is_shown, NULL, 5000));

  GtkWindow *about = cl_test_ui_find_window (ADW_TYPE_ABOUT_WINDOW);
  g_assert_cmpstr (adw_about_window_get_application_name (ADW_ABOUT_WINDOW (about)), ==, "ConvLab");
  g_assert_cmpstr (adw_about_window_get_version (ADW_ABOUT_WINDOW (about)), ==, PACKAGE_VERSION);
  g_assert_true (gtk_window_get_transient_for (about) == cl_test_ui_main_window (app));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (about));
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (about), "about.png") });

  gtk_window_close (about);
  g_assert_true (cl_test_ui_wait_until (about_is_gone, NULL, 5000));
}

static gboolean
shortcuts_is_shown (gpointer data)
{
  return cl_test_ui_find_window (GTK_TYPE_SHORTCUTS_WINDOW) != NULL;
}

static gboolean
shortcuts_is_gone (gpointer data)
{
  return !shortcuts_is_shown (data);
}

static void
test_shortcuts_window_opens_and_closes (void)
{
  GtkWindow *window = cl_test_ui_main_window (app);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL));
  g_assert_true (cl_test_ui_wait_until (shortcuts_is_shown, NULL, 5000));
  GtkWindow *shortcuts = cl_test_ui_find_window (GTK_TYPE_SHORTCUTS_WINDOW);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (shortcuts));
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (shortcuts), "shortcuts.png") });

  gtk_window_close (shortcuts);
  g_assert_true (cl_test_ui_wait_until (shortcuts_is_gone, NULL, 5000));
}

static void
test_window_size_is_remembered (void)
{
  GSettings *settings = cl_app_application_get_settings (app);
  GtkWindow *window = cl_test_ui_main_window (app);

  g_assert_nonnull (settings);
  gtk_window_set_default_size (window, 1000, 700);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1000);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 700);

  /* A new window starts at the remembered size. */
  ClAppWindow *second = cl_app_window_new (app);
  int width, height;
  gtk_window_get_default_size (GTK_WINDOW (second), &width, &height);
  g_assert_cmpint (width, ==, 1000);
  g_assert_cmpint (height, ==, 700);
  gtk_window_destroy (GTK_WINDOW (second));
}

int
main (int argc, char **argv)
{
  cl_test_ui_init (&argc, &argv);
  app = cl_test_ui_start_app ();

  g_test_add_func ("/ui/window/opens-with-its-regions", test_window_opens_with_its_regions);
  g_test_add_func ("/ui/window/training-controls-exist-and-are-insensitive",
                   test_training_controls_exist_and_are_insensitive);
  g_test_add_func ("/ui/window/about-opens-and-closes", test_about_window_opens_and_closes);
  g_test_add_func ("/ui/window/shortcuts-open-and-close", test_shortcuts_window_opens_and_closes);
  g_test_add_func ("/ui/window/size-is-remembered", test_window_size_is_remembered);

  /* The window must be finalised once closed: a leaked reference would
   * keep a trained network alive after its window is gone. */
  GtkWindow *window = cl_test_ui_main_window (app);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);

  int status = g_test_run ();
  cl_test_ui_stop_app (app);
  g_assert_null (window);
  g_object_unref (app);
  return status;
}
