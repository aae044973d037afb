#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/layer-stats.h"
#include "engine/net-private.h"

/* ---- histograms ------------------------------------------------------------ */

/* [lo, hi] of the finite values (lo > hi: none), widened around a
 * constant. */
static void
fill_range (ClHistogram *h, double lo, double hi)
{
  if (lo > hi)   /* no finite value */
    lo = hi = 0;
  if (hi - lo <= 1e-12 * MAX (1.0, fabs (lo)))
    {
      /* A constant (zeros, a bias at its start): one bin in the middle of
       * a small range around it, not a division by zero. */
      double pad = MAX (fabs (lo) * 0.5, 1e-6);
      lo -= pad;
      hi += pad;
    }
  h->lo = lo;
  h->hi = hi;
}

/* Adds the finite values to the bins of h's range. */
static void
bin_values (ClHistogram *h, const float *v, gsize n)
{
  double scale = CL_LAYER_STATS_BINS / (h->hi - h->lo);
  for (gsize i = 0; i < n; i++)
    {
      if (!isfinite (v[i]))
        continue;
      int k = (int) ((v[i] - h->lo) * scale);
      h->counts[CLAMP (k, 0, CL_LAYER_STATS_BINS - 1)]++;
    }
}

void
cl_histogram_fill (ClHistogram *h, const float *v, gsize n)
{
  double lo = INFINITY, hi = -INFINITY;

  memset (h, 0, sizeof *h);
  for (gsize i = 0; i < n; i++)
    if (isfinite (v[i]))
      {
        lo = MIN (lo, v[i]);
        hi = MAX (hi, v[i]);
      }
    else
      h->n_nonfinite++;
  fill_range (h, lo, hi);
  bin_values (h, v, n);
}

guint64
cl_histogram_total (const ClHistogram *h)
{
  guint64 total = 0;
  for (int k = 0; k < CL_LAYER_STATS_BINS; k++)
    total += h->counts[k];
  return total;
}

/* ---- which layers -------------------------------------------------------- */

static gboolean
has_params (const ClLayer *l)
{
  return l->plan.n_params > 0;
}

/* The activation layers whose flat parts stop a gradient: ReLU's zero
 * (dead), sigmoid's and tanh's two tails (saturated).  Leaky ReLU, ELU,
 * PReLU and RReLU keep a slope everywhere, so they are left out. */
static gboolean
unit_kind (const ClLayer *l, ClUnitStatsKind *kind)
{
  const char *name = l->kind->name;

  if (strcmp (name, "ReLU") == 0)
    *kind = CL_UNIT_DEAD;
  else if (strcmp (name, "Sigmoid") == 0 || strcmp (name, "Tanh") == 0)
    *kind = CL_UNIT_SATURATED;
  else
    return FALSE;
  return TRUE;
}

int
cl_layer_stats_count_param_layers (const ClNet *net)
{
  int n = 0;
  for (int i = 0; i < net->n_layers; i++)
    n += has_params (&net->layers[i]);
  return n;
}

int
cl_layer_stats_count_unit_layers (const ClNet *net)
{
  int n = 0;
  ClUnitStatsKind kind;
  for (int i = 0; i < net->n_layers; i++)
    n += unit_kind (&net->layers[i], &kind);
  return n;
}

/* ---- dead and saturated units ------------------------------------------ */

static void
count_dead (const float *out, int n, gsize size, guint8 *alive, ClUnitStats *u)
{
  memset (alive, 0, size);
  for (int s = 0; s < n; s++)
    {
      const float *row = out + (gsize) s * size;
      for (gsize j = 0; j < size; j++)
        alive[j] |= row[j] != 0.0f;
    }
  guint64 dead = 0;
  for (gsize j = 0; j < size; j++)
    dead += !alive[j];
  u->n_hit = dead;
  u->n_total = size;
}

static void
count_saturated (const ClLayer *l, const float *out, gsize n_values, ClUnitStats *u)
{
  guint64 hit = 0;

  if (strcmp (l->kind->name, "Sigmoid") == 0)
    {
      for (gsize i = 0; i < n_values; i++)
        hit += out[i] < CL_SATURATION_SIGMOID_LOW || out[i] > CL_SATURATION_SIGMOID_HIGH;
    }
  else
    {
      for (gsize i = 0; i < n_values; i++)
        hit += fabsf (out[i]) > CL_SATURATION_TANH;
    }
  u->n_hit = hit;
  u->n_total = n_values;
}

gboolean
cl_layer_stats_compute_units (const ClNet *net, ClUnitStats *units)
{
  if (net->last_n <= 0 || !net->last_training)
    return FALSE;

  gsize largest = 1;
  for (int i = 0; i < net->n_layers; i++)
    largest = MAX (largest, net->layers[i].out_size);
  g_autofree guint8 *alive = g_malloc (largest);

  int k = 0;
  for (int i = 0; i < net->n_layers; i++)
    {
      const ClLayer *l = &net->layers[i];
      ClUnitStatsKind kind;
      if (!unit_kind (l, &kind))
        continue;
      ClUnitStats *u = &units[k++];
      u->layer = i;
      u->kind = kind;
      if (kind == CL_UNIT_DEAD)
        count_dead (l->out, net->last_n, l->out_size, alive, u);
      else
        count_saturated (l, l->out, (gsize) net->last_n * l->out_size, u);
      u->fraction = u->n_total > 0 ? (double) u->n_hit / u->n_total : 0.0;
    }
  return TRUE;
}

