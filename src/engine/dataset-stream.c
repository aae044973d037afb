#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <string.h>
#include <glib/gi18n-lib.h>

#include <gio/gunixinputstream.h>

#include "engine/dataset-private.h"
#include "engine/error.h"
#include "engine/file-read.h"

/* Read errors: damaged gzip data is a format problem the user can act on
 * (re-download the file); anything else is an I/O error. */
static void
set_read_error (GError **error, const char *name, const GError *cause)
{
  if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_PARTIAL_INPUT))
    g_set_error (error, CL_ERROR, CL_ERROR_TRUNCATED,
                 _("“%s” is truncated: its compressed data ends too early."), name);
  else if (g_error_matches (cause, G_IO_ERROR, G_IO_ERROR_INVALID_DATA))
    g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                 _("“%s” holds damaged gzip data: %s"), name, cause->message);
  else
    g_set_error (error, CL_ERROR, CL_ERROR_IO, _("Could not read “%s”: %s"), name,
                 cause->message);
}

GInputStream *
_cl_stream_maybe_gunzip (GInputStream *raw, gboolean *gzipped, GError **error)
{
  g_autoptr(GInputStream) buffered = g_buffered_input_stream_new (raw);
  GBufferedInputStream *b = G_BUFFERED_INPUT_STREAM (buffered);
  g_autoptr(GError) local = NULL;

  /* Peek at the first two bytes without consuming them. */
  while (g_buffered_input_stream_get_available (b) < 2)
    {
      gssize got = g_buffered_input_stream_fill (b, 2, NULL, &local);
      if (got < 0)
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (got == 0)
        break;
    }
  gsize avail = 0;
  const guint8 *head = g_buffered_input_stream_peek_buffer (b, &avail);
  *gzipped = avail >= 2 && head[0] == 0x1f && head[1] == 0x8b;
  if (!*gzipped)
    return g_steal_pointer (&buffered);

  g_autoptr(GZlibDecompressor) inflater = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  return g_converter_input_stream_new (buffered, G_CONVERTER (inflater));
}

GInputStream *
_cl_open_data_file (const char *path, guint64 *size, GError **error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autoptr(GError) local = NULL;
  guint64 file_size;

  /* A named pipe or a device would make the read below wait forever, or
   * never end: only regular files are data files, checked on the opened
   * descriptor (file-read.h).  Their size is bounded by their headers. */
  int fd = cl_file_open_regular (path, G_MAXUINT64, &file_size, error);
  if (fd < 0)
    return NULL;
  g_autoptr(GInputStream) raw = g_unix_input_stream_new (fd, TRUE);

  gboolean gzipped = FALSE;
  GInputStream *in = _cl_stream_maybe_gunzip (raw, &gzipped, &local);
  if (in == NULL)
    {
      set_read_error (error, name, local);
      return NULL;
    }
  *size = gzipped ? CL_SIZE_UNKNOWN : file_size;
  return in;
}

gboolean
_cl_read_exact (GInputStream *in, void *buffer, gsize n, const char *name, guint64 offset,
                guint64 total, GError **error)
{
  g_autoptr(GError) local = NULL;
  gsize got = 0;
  if (!g_input_stream_read_all (in, buffer, n, &got, NULL, &local))
    {
      set_read_error (error, name, local);
      return FALSE;
    }
  if (got < n)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_TRUNCATED,
                   _("“%s” is truncated at byte %llu of %llu."), name,
                   (unsigned long long) (offset + got), (unsigned long long) total);
      return FALSE;
    }
  return TRUE;
}

/* Reads until `want` bytes are in *buffer or the stream ends, growing the
 * buffer by doubling from 1 MiB: memory follows the data that really
 * arrives, not what a header or a caller promised. */
static gboolean
read_growing (GInputStream *in, guint64 want, guint8 **buffer, gsize *have, const char *name,
              GError **error)
{
  gsize alloc = 0;
  *buffer = NULL;
  *have = 0;
  while (*have < want)
    {
      if (*have == alloc)
        {
          alloc = (gsize) MIN (want, MAX ((guint64) alloc * 2, (guint64) 1 << 20));
          guint8 *grown = g_try_realloc (*buffer, alloc);
          if (grown == NULL)
            {
              g_clear_pointer (buffer, g_free);
              g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                           _("Not enough memory to read “%s”."), name);
              return FALSE;
            }
          *buffer = grown;
        }
      g_autoptr(GError) local = NULL;
      gssize got = g_input_stream_read (in, *buffer + *have, alloc - *have, NULL, &local);
      if (got < 0)
        {
          g_clear_pointer (buffer, g_free);
          set_read_error (error, name, local);
          return FALSE;
        }
      if (got == 0)
        break;
      *have += got;
    }
  return TRUE;
}

guint8 *
_cl_read_payload (GInputStream *in, guint64 expected, const char *name, guint64 offset,
                  GError **error)
{
  g_autofree guint8 *buffer = NULL;
  gsize have = 0;
  if (!read_growing (in, expected, &buffer, &have, name, error))
    return NULL;
  if (have < expected)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_TRUNCATED,
                   _("“%s” is truncated at byte %llu of %llu."), name,
                   (unsigned long long) (offset + have), (unsigned long long) (offset + expected));
      return NULL;
    }

  /* More data than the header announced means the header is wrong, and so
   * may be everything read with it. */
  guint8 extra;
  g_autoptr(GError) local = NULL;
  gssize got = g_input_stream_read (in, &extra, 1, NULL, &local);
  if (got < 0)
    {
      set_read_error (error, name, local);
      return NULL;
    }
  if (got > 0)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT,
                   _("“%s” is longer than its header says (more than %llu bytes)."), name,
                   (unsigned long long) (offset + expected));
      return NULL;
    }
  return g_steal_pointer (&buffer);
}

GBytes *
_cl_read_all_capped (GInputStream *in, guint64 cap, const char *name, GError **error)
{
  guint8 *buffer = NULL;
  gsize have = 0;
  if (!read_growing (in, cap + 1, &buffer, &have, name, error))
    return NULL;
  if (have > cap)
    {
      g_free (buffer);
      g_autofree char *limit = _cl_format_count (cap);
      g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                   _("“%s” is larger than %s bytes once uncompressed; it was not read further."),
                   name, limit);
      return NULL;
    }
  return g_bytes_new_take (buffer, have);
}
