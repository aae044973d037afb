/* Presentation mode uses the room it has: at the presentation style, on
 * the 1280×620 picture a panel gets of a 1280×720 projector, the filters,
 * activation maps and decision regions are as large as the picture lets
 * them be — measured on the render functions' own layout, the same one
 * the drawing and the panels' clicks use. */
#include "config.h"

#include <math.h>

#include "engine/snapshot-net.h"
#include "engine/zoo.h"
#include "render-fixtures.h"
#include "render/render-activations.h"
#include "render/render-decision.h"
#include "render/render-filters.h"
#include "render/render-landscape.h"

enum { W = 1280, H = 620 };

static const ClRenderStyle present = { .scale = CL_RENDER_PRESENT_SCALE,
                                       .min_text = CL_RENDER_PRESENT_MIN_TEXT };

/* A network's snapshot as initialised, with one probe of the embedded
 * Fashion-MNIST subset when `probe`: no training needed for a layout. */
static ClSnapshot *
snapshot_of (const ClNetSpec *spec, gboolean probe)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (spec, 1, &error);
  g_assert_no_error (error);
  ClSnapshot *s = cl_snapshot_new_from_net (net, probe ? fixture_fashion () : NULL, 0,
                                            probe ? 1 : 0, &error);
  g_assert_no_error (error);
  return s;
}

/* The side of the first layer's tiles in the Filters picture (every
 * layer, as the panel opens), the same for each filter. */
static double
first_layer_tile (const ClSnapshot *s, const ClRenderFiltersOptions *o, int n_filters)
{
  double side = 0;
  for (int f = 0; f < n_filters; f++)
    {
      double x, y, t;
      g_assert_true (cl_render_filters_tile_rect (s, o, W, H, f, FALSE, &x, &y, &t));
      /* Inside the picture: a large tile that falls off the edge is no gain. */
      g_assert_cmpfloat (x, >=, 0);
      g_assert_cmpfloat (y, >=, 0);
      g_assert_cmpfloat (x + t, <=, W);
      g_assert_cmpfloat (y + t, <=, H);
      if (f == 0)
        side = t;
      g_assert_cmpfloat (t, ==, side);
    }
  return side;
}

static void
test_lenet_first_layer_fills_the_room (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  g_autoptr(ClSnapshot) s = snapshot_of (spec, FALSE);
  ClRenderFiltersOptions o;
  cl_render_filters_options_init (&o);
  o.style = present;
  double side = first_layer_tile (s, &o, 6);
  g_test_message ("LeNet-5, 6 first-layer filters with the 16×6 second layer: %.0f px", side);
  g_assert_cmpfloat (side, >=, 150);
}

/* The small CNN: 16 first-layer filters 3×3 above 32 × 16 deeper ones. */
static void
test_sixteen_filters_fill_the_room (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, 28, 28);
  cl_net_spec_append (spec, "Conv2D", "filters", 16.0, "kernel", 3.0, "padding", 1.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "MaxPool2D", NULL);
  cl_net_spec_append (spec, "Conv2D", "filters", 32.0, "kernel", 3.0, "padding", 1.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "Flatten", NULL);
  cl_net_spec_append (spec, "Dense", "units", 10.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  g_autoptr(ClSnapshot) s = snapshot_of (spec, FALSE);
  ClRenderFiltersOptions o;
  cl_render_filters_options_init (&o);
  o.style = present;
  double side = first_layer_tile (s, &o, 16);
  g_test_message ("16 first-layer filters with 32×16 deeper ones: %.0f px", side);
  g_assert_cmpfloat (side, >=, 90);
}

/* The Gabor lesson's one layer of 16 filters 7×7 with its fit overlay. */
static void
test_gabor_lesson_fills_the_room (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, 32, 32);
  cl_net_spec_append (spec, "Conv2D", "filters", 16.0, "kernel", 7.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "Flatten", NULL);
  cl_net_spec_append (spec, "Dense", "units", 10.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  g_autoptr(ClSnapshot) s = snapshot_of (spec, FALSE);
  ClRenderFiltersOptions o;
  cl_render_filters_options_init (&o);
  o.style = present;
  o.gabor = TRUE;
  double side = first_layer_tile (s, &o, 16);
  g_test_message ("Gabor lesson, 16 filters with their fit: %.0f px", side);
  g_assert_cmpfloat (side, >=, 90);
}

