#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <math.h>

#include "engine/optim.h"

/* Below this many parameters one thread is faster than waking the team. */
#define CL_OPTIM_PAR_MIN 32768

int
cl_optim_state_size (ClOptimKind kind)
{
  switch (kind)
    {
    case CL_OPTIM_SGD:
      return 0;
    case CL_OPTIM_MOMENTUM:
    case CL_OPTIM_NESTEROV:
    case CL_OPTIM_RMSPROP:
      return 1;
    case CL_OPTIM_ADAM:
    default:
      return 2;
    }
}

/* Each parameter is updated on its own: the loops split freely over threads
 * without changing a bit. */
void
cl_optim_step (const ClTrainSettings *s, guint64 t,
               float *restrict w, const float *restrict grads, float *restrict state, gsize n)
{
  const float lr = (float) s->lr, wd = (float) s->weight_decay;
  const float mu = (float) s->momentum, eps = (float) s->eps;

  switch (s->optimiser)
    {
    case CL_OPTIM_SGD:
#pragma omp parallel for schedule(static) if (n >= CL_OPTIM_PAR_MIN)
      for (gsize i = 0; i < n; i++)
        w[i] -= lr * (grads[i] + wd * w[i]);
      break;

    case CL_OPTIM_MOMENTUM:
    case CL_OPTIM_NESTEROV:
      {
        const gboolean nesterov = s->optimiser == CL_OPTIM_NESTEROV;
        float *restrict v = state;
#pragma omp parallel for schedule(static) if (n >= CL_OPTIM_PAR_MIN)
        for (gsize i = 0; i < n; i++)
          {
            float g = grads[i] + wd * w[i];
            v[i] = mu * v[i] + g;
            w[i] -= lr * (nesterov ? g + mu * v[i] : v[i]);
          }
      }
      break;

    case CL_OPTIM_RMSPROP:
      {
        const float rho = (float) s->rho;
        float *restrict sq = state;
#pragma omp parallel for schedule(static) if (n >= CL_OPTIM_PAR_MIN)
        for (gsize i = 0; i < n; i++)
          {
            float g = grads[i] + wd * w[i];
            sq[i] = rho * sq[i] + (1.0f - rho) * g * g;
            w[i] -= lr * g / (sqrtf (sq[i]) + eps);
          }
      }
      break;

    case CL_OPTIM_ADAM:
      {
        const float b1 = (float) s->beta1, b2 = (float) s->beta2;
        const float c1 = (float) (1.0 - pow (s->beta1, (double) t));
        const float c2 = (float) (1.0 - pow (s->beta2, (double) t));
        float *restrict m = state, *restrict v = state + n;
#pragma omp parallel for schedule(static) if (n >= CL_OPTIM_PAR_MIN)
        for (gsize i = 0; i < n; i++)
          {
            float g = grads[i] + wd * w[i];
            m[i] = b1 * m[i] + (1.0f - b1) * g;
            v[i] = b2 * v[i] + (1.0f - b2) * g * g;
            w[i] -= lr * (m[i] / c1) / (sqrtf (v[i] / c2) + eps);
          }
      }
      break;
    }
}
