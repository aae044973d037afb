/* safetensors.h — the trained-model container: a JSON header of named,
 * typed, shaped tensors (plus string metadata) followed by their bytes.
 *
 * The format of the `safetensors` project, readable by its tools and by
 * PyTorch: 8 bytes little-endian header length, the UTF-8 JSON header, then
 * the tensor data, little-endian, contiguous, no holes.  The reader trusts
 * nothing: every length, offset, dtype and shape is checked against the
 * file before anything is used, and errors name the file and the problem.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CL_DTYPE_F32,
  CL_DTYPE_F64,
  CL_DTYPE_I64,
  CL_DTYPE_I32,
  CL_DTYPE_U8,
} ClDtype;

#define CL_SAFETENSORS_MAX_DIMS 8

typedef struct {
  const char   *name;
  ClDtype       dtype;
  int           n_dims;
  gint64        shape[CL_SAFETENSORS_MAX_DIMS];
  const void   *data;         /* little-endian bytes, n_bytes long */
  gsize         n_bytes;
} ClTensorView;

typedef struct _ClSafetensors ClSafetensors;

/* Writes atomically (a temporary file renamed over `path`), so a crash or a
 * full disk never leaves half a model behind.  `metadata` maps string keys
 * to string values; it may be NULL. */
gboolean            cl_safetensors_save         (const char         *path,
                                                 GHashTable         *metadata,
                                                 const ClTensorView *tensors,
                                                 gsize               n_tensors,
                                                 GError            **error);
/* The same bytes, in memory (for tests and for embedding). */
GBytes             *cl_safetensors_serialize    (GHashTable         *metadata,
                                                 const ClTensorView *tensors,
                                                 gsize               n_tensors,
                                                 GError            **error);

/* Refuses what is not a regular file of at most 2 GB. */
ClSafetensors      *cl_safetensors_load         (const char         *path,
                                                 GError            **error);
/* TRUE when the first 8 bytes are a header length a model can have. */
gboolean            cl_safetensors_bytes_look_like (GBytes          *bytes);
gsize               cl_safetensors_max_file_bytes  (void);
/* `display_name` names the source in error messages. */
ClSafetensors      *cl_safetensors_load_bytes   (GBytes             *bytes,
                                                 const char         *display_name,
                                                 GError            **error);
void                cl_safetensors_free         (ClSafetensors      *st);

/* NULL when the key is absent. */
const char         *cl_safetensors_get_metadata (ClSafetensors      *st,
                                                 const char         *key);
gsize               cl_safetensors_n_tensors    (ClSafetensors      *st);
/* In file order (sorted by offset). */
const ClTensorView *cl_safetensors_get_tensor   (ClSafetensors      *st,
                                                 gsize               index);
/* NULL when there is no tensor of that name. */
const ClTensorView *cl_safetensors_lookup       (ClSafetensors      *st,
                                                 const char         *name);

const char         *cl_dtype_name               (ClDtype             dtype);
gsize               cl_dtype_size               (ClDtype             dtype);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClSafetensors, cl_safetensors_free)

G_END_DECLS
