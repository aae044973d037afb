/* Fits the screens classrooms have (issue 14): on the screen this binary
 * runs on (1024×768 or 1280×800, from on-own-display.sh) and in the language given
 * by --language=fr|en, no label, button or tab of the window, its panels,
 * the inspector, the shortcuts window or a dialog is cut or ellipsized. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "cl-app-columns.h"
#include "cl-app-network-canvas.h"
#include "cl-app-palette.h"
#include "cl-app-training.h"
#include "cl-app-window.h"
#include "engine/design-file.h"
#include "tests/use-language.h"
#include "ui-harness.h"
#include "ui-training.h"

static ClAppApplication *app;
static const char *language = "en";

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

/* The window as a window manager shows it on this screen: all of it. */
static void
fill_screen (void)
{
  GtkWidget *w = GTK_WIDGET (window ());
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (w));
  GdkMonitor *monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (w), surface);
  GdkRectangle screen;

  gdk_monitor_get_geometry (monitor, &screen);
  gtk_window_unmaximize (GTK_WINDOW (w));
  gtk_window_set_default_size (GTK_WINDOW (w), screen.width, screen.height);
  cl_test_ui_spin (300);
}

/* "where" with the screen and the language, for reports and file names. */
static char *
place (const char *where)
{
  GtkWidget *w = GTK_WIDGET (window ());
  GdkMonitor *monitor = gdk_display_get_monitor_at_surface (gtk_widget_get_display (w),
                                                            gtk_native_get_surface (GTK_NATIVE (w)));
  GdkRectangle screen;

  gdk_monitor_get_geometry (monitor, &screen);
  return g_strdup_printf ("%s-%s-%dx%d", where, language, screen.width, screen.height);
}

static void
assert_fits (GtkWidget *widget, const char *where)
{
  g_autofree char *name = place (where);
  g_autofree char *png = g_strconcat ("fit-", name, ".png", NULL);

  cl_test_ui_spin (100);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (widget, png) });
  cl_test_ui_assert_nothing_clipped (widget, name);
}

static gboolean
has_snapshot (gpointer data)
{
  return cl_app_training_get_snapshot (training ()) != NULL;
}

static void
load_example (const char *file)
{
  g_autofree char *dir = cl_app_palette_find_designs_dir ();
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(ClDesign) design = cl_design_load (path, NULL);

  g_assert_nonnull (design);
  cl_app_training_forget (training ());
  cl_app_document_replace (cl_app_window_get_document (window ()), design);
  g_assert_true (cl_test_ui_wait_can_train (training (), 30000));
}

/* The window as it opens: palette with the examples, empty canvas. */
static void
test_window (void)
{
  assert_fits (GTK_WIDGET (window ()), "window");
}

/* The walker itself: an ellipsized label, a label squeezed under its
 * text's width by a clipping parent and a scroller needing a sideways
 * scroll are each reported; the same widgets with room are not. */
static void
test_walker_sees_cuts (void)
{
  GtkWidget *win = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *ellipsized = gtk_label_new ("An example name far too long for its row");
  GtkWidget *clip = gtk_paned_new (GTK_ORIENTATION_HORIZONTAL);
  GtkWidget *hidden = gtk_label_new ("Beyond the clipping edge");
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *wide = gtk_label_new ("A row wider than its scroller, scrolled sideways");
  g_autofree char *report = NULL;

  gtk_label_set_ellipsize (GTK_LABEL (ellipsized), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (ellipsized), 8);
  gtk_widget_set_halign (ellipsized, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (box), ellipsized);
  /* A divider dragged over the label: the paned clips it. */
  gtk_paned_set_start_child (GTK_PANED (clip), hidden);
  gtk_paned_set_end_child (GTK_PANED (clip), gtk_label_new ("Room"));
  gtk_paned_set_shrink_start_child (GTK_PANED (clip), TRUE);
  gtk_paned_set_position (GTK_PANED (clip), 40);
  gtk_box_append (GTK_BOX (box), clip);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC,
                                  GTK_POLICY_NEVER);
  gtk_widget_set_size_request (scroller, 80, 40);
  gtk_widget_set_halign (scroller, GTK_ALIGN_START);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), wide);
  gtk_box_append (GTK_BOX (box), scroller);
  gtk_window_set_child (GTK_WINDOW (win), box);
  gtk_window_set_default_size (GTK_WINDOW (win), 400, 200);
  gtk_window_present (GTK_WINDOW (win));
  gtk_test_widget_wait_for_draw (win);
  cl_test_ui_spin (200);

  report = cl_test_ui_describe_clipped (win);
  g_assert_nonnull (report);
  g_test_message ("%s", report);
  g_assert_nonnull (strstr (report, "\"An example name far too long for its row\" (in ): ellipsized"));
  g_assert_nonnull (strstr (report, "\"Beyond the clipping edge\" (in ): cut"));
  g_assert_nonnull (strstr (report, "GtkScrolledWindow \"\" (in ): needs a sideways scroll"));

  /* With room: nothing to report. */
  gtk_widget_set_hexpand (scroller, TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (ellipsized), -1);
  gtk_paned_set_position (GTK_PANED (clip), 300);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_NEVER);
  gtk_widget_set_size_request (scroller, -1, -1);
  cl_test_ui_spin (200);
  g_clear_pointer (&report, g_free);
  report = cl_test_ui_describe_clipped (win);
  g_assert_null (report);
  gtk_window_destroy (GTK_WINDOW (win));
}

