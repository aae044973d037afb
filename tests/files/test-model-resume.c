/* A trained model saved from a trainer and opened again: the new trainer
 * starts from its weights, shows its curves and its landscape, and its
 * steps and epochs count on from the model's. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "engine/error.h"
#include "engine/model-file.h"
#include "engine/model-history.h"
#include "engine/model-landscape.h"
#include "engine/trainer.h"
#include "engine/zoo.h"

#define WAIT_US (30 * G_USEC_PER_SEC)

static ClDataset *
xor_data (void)
{
  ClToyOptions options;
  g_autoptr(GError) error = NULL;

  cl_toy_options_init (&options);
  options.n_points = 200;
  ClDataset *data = cl_dataset_new_toy (CL_TOY_XOR, &options, &error);
  g_assert_no_error (error);
  return data;
}

static ClNetSpec *
xor_net (int hidden)
{
  ClNetSpec *spec = cl_net_spec_new (2, 1, 1);
  cl_net_spec_append (spec, "Dense", "units", (double) hidden, NULL);
  cl_net_spec_append (spec, "Tanh", NULL);
  cl_net_spec_append (spec, "Dense", "units", 2.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  ClTrainSettings *train = cl_net_spec_get_train (spec);
  train->optimiser = CL_OPTIM_ADAM;
  train->lr = 0.05;
  train->batch_size = 16;
  train->seed = 7;
  return spec;
}

typedef gboolean (*Condition) (const ClSnapshot *s, gpointer data);

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
  return s->state == (ClTrainerState) GPOINTER_TO_INT (state);
}

static gboolean
landscape_done (const ClSnapshot *s, gpointer data)
{
  return s->landscape != NULL && !s->landscape_running;
}

static gboolean
at_step (const ClSnapshot *s, gpointer step)
{
  return s->step >= (guint64) GPOINTER_TO_SIZE (step) && s->state == CL_TRAINER_PAUSED;
}

/* Trains XOR for 3 epochs, computes a 5×5 landscape and saves it all. */
static ClSnapshot *
train_and_save (const char *path)
{
  g_autoptr(ClDataset) data = xor_data ();
  g_autoptr(ClNetSpec) spec = xor_net (8);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClTrainer) trainer = cl_trainer_new (spec, data, NULL, &error);
  ClLandscapeOptions options;

  g_assert_no_error (error);
  cl_trainer_run_epochs (trainer, 3);
  cl_snapshot_unref (wait_for (trainer, in_state, GINT_TO_POINTER (CL_TRAINER_FINISHED)));
  cl_landscape_options_init (&options);
  options.resolution = 5;
  options.n_samples = 100;
  cl_trainer_compute_landscape (trainer, &options);
  ClSnapshot *s = wait_for (trainer, landscape_done, NULL);

  g_autoptr(ClDesign) design = cl_design_new ("xor", cl_net_spec_copy (spec), NULL);
  g_assert_true (cl_model_save_snapshot (design, s, path, &error));
  g_assert_no_error (error);
  return s;
}

typedef struct {
  ClNet *net;
  ClModelHistory *history;
  ClLandscape *landscape;
  ClDesign *design;
} Opened;

