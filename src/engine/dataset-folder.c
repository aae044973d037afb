#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <math.h>
#include <string.h>
#include <unistd.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n-lib.h>

#include "engine/dataset-private.h"
#include "engine/error.h"
#include "engine/file-read.h"
#include "engine/rng.h"

/* A folder of images, one sub-folder per class (pets/cats, pets/dogs): the
 * course's cats-versus-dogs case.  Images are decoded by gdk-pixbuf, scaled
 * so that the shorter side fits, centre-cropped to a square, and stored as
 * [0, 1] floats, colour (RGB planes) or grey.  A file that is not an image,
 * or too large, or undecodable is skipped and listed in the report; only an
 * empty result is an error. */

#define REPORT_MAX_ITEMS 10

void
cl_folder_options_init (ClFolderOptions *options)
{
  options->size = 32;
  options->grey = FALSE;
  options->test_fraction = 0.2f;
  options->seed = 1;
}

/* An image file is opened once, through cl_file_open_regular() (a FIFO or
 * a device is refused, the size bounded), and gdk-pixbuf reads that open
 * file as /proc/self/fd/N: the very file that was checked, whatever
 * happens to the path meanwhile.  (gdk-pixbuf's incremental loader, which
 * would take the bytes from us, accepts a truncated PNG silently; the
 * whole-file loaders refuse it.) */

typedef struct {
  int fd;
  char *path;    /* what gdk-pixbuf opens */
} ImageFile;

static gboolean
image_open (ImageFile *f, const char *path, GError **error)
{
  guint64 size;
  /* The largest image accepted, uncompressed with alpha, and a margin. */
  f->fd = cl_file_open_regular (path, (guint64) CL_FOLDER_MAX_IMAGE_PIXELS * 4 + (1 << 20),
                                &size, error);
  if (f->fd < 0)
    return FALSE;
  f->path = g_strdup_printf ("/proc/self/fd/%d", f->fd);
  /* Without /proc, the path itself (checked just now). */
  if (!g_file_test (f->path, G_FILE_TEST_EXISTS))
    {
      g_free (f->path);
      f->path = g_strdup (path);
    }
  return TRUE;
}

static void
image_close (ImageFile *f)
{
  if (f->fd >= 0)
    close (f->fd);
  f->fd = -1;
  g_clear_pointer (&f->path, g_free);
}

/* The header only: dimensions are checked before anything is decoded. */
static gboolean
check_header (const ImageFile *f, const char *name, int *width, int *height, GError **error)
{
  int w = 0, h = 0;
  if (gdk_pixbuf_get_file_info (f->path, &w, &h) == NULL || w <= 0 || h <= 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT, _("“%s” is not an image."), name);
      return FALSE;
    }
  if (w > CL_FOLDER_MAX_IMAGE_SIDE || h > CL_FOLDER_MAX_IMAGE_SIDE
      || (gint64) w * h > CL_FOLDER_MAX_IMAGE_PIXELS)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("“%s” is %d×%d pixels, larger than the limit of %d×%d or %d megapixels."),
                   name, w, h, CL_FOLDER_MAX_IMAGE_SIDE, CL_FOLDER_MAX_IMAGE_SIDE,
                   CL_FOLDER_MAX_IMAGE_PIXELS / (1024 * 1024));
      return FALSE;
    }
  *width = w;
  *height = h;
  return TRUE;
}

static gboolean
check_image_header (const char *path, const char *name, int *width, int *height, GError **error)
{
  ImageFile f = { -1, NULL };
  gboolean ok = image_open (&f, path, error) && check_header (&f, name, width, height, error);
  image_close (&f);
  return ok;
}

