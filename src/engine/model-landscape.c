#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <float.h>
#include <math.h>

#include "engine/error.h"
#include "engine/json-reader.h"
#include "engine/json-writer.h"
#include "engine/model-file.h"
#include "engine/model-landscape.h"
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

char *
cl_model_landscape_to_json (const ClLandscape *l)
{
  if (l == NULL || l->rows_done < l->resolution)
    return NULL;
  GString *out = g_string_new (NULL);
  int n = l->resolution;
  g_string_append_printf (out, "{\"resolution\": %d, \"range\": ", n);
  append_number (out, l->range);
  g_string_append_printf (out, ", \"axes\": \"%s\", \"explained\": [",
                          l->axes == CL_LANDSCAPE_PCA ? "pca" : "random");
  append_number (out, l->explained[0]);
  g_string_append (out, ", ");
  append_number (out, l->explained[1]);
  g_string_append (out, "], \"center_loss\": ");
  append_number (out, l->center_loss);
  g_string_append (out, ", \"loss\": [");
  for (int k = 0; k < n * n; k++)
    {
      if (k > 0)
        g_string_append (out, ", ");
      append_number (out, l->loss[k]);
    }
  g_string_append (out, "], \"path\": [");
  for (int k = 0; k < MIN (l->n_path, CL_MODEL_LANDSCAPE_MAX_PATH); k++)
    {
      g_string_append (out, k > 0 ? ", [" : "[");
      append_number (out, l->path[k].x);
      g_string_append (out, ", ");
      append_number (out, l->path[k].y);
      g_string_append (out, "]");
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

static gboolean
bad (GError **error, const char *path)
{
  g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
               _("“%s” holds a loss landscape that cannot be read."), path);
  return FALSE;
}

/* A number, or NaN for null; FALSE for anything else. */
static gboolean
number (JsonNode *node, double *v)
{
  if (cl_json_kind (node) == CL_JSON_NULL)
    {
      *v = NAN;
      return TRUE;
    }
  return cl_json_number (node, v);
}

/* An array of exactly `length` elements, or NULL. */
static JsonArray *
array_of (JsonNode *node, guint length)
{
  JsonArray *array = cl_json_array (node);
  return array != NULL && json_array_get_length (array) == length ? array : NULL;
}

ClLandscape *
cl_model_landscape_from_json (const char *json, const char *path, GError **error)
{
  g_autoptr(GError) json_error = NULL;
  g_autoptr(JsonNode) root = cl_json_parse_object (json, -1, &json_error);
  double resolution, range, e0, e1, center;

  if (root == NULL)
    {
      /* Translators: the second %s is the problem, "it is …". */
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                   _("The loss landscape in “%s” cannot be read: %s"), path, json_error->message);
      return NULL;
    }
  JsonObject *o = json_node_get_object (root);
  JsonArray *explained = array_of (cl_json_member (o, "explained"), 2);
  JsonArray *points = cl_json_array (cl_json_member (o, "path"));
  const char *axes = cl_json_string (cl_json_member (o, "axes"));
  if (!cl_json_whole (cl_json_member (o, "resolution"), 3, CL_LANDSCAPE_MAX_RESOLUTION,
                      &resolution)
      || !cl_json_number (cl_json_member (o, "range"), &range) || !(range > 0 && range <= 1e6)
      || !number (cl_json_member (o, "center_loss"), &center)
      || explained == NULL
      || !number (json_array_get_element (explained, 0), &e0)
      || !number (json_array_get_element (explained, 1), &e1)
      || points == NULL || json_array_get_length (points) > CL_MODEL_LANDSCAPE_MAX_PATH
      || axes == NULL || (!g_str_equal (axes, "pca") && !g_str_equal (axes, "random")))
    return bad (error, path), NULL;
  int n = (int) resolution;
  JsonArray *values = array_of (cl_json_member (o, "loss"), (guint) (n * n));
  if (values == NULL)
    return bad (error, path), NULL;

  g_autoptr(ClLandscape) l = g_new0 (ClLandscape, 1);
  l->resolution = l->rows_done = n;
  l->range = range;
  l->axes = g_str_equal (axes, "pca") ? CL_LANDSCAPE_PCA : CL_LANDSCAPE_RANDOM;
  l->explained[0] = e0;
  l->explained[1] = e1;
  l->center_loss = center;
  l->loss = g_new (float, (gsize) n * n);
  for (int k = 0; k < n * n; k++)
    {
      double v;
      /* Written from floats: anything beyond is not ours, and would not
       * convert back. */
      if (!number (json_array_get_element (values, k), &v) || fabs (v) > FLT_MAX)
        return bad (error, path), NULL;
      l->loss[k] = (float) v;
    }
  l->n_path = (int) json_array_get_length (points);
  l->path = g_new0 (ClPoint, MAX (1, l->n_path));
  for (int k = 0; k < l->n_path; k++)
    {
      JsonArray *p = array_of (json_array_get_element (points, k), 2);
      if (p == NULL || !number (json_array_get_element (p, 0), &l->path[k].x)
          || !number (json_array_get_element (p, 1), &l->path[k].y))
        return bad (error, path), NULL;
    }
  return g_steal_pointer (&l);
}

ClLandscape *
cl_model_load_landscape (const char *path, GError **error)
{
  g_autoptr(ClSafetensors) st = cl_safetensors_load (path, error);
  if (st == NULL)
    return NULL;
  const char *json = cl_safetensors_get_metadata (st, "landscape");
  if (json == NULL)
    return NULL;
  return cl_model_landscape_from_json (json, path, error);
}
