/* The file types ConvLab declares to the desktop: the shared-mime-info
 * entries recognise the designs and models ConvLab writes, and only those,
 * and the desktop file offers ConvLab for exactly those types.
 *
 * The MIME database is built by update-mime-database into a temporary
 * XDG data directory, which this process then reads: GIO loads the MIME
 * database on first use, so the environment is set before anything else. */
#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "engine/design-file.h"
#include "engine/model-file.h"
#include "engine/net.h"
#include "engine/zoo.h"

#define DESIGN_TYPE "application/x-convlab-design"
#define MODEL_TYPE "application/x-convlab-model"

static char *data_dir;

static char *
temp_file (const char *name)
{
  return g_build_filename (data_dir, name, NULL);
}

static char *
content_type (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, &error);
  g_assert_no_error (error);
  return g_strdup (g_file_info_get_content_type (info));
}

static void
write_text (const char *path, const char *text)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
}

static void
test_design_recognised (void)
{
  g_autofree char *lenet = temp_file ("lenet.json");
  g_autoptr(ClDesign) design = cl_design_new ("LeNet-5", cl_net_spec_new_lenet5 (), "fashion-mnist");
  g_autoptr(GError) error = NULL;

  /* What the editor writes. */
  g_assert_true (cl_design_save (design, lenet, &error));
  g_assert_no_error (error);
  g_autofree char *type = content_type (lenet);
  g_assert_cmpstr (type, ==, DESIGN_TYPE);
  g_assert_true (g_content_type_is_a (type, "application/json"));

  /* The examples shipped with ConvLab. */
  g_autofree char *example = g_build_filename (g_getenv ("CL_SOURCE_ROOT"), "data", "designs",
                                               "xor.json", NULL);
  g_autofree char *example_type = content_type (example);
  g_assert_cmpstr (example_type, ==, DESIGN_TYPE);

  /* Written by hand, without spaces. */
  g_autofree char *compact = temp_file ("compact.json");
  write_text (compact, "{\"format\":\"convlab-design\",\"version\":1}");
  g_autofree char *compact_type = content_type (compact);
  g_assert_cmpstr (compact_type, ==, DESIGN_TYPE);
  g_unlink (lenet);
  g_unlink (compact);
}

