/* activation.h — the activation functions as functions of one number.
 *
 * What the Activation Functions explorer plots: f(x) and f′(x) computed by
 * the same inline code as the layers (activation-math.h), so the curve is
 * the layer's truth.  Also the link from a layer of a design to its curve
 * (its kind and settings), and the softmax of a vector as the layer does it.
 */
#pragma once

#include <glib.h>

#include "engine/layer-registry.h"

G_BEGIN_DECLS

typedef enum {
  CL_ACTIVATION_IDENTITY,
  CL_ACTIVATION_SIGMOID,
  CL_ACTIVATION_TANH,
  CL_ACTIVATION_RELU,
  CL_ACTIVATION_LEAKY_RELU,
  CL_ACTIVATION_PRELU,
  CL_ACTIVATION_RRELU,
  CL_ACTIVATION_ELU,
  CL_ACTIVATION_MAXOUT,
  CL_ACTIVATION_SOFTMAX,   /* of a vector: cl_activation_softmax () */
  CL_N_ACTIVATIONS
} ClActivation;

typedef struct {
  ClActivation kind;
  double slope;          /* leaky ReLU's slope, PReLU's a */
  double alpha;          /* ELU */
  double lower, upper;   /* RReLU: training draws in [lower, upper], evaluation their mean */
  double w[2], b[2];     /* maxout of two pieces: max (w0 x + b0, w1 x + b1) */
} ClActivationParams;

/* The defaults of the layers (leaky slope 0.01, PReLU's starting 0.25,
 * RReLU 1/8 and 1/3, ELU α 1) and maxout pieces (1, 0) and (−½, −1). */
void         cl_activation_params_init (ClActivationParams *params, ClActivation kind);

/* f(x) as the layer computes it in evaluation mode (RReLU: the mean
 * slope), and f′(x) in *derivative (may be NULL).  Softmax has no scalar
 * form: it returns NAN. */
float        cl_activation_value       (const ClActivationParams *params, float x,
                                        float *derivative);

/* The softmax of n values, as the Softmax layer computes it. */
void         cl_activation_softmax     (const float *x, float *y, gsize n);

/* The function of a layer kind with its settings (`settings` in the
 * kind's order, or NULL for its defaults): TRUE for the element-wise
 * activations and Softmax, FALSE for the others (Dense, Dropout, and
 * Maxout, whose output takes several inputs). */
gboolean     cl_activation_for_kind    (const ClLayerKind *kind, const double *settings,
                                        ClActivationParams *params);

/* A stable id ("leaky-relu") and the translatable name (N_(): "Leaky ReLU"). */
const char  *cl_activation_to_string   (ClActivation kind);
gboolean     cl_activation_from_string (const char *id, ClActivation *kind);
const char  *cl_activation_get_label   (ClActivation kind);

G_END_DECLS
