/* Files given to the application: `convlab a.json b.safetensors` (and the
 * file manager, through the desktop file's %F) opens each in a window of
 * its own; a file that cannot be opened is said, never a crash.
 *
 * The command line is tried on the real binary, its windows found on the
 * virtual display by title with xdotool; what a window says about a bad file
 * is checked in process, through the same GApplication::open. */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cl-app-window.h"
#include "engine/design-file.h"
#include "engine/model-file.h"
#include "engine/net.h"
#include "ui-harness.h"

static char *
example (const char *name)
{
  return g_build_filename (g_getenv ("CL_SOURCE_ROOT"), "data", "designs", name, NULL);
}

/* How many visible windows on the display have exactly this title. */
static int
count_windows (const char *title)
{
  g_autofree char *pattern = g_strdup_printf ("^%s$", title);
  g_autofree char *out = NULL;
  const char *argv[] = { "xdotool", "search", "--onlyvisible", "--name", pattern, NULL };
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, NULL))
    return -1;
  g_auto(GStrv) ids = g_strsplit (out, "\n", -1);
  int n = 0;
  for (char **id = ids; *id != NULL; id++)
    n += **id != '\0';
  return n;
}

typedef struct
{
  const char *title;
  int count;
} Expect;

static gboolean
windows_shown (gpointer data)
{
  for (Expect *e = data; e->title != NULL; e++)
    if (count_windows (e->title) != e->count)
      return FALSE;
  return TRUE;
}

/* Waits (long: the machine may be loaded) until the display shows the
 * windows expected; the application must still be running then. */
static void
run_app_and_expect (const char * const *files, Expect *expect)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CL_APP_BINARY"));
  for (const char * const *f = files; *f != NULL; f++)
    g_ptr_array_add (argv, (gpointer) *f);
  g_ptr_array_add (argv, NULL);

  g_autoptr(GSubprocess) app = g_subprocess_newv ((const char * const *) argv->pdata,
                                                  G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  gboolean shown = FALSE;
  /* The identifier goes once the process has ended. */
  for (int i = 0; i < 600 && !shown && g_subprocess_get_identifier (app) != NULL; i++)
    {
      shown = windows_shown (expect);
      if (!shown)
        g_usleep (100000);
    }
  g_assert_nonnull (g_subprocess_get_identifier (app));
  g_assert_true (shown);
  g_subprocess_force_exit (app);
  g_subprocess_wait (app, NULL, NULL);
}

static gboolean
skip_without_xdotool (void)
{
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");

  if (xdotool == NULL)
    g_test_skip ("xdotool is not installed");
  return xdotool == NULL;
}

static void
test_command_line_one_design (void)
{
  g_autofree char *lenet = example ("lenet5.json");
  const char *files[] = { lenet, NULL };
  Expect expect[] = { { "LeNet-5 – ConvLab", 1 }, { ".* – ConvLab", 1 }, { NULL } };

  if (!skip_without_xdotool ())
    run_app_and_expect (files, expect);
}

static void
test_command_line_two_files (void)
{
  g_autofree char *lenet = example ("lenet5.json");
  g_autofree char *xor = example ("xor.json");
  const char *files[] = { lenet, xor, NULL };
  Expect expect[] = { { "LeNet-5 – ConvLab", 1 }, { "XOR 2-8-1 – ConvLab", 1 },
                      { ".* – ConvLab", 2 }, { NULL } };

  if (!skip_without_xdotool ())
    run_app_and_expect (files, expect);
}

/* A missing file on the command line: the application stays up and shows
 * an untitled window (whose toast says why, checked below). */
static void
test_command_line_missing_file (void)
{
  const char *files[] = { "/nonexistent/missing-network.json", NULL };
  Expect expect[] = { { "Untitled network – ConvLab", 1 }, { ".* – ConvLab", 1 }, { NULL } };

  if (!skip_without_xdotool ())
    run_app_and_expect (files, expect);
}

