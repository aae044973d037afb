#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "engine/dataset-private.h"
#include "engine/error.h"

/* IDX (LeCun's MNIST format): magic 0x00 0x00 TYPE NDIM, then NDIM
 * big-endian 32-bit sizes, then the values in C order. */

void
_cl_idx_array_clear (ClIdxArray *array)
{
  g_clear_pointer (&array->data, g_free);
  memset (array, 0, sizeof *array);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ClIdxArray, _cl_idx_array_clear)

gboolean
_cl_idx_read (GInputStream *in, guint64 size, const char *name, guint ndim, ClIdxArray *out,
              GError **error)
{
  g_return_val_if_fail (ndim == 1 || ndim == 3, FALSE);
  memset (out, 0, sizeof *out);

  guint64 header_len = 4 + 4 * (guint64) ndim;
  if (size == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_EMPTY, _("“%s” is empty."), name);
      return FALSE;
    }

  guint8 header[16];
  if (!_cl_read_exact (in, header, 4, name, 0, header_len, error))
    return FALSE;
  if (header[0] != 0 || header[1] != 0)
    {
      guint32 be;
      memcpy (&be, header, 4);
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                   _("“%s” is not an IDX file (wrong magic number 0x%08X)."), name,
                   (guint) GUINT32_FROM_BE (be));
      return FALSE;
    }
  if (header[2] != 0x08)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                   _("“%s” holds IDX values of type 0x%02X; only unsigned bytes (type 0x08) "
                     "are supported."),
                   name, header[2]);
      return FALSE;
    }
  if (header[3] != ndim)
    {
      if (ndim == 3)
        g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                     _("“%s” has %u dimensions where an IDX image file has 3 (count, height, "
                       "width)."),
                     name, header[3]);
      else
        g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                     _("“%s” has %u dimensions where an IDX label file has 1."), name, header[3]);
      return FALSE;
    }
  if (!_cl_read_exact (in, header + 4, 4 * ndim, name, 4, header_len, error))
    return FALSE;

  out->ndim = ndim;
  for (guint d = 0; d < ndim; d++)
    {
      guint32 be;
      memcpy (&be, header + 4 + 4 * d, 4);
      out->dims[d] = GUINT32_FROM_BE (be);
    }

  guint32 count = out->dims[0];
  if (count == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_EMPTY, _("“%s” holds no samples."), name);
      return FALSE;
    }
  if (count > CL_DATASET_MAX_SAMPLES)
    {
      g_autofree char *c = _cl_format_count (count);
      g_autofree char *limit = _cl_format_count (CL_DATASET_MAX_SAMPLES);
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("“%s” declares %s samples, more than the limit of %s."), name, c, limit);
      return FALSE;
    }
  guint64 product = count;
  if (ndim == 3)
    {
      guint32 h = out->dims[1], w = out->dims[2];
      if (h == 0 || w == 0)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                       _("“%s” declares empty images of %u×%u pixels."), name, w, h);
          return FALSE;
        }
      if (h > CL_DATASET_MAX_SIDE || w > CL_DATASET_MAX_SIDE)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                       _("“%s” declares images of %u×%u pixels, larger than the limit of %u×%u."),
                       name, w, h, CL_DATASET_MAX_SIDE, CL_DATASET_MAX_SIDE);
          return FALSE;
        }
      /* At most 2^22 × 2^12 × 2^12: no overflow in 64 bits. */
      product *= (guint64) h * w;
      if (product > CL_DATASET_MAX_VALUES)
        {
          g_autofree char *c = _cl_format_count (product);
          g_autofree char *limit = _cl_format_count (CL_DATASET_MAX_VALUES);
          g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                       _("“%s” declares %s pixels in all, more than the limit of %s."), name, c,
                       limit);
          return FALSE;
        }
    }

  /* A plain file's length is known: compare before allocating anything. */
  guint64 total = header_len + product;
  if (size != CL_SIZE_UNKNOWN && size < total)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_TRUNCATED,
                   _("“%s” is truncated at byte %llu of %llu."), name, (unsigned long long) size,
                   (unsigned long long) total);
      return FALSE;
    }
  if (size != CL_SIZE_UNKNOWN && size > total)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                   _("“%s” is longer than its header says (more than %llu bytes)."), name,
                   (unsigned long long) total);
      return FALSE;
    }

  out->data = _cl_read_payload (in, product, name, header_len, error);
  return out->data != NULL;
}

static gboolean
read_idx_file (const char *path, guint ndim, ClIdxArray *out, GError **error)
{
  g_autofree char *name = g_path_get_basename (path);
  guint64 size = 0;
  g_autoptr(GInputStream) in = _cl_open_data_file (path, &size, error);
  if (in == NULL)
    return FALSE;
  return _cl_idx_read (in, size, name, ndim, out, error);
}

