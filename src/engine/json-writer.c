#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <math.h>

#include "engine/json-writer.h"
#include "engine/json-reader.h"

struct _ClJsonWriter
{
  GString *out;
  int depth;
  gboolean first;        /* no value yet at this depth */
  gboolean after_member; /* a member name was just written */
};

ClJsonWriter *
cl_json_writer_new (void)
{
  ClJsonWriter *w = g_new0 (ClJsonWriter, 1);
  w->out = g_string_new (NULL);
  w->first = TRUE;
  return w;
}

char *
cl_json_writer_free_to_text (ClJsonWriter *w)
{
  g_string_append_c (w->out, '\n');
  char *text = g_string_free (w->out, FALSE);
  g_free (w);
  return text;
}

static void
newline (ClJsonWriter *w)
{
  g_string_append_c (w->out, '\n');
  for (int i = 0; i < w->depth; i++)
    g_string_append (w->out, "  ");
}

/* Separator and indentation before a value or a member name. */
static void
before_item (ClJsonWriter *w)
{
  if (w->after_member)
    {
      w->after_member = FALSE;
      return;
    }
  if (w->depth > 0)
    {
      if (!w->first)
        g_string_append_c (w->out, ',');
      newline (w);
    }
  w->first = FALSE;
}

static void
begin (ClJsonWriter *w, char open)
{
  before_item (w);
  g_string_append_c (w->out, open);
  w->depth++;
  w->first = TRUE;
}

static void
end (ClJsonWriter *w, char close)
{
  w->depth--;
  if (!w->first)
    newline (w);
  g_string_append_c (w->out, close);
  w->first = FALSE;
}

void
cl_json_writer_begin_object (ClJsonWriter *w)
{
  begin (w, '{');
}

void
cl_json_writer_end_object (ClJsonWriter *w)
{
  end (w, '}');
}

void
cl_json_writer_begin_array (ClJsonWriter *w)
{
  begin (w, '[');
}

void
cl_json_writer_end_array (ClJsonWriter *w)
{
  end (w, ']');
}

static void
append_string (GString *out, const char *s)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) s; *p != '\0'; p++)
    switch (*p)
      {
      case '"': g_string_append (out, "\\\""); break;
      case '\\': g_string_append (out, "\\\\"); break;
      case '\n': g_string_append (out, "\\n"); break;
      case '\t': g_string_append (out, "\\t"); break;
      case '\r': g_string_append (out, "\\r"); break;
      default:
        if (*p < 0x20)
          g_string_append_printf (out, "\\u%04x", *p);
        else
          g_string_append_c (out, (char) *p);
      }
  g_string_append_c (out, '"');
}

void
cl_json_writer_member (ClJsonWriter *w, const char *name)
{
  before_item (w);
  append_string (w->out, name);
  g_string_append (w->out, ": ");
  w->after_member = TRUE;
}

void
cl_json_writer_string (ClJsonWriter *w, const char *value)
{
  before_item (w);
  append_string (w->out, value != NULL ? value : "");
}

void
cl_json_writer_int (ClJsonWriter *w, gint64 value)
{
  before_item (w);
  g_string_append_printf (w->out, "%" G_GINT64_FORMAT, value);
}

char *
cl_json_format_double (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (isfinite (value), g_strdup ("0"));
  for (int digits = 1; digits <= 17; digits++)
    {
      char format[8];
      g_snprintf (format, sizeof format, "%%.%dg", digits);
      g_ascii_formatd (buf, sizeof buf, format, value);
      if (g_ascii_strtod (buf, NULL) == value)
        break;
    }
  return g_strdup (buf);
}

void
cl_json_writer_double (ClJsonWriter *w, double value)
{
  g_autofree char *text = cl_json_format_double (isfinite (value) ? value : 0.0);
  before_item (w);
  g_string_append (w->out, text);
}

void
cl_json_writer_boolean (ClJsonWriter *w, gboolean value)
{
  before_item (w);
  g_string_append (w->out, value ? "true" : "false");
}

void
cl_json_writer_node (ClJsonWriter *w, JsonNode *node)
{
  switch (cl_json_kind (node))
    {
    case CL_JSON_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        /* In the document's order: what was read is written back alike. */
        g_autoptr(GList) names = json_object_get_members (object);
        cl_json_writer_begin_object (w);
        for (GList *l = names; l != NULL; l = l->next)
          {
            cl_json_writer_member (w, l->data);
            cl_json_writer_node (w, json_object_get_member (object, l->data));
          }
        cl_json_writer_end_object (w);
        break;
      }
    case CL_JSON_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        cl_json_writer_begin_array (w);
        for (guint i = 0; i < json_array_get_length (array); i++)
          cl_json_writer_node (w, json_array_get_element (array, i));
        cl_json_writer_end_array (w);
        break;
      }
    case CL_JSON_STRING:
      cl_json_writer_string (w, json_node_get_string (node));
      break;
    case CL_JSON_BOOLEAN:
      cl_json_writer_boolean (w, json_node_get_boolean (node));
      break;
    case CL_JSON_NUMBER:
      if (json_node_get_value_type (node) == G_TYPE_INT64)
        cl_json_writer_int (w, json_node_get_int (node));
      else
        cl_json_writer_double (w, json_node_get_double (node));
      break;
    case CL_JSON_NULL:
    case CL_JSON_ABSENT:
    default:
      before_item (w);
      g_string_append (w->out, "null");
      break;
    }
}
