/* The trainer's state machine, its snapshots and its bounds, driven as the
 * window drives it: commands in, snapshots out. */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <string.h>

#include "engine/error.h"
#include "engine/gallery.h"
#include "engine/trainer.h"
#include "engine/zoo.h"

#define WAIT_US (20 * G_USEC_PER_SEC)
/* Plain SGD at this rate takes XOR's loss from 0.7 to thousands, finite. */
#define EXPLODING_LR 1e3

static ClDataset *
xor_data_with_noise (float noise)
{
  ClToyOptions options;
  g_autoptr(GError) error = NULL;

  cl_toy_options_init (&options);
  options.n_points = 200;
  options.noise = noise;
  ClDataset *data = cl_dataset_new_toy (CL_TOY_XOR, &options, &error);
  g_assert_no_error (error);
  return data;
}

static ClDataset *
xor_data (void)
{
  return xor_data_with_noise (0.05f);
}

static ClNetSpec *
xor_net (double lr)
{
  ClNetSpec *spec = cl_net_spec_new (2, 1, 1);
  cl_net_spec_append (spec, "Dense", "units", 8.0, NULL);
  cl_net_spec_append (spec, "Tanh", NULL);
  cl_net_spec_append (spec, "Dense", "units", 2.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  ClTrainSettings *train = cl_net_spec_get_train (spec);
  train->optimiser = CL_OPTIM_ADAM;
  train->lr = lr;
  train->batch_size = 16;
  train->seed = 7;
  return spec;
}

static ClTrainer *
xor_trainer (const ClTrainerOptions *options, double lr)
{
  g_autoptr(ClDataset) data = xor_data ();
  g_autoptr(ClNetSpec) spec = xor_net (lr);
  g_autoptr(GError) error = NULL;
  ClTrainer *trainer = cl_trainer_new (spec, data, options, &error);

  g_assert_no_error (error);
  g_assert_nonnull (trainer);
  return trainer;
}

typedef gboolean (*Condition) (const ClSnapshot *s, gpointer data);

/* Waits for a snapshot that satisfies `done`, or fails the test. */
static ClSnapshot *
wait_for (ClTrainer *trainer, Condition done, gpointer data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;
  ClSnapshot *s = cl_trainer_get_snapshot (trainer);

  while (!done (s, data))
    {
      guint64 version = s->version;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      cl_snapshot_unref (s);
      s = cl_trainer_wait_snapshot (trainer, version, 100000);
    }
  return s;
}

static gboolean
in_state (const ClSnapshot *s, gpointer state)
{
  return (int) s->state == GPOINTER_TO_INT (state);
}

static gboolean
past_step (const ClSnapshot *s, gpointer step)
{
  return s->step > GPOINTER_TO_UINT (step);
}

static void
test_starts_idle_with_a_snapshot (void)
{
  g_autoptr(ClTrainer) trainer = xor_trainer (NULL, 0.05);
  g_autoptr(ClSnapshot) s = cl_trainer_get_snapshot (trainer);

  g_assert_cmpint (s->state, ==, CL_TRAINER_IDLE);
  g_assert_cmpuint (s->step, ==, 0);
  g_assert_cmpint (s->epoch, ==, 0);
  g_assert_cmpint (s->n_layers, ==, 4);
  g_assert_cmpuint (s->n_params, ==, 2 * 8 + 8 + 8 * 2 + 2);
  g_assert_cmpint (s->n_classes, ==, 2);
  g_assert_cmpint (s->n_probes, ==, 4);
  g_assert_nonnull (s->layers[3].activations);
  /* The probes' outputs are probabilities. */
  g_assert_cmpfloat_with_epsilon (s->layers[3].activations[0] + s->layers[3].activations[1], 1.0, 1e-5);
  g_assert_cmpuint (s->checkpoints->len, ==, 1);   /* the initial weights */
}

static void
test_step_trains_one_batch_then_pauses (void)
{
  g_autoptr(ClTrainer) trainer = xor_trainer (NULL, 0.05);

  cl_trainer_step (trainer);
  g_autoptr(ClSnapshot) s = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_PAUSED));
  g_assert_cmpuint (s->step, ==, 1);
  g_assert_cmpuint (s->samples_seen, ==, 16);
  g_assert_true (isfinite (s->train_loss));

  cl_trainer_step (trainer);
  cl_trainer_step (trainer);
  g_autoptr(ClSnapshot) s3 = wait_for (trainer, past_step, GUINT_TO_POINTER (2));
  g_assert_cmpuint (s3->step, ==, 3);
}

