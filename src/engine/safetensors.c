#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

#include "engine/atomic-file.h"
#include "engine/design-file.h"
#include "engine/error.h"
#include "engine/file-read.h"
#include "engine/json-reader.h"
#include "engine/safetensors.h"

/* The reference implementation refuses headers over 100 MB, but a
 * ConvLab model needs far less, and the header is parsed whole into
 * memory.  A model's header holds its metadata — the design (a few kB for
 * real ones; the design reader takes up to CL_DESIGN_MAX_BYTES, and the
 * writer escapes its quotes, so say twice that), the history (a few tens
 * of kB: CL_MODEL_HISTORY_MAX_POINTS + 3 × CL_MODEL_HISTORY_MAX_EPOCHS
 * points), the landscape (101² values and CL_MODEL_LANDSCAPE_MAX_PATH
 * points, under 1 MB), the first layer's time-lapse (at most
 * CL_MODEL_TIMELAPSE_MAX_BYTES of weights, 1.4 MB as base64) — and about 100 bytes per tensor (a few per layer,
 * at most CL_DESIGN_MAX_LAYERS layers: under 1 MB).  Twice the largest
 * design plus 4 MB covers all of it with room to spare: 12 MB. */
#define MAX_HEADER_BYTES (2u * CL_DESIGN_MAX_BYTES + 4u * 1024 * 1024)
/* Models of ConvLab are far below this (the engine caps parameters at tens
 * of millions); anything larger is refused before it is read. */
#define MAX_FILE_BYTES (G_GUINT64_CONSTANT (2) * 1024 * 1024 * 1024)
#define MAX_TENSORS 100000

struct _ClSafetensors
{
  GBytes       *bytes;
  GHashTable   *metadata;     /* char* -> char* */
  ClTensorView *tensors;
  gsize         n_tensors;
  GHashTable   *by_name;      /* char* -> ClTensorView* */
  GStringChunk *names;
};

static const struct {
  const char *name;
  gsize size;
} dtypes[] = {
  [CL_DTYPE_F32] = { "F32", 4 },
  [CL_DTYPE_F64] = { "F64", 8 },
  [CL_DTYPE_I64] = { "I64", 8 },
  [CL_DTYPE_I32] = { "I32", 4 },
  [CL_DTYPE_U8]  = { "U8", 1 },
};

const char *
cl_dtype_name (ClDtype dtype)
{
  return dtypes[dtype].name;
}

gsize
cl_dtype_size (ClDtype dtype)
{
  return dtypes[dtype].size;
}

static gboolean
dtype_from_name (const char *name, ClDtype *dtype)
{
  for (gsize i = 0; i < G_N_ELEMENTS (dtypes); i++)
    if (g_strcmp0 (dtypes[i].name, name) == 0)
      {
        *dtype = (ClDtype) i;
        return TRUE;
      }
  return FALSE;
}

/* Element count of a shape, or FALSE on overflow past `limit`. */
static gboolean
shape_elements (const gint64 *shape, int n_dims, guint64 limit, guint64 *n)
{
  guint64 count = 1;
  for (int d = 0; d < n_dims; d++)
    {
      if (shape[d] < 0)
        return FALSE;
      if (shape[d] != 0 && count > limit / (guint64) shape[d])
        return FALSE;
      count *= (guint64) shape[d];
    }
  *n = count;
  return TRUE;
}

/* ---- writing ---------------------------------------------------------- */

