/* file-read.h — the one way the engine opens a file it reads whole.
 *
 * Designs, models and images come from users, and a path may name a FIFO
 * (the open would wait forever for a writer), a device (/dev/zero never
 * ends and reports a size of 0) or a file far larger than any real one.
 * Every reader goes through cl_file_open_regular(): it opens without
 * blocking, checks with fstat() on the opened descriptor (not a stat of the
 * path, which another process could swap between the check and the open)
 * that it is a regular file, and refuses it when it is larger than the
 * caller's bound — before a byte is read.  Errors name the file and say
 * what is wrong: it does not exist, it cannot be read and why, it is not a
 * regular file, it is too large.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A descriptor open for reading on a regular file of at most `max_bytes`
 * bytes (its size in *size), or -1 and an error. Close it with close(). */
int     cl_file_open_regular (const char *path, guint64 max_bytes, guint64 *size,
                              GError **error);
/* The whole file, at most `max_bytes` even if it grows while being read;
 * the bytes are followed by a NUL that the GBytes does not count, so text
 * may be used as a C string. */
GBytes *cl_file_read_regular (const char *path, guint64 max_bytes, GError **error);
/* The same, mapped rather than read: pages come in only where used. */
GBytes *cl_file_map_regular  (const char *path, guint64 max_bytes, GError **error);

G_END_DECLS
