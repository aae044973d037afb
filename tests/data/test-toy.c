/* Toy generators: deterministic for a seed, balanced, the right shapes. */
#include "config.h"

#include <math.h>

#include "engine/dataset.h"
#include "engine/error.h"

static ClDataset *
make (ClToyKind kind, guint n, guint64 seed)
{
  ClToyOptions o;
  cl_toy_options_init (&o);
  o.n_points = n;
  o.seed = seed;
  g_autoptr(GError) error = NULL;
  ClDataset *ds = cl_dataset_new_toy (kind, &o, &error);
  g_assert_no_error (error);
  return ds;
}

static gsize
n_values (const ClDataset *ds)
{
  return (gsize) (ds->n_train + ds->n_test) * ds->sample_size;
}

static void
test_deterministic (void)
{
  for (ClToyKind kind = CL_TOY_XOR; kind <= CL_TOY_POLYNOMIAL; kind++)
    {
      g_autoptr(ClDataset) a = make (kind, 300, 42);
      g_autoptr(ClDataset) b = make (kind, 300, 42);
      g_autoptr(ClDataset) c = make (kind, 300, 43);
      g_assert_cmpmem (a->x, n_values (a) * sizeof (float), b->x, n_values (b) * sizeof (float));
      g_assert_true (memcmp (a->x, c->x, n_values (a) * sizeof (float)) != 0);
      if (a->labels != NULL)
        g_assert_cmpmem (a->labels, 300 * sizeof (guint32), b->labels, 300 * sizeof (guint32));
      else
        g_assert_cmpmem (a->targets, 300 * sizeof (float), b->targets, 300 * sizeof (float));
    }
}

static void
test_balanced (void)
{
  for (ClToyKind kind = CL_TOY_XOR; kind <= CL_TOY_BLOBS; kind++)
    {
      ClToyOptions o;
      cl_toy_options_init (&o);
      o.n_points = 1000;
      o.n_classes = 4;
      g_autoptr(ClDataset) ds = cl_dataset_new_toy (kind, &o, NULL);
      guint k = kind == CL_TOY_BLOBS ? 4 : 2;
      g_assert_cmpuint (ds->kind, ==, CL_DATASET_CLASSIFICATION);
      g_assert_cmpuint (ds->n_classes, ==, k);
      g_assert_cmpuint (ds->sample_size, ==, 2);
      g_assert_cmpuint (ds->n_train, ==, 800);
      g_assert_cmpuint (ds->n_test, ==, 200);
      guint counts[4];
      cl_dataset_count_classes (ds, CL_DATASET_TRAIN, counts);
      for (guint c = 0; c < k; c++)
        g_assert_cmpuint (counts[c], ==, 800 / k);
      cl_dataset_count_classes (ds, CL_DATASET_TEST, counts);
      for (guint c = 0; c < k; c++)
        g_assert_cmpuint (counts[c], ==, 200 / k);
      /* Shuffled: the labels do not simply alternate. */
      guint alternations = 0;
      for (guint i = 1; i < ds->n_train; i++)
        alternations += ds->labels[i] != ds->labels[i - 1];
      g_assert_cmpuint (alternations, <, ds->n_train - 1);
    }
}

static void
test_xor_quadrants (void)
{
  /* Without noise every XOR point lies in its class's quadrants. */
  ClToyOptions o;
  cl_toy_options_init (&o);
  o.noise = 0;
  g_autoptr(ClDataset) ds = cl_dataset_new_toy (CL_TOY_XOR, &o, NULL);
  for (guint i = 0; i < ds->n_train + ds->n_test; i++)
    {
      const float *p = ds->x + i * 2;
      guint expected = (p[0] > 0) != (p[1] > 0);
      g_assert_cmpuint (ds->labels[i], ==, expected);
    }
  g_assert_cmpstr (ds->description, ==, "XOR (320 training, 80 test points, 2D)");
}

