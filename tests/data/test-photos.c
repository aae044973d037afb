/* The embedded Photos set: its shape, classes, licence record, honest
 * split, its generator, the data source ids and the example that uses it. */
#include "config.h"

#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <gdk-pixbuf/gdk-pixbuf.h>

#include "engine/data-source.h"
#include "engine/dataset-private.h"
#include "engine/design-file.h"
#include "engine/error.h"
#include "engine/trainer.h"
#include "test-util.h"

static const char *const english_names[] = {
  "Leaf", "Dune", "Orange flower", "Meadow", "Raindrops",
  "Storm", "Wood", "Yellow flower", "Cat", "Coffee",
};

static ClDataset *
load (gboolean colour)
{
  g_autoptr(GError) error = NULL;
  gint64 t0 = g_get_monotonic_time ();
  ClDataset *ds = cl_dataset_load_photos (colour, &error);
  g_assert_no_error (error);
  g_test_message ("Photos (%s) loaded in %.3f s", colour ? "colour" : "grey",
                  (g_get_monotonic_time () - t0) / 1e6);
  return ds;
}

static void
check_shape (ClDataset *ds, guint channels)
{
  g_assert_cmpuint (ds->channels, ==, channels);
  g_assert_cmpuint (ds->height, ==, 32);
  g_assert_cmpuint (ds->width, ==, 32);
  g_assert_cmpuint (ds->n_classes, ==, 10);
  g_assert_cmpuint (ds->n_train, ==, 10000);
  g_assert_cmpuint (ds->n_test, ==, 2000);
  g_assert_cmpint (ds->norm, ==, CL_DATASET_NORM_UNIT);
  g_assert_cmpstr (ds->name, ==, "Photos");
  for (guint k = 0; k < 10; k++)
    g_assert_cmpstr (ds->class_names[k], ==, english_names[k]);
  g_assert_null (ds->class_names[10]);

  guint counts[10];
  cl_dataset_count_classes (ds, CL_DATASET_TRAIN, counts);
  for (int c = 0; c < 10; c++)
    g_assert_cmpuint (counts[c], ==, 1000);
  cl_dataset_count_classes (ds, CL_DATASET_TEST, counts);
  for (int c = 0; c < 10; c++)
    g_assert_cmpuint (counts[c], ==, 200);
  /* Interleaved: the first ten test images are one of each photograph. */
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (ds->labels[ds->n_train + i], ==, i);

  float lo = 1, hi = 0;
  for (gsize k = 0; k < (gsize) (ds->n_train + ds->n_test) * ds->sample_size; k++)
    {
      lo = MIN (lo, ds->x[k]);
      hi = MAX (hi, ds->x[k]);
    }
  g_assert_cmpfloat (lo, >=, 0.0f);
  g_assert_cmpfloat (hi, <=, 1.0f);
  /* Real photographs: the values span nearly the whole range. */
  g_assert_cmpfloat (hi - lo, >, 0.9f);
}

static void
test_colour (void)
{
  g_autoptr(ClDataset) ds = load (TRUE);
  check_shape (ds, 3);
  g_assert_cmpstr (ds->description, ==,
                   "Photos (10\u202f000 training, 2000 test images, 32×32 colour)");
}

static void
test_grey_is_the_luma_of_colour (void)
{
  g_autoptr(ClDataset) grey = load (FALSE);
  g_autoptr(ClDataset) colour = load (TRUE);
  check_shape (grey, 1);
  g_assert_cmpstr (grey->description, ==,
                   "Photos (10\u202f000 training, 2000 test images, 32×32 grey)");
  /* Patch for patch the same places: grey = Rec. 601 luma of the colour. */
  guint n = grey->n_train + grey->n_test;
  for (guint s = 0; s < n; s += 97)
    for (guint k = 0; k < 32 * 32; k++)
      {
        const float *c = colour->x + (gsize) s * 3 * 1024;
        float luma = 0.299f * c[k] + 0.587f * c[1024 + k] + 0.114f * c[2048 + k];
        g_assert_cmpfloat_with_epsilon (grey->x[(gsize) s * 1024 + k], luma, 1e-5);
      }
}

