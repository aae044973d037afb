/* Runs in the window: Play after the end starts the next run of as many
 * epochs (never one without end), the curves stay bounded however many
 * epochs pass, and a loss that explodes while finite is said on the
 * Training panel like a divergence. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "cl-app-document.h"
#include "cl-app-training-panel.h"
#include "cl-app-training.h"
#include "cl-app-window.h"
#include "engine/zoo.h"
#include "ui-harness.h"
#include "ui-training.h"

static ClAppApplication *app;

static ClAppWindow *
window (void)
{
  return CL_APP_WINDOW (cl_test_ui_main_window (app));
}

static ClAppDocument *
document (void)
{
  return cl_app_window_get_document (window ());
}

static ClAppTraining *
training (void)
{
  return cl_app_window_get_training (window ());
}

static const ClSnapshot *
snapshot (void)
{
  return cl_app_training_get_snapshot (training ());
}

static gboolean
finished_at (gpointer epoch)
{
  const ClSnapshot *s = snapshot ();
  return s != NULL && s->state == CL_TRAINER_FINISHED && s->epoch == GPOINTER_TO_INT (epoch)
         && !cl_app_training_get_running (training ());
}

static gboolean
paused (gpointer data)
{
  const ClSnapshot *s = snapshot ();
  return s != NULL && s->state == CL_TRAINER_PAUSED && !cl_app_training_get_running (training ());
}

static gboolean
running_past (gpointer epoch)
{
  const ClSnapshot *s = snapshot ();
  return s != NULL && s->state == CL_TRAINER_RUNNING && s->epoch > GPOINTER_TO_INT (epoch);
}

static GtkWidget *
find_actionable (GtkWidget *root, const char *action)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_ACTIONABLE (child)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      GtkWidget *found = find_actionable (child, action);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Changes of the running flag so far: a short run may start and finish
 * between two looks at the flag itself. */
static int running_changes;

static void
on_running_changed (void)
{
  running_changes++;
}

static gboolean
running_changed_since (gpointer before)
{
  return running_changes > GPOINTER_TO_INT (before);
}

/* The header bar's Play (or Pause) button, pressed: a button's activation
 * shows it pressed for a moment before it acts, so wait for the effect. */
static void
press_play (void)
{
  GtkWidget *play = find_actionable (GTK_WIDGET (window ()), "win.play-pause");
  int before = running_changes;

  g_assert_nonnull (play);
  g_assert_true (gtk_widget_is_sensitive (play));
  g_assert_true (gtk_widget_activate (play));
  g_assert_true (cl_test_ui_wait_until (running_changed_since, GINT_TO_POINTER (before), 10000));
}

static void
load (ClDesign *design, int epochs)
{
  ClTrainSettings *train = cl_net_spec_get_train (design->spec);

  train->epochs = epochs;
  train->speed = 0;   /* full speed: the examples' slow motion is for a class, not these runs */
  /* As the window opens an example: the run before is left behind. */
  cl_app_training_forget (training ());
  cl_app_document_replace (document (), design);
  g_assert_true (cl_test_ui_wait_can_train (training (), 30000));
}

/* Issue 15, item 10: XOR, Play to the end, Play again: it ran on without
 * end (3 770 epochs in 3 s) and the curves grew until the window stalled.
 * Now the second Play runs as many epochs again and stops; past the bound
 * the curves are thinned. */
