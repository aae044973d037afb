/* Leaving a document: an example, New, Open and Close all go through one
 * "may I leave?" step that asks before unsaved changes or unsaved epochs
 * are lost; an example opens untitled, so Save never writes it over the
 * file the window had before; the panels forget the old run; file
 * choosers start beside the document. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cl-app-document.h"
#include "cl-app-palette.h"
#include "cl-app-panels.h"
#include "cl-app-snapshot-view.h"
#include "cl-app-training-panel.h"
#include "cl-app-training.h"
#include "cl-app-window.h"
#include "ui-harness.h"
#include "ui-training.h"
#include "tests/under-asan.h"

#if CL_TEST_UNDER_ASAN
/* These tests open GtkFileChooser dialogs, which make more than 2048
 * quarks; GLib then drops its first quark block by design, and
 * LeakSanitizer reports it.  Only whole stacks show that block came from
 * GLib's constructor (tools/lib/lsan-suppressions.txt, _dl_init), and GLib
 * has no frame pointers: unwind slowly here, in this binary alone (the
 * environment's ASAN_OPTIONS, which do not name this option, still apply). */
const char *__asan_default_options (void);
const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}
#endif

static ClAppApplication *app;
static char *tmp_dir;

static ClAppWindow *
window (void)
{
  return CL_APP_WINDOW (cl_test_ui_main_window (app));
}

static ClAppDocument *
document (void)
{
  return cl_app_window_get_document (window ());
}

static ClAppTraining *
training (void)
{
  return cl_app_window_get_training (window ());
}

static const ClSnapshot *
snapshot (void)
{
  return cl_app_training_get_snapshot (training ());
}

static char *
design_path (const char *name)
{
  return g_build_filename (g_getenv ("CL_SOURCE_ROOT"), "data", "designs", name, NULL);
}

static gboolean
finished (gpointer data)
{
  const ClSnapshot *s = snapshot ();
  return s != NULL && s->state == CL_TRAINER_FINISHED
         && !cl_app_training_get_running (training ());
}

static gboolean
window_shown (gpointer type)
{
  return cl_test_ui_find_window ((GType) GPOINTER_TO_SIZE (type)) != NULL;
}

/* The window of `type` that an action just presented. */
static GtkWindow *
wait_for_window (GType type)
{
  g_assert_true (cl_test_ui_wait_until (window_shown, GSIZE_TO_POINTER (type), 10000));
  return cl_test_ui_find_window (type);
}

static void
answer_prompt (const char *response)
{
  GtkWindow *prompt = wait_for_window (ADW_TYPE_MESSAGE_DIALOG);

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (prompt), response);
  gtk_window_destroy (prompt);
  cl_test_ui_spin (50);
}

static gboolean
has_folder (gpointer chooser)
{
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (chooser);
  return folder != NULL;
}

/* The folder a file chooser opened in, and closes it. */
static char *
chooser_folder_then_cancel (void)
{
  GtkWindow *chooser = wait_for_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  cl_test_ui_wait_until (has_folder, chooser, 5000);
  g_autoptr(GFile) folder = gtk_file_chooser_get_current_folder (GTK_FILE_CHOOSER (chooser));
  char *path = folder != NULL ? g_file_get_path (folder) : NULL;

  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  cl_test_ui_spin (100);
  g_assert_null (cl_test_ui_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
  return path;
}

/* Clicks an example in the palette as a user does (row activation). */
static void
click_example (const char *file_name)
{
  GtkWidget *palette = cl_test_ui_find_by_type (GTK_WIDGET (window ()), CL_APP_TYPE_PALETTE);
  GtkWidget *list = NULL, *row = NULL;

  /* The examples' list box holds the rows that carry a path. */
  for (GtkWidget *w = cl_test_ui_find_by_type (palette, GTK_TYPE_LIST_BOX); w != NULL && row == NULL;
       w = gtk_widget_get_next_sibling (w))
    if (GTK_IS_LIST_BOX (w))
      for (GtkWidget *r = gtk_widget_get_first_child (w); r != NULL; r = gtk_widget_get_next_sibling (r))
        {
          const char *path = g_object_get_data (G_OBJECT (r), "cl-path");
          if (path != NULL && g_str_has_suffix (path, file_name))
            {
              list = w;
              row = r;
              break;
            }
        }
  g_assert_nonnull (row);
  g_signal_emit_by_name (list, "row-activated", row);
}

/* The first descendant of `root` that is a GtkActionable bound to
 * `action`, or a label styled `css_class` when action is NULL. */
static GtkWidget *
find_widget (GtkWidget *root, const char *action, const char *css_class)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (action != NULL && GTK_IS_ACTIONABLE (child)
          && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        return child;
      if (css_class != NULL && GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, css_class))
        return child;
      GtkWidget *found = find_widget (child, action, css_class);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
open_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_assert_true (cl_app_window_open_file (window (), file));
}