static void
test_play_pause_reset (void)
{
  g_autoptr(ClTrainer) trainer = xor_trainer (NULL, 0.05);

  cl_trainer_play (trainer);
  g_autoptr(ClSnapshot) running = wait_for (trainer, past_step, GUINT_TO_POINTER (20));
  g_assert_cmpint (running->state, ==, CL_TRAINER_RUNNING);

  cl_trainer_pause (trainer);
  g_autoptr(ClSnapshot) paused = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_PAUSED));
  g_usleep (50000);
  g_autoptr(ClSnapshot) later = cl_trainer_get_snapshot (trainer);
  g_assert_cmpuint (later->step, ==, paused->step);   /* paused means stopped */
  g_assert_cmpuint (paused->n_loss_history, >, 0);

  cl_trainer_reset (trainer);
  g_autoptr(ClSnapshot) reset = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_IDLE));
  g_assert_cmpuint (reset->step, ==, 0);
  g_assert_cmpuint (reset->n_loss_history, ==, 0);
  g_assert_cmpint (reset->epoch, ==, 0);
}

static void
test_epochs_finish_with_a_test_evaluation (void)
{
  g_autoptr(ClTrainer) trainer = xor_trainer (NULL, 0.05);

  cl_trainer_run_epochs (trainer, 2);
  g_autoptr(ClSnapshot) s = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_FINISHED));
  g_assert_cmpint (s->epoch, ==, 2);
  g_assert_nonnull (s->reason);
  g_assert_true (s->has_test);
  g_assert_cmpuint (s->n_test_history, ==, 2);
  g_assert_cmpfloat (s->test_loss_history[1].x, ==, 2.0);
  g_assert_nonnull (s->confusion);
  guint total = 0;
  for (int i = 0; i < 4; i++)
    total += s->confusion[i];
  g_assert_cmpuint (total, ==, 40);   /* 20% of 200 points are the test part */
}

/* The evaluation at each epoch's end also keeps the worst test samples:
 * at most CL_SNAPSHOT_GALLERY, worst first, every mistake before any right
 * answer, with their true labels and indices in the test part. */
static void
test_gallery_of_worst_test_samples (void)
{
  g_autoptr(ClDataset) data = xor_data ();
  g_autoptr(ClNetSpec) spec = xor_net (0.05);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClTrainer) trainer = cl_trainer_new (spec, data, NULL, &error);
  g_assert_no_error (error);

  g_autoptr(ClSnapshot) idle = cl_trainer_get_snapshot (trainer);
  g_assert_null (idle->gallery);

  cl_trainer_run_epochs (trainer, 1);
  g_autoptr(ClSnapshot) s = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_FINISHED));
  const ClGallery *g = s->gallery;
  g_assert_nonnull (g);
  g_assert_cmpint (g->n, ==, CL_SNAPSHOT_GALLERY);
  g_assert_cmpint (g->shape.c, ==, 2);

  guint n_test = cl_dataset_get_n (data, CL_DATASET_TEST);
  int mistakes = s->confusion[1] + s->confusion[2], shown = 0;
  for (int i = 0; i < g->n; i++)
    {
      float x[2];
      guint32 label, index = g->indices[i];
      g_assert_cmpuint (index, <, n_test);
      cl_dataset_get_batch (data, CL_DATASET_TEST, &index, 1, x, &label, NULL);
      g_assert_cmpint (g->labels[i], ==, (int) label);
      g_assert_cmpfloat (g->images[2 * i], ==, x[0]);
      if (i > 0)
        g_assert_cmpfloat (g->true_prob[i - 1], <=, g->true_prob[i]);
      /* Mistakes lead: none after the first right answer. */
      if (g->predicted[i] != g->labels[i])
        g_assert_cmpint (shown++, ==, i);
    }
  g_assert_cmpint (shown, ==, MIN (mistakes, g->n));

  /* Reset forgets it with the weights it judged. */
  cl_trainer_reset (trainer);
  g_autoptr(ClSnapshot) reset = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_IDLE));
  g_assert_null (reset->gallery);
}

