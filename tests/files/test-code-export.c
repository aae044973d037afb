/* The PyTorch and ONNX exports (engine/export.h) against ConvLab's own
 * outputs: every example design and designs holding every kind of the
 * registry are saved as models, exported, and run by Debian's PyTorch
 * (check-export.py), which must give our outputs within 1e-5; an exported
 * script trains an epoch and ConvLab opens what it saved; a kind without
 * translation and an invalid design are refused naming the layer. */
#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "engine/data-source.h"
#include "engine/error.h"
#include "engine/evaluate.h"
#include "engine/export-private.h"
#include "engine/model-file.h"
#include "engine/rng.h"

#define BATCH 5

static char *
find_python (void)
{
  /* Debian's python3 is the one with Debian's python3-torch (a developer
   * may have another first in PATH). */
  if (g_file_test ("/usr/bin/python3", G_FILE_TEST_IS_EXECUTABLE))
    return g_strdup ("/usr/bin/python3");
  return g_find_program_in_path ("python3");
}

/* The Python that has torch and onnx, or NULL (and the test skipped). */
static char *
python_with (const char *modules)
{
  g_autofree char *python = find_python ();
  g_autofree char *code = g_strdup_printf ("import %s", modules);
  int status = 1;
  if (python != NULL)
    {
      const char *argv[] = { python, "-c", code, NULL };
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, NULL);
    }
  if (python == NULL || !g_spawn_check_wait_status (status, NULL))
    {
      g_autofree char *why = g_strdup_printf ("python3 with %s is not installed "
                                              "(tools/test installs python3-torch python3-onnx)", modules);
      g_test_skip (why);
      return NULL;
    }
  return g_steal_pointer (&python);
}

static char *
check_script (void)
{
  return g_build_filename (g_getenv ("CL_SOURCE_ROOT"), "tests", "files", "check-export.py", NULL);
}

static void
write_file (const char *dir, const char *name, const void *data, gsize n)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_file_set_contents (path, data, (gssize) n, &error);
  g_assert_no_error (error);
}

/* Makes what a trained model holds less trivial than its start: BatchNorm
 * statistics and scales, PReLU slopes away from their initial values. */
static void
perturb (ClNet *net, ClRng *rng)
{
  for (int i = 0; i < cl_net_get_n_layers (net); i++)
    for (int j = 0; j < cl_net_get_layer_n_tensors (net, i); j++)
      {
        float *data;
        const ClTensorInfo *t = cl_net_get_layer_tensor (net, i, j, &data, NULL);
        gboolean positive = strcmp (t->name, "running_var") == 0;
        if (t->fill == CL_FILL_WEIGHT)
          continue;
        for (guint64 k = 0; k < t->count; k++)
          data[k] = positive ? 0.5f + cl_rng_uniform (rng) : cl_rng_normal (rng) * 0.5f;
      }
}

/* One case folder: the model, its script and ONNX file, inputs and our
 * outputs. */
