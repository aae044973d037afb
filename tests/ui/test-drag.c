/* A real pointer drag, as a student's mouse makes it: xdotool presses on
 * the palette's Dense row, moves over the canvas in steps and releases;
 * the layer must be inserted.  Runs alone on its own X display. */
#include "config.h"

#include <adwaita.h>
#include <stdio.h>

#include "cl-app-network-canvas.h"
#include "cl-app-palette.h"
#include "cl-app-window.h"
#include "ui-harness.h"

static ClAppApplication *app;

static GtkWidget *
find_by_type (GtkWidget *root, GType type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
        return child;
      GtkWidget *found = find_by_type (child, type);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
xdotool (const char *args)
{
  g_autofree char *command = g_strdup_printf ("xdotool %s", args);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  /* Let GTK see the events before the next one. */
  cl_test_ui_spin (60);
}

/* Screen coordinates of a point of a widget: the window sits at 0,0 (no
 * window manager under Xvfb), its surface may add a CSD shadow margin. */
static void
screen_point (GtkWidget *widget, double x, double y, int *sx, int *sy)
{
  GtkNative *native = gtk_widget_get_native (widget);
  graphene_point_t in = GRAPHENE_POINT_INIT (x, y), out;
  double dx, dy;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (native), &in, &out));
  gtk_native_get_surface_transform (native, &dx, &dy);
  *sx = (int) (out.x + dx);
  *sy = (int) (out.y + dy);
}

static void
test_pointer_drag_from_palette_inserts (void)
{
  GtkWindow *window = cl_test_ui_main_window (app);
  ClAppDocument *document = cl_app_window_get_document (CL_APP_WINDOW (window));
  GtkWidget *palette = find_by_type (GTK_WIDGET (window), CL_APP_TYPE_PALETTE);
  GtkWidget *canvas = find_by_type (GTK_WIDGET (window), CL_APP_TYPE_NETWORK_CANVAS);
  GtkWidget *row = cl_app_palette_get_row (CL_APP_PALETTE (palette), "Dense");
  int x0, y0, x1, y1;

  g_assert_nonnull (row);
  g_assert_cmpint (cl_app_document_get_n_layers (document), ==, 0);
  screen_point (row, 40, gtk_widget_get_height (row) / 2.0, &x0, &y0);
  screen_point (canvas, gtk_widget_get_width (canvas) * 0.7, gtk_widget_get_height (canvas) / 3.0,
                &x1, &y1);

  g_autofree char *start = g_strdup_printf ("mousemove %d %d", x0, y0);
  xdotool (start);
  xdotool ("mousedown 1");
  for (int i = 1; i <= 8; i++)
    {
      g_autofree char *step = g_strdup_printf ("mousemove %d %d", x0 + (x1 - x0) * i / 8,
                                               y0 + (y1 - y0) * i / 8);
      xdotool (step);
    }
  /* Hovering: the insertion marker shows where the layer will land. */
  g_assert_cmpint (cl_app_network_canvas_get_marker (CL_APP_NETWORK_CANVAS (canvas)), ==, 0);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window), "drag-hover.png") });
  xdotool ("mouseup 1");
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
  GtkWidget *palette = find_by_type (GTK_WIDGET (window), CL_APP_TYPE_PALETTE);
  GtkWidget *canvas = find_by_type (GTK_WIDGET (window), CL_APP_TYPE_NETWORK_CANVAS);
  double bx, by;
  int x0, y0, x1, y1;

  g_assert_cmpint (cl_app_document_get_n_layers (document), ==, 1);
  g_assert_true (cl_app_network_canvas_get_layer_center (CL_APP_NETWORK_CANVAS (canvas), 0, &bx, &by));
  screen_point (canvas, bx, by - 40, &x0, &y0);
  screen_point (palette, gtk_widget_get_width (palette) / 2.0, gtk_widget_get_height (palette) / 2.0,
                &x1, &y1);

  g_autofree char *start = g_strdup_printf ("mousemove %d %d", x0, y0);
  xdotool (start);
  xdotool ("mousedown 1");
  for (int i = 1; i <= 8; i++)
    {
      g_autofree char *step = g_strdup_printf ("mousemove %d %d", x0 + (x1 - x0) * i / 8,
                                               y0 + (y1 - y0) * i / 8);
      xdotool (step);
    }
  xdotool ("mouseup 1");
  cl_test_ui_spin (500);
  g_assert_cmpint (cl_app_document_get_n_layers (document), ==, 0);

  /* Undo brings it back; then leave nothing to save, so closing asks nothing. */
  cl_app_document_undo (document);
  g_assert_cmpint (cl_app_document_get_n_layers (document), ==, 1);
  cl_app_document_load (document, NULL, NULL);
}

int
main (int argc, char **argv)
{
  cl_test_ui_init (&argc, &argv);
  if (g_find_program_in_path ("xdotool") == NULL)
    {
      printf ("1..0 # SKIP xdotool is not installed\n");
      return 0;
    }
  app = cl_test_ui_start_app ();
  gtk_window_set_default_size (cl_test_ui_main_window (app), 1280, 760);
  cl_test_ui_spin (300);

  g_test_add_func ("/ui/drag/pointer-drag-from-palette-inserts", test_pointer_drag_from_palette_inserts);
  g_test_add_func ("/ui/drag/pointer-drag-off-canvas-removes", test_pointer_drag_off_canvas_removes);

  int status = g_test_run ();
  cl_test_ui_stop_app (app);
  g_object_unref (app);
  return status;
}
