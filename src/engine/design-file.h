/* design-file.h — a network design as a JSON file (human-readable,
 * diffable), and the design as a whole: the network, its name and its data.
 *
 *   {
 *     "format": "convlab-design", "version": 1,
 *     "name": "LeNet-5",
 *     "input": { "channels": 1, "height": 28, "width": 28 },
 *     "layers": [ { "kind": "Conv2D", "settings": { "filters": 6, "kernel": 5,
 *                   "padding": "explicit", "pad": 2 }, "init": "he-normal" }, … ],
 *     "training": { "loss": "cross-entropy", "optimiser": "sgd", "learning_rate": 0.01, … },
 *     "data": { "source": "fashion-mnist", "normalisation": "unit" }
 *   }
 *
 * A layer's "init" is he-normal, xavier-uniform… or normal, uniform or
 * constant with its "init_value" (σ, half-width, value); "normalisation" is
 * none, unit (pixels 0 to 1), standard (the training set's mean and
 * deviation) or contrast (each image its own mean and deviation).
 *
 * Reading checks everything: unknown kinds, settings and values, wrong
 * types, a newer version; the message names the file and the field.
 */
#pragma once

#include <glib.h>

#include "engine/data-source.h"
#include "engine/net-spec.h"

G_BEGIN_DECLS

#define CL_DESIGN_FORMAT  "convlab-design"
#define CL_DESIGN_VERSION 1
/* A design is a few kilobytes; this is far above any real one. */
#define CL_DESIGN_MAX_BYTES (4 * 1024 * 1024)
#define CL_DESIGN_MAX_LAYERS 1000

typedef struct {
  char *name;
  ClNetSpec *spec;
  ClDataRef data;
} ClDesign;

/* Takes ownership of spec. */
ClDesign *cl_design_new       (const char *name, ClNetSpec *spec, const char *data_source);
ClDesign *cl_design_copy      (const ClDesign *design);
void      cl_design_free      (ClDesign *design);

char     *cl_design_to_json   (const ClDesign *design);
/* `display_name` (a file name) is what error messages call the source. */
ClDesign *cl_design_from_json (const char *text, gssize length, const char *display_name,
                               GError **error);

/* The bytes of a file already read (a design or a model's metadata). */
ClDesign *cl_design_from_bytes (GBytes *bytes, const char *display_name, GError **error);

/* Atomic: a temporary file renamed over `path`. */
gboolean  cl_design_save      (const ClDesign *design, const char *path, GError **error);
/* Refuses what is not a regular file of at most CL_DESIGN_MAX_BYTES. */
ClDesign *cl_design_load      (const char *path, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClDesign, cl_design_free)

G_END_DECLS
