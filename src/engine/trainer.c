#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <pthread.h>
#include <time.h>
#include <string.h>

#include "engine/error.h"
#include "engine/evaluate.h"
#include "engine/landscape.h"
#include "engine/net.h"
#include "engine/optim.h"
#include "engine/rng.h"
#include "engine/trainer.h"
#include "engine/trainer-private.h"

typedef enum {
  CMD_PLAY,
  CMD_PAUSE,
  CMD_STEP,
  CMD_RUN_EPOCHS,
  CMD_RUN_TO_NEXT,
  CMD_RESET,
  CMD_EVALUATE,
  CMD_SET_LR,
  CMD_SET_TRAIN,
  CMD_LANDSCAPE,
  CMD_LIVE_LANDSCAPE,
  CMD_SET_PROBE,
  CMD_STOP,
} CommandKind;

typedef struct {
  CommandKind kind;
  int epochs;
  guint32 index;
  double lr;
  ClTrainSettings train;
  ClLandscapeOptions landscape;
} Command;

/* The smoothing of the displayed training loss: about the last 50 steps. */
#define SMOOTHING 0.02
/* A smoothed loss this many times its reference has blown up, finite or
 * not: two orders of magnitude is far beyond the noise of a batch, and
 * well below the 10^6 a learning rate of 10 gives LeNet-5. */
#define EXPLOSION_FACTOR 100.0

void
cl_trainer_options_init (ClTrainerOptions *options)
{
  *options = (ClTrainerOptions) {
    .probe_count = 4,
    .mask_count = 4,
    /* Dense at first, so that the filters' time-lapse of a short lesson
     * (a few hundred steps) has frames to scrub through; the interval
     * doubles each time the 64 are full, so a long run costs no more. */
    .checkpoint_every = 5,
    .max_checkpoints = 64,
    .publish_interval_ms = 33,
    .threads = 0,
    .history_max = 4096,
  };
}

/* ---- fitting a design to data ----------------------------------------- */

static gboolean
check_fits (ClNet *net, ClDataset *data, GError **error)
{
  ClShape in = cl_net_get_input_shape (net);
  int last = cl_net_get_n_layers (net) - 1;
  const ClTrainSettings *train = cl_net_get_train (net);

  if ((guint) in.c != data->channels || (guint) in.h != data->height || (guint) in.w != data->width)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   _("The network takes %d×%d×%d inputs but %s has %u×%u×%u samples."),
                   in.c, in.h, in.w, data->name, data->channels, data->height, data->width);
      return FALSE;
    }
  if (last < 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN, _("The network has no layer."));
      return FALSE;
    }
  ClShape out = cl_net_get_output_shape (net, last);
  int out_size = out.c * out.h * out.w;
  if (data->kind == CL_DATASET_CLASSIFICATION)
    {
      if (train->loss == CL_LOSS_CROSS_ENTROPY && out_size != (int) data->n_classes)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                       g_dngettext (GETTEXT_PACKAGE,
                                    "The network ends with %d output but %s has %u classes: "
                                    "make the last Dense layer %u units.",
                                    "The network ends with %d outputs but %s has %u classes: "
                                    "make the last Dense layer %u units.",
                                    out_size),
                       out_size, data->name, data->n_classes, data->n_classes);
          return FALSE;
        }
      if (train->loss == CL_LOSS_BINARY_CROSS_ENTROPY && (data->n_classes != 2 || out_size != 1))
        {
          g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                       _("Binary cross-entropy needs two classes and one output (%s has %u "
                         "classes, the network %d outputs)."),
                       data->name, data->n_classes, out_size);
          return FALSE;
        }
      if (train->loss == CL_LOSS_MSE)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                       _("%s is a classification set: use the cross-entropy loss."), data->name);
          return FALSE;
        }
    }
  else if (train->loss != CL_LOSS_MSE || out_size != (int) data->target_dim)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   _("%s is a regression set with %u target values: the network needs the mean "
                     "squared error loss and %u outputs."),
                   data->name, data->target_dim, data->target_dim);
      return FALSE;
    }
  if (cl_dataset_get_n (data, CL_DATASET_TRAIN) == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_EMPTY, _("%s has no training samples."), data->name);
      return FALSE;
    }
  return TRUE;
}

gboolean
cl_trainer_check_fits (const ClNetSpec *spec, ClDataset *data, GError **error)
{
  g_autoptr(ClNet) net = cl_net_new (spec, 1, error);
  return net != NULL && check_fits (net, data, error);
}

