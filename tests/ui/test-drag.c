/* A real pointer drag, as a student's mouse makes it: xdotool presses on
 * the palette's Dense row, moves over the canvas in steps and releases;
 * the layer must be inserted.  Runs alone on its own X display. */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "cl-app-inspector.h"
#include "cl-app-network-canvas.h"
#include "cl-app-palette.h"
#include "cl-app-window.h"
#include "ui-harness.h"

static ClAppApplication *app;

static void
test_pointer_drag_from_palette_inserts (void)
{
  GtkWindow *window = cl_test_ui_main_window (app);
  ClAppDocument *document = cl_app_window_get_document (CL_APP_WINDOW (window));
  GtkWidget *palette = cl_test_ui_find_by_type (GTK_WIDGET (window), CL_APP_TYPE_PALETTE);
  GtkWidget *canvas = cl_test_ui_find_by_type (GTK_WIDGET (window), CL_APP_TYPE_NETWORK_CANVAS);
  GtkWidget *row = cl_app_palette_get_row (CL_APP_PALETTE (palette), "Dense");
  int x0, y0, x1, y1;

  g_assert_nonnull (row);
  g_assert_cmpint (cl_app_document_get_n_layers (document), ==, 0);
  cl_test_ui_screen_point (row, 40, gtk_widget_get_height (row) / 2.0, &x0, &y0);
  cl_test_ui_screen_point (canvas, gtk_widget_get_width (canvas) * 0.7, gtk_widget_get_height (canvas) / 3.0,
                &x1, &y1);

  g_autofree char *start = g_strdup_printf ("mousemove %d %d", x0, y0);
  cl_test_ui_xdotool (start, 60);
  cl_test_ui_xdotool ("mousedown 1", 60);
  for (int i = 1; i <= 8; i++)
    {
      g_autofree char *step = g_strdup_printf ("mousemove %d %d", x0 + (x1 - x0) * i / 8,
                                               y0 + (y1 - y0) * i / 8);
      cl_test_ui_xdotool (step, 60);
    }
  /* Hovering: the insertion marker shows where the layer will land. */
  g_assert_cmpint (cl_app_network_canvas_get_marker (CL_APP_NETWORK_CANVAS (canvas)), ==, 0);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window), "drag-hover.png") });
  cl_test_ui_xdotool ("mouseup 1", 60);
  cl_test_ui_spin (300);

  g_assert_cmpint (cl_app_document_get_n_layers (document), ==, 1);
  g_assert_cmpstr (cl_net_spec_get_layer_kind (cl_app_document_get_spec (document), 0)->name,
                   ==, "Dense");
  g_assert_cmpint (cl_app_network_canvas_get_marker (CL_APP_NETWORK_CANVAS (canvas)), ==, -1);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window), "drag-dropped.png") });
}

/* A block dragged off the canvas (onto the palette) is thrown away. */
static void
test_pointer_drag_off_canvas_removes (void)
{
  GtkWindow *window = cl_test_ui_main_window (app);
  ClAppDocument *document = cl_app_window_get_document (CL_APP_WINDOW (window));
  GtkWidget *palette = cl_test_ui_find_by_type (GTK_WIDGET (window), CL_APP_TYPE_PALETTE);
  GtkWidget *canvas = cl_test_ui_find_by_type (GTK_WIDGET (window), CL_APP_TYPE_NETWORK_CANVAS);
  double bx, by;
  int x0, y0, x1, y1;

  g_assert_cmpint (cl_app_document_get_n_layers (document), ==, 1);
  g_assert_true (cl_app_network_canvas_get_layer_center (CL_APP_NETWORK_CANVAS (canvas), 0, &bx, &by));
  cl_test_ui_screen_point (canvas, bx, by - 40, &x0, &y0);
  cl_test_ui_screen_point (palette, gtk_widget_get_width (palette) / 2.0, gtk_widget_get_height (palette) / 2.0,
                &x1, &y1);

  g_autofree char *start = g_strdup_printf ("mousemove %d %d", x0, y0);
  cl_test_ui_xdotool (start, 60);
  cl_test_ui_xdotool ("mousedown 1", 60);
  for (int i = 1; i <= 8; i++)
    {
      g_autofree char *step = g_strdup_printf ("mousemove %d %d", x0 + (x1 - x0) * i / 8,
                                               y0 + (y1 - y0) * i / 8);
      cl_test_ui_xdotool (step, 60);
    }
  cl_test_ui_xdotool ("mouseup 1", 60);
  cl_test_ui_spin (500);
  g_assert_cmpint (cl_app_document_get_n_layers (document), ==, 0);

  /* Undo brings it back; then leave nothing to save, so closing asks nothing. */
  cl_app_document_undo (document);
  g_assert_cmpint (cl_app_document_get_n_layers (document), ==, 1);
  cl_app_document_load (document, NULL, NULL);
}

