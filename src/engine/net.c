#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "engine/error.h"
#include "engine/init.h"
#include "engine/layer-private.h"
#include "engine/net-private.h"
#include "engine/number-format.h"
#include "engine/rng.h"

/* Inputs larger than this are refused before any shape arithmetic could
 * overflow an int (a 4096x4096 RGB image is 50 M values). */
#define MAX_INPUT_VALUES G_GUINT64_CONSTANT (64000000)
#define ALIGN 64


static gsize
aligned (guint64 bytes)
{
  return (gsize) ((bytes + ALIGN - 1) / ALIGN * ALIGN);
}

/* Zeroed, aligned, and NULL rather than an abort when memory is short: the
 * limits bound what a design may ask, but not what the machine has free.
 * Freed with free(). */
static void *
try_alloc0 (gsize bytes)
{
  void *p = NULL;

  bytes = MAX (bytes, 1);
  if (posix_memalign (&p, ALIGN, bytes) != 0)
    return NULL;
  memset (p, 0, bytes);
  return p;
}

/* At least one float, as before: an empty block (a network without
 * buffers) is still copied as one float into snapshots. */
static float *
try_alloc_floats (gsize n)
{
  return try_alloc0 (MAX (n, 1) * sizeof (float));
}

static char *
format_count (guint64 n)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, n);
}

/* "Conv2D #3: kernel 5x5 is larger than its 4x4 input": the editor shows it on
 * that layer.  The index is 1-based, as the user counts. */
static void
prefix_layer_error (GError **error, const ClLayerKind *kind, int i)
{
  if (error == NULL || *error == NULL)
    return;
  char *cause = (*error)->message;
  (*error)->message = g_strdup_printf (_("%s #%d: %s"), _(kind->label), i + 1, cause);
  g_free (cause);
}

static gboolean
check_settings (const ClLayerKind *kind, const double *values, GError **error)
{
  for (int s = 0; s < kind->n_settings; s++)
    {
      const ClSettingDesc *d = &kind->settings[s];
      double v = values[s];
      gboolean whole = d->type != CL_SETTING_FLOAT;
      if (!(v >= d->min && v <= d->max) || (whole && v != floor (v)))
        {
          /* In the interface's way: "0,95" in French, never "2e+09". */
          g_autofree char *lo = cl_format_value (d->min), *hi = cl_format_value (d->max);
          g_autofree char *given = cl_format_value (v);
          if (whole)
            g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                         _("%s must be a whole number between %s and %s, not %s"),
                         _(d->label), lo, hi, given);
          else
            g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                         _("%s must be between %s and %s, not %s"), _(d->label), lo, hi, given);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
check_loss (const ClNetSpec *spec, const ClLayer *last, GError **error)
{
  const ClTrainSettings *t = cl_net_spec_peek_train (spec);
  if (t->loss == CL_LOSS_CROSS_ENTROPY && last->kind != &cl_layer_softmax)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("The cross-entropy loss needs a Softmax as the last layer."));
      return FALSE;
    }
  if (t->loss == CL_LOSS_CROSS_ENTROPY && last->out_size < 2)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("The cross-entropy loss needs at least 2 classes at the output."));
      return FALSE;
    }
  if (t->loss == CL_LOSS_BINARY_CROSS_ENTROPY && last->kind != &cl_layer_sigmoid)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("The binary cross-entropy loss needs a Sigmoid as the last layer."));
      return FALSE;
    }
  return TRUE;
}

