/* descent.h — gradient descent on small functions of one or two
 * variables, for the Gradient Descent explorer.
 *
 * The functions are the course's: x², a non-convex curve with two minima
 * of different depths, a round bowl, an elongated bowl and Rosenbrock's
 * valley.  A path's iterates are made by cl_optim_step(), the trainer's
 * own optimiser step, on a parameter vector of one or two floats: what the
 * explorer draws is what training does.
 */
#pragma once

#include <glib.h>

#include "engine/net-spec.h"

G_BEGIN_DECLS

typedef enum
{
  CL_DESCENT_SQUARE,      /* x² */
  CL_DESCENT_TWO_VALLEYS, /* x⁴ − 3x² + x */
  CL_DESCENT_BOWL,        /* x² + y² */
  CL_DESCENT_ELONGATED,   /* x² + 10y² */
  CL_DESCENT_ROSENBROCK,  /* (1 − x)² + 100(y − x²)² */
  CL_DESCENT_N_FUNCTIONS
} ClDescentFunction;

/* Where a learning rate stands against the curvature at the minimum
 * (λmax, the Hessian's largest eigenvalue there), for plain gradient
 * descent: each step multiplies the error along that direction by
 * (1 − η·λmax). */
typedef enum
{
  CL_DESCENT_TOO_SMALL, /* η·λmax < 0.1: the error shrinks by under 10 % a step */
  CL_DESCENT_GOOD,      /* η·λmax ≤ 1: straight to the minimum, no overshoot */
  CL_DESCENT_TOO_LARGE, /* 1 < η·λmax < 2: overshoots, oscillates, still converges */
  CL_DESCENT_DIVERGES,  /* η·λmax ≥ 2: each oscillation larger than the last */
  CL_DESCENT_N_REGIMES
} ClDescentRegime;

/* A path stops when a coordinate leaves ±CL_DESCENT_DIVERGED (or is not
 * finite), and after CL_DESCENT_MAX_STEPS steps: Play cannot grow it
 * forever. */
#define CL_DESCENT_DIVERGED 1e4
#define CL_DESCENT_MAX_STEPS 5000

typedef struct
{
  int dims;              /* 1: f(x), 2: f(x, y) */
  const char *id;        /* "square", "rosenbrock": stable, for files and tests */
  double x0, x1, y0, y1; /* the region drawn (y unused in 1D: the picture picks it) */
  float start[2];        /* a start that shows the function's lesson */
  gboolean log_levels;   /* contour levels evenly spaced in log f, not in √f */
} ClDescentInfo;

const ClDescentInfo *cl_descent_get_info (ClDescentFunction f);
double cl_descent_value (ClDescentFunction f, const float *x);
/* ∇f at x, in floats: what the optimiser is given. */
void cl_descent_gradient (ClDescentFunction f, const float *x, float *grad);
/* The Hessian at x, row-major 2×2 (only h[0] in 1D). */
void cl_descent_hessian (ClDescentFunction f, const double *x, double *h);
/* The global minimum (found by Newton's method on ∇f for the curve that
 * has no closed form) and λmax, the largest curvature there. */
void cl_descent_minimum (ClDescentFunction f, double *x);
double cl_descent_curvature (ClDescentFunction f);

ClDescentRegime cl_descent_regime (ClDescentFunction f, double lr);
/* The learning rate each preset button sets, in the middle of its regime:
 * η·λmax = 0.05, 0.5, 1.8 and 2.2. */
double cl_descent_preset (ClDescentFunction f, ClDescentRegime regime);

/* The optimiser's settings for the explorer: a new design's (PyTorch's
 * defaults: momentum 0.9, Adam's β 0.9 and 0.999, ε 1e-8), no weight
 * decay, with this optimiser and learning rate. */
void cl_descent_settings_init (ClTrainSettings *settings, ClOptimKind optimiser, double lr);

typedef struct
{
  float x[2];    /* the iterate */
  float grad[2]; /* ∇f there */
  double value;  /* f there */
} ClDescentPoint;

typedef struct _ClDescentPath ClDescentPath;

ClDescentPath *cl_descent_path_new (ClDescentFunction f, const ClTrainSettings *settings,
                                    const float *start);
void cl_descent_path_free (ClDescentPath *path);
/* One optimiser step from the last iterate.  FALSE, and nothing added,
 * once the path has diverged or reached CL_DESCENT_MAX_STEPS. */
gboolean cl_descent_path_step (ClDescentPath *path);

ClDescentFunction cl_descent_path_get_function (const ClDescentPath *path);
const ClTrainSettings *cl_descent_path_get_settings (const ClDescentPath *path);
/* Iterates x₀ … xₙ: n steps made, n + 1 points. */
int cl_descent_path_get_n_points (const ClDescentPath *path);
const ClDescentPoint *cl_descent_path_get_point (const ClDescentPath *path, int i);
/* The step that left a coordinate beyond ±CL_DESCENT_DIVERGED or not
 * finite (its point is not kept), or 0 while it has not diverged. */
int cl_descent_path_get_diverged (const ClDescentPath *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClDescentPath, cl_descent_path_free)

G_END_DECLS