static char *
read_file (const char *path)
{
  char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  return text;
}

/* Issue 15, item 6: my.json saved, an example clicked, Ctrl+S: the example
 * must not overwrite my.json, nor the save prompt's default button. */
static void
test_example_is_untitled (void)
{
  g_autofree char *xor = design_path ("xor.json");
  g_autofree char *lenet = design_path ("lenet5.json");
  g_autofree char *mine = g_build_filename (tmp_dir, "my.json", NULL);
  g_autoptr(GFile) mine_file = g_file_new_for_path (mine);

  open_path (xor);
  g_assert_true (cl_app_window_save_as_file (window (), mine_file));
  g_autofree char *saved = read_file (mine);

  click_example ("lenet5.json");
  g_assert_null (cl_app_document_get_file (document ()));
  g_assert_false (cl_app_document_get_dirty (document ()));
  g_assert_cmpstr (cl_app_document_get_design (document ())->name, ==, "LeNet-5");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window ())), ==, "LeNet-5 – ConvLab");

  /* Ctrl+S asks where (beside my.json), and writes nothing meanwhile. */
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.save", NULL);
  g_autofree char *folder = chooser_folder_then_cancel ();
  g_assert_cmpstr (folder, ==, tmp_dir);
  g_autofree char *after_save = read_file (mine);
  g_assert_cmpstr (after_save, ==, saved);

  /* An edit, then New: the prompt's default button (Save) asks where too. */
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.insert-layer", "s", "ReLU");
  g_assert_true (cl_app_document_get_dirty (document ()));
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.new", NULL);
  answer_prompt ("save");
  g_free (chooser_folder_then_cancel ());
  g_autofree char *after_new = read_file (mine);
  g_assert_cmpstr (after_new, ==, saved);
  /* Cancelled: still the edited example. */
  g_assert_cmpstr (cl_app_document_get_design (document ())->name, ==, "LeNet-5");
  g_assert_true (cl_app_document_get_dirty (document ()));

  /* Discard: New goes on. */
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.new", NULL);
  answer_prompt ("discard");
  g_assert_cmpint (cl_app_document_get_n_layers (document ()), ==, 0);
  g_assert_null (cl_app_document_get_file (document ()));
  (void) lenet;
}

/* Issue 15, item 18: Open, Save As and Save Trained Network start beside
 * the document, not in the directory the tests were started from. */
