/* A trained network saved from the window and opened again: the panels
 * show it as it was saved — weights, curves, landscape — and training goes
 * on from there. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cl-app-snapshot-view.h"
#include "cl-app-training.h"
#include "cl-app-window.h"
#include "engine/model-file.h"
#include "engine/safetensors.h"
#include "ui-harness.h"
#include "ui-training.h"

static ClAppApplication *app;

static ClAppWindow *
window (void)
{
  return CL_APP_WINDOW (cl_test_ui_main_window (app));
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

static GtkWidget *
show_panel (const char *name)
{
  AdwViewStack *stack = ADW_VIEW_STACK (cl_test_ui_find_by_type (GTK_WIDGET (window ()), ADW_TYPE_VIEW_STACK));

  adw_view_stack_set_visible_child_name (stack, name);
  return adw_view_stack_get_child_by_name (stack, name);
}

static gboolean
drew_newest (gpointer view)
{
  const ClSnapshot *s = cl_app_snapshot_view_get_snapshot (view);
  return s != NULL && cl_app_snapshot_view_get_drawn_version (view) == s->version;
}

static void
screenshot_panel (const char *panel, const char *name)
{
  GtkWidget *page = show_panel (panel);
  ClAppSnapshotView *view = CL_APP_SNAPSHOT_VIEW (cl_test_ui_find_by_type (page, CL_APP_TYPE_SNAPSHOT_VIEW));

  g_assert_true (cl_test_ui_wait_until (drew_newest, view, 10000));
  cl_test_ui_spin (200);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), name) });
}

static gboolean
finished (gpointer data)
{
  const ClSnapshot *s = snapshot ();
  return s != NULL && s->state == CL_TRAINER_FINISHED;
}

static gboolean
landscape_complete (gpointer data)
{
  const ClSnapshot *s = snapshot ();
  return s != NULL && s->landscape != NULL && !s->landscape_running;
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static gboolean
nothing_unsaved (gpointer data)
{
  return cl_app_training_get_unsaved_epochs (training ()) == 0;
}

typedef struct {
  guint64 step;
  int epoch;
  GBytes *params;
  float landscape_center;
} Saved;

/* The reopened model, evaluated on the data: as saved, with a confusion
 * matrix. */
static gboolean
reopened (gpointer data)
{
  const Saved *saved = data;
  const ClSnapshot *s = snapshot ();
  return s != NULL && s->step == saved->step && s->landscape != NULL && s->confusion != NULL
         && !cl_app_training_get_stale (training ());
}

static gboolean
stepped_once (gpointer data)
{
  const Saved *saved = data;
  const ClSnapshot *s = snapshot ();
  return s != NULL && s->step == saved->step + 1 && s->state == CL_TRAINER_PAUSED;
}

static void
open_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_assert_true (cl_app_window_open_file (window (), file));
}

