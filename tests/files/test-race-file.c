/* A race saved and reopened (race-file.h): its runs come back as models
 * that continue where they were, a foreign file is never replaced, and
 * broken race files are refused with the file and the field named. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "engine/error.h"
#include "engine/race-file.h"
#include "engine/zoo.h"

#define WAIT_US (30 * G_USEC_PER_SEC)
#define STEPS 4

static ClDataset *
blobs (void)
{
  ClToyOptions options;
  g_autoptr(GError) error = NULL;
  cl_toy_options_init (&options);
  options.n_points = 100;
  ClDataset *data = cl_dataset_new_toy (CL_TOY_BLOBS, &options, &error);
  g_assert_no_error (error);
  return data;
}

static ClDesign *
base_design (void)
{
  ClNetSpec *spec = cl_net_spec_new (2, 1, 1);
  cl_net_spec_append (spec, "Dense", "units", 8.0, NULL);
  cl_net_spec_append (spec, "Tanh", NULL);
  cl_net_spec_append (spec, "Dense", "units", 3.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  ClTrainSettings *t = cl_net_spec_get_train (spec);
  t->lr = 0.1;
  t->batch_size = 10;
  t->seed = 3;
  return cl_design_new ("Blobs", spec, "toy:blobs");
}

static ClSnapshot *
wait_steps (ClTrainer *trainer, guint64 steps)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;
  ClSnapshot *s = cl_trainer_get_snapshot (trainer);
  while (s->step < steps || s->state != CL_TRAINER_PAUSED)
    {
      guint64 version = s->version;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      cl_snapshot_unref (s);
      s = cl_trainer_wait_snapshot (trainer, version, 100000);
    }
  return s;
}

static const char *const values[] = { "sgd", "adam" };

/* A race of sgd and adam after STEPS steps, saved as dir/race.convlab-race. */
static ClRace *
trained_race (ClDataset *data, const ClDesign *base)
{
  g_autoptr(GError) error = NULL;
  ClRace *race = cl_race_new (base->spec, data, CL_RACE_OPTIMISER, values, 2, NULL, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < STEPS; i++)
    cl_race_step (race);
  for (int r = 0; r < 2; r++)
    cl_snapshot_unref (wait_steps (cl_race_get_trainer (race, r), STEPS));
  return race;
}