/* ---- the worker's bookkeeping ----------------------------------------- */

static void
shuffle_epoch (ClTrainer *t)
{
  guint n = cl_dataset_get_n (t->data, CL_DATASET_TRAIN);
  ClRng rng;

  /* The order of epoch e depends on (seed, e) only: a reset replays it. */
  cl_rng_init (&rng, cl_net_get_train (t->net)->seed ^ ((guint64) t->epoch << 32),
               CL_RNG_STREAM_SHUFFLE);
  for (guint i = 0; i < n; i++)
    t->order[i] = i;
  cl_rng_shuffle (&rng, t->order, n);
  t->position = 0;
}

static void
clear_progress (ClTrainer *t)
{
  t->epoch = 0;
  t->step_offset = 0;
  t->target_epoch = -1;
  t->pending_steps = 0;
  t->samples_seen = 0;
  t->last_loss = NAN;
  t->loss_smooth = NAN;
  t->accuracy_smooth = NAN;
  t->epoch_correct = t->epoch_seen = 0;
  g_array_set_size (t->loss_history, 0);
  g_array_set_size (t->test_loss_history, 0);
  g_array_set_size (t->test_accuracy_history, 0);
  g_array_set_size (t->train_accuracy_history, 0);
  t->history_stride = 1;
  t->history_sum = 0;
  t->history_count = 0;
  t->epoch_stride = 1;
  t->epoch_count = 1;
  t->reference_loss = NAN;
  t->exploding = FALSE;
  t->has_test = FALSE;
  t->test_loss = t->test_accuracy = NAN;
  g_clear_pointer (&t->confusion, g_free);
  g_clear_pointer (&t->gallery, cl_gallery_free);
  g_ptr_array_set_size (t->checkpoints, 0);
  g_array_set_size (t->checkpoint_steps, 0);
  t->checkpoint_every = MAX (1, t->options.checkpoint_every);
  t->samples_per_second = 0;
  t->rate_window_start = g_get_monotonic_time ();
  t->rate_window_samples = 0;
  g_clear_pointer (&t->reason, g_free);
  cl_norm_history_clear (t->norm_history);
  t->has_units = FALSE;
  shuffle_epoch (t);
}

void
_cl_trainer_add_checkpoint (ClTrainer *t)
{
  gsize n;
  float *params = cl_net_get_params (t->net, &n);
  guint64 step = cl_net_get_step (t->net) + t->step_offset;

  /* Bounded memory: when full, keep every other checkpoint (the first and
   * the newest survive) and take them half as often from now on. */
  if ((int) t->checkpoints->len >= MAX (2, t->options.max_checkpoints))
    {
      for (guint i = 1, kept = 1; i < t->checkpoints->len; i += 2, kept++)
        {
          GBytes *moved = g_bytes_ref (g_ptr_array_index (t->checkpoints, i));
          g_bytes_unref (g_ptr_array_index (t->checkpoints, kept));
          t->checkpoints->pdata[kept] = moved;
          g_array_index (t->checkpoint_steps, guint64, kept)
            = g_array_index (t->checkpoint_steps, guint64, i);
        }
      guint kept = (t->checkpoints->len + 1) / 2;
      g_ptr_array_set_size (t->checkpoints, kept);
      g_array_set_size (t->checkpoint_steps, kept);
      t->checkpoint_every *= 2;
    }
  g_ptr_array_add (t->checkpoints, g_bytes_new (params, n * sizeof (float)));
  g_array_append_val (t->checkpoint_steps, step);
}

void
_cl_trainer_bound_loss_history (ClTrainer *t)
{
  while ((int) t->loss_history->len >= MAX (16, t->options.history_max))
    {
      ClPoint *h = (ClPoint *) t->loss_history->data;
      guint half = t->loss_history->len / 2;
      for (guint i = 0; i < half; i++)
        h[i] = (ClPoint) { h[2 * i + 1].x, (h[2 * i].y + h[2 * i + 1].y) / 2 };
      g_array_set_size (t->loss_history, half);
      t->history_stride *= 2;
    }
}

/* Merges neighbours two by two (keeping the later one's x, so the last
 * point stays the newest epoch); an odd last point stays alone. */
static void
halve_points (GArray *points)
{
  ClPoint *h = (ClPoint *) points->data;
  guint n = points->len, kept = 0;

  for (guint i = 0; i + 1 < n; i += 2)
    h[kept++] = (ClPoint) { h[i + 1].x, (h[i].y + h[i + 1].y) / 2 };
  if (n % 2 == 1)
    h[kept++] = h[n - 1];
  g_array_set_size (points, kept);
}