static int
compare_strings (const void *a, const void *b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GBytes *
cl_safetensors_serialize (GHashTable         *metadata,
                          const ClTensorView *tensors,
                          gsize               n_tensors,
                          GError            **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint64 offset = 0;

  json_builder_begin_object (builder);
  if (metadata != NULL && g_hash_table_size (metadata) > 0)
    {
      /* Sorted keys: the same model gives the same bytes. */
      g_autofree gpointer *keys = g_hash_table_get_keys_as_array (metadata, NULL);
      guint n_keys = g_hash_table_size (metadata);
      qsort (keys, n_keys, sizeof (gpointer), compare_strings);
      json_builder_set_member_name (builder, "__metadata__");
      json_builder_begin_object (builder);
      for (guint i = 0; i < n_keys; i++)
        {
          json_builder_set_member_name (builder, keys[i]);
          json_builder_add_string_value (builder, g_hash_table_lookup (metadata, keys[i]));
        }
      json_builder_end_object (builder);
    }

  for (gsize t = 0; t < n_tensors; t++)
    {
      const ClTensorView *view = &tensors[t];
      guint64 n;
      if (view->n_dims < 0 || view->n_dims > CL_SAFETENSORS_MAX_DIMS
          || !shape_elements (view->shape, view->n_dims, G_MAXUINT64 / 8, &n)
          || n * cl_dtype_size (view->dtype) != view->n_bytes)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                       _("Tensor “%s”: its shape does not match its %llu bytes."),
                       view->name, (unsigned long long) view->n_bytes);
          return NULL;
        }
      json_builder_set_member_name (builder, view->name);
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "dtype");
      json_builder_add_string_value (builder, cl_dtype_name (view->dtype));
      json_builder_set_member_name (builder, "shape");
      json_builder_begin_array (builder);
      for (int d = 0; d < view->n_dims; d++)
        json_builder_add_int_value (builder, view->shape[d]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "data_offsets");
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, (gint64) offset);
      json_builder_add_int_value (builder, (gint64) (offset + view->n_bytes));
      json_builder_end_array (builder);
      json_builder_end_object (builder);
      offset += view->n_bytes;
    }
  json_builder_end_object (builder);

  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  gsize header_len;
  g_autofree char *header = json_generator_to_data (generator, &header_len);

  /* Pad the header with spaces so the data starts 8-byte aligned, as the
   * reference writer does (readers may then map tensors in place). */
  gsize padded = (header_len + 7) & ~(gsize) 7;
  GByteArray *out = g_byte_array_sized_new (8 + padded + offset);
  guint64 le_len = GUINT64_TO_LE ((guint64) padded);
  g_byte_array_append (out, (const guint8 *) &le_len, 8);
  g_byte_array_append (out, (const guint8 *) header, header_len);
  for (gsize i = header_len; i < padded; i++)
    g_byte_array_append (out, (const guint8 *) " ", 1);
  for (gsize t = 0; t < n_tensors; t++)
    g_byte_array_append (out, tensors[t].data, tensors[t].n_bytes);
  return g_byte_array_free_to_bytes (out);
}

gboolean
cl_safetensors_save (const char         *path,
                     GHashTable         *metadata,
                     const ClTensorView *tensors,
                     gsize               n_tensors,
                     GError            **error)
{
  g_autoptr(GBytes) bytes = cl_safetensors_serialize (metadata, tensors, n_tensors, error);

  if (bytes == NULL)
    return FALSE;
  /* A temporary file, synced, then renamed over the old one: a crash
   * leaves either the old model or the new, never half. */
  return cl_atomic_file_set_contents (path, g_bytes_get_data (bytes, NULL),
                                      g_bytes_get_size (bytes), error);
}

/* ---- reading ---------------------------------------------------------- */

void
cl_safetensors_free (ClSafetensors *st)
{
  if (st == NULL)
    return;
  g_clear_pointer (&st->bytes, g_bytes_unref);
  g_clear_pointer (&st->metadata, g_hash_table_unref);
  g_clear_pointer (&st->by_name, g_hash_table_unref);
  g_clear_pointer (&st->names, g_string_chunk_free);
  g_free (st->tensors);
  g_free (st);
}

G_GNUC_PRINTF (3, 4) static gboolean
fail (GError **error, const char *name, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *problem = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: the first %s is a file name, the second the problem. */
  g_set_error (error, CL_ERROR, CL_ERROR_FORMAT, _("“%s” is not a valid model file: %s"),
               name, problem);
  return FALSE;
}

static int
compare_by_offset (gconstpointer a, gconstpointer b)
{
  const ClTensorView *x = a, *y = b;
  const guint8 *px = x->data, *py = y->data;
  return px < py ? -1 : px > py ? 1 : 0;
}

