/* The strip of augmented samples: the original first and untouched, the
 * others redrawn by the trainer's own transform; nothing for points. */
#include "config.h"

#include <string.h>

#include "render-fixtures.h"
#include "render/render-augment.h"

#define W 800
#define H 140
#define SIDE 16

/* Colour, white on the left half: a flip shows at once. */
static void
half_white (float *image)
{
  for (int c = 0; c < 3; c++)
    for (int y = 0; y < SIDE; y++)
      for (int x = 0; x < SIDE; x++)
        image[(c * SIDE + y) * SIDE + x] = x < SIDE / 2 ? 1.0f : 0.0f;
}

static cairo_surface_t *
draw (const ClAugmentSettings *augment, guint64 seed, const char *name)
{
  static float image[3 * SIDE * SIDE];
  ClRenderAugmentOptions options;
  cairo_surface_t *surface = fixture_surface (W, H);
  cairo_t *cr = cairo_create (surface);
  g_autoptr(GPtrArray) cuts = g_ptr_array_new_with_free_func (g_free);

  half_white (image);
  cl_render_augment_options_init (&options);
  options.augment = *augment;
  options.seed = seed;
  cl_render_measure_cuts (cr, cuts);
  g_assert_true (cl_render_augment (cr, image, 3, SIDE, SIDE, 42, &options, W, H));
  cl_render_measure_cuts (cr, NULL);
  g_assert_cmpuint (cuts->len, ==, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  if (name != NULL)
    fixture_save (surface, name);
  return surface;
}

/* Rows [0, H) of columns [x0, x1) equal in both pictures? */
static gboolean
same_columns (cairo_surface_t *a, cairo_surface_t *b, int x0, int x1)
{
  int stride = cairo_image_surface_get_stride (a);
  const guchar *pa = cairo_image_surface_get_data (a), *pb = cairo_image_surface_get_data (b);

  for (int y = 0; y < H; y++)
    if (memcmp (pa + y * stride + x0 * 4, pb + y * stride + x0 * 4, (gsize) (x1 - x0) * 4) != 0)
      return FALSE;
  return TRUE;
}

static void
test_original_first_then_redrawn (void)
{
  ClAugmentSettings none = { 0 }, flip = { .flip = TRUE };
  ClAugmentSettings all = { .shift = 2, .flip = TRUE, .crop = 20, .rotate = 10 };
  cairo_surface_t *plain = draw (&none, 1, "augment-none");
  cairo_surface_t *plain_other_seed = draw (&none, 9, NULL);
  cairo_surface_t *flipped = draw (&flip, 1, "augment-flip");
  cairo_surface_t *everything = draw (&all, 1, "augment-all");

  /* The original (the first eighth) is the same whatever is chosen. */
  g_assert_true (same_columns (plain, flipped, 0, W / 8));
  g_assert_true (same_columns (plain, everything, 0, W / 8));
  /* Off: every picture is the original, whatever the seed. */
  g_assert_true (same_columns (plain, plain_other_seed, 0, W));
  /* On: the pictures after it change. */
  g_assert_false (same_columns (plain, flipped, W / 8, W));
  g_assert_false (same_columns (flipped, everything, W / 8, W));
  cairo_surface_destroy (plain);
  cairo_surface_destroy (plain_other_seed);
  cairo_surface_destroy (flipped);
  cairo_surface_destroy (everything);
}

static void
test_points_are_not_images (void)
{
  float point[2] = { 0.5f, -0.25f };
  ClRenderAugmentOptions options;
  cairo_surface_t *surface = fixture_surface (W, H);
  cairo_t *cr = cairo_create (surface);

  cl_render_augment_options_init (&options);
  options.augment.flip = TRUE;
  g_assert_false (cl_render_augment (cr, point, 2, 1, 1, 0, &options, W, H));
  g_assert_false (cl_render_augment (cr, NULL, 1, 28, 28, 0, &options, W, H));
  cairo_destroy (cr);
  fixture_save (surface, "augment-points");
  cairo_surface_destroy (surface);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/augment/original-first-then-redrawn", test_original_first_then_redrawn);
  g_test_add_func ("/render/augment/points-are-not-images", test_points_are_not_images);
  return g_test_run ();
}
