/* The zero-versus-random explorer in the window, in French: opened by
 * win.explorer, Play clicked with a real pointer trains both copies in
 * their workers; the zero one keeps identical hidden units, the random
 * one does not; Pause and Reset act on both.  Screenshots at 1280×720 and
 * 1024×768. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "cl-app-explorer-init.h"
#include "cl-app-explorer-window.h"
#include "cl-app-window.h"
#include "render/render-init-compare.h"
#include "tests/use-language.h"
#include "ui-harness.h"

#define STEPS 240

static gboolean
both_trained (gpointer data)
{
  ClAppExplorerInit *explorer = data;
  for (int side = 0; side < 2; side++)
    {
      const ClSnapshot *s = cl_app_explorer_init_get_snapshot (explorer, side);
      if (s == NULL || s->step < STEPS)
        return FALSE;
    }
  return TRUE;
}

static gboolean
both_at_zero (gpointer data)
{
  ClAppExplorerInit *explorer = data;
  for (int side = 0; side < 2; side++)
    {
      const ClSnapshot *s = cl_app_explorer_init_get_snapshot (explorer, side);
      if (s == NULL || s->step != 0)
        return FALSE;
    }
  return TRUE;
}

static void
resize (GtkWindow *window, int width, int height)
{
  gtk_window_unmaximize (window);
  gtk_window_set_default_size (window, width, height);
  cl_test_ui_spin (500);
}

static void
test_init_explorer (void)
{
  g_autoptr(ClAppApplication) app = cl_test_ui_start_app ();
  GtkWindow *window = cl_test_ui_main_window (app);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.explorer", "s", "init");
  cl_test_ui_spin (300);
  GtkWindow *explorer_window = cl_app_window_get_explorer_window (CL_APP_WINDOW (window));
  g_assert_nonnull (explorer_window);
  GtkWidget *widget = cl_app_explorer_window_get_explorer (CL_APP_EXPLORER_WINDOW (explorer_window),
                                                           "init");
  g_assert_true (CL_APP_IS_EXPLORER_INIT (widget));
  ClAppExplorerInit *explorer = CL_APP_EXPLORER_INIT (widget);
  resize (explorer_window, 1280, 720);

  /* Before Play: both at step 0, the zero one already symmetric. */
  g_assert_true (cl_test_ui_wait_until (both_at_zero, explorer, 5000));
  g_assert_true (cl_render_init_units_identical (cl_app_explorer_init_get_snapshot (explorer, 0)));
  g_assert_false (cl_render_init_units_identical (cl_app_explorer_init_get_snapshot (explorer, 1)));

  GtkWidget *play = cl_test_ui_find_by_name (widget, "play");
  cl_test_ui_click (play);
  g_assert_true (cl_test_ui_wait_until (both_trained, explorer, 90000));
  cl_test_ui_click (play);   /* pause */
  cl_test_ui_spin (300);
  const ClSnapshot *zeros = cl_app_explorer_init_get_snapshot (explorer, 0);
  const ClSnapshot *random = cl_app_explorer_init_get_snapshot (explorer, 1);
  g_test_message ("after %" G_GUINT64_FORMAT " and %" G_GUINT64_FORMAT " steps: accuracy %.2f and %.2f",
                  zeros->step, random->step, zeros->train_accuracy_smooth,
                  random->train_accuracy_smooth);
  g_assert_true (cl_render_init_units_identical (zeros));
  g_assert_false (cl_render_init_units_identical (random));
  /* Paused: no more steps. */
  guint64 steps = random->step;
  cl_test_ui_spin (600);
  g_assert_cmpuint (cl_app_explorer_init_get_snapshot (explorer, 1)->step, <=, steps + 1);

  gtk_test_widget_wait_for_draw (widget);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (explorer_window),
                                                        "init-fr-1280x720.png") });
  cl_test_ui_assert_nothing_clipped (GTK_WIDGET (explorer_window), "init explorer 1280×720");
  resize (explorer_window, 1024, 768);
  gtk_test_widget_wait_for_draw (widget);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (explorer_window)), <=, 1024);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (explorer_window),
                                                        "init-fr-1024x768.png") });
  cl_test_ui_assert_nothing_clipped (GTK_WIDGET (explorer_window), "init explorer 1024×768");

  /* Presented (F11's style): the picture for the back row. */
  cl_app_explorer_window_set_presenting (CL_APP_EXPLORER_WINDOW (explorer_window), TRUE);
  cl_test_ui_spin (800);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (explorer_window),
                                                        "init-present-fr.png") });
  cl_app_explorer_window_set_presenting (CL_APP_EXPLORER_WINDOW (explorer_window), FALSE);
  cl_test_ui_spin (500);

  /* Reset: both back to their start. */
  cl_test_ui_click (cl_test_ui_find_by_name (widget, "reset"));
  g_assert_true (cl_test_ui_wait_until (both_at_zero, explorer, 10000));
  cl_test_ui_stop_app (app);
}

int
main (int argc, char **argv)
{
  cl_test_use_language ("fr");

  cl_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/explorer/init", test_init_explorer);
  return g_test_run ();
}
