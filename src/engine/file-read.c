#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/error.h"
#include "engine/file-read.h"

#define CHUNK (64 * 1024)

static void
set_errno_error (GError **error, const char *path, int saved)
{
  if (saved == ENOENT || saved == ENOTDIR)
    g_set_error (error, CL_ERROR, CL_ERROR_IO, _("“%s” does not exist."), path);
  else
    g_set_error (error, CL_ERROR, CL_ERROR_IO, _("“%s” cannot be read: %s."), path,
                 g_strerror (saved));
}

static void
set_too_large (GError **error, const char *path, guint64 max_bytes)
{
  g_autofree char *limit = g_format_size_full (max_bytes, G_FORMAT_SIZE_IEC_UNITS);
  g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
               _("“%s” is larger than %s, more than a file of this kind can be; it was not "
                 "read."),
               path, limit);
}

int
cl_file_open_regular (const char *path, guint64 max_bytes, guint64 *size, GError **error)
{
  /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
   * writer.  On a regular file it changes nothing, and it is cleared below
   * anyway. */
  int fd;
  do
    fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    {
      set_errno_error (error, path, errno);
      return -1;
    }

  struct stat st;
  if (fstat (fd, &st) != 0)
    {
      int saved = errno;
      close (fd);
      set_errno_error (error, path, saved);
      return -1;
    }
  if (S_ISDIR (st.st_mode))
    {
      close (fd);
      g_set_error (error, CL_ERROR, CL_ERROR_IO, _("“%s” is a folder, not a file."), path);
      return -1;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, CL_ERROR, CL_ERROR_IO, _("“%s” is not a regular file."), path);
      return -1;
    }
  if ((guint64) st.st_size > max_bytes)
    {
      close (fd);
      set_too_large (error, path, max_bytes);
      return -1;
    }
  int flags = fcntl (fd, F_GETFL);
  if (flags >= 0)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);
  *size = (guint64) st.st_size;
  return fd;
}

GBytes *
cl_file_read_regular (const char *path, guint64 max_bytes, GError **error)
{
  guint64 size;
  int fd = cl_file_open_regular (path, max_bytes, &size, error);
  if (fd < 0)
    return NULL;

  /* The size is only a first guess: the file may grow or shrink while it
   * is read.  The buffer grows with what really arrives, never past one
   * byte over the bound (which proves the file too large). */
  gsize alloc = (gsize) size + 1, have = 0;
  g_autofree guint8 *buffer = g_malloc (alloc + 1);
  for (;;)
    {
      if (have == alloc)
        {
          if (alloc > max_bytes)
            {
              close (fd);
              set_too_large (error, path, max_bytes);
              return NULL;
            }
          alloc = (gsize) MIN ((guint64) alloc + MAX (alloc, CHUNK), max_bytes + 1);
          buffer = g_realloc (buffer, alloc + 1);
        }
      gssize got = read (fd, buffer + have, alloc - have);
      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved = errno;
          close (fd);
          set_errno_error (error, path, saved);
          return NULL;
        }
      if (got == 0)
        break;
      have += (gsize) got;
    }
  close (fd);
  if (have > max_bytes)
    {
      set_too_large (error, path, max_bytes);
      return NULL;
    }
  buffer[have] = '\0';
  return g_bytes_new_take (g_steal_pointer (&buffer), have);
}

GBytes *
cl_file_map_regular (const char *path, guint64 max_bytes, GError **error)
{
  guint64 size;
  g_autoptr(GError) local = NULL;
  int fd = cl_file_open_regular (path, max_bytes, &size, error);
  if (fd < 0)
    return NULL;
  GMappedFile *file = g_mapped_file_new_from_fd (fd, FALSE, &local);
  close (fd);
  if (file == NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_IO, _("“%s” cannot be read: %s."), path,
                   local->message);
      return NULL;
    }
  GBytes *bytes = g_mapped_file_get_bytes (file);
  g_mapped_file_unref (file);
  /* The mapping takes the size of the moment: the file may have grown
   * since it was checked. */
  if (g_bytes_get_size (bytes) > max_bytes)
    {
      g_bytes_unref (bytes);
      set_too_large (error, path, max_bytes);
      return NULL;
    }
  return bytes;
}