static gboolean
parse_tensor (ClSafetensors *st, const char *name, JsonNode *node, const guint8 *data,
              guint64 data_len, const char *display, GError **error)
{
  ClTensorView *view = &st->tensors[st->n_tensors];

  JsonObject *entry = cl_json_object (node);
  if (entry == NULL)
    return fail (error, display, _("the entry of tensor “%s” is not an object."), name);
  const char *dtype = cl_json_string (cl_json_member (entry, "dtype"));
  JsonArray *shape = cl_json_array (cl_json_member (entry, "shape"));
  JsonArray *offsets = cl_json_array (cl_json_member (entry, "data_offsets"));

  if (dtype == NULL || !dtype_from_name (dtype, &view->dtype))
    return fail (error, display, _("tensor “%s” has a missing or unsupported data type."), name);
  if (shape == NULL)
    return fail (error, display, _("tensor “%s” has no shape."), name);
  guint n_dims = json_array_get_length (shape);
  if (n_dims > CL_SAFETENSORS_MAX_DIMS)
    return fail (error, display, _("tensor “%s” has %u dimensions, more than %d."), name, n_dims,
                 CL_SAFETENSORS_MAX_DIMS);
  view->n_dims = (int) n_dims;
  for (guint d = 0; d < n_dims; d++)
    {
      JsonNode *dim = json_array_get_element (shape, d);
      if (cl_json_kind (dim) != CL_JSON_NUMBER || json_node_get_value_type (dim) != G_TYPE_INT64
          || json_node_get_int (dim) < 0)
        return fail (error, display, _("tensor “%s” has an invalid dimension."), name);
      view->shape[d] = json_node_get_int (dim);
    }
  if (offsets == NULL || json_array_get_length (offsets) != 2)
    return fail (error, display, _("tensor “%s” has no data offsets."), name);
  JsonNode *begin_node = json_array_get_element (offsets, 0);
  JsonNode *end_node = json_array_get_element (offsets, 1);
  if (cl_json_kind (begin_node) != CL_JSON_NUMBER || cl_json_kind (end_node) != CL_JSON_NUMBER
      || json_node_get_value_type (begin_node) != G_TYPE_INT64
      || json_node_get_value_type (end_node) != G_TYPE_INT64)
    return fail (error, display, _("tensor “%s” has invalid data offsets."), name);
  gint64 begin = json_node_get_int (begin_node), end = json_node_get_int (end_node);
  if (begin < 0 || end < begin || (guint64) end > data_len)
    return fail (error, display,
                 _("tensor “%s” lies outside the file (bytes %lld to %lld of %llu)."),
                 name, (long long) begin, (long long) end, (unsigned long long) data_len);
  guint64 n_elements;
  if (!shape_elements (view->shape, view->n_dims, data_len, &n_elements)
      || n_elements * cl_dtype_size (view->dtype) != (guint64) (end - begin))
    return fail (error, display, _("the shape of tensor “%s” does not match its data length."),
                 name);

  view->name = g_string_chunk_insert (st->names, name);
  view->data = data + begin;
  view->n_bytes = (gsize) (end - begin);
  st->n_tensors++;
  return TRUE;
}

