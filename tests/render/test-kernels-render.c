/* Kernels by Hand's picture: the result drawn where the layout says, the
 * identity giving back the image's pixels, an edge kernel's result clamped
 * to the image's range (its edge white, its flat parts black, nothing
 * stretched). */
#include "config.h"

#include <math.h>

#include "engine/conv-explain.h"
#include "render-fixtures.h"
#include "render/render-kernels.h"

#define SIDE 12

static void
setup (ClRenderKernelsOptions *o, float *image, float *out, float *kernel, ClKernelPreset preset)
{
  /* A vertical edge: dark left half, light right half, a little texture. */
  for (int y = 0; y < SIDE; y++)
    for (int x = 0; x < SIDE; x++)
      image[y * SIDE + x] = (x >= SIDE / 2 ? 0.8f : 0.2f) + ((x + y) % 2) * 0.05f;
  cl_kernel_preset_fill (preset, 3, kernel);
  cl_kernel_apply (image, 1, SIDE, SIDE, kernel, 3, out);
  cl_render_kernels_options_init (o);
  o->image = image;
  o->output = out;
  o->c = 1;
  o->h = o->w = SIDE;
  o->kernel = kernel;
  o->k = 3;
}

static cairo_surface_t *
draw (const ClRenderKernelsOptions *o, ClKernelsLayout *l, const char *name)
{
  cairo_surface_t *surface = fixture_surface (1000, 500);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_kernels (cr, o, 1000, 500));
  cairo_destroy (cr);
  g_assert_true (cl_render_kernels_layout (o, 1000, 500, l));
  fixture_save (surface, name);
  return surface;
}

static Pixel
at (cairo_surface_t *s, double x0, double y0, double cell, int y, int x)
{
  return fixture_pixel (s, (int) (x0 + (x + 0.5) * cell), (int) (y0 + (y + 0.5) * cell));
}

static void
test_identity_shows_the_image (void)
{
  float image[SIDE * SIDE], out[SIDE * SIDE], kernel[9];
  ClRenderKernelsOptions o;
  ClKernelsLayout l;
  setup (&o, image, out, kernel, CL_KERNEL_IDENTITY);
  cairo_surface_t *s = draw (&o, &l, "kernels-identity");
  for (int y = 0; y < SIDE; y++)
    for (int x = 0; x < SIDE; x++)
      {
        Pixel a = at (s, l.in_x, l.in_y, l.cell, y, x), b = at (s, l.out_x, l.out_y, l.cell, y, x);
        g_assert_cmpfloat (fabs (a.r - b.r), <, 0.01);
      }
  cairo_surface_destroy (s);
}

static void
test_sobel_clamped (void)
{
  float image[SIDE * SIDE], out[SIDE * SIDE], kernel[9];
  ClRenderKernelsOptions o;
  ClKernelsLayout l;
  double lo, hi;
  setup (&o, image, out, kernel, CL_KERNEL_SOBEL_VERTICAL);
  cl_render_kernels_range (&o, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 0.2, 1e-6);
  g_assert_cmpfloat_with_epsilon (hi, 0.85, 1e-6);
  cairo_surface_t *s = draw (&o, &l, "kernels-sobel");
  /* Along the edge the result (about 2.4) is far above the image's
   * lightest pixel: white.  On the flat dark part (about 0): black. */
  for (int y = 2; y < SIDE - 2; y++)
    {
      g_assert_cmpfloat (out[y * SIDE + SIDE / 2], >, hi);
      Pixel edge = at (s, l.out_x, l.out_y, l.cell, y, SIDE / 2);
      g_assert_cmpfloat (edge.r, >, 0.98);
      Pixel flat = at (s, l.out_x, l.out_y, l.cell, y, 2);
      g_assert_cmpfloat (flat.r, <, 0.02);
    }
  cairo_surface_destroy (s);
}

static void
test_message (void)
{
  ClRenderKernelsOptions o;
  cl_render_kernels_options_init (&o);
  o.message = "No image";
  cairo_surface_t *s = fixture_surface (300, 200);
  cairo_t *cr = cairo_create (s);
  g_assert_false (cl_render_kernels (cr, &o, 300, 200));
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/kernels/identity-shows-the-image", test_identity_shows_the_image);
  g_test_add_func ("/render/kernels/sobel-clamped", test_sobel_clamped);
  g_test_add_func ("/render/kernels/message", test_message);
  return g_test_run ();
}
