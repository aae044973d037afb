#define G_LOG_DOMAIN "convlab-cli"

#include "config.h"

#include <cairo.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

#include "cli-common.h"
#include "engine/atomic-file.h"
#include "engine/landscape.h"
#include "engine/error.h"
#include "engine/snapshot-net.h"
#include "engine/trainer.h"
#include "render/number-format.h"
#include "render/render-export.h"
#include "render/render-landscape.h"

typedef struct {
  gboolean tty;
  int resolution;
} Progress;

static gboolean
show_row (const ClLandscape *l, int row, gpointer data)
{
  Progress *p = data;
  if (p->tty)
    {
      fputc ('\r', stderr);
      fprintf (stderr, _("Landscape: row %d of %d"), row + 1, p->resolution);
      fflush (stderr);
    }
  return TRUE;
}

/* A design is trained here first (its checkpoints give the path); a model
 * is used as it is. */
static ClSnapshot *
weights_of (const char *path, const char *source, int epochs, ClDesign **design,
            ClDataset **data, GError **error)
{
  g_autoptr(ClNet) net = NULL;

  if (!cl_cli_open (path, 1, design, &net, error))
    return NULL;
  *data = cl_cli_load_data (*design, source, error);
  if (*data == NULL || !cl_trainer_check_fits ((*design)->spec, *data, error))
    return NULL;
  if (net != NULL)
    return cl_snapshot_new_from_net (net, *data, 0, 0, error);

  ClTrainerOptions options;
  cl_trainer_options_init (&options);
  options.probe_count = 0;
  g_autoptr(ClTrainer) trainer = cl_trainer_new ((*design)->spec, *data, &options, error);
  if (trainer == NULL)
    return NULL;
  if (epochs <= 0)
    epochs = cl_net_spec_peek_train ((*design)->spec)->epochs;
  fprintf (stderr, ngettext ("Training %s for %d epoch first, to have a path…\n",
                             "Training %s for %d epochs first, to have a path…\n", epochs),
           path, epochs);
  cl_trainer_run_epochs (trainer, epochs);
  ClSnapshot *s = cl_trainer_get_snapshot (trainer);
  while (s->state != CL_TRAINER_FINISHED && s->state != CL_TRAINER_DIVERGED)
    {
      guint64 version = s->version;
      cl_snapshot_unref (s);
      s = cl_trainer_wait_snapshot (trainer, version, G_USEC_PER_SEC);
    }
  if (s->state == CL_TRAINER_DIVERGED)
    {
      g_set_error_literal (error, CL_ERROR, CL_ERROR_DIVERGED, s->reason);
      cl_snapshot_unref (s);
      return NULL;
    }
  return s;
}

static gboolean
write_csv (const ClLandscape *l, const char *path, GError **error)
{
  g_autoptr(GString) csv = g_string_new ("x,y,loss\n");
  int n = l->resolution;
  for (int j = 0; j < n; j++)
    for (int i = 0; i < n; i++)
      {
        char x[G_ASCII_DTOSTR_BUF_SIZE], y[G_ASCII_DTOSTR_BUF_SIZE], v[G_ASCII_DTOSTR_BUF_SIZE];
        g_ascii_dtostr (x, sizeof x, -l->range + 2 * l->range * i / (n - 1));
        g_ascii_dtostr (y, sizeof y, -l->range + 2 * l->range * j / (n - 1));
        g_ascii_dtostr (v, sizeof v, l->loss[j * n + i]);
        g_string_append_printf (csv, "%s,%s,%s\n", x, y, v);
      }
  return cl_atomic_file_set_contents (path, csv->str, csv->len, error);
}

static gboolean
draw_png (const ClLandscape *l, gboolean surface, const char *path, int width, int height,
          GError **error)
{
  cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (image);
  ClRenderLandscapeOptions options;

  cl_render_landscape_options_init (&options);
  if (surface)
    cl_render_landscape_surface (cr, l, &options, width, height);
  else
    cl_render_landscape_map (cr, l, &options, width, height);
  cairo_destroy (cr);
  gboolean written = cl_render_write_png (image, path, error);
  cairo_surface_destroy (image);
  return written;
}

