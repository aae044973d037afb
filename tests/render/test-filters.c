/* The filter grid: known kernels give known colours in known tiles, with
 * the legend, at the size asked, on the background asked. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>

#include "engine/snapshot-net.h"
#include "engine/zoo.h"
#include "render-fixtures.h"
#include "render/render-filters.h"

/* One 3×3 Conv2D of three filters on a grey image: all +1, all -1, and
 * zero but for one +1 (so the scale is 1 and zero shows white). */
static ClSnapshot *
known_kernels (float poison)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, 8, 8);
  g_autoptr(GError) error = NULL;
  cl_net_spec_append (spec, "Conv2D", "filters", 3.0, "kernel", 3.0, "bias", 0.0, NULL);
  cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
  g_autoptr(ClNet) net = cl_net_new (spec, 1, &error);
  g_assert_no_error (error);
  gsize n;
  float *w = cl_net_get_params (net, &n);
  g_assert_cmpuint (n, ==, 27);
  for (int i = 0; i < 9; i++)
    {
      w[i] = 1;
      w[9 + i] = -1;
      w[18 + i] = 0;
    }
  w[18] = 1;
  w[26] = poison;
  ClSnapshot *s = cl_snapshot_new_from_net (net, NULL, 0, 0, &error);
  g_assert_no_error (error);
  return s;
}

static void
test_known_kernels_give_known_colours (void)
{
  g_autoptr(ClSnapshot) s = known_kernels (0);
  cairo_surface_t *surface = fixture_surface (600, 400);
  cairo_t *cr = cairo_create (surface);
  ClRenderFiltersOptions options;
  ClColor red = cl_colormap_diverging (1), blue = cl_colormap_diverging (-1);
  ClColor white = cl_colormap_diverging (0);
  int seen[3] = { 0 };

  cl_render_filters_options_init (&options);
  g_assert_true (cl_render_filters (cr, s, &options, 600, 400));
  cairo_destroy (cr);
  fixture_save (surface, "filters-known");
  /* Every pixel the layout says is in filter f has f's colour. */
  for (int y = 0; y < 400; y += 3)
    for (int x = 0; x < 600; x += 3)
      {
        int f = cl_render_filters_hit (s, &options, 600, 400, x, y, NULL);
        /* Well inside the tile: edges may blend with the background. */
        if (f < 0 || cl_render_filters_hit (s, &options, 600, 400, x - 2, y - 2, NULL) != f
            || cl_render_filters_hit (s, &options, 600, 400, x + 2, y + 2, NULL) != f)
          continue;
        Pixel p = fixture_pixel (surface, x, y);
        seen[f]++;
        if (f == 0)
          g_assert_true (fixture_near (p, red, 0.02));
        else if (f == 1)
          g_assert_true (fixture_near (p, blue, 0.02));
        else
          g_assert_true (fixture_near (p, white, 0.02) || fixture_near (p, red, 0.02));
      }
  for (int f = 0; f < 3; f++)
    g_assert_cmpint (seen[f], >, 100);
  /* Outside every tile: -1; inside, the layer is said too. */
  int layer = -7;
  g_assert_cmpint (cl_render_filters_hit (s, &options, 600, 400, 1, 1, &layer), ==, -1);
  g_assert_cmpint (layer, ==, -7);
  /* The legend, above the tiles, spans both extremes. */
  g_assert_cmpint (fixture_count (surface, 0, 0, 600, 30, red, 0.1), >, 10);
  g_assert_cmpint (fixture_count (surface, 0, 0, 600, 30, blue, 0.1), >, 10);
  /* The background is opaque white in the light style. */
  g_assert_true (fixture_near (fixture_pixel (surface, 1, 399), (ClColor) { 1, 1, 1 }, 0.001));
  cairo_surface_destroy (surface);
}

