/* render-neuron.h — one neuron as on the course's first slide: its inputs
 * on the left, the links coloured and thickened by their weights, the
 * neuron (Σ and f), its output, and the computation written out —
 * "Σ wᵢxᵢ + b = ¼·12 + 0·2 + … + 0 = 13,75" then "f(13,75) = 13,75".
 *
 * The computation lives here too (a neuron is two lines of arithmetic), so
 * the numbers the picture writes are the ones the tests check.
 */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "render/number-format.h"
#include "render/render-style.h"

G_BEGIN_DECLS

#define CL_NEURON_MAX_INPUTS  8
#define CL_NEURON_MAX_SAMPLES 4
/* Leaky ReLU's slope for z < 0: PyTorch's default. */
#define CL_NEURON_LEAKY_SLOPE 0.01

typedef enum {
  CL_NEURON_IDENTITY,
  CL_NEURON_STEP,        /* Heaviside: 1 for z ≥ 0, else 0 */
  CL_NEURON_SIGMOID,
  CL_NEURON_TANH,
  CL_NEURON_RELU,
  CL_NEURON_LEAKY_RELU,
  CL_NEURON_N_ACTIVATIONS
} ClNeuronActivation;

typedef struct {
  int n_inputs;                        /* 1 to CL_NEURON_MAX_INPUTS */
  double x[CL_NEURON_MAX_INPUTS];      /* input values */
  double w[CL_NEURON_MAX_INPUTS];      /* weights */
  double b;                            /* bias */
  ClNeuronActivation f;
} ClNeuron;

double      cl_neuron_activate        (ClNeuronActivation f, double z);
/* z = Σ wᵢxᵢ + b, and f(z). */
double      cl_neuron_sum             (const ClNeuron *neuron);
double      cl_neuron_output          (const ClNeuron *neuron);
/* The function's name, translated ("identity", "ReLU"…). */
const char *cl_neuron_activation_name (ClNeuronActivation f);

/* A value as the picture writes it: quarters as ¼ ½ ¾, else at most two
 * decimals without trailing zeros ("13,75", "−10", "0,1"). */
char       *cl_neuron_format_value    (const ClNumberFormat *format, double v);
/* "Σ wᵢxᵢ + b = ¼·12 + 0·2 + … + 0 = 13,75" */
char       *cl_neuron_sum_text        (const ClNeuron *neuron, const ClNumberFormat *format);
/* "f(13,75) = 13,75" */
char       *cl_neuron_output_text     (const ClNeuron *neuron, const ClNumberFormat *format);

typedef struct {
  ClRenderStyle style;
  /* Each input's name ("Maths"…), NULL: x₁, x₂… */
  const char *input_names[CL_NEURON_MAX_INPUTS];
  /* Other samples through the same weights ("show all three students"):
   * a line "Gino: 13,75 · Marin: … " under the computation.  0: none. */
  int n_samples;
  const char *sample_names[CL_NEURON_MAX_SAMPLES];
  double sample_x[CL_NEURON_MAX_SAMPLES][CL_NEURON_MAX_INPUTS];
} ClRenderNeuronOptions;

void     cl_render_neuron_options_init (ClRenderNeuronOptions *options);

typedef struct {
  double x, y;
} ClNeuronPoint;

/* Where the picture puts what a pointer may drag: the widget's hit test
 * uses the same geometry the drawing does. */
typedef struct {
  ClNeuronPoint input[CL_NEURON_MAX_INPUTS];   /* centre of each input's circle */
  double input_radius;
  ClNeuronPoint weight[CL_NEURON_MAX_INPUTS];  /* centre of each weight's label, on its link */
  double label_half_width, label_half_height;  /* of a weight or bias label */
  ClNeuronPoint neuron;
  double neuron_radius;
  ClNeuronPoint bias;                          /* centre of the bias label */
  ClNeuronPoint output;                        /* centre of the output's box */
} ClNeuronLayout;

void     cl_render_neuron_layout (const ClNeuron *neuron, const ClRenderNeuronOptions *options,
                                  int width, int height, ClNeuronLayout *layout);

/* FALSE only for an empty size or a neuron without inputs. */
gboolean cl_render_neuron (cairo_t *cr, const ClNeuron *neuron,
                           const ClRenderNeuronOptions *options, int width, int height);

G_END_DECLS