static void
test_learns_xor (void)
{
  /* Noise-free: the clean set is separable (a margin around the axes), so
   * 100% of the training set is reachable and required; the test points
   * nearest the axes may still fall on the wrong side. */
  g_autoptr(ClDataset) data = xor_data_with_noise (0.0f);
  g_autoptr(ClNetSpec) spec = xor_net (0.05);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClTrainer) trainer = cl_trainer_new (spec, data, NULL, &error);
  g_assert_no_error (error);

  cl_trainer_run_epochs (trainer, 200);
  g_autoptr(ClSnapshot) s = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_FINISHED));
  g_assert_cmpfloat (s->train_accuracy_history[s->n_test_history - 1].y, ==, 1.0);
  g_assert_cmpfloat (s->test_accuracy, >=, 0.95);
  g_assert_cmpfloat (s->test_loss_history[s->n_test_history - 1].y, <, s->test_loss_history[0].y);
}

static void
test_divergence_is_a_state_and_reset_recovers (void)
{
  g_autoptr(ClTrainer) trainer = xor_trainer (NULL, 0.05);

  /* Plain SGD with an absurd rate: the weights overflow within steps. */
  g_autoptr(ClNetSpec) spec = xor_net (1e38);
  ClTrainSettings settings = *cl_net_spec_peek_train (spec);
  settings.optimiser = CL_OPTIM_SGD;
  settings.momentum = 0.0;
  cl_trainer_set_train (trainer, &settings);
  cl_trainer_play (trainer);
  g_autoptr(ClSnapshot) s = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_DIVERGED));
  g_assert_nonnull (s->reason);
  g_assert_cmpstr (s->reason, !=, "");

  /* Play does nothing on a diverged network; reset brings it back. */
  cl_trainer_play (trainer);
  cl_trainer_set_learning_rate (trainer, 0.05);
  cl_trainer_reset (trainer);
  cl_snapshot_unref (wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_IDLE)));
  cl_trainer_step (trainer);
  g_autoptr(ClSnapshot) after = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_PAUSED));
  g_assert_true (isfinite (after->train_loss));
}

static void
test_snapshots_are_immutable (void)
{
  g_autoptr(ClTrainer) trainer = xor_trainer (NULL, 0.05);
  g_autoptr(ClSnapshot) first = cl_trainer_get_snapshot (trainer);
  g_autofree float *copy = g_memdup2 (first->params, first->n_params * sizeof (float));
  g_autofree float *acts = g_memdup2 (first->layers[1].activations, 4 * 8 * sizeof (float));

  cl_trainer_run_epochs (trainer, 3);
  g_autoptr(ClSnapshot) last = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_FINISHED));
  g_assert_cmpmem (first->params, first->n_params * sizeof (float), copy, first->n_params * sizeof (float));
  g_assert_cmpmem (first->layers[1].activations, 4 * 8 * sizeof (float), acts, 4 * 8 * sizeof (float));
  g_assert_true (memcmp (last->params, copy, first->n_params * sizeof (float)) != 0);
  g_assert_cmpuint (last->version, >, first->version);
}

static void
test_same_seed_same_weights (void)
{
  g_autoptr(ClTrainer) a = xor_trainer (NULL, 0.05);
  g_autoptr(ClTrainer) b = xor_trainer (NULL, 0.05);

  cl_trainer_run_epochs (a, 3);
  cl_trainer_run_epochs (b, 3);
  g_autoptr(ClSnapshot) sa = wait_for (a, in_state, GINT_TO_POINTER (CL_TRAINER_FINISHED));
  g_autoptr(ClSnapshot) sb = wait_for (b, in_state, GINT_TO_POINTER (CL_TRAINER_FINISHED));
  g_assert_cmpmem (sa->params, sa->n_params * sizeof (float), sb->params, sb->n_params * sizeof (float));
}

static void
test_memory_is_bounded (void)
{
  ClTrainerOptions options;
  cl_trainer_options_init (&options);
  options.checkpoint_every = 1;
  options.max_checkpoints = 8;
  options.history_max = 32;
  g_autoptr(ClTrainer) trainer = xor_trainer (&options, 0.05);

  cl_trainer_run_epochs (trainer, 20);   /* 10 steps an epoch: 200 steps */
  g_autoptr(ClSnapshot) s = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_FINISHED));
  g_assert_cmpuint (s->step, ==, 200);
  g_assert_cmpuint (s->checkpoints->len, <=, 8);
  g_assert_cmpuint (s->checkpoints->len, >=, 4);
  g_assert_cmpuint (s->checkpoint_steps[0], ==, 0);   /* the start survives thinning */
  for (guint i = 1; i < s->checkpoints->len; i++)
    g_assert_cmpuint (s->checkpoint_steps[i], >, s->checkpoint_steps[i - 1]);
  g_assert_cmpuint (s->n_loss_history, <, 32);
  g_assert_cmpuint (s->n_loss_history, >=, 8);
  g_assert_cmpfloat (s->loss_history[s->n_loss_history - 1].x, <=, 200);
}

