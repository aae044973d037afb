/* gradcheck.h — the finite-difference check shared by the engine tests. */
#pragma once

#include "engine/net.h"

/* Checks every parameter (or an evenly spread sample of at most
 * `max_checked`) and every input value of a design compiled for `batch`:
 * the analytic gradient of L = sum(r * output) (r fixed random) against
 * central differences.  With `use_loss`, L is the design's own loss instead
 * (exercises the fused Softmax/Sigmoid paths). */
void cl_test_gradcheck (const ClNetSpec *spec, int batch, gboolean use_loss, int max_checked);

/* The parameters only, the input gradient not asked for: a first layer's
 * backward then skips it (Conv2D's direct path, conv-direct.h). */
void cl_test_gradcheck_params (const ClNetSpec *spec, int batch, int max_checked);

/* The same in evaluation mode (running statistics, no dropout), with
 * L = sum(r * output). */
void cl_test_gradcheck_eval (const ClNetSpec *spec, int batch);
