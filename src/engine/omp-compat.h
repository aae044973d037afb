/* omp-compat.h — the few OpenMP calls the engine makes, also when it is
 * built without OpenMP (the ThreadSanitizer build of the trainer tests:
 * libgomp is not instrumented, so its barriers would be reported as races;
 * without OpenMP the pragmas vanish and TSan checks the trainer's own
 * threads and locks). */
#pragma once

#ifdef _OPENMP
#include <omp.h>
#else
static inline int omp_get_max_threads (void) { return 1; }
static inline int omp_get_num_threads (void) { return 1; }
static inline int omp_get_thread_num (void) { return 0; }
static inline int omp_in_parallel (void) { return 0; }
static inline void omp_set_num_threads (int n) { (void) n; }
#endif
