#define G_LOG_DOMAIN "convlab-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>

#include "cli-common.h"
#include "cli-race.h"
#include "engine/atomic-file.h"
#include "engine/model-file.h"
#include "engine/trainer.h"
#include "render/number-format.h"
#include "render/render-export.h"
#include "render/render-layer-stats.h"

/* The Gradients panel's picture at the size of a slide's half. */
#define GRADIENTS_WIDTH  1200
#define GRADIENTS_HEIGHT 700

/* The run's last snapshot as the Gradients panel draws it: each layer's
 * gradient norm over the steps, the first layer's histograms, the dead
 * and saturated units of the last batch. */
static gboolean
write_gradients (const ClSnapshot *s, const char *path, GError **error)
{
  cairo_t *cr;
  cairo_surface_t *surface = cl_render_export_surface_new (GRADIENTS_WIDTH, GRADIENTS_HEIGHT, 1,
                                                           &cr, error);
  if (surface == NULL)
    return FALSE;
  cl_render_layer_stats (cr, s, NULL, GRADIENTS_WIDTH, GRADIENTS_HEIGHT);
  cairo_destroy (cr);
  gboolean written = cl_render_write_png (surface, path, error);
  cairo_surface_destroy (surface);
  return written;
}

static void
print_bar (const ClSnapshot *s, int epochs)
{
  const int width = 30;
  double done = (s->epoch + s->epoch_progress) / epochs;
  int filled = (int) (CLAMP (done, 0, 1) * width);
  char bar[64];

  for (int i = 0; i < width; i++)
    bar[i] = i < filled ? '#' : '.';
  bar[width] = '\0';
  /* Translators: a progress line; keep it short. */
  g_autofree char *loss = cl_format_fixed (s->train_loss_smooth, 4);
  g_autofree char *speed = cl_format_fixed (s->samples_per_second, 0);
  fputc ('\r', stderr);
  fprintf (stderr, _("[%s] epoch %d/%d  loss %s  %s samples/s   "), bar,
           MIN (s->epoch + 1, epochs), epochs, loss, speed);
  fflush (stderr);
}

static void
print_epoch (const ClSnapshot *s, int epochs, double seconds, gboolean tty)
{
  if (tty)
    fputc ('\n', stderr);
  /* For people: numbers as the interface language writes them. */
  g_autofree char *train_loss = cl_format_fixed (s->train_loss_smooth, 4);
  g_autofree char *test_loss = cl_format_fixed (s->test_loss, 4);
  g_autofree char *accuracy = cl_format_percent (s->test_accuracy, 2);
  g_autofree char *time = cl_format_fixed (seconds, 1);
  if (isnan (s->test_accuracy))
    printf (_("epoch %d/%d: train loss %s, test loss %s (%s s)\n"), s->epoch, epochs,
            train_loss, test_loss, time);
  else
    printf (_("epoch %d/%d: train loss %s, test loss %s, test accuracy %s (%s s)\n"),
            s->epoch, epochs, train_loss, test_loss, accuracy, time);
  fflush (stdout);
}

