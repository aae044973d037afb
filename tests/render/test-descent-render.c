/* The Gradient Descent explorer's picture: the iterates drawn where they
 * map, the numbers of the step written out, divergence said plainly. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "render-fixtures.h"
#include "render/render-descent.h"

/* The light palette's first two series colours (render-common.c). */
static const ClColor blue = { 0.00, 0.45, 0.70 };
static const ClColor orange = { 0.90, 0.45, 0.00 };

static ClDescentPath *
make_path (ClDescentFunction f, ClOptimKind kind, double lr, float x, float y, int steps)
{
  ClTrainSettings s;
  const float start[2] = { x, y };

  cl_descent_settings_init (&s, kind, lr);
  ClDescentPath *path = cl_descent_path_new (f, &s, start);
  for (int i = 0; i < steps; i++)
    cl_descent_path_step (path);
  return path;
}

static void
options_for (ClRenderDescentOptions *o, const ClDescentPath *path)
{
  cl_render_descent_options_init (o);
  o->function = cl_descent_path_get_function (path);
  o->start[0] = cl_descent_path_get_point (path, 0)->x[0];
  o->start[1] = cl_descent_path_get_point (path, 0)->x[1];
  o->lr = cl_descent_path_get_settings (path)->lr;
  o->paths[o->n_paths++] = path;
}

/* Each iterate's dot is in the path's colour at the pixel its (x, f(x))
 * or (x, y) maps to. */
static void
assert_points_drawn (cairo_surface_t *surface, const ClRenderDescentOptions *o,
                     const ClDescentPath *path, ClColor color, int first)
{
  ClRenderDescentArea area;
  int dims = cl_descent_get_info (o->function)->dims;

  g_assert_true (cl_render_descent_area (o, cairo_image_surface_get_width (surface),
                                         cairo_image_surface_get_height (surface), &area));
  for (int i = first; i < cl_descent_path_get_n_points (path); i++)
    {
      const ClDescentPoint *pt = cl_descent_path_get_point (path, i);
      double px, py;
      cl_render_descent_to_pixel (&area, pt->x[0], dims == 1 ? pt->value : pt->x[1], &px, &py);
      Pixel pixel = fixture_pixel (surface, (int) floor (px), (int) floor (py));
      if (!fixture_near (pixel, color, 0.12))
        g_error ("iterate %d at (%.1f, %.1f): pixel (%.2f, %.2f, %.2f), not the path's colour", i,
                 px, py, pixel.r, pixel.g, pixel.b);
    }
}

