/* descent.c — the explorer's functions, their derivatives and the paths
 * the trainer's optimiser step makes on them. */
#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/descent.h"
#include "engine/optim.h"

static const ClDescentInfo infos[CL_DESCENT_N_FUNCTIONS] = {
  [CL_DESCENT_SQUARE] = { 1, "square", -2, 2, 0, 0, { 1.5f, 0 }, FALSE },
  /* Started on the right it settles in the shallower valley: the lesson
   * of local minima; dragged left of the bump it finds the deeper one. */
  [CL_DESCENT_TWO_VALLEYS] = { 1, "two-valleys", -2.2, 2.2, 0, 0, { 1.9f, 0 }, FALSE },
  [CL_DESCENT_BOWL] = { 2, "bowl", -2, 2, -2, 2, { -1.6f, 1.2f }, FALSE },
  [CL_DESCENT_ELONGATED] = { 2, "elongated-bowl", -2, 2, -2, 2, { -1.8f, 0.7f }, FALSE },
  /* The classic start at (−1.2, 1), the valley's far end. */
  [CL_DESCENT_ROSENBROCK] = { 2, "rosenbrock", -2, 2, -1, 3, { -1.2f, 1.0f }, TRUE },
};

/* The learning rates of the presets as η·λmax: mid-regime, so a click
 * lands clearly inside the regime its button names. */
static const double preset_rates[CL_DESCENT_N_REGIMES] = { 0.05, 0.5, 1.8, 2.2 };

const ClDescentInfo *
cl_descent_get_info (ClDescentFunction f)
{
  g_return_val_if_fail (f < CL_DESCENT_N_FUNCTIONS, &infos[0]);
  return &infos[f];
}

double
cl_descent_value (ClDescentFunction f, const float *p)
{
  double x = p[0], y = infos[f].dims > 1 ? p[1] : 0;

  switch (f)
    {
    case CL_DESCENT_SQUARE:
      return x * x;
    case CL_DESCENT_TWO_VALLEYS:
      return x * x * x * x - 3 * x * x + x;
    case CL_DESCENT_BOWL:
      return x * x + y * y;
    case CL_DESCENT_ELONGATED:
      return x * x + 10 * y * y;
    case CL_DESCENT_ROSENBROCK:
    default:
      return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
    }
}

/* In floats, as a layer's backward pass would compute it: x² gives
 * exactly 2x, so a path on it can be checked by hand to the last bit. */
void
cl_descent_gradient (ClDescentFunction f, const float *p, float *g)
{
  float x = p[0], y = infos[f].dims > 1 ? p[1] : 0;

  switch (f)
    {
    case CL_DESCENT_SQUARE:
      g[0] = 2 * x;
      break;
    case CL_DESCENT_TWO_VALLEYS:
      g[0] = 4 * x * x * x - 6 * x + 1;
      break;
    case CL_DESCENT_BOWL:
      g[0] = 2 * x;
      g[1] = 2 * y;
      break;
    case CL_DESCENT_ELONGATED:
      g[0] = 2 * x;
      g[1] = 20 * y;
      break;
    case CL_DESCENT_ROSENBROCK:
    default:
      g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
      g[1] = 200 * (y - x * x);
      break;
    }
}

void
cl_descent_hessian (ClDescentFunction f, const double *p, double *h)
{
  double x = p[0], y = infos[f].dims > 1 ? p[1] : 0;

  h[1] = h[2] = h[3] = 0;
  switch (f)
    {
    case CL_DESCENT_SQUARE:
      h[0] = 2;
      break;
    case CL_DESCENT_TWO_VALLEYS:
      h[0] = 12 * x * x - 6;
      break;
    case CL_DESCENT_BOWL:
      h[0] = h[3] = 2;
      break;
    case CL_DESCENT_ELONGATED:
      h[0] = 2;
      h[3] = 20;
      break;
    case CL_DESCENT_ROSENBROCK:
    default:
      h[0] = 2 - 400 * y + 1200 * x * x;
      h[1] = h[2] = -400 * x;
      h[3] = 200;
      break;
    }
}

void
cl_descent_minimum (ClDescentFunction f, double *x)
{
  x[0] = x[1] = 0;
  switch (f)
    {
    case CL_DESCENT_TWO_VALLEYS:
      /* 4x³ − 6x + 1 = 0 has no tidy root: Newton from the left valley,
       * the deeper one (the +x term lowers the left side). */
      x[0] = -1.5;
      for (int i = 0; i < 50; i++)
        x[0] -= (4 * x[0] * x[0] * x[0] - 6 * x[0] + 1) / (12 * x[0] * x[0] - 6);
      break;
    case CL_DESCENT_ROSENBROCK:
      x[0] = x[1] = 1;
      break;
    default:
      break;
    }
}

