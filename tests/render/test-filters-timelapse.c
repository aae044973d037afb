/* The filters through training and their Gabor fits, drawn: a checkpoint
 * replayed is the picture of those weights (step 0 is the initial
 * network's), the strip's rows are the checkpoints asked with their real
 * steps, the fitted Gabor beside a filter is the fit's function, and the
 * orientation rose points where the stripes do. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/gabor-fit.h"
#include "engine/snapshot-net.h"
#include "engine/timelapse.h"
#include "engine/zoo.h"
#include "render-fixtures.h"
#include "render/render-filters-strip.h"
#include "render/render-filters.h"

static void
assert_same_pixels (cairo_surface_t *a, cairo_surface_t *b)
{
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  g_assert_cmpint (cairo_image_surface_get_width (a), ==, cairo_image_surface_get_width (b));
  g_assert_cmpint (cairo_image_surface_get_height (a), ==, cairo_image_surface_get_height (b));
  g_assert_cmpmem (cairo_image_surface_get_data (a),
                   cairo_image_surface_get_stride (a) * cairo_image_surface_get_height (a),
                   cairo_image_surface_get_data (b),
                   cairo_image_surface_get_stride (b) * cairo_image_surface_get_height (b));
}

static cairo_surface_t *
draw_filters (const ClSnapshot *s, const ClRenderFiltersOptions *options, int w, int h)
{
  cairo_surface_t *surface = fixture_surface (w, h);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_filters (cr, s, options, w, h));
  cairo_destroy (cr);
  return surface;
}

/* The trained LeNet-5 replayed at its first checkpoint draws exactly what
 * the design's network as initialised draws; at the newest, what the
 * snapshot itself draws. */
static void
test_step_zero_is_the_initial_network (void)
{
  ClSnapshot *s = fixture_lenet_snapshot ();
  g_autoptr(GError) error = NULL;
  ClRenderFiltersOptions options;

  g_assert_nonnull (s->checkpoints);
  g_assert_cmpuint (s->checkpoints->len, >=, 2);
  g_assert_cmpuint (s->checkpoint_steps[0], ==, 0);
  cl_render_filters_options_init (&options);
  options.params = g_bytes_get_data (g_ptr_array_index (s->checkpoints, 0), NULL);
  cairo_surface_t *replayed = draw_filters (s, &options, 700, 450);
  fixture_save (replayed, "filters-replayed-step-0");

  g_autoptr(ClNet) fresh = cl_net_new (s->spec, 1, &error);
  g_assert_no_error (error);
  cl_net_init (fresh, cl_net_spec_peek_train (s->spec)->seed);
  g_autoptr(ClSnapshot) initial = cl_snapshot_new_from_net (fresh, NULL, 0, 0, &error);
  g_assert_no_error (error);
  cl_render_filters_options_init (&options);
  cairo_surface_t *designed = draw_filters (initial, &options, 700, 450);
  assert_same_pixels (replayed, designed);

  /* And it is not the trained picture. */
  cairo_surface_t *trained = draw_filters (s, &options, 700, 450);
  cairo_surface_flush (trained);
  g_assert_true (memcmp (cairo_image_surface_get_data (trained),
                         cairo_image_surface_get_data (designed), 700 * 4 * 450) != 0);
  cairo_surface_destroy (replayed);
  cairo_surface_destroy (designed);
  cairo_surface_destroy (trained);
}

/* Three frames of four 5×5 filters, each filter a uniform ±1 (one cell 0),
 * the sign flipping with the filter and the frame: every tile's colour
 * says which frame it shows. */
static ClTimelapse *
signed_frames (void)
{
  int out = 4, k = 5, kk = 25;
  guint64 *steps = g_new (guint64, 3);
  float *w = g_new (float, 3 * out * kk);

  steps[0] = 0, steps[1] = 50, steps[2] = 100;
  for (int r = 0; r < 3; r++)
    for (int f = 0; f < out; f++)
      for (int i = 0; i < kk; i++)
        w[(r * out + f) * kk + i] = i == 0 ? 0.0f : (f + r) % 2 == 0 ? 1.0f : -1.0f;
  return cl_timelapse_new (0, out, 1, k, 3, steps, w);
}

