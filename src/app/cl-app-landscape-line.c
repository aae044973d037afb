#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cl-app-landscape-line.h"
#include "engine/landscape.h"

#define N_POINTS  41
#define N_SAMPLES 1000

typedef struct {
  ClSnapshot *snapshot;   /* immutable: read from the thread */
  ClDataset *data;
  ClAppLineKind kind;
} Job;

static void
job_free (Job *job)
{
  cl_snapshot_unref (job->snapshot);
  cl_dataset_unref (job->data);
  g_free (job);
}

void
cl_app_line_free (ClAppLine *line)
{
  if (line == NULL)
    return;
  g_free (line->alphas);
  g_free (line->train);
  g_free (line->test);
  g_free (line);
}

static void
run (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Job *job = data;
  const ClSnapshot *s = job->snapshot;
  g_autoptr(ClAppLine) line = g_new0 (ClAppLine, 1);
  g_autofree float *end = NULL;
  const float *from = s->params, *to = NULL;
  double lo = -1.0, hi = 1.0;
  GError *error = NULL;

  if (job->kind == CL_APP_LINE_FROM_START)
    {
      if (s->checkpoints == NULL || s->checkpoints->len == 0)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                                   _("Train a few steps first: the line starts at the initial weights."));
          return;
        }
      from = g_bytes_get_data (g_ptr_array_index (s->checkpoints, 0), NULL);
      to = s->params;
      lo = -0.5;
      hi = 1.5;
    }
  else
    {
      /* w + α d: the line's end at α = 1 is the weights plus the direction. */
      end = g_new (float, s->n_params);
      cl_landscape_filter_normalised_direction (s->spec, s->params, s->step + 1, end);
      for (gsize i = 0; i < s->n_params; i++)
        end[i] += s->params[i];
      to = end;
    }

  line->kind = job->kind;
  line->n = N_POINTS;
  line->version = s->version;
  line->alphas = g_new (double, N_POINTS);
  line->train = g_new (double, N_POINTS);
  line->test = g_new (double, N_POINTS);
  for (int i = 0; i < N_POINTS; i++)
    line->alphas[i] = lo + (hi - lo) * i / (N_POINTS - 1);
  if (!cl_landscape_line (s->spec, from, to, s->buffers, job->data, N_SAMPLES, line->alphas,
                          N_POINTS, line->train, line->test, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&line), (GDestroyNotify) cl_app_line_free);
}

void
cl_app_landscape_line_async (const ClSnapshot *snapshot, ClDataset *data, ClAppLineKind kind,
                             GCancellable *cancellable, GAsyncReadyCallback callback,
                             gpointer user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  Job *job = g_new0 (Job, 1);

  job->snapshot = cl_snapshot_ref ((ClSnapshot *) snapshot);
  job->data = cl_dataset_ref (data);
  job->kind = kind;
  g_task_set_task_data (task, job, (GDestroyNotify) job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, run);
}

ClAppLine *
cl_app_landscape_line_finish (GAsyncResult *result, GError **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
