/* error.h — the engine's GError domain.
 *
 * Every engine function that can fail takes `GError **error` last and returns
 * FALSE or NULL; the message is a full sentence a user can act on.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CL_ERROR (cl_error_quark ())

typedef enum {
  CL_ERROR_INVALID_DESIGN,   /* a design that cannot be compiled */
  CL_ERROR_TOO_LARGE,        /* over a size limit: refused before allocating */
  CL_ERROR_IO,               /* a file could not be read or written */
  CL_ERROR_FORMAT,           /* a file is not of the expected format */
  CL_ERROR_TRUNCATED,        /* a file ends before its header says it does */
  CL_ERROR_VERSION,          /* a file from a newer version of ConvLab */
  CL_ERROR_MISMATCH,         /* two inputs that should agree do not */
  CL_ERROR_DIVERGED,         /* NaN or Inf in the loss or the parameters */
  CL_ERROR_CANCELLED,        /* a long job stopped at the user's request */
  CL_ERROR_EMPTY,            /* nothing usable was left */
} ClError;

GQuark cl_error_quark (void);

G_END_DECLS
