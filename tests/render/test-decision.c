/* Decision regions of XOR and the fitted cos(x) curve, from real trainings. */
#include "config.h"

#include <math.h>

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
  g_test_add_func ("/render/units/maps", test_unit_maps);
  return g_test_run ();
}
