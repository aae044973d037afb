#define G_LOG_DOMAIN "convlab-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>

#include "cli-common.h"
#include "engine/error.h"
#include "engine/model-file.h"

gboolean
cl_cli_parse (GOptionContext *context, int *argc, char ***argv, int *status)
{
  g_autoptr(GError) error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      fprintf (stderr, "convlab-cli: %s\n", error->message);
      *status = 2;
      return FALSE;
    }
  *status = 0;
  return TRUE;
}

int
cl_cli_fail (const GError *error)
{
  fprintf (stderr, "convlab-cli: %s\n", error->message);
  return 1;
}

int
cl_cli_fail_message (const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  fprintf (stderr, "convlab-cli: %s\n", message);
  return 1;
}

gboolean
cl_cli_open (const char *path, int batch_size, ClDesign **design, ClNet **net, GError **error)
{
  *net = NULL;
  if (cl_model_file_is_model (path))
    {
      *net = cl_model_load (path, batch_size, design, error);
      return *net != NULL;
    }
  *design = cl_design_load (path, error);
  return *design != NULL;
}

ClDataset *
cl_cli_load_data (const ClDesign *design, const char *source, GError **error)
{
  ClDataRef ref;

  cl_data_ref_copy (&ref, &design->data);
  if (source != NULL)
    {
      g_free (ref.source);
      ref.source = g_strdup (source);
    }
  ClDataset *data = cl_data_ref_load (&ref, error);
  cl_data_ref_clear (&ref);
  if (data != NULL && data->report != NULL)
    fprintf (stderr, "%s\n", data->report);
  return data;
}

gboolean
cl_cli_evaluate (ClNet *net, ClDataset *data, double *loss, double *accuracy, guint *confusion,
                 GError **error)
{
  ClDatasetPart part = cl_dataset_get_n (data, CL_DATASET_TEST) > 0 ? CL_DATASET_TEST
                                                                    : CL_DATASET_TRAIN;
  guint n = cl_dataset_get_n (data, part);
  int batch = cl_net_get_batch_size (net);
  int last = cl_net_get_n_layers (net) - 1;
  ClShape out = cl_net_get_output_shape (net, last);
  int out_size = out.c * out.h * out.w;
  gboolean binary = cl_net_get_train (net)->loss == CL_LOSS_BINARY_CROSS_ENTROPY;
  g_autofree float *x = g_new (float, (gsize) batch * data->sample_size);
  g_autofree guint32 *labels = g_new0 (guint32, batch);
  g_autofree float *targets = g_new0 (float, (gsize) batch * MAX (1u, data->target_dim));
  g_autofree guint32 *indices = g_new (guint32, batch);
  double loss_sum = 0;
  guint64 correct = 0;

  if (n == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_EMPTY, _("%s has no samples to evaluate."), data->name);
      return FALSE;
    }
  for (guint start = 0; start < n; start += batch)
    {
      int count = (int) MIN ((guint) batch, n - start);
      ClStepResult result;
      for (int i = 0; i < count; i++)
        indices[i] = start + i;
      cl_dataset_get_batch (data, part, indices, count, x, labels,
                            data->kind == CL_DATASET_REGRESSION ? targets : NULL);
      if (binary)
        for (int i = 0; i < count; i++)
          targets[i] = labels[i] == 1;
      if (!cl_net_evaluate (net, x, (const gint32 *) labels, targets, count, &result, error))
        return FALSE;
      loss_sum += result.loss * count;
      correct += result.correct;
      if (confusion != NULL && data->kind == CL_DATASET_CLASSIFICATION)
        {
          const float *o = cl_net_get_layer_output (net, last, NULL);
          for (int i = 0; i < count; i++, o += out_size)
            {
              int predicted = 0;
              if (out_size == 1)
                predicted = o[0] > 0.5f;
              else
                for (int c = 1; c < out_size; c++)
                  if (o[c] > o[predicted])
                    predicted = c;
              confusion[labels[i] * data->n_classes + predicted]++;
            }
        }
    }
  *loss = loss_sum / n;
  *accuracy = data->kind == CL_DATASET_CLASSIFICATION ? (double) correct / n : NAN;
  return TRUE;
}

char *
cl_cli_class_name (ClDataset *data, guint i)
{
  if (data->class_names != NULL && i < data->n_classes && data->class_names[i] != NULL)
    return g_strdup (data->class_names[i]);
  return g_strdup_printf ("%u", i);
}
