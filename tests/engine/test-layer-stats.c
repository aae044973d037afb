/* Inside training (engine/layer-stats.h): the per-layer norms a snapshot
 * carries are the engine's own gradients, histograms count every
 * parameter, dead and saturated units follow their definitions, and the
 * course's deep-network story holds on the example designs. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/data-source.h"
#include "engine/design-file.h"
#include "engine/error.h"
#include "engine/layer-stats.h"
#include "engine/net.h"
#include "engine/rng.h"
#include "engine/trainer.h"
#include "engine/zoo.h"

#define WAIT_US (20 * G_USEC_PER_SEC)

static ClNetSpec *
xor_net (void)
{
  ClNetSpec *spec = cl_net_spec_new (2, 1, 1);
  cl_net_spec_append (spec, "Dense", "units", 8.0, NULL);
  cl_net_spec_append (spec, "Tanh", NULL);
  cl_net_spec_append (spec, "Dense", "units", 8.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "Dense", "units", 2.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  ClTrainSettings *train = cl_net_spec_get_train (spec);
  train->optimiser = CL_OPTIM_ADAM;
  train->lr = 0.05;
  train->batch_size = 16;
  train->seed = 7;
  return spec;
}

static ClDataset *
xor_data (void)
{
  ClToyOptions options;
  g_autoptr(GError) error = NULL;

  cl_toy_options_init (&options);
  options.n_points = 200;
  ClDataset *data = cl_dataset_new_toy (CL_TOY_XOR, &options, &error);
  g_assert_no_error (error);
  return data;
}

/* ‖g‖₂ of layer i's trained tensors, summed in double as documented. */
static double
direct_grad_norm (ClNet *net, int layer)
{
  double sum = 0;
  for (int j = 0; j < cl_net_get_layer_n_tensors (net, layer); j++)
    {
      float *grad = NULL;
      const ClTensorInfo *info = cl_net_get_layer_tensor (net, layer, j, NULL, &grad);
      if (grad == NULL)
        continue;
      for (gsize k = 0; k < info->count; k++)
        sum += (double) grad[k] * grad[k];
    }
  return sqrt (sum);
}

/* One step by hand (the trainer's first batch: epoch 0's shuffle) against
 * the trainer's published figures: the same float operations in the same
 * order, so the norms are bit for bit equal. */
