/* atomic-file.h — the one way ConvLab writes a file the user named.
 *
 * Models, designs, PNG pictures and CSV grids all go through here:
 *
 *   - the target must be a regular file or not exist yet: a device node, a
 *     FIFO or a directory is refused, never replaced (`-o /dev/full` as root
 *     would otherwise swap the device for a PNG);
 *   - the bytes go to a temporary file created exclusively (O_EXCL, a random
 *     name) beside the target, so a planted symlink cannot redirect them;
 *   - it is synced and renamed over the target: a crash, a kill or a full
 *     disk leaves the old file or the new one, never half of one;
 *   - after cl_atomic_file_remove_on_signals (), SIGINT, SIGTERM and SIGHUP
 *     remove the temporaries still open before the process dies.
 *
 * Errors name the file and give the system's cause ("No space left on
 * device").
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _ClAtomicFile ClAtomicFile;

/* Checks that `path` can be written before any long computation: its folder
 * exists and is writable, and it is a regular file or absent. */
gboolean      cl_atomic_file_check_target   (const char *path, GError **error);

/* A new temporary file beside `path` (checked as above). */
ClAtomicFile *cl_atomic_file_open           (const char *path, GError **error);
/* Appends bytes; on failure the file stays open for cl_atomic_file_abort (). */
gboolean      cl_atomic_file_write          (ClAtomicFile *file, const void *data, gsize n,
                                             GError **error);
/* Syncs, closes and renames over the target; frees `file` either way (the
 * temporary is removed on failure). */
gboolean      cl_atomic_file_commit         (ClAtomicFile *file, GError **error);
/* Closes and removes the temporary; frees `file`.  NULL is ignored. */
void          cl_atomic_file_abort          (ClAtomicFile *file);

/* open + write + commit. */
gboolean      cl_atomic_file_set_contents   (const char *path, const void *data, gsize n,
                                             GError **error);

/* For programs (convlab-cli): on SIGINT, SIGTERM or SIGHUP, the temporaries
 * of files being written are removed, then the signal does what it did
 * before (kills the process).  Signals the process ignores stay ignored. */
void          cl_atomic_file_remove_on_signals (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClAtomicFile, cl_atomic_file_abort)

G_END_DECLS
