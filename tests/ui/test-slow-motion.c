/* Slow motion in the real window, in French at 1280×720, as a teacher uses
 * it: XOR opens at its example's speed, a speed is chosen with the pointer
 * and the keyboard in the drop-down beside Play, Play advances the step
 * count at about that rate, Pause stops it at once, Undo brings the
 * example's speed back; and a screenshot of the decision regions forming. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "cl-app-palette.h"
#include "cl-app-snapshot-view.h"
#include "cl-app-speed-chooser.h"
#include "cl-app-training.h"
#include "cl-app-window.h"
#include "engine/design-file.h"
#include "tests/use-language.h"
#include "ui-harness.h"
#include "ui-training.h"

static ClAppApplication *app;

static ClAppWindow *
window (void)
{
  return CL_APP_WINDOW (cl_test_ui_main_window (app));
}

static ClAppTraining *
training (void)
{
  return cl_app_window_get_training (window ());
}

static ClAppDocument *
document (void)
{
  return cl_app_window_get_document (window ());
}

static int
document_speed (void)
{
  return cl_net_spec_peek_train (cl_app_document_get_spec (document ()))->speed;
}

static GtkDropDown *
speed_drop_down (void)
{
  GtkWidget *chooser = cl_test_ui_find_by_type (GTK_WIDGET (window ()), CL_APP_TYPE_SPEED_CHOOSER);
  g_assert_nonnull (chooser);
  return cl_app_speed_chooser_get_drop_down (CL_APP_SPEED_CHOOSER (chooser));
}

static const char *
shown_speed (void)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (speed_drop_down ());
  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static gboolean
not_running (gpointer data)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (training ());
  return s != NULL && s->state != CL_TRAINER_RUNNING && !cl_app_training_get_running (training ());
}

static gboolean
drew_newest (gpointer view)
{
  const ClSnapshot *s = cl_app_snapshot_view_get_snapshot (view);
  return s != NULL && cl_app_snapshot_view_get_drawn_version (view) == s->version;
}

/* A click opens the drop-down, arrows and Return pick: the real control.
 * GTK 4.8 puts the keyboard focus on the list's first item, whichever is
 * selected, so the item `position` is that many Downs away. */
static void
choose_speed (guint position)
{
  GtkDropDown *drop_down = speed_drop_down ();
  int x, y;

  cl_test_ui_screen_point (GTK_WIDGET (drop_down), gtk_widget_get_width (GTK_WIDGET (drop_down)) / 2.0,
                           gtk_widget_get_height (GTK_WIDGET (drop_down)) / 2.0, &x, &y);
  g_autofree char *click = g_strdup_printf ("mousemove %d %d click 1", x, y);
  cl_test_ui_xdotool (click, 60);
  cl_test_ui_spin (300);
  for (guint i = 0; i < position; i++)
    cl_test_ui_xdotool ("key Down", 60);
  cl_test_ui_xdotool ("key Return", 60);
  cl_test_ui_spin (200);
  g_assert_cmpuint (gtk_drop_down_get_selected (drop_down), ==, position);
}