/* ---- a whole session: LeNet-5 by pointer and keyboard alone ------------ */

static int user_actions;

static void
pointer_drag (int x0, int y0, int x1, int y1)
{
  g_autofree char *start = g_strdup_printf ("mousemove %d %d", x0, y0);
  cl_test_ui_xdotool (start, 60);
  cl_test_ui_xdotool ("mousedown 1", 60);
  for (int i = 1; i <= 6; i++)
    {
      g_autofree char *step = g_strdup_printf ("mousemove %d %d", x0 + (x1 - x0) * i / 6,
                                               y0 + (y1 - y0) * i / 6);
      cl_test_ui_xdotool (step, 60);
    }
  cl_test_ui_xdotool ("mouseup 1", 60);
  cl_test_ui_spin (150);
}

/* Drags a palette row to the bottom right of the visible canvas: after the
 * last layer, as a student appends. */
static void
drag_to_end (const char *kind)
{
  GtkWindow *window = cl_test_ui_main_window (app);
  ClAppDocument *document = cl_app_window_get_document (CL_APP_WINDOW (window));
  GtkWidget *palette = cl_test_ui_find_by_type (GTK_WIDGET (window), CL_APP_TYPE_PALETTE);
  GtkWidget *canvas = cl_test_ui_find_by_type (GTK_WIDGET (window), CL_APP_TYPE_NETWORK_CANVAS);
  GtkWidget *scroller = gtk_widget_get_ancestor (canvas, GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *row = cl_app_palette_get_row (CL_APP_PALETTE (palette), kind);
  int n = cl_app_document_get_n_layers (document);
  int x0, y0, x1, y1;

  cl_test_ui_screen_point (row, 40, gtk_widget_get_height (row) / 2.0, &x0, &y0);
  cl_test_ui_screen_point (scroller, gtk_widget_get_width (scroller) - 30,
                gtk_widget_get_height (scroller) - 40, &x1, &y1);
  pointer_drag (x0, y0, x1, y1);
  user_actions++;
  g_assert_cmpint (cl_app_document_get_n_layers (document), ==, n + 1);
  g_assert_cmpstr (cl_net_spec_get_layer_kind (cl_app_document_get_spec (document), n)->name,
                   ==, kind);
}

/* Clicks in the inspector's spin button, selects its text, types. */
static void
type_setting (const char *setting, int value)
{
  GtkWindow *window = cl_test_ui_main_window (app);
  GtkWidget *inspector = cl_test_ui_find_by_type (GTK_WIDGET (window), CL_APP_TYPE_INSPECTOR);
  GtkWidget *editor = cl_app_inspector_get_editor (CL_APP_INSPECTOR (inspector), setting);
  int x, y;

  g_assert_nonnull (editor);
  cl_test_ui_screen_point (editor, 14, gtk_widget_get_height (editor) / 2.0, &x, &y);
  g_autofree char *click = g_strdup_printf ("mousemove %d %d click 1", x, y);
  cl_test_ui_xdotool (click, 60);
  cl_test_ui_xdotool ("key ctrl+a", 60);
  g_autofree char *type = g_strdup_printf ("type %d", value);
  cl_test_ui_xdotool (type, 60);
  cl_test_ui_xdotool ("key Return", 60);
  user_actions++;
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (editor)), ==, value);
}

/* Opens the drop-down and picks the entry `down` steps below the current one. */
static void
choose_setting (const char *setting, int down)
{
  GtkWindow *window = cl_test_ui_main_window (app);
  GtkWidget *inspector = cl_test_ui_find_by_type (GTK_WIDGET (window), CL_APP_TYPE_INSPECTOR);
  GtkWidget *editor = cl_app_inspector_get_editor (CL_APP_INSPECTOR (inspector), setting);
  guint before = gtk_drop_down_get_selected (GTK_DROP_DOWN (editor));
  int x, y;

  cl_test_ui_screen_point (editor, gtk_widget_get_width (editor) / 2.0, gtk_widget_get_height (editor) / 2.0,
                &x, &y);
  g_autofree char *click = g_strdup_printf ("mousemove %d %d click 1", x, y);
  cl_test_ui_xdotool (click, 60);
  cl_test_ui_spin (300);
  for (int i = 0; i < down; i++)
    cl_test_ui_xdotool ("key Down", 60);
  cl_test_ui_xdotool ("key Return", 60);
  cl_test_ui_spin (200);
  user_actions++;
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (editor)), ==, before + down);
}

