/* The Backpropagation explorer in the real window, in French, as a teacher
 * uses it: opened from win.explorer('backprop') on the XOR 2-2-1 design
 * (its data's first sample), stepped with real pointer clicks and keys,
 * switched to the course's 2-2-1 example, and screenshots of the forward,
 * the backward and the update at 1280×720 and 1024×768; a design it cannot
 * show falls back to the example and says why. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "cl-app-explorer-backprop.h"
#include "cl-app-explorer-window.h"
#include "cl-app-palette.h"
#include "cl-app-training.h"
#include "cl-app-window.h"
#include "engine/design-file.h"
#include "render/render-backprop.h"
#include "tests/use-language.h"
#include "ui-harness.h"

static ClAppApplication *app;

static ClAppWindow *
window (void)
{
  return CL_APP_WINDOW (cl_test_ui_main_window (app));
}

static void
load_example (const char *file)
{
  g_autofree char *dir = cl_app_palette_find_designs_dir ();
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr (ClDesign) design = cl_design_load (path, NULL);
  g_assert_nonnull (design);
  cl_app_document_replace (cl_app_window_get_document (window ()), design);
}

static gboolean
has_data (gpointer data)
{
  return cl_app_training_get_data (cl_app_window_get_training (window ())) != NULL;
}

static gboolean
played_on (gpointer data)
{
  return cl_app_explorer_backprop_get_stage (data) >= 1;
}

static gboolean
stepped (gpointer data)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (data);
  return s != NULL && s->step >= 1;
}

static ClAppExplorerBackprop *
open_explorer (GtkWindow **explorer_window)
{
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.explorer", "s", "backprop");
  cl_test_ui_spin (300);
  GtkWindow *ew = cl_app_window_get_explorer_window (window ());
  g_assert_nonnull (ew);
  GtkWidget *e = cl_app_explorer_window_get_explorer (CL_APP_EXPLORER_WINDOW (ew), "backprop");
  g_assert_true (CL_APP_IS_EXPLORER_BACKPROP (e));
  g_assert_true (gtk_widget_get_mapped (e));
  *explorer_window = ew;
  return CL_APP_EXPLORER_BACKPROP (e);
}

static GtkWidget *
named (ClAppExplorerBackprop *e, const char *name)
{
  GtkWidget *w = cl_test_ui_find_by_name (GTK_WIDGET (e), name);
  g_assert_nonnull (w);
  return w;
}

static int
find_stage (const ClBackpropTrace *t, ClBackpropPhase phase)
{
  for (int i = 0; i < cl_backprop_get_n_stages (t); i++)
    if (cl_backprop_get_stage (t, i).phase == phase)
      return i;
  g_assert_not_reached ();
}

/* Steps with the keys (the picture has the focus after a click on it)
 * until the stage is `stage`. */
static void
key_to (ClAppExplorerBackprop *e, int stage)
{
  cl_test_ui_xdotool ("key Home", 100);
  g_assert_cmpint (cl_app_explorer_backprop_get_stage (e), ==, 0);
  for (int i = 0; i < stage; i++)
    cl_test_ui_xdotool ("key Right", 60);
  g_assert_cmpint (cl_app_explorer_backprop_get_stage (e), ==, stage);
}

static void
screenshots (GtkWindow *ew, ClAppExplorerBackprop *e, const char *size)
{
  const ClBackpropTrace *t = cl_app_explorer_backprop_get_trace (e);
  const struct { ClBackpropPhase phase; int extra; const char *name; } shots[] = {
    { CL_BACKPROP_FORWARD, 1, "forward" },     /* the second neuron: one done, one now */
    { CL_BACKPROP_BACKWARD, 2, "backward" },   /* a hidden neuron's ∂E/∂y, σ′, ∂E/∂x */
    { CL_BACKPROP_UPDATE, 0, "update" },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (shots); i++)
    {
      key_to (e, find_stage (t, shots[i].phase) + shots[i].extra);
      cl_test_ui_spin (200);
      g_autofree char *file = g_strdup_printf ("backprop-%s-fr-%s.png", shots[i].name, size);
      g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (ew), file) });
    }
  cl_test_ui_assert_nothing_clipped (GTK_WIDGET (ew), size);
}

