/* The network editor in the real window: LeNet-5 built by drops on the
 * canvas and edits in the inspector (the code paths a pointer takes),
 * invalid edits marked and cleared, undo and redo, save and open, the
 * keyboard, the palette's drag content. */
#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cl-app-inspector.h"
#include "cl-app-network-canvas.h"
#include "cl-app-palette.h"
#include "cl-app-data-settings.h"
#include "cl-app-window-private.h"
#include "cl-app-window.h"
#include "engine/model-file.h"
#include "ui-harness.h"

static ClAppApplication *app;

static gboolean prompt_is_shown (gpointer data);

static gboolean
prompt_is_gone (gpointer data)
{
  return !prompt_is_shown (data);
}

/* The settings page that holds `widget` is the one the popover shows. */
static gboolean
on_shown_page (GtkWidget *widget)
{
  GtkWidget *page = gtk_widget_get_parent (widget);
  return gtk_stack_get_visible_child (GTK_STACK (gtk_widget_get_parent (page))) == page;
}

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

static GtkWidget *
canvas (void)
{
  return cl_test_ui_find_by_type (GTK_WIDGET (window ()), CL_APP_TYPE_NETWORK_CANVAS);
}

static GtkWidget *
inspector (void)
{
  return cl_test_ui_find_by_type (GTK_WIDGET (window ()), CL_APP_TYPE_INSPECTOR);
}

static GtkDropTarget *
canvas_drop_target (void)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (canvas ());

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  g_assert_not_reached ();
}

/* A drop as the pointer makes it: motion (the marker), then drop. */
static void
drop_kind_at (const char *kind, double x, double y)
{
  GtkDropTarget *target = canvas_drop_target ();
  GdkDragAction action = 0;
  gboolean handled = FALSE;
  GValue value = G_VALUE_INIT;

  g_signal_emit_by_name (target, "motion", x, y, &action);
  g_assert_cmpint (cl_app_network_canvas_get_marker (CL_APP_NETWORK_CANVAS (canvas ())), >=, 0);
  g_value_init (&value, G_TYPE_STRING);
  g_value_set_string (&value, kind);
  g_signal_emit_by_name (target, "drop", &value, x, y, &handled);
  g_value_unset (&value);
  g_assert_true (handled);
  g_assert_cmpint (cl_app_network_canvas_get_marker (CL_APP_NETWORK_CANVAS (canvas ())), ==, -1);
}

/* Dropped at the canvas' bottom right corner: after the last layer of the
 * last row. */
static void
drop_kind_at_end (const char *kind)
{
  int n = cl_app_document_get_n_layers (document ());

  cl_test_ui_spin (20);
  drop_kind_at (kind, gtk_widget_get_width (canvas ()) - 2, gtk_widget_get_height (canvas ()) - 2);
  g_assert_cmpint (cl_app_document_get_n_layers (document ()), ==, n + 1);
  g_assert_cmpstr (cl_net_spec_get_layer_kind (cl_app_document_get_spec (document ()), n)->name,
                   ==, kind);
  /* The drop selects the new layer: the inspector shows it. */
  g_assert_cmpint (cl_app_document_get_selected (document ()), ==, n);
}

/* Through the inspector's widget, as a user typing in it. */
static void
set_in_inspector (const char *setting, double value)
{
  GtkWidget *editor = cl_app_inspector_get_editor (CL_APP_INSPECTOR (inspector ()), setting);

  g_assert_nonnull (editor);
  if (GTK_IS_SPIN_BUTTON (editor))
    gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor), value);
  else if (GTK_IS_DROP_DOWN (editor))
    gtk_drop_down_set_selected (GTK_DROP_DOWN (editor), (guint) value);
  else
    gtk_switch_set_active (GTK_SWITCH (editor), value != 0);
}

static void
new_empty_design (void)
{
  cl_app_document_load (document (), NULL, NULL);
  g_assert_cmpint (cl_app_document_get_n_layers (document ()), ==, 0);
}

static void
build_lenet5 (void)
{
  new_empty_design ();
  drop_kind_at_end ("Conv2D");
  set_in_inspector ("filters", 6);
  set_in_inspector ("kernel", 5);
  set_in_inspector ("padding", 2);  /* Explicit */
  set_in_inspector ("pad", 2);
  drop_kind_at_end ("ReLU");
  drop_kind_at_end ("MaxPool2D");
  drop_kind_at_end ("Conv2D");
  set_in_inspector ("filters", 16);
  set_in_inspector ("kernel", 5);
  set_in_inspector ("padding", 1);  /* Valid */
  drop_kind_at_end ("ReLU");
  drop_kind_at_end ("MaxPool2D");
  drop_kind_at_end ("Flatten");
  drop_kind_at_end ("Dense");
  set_in_inspector ("units", 120);
  drop_kind_at_end ("ReLU");
  drop_kind_at_end ("Dense");
  set_in_inspector ("units", 84);
  drop_kind_at_end ("ReLU");
  drop_kind_at_end ("Dense");
  set_in_inspector ("units", 10);
  drop_kind_at_end ("Softmax");
}

