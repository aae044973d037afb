/* process-setup.h — what every ConvLab program does first. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* OpenMP's threads spin only briefly between parallel regions.
 *
 * libgomp's default is to spin ~300 000 times after each region before
 * sleeping.  On a 2-core laptop with anything else running, a spinning
 * thread holds a core while its preempted partner waits: LeNet-5 on 2
 * threads measured from 0.3k to 55k samples/s second to second under load.
 * GOMP_SPINCOUNT=20000 kept 49k-55k in the same conditions, where a passive
 * wait gave 22k-30k (interleaved runs of convlab-bench lenet5-train).
 * libgomp reads the variable once, when it loads, so the only way to set it
 * for our own process is to set it and execute ourselves again; a user's
 * own GOMP_SPINCOUNT or OMP_WAIT_POLICY is respected.  Call first thing in
 * main(). */
#define CL_GOMP_SPINCOUNT "20000"

void cl_process_prefer_short_openmp_spin (char **argv);

G_END_DECLS