/* Shape inference: fills net->layers and the sizes, allocates nothing big. */
static gboolean
plan_layers (ClNet *net, guint64 *ws_floats, guint64 *aux_bytes, int *failed, GError **error)
{
  const ClNetSpec *spec = net->spec;
  ClShape shape = net->input_shape;
  guint64 params = 0, buffers = 0;
  /* The input and its gradient are a pair like each layer's output and its
   * gradient: counted with them (a 48 M-value input at batch 65 536 asked
   * for 12.5 TB that no limit saw). */
  guint64 acts = (guint64) net->input_size * net->batch;

  if (acts > CL_NET_MAX_ACTIVATIONS)
    {
      g_autofree char *limit = format_count (CL_NET_MAX_ACTIVATIONS);
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("With a batch of %d, the input alone would need more than %s values of "
                     "memory: choose a smaller batch or input."), net->batch, limit);
      *failed = -1;
      return FALSE;
    }

  for (int i = 0; i < net->n_layers; i++)
    {
      ClLayer *l = &net->layers[i];
      l->kind = cl_net_spec_get_layer_kind (spec, i);
      l->index = i;
      memcpy (l->settings, cl_net_spec_get_settings (spec, i), sizeof l->settings);
      l->in_shape = shape;
      l->in_size = (gsize) shape.c * shape.h * shape.w;

      if (!check_settings (l->kind, l->settings, error))
        {
          *failed = i;
          prefix_layer_error (error, l->kind, i);
          return FALSE;
        }
      if (l->kind == &cl_layer_softmax && i != net->n_layers - 1)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                       _("a Softmax must be the last layer"));
          *failed = i;
          prefix_layer_error (error, l->kind, i);
          return FALSE;
        }
      if (!l->kind->plan (l->settings, shape, net->batch, &l->plan, error))
        {
          *failed = i;
          prefix_layer_error (error, l->kind, i);
          return FALSE;
        }

      shape = l->plan.out;
      l->out_shape = shape;
      guint64 out_size = (guint64) shape.c * shape.h * shape.w;
      if (shape.c < 1 || shape.h < 1 || shape.w < 1)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                       _("its output would be empty"));
          *failed = i;
          prefix_layer_error (error, l->kind, i);
          return FALSE;
        }
      l->out_size = (gsize) out_size;

      for (int j = 0; j < l->plan.n_params; j++)
        params += l->plan.params[j].count;
      for (int j = 0; j < l->plan.n_buffers; j++)
        buffers += l->plan.buffers[j].count;
      acts += out_size * net->batch;
      *ws_floats = MAX (*ws_floats, l->plan.workspace_floats);
      *aux_bytes += aligned (l->plan.aux_bytes);

      if (params > CL_NET_MAX_PARAMS)
        {
          g_autofree char *count = format_count (params);
          g_autofree char *limit = format_count (CL_NET_MAX_PARAMS);
          g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                       _("the network would have %s parameters, more than the limit of %s"),
                       count, limit);
          *failed = i;
          prefix_layer_error (error, l->kind, i);
          return FALSE;
        }
      /* Per-layer private storage (masks, argmax) grows with the batch too. */
      if (acts + *aux_bytes / sizeof (float) > CL_NET_MAX_ACTIVATIONS
          || *ws_floats > CL_NET_MAX_ACTIVATIONS)
        {
          g_autofree char *limit = format_count (CL_NET_MAX_ACTIVATIONS);
          g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                       _("with a batch of %d, the network would need more than %s values "
                         "of memory"), net->batch, limit);
          *failed = i;
          prefix_layer_error (error, l->kind, i);
          return FALSE;
        }
    }

  net->n_params = params;
  net->n_buffers = buffers;
  /* The loss is the last layer's business: that is where the editor shows it. */
  *failed = net->n_layers - 1;
  if (!check_loss (spec, &net->layers[net->n_layers - 1], error))
    return FALSE;
  *failed = -1;
  return TRUE;
}

/* Allocates the blocks (all within the limits plan_layers checked) and
 * points every layer into them, in order.  FALSE with an error when the
 * machine has not the memory: the caller frees what was allocated. */