/* ---- norms ------------------------------------------------------------------ */

static double
sum_squares (const float *v, gsize n)
{
  double s = 0;
  for (gsize i = 0; i < n; i++)
    s += (double) v[i] * v[i];
  return s;
}

void
cl_layer_stats_squared_norms (ClNet *net, double *grad_sq, double *weight_sq)
{
  int k = 0;
  for (int i = 0; i < net->n_layers; i++)
    {
      const ClLayer *l = &net->layers[i];
      if (!has_params (l))
        continue;
      double g = 0, w = 0;
      for (int j = 0; j < l->plan.n_params; j++)
        {
          g += sum_squares (l->grad[j], l->plan.params[j].count);
          w += sum_squares (l->param[j], l->plan.params[j].count);
        }
      grad_sq[k] = g;
      weight_sq[k] = w;
      k++;
    }
}

/* ---- the history ------------------------------------------------------------ */

struct _ClNormHistory {
  int n_layers, max_points;
  int n_points;
  int stride, count;       /* steps per point; steps summed into the pending one */
  double *steps;           /* max_points */
  float *grad, *weight;    /* point-major: [p * n_layers + l], max_points points */
  double *grad_sum, *weight_sum;   /* the pending point */
  double *grad_sq, *weight_sq;     /* the last step's squared norms */
};

ClNormHistory *
cl_norm_history_new (int n_layers, int max_points)
{
  ClNormHistory *h = g_new0 (ClNormHistory, 1);
  gsize cells = (gsize) MAX (1, n_layers) * MAX (2, max_points);

  h->n_layers = n_layers;
  h->max_points = MAX (2, max_points);
  h->steps = g_new0 (double, h->max_points);
  h->grad = g_new0 (float, cells);
  h->weight = g_new0 (float, cells);
  h->grad_sum = g_new0 (double, MAX (1, n_layers));
  h->weight_sum = g_new0 (double, MAX (1, n_layers));
  h->grad_sq = g_new0 (double, MAX (1, n_layers));
  h->weight_sq = g_new0 (double, MAX (1, n_layers));
  cl_norm_history_clear (h);
  return h;
}

void
cl_norm_history_free (ClNormHistory *h)
{
  if (h == NULL)
    return;
  g_free (h->steps);
  g_free (h->grad);
  g_free (h->weight);
  g_free (h->grad_sum);
  g_free (h->weight_sum);
  g_free (h->grad_sq);
  g_free (h->weight_sq);
  g_free (h);
}

void
cl_norm_history_clear (ClNormHistory *h)
{
  h->n_points = 0;
  h->stride = 1;
  h->count = 0;
  memset (h->grad_sum, 0, MAX (1, h->n_layers) * sizeof (double));
  memset (h->weight_sum, 0, MAX (1, h->n_layers) * sizeof (double));
}

/* Merges neighbours two by two, keeping the later step: the newest point
 * stays the newest step. */
static void
halve (ClNormHistory *h)
{
  int L = h->n_layers, kept = 0;

  for (int p = 0; p + 1 < h->n_points; p += 2, kept++)
    {
      h->steps[kept] = h->steps[p + 1];
      for (int l = 0; l < L; l++)
        {
          h->grad[kept * L + l] = (h->grad[p * L + l] + h->grad[(p + 1) * L + l]) / 2;
          h->weight[kept * L + l] = (h->weight[p * L + l] + h->weight[(p + 1) * L + l]) / 2;
        }
    }
  h->n_points = kept;
  h->stride *= 2;
}

void
cl_norm_history_record (ClNormHistory *h, ClNet *net, guint64 step)
{
  int L = h->n_layers;

  g_return_if_fail (cl_layer_stats_count_param_layers (net) == L);
  cl_layer_stats_squared_norms (net, h->grad_sq, h->weight_sq);
  for (int l = 0; l < L; l++)
    {
      h->grad_sum[l] += sqrt (h->grad_sq[l]);
      h->weight_sum[l] += sqrt (h->weight_sq[l]);
    }
  if (++h->count < h->stride)
    return;
  if (h->n_points >= h->max_points)
    halve (h);
  int p = h->n_points++;
  h->steps[p] = (double) step;
  for (int l = 0; l < L; l++)
    {
      h->grad[p * L + l] = (float) (h->grad_sum[l] / h->count);
      h->weight[p * L + l] = (float) (h->weight_sum[l] / h->count);
      h->grad_sum[l] = h->weight_sum[l] = 0;
    }
  h->count = 0;
}