static void
test_square_points (void)
{
  g_autoptr (ClDescentPath) path = make_path (CL_DESCENT_SQUARE, CL_OPTIM_SGD, 0.1, 1, 0, 4);
  cairo_surface_t *surface = fixture_surface (900, 600);
  cairo_t *cr = cairo_create (surface);
  ClRenderDescentOptions o;

  options_for (&o, path);
  g_assert_true (cl_render_descent (cr, &o, 900, 600));
  fixture_save (surface, "descent-square");
  /* The start is under the drag handle's ring, its centre still the dot. */
  assert_points_drawn (surface, &o, path, blue, 0);

  /* And nowhere else on the curve: a point half-way between two iterates
   * is not a dot (only the arrow's thin line may pass there, so look
   * above it). */
  ClRenderDescentArea area;
  double px, py;
  cl_render_descent_area (&o, 900, 600, &area);
  cl_render_descent_to_pixel (&area, -1.5, 2.25, &px, &py);
  g_assert_false (fixture_near (fixture_pixel (surface, (int) px, (int) py), blue, 0.2));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Momentum and Adam side by side on the elongated bowl: both paths'
 * iterates in their own colours, on a map with equal units across and up. */
static void
test_elongated_side_by_side (void)
{
  g_autoptr (ClDescentPath) momentum
      = make_path (CL_DESCENT_ELONGATED, CL_OPTIM_MOMENTUM, 0.01, -1.8f, 0.7f, 6);
  g_autoptr (ClDescentPath) adam
      = make_path (CL_DESCENT_ELONGATED, CL_OPTIM_ADAM, 0.1, -1.8f, 0.7f, 6);
  cairo_surface_t *surface = fixture_surface (1000, 700);
  cairo_t *cr = cairo_create (surface);
  ClRenderDescentOptions o;
  ClRenderDescentArea area;

  options_for (&o, momentum);
  o.paths[o.n_paths++] = adam;
  g_assert_true (cl_render_descent (cr, &o, 1000, 700));
  fixture_save (surface, "descent-elongated");
  g_assert_true (cl_render_descent_area (&o, 1000, 700, &area));
  g_assert_cmpfloat_with_epsilon (area.w / (area.x1 - area.x0), area.h / (area.y1 - area.y0), 1e-9);
  /* Past the shared start, whose dots overlap. */
  assert_points_drawn (surface, &o, momentum, blue, 1);
  assert_points_drawn (surface, &o, adam, orange, 1);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Dark, as the window draws it with the dark style: the dark palette's
 * series colours at the iterates, a dark background. */
static void
test_two_valleys_dark (void)
{
  g_autoptr (ClDescentPath) path = make_path (CL_DESCENT_TWO_VALLEYS, CL_OPTIM_MOMENTUM, 0.03, 1.9f, 0, 12);
  cairo_surface_t *surface = fixture_surface (1000, 600);
  cairo_t *cr = cairo_create (surface);
  ClRenderDescentOptions o;
  const ClColor dark_blue = { 0.40, 0.65, 1.00 }, dark_bg = { 0.12, 0.12, 0.14 };

  options_for (&o, path);
  o.style.dark = TRUE;
  g_assert_true (cl_render_descent (cr, &o, 1000, 600));
  fixture_save (surface, "descent-two-valleys-dark");
  g_assert_true (fixture_near (fixture_pixel (surface, 2, 2), dark_bg, 0.02));
  assert_points_drawn (surface, &o, path, dark_blue, 1);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_area_round_trip (void)
{
  for (int f = 0; f < CL_DESCENT_N_FUNCTIONS; f++)
    {
      ClRenderDescentOptions o;
      ClRenderDescentArea area;
      cl_render_descent_options_init (&o);
      o.function = f;
      g_assert_true (cl_render_descent_area (&o, 1024, 600, &area));
      double px, py, x, y;
      cl_render_descent_to_pixel (&area, 0.3, 0.7, &px, &py);
      cl_render_descent_from_pixel (&area, px, py, &x, &y);
      g_assert_cmpfloat_with_epsilon (x, 0.3, 1e-9);
      g_assert_cmpfloat_with_epsilon (y, 0.7, 1e-9);
      g_assert_cmpfloat (area.x, >=, 0);
      g_assert_cmpfloat (area.x + area.w, <=, 1024);
      g_assert_cmpfloat (area.y + area.h, <=, 600);
    }
}

static void
test_step_text (void)
{
  g_autoptr (ClDescentPath) path = make_path (CL_DESCENT_SQUARE, CL_OPTIM_SGD, 0.1, 1, 0, 0);
  g_autofree char *start = cl_render_descent_step_text (path);

  g_assert_cmpstr (start, ==, "Gradient descent · start: x = 1, f(x) = 1, gradient 2");
  cl_descent_path_step (path);
  g_autofree char *one = cl_render_descent_step_text (path);
  g_assert_cmpstr (
      one, ==, "Gradient descent · step 1: x = 1, gradient 2, update −0.2 → x = 0.8, f(x) = 0.64");
  cl_descent_path_step (path);
  g_autofree char *two = cl_render_descent_step_text (path);
  g_assert_cmpstr (
      two, ==,
      "Gradient descent · step 2: x = 0.8, gradient 1.6, update −0.16 → x = 0.64, f(x) = 0.4096");

  g_autoptr (ClDescentPath) bowl
      = make_path (CL_DESCENT_ELONGATED, CL_OPTIM_MOMENTUM, 0.01, -1.8f, 0.7f, 1);
  g_autofree char *text = cl_render_descent_step_text (bowl);
  g_assert_cmpstr (text, ==,
                   "Momentum · step 1: x = (−1.8, 0.7), gradient (−3.6, 14), update (0.036, −0.14) "
                   "→ x = (−1.764, 0.56), f(x) = 6.248");
}

static void
test_regime_text (void)
{
  g_autofree char *diverges = cl_render_descent_regime_text (CL_DESCENT_SQUARE, 1.1);
  g_autofree char *good = cl_render_descent_regime_text (CL_DESCENT_ELONGATED, 0.025);

  g_assert_cmpstr (diverges, ==,
                   "η = 1.1: diverges for plain gradient descent (η·λmax = 2.2 at the minimum; diverges from η = 1)");
  g_assert_cmpstr (good, ==,
                   "η = 0.025: good for plain gradient descent (η·λmax = 0.5 at the minimum; diverges from η = 0.1)");
}

/* Diverged: said in red in the plot and in the step line; nothing of the
 * exploded iterates breaks the drawing. */
static void
test_diverged (void)
{
  g_autoptr (ClDescentPath) path = make_path (CL_DESCENT_SQUARE, CL_OPTIM_SGD, 1.1, 1, 0, 0);
  while (cl_descent_path_step (path))
    ;
  cairo_surface_t *surface = fixture_surface (900, 600);
  cairo_t *cr = cairo_create (surface);
  ClRenderDescentOptions o;
  ClRenderDescentArea area;
  const ClColor red = { 0.86, 0.15, 0.15 };

  options_for (&o, path);
  g_assert_true (cl_render_descent (cr, &o, 900, 600));
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  fixture_save (surface, "descent-diverged");
  cl_render_descent_area (&o, 900, 600, &area);
  /* The banner at the plot's top. */
  g_assert_cmpint (fixture_count (surface, (int) area.x, (int) area.y, (int) (area.x + area.w),
                                  (int) (area.y + area.h / 4), red, 0.1),
                   >, 100);
  g_autofree char *text = cl_render_descent_step_text (path);
  g_assert_nonnull (strstr (text, "diverged at step"));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Every function, every size down to nothing and the presentation's
 * style: no failure, and in presentation no text under 18 px. */
static void
test_sizes_and_presentation (void)
{
  const int sizes[][2] = { { 0, 0 }, { 1, 1 }, { 30, 20 }, { 320, 200 }, { 1280, 720 } };

  for (int f = 0; f < CL_DESCENT_N_FUNCTIONS; f++)
    {
      const float *s = cl_descent_get_info (f)->start;
      g_autoptr (ClDescentPath) gd
          = make_path (f, CL_OPTIM_SGD, cl_descent_preset (f, CL_DESCENT_GOOD), s[0], s[1], 20);
      g_autoptr (ClDescentPath) mom = make_path (
          f, CL_OPTIM_MOMENTUM, cl_descent_preset (f, CL_DESCENT_GOOD), s[0], s[1], 20);
      g_autoptr (ClDescentPath) adam
          = make_path (f, CL_OPTIM_ADAM, cl_descent_preset (f, CL_DESCENT_GOOD), s[0], s[1], 20);
      ClRenderDescentOptions o;
      options_for (&o, gd);
      o.paths[o.n_paths++] = mom;
      o.paths[o.n_paths++] = adam;
      for (guint k = 0; k < G_N_ELEMENTS (sizes); k++)
        {
          cairo_surface_t *surface = fixture_surface (MAX (1, sizes[k][0]), MAX (1, sizes[k][1]));
          cairo_t *cr = cairo_create (surface);
          cl_render_descent (cr, &o, sizes[k][0], sizes[k][1]);
          g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
          cairo_destroy (cr);
          cairo_surface_destroy (surface);
        }

      cairo_surface_t *surface = fixture_surface (1280, 720);
      cairo_t *cr = cairo_create (surface);
      double smallest = G_MAXDOUBLE;
      o.style.scale = CL_RENDER_PRESENT_SCALE;
      o.style.min_text = CL_RENDER_PRESENT_MIN_TEXT;
      cl_render_measure_text (cr, &smallest);
      g_assert_true (cl_render_descent (cr, &o, 1280, 720));
      g_assert_cmpfloat (smallest, >=, CL_RENDER_PRESENT_MIN_TEXT);
      if (f == CL_DESCENT_ROSENBROCK)
        fixture_save (surface, "descent-rosenbrock-present");
      cl_render_measure_text (cr, NULL);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/descent/square-points", test_square_points);
  g_test_add_func ("/render/descent/elongated-side-by-side", test_elongated_side_by_side);
  g_test_add_func ("/render/descent/two-valleys-dark", test_two_valleys_dark);
  g_test_add_func ("/render/descent/area-round-trip", test_area_round_trip);
  g_test_add_func ("/render/descent/step-text", test_step_text);
  g_test_add_func ("/render/descent/regime-text", test_regime_text);
  g_test_add_func ("/render/descent/diverged", test_diverged);
  g_test_add_func ("/render/descent/sizes-presentation", test_sizes_and_presentation);
  return g_test_run ();
}
