/* augment-bench — what augmentation costs a training step, measured apart
 * from the rest of a shared machine's noise: the best of many rounds of
 * (a) augmenting a batch (all four transforms, the bilinear path, and
 * shift + flip, the exact one) and (b) one training step on the same
 * batch, for a design given on the command line.  Prints one JSON line per
 * case and the expected slowdown 1 + augment / step, which issue 20 asks
 * to stay under 1.10.
 *
 *   augment-bench DESIGN [--threads N] [--rounds R]
 */
#define G_LOG_DOMAIN "convlab-bench"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include "engine/augment.h"
#include "engine/design-file.h"
#include "engine/net.h"
#include "engine/process-setup.h"

/* The best time of `rounds` rounds of fn, each of at least 50 ms. */
typedef void (*Job) (gpointer data);

static double
best_seconds (Job fn, gpointer data, int rounds)
{
  double best = INFINITY;
  for (int r = 0; r < rounds; r++)
    {
      int n = 0;
      gint64 t0 = g_get_monotonic_time (), t1;
      do
        {
          fn (data);
          n++;
          t1 = g_get_monotonic_time ();
        }
      while (t1 - t0 < 50000);
      best = MIN (best, (t1 - t0) / 1e6 / n);
    }
  return best;
}

typedef struct {
  ClNet *net;
  ClAugmentSettings augment;
  float *x, *out;
  gint32 *labels;
  guint32 *indices;
  int batch, c, h, w;
  guint64 epoch;
} Bench;

static void
augment_job (gpointer data)
{
  Bench *b = data;
  cl_augment_batch (&b->augment, cl_augment_key (1), b->epoch++, b->indices, b->batch, b->x,
                    b->out, b->c, b->h, b->w);
}

static void
step_job (gpointer data)
{
  Bench *b = data;
  ClStepResult result;
  g_autoptr(GError) error = NULL;
  if (!cl_net_train_step (b->net, b->x, b->labels, NULL, b->batch, &result, &error))
    g_error ("%s", error->message);
}

int
main (int argc, char **argv)
{
  int threads = 0, rounds = 20;
  GOptionEntry entries[] = {
    { "threads", 't', 0, G_OPTION_ARG_INT, &threads, "Threads (0: default)", "N" },
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds, "Rounds, the best kept", "R" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("DESIGN — the cost of augmentation");
  g_autoptr(GError) error = NULL;

  cl_process_prefer_short_openmp_spin (argv);   /* as the app and convlab-cli run */
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    g_error ("usage: augment-bench DESIGN [--threads N] [--rounds R]");
  g_autoptr(ClDesign) design = cl_design_load (argv[1], &error);
  if (design == NULL)
    g_error ("%s", error->message);
  if (threads > 0)
    cl_engine_set_threads (threads);

  const ClTrainSettings *train = cl_net_spec_peek_train (design->spec);
  ClShape in = cl_net_spec_get_input (design->spec);
  Bench b = { .batch = train->batch_size, .c = in.c, .h = in.h, .w = in.w };
  b.net = cl_net_new (design->spec, b.batch, &error);
  if (b.net == NULL)
    g_error ("%s", error->message);
  cl_net_init (b.net, 1);
  gsize size = (gsize) in.c * in.h * in.w;
  b.x = g_new (float, size * b.batch);
  b.out = g_new (float, size * b.batch);
  b.labels = g_new0 (gint32, b.batch);
  b.indices = g_new (guint32, b.batch);
  for (gsize i = 0; i < size * b.batch; i++)
    b.x[i] = sinf (i * 0.01f);
  for (int i = 0; i < b.batch; i++)
    b.indices[i] = i, b.labels[i] = i % 10;

  double step = best_seconds (step_job, &b, rounds);
  printf ("{\"case\":\"train-step\",\"design\":\"%s\",\"threads\":%d,\"batch\":%d,"
          "\"ms\":%.3f}\n", design->name, cl_engine_get_threads (), b.batch, step * 1e3);
  const char *ids[] = { "shift+flip", "shift+flip+crop+rotate" };
  for (gsize k = 0; k < G_N_ELEMENTS (ids); k++)
    {
      cl_augment_from_string (ids[k], &b.augment, NULL);
      double augment = best_seconds (augment_job, &b, rounds);
      printf ("{\"case\":\"augment\",\"augment\":\"%s\",\"shape\":\"%dx%dx%d\",\"batch\":%d,"
              "\"ms\":%.3f,\"expected_slowdown\":%.3f}\n",
              ids[k], in.c, in.h, in.w, b.batch, augment * 1e3, 1 + augment / step);
    }
  cl_net_free (b.net);
  g_free (b.x);
  g_free (b.out);
  g_free (b.labels);
  g_free (b.indices);
  return 0;
}
