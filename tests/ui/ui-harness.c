#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "ui-harness.h"

void
cl_test_ui_init (int *argc, char ***argv)
{
  g_test_init (argc, argv, NULL);
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      printf ("1..0 # SKIP no display: run the UI tests under xvfb-run (tools/test does)\n");
      exit (0);
    }
}

ClAppApplication *
cl_test_ui_start_app (void)
{
  g_autoptr(GError) error = NULL;
  ClAppApplication *app = cl_app_application_new ();

  /* Tests run side by side: no single-instance forwarding over D-Bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_application_activate (G_APPLICATION (app));

  GtkWindow *window = cl_test_ui_main_window (app);
  g_assert_nonnull (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return app;
}

GtkWindow *
cl_test_ui_main_window (ClAppApplication *app)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

  /* The application's list is most recently focused first: take the oldest. */
  return windows != NULL ? GTK_WINDOW (g_list_last (windows)->data) : NULL;
}

static gboolean
time_is_up (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

void
cl_test_ui_spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, time_is_up, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

gboolean
cl_test_ui_wait_until (gboolean (*done) (gpointer data), gpointer data, guint timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

GtkWindow *
cl_test_ui_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
is_shown (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0
         && gtk_widget_get_height (widget) > 0;
}

/* The widget's render node as it is on screen.  A window that was just
 * presented may not have produced one yet on a loaded machine: wait for
 * it to be mapped and sized, then retry for a moment before failing. */
static GskRenderNode *
widget_node (GtkWidget *widget, int width, int height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);

  for (int attempt = 0; attempt < 100; attempt++)
    {
      g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      GskRenderNode *node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
      if (node != NULL)
        return node;
      cl_test_ui_spin (20);
    }
  return NULL;
}

GdkTexture *
cl_test_ui_save_png (GtkWidget *widget, const char *name)
{
  const char *dir = g_getenv ("CL_TEST_SCREENSHOT_DIR");

  g_assert_true (cl_test_ui_wait_until (is_shown, widget, 5000));
  gtk_test_widget_wait_for_draw (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(GskRenderNode) node = widget_node (widget, width, height);
  g_assert_nonnull (node);
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, width, height);
  GdkTexture *texture = gsk_renderer_render_texture (renderer, node, &bounds);

  if (dir == NULL)
    dir = g_get_tmp_dir ();
  g_mkdir_with_parents (dir, 0755);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
  return texture;
}

static gboolean
no_windows_left (gpointer app)
{
  return gtk_application_get_windows (GTK_APPLICATION (app)) == NULL;
}

void
cl_test_ui_stop_app (ClAppApplication *app)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  g_assert_true (cl_test_ui_wait_until (no_windows_left, app, 5000));
}

GtkWidget *
cl_test_ui_find_by_type (GtkWidget *root, GType type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      GtkWidget *found = cl_test_ui_find_by_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
cl_test_ui_find_by_name (GtkWidget *root, const char *name)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (g_strcmp0 (gtk_widget_get_name (child), name) == 0)
        return child;
      GtkWidget *found = cl_test_ui_find_by_name (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}
