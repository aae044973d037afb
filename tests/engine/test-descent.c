/* The Gradient Descent explorer's mathematics: its functions and
 * derivatives, the learning-rate regimes, and paths made by the trainer's
 * own optimiser step, checked against hand computations. */
#include "config.h"

#include <math.h>

#include "engine/descent.h"

static ClDescentPath *
run (ClDescentFunction f, ClOptimKind kind, double lr, float x, float y, int steps)
{
  ClTrainSettings s;
  const float start[2] = { x, y };

  cl_descent_settings_init (&s, kind, lr);
  ClDescentPath *path = cl_descent_path_new (f, &s, start);
  for (int i = 0; i < steps; i++)
    cl_descent_path_step (path);
  return path;
}

static float
x_at (const ClDescentPath *path, int i)
{
  return cl_descent_path_get_point (path, i)->x[0];
}

/* x ← x − η·2x from x₀ = 1 at η = 0.1: 0.8, 0.64, 0.512, 0.4096 — and to
 * the last bit the float rule a hand computation in float gives. */
static void
test_square_by_hand (void)
{
  g_autoptr (ClDescentPath) path = run (CL_DESCENT_SQUARE, CL_OPTIM_SGD, 0.1, 1, 0, 4);
  const double expected[] = { 1, 0.8, 0.64, 0.512, 0.4096 };
  float x = 1;

  g_assert_cmpint (cl_descent_path_get_n_points (path), ==, 5);
  for (int i = 0; i < 5; i++)
    {
      const ClDescentPoint *p = cl_descent_path_get_point (path, i);
      g_assert_cmpfloat (p->x[0], ==, x);
      g_assert_cmpfloat_with_epsilon (p->x[0], expected[i], 1e-7);
      g_assert_cmpfloat (p->grad[0], ==, 2 * x);
      g_assert_cmpfloat_with_epsilon (p->value, expected[i] * expected[i], 1e-7);
      x = x - 0.1f * (2.0f * x);
    }
  g_assert_cmpint (cl_descent_path_get_diverged (path), ==, 0);
}

/* η > 1 on x²: each step multiplies x by 1 − 2η < −1, so |x| grows with
 * alternating sign until the path stops, every kept point finite. */
static void
test_square_diverges (void)
{
  const double rates[] = { 1.05, 1.1, 1.5, 3, 100 };

  for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
    {
      g_autoptr (ClDescentPath) path = run (CL_DESCENT_SQUARE, CL_OPTIM_SGD, rates[r], 1, 0, 0);
      int steps = 0;
      while (cl_descent_path_step (path))
        steps++;
      int n = cl_descent_path_get_n_points (path);
      g_assert_cmpint (steps, <, CL_DESCENT_MAX_STEPS);
      g_assert_cmpint (cl_descent_path_get_diverged (path), ==, n);
      g_assert_false (cl_descent_path_step (path));
      g_assert_cmpint (cl_descent_path_get_n_points (path), ==, n);
      for (int i = 1; i < n; i++)
        {
          g_assert_true (isfinite (x_at (path, i))
                         && fabsf (x_at (path, i)) <= CL_DESCENT_DIVERGED);
          g_assert_cmpfloat (fabsf (x_at (path, i)), >, fabsf (x_at (path, i - 1)));
          g_assert_cmpfloat (x_at (path, i) * x_at (path, i - 1), <, 0);
        }
    }
}

/* η < 1 converges: monotonically for η ≤ 0.5, oscillating above. */
static void
test_square_converges (void)
{
  const double rates[] = { 0.05, 0.3, 0.5, 0.7, 0.95 };

  for (guint r = 0; r < G_N_ELEMENTS (rates); r++)
    {
      g_autoptr (ClDescentPath) path = run (CL_DESCENT_SQUARE, CL_OPTIM_SGD, rates[r], 1, 0, 1000);
      g_assert_cmpint (cl_descent_path_get_diverged (path), ==, 0);
      g_assert_cmpfloat (fabsf (x_at (path, 1000)), <, 1e-6);
      if (rates[r] > 0.5)
        g_assert_cmpfloat (x_at (path, 1), <, 0);
      else
        g_assert_cmpfloat (x_at (path, 1), >=, 0);
    }
}

