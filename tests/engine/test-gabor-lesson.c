/* The Gabor lesson (data/designs/gabor-lesson-grey.json) keeps its promise:
 * a short run on the embedded photos turns noise-like first-layer filters
 * into Gabor-like ones.  Fails when the recipe regresses — a larger
 * initialisation, no contrast normalisation, no momentum — or when the
 * engine stops learning what it should.  Steps, not seconds. */
#include "config.h"

#include <math.h>

#include "engine/data-source.h"
#include "engine/design-file.h"
#include "engine/error.h"
#include "engine/gabor-fit.h"
#include "engine/net.h"
#include "engine/rng.h"

/* About two thirds of an epoch of the 10 000 patches. */
#define STEPS 100

static double
first_layer_mean_r2 (ClNet *net, int *good)
{
  float *w;
  const ClTensorInfo *t = cl_net_get_layer_tensor (net, 0, 0, &w, NULL);
  int out = t->dims[0], in = t->dims[1], k = t->dims[2];
  double sum = 0;

  *good = 0;
  for (int f = 0; f < out; f++)
    {
      ClGaborFit fit;
      g_assert_true (cl_gabor_fit_channels (w + (gsize) f * in * k * k, in, k, &fit));
      sum += fit.r2;
      *good += fit.r2 >= 0.8;
    }
  return sum / out;
}

static ClDesign *
load_lesson (const char *name)
{
  const char *root = g_getenv ("CL_SOURCE_ROOT");
  g_autofree char *path = g_build_filename (root != NULL ? root : SOURCE_DATADIR "/..", "data",
                                            "designs", name, NULL);
  g_autoptr(GError) error = NULL;
  ClDesign *design = cl_design_load (path, &error);
  g_assert_no_error (error);
  return design;
}

static void
test_recipe_is_the_lessons (void)
{
  g_autoptr(ClDesign) design = load_lesson ("gabor-lesson-grey.json");
  const ClTrainSettings *t = cl_net_spec_peek_train (design->spec);
  double sigma;

  g_assert_cmpstr (cl_net_spec_get_layer_kind (design->spec, 0)->name, ==, "Conv2D");
  g_assert_cmpfloat (cl_net_spec_get_setting (design->spec, 0, "kernel"), ==, 7);
  g_assert_cmpint (cl_net_spec_get_init (design->spec, 0, &sigma), ==, CL_INIT_NORMAL);
  g_assert_cmpfloat (sigma, ==, 0.01);
  g_assert_cmpint (t->optimiser, ==, CL_OPTIM_MOMENTUM);
  g_assert_cmpfloat (t->momentum, ==, 0.9);
  g_assert_cmpfloat (t->lr, ==, 0.02);
  g_assert_cmpfloat (t->weight_decay, ==, 5e-3);
  g_assert_cmpint (t->batch_size, ==, 64);
  g_assert_cmpint (design->data.norm, ==, CL_DATASET_NORM_CONTRAST);
  g_assert_cmpstr (design->data.source, ==, "photos");
}

static void
test_filters_become_gabor_like (void)
{
  g_autoptr(ClDesign) design = load_lesson ("gabor-lesson-grey.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) data = cl_data_ref_load (&design->data, &error);
  g_assert_no_error (error);
  const ClTrainSettings *t = cl_net_spec_peek_train (design->spec);
  int batch = t->batch_size, good;
  g_autoptr(ClNet) net = cl_net_new (design->spec, batch, &error);
  g_assert_no_error (error);
  cl_net_init (net, t->seed);

  double before = first_layer_mean_r2 (net, &good);
  g_test_message ("initialisation: mean R² %.3f, %d filters at 0.8", before, good);
  /* Noise: about what random 7×7 kernels give (0.28), and none Gabor-like. */
  g_assert_cmpfloat (before, <, 0.4);
  g_assert_cmpint (good, ==, 0);

  guint n = data->n_train;
  g_autofree guint32 *order = g_new (guint32, n);
  g_autofree float *x = g_new (float, (gsize) batch * data->sample_size);
  g_autofree guint32 *labels = g_new (guint32, batch);
  ClRng rng;
  for (guint i = 0; i < n; i++)
    order[i] = i;
  cl_rng_init (&rng, t->seed, 0);
  cl_rng_shuffle (&rng, order, n);
  for (int step = 0; step < STEPS; step++)
    {
      ClStepResult result;
      cl_dataset_get_batch (data, CL_DATASET_TRAIN, order + ((gsize) step * batch) % (n - batch),
                            batch, x, labels, NULL);
      g_assert_true (cl_net_train_step (net, x, (const gint32 *) labels, NULL, batch, &result,
                                        &error));
      g_assert_no_error (error);
    }

  double after = first_layer_mean_r2 (net, &good);
  g_test_message ("after %d steps: mean R² %.3f, %d filters at 0.8", STEPS, after, good);
  g_assert_cmpfloat (after, >=, 0.7);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/gabor-lesson/recipe-is-the-lessons", test_recipe_is_the_lessons);
  g_test_add_func ("/engine/gabor-lesson/filters-become-gabor-like", test_filters_become_gabor_like);
  return g_test_run ();
}
