#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "engine/error.h"
#include "engine/landscape.h"
#include "engine/net.h"
#include "engine/omp-compat.h"
#include "engine/rng.h"

/* Samples per forward pass when measuring a loss: big enough to keep the
 * layers' loops busy, small enough that a thread's activations stay small. */
#define EVAL_BATCH 250

void
cl_landscape_options_init (ClLandscapeOptions *options)
{
  *options = (ClLandscapeOptions) {
    .resolution = 31,
    .range = 1.0,
    .n_samples = 1000,
    .seed = 1,
    .axes = CL_LANDSCAPE_RANDOM,
  };
}

void
cl_landscape_free (ClLandscape *landscape)
{
  if (landscape == NULL)
    return;
  g_free (landscape->loss);
  g_free (landscape->directions[0]);
  g_free (landscape->directions[1]);
  g_free (landscape->path);
  g_free (landscape);
}

ClLandscape *
cl_landscape_copy_for_display (const ClLandscape *l)
{
  ClLandscape *copy = g_new0 (ClLandscape, 1);

  *copy = *l;
  copy->loss = g_memdup2 (l->loss, (gsize) l->resolution * l->resolution * sizeof (float));
  copy->directions[0] = copy->directions[1] = NULL;
  copy->path = l->n_path > 0 ? g_memdup2 (l->path, l->n_path * sizeof (ClPoint)) : NULL;
  return copy;
}

/* ---- directions ---------------------------------------------------------- */

void
cl_landscape_filter_normalised_direction (const ClNetSpec *spec, const float *params,
                                          guint64 seed, float *direction)
{
  g_autoptr(ClNet) net = cl_net_new (spec, 1, NULL);
  ClRng rng;
  gsize offset = 0;

  g_return_if_fail (net != NULL);
  cl_rng_init (&rng, seed, CL_RNG_STREAM_LANDSCAPE);
  for (int layer = 0; layer < cl_net_get_n_layers (net); layer++)
    for (int j = 0; j < cl_net_get_layer_n_tensors (net, layer); j++)
      {
        float *grad = NULL;
        const ClTensorInfo *info = cl_net_get_layer_tensor (net, layer, j, NULL, &grad);
        if (grad == NULL)   /* running statistics: not in the parameter block */
          continue;
        float *d = direction + offset;
        const float *w = params + offset;
        offset += info->count;
        /* Biases, batch-norm scales and shifts, PReLU slopes: not moved. */
        if (info->ndim < 2)
          {
            memset (d, 0, info->count * sizeof (float));
            continue;
          }
        /* A filter is one output unit's or channel's weights: dims[0] of them. */
        gsize filters = (gsize) info->dims[0], size = info->count / filters;
        for (gsize f = 0; f < filters; f++)
          {
            double dn = 0, wn = 0;
            for (gsize k = 0; k < size; k++)
              {
                d[f * size + k] = cl_rng_normal (&rng);
                dn += (double) d[f * size + k] * d[f * size + k];
                wn += (double) w[f * size + k] * w[f * size + k];
              }
            double scale = dn > 0 ? sqrt (wn / dn) : 0;
            for (gsize k = 0; k < size; k++)
              d[f * size + k] = (float) (d[f * size + k] * scale);
          }
      }
}

/* Jacobi eigenvalue iteration for a small symmetric matrix (n <= ~100):
 * a holds the matrix and is destroyed; values and vectors (columns) out. */
static void
symmetric_eigen (double *a, int n, double *values, double *vectors)
{
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++)
      vectors[i * n + j] = i == j;
  for (int sweep = 0; sweep < 100; sweep++)
    {
      double off = 0;
      for (int p = 0; p < n; p++)
        for (int q = p + 1; q < n; q++)
          off += a[p * n + q] * a[p * n + q];
      if (off < 1e-30)
        break;
      for (int p = 0; p < n; p++)
        for (int q = p + 1; q < n; q++)
          {
            double apq = a[p * n + q];
            if (fabs (apq) < 1e-300)
              continue;
            double theta = (a[q * n + q] - a[p * n + p]) / (2 * apq);
            double t = (theta >= 0 ? 1 : -1) / (fabs (theta) + sqrt (theta * theta + 1));
            double c = 1 / sqrt (t * t + 1), s = t * c;
            for (int k = 0; k < n; k++)
              {
                double akp = a[k * n + p], akq = a[k * n + q];
                a[k * n + p] = c * akp - s * akq;
                a[k * n + q] = s * akp + c * akq;
              }
            for (int k = 0; k < n; k++)
              {
                double apk = a[p * n + k], aqk = a[q * n + k];
                a[p * n + k] = c * apk - s * aqk;
                a[q * n + k] = s * apk + c * aqk;
              }
            for (int k = 0; k < n; k++)
              {
                double vkp = vectors[k * n + p], vkq = vectors[k * n + q];
                vectors[k * n + p] = c * vkp - s * vkq;
                vectors[k * n + q] = s * vkp + c * vkq;
              }
          }
    }
  for (int i = 0; i < n; i++)
    values[i] = a[i * n + i];
}

