/* Decision regions of XOR and the fitted cos(x) curve, from real trainings. */
#include "config.h"

#include <math.h>

/* Lesson 4: how much closer to cos(x) four hidden units come than two. */
#define MARGIN 0.015

#include "engine/data-source.h"
#include "engine/design-file.h"
#include "engine/rng.h"
#include "engine/snapshot-net.h"
#include "engine/zoo.h"
#include "render-fixtures.h"
#include "render/render-decision.h"
#include "render/render-units.h"

/* +1 where the box is mostly blue (class 0), -1 mostly orange (class 1). */
static int
majority (cairo_surface_t *surface, int x0, int y0, int x1, int y1)
{
  int blue = 0, orange = 0;
  for (int y = y0; y < y1; y++)
    for (int x = x0; x < x1; x++)
      {
        Pixel p = fixture_pixel (surface, x, y);
        blue += p.b > p.r + 0.1;
        orange += p.r > p.b + 0.1;
      }
  g_test_message ("box (%d, %d)-(%d, %d): %d blue, %d orange", x0, y0, x1, y1, blue, orange);
  return blue > 2 * orange ? 1 : orange > 2 * blue ? -1 : 0;
}

static void
test_xor_regions_alternate (void)
{
  g_autoptr(ClDataset) data = NULL;
  g_autoptr(ClSnapshot) s = fixture_xor_snapshot (&data);
  ClRenderDecisionOptions options;
  cl_render_decision_options_init (&options);
  options.data = data;
  const int W = 800, H = 600;

  cairo_surface_t *surface = fixture_surface (W, H);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_decision (cr, s, &options, W, H));
  cairo_destroy (cr);
  fixture_save (surface, "decision-xor");

  /* The plot's square, as the renderer lays it out (font = √(W·H) / 40). */
  double font = sqrt (W * H) / 40, m = font * 0.8, cx = m + font * 3.2, cy = m + font * 1.8;
  double side = MIN (W - cx - font * 9 - 2 * m, H - cy - font * 3.0);
  int q[2][2];
  for (int j = 0; j < 2; j++)
    for (int i = 0; i < 2; i++)
      {
        int x0 = (int) (cx + side * (0.1 + 0.5 * i)), y0 = (int) (cy + side * (0.1 + 0.5 * j));
        q[j][i] = majority (surface, x0, y0, x0 + (int) (side * 0.3), y0 + (int) (side * 0.3));
        g_assert_cmpint (q[j][i], !=, 0);
      }
  /* XOR: diagonal quadrants alike, neighbours different. */
  g_assert_cmpint (q[0][0], ==, q[1][1]);
  g_assert_cmpint (q[0][1], ==, q[1][0]);
  g_assert_cmpint (q[0][0], !=, q[0][1]);
  cairo_surface_destroy (surface);

  options.style.dark = TRUE;
  surface = fixture_surface (600, 600);
  cr = cairo_create (surface);
  g_assert_true (cl_render_decision (cr, s, &options, 600, 600));
  cairo_destroy (cr);
  fixture_save (surface, "decision-xor-dark");
  cairo_surface_destroy (surface);
}

static void
test_cos_curve (void)
{
  g_autoptr(ClDataset) data = NULL;
  g_autoptr(ClSnapshot) s = fixture_cos_snapshot (&data);
  ClRenderDecisionOptions options;
  cl_render_decision_options_init (&options);
  options.data = data;

  cairo_surface_t *surface = fixture_surface (900, 500);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_decision (cr, s, &options, 900, 500));
  cairo_destroy (cr);
  fixture_save (surface, "decision-cos");
  /* The curve, in the first series colour. */
  g_assert_cmpint (fixture_count (surface, 0, 0, 900, 500, (ClColor) { 0.00, 0.45, 0.70 }, 0.03), >, 800);
  cairo_surface_destroy (surface);
}

/* The parts of a 1-H-1 network sum, with the bias, to its output: the
 * dashed pieces under the fitted curve are the truth of the network. */
static void
test_parts_sum_to_the_output (void)
{
  g_autoptr(ClDataset) data = NULL;
  g_autoptr(ClSnapshot) s = fixture_cos_snapshot (&data);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new_from_snapshot (s, 64, &error);
  g_assert_no_error (error);
  enum { N = 200 };
  float xs[N], parts[N * CL_RENDER_DECISION_MAX_PARTS], bias;
  int h;

  for (int i = 0; i < N; i++)
    xs[i] = -3.2f + 6.4f * i / (N - 1);
  g_assert_true (cl_render_decision_parts (net, xs, N, parts, &h, &bias));
  g_assert_cmpint (h, ==, 16);
  const float *y = cl_net_forward (net, xs + 100, 64, FALSE);
  for (int i = 0; i < 64; i++)
    {
      double sum = bias;
      for (int j = 0; j < h; j++)
        sum += parts[(gsize) j * N + 100 + i];
      g_assert_cmpfloat_with_epsilon (sum, y[i], 1e-5);
    }

  /* Two inputs, or two hidden layers: no parts. */
  g_autoptr(ClDataset) xor_data = NULL;
  g_autoptr(ClSnapshot) xor = fixture_xor_snapshot (&xor_data);
  g_autoptr(ClNet) other = cl_net_new_from_snapshot (xor, 8, &error);
  g_assert_false (cl_render_decision_parts (other, xs, 4, parts, &h, &bias));
}