static void
open_model (const char *path, Opened *m)
{
  g_autoptr(GError) error = NULL;

  m->net = cl_model_load (path, 1, &m->design, &error);
  g_assert_no_error (error);
  m->history = cl_model_load_history (path, &error);
  g_assert_no_error (error);
  m->landscape = cl_model_load_landscape (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (m->history);
  g_assert_nonnull (m->landscape);
}

static void
opened_clear (Opened *m)
{
  cl_net_free (m->net);
  cl_model_history_free (m->history);
  cl_landscape_free (m->landscape);
  cl_design_free (m->design);
}

static void
test_continues_the_model (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-resume-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "xor.safetensors", NULL);
  g_autoptr(ClSnapshot) saved = train_and_save (path);
  g_autoptr(ClDataset) data = xor_data ();
  g_autoptr(GError) error = NULL;
  Opened m;

  open_model (path, &m);
  ClTrainerStart start = { m.net, m.history, m.landscape };
  g_autoptr(ClTrainer) trainer = cl_trainer_new_from (m.design->spec, data, NULL, &start, &error);
  g_assert_no_error (error);

  g_autoptr(ClSnapshot) s = cl_trainer_get_snapshot (trainer);
  /* The model's weights, not the seed's. */
  g_assert_cmpuint (s->n_params, ==, saved->n_params);
  g_assert_cmpmem (s->params, s->n_params * sizeof (float), saved->params,
                   saved->n_params * sizeof (float));
  /* Its counts and curves. */
  g_assert_cmpuint (s->step, ==, saved->step);
  g_assert_cmpint (s->epoch, ==, 3);
  g_assert_cmpuint (s->n_loss_history, ==, saved->n_loss_history);
  g_assert_cmpfloat (s->loss_history[s->n_loss_history - 1].x, ==,
                     saved->loss_history[saved->n_loss_history - 1].x);
  g_assert_cmpuint (s->n_test_history, ==, 3);
  g_assert_true (s->has_test);
  g_assert_cmpfloat_with_epsilon (s->test_accuracy, saved->test_accuracy, 1e-12);
  /* Its landscape, as it was computed. */
  g_assert_nonnull (s->landscape);
  g_assert_cmpint (s->landscape->resolution, ==, 5);
  g_assert_cmpint (s->landscape->rows_done, ==, 5);
  for (int k = 0; k < 25; k++)
    g_assert_cmpfloat_with_epsilon (s->landscape->loss[k], saved->landscape->loss[k], 1e-6);
  /* The trajectory starts at the model's weights. */
  g_assert_cmpuint (s->checkpoints->len, ==, 1);
  g_assert_cmpmem (g_bytes_get_data (s->checkpoints->pdata[0], NULL),
                   g_bytes_get_size (s->checkpoints->pdata[0]),
                   saved->params, saved->n_params * sizeof (float));

  /* Training goes on from there: the steps count on, the curve grows. */
  cl_trainer_step (trainer);
  cl_trainer_step (trainer);
  g_autoptr(ClSnapshot) on = wait_for (trainer, at_step, GSIZE_TO_POINTER (saved->step + 2));
  g_assert_cmpuint (on->step, ==, saved->step + 2);
  g_assert_cmpfloat (on->loss_history[on->n_loss_history - 1].x, >,
                     saved->loss_history[saved->n_loss_history - 1].x);
  g_assert_false (memcmp (on->params, saved->params, saved->n_params * sizeof (float)) == 0);

  opened_clear (&m);
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
step_zero_idle (const ClSnapshot *s, gpointer data)
{
  return s->step == 0 && s->state == CL_TRAINER_IDLE && s->n_loss_history == 0;
}

static void
test_reset_forgets_the_model (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-resume-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "xor.safetensors", NULL);
  cl_snapshot_unref (train_and_save (path));
  g_autoptr(ClDataset) data = xor_data ();
  g_autoptr(GError) error = NULL;
  Opened m;

  open_model (path, &m);
  ClTrainerStart start = { m.net, m.history, m.landscape };
  g_autoptr(ClTrainer) resumed = cl_trainer_new_from (m.design->spec, data, NULL, &start, &error);
  g_assert_no_error (error);
  g_autoptr(ClTrainer) fresh = cl_trainer_new (m.design->spec, data, NULL, &error);
  g_assert_no_error (error);

  /* Reset means the seed's weights, no history and no landscape. */
  cl_trainer_reset (resumed);
  g_autoptr(ClSnapshot) s = wait_for (resumed, step_zero_idle, NULL);
  g_autoptr(ClSnapshot) f = cl_trainer_get_snapshot (fresh);
  g_assert_cmpint (s->epoch, ==, 0);
  /* The landscape was of the model's weights. */
  g_assert_null (s->landscape);
  g_assert_cmpmem (s->params, s->n_params * sizeof (float), f->params, f->n_params * sizeof (float));

  opened_clear (&m);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_another_design_is_refused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-resume-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "xor.safetensors", NULL);
  cl_snapshot_unref (train_and_save (path));
  g_autoptr(ClDataset) data = xor_data ();
  g_autoptr(ClNetSpec) wider = xor_net (9);
  g_autoptr(GError) error = NULL;
  Opened m;

  open_model (path, &m);
  ClTrainerStart start = { m.net, NULL, NULL };
  ClTrainer *trainer = cl_trainer_new_from (wider, data, NULL, &start, &error);
  g_assert_null (trainer);
  g_assert_error (error, CL_ERROR, CL_ERROR_MISMATCH);

  opened_clear (&m);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/files/model-resume/continues-the-model", test_continues_the_model);
  g_test_add_func ("/files/model-resume/reset-forgets-the-model", test_reset_forgets_the_model);
  g_test_add_func ("/files/model-resume/another-design-is-refused", test_another_design_is_refused);
  return g_test_run ();
}
