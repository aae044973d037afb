/* The Activation Functions picture: f and f′ through their known points,
 * the flat regions shaded where f′ is flat, the inputs' histogram. */
#include "config.h"

#include <math.h>

#include "render-fixtures.h"
#include "render/render-activation-fn.h"

/* The light style's series colours: f blue, f′ orange. */
static const ClColor blue = { 0.00, 0.45, 0.70 }, orange = { 0.90, 0.45, 0.00 };
static const ClColor white = { 1, 1, 1 };

#define W 900
#define H 560

typedef struct {
  cairo_surface_t *surface;
  ClActivationFnLayout layout;
} Drawn;

static Drawn
draw (const ClActivationFnView *view, const char *name)
{
  Drawn d;
  d.surface = fixture_surface (W, H);
  cairo_t *cr = cairo_create (d.surface);
  g_assert_true (cl_render_activation_fn (cr, view, NULL, W, H));
  g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
  cairo_destroy (cr);
  cairo_surface_flush (d.surface);
  fixture_save (d.surface, name);
  cl_activation_fn_layout (view, NULL, W, H, &d.layout);
  return d;
}

/* The pixels within 2 of the mapped point (x, y) of a plot: some of them
 * have the colour (a 3-pixel-wide curve through the point). */
static gboolean
curve_at (const Drawn *d, const ClActivationFnPlot *plot, double x, double y, ClColor c)
{
  int px = (int) round (cl_activation_fn_plot_px (plot, x));
  int py = (int) round (cl_activation_fn_plot_py (plot, y));
  return fixture_count (d->surface, px - 2, py - 2, px + 3, py + 3, c, 0.12) > 0;
}

static void
test_sigmoid_known_points (void)
{
  ClActivationFnView view;
  cl_activation_fn_view_init (&view, CL_ACTIVATION_SIGMOID);
  Drawn d = draw (&view, "activation-fn-sigmoid");

  /* σ(0) = ½, σ(4) = 0.982, σ(−4) = 0.018: the curve passes there… */
  g_assert_true (curve_at (&d, &d.layout.f, 0, 0.5, blue));
  g_assert_true (curve_at (&d, &d.layout.f, 4, 1 / (1 + exp (-4)), blue));
  g_assert_true (curve_at (&d, &d.layout.f, -4, 1 / (1 + exp (4)), blue));
  /* …and not elsewhere. */
  g_assert_false (curve_at (&d, &d.layout.f, 0, 0.85, blue));
  g_assert_false (curve_at (&d, &d.layout.f, 2, 0.5, blue));
  /* σ′(0) = ¼, the largest it gets: the vanishing gradient. */
  g_assert_true (curve_at (&d, &d.layout.df, 0, 0.25, orange));
  g_assert_false (curve_at (&d, &d.layout.df, 0, 0.6, orange));
  cairo_surface_destroy (d.surface);
}

static void
test_relu_derivative (void)
{
  ClActivationFnView view;
  cl_activation_fn_view_init (&view, CL_ACTIVATION_RELU);
  Drawn d = draw (&view, "activation-fn-relu");

  /* ReLU′ = 0 left of 0, 1 right of it. */
  for (double x = -5; x < -0.5; x += 1)
    {
      g_assert_true (curve_at (&d, &d.layout.df, x, 0, orange));
      g_assert_false (curve_at (&d, &d.layout.df, x, 1, orange));
    }
  for (double x = 1; x < 6; x += 1)
    {
      g_assert_true (curve_at (&d, &d.layout.df, x, 1, orange));
      g_assert_false (curve_at (&d, &d.layout.df, x, 0, orange));
      g_assert_true (curve_at (&d, &d.layout.f, x, x, blue));
    }
  /* No vertical stroke joins the two levels at 0. */
  g_assert_false (curve_at (&d, &d.layout.df, 0, 0.5, orange));
  cairo_surface_destroy (d.surface);
}

static void
test_tanh_derivative (void)
{
  ClActivationFnView view;
  cl_activation_fn_view_init (&view, CL_ACTIVATION_TANH);
  Drawn d = draw (&view, "activation-fn-tanh");

  g_assert_true (curve_at (&d, &d.layout.df, 0, 1, orange));       /* tanh′(0) = 1 */
  g_assert_true (curve_at (&d, &d.layout.f, 0, 0, blue));          /* tanh(0) = 0 */
  g_assert_true (curve_at (&d, &d.layout.f, 1, tanh (1), blue));
  g_assert_true (curve_at (&d, &d.layout.df, 1, 1 - tanh (1) * tanh (1), orange));
  cairo_surface_destroy (d.surface);
}

