/* The Backpropagation explorer's picture: the stage shown is highlighted on
 * its neuron, its formula carries the engine's numbers, and every stage of
 * the largest network it accepts draws. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/backprop-trace.h"
#include "render-fixtures.h"
#include "render/render-backprop.h"

enum { W = 960, H = 600 };

/* The highlight's orange (the palette's second series, light style). */
static const ClColor orange = { 0.90, 0.45, 0.00 };

static ClBackpropTrace *
builtin_trace (double lr)
{
  float *params, input[2], target;
  gsize n_params;
  double builtin_lr;
  g_autoptr (ClNetSpec) spec = cl_backprop_builtin (&params, &n_params, input, &target,
                                                    &builtin_lr);
  g_autoptr (GError) error = NULL;
  ClBackpropTrace *t = cl_backprop_trace_new (spec, params, n_params, input, &target,
                                              lr > 0 ? lr : builtin_lr, &error);
  g_assert_no_error (error);
  g_free (params);
  return t;
}

static int
find_stage (const ClBackpropTrace *t, ClBackpropPhase phase, int layer, int unit)
{
  for (int i = 0; i < cl_backprop_get_n_stages (t); i++)
    {
      ClBackpropStage s = cl_backprop_get_stage (t, i);
      if (s.phase == phase && s.layer == layer && s.unit == unit)
        return i;
    }
  g_assert_not_reached ();
}

/* Orange pixels on the ring of a neuron. */
static int
ring_orange (cairo_surface_t *surface, const ClBackpropTrace *t,
             const ClRenderBackpropOptions *o, int layer, int unit)
{
  double x, y, r;
  cl_render_backprop_neuron (t, o, W, H, layer, unit, &x, &y, &r);
  int count = 0;
  for (int a = 0; a < 16; a++)
    {
      double angle = a * G_PI / 8;
      Pixel p = fixture_pixel (surface, (int) round (x + r * cos (angle)),
                               (int) round (y + r * sin (angle)));
      count += fixture_near (p, orange, 0.12);
    }
  return count;
}

/* The 2-2-1 network has 3 forward, 1 loss, 3 + 3 backward and 3 update
 * stages, in the chain rule's order. */
static void
test_stages (void)
{
  g_autoptr (ClBackpropTrace) t = builtin_trace (0);
  g_assert_cmpint (cl_backprop_get_n_stages (t), ==, 13);
  const ClBackpropStage want[] = {
    { CL_BACKPROP_FORWARD, 1, 0 },   { CL_BACKPROP_FORWARD, 1, 1 },
    { CL_BACKPROP_FORWARD, 2, 0 },   { CL_BACKPROP_LOSS, 0, 0 },
    { CL_BACKPROP_BACKWARD, 2, 0 },  { CL_BACKPROP_GRADIENTS, 2, 0 },
    { CL_BACKPROP_BACKWARD, 1, 0 },  { CL_BACKPROP_BACKWARD, 1, 1 },
    { CL_BACKPROP_GRADIENTS, 1, 0 }, { CL_BACKPROP_GRADIENTS, 1, 1 },
    { CL_BACKPROP_UPDATE, 1, 0 },    { CL_BACKPROP_UPDATE, 1, 1 },
    { CL_BACKPROP_UPDATE, 2, 0 },
  };
  for (int i = 0; i < 13; i++)
    {
      ClBackpropStage s = cl_backprop_get_stage (t, i);
      g_assert_cmpint (s.phase, ==, want[i].phase);
      g_assert_cmpint (s.layer, ==, want[i].layer);
      g_assert_cmpint (s.unit, ==, want[i].unit);
    }
}

/* The stage shown rings its neuron in orange, and only that one. */
static void
test_highlight (void)
{
  g_autoptr (ClBackpropTrace) t = builtin_trace (0);
  ClRenderBackpropOptions o;
  cl_render_backprop_options_init (&o);
  const struct { ClBackpropPhase phase; int layer, unit; const char *file; } cases[] = {
    { CL_BACKPROP_FORWARD, 1, 1, "backprop-forward" },
    { CL_BACKPROP_BACKWARD, 2, 0, "backprop-backward-output" },
    { CL_BACKPROP_BACKWARD, 1, 0, "backprop-backward-hidden" },
    { CL_BACKPROP_GRADIENTS, 2, 0, "backprop-gradients" },
    { CL_BACKPROP_UPDATE, 1, 0, "backprop-update" },
  };
  for (gsize c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      o.stage = find_stage (t, cases[c].phase, cases[c].layer, cases[c].unit);
      cairo_surface_t *surface = fixture_surface (W, H);
      cairo_t *cr = cairo_create (surface);
      g_assert_true (cl_render_backprop (cr, t, &o, W, H));
      cairo_destroy (cr);
      fixture_save (surface, cases[c].file);
      for (int k = 0; k < t->n_layers; k++)
        for (int j = 0; j < t->layers[k].n; j++)
          {
            int n = ring_orange (surface, t, &o, k, j);
            if (k == cases[c].layer && j == cases[c].unit)
              g_assert_cmpint (n, >=, 12);
            else
              g_assert_cmpint (n, <=, 3);  /* a highlighted link may touch it */
          }
      cairo_surface_destroy (surface);
    }
}