/* PyTorch's momentum on x² + 10y² from (−1.8, 0.7), η = 0.01, μ = 0.9:
 * g₀ = (−3.6, 14), v₁ = g₀, x₁ = x₀ − η·v₁ = (−1.764, 0.56);
 * g₁ = (−3.528, 11.2), v₂ = 0.9·v₁ + g₁ = (−6.768, 23.8),
 * x₂ = x₁ − η·v₂ = (−1.69632, 0.322). */
static void
test_momentum_by_hand (void)
{
  g_autoptr (ClDescentPath) path
      = run (CL_DESCENT_ELONGATED, CL_OPTIM_MOMENTUM, 0.01, -1.8f, 0.7f, 2);
  const ClDescentPoint *p1 = cl_descent_path_get_point (path, 1);
  const ClDescentPoint *p2 = cl_descent_path_get_point (path, 2);

  g_assert_cmpfloat_with_epsilon (p1->x[0], -1.764, 1e-6);
  g_assert_cmpfloat_with_epsilon (p1->x[1], 0.56, 1e-6);
  g_assert_cmpfloat_with_epsilon (p2->x[0], -1.69632, 1e-6);
  g_assert_cmpfloat_with_epsilon (p2->x[1], 0.322, 1e-6);
  g_assert_cmpfloat_with_epsilon (p1->grad[1], 11.2, 1e-5);
}

/* PyTorch's Adam on the same bowl, η = 0.1, β = (0.9, 0.999), ε = 1e-8.
 * Step 1: m̂ = g₀, v̂ = g₀², so each coordinate moves η against the sign
 * of its gradient: x₁ = (−1.7, 0.6).  Step 2: g₁ = (−3.4, 12),
 * m₂ = 0.9·0.1·g₀ + 0.1·g₁ = (−0.664, 2.46),
 * v₂ = 0.999·0.001·g₀² + 0.001·g₁² = (0.02450704, 0.339804),
 * m̂ = m₂ / 0.19, v̂ = v₂ / 0.001999,
 * x₂ = x₁ − η·m̂ / (√v̂ + ε) = (−1.60018968, 0.50069442). */
static void
test_adam_by_hand (void)
{
  g_autoptr (ClDescentPath) path = run (CL_DESCENT_ELONGATED, CL_OPTIM_ADAM, 0.1, -1.8f, 0.7f, 2);
  const ClDescentPoint *p1 = cl_descent_path_get_point (path, 1);
  const ClDescentPoint *p2 = cl_descent_path_get_point (path, 2);

  g_assert_cmpfloat_with_epsilon (p1->x[0], -1.7, 1e-6);
  g_assert_cmpfloat_with_epsilon (p1->x[1], 0.6, 1e-6);
  g_assert_cmpfloat_with_epsilon (p2->x[0], -1.60018968, 2e-6);
  g_assert_cmpfloat_with_epsilon (p2->x[1], 0.50069442, 2e-6);
}

/* Every gradient is the derivative of its function (central differences
 * in double), every Hessian the derivative of its gradient. */
static void
test_derivatives (void)
{
  const float points[][2] = { { -1.3f, 0.4f }, { 0.7f, -1.1f }, { 1.6f, 2.2f }, { -0.2f, 0.9f } };

  for (int f = 0; f < CL_DESCENT_N_FUNCTIONS; f++)
    for (guint k = 0; k < G_N_ELEMENTS (points); k++)
      {
        int dims = cl_descent_get_info (f)->dims;
        float g[2];
        double at[2] = { points[k][0], points[k][1] }, h[4];
        cl_descent_gradient (f, points[k], g);
        cl_descent_hessian (f, at, h);
        for (int i = 0; i < dims; i++)
          {
            const double e = 1e-3;
            float plus[2] = { points[k][0], points[k][1] },
                  minus[2] = { points[k][0], points[k][1] };
            plus[i] += (float) e;
            minus[i] -= (float) e;
            double step = (double) plus[i] - minus[i];
            double numeric = (cl_descent_value (f, plus) - cl_descent_value (f, minus)) / step;
            g_assert_cmpfloat_with_epsilon (g[i], numeric, 2e-3 * MAX (1, fabs (numeric)));

            float gp[2], gm[2];
            cl_descent_gradient (f, plus, gp);
            cl_descent_gradient (f, minus, gm);
            for (int j = 0; j < dims; j++)
              {
                double hn = ((double) gp[j] - gm[j]) / step;
                g_assert_cmpfloat_with_epsilon (h[j * 2 + i], hn, 1e-2 * MAX (1, fabs (hn)));
              }
          }
      }
}

