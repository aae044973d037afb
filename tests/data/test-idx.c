/* IDX loader: valid files plain and gzip, and every malformation refused
 * with an error naming the file and the problem. */
#include "config.h"

#include <math.h>
#include <sys/stat.h>

#include "engine/data-source.h"
#include "engine/dataset.h"
#include "engine/error.h"
#include "test-util.h"

static ClDataset *
load_pair (const char *dir, GByteArray *images, GByteArray *labels, gboolean gz,
           const ClIdxOptions *options, GError **error)
{
  g_autofree char *xi = write_array (dir, gz ? "x.gz" : "x", images, gz);
  g_autofree char *yi = write_array (dir, gz ? "y.gz" : "y", labels, gz);
  return cl_dataset_load_idx (xi, yi, NULL, NULL, options, error);
}

static void
check_small_set (ClDataset *ds, guint n_train, guint n_test)
{
  g_assert_cmpuint (ds->kind, ==, CL_DATASET_CLASSIFICATION);
  g_assert_cmpuint (ds->norm, ==, CL_DATASET_NORM_UNIT);
  g_assert_cmpuint (ds->channels, ==, 1);
  g_assert_cmpuint (ds->height, ==, 3);
  g_assert_cmpuint (ds->width, ==, 4);
  g_assert_cmpuint (ds->sample_size, ==, 12);
  g_assert_cmpuint (ds->n_train, ==, n_train);
  g_assert_cmpuint (ds->n_test, ==, n_test);
  g_assert_cmpuint (ds->n_classes, ==, 3);
  g_assert_null (ds->class_names[3]);
  /* Sample 1 of the training part, pixel (y 2, x 3) = 7 + 6 + 3 = 16. */
  const float *s = cl_dataset_get_sample (ds, CL_DATASET_TRAIN, 1);
  g_assert_cmpfloat_with_epsilon (s[2 * 4 + 3], 16.0f / 255.0f, 1e-7);
  g_assert_cmpuint (ds->labels[1], ==, 1);
}

static void
test_plain (void)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = load_pair (dir, idx_images (5, 3, 4), idx_labels (5, 3), FALSE, NULL,
                                       &error);
  g_assert_no_error (error);
  check_small_set (ds, 5, 0);
  g_assert_cmpstr (ds->class_names[2], ==, "2");
}

static void
test_gzip (void)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = load_pair (dir, idx_images (5, 3, 4), idx_labels (5, 3), TRUE, NULL,
                                       &error);
  g_assert_no_error (error);
  check_small_set (ds, 5, 0);
}

static void
test_dir_by_names (void)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  g_free (write_array (dir, "train-images-idx3-ubyte.gz", idx_images (6, 3, 4), TRUE));
  g_free (write_array (dir, "train-labels-idx1-ubyte", idx_labels (6, 3), FALSE));
  g_free (write_array (dir, "t10k-images-idx3-ubyte", idx_images (3, 3, 4), FALSE));
  g_free (write_array (dir, "t10k-labels-idx1-ubyte.gz", idx_labels (3, 3), TRUE));
  g_free (write_file (dir, "README", "hello", 5, FALSE));
  static const char *const names[] = { "zero", "one", "two", NULL };
  ClIdxOptions options = { "Tiny", names, 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = cl_dataset_load_idx_dir (dir, &options, &error);
  g_assert_no_error (error);
  check_small_set (ds, 6, 3);
  g_assert_cmpstr (ds->name, ==, "Tiny");
  g_assert_cmpstr (ds->class_names[1], ==, "one");
  g_assert_cmpstr (ds->description, ==, "Tiny (6 training, 3 test images, 4×3 grey)");
  /* Test sample 2: pixel (0, 0) = 2 * 7 = 14, label 2. */
  g_assert_cmpfloat_with_epsilon (cl_dataset_get_sample (ds, CL_DATASET_TEST, 2)[0],
                                  14.0f / 255.0f, 1e-7);
  g_assert_cmpuint (ds->labels[ds->n_train + 2], ==, 2);
}

static void
test_dir_without_set (void)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = cl_dataset_load_idx_dir (dir, NULL, &error);
  g_assert_null (ds);
  assert_error_says (error, CL_ERROR, CL_ERROR_IO, dir, "no IDX training set");
}

