/* The embedded Photos set: its shape, classes, licence record, honest
 * split, its generator, the data source ids and the example that uses it;
 * and a folder of the user's photos cut into patches the same way. */
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

/* A photo whose red channel climbs from 0 at its left edge to 255 at its
 * right one: a patch's red values say where, and at what scale, it was cut. */
static void
save_ramp (const char *dir, const char *name, int width, int height)
{
  g_autoptr(GdkPixbuf) p = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  guint8 *px = gdk_pixbuf_get_pixels (p);
  int stride = gdk_pixbuf_get_rowstride (p);
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        px[y * stride + 3 * x] = (guint8) (x * 255 / (width - 1));
        px[y * stride + 3 * x + 1] = (guint8) (y & 0xff);
        px[y * stride + 3 * x + 2] = 128;
      }
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  g_assert_true (gdk_pixbuf_save (p, path, "png", &error, NULL));
  g_assert_no_error (error);
}

static ClDataset *
load_patches (const char *dir, guint size, gboolean grey, float test_fraction, GError **error)
{
  ClFolderOptions options;
  cl_folder_options_init (&options);
  options.size = size;
  options.grey = grey;
  options.test_fraction = test_fraction;
  return cl_dataset_load_patches (dir, &options, error);
}

static void
test_patches_one_class_per_photo (void)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  save_ramp (dir, "sea.png", 256, 64);
  save_ramp (dir, "forest.png", 256, 64);
  save_ramp (dir, "city.png", 256, 64);
  g_autofree char *notes = g_build_filename (dir, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (notes, "not a photo", -1, NULL));
  g_autofree char *sub = g_build_filename (dir, "more", NULL);
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  /* A named pipe is skipped, not opened (which would wait forever). */
  g_autofree char *fifo = g_build_filename (dir, "pipe.png", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  /* A hidden file is neither a class nor reported. */
  save_ramp (dir, ".thumbnail.png", 256, 64);

  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = load_patches (dir, 32, FALSE, 0.25f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->n_classes, ==, 3);
  /* Sorted by name, named after the files. */
  g_assert_cmpstr (ds->class_names[0], ==, "city");
  g_assert_cmpstr (ds->class_names[1], ==, "forest");
  g_assert_cmpstr (ds->class_names[2], ==, "sea");
  g_assert_cmpuint (ds->channels, ==, 3);
  g_assert_cmpuint (ds->width, ==, 32);
  g_assert_cmpuint (ds->n_train, ==, 3000);
  g_assert_cmpuint (ds->n_test, ==, 600);
  g_assert_nonnull (ds->report);
  g_test_message ("%s", ds->report);
  g_assert_nonnull (strstr (ds->report, "notes.txt"));
  g_assert_nonnull (strstr (ds->report, "pipe.png"));
  g_assert_nonnull (strstr (ds->report, "more"));
  g_assert_null (strstr (ds->report, "thumbnail"));

  /* Test patches from the right quarter (columns 192 to 255) only. */
  float edge = 192 * 255 / 255.0f / 255.0f;
  for (guint s = 0; s < ds->n_train + ds->n_test; s++)
    {
      const float *x = ds->x + (gsize) s * ds->sample_size;
      if (s < ds->n_train)
        g_assert_cmpfloat (x[31], <, edge);
      else
        g_assert_cmpfloat (x[0], >=, edge);
    }
}

static void
test_patches_grey_small_and_scaled (void)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  /* 800×400: decoded at 384×192, six 32-pixel patches on its shorter side. */
  save_ramp (dir, "a.png", 800, 400);
  save_ramp (dir, "b.png", 800, 400);

  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = load_patches (dir, 32, TRUE, 0.2f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (ds->channels, ==, 1);
  g_assert_null (ds->report);
  /* Across a patch the ramp climbs 31/383 of its range at that scale
   * (31/799 unscaled); grey is 0.299 of the red's climb. */
  const float *x = ds->x;
  float climb = (x[31] - x[0]) / 0.299f;
  g_assert_cmpfloat (climb, >, 0.07f);
  g_assert_cmpfloat (climb, <, 0.095f);

  g_autoptr(ClDataset) small = load_patches (dir, 8, FALSE, 0.0f, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (small->width, ==, 8);
  /* No test part asked: none cut. */
  g_assert_cmpuint (small->n_test, ==, 0);
  g_assert_cmpuint (small->n_train, ==, 2000);
}

static void
expect_patches_refused (const char *dir, float test_fraction, const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = load_patches (dir, 32, FALSE, test_fraction, &error);
  g_assert_null (ds);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, needle));
}

static void
test_patches_bad_folders_are_refused (void)
{
  g_autoptr(TmpDir) dir = tmp_dir_new ();
  g_autofree char *missing = g_build_filename (dir, "nowhere", NULL);
  expect_patches_refused (missing, 0.2f, "nowhere");
  /* Settings out of range: refused before the folder is read. */
  expect_patches_refused (missing, 1.5f, "between 0 and 0.9");

  save_ramp (dir, "only.png", 256, 64);
  expect_patches_refused (dir, 0.2f, "at least two photos");

  /* 64 pixels wide: a fifth is 13 pixels, no room for a 32-pixel test patch. */
  save_ramp (dir, "narrow.png", 64, 64);
  expect_patches_refused (dir, 0.2f, "narrow.png");
  /* Too large a set for the limits: refused before anything is decoded. */
  g_autofree char *narrow = g_build_filename (dir, "narrow.png", NULL);
  g_assert_cmpint (g_remove (narrow), ==, 0);
  save_ramp (dir, "wide.png", 256, 64);
  ClFolderOptions options;
  cl_folder_options_init (&options);
  options.size = CL_FOLDER_MAX_SIZE;
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDataset) ds = cl_dataset_load_patches (dir, &options, &error);
  g_assert_null (ds);
  g_assert_error (error, CL_ERROR, CL_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
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

  cl_data_ref_init (&ref, "patches:/photos/of/the/class");
  g_assert_true (cl_data_ref_check (&ref, &error));
  cl_data_ref_clear (&ref);
  cl_data_ref_init (&ref, "patches:");
  g_assert_false (cl_data_ref_check (&ref, &error));
  g_clear_error (&error);
  cl_data_ref_clear (&ref);

  /* Near misses are refused, and the message lists the new names. */
  cl_data_ref_init (&ref, "photos-color");
  g_assert_false (cl_data_ref_check (&ref, &error));
  g_assert_nonnull (strstr (error->message, "photos-colour"));
  cl_data_ref_clear (&ref);
}

