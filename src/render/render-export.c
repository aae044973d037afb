#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>

#include "engine/atomic-file.h"
#include "engine/error.h"
#include "render/render-export.h"
#include "render/render-style.h"

cairo_surface_t *
cl_render_export_surface_new (int width, int height, int scale, cairo_t **cr, GError **error)
{
  g_return_val_if_fail (cr != NULL, NULL);
  *cr = NULL;
  if (scale < 1 || scale > CL_RENDER_MAX_SCALE)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("The scale must be from 1 to %d, not %d."), CL_RENDER_MAX_SCALE, scale);
      return NULL;
    }
  /* Checked before multiplying: no overflow whatever the input. */
  if (width < 16 || height < 16 || width > CL_RENDER_MAX_SIDE / scale
      || height > CL_RENDER_MAX_SIDE / scale)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("A picture must be between 16 and %d pixels wide and high, scale included "
                     "(%d×%d at %d× is %lld×%lld)."),
                   CL_RENDER_MAX_SIDE, width, height, scale, (long long) width * scale,
                   (long long) height * scale);
      return NULL;
    }
  cairo_surface_t *surface =
    cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * scale, height * scale);
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("Not enough memory for a %d×%d picture."), width * scale, height * scale);
      return NULL;
    }
  *cr = cairo_create (surface);
  cairo_scale (*cr, scale, scale);
  return surface;
}

typedef struct {
  ClAtomicFile *file;
  GError *error;   /* the first write's failure, with the system's cause */
} PngWriter;

static cairo_status_t
write_chunk (void *closure, const unsigned char *data, unsigned int length)
{
  PngWriter *w = closure;

  if (w->error != NULL)
    return CAIRO_STATUS_WRITE_ERROR;
  return cl_atomic_file_write (w->file, data, length, &w->error) ? CAIRO_STATUS_SUCCESS
                                                                : CAIRO_STATUS_WRITE_ERROR;
}

gboolean
cl_render_write_png (cairo_surface_t *surface, const char *path, GError **error)
{
  PngWriter w = { cl_atomic_file_open (path, error), NULL };

  if (w.file == NULL)
    return FALSE;
  cairo_surface_flush (surface);
  cairo_status_t status = cairo_surface_write_to_png_stream (surface, write_chunk, &w);
  if (w.error != NULL || status != CAIRO_STATUS_SUCCESS)
    {
      cl_atomic_file_abort (w.file);
      if (w.error != NULL)
        g_propagate_error (error, w.error);
      else
        {
          g_autofree char *name = g_filename_display_name (path);
          /* Translators: the first %s is a file name, the second Cairo's reason. */
          g_set_error (error, CL_ERROR, CL_ERROR_IO, _("Could not write “%s”: %s."), name,
                       cairo_status_to_string (status));
        }
      return FALSE;
    }
  return cl_atomic_file_commit (w.file, error);
}
