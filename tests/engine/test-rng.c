#include "config.h"

#include <math.h>

#include "engine/rng.h"

static void
test_same_seed_same_numbers (void)
{
  ClRng a, b;
  cl_rng_init (&a, 42, CL_RNG_STREAM_INIT);
  cl_rng_init (&b, 42, CL_RNG_STREAM_INIT);
  for (int i = 0; i < 1000; i++)
    g_assert_cmpuint (cl_rng_u64 (&a), ==, cl_rng_u64 (&b));
}

static void
test_streams_differ (void)
{
  ClRng a, b;
  cl_rng_init (&a, 42, CL_RNG_STREAM_INIT);
  cl_rng_init (&b, 42, CL_RNG_STREAM_DROPOUT);
  int same = 0;
  for (int i = 0; i < 1000; i++)
    same += cl_rng_u64 (&a) == cl_rng_u64 (&b);
  g_assert_cmpint (same, ==, 0);
}

static void
test_hash_is_a_function_of_its_counters (void)
{
  guint64 key = cl_rng_key (7, CL_RNG_STREAM_DROPOUT);
  /* Drawing in any order gives the same value for the same counters. */
  float forward[64], backward[64];
  for (int i = 0; i < 64; i++)
    forward[i] = cl_rng_hash_float (key, 3, i, 11);
  for (int i = 63; i >= 0; i--)
    backward[i] = cl_rng_hash_float (key, 3, i, 11);
  for (int i = 0; i < 64; i++)
    g_assert_cmpfloat (forward[i], ==, backward[i]);
  g_assert_cmpuint (cl_rng_hash (key, 1, 2, 3), !=, cl_rng_hash (key, 1, 3, 2));
}

static void
test_uniform_moments (void)
{
  ClRng r;
  cl_rng_init (&r, 1, CL_RNG_STREAM_DATA);
  const int n = 200000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; i++)
    {
      float u = cl_rng_uniform (&r);
      g_assert_cmpfloat (u, >=, 0.0f);
      g_assert_cmpfloat (u, <, 1.0f);
      sum += u;
      sum2 += (double) u * u;
    }
  double mean = sum / n, var = sum2 / n - mean * mean;
  /* Standard error of the mean is sqrt(1/12/n) ~ 0.00065: 5 sigma. */
  g_assert_cmpfloat (fabs (mean - 0.5), <, 0.0033);
  g_assert_cmpfloat (fabs (var - 1.0 / 12.0), <, 0.002);
}

static void
test_normal_moments (void)
{
  ClRng r;
  cl_rng_init (&r, 2, CL_RNG_STREAM_INIT);
  const int n = 200000;
  double sum = 0, sum2 = 0;
  for (int i = 0; i < n; i++)
    {
      double x = cl_rng_normal (&r);
      g_assert_true (isfinite (x));
      sum += x;
      sum2 += x * x;
    }
  double mean = sum / n, var = sum2 / n - mean * mean;
  /* Standard errors: 1/sqrt(n) ~ 0.0022 for the mean, sqrt(2/n) ~ 0.0032
   * for the variance: about 5 sigma each. */
  g_assert_cmpfloat (fabs (mean), <, 0.011);
  g_assert_cmpfloat (fabs (var - 1.0), <, 0.016);
}

static void
test_below_is_in_range_and_covers (void)
{
  ClRng r;
  cl_rng_init (&r, 3, CL_RNG_STREAM_SHUFFLE);
  int counts[7] = { 0 };
  for (int i = 0; i < 70000; i++)
    {
      guint32 x = cl_rng_below (&r, 7);
      g_assert_cmpuint (x, <, 7);
      counts[x]++;
    }
  for (int i = 0; i < 7; i++)
    g_assert_cmpint (ABS (counts[i] - 10000), <, 500);
}

static void
test_shuffle_is_a_permutation (void)
{
  ClRng r;
  cl_rng_init (&r, 4, CL_RNG_STREAM_SHUFFLE);
  guint32 items[100];
  for (guint32 i = 0; i < 100; i++)
    items[i] = i;
  cl_rng_shuffle (&r, items, 100);
  gboolean seen[100] = { FALSE };
  int moved = 0;
  for (guint32 i = 0; i < 100; i++)
    {
      g_assert_false (seen[items[i]]);
      seen[items[i]] = TRUE;
      moved += items[i] != i;
    }
  g_assert_cmpint (moved, >, 80);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/rng/same-seed-same-numbers", test_same_seed_same_numbers);
  g_test_add_func ("/engine/rng/streams-differ", test_streams_differ);
  g_test_add_func ("/engine/rng/hash-is-a-function-of-its-counters", test_hash_is_a_function_of_its_counters);
  g_test_add_func ("/engine/rng/uniform-moments", test_uniform_moments);
  g_test_add_func ("/engine/rng/normal-moments", test_normal_moments);
  g_test_add_func ("/engine/rng/below-is-in-range-and-covers", test_below_is_in_range_and_covers);
  g_test_add_func ("/engine/rng/shuffle-is-a-permutation", test_shuffle_is_a_permutation);
  return g_test_run ();
}