static gboolean
allocate (ClNet *net, gsize ws_floats, gsize aux_bytes, GError **error)
{
  gsize acts = 0;
  for (int i = 0; i < net->n_layers; i++)
    acts += net->layers[i].out_size * net->batch;

  net->n_state = net->n_params * 2;  /* enough for every optimiser */
  net->params = try_alloc_floats (net->n_params);
  net->grads = try_alloc_floats (net->n_params);
  net->state = try_alloc_floats (net->n_state);
  net->buffers = try_alloc_floats (net->n_buffers);
  net->input = try_alloc_floats (net->input_size * net->batch);
  net->input_grad = try_alloc_floats (net->input_size * net->batch);
  net->acts = try_alloc_floats (acts);
  net->douts = try_alloc_floats (acts);
  net->aux = try_alloc0 (aux_bytes);
  net->ws = try_alloc_floats (ws_floats);
  if (net->params == NULL || net->grads == NULL || net->state == NULL || net->buffers == NULL
      || net->input == NULL || net->input_grad == NULL || net->acts == NULL
      || net->douts == NULL || net->aux == NULL || net->ws == NULL)
    {
      guint64 floats = (guint64) net->n_params * 4 + net->n_buffers
                       + (guint64) net->input_size * net->batch * 2 + (guint64) acts * 2
                       + ws_floats;
      g_autofree char *megabytes = format_count ((floats * sizeof (float) + aux_bytes) / 1000000
                                                  + 1);
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("Not enough memory for this network with a batch of %d: it needs %s MB."),
                   net->batch, megabytes);
      return FALSE;
    }

  gsize p = 0, b = 0, a = 0, x = 0;
  for (int i = 0; i < net->n_layers; i++)
    {
      ClLayer *l = &net->layers[i];
      for (int j = 0; j < l->plan.n_params; j++)
        {
          l->param[j] = net->params + p;
          l->grad[j] = net->grads + p;
          p += l->plan.params[j].count;
        }
      for (int j = 0; j < l->plan.n_buffers; j++)
        {
          l->buffer[j] = net->buffers + b;
          b += l->plan.buffers[j].count;
        }
      l->in = i == 0 ? net->input : net->layers[i - 1].out;
      l->out = net->acts + a;
      l->dout = net->douts + a;
      a += l->out_size * net->batch;
      l->aux = net->aux + x;
      x += aligned (l->plan.aux_bytes);
      l->ws = net->ws;
    }
  return TRUE;
}

ClNet *
cl_net_new (const ClNetSpec *spec, int batch_size, GError **error)
{
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  ClShape in = cl_net_spec_get_input (spec);
  if (in.c < 1 || in.h < 1 || in.w < 1
      || (guint64) in.c * in.h * in.w > MAX_INPUT_VALUES)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("The input shape %dx%dx%d (channels x height x width) is not valid."),
                   in.c, in.h, in.w);
      return NULL;
    }
  if (batch_size < 1 || batch_size > CL_NET_MAX_BATCH)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("The batch size must be between 1 and %d, not %d."),
                   CL_NET_MAX_BATCH, batch_size);
      return NULL;
    }
  if (cl_net_spec_get_n_layers (spec) == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("The network has no layers."));
      return NULL;
    }

  g_autoptr(ClNet) net = g_new0 (ClNet, 1);
  net->spec = cl_net_spec_copy (spec);
  net->train = *cl_net_spec_peek_train (spec);
  net->batch = batch_size;
  net->input_shape = in;
  net->input_size = (gsize) in.c * in.h * in.w;
  net->n_layers = cl_net_spec_get_n_layers (spec);
  net->layers = g_new0 (ClLayer, net->n_layers);

  guint64 ws_floats = 0, aux_bytes = 0;
  int failed = -1;
  if (!plan_layers (net, &ws_floats, &aux_bytes, &failed, error))
    return NULL;
  if (!allocate (net, ws_floats, aux_bytes, error))
    return NULL;
  cl_net_init (net, net->train.seed);
  return g_steal_pointer (&net);
}