gboolean
cl_landscape_pca (const float * const *rows, int n_rows, const float *center, gsize n,
                  float *directions[2], double explained[2])
{
  if (n_rows < 2)
    return FALSE;
  /* The Gram matrix of the differences: n_rows² instead of n², since a
   * network has far more parameters than the path has checkpoints. */
  g_autofree double *gram = g_new0 (double, (gsize) n_rows * n_rows);
  for (int a = 0; a < n_rows; a++)
    for (int b = a; b < n_rows; b++)
      {
        double sum = 0;
        for (gsize k = 0; k < n; k++)
          sum += ((double) rows[a][k] - center[k]) * ((double) rows[b][k] - center[k]);
        gram[a * n_rows + b] = gram[b * n_rows + a] = sum;
      }
  double trace = 0;
  for (int a = 0; a < n_rows; a++)
    trace += gram[a * n_rows + a];
  g_autofree double *values = g_new (double, n_rows);
  g_autofree double *vectors = g_new (double, (gsize) n_rows * n_rows);
  symmetric_eigen (gram, n_rows, values, vectors);

  int best[2] = { -1, -1 };
  for (int i = 0; i < n_rows; i++)
    if (best[0] < 0 || values[i] > values[best[0]])
      best[0] = i;
  for (int i = 0; i < n_rows; i++)
    if (i != best[0] && (best[1] < 0 || values[i] > values[best[1]]))
      best[1] = i;
  if (trace <= 0 || values[best[1]] <= 1e-12 * trace)
    return FALSE;

  for (int c = 0; c < 2; c++)
    {
      double norm = sqrt (values[best[c]]);
      for (gsize k = 0; k < n; k++)
        {
          double sum = 0;
          for (int a = 0; a < n_rows; a++)
            sum += vectors[a * n_rows + best[c]] * ((double) rows[a][k] - center[k]);
          directions[c][k] = (float) (sum / norm);
        }
      explained[c] = values[best[c]] / trace;
    }
  return TRUE;
}

/* ---- measuring the loss -------------------------------------------------- */

/* The fixed subset the losses are measured on. */
typedef struct {
  int n;
  float *x;
  gint32 *labels;
  float *targets;
} Subset;

static void
subset_clear (Subset *s)
{
  g_free (s->x);
  g_free (s->labels);
  g_free (s->targets);
}

static gboolean
subset_init (Subset *s, ClDataset *data, ClDatasetPart part, int n, gboolean binary, GError **error)
{
  guint available = cl_dataset_get_n (data, part);

  memset (s, 0, sizeof *s);
  s->n = (int) MIN ((guint) n, available);
  if (s->n == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_EMPTY, _("%s has no samples to measure the loss on."),
                   data->name);
      return FALSE;
    }
  g_autofree guint32 *indices = g_new (guint32, s->n);
  g_autofree guint32 *labels = g_new0 (guint32, s->n);
  for (int i = 0; i < s->n; i++)
    indices[i] = (guint32) i;   /* the first ones: the same subset every time */
  s->x = g_new (float, (gsize) s->n * data->sample_size);
  s->labels = g_new0 (gint32, s->n);
  s->targets = g_new0 (float, (gsize) s->n * MAX (1u, data->target_dim));
  cl_dataset_get_batch (data, part, indices, s->n, s->x, labels,
                        data->kind == CL_DATASET_REGRESSION ? s->targets : NULL);
  for (int i = 0; i < s->n; i++)
    {
      s->labels[i] = (gint32) labels[i];
      if (binary)
        s->targets[i] = labels[i] == 1;
    }
  return TRUE;
}

/* The mean loss of `net` (its parameters already set) on the subset. */
static double
subset_loss (ClNet *net, const Subset *s, gsize sample_size, int target_dim)
{
  int batch = cl_net_get_batch_size (net);
  double sum = 0;

  for (int start = 0; start < s->n; start += batch)
    {
      int count = MIN (batch, s->n - start);
      ClStepResult result;
      cl_net_forward (net, s->x + (gsize) start * sample_size, count, FALSE);
      /* Far from the minimum the loss may overflow: that is a value of the
       * landscape (drawn as the highest), not an error. */
      if (!cl_net_compute_loss (net, s->labels + start, s->targets + (gsize) start * target_dim,
                                &result, NULL))
        return INFINITY;
      sum += result.loss * count;
    }
  return sum / s->n;
}

