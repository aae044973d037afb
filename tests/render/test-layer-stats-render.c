/* The Gradients picture (render-layer-stats.c) of the deep-sigmoid example
 * after a few steps: every layer's curve drawn in its colour, the
 * saturation bars filled, nothing cut and no text under 18 px when
 * presented in French; messages before a step and without statistics. */
#include "config.h"

#include <math.h>

#include "engine/data-source.h"
#include "engine/design-file.h"
#include "engine/layer-stats.h"
#include "engine/trainer.h"
#include "render-fixtures.h"
#include "render/render-layer-stats.h"
#include "tests/use-language.h"

#define STEPS 6

/* The first colours of the picture's per-layer set (Okabe–Ito). */
static const ClColor expected[] = {
  { 0.000, 0.447, 0.698 }, { 0.902, 0.624, 0.000 }, { 0.000, 0.620, 0.451 },
  { 0.800, 0.475, 0.655 }, { 0.337, 0.706, 0.914 }, { 0.835, 0.369, 0.000 },
};

static ClTrainer *
deep_sigmoid_trainer (void)
{
  const char *root = g_getenv ("CL_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root != NULL ? root : SOURCE_DATADIR "/..", "data",
                                            "designs", "deep-sigmoid.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) design = cl_design_load (path, &error);
  g_assert_no_error (error);
  g_autoptr(ClDataset) data = cl_data_ref_load_for (&design->data, design->spec, &error);
  g_assert_no_error (error);
  ClTrainer *trainer = cl_trainer_new (design->spec, data, NULL, &error);
  g_assert_no_error (error);
  return trainer;
}

static ClSnapshot *
trained_snapshot (ClTrainer *trainer)
{
  for (int i = 0; i < STEPS; i++)
    cl_trainer_step (trainer);
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  ClSnapshot *s = cl_trainer_get_snapshot (trainer);
  while (s->step < STEPS || s->state != CL_TRAINER_PAUSED)
    {
      guint64 version = s->version;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      cl_snapshot_unref (s);
      s = cl_trainer_wait_snapshot (trainer, version, 100000);
    }
  return s;
}

/* Draws and returns the smallest text; cuts collected into `cuts`. */
static double
draw (const ClSnapshot *s, const ClRenderStyle *style, int w, int h, GPtrArray *cuts,
      const char *save_as, cairo_surface_t **out)
{
  ClRenderLayerStatsOptions o;
  double min_size = G_MAXDOUBLE;
  cairo_surface_t *surface = fixture_surface (w, h);
  cairo_t *cr = cairo_create (surface);

  cl_render_layer_stats_options_init (&o);
  o.style = *style;
  cl_render_measure_text (cr, &min_size);
  cl_render_measure_cuts (cr, cuts);
  g_assert_true (cl_render_layer_stats (cr, s, &o, w, h));
  cairo_destroy (cr);
  if (save_as != NULL)
    fixture_save (surface, save_as);
  if (out != NULL)
    *out = surface;
  else
    cairo_surface_destroy (surface);
  return min_size;
}

static void
test_deep_sigmoid_presented (void)
{
  g_autoptr(ClTrainer) trainer = deep_sigmoid_trainer ();
  g_autoptr(ClSnapshot) s = trained_snapshot (trainer);
  static const int sizes[][2] = { { 1280, 620 }, { 1024, 668 }, { 1280, 720 } };
  ClRenderStyle present = { .scale = CL_RENDER_PRESENT_SCALE,
                            .min_text = CL_RENDER_PRESENT_MIN_TEXT };

  cl_test_use_language ("fr");
  g_assert_true (s->layer_stats->has_grads);
  g_assert_true (s->layer_stats->has_units);
  g_assert_cmpint (s->layer_stats->n_param_layers, ==, 8);
  g_assert_cmpint (s->layer_stats->n_unit_layers, ==, 7);
  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GPtrArray) cuts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *name = g_strdup_printf ("gradients-present-%dx%d", sizes[i][0], sizes[i][1]);
      cairo_surface_t *surface;
      double smallest = draw (s, &present, sizes[i][0], sizes[i][1], cuts, name, &surface);
      g_test_message ("%s: smallest text %.1f px", name, smallest);
      g_assert_cmpfloat (smallest, >=, 18.0);
      for (guint c = 0; c < cuts->len; c++)
        g_test_message ("cut: %s", (const char *) cuts->pdata[c]);
      g_assert_cmpuint (cuts->len, ==, 0);
      /* Each layer's curve and legend swatch, in its own colour. */
      for (gsize k = 0; k < G_N_ELEMENTS (expected); k++)
        g_assert_cmpint (fixture_count (surface, 0, 0, sizes[i][0] / 2, sizes[i][1], expected[k], 0.03),
                         >, 20);
      cairo_surface_destroy (surface);
    }
}

static void
test_everyday_sizes_whole (void)
{
  g_autoptr(ClTrainer) trainer = deep_sigmoid_trainer ();
  g_autoptr(ClSnapshot) s = trained_snapshot (trainer);
  static const int sizes[][2] = { { 1000, 300 }, { 760, 280 }, { 600, 700 } };
  ClRenderStyle plain = { 0 };

  cl_test_use_language ("fr");
  for (gsize i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      g_autoptr(GPtrArray) cuts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *name = g_strdup_printf ("gradients-%dx%d", sizes[i][0], sizes[i][1]);
      draw (s, &plain, sizes[i][0], sizes[i][1], cuts, name, NULL);
      for (guint c = 0; c < cuts->len; c++)
        g_test_message ("cut: %s", (const char *) cuts->pdata[c]);
      g_assert_cmpuint (cuts->len, ==, 0);
    }
}

/* Before a step the picture still draws (layers named, a word on what
 * comes); without statistics or without a snapshot, a message and FALSE. */
static void
test_before_a_step_and_without (void)
{
  g_autoptr(ClTrainer) trainer = deep_sigmoid_trainer ();
  g_autoptr(ClSnapshot) s = cl_trainer_get_snapshot (trainer);
  ClRenderStyle plain = { 0 };
  cairo_surface_t *surface = fixture_surface (800, 400);
  cairo_t *cr = cairo_create (surface);

  g_assert_false (s->layer_stats->has_grads);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  draw (s, &plain, 800, 400, NULL, "gradients-before-a-step", NULL);

  surface = fixture_surface (300, 200);
  cr = cairo_create (surface);
  g_assert_false (cl_render_layer_stats (cr, NULL, NULL, 300, 200));
  ClSnapshot bare = *s;
  bare.layer_stats = NULL;
  g_assert_false (cl_render_layer_stats (cr, &bare, NULL, 300, 200));
  g_assert_false (cl_render_layer_stats (cr, s, NULL, 0, 0));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/layer-stats/deep-sigmoid-presented", test_deep_sigmoid_presented);
  g_test_add_func ("/render/layer-stats/everyday-sizes-whole", test_everyday_sizes_whole);
  g_test_add_func ("/render/layer-stats/before-a-step-and-without", test_before_a_step_and_without);
  return g_test_run ();
}