int
cl_cli_landscape (int argc, char **argv)
{
  g_autofree char *source = NULL, *out = NULL, *csv = NULL, *axes = NULL, *size = NULL;
  g_autofree char *range_text = NULL;
  int grid = 31, samples = 1000, epochs = 0, status;
  double range = 0;
  gboolean surface = FALSE;
  GOptionEntry entries[] = {
    { "data", 'd', 0, G_OPTION_ARG_STRING, &source, N_("Data the loss is measured on (default: the model’s)"), N_("SOURCE") },
    { "grid", 'g', 0, G_OPTION_ARG_INT, &grid, N_("Points per side of the grid (3 to 101; default 31)"), N_("N") },
    { "samples", 'n', 0, G_OPTION_ARG_INT, &samples, N_("Training samples the loss is measured on (default 1000)"), N_("N") },
    { "axes", 'a', 0, G_OPTION_ARG_STRING, &axes, N_("random (filter-normalised) or pca (of the training path)"), N_("AXES") },
    { "range", 'r', 0, G_OPTION_ARG_STRING, &range_text, N_("Half-width of the grid (default: 1, or the path’s extent for pca)"), N_("R") },
    { "epochs", 'e', 0, G_OPTION_ARG_INT, &epochs, N_("For a design: epochs to train first"), N_("N") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_("Write the picture here"), N_("FILE.png") },
    { "surface", 's', 0, G_OPTION_ARG_NONE, &surface, N_("Draw the 3D surface instead of the map"), NULL },
    { "csv", 'c', 0, G_OPTION_ARG_FILENAME, &csv, N_("Write the grid as CSV here"), N_("FILE.csv") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size, N_("Picture size (default 1200x1000)"), N_("WxH") },
    { NULL },
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("MODEL|DESIGN — the loss around the weights"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) design = NULL;
  g_autoptr(ClDataset) data = NULL;
  int width = 1200, height = 1000;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!cl_cli_parse (context, &argc, &argv, &status))
    return status;
  if (argc != 2 || (out == NULL && csv == NULL))
    return cl_cli_fail_message (_("landscape needs one model or design file and --out or --csv."));
  if (size != NULL && !cl_cli_parse_size (size, &width, &height))
    return cl_cli_fail_message (_("--size must be WIDTHxHEIGHT, each from 16 to %d pixels, not “%s”."),
                                CL_RENDER_MAX_SIDE, size);
  /* Read as text: a number option would take "nan" and give no way to
   * tell "-3" from the default. */
  if (range_text != NULL && !cl_cli_parse_positive (range_text, CL_CLI_MAX_RANGE, &range))
    return cl_cli_fail_message (_("--range must be a number above 0 and at most %g, not “%s”."),
                                CL_CLI_MAX_RANGE, range_text);
  /* Checked before the long computation, not after it. */
  if ((out != NULL && !cl_atomic_file_check_target (out, &error))
      || (csv != NULL && !cl_atomic_file_check_target (csv, &error)))
    return cl_cli_fail (error);

  ClLandscapeOptions options;
  cl_landscape_options_init (&options);
  options.resolution = grid;
  options.n_samples = samples;
  options.range = range > 0 ? range : 1.0;
  if (axes != NULL && g_str_equal (axes, "pca"))
    {
      options.axes = CL_LANDSCAPE_PCA;
      options.range = range;   /* 0: frame the path */
    }
  else if (axes != NULL && !g_str_equal (axes, "random"))
    return cl_cli_fail_message (_("--axes is random or pca."));

  g_autoptr(ClSnapshot) s = weights_of (argv[1], source, epochs, &design, &data, &error);
  if (s == NULL)
    return cl_cli_fail (error);
  if (options.axes == CL_LANDSCAPE_PCA && s->checkpoints->len < 3)
    return cl_cli_fail_message (_("A saved model holds no training path: give its design to train it "
                                  "here, or use --axes random."));

  Progress progress = { isatty (fileno (stderr)), grid };
  gint64 start = g_get_monotonic_time ();
  g_autoptr(ClLandscape) l = cl_landscape_compute (s->spec, s->params, s->buffers, data,
                                                   s->checkpoints, &options, show_row, &progress,
                                                   &error);
  double seconds = (g_get_monotonic_time () - start) / 1e6;
  if (progress.tty)
    fputc ('\n', stderr);
  if (l == NULL)
    return cl_cli_fail (error);
  if (csv != NULL && !write_csv (l, csv, &error))
    return cl_cli_fail (error);
  if (out != NULL && !draw_png (l, surface, out, width, height, &error))
    return cl_cli_fail (error);
  int measured = MIN (samples, (int) cl_dataset_get_n (data, CL_DATASET_TRAIN));
  g_autofree char *time = cl_format_fixed (seconds, 1);
  g_autofree char *per_point = cl_format_fixed (1000 * seconds / (grid * grid), 1);
  g_autofree char *center = cl_format_fixed (l->center_loss, 4);
  printf (ngettext ("Landscape of %d×%d points on %d sample in %s s (%s ms a point); loss at "
                    "the weights %s.\n",
                    "Landscape of %d×%d points on %d samples in %s s (%s ms a point); loss at "
                    "the weights %s.\n", measured),
          grid, grid, measured, time, per_point, center);
  if (l->axes == CL_LANDSCAPE_PCA)
    {
      g_autofree char *first = cl_format_percent (l->explained[0], 1);
      g_autofree char *second = cl_format_percent (l->explained[1], 1);
      printf (_("The plane holds %s + %s of the path’s variance.\n"), first, second);
    }
  return 0;
}
