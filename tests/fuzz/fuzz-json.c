/* libFuzzer target: the JSON readers of designs and of a model's metadata
 * (issue 15: nesting, types).  Each input is read as a design, as a
 * training history, as a loss landscape, as a filters' time-lapse (of a
 * fixed design, and of the header's own design), and as a safetensors header
 * whose metadata, when it parses, is read in turn.  Every refusal must
 * come with a message; json-glib warnings abort (G_DEBUG is not needed:
 * g_log's fatal mask is set below). */
#include "config.h"

#include <string.h>

#include "engine/design-file.h"
#include "engine/model-history.h"
#include "engine/model-landscape.h"
#include "engine/model-timelapse.h"
#include "engine/safetensors.h"
#include "engine/zoo.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

/* The Gabor lesson's first layer: sixteen 7×7 filters of one channel. */
static ClNetSpec *lesson_spec;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  lesson_spec = cl_net_spec_new (1, 32, 32);
  cl_net_spec_append (lesson_spec, "Conv2D", "filters", 16.0, "kernel", 7.0, NULL);
  /* A Json-CRITICAL is a finding, as in the test suite. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  return 0;
}

static void
read_as_design (const char *text, gssize length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) design = cl_design_from_json (text, length, "fuzz.json", &error);
  g_assert ((design == NULL) == (error != NULL && error->message != NULL));
}

static void
read_timelapse (const char *text, const ClNetSpec *spec)
{
  g_autoptr(GError) error = NULL;
  ClTimelapse *t = cl_model_timelapse_from_json (text, spec, "fuzz.safetensors", &error);
  g_assert ((t == NULL) == (error != NULL));
  if (t != NULL)
    cl_timelapse_free (t);
}

static void
read_metadata (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClModelHistory) h = cl_model_history_from_json (text, "fuzz.safetensors", &error);
  g_assert ((h == NULL) == (error != NULL));
  g_clear_error (&error);
  ClLandscape *l = cl_model_landscape_from_json (text, "fuzz.safetensors", &error);
  g_assert ((l == NULL) == (error != NULL));
  if (l != NULL)
    g_assert (l->resolution >= 3 && l->rows_done == l->resolution && l->path != NULL);
  cl_landscape_free (l);
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  g_autofree char *text = g_malloc (size + 1);
  memcpy (text, data, size);
  text[size] = '\0';

  read_as_design ((const char *) data, (gssize) size);
  read_metadata (text);
  read_timelapse (text, lesson_spec);

  /* As a safetensors header: the 8-byte length, then the input. */
  GByteArray *file = g_byte_array_sized_new (size + 8);
  guint64 len = GUINT64_TO_LE ((guint64) size);
  g_byte_array_append (file, (const guint8 *) &len, 8);
  g_byte_array_append (file, data, size);
  g_autoptr(GBytes) bytes = g_byte_array_free_to_bytes (file);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClSafetensors) st = cl_safetensors_load_bytes (bytes, "fuzz.safetensors", &error);
  g_assert ((st == NULL) == (error != NULL));
  if (st != NULL)
    {
      const char *design = cl_safetensors_get_metadata (st, "design");
      g_autoptr(GError) design_error = NULL;
      g_autoptr(ClDesign) d = design != NULL ? cl_design_from_json (design, -1, "fuzz", &design_error) : NULL;
      const char *timelapse = cl_safetensors_get_metadata (st, "timelapse");
      if (d != NULL && timelapse != NULL)
        read_timelapse (timelapse, d->spec);
      const char *keys[] = { "history", "landscape" };
      for (int k = 0; k < 2; k++)
        if (cl_safetensors_get_metadata (st, keys[k]) != NULL)
          read_metadata (cl_safetensors_get_metadata (st, keys[k]));
    }
  return 0;
}
