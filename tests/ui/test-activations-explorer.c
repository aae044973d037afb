/* The Activation Functions explorer in French: functions chosen with real
 * pointer clicks, x, f(x) and f′(x) under the pointer, a layer of the
 * network whose inputs follow training, the pictures at 1280×720 and
 * 1024×768 with nothing cut; and the network canvas's tooltip over an
 * activation block (never over empty canvas). */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>

#include "cl-app-explorer-activations.h"
#include "cl-app-explorer-window.h"
#include "cl-app-network-canvas.h"
#include "cl-app-window.h"
#include "engine/zoo.h"
#include "tests/use-language.h"
#include "ui-harness.h"
#include "ui-training.h"

static ClAppApplication *app;

static ClAppWindow *
window (void)
{
  return CL_APP_WINDOW (cl_test_ui_main_window (app));
}

static ClAppExplorerActivations *
open_explorer (GtkWindow **explorers_out)
{
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.explorer", "s", "activations");
  cl_test_ui_spin (300);
  GtkWindow *explorers = cl_app_window_get_explorer_window (window ());
  g_assert_nonnull (explorers);
  GtkWidget *explorer = cl_app_explorer_window_get_explorer (CL_APP_EXPLORER_WINDOW (explorers),
                                                             "activations");
  g_assert_true (CL_APP_IS_EXPLORER_ACTIVATIONS (explorer));
  if (explorers_out != NULL)
    *explorers_out = explorers;
  return CL_APP_EXPLORER_ACTIVATIONS (explorer);
}

static void
resize (GtkWindow *w, int width, int height)
{
  gtk_window_unmaximize (w);
  gtk_window_set_default_size (w, width, height);
  cl_test_ui_spin (400);
}

static void
pointer_to (GtkWidget *widget, double x, double y, const char *then)
{
  int sx, sy;
  cl_test_ui_screen_point (widget, x, y, &sx, &sy);
  g_autofree char *args = g_strdup_printf ("mousemove %d %d%s", sx, sy, then);
  cl_test_ui_xdotool (args, 300);
}

static void
click (GtkWidget *widget)
{
  pointer_to (widget, gtk_widget_get_width (widget) / 2.0, gtk_widget_get_height (widget) / 2.0,
              " click 1");
}

static void
test_choose_with_the_pointer (void)
{
  GtkWindow *explorers;
  ClAppExplorerActivations *explorer = open_explorer (&explorers);
  resize (explorers, 1280, 720);
  gtk_window_present (explorers);
  cl_test_ui_spin (300);

  /* The course's order, each one click in the list. */
  static const ClActivation kinds[] = {
    CL_ACTIVATION_RELU, CL_ACTIVATION_TANH, CL_ACTIVATION_RRELU, CL_ACTIVATION_MAXOUT,
    CL_ACTIVATION_SOFTMAX, CL_ACTIVATION_SIGMOID,
  };
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      GtkWidget *row = cl_test_ui_find_by_name (GTK_WIDGET (explorer),
                                                cl_activation_to_string (kinds[i]));
      g_assert_nonnull (row);
      click (row);
      g_assert_cmpint (cl_app_explorer_activations_get_function (explorer), ==, kinds[i]);
      if (kinds[i] == CL_ACTIVATION_RRELU)
        g_object_unref (cl_test_ui_save_png (GTK_WIDGET (explorers), "activations-rrelu-fr-1280x720.png"));
      if (kinds[i] == CL_ACTIVATION_SOFTMAX)
        g_object_unref (cl_test_ui_save_png (GTK_WIDGET (explorers), "activations-softmax-fr-1280x720.png"));
    }

  /* RReLU's slopes keep lower ≤ upper, as the layer requires: the other
   * one follows the one changed. */
  cl_app_explorer_activations_set_function (explorer, CL_ACTIVATION_RRELU);
  GtkSpinButton *lower = GTK_SPIN_BUTTON (cl_test_ui_find_by_name (GTK_WIDGET (explorer), "lower"));
  GtkSpinButton *upper = GTK_SPIN_BUTTON (cl_test_ui_find_by_name (GTK_WIDGET (explorer), "upper"));
  gtk_spin_button_set_value (lower, 0.5);
  g_assert_cmpfloat (gtk_spin_button_get_value (upper), ==, 0.5);
  gtk_spin_button_set_value (upper, 0.2);
  g_assert_cmpfloat (gtk_spin_button_get_value (lower), ==, 0.2);
  gtk_spin_button_set_value (lower, 0.125);
  gtk_spin_button_set_value (upper, 1.0 / 3.0);
  g_assert_cmpfloat (gtk_spin_button_get_value (lower), ==, 0.125);
  cl_app_explorer_activations_set_function (explorer, CL_ACTIVATION_SIGMOID);

  /* The pointer over the plot: x, f(x), f′(x) at the pointer's x. */
  GtkWidget *picture = cl_test_ui_find_by_type (GTK_WIDGET (explorer), GTK_TYPE_DRAWING_AREA);
  g_assert_nonnull (picture);
  double x;
  g_assert_false (cl_app_explorer_activations_get_hover (explorer, &x));
  pointer_to (picture, gtk_widget_get_width (picture) * 0.5, gtk_widget_get_height (picture) * 0.45, "");
  g_assert_true (cl_app_explorer_activations_get_hover (explorer, &x));
  g_assert_cmpfloat (fabs (x), <, 1.0);   /* the middle of [−6, 6], give or take the margins */
  g_object_unref (cl_test_ui_save_png (GTK_WIDGET (explorers), "activations-fr-1280x720.png"));
  cl_test_ui_assert_nothing_clipped (GTK_WIDGET (explorers), "the activations explorer at 1280×720");

  /* A projector of 1024×768: nothing cut either. */
  resize (explorers, 1024, 768);
  click (cl_test_ui_find_by_name (GTK_WIDGET (explorer), "relu"));
  g_assert_cmpint (cl_app_explorer_activations_get_function (explorer), ==, CL_ACTIVATION_RELU);
  g_object_unref (cl_test_ui_save_png (GTK_WIDGET (explorers), "activations-fr-1024x768.png"));
  cl_test_ui_assert_nothing_clipped (GTK_WIDGET (explorers), "the activations explorer at 1024×768");
  pointer_to (GTK_WIDGET (explorers), 5, 5, "");
}