static void
test_strip_rows_are_the_checkpoints_asked (void)
{
  g_autoptr(ClTimelapse) t = signed_frames ();
  const guint64 asked[] = { 0, 60, 100 };
  ClRenderFiltersStripOptions options;
  ClColor red = cl_colormap_diverging (1), blue = cl_colormap_diverging (-1);
  int w = 900, h = 700;

  cl_render_filters_strip_options_init (&options);
  options.steps = asked;
  options.n_steps = 3;
  cairo_surface_t *surface = fixture_surface (w, h);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_filters_strip (cr, t, &options, w, h));
  cairo_destroy (cr);
  fixture_save (surface, "filters-strip-signed");

  /* Row r shows frame r (60 takes 50's): filter f red when f + r is even. */
  double last_bottom = 0;
  for (int r = 0; r < 3; r++)
    {
      double row_y = -1;
      for (int f = 0; f < 4; f++)
        {
          double x, y, side;
          g_assert_true (cl_render_filters_strip_tile_rect (t, &options, w, h, r, f, &x, &y, &side));
          g_assert_cmpfloat (side, >=, 20);
          g_assert_cmpfloat (x, >=, 0);
          g_assert_cmpfloat (x + side, <=, w);
          g_assert_cmpfloat (y + side, <=, h);
          if (f == 0)
            {
              /* Rows top to bottom, apart. */
              g_assert_cmpfloat (y, >, last_bottom);
              row_y = y;
            }
          g_assert_cmpfloat (y, ==, row_y);
          Pixel p = fixture_pixel (surface, (int) (x + side * 0.7), (int) (y + side * 0.7));
          g_assert_true (fixture_near (p, (f + r) % 2 == 0 ? red : blue, 0.02));
          last_bottom = y + side;
        }
      /* The caption under the row: ink between the row and the next. */
      double x, y, side;
      cl_render_filters_strip_tile_rect (t, &options, w, h, r, 0, &x, &y, &side);
      Pixel bg = fixture_pixel (surface, 1, 1);
      ClColor white = { bg.r, bg.g, bg.b };
      int band = (int) (y + side + 2), band_h = (int) (h * 0.04);
      int inked = (int) (w - 20) * band_h - fixture_count (surface, 10, band, w - 10, band + band_h,
                                                            white, 0.05);
      g_assert_cmpint (inked, >, 100);
    }
  /* Past the last row: nothing. */
  double x, y, side;
  g_assert_false (cl_render_filters_strip_tile_rect (t, &options, w, h, 3, 0, &x, &y, &side));
  g_assert_false (cl_render_filters_strip_tile_rect (t, &options, w, h, 0, 4, &x, &y, &side));

  /* The labels say the real step, and the step asked when it differs. */
  int n;
  g_autofree ClFiltersStripRow *rows = cl_render_filters_strip_rows (t, &options, &n);
  g_assert_cmpint (n, ==, 3);
  g_assert_cmpuint (rows[1].frame, ==, 1);
  g_assert_cmpuint (rows[1].step, ==, 50);
  g_assert_cmpuint (rows[1].asked, ==, 60);
  g_assert_cmpfloat (rows[1].scale, ==, 1);
  g_autofree char *exact = cl_render_filters_strip_caption (t, &rows[0]);
  g_autofree char *nearest = cl_render_filters_strip_caption (t, &rows[1]);
  g_assert_nonnull (strstr (exact, "step 0 "));
  g_assert_nonnull (strstr (exact, "mean Gabor R²"));
  g_assert_nonnull (strstr (nearest, "step 50 "));
  g_assert_nonnull (strstr (nearest, "60"));
  cairo_surface_destroy (surface);
}

static void
make_gabor (float *v, int k, double theta, double freq, double phase, double sigma)
{
  double c = (k - 1) / 2.0;
  for (int y = 0; y < k; y++)
    for (int x = 0; x < k; x++)
      {
        double dx = x - c, dy = y - c, u = dx * cos (theta) + dy * sin (theta);
        v[y * k + x] = (float) (exp (-(dx * dx + dy * dy) / (2 * sigma * sigma))
                                * cos (2 * G_PI * freq * u + phase));
      }
}

/* Gabor frames have a high mean R², noise a low one; the default strip
 * spreads its rows from the first frame to the last. */
