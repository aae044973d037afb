#include "config.h"

#include <math.h>

#include "render-fixtures.h"
#include "render/contour.h"
#include "render/render-landscape.h"

/* The fixture's bowl with a descent path towards its centre. */
static ClLandscape *
paraboloid (int n, int rows_done)
{
  ClLandscape *l = fixture_bowl (n, rows_done);
  l->n_path = 3;
  l->path = g_new (ClPoint, 3);
  l->path[0] = (ClPoint) { 0.8, 0.6 };
  l->path[1] = (ClPoint) { 0.4, 0.3 };
  l->path[2] = (ClPoint) { 0.1, 0.05 };
  return l;
}

typedef struct {
  double centre, radius, worst;
  int segments;
} CircleCheck;

static void
check_on_circle (double x0, double y0, double x1, double y1, gpointer data)
{
  CircleCheck *c = data;
  double r0 = hypot (x0 - c->centre, y0 - c->centre), r1 = hypot (x1 - c->centre, y1 - c->centre);
  c->worst = MAX (c->worst, MAX (fabs (r0 - c->radius), fabs (r1 - c->radius)));
  c->segments++;
}

static void
test_contours_of_a_paraboloid_are_circles (void)
{
  const int n = 41;
  g_autoptr(ClLandscape) l = paraboloid (n, n);
  /* Level 0.25 + 0.01: the circle of radius 0.5 in loss units, 10 cells. */
  CircleCheck c = { (n - 1) / 2.0, 0.5 * (n - 1) / 2.0, 0, 0 };
  cl_contour_segments (l->loss, n, n, 0.26, check_on_circle, &c);
  g_assert_cmpint (c.segments, >, 40);
  /* Linear interpolation of a quadratic: off by a fraction of a cell. */
  g_assert_cmpfloat (c.worst, <, 0.05);
}

static void
test_contours_skip_missing_cells (void)
{
  float grid[9] = { 0, 0, 0, 0, NAN, 0, 0, 0, 0 };
  CircleCheck c = { 0 };
  cl_contour_segments (grid, 3, 3, 0.5, check_on_circle, &c);
  g_assert_cmpint (c.segments, ==, 0);
}

static void
pixel (cairo_surface_t *s, int x, int y, int *r, int *g, int *b, int *a)
{
  cairo_surface_flush (s);
  guint32 px = ((guint32 *) cairo_image_surface_get_data (s))[y * cairo_image_surface_get_stride (s) / 4 + x];
  *a = px >> 24, *r = (px >> 16) & 0xff, *g = (px >> 8) & 0xff, *b = px & 0xff;
}

static cairo_surface_t *
draw_map (const ClLandscape *l, gboolean transparent, int w, int h)
{
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create (s);
  ClRenderLandscapeOptions options;
  cl_render_landscape_options_init (&options);
  options.style.transparent = transparent;
  options.show_path = FALSE;
  g_assert_true (cl_render_landscape_map (cr, l, &options, w, h));
  cairo_destroy (cr);
  return s;
}

/* Finds the plot's centre: the red current-point marker. */
static gboolean
find_red (cairo_surface_t *s, int *cx, int *cy)
{
  int w = cairo_image_surface_get_width (s), h = cairo_image_surface_get_height (s), n = 0;
  long sx = 0, sy = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        int r, g, b, a;
        pixel (s, x, y, &r, &g, &b, &a);
        if (r > 200 && g < 60 && b < 60)
          sx += x, sy += y, n++;
      }
  if (n == 0)
    return FALSE;
  *cx = (int) (sx / n), *cy = (int) (sy / n);
  return TRUE;
}

