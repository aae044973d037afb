/* Our programs run OpenMP with a short spin, unless the user chose. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "engine/process-setup.h"

static char *self;

/* Runs this binary as `self MODE` with GOMP_SPINCOUNT set to `spin` (or
 * unset) and OMP_WAIT_POLICY unset, and returns what it printed. */
static char *
run_child (const char *mode, const char *spin)
{
  g_auto(GStrv) env = g_get_environ ();
  env = g_environ_unsetenv (env, "OMP_WAIT_POLICY");
  env = spin != NULL ? g_environ_setenv (env, "GOMP_SPINCOUNT", spin, TRUE)
                     : g_environ_unsetenv (env, "GOMP_SPINCOUNT");
  const char *argv[] = { self, mode, NULL };
  char *out = NULL;
  int status;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                               &status, NULL));
  return out;
}

static void
test_sets_a_short_spin (void)
{
#ifdef _OPENMP
  g_autofree char *out = run_child ("--setup-then-print", NULL);
  g_assert_cmpstr (out, ==, CL_GOMP_SPINCOUNT "\n");
#else
  g_test_skip ("built without OpenMP");
#endif
}

static void
test_keeps_the_users_choice (void)
{
  g_autofree char *out = run_child ("--setup-then-print", "300000");
  g_assert_cmpstr (out, ==, "300000\n");
}

int
main (int argc, char **argv)
{
  /* The child's two roles: set up (re-executing itself as --print), then print. */
  if (argc == 2 && g_str_equal (argv[1], "--setup-then-print"))
    {
      char *again[] = { argv[0], "--print", NULL };
      cl_process_prefer_short_openmp_spin (again);
      argv[1] = "--print";   /* exec refused, or a user's choice: print here */
    }
  if (argc == 2 && g_str_equal (argv[1], "--print"))
    {
      const char *spin = g_getenv ("GOMP_SPINCOUNT");
      printf ("%s\n", spin != NULL ? spin : "(unset)");
      return 0;
    }

  self = argv[0];
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/process/sets-a-short-spin", test_sets_a_short_spin);
  g_test_add_func ("/engine/process/keeps-the-users-choice", test_keeps_the_users_choice);
  return g_test_run ();
}
