/* Activation maps and dropout masks of real snapshots. */
#include "config.h"

#include <math.h>

#include "engine/snapshot-net.h"
#include "engine/zoo.h"
#include "render-fixtures.h"
#include "render/render-activations.h"
#include "render/render-dropout.h"

static const ClColor blue = { 0.00, 0.45, 0.70 }, green = { 0.00, 0.60, 0.45 };

static void
test_activations_of_a_probe (void)
{
  ClSnapshot *s = fixture_lenet_snapshot ();
  ClDataset *data = fixture_fashion ();
  ClRenderActivationsOptions options;
  cl_render_activations_options_init (&options);
  options.class_names = (const char * const *) data->class_names;

  for (int probe = 0; probe < 2; probe++)
    {
      options.probe = probe;
      cairo_surface_t *surface = fixture_surface (1280, 800);
      cairo_t *cr = cairo_create (surface);
      g_assert_true (cl_render_activations (cr, s, &options, 1280, 800));
      cairo_destroy (cr);
      g_autofree char *name = g_strdup_printf ("activations-lenet-%d", probe);
      fixture_save (surface, name);
      /* The predicted class's bar, on the right. */
      g_assert_cmpint (fixture_count (surface, 900, 0, 1280, 800, blue, 0.02), >, 100);
      /* Viridis maps in the middle: both ends of the map occur. */
      g_assert_cmpint (fixture_count (surface, 300, 0, 1000, 800, cl_colormap_sequential (1), 0.02), >, 20);
      g_assert_cmpint (fixture_count (surface, 300, 0, 1000, 800, cl_colormap_sequential (0), 0.02), >, 20);
      cairo_surface_destroy (surface);
    }

  options.probe = s->n_probes;   /* no such probe */
  cairo_surface_t *surface = fixture_surface (200, 100);
  cairo_t *cr = cairo_create (surface);
  g_assert_false (cl_render_activations (cr, s, &options, 200, 100));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_activations_of_a_toy_point (void)
{
  g_autoptr(ClDataset) data = NULL;
  g_autoptr(ClSnapshot) s = fixture_xor_snapshot (&data);
  cairo_surface_t *surface = fixture_surface (900, 500);
  cairo_t *cr = cairo_create (surface);
  ClRenderActivationsOptions options;
  cl_render_activations_options_init (&options);
  options.style.dark = TRUE;

  g_assert_true (cl_render_activations (cr, s, &options, 900, 500));
  cairo_destroy (cr);
  fixture_save (surface, "activations-xor-dark");
  cairo_surface_destroy (surface);
}

static void
test_dropout_mask (void)
{
  ClSnapshot *s = fixture_lenet_snapshot ();
  cairo_surface_t *surface = fixture_surface (800, 500);
  cairo_t *cr = cairo_create (surface);

  g_assert_true (cl_render_dropout (cr, s, NULL, 800, 500));
  cairo_destroy (cr);
  fixture_save (surface, "dropout-lenet");
  /* Rate 0.5: kept and dropped cells in about equal number. */
  double kept = fixture_count (surface, 0, 40, 800, 460, green, 0.02);
  double dropped = fixture_count (surface, 0, 40, 800, 460, (ClColor) { 0.26, 0.26, 0.276 }, 0.04);
  g_test_message ("kept %.0f px, dropped %.0f px", kept, dropped);
  g_assert_cmpfloat (kept, >, 1000);
  g_assert_cmpfloat (kept / (kept + dropped), >, 0.3);
  g_assert_cmpfloat (kept / (kept + dropped), <, 0.7);
  cairo_surface_destroy (surface);
}

static void
test_no_dropout (void)
{
  g_autoptr(ClDataset) data = NULL;
  g_autoptr(ClSnapshot) s = fixture_xor_snapshot (&data);
  cairo_surface_t *surface = fixture_surface (300, 200);
  cairo_t *cr = cairo_create (surface);

  g_assert_false (cl_render_dropout (cr, s, NULL, 300, 200));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/activations/of-a-probe", test_activations_of_a_probe);
  g_test_add_func ("/render/activations/of-a-toy-point", test_activations_of_a_toy_point);
  g_test_add_func ("/render/dropout/mask", test_dropout_mask);
  g_test_add_func ("/render/dropout/none", test_no_dropout);
  return g_test_run ();
}
