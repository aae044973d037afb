#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/dataset-private.h"
#include "engine/error.h"
#include "engine/landscape.h"
#include "engine/net.h"
#include "engine/omp-compat.h"
#include "engine/rng.h"
#include "engine/zoo.h"

/* y = x · (1, 2) + noise on 40 points: a regression the linear model fits. */
static ClDataset *
linear_data (void)
{
  g_autoptr(GError) error = NULL;
  ClDataset *data = _cl_dataset_new (CL_DATASET_REGRESSION, 2, 1, 1, 40, 0, 0, 1, &error);
  ClRng rng;

  g_assert_no_error (error);
  data->name = g_strdup ("linear");
  cl_rng_init (&rng, 5, CL_RNG_STREAM_DATA);
  for (int i = 0; i < 40; i++)
    {
      data->x[2 * i] = cl_rng_uniform (&rng) * 2 - 1;
      data->x[2 * i + 1] = cl_rng_uniform (&rng) * 2 - 1;
      data->targets[i] = data->x[2 * i] + 2 * data->x[2 * i + 1] + 0.1f * cl_rng_normal (&rng);
    }
  return data;
}

static ClNetSpec *
linear_model (void)
{
  ClNetSpec *spec = cl_net_spec_new (2, 1, 1);
  int i = cl_net_spec_add_layer (spec, "Dense");
  cl_net_spec_set_setting (spec, i, "units", 1);
  cl_net_spec_set_setting (spec, i, "bias", 0);
  cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
  return spec;
}

