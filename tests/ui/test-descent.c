/* The Gradient Descent explorer in the window, in French, as a teacher
 * drives it: opened by win.explorer('descent'), its start dragged with a
 * real pointer, F6 pressed and Step clicked, each iterate checked against
 * the hand computation x ← x − η·2x; Play (F5) and Pause; a learning rate
 * that diverges; momentum and Adam side by side on the elongated bowl;
 * screenshots at 1280×720 and 1024×768 with nothing cut. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "cl-app-explorer-descent.h"
#include "cl-app-explorer-window.h"
#include "cl-app-window.h"
#include "render/number-format.h"
#include "tests/use-language.h"
#include "ui-harness.h"

static ClAppApplication *app;

static ClAppWindow *
window (void)
{
  return CL_APP_WINDOW (cl_test_ui_main_window (app));
}

static GtkWindow *
explorer_window (void)
{
  GtkWindow *w = cl_app_window_get_explorer_window (window ());
  g_assert_nonnull (w);
  return w;
}

/* Opens the explorer as the menu does, the window at `width` × `height`. */
static ClAppExplorerDescent *
open_descent (int width, int height)
{
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.explorer", "s", "descent");
  cl_test_ui_spin (300);
  GtkWindow *w = explorer_window ();
  gtk_window_set_default_size (w, width, height);
  gtk_window_present (w);
  cl_test_ui_spin (500);
  GtkWidget *explorer = cl_app_explorer_window_get_explorer (CL_APP_EXPLORER_WINDOW (w), "descent");
  g_assert_true (CL_APP_IS_EXPLORER_DESCENT (explorer));
  g_assert_true (gtk_widget_get_mapped (explorer));
  gtk_test_widget_wait_for_draw (explorer);
  return CL_APP_EXPLORER_DESCENT (explorer);
}

static GtkWidget *
control (ClAppExplorerDescent *explorer, const char *name)
{
  GtkWidget *w = cl_test_ui_find_by_name (GTK_WIDGET (explorer), name);
  g_assert_nonnull (w);
  return w;
}

static void
pointer_click (GtkWidget *widget)
{
  int x, y;
  /* Where it is drawn now, not before the last change of layout. */
  gtk_test_widget_wait_for_draw (widget);
  cl_test_ui_screen_point (widget, gtk_widget_get_width (widget) / 2.0,
                           gtk_widget_get_height (widget) / 2.0, &x, &y);
  g_autofree char *move = g_strdup_printf ("mousemove %d %d", x, y);
  cl_test_ui_xdotool (move, 60);
  cl_test_ui_xdotool ("click 1", 200);
}

/* A real drag on the picture from (x0, y0) to (x1, y1), picture pixels. */
static void
pointer_drag (GtkWidget *picture, double x0, double y0, double x1, double y1)
{
  int sx0, sy0, sx1, sy1;
  /* + 0.5: the nearest screen pixel (the conversion truncates). */
  cl_test_ui_screen_point (picture, x0 + 0.5, y0 + 0.5, &sx0, &sy0);
  cl_test_ui_screen_point (picture, x1 + 0.5, y1 + 0.5, &sx1, &sy1);
  g_autofree char *start = g_strdup_printf ("mousemove %d %d", sx0, sy0);
  cl_test_ui_xdotool (start, 60);
  cl_test_ui_xdotool ("mousedown 1", 60);
  for (int i = 1; i <= 8; i++)
    {
      g_autofree char *step = g_strdup_printf ("mousemove %d %d", sx0 + (sx1 - sx0) * i / 8,
                                               sy0 + (sy1 - sy0) * i / 8);
      cl_test_ui_xdotool (step, 60);
    }
  cl_test_ui_xdotool ("mouseup 1", 200);
}

static int
n_steps (ClAppExplorerDescent *explorer)
{
  return cl_descent_path_get_n_points (cl_app_explorer_descent_get_path (explorer, 0)) - 1;
}

