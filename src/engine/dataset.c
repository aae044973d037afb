#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n-lib.h>

#include "engine/dataset-private.h"
#include "engine/error.h"
#include "engine/rng.h"

ClDataset *
_cl_dataset_new (ClDatasetKind kind, guint channels, guint height, guint width, guint n_train,
                 guint n_test, guint n_classes, guint target_dim, GError **error)
{
  g_return_val_if_fail (channels >= 1 && channels <= CL_DATASET_MAX_CHANNELS, NULL);
  g_return_val_if_fail (height >= 1 && width >= 1, NULL);

  guint64 n = (guint64) n_train + n_test;
  guint64 sample_size = (guint64) channels * height * width;
  guint64 per_sample = sample_size + (kind == CL_DATASET_REGRESSION ? target_dim : 1);
  /* Loaders check their own limits first; this is the last guard, and the
   * one that keeps every multiplication below from overflowing. */
  if (n > CL_DATASET_MAX_SAMPLES || height > CL_DATASET_MAX_SIDE || width > CL_DATASET_MAX_SIDE
      || n * per_sample > CL_DATASET_MAX_VALUES)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("A dataset of %llu samples of %u×%u×%u values is larger than the limit of "
                     "%llu values."),
                   (unsigned long long) n, channels, height, width,
                   (unsigned long long) CL_DATASET_MAX_VALUES);
      return NULL;
    }

  g_autoptr(ClDataset) ds = g_new0 (ClDataset, 1);
  ds->ref_count = 1;
  ds->kind = kind;
  ds->norm = CL_DATASET_NORM_NONE;
  ds->channels = channels;
  ds->height = height;
  ds->width = width;
  ds->sample_size = sample_size;
  ds->n_train = n_train;
  ds->n_test = n_test;
  for (guint c = 0; c < CL_DATASET_MAX_CHANNELS; c++)
    ds->std[c] = 1.0f;

  /* g_try_malloc: a dataset within the limits may still not fit in this
   * machine's memory, and that is an error to show, not an abort. */
  ds->x = g_try_malloc_n (MAX (n * sample_size, 1), sizeof (float));
  if (kind == CL_DATASET_CLASSIFICATION)
    {
      ds->n_classes = n_classes;
      ds->labels = g_try_malloc0_n (MAX (n, 1), sizeof (guint32));
    }
  else
    {
      ds->target_dim = target_dim;
      ds->targets = g_try_malloc0_n (MAX (n * target_dim, 1), sizeof (float));
    }
  if (ds->x == NULL || (ds->labels == NULL && ds->targets == NULL))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("Not enough memory for a dataset of %llu samples of %u×%u×%u values."),
                   (unsigned long long) n, channels, height, width);
      return NULL;
    }
  return g_steal_pointer (&ds);
}

ClDataset *
cl_dataset_ref (ClDataset *dataset)
{
  g_return_val_if_fail (dataset != NULL, NULL);
  g_atomic_int_inc (&dataset->ref_count);
  return dataset;
}

void
cl_dataset_unref (ClDataset *dataset)
{
  g_return_if_fail (dataset != NULL);
  if (!g_atomic_int_dec_and_test (&dataset->ref_count))
    return;
  g_free (dataset->name);
  g_free (dataset->description);
  g_free (dataset->report);
  g_strfreev (dataset->class_names);
  g_free (dataset->x);
  g_free (dataset->labels);
  g_free (dataset->targets);
  g_free (dataset);
}

guint
cl_dataset_get_n (const ClDataset *dataset, ClDatasetPart part)
{
  g_return_val_if_fail (dataset != NULL, 0);
  return part == CL_DATASET_TRAIN ? dataset->n_train : dataset->n_test;
}

static inline gsize
first_of (const ClDataset *dataset, ClDatasetPart part)
{
  return part == CL_DATASET_TRAIN ? 0 : dataset->n_train;
}

const float *
cl_dataset_get_sample (const ClDataset *dataset, ClDatasetPart part, guint i)
{
  g_return_val_if_fail (dataset != NULL, NULL);
  g_return_val_if_fail (i < cl_dataset_get_n (dataset, part), NULL);
  return dataset->x + (first_of (dataset, part) + i) * dataset->sample_size;
}

void
cl_dataset_get_batch (const ClDataset *dataset, ClDatasetPart part, const guint32 *indices,
                      gsize n, float *x, guint32 *labels, float *targets)
{
  g_return_if_fail (dataset != NULL);
  g_return_if_fail (n == 0 || indices != NULL);

  guint n_part = cl_dataset_get_n (dataset, part);
  gsize first = first_of (dataset, part);
  gsize ss = dataset->sample_size;
  for (gsize b = 0; b < n; b++)
    {
      g_return_if_fail (indices[b] < n_part);
      gsize s = first + indices[b];
      if (x != NULL)
        memcpy (x + b * ss, dataset->x + s * ss, ss * sizeof (float));
      if (labels != NULL && dataset->labels != NULL)
        labels[b] = dataset->labels[s];
      if (targets != NULL && dataset->targets != NULL)
        memcpy (targets + b * dataset->target_dim, dataset->targets + s * dataset->target_dim,
                dataset->target_dim * sizeof (float));
    }
}

static int
compare_index (gconstpointer a, gconstpointer b)
{
  guint32 x = *(const guint32 *) a, y = *(const guint32 *) b;
  return x < y ? -1 : x > y;
}

