#define G_LOG_DOMAIN "convlab-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "cli-common.h"
#include "engine/input-image.h"
#include "engine/error.h"
#include "engine/json-writer.h"
#include "engine/trainer.h"

typedef struct {
  int index;
  float p;
} Ranked;

static int
by_probability (const void *a, const void *b)
{
  const Ranked *x = a, *y = b;
  return x->p < y->p ? 1 : x->p > y->p ? -1 : x->index - y->index;
}

/* The sample to predict: an image file, or sample N of the data's test part. */
static gboolean
read_sample (ClNet *net, const ClDesign *design, const char *input, gboolean invert, int index,
             const char *source, float *x, ClDataset **data, GError **error)
{
  if (input != NULL)
    return cl_input_read_image (cl_net_get_input_shape (net), design->data.norm, NULL, input,
                                invert, x, error);
  *data = cl_cli_load_data (design, source, error);
  if (*data == NULL || !cl_trainer_check_fits (cl_net_get_spec (net), *data, error))
    return FALSE;
  gboolean test = cl_dataset_get_n (*data, CL_DATASET_TEST) > 0;
  ClDatasetPart part = test ? CL_DATASET_TEST : CL_DATASET_TRAIN;
  guint n = cl_dataset_get_n (*data, part);
  if (index < 0 || (guint) index >= n)
    {
      if (test)
        g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                     ngettext ("There is no sample %d: %s has %u test sample, number %u.",
                               "There is no sample %d: %s has %u test samples, numbered 0 to %u.",
                               n),
                     index, (*data)->name, n, n - 1);
      else
        g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                     ngettext ("There is no sample %d: %s has %u training sample, number %u.",
                               "There is no sample %d: %s has %u training samples, numbered 0 "
                               "to %u.", n),
                     index, (*data)->name, n, n - 1);
      return FALSE;
    }
  guint32 i = (guint32) index;
  cl_dataset_get_batch (*data, part, &i, 1, x, NULL, NULL);
  return TRUE;
}

/* The class names of the model's data, for an image given alone: the
 * answer reads "Trouser", not "1".  NULL when the data cannot be had (the
 * numbers then do); its failure is no reason to refuse the prediction. */
static ClDataset *
data_for_names (const ClDesign *design, const char *source, int n_classes)
{
  g_autoptr(GError) error = NULL;
  ClDataset *data = cl_cli_load_data (design, source, &error);

  if (data != NULL && (data->kind != CL_DATASET_CLASSIFICATION
                       || (int) data->n_classes != n_classes))
    g_clear_pointer (&data, cl_dataset_unref);
  return data;
}

static void
print_json (const float *out, int n)
{
  ClJsonWriter *w = cl_json_writer_new ();
  cl_json_writer_begin_object (w);
  cl_json_writer_member (w, "output");
  cl_json_writer_begin_array (w);
  for (int i = 0; i < n; i++)
    cl_json_writer_double (w, out[i]);
  cl_json_writer_end_array (w);
  cl_json_writer_end_object (w);
  g_autofree char *text = cl_json_writer_free_to_text (w);
  fputs (text, stdout);
}

int
cl_cli_predict (int argc, char **argv)
{
  g_autofree char *input = NULL, *source = NULL;
  int index = -1, status;
  gboolean json = FALSE, invert = FALSE;
  GOptionEntry entries[] = {
    { "input", 'i', 0, G_OPTION_ARG_FILENAME, &input, N_("An image file to classify (or give it after the model)"), N_("FILE") },
    { "invert", 0, 0, G_OPTION_ARG_NONE, &invert, N_("Light for dark in --input: a photo on white for a network that learnt light shapes on black, as Fashion-MNIST’s"), NULL },
    { "index", 'n', 0, G_OPTION_ARG_INT, &index, N_("Classify test sample N of the data instead"), N_("N") },
    { "data", 'd', 0, G_OPTION_ARG_STRING, &source, N_("Data of --index, and of the class names (default: the model’s)"), N_("SOURCE") },
    { "json", 'j', 0, G_OPTION_ARG_NONE, &json, N_("Print the raw output vector as JSON"), NULL },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("MODEL [IMAGE] — class probabilities of one input"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) design = NULL;
  g_autoptr(ClNet) net = NULL;
  g_autoptr(ClDataset) data = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cl_cli_parse (context, &argc, &argv, &status))
    return status;
  /* "predict MODEL IMAGE": the image needs no option. */
  gboolean bare = argc == 3 && input == NULL && index < 0;
  if (bare)
    input = g_strdup (argv[2]);
  if ((argc != 2 && !bare) || (input == NULL) == (index < 0))
    return cl_cli_fail_message (_("predict needs one model file and either an image (IMAGE or "
                                  "--input FILE) or --index N."));
  if (!cl_cli_open (argv[1], 1, &design, &net, &error))
    return cl_cli_fail (error);
  if (net == NULL)
    return cl_cli_fail_message (_("%s is a design, not a trained model: train it first."), argv[1]);

  ClShape in = cl_net_get_input_shape (net);
  g_autofree float *x = g_new0 (float, (gsize) in.c * in.h * in.w);
  if (!read_sample (net, design, input, invert, index, source, x, &data, &error))
    return cl_cli_fail (error);
  const float *out = cl_net_forward (net, x, 1, FALSE);
  ClShape shape = cl_net_get_output_shape (net, cl_net_get_n_layers (net) - 1);
  int n = shape.c * shape.h * shape.w;
  ClLossKind loss = cl_net_spec_peek_train (cl_net_get_spec (net))->loss;

  if (json)
    {
      print_json (out, n);
      return 0;
    }
  if (loss == CL_LOSS_MSE)
    {
      /* Regression: values, not probabilities. */
      for (int i = 0; i < n; i++)
        printf (_("Output %d: %g\n"), i + 1, out[i]);
      return 0;
    }

  /* A single sigmoid gives the probability of class 1 (class 0 has the
   * rest); a softmax one probability per class. */
  gboolean binary = loss == CL_LOSS_BINARY_CROSS_ENTROPY && n == 1;
  int n_classes = binary ? 2 : n;
  g_autofree Ranked *ranked = g_new (Ranked, n_classes);
  for (int i = 0; i < n; i++)
    ranked[i] = (Ranked) { i, out[i] };
  if (binary)
    {
      ranked[0] = (Ranked) { 0, 1.0f - out[0] };
      ranked[1] = (Ranked) { 1, out[0] };
    }
  if (data == NULL)
    data = data_for_names (design, source, n_classes);
  qsort (ranked, n_classes, sizeof (Ranked), by_probability);
  for (int i = 0; i < n_classes; i++)
    {
      g_autofree char *name = data != NULL ? cl_cli_class_name (data, ranked[i].index)
                                           : g_strdup_printf ("%d", ranked[i].index);
      printf ("%6.2f%%  %s\n", 100 * ranked[i].p, name);
    }
  return 0;
}