static void
test_batch (void)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  g_free (write_array (dir, "train-images-idx3-ubyte", idx_images (6, 3, 4), FALSE));
  g_free (write_array (dir, "train-labels-idx1-ubyte", idx_labels (6, 3), FALSE));
  g_free (write_array (dir, "t10k-images-idx3-ubyte", idx_images (3, 3, 4), FALSE));
  g_free (write_array (dir, "t10k-labels-idx1-ubyte", idx_labels (3, 3), FALSE));
  g_autoptr(ClDataset) ds = cl_dataset_load_idx_dir (dir, NULL, NULL);
  g_assert_nonnull (ds);

  const guint32 idx[] = { 2, 0 };
  float x[2 * 12];
  guint32 y[2];
  cl_dataset_get_batch (ds, CL_DATASET_TEST, idx, 2, x, y, NULL);
  g_assert_cmpmem (x, 12 * sizeof (float), cl_dataset_get_sample (ds, CL_DATASET_TEST, 2),
                   12 * sizeof (float));
  g_assert_cmpmem (x + 12, 12 * sizeof (float), cl_dataset_get_sample (ds, CL_DATASET_TEST, 0),
                   12 * sizeof (float));
  g_assert_cmpuint (y[0], ==, 2);
  g_assert_cmpuint (y[1], ==, 0);

  guint counts[3];
  cl_dataset_count_classes (ds, CL_DATASET_TRAIN, counts);
  g_assert_cmpuint (counts[0], ==, 2);
  g_assert_cmpuint (counts[1], ==, 2);
  g_assert_cmpuint (counts[2], ==, 2);

  /* Standardising uses the training part: its mean becomes 0. */
  cl_dataset_standardise (ds);
  g_assert_cmpuint (ds->norm, ==, CL_DATASET_NORM_STANDARD);
  double sum = 0;
  for (gsize k = 0; k < ds->n_train * ds->sample_size; k++)
    sum += ds->x[k];
  g_assert_cmpfloat (fabs (sum), <, 1e-4);
  g_assert_cmpfloat (ds->std[0], >, 0.0f);
}

/* Malformations ------------------------------------------------------- */

static GByteArray *
header (guint8 type, guint8 ndim, const guint32 *dims)
{
  GByteArray *a = g_byte_array_new ();
  guint8 magic[] = { 0, 0, type, ndim };
  g_byte_array_append (a, magic, 4);
  for (guint d = 0; d < ndim; d++)
    put_be32 (a, dims[d]);
  return a;
}

static void
expect_images_error (GByteArray *images, gboolean gz, int code, const char *words)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = load_pair (dir, images, idx_labels (5, 3), gz, NULL, &error);
  g_assert_null (ds);
  assert_error_says (error, CL_ERROR, code, gz ? "x.gz" : "x", words);
}

static void
test_wrong_magic (void)
{
  GByteArray *a = idx_images (5, 3, 4);
  a->data[0] = 0x89; /* a PNG, say */
  expect_images_error (a, FALSE, CL_ERROR_FORMAT, "wrong magic number 0x89000803");
  a = idx_images (5, 3, 4);
  a->data[2] = 0x0D; /* floats */
  expect_images_error (a, TRUE, CL_ERROR_FORMAT, "type 0x0D");
  a = idx_images (5, 3, 4);
  a->data[3] = 2;
  expect_images_error (a, FALSE, CL_ERROR_FORMAT, "has 2 dimensions");
}

static void
test_truncated (void)
{
  /* 16 header bytes + 60 pixels = 76; keep 50. */
  GByteArray *a = idx_images (5, 3, 4);
  g_byte_array_set_size (a, 50);
  expect_images_error (a, FALSE, CL_ERROR_TRUNCATED, "truncated at byte 50 of 76");
  a = idx_images (5, 3, 4);
  g_byte_array_set_size (a, 50);
  expect_images_error (a, TRUE, CL_ERROR_TRUNCATED, "truncated at byte 50 of 76");
  /* Inside the header. */
  a = idx_images (5, 3, 4);
  g_byte_array_set_size (a, 10);
  expect_images_error (a, TRUE, CL_ERROR_TRUNCATED, "truncated at byte 10 of 16");
}

