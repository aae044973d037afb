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
      printf ("1..0 # SKIP no display: run the UI tests under Xvfb (tools/test does)\n");
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
  /* A new window starts on the Lessons page; the tests want the editor
   * (test-lessons turns it back on).  The memory backend is the process's:
   * the application reads what this writes. */
  GSettingsSchema *schema = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                                             APPLICATION_ID, TRUE);
  if (schema != NULL && g_getenv ("CL_TEST_LESSONS_AT_START") == NULL)
    {
      g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
      g_settings_set_boolean (settings, "lessons-at-start", FALSE);
    }
  g_clear_pointer (&schema, g_settings_schema_unref);
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

gboolean
cl_test_ui_menu_has_action (GMenuModel *model, const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *a = NULL;
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &a)
          && g_str_equal (a, action))
        return TRUE;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);
      if (section != NULL && cl_test_ui_menu_has_action (section, action))
        return TRUE;
    }
  return FALSE;
}

GtkMenuButton *
cl_test_ui_find_menu_button (GtkWidget *root, const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_MENU_BUTTON (child))
        {
          GMenuModel *model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (child));
          if (model != NULL && cl_test_ui_menu_has_action (model, action))
            return GTK_MENU_BUTTON (child);
        }
      GtkMenuButton *found = cl_test_ui_find_menu_button (child, action);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* ---- The clipping walker (issue 14: fits the screens classrooms have) ---- */

/* How a widget is named in a report: its type, its words, and the nearest
 * ConvLab or libadwaita widget around it, so the line says where to look. */
static char *
describe_widget (GtkWidget *widget)
{
  const char *words = NULL;
  const char *owner = "";

  if (GTK_IS_LABEL (widget))
    words = gtk_label_get_label (GTK_LABEL (widget));
  else if (GTK_IS_BUTTON (widget))
    words = gtk_button_get_label (GTK_BUTTON (widget));
  else if (GTK_IS_CHECK_BUTTON (widget))
    words = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
  for (GtkWidget *up = gtk_widget_get_parent (widget); up != NULL; up = gtk_widget_get_parent (up))
    {
      const char *type = G_OBJECT_TYPE_NAME (up);
      if (g_str_has_prefix (type, "Cl") || g_str_has_prefix (type, "Adw"))
        {
          owner = type;
          break;
        }
    }
  return g_strdup_printf ("%s \"%s\" (in %s)", G_OBJECT_TYPE_NAME (widget),
                          words != NULL ? words : "", owner);
}

/* Labels, buttons, tabs and the controls a user reads or clicks: what must
 * be seen whole.  Containers may be larger than the screen's share as long
 * as what they hold is seen. */
static gboolean
is_checked_kind (GtkWidget *widget)
{
  return GTK_IS_LABEL (widget) || GTK_IS_BUTTON (widget) || GTK_IS_CHECK_BUTTON (widget)
         || GTK_IS_DROP_DOWN (widget) || GTK_IS_SPIN_BUTTON (widget) || GTK_IS_ENTRY (widget)
         || GTK_IS_SWITCH (widget) || GTK_IS_IMAGE (widget);
}

/* Half a pixel of slack: allocations are whole pixels, bounds are floats. */
#define SLACK 0.5

/* The widget's size as gtk_widget_measure () counts it: its allocation
 * (which holds its CSS margins) plus its margin properties. */
static void
measured_size (GtkWidget *widget, int *width, int *height)
{
  GtkAllocation allocation;

  gtk_widget_get_allocation (widget, &allocation);
  *width = allocation.width + gtk_widget_get_margin_start (widget) + gtk_widget_get_margin_end (widget);
  *height = allocation.height + gtk_widget_get_margin_top (widget)
            + gtk_widget_get_margin_bottom (widget);
}

