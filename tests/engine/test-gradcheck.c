/* Every layer kind, and every setting that changes its math, against
 * central finite differences (tolerance justified in gradcheck.c). */
#include "config.h"

#include "engine/zoo.h"
#include "gradcheck.h"

static ClNetSpec *
spec_new (ClLossKind loss, int c, int h, int w)
{
  ClNetSpec *spec = cl_net_spec_new (c, h, w);
  cl_net_spec_get_train (spec)->loss = loss;
  return spec;
}

#define MSE CL_LOSS_MSE

static void
test_dense (void)
{
  g_autoptr(ClNetSpec) spec = spec_new (MSE, 2, 3, 3);
  cl_net_spec_append (spec, "Dense", "units", 5.0, NULL);
  cl_test_gradcheck (spec, 3, FALSE, 0);
}

static void
test_dense_no_bias (void)
{
  g_autoptr(ClNetSpec) spec = spec_new (MSE, 7, 1, 1);
  cl_net_spec_append (spec, "Dense", "units", 4.0, "bias", 0.0, NULL);
  cl_test_gradcheck (spec, 2, FALSE, 0);
}

static void
conv_case (int c, int hw, int filters, int kernel, int stride, int padding, int pad, int bias)
{
  g_autoptr(ClNetSpec) spec = spec_new (MSE, c, hw, hw);
  cl_net_spec_append (spec, "Conv2D", "filters", (double) filters, "kernel", (double) kernel,
                      "stride", (double) stride, "padding", (double) padding, "pad", (double) pad,
                      "bias", (double) bias, NULL);
  /* Batch 3 with 4 fixed slices: one slice is empty, others hold 1 sample. */
  cl_test_gradcheck (spec, 3, FALSE, 400);
}

static void test_conv_same (void) { conv_case (2, 6, 3, 3, 1, 0, 0, 1); }
static void test_conv_valid_stride2 (void) { conv_case (2, 7, 3, 3, 2, 1, 0, 1); }
static void test_conv_explicit_pad (void) { conv_case (1, 6, 2, 5, 2, 2, 1, 1); }
static void test_conv_kernel1 (void) { conv_case (3, 4, 2, 1, 1, 1, 0, 1); }
static void test_conv_no_bias (void) { conv_case (2, 5, 2, 3, 1, 0, 0, 0); }
/* 3x3 stride 1 with 8 channels or more in and out: forward and input
 * gradient by Winograd (conv-winograd.h), odd and even maps, paddings 0 to
 * 2 (the input gradient pads by 2 - pad). */
static void test_conv_winograd_same (void) { conv_case (8, 7, 8, 3, 1, 0, 0, 1); }
static void test_conv_winograd_valid (void) { conv_case (9, 6, 8, 3, 1, 1, 0, 1); }
static void test_conv_winograd_pad2 (void) { conv_case (8, 5, 9, 3, 1, 2, 2, 0); }
static void test_conv_big_batch (void)
{
  g_autoptr(ClNetSpec) spec = spec_new (MSE, 1, 5, 5);
  cl_net_spec_append (spec, "Conv2D", "filters", 2.0, "kernel", 3.0, NULL);
  cl_test_gradcheck (spec, 9, FALSE, 300);
}

/* One input channel, stride 1, kernel 3 or 5: Conv2D's direct forward
 * where the CPU has it (conv-direct.h), im2col + GEMM elsewhere; also as a
 * first layer whose input gradient nobody asks for.  Rows wider than 16
 * (two vectors), filter counts of 6 (blocks of 4, 1, 1) and 9 (8, 1),
 * batch 9 in 4 slices. */
static void
conv_first_case (int hw, int filters, int kernel, int padding, int pad, int bias)
{
  g_autoptr(ClNetSpec) spec = spec_new (MSE, 1, hw, hw);
  cl_net_spec_append (spec, "Conv2D", "filters", (double) filters, "kernel", (double) kernel,
                      "padding", (double) padding, "pad", (double) pad, "bias", (double) bias,
                      NULL);
  cl_test_gradcheck_params (spec, 9, 0);
  cl_test_gradcheck (spec, 3, FALSE, 300);
}

static void test_conv_first_5x5 (void) { conv_first_case (18, 6, 5, 2, 2, 1); }
static void test_conv_first_3x3 (void) { conv_first_case (7, 9, 3, 0, 0, 1); }
static void test_conv_first_no_bias (void) { conv_first_case (6, 2, 3, 1, 0, 0); }

