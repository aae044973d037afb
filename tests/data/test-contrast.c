/* Per-image contrast normalisation: the numbers, and the images it cannot
 * normalise (constant, almost flat) staying finite and calm. */
#include "config.h"

#include <math.h>

#include "engine/data-source.h"
#include "engine/dataset-private.h"
#include "engine/error.h"

static void
image_stats (const float *x, gsize n, double *mean, double *std)
{
  double s = 0, s2 = 0;
  for (gsize k = 0; k < n; k++)
    s += x[k];
  *mean = s / n;
  for (gsize k = 0; k < n; k++)
    s2 += (x[k] - *mean) * (x[k] - *mean);
  *std = sqrt (s2 / n);
}

/* Four 2×3×3 images in [0, 1]: a ramp, a dim copy of it, a constant grey and
 * one with a single grey level of noise; three train, one test. */
static ClDataset *
four_images (void)
{
  ClDataset *ds = _cl_dataset_new (CL_DATASET_CLASSIFICATION, 2, 3, 3, 3, 1, 2, 0, NULL);
  gsize n = ds->sample_size;
  for (gsize k = 0; k < n; k++)
    {
      ds->x[k] = (float) k / (n - 1);                      /* ramp 0 … 1 */
      ds->x[n + k] = 0.1f + 0.5f * ds->x[k];               /* the same, darker, half the contrast */
      ds->x[2 * n + k] = 0.5f;                             /* constant */
      ds->x[3 * n + k] = 0.5f + (k % 2 ? 1.0f : -1.0f) / 255.0f;  /* one grey level of noise */
    }
  ds->norm = CL_DATASET_NORM_UNIT;
  return ds;
}

static void
test_each_image_mean_0_std_1 (void)
{
  g_autoptr(ClDataset) ds = four_images ();
  gsize n = ds->sample_size;
  double mean, std;

  cl_dataset_contrast_normalise (ds);
  g_assert_cmpuint (ds->norm, ==, CL_DATASET_NORM_CONTRAST);
  /* Over all channels of an image together, not per channel. */
  for (int i = 0; i < 2; i++)
    {
      image_stats (ds->x + i * n, n, &mean, &std);
      g_assert_cmpfloat_with_epsilon (mean, 0.0, 1e-6);
      /* sqrt(var / (var + eps²)): the ramps' std 0.30 and 0.15 become 0.9994
       * and 0.998. */
      g_assert_cmpfloat_with_epsilon (std, 1.0, 3e-3);
    }
  /* Per image, not per dataset: the dim ramp becomes the bright one. */
  for (gsize k = 0; k < n; k++)
    g_assert_cmpfloat_with_epsilon (ds->x[k], ds->x[n + k], 5e-3);
  /* The values keep their order: a normalised image is the same picture. */
  for (gsize k = 1; k < n; k++)
    g_assert_cmpfloat (ds->x[k], >, ds->x[k - 1]);
}

static void
test_constant_image_becomes_zeros (void)
{
  g_autoptr(ClDataset) ds = four_images ();
  gsize n = ds->sample_size;
  double mean, std;

  cl_dataset_contrast_normalise (ds);
  /* A constant image has std 0: the epsilon makes it all zeros, not NaN. */
  for (gsize k = 0; k < n; k++)
    g_assert_cmpfloat (ds->x[2 * n + k], ==, 0.0f);
  /* One grey level of noise (std 1/255) is not blown up to full contrast:
   * it stays well below 1. */
  image_stats (ds->x + 3 * n, n, &mean, &std);
  g_assert_true (isfinite (std));
  g_assert_cmpfloat (std, <, 0.5);
  g_assert_cmpfloat (std, >, 0.0);
}

static void
test_idempotent (void)
{
  g_autoptr(ClDataset) ds = four_images ();
  gsize bytes = ds->sample_size * 4 * sizeof (float);

  cl_dataset_contrast_normalise (ds);
  g_autofree float *once = g_memdup2 (ds->x, bytes);
  cl_dataset_contrast_normalise (ds);
  g_assert_cmpmem (ds->x, bytes, once, bytes);
}

static void
test_single_image (void)
{
  float x[4] = { 0, 0, 1, 1 };
  float flat[3] = { 0.7f, 0.7f, 0.7f };

  cl_contrast_normalise (x, 4);
  g_assert_cmpfloat_with_epsilon (x[0], -1.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (x[3], 1.0, 1e-3);
  cl_contrast_normalise (flat, 3);
  g_assert_cmpfloat (flat[0], ==, 0.0f);
  cl_contrast_normalise (NULL, 0);   /* nothing to do, no crash */
}

static void
test_name_round_trip (void)
{
  ClDatasetNorm norm = CL_DATASET_NORM_UNIT;

  g_assert_cmpstr (cl_dataset_norm_to_string (CL_DATASET_NORM_CONTRAST), ==, "contrast");
  g_assert_true (cl_dataset_norm_from_string ("contrast", &norm));
  g_assert_cmpuint (norm, ==, CL_DATASET_NORM_CONTRAST);
  g_assert_false (cl_dataset_norm_from_string ("whitening", &norm));
  g_assert_cmpuint (norm, ==, CL_DATASET_NORM_CONTRAST);
}

/* Through the data reference, as a design and --data load it. */
static void
test_data_ref_loads_contrast (void)
{
  g_autoptr(GError) error = NULL;
  ClDataRef ref;

  cl_data_ref_init (&ref, "embedded");
  ref.norm = CL_DATASET_NORM_CONTRAST;
  g_autoptr(ClDataset) ds = cl_data_ref_load (&ref, &error);
  cl_data_ref_clear (&ref);
  if (ds == NULL && g_error_matches (error, CL_ERROR, CL_ERROR_IO))
    {
      g_test_skip (error->message);
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpuint (ds->norm, ==, CL_DATASET_NORM_CONTRAST);
  guint n = cl_dataset_get_n (ds, CL_DATASET_TEST);
  for (guint i = 0; i < n; i += n / 7)
    {
      double mean, std;
      image_stats (cl_dataset_get_sample (ds, CL_DATASET_TEST, i), ds->sample_size, &mean, &std);
      g_assert_cmpfloat_with_epsilon (mean, 0.0, 1e-5);
      g_assert_cmpfloat_with_epsilon (std, 1.0, 1e-2);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/data/contrast/each-image-mean-0-std-1", test_each_image_mean_0_std_1);
  g_test_add_func ("/data/contrast/constant-image-becomes-zeros", test_constant_image_becomes_zeros);
  g_test_add_func ("/data/contrast/idempotent", test_idempotent);
  g_test_add_func ("/data/contrast/single-image", test_single_image);
  g_test_add_func ("/data/contrast/name-round-trip", test_name_round_trip);
  g_test_add_func ("/data/contrast/data-ref-loads-contrast", test_data_ref_loads_contrast);
  return g_test_run ();
}
