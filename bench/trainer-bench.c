/* trainer-bench — what publishing snapshots costs the training.
 *
 * Trains LeNet-5 (or --design) on the embedded Fashion-MNIST subset for
 * --seconds twice: once with nobody reading snapshots and no probes, once
 * with a consumer thread that takes the newest snapshot 60 times a second
 * and reads all of it, as the window does.  Prints one JSON line per run and
 * the ratio; issue 5 asks for >= 0.90.
 */
#define G_LOG_DOMAIN "convlab-bench"

#include "config.h"

#include <stdio.h>

#include "engine/design-file.h"
#include "engine/trainer.h"
#include "engine/process-setup.h"
#include "engine/zoo.h"

typedef struct {
  ClTrainer *trainer;
  gboolean stop;
  guint64 taken;
  double checksum;   /* keeps the reads from being optimised away */
} Consumer;

static gpointer
consume (gpointer data)
{
  Consumer *c = data;

  while (!g_atomic_int_get (&c->stop))
    {
      ClSnapshot *s = cl_trainer_get_snapshot (c->trainer);
      for (gsize i = 0; i < s->n_params; i += 16)
        c->checksum += s->params[i];
      for (int l = 0; l < s->n_layers; l++)
        if (s->layers[l].activations != NULL)
          c->checksum += s->layers[l].activations[0];
      cl_snapshot_unref (s);
      c->taken++;
      g_usleep (G_USEC_PER_SEC / 60);
    }
  return NULL;
}

static double
run (const ClNetSpec *spec, ClDataset *data, int threads, double seconds, gboolean with_consumer,
     guint64 *snapshots)
{
  ClTrainerOptions options;
  g_autoptr(GError) error = NULL;

  cl_trainer_options_init (&options);
  options.threads = threads;
  if (!with_consumer)
    options.probe_count = 0;
  g_autoptr(ClTrainer) trainer = cl_trainer_new (spec, data, &options, &error);
  if (trainer == NULL)
    g_error ("%s", error->message);

  Consumer consumer = { trainer, FALSE, 0, 0 };
  GThread *thread = with_consumer ? g_thread_new ("consumer", consume, &consumer) : NULL;
  cl_trainer_play (trainer);
  g_usleep ((gulong) (0.5 * G_USEC_PER_SEC));   /* warm up */
  g_autoptr(ClSnapshot) a = cl_trainer_get_snapshot (trainer);
  gint64 t0 = g_get_monotonic_time ();
  g_usleep ((gulong) (seconds * G_USEC_PER_SEC));
  g_autoptr(ClSnapshot) b = cl_trainer_get_snapshot (trainer);
  gint64 t1 = g_get_monotonic_time ();
  cl_trainer_pause (trainer);
  if (thread != NULL)
    {
      g_atomic_int_set (&consumer.stop, TRUE);
      g_thread_join (thread);
    }
  *snapshots = consumer.taken;
  /* Snapshots are published at most every 33 ms: the sample counts they
   * carry are what the trainer had done by then, close enough over seconds. */
  return (double) (b->samples_seen - a->samples_seen) / ((t1 - t0) / 1e6);
}

int
main (int argc, char **argv)
{
  double seconds = 5;
  int threads = 0;
  g_autofree char *design_path = NULL;
  GOptionEntry entries[] = {
    { "seconds", 's', 0, G_OPTION_ARG_DOUBLE, &seconds, "Seconds per run", "S" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &threads, "Threads (0: default)", "N" },
    { "design", 'd', 0, G_OPTION_ARG_FILENAME, &design_path, "A design instead of LeNet-5", "FILE" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— the cost of publishing snapshots");
  g_autoptr(GError) error = NULL;

  cl_process_prefer_short_openmp_spin (argv);   /* as the app and convlab-cli run */

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  g_autoptr(ClDesign) design = NULL;
  if (design_path != NULL && (design = cl_design_load (design_path, &error)) == NULL)
    g_error ("%s", error->message);
  g_autoptr(ClNetSpec) lenet = cl_net_spec_new_lenet5 ();
  const ClNetSpec *spec = design != NULL ? design->spec : lenet;
  ClDataRef ref;
  cl_data_ref_init (&ref, "embedded");
  g_autoptr(ClDataset) data = cl_data_ref_load (&ref, &error);
  cl_data_ref_clear (&ref);
  if (data == NULL)
    g_error ("%s", error->message);

  guint64 n_without, n_with;
  double without = run (spec, data, threads, seconds, FALSE, &n_without);
  double with = run (spec, data, threads, seconds, TRUE, &n_with);
  printf ("{\"case\":\"trainer-alone\",\"threads\":%d,\"samples_per_s\":%.0f}\n", threads, without);
  printf ("{\"case\":\"trainer-with-consumer\",\"threads\":%d,\"samples_per_s\":%.0f,"
          "\"snapshots_taken\":%" G_GUINT64_FORMAT "}\n", threads, with, n_with);
  printf ("{\"case\":\"publishing-ratio\",\"ratio\":%.3f}\n", with / without);
  return 0;
}