static void
test_steps (void)
{
  load_example ("xor-2-2-1.json");
  g_assert_true (cl_test_ui_wait_until (has_data, NULL, 30000));
  GtkWindow *ew;
  ClAppExplorerBackprop *e = open_explorer (&ew);
  gtk_window_set_default_size (ew, 1280, 720);
  cl_test_ui_spin (400);

  /* The design, its first training sample: 3 neurons, 13 stages. */
  g_assert_true (cl_app_explorer_backprop_shows_design (e));
  g_assert_cmpint (cl_app_explorer_backprop_get_n_stages (e), ==, 13);
  const ClBackpropTrace *t = cl_app_explorer_backprop_get_trace (e);
  g_assert_true (t->fused);  /* Sigmoid + binary cross-entropy */
  ClDataset *data = cl_app_training_get_data (cl_app_window_get_training (window ()));
  g_assert_cmpmem (t->layers[0].y, 2 * sizeof (float),
                   cl_dataset_get_sample (data, CL_DATASET_TRAIN, 0), 2 * sizeof (float));
  g_assert_cmpfloat (t->target[0], ==, (float) data->labels[0]);

  /* One training step (F6's command): the explorer follows the newest
   * snapshot's weights. */
  ClAppTraining *training = cl_app_window_get_training (window ());
  g_assert_true (cl_app_training_step (training, NULL));
  g_assert_true (cl_test_ui_wait_until (stepped, training, 30000));
  cl_test_ui_spin (200);
  const ClSnapshot *snap = cl_app_training_get_snapshot (training);
  t = cl_app_explorer_backprop_get_trace (e);
  g_assert_cmpmem (t->links[0].w, 4 * sizeof (float), snap->params, 4 * sizeof (float));

  /* Real clicks on the buttons. */
  g_assert_cmpint (cl_app_explorer_backprop_get_stage (e), ==, 0);
  cl_test_ui_click (named (e, "backprop-next"));
  cl_test_ui_click (named (e, "backprop-next"));
  g_assert_cmpint (cl_app_explorer_backprop_get_stage (e), ==, 2);
  cl_test_ui_click (named (e, "backprop-back"));
  g_assert_cmpint (cl_app_explorer_backprop_get_stage (e), ==, 1);
  cl_test_ui_click (named (e, "backprop-last"));
  g_assert_cmpint (cl_app_explorer_backprop_get_stage (e), ==, 12);
  g_assert_false (gtk_widget_get_sensitive (named (e, "backprop-next")));
  cl_test_ui_click (named (e, "backprop-first"));
  g_assert_cmpint (cl_app_explorer_backprop_get_stage (e), ==, 0);

  /* The keys, once the picture has been clicked. */
  cl_test_ui_click (named (e, "backprop-picture"));
  cl_test_ui_xdotool ("key Right", 60);
  cl_test_ui_xdotool ("key Right", 60);
  cl_test_ui_xdotool ("key Left", 60);
  g_assert_cmpint (cl_app_explorer_backprop_get_stage (e), ==, 1);
  cl_test_ui_xdotool ("key End", 60);
  g_assert_cmpint (cl_app_explorer_backprop_get_stage (e), ==, 12);

  /* Play goes through the stages by itself; Space pauses. */
  cl_test_ui_xdotool ("key Home", 60);
  cl_test_ui_xdotool ("key space", 60);
  g_assert_true (cl_test_ui_wait_until (played_on, e, 20000));
  cl_test_ui_xdotool ("key space", 60);
  int played = cl_app_explorer_backprop_get_stage (e);
  g_assert_cmpint (played, >=, 1);
  cl_test_ui_spin (1500);
  g_assert_cmpint (cl_app_explorer_backprop_get_stage (e), ==, played);

  /* η typed in the French way, "0,5", and Enter: the update uses it. */
  GtkWidget *lr = named (e, "backprop-lr");
  int x, y;
  cl_test_ui_screen_point (lr, 20, gtk_widget_get_height (lr) / 2.0, &x, &y);
  g_autofree char *args = g_strdup_printf ("mousemove %d %d click --repeat 3 1", x, y);
  cl_test_ui_xdotool (args, 150);
  cl_test_ui_xdotool ("type 0,5", 100);
  cl_test_ui_xdotool ("key Return", 200);
  t = cl_app_explorer_backprop_get_trace (e);
  g_assert_cmpfloat (t->lr, ==, 0.5);
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (t->links[0].w_new[i],
                                    t->links[0].w[i] - 0.5 * t->links[0].dw[i], 1e-6);

  /* The course's example, chosen in the drop-down. */
  GtkWidget *drop = cl_test_ui_find_by_type (GTK_WIDGET (e), GTK_TYPE_DROP_DOWN);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop), 1);
  cl_test_ui_spin (200);
  g_assert_false (cl_app_explorer_backprop_shows_design (e));
  t = cl_app_explorer_backprop_get_trace (e);
  g_assert_cmpfloat (t->layers[0].y[0], ==, 0.35f);
  g_assert_cmpfloat (t->target[0], ==, 0.5f);

  cl_test_ui_click (named (e, "backprop-picture"));
  screenshots (ew, e, "1280x720");

  /* Presented (F11, a real key): the picture in the presentation style. */
  cl_test_ui_xdotool ("key F11", 300);
  g_assert_true (cl_app_explorer_window_get_presenting (CL_APP_EXPLORER_WINDOW (ew)));
  key_to (e, find_stage (cl_app_explorer_backprop_get_trace (e), CL_BACKPROP_BACKWARD) + 2);
  cl_test_ui_spin (300);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (ew),
                                                         "backprop-present-fr-1280x720.png") });
  cl_test_ui_xdotool ("key Escape", 300);
  g_assert_false (cl_app_explorer_window_get_presenting (CL_APP_EXPLORER_WINDOW (ew)));
  gtk_window_set_default_size (ew, 1024, 768);
  cl_test_ui_spin (500);
  screenshots (ew, e, "1024x768");
}

