/* Curves and the confusion matrix: series and cells in their colours, the
 * legend there, empty and broken histories handled. */
#include "config.h"

#include <math.h>

#include "engine/snapshot-net.h"
#include "engine/zoo.h"
#include "render-fixtures.h"
#include "render/render-confusion.h"
#include "render/render-curves.h"

static ClSnapshot *
bare (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (2, 1, 1);
  g_autoptr(GError) error = NULL;
  cl_net_spec_append (spec, "Dense", "units", 3.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  g_autoptr(ClNet) net = cl_net_new (spec, 1, &error);
  g_assert_no_error (error);
  return cl_snapshot_new_from_net (net, NULL, 0, 0, &error);
}

typedef gboolean (*RenderFunc) (cairo_t *, const ClSnapshot *, gconstpointer, int, int);

static cairo_surface_t *
draw (RenderFunc f, const ClSnapshot *s, gconstpointer options, int w, int h, gboolean expect)
{
  cairo_surface_t *surface = fixture_surface (w, h);
  cairo_t *cr = cairo_create (surface);
  g_assert_cmpint (f (cr, s, options, w, h), ==, expect);
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  return surface;
}

static const ClColor blue = { 0.00, 0.45, 0.70 }, orange = { 0.90, 0.45, 0.00 };

static void
test_curves_of_a_training (void)
{
  ClSnapshot *s = fixture_lenet_snapshot ();
  ClRenderCurvesOptions options;
  cl_render_curves_options_init (&options);

  cairo_surface_t *surface = draw ((RenderFunc) cl_render_curves, s, &options, 1200, 600, TRUE);
  fixture_save (surface, "curves-lenet");
  /* The smoothed training loss (blue) and the test points (orange). */
  g_assert_cmpint (fixture_count (surface, 0, 0, 700, 600, blue, 0.03), >, 200);
  g_assert_cmpint (fixture_count (surface, 0, 0, 1200, 600, orange, 0.03), >, 50);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 600);
  cairo_surface_destroy (surface);

  options.log_scale = TRUE;
  options.style.dark = TRUE;
  surface = draw ((RenderFunc) cl_render_curves, s, &options, 800, 800, TRUE);
  fixture_save (surface, "curves-lenet-log-dark");
  cairo_surface_destroy (surface);
}

static void
test_curves_without_history_and_with_nan (void)
{
  g_autoptr(ClSnapshot) s = bare ();
  cairo_surface_t *surface = draw ((RenderFunc) cl_render_curves, s, NULL, 400, 300, FALSE);
  cairo_surface_destroy (surface);

  /* NaN and zero losses (log scale) leave gaps, not crashes. */
  ClPoint loss[50], test[3], acc[3];
  for (int i = 0; i < 50; i++)
    loss[i] = (ClPoint) { i + 1, i % 7 == 0 ? NAN : i == 20 ? 0 : 2.0 / (i + 1) };
  for (int e = 0; e < 3; e++)
    {
      test[e] = (ClPoint) { e + 1, e == 1 ? NAN : 0.5 / (e + 1) };
      acc[e] = (ClPoint) { e + 1, 0.5 + 0.1 * e };
    }
  g_autoptr(ClSnapshot) h = bare ();
  cl_snapshot_set_history (h, loss, 50, test, acc, acc, 3);
  ClRenderCurvesOptions options;
  cl_render_curves_options_init (&options);
  options.log_scale = TRUE;
  surface = draw ((RenderFunc) cl_render_curves, h, &options, 600, 400, TRUE);
  fixture_save (surface, "curves-nan");
  cairo_surface_destroy (surface);
}

static void
test_confusion_diagonal (void)
{
  g_autoptr(ClSnapshot) s = bare ();
  const guint confusion[9] = { 10, 0, 0, 0, 20, 0, 0, 0, 5 };
  const char *names[] = { "cat", "dog", "bird", NULL };
  ClRenderConfusionOptions options;

  cl_snapshot_set_confusion (s, confusion, 3);
  cl_render_confusion_options_init (&options);
  options.class_names = names;
  cairo_surface_t *surface = draw ((RenderFunc) cl_render_confusion, s, &options, 600, 600, TRUE);
  fixture_save (surface, "confusion-diagonal");
  /* Three full cells (top of viridis) and six empty ones (bottom). */
  int top = fixture_count (surface, 0, 0, 600, 600, cl_colormap_sequential (1), 0.01);
  int bottom = fixture_count (surface, 0, 0, 600, 600, cl_colormap_sequential (0), 0.01);
  g_assert_cmpint (top, >, 3 * 1000);
  g_assert_cmpint (bottom, >, 6 * 1000);
  g_assert_cmpint (bottom, >, top);
  cairo_surface_destroy (surface);

  /* Before a test, or for regression: FALSE. */
  g_autoptr(ClSnapshot) none = bare ();
  surface = draw ((RenderFunc) cl_render_confusion, none, NULL, 300, 300, FALSE);
  cairo_surface_destroy (surface);
}

static void
test_confusion_of_a_training (void)
{
  ClSnapshot *s = fixture_lenet_snapshot ();
  ClRenderConfusionOptions options;
  ClDataset *data = fixture_fashion ();

  cl_render_confusion_options_init (&options);
  options.class_names = (const char * const *) data->class_names;
  cairo_surface_t *surface = draw ((RenderFunc) cl_render_confusion, s, &options, 900, 800, TRUE);
  fixture_save (surface, "confusion-lenet");
  cairo_surface_destroy (surface);
  /* Tiny: still no crash. */
  surface = draw ((RenderFunc) cl_render_confusion, s, &options, 30, 20, FALSE);
  cairo_surface_destroy (surface);
}

/* A hundred classes: drawn, names left out rather than smudged. */
static void
test_confusion_many_classes (void)
{
  g_autoptr(ClSnapshot) s = bare ();
  g_autofree guint *confusion = g_new0 (guint, 100 * 100);
  for (int i = 0; i < 100; i++)
    confusion[i * 100 + (i * 7) % 100] = 3;
  cl_snapshot_set_confusion (s, confusion, 100);
  cairo_surface_t *surface = draw ((RenderFunc) cl_render_confusion, s, NULL, 800, 800, TRUE);
  fixture_save (surface, "confusion-100");
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/curves/of-a-training", test_curves_of_a_training);
  g_test_add_func ("/render/curves/without-history-and-with-nan", test_curves_without_history_and_with_nan);
  g_test_add_func ("/render/confusion/diagonal", test_confusion_diagonal);
  g_test_add_func ("/render/confusion/of-a-training", test_confusion_of_a_training);
  g_test_add_func ("/render/confusion/many-classes", test_confusion_many_classes);
  return g_test_run ();
}
