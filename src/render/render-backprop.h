/* render-backprop.h — backpropagation on one sample, stage by stage: the
 * network as neurons and links with the numbers the engine computed
 * (engine/backprop-trace.h), the current stage highlighted and its formula
 * written out with its numbers ("∂E/∂w₁₃ = ∂E/∂x₃ · y₁ = 0,0053 · 0,35 =
 * 0,0019").
 *
 * The stages follow the chain rule: forward neuron by neuron, layer by
 * layer; the loss; then from the output back, for each layer, ∂E/∂y, f′(x)
 * and ∂E/∂x of each neuron followed by ∂E/∂w and ∂E/∂b of the links into
 * it; last the update w ← w − η·∂E/∂w.  Only what is computed by the stage
 * shown carries a number.  When a layer is too dense for numbers on every
 * neuron and link, only the highlighted ones carry them; colour shows the
 * rest.
 */
#pragma once

#include <cairo.h>

#include "engine/backprop-trace.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef enum {
  CL_BACKPROP_FORWARD,    /* x and y of one neuron */
  CL_BACKPROP_LOSS,       /* E for the target */
  CL_BACKPROP_BACKWARD,   /* ∂E/∂y, f′(x), ∂E/∂x of one neuron */
  CL_BACKPROP_GRADIENTS,  /* ∂E/∂w of the links into one neuron, ∂E/∂b */
  CL_BACKPROP_UPDATE,     /* the new weights of the links into one neuron */
} ClBackpropPhase;

typedef struct {
  ClBackpropPhase phase;
  int layer;  /* neuron layer, 1 … n_layers - 1 (0 for the loss) */
  int unit;
} ClBackpropStage;

int             cl_backprop_get_n_stages (const ClBackpropTrace *trace);
/* Stage i (clamped to the range). */
ClBackpropStage cl_backprop_get_stage    (const ClBackpropTrace *trace, int i);

/* The formula of stage i with its numbers, one line each (translated,
 * numbers in the interface language): what the picture writes under the
 * network.  The title of the stage in *title (nullable, g_free). */
GPtrArray      *cl_backprop_dup_formulas (const ClBackpropTrace *trace, int i, char **title);

typedef struct {
  ClRenderStyle style;
  int stage;      /* which stage is shown, 0 … n_stages - 1 */
} ClRenderBackpropOptions;

void     cl_render_backprop_options_init (ClRenderBackpropOptions *options);

/* The centre and radius of a neuron in a picture of that size and style:
 * where the tests look for the highlight. */
void     cl_render_backprop_neuron       (const ClBackpropTrace *trace,
                                          const ClRenderBackpropOptions *options, int width,
                                          int height, int layer, int unit, double *x, double *y,
                                          double *radius);

/* FALSE (a message drawn instead) when there is no trace. */
gboolean cl_render_backprop              (cairo_t *cr, const ClBackpropTrace *trace,
                                          const ClRenderBackpropOptions *options, int width,
                                          int height);

G_END_DECLS
