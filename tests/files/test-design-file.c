#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "engine/design-file.h"
#include "engine/error.h"
#include "engine/net.h"
#include "engine/zoo.h"
#include "tests/use-language.h"

static ClDesign *
lenet_design (void)
{
  ClDesign *design = cl_design_new ("LeNet-5", cl_net_spec_new_lenet5 (), "fashion-mnist");
  ClTrainSettings *train = cl_net_spec_get_train (design->spec);
  train->optimiser = CL_OPTIM_ADAM;
  train->lr = 0.002;
  train->seed = 42;
  cl_net_spec_set_init (design->spec, 0, CL_INIT_NORMAL, 0.05);
  return design;
}

static void
test_round_trip (void)
{
  g_autoptr(ClDesign) design = lenet_design ();
  g_autofree char *json = cl_design_to_json (design);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) back = cl_design_from_json (json, -1, "lenet.json", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (back->name, ==, "LeNet-5");
  g_assert_cmpstr (back->data.source, ==, "fashion-mnist");
  g_assert_cmpint (cl_net_spec_get_n_layers (back->spec), ==, cl_net_spec_get_n_layers (design->spec));
  for (int i = 0; i < cl_net_spec_get_n_layers (design->spec); i++)
    {
      const ClLayerKind *kind = cl_net_spec_get_layer_kind (design->spec, i);
      g_assert_true (cl_net_spec_get_layer_kind (back->spec, i) == kind);
      for (int s = 0; s < kind->n_settings; s++)
        g_assert_cmpfloat (cl_net_spec_get_settings (back->spec, i)[s], ==,
                           cl_net_spec_get_settings (design->spec, i)[s]);
    }
  double value;
  g_assert_cmpint (cl_net_spec_get_init (back->spec, 0, &value), ==, CL_INIT_NORMAL);
  g_assert_cmpfloat (value, ==, 0.05);
  const ClTrainSettings *train = cl_net_spec_peek_train (back->spec);
  g_assert_cmpint (train->optimiser, ==, CL_OPTIM_ADAM);
  g_assert_cmpfloat (train->lr, ==, 0.002);
  g_assert_cmpuint (train->seed, ==, 42);

  /* The same design writes the same text: files diff cleanly. */
  g_autofree char *again = cl_design_to_json (back);
  g_assert_cmpstr (again, ==, json);

  /* It compiles to the course's 61 706 parameters. */
  g_autoptr(ClNet) net = cl_net_new (back->spec, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cl_net_get_n_params (net), ==, 61706);
}

static void
test_toy_settings_round_trip (void)
{
  g_autoptr(ClDesign) design = cl_design_new ("XOR", cl_net_spec_new (2, 1, 1), "toy:spirals");
  design->data.toy.n_points = 321;
  design->data.toy.noise = 0.25f;
  design->data.toy.seed = 9;
  g_autofree char *json = cl_design_to_json (design);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) back = cl_design_from_json (json, -1, "xor.json", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (back->data.source, ==, "toy:spirals");
  g_assert_cmpuint (back->data.toy.n_points, ==, 321);
  g_assert_cmpfloat (back->data.toy.noise, ==, 0.25f);
  g_assert_cmpuint (back->data.toy.seed, ==, 9);
}