/* LeNet-5's activation maps: every map of every layer shown, and the
 * first layers' six maps take the height the many-map rows cannot use. */
static void
test_activation_maps_fill_the_room (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  g_autoptr(ClSnapshot) s = snapshot_of (spec, TRUE);
  g_assert_cmpint (s->n_classes, ==, 10);   /* the prediction's column is drawn */
  ClRenderActivationsOptions o;
  cl_render_activations_options_init (&o);
  o.style = present;
  double smallest = G_MAXDOUBLE, first = 0;
  for (int i = 0; i < s->n_layers; i++)
    {
      ClShape sh = s->layers[i].shape;
      double x, y, side;
      if (sh.h * sh.w <= 1)
        {
          g_assert_false (cl_render_activations_map_rect (s, &o, W, H, i, 0, &x, &y, &side));
          continue;
        }
      g_assert_true (cl_render_activations_map_rect (s, &o, W, H, i, 0, &x, &y, &side));
      int shown = 0;
      double mx, my, mside;
      /* The maps that fit, inside the picture (the rest say "+N more"). */
      while (cl_render_activations_map_rect (s, &o, W, H, i, shown, &mx, &my, &mside))
        {
          g_assert_cmpfloat (mside, ==, side);
          g_assert_cmpfloat (mx + mside, <=, W);
          g_assert_cmpfloat (my + mside, <=, H);
          shown++;
        }
      g_test_message ("layer %d: %d of %d maps shown, %.0f px from x = %.0f", i + 1, shown, sh.c,
                      side, x);
      g_assert_cmpint (shown, ==, sh.c);
      smallest = MIN (smallest, side);
      if (i == 0)
        first = side;
    }
  g_assert_cmpfloat (first, >=, 60);
  /* Every map still larger than a presented letter. */
  g_assert_cmpfloat (smallest, >=, 20);
}

/* XOR's decision regions: a square as tall as the picture less its axis. */
static void
test_decision_regions_fill_the_room (void)
{
  ClRenderDecisionOptions o;
  cl_render_decision_options_init (&o);
  o.style = present;
  double x, y, side;
  g_assert_true (cl_render_decision_plot_rect (&o, W, H, &x, &y, &side));
  g_test_message ("decision regions: %.0f px square at %.0f, %.0f", side, x, y);
  g_assert_cmpfloat (y + side, <=, H);
  g_assert_cmpfloat (side, >=, 0.75 * H);
  /* No room: no square, not a negative one. */
  g_assert_false (cl_render_decision_plot_rect (&o, 60, 40, &x, &y, &side));
}

/* The loss landscape's map: its colour bar beside it on a wide picture,
 * the square as tall as the title and the axis leave. */
static void
test_landscape_map_fills_the_room (void)
{
  ClRenderLandscapeOptions o;
  cl_render_landscape_options_init (&o);
  o.style = present;
  double x, y, side;
  g_assert_true (cl_render_landscape_map_rect (&o, W, H, &x, &y, &side));
  g_test_message ("landscape map: %.0f px square at %.0f, %.0f", side, x, y);
  g_assert_cmpfloat (x + side, <=, W);
  g_assert_cmpfloat (y + side, <=, H);
  g_assert_cmpfloat (side, >=, 0.65 * H);
  /* Narrow (a panel beside the canvas): the bar goes under, still inside. */
  g_assert_true (cl_render_landscape_map_rect (&o, 500, 700, &x, &y, &side));
  g_assert_cmpfloat (x + side, <=, 500);
  g_assert_cmpfloat (y + side, <=, 700);
  g_assert_false (cl_render_landscape_map_rect (&o, 60, 40, &x, &y, &side));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/present-room/lenet-first-layer", test_lenet_first_layer_fills_the_room);
  g_test_add_func ("/render/present-room/sixteen-filters", test_sixteen_filters_fill_the_room);
  g_test_add_func ("/render/present-room/gabor-lesson", test_gabor_lesson_fills_the_room);
  g_test_add_func ("/render/present-room/activation-maps", test_activation_maps_fill_the_room);
  g_test_add_func ("/render/present-room/decision-regions", test_decision_regions_fill_the_room);
  g_test_add_func ("/render/present-room/landscape-map", test_landscape_map_fills_the_room);
  return g_test_run ();
}