double
cl_descent_curvature (ClDescentFunction f)
{
  double x[2], h[4];

  cl_descent_minimum (f, x);
  cl_descent_hessian (f, x, h);
  if (infos[f].dims == 1)
    return h[0];
  /* The larger eigenvalue of a symmetric 2×2 matrix. */
  double mean = (h[0] + h[3]) / 2, diff = (h[0] - h[3]) / 2;
  return mean + sqrt (diff * diff + h[1] * h[2]);
}

ClDescentRegime
cl_descent_regime (ClDescentFunction f, double lr)
{
  double r = lr * cl_descent_curvature (f);

  if (r < 0.1)
    return CL_DESCENT_TOO_SMALL;
  if (r <= 1)
    return CL_DESCENT_GOOD;
  if (r < 2)
    return CL_DESCENT_TOO_LARGE;
  return CL_DESCENT_DIVERGES;
}

double
cl_descent_preset (ClDescentFunction f, ClDescentRegime regime)
{
  g_return_val_if_fail (regime < CL_DESCENT_N_REGIMES, 0);
  return preset_rates[regime] / cl_descent_curvature (f);
}

void
cl_descent_settings_init (ClTrainSettings *settings, ClOptimKind optimiser, double lr)
{
  /* A new design's settings are the trainer's defaults: taken from there
   * rather than copied, so the two cannot drift apart. */
  g_autoptr (ClNetSpec) spec = cl_net_spec_new (1, 1, 1);

  *settings = *cl_net_spec_peek_train (spec);
  settings->optimiser = optimiser;
  settings->lr = lr;
  settings->weight_decay = 0;
}

struct _ClDescentPath
{
  ClDescentFunction function;
  ClTrainSettings settings;
  GArray *points; /* ClDescentPoint */
  float state[4]; /* the optimiser's: up to 2 floats per parameter */
  int diverged;
};

static void
fill_point (ClDescentFunction f, ClDescentPoint *point)
{
  cl_descent_gradient (f, point->x, point->grad);
  point->value = cl_descent_value (f, point->x);
}

ClDescentPath *
cl_descent_path_new (ClDescentFunction f, const ClTrainSettings *settings, const float *start)
{
  g_return_val_if_fail (f < CL_DESCENT_N_FUNCTIONS, NULL);
  g_return_val_if_fail (settings != NULL && start != NULL, NULL);

  ClDescentPath *path = g_new0 (ClDescentPath, 1);
  ClDescentPoint first = { { start[0], infos[f].dims > 1 ? start[1] : 0 } };

  path->function = f;
  path->settings = *settings;
  path->points = g_array_new (FALSE, TRUE, sizeof (ClDescentPoint));
  fill_point (f, &first);
  g_array_append_val (path->points, first);
  return path;
}

void
cl_descent_path_free (ClDescentPath *path)
{
  if (path == NULL)
    return;
  g_array_unref (path->points);
  g_free (path);
}

gboolean
cl_descent_path_step (ClDescentPath *path)
{
  g_return_val_if_fail (path != NULL, FALSE);

  int n = (int) path->points->len;
  int dims = infos[path->function].dims;
  if (path->diverged > 0 || n - 1 >= CL_DESCENT_MAX_STEPS)
    return FALSE;

  ClDescentPoint next = { 0 };
  const ClDescentPoint *last = &g_array_index (path->points, ClDescentPoint, n - 1);
  memcpy (next.x, last->x, sizeof next.x);
  /* The step number t is 1-based: Adam's bias correction. */
  cl_optim_step (&path->settings, (guint64) n, next.x, last->grad, path->state, (gsize) dims);
  for (int i = 0; i < dims; i++)
    if (!isfinite (next.x[i]) || fabsf (next.x[i]) > CL_DESCENT_DIVERGED)
      {
        path->diverged = n;
        return FALSE;
      }
  fill_point (path->function, &next);
  g_array_append_val (path->points, next);
  return TRUE;
}

ClDescentFunction
cl_descent_path_get_function (const ClDescentPath *path)
{
  return path->function;
}

const ClTrainSettings *
cl_descent_path_get_settings (const ClDescentPath *path)
{
  return &path->settings;
}

int
cl_descent_path_get_n_points (const ClDescentPath *path)
{
  return (int) path->points->len;
}

const ClDescentPoint *
cl_descent_path_get_point (const ClDescentPath *path, int i)
{
  g_return_val_if_fail (i >= 0 && i < (int) path->points->len, NULL);
  return &g_array_index (path->points, ClDescentPoint, i);
}

int
cl_descent_path_get_diverged (const ClDescentPath *path)
{
  return path->diverged;
}