static void
test_save_and_load (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-design-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "lenet.json", NULL);
  g_autoptr(ClDesign) design = lenet_design ();
  g_autoptr(GError) error = NULL;

  g_assert_true (cl_design_save (design, path, &error));
  g_autoptr(ClDesign) back = cl_design_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->name, ==, "LeNet-5");
  g_unlink (path);
  g_rmdir (dir);

  g_assert_null (cl_design_load ("/nonexistent/lenet.json", &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/lenet.json"));
}

/* What the Gabor lesson needs from a design: a normal initialisation of a
 * given σ, weight decay, SGD with momentum and per-image contrast. */
static void
test_gabor_recipe_round_trip (void)
{
  g_autoptr(ClDesign) design = lenet_design ();
  ClTrainSettings *train = cl_net_spec_get_train (design->spec);
  train->optimiser = CL_OPTIM_MOMENTUM;
  train->momentum = 0.9;
  train->weight_decay = 5e-3;
  cl_net_spec_set_init (design->spec, 0, CL_INIT_NORMAL, 0.01);
  cl_net_spec_set_init (design->spec, 3, CL_INIT_UNIFORM, 0.25);
  design->data.norm = CL_DATASET_NORM_CONTRAST;

  g_autofree char *json = cl_design_to_json (design);
  g_assert_nonnull (strstr (json, "\"normalisation\": \"contrast\""));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) back = cl_design_from_json (json, -1, "gabor.json", &error);
  g_assert_no_error (error);
  double value;
  g_assert_cmpint (cl_net_spec_get_init (back->spec, 0, &value), ==, CL_INIT_NORMAL);
  g_assert_cmpfloat (value, ==, 0.01);
  g_assert_cmpint (cl_net_spec_get_init (back->spec, 3, &value), ==, CL_INIT_UNIFORM);
  g_assert_cmpfloat (value, ==, 0.25);
  g_assert_cmpint (cl_net_spec_get_init (back->spec, 7, &value), ==, CL_INIT_DEFAULT);
  const ClTrainSettings *t = cl_net_spec_peek_train (back->spec);
  g_assert_cmpint (t->optimiser, ==, CL_OPTIM_MOMENTUM);
  g_assert_cmpfloat (t->momentum, ==, 0.9);
  g_assert_cmpfloat (t->weight_decay, ==, 5e-3);
  g_assert_cmpint (back->data.norm, ==, CL_DATASET_NORM_CONTRAST);
  g_autofree char *again = cl_design_to_json (back);
  g_assert_cmpstr (again, ==, json);
}

/* RReLU's slopes survive a file, by the name the export knows it by; a
 * file whose slopes are in the wrong order loads (the editor shows it)
 * and is refused by compiling, naming the layer. */
static void
test_rrelu_round_trip (void)
{
  g_autoptr(ClDesign) design = cl_design_new ("RReLU", cl_net_spec_new (2, 1, 1), "toy:xor");
  cl_net_spec_append (design->spec, "Dense", "units", 8.0, NULL);
  cl_net_spec_append (design->spec, "RReLU", "lower", 0.05, "upper", 0.6, NULL);
  cl_net_spec_append (design->spec, "Dense", "units", 2.0, NULL);
  cl_net_spec_append (design->spec, "Softmax", NULL);
  g_autofree char *json = cl_design_to_json (design);
  g_assert_nonnull (strstr (json, "\"kind\": \"RReLU\""));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) back = cl_design_from_json (json, -1, "rrelu.json", &error);
  g_assert_no_error (error);
  g_assert_true (cl_net_spec_get_layer_kind (back->spec, 1) == cl_layer_registry_lookup ("RReLU"));
  g_assert_cmpfloat (cl_net_spec_get_setting (back->spec, 1, "lower"), ==, 0.05);
  g_assert_cmpfloat (cl_net_spec_get_setting (back->spec, 1, "upper"), ==, 0.6);
  g_autofree char *again = cl_design_to_json (back);
  g_assert_cmpstr (again, ==, json);
  g_autoptr(ClNet) net = cl_net_new (back->spec, 4, &error);
  g_assert_no_error (error);

  /* Defaults when the file leaves them out. */
  g_autoptr(ClDesign) bare = cl_design_from_json (
    "{\"format\": \"convlab-design\", \"version\": 1, "
    "\"input\": {\"channels\": 4, \"height\": 1, \"width\": 1}, "
    "\"layers\": [{\"kind\": \"RReLU\"}]}", -1, "bare.json", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (cl_net_spec_get_setting (bare->spec, 0, "lower"), ==, 0.125);
  g_assert_cmpfloat (cl_net_spec_get_setting (bare->spec, 0, "upper"), ==, 1.0 / 3.0);

  g_autoptr(ClDesign) swapped = cl_design_from_json (
    "{\"format\": \"convlab-design\", \"version\": 1, "
    "\"input\": {\"channels\": 4, \"height\": 1, \"width\": 1}, "
    "\"layers\": [{\"kind\": \"RReLU\", \"settings\": {\"lower\": 0.5, \"upper\": 0.1}}]}",
    -1, "swapped.json", &error);
  g_assert_no_error (error);
  g_autoptr(ClNet) refused = cl_net_new (swapped->spec, 1, &error);
  g_assert_null (refused);
  g_assert_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN);
  g_assert_nonnull (strstr (error->message, "RReLU #1"));
  g_assert_nonnull (strstr (error->message, "lower slope"));
}

