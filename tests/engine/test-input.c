/* The user's own input (input-image.h): brush strokes land on the pixels
 * under them, in the data's normalisation; an image file goes the same way;
 * and a drawing's prediction is the network's forward on it. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "engine/error.h"
#include "engine/input-image.h"
#include "engine/net.h"
#include "engine/snapshot-net.h"
#include "engine/zoo.h"

static const ClShape mnist = { 1, 28, 28 };

/* Distance from (px, py) to the segment, worked out case by case for an
 * axis-aligned segment (x0 == x1 or y0 == y1) rather than by the
 * projection the code uses. */
static double
axis_distance (double px, double py, double x0, double y0, double x1, double y1)
{
  if (x0 == x1)
    {
      double lo = MIN (y0, y1), hi = MAX (y0, y1);
      double dy = py < lo ? lo - py : py > hi ? py - hi : 0;
      return sqrt ((px - x0) * (px - x0) + dy * dy);
    }
  double lo = MIN (x0, x1), hi = MAX (x0, x1);
  double dx = px < lo ? lo - px : px > hi ? px - hi : 0;
  return sqrt (dx * dx + (py - y0) * (py - y0));
}

/* A standardised data set's statistics: what cl_input_normalise reads. */
static ClDataset *
stats_new (ClDatasetNorm norm, float mean, float std)
{
  ClDataset *d = g_new0 (ClDataset, 1);
  d->norm = norm;
  d->channels = 1;
  d->mean[0] = mean;
  d->std[0] = std;
  return d;
}

/* A vertical segment at brush radius r: the pixels above the half-way
 * threshold, in the standardised normalisation, are exactly those whose
 * centre is closer than r; the core is full ink, beyond r + ½ nothing. */
static void
check_segment (double x0, double y0, double x1, double y1, double r)
{
  g_autofree float *img = g_new0 (float, 28 * 28);
  g_autofree ClDataset *stats = stats_new (CL_DATASET_NORM_STANDARD, 0.25f, 0.5f);

  cl_input_stroke (img, mnist, x0, y0, x1, y1, r, 1.0f);
  cl_input_normalise (img, mnist, CL_DATASET_NORM_STANDARD, stats);
  float threshold = (0.5f - 0.25f) / 0.5f, ink = (1 - 0.25f) / 0.5f, blank = -0.25f / 0.5f;
  int above = 0, expected = 0;
  for (int i = 0; i < 28; i++)
    for (int j = 0; j < 28; j++)
      {
        double d = axis_distance (j + 0.5, i + 0.5, x0, y0, x1, y1);
        float v = img[i * 28 + j];
        if (fabs (d - r) > 1e-9)   /* exactly at r: half covered, either side of the threshold */
          {
            if ((v > threshold) != (d < r))
              g_error ("pixel (%d, %d) at distance %g from the stroke of radius %g is %g", i, j,
                       d, r, v);
            above += v > threshold;
            expected += d < r;
          }
        if (d <= r - 0.5)
          g_assert_cmpfloat_with_epsilon (v, ink, 1e-6);
        if (d >= r + 0.5)
          g_assert_cmpfloat_with_epsilon (v, blank, 1e-6);
      }
  g_assert_cmpint (above, ==, expected);
  g_assert_cmpint (above, >, 0);
}

static void
test_stroke_vertical (void)
{
  /* Through pixel centres, between them, thin and thick brushes. */
  check_segment (10.5, 4.5, 10.5, 20.5, 1.5);
  check_segment (10.0, 4.0, 10.0, 20.0, 1.0);
  check_segment (14.3, 2.7, 14.3, 25.2, 2.2);
  check_segment (3.5, 3.5, 20.5, 3.5, 0.7);   /* horizontal */
  check_segment (6.5, 6.5, 6.5, 6.5, 3.0);    /* a click: a disc */
}