/* A convolutional design cannot be shown: the example is, with the reason. */
static void
test_fallback (void)
{
  load_example ("lenet5.json");
  GtkWindow *ew;
  ClAppExplorerBackprop *e = open_explorer (&ew);
  cl_test_ui_spin (200);
  g_assert_false (cl_app_explorer_backprop_shows_design (e));
  g_assert_cmpint (cl_app_explorer_backprop_get_n_stages (e), ==, 13);
  GtkDropDown *drop = GTK_DROP_DOWN (cl_test_ui_find_by_type (GTK_WIDGET (e),
                                                              GTK_TYPE_DROP_DOWN));
  gtk_drop_down_set_selected (drop, 0);
  cl_test_ui_spin (200);
  gboolean said = FALSE;
  for (GtkWidget *w = gtk_widget_get_first_child (GTK_WIDGET (e)); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LABEL (w) && gtk_widget_get_visible (w)
        && strstr (gtk_label_get_text (GTK_LABEL (w)), "784") != NULL)
      said = TRUE;
  g_assert_true (said);
}

int
main (int argc, char **argv)
{
  cl_test_use_language ("fr");

  cl_test_ui_init (&argc, &argv);
  app = cl_test_ui_start_app ();
  gtk_window_set_default_size (cl_test_ui_main_window (app), 1280, 720);
  cl_test_ui_spin (100);
  g_test_add_func ("/ui/backprop/steps-and-screenshots", test_steps);
  g_test_add_func ("/ui/backprop/design-it-cannot-show", test_fallback);
  int status = g_test_run ();
  gtk_window_destroy (cl_test_ui_main_window (app));
  cl_test_ui_spin (100);
  g_clear_object (&app);
  return status;
}