/* x², η = 0.1: the start dragged from 1.5 to 1 along the x axis, then
 * three steps (F6, two clicks on Step): each iterate is the
 * float hand computation from the start the drag left, and the picture's
 * line says so in French. */
static void
test_drag_and_step (void)
{
  ClAppExplorerDescent *explorer = open_descent (1280, 720);
  GtkWidget *picture = cl_app_explorer_descent_get_picture (explorer);
  ClRenderDescentArea area;
  float start[2];
  double px, py, tx, ty;

  gtk_range_set_value (GTK_RANGE (control (explorer, "descent-lr")), log10 (0.1));
  g_assert_cmpfloat (cl_app_explorer_descent_get_lr (explorer), ==, 0.1);
  cl_app_explorer_descent_get_start (explorer, start);
  g_assert_cmpfloat (start[0], ==, 1.5f);

  /* From the handle's triangle under the x axis to x = 1. */
  g_assert_true (cl_app_explorer_descent_get_area (explorer, &area));
  cl_render_descent_to_pixel (&area, 1.5, area.y0, &px, &py);
  cl_render_descent_to_pixel (&area, 1.0, area.y0, &tx, &ty);
  pointer_drag (picture, px, py + 8, tx, ty + 8);
  /* The start goes to the hundredth under the pointer: exactly 1. */
  cl_app_explorer_descent_get_start (explorer, start);
  g_assert_cmpfloat (start[0], ==, 1.0f);
  g_assert_cmpint (n_steps (explorer), ==, 0);

  /* F6 first: the drag gave the picture the keyboard; then Step twice. */
  cl_test_ui_xdotool ("key F6", 300);
  g_assert_cmpint (n_steps (explorer), ==, 1);
  GtkWidget *step = control (explorer, "descent-step");
  pointer_click (step);
  pointer_click (step);
  const ClDescentPath *path = cl_app_explorer_descent_get_path (explorer, 0);
  g_assert_cmpint (cl_descent_path_get_n_points (path), ==, 4);
  float x = start[0];
  for (int i = 0; i < 4; i++)
    {
      g_assert_cmpfloat (cl_descent_path_get_point (path, i)->x[0], ==, x);
      x = x - 0.1f * (2.0f * x);
    }
  /* 0.8, 0.64, 0.512: the course's hand computation. */
  g_assert_cmpfloat_with_epsilon (cl_descent_path_get_point (path, 1)->x[0], 0.8, 1e-7);
  g_assert_cmpfloat_with_epsilon (cl_descent_path_get_point (path, 2)->x[0], 0.64, 1e-7);
  g_assert_cmpfloat_with_epsilon (cl_descent_path_get_point (path, 3)->x[0], 0.512, 1e-7);

  /* The numbers written out: step 3, from x₂, to x₃, in French. */
  g_autofree char *text = cl_render_descent_step_text (path);
  g_assert_cmpstr (text, ==,
                   "Descente de gradient · pas 3 : x = 0,64 ; gradient 1,28 ; "
                   "mise à jour −0,128 → x = 0,512 ; f(x) = 0,2621");
  g_test_message ("%s", text);

  cl_test_ui_assert_nothing_clipped (GTK_WIDGET (explorer_window ()),
                                     "the descent explorer at 1280×720");
  g_clear_object (&(GdkTexture *) {
      cl_test_ui_save_png (GTK_WIDGET (explorer_window ()), "descent-fr-1280x720.png") });

  /* Reset: back to the start, which stays where it was dragged. */
  gtk_widget_activate_action (GTK_WIDGET (explorer), "descent.reset", NULL);
  g_assert_cmpint (n_steps (explorer), ==, 0);
  g_assert_cmpfloat (
      cl_descent_path_get_point (cl_app_explorer_descent_get_path (explorer, 0), 0)->x[0], ==,
      start[0]);
}