void
_cl_trainer_bound_epoch_history (ClTrainer *t)
{
  while ((int) t->test_loss_history->len > MAX (16, t->options.history_max))
    {
      halve_points (t->test_loss_history);
      halve_points (t->test_accuracy_history);
      halve_points (t->train_accuracy_history);
      t->epoch_stride *= 2;
      /* The last point is complete: the next epoch starts a new one. */
      t->epoch_count = t->epoch_stride;
    }
}

/* One point per epoch until the bound, then one per epoch_stride epochs:
 * the newest epoch is averaged into the last point at once, so the curve
 * (and a model saved now) always ends at the current epoch. */
static void
record_epoch (ClTrainer *t, const ClPoint points[3])
{
  GArray *histories[3] = { t->test_loss_history, t->test_accuracy_history,
                           t->train_accuracy_history };

  if (t->epoch_count < t->epoch_stride && histories[0]->len > 0)
    {
      for (int i = 0; i < 3; i++)
        {
          if (histories[i]->len == 0)
            {
              g_array_append_val (histories[i], points[i]);
              continue;
            }
          ClPoint *last = &g_array_index (histories[i], ClPoint, histories[i]->len - 1);
          last->y = (last->y * t->epoch_count + points[i].y) / (t->epoch_count + 1);
          last->x = points[i].x;
        }
      t->epoch_count++;
      return;
    }
  for (int i = 0; i < 3; i++)
    g_array_append_val (histories[i], points[i]);
  t->epoch_count = 1;
  _cl_trainer_bound_epoch_history (t);
}

/* A loss that grows by orders of magnitude has blown up even while it is
 * finite (a divergence only stops at NaN).  The reference is the first
 * step's loss, and for classification at least what guessing costs,
 * ln(classes): a resumed model's tiny loss is not the scale of its noise. */
static void
check_explosion (ClTrainer *t)
{
  if (isnan (t->reference_loss) && isfinite (t->last_loss))
    {
      t->reference_loss = t->last_loss;
      if (t->classification)
        t->reference_loss = MAX (t->reference_loss, log (MAX (2, t->n_classes)));
    }
  t->exploding = isfinite (t->reference_loss) && t->reference_loss > 0
                 && t->loss_smooth > EXPLOSION_FACTOR * t->reference_loss;
}

static void
record_loss (ClTrainer *t, double loss, guint64 step)
{
  /* Each stored point averages history_stride steps; when the history is
   * full, neighbours are merged and the stride doubles. */
  t->history_sum += loss;
  if (++t->history_count < t->history_stride)
    return;
  ClPoint p = { (double) step, t->history_sum / t->history_count };
  g_array_append_val (t->loss_history, p);
  t->history_sum = 0;
  t->history_count = 0;
  _cl_trainer_bound_loss_history (t);
}

static void
set_state (ClTrainer *t, ClTrainerState state, char *reason)
{
  t->state = state;
  g_free (t->reason);
  t->reason = reason;
}

/* ---- batches ------------------------------------------------------------ */

static void
load_batch (ClTrainer *t, ClDatasetPart part, const guint32 *indices, int count)
{
  cl_dataset_get_batch (t->data, part, indices, count, t->x, t->labels,
                        t->classification ? NULL : t->targets);
  /* Binary cross-entropy learns the probability of class 1. */
  if (t->binary)
    for (int i = 0; i < count; i++)
      t->targets[i] = t->labels[i] == 1 ? 1.0f : 0.0f;
}

/* The training batch as augmentation redraws it (engine/augment.h), keyed
 * by (seed, epoch, sample index): never the test part or the probes.
 * With augmentation off the batch is passed on untouched. */
static const float *
augment_batch (ClTrainer *t, const guint32 *indices, int count)
{
  const ClTrainSettings *train = cl_net_get_train (t->net);

  if (cl_augment_is_none (&train->augment)
      || !cl_augment_fits (t->data->height, t->data->width))
    return t->x;
  if (t->x_augmented == NULL)
    t->x_augmented = g_new (float, (gsize) t->batch * t->in_size);
  cl_augment_batch (&train->augment, cl_augment_key (train->seed), (guint64) t->epoch, indices,
                    count, t->x, t->x_augmented, (int) t->data->channels, (int) t->data->height,
                    (int) t->data->width);
  return t->x_augmented;
}

/* ---- evaluation -------------------------------------------------------- */