static GtkWidget *
sized_box (int width, int height)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_size_request (box, width, height);
  return box;
}

/* ClAppColumns (the Training panel's settings and figures): side by side
 * when their minimums fit the width, one under the other when not, and
 * then as narrow as the widest: never a sideways scroll. */
static void
test_columns_stack_when_narrow (void)
{
  GtkWidget *win = gtk_window_new ();
  GtkWidget *columns = cl_app_columns_new (20);
  GtkWidget *a = sized_box (150, 50), *b = sized_box (150, 80);
  graphene_rect_t ra, rb;
  int min, nat;

  gtk_widget_set_parent (a, columns);
  gtk_widget_set_parent (b, columns);
  gtk_widget_measure (columns, GTK_ORIENTATION_HORIZONTAL, -1, &min, &nat, NULL, NULL);
  g_assert_cmpint (min, ==, 150);
  g_assert_cmpint (nat, ==, 150 + 20 + 150);
  gtk_widget_measure (columns, GTK_ORIENTATION_VERTICAL, 400, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, ==, 80);
  gtk_widget_measure (columns, GTK_ORIENTATION_VERTICAL, 300, &min, NULL, NULL, NULL);
  g_assert_cmpint (min, ==, 50 + 20 + 80);

  gtk_widget_set_halign (columns, GTK_ALIGN_FILL);
  gtk_window_set_child (GTK_WINDOW (win), columns);
  gtk_window_set_default_size (GTK_WINDOW (win), 400, 300);
  gtk_window_present (GTK_WINDOW (win));
  gtk_test_widget_wait_for_draw (win);
  cl_test_ui_spin (100);
  g_assert_true (cl_app_columns_get_side_by_side (CL_APP_COLUMNS (columns)));
  g_assert_true (gtk_widget_compute_bounds (a, columns, &ra));
  g_assert_true (gtk_widget_compute_bounds (b, columns, &rb));
  g_assert_cmpfloat (rb.origin.x, >=, ra.origin.x + ra.size.width + 20);
  g_assert_cmpfloat (rb.origin.y, ==, ra.origin.y);

  /* Too wide to sit side by side in 400 px: stacked, b under a. */
  gtk_widget_set_size_request (a, 250, 50);
  cl_test_ui_spin (100);
  gtk_test_widget_wait_for_draw (win);
  g_assert_false (cl_app_columns_get_side_by_side (CL_APP_COLUMNS (columns)));
  g_assert_true (gtk_widget_compute_bounds (a, columns, &ra));
  g_assert_true (gtk_widget_compute_bounds (b, columns, &rb));
  g_assert_cmpfloat (rb.origin.y, >=, ra.origin.y + ra.size.height + 20);
  g_assert_null (cl_test_ui_describe_clipped (win));
  gtk_window_destroy (GTK_WINDOW (win));
}

/* Nothing pops over the drawing when the pointer rests on the canvas:
 * no tooltip text, and no picture anywhere before a run (the empty canvas
 * draws its own hint).  Only an activation block of a trained design shows
 * its curve (tests/ui/test-activations-explorer.c). */
static void
test_canvas_has_no_tooltip (void)
{
  GtkWidget *canvas = cl_test_ui_find_by_type (GTK_WIDGET (window ()), CL_APP_TYPE_NETWORK_CANVAS);

  g_assert_nonnull (canvas);
  g_assert_null (gtk_widget_get_tooltip_text (canvas));
  int w = gtk_widget_get_width (canvas), h = gtk_widget_get_height (canvas);
  for (int y = 4; y < h; y += 16)
    for (int x = 4; x < w; x += 16)
      g_assert_cmpint (cl_app_network_canvas_curve_layer_at (CL_APP_NETWORK_CANVAS (canvas), x, y),
                       ==, -1);
}

