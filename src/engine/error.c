#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include "engine/error.h"

G_DEFINE_QUARK (cl-error-quark, cl_error)
