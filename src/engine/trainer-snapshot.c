#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <string.h>

#include "engine/gallery.h"
#include "engine/landscape.h"
#include "engine/trainer-private.h"

/* ---- publishing ------------------------------------------------------------ */

/* How often histograms and unit counts are recounted while running. */
#define LAYER_STATS_INTERVAL_US (G_USEC_PER_SEC / 10)

static gpointer
keep (ClSnapshot *s, gconstpointer data, gsize bytes)
{
  gpointer copy = g_memdup2 (data, bytes);
  g_ptr_array_add (s->allocations, copy);
  return copy;
}

static void
fill_layers (ClTrainer *t, ClSnapshot *s)
{
  int n_layers = cl_net_get_n_layers (t->net);
  ClSnapshotLayer *layers = g_new0 (ClSnapshotLayer, n_layers);
  int n_masks = MIN (t->options.mask_count, t->batch);
  gsize offset = 0;

  g_ptr_array_add (s->allocations, layers);
  /* The masks of the last training step, before the probe forward below
   * (an evaluation pass) runs over the same buffers. */
  for (int i = 0; i < n_layers; i++)
    {
      ClShape shape = cl_net_get_output_shape (t->net, i);
      gsize size = (gsize) shape.c * shape.h * shape.w;
      const float *mask = cl_net_get_dropout_mask (t->net, i);
      layers[i].shape = shape;
      if (mask != NULL && cl_net_get_step (t->net) > 0)   /* this instance has trained */
        layers[i].dropout_mask = keep (s, mask, n_masks * size * sizeof (float));
      for (int j = 0; j < cl_net_get_layer_n_tensors (t->net, i); j++)
        {
          float *grad = NULL;
          const ClTensorInfo *info = cl_net_get_layer_tensor (t->net, i, j, NULL, &grad);
          if (grad == NULL)   /* buffers are not in the parameter block */
            continue;
          if (layers[i].n_layer_params == 0)
            layers[i].param_offset = offset;
          layers[i].n_layer_params += info->count;
          offset += info->count;
        }
    }
  s->n_masks = n_masks;

  if (t->n_probes > 0)
    {
      cl_net_forward (t->net, t->probe_x, t->n_probes, FALSE);
      for (int i = 0; i < n_layers; i++)
        {
          gsize size = (gsize) layers[i].shape.c * layers[i].shape.h * layers[i].shape.w;
          layers[i].activations = keep (s, cl_net_get_layer_output (t->net, i, NULL),
                                        t->n_probes * size * sizeof (float));
        }
    }
  s->n_layers = n_layers;
  s->layers = layers;
}

/* Unique in the process, not per trainer: a window that replaces its
 * trainer still tells the new run's snapshots from the old run's (a new
 * trainer counting from 1 again met an old version number, and a caller
 * waiting for "a newer snapshot" waited for ever). */
static guint64
next_version (void)
{
  static guint64 last;
  return __atomic_add_fetch (&last, 1, __ATOMIC_RELAXED);
}