/* Every initialisation the inspector offers is saved under its own name
 * ("lecun-normal", …) and reads back as itself. */
static void
test_every_init_round_trip (void)
{
  for (ClInitKind kind = CL_INIT_DEFAULT; kind <= CL_INIT_LECUN_NORMAL; kind++)
    {
      g_autoptr(ClDesign) design = lenet_design ();
      double value = kind == CL_INIT_CONSTANT ? -0.5 : kind == CL_INIT_UNIFORM || kind == CL_INIT_NORMAL ? 0.2 : 0;
      cl_net_spec_set_init (design->spec, 0, kind, value);
      g_autofree char *json = cl_design_to_json (design);
      if (kind != CL_INIT_DEFAULT)
        {
          g_autofree char *member = g_strdup_printf ("\"init\": \"%s\"", cl_init_kind_to_string (kind));
          g_assert_nonnull (strstr (json, member));
        }
      g_autoptr(GError) error = NULL;
      g_autoptr(ClDesign) back = cl_design_from_json (json, -1, "init.json", &error);
      g_assert_no_error (error);
      double back_value = 0;
      g_assert_cmpint (cl_net_spec_get_init (back->spec, 0, &back_value), ==, kind);
      if (value != 0)
        g_assert_cmpfloat (back_value, ==, value);
    }
  g_assert_cmpstr (cl_init_kind_to_string (CL_INIT_LECUN_UNIFORM), ==, "lecun-uniform");
  g_assert_cmpstr (cl_init_kind_to_string (CL_INIT_LECUN_NORMAL), ==, "lecun-normal");
}

static void
expect_refused (const char *json, int code, const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) design = cl_design_from_json (json, -1, "bad.json", &error);

  g_assert_null (design);
  g_assert_error (error, CL_ERROR, code);
  g_assert_nonnull (strstr (error->message, "bad.json"));
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” lacks “%s”", error->message, fragment);
}

#define HEAD "{\"format\": \"convlab-design\", \"version\": 1, " \
             "\"input\": {\"channels\": 1, \"height\": 28, \"width\": 28}, "

/* A design's range errors name the value it gave, written the way the
 * interface language writes numbers: a French teacher reads "150,5" and
 * "0,00001", never "150.5" or %g's "1e-05". */
static void
test_range_errors_in_french (void)
{
  cl_test_use_language ("fr");
  expect_refused (HEAD "\"layers\": [], \"training\": {\"learning_rate\": 150.5}}",
                  CL_ERROR_FORMAT, "pas 150,5");
  expect_refused (HEAD "\"layers\": [], \"training\": {\"weight_decay\": 1.25}}",
                  CL_ERROR_FORMAT, "pas 1,25");
  expect_refused (HEAD "\"layers\": [], \"training\": {\"learning_rate\": -0.00001}}",
                  CL_ERROR_FORMAT, "pas \xe2\x88\x92" "1 × 10⁻⁵");
  expect_refused (HEAD "\"layers\": [], \"data\": {\"source\": \"toy:xor\", \"noise\": 12.5}}",
                  CL_ERROR_FORMAT, "pas 12,5");
  expect_refused (HEAD "\"layers\": [], \"training\": {\"batch_size\": 70000}}",
                  CL_ERROR_FORMAT, "de 1 à 65\xe2\x80\xaf" "536, pas 70\xe2\x80\xaf" "000");

  g_setenv ("LANGUAGE", "en", TRUE);
  textdomain (GETTEXT_PACKAGE);   /* tells gettext its catalogues changed */
  expect_refused (HEAD "\"layers\": [], \"training\": {\"learning_rate\": 150.5}}",
                  CL_ERROR_FORMAT, "at most 100, not 150.5");
}

