#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>

#include "engine/error.h"
#include "engine/model-file.h"
#include "engine/model-history.h"
#include "engine/safetensors.h"
#include "engine/snapshot-net.h"
#include "engine/zoo.h"
#include "tests/under-asan.h"
#include <math.h>

static ClDesign *
xor_design (void)
{
  ClNetSpec *spec = cl_net_spec_new (2, 1, 1);
  cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 3);
  cl_net_spec_add_layer (spec, "Tanh");
  cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 2);
  cl_net_spec_add_layer (spec, "Softmax");
  return cl_design_new ("XOR", spec, "toy:xor");
}

static char *
temp_path (const char *name)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-model-XXXXXX", NULL);
  return g_build_filename (dir, name, NULL);
}

static void
remove_temp (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_save_load_same_outputs (void)
{
  g_autoptr(ClDesign) design = xor_design ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (design->spec, 4, &error);
  g_assert_no_error (error);
  cl_net_init (net, 3);
  const float x[8] = { 0.5f, -1.0f, 1.0f, 1.0f, -0.3f, 0.2f, 0.0f, 0.9f };
  g_autofree float *before = g_memdup2 (cl_net_forward (net, x, 4, FALSE), 8 * sizeof (float));

  g_autofree char *path = temp_path ("xor.safetensors");
  g_assert_true (cl_model_save (design, net, path, &error));
  g_assert_no_error (error);
  g_assert_true (cl_model_file_is_model (path));

  g_autoptr(ClDesign) loaded_design = NULL;
  g_autoptr(ClNet) loaded = cl_model_load (path, 4, &loaded_design, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded_design->name, ==, "XOR");
  g_assert_cmpstr (loaded_design->data.source, ==, "toy:xor");
  const float *after = cl_net_forward (loaded, x, 4, FALSE);
  g_assert_cmpmem (after, 8 * sizeof (float), before, 8 * sizeof (float));

  /* Tensors are named as the issue says, in PyTorch layouts. */
  g_autoptr(ClSafetensors) st = cl_safetensors_load (path, &error);
  const ClTensorView *w = cl_safetensors_lookup (st, "layer1.dense.weight");
  g_assert_nonnull (w);
  g_assert_cmpint (w->n_dims, ==, 2);
  g_assert_cmpint (w->shape[0], ==, 3);   /* [out, in] */
  g_assert_cmpint (w->shape[1], ==, 2);
  g_assert_nonnull (cl_safetensors_lookup (st, "layer3.dense.bias"));
  remove_temp (path);
}

/* A model with an RReLU layer: its slopes come back from the file's
 * design, and evaluation (the mean slope) gives the same outputs. */
static void
test_rrelu_round_trip (void)
{
  ClNetSpec *spec = cl_net_spec_new (2, 1, 1);
  cl_net_spec_append (spec, "Dense", "units", 6.0, NULL);
  cl_net_spec_append (spec, "RReLU", "lower", 0.2, "upper", 0.7, NULL);
  cl_net_spec_append (spec, "Dense", "units", 2.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  g_autoptr(ClDesign) design = cl_design_new ("RReLU XOR", spec, "toy:xor");
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (design->spec, 4, &error);
  g_assert_no_error (error);
  cl_net_init (net, 11);
  const float x[8] = { 0.5f, -1.0f, 1.0f, 1.0f, -0.3f, 0.2f, -2.0f, -0.9f };
  const gint32 labels[4] = { 0, 1, 1, 0 };
  g_assert_true (cl_net_train_step (net, x, labels, NULL, 4, NULL, &error));
  g_autofree float *before = g_memdup2 (cl_net_forward (net, x, 4, FALSE), 8 * sizeof (float));

  g_autofree char *path = temp_path ("rrelu.safetensors");
  g_assert_true (cl_model_save (design, net, path, &error));
  g_assert_no_error (error);
  g_autoptr(ClDesign) loaded_design = NULL;
  g_autoptr(ClNet) loaded = cl_model_load (path, 4, &loaded_design, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (cl_net_spec_get_setting (loaded_design->spec, 1, "lower"), ==, 0.2);
  g_assert_cmpfloat (cl_net_spec_get_setting (loaded_design->spec, 1, "upper"), ==, 0.7);
  const float *after = cl_net_forward (loaded, x, 4, FALSE);
  g_assert_cmpmem (after, 8 * sizeof (float), before, 8 * sizeof (float));
  remove_temp (path);
}

static void
test_reads_what_pytorch_wrote (void)
{
  /* Debian's python3 is the one with Debian's python3-torch (a developer
   * may have another first in PATH). */
  g_autofree char *python = g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE)
                              ? g_strdup ("/usr/bin/python3") : g_find_program_in_path ("python3");
  const char *srcdir = g_getenv ("G_TEST_SRCDIR");
  if (python == NULL || srcdir == NULL)
    {
      g_test_skip ("python3 or G_TEST_SRCDIR missing");
      return;
    }
  const char *check[] = { python, "-c", "import torch", NULL };
  int status = 1;
  g_spawn_sync (NULL, (char **) check, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, NULL);
  if (status != 0)
    {
      g_test_skip ("PyTorch (python3-torch) is not installed");
      return;
    }

  g_autoptr(ClDesign) design = xor_design ();
  g_autofree char *design_path = temp_path ("xor.json");
  g_autofree char *dir = g_path_get_dirname (design_path);
  g_autofree char *model_path = g_build_filename (dir, "torch.safetensors", NULL);
  g_autoptr(GError) error = NULL;
  g_assert_true (cl_design_save (design, design_path, &error));
  g_autofree char *script = g_build_filename (srcdir, "files", "torch-writes-model.py", NULL);
  const char *argv[] = { python, script, design_path, model_path, NULL };
  g_autofree char *out = NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, NULL));
  g_assert_cmpint (status, ==, 0);

  g_autoptr(ClNet) net = cl_model_load (model_path, 1, NULL, &error);
  g_assert_no_error (error);
  const float x[2] = { 0.5f, -1.0f };
  const float *p = cl_net_forward (net, x, 1, FALSE);
  g_autofree char *ours = g_strdup_printf ("%.6f %.6f\n", p[0], p[1]);
  g_assert_cmpstr (ours, ==, out);
  g_unlink (model_path);
  remove_temp (design_path);
}