static void
write_case (const char *root, const char *name, const ClDesign *design, guint64 seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (design->spec, BATCH, &error);
  g_assert_no_error (error);
  cl_net_init (net, seed);
  ClRng rng;
  cl_rng_init (&rng, seed, CL_RNG_STREAM_PROBE);
  perturb (net, &rng);

  g_autofree char *dir = g_build_filename (root, name, NULL);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_autofree char *model = g_build_filename (dir, "model.safetensors", NULL);
  g_assert_true (cl_model_save (design, net, model, &error));

  g_autofree char *script = cl_export_pytorch (design, &error);
  g_assert_no_error (error);
  write_file (dir, "net.py", script, strlen (script));
  g_autoptr(GBytes) onnx = cl_export_onnx (design, net, &error);
  g_assert_no_error (error);
  write_file (dir, "net.onnx", g_bytes_get_data (onnx, NULL), g_bytes_get_size (onnx));

  ClShape in = cl_net_get_input_shape (net);
  gsize in_size = (gsize) in.c * in.h * in.w;
  g_autofree float *x = g_new (float, BATCH * in_size);
  for (gsize k = 0; k < BATCH * in_size; k++)
    x[k] = cl_rng_normal (&rng);
  ClShape out = cl_net_get_output_shape (net, cl_net_get_n_layers (net) - 1);
  gsize out_size = (gsize) out.c * out.h * out.w;
  const float *y = cl_net_forward (net, x, BATCH, FALSE);
  write_file (dir, "input.bin", x, BATCH * in_size * sizeof (float));
  write_file (dir, "expected.bin", y, BATCH * out_size * sizeof (float));

  GString *meta = g_string_new (NULL);
  g_string_append_printf (meta, "{\"shape\": [%d, %d, %d, %d], \"kinds\": [", BATCH, in.c, in.h, in.w);
  for (int i = 0; i < cl_net_get_n_layers (net); i++)
    g_string_append_printf (meta, "%s\"%s\"", i > 0 ? ", " : "", cl_net_get_layer_kind (net, i)->name);
  g_string_append (meta, "]}\n");
  write_file (dir, "meta.json", meta->str, meta->len);
  g_string_free (meta, TRUE);
}

/* Kind K with its settings at random in their ranges, between layers that
 * give it maps or units: conv → K → flatten → dense → softmax, and
 * dense → K (→ conv 1×1) → …; or last, for a kind that must be. */
static ClNetSpec *
design_around (const ClLayerKind *kind, gboolean after_dense, ClRng *rng)
{
  for (int attempt = 0; attempt < 100; attempt++)
    {
      ClNetSpec *spec = cl_net_spec_new (4, 7, 7);
      int i;
      if (after_dense)
        {
          i = cl_net_spec_add_layer (spec, "Dense");
          cl_net_spec_set_setting (spec, i, "units", 12);
        }
      else
        {
          i = cl_net_spec_add_layer (spec, "Conv2D");
          cl_net_spec_set_setting (spec, i, "filters", 6);
        }
      i = cl_net_spec_add_layer (spec, kind->name);
      /* Half the time its defaults, else random values in range. */
      for (int s = 0; attempt > 0 && s < kind->n_settings; s++)
        {
          const ClSettingDesc *d = &kind->settings[s];
          double v;
          if (d->type == CL_SETTING_FLOAT)
            v = d->min + (MIN (d->max, d->min + 2) - d->min) * cl_rng_uniform (rng);
          else
            v = d->min + cl_rng_below (rng, (guint32) MIN (d->max - d->min, 4) + 1);
          cl_net_spec_set_setting (spec, i, d->name, v);
        }
      /* Kinds that must end the network (Softmax) end it after half the
       * attempts; the loss then is one that any output suits. */
      if (attempt >= 50)
        {
          if (!cl_export_kind_is (kind, "Softmax"))
            cl_net_spec_get_train (spec)->loss = CL_LOSS_MSE;
        }
      else
        {
          /* A conv after a flat layer: the export's view back to maps. */
          if (after_dense && cl_rng_below (rng, 2))
            cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Conv2D"), "kernel", 1);
          cl_net_spec_add_layer (spec, "Flatten");
          cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 5);
          cl_net_spec_add_layer (spec, "Softmax");
        }
      g_autoptr(GError) error = NULL;
      if (cl_net_spec_check (spec, NULL, NULL, &error))
        return spec;
      if (attempt == 99)
        g_error ("no valid design around %s: %s", kind->name, error->message);
      cl_net_spec_free (spec);
    }
  g_assert_not_reached ();
}

/* Random designs of random kinds (the shapes of test-random-designs.c), the
 * first `n` that compile. */
