/* The neuron explorer's picture: the written computation equals the
 * computed one for the course's presets, and the picture draws its links
 * in the network diagram's colours. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "render-fixtures.h"
#include "render/neuron-course.h"
#include "render/render-neuron.h"

#define W 900
#define H 560

static ClNumberFormat english, french;

static void
setup_formats (void)
{
  cl_number_format_init (&english, ".", ",", " ");
  cl_number_format_init (&french, ",", "\u202f", "\u202f");
}

static ClNeuron
course_neuron (int student, ClNeuronPreset preset)
{
  ClNeuron neuron = { 0 };
  cl_neuron_course_set_student (&neuron, student);
  cl_neuron_course_apply_preset (&neuron, preset);
  return neuron;
}

/* Gino's science average, as the slide writes it. */
static void
test_science_average (void)
{
  ClNeuron gino = course_neuron (0, CL_NEURON_PRESET_SCIENCE_AVERAGE);
  g_assert_cmpfloat (cl_neuron_sum (&gino), ==, 13.75);
  g_assert_cmpfloat (cl_neuron_output (&gino), ==, 13.75);
  g_assert_cmpfloat (cl_neuron_sum (&gino), ==, (12.0 + 13 + 18 + 12) / 4);

  g_autofree char *sum = cl_neuron_sum_text (&gino, &french);
  g_assert_cmpstr (sum, ==, "Σ wᵢxᵢ + b = ¼·12 + 0·2 + ¼·13 + ¼·18 + ¼·12 + 0·10 + 0·9 + 0 = 13,75");
  g_autofree char *out = cl_neuron_output_text (&gino, &french);
  g_assert_cmpstr (out, ==, "f(13,75) = 13,75");
  g_autofree char *sum_en = cl_neuron_sum_text (&gino, &english);
  g_assert_true (g_str_has_suffix (sum_en, " = 13.75"));
}

/* Weight 1 on sport, bias −10, ReLU: only sport above 10 counts. */
static void
test_sport_above_10 (void)
{
  static const double expected[] = { 0, 5, 10 };
  static const char *const written[] = { "f(−8) = 0", "f(5) = 5", "f(10) = 10" };
  for (int s = 0; s < CL_NEURON_COURSE_N_STUDENTS; s++)
    {
      ClNeuron neuron = course_neuron (s, CL_NEURON_PRESET_SPORT_ABOVE_10);
      g_assert_cmpfloat (cl_neuron_output (&neuron), ==, expected[s]);
      g_autofree char *out = cl_neuron_output_text (&neuron, &french);
      g_assert_cmpstr (out, ==, written[s]);
    }
  ClNeuron gino = course_neuron (0, CL_NEURON_PRESET_SPORT_ABOVE_10);
  g_autofree char *sum = cl_neuron_sum_text (&gino, &french);
  g_assert_cmpstr (sum, ==, "Σ wᵢxᵢ + b = 0·12 + 1·2 + 0·13 + 0·18 + 0·12 + 0·10 + 0·9 − 10 = −8");
  /* Sport is the second subject, and it is named. */
  g_assert_cmpfloat (cl_neuron_course_marks (2)[1], ==, 20);
  g_assert_cmpstr (cl_neuron_course_subject (1), ==, "Sport");
}

/* Negative weights subtract, negative inputs are bracketed. */
static void
test_signs_written (void)
{
  ClNeuron neuron = { .n_inputs = 2, .x = { 3, -2 }, .w = { -0.5, 1.5 }, .b = 0.1,
                      .f = CL_NEURON_IDENTITY };
  g_autofree char *sum = cl_neuron_sum_text (&neuron, &english);
  g_assert_cmpstr (sum, ==, "Σ wᵢxᵢ + b = −½·3 + 1.5·(−2) + 0.1 = −4.4");
}