/* Batch 12 in slices of 3: several samples per GEMM. */
static void
test_conv_grouped (void)
{
  g_autoptr(ClNetSpec) spec = spec_new (MSE, 2, 6, 6);
  cl_net_spec_append (spec, "Conv2D", "filters", 3.0, "kernel", 3.0, NULL);
  cl_test_gradcheck (spec, 12, FALSE, 300);
}

static void
pool_case (const char *kind, int hw, int size, int stride)
{
  g_autoptr(ClNetSpec) spec = spec_new (MSE, 2, hw, hw);
  cl_net_spec_append (spec, kind, "size", (double) size, "stride", (double) stride, NULL);
  cl_test_gradcheck (spec, 2, FALSE, 0);
}

static void test_maxpool (void) { pool_case ("MaxPool2D", 6, 2, 2); }
static void test_maxpool_overlap (void) { pool_case ("MaxPool2D", 7, 3, 2); }
static void test_avgpool (void) { pool_case ("AvgPool2D", 6, 2, 2); }
static void test_avgpool_overlap (void) { pool_case ("AvgPool2D", 7, 3, 1); }

static void
single (const char *kind, int c, int h, int w, const char *name, double value)
{
  g_autoptr(ClNetSpec) spec = spec_new (MSE, c, h, w);
  int i = cl_net_spec_add_layer (spec, kind);
  if (name != NULL)
    cl_net_spec_set_setting (spec, i, name, value);
  cl_test_gradcheck (spec, 3, FALSE, 0);
}

static void test_flatten (void) { single ("Flatten", 2, 3, 3, NULL, 0); }
static void test_dropout (void) { single ("Dropout", 2, 3, 3, "rate", 0.5); }
static void test_batchnorm_conv (void) { single ("BatchNorm", 3, 3, 3, NULL, 0); }
static void test_batchnorm_dense (void) { single ("BatchNorm", 5, 1, 1, NULL, 0); }
static void test_sigmoid (void) { single ("Sigmoid", 2, 2, 3, NULL, 0); }
static void test_tanh (void) { single ("Tanh", 2, 2, 3, NULL, 0); }
static void test_relu (void) { single ("ReLU", 2, 2, 3, NULL, 0); }
static void test_leaky_relu (void) { single ("LeakyReLU", 2, 2, 3, "slope", 0.1); }
static void test_prelu_conv (void) { single ("PReLU", 3, 2, 2, NULL, 0); }
static void test_prelu_dense (void) { single ("PReLU", 6, 1, 1, NULL, 0); }
/* Training draws a slope per value from (seed, layer, step, sample, unit):
 * the check's forwards all run at the same step, so the slopes stay fixed
 * while the inputs move. */
static void test_rrelu (void) { single ("RReLU", 2, 2, 3, "upper", 0.9); }
static void test_elu (void) { single ("ELU", 2, 2, 3, "alpha", 1.0); }
static void test_elu_alpha (void) { single ("ELU", 2, 2, 3, "alpha", 0.5); }
static void test_maxout_channels (void) { single ("Maxout", 4, 3, 3, "pieces", 2.0); }
static void test_softmax (void) { single ("Softmax", 6, 1, 1, NULL, 0); }

static void
eval_single (const char *kind, int c, int h, int w)
{
  g_autoptr(ClNetSpec) spec = spec_new (MSE, c, h, w);
  cl_net_spec_add_layer (spec, kind);
  cl_test_gradcheck_eval (spec, 3);
}

static void test_batchnorm_eval (void) { eval_single ("BatchNorm", 3, 2, 2); }
static void test_dropout_eval (void) { eval_single ("Dropout", 2, 3, 3); }
static void test_rrelu_eval (void) { eval_single ("RReLU", 2, 3, 3); }

static void
test_maxout_units (void)
{
  g_autoptr(ClNetSpec) spec = spec_new (MSE, 2, 3, 3);
  cl_net_spec_append (spec, "Maxout", "pieces", 3.0, "over", 1.0, NULL);
  cl_test_gradcheck (spec, 3, FALSE, 0);
}

/* The fused losses, through a small CNN: the whole backward chain. */
static void
small_cnn (ClLossKind loss, const char *last)
{
  g_autoptr(ClNetSpec) spec = spec_new (loss, 1, 8, 8);
  cl_net_spec_append (spec, "Conv2D", "filters", 3.0, "kernel", 3.0, NULL);
  cl_net_spec_append (spec, "BatchNorm", NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "MaxPool2D", NULL);
  cl_net_spec_append (spec, "Conv2D", "filters", 4.0, "kernel", 3.0, "padding", 1.0, NULL);
  cl_net_spec_append (spec, "Tanh", NULL);
  cl_net_spec_append (spec, "Flatten", NULL);
  cl_net_spec_append (spec, "Dense", "units", 3.0, NULL);
  if (last != NULL)
    cl_net_spec_append (spec, last, NULL);
  cl_test_gradcheck (spec, 4, TRUE, 150);
}