/* Whether the pixel at data point (x, y) of a plot is tinted (not the
 * white background): the shaded band. */
static gboolean
tinted (const Drawn *d, const ClActivationFnPlot *plot, double x, double y)
{
  int px = (int) round (cl_activation_fn_plot_px (plot, x));
  int py = (int) round (cl_activation_fn_plot_py (plot, y));
  Pixel p = fixture_pixel (d->surface, px, py);
  return !fixture_near (p, white, 0.02);
}

static void
test_saturation_band (void)
{
  ClActivationFnView view;
  ClFlatRegion r[4];
  cl_activation_fn_view_init (&view, CL_ACTIVATION_SIGMOID);

  /* σ′ < 0.05 × ¼ where |x| > ln((1 + √(1 − 0.05)) / (1 − √(1 − 0.05))) ≈ 4.37. */
  double edge = log ((1 + sqrt (0.95)) / (1 - sqrt (0.95)));
  int n = cl_activation_fn_flat_regions (&view, r, 4);
  g_assert_cmpint (n, ==, 2);
  g_assert_cmpint (r[0].kind, ==, CL_FLAT_SATURATED);
  g_assert_cmpfloat (r[0].x0, ==, -6);
  g_assert_cmpfloat (fabs (r[0].x1 + edge), <, 0.03);
  g_assert_cmpfloat (fabs (r[1].x0 - edge), <, 0.03);
  g_assert_cmpfloat (r[1].x1, ==, 6);

  Drawn d = draw (&view, "activation-fn-sigmoid-saturation");
  /* Shaded in both plots beyond ±4.4, not between. */
  g_assert_true (tinted (&d, &d.layout.df, -5.3, 0.6));
  g_assert_true (tinted (&d, &d.layout.df, 5.3, 0.6));
  g_assert_true (tinted (&d, &d.layout.f, 5.3, 0.3));
  g_assert_false (tinted (&d, &d.layout.df, -2.1, 0.6));
  g_assert_false (tinted (&d, &d.layout.df, 2.1, 0.6));
  cairo_surface_destroy (d.surface);

  /* tanh: |x| > atanh (√0.95) ≈ 2.18. */
  cl_activation_fn_view_init (&view, CL_ACTIVATION_TANH);
  n = cl_activation_fn_flat_regions (&view, r, 4);
  g_assert_cmpint (n, ==, 2);
  g_assert_cmpfloat (fabs (r[1].x0 - atanh (sqrt (0.95))), <, 0.03);
  /* Far out, where tanh′ is 0 in float: saturated still, not dead. */
  view.x_min = -12;
  view.x_max = 12;
  n = cl_activation_fn_flat_regions (&view, r, 4);
  g_assert_cmpint (n, ==, 2);
  g_assert_cmpint (r[0].kind, ==, CL_FLAT_SATURATED);
  g_assert_cmpint (r[1].kind, ==, CL_FLAT_SATURATED);
  g_assert_cmpfloat (r[0].x0, ==, -12);
  g_assert_cmpfloat (r[1].x1, ==, 12);

  /* ReLU: dead left of 0; leaky ReLU (slope 0.01) nowhere: it leaks. */
  cl_activation_fn_view_init (&view, CL_ACTIVATION_RELU);
  n = cl_activation_fn_flat_regions (&view, r, 4);
  g_assert_cmpint (n, ==, 1);
  g_assert_cmpint (r[0].kind, ==, CL_FLAT_DEAD);
  g_assert_cmpfloat (r[0].x0, ==, -6);
  g_assert_cmpfloat (fabs (r[0].x1), <, 0.02);
  d = draw (&view, "activation-fn-relu-dead");
  g_assert_true (tinted (&d, &d.layout.df, -3.1, 0.6));
  g_assert_false (tinted (&d, &d.layout.df, 3.1, 0.6));
  cairo_surface_destroy (d.surface);
  cl_activation_fn_view_init (&view, CL_ACTIVATION_LEAKY_RELU);
  g_assert_cmpint (cl_activation_fn_flat_regions (&view, r, 4), ==, 0);
  cl_activation_fn_view_init (&view, CL_ACTIVATION_IDENTITY);
  g_assert_cmpint (cl_activation_fn_flat_regions (&view, r, 4), ==, 0);
}

