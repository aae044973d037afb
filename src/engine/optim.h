/* optim.h — one optimiser step over a whole parameter block.
 *
 * The formulas are PyTorch's (torch.optim.SGD with momentum/nesterov,
 * RMSprop, Adam), with L2 weight decay added to the gradient (g + wd * w),
 * so a run can be compared with the reference scripts.  `state` holds
 * cl_optim_state_size() floats per parameter, zero before the first step;
 * `t` is the 1-based step number (Adam's bias correction).
 */
#pragma once

#include <glib.h>

#include "engine/net-spec.h"

G_BEGIN_DECLS

int  cl_optim_state_size (ClOptimKind kind);

void cl_optim_step (const ClTrainSettings *settings, guint64 t,
                    float *params, const float *grads, float *state, gsize n);

G_END_DECLS
