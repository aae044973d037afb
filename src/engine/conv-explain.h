/* conv-explain.h — one pixel of a convolution, written out; pooling's
 * forward and backward on one map; the image kernels of setosa.io.
 *
 * The explorers (Convolution, Pooling, Kernels by Hand) draw these numbers;
 * they are computed here, in the engine, so the tests can hold them against
 * the layers' own forward and backward (a picture that explains the
 * arithmetic must show the arithmetic the network does).  The convolution
 * is PyTorch's cross-correlation: input (c, h, w), kernel (c, k, k), zeros
 * `pad` pixels wide around the input, the window moved by `stride`.
 */
#pragma once

#include <glib.h>

#include "engine/net-spec.h"

G_BEGIN_DECLS

/* The sizes an explanation accepts: a picture of the arithmetic is read,
 * not a network's largest layer. */
#define CL_CONV_EXPLAIN_MAX_SIDE     512
#define CL_CONV_EXPLAIN_MAX_CHANNELS 1024
#define CL_CONV_EXPLAIN_MAX_KERNEL   15
#define CL_CONV_EXPLAIN_MAX_PAD      16
#define CL_CONV_EXPLAIN_MAX_STRIDE   8

typedef struct {
  int c, h, w;          /* the input */
  int k, stride, pad;
  int oh, ow;           /* the output map */
} ClConvGeom;

/* FALSE and a message naming the setting at fault (a kernel larger than
 * the padded input, a size out of the ranges above). */
gboolean cl_conv_geom_init (ClConvGeom *geom, int c, int h, int w, int k, int stride, int pad,
                            GError **error);

/* Output pixel (oy, ox) written out: the window of the (padded) input it
 * sees, the element-wise products with the kernel, their sum per channel,
 * the total over channels and the bias. */
typedef struct {
  int oy, ox;
  int y0, x0;             /* the window's top-left input pixel (negative: in the padding) */
  int c, k;
  float *window;          /* c × k × k, zeros where the window covers the padding */
  float *products;        /* c × k × k: window × kernel */
  double *channel_sums;   /* c */
  double sum;             /* over all channels */
  double bias;
  double z;               /* sum + bias: the convolution's output */
} ClConvExplain;

ClConvExplain *cl_conv_explain_pixel (const float *x, const float *kernel, double bias,
                                      const ClConvGeom *geom, int oy, int ox);
void           cl_conv_explain_free  (ClConvExplain *explain);

/* The whole output map (oh × ow), each pixel the sum cl_conv_explain_pixel
 * writes out. */
void           cl_conv_explain_map   (const float *x, const float *kernel, double bias,
                                      const ClConvGeom *geom, float *out);

/* Whether layer `layer` of `spec` is an activation applied value by value
 * without parameters of its own (ReLU, Leaky ReLU, Sigmoid, Tanh, ELU):
 * what the explanation writes after "+ bias". */
gboolean       cl_conv_explain_is_pointwise (const ClNetSpec *spec, int layer);
/* Applies that activation, with the design's settings, to n values in
 * place, through the engine's own layer. */
gboolean       cl_conv_explain_activate (const ClNetSpec *spec, int layer, float *v, int n,
                                         GError **error);

/* Pooling ("MaxPool2D" or "AvgPool2D", size and stride as the layer's
 * settings) of one h × w map through the engine's layer: its output y
 * (oh × ow), and with `dout` (oh × ow, may be NULL) the gradient the
 * layer's backward sends to its input, din (h × w). */
gboolean       cl_pool_explain (const char *kind, int size, int stride, const float *x, int h,
                                int w, float *y, const float *dout, float *din, GError **error);

/* The image kernels of setosa.io/ev/image-kernels, 3 × 3 (box blur and
 * Gaussian have 5 × 5 forms too; the others are placed in the middle of a
 * 5 × 5 grid of zeros). */
typedef enum {
  CL_KERNEL_IDENTITY,
  CL_KERNEL_BOX_BLUR,
  CL_KERNEL_GAUSSIAN,
  CL_KERNEL_SHARPEN,
  CL_KERNEL_OUTLINE,
  CL_KERNEL_SOBEL_HORIZONTAL,  /* responds to horizontal edges: dark above, light below */
  CL_KERNEL_SOBEL_VERTICAL,    /* responds to vertical edges: dark left, light right */
  CL_KERNEL_EMBOSS,
  CL_KERNEL_N_PRESETS
} ClKernelPreset;

/* The preset's N_() label, and its k × k values (k 3 or 5) into kernel. */
const char    *cl_kernel_preset_label (ClKernelPreset preset);
void           cl_kernel_preset_fill  (ClKernelPreset preset, int k, float *kernel);

/* One k × k kernel applied to every channel of a (c, h, w) image with
 * zeros around ("same" padding): out has the image's shape. */
void           cl_kernel_apply (const float *x, int c, int h, int w, const float *kernel, int k,
                                float *out);

G_END_DECLS
