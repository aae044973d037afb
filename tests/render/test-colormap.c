#include "config.h"

#include <math.h>

#include "render/colormap.h"

static double
luminance (ClColor c)
{
  return 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
}

static void
test_sequential_is_monotonic_in_lightness (void)
{
  double previous = -1;
  for (int i = 0; i <= 100; i++)
    {
      double l = luminance (cl_colormap_sequential (i / 100.0));
      g_assert_cmpfloat (l, >, previous);
      previous = l;
    }
}

static void
test_diverging_is_white_at_zero_and_darkens_outward (void)
{
  ClColor zero = cl_colormap_diverging (0.0);
  g_assert_cmpfloat (zero.r, >, 0.95);
  g_assert_cmpfloat (zero.g, >, 0.95);
  g_assert_cmpfloat (zero.b, >, 0.95);
  ClColor neg = cl_colormap_diverging (-1.0), pos = cl_colormap_diverging (1.0);
  g_assert_cmpfloat (neg.b, >, neg.r);     /* negative is blue */
  g_assert_cmpfloat (pos.r, >, pos.b);     /* positive is red */
  /* Darker the further from zero, either side: magnitude reads as contrast. */
  for (int i = 1; i <= 10; i++)
    {
      g_assert_cmpfloat (luminance (cl_colormap_diverging (i / 10.0)), <,
                         luminance (cl_colormap_diverging ((i - 1) / 10.0)));
      g_assert_cmpfloat (luminance (cl_colormap_diverging (-i / 10.0)), <,
                         luminance (cl_colormap_diverging (-(i - 1) / 10.0)));
    }
}

static void
test_out_of_range_is_clamped_and_nan_grey (void)
{
  ClColor lo = cl_colormap_sequential (-5), lo0 = cl_colormap_sequential (0);
  g_assert_cmpfloat (lo.r, ==, lo0.r);
  ClColor hi = cl_colormap_diverging (9), hi1 = cl_colormap_diverging (1);
  g_assert_cmpfloat (hi.g, ==, hi1.g);
  ClColor nan_color = cl_colormap_diverging (NAN);
  g_assert_cmpfloat (nan_color.r, ==, 0.5);
  g_assert_cmpfloat (nan_color.g, ==, 0.5);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/colormap/sequential-is-monotonic-in-lightness", test_sequential_is_monotonic_in_lightness);
  g_test_add_func ("/render/colormap/diverging-is-white-at-zero-and-darkens-outward", test_diverging_is_white_at_zero_and_darkens_outward);
  g_test_add_func ("/render/colormap/out-of-range-is-clamped-and-nan-grey", test_out_of_range_is_clamped_and_nan_grey);
  return g_test_run ();
}