static void
test_save_and_reopen (void)
{
  g_autofree char *xor = g_build_filename (g_getenv ("CL_SOURCE_ROOT"), "data", "designs",
                                           "xor.json", NULL);
  g_autofree char *other = g_build_filename (g_getenv ("CL_SOURCE_ROOT"), "data", "designs",
                                             "xor-2-2-1.json", NULL);
  g_autofree char *dir = g_dir_make_tmp ("convlab-model-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "xor.safetensors", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ClLandscapeOptions options;
  Saved saved;

  /* The example at full speed (it opens in slow motion for a class). */
  g_autoptr(ClDesign) full_speed = cl_design_load (xor, NULL);
  g_assert_nonnull (full_speed);
  cl_net_spec_get_train (full_speed->spec)->speed = 0;
  g_autofree char *xor_full = g_build_filename (dir, "xor.json", NULL);
  g_assert_true (cl_design_save (full_speed, xor_full, NULL));

  /* Nothing trained yet: nothing to save. */
  open_path (xor_full);
  g_assert_true (cl_test_ui_wait_can_train (training (), 30000));
  cl_app_window_save_model_file (window (), file);
  cl_test_ui_spin (300);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Train XOR to its end, compute a small landscape, save it all. */
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.play-pause", NULL);
  g_assert_true (cl_test_ui_wait_until (finished, NULL, 60000));
  cl_landscape_options_init (&options);
  options.resolution = 9;
  options.n_samples = 200;
  cl_app_training_compute_landscape (training (), &options, NULL);
  g_assert_true (cl_test_ui_wait_until (landscape_complete, NULL, 60000));
  /* Closing now would lose the trained weights: the window asks. */
  gtk_window_close (GTK_WINDOW (window ()));
  GtkWindow *prompt = cl_test_ui_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (prompt);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (prompt)), "epochs"));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (prompt));
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (prompt), "close-unsaved-training.png") });
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (prompt), "cancel");
  gtk_window_destroy (prompt);
  cl_test_ui_spin (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window ())));

  saved.step = snapshot ()->step;
  saved.epoch = snapshot ()->epoch;
  saved.params = g_bytes_new (snapshot ()->params, snapshot ()->n_params * sizeof (float));
  saved.landscape_center = snapshot ()->landscape->loss[4 * 9 + 4];
  g_assert_cmpint (saved.epoch, >, 0);
  cl_app_window_save_model_file (window (), file);
  g_assert_true (cl_test_ui_wait_until (file_exists, path, 10000));
  g_assert_true (cl_model_file_is_model (path));
  /* Saved: closing would not ask any more. */
  g_assert_true (cl_test_ui_wait_until (nothing_unsaved, NULL, 10000));

  /* Another network in between: the model's run is gone. */
  open_path (other);
  g_assert_true (cl_test_ui_wait_can_train (training (), 30000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.step", NULL));

  /* Reopened: its weights, counts, curves and landscape, before any Play. */
  open_path (path);
  g_assert_true (cl_test_ui_wait_until (reopened, &saved, 30000));
  const ClSnapshot *s = snapshot ();
  g_assert_cmpint (s->epoch, ==, saved.epoch);
  g_assert_cmpmem (s->params, s->n_params * sizeof (float),
                   g_bytes_get_data (saved.params, NULL), g_bytes_get_size (saved.params));
  g_assert_cmpuint (s->n_test_history, ==, (guint) saved.epoch);
  g_assert_cmpint (s->landscape->resolution, ==, 9);
  /* The subtitle says where the network came from. */
  AdwWindowTitle *title = ADW_WINDOW_TITLE (cl_test_ui_find_by_type (GTK_WIDGET (window ()), ADW_TYPE_WINDOW_TITLE));
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, path);
  g_assert_cmpfloat_with_epsilon (s->landscape->loss[4 * 9 + 4], saved.landscape_center, 1e-6);
  screenshot_panel ("landscape", "model-reopened-landscape.png");
  GtkWidget *page = show_panel ("landscape");
  GtkDropDown *views = g_object_get_data (G_OBJECT (adw_bin_get_child (ADW_BIN (page))),
                                          "cl-view-dropdown");
  gtk_drop_down_set_selected (views, 1);
  screenshot_panel ("landscape", "model-reopened-landscape-surface.png");
  gtk_drop_down_set_selected (views, 0);
  screenshot_panel ("curves", "model-reopened-curves.png");

  /* Training goes on from there. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.step", NULL));
  g_assert_true (cl_test_ui_wait_until (stepped_once, &saved, 10000));

  g_bytes_unref (saved.params);
  g_unlink (path);
  g_unlink (xor_full);
  g_rmdir (dir);
}

static gboolean
at_step_0 (gpointer data)
{
  const ClSnapshot *s = snapshot ();
  return s != NULL && s->step == 0 && !cl_app_training_get_stale (training ());
}

/* A copy of the model at `from` with the metadata `key` set to `value`. */
static void
write_with_metadata (const char *from, const char *to, const char *key, const char *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ClSafetensors) st = cl_safetensors_load (from, &error);
  g_assert_no_error (error);
  g_autoptr(GHashTable) meta = g_hash_table_new (g_str_hash, g_str_equal);
  const char *keys[] = { "format", "version", "design", "step" };
  for (gsize k = 0; k < G_N_ELEMENTS (keys); k++)
    g_hash_table_insert (meta, (gpointer) keys[k],
                         (gpointer) cl_safetensors_get_metadata (st, keys[k]));
  g_hash_table_insert (meta, (gpointer) key, (gpointer) value);
  gsize n = cl_safetensors_n_tensors (st);
  g_autofree ClTensorView *views = g_new (ClTensorView, n);
  for (gsize i = 0; i < n; i++)
    views[i] = *cl_safetensors_get_tensor (st, i);
  g_assert_true (cl_safetensors_save (to, meta, views, n, &error));
  g_assert_no_error (error);
}