static void
test_speed_round_trip (void)
{
  g_autoptr(ClDesign) design = lenet_design ();
  cl_net_spec_get_train (design->spec)->speed = 30;

  g_autofree char *json = cl_design_to_json (design);
  g_assert_nonnull (strstr (json, "\"speed\": 30"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) back = cl_design_from_json (json, -1, "slow.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cl_net_spec_peek_train (back->spec)->speed, ==, 30);
  g_autofree char *again = cl_design_to_json (back);
  g_assert_cmpstr (again, ==, json);

  /* A file from before the setting trains at full speed. */
  g_autoptr(ClDesign) old = cl_design_from_json (
    HEAD "\"layers\": [], \"training\": {\"epochs\": 3}}", -1, "old.json", &error);
  g_assert_no_error (error);
  g_assert_cmpint (cl_net_spec_peek_train (old->spec)->speed, ==, 0);
}

static void
test_augment_round_trip (void)
{
  g_autoptr(ClDesign) design = lenet_design ();
  g_autoptr(GError) error = NULL;

  /* Off: the file has no "augment" at all, as before the setting. */
  g_autofree char *plain = cl_design_to_json (design);
  g_assert_null (strstr (plain, "augment"));

  cl_net_spec_get_train (design->spec)->augment
    = (ClAugmentSettings) { .shift = 3, .flip = TRUE, .crop = 25, .rotate = 12 };
  g_autofree char *json = cl_design_to_json (design);
  g_assert_nonnull (strstr (json, "\"augment\": {"));
  g_autoptr(ClDesign) back = cl_design_from_json (json, -1, "augmented.json", &error);
  g_assert_no_error (error);
  const ClAugmentSettings *a = &cl_net_spec_peek_train (back->spec)->augment;
  g_assert_cmpint (a->shift, ==, 3);
  g_assert_true (a->flip);
  g_assert_cmpint (a->crop, ==, 25);
  g_assert_cmpint (a->rotate, ==, 12);
  g_autofree char *again = cl_design_to_json (back);
  g_assert_cmpstr (again, ==, json);

  /* Members left out are off; a file from before the setting has none. */
  g_autoptr(ClDesign) partial = cl_design_from_json (
    HEAD "\"layers\": [], \"training\": {\"augment\": {\"flip\": true}}}", -1, "flip.json", &error);
  g_assert_no_error (error);
  g_autofree char *id = cl_augment_to_string (&cl_net_spec_peek_train (partial->spec)->augment);
  g_assert_cmpstr (id, ==, "flip");
  g_autoptr(ClDesign) old = cl_design_from_json (
    HEAD "\"layers\": [], \"training\": {\"epochs\": 3}}", -1, "old.json", &error);
  g_assert_no_error (error);
  g_assert_true (cl_augment_is_none (&cl_net_spec_peek_train (old->spec)->augment));
}

static void
test_train_limit_round_trip (void)
{
  g_autoptr(ClDesign) design = lenet_design ();
  g_autoptr(GError) error = NULL;

  g_autofree char *plain = cl_design_to_json (design);
  g_assert_null (strstr (plain, "train_limit"));
  design->data.train_limit = 1000;
  g_autofree char *json = cl_design_to_json (design);
  g_assert_nonnull (strstr (json, "\"train_limit\": 1000"));
  g_autoptr(ClDesign) back = cl_design_from_json (json, -1, "small.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (back->data.train_limit, ==, 1000);
  g_autofree char *again = cl_design_to_json (back);
  g_assert_cmpstr (again, ==, json);
}

static void
test_bad_designs_are_refused (void)
{
  expect_refused ("", CL_ERROR_FORMAT, "empty");
  expect_refused ("{\"format\": ", CL_ERROR_FORMAT, "JSON");
  expect_refused ("[]", CL_ERROR_FORMAT, "JSON object");
  expect_refused ("{\"layers\": []}", CL_ERROR_FORMAT, "not a ConvLab design");
  expect_refused ("{\"format\": \"convlab-design\", \"version\": 7, \"layers\": []}",
                  CL_ERROR_VERSION, "newer version");
  expect_refused ("{\"format\": \"convlab-design\", \"version\": \"1\"}", CL_ERROR_FORMAT, "version");
  expect_refused ("{\"format\": \"convlab-design\", \"version\": 1, \"layers\": []}",
                  CL_ERROR_FORMAT, "input");
  expect_refused ("{\"format\": \"convlab-design\", \"version\": 1, "
                  "\"input\": {\"channels\": 0, \"height\": 28, \"width\": 28}, \"layers\": []}",
                  CL_ERROR_FORMAT, "channels");
  expect_refused (HEAD "\"layers\": 3}", CL_ERROR_FORMAT, "layers");
  expect_refused (HEAD "\"layers\": [{\"kind\": \"Conv3D\"}]}", CL_ERROR_FORMAT, "Conv3D");
  expect_refused (HEAD "\"layers\": [7]}", CL_ERROR_FORMAT, "layer 1");
  expect_refused (HEAD "\"layers\": [{\"kind\": \"Dense\", \"settings\": {\"neurons\": 3}}]}",
                  CL_ERROR_FORMAT, "neurons");
  expect_refused (HEAD "\"layers\": [{\"kind\": \"Dense\", \"settings\": {\"units\": \"ten\"}}]}",
                  CL_ERROR_FORMAT, "units");
  expect_refused (HEAD "\"layers\": [{\"kind\": \"Dense\", \"settings\": {\"units\": 2.5}}]}",
                  CL_ERROR_FORMAT, "whole number");
  expect_refused (HEAD "\"layers\": [{\"kind\": \"Dense\", \"settings\": {\"bias\": 1}}]}",
                  CL_ERROR_FORMAT, "true or false");
  expect_refused (HEAD "\"layers\": [{\"kind\": \"Conv2D\", \"settings\": {\"padding\": \"full\"}}]}",
                  CL_ERROR_FORMAT, "same, valid, explicit");
  expect_refused (HEAD "\"layers\": [{\"kind\": \"Dense\", \"init\": \"magic\"}]}",
                  CL_ERROR_FORMAT, "magic");
  expect_refused (HEAD "\"layers\": [{\"kind\": \"Dense\", \"init\": \"normal\", \"init_value\": -0.1}]}",
                  CL_ERROR_FORMAT, "init_value");
  expect_refused (HEAD "\"layers\": [{\"kind\": \"Dense\", \"init\": \"uniform\", \"init_value\": 1e30}]}",
                  CL_ERROR_FORMAT, "from 0 to 100");
  expect_refused (HEAD "\"layers\": [{\"kind\": \"Dense\", \"init\": \"normal\", \"init_value\": \"small\"}]}",
                  CL_ERROR_FORMAT, "init_value");
  expect_refused (HEAD "\"layers\": [], \"data\": {\"normalisation\": \"whitening\"}}",
                  CL_ERROR_FORMAT, "contrast");
  expect_refused (HEAD "\"layers\": [], \"training\": {\"optimiser\": \"adamw\"}}",
                  CL_ERROR_FORMAT, "adamw");
  expect_refused (HEAD "\"layers\": [], \"training\": {\"weight_decay\": -5e-3}}",
                  CL_ERROR_FORMAT, "weight decay");
  /* The speed is steps a second, whole, 0 (full speed) to the maximum. */
  expect_refused (HEAD "\"layers\": [], \"training\": {\"speed\": -2}}",
                  CL_ERROR_FORMAT, "“speed” must be a whole number from 0 to 1\xe2\x80\xaf" "000, not "
                  "\xe2\x88\x92" "2");
  expect_refused (HEAD "\"layers\": [], \"training\": {\"speed\": 2.5}}",
                  CL_ERROR_FORMAT, "speed");
  expect_refused (HEAD "\"layers\": [], \"training\": {\"speed\": 1e9}}",
                  CL_ERROR_FORMAT, "speed");
  expect_refused (HEAD "\"layers\": [], \"training\": {\"speed\": \"slow\"}}",
                  CL_ERROR_FORMAT, "speed");
  expect_refused (HEAD "\"layers\": [], \"data\": {\"train_limit\": -3}}",
                  CL_ERROR_FORMAT, "“train_limit” must be a whole number from 0 to");
  expect_refused (HEAD "\"layers\": [], \"data\": {\"train_limit\": 1e12}}",
                  CL_ERROR_FORMAT, "train_limit");
  /* Augmentation: an object, each value whole and in its range. */
  expect_refused (HEAD "\"layers\": [], \"training\": {\"augment\": \"flip\"}}",
                  CL_ERROR_FORMAT, "“augment” must be an object");
  expect_refused (HEAD "\"layers\": [], \"training\": {\"augment\": {\"shift\": 9}}}",
                  CL_ERROR_FORMAT, "training.augment: “shift” must be a whole number from 0 to 8, not 9");
  expect_refused (HEAD "\"layers\": [], \"training\": {\"augment\": {\"crop\": 60}}}",
                  CL_ERROR_FORMAT, "“crop” must be a whole number from 0 to 50");
  expect_refused (HEAD "\"layers\": [], \"training\": {\"augment\": {\"rotate\": 2.5}}}",
                  CL_ERROR_FORMAT, "“rotate”");
  expect_refused (HEAD "\"layers\": [], \"training\": {\"augment\": {\"rotate\": -1}}}",
                  CL_ERROR_FORMAT, "“rotate”");
  expect_refused (HEAD "\"layers\": [], \"training\": {\"augment\": {\"flip\": 1}}}",
                  CL_ERROR_FORMAT, "“flip” must be true or false");
  expect_refused (HEAD "\"layers\": [], \"training\": {\"learning_rate\": -1}}",
                  CL_ERROR_FORMAT, "learning rate");
  expect_refused (HEAD "\"layers\": [], \"training\": {\"batch_size\": 1e12}}",
                  CL_ERROR_FORMAT, "batch_size");
  expect_refused (HEAD "\"layers\": [], \"data\": {\"source\": \"mnist-online\"}}",
                  CL_ERROR_FORMAT, "mnist-online");
  expect_refused (HEAD "\"layers\": [], \"data\": {\"source\": \"toy:xor\", \"points\": 1e15}}",
                  CL_ERROR_FORMAT, "points");
}

static void
test_out_of_range_values_reach_the_compiler (void)
{
  /* A typo of 2000000000 units loads (so the editor can show and fix it)
   * and is refused by compiling, before any allocation. */
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) design = cl_design_from_json (
    HEAD "\"layers\": [{\"kind\": \"Flatten\"}, {\"kind\": \"Dense\", \"settings\": {\"units\": 2000000000}}]}",
    -1, "typo.json", &error);
  g_assert_no_error (error);
  g_autoptr(ClNet) net = cl_net_new (design->spec, 64, &error);
  g_assert_null (net);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "#2"));
}

