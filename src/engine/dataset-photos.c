#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <math.h>
#include <string.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>

#include "engine/dataset-private.h"
#include "engine/error.h"
#include "engine/rng.h"

/* Patches of photographs: "which photo does this patch come from".
 *
 * The embedded "Photos" set: ten photographs (data/datasets/photos, made by
 * tools/make-photos.py from mate-backgrounds and python3-skimage, licences
 * in SOURCES there) stored whole and small; the patches are cut here, at
 * fixed seeded places, so that the set is the same on every machine and on
 * every load while the repository holds 0.8 MB instead of the 37 MB the
 * patches would take.  A folder of the user's own photographs (source
 * patches:DIR) is cut the same way, one class per photograph.
 *
 * Training patches lie in the left part of each photograph, test patches
 * in the right part (a quarter for the embedded set, the test fraction for
 * a folder): no test patch shares a pixel with a training one, so the test
 * accuracy is honest.  Grey is derived from the colour with the Rec. 601
 * luma weights, as for an image folder, at the same places. */

#define PATCH 32
#define TRAIN_PER_CLASS 1000
#define TEST_PER_CLASS 200
#define EMBEDDED_SEED 1
#define EMBEDDED_TEST_FRACTION 0.25f
/* Bounds on an embedded photograph (the generator makes 288×192). */
#define EMBEDDED_MAX_SIDE 2048
/* A user's photograph is decoded already scaled so that its shorter side is
 * this many patches, the scale of the embedded set: a patch then holds an
 * edge or a texture, not a whole object. */
#define FOLDER_SHORT_SIDE_IN_PATCHES 6

static const struct {
  const char *file;
  const char *name;
} photos[CL_PHOTOS_N_CLASSES] = {
  { "leaf.png", N_("Leaf") },
  { "dune.png", N_("Dune") },
  { "orange-flower.png", N_("Orange flower") },
  { "meadow.png", N_("Meadow") },
  { "raindrops.png", N_("Raindrops") },
  { "storm.png", N_("Storm") },
  { "wood.png", N_("Wood") },
  { "yellow-flower.png", N_("Yellow flower") },
  { "cat.png", N_("Cat") },
  { "coffee.png", N_("Coffee") },
};

const char *
cl_photos_class_name (guint k)
{
  g_return_val_if_fail (k < CL_PHOTOS_N_CLASSES, NULL);
  return photos[k].name;
}

const char *
cl_photos_file_name (guint k)
{
  g_return_val_if_fail (k < CL_PHOTOS_N_CLASSES, NULL);
  return photos[k].file;
}

/* One photograph as [0, 1] float planes (channels × height × width). */
typedef struct {
  int width, height;
  float *planes;
} Photo;

/* Decodes a photograph; when short_side > 0 and the photograph is larger,
 * it is decoded already scaled so that its shorter side is short_side. */
static gboolean
photo_read (const char *path, guint channels, int short_side, Photo *photo, GError **error)
{
  int w = 0, h = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_IO, _("The photo “%s” is missing."), path);
      return FALSE;
    }
  /* A named pipe would block the open forever; a directory is no photo. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT, _("The photo “%s” is not a regular file."),
                   path);
      return FALSE;
    }
  if (!_cl_image_check_header (path, path, &w, &h, error))
    return FALSE;

  g_autoptr(GError) local = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;
  if (short_side > 0 && MIN (w, h) > short_side)
    {
      double scale = (double) short_side / MIN (w, h);
      decoded = gdk_pixbuf_new_from_file_at_scale (path, MAX (1, (int) lround (w * scale)),
                                                   MAX (1, (int) lround (h * scale)), FALSE,
                                                   &local);
    }
  else
    decoded = gdk_pixbuf_new_from_file (path, &local);
  if (decoded == NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT, _("“%s” could not be decoded: %s"), path,
                   local->message);
      return FALSE;
    }
  /* Photos from phones are often stored sideways with an EXIF rotation. */
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_apply_embedded_orientation (decoded);
  int n_ch = gdk_pixbuf_get_n_channels (pixbuf);
  w = gdk_pixbuf_get_width (pixbuf);
  h = gdk_pixbuf_get_height (pixbuf);
  if (w <= 0 || h <= 0 || gdk_pixbuf_get_bits_per_sample (pixbuf) != 8 || (n_ch != 3 && n_ch != 4))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT, _("“%s” could not be decoded: %s"), path,
                   _("unsupported pixel format"));
      return FALSE;
    }

  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  gsize plane = (gsize) w * h;
  photo->width = w;
  photo->height = h;
  photo->planes = g_new (float, plane * channels);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      {
        const guint8 *p = pixels + (gsize) y * stride + (gsize) x * n_ch;
        /* Transparent parts are shown on white, as an image viewer does. */
        float a = n_ch == 4 ? p[3] / 255.0f : 1.0f;
        float rgb[3];
        for (int c = 0; c < 3; c++)
          rgb[c] = (p[c] / 255.0f) * a + (1.0f - a);
        gsize k = (gsize) y * w + x;
        if (channels == 3)
          for (int c = 0; c < 3; c++)
            photo->planes[c * plane + k] = rgb[c];
        else
          photo->planes[k] = 0.299f * rgb[0] + 0.587f * rgb[1] + 0.114f * rgb[2];
      }
  return TRUE;
}

