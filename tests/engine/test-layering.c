/* The dependency rule of DESIGN.md, checked on the sources themselves:
 * the engine never includes GTK or Cairo; render never includes GTK. */
#include "config.h"

#include <glib.h>

static void
check_dir (const char *subdir, const char * const *forbidden)
{
  const char *root = g_getenv ("CL_SOURCE_ROOT");
  if (root == NULL)
    {
      g_test_skip ("CL_SOURCE_ROOT is not set");
      return;
    }
  g_autofree char *path = g_build_filename (root, "src", subdir, NULL);
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_assert_nonnull (dir);
  const char *name;
  int checked = 0;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (!g_str_has_suffix (name, ".c") && !g_str_has_suffix (name, ".h"))
        continue;
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *text = NULL;
      g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
      g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
      for (int i = 0; lines[i] != NULL; i++)
        {
          if (!g_str_has_prefix (g_strchug (lines[i]), "#include"))
            continue;
          for (int f = 0; forbidden[f] != NULL; f++)
            if (strstr (lines[i], forbidden[f]) != NULL)
              g_error ("%s/%s:%d includes %s", subdir, name, i + 1, forbidden[f]);
        }
      checked++;
    }
  g_assert_cmpint (checked, >, 0);
}

static void
test_engine_has_no_gtk_nor_cairo (void)
{
  static const char * const forbidden[] = { "gtk/", "<gtk", "adwaita", "cairo", "gdk/gdk.h", NULL };
  check_dir ("engine", forbidden);
}

static void
test_render_has_no_gtk (void)
{
  static const char * const forbidden[] = { "gtk/", "<gtk", "adwaita", "gdk/gdk.h", NULL };
  check_dir ("render", forbidden);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/layering/engine-has-no-gtk-nor-cairo", test_engine_has_no_gtk_nor_cairo);
  g_test_add_func ("/engine/layering/render-has-no-gtk", test_render_has_no_gtk);
  return g_test_run ();
}