static void
set_weights (ClNet *net, const float *w, const float *buffers)
{
  gsize n, nb;
  float *params = cl_net_get_params (net, &n);
  float *running = cl_net_get_buffers (net, &nb);
  memcpy (params, w, n * sizeof (float));
  if (buffers != NULL && nb > 0)
    memcpy (running, buffers, nb * sizeof (float));
}

gboolean
cl_landscape_line (const ClNetSpec *spec, const float *from, const float *to,
                   const float *buffers, ClDataset *data, int n_samples, const double *alphas,
                   int n, double *train_loss, double *test_loss, GError **error)
{
  gboolean binary = cl_net_spec_peek_train (spec)->loss == CL_LOSS_BINARY_CROSS_ENTROPY;
  g_autoptr(ClNet) net = cl_net_new (spec, MIN (EVAL_BATCH, MAX (1, n_samples)), error);
  Subset train = { 0 }, test = { 0 };
  int target_dim = (int) MAX (1u, data->target_dim);

  if (net == NULL || !subset_init (&train, data, CL_DATASET_TRAIN, n_samples, binary, error))
    return FALSE;
  gboolean with_test = test_loss != NULL && cl_dataset_get_n (data, CL_DATASET_TEST) > 0
                       && subset_init (&test, data, CL_DATASET_TEST, n_samples, binary, NULL);
  gsize n_params = cl_net_get_n_params (net);
  g_autofree float *w = g_new (float, n_params);
  for (int a = 0; a < n; a++)
    {
      for (gsize k = 0; k < n_params; k++)
        w[k] = (float) (from[k] + alphas[a] * ((double) to[k] - from[k]));
      set_weights (net, w, buffers);
      train_loss[a] = subset_loss (net, &train, data->sample_size, target_dim);
      if (test_loss != NULL)
        test_loss[a] = with_test ? subset_loss (net, &test, data->sample_size, target_dim) : NAN;
    }
  subset_clear (&train);
  subset_clear (&test);
  return TRUE;
}

/* ---- the grid ------------------------------------------------------------ */

