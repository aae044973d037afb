/* rng.h — the one seeded, counter-based random generator of the engine.
 *
 * Every random number is a pure function of (seed, stream, counters): a
 * dropout mask depends on (seed, layer, step, sample, unit), never on which
 * thread drew it or in which order, so 1 thread and 2 threads give the same
 * bits.  `ClRng` is the sequential convenience form: a key and a counter.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint64 key;
  guint64 counter;
} ClRng;

/* Streams keep the uses of one seed apart. */
typedef enum {
  CL_RNG_STREAM_INIT = 1,
  CL_RNG_STREAM_SHUFFLE,
  CL_RNG_STREAM_DROPOUT,
  CL_RNG_STREAM_DATA,
  CL_RNG_STREAM_LANDSCAPE,
  CL_RNG_STREAM_PROBE,
  CL_RNG_STREAM_AUGMENT,
} ClRngStream;

guint64 cl_rng_key        (guint64 seed, guint64 stream);
guint64 cl_rng_hash       (guint64 key, guint64 a, guint64 b, guint64 c);
/* Uniform in [0, 1) with 24 random bits: exact in float32. */
float   cl_rng_hash_float (guint64 key, guint64 a, guint64 b, guint64 c);

void    cl_rng_init       (ClRng *rng, guint64 seed, guint64 stream);
guint64 cl_rng_u64        (ClRng *rng);
float   cl_rng_uniform    (ClRng *rng);              /* [0, 1) */
double  cl_rng_uniform_d  (ClRng *rng);              /* [0, 1), 53 bits */
float   cl_rng_normal     (ClRng *rng);              /* N(0, 1) */
guint32 cl_rng_below      (ClRng *rng, guint32 n);   /* [0, n), unbiased */
void    cl_rng_shuffle    (ClRng *rng, guint32 *items, gsize n);

G_END_DECLS