/* Writes a model file with the XOR design and the given tensors. */
static char *
write_model (const char *format, const char *version, const char *design_json,
             const ClTensorView *tensors, gsize n)
{
  g_autoptr(GHashTable) meta = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(ClDesign) design = xor_design ();
  g_autofree char *json = cl_design_to_json (design);
  if (format != NULL)
    g_hash_table_insert (meta, "format", (gpointer) format);
  if (version != NULL)
    g_hash_table_insert (meta, "version", (gpointer) version);
  g_hash_table_insert (meta, "design", (gpointer) (design_json != NULL ? design_json : json));
  char *path = temp_path ("bad.safetensors");
  g_assert_true (cl_safetensors_save (path, meta, tensors, n, NULL));
  return path;
}

static void
expect_refused (char *path, int code, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_model_load (path, 1, NULL, &error);

  g_assert_null (net);
  g_assert_error (error, CL_ERROR, code);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” lacks “%s”", error->message, fragment);
  g_assert_nonnull (strstr (error->message, "bad.safetensors"));
  remove_temp (path);
  g_free (path);
}

static void
test_bad_models_are_refused (void)
{
  static const float w1[6], b1[3], w2[6], b2[2];
  static const double w1_double[6];
  ClTensorView good[] = {
    { "layer1.dense.weight", CL_DTYPE_F32, 2, { 3, 2 }, w1, sizeof w1 },
    { "layer1.dense.bias", CL_DTYPE_F32, 1, { 3 }, b1, sizeof b1 },
    { "layer3.dense.weight", CL_DTYPE_F32, 2, { 2, 3 }, w2, sizeof w2 },
    { "layer3.dense.bias", CL_DTYPE_F32, 1, { 2 }, b2, sizeof b2 },
  };
  /* The good file loads: the cases below differ by one thing each. */
  char *ok = write_model ("convlab-model", "1", NULL, good, 4);
  g_autoptr(ClNet) net = cl_model_load (ok, 1, NULL, NULL);
  g_assert_nonnull (net);
  remove_temp (ok);
  g_free (ok);

  expect_refused (write_model (NULL, "1", NULL, good, 4), CL_ERROR_MISMATCH, "not one ConvLab wrote");
  expect_refused (write_model ("convlab-model", "2", NULL, good, 4), CL_ERROR_VERSION, "newer version");
  expect_refused (write_model ("convlab-model", "one", NULL, good, 4), CL_ERROR_MISMATCH, "version");
  expect_refused (write_model ("convlab-model", "1", "{broken", good, 4), CL_ERROR_FORMAT, "JSON");
  expect_refused (write_model ("convlab-model", "1", NULL, good, 3), CL_ERROR_MISMATCH, "layer3.dense.bias");

  ClTensorView transposed[4];
  memcpy (transposed, good, sizeof good);
  transposed[0].shape[0] = 2;
  transposed[0].shape[1] = 3;
  expect_refused (write_model ("convlab-model", "1", NULL, transposed, 4), CL_ERROR_MISMATCH, "shape");

  ClTensorView doubles[4];
  memcpy (doubles, good, sizeof good);
  doubles[0] = (ClTensorView) { "layer1.dense.weight", CL_DTYPE_F64, 2, { 3, 2 }, w1_double, sizeof w1_double };
  expect_refused (write_model ("convlab-model", "1", NULL, doubles, 4), CL_ERROR_MISMATCH, "float32");

  ClTensorView extra[5];
  memcpy (extra, good, sizeof good);
  extra[4] = (ClTensorView) { "layer9.dense.weight", CL_DTYPE_F32, 1, { 2 }, b2, sizeof b2 };
  expect_refused (write_model ("convlab-model", "1", NULL, extra, 5), CL_ERROR_MISMATCH, "does not use");

  g_autoptr(GError) error = NULL;
  g_assert_null (cl_model_load ("/nonexistent/m.safetensors", 1, NULL, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_IO);
}

/* A 4 KB file whose design has 30 M parameters but whose tensors do not
 * match: refused from the header alone, before a network (480 MB and more)
 * is built — here in a subprocess whose address space is capped at 256 MB. */
static void
test_tensors_checked_before_the_network_is_built (void)
{
  if (CL_TEST_UNDER_ASAN)
    {
      g_test_skip ("an address-space cap and AddressSanitizer's shadow memory exclude each other");
      return;
    }
  if (g_test_subprocess ())
    {
      static const float b1[3];
      ClTensorView tiny[] = { { "layer1.dense.bias", CL_DTYPE_F32, 1, { 3 }, b1, sizeof b1 } };
      ClNetSpec *spec = cl_net_spec_new (3, 200, 200);
      cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 250);
      cl_net_spec_add_layer (spec, "Softmax");
      g_autoptr(ClDesign) big = cl_design_new ("Big", spec, "toy:xor");
      g_autofree char *json = cl_design_to_json (big);
      char *path = write_model ("convlab-model", "1", json, tiny, 1);
      struct rlimit limit = { 256u << 20, 256u << 20 };
      g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);
      expect_refused (path, CL_ERROR_MISMATCH, "layer1.dense.weight");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

/* A saved snapshot keeps its histories, bounded; a plain save has none. */
static void
test_history_round_trip (void)
{
  g_autoptr(ClDesign) design = xor_design ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (design->spec, 1, &error);
  cl_net_init (net, 3);
  g_autoptr(ClSnapshot) s = cl_snapshot_new_from_net (net, NULL, 0, 0, &error);
  g_assert_no_error (error);

  /* 5000 steps: thinned to at most 1000 points, the last one kept. */
  g_autofree ClPoint *loss = g_new (ClPoint, 5000);
  for (int i = 0; i < 5000; i++)
    loss[i] = (ClPoint) { i + 1, i == 7 ? NAN : 1.0 / (i + 1) };
  ClPoint test[3] = { { 1, 0.5 }, { 2, 0.25 }, { 3, 0.125 } };
  ClPoint acc[3] = { { 1, 0.7 }, { 2, NAN }, { 3, 0.9 } };
  cl_snapshot_set_history (s, loss, 5000, test, acc, acc, 3);

  g_autofree char *path = temp_path ("history.safetensors");
  g_assert_true (cl_model_save_snapshot (design, s, path, &error));
  g_assert_no_error (error);
  g_autoptr(ClModelHistory) h = cl_model_load_history (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (h);
  g_assert_cmpuint (h->loss->len, <=, CL_MODEL_HISTORY_MAX_POINTS);
  g_assert_cmpuint (h->loss->len, >=, CL_MODEL_HISTORY_MAX_POINTS / 2);
  ClPoint last = g_array_index (h->loss, ClPoint, h->loss->len - 1);
  g_assert_cmpfloat (last.x, ==, 5000);
  g_assert_cmpfloat (last.y, ==, 1.0 / 5000);
  g_assert_cmpuint (h->test_loss->len, ==, 3);
  g_assert_cmpfloat (g_array_index (h->test_loss, ClPoint, 2).y, ==, 0.125);
  g_assert_true (isnan (g_array_index (h->test_accuracy, ClPoint, 1).y));
  remove_temp (path);

  g_autofree char *plain = temp_path ("plain.safetensors");
  g_assert_true (cl_model_save (design, net, plain, &error));
  g_assert_null (cl_model_load_history (plain, &error));
  g_assert_no_error (error);
  remove_temp (plain);

  /* Damaged: an error that names the file. */
  g_assert_null (cl_model_history_from_json ("{\"loss\": [[1]]}", "m.safetensors", &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_FORMAT);
  g_assert_nonnull (strstr (error->message, "m.safetensors"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/files/model/save-load-same-outputs", test_save_load_same_outputs);
  g_test_add_func ("/files/model/rrelu-round-trip", test_rrelu_round_trip);
  g_test_add_func ("/files/model/reads-what-pytorch-wrote", test_reads_what_pytorch_wrote);
  g_test_add_func ("/files/model/bad-models-are-refused", test_bad_models_are_refused);
  g_test_add_func ("/files/model/history-round-trip", test_history_round_trip);
  g_test_add_func ("/files/model/tensors-checked-before-the-network-is-built",
                   test_tensors_checked_before_the_network_is_built);
  return g_test_run ();
}
