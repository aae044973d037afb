/* A folder of images, one sub-folder per class: PNGs written with
 * gdk-pixbuf, plus files that must be skipped and reported. */
#include "config.h"

#include <sys/stat.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "engine/dataset.h"
#include "engine/dataset-private.h"
#include "engine/error.h"
#include "test-util.h"

/* Vertical bands: the left quarter red, the middle half green, the right
 * quarter blue; alpha (if any) 0 everywhere but the middle. */
static void
write_png (const char *dir, const char *name, int w, int h, gboolean alpha)
{
  g_autoptr(GdkPixbuf) pb = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, w, h);
  guint8 *pixels = gdk_pixbuf_get_pixels (pb);
  int stride = gdk_pixbuf_get_rowstride (pb), n = gdk_pixbuf_get_n_channels (pb);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        guint8 *p = pixels + y * stride + x * n;
        int band = x < w / 4 ? 0 : x < 3 * w / 4 ? 1 : 2;
        p[0] = band == 0 ? 255 : 0;
        p[1] = band == 1 ? 255 : 0;
        p[2] = band == 2 ? 255 : 0;
        if (alpha)
          p[3] = band == 1 ? 255 : 0;
      }
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_assert_true (gdk_pixbuf_save (pb, path, "png", &error, NULL));
}

static char *
make_dir (const char *parent, const char *name)
{
  char *path = g_build_filename (parent, name, NULL);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  return path;
}

static void
test_valid_with_skips (void)
{
  g_autoptr(TmpDir) root = tmp_dir_new ();
  g_autofree char *dir = make_dir (root, "pets");
  g_autofree char *cats = make_dir (dir, "cats");
  g_autofree char *dogs = make_dir (dir, "dogs");
  g_free (make_dir (dir, "birds"));
  write_png (cats, "a.png", 40, 20, FALSE);
  write_png (cats, "b.png", 40, 20, FALSE);
  write_png (cats, "c.png", 80, 40, FALSE);
  write_png (dogs, "d.png", 40, 20, TRUE);
  write_png (dogs, "e.png", 40, 20, FALSE);
  g_free (write_file (cats, "notes.txt", "not a cat", 9, FALSE));
  g_free (write_file (dogs, "fake.png", "not a dog either", 16, FALSE));
  g_free (write_file (dir, "README", "pets", 4, FALSE));
  g_autofree char *fifo = g_build_filename (dogs, "pipe.png", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);

  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = cl_dataset_load_folder (dir, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_classes, ==, 2);
  g_assert_cmpstr (ds->class_names[0], ==, "cats");
  g_assert_cmpstr (ds->class_names[1], ==, "dogs");
  g_assert_cmpuint (ds->channels, ==, 3);
  g_assert_cmpuint (ds->height, ==, 32);
  g_assert_cmpuint (ds->width, ==, 32);
  /* 20 % per class: cats round(0.6) = 1, dogs round(0.4) = 0. */
  g_assert_cmpuint (ds->n_train, ==, 4);
  g_assert_cmpuint (ds->n_test, ==, 1);
  g_assert_cmpuint (ds->labels[ds->n_train], ==, 0);
  g_assert_cmpstr (ds->name, ==, "pets");
  g_assert_cmpstr (ds->description, ==, "pets (4 training, 1 test image, 32×32 colour)");
  g_test_message ("%s", ds->report);
  g_assert_cmpstr (ds->report, ==,
                   "5 files skipped: README (not in a class folder), birds/ (no image), "
                   "cats/notes.txt (not an image), dogs/fake.png (not an image), "
                   "dogs/pipe.png (not a regular file)");

  /* Aspect kept and centre cropped: only the green middle band is left,
   * and the transparent parts of d.png would have been white. */
  for (guint i = 0; i < ds->n_train + ds->n_test; i++)
    {
      const float *x = ds->x + i * ds->sample_size;
      /* The diagonal, away from the edge columns that bilinear filtering
       * blends with the neighbouring band. */
      for (int d = 3; d < 29; d++)
        {
          int k = d * 33;
          g_assert_cmpfloat (x[k], <, 0.05f);
          g_assert_cmpfloat (x[1024 + k], >, 0.95f);
          g_assert_cmpfloat (x[2048 + k], <, 0.05f);
        }
    }
}