static void
test_truncated_gzip_stream (void)
{
  /* The compressed stream itself cut in the middle. */
  g_autoptr(GByteArray) a = idx_images (500, 28, 28);
  g_autoptr(GBytes) z = gzip_bytes (a->data, a->len);
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  gsize zlen;
  const guint8 *zdata = g_bytes_get_data (z, &zlen);
  g_autofree char *x = write_file (dir, "x.gz", zdata, zlen / 2, FALSE);
  g_autofree char *y = write_array (dir, "y", idx_labels (500, 3), FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = cl_dataset_load_idx (x, y, NULL, NULL, NULL, &error);
  g_assert_null (ds);
  assert_error_says (error, CL_ERROR, CL_ERROR_TRUNCATED, "x.gz", "truncated");
}

static void
test_damaged_gzip (void)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  static const guint8 junk[] = { 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xff, 0xff, 0xff,
                                 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
  g_autofree char *x = write_file (dir, "x.gz", junk, sizeof junk, FALSE);
  g_autofree char *y = write_array (dir, "y", idx_labels (5, 3), FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = cl_dataset_load_idx (x, y, NULL, NULL, NULL, &error);
  g_assert_null (ds);
  assert_error_says (error, CL_ERROR, CL_ERROR_FORMAT, "x.gz", "damaged gzip data");
}

static void
test_absurd_sizes (void)
{
  const guint32 many[] = { 1000000000u, 28, 28 };
  expect_images_error (header (8, 3, many), FALSE, CL_ERROR_TOO_LARGE, "declares 1\u202f000\u202f000\u202f000 samples");
  const guint32 wide[] = { 1, 100000, 100000 };
  expect_images_error (header (8, 3, wide), TRUE, CL_ERROR_TOO_LARGE,
                       "images of 100000×100000 pixels, larger than the limit of 4096×4096");
  const guint32 product[] = { 4000000, 4096, 4096 };
  expect_images_error (header (8, 3, product), FALSE, CL_ERROR_TOO_LARGE, "pixels in all");
  const guint32 zero[] = { 5, 0, 4 };
  expect_images_error (header (8, 3, zero), FALSE, CL_ERROR_FORMAT, "empty images");
  const guint32 none[] = { 0, 28, 28 };
  expect_images_error (header (8, 3, none), FALSE, CL_ERROR_EMPTY, "no samples");
  expect_images_error (g_byte_array_new (), FALSE, CL_ERROR_EMPTY, "is empty");
}

static void
test_count_mismatch (void)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = load_pair (dir, idx_images (5, 3, 4), idx_labels (4, 3), FALSE, NULL,
                                       &error);
  g_assert_null (ds);
  assert_error_says (error, CL_ERROR, CL_ERROR_MISMATCH, "“x” holds 5 images but “y” holds 4 labels", "");
}

static void
test_train_test_shape_mismatch (void)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  g_free (write_array (dir, "train-images-idx3-ubyte", idx_images (6, 3, 4), FALSE));
  g_free (write_array (dir, "train-labels-idx1-ubyte", idx_labels (6, 3), FALSE));
  g_free (write_array (dir, "t10k-images-idx3-ubyte", idx_images (3, 4, 4), FALSE));
  g_free (write_array (dir, "t10k-labels-idx1-ubyte", idx_labels (3, 3), FALSE));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = cl_dataset_load_idx_dir (dir, NULL, &error);
  g_assert_null (ds);
  assert_error_says (error, CL_ERROR, CL_ERROR_MISMATCH, "t10k-images-idx3-ubyte", "4×4 images");
}

static void
test_label_out_of_range (void)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  GByteArray *labels = idx_labels (5, 3);
  labels->data[8 + 3] = 250;
  ClIdxOptions options = { NULL, NULL, 10 };
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = load_pair (dir, idx_images (5, 3, 4), labels, FALSE, &options, &error);
  g_assert_null (ds);
  assert_error_says (error, CL_ERROR, CL_ERROR_FORMAT, "y",
                     "label 250 of sample 3 is out of range for 10 classes");
}

static void
test_longer_than_header (void)
{
  GByteArray *a = idx_images (5, 3, 4);
  g_byte_array_append (a, (const guint8 *) "extra", 5);
  expect_images_error (a, FALSE, CL_ERROR_FORMAT, "longer than its header says");
}