static void
evaluate_test (ClTrainer *t)
{
  ClEvaluation result;
  g_autoptr(GError) error = NULL;

  if (cl_dataset_get_n (t->data, CL_DATASET_TEST) == 0)
    return;
  if (t->classification && t->confusion == NULL)
    t->confusion = g_new0 (guint, (gsize) t->n_classes * t->n_classes);
  ClGalleryCollector *worst = cl_gallery_collector_new (t->data, CL_DATASET_TEST,
                                                        CL_SNAPSHOT_GALLERY);
  if (!cl_net_evaluate_dataset (t->net, t->data, CL_DATASET_TEST, &result, t->confusion, worst,
                                &error))
    {
      g_debug ("evaluation stopped: %s", error->message);
      cl_gallery_collector_free (worst);
      return;
    }
  g_clear_pointer (&t->gallery, cl_gallery_free);
  if (worst != NULL)
    t->gallery = cl_gallery_collector_finish (worst);
  t->has_test = TRUE;
  t->test_loss = result.loss;
  t->test_accuracy = result.accuracy;
}

static void
end_epoch (ClTrainer *t)
{
  t->epoch++;
  evaluate_test (t);
  ClPoint points[3] = {
    { t->epoch, t->test_loss },
    { t->epoch, t->test_accuracy },
    { t->epoch, t->epoch_seen > 0 && t->classification
                  ? (double) t->epoch_correct / t->epoch_seen : NAN },
  };
  record_epoch (t, points);
  t->epoch_correct = t->epoch_seen = 0;
  shuffle_epoch (t);
  if (t->live_every > 0 && t->epoch % t->live_every == 0)
    _cl_trainer_run_live_landscape (t);
  if (t->target_epoch >= 0 && t->epoch >= t->target_epoch)
    {
      t->target_epoch = -1;
      set_state (t, CL_TRAINER_FINISHED,
                 g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Finished %d epoch.",
                                               "Finished %d epochs.", t->epoch),
                                  t->epoch));
    }
}

/* ---- one training step -------------------------------------------------- */

static void
train_batch (ClTrainer *t)
{
  guint n_train = cl_dataset_get_n (t->data, CL_DATASET_TRAIN);
  int count = (int) MIN ((guint) t->batch, n_train - t->position);
  ClStepResult result;
  g_autoptr(GError) error = NULL;

  load_batch (t, CL_DATASET_TRAIN, t->order + t->position, count);
  const float *x = augment_batch (t, t->order + t->position, count);
  if (!cl_net_train_step (t->net, x, (const gint32 *) t->labels, t->targets, count, &result,
                          &error))
    {
      t->pending_steps = 0;
      t->target_epoch = -1;
      set_state (t, CL_TRAINER_DIVERGED, g_strdup (error->message));
      return;
    }

  t->position += count;
  t->samples_seen += count;
  t->rate_window_samples += count;
  t->last_loss = result.loss;
  t->loss_smooth = isnan (t->loss_smooth) ? result.loss
                                          : t->loss_smooth + SMOOTHING * (result.loss - t->loss_smooth);
  if (t->classification)
    {
      t->accuracy_smooth = isnan (t->accuracy_smooth)
                             ? result.accuracy
                             : t->accuracy_smooth + SMOOTHING * (result.accuracy - t->accuracy_smooth);
      t->epoch_correct += result.correct;
      t->epoch_seen += t->out_size == 1 ? (guint64) result.n : (guint64) count;
    }
  check_explosion (t);
  guint64 step = cl_net_get_step (t->net);
  record_loss (t, result.loss, step + t->step_offset);
  cl_norm_history_record (t->norm_history, t->net, step + t->step_offset);
  if (step % t->checkpoint_every == 0)
    _cl_trainer_add_checkpoint (t);

  gint64 now = g_get_monotonic_time ();
  if (now - t->rate_window_start >= G_USEC_PER_SEC / 2)
    {
      t->samples_per_second = t->rate_window_samples * (double) G_USEC_PER_SEC
                              / (now - t->rate_window_start);
      t->rate_window_start = now;
      t->rate_window_samples = 0;
    }
  if (t->position >= n_train)
    end_epoch (t);
}

/* ---- the worker ------------------------------------------------------------- */

static void
reset (ClTrainer *t)
{
  cl_net_init (t->net, cl_net_get_train (t->net)->seed);
  clear_progress (t);
  /* A landscape is of the weights it was computed around, now gone. */
  g_clear_pointer (&t->landscape, cl_landscape_free);
  g_clear_pointer (&t->landscape_error, g_free);
  _cl_trainer_add_checkpoint (t);
  set_state (t, CL_TRAINER_IDLE, NULL);
}