/* Each panel (Alt+1…6) once it has something to show. */
static void
test_panels (void)
{
  static const char *const panels[] = {
    "training", "filters", "activations", "dropout", "curves", "landscape",
  };

  load_example ("lenet5.json");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.step", NULL));
  g_assert_true (cl_test_ui_wait_until (has_snapshot, NULL, 30000));
  for (guint i = 0; i < G_N_ELEMENTS (panels); i++)
    {
      g_autofree char *where = g_strconcat ("panel-", panels[i], NULL);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.show-panel", "s",
                                                 panels[i]));
      cl_test_ui_spin (300);
      assert_fits (GTK_WIDGET (window ()), where);
    }

  /* The Activations panel drawing: its pad and its row of drawing tools. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.show-panel", "s",
                                             "activations"));
  GtkWidget *drawing = cl_test_ui_find_by_name (GTK_WIDGET (window ()), "your-drawing");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (drawing), TRUE);
  cl_test_ui_spin (300);
  assert_fits (GTK_WIDGET (window ()), "panel-activations-drawing");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cl_test_ui_find_by_name (GTK_WIDGET (window ()), "test-images")), TRUE);
}

/* The inspector with each layer of LeNet-5 selected in turn. */
static void
test_inspector (void)
{
  ClAppDocument *document = cl_app_window_get_document (window ());

  load_example ("lenet5.json");
  int n = cl_net_spec_get_n_layers (cl_app_document_get_design (document)->spec);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *where = g_strdup_printf ("inspector-layer-%d", i);
      cl_app_document_set_selected (document, i);
      cl_test_ui_spin (100);
      g_autofree char *name = place (where);
      cl_test_ui_assert_nothing_clipped (GTK_WIDGET (window ()), name);
    }
  assert_fits (GTK_WIDGET (window ()), "inspector");
}

static void
collect_menu_buttons (GtkWidget *widget, GPtrArray *found)
{
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    {
      if (!gtk_widget_get_mapped (c) || GTK_IS_NATIVE (c))
        continue;
      if (GTK_IS_MENU_BUTTON (c))
        g_ptr_array_add (found, c);
      else
        collect_menu_buttons (c, found);
    }
}

static gboolean
is_mapped (gpointer widget)
{
  return gtk_widget_get_mapped (widget);
}

/* Every menu and popover of the window (primary menu, data choice, data
 * settings on a toy set, the inspector's), opened in turn and walked. */
static void
test_menus (void)
{
  g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

  load_example ("xor.json");   /* a toy set: its settings button shows */
  cl_app_document_set_selected (cl_app_window_get_document (window ()), 0);
  cl_test_ui_spin (200);
  collect_menu_buttons (GTK_WIDGET (window ()), buttons);
  g_assert_cmpuint (buttons->len, >=, 3);
  for (guint i = 0; i < buttons->len; i++)
    {
      GtkMenuButton *button = buttons->pdata[i];
      g_autofree char *where = g_strdup_printf ("menu-%u", i);

      gtk_menu_button_popup (button);
      GtkPopover *popover = gtk_menu_button_get_popover (button);
      g_assert_nonnull (popover);
      g_assert_true (cl_test_ui_wait_until (is_mapped, popover, 5000));
      gtk_test_widget_wait_for_draw (GTK_WIDGET (popover));
      cl_test_ui_spin (200);
      assert_fits (GTK_WIDGET (popover), where);
      gtk_menu_button_popdown (button);
      cl_test_ui_spin (100);
    }
}

static gboolean
window_is_shown (gpointer type)
{
  GtkWindow *w = cl_test_ui_find_window ((GType) GPOINTER_TO_SIZE (type));
  return w != NULL && gtk_widget_get_mapped (GTK_WIDGET (w));
}

static GtkWindow *
wait_for_window (GType type)
{
  g_assert_true (cl_test_ui_wait_until (window_is_shown, GSIZE_TO_POINTER (type), 10000));
  GtkWindow *w = cl_test_ui_find_window (type);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (w));
  cl_test_ui_spin (300);
  return w;
}

static void
test_shortcuts (void)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.show-help-overlay", NULL));
  GtkWindow *shortcuts = wait_for_window (GTK_TYPE_SHORTCUTS_WINDOW);
  assert_fits (GTK_WIDGET (shortcuts), "shortcuts");
  gtk_window_close (shortcuts);
  cl_test_ui_spin (200);
}