gboolean
cl_norm_history_is_empty (const ClNormHistory *h)
{
  return h->n_points == 0 && h->count == 0;
}

/* ---- a snapshot's statistics ----------------------------------------------- */

/* All the layer's trained tensors (weights and bias) in one histogram:
 * the range over all of them first, then the counts, read in place. */
static void
layer_histogram (const ClLayer *l, gboolean grads, ClHistogram *h)
{
  double lo = INFINITY, hi = -INFINITY;
  guint64 nonfinite = 0;

  for (int j = 0; j < l->plan.n_params; j++)
    {
      const float *v = grads ? l->grad[j] : l->param[j];
      for (gsize i = 0; i < l->plan.params[j].count; i++)
        if (isfinite (v[i]))
          {
            lo = MIN (lo, v[i]);
            hi = MAX (hi, v[i]);
          }
        else
          nonfinite++;
    }
  memset (h, 0, sizeof *h);
  h->n_nonfinite = nonfinite;
  fill_range (h, lo, hi);
  for (int j = 0; j < l->plan.n_params; j++)
    bin_values (h, grads ? l->grad[j] : l->param[j], l->plan.params[j].count);
}

ClLayerStats *
cl_layer_stats_new (ClNet *net, const ClNormHistory *history, const ClUnitStats *units,
                    const ClLayerStats *reuse)
{
  ClLayerStats *s = g_new0 (ClLayerStats, 1);
  int L = cl_layer_stats_count_param_layers (net);

  s->n_param_layers = L;
  s->param_layers = g_new0 (ClParamLayerStats, MAX (1, L));
  s->has_grads = history != NULL ? !cl_norm_history_is_empty (history) : net->step > 0;
  if (reuse != NULL && (reuse->n_param_layers != L || reuse->has_grads != s->has_grads))
    reuse = NULL;

  /* The last step's norms are the history's (the weights have not moved
   * since); without one, computed now. */
  g_autofree double *grad_sq = g_new0 (double, MAX (1, L));
  g_autofree double *weight_sq = g_new0 (double, MAX (1, L));
  if (history != NULL && history->n_layers == L && !cl_norm_history_is_empty (history))
    {
      memcpy (grad_sq, history->grad_sq, L * sizeof (double));
      memcpy (weight_sq, history->weight_sq, L * sizeof (double));
    }
  else
    cl_layer_stats_squared_norms (net, grad_sq, weight_sq);

  for (int i = 0, k = 0; i < net->n_layers; i++)
    {
      const ClLayer *l = &net->layers[i];
      if (!has_params (l))
        continue;
      ClParamLayerStats *p = &s->param_layers[k];
      p->layer = i;
      for (int j = 0; j < l->plan.n_params; j++)
        p->n_params += l->plan.params[j].count;
      p->weight_norm = sqrt (weight_sq[k]);
      p->grad_norm = s->has_grads ? sqrt (grad_sq[k]) : NAN;
      if (reuse != NULL)
        {
          p->weights = reuse->param_layers[k].weights;
          p->grads = reuse->param_layers[k].grads;
        }
      else
        {
          layer_histogram (l, FALSE, &p->weights);
          if (s->has_grads)
            layer_histogram (l, TRUE, &p->grads);
        }
      k++;
    }

  if (history != NULL && history->n_layers == L)
    {
      int P = history->n_points;
      s->n_points = P;
      s->steps = g_memdup2 (history->steps, MAX (1, P) * sizeof (double));
      s->grad_norms = g_new (float, (gsize) MAX (1, P) * MAX (1, L));
      s->weight_norms = g_new (float, (gsize) MAX (1, P) * MAX (1, L));
      /* Layer-major for the drawing: each layer's curve is one run. */
      for (int l = 0; l < L; l++)
        for (int p = 0; p < P; p++)
          {
            s->grad_norms[l * P + p] = history->grad[p * L + l];
            s->weight_norms[l * P + p] = history->weight[p * L + l];
          }
    }

  s->n_unit_layers = cl_layer_stats_count_unit_layers (net);
  s->unit_layers = g_new0 (ClUnitStats, MAX (1, s->n_unit_layers));
  if (units != NULL)
    {
      memcpy (s->unit_layers, units, s->n_unit_layers * sizeof (ClUnitStats));
      s->has_units = TRUE;
    }
  else
    {
      /* Which layers, even before a step: the picture names them. */
      ClUnitStatsKind kind;
      for (int i = 0, k = 0; i < net->n_layers; i++)
        if (unit_kind (&net->layers[i], &kind))
          s->unit_layers[k++] = (ClUnitStats) { .layer = i, .kind = kind };
    }
  return s;
}

void
cl_layer_stats_free (ClLayerStats *s)
{
  if (s == NULL)
    return;
  g_free (s->param_layers);
  g_free (s->steps);
  g_free (s->grad_norms);
  g_free (s->weight_norms);
  g_free (s->unit_layers);
  g_free (s);
}