/* Where a photograph splits into its training and test parts; FALSE (and
 * a message naming it) when either part cannot hold a patch. */
static gboolean
photo_split (const Photo *photo, const char *path, guint patch, float test_fraction, int *split,
             GError **error)
{
  int test_w = test_fraction > 0 ? (int) lround (photo->width * (double) test_fraction) : 0;
  *split = photo->width - test_w;
  if (photo->height < (int) patch || *split < (int) patch
      || (test_fraction > 0 && test_w < (int) patch))
    {
      int need_w = test_fraction > 0
                       ? (int) ceil (patch / MIN (test_fraction, 1.0f - test_fraction))
                       : (int) patch;
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                   _("The photo “%s” is %d×%d pixels: too small for %u×%u patches in its "
                     "training and test parts (at least %d×%u)."),
                   path, photo->width, photo->height, patch, patch, need_w, patch);
      return FALSE;
    }
  return TRUE;
}

/* Copies the patch × patch square at (x0, y0) of every plane into out. */
static void
cut_patch (const Photo *photo, guint channels, guint patch, int x0, int y0, float *out)
{
  gsize plane = (gsize) photo->width * photo->height;
  for (guint c = 0; c < channels; c++)
    for (guint y = 0; y < patch; y++)
      memcpy (out + ((gsize) c * patch + y) * patch,
              photo->planes + c * plane + (gsize) (y0 + y) * photo->width + x0,
              patch * sizeof (float));
}

/* Cuts class k's patches from its photograph into ds, classes interleaved
 * (0, 1, …, n-1, 0, 1, …) so that stepping through the test images in order
 * shows every photograph. */
static void
cut_class (ClDataset *ds, const Photo *photo, int split, guint k, guint train_per_class,
           guint test_per_class, ClRng *rng)
{
  guint patch = ds->width, n = ds->n_classes;
  int rows = photo->height - (int) patch + 1;
  for (guint i = 0; i < train_per_class; i++)
    {
      guint s = i * n + k;
      int x = (int) cl_rng_below (rng, split - patch + 1);
      int y = (int) cl_rng_below (rng, rows);
      cut_patch (photo, ds->channels, patch, x, y, ds->x + (gsize) s * ds->sample_size);
      ds->labels[s] = k;
    }
  for (guint i = 0; i < test_per_class; i++)
    {
      guint s = ds->n_train + i * n + k;
      int x = split + (int) cl_rng_below (rng, photo->width - split - patch + 1);
      int y = (int) cl_rng_below (rng, rows);
      cut_patch (photo, ds->channels, patch, x, y, ds->x + (gsize) s * ds->sample_size);
      ds->labels[s] = k;
    }
}

ClDataset *
_cl_dataset_load_photos_dir (const char *dir, gboolean colour, GError **error)
{
  guint channels = colour ? 3 : 1;
  g_autoptr(ClDataset) ds = _cl_dataset_new (CL_DATASET_CLASSIFICATION, channels, PATCH, PATCH,
                                             CL_PHOTOS_N_CLASSES * TRAIN_PER_CLASS,
                                             CL_PHOTOS_N_CLASSES * TEST_PER_CLASS,
                                             CL_PHOTOS_N_CLASSES, 0, error);
  if (ds == NULL)
    return NULL;

  /* The same seed for grey and colour: "photos" is "photos-colour" in grey,
   * patch for patch. */
  ClRng rng;
  cl_rng_init (&rng, EMBEDDED_SEED, CL_RNG_STREAM_DATA);
  ds->class_names = g_new0 (char *, CL_PHOTOS_N_CLASSES + 1);
  for (guint k = 0; k < CL_PHOTOS_N_CLASSES; k++)
    {
      g_autofree char *path = g_build_filename (dir, photos[k].file, NULL);
      g_autoptr(GError) local = NULL;
      Photo photo = { 0 };
      int split;
      if (!photo_read (path, channels, 0, &photo, &local))
        {
          if (g_error_matches (local, CL_ERROR, CL_ERROR_IO))
            g_set_error (error, CL_ERROR, CL_ERROR_IO,
                         _("The photo “%s” of the embedded Photos set is missing: reinstall "
                           "ConvLab."),
                         path);
          else
            g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      gboolean ok = FALSE;
      if (photo.width > EMBEDDED_MAX_SIDE || photo.height > EMBEDDED_MAX_SIDE)
        g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                     _("The photo “%s” is %d×%d pixels, more than the Photos set's %d×%d."),
                     path, photo.width, photo.height, EMBEDDED_MAX_SIDE, EMBEDDED_MAX_SIDE);
      else
        ok = photo_split (&photo, path, PATCH, EMBEDDED_TEST_FRACTION, &split, error);
      if (ok)
        cut_class (ds, &photo, split, k, TRAIN_PER_CLASS, TEST_PER_CLASS, &rng);
      g_free (photo.planes);
      if (!ok)
        return NULL;
      ds->class_names[k] = g_strdup (g_dgettext (GETTEXT_PACKAGE, photos[k].name));
    }

  ds->norm = CL_DATASET_NORM_UNIT;
  ds->name = g_strdup (_("Photos"));
  _cl_dataset_describe (ds, TRUE);
  return g_steal_pointer (&ds);
}

