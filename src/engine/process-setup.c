#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <unistd.h>

#include "engine/process-setup.h"

void
cl_process_prefer_short_openmp_spin (char **argv)
{
#ifdef _OPENMP
  if (g_getenv ("GOMP_SPINCOUNT") != NULL || g_getenv ("OMP_WAIT_POLICY") != NULL)
    return;
  g_setenv ("GOMP_SPINCOUNT", CL_GOMP_SPINCOUNT, TRUE);
  execv ("/proc/self/exe", argv);
  /* No /proc (or exec refused): go on with libgomp's default spin. */
  g_debug ("could not re-execute with GOMP_SPINCOUNT=" CL_GOMP_SPINCOUNT);
#else
  (void) argv;
#endif
}