static void
test_slow_motion (void)
{
  GtkWindow *win = GTK_WINDOW (window ());
  gtk_window_unmaximize (win);
  gtk_window_set_default_size (win, 1280, 720);
  cl_test_ui_spin (300);

  /* XOR opens at its example's speed, shown beside Play. */
  g_autofree char *dir = cl_app_palette_find_designs_dir ();
  g_autofree char *path = g_build_filename (dir, "xor.json", NULL);
  g_autoptr(ClDesign) xor = cl_design_load (path, NULL);
  g_assert_nonnull (xor);
  cl_app_document_replace (document (), xor);
  g_assert_true (cl_test_ui_wait_can_train (training (), 30000));
  g_assert_cmpint (document_speed (), ==, 10);
  g_assert_cmpstr (shown_speed (), ==, "10 pas/s");
  g_assert_nonnull (gtk_widget_get_tooltip_text (GTK_WIDGET (speed_drop_down ())));

  /* Two steps a second, chosen with the pointer and the keyboard: full,
   * 30, 10, 5, 2, 1. */
  choose_speed (4);
  g_assert_cmpstr (shown_speed (), ==, "2 pas/s");
  g_assert_cmpint (document_speed (), ==, 2);

  /* Play: the step count advances, and never faster than asked.  From the
   * first step on, in 3 s at 2 a second: 6 more, 7 at a boundary; at least
   * one even on a loaded machine (the rate is logged, never bounded below). */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.play-pause", NULL));
  g_assert_true (cl_test_ui_wait_step_past (training (), 0, 10000));
  guint64 first = cl_test_ui_step (training ());
  gint64 start = g_get_monotonic_time ();
  cl_test_ui_spin (3000);
  guint64 steps = cl_test_ui_step (training ()) - first;
  double seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("%llu steps in %.2f s at 2 steps a second", (unsigned long long) steps, seconds);
  g_assert_cmpuint (steps, >=, 1);
  g_assert_cmpuint (steps, <=, (guint64) (2 * seconds) + 1);

  /* Pause stops it at once: the worker does not sleep through it. */
  start = g_get_monotonic_time ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.play-pause", NULL));
  g_assert_true (cl_test_ui_wait_until (not_running, NULL, 5000));
  g_test_message ("paused in %.3f s", (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  guint64 paused_at = cl_test_ui_step (training ());
  cl_test_ui_spin (1200);
  g_assert_cmpuint (cl_test_ui_step (training ()), ==, paused_at);

  /* The speed is an edit like the other training settings: Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.undo", NULL));
  cl_test_ui_spin (100);
  g_assert_cmpint (document_speed (), ==, 10);
  g_assert_cmpstr (shown_speed (), ==, "10 pas/s");

  /* Back at 10 a second, the decision regions mid-run: a screenshot. */
  AdwViewStack *stack = ADW_VIEW_STACK (cl_test_ui_find_by_type (GTK_WIDGET (win), ADW_TYPE_VIEW_STACK));
  adw_view_stack_set_visible_child_name (stack, "curves");
  GtkWidget *page = adw_view_stack_get_child_by_name (stack, "curves");
  GtkWidget *panel = adw_bin_get_child (ADW_BIN (page));
  GtkDropDown *views = g_object_get_data (G_OBJECT (panel), "cl-view-dropdown");
  gtk_drop_down_set_selected (views, 2);   /* decision regions */
  GtkWidget *view = cl_test_ui_find_by_type (page, CL_APP_TYPE_SNAPSHOT_VIEW);
  /* As the class sees it: presented, the Curves panel filling the screen. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.present", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.show-panel", "s", "curves"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.play-pause", NULL));
  g_assert_true (cl_test_ui_wait_step_past (training (), paused_at + 60, 30000));
  g_assert_true (cl_app_training_get_running (training ()));
  g_assert_true (cl_test_ui_wait_until (drew_newest, view, 10000));
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (win), "slow-motion-xor-fr.png") });
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.leave-present", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (win), "win.play-pause", NULL));
  g_assert_true (cl_test_ui_wait_until (not_running, NULL, 5000));
}

int
main (int argc, char **argv)
{
  /* As main.c does, with the catalogue of the build tree. */
  cl_test_use_language ("fr");

  cl_test_ui_init (&argc, &argv);
  app = cl_test_ui_start_app ();
  g_test_add_func ("/ui/slow-motion/choose-play-pause-undo", test_slow_motion);
  int status = g_test_run ();
  /* The run is left paused and the document edited: close without asking. */
  cl_app_training_forget (training ());
  cl_app_document_load (document (), NULL, NULL);
  cl_test_ui_stop_app (app);
  g_object_unref (app);
  return status;
}