static void
test_histogram (void)
{
  enum { N = 5000 };
  g_autofree float *samples = g_new (float, N);
  for (int i = 0; i < N; i++)
    samples[i] = 1.5f + 2.0f * sinf (i * 0.7f);   /* in [−0.5, 3.5] */
  samples[0] = -40;     /* outside: the first bin */
  samples[1] = 40;      /* outside: the last bin */
  samples[2] = NAN;     /* not a number: not counted */
  samples[3] = INFINITY;

  guint counts[CL_ACTIVATION_FN_BINS];
  gsize total = cl_activation_fn_histogram (samples, N, -6, 6, counts, CL_ACTIVATION_FN_BINS);
  g_assert_cmpuint (total, ==, N - 2);
  guint64 sum = 0;
  for (int b = 0; b < CL_ACTIVATION_FN_BINS; b++)
    sum += counts[b];
  g_assert_cmpuint (sum, ==, N - 2);
  g_assert_cmpuint (counts[0], ==, 1);
  g_assert_cmpuint (counts[CL_ACTIVATION_FN_BINS - 1], ==, 1);
  /* The bin of x = 3.4 (bin 31 of 40 over [−6, 6]) holds values, the one of −3 none. */
  g_assert_cmpuint (counts[31], >, 0);
  g_assert_cmpuint (counts[10], ==, 0);

  /* Drawn under the curve: grey bars at the bottom of f's plot where the
   * values are, none where they are not. */
  ClActivationFnView view;
  cl_activation_fn_view_init (&view, CL_ACTIVATION_LEAKY_RELU);   /* no shaded region */
  view.samples = samples;
  view.n_samples = N;
  view.samples_caption = "Leaky ReLU #2";
  Drawn d = draw (&view, "activation-fn-histogram");
  const ClActivationFnPlot *f = &d.layout.f;
  double bottom = f->y + f->h - 3;
  int bx = (int) round (cl_activation_fn_plot_px (f, 3.4));
  Pixel bar = fixture_pixel (d.surface, bx, (int) bottom);
  g_assert_true (bar.r < 0.95 && fabs (bar.r - bar.g) < 0.05 && fabs (bar.g - bar.b) < 0.05);
  g_assert_true (fixture_near (fixture_pixel (d.surface, (int) round (cl_activation_fn_plot_px (f, -3.1)),
                                              (int) bottom), white, 0.02));
  cairo_surface_destroy (d.surface);

  /* A range that shows them: symmetric about 0, 1-2-5 rounded. */
  double lo, hi;
  cl_activation_fn_fit_range (samples + 4, N - 4, &lo, &hi);
  g_assert_cmpfloat (lo, ==, -5);
  g_assert_cmpfloat (hi, ==, 5);
  cl_activation_fn_fit_range (NULL, 0, &lo, &hi);
  g_assert_cmpfloat (lo, ==, -6);
  g_assert_cmpfloat (hi, ==, 6);
}

static void
test_rrelu_band (void)
{
  ClActivationFnView view;
  cl_activation_fn_view_init (&view, CL_ACTIVATION_RRELU);
  view.fn.lower = 0.1;
  view.fn.upper = 0.5;
  Drawn d = draw (&view, "activation-fn-rrelu");
  /* The mean slope 0.3 is the curve; the band of [0.1, 0.5] around it. */
  g_assert_true (curve_at (&d, &d.layout.f, -4, -1.2, blue));
  g_assert_true (tinted (&d, &d.layout.f, -4, -0.4 * 4));
  g_assert_true (tinted (&d, &d.layout.f, -4, -0.2 * 4));
  g_assert_false (tinted (&d, &d.layout.f, -4, -0.7 * 4));
  g_assert_true (tinted (&d, &d.layout.df, -3, 0.45));
  g_assert_true (curve_at (&d, &d.layout.df, -3, 0.3, orange));
  cairo_surface_destroy (d.surface);
}

/* Every function draws, large and small (the tooltip), with the pointer
 * over it, in light and dark; PNGs to look at. */
