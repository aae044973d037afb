#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include "engine/dataset-private.h"
#include "engine/error.h"

/* CIFAR-10 binary version: each file is a run of 3073-byte records, one
 * label byte then 1024 red, 1024 green and 1024 blue bytes (32×32, rows
 * top to bottom) — already the planar CHW order of our tensors. */

#define SIDE 32u
#define META_MAX_BYTES (64u * 1024u)
#define N_TRAIN_BATCHES 5

static const char *const default_class_names[] = {
  N_("airplane"), N_("automobile"), N_("bird"),  N_("cat"),  N_("deer"),
  N_("dog"),      N_("frog"),       N_("horse"), N_("ship"), N_("truck"),
  NULL,
};

/* The length alone says whether a batch is whole: checked on a plain
 * file before reading it. */
static gboolean
check_length (guint64 len, const char *name, GError **error)
{
  if (len == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_EMPTY, _("“%s” holds no images."), name);
      return FALSE;
    }
  if (len % CL_CIFAR_RECORD != 0)
    {
      g_autofree char *at = _cl_format_count (len);
      g_set_error (error, CL_ERROR, CL_ERROR_TRUNCATED,
                   _("“%s” is truncated at byte %s: its last record has %u of the 3073 bytes "
                     "of a CIFAR-10 image."),
                   name, at, (guint) (len % CL_CIFAR_RECORD));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_labels (const guint8 *data, gsize len, const char *name, guint n_classes, GError **error)
{
  for (gsize i = 0; i < len / CL_CIFAR_RECORD; i++)
    if (data[i * CL_CIFAR_RECORD] >= n_classes)
      {
        g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                     _("“%s”: label %u of image %u is out of range for %u classes."), name,
                     data[i * CL_CIFAR_RECORD], (guint) i, n_classes);
        return FALSE;
      }
  return TRUE;
}

GBytes *
_cl_cifar_read_batch (GInputStream *in, guint64 size, const char *name, guint n_classes,
                      GError **error)
{
  const guint64 cap = (guint64) CL_CIFAR_MAX_RECORDS * CL_CIFAR_RECORD;
  g_autoptr(GBytes) bytes = NULL;
  if (size != CL_SIZE_UNKNOWN)
    {
      /* Plain file: its length alone must be right before anything is read. */
      if (size > cap)
        {
          g_autofree char *limit = _cl_format_count (CL_CIFAR_MAX_RECORDS);
          g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                       _("“%s” is too large for a CIFAR-10 batch (more than %s images)."), name,
                       limit);
          return NULL;
        }
      if (!check_length (size, name, error))
        return NULL;
      guint8 *data = _cl_read_payload (in, size, name, 0, error);
      if (data == NULL)
        return NULL;
      bytes = g_bytes_new_take (data, size);
    }
  else
    {
      /* gzip: the length is known only once inflated, so inflating stops at
       * the largest batch we accept. */
      bytes = _cl_read_all_capped (in, cap, name, error);
      if (bytes == NULL)
        return NULL;
    }

  gsize len = 0;
  const guint8 *data = g_bytes_get_data (bytes, &len);
  if (!check_length (len, name, error) || !check_labels (data, len, name, n_classes, error))
    return NULL;
  return g_steal_pointer (&bytes);
}

/* batches.meta.txt: one class name per line; blank lines ignored. */
static char **
read_class_names (const char *path, GError **error)
{
  g_autofree char *name = g_path_get_basename (path);
  guint64 size = 0;
  g_autoptr(GInputStream) in = _cl_open_data_file (path, &size, error);
  if (in == NULL)
    return NULL;
  g_autoptr(GBytes) bytes = _cl_read_all_capped (in, META_MAX_BYTES, name, error);
  if (bytes == NULL)
    return NULL;
  gsize len = 0;
  const char *text = g_bytes_get_data (bytes, &len);
  if (!g_utf8_validate (text, len, NULL) || memchr (text, '\0', len) != NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                   _("“%s” is not a text file of class names."), name);
      return NULL;
    }
  g_autofree char *copy = g_strndup (text, len);
  g_auto(GStrv) lines = g_strsplit (copy, "\n", -1);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  guint n = 0;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      if (*line == '\0')
        continue;
      g_strv_builder_add (names, line);
      n++;
    }
  /* Labels are single bytes: more than 256 names cannot all be used. */
  if (n == 0 || n > 256)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                   _("“%s” lists %u class names; a CIFAR batch has between 1 and 256."), name, n);
      return NULL;
    }
  return g_strv_builder_end (names);
}

