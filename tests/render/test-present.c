/* The presentation mode's promise, measured on the render functions: at the
 * presentation style, on the region a panel gets of a 1280×720 projector,
 * no picture draws a text smaller than 18 px; at the everyday style some
 * do (so the measure measures). */
#include "config.h"

#include <math.h>

#include "engine/zoo.h"
#include "render-fixtures.h"
#include "render-pictures.h"
#include "render/render-filters-strip.h"
#include "render/render-network.h"

/* A panel's picture in presentation mode: the screen less the tabs and the
 * panel's row of controls. */
enum { W = 1280, H = 620 };

/* Draws one picture in `style` and returns the smallest text it drew. */
static double
smallest_text (const FixturePicture *picture, const ClRenderStyle *style, gboolean save)
{
  double min_size = G_MAXDOUBLE;
  cairo_surface_t *surface = fixture_surface (W, H);
  cairo_t *cr = cairo_create (surface);

  cl_render_measure_text (cr, &min_size);
  gboolean drawn = picture->draw (cr, style, W, H);
  cairo_destroy (cr);
  g_assert_true (drawn);
  if (save)
    {
      g_autofree char *name = g_strdup_printf ("present-%s", picture->name);
      fixture_save (surface, name);
    }
  cairo_surface_destroy (surface);
  g_assert_cmpfloat (min_size, <, G_MAXDOUBLE);   /* it wrote something */
  return min_size;
}

static void
test_presentation_text_at_least_18px (void)
{
  ClRenderStyle present = { .scale = CL_RENDER_PRESENT_SCALE,
                            .min_text = CL_RENDER_PRESENT_MIN_TEXT };
  for (gsize p = 0; p < fixture_n_pictures; p++)
    {
      double size = smallest_text (&fixture_pictures[p], &present, TRUE);
      g_test_message ("%s: smallest text %.1f px", fixture_pictures[p].name, size);
      g_assert_cmpfloat (size, >=, 18.0);
    }
}

/* Without the presentation style the same pictures do write smaller
 * legends: the measure is not vacuous. */
static void
test_everyday_style_has_smaller_text (void)
{
  ClRenderStyle plain = { 0 };
  double smallest = G_MAXDOUBLE;
  for (gsize p = 0; p < fixture_n_pictures; p++)
    smallest = MIN (smallest, smallest_text (&fixture_pictures[p], &plain, FALSE));
  g_assert_cmpfloat (smallest, <, 18.0);
}

/* Ctrl+plus: the scale makes the text much bigger (the filter
 * grid's captions), and no text goes under its raised floor (curves fit
 * their legend into the room left). */
static void
test_scale_grows_text (void)
{
  ClRenderStyle one = { 0 }, two = { .scale = 2.0 };
  const FixturePicture *filters = fixture_picture ("filters");
  double a = smallest_text (filters, &one, FALSE);
  double b = smallest_text (filters, &two, FALSE);
  g_assert_cmpfloat (b, >=, 1.5 * a);
  g_assert_cmpfloat (smallest_text (fixture_picture ("curves"), &two, FALSE), >=, 12.0);
}

/* Nonsense in a style (negative, huge) falls back or is bounded. */
static void
test_style_bounds (void)
{
  ClRenderStyle bad = { .scale = -3, .min_text = -1 };
  g_assert_cmpfloat (cl_render_style_get_scale (&bad), ==, 1.0);
  g_assert_cmpfloat (cl_render_style_get_min_text (&bad), ==, 6.0);
  ClRenderStyle huge = { .scale = 1e9, .min_text = 1e9 };
  g_assert_cmpfloat (cl_render_style_get_scale (&huge), <=, 8.0);
  g_assert_cmpfloat (cl_render_style_get_min_text (&huge), <=, 96.0);
  g_assert_cmpfloat (cl_render_style_get_scale (NULL), ==, 1.0);
  ClRenderStyle nan_style = { .scale = NAN };
  g_assert_cmpfloat (cl_render_style_get_scale (&nan_style), ==, 1.0);
}

