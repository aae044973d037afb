/* layer-stats.h — inside training, per layer: how large each layer's
 * gradient is step after step, how its weights and gradients are spread,
 * and how many units of each activation layer have stopped passing a
 * gradient (dead ReLUs, saturated sigmoids and tanhs).
 *
 * The course's story is told with these numbers: in an 8-layer sigmoid
 * network the first layer's gradient is orders of magnitude below the
 * last's; with ReLU and He initialisation it is not.
 *
 * Cost: the norms are one pass over the parameter and gradient blocks after
 * every step (O(params), what the optimiser's update costs); the histograms
 * and unit fractions are computed only when a snapshot is published, at
 * most ten times a second while training runs (trainer-snapshot.c).
 *
 *   ClNormHistory *h = cl_norm_history_new (cl_layer_stats_count_param_layers (net), 512);
 *   ... after each cl_net_train_step: cl_norm_history_record (h, net, step);
 *   ClLayerStats *stats = cl_layer_stats_new (net, h, units, NULL);   // immutable, for a snapshot
 */
#pragma once

#include <glib.h>

#include "engine/net.h"

G_BEGIN_DECLS

/* Bins of every histogram: fine enough to see a distribution's shape, few
 * enough to draw legibly in a small multiple. */
#define CL_LAYER_STATS_BINS 32

/* A saturated unit's derivative is at most about 1 % of its largest:
 * σ'(x) = y(1 − y) < 0.0099 when the output y < 0.01 or y > 0.99 (the
 * largest is 0.25); tanh'(x) = 1 − y² < 0.0199 when |y| > 0.99 (the largest
 * is 1).  A gradient through it is divided by 25 to 50 or more. */
#define CL_SATURATION_SIGMOID_LOW  0.01
#define CL_SATURATION_SIGMOID_HIGH 0.99
#define CL_SATURATION_TANH         0.99

/* Values counted into CL_LAYER_STATS_BINS equal bins over [lo, hi] (the
 * finite values' range; widened around a constant).  Bin k holds
 * lo + k·(hi − lo)/BINS ≤ v < lo + (k + 1)·(hi − lo)/BINS, the last one
 * including hi.  NaN and ±Inf are not binned but counted apart, so
 * counts + n_nonfinite is every value. */
typedef struct {
  guint64 counts[CL_LAYER_STATS_BINS];
  double lo, hi;
  guint64 n_nonfinite;
} ClHistogram;

void     cl_histogram_fill (ClHistogram *histogram, const float *values, gsize n);
/* Sum of the counts (the finite values). */
guint64  cl_histogram_total (const ClHistogram *histogram);

/* A layer with trained parameters (Conv2D, Dense, PReLU, BatchNorm…): all
 * its trained tensors (weights and bias) together. */
typedef struct {
  int layer;               /* its index in the network */
  gsize n_params;
  double grad_norm;        /* ‖∂L/∂θ‖₂ of the last step (NAN before one) */
  double weight_norm;      /* ‖θ‖₂ now */
  ClHistogram weights;
  ClHistogram grads;       /* all zero before a step (has_grads FALSE) */
} ClParamLayerStats;

typedef enum {
  CL_UNIT_DEAD,            /* ReLU: the unit is 0 for every sample of the batch */
  CL_UNIT_SATURATED,       /* Sigmoid, Tanh: the output is in a flat part */
} ClUnitStatsKind;

/* An activation layer over the last training batch.
 *
 * Dead (ReLU): a unit is one value of the layer's output for a sample (a
 * neuron after Dense; one position of one map after Conv2D).  It is dead
 * when its output is exactly 0 for every one of the batch's samples: no
 * gradient reached the weights feeding it during that step.  fraction =
 * dead units / units per sample.
 *
 * Saturated (Sigmoid, Tanh): fraction of all the batch's output values
 * (samples × units) in the flat parts defined by CL_SATURATION_*. */
typedef struct {
  int layer;
  ClUnitStatsKind kind;
  guint64 n_hit;           /* dead units, or saturated values */
  guint64 n_total;         /* units per sample, or values of the batch */
  double fraction;         /* n_hit / n_total */
} ClUnitStats;

/* What the layers of a network have: layers with parameters, and the
 * activation layers that get unit statistics. */
int      cl_layer_stats_count_param_layers (const ClNet *net);
int      cl_layer_stats_count_unit_layers  (const ClNet *net);

/* Fills units[0 .. cl_layer_stats_count_unit_layers) from the outputs of
 * the last forward.  FALSE (nothing written) when that forward was not a
 * training batch (an evaluation, the probes) or there was none: the
 * outputs are not the last step's then. */
gboolean cl_layer_stats_compute_units (const ClNet *net, ClUnitStats *units);

/* The squared L2 norms of each layer with parameters: its gradient (from
 * the last backward) and its weights, over all its trained tensors,
 * summed in double.  grad_sq and weight_sq hold
 * cl_layer_stats_count_param_layers values. */
void     cl_layer_stats_squared_norms (ClNet *net, double *grad_sq, double *weight_sq);

/* ---- the norms over steps ---------------------------------------------- */

/* One point per `stride` steps (the mean of their norms), at most
 * max_points: when full, neighbours merge two by two and the stride
 * doubles, like the loss history; a long run costs no more. */
typedef struct _ClNormHistory ClNormHistory;

ClNormHistory *cl_norm_history_new    (int n_layers, int max_points);
void           cl_norm_history_free   (ClNormHistory *history);
void           cl_norm_history_clear  (ClNormHistory *history);
/* After a training step: computes the norms of `net` (whose
 * cl_layer_stats_count_param_layers must be n_layers) and records them at
 * `step`. */
void           cl_norm_history_record (ClNormHistory *history, ClNet *net, guint64 step);
/* No step recorded since it was made or cleared: the network's gradient
 * block and outputs are not of a step of this run. */
gboolean       cl_norm_history_is_empty (const ClNormHistory *history);

/* ---- what a snapshot carries ----------------------------------------- */

typedef struct _ClLayerStats {
  int n_param_layers;
  ClParamLayerStats *param_layers;
  gboolean has_grads;           /* a step has run: gradient norms and histograms are real */

  /* The norms over steps: n_points points, norms layer-major
   * (grad_norms[l * n_points + p] for param_layers[l]). */
  int n_points;
  double *steps;
  float *grad_norms;
  float *weight_norms;

  int n_unit_layers;
  ClUnitStats *unit_layers;
  gboolean has_units;           /* unit_layers hold a training batch's figures */
} ClLayerStats;

/* The statistics of `net` now: the last step's norms (the history's, or
 * computed when it has none), histograms of the blocks (the gradients'
 * only when the history has a step, or without a history when the net has
 * taken one), the history copied, `units` (cl_layer_stats_count_unit_layers
 * of them, or NULL when none is known yet) copied.  `reuse` (or NULL): an
 * earlier ClLayerStats of the same network whose histograms are taken
 * instead of counting again, what keeps a publication cheap. */
ClLayerStats *cl_layer_stats_new  (ClNet *net, const ClNormHistory *history,
                                   const ClUnitStats *units, const ClLayerStats *reuse);
void          cl_layer_stats_free (ClLayerStats *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClNormHistory, cl_norm_history_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClLayerStats, cl_layer_stats_free)

G_END_DECLS