static gboolean
read_pair (const char *images_path, const char *labels_path, ClIdxArray *images,
           ClIdxArray *labels, GError **error)
{
  if (!read_idx_file (images_path, 3, images, error)
      || !read_idx_file (labels_path, 1, labels, error))
    return FALSE;
  if (images->dims[0] != labels->dims[0])
    {
      g_autofree char *in = g_path_get_basename (images_path);
      g_autofree char *ln = g_path_get_basename (labels_path);
      g_autofree char *ni = _cl_format_count (images->dims[0]);
      g_autofree char *nl = _cl_format_count (labels->dims[0]);
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   _("“%s” holds %s images but “%s” holds %s labels."), in, ni, ln, nl);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_labels (const ClIdxArray *labels, const char *path, guint n_classes, GError **error)
{
  for (guint32 i = 0; i < labels->dims[0]; i++)
    if (labels->data[i] >= n_classes)
      {
        g_autofree char *name = g_path_get_basename (path);
        g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                     _("“%s”: label %u of sample %u is out of range for %u classes."), name,
                     labels->data[i], i, n_classes);
        return FALSE;
      }
  return TRUE;
}

ClDataset *
cl_dataset_load_idx (const char *train_images, const char *train_labels, const char *test_images,
                     const char *test_labels, const ClIdxOptions *options, GError **error)
{
  g_return_val_if_fail (train_images != NULL && train_labels != NULL, NULL);
  g_return_val_if_fail ((test_images == NULL) == (test_labels == NULL), NULL);

  static const ClIdxOptions defaults = { NULL, NULL, 0 };
  if (options == NULL)
    options = &defaults;

  g_auto(ClIdxArray) train_x = { 0 }, train_y = { 0 }, test_x = { 0 }, test_y = { 0 };
  if (!read_pair (train_images, train_labels, &train_x, &train_y, error))
    return NULL;
  if (test_images != NULL && !read_pair (test_images, test_labels, &test_x, &test_y, error))
    return NULL;
  if (test_images != NULL
      && (test_x.dims[1] != train_x.dims[1] || test_x.dims[2] != train_x.dims[2]))
    {
      g_autofree char *a = g_path_get_basename (train_images);
      g_autofree char *b = g_path_get_basename (test_images);
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   _("“%s” holds %u×%u images but “%s” holds %u×%u images."), a,
                   train_x.dims[2], train_x.dims[1], b, test_x.dims[2], test_x.dims[1]);
      return NULL;
    }

  guint n_train = train_x.dims[0], n_test = test_x.dims[0];
  guint64 n_total = (guint64) n_train + n_test;
  if (n_total > CL_DATASET_MAX_SAMPLES)
    {
      g_autofree char *c = _cl_format_count (n_total);
      g_autofree char *limit = _cl_format_count (CL_DATASET_MAX_SAMPLES);
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("These files hold %s samples together, more than the limit of %s."), c,
                   limit);
      return NULL;
    }

  guint n_names = options->class_names ? g_strv_length ((char **) options->class_names) : 0;
  guint n_classes = options->n_classes ? options->n_classes : n_names;
  g_return_val_if_fail (n_classes <= CL_DATASET_MAX_CLASSES, NULL);
  if (n_classes == 0)
    {
      /* No class list given: as many classes as the largest label says. */
      for (guint i = 0; i < n_train; i++)
        n_classes = MAX (n_classes, (guint) train_y.data[i] + 1);
      for (guint i = 0; i < n_test; i++)
        n_classes = MAX (n_classes, (guint) test_y.data[i] + 1);
    }
  if (!check_labels (&train_y, train_labels, n_classes, error)
      || (test_images != NULL && !check_labels (&test_y, test_labels, n_classes, error)))
    return NULL;

  guint h = train_x.dims[1], w = train_x.dims[2];
  g_autoptr(ClDataset) ds = _cl_dataset_new (CL_DATASET_CLASSIFICATION, 1, h, w, n_train, n_test,
                                             n_classes, 0, error);
  if (ds == NULL)
    return NULL;

  gsize plane = (gsize) h * w;
  const float scale = 1.0f / 255.0f;
  for (gsize k = 0; k < (gsize) n_train * plane; k++)
    ds->x[k] = train_x.data[k] * scale;
  for (gsize k = 0; k < (gsize) n_test * plane; k++)
    ds->x[(gsize) n_train * plane + k] = test_x.data[k] * scale;
  for (guint i = 0; i < n_train; i++)
    ds->labels[i] = train_y.data[i];
  for (guint i = 0; i < n_test; i++)
    ds->labels[n_train + i] = test_y.data[i];
  ds->norm = CL_DATASET_NORM_UNIT;

  ds->class_names = g_new0 (char *, n_classes + 1);
  for (guint c = 0; c < n_classes; c++)
    ds->class_names[c] = c < n_names ? g_strdup (g_dgettext (GETTEXT_PACKAGE, options->class_names[c]))
                                     : g_strdup_printf ("%u", c);

  if (options->name != NULL)
    ds->name = g_strdup (options->name);
  else
    {
      g_autofree char *dir = g_path_get_dirname (train_images);
      ds->name = g_path_get_basename (dir);
    }
  _cl_dataset_describe (ds, TRUE);
  return g_steal_pointer (&ds);
}