static void
test_every_function (void)
{
  static const float samples[] = { -2.5f, -1, -0.2f, 0.1f, 0.4f, 0.4f, 1.2f, 3 };
  for (int k = 0; k < CL_N_ACTIVATIONS; k++)
    for (int compact = 0; compact < 2; compact++)
      {
        ClActivationFnView view;
        cl_activation_fn_view_init (&view, (ClActivation) k);
        view.compact = compact;
        view.hover = TRUE;
        view.hover_x = 1.5;
        view.samples = samples;
        view.n_samples = G_N_ELEMENTS (samples);
        view.samples_caption = "Layer #3";
        int w = compact ? 320 : 1024, h = compact ? 200 : 600;
        cairo_surface_t *s = fixture_surface (w, h);
        cairo_t *cr = cairo_create (s);
        ClRenderStyle dark = { .dark = TRUE };
        g_assert_true (cl_render_activation_fn (cr, &view, k % 2 ? &dark : NULL, w, h));
        g_assert_cmpint (cairo_status (cr), ==, CAIRO_STATUS_SUCCESS);
        cairo_destroy (cr);
        g_autofree char *name = g_strdup_printf ("activation-fn-%s%s",
                                                 cl_activation_to_string (k),
                                                 compact ? "-small" : "");
        fixture_save (s, name);
        cairo_surface_destroy (s);
      }
}

static void
test_softmax (void)
{
  ClActivationFnView view;
  cl_activation_fn_view_init (&view, CL_ACTIVATION_SOFTMAX);
  view.n_inputs = 4;
  view.inputs[0] = -1;
  view.inputs[1] = 3;
  view.inputs[2] = 0.5;
  view.inputs[3] = 0;
  cairo_surface_t *s = fixture_surface (W, H);
  cairo_t *cr = cairo_create (s);
  g_assert_true (cl_render_activation_fn (cr, &view, NULL, W, H));
  cairo_destroy (cr);
  fixture_save (s, "activation-fn-softmax-bars");
  /* The outputs panel (the middle third): blue bars, the tallest the
   * second (z = 3): blue from higher up in its column than in the others. */
  int panel_x0 = W / 3, panel_w = W / 3;
  int highest[4];
  for (int i = 0; i < 4; i++)
    {
      int cx = panel_x0 + (int) (panel_w * (i + 0.5) / 4);
      highest[i] = H;
      for (int y = 0; y < H; y++)
        if (fixture_near (fixture_pixel (s, cx, y), blue, 0.15))
          {
            highest[i] = y;
            break;
          }
    }
  g_assert_cmpint (highest[1], <, highest[2]);
  g_assert_cmpint (highest[2], <, highest[3]);
  g_assert_cmpint (highest[3], <, highest[0]);
  g_assert_cmpint (highest[0], <, H);
  cairo_surface_destroy (s);
}

/* A layer of a trained network: its function and the inputs its probes
 * gave it, the previous layer's outputs. */
static void
test_layer_of_network (void)
{
  g_autoptr(ClDataset) data = NULL;
  ClSnapshot *s = fixture_xor_snapshot (&data);   /* Dense 8, Tanh, Dense 1, Sigmoid */
  ClActivationFnView view;
  g_autofree char *caption = NULL;

  cl_activation_fn_view_init (&view, CL_ACTIVATION_RELU);
  g_assert_false (cl_activation_fn_view_set_layer (&view, s, 0, &caption));
  g_assert_null (caption);
  g_assert_cmpint (view.fn.kind, ==, CL_ACTIVATION_RELU);
  g_assert_false (cl_activation_fn_view_set_layer (&view, s, 4, NULL));
  g_assert_false (cl_activation_fn_view_set_layer (&view, s, -1, NULL));

  g_assert_true (cl_activation_fn_view_set_layer (&view, s, 1, &caption));
  g_assert_cmpint (view.fn.kind, ==, CL_ACTIVATION_TANH);
  g_assert_cmpstr (caption, ==, "Tanh #2");
  g_assert_cmpint (s->n_probes, >, 0);
  g_assert_true (view.samples == s->layers[0].activations);
  g_assert_cmpuint (view.n_samples, ==, (gsize) s->n_probes * 8);

  /* The bars sum to every input the layer received. */
  guint counts[CL_ACTIVATION_FN_BINS];
  cl_activation_fn_fit_range (view.samples, view.n_samples, &view.x_min, &view.x_max);
  gsize total = cl_activation_fn_histogram (view.samples, view.n_samples, view.x_min, view.x_max,
                                            counts, CL_ACTIVATION_FN_BINS);
  guint sum = 0;
  for (int b = 0; b < CL_ACTIVATION_FN_BINS; b++)
    sum += counts[b];
  g_assert_cmpuint (sum, ==, view.n_samples);
  g_assert_cmpuint (total, ==, view.n_samples);
  view.samples_caption = caption;
  Drawn d = draw (&view, "activation-fn-xor-tanh-inputs");
  cairo_surface_destroy (d.surface);

  g_assert_true (cl_activation_fn_view_set_layer (&view, s, 3, NULL));
  g_assert_cmpint (view.fn.kind, ==, CL_ACTIVATION_SIGMOID);
  g_assert_cmpuint (view.n_samples, ==, (gsize) s->n_probes);
  cl_snapshot_unref (s);
}

