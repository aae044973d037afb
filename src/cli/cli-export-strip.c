#define G_LOG_DOMAIN "convlab-cli"

#include "config.h"

#include <cairo.h>
#include <glib/gi18n.h>
#include <stdio.h>

#include "cli-common.h"
#include "cli-export-strip.h"
#include "engine/model-timelapse.h"
#include "render/render-export.h"
#include "render/render-filters-strip.h"

int
cl_cli_export_strip (const char *model, const char *steps_text, const ClRenderStyle *style,
                     int width, int height, int scale, const char *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) design = NULL;
  g_autoptr(ClNet) net = NULL;

  /* The list first: a typo is reported before a model is read. */
  g_autoptr(GArray) steps = cl_timelapse_parse_steps (steps_text, "--steps", &error);
  if (steps == NULL)
    return cl_cli_fail (error);
  if (!cl_cli_open (model, 1, &design, &net, &error))
    return cl_cli_fail (error);
  if (net == NULL)
    return cl_cli_fail_message (_("%s is a design, not a trained model: a time-lapse needs the "
                                  "checkpoints of a training run (convlab-cli train %s --save "
                                  "MODEL.safetensors)."),
                                model, model);
  int layer, filters, channels, k;
  if (!cl_timelapse_first_conv (design->spec, &layer, &filters, &channels, &k))
    return cl_cli_fail_message (_("%s has no Conv2D layer: there are no filters to draw."), model);
  g_autoptr(ClTimelapse) timelapse = cl_model_load_timelapse (model, design->spec, &error);
  if (error != NULL)
    return cl_cli_fail (error);
  if (timelapse == NULL)
    return cl_cli_fail_message (_("%s has no checkpoints of its filters (a model saved before "
                                  "ConvLab kept them, or not from a training run): train it with "
                                  "“convlab-cli train DESIGN --save MODEL.safetensors” or save it "
                                  "from the window with Save Trained Network…"),
                                model);

  ClRenderFiltersStripOptions options;
  cl_render_filters_strip_options_init (&options);
  options.style = *style;
  options.steps = (const guint64 *) steps->data;
  options.n_steps = (int) steps->len;
  if (height == 0)
    height = MIN (cl_render_filters_strip_height (timelapse, &options, width),
                  CL_RENDER_MAX_SIDE / scale);

  cairo_t *cr;
  cairo_surface_t *surface = cl_render_export_surface_new (width, height, scale, &cr, &error);
  if (surface == NULL)
    return cl_cli_fail (error);
  gboolean drawn = cl_render_filters_strip (cr, timelapse, &options, width, height);
  cairo_destroy (cr);
  gboolean written = drawn && cl_render_write_png (surface, out, &error);
  cairo_surface_destroy (surface);
  if (!drawn)
    return cl_cli_fail_message (_("Nothing to draw for the time-lapse of %s."), model);
  if (!written)
    return cl_cli_fail (error);

  /* What each row shows, for the notes beside the slide. */
  int n_rows;
  g_autofree ClFiltersStripRow *rows = cl_render_filters_strip_rows (timelapse, &options, &n_rows);
  for (int r = 0; r < n_rows; r++)
    {
      g_autofree char *caption = cl_render_filters_strip_caption (timelapse, &rows[r]);
      printf ("%s\n", caption);
    }
  printf (_("Wrote %s (%d×%d).\n"), out, width * scale, height * scale);
  return 0;
}