int
cl_cli_train (int argc, char **argv)
{
  g_autofree char *source = NULL, *save = NULL, *seed_text = NULL;
  g_autofree char *compare = NULL, *curves = NULL, *save_race = NULL;
  g_autofree char *gradients = NULL;
  g_autofree char *augment = NULL;
  int epochs = 0, threads = 0, status;
  guint64 seed = 0;
  double lr = 0;
  GOptionEntry entries[] = {
    { "data", 'd', 0, G_OPTION_ARG_STRING, &source, N_("Data to train on (default: the design’s)"), N_("SOURCE") },
    { "epochs", 'e', 0, G_OPTION_ARG_INT, &epochs, N_("Epochs to train (default: the design’s)"), N_("N") },
    { "threads", 't', 0, G_OPTION_ARG_INT, &threads, N_("Processor threads (default: all)"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text, N_("Seed of the initial weights and of the shuffling"), N_("S") },
    { "learning-rate", 'l', 0, G_OPTION_ARG_DOUBLE, &lr, N_("Learning rate (default: the design’s)"), N_("RATE") },
    { "augment", 'a', 0, G_OPTION_ARG_STRING, &augment, N_("Augment the training images: none, or shift, flip, crop, rotate joined with + (default: the design’s)"), N_("ID") },
    { "save", 'o', 0, G_OPTION_ARG_FILENAME, &save, N_("Save the trained model here"), N_("MODEL.safetensors") },
    { "compare", 'c', 0, G_OPTION_ARG_STRING, &compare, N_("Train 2 to 4 variants side by side that differ in one setting: optimiser, learning-rate, activation, init, dropout, batch-size, augmentation"), N_("SETTING=V1,V2") },
    { "curves", 0, 0, G_OPTION_ARG_FILENAME, &curves, N_("With --compare: draw the runs’ curves on one chart here"), N_("FILE.png") },
    { "save-race", 0, 0, G_OPTION_ARG_FILENAME, &save_race, N_("With --compare: save the race here, its runs as models beside it"), N_("NAME.convlab-race") },
    { "gradients", 'g', 0, G_OPTION_ARG_FILENAME, &gradients,
      N_("At the end, draw each layer’s gradient norm over the steps, its histograms and its dead or saturated units as the Gradients panel does"),
      N_("FILE.png") },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("DESIGN — train a network"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) design = NULL;
  g_autoptr(ClNet) ignored = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Data sources: fashion-mnist, embedded, photos, photos-colour, "
                                           "idx:IMAGES,LABELS, cifar10:DIR, folder:DIR, patches:DIR, "
                                           "toy:xor|circles|spirals|blobs|cos."));
  g_option_context_set_description (context, _("Training runs at full speed: a design’s speed "
                                                "(slow motion) is for the window."));
  if (!cl_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2)
    return cl_cli_fail_message (_("train needs one design file (see --help)."));
  if (epochs < 0 || threads < 0 || (lr != 0 && !(lr > 0 && lr <= 100)))
    return cl_cli_fail_message (_("--epochs and --threads must be positive, --learning-rate above 0 and at most 100."));
  if (seed_text != NULL && !cl_cli_parse_seed (seed_text, &seed))
    return cl_cli_fail_message (_("--seed must be a whole number, 0 or more, not “%s”."),
                                seed_text);
  if (compare == NULL && (curves != NULL || save_race != NULL))
    return cl_cli_fail_message (_("--curves and --save-race go with --compare."));
  if (compare != NULL && save != NULL)
    return cl_cli_fail_message (_("--save writes one model; with --compare use --save-race "
                                  "NAME.convlab-race."));
  if (compare != NULL && gradients != NULL)
    return cl_cli_fail_message (_("--gradients draws one run; it does not go with --compare."));
  ClAugmentSettings augment_settings = { 0 };
  if (augment != NULL && !cl_augment_from_string (augment, &augment_settings, &error))
    return cl_cli_fail (error);
  /* Checked before the epochs, not after them. */
  if (save != NULL && !cl_atomic_file_check_target (save, &error))
    return cl_cli_fail (error);
  if (gradients != NULL && !cl_atomic_file_check_target (gradients, &error))
    return cl_cli_fail (error);
  if (!cl_cli_open (argv[1], 1, &design, &ignored, &error))
    return cl_cli_fail (error);
  if (ignored != NULL)
    fprintf (stderr, _("%s is a trained model: training its design from new initial weights.\n"), argv[1]);

  ClTrainSettings *train = cl_net_spec_get_train (design->spec);
  if (seed_text != NULL)
    train->seed = seed;
  if (lr > 0)
    train->lr = lr;
  if (epochs == 0)
    epochs = train->epochs;
  if (augment != NULL)
    train->augment = augment_settings;

  g_autoptr(ClDataset) data = cl_cli_load_data (design, source, &error);
  if (data == NULL)
    return cl_cli_fail (error);
  if (compare != NULL)
    {
      ClCliRace race = {
        design, data, design->name[0] ? design->name : argv[1], compare, epochs, threads,
        curves, save_race,
      };
      return cl_cli_train_race (&race);
    }

  ClTrainerOptions options;
  cl_trainer_options_init (&options);
  options.threads = threads;
  options.probe_count = 0;   /* nobody looks at activation maps here */
  g_autoptr(ClTrainer) trainer = cl_trainer_new (design->spec, data, &options, &error);
  if (trainer == NULL)
    return cl_cli_fail (error);
  printf (ngettext ("Training %s on %s for %d epoch.\n", "Training %s on %s for %d epochs.\n",
                    epochs), design->name[0] ? design->name : argv[1],
          data->description, epochs);
  if (!cl_augment_is_none (&train->augment))
    {
      g_autofree char *id = cl_augment_to_string (&train->augment);
      /* The trainer leaves vectors as they are: say so rather than pretend. */
      if (cl_augment_fits (data->height, data->width))
        printf (_("Augmentation: %s\n"), id);
      else
        fprintf (stderr, _("Augmentation %s is for images: %s has vectors of %u values, trained "
                           "as they are.\n"), id, data->name, (guint) data->sample_size);
    }
  fflush (stdout);
  gboolean tty = isatty (fileno (stderr));
  gint64 start = g_get_monotonic_time (), epoch_start = start;
  int last_epoch = 0;
  gboolean warned = FALSE;
  g_autoptr(ClSnapshot) s = cl_trainer_get_snapshot (trainer);
  cl_trainer_run_epochs (trainer, epochs);
  for (;;)
    {
      guint64 version = s->version;
      g_clear_pointer (&s, cl_snapshot_unref);
      s = cl_trainer_wait_snapshot (trainer, version, G_USEC_PER_SEC / 4);
      if (s->epoch > last_epoch)
        {
          gint64 now = g_get_monotonic_time ();
          print_epoch (s, epochs, (now - epoch_start) / 1e6, tty);
          epoch_start = now;
          last_epoch = s->epoch;
        }
      else if (tty && s->state == CL_TRAINER_RUNNING)
        print_bar (s, epochs);
      /* A finite loss a hundred times its start is as lost as NaN, but
       * training goes on: say it once, as the window does. */
      if (s->loss_exploding && !warned)
        {
          warned = TRUE;
          fprintf (stderr, _("%sWarning: the loss grew from %.3g to %.3g: the learning rate is "
                             "probably too high.\n"),
                   tty ? "\n" : "", s->reference_loss, s->train_loss_smooth);
        }
      if (s->state == CL_TRAINER_DIVERGED)
        {
          if (tty)
            fputc ('\n', stderr);
          return cl_cli_fail_message ("%s", s->reason);
        }
      if (s->state == CL_TRAINER_FINISHED)
        break;
    }

  double seconds = (g_get_monotonic_time () - start) / 1e6;
  if (save != NULL && !cl_model_save_snapshot (design, s, save, &error))
    return cl_cli_fail (error);
  if (gradients != NULL)
    {
      if (!write_gradients (s, gradients, &error))
        return cl_cli_fail (error);
      printf (_("Wrote %s (%d×%d).\n"), gradients, GRADIENTS_WIDTH, GRADIENTS_HEIGHT);
    }
  g_autofree char *time = cl_format_fixed (seconds, 1);
  g_autofree char *test_loss = cl_format_fixed (s->test_loss, 4);
  g_autofree char *accuracy = cl_format_percent (s->test_accuracy, 2);
  if (isnan (s->test_accuracy))
    printf (_("Done in %s s: test loss %s.\n"), time, test_loss);
  else
    printf (_("Done in %s s: test accuracy %s, test loss %s.\n"), time, accuracy, test_loss);
  return 0;
}
