/* layer-registry.h — every layer kind, described once.
 *
 * The palette, the inspector, the file format, the code export and the tests
 * iterate this registry: a kind declares its name, icon, settings (with
 * range, default, translatable label and help), its shape rule, its
 * parameter tensors (named and laid out as PyTorch does), forward and
 * backward.  Adding a kind is one file plus one line in layer-registry.c.
 *
 * To add a kind: write src/engine/layer-<name>.c defining a `const
 * ClLayerKind cl_layer_<name>` (see layer-prelu.c for a small one with a
 * parameter); declare it in layer-private.h and list it in
 * layer-registry.c; add the file to engine_sources and po/POTFILES.in and
 * its strings to po/fr.po; add its gradcheck to tests/engine/test-gradcheck.c
 * (one case per setting that changes the math) and a forward check to
 * test-layers.c.  Forward and backward must not allocate (ask for aux bytes
 * or workspace floats in `plan`), must handle ctx->n <= the compiled batch,
 * and must parallelise only loops whose outputs are private to a thread, so
 * results do not depend on the thread count.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CL_SETTING_INT,
  CL_SETTING_FLOAT,
  CL_SETTING_BOOL,    /* 0 or 1 */
  CL_SETTING_CHOICE,  /* index into choices */
} ClSettingType;

typedef struct {
  const char *name;                   /* stable id, used in files: "units" */
  ClSettingType type;
  double min, max, def;
  const char * const *choices;        /* CHOICE: stable ids, NULL-terminated */
  const char * const *choice_labels;  /* CHOICE: N_() labels, same order */
  const char *label;                  /* N_(): translate with _() when shown */
  const char *help;                   /* N_(): one line */
} ClSettingDesc;

typedef enum {
  CL_LAYER_GROUP_LAYER,
  CL_LAYER_GROUP_ACTIVATION,
} ClLayerGroup;

/* A per-sample tensor shape, NCHW without the N.  Dense outputs are (units, 1, 1). */
typedef struct {
  int c, h, w;
} ClShape;

#define CL_LAYER_MAX_SETTINGS 6
#define CL_LAYER_MAX_TENSORS  2

/* How a parameter tensor starts before training. */
typedef enum {
  CL_FILL_WEIGHT,  /* the layer's chosen initialisation (fan-in/fan-out based) */
  CL_FILL_ZERO,    /* biases */
  CL_FILL_VALUE,   /* a fixed value: BatchNorm scale 1, PReLU slope 0.25 */
} ClFill;

typedef struct {
  const char *name;  /* PyTorch name: "weight", "bias", "running_mean" */
  int ndim;
  int dims[4];       /* PyTorch layout: Conv2D weight [out, in, kh, kw] */
  guint64 count;
  ClFill fill;
  float value;       /* CL_FILL_VALUE */
} ClTensorInfo;

/* What shape inference says about one layer in its place. */
typedef struct {
  ClShape out;
  int n_params;
  ClTensorInfo params[CL_LAYER_MAX_TENSORS];    /* trained */
  int n_buffers;
  ClTensorInfo buffers[CL_LAYER_MAX_TENSORS];   /* not trained: running statistics */
  guint64 aux_bytes;         /* private per-instance storage (masks, argmax...) */
  guint64 workspace_floats;  /* scratch shared by all layers */
  int fan_in, fan_out;       /* for the weight initialisation */
} ClLayerPlan;

typedef struct _ClLayer ClLayer;    /* a compiled layer: layer-private.h */
typedef struct _ClRunCtx ClRunCtx;

typedef struct _ClLayerKind ClLayerKind;
struct _ClLayerKind {
  const char *name;       /* stable id, used in files: "Conv2D" */
  const char *label;      /* N_() */
  const char *help;       /* N_() one line */
  const char *icon_name;
  ClLayerGroup group;
  const ClSettingDesc *settings;
  int n_settings;
  /* Shape rule: fills plan for input `in` and the given batch size, or
   * returns FALSE with a cause in plain words (the caller adds "Kind #i: "). */
  gboolean (*plan) (const double *settings, ClShape in, int batch,
                    ClLayerPlan *plan, GError **error);
  void (*forward) (ClLayer *layer, const ClRunCtx *ctx);
  /* Reads layer->dout; writes the parameter gradients (overwriting them) and
   * layer->din unless it is NULL. */
  void (*backward) (ClLayer *layer, const ClRunCtx *ctx);
};

int                cl_layer_registry_get_n_kinds (void);
const ClLayerKind *cl_layer_registry_get_kind    (int i);
const ClLayerKind *cl_layer_registry_lookup      (const char *name);

/* -1 when the kind has no setting of that name. */
int                cl_layer_kind_find_setting    (const ClLayerKind *kind, const char *name);
/* Whether the kind has weights its initialisation fills (Conv2D, Dense):
 * what the inspector offers an initialisation for. */
gboolean           cl_layer_kind_has_weights     (const ClLayerKind *kind);

G_END_DECLS
