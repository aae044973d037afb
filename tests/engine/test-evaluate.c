#include "config.h"

#include <math.h>

#include "engine/error.h"
#include "engine/evaluate.h"
#include "engine/gallery.h"

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
  g_assert_true (cl_net_evaluate_dataset (net, data, CL_DATASET_TEST, &result, confusion, NULL, &error));
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
  g_assert_true (cl_net_evaluate_dataset (net, data, CL_DATASET_TEST, &result, confusion, NULL, &error));
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
  g_assert_true (cl_net_evaluate_dataset (net, data, CL_DATASET_TRAIN, &result, NULL, NULL, &error));
  g_assert_true (isnan (result.accuracy));
  g_assert_cmpfloat (result.loss, >, 0);
}

/* The collector keeps the `max` samples with the lowest probability of
 * their true class, worst first, whatever the number fed to it. */
static void
test_collector_keeps_the_worst (void)
{
  ClToyOptions toy;
  g_autoptr(GError) error = NULL;
  cl_toy_options_init (&toy);
  toy.n_classes = 3;
  g_autoptr(ClDataset) data = cl_dataset_new_toy (CL_TOY_BLOBS, &toy, &error);
  g_assert_no_error (error);
  guint n = cl_dataset_get_n (data, CL_DATASET_TEST);
  g_assert_cmpuint (n, >=, 20);

  ClGalleryCollector *worst = cl_gallery_collector_new (data, CL_DATASET_TEST, 5);
  g_assert_nonnull (worst);
  /* Sample i gives its true class (0) the probability (i * 7 % n) / n:
   * the worst are the indices whose i * 7 % n is smallest. */
  for (guint i = 0; i < n; i++)
    {
      float p = (float) (i * 7 % n) / n;
      float out[3] = { p, (1 - p) * 0.75f, (1 - p) * 0.25f };
      cl_gallery_collector_add (worst, i, 0, out, 3);
    }
  g_autoptr(ClGallery) g = cl_gallery_collector_finish (worst);
  g_assert_cmpint (g->n, ==, 5);
  for (int k = 0; k < 5; k++)
    {
      g_assert_cmpuint (g->indices[k] * 7 % n, ==, (guint) k);
      g_assert_cmpfloat_with_epsilon (g->true_prob[k], (double) k / n, 1e-6);
      g_assert_cmpint (g->predicted[k], ==, 1);   /* p < 0.75 (1 - p) */
      const float *sample = cl_dataset_get_sample (data, CL_DATASET_TEST, g->indices[k]);
      g_assert_cmpfloat (g->images[2 * k], ==, sample[0]);
      g_assert_cmpfloat (g->images[2 * k + 1], ==, sample[1]);
    }

  /* Regression data has no gallery. */
  cl_toy_options_init (&toy);
  g_autoptr(ClDataset) cos = cl_dataset_new_toy (CL_TOY_COS, &toy, &error);
  g_assert_no_error (error);
  g_assert_null (cl_gallery_collector_new (cos, CL_DATASET_TEST, 5));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/evaluate/predicted-class", test_predicted_class);
  g_test_add_func ("/engine/evaluate/confusion-adds-up", test_confusion_adds_up);
  g_test_add_func ("/engine/evaluate/regression-has-no-accuracy", test_regression_has_no_accuracy);
  g_test_add_func ("/engine/evaluate/collector-keeps-the-worst", test_collector_keeps_the_worst);
  return g_test_run ();
}
