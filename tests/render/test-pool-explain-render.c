/* The Pooling explorer's picture: the chosen output pixel's window is
 * marked where it is on the region, the maximum the layer's backward sent
 * the gradient to is ringed, the backward picture colours only the cells
 * that received gradient (max) or all four (average), and a click finds the
 * output pixel and the image pixel. */
#include "config.h"

#include <math.h>

#include "engine/conv-explain.h"
#include "render-fixtures.h"
#include "render/render-pool-explain.h"

typedef struct {
  float image[16 * 16], x[64], y[16], dout[16], din[64];
  ClRenderPoolExplainOptions o;
} Scene;

static void
scene_init (Scene *s, gboolean average, gboolean backward, int oy, int ox)
{
  for (int i = 0; i < 256; i++)
    s->image[i] = (float) ((i * 37) % 101) / 100.0f;
  cl_render_pool_explain_options_init (&s->o);
  s->o.image = s->image;
  s->o.image_h = s->o.image_w = 16;
  s->o.region_y = 4;
  s->o.region_x = 6;
  s->o.size = 8;
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 8; j++)
      s->x[i * 8 + j] = s->image[(4 + i) * 16 + 6 + j];
  for (int i = 0; i < 16; i++)
    s->dout[i] = (float) (i + 1);
  g_autoptr(GError) error = NULL;
  g_assert_true (cl_pool_explain (average ? "AvgPool2D" : "MaxPool2D", 2, 2, s->x, 8, 8, s->y,
                                  s->dout, s->din, &error));
  s->o.x = s->x;
  s->o.y = s->y;
  s->o.dout = s->dout;
  s->o.din = s->din;
  s->o.average = average;
  s->o.backward = backward;
  s->o.oy = oy;
  s->o.ox = ox;
}

static const ClColor orange = { 0.90, 0.45, 0.00 };
static const ClColor green = { 0.00, 0.60, 0.45 };

static cairo_surface_t *
draw (Scene *s, ClPoolExplainLayout *l, const char *name)
{
  cairo_surface_t *surface = fixture_surface (1000, 640);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_pool_explain (cr, &s->o, 1000, 640));
  cairo_destroy (cr);
  g_assert_true (cl_render_pool_explain_layout (&s->o, 1000, 640, l));
  fixture_save (surface, name);
  return surface;
}

static void
test_max_window_and_maximum (void)
{
  Scene s;
  ClPoolExplainLayout l;
  scene_init (&s, FALSE, FALSE, 1, 2);
  cairo_surface_t *surface = draw (&s, &l, "pool-explain-max");
  /* The window of output (1, 2) covers region cells (2..3, 4..5): orange
   * just above its top edge. */
  double wx = l.in_x + 4 * l.in_cell, wy = l.in_y + 2 * l.in_cell;
  g_assert_cmpint (fixture_count (surface, (int) (wx + 0.3 * l.in_cell), (int) wy - 3,
                                  (int) (wx + 1.7 * l.in_cell), (int) wy - 1, orange, 0.12), >, 0);
  /* The maximum, where the layer's backward sends the gradient, ringed
   * green inside its cell. */
  int t = -1;
  for (int i = 0; i < 4; i++)
    if (s.din[(2 + i / 2) * 8 + 4 + i % 2] != 0)
      t = i;
  g_assert_cmpint (t, >=, 0);
  double cx = wx + (t % 2) * l.in_cell, cy = wy + (t / 2) * l.in_cell;
  g_assert_cmpint (fixture_count (surface, (int) cx, (int) cy, (int) (cx + l.in_cell),
                                  (int) (cy + l.in_cell), green, 0.15), >, 10);
  /* None in the other three. */
  for (int i = 0; i < 4; i++)
    if (i != t)
      {
        double ox = wx + (i % 2) * l.in_cell + 8, oy = wy + (i / 2) * l.in_cell + 8;
        g_assert_cmpint (fixture_count (surface, (int) ox, (int) oy, (int) (ox + l.in_cell - 16),
                                        (int) (oy + l.in_cell - 16), green, 0.15), ==, 0);
      }
  cairo_surface_destroy (surface);
}

/* Backward, max: in each window one cell carries the gradient (coloured),
 * the other three are 0 (white in the diverging map). */
static void
test_max_backward (void)
{
  Scene s;
  ClPoolExplainLayout l;
  scene_init (&s, FALSE, TRUE, 0, 0);
  cairo_surface_t *surface = draw (&s, &l, "pool-explain-max-backward");
  ClColor white = cl_colormap_diverging (0);
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 8; j++)
      {
        /* Sample near the cell's corner, away from its number. */
        Pixel p = fixture_pixel (surface, (int) (l.in_x + (j + 0.15) * l.in_cell),
                                 (int) (l.in_y + (i + 0.15) * l.in_cell));
        gboolean is_white = fixture_near (p, white, 0.05);
        g_assert_true (is_white == (s.din[i * 8 + j] == 0));
      }
  cairo_surface_destroy (surface);
}

/* Backward, average: every cell gets a quarter of its window's gradient. */
static void
test_average_backward (void)
{
  Scene s;
  ClPoolExplainLayout l;
  scene_init (&s, TRUE, TRUE, 3, 3);
  cairo_surface_t *surface = draw (&s, &l, "pool-explain-average-backward");
  double g = 16.0 / 4;   /* the largest |din| */
  for (int i = 0; i < 8; i++)
    for (int j = 0; j < 8; j++)
      {
        g_assert_cmpfloat_with_epsilon (s.din[i * 8 + j], s.dout[(i / 2) * 4 + j / 2] / 4.0, 1e-6);
        Pixel p = fixture_pixel (surface, (int) (l.in_x + (j + 0.15) * l.in_cell),
                                 (int) (l.in_y + (i + 0.15) * l.in_cell));
        g_assert_true (fixture_near (p, cl_colormap_diverging (s.din[i * 8 + j] / g), 0.06));
      }
  cairo_surface_destroy (surface);
}

static void
test_hits (void)
{
  Scene s;
  ClPoolExplainLayout l;
  int a, b;
  scene_init (&s, FALSE, FALSE, -1, -1);
  g_assert_true (cl_render_pool_explain_layout (&s.o, 1000, 640, &l));
  g_assert_true (cl_render_pool_explain_hit_output (&s.o, 1000, 640, l.out_x + 2.5 * l.out_cell,
                                                    l.out_y + 1.5 * l.out_cell, &a, &b));
  g_assert_cmpint (a, ==, 1);
  g_assert_cmpint (b, ==, 2);
  g_assert_true (cl_render_pool_explain_hit_image (&s.o, 1000, 640, l.img_x + 9.5 * l.img_cell,
                                                   l.img_y + 3.5 * l.img_cell, &a, &b));
  g_assert_cmpint (a, ==, 3);
  g_assert_cmpint (b, ==, 9);
  g_assert_false (cl_render_pool_explain_hit_output (&s.o, 1000, 640, 2, 2, &a, &b));
  s.o.message = "nothing";
  g_assert_false (cl_render_pool_explain_hit_image (&s.o, 1000, 640, l.img_x + 1, l.img_y + 1,
                                                    &a, &b));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/pool-explain/max-window-and-maximum", test_max_window_and_maximum);
  g_test_add_func ("/render/pool-explain/max-backward", test_max_backward);
  g_test_add_func ("/render/pool-explain/average-backward", test_average_backward);
  g_test_add_func ("/render/pool-explain/hits", test_hits);
  return g_test_run ();
}