static void
assert_shape (int layer, int c, int h, int w)
{
  ClShape s = cl_app_document_get_layer_info (document ())[layer].out;

  g_assert_cmpint (s.c, ==, c);
  g_assert_cmpint (s.h, ==, h);
  g_assert_cmpint (s.w, ==, w);
}

static void
test_build_lenet5_by_drops (void)
{
  build_lenet5 ();
  g_assert_null (cl_app_document_get_error (document ()));
  g_assert_cmpint (cl_app_document_get_n_layers (document ()), ==, 13);
  g_assert_cmpuint (cl_app_document_get_total_params (document ()), ==, 61706);
  assert_shape (0, 6, 28, 28);
  assert_shape (2, 6, 14, 14);
  assert_shape (3, 16, 10, 10);
  assert_shape (5, 16, 5, 5);
  assert_shape (6, 400, 1, 1);
  assert_shape (12, 10, 1, 1);

  /* The same network as the example file. */
  g_autoptr(ClNetSpec) reference = NULL;
  {
    g_autofree char *dir = cl_app_palette_find_designs_dir ();
    g_autofree char *path = g_build_filename (dir, "lenet5.json", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(ClDesign) lenet = cl_design_load (path, &error);
    g_assert_no_error (error);
    reference = cl_net_spec_copy (lenet->spec);
  }
  g_assert_cmpint (cl_net_spec_get_n_layers (reference), ==, 13);
  for (int i = 0; i < 13; i++)
    g_assert_true (cl_net_spec_get_layer_kind (reference, i)
                   == cl_net_spec_get_layer_kind (cl_app_document_get_spec (document ()), i));

  cl_app_document_set_selected (document (), 3);
  cl_test_ui_spin (100);
  /* The whole canvas, also the rows scrolled out of view. */
  g_autoptr(GdkTexture) shot = cl_test_ui_save_png (canvas (), "canvas-lenet5.png");
  g_assert_nonnull (shot);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), "editor-lenet5.png") });
}

static void
test_invalid_edit_marks_then_clears (void)
{
  build_lenet5 ();
  cl_app_document_set_selected (document (), 3);
  cl_test_ui_spin (20);

  /* A 15x15 kernel does not fit the 14x14 maps of the second convolution. */
  set_in_inspector ("kernel", 15);
  g_assert_cmpint (cl_app_document_get_failed_layer (document ()), ==, 3);
  g_assert_nonnull (cl_app_document_get_error (document ()));
  g_assert_nonnull (strstr (cl_app_document_get_error (document ()), "#4"));
  g_assert_cmpuint (cl_app_document_get_total_params (document ()), ==, 0);
  cl_test_ui_spin (100);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (canvas (), "canvas-invalid.png") });

  /* The spin button refuses what is outside the range. */
  GtkWidget *editor = cl_app_inspector_get_editor (CL_APP_INSPECTOR (inspector ()), "kernel");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (editor), 1000);
  g_assert_cmpfloat (cl_net_spec_get_setting (cl_app_document_get_spec (document ()), 3, "kernel"),
                     <=, 15);

  set_in_inspector ("kernel", 5);
  g_assert_cmpint (cl_app_document_get_failed_layer (document ()), ==, -1);
  g_assert_null (cl_app_document_get_error (document ()));
  g_assert_cmpuint (cl_app_document_get_total_params (document ()), ==, 61706);
}

static void
test_undo_redo_round_trip (void)
{
  build_lenet5 ();
  g_autofree char *built = cl_design_to_json (cl_app_document_get_design (document ()));

  drop_kind_at ("Dropout", 1, 1);  /* at the top left: before the first layer */
  g_assert_cmpstr (cl_net_spec_get_layer_kind (cl_app_document_get_spec (document ()), 0)->name,
                   ==, "Dropout");
  set_in_inspector ("rate", 0.25);
  set_in_inspector ("rate", 0.3);  /* merged with the previous change: one step */
  cl_app_document_move_layer (document (), 0, 2);
  cl_app_document_remove_layer (document (), 5);
  g_autofree char *edited = cl_design_to_json (cl_app_document_get_design (document ()));
  g_assert_cmpstr (edited, !=, built);

  for (int i = 0; i < 4; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.undo", NULL));
  g_autofree char *undone = cl_design_to_json (cl_app_document_get_design (document ()));
  g_assert_cmpstr (undone, ==, built);

  for (int i = 0; i < 4; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.redo", NULL));
  g_autofree char *redone = cl_design_to_json (cl_app_document_get_design (document ()));
  g_assert_cmpstr (redone, ==, edited);
  g_assert_false (cl_app_document_can_redo (document ()));
}

static void
test_save_open_round_trip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-editor-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "my-lenet.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *win = GTK_WINDOW (window ());

  build_lenet5 ();
  g_assert_true (cl_app_document_get_dirty (document ()));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (win), "• "));

  g_assert_true (cl_app_window_save_as_file (window (), file));
  g_assert_false (cl_app_document_get_dirty (document ()));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (win), "my-lenet"));
  g_autofree char *written = cl_design_to_json (cl_app_document_get_design (document ()));

  new_empty_design ();
  g_assert_true (cl_app_window_open_file (window (), file));
  g_autofree char *opened = cl_design_to_json (cl_app_document_get_design (document ()));
  g_assert_cmpstr (opened, ==, written);
  g_assert_cmpuint (cl_app_document_get_total_params (document ()), ==, 61706);
  g_assert_false (cl_app_document_get_dirty (document ()));
  g_assert_true (g_file_equal (cl_app_document_get_file (document ()), file));

  /* A broken file: a toast names it, the design stays. */
  g_autofree char *bad = g_build_filename (dir, "broken.json", NULL);
  g_assert_true (g_file_set_contents (bad, "{ \"format\": \"convlab-design\", \"layers\": [", -1,
                                      NULL));
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_assert_false (cl_app_window_open_file (window (), bad_file));
  g_assert_cmpint (cl_app_document_get_n_layers (document ()), ==, 13);

  g_unlink (path);
  g_unlink (bad);
  g_rmdir (dir);
}

