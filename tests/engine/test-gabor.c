/* The Gabor fit: synthetic Gabor kernels give back their orientation and
 * frequency; noise gives a poor fit. */
#include "config.h"

#include <math.h>

#include "engine/gabor-fit.h"
#include "engine/rng.h"

/* Orientation error modulo π: θ and θ + π are the same wave. */
static double
angle_error (double a, double b)
{
  double d = fmod (fabs (a - b), G_PI);
  return MIN (d, G_PI - d);
}

static void
make_gabor (float *v, int k, double theta, double freq, double phase, double sigma)
{
  double c = (k - 1) / 2.0;
  for (int y = 0; y < k; y++)
    for (int x = 0; x < k; x++)
      {
        double dx = x - c, dy = y - c, u = dx * cos (theta) + dy * sin (theta);
        v[y * k + x] = (float) (exp (-(dx * dx + dy * dy) / (2 * sigma * sigma))
                                * cos (2 * G_PI * freq * u + phase));
      }
}

static double
gaussian (ClRng *rng)
{
  return cl_rng_normal (rng);
}

static void
check_recovers (double noise)
{
  const int sizes[] = { 5, 7, 11 };
  ClRng rng;
  cl_rng_init (&rng, 42, 0);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (int t = 0; t < 6; t++)
      for (int fi = 0; fi < 3; fi++)
        {
          int k = sizes[s];
          double theta = 0.1 + t * G_PI / 6, freq = 0.15 + 0.08 * fi;
          double sigma = 0.3 * k, phase = 0.7 * t - 1.0;
          float v[11 * 11];
          ClGaborFit fit;

          /* Fewer than two stripes fit in a 5×5 kernel at low frequency:
           * the orientation is then well defined but the frequency not. */
          make_gabor (v, k, theta, freq, phase, sigma);
          for (int i = 0; i < k * k; i++)
            v[i] += (float) (noise * gaussian (&rng));
          g_assert_true (cl_gabor_fit (v, k, &fit));
          g_test_message ("k %d θ %.2f f %.2f noise %.2f: θ %.2f f %.3f R² %.3f", k, theta, freq,
                          noise, fit.theta, fit.frequency, fit.r2);
          g_assert_cmpfloat (angle_error (fit.theta, theta), <, noise > 0 ? 0.2 : 0.05);
          g_assert_cmpfloat (fabs (fit.frequency - freq), <, noise > 0 ? 0.05 : 0.01);
          g_assert_cmpfloat (fit.r2, >, noise > 0 ? 0.7 : 0.99);
          g_assert_true (cl_gabor_is_gabor_like (&fit, k));
          g_assert_cmpfloat (fit.theta, >=, 0);
          g_assert_cmpfloat (fit.theta, <, G_PI);
        }
}

static void
test_recovers_clean_gabors (void)
{
  check_recovers (0.0);
}

static void
test_recovers_noisy_gabors (void)
{
  /* Noise of 10% of the peak. */
  check_recovers (0.1);
}

static void
test_the_fit_reproduces_the_kernel (void)
{
  float v[7 * 7];
  ClGaborFit fit;

  make_gabor (v, 7, 1.0, 0.2, 0.5, 2.0);
  g_assert_true (cl_gabor_fit (v, 7, &fit));
  for (int y = 0; y < 7; y++)
    for (int x = 0; x < 7; x++)
      g_assert_cmpfloat (fabs (cl_gabor_eval (&fit, x, y) - v[y * 7 + x]), <, 1e-3);
}

static void
test_noise_fits_poorly (void)
{
  ClRng rng;
  cl_rng_init (&rng, 7, 0);
  const int sizes[] = { 5, 7, 11 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      double sum = 0;
      int k = sizes[s], like = 0;
      for (int trial = 0; trial < 20; trial++)
        {
          float v[11 * 11];
          ClGaborFit fit;
          for (int i = 0; i < k * k; i++)
            v[i] = (float) gaussian (&rng);
          g_assert_true (cl_gabor_fit (v, k, &fit));
          sum += fit.r2;
          like += cl_gabor_is_gabor_like (&fit, k);
        }
      g_test_message ("noise %dx%d: mean R² %.3f", k, k, sum / 20);
      /* The measured table agrees with these 20 fits. */
      g_assert_cmpfloat (fabs (sum / 20 - cl_gabor_noise_r2 (k)), <, 0.08);
      g_assert_cmpfloat (sum / 20, <, k == 5 ? 0.6 : k == 7 ? 0.45 : 0.25);
      g_assert_cmpint (like, <=, 1);   /* noise is (almost) never Gabor-like */
    }
}

static void
test_bad_input (void)
{
  float v[9] = { 0, 1, NAN, 0, 0, 0, 0, 0, 0 };
  float flat[9] = { 2, 2, 2, 2, 2, 2, 2, 2, 2 };
  ClGaborFit fit;

  g_assert_false (cl_gabor_fit (v, 3, &fit));
  g_assert_true (isnan (fit.r2));
  g_assert_false (cl_gabor_fit (v, 1, &fit));
  g_assert_true (cl_gabor_fit (flat, 3, &fit));
  g_assert_cmpfloat (fit.r2, ==, 0);
}

/* Stripe directions as the class sees them, counted in bins; only the
 * Gabor-like fits count. */