static void
test_format_value (void)
{
  static const struct { double v; const char *text; } cases[] = {
    { 0.25, "¼" }, { -0.5, "−½" }, { 0.75, "¾" }, { 13.5, "13,5" }, { 12, "12" },
    { 0.1, "0,1" }, { -10, "−10" }, { 0, "0" }, { 1234.5, "1\u202f234,5" }, { 0.333333, "0,33" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cl_neuron_format_value (&french, cases[i].v);
      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_activations (void)
{
  g_assert_cmpfloat (cl_neuron_activate (CL_NEURON_IDENTITY, -3), ==, -3);
  g_assert_cmpfloat (cl_neuron_activate (CL_NEURON_STEP, 0), ==, 1);
  g_assert_cmpfloat (cl_neuron_activate (CL_NEURON_STEP, -0.1), ==, 0);
  g_assert_cmpfloat (cl_neuron_activate (CL_NEURON_SIGMOID, 0), ==, 0.5);
  g_assert_cmpfloat (fabs (cl_neuron_activate (CL_NEURON_TANH, 1) - 0.7615941559557649), <, 1e-12);
  g_assert_cmpfloat (cl_neuron_activate (CL_NEURON_RELU, -2), ==, 0);
  g_assert_cmpfloat (cl_neuron_activate (CL_NEURON_RELU, 2), ==, 2);
  g_assert_cmpfloat (cl_neuron_activate (CL_NEURON_LEAKY_RELU, -10), ==, -10 * CL_NEURON_LEAKY_SLOPE);
}

static ClNeuronPoint
along (ClNeuronPoint a, ClNeuronPoint b, double t)
{
  return (ClNeuronPoint) { a.x + t * (b.x - a.x), a.y + t * (b.y - a.y) };
}

/* Between an input's circle and its weight's label, the link has the
 * weight's colour: red for the largest positive, blue for the largest
 * negative, no colour for zero. */
static void
test_picture (void)
{
  ClNeuron neuron = course_neuron (0, CL_NEURON_PRESET_SCIENCE_AVERAGE);
  neuron.w[2] = -0.25;
  ClRenderNeuronOptions o;
  cl_render_neuron_options_init (&o);
  for (int s = 0; s < 3; s++)
    {
      o.sample_names[s] = cl_neuron_course_student (s);
      memcpy (o.sample_x[s], cl_neuron_course_marks (s), sizeof (double) * 7);
    }
  o.n_samples = 3;

  cairo_surface_t *surface = fixture_surface (W, H);
  cairo_t *cr = cairo_create (surface);
  g_assert_true (cl_render_neuron (cr, &neuron, &o, W, H));
  cairo_destroy (cr);
  fixture_save (surface, "neuron");

  ClNeuronLayout l;
  cl_render_neuron_layout (&neuron, &o, W, H, &l);
  ClNeuronPoint on_maths = along (l.weight[0], l.input[0], 0.35);
  ClNeuronPoint on_sport = along (l.weight[1], l.input[1], 0.35);
  ClNeuronPoint on_physics = along (l.weight[2], l.input[2], 0.35);
  g_assert_true (fixture_near (fixture_pixel (surface, on_maths.x, on_maths.y),
                               cl_colormap_diverging (1), 0.05));
  g_assert_true (fixture_near (fixture_pixel (surface, on_physics.x, on_physics.y),
                               cl_colormap_diverging (-1), 0.05));
  g_assert_false (fixture_near (fixture_pixel (surface, on_sport.x, on_sport.y),
                                cl_colormap_diverging (1), 0.2));
  /* The neuron and the inputs are drawn (dark outlines), the text is
   * written under the diagram. */
  g_assert_cmpint (fixture_count (surface, l.neuron.x - l.neuron_radius - 4, l.neuron.y - 4,
                                  l.neuron.x - l.neuron_radius + 4, l.neuron.y + 4,
                                  (ClColor) { 0.13, 0.13, 0.15 }, 0.1), >, 0);
  g_assert_cmpint (fixture_count (surface, 0, H - 120, W, H, (ClColor) { 0.13, 0.13, 0.15 }, 0.1),
                   >, 300);
  cairo_surface_destroy (surface);
}

/* No inputs, or more than the picture has room for, draw nothing. */
static void
test_bad_sizes (void)
{
  ClRenderNeuronOptions o;
  cl_render_neuron_options_init (&o);
  cairo_surface_t *surface = fixture_surface (200, 100);
  cairo_t *cr = cairo_create (surface);
  ClNeuron neuron = { .n_inputs = 0 };
  g_assert_false (cl_render_neuron (cr, &neuron, &o, 200, 100));
  neuron.n_inputs = CL_NEURON_MAX_INPUTS + 1;
  g_assert_false (cl_render_neuron (cr, &neuron, &o, 200, 100));
  neuron.n_inputs = 1;
  g_assert_false (cl_render_neuron (cr, &neuron, &o, 0, 100));
  g_assert_true (cl_render_neuron (cr, &neuron, &o, 200, 100));
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
}

/* Presented, every text of the picture is at least 18 px. */
static void
test_presented (void)
{
  ClNeuron neuron = course_neuron (1, CL_NEURON_PRESET_SPORT_ABOVE_10);
  ClRenderNeuronOptions o;
  cl_render_neuron_options_init (&o);
  o.style.scale = CL_RENDER_PRESENT_SCALE;
  o.style.min_text = CL_RENDER_PRESENT_MIN_TEXT;
  for (int i = 0; i < 7; i++)
    o.input_names[i] = cl_neuron_course_subject (i);
  double min_size = G_MAXDOUBLE;
  cairo_surface_t *surface = fixture_surface (1280, 720);
  cairo_t *cr = cairo_create (surface);
  cl_render_measure_text (cr, &min_size);
  g_assert_true (cl_render_neuron (cr, &neuron, &o, 1280, 720));
  cairo_destroy (cr);
  fixture_save (surface, "neuron-present");
  cairo_surface_destroy (surface);
  g_assert_cmpfloat (min_size, >=, CL_RENDER_PRESENT_MIN_TEXT);
}

/* On a narrow picture the written sum goes onto two lines rather than
 * shrinking below the rest of the text. */
static void
test_narrow_wraps (void)
{
  ClNeuron neuron = course_neuron (2, CL_NEURON_PRESET_SCIENCE_AVERAGE);
  ClRenderNeuronOptions o;
  cl_render_neuron_options_init (&o);
  const int w = 480, h = 600;
  double font = sqrt ((double) w * h) / 40, min_size = G_MAXDOUBLE;
  cairo_surface_t *surface = fixture_surface (w, h);
  cairo_t *cr = cairo_create (surface);
  cl_render_measure_text (cr, &min_size);
  g_assert_true (cl_render_neuron (cr, &neuron, &o, w, h));
  cairo_destroy (cr);
  fixture_save (surface, "neuron-narrow");
  cairo_surface_destroy (surface);
  g_test_message ("smallest text %.1f px, base font %.1f px", min_size, font);
  g_assert_cmpfloat (min_size, >=, floor (font * 0.9));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  setup_formats ();
  g_test_add_func ("/render/neuron/science-average", test_science_average);
  g_test_add_func ("/render/neuron/sport-above-10", test_sport_above_10);
  g_test_add_func ("/render/neuron/signs-written", test_signs_written);
  g_test_add_func ("/render/neuron/format-value", test_format_value);
  g_test_add_func ("/render/neuron/activations", test_activations);
  g_test_add_func ("/render/neuron/picture", test_picture);
  g_test_add_func ("/render/neuron/bad-sizes", test_bad_sizes);
  g_test_add_func ("/render/neuron/presented", test_presented);
  g_test_add_func ("/render/neuron/narrow-wraps", test_narrow_wraps);
  return g_test_run ();
}
