/* init.h — filling a weight tensor from the seeded RNG.
 *
 * fan_in and fan_out are those of PyTorch: Dense in/out units, Conv2D
 * in_channels*k*k and out_channels*k*k.  `value` is the constant, the
 * half-width of the uniform or the standard deviation of the normal.
 */
#pragma once

#include <glib.h>

#include "engine/net-spec.h"
#include "engine/rng.h"

G_BEGIN_DECLS

void cl_init_fill (ClInitKind kind, double value, int fan_in, int fan_out,
                   ClRng *rng, float *data, gsize n);

G_END_DECLS
