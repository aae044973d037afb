/* trainer-resume.c — a trainer that continues a trained model.
 *
 * Opening a model in the window must show what the file remembers — its
 * curves, its landscape — and Play must go on from there: the new steps
 * follow the old ones on the Curves panel's axis, the epochs count on, and
 * the trajectory of a landscape starts at the model's weights.  The
 * weights themselves are copied by cl_trainer_new_from() before this runs,
 * in the calling thread, before the worker exists.
 */
#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <math.h>

#include "engine/trainer-private.h"

static void
copy_points (GArray *into, const GArray *from)
{
  g_array_set_size (into, 0);
  if (from != NULL)
    g_array_append_vals (into, from->data, from->len);
}

static double
last_y (const GArray *points)
{
  return points->len > 0 ? g_array_index (points, ClPoint, points->len - 1).y : NAN;
}

static void
resume_history (ClTrainer *t, const ClModelHistory *history)
{
  copy_points (t->loss_history, history->loss);
  copy_points (t->test_loss_history, history->test_loss);
  copy_points (t->test_accuracy_history, history->test_accuracy);
  copy_points (t->train_accuracy_history, history->train_accuracy);

  guint n = t->loss_history->len;
  if (n > 0)
    {
      const ClPoint *h = (const ClPoint *) t->loss_history->data;
      double last = h[n - 1].x;
      /* Each stored point stands for this many steps: new ones are
       * averaged alike, so the curve keeps one density. */
      double spacing = n > 1 ? (last - h[0].x) / (n - 1) : 1;
      t->step_offset = last > 0 && isfinite (last) ? (guint64) last : 0;
      t->history_stride = (int) CLAMP (round (spacing), 1, G_MAXINT / 2);
      t->loss_smooth = h[n - 1].y;
      t->last_loss = h[n - 1].y;
      _cl_trainer_bound_loss_history (t);
    }

  guint epochs = t->test_loss_history->len;
  if (epochs > 0)
    {
      double last_epoch = g_array_index (t->test_loss_history, ClPoint, epochs - 1).x;
      t->epoch = isfinite (last_epoch) && last_epoch > 0 ? (int) MIN (last_epoch, G_MAXINT / 2) : 0;
      t->test_loss = last_y (t->test_loss_history);
      t->test_accuracy = last_y (t->test_accuracy_history);
      t->has_test = isfinite (t->test_loss);
      /* Epochs go on at the density the file's curves have, within the bound. */
      double first_epoch = g_array_index (t->test_loss_history, ClPoint, 0).x;
      double spacing = epochs > 1 ? (last_epoch - first_epoch) / (epochs - 1) : 1;
      t->epoch_stride = isfinite (spacing) ? (int) CLAMP (round (spacing), 1, G_MAXINT / 2) : 1;
      t->epoch_count = t->epoch_stride;
      _cl_trainer_bound_epoch_history (t);
    }
}

void
_cl_trainer_resume (ClTrainer *t, const ClTrainerStart *start)
{
  if (start->history != NULL)
    resume_history (t, start->history);
  if (start->landscape != NULL)
    {
      g_clear_pointer (&t->landscape, cl_landscape_free);
      t->landscape = cl_landscape_copy_for_display (start->landscape);
    }
  /* The trajectory starts where the model is, not at the seed's weights. */
  g_ptr_array_set_size (t->checkpoints, 0);
  g_array_set_size (t->checkpoint_steps, 0);
  _cl_trainer_add_checkpoint (t);
}
