/* zoo.h — the reference designs of issue 3, for the benchmark, the tests
 * and the app's examples.  All end with a Softmax and use the cross-entropy
 * loss; the caller owns the returned spec. */
#pragma once

#include "engine/net-spec.h"

G_BEGIN_DECLS

/* 28x28x1: conv 6@5x5 pad 2, ReLU, maxpool 2, conv 16@5x5, ReLU, maxpool 2,
 * dense 120, ReLU, dense 84, ReLU, dense 10, Softmax (61 706 parameters). */
ClNetSpec *cl_net_spec_new_lenet5 (void);

/* 28x28x1: conv 32@3x3 pad 1, ReLU, conv 32@3x3 pad 1, ReLU, maxpool 2,
 * conv 64@3x3 pad 1, ReLU, maxpool 2, dense 128, ReLU, dropout 0.5,
 * dense 10, Softmax. */
ClNetSpec *cl_net_spec_new_cnn3 (void);

/* 28x28x1 flattened: dense 256, ReLU, dense 128, ReLU, dense 10, Softmax. */
ClNetSpec *cl_net_spec_new_mlp (void);

/* The zero-versus-random lesson: 2 inputs (a toy set's plane), dense 8,
 * tanh, dense 8, tanh, dense 2, Softmax, every Dense layer initialised
 * with `init` (and `value` for constant, uniform and normal); Adam at
 * 0.03, batch 16, seed 1.  With zeros every hidden unit of a layer stays
 * the same as its neighbours; with a random start they differ and learn. */
ClNetSpec *cl_net_spec_new_init_demo (ClInitKind init, double value);

/* "lenet5", "cnn3" or "mlp" (the bench's case names); NULL otherwise. */
ClNetSpec *cl_net_spec_new_from_zoo (const char *name);
extern const char * const cl_zoo_names[];  /* NULL-terminated */

/* Adds a layer with up to two settings (NULL name ends), for short designs:
 * cl_net_spec_append (spec, "Conv2D", "filters", 6.0, "kernel", 5.0, NULL). */
int        cl_net_spec_append (ClNetSpec *spec, const char *kind, ...) G_GNUC_NULL_TERMINATED;

G_END_DECLS
