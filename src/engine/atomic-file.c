#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/atomic-file.h"
#include "engine/error.h"

struct _ClAtomicFile {
  char *path;   /* the target */
  char *tmp;    /* the temporary beside it */
  int fd;
  int slot;     /* in `pending`, or -1 */
};

/* ---- temporaries a signal must remove ----------------------------------
 *
 * A signal handler may only touch memory that is always consistent and call
 * async-signal-safe functions (unlink, raise): so the names live in fixed
 * buffers, and a slot's `used` flag is raised only once its name is complete
 * and lowered before the name changes.  This is the one process-wide state
 * of the engine, because a signal handler has no other way to find its data.
 * A name too long for a slot, or more files open at once than slots, are
 * simply not removed on a signal (the write itself still works). */

#define N_SLOTS 8

static char pending_names[N_SLOTS][PATH_MAX];
static volatile sig_atomic_t pending_used[N_SLOTS];
static GMutex pending_lock;   /* between threads claiming slots; never in the handler */

static const int cleanup_signals[] = { SIGINT, SIGTERM, SIGHUP };

/* The slot holding `tmp`, or -1. */
static int
pending_add (const char *tmp)
{
  if (strlen (tmp) >= PATH_MAX)
    return -1;
  g_mutex_lock (&pending_lock);
  for (int i = 0; i < N_SLOTS; i++)
    if (!pending_used[i])
      {
        strcpy (pending_names[i], tmp);
        /* The name is complete before the handler may see the slot. */
        atomic_signal_fence (memory_order_seq_cst);
        pending_used[i] = 1;
        g_mutex_unlock (&pending_lock);
        return i;
      }
  g_mutex_unlock (&pending_lock);
  return -1;
}

static void
pending_remove (int slot)
{
  if (slot < 0)
    return;
  g_mutex_lock (&pending_lock);
  pending_used[slot] = 0;
  g_mutex_unlock (&pending_lock);
}

static void
on_signal (int signum)
{
  int saved = errno;

  for (int i = 0; i < N_SLOTS; i++)
    if (pending_used[i])
      unlink (pending_names[i]);
  errno = saved;
  /* SA_RESETHAND restored the default action; the signal is blocked while
   * this handler runs, so it is delivered — and kills — once it returns. */
  raise (signum);
}

void
cl_atomic_file_remove_on_signals (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (cleanup_signals); i++)
    {
      struct sigaction old, action = { 0 };

      if (sigaction (cleanup_signals[i], NULL, &old) != 0 || old.sa_handler != SIG_DFL)
        continue;   /* ignored (nohup) or someone else's: leave it */
      action.sa_handler = on_signal;
      action.sa_flags = SA_RESETHAND;
      sigemptyset (&action.sa_mask);
      sigaction (cleanup_signals[i], &action, NULL);
    }
}

/* Blocks the cleanup signals in this thread while a temporary is created
 * and registered, or renamed and forgotten: no signal lands in between. */
static void
block_signals (sigset_t *old)
{
  sigset_t set;

  sigemptyset (&set);
  for (gsize i = 0; i < G_N_ELEMENTS (cleanup_signals); i++)
    sigaddset (&set, cleanup_signals[i]);
  pthread_sigmask (SIG_BLOCK, &set, old);
}

static void
restore_signals (const sigset_t *old)
{
  pthread_sigmask (SIG_SETMASK, old, NULL);
}

/* ---- the file ---------------------------------------------------------- */

static gboolean
io_error (GError **error, const char *path, int errsv)
{
  g_autofree char *name = g_filename_display_name (path);

  /* Translators: the first %s is a file name, the second the system's reason. */
  g_set_error (error, CL_ERROR, CL_ERROR_IO, _("Could not write “%s”: %s."), name,
               g_strerror (errsv));
  return FALSE;
}