gboolean
_cl_image_load (const char *path, guint size, guint channels, float *out, GError **error)
{
  g_autofree char *name = g_path_get_basename (path);
  if (size < 1 || size > CL_IMAGE_MAX_SIZE || (channels != 1 && channels != 3))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("Images can be read as 1 or 3 channels of at most %u×%u pixels, not %u "
                     "channels of %u×%u."),
                   CL_IMAGE_MAX_SIZE, CL_IMAGE_MAX_SIZE, channels, size, size);
      return FALSE;
    }

  ImageFile f = { -1, NULL };
  int file_w, file_h;
  if (!image_open (&f, path, error) || !check_header (&f, name, &file_w, &file_h, error))
    {
      image_close (&f);
      return FALSE;
    }

  /* A photo many times larger than the sample is decoded already shrunk
   * (the JPEG decoder scales while decoding): much faster and lighter.
   * Twice the final size keeps the last resampling step below sharp. */
  g_autoptr(GError) local = NULL;
  g_autoptr(GdkPixbuf) decoded = NULL;
  double cover = MAX ((double) size / file_w, (double) size / file_h);
  if (2 * cover < 1.0)
    decoded = gdk_pixbuf_new_from_file_at_scale (f.path, MAX (1, (int) ceil (file_w * 2 * cover)),
                                                 MAX (1, (int) ceil (file_h * 2 * cover)), FALSE,
                                                 &local);
  else
    decoded = gdk_pixbuf_new_from_file (f.path, &local);
  if (decoded == NULL)
    {
      /* gdk-pixbuf's message names the file it opened: say which it is. */
      g_autoptr(GString) why = g_string_new (local->message);
      g_string_replace (why, f.path, name, 0);
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT, _("“%s” could not be decoded: %s"), name,
                   why->str);
      image_close (&f);
      return FALSE;
    }
  image_close (&f);
  /* Photos from phones are often stored sideways with an EXIF rotation. */
  g_autoptr(GdkPixbuf) src = gdk_pixbuf_apply_embedded_orientation (decoded);
  int w = gdk_pixbuf_get_width (src), h = gdk_pixbuf_get_height (src);
  int n_ch = gdk_pixbuf_get_n_channels (src);
  if (w <= 0 || h <= 0 || gdk_pixbuf_get_bits_per_sample (src) != 8 || (n_ch != 3 && n_ch != 4))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT, _("“%s” could not be decoded: %s"), name,
                   _("unsupported pixel format"));
      return FALSE;
    }

  /* Scale so that the shorter side becomes `size`, then keep the centre:
   * one gdk_pixbuf_scale call with a negative offset does both. */
  double scale = MAX ((double) size / w, (double) size / h);
  double offset_x = -(w * scale - size) / 2;
  double offset_y = -(h * scale - size) / 2;
  gboolean alpha = gdk_pixbuf_get_has_alpha (src);
  g_autoptr(GdkPixbuf) dst = gdk_pixbuf_new (GDK_COLORSPACE_RGB, alpha, 8, size, size);
  if (dst == NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE, _("Not enough memory to read “%s”."),
                   name);
      return FALSE;
    }
  gdk_pixbuf_fill (dst, 0xffffffff);
  gdk_pixbuf_scale (src, dst, 0, 0, size, size, offset_x, offset_y, scale, scale,
                    GDK_INTERP_BILINEAR);

  const guint8 *pixels = gdk_pixbuf_read_pixels (dst);
  int stride = gdk_pixbuf_get_rowstride (dst);
  int step = alpha ? 4 : 3;
  gsize plane = (gsize) size * size;
  for (guint y = 0; y < size; y++)
    for (guint x = 0; x < size; x++)
      {
        const guint8 *p = pixels + (gsize) y * stride + (gsize) x * step;
        /* Transparent parts are shown on white, as an image viewer does. */
        float a = alpha ? p[3] / 255.0f : 1.0f;
        float rgb[3];
        for (int c = 0; c < 3; c++)
          rgb[c] = (p[c] / 255.0f) * a + (1.0f - a);
        gsize k = (gsize) y * size + x;
        if (channels == 3)
          {
            out[k] = rgb[0];
            out[plane + k] = rgb[1];
            out[2 * plane + k] = rgb[2];
          }
        else
          out[k] = 0.299f * rgb[0] + 0.587f * rgb[1] + 0.114f * rgb[2];
      }
  return TRUE;
}

typedef struct {
  GString *items;   /* "cats/notes.txt (not an image), …" */
  guint n;
} Skipped;

static void
skip (Skipped *skipped, const char *relative, const char *reason)
{
  skipped->n++;
  if (skipped->n > REPORT_MAX_ITEMS)
    return;
  if (skipped->items->len > 0)
    g_string_append (skipped->items, ", ");
  g_string_append_printf (skipped->items, "%s (%s)", relative, reason);
}

static char *
skipped_report (const Skipped *skipped)
{
  if (skipped->n == 0)
    return NULL;
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u file skipped: %s%s",
                                       "%u files skipped: %s%s", skipped->n),
                          skipped->n, skipped->items->str,
                          skipped->n > REPORT_MAX_ITEMS ? ", …" : "");
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

