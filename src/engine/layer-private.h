/* layer-private.h — a compiled layer, as its kind's forward/backward see it.
 * Only the engine's layer files and net.c include this. */
#pragma once

#include "engine/layer-registry.h"

G_BEGIN_DECLS

struct _ClLayer {
  const ClLayerKind *kind;
  int index;                       /* 0-based position in the network */
  double settings[CL_LAYER_MAX_SETTINGS];
  ClShape in_shape, out_shape;
  gsize in_size, out_size;         /* floats per sample */
  ClLayerPlan plan;
  float *param[CL_LAYER_MAX_TENSORS];   /* views into the net's one block */
  float *grad[CL_LAYER_MAX_TENSORS];
  float *buffer[CL_LAYER_MAX_TENSORS];
  const float *in;                 /* the previous layer's output, or the input */
  float *out;                      /* this layer's activations: readable after forward */
  float *dout;                     /* d loss / d out */
  float *din;                      /* d loss / d in, or NULL when nobody needs it */
  guint8 *aux;                     /* plan.aux_bytes of private storage */
  float *ws;                       /* the shared workspace */
};

struct _ClRunCtx {
  int n;                 /* samples in this batch (<= the compiled batch size) */
  gboolean training;     /* dropout on, batch statistics */
  guint64 step;          /* optimiser steps done so far */
  guint64 dropout_key;   /* cl_rng_key (seed, CL_RNG_STREAM_DROPOUT) */
};

/* Loops over fewer values than this stay on one thread: waking the OpenMP
 * team costs more than it saves (far more on a busy machine).  Every
 * parallel loop writes only its own outputs, so the result is the same
 * either way. */
#define CL_PAR_MIN 32768

/* A sum in a fixed order that still vectorises: 8 interleaved partial sums
 * (lane i % 8) added pairwise at the end.  The order depends on n only,
 * never on threads; a plain running sum would be a serial chain. */
static inline float
cl_sum (const float *restrict x, gsize n)
{
  float lane[8] = { 0 };
  gsize i = 0;
  for (; i + 8 <= n; i += 8)
    for (int j = 0; j < 8; j++)
      lane[j] += x[i + j];
  for (int j = 0; i < n; i++, j++)
    lane[j] += x[i];
  return ((lane[0] + lane[4]) + (lane[2] + lane[6])) + ((lane[1] + lane[5]) + (lane[3] + lane[7]));
}

/* Setting accessors for the kinds' code: settings are stored as doubles. */
static inline int
cl_setting_int (const ClLayer *l, int i)
{
  return (int) l->settings[i];
}

static inline float
cl_setting_float (const ClLayer *l, int i)
{
  return (float) l->settings[i];
}

/* The kinds, defined one per file and listed in layer-registry.c. */
extern const ClLayerKind cl_layer_dense;
extern const ClLayerKind cl_layer_conv2d;
extern const ClLayerKind cl_layer_maxpool2d;
extern const ClLayerKind cl_layer_avgpool2d;
extern const ClLayerKind cl_layer_flatten;
extern const ClLayerKind cl_layer_dropout;
extern const ClLayerKind cl_layer_batchnorm;
extern const ClLayerKind cl_layer_sigmoid;
extern const ClLayerKind cl_layer_tanh;
extern const ClLayerKind cl_layer_relu;
extern const ClLayerKind cl_layer_leaky_relu;
extern const ClLayerKind cl_layer_prelu;
extern const ClLayerKind cl_layer_rrelu;
extern const ClLayerKind cl_layer_elu;
extern const ClLayerKind cl_layer_maxout;
extern const ClLayerKind cl_layer_softmax;

/* Fills a tensor description (PyTorch-like name and layout). */
void cl_tensor_info_set (ClTensorInfo *t, const char *name, ClFill fill, float value,
                         int ndim, const int *dims);

G_END_DECLS