/* The first label under `root` whose text contains `text`. */
static GtkWidget *
find_label_containing (GtkWidget *root, const char *text)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_text (GTK_LABEL (root)), text) != NULL)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_containing (child, text);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static ClAppApplication *
start_app_without_window (void)
{
  g_autoptr(GError) error = NULL;
  ClAppApplication *app = cl_app_application_new ();

  /* Tests run side by side: no single-instance forwarding over D-Bus. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

static void
open_paths (ClAppApplication *app, const char * const *paths, int n)
{
  GFile *files[8];

  g_assert_cmpint (n, <=, (int) G_N_ELEMENTS (files));
  for (int i = 0; i < n; i++)
    files[i] = g_file_new_for_path (paths[i]);
  g_application_open (G_APPLICATION (app), files, n, "");
  for (int i = 0; i < n; i++)
    g_object_unref (files[i]);
  cl_test_ui_spin (200);
}

static int
n_windows (ClAppApplication *app)
{
  return g_list_length (gtk_application_get_windows (GTK_APPLICATION (app)));
}

/* A bad file between good ones: its name is said in a window, the good
 * ones open each in its own, and no window is left empty without a reason. */
static void
test_bad_file_is_said (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-open-XXXXXX", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken-network.json", NULL);
  g_autofree char *model = g_build_filename (dir, "trained-xor.safetensors", NULL);
  g_autofree char *lenet = example ("lenet5.json");
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (broken, "{ \"format\": \"convlab-design\", \"layers\": [",
                                      -1, NULL));
  /* A model as Save Trained Network writes it. */
  g_autofree char *xor = example ("xor.json");
  g_autoptr(ClDesign) design = cl_design_load (xor, &error);
  g_assert_no_error (error);
  g_autoptr(ClNet) net = cl_net_new (design->spec, 1, &error);
  g_assert_no_error (error);
  cl_net_init (net, 1);
  g_assert_true (cl_model_save (design, net, model, &error));
  g_assert_no_error (error);

  ClAppApplication *app = start_app_without_window ();

  /* The broken file is said in the window that then takes the model. */
  const char *first[] = { broken, model, lenet };
  open_paths (app, first, 3);
  g_assert_cmpint (n_windows (app), ==, 2);
  gboolean said = FALSE;
  gboolean model_shown = FALSE;
  gboolean lenet_shown = FALSE;
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    {
      GtkWindow *window = l->data;
      const char *title = gtk_window_get_title (window);
      g_test_message ("window: %s", title);
      said |= find_label_containing (GTK_WIDGET (window), "broken-network.json") != NULL;
      if (g_str_has_prefix (title, "XOR 2-8-1 – "))
        {
          model_shown = TRUE;
          /* A model is not a design file: its window has no file to save to. */
          g_assert_null (cl_app_document_get_file (cl_app_window_get_document (CL_APP_WINDOW (window))));
        }
      lenet_shown |= g_str_has_prefix (title, "LeNet-5 – ");
    }
  g_assert_true (said);
  g_assert_true (model_shown);
  g_assert_true (lenet_shown);

  /* Alone, a bad file still gets a window that says why it is empty. */
  const char *alone[] = { "/nonexistent/missing-network.json" };
  open_paths (app, alone, 1);
  g_assert_cmpint (n_windows (app), ==, 3);
  GtkWindow *newest = gtk_application_get_windows (GTK_APPLICATION (app))->data;
  g_assert_cmpstr (gtk_window_get_title (newest), ==, "Untitled network – ConvLab");
  g_assert_nonnull (find_label_containing (GTK_WIDGET (newest), "missing-network.json"));

  cl_test_ui_stop_app (app);
  g_object_unref (app);
  g_unlink (broken);
  g_unlink (model);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  cl_test_ui_init (&argc, &argv);
  g_test_add_func ("/ui/open/command-line/one-design", test_command_line_one_design);
  g_test_add_func ("/ui/open/command-line/two-files", test_command_line_two_files);
  g_test_add_func ("/ui/open/command-line/missing-file", test_command_line_missing_file);
  g_test_add_func ("/ui/open/bad-file-is-said", test_bad_file_is_said);
  return g_test_run ();
}
