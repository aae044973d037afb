/* Shape inference: valid designs give the expected shapes and parameter
 * counts; each invalid design gives its own error, naming the layer. */
#include "config.h"

#include <string.h>
#include <sys/resource.h>

#include "engine/error.h"
#include "engine/net.h"
#include "engine/zoo.h"
#include "tests/under-asan.h"

/* Thousands are grouped with a narrow no-break space, English too. */
#define NNBSP "\xe2\x80\xaf"

static void
assert_shape (ClShape s, int c, int h, int w)
{
  g_assert_cmpint (s.c, ==, c);
  g_assert_cmpint (s.h, ==, h);
  g_assert_cmpint (s.w, ==, w);
}

static void
test_dense_on_cifar (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (3, 32, 32);
  cl_net_spec_append (spec, "Dense", "units", 10.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (spec, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cl_net_get_n_params (net), ==, 30730);
  assert_shape (cl_net_get_output_shape (net, 0), 10, 1, 1);

  /* PyTorch names and layouts. */
  float *data, *grad;
  const ClTensorInfo *w = cl_net_get_layer_tensor (net, 0, 0, &data, &grad);
  g_assert_cmpstr (w->name, ==, "weight");
  g_assert_cmpint (w->ndim, ==, 2);
  g_assert_cmpint (w->dims[0], ==, 10);
  g_assert_cmpint (w->dims[1], ==, 3072);
  gsize n;
  g_assert_true (data == cl_net_get_params (net, &n));
  const ClTensorInfo *b = cl_net_get_layer_tensor (net, 0, 1, &data, NULL);
  g_assert_cmpstr (b->name, ==, "bias");
  g_assert_true (data == cl_net_get_params (net, NULL) + 30720);
}

static void
test_lenet5 (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (spec, 8, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cl_net_get_n_params (net), ==, 61706);
  assert_shape (cl_net_get_output_shape (net, 0), 6, 28, 28);
  assert_shape (cl_net_get_output_shape (net, 2), 6, 14, 14);
  assert_shape (cl_net_get_output_shape (net, 3), 16, 10, 10);
  assert_shape (cl_net_get_output_shape (net, 5), 16, 5, 5);
  assert_shape (cl_net_get_output_shape (net, 6), 120, 1, 1);
  assert_shape (cl_net_get_output_shape (net, 11), 10, 1, 1);
  const ClTensorInfo *w = cl_net_get_layer_tensor (net, 3, 0, NULL, NULL);
  g_assert_cmpint (w->ndim, ==, 4);
  g_assert_cmpint (w->dims[0], ==, 16);
  g_assert_cmpint (w->dims[1], ==, 6);
  g_assert_cmpint (w->dims[2], ==, 5);
  g_assert_cmpint (w->dims[3], ==, 5);
}

static void
test_zoo_counts (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNetSpec) mlp = cl_net_spec_new_mlp ();
  g_autoptr(ClNet) a = cl_net_new (mlp, 2, &error);
  g_assert_no_error (error);
  /* 784*256+256 + 256*128+128 + 128*10+10 */
  g_assert_cmpuint (cl_net_get_n_params (a), ==, 235146);

  g_autoptr(ClNetSpec) cnn = cl_net_spec_new_cnn3 ();
  g_autoptr(ClNet) b = cl_net_new (cnn, 2, &error);
  g_assert_no_error (error);
  /* 320 + 9248 + 18496 + (64*7*7*128 + 128) + 1290 */
  g_assert_cmpuint (cl_net_get_n_params (b), ==, 320 + 9248 + 18496 + 401536 + 1290);
  assert_shape (cl_net_get_output_shape (b, 7), 64, 7, 7);
  g_assert_true (cl_net_get_layer_kind (b, 10) == cl_layer_registry_lookup ("Dropout"));

  for (int i = 0; cl_zoo_names[i] != NULL; i++)
    {
      g_autoptr(ClNetSpec) spec = cl_net_spec_new_from_zoo (cl_zoo_names[i]);
      g_assert_nonnull (spec);
    }
  g_assert_null (cl_net_spec_new_from_zoo ("resnet"));
}

