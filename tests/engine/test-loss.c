/* Each loss against hand-computed values, and its stability at extremes. */
#include "config.h"

#include <math.h>

#include "engine/loss.h"

static void
test_cross_entropy (void)
{
  /* Sample 0: logits (1, 2, 3), label 2:
   *   log(e + e^2 + e^3) - 3 = 0.407605964, softmax = (0.0900306, 0.2447285, 0.6652410).
   * Sample 1: logits (0, 0, 0), label 0: log 3 = 1.098612289.  Mean of both. */
  const float logits[] = { 1, 2, 3, 0, 0, 0 };
  const gint32 labels[] = { 2, 0 };
  float d[6];
  int correct;
  double loss = cl_loss_cross_entropy (logits, labels, 2, 3, d, &correct);
  g_assert_cmpfloat_with_epsilon (loss, (0.407605964 + 1.098612289) / 2, 1e-6);
  const double expected[] = { 0.0900306 / 2, 0.2447285 / 2, (0.6652410 - 1) / 2,
                              (1.0 / 3 - 1) / 2, 1.0 / 6, 1.0 / 6 };
  for (int i = 0; i < 6; i++)
    g_assert_cmpfloat_with_epsilon (d[i], expected[i], 1e-6);
  /* argmax of (0, 0, 0) is the first class: label 0 counts as right. */
  g_assert_cmpint (correct, ==, 2);
}

static void
test_cross_entropy_stable (void)
{
  /* log-sum-exp: e^1000 would overflow, the loss is simply 1000. */
  const float logits[] = { 1000, 0 };
  const gint32 labels[] = { 1 };
  float d[2];
  double loss = cl_loss_cross_entropy (logits, labels, 1, 2, d, NULL);
  g_assert_cmpfloat_with_epsilon (loss, 1000.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (d[0], 1.0, 1e-7);
  g_assert_cmpfloat_with_epsilon (d[1], -1.0, 1e-7);
}

static void
test_binary_cross_entropy (void)
{
  /* z = 0, y = 1: log 2 = 0.693147181.  z = 2, y = 0: 2 + log(1 + e^-2) =
   * 2.126928011.  Gradients (sigmoid(z) - y) / 2: -0.25 and 0.880797078 / 2. */
  const float logits[] = { 0, 2 };
  const float targets[] = { 1, 0 };
  float d[2];
  int correct;
  double loss = cl_loss_binary_cross_entropy (logits, targets, 2, 1, d, &correct);
  g_assert_cmpfloat_with_epsilon (loss, (0.693147181 + 2.126928011) / 2, 1e-7);
  g_assert_cmpfloat_with_epsilon (d[0], -0.25, 1e-7);
  g_assert_cmpfloat_with_epsilon (d[1], 0.880797078 / 2, 1e-7);
  g_assert_cmpint (correct, ==, 0);

  /* Far in the tails, log(sigmoid) would be -inf; the fused form is exact. */
  const float far[] = { -100, 100 };
  const float ones[] = { 1, 1 };
  loss = cl_loss_binary_cross_entropy (far, ones, 1, 2, d, &correct);
  g_assert_cmpfloat_with_epsilon (loss, 50.0, 1e-9);
  g_assert_cmpint (correct, ==, 1);
}

static void
test_mse (void)
{
  /* ((1 - 0)^2 + (2 - 4)^2) / 2 = 2.5; gradients 2 (out - y) / 2 = 1, -2. */
  const float out[] = { 1, 2 };
  const float targets[] = { 0, 4 };
  float d[2];
  double loss = cl_loss_mse (out, targets, 1, 2, d);
  g_assert_cmpfloat (loss, ==, 2.5);
  g_assert_cmpfloat (d[0], ==, 1.0f);
  g_assert_cmpfloat (d[1], ==, -2.0f);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/loss/cross-entropy", test_cross_entropy);
  g_test_add_func ("/engine/loss/cross-entropy-stable", test_cross_entropy_stable);
  g_test_add_func ("/engine/loss/binary-cross-entropy", test_binary_cross_entropy);
  g_test_add_func ("/engine/loss/mse", test_mse);
  return g_test_run ();
}