static void
test_regression (void)
{
  ClToyOptions o;
  cl_toy_options_init (&o);
  o.noise = 0;
  g_autoptr(ClDataset) ds = cl_dataset_new_toy (CL_TOY_COS, &o, NULL);
  g_assert_cmpuint (ds->kind, ==, CL_DATASET_REGRESSION);
  g_assert_cmpuint (ds->sample_size, ==, 1);
  g_assert_cmpuint (ds->target_dim, ==, 1);
  g_assert_null (ds->labels);
  for (guint i = 0; i < ds->n_train + ds->n_test; i++)
    {
      g_assert_cmpfloat (fabsf (ds->x[i]), <=, (float) G_PI);
      g_assert_cmpfloat_with_epsilon (ds->targets[i], cosf (ds->x[i]), 1e-6);
    }
  /* With noise, the residuals have about the requested deviation. */
  o.noise = 0.2f;
  o.n_points = 20000;
  g_autoptr(ClDataset) noisy = cl_dataset_new_toy (CL_TOY_COS, &o, NULL);
  double sum2 = 0;
  for (guint i = 0; i < 20000; i++)
    sum2 += pow (noisy->targets[i] - cos (noisy->x[i]), 2);
  g_assert_cmpfloat_with_epsilon (sqrt (sum2 / 20000), 0.2, 0.01);
}

static void
test_batch_targets (void)
{
  g_autoptr(ClDataset) ds = make (CL_TOY_STEP, 100, 5);
  const guint32 idx[] = { 3, 1 };
  float x[2], t[2];
  cl_dataset_get_batch (ds, CL_DATASET_TEST, idx, 2, x, NULL, t);
  g_assert_cmpfloat (x[0], ==, ds->x[ds->n_train + 3]);
  g_assert_cmpfloat (t[1], ==, ds->targets[ds->n_train + 1]);
}

static void
test_concurrent_batches (void)
{
  /* Many threads copying overlapping batches at once get exactly what one
   * thread gets: the dataset is read-only. */
  g_autoptr(ClDataset) ds = make (CL_TOY_SPIRALS, 4000, 9);
  enum { BATCH = 64, N_BATCHES = 200 };
  static float x[N_BATCHES][BATCH * 2], ref[BATCH * 2];
  static guint32 y[N_BATCHES][BATCH], ref_y[BATCH];
  guint32 idx[BATCH];
  for (guint b = 0; b < BATCH; b++)
    idx[b] = (b * 37) % ds->n_train;
  cl_dataset_get_batch (ds, CL_DATASET_TRAIN, idx, BATCH, ref, ref_y, NULL);
#pragma omp parallel for num_threads(4)
  for (int i = 0; i < N_BATCHES; i++)
    cl_dataset_get_batch (ds, CL_DATASET_TRAIN, idx, BATCH, x[i], y[i], NULL);
  for (int i = 0; i < N_BATCHES; i++)
    {
      g_assert_cmpmem (x[i], sizeof ref, ref, sizeof ref);
      g_assert_cmpmem (y[i], sizeof ref_y, ref_y, sizeof ref_y);
    }
}

static void
test_bad_options (void)
{
  ClToyOptions o;
  cl_toy_options_init (&o);
  o.n_points = 10 * 1000 * 1000;
  g_autoptr(GError) error = NULL;
  g_assert_null (cl_dataset_new_toy (CL_TOY_XOR, &o, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_TOO_LARGE);
  g_clear_error (&error);
  cl_toy_options_init (&o);
  o.n_classes = 50;
  g_assert_null (cl_dataset_new_toy (CL_TOY_BLOBS, &o, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN);
  g_clear_error (&error);
  cl_toy_options_init (&o);
  o.n_points = 3;
  g_assert_null (cl_dataset_new_toy (CL_TOY_XOR, &o, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_EMPTY);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/data/toy/deterministic", test_deterministic);
  g_test_add_func ("/data/toy/balanced", test_balanced);
  g_test_add_func ("/data/toy/xor-quadrants", test_xor_quadrants);
  g_test_add_func ("/data/toy/regression", test_regression);
  g_test_add_func ("/data/toy/batch-targets", test_batch_targets);
  g_test_add_func ("/data/toy/concurrent-batches", test_concurrent_batches);
  g_test_add_func ("/data/toy/bad-options", test_bad_options);
  return g_test_run ();
}
