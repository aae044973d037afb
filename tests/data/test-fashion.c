/* Fashion-MNIST: the embedded subset, and the full set when installed. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "engine/data-source.h"
#include "engine/dataset.h"
#include "engine/error.h"
#include "test-util.h"

static void
check_balanced (ClDataset *ds, guint per_class_train, guint per_class_test)
{
  g_assert_cmpuint (ds->n_classes, ==, 10);
  g_assert_cmpuint (ds->channels, ==, 1);
  g_assert_cmpuint (ds->height, ==, 28);
  g_assert_cmpuint (ds->width, ==, 28);
  g_assert_cmpuint (ds->n_train, ==, 10 * per_class_train);
  g_assert_cmpuint (ds->n_test, ==, 10 * per_class_test);
  guint counts[10];
  cl_dataset_count_classes (ds, CL_DATASET_TRAIN, counts);
  for (int c = 0; c < 10; c++)
    g_assert_cmpuint (counts[c], ==, per_class_train);
  cl_dataset_count_classes (ds, CL_DATASET_TEST, counts);
  for (int c = 0; c < 10; c++)
    g_assert_cmpuint (counts[c], ==, per_class_test);
  g_assert_cmpstr (ds->class_names[0], ==, "T-shirt/top");
  g_assert_cmpstr (ds->class_names[9], ==, "Ankle boot");
  float lo = 1, hi = 0;
  for (gsize k = 0; k < (gsize) (ds->n_train + ds->n_test) * ds->sample_size; k++)
    {
      lo = MIN (lo, ds->x[k]);
      hi = MAX (hi, ds->x[k]);
    }
  g_assert_cmpfloat (lo, ==, 0.0f);
  g_assert_cmpfloat (hi, ==, 1.0f);
}

/* A data reference's train_limit keeps that many training images, the
 * same ones each time, every class still there, the test part whole; the
 * standardisation is the kept images'. */