static void
test_about (void)
{
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  GtkWindow *about = wait_for_window (ADW_TYPE_ABOUT_WINDOW);
  assert_fits (GTK_WIDGET (about), "about");
  gtk_window_close (about);
  cl_test_ui_spin (200);
}

/* As a click on the dialog's button does: the response, then closed
 * (adw_message_dialog_response () alone leaves the dialog open). */
static void
answer (GtkWindow *dialog, const char *response)
{
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), response);
  gtk_window_destroy (dialog);
}

/* Export Picture (Ctrl+E) on the Filters panel. */
static void
test_export_dialog (void)
{
  if (!has_snapshot (NULL))
    {
      load_example ("lenet5.json");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.step", NULL));
      g_assert_true (cl_test_ui_wait_until (has_snapshot, NULL, 30000));
    }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.show-panel", "s", "filters"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.export-picture", NULL));
  GtkWindow *dialog = wait_for_window (ADW_TYPE_MESSAGE_DIALOG);
  assert_fits (GTK_WIDGET (dialog), "export");
  answer (dialog, "cancel");
  cl_test_ui_spin (200);
}

/* A message dialog is shown that is not `old`, which has gone. */
static gboolean
another_prompt (gpointer old)
{
  GtkWindow *prompt = cl_test_ui_find_window (ADW_TYPE_MESSAGE_DIALOG);
  return prompt != NULL && prompt != old && gtk_widget_get_mapped (GTK_WIDGET (prompt));
}

static gboolean
trained_an_epoch (gpointer data)
{
  return cl_app_training_get_unsaved_epochs (training ()) > 0;
}

/* New after a trained epoch and an edit: the design's save prompt, then
 * the run's. */
static void
test_save_prompts (void)
{
  ClAppDocument *document = cl_app_window_get_document (window ());

  load_example ("xor.json");   /* a toy set: an epoch takes a moment */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.play-pause", NULL));
  g_assert_true (cl_test_ui_wait_until (trained_an_epoch, NULL, 60000));
  if (cl_app_training_get_running (training ()))
    gtk_widget_activate_action (GTK_WIDGET (window ()), "win.play-pause", NULL);
  cl_app_document_set_selected (document, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.insert-layer", "s", "ReLU"));
  g_assert_true (cl_app_document_get_dirty (document));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.new", NULL));
  g_autoptr(GtkWindow) design_prompt = g_object_ref (wait_for_window (ADW_TYPE_MESSAGE_DIALOG));
  assert_fits (GTK_WIDGET (design_prompt), "design-prompt");
  answer (design_prompt, "discard");
  /* Then the run's epochs, a dialog of its own. */
  g_assert_true (cl_test_ui_wait_until (another_prompt, design_prompt, 10000));
  GtkWindow *run_prompt = cl_test_ui_find_window (ADW_TYPE_MESSAGE_DIALOG);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (run_prompt));
  assert_fits (GTK_WIDGET (run_prompt), "run-prompt");
  answer (run_prompt, "discard");
  cl_test_ui_spin (300);
}

int
main (int argc, char **argv)
{
  /* --language=fr|en picks the language, as LANGUAGE= does for the app;
   * g_test_init leaves options it does not know. */
  for (int i = 1; i < argc; i++)
    if (g_str_has_prefix (argv[i], "--language="))
      language = argv[i] + strlen ("--language=");
  cl_test_use_language (language);

  cl_test_ui_init (&argc, &argv);
  app = cl_test_ui_start_app ();
  fill_screen ();
  g_test_add_func ("/ui/fit/walker-sees-cuts", test_walker_sees_cuts);
  g_test_add_func ("/ui/fit/columns-stack-when-narrow", test_columns_stack_when_narrow);
  g_test_add_func ("/ui/fit/window", test_window);
  g_test_add_func ("/ui/fit/canvas-has-no-tooltip", test_canvas_has_no_tooltip);
  g_test_add_func ("/ui/fit/panels", test_panels);
  g_test_add_func ("/ui/fit/inspector", test_inspector);
  g_test_add_func ("/ui/fit/menus", test_menus);
  g_test_add_func ("/ui/fit/shortcuts", test_shortcuts);
  g_test_add_func ("/ui/fit/about", test_about);
  g_test_add_func ("/ui/fit/export-dialog", test_export_dialog);
  g_test_add_func ("/ui/fit/save-prompts", test_save_prompts);
  int status = g_test_run ();
  /* Nothing left to ask: the last test discarded its work. */
  cl_test_ui_stop_app (app);
  g_object_unref (app);
  return status;
}
