#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include "engine/error.h"
#include "engine/trainer-private.h"

/* ---- the loss landscape ------------------------------------------------------ */

static gboolean
landscape_row_done (const ClLandscape *l, int row, gpointer data)
{
  ClTrainer *t = data;

  /* The picture fills in row by row, at the usual publication rate. */
  g_clear_pointer (&t->landscape, cl_landscape_free);
  t->landscape = cl_landscape_copy_for_display (l);
  if (g_get_monotonic_time () - t->last_publish >= (gint64) t->options.publish_interval_ms * 1000)
    _cl_trainer_publish (t);
  return !g_atomic_int_get (&t->cancel_landscape);
}

/* Computes a landscape around the current weights while training waits. */
void
_cl_trainer_run_landscape (ClTrainer *t, const ClLandscapeOptions *options)
{
  gsize n;
  const float *params = cl_net_get_params (t->net, &n);
  const float *buffers = cl_net_get_buffers (t->net, NULL);
  g_autoptr(GError) error = NULL;

  g_atomic_int_set (&t->cancel_landscape, FALSE);
  g_clear_pointer (&t->landscape_error, g_free);
  t->landscape_running = TRUE;
  _cl_trainer_publish (t);
  g_autoptr(ClLandscape) l = cl_landscape_compute (cl_net_get_spec (t->net), params, buffers,
                                                   t->data, t->checkpoints, options,
                                                   landscape_row_done, t, &error);
  t->landscape_running = FALSE;
  g_clear_pointer (&t->landscape, cl_landscape_free);
  if (l != NULL)
    t->landscape = cl_landscape_copy_for_display (l);
  else if (!g_error_matches (error, CL_ERROR, CL_ERROR_CANCELLED))
    t->landscape_error = g_strdup (error->message);
}

/* Live mode's coarse landscape: quick enough to run every few epochs. */
void
_cl_trainer_run_live_landscape (ClTrainer *t)
{
  ClLandscapeOptions options;

  cl_landscape_options_init (&options);
  options.resolution = 15;
  options.n_samples = 250;
  if (t->checkpoints->len >= 3)
    {
      options.axes = CL_LANDSCAPE_PCA;
      options.range = 0;
    }
  _cl_trainer_run_landscape (t, &options);
}