static void
test_keyboard_editing (void)
{
  GtkWidget *c = canvas ();

  build_lenet5 ();
  cl_app_document_set_selected (document (), -1);
  g_assert_true (gtk_widget_activate_action (c, "canvas.select-step", "i", 1));
  g_assert_cmpint (cl_app_document_get_selected (document ()), ==, 0);
  g_assert_true (gtk_widget_activate_action (c, "canvas.select-step", "i", 1));
  g_assert_cmpint (cl_app_document_get_selected (document ()), ==, 1);

  /* Alt+Right moves the ReLU after the pooling. */
  g_assert_true (gtk_widget_activate_action (c, "canvas.move-step", "i", 1));
  g_assert_cmpint (cl_app_document_get_selected (document ()), ==, 2);
  g_assert_cmpstr (cl_net_spec_get_layer_kind (cl_app_document_get_spec (document ()), 2)->name,
                   ==, "ReLU");

  /* Enter in the palette inserts after the selection. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.insert-layer", "s",
                                             "Dropout"));
  g_assert_cmpstr (cl_net_spec_get_layer_kind (cl_app_document_get_spec (document ()), 3)->name,
                   ==, "Dropout");
  GtkWidget *palette = cl_test_ui_find_by_type (GTK_WIDGET (window ()), CL_APP_TYPE_PALETTE);
  GtkWidget *row = cl_app_palette_get_row (CL_APP_PALETTE (palette), "BatchNorm");
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
  g_assert_cmpstr (cl_net_spec_get_layer_kind (cl_app_document_get_spec (document ()), 4)->name,
                   ==, "BatchNorm");

  /* Delete removes the selection. */
  g_assert_true (gtk_widget_activate_action (c, "canvas.delete", NULL));
  g_assert_true (gtk_widget_activate_action (c, "canvas.delete", NULL));
  g_assert_cmpint (cl_app_document_get_n_layers (document ()), ==, 13);
}

static void
test_palette_drag_content_and_block_move (void)
{
  GtkWidget *palette = cl_test_ui_find_by_type (GTK_WIDGET (window ()), CL_APP_TYPE_PALETTE);
  GtkWidget *row = cl_app_palette_get_row (CL_APP_PALETTE (palette), "Conv2D");
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);
  GdkContentProvider *content = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && content == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);
      if (GTK_IS_DRAG_SOURCE (controller))
        g_signal_emit_by_name (controller, "prepare", 5.0, 5.0, &content);
    }
  g_assert_nonnull (content);
  GValue value = G_VALUE_INIT;
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_cmpstr (g_value_get_string (&value), ==, "Conv2D");
  g_value_unset (&value);
  g_object_unref (content);

  /* A block dropped further along the canvas moves there. */
  build_lenet5 ();
  double x0, y0, x5, y5;
  g_assert_true (cl_app_network_canvas_get_layer_center (CL_APP_NETWORK_CANVAS (canvas ()), 1, &x0, &y0));
  g_assert_true (cl_app_network_canvas_get_layer_center (CL_APP_NETWORK_CANVAS (canvas ()), 5, &x5, &y5));
  ClAppLayerRef ref = { document (), 1 };
  GValue move = G_VALUE_INIT;
  gboolean handled = FALSE;
  g_value_init (&move, CL_APP_TYPE_LAYER_REF);
  g_value_set_boxed (&move, &ref);
  g_signal_emit_by_name (canvas_drop_target (), "drop", &move, x5 + 20, y5, &handled);
  g_value_unset (&move);
  g_assert_true (handled);
  g_assert_cmpstr (cl_net_spec_get_layer_kind (cl_app_document_get_spec (document ()), 5)->name,
                   ==, "ReLU");
  g_assert_cmpstr (cl_net_spec_get_layer_kind (cl_app_document_get_spec (document ()), 1)->name,
                   ==, "MaxPool2D");
}

