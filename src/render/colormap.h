/* colormap.h — the perceptual colour maps every picture uses.
 *
 * Diverging (signed values: weights, gradients) is blue - white - red, white
 * at zero.  Sequential (activations, densities, losses) is viridis: uniform in
 * lightness and readable in grey on a projector.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  double r, g, b;   /* each in [0, 1] */
} ClColor;

/* t in [0, 1]; values outside are clamped, NaN gives mid grey. */
ClColor cl_colormap_sequential (double t);
/* t in [-1, 1]: -1 blue, 0 white, +1 red; clamped, NaN gives mid grey. */
ClColor cl_colormap_diverging  (double t);

G_END_DECLS