gboolean
cl_atomic_file_check_target (const char *path, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *name = g_filename_display_name (path);
  GStatBuf st;

  if (g_stat (path, &st) == 0)
    {
      if (!S_ISREG (st.st_mode))
        {
          g_set_error (error, CL_ERROR, CL_ERROR_IO,
                       _("Could not write “%s”: it is not a regular file (a folder, a device "
                         "or a pipe); give a file name."), name);
          return FALSE;
        }
    }
  else if (errno != ENOENT)
    return io_error (error, path, errno);

  if (g_stat (dir, &st) != 0)
    return io_error (error, path, errno);
  if (!S_ISDIR (st.st_mode))
    return io_error (error, path, ENOTDIR);
  if (access (dir, W_OK | X_OK) != 0)
    return io_error (error, path, errno);
  return TRUE;
}

static void
file_free (ClAtomicFile *file)
{
  g_free (file->path);
  g_free (file->tmp);
  g_free (file);
}

ClAtomicFile *
cl_atomic_file_open (const char *path, GError **error)
{
  g_return_val_if_fail (path != NULL, NULL);

  if (!cl_atomic_file_check_target (path, error))
    return NULL;

  ClAtomicFile *file = g_new0 (ClAtomicFile, 1);
  sigset_t old;

  file->path = g_strdup (path);
  file->tmp = g_strdup_printf ("%s.tmp-XXXXXX", path);
  block_signals (&old);
  /* O_EXCL under a random name: nothing planted there can be followed. */
  file->fd = g_mkstemp_full (file->tmp, O_WRONLY | O_CLOEXEC, 0644);
  int errsv = errno;
  file->slot = file->fd >= 0 ? pending_add (file->tmp) : -1;
  restore_signals (&old);
  if (file->fd < 0)
    {
      io_error (error, path, errsv);
      file_free (file);
      return NULL;
    }
  return file;
}

gboolean
cl_atomic_file_write (ClAtomicFile *file, const void *data, gsize n, GError **error)
{
  const guint8 *p = data;

  while (n > 0)
    {
      ssize_t done = write (file->fd, p, MIN (n, (gsize) G_MAXSSIZE));
      if (done < 0 && errno == EINTR)
        continue;
      if (done < 0)
        return io_error (error, file->path, errno);
      p += done;
      n -= (gsize) done;
    }
  return TRUE;
}

void
cl_atomic_file_abort (ClAtomicFile *file)
{
  sigset_t old;

  if (file == NULL)
    return;
  block_signals (&old);
  if (file->fd >= 0)
    close (file->fd);
  g_unlink (file->tmp);
  pending_remove (file->slot);
  restore_signals (&old);
  file_free (file);
}

gboolean
cl_atomic_file_commit (ClAtomicFile *file, GError **error)
{
  sigset_t old;
  int errsv = 0;

  /* Synced before the rename, or a crash could leave an empty file under
   * the target's name. */
  if (fsync (file->fd) != 0 && errno != EINVAL)
    errsv = errno;
  if (close (file->fd) != 0 && errsv == 0)
    errsv = errno;
  file->fd = -1;
  /* Checked again: the target may have become something else meanwhile. */
  if (errsv == 0 && !cl_atomic_file_check_target (file->path, error))
    {
      cl_atomic_file_abort (file);
      return FALSE;
    }
  if (errsv != 0)
    {
      io_error (error, file->path, errsv);
      cl_atomic_file_abort (file);
      return FALSE;
    }

  block_signals (&old);
  if (g_rename (file->tmp, file->path) != 0)
    {
      errsv = errno;
      restore_signals (&old);
      io_error (error, file->path, errsv);
      cl_atomic_file_abort (file);
      return FALSE;
    }
  pending_remove (file->slot);
  restore_signals (&old);
  file_free (file);
  return TRUE;
}

gboolean
cl_atomic_file_set_contents (const char *path, const void *data, gsize n, GError **error)
{
  ClAtomicFile *file = cl_atomic_file_open (path, error);

  if (file == NULL)
    return FALSE;
  if (!cl_atomic_file_write (file, data, n, error))
    {
      cl_atomic_file_abort (file);
      return FALSE;
    }
  return cl_atomic_file_commit (file, error);
}
