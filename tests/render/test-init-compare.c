/* The zero-versus-random picture: two trainings of the lesson's design,
 * one from zeros, one from He; the picture says which has identical units
 * and draws the zero column's weights white, the random one's coloured. */
#include "config.h"

#include <math.h>

#include "engine/trainer.h"
#include "engine/zoo.h"
#include "render-fixtures.h"
#include "render/render-init-compare.h"

#define W 1000
#define H 620

static ClSnapshot *
train (ClInitKind init, ClDataset *data, int epochs)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_init_demo (init, 0);
  ClTrainerOptions options;
  cl_trainer_options_init (&options);
  return fixture_train (spec, data, &options, epochs);
}

static void
test_zero_versus_random (void)
{
  ClToyOptions toy;
  cl_toy_options_init (&toy);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) data = cl_dataset_new_toy (CL_TOY_CIRCLES, &toy, &error);
  g_assert_no_error (error);
  g_autoptr(ClSnapshot) zeros = train (CL_INIT_ZEROS, data, 20);
  g_autoptr(ClSnapshot) random = train (CL_INIT_HE_NORMAL, data, 20);

  g_assert_true (cl_render_init_units_identical (zeros));
  g_assert_false (cl_render_init_units_identical (random));
  g_assert_cmpfloat (random->train_accuracy_smooth, >, zeros->train_accuracy_smooth + 0.2);

  ClRenderInitCompareOptions o;
  cl_render_init_compare_options_init (&o);
  o.data = data;
  o.titles[0] = "Zeros";
  o.titles[1] = "He normal";
  cairo_surface_t *surface = fixture_surface (W, H);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_init_compare (cr, zeros, random, &o, W, H));
  cairo_destroy (cr);
  fixture_save (surface, "init-compare");

  /* The weight matrices sit under the three lines of text: white on the
   * left (all zeros), strongly coloured on the right. */
  ClColor red = cl_colormap_diverging (1), blue = cl_colormap_diverging (-1);
  int y0 = 60, y1 = 200;
  int left = fixture_count (surface, 0, y0, W / 2, y1, red, 0.25)
             + fixture_count (surface, 0, y0, W / 2, y1, blue, 0.25);
  int right = fixture_count (surface, W / 2, y0, W, y1, red, 0.25)
              + fixture_count (surface, W / 2, y0, W, y1, blue, 0.25);
  g_test_message ("strong weights: %d px left, %d px right", left, right);
  g_assert_cmpint (left, ==, 0);
  g_assert_cmpint (right, >, 100);
  cairo_surface_destroy (surface);
}

/* Before training there is nothing but the titles and a hint. */
static void
test_not_started (void)
{
  ClRenderInitCompareOptions o;
  cl_render_init_compare_options_init (&o);
  cairo_surface_t *surface = fixture_surface (400, 300);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_init_compare (cr, NULL, NULL, &o, 400, 300));
  g_assert_false (cl_render_init_compare (cr, NULL, NULL, &o, 0, 300));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/init-compare/zero-versus-random", test_zero_versus_random);
  g_test_add_func ("/render/init-compare/not-started", test_not_started);
  return g_test_run ();
}
