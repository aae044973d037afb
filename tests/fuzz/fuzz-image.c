/* libFuzzer target: the image-folder decoder path (header check, gdk-pixbuf
 * decoding, orientation, scale and crop, conversion), on one file.
 * gdk-pixbuf reads from a path, so each input is written to a private
 * temporary file first.  The gdk-pixbuf loaders themselves are not
 * instrumented: coverage counts our code, crashes count everywhere. */
#include "config.h"

#include <unistd.h>
#include <glib/gstdio.h>

#include "engine/dataset-private.h"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static char *path;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  path = g_strdup_printf ("%s/convlab-fuzz-image-%d", g_get_tmp_dir (), (int) getpid ());
  return 0;
}

int
LLVMFuzzerTestOneInput (const guint8 *data, size_t size)
{
  if (!g_file_set_contents (path, (const char *) data, size, NULL))
    return 0;
  static float out[3 * 32 * 32];
  g_autoptr(GError) error = NULL;
  if (!_cl_image_load (path, 32, 3, out, &error))
    g_assert (error != NULL && error->message != NULL);
  else
    for (int k = 0; k < 3 * 32 * 32; k++)
      g_assert (out[k] >= 0.0f && out[k] <= 1.0f);
  g_unlink (path);
  return 0;
}
