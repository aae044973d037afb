/* Activation maps and dropout masks of real snapshots. */
#include "config.h"

#include <math.h>

#include "engine/snapshot-net.h"
#include "engine/zoo.h"
#include "engine/gallery.h"
#include "render-fixtures.h"
#include "render/render-activations.h"
#include "render/render-dropout.h"
#include "render/render-gallery.h"

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

/* A click on a map finds it, and that map drawn large shows its values. */
static void
test_one_map_large (void)
{
  ClSnapshot *s = fixture_lenet_snapshot ();
  ClRenderActivationsOptions options;
  cl_render_activations_options_init (&options);
  int layer = -1, map = -1, found = 0;

  /* Scan the overview: every map of the conv rows can be hit. */
  for (int y = 0; y < 800; y += 4)
    for (int x = 0; x < 1280; x += 4)
      if (cl_render_activations_hit (s, &options, 1280, 800, x, y, &layer, &map))
        {
          g_assert_cmpint (layer, >=, 0);
          g_assert_cmpint (layer, <, s->n_layers);
          g_assert_cmpint (map, <, s->layers[layer].shape.c);
          g_assert_cmpint (s->layers[layer].shape.h, >, 1);
          found++;
        }
  g_assert_cmpint (found, >, 100);
  g_assert_false (cl_render_activations_hit (s, &options, 1280, 800, 1279, 799, &layer, &map));

  /* MaxPool #6 (16×5×5): map 3 large with its 25 values. */
  options.layer = 5;
  options.map = 2;
  cairo_surface_t *surface = fixture_surface (900, 600);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_activations (cr, s, &options, 900, 600));
  cairo_destroy (cr);
  fixture_save (surface, "activations-one-map");
  g_assert_cmpint (fixture_count (surface, 250, 60, 900, 600, cl_colormap_sequential (1), 0.02), >, 500);
  cairo_surface_destroy (surface);

  /* A vector layer or a map that does not exist: FALSE. */
  options.layer = 7;
  options.map = 0;
  surface = fixture_surface (200, 100);
  cr = cairo_create (surface);
  g_assert_false (cl_render_activations (cr, s, &options, 200, 100));
  options.layer = 0;
  options.map = 99;
  g_assert_false (cl_render_activations (cr, s, &options, 200, 100));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Worst first: the lowest probability for the true class leads, and the
 * mistakes are framed in red. */
static void
test_gallery_worst_first (void)
{
  ClSnapshot *s = fixture_lenet_snapshot ();
  ClDataset *data = fixture_fashion ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new_from_snapshot (s, 256, &error);
  g_assert_no_error (error);
  g_autoptr(ClGallery) g = cl_gallery_new (net, data, 24, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g->n, ==, 24);
  for (int i = 1; i < g->n; i++)
    g_assert_cmpfloat (g->true_prob[i - 1], <=, g->true_prob[i]);
  g_assert_cmpint (g->predicted[0], !=, g->labels[0]);   /* ~75 % accuracy: mistakes exist */
  g_assert_cmpfloat (g->confidence[0], >=, g->true_prob[0]);

  ClRenderGalleryOptions options;
  cl_render_gallery_options_init (&options);
  options.class_names = (const char * const *) data->class_names;
  cairo_surface_t *surface = fixture_surface (1200, 800);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_gallery (cr, g, &options, 1200, 800));
  cairo_destroy (cr);
  fixture_save (surface, "gallery-lenet");
  g_assert_cmpint (fixture_count (surface, 0, 40, 1200, 800, (ClColor) { 0.80, 0.10, 0.10 }, 0.02), >, 200);
  cairo_surface_destroy (surface);

  /* Regression data: refused with a reason. */
  g_autoptr(ClDataset) cos_data = NULL;
  g_autoptr(ClSnapshot) cos = fixture_cos_snapshot (&cos_data);
  g_autoptr(ClNet) cos_net = cl_net_new_from_snapshot (cos, 64, &error);
  g_assert_null (cl_gallery_new (cos_net, cos_data, 10, &error));
  g_assert_nonnull (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/activations/of-a-probe", test_activations_of_a_probe);
  g_test_add_func ("/render/activations/of-a-toy-point", test_activations_of_a_toy_point);
  g_test_add_func ("/render/activations/one-map-large", test_one_map_large);
  g_test_add_func ("/render/gallery/worst-first", test_gallery_worst_first);
  g_test_add_func ("/render/dropout/mask", test_dropout_mask);
  g_test_add_func ("/render/dropout/none", test_no_dropout);
  return g_test_run ();
}
