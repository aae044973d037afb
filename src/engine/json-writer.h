/* json-writer.h — pretty JSON text for files people read and diff.
 *
 * json-glib 1.6 (Debian 12) prints doubles with 17 digits and can print
 * "1e-08.0", which is not JSON; this writer prints the shortest text that
 * reads back to the same double ("0.9", "1e-08") and indents two spaces.
 */
#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

typedef struct _ClJsonWriter ClJsonWriter;

ClJsonWriter *cl_json_writer_new          (void);
/* Returns the text (ending with a newline) and frees the writer. */
char         *cl_json_writer_free_to_text (ClJsonWriter *w);

void cl_json_writer_begin_object (ClJsonWriter *w);
void cl_json_writer_end_object   (ClJsonWriter *w);
void cl_json_writer_begin_array  (ClJsonWriter *w);
void cl_json_writer_end_array    (ClJsonWriter *w);
/* Inside an object, each value is preceded by its member name. */
void cl_json_writer_member       (ClJsonWriter *w, const char *name);
void cl_json_writer_string       (ClJsonWriter *w, const char *value);
void cl_json_writer_int          (ClJsonWriter *w, gint64 value);
void cl_json_writer_double       (ClJsonWriter *w, double value);
void cl_json_writer_boolean      (ClJsonWriter *w, gboolean value);

/* A parsed value, whole (objects in their members' order): a document
 * read with json-reader.h embedded in another, numbers written as above. */
void cl_json_writer_node         (ClJsonWriter *w, JsonNode *node);
/* The shortest decimal text of a finite double that reads back exactly. */
char *cl_json_format_double (double value);

G_END_DECLS