/* Thousands of short epochs (the window's Play on XOR) keep the per-epoch
 * curves within the bound, ending at the current epoch. */
static void
test_epoch_history_is_bounded (void)
{
  ClTrainerOptions options;
  cl_trainer_options_init (&options);
  options.history_max = 16;
  g_autoptr(ClTrainer) trainer = xor_trainer (&options, 0.05);

  cl_trainer_run_epochs (trainer, 100);
  g_autoptr(ClSnapshot) s = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_FINISHED));
  g_assert_cmpint (s->epoch, ==, 100);
  g_assert_cmpuint (s->n_test_history, <=, 16);
  g_assert_cmpuint (s->n_test_history, >=, 8);
  g_assert_cmpfloat (s->test_loss_history[s->n_test_history - 1].x, ==, 100);
  g_assert_cmpfloat (s->test_accuracy_history[s->n_test_history - 1].x, ==, 100);
  g_assert_cmpfloat (s->train_accuracy_history[s->n_test_history - 1].x, ==, 100);
  for (guint i = 1; i < s->n_test_history; i++)
    g_assert_cmpfloat (s->test_loss_history[i].x, >, s->test_loss_history[i - 1].x);
  for (guint i = 0; i < s->n_test_history; i++)
    {
      g_assert_true (isfinite (s->test_loss_history[i].y));
      g_assert_cmpfloat (s->test_accuracy_history[i].y, >=, 0);
      g_assert_cmpfloat (s->test_accuracy_history[i].y, <=, 1);
    }
}

static gboolean
past_epoch (const ClSnapshot *s, gpointer epoch)
{
  return s->epoch > GPOINTER_TO_INT (epoch);
}

/* The window's Play: to the end of the run under way, then the next run
 * of as many; paused in the middle, to the end of that run. */
static void
test_runs_of_n_epochs (void)
{
  g_autoptr(ClTrainer) trainer = xor_trainer (NULL, 0.05);

  cl_trainer_run_to_next (trainer, 3);
  g_autoptr(ClSnapshot) first = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_FINISHED));
  g_assert_cmpint (first->epoch, ==, 3);
  cl_trainer_run_to_next (trainer, 3);
  g_autoptr(ClSnapshot) second = wait_for (trainer, past_step, GUINT_TO_POINTER (first->step));
  cl_snapshot_unref (g_steal_pointer (&second));
  second = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_FINISHED));
  g_assert_cmpint (second->epoch, ==, 6);

  cl_trainer_run_to_next (trainer, 50);
  cl_snapshot_unref (wait_for (trainer, past_epoch, GINT_TO_POINTER (7)));
  cl_trainer_pause (trainer);
  cl_trainer_run_to_next (trainer, 50);
  g_autoptr(ClSnapshot) third = wait_for (trainer, past_epoch, GINT_TO_POINTER (8));
  cl_snapshot_unref (g_steal_pointer (&third));
  third = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_FINISHED));
  g_assert_cmpint (third->epoch, ==, 50);
}

static gboolean
exploding (const ClSnapshot *s, gpointer data)
{
  return s->loss_exploding || s->state == CL_TRAINER_DIVERGED || s->state == CL_TRAINER_FINISHED;
}

/* A learning rate far too high for plain SGD: the loss grows by orders of
 * magnitude and stays finite.  The snapshot says so before any NaN. */
