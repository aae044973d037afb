/* cli-run.h — what the cli suite's tests share: run convlab-cli (the
 * CL_CLI program) with some arguments and keep its exit status and output. */
#pragma once

#include <glib.h>

typedef struct {
  int status;        /* the exit status; 128 when killed by a signal */
  char *out, *err;
} CliRun;

void   cli_run_clear       (CliRun *r);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliRun, cli_run_clear)

/* The arguments up to NULL, in `envp` (NULL: ours), `setup` run in the
 * child before exec (NULL: none). */
CliRun cli_run_v           (char **envp, GSpawnChildSetupFunc setup, gpointer setup_data,
                            const char *first, va_list args);
CliRun cli_run             (const char *first, ...) G_GNUC_NULL_TERMINATED;

/* Fails the test, printing both, when `fragment` is not in `text`. */
void   cli_assert_contains (const char *text, const char *fragment);