static void
test_orientation_histogram_counts (void)
{
  float v[7 * 7];
  ClGaborFit fits[6];
  guint counts[12];

  /* A wave along x makes vertical stripes: 90°; along y, horizontal: 0°. */
  make_gabor (v, 7, 0, 0.2, 0, 2.0);
  g_assert_true (cl_gabor_fit (v, 7, &fits[0]));
  g_assert_cmpfloat (fabs (cl_gabor_stripe_degrees (&fits[0]) - 90), <, 3);
  make_gabor (v, 7, G_PI / 2, 0.2, 0, 2.0);
  g_assert_true (cl_gabor_fit (v, 7, &fits[1]));
  double d = cl_gabor_stripe_degrees (&fits[1]);
  g_assert_cmpfloat (MIN (d, 180 - d), <, 3);
  /* Stripes from lower left to upper right on screen: 45°. */
  make_gabor (v, 7, G_PI / 4, 0.2, 0, 2.0);
  g_assert_true (cl_gabor_fit (v, 7, &fits[2]));
  g_assert_cmpfloat (fabs (cl_gabor_stripe_degrees (&fits[2]) - 45), <, 3);
  /* 175° falls in the bin of 0° (bins are centred on 0°, 15°, …). */
  fits[3] = fits[1];
  fits[3].theta = G_PI / 2 + 5 * G_PI / 180;
  g_assert_cmpfloat (fabs (cl_gabor_stripe_degrees (&fits[3]) - 175), <, 1e-6);
  /* A poor fit and a failed one do not count. */
  fits[4] = fits[0];
  fits[4].r2 = cl_gabor_like_threshold (7) - 0.01;
  fits[5] = fits[0];
  fits[5].r2 = NAN;

  g_assert_cmpint (cl_gabor_orientation_histogram (fits, 6, 7, counts, 12), ==, 4);
  g_assert_cmpuint (counts[0], ==, 2);
  g_assert_cmpuint (counts[3], ==, 1);
  g_assert_cmpuint (counts[6], ==, 1);
  guint total = 0;
  for (int i = 0; i < 12; i++)
    total += counts[i];
  g_assert_cmpuint (total, ==, 4);
  /* The threshold is halfway from noise to a perfect fit. */
  g_assert_cmpfloat (fabs (cl_gabor_like_threshold (7) - (0.275 + 0.725 / 2)), <, 1e-9);
}

/* A red–green opponent edge: red where green is not.  The channels' mean is
 * flat, the dominant colour axis sees the edge. */
static void
test_colour_opponent_edge (void)
{
  const int k = 7, kk = 49;
  float g[49], w[3 * 49], grey[3 * 49], mean[49];
  double axis[3];
  ClGaborFit fit, mean_fit, grey_fit;

  make_gabor (g, k, 0.6, 0.15, 0.3, 1.8);
  for (int p = 0; p < kk; p++)
    {
      w[p] = 0.5f + g[p];          /* red: the edge on a red tint */
      w[kk + p] = 0.5f - g[p];     /* green: its opposite */
      w[2 * kk + p] = 0.5f;        /* blue: flat */
      mean[p] = (w[p] + w[kk + p] + w[2 * kk + p]) / 3;
      grey[p] = grey[kk + p] = grey[2 * kk + p] = g[p];
    }
  g_assert_true (cl_gabor_fit (mean, k, &mean_fit));
  g_assert_cmpfloat (mean_fit.r2, ==, 0);      /* the mean sees nothing */
  g_assert_true (cl_gabor_fit_channels (w, 3, k, &fit));
  g_assert_true (cl_gabor_colour_axis (w, 3, k, axis));
  g_assert_cmpfloat (fit.r2, >, 0.99);
  g_assert_cmpfloat (angle_error (fit.theta, 0.6), <, 0.05);
  g_assert_cmpfloat_with_epsilon (axis[0], 1 / sqrt (2), 1e-6);
  g_assert_cmpfloat_with_epsilon (axis[1], -1 / sqrt (2), 1e-6);
  g_assert_cmpfloat_with_epsilon (axis[2], 0, 1e-6);

  /* A grey edge: the grey axis, and the same fit as one channel. */
  g_assert_true (cl_gabor_fit_channels (grey, 3, k, &grey_fit));
  g_assert_true (cl_gabor_colour_axis (grey, 3, k, axis));
  g_assert_true (cl_gabor_fit (g, k, &fit));
  g_assert_cmpfloat_with_epsilon (grey_fit.r2, fit.r2, 1e-6);
  for (int i = 0; i < 3; i++)
    g_assert_cmpfloat_with_epsilon (axis[i], 1 / sqrt (3), 1e-6);

  /* Bad input: NaN, too many channels, all flat. */
  w[2 * kk + 5] = NAN;
  g_assert_false (cl_gabor_fit_channels (w, 3, k, &fit));
  g_assert_true (isnan (fit.r2));
  g_assert_false (cl_gabor_colour_axis (w, 3, k, axis));
  g_assert_false (cl_gabor_fit_channels (grey, 5, k, &fit));
  for (int i = 0; i < 3 * kk; i++)
    w[i] = 0.25f;
  g_assert_true (cl_gabor_fit_channels (w, 3, k, &fit));
  g_assert_cmpfloat (fit.r2, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/gabor/recovers-clean-gabors", test_recovers_clean_gabors);
  g_test_add_func ("/engine/gabor/recovers-noisy-gabors", test_recovers_noisy_gabors);
  g_test_add_func ("/engine/gabor/the-fit-reproduces-the-kernel", test_the_fit_reproduces_the_kernel);
  g_test_add_func ("/engine/gabor/noise-fits-poorly", test_noise_fits_poorly);
  g_test_add_func ("/engine/gabor/bad-input", test_bad_input);
  g_test_add_func ("/engine/gabor/orientation-histogram-counts", test_orientation_histogram_counts);
  g_test_add_func ("/engine/gabor/colour-opponent-edge", test_colour_opponent_edge);
  return g_test_run ();
}
