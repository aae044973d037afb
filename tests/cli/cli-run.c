/* cli-run.c — see cli-run.h. */
#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include "cli-run.h"

void
cli_run_clear (CliRun *r)
{
  g_free (r->out);
  g_free (r->err);
}

CliRun
cli_run_v (char **envp, GSpawnChildSetupFunc setup, gpointer setup_data, const char *first,
           va_list args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  CliRun r = { 0 };
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CL_CLI"));
  for (const char *a = first; a != NULL; a = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) a);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, envp, G_SPAWN_DEFAULT, setup,
                               setup_data, &r.out, &r.err, &r.status, &error));
  g_assert_no_error (error);
  r.status = WIFEXITED (r.status) ? WEXITSTATUS (r.status) : 128;
  return r;
}

CliRun
cli_run (const char *first, ...)
{
  va_list args;
  va_start (args, first);
  CliRun r = cli_run_v (NULL, NULL, NULL, first, args);
  va_end (args);
  return r;
}

void
cli_assert_contains (const char *text, const char *fragment)
{
  if (strstr (text, fragment) == NULL)
    g_error ("“%s” does not contain “%s”", text, fragment);
}
