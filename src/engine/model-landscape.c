#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>

#include "engine/error.h"
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
  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_NULL (node))
    {
      *v = NAN;
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  GType type = json_node_get_value_type (node);
  if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
    return FALSE;
  *v = json_node_get_double (node);
  return TRUE;
}

ClLandscape *
cl_model_landscape_from_json (const char *json, const char *path, GError **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  double resolution, range, e0, e1, center;

  if (!json_parser_load_from_data (parser, json, -1, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return bad (error, path), NULL;
  JsonObject *o = json_node_get_object (json_parser_get_root (parser));
  JsonNode *explained = json_object_get_member (o, "explained");
  JsonNode *loss = json_object_get_member (o, "loss");
  JsonNode *trail = json_object_get_member (o, "path");
  const char *axes = json_object_get_string_member_with_default (o, "axes", "");
  if (!number (json_object_get_member (o, "resolution"), &resolution)
      || !number (json_object_get_member (o, "range"), &range)
      || !number (json_object_get_member (o, "center_loss"), &center)
      || resolution != floor (resolution) || resolution < 3 || resolution > CL_LANDSCAPE_MAX_RESOLUTION
      || !(range > 0 && range <= 1e6)
      || explained == NULL || !JSON_NODE_HOLDS_ARRAY (explained)
      || json_array_get_length (json_node_get_array (explained)) != 2
      || !number (json_array_get_element (json_node_get_array (explained), 0), &e0)
      || !number (json_array_get_element (json_node_get_array (explained), 1), &e1)
      || loss == NULL || !JSON_NODE_HOLDS_ARRAY (loss)
      || json_array_get_length (json_node_get_array (loss)) != resolution * resolution
      || trail == NULL || !JSON_NODE_HOLDS_ARRAY (trail)
      || json_array_get_length (json_node_get_array (trail)) > CL_MODEL_LANDSCAPE_MAX_PATH
      || (!g_str_equal (axes, "pca") && !g_str_equal (axes, "random")))
    return bad (error, path), NULL;

  g_autoptr(ClLandscape) l = g_new0 (ClLandscape, 1);
  int n = (int) resolution;
  l->resolution = l->rows_done = n;
  l->range = range;
  l->axes = g_str_equal (axes, "pca") ? CL_LANDSCAPE_PCA : CL_LANDSCAPE_RANDOM;
  l->explained[0] = e0;
  l->explained[1] = e1;
  l->center_loss = center;
  l->loss = g_new (float, (gsize) n * n);
  JsonArray *values = json_node_get_array (loss);
  for (int k = 0; k < n * n; k++)
    {
      double v;
      if (!number (json_array_get_element (values, k), &v))
        return bad (error, path), NULL;
      l->loss[k] = (float) v;
    }
  JsonArray *points = json_node_get_array (trail);
  l->n_path = (int) json_array_get_length (points);
  l->path = g_new0 (ClPoint, MAX (1, l->n_path));
  for (int k = 0; k < l->n_path; k++)
    {
      JsonNode *p = json_array_get_element (points, k);
      if (!JSON_NODE_HOLDS_ARRAY (p) || json_array_get_length (json_node_get_array (p)) != 2
          || !number (json_array_get_element (json_node_get_array (p), 0), &l->path[k].x)
          || !number (json_array_get_element (json_node_get_array (p), 1), &l->path[k].y))
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