static void
test_transparent_and_dark (void)
{
  g_autoptr(ClSnapshot) s = known_kernels (0);
  ClRenderFiltersOptions options;
  cl_render_filters_options_init (&options);

  options.style.transparent = TRUE;
  cairo_surface_t *clear = fixture_surface (300, 200);
  cairo_t *cr = cairo_create (clear);
  g_assert_true (cl_render_filters (cr, s, &options, 300, 200));
  cairo_destroy (cr);
  g_assert_cmpfloat (fixture_pixel (clear, 1, 199).a, ==, 0);
  g_assert_cmpfloat (fixture_pixel (clear, 299, 199).a, ==, 0);
  cairo_surface_destroy (clear);

  options.style.transparent = FALSE;
  options.style.dark = TRUE;
  cairo_surface_t *dark = fixture_surface (300, 200);
  cr = cairo_create (dark);
  g_assert_true (cl_render_filters (cr, s, &options, 300, 200));
  cairo_destroy (cr);
  fixture_save (dark, "filters-dark");
  Pixel corner = fixture_pixel (dark, 1, 199);
  g_assert_cmpfloat (corner.a, ==, 1);
  g_assert_cmpfloat (corner.r, <, 0.2);
  cairo_surface_destroy (dark);
}

static void
test_draws_only_inside_its_rectangle (void)
{
  g_autoptr(ClSnapshot) s = known_kernels (0);
  cairo_surface_t *surface = fixture_surface (400, 300);
  cairo_t *cr = cairo_create (surface);

  /* A picture 200×150 at (100, 100): nothing outside it. */
  cairo_translate (cr, 100, 100);
  g_assert_true (cl_render_filters (cr, s, NULL, 200, 150));
  cairo_destroy (cr);
  for (int y = 0; y < 300; y += 2)
    for (int x = 0; x < 400; x += 2)
      if (x < 100 || x >= 300 || y < 100 || y >= 250)
        g_assert_cmpfloat (fixture_pixel (surface, x, y).a, ==, 0);
  cairo_surface_destroy (surface);
}

static void
test_nan_is_grey_and_big_view_has_numbers (void)
{
  g_autoptr(ClSnapshot) s = known_kernels (NAN);
  ClRenderFiltersOptions options;
  cl_render_filters_options_init (&options);
  options.filter = 2;
  cairo_surface_t *surface = fixture_surface (500, 400);
  cairo_t *cr = cairo_create (surface);

  g_assert_true (cl_render_filters (cr, s, &options, 500, 400));
  cairo_destroy (cr);
  fixture_save (surface, "filters-big");
  g_assert_cmpint (fixture_count (surface, 0, 60, 500, 400, (ClColor) { 0.5, 0.5, 0.5 }, 0.01), >, 500);
  /* The +1 cell carries dark-on-red... its number in white: white pixels inside red. */
  g_assert_cmpint (fixture_count (surface, 0, 60, 500, 400, cl_colormap_diverging (1), 0.02), >, 500);
  cairo_surface_destroy (surface);

  /* A filter that does not exist: FALSE, no crash. */
  options.filter = 7;
  surface = fixture_surface (100, 100);
  cr = cairo_create (surface);
  g_assert_false (cl_render_filters (cr, s, &options, 100, 100));
  /* Zero size: nothing. */
  g_assert_false (cl_render_filters (cr, s, NULL, 0, 100));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

static void
test_trained_lenet_with_gabor (void)
{
  ClSnapshot *s = fixture_lenet_snapshot ();
  ClRenderFiltersOptions options;
  cl_render_filters_options_init (&options);
  options.gabor = TRUE;

  cairo_surface_t *surface = fixture_surface (1200, 800);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_filters (cr, s, &options, 1200, 800));
  cairo_destroy (cr);
  fixture_save (surface, "filters-lenet");
  cairo_surface_destroy (surface);

  /* A click in the second layer's grid names that layer and a filter of it. */
  int hits = 0;
  for (int y = 300; y < 800; y += 7)
    for (int x = 0; x < 1200; x += 7)
      {
        int layer = -1, f = cl_render_filters_hit (s, &options, 1200, 800, x, y, &layer);
        if (f >= 0 && layer == 3)
          {
            g_assert_cmpint (f, <, 16);
            hits++;
          }
      }
  g_assert_cmpint (hits, >, 100);

  options.layer = 0;
  surface = fixture_surface (1200, 500);
  cr = cairo_create (surface);
  g_assert_true (cl_render_filters (cr, s, &options, 1200, 500));
  cairo_destroy (cr);
  fixture_save (surface, "filters-lenet-first");
  cairo_surface_destroy (surface);

  options.filter = 0;
  surface = fixture_surface (800, 600);
  cr = cairo_create (surface);
  g_assert_true (cl_render_filters (cr, s, &options, 800, 600));
  cairo_destroy (cr);
  fixture_save (surface, "filters-lenet-one");
  cairo_surface_destroy (surface);
}