/* cl_net_spec_check (), and each layer's plan into plans[0 .. n) when not NULL. */
static gboolean
check_spec (const ClNetSpec *spec, ClLayerInfo *info, ClLayerPlan *plans, int *failed_layer,
            GError **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  int n = cl_net_spec_get_n_layers (spec);
  ClShape in = cl_net_spec_get_input (spec);
  int failed = -1;

  if (failed_layer != NULL)
    *failed_layer = -1;
  if (info != NULL)
    memset (info, 0, sizeof *info * n);
  if (in.c < 1 || in.h < 1 || in.w < 1
      || (guint64) in.c * in.h * in.w > MAX_INPUT_VALUES)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("The input shape %dx%dx%d (channels x height x width) is not valid."),
                   in.c, in.h, in.w);
      return FALSE;
    }
  if (n == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("The network has no layers."));
      return FALSE;
    }

  /* The same shape inference as cl_net_new (), on a net that is never
   * allocated: cheap enough to run on every edit. */
  ClNet net = {
    .spec = (ClNetSpec *) spec,
    .train = *cl_net_spec_peek_train (spec),
    .batch = 1,
    .n_layers = n,
    .input_shape = in,
    .input_size = (gsize) in.c * in.h * in.w,
  };
  g_autofree ClLayer *layers = net.layers = g_new0 (ClLayer, n);
  guint64 ws_floats = 0, aux_bytes = 0;
  gboolean ok = plan_layers (&net, &ws_floats, &aux_bytes, &failed, error);

  /* Layers before the failing one have their shapes; the rest stay zero. */
  int known = ok ? n : MAX (failed, 0);
  if (!ok && failed == n - 1 && layers[n - 1].out_size > 0)
    known = n;  /* only the loss check failed: every shape is known */
  for (int i = 0; info != NULL && i < known; i++)
    {
      info[i].out = layers[i].out_shape;
      for (int j = 0; j < layers[i].plan.n_params; j++)
        info[i].n_params += layers[i].plan.params[j].count;
    }
  for (int i = 0; ok && plans != NULL && i < n; i++)
    plans[i] = layers[i].plan;
  if (failed_layer != NULL)
    *failed_layer = failed;
  return ok;
}

gboolean
cl_net_spec_check (const ClNetSpec *spec, ClLayerInfo *info, int *failed_layer, GError **error)
{
  return check_spec (spec, info, NULL, failed_layer, error);
}

gboolean
cl_net_spec_plan (const ClNetSpec *spec, ClLayerPlan *plans, GError **error)
{
  g_return_val_if_fail (plans != NULL, FALSE);
  return check_spec (spec, NULL, plans, NULL, error);
}

void
cl_net_free (ClNet *net)
{
  if (net == NULL)
    return;
  cl_net_spec_free (net->spec);
  g_free (net->layers);
  free (net->params);
  free (net->grads);
  free (net->state);
  free (net->buffers);
  free (net->input);
  free (net->input_grad);
  free (net->acts);
  free (net->douts);
  free (net->aux);
  free (net->ws);
  g_free (net);
}

static gboolean
is_rectifier (const ClLayerKind *kind)
{
  return kind == &cl_layer_relu || kind == &cl_layer_leaky_relu || kind == &cl_layer_prelu
         || kind == &cl_layer_rrelu || kind == &cl_layer_elu || kind == &cl_layer_maxout;
}

ClInitKind
cl_net_spec_resolve_init (const ClNetSpec *spec, int i, double *value)
{
  ClInitKind init = cl_net_spec_get_init (spec, i, value);
  if (init != CL_INIT_DEFAULT)
    return init;
  /* The default looks at the activation that follows (across BatchNorm
   * and Dropout): He for rectifiers, Xavier otherwise. */
  for (int j = i + 1; j < cl_net_spec_get_n_layers (spec); j++)
    {
      const ClLayerKind *kind = cl_net_spec_get_layer_kind (spec, j);
      if (kind == &cl_layer_batchnorm || kind == &cl_layer_dropout)
        continue;
      return is_rectifier (kind) ? CL_INIT_HE_NORMAL : CL_INIT_XAVIER_UNIFORM;
    }
  return CL_INIT_XAVIER_UNIFORM;
}