static void
test_same_on_every_load (void)
{
  g_autoptr(ClDataset) a = load (TRUE);
  g_autoptr(ClDataset) b = load (TRUE);
  gsize n = (gsize) (a->n_train + a->n_test);
  g_assert_cmpmem (a->x, n * a->sample_size * sizeof (float), b->x,
                   n * b->sample_size * sizeof (float));
  g_assert_cmpmem (a->labels, n * sizeof (guint32), b->labels, n * sizeof (guint32));
}

/* Every photograph the loader reads is in SOURCES with its class, package,
 * source file and a licence that lets a GPL-3.0-or-later program ship it. */
static void
test_licence_record (void)
{
  g_autofree char *dir = cl_dataset_find_embedded_dir ();
  g_autofree char *path = g_build_filename (dir, "photos", "SOURCES", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);

  g_auto(GStrv) lines = g_strsplit (g_strchomp (text), "\n", -1);
  g_assert_cmpstr (lines[0], ==, "file\tclass\tpackage\tversion\tsource\tlicence\tcopyright");
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + CL_PHOTOS_N_CLASSES);
  for (guint k = 0; k < CL_PHOTOS_N_CLASSES; k++)
    {
      g_auto(GStrv) f = g_strsplit (lines[1 + k], "\t", -1);
      g_assert_cmpuint (g_strv_length (f), ==, 7);
      g_assert_cmpstr (f[0], ==, cl_photos_file_name (k));
      g_assert_cmpstr (f[1], ==, cl_photos_class_name (k));
      g_assert_true (g_str_equal (f[2], "mate-backgrounds") || g_str_equal (f[2], "python3-skimage"));
      g_assert_cmpstr (f[3], !=, "");
      g_assert_true (g_str_has_prefix (f[4], "/usr/"));
      g_assert_true (g_str_equal (f[5], "GPL-2+") || g_str_equal (f[5], "CC0-1.0"));
      g_assert_cmpstr (f[6], !=, "");
      g_autofree char *photo = g_build_filename (dir, "photos", f[0], NULL);
      g_assert_true (g_file_test (photo, G_FILE_TEST_IS_REGULAR));
    }
}

/* A folder of ten synthetic photos whose red channel is the column and blue
 * the class: patches then say where they were cut. */
static char *
synthetic_photos (int width, int height)
{
  char *dir = tmp_dir_new ();
  for (guint k = 0; k < CL_PHOTOS_N_CLASSES; k++)
    {
      g_autoptr(GdkPixbuf) p = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
      guint8 *px = gdk_pixbuf_get_pixels (p);
      int stride = gdk_pixbuf_get_rowstride (p);
      for (int y = 0; y < height; y++)
        for (int x = 0; x < width; x++)
          {
            px[y * stride + 3 * x] = (guint8) x;
            px[y * stride + 3 * x + 1] = (guint8) y;
            px[y * stride + 3 * x + 2] = (guint8) (20 * k);
          }
      g_autofree char *path = g_build_filename (dir, cl_photos_file_name (k), NULL);
      g_autoptr(GError) error = NULL;
      g_assert_true (gdk_pixbuf_save (p, path, "png", &error, NULL));
      g_assert_no_error (error);
    }
  return dir;
}

static void
test_test_patches_do_not_overlap_training_ones (void)
{
  g_autoptr(TmpDir) dir = synthetic_photos (256, 64);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = _cl_dataset_load_photos_dir (dir, TRUE, &error);
  g_assert_no_error (error);

  /* Split at column 192: training patches end before it, test ones start at it. */
  for (guint s = 0; s < ds->n_train + ds->n_test; s++)
    {
      const float *x = ds->x + (gsize) s * ds->sample_size;
      float first = x[0] * 255.0f, last = x[31] * 255.0f;
      g_assert_cmpfloat_with_epsilon (last - first, 31.0f, 1e-3);
      if (s < ds->n_train)
        g_assert_cmpfloat (last, <, 192.0f - 0.5f);
      else
        g_assert_cmpfloat (first, >, 192.0f - 0.5f);
      g_assert_cmpfloat_with_epsilon (x[2 * 1024] * 255.0f, 20.0f * ds->labels[s], 1e-3);
    }
}