static gboolean
can_train (ClTrainer *t)
{
  return t->state != CL_TRAINER_DIVERGED;
}

/* The first probe becomes any sample of its part: the image a student
 * picks to follow through the layers. */
static gboolean
set_first_probe (ClTrainer *t, guint32 index)
{
  guint32 label = 0;

  if (t->n_probes == 0)
    return FALSE;
  index %= t->probe_pool;
  cl_dataset_get_batch (t->data, t->probe_part, &index, 1, t->probe_x, &label, NULL);
  if (t->probe_labels != NULL)
    t->probe_labels[0] = (int) label;
  t->probe_indices[0] = index;
  return TRUE;
}

/* Carries out one command; TRUE when something a snapshot shows changed. */
static gboolean
handle (ClTrainer *t, Command *c)
{
  switch (c->kind)
    {
    case CMD_PLAY:
      if (!can_train (t))
        return TRUE;
      set_state (t, CL_TRAINER_RUNNING, NULL);
      t->pending_steps = 0;
      return TRUE;
    case CMD_PAUSE:
      if (t->state == CL_TRAINER_RUNNING)
        set_state (t, CL_TRAINER_PAUSED, NULL);
      t->target_epoch = -1;
      t->pending_steps = 0;
      return TRUE;
    case CMD_STEP:
      if (!can_train (t))
        return TRUE;
      t->pending_steps++;
      return FALSE;
    case CMD_RUN_EPOCHS:
      if (!can_train (t))
        return TRUE;
      t->target_epoch = t->epoch + MAX (1, c->epochs);
      set_state (t, CL_TRAINER_RUNNING, NULL);
      return TRUE;
    case CMD_RUN_TO_NEXT:
      if (!can_train (t))
        return TRUE;
      /* From the worker's own epoch: the caller's snapshot may be behind. */
      t->target_epoch = (t->epoch / MAX (1, c->epochs) + 1) * MAX (1, c->epochs);
      set_state (t, CL_TRAINER_RUNNING, NULL);
      return TRUE;
    case CMD_RESET:
      reset (t);
      return TRUE;
    case CMD_EVALUATE:
      evaluate_test (t);
      return TRUE;
    case CMD_SET_LR:
      cl_net_set_learning_rate (t->net, c->lr);
      return TRUE;
    case CMD_SET_TRAIN:
      {
        ClTrainSettings *train = cl_net_get_train (t->net);
        /* The moments of one optimiser mean nothing to another. */
        if (c->train.optimiser != train->optimiser)
          {
            gsize n;
            float *state = cl_net_get_optim_state (t->net, &n);
            memset (state, 0, n * sizeof (float));
          }
        train->optimiser = c->train.optimiser;
        train->lr = c->train.lr;
        train->momentum = c->train.momentum;
        train->beta1 = c->train.beta1;
        train->beta2 = c->train.beta2;
        train->rho = c->train.rho;
        train->eps = c->train.eps;
        train->weight_decay = c->train.weight_decay;
        /* A new pace takes effect now, not after the old interval. */
        if (c->train.speed != train->speed)
          t->next_step_due = 0;
        train->speed = MAX (0, c->train.speed);
        /* From the next batch on: a class may switch it on mid-run. */
        train->augment = c->train.augment;
        return TRUE;
      }
    case CMD_LANDSCAPE:
      _cl_trainer_run_landscape (t, &c->landscape);
      return TRUE;
    case CMD_LIVE_LANDSCAPE:
      t->live_every = MAX (0, c->epochs);
      return FALSE;
    case CMD_SET_PROBE:
      return set_first_probe (t, c->index);
    case CMD_STOP:
      t->stopping = TRUE;
      return FALSE;
    }
  return FALSE;
}

/* The next command, waiting for one when `wait` (the worker is idle), or
 * until `until` (monotonic µs; 0: not at all) when it runs in slow motion:
 * a command cuts that wait short, so Pause and Stop are never delayed. */
static Command *
next_command (ClTrainer *t, gboolean wait, gint64 until)
{
  pthread_mutex_lock (&t->lock);
  while (wait && g_queue_is_empty (&t->commands))
    pthread_cond_wait (&t->wake, &t->lock);
  while (!wait && until > 0 && g_queue_is_empty (&t->commands)
         && g_get_monotonic_time () < until)
    {
      struct timespec ts = { until / G_USEC_PER_SEC, (until % G_USEC_PER_SEC) * 1000 };
      pthread_cond_timedwait (&t->wake, &t->lock, &ts);
    }
  Command *c = g_queue_pop_head (&t->commands);
  pthread_mutex_unlock (&t->lock);
  return c;
}