static void
test_train_limit (void)
{
  ClDataRef ref;
  g_autoptr(GError) error = NULL;

  cl_data_ref_init (&ref, "embedded");
  g_autoptr(ClDataset) full = cl_data_ref_load (&ref, &error);
  g_assert_no_error (error);
  ref.train_limit = 500;
  g_autoptr(ClDataset) a = cl_data_ref_load (&ref, &error);
  g_assert_no_error (error);
  g_autoptr(ClDataset) b = cl_data_ref_load (&ref, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (a->n_train, ==, 500);
  g_assert_cmpuint (a->n_test, ==, full->n_test);
  g_assert_nonnull (strstr (a->description, "500 training"));
  g_assert_cmpmem (a->x, (gsize) 501 * a->sample_size * sizeof (float), b->x,
                   (gsize) 501 * b->sample_size * sizeof (float));
  /* The test part is the full set's, sample for sample. */
  g_assert_cmpmem (cl_dataset_get_sample (a, CL_DATASET_TEST, 0),
                   full->n_test * full->sample_size * sizeof (float),
                   cl_dataset_get_sample (full, CL_DATASET_TEST, 0),
                   full->n_test * full->sample_size * sizeof (float));
  g_assert_cmpmem (a->labels + 500, full->n_test * sizeof (guint32), full->labels + full->n_train,
                   full->n_test * sizeof (guint32));
  /* Each kept image is one of the full set's, with its label, in order. */
  guint from = 0;
  for (guint i = 0; i < a->n_train; i++, from++)
    {
      while (from < full->n_train
             && memcmp (cl_dataset_get_sample (a, CL_DATASET_TRAIN, i),
                        cl_dataset_get_sample (full, CL_DATASET_TRAIN, from),
                        a->sample_size * sizeof (float)) != 0)
        from++;
      g_assert_cmpuint (from, <, full->n_train);
      g_assert_cmpuint (a->labels[i], ==, full->labels[from]);
    }
  guint counts[10];
  cl_dataset_count_classes (a, CL_DATASET_TRAIN, counts);
  for (int c = 0; c < 10; c++)
    g_assert_cmpuint (counts[c], >, 20);

  /* 0, or as many as there are, or more: the whole set. */
  ref.train_limit = full->n_train + 7;
  g_autoptr(ClDataset) all = cl_data_ref_load (&ref, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->n_train, ==, full->n_train);

  /* Standardised on the kept images: their mean is 0. */
  ref.train_limit = 300;
  ref.norm = CL_DATASET_NORM_STANDARD;
  g_autoptr(ClDataset) standard = cl_data_ref_load (&ref, &error);
  g_assert_no_error (error);
  double sum = 0;
  for (gsize k = 0; k < (gsize) 300 * standard->sample_size; k++)
    sum += standard->x[k];
  g_assert_cmpfloat (fabs (sum / (300.0 * standard->sample_size)), <, 1e-4);
  cl_data_ref_clear (&ref);
}

static void
test_embedded (void)
{
  g_autofree char *dir = cl_dataset_find_embedded_dir ();
  g_assert_nonnull (dir);
  g_autofree char *subset = g_build_filename (dir, "fashion-mnist-subset", NULL);
  ClIdxOptions options = { "Fashion-MNIST subset", cl_fashion_mnist_class_names, 10 };
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(ClDataset) ds = cl_dataset_load_idx_dir (subset, &options, &error);
  g_assert_no_error (error);
  g_test_message ("embedded subset loaded in %.3f s: %s",
                  (g_get_monotonic_time () - t0) / 1e6, ds->description);
  check_balanced (ds, 600, 100);
  g_assert_cmpstr (ds->description, ==,
                   "Fashion-MNIST subset (6000 training, 1000 test images, 28×28 grey)");
}

static void
test_full (void)
{
  g_autofree char *dir = cl_dataset_find_fashion_mnist_dir ();
  if (dir == NULL)
    {
      g_test_skip ("the full Fashion-MNIST is not installed (Debian package dataset-fashion-mnist)");
      return;
    }
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  g_autoptr(ClDataset) ds = cl_dataset_load_fashion_mnist (&error);
  g_assert_no_error (error);
  g_test_message ("full Fashion-MNIST loaded in %.3f s: %s",
                  (g_get_monotonic_time () - t0) / 1e6, ds->description);
  g_assert_cmpstr (ds->name, ==, "Fashion-MNIST");
  g_assert_null (ds->report);
  check_balanced (ds, 6000, 1000);
  g_assert_cmpstr (ds->description, ==,
                   "Fashion-MNIST (60\u202f000 training, 10\u202f000 test images, 28×28 grey)");
}

/* The full set's place, as CONVLAB_FASHION_MNIST_DIR names it; the
 * machine's own installed copy is out of the way for these tests. */
static ClDataset *
load_with_full_set_in (const char *dir, GError **error)
{
  g_setenv ("CONVLAB_FASHION_MNIST_DIR", dir, TRUE);
  ClDataset *ds = cl_dataset_load_fashion_mnist (error);
  g_unsetenv ("CONVLAB_FASHION_MNIST_DIR");
  return ds;
}

static void
test_falls_back_when_missing (void)
{
  g_autofree char *dir = tmp_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = load_with_full_set_in (dir, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ds->name, ==, "Fashion-MNIST subset");
  check_balanced (ds, 600, 100);
  /* Nothing was wrong: nothing to report. */
  g_assert_null (ds->report);
  tmp_dir_remove (dir);
}

static void
test_falls_back_when_broken (void)
{
  g_autofree char *dir = tmp_dir_new ();
  g_autofree char *images = g_build_filename (dir, "train-images-idx3-ubyte", NULL);
  g_autofree char *labels = g_build_filename (dir, "train-labels-idx1-ubyte", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (images, "not an idx file", -1, NULL));
  g_assert_true (g_file_set_contents (labels, "nor this", -1, NULL));
  g_autoptr(ClDataset) ds = load_with_full_set_in (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ds->name, ==, "Fashion-MNIST subset");
  /* The broken full set is said, naming its file. */
  g_assert_nonnull (ds->report);
  g_assert_nonnull (strstr (ds->report, "train-images-idx3-ubyte"));
  tmp_dir_remove (dir);
}

/* A copy downloaded elsewhere: the subset's own files stand in for it. */
static void
test_chosen_folder (void)
{
  g_autofree char *embedded = cl_dataset_find_embedded_dir ();
  g_autofree char *subset = g_build_filename (embedded, "fashion-mnist-subset", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = load_with_full_set_in (subset, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (ds->name, ==, "Fashion-MNIST");
  check_balanced (ds, 600, 100);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/data/fashion-mnist/embedded-subset", test_embedded);
  g_test_add_func ("/data/train-limit", test_train_limit);
  g_test_add_func ("/data/fashion-mnist/full", test_full);
  g_test_add_func ("/data/fashion-mnist/falls-back-when-missing", test_falls_back_when_missing);
  g_test_add_func ("/data/fashion-mnist/falls-back-when-broken", test_falls_back_when_broken);
  g_test_add_func ("/data/fashion-mnist/chosen-folder", test_chosen_folder);
  return g_test_run ();
}
