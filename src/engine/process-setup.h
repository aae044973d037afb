/* process-setup.h — what every ConvLab program does first. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* OpenMP's threads wait passively between parallel regions.
 *
 * libgomp's default is to spin for a while after each region.  On a
 * 2-core laptop that spinning takes the core the window (or anything else)
 * needs, and when the other core is busy it makes 2 threads 5-20x slower
 * than 1 (measured with bench/trainer-bench under load).  libgomp reads
 * OMP_WAIT_POLICY once, when it loads, so the only way to set it for our
 * own process is to set it and execute ourselves again; a user's explicit
 * OMP_WAIT_POLICY is respected.  Call first thing in main(). */
void cl_process_prefer_passive_openmp (char **argv);

G_END_DECLS