static void
test_norms_are_the_engines (void)
{
  g_autoptr(ClNetSpec) spec = xor_net ();
  g_autoptr(ClDataset) data = xor_data ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClTrainer) trainer = cl_trainer_new (spec, data, NULL, &error);
  g_assert_no_error (error);

  g_autoptr(ClSnapshot) before = cl_trainer_get_snapshot (trainer);
  g_assert_nonnull (before->layer_stats);
  g_assert_false (before->layer_stats->has_grads);
  g_assert_false (before->layer_stats->has_units);
  g_assert_cmpint (before->layer_stats->n_points, ==, 0);

  cl_trainer_step (trainer);
  gint64 deadline = g_get_monotonic_time () + WAIT_US;
  ClSnapshot *s = cl_trainer_get_snapshot (trainer);
  while (s->step < 1 || s->state != CL_TRAINER_PAUSED)
    {
      guint64 version = s->version;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      cl_snapshot_unref (s);
      s = cl_trainer_wait_snapshot (trainer, version, 100000);
    }

  g_autoptr(ClNet) net = cl_net_new (spec, 16, &error);
  g_assert_no_error (error);
  cl_net_init (net, 7);
  guint n = cl_dataset_get_n (data, CL_DATASET_TRAIN);
  g_autofree guint32 *order = g_new (guint32, n);
  for (guint i = 0; i < n; i++)
    order[i] = i;
  ClRng rng;
  cl_rng_init (&rng, 7, CL_RNG_STREAM_SHUFFLE);
  cl_rng_shuffle (&rng, order, n);
  float x[16 * 2];
  guint32 labels[16];
  cl_dataset_get_batch (data, CL_DATASET_TRAIN, order, 16, x, labels, NULL);
  g_assert_true (cl_net_train_step (net, x, (const gint32 *) labels, NULL, 16, NULL, &error));

  const ClLayerStats *stats = s->layer_stats;
  g_assert_true (stats->has_grads);
  g_assert_cmpint (stats->n_param_layers, ==, 3);
  g_assert_cmpint (stats->n_points, ==, 1);
  g_assert_cmpfloat (stats->steps[0], ==, 1);
  gsize params = 0;
  for (int k = 0; k < 3; k++)
    {
      const ClParamLayerStats *p = &stats->param_layers[k];
      g_assert_cmpint (p->layer, ==, 2 * k);
      double direct = direct_grad_norm (net, p->layer);
      g_assert_cmpfloat (direct, >, 0);
      g_assert_cmpfloat (p->grad_norm, ==, direct);
      g_assert_cmpfloat (stats->grad_norms[k * stats->n_points], ==, (float) direct);
      /* Every parameter in each histogram, none lost at the edges. */
      g_assert_cmpuint (cl_histogram_total (&p->weights), ==, p->n_params);
      g_assert_cmpuint (cl_histogram_total (&p->grads), ==, p->n_params);
      g_assert_cmpuint (p->weights.n_nonfinite, ==, 0);
      params += p->n_params;
    }
  g_assert_cmpuint (params, ==, s->n_params);

  /* The Tanh and the ReLU of the last training batch. */
  g_assert_true (stats->has_units);
  g_assert_cmpint (stats->n_unit_layers, ==, 2);
  g_assert_cmpint (stats->unit_layers[0].layer, ==, 1);
  g_assert_cmpint (stats->unit_layers[0].kind, ==, CL_UNIT_SATURATED);
  g_assert_cmpuint (stats->unit_layers[0].n_total, ==, 16 * 8);
  g_assert_cmpint (stats->unit_layers[1].kind, ==, CL_UNIT_DEAD);
  g_assert_cmpuint (stats->unit_layers[1].n_total, ==, 8);
  cl_snapshot_unref (s);
}

static void
test_histogram_bins (void)
{
  const float v[] = { -1, 0, 0.5f, 1, NAN, INFINITY };
  ClHistogram h;

  cl_histogram_fill (&h, v, G_N_ELEMENTS (v));
  g_assert_cmpfloat (h.lo, ==, -1);
  g_assert_cmpfloat (h.hi, ==, 1);
  g_assert_cmpuint (h.n_nonfinite, ==, 2);
  g_assert_cmpuint (cl_histogram_total (&h), ==, 4);
  g_assert_cmpuint (h.counts[0], ==, 1);                         /* -1 */
  g_assert_cmpuint (h.counts[CL_LAYER_STATS_BINS / 2], ==, 1);   /* 0 */
  g_assert_cmpuint (h.counts[CL_LAYER_STATS_BINS * 3 / 4], ==, 1); /* 0.5 */
  g_assert_cmpuint (h.counts[CL_LAYER_STATS_BINS - 1], ==, 1);   /* 1, the last bin closed */

  /* A constant (zeros: a bias at its start) gets a range around it. */
  const float zeros[5] = { 0 };
  cl_histogram_fill (&h, zeros, 5);
  g_assert_cmpfloat (h.lo, <, 0);
  g_assert_cmpfloat (h.hi, >, 0);
  g_assert_cmpuint (cl_histogram_total (&h), ==, 5);

  /* Nothing finite: all counted apart, no division by zero. */
  const float nans[3] = { NAN, NAN, -INFINITY };
  cl_histogram_fill (&h, nans, 3);
  g_assert_cmpuint (cl_histogram_total (&h), ==, 0);
  g_assert_cmpuint (h.n_nonfinite, ==, 3);
}

static void
set_dense (ClNet *net, int layer, const float *w, const float *b)
{
  float *data;
  const ClTensorInfo *info = cl_net_get_layer_tensor (net, layer, 0, &data, NULL);
  memcpy (data, w, info->count * sizeof (float));
  info = cl_net_get_layer_tensor (net, layer, 1, &data, NULL);
  memcpy (data, b, info->count * sizeof (float));
}