void
_cl_trainer_publish (ClTrainer *t)
{
  ClSnapshot *s = g_new0 (ClSnapshot, 1);
  gsize n_params;
  const float *params = cl_net_get_params (t->net, &n_params);

  s->ref_count = 1;
  s->allocations = g_ptr_array_new_with_free_func (g_free);
  s->version = t->version = next_version ();
  s->state = t->state;
  s->reason = g_strdup (t->reason);
  s->step = cl_net_get_step (t->net) + t->step_offset;
  s->epoch = t->epoch;
  s->epoch_progress = (double) t->position / cl_dataset_get_n (t->data, CL_DATASET_TRAIN);
  s->samples_seen = t->samples_seen;
  s->samples_per_second = t->state == CL_TRAINER_RUNNING ? t->samples_per_second : 0.0;
  s->learning_rate = cl_net_get_learning_rate (t->net);
  s->train_loss = t->last_loss;
  s->train_loss_smooth = t->loss_smooth;
  s->train_accuracy_smooth = t->accuracy_smooth;
  s->loss_exploding = t->exploding;
  s->reference_loss = t->reference_loss;
  s->has_test = t->has_test;
  s->test_loss = t->test_loss;
  s->test_accuracy = t->test_accuracy;

  s->n_loss_history = t->loss_history->len;
  s->loss_history = keep (s, t->loss_history->data, t->loss_history->len * sizeof (ClPoint));
  s->n_test_history = t->test_loss_history->len;
  s->test_loss_history = keep (s, t->test_loss_history->data, s->n_test_history * sizeof (ClPoint));
  s->test_accuracy_history = keep (s, t->test_accuracy_history->data,
                                   s->n_test_history * sizeof (ClPoint));
  s->train_accuracy_history = keep (s, t->train_accuracy_history->data,
                                    s->n_test_history * sizeof (ClPoint));

  s->n_classes = t->classification ? t->n_classes : 0;
  if (t->confusion != NULL)
    s->confusion = keep (s, t->confusion, (gsize) t->n_classes * t->n_classes * sizeof (guint));
  if (t->gallery != NULL)
    {
      s->owned_gallery = cl_gallery_copy (t->gallery);
      s->gallery = s->owned_gallery;
    }

  s->owned_spec = cl_net_spec_copy (cl_net_get_spec (t->net));
  s->spec = s->owned_spec;
  s->params = keep (s, params, n_params * sizeof (float));
  s->n_params = n_params;
  gsize n_buffers;
  const float *buffers = cl_net_get_buffers (t->net, &n_buffers);
  s->buffers = keep (s, buffers, MAX (1, n_buffers) * sizeof (float));
  s->n_buffers = n_buffers;
  s->n_probes = t->n_probes;
  s->probe_inputs = t->probe_x != NULL ? keep (s, t->probe_x, t->n_probes * t->in_size * sizeof (float))
                                       : NULL;
  s->probe_labels = t->probe_labels != NULL ? keep (s, t->probe_labels, t->n_probes * sizeof (int))
                                            : NULL;
  s->probe_indices = t->probe_indices != NULL
                       ? keep (s, t->probe_indices, t->n_probes * sizeof (guint32)) : NULL;
  s->n_probe_pool = t->n_probes > 0 ? t->probe_pool : 0;
  s->probes_from_test = t->probe_part == CL_DATASET_TEST;
  /* Histograms and unit counts read every parameter and activation: at
   * most ten times a second while training runs (the panel animates at
   * that rate), the previous snapshot's in between; the norms are fresh
   * every time.  Before fill_layers: its probe forward replaces the
   * training batch's outputs that the unit statistics read. */
  gint64 now = g_get_monotonic_time ();
  const ClLayerStats *reuse = NULL;
  if (t->state == CL_TRAINER_RUNNING && t->current != NULL
      && now - t->layer_stats_time < LAYER_STATS_INTERVAL_US)
    reuse = t->current->layer_stats;
  else
    {
      if (!cl_norm_history_is_empty (t->norm_history)
          && cl_layer_stats_compute_units (t->net, t->units))
        t->has_units = TRUE;
      t->layer_stats_time = now;
    }
  s->owned_layer_stats = cl_layer_stats_new (t->net, t->norm_history,
                                             t->has_units ? t->units : NULL, reuse);
  s->layer_stats = s->owned_layer_stats;
  fill_layers (t, s);
  if (t->landscape != NULL)
    {
      s->owned_landscape = cl_landscape_copy_for_display (t->landscape);
      s->landscape = s->owned_landscape;
    }
  s->landscape_running = t->landscape_running;
  s->landscape_error = g_strdup (t->landscape_error);

  s->checkpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < t->checkpoints->len; i++)
    g_ptr_array_add (s->checkpoints, g_bytes_ref (g_ptr_array_index (t->checkpoints, i)));
  s->checkpoint_steps = keep (s, t->checkpoint_steps->data,
                              MAX (1, t->checkpoint_steps->len) * sizeof (guint64));

  pthread_mutex_lock (&t->lock);
  ClSnapshot *old = t->current;
  t->current = s;
  void (*notify) (gpointer) = t->notify;
  gpointer notify_data = t->notify_data;
  pthread_cond_broadcast (&t->published);
  pthread_mutex_unlock (&t->lock);
  g_clear_pointer (&old, cl_snapshot_unref);

  t->last_publish = g_get_monotonic_time ();
  if (notify != NULL)
    notify (notify_data);
}