/* Steps a second while running, or 0 at full speed.  Step (F6) is never
 * paced: it asks for one batch now; nor is a trainer that was not asked to
 * follow the design's speed (options.follow_speed). */
static int
pace (ClTrainer *t)
{
  return t->options.follow_speed && t->state == CL_TRAINER_RUNNING && t->pending_steps == 0
           ? cl_net_get_train (t->net)->speed
           : 0;
}

/* Slow motion keeps a steady beat from step to step; a step slower than
 * the beat, or a run resumed after a pause, starts the beat afresh rather
 * than catching up in a burst. */
static void
schedule_next_step (ClTrainer *t, int speed, gint64 now)
{
  gint64 interval = G_USEC_PER_SEC / speed;
  if (t->next_step_due > 0 && now - t->next_step_due < interval)
    t->next_step_due += interval;
  else
    t->next_step_due = now + interval;
}

static gpointer
worker (gpointer data)
{
  ClTrainer *t = data;

  if (t->options.threads > 0)
    cl_engine_set_threads (t->options.threads);   /* per thread in OpenMP */
  _cl_trainer_publish (t);

  while (!t->stopping)
    {
      gboolean busy = t->state == CL_TRAINER_RUNNING || t->pending_steps > 0;
      gboolean changed = FALSE;
      Command *c = next_command (t, !busy, pace (t) > 0 ? t->next_step_due : 0);

      for (; c != NULL; c = next_command (t, FALSE, 0))
        {
          changed |= handle (t, c);
          g_free (c);
          if (t->stopping)
            break;
        }
      if (t->stopping)
        break;

      int speed = pace (t);
      gint64 now = g_get_monotonic_time ();
      if (speed > 0 && t->next_step_due > 0 && now < t->next_step_due)
        {
          /* Woken by a command before the step is due: show what it changed. */
          if (changed)
            _cl_trainer_publish (t);
          continue;
        }

      if (t->state == CL_TRAINER_RUNNING || t->pending_steps > 0)
        {
          ClTrainerState before = t->state;
          if (speed > 0)
            schedule_next_step (t, speed, now);
          train_batch (t);
          if (t->pending_steps > 0 && --t->pending_steps == 0 && t->state != CL_TRAINER_DIVERGED
              && t->state != CL_TRAINER_FINISHED)
            set_state (t, CL_TRAINER_PAUSED, NULL);
          /* In slow motion every step is published: the panels show each. */
          changed |= t->state != before || t->state != CL_TRAINER_RUNNING || speed > 0;
        }
      if (changed || g_get_monotonic_time () - t->last_publish
                       >= (gint64) t->options.publish_interval_ms * 1000)
        _cl_trainer_publish (t);
    }
  return NULL;
}

static void
send (ClTrainer *t, Command c)
{
  pthread_mutex_lock (&t->lock);
  g_queue_push_tail (&t->commands, g_memdup2 (&c, sizeof c));
  pthread_cond_signal (&t->wake);
  pthread_mutex_unlock (&t->lock);
}

/* ---- public ------------------------------------------------------------------ */

static void
pick_probes (ClTrainer *t)
{
  ClDatasetPart part = cl_dataset_get_n (t->data, CL_DATASET_TEST) > 0 ? CL_DATASET_TEST
                                                                       : CL_DATASET_TRAIN;
  guint n = cl_dataset_get_n (t->data, part);
  t->n_probes = (int) MIN ((guint) MAX (0, MIN (t->options.probe_count, t->batch)), n);
  if (t->n_probes == 0)
    return;
  guint32 *indices = g_new (guint32, t->n_probes);
  g_autofree guint32 *labels = g_new0 (guint32, t->n_probes);
  /* Spread over the part, the same every run, so pictures compare. */
  for (int i = 0; i < t->n_probes; i++)
    indices[i] = (guint32) ((guint64) i * n / t->n_probes);
  t->probe_indices = indices;
  t->probe_part = part;
  t->probe_pool = n;
  t->probe_x = g_new (float, t->n_probes * t->in_size);
  cl_dataset_get_batch (t->data, part, indices, t->n_probes, t->probe_x, labels, NULL);
  if (t->classification)
    {
      t->probe_labels = g_new (int, t->n_probes);
      for (int i = 0; i < t->n_probes; i++)
        t->probe_labels[i] = (int) labels[i];
    }
}

