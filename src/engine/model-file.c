#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "engine/error.h"
#include "engine/file-read.h"
#include "engine/model-file.h"
#include "engine/model-history.h"
#include "engine/model-landscape.h"
#include "engine/model-timelapse.h"
#include "engine/safetensors.h"
#include "engine/snapshot-net.h"

char *
cl_model_tensor_name (ClNet *net, int layer, int j)
{
  const ClLayerKind *kind = cl_net_spec_get_layer_kind (cl_net_get_spec (net), layer);
  const ClTensorInfo *info = cl_net_get_layer_tensor (net, layer, j, NULL, NULL);
  g_autofree char *kind_lower = g_ascii_strdown (kind->name, -1);

  return g_strdup_printf ("layer%d.%s.%s", layer + 1, kind_lower, info->name);
}

/* history, landscape, timelapse: the metadata's texts, or NULL. */
static gboolean
save (const ClDesign *design, ClNet *net, guint64 step_count, const char *history,
      const char *landscape, const char *timelapse, const char *path, GError **error)
{
  g_autoptr(GHashTable) metadata = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) views = g_array_new (FALSE, TRUE, sizeof (ClTensorView));
  g_autofree char *design_json = cl_design_to_json (design);
  g_autofree char *version = g_strdup_printf ("%d", CL_MODEL_VERSION);
  g_autofree char *step = g_strdup_printf ("%" G_GUINT64_FORMAT, step_count);

  g_hash_table_insert (metadata, "format", CL_MODEL_FORMAT);
  g_hash_table_insert (metadata, "version", version);
  g_hash_table_insert (metadata, "design", design_json);
  g_hash_table_insert (metadata, "step", step);
  if (history != NULL)
    g_hash_table_insert (metadata, "history", (gpointer) history);
  if (landscape != NULL)
    g_hash_table_insert (metadata, "landscape", (gpointer) landscape);
  if (timelapse != NULL)
    g_hash_table_insert (metadata, "timelapse", (gpointer) timelapse);

  for (int layer = 0; layer < cl_net_get_n_layers (net); layer++)
    for (int j = 0; j < cl_net_get_layer_n_tensors (net, layer); j++)
      {
        float *data;
        const ClTensorInfo *info = cl_net_get_layer_tensor (net, layer, j, &data, NULL);
        ClTensorView view = { .dtype = CL_DTYPE_F32, .n_dims = info->ndim, .data = data,
                              .n_bytes = info->count * sizeof (float) };
        for (int d = 0; d < info->ndim; d++)
          view.shape[d] = info->dims[d];
        char *name = cl_model_tensor_name (net, layer, j);
        g_ptr_array_add (names, name);
        view.name = name;
        g_array_append_val (views, view);
      }
  return cl_safetensors_save (path, metadata, (ClTensorView *) views->data, views->len, error);
}

gboolean
cl_model_save (const ClDesign *design, ClNet *net, const char *path, GError **error)
{
  return save (design, net, cl_net_get_step (net), NULL, NULL, NULL, path, error);
}

gboolean
cl_model_save_snapshot (const ClDesign *design, const ClSnapshot *snapshot, const char *path,
                        GError **error)
{
  g_autoptr(ClDesign) trained = cl_design_copy (design);

  /* The design as it was trained, whatever the editor did since. */
  cl_net_spec_free (trained->spec);
  trained->spec = cl_net_spec_copy (snapshot->spec);
  g_autoptr(ClNet) net = cl_net_new_from_snapshot (snapshot, 1, error);
  if (net == NULL)
    return FALSE;
  g_autofree char *history = cl_model_history_to_json (snapshot);
  g_autofree char *landscape = cl_model_landscape_to_json (snapshot->landscape);
  /* The first layer's filters through training, when there are any. */
  g_autoptr(ClTimelapse) frames = cl_timelapse_new_from_snapshot (snapshot, NULL);
  g_autofree char *timelapse = cl_model_timelapse_to_json (frames);
  /* The snapshot's step: a network rebuilt from it starts counting at 0. */
  return save (trained, net, snapshot->step, history, landscape, timelapse, path, error);
}