static void
test_other_shapes (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (4, 9, 9);
  cl_net_spec_append (spec, "Conv2D", "filters", 6.0, "kernel", 3.0, "stride", 2.0, "padding", 1.0, NULL);
  cl_net_spec_append (spec, "BatchNorm", NULL);
  cl_net_spec_append (spec, "PReLU", NULL);
  cl_net_spec_append (spec, "Maxout", "pieces", 3.0, NULL);
  cl_net_spec_append (spec, "AvgPool2D", "size", 3.0, "stride", 1.0, NULL);
  cl_net_spec_append (spec, "Flatten", NULL);
  cl_net_spec_append (spec, "Maxout", "pieces", 2.0, "over", 1.0, NULL);
  cl_net_spec_append (spec, "Dropout", NULL);
  cl_net_spec_append (spec, "Dense", "units", 3.0, "bias", 0.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (spec, 2, &error);
  g_assert_no_error (error);
  assert_shape (cl_net_get_output_shape (net, 0), 6, 4, 4);
  assert_shape (cl_net_get_output_shape (net, 3), 2, 4, 4);
  assert_shape (cl_net_get_output_shape (net, 4), 2, 2, 2);
  assert_shape (cl_net_get_output_shape (net, 5), 8, 1, 1);
  assert_shape (cl_net_get_output_shape (net, 6), 4, 1, 1);
  /* conv 6*4*9+6, BN 6+6 (+12 buffers), PReLU 6, dense 4*3 */
  g_assert_cmpuint (cl_net_get_n_params (net), ==, 222 + 12 + 6 + 12);
  gsize buffers;
  cl_net_get_buffers (net, &buffers);
  g_assert_cmpuint (buffers, ==, 12);
  g_assert_cmpint (cl_net_get_layer_n_tensors (net, 1), ==, 4);
  g_assert_cmpstr (cl_net_get_layer_tensor (net, 1, 3, NULL, NULL)->name, ==, "running_var");
  g_autofree char *name = cl_net_dup_tensor_name (net, 1, 3);
  g_assert_cmpstr (name, ==, "1.running_var");
}

/* Compiles a design that must fail: checks the code and the whole message. */
static void
assert_fails (ClNetSpec *spec, int code, const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (spec, 64, &error);
  if (net != NULL)
    g_error ("compiled, but expected: %s", message);
  g_assert_error (error, CL_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  cl_net_spec_free (spec);
}

static ClNetSpec *
ce_spec (int c, int h, int w)
{
  return cl_net_spec_new (c, h, w);
}

static void
test_invalid (void)
{
  ClNetSpec *s;

  s = ce_spec (1, 8, 8);
  cl_net_spec_append (s, "Conv2D", "kernel", 3.0, "padding", 1.0, NULL);
  cl_net_spec_append (s, "MaxPool2D", NULL);
  cl_net_spec_append (s, "Conv2D", "kernel", 5.0, "padding", 1.0, NULL);
  cl_net_spec_append (s, "Softmax", NULL);
  assert_fails (s, CL_ERROR_INVALID_DESIGN, "Conv2D #3: kernel 5x5 is larger than its 3x3 input");

  s = ce_spec (1, 4, 4);
  cl_net_spec_append (s, "Conv2D", "kernel", 9.0, "padding", 2.0, "pad", 2.0, NULL);
  assert_fails (s, CL_ERROR_INVALID_DESIGN,
                "Conv2D #1: kernel 9x9 is larger than its 4x4 input padded to 8x8");

  s = ce_spec (1, 4, 4);
  cl_net_spec_append (s, "Conv2D", "kernel", 4.0, NULL);
  assert_fails (s, CL_ERROR_INVALID_DESIGN,
                "Conv2D #1: padding “same” needs an odd kernel size, not 4");

  s = ce_spec (1, 4, 4);
  cl_net_spec_append (s, "Flatten", NULL);
  cl_net_spec_append (s, "Dense", "units", 0.0, NULL);
  assert_fails (s, CL_ERROR_INVALID_DESIGN,
                "Dense #2: Units must be a whole number between 1 and 100" NNBSP "000, not 0");

  s = ce_spec (1, 4, 4);
  cl_net_spec_append (s, "Dense", "units", 2000000000.0, NULL);
  assert_fails (s, CL_ERROR_INVALID_DESIGN,
                "Dense #1: Units must be a whole number between 1 and 100" NNBSP "000, not "
                "2" NNBSP "000" NNBSP "000" NNBSP "000");

  s = ce_spec (1, 4, 4);
  cl_net_spec_append (s, "Dropout", "rate", 1.5, NULL);
  assert_fails (s, CL_ERROR_INVALID_DESIGN, "Dropout #1: Rate must be between 0 and 0.95, not 1.5");

  /* Never %g's "1e-05": a power of ten, with a real minus sign. */
  s = ce_spec (1, 4, 4);
  cl_net_spec_append (s, "Dropout", "rate", -1e-5, NULL);
  assert_fails (s, CL_ERROR_INVALID_DESIGN,
                "Dropout #1: Rate must be between 0 and 0.95, not \xe2\x88\x92" "1 × 10⁻⁵");

  s = ce_spec (3, 200, 200);
  cl_net_spec_append (s, "Dense", "units", 1000.0, NULL);
  cl_net_spec_append (s, "Softmax", NULL);
  assert_fails (s, CL_ERROR_TOO_LARGE,
                "Dense #1: the network would have 120001000 parameters, more than the limit of 50000000");

  s = ce_spec (3, 1000, 1000);   /* the input fits at batch 64; its Conv2D does not */
  cl_net_spec_append (s, "Conv2D", "filters", 1024.0, NULL);
  assert_fails (s, CL_ERROR_TOO_LARGE,
                "Conv2D #1: with a batch of 64, the network would need more than 256000000 values of memory");

  s = ce_spec (2, 6, 6);
  cl_net_spec_append (s, "MaxPool2D", "size", 4.0, "stride", 4.0, NULL);
  cl_net_spec_append (s, "MaxPool2D", "size", 2.0, NULL);
  cl_net_spec_append (s, "Softmax", NULL);
  assert_fails (s, CL_ERROR_INVALID_DESIGN,
                "MaxPool2D #2: pooling window 2x2 is larger than its 1x1 input");

  s = ce_spec (1, 4, 4);
  cl_net_spec_append (s, "Dense", NULL);
  cl_net_spec_append (s, "Softmax", NULL);
  cl_net_spec_append (s, "Dense", NULL);
  assert_fails (s, CL_ERROR_INVALID_DESIGN, "Softmax #2: a Softmax must be the last layer");

  s = ce_spec (3, 4, 4);
  cl_net_spec_append (s, "Maxout", "pieces", 2.0, NULL);
  assert_fails (s, CL_ERROR_INVALID_DESIGN,
                "Maxout #1: 3 channels cannot be split into groups of 2 pieces");

  s = ce_spec (1, 4, 4);
  cl_net_spec_append (s, "Dense", NULL);
  assert_fails (s, CL_ERROR_INVALID_DESIGN,
                "The cross-entropy loss needs a Softmax as the last layer.");

  s = ce_spec (1, 4, 4);
  cl_net_spec_append (s, "Dense", NULL);
  cl_net_spec_get_train (s)->loss = CL_LOSS_BINARY_CROSS_ENTROPY;
  assert_fails (s, CL_ERROR_INVALID_DESIGN,
                "The binary cross-entropy loss needs a Sigmoid as the last layer.");

  s = ce_spec (1, 4, 4);
  assert_fails (s, CL_ERROR_INVALID_DESIGN, "The network has no layers.");

  s = ce_spec (0, 4, 4);
  cl_net_spec_append (s, "Softmax", NULL);
  assert_fails (s, CL_ERROR_INVALID_DESIGN,
                "The input shape 0x4x4 (channels x height x width) is not valid.");
}

/* Each layer of the registry is fully described: the palette and the
 * inspector rely on it. */
static void
test_registry (void)
{
  g_assert_cmpint (cl_layer_registry_get_n_kinds (), ==, 16);
  for (int k = 0; k < cl_layer_registry_get_n_kinds (); k++)
    {
      const ClLayerKind *kind = cl_layer_registry_get_kind (k);
      g_assert_nonnull (kind->name);
      g_assert_nonnull (kind->label);
      g_assert_nonnull (kind->help);
      g_assert_nonnull (kind->icon_name);
      g_assert_true (cl_layer_registry_lookup (kind->name) == kind);
      g_assert_cmpint (kind->n_settings, <=, CL_LAYER_MAX_SETTINGS);
      for (int s = 0; s < kind->n_settings; s++)
        {
          const ClSettingDesc *d = &kind->settings[s];
          g_assert_true (d->min <= d->def && d->def <= d->max);
          g_assert_nonnull (d->label);
          g_assert_nonnull (d->help);
          g_assert_cmpint (cl_layer_kind_find_setting (kind, d->name), ==, s);
          if (d->type == CL_SETTING_CHOICE)
            {
              int n = 0;
              while (d->choices[n] != NULL)
                {
                  g_assert_nonnull (d->choice_labels[n]);
                  n++;
                }
              g_assert_cmpint (n, ==, (int) d->max + 1);
            }
        }
    }
  g_assert_null (cl_layer_registry_lookup ("Transformer"));
}

/* Every kind on its own, at its default settings, compiles on a small map
 * (Softmax and Sigmoid need no loss of their own with MSE). */
static void
test_every_kind_defaults (void)
{
  for (int k = 0; k < cl_layer_registry_get_n_kinds (); k++)
    {
      const ClLayerKind *kind = cl_layer_registry_get_kind (k);
      g_autoptr(ClNetSpec) spec = cl_net_spec_new (4, 6, 6);
      cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
      g_assert_cmpint (cl_net_spec_add_layer (spec, kind->name), ==, 0);
      g_autoptr(GError) error = NULL;
      g_autoptr(ClNet) net = cl_net_new (spec, 2, &error);
      g_assert_no_error (error);
      g_assert_nonnull (net);
    }
}

static void
test_spec_editing (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, 28, 28);
  g_assert_cmpint (cl_net_spec_add_layer (spec, "Dense"), ==, 0);
  g_assert_cmpint (cl_net_spec_add_layer (spec, "Nope"), ==, -1);
  g_assert_cmpint (cl_net_spec_insert_layer (spec, 0, "Flatten"), ==, 0);
  cl_net_spec_add_layer (spec, "Softmax");
  g_assert_true (cl_net_spec_get_layer_kind (spec, 1) == cl_layer_registry_lookup ("Dense"));
  g_assert_cmpfloat (cl_net_spec_get_setting (spec, 1, "units"), ==, 10.0);
  cl_net_spec_set_setting (spec, 1, "units", 32);
  cl_net_spec_set_init (spec, 1, CL_INIT_NORMAL, 0.5);
  g_autoptr(ClNetSpec) copy = cl_net_spec_copy (spec);
  cl_net_spec_set_setting (spec, 1, "units", 64);
  g_assert_cmpfloat (cl_net_spec_get_setting (copy, 1, "units"), ==, 32.0);
  double v;
  g_assert_cmpint (cl_net_spec_get_init (copy, 1, &v), ==, CL_INIT_NORMAL);
  g_assert_cmpfloat (v, ==, 0.5);
  cl_net_spec_move_layer (copy, 0, 1);
  g_assert_cmpstr (cl_net_spec_get_layer_kind (copy, 0)->name, ==, "Dense");
  cl_net_spec_remove_layer (copy, 0);
  g_assert_cmpint (cl_net_spec_get_n_layers (copy), ==, 2);

  ClLossKind loss;
  ClOptimKind optim;
  ClInitKind init;
  g_assert_true (cl_loss_kind_from_string (cl_loss_kind_to_string (CL_LOSS_MSE), &loss));
  g_assert_cmpint (loss, ==, CL_LOSS_MSE);
  g_assert_true (cl_optim_kind_from_string ("nesterov", &optim));
  g_assert_cmpint (optim, ==, CL_OPTIM_NESTEROV);
  g_assert_true (cl_init_kind_from_string ("he-uniform", &init));
  g_assert_cmpint (init, ==, CL_INIT_HE_UNIFORM);
  g_assert_false (cl_init_kind_from_string ("lecun", &init));
}

/* The editor's live check: the same verdict as cl_net_new, the failing
 * layer's index, and the shapes of the layers before it. */
static void
test_spec_check (void)
{
  g_autoptr(ClNetSpec) spec = cl_net_spec_new_lenet5 ();
  int n = cl_net_spec_get_n_layers (spec);
  g_autofree ClLayerInfo *info = g_new0 (ClLayerInfo, n);
  g_autoptr(GError) error = NULL;
  int failed = 42;
  guint64 total = 0;

  g_assert_true (cl_net_spec_check (spec, info, &failed, &error));
  g_assert_no_error (error);
  g_assert_cmpint (failed, ==, -1);
  for (int i = 0; i < n; i++)
    total += info[i].n_params;
  g_assert_cmpuint (total, ==, 61706);
  assert_shape (info[3].out, 16, 10, 10);

  /* A 30x30 kernel does not fit the 14x14 input of the second convolution. */
  cl_net_spec_set_setting (spec, 3, "kernel", 30);
  g_assert_false (cl_net_spec_check (spec, info, &failed, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN);
  g_assert_cmpint (failed, ==, 3);
  g_assert_nonnull (strstr (error->message, "#4"));
  assert_shape (info[2].out, 6, 14, 14);
  assert_shape (info[3].out, 0, 0, 0);
  g_clear_error (&error);

  /* The same error as compiling. */
  g_autoptr(ClNet) net = cl_net_new (spec, 1, &error);
  g_assert_null (net);
  g_assert_nonnull (strstr (error->message, "#4"));
  g_clear_error (&error);

  /* A missing Softmax is the last layer's fault; every shape is known. */
  cl_net_spec_set_setting (spec, 3, "kernel", 5);
  cl_net_spec_remove_layer (spec, n - 1);
  g_assert_false (cl_net_spec_check (spec, info, &failed, &error));
  g_assert_cmpint (failed, ==, n - 2);
  assert_shape (info[n - 2].out, 10, 1, 1);
  g_clear_error (&error);

  /* No layer at fault. */
  g_autoptr(ClNetSpec) empty = cl_net_spec_new (1, 28, 28);
  g_assert_false (cl_net_spec_check (empty, NULL, &failed, &error));
  g_assert_cmpint (failed, ==, -1);
  g_clear_error (&error);
  cl_net_spec_set_input (spec, 0, 28, 28);
  g_assert_false (cl_net_spec_check (spec, info, &failed, &error));
  g_assert_cmpint (failed, ==, -1);
}

/* The input and its gradient (input size × batch) count against the
 * activation limit: a 50 M-value input with a pooling layer asked for
 * 25 GB at batch 64 and aborted. */
static void
test_input_counted_in_the_limit (void)
{
  g_autoptr(ClNetSpec) s = cl_net_spec_new (3, 4096, 4096);
  g_autoptr(GError) error = NULL;
  int failed = 0;

  cl_net_spec_append (s, "MaxPool2D", "size", 8.0, "stride", 8.0, NULL);
  cl_net_spec_append (s, "Flatten", NULL);
  cl_net_spec_get_train (s)->loss = CL_LOSS_MSE;
  g_autoptr(ClNet) net = cl_net_new (s, 64, &error);
  g_assert_null (net);
  g_assert_error (error, CL_ERROR, CL_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "With a batch of 64, the input alone would need more than 256000000 values "
                   "of memory: choose a smaller batch or input.");
  g_clear_error (&error);
  /* Shape inference (batch 1) still accepts it: only the batch is at fault. */
  g_assert_true (cl_net_spec_check (s, NULL, &failed, &error));
  g_assert_no_error (error);
}

/* Within the limits but more than the machine gives: an error, not an
 * abort (the address space of the subprocess is capped at 512 MB). */
static void
test_out_of_memory_is_an_error (void)
{
  if (CL_TEST_UNDER_ASAN)
    {
      g_test_skip ("an address-space cap and AddressSanitizer's shadow memory exclude each other");
      return;
    }
  if (g_test_subprocess ())
    {
      struct rlimit limit = { 512u << 20, 512u << 20 };
      g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);
      g_autoptr(ClNetSpec) s = cl_net_spec_new (1, 1000, 1000);
      g_autoptr(GError) error = NULL;
      cl_net_spec_append (s, "MaxPool2D", "size", 8.0, "stride", 8.0, NULL);
      cl_net_spec_get_train (s)->loss = CL_LOSS_MSE;
      g_autoptr(ClNet) net = cl_net_new (s, 200, &error);   /* 2 × 800 MB of input */
      g_assert_null (net);
      g_assert_error (error, CL_ERROR, CL_ERROR_TOO_LARGE);
      g_assert_nonnull (strstr (error->message, "Not enough memory"));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/net/limits/input-counted", test_input_counted_in_the_limit);
  g_test_add_func ("/engine/net/limits/out-of-memory-is-an-error", test_out_of_memory_is_an_error);
  g_test_add_func ("/engine/net/shapes/dense-on-cifar", test_dense_on_cifar);
  g_test_add_func ("/engine/net/shapes/lenet5", test_lenet5);
  g_test_add_func ("/engine/net/shapes/zoo", test_zoo_counts);
  g_test_add_func ("/engine/net/shapes/every-kind", test_other_shapes);
  g_test_add_func ("/engine/net/shapes/invalid", test_invalid);
  g_test_add_func ("/engine/net/registry/described", test_registry);
  g_test_add_func ("/engine/net/registry/defaults-compile", test_every_kind_defaults);
  g_test_add_func ("/engine/net/spec/editing", test_spec_editing);
  g_test_add_func ("/engine/net/spec/check", test_spec_check);
  return g_test_run ();
}
