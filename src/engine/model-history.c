#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "engine/error.h"
#include "engine/json-reader.h"
#include "engine/json-writer.h"
#include "engine/model-history.h"
#include "engine/safetensors.h"

static void
append_number (GString *out, double v)
{
  if (!isfinite (v))
    {
      g_string_append (out, "null");
      return;
    }
  g_autofree char *text = cl_json_format_double (v);
  g_string_append (out, text);
}

/* Points first … first + n, every `stride`-th (the last one always). */
static void
append_points (GString *out, const char *name, const ClPoint *pts, gsize first, gsize n,
               gsize stride)
{
  g_string_append_printf (out, "\"%s\":[", name);
  for (gsize i = first; i < first + n; i += stride)
    {
      gsize j = MIN (i, first + n - 1);
      if (i + stride >= first + n)
        j = first + n - 1;
      if (i > first)
        g_string_append_c (out, ',');
      g_string_append_c (out, '[');
      append_number (out, pts[j].x);
      g_string_append_c (out, ',');
      append_number (out, pts[j].y);
      g_string_append_c (out, ']');
    }
  g_string_append_c (out, ']');
}

char *
cl_model_history_to_json (const ClSnapshot *s)
{
  if (s->n_loss_history == 0 && s->n_test_history == 0)
    return NULL;
  GString *out = g_string_new ("{");
  gsize n = s->n_loss_history;
  gsize stride = MAX (1, (n + CL_MODEL_HISTORY_MAX_POINTS - 1) / CL_MODEL_HISTORY_MAX_POINTS);
  gsize ne = MIN (s->n_test_history, CL_MODEL_HISTORY_MAX_EPOCHS);
  gsize first = s->n_test_history - ne;   /* the last epochs matter most */

  append_points (out, "loss", s->loss_history, 0, n, stride);
  g_string_append_c (out, ',');
  append_points (out, "test_loss", s->test_loss_history, first, ne, 1);
  g_string_append_c (out, ',');
  append_points (out, "test_accuracy", s->test_accuracy_history, first, ne, 1);
  g_string_append_c (out, ',');
  append_points (out, "train_accuracy", s->train_accuracy_history, first, ne, 1);
  g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* The value of a point: a number, or NaN for null (an epoch without a
 * test part); FALSE for anything else. */
static gboolean
value (JsonNode *node, double *v)
{
  if (cl_json_kind (node) == CL_JSON_NULL)
    {
      *v = NAN;
      return TRUE;
    }
  return cl_json_number (node, v);
}

/* Points [x, y]: x a whole number from 0 to max_x (a step or an epoch,
 * later counted on from as integers), y a value. */
static gboolean
read_points (JsonObject *root, const char *name, gsize max, double max_x, GArray **out)
{
  *out = g_array_new (FALSE, FALSE, sizeof (ClPoint));
  JsonNode *node = cl_json_member (root, name);
  if (node == NULL)
    return TRUE;
  JsonArray *array = cl_json_array (node);
  if (array == NULL)
    return FALSE;
  guint len = json_array_get_length (array);
  if (len > max)
    return FALSE;
  for (guint i = 0; i < len; i++)
    {
      JsonArray *pair = cl_json_array (json_array_get_element (array, i));
      ClPoint p;
      if (pair == NULL || json_array_get_length (pair) != 2
          || !cl_json_whole (json_array_get_element (pair, 0), 0, max_x, &p.x)
          || !value (json_array_get_element (pair, 1), &p.y))
        return FALSE;
      g_array_append_val (*out, p);
    }
  return TRUE;
}

static gboolean
read_history (JsonObject *root, ClModelHistory *h)
{
  /* Bounds a little above what we write: a file made by hand may differ. */
  return read_points (root, "loss", 2 * CL_MODEL_HISTORY_MAX_POINTS, CL_MODEL_HISTORY_MAX_STEP,
                      &h->loss)
         && read_points (root, "test_loss", CL_MODEL_HISTORY_MAX_EPOCHS,
                         CL_MODEL_HISTORY_MAX_EPOCH, &h->test_loss)
         && read_points (root, "test_accuracy", CL_MODEL_HISTORY_MAX_EPOCHS,
                         CL_MODEL_HISTORY_MAX_EPOCH, &h->test_accuracy)
         && read_points (root, "train_accuracy", CL_MODEL_HISTORY_MAX_EPOCHS,
                         CL_MODEL_HISTORY_MAX_EPOCH, &h->train_accuracy)
         && h->test_accuracy->len == h->test_loss->len
         && h->train_accuracy->len == h->test_loss->len;
}

ClModelHistory *
cl_model_history_from_json (const char *json, const char *path, GError **error)
{
  g_autoptr(ClModelHistory) h = g_new0 (ClModelHistory, 1);
  g_autoptr(GError) json_error = NULL;
  g_autoptr(JsonNode) root = cl_json_parse_object (json, -1, &json_error);

  if (root == NULL)
    {
      /* Translators: the second %s is the problem, "it is …". */
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                   _("The training history in “%s” cannot be read: %s"), path,
                   json_error->message);
      return NULL;
    }
  if (!read_history (json_node_get_object (root), h))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                   _("The training history in “%s” is damaged."), path);
      return NULL;
    }
  return g_steal_pointer (&h);
}

ClModelHistory *
cl_model_load_history (const char *path, GError **error)
{
  g_autoptr(ClSafetensors) st = cl_safetensors_load (path, error);
  if (st == NULL)
    return NULL;
  const char *json = cl_safetensors_get_metadata (st, "history");
  if (json == NULL)
    return NULL;
  return cl_model_history_from_json (json, path, error);
}

void
cl_model_history_free (ClModelHistory *h)
{
  if (h == NULL)
    return;
  g_clear_pointer (&h->loss, g_array_unref);
  g_clear_pointer (&h->test_loss, g_array_unref);
  g_clear_pointer (&h->test_accuracy, g_array_unref);
  g_clear_pointer (&h->train_accuracy, g_array_unref);
  g_free (h);
}