static const char *
window_title (void)
{
  AdwWindowTitle *title = ADW_WINDOW_TITLE (cl_test_ui_find_by_type (GTK_WIDGET (window ()), ADW_TYPE_WINDOW_TITLE));
  return adw_window_title_get_title (title);
}

/* Issue 15, items 3 and 12: a model whose landscape or history metadata is
 * malformed opens through the window's own path (File > Open): the
 * weights and design are there, the damaged part is said and left out —
 * no crash ("axes": 5 reached strcmp (NULL)), no Json-CRITICAL (fatal
 * here).  And a design without a name of its own keeps the model's. */
static void
test_malformed_metadata_opens_cleanly (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-model-XXXXXX", NULL);
  g_autofree char *plain = g_build_filename (dir, "plain.safetensors", NULL);
  g_autofree char *path = g_build_filename (dir, "my-net.safetensors", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *xor = g_build_filename (g_getenv ("CL_SOURCE_ROOT"), "data", "designs",
                                           "xor.json", NULL);
  g_autofree char *other = g_build_filename (g_getenv ("CL_SOURCE_ROOT"), "data", "designs",
                                             "xor-2-2-1.json", NULL);
  g_autoptr(ClDesign) design = cl_design_load (xor, &error);
  g_assert_no_error (error);
  g_free (design->name);
  design->name = g_strdup ("");
  g_autoptr(ClNet) net = cl_net_new (design->spec, 1, &error);
  g_assert_no_error (error);
  cl_net_init (net, 5);
  g_assert_true (cl_model_save (design, net, plain, &error));

  const char *axes[] = { "5", "true", "[]", "{}" };
  const char *histories[] = { "", "   ", "{\"loss\": [[-5, 0.5]]}", "{\"loss\": [[1e300, 0.5]]}",
                              "{\"loss\": [[-1e308, 0.5]]}",
                              "{\"test_loss\": [[1e300, 1]], \"test_accuracy\": [[1e300, 1]], "
                              "\"train_accuracy\": [[1e300, 1]]}" };
  for (gsize i = 0; i < G_N_ELEMENTS (axes) + G_N_ELEMENTS (histories); i++)
    {
      if (i < G_N_ELEMENTS (axes))
        {
          g_autofree char *bad = g_strdup_printf (
            "{\"resolution\": 3, \"range\": 1, \"axes\": %s, \"explained\": [0.5, 0.25], "
            "\"center_loss\": 0.3, \"loss\": [1, 2, 3, 4, 5, 6, 7, 8, 9], \"path\": [[0, 0]]}",
            axes[i]);
          write_with_metadata (plain, path, "landscape", bad);
        }
      else
        write_with_metadata (plain, path, "history", histories[i - G_N_ELEMENTS (axes)]);
      /* Another network first, as a user would: a model of the running
       * network's very structure does not replace its run. */
      open_path (other);
      open_path (path);
      cl_test_ui_spin (200);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window ())));
      /* The model opened, under its file's name. */
      g_assert_cmpstr (window_title (), ==, "my-net");
      /* Its weights shown, with neither the damaged part nor anything of
       * the run before. */
      g_assert_true (cl_test_ui_wait_until (at_step_0, NULL, 30000));
      g_assert_null (snapshot ()->landscape);
    }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window ()));
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), "model-malformed-metadata.png") });
  g_unlink (path);
  g_unlink (plain);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  cl_test_ui_init (&argc, &argv);
  g_autofree char *autosave = g_build_filename (g_get_user_data_dir (), "convlab", "autosave.json", NULL);
  g_unlink (autosave);
  app = cl_test_ui_start_app ();

  g_test_add_func ("/ui/model/save-and-reopen", test_save_and_reopen);
  g_test_add_func ("/ui/model/malformed-metadata-opens-cleanly",
                   test_malformed_metadata_opens_cleanly);

  int status = g_test_run ();
  /* Saved, so closing does not ask about unsaved changes. */
  g_autofree char *dir = g_dir_make_tmp ("convlab-model-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "xor.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_assert_true (cl_app_window_save_as_file (window (), file));
  cl_test_ui_stop_app (app);
  g_unlink (path);
  g_rmdir (dir);
  g_object_unref (app);
  return status;
}
