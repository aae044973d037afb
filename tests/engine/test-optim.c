/* Each optimiser's first two steps against hand-computed values.
 *
 * One weight w0 = 1, gradients 0.5 then -0.2, lr 0.01, weight decay 0.01
 * (so the effective gradients are g1 = 0.5 + 0.01 * 1 = 0.51 and
 * g2 = -0.2 + 0.01 * w1).  The formulas are PyTorch's. */
#include "config.h"

#include "engine/optim.h"

static void
run (ClOptimKind kind, double w1, double w2)
{
  ClTrainSettings s = {
    .optimiser = kind, .lr = 0.01, .momentum = 0.9, .beta1 = 0.9, .beta2 = 0.999,
    .rho = 0.99, .eps = 1e-8, .weight_decay = 0.01,
  };
  float w[3] = { 1, 1, 1 };
  float state[6] = { 0 };
  const float g1[3] = { 0.5f, 0.5f, 0.5f }, g2[3] = { -0.2f, -0.2f, -0.2f };
  cl_optim_step (&s, 1, w, g1, state, 3);
  g_assert_cmpfloat_with_epsilon (w[0], w1, 2e-7);
  cl_optim_step (&s, 2, w, g2, state, 3);
  g_assert_cmpfloat_with_epsilon (w[0], w2, 2e-7);
  /* Every parameter follows the same rule. */
  g_assert_cmpfloat (w[0], ==, w[2]);
}

/* w1 = 1 - 0.01 * 0.51 = 0.9949; g2 = -0.190051; w2 = 0.9949 + 0.00190051. */
static void test_sgd (void) { run (CL_OPTIM_SGD, 0.9949, 0.99680051); }

/* v1 = 0.51, w1 = 0.9949; v2 = 0.9 * 0.51 - 0.190051 = 0.268949,
 * w2 = 0.9949 - 0.00268949. */
static void test_momentum (void) { run (CL_OPTIM_MOMENTUM, 0.9949, 0.99221051); }

/* v1 = 0.51, w1 = 1 - 0.01 (0.51 + 0.9 * 0.51) = 0.99031;
 * g2 = -0.2 + 0.0099031 = -0.1900969, v2 = 0.459 - 0.1900969 = 0.2689031,
 * w2 = 0.99031 - 0.01 (-0.1900969 + 0.9 * 0.2689031) = 0.989790841. */
static void test_nesterov (void) { run (CL_OPTIM_NESTEROV, 0.99031, 0.989790841); }

/* s1 = 0.01 * 0.51^2, sqrt(s1) = 0.051, w1 = 1 - 0.01 * 0.51 / 0.051 = 0.9;
 * g2 = -0.191, s2 = 0.99 s1 + 0.01 * 0.191^2 = 0.00294...,
 * w2 = 0.9 + 0.01 * 0.191 / sqrt(s2) = 0.935226917. */
static void test_rmsprop (void) { run (CL_OPTIM_RMSPROP, 0.9, 0.935226917); }

/* Bias correction makes the first step lr * g / |g| = 0.01: w1 = 0.99;
 * g2 = -0.1901, m2 = 0.09 * 0.51... -> w2 = 0.986321981. */
static void test_adam (void) { run (CL_OPTIM_ADAM, 0.99, 0.986321981); }

static void
test_state_sizes (void)
{
  g_assert_cmpint (cl_optim_state_size (CL_OPTIM_SGD), ==, 0);
  g_assert_cmpint (cl_optim_state_size (CL_OPTIM_NESTEROV), ==, 1);
  g_assert_cmpint (cl_optim_state_size (CL_OPTIM_ADAM), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/optim/sgd", test_sgd);
  g_test_add_func ("/engine/optim/momentum", test_momentum);
  g_test_add_func ("/engine/optim/nesterov", test_nesterov);
  g_test_add_func ("/engine/optim/rmsprop", test_rmsprop);
  g_test_add_func ("/engine/optim/adam", test_adam);
  g_test_add_func ("/engine/optim/state-sizes", test_state_sizes);
  return g_test_run ();
}