static void
check_display_name (const char *source, const char *expected)
{
  g_autofree char *name = cl_data_source_display_name (source);
  g_assert_cmpstr (name, ==, expected);
}

/* What the window shows while data loads, or when it failed: a name. */
static void
test_display_names (void)
{
  check_display_name ("photos", "Photos (grey)");
  check_display_name ("photos-colour", "Photos (colour)");
  check_display_name ("fashion-mnist", "Fashion-MNIST");
  check_display_name ("embedded", "Fashion-MNIST subset");
  check_display_name ("toy:spirals", "Two Spirals");
  check_display_name ("toy:cos", "Noisy cos(x)");
  check_display_name ("cifar10:cifar-10-batches-bin", "CIFAR-10 “cifar-10-batches-bin”");
  check_display_name ("cifar10:/data/cifar/", "CIFAR-10 “cifar”");
  check_display_name ("idx:/data/mnist/train-images,/data/mnist/train-labels",
                      "IDX files “train-images”");
  check_display_name ("folder:/home/me/pets", "Image folder “pets”");
  check_display_name ("patches:/home/me/holidays/", "Patches of the photos “holidays”");
  /* Not a source ConvLab knows: shown as written rather than hidden. */
  check_display_name ("toy:moons", "toy:moons");
  check_display_name (NULL, "");
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

/* The shape is known without loading, and it is the loaded one: a network
 * of another shape is refused before anything is read. */
static void
test_shape_known_before_loading (void)
{
  static const struct { const char *source; guint c; } sets[] = {
    { "photos", 1 }, { "photos-colour", 3 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (sets); i++)
    {
      ClDataRef ref;
      guint c, h, w;
      cl_data_ref_init (&ref, sets[i].source);
      g_assert_true (cl_data_ref_peek_shape (&ref, &c, &h, &w));
      g_assert_cmpuint (c, ==, sets[i].c);
      g_assert_cmpuint (h, ==, 32);
      g_assert_cmpuint (w, ==, 32);
      g_autoptr(GError) error = NULL;
      g_autoptr(ClDataset) ds = cl_data_ref_load (&ref, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (ds->channels, ==, c);

      g_autoptr(ClNetSpec) lenet_shaped = cl_net_spec_new (1, 28, 28);
      g_autoptr(ClDataset) refused = cl_data_ref_load_for (&ref, lenet_shaped, &error);
      g_assert_null (refused);
      g_assert_error (error, CL_ERROR, CL_ERROR_MISMATCH);
      cl_data_ref_clear (&ref);
    }

  ClDataRef ref;
  guint c, h, w;
  cl_data_ref_init (&ref, "patches:/home/me/holidays");
  ref.folder.size = 16;
  ref.folder.grey = TRUE;
  g_assert_true (cl_data_ref_peek_shape (&ref, &c, &h, &w));
  g_assert_cmpuint (c, ==, 1);
  g_assert_cmpuint (h, ==, 16);
  g_assert_cmpuint (w, ==, 16);
  cl_data_ref_clear (&ref);
}

/* A design on patches of a folder keeps their settings. */
static void
test_design_file_keeps_patch_settings (void)
{
  ClNetSpec *spec = cl_net_spec_new (1, 16, 16);
  g_autoptr(ClDesign) design = cl_design_new ("patches", spec, "patches:/home/me/holidays");
  design->data.folder.size = 16;
  design->data.folder.grey = TRUE;
  design->data.folder.test_fraction = 0.3f;
  design->data.folder.seed = 7;
  g_autofree char *json = cl_design_to_json (design);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) back = cl_design_from_json (json, -1, "patches.json", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (back->data.source, ==, "patches:/home/me/holidays");
  g_assert_cmpuint (back->data.folder.size, ==, 16);
  g_assert_true (back->data.folder.grey);
  g_assert_cmpfloat_with_epsilon (back->data.folder.test_fraction, 0.3f, 1e-6);
  g_assert_cmpuint (back->data.folder.seed, ==, 7);
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
  g_test_add_func ("/data/source/display-names", test_display_names);
  g_test_add_func ("/data/patches/one-class-per-photo", test_patches_one_class_per_photo);
  g_test_add_func ("/data/patches/grey-small-and-scaled", test_patches_grey_small_and_scaled);
  g_test_add_func ("/data/patches/bad-folders-are-refused", test_patches_bad_folders_are_refused);
  g_test_add_func ("/data/patches/design-file-keeps-settings", test_design_file_keeps_patch_settings);
  g_test_add_func ("/data/photos/shape-known-before-loading", test_shape_known_before_loading);
  g_test_add_func ("/data/photos/no-hidden-layer-example-trains",
                   test_no_hidden_layer_example_trains);
  g_test_add_func ("/data/photos/generator-is-deterministic", test_generator_is_deterministic);
  return g_test_run ();
}
