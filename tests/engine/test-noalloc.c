/* "No layer allocates in forward/backward" (issue 3), checked: this binary
 * interposes malloc and friends, counts calls while training steps run, and
 * expects none after a warm-up step (which lets OpenMP build its team).
 * Calls from the OpenMP runtime itself are not ours: LLVM's libomp
 * allocates inside parallel regions, GCC's libgomp does not. */
#define _GNU_SOURCE  /* dladdr */
#include "config.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "engine/net.h"
#include "engine/rng.h"
#include "engine/zoo.h"

#if defined(__SANITIZE_ADDRESS__)
#define INTERPOSE 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define INTERPOSE 0
#endif
#endif
#ifndef INTERPOSE
#define INTERPOSE 1
#endif

static volatile int counting;
static volatile long calls;

#if INTERPOSE
extern void *__libc_malloc (size_t size);
extern void *__libc_calloc (size_t n, size_t size);
extern void *__libc_realloc (void *p, size_t size);
extern void *__libc_memalign (size_t alignment, size_t size);
extern void __libc_free (void *p);

static inline gboolean
from_openmp (void *caller)
{
  Dl_info info;
  return dladdr (caller, &info) != 0 && info.dli_fname != NULL
         && (strstr (info.dli_fname, "libomp") != NULL || strstr (info.dli_fname, "libgomp") != NULL);
}

#define count()                                                                \
  do                                                                           \
    {                                                                          \
      if (counting && !from_openmp (__builtin_return_address (0)))             \
        __atomic_add_fetch (&calls, 1, __ATOMIC_RELAXED);                      \
    }                                                                          \
  while (0)

void *
malloc (size_t size)
{
  count ();
  return __libc_malloc (size);
}

void *
calloc (size_t n, size_t size)
{
  count ();
  return __libc_calloc (n, size);
}

void *
realloc (void *p, size_t size)
{
  count ();
  return __libc_realloc (p, size);
}

int
posix_memalign (void **p, size_t alignment, size_t size)
{
  count ();
  *p = __libc_memalign (alignment, size);
  return *p == NULL ? 12 /* ENOMEM */ : 0;
}

void
free (void *p)
{
  __libc_free (p);
}
#endif

static void
test_steps_do_not_allocate (void)
{
  if (!INTERPOSE)
    {
      g_test_skip ("the address sanitizer owns malloc");
      return;
    }
  /* Every kind of layer, so every forward and backward is covered. */
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, 28, 28);
  cl_net_spec_append (spec, "Conv2D", "filters", 8.0, "kernel", 5.0, NULL);
  cl_net_spec_append (spec, "BatchNorm", NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "MaxPool2D", NULL);
  cl_net_spec_append (spec, "Conv2D", "filters", 16.0, "kernel", 3.0, "stride", 2.0, NULL);
  cl_net_spec_append (spec, "PReLU", NULL);
  cl_net_spec_append (spec, "Maxout", "pieces", 2.0, NULL);
  cl_net_spec_append (spec, "AvgPool2D", "size", 2.0, "stride", 1.0, NULL);
  cl_net_spec_append (spec, "Flatten", NULL);
  cl_net_spec_append (spec, "Dense", "units", 32.0, NULL);
  cl_net_spec_append (spec, "ELU", NULL);
  cl_net_spec_append (spec, "LeakyReLU", NULL);
  cl_net_spec_append (spec, "Tanh", NULL);
  cl_net_spec_append (spec, "Dropout", NULL);
  cl_net_spec_append (spec, "Dense", "units", 4.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  cl_net_spec_get_train (spec)->optimiser = CL_OPTIM_ADAM;
  g_autoptr(ClNet) net = cl_net_new (spec, 32, NULL);
  g_assert_nonnull (net);

  g_autofree float *x = g_new (float, 32 * 784);
  gint32 labels[32];
  ClRng rng;
  cl_rng_init (&rng, 1, CL_RNG_STREAM_DATA);
  for (int i = 0; i < 32 * 784; i++)
    x[i] = cl_rng_uniform (&rng);
  for (int i = 0; i < 32; i++)
    labels[i] = i % 4;
  g_autofree float *dout = g_new0 (float, 32 * 4);

  gboolean ok = cl_net_train_step (net, x, labels, NULL, 32, NULL, NULL);
  counting = 1;
  for (int step = 0; step < 3; step++)
    ok = ok && cl_net_train_step (net, x, labels, NULL, 32, NULL, NULL);
  ok = ok && cl_net_evaluate (net, x, labels, NULL, 17, NULL, NULL);
  cl_net_forward (net, x, 32, TRUE);
  cl_net_backward (net, dout);
  counting = 0;
  g_assert_true (ok);
  g_assert_cmpint (calls, ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/net/no-allocation-in-steps", test_steps_do_not_allocate);
  return g_test_run ();
}