static void
expect_refused (const char *dir, const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = _cl_dataset_load_photos_dir (dir, FALSE, &error);
  g_assert_null (ds);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, needle));
}

static void
test_bad_photos_are_refused (void)
{
  g_autoptr(TmpDir) dir = synthetic_photos (256, 64);
  g_autofree char *wood = g_build_filename (dir, "wood.png", NULL);

  g_assert_cmpint (g_remove (wood), ==, 0);
  expect_refused (dir, "wood.png” of the embedded Photos set is missing");

  g_assert_true (g_file_set_contents (wood, "not a png", -1, NULL));
  expect_refused (dir, "wood.png” is not an image");

  /* Too narrow for a patch on each side of the split. */
  g_autoptr(GdkPixbuf) small = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 64, 64);
  gdk_pixbuf_fill (small, 0);
  g_assert_true (gdk_pixbuf_save (small, wood, "png", NULL, NULL));
  expect_refused (dir, "64×64");

  /* A named pipe must not block the load. */
  g_assert_cmpint (g_remove (wood), ==, 0);
  g_assert_cmpint (mkfifo (wood, 0600), ==, 0);
  expect_refused (dir, "not a regular file");
}

static void
test_data_source_ids (void)
{
  ClDataRef ref;
  g_autoptr(GError) error = NULL;

  cl_data_ref_init (&ref, "photos-colour");
  g_assert_true (cl_data_ref_check (&ref, &error));
  g_autoptr(ClDataset) colour = cl_data_ref_load (&ref, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (colour->channels, ==, 3);
  cl_data_ref_clear (&ref);

  cl_data_ref_init (&ref, "photos");
  ref.norm = CL_DATASET_NORM_STANDARD;
  g_autoptr(ClDataset) grey = cl_data_ref_load (&ref, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grey->channels, ==, 1);
  g_assert_cmpint (grey->norm, ==, CL_DATASET_NORM_STANDARD);
  cl_data_ref_clear (&ref);

  /* Near misses are refused, and the message lists the new names. */
  cl_data_ref_init (&ref, "photos-color");
  g_assert_false (cl_data_ref_check (&ref, &error));
  g_assert_nonnull (strstr (error->message, "photos-colour"));
  cl_data_ref_clear (&ref);
}

static void
test_design_file_accepts_the_ids (void)
{
  static const char *const ids[] = { "photos", "photos-colour" };
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *text = g_strdup_printf (
          "{\"format\": \"convlab-design\", \"version\": 1, \"input\": {\"channels\": 1, "
          "\"height\": 32, \"width\": 32}, \"layers\": [], \"data\": {\"source\": \"%s\"}}",
          ids[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(ClDesign) design = cl_design_from_json (text, -1, "photos.json", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (design->data.source, ==, ids[i]);
    }
}

/* The example "No hidden layer 32×32×3 → 10" runs as shipped. */
static void
test_no_hidden_layer_example_trains (void)
{
  g_autofree char *path = g_build_filename (SOURCE_DATADIR, "designs", "no-hidden-layer.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) design = cl_design_load (path, &error);
  g_assert_no_error (error);
  g_autoptr(ClDataset) data = cl_data_ref_load (&design->data, &error);
  g_assert_no_error (error);
  g_autoptr(ClTrainer) trainer = cl_trainer_new (design->spec, data, NULL, &error);
  g_assert_no_error (error);

  cl_trainer_step (trainer);
  g_autoptr(ClSnapshot) s = cl_trainer_get_snapshot (trainer);
  while (s->step < 1)
    {
      guint64 version = s->version;
      cl_snapshot_unref (s);
      s = cl_trainer_wait_snapshot (trainer, version, G_USEC_PER_SEC);
    }
  g_assert_cmpuint (s->step, ==, 1);
  g_assert_true (isfinite (s->train_loss));
}

/* tools/make-photos.py gives the same bytes twice, and those of the
 * repository. */
static void
test_generator_is_deterministic (void)
{
  /* Debian's python3 is the one that sees Debian's python3-pil. */
  const char *python = "/usr/bin/python3";
  const char *check[] = { python, "-c", "import PIL", NULL };
  int status = -1;
  if (!g_file_test (python, G_FILE_TEST_IS_EXECUTABLE)
      || !g_spawn_sync (NULL, (char **) check, NULL, G_SPAWN_STDOUT_TO_DEV_NULL
                        | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status, NULL)
      || !g_spawn_check_wait_status (status, NULL)
      || !g_file_test ("/usr/share/backgrounds/mate/nature/Wood.jpg", G_FILE_TEST_EXISTS)
      || !g_file_test ("/usr/lib/python3/dist-packages/skimage/data/coffee.png",
                       G_FILE_TEST_EXISTS))
    {
      g_test_skip ("python3-pil, mate-backgrounds or python3-skimage is not installed");
      return;
    }

  g_autofree char *root = g_path_get_dirname (SOURCE_DATADIR);
  g_autofree char *script = g_build_filename (root, "tools", "make-photos.py", NULL);
  g_autoptr(TmpDir) a = tmp_dir_new ();
  g_autoptr(TmpDir) b = tmp_dir_new ();
  const char *outs[] = { a, b };
  for (guint i = 0; i < 2; i++)
    {
      const char *argv[] = { python, script, outs[i], NULL };
      g_autoptr(GError) error = NULL;
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL,
                                   NULL, NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, &error));
      g_assert_no_error (error);
    }

  g_autofree char *embedded = cl_dataset_find_embedded_dir ();
  for (guint k = 0; k <= CL_PHOTOS_N_CLASSES; k++)
    {
      const char *name = k < CL_PHOTOS_N_CLASSES ? cl_photos_file_name (k) : "SOURCES";
      g_autofree char *pa = g_build_filename (a, name, NULL);
      g_autofree char *pb = g_build_filename (b, name, NULL);
      g_autofree char *pr = g_build_filename (SOURCE_DATADIR, "datasets", "photos", name, NULL);
      g_autofree char *ca = NULL, *cb = NULL, *cr = NULL;
      gsize na, nb, nr;
      g_assert_true (g_file_get_contents (pa, &ca, &na, NULL));
      g_assert_true (g_file_get_contents (pb, &cb, &nb, NULL));
      g_assert_true (g_file_get_contents (pr, &cr, &nr, NULL));
      g_assert_cmpmem (ca, na, cb, nb);
      /* The photographs of the repository are what the script makes (the
       * SOURCES record may differ by the packages' versions). */
      if (k < CL_PHOTOS_N_CLASSES)
        g_assert_cmpmem (ca, na, cr, nr);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/data/photos/colour", test_colour);
  g_test_add_func ("/data/photos/grey-is-the-luma-of-colour", test_grey_is_the_luma_of_colour);
  g_test_add_func ("/data/photos/same-on-every-load", test_same_on_every_load);
  g_test_add_func ("/data/photos/licence-record", test_licence_record);
  g_test_add_func ("/data/photos/test-patches-do-not-overlap-training-ones",
                   test_test_patches_do_not_overlap_training_ones);
  g_test_add_func ("/data/photos/bad-photos-are-refused", test_bad_photos_are_refused);
  g_test_add_func ("/data/photos/data-source-ids", test_data_source_ids);
  g_test_add_func ("/data/photos/design-file-accepts-the-ids", test_design_file_accepts_the_ids);
  g_test_add_func ("/data/photos/no-hidden-layer-example-trains",
                   test_no_hidden_layer_example_trains);
  g_test_add_func ("/data/photos/generator-is-deterministic", test_generator_is_deterministic);
  return g_test_run ();
}
