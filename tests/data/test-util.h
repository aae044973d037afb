/* test-util.h — small files the data tests write for themselves. */
#pragma once

#include <string.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

/* A fresh temporary directory, removed (with its files) by tmp_dir_free. */
static inline char *
tmp_dir_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("convlab-data-XXXXXX", &error);
  g_assert_no_error (error);
  return dir;
}

static inline void
tmp_dir_remove (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      const char *name;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            tmp_dir_remove (child);
          else
            g_remove (child);
        }
      g_dir_close (dir);
    }
  g_rmdir (path);
}

static inline void
tmp_dir_free (char *path)
{
  tmp_dir_remove (path);
  g_free (path);
}

typedef char TmpDir;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (TmpDir, tmp_dir_free)

static inline GBytes *
gzip_bytes (const void *data, gsize len)
{
  g_autoptr(GZlibCompressor) z = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 6);
  g_autoptr(GOutputStream) mem = g_memory_output_stream_new_resizable ();
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (mem, G_CONVERTER (z));
  g_autoptr(GError) error = NULL;
  g_assert_true (g_output_stream_write_all (out, data, len, NULL, NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (mem));
}

/* Writes data to dir/name, gzip-compressed when gz. Returns the path. */
static inline char *
write_file (const char *dir, const char *name, const void *data, gsize len, gboolean gz)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  if (gz)
    {
      g_autoptr(GBytes) z = gzip_bytes (data, len);
      gsize zlen;
      const char *zdata = g_bytes_get_data (z, &zlen);
      g_file_set_contents (path, zdata, zlen, &error);
    }
  else
    g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
  return path;
}

static inline void
put_be32 (GByteArray *a, guint32 v)
{
  guint32 be = GUINT32_TO_BE (v);
  g_byte_array_append (a, (const guint8 *) &be, 4);
}

/* IDX images: pixel (i, y, x) = (i * 7 + y * 3 + x) mod 256. */
static inline GByteArray *
idx_images (guint32 n, guint32 h, guint32 w)
{
  GByteArray *a = g_byte_array_new ();
  static const guint8 magic[] = { 0, 0, 8, 3 };
  g_byte_array_append (a, magic, 4);
  put_be32 (a, n);
  put_be32 (a, h);
  put_be32 (a, w);
  for (guint32 i = 0; i < n; i++)
    for (guint32 y = 0; y < h; y++)
      for (guint32 x = 0; x < w; x++)
        {
          guint8 v = (guint8) ((i * 7 + y * 3 + x) % 256);
          g_byte_array_append (a, &v, 1);
        }
  return a;
}

/* IDX labels: label i = i mod n_classes. */
static inline GByteArray *
idx_labels (guint32 n, guint n_classes)
{
  GByteArray *a = g_byte_array_new ();
  static const guint8 magic[] = { 0, 0, 8, 1 };
  g_byte_array_append (a, magic, 4);
  put_be32 (a, n);
  for (guint32 i = 0; i < n; i++)
    {
      guint8 v = (guint8) (i % n_classes);
      g_byte_array_append (a, &v, 1);
    }
  return a;
}

static inline char *
write_array (const char *dir, const char *name, GByteArray *a, gboolean gz)
{
  char *path = write_file (dir, name, a->data, a->len, gz);
  g_byte_array_unref (a);
  return path;
}

/* The error's message names the file and contains the given words. */
#define assert_error_says(error, domain, code, file, words)                                      \
  G_STMT_START                                                                                   \
  {                                                                                              \
    g_assert_error ((error), (domain), (code));                                                  \
    if (strstr ((error)->message, (file)) == NULL || strstr ((error)->message, (words)) == NULL) \
      g_error ("message “%s” should name “%s” and say “%s”", (error)->message, (file), (words)); \
    g_test_message ("%s", (error)->message);                                                     \
  }                                                                                              \
  G_STMT_END

/* CIFAR-10 records: label (first + r) mod n_classes, pixel k = (r * 5 + k) mod 256. */
static inline GByteArray *
cifar_batch (guint n, guint first, guint n_classes)
{
  GByteArray *a = g_byte_array_new ();
  for (guint r = 0; r < n; r++)
    {
      guint8 label = (guint8) ((first + r) % n_classes);
      g_byte_array_append (a, &label, 1);
      for (guint k = 0; k < 3072; k++)
        {
          guint8 v = (guint8) ((r * 5 + k) % 256);
          g_byte_array_append (a, &v, 1);
        }
    }
  return a;
}

/* A gzip file of `prefix` then zeros up to `total` bytes, written in chunks
 * so that the test itself does not hold the inflated size in memory. */
static inline char *
write_gzip_bomb (const char *dir, const char *name, const void *prefix, gsize prefix_len,
                 gsize total)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileOutputStream) raw
      = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_autoptr(GZlibCompressor) z = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
  g_autoptr(GOutputStream) out = g_converter_output_stream_new (G_OUTPUT_STREAM (raw),
                                                                G_CONVERTER (z));
  g_assert_true (g_output_stream_write_all (out, prefix, prefix_len, NULL, NULL, &error));
  g_autofree guint8 *zeros = g_malloc0 (1 << 20);
  for (gsize done = prefix_len; done < total; done += MIN (total - done, 1 << 20))
    g_assert_true (g_output_stream_write_all (out, zeros, MIN (total - done, 1 << 20), NULL,
                                              NULL, &error));
  g_assert_true (g_output_stream_close (out, NULL, &error));
  g_assert_no_error (error);
  return path;
}
