/* convlab-cli train --compare: variants side by side, as a teacher would
 * prepare the optimisers' slide. */
#include "config.h"

#include "cli-run.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>




static char *
spirals (void)
{
  return g_build_filename (g_getenv ("CL_SOURCE_ROOT"), "data", "designs",
                           "spirals-2-hidden.json", NULL);
}

static void
test_table_curves_and_race (void)
{
  g_autofree char *design = spirals ();
  g_autofree char *dir = g_dir_make_tmp ("convlab-race-cli-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "curves.png", NULL);
  g_autofree char *race = g_build_filename (dir, "opt.convlab-race", NULL);
  g_autofree char *model = g_build_filename (dir, "opt-2.safetensors", NULL);

  g_auto(CliRun) r = cli_run ("train", design, "--compare", "optimiser=sgd,adam", "--epochs", "2",
                       "--curves", png, "--save-race", race, NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.out, "epoch 1/2");
  cli_assert_contains (r.out, "epoch 2/2");
  /* The table: a heading, a row per run. */
  cli_assert_contains (r.out, "Test accuracy");
  cli_assert_contains (r.out, "\nSGD ");
  cli_assert_contains (r.out, "\nAdam ");
  cli_assert_contains (r.out, "samples/s for the runs together");

  cairo_surface_t *s = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (s), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (s), ==, 720);
  cairo_surface_destroy (s);

  /* A run is a model like any other. */
  g_assert_true (g_file_test (race, G_FILE_TEST_IS_REGULAR));
  g_auto(CliRun) info = cli_run ("info", model, NULL);
  g_assert_cmpint (info.status, ==, 0);
  cli_assert_contains (info.out, "adam");

  /* Again over itself: its own runs are replaced. */
  g_auto(CliRun) again = cli_run ("train", design, "--compare", "optimiser=sgd,adam", "--epochs", "1",
                           "--save-race", race, NULL);
  g_assert_cmpint (again.status, ==, 0);

  /* A foreign file where a run would go: refused before training. */
  g_autofree char *other = g_build_filename (dir, "other.convlab-race", NULL);
  g_autofree char *foreign = g_build_filename (dir, "other-1.safetensors", NULL);
  g_assert_true (g_file_set_contents (foreign, "mine", -1, NULL));
  g_auto(CliRun) refused = cli_run ("train", design, "--compare", "optimiser=sgd,adam", "--epochs", "1",
                             "--save-race", other, NULL);
  g_assert_cmpint (refused.status, ==, 1);
  cli_assert_contains (refused.err, "other-1.safetensors");
  g_assert_null (strstr (refused.out, "epoch"));

  const char *names[] = { "curves.png", "opt.convlab-race", "opt-1.safetensors",
                          "opt-2.safetensors", "other-1.safetensors" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_remove (path);
    }
  g_rmdir (dir);
}

static void
expect_refused (const char *compare, const char *named)
{
  g_autofree char *design = spirals ();
  g_auto(CliRun) r = cli_run ("train", design, "--compare", compare, "--epochs", "1", NULL);
  g_assert_cmpint (r.status, !=, 0);
  cli_assert_contains (r.err, named);
  g_assert_null (strstr (r.out, "epoch"));
}

static void
test_bad_compare_refused (void)
{
  expect_refused ("colour=red,blue", "“colour”");
  expect_refused ("optimiser", "SETTING=VALUE1,VALUE2");
  expect_refused ("optimiser=sgd", "2 to 4");
  expect_refused ("optimiser=sgd,adam,sgd,adam,sgd", "2 to 4");
  expect_refused ("optimiser=sgd,,adam", "empty");
  expect_refused ("optimiser=sgd,adagrad", "“adagrad”");
  expect_refused ("lr=0.1,fast", "“fast”");
  expect_refused ("dropout=0,0.5", "Dropout");   /* the design has none */

  g_autofree char *design = spirals ();
  g_auto(CliRun) lone = cli_run ("train", design, "--curves", "x.png", NULL);
  g_assert_cmpint (lone.status, !=, 0);
  cli_assert_contains (lone.err, "--compare");
  g_auto(CliRun) both = cli_run ("train", design, "--compare", "lr=0.1,0.2", "--save", "m.safetensors",
                          NULL);
  g_assert_cmpint (both.status, !=, 0);
  cli_assert_contains (both.err, "--save-race");
  g_auto(CliRun) gradients = cli_run ("train", design, "--compare", "lr=0.1,0.2", "--gradients",
                               "g.png", NULL);
  g_assert_cmpint (gradients.status, !=, 0);
  cli_assert_contains (gradients.err, "--gradients");
  g_assert_false (g_file_test ("g.png", G_FILE_TEST_EXISTS));
}

/* A run whose loss explodes is named in the warning; the others go on. */
static void
test_exploding_run_warned (void)
{
  g_autofree char *design = spirals ();
  g_auto(CliRun) r = cli_run ("train", design, "--compare", "lr=0.03,100", "--epochs", "2", NULL);
  g_assert_cmpint (r.status, ==, 0);
  cli_assert_contains (r.err, "η = 100: Warning: the loss grew");
  g_assert_null (strstr (r.err, "η = 0.03: Warning"));
  cli_assert_contains (r.out, "epoch 2/2");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/race/table-curves-and-race", test_table_curves_and_race);
  g_test_add_func ("/cli/race/bad-compare-refused", test_bad_compare_refused);
  g_test_add_func ("/cli/race/exploding-run-warned", test_exploding_run_warned);
  return g_test_run ();
}