static void
test_choosers_start_beside_the_document (void)
{
  g_autofree char *xor = design_path ("xor.json");
  g_autofree char *sub = g_build_filename (tmp_dir, "class", NULL);
  g_autofree char *mine = g_build_filename (sub, "xor-copy.json", NULL);
  g_autoptr(GFile) mine_file = g_file_new_for_path (mine);
  g_autofree char *cwd = g_get_current_dir ();

  g_assert_cmpint (g_mkdir_with_parents (sub, 0700), ==, 0);
  g_assert_cmpstr (cwd, !=, sub);
  open_path (xor);
  g_assert_true (cl_app_window_save_as_file (window (), mine_file));

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.open", NULL);
  g_autofree char *open_folder = chooser_folder_then_cancel ();
  g_assert_cmpstr (open_folder, ==, sub);

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.save-as", NULL);
  g_autofree char *save_folder = chooser_folder_then_cancel ();
  g_assert_cmpstr (save_folder, ==, sub);

  g_assert_true (cl_test_ui_wait_can_train (training (), 30000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.step", NULL));
  cl_test_ui_spin (300);
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.save-model", NULL);
  g_autofree char *model_folder = chooser_folder_then_cancel ();
  g_assert_cmpstr (model_folder, ==, sub);

  g_unlink (mine);
  g_rmdir (sub);
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static gboolean
example_loaded (gpointer name)
{
  return g_strcmp0 (cl_app_document_get_design (document ())->name, name) == 0;
}

static ClAppSnapshotView *
panel_view (const char *panel)
{
  AdwViewStack *stack = ADW_VIEW_STACK (cl_test_ui_find_by_type (GTK_WIDGET (window ()), ADW_TYPE_VIEW_STACK));
  GtkWidget *page = adw_view_stack_get_child_by_name (stack, panel);

  adw_view_stack_set_visible_child_name (stack, panel);
  return CL_APP_SNAPSHOT_VIEW (cl_test_ui_find_by_type (page, CL_APP_TYPE_SNAPSHOT_VIEW));
}

/* XOR trained to its end: epochs that no file holds. */
static void
train_xor (int epochs)
{
  g_autofree char *xor = design_path ("xor.json");

  open_path (xor);
  ClTrainSettings train = *cl_net_spec_peek_train (cl_app_document_get_spec (document ()));
  train.epochs = epochs;
  train.speed = 0;   /* full speed: the example's slow motion is not what this tests */
  cl_app_document_set_train (document (), &train);
  g_assert_true (cl_test_ui_wait_can_train (training (), 30000));
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.play-pause", NULL);
  g_assert_true (cl_test_ui_wait_until (finished, NULL, 60000));
  g_assert_cmpint (cl_app_training_get_unsaved_epochs (training ()), ==, epochs);
}

/* Issue 15, items 7 and 14: an example, New or Open while a run has
 * unsaved epochs asks first, as closing does; once answered, the panels
 * no longer show the old network's pictures. */
static void
test_trained_run_asks_before_leaving (void)
{
  const char *actions[] = { "win.new", "win.open" };

  train_xor (5);
  g_autofree char *mine = g_build_filename (tmp_dir, "xor.json", NULL);
  g_autoptr(GFile) mine_file = g_file_new_for_path (mine);
  g_assert_true (cl_app_window_save_as_file (window (), mine_file));   /* only the run is unsaved */
  ClAppSnapshotView *filters = panel_view ("filters");
  g_assert_nonnull (cl_app_snapshot_view_get_snapshot (filters));

  /* Cancel keeps everything: the design, the run, its pictures. */
  click_example ("lenet5.json");
  GtkWindow *prompt = wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (prompt)), "5 epochs"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (prompt));
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (prompt), "leave-unsaved-run.png") });
  answer_prompt ("cancel");
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (window ()), actions[i], NULL);
      answer_prompt ("cancel");
      g_assert_null (cl_test_ui_find_window (GTK_TYPE_FILE_CHOOSER_DIALOG));
    }
  g_assert_cmpstr (cl_app_document_get_design (document ())->name, ==, "XOR 2-8-1");
  g_assert_nonnull (snapshot ());
  g_assert_cmpint (snapshot ()->epoch, ==, 5);

  /* Save… writes the model, then the example opens. */
  click_example ("lenet5.json");
  answer_prompt ("save");
  GtkWindow *chooser = wait_for_window (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_autofree char *model = g_build_filename (tmp_dir, "xor-run.safetensors", NULL);
  g_autoptr(GFile) folder = g_file_new_for_path (tmp_dir);
  g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), "xor-run.safetensors");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  g_assert_true (cl_test_ui_wait_until (file_exists, model, 10000));
  g_assert_true (cl_test_ui_wait_until (example_loaded, "LeNet-5", 10000));

  /* The old run is gone from every panel. */
  g_assert_null (snapshot ());
  g_assert_cmpint (cl_app_training_get_unsaved_epochs (training ()), ==, 0);
  g_assert_null (cl_app_snapshot_view_get_snapshot (filters));
  g_assert_null (cl_app_snapshot_view_get_snapshot (panel_view ("curves")));
  g_assert_null (cl_app_snapshot_view_get_snapshot (panel_view ("landscape")));
  cl_test_ui_spin (200);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), "leave-after-example.png") });

  /* Both unsaved: the design's changes asked first, then the run's
   * epochs; Discard twice and New goes on, the panels empty. */
  train_xor (3);
  g_assert_true (cl_app_document_get_dirty (document ()));
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.new", NULL);
  GtkWindow *design_prompt = wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (design_prompt)),
                            "changes"));
  answer_prompt ("discard");
  GtkWindow *run_prompt = wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (run_prompt)),
                            "3 epochs"));
  answer_prompt ("discard");
  g_assert_cmpint (cl_app_document_get_n_layers (document ()), ==, 0);
  g_assert_null (snapshot ());
  g_assert_null (cl_app_snapshot_view_get_snapshot (panel_view ("filters")));
  g_unlink (model);
  g_unlink (mine);
}

static gboolean
epoch_is (gpointer epoch)
{
  const ClSnapshot *s = snapshot ();
  return s != NULL && s->epoch == GPOINTER_TO_INT (epoch);
}

/* Issue 15, item 7, the other ways of leaving a run: Play after an edit
 * (a new run from new weights) and Reset ask before the trained weights
 * go; a diverged run's Reset does not (its weights are worthless). */
