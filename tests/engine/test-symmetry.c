/* The symmetry problem, on the engine itself: started at zeros (or any
 * constant), the hidden units of a layer get the same gradient and stay
 * identical however long they train; started at random, they differ and
 * the network learns. */
#include "config.h"

#include <string.h>

#include "engine/dataset.h"
#include "engine/net.h"
#include "engine/zoo.h"

#define STEPS 600
/* The Dense layers of cl_net_spec_new_init_demo (): two hidden, one output. */
static const int hidden_layers[] = { 0, 2 };

static ClDataset *
circles (void)
{
  ClToyOptions options;
  cl_toy_options_init (&options);
  g_autoptr(GError) error = NULL;
  ClDataset *data = cl_dataset_new_toy (CL_TOY_CIRCLES, &options, &error);
  g_assert_no_error (error);
  return data;
}

/* Trains STEPS batches of 16 in order and returns the accuracy on the
 * training part afterwards. */
static double
train (ClNet *net, ClDataset *data)
{
  enum { B = 16 };
  guint n = cl_dataset_get_n (data, CL_DATASET_TRAIN);
  float x[B * 2];
  guint32 labels[B];
  gint32 ilabels[B];
  guint32 idx[B];
  ClStepResult result;
  g_autoptr(GError) error = NULL;

  for (int step = 0; step < STEPS; step++)
    {
      for (int k = 0; k < B; k++)
        idx[k] = (step * B + k * 7) % n;
      cl_dataset_get_batch (data, CL_DATASET_TRAIN, idx, B, x, labels, NULL);
      for (int k = 0; k < B; k++)
        ilabels[k] = (gint32) labels[k];
      g_assert_true (cl_net_train_step (net, x, ilabels, NULL, B, &result, &error));
      g_assert_no_error (error);
    }

  double correct = 0;
  guint seen = 0;
  for (guint start = 0; start + B <= n; start += B, seen += B)
    {
      for (int k = 0; k < B; k++)
        idx[k] = start + k;
      cl_dataset_get_batch (data, CL_DATASET_TRAIN, idx, B, x, labels, NULL);
      for (int k = 0; k < B; k++)
        ilabels[k] = (gint32) labels[k];
      g_assert_true (cl_net_evaluate (net, x, ilabels, NULL, B, &result, &error));
      correct += result.accuracy * B;
    }
  return correct / seen;
}

/* Every row of each hidden layer's weight matrix equals the first, and so
 * does every bias. */
static gboolean
units_identical (ClNet *net)
{
  for (guint k = 0; k < G_N_ELEMENTS (hidden_layers); k++)
    {
      float *w, *b;
      const ClTensorInfo *wi = cl_net_get_layer_tensor (net, hidden_layers[k], 0, &w, NULL);
      cl_net_get_layer_tensor (net, hidden_layers[k], 1, &b, NULL);
      int units = wi->dims[0], in = wi->dims[1];
      for (int u = 1; u < units; u++)
        if (memcmp (w + u * in, w, sizeof (float) * in) != 0 || memcmp (b + u, b, sizeof (float)) != 0)
          return FALSE;
    }
  return TRUE;
}

static ClNet *
demo_net (ClInitKind init, double value)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_init_demo (init, value);
  g_autoptr(GError) error = NULL;
  ClNet *net = cl_net_new (spec, 16, &error);
  g_assert_no_error (error);
  cl_net_init (net, 1);
  return net;
}

static void
test_zeros_stay_identical (void)
{
  g_autoptr(ClDataset) data = circles ();
  g_autoptr(ClNet) net = demo_net (CL_INIT_ZEROS, 0);
  double accuracy = train (net, data);
  g_test_message ("zeros: accuracy %.3f after %d steps", accuracy, STEPS);
  g_assert_true (units_identical (net));
  /* It stalls: no better than guessing one class. */
  g_assert_cmpfloat (accuracy, <, 0.65);
}

/* A constant start is no better: the units move, but together. */
static void
test_constant_stays_identical (void)
{
  g_autoptr(ClDataset) data = circles ();
  g_autoptr(ClNet) net = demo_net (CL_INIT_CONSTANT, 0.5);
  float *w;
  cl_net_get_layer_tensor (net, 0, 0, &w, NULL);
  train (net, data);
  g_assert_true (units_identical (net));
  g_assert_cmpfloat (w[0], !=, 0.5f);
}

static void
test_random_differs_and_learns (void)
{
  static const ClInitKind kinds[] = { CL_INIT_XAVIER_UNIFORM, CL_INIT_HE_NORMAL,
                                      CL_INIT_LECUN_NORMAL };
  g_autoptr(ClDataset) data = circles ();
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      g_autoptr(ClNet) net = demo_net (kinds[k], 0);
      double accuracy = train (net, data);
      g_test_message ("%s: accuracy %.3f after %d steps", cl_init_kind_to_string (kinds[k]),
                      accuracy, STEPS);
      g_assert_false (units_identical (net));
      g_assert_cmpfloat (accuracy, >, 0.9);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/symmetry/zeros-stay-identical", test_zeros_stay_identical);
  g_test_add_func ("/engine/symmetry/constant-stays-identical", test_constant_stays_identical);
  g_test_add_func ("/engine/symmetry/random-differs-and-learns", test_random_differs_and_learns);
  return g_test_run ();
}