/* What a file name says it holds: images or labels, training or test. */
typedef enum { ROLE_NONE = -1, TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS, N_ROLES } Role;

static Role
role_of (const char *filename)
{
  g_autofree char *lower = g_ascii_strdown (filename, -1);
  gboolean images = strstr (lower, "idx3") != NULL;
  gboolean labels = strstr (lower, "idx1") != NULL;
  gboolean train = strstr (lower, "train") != NULL;
  gboolean test = strstr (lower, "t10k") != NULL || strstr (lower, "test") != NULL;
  if (images == labels || train == test)
    return ROLE_NONE;
  if (train)
    return images ? TRAIN_IMAGES : TRAIN_LABELS;
  return images ? TEST_IMAGES : TEST_LABELS;
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
stem_of (const char *filename)
{
  return g_str_has_suffix (filename, ".gz") ? g_strndup (filename, strlen (filename) - 3)
                                            : g_strdup (filename);
}

/* The files of the IDX set in `dir`: paths[N_ROLES] (the test pair may be
 * NULL), or FALSE and why. */
static gboolean
find_idx_set (const char *dir, char *paths[N_ROLES], GError **error)
{
  g_autoptr(GError) local = NULL;
  g_autoptr(GDir) d = g_dir_open (dir, 0, &local);
  if (d == NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_IO, _("Could not open the folder “%s”: %s"), dir,
                   local->message);
      return FALSE;
    }

  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *entry;
  while ((entry = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (entry));
  /* Sorted, so that the plain file comes before its .gz twin and the choice
   * does not depend on the order of the directory. */
  g_ptr_array_sort (names, compare_names);

  /* Borrowed from names. */
  const char *found[N_ROLES] = { NULL };
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      Role role = role_of (name);
      if (role == ROLE_NONE)
        continue;
      if (found[role] == NULL)
        {
          found[role] = name;
          continue;
        }
      g_autofree char *a = stem_of (found[role]);
      g_autofree char *b = stem_of (name);
      if (g_strcmp0 (a, b) != 0)
        {
          g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                       _("The folder “%s” holds several IDX sets (“%s” and “%s”); choose the "
                         "files one by one."),
                       dir, found[role], name);
          return FALSE;
        }
    }

  if (found[TRAIN_IMAGES] == NULL || found[TRAIN_LABELS] == NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_IO,
                   _("The folder “%s” holds no IDX training set (train-images-idx3-ubyte and "
                     "train-labels-idx1-ubyte, plain or .gz)."),
                   dir);
      return FALSE;
    }
  if ((found[TEST_IMAGES] == NULL) != (found[TEST_LABELS] == NULL))
    {
      g_set_error (error, CL_ERROR, CL_ERROR_MISMATCH,
                   _("The folder “%s” holds test images without test labels, or labels "
                     "without images."),
                   dir);
      return FALSE;
    }
  for (int r = 0; r < N_ROLES; r++)
    paths[r] = found[r] != NULL ? g_build_filename (dir, found[r], NULL) : NULL;
  return TRUE;
}

ClDataset *
cl_dataset_load_idx_dir (const char *dir, const ClIdxOptions *options, GError **error)
{
  char *paths[N_ROLES] = { NULL };

  if (!find_idx_set (dir, paths, error))
    return NULL;
  ClDataset *ds = cl_dataset_load_idx (paths[TRAIN_IMAGES], paths[TRAIN_LABELS],
                                       paths[TEST_IMAGES], paths[TEST_LABELS], options, error);
  for (int r = 0; r < N_ROLES; r++)
    g_free (paths[r]);
  return ds;
}

gboolean
_cl_idx_peek_image_shape (const char *path, guint *height, guint *width)
{
  char *paths[N_ROLES] = { NULL };
  g_autofree char *images = NULL;
  guint8 header[16];

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      if (!find_idx_set (path, paths, NULL))
        return FALSE;
      images = g_steal_pointer (&paths[TRAIN_IMAGES]);
      for (int r = 0; r < N_ROLES; r++)
        g_free (paths[r]);
    }
  else
    images = g_strdup (path);

  /* Sixteen bytes, inflated if need be: the whole header of an image file. */
  guint64 size;
  g_autoptr(GInputStream) in = _cl_open_data_file (images, &size, NULL);
  if (in == NULL || !_cl_read_exact (in, header, sizeof header, images, 0, sizeof header, NULL)
      || header[0] != 0 || header[1] != 0 || header[2] != 0x08 || header[3] != 3)
    return FALSE;
  guint32 be[2];
  memcpy (be, header + 8, sizeof be);
  *height = GUINT32_FROM_BE (be[0]);
  *width = GUINT32_FROM_BE (be[1]);
  return TRUE;
}
