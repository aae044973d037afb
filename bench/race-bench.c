/* race-bench — do runs side by side share the cores well?
 *
 * Trains a design alone for --seconds (one trainer, the engine's threads),
 * then --runs variants of it together as a race (engine/race.h: the
 * threads divided among the runs), and prints the samples per second of
 * each and their ratio: issue 20 asks the runs together for >= 90 % of one
 * run's throughput alone.  The variants differ in the learning rate only
 * (halved from run to run), so each does exactly the work of the run
 * alone.  Also the ratio of samples per second of processor time, which
 * a busy machine disturbs less: what racing costs beyond the runs' work.
 * One JSON line; bench/race-throughput.sh repeats and summarises.
 */
#define G_LOG_DOMAIN "convlab-bench"

#include "config.h"

#include <stdio.h>
#include <time.h>

#include "engine/data-source.h"
#include "engine/design-file.h"
#include "engine/process-setup.h"
#include "engine/race.h"

static double WARM_UP = 0.5;

static guint64
samples (ClTrainer *const *trainers, int n)
{
  guint64 total = 0;
  for (int i = 0; i < n; i++)
    {
      ClSnapshot *s = cl_trainer_get_snapshot (trainers[i]);
      total += s->samples_seen;
      cl_snapshot_unref (s);
    }
  return total;
}

static double
cpu_seconds (void)
{
  struct timespec t;
  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

/* Samples a second of the trainers together over `seconds` after a
 * warm-up; in *per_cpu, samples per second of processor time (what the
 * runs cost, whatever else the machine is doing). */
static double
measure (ClTrainer *const *trainers, int n, double seconds, double *per_cpu)
{
  for (int i = 0; i < n; i++)
    cl_trainer_play (trainers[i]);
  g_usleep ((gulong) (WARM_UP * G_USEC_PER_SEC));
  guint64 a = samples (trainers, n);
  gint64 t0 = g_get_monotonic_time ();
  double c0 = cpu_seconds ();
  g_usleep ((gulong) (seconds * G_USEC_PER_SEC));
  guint64 b = samples (trainers, n);
  gint64 t1 = g_get_monotonic_time ();
  *per_cpu = (b - a) / MAX (1e-9, cpu_seconds () - c0);
  for (int i = 0; i < n; i++)
    cl_trainer_pause (trainers[i]);
  return (double) (b - a) / ((t1 - t0) / 1e6);
}

int
main (int argc, char **argv)
{
  double seconds = 4;
  int threads = 0, runs = 2;
  g_autofree char *design_path = NULL, *source = NULL;
  GOptionEntry entries[] = {
    { "design", 'd', 0, G_OPTION_ARG_FILENAME, &design_path, "The design", "FILE" },
    { "data", 0, 0, G_OPTION_ARG_STRING, &source, "Data (default: the design's)", "SOURCE" },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Runs in the race (2 to 4)", "N" },
    { "seconds", 's', 0, G_OPTION_ARG_DOUBLE, &seconds, "Seconds measured, each way", "S" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &threads, "Threads in all (0: the engine's default)", "N" },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— runs side by side against one alone");
  g_autoptr(GError) error = NULL;

  cl_process_prefer_short_openmp_spin (argv);   /* as the app and convlab-cli run */
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (design_path == NULL || runs < 2 || runs > CL_RACE_MAX)
    g_error ("--design FILE is needed, --runs from 2 to %d", CL_RACE_MAX);

  g_autoptr(ClDesign) design = cl_design_load (design_path, &error);
  if (design == NULL)
    g_error ("%s", error->message);
  if (source != NULL)
    {
      cl_data_ref_clear (&design->data);
      cl_data_ref_init (&design->data, source);
    }
  g_autoptr(ClDataset) data = cl_data_ref_load_for (&design->data, design->spec, &error);
  if (data == NULL)
    g_error ("%s", error->message);

  ClTrainerOptions options;
  cl_trainer_options_init (&options);
  options.threads = threads;
  options.probe_count = 0;
  int all = threads > 0 ? threads : cl_engine_get_threads ();

  g_autoptr(ClTrainer) alone = cl_trainer_new (design->spec, data, &options, &error);
  if (alone == NULL)
    g_error ("%s", error->message);
  double one_cpu, together_cpu;
  double one = measure (&alone, 1, seconds, &one_cpu);
  g_clear_pointer (&alone, cl_trainer_free);

  char *values[CL_RACE_MAX + 1] = { NULL };
  double lr = cl_net_spec_peek_train (design->spec)->lr;
  for (int i = 0; i < runs; i++)
    values[i] = g_strdup_printf ("%g", lr / (1 << i));
  g_autoptr(ClRace) race = cl_race_new (design->spec, data, CL_RACE_LEARNING_RATE,
                                        (const char *const *) values, runs, &options, NULL, &error);
  for (int i = 0; i < runs; i++)
    g_free (values[i]);
  if (race == NULL)
    g_error ("%s", error->message);
  ClTrainer *trainers[CL_RACE_MAX];
  for (int i = 0; i < runs; i++)
    trainers[i] = cl_race_get_trainer (race, i);
  double together = measure (trainers, runs, seconds, &together_cpu);

  double load[3] = { 0 };
  FILE *f = fopen ("/proc/loadavg", "r");
  if (f != NULL)
    {
      if (fscanf (f, "%lf %lf %lf", &load[0], &load[1], &load[2]) != 3)
        load[0] = -1;
      fclose (f);
    }
  printf ("{\"design\":\"%s\",\"runs\":%d,\"threads\":%d,\"threads_per_run\":%d,"
          "\"alone_samples_per_s\":%.0f,\"together_samples_per_s\":%.0f,\"ratio\":%.3f,"
          "\"cpu_ratio\":%.3f,\"loadavg\":%.2f}\n",
          design->name, runs, all, MAX (1, all / runs), one, together, together / one,
          together_cpu / one_cpu, load[0]);
  return 0;
}
