/* net.h — a design compiled for a batch size: the network instance.
 *
 * All parameters live in ONE contiguous float block (the gradients in a
 * second, the optimiser state in a third, the running statistics in a
 * fourth), with per-layer views into them: cheap to snapshot, save and
 * perturb.  Activations, their gradients and a shared workspace are
 * allocated once here; forward and backward never allocate.
 *
 *   g_autoptr(ClNet) net = cl_net_new (spec, 64, &error);
 *   cl_net_init (net, seed);
 *   while (...)
 *     if (!cl_net_train_step (net, x, labels, NULL, n, &result, &error))
 *       ... CL_ERROR_DIVERGED: show it; cl_net_init() recovers ...
 */
#pragma once

#include <glib.h>

#include "engine/layer-registry.h"
#include "engine/net-spec.h"

G_BEGIN_DECLS

/* Refused before allocating: a typo of 2000000000 units must not take 8 GB. */
#define CL_NET_MAX_PARAMS      G_GUINT64_CONSTANT (50000000)
#define CL_NET_MAX_ACTIVATIONS G_GUINT64_CONSTANT (256000000)  /* floats, all layers */
#define CL_NET_MAX_BATCH       65536

typedef struct _ClNet ClNet;

typedef struct {
  double loss;      /* mean over the batch */
  double accuracy;  /* fraction correct in [0, 1]; NAN for the MSE loss */
  int correct;      /* samples (BCE: values) classified right */
  int n;            /* samples in the batch */
} ClStepResult;

/* Shape inference and allocation.  On a bad design, NULL and an error
 * (CL_ERROR_INVALID_DESIGN or CL_ERROR_TOO_LARGE) whose message names the
 * layer ("Conv2D #3: kernel 5x5 is larger than its 4x4 input"). */
ClNet           *cl_net_new                (const ClNetSpec *spec, int batch_size, GError **error);
/* What the editor shows under each block. */
typedef struct {
  ClShape out;
  guint64 n_params;  /* trained values */
} ClLayerInfo;

/* Shape inference alone, batch 1, nothing allocated: cheap on every edit.
 * Fills info[0 .. n_layers) (may be NULL) for the layers whose shape is known
 * (all of them when valid; those before the failing one otherwise, zeros
 * after).  On an invalid design, FALSE, the same error as cl_net_new () and
 * *failed_layer the 0-based index of the layer at fault, or -1 when no layer
 * is (the input shape, an empty network). */
gboolean         cl_net_spec_check         (const ClNetSpec *spec, ClLayerInfo *info,
                                            int *failed_layer, GError **error);
/* Shape inference alone, like cl_net_spec_check (): each layer's plan (its
 * tensors' names, dims and counts) into plans[0 .. n_layers), nothing
 * allocated — what a model file is checked against before its network is
 * built. */
gboolean         cl_net_spec_plan          (const ClNetSpec *spec, ClLayerPlan *plans,
                                            GError **error);
/* Layer i's initialisation with CL_INIT_DEFAULT resolved as cl_net_init ()
 * resolves it (He normal before a rectifier, Xavier uniform otherwise):
 * what the code export writes. */
ClInitKind       cl_net_spec_resolve_init  (const ClNetSpec *spec, int i, double *value);
void             cl_net_free               (ClNet *net);

/* Initialises the parameters from the seed (each layer its own stream), the
 * running statistics, zeroes the optimiser state and the step counter, and
 * clears a diverged state. */
void             cl_net_init               (ClNet *net, guint64 seed);

const ClNetSpec *cl_net_get_spec           (const ClNet *net);
int              cl_net_get_batch_size     (const ClNet *net);
int              cl_net_get_n_layers       (const ClNet *net);
ClShape          cl_net_get_input_shape    (const ClNet *net);
ClShape          cl_net_get_output_shape   (const ClNet *net, int layer);
guint64          cl_net_get_step           (const ClNet *net);
gboolean         cl_net_is_diverged        (const ClNet *net);

/* The blocks: n floats each (buffers: running statistics, not trained). */
float           *cl_net_get_params         (ClNet *net, gsize *n);
float           *cl_net_get_grads          (ClNet *net, gsize *n);
float           *cl_net_get_buffers        (ClNet *net, gsize *n);
float           *cl_net_get_optim_state    (ClNet *net, gsize *n);
gsize            cl_net_get_n_params       (const ClNet *net);

