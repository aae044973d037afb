/* The Explorers window, in French on a 1024×768 projector: win.explorer
 * opens it on a page (from the menu, F7, a lesson), an unknown name is
 * said and nothing breaks, F11 and Escape (real keys) present and leave
 * with the presentation style given to the explorer, Ctrl+plus zooms,
 * Export writes the explorer's own picture, and it goes with its main
 * window.  Then every explorer of the table: it opens, draws and exports
 * at the projector's sizes and in presentation style, and nothing in its
 * page is cut at 1024×768. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "cl-app-explorer-window.h"
#include "cl-app-window.h"
#include "render/render-export.h"
#include "tests/use-language.h"
#include "ui-harness.h"

/* ---- an explorer for the frame's own tests: a red picture ---- */

#define TEST_TYPE_EXPLORER (test_explorer_get_type ())
G_DECLARE_FINAL_TYPE (TestExplorer, test_explorer, TEST, EXPLORER, GtkWidget)

struct _TestExplorer
{
  GtkWidget parent_instance;
  double scale, min_text;
  int n_styles;
};

static gboolean
test_explorer_render (ClAppExplorer *explorer, cairo_t *cr, const ClRenderStyle *style, int width,
                      int height)
{
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 0, 0);
  cairo_rectangle (cr, 0, 0, width, height);
  cairo_fill (cr);
  cairo_restore (cr);
  return TRUE;
}

static void
test_explorer_set_style (ClAppExplorer *explorer, double scale, double min_text)
{
  TestExplorer *self = TEST_EXPLORER (explorer);
  self->scale = scale;
  self->min_text = min_text;
  self->n_styles++;
}

static void
test_explorer_iface_init (ClAppExplorerInterface *iface)
{
  iface->render = test_explorer_render;
  iface->set_style = test_explorer_set_style;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestExplorer, test_explorer, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CL_APP_TYPE_EXPLORER,
                                                      test_explorer_iface_init))

static void
test_explorer_init (TestExplorer *self)
{
  self->scale = 1;
}

static void
test_explorer_class_init (TestExplorerClass *klass)
{
}

static GtkWidget *
test_explorer_new (ClAppDocument *document, ClAppTraining *training)
{
  g_assert_true (CL_APP_IS_DOCUMENT (document));
  g_assert_true (CL_APP_IS_TRAINING (training));
  return g_object_new (TEST_TYPE_EXPLORER, NULL);
}

static const ClAppExplorerInfo test_info = {
  "test-red", "Red", "applications-science-symbolic", "red.png", test_explorer_new
};

/* ---- helpers ---- */

static ClAppExplorerWindow *
open_explorers (ClAppWindow *window, const char *id)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.explorer", "s", id);
  cl_test_ui_spin (200);
  GtkWindow *explorers = cl_app_window_get_explorer_window (window);
  g_assert_nonnull (explorers);
  g_assert_true (CL_APP_IS_EXPLORER_WINDOW (explorers));
  return CL_APP_EXPLORER_WINDOW (explorers);
}

/* The pointer on the explorers window: with no window manager under Xvfb,
 * the window under the pointer gets the keys. */
static void
point_at (GtkWidget *widget)
{
  int x, y;
  cl_test_ui_screen_point (widget, gtk_widget_get_width (widget) / 2.0,
                           gtk_widget_get_height (widget) / 2.0, &x, &y);
  g_autofree char *move = g_strdup_printf ("mousemove %d %d", x, y);
  cl_test_ui_xdotool (move, 100);
}

/* ---- the frame ---- */

static void
test_opens_on_a_page (void)
{
  g_autoptr(ClAppApplication) app = cl_test_ui_start_app ();
  ClAppWindow *window = CL_APP_WINDOW (cl_test_ui_main_window (app));

  g_assert_null (cl_app_window_get_explorer_window (window));
  ClAppExplorerWindow *explorers = open_explorers (window, "");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (explorers)));

  cl_app_explorer_window_add (explorers, &test_info);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.explorer", "s", "test-red");
  cl_test_ui_spin (100);
  g_assert_cmpstr (cl_app_explorer_window_get_visible_id (explorers), ==, "test-red");
  GtkWidget *red = cl_app_explorer_window_get_explorer (explorers, "test-red");
  g_assert_true (TEST_IS_EXPLORER (red));
  g_assert_true (gtk_widget_get_visible (red));

  /* An unknown name (a lesson file's typo): said, nothing else changes. */
  g_assert_false (cl_app_explorer_window_show (explorers, "no-such-explorer"));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.explorer", "s", "no-such-explorer");
  cl_test_ui_spin (100);
  g_assert_cmpstr (cl_app_explorer_window_get_visible_id (explorers), ==, "test-red");
  g_assert_null (cl_app_explorer_window_get_explorer (explorers, "no-such-explorer"));

  /* Closing hides it with its state; opening again shows the same page. */
  gtk_window_close (GTK_WINDOW (explorers));
  cl_test_ui_spin (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (explorers)));
  g_assert_true (GTK_WINDOW (explorers) == cl_app_window_get_explorer_window (window));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.explorer", "s", "");
  cl_test_ui_spin (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (explorers)));
  g_assert_true (cl_app_explorer_window_get_explorer (explorers, "test-red") == red);

  /* It goes with its main window. */
  g_object_add_weak_pointer (G_OBJECT (explorers), (gpointer *) &explorers);
  cl_test_ui_stop_app (app);
  g_assert_null (explorers);
}