static void
test_template_and_zoom (void)
{
  new_empty_design ();
  GtkWidget *palette = cl_test_ui_find_by_type (GTK_WIDGET (window ()), CL_APP_TYPE_PALETTE);
  g_assert_nonnull (palette);
  g_autofree char *dir = cl_app_palette_find_designs_dir ();
  g_autofree char *path = g_build_filename (dir, "xor-2-2-1.json", NULL);
  g_autoptr(ClDesign) xor = cl_design_load (path, NULL);
  g_assert_nonnull (xor);
  cl_app_document_replace (document (), xor);
  g_assert_true (cl_app_document_can_undo (document ()));

  double before = cl_app_network_canvas_get_zoom (CL_APP_NETWORK_CANVAS (canvas ()));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.zoom-in", NULL));
  g_assert_cmpfloat (cl_app_network_canvas_get_zoom (CL_APP_NETWORK_CANVAS (canvas ())), >, before);
  cl_test_ui_spin (100);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (canvas (), "canvas-xor-zoomed.png") });
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.zoom-reset", NULL));

  /* Dark style: the canvas follows. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  build_lenet5 ();
  cl_test_ui_spin (200);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), "editor-dark.png") });
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
}

static gboolean
input_is_2d_point (gpointer data)
{
  ClShape in = cl_net_spec_get_input (cl_app_document_get_spec (document ()));
  return in.c == 2 && in.h == 1 && in.w == 1;
}

/* The visible message that says why the design does not fit its data. */
static const char *
fit_message (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "error")
          && gtk_widget_get_visible (child) && *gtk_label_get_text (GTK_LABEL (child)) != '\0'
          && gtk_widget_get_ancestor (child, CL_APP_TYPE_INSPECTOR) == NULL)
        return gtk_label_get_text (GTK_LABEL (child));
      const char *found = fit_message (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_fit_message (gpointer data)
{
  return fit_message (GTK_WIDGET (window ())) != NULL;
}

static gboolean
has_no_fit_message (gpointer data)
{
  return !has_fit_message (data);
}

static gboolean
noise_is_half (gpointer data)
{
  return cl_app_document_get_design (document ())->data.toy.noise == 0.5f;
}

static void
test_data_choice (void)
{
  new_empty_design ();
  drop_kind_at_end ("Dense");
  drop_kind_at_end ("Softmax");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.data-source", "s",
                                             "toy:xor"));
  /* The input follows the data: XOR points are 2 numbers. */
  g_assert_true (cl_test_ui_wait_until (input_is_2d_point, NULL, 5000));
  g_assert_cmpstr (cl_app_document_get_design (document ())->data.source, ==, "toy:xor");
  g_assert_null (cl_app_document_get_error (document ()));

  /* 10 outputs for 2 classes: the window says why it does not fit. */
  g_assert_true (cl_test_ui_wait_until (has_fit_message, NULL, 5000));
  g_test_message ("fit: %s", fit_message (GTK_WIDGET (window ())));
  cl_app_document_set_selected (document (), 0);
  cl_test_ui_spin (20);
  set_in_inspector ("units", 2);
  g_assert_true (cl_test_ui_wait_until (has_no_fit_message, NULL, 5000));

  /* The toy settings: more noise is one undoable step. */
  GtkWidget *settings = cl_test_ui_find_by_type (GTK_WIDGET (window ()), CL_APP_TYPE_DATA_SETTINGS);
  g_assert_nonnull (settings);
  GtkWidget *noise = cl_test_ui_find_by_name (settings, "noise");
  g_assert_nonnull (noise);
  g_assert_true (on_shown_page (noise));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (noise), 0.5);
  g_assert_true (cl_test_ui_wait_until (noise_is_half, NULL, 5000));
  cl_app_document_undo (document ());
  g_assert_false (noise_is_half (NULL));
  cl_test_ui_spin (100);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), "editor-xor.png") });
}

static const ClAugmentSettings *
design_augment (void)
{
  return &cl_net_spec_peek_train (cl_app_document_get_spec (document ()))->augment;
}

static gboolean
photos_loaded (gpointer data)
{
  ClDataset *dataset = g_object_get_data (G_OBJECT (window ()), "cl-dataset");
  return dataset != NULL && dataset->channels == 3 && dataset->height == 32;
}

static gboolean
textures_equal (GdkTexture *a, GdkTexture *b)
{
  int w = gdk_texture_get_width (a), h = gdk_texture_get_height (a);
  if (w != gdk_texture_get_width (b) || h != gdk_texture_get_height (b))
    return FALSE;
  g_autofree guchar *pa = g_malloc ((gsize) w * h * 4), *pb = g_malloc ((gsize) w * h * 4);
  gdk_texture_download (a, pa, (gsize) w * 4);
  gdk_texture_download (b, pb, (gsize) w * 4);
  return memcmp (pa, pb, (gsize) w * h * 4) == 0;
}

static gboolean
is_sensitive (gpointer widget)
{
  return gtk_widget_get_sensitive (widget);
}

/* Augmentation beside the data: off with its reason for a toy set; on
 * photos each control is the design's training setting, undoable, and the
 * strip shows the first training image and its augmentations. */