static ClNet *
train_regression (const char *name)
{
  const char *root = g_getenv ("CL_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root != NULL ? root : SOURCE_DATADIR "/..", "data",
                                            "designs", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) design = cl_design_load (path, &error);
  g_assert_no_error (error);
  const ClTrainSettings *t = cl_net_spec_peek_train (design->spec);
  g_autoptr(ClDataset) data = cl_data_ref_load_for (&design->data, design->spec, &error);
  g_assert_no_error (error);
  ClNet *net = cl_net_new (design->spec, t->batch_size, &error);
  g_assert_no_error (error);
  cl_net_init (net, t->seed);

  int batch = t->batch_size;
  guint n = data->n_train;
  g_autofree guint32 *order = g_new (guint32, n);
  g_autofree float *x = g_new (float, batch);
  g_autofree float *y = g_new (float, batch);
  ClRng rng;
  for (guint i = 0; i < n; i++)
    order[i] = i;
  cl_rng_init (&rng, t->seed, 0);
  for (int epoch = 0; epoch < t->epochs; epoch++)
    {
      cl_rng_shuffle (&rng, order, n);
      for (guint start = 0; start + batch <= n; start += batch)
        {
          ClStepResult result;
          cl_dataset_get_batch (data, CL_DATASET_TRAIN, order + start, batch, x, NULL, y);
          g_assert_true (cl_net_train_step (net, x, NULL, y, batch, &result, &error));
          g_assert_no_error (error);
        }
    }
  return net;
}

/* The root-mean-square distance from cos over [-π, π]. */
static double
error_from_cos (ClNet *net)
{
  int batch = cl_net_get_batch_size (net);
  int n = batch * 20;
  double sum = 0;
  g_autofree float *xs = g_new (float, n);

  for (int i = 0; i < n; i++)
    xs[i] = (float) (-G_PI + 2 * G_PI * i / (n - 1));
  for (int start = 0; start < n; start += batch)
    {
      const float *y = cl_net_forward (net, xs + start, batch, FALSE);
      for (int i = 0; i < batch; i++)
        sum += (y[i] - cos (xs[start + i])) * (y[i] - cos (xs[start + i]));
    }
  return sqrt (sum / n);
}

/* Lesson 4: two hidden ReLU units make a tent, four a closer curve — a
 * measured difference, not two pictures that look alike. */
static void
test_two_and_four_units_differ (void)
{
  g_autoptr(ClNet) two = train_regression ("regression-1-2-1.json");
  g_autoptr(ClNet) four = train_regression ("regression-1-4-1.json");
  double e2 = error_from_cos (two), e4 = error_from_cos (four);

  g_test_message ("distance from cos(x), root mean square: 2 units %.3f, 4 units %.3f", e2, e4);
  g_assert_cmpfloat (e2, >=, e4 + MARGIN);

  /* And the picture draws four dashed parts for the second. */
  enum { N = 64 };
  float xs[N], parts[N * CL_RENDER_DECISION_MAX_PARTS], bias;
  int h;
  for (int i = 0; i < N; i++)
    xs[i] = (float) i / N;
  g_assert_true (cl_render_decision_parts (four, xs, N, parts, &h, &bias));
  g_assert_cmpint (h, ==, 4);
}

static void
test_other_networks_are_refused (void)
{
  ClSnapshot *s = fixture_lenet_snapshot ();
  cairo_surface_t *surface = fixture_surface (300, 200);
  cairo_t *cr = cairo_create (surface);

  g_assert_false (cl_render_decision (cr, s, NULL, 300, 200));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Each hidden unit of XOR's net splits the plane: both signs show. */
static void
test_unit_maps (void)
{
  g_autoptr(ClDataset) data = NULL;
  g_autoptr(ClSnapshot) s = fixture_xor_snapshot (&data);
  ClRenderUnitsOptions options;
  cl_render_units_options_init (&options);
  options.data = data;

  cairo_surface_t *surface = fixture_surface (1000, 400);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_units (cr, s, &options, 1000, 400));
  cairo_destroy (cr);
  fixture_save (surface, "units-xor");
  int red = 0, blue = 0;
  for (int y = 40; y < 330; y += 2)
    for (int x = 150; x < 1000; x += 2)
      {
        Pixel p = fixture_pixel (surface, x, y);
        red += p.r > p.b + 0.3;
        blue += p.b > p.r + 0.3;
      }
  g_assert_cmpint (red, >, 1000);
  g_assert_cmpint (blue, >, 1000);
  cairo_surface_destroy (surface);

  surface = fixture_surface (300, 200);
  cr = cairo_create (surface);
  g_assert_false (cl_render_units (cr, fixture_lenet_snapshot (), NULL, 300, 200));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/decision/xor-regions-alternate", test_xor_regions_alternate);
  g_test_add_func ("/render/decision/cos-curve", test_cos_curve);
  g_test_add_func ("/render/decision/other-networks-are-refused", test_other_networks_are_refused);
  g_test_add_func ("/render/decision/parts-sum-to-the-output", test_parts_sum_to_the_output);
  g_test_add_func ("/render/decision/two-and-four-units-differ", test_two_and_four_units_differ);
  g_test_add_func ("/render/units/maps", test_unit_maps);
  return g_test_run ();
}