static void
test_exploding_loss_is_flagged (void)
{
  g_autoptr(ClTrainer) trainer = xor_trainer (NULL, 0.05);
  g_autoptr(ClNetSpec) spec = xor_net (EXPLODING_LR);
  ClTrainSettings settings = *cl_net_spec_peek_train (spec);

  settings.optimiser = CL_OPTIM_SGD;
  settings.momentum = 0.0;
  cl_trainer_set_train (trainer, &settings);
  cl_trainer_run_epochs (trainer, 20);
  g_autoptr(ClSnapshot) s = wait_for (trainer, exploding, NULL);
  g_test_message ("reference %g, smoothed loss %g, state %d", s->reference_loss,
                  s->train_loss_smooth, s->state);
  g_assert_true (s->loss_exploding);
  g_assert_true (isfinite (s->train_loss_smooth));
  g_assert_cmpfloat (s->train_loss_smooth, >, 100 * s->reference_loss);
  g_assert_cmpfloat (s->reference_loss, >=, log (2));

  /* Reset forgets it; a sane rate never raises it. */
  cl_trainer_set_learning_rate (trainer, 0.05);
  cl_trainer_reset (trainer);
  cl_snapshot_unref (wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_IDLE)));
  g_autoptr(ClTrainer) sane = xor_trainer (NULL, 0.05);
  cl_trainer_run_epochs (sane, 20);
  g_autoptr(ClSnapshot) done = wait_for (sane, in_state, GINT_TO_POINTER (CL_TRAINER_FINISHED));
  g_assert_false (done->loss_exploding);
  g_assert_true (isfinite (done->reference_loss));
}

static void
count_notifications (gpointer data)
{
  g_atomic_int_inc ((gint *) data);
}

static void
test_notify_is_called (void)
{
  g_autoptr(ClTrainer) trainer = xor_trainer (NULL, 0.05);
  gint calls = 0;

  cl_trainer_set_notify (trainer, count_notifications, &calls);
  cl_trainer_step (trainer);
  cl_snapshot_unref (wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_PAUSED)));
  /* notify runs just after the snapshot is visible: give it a moment. */
  gint64 deadline = g_get_monotonic_time () + WAIT_US;
  while (g_atomic_int_get (&calls) < 1 && g_get_monotonic_time () < deadline)
    g_usleep (1000);
  g_assert_cmpint (g_atomic_int_get (&calls), >=, 1);
  cl_trainer_set_notify (trainer, NULL, NULL);
}

static void
test_design_must_fit_the_data (void)
{
  g_autoptr(ClDataset) data = xor_data ();
  g_autoptr(GError) error = NULL;

  g_autoptr(ClNetSpec) wide = cl_net_spec_new_mlp ();   /* 784 inputs */
  g_assert_null (cl_trainer_new (wide, data, NULL, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "2×1×1"));
  g_clear_error (&error);

  g_autoptr(ClNetSpec) three = cl_net_spec_new (2, 1, 1);
  cl_net_spec_append (three, "Dense", "units", 3.0, NULL);
  cl_net_spec_append (three, "Softmax", NULL);
  g_assert_false (cl_trainer_check_fits (three, data, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_MISMATCH);
  g_assert_nonnull (strstr (error->message, "3 outputs"));
}

static gboolean
landscape_done (const ClSnapshot *s, gpointer data)
{
  return s->landscape != NULL && !s->landscape_running;
}

static gboolean
landscape_failed (const ClSnapshot *s, gpointer data)
{
  return s->landscape_error != NULL && !s->landscape_running;
}

static void
test_landscape_in_the_worker (void)
{
  g_autoptr(ClTrainer) trainer = xor_trainer (NULL, 0.05);
  ClLandscapeOptions options;

  /* Too early for PCA axes: the failure is said, not hung on. */
  cl_landscape_options_init (&options);
  options.axes = CL_LANDSCAPE_PCA;
  options.range = 0;
  cl_trainer_compute_landscape (trainer, &options);
  g_autoptr(ClSnapshot) early = wait_for (trainer, landscape_failed, NULL);
  g_assert_null (early->landscape);

  cl_trainer_run_epochs (trainer, 15);   /* 150 steps: checkpoints 0, 50, 100, 150 */
  g_autoptr(ClSnapshot) trained = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_FINISHED));
  cl_landscape_options_init (&options);
  options.resolution = 9;
  options.axes = CL_LANDSCAPE_PCA;
  options.range = 0;
  cl_trainer_compute_landscape (trainer, &options);
  g_autoptr(ClSnapshot) s = wait_for (trainer, landscape_done, NULL);
  g_assert_cmpint (s->landscape->resolution, ==, 9);
  g_assert_cmpint (s->landscape->rows_done, ==, 9);
  g_assert_cmpint (s->landscape->n_path, ==, (int) s->checkpoints->len);
  g_assert_cmpfloat (s->landscape->explained[0], >, 0.5);
  for (int i = 0; i < 81; i++)
    g_assert_true (isfinite (s->landscape->loss[i]));
  /* Training waited: the weights did not move. */
  g_assert_cmpuint (s->step, ==, trained->step);
}

static gboolean
landscape_started (const ClSnapshot *s, gpointer data)
{
  return s->landscape_running;
}