static void
test_augmentation (void)
{
  new_empty_design ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.data-source", "s",
                                             "toy:xor"));
  g_assert_true (cl_test_ui_wait_until (input_is_2d_point, NULL, 5000));
  GtkWidget *settings = cl_test_ui_find_by_type (GTK_WIDGET (window ()), CL_APP_TYPE_DATA_SETTINGS);
  GtkWidget *shift = cl_test_ui_find_by_name (settings, "augment-shift");
  GtkWidget *amount = cl_test_ui_find_by_name (settings, "augment-shift-amount");
  GtkWidget *flip = cl_test_ui_find_by_name (settings, "augment-flip");
  GtkWidget *rotate = cl_test_ui_find_by_name (settings, "augment-rotate");
  GtkWidget *reason = cl_test_ui_find_by_name (settings, "augment-reason");
  GtkWidget *strip = cl_test_ui_find_by_name (settings, "augment-strip");
  g_assert_nonnull (shift);
  g_assert_nonnull (amount);
  g_assert_nonnull (strip);
  g_assert_false (gtk_widget_get_sensitive (shift));
  g_assert_false (gtk_widget_get_sensitive (flip));
  g_assert_true (gtk_widget_get_visible (reason));
  g_assert_false (gtk_widget_get_visible (strip));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.data-source", "s",
                                             "photos-colour"));
  g_assert_true (cl_test_ui_wait_until (photos_loaded, NULL, 20000));
  g_assert_true (cl_test_ui_wait_until (is_sensitive, shift, 5000));
  g_assert_false (gtk_widget_get_visible (reason));
  g_assert_true (gtk_widget_get_visible (strip));
  g_assert_false (gtk_widget_get_sensitive (amount));   /* live only when shifting */
  g_autofree char *before = cl_design_to_json (cl_app_document_get_design (document ()));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (flip), TRUE);
  g_assert_true (design_augment ()->flip);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (shift), TRUE);
  g_assert_true (gtk_widget_get_sensitive (amount));
  g_assert_cmpint (design_augment ()->shift, ==, CL_AUGMENT_SHIFT_DEFAULT);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (amount), 3);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (rotate), TRUE);
  g_autofree char *id = cl_augment_to_string (design_augment ());
  g_assert_cmpstr (id, ==, "shift3+flip+rotate");

  gtk_menu_button_popup (GTK_MENU_BUTTON (gtk_widget_get_parent (settings)));
  cl_test_ui_spin (300);
  g_assert_cmpint (gtk_widget_get_width (strip), >=, 400);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (settings, "editor-augment.png") });
  /* The strip follows the run's epoch: other draws, another picture. */
  g_autoptr(GdkTexture) at_start = cl_test_ui_save_png (strip, "editor-augment-strip-epoch1.png");
  cl_app_data_settings_set_epoch (CL_APP_DATA_SETTINGS (settings), 3);
  cl_test_ui_spin (100);
  g_autoptr(GdkTexture) later = cl_test_ui_save_png (strip, "editor-augment-strip-epoch4.png");
  g_assert_false (textures_equal (at_start, later));
  cl_app_data_settings_set_epoch (CL_APP_DATA_SETTINGS (settings), 0);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (gtk_widget_get_parent (settings)));

  /* Undone (the edits may merge into one step), the controls follow. */
  for (int i = 0; i < 4 && !cl_augment_is_none (design_augment ()); i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.undo", NULL));
  g_assert_true (cl_augment_is_none (design_augment ()));
  g_autofree char *undone = cl_design_to_json (cl_app_document_get_design (document ()));
  g_assert_cmpstr (undone, ==, before);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (flip)));
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (shift)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.redo", NULL));
  g_assert_false (cl_augment_is_none (design_augment ()));
}

static gboolean
norm_is_contrast (gpointer data)
{
  return cl_app_document_get_design (document ())->data.norm == CL_DATASET_NORM_CONTRAST;
}

/* The Gabor lesson's settings, each through its widget: the first layer's
 * initialisation (normal, σ 0.01) in the inspector, weight decay in the
 * Training panel, per-image contrast in the data settings; saved in the
 * design, and each one undo step. */
