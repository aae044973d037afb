#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <string.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>

#include "engine/dataset-private.h"
#include "engine/error.h"
#include "engine/rng.h"

/* "Photos": which of ten photographs a 32×32 patch comes from.  The
 * photographs (data/datasets/photos, made by tools/make-photos.py from
 * mate-backgrounds and python3-skimage, licences in SOURCES there) are
 * stored whole, small; the patches are cut here, at fixed seeded places,
 * so that the set is the same on every machine and on every load while the
 * repository holds 0.8 MB instead of the 37 MB the patches would take.
 * Training patches lie in the left three quarters of each photograph, test
 * patches in the right quarter: no test patch shares a pixel with a
 * training one, so the test accuracy is honest.  Colour is what is stored;
 * grey is derived from it with the Rec. 601 luma weights, as for an image
 * folder. */

#define PATCH 32
#define TRAIN_PER_CLASS 1000
#define TEST_PER_CLASS 200
#define SEED 1
/* Bounds on a photograph, checked on its header before decoding: room for
 * a patch on both sides of the split, and no more than the generator makes
 * with a wide margin. */
#define MIN_WIDTH (4 * PATCH)
#define MIN_HEIGHT PATCH
#define MAX_SIDE 2048

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

static gboolean
photo_load (const char *dir, const char *file, guint channels, Photo *photo, GError **error)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  int w = 0, h = 0;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_IO,
                   _("The photo “%s” of the embedded Photos set is missing: reinstall ConvLab."),
                   path);
      return FALSE;
    }
  /* A named pipe would block the open forever; a directory is no photo. */
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT, _("The photo “%s” is not a regular file."),
                   path);
      return FALSE;
    }
  if (gdk_pixbuf_get_file_info (path, &w, &h) == NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT, _("“%s” is not an image."), path);
      return FALSE;
    }
  if (w < MIN_WIDTH || h < MIN_HEIGHT || w > MAX_SIDE || h > MAX_SIDE)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                   _("The photo “%s” is %d×%d pixels; the Photos set needs between %d×%d and "
                     "%d×%d."),
                   path, w, h, MIN_WIDTH, MIN_HEIGHT, MAX_SIDE, MAX_SIDE);
      return FALSE;
    }

  g_autoptr(GError) local = NULL;
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file (path, &local);
  if (pixbuf == NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT, _("“%s” could not be decoded: %s"), path,
                   local->message);
      return FALSE;
    }
  int n_ch = gdk_pixbuf_get_n_channels (pixbuf);
  /* The header may lie about the size; what was decoded is what counts. */
  if (gdk_pixbuf_get_width (pixbuf) != w || gdk_pixbuf_get_height (pixbuf) != h
      || gdk_pixbuf_get_bits_per_sample (pixbuf) != 8 || (n_ch != 3 && n_ch != 4))
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
        gsize k = (gsize) y * w + x;
        if (channels == 3)
          for (int c = 0; c < 3; c++)
            photo->planes[c * plane + k] = p[c] / 255.0f;
        else
          photo->planes[k] = (0.299f * p[0] + 0.587f * p[1] + 0.114f * p[2]) / 255.0f;
      }
  return TRUE;
}

/* Copies the PATCH × PATCH square at (x0, y0) of every plane into out. */
static void
cut_patch (const Photo *photo, guint channels, int x0, int y0, float *out)
{
  gsize plane = (gsize) photo->width * photo->height;
  for (guint c = 0; c < channels; c++)
    for (int y = 0; y < PATCH; y++)
      memcpy (out + ((gsize) c * PATCH + y) * PATCH,
              photo->planes + c * plane + (gsize) (y0 + y) * photo->width + x0,
              PATCH * sizeof (float));
}

ClDataset *
_cl_dataset_load_photos_dir (const char *dir, gboolean colour, GError **error)
{
  guint channels = colour ? 3 : 1;
  guint n_train = CL_PHOTOS_N_CLASSES * TRAIN_PER_CLASS;
  guint n_test = CL_PHOTOS_N_CLASSES * TEST_PER_CLASS;
  g_autoptr(ClDataset) ds = _cl_dataset_new (CL_DATASET_CLASSIFICATION, channels, PATCH, PATCH,
                                             n_train, n_test, CL_PHOTOS_N_CLASSES, 0, error);
  if (ds == NULL)
    return NULL;

  /* The same seed for grey and colour: "photos" is "photos-colour" in grey,
   * patch for patch. */
  ClRng rng;
  cl_rng_init (&rng, SEED, CL_RNG_STREAM_DATA);
  ds->class_names = g_new0 (char *, CL_PHOTOS_N_CLASSES + 1);
  for (guint k = 0; k < CL_PHOTOS_N_CLASSES; k++)
    {
      Photo photo = { 0 };
      if (!photo_load (dir, photos[k].file, channels, &photo, error))
        return NULL;
      int split = photo.width * 3 / 4;
      int rows = photo.height - PATCH + 1;
      /* Classes interleaved (0, 1, …, 9, 0, 1, …) so that stepping through
       * the test images in order shows every photograph. */
      for (guint i = 0; i < TRAIN_PER_CLASS; i++)
        {
          guint s = i * CL_PHOTOS_N_CLASSES + k;
          int x = (int) cl_rng_below (&rng, split - PATCH + 1);
          int y = (int) cl_rng_below (&rng, rows);
          cut_patch (&photo, channels, x, y, ds->x + (gsize) s * ds->sample_size);
          ds->labels[s] = k;
        }
      for (guint i = 0; i < TEST_PER_CLASS; i++)
        {
          guint s = n_train + i * CL_PHOTOS_N_CLASSES + k;
          int x = split + (int) cl_rng_below (&rng, photo.width - split - PATCH + 1);
          int y = (int) cl_rng_below (&rng, rows);
          cut_patch (&photo, channels, x, y, ds->x + (gsize) s * ds->sample_size);
          ds->labels[s] = k;
        }
      g_free (photo.planes);
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
