#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <math.h>

#include "engine/rng.h"

/* The splitmix64 finaliser: a bijective mixer whose output passes BigCrush
 * when fed a counter.  Chaining it over the inputs makes a keyed hash. */
static inline guint64
mix64 (guint64 z)
{
  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94d049bb133111eb);
  return z ^ (z >> 31);
}

#define GOLDEN G_GUINT64_CONSTANT (0x9e3779b97f4a7c15)

guint64
cl_rng_key (guint64 seed, guint64 stream)
{
  return mix64 (mix64 (seed + GOLDEN) ^ (stream * GOLDEN));
}

guint64
cl_rng_hash (guint64 key, guint64 a, guint64 b, guint64 c)
{
  guint64 h = mix64 (key ^ (a + GOLDEN));
  h = mix64 (h ^ (b + 2 * GOLDEN));
  return mix64 (h ^ (c + 3 * GOLDEN));
}

float
cl_rng_hash_float (guint64 key, guint64 a, guint64 b, guint64 c)
{
  return (float) (cl_rng_hash (key, a, b, c) >> 40) * (1.0f / 16777216.0f);
}

void
cl_rng_init (ClRng *rng, guint64 seed, guint64 stream)
{
  rng->key = cl_rng_key (seed, stream);
  rng->counter = 0;
}

guint64
cl_rng_u64 (ClRng *rng)
{
  return mix64 (rng->key ^ (++rng->counter * GOLDEN));
}

float
cl_rng_uniform (ClRng *rng)
{
  return (float) (cl_rng_u64 (rng) >> 40) * (1.0f / 16777216.0f);
}

double
cl_rng_uniform_d (ClRng *rng)
{
  return (double) (cl_rng_u64 (rng) >> 11) * (1.0 / 9007199254740992.0);
}

float
cl_rng_normal (ClRng *rng)
{
  /* Box-Muller; 1 - u keeps the logarithm away from zero. */
  double u1 = 1.0 - cl_rng_uniform_d (rng);
  double u2 = cl_rng_uniform_d (rng);
  return (float) (sqrt (-2.0 * log (u1)) * cos (2.0 * G_PI * u2));
}

guint32
cl_rng_below (ClRng *rng, guint32 n)
{
  g_return_val_if_fail (n > 0, 0);
  /* Rejection sampling removes the modulo bias. */
  guint64 limit = G_MAXUINT64 - (G_MAXUINT64 % n);
  guint64 x;
  do
    x = cl_rng_u64 (rng);
  while (x >= limit);
  return (guint32) (x % n);
}

void
cl_rng_shuffle (ClRng *rng, guint32 *items, gsize n)
{
  for (gsize i = n; i > 1; i--)
    {
      gsize j = cl_rng_below (rng, (guint32) i);
      guint32 t = items[i - 1];
      items[i - 1] = items[j];
      items[j] = t;
    }
}