/* Three ReLU units over a batch of two: one positive for both samples, one
 * negative for both (dead), one zero for a single sample (alive: dead
 * means 0 for EVERY sample of the batch). */
static void
test_dead_relu_by_hand (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (2, 1, 1);
  g_autoptr(GError) error = NULL;
  cl_net_spec_append (spec, "Dense", "units", 3.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;   /* no Softmax: the ReLU's outputs are read */
  g_autoptr(ClNet) net = cl_net_new (spec, 2, &error);
  g_assert_no_error (error);
  cl_net_init (net, 1);
  /* weight [out][in], as PyTorch lays out a Linear's. */
  const float w[] = { 1, 0,    -1, -1,    0, 1 };
  const float b[] = { 0, -10, 0 };
  set_dense (net, 0, w, b);
  const float x[] = { 1, -1,   2, 3 };

  ClUnitStats units[1];
  cl_net_forward (net, x, 2, FALSE);
  g_assert_false (cl_layer_stats_compute_units (net, units));   /* not a training batch */

  cl_net_forward (net, x, 2, TRUE);
  const float *out = cl_net_get_layer_output (net, 1, NULL);
  const float expected[] = { 1, 0, 0,   2, 0, 3 };
  for (int i = 0; i < 6; i++)
    g_assert_cmpfloat (out[i], ==, expected[i]);
  g_assert_cmpint (cl_layer_stats_count_unit_layers (net), ==, 1);
  g_assert_true (cl_layer_stats_compute_units (net, units));
  g_assert_cmpint (units[0].layer, ==, 1);
  g_assert_cmpint (units[0].kind, ==, CL_UNIT_DEAD);
  g_assert_cmpuint (units[0].n_hit, ==, 1);
  g_assert_cmpuint (units[0].n_total, ==, 3);
  g_assert_cmpfloat_with_epsilon (units[0].fraction, 1.0 / 3, 1e-12);
}

/* σ(10) = 0.99995 and σ(-10) are saturated, σ(1) = 0.73 and σ(-4.5) =
 * 0.011 are not: 2 of the batch's 4 values. */
static void
test_saturated_sigmoid_by_hand (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, 1, 1);
  g_autoptr(GError) error = NULL;
  cl_net_spec_append (spec, "Dense", "units", 2.0, NULL);
  cl_net_spec_append (spec, "Sigmoid", NULL);
  cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
  g_autoptr(ClNet) net = cl_net_new (spec, 2, &error);
  g_assert_no_error (error);
  cl_net_init (net, 1);
  const float w[] = { 10, -4.5f };
  const float b[] = { 0, 0 };
  set_dense (net, 0, w, b);
  const float x[] = { 1, -1 };   /* unit 0: 10, -10; unit 1: -4.5, 4.5 */
  ClUnitStats units[1];

  cl_net_forward (net, x, 2, TRUE);
  g_assert_true (cl_layer_stats_compute_units (net, units));
  g_assert_cmpint (units[0].kind, ==, CL_UNIT_SATURATED);
  g_assert_cmpuint (units[0].n_total, ==, 4);
  g_assert_cmpuint (units[0].n_hit, ==, 2);
  g_assert_cmpfloat (units[0].fraction, ==, 0.5);
}

/* Bounded like the loss history: never more than its points, halved when
 * full, steps increasing, the newest point near the newest step. */
