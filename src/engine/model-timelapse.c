#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "engine/error.h"
#include "engine/json-reader.h"
#include "engine/model-timelapse.h"
#include "engine/safetensors.h"

/* More frames than a trainer ever keeps (64 and "now"), with room to spare;
 * the byte bound is what limits a real file. */
#define MAX_FRAMES 4096

char *
cl_model_timelapse_to_json (const ClTimelapse *t)
{
  if (t == NULL || t->n == 0)
    return NULL;
  gsize size = cl_timelapse_frame_size (t), frame_bytes = size * sizeof (float);
  if (frame_bytes == 0 || frame_bytes * MIN (2, t->n) > CL_MODEL_TIMELAPSE_MAX_BYTES)
    return NULL;
  guint keep = (guint) MIN ((gsize) t->n, CL_MODEL_TIMELAPSE_MAX_BYTES / frame_bytes);
  keep = MIN (keep, MAX_FRAMES);
  /* Evenly thinned by index, first and last kept: the same spread a strip
   * asks for, so a saved time-lapse looks like the live one. */
  g_autoptr(GArray) steps = cl_timelapse_spread_steps (t, keep);
  g_autofree guint32 *raw = g_new (guint32, (gsize) steps->len * size);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "{\"layer\": %d, \"shape\": [%d, %d, %d, %d], \"steps\": [",
                          t->layer + 1, t->out, t->in, t->k, t->k);
  for (guint i = 0; i < steps->len; i++)
    {
      guint64 step = g_array_index (steps, guint64, i);
      const float *w = cl_timelapse_get_weights (t, cl_timelapse_find (t, step));
      g_string_append_printf (out, "%s%" G_GUINT64_FORMAT, i > 0 ? ", " : "", step);
      memcpy (raw + (gsize) i * size, w, frame_bytes);
      for (gsize j = 0; j < size; j++)
        raw[(gsize) i * size + j] = GUINT32_TO_LE (raw[(gsize) i * size + j]);
    }
  g_autofree char *b64 = g_base64_encode ((const guchar *) raw, (gsize) steps->len * frame_bytes);
  g_string_append_printf (out, "], \"weights\": \"%s\"}", b64);
  return g_string_free (out, FALSE);
}

static ClTimelapse *
bad (GError **error, const char *path, const char *problem)
{
  /* Translators: the first %s is a file name, the second the problem. */
  g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
               _("“%s” holds a filters’ time-lapse that cannot be read: %s"), path, problem);
  return NULL;
}

/* A whole number in [lo, hi] at `node`. */
static gboolean
integer (JsonNode *node, gint64 lo, gint64 hi, gint64 *v)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *v = json_node_get_int (node);
  return *v >= lo && *v <= hi;
}

ClTimelapse *
cl_model_timelapse_from_json (const char *json, const ClNetSpec *spec, const char *path,
                              GError **error)
{
  int layer, out, in, k;
  gint64 v;

  /* The shared reader: nesting bounded before json-glib recurses. */
  g_autoptr(JsonNode) root = cl_json_parse_object (json, -1, NULL);
  if (root == NULL)
    return bad (error, path, _("it is not a JSON object."));
  JsonObject *o = json_node_get_object (root);
  if (!cl_timelapse_first_conv (spec, &layer, &out, &in, &k))
    return bad (error, path, _("the design has no Conv2D layer."));
  if (!integer (cl_json_member (o, "layer"), 1, G_MAXINT, &v) || v != layer + 1)
    return bad (error, path, _("its layer is not the design’s first Conv2D layer."));

  JsonNode *shape = cl_json_member (o, "shape");
  const int expected[4] = { out, in, k, k };
  if (shape == NULL || !JSON_NODE_HOLDS_ARRAY (shape)
      || json_array_get_length (json_node_get_array (shape)) != 4)
    return bad (error, path, _("its shape is missing or not four numbers."));
  for (int d = 0; d < 4; d++)
    if (!integer (json_array_get_element (json_node_get_array (shape), d), 1, G_MAXINT, &v)
        || v != expected[d])
      return bad (error, path, _("its shape is not the first Conv2D layer’s."));

  JsonNode *steps_node = cl_json_member (o, "steps");
  if (steps_node == NULL || !JSON_NODE_HOLDS_ARRAY (steps_node))
    return bad (error, path, _("its steps are missing."));
  JsonArray *steps_array = json_node_get_array (steps_node);
  guint n = json_array_get_length (steps_array);
  gsize size = (gsize) out * in * k * k;
  if (n == 0 || n > MAX_FRAMES)
    return bad (error, path, _("it holds no frame, or too many."));
  /* Checked before decoding: no allocation larger than the bound. */
  if (size > 16 * CL_MODEL_TIMELAPSE_MAX_BYTES / sizeof (float) / n)
    return bad (error, path, _("its weights are larger than a time-lapse may be."));
  g_autofree guint64 *steps = g_new (guint64, n);
  for (guint i = 0; i < n; i++)
    {
      if (!integer (json_array_get_element (steps_array, i), 0, G_MAXINT64, &v)
          || (i > 0 && (guint64) v <= steps[i - 1]))
        return bad (error, path, _("its steps are not increasing whole numbers."));
      steps[i] = (guint64) v;
    }

  const char *b64 = cl_json_string (cl_json_member (o, "weights"));
  gsize bytes = n * size * sizeof (float);
  if (b64 == NULL || strlen (b64) != 4 * ((bytes + 2) / 3))
    return bad (error, path, _("its weights are missing or not as many as its shape and steps say."));
  gsize decoded_len = 0;
  g_autofree guchar *decoded = g_base64_decode (b64, &decoded_len);
  if (decoded_len != bytes)
    return bad (error, path, _("its weights are missing or not as many as its shape and steps say."));
  float *weights = g_new (float, n * size);
  for (gsize j = 0; j < n * size; j++)
    {
      guint32 word;
      memcpy (&word, decoded + j * sizeof word, sizeof word);
      word = GUINT32_FROM_LE (word);
      memcpy (&weights[j], &word, sizeof word);
    }
  return cl_timelapse_new (layer, out, in, k, n, g_steal_pointer (&steps), weights);
}

ClTimelapse *
cl_model_load_timelapse (const char *path, const ClNetSpec *spec, GError **error)
{
  g_autoptr(ClSafetensors) st = cl_safetensors_load (path, error);
  if (st == NULL)
    return NULL;
  const char *json = cl_safetensors_get_metadata (st, "timelapse");
  if (json == NULL)
    return NULL;
  return cl_model_timelapse_from_json (json, spec, path, error);
}