/* A pixel's exact coverage: radius + ½ - distance, clamped to [0, 1]. */
static void
test_stroke_antialiased (void)
{
  g_autofree float *img = g_new0 (float, 28 * 28);

  cl_input_stroke (img, mnist, 10.5, 5.5, 10.5, 15.5, 1.5, 1.0f);
  g_assert_cmpfloat_with_epsilon (img[10 * 28 + 10], 1.0, 1e-6);   /* on the line */
  g_assert_cmpfloat_with_epsilon (img[10 * 28 + 11], 1.0, 1e-6);   /* 1 away: 1.5 + .5 - 1 */
  g_assert_cmpfloat_with_epsilon (img[10 * 28 + 12], 0.0, 1e-6);   /* 2 away */
  cl_input_stroke (img, mnist, 20.2, 5.5, 20.2, 15.5, 1.0, 1.0f);
  /* Column 21's centre is 1.3 away: covered 1.5 - 1.3 = 0.2. */
  g_assert_cmpfloat_with_epsilon (img[10 * 28 + 21], 0.2, 1e-5);
  g_assert_cmpfloat_with_epsilon (img[10 * 28 + 19], 0.8, 1e-5);   /* 0.7 away */
}

/* The joints of a stroke drawn in many small segments are not darker
 * than the same stroke in one: painting twice changes nothing. */
static void
test_stroke_joints (void)
{
  g_autofree float *one = g_new0 (float, 28 * 28), *many = g_new0 (float, 28 * 28);

  cl_input_stroke (one, mnist, 8.3, 4.1, 8.3, 22.7, 1.7, 1.0f);
  for (int k = 0; k < 40; k++)
    cl_input_stroke (many, mnist, 8.3, 4.1 + k * (22.7 - 4.1) / 40, 8.3,
                     4.1 + (k + 1) * (22.7 - 4.1) / 40, 1.7, 1.0f);
  for (int k = 0; k < 28 * 28; k++)
    g_assert_cmpfloat_with_epsilon (one[k], many[k], 1e-6);
  cl_input_stroke (many, mnist, 8.3, 4.1, 8.3, 22.7, 1.7, 1.0f);
  g_assert_cmpmem (one, 28 * 28 * sizeof (float), many, 28 * 28 * sizeof (float));
}

/* Dark ink on white, in every channel of a colour input. */
static void
test_stroke_dark_colour (void)
{
  const ClShape rgb = { 3, 32, 32 };
  g_autofree float *img = g_new (float, 3 * 32 * 32);

  for (int k = 0; k < 3 * 32 * 32; k++)
    img[k] = 1;
  cl_input_stroke (img, rgb, 16.5, 2.5, 16.5, 29.5, 1.0, 0.0f);
  for (int c = 0; c < 3; c++)
    {
      g_assert_cmpfloat (img[c * 1024 + 10 * 32 + 16], ==, 0.0f);
      g_assert_cmpfloat (img[c * 1024 + 10 * 32 + 14], ==, 1.0f);
    }
}

/* A pointer far outside the pad, or not a number: nothing painted, no
 * overflow. */
static void
test_stroke_off_pad (void)
{
  g_autofree float *img = g_new0 (float, 28 * 28);
  g_autofree float *zero = g_new0 (float, 28 * 28);

  cl_input_stroke (img, mnist, -1e300, -1e300, -1e299, 1e300, 2, 1.0f);
  cl_input_stroke (img, mnist, 1e9, 5, 2e9, 5, 1.5, 1.0f);
  cl_input_stroke (img, mnist, NAN, 5, 5, 5, 1.5, 1.0f);
  cl_input_stroke (img, mnist, 5, 5, 6, INFINITY, 1.5, 1.0f);
  cl_input_stroke (img, mnist, 5, 5, 6, 6, -1, 1.0f);
  cl_input_stroke (img, mnist, 5, 5, 6, 6, NAN, 1.0f);
  g_assert_cmpmem (img, 28 * 28 * sizeof (float), zero, 28 * 28 * sizeof (float));
  /* Partly on the pad: only the part on it. */
  cl_input_stroke (img, mnist, -50, 14.5, 3.5, 14.5, 1.0, 1.0f);
  g_assert_cmpfloat (img[14 * 28 + 0], ==, 1.0f);
  g_assert_cmpfloat (img[14 * 28 + 3], ==, 1.0f);
  g_assert_cmpfloat (img[14 * 28 + 5], ==, 0.0f);
}

