/* canary.c — proves the sanitizer run catches what it is there for.
 *
 * `canary expect leak|undefined` runs `canary leak|undefined`, which commits
 * that one fault and would exit 0 if nothing noticed, and passes only if it
 * failed with the sanitizer's report: a setup that stopped failing tests (a
 * lost halt_on_error, leak detection turned off) fails the run instead of
 * passing quietly.  `canary text` draws text with cairo, which loads
 * fontconfig: it must pass, as fontconfig's exit-time caches are suppressed
 * (tools/lib/lsan-suppressions.txt). */
#include <cairo.h>
#include <glib.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* volatile: the compiler may not drop the allocation nor fold the sum. */
static void *volatile sink;

int
main (int argc, char **argv)
{
  if (argc == 3 && strcmp (argv[1], "expect") == 0)
    {
      const char *report = strcmp (argv[2], "leak") == 0 ? "ERROR: LeakSanitizer: detected memory leaks"
                                                          : "runtime error: signed integer overflow";
      char *child[] = { argv[0], argv[2], NULL };
      g_autofree char *err = NULL;
      int status;

      if (!g_spawn_sync (NULL, child, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                         &status, NULL))
        return 1;
      fputs (err, stderr);
      if (g_spawn_check_wait_status (status, NULL))
        {
          fprintf (stderr, "“%s” exited 0: the sanitizers did not fail it.\n", argv[2]);
          return 1;
        }
      if (strstr (err, report) == NULL)
        {
          fprintf (stderr, "“%s” failed without the report “%s”.\n", argv[2], report);
          return 1;
        }
      return 0;
    }
  if (argc != 2)
    return 2;
  if (strcmp (argv[1], "leak") == 0)
    {
      sink = malloc (64);
      sink = NULL;
      return 0;
    }
  if (strcmp (argv[1], "undefined") == 0)
    {
      volatile int big = INT_MAX;
      printf ("%d\n", big + argc);
      return 0;
    }
  if (strcmp (argv[1], "text") == 0)
    {
      cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 64, 16);
      cairo_t *cr = cairo_create (surface);
      cairo_move_to (cr, 1, 12);
      cairo_show_text (cr, "ConvLab");
      cairo_destroy (cr);
      cairo_surface_destroy (surface);
      return 0;
    }
  return 2;
}
