#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "render/render-confusion.h"
#include "render/number-format.h"
#include "render/render-private.h"

void
cl_render_confusion_options_init (ClRenderConfusionOptions *options)
{
  *options = (ClRenderConfusionOptions) { 0 };
}

static char *
class_name (const ClRenderConfusionOptions *o, int i)
{
  if (o->class_names != NULL && o->class_names[i] != NULL)
    return g_strdup (o->class_names[i]);
  return g_strdup_printf ("%d", i);
}

gboolean
cl_render_confusion (cairo_t *cr, const ClSnapshot *s, const ClRenderConfusionOptions *options,
                     int width, int height)
{
  ClRenderConfusionOptions defaults;
  ClPalette p;

  if (options == NULL)
    {
      cl_render_confusion_options_init (&defaults);
      options = &defaults;
    }
  if (!_cl_render_begin (cr, &options->style, width, height, &p))
    return FALSE;
  if (s == NULL || s->confusion == NULL || s->n_classes < 2)
    {
      _cl_render_message (cr, &p, width, height,
                          s != NULL && s->n_classes == 0
                            ? _("A confusion matrix needs a classification task.")
                            : _("No test evaluation yet: it comes at the end of each epoch."));
      _cl_render_end (cr);
      return FALSE;
    }

  int k = s->n_classes;
  guint64 total = 0, correct = 0;
  for (int i = 0; i < k; i++)
    for (int j = 0; j < k; j++)
      {
        total += s->confusion[i * k + j];
        if (i == j)
          correct += s->confusion[i * k + j];
      }

  /* Room for the longest class name on the left and under the matrix. */
  double label_size = p.font * 0.85, name_w = 0;
  for (int i = 0; i < k; i++)
    {
      g_autofree char *name = class_name (options, i);
      name_w = MAX (name_w, _cl_render_text_width (cr, label_size, FALSE, name));
    }
  double m = p.font * 0.8, head = p.font * 2.0, legend_h = p.font * 3.0;
  name_w = MIN (name_w, width * 0.3);
  double left = m + p.font * 1.6 + name_w + p.font * 0.5;
  /* Column names go under at 45°: their height is about 0.72 × their width. */
  double bottom = name_w * 0.72 + p.font * 2.2;
  double avail_w = width - left - m, avail_h = height - head - m - bottom - legend_h;
  double cell = floor (MIN (avail_w, avail_h) / k);
  if (cell < 2)
    {
      _cl_render_message (cr, &p, width, height, _("Too small to draw."));
      _cl_render_end (cr);
      return FALSE;
    }
  double gx = left + (avail_w - cell * k) / 2, gy = head + m;

  g_autofree char *title = NULL;
  if (total > 0)
    {
      g_autofree char *count = cl_format_count (total);
      g_autofree char *share = cl_format_percent ((double) correct / total, 1);
      /* Translators: "Confusion matrix — 1 000 test samples, 87,4 % correct". */
      title = g_strdup_printf (ngettext ("Confusion matrix — %s test sample, %s correct",
                                         "Confusion matrix — %s test samples, %s correct",
                                         total),
                               count, share);
    }
  else
    title = g_strdup (_("Confusion matrix"));
  _cl_render_set_color (cr, p.fg, 1);
  _cl_render_text (cr, m, m + p.font * 0.5, 0, 0.5,
                   _cl_render_fit_size (cr, p.font, TRUE, title, width - 2 * m), TRUE, title);

  for (int i = 0; i < k; i++)
    {
      guint64 row = 0;
      for (int j = 0; j < k; j++)
        row += s->confusion[i * k + j];
      for (int j = 0; j < k; j++)
        {
          guint count = s->confusion[i * k + j];
          double f = row > 0 ? (double) count / row : NAN;
          ClColor c = row > 0 ? cl_colormap_sequential (f) : p.grid;
          double x = gx + j * cell, y = gy + i * cell;
          _cl_render_set_color (cr, c, 1);
          cairo_rectangle (cr, x, y, cell - 1, cell - 1);
          cairo_fill (cr);
          char text[32];
          g_snprintf (text, sizeof text, "%u", count);
          double size = _cl_render_fit_size (cr, MIN (cell * 0.32, p.font), FALSE, text, cell * 0.85);
          if (size >= 7)
            {
              double lum = 0.2126 * c.r + 0.7152 * c.g + 0.0722 * c.b;
              cairo_set_source_rgb (cr, lum < 0.45 ? 1 : 0, lum < 0.45 ? 1 : 0, lum < 0.45 ? 1 : 0);
              _cl_render_text (cr, x + cell / 2, y + cell / 2, 0.5, 0.5, size, i == j, text);
            }
        }
    }

  /* Class names: rows on the left, columns under at 45°. */
  double ls = MIN (label_size, cell * 0.8);
  _cl_render_set_color (cr, p.fg, 1);
  /* Under 6 px a name is a smudge: with a hundred classes, none. */
  for (int i = 0; i < k && ls >= 6; i++)
    {
      g_autofree char *name = class_name (options, i);
      double size = _cl_render_fit_size (cr, ls, FALSE, name, name_w);
      _cl_render_text (cr, gx - p.font * 0.4, gy + (i + 0.5) * cell, 1, 0.5, size, FALSE, name);
      cairo_save (cr);
      cairo_translate (cr, gx + (i + 0.5) * cell, gy + k * cell + p.font * 0.3);
      cairo_rotate (cr, -G_PI / 4);
      _cl_render_text (cr, 0, 0, 1, 0.5, size, FALSE, name);
      cairo_restore (cr);
    }
  /* Axis titles. */
  _cl_render_set_color (cr, p.muted, 1);
  cairo_save (cr);
  cairo_translate (cr, m + p.font * 0.5, gy + k * cell / 2);
  cairo_rotate (cr, -G_PI / 2);
  _cl_render_text (cr, 0, 0, 0.5, 0.5, p.font * 0.85, FALSE, _("true class"));
  cairo_restore (cr);
  _cl_render_text (cr, gx + k * cell / 2, gy + k * cell + bottom - p.font * 0.6, 0.5, 0.5,
                   p.font * 0.85, FALSE, _("predicted class"));

  /* Legend: what the colour means. */
  double bar_w = MIN (p.font * 16, width - 2 * m - p.font * 10);
  _cl_render_colorbar (cr, &p, width - m - bar_w - p.font * 6, height - m - legend_h + p.font * 0.6,
                       bar_w + p.font * 6, p.font * 0.8, CL_MAP_SEQUENTIAL, 0, 1,
                       _("fraction of the row"));
  _cl_render_end (cr);
  return TRUE;
}
