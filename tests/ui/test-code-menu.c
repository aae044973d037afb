/* File → Export as PyTorch… and Export as ONNX…: in the primary menu, a
 * file chooser that writes where the user says, the script of the design
 * being edited, and ONNX with the run's weights once there is a run. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cl-app-training.h"
#include "cl-app-window.h"
#include "engine/design-file.h"
#include "tests/under-asan.h"
#include "tests/use-language.h"
#include "ui-harness.h"
#include "ui-training.h"

#if CL_TEST_UNDER_ASAN
/* This test opens GtkFileChooser dialogs, which make more than 2048 quarks;
 * GLib then drops its first quark block by design, and only whole stacks
 * let the suppression (_dl_init) name it: unwind slowly in this binary, as
 * tests/ui/test-leave.c does. */
const char *__asan_default_options (void);
const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}
#endif

static ClAppApplication *app;

static ClAppWindow *
window (void)
{
  return CL_APP_WINDOW (cl_test_ui_main_window (app));
}

/* The button of the menu that saves models: the primary menu. */
static GtkMenuButton *
find_primary_button (GtkWidget *root)
{
  return cl_test_ui_find_menu_button (root, "win.save-model");
}

/* A step taken: weights that are no longer the initial ones. */
static gboolean
stepped (gpointer data)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (cl_app_window_get_training (window ()));
  return s != NULL && s->step >= 1;
}

static gboolean
chooser_shown (gpointer data)
{
  return cl_test_ui_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG) != NULL;
}

static gboolean
has_folder (gpointer chooser)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (chooser);
  return folder != NULL;
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

/* The action as the menu runs it, answered in its file chooser. */
static void
export_through_chooser (const char *action, const char *dir, const char *name)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), action, NULL));
  g_assert_true (cl_test_ui_wait_until (chooser_shown, NULL, 10000));
  GtkWindow *chooser = cl_test_ui_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  /* It offers the document's name with the right extension. */
  g_autofree char *offered = gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser));
  g_assert_true (g_str_has_suffix (offered, g_str_has_suffix (name, ".py") ? ".py" : ".onnx"));
  /* It starts beside the document, in the folder the test saved it in.  Its
   * loading must end first (changing folders under it cancels it, and the
   * chooser then says so in a dialog). */
  g_assert_true (cl_test_ui_wait_until (has_folder, chooser, 5000));
  cl_test_ui_spin (300);
  g_autoptr(GFile) start = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
  g_autofree char *start_path = g_file_get_path (start);
  g_assert_cmpstr (start_path, ==, dir);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  cl_test_ui_spin (100);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_assert_true (cl_test_ui_wait_until (file_exists, path, 10000));
  g_assert_null (cl_test_ui_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
}

static void
test_menu_and_files (void)
{
  GtkMenuButton *button = find_primary_button (GTK_WIDGET (window ()));
  g_assert_nonnull (button);
  GMenuModel *menu = gtk_menu_button_get_menu_model (button);
  g_assert_true (cl_test_ui_menu_has_action (menu, "win.export-pytorch"));
  g_assert_true (cl_test_ui_menu_has_action (menu, "win.export-onnx"));
  /* As a user sees it (a popover is a surface of its own). */
  gtk_menu_button_popup (button);
  cl_test_ui_spin (300);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (gtk_menu_button_get_popover (button)),
                                                         "menu-export-code.png") });
  gtk_menu_button_popdown (button);

  /* The example from a folder of its own: the choosers start beside it. */
  g_autofree char *dir = g_dir_make_tmp ("convlab-code-XXXXXX", NULL);
  g_autofree char *example = g_build_filename (g_getenv ("CL_SOURCE_ROOT"), "data", "designs", "xor.json", NULL);
  g_autoptr(ClDesign) design = cl_design_load (example, NULL);
  g_assert_nonnull (design);
  g_autofree char *xor = g_build_filename (dir, "xor.json", NULL);
  g_assert_true (cl_design_save (design, xor, NULL));
  g_autoptr(GFile) xor_file = g_file_new_for_path (xor);
  g_assert_true (cl_app_window_open_file (window (), xor_file));
  g_assert_true (cl_test_ui_wait_can_train (cl_app_window_get_training (window ()), 30000));

  export_through_chooser ("win.export-pytorch", dir, "xor.py");
  g_autofree char *py = g_build_filename (dir, "xor.py", NULL);
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (py, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "class Net(nn.Module)"));
  g_assert_nonnull (strstr (text, "\"dense\": nn.Linear(2, 8, bias=True)"));

  /* No run yet: ONNX with the weights as initialised. */
  export_through_chooser ("win.export-onnx", dir, "initial.onnx");
  g_autofree char *initial_path = g_build_filename (dir, "initial.onnx", NULL);
  g_autofree char *initial = NULL;
  gsize initial_size;
  g_assert_true (g_file_get_contents (initial_path, &initial, &initial_size, NULL));

  /* After a step, the run's weights. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.step", NULL));
  g_assert_true (cl_test_ui_wait_until (stepped, NULL, 30000));
  g_autofree char *stepped_path = g_build_filename (dir, "stepped.onnx", NULL);
  g_autoptr(GFile) stepped_file = g_file_new_for_path (stepped_path);
  g_assert_true (cl_app_window_export_code_file (window (), stepped_file, TRUE));
  g_autofree char *stepped = NULL;
  gsize stepped_size;
  g_assert_true (g_file_get_contents (stepped_path, &stepped, &stepped_size, NULL));
  g_assert_cmpuint (stepped_size, ==, initial_size);
  g_assert_true (memcmp (stepped, initial, initial_size) != 0);

  /* A folder is not a file to write over: refused, nothing replaced. */
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_assert_false (cl_app_window_export_code_file (window (), folder, FALSE));
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));

  for (const char *f = "xor.json\0xor.py\0initial.onnx\0stepped.onnx\0"; *f; f += strlen (f) + 1)
    {
      g_autofree char *path = g_build_filename (dir, f, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  /* As main.c does, with the catalogue of the build tree: run with
   * LANGUAGE=fr, the screenshot shows the French menu. */
  cl_test_use_language (NULL);
  cl_test_ui_init (&argc, &argv);
  g_autofree char *autosave = g_build_filename (g_get_user_data_dir (), "convlab", "autosave.json", NULL);
  g_unlink (autosave);
  app = cl_test_ui_start_app ();

  g_test_add_func ("/ui/code-export/menu-and-files", test_menu_and_files);

  int status = g_test_run ();
  /* The step made a run: leave without the prompt about it. */
  cl_app_training_forget (cl_app_window_get_training (window ()));
  cl_test_ui_stop_app (app);
  g_object_unref (app);
  return status;
}
