#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <unistd.h>

#include "engine/process-setup.h"

void
cl_process_prefer_passive_openmp (char **argv)
{
#ifdef _OPENMP
  if (g_getenv ("OMP_WAIT_POLICY") != NULL)
    return;
  g_setenv ("OMP_WAIT_POLICY", "PASSIVE", TRUE);
  execv ("/proc/self/exe", argv);
  /* No /proc (or exec refused): go on with libgomp's default policy. */
  g_debug ("could not re-execute with OMP_WAIT_POLICY=PASSIVE");
#else
  (void) argv;
#endif
}