static void
test_present_zoom_and_export (void)
{
  g_autoptr(ClAppApplication) app = cl_test_ui_start_app ();
  ClAppWindow *window = CL_APP_WINDOW (cl_test_ui_main_window (app));
  ClAppExplorerWindow *explorers = open_explorers (window, "");

  cl_app_explorer_window_add (explorers, &test_info);
  g_assert_true (cl_app_explorer_window_show (explorers, "test-red"));
  TestExplorer *red = TEST_EXPLORER (cl_app_explorer_window_get_explorer (explorers, "test-red"));
  cl_test_ui_spin (300);
  g_assert_cmpfloat (red->scale, ==, 1.0);

  /* F11 with the real keyboard: presentation style.  (Full screen itself
   * is the window manager's, and Xvfb has none.) */
  point_at (GTK_WIDGET (explorers));
  cl_test_ui_xdotool ("key F11", 200);
  g_assert_true (cl_app_explorer_window_get_presenting (explorers));
  g_assert_cmpfloat (red->scale, ==, CL_RENDER_PRESENT_SCALE);
  g_assert_cmpfloat (red->min_text, ==, CL_RENDER_PRESENT_MIN_TEXT);
  point_at (GTK_WIDGET (explorers));
  cl_test_ui_xdotool ("key Escape", 200);
  g_assert_false (cl_app_explorer_window_get_presenting (explorers));
  g_assert_cmpfloat (red->scale, ==, 1.0);
  g_assert_cmpfloat (red->min_text, ==, 0);

  /* Ctrl+plus and Ctrl+0. */
  point_at (GTK_WIDGET (explorers));
  cl_test_ui_xdotool ("key ctrl+plus", 200);
  g_assert_cmpfloat (red->scale, ==, 1.25);
  cl_test_ui_xdotool ("key ctrl+0", 200);
  g_assert_cmpfloat (red->scale, ==, 1.0);

  /* Export: the explorer's own picture at the size asked. */
  g_autofree char *dir = g_dir_make_tmp ("convlab-explorers-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "red.png", NULL);
  g_autoptr(GError) error = NULL;
  ClRenderStyle style = { 0 };
  g_assert_true (cl_app_explorer_window_export_png (explorers, path, 200, 100, 2, &style, &error));
  g_assert_no_error (error);
  cairo_surface_t *png = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 400);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 200);
  guint32 pixel = *(guint32 *) cairo_image_surface_get_data (png);
  g_assert_cmphex (pixel & 0xffffff, ==, 0xff0000);
  cairo_surface_destroy (png);
  g_unlink (path);
  g_rmdir (dir);

  cl_test_ui_stop_app (app);
}

/* ---- every explorer of the table ---- */

static void
test_every_explorer (void)
{
  guint n;
  const ClAppExplorerInfo *all = cl_app_explorers (&n);

  if (n == 0)
    {
      g_test_skip ("no explorer is built in");
      return;
    }

  g_autoptr(ClAppApplication) app = cl_test_ui_start_app ();
  ClAppWindow *window = CL_APP_WINDOW (cl_test_ui_main_window (app));
  ClAppExplorerWindow *explorers = open_explorers (window, all[0].id);
  /* The projector's size: the window fills it. */
  gtk_window_set_default_size (GTK_WINDOW (explorers), 1024, 740);
  gtk_window_maximize (GTK_WINDOW (explorers));
  cl_test_ui_spin (500);

  for (guint i = 0; i < n; i++)
    {
      g_test_message ("explorer %s", all[i].id);
      g_assert_nonnull (all[i].title);
      g_assert_nonnull (all[i].export_name);
      g_assert_true (g_str_has_suffix (all[i].export_name, ".png"));
      g_assert_true (cl_app_explorer_lookup (all[i].id) == &all[i]);
      gtk_widget_activate_action (GTK_WIDGET (window), "win.explorer", "s", all[i].id);
      cl_test_ui_spin (400);
      g_assert_cmpstr (cl_app_explorer_window_get_visible_id (explorers), ==, all[i].id);
      GtkWidget *explorer = cl_app_explorer_window_get_explorer (explorers, all[i].id);
      g_assert_true (CL_APP_IS_EXPLORER (explorer));

      g_autofree char *shot = g_strdup_printf ("explorer-%s-fr-1024.png", all[i].id);
      g_object_unref (cl_test_ui_save_png (GTK_WIDGET (explorers), shot));
      g_autofree char *where = g_strdup_printf ("the %s explorer at 1024×768", all[i].id);
      cl_test_ui_assert_nothing_clipped (GTK_WIDGET (explorers), where);

      /* Its export, everyday and for the projector. */
      for (int present = 0; present <= 1; present++)
        {
          ClRenderStyle style = { .scale = present ? CL_RENDER_PRESENT_SCALE : 1,
                                  .min_text = present ? CL_RENDER_PRESENT_MIN_TEXT : 0 };
          cairo_t *cr;
          cairo_surface_t *surface = cl_render_export_surface_new (1280, 720, 1, &cr, NULL);
          g_assert_nonnull (surface);
          g_assert_true (cl_app_explorer_render (CL_APP_EXPLORER (explorer), cr, &style, 1280, 720));
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }
    }
  cl_test_ui_stop_app (app);
}

int
main (int argc, char **argv)
{
  cl_test_use_language ("fr");

  cl_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/explorers/opens-on-a-page", test_opens_on_a_page);
  g_test_add_func ("/ui/explorers/present-zoom-and-export", test_present_zoom_and_export);
  g_test_add_func ("/ui/explorers/every-explorer", test_every_explorer);
  return g_test_run ();
}