static ClNetSpec *
random_design (ClRng *rng)
{
  for (;;)
    {
      int c = 1 + cl_rng_below (rng, 4), hw = 1 + cl_rng_below (rng, 9);
      ClNetSpec *spec = cl_net_spec_new (c, hw, hw);
      int n_layers = 1 + cl_rng_below (rng, 6);
      for (int i = 0; i < n_layers; i++)
        {
          const ClLayerKind *kind =
            cl_layer_registry_get_kind (cl_rng_below (rng, cl_layer_registry_get_n_kinds ()));
          cl_net_spec_add_layer (spec, kind->name);
          for (int s = 0; s < kind->n_settings; s++)
            if (cl_rng_below (rng, 2))
              {
                const ClSettingDesc *d = &kind->settings[s];
                double v = d->type == CL_SETTING_FLOAT
                             ? d->min + (MIN (d->max, d->min + 1) - d->min) * cl_rng_uniform (rng)
                             : d->min + cl_rng_below (rng, (guint32) MIN (d->max - d->min, 4) + 1);
                cl_net_spec_set_setting (spec, i, d->name, v);
              }
          cl_net_spec_set_init (spec, i, (ClInitKind) cl_rng_below (rng, 9), 0.3);
        }
      if (cl_net_spec_check (spec, NULL, NULL, NULL))
        return spec;
      cl_net_spec_free (spec);
    }
}

static void
test_matches_convlab (void)
{
  g_autofree char *python = python_with ("torch, onnx");
  if (python == NULL)
    return;
  g_autofree char *root = g_dir_make_tmp ("convlab-export-XXXXXX", NULL);
  g_assert_nonnull (root);
  g_autoptr(GError) error = NULL;

  /* Every example design. */
  g_autofree char *designs = g_build_filename (g_getenv ("CL_SOURCE_ROOT"), "data", "designs", NULL);
  g_autoptr(GDir) dir = g_dir_open (designs, 0, &error);
  g_assert_no_error (error);
  int n_examples = 0;
  for (const char *file; (file = g_dir_read_name (dir)) != NULL;)
    {
      if (!g_str_has_suffix (file, ".json"))
        continue;
      g_autofree char *path = g_build_filename (designs, file, NULL);
      g_autoptr(ClDesign) design = cl_design_load (path, &error);
      g_assert_no_error (error);
      g_autofree char *name = g_strdup_printf ("example-%.*s", (int) strlen (file) - 5, file);
      write_case (root, name, design, 11);
      n_examples++;
    }
  g_assert_cmpint (n_examples, >=, 5);

  /* Every kind of the registry, after maps and after units. */
  ClRng rng;
  cl_rng_init (&rng, 19, CL_RNG_STREAM_DATA);
  for (int k = 0; k < cl_layer_registry_get_n_kinds (); k++)
    for (int after_dense = 0; after_dense < 2; after_dense++)
      {
        const ClLayerKind *kind = cl_layer_registry_get_kind (k);
        g_autoptr(ClDesign) design = cl_design_new (kind->name, design_around (kind, after_dense, &rng),
                                                    "toy:xor");
        g_autofree char *name = g_strdup_printf ("kind-%02d-%s-%s", k, kind->name,
                                                 after_dense ? "units" : "maps");
        write_case (root, name, design, 100 + k);
      }
  /* And random mixes. */
  for (int r = 0; r < 24; r++)
    {
      g_autoptr(ClDesign) design = cl_design_new ("random", random_design (&rng), "toy:xor");
      g_autofree char *name = g_strdup_printf ("random-%02d", r);
      write_case (root, name, design, 200 + r);
    }

  g_autofree char *script = check_script ();
  const char *argv[] = { python, script, "compare", root, NULL };
  g_autofree char *out = NULL;
  int status;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_autofree char *dump = g_strdup (out);
  for (char *line = strtok (dump, "\n"); line != NULL; line = strtok (NULL, "\n"))
    g_test_message ("%s", line);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("check-export.py failed:\n%s", out);

  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", root);
  g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));
}

/* The XOR example exported: an epoch lowers its test loss, and ConvLab opens
 * the model the script saved and measures the same loss on the same points. */