static void
test_strip_mean_r2 (void)
{
  int out = 3, k = 7, kk = 49;
  guint64 *steps = g_new (guint64, 2);
  float *w = g_new (float, 2 * out * kk);
  steps[0] = 0, steps[1] = 400;
  guint32 state = 12345;
  for (int i = 0; i < out * kk; i++)
    {
      state = state * 1664525u + 1013904223u;
      w[i] = (float) ((state >> 8) / 16777216.0 - 0.5);
    }
  for (int f = 0; f < out; f++)
    make_gabor (w + (out + f) * kk, k, f * G_PI / 3, 0.2, 0.3, 1.8);
  g_autoptr(ClTimelapse) t = cl_timelapse_new (0, out, 1, k, 2, steps, w);

  int n;
  g_autofree ClFiltersStripRow *rows = cl_render_filters_strip_rows (t, NULL, &n);
  g_assert_cmpint (n, ==, 2);
  g_assert_cmpuint (rows[0].step, ==, 0);
  g_assert_cmpuint (rows[1].step, ==, 400);
  g_assert_cmpfloat (rows[0].mean_r2, <, 0.6);
  g_assert_cmpfloat (rows[1].mean_r2, >, 0.95);
  g_assert_cmpint (rows[1].n_gabor_like, ==, 3);
  g_autofree char *caption = cl_render_filters_strip_caption (t, &rows[1]);
  g_assert_nonnull (strstr (caption, "3 of 3"));

  /* Its own height holds every row. */
  int h = cl_render_filters_strip_height (t, NULL, 1000);
  g_assert_cmpint (h, >, 100);
  g_assert_cmpint (h, <, 1500);
  double x, y, side;
  g_assert_true (cl_render_filters_strip_tile_rect (t, NULL, 1000, h, 1, 2, &x, &y, &side));
  g_assert_cmpfloat (y + side, <, h);
  cairo_surface_t *surface = fixture_surface (1000, h);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_filters_strip (cr, t, NULL, 1000, h));
  cairo_destroy (cr);
  fixture_save (surface, "filters-strip-gabor");
  cairo_surface_destroy (surface);

  /* Nothing to draw: a message, FALSE. */
  surface = fixture_surface (300, 200);
  cr = cairo_create (surface);
  g_assert_false (cl_render_filters_strip (cr, NULL, NULL, 300, 200));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* A network whose first layer holds these 7×7 kernels, as a snapshot. */
static ClSnapshot *
conv_snapshot (const float *kernels, int out)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, 16, 16);
  g_autoptr(GError) error = NULL;
  cl_net_spec_append (spec, "Conv2D", "filters", (double) out, "kernel", 7.0, "bias", 0.0, NULL);
  cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
  g_autoptr(ClNet) net = cl_net_new (spec, 1, &error);
  g_assert_no_error (error);
  gsize n;
  float *w = cl_net_get_params (net, &n);
  g_assert_cmpuint (n, ==, (gsize) out * 49);
  memcpy (w, kernels, n * sizeof (float));
  ClSnapshot *s = cl_snapshot_new_from_net (net, NULL, 0, 0, &error);
  g_assert_no_error (error);
  return s;
}

/* The tile beside a filter is its fitted Gabor, evaluated between the
 * kernel's cells, on the filter's colour scale. */
static void
test_fit_beside_is_the_fit_function (void)
{
  float v[2 * 49];
  make_gabor (v, 7, 0.6, 0.22, 0.4, 1.7);
  make_gabor (v + 49, 7, 2.0, 0.15, -1.0, 2.2);
  g_autoptr(ClSnapshot) s = conv_snapshot (v, 2);
  ClRenderFiltersOptions options;
  int w = 800, h = 500, n;

  cl_render_filters_options_init (&options);
  options.gabor = TRUE;
  options.fit_beside = TRUE;
  cairo_surface_t *surface = draw_filters (s, &options, w, h);
  fixture_save (surface, "filters-fit-beside");
  g_autofree ClGaborFit *fits = cl_render_filters_fit_gabor (s, NULL, &n);
  g_assert_cmpint (n, ==, 2);
  double scale = 0;
  for (int i = 0; i < 98; i++)
    scale = MAX (scale, fabs (v[i]));

  for (int f = 0; f < 2; f++)
    {
      double fx, fy, gx, gy, side, side2;
      g_assert_cmpfloat (fits[f].r2, >, 0.99);
      g_assert_true (cl_render_filters_tile_rect (s, &options, w, h, f, FALSE, &fx, &fy, &side));
      g_assert_true (cl_render_filters_tile_rect (s, &options, w, h, f, TRUE, &gx, &gy, &side2));
      /* Beside it, the same size, on the same line. */
      g_assert_cmpfloat (side2, ==, side);
      g_assert_cmpfloat (gy, ==, fy);
      g_assert_cmpfloat (gx, >=, fx + side);
      g_assert_cmpfloat (gx, <, fx + 1.2 * side);
      g_assert_cmpint (cl_render_filters_hit (s, &options, w, h, gx + side / 2, gy + side / 2, NULL), ==, f);
      /* At each sample's centre (4 per cell), the fit's value coloured. */
      int checked = 0;
      double sample = side / (7 * 4);
      for (int i = 0; i < 28; i += 3)
        for (int j = 0; j < 28; j += 3)
          {
            double value = cl_gabor_eval (&fits[f], (j + 0.5) / 4 - 0.5, (i + 0.5) / 4 - 0.5);
            Pixel p = fixture_pixel (surface, (int) (gx + (j + 0.5) * sample),
                                     (int) (gy + (i + 0.5) * sample));
            g_assert_true (fixture_near (p, cl_colormap_diverging (value / scale), 0.03));
            checked++;
          }
      g_assert_cmpint (checked, ==, 100);
    }
  /* Without fit_beside there is no fit tile, and the filters take its room. */
  options.fit_beside = FALSE;
  double x, y, side;
  g_assert_false (cl_render_filters_tile_rect (s, &options, w, h, 0, TRUE, &x, &y, &side));
  cairo_surface_destroy (surface);
}

