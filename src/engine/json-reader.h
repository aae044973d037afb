/* json-reader.h — every JSON document the engine reads goes through here.
 *
 * json-glib's parser recurses once per level of nesting, so a file of
 * 100 000 "[" overflows the stack: cl_json_parse_object() first measures
 * the nesting with a linear scan and refuses anything deeper than any
 * ConvLab document (a design is 4 levels deep).  It also refuses what is
 * empty, not UTF-8 or not an object, so callers never meet a NULL root.
 *
 * The getters type-check before use: each returns NULL or FALSE for a node
 * that is absent or of another type, where json-glib's own accessors would
 * warn, crash or return garbage.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Designs need 4 levels, a safetensors header 3, the histories 3: this
 * leaves room for hand-made files and keeps the parser's recursion a few
 * kilobytes of stack deep. */
#define CL_JSON_MAX_DEPTH 32

typedef enum {
  CL_JSON_ABSENT,
  CL_JSON_NULL,
  CL_JSON_BOOLEAN,
  CL_JSON_NUMBER,
  CL_JSON_STRING,
  CL_JSON_ARRAY,
  CL_JSON_OBJECT,
} ClJsonKind;

/* The root object of `text` (`length` bytes, or NUL-terminated when -1), a
 * new reference; or NULL and a CL_ERROR_FORMAT whose message is the problem
 * alone, "it is …" (callers put it after the name of what they read). */
JsonNode   *cl_json_parse_object  (const char *text, gssize length, GError **error);
/* The deepest nesting of arrays and objects in `text`, strings skipped. */
guint       cl_json_depth         (const char *text, gsize length);

ClJsonKind  cl_json_kind          (JsonNode *node);
/* json_object_get_member() that accepts a NULL object. */
JsonNode   *cl_json_member        (JsonObject *object, const char *name);
/* A finite number (integer or not); FALSE for anything else. */
gboolean    cl_json_number        (JsonNode *node, double *value);
/* A finite whole number from min to max. */
gboolean    cl_json_whole         (JsonNode *node, double min, double max, double *value);
gboolean    cl_json_boolean       (JsonNode *node, gboolean *value);
const char *cl_json_string        (JsonNode *node);
JsonObject *cl_json_object        (JsonNode *node);
JsonArray  *cl_json_array         (JsonNode *node);

G_END_DECLS