static gboolean
has_stepped (gpointer data)
{
  return n_steps (data) >= 3;
}

/* Play (F5) steps on its own; F5 again pauses it. */
static void
test_play_pause (void)
{
  ClAppExplorerDescent *explorer = open_descent (1280, 720);

  pointer_click (control (explorer, "descent-good"));
  gtk_widget_grab_focus (control (explorer, "descent-step"));
  cl_test_ui_xdotool ("key F5", 100);
  g_assert_true (cl_test_ui_wait_until (has_stepped, explorer, 10000));
  cl_test_ui_xdotool ("key F5", 100);
  int paused = n_steps (explorer);
  cl_test_ui_spin (800);
  g_assert_cmpint (n_steps (explorer), ==, paused);
  gtk_widget_activate_action (GTK_WIDGET (explorer), "descent.reset", NULL);
}

/* "Diverges" on x²: η > 1; the path stops exploded, Step is disabled and
 * the line says it diverged. */
static void
test_diverges (void)
{
  ClAppExplorerDescent *explorer = open_descent (1280, 720);

  pointer_click (control (explorer, "descent-diverges"));
  g_assert_cmpfloat (cl_app_explorer_descent_get_lr (explorer), >, 1);
  for (int i = 0; i < 200 && gtk_widget_get_sensitive (control (explorer, "descent-step")); i++)
    gtk_widget_activate_action (GTK_WIDGET (explorer), "descent.step", NULL);
  const ClDescentPath *path = cl_app_explorer_descent_get_path (explorer, 0);
  g_assert_cmpint (cl_descent_path_get_diverged (path), >, 0);
  g_assert_false (gtk_widget_get_sensitive (control (explorer, "descent-step")));
  cl_test_ui_spin (200);
  g_clear_object (&(GdkTexture *) {
      cl_test_ui_save_png (GTK_WIDGET (explorer_window ()), "descent-diverged.png") });
  gtk_widget_activate_action (GTK_WIDGET (explorer), "descent.reset", NULL);
  g_assert_true (gtk_widget_get_sensitive (control (explorer, "descent-step")));
}

/* On a 1024×768 screen: the elongated bowl with the three optimisers,
 * the start dragged on the map, ten steps; nothing cut. */