/* The rose's filled wedges: their extent, in the picture's right part. */
static void
rose_extent (cairo_surface_t *surface, int x0, int w, int h, int *width, int *height)
{
  /* The light palette's first series colour at 0.85 over white. */
  ClColor fill = { 0.15 + 0.85 * 0.0, 0.15 + 0.85 * 0.45, 0.15 + 0.85 * 0.70 };
  int left = w, right = -1, top = h, bottom = -1;
  for (int y = 0; y < h; y++)
    for (int x = x0; x < w; x++)
      if (fixture_near (fixture_pixel (surface, x, y), fill, 0.04))
        {
          left = MIN (left, x), right = MAX (right, x);
          top = MIN (top, y), bottom = MAX (bottom, y);
        }
  *width = right - left + 1;
  *height = bottom - top + 1;
}

static void
test_orientation_rose_points_along_the_stripes (void)
{
  float v[4 * 49];
  int w = 900, h = 450, rw, rh;
  ClRenderFiltersOptions options;

  cl_render_filters_options_init (&options);
  options.gabor = TRUE;
  options.orientations = TRUE;
  /* Waves along x: vertical stripes, a vertical rose. */
  for (int f = 0; f < 4; f++)
    make_gabor (v + f * 49, 7, 0.02 * f, 0.2, f, 1.8);
  g_autoptr(ClSnapshot) vertical = conv_snapshot (v, 4);
  cairo_surface_t *a = draw_filters (vertical, &options, w, h);
  fixture_save (a, "filters-rose-vertical");
  rose_extent (a, w * 2 / 3, w, h, &rw, &rh);
  g_assert_cmpint (rh, >, 40);
  g_assert_cmpint (rh, >, 2 * rw);

  /* Waves along y: horizontal stripes, a horizontal rose. */
  for (int f = 0; f < 4; f++)
    make_gabor (v + f * 49, 7, G_PI / 2 + 0.02 * f, 0.2, f, 1.8);
  g_autoptr(ClSnapshot) horizontal = conv_snapshot (v, 4);
  cairo_surface_t *b = draw_filters (horizontal, &options, w, h);
  fixture_save (b, "filters-rose-horizontal");
  rose_extent (b, w * 2 / 3, w, h, &rw, &rh);
  g_assert_cmpint (rw, >, 40);
  g_assert_cmpint (rw, >, 2 * rh);

  /* The rose takes the right of the picture: the grid moves left. */
  double x_on, x_off, y, side;
  g_assert_true (cl_render_filters_tile_rect (horizontal, &options, w, h, 3, FALSE, &x_on, &y, &side));
  g_assert_cmpfloat (x_on + side, <, w * 0.8);
  options.orientations = FALSE;
  g_assert_true (cl_render_filters_tile_rect (horizontal, &options, w, h, 3, FALSE, &x_off, &y, &side));
  cairo_surface_t *c = draw_filters (horizontal, &options, w, h);
  rose_extent (c, w * 2 / 3, w, h, &rw, &rh);
  g_assert_cmpint (rw, <=, 0);
  cairo_surface_destroy (a);
  cairo_surface_destroy (b);
  cairo_surface_destroy (c);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/filters-timelapse/step-zero-is-the-initial-network", test_step_zero_is_the_initial_network);
  g_test_add_func ("/render/filters-timelapse/strip-rows-are-the-checkpoints-asked", test_strip_rows_are_the_checkpoints_asked);
  g_test_add_func ("/render/filters-timelapse/strip-mean-r2", test_strip_mean_r2);
  g_test_add_func ("/render/filters-fit/fit-beside-is-the-fit-function", test_fit_beside_is_the_fit_function);
  g_test_add_func ("/render/filters-fit/orientation-rose-points-along-the-stripes", test_orientation_rose_points_along_the_stripes);
  return g_test_run ();
}