static void test_cross_entropy_chain (void) { small_cnn (CL_LOSS_CROSS_ENTROPY, "Softmax"); }
static void test_bce_chain (void) { small_cnn (CL_LOSS_BINARY_CROSS_ENTROPY, "Sigmoid"); }
static void test_mse_chain (void) { small_cnn (CL_LOSS_MSE, NULL); }

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/dense/gradcheck", test_dense);
  g_test_add_func ("/engine/dense/gradcheck-no-bias", test_dense_no_bias);
  g_test_add_func ("/engine/conv2d/gradcheck", test_conv_same);
  g_test_add_func ("/engine/conv2d/gradcheck-valid-stride2", test_conv_valid_stride2);
  g_test_add_func ("/engine/conv2d/gradcheck-explicit-pad", test_conv_explicit_pad);
  g_test_add_func ("/engine/conv2d/gradcheck-kernel1", test_conv_kernel1);
  g_test_add_func ("/engine/conv2d/gradcheck-no-bias", test_conv_no_bias);
  g_test_add_func ("/engine/conv2d/gradcheck-batch9", test_conv_big_batch);
  g_test_add_func ("/engine/conv2d/gradcheck-winograd-same", test_conv_winograd_same);
  g_test_add_func ("/engine/conv2d/gradcheck-winograd-valid", test_conv_winograd_valid);
  g_test_add_func ("/engine/conv2d/gradcheck-winograd-pad2", test_conv_winograd_pad2);
  g_test_add_func ("/engine/conv2d/gradcheck-first-5x5", test_conv_first_5x5);
  g_test_add_func ("/engine/conv2d/gradcheck-first-3x3", test_conv_first_3x3);
  g_test_add_func ("/engine/conv2d/gradcheck-first-no-bias", test_conv_first_no_bias);
  g_test_add_func ("/engine/conv2d/gradcheck-grouped", test_conv_grouped);
  g_test_add_func ("/engine/maxpool2d/gradcheck", test_maxpool);
  g_test_add_func ("/engine/maxpool2d/gradcheck-overlap", test_maxpool_overlap);
  g_test_add_func ("/engine/avgpool2d/gradcheck", test_avgpool);
  g_test_add_func ("/engine/avgpool2d/gradcheck-overlap", test_avgpool_overlap);
  g_test_add_func ("/engine/flatten/gradcheck", test_flatten);
  g_test_add_func ("/engine/dropout/gradcheck", test_dropout);
  g_test_add_func ("/engine/batchnorm/gradcheck-conv", test_batchnorm_conv);
  g_test_add_func ("/engine/batchnorm/gradcheck-dense", test_batchnorm_dense);
  g_test_add_func ("/engine/batchnorm/gradcheck-eval", test_batchnorm_eval);
  g_test_add_func ("/engine/dropout/gradcheck-eval", test_dropout_eval);
  g_test_add_func ("/engine/sigmoid/gradcheck", test_sigmoid);
  g_test_add_func ("/engine/tanh/gradcheck", test_tanh);
  g_test_add_func ("/engine/relu/gradcheck", test_relu);
  g_test_add_func ("/engine/leaky-relu/gradcheck", test_leaky_relu);
  g_test_add_func ("/engine/prelu/gradcheck-conv", test_prelu_conv);
  g_test_add_func ("/engine/prelu/gradcheck-dense", test_prelu_dense);
  g_test_add_func ("/engine/rrelu/gradcheck", test_rrelu);
  g_test_add_func ("/engine/rrelu/gradcheck-eval", test_rrelu_eval);
  g_test_add_func ("/engine/elu/gradcheck", test_elu);
  g_test_add_func ("/engine/elu/gradcheck-alpha", test_elu_alpha);
  g_test_add_func ("/engine/maxout/gradcheck-channels", test_maxout_channels);
  g_test_add_func ("/engine/maxout/gradcheck-units", test_maxout_units);
  g_test_add_func ("/engine/softmax/gradcheck", test_softmax);
  g_test_add_func ("/engine/loss/gradcheck-cross-entropy-cnn", test_cross_entropy_chain);
  g_test_add_func ("/engine/loss/gradcheck-bce-cnn", test_bce_chain);
  g_test_add_func ("/engine/loss/gradcheck-mse-cnn", test_mse_chain);
  return g_test_run ();
}