static gboolean
landscape_stopped (const ClSnapshot *s, gpointer data)
{
  return !s->landscape_running && s->version > *(guint64 *) data;
}

static void
test_landscape_cancels (void)
{
  ClTrainerOptions trainer_options;
  cl_trainer_options_init (&trainer_options);
  trainer_options.publish_interval_ms = 1;
  g_autoptr(ClTrainer) trainer = xor_trainer (&trainer_options, 0.05);
  ClLandscapeOptions options;

  cl_landscape_options_init (&options);
  options.resolution = 101;
  cl_trainer_compute_landscape (trainer, &options);
  g_autoptr(ClSnapshot) running = wait_for (trainer, landscape_started, NULL);
  cl_trainer_cancel_landscape (trainer);
  guint64 version = running->version;
  g_autoptr(ClSnapshot) s = wait_for (trainer, landscape_stopped, &version);
  g_assert_null (s->landscape);
}

static void
test_live_landscape (void)
{
  g_autoptr(ClTrainer) trainer = xor_trainer (NULL, 0.05);

  cl_trainer_set_live_landscape (trainer, 2);
  cl_trainer_run_epochs (trainer, 4);
  g_autoptr(ClSnapshot) s = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_FINISHED));
  g_assert_nonnull (s->landscape);
  g_assert_cmpint (s->landscape->resolution, ==, 15);
  g_assert_cmpint (s->landscape->rows_done, ==, 15);
}

static gboolean
first_probe_is (const ClSnapshot *s, gpointer index)
{
  return s->probe_indices != NULL && s->probe_indices[0] == GPOINTER_TO_UINT (index);
}

/* A new trainer's snapshots are never taken for an old one's: versions
 * are unique among trainers, so "a newer snapshot" means one. */
static void
test_versions_are_unique_across_trainers (void)
{
  g_autoptr(ClTrainer) a = xor_trainer (NULL, 0.05);
  cl_trainer_step (a);
  g_autoptr(ClSnapshot) last_a = wait_for (a, in_state, GINT_TO_POINTER (CL_TRAINER_PAUSED));
  g_autoptr(ClTrainer) b = xor_trainer (NULL, 0.05);
  g_autoptr(ClSnapshot) first_b = cl_trainer_get_snapshot (b);
  g_assert_cmpuint (first_b->version, >, last_a->version);
}

/* Any test sample can be the first probe: its image, label and activations
 * are in the next snapshot; an index past the end wraps. */
static void
test_probe_is_any_test_sample (void)
{
  g_autoptr(ClDataset) data = xor_data ();
  g_autoptr(ClTrainer) trainer = xor_trainer (NULL, 0.05);
  guint n_test = cl_dataset_get_n (data, CL_DATASET_TEST);
  float x[2];
  guint32 label, index = 17;

  g_autoptr(ClSnapshot) first = cl_trainer_get_snapshot (trainer);
  g_assert_true (first->probes_from_test);
  g_assert_cmpuint (first->n_probe_pool, ==, n_test);
  g_assert_cmpuint (first->probe_indices[0], ==, 0);

  cl_trainer_set_probe (trainer, index);
  g_autoptr(ClSnapshot) s = wait_for (trainer, first_probe_is, GUINT_TO_POINTER (index));
  cl_dataset_get_batch (data, CL_DATASET_TEST, &index, 1, x, &label, NULL);
  g_assert_cmpmem (s->probe_inputs, sizeof x, x, sizeof x);
  g_assert_cmpint (s->probe_labels[0], ==, (int) label);
  /* The activations are the new image's: the first Dense of another input. */
  gsize units = (gsize) s->layers[0].shape.c;
  g_assert_true (memcmp (s->layers[0].activations, first->layers[0].activations,
                         units * sizeof (float)) != 0);
  /* The other probes stay. */
  g_assert_cmpuint (s->probe_indices[1], ==, first->probe_indices[1]);

  cl_trainer_set_probe (trainer, n_test + 3);
  cl_snapshot_unref (wait_for (trainer, first_probe_is, GUINT_TO_POINTER (3)));
}

/* ---- slow motion --------------------------------------------------------- */

/* What the worker published, in order: each snapshot's step, recorded in
 * the notify callback (the worker's thread, just after publication). */
typedef struct {
  ClTrainer *trainer;
  pthread_mutex_t lock;
  GArray *steps;   /* guint64 */
} Published;

