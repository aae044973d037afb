#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>

#include "render/render-augment.h"
#include "render/render-private.h"

#define DEFAULT_COUNT 8

void
cl_render_augment_options_init (ClRenderAugmentOptions *options)
{
  *options = (ClRenderAugmentOptions) { .seed = 1, .count = DEFAULT_COUNT };
}

static void
draw_image (cairo_t *cr, const float *v, int c, int h, int w, double x, double y, double side,
            double lo, double hi)
{
  double cell = side / MAX (h, w);
  gsize plane = (gsize) h * w;

  if (c == 3)
    _cl_render_rgb_grid (cr, v, plane, h, w, x, y, cell, cell, lo, hi);
  else
    _cl_render_grid (cr, v, h, w, w, x, y, cell, cell, CL_MAP_GREY, lo, hi);
}

gboolean
cl_render_augment (cairo_t *cr, const float *image, int channels, int height, int width,
                   guint index, const ClRenderAugmentOptions *options, int w, int h)
{
  ClRenderAugmentOptions defaults;
  ClPalette p;

  if (options == NULL)
    {
      cl_render_augment_options_init (&defaults);
      options = &defaults;
    }
  if (!_cl_render_begin (cr, &options->style, w, h, &p))
    return FALSE;
  if (image == NULL || !cl_augment_fits (height, width))
    {
      _cl_render_message (cr, &p, w, h,
                          image == NULL ? _("No training image yet.")
                                        : _("Augmentation is for images: these samples are points."));
      _cl_render_end (cr);
      return FALSE;
    }

  int count = options->count > 1 ? options->count : DEFAULT_COUNT;
  gsize size = (gsize) channels * height * width;
  g_autofree float *redrawn = g_new (float, size);
  double lo, hi;
  /* One grey scale for the whole strip: interpolation never leaves the
   * original's range, so brightness reads the same in every picture. */
  _cl_render_min_max (image, size, &lo, &hi);

  double m = p.font * 0.6, caption = p.font * 0.9;
  double pitch = (w - 2 * m) / count;
  double side = MIN (pitch * 0.92, h - 2 * m - caption * 1.6);
  if (side < 4)
    {
      _cl_render_end (cr);
      return FALSE;
    }
  double top = m + MAX (0, (h - 2 * m - side - caption * 1.6) / 2);
  guint64 key = cl_augment_key (options->seed);
  for (int i = 0; i < count; i++)
    {
      double x = m + i * pitch + (pitch - side) / 2;
      const float *shown = image;
      g_autofree char *label = NULL;
      if (i == 0)
        label = g_strdup (C_("augmented samples", "Original"));
      else
        {
          int epoch = options->first_epoch + i - 1;
          cl_augment_sample (&options->augment, key, (guint64) epoch, index, image, redrawn,
                             channels, height, width);
          shown = redrawn;
          label = g_strdup_printf (_("Epoch %d"), epoch + 1);
        }
      draw_image (cr, shown, channels, height, width, x, top, side, lo, hi);
      /* Framed, so that a white image does not melt into the background. */
      _cl_render_set_color (cr, i == 0 ? p.fg : p.muted, 1);
      cairo_set_line_width (cr, MAX (1, side * 0.015));
      cairo_rectangle (cr, x, top, side, side);
      cairo_stroke (cr);
      _cl_render_set_color (cr, i == 0 ? p.fg : p.muted, 1);
      _cl_render_text (cr, x + side / 2, top + side + caption * 0.3, 0.5, 0,
                       _cl_render_fit_size (cr, caption, i == 0, label, pitch * 0.98), i == 0,
                       label);
    }
  _cl_render_end (cr);
  return TRUE;
}
