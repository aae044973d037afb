/* model-file.h — a trained model: a safetensors file whose metadata holds
 * the design JSON and whose tensors are the parameters, named
 * `layer{i}.{kind}.{weight|bias|…}` (i from 1, kind in lower case) in
 * PyTorch's layouts (Conv2D weight [out, in, kh, kw], Dense weight [out, in]).
 * Any safetensors reader — Python's json + struct, PyTorch — can read it.
 * The metadata may also hold the training history (model-history.h), the
 * last loss landscape (model-landscape.h) and the first layer's filters at
 * the checkpoints (model-timelapse.h).
 */
#pragma once

#include <glib.h>

#include "engine/design-file.h"
#include "engine/net.h"
#include "engine/snapshot.h"

G_BEGIN_DECLS

#define CL_MODEL_FORMAT  "convlab-model"
#define CL_MODEL_VERSION 1

/* The name of layer i's tensor j as stored: "layer1.conv2d.weight". */
char     *cl_model_tensor_name (ClNet *net, int layer, int j);

/* Atomic, like every save. */
gboolean  cl_model_save        (const ClDesign *design, ClNet *net, const char *path,
                                GError **error);
/* Saves the network of a snapshot (its design and parameters) and its
 * training history (model-history.h), from any thread: the window saves
 * while the worker trains on. */
gboolean  cl_model_save_snapshot (const ClDesign *design, const ClSnapshot *snapshot,
                                  const char *path, GError **error);
/* Reads the design from the metadata, compiles it for `batch_size` and
 * fills the parameters; every tensor is checked (present, F32, the shape
 * the design gives) and nothing unexpected is accepted. */
ClNet    *cl_model_load        (const char *path, int batch_size, ClDesign **design,
                                GError **error);

/* A design or a model, told apart by content (model-file.c says how):
 * *net is set for a model (and *design to its design), only *design for a
 * design.  What every "open a file" of the CLI and the window calls. */
gboolean  cl_model_open_any    (const char *path, int batch_size, ClDesign **design,
                                ClNet **net, GError **error);

/* TRUE when `path` looks like a model (by content), FALSE for a design. */
gboolean  cl_model_file_is_model (const char *path);

G_END_DECLS
