/* The neuron explorer in the window, in French: opened by win.explorer,
 * a weight dragged in the picture with a real pointer and another raised
 * with a click on its spin button's +, the output following; screenshots
 * at 1280×720 and 1024×768. */
#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>

#include "cl-app-explorer-neuron.h"
#include "cl-app-explorer-window.h"
#include "cl-app-window.h"
#include "render/render-neuron.h"
#include "tests/use-language.h"
#include "ui-harness.h"

static ClAppExplorerNeuron *
open_neuron (GtkWindow *window, GtkWindow **explorer_window)
{
  gtk_widget_activate_action (GTK_WIDGET (window), "win.explorer", "s", "neuron");
  cl_test_ui_spin (300);
  *explorer_window = cl_app_window_get_explorer_window (CL_APP_WINDOW (window));
  g_assert_nonnull (*explorer_window);
  GtkWidget *explorer = cl_app_explorer_window_get_explorer (
    CL_APP_EXPLORER_WINDOW (*explorer_window), "neuron");
  g_assert_true (CL_APP_IS_EXPLORER_NEURON (explorer));
  g_assert_cmpstr (cl_app_explorer_window_get_visible_id (CL_APP_EXPLORER_WINDOW (*explorer_window)),
                   ==, "neuron");
  return CL_APP_EXPLORER_NEURON (explorer);
}

static void
resize (GtkWindow *window, int width, int height)
{
  gtk_window_unmaximize (window);
  gtk_window_set_default_size (window, width, height);
  cl_test_ui_spin (500);
}

/* Drags from (x, y) in `widget` by dy pixels, in small real moves. */
static void
pointer_drag (GtkWidget *widget, double x, double y, double dy)
{
  int sx, sy;
  cl_test_ui_screen_point (widget, x, y, &sx, &sy);
  g_autofree char *start = g_strdup_printf ("mousemove %d %d", sx, sy);
  cl_test_ui_xdotool (start, 80);
  cl_test_ui_xdotool ("mousedown 1", 80);
  for (int k = 1; k <= 6; k++)
    {
      g_autofree char *step = g_strdup_printf ("mousemove %d %d", sx, (int) lround (sy + dy * k / 6));
      cl_test_ui_xdotool (step, 60);
    }
  cl_test_ui_xdotool ("mouseup 1", 150);
}

/* The last button inside a spin button: its +. */
static GtkWidget *
plus_button (GtkWidget *spin)
{
  GtkWidget *plus = NULL;
  for (GtkWidget *c = gtk_widget_get_first_child (spin); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_BUTTON (c))
      plus = c;
  g_assert_nonnull (plus);
  return plus;
}

static void
test_neuron_explorer (void)
{
  g_autoptr(ClAppApplication) app = cl_test_ui_start_app ();
  GtkWindow *window = cl_test_ui_main_window (app);
  GtkWindow *explorer_window;
  ClAppExplorerNeuron *explorer = open_neuron (window, &explorer_window);
  resize (explorer_window, 1280, 720);
  GtkWidget *picture = cl_app_explorer_neuron_get_picture (explorer);
  gtk_test_widget_wait_for_draw (picture);

  /* It opens on the slide: Gino's science average. */
  const ClNeuron *neuron = cl_app_explorer_neuron_get_neuron (explorer);
  g_assert_cmpint (neuron->n_inputs, ==, 7);
  g_assert_cmpfloat (cl_neuron_output (neuron), ==, 13.75);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (explorer_window),
                                                        "neuron-fr-1280x720.png") });
  cl_test_ui_assert_nothing_clipped (GTK_WIDGET (explorer_window), "neuron explorer 1280×720");

  /* Drag sport's weight (0) up by 40 pixels: 0.01 a pixel, so 0.4, and
   * Gino's 2 in sport adds 0.8. */
  double x, y;
  g_assert_true (cl_app_explorer_neuron_get_weight_point (explorer, 1, &x, &y));
  pointer_drag (picture, x, y, -40);
  g_test_message ("sport's weight after the drag: %g", neuron->w[1]);
  g_assert_cmpfloat (fabs (neuron->w[1] - 0.4), <, 0.051);
  g_assert_cmpfloat (fabs (cl_neuron_output (neuron) - (13.75 + 2 * neuron->w[1])), <, 1e-9);
  GtkWidget *sport_spin = cl_app_explorer_neuron_get_weight_spin (explorer, 1);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (sport_spin)), ==, neuron->w[1]);

  /* A click on the + of maths' weight: ¼ + 0.05. */
  double before = cl_neuron_output (neuron);
  GtkWidget *plus = plus_button (cl_app_explorer_neuron_get_weight_spin (explorer, 0));
  int sx, sy;
  cl_test_ui_screen_point (plus, gtk_widget_get_width (plus) / 2.0,
                           gtk_widget_get_height (plus) / 2.0, &sx, &sy);
  g_autofree char *click = g_strdup_printf ("mousemove %d %d click 1", sx, sy);
  cl_test_ui_xdotool (click, 300);
  g_assert_cmpfloat (fabs (neuron->w[0] - 0.3), <, 1e-9);
  g_assert_cmpfloat (fabs (cl_neuron_output (neuron) - (before + 0.05 * 12)), <, 1e-9);

  /* Sport above 10 (the preset's button), the identity question: every
   * student's output written. */
  GtkWidget *sport = cl_test_ui_find_by_name (GTK_WIDGET (explorer), "preset-sport");
  g_signal_emit_by_name (sport, "clicked");
  GtkWidget *all = cl_test_ui_find_by_name (GTK_WIDGET (explorer), "show-all");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (all), TRUE);
  g_assert_cmpint (neuron->f, ==, CL_NEURON_RELU);
  g_assert_cmpfloat (cl_neuron_output (neuron), ==, 0);
  cl_test_ui_spin (200);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (explorer_window),
                                                        "neuron-sport-fr-1280x720.png") });

  resize (explorer_window, 1024, 768);
  gtk_test_widget_wait_for_draw (picture);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (explorer_window)), <=, 1024);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (explorer_window),
                                                        "neuron-fr-1024x768.png") });
  cl_test_ui_assert_nothing_clipped (GTK_WIDGET (explorer_window), "neuron explorer 1024×768");

  /* Presented (F11's style): the picture for the back row. */
  cl_app_explorer_window_set_presenting (CL_APP_EXPLORER_WINDOW (explorer_window), TRUE);
  cl_test_ui_spin (800);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (explorer_window),
                                                        "neuron-present-fr.png") });
  cl_app_explorer_window_set_presenting (CL_APP_EXPLORER_WINDOW (explorer_window), FALSE);
  cl_test_ui_spin (500);

  /* Its Export PNG draws what it shows. */
  ClRenderStyle style = { 0 };
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 800, 500);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_app_explorer_render (CL_APP_EXPLORER (explorer), cr, &style, 800, 500));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  cl_test_ui_stop_app (app);
}

int
main (int argc, char **argv)
{
  /* In French, as the class sees it (main.c's setup, the build tree's
   * catalogue). */
  cl_test_use_language ("fr");

  cl_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/explorer/neuron", test_neuron_explorer);
  return g_test_run ();
}
