#define G_LOG_DOMAIN "convlab-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>
#include <glib/gstdio.h>
#include <errno.h>

#include "cli-common.h"
#include "render/render-style.h"
#include "engine/error.h"
#include "engine/evaluate.h"
#include "engine/dataset-private.h"
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
  return cl_model_open_any (path, batch_size, design, net, error);
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
  ClDataset *data = cl_data_ref_load_for (&ref, design->spec, error);
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
  ClEvaluation result;

  if (!cl_net_evaluate_dataset (net, data, part, &result, confusion, NULL, error))
    return FALSE;
  *loss = result.loss;
  *accuracy = result.accuracy;
  return TRUE;
}

char *
cl_cli_class_name (ClDataset *data, guint i)
{
  if (data->class_names != NULL && i < data->n_classes && data->class_names[i] != NULL)
    return g_strdup (data->class_names[i]);
  return g_strdup_printf ("%u", i);
}

gboolean
cl_cli_parse_positive (const char *text, double max, double *value)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  /* !(v > 0) also refuses NaN. */
  if (end == text || *end != '\0' || !(v > 0) || !(v <= max))
    return FALSE;
  *value = v;
  return TRUE;
}

gboolean
cl_cli_parse_seed (const char *text, guint64 *value)
{
  /* Refuses "-5" (strtoull would wrap it round to a huge seed). */
  return text[0] != '-' && g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, value, NULL);
}

gboolean
cl_cli_parse_size (const char *text, int *width, int *height)
{
  char *end = NULL;
  gint64 w = g_ascii_strtoll (text, &end, 10), h;

  /* "1200x800", or with the multiplication sign a French keyboard may give. */
  if (end == text)
    return FALSE;
  if (*end == 'x' || *end == 'X')
    end++;
  else if (g_str_has_prefix (end, "×"))
    end += strlen ("×");
  else
    return FALSE;
  const char *start = end;
  h = g_ascii_strtoll (start, &end, 10);
  if (end == start || *end != '\0')
    return FALSE;
  if (w < 16 || h < 16 || w > CL_RENDER_MAX_SIDE || h > CL_RENDER_MAX_SIDE)
    return FALSE;
  *width = (int) w;
  *height = (int) h;
  return TRUE;
}