static gboolean
has_samples (gpointer data)
{
  return cl_app_explorer_activations_get_n_samples (data) > 0;
}

static gboolean
stepped (gpointer data)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (cl_app_window_get_training (window ()));
  return s != NULL && s->step >= GPOINTER_TO_UINT (data);
}

/* XOR with a ReLU hidden layer: the layer's inputs are the 8 units of the
 * Dense layer before it, for each probe sample. */
static void
load_xor (void)
{
  ClNetSpec *spec = cl_net_spec_new (2, 1, 1);
  cl_net_spec_append (spec, "Dense", "units", 8.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "Dense", "units", 2.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  /* Loaded, not an edit: closing at the end asks nothing. */
  cl_app_document_load (cl_app_window_get_document (window ()),
                        cl_design_new ("XOR", spec, "toy:xor"), NULL);
  g_assert_true (cl_test_ui_wait_can_train (cl_app_window_get_training (window ()), 30000));
}

static void
test_layer_of_the_network (void)
{
  GtkWindow *explorers;
  ClAppExplorerActivations *explorer = open_explorer (&explorers);
  load_xor ();

  /* Dense is not an activation; ReLU #2 is. */
  g_assert_false (cl_app_explorer_activations_set_layer (explorer, 0));
  g_assert_true (cl_app_explorer_activations_set_layer (explorer, 1));
  g_assert_cmpint (cl_app_explorer_activations_get_layer (explorer), ==, 1);
  g_assert_cmpint (cl_app_explorer_activations_get_function (explorer), ==, CL_ACTIVATION_RELU);
  /* No run yet: no inputs. */
  g_assert_cmpuint (cl_app_explorer_activations_get_n_samples (explorer), ==, 0);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.step", NULL));
  g_assert_true (cl_test_ui_wait_until (has_samples, explorer, 10000));
  const ClSnapshot *s = cl_app_training_get_snapshot (cl_app_window_get_training (window ()));
  g_assert_cmpuint (cl_app_explorer_activations_get_n_samples (explorer), ==,
                    (gsize) s->n_probes * 8);

  /* It follows training: the histogram is the newest snapshot's. */
  for (int k = 0; k < 3; k++)
    {
      guint64 at = s->step;
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.step", NULL));
      g_assert_true (cl_test_ui_wait_until (stepped, GUINT_TO_POINTER (at + 1), 20000));
      s = cl_app_training_get_snapshot (cl_app_window_get_training (window ()));
      g_assert_true (cl_app_explorer_activations_get_snapshot (explorer) == s);
    }
  resize (explorers, 1280, 720);
  g_object_unref (cl_test_ui_save_png (GTK_WIDGET (explorers), "activations-layer-fr-1280x720.png"));

  /* The layer removed from the design: none is chosen any more. */
  cl_app_document_remove_layer (cl_app_window_get_document (window ()), 1);
  cl_test_ui_spin (200);
  g_assert_cmpint (cl_app_explorer_activations_get_layer (explorer), ==, -1);
  g_assert_cmpuint (cl_app_explorer_activations_get_n_samples (explorer), ==, 0);
  cl_app_document_undo (cl_app_window_get_document (window ()));
  cl_test_ui_spin (200);
}

static gboolean
mapped (gpointer data)
{
  GtkWidget *w = cl_app_network_canvas_get_curve_tooltip (data);
  return w != NULL && gtk_widget_get_mapped (w);
}

/* Hovering the ReLU block of a network that has trained shows its curve
 * with its inputs; the Dense block and empty canvas show nothing. */
static void
test_canvas_tooltip (void)
{
  GtkWindow *explorers = cl_app_window_get_explorer_window (window ());
  if (explorers != NULL)
    gtk_window_close (explorers);
  cl_test_ui_spin (200);
  GtkWidget *canvas = cl_test_ui_find_by_type (GTK_WIDGET (window ()), CL_APP_TYPE_NETWORK_CANVAS);
  g_assert_nonnull (canvas);
  ClAppNetworkCanvas *c = CL_APP_NETWORK_CANVAS (canvas);
  double rx, ry, dx, dy;
  g_assert_true (cl_app_network_canvas_get_layer_center (c, 1, &rx, &ry));
  g_assert_true (cl_app_network_canvas_get_layer_center (c, 0, &dx, &dy));

  /* The run of test_layer_of_the_network is there. */
  g_assert_nonnull (cl_app_training_get_snapshot (cl_app_window_get_training (window ())));
  g_assert_cmpint (cl_app_network_canvas_curve_layer_at (c, rx, ry), ==, 1);
  g_assert_cmpint (cl_app_network_canvas_curve_layer_at (c, dx, dy), ==, -1);
  g_assert_cmpint (cl_app_network_canvas_curve_layer_at (c, 3, 3), ==, -1);

  /* A real pointer resting on the ReLU block. */
  pointer_to (canvas, rx, ry, "");
  pointer_to (canvas, rx + 1, ry, "");
  g_assert_true (cl_test_ui_wait_until (mapped, c, 5000));
  g_object_unref (cl_test_ui_save_png (cl_app_network_canvas_get_curve_tooltip (c),
                                       "activations-canvas-tooltip-fr.png"));
  /* Away from the blocks: it goes, and no other comes. */
  pointer_to (canvas, 3, gtk_widget_get_height (canvas) - 3.0, "");
  cl_test_ui_spin (1500);
  g_assert_false (mapped (c));

  /* A design whose layers are no longer the run's: the ReLU block, now
   * first, has no inputs to show. */
  cl_app_document_remove_layer (cl_app_window_get_document (window ()), 0);
  cl_test_ui_spin (200);
  g_assert_true (cl_app_network_canvas_get_layer_center (c, 0, &rx, &ry));
  g_assert_cmpint (cl_app_network_canvas_curve_layer_at (c, rx, ry), ==, -1);
  cl_app_document_undo (cl_app_window_get_document (window ()));
  cl_test_ui_spin (200);
}

int
main (int argc, char **argv)
{
  cl_test_use_language ("fr");

  cl_test_ui_init (&argc, &argv);
  app = cl_test_ui_start_app ();
  g_test_add_func ("/ui/activations-explorer/choose-with-the-pointer", test_choose_with_the_pointer);
  g_test_add_func ("/ui/activations-explorer/layer-of-the-network", test_layer_of_the_network);
  g_test_add_func ("/ui/activations-explorer/canvas-tooltip", test_canvas_tooltip);
  int status = g_test_run ();
  /* The run's epochs are not work to keep: no question on closing. */
  cl_app_training_forget (cl_app_window_get_training (window ()));
  cl_test_ui_stop_app (app);
  g_object_unref (app);
  return status;
}
