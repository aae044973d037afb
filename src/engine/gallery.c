#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/error.h"
#include "engine/gallery.h"

typedef struct {
  guint index;
  int label, predicted;
  float confidence, true_prob;
} Entry;

static int
by_true_prob (gconstpointer a, gconstpointer b)
{
  const Entry *x = a, *y = b;
  /* NaN (a diverged net) sorts first: it is the worst of all. */
  if (isnan (x->true_prob) != isnan (y->true_prob))
    return isnan (x->true_prob) ? -1 : 1;
  if (x->true_prob != y->true_prob)
    return x->true_prob < y->true_prob ? -1 : 1;
  return x->index < y->index ? -1 : x->index > y->index;
}

ClGallery *
cl_gallery_new (ClNet *net, ClDataset *data, int max, GError **error)
{
  ClDatasetPart part = cl_dataset_get_n (data, CL_DATASET_TEST) > 0 ? CL_DATASET_TEST
                                                                    : CL_DATASET_TRAIN;
  guint n = cl_dataset_get_n (data, part);
  int last = cl_net_get_n_layers (net) - 1;
  ClShape out = cl_net_get_output_shape (net, last);
  int out_size = out.c * out.h * out.w, batch = cl_net_get_batch_size (net);
  int k = (int) data->n_classes;

  if (data->kind != CL_DATASET_CLASSIFICATION || k < 2 || (out_size != k && !(out_size == 1 && k == 2)))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   _("A gallery of predictions needs a classifier with one output per class."));
      return NULL;
    }
  if (n == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_EMPTY, _("%s has no samples to evaluate."), data->name);
      return NULL;
    }
  max = CLAMP (max, 1, CL_GALLERY_MAX);

  g_autofree Entry *entries = g_new (Entry, n);
  g_autofree float *x = g_new (float, (gsize) batch * data->sample_size);
  g_autofree guint32 *labels = g_new (guint32, batch);
  g_autofree guint32 *indices = g_new (guint32, batch);
  for (guint start = 0; start < n; start += batch)
    {
      int count = (int) MIN ((guint) batch, n - start);
      for (int i = 0; i < count; i++)
        indices[i] = start + i;
      cl_dataset_get_batch (data, part, indices, count, x, labels, NULL);
      const float *o = cl_net_forward (net, x, count, FALSE);
      for (int i = 0; i < count; i++, o += out_size)
        {
          Entry *e = &entries[start + i];
          e->index = start + i;
          e->label = (int) labels[i];
          if (out_size == 1)
            {
              /* One sigmoid: the probability of class 1. */
              e->predicted = o[0] > 0.5f;
              e->confidence = e->predicted ? o[0] : 1 - o[0];
              e->true_prob = e->label == 1 ? o[0] : 1 - o[0];
              continue;
            }
          e->predicted = 0;
          for (int c = 1; c < out_size; c++)
            if (o[c] > o[e->predicted])
              e->predicted = c;
          e->confidence = o[e->predicted];
          e->true_prob = o[e->label];
        }
    }
  qsort (entries, n, sizeof (Entry), by_true_prob);

  ClGallery *g = g_new0 (ClGallery, 1);
  g->n = (int) MIN ((guint) max, n);
  g->shape = (ClShape) { (int) data->channels, (int) data->height, (int) data->width };
  g->images = g_new (float, (gsize) g->n * data->sample_size);
  g->indices = g_new (guint, g->n);
  g->labels = g_new (int, g->n);
  g->predicted = g_new (int, g->n);
  g->confidence = g_new (float, g->n);
  g->true_prob = g_new (float, g->n);
  for (int i = 0; i < g->n; i++)
    {
      const Entry *e = &entries[i];
      memcpy (g->images + (gsize) i * data->sample_size, cl_dataset_get_sample (data, part, e->index),
              data->sample_size * sizeof (float));
      g->indices[i] = e->index;
      g->labels[i] = e->label;
      g->predicted[i] = e->predicted;
      g->confidence[i] = e->confidence;
      g->true_prob[i] = e->true_prob;
    }
  return g;
}

void
cl_gallery_free (ClGallery *g)
{
  if (g == NULL)
    return;
  g_free (g->images);
  g_free (g->indices);
  g_free (g->labels);
  g_free (g->predicted);
  g_free (g->confidence);
  g_free (g->true_prob);
  g_free (g);
}