static void
fill_tensor (const ClTensorInfo *t, float *data, ClInitKind init, double value,
             const ClLayerPlan *plan, ClRng *rng)
{
  switch (t->fill)
    {
    case CL_FILL_WEIGHT:
      cl_init_fill (init, value, plan->fan_in, plan->fan_out, rng, data, t->count);
      break;
    case CL_FILL_ZERO:
      /* "Zeros" and "constant" apply to the whole layer: the course shows
       * what a constant start does to symmetry. */
      cl_init_fill (init == CL_INIT_CONSTANT ? CL_INIT_CONSTANT : CL_INIT_ZEROS,
                    value, 0, 0, rng, data, t->count);
      break;
    case CL_FILL_VALUE:
      for (guint64 k = 0; k < t->count; k++)
        data[k] = t->value;
      break;
    }
}

void
cl_net_init (ClNet *net, guint64 seed)
{
  g_return_if_fail (net != NULL);
  net->seed = seed;
  net->dropout_key = cl_rng_key (seed, CL_RNG_STREAM_DROPOUT);
  net->step = 0;
  net->diverged = FALSE;
  net->last_n = 0;
  memset (net->grads, 0, sizeof (float) * net->n_params);
  memset (net->state, 0, sizeof (float) * net->n_state);

  for (int i = 0; i < net->n_layers; i++)
    {
      ClLayer *l = &net->layers[i];
      double value;
      ClInitKind init = cl_net_spec_resolve_init (net->spec, i, &value);
      for (int j = 0; j < l->plan.n_params; j++)
        {
          /* One stream per (layer, tensor): changing a layer leaves the
           * others' weights as they were. */
          ClRng rng;
          cl_rng_init (&rng, seed, CL_RNG_STREAM_INIT);
          rng.counter = ((guint64) (i + 1) << 40) | ((guint64) j << 36);
          fill_tensor (&l->plan.params[j], l->param[j], init, value, &l->plan, &rng);
        }
      /* Running statistics always start at their declared values. */
      for (int j = 0; j < l->plan.n_buffers; j++)
        fill_tensor (&l->plan.buffers[j], l->buffer[j], CL_INIT_ZEROS, 0.0, &l->plan, NULL);
    }
}

const ClNetSpec *
cl_net_get_spec (const ClNet *net)
{
  return net->spec;
}

int
cl_net_get_batch_size (const ClNet *net)
{
  return net->batch;
}

int
cl_net_get_n_layers (const ClNet *net)
{
  return net->n_layers;
}

ClShape
cl_net_get_input_shape (const ClNet *net)
{
  return net->input_shape;
}

ClShape
cl_net_get_output_shape (const ClNet *net, int layer)
{
  g_return_val_if_fail (layer >= 0 && layer < net->n_layers, net->input_shape);
  return net->layers[layer].out_shape;
}

guint64
cl_net_get_step (const ClNet *net)
{
  return net->step;
}

gboolean
cl_net_is_diverged (const ClNet *net)
{
  return net->diverged;
}

float *
cl_net_get_params (ClNet *net, gsize *n)
{
  if (n != NULL)
    *n = net->n_params;
  return net->params;
}

float *
cl_net_get_grads (ClNet *net, gsize *n)
{
  if (n != NULL)
    *n = net->n_params;
  return net->grads;
}

float *
cl_net_get_buffers (ClNet *net, gsize *n)
{
  if (n != NULL)
    *n = net->n_buffers;
  return net->buffers;
}

float *
cl_net_get_optim_state (ClNet *net, gsize *n)
{
  if (n != NULL)
    *n = net->n_state;
  return net->state;
}