static void
test_huge_file_is_refused_before_reading (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-design-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "huge.json", NULL);
  FILE *f = fopen (path, "w");
  g_assert_nonnull (f);
  g_assert_cmpint (fseek (f, 64 * 1024 * 1024, SEEK_SET), ==, 0);   /* sparse: no real space */
  fputc ('}', f);
  fclose (f);

  g_autoptr(GError) error = NULL;
  g_assert_null (cl_design_load (path, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_TOO_LARGE);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/files/design/round-trip", test_round_trip);
  g_test_add_func ("/files/design/toy-settings-round-trip", test_toy_settings_round_trip);
  g_test_add_func ("/files/design/save-and-load", test_save_and_load);
  g_test_add_func ("/files/design/gabor-recipe-round-trip", test_gabor_recipe_round_trip);
  g_test_add_func ("/files/design/every-init-round-trip", test_every_init_round_trip);
  g_test_add_func ("/files/design/speed-round-trip", test_speed_round_trip);
  g_test_add_func ("/files/design/rrelu-round-trip", test_rrelu_round_trip);
  g_test_add_func ("/files/design/augment-round-trip", test_augment_round_trip);
  g_test_add_func ("/files/design/train-limit-round-trip", test_train_limit_round_trip);
  g_test_add_func ("/files/design/bad-designs-are-refused", test_bad_designs_are_refused);
  g_test_add_func ("/files/design/range-errors-in-french", test_range_errors_in_french);
  g_test_add_func ("/files/design/out-of-range-values-reach-the-compiler", test_out_of_range_values_reach_the_compiler);
  g_test_add_func ("/files/design/huge-file-is-refused-before-reading", test_huge_file_is_refused_before_reading);
  return g_test_run ();
}
