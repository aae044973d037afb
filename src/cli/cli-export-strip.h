/* cli-export-strip.h — `convlab-cli export filters MODEL --steps 0,50,200`:
 * the filters' time-lapse strip of a saved model (render-filters-strip.h). */
#pragma once

#include <glib.h>

#include "render/render-style.h"

G_BEGIN_DECLS

/* width × height at `scale`; height 0: the strip's own for that width.
 * Returns the exit status, having said why on stderr. */
int cl_cli_export_strip (const char *model, const char *steps, const ClRenderStyle *style,
                         int width, int height, int scale, const char *out);

G_END_DECLS
