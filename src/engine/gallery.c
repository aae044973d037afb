#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/error.h"
#include "engine/evaluate.h"
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

struct _ClGalleryCollector {
  ClDataset *data;
  ClDatasetPart part;
  int max, n;
  int worst_kept;       /* the best of the kept ones: the next to give way */
  Entry *entries;       /* max */
};

ClGalleryCollector *
cl_gallery_collector_new (ClDataset *data, ClDatasetPart part, int max)
{
  if (data == NULL || data->kind != CL_DATASET_CLASSIFICATION || data->n_classes < 2)
    return NULL;
  ClGalleryCollector *c = g_new0 (ClGalleryCollector, 1);
  c->data = cl_dataset_ref (data);
  c->part = part;
  c->max = CLAMP (max, 1, CL_GALLERY_MAX);
  c->entries = g_new (Entry, c->max);
  return c;
}

void
cl_gallery_collector_add (ClGalleryCollector *c, guint index, int label, const float *o,
                          int out_size)
{
  Entry e = { .index = index, .label = label };

  e.predicted = cl_output_predicted_class (o, out_size);
  if (out_size == 1)
    {
      /* One sigmoid: the probability of class 1. */
      e.confidence = e.predicted ? o[0] : 1 - o[0];
      e.true_prob = label == 1 ? o[0] : 1 - o[0];
    }
  else
    {
      e.confidence = o[e.predicted];
      e.true_prob = label >= 0 && label < out_size ? o[label] : NAN;
    }

  if (c->n < c->max)
    c->entries[c->n++] = e;
  else if (by_true_prob (&e, &c->entries[c->worst_kept]) < 0)
    c->entries[c->worst_kept] = e;
  else
    return;
  /* Bounded (at most CL_GALLERY_MAX): a scan beats keeping a heap. */
  c->worst_kept = 0;
  for (int i = 1; i < c->n; i++)
    if (by_true_prob (&c->entries[i], &c->entries[c->worst_kept]) > 0)
      c->worst_kept = i;
}

void
cl_gallery_collector_free (ClGalleryCollector *c)
{
  if (c == NULL)
    return;
  g_clear_pointer (&c->data, cl_dataset_unref);
  g_free (c->entries);
  g_free (c);
}

ClGallery *
cl_gallery_collector_finish (ClGalleryCollector *c)
{
  ClDataset *data = c->data;
  gsize size = data->sample_size;
  ClGallery *g = NULL;

  if (c->n == 0)
    {
      cl_gallery_collector_free (c);
      return NULL;
    }
  qsort (c->entries, c->n, sizeof (Entry), by_true_prob);
  g = g_new0 (ClGallery, 1);
  g->n = c->n;
  g->shape = (ClShape) { (int) data->channels, (int) data->height, (int) data->width };
  g->images = g_new (float, (gsize) g->n * size);
  g->indices = g_new (guint, g->n);
  g->labels = g_new (int, g->n);
  g->predicted = g_new (int, g->n);
  g->confidence = g_new (float, g->n);
  g->true_prob = g_new (float, g->n);
  for (int i = 0; i < g->n; i++)
    {
      const Entry *e = &c->entries[i];
      memcpy (g->images + (gsize) i * size, cl_dataset_get_sample (data, c->part, e->index),
              size * sizeof (float));
      g->indices[i] = e->index;
      g->labels[i] = e->label;
      g->predicted[i] = e->predicted;
      g->confidence[i] = e->confidence;
      g->true_prob[i] = e->true_prob;
    }
  cl_gallery_collector_free (c);
  return g;
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

  ClGalleryCollector *worst = cl_gallery_collector_new (data, part, max);
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
        cl_gallery_collector_add (worst, start + i, (int) labels[i], o, out_size);
    }
  return cl_gallery_collector_finish (worst);
}

ClGallery *
cl_gallery_copy (const ClGallery *g)
{
  gsize size = (gsize) g->shape.c * g->shape.h * g->shape.w;
  ClGallery *c = g_new0 (ClGallery, 1);

  c->n = g->n;
  c->shape = g->shape;
  c->images = g_memdup2 (g->images, (gsize) g->n * size * sizeof (float));
  c->indices = g_memdup2 (g->indices, g->n * sizeof (guint));
  c->labels = g_memdup2 (g->labels, g->n * sizeof (int));
  c->predicted = g_memdup2 (g->predicted, g->n * sizeof (int));
  c->confidence = g_memdup2 (g->confidence, g->n * sizeof (float));
  c->true_prob = g_memdup2 (g->true_prob, g->n * sizeof (float));
  return c;
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
