/* Runs side by side on one chart (render-race.h): every run in its colour,
 * runs of different batch sizes on one epoch axis, empty and regression
 * races handled. */
#include "config.h"

#include <math.h>

#include "render-fixtures.h"
#include "render/render-race.h"

/* The light palette's series (render-common.c). */
static const ClColor series[] = {
  { 0.00, 0.45, 0.70 }, { 0.90, 0.45, 0.00 }, { 0.00, 0.60, 0.45 }, { 0.60, 0.30, 0.65 },
};

static cairo_surface_t *
draw (ClSnapshot *const *runs, const char *const *labels, int n,
      const ClRenderRaceOptions *options, int w, int h, gboolean expect)
{
  cairo_surface_t *surface = fixture_surface (w, h);
  cairo_t *cr = cairo_create (surface);
  g_assert_cmpint (cl_render_race (cr, runs, labels, n, options, w, h), ==, expect);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

/* The rightmost column in [x0, x1) holding a pixel of colour c, or -1. */
static int
rightmost (cairo_surface_t *surface, int x0, int x1, int y0, int y1, ClColor c)
{
  for (int x = x1 - 1; x >= x0; x--)
    if (fixture_count (surface, x, y0, x + 1, y1, c, 0.03) > 0)
      return x;
  return -1;
}

static void
test_four_runs (void)
{
  ClSnapshot *runs[4];
  const char *labels[] = { "SGD", "Momentum", "RMSprop", "Adam" };
  for (int i = 0; i < 4; i++)
    runs[i] = fixture_race_snapshot (i, 40, 5, TRUE);
  ClRenderRaceOptions options;
  cl_render_race_options_init (&options);
  options.title = "Optimiser";

  cairo_surface_t *surface = draw (runs, labels, 4, &options, 1200, 600, TRUE);
  fixture_save (surface, "race");
  /* Each run in its colour, in the loss chart (left) and the accuracy
   * chart (right), and in the legend (top). */
  for (int i = 0; i < 4; i++)
    {
      g_assert_cmpint (fixture_count (surface, 0, 120, 640, 600, series[i], 0.03), >, 100);
      g_assert_cmpint (fixture_count (surface, 660, 120, 1200, 600, series[i], 0.03), >, 100);
      g_assert_cmpint (fixture_count (surface, 0, 0, 1200, 80, series[i], 0.03), >, 10);
    }
  cairo_surface_destroy (surface);

  /* Tall, dark, log: stacked charts, drawn without error. */
  options.style.dark = TRUE;
  options.log_scale = TRUE;
  surface = draw (runs, labels, 4, &options, 700, 900, TRUE);
  fixture_save (surface, "race-tall-dark-log");
  cairo_surface_destroy (surface);
  for (int i = 0; i < 4; i++)
    cl_snapshot_unref (runs[i]);
}

/* A run of batch 16 takes four times the steps of one of batch 64 per
 * epoch: on the epoch axis both end at the same place. */
static void
test_epochs_not_steps (void)
{
  ClSnapshot *runs[2] = { fixture_race_snapshot (0, 25, 4, FALSE),
                          fixture_race_snapshot (1, 100, 4, FALSE) };
  const char *labels[] = { "batch 64", "batch 16" };
  /* Only the training curves, whose x is the step. */
  for (int i = 0; i < 2; i++)
    runs[i]->n_test_history = 0;

  cairo_surface_t *surface = draw (runs, labels, 2, NULL, 1000, 500, TRUE);
  fixture_save (surface, "race-epochs");
  int a = rightmost (surface, 0, 1000, 100, 500, series[0]);
  int b = rightmost (surface, 0, 1000, 100, 500, series[1]);
  g_assert_cmpint (a, >, 700);   /* regression: the loss chart takes the width */
  g_assert_cmpint (ABS (a - b), <=, 12);
  cairo_surface_destroy (surface);
  for (int i = 0; i < 2; i++)
    cl_snapshot_unref (runs[i]);
}

static void
test_nothing_yet (void)
{
  ClSnapshot *none[2] = { NULL, NULL };
  const char *labels[] = { "a", "b" };
  cairo_surface_destroy (draw (none, labels, 2, NULL, 400, 300, FALSE));
  cairo_surface_destroy (draw (NULL, NULL, 0, NULL, 400, 300, FALSE));
  /* One run started, the other not: drawn, the missing one skipped. */
  none[1] = fixture_race_snapshot (1, 10, 2, TRUE);
  cairo_surface_t *surface = draw (none, labels, 2, NULL, 600, 400, TRUE);
  g_assert_cmpint (fixture_count (surface, 0, 80, 600, 400, series[1], 0.03), >, 20);
  cairo_surface_destroy (surface);
  cl_snapshot_unref (none[1]);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/race/four-runs", test_four_runs);
  g_test_add_func ("/render/race/epochs-not-steps", test_epochs_not_steps);
  g_test_add_func ("/render/race/nothing-yet", test_nothing_yet);
  return g_test_run ();
}