static void
test_gzip_bomb (void)
{
  /* A header for 5 small images followed by 64 MiB of zeros that gzip
   * shrinks to about 64 KiB: reading stops right after the 60 pixels. */
  gsize len = 64u << 20;
  g_autofree guint8 *bomb = g_malloc0 (len);
  g_autoptr(GByteArray) h = idx_images (5, 3, 4);
  memcpy (bomb, h->data, h->len);
  g_autoptr(GBytes) z = gzip_bytes (bomb, len);
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  gsize zlen;
  const guint8 *zdata = g_bytes_get_data (z, &zlen);
  g_test_message ("bomb: %zu bytes inflating to %zu", zlen, len);
  g_autofree char *x = write_file (dir, "bomb.gz", zdata, zlen, FALSE);
  g_autofree char *y = write_array (dir, "y", idx_labels (5, 3), FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = cl_dataset_load_idx (x, y, NULL, NULL, NULL, &error);
  g_assert_null (ds);
  assert_error_says (error, CL_ERROR, CL_ERROR_FORMAT, "bomb.gz", "longer than its header says");
}

/* A header that says 30 × 4096 × 4096 for a 1×4×4 network: refused on
 * the header, before 2.5 GB were read (here the data is not even there, so
 * reading it would fail otherwise: the shape error must come first). */
static void
test_shape_checked_before_loading (void)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  const guint32 dims[] = { 30, 4096, 4096 };
  g_autofree char *x = write_array (dir, "train-images-idx3-ubyte.gz", header (0x08, 3, dims),
                                    TRUE);
  g_autofree char *y = write_array (dir, "train-labels-idx1-ubyte", idx_labels (30, 2), FALSE);
  g_autoptr(ClNetSpec) spec = cl_net_spec_new (1, 4, 4);
  g_autoptr(GError) error = NULL;
  guint c = 0, h = 0, w = 0;
  ClDataRef ref;

  /* By the files, and by the folder. */
  g_autofree char *by_files = g_strdup_printf ("idx:%s,%s", x, y);
  g_autofree char *by_dir = g_strdup_printf ("idx:%s", (const char *) dir);
  const char *sources[] = { by_files, by_dir };
  for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
    {
      cl_data_ref_init (&ref, sources[i]);
      g_assert_true (cl_data_ref_peek_shape (&ref, &c, &h, &w));
      g_assert_cmpuint (c, ==, 1);
      g_assert_cmpuint (h, ==, 4096);
      g_assert_cmpuint (w, ==, 4096);
      g_autoptr(ClDataset) ds = cl_data_ref_load_for (&ref, spec, &error);
      g_assert_null (ds);
      assert_error_says (error, CL_ERROR, CL_ERROR_MISMATCH, "1×4×4", "1×4096×4096");
      g_clear_error (&error);
      cl_data_ref_clear (&ref);
    }

  /* A header that cannot be read is left to the loader to explain. */
  cl_data_ref_init (&ref, "idx:/nonexistent/images,/nonexistent/labels");
  g_assert_false (cl_data_ref_peek_shape (&ref, &c, &h, &w));
  g_assert_null (cl_data_ref_load_for (&ref, spec, &error));
  assert_error_says (error, CL_ERROR, CL_ERROR_IO, "images", "does not exist");
  cl_data_ref_clear (&ref);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = cl_dataset_load_idx ("/nonexistent/a-idx3", "/nonexistent/b", NULL,
                                                 NULL, NULL, &error);
  g_assert_null (ds);
  assert_error_says (error, CL_ERROR, CL_ERROR_IO, "a-idx3", "does not exist");
}

static void
test_not_a_regular_file (void)
{
  /* A named pipe would block a plain open () forever. */
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  g_autofree char *fifo = g_build_filename (dir, "train-images-idx3-ubyte", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_autofree char *y = write_array (dir, "train-labels-idx1-ubyte", idx_labels (5, 3), FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = cl_dataset_load_idx_dir (dir, NULL, &error);
  g_assert_null (ds);
  assert_error_says (error, CL_ERROR, CL_ERROR_IO, "train-images-idx3-ubyte",
                     "is not a regular file");
  g_clear_error (&error);
  g_assert_null (cl_dataset_load_idx (dir, y, NULL, NULL, NULL, &error));
  assert_error_says (error, CL_ERROR, CL_ERROR_IO, "convlab-data-", "is a folder");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/data/idx/plain", test_plain);
  g_test_add_func ("/data/idx/gzip", test_gzip);
  g_test_add_func ("/data/idx/dir-by-names", test_dir_by_names);
  g_test_add_func ("/data/idx/dir-without-set", test_dir_without_set);
  g_test_add_func ("/data/idx/batch-and-standardise", test_batch);
  g_test_add_func ("/data/idx/wrong-magic", test_wrong_magic);
  g_test_add_func ("/data/idx/truncated", test_truncated);
  g_test_add_func ("/data/idx/truncated-gzip-stream", test_truncated_gzip_stream);
  g_test_add_func ("/data/idx/damaged-gzip", test_damaged_gzip);
  g_test_add_func ("/data/idx/absurd-sizes", test_absurd_sizes);
  g_test_add_func ("/data/idx/count-mismatch", test_count_mismatch);
  g_test_add_func ("/data/idx/train-test-shape-mismatch", test_train_test_shape_mismatch);
  g_test_add_func ("/data/idx/label-out-of-range", test_label_out_of_range);
  g_test_add_func ("/data/idx/longer-than-header", test_longer_than_header);
  g_test_add_func ("/data/idx/shape-checked-before-loading", test_shape_checked_before_loading);
  g_test_add_func ("/data/idx/gzip-bomb", test_gzip_bomb);
  g_test_add_func ("/data/idx/missing-file", test_missing_file);
  g_test_add_func ("/data/idx/not-a-regular-file", test_not_a_regular_file);
  return g_test_run ();
}
