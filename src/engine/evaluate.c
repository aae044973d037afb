#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "engine/error.h"
#include "engine/evaluate.h"

int
cl_output_predicted_class (const float *out, int size)
{
  if (size == 1)
    return out[0] > 0.5f;
  int best = 0;
  for (int c = 1; c < size; c++)
    if (out[c] > out[best])
      best = c;
  return best;
}

gboolean
cl_net_evaluate_dataset (ClNet *net, ClDataset *data, ClDatasetPart part, ClEvaluation *result,
                         guint *confusion, ClGalleryCollector *worst, GError **error)
{
  guint n = cl_dataset_get_n (data, part);
  int batch = cl_net_get_batch_size (net);
  int last = cl_net_get_n_layers (net) - 1;
  ClShape out = cl_net_get_output_shape (net, last);
  int out_size = out.c * out.h * out.w;
  gboolean classification = data->kind == CL_DATASET_CLASSIFICATION;
  gboolean binary = cl_net_get_train (net)->loss == CL_LOSS_BINARY_CROSS_ENTROPY;
  double loss_sum = 0;
  guint64 correct = 0;

  if (n == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_EMPTY, _("%s has no samples to evaluate."), data->name);
      return FALSE;
    }
  /* Allocated per evaluation (once an epoch), never per batch. */
  g_autofree float *x = g_new (float, (gsize) batch * data->sample_size);
  g_autofree guint32 *labels = g_new0 (guint32, batch);
  g_autofree float *targets = g_new0 (float, (gsize) batch * MAX (1u, data->target_dim));
  g_autofree guint32 *indices = g_new (guint32, batch);
  if (confusion != NULL && classification)
    memset (confusion, 0, sizeof (guint) * data->n_classes * data->n_classes);

  for (guint start = 0; start < n; start += batch)
    {
      int count = (int) MIN ((guint) batch, n - start);
      ClStepResult step;
      for (int i = 0; i < count; i++)
        indices[i] = start + i;
      cl_dataset_get_batch (data, part, indices, count, x, labels, classification ? NULL : targets);
      if (binary)
        for (int i = 0; i < count; i++)
          targets[i] = labels[i] == 1;
      if (!cl_net_evaluate (net, x, (const gint32 *) labels, targets, count, &step, error))
        return FALSE;
      loss_sum += step.loss * count;
      correct += step.correct;
      if ((confusion != NULL || worst != NULL) && classification)
        {
          const float *o = cl_net_get_layer_output (net, last, NULL);
          for (int i = 0; i < count; i++, o += out_size)
            {
              if (confusion != NULL)
                confusion[labels[i] * data->n_classes + cl_output_predicted_class (o, out_size)]++;
              if (worst != NULL)
                cl_gallery_collector_add (worst, start + i, (int) labels[i], o, out_size);
            }
        }
    }
  result->n = n;
  result->loss = loss_sum / n;
  result->accuracy = classification ? (double) correct / n : NAN;
  return TRUE;
}
