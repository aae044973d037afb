/* render-backprop-private.h — what the picture (render-backprop.c) and its
 * formulas (render-backprop-formulas.c) share: the neurons' numbers and
 * names as the slide writes them, numbers for people, and where a stage
 * falls.  Not for use outside src/render. */
#pragma once

#include "render/render-backprop.h"

G_BEGIN_DECLS

/* The index of the stage (phase, layer, unit); the loss ignores layer and
 * unit: what "already computed" is measured against. */
int   _cl_backprop_stage_index   (const ClBackpropTrace *trace, ClBackpropPhase phase, int layer,
                                  int unit);
/* The course numbers neurons from 1, input first, layer after layer. */
int   _cl_backprop_neuron_number (const ClBackpropTrace *trace, int layer, int unit);
/* "y₃", "∂E/∂x₁₂": the stem and the number as subscript (g_free). */
char *_cl_backprop_name          (const char *stem, int n);
/* Three significant digits in the interface language (g_free). */
char *_cl_backprop_num           (double v);

G_END_DECLS