void
cl_dataset_keep_train (ClDataset *d, guint n)
{
  if (n == 0 || n >= d->n_train)
    return;
  g_autofree guint32 *kept = g_new (guint32, d->n_train);
  ClRng rng;

  /* A fixed seed: the subset is a property of the set and n, so a design
   * names the same images wherever it is opened. */
  cl_rng_init (&rng, 1, CL_RNG_STREAM_DATA);
  for (guint i = 0; i < d->n_train; i++)
    kept[i] = i;
  cl_rng_shuffle (&rng, kept, d->n_train);
  qsort (kept, n, sizeof *kept, compare_index);

  /* Sample kept[j] moves down to j (kept[j] >= j), then the test part
   * moves down after them. */
  gsize size = d->sample_size, dim = d->target_dim;
  for (guint j = 0; j < n; j++)
    {
      memmove (d->x + j * size, d->x + kept[j] * size, size * sizeof (float));
      if (d->labels != NULL)
        d->labels[j] = d->labels[kept[j]];
      if (d->targets != NULL)
        memmove (d->targets + j * dim, d->targets + kept[j] * dim, dim * sizeof (float));
    }
  memmove (d->x + n * size, d->x + (gsize) d->n_train * size,
           (gsize) d->n_test * size * sizeof (float));
  if (d->labels != NULL)
    memmove (d->labels + n, d->labels + d->n_train, d->n_test * sizeof (guint32));
  if (d->targets != NULL)
    memmove (d->targets + n * dim, d->targets + (gsize) d->n_train * dim,
             (gsize) d->n_test * dim * sizeof (float));
  d->n_train = n;
  _cl_dataset_describe (d, d->height * d->width > 1);
}

void
cl_dataset_count_classes (const ClDataset *dataset, ClDatasetPart part, guint *counts)
{
  g_return_if_fail (dataset != NULL && counts != NULL);
  memset (counts, 0, dataset->n_classes * sizeof (guint));
  if (dataset->labels == NULL)
    return;
  gsize first = first_of (dataset, part);
  for (guint i = 0; i < cl_dataset_get_n (dataset, part); i++)
    counts[dataset->labels[first + i]]++;
}

void
cl_dataset_standardise (ClDataset *dataset)
{
  g_return_if_fail (dataset != NULL);
  if (dataset->norm == CL_DATASET_NORM_STANDARD || dataset->n_train == 0)
    return;

  gsize plane = (gsize) dataset->height * dataset->width;
  gsize n = (gsize) dataset->n_train + dataset->n_test;
  for (guint c = 0; c < dataset->channels; c++)
    {
      /* Statistics of the training part only: the test part must not leak
       * into what the network sees while learning. Doubles: 47 million
       * float additions would lose digits. */
      double sum = 0, sum2 = 0;
      for (gsize i = 0; i < dataset->n_train; i++)
        {
          const float *p = dataset->x + i * dataset->sample_size + c * plane;
          for (gsize k = 0; k < plane; k++)
            {
              sum += p[k];
              sum2 += (double) p[k] * p[k];
            }
        }
      double count = (double) dataset->n_train * plane;
      double mean = sum / count;
      double var = MAX (sum2 / count - mean * mean, 0.0);
      /* A constant channel keeps std 1 rather than dividing by zero. */
      double std = var > 1e-12 ? sqrt (var) : 1.0;
      float m = (float) mean, inv = (float) (1.0 / std);
      for (gsize i = 0; i < n; i++)
        {
          float *p = dataset->x + i * dataset->sample_size + c * plane;
          for (gsize k = 0; k < plane; k++)
            p[k] = (p[k] - m) * inv;
        }
      dataset->mean[c] = m;
      dataset->std[c] = (float) std;
    }
  dataset->norm = CL_DATASET_NORM_STANDARD;
}

char *
_cl_format_count (guint64 n)
{
  g_autofree char *digits = g_strdup_printf ("%llu", (unsigned long long) n);
  gsize len = strlen (digits);
  GString *out = g_string_new (NULL);
  /* Numbers under 10 000 stay whole, as both English and French print them. */
  for (gsize i = 0; i < len; i++)
    {
      if (len > 4 && i > 0 && (len - i) % 3 == 0)
        g_string_append (out, "\u202f");
      g_string_append_c (out, digits[i]);
    }
  return g_string_free (out, FALSE);
}

void
_cl_dataset_describe (ClDataset *dataset, gboolean images)
{
  g_autofree char *train = _cl_format_count (dataset->n_train);
  g_autofree char *test = _cl_format_count (dataset->n_test);
  g_free (dataset->description);
  if (images && dataset->channels == 1)
    dataset->description = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%s (%s training, %s test image, %u×%u grey)",
                     "%s (%s training, %s test images, %u×%u grey)", dataset->n_test),
        dataset->name, train, test, dataset->width, dataset->height);
  else if (images)
    dataset->description = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%s (%s training, %s test image, %u×%u colour)",
                     "%s (%s training, %s test images, %u×%u colour)", dataset->n_test),
        dataset->name, train, test, dataset->width, dataset->height);
  else
    dataset->description = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE, "%s (%s training, %s test point, %uD)",
                     "%s (%s training, %s test points, %uD)", dataset->n_test),
        dataset->name, train, test, (guint) dataset->sample_size);
}

ClDataset *
cl_dataset_new_single (const float *pixels, guint channels, guint height, guint width,
                       GError **error)
{
  if (channels < 1 || channels > CL_DATASET_MAX_CHANNELS || height < 1 || width < 1)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("An image of %u×%u×%u values cannot be a sample."), channels, height, width);
      return NULL;
    }
  ClDataset *ds = _cl_dataset_new (CL_DATASET_CLASSIFICATION, channels, height, width, 0, 1, 1, 0,
                                   error);
  if (ds == NULL)
    return NULL;
  memcpy (ds->x, pixels, ds->sample_size * sizeof (float));
  ds->labels[0] = 0;
  return ds;
}
