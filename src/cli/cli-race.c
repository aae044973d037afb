/* cli-race.c — `convlab-cli train DESIGN --compare SETTING=V1,V2…`: the
 * variants trained together (engine/race.h), a table of how each ended,
 * their curves on one chart (render/render-race.h) and the race saved
 * (engine/race-file.h). */
#define G_LOG_DOMAIN "convlab-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli-common.h"
#include "cli-race.h"
#include "engine/atomic-file.h"
#include "engine/race-file.h"
#include "render/number-format.h"
#include "render/render-export.h"
#include "render/render-race.h"

/* The curves picture is for a slide: 16:9, drawn as the presentation
 * mode draws (no text under 18 px at 1280×720, what a back row reads). */
#define CURVES_WIDTH  1280
#define CURVES_HEIGHT 720

gboolean
cl_cli_parse_compare (const char *text, ClRaceSetting *setting, GStrv *values, GError **error)
{
  const char *eq = strchr (text, '=');
  if (eq == NULL || eq == text)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--compare needs SETTING=VALUE1,VALUE2 (as in optimiser=sgd,adam), not "
                     "“%s”."),
                   text);
      return FALSE;
    }
  g_autofree char *id = g_strndup (text, eq - text);
  if (!cl_race_setting_from_string (id, setting))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--compare: unknown setting “%s” (optimiser, learning-rate, activation, "
                     "init, dropout, batch-size, augmentation)."),
                   id);
      return FALSE;
    }
  g_auto(GStrv) parts = g_strsplit (eq + 1, ",", -1);
  guint n = g_strv_length (parts);
  for (guint i = 0; i < n; i++)
    if (parts[i][0] == '\0')
      {
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("--compare: an empty value in “%s”."), text);
        return FALSE;
      }
  if (n < 2 || n > CL_RACE_MAX)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--compare takes 2 to %d values, not %u: “%s”."), CL_RACE_MAX, n, text);
      return FALSE;
    }
  *values = g_steal_pointer (&parts);
  return TRUE;
}

/* `text` then spaces up to `width` characters (not bytes: "η = 0,1"). */
static void
print_padded (const char *text, int width)
{
  fputs (text, stdout);
  for (glong i = g_utf8_strlen (text, -1); i < width; i++)
    fputc (' ', stdout);
}

static gboolean
all_done (ClSnapshot *const *s, int n)
{
  for (int i = 0; i < n; i++)
    if (s[i]->state != CL_TRAINER_FINISHED && s[i]->state != CL_TRAINER_DIVERGED)
      return FALSE;
  return TRUE;
}

/* Where a run stood after epoch `epoch` (from 1), from its histories: the
 * test accuracy, or the test loss for regression. */
static char *
epoch_result (const ClSnapshot *s, int epoch)
{
  if ((gsize) epoch > s->n_test_history)
    return g_strdup (s->state == CL_TRAINER_DIVERGED ? _("diverged") : "—");
  double acc = s->test_accuracy_history[epoch - 1].y, loss = s->test_loss_history[epoch - 1].y;
  return isnan (acc) ? cl_format_fixed (loss, 4) : cl_format_percent (acc, 1);
}

static void
print_progress (ClSnapshot *const *s, char *const *labels, int n, int epochs)
{
  double done = 1, speed = 0;
  g_autoptr(GString) line = g_string_new (NULL);
  for (int i = 0; i < n; i++)
    {
      done = MIN (done, (s[i]->epoch + s[i]->epoch_progress) / epochs);
      speed += s[i]->state == CL_TRAINER_RUNNING ? s[i]->samples_per_second : 0;
      g_autofree char *loss = cl_format_fixed (s[i]->train_loss_smooth, 3);
      g_string_append_printf (line, "  %s %s", labels[i], loss);
    }
  char bar[32];
  int filled = (int) (CLAMP (done, 0, 1) * 20);
  for (int i = 0; i < 20; i++)
    bar[i] = i < filled ? '#' : '.';
  bar[20] = '\0';
  g_autofree char *rate = cl_format_fixed (speed, 0);
  /* Translators: the race's progress line: the bar, each run's loss, the
   * samples per second of all the runs together. */
  fputc ('\r', stderr);
  fprintf (stderr, _("[%s]%s  %s samples/s   "), bar, line->str, rate);
  fflush (stderr);
}

