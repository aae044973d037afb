#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "engine/error.h"
#include "engine/snapshot-net.h"

static gpointer
keep (ClSnapshot *s, gconstpointer data, gsize bytes)
{
  gpointer copy = g_memdup2 (data, MAX (bytes, 1));
  g_ptr_array_add (s->allocations, copy);
  return copy;
}

/* Where each layer's trained tensors sit in the parameter block: the
 * layers' tensors in order, buffers (no gradient) excluded, as the trainer
 * lays them out. */
static void
fill_offsets (ClNet *net, ClSnapshotLayer *layers)
{
  gsize offset = 0;

  for (int i = 0; i < cl_net_get_n_layers (net); i++)
    {
      layers[i].shape = cl_net_get_output_shape (net, i);
      for (int j = 0; j < cl_net_get_layer_n_tensors (net, i); j++)
        {
          float *grad = NULL;
          const ClTensorInfo *info = cl_net_get_layer_tensor (net, i, j, NULL, &grad);
          if (grad == NULL)
            continue;
          if (layers[i].n_layer_params == 0)
            layers[i].param_offset = offset;
          layers[i].n_layer_params += info->count;
          offset += info->count;
        }
    }
}

/* Every layer's activations for the snapshot's probe inputs, and the masks
 * one training-mode pass would draw. */
static gboolean
run_probes (ClSnapshot *s, ClNet *net, int n_probes, ClSnapshotLayer *layers, GError **error)
{
  int n_layers = cl_net_get_n_layers (net);
  const float *x = s->probe_inputs;

  /* A private instance: the training-mode pass below must not touch the
   * caller's network (BatchNorm statistics, the dropout step). */
  g_autoptr(ClNet) copy = cl_net_new (cl_net_get_spec (net), n_probes, error);
  if (copy == NULL || !cl_net_copy_state (copy, net, error))
    return FALSE;
  cl_net_forward (copy, x, n_probes, TRUE);
  for (int i = 0; i < n_layers; i++)
    {
      gsize size = (gsize) layers[i].shape.c * layers[i].shape.h * layers[i].shape.w;
      const float *mask = cl_net_get_dropout_mask (copy, i);
      if (mask != NULL)
        layers[i].dropout_mask = keep (s, mask, n_probes * size * sizeof (float));
    }
  s->n_masks = n_probes;

  cl_net_forward (copy, x, n_probes, FALSE);
  for (int i = 0; i < n_layers; i++)
    {
      gsize size = (gsize) layers[i].shape.c * layers[i].shape.h * layers[i].shape.w;
      layers[i].activations = keep (s, cl_net_get_layer_output (copy, i, NULL),
                                    n_probes * size * sizeof (float));
    }
  return TRUE;
}

static gboolean
fill_probes (ClSnapshot *s, ClNet *net, ClDataset *data, guint first, int n_probes,
             ClSnapshotLayer *layers, GError **error)
{
  ClDatasetPart part = cl_dataset_get_n (data, CL_DATASET_TEST) > 0 ? CL_DATASET_TEST
                                                                    : CL_DATASET_TRAIN;
  guint n = cl_dataset_get_n (data, part);

  if (n == 0 || n_probes <= 0)
    return TRUE;
  if (first >= n)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   g_dngettext (GETTEXT_PACKAGE,
                                "There is no sample %u: %s has %u test sample (0 to %u).",
                                "There is no sample %u: %s has %u test samples (0 to %u).", n),
                   first,
                   data->name, n, n - 1);
      return FALSE;
    }
  n_probes = (int) MIN ((guint) MIN (n_probes, CL_SNAPSHOT_MAX_PROBES), n - first);

  guint32 *indices = g_new (guint32, n_probes);
  g_autofree guint32 *labels = g_new0 (guint32, n_probes);
  float *x = g_new (float, (gsize) n_probes * data->sample_size);
  g_ptr_array_add (s->allocations, x);
  for (int i = 0; i < n_probes; i++)
    indices[i] = first + i;
  cl_dataset_get_batch (data, part, indices, n_probes, x, labels, NULL);
  s->probe_inputs = x;
  s->n_probes = n_probes;
  g_ptr_array_add (s->allocations, indices);
  s->probe_indices = indices;
  s->n_probe_pool = n;
  s->probes_from_test = part == CL_DATASET_TEST;
  if (data->kind == CL_DATASET_CLASSIFICATION)
    {
      int *l = g_new (int, n_probes);
      g_ptr_array_add (s->allocations, l);
      for (int i = 0; i < n_probes; i++)
        l[i] = (int) labels[i];
      s->probe_labels = l;
    }

  return run_probes (s, net, n_probes, layers, error);
}