static void
record_published (gpointer data)
{
  Published *p = data;
  g_autoptr(ClSnapshot) s = cl_trainer_get_snapshot (p->trainer);
  pthread_mutex_lock (&p->lock);
  g_array_append_val (p->steps, s->step);
  pthread_mutex_unlock (&p->lock);
}

/* Runs XOR for 3 epochs at `speed` steps a second with snapshots due only
 * every 10 s otherwise; returns how many of its steps were published. */
static guint
steps_published (int speed, guint64 *last_step)
{
  ClTrainerOptions options;
  cl_trainer_options_init (&options);
  options.publish_interval_ms = 10000;
  options.follow_speed = TRUE;
  g_autoptr(ClDataset) data = xor_data ();
  g_autoptr(ClNetSpec) spec = xor_net (0.05);
  cl_net_spec_get_train (spec)->speed = speed;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClTrainer) trainer = cl_trainer_new (spec, data, &options, &error);
  g_assert_no_error (error);
  Published p = { trainer, PTHREAD_MUTEX_INITIALIZER, g_array_new (FALSE, FALSE, sizeof (guint64)) };

  cl_trainer_set_notify (trainer, record_published, &p);
  cl_trainer_run_epochs (trainer, 3);
  g_autoptr(ClSnapshot) done = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_FINISHED));
  g_clear_pointer (&trainer, cl_trainer_free);   /* joins the worker: no notify runs after */

  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < p.steps->len; i++)
    g_hash_table_add (seen, &g_array_index (p.steps, guint64, i));
  guint count = 0;
  for (guint64 step = 1; step <= done->step; step++)
    count += g_hash_table_contains (seen, &step);
  *last_step = done->step;
  g_hash_table_unref (g_steal_pointer (&seen));
  g_array_unref (p.steps);
  pthread_mutex_destroy (&p.lock);
  return count;
}

/* In slow motion the panels can show every step: each one is published.
 * At full speed the same run publishes only at the interval and when it
 * ends, which is what makes the first half of this test mean something. */
static void
test_slow_motion_publishes_every_step (void)
{
  guint64 last = 0;

  g_assert_cmpuint (steps_published (CL_TRAIN_SPEED_MAX, &last), ==, last);
  g_assert_cmpuint (last, >, 20);
  g_assert_cmpuint (steps_published (0, &last), <, last / 2);
}

/* Snapshots newer than `after` until one shows a step past it. */
static ClSnapshot *
next_step (ClTrainer *trainer, guint64 after)
{
  return wait_for (trainer, past_step, GUINT_TO_POINTER ((guint) after));
}

/* The test: at 2 steps a second, N published steps arrive in about
 * N/2 s, each with other weights (so each step's picture differs).  The
 * lower bound is strict: slow motion never runs ahead.  The upper bound
 * is generous, the machine may be loaded. */
static void
test_slow_motion_two_steps_a_second (void)
{
  enum { N = 4 };
  g_autoptr(ClDataset) data = xor_data ();
  g_autoptr(ClNetSpec) spec = xor_net (0.05);
  cl_net_spec_get_train (spec)->speed = 2;
  g_autoptr(GError) error = NULL;
  ClTrainerOptions options;
  cl_trainer_options_init (&options);
  options.follow_speed = TRUE;   /* as the window asks */
  g_autoptr(ClTrainer) trainer = cl_trainer_new (spec, data, &options, &error);
  g_assert_no_error (error);

  cl_trainer_play (trainer);
  g_autoptr(ClSnapshot) first = next_step (trainer, 0);
  gint64 start = g_get_monotonic_time ();
  ClSnapshot *previous = cl_snapshot_ref (first);
  for (int i = 0; i < N; i++)
    {
      ClSnapshot *s = next_step (trainer, previous->step);
      g_assert_cmpuint (s->step, ==, previous->step + 1);   /* none skipped */
      g_assert_cmpuint (s->n_params, ==, previous->n_params);
      g_assert_true (memcmp (s->params, previous->params, s->n_params * sizeof (float)) != 0);
      cl_snapshot_unref (previous);
      previous = s;
    }
  double elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  cl_snapshot_unref (previous);
  g_test_message ("%d steps at 2 a second in %.3f s", N, elapsed);
  g_assert_cmpfloat (elapsed, >=, N / 2.0 - 0.02);
  g_assert_cmpfloat (elapsed, <, N / 2.0 + 10.0);
}

/* Pause in slow motion is carried out at once, not after the beat: at one
 * step a second the worker is waiting for its next step when Pause comes. */