static void
test_normalise (void)
{
  float x[4] = { 0, 0.25f, 0.5f, 1 };
  float y[4];
  g_autofree ClDataset *standard = stats_new (CL_DATASET_NORM_STANDARD, 0.5f, 0.25f);
  g_autofree ClDataset *unit = stats_new (CL_DATASET_NORM_UNIT, 0.5f, 0.25f);
  const ClShape in = { 1, 2, 2 };

  memcpy (y, x, sizeof x);
  cl_input_normalise (y, in, CL_DATASET_NORM_UNIT, NULL);
  g_assert_cmpmem (y, sizeof y, x, sizeof x);
  cl_input_normalise (y, in, CL_DATASET_NORM_STANDARD, standard);
  g_assert_cmpfloat_with_epsilon (y[0], -2, 1e-6);
  g_assert_cmpfloat_with_epsilon (y[3], 2, 1e-6);
  /* Statistics of data that was not standardised are none. */
  memcpy (y, x, sizeof x);
  cl_input_normalise (y, in, CL_DATASET_NORM_STANDARD, unit);
  g_assert_cmpmem (y, sizeof y, x, sizeof x);
  /* Contrast: mean 0, deviation about 1. */
  cl_input_normalise (y, in, CL_DATASET_NORM_CONTRAST, NULL);
  double mean = (y[0] + y[1] + y[2] + y[3]) / 4;
  g_assert_cmpfloat_with_epsilon (mean, 0, 1e-6);
  g_assert_cmpfloat (y[3], >, 1);
}

/* An image file goes through the same path: read, inverted, normalised;
 * a broken file or a network without images is refused with a message
 * naming the file or the input. */