ClTrainer *
cl_trainer_new (const ClNetSpec *spec, ClDataset *data, const ClTrainerOptions *options,
                GError **error)
{
  return cl_trainer_new_from (spec, data, options, NULL, error);
}

ClTrainer *
cl_trainer_new_from (const ClNetSpec *spec, ClDataset *data, const ClTrainerOptions *options,
                     const ClTrainerStart *start, GError **error)
{
  g_autoptr(ClNet) net = cl_net_new (spec, cl_net_spec_peek_train (spec)->batch_size, error);

  if (net == NULL || !check_fits (net, data, error))
    return NULL;
  /* Refused before anything else is built. */
  if (start != NULL && start->net != NULL && !cl_net_copy_state (net, start->net, error))
    return NULL;

  ClTrainer *t = g_new0 (ClTrainer, 1);
  if (options != NULL)
    t->options = *options;
  else
    cl_trainer_options_init (&t->options);
  t->net = g_steal_pointer (&net);
  t->data = cl_dataset_ref (data);
  t->batch = cl_net_get_batch_size (t->net);
  t->classification = data->kind == CL_DATASET_CLASSIFICATION;
  t->n_classes = t->classification ? (int) data->n_classes : 0;
  ClShape out = cl_net_get_output_shape (t->net, cl_net_get_n_layers (t->net) - 1);
  t->out_size = out.c * out.h * out.w;
  t->in_size = data->sample_size;
  t->order = g_new (guint32, MAX (1u, cl_dataset_get_n (data, CL_DATASET_TRAIN)));
  t->x = g_new (float, (gsize) t->batch * t->in_size);
  t->labels = g_new0 (guint32, t->batch);
  t->binary = cl_net_spec_peek_train (spec)->loss == CL_LOSS_BINARY_CROSS_ENTROPY;
  t->targets = g_new (float, (gsize) t->batch * MAX (1u, data->target_dim));
  t->loss_history = g_array_new (FALSE, FALSE, sizeof (ClPoint));
  t->test_loss_history = g_array_new (FALSE, FALSE, sizeof (ClPoint));
  t->test_accuracy_history = g_array_new (FALSE, FALSE, sizeof (ClPoint));
  t->train_accuracy_history = g_array_new (FALSE, FALSE, sizeof (ClPoint));
  t->checkpoints = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  t->checkpoint_steps = g_array_new (FALSE, FALSE, sizeof (guint64));
  /* 512 points: more than a panel's width in pixels draws. */
  t->norm_history = cl_norm_history_new (cl_layer_stats_count_param_layers (t->net), 512);
  t->units = g_new0 (ClUnitStats, MAX (1, cl_layer_stats_count_unit_layers (t->net)));
  pick_probes (t);
  reset (t);
  if (start != NULL && start->net != NULL)
    cl_net_copy_state (t->net, start->net, NULL);   /* checked above: cannot fail */
  if (start != NULL)
    _cl_trainer_resume (t, start);

  pthread_condattr_t monotonic;
  pthread_condattr_init (&monotonic);
  pthread_condattr_setclock (&monotonic, CLOCK_MONOTONIC);   /* g_get_monotonic_time's clock */
  pthread_mutex_init (&t->lock, NULL);
  pthread_cond_init (&t->wake, &monotonic);
  pthread_cond_init (&t->published, &monotonic);
  pthread_condattr_destroy (&monotonic);
  g_queue_init (&t->commands);
  t->thread = g_thread_new ("convlab-trainer", worker, t);
  /* The first snapshot exists before new() returns. */
  pthread_mutex_lock (&t->lock);
  while (t->current == NULL)
    pthread_cond_wait (&t->published, &t->lock);
  pthread_mutex_unlock (&t->lock);
  return t;
}

void
cl_trainer_free (ClTrainer *t)
{
  if (t == NULL)
    return;
  send (t, (Command) { .kind = CMD_STOP });
  g_thread_join (t->thread);
  g_queue_clear_full (&t->commands, g_free);   /* commands sent after stop are dropped */
  pthread_mutex_destroy (&t->lock);
  pthread_cond_destroy (&t->wake);
  pthread_cond_destroy (&t->published);
  g_clear_pointer (&t->current, cl_snapshot_unref);
  g_clear_pointer (&t->landscape, cl_landscape_free);
  g_free (t->landscape_error);
  cl_net_free (t->net);
  cl_dataset_unref (t->data);
  g_free (t->reason);
  g_free (t->order);
  g_free (t->x);
  g_free (t->x_augmented);
  g_free (t->labels);
  g_free (t->targets);
  g_free (t->confusion);
  g_clear_pointer (&t->gallery, cl_gallery_free);
  g_free (t->probe_x);
  g_free (t->probe_labels);
  g_free (t->probe_indices);
  g_array_unref (t->loss_history);
  g_array_unref (t->test_loss_history);
  g_array_unref (t->test_accuracy_history);
  g_array_unref (t->train_accuracy_history);
  g_ptr_array_unref (t->checkpoints);
  g_array_unref (t->checkpoint_steps);
  cl_norm_history_free (t->norm_history);
  g_free (t->units);
  g_free (t);
}