static void
print_epoch (ClSnapshot *const *s, char *const *labels, int n, int epoch, int epochs,
             gboolean tty)
{
  if (tty)
    fputc ('\n', stderr);
  g_autoptr(GString) line = g_string_new (NULL);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *result = epoch_result (s[i], epoch);
      if (i > 0)
        g_string_append (line, ", ");
      /* Translators: a run and where it stands: "Adam: 91.2 %". */
      g_string_append_printf (line, _("%s: %s"), labels[i], result);
    }
  /* Translators: after an epoch of every run: "epoch 2/10: SGD: 84.0 %, Adam: 91.2 %". */
  printf (_("epoch %d/%d: %s\n"), epoch, epochs, line->str);
  fflush (stdout);
}

static void
print_table (ClSnapshot *const *s, char *const *labels, int n)
{
  gboolean accuracy = FALSE;
  for (int i = 0; i < n; i++)
    accuracy |= s[i]->n_classes > 0;
  const char *heads[] = { _("Run"), _("Train loss"), _("Test loss"), _("Test accuracy") };
  int n_cols = accuracy ? 4 : 3;
  char *cells[CL_RACE_MAX][4];
  int widths[4];
  for (int c = 0; c < n_cols; c++)
    widths[c] = (int) g_utf8_strlen (heads[c], -1);
  for (int i = 0; i < n; i++)
    {
      gboolean diverged = s[i]->state == CL_TRAINER_DIVERGED;
      cells[i][0] = g_strdup (labels[i]);
      cells[i][1] = diverged ? g_strdup (_("diverged")) : cl_format_fixed (s[i]->train_loss_smooth, 4);
      cells[i][2] = diverged || isnan (s[i]->test_loss) ? g_strdup ("—")
                                                        : cl_format_fixed (s[i]->test_loss, 4);
      cells[i][3] = diverged || isnan (s[i]->test_accuracy)
                      ? g_strdup ("—") : cl_format_percent (s[i]->test_accuracy, 2);
      for (int c = 0; c < n_cols; c++)
        widths[c] = MAX (widths[c], (int) g_utf8_strlen (cells[i][c], -1));
    }
  for (int c = 0; c < n_cols; c++)
    print_padded (heads[c], c + 1 < n_cols ? widths[c] + 3 : 0);
  fputc ('\n', stdout);
  for (int i = 0; i < n; i++)
    {
      for (int c = 0; c < n_cols; c++)
        print_padded (cells[i][c], c + 1 < n_cols ? widths[c] + 3 : 0);
      fputc ('\n', stdout);
      for (int c = 0; c < 4; c++)
        g_free (cells[i][c]);
    }
  fflush (stdout);
}

static gboolean
write_curves (ClSnapshot *const *s, char *const *labels, int n, ClRaceSetting setting,
              const char *path, GError **error)
{
  cairo_t *cr = NULL;
  cairo_surface_t *surface = cl_render_export_surface_new (CURVES_WIDTH, CURVES_HEIGHT, 1, &cr,
                                                           error);
  if (surface == NULL)
    return FALSE;
  ClRenderRaceOptions options;
  cl_render_race_options_init (&options);
  options.style.scale = CL_RENDER_PRESENT_SCALE;
  options.style.min_text = CL_RENDER_PRESENT_MIN_TEXT;
  options.title = cl_race_setting_label (setting);
  cl_render_race (cr, s, (const char *const *) labels, n, &options, CURVES_WIDTH, CURVES_HEIGHT);
  cairo_destroy (cr);
  gboolean ok = cl_render_write_png (surface, path, error);
  cairo_surface_destroy (surface);
  return ok;
}

