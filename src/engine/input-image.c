#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "engine/dataset-private.h"
#include "engine/error.h"
#include "engine/input-image.h"

gboolean
cl_input_check_image_shape (ClShape in, GError **error)
{
  if (in.h != in.w || (in.c != 1 && in.c != 3) || in.h < 1)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   _("This network takes %d×%d×%d inputs, which no image file gives."),
                   in.c, in.h, in.w);
      return FALSE;
    }
  return TRUE;
}

gboolean
cl_input_load_image (ClShape in, const char *path, float *pixels, GError **error)
{
  if (!cl_input_check_image_shape (in, error))
    return FALSE;
  return _cl_image_load (path, (guint) in.h, (guint) in.c, pixels, error);
}

void
cl_input_invert (float *pixels, gsize n)
{
  for (gsize k = 0; k < n; k++)
    pixels[k] = 1.0f - pixels[k];
}

void
cl_input_normalise (float *x, ClShape in, ClDatasetNorm norm, const ClDataset *stats)
{
  gsize plane = (gsize) in.h * in.w, n = plane * in.c;

  switch (norm)
    {
    case CL_DATASET_NORM_NONE:
    case CL_DATASET_NORM_UNIT:
      break;
    case CL_DATASET_NORM_STANDARD:
      if (stats == NULL || stats->norm != CL_DATASET_NORM_STANDARD
          || stats->channels != (guint) in.c)
        break;
      for (int c = 0; c < in.c; c++)
        {
          float m = stats->mean[c], inv = 1.0f / stats->std[c];
          for (gsize k = 0; k < plane; k++)
            x[c * plane + k] = (x[c * plane + k] - m) * inv;
        }
      break;
    case CL_DATASET_NORM_CONTRAST:
      /* Per image, so one image is enough to do what training did. */
      cl_contrast_normalise (x, n);
      break;
    }
}

gboolean
cl_input_read_image (ClShape in, ClDatasetNorm norm, const ClDataset *stats, const char *path,
                     gboolean invert, float *x, GError **error)
{
  if (!cl_input_load_image (in, path, x, error))
    return FALSE;
  if (invert)
    cl_input_invert (x, (gsize) in.c * in.h * in.w);
  cl_input_normalise (x, in, norm, stats);
  return TRUE;
}

/* Distance from (px, py) to the segment (x0, y0)–(x1, y1). */
static double
segment_distance (double px, double py, double x0, double y0, double x1, double y1)
{
  double dx = x1 - x0, dy = y1 - y0, len2 = dx * dx + dy * dy;
  double t = len2 > 0 ? ((px - x0) * dx + (py - y0) * dy) / len2 : 0;
  t = CLAMP (t, 0, 1);
  return hypot (px - (x0 + t * dx), py - (y0 + t * dy));
}

/* A row or column bound inside [0, n - 1], clamped as a double first: a
 * pointer far off the pad must not overflow the cast. */
static int
clamp_index (double v, int n)
{
  return (int) CLAMP (v, 0, n - 1);
}

void
cl_input_stroke (float *pixels, ClShape in, double x0, double y0, double x1, double y1,
                 double radius, float value)
{
  gsize plane = (gsize) in.h * in.w;

  if (!isfinite (x0) || !isfinite (y0) || !isfinite (x1) || !isfinite (y1) || !(radius > 0))
    return;
  /* Only the pixels the disc can reach: a point far outside the pad costs
   * nothing. */
  double reach = radius + 1;
  int i0 = clamp_index (floor (MIN (y0, y1) - reach), in.h);
  int i1 = clamp_index (ceil (MAX (y0, y1) + reach), in.h);
  int j0 = clamp_index (floor (MIN (x0, x1) - reach), in.w);
  int j1 = clamp_index (ceil (MAX (x0, x1) + reach), in.w);
  for (int i = i0; i <= i1; i++)
    for (int j = j0; j <= j1; j++)
      {
        double d = segment_distance (j + 0.5, i + 0.5, x0, y0, x1, y1);
        float cover = (float) CLAMP (radius + 0.5 - d, 0, 1);
        if (!(cover > 0))   /* also NaN: a segment too long for doubles */
          continue;
        for (int c = 0; c < in.c; c++)
          {
            float *p = pixels + c * plane + (gsize) i * in.w + j;
            /* Toward `value` by `cover` of the way from the far end of
             * [0, 1], never back: idempotent, so joints do not build up. */
            if (value >= *p)
              *p = MAX (*p, cover * value);
            else
              *p = MIN (*p, 1 - cover * (1 - value));
          }
      }
}
