/* model-timelapse.h — a model keeps its filters' time-lapse.
 *
 * cl_model_save_snapshot() stores the first Conv2D layer's weights at the
 * snapshot's checkpoints (timelapse.h) in the model's metadata
 * ("timelapse", compact JSON), so that `convlab-cli export filters MODEL
 * --steps 0,50,200` can draw the filters as they were during training:
 *
 *   {"layer": 1, "shape": [16, 1, 7, 7], "steps": [0, 50, 100, …],
 *    "weights": "…"}
 *
 * "layer" counts from 1 as the tensor names do; "weights" is base64 of the
 * frames' float32 values, little-endian, one frame after another in the
 * layout of the layer's weight tensor — exact, so step 0 is the initial
 * weights bit for bit.  Metadata rather than tensors: readers that map
 * tensors to layers (PyTorch's load_state_dict, older ConvLab) see the
 * same tensors as before.  Bounded: at most CL_MODEL_TIMELAPSE_MAX_BYTES
 * of weights (frames thinned evenly, the first and the last kept) — a
 * 16 × 7×7 grey layer keeps every one of the trainer's 64 checkpoints in
 * 200 kB; a layer too large for two frames is not kept.
 */
#pragma once

#include <glib.h>

#include "engine/net-spec.h"
#include "engine/timelapse.h"

G_BEGIN_DECLS

#define CL_MODEL_TIMELAPSE_MAX_BYTES (1024 * 1024)

/* The metadata text, or NULL when there is nothing to keep. */
char        *cl_model_timelapse_to_json   (const ClTimelapse *timelapse);
/* Parses it back, checked against the first Conv2D layer of `spec`; NULL
 * and an error naming `path` when it is malformed or does not match. */
ClTimelapse *cl_model_timelapse_from_json (const char *json, const ClNetSpec *spec,
                                           const char *path, GError **error);
/* A model file's time-lapse: NULL without an error when it holds none. */
ClTimelapse *cl_model_load_timelapse      (const char *path, const ClNetSpec *spec,
                                           GError **error);

G_END_DECLS