static void
test_gabor_recipe_settings (void)
{
  build_lenet5 ();
  g_autofree char *built = cl_design_to_json (cl_app_document_get_design (document ()));
  const ClNetSpec *spec;
  double value;

  /* A ReLU has no weights: no initialisation to offer. */
  cl_app_document_set_selected (document (), 1);
  cl_test_ui_spin (20);
  g_assert_null (cl_app_inspector_get_init_editor (CL_APP_INSPECTOR (inspector ()), FALSE));

  cl_app_document_set_selected (document (), 0);
  cl_test_ui_spin (20);
  GtkWidget *init = cl_app_inspector_get_init_editor (CL_APP_INSPECTOR (inspector ()), FALSE);
  GtkWidget *scale = cl_app_inspector_get_init_editor (CL_APP_INSPECTOR (inspector ()), TRUE);
  g_assert_nonnull (init);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (scale, ADW_TYPE_ACTION_ROW)));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (init), CL_INIT_NORMAL);
  spec = cl_app_document_get_spec (document ());
  g_assert_cmpint (cl_net_spec_get_init (spec, 0, &value), ==, CL_INIT_NORMAL);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (scale, ADW_TYPE_ACTION_ROW)));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (scale), 0.05);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (scale), 0.01);   /* merged: one step */
  g_assert_cmpint (cl_net_spec_get_init (spec, 0, &value), ==, CL_INIT_NORMAL);
  g_assert_cmpfloat_with_epsilon (value, 0.01, 1e-9);
  /* Another layer, and back: the inspector shows what the design holds. */
  cl_app_document_set_selected (document (), 3);
  cl_test_ui_spin (20);
  cl_app_document_set_selected (document (), 0);
  cl_test_ui_spin (20);
  init = cl_app_inspector_get_init_editor (CL_APP_INSPECTOR (inspector ()), FALSE);
  scale = cl_app_inspector_get_init_editor (CL_APP_INSPECTOR (inspector ()), TRUE);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (init)), ==, CL_INIT_NORMAL);
  g_assert_cmpfloat_with_epsilon (gtk_spin_button_get_value (GTK_SPIN_BUTTON (scale)), 0.01, 1e-9);
  cl_test_ui_spin (100);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (inspector (), "inspector-init.png") });

  GtkWidget *decay = cl_test_ui_find_by_name (GTK_WIDGET (window ()), "weight-decay");
  g_assert_nonnull (decay);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (decay), 0.005);
  g_assert_cmpfloat_with_epsilon (cl_net_spec_peek_train (spec)->weight_decay, 0.005, 1e-9);

  GtkWidget *settings = cl_test_ui_find_by_type (GTK_WIDGET (window ()), CL_APP_TYPE_DATA_SETTINGS);
  GtkWidget *norm = cl_test_ui_find_by_name (settings, "normalisation");
  g_assert_nonnull (norm);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (settings))));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (norm), 2);
  g_assert_true (cl_test_ui_wait_until (norm_is_contrast, NULL, 10000));
  gtk_menu_button_popup (GTK_MENU_BUTTON (gtk_widget_get_parent (settings)));
  cl_test_ui_spin (200);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (settings, "editor-data-contrast.png") });
  gtk_menu_button_popdown (GTK_MENU_BUTTON (gtk_widget_get_parent (settings)));

  /* Saved and read back. */
  g_autofree char *dir = g_dir_make_tmp ("convlab-gabor-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "gabor.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_assert_true (cl_app_document_save (document (), file, &error));
  g_assert_no_error (error);
  g_autoptr(ClDesign) back = cl_design_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cl_net_spec_get_init (back->spec, 0, &value), ==, CL_INIT_NORMAL);
  g_assert_cmpfloat_with_epsilon (value, 0.01, 1e-9);
  g_assert_cmpfloat_with_epsilon (cl_net_spec_peek_train (back->spec)->weight_decay, 0.005, 1e-9);
  g_assert_cmpint (back->data.norm, ==, CL_DATASET_NORM_CONTRAST);
  g_unlink (path);
  g_rmdir (dir);

  /* Four steps: the normalisation, the decay, the scale, the kind. */
  for (int i = 0; i < 4; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.undo", NULL));
  g_autofree char *undone = cl_design_to_json (cl_app_document_get_design (document ()));
  g_assert_cmpstr (undone, ==, built);
  cl_test_ui_spin (50);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (
                      cl_app_inspector_get_init_editor (CL_APP_INSPECTOR (inspector ()), FALSE))),
                    ==, CL_INIT_DEFAULT);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (decay)), ==, 0.0);
}

/* LeCun (normal and uniform) is offered for a Dense layer: chosen in the
 * inspector it is the design's, without a scale, and one undo step. */
static void
test_lecun_offered (void)
{
  build_lenet5 ();
  int dense = cl_net_spec_get_n_layers (cl_app_document_get_spec (document ())) - 2;
  g_assert_cmpstr (cl_net_spec_get_layer_kind (cl_app_document_get_spec (document ()), dense)->name,
                   ==, "Dense");
  cl_app_document_set_selected (document (), dense);
  cl_test_ui_spin (20);
  GtkWidget *init = cl_app_inspector_get_init_editor (CL_APP_INSPECTOR (inspector ()), FALSE);
  GtkWidget *scale = cl_app_inspector_get_init_editor (CL_APP_INSPECTOR (inspector ()), TRUE);
  GListModel *labels = gtk_drop_down_get_model (GTK_DROP_DOWN (init));
  g_assert_cmpuint (g_list_model_get_n_items (labels), ==, CL_INIT_LECUN_NORMAL + 1);
  g_assert_cmpstr (gtk_string_list_get_string (GTK_STRING_LIST (labels), CL_INIT_LECUN_NORMAL), ==,
                   "LeCun normal");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (init), CL_INIT_LECUN_NORMAL);
  double value;
  g_assert_cmpint (cl_net_spec_get_init (cl_app_document_get_spec (document ()), dense, &value), ==,
                   CL_INIT_LECUN_NORMAL);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (scale, ADW_TYPE_ACTION_ROW)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.undo", NULL));
  g_assert_cmpint (cl_net_spec_get_init (cl_app_document_get_spec (document ()), dense, &value), ==,
                   CL_INIT_DEFAULT);
}

/* A folder of images, two classes of six 20×12 PNGs each. */
static char *
image_folder_new (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("convlab-images-XXXXXX", &error);
  static const char *const classes[] = { "cats", "dogs" };

  g_assert_no_error (error);
  for (int c = 0; c < 2; c++)
    {
      g_autofree char *sub = g_build_filename (dir, classes[c], NULL);
      g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
      for (int i = 0; i < 6; i++)
        {
          g_autoptr(GdkPixbuf) image = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, 20, 12);
          g_autofree char *name = g_strdup_printf ("%d.png", i);
          g_autofree char *path = g_build_filename (sub, name, NULL);
          gdk_pixbuf_fill (image, c == 0 ? 0xff000000u + 0x1000u * i : 0x00ff0000u);
          g_assert_true (gdk_pixbuf_save (image, path, "png", &error, NULL));
        }
    }
  return dir;
}