static void
test_session_builds_lenet5 (void)
{
  GtkWindow *window = cl_test_ui_main_window (app);
  ClAppDocument *document = cl_app_window_get_document (CL_APP_WINDOW (window));

  cl_app_document_load (document, NULL, NULL);
  user_actions = 0;
  cl_test_ui_spin (200);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window), "session-0-empty.png") });

  drag_to_end ("Conv2D");
  type_setting ("filters", 6);
  type_setting ("kernel", 5);       /* padding "Same": 2 on each side, as LeNet */
  drag_to_end ("ReLU");
  drag_to_end ("MaxPool2D");
  drag_to_end ("Conv2D");
  type_setting ("filters", 16);
  type_setting ("kernel", 5);
  choose_setting ("padding", 1);    /* Same -> Valid */
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window), "session-1-convolutions.png") });
  drag_to_end ("ReLU");
  drag_to_end ("MaxPool2D");
  drag_to_end ("Flatten");
  drag_to_end ("Dense");
  type_setting ("units", 120);
  drag_to_end ("ReLU");
  drag_to_end ("Dense");
  type_setting ("units", 84);
  drag_to_end ("ReLU");
  drag_to_end ("Dense");            /* 10 units by default */
  drag_to_end ("Softmax");

  g_assert_null (cl_app_document_get_error (document));
  g_assert_cmpuint (cl_app_document_get_total_params (document), ==, 61706);
  g_test_message ("LeNet-5 built from an empty canvas in %d user actions "
                  "(13 drags, %d inspector edits)", user_actions, user_actions - 13);
  g_assert_cmpint (user_actions, ==, 20);
  cl_test_ui_spin (200);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window), "session-2-lenet5.png") });

  /* Leave nothing to save, so closing asks nothing. */
  cl_app_document_load (document, NULL, NULL);
}

static gboolean
panel_shown (gpointer name)
{
  GtkWidget *root = GTK_WIDGET (cl_test_ui_main_window (app));
  AdwViewStack *stack = ADW_VIEW_STACK (cl_test_ui_find_by_type (root, ADW_TYPE_VIEW_STACK));
  return g_strcmp0 (adw_view_stack_get_visible_child_name (stack), name) == 0;
}

/* Alt+1 … Alt+6 show the panels, as real key presses make them. */
static void
test_alt_number_shows_panels (void)
{
  GtkWidget *root = GTK_WIDGET (cl_test_ui_main_window (app));
  int x, y;

  cl_test_ui_screen_point (root, 400, 20, &x, &y);
  g_autofree char *to_title = g_strdup_printf ("mousemove %d %d click 1", x, y);
  cl_test_ui_xdotool (to_title, 60);
  cl_test_ui_xdotool ("key alt+5", 60);
  g_assert_true (cl_test_ui_wait_until (panel_shown, "curves", 5000));
  cl_test_ui_xdotool ("key alt+2", 60);
  g_assert_true (cl_test_ui_wait_until (panel_shown, "filters", 5000));
  cl_test_ui_xdotool ("key alt+1", 60);
  g_assert_true (cl_test_ui_wait_until (panel_shown, "training", 5000));
}

int
main (int argc, char **argv)
{
  cl_test_ui_init (&argc, &argv);
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  if (xdotool == NULL)
    {
      printf ("1..0 # SKIP xdotool is not installed\n");
      return 0;
    }
  app = cl_test_ui_start_app ();
  gtk_window_set_default_size (cl_test_ui_main_window (app), 1280, 760);
  cl_test_ui_spin (300);

  g_test_add_func ("/ui/drag/pointer-drag-from-palette-inserts", test_pointer_drag_from_palette_inserts);
  g_test_add_func ("/ui/drag/pointer-drag-off-canvas-removes", test_pointer_drag_off_canvas_removes);
  g_test_add_func ("/ui/drag/session-builds-lenet5", test_session_builds_lenet5);
  g_test_add_func ("/ui/drag/alt-number-shows-panels", test_alt_number_shows_panels);

  int status = g_test_run ();
  cl_test_ui_stop_app (app);
  g_object_unref (app);
  return status;
}
