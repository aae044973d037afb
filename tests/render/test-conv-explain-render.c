/* The Convolution explorer's picture: the highlighted window is where the
 * chosen output pixel maps on the padded input, the pixel is marked on the
 * output, a hit on the output map finds that pixel, and the picture says
 * so when there is nothing to explain. */
#include "config.h"

#include <math.h>

#include "engine/conv-explain.h"
#include "render-fixtures.h"
#include "render/render-conv-explain.h"

typedef struct {
  float input[3 * 10 * 10];
  float kernel[3 * 9];
  float output[14 * 14];   /* pad 2 makes it 12 × 12 */
  ClConvExplain *explain;
  ClRenderConvExplainOptions options;
} Scene;

static void
scene_init (Scene *s, int c, int stride, int pad, int oy, int ox)
{
  for (int i = 0; i < c * 100; i++)
    s->input[i] = (float) ((i * 7) % 11) / 10.0f;
  for (int i = 0; i < c * 9; i++)
    s->kernel[i] = (float) ((i % 5) - 2) / 4.0f;
  cl_render_conv_explain_options_init (&s->options);
  g_assert_true (cl_conv_geom_init (&s->options.geom, c, 10, 10, 3, stride, pad, NULL));
  cl_conv_explain_map (s->input, s->kernel, 0.1, &s->options.geom, s->output);
  s->explain = cl_conv_explain_pixel (s->input, s->kernel, 0.1, &s->options.geom, oy, ox);
  s->options.input = s->input;
  s->options.kernel = s->kernel;
  s->options.output = s->output;
  s->options.explain = s->explain;
  s->options.has_bias = TRUE;
  s->options.rgb = c == 3;
}

/* The orange of the highlight (series[1], light style). */
static const ClColor orange = { 0.90, 0.45, 0.00 };

static int
orange_on_top_edge (cairo_surface_t *surface, double x, double y, double w)
{
  /* The outline is drawn just outside the rectangle: one pixel above it. */
  return fixture_count (surface, (int) (x + w * 0.25), (int) y - 3, (int) (x + w * 0.75),
                        (int) y - 1, orange, 0.12);
}

static void
check_window (int c, int stride, int pad, int oy, int ox, const char *name)
{
  Scene s;
  int width = 1000, height = 700;
  scene_init (&s, c, stride, pad, oy, ox);
  cairo_surface_t *surface = fixture_surface (width, height);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_conv_explain (cr, &s.options, width, height));
  ClConvExplainLayout l;
  g_assert_true (cl_render_conv_explain_layout (cr, &s.options, width, height, &l));
  cairo_destroy (cr);
  fixture_save (surface, name);

  /* The window starts at input pixel (oy·stride − pad, ox·stride − pad):
   * cell (oy·stride, ox·stride) of the padded picture. */
  double cell = l.in_cell, k = 3;
  double wx = l.in_x + ox * stride * cell, wy = l.in_y + oy * stride * cell;
  g_assert_cmpint (orange_on_top_edge (surface, wx, wy, k * cell), >, 0);
  /* Not where the next pixel's window would be (one stride to the right,
   * two strides down: no overlap with this one's top edge). */
  double nx = wx + 2 * stride * cell + 3 * cell, ny = wy + 4 * stride * cell;
  if (ny + cell < l.in_y + (10 + 2 * pad) * cell && nx + 3 * cell < l.in_x + (10 + 2 * pad) * cell)
    g_assert_cmpint (orange_on_top_edge (surface, nx, ny, k * cell), ==, 0);
  /* The chosen output pixel is marked. */
  g_assert_cmpint (orange_on_top_edge (surface, l.out_x + ox * l.out_cell, l.out_y + oy * l.out_cell,
                                       l.out_cell), >, 0);
  /* And a click in the middle of that output cell finds it. */
  int hy = -1, hx = -1;
  g_assert_true (cl_render_conv_explain_hit (&s.options, width, height,
                                             l.out_x + (ox + 0.5) * l.out_cell,
                                             l.out_y + (oy + 0.5) * l.out_cell, &hy, &hx));
  g_assert_cmpint (hy, ==, oy);
  g_assert_cmpint (hx, ==, ox);
  g_assert_false (cl_render_conv_explain_hit (&s.options, width, height, 1, 1, &hy, &hx));
  cairo_surface_destroy (surface);
  cl_conv_explain_free (s.explain);
}