static void
image_folder_free (char *dir)
{
  static const char *const classes[] = { "cats", "dogs" };
  for (int c = 0; c < 2; c++)
    {
      for (int i = 0; i < 6; i++)
        {
          g_autofree char *name = g_strdup_printf ("%d.png", i);
          g_autofree char *path = g_build_filename (dir, classes[c], name, NULL);
          g_unlink (path);
        }
      g_autofree char *sub = g_build_filename (dir, classes[c], NULL);
      g_rmdir (sub);
    }
  g_rmdir (dir);
  g_free (dir);
}

static gboolean
input_is (gpointer shape)
{
  ClShape in = cl_net_spec_get_input (cl_app_document_get_spec (document ()));
  const ClShape *want = shape;
  return in.c == want->c && in.h == want->h && in.w == want->w;
}

/* A folder's images: their side and colour are settings beside the data,
 * one undoable step each, and the input follows. */
static void
test_image_folder_settings (void)
{
  char *dir = image_folder_new ();
  g_autofree char *source = g_strconcat ("folder:", dir, NULL);
  ClShape colour32 = { 3, 32, 32 }, colour16 = { 3, 16, 16 }, grey16 = { 1, 16, 16 };

  new_empty_design ();
  drop_kind_at_end ("Dense");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.data-source", "s",
                                             source));
  g_assert_true (cl_test_ui_wait_until (input_is, &colour32, 10000));

  GtkWidget *settings = cl_test_ui_find_by_type (GTK_WIDGET (window ()), CL_APP_TYPE_DATA_SETTINGS);
  GtkWidget *size = cl_test_ui_find_by_name (settings, "size");
  GtkWidget *grey = cl_test_ui_find_by_name (settings, "grey");
  g_assert_true (on_shown_page (size));
  /* The gear beside the data choice is there for a folder too. */
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (settings)));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (size), 16);
  g_assert_true (cl_test_ui_wait_until (input_is, &colour16, 10000));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (grey), TRUE);
  g_assert_true (cl_test_ui_wait_until (input_is, &grey16, 10000));
  const ClDataRef *data = &cl_app_document_get_design (document ())->data;
  g_assert_cmpuint (data->folder.size, ==, 16);
  g_assert_true (data->folder.grey);

  /* Undo: colour again, still 16 pixels a side. */
  cl_app_document_undo (document ());
  data = &cl_app_document_get_design (document ())->data;
  g_assert_false (data->folder.grey);
  g_assert_cmpuint (data->folder.size, ==, 16);

  gtk_menu_button_popup (GTK_MENU_BUTTON (gtk_widget_get_parent (settings)));
  cl_test_ui_spin (200);
  /* A popover is a surface of its own: its picture, not the window's. */
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (settings, "editor-folder-settings.png") });
  gtk_menu_button_popdown (GTK_MENU_BUTTON (gtk_widget_get_parent (settings)));
  image_folder_free (dir);
}

/* New asks before dropping unsaved work; Cancel keeps it. */
static void
test_new_asks_first (void)
{
  build_lenet5 ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.new", NULL));
  g_assert_true (cl_test_ui_wait_until (prompt_is_shown, NULL, 5000));
  AdwMessageDialog *prompt = ADW_MESSAGE_DIALOG (cl_test_ui_find_window (ADW_TYPE_MESSAGE_DIALOG));
  /* As its button does: the response, then the dialog closes. */
  adw_message_dialog_response (prompt, "cancel");
  gtk_window_destroy (GTK_WINDOW (prompt));
  g_assert_true (cl_test_ui_wait_until (prompt_is_gone, NULL, 5000));
  g_assert_cmpint (cl_app_document_get_n_layers (document ()), ==, 13);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.new", NULL));
  g_assert_true (cl_test_ui_wait_until (prompt_is_shown, NULL, 5000));
  prompt = ADW_MESSAGE_DIALOG (cl_test_ui_find_window (ADW_TYPE_MESSAGE_DIALOG));
  adw_message_dialog_response (prompt, "discard");
  gtk_window_destroy (GTK_WINDOW (prompt));
  g_assert_true (cl_test_ui_wait_until (prompt_is_gone, NULL, 5000));
  g_assert_cmpint (cl_app_document_get_n_layers (document ()), ==, 0);
  g_assert_false (cl_app_document_get_dirty (document ()));
}

/* A trained model opens as its design, its weights colouring the links. */
static void
test_open_model (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-model-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "xor.safetensors", NULL);
  g_autofree char *designs = cl_app_palette_find_designs_dir ();
  g_autofree char *xor_path = g_build_filename (designs, "xor-2-2-1.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) xor = cl_design_load (xor_path, &error);
  g_assert_no_error (error);
  g_autoptr(ClNet) net = cl_net_new (xor->spec, 1, &error);
  g_assert_no_error (error);
  g_assert_true (cl_model_save (xor, net, path, &error));
  g_autoptr(GFile) file = g_file_new_for_path (path);

  g_assert_true (cl_app_window_open_file (window (), file));
  g_assert_cmpint (cl_app_document_get_n_layers (document ()),
                   ==, cl_net_spec_get_n_layers (xor->spec));
  /* Saving asks where: a model is not overwritten as a design. */
  g_assert_null (cl_app_document_get_file (document ()));
  cl_test_ui_spin (100);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (canvas (), "canvas-trained-xor.png") });
  /* Edited after opening: the weights no longer match, nothing breaks. */
  cl_app_document_set_setting (document (), 0, "units", 4);
  cl_test_ui_spin (50);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (canvas (), "canvas-trained-xor-edited.png") });

  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