ClSnapshot *
cl_snapshot_new_from_input (ClNet *net, const float *x, int n_classes, GError **error)
{
  g_autoptr(ClSnapshot) s = cl_snapshot_new_from_net (net, NULL, 0, 0, error);
  ClShape in = cl_net_get_input_shape (net);

  if (s == NULL)
    return NULL;
  s->n_classes = MAX (n_classes, 0);
  s->probe_inputs = keep (s, x, (gsize) in.c * in.h * in.w * sizeof (float));
  s->n_probes = 1;
  if (!run_probes (s, net, 1, (ClSnapshotLayer *) s->layers, error))
    return NULL;
  return g_steal_pointer (&s);
}

ClSnapshot *
cl_snapshot_new_from_input_eval (ClNet *net, const float *x, int n_classes, GError **error)
{
  g_autoptr(ClSnapshot) s = cl_snapshot_new_from_net (net, NULL, 0, 0, error);
  ClShape in = cl_net_get_input_shape (net);

  if (s == NULL)
    return NULL;
  s->n_classes = MAX (n_classes, 0);
  s->probe_inputs = keep (s, x, (gsize) in.c * in.h * in.w * sizeof (float));
  s->n_probes = 1;
  cl_net_forward (net, x, 1, FALSE);
  ClSnapshotLayer *layers = (ClSnapshotLayer *) s->layers;
  for (int i = 0; i < s->n_layers; i++)
    {
      gsize size = (gsize) layers[i].shape.c * layers[i].shape.h * layers[i].shape.w;
      layers[i].activations = keep (s, cl_net_get_layer_output (net, i, NULL), size * sizeof (float));
    }
  return g_steal_pointer (&s);
}

ClSnapshot *
cl_snapshot_new_from_net (ClNet *net, ClDataset *data, guint first_probe, int n_probes,
                          GError **error)
{
  g_autoptr(ClSnapshot) s = g_new0 (ClSnapshot, 1);
  gsize n_params, n_buffers;
  const float *params = cl_net_get_params (net, &n_params);
  const float *buffers = cl_net_get_buffers (net, &n_buffers);
  int n_layers = cl_net_get_n_layers (net);

  s->ref_count = 1;
  s->allocations = g_ptr_array_new_with_free_func (g_free);
  s->checkpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  s->version = 1;
  s->state = CL_TRAINER_IDLE;
  s->step = cl_net_get_step (net);
  s->learning_rate = cl_net_get_learning_rate (net);
  s->train_loss = s->train_loss_smooth = s->train_accuracy_smooth = NAN;
  s->test_loss = s->test_accuracy = NAN;
  s->owned_spec = cl_net_spec_copy (cl_net_get_spec (net));
  s->spec = s->owned_spec;
  s->params = keep (s, params, n_params * sizeof (float));
  s->n_params = n_params;
  s->buffers = keep (s, buffers, n_buffers * sizeof (float));
  s->n_buffers = n_buffers;
  s->checkpoint_steps = keep (s, NULL, 0);
  if (data != NULL && data->kind == CL_DATASET_CLASSIFICATION)
    s->n_classes = (int) data->n_classes;

  ClSnapshotLayer *layers = g_new0 (ClSnapshotLayer, MAX (1, n_layers));
  g_ptr_array_add (s->allocations, layers);
  fill_offsets (net, layers);
  s->layers = layers;
  s->n_layers = n_layers;
  if (data != NULL && !fill_probes (s, net, data, first_probe, n_probes, layers, error))
    return NULL;
  return g_steal_pointer (&s);
}