static ClNet *
refuse (GError **error, const char *path, const char *problem)
{
  /* Translators: the first %s is a file name, the second the problem. */
  g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH, _("“%s” is not a valid model file: %s"), path,
               problem);
  return NULL;
}

static gboolean
check_header (ClSafetensors *st, const char *path, GError **error)
{
  const char *format = cl_safetensors_get_metadata (st, "format");
  const char *version = cl_safetensors_get_metadata (st, "version");
  gint64 number = 0;

  if (g_strcmp0 (format, CL_MODEL_FORMAT) != 0)
    {
      refuse (error, path, _("it is a safetensors file, but not one ConvLab wrote (no design in it)."));
      return FALSE;
    }
  if (version == NULL || !g_ascii_string_to_signed (version, 10, 1, G_MAXINT, &number, NULL))
    {
      refuse (error, path, _("its version is missing or invalid."));
      return FALSE;
    }
  if (number > CL_MODEL_VERSION)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_VERSION,
                   _("“%s” was made by a newer version of ConvLab (model format %d; this "
                     "version reads up to %d). Update ConvLab to open it."),
                   path, (int) number, CL_MODEL_VERSION);
      return FALSE;
    }
  return TRUE;
}

/* The tensor `name` of the file, there and float32 of the shape `info`
 * gives; NULL with the error naming it otherwise. */
static const ClTensorView *
find_tensor (ClSafetensors *st, const char *name, const ClTensorInfo *info, const char *path,
             GError **error)
{
  const ClTensorView *view = cl_safetensors_lookup (st, name);

  if (view == NULL)
    {
      g_autofree char *problem = g_strdup_printf (_("the tensor “%s” is missing."), name);
      refuse (error, path, problem);
      return NULL;
    }
  gboolean same_shape = view->n_dims == info->ndim;
  for (int d = 0; same_shape && d < info->ndim; d++)
    same_shape = view->shape[d] == info->dims[d];
  if (view->dtype != CL_DTYPE_F32 || !same_shape)
    {
      g_autofree char *problem =
        g_strdup_printf (_("the tensor “%s” is not float32 of the shape its design gives."), name);
      refuse (error, path, problem);
      return NULL;
    }
  return view;
}

static gboolean
fill_tensor (ClNet *net, ClSafetensors *st, int layer, int j, const char *path, GError **error)
{
  g_autofree char *name = cl_model_tensor_name (net, layer, j);
  float *data;
  const ClTensorInfo *info = cl_net_get_layer_tensor (net, layer, j, &data, NULL);
  const ClTensorView *view = find_tensor (st, name, info, path, error);

  if (view == NULL)
    return FALSE;
  /* memcpy: the file's bytes may not be aligned for float access. */
  memcpy (data, view->data, view->n_bytes);
  return TRUE;
}

static gboolean
check_tensor (ClSafetensors *st, const ClLayerKind *kind, int layer, const ClTensorInfo *info,
              const char *path, GError **error)
{
  g_autofree char *kind_lower = g_ascii_strdown (kind->name, -1);
  g_autofree char *name = g_strdup_printf ("layer%d.%s.%s", layer + 1, kind_lower, info->name);

  return find_tensor (st, name, info, path, error) != NULL;
}

/* The file's tensors against what the design's shape inference says
 * (names, dtypes, shapes, no extra), before a network is built: a 4 KB file
 * whose design has 32 M parameters is refused at once, not after
 * allocating them. */
