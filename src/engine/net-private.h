/* net-private.h — the instance's fields, shared by net.c (compiling,
 * initialising, accessors) and net-train.c (forward, backward, steps). */
#pragma once

#include "engine/layer-private.h"
#include "engine/net.h"

G_BEGIN_DECLS

struct _ClNet {
  ClNetSpec *spec;
  ClTrainSettings train;
  int batch;
  int n_layers;
  ClLayer *layers;
  ClShape input_shape;
  gsize input_size;

  gsize n_params, n_buffers, n_state;
  float *params, *grads, *state, *buffers;  /* the four blocks */
  float *input;       /* a copy of the last batch */
  float *input_grad;
  float *acts;        /* every layer's output, layer after layer */
  float *douts;       /* their gradients, same layout */
  guint8 *aux;
  float *ws;

  guint64 seed;
  guint64 dropout_key;
  guint64 step;
  int last_n;
  gboolean last_training;
  gboolean want_input_grad;
  gboolean diverged;
};

G_END_DECLS
