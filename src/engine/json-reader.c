#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "engine/error.h"
#include "engine/json-reader.h"

guint
cl_json_depth (const char *text, gsize length)
{
  guint depth = 0, deepest = 0;

  /* Brackets count only where json-glib's scanner sees them, which is
   * more than JSON: besides "strings" (where a backslash escapes the next
   * byte) it reads 'strings' (no escapes at all) and skips C comments.
   * Anything unterminated ends the parse there, so it ends the count too;
   * unbalanced brackets are the parser's to refuse. */
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];
      if (c == '"')
        {
          for (i++; i < length && text[i] != '"'; i++)
            if (text[i] == '\\')
              i++;
        }
      else if (c == '\'')
        {
          for (i++; i < length && text[i] != '\''; i++)
            ;
        }
      else if (c == '/' && i + 1 < length && text[i + 1] == '*')
        {
          for (i += 2; i + 1 < length && !(text[i] == '*' && text[i + 1] == '/'); i++)
            ;
          i++;
        }
      else if (c == '[' || c == '{')
        {
          depth++;
          deepest = MAX (deepest, depth);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return deepest;
}

G_GNUC_PRINTF (2, 3) static JsonNode *
refuse (GError **error, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, CL_ERROR, CL_ERROR_FORMAT, message);
  return NULL;
}

JsonNode *
cl_json_parse_object (const char *text, gssize length, GError **error)
{
  gsize n = length < 0 ? strlen (text) : (gsize) length;
  gboolean blank = TRUE;

  for (gsize i = 0; i < n && blank; i++)
    blank = g_ascii_isspace (text[i]);
  if (blank)
    return refuse (error, _("it is empty."));
  if (!g_utf8_validate (text, (gssize) n, NULL))
    return refuse (error, _("it is not UTF-8 text."));
  if (cl_json_depth (text, n) > CL_JSON_MAX_DEPTH)
    return refuse (error, _("it is nested more than %d levels deep."), CL_JSON_MAX_DEPTH);

  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) json_error = NULL;
  if (!json_parser_load_from_data (parser, text, (gssize) n, &json_error))
    return refuse (error, _("it is not valid JSON (%s)."), json_error->message);
  JsonNode *root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return refuse (error, _("it is not a JSON object."));
  return json_node_ref (root);
}

ClJsonKind
cl_json_kind (JsonNode *node)
{
  if (node == NULL)
    return CL_JSON_ABSENT;
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return CL_JSON_OBJECT;
    case JSON_NODE_ARRAY:
      return CL_JSON_ARRAY;
    case JSON_NODE_NULL:
      return CL_JSON_NULL;
    case JSON_NODE_VALUE:
      break;
    }
  GType type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64 || type == G_TYPE_DOUBLE)
    return CL_JSON_NUMBER;
  if (type == G_TYPE_STRING)
    return CL_JSON_STRING;
  if (type == G_TYPE_BOOLEAN)
    return CL_JSON_BOOLEAN;
  return CL_JSON_NULL;
}

JsonNode *
cl_json_member (JsonObject *object, const char *name)
{
  return object != NULL ? json_object_get_member (object, name) : NULL;
}

gboolean
cl_json_number (JsonNode *node, double *value)
{
  if (cl_json_kind (node) != CL_JSON_NUMBER)
    return FALSE;
  double v = json_node_get_double (node);
  if (!isfinite (v))
    return FALSE;
  *value = v;
  return TRUE;
}

gboolean
cl_json_whole (JsonNode *node, double min, double max, double *value)
{
  double v;
  if (!cl_json_number (node, &v) || v != floor (v) || v < min || v > max)
    return FALSE;
  *value = v;
  return TRUE;
}

gboolean
cl_json_boolean (JsonNode *node, gboolean *value)
{
  if (cl_json_kind (node) != CL_JSON_BOOLEAN)
    return FALSE;
  *value = json_node_get_boolean (node);
  return TRUE;
}

const char *
cl_json_string (JsonNode *node)
{
  return cl_json_kind (node) == CL_JSON_STRING ? json_node_get_string (node) : NULL;
}

JsonObject *
cl_json_object (JsonNode *node)
{
  return cl_json_kind (node) == CL_JSON_OBJECT ? json_node_get_object (node) : NULL;
}

JsonArray *
cl_json_array (JsonNode *node)
{
  return cl_json_kind (node) == CL_JSON_ARRAY ? json_node_get_array (node) : NULL;
}