static void
test_script_trains (void)
{
  g_autofree char *python = python_with ("torch");
  if (python == NULL)
    return;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("CL_SOURCE_ROOT"), "data", "designs", "xor.json", NULL);
  g_autoptr(ClDesign) design = cl_design_load (path, &error);
  g_assert_no_error (error);
  g_autofree char *root = g_dir_make_tmp ("convlab-export-XXXXXX", NULL);
  g_autofree char *script = cl_export_pytorch (design, &error);
  g_assert_no_error (error);
  write_file (root, "xor.py", script, strlen (script));
  g_autofree char *script_path = g_build_filename (root, "xor.py", NULL);

  g_autofree char *check = check_script ();
  const char *argv[] = { python, check, "train", script_path, root, NULL };
  g_autofree char *out = NULL;
  int status;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               NULL, &status, &error));
  g_test_message ("%s", out);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("the exported script did not train:\n%s", out);

  /* "before X after Y": the script's test loss of what it saved. */
  const char *after_text = strstr (out, " after ");
  g_assert_nonnull (after_text);
  double after = g_ascii_strtod (after_text + 7, NULL);
  g_autofree char *trained = g_build_filename (root, "trained.safetensors", NULL);
  g_autoptr(ClDesign) loaded_design = NULL;
  g_autoptr(ClNet) net = cl_model_load (trained, 64, &loaded_design, &error);
  g_assert_no_error (error);
  g_autoptr(ClDataset) data = cl_data_ref_load (&loaded_design->data, &error);
  g_assert_no_error (error);
  ClEvaluation eval;
  g_assert_true (cl_net_evaluate_dataset (net, data, CL_DATASET_TEST, &eval, NULL, NULL, &error));
  g_assert_no_error (error);
  g_test_message ("ConvLab's test loss of the script's model: %.6f (the script: %.4f)", eval.loss, after);
  /* The script prints 4 decimals. */
  g_assert_cmpfloat (fabs (eval.loss - after), <=, 6e-5);

  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", root);
  g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));
}

/* The script under torchrun (as its header and the README say), two
 * processes on the CPU: DistributedDataParallel trains an epoch and saves a
 * model ConvLab opens. */
static void
test_script_trains_distributed (void)
{
  g_autofree char *python = python_with ("torch.distributed.run");
  if (python == NULL)
    return;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (g_getenv ("CL_SOURCE_ROOT"), "data", "designs", "xor.json", NULL);
  g_autoptr(ClDesign) design = cl_design_load (path, &error);
  g_assert_no_error (error);
  g_autofree char *root = g_dir_make_tmp ("convlab-export-XXXXXX", NULL);
  g_autofree char *script = cl_export_pytorch (design, &error);
  g_assert_no_error (error);
  write_file (root, "xor.py", script, strlen (script));
  g_autofree char *script_path = g_build_filename (root, "xor.py", NULL);

  g_autofree char *check = check_script ();
  const char *argv[] = { python, check, "ddp", script_path, root, NULL };
  g_autofree char *out = NULL;
  int status;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               NULL, &status, &error));
  g_test_message ("%s", out);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("the exported script did not train under torchrun:\n%s", out);
  g_autofree char *trained = g_build_filename (root, "ddp.safetensors", NULL);
  g_autoptr(ClNet) net = cl_model_load (trained, 1, NULL, &error);
  g_assert_no_error (error);

  g_autofree char *rm = g_strdup_printf ("rm -rf '%s'", root);
  g_assert_true (g_spawn_command_line_sync (rm, NULL, NULL, NULL, NULL));
}

static void
test_every_kind_translated (void)
{
  for (int k = 0; k < cl_layer_registry_get_n_kinds (); k++)
    {
      const char *name = cl_layer_registry_get_kind (k)->name;
      g_test_message ("%s", name);
      g_assert_true (cl_export_pytorch_has_kind (name));
      g_assert_true (cl_export_onnx_has_kind (name));
    }
}