static void
test_slow_motion_pause_is_prompt (void)
{
  g_autoptr(ClDataset) data = xor_data ();
  g_autoptr(ClNetSpec) spec = xor_net (0.05);
  cl_net_spec_get_train (spec)->speed = 1;
  g_autoptr(GError) error = NULL;
  ClTrainerOptions options;
  cl_trainer_options_init (&options);
  options.follow_speed = TRUE;   /* as the window asks */
  g_autoptr(ClTrainer) trainer = cl_trainer_new (spec, data, &options, &error);
  g_assert_no_error (error);

  cl_trainer_play (trainer);
  cl_snapshot_unref (next_step (trainer, 0));
  gint64 start = g_get_monotonic_time ();
  cl_trainer_pause (trainer);
  g_autoptr(ClSnapshot) paused = wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_PAUSED));
  double elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("paused after %.3f s", elapsed);
  g_assert_cmpuint (paused->step, ==, 1);
  g_assert_cmpfloat (elapsed, <, 0.9);

  /* Step (F6) is not paced: one batch now, however slow the speed. */
  cl_trainer_step (trainer);
  g_autoptr(ClSnapshot) stepped = next_step (trainer, 1);
  g_assert_cmpuint (stepped->step, ==, 2);

  /* A faster speed takes effect at once, not after the old beat. */
  ClTrainSettings settings = *cl_net_spec_peek_train (spec);
  settings.speed = CL_TRAIN_SPEED_MAX;
  cl_trainer_set_train (trainer, &settings);
  cl_trainer_play (trainer);
  g_autoptr(ClSnapshot) faster = wait_for (trainer, past_step, GUINT_TO_POINTER (40));
  g_assert_cmpuint (faster->step, >, 40);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/trainer/starts-idle-with-a-snapshot", test_starts_idle_with_a_snapshot);
  g_test_add_func ("/engine/trainer/step-trains-one-batch-then-pauses", test_step_trains_one_batch_then_pauses);
  g_test_add_func ("/engine/trainer/play-pause-reset", test_play_pause_reset);
  g_test_add_func ("/engine/trainer/epochs-finish-with-a-test-evaluation", test_epochs_finish_with_a_test_evaluation);
  g_test_add_func ("/engine/trainer/learns-xor", test_learns_xor);
  g_test_add_func ("/engine/trainer/gallery-of-worst-test-samples", test_gallery_of_worst_test_samples);
  g_test_add_func ("/engine/trainer/divergence-is-a-state-and-reset-recovers", test_divergence_is_a_state_and_reset_recovers);
  g_test_add_func ("/engine/trainer/snapshots-are-immutable", test_snapshots_are_immutable);
  g_test_add_func ("/engine/trainer/same-seed-same-weights", test_same_seed_same_weights);
  g_test_add_func ("/engine/trainer/memory-is-bounded", test_memory_is_bounded);
  g_test_add_func ("/engine/trainer/epoch-history-is-bounded", test_epoch_history_is_bounded);
  g_test_add_func ("/engine/trainer/runs-of-n-epochs", test_runs_of_n_epochs);
  g_test_add_func ("/engine/trainer/exploding-loss-is-flagged", test_exploding_loss_is_flagged);
  g_test_add_func ("/engine/trainer/notify-is-called", test_notify_is_called);
  g_test_add_func ("/engine/trainer/design-must-fit-the-data", test_design_must_fit_the_data);
  g_test_add_func ("/engine/trainer/landscape-in-the-worker", test_landscape_in_the_worker);
  g_test_add_func ("/engine/trainer/landscape-cancels", test_landscape_cancels);
  g_test_add_func ("/engine/trainer/live-landscape", test_live_landscape);
  g_test_add_func ("/engine/trainer/probe-is-any-test-sample", test_probe_is_any_test_sample);
  g_test_add_func ("/engine/trainer/versions-are-unique-across-trainers",
                   test_versions_are_unique_across_trainers);
  g_test_add_func ("/engine/trainer/slow-motion/publishes-every-step",
                   test_slow_motion_publishes_every_step);
  g_test_add_func ("/engine/trainer/slow-motion/two-steps-a-second",
                   test_slow_motion_two_steps_a_second);
  g_test_add_func ("/engine/trainer/slow-motion/pause-step-and-speed-change-are-prompt",
                   test_slow_motion_pause_is_prompt);
  return g_test_run ();
}