static void
check_widget (GtkWidget *widget, GtkWidget *root, const graphene_rect_t *visible, GString *report)
{
  graphene_rect_t bounds;
  int width, height;
  int min_width, nat_width, min_height;
  g_autofree char *name = NULL;

  if (!gtk_widget_compute_bounds (widget, root, &bounds))
    return;
  measured_size (widget, &width, &height);
  name = describe_widget (widget);
  /* A label's box may pass the edge where its text does not (the
   * shortcuts window sizes its titles' boxes together): its text is what
   * must be seen. */
  if (GTK_IS_LABEL (widget))
    {
      PangoRectangle text;
      int x, y;
      gtk_label_get_layout_offsets (GTK_LABEL (widget), &x, &y);
      pango_layout_get_pixel_extents (gtk_label_get_layout (GTK_LABEL (widget)), NULL, &text);
      graphene_rect_t box = bounds;
      bounds = GRAPHENE_RECT_INIT (box.origin.x + x + text.x, box.origin.y + y + text.y,
                                   text.width, text.height);
    }
  if (bounds.origin.x < visible->origin.x - SLACK
      || bounds.origin.x + bounds.size.width > visible->origin.x + visible->size.width + SLACK
      || bounds.origin.y < visible->origin.y - SLACK
      || bounds.origin.y + bounds.size.height > visible->origin.y + visible->size.height + SLACK)
    g_string_append_printf (report, "%s: cut, at x %.0f..%.0f y %.0f..%.0f, seen x %.0f..%.0f\n",
                            name, bounds.origin.x, bounds.origin.x + bounds.size.width,
                            bounds.origin.y, bounds.origin.y + bounds.size.height,
                            visible->origin.x, visible->origin.x + visible->size.width);

  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min_width, &nat_width, NULL, NULL);
  if (width < min_width)
    g_string_append_printf (report, "%s: %d px wide, needs at least %d\n", name, width, min_width);

  if (!GTK_IS_LABEL (widget))
    return;
  GtkLabel *label = GTK_LABEL (widget);
  if (pango_layout_is_ellipsized (gtk_label_get_layout (label)))
    g_string_append_printf (report, "%s: ellipsized in %d px (its text needs %d)\n", name, width,
                            nat_width);
  else if (!gtk_label_get_wrap (label) && gtk_label_get_ellipsize (label) == PANGO_ELLIPSIZE_NONE
           && width < nat_width)
    g_string_append_printf (report, "%s: %d px wide, its text needs %d\n", name, width, nat_width);
  gtk_widget_measure (widget, GTK_ORIENTATION_VERTICAL, width, &min_height, NULL, NULL, NULL);
  if (height < min_height)
    g_string_append_printf (report, "%s: %d px high, its lines need %d\n", name, height, min_height);
}

/* A scroller that needs a sideways scroll hides part of what it holds from
 * a class that cannot scroll what it watches on a projector. */
static void
check_scroller (GtkScrolledWindow *scroller, GString *report)
{
  GtkAdjustment *h = gtk_scrolled_window_get_hadjustment (scroller);
  double upper = gtk_adjustment_get_upper (h) - gtk_adjustment_get_lower (h);
  double page = gtk_adjustment_get_page_size (h);

  if (page > 0 && upper > page + SLACK)
    {
      g_autofree char *name = describe_widget (GTK_WIDGET (scroller));
      g_string_append_printf (report, "%s: needs a sideways scroll (%.0f px in %.0f)\n", name,
                              upper, page);
    }
}

/* Narrows `visible` to `child`'s side of the paned's divider: a child
 * dragged smaller than its minimum keeps its minimum size, shifted, and
 * the paned clips what passes the divider. */
static void
paned_side (GtkPaned *paned, GtkWidget *child, GtkWidget *root, graphene_rect_t *visible)
{
  graphene_rect_t side;
  gboolean horizontal = gtk_orientable_get_orientation (GTK_ORIENTABLE (paned))
                        == GTK_ORIENTATION_HORIZONTAL;
  float position = gtk_paned_get_position (paned);

  if (!gtk_widget_compute_bounds (GTK_WIDGET (paned), root, &side))
    return;
  /* With the other child hidden (the inspector folded away), this one has
   * the whole paned and the position no longer divides anything. */
  GtkWidget *other = child == gtk_paned_get_start_child (paned) ? gtk_paned_get_end_child (paned)
                                                                 : gtk_paned_get_start_child (paned);
  if (other == NULL || !gtk_widget_get_visible (other))
    return;
  if (child == gtk_paned_get_start_child (paned))
    {
      if (horizontal)
        side.size.width = MIN (side.size.width, position);
      else
        side.size.height = MIN (side.size.height, position);
    }
  else if (horizontal)
    {
      /* The end child: from the divider on. */
      side.origin.x += position;
      side.size.width = MAX (side.size.width - position, 0);
    }
  else
    {
      side.origin.y += position;
      side.size.height = MAX (side.size.height - position, 0);
    }
  if (!graphene_rect_intersection (visible, &side, visible))
    *visible = GRAPHENE_RECT_INIT (0, 0, 0, 0);
}