/* The canvas in presentation mode: drawn at CL_RENDER_PRESENT_NETWORK_ZOOM. */
static void
test_network_at_presentation_zoom (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  int n = cl_net_spec_get_n_layers (spec), failed = -1;
  g_autofree ClLayerInfo *info = g_new0 (ClLayerInfo, n);
  g_autoptr(GError) error = NULL;
  g_assert_true (cl_net_spec_check (spec, info, &failed, &error));
  ClNetworkView view;
  cl_network_view_init (&view, spec);
  view.info = info;
  view.zoom = CL_RENDER_PRESENT_NETWORK_ZOOM;
  double min_size = G_MAXDOUBLE;
  cairo_surface_t *surface = fixture_surface (W, 660);
  cairo_t *cr = cairo_create (surface);
  cl_render_measure_text (cr, &min_size);
  cl_render_network (cr, &view, W, cl_render_network_get_height_for_width (&view, W));
  cairo_destroy (cr);
  fixture_save (surface, "present-network");
  cairo_surface_destroy (surface);
  g_test_message ("network: smallest text %.1f px", min_size);
  g_assert_cmpfloat (min_size, <, G_MAXDOUBLE);
  g_assert_cmpfloat (min_size, >=, 18.0);
}

/* Zoomed, the time-lapse strip's tiles are still where a click looks for
 * them: the hit rectangle and the drawing share the scaled font. */
static void
test_zoomed_strip_tiles_where_drawn (void)
{
  int out = 4, kk = 25;
  guint64 *steps = g_new (guint64, 2);
  float *w = g_new (float, 2 * out * kk);
  steps[0] = 0, steps[1] = 50;
  for (int r = 0; r < 2; r++)
    for (int f = 0; f < out; f++)
      for (int i = 0; i < kk; i++)
        w[(r * out + f) * kk + i] = i == 0 ? 0.0f : (f + r) % 2 == 0 ? 1.0f : -1.0f;
  g_autoptr(ClTimelapse) t = cl_timelapse_new (0, out, 1, 5, 2, steps, w);
  ClColor red = cl_colormap_diverging (1), blue = cl_colormap_diverging (-1);
  ClRenderFiltersStripOptions options;
  cl_render_filters_strip_options_init (&options);
  options.style.scale = 3.0;

  cairo_surface_t *surface = fixture_surface (900, 700);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_filters_strip (cr, t, &options, 900, 700));
  cairo_destroy (cr);
  fixture_save (surface, "present-strip-zoomed");
  for (int r = 0; r < 2; r++)
    for (int f = 0; f < out; f++)
      {
        double x, y, side;
        g_assert_true (cl_render_filters_strip_tile_rect (t, &options, 900, 700, r, f, &x, &y, &side));
        for (int corner = 0; corner < 4; corner++)
          {
            double cx = corner % 2 ? 0.85 : 0.25, cy = corner / 2 ? 0.85 : 0.25;
            Pixel p = fixture_pixel (surface, (int) (x + side * cx), (int) (y + side * cy));
            g_assert_true (fixture_near (p, (f + r) % 2 == 0 ? red : blue, 0.02));
          }
      }
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/present/text-at-least-18px", test_presentation_text_at_least_18px);
  g_test_add_func ("/render/present/everyday-style-has-smaller-text",
                   test_everyday_style_has_smaller_text);
  g_test_add_func ("/render/present/scale-grows-text", test_scale_grows_text);
  g_test_add_func ("/render/present/style-bounds", test_style_bounds);
  g_test_add_func ("/render/present/network-at-presentation-zoom", test_network_at_presentation_zoom);
  g_test_add_func ("/render/present/zoomed-strip-tiles-where-drawn",
                   test_zoomed_strip_tiles_where_drawn);
  return g_test_run ();
}
