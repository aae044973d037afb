/* net-spec.h — the design of a network: what the editor edits and files store.
 *
 * Input shape (C, H, W), an ordered list of layers (a registry kind, its
 * setting values and its initialisation) and the training settings.  A design
 * may hold any values, even invalid ones: cl_net_new() checks them and says
 * which layer is wrong and why.
 */
#pragma once

#include <glib.h>

#include "engine/augment.h"
#include "engine/layer-registry.h"

G_BEGIN_DECLS

typedef enum {
  CL_LOSS_CROSS_ENTROPY,         /* needs a final Softmax; labels are class indices */
  CL_LOSS_BINARY_CROSS_ENTROPY,  /* needs a final Sigmoid; targets in [0, 1] */
  CL_LOSS_MSE,                   /* any output; float targets */
} ClLossKind;

typedef enum {
  CL_OPTIM_SGD,
  CL_OPTIM_MOMENTUM,
  CL_OPTIM_NESTEROV,
  CL_OPTIM_RMSPROP,
  CL_OPTIM_ADAM,
} ClOptimKind;

typedef enum {
  CL_INIT_DEFAULT,         /* He normal before a ReLU-like activation, Xavier uniform otherwise */
  CL_INIT_ZEROS,
  CL_INIT_CONSTANT,        /* value */
  CL_INIT_UNIFORM,         /* U(-value, value) */
  CL_INIT_NORMAL,          /* N(0, value^2) */
  CL_INIT_XAVIER_UNIFORM,  /* U(-a, a), a = sqrt(6 / (fan_in + fan_out)) */
  CL_INIT_XAVIER_NORMAL,   /* N(0, 2 / (fan_in + fan_out)) */
  CL_INIT_HE_UNIFORM,      /* U(-a, a), a = sqrt(6 / fan_in) */
  CL_INIT_HE_NORMAL,       /* N(0, 2 / fan_in) */
  CL_INIT_LECUN_UNIFORM,   /* U(-a, a), a = sqrt(3 / fan_in): variance 1 / fan_in (Keras) */
  CL_INIT_LECUN_NORMAL,    /* N(0, 1 / fan_in): SELU's and the course's choice */
} ClInitKind;

/* The fastest pace a design may ask: beyond it the window's 30 frames a
 * second show only some steps anyway, and 0 (full speed) is simpler. */
#define CL_TRAIN_SPEED_MAX 1000

typedef struct {
  ClLossKind loss;
  ClOptimKind optimiser;
  double lr;
  double momentum;      /* momentum, Nesterov */
  double beta1, beta2;  /* Adam */
  double rho;           /* RMSprop decay of the squared-gradient average */
  double eps;           /* RMSprop, Adam */
  double weight_decay;  /* L2, added to every gradient as weight_decay * w */
  int batch_size;
  int epochs;
  guint64 seed;
  /* Display pace, steps a second (0: as fast as it goes).  Slow motion
   * lets a class watch learning happen; the command line ignores it. */
  int speed;
  /* Random shifts, flips, crops and rotations of the training images
   * (engine/augment.h); all zero: none, as every design before it. */
  ClAugmentSettings augment;
} ClTrainSettings;

typedef struct _ClNetSpec ClNetSpec;

ClNetSpec         *cl_net_spec_new             (int c, int h, int w);
ClNetSpec         *cl_net_spec_copy            (const ClNetSpec *spec);
void               cl_net_spec_free            (ClNetSpec *spec);

void               cl_net_spec_set_input       (ClNetSpec *spec, int c, int h, int w);
ClShape            cl_net_spec_get_input       (const ClNetSpec *spec);

int                cl_net_spec_get_n_layers    (const ClNetSpec *spec);
/* Both return the new layer's 0-based index, with default settings, or -1
 * for an unknown kind name. */
int                cl_net_spec_add_layer       (ClNetSpec *spec, const char *kind);
int                cl_net_spec_insert_layer    (ClNetSpec *spec, int position, const char *kind);
void               cl_net_spec_remove_layer    (ClNetSpec *spec, int i);
void               cl_net_spec_move_layer      (ClNetSpec *spec, int from, int to);
const ClLayerKind *cl_net_spec_get_layer_kind  (const ClNetSpec *spec, int i);

/* FALSE (and a critical) for a name the kind does not have.  Values are
 * stored as given, range-checked by cl_net_new(). */
gboolean           cl_net_spec_set_setting     (ClNetSpec *spec, int i, const char *name, double value);
double             cl_net_spec_get_setting     (const ClNetSpec *spec, int i, const char *name);
const double      *cl_net_spec_get_settings    (const ClNetSpec *spec, int i);

void               cl_net_spec_set_init        (ClNetSpec *spec, int i, ClInitKind init, double value);
ClInitKind         cl_net_spec_get_init        (const ClNetSpec *spec, int i, double *value);

ClTrainSettings   *cl_net_spec_get_train       (ClNetSpec *spec);
const ClTrainSettings *cl_net_spec_peek_train  (const ClNetSpec *spec);

/* Stable ids for files ("cross-entropy", "adam", "he-normal"...) and back;
 * the _from_string functions return FALSE for an unknown id. */
const char        *cl_loss_kind_to_string      (ClLossKind kind);
gboolean           cl_loss_kind_from_string    (const char *id, ClLossKind *kind);
const char        *cl_optim_kind_to_string     (ClOptimKind kind);
gboolean           cl_optim_kind_from_string   (const char *id, ClOptimKind *kind);
const char        *cl_init_kind_to_string      (ClInitKind kind);
gboolean           cl_init_kind_from_string    (const char *id, ClInitKind *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClNetSpec, cl_net_spec_free)

G_END_DECLS