static void
test_grey_and_size (void)
{
  g_autoptr(TmpDir) root = tmp_dir_new ();
  g_autofree char *a = make_dir (root, "a");
  g_autofree char *b = make_dir (root, "b");
  write_png (a, "1.png", 20, 40, FALSE);
  /* 400×400 for 8×8: decoded already shrunk to 16×16. */
  write_png (b, "2.png", 400, 400, FALSE);
  ClFolderOptions options;
  cl_folder_options_init (&options);
  options.grey = TRUE;
  options.size = 8;
  options.test_fraction = 0;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = cl_dataset_load_folder (root, &options, &error);
  g_assert_no_error (error);
  g_assert_null (ds->report);
  g_assert_cmpuint (ds->channels, ==, 1);
  g_assert_cmpuint (ds->sample_size, ==, 64);
  g_assert_cmpuint (ds->n_train, ==, 2);
  /* Portrait 20×40: the full width is kept, so the bands stay; the
   * middle column is green, grey 0.587. */
  const float *x = cl_dataset_get_sample (ds, CL_DATASET_TRAIN, 0);
  g_assert_cmpfloat_with_epsilon (x[4 * 8 + 4], 0.587f, 0.01f);
  g_assert_cmpfloat_with_epsilon (x[4 * 8 + 0], 0.299f, 0.01f);
  g_assert_cmpfloat_with_epsilon (x[4 * 8 + 7], 0.114f, 0.01f);
  /* Square: the bands stay too, red quarter, green half, blue quarter. */
  x = cl_dataset_get_sample (ds, CL_DATASET_TRAIN, 1);
  g_assert_cmpfloat_with_epsilon (x[4 * 8 + 0], 0.299f, 0.01f);
  g_assert_cmpfloat_with_epsilon (x[4 * 8 + 4], 0.587f, 0.01f);
  g_assert_cmpfloat_with_epsilon (x[4 * 8 + 7], 0.114f, 0.01f);
}

static void
test_too_large_and_broken (void)
{
  g_autoptr(TmpDir) root = tmp_dir_new ();
  g_autofree char *a = make_dir (root, "a");
  g_autofree char *b = make_dir (root, "b");
  write_png (a, "ok.png", 10, 10, FALSE);
  write_png (b, "ok.png", 10, 10, FALSE);
  /* 20 000 pixels wide: refused from its header, never decoded. */
  write_png (a, "wide.png", 20000, 1, FALSE);
  /* A PNG cut in half: its header is fine, decoding fails. */
  write_png (b, "cut.png", 64, 64, FALSE);
  g_autofree char *cut = g_build_filename (b, "cut.png", NULL);
  g_autofree char *bytes = NULL;
  gsize len;
  g_assert_true (g_file_get_contents (cut, &bytes, &len, NULL));
  g_assert_true (g_file_set_contents (cut, bytes, len / 2, NULL));

  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = cl_dataset_load_folder (root, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_train + ds->n_test, ==, 2);
  g_assert_cmpstr (ds->report, ==,
                   "2 files skipped: a/wide.png (too large), b/cut.png (could not be decoded)");
}

static void
test_nothing_left (void)
{
  g_autoptr(TmpDir) root = tmp_dir_new ();
  g_autoptr(GError) error = NULL;
  g_assert_null (cl_dataset_load_folder (root, NULL, &error));
  assert_error_says (error, CL_ERROR, CL_ERROR_EMPTY, root, "no usable image");
  g_clear_error (&error);

  g_autofree char *a = make_dir (root, "a");
  g_free (write_file (a, "notes.txt", "text", 4, FALSE));
  g_assert_null (cl_dataset_load_folder (root, NULL, &error));
  assert_error_says (error, CL_ERROR, CL_ERROR_EMPTY, root, "a/notes.txt (not an image)");
  g_clear_error (&error);

  write_png (a, "1.png", 10, 10, FALSE);
  g_assert_null (cl_dataset_load_folder (root, NULL, &error));
  assert_error_says (error, CL_ERROR, CL_ERROR_EMPTY, root, "single class");
  g_clear_error (&error);

  g_assert_null (cl_dataset_load_folder ("/nonexistent/pets", NULL, &error));
  assert_error_says (error, CL_ERROR, CL_ERROR_IO, "/nonexistent/pets", "Could not open");
}

static void
test_image_load_direct (void)
{
  /* The decoder path on its own, as the fuzz target drives it. */
  g_autoptr(TmpDir) root = tmp_dir_new ();
  write_png (root, "x.png", 7, 3, TRUE);
  g_autofree char *path = g_build_filename (root, "x.png", NULL);
  float out[3 * 5 * 5];
  g_autoptr(GError) error = NULL;
  g_assert_true (_cl_image_load (path, 5, 3, out, &error));
  g_assert_no_error (error);
  g_autofree char *txt = write_file (root, "y.png", "hello", 5, FALSE);
  g_assert_false (_cl_image_load (txt, 5, 3, out, &error));
  assert_error_says (error, CL_ERROR, CL_ERROR_FORMAT, "y.png", "is not an image");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/data/folder/valid-with-skips", test_valid_with_skips);
  g_test_add_func ("/data/folder/grey-and-size", test_grey_and_size);
  g_test_add_func ("/data/folder/too-large-and-broken", test_too_large_and_broken);
  g_test_add_func ("/data/folder/nothing-left", test_nothing_left);
  g_test_add_func ("/data/folder/image-load-direct", test_image_load_direct);
  return g_test_run ();
}