static void
test_map_dark_valley_bright_walls (void)
{
  g_autoptr(ClLandscape) l = paraboloid (31, 31);
  cairo_surface_t *s = draw_map (l, FALSE, 600, 500);
  if (g_getenv ("CL_TEST_SCREENSHOT_DIR") != NULL)
    {
      g_autofree char *path = g_build_filename (g_getenv ("CL_TEST_SCREENSHOT_DIR"), "landscape-paraboloid.png", NULL);
      g_mkdir_with_parents (g_getenv ("CL_TEST_SCREENSHOT_DIR"), 0755);
      cairo_surface_write_to_png (s, path);
    }
  int cx = 0, cy = 0, r, g, b, a;
  (void) g;

  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 600);
  g_assert_true (find_red (s, &cx, &cy));
  /* Along a diagonal from the minimum the loss rises: the picture goes
   * from viridis' dark purple to its light yellow (patches average out the
   * thin contour lines). */
  double previous = 0;
  for (int d = 30; d <= 170; d += 70)
    {
      double sum = 0;
      for (int dy = -2; dy <= 2; dy++)
        for (int dx = -2; dx <= 2; dx++)
          {
            pixel (s, cx + d + dx, cy - d + dy, &r, &g, &b, &a);
            sum += 0.2126 * r + 0.7152 * g + 0.0722 * b;
          }
      g_assert_cmpfloat (sum / 25, >, previous + 20);
      previous = sum / 25;
    }
  cairo_surface_destroy (s);
}

static void
test_partial_and_transparent (void)
{
  g_autoptr(ClLandscape) l = paraboloid (31, 10);
  cairo_surface_t *s = draw_map (l, TRUE, 600, 500);
  int r, g, b, a;

  /* The top-left corner of the picture is outside everything: see-through. */
  pixel (s, 1, 1, &r, &g, &b, &a);
  g_assert_cmpint (a, ==, 0);
  cairo_surface_destroy (s);

  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 400, 300);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_landscape_surface (cr, l, NULL, 400, 300));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_nothing_computed_says_so (void)
{
  g_autoptr(ClLandscape) l = paraboloid (31, 0);
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 300, 200);
  cairo_t *cr = cairo_create (s);
  g_assert_false (cl_render_landscape_map (cr, l, NULL, 300, 200));
  g_assert_false (cl_render_landscape_map (cr, NULL, NULL, 300, 200));
  g_assert_false (cl_render_landscape_map (cr, l, NULL, 0, 200));
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

static void
test_line_plot (void)
{
  double alphas[21], train[21], test[21];
  for (int k = 0; k < 21; k++)
    {
      alphas[k] = -0.5 + 0.1 * k;
      train[k] = 0.1 + (alphas[k] - 1) * (alphas[k] - 1);
      test[k] = train[k] * 1.2;
    }
  cairo_surface_t *s = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 500, 300);
  cairo_t *cr = cairo_create (s);
  g_assert_true (cl_render_loss_line (cr, alphas, train, test, 21, "α", NULL, 500, 300));
  g_assert_false (cl_render_loss_line (cr, alphas, train, test, 1, "α", NULL, 500, 300));
  cairo_destroy (cr);
  const char *dir = g_getenv ("CL_TEST_SCREENSHOT_DIR");
  if (dir != NULL)
    {
      g_mkdir_with_parents (dir, 0755);
      g_autofree char *path = g_build_filename (dir, "landscape-line.png", NULL);
      cairo_surface_write_to_png (s, path);
    }
  cairo_surface_destroy (s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/landscape/contours-of-a-paraboloid-are-circles", test_contours_of_a_paraboloid_are_circles);
  g_test_add_func ("/render/landscape/contours-skip-missing-cells", test_contours_skip_missing_cells);
  g_test_add_func ("/render/landscape/map-dark-valley-bright-walls", test_map_dark_valley_bright_walls);
  g_test_add_func ("/render/landscape/partial-and-transparent", test_partial_and_transparent);
  g_test_add_func ("/render/landscape/nothing-computed-says-so", test_nothing_computed_says_so);
  g_test_add_func ("/render/landscape/line-plot", test_line_plot);
  return g_test_run ();
}
