/* The export surface: a scale multiplies the pixels and keeps the picture
 * (the 2× one, averaged back down, is the 1× one); sizes over the limit
 * are refused with the limit in the message. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>

#include "engine/error.h"
#include "engine/zoo.h"
#include "render/render-export.h"
#include "render/render-network.h"

#define W 600
#define H 300

/* LeNet-5's network picture on an export surface at `scale`. */
static cairo_surface_t *
draw_network (int scale)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  g_autofree ClLayerInfo *info = g_new0 (ClLayerInfo, cl_net_spec_get_n_layers (spec));
  g_autoptr(GError) error = NULL;
  ClNetworkView view;
  int failed;
  cairo_t *cr;

  g_assert_true (cl_net_spec_check (spec, info, &failed, &error));
  cl_network_view_init (&view, spec);
  view.info = info;
  cairo_surface_t *surface = cl_render_export_surface_new (W, H, scale, &cr, &error);
  g_assert_no_error (error);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cl_render_network (cr, &view, W, H);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

static double
channel (cairo_surface_t *s, int x, int y, int shift)
{
  const guint8 *data = cairo_image_surface_get_data (s);
  guint32 px = *(const guint32 *) (data + y * cairo_image_surface_get_stride (s) + x * 4);
  return ((px >> shift) & 255) / 255.0;
}

static void
test_scale_two_is_the_same_picture (void)
{
  cairo_surface_t *one = draw_network (1), *two = draw_network (2);

  g_assert_cmpint (cairo_image_surface_get_width (two), ==, 2 * W);
  g_assert_cmpint (cairo_image_surface_get_height (two), ==, 2 * H);

  /* Each 2×2 block averaged matches the 1× pixel, but for antialiased
   * edges and text hinting: small on average. */
  double diff = 0;
  for (int y = 0; y < H; y++)
    for (int x = 0; x < W; x++)
      for (int shift = 0; shift < 24; shift += 8)
        {
          double avg = (channel (two, 2 * x, 2 * y, shift) + channel (two, 2 * x + 1, 2 * y, shift)
                        + channel (two, 2 * x, 2 * y + 1, shift)
                        + channel (two, 2 * x + 1, 2 * y + 1, shift)) / 4;
          diff += fabs (avg - channel (one, x, y, shift));
        }
  diff /= (double) W * H * 3;
  g_test_message ("mean difference %.4f", diff);
  g_assert_cmpfloat (diff, <, 0.02);

  /* A known point: the middle of the first convolution's block is the
   * same blue at (x, y) in 1× and at (2x, 2y) in 2×. */
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  g_autofree ClLayerInfo *info = g_new0 (ClLayerInfo, cl_net_spec_get_n_layers (spec));
  ClNetworkView view;
  int failed;
  double bx, by, bw, bh;
  cl_net_spec_check (spec, info, &failed, NULL);
  cl_network_view_init (&view, spec);
  view.info = info;
  g_assert_true (cl_render_network_layer_bounds (&view, W, H, 0, &bx, &by, &bw, &bh));
  int x = (int) (bx + bw / 2) - 4, y = (int) (by + bh * 0.3);
  for (int shift = 0; shift < 24; shift += 8)
    g_assert_cmpfloat (fabs (channel (one, x, y, shift) - channel (two, 2 * x, 2 * y, shift)), <, 0.02);
  g_assert_cmpfloat (channel (one, x, y, 0), >, channel (one, x, y, 16) + 0.1);  /* bluish */

  cairo_surface_destroy (one);
  cairo_surface_destroy (two);
}

static void
test_limits_are_refused (void)
{
  g_autoptr(GError) error = NULL;
  cairo_t *cr = (cairo_t *) 1;

  g_assert_null (cl_render_export_surface_new (5000, 100, 2, &cr, &error));
  g_assert_null (cr);
  g_assert_error (error, CL_ERROR, CL_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "8192"));
  g_clear_error (&error);
  g_assert_null (cl_render_export_surface_new (100, 100, 0, &cr, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_null (cl_render_export_surface_new (100, 100, CL_RENDER_MAX_SCALE + 1, &cr, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_TOO_LARGE);
  g_clear_error (&error);
  g_assert_null (cl_render_export_surface_new (8, 100, 1, &cr, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_TOO_LARGE);
  g_clear_error (&error);

  /* The largest allowed: 2730 × 3 = 8190. */
  cairo_surface_t *s = cl_render_export_surface_new (2730, 16, 3, &cr, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (s), ==, 8190);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

/* The PNG writer goes through the shared atomic writer: the picture
 * arrives whole, nothing is left beside it, and a target that is not a
 * regular file (a FIFO here, /dev/full for the user who found it) is
 * refused and left alone. */
static void
test_write_png_is_atomic (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-png-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "slide.png", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe.png", NULL);
  g_autoptr(GError) error = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 40, 30);
  GStatBuf st;

  g_assert_true (cl_render_write_png (surface, path, &error));
  g_assert_no_error (error);
  cairo_surface_t *back = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (back), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (back), ==, 40);
  cairo_surface_destroy (back);

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (cl_render_write_png (surface, fifo, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "pipe.png"));
  g_assert_cmpint (g_stat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  cairo_surface_destroy (surface);

  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;
  while (g_dir_read_name (d) != NULL)
    n++;
  g_assert_cmpuint (n, ==, 2);   /* slide.png and the pipe: no temporary */
  g_unlink (path);
  g_unlink (fifo);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/export/write-png-is-atomic", test_write_png_is_atomic);
  g_test_add_func ("/render/export/scale-two-is-the-same-picture", test_scale_two_is_the_same_picture);
  g_test_add_func ("/render/export/limits-are-refused", test_limits_are_refused);
  return g_test_run ();
}
