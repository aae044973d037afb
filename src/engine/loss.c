#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <math.h>

#include "engine/loss.h"

double
cl_loss_cross_entropy (const float *logits, const gint32 *labels, int n, int classes,
                       float *dlogits, int *correct)
{
  double total = 0.0;
  int right = 0;
  for (int s = 0; s < n; s++)
    {
      const float *z = logits + (gsize) s * classes;
      int best = 0;
      for (int i = 1; i < classes; i++)
        if (z[i] > z[best])
          best = i;
      double max = z[best], sum = 0.0;
      for (int i = 0; i < classes; i++)
        sum += exp ((double) z[i] - max);
      double lse = max + log (sum);
      total += lse - z[labels[s]];
      right += best == labels[s];
      if (dlogits != NULL)
        {
          float *d = dlogits + (gsize) s * classes;
          for (int i = 0; i < classes; i++)
            {
              double p = exp ((double) z[i] - lse);
              d[i] = (float) ((p - (i == labels[s])) / n);
            }
        }
    }
  if (correct != NULL)
    *correct = right;
  return total / n;
}

double
cl_loss_binary_cross_entropy (const float *logits, const float *targets, int n, int size,
                              float *dlogits, int *correct)
{
  gsize count = (gsize) n * size;
  double total = 0.0;
  int right = 0;
  for (gsize i = 0; i < count; i++)
    {
      double z = logits[i], y = targets[i];
      /* -[y log s(z) + (1-y) log(1 - s(z))] = max(z, 0) - z y + log(1 + e^-|z|) */
      total += fmax (z, 0.0) - z * y + log1p (exp (-fabs (z)));
      right += (z > 0.0) == (y > 0.5);
      if (dlogits != NULL)
        dlogits[i] = (float) ((1.0 / (1.0 + exp (-z)) - y) / count);
    }
  if (correct != NULL)
    *correct = right;
  return total / count;
}

double
cl_loss_mse (const float *out, const float *targets, int n, int size, float *dout)
{
  gsize count = (gsize) n * size;
  double total = 0.0;
  for (gsize i = 0; i < count; i++)
    {
      double e = (double) out[i] - targets[i];
      total += e * e;
      if (dout != NULL)
        dout[i] = (float) (2.0 * e / count);
    }
  return total / count;
}