static void
test_no_conv_layer (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (2, 1, 1);
  g_autoptr(GError) error = NULL;
  cl_net_spec_append (spec, "Dense", "units", 3.0, NULL);
  cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
  g_autoptr(ClNet) net = cl_net_new (spec, 1, &error);
  g_autoptr(ClSnapshot) s = cl_snapshot_new_from_net (net, NULL, 0, 0, &error);
  cairo_surface_t *surface = fixture_surface (300, 200);
  cairo_t *cr = cairo_create (surface);

  g_assert_false (cl_render_filters (cr, s, NULL, 300, 200));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* What a PNG export holds is exactly what was drawn. */
static void
test_png_reads_back_the_same_pixels (void)
{
  ClSnapshot *s = fixture_lenet_snapshot ();
  ClRenderFiltersOptions options;
  cl_render_filters_options_init (&options);
  options.gabor = TRUE;
  options.style.transparent = TRUE;   /* alpha survives the round trip too */
  cairo_surface_t *surface = fixture_surface (500, 400);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_filters (cr, s, &options, 500, 400));
  cairo_destroy (cr);

  g_autofree char *dir = g_dir_make_tmp ("convlab-png-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "filters.png", NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_t *back = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (back), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (back), ==, 500);
  g_assert_cmpint (cairo_image_surface_get_height (back), ==, 400);
  cairo_surface_flush (surface);
  int differ = 0;
  for (int y = 0; y < 400; y++)
    for (int x = 0; x < 500; x++)
      {
        Pixel a = fixture_pixel (surface, x, y), b = fixture_pixel (back, x, y);
        /* Un-premultiplying rounds at partial alpha; opaque and clear are exact. */
        double tol = a.a == 1 || a.a == 0 ? 1e-9 : 0.05;
        differ += fabs (a.a - b.a) > 1e-9 || fabs (a.r - b.r) > tol || fabs (a.g - b.g) > tol
                  || fabs (a.b - b.b) > tol;
      }
  g_assert_cmpint (differ, ==, 0);
  cairo_surface_destroy (back);
  cairo_surface_destroy (surface);
  g_unlink (path);
  g_rmdir (dir);
}

/* A panel fits once and passes the fits: the same picture as fitting here. */
static void
test_precomputed_gabor_fits_draw_the_same (void)
{
  ClSnapshot *s = fixture_lenet_snapshot ();
  ClRenderFiltersOptions options;
  cl_render_filters_options_init (&options);
  options.gabor = TRUE;
  cairo_surface_t *a = fixture_surface (600, 400), *b = fixture_surface (600, 400);
  cairo_t *cr = cairo_create (a);
  g_assert_true (cl_render_filters (cr, s, &options, 600, 400));
  cairo_destroy (cr);

  int n = 0;
  g_autofree ClGaborFit *fits = cl_render_filters_fit_gabor (s, NULL, &n);
  g_assert_cmpint (n, ==, 6);
  for (int i = 0; i < n; i++)
    {
      g_assert_cmpfloat (fits[i].r2, >=, 0);
      g_assert_cmpfloat (fits[i].r2, <=, 1);
    }
  options.gabor_fits = fits;
  options.n_gabor_fits = n;
  cr = cairo_create (b);
  g_assert_true (cl_render_filters (cr, s, &options, 600, 400));
  cairo_destroy (cr);
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  g_assert_cmpmem (cairo_image_surface_get_data (a), 600 * 4 * 400, cairo_image_surface_get_data (b),
                   600 * 4 * 400);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
}

/* First layer on a colour input: one RGB tile per filter, each channel
 * 0.5 + w / 2·scale, so a filter that likes red is red and grey is zero. */
static void
test_colour_input_gives_rgb_tiles (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (3, 8, 8);
  g_autoptr(GError) error = NULL;
  cl_net_spec_append (spec, "Conv2D", "filters", 2.0, "kernel", 3.0, "bias", 0.0, NULL);
  cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
  g_autoptr(ClNet) net = cl_net_new (spec, 1, &error);
  g_assert_no_error (error);
  gsize n;
  float *w = cl_net_get_params (net, &n);
  g_assert_cmpuint (n, ==, 2 * 3 * 9);
  for (int i = 0; i < 9; i++)
    {
      w[i] = 1;            /* filter 0: red +1, green and blue 0 */
      w[9 + i] = 0;
      w[18 + i] = 0;
      w[27 + i] = 0;       /* filter 1: blue −1 */
      w[36 + i] = 0;
      w[45 + i] = -1;
    }
  g_autoptr(ClSnapshot) s = cl_snapshot_new_from_net (net, NULL, 0, 0, &error);
  cairo_surface_t *surface = fixture_surface (400, 300);
  cairo_t *cr = cairo_create (surface);
  ClRenderFiltersOptions options;
  cl_render_filters_options_init (&options);
  g_assert_true (cl_render_filters (cr, s, &options, 400, 300));
  cairo_destroy (cr);
  fixture_save (surface, "filters-rgb");
  int seen[2] = { 0 };
  for (int y = 0; y < 300; y += 3)
    for (int x = 0; x < 400; x += 3)
      {
        int f = cl_render_filters_hit (s, &options, 400, 300, x, y, NULL);
        if (f < 0 || cl_render_filters_hit (s, &options, 400, 300, x - 2, y - 2, NULL) != f
            || cl_render_filters_hit (s, &options, 400, 300, x + 2, y + 2, NULL) != f)
          continue;
        seen[f]++;
        Pixel p = fixture_pixel (surface, x, y);
        ClColor want = f == 0 ? (ClColor) { 1, 0.5, 0.5 } : (ClColor) { 0.5, 0.5, 0 };
        g_assert_true (fixture_near (p, want, 0.01));
      }
  g_assert_cmpint (seen[0], >, 100);
  g_assert_cmpint (seen[1], >, 100);
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/filters/known-kernels-give-known-colours", test_known_kernels_give_known_colours);
  g_test_add_func ("/render/filters/transparent-and-dark", test_transparent_and_dark);
  g_test_add_func ("/render/filters/draws-only-inside-its-rectangle", test_draws_only_inside_its_rectangle);
  g_test_add_func ("/render/filters/nan-is-grey-and-big-view-has-numbers", test_nan_is_grey_and_big_view_has_numbers);
  g_test_add_func ("/render/filters/trained-lenet-with-gabor", test_trained_lenet_with_gabor);
  g_test_add_func ("/render/filters/no-conv-layer", test_no_conv_layer);
  g_test_add_func ("/render/filters/colour-input-gives-rgb-tiles", test_colour_input_gives_rgb_tiles);
  g_test_add_func ("/render/filters/png-reads-back-the-same-pixels", test_png_reads_back_the_same_pixels);
  g_test_add_func ("/render/filters/precomputed-gabor-fits-draw-the-same", test_precomputed_gabor_fits_draw_the_same);
  return g_test_run ();
}
