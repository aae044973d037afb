#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/init.h"

static void
fill_uniform (ClRng *rng, float a, float *data, gsize n)
{
  for (gsize i = 0; i < n; i++)
    data[i] = a * (2.0f * cl_rng_uniform (rng) - 1.0f);
}

static void
fill_normal (ClRng *rng, float std, float *data, gsize n)
{
  for (gsize i = 0; i < n; i++)
    data[i] = std * cl_rng_normal (rng);
}

void
cl_init_fill (ClInitKind kind, double value, int fan_in, int fan_out,
              ClRng *rng, float *data, gsize n)
{
  double fans = MAX (fan_in + fan_out, 1), fin = MAX (fan_in, 1);
  switch (kind)
    {
    case CL_INIT_ZEROS:
      memset (data, 0, sizeof (float) * n);
      break;
    case CL_INIT_CONSTANT:
      for (gsize i = 0; i < n; i++)
        data[i] = (float) value;
      break;
    case CL_INIT_UNIFORM:
      fill_uniform (rng, (float) value, data, n);
      break;
    case CL_INIT_NORMAL:
      fill_normal (rng, (float) value, data, n);
      break;
    case CL_INIT_XAVIER_UNIFORM:
      fill_uniform (rng, (float) sqrt (6.0 / fans), data, n);
      break;
    case CL_INIT_XAVIER_NORMAL:
      fill_normal (rng, (float) sqrt (2.0 / fans), data, n);
      break;
    case CL_INIT_HE_UNIFORM:
      fill_uniform (rng, (float) sqrt (6.0 / fin), data, n);
      break;
    case CL_INIT_LECUN_UNIFORM:
      fill_uniform (rng, (float) sqrt (3.0 / fin), data, n);
      break;
    case CL_INIT_LECUN_NORMAL:
      fill_normal (rng, (float) sqrt (1.0 / fin), data, n);
      break;
    case CL_INIT_HE_NORMAL:
    case CL_INIT_DEFAULT:  /* resolved by the caller; He is the safer guess */
    default:
      fill_normal (rng, (float) sqrt (2.0 / fin), data, n);
      break;
    }
}
