/* use-language.h — a test speaks a language as main.c sets it up, with
 * the catalogue of the build tree ($CONVLAB_LOCALEDIR, set by
 * tests/meson.build) rather than an installed one.  Call it before the
 * first translated string: GLib settles some of it at the first lookup. */
#pragma once

#include <glib.h>
#include <glib/gi18n.h>
#include <locale.h>

/* `language` ("fr"), or NULL to keep $LANGUAGE as the test was run. */
static inline void
cl_test_use_language (const char *language)
{
  const char *localedir = g_getenv ("CONVLAB_LOCALEDIR");

  if (language != NULL)
    g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
