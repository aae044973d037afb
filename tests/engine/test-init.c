/* Each initialisation's mean and variance against its formula, and the
 * per-kind defaults. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/init.h"
#include "engine/net.h"
#include "engine/zoo.h"

#define N 200000
#define FAN_IN 100
#define FAN_OUT 50

/* With N samples the sample mean has standard deviation sqrt(var / N) and
 * the sample variance about var * sqrt(2 / N) (normal) — 0.3 % here; we
 * accept 5 standard errors for the mean and 2 % for the variance. */
static void
check (ClInitKind kind, double value, double expected_var)
{
  g_autofree float *w = g_new (float, N);
  ClRng rng;
  cl_rng_init (&rng, 3, CL_RNG_STREAM_INIT);
  cl_init_fill (kind, value, FAN_IN, FAN_OUT, &rng, w, N);
  double sum = 0, sq = 0;
  for (int i = 0; i < N; i++)
    sum += w[i];
  double mean = sum / N;
  for (int i = 0; i < N; i++)
    sq += (w[i] - mean) * (w[i] - mean);
  double var = sq / (N - 1);
  g_assert_cmpfloat (fabs (mean), <=, 5 * sqrt (expected_var / N));
  g_assert_cmpfloat (fabs (var / expected_var - 1), <=, 0.02);
}

static void test_uniform (void) { check (CL_INIT_UNIFORM, 0.3, 0.09 / 3); }
static void test_normal (void) { check (CL_INIT_NORMAL, 0.3, 0.09); }
static void test_xavier_uniform (void) { check (CL_INIT_XAVIER_UNIFORM, 0, 2.0 / (FAN_IN + FAN_OUT)); }
static void test_xavier_normal (void) { check (CL_INIT_XAVIER_NORMAL, 0, 2.0 / (FAN_IN + FAN_OUT)); }
static void test_he_uniform (void) { check (CL_INIT_HE_UNIFORM, 0, 2.0 / FAN_IN); }
static void test_he_normal (void) { check (CL_INIT_HE_NORMAL, 0, 2.0 / FAN_IN); }
static void test_lecun_uniform (void) { check (CL_INIT_LECUN_UNIFORM, 0, 1.0 / FAN_IN); }
static void test_lecun_normal (void) { check (CL_INIT_LECUN_NORMAL, 0, 1.0 / FAN_IN); }

static void
test_uniform_bounds (void)
{
  float w[1000];
  ClRng rng;
  cl_rng_init (&rng, 3, CL_RNG_STREAM_INIT);
  cl_init_fill (CL_INIT_XAVIER_UNIFORM, 0, FAN_IN, FAN_OUT, &rng, w, 1000);
  float a = sqrtf (6.0f / (FAN_IN + FAN_OUT));
  for (int i = 0; i < 1000; i++)
    g_assert_cmpfloat (fabsf (w[i]), <=, a);
}

static void
test_zeros_and_constant (void)
{
  /* Zeros and constant apply to the whole layer, biases included. */
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, 2, 2);
  cl_net_spec_append (spec, "Dense", "units", 3.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  cl_net_spec_set_init (spec, 0, CL_INIT_CONSTANT, 0.25);
  g_autoptr(ClNet) net = cl_net_new (spec, 1, NULL);
  gsize n;
  float *p = cl_net_get_params (net, &n);
  g_assert_cmpuint (n, ==, 15);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat (p[i], ==, 0.25f);

  cl_net_spec_set_init (spec, 0, CL_INIT_ZEROS, 0);
  g_autoptr(ClNet) zeros = cl_net_new (spec, 1, NULL);
  p = cl_net_get_params (zeros, &n);
  for (gsize i = 0; i < n; i++)
    g_assert_cmpfloat (p[i], ==, 0.0f);
}

static double
weight_var (ClNet *net, int layer)
{
  float *w;
  const ClTensorInfo *t = cl_net_get_layer_tensor (net, layer, 0, &w, NULL);
  double sq = 0;
  for (guint64 i = 0; i < t->count; i++)
    sq += (double) w[i] * w[i];
  return sq / t->count;
}

/* The default is He before a rectifier, Xavier otherwise; biases start at 0,
 * BatchNorm at scale 1, shift 0, PReLU at slope 0.25. */
static void
test_defaults (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, 20, 20);
  cl_net_spec_append (spec, "Dense", "units", 300.0, NULL);
  cl_net_spec_append (spec, "BatchNorm", NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "Dense", "units", 200.0, NULL);
  cl_net_spec_append (spec, "PReLU", NULL);
  cl_net_spec_append (spec, "Dense", "units", 100.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  g_autoptr(ClNet) net = cl_net_new (spec, 1, NULL);
  g_assert_cmpfloat (fabs (weight_var (net, 0) / (2.0 / 400) - 1), <=, 0.02);
  g_assert_cmpfloat (fabs (weight_var (net, 5) / (2.0 / 300) - 1), <=, 0.05);

  float *data;
  cl_net_get_layer_tensor (net, 0, 1, &data, NULL);
  for (int i = 0; i < 300; i++)
    g_assert_cmpfloat (data[i], ==, 0.0f);
  cl_net_get_layer_tensor (net, 1, 0, &data, NULL);
  g_assert_cmpfloat (data[0], ==, 1.0f);
  cl_net_get_layer_tensor (net, 1, 3, &data, NULL);  /* running_var */
  g_assert_cmpfloat (data[0], ==, 1.0f);
  cl_net_get_layer_tensor (net, 4, 0, &data, NULL);
  g_assert_cmpfloat (data[199], ==, 0.25f);
}

/* Same seed, same weights; another seed, others; and one layer's stream
 * does not depend on the layers before it. */
static void
test_seeded (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  g_autoptr(ClNet) a = cl_net_new (spec, 1, NULL);
  g_autoptr(ClNet) b = cl_net_new (spec, 1, NULL);
  gsize n;
  float *pa = cl_net_get_params (a, &n), *pb = cl_net_get_params (b, NULL);
  cl_net_init (a, 5);
  cl_net_init (b, 5);
  g_assert_cmpmem (pa, n * sizeof (float), pb, n * sizeof (float));
  cl_net_init (b, 6);
  g_assert_cmpint (memcmp (pa, pb, n * sizeof (float)), !=, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/init/uniform", test_uniform);
  g_test_add_func ("/engine/init/normal", test_normal);
  g_test_add_func ("/engine/init/xavier-uniform", test_xavier_uniform);
  g_test_add_func ("/engine/init/xavier-normal", test_xavier_normal);
  g_test_add_func ("/engine/init/he-uniform", test_he_uniform);
  g_test_add_func ("/engine/init/he-normal", test_he_normal);
  g_test_add_func ("/engine/init/lecun-uniform", test_lecun_uniform);
  g_test_add_func ("/engine/init/lecun-normal", test_lecun_normal);
  g_test_add_func ("/engine/init/uniform-bounds", test_uniform_bounds);
  g_test_add_func ("/engine/init/zeros-and-constant", test_zeros_and_constant);
  g_test_add_func ("/engine/init/defaults", test_defaults);
  g_test_add_func ("/engine/init/seeded", test_seeded);
  return g_test_run ();
}