int
cl_cli_train_race (const ClCliRace *args)
{
  g_autoptr(GError) error = NULL;
  ClRaceSetting setting;
  g_auto(GStrv) values = NULL;

  if (!cl_cli_parse_compare (args->compare, &setting, &values, &error))
    return cl_cli_fail (error);
  int n = (int) g_strv_length (values);
  /* Checked before the epochs, not after them. */
  if (args->curves != NULL && !cl_atomic_file_check_target (args->curves, &error))
    return cl_cli_fail (error);
  if (args->save_race != NULL && !cl_race_file_check_targets (args->save_race, n, &error))
    return cl_cli_fail (error);

  ClTrainerOptions options;
  cl_trainer_options_init (&options);
  options.threads = args->threads;
  options.probe_count = 0;   /* nobody looks at activation maps here */
  g_autoptr(ClRace) race = cl_race_new (args->design->spec, args->data, setting,
                                        (const char *const *) values, n, &options, NULL, &error);
  if (race == NULL)
    return cl_cli_fail (error);

  char *labels[CL_RACE_MAX];
  for (int i = 0; i < n; i++)
    labels[i] = cl_race_variant_label (setting, values[i]);
  g_autofree char *joined = g_strjoinv (", ", values);
  printf (ngettext ("Comparing %s (%s: %s) on %s for %d epoch.\n",
                    "Comparing %s (%s: %s) on %s for %d epochs.\n", args->epochs),
          args->name, cl_race_setting_label (setting), joined, args->data->description,
          args->epochs);
  fflush (stdout);

  gboolean tty = isatty (fileno (stderr));
  gint64 start = g_get_monotonic_time ();
  int last_epoch = 0;
  ClSnapshot *s[CL_RACE_MAX];
  cl_race_run_epochs (race, args->epochs);
  for (;;)
    {
      g_usleep (G_USEC_PER_SEC / 10);
      cl_race_get_snapshots (race, s);
      int epoch = args->epochs;
      for (int i = 0; i < n; i++)
        if (s[i]->state != CL_TRAINER_DIVERGED)
          epoch = MIN (epoch, s[i]->epoch);
      gboolean done = all_done (s, n);
      if (epoch > last_epoch)
        {
          /* Every epoch its line, also those done between two looks. */
          for (int e = last_epoch + 1; e <= epoch; e++)
            print_epoch (s, labels, n, e, args->epochs, tty && e == last_epoch + 1);
          last_epoch = epoch;
        }
      else if (tty && !done)
        print_progress (s, labels, n, args->epochs);
      if (done)
        break;
      for (int i = 0; i < n; i++)
        cl_snapshot_unref (s[i]);
    }
  double seconds = (g_get_monotonic_time () - start) / 1e6;
  guint64 samples = 0;
  for (int i = 0; i < n; i++)
    samples += s[i]->samples_seen;
  if (tty)
    fputc ('\n', stderr);
  for (int i = 0; i < n; i++)
    if (s[i]->state == CL_TRAINER_DIVERGED)
      fprintf (stderr, "%s: %s\n", labels[i], s[i]->reason != NULL ? s[i]->reason : "");

  printf ("\n");
  print_table (s, labels, n);
  g_autofree char *time = cl_format_fixed (seconds, 1);
  g_autofree char *rate = cl_format_fixed (samples / MAX (seconds, 1e-9), 0);
  printf (_("Done in %s s, %s samples/s for the runs together.\n"), time, rate);

  int status = 0;
  if (args->curves != NULL)
    {
      if (write_curves (s, labels, n, setting, args->curves, &error))
        printf (_("Curves written to %s.\n"), args->curves);
      else
        status = cl_cli_fail (error);
    }
  g_clear_error (&error);
  if (status == 0 && args->save_race != NULL)
    {
      if (cl_race_file_save (args->save_race, args->design, setting, (const char *const *) values,
                             s, n, &error))
        printf (_("Race saved to %s, its runs beside it.\n"), args->save_race);
      else
        status = cl_cli_fail (error);
    }
  for (int i = 0; i < n; i++)
    {
      cl_snapshot_unref (s[i]);
      g_free (labels[i]);
    }
  return status;
}