static void
test_elongated_1024 (void)
{
  ClAppExplorerDescent *explorer = open_descent (1024, 768);
  GtkWidget *picture = cl_app_explorer_descent_get_picture (explorer);
  ClRenderDescentArea area;
  float start[2];
  double px, py, tx, ty;

  gtk_drop_down_set_selected (GTK_DROP_DOWN (control (explorer, "descent-function")),
                              CL_DESCENT_ELONGATED);
  /* A new function starts at its own start, on its own good rate. */
  cl_app_explorer_descent_get_start (explorer, start);
  g_assert_cmpfloat (start[0], ==, cl_descent_get_info (CL_DESCENT_ELONGATED)->start[0]);
  g_assert_cmpfloat (start[1], ==, cl_descent_get_info (CL_DESCENT_ELONGATED)->start[1]);
  g_assert_cmpint (cl_descent_regime (CL_DESCENT_ELONGATED, cl_app_explorer_descent_get_lr (explorer)), ==,
                   CL_DESCENT_GOOD);
  g_assert_cmpint (n_steps (explorer), ==, 0);
  /* The wider function name moves the check buttons: let the row be laid
   * out again before aiming at them. */
  cl_test_ui_spin (300);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (explorer));
  pointer_click (control (explorer, "descent-momentum"));
  pointer_click (control (explorer, "descent-adam"));
  g_assert_cmpint (cl_app_explorer_descent_get_n_paths (explorer), ==, 3);
  cl_test_ui_spin (200);

  g_assert_true (cl_app_explorer_descent_get_area (explorer, &area));
  cl_app_explorer_descent_get_start (explorer, start);
  cl_render_descent_to_pixel (&area, start[0], start[1], &px, &py);
  cl_render_descent_to_pixel (&area, -1.5, 1.0, &tx, &ty);
  pointer_drag (picture, px, py, tx, ty);
  /* Within a hundredth (a pixel is about that wide on this map), and on
   * the hundredths. */
  cl_app_explorer_descent_get_start (explorer, start);
  g_assert_cmpfloat (fabs (start[0] + 1.5), <, 0.0101);
  g_assert_cmpfloat (fabs (start[1] - 1.0), <, 0.0101);
  for (int i = 0; i < 2; i++)
    g_assert_cmpfloat (start[i], ==, (float) (round (start[i] * 100) / 100));

  for (int i = 0; i < 10; i++)
    gtk_widget_activate_action (GTK_WIDGET (explorer), "descent.step", NULL);
  for (int k = 0; k < 3; k++)
    {
      const ClDescentPath *path = cl_app_explorer_descent_get_path (explorer, k);
      g_assert_cmpint (cl_descent_path_get_n_points (path), ==, 11);
      g_assert_cmpfloat (cl_descent_path_get_point (path, 0)->x[0], ==, start[0]);
    }
  g_assert_cmpint (
      cl_descent_path_get_settings (cl_app_explorer_descent_get_path (explorer, 1))->optimiser, ==,
      CL_OPTIM_MOMENTUM);
  g_assert_cmpint (
      cl_descent_path_get_settings (cl_app_explorer_descent_get_path (explorer, 2))->optimiser, ==,
      CL_OPTIM_ADAM);
  cl_test_ui_spin (200);
  cl_test_ui_assert_nothing_clipped (GTK_WIDGET (explorer_window ()),
                                     "the descent explorer at 1024×768");
  g_clear_object (&(GdkTexture *) {
      cl_test_ui_save_png (GTK_WIDGET (explorer_window ()), "descent-fr-1024x768.png") });
}

/* Presented (F11) on the projector: the picture at the presentation
 * scale beside the controls, nothing cut; Escape leaves. */
static void
test_presentation (void)
{
  ClAppExplorerDescent *explorer = open_descent (1280, 720);
  GtkWindow *w = explorer_window ();

  cl_test_ui_xdotool ("key F11", 800);
  g_assert_true (cl_app_explorer_window_get_presenting (CL_APP_EXPLORER_WINDOW (w)));
  for (int i = 0; i < 10; i++)
    gtk_widget_activate_action (GTK_WIDGET (explorer), "descent.step", NULL);
  cl_test_ui_spin (300);
  cl_test_ui_assert_nothing_clipped (GTK_WIDGET (w), "the descent explorer presented");
  g_clear_object (&(GdkTexture *) { cl_test_ui_save_png (GTK_WIDGET (explorer), "descent-present.png") });
  cl_test_ui_xdotool ("key Escape", 800);
  g_assert_false (cl_app_explorer_window_get_presenting (CL_APP_EXPLORER_WINDOW (w)));
}

int
main (int argc, char **argv)
{
  /* In French, as the course is given. */
  cl_test_use_language ("fr");

  cl_test_ui_init (&argc, &argv);
  g_autofree char *autosave
      = g_build_filename (g_get_user_data_dir (), "convlab", "autosave.json", NULL);
  g_unlink (autosave);
  app = cl_test_ui_start_app ();
  cl_test_ui_spin (300);
  g_test_add_func ("/ui/descent/drag-and-step", test_drag_and_step);
  g_test_add_func ("/ui/descent/play-pause", test_play_pause);
  g_test_add_func ("/ui/descent/diverges", test_diverges);
  g_test_add_func ("/ui/descent/elongated-1024x768", test_elongated_1024);
  g_test_add_func ("/ui/descent/presentation", test_presentation);
  int status = g_test_run ();
  cl_test_ui_stop_app (app);
  g_clear_object (&app);
  return status;
}
