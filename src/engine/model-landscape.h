/* model-landscape.h — a model keeps its last loss landscape.
 *
 * cl_model_save_snapshot() stores the snapshot's finished landscape in the
 * model's metadata ("landscape", compact JSON), so reopening the model shows
 * it without computing it again:
 *
 *   {"resolution": 31, "range": 1, "axes": "pca", "explained": [0.9, 0.05],
 *    "center_loss": 0.31, "loss": [… resolution² values, NaN as null …],
 *    "path": [[x, y], …]}
 *
 * At most 101² values and CL_MODEL_LANDSCAPE_MAX_PATH path points: about
 * 100 kB at worst.  The directions are not kept (as large as the network).
 */
#pragma once

#include <glib.h>

#include "engine/landscape.h"

G_BEGIN_DECLS

#define CL_MODEL_LANDSCAPE_MAX_PATH 10000

/* The metadata text, or NULL for no landscape or one not finished. */
char        *cl_model_landscape_to_json   (const ClLandscape *landscape);
/* Parses it back; NULL and an error naming `path` when it is malformed. */
ClLandscape *cl_model_landscape_from_json (const char *json, const char *path, GError **error);
/* A model file's landscape: NULL without an error when it holds none. */
ClLandscape *cl_model_load_landscape      (const char *path, GError **error);

G_END_DECLS