/* The formulas carry the engine's numbers, written as the slide does. */
static void
test_formulas (void)
{
  g_autoptr (ClBackpropTrace) t = builtin_trace (0);
  g_autofree char *title = NULL;
  g_autoptr (GPtrArray) fwd = cl_backprop_dup_formulas (t, 0, &title);
  g_assert_cmpstr (title, ==, "Forward: neuron 3");
  g_assert_cmpstr (fwd->pdata[0], ==, "x₃ = w₁₃·y₁ + w₂₃·y₂ + b₃ = 0.1·0.35 + 0.8·0.9 + 0 = 0.755");
  g_assert_cmpstr (fwd->pdata[1], ==, "y₃ = σ(x₃) = σ(0.755) = 0.68");

  g_autoptr (GPtrArray) loss = cl_backprop_dup_formulas (t, 3, NULL);
  g_assert_cmpstr (loss->pdata[0], ==, "E = (y₅ − t)² = (0.69 − 0.5)² = 0.0362");

  int back = find_stage (t, CL_BACKPROP_BACKWARD, 2, 0);
  g_autoptr (GPtrArray) b = cl_backprop_dup_formulas (t, back, NULL);
  g_assert_cmpstr (b->pdata[0], ==, "∂E/∂y₅ = 2(y₅ − t) = 2·(0.69 − 0.5) = 0.381");
  g_assert_cmpstr (b->pdata[1], ==, "σ′(x₅) = y₅(1 − y₅) = 0.69·0.31 = 0.214");
  g_assert_cmpstr (b->pdata[2], ==, "∂E/∂x₅ = ∂E/∂y₅ · σ′(x₅) = 0.381 · 0.214 = 0.0814");

  int grads = find_stage (t, CL_BACKPROP_GRADIENTS, 2, 0);
  g_autoptr (GPtrArray) g = cl_backprop_dup_formulas (t, grads, NULL);
  g_assert_cmpuint (g->len, ==, 3);
  g_assert_cmpstr (g->pdata[0], ==, "∂E/∂w₃₅ = ∂E/∂x₅ · y₃ = 0.0814 · 0.68 = 0.0553");
  g_assert_cmpstr (g->pdata[2], ==, "∂E/∂b₅ = ∂E/∂x₅ = 0.0814");

  int upd = find_stage (t, CL_BACKPROP_UPDATE, 2, 0);
  g_autoptr (GPtrArray) u = cl_backprop_dup_formulas (t, upd, NULL);
  g_assert_cmpstr (u->pdata[0], ==, "w₃₅ ← w₃₅ − η·∂E/∂w₃₅ = 0.3 − 1·0.0553 = 0.245");
}

/* The largest network accepted, 8-8-8-8-8, every stage, at a projector's
 * size and a thumbnail's; and no trace at all. */
static void
test_largest (void)
{
  g_autoptr (ClNetSpec) spec = cl_net_spec_new (8, 1, 1);
  for (int k = 0; k < 4; k++)
    {
      cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 8);
      cl_net_spec_add_layer (spec, k < 3 ? "Tanh" : "Softmax");
    }
  cl_net_spec_get_train (spec)->loss = CL_LOSS_CROSS_ENTROPY;
  float input[8], target[8] = { 0 };
  for (int i = 0; i < 8; i++)
    input[i] = (float) (i - 3.5) / 4;
  target[5] = 1;
  g_autoptr (GError) error = NULL;
  g_autoptr (ClBackpropTrace) t = cl_backprop_trace_new (spec, NULL, 0, input, target, 0.1,
                                                         &error);
  g_assert_no_error (error);
  int n = cl_backprop_get_n_stages (t);
  g_assert_cmpint (n, ==, 4 * 32 + 1);
  ClRenderBackpropOptions o;
  cl_render_backprop_options_init (&o);
  for (int i = 0; i < n; i++)
    {
      o.stage = i;
      cairo_surface_t *surface = fixture_surface (W, H);
      cairo_t *cr = cairo_create (surface);
      g_assert_true (cl_render_backprop (cr, t, &o, W, H));
      cairo_destroy (cr);
      if (i == find_stage (t, CL_BACKPROP_GRADIENTS, 2, 3))
        fixture_save (surface, "backprop-8-8-8-8-8");
      cairo_surface_destroy (surface);

      surface = fixture_surface (60, 40);
      cr = cairo_create (surface);
      cl_render_backprop (cr, t, &o, 60, 40);
      g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
    }
  cairo_surface_t *surface = fixture_surface (W, H);
  cairo_t *cr = cairo_create (surface);
  g_assert_false (cl_render_backprop (cr, NULL, &o, W, H));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* In presentation mode on a 1280×720 projector no text is under 18 px,
 * at any stage of the example. */
static void
test_presented (void)
{
  g_autoptr (ClBackpropTrace) t = builtin_trace (0);
  ClRenderBackpropOptions o;
  cl_render_backprop_options_init (&o);
  o.style.scale = CL_RENDER_PRESENT_SCALE;
  o.style.min_text = CL_RENDER_PRESENT_MIN_TEXT;
  for (int i = 0; i < cl_backprop_get_n_stages (t); i++)
    {
      o.stage = i;
      cairo_surface_t *surface = fixture_surface (1280, 620);
      cairo_t *cr = cairo_create (surface);
      double smallest = G_MAXDOUBLE;
      cl_render_measure_text (cr, &smallest);
      g_assert_true (cl_render_backprop (cr, t, &o, 1280, 620));
      cl_render_measure_text (cr, NULL);
      g_assert_cmpfloat (smallest, >=, CL_RENDER_PRESENT_MIN_TEXT);
      cairo_destroy (cr);
      if (i == 6)
        fixture_save (surface, "backprop-presented");
      cairo_surface_destroy (surface);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/backprop/stages-in-chain-rule-order", test_stages);
  g_test_add_func ("/render/backprop/highlight", test_highlight);
  g_test_add_func ("/render/backprop/formulas", test_formulas);
  g_test_add_func ("/render/backprop/largest-network", test_largest);
  g_test_add_func ("/render/backprop/presented-text-size", test_presented);
  return g_test_run ();
}