static char *
tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("convlab-race-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static void
test_model_paths (void)
{
  g_autofree char *a = cl_race_file_model_path ("a/opt.convlab-race", 0);
  g_autofree char *b = cl_race_file_model_path ("opt", 3);
  g_assert_cmpstr (a, ==, "a/opt-1.safetensors");
  g_assert_cmpstr (b, ==, "opt-4.safetensors");
}

static void
test_save_and_reopen (void)
{
  g_autoptr(ClDataset) data = blobs ();
  g_autoptr(ClDesign) base = base_design ();
  g_autoptr(ClRace) race = trained_race (data, base);
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "opt.convlab-race", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (cl_race_save (race, base, path, &error));
  g_assert_no_error (error);
  g_autofree char *m1 = g_build_filename (dir, "opt-1.safetensors", NULL);
  g_autofree char *m2 = g_build_filename (dir, "opt-2.safetensors", NULL);
  g_assert_true (g_file_test (m1, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (m2, G_FILE_TEST_IS_REGULAR));

  g_autoptr(ClRaceFile) file = cl_race_file_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (file->setting, ==, CL_RACE_OPTIMISER);
  g_assert_cmpint (file->n_runs, ==, 2);
  g_assert_cmpstr (file->values[1], ==, "adam");
  g_autofree char *want = cl_design_to_json (base);
  g_autofree char *have = cl_design_to_json (file->base);
  g_assert_cmpstr (have, ==, want);
  g_assert_nonnull (file->histories[0]);
  g_assert_cmpuint (file->histories[0]->loss->len, ==, STEPS);

  /* Reopened, each run continues from its saved weights. */
  g_autoptr(ClRace) again = cl_race_new (file->base->spec, data, file->setting,
                                         (const char *const *) file->values, file->n_runs, NULL,
                                         file->starts, &error);
  g_assert_no_error (error);
  for (int r = 0; r < 2; r++)
    {
      g_autoptr(ClSnapshot) saved = cl_trainer_get_snapshot (cl_race_get_trainer (race, r));
      g_autoptr(ClSnapshot) opened = cl_trainer_get_snapshot (cl_race_get_trainer (again, r));
      g_assert_cmpuint (opened->n_params, ==, saved->n_params);
      g_assert_true (memcmp (opened->params, saved->params, saved->n_params * sizeof (float)) == 0);
      g_assert_cmpuint (opened->n_loss_history, ==, STEPS);
    }

  /* Saving the race again over itself replaces its own models. */
  g_assert_true (cl_race_save (race, base, path, &error));
  g_assert_no_error (error);
  remove_dir (dir);
}

/* A file named like a run but not one of this race's is never replaced. */
static void
test_foreign_file_not_replaced (void)
{
  g_autoptr(ClDataset) data = blobs ();
  g_autoptr(ClDesign) base = base_design ();
  g_autoptr(ClRace) race = trained_race (data, base);
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "opt.convlab-race", NULL);
  g_autofree char *m2 = g_build_filename (dir, "opt-2.safetensors", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (m2, "my own notes", -1, NULL));
  g_assert_false (cl_race_save (race, base, path, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "opt-2.safetensors"));
  g_autofree char *kept = NULL;
  g_assert_true (g_file_get_contents (m2, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "my own notes");
  /* Refused before anything was written. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_autofree char *m1 = g_build_filename (dir, "opt-1.safetensors", NULL);
  g_assert_false (g_file_test (m1, G_FILE_TEST_EXISTS));
  remove_dir (dir);
}

/* Saves a race in `dir`, then rewrites its file with `from` replaced by
 * `to` (or writes `to` as the whole file when `from` is NULL) and expects
 * the load to fail with a message holding `named`. */
static void
expect_refused (const char *dir, const char *from, const char *to, const char *named)
{
  g_autofree char *path = g_build_filename (dir, "opt.convlab-race", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.convlab-race", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  if (from != NULL)
    {
      g_assert_nonnull (strstr (text, from));
      g_autoptr(GString) s = g_string_new (text);
      g_string_replace (s, from, to, 1);
      g_assert_true (g_file_set_contents (broken, s->str, -1, NULL));
    }
  else
    g_assert_true (g_file_set_contents (broken, to, -1, NULL));
  g_autoptr(ClRaceFile) file = cl_race_file_load (broken, &error);
  g_assert_null (file);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "broken.convlab-race"));
  g_assert_nonnull (strstr (error->message, named));
}

static void
test_broken_files_refused (void)
{
  g_autoptr(ClDataset) data = blobs ();
  g_autoptr(ClDesign) base = base_design ();
  g_autoptr(ClRace) race = trained_race (data, base);
  g_autofree char *dir = tmp_dir ();
  g_autofree char *path = g_build_filename (dir, "opt.convlab-race", NULL);
  g_autoptr(GError) error = NULL;
  g_assert_true (cl_race_save (race, base, path, &error));

  expect_refused (dir, "\"convlab-race\"", "\"convlab-design\"", "format");
  expect_refused (dir, "\"version\": 1", "\"version\": 7", "newer version");
  expect_refused (dir, "\"setting\": \"optimiser\"", "\"setting\": \"colour\"", "“colour”");
  expect_refused (dir, "\"value\": \"adam\"", "\"value\": \"adagrad\"", "“adagrad”");
  /* The models hold sgd and adam: a race claiming momentum is wrong. */
  expect_refused (dir, "\"value\": \"adam\"", "\"value\": \"momentum\"", "opt-2.safetensors");
  expect_refused (dir, "\"opt-2.safetensors\"", "\"opt-9.safetensors\"", "opt-9.safetensors");
  expect_refused (dir, "\"opt-2.safetensors\"", "\"../opt-2.safetensors\"", "run 2");
  expect_refused (dir, "\"units\": 8", "\"units\": -8", "design");
  expect_refused (dir, NULL, "{\"format\": \"convlab-race\", \"version\": 1, \"setting\": \"lr\", "
                             "\"design\": {}, \"runs\": []}", "design");
  expect_refused (dir, NULL, "not json at all", "broken.convlab-race");

  /* A directory, a FIFO and a huge file are refused before reading. */
  g_autofree char *broken = g_build_filename (dir, "broken.convlab-race", NULL);
  g_remove (broken);
  g_assert_cmpint (g_mkdir (broken, 0700), ==, 0);
  g_autoptr(ClRaceFile) d = cl_race_file_load (broken, &error);
  g_assert_null (d);
  g_assert_nonnull (strstr (error->message, "broken.convlab-race"));
  g_clear_error (&error);
  g_rmdir (broken);
  g_assert_cmpint (mkfifo (broken, 0600), ==, 0);
  g_autoptr(ClRaceFile) f = cl_race_file_load (broken, &error);
  g_assert_null (f);
  g_assert_nonnull (strstr (error->message, "broken.convlab-race"));
  g_clear_error (&error);
  g_remove (broken);
  FILE *huge = fopen (broken, "w");
  g_assert_nonnull (huge);
  g_assert_cmpint (ftruncate (fileno (huge), CL_RACE_FILE_MAX_BYTES + 1), ==, 0);
  fclose (huge);
  g_autoptr(ClRaceFile) h = cl_race_file_load (broken, &error);
  g_assert_null (h);
  g_assert_error (error, CL_ERROR, CL_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "broken.convlab-race"));
  g_clear_error (&error);

  /* A missing model. */
  g_autofree char *m2 = g_build_filename (dir, "opt-2.safetensors", NULL);
  g_remove (m2);
  g_autoptr(ClRaceFile) m = cl_race_file_load (path, &error);
  g_assert_null (m);
  g_assert_nonnull (strstr (error->message, "opt-2.safetensors"));
  remove_dir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/files/race/model-paths", test_model_paths);
  g_test_add_func ("/files/race/save-and-reopen", test_save_and_reopen);
  g_test_add_func ("/files/race/foreign-file-not-replaced", test_foreign_file_not_replaced);
  g_test_add_func ("/files/race/broken-files-refused", test_broken_files_refused);
  return g_test_run ();
}