static gboolean
check_options (const ClLandscapeOptions *o, GError **error)
{
  if (o->resolution < 3 || o->resolution > CL_LANDSCAPE_MAX_RESOLUTION)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("The landscape grid must be from 3×3 to %d×%d points."),
                   CL_LANDSCAPE_MAX_RESOLUTION, CL_LANDSCAPE_MAX_RESOLUTION);
      return FALSE;
    }
  if (o->n_samples < 1 || o->n_samples > CL_LANDSCAPE_MAX_SAMPLES)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("The landscape is measured on 1 to %d samples."), CL_LANDSCAPE_MAX_SAMPLES);
      return FALSE;
    }
  if (!(o->range >= 0 && o->range <= 1000) || (o->range == 0 && o->axes != CL_LANDSCAPE_PCA))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("The landscape range must be above 0 and at most 1000."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
choose_directions (ClLandscape *l, const ClNetSpec *spec, const float *params,
                   GPtrArray *checkpoints, const ClLandscapeOptions *o, GError **error)
{
  switch (o->axes)
    {
    case CL_LANDSCAPE_GIVEN:
      for (int c = 0; c < 2; c++)
        memcpy (l->directions[c], o->given[c], l->n_params * sizeof (float));
      return TRUE;
    case CL_LANDSCAPE_RANDOM:
      cl_landscape_filter_normalised_direction (spec, params, o->seed, l->directions[0]);
      cl_landscape_filter_normalised_direction (spec, params, o->seed + 1, l->directions[1]);
      return TRUE;
    case CL_LANDSCAPE_PCA:
      {
        int k = checkpoints != NULL ? (int) checkpoints->len : 0;
        g_autofree const float **rows = g_new0 (const float *, MAX (k, 1));
        for (int i = 0; i < k; i++)
          {
            GBytes *bytes = g_ptr_array_index (checkpoints, i);
            g_return_val_if_fail (g_bytes_get_size (bytes) == l->n_params * sizeof (float), FALSE);
            rows[i] = g_bytes_get_data (bytes, NULL);
          }
        if (!cl_landscape_pca (rows, k, params, l->n_params, l->directions, l->explained))
          {
            g_set_error (error, CL_ERROR, CL_ERROR_EMPTY,
                         _("The training path is too short for its principal components: train "
                           "a few more steps, or use random directions."));
            return FALSE;
          }
        return TRUE;
      }
    }
  return FALSE;
}

static void
project_path (ClLandscape *l, const float *params, GPtrArray *checkpoints)
{
  if (checkpoints == NULL || checkpoints->len == 0)
    return;
  double norm[2] = { 0, 0 };
  for (int c = 0; c < 2; c++)
    for (gsize k = 0; k < l->n_params; k++)
      norm[c] += (double) l->directions[c][k] * l->directions[c][k];
  l->n_path = (int) checkpoints->len;
  l->path = g_new0 (ClPoint, l->n_path);
  for (int i = 0; i < l->n_path; i++)
    {
      const float *w = g_bytes_get_data (g_ptr_array_index (checkpoints, i), NULL);
      double dot[2] = { 0, 0 };
      for (int c = 0; c < 2; c++)
        for (gsize k = 0; k < l->n_params; k++)
          dot[c] += ((double) w[k] - params[k]) * l->directions[c][k];
      l->path[i] = (ClPoint) { norm[0] > 0 ? dot[0] / norm[0] : 0, norm[1] > 0 ? dot[1] / norm[1] : 0 };
    }
}

ClLandscape *
cl_landscape_compute (const ClNetSpec *spec, const float *params, const float *buffers,
                      ClDataset *data, GPtrArray *checkpoints, const ClLandscapeOptions *options,
                      ClLandscapeRowFunc on_row, gpointer data_for_row, GError **error)
{
  ClLandscapeOptions defaults;
  cl_landscape_options_init (&defaults);
  const ClLandscapeOptions *o = options != NULL ? options : &defaults;
  gboolean binary = cl_net_spec_peek_train (spec)->loss == CL_LOSS_BINARY_CROSS_ENTROPY;
  int target_dim = (int) MAX (1u, data->target_dim);
  int n_threads = MAX (1, omp_get_max_threads ());
  Subset subset;

  if (!check_options (o, error))
    return NULL;
  g_autoptr(ClNet) probe = cl_net_new (spec, 1, error);
  if (probe == NULL || !subset_init (&subset, data, CL_DATASET_TRAIN, o->n_samples, binary, error))
    return NULL;

  g_autoptr(ClLandscape) l = g_new0 (ClLandscape, 1);
  int n = o->resolution;
  l->resolution = n;
  l->axes = o->axes;
  l->n_params = cl_net_get_n_params (probe);
  l->loss = g_new (float, (gsize) n * n);
  for (int i = 0; i < n * n; i++)
    l->loss[i] = NAN;
  l->directions[0] = g_new0 (float, MAX (1, l->n_params));
  l->directions[1] = g_new0 (float, MAX (1, l->n_params));
  if (!choose_directions (l, spec, params, checkpoints, o, error))
    {
      subset_clear (&subset);
      return NULL;
    }
  project_path (l, params, checkpoints);
  l->range = o->range;
  if (l->range == 0)   /* PCA: frame the path with a margin */
    {
      for (int i = 0; i < l->n_path; i++)
        l->range = MAX (l->range, MAX (fabs (l->path[i].x), fabs (l->path[i].y)));
      l->range = l->range > 0 ? 1.25 * l->range : 1.0;
    }

  /* One instance per thread: each point's loss is computed whole by one
   * thread, so the grid is the same whatever the thread count. */
  int batch = MIN (EVAL_BATCH, subset.n);
  g_autoptr(GPtrArray) nets = g_ptr_array_new_with_free_func ((GDestroyNotify) cl_net_free);
  for (int t = 0; t < n_threads; t++)
    {
      ClNet *net = cl_net_new (spec, batch, error);
      if (net == NULL)
        {
          subset_clear (&subset);
          return NULL;
        }
      set_weights (net, params, buffers);
      g_ptr_array_add (nets, net);
    }
  l->center_loss = subset_loss (g_ptr_array_index (nets, 0), &subset, data->sample_size, target_dim);

  gboolean cancelled = FALSE;
  for (int j = 0; j < n && !cancelled; j++)
    {
      double b = -l->range + 2 * l->range * j / (n - 1);
#pragma omp parallel for schedule(dynamic, 1) num_threads(n_threads)
      for (int i = 0; i < n; i++)
        {
          double a = -l->range + 2 * l->range * i / (n - 1);
          ClNet *net = g_ptr_array_index (nets, omp_get_thread_num ());
          gsize count;
          float *w = cl_net_get_params (net, &count);
          for (gsize k = 0; k < count; k++)
            w[k] = (float) (params[k] + a * l->directions[0][k] + b * l->directions[1][k]);
          l->loss[j * n + i] = (float) subset_loss (net, &subset, data->sample_size, target_dim);
        }
      l->rows_done = j + 1;
      if (on_row != NULL && !on_row (l, j, data_for_row))
        cancelled = TRUE;
    }
  subset_clear (&subset);
  if (cancelled)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_CANCELLED, _("The landscape was cancelled."));
      return NULL;
    }
  return g_steal_pointer (&l);
}