GPtrArray *
_cl_folder_list_dir (const char *path, guint limit, GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &local);
  if (dir == NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_IO, _("Could not open the folder “%s”: %s"), path,
                   local->message);
      return NULL;
    }
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while (names->len <= limit && (name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

typedef struct {
  char *path;
  char *relative;   /* "cats/tom.jpg", for the report */
  guint label;
} Candidate;

static void
candidate_clear (gpointer data)
{
  Candidate *c = data;
  g_free (c->path);
  g_free (c->relative);
}

void
_cl_folder_too_many_files (const char *dir, GError **error)
{
  g_autofree char *limit = _cl_format_count (CL_FOLDER_MAX_FILES);
  g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
               _("The folder “%s” holds more than %s files; choose a smaller one."), dir, limit);
}

GPtrArray *
_cl_folder_list_top (const char *dir, GError **error)
{
  g_autoptr(GPtrArray) names = _cl_folder_list_dir (dir, CL_FOLDER_MAX_FILES, error);

  if (names != NULL && names->len > CL_FOLDER_MAX_FILES)
    {
      _cl_folder_too_many_files (dir, error);
      return NULL;
    }
  return g_steal_pointer (&names);
}

gboolean
_cl_folder_options_check (const ClFolderOptions *options, GError **error)
{
  if (options->size < 1 || options->size > CL_FOLDER_MAX_SIZE
      || !(options->test_fraction >= 0.0f && options->test_fraction <= 0.9f))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_INVALID_DESIGN,
                   _("The image size must be between 1 and %u pixels and the test fraction "
                     "between 0 and 0.9."),
                   CL_FOLDER_MAX_SIZE);
      return FALSE;
    }
  return TRUE;
}

