#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>

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