/* In presentation style every function's picture, at a 1280×720
 * projector's size, writes no text under 18 px. */
static void
test_presentation (void)
{
  static const float samples[] = { -2.5f, -1, -0.2f, 0.1f, 0.4f, 0.4f, 1.2f, 3 };
  ClRenderStyle style = { .scale = CL_RENDER_PRESENT_SCALE, .min_text = CL_RENDER_PRESENT_MIN_TEXT };
  for (int k = 0; k < CL_N_ACTIVATIONS; k++)
    {
      ClActivationFnView view;
      cl_activation_fn_view_init (&view, (ClActivation) k);
      view.samples = samples;
      view.n_samples = G_N_ELEMENTS (samples);
      view.samples_caption = "ReLU #2";
      double min_size = G_MAXDOUBLE;
      cairo_surface_t *s = fixture_surface (1280, 620);
      cairo_t *cr = cairo_create (s);
      cl_render_measure_text (cr, &min_size);
      g_assert_true (cl_render_activation_fn (cr, &view, &style, 1280, 620));
      cairo_destroy (cr);
      g_autofree char *name = g_strdup_printf ("activation-fn-present-%s", cl_activation_to_string (k));
      fixture_save (s, name);
      cairo_surface_destroy (s);
      g_assert_cmpfloat (min_size, <, G_MAXDOUBLE);
      g_assert_cmpfloat (min_size, >=, 18.0);
    }
}

/* Nothing to draw in an empty size; a reversed range draws no curve. */
static void
test_bad_sizes (void)
{
  ClActivationFnView view;
  cl_activation_fn_view_init (&view, CL_ACTIVATION_ELU);
  cairo_surface_t *s = fixture_surface (10, 10);
  cairo_t *cr = cairo_create (s);
  g_assert_false (cl_render_activation_fn (cr, &view, NULL, 0, 10));
  g_assert_true (cl_render_activation_fn (cr, &view, NULL, 10, 10));
  view.x_min = 3;
  view.x_max = -3;
  g_assert_true (cl_render_activation_fn (cr, &view, NULL, 10, 10));
  g_assert_cmpint (cl_activation_fn_flat_regions (&view, NULL, 0), ==, 0);
  cairo_destroy (cr);
  cairo_surface_destroy (s);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/render/activation-fn/sigmoid-known-points", test_sigmoid_known_points);
  g_test_add_func ("/render/activation-fn/relu-derivative-zero-left-of-0", test_relu_derivative);
  g_test_add_func ("/render/activation-fn/tanh-derivative-one-at-0", test_tanh_derivative);
  g_test_add_func ("/render/activation-fn/flat-regions-shaded", test_saturation_band);
  g_test_add_func ("/render/activation-fn/histogram-sums-to-inputs", test_histogram);
  g_test_add_func ("/render/activation-fn/rrelu-band-of-slopes", test_rrelu_band);
  g_test_add_func ("/render/activation-fn/softmax-bars", test_softmax);
  g_test_add_func ("/render/activation-fn/every-function-draws", test_every_function);
  g_test_add_func ("/render/activation-fn/layer-of-the-network", test_layer_of_network);
  g_test_add_func ("/render/activation-fn/presentation-text-18px", test_presentation);
  g_test_add_func ("/render/activation-fn/bad-sizes", test_bad_sizes);
  return g_test_run ();
}