ClDataset *
cl_dataset_load_photos (gboolean colour, GError **error)
{
  g_autofree char *dir = cl_dataset_find_embedded_dir ();
  if (dir == NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_IO,
                   _("The embedded datasets are missing from %s and %s: reinstall ConvLab."),
                   PKGDATADIR "/datasets", SOURCE_DATADIR "/datasets");
      return NULL;
    }
  g_autofree char *photos_dir = g_build_filename (dir, "photos", NULL);
  return _cl_dataset_load_photos_dir (photos_dir, colour, error);
}

ClDataset *
cl_dataset_load_patches (const char *dir, const ClFolderOptions *options, GError **error)
{
  g_return_val_if_fail (dir != NULL, NULL);
  ClFolderOptions defaults;
  cl_folder_options_init (&defaults);
  if (options == NULL)
    options = &defaults;
  if (!_cl_folder_options_check (options, error))
    return NULL;
  guint patch = options->size, channels = options->grey ? 1 : 3;

  /* 1. The photographs, sorted by name (the classes' order must not depend
   * on the file system), headers checked; anything else is reported. */
  g_autoptr(GPtrArray) entries = _cl_folder_list_top (dir, error);
  if (entries == NULL)
    return NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) skipped = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < entries->len; i++)
    {
      const char *entry = entries->pdata[i];
      g_autofree char *path = g_build_filename (dir, entry, NULL);
      int w, h;
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR)
          && _cl_image_check_header (path, entry, &w, &h, NULL))
        g_ptr_array_add (names, g_strdup (entry));
      else
        g_ptr_array_add (skipped, g_strdup (entry));
    }
  if (names->len < 2)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_EMPTY,
                   _("The folder “%s” needs at least two photos: each photo is a class."), dir);
      return NULL;
    }
  if (names->len > CL_DATASET_MAX_CLASSES)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("The folder “%s” holds more than %u photos: each photo is a class."), dir,
                   CL_DATASET_MAX_CLASSES);
      return NULL;
    }

  /* 2. The set, counted against the limits before anything is decoded. */
  guint n_classes = names->len;
  guint test_per_class = options->test_fraction > 0 ? TEST_PER_CLASS : 0;
  g_autoptr(ClDataset) ds = _cl_dataset_new (CL_DATASET_CLASSIFICATION, channels, patch, patch,
                                             n_classes * TRAIN_PER_CLASS,
                                             n_classes * test_per_class, n_classes, 0, error);
  if (ds == NULL)
    return NULL;

  /* 3. One photograph at a time: decoded, cut, freed. */
  ClRng rng;
  cl_rng_init (&rng, options->seed, CL_RNG_STREAM_DATA);
  ds->class_names = g_new0 (char *, n_classes + 1);
  for (guint k = 0; k < n_classes; k++)
    {
      const char *name = g_ptr_array_index (names, k);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      Photo photo = { 0 };
      int split;
      if (!photo_read (path, channels, FOLDER_SHORT_SIDE_IN_PATCHES * (int) patch, &photo, error))
        return NULL;
      gboolean ok = photo_split (&photo, path, patch, options->test_fraction, &split, error);
      if (ok)
        cut_class (ds, &photo, split, k, TRAIN_PER_CLASS, test_per_class, &rng);
      g_free (photo.planes);
      if (!ok)
        return NULL;
      /* The class is the photo's name, without its extension. */
      const char *dot = strrchr (name, '.');
      ds->class_names[k] = dot != NULL && dot != name ? g_strndup (name, dot - name)
                                                      : g_strdup (name);
    }

  ds->norm = CL_DATASET_NORM_UNIT;
  ds->name = g_path_get_basename (dir);
  if (skipped->len > 0)
    {
      /* The first ten by name: a report, not a listing. */
      g_autoptr(GString) items = g_string_new (NULL);
      for (guint i = 0; i < MIN (skipped->len, 10); i++)
        g_string_append_printf (items, "%s%s", i > 0 ? ", " : "",
                                (const char *) g_ptr_array_index (skipped, i));
      ds->report = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file skipped: %s%s",
                                                 "%u files skipped: %s%s", skipped->len),
                                    skipped->len, items->str, skipped->len > 10 ? ", …" : "");
    }
  _cl_dataset_describe (ds, TRUE);
  return g_steal_pointer (&ds);
}