static void
test_read_image (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-input-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "white.pgm", NULL);
  g_autofree char *bad = g_build_filename (dir, "broken-drawing.png", NULL);
  g_autofree float *x = g_new (float, 28 * 28);
  g_autoptr(GError) error = NULL;

  /* A white 4×4 PGM: 1 everywhere, 0 inverted. */
  g_assert_true (g_file_set_contents (png, "P2\n4 4\n255\n255 255 255 255 255 255 255 255 "
                                           "255 255 255 255 255 255 255 255\n", -1, NULL));
  g_assert_true (cl_input_read_image (mnist, CL_DATASET_NORM_UNIT, NULL, png, FALSE, x, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (x[0], 1, 1e-6);
  g_assert_true (cl_input_read_image (mnist, CL_DATASET_NORM_UNIT, NULL, png, TRUE, x, &error));
  g_assert_cmpfloat_with_epsilon (x[28 * 14 + 14], 0, 1e-6);

  g_assert_true (g_file_set_contents (bad, "not an image at all", -1, NULL));
  g_assert_false (cl_input_read_image (mnist, CL_DATASET_NORM_UNIT, NULL, bad, FALSE, x, &error));
  g_assert_nonnull (strstr (error->message, "broken-drawing.png"));
  g_clear_error (&error);

  const ClShape features = { 2, 1, 1 };
  g_assert_false (cl_input_load_image (features, png, x, &error));
  g_assert_nonnull (strstr (error->message, "2×1×1"));
  g_unlink (png);
  g_unlink (bad);
  g_rmdir (dir);
}

/* What the panel shows for a drawing — the snapshot of the user's input
 * through a network copied from a snapshot — is the network's own forward
 * on that image. */
static void
test_prediction_is_forward (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (spec, 1, &error);
  g_autofree float *img = g_new0 (float, 28 * 28);

  g_assert_no_error (error);
  cl_net_init (net, 7);
  cl_input_stroke (img, mnist, 14.5, 4.5, 14.5, 23.5, 1.5, 1.0f);
  cl_input_stroke (img, mnist, 8.5, 8.5, 20.5, 8.5, 1.5, 1.0f);

  g_autoptr(ClSnapshot) trained = cl_snapshot_new_from_net (net, NULL, 0, 0, &error);
  g_autoptr(ClNet) copy = cl_net_new_from_snapshot (trained, 1, &error);
  g_assert_no_error (error);
  g_autoptr(ClSnapshot) drawn = cl_snapshot_new_from_input (copy, img, 10, &error);
  g_assert_no_error (error);
  const float *out = cl_net_forward (net, img, 1, FALSE);
  const ClSnapshotLayer *last = &drawn->layers[drawn->n_layers - 1];
  g_assert_cmpint (last->shape.c, ==, 10);
  for (int k = 0; k < 10; k++)
    g_assert_cmpfloat_with_epsilon (last->activations[k], out[k], 1e-6);
  g_assert_cmpmem (drawn->probe_inputs, 28 * 28 * sizeof (float), img, 28 * 28 * sizeof (float));

  /* The live path: the copy itself, evaluation mode, every layer. */
  g_autoptr(ClSnapshot) live = cl_snapshot_new_from_input_eval (copy, img, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (live->n_probes, ==, 1);
  g_assert_cmpint (live->n_classes, ==, 10);
  for (int i = 0; i < live->n_layers; i++)
    {
      ClShape sh = live->layers[i].shape;
      g_assert_cmpmem (live->layers[i].activations, (gsize) sh.c * sh.h * sh.w * sizeof (float),
                       drawn->layers[i].activations, (gsize) sh.c * sh.h * sh.w * sizeof (float));
    }
}

/* New weights of the same network are copied into the private one; another
 * network (a ReLU for a Tanh: same shapes, same parameter count) is
 * refused and left alone. */
static void
test_load_snapshot (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) trained = cl_net_new (spec, 1, &error);
  g_autoptr(ClNet) copy = cl_net_new (spec, 1, &error);
  gsize n, m;

  cl_net_init (trained, 1);
  cl_net_init (copy, 2);
  g_autoptr(ClSnapshot) s = cl_snapshot_new_from_net (trained, NULL, 0, 0, &error);
  g_assert_true (cl_net_load_snapshot (copy, s));
  const float *a = cl_net_get_params (trained, &n), *b = cl_net_get_params (copy, &m);
  g_assert_cmpuint (n, ==, m);
  g_assert_cmpmem (a, n * sizeof (float), b, m * sizeof (float));

  g_autoptr(ClNetSpec) other = cl_net_spec_new_lenet5 ();
  g_assert_cmpstr (cl_net_spec_get_layer_kind (other, 1)->name, ==, "ReLU");
  cl_net_spec_remove_layer (other, 1);
  g_assert_cmpint (cl_net_spec_insert_layer (other, 1, "Tanh"), ==, 1);
  g_autoptr(ClNet) tanh_net = cl_net_new (other, 1, &error);
  g_assert_no_error (error);
  cl_net_init (tanh_net, 3);
  g_autofree float *before = g_memdup2 (cl_net_get_params (tanh_net, &m), m * sizeof (float));
  g_assert_cmpuint (m, ==, n);
  g_assert_false (cl_net_load_snapshot (tanh_net, s));
  g_assert_cmpmem (cl_net_get_params (tanh_net, NULL), m * sizeof (float), before, m * sizeof (float));

  /* Another setting (more filters) is another network too. */
  g_autoptr(ClNetSpec) wider = cl_net_spec_new_lenet5 ();
  cl_net_spec_set_setting (wider, 0, "filters", 8);
  g_autoptr(ClNet) wide = cl_net_new (wider, 1, &error);
  g_assert_false (cl_net_load_snapshot (wide, s));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/input/stroke/lands-on-its-pixels", test_stroke_vertical);
  g_test_add_func ("/engine/input/stroke/anti-aliased", test_stroke_antialiased);
  g_test_add_func ("/engine/input/stroke/joints-not-darker", test_stroke_joints);
  g_test_add_func ("/engine/input/stroke/dark-on-light-colour", test_stroke_dark_colour);
  g_test_add_func ("/engine/input/stroke/off-pad", test_stroke_off_pad);
  g_test_add_func ("/engine/input/normalise", test_normalise);
  g_test_add_func ("/engine/input/read-image", test_read_image);
  g_test_add_func ("/engine/input/prediction-is-forward", test_prediction_is_forward);
  g_test_add_func ("/engine/input/load-snapshot-same-network-only", test_load_snapshot);
  return g_test_run ();
}