ClSafetensors *
cl_safetensors_load_bytes (GBytes *bytes, const char *display, GError **error)
{
  gsize size;
  const guint8 *raw = g_bytes_get_data (bytes, &size);
  g_autoptr(ClSafetensors) st = g_new0 (ClSafetensors, 1);
  guint64 header_len;

  st->bytes = g_bytes_ref (bytes);
  st->metadata = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  st->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  st->names = g_string_chunk_new (256);

  if (size < 8)
    {
      fail (error, display, _("the file is %llu bytes long, too short for a header."),
            (unsigned long long) size);
      return NULL;
    }
  memcpy (&header_len, raw, 8);
  header_len = GUINT64_FROM_LE (header_len);
  if (header_len > MAX_HEADER_BYTES)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("“%s” is not a valid model file: its header claims %llu bytes, more than "
                     "the %u a ConvLab model needs."),
                   display, (unsigned long long) header_len, MAX_HEADER_BYTES);
      return NULL;
    }
  if (header_len > size - 8)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_TRUNCATED,
                   _("“%s” is not a valid model file: its header claims %llu bytes but the "
                     "file has %llu."),
                   display, (unsigned long long) header_len, (unsigned long long) size);
      return NULL;
    }

  g_autoptr(GError) json_error = NULL;
  g_autoptr(JsonNode) root = cl_json_parse_object ((const char *) raw + 8, (gssize) header_len,
                                                   &json_error);
  if (root == NULL)
    {
      /* Translators: %s says what is wrong with the JSON, "it is …". */
      fail (error, display, _("its header cannot be read: %s"), json_error->message);
      return NULL;
    }
  JsonObject *object = json_node_get_object (root);
  guint n_members = json_object_get_size (object);
  if (n_members > MAX_TENSORS)
    {
      fail (error, display, _("it lists %u tensors, more than %d."), n_members, MAX_TENSORS);
      return NULL;
    }
  st->tensors = g_new0 (ClTensorView, MAX (n_members, 1));

  const guint8 *data = raw + 8 + header_len;
  guint64 data_len = size - 8 - header_len;
  g_autoptr(GList) names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node = json_object_get_member (object, name);
      if (g_str_equal (name, "__metadata__"))
        {
          JsonObject *meta = cl_json_object (node);
          if (meta == NULL)
            {
              fail (error, display, _("its metadata is not an object of strings."));
              return NULL;
            }
          g_autoptr(GList) keys = json_object_get_members (meta);
          for (GList *k = keys; k != NULL; k = k->next)
            {
              const char *value = cl_json_string (json_object_get_member (meta, k->data));
              if (value == NULL)
                {
                  fail (error, display, _("its metadata is not an object of strings."));
                  return NULL;
                }
              g_hash_table_insert (st->metadata, g_strdup (k->data), g_strdup (value));
            }
          continue;
        }
      if (!parse_tensor (st, name, node, data, data_len, display, error))
        return NULL;
    }

  /* The tensors must tile the data exactly: no overlap, no hole, nothing
   * after the last — what the reference reader enforces too. */
  qsort (st->tensors, st->n_tensors, sizeof (ClTensorView), compare_by_offset);
  const guint8 *expected = data;
  for (gsize t = 0; t < st->n_tensors; t++)
    {
      if ((const guint8 *) st->tensors[t].data != expected)
        {
          fail (error, display, _("its tensors overlap or leave gaps in the data."));
          return NULL;
        }
      expected += st->tensors[t].n_bytes;
      g_hash_table_insert (st->by_name, (gpointer) st->tensors[t].name, &st->tensors[t]);
    }
  if (expected != data + data_len)
    {
      fail (error, display, _("it has %llu bytes after its last tensor."),
            (unsigned long long) (data + data_len - expected));
      return NULL;
    }
  return g_steal_pointer (&st);
}

ClSafetensors *
cl_safetensors_load (const char *path, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  /* Mapped, not read: the bytes are paged in only where tensors are used. */
  g_autoptr(GBytes) bytes = cl_file_map_regular (path, MAX_FILE_BYTES, &local_error);

  if (bytes == NULL)
    {
      if (g_error_matches (local_error, CL_ERROR, CL_ERROR_TOO_LARGE))
        g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                     _("“%s” is larger than 2 GB, too large for a ConvLab model."), path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return cl_safetensors_load_bytes (bytes, path, error);
}

gboolean
cl_safetensors_bytes_look_like (GBytes *bytes)
{
  gsize size;
  const guint8 *raw = g_bytes_get_data (bytes, &size);
  guint64 header_len;

  /* Any text file has non-zero bytes among its first eight, which read as
   * a length of gigabytes; a model's header is a few megabytes at most.
   * So the length alone tells a model from a design, whatever blanks the
   * design starts with (and a truncated model is still called one, to be
   * refused as truncated). */
  if (size < 8)
    return FALSE;
  memcpy (&header_len, raw, 8);
  header_len = GUINT64_FROM_LE (header_len);
  return header_len <= MAX_HEADER_BYTES;
}

gsize
cl_safetensors_max_file_bytes (void)
{
  return (gsize) MAX_FILE_BYTES;
}

const char *
cl_safetensors_get_metadata (ClSafetensors *st, const char *key)
{
  return g_hash_table_lookup (st->metadata, key);
}

gsize
cl_safetensors_n_tensors (ClSafetensors *st)
{
  return st->n_tensors;
}

const ClTensorView *
cl_safetensors_get_tensor (ClSafetensors *st, gsize index)
{
  g_return_val_if_fail (index < st->n_tensors, NULL);
  return &st->tensors[index];
}

const ClTensorView *
cl_safetensors_lookup (ClSafetensors *st, const char *name)
{
  return g_hash_table_lookup (st->by_name, name);
}