static void
test_grid_matches_the_closed_form (void)
{
  g_autoptr(ClDataset) data = linear_data ();
  g_autoptr(ClNetSpec) spec = linear_model ();
  const float w[2] = { 0.5f, -0.3f }, e1[2] = { 1, 0 }, e2[2] = { 0, 1 };
  ClLandscapeOptions options;
  g_autoptr(GError) error = NULL;

  cl_landscape_options_init (&options);
  options.axes = CL_LANDSCAPE_GIVEN;
  options.given[0] = e1;
  options.given[1] = e2;
  options.resolution = 7;
  options.range = 1.5;
  options.n_samples = 40;
  g_autoptr(ClLandscape) l = cl_landscape_compute (spec, w, NULL, data, NULL, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (l->rows_done, ==, 7);

  for (int j = 0; j < 7; j++)
    for (int i = 0; i < 7; i++)
      {
        double a = -1.5 + 3.0 * i / 6, b = -1.5 + 3.0 * j / 6, sum = 0;
        for (int s = 0; s < 40; s++)
          {
            double r = data->x[2 * s] * (w[0] + a) + data->x[2 * s + 1] * (w[1] + b) - data->targets[s];
            sum += r * r;
          }
        double analytic = sum / 40;   /* the engine's MSE is the plain mean */
        g_assert_cmpfloat_with_epsilon (l->loss[j * 7 + i], analytic, 1e-5 * MAX (1, analytic));
      }
  /* The centre of an odd grid is the weights themselves. */
  g_assert_cmpfloat_with_epsilon (l->loss[3 * 7 + 3], l->center_loss, 1e-6);
}

static void
test_filter_normalisation (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  g_autoptr(ClNet) net = cl_net_new (spec, 1, NULL);
  gsize n;
  cl_net_init (net, 3);
  const float *w = cl_net_get_params (net, &n);
  g_autofree float *d = g_new (float, n);

  cl_landscape_filter_normalised_direction (spec, w, 11, d);
  gsize offset = 0;
  int filters_checked = 0;
  for (int layer = 0; layer < cl_net_get_n_layers (net); layer++)
    for (int j = 0; j < cl_net_get_layer_n_tensors (net, layer); j++)
      {
        float *grad;
        const ClTensorInfo *info = cl_net_get_layer_tensor (net, layer, j, NULL, &grad);
        if (grad == NULL)
          continue;
        if (info->ndim < 2)
          for (guint64 k = 0; k < info->count; k++)
            g_assert_cmpfloat (d[offset + k], ==, 0.0f);   /* biases stay put */
        else
          {
            gsize size = info->count / info->dims[0];
            for (int f = 0; f < info->dims[0]; f++, filters_checked++)
              {
                double dn = 0, wn = 0;
                for (gsize k = 0; k < size; k++)
                  {
                    dn += (double) d[offset + f * size + k] * d[offset + f * size + k];
                    wn += (double) w[offset + f * size + k] * w[offset + f * size + k];
                  }
                g_assert_cmpfloat_with_epsilon (sqrt (dn), sqrt (wn), 1e-5 * sqrt (wn));
              }
          }
        offset += info->count;
      }
  g_assert_cmpuint (offset, ==, n);
  g_assert_cmpint (filters_checked, ==, 6 + 16 + 120 + 84 + 10);
}

static void
test_pca_recovers_a_plane (void)
{
  const gsize n = 50;
  ClRng rng;
  g_autofree float *center = g_new (float, n), *u = g_new0 (float, n), *v = g_new0 (float, n);
  cl_rng_init (&rng, 2, CL_RNG_STREAM_DATA);
  for (gsize k = 0; k < n; k++)
    center[k] = cl_rng_normal (&rng);
  /* Two orthonormal directions spread over all coordinates (Gram-Schmidt
   * on a cosine and a sine). */
  double uu = 0, uv = 0, vv = 0;
  for (gsize k = 0; k < n; k++)
    {
      u[k] = (float) cos (0.3 * k);
      uu += (double) u[k] * u[k];
    }
  for (gsize k = 0; k < n; k++)
    {
      u[k] = (float) (u[k] / sqrt (uu));
      v[k] = (float) sin (0.3 * k);
      uv += (double) u[k] * v[k];
    }
  for (gsize k = 0; k < n; k++)
    {
      v[k] = (float) (v[k] - uv * u[k]);
      vv += (double) v[k] * v[k];
    }
  for (gsize k = 0; k < n; k++)
    v[k] = (float) (v[k] / sqrt (vv));
  float *rows[20];
  for (int r = 0; r < 20; r++)
    {
      rows[r] = g_new (float, n);
      double s = 3.0 * cos (r * 0.4) + r * 0.2, t = 1.0 * sin (r * 0.7);
      for (gsize k = 0; k < n; k++)
        rows[r][k] = (float) (center[k] + s * u[k] + t * v[k]);
    }
  g_autofree float *d0 = g_new (float, n), *d1 = g_new (float, n);
  float *directions[2] = { d0, d1 };
  double explained[2];
  g_assert_true (cl_landscape_pca ((const float * const *) rows, 20, center, n, directions, explained));
  g_assert_cmpfloat_with_epsilon (explained[0] + explained[1], 1.0, 1e-4);
  g_assert_cmpfloat (explained[0], >=, explained[1]);
  for (int c = 0; c < 2; c++)
    {
      /* Each direction is a unit vector lying in span(u, v). */
      double du = 0, dv = 0, dd = 0;
      for (gsize k = 0; k < n; k++)
        {
          du += directions[c][k] * u[k];
          dv += directions[c][k] * v[k];
          dd += directions[c][k] * directions[c][k];
        }
      g_assert_cmpfloat_with_epsilon (dd, 1.0, 1e-4);
      g_assert_cmpfloat_with_epsilon (du * du + dv * dv, 1.0, 1e-4);
    }
  for (int r = 0; r < 20; r++)
    g_free (rows[r]);

  /* Points on a line span one dimension: no plane to give. */
  float *line[3];
  for (int r = 0; r < 3; r++)
    {
      line[r] = g_new (float, n);
      for (gsize k = 0; k < n; k++)
        line[r][k] = center[k] + (r + 1) * u[k];
    }
  g_assert_false (cl_landscape_pca ((const float * const *) line, 3, center, n, directions, explained));
  for (int r = 0; r < 3; r++)
    g_free (line[r]);
}

static gboolean
stop_after_row_2 (const ClLandscape *l, int row, gpointer data)
{
  int *calls = data;
  (*calls)++;
  return row < 2;
}

static void
test_cancel_stops_within_a_row (void)
{
  g_autoptr(ClDataset) data = linear_data ();
  g_autoptr(ClNetSpec) spec = linear_model ();
  const float w[2] = { 0, 0 };
  ClLandscapeOptions options;
  g_autoptr(GError) error = NULL;
  int calls = 0;

  cl_landscape_options_init (&options);
  options.resolution = 11;
  options.n_samples = 40;
  g_autoptr(ClLandscape) l = cl_landscape_compute (spec, w, NULL, data, NULL, &options,
                                                   stop_after_row_2, &calls, &error);
  g_assert_null (l);
  g_assert_error (error, CL_ERROR, CL_ERROR_CANCELLED);
  g_assert_cmpint (calls, ==, 3);
}

static void
test_same_grid_whatever_the_threads (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  g_autoptr(ClNet) net = cl_net_new (spec, 1, NULL);
  ClToyOptions toy;
  cl_toy_options_init (&toy);
  g_autoptr(GError) error = NULL;
  ClIdxOptions idx = { 0 };
  (void) idx;
  /* LeNet on random 28×28 "images" with 10 classes: what matters is the
   * arithmetic, not the data. */
  g_autoptr(ClDataset) data = _cl_dataset_new (CL_DATASET_CLASSIFICATION, 1, 28, 28, 64, 0, 10, 0, &error);
  g_assert_no_error (error);
  data->name = g_strdup ("noise");
  ClRng rng;
  cl_rng_init (&rng, 9, CL_RNG_STREAM_DATA);
  for (gsize i = 0; i < 64 * 784; i++)
    data->x[i] = cl_rng_uniform (&rng);
  for (int i = 0; i < 64; i++)
    data->labels[i] = i % 10;
  gsize n;
  cl_net_init (net, 4);
  const float *w = cl_net_get_params (net, &n);

  ClLandscapeOptions options;
  cl_landscape_options_init (&options);
  options.resolution = 5;
  options.n_samples = 64;
  omp_set_num_threads (1);
  g_autoptr(ClLandscape) one = cl_landscape_compute (spec, w, NULL, data, NULL, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  omp_set_num_threads (2);
  g_autoptr(ClLandscape) two = cl_landscape_compute (spec, w, NULL, data, NULL, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (one->loss, 25 * sizeof (float), two->loss, 25 * sizeof (float));
  for (int i = 0; i < 25; i++)
    g_assert_true (isfinite (one->loss[i]));
}

static void
test_line_between_two_weight_vectors (void)
{
  g_autoptr(ClDataset) data = linear_data ();
  g_autoptr(ClNetSpec) spec = linear_model ();
  const float from[2] = { 0, 0 }, to[2] = { 1, 2 };
  const double alphas[3] = { 0.0, 0.5, 1.0 };
  double train[3], test[3];
  g_autoptr(GError) error = NULL;

  g_assert_true (cl_landscape_line (spec, from, to, NULL, data, 40, alphas, 3, train, test, &error));
  g_assert_no_error (error);
  /* At α = 1 the weights are the generating ones: only the noise is left. */
  g_assert_cmpfloat (train[2], <, 0.02);
  g_assert_cmpfloat (train[0], >, train[1]);
  g_assert_cmpfloat (train[1], >, train[2]);
  g_assert_true (isnan (test[0]));   /* this set has no test part */
}

static void
test_bad_options_are_refused (void)
{
  g_autoptr(ClDataset) data = linear_data ();
  g_autoptr(ClNetSpec) spec = linear_model ();
  const float w[2] = { 0, 0 };
  ClLandscapeOptions options;
  g_autoptr(GError) error = NULL;

  cl_landscape_options_init (&options);
  options.resolution = 500;
  g_assert_null (cl_landscape_compute (spec, w, NULL, data, NULL, &options, NULL, NULL, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN);
  g_clear_error (&error);

  cl_landscape_options_init (&options);
  options.axes = CL_LANDSCAPE_PCA;
  g_assert_null (cl_landscape_compute (spec, w, NULL, data, NULL, &options, NULL, NULL, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_EMPTY);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/landscape/grid-matches-the-closed-form", test_grid_matches_the_closed_form);
  g_test_add_func ("/engine/landscape/filter-normalisation", test_filter_normalisation);
  g_test_add_func ("/engine/landscape/pca-recovers-a-plane", test_pca_recovers_a_plane);
  g_test_add_func ("/engine/landscape/cancel-stops-within-a-row", test_cancel_stops_within_a_row);
  g_test_add_func ("/engine/landscape/same-grid-whatever-the-threads", test_same_grid_whatever_the_threads);
  g_test_add_func ("/engine/landscape/line-between-two-weight-vectors", test_line_between_two_weight_vectors);
  g_test_add_func ("/engine/landscape/bad-options-are-refused", test_bad_options_are_refused);
  return g_test_run ();
}