static void
test_play_after_the_end_runs_as_many_again (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("CL_SOURCE_ROOT"), "data", "designs",
                                            "xor.json", NULL);
  g_autoptr(ClDesign) xor = cl_design_load (path, NULL);
  const int epochs = 400;   /* two runs pass the window's bound of 512 points */

  load (xor, epochs);
  press_play ();
  g_assert_true (cl_test_ui_wait_until (finished_at, GINT_TO_POINTER (epochs), 120000));
  g_assert_cmpuint (snapshot ()->n_test_history, ==, epochs);

  press_play ();
  g_assert_true (cl_test_ui_wait_until (finished_at, GINT_TO_POINTER (2 * epochs), 120000));
  const ClSnapshot *s = snapshot ();
  g_assert_cmpint (s->epoch, ==, 2 * epochs);
  g_assert_cmpuint (s->n_test_history, <=, 512);
  g_assert_cmpuint (s->n_test_history, >=, 256);
  g_assert_cmpuint (s->n_loss_history, <=, 512);
  g_assert_cmpfloat (s->test_loss_history[s->n_test_history - 1].x, ==, 2 * epochs);

  /* Runs of 4 000 epochs now (a setting a running trainer takes): paused
   * in the middle of one, Play finishes that run.  XOR trains some 2 000
   * epochs a second, faster than a button's press: Pause is the action. */
  ClTrainSettings train = *cl_net_spec_peek_train (cl_app_document_get_spec (document ()));
  train.epochs = 4000;
  cl_app_document_set_train (document (), &train);
  press_play ();
  g_assert_true (cl_test_ui_wait_until (running_past, GINT_TO_POINTER (2 * epochs + 2), 60000));
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.play-pause", NULL);
  /* The worker says so: no snapshot from before the pause is left to come. */
  g_assert_true (cl_test_ui_wait_until (paused, NULL, 10000));
  g_assert_cmpint (snapshot ()->epoch, <, 4000);
  press_play ();
  g_assert_true (cl_test_ui_wait_until (finished_at, GINT_TO_POINTER (4000), 120000));
  g_assert_cmpuint (snapshot ()->n_test_history, <=, 512);
}

/* Issue 15, item 13: plain SGD at the highest rate takes the loss up by orders
 * of magnitude without a NaN: the Training panel warns as for divergence. */
static void
test_exploding_loss_warns (void)
{
  ClNetSpec *spec = cl_net_spec_new (2, 1, 1);
  cl_net_spec_append (spec, "Dense", "units", 8.0, NULL);
  cl_net_spec_append (spec, "Tanh", NULL);
  cl_net_spec_append (spec, "Dense", "units", 2.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  ClTrainSettings *train = cl_net_spec_get_train (spec);
  train->optimiser = CL_OPTIM_SGD;
  train->momentum = 0;
  train->lr = 100;   /* the highest the Training panel offers */
  train->batch_size = 16;
  g_autoptr(ClDesign) design = cl_design_new ("Exploding XOR", spec, "toy:xor");

  load (design, 30);
  press_play ();
  g_assert_true (cl_test_ui_wait_until (finished_at, GINT_TO_POINTER (30), 60000));
  const ClSnapshot *s = snapshot ();
  g_assert_true (isfinite (s->train_loss_smooth));
  g_assert_true (s->loss_exploding);

  GtkWidget *panel = cl_test_ui_find_by_type (GTK_WIDGET (window ()), CL_APP_TYPE_TRAINING_PANEL);
  const char *problem = cl_app_training_panel_get_problem (CL_APP_TRAINING_PANEL (panel));
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "learning rate"));
  cl_test_ui_spin (200);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), "panel-training-exploding.png") });

  /* Reset forgets it. */
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.reset", NULL);
  cl_test_ui_spin (300);
  g_assert_null (cl_app_training_panel_get_problem (CL_APP_TRAINING_PANEL (panel)));
}

int
main (int argc, char **argv)
{
  cl_test_ui_init (&argc, &argv);
  g_autofree char *autosave = g_build_filename (g_get_user_data_dir (), "convlab", "autosave.json", NULL);
  g_unlink (autosave);
  app = cl_test_ui_start_app ();
  g_signal_connect (training (), "notify::running", G_CALLBACK (on_running_changed), NULL);

  g_test_add_func ("/ui/runs/play-after-the-end-runs-as-many-again",
                   test_play_after_the_end_runs_as_many_again);
  g_test_add_func ("/ui/runs/exploding-loss-warns", test_exploding_loss_warns);

  int status = g_test_run ();
  /* Nothing left to ask about on the way out. */
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.new", NULL);
  for (int i = 0; i < 2; i++)
    {
      GtkWindow *prompt = cl_test_ui_find_window (ADW_TYPE_MESSAGE_DIALOG);
      if (prompt == NULL)
        break;
      adw_message_dialog_response (ADW_MESSAGE_DIALOG (prompt), "discard");
      gtk_window_destroy (prompt);
      cl_test_ui_spin (50);
    }
  cl_test_ui_stop_app (app);
  g_object_unref (app);
  return status;
}
