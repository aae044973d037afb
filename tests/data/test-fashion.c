/* Fashion-MNIST: the embedded subset, and the full set when installed. */
#include "config.h"

#include "engine/dataset.h"
#include "engine/error.h"

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

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/data/fashion-mnist/embedded-subset", test_embedded);
  g_test_add_func ("/data/fashion-mnist/full", test_full);
  return g_test_run ();
}
