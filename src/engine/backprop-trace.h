/* backprop-trace.h — one sample through a small dense network, forward and
 * backward, as the engine computes it: what the Backpropagation explorer
 * draws, number by number.
 *
 * The trace compiles the design at batch 1 (net.h), runs ONE training step
 * of plain SGD (no momentum, no weight decay: w ← w − η·∂E/∂w) at the
 * learning rate asked, and copies out every number a lesson writes on the
 * slide: each neuron's pre-activation x and output y, ∂E/∂y, f′(x), ∂E/∂x,
 * each weight and bias with its gradient and its value after the step.
 * Nothing is computed twice: the activations and gradients are the net's,
 * f′ is its activation layer's own backward (cl_net_get_activation_slope),
 * the new weights are what its optimiser wrote.  So the picture is the
 * truth of the trainer, conventions included:
 *
 *   MSE:  E = mean over the m outputs of (y − t)², ∂E/∂y = 2 (y − t) / m
 *   cross-entropy after Softmax: E = −log y_label, fused, ∂E/∂x = y − t
 *   binary cross-entropy after Sigmoid: fused, ∂E/∂x = (y − t) / m
 *
 * For the fused losses the engine never forms ∂E/∂y of the output nor
 * f′ there (that is the point of the fusion), so the trace has none.
 */
#pragma once

#include <glib.h>

#include "engine/net-spec.h"

G_BEGIN_DECLS

/* "Up to ~4 layers of ~8 units": beyond it a picture with numbers on every
 * link no longer reads from the back of a room. */
#define CL_BACKPROP_MAX_DENSE 4
#define CL_BACKPROP_MAX_UNITS 8

typedef struct {
  int n;                          /* units */
  const ClLayerKind *activation;  /* after the Dense; NULL: identity (or the input layer) */
  float *x;      /* pre-activation (the Dense's output); NULL for the input layer */
  float *y;      /* f(x); the input values for the input layer */
  float *dy;     /* ∂E/∂y; NULL for the input layer and a fused output */
  float *slope;  /* f′(x); NULL for the identity (1), the input layer and a fused output */
  float *dx;     /* ∂E/∂x; NULL for the input layer */
} ClBackpropLayer;

typedef struct {
  int n_in, n_out;
  float *w, *dw, *w_new;  /* n_out × n_in, PyTorch's layout: w[j * n_in + i] is unit i → unit j */
  float *b, *db, *b_new;  /* n_out, or all NULL: a Dense without bias */
} ClBackpropLinks;

typedef struct {
  int n_layers;                                   /* neuron layers: the input, one per Dense */
  ClBackpropLayer layers[CL_BACKPROP_MAX_DENSE + 1];
  ClBackpropLinks links[CL_BACKPROP_MAX_DENSE];   /* links[k]: layers[k] → layers[k + 1] */
  ClLossKind loss;
  gboolean fused;  /* the loss gave the output's ∂E/∂x directly */
  float *target;   /* one per output (cross-entropy: one-hot) */
  int label;       /* cross-entropy: the class; else -1 */
  double loss_value;
  double lr;
} ClBackpropTrace;

/* Whether the design is a network the trace can show: 1 to
 * CL_BACKPROP_MAX_DENSE Dense layers of at most CL_BACKPROP_MAX_UNITS units
 * on an input of at most that many values, each Dense followed by at most
 * one of Sigmoid, Tanh, ReLU, Leaky ReLU or ELU, and Softmax (cross-entropy)
 * or Sigmoid (binary cross-entropy) last.  FALSE and an error naming the
 * layer and the reason otherwise. */
gboolean         cl_backprop_check       (const ClNetSpec *spec, GError **error);

/* The trace of one step on the sample `input` (the design's input size)
 * and `target` (the output size; cross-entropy takes the class of its
 * largest value).  `params` (n_params floats, the net's block) are the
 * weights to start from; NULL: the design's initialisation from its seed.
 * NULL and an error for a design cl_backprop_check refuses, a parameter
 * count that does not match, or a step that diverges. */
ClBackpropTrace *cl_backprop_trace_new   (const ClNetSpec *spec, const float *params,
                                          gsize n_params, const float *input,
                                          const float *target, double lr, GError **error);
void             cl_backprop_trace_free  (ClBackpropTrace *trace);

/* The built-in network when the design is not one to show: the course's
 * 2-2-1 sigmoid network with MSE, its weights, sample and target
 * (x = (0.35, 0.9), t = 0.5).  *params holds its n_params weights (g_free). */
ClNetSpec       *cl_backprop_builtin     (float **params, gsize *n_params, float input[2],
                                          float *target, double *lr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClBackpropTrace, cl_backprop_trace_free)

G_END_DECLS