static ClDesign *
maxout_design (void)
{
  ClNetSpec *spec = cl_net_spec_new (4, 3, 3);
  cl_net_spec_add_layer (spec, "Conv2D");
  cl_net_spec_add_layer (spec, "Maxout");
  cl_net_spec_add_layer (spec, "Flatten");
  cl_net_spec_add_layer (spec, "Dense");
  cl_net_spec_add_layer (spec, "Softmax");
  return cl_design_new ("maxout", spec, "toy:xor");
}

static void
test_refuses_untranslated (void)
{
  g_autoptr(ClDesign) design = maxout_design ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (design->spec, 1, &error);
  g_assert_no_error (error);

  char *script = cl_export_pytorch_full (design, "Maxout", &error);
  g_assert_null (script);
  g_assert_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN);
  g_assert_nonnull (strstr (error->message, "Layer 2 (Maxout)"));
  g_assert_nonnull (strstr (error->message, "PyTorch"));
  g_clear_error (&error);

  GBytes *bytes = cl_export_onnx_full (design, net, "maxout", &error);
  g_assert_null (bytes);
  g_assert_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN);
  g_assert_nonnull (strstr (error->message, "Layer 2 (Maxout)"));
  g_assert_nonnull (strstr (error->message, "ONNX"));
  g_clear_error (&error);

  /* With its translation, the same design exports. */
  g_autofree char *fine = cl_export_pytorch (design, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (fine, "amax(2)"));
}

static void
test_refuses_invalid_design (void)
{
  g_autoptr(ClDesign) design = maxout_design ();
  g_autoptr(GError) error = NULL;
  /* 8 filters by default; 3 pieces do not divide them. */
  cl_net_spec_set_setting (design->spec, 1, "pieces", 3);
  g_assert_null (cl_export_pytorch (design, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN);
  g_assert_nonnull (strstr (error->message, "Maxout #2"));
}

/* A design's name and data are text in the script: quotes, backslashes and
 * line breaks must not end its strings or comments. */
static void
test_hostile_name (void)
{
  g_autofree char *python = python_with ("ast");
  if (python == NULL)
    return;
  g_autoptr(ClDesign) design = maxout_design ();
  g_free (design->name);
  design->name = g_strdup ("a\"\"\" ''' \\ \nimport os; os.remove('x') #");
  g_autoptr(GError) error = NULL;
  g_autofree char *script = cl_export_pytorch (design, &error);
  g_assert_no_error (error);
  g_autofree char *root = g_dir_make_tmp ("convlab-export-XXXXXX", NULL);
  write_file (root, "net.py", script, strlen (script));
  g_autofree char *path = g_build_filename (root, "net.py", NULL);
  /* It parses, and its design string reads back as the design. */
  g_autofree char *code = g_strdup_printf (
    "import ast, json, sys\n"
    "tree = ast.parse(open(sys.argv[1]).read())\n"
    "value = [n.value.value for n in tree.body if isinstance(n, ast.Assign) and n.targets[0].id == 'DESIGN_JSON'][0]\n"
    "print(json.loads(value)['name'], end='')\n");
  const char *argv[] = { python, "-c", code, path, NULL };
  g_autofree char *out = NULL;
  int status;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                               &status, NULL));
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_cmpstr (out, ==, design->name);
  g_unlink (path);
  g_rmdir (root);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/files/export/every-kind-translated", test_every_kind_translated);
  g_test_add_func ("/files/export/refuses-untranslated-kind", test_refuses_untranslated);
  g_test_add_func ("/files/export/refuses-invalid-design", test_refuses_invalid_design);
  g_test_add_func ("/files/export/hostile-name", test_hostile_name);
  g_test_add_func ("/files/export/matches-convlab", test_matches_convlab);
  g_test_add_func ("/files/export/script-trains", test_script_trains);
  g_test_add_func ("/files/export/script-trains-distributed", test_script_trains_distributed);
  return g_test_run ();
}