void
cl_snapshot_set_confusion (ClSnapshot *snapshot, const guint *confusion, int n_classes)
{
  g_return_if_fail (snapshot->ref_count == 1 && n_classes > 0);
  snapshot->n_classes = n_classes;
  snapshot->confusion = keep (snapshot, confusion, (gsize) n_classes * n_classes * sizeof (guint));
}

void
cl_snapshot_set_history (ClSnapshot *snapshot, const ClPoint *loss, gsize n_loss,
                         const ClPoint *test_loss, const ClPoint *test_accuracy,
                         const ClPoint *train_accuracy, gsize n_epochs)
{
  g_return_if_fail (snapshot->ref_count == 1);
  snapshot->loss_history = keep (snapshot, loss, n_loss * sizeof (ClPoint));
  snapshot->n_loss_history = n_loss;
  snapshot->test_loss_history = keep (snapshot, test_loss, n_epochs * sizeof (ClPoint));
  snapshot->test_accuracy_history = keep (snapshot, test_accuracy, n_epochs * sizeof (ClPoint));
  snapshot->train_accuracy_history = keep (snapshot, train_accuracy, n_epochs * sizeof (ClPoint));
  snapshot->n_test_history = n_epochs;
  snapshot->has_test = n_epochs > 0;
  if (n_loss > 0)
    snapshot->step = MAX (snapshot->step, (guint64) loss[n_loss - 1].x);
  if (n_epochs > 0)
    {
      snapshot->epoch = (int) test_loss[n_epochs - 1].x;
      snapshot->test_loss = test_loss[n_epochs - 1].y;
      snapshot->test_accuracy = test_accuracy[n_epochs - 1].y;
    }
}

ClNet *
cl_net_new_from_snapshot (const ClSnapshot *snapshot, int batch_size, GError **error)
{
  g_autoptr(ClNet) net = cl_net_new (snapshot->spec, batch_size, error);
  gsize n_params, n_buffers;

  if (net == NULL)
    return NULL;
  float *params = cl_net_get_params (net, &n_params);
  float *buffers = cl_net_get_buffers (net, &n_buffers);
  if (n_params != snapshot->n_params || n_buffers != snapshot->n_buffers)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   _("The snapshot’s parameters do not fit its design."));
      return NULL;
    }
  memcpy (params, snapshot->params, n_params * sizeof (float));
  if (n_buffers > 0)
    memcpy (buffers, snapshot->buffers, n_buffers * sizeof (float));
  return g_steal_pointer (&net);
}

/* Same input, layers of the same kinds with the same settings: the same
 * computation (initialisation and training settings do not matter here). */
static gboolean
same_network (const ClNetSpec *a, const ClNetSpec *b)
{
  ClShape ia = cl_net_spec_get_input (a), ib = cl_net_spec_get_input (b);
  int n = cl_net_spec_get_n_layers (a);

  if (ia.c != ib.c || ia.h != ib.h || ia.w != ib.w || n != cl_net_spec_get_n_layers (b))
    return FALSE;
  for (int i = 0; i < n; i++)
    {
      const ClLayerKind *kind = cl_net_spec_get_layer_kind (a, i);
      if (kind != cl_net_spec_get_layer_kind (b, i))
        return FALSE;
      if (kind->n_settings > 0
          && memcmp (cl_net_spec_get_settings (a, i), cl_net_spec_get_settings (b, i),
                     kind->n_settings * sizeof (double)) != 0)
        return FALSE;
    }
  return TRUE;
}

gboolean
cl_net_load_snapshot (ClNet *net, const ClSnapshot *snapshot)
{
  gsize n_params, n_buffers;
  float *params = cl_net_get_params (net, &n_params);
  float *buffers = cl_net_get_buffers (net, &n_buffers);

  if (!same_network (cl_net_get_spec (net), snapshot->spec) || n_params != snapshot->n_params
      || n_buffers != snapshot->n_buffers)
    return FALSE;
  memcpy (params, snapshot->params, n_params * sizeof (float));
  if (n_buffers > 0)
    memcpy (buffers, snapshot->buffers, n_buffers * sizeof (float));
  return TRUE;
}