static void
walk (GtkWidget *widget, GtkWidget *root, graphene_rect_t visible, GString *report)
{
  graphene_rect_t bounds;

  if (!gtk_widget_get_mapped (widget) || !gtk_widget_get_child_visible (widget))
    return;
  if (widget != root && GTK_IS_NATIVE (widget))
    return; /* a popover or a tooltip: its own surface, walked on its own */
  if (gtk_widget_get_width (widget) <= 0 && gtk_widget_get_height (widget) <= 0)
    return;
  /* A paned clips each child to its side of the divider (in its
   * snapshot, not through the overflow property). */
  if (GTK_IS_PANED (gtk_widget_get_parent (widget)))
    paned_side (GTK_PANED (gtk_widget_get_parent (widget)), widget, root, &visible);
  if (is_checked_kind (widget))
    check_widget (widget, root, &visible, report);
  if (GTK_IS_SCROLLED_WINDOW (widget))
    check_scroller (GTK_SCROLLED_WINDOW (widget), report);

  /* What this widget clips, its children must fit in; a scroller clips
   * sideways only, since scrolling down a long list is expected. */
  if (widget != root && gtk_widget_get_overflow (widget) == GTK_OVERFLOW_HIDDEN
      && gtk_widget_compute_bounds (widget, root, &bounds))
    {
      if (GTK_IS_SCROLLED_WINDOW (widget) || GTK_IS_VIEWPORT (widget))
        {
          bounds.origin.y = visible.origin.y;
          bounds.size.height = visible.size.height;
        }
      if (!graphene_rect_intersection (&visible, &bounds, &visible))
        visible = GRAPHENE_RECT_INIT (0, 0, 0, 0);
    }
  /* Inside a scroller, vertical position is the scroller's business. */
  if (GTK_IS_SCROLLED_WINDOW (widget))
    {
      visible.origin.y = -G_MAXFLOAT / 4;
      visible.size.height = G_MAXFLOAT / 2;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    walk (child, root, visible, report);
}

char *
cl_test_ui_describe_clipped (GtkWidget *root)
{
  g_autoptr(GString) report = g_string_new (NULL);
  graphene_rect_t visible = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (root),
                                                gtk_widget_get_height (root));
  GtkNative *native = gtk_widget_get_native (root);
  GdkSurface *surface = native != NULL ? gtk_native_get_surface (native) : NULL;

  /* Without a window manager a window sits at 0,0: what passes the
   * screen's edge is not seen. */
  if (surface != NULL)
    {
      GdkMonitor *monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (root), surface);
      GdkRectangle screen;
      gdk_monitor_get_geometry (monitor, &screen);
      if (gtk_widget_get_width (root) > screen.width || gtk_widget_get_height (root) > screen.height)
        g_string_append_printf (report, "%s: %d×%d, larger than the %d×%d screen\n",
                                G_OBJECT_TYPE_NAME (root), gtk_widget_get_width (root),
                                gtk_widget_get_height (root), screen.width, screen.height);
      graphene_rect_t on_screen = GRAPHENE_RECT_INIT (0, 0, screen.width, screen.height);
      graphene_rect_intersection (&visible, &on_screen, &visible);
    }
  walk (root, root, visible, report);
  return report->len > 0 ? g_strdup (report->str) : NULL;
}

void
cl_test_ui_assert_nothing_clipped (GtkWidget *root, const char *where)
{
  g_autofree char *clipped = NULL;

  gtk_test_widget_wait_for_draw (root);
  clipped = cl_test_ui_describe_clipped (root);
  /* Fails and goes on: one run lists every place that is cut. */
  if (clipped != NULL)
    g_test_fail_printf ("%s: not shown whole:\n%s", where, clipped);
}

void
cl_test_ui_xdotool (const char *args, guint spin_ms)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  cl_test_ui_spin (spin_ms);
}

void
cl_test_ui_screen_point (GtkWidget *widget, double x, double y, int *sx, int *sy)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y), out;
  double dx, dy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &in, &out));
  gtk_native_get_surface_transform (native, &dx, &dy);
  *sx = (int) (out.x + dx);
  *sy = (int) (out.y + dy);
}

void
cl_test_ui_click_at (GtkWidget *widget, double x, double y)
{
  int sx, sy;

  cl_test_ui_screen_point (widget, x, y, &sx, &sy);
  g_autofree char *move = g_strdup_printf ("mousemove %d %d", sx, sy);
  cl_test_ui_xdotool (move, 100);
  cl_test_ui_xdotool ("click 1", 100);
  cl_test_ui_spin (200);
}

void
cl_test_ui_click (GtkWidget *widget)
{
  cl_test_ui_click_at (widget, gtk_widget_get_width (widget) / 2.0,
                       gtk_widget_get_height (widget) / 2.0);
}