static void
test_history_is_bounded (void)
{
  g_autoptr(ClNetSpec) spec = xor_net ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (spec, 16, &error);
  g_assert_no_error (error);
  cl_net_init (net, 1);
  g_autoptr(ClNormHistory) history = cl_norm_history_new (3, 8);

  g_assert_true (cl_norm_history_is_empty (history));
  for (guint64 step = 1; step <= 64; step++)
    cl_norm_history_record (history, net, step);
  g_assert_false (cl_norm_history_is_empty (history));
  g_autoptr(ClLayerStats) stats = cl_layer_stats_new (net, history, NULL, NULL);
  g_assert_cmpint (stats->n_points, >=, 4);
  g_assert_cmpint (stats->n_points, <=, 8);
  for (int p = 1; p < stats->n_points; p++)
    g_assert_cmpfloat (stats->steps[p], >, stats->steps[p - 1]);
  /* The newest point is at most one stride (64 / 8 × 2 steps) behind. */
  g_assert_cmpfloat (stats->steps[stats->n_points - 1], <=, 64);
  g_assert_cmpfloat (stats->steps[stats->n_points - 1], >, 64 - 16);
  g_assert_false (stats->has_units);

  /* Reusing an earlier count: the same histograms, not counted again. */
  g_autoptr(ClLayerStats) again = cl_layer_stats_new (net, history, NULL, stats);
  for (int k = 0; k < 3; k++)
    {
      g_assert_cmpmem (&again->param_layers[k].weights, sizeof (ClHistogram),
                       &stats->param_layers[k].weights, sizeof (ClHistogram));
      g_assert_cmpfloat (again->param_layers[k].grad_norm, ==, stats->param_layers[k].grad_norm);
    }

  cl_norm_history_clear (history);
  g_assert_true (cl_norm_history_is_empty (history));
}

/* The first step's gradients (from the initial weights) of an example
 * design: the first Dense layer's norm over the last one's. */
static double
first_over_last (const char *name)
{
  const char *root = g_getenv ("CL_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root != NULL ? root : SOURCE_DATADIR "/..", "data",
                                            "designs", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) design = cl_design_load (path, &error);
  g_assert_no_error (error);
  g_autoptr(ClDataset) data = cl_data_ref_load_for (&design->data, design->spec, &error);
  g_assert_no_error (error);
  const ClTrainSettings *t = cl_net_spec_peek_train (design->spec);
  g_autoptr(ClNet) net = cl_net_new (design->spec, t->batch_size, &error);
  g_assert_no_error (error);
  cl_net_init (net, t->seed);

  int batch = t->batch_size;
  g_autofree guint32 *indices = g_new (guint32, batch);
  g_autofree float *x = g_new (float, (gsize) batch * data->sample_size);
  g_autofree guint32 *labels = g_new (guint32, batch);
  for (int i = 0; i < batch; i++)
    indices[i] = i;
  cl_dataset_get_batch (data, CL_DATASET_TRAIN, indices, batch, x, labels, NULL);
  g_assert_true (cl_net_train_step (net, x, (const gint32 *) labels, NULL, batch, NULL, &error));

  int L = cl_layer_stats_count_param_layers (net);
  g_assert_cmpint (L, ==, 8);
  double grad_sq[8], weight_sq[8];
  cl_layer_stats_squared_norms (net, grad_sq, weight_sq);
  double ratio = sqrt (grad_sq[0] / grad_sq[L - 1]);
  g_test_message ("%s: first-layer gradient norm %.3g, last %.3g, first/last %.3g", name,
                  sqrt (grad_sq[0]), sqrt (grad_sq[L - 1]), ratio);
  return ratio;
}

static void
test_deep_sigmoid_vanishes (void)
{
  g_assert_cmpfloat (first_over_last ("deep-sigmoid.json"), <=, 1e-2);
}

static void
test_deep_relu_he_does_not (void)
{
  double ratio = first_over_last ("deep-relu-he.json");
  g_assert_cmpfloat (ratio, >=, 0.1);
  g_assert_cmpfloat (ratio, <=, 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/layer-stats/norms-are-the-engines", test_norms_are_the_engines);
  g_test_add_func ("/engine/layer-stats/histogram-bins", test_histogram_bins);
  g_test_add_func ("/engine/layer-stats/dead-relu-by-hand", test_dead_relu_by_hand);
  g_test_add_func ("/engine/layer-stats/saturated-sigmoid-by-hand", test_saturated_sigmoid_by_hand);
  g_test_add_func ("/engine/layer-stats/history-is-bounded", test_history_is_bounded);
  g_test_add_func ("/engine/layer-stats/deep-sigmoid-vanishes", test_deep_sigmoid_vanishes);
  g_test_add_func ("/engine/layer-stats/deep-relu-he-does-not", test_deep_relu_he_does_not);
  return g_test_run ();
}