static void
test_new_run_asks_before_dropping_weights (void)
{
  train_xor (4);
  cl_app_document_set_setting (document (), 0, "units", 9);
  g_assert_true (cl_app_training_get_stale (training ()));

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.play-pause", NULL);
  GtkWindow *prompt = wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (prompt)), "4 epochs"));
  answer_prompt ("cancel");
  g_assert_true (cl_app_training_get_stale (training ()));
  g_assert_cmpint (snapshot ()->epoch, ==, 4);
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.step", NULL);
  answer_prompt ("cancel");
  g_assert_true (cl_app_training_get_stale (training ()));

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.play-pause", NULL);
  answer_prompt ("discard");
  g_assert_false (cl_app_training_get_stale (training ()));
  g_assert_true (cl_test_ui_wait_until (finished, NULL, 60000));

  /* Reset: asked, cancelled, then given up. */
  int epochs = snapshot ()->epoch;
  g_assert_cmpint (cl_app_training_get_unsaved_epochs (training ()), >, 0);
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.reset", NULL);
  answer_prompt ("cancel");
  g_assert_cmpint (snapshot ()->epoch, ==, epochs);
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.reset", NULL);
  answer_prompt ("discard");
  g_assert_true (cl_test_ui_wait_until (epoch_is, GINT_TO_POINTER (0), 10000));
  g_assert_cmpint (cl_app_training_get_unsaved_epochs (training ()), ==, 0);
}

/* Issue 15, item 6: the autosave restored is a new untitled document with
 * changes to save, not the content of the file the window had open. */
static void
test_restore_is_untitled (void)
{
  g_autofree char *xor = design_path ("xor.json");
  g_autofree char *lenet = design_path ("lenet5.json");
  g_autofree char *autosave = g_build_filename (g_get_user_data_dir (), "convlab", "autosave.json", NULL);
  g_autoptr(ClDesign) unsaved = cl_design_load (lenet, NULL);

  cl_app_training_forget (training ());
  open_path (xor);
  g_autofree char *dir = g_path_get_dirname (autosave);
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (cl_design_save (unsaved, autosave, NULL));

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.restore-autosave", NULL);
  g_assert_cmpstr (cl_app_document_get_design (document ())->name, ==, "LeNet-5");
  g_assert_null (cl_app_document_get_file (document ()));
  g_assert_true (cl_app_document_get_dirty (document ()));
  g_unlink (autosave);
}

/* Issue 15, item 14: no Softmax at the end is not "Ready": Play is off and
 * says why, as for any design error. */
static void
test_no_final_softmax_is_not_ready (void)
{
  g_autofree char *lenet = design_path ("lenet5.json");

  open_path (lenet);
  g_assert_true (cl_test_ui_wait_can_train (training (), 30000));
  int n = cl_app_document_get_n_layers (document ());
  cl_app_document_remove_layer (document (), n - 1);
  /* Marked on the layer, as any design error. */
  g_assert_cmpint (cl_app_document_get_failed_layer (document ()), ==, n - 2);
  g_assert_nonnull (strstr (cl_app_document_get_error (document ()), "Softmax"));

  g_assert_false (cl_app_training_get_can_train (training ()));
  g_assert_nonnull (strstr (cl_app_training_get_why_not (training ()), "Softmax"));
  GtkWidget *play = find_widget (GTK_WIDGET (window ()), "win.play-pause", NULL);
  g_assert_nonnull (play);
  g_assert_false (gtk_widget_is_sensitive (play));
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (play), "Softmax"));
  GtkWidget *panel = cl_test_ui_find_by_type (GTK_WIDGET (window ()), CL_APP_TYPE_TRAINING_PANEL);
  GtkWidget *state = find_widget (panel, NULL, "title-1");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (state)), ==, "Not ready");
  cl_test_ui_spin (200);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), "leave-no-softmax.png") });

  /* Put back: ready again. */
  cl_app_document_undo (document ());
  g_assert_true (cl_test_ui_wait_can_train (training (), 10000));
}

int
main (int argc, char **argv)
{
  cl_test_ui_init (&argc, &argv);
  g_autofree char *autosave = g_build_filename (g_get_user_data_dir (), "convlab", "autosave.json", NULL);
  g_unlink (autosave);
  tmp_dir = g_dir_make_tmp ("convlab-leave-XXXXXX", NULL);
  app = cl_test_ui_start_app ();

  g_test_add_func ("/ui/leave/example-is-untitled", test_example_is_untitled);
  g_test_add_func ("/ui/leave/choosers-start-beside-the-document",
                   test_choosers_start_beside_the_document);
  g_test_add_func ("/ui/leave/trained-run-asks-before-leaving",
                   test_trained_run_asks_before_leaving);
  g_test_add_func ("/ui/leave/new-run-asks-before-dropping-weights",
                   test_new_run_asks_before_dropping_weights);
  g_test_add_func ("/ui/leave/restore-is-untitled", test_restore_is_untitled);
  g_test_add_func ("/ui/leave/no-final-softmax-is-not-ready", test_no_final_softmax_is_not_ready);

  int status = g_test_run ();
  /* Nothing left to ask about on the way out. */
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.new", NULL);
  if (cl_test_ui_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL)
    answer_prompt ("discard");
  cl_test_ui_stop_app (app);
  g_autofree char *mine = g_build_filename (tmp_dir, "my.json", NULL);
  g_unlink (mine);
  g_rmdir (tmp_dir);
  g_object_unref (app);
  return status;
}