/* A layer's tensors: trained ones first (j < n_params), then the buffers.
 * Returns the description (PyTorch name, dims) and, when asked, the views
 * into the blocks (grad is NULL for buffers). */
const ClLayerKind *cl_net_get_layer_kind  (const ClNet *net, int layer);
int              cl_net_get_layer_n_tensors (const ClNet *net, int layer);
const ClTensorInfo *cl_net_get_layer_tensor (ClNet *net, int layer, int j,
                                             float **data, float **grad);

/* The tensor's name in a PyTorch nn.Sequential of the same layers:
 * "<layer index>.<name>", e.g. "3.weight", "1.running_mean". */
char            *cl_net_dup_tensor_name    (ClNet *net, int layer, int j);

/* The activations after a layer from the last forward: sample s starts at
 * s * (c * h * w).  Valid until the next forward. */
const float     *cl_net_get_layer_output   (const ClNet *net, int layer, ClShape *shape);
/* d loss / d (a layer's output) from the last backward, laid out like the
 * output; what a gradient panel draws. */
const float     *cl_net_get_layer_output_grad (const ClNet *net, int layer);
/* f'(x) of an element-wise activation layer (Sigmoid, Tanh, ReLU, Leaky
 * ReLU, ELU) at the last forward, laid out like its output: the layer's own
 * backward run on a gradient of ones, so it is exactly the derivative the
 * engine multiplies by (what a backpropagation picture writes as σ'(x)).
 * Changes no gradient of the net.  FALSE for any other kind. */
gboolean         cl_net_get_activation_slope (ClNet *net, int layer, float *slope);
/* A Dropout layer's last training mask (0 or 1/(1-rate) per value), laid
 * out like its output; NULL for other kinds. */
const float     *cl_net_get_dropout_mask   (const ClNet *net, int layer);

/* Copies parameters, running statistics, optimiser state, step and seed
 * from an instance of the same design compiled for another batch size (the
 * blocks do not depend on it).  CL_ERROR_MISMATCH if the layouts differ. */
gboolean         cl_net_copy_state         (ClNet *dst, const ClNet *src, GError **error);

/* Learning rate and the other hyper-parameters may change between steps. */
void             cl_net_set_learning_rate  (ClNet *net, double lr);
double           cl_net_get_learning_rate  (const ClNet *net);
ClTrainSettings *cl_net_get_train          (ClNet *net);

/* The pieces of a step, for the tests, the probes and the landscape. */
const float     *cl_net_forward            (ClNet *net, const float *x, int n, gboolean training);
/* Backpropagates `dout` (d loss / d final output, n x output size) from the
 * last forward; fills the gradient block. */
void             cl_net_backward           (ClNet *net, const float *dout);
/* d loss / d input after a backward, when asked for before it. */
void             cl_net_set_compute_input_grad (ClNet *net, gboolean compute);
const float     *cl_net_get_input_grad     (const ClNet *net);

/* Loss and accuracy of the last forward against labels (cross-entropy) or
 * targets (BCE, MSE), without changing anything. */
gboolean         cl_net_compute_loss       (ClNet *net, const gint32 *labels, const float *targets,
                                            ClStepResult *result, GError **error);

/* Forward in training mode, loss, backward, optimiser update, step + 1.
 * labels (n class indices) for cross-entropy, targets (n x output size)
 * otherwise.  FALSE with CL_ERROR_DIVERGED when the loss or a parameter is
 * NaN or Inf (parameters are then not updated further; cl_net_init()
 * recovers), CL_ERROR_MISMATCH for a label out of range. */
gboolean         cl_net_train_step         (ClNet *net, const float *x, const gint32 *labels,
                                            const float *targets, int n,
                                            ClStepResult *result, GError **error);
/* Forward in evaluation mode (no dropout, running statistics) and the loss. */
gboolean         cl_net_evaluate           (ClNet *net, const float *x, const gint32 *labels,
                                            const float *targets, int n,
                                            ClStepResult *result, GError **error);

/* OpenMP threads used by the engine (results are identical for any count).
 * When other programs keep the cores busy, OpenMP's default spin-waiting
 * makes 2 threads far slower than 1: our programs run with a short spin,
 * GOMP_SPINCOUNT=20000, which they set for themselves at start
 * (process-setup.h; libgomp reads it at load time only). */
void             cl_engine_set_threads     (int n_threads);
int              cl_engine_get_threads     (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClNet, cl_net_free)

G_END_DECLS
