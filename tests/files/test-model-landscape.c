#include "config.h"

#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "engine/error.h"
#include "engine/model-file.h"
#include "engine/model-landscape.h"
#include "engine/trainer.h"

static ClLandscape *
small_landscape (void)
{
  ClLandscape *l = g_new0 (ClLandscape, 1);
  l->resolution = l->rows_done = 3;
  l->range = 0.75;
  l->axes = CL_LANDSCAPE_PCA;
  l->explained[0] = 0.8;
  l->explained[1] = 0.15;
  l->center_loss = 0.125;
  l->loss = g_new (float, 9);
  for (int k = 0; k < 9; k++)
    l->loss[k] = 0.5f + k;
  l->loss[4] = NAN;   /* an overflowed point stays missing */
  l->n_path = 2;
  l->path = g_new (ClPoint, 2);
  l->path[0] = (ClPoint) { 0.5, -0.25 };
  l->path[1] = (ClPoint) { 0, 0 };
  return l;
}

static void
test_round_trip (void)
{
  g_autoptr(ClLandscape) l = small_landscape ();
  g_autofree char *json = cl_model_landscape_to_json (l);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClLandscape) back = cl_model_landscape_from_json (json, "m.safetensors", &error);

  g_assert_no_error (error);
  g_assert_cmpint (back->resolution, ==, 3);
  g_assert_cmpint (back->rows_done, ==, 3);
  g_assert_cmpfloat (back->range, ==, 0.75);
  g_assert_cmpint (back->axes, ==, CL_LANDSCAPE_PCA);
  g_assert_cmpfloat (back->explained[1], ==, 0.15);
  g_assert_cmpfloat (back->center_loss, ==, 0.125);
  for (int k = 0; k < 9; k++)
    if (k == 4)
      g_assert_true (isnan (back->loss[k]));
    else
      g_assert_cmpfloat (back->loss[k], ==, l->loss[k]);
  g_assert_cmpint (back->n_path, ==, 2);
  g_assert_cmpfloat (back->path[0].y, ==, -0.25);

  /* Unfinished landscapes are not kept. */
  l->rows_done = 2;
  g_assert_null (cl_model_landscape_to_json (l));
}

static void
test_malformed_is_refused (void)
{
  static const char *cases[] = {
    "not json",
    "[]",
    "{\"resolution\": 3}",
    "{\"resolution\": 2000, \"range\": 1, \"axes\": \"pca\", \"explained\": [0,0], \"center_loss\": 1, \"loss\": [], \"path\": []}",
    "{\"resolution\": 3, \"range\": 1, \"axes\": \"pca\", \"explained\": [0,0], \"center_loss\": 1, \"loss\": [1,2], \"path\": []}",
    "{\"resolution\": 3, \"range\": -1, \"axes\": \"pca\", \"explained\": [0,0], \"center_loss\": 1, \"loss\": [1,2,3,4,5,6,7,8,9], \"path\": []}",
    "{\"resolution\": 3, \"range\": 1, \"axes\": \"sideways\", \"explained\": [0,0], \"center_loss\": 1, \"loss\": [1,2,3,4,5,6,7,8,9], \"path\": []}",
    "{\"resolution\": 3, \"range\": 1, \"axes\": \"pca\", \"explained\": [0,0], \"center_loss\": 1, \"loss\": [1,2,3,4,\"x\",6,7,8,9], \"path\": []}",
    "{\"resolution\": 3, \"range\": 1, \"axes\": \"pca\", \"explained\": [0,0], \"center_loss\": 1, \"loss\": [1,2,3,4,5,6,7,8,9], \"path\": [[1]]}",
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ClLandscape) l = cl_model_landscape_from_json (cases[i], "bad.safetensors", &error);
      g_assert_null (l);
      g_assert_error (error, CL_ERROR, CL_ERROR_FORMAT);
      g_assert_nonnull (strstr (error->message, "bad.safetensors"));
    }
}

static gboolean
landscape_done (ClTrainer *trainer, ClSnapshot **out)
{
  for (int tries = 0; tries < 400; tries++)
    {
      ClSnapshot *s = cl_trainer_get_snapshot (trainer);
      if (s->landscape != NULL && !s->landscape_running)
        {
          *out = s;
          return TRUE;
        }
      guint64 version = s->version;
      cl_snapshot_unref (s);
      cl_snapshot_unref (cl_trainer_wait_snapshot (trainer, version, 50000));
    }
  return FALSE;
}

static void
test_saved_model_keeps_its_landscape (void)
{
  ClToyOptions toy;
  g_autoptr(GError) error = NULL;
  cl_toy_options_init (&toy);
  g_autoptr(ClDataset) data = cl_dataset_new_toy (CL_TOY_XOR, &toy, &error);
  ClNetSpec *spec = cl_net_spec_new (2, 1, 1);
  cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 4);
  cl_net_spec_add_layer (spec, "Tanh");
  cl_net_spec_set_setting (spec, cl_net_spec_add_layer (spec, "Dense"), "units", 2);
  cl_net_spec_add_layer (spec, "Softmax");
  g_autoptr(ClDesign) design = cl_design_new ("XOR", spec, "toy:xor");
  g_autoptr(ClTrainer) trainer = cl_trainer_new (design->spec, data, NULL, &error);
  g_assert_no_error (error);
  ClLandscapeOptions options;
  cl_landscape_options_init (&options);
  options.resolution = 5;
  cl_trainer_compute_landscape (trainer, &options);
  ClSnapshot *s = NULL;
  g_assert_true (landscape_done (trainer, &s));

  g_autofree char *dir = g_dir_make_tmp ("convlab-land-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "xor.safetensors", NULL);
  g_assert_true (cl_model_save_snapshot (design, s, path, &error));
  g_assert_no_error (error);
  g_autoptr(ClLandscape) back = cl_model_load_landscape (path, &error);
  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpint (back->resolution, ==, 5);
  g_assert_cmpmem (back->loss, 25 * sizeof (float), s->landscape->loss, 25 * sizeof (float));
  cl_snapshot_unref (s);

  /* A model saved without one holds none, and that is not an error. */
  g_autoptr(ClNet) net = cl_model_load (path, 1, NULL, &error);
  g_assert_true (cl_model_save (design, net, path, &error));
  g_autoptr(ClLandscape) none = cl_model_load_landscape (path, &error);
  g_assert_null (none);
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/files/model-landscape/round-trip", test_round_trip);
  g_test_add_func ("/files/model-landscape/malformed-is-refused", test_malformed_is_refused);
  g_test_add_func ("/files/model-landscape/saved-model-keeps-its-landscape", test_saved_model_keeps_its_landscape);
  return g_test_run ();
}
