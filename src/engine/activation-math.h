/* activation-math.h — the element-wise activations, one value at a time.
 *
 * The layers' loops (layer-activations.c, layer-rrelu.c) and the scalar
 * functions the pictures plot (activation.h) both call these, so a curve
 * drawn in the Activation Functions explorer is what the layer computes,
 * to the last bit.  Inline: in the layers' loops they vectorise.
 * Derivatives take the input x and the output y = f(x): where y gives it
 * exactly (sigmoid, tanh, ELU) the layers use it, as backward has both.
 */
#pragma once

#include <glib.h>
#include <math.h>

static inline float
cl_act_sigmoid (float x)
{
  return 1.0f / (1.0f + expf (-x));
}

static inline float
cl_act_sigmoid_grad (float x, float y)
{
  (void) x;
  return y * (1.0f - y);
}

static inline float
cl_act_tanh (float x)
{
  return tanhf (x);
}

static inline float
cl_act_tanh_grad (float x, float y)
{
  (void) x;
  return 1.0f - y * y;
}

/* At x = 0 the derivative is the left one, as in PyTorch.  ReLU gives a
 * true 0 (never −0, and 0 for NaN) where slope × x would not. */
static inline float
cl_act_relu (float x)
{
  return x > 0.0f ? x : 0.0f;
}

static inline float
cl_act_relu_grad (float x)
{
  return x > 0.0f ? 1.0f : 0.0f;
}

/* Leaky ReLU, PReLU and RReLU: each with its slope for negative inputs. */
static inline float
cl_act_rectifier (float x, float slope)
{
  return x > 0.0f ? x : slope * x;
}

static inline float
cl_act_rectifier_grad (float x, float slope)
{
  return x > 0.0f ? 1.0f : slope;
}

static inline float
cl_act_elu (float x, float alpha)
{
  return x > 0.0f ? x : alpha * expm1f (x);
}

static inline float
cl_act_elu_grad (float x, float y, float alpha)
{
  return x > 0.0f ? 1.0f : y + alpha;
}

/* Softmax of n values: exp(x_i − max) / Σ exp(x_j − max).  Subtracting
 * the maximum keeps exp() finite; the sum is in double. */
static inline void
cl_act_softmax (const float *restrict x, float *restrict y, gsize n)
{
  float max = x[0];
  for (gsize i = 1; i < n; i++)
    max = x[i] > max ? x[i] : max;
  double sum = 0.0;
  for (gsize i = 0; i < n; i++)
    {
      y[i] = expf (x[i] - max);
      sum += y[i];
    }
  float inv = (float) (1.0 / sum);
  for (gsize i = 0; i < n; i++)
    y[i] *= inv;
}

/* RReLU's slope at evaluation, and the slope a uniform u in [0, 1) draws
 * in training: lower + (upper − lower) u, in [lower, upper). */
static inline float
cl_act_rrelu_mean_slope (float lower, float upper)
{
  return 0.5f * (lower + upper);
}

static inline float
cl_act_rrelu_slope (float lower, float upper, float u)
{
  return lower + (upper - lower) * u;
}
