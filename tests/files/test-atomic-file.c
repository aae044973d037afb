/* The one writer of user-named files: exclusive temporaries, regular
 * targets only, the cause in the error, nothing left behind by a signal. */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "engine/atomic-file.h"
#include "engine/error.h"
#include "engine/safetensors.h"

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in `dir`, sorted, space-separated. */
static char *
list_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
test_writes_and_replaces (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-atomic-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (cl_atomic_file_set_contents (path, "first", 5, &error));
  g_assert_no_error (error);
  g_assert_true (cl_atomic_file_set_contents (path, "second", 6, &error));
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "second");
  g_autofree char *names = list_dir (dir);
  g_assert_cmpstr (names, ==, "out.txt");   /* no temporary left */
  remove_dir (dir);
}

/* `export -o /dev/full` as root replaced the device with a PNG: a FIFO
 * stands for every non-regular target here (safe to try). */
static void
test_refuses_a_target_that_is_not_a_regular_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-atomic-XXXXXX", NULL);
  g_autofree char *fifo = g_build_filename (dir, "pipe", NULL);
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  g_assert_false (cl_atomic_file_set_contents (fifo, "x", 1, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, fifo));
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  g_clear_error (&error);
  g_assert_cmpint (g_stat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));

  /* A folder neither; and the model saver goes the same way. */
  g_assert_false (cl_atomic_file_set_contents (dir, "x", 1, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_IO);
  g_clear_error (&error);
  g_assert_false (cl_safetensors_save (fifo, NULL, NULL, 0, &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_IO);
  g_assert_cmpint (g_stat (fifo, &st), ==, 0);
  g_assert_true (S_ISFIFO (st.st_mode));
  g_autofree char *names = list_dir (dir);
  g_assert_cmpstr (names, ==, "pipe");
  remove_dir (dir);
}

/* The old writer used `<out>.tmp-<pid>` through a path-following open: a
 * symlink planted there wrote into any file. */
static void
test_a_planted_symlink_is_not_followed (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-atomic-XXXXXX", NULL);
  g_autofree char *victim = g_build_filename (dir, "victim", NULL);
  g_autofree char *path = g_build_filename (dir, "out.png", NULL);
  g_autofree char *trap = g_strdup_printf ("%s.tmp-%d", path, (int) getpid ());
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_file_set_contents (victim, "precious", -1, NULL));
  g_assert_cmpint (symlink (victim, trap), ==, 0);
  g_assert_true (cl_atomic_file_set_contents (path, "picture", 7, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (victim, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "precious");
  g_clear_pointer (&text, g_free);
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "picture");
  remove_dir (dir);
}

static void
test_errors_give_the_cause (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (cl_atomic_file_check_target ("/nonexistent/model.safetensors", &error));
  g_assert_error (error, CL_ERROR, CL_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "/nonexistent/model.safetensors"));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
  g_clear_error (&error);
  g_assert_false (cl_atomic_file_set_contents ("/nonexistent/x.csv", "x", 1, &error));
  g_assert_nonnull (strstr (error->message, g_strerror (ENOENT)));
}

static void
test_abort_removes_the_temporary (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-atomic-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.bin", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  ClAtomicFile *file = cl_atomic_file_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cl_atomic_file_write (file, "new", 3, &error));
  cl_atomic_file_abort (file);
  g_autofree char *names = list_dir (dir);
  g_assert_cmpstr (names, ==, "out.bin");
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "old");
  remove_dir (dir);
}

/* SIGTERM during `train --save` left a 144 MB temporary beside the model. */
static void
test_a_signal_removes_the_temporary (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-atomic-XXXXXX", NULL);

  for (int i = 0; i < 2; i++)
    {
      int signum = i == 0 ? SIGTERM : SIGINT;
      const char *envname = "CL_TEST_ATOMIC_DIR";
      if (g_test_subprocess ())
        break;
      g_autofree char *child = g_strdup_printf ("%s/child-%d", g_test_get_path (), signum);
      g_setenv (envname, dir, TRUE);
      g_test_trap_subprocess (child, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_failed ();
      g_autofree char *names = list_dir (dir);
      g_assert_cmpstr (names, ==, "");   /* killed, and nothing left behind */
    }
  remove_dir (dir);
}

static void
child_writes_then_gets_a_signal (gconstpointer data)
{
  int signum = GPOINTER_TO_INT (data);
  const char *dir = g_getenv ("CL_TEST_ATOMIC_DIR");
  g_autofree char *path = g_build_filename (dir, "model.safetensors", NULL);
  g_autoptr(GError) error = NULL;

  if (!g_test_subprocess ())
    return;   /* run by test_a_signal_removes_the_temporary only */
  cl_atomic_file_remove_on_signals ();
  ClAtomicFile *file = cl_atomic_file_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (cl_atomic_file_write (file, "half a model", 12, &error));
  raise (signum);
  g_assert_not_reached ();
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/files/atomic/writes-and-replaces", test_writes_and_replaces);
  g_test_add_func ("/files/atomic/refuses-a-target-that-is-not-a-regular-file",
                   test_refuses_a_target_that_is_not_a_regular_file);
  g_test_add_func ("/files/atomic/a-planted-symlink-is-not-followed",
                   test_a_planted_symlink_is_not_followed);
  g_test_add_func ("/files/atomic/errors-give-the-cause", test_errors_give_the_cause);
  g_test_add_func ("/files/atomic/abort-removes-the-temporary", test_abort_removes_the_temporary);
  g_test_add_func ("/files/atomic/a-signal-removes-the-temporary",
                   test_a_signal_removes_the_temporary);
  g_test_add_data_func ("/files/atomic/a-signal-removes-the-temporary/child-15",
                        GINT_TO_POINTER (SIGTERM), child_writes_then_gets_a_signal);
  g_test_add_data_func ("/files/atomic/a-signal-removes-the-temporary/child-2",
                        GINT_TO_POINTER (SIGINT), child_writes_then_gets_a_signal);
  return g_test_run ();
}