ClDataset *
cl_dataset_load_folder (const char *dir, const ClFolderOptions *options, GError **error)
{
  g_return_val_if_fail (dir != NULL, NULL);
  ClFolderOptions defaults;
  cl_folder_options_init (&defaults);
  if (options == NULL)
    options = &defaults;
  if (!_cl_folder_options_check (options, error))
    return NULL;
  guint size = options->size, channels = options->grey ? 1 : 3;

  g_autoptr(GPtrArray) top = _cl_folder_list_top (dir, error);
  if (top == NULL)
    return NULL;

  /* 1. Class folders and their files, headers checked, nothing decoded. */
  g_autoptr(GString) items = g_string_new (NULL);
  Skipped skipped = { items, 0 };
  g_autoptr(GPtrArray) class_names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_array_set_clear_func (candidates, candidate_clear);
  guint n_files = top->len;
  for (guint i = 0; i < top->len; i++)
    {
      const char *entry = g_ptr_array_index (top, i);
      g_autofree char *sub = g_build_filename (dir, entry, NULL);
      if (!g_file_test (sub, G_FILE_TEST_IS_DIR))
        {
          skip (&skipped, entry, _("not in a class folder"));
          continue;
        }
      g_autoptr(GPtrArray) files = _cl_folder_list_dir (sub, CL_FOLDER_MAX_FILES, error);
      if (files == NULL)
        return NULL;
      n_files += files->len;
      if (n_files > CL_FOLDER_MAX_FILES)
        {
          _cl_folder_too_many_files (dir, error);
          return NULL;
        }

      guint label = class_names->len;
      guint kept = 0;
      for (guint f = 0; f < files->len; f++)
        {
          const char *file = g_ptr_array_index (files, f);
          Candidate c = { g_build_filename (sub, file, NULL),
                          g_build_filename (entry, file, NULL), label };
          g_autoptr(GError) why = NULL;
          int w, h;
          if (g_file_test (c.path, G_FILE_TEST_IS_DIR))
            skip (&skipped, c.relative, _("a folder inside a class folder"));
          /* Opening a named pipe would wait forever. */
          else if (!g_file_test (c.path, G_FILE_TEST_IS_REGULAR))
            skip (&skipped, c.relative, _("not a regular file"));
          else if (!check_image_header (c.path, c.relative, &w, &h, &why))
            {
              if (g_error_matches (why, CL_ERROR, CL_ERROR_TOO_LARGE))
                skip (&skipped, c.relative, _("too large"));
              else
                skip (&skipped, c.relative, _("not an image"));
            }
          else
            {
              g_array_append_val (candidates, c);
              kept++;
              continue;
            }
          candidate_clear (&c);
        }
      if (kept == 0)
        {
          g_autofree char *folder = g_strconcat (entry, "/", NULL);
          skip (&skipped, folder, _("no image"));
          continue;
        }
      g_ptr_array_add (class_names, g_strdup (entry));
      if (class_names->len > CL_DATASET_MAX_CLASSES)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                       _("The folder “%s” has more than %u class folders."), dir,
                       CL_DATASET_MAX_CLASSES);
          return NULL;
        }
    }

  /* 2. Decode every candidate into one scratch block, checked against the
   * limit first; the ones that fail to decode join the report. */
  guint64 n_candidates = candidates->len;
  gsize sample_size = (gsize) channels * size * size;
  if (n_candidates * sample_size > CL_DATASET_MAX_VALUES)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("%u images of %u×%u pixels are more than a dataset may hold; choose a "
                     "smaller size."),
                   (guint) n_candidates, size, size);
      return NULL;
    }
  g_autofree float *scratch = g_try_malloc_n (MAX (n_candidates * sample_size, 1), sizeof (float));
  g_autofree guint32 *decoded_label = g_new (guint32, MAX (n_candidates, 1));
  g_autofree guint *per_class = g_new0 (guint, MAX (class_names->len, 1));
  if (scratch == NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("Not enough memory to read the images of “%s”."), dir);
      return NULL;
    }
  guint n_ok = 0;
  for (guint i = 0; i < n_candidates; i++)
    {
      Candidate *c = &g_array_index (candidates, Candidate, i);
      g_autoptr(GError) why = NULL;
      if (!_cl_image_load (c->path, size, channels, scratch + (gsize) n_ok * sample_size, &why))
        {
          g_debug ("%s", why->message);
          skip (&skipped, c->relative, _("could not be decoded"));
          continue;
        }
      decoded_label[n_ok++] = c->label;
      per_class[c->label]++;
    }

  /* A class whose every image failed to decode holds nothing either. */
  guint n_classes_ok = 0;
  for (guint k = 0; k < class_names->len; k++)
    n_classes_ok += per_class[k] > 0;
  g_autofree char *report = skipped_report (&skipped);
  if (n_ok == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_EMPTY,
                   _("The folder “%s” holds no usable image in class folders (one sub-folder "
                     "per class). %s"),
                   dir, report ? report : "");
      return NULL;
    }
  if (n_classes_ok < 2)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_EMPTY,
                   _("The folder “%s” holds images of a single class; a classifier needs at "
                     "least two class folders. %s"),
                   dir, report ? report : "");
      return NULL;
    }

  /* 3. Split each class on its own, shuffled by the seed: both parts keep
   * the class proportions of the folder. */
  g_autofree guint *n_test_of = g_new0 (guint, class_names->len);
  guint n_test = 0;
  for (guint k = 0; k < class_names->len; k++)
    {
      guint t = (guint) lround (per_class[k] * (double) options->test_fraction);
      n_test_of[k] = per_class[k] > 0 ? MIN (t, per_class[k] - 1) : 0;
      n_test += n_test_of[k];
    }
  guint n_train = n_ok - n_test;

  /* Empty classes were dropped from the names; labels are renumbered. */
  g_autofree guint *new_label = g_new0 (guint, class_names->len);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  guint n_classes = 0;
  for (guint k = 0; k < class_names->len; k++)
    if (per_class[k] > 0)
      {
        new_label[k] = n_classes++;
        g_strv_builder_add (names, g_ptr_array_index (class_names, k));
      }

  g_autoptr(ClDataset) ds = _cl_dataset_new (CL_DATASET_CLASSIFICATION, channels, size, size,
                                             n_train, n_test, n_classes, 0, error);
  if (ds == NULL)
    return NULL;

  ClRng rng;
  cl_rng_init (&rng, options->seed, CL_RNG_STREAM_DATA);
  g_autofree guint32 *members = g_new (guint32, n_ok);
  guint next_train = 0, next_test = n_train;
  for (guint k = 0; k < class_names->len; k++)
    {
      guint m = 0;
      for (guint i = 0; i < n_ok; i++)
        if (decoded_label[i] == k)
          members[m++] = i;
      cl_rng_shuffle (&rng, members, m);
      for (guint j = 0; j < m; j++)
        {
          guint s = j < n_test_of[k] ? next_test++ : next_train++;
          memcpy (ds->x + (gsize) s * sample_size, scratch + (gsize) members[j] * sample_size,
                  sample_size * sizeof (float));
          ds->labels[s] = new_label[k];
        }
    }
  g_assert (next_train == n_train && next_test == n_ok);

  ds->norm = CL_DATASET_NORM_UNIT;
  ds->class_names = g_strv_builder_end (names);
  ds->name = g_path_get_basename (dir);
  ds->report = g_steal_pointer (&report);
  _cl_dataset_describe (ds, TRUE);
  return g_steal_pointer (&ds);
}

gboolean
_cl_image_check_header (const char *path, const char *name, int *width, int *height,
                        GError **error)
{
  return check_image_header (path, name, width, height, error);
}