static gboolean
check_tensors (ClSafetensors *st, const ClNetSpec *spec, const char *path, GError **error)
{
  int n = cl_net_spec_get_n_layers (spec);
  g_autofree ClLayerPlan *plans = g_new0 (ClLayerPlan, MAX (n, 1));
  gsize expected = 0;

  if (!cl_net_spec_plan (spec, plans, error))
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      const ClLayerKind *kind = cl_net_spec_get_layer_kind (spec, i);
      for (int j = 0; j < plans[i].n_params; j++, expected++)
        if (!check_tensor (st, kind, i, &plans[i].params[j], path, error))
          return FALSE;
      for (int j = 0; j < plans[i].n_buffers; j++, expected++)
        if (!check_tensor (st, kind, i, &plans[i].buffers[j], path, error))
          return FALSE;
    }
  if (cl_safetensors_n_tensors (st) != expected)
    {
      refuse (error, path, _("it holds tensors its design does not use."));
      return FALSE;
    }
  return TRUE;
}

static ClNet *
load_from (ClSafetensors *st, const char *path, int batch_size, ClDesign **design_out,
           GError **error)
{
  g_autoptr(ClDesign) design = NULL;
  g_autoptr(ClNet) net = NULL;
  gsize expected = 0;

  if (st == NULL || !check_header (st, path, error))
    return NULL;
  const char *json = cl_safetensors_get_metadata (st, "design");
  if (json == NULL)
    return refuse (error, path, _("it holds no design."));
  design = cl_design_from_json (json, -1, path, error);
  if (design == NULL || !check_tensors (st, design->spec, path, error))
    return NULL;
  net = cl_net_new (design->spec, batch_size, error);
  if (net == NULL)
    return NULL;

  for (int layer = 0; layer < cl_net_get_n_layers (net); layer++)
    for (int j = 0; j < cl_net_get_layer_n_tensors (net, layer); j++, expected++)
      if (!fill_tensor (net, st, layer, j, path, error))
        return NULL;
  if (cl_safetensors_n_tensors (st) != expected)
    return refuse (error, path, _("it holds tensors its design does not use."));

  if (design_out != NULL)
    *design_out = g_steal_pointer (&design);
  return g_steal_pointer (&net);
}

ClNet *
cl_model_load (const char *path, int batch_size, ClDesign **design_out, GError **error)
{
  g_autoptr(ClSafetensors) st = cl_safetensors_load (path, error);
  if (st == NULL)
    return NULL;
  return load_from (st, path, batch_size, design_out, error);
}

gboolean
cl_model_open_any (const char *path, int batch_size, ClDesign **design, ClNet **net,
                   GError **error)
{
  /* One read decides the kind and gives the content: the file cannot
   * change between the two, and a FIFO or device is refused before. */
  g_autoptr(GBytes) bytes = cl_file_map_regular (path, cl_safetensors_max_file_bytes (), error);

  *design = NULL;
  *net = NULL;
  if (bytes == NULL)
    return FALSE;
  if (!cl_safetensors_bytes_look_like (bytes))
    {
      if (g_bytes_get_size (bytes) > CL_DESIGN_MAX_BYTES)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                       _("“%s” is not a valid design: it is larger than 4 MB."), path);
          return FALSE;
        }
      *design = cl_design_from_bytes (bytes, path, error);
      return *design != NULL;
    }
  g_autoptr(ClSafetensors) st = cl_safetensors_load_bytes (bytes, path, error);
  if (st == NULL)
    return FALSE;
  *net = load_from (st, path, batch_size, design, error);
  return *net != NULL;
}

gboolean
cl_model_file_is_model (const char *path)
{
  guint64 size;
  guint8 head[8];
  int fd = cl_file_open_regular (path, cl_safetensors_max_file_bytes (), &size, NULL);

  if (fd < 0)
    return FALSE;
  gssize got = read (fd, head, sizeof head);
  close (fd);
  if (got != (gssize) sizeof head)
    return FALSE;
  g_autoptr(GBytes) bytes = g_bytes_new_static (head, sizeof head);
  return cl_safetensors_bytes_look_like (bytes);
}