gsize
cl_net_get_n_params (const ClNet *net)
{
  return net->n_params;
}

const ClLayerKind *
cl_net_get_layer_kind (const ClNet *net, int layer)
{
  g_return_val_if_fail (layer >= 0 && layer < net->n_layers, NULL);
  return net->layers[layer].kind;
}

char *
cl_net_dup_tensor_name (ClNet *net, int layer, int j)
{
  const ClTensorInfo *t = cl_net_get_layer_tensor (net, layer, j, NULL, NULL);
  g_return_val_if_fail (t != NULL, NULL);
  return g_strdup_printf ("%d.%s", layer, t->name);
}

int
cl_net_get_layer_n_tensors (const ClNet *net, int layer)
{
  g_return_val_if_fail (layer >= 0 && layer < net->n_layers, 0);
  return net->layers[layer].plan.n_params + net->layers[layer].plan.n_buffers;
}

const ClTensorInfo *
cl_net_get_layer_tensor (ClNet *net, int layer, int j, float **data, float **grad)
{
  g_return_val_if_fail (layer >= 0 && layer < net->n_layers, NULL);
  ClLayer *l = &net->layers[layer];
  g_return_val_if_fail (j >= 0 && j < l->plan.n_params + l->plan.n_buffers, NULL);
  if (j < l->plan.n_params)
    {
      if (data != NULL)
        *data = l->param[j];
      if (grad != NULL)
        *grad = l->grad[j];
      return &l->plan.params[j];
    }
  j -= l->plan.n_params;
  if (data != NULL)
    *data = l->buffer[j];
  if (grad != NULL)
    *grad = NULL;
  return &l->plan.buffers[j];
}

const float *
cl_net_get_layer_output (const ClNet *net, int layer, ClShape *shape)
{
  g_return_val_if_fail (layer >= 0 && layer < net->n_layers, NULL);
  if (shape != NULL)
    *shape = net->layers[layer].out_shape;
  return net->layers[layer].out;
}

const float *
cl_net_get_layer_output_grad (const ClNet *net, int layer)
{
  g_return_val_if_fail (layer >= 0 && layer < net->n_layers, NULL);
  return net->layers[layer].dout;
}

gboolean
cl_net_copy_state (ClNet *dst, const ClNet *src, GError **error)
{
  g_return_val_if_fail (dst != NULL && src != NULL, FALSE);
  gboolean same = dst->n_layers == src->n_layers && dst->n_params == src->n_params
                  && dst->n_buffers == src->n_buffers;
  for (int i = 0; same && i < dst->n_layers; i++)
    same = dst->layers[i].kind == src->layers[i].kind
           && dst->layers[i].plan.n_params == src->layers[i].plan.n_params;
  if (!same)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   _("The two networks do not have the same layers and parameters."));
      return FALSE;
    }
  memcpy (dst->params, src->params, sizeof (float) * src->n_params);
  memcpy (dst->buffers, src->buffers, sizeof (float) * src->n_buffers);
  memcpy (dst->state, src->state, sizeof (float) * src->n_state);
  dst->step = src->step;
  dst->seed = src->seed;
  dst->dropout_key = src->dropout_key;
  dst->diverged = src->diverged;
  return TRUE;
}

const float *
cl_net_get_dropout_mask (const ClNet *net, int layer)
{
  g_return_val_if_fail (layer >= 0 && layer < net->n_layers, NULL);
  if (net->layers[layer].kind != &cl_layer_dropout)
    return NULL;
  return (const float *) net->layers[layer].aux;
}

void
cl_net_set_learning_rate (ClNet *net, double lr)
{
  net->train.lr = lr;
}

double
cl_net_get_learning_rate (const ClNet *net)
{
  return net->train.lr;
}

ClTrainSettings *
cl_net_get_train (ClNet *net)
{
  return &net->train;
}

