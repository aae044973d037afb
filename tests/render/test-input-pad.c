/* The drawing pad's picture: every input pixel is drawn where the
 * geometry the pad widget maps the pointer with says, at its grey level. */
#include "config.h"

#include <math.h>

#include "render-fixtures.h"
#include "render/render-input-pad.h"

static const ClColor black = { 0, 0, 0 }, white = { 1, 1, 1 };

/* A checkerboard of 7×5 input pixels in a 300×200 picture: the centre of
 * each cell has the pixel's value, black or white. */
static void
test_pixels_where_the_geometry_says (void)
{
  const ClShape in = { 1, 5, 7 };
  float pixels[35];
  double x, y, cell;

  for (int i = 0; i < 35; i++)
    pixels[i] = (i / 7 + i % 7) % 2;
  cairo_surface_t *surface = fixture_surface (300, 200);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_input_pad (cr, pixels, in, NULL, 300, 200));
  cairo_destroy (cr);
  fixture_save (surface, "input-pad-checker");

  cl_render_input_pad_geometry (in, 300, 200, &x, &y, &cell);
  /* Whole screen pixels per input pixel, the image centred. */
  g_assert_cmpfloat (cell, ==, floor (cell));
  g_assert_cmpfloat (cell * 7, <=, 300);
  g_assert_cmpfloat (cell * 5, <=, 200);
  g_assert_cmpfloat (fabs ((x + cell * 7 / 2) - 150), <=, 1);
  for (int i = 0; i < 5; i++)
    for (int j = 0; j < 7; j++)
      {
        Pixel p = fixture_pixel (surface, (int) (x + (j + 0.5) * cell), (int) (y + (i + 0.5) * cell));
        g_assert_true (fixture_near (p, pixels[i * 7 + j] > 0.5 ? white : black, 0.02));
      }
  cairo_surface_destroy (surface);
}

/* A colour input shows its colour; the brush's outline shows on black. */
static void
test_colour_and_brush (void)
{
  const ClShape in = { 3, 4, 4 };
  float pixels[48] = { 0 };
  ClRenderInputPadOptions options = { .show_brush = TRUE, .brush_x = 1, .brush_y = 1,
                                      .brush_radius = 0.8 };
  double x, y, cell;

  for (int k = 0; k < 16; k++)
    pixels[k] = 1;   /* red plane */
  pixels[16 + 15] = 1;   /* pixel (3, 3) red + green: yellow */
  cairo_surface_t *surface = fixture_surface (200, 200);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_input_pad (cr, pixels, in, &options, 200, 200));
  cairo_destroy (cr);
  fixture_save (surface, "input-pad-colour");
  cl_render_input_pad_geometry (in, 200, 200, &x, &y, &cell);
  Pixel red = fixture_pixel (surface, (int) (x + 2.5 * cell), (int) (y + 0.5 * cell));
  Pixel yellow = fixture_pixel (surface, (int) (x + 3.5 * cell), (int) (y + 3.5 * cell));
  g_assert_true (fixture_near (red, (ClColor) { 1, 0, 0 }, 0.02));
  g_assert_true (fixture_near (yellow, (ClColor) { 1, 1, 0 }, 0.02));
  /* The outline: orange on the circle of radius 0.8 pixel around (1, 1). */
  int orange = fixture_count (surface, (int) (x + 0.1 * cell), (int) (y + 0.1 * cell),
                              (int) (x + 1.9 * cell), (int) (y + 1.9 * cell),
                              (ClColor) { 1, 0.6, 0.1 }, 0.25);
  g_assert_cmpint (orange, >, 20);
  cairo_surface_destroy (surface);
}

static void
test_nothing_to_draw (void)
{
  const ClShape in = { 1, 4, 4 };
  float pixels[16] = { 0 };
  cairo_surface_t *surface = fixture_surface (10, 10);
  cairo_t *cr = cairo_create (surface);
  g_assert_false (cl_render_input_pad (cr, NULL, in, NULL, 10, 10));
  g_assert_false (cl_render_input_pad (cr, pixels, (ClShape) { 0, 4, 4 }, NULL, 10, 10));
  g_assert_false (cl_render_input_pad (cr, pixels, in, NULL, 0, 10));
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/input-pad/pixels-where-the-geometry-says",
                   test_pixels_where_the_geometry_says);
  g_test_add_func ("/render/input-pad/colour-and-brush", test_colour_and_brush);
  g_test_add_func ("/render/input-pad/nothing-to-draw", test_nothing_to_draw);
  return g_test_run ();
}
