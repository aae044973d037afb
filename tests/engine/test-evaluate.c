#include "config.h"

#include <math.h>

#include "engine/error.h"
#include "engine/evaluate.h"

static void
test_predicted_class (void)
{
  const float probs[4] = { 0.1f, 0.6f, 0.2f, 0.1f };
  g_assert_cmpint (cl_output_predicted_class (probs, 4), ==, 1);
  const float tie[3] = { 0.4f, 0.4f, 0.2f };
  g_assert_cmpint (cl_output_predicted_class (tie, 3), ==, 0);   /* the first of equals */
  const float yes = 0.7f, no = 0.3f;
  g_assert_cmpint (cl_output_predicted_class (&yes, 1), ==, 1);  /* a sigmoid's class 1 */
  g_assert_cmpint (cl_output_predicted_class (&no, 1), ==, 0);
}

static void
test_confusion_adds_up (void)
{
  ClToyOptions toy;
  g_autoptr(GError) error = NULL;
  cl_toy_options_init (&toy);
  toy.n_classes = 3;
  g_autoptr(ClDataset) data = cl_dataset_new_toy (CL_TOY_BLOBS, &toy, &error);
  g_assert_no_error (error);
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (2, 1, 1);
  cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 3);
  cl_net_spec_add_layer (spec, "Softmax");
  g_autoptr(ClNet) net = cl_net_new (spec, 32, &error);
  cl_net_init (net, 1);

  ClEvaluation result;
  guint confusion[9];
  g_assert_true (cl_net_evaluate_dataset (net, data, CL_DATASET_TEST, &result, confusion, &error));
  g_assert_no_error (error);
  guint total = 0, diagonal = 0;
  for (int i = 0; i < 9; i++)
    total += confusion[i];
  for (int i = 0; i < 3; i++)
    diagonal += confusion[i * 3 + i];
  g_assert_cmpuint (result.n, ==, cl_dataset_get_n (data, CL_DATASET_TEST));
  g_assert_cmpuint (total, ==, result.n);
  g_assert_cmpfloat_with_epsilon (result.accuracy, (double) diagonal / total, 1e-12);
  g_assert_true (isfinite (result.loss));

  /* The same again: the confusion matrix is zeroed, not accumulated. */
  g_assert_true (cl_net_evaluate_dataset (net, data, CL_DATASET_TEST, &result, confusion, &error));
  total = 0;
  for (int i = 0; i < 9; i++)
    total += confusion[i];
  g_assert_cmpuint (total, ==, result.n);
}

static void
test_regression_has_no_accuracy (void)
{
  ClToyOptions toy;
  g_autoptr(GError) error = NULL;
  cl_toy_options_init (&toy);
  g_autoptr(ClDataset) data = cl_dataset_new_toy (CL_TOY_COS, &toy, &error);
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, 1, 1);
  cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 1);
  cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
  g_autoptr(ClNet) net = cl_net_new (spec, 16, &error);
  cl_net_init (net, 1);
  ClEvaluation result;
  g_assert_true (cl_net_evaluate_dataset (net, data, CL_DATASET_TRAIN, &result, NULL, &error));
  g_assert_true (isnan (result.accuracy));
  g_assert_cmpfloat (result.loss, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/evaluate/predicted-class", test_predicted_class);
  g_test_add_func ("/engine/evaluate/confusion-adds-up", test_confusion_adds_up);
  g_test_add_func ("/engine/evaluate/regression-has-no-accuracy", test_regression_has_no_accuracy);
  return g_test_run ();
}