static void test_window_grey (void) { check_window (1, 1, 1, 2, 3, "conv-explain-grey"); }
static void test_window_stride2 (void) { check_window (1, 2, 2, 3, 1, "conv-explain-stride2-pad2"); }
static void test_window_rgb (void) { check_window (3, 1, 0, 4, 5, "conv-explain-rgb"); }
static void test_window_corner (void) { check_window (1, 1, 2, 0, 0, "conv-explain-corner"); }

/* Padding zeros are drawn: with pad 2 the ring around the image is the
 * colour of 0 (black in the grey map whose low end is 0). */
static void
test_padding_drawn (void)
{
  Scene s;
  scene_init (&s, 1, 1, 2, 5, 5);
  cairo_surface_t *surface = fixture_surface (1000, 700);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_conv_explain (cr, &s.options, 1000, 700));
  ClConvExplainLayout l;
  g_assert_true (cl_render_conv_explain_layout (cr, &s.options, 1000, 700, &l));
  cairo_destroy (cr);
  Pixel p = fixture_pixel (surface, (int) (l.in_x + 0.5 * l.in_cell), (int) (l.in_y + 0.2 * l.in_cell));
  g_assert_cmpfloat (p.r, <, 0.2);
  cairo_surface_destroy (surface);
  cl_conv_explain_free (s.explain);
}

static void
test_nothing_to_explain (void)
{
  ClRenderConvExplainOptions options;
  cl_render_conv_explain_options_init (&options);
  cairo_surface_t *surface = fixture_surface (400, 300);
  cairo_t *cr = cairo_create (surface);
  g_assert_false (cl_render_conv_explain (cr, &options, 400, 300));
  int oy, ox;
  g_assert_false (cl_render_conv_explain_hit (&options, 400, 300, 200, 150, &oy, &ox));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* The animation: pixels after `filled` stay empty (the background grey). */
static void
test_animation_fills (void)
{
  Scene s;
  scene_init (&s, 1, 1, 1, 0, 2);
  s.options.filled = 3;
  cairo_surface_t *surface = fixture_surface (1000, 700);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_conv_explain (cr, &s.options, 1000, 700));
  ClConvExplainLayout l;
  g_assert_true (cl_render_conv_explain_layout (cr, &s.options, 1000, 700, &l));
  cairo_destroy (cr);
  fixture_save (surface, "conv-explain-animation");
  /* Last row: not reached, one flat colour across. */
  Pixel a = fixture_pixel (surface, (int) (l.out_x + 2.5 * l.out_cell), (int) (l.out_y + (s.options.geom.oh - 0.5) * l.out_cell));
  Pixel b = fixture_pixel (surface, (int) (l.out_x + 7.5 * l.out_cell), (int) (l.out_y + (s.options.geom.oh - 0.5) * l.out_cell));
  g_assert_cmpfloat (fabs (a.r - b.r) + fabs (a.g - b.g) + fabs (a.b - b.b), <, 0.01);
  cairo_surface_destroy (surface);
  cl_conv_explain_free (s.explain);
}

/* In the presentation style on a 1280×720 projector: no text under 18 px,
 * and the arithmetic still written out (four channels). */
static void
test_presentation (void)
{
  Scene s;
  scene_init (&s, 3, 1, 1, 4, 4);
  s.options.style.scale = CL_RENDER_PRESENT_SCALE;
  s.options.style.min_text = CL_RENDER_PRESENT_MIN_TEXT;
  cairo_surface_t *surface = fixture_surface (1280, 660);
  cairo_t *cr = cairo_create (surface);
  double smallest = G_MAXDOUBLE;
  cl_render_measure_text (cr, &smallest);
  g_assert_true (cl_render_conv_explain (cr, &s.options, 1280, 660));
  cairo_destroy (cr);
  fixture_save (surface, "conv-explain-present");
  g_assert_cmpfloat (smallest, >=, CL_RENDER_PRESENT_MIN_TEXT);
  cairo_surface_destroy (surface);
  cl_conv_explain_free (s.explain);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/conv-explain/window-grey", test_window_grey);
  g_test_add_func ("/render/conv-explain/window-stride2-pad2", test_window_stride2);
  g_test_add_func ("/render/conv-explain/window-rgb", test_window_rgb);
  g_test_add_func ("/render/conv-explain/window-corner", test_window_corner);
  g_test_add_func ("/render/conv-explain/padding-drawn", test_padding_drawn);
  g_test_add_func ("/render/conv-explain/nothing-to-explain", test_nothing_to_explain);
  g_test_add_func ("/render/conv-explain/animation-fills", test_animation_fills);
  g_test_add_func ("/render/conv-explain/presentation", test_presentation);
  return g_test_run ();
}
