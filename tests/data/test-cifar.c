/* CIFAR-10 binary batches: valid files, and malformed ones refused. */
#include "config.h"

#include "engine/dataset.h"
#include "engine/error.h"
#include "test-util.h"

static const char meta[] = "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n";

static void
test_valid (void)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  g_free (write_array (dir, "data_batch_1.bin", cifar_batch (3, 0, 10), FALSE));
  g_free (write_array (dir, "data_batch_2.bin.gz", cifar_batch (2, 3, 10), TRUE));
  g_free (write_array (dir, "test_batch.bin", cifar_batch (4, 7, 10), FALSE));
  g_free (write_file (dir, "batches.meta.txt", meta, strlen (meta), FALSE));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = cl_dataset_load_cifar10 (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_train, ==, 5);
  g_assert_cmpuint (ds->n_test, ==, 4);
  g_assert_cmpuint (ds->channels, ==, 3);
  g_assert_cmpuint (ds->height, ==, 32);
  g_assert_cmpuint (ds->width, ==, 32);
  g_assert_cmpuint (ds->n_classes, ==, 10);
  g_assert_cmpstr (ds->class_names[3], ==, "cat");
  g_assert_cmpstr (ds->description, ==, "CIFAR-10 (5 training, 4 test images, 32×32 colour)");
  /* Training sample 4 is record 1 of batch 2: label 4; green plane,
   * pixel (y 0, x 2) is byte 1024 + 2 of the record: (5 + 1026) mod 256. */
  g_assert_cmpuint (ds->labels[4], ==, 4);
  const float *s = cl_dataset_get_sample (ds, CL_DATASET_TRAIN, 4);
  g_assert_cmpfloat_with_epsilon (s[1024 + 2], (1031 % 256) / 255.0f, 1e-7);
  g_assert_cmpuint (ds->labels[ds->n_train + 3], ==, 0);
}

static void
test_default_names (void)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  g_free (write_array (dir, "data_batch_3.bin", cifar_batch (2, 0, 10), FALSE));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = cl_dataset_load_cifar10 (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_train, ==, 2);
  g_assert_cmpuint (ds->n_test, ==, 0);
  g_assert_cmpstr (ds->class_names[9], ==, "truck");
}

static void
expect_batch_error (GByteArray *batch, gboolean gz, int code, const char *words)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  const char *name = gz ? "data_batch_1.bin.gz" : "data_batch_1.bin";
  g_free (write_array (dir, name, batch, gz));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = cl_dataset_load_cifar10 (dir, &error);
  g_assert_null (ds);
  assert_error_says (error, CL_ERROR, code, name, words);
}

static void
test_truncated (void)
{
  GByteArray *a = cifar_batch (3, 0, 10);
  g_byte_array_set_size (a, 3073 * 2 + 100);
  expect_batch_error (a, FALSE, CL_ERROR_TRUNCATED,
                      "truncated at byte 6246: its last record has 100 of the 3073 bytes");
  a = cifar_batch (3, 0, 10);
  g_byte_array_set_size (a, 3073 * 2 + 100);
  expect_batch_error (a, TRUE, CL_ERROR_TRUNCATED, "truncated at byte 6246");
}

static void
test_empty (void)
{
  expect_batch_error (g_byte_array_new (), FALSE, CL_ERROR_EMPTY, "holds no images");
  expect_batch_error (g_byte_array_new (), TRUE, CL_ERROR_EMPTY, "holds no images");
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  g_autoptr(GError) error = NULL;
  g_assert_null (cl_dataset_load_cifar10 (dir, &error));
  assert_error_says (error, CL_ERROR, CL_ERROR_IO, dir, "no CIFAR-10 batch");
}

static void
test_label_out_of_range (void)
{
  GByteArray *a = cifar_batch (3, 0, 10);
  a->data[3073 * 1] = 250;
  expect_batch_error (a, FALSE, CL_ERROR_FORMAT,
                      "label 250 of image 1 is out of range for 10 classes");
}

static void
test_bad_meta (void)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  g_free (write_array (dir, "data_batch_1.bin", cifar_batch (3, 0, 10), FALSE));
  static const char binary[] = "cat\n\xff\xfe\n";
  g_free (write_file (dir, "batches.meta.txt", binary, sizeof binary - 1, FALSE));
  g_autoptr(GError) error = NULL;
  g_assert_null (cl_dataset_load_cifar10 (dir, &error));
  assert_error_says (error, CL_ERROR, CL_ERROR_FORMAT, "batches.meta.txt", "not a text file");
  g_clear_error (&error);

  /* Three names: label 3 of record 3 is out of range. */
  g_free (write_file (dir, "batches.meta.txt", "a\nb\nc\n", 6, FALSE));
  g_free (write_array (dir, "data_batch_1.bin", cifar_batch (4, 0, 10), FALSE));
  g_assert_null (cl_dataset_load_cifar10 (dir, &error));
  assert_error_says (error, CL_ERROR, CL_ERROR_FORMAT, "data_batch_1.bin",
                     "label 3 of image 3 is out of range for 3 classes");
}

static void
test_gzip_bomb (void)
{
  /* 200 MB of zeros (about 200 KB compressed): inflating stops at the cap
   * of 60 000 records (184 MB) instead of going on. */
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  g_free (write_gzip_bomb (dir, "data_batch_1.bin.gz", "", 0, 200u * 1000 * 1000));
  g_autoptr(GError) error = NULL;
  g_assert_null (cl_dataset_load_cifar10 (dir, &error));
  assert_error_says (error, CL_ERROR, CL_ERROR_TOO_LARGE, "data_batch_1.bin.gz",
                     "once uncompressed");
}

static void
test_too_large_plain (void)
{
  /* A sparse file longer than the cap: refused on its length, unread. */
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  g_autofree char *path = g_build_filename (dir, "data_batch_1.bin", NULL);
  FILE *f = fopen (path, "wb");
  g_assert_nonnull (f);
  g_assert_cmpint (fseeko (f, (off_t) 3073 * 70000 - 1, SEEK_SET), ==, 0);
  fputc (0, f);
  fclose (f);
  g_autoptr(GError) error = NULL;
  g_assert_null (cl_dataset_load_cifar10 (dir, &error));
  assert_error_says (error, CL_ERROR, CL_ERROR_TOO_LARGE, "data_batch_1.bin", "too large");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/data/cifar/valid", test_valid);
  g_test_add_func ("/data/cifar/default-names", test_default_names);
  g_test_add_func ("/data/cifar/truncated", test_truncated);
  g_test_add_func ("/data/cifar/empty", test_empty);
  g_test_add_func ("/data/cifar/label-out-of-range", test_label_out_of_range);
  g_test_add_func ("/data/cifar/bad-meta", test_bad_meta);
  g_test_add_func ("/data/cifar/gzip-bomb", test_gzip_bomb);
  g_test_add_func ("/data/cifar/too-large-plain", test_too_large_plain);
  return g_test_run ();
}