/* dir/name, or dir/name.gz, or NULL when neither exists. */
static char *
find_file (const char *dir, const char *name)
{
  g_autofree char *plain = g_build_filename (dir, name, NULL);
  if (g_file_test (plain, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&plain);
  g_autofree char *gz = g_strconcat (plain, ".gz", NULL);
  if (g_file_test (gz, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&gz);
  return NULL;
}

static GBytes *
read_batch_file (const char *path, guint n_classes, GError **error)
{
  g_autofree char *name = g_path_get_basename (path);
  guint64 size = 0;
  g_autoptr(GInputStream) in = _cl_open_data_file (path, &size, error);
  if (in == NULL)
    return NULL;
  return _cl_cifar_read_batch (in, size, name, n_classes, error);
}

ClDataset *
cl_dataset_load_cifar10 (const char *dir, GError **error)
{
  g_return_val_if_fail (dir != NULL, NULL);

  g_auto(GStrv) class_names = NULL;
  g_autofree char *meta = find_file (dir, "batches.meta.txt");
  if (meta != NULL)
    {
      class_names = read_class_names (meta, error);
      if (class_names == NULL)
        return NULL;
    }
  else
    {
      class_names = g_new0 (char *, G_N_ELEMENTS (default_class_names));
      for (guint c = 0; default_class_names[c] != NULL; c++)
        class_names[c] = g_strdup (default_class_names[c]);
    }
  guint n_classes = g_strv_length (class_names);

  /* Batches in order: data_batch_1 … 5 (those present), then test_batch. */
  g_autoptr(GPtrArray) train = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GBytes) test = NULL;
  guint64 n_train = 0, n_test = 0;
  for (guint b = 1; b <= N_TRAIN_BATCHES; b++)
    {
      g_autofree char *name = g_strdup_printf ("data_batch_%u.bin", b);
      g_autofree char *path = find_file (dir, name);
      if (path == NULL)
        continue;
      GBytes *bytes = read_batch_file (path, n_classes, error);
      if (bytes == NULL)
        return NULL;
      n_train += g_bytes_get_size (bytes) / CL_CIFAR_RECORD;
      g_ptr_array_add (train, bytes);
    }
  if (train->len == 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_IO,
                   _("The folder “%s” holds no CIFAR-10 batch (data_batch_1.bin to "
                     "data_batch_5.bin)."),
                   dir);
      return NULL;
    }
  g_autofree char *test_path = find_file (dir, "test_batch.bin");
  if (test_path != NULL)
    {
      test = read_batch_file (test_path, n_classes, error);
      if (test == NULL)
        return NULL;
      n_test = g_bytes_get_size (test) / CL_CIFAR_RECORD;
    }
  if (n_train + n_test > CL_DATASET_MAX_SAMPLES)
    {
      g_autofree char *c = _cl_format_count (n_train + n_test);
      g_autofree char *limit = _cl_format_count (CL_DATASET_MAX_SAMPLES);
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("These files hold %s samples together, more than the limit of %s."), c,
                   limit);
      return NULL;
    }

  g_autoptr(ClDataset) ds = _cl_dataset_new (CL_DATASET_CLASSIFICATION, 3, SIDE, SIDE,
                                             (guint) n_train, (guint) n_test, n_classes, 0, error);
  if (ds == NULL)
    return NULL;

  const float scale = 1.0f / 255.0f;
  gsize s = 0;
  for (guint b = 0; b <= train->len; b++)
    {
      GBytes *bytes = b < train->len ? g_ptr_array_index (train, b) : test;
      if (bytes == NULL)
        break;
      gsize len;
      const guint8 *rec = g_bytes_get_data (bytes, &len);
      for (gsize r = 0; r < len / CL_CIFAR_RECORD; r++, s++, rec += CL_CIFAR_RECORD)
        {
          ds->labels[s] = rec[0];
          float *x = ds->x + s * ds->sample_size;
          for (gsize k = 0; k < ds->sample_size; k++)
            x[k] = rec[1 + k] * scale;
        }
    }
  g_assert (s == n_train + n_test);

  ds->norm = CL_DATASET_NORM_UNIT;
  ds->class_names = g_new0 (char *, n_classes + 1);
  for (guint c = 0; c < n_classes; c++)
    ds->class_names[c] = g_strdup (g_dgettext (GETTEXT_PACKAGE, class_names[c]));
  ds->name = g_strdup ("CIFAR-10");
  _cl_dataset_describe (ds, TRUE);
  return g_steal_pointer (&ds);
}