no_autosave_pending (gpointer window)
{
  return ((ClAppWindow *) window)->autosave_id == 0;
}

/* What a previous session left unsaved is offered back in a new window. */
static void
test_autosave_offered_back (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "convlab", "autosave.json", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *lenet = NULL;
  {
    g_autofree char *designs = cl_app_palette_find_designs_dir ();
    lenet = g_build_filename (designs, "lenet5.json", NULL);
  }
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (lenet, &text, NULL, NULL));
  /* The first window's autosave of the previous tests' edits would replace
   * (or remove) the file written below: let it happen first. */
  g_assert_true (cl_test_ui_wait_until (no_autosave_pending, window (), 10000));
  g_mkdir_with_parents (dir, 0700);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));

  ClAppWindow *second = cl_app_window_new (app);
  gtk_window_present (GTK_WINDOW (second));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (second));
  ClAppDocument *doc = cl_app_window_get_document (second);
  g_assert_cmpint (cl_app_document_get_n_layers (doc), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (second), "win.restore-autosave", NULL));
  g_assert_cmpint (cl_app_document_get_n_layers (doc), ==, 13);
  g_assert_true (cl_app_document_get_dirty (doc));
  /* Undo gives back the empty design it replaced. */
  cl_app_document_undo (doc);
  g_assert_cmpint (cl_app_document_get_n_layers (doc), ==, 0);
  cl_app_document_load (doc, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (second));
}

static gboolean
no_windows_left (gpointer data)
{
  return gtk_application_get_windows (GTK_APPLICATION (app)) == NULL;
}

static gboolean
prompt_is_shown (gpointer data)
{
  return cl_test_ui_find_window (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* Unsaved work: closing asks; Discard closes and removes the autosave. */
static void
close_with_prompt (void)
{
  g_autofree char *autosave = g_build_filename (g_get_user_data_dir (), "convlab",
                                                "autosave.json", NULL);

  build_lenet5 ();
  g_assert_true (cl_app_document_get_dirty (document ()));
  cl_test_ui_spin (2500);  /* past the autosave delay */
  g_assert_true (g_file_test (autosave, G_FILE_TEST_IS_REGULAR));

  gtk_window_close (GTK_WINDOW (window ()));
  g_assert_true (cl_test_ui_wait_until (prompt_is_shown, NULL, 5000));
  g_assert_nonnull (cl_test_ui_main_window (app));
  AdwMessageDialog *prompt = ADW_MESSAGE_DIALOG (cl_test_ui_find_window (ADW_TYPE_MESSAGE_DIALOG));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (prompt));
  cl_test_ui_spin (300);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (prompt), "save-prompt.png") });
  adw_message_dialog_response (prompt, "discard");
  gtk_window_destroy (GTK_WINDOW (prompt));
  g_assert_true (cl_test_ui_wait_until (no_windows_left, NULL, 5000));
  g_assert_false (g_file_test (autosave, G_FILE_TEST_IS_REGULAR));
}

int
main (int argc, char **argv)
{
  cl_test_ui_init (&argc, &argv);
  app = cl_test_ui_start_app ();
  gtk_window_set_default_size (cl_test_ui_main_window (app), 1280, 760);
  cl_test_ui_spin (100);

  g_test_add_func ("/ui/editor/build-lenet5-by-drops", test_build_lenet5_by_drops);
  g_test_add_func ("/ui/editor/invalid-edit-marks-then-clears", test_invalid_edit_marks_then_clears);
  g_test_add_func ("/ui/editor/undo-redo-round-trip", test_undo_redo_round_trip);
  g_test_add_func ("/ui/editor/save-open-round-trip", test_save_open_round_trip);
  g_test_add_func ("/ui/editor/keyboard", test_keyboard_editing);
  g_test_add_func ("/ui/editor/palette-drag-and-block-move", test_palette_drag_content_and_block_move);
  g_test_add_func ("/ui/editor/template-zoom-dark", test_template_and_zoom);
  g_test_add_func ("/ui/editor/data-choice", test_data_choice);
  g_test_add_func ("/ui/editor/image-folder-settings", test_image_folder_settings);
  g_test_add_func ("/ui/editor/augmentation", test_augmentation);
  g_test_add_func ("/ui/editor/gabor-recipe-settings", test_gabor_recipe_settings);
  g_test_add_func ("/ui/editor/lecun-offered", test_lecun_offered);
  g_test_add_func ("/ui/editor/open-model", test_open_model);
  g_test_add_func ("/ui/editor/new-asks-first", test_new_asks_first);
  g_test_add_func ("/ui/editor/autosave-offered-back", test_autosave_offered_back);

  int status = g_test_run ();
  close_with_prompt ();
  g_object_unref (app);
  return status;
}