void
cl_trainer_play (ClTrainer *trainer)
{
  send (trainer, (Command) { .kind = CMD_PLAY });
}

void
cl_trainer_pause (ClTrainer *trainer)
{
  send (trainer, (Command) { .kind = CMD_PAUSE });
}

void
cl_trainer_step (ClTrainer *trainer)
{
  send (trainer, (Command) { .kind = CMD_STEP });
}

void
cl_trainer_run_epochs (ClTrainer *trainer, int epochs)
{
  send (trainer, (Command) { .kind = CMD_RUN_EPOCHS, .epochs = epochs });
}

void
cl_trainer_run_to_next (ClTrainer *trainer, int run_epochs)
{
  send (trainer, (Command) { .kind = CMD_RUN_TO_NEXT, .epochs = run_epochs });
}

void
cl_trainer_reset (ClTrainer *trainer)
{
  send (trainer, (Command) { .kind = CMD_RESET });
}

void
cl_trainer_evaluate (ClTrainer *trainer)
{
  send (trainer, (Command) { .kind = CMD_EVALUATE });
}

void
cl_trainer_set_learning_rate (ClTrainer *trainer, double lr)
{
  g_return_if_fail (lr > 0 && isfinite (lr));
  send (trainer, (Command) { .kind = CMD_SET_LR, .lr = lr });
}

void
cl_trainer_set_train (ClTrainer *trainer, const ClTrainSettings *settings)
{
  send (trainer, (Command) { .kind = CMD_SET_TRAIN, .train = *settings });
}

void
cl_trainer_compute_landscape (ClTrainer *trainer, const ClLandscapeOptions *options)
{
  Command c = { .kind = CMD_LANDSCAPE };
  if (options != NULL)
    c.landscape = *options;
  else
    cl_landscape_options_init (&c.landscape);
  /* The directions are the caller's memory: only the worker's own kinds. */
  g_return_if_fail (c.landscape.axes != CL_LANDSCAPE_GIVEN);
  send (trainer, c);
}

void
cl_trainer_cancel_landscape (ClTrainer *trainer)
{
  /* Not a queued command: the worker is busy in the computation and
   * reads this flag between rows. */
  g_atomic_int_set (&trainer->cancel_landscape, TRUE);
}

void
cl_trainer_set_probe (ClTrainer *trainer, guint32 index)
{
  send (trainer, (Command) { .kind = CMD_SET_PROBE, .index = index });
}

void
cl_trainer_set_live_landscape (ClTrainer *trainer, int every_epochs)
{
  send (trainer, (Command) { .kind = CMD_LIVE_LANDSCAPE, .epochs = every_epochs });
}

ClSnapshot *
cl_trainer_get_snapshot (ClTrainer *trainer)
{
  pthread_mutex_lock (&trainer->lock);
  ClSnapshot *s = cl_snapshot_ref (trainer->current);
  pthread_mutex_unlock (&trainer->lock);
  return s;
}

ClSnapshot *
cl_trainer_wait_snapshot (ClTrainer *trainer, guint64 version, gint64 timeout_us)
{
  gint64 deadline = g_get_monotonic_time () + timeout_us;
  struct timespec until = { deadline / G_USEC_PER_SEC, (deadline % G_USEC_PER_SEC) * 1000 };

  pthread_mutex_lock (&trainer->lock);
  while (trainer->current->version <= version)
    if (pthread_cond_timedwait (&trainer->published, &trainer->lock, &until) != 0)
      break;
  ClSnapshot *s = cl_snapshot_ref (trainer->current);
  pthread_mutex_unlock (&trainer->lock);
  return s;
}

void
cl_trainer_set_notify (ClTrainer *trainer, void (*notify) (gpointer data), gpointer data)
{
  pthread_mutex_lock (&trainer->lock);
  trainer->notify = notify;
  trainer->notify_data = data;
  pthread_mutex_unlock (&trainer->lock);
}