/* The minimum is one (∇f = 0 there, and lowest among the function's
 * samples); λmax is the curvature the course names: 2 for x² (η > 1
 * diverges), 20 for x² + 10y² (η > 0.1), about 1001.6 for Rosenbrock. */
static void
test_minimum_and_curvature (void)
{
  g_assert_cmpfloat_with_epsilon (cl_descent_curvature (CL_DESCENT_SQUARE), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (cl_descent_curvature (CL_DESCENT_BOWL), 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (cl_descent_curvature (CL_DESCENT_ELONGATED), 20, 1e-12);
  g_assert_cmpfloat_with_epsilon (cl_descent_curvature (CL_DESCENT_ROSENBROCK),
                                  501 + sqrt (301.0 * 301 + 400.0 * 400), 1e-9);
  for (int f = 0; f < CL_DESCENT_N_FUNCTIONS; f++)
    {
      const ClDescentInfo *info = cl_descent_get_info (f);
      double m[2];
      cl_descent_minimum (f, m);
      float mf[2] = { (float) m[0], (float) m[1] }, g[2];
      cl_descent_gradient (f, mf, g);
      g_assert_cmpfloat (fabsf (g[0]), <, 1e-4);
      double lowest = cl_descent_value (f, mf);
      for (int i = 0; i <= 40; i++)
        for (int j = 0; j <= (info->dims > 1 ? 40 : 0); j++)
          {
            float p[2] = { (float) (info->x0 + (info->x1 - info->x0) * i / 40),
                           (float) (info->y0 + (info->y1 - info->y0) * j / 40) };
            g_assert_cmpfloat (cl_descent_value (f, p), >=, lowest - 1e-6);
          }
    }
  /* The two valleys: the deeper on the left, near x = −1.30. */
  double m[2];
  cl_descent_minimum (CL_DESCENT_TWO_VALLEYS, m);
  g_assert_cmpfloat_with_epsilon (m[0], -1.3008, 1e-3);
}

/* Each preset lands in the regime it names, and on the quadratics a path
 * at that rate does what the name says. */
static void
test_presets (void)
{
  for (int f = 0; f < CL_DESCENT_N_FUNCTIONS; f++)
    for (int r = 0; r < CL_DESCENT_N_REGIMES; r++)
      g_assert_cmpint (cl_descent_regime (f, cl_descent_preset (f, r)), ==, r);

  /* x²: diverges beyond η = 1, oscillates between 0.5 and 1. */
  g_assert_cmpfloat (cl_descent_preset (CL_DESCENT_SQUARE, CL_DESCENT_DIVERGES), >, 1);
  g_assert_cmpfloat (cl_descent_preset (CL_DESCENT_SQUARE, CL_DESCENT_TOO_LARGE), >, 0.5);
  g_assert_cmpfloat (cl_descent_preset (CL_DESCENT_SQUARE, CL_DESCENT_TOO_LARGE), <, 1);
  g_assert_cmpint (cl_descent_regime (CL_DESCENT_SQUARE, 0.99), ==, CL_DESCENT_TOO_LARGE);
  g_assert_cmpint (cl_descent_regime (CL_DESCENT_SQUARE, 1.01), ==, CL_DESCENT_DIVERGES);
  g_assert_cmpint (cl_descent_regime (CL_DESCENT_ELONGATED, 0.099), ==, CL_DESCENT_TOO_LARGE);
  g_assert_cmpint (cl_descent_regime (CL_DESCENT_ELONGATED, 0.101), ==, CL_DESCENT_DIVERGES);

  const ClDescentFunction quadratics[]
      = { CL_DESCENT_SQUARE, CL_DESCENT_BOWL, CL_DESCENT_ELONGATED };
  for (guint q = 0; q < G_N_ELEMENTS (quadratics); q++)
    {
      ClDescentFunction f = quadratics[q];
      const float *s = cl_descent_get_info (f)->start;
      double start = cl_descent_value (f, s);
      g_autoptr (ClDescentPath) small
          = run (f, CL_OPTIM_SGD, cl_descent_preset (f, CL_DESCENT_TOO_SMALL), s[0], s[1], 10);
      g_autoptr (ClDescentPath) good
          = run (f, CL_OPTIM_SGD, cl_descent_preset (f, CL_DESCENT_GOOD), s[0], s[1], 10);
      g_autoptr (ClDescentPath) large
          = run (f, CL_OPTIM_SGD, cl_descent_preset (f, CL_DESCENT_TOO_LARGE), s[0], s[1], 400);
      g_autoptr (ClDescentPath) diverges
          = run (f, CL_OPTIM_SGD, cl_descent_preset (f, CL_DESCENT_DIVERGES), s[0], s[1], 1000);
      /* Too small: ten steps leave most of the way to go. */
      g_assert_cmpfloat (cl_descent_path_get_point (small, 10)->value, >, 0.25 * start);
      /* Good: ten steps go most of it, never overshooting the stiffest
       * direction (its coordinate keeps its sign). */
      int stiff = f == CL_DESCENT_SQUARE ? 0 : 1;
      g_assert_cmpfloat (cl_descent_path_get_point (good, 10)->value, <, 0.25 * start);
      for (int i = 1; i <= 10; i++)
        g_assert_cmpfloat (cl_descent_path_get_point (good, i)->x[stiff] * s[stiff], >=, 0);
      /* Too large: the first step overshoots, yet it converges. */
      g_assert_cmpfloat (cl_descent_path_get_point (large, 1)->x[stiff] * s[stiff], <, 0);
      g_assert_cmpint (cl_descent_path_get_diverged (large), ==, 0);
      g_assert_cmpfloat (cl_descent_path_get_point (large, 400)->value, <, 1e-3 * start);
      /* Diverges: the path stops, exploded. */
      g_assert_cmpint (cl_descent_path_get_diverged (diverges), >, 0);
    }
}

/* The non-convex curve: from the right it stops in the shallow valley,
 * from left of the bump in the deep one. */
static void
test_two_valleys (void)
{
  double lr = cl_descent_preset (CL_DESCENT_TWO_VALLEYS, CL_DESCENT_GOOD);
  g_autoptr (ClDescentPath) right = run (CL_DESCENT_TWO_VALLEYS, CL_OPTIM_SGD, lr, 1.9f, 0, 300);
  g_autoptr (ClDescentPath) left = run (CL_DESCENT_TWO_VALLEYS, CL_OPTIM_SGD, lr, -0.3f, 0, 300);

  g_assert_cmpfloat_with_epsilon (x_at (right, 300), 1.1309, 2e-3);
  g_assert_cmpfloat_with_epsilon (x_at (left, 300), -1.3008, 2e-3);
  g_assert_cmpfloat (cl_descent_path_get_point (left, 300)->value, <,
                     cl_descent_path_get_point (right, 300)->value);
}

/* A path that neither converges nor diverges stops at the cap: Play
 * cannot grow it without bound. */
static void
test_step_cap (void)
{
  g_autoptr (ClDescentPath) path = run (CL_DESCENT_SQUARE, CL_OPTIM_SGD, 1.0, 1, 0, 0);
  int steps = 0;

  while (cl_descent_path_step (path))
    steps++;
  g_assert_cmpint (steps, ==, CL_DESCENT_MAX_STEPS);
  g_assert_cmpint (cl_descent_path_get_diverged (path), ==, 0);
  g_assert_cmpfloat (fabsf (x_at (path, steps)), ==, 1);
}

/* A start outside the float range or not a number diverges at the first
 * step instead of drawing NaN. */
static void
test_bad_start (void)
{
  g_autoptr (ClDescentPath) path = run (CL_DESCENT_ROSENBROCK, CL_OPTIM_ADAM, 0.01, NAN, 1, 0);

  g_assert_false (cl_descent_path_step (path));
  g_assert_cmpint (cl_descent_path_get_diverged (path), ==, 1);
  g_assert_cmpint (cl_descent_path_get_n_points (path), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/descent/square/by-hand", test_square_by_hand);
  g_test_add_func ("/engine/descent/square/diverges", test_square_diverges);
  g_test_add_func ("/engine/descent/square/converges", test_square_converges);
  g_test_add_func ("/engine/descent/momentum/by-hand", test_momentum_by_hand);
  g_test_add_func ("/engine/descent/adam/by-hand", test_adam_by_hand);
  g_test_add_func ("/engine/descent/derivatives", test_derivatives);
  g_test_add_func ("/engine/descent/minimum-curvature", test_minimum_and_curvature);
  g_test_add_func ("/engine/descent/presets", test_presets);
  g_test_add_func ("/engine/descent/two-valleys", test_two_valleys);
  g_test_add_func ("/engine/descent/step-cap", test_step_cap);
  g_test_add_func ("/engine/descent/bad-start", test_bad_start);
  return g_test_run ();
}