/* The weight of the glob: other JSON files are not taken for designs. */
static void
test_other_json_stays_json (void)
{
  /* As the system's database alone says: an empty file is text. */
  static const struct { const char *text, *type; } cases[] = {
    { "{\"a\": 1}\n", "application/json" },
    { "{\"format\": \"something-else\", \"layers\": []}\n", "application/json" },
    { "[1, 2, 3]\n", "application/json" },
    { "", "text/plain" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = temp_file ("other.json");
      write_text (path, cases[i].text);
      g_autofree char *type = content_type (path);
      g_assert_cmpstr (type, ==, cases[i].type);
      g_unlink (path);
    }
  /* A design's text under another name is not a design either. */
  g_autofree char *text = temp_file ("design.txt");
  write_text (text, "{\"format\": \"convlab-design\"}\n");
  g_autofree char *text_type = content_type (text);
  g_assert_cmpstr (text_type, ==, "text/plain");
  g_unlink (text);
}

static void
test_model_recognised (void)
{
  g_autofree char *path = temp_file ("lenet.safetensors");
  g_autoptr(ClDesign) design = cl_design_new ("LeNet-5", cl_net_spec_new_lenet5 (), "fashion-mnist");
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (design->spec, 1, &error);

  g_assert_no_error (error);
  cl_net_init (net, 1);
  g_assert_true (cl_model_save (design, net, path, &error));
  g_assert_no_error (error);
  g_autofree char *type = content_type (path);
  g_assert_cmpstr (type, ==, MODEL_TYPE);
  g_unlink (path);
}

/* A safetensors file without ConvLab's metadata (PyTorch's, say) is not
 * offered to ConvLab, which could not open it. */
static void
test_other_safetensors (void)
{
  static const char header[] = "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
  g_autofree char *path = temp_file ("torch.safetensors");
  guint8 bytes[8 + sizeof header - 1 + 4] = { 0 };
  guint64 length = GUINT64_TO_LE (sizeof header - 1);

  memcpy (bytes, &length, 8);
  memcpy (bytes + 8, header, sizeof header - 1);
  g_assert_true (g_file_set_contents (path, (const char *) bytes, sizeof bytes, NULL));
  g_autofree char *type = content_type (path);
  g_assert_cmpstr (type, ==, "application/x-safetensors");
  g_assert_false (g_content_type_is_a (type, MODEL_TYPE));
  g_unlink (path);
}

static void
test_desktop_file_opens_both (void)
{
  g_autoptr(GKeyFile) desktop = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  const char *group = G_KEY_FILE_DESKTOP_GROUP;

  g_assert_true (g_key_file_load_from_file (desktop, g_getenv ("CL_DESKTOP_FILE"),
                                            G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  /* %F: several files at once, each in a window of its own. */
  g_autofree char *exec = g_key_file_get_string (desktop, group, G_KEY_FILE_DESKTOP_KEY_EXEC,
                                                 &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, "convlab %F");
  g_auto(GStrv) types = g_key_file_get_string_list (desktop, group,
                                                    G_KEY_FILE_DESKTOP_KEY_MIME_TYPE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *) types, DESIGN_TYPE));
  g_assert_true (g_strv_contains ((const char * const *) types, MODEL_TYPE));
  g_assert_cmpuint (g_strv_length (types), ==, 2);
}

/* The file manager names the types in the user's language: the installed
 * entries carry the French comments of po/fr.po. */
static void
test_comments_translated (void)
{
  g_autofree char *text = NULL;

  g_assert_true (g_file_get_contents (g_getenv ("CL_MIME_FILE"), &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "<comment xml:lang=\"fr\">Conception de réseau ConvLab</comment>"));
  g_assert_nonnull (strstr (text, "<comment xml:lang=\"fr\">Modèle entraîné ConvLab</comment>"));
}

/* update-mime-database parses the entries strictly: any complaint (an
 * unknown element, a bad magic value) fails the test. */
static void
build_mime_database (void)
{
  g_autofree char *packages = g_build_filename (data_dir, "mime", "packages", NULL);
  g_autofree char *target = g_build_filename (packages, "io.github.convlab.ConvLab.xml", NULL);
  g_autofree char *mime_dir = g_build_filename (data_dir, "mime", NULL);
  g_autofree char *text = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_assert_cmpint (g_mkdir_with_parents (packages, 0700), ==, 0);
  g_assert_true (g_file_get_contents (g_getenv ("CL_MIME_FILE"), &text, &length, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (target, text, length, &error));
  g_assert_no_error (error);

  const char *argv[] = { g_getenv ("CL_UPDATE_MIME_DATABASE"), "-V", mime_dir, NULL };
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* -V lists what it read; a warning would name our file. */
  g_assert_null (strstr (err, "Warning"));
  g_assert_null (strstr (err, "Error"));
  g_assert_null (strstr (err, "Unknown"));
  g_autofree char *types = g_build_filename (mime_dir, "types", NULL);
  g_autofree char *listed = NULL;
  g_assert_true (g_file_get_contents (types, &listed, NULL, NULL));
  g_assert_nonnull (strstr (listed, DESIGN_TYPE "\n"));
  g_assert_nonnull (strstr (listed, MODEL_TYPE "\n"));
}

static void
remove_tree (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);

  if (dir != NULL)
    {
      const char *name;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_dir_close (dir);
    }
  g_remove (path);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;

  data_dir = g_dir_make_tmp ("convlab-mime-XXXXXX", &error);
  g_assert_no_error (error);
  /* Our database and the system's (application/json, text/plain), nothing
   * from the user's home. */
  g_autofree char *dirs = g_strconcat (data_dir, ":/usr/local/share:/usr/share", NULL);
  g_setenv ("XDG_DATA_DIRS", dirs, TRUE);
  g_autofree char *home = g_build_filename (data_dir, "home", NULL);
  g_setenv ("XDG_DATA_HOME", home, TRUE);

  g_test_init (&argc, &argv, NULL);
  build_mime_database ();
  g_test_add_func ("/files/mime/design", test_design_recognised);
  g_test_add_func ("/files/mime/other-json", test_other_json_stays_json);
  g_test_add_func ("/files/mime/model", test_model_recognised);
  g_test_add_func ("/files/mime/other-safetensors", test_other_safetensors);
  g_test_add_func ("/files/mime/translated", test_comments_translated);
  g_test_add_func ("/files/desktop/opens-designs-and-models", test_desktop_file_opens_both);

  int result = g_test_run ();
  remove_tree (data_dir);
  g_free (data_dir);
  return result;
}
