/* Your own input in the Activations panel: a stroke drawn on the pad with
 * a real pointer (xdotool) changes the network's input, its prediction and
 * its maps; the prediction is the network's forward on that input; an
 * image file that cannot be read is named in a toast.  In French, with the
 * screenshots of data/screenshots/drawing-*.png. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "cl-app-drawing-pad.h"
#include "cl-app-palette.h"
#include "cl-app-panels.h"
#include "cl-app-training.h"
#include "cl-app-window.h"
#include "engine/input-image.h"
#include "engine/snapshot-net.h"
#include "render/render-input-pad.h"
#include "tests/use-language.h"
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

static gboolean
stepped (gpointer data)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (training ());
  return s != NULL && s->step >= GPOINTER_TO_UINT (data) && s->n_layers > 0;
}

/* LeNet-5 (the example) after a few steps: trained a little, quickly. */
static void
train_lenet5 (void)
{
  g_autofree char *dir = cl_app_palette_find_designs_dir ();
  g_autofree char *path = g_build_filename (dir, "lenet5.json", NULL);
  g_autoptr(ClDesign) design = cl_design_load (path, NULL);

  g_assert_nonnull (design);
  cl_app_training_forget (training ());
  cl_app_document_replace (cl_app_window_get_document (window ()), design);
  g_assert_true (cl_test_ui_wait_can_train (training (), 60000));
  for (guint i = 1; i <= 5; i++)
    {
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.step", NULL));
      g_assert_true (cl_test_ui_wait_until (stepped, GUINT_TO_POINTER (i), 60000));
    }
}

static GtkWidget *
activations_panel (void)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.show-panel", "s",
                                             "activations"));
  AdwViewStack *stack = ADW_VIEW_STACK (cl_test_ui_find_by_type (GTK_WIDGET (window ()), ADW_TYPE_VIEW_STACK));
  GtkWidget *page = adw_view_stack_get_child_by_name (stack, "activations");
  return cl_test_ui_find_by_type (page, CL_APP_TYPE_PICTURE_PANEL);
}

typedef struct {
  GtkWidget *panel;
  guint n_draws;
} Drawn;

/* The picture was drawn again, with the user's input through the network. */
static gboolean
drawn_again (gpointer data)
{
  Drawn *d = data;
  ClAppSnapshotView *view = cl_app_picture_panel_get_view (CL_APP_PICTURE_PANEL (d->panel));
  return cl_app_snapshot_view_get_n_draws (view) > d->n_draws
         && cl_app_panel_activations_get_shown (d->panel) != NULL;
}

static void
wait_for_draw (GtkWidget *panel)
{
  Drawn d = { panel, cl_app_snapshot_view_get_n_draws (cl_app_picture_panel_get_view (CL_APP_PICTURE_PANEL (panel))) };
  gtk_widget_queue_draw (GTK_WIDGET (cl_app_picture_panel_get_view (CL_APP_PICTURE_PANEL (panel))));
  g_assert_true (cl_test_ui_wait_until (drawn_again, &d, 10000));
}

/* The output of layer i for what the panel shows, copied. */
static float *
copy_layer (GtkWidget *panel, int layer, gsize *n)
{
  const ClSnapshot *s = cl_app_panel_activations_get_shown (panel);
  ClShape sh = s->layers[layer].shape;
  *n = (gsize) sh.c * sh.h * sh.w;
  return g_memdup2 (s->layers[layer].activations, *n * sizeof (float));
}

/* Screen point of input pixel coordinates (x, y) on the pad. */
static void
pad_point (GtkWidget *pad, double x, double y, int *sx, int *sy)
{
  ClShape shape;
  double ox, oy, cell;

  cl_app_drawing_pad_get_pixels (CL_APP_DRAWING_PAD (pad), &shape);
  cl_render_input_pad_geometry (shape, gtk_widget_get_width (pad), gtk_widget_get_height (pad),
                                &ox, &oy, &cell);
  cl_test_ui_screen_point (pad, ox + x * cell, oy + y * cell, sx, sy);
}

/* Presses at input pixel (x, y0) of the pad, moves to (x, y1) in eight
 * steps and releases: xdotool, a real pointer on the X server. */
static void
draw_vertical_stroke (GtkWidget *pad, double x, double y0, double y1)
{
  int sx, sy;
  char *command;

  pad_point (pad, x, y0, &sx, &sy);
  command = g_strdup_printf ("mousemove %d %d", sx, sy);
  cl_test_ui_xdotool (command, 100);
  g_free (command);
  cl_test_ui_xdotool ("mousedown 1", 100);
  for (int k = 1; k <= 8; k++)
    {
      pad_point (pad, x, y0 + k * (y1 - y0) / 8, &sx, &sy);
      command = g_strdup_printf ("mousemove %d %d", sx, sy);
      cl_test_ui_xdotool (command, 60);
      g_free (command);
    }
  cl_test_ui_xdotool ("mouseup 1", 100);
}

static gboolean
max_differs (const float *a, const float *b, gsize n, double by)
{
  double most = 0;
  for (gsize k = 0; k < n; k++)
    most = MAX (most, fabs (a[k] - b[k]));
  g_test_message ("largest change %g", most);
  return most > by;
}

static gboolean
input_changed (gpointer data)
{
  int c, h, w;
  const float *x = cl_app_training_get_user_input (training (), &c, &h, &w);
  /* The stroke's middle, input row 14 of column 14. */
  return x != NULL && x[14 * w + 14] > x[0];
}

static gboolean
input_changed_at_9 (gpointer data)
{
  int c, h, w;
  const float *x = cl_app_training_get_user_input (training (), &c, &h, &w);
  return x != NULL && x[14 * w + 9] > x[0];
}

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

static gboolean
toast_names (gpointer name)
{
  return find_label_containing (GTK_WIDGET (window ()), name) != NULL;
}

static gboolean
no_toast_names (gpointer text)
{
  GtkWidget *label = find_label_containing (GTK_WIDGET (window ()), text);
  return label == NULL || !gtk_widget_get_mapped (label);
}

static void
screenshot (const char *name, int width, int height)
{
  gtk_window_unmaximize (GTK_WINDOW (window ()));
  gtk_window_set_default_size (GTK_WINDOW (window ()), width, height);
  cl_test_ui_spin (600);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), name) });
}

static void
test_draw_stroke (void)
{
  train_lenet5 ();
  GtkWidget *panel = activations_panel ();
  GtkWidget *pad = cl_test_ui_find_by_type (panel, CL_APP_TYPE_DRAWING_PAD);
  GtkWidget *drawing_button = cl_test_ui_find_by_name (panel, "your-drawing");

  /* No user input for other views until the user chooses to draw. */
  g_assert_null (cl_app_training_get_user_input (training (), NULL, NULL, NULL));
  g_assert_true (gtk_widget_get_sensitive (drawing_button));

  /* Maximised panels: the pad as large as a class sees it. */
  gtk_window_unmaximize (GTK_WINDOW (window ()));
  gtk_window_set_default_size (GTK_WINDOW (window ()), 1280, 720);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.maximise-panels", NULL));
  g_assert_false (gtk_widget_get_visible (pad));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (drawing_button), TRUE);
  cl_test_ui_spin (500);
  g_assert_true (gtk_widget_get_mapped (pad));
  g_assert_cmpint (gtk_widget_get_height (pad), >=, 4 * 28);
  wait_for_draw (panel);

  /* A blank pad's input: the prediction and maps of a black image. */
  int c, h, w;
  g_assert_nonnull (cl_app_training_get_user_input (training (), &c, &h, &w));
  g_assert_cmpint (c, ==, 1);
  g_assert_cmpint (h, ==, 28);
  g_assert_cmpint (w, ==, 28);
  gsize n_maps, n_out;
  g_autofree float *maps_before = copy_layer (panel, 0, &n_maps);
  const ClSnapshot *shown = cl_app_panel_activations_get_shown (panel);
  g_autofree float *out_before = copy_layer (panel, shown->n_layers - 1, &n_out);
  g_assert_cmpuint (n_out, ==, 10);

  /* A vertical stroke down the middle with the real pointer. */
  draw_vertical_stroke (pad, 14.5, 4.5, 23.5);
  g_assert_true (cl_test_ui_wait_until (input_changed, NULL, 5000));
  wait_for_draw (panel);

  /* The stroke is where it was drawn: column 14 from row 5 to 23 inked,
   * column 4 and the top rows untouched. */
  ClShape shape;
  const float *pixels = cl_app_drawing_pad_get_pixels (CL_APP_DRAWING_PAD (pad), &shape);
  for (int i = 6; i <= 22; i++)
    g_assert_cmpfloat (pixels[i * 28 + 14], >, 0.5);
  for (int i = 0; i < 28; i++)
    g_assert_cmpfloat (pixels[i * 28 + 4], ==, 0);
  for (int j = 0; j < 28; j++)
    g_assert_cmpfloat (pixels[0 * 28 + j], ==, 0);

  /* The prediction and the maps follow it. */
  g_autofree float *maps_after = copy_layer (panel, 0, &n_maps);
  shown = cl_app_panel_activations_get_shown (panel);
  g_autofree float *out_after = copy_layer (panel, shown->n_layers - 1, &n_out);
  g_assert_true (max_differs (maps_before, maps_after, n_maps, 1e-3));
  g_assert_true (max_differs (out_before, out_after, n_out, 1e-6));

  /* It is the network's forward on the input it was given. */
  const float *x = cl_app_training_get_user_input (training (), &c, &h, &w);
  g_assert_cmpmem (shown->probe_inputs, 28 * 28 * sizeof (float), x, 28 * 28 * sizeof (float));
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new_from_snapshot (cl_app_training_get_snapshot (training ()), 1, &error);
  g_assert_no_error (error);
  const float *out = cl_net_forward (net, x, 1, FALSE);
  for (int k = 0; k < 10; k++)
    g_assert_cmpfloat_with_epsilon (out_after[k], out[k], 1e-6);
  float sum = 0;
  for (int k = 0; k < 10; k++)
    sum += out_after[k];
  g_assert_cmpfloat_with_epsilon (sum, 1, 1e-4);

  /* The screenshots of the note, panels maximised, then the whole window. */
  cl_test_ui_spin (300);
  screenshot ("drawing-1280x720.png", 1280, 720);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.maximise-panels", NULL));
  screenshot ("drawing-window-1024x768.png", 1024, 768);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.maximise-panels", NULL));
  screenshot ("drawing-1024x768.png", 1024, 768);

  /* Clear: a blank input again, the first answer back. */
  g_signal_emit_by_name (cl_test_ui_find_by_name (panel, "clear"), "clicked");
  wait_for_draw (panel);
  /* (What the panel shows is borrowed until the next draw: read it anew.) */
  shown = cl_app_panel_activations_get_shown (panel);
  g_autofree float *out_cleared = copy_layer (panel, shown->n_layers - 1, &n_out);
  g_assert_cmpmem (out_cleared, 10 * sizeof (float), out_before, 10 * sizeof (float));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.maximise-panels", NULL));
}

static gboolean
presenting (gpointer data)
{
  return cl_app_window_get_presenting (window ());
}

/* Presentation mode with the keys a teacher uses (F11, Alt+3 for the
 * Activations panel): the pad stays, larger, and takes strokes. */
static void
test_presentation (void)
{
  GtkWidget *panel = activations_panel ();
  GtkWidget *pad = cl_test_ui_find_by_type (panel, CL_APP_TYPE_DRAWING_PAD);
  int normal_height = gtk_widget_get_height (pad);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cl_test_ui_find_by_name (panel, "your-drawing")), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.show-panel", "s", "filters"));
  /* The projector's size (no window manager makes full screen so). */
  gtk_window_set_default_size (GTK_WINDOW (window ()), 1280, 720);
  cl_test_ui_spin (200);
  /* The pointer on the window gives it the keyboard (no window manager). */
  int sx, sy;
  cl_test_ui_screen_point (GTK_WIDGET (window ()), 600, 300, &sx, &sy);
  g_autofree char *move = g_strdup_printf ("mousemove %d %d", sx, sy);
  cl_test_ui_xdotool (move, 100);
  cl_test_ui_xdotool ("key F11", 300);
  g_assert_true (cl_test_ui_wait_until (presenting, NULL, 5000));
  cl_test_ui_xdotool ("key alt+3", 800);
  g_assert_true (gtk_widget_get_mapped (pad));
  g_test_message ("pad %d×%d presented, %d high in the window", gtk_widget_get_width (pad),
                  gtk_widget_get_height (pad), normal_height);
  /* Large: well over the 8 screen pixels per input pixel of the window. */
  g_assert_cmpint (gtk_widget_get_width (pad), >=, 12 * 28);
  g_assert_cmpint (gtk_widget_get_height (pad), >=, 12 * 28);

  g_signal_emit_by_name (cl_test_ui_find_by_name (panel, "clear"), "clicked");
  draw_vertical_stroke (pad, 9.5, 3.5, 24.5);
  g_assert_true (cl_test_ui_wait_until (input_changed_at_9, NULL, 5000));
  wait_for_draw (panel);
  /* The toast saying how to leave goes after its few seconds: the
   * screenshot is for the class, without it. */
  g_assert_true (cl_test_ui_wait_until (no_toast_names, "Alt+0", 10000));
  cl_test_ui_spin (300);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), "drawing-present-1280x720.png") });
  cl_test_ui_xdotool ("key Escape", 300);
  g_assert_false (cl_app_window_get_presenting (window ()));
}

/* Open image: a broken file is named in a toast and the drawing stays; a
 * real one (inverted: white becomes black) replaces it. */
static void
test_open_image (void)
{
  GtkWidget *panel = activations_panel ();
  GtkWidget *pad = cl_test_ui_find_by_type (panel, CL_APP_TYPE_DRAWING_PAD);
  g_autofree char *dir = g_dir_make_tmp ("convlab-drawing-XXXXXX", NULL);
  g_autofree char *bad = g_build_filename (dir, "not-a-picture.png", NULL);
  g_autofree char *good = g_build_filename (dir, "white.pgm", NULL);
  ClShape shape;

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cl_test_ui_find_by_name (panel, "your-drawing")), TRUE);
  cl_app_drawing_pad_get_pixels (CL_APP_DRAWING_PAD (pad), &shape);
  g_autofree float *before = g_memdup2 (cl_app_drawing_pad_get_pixels (CL_APP_DRAWING_PAD (pad), NULL),
                                        28 * 28 * sizeof (float));

  g_assert_true (g_file_set_contents (bad, "<html>not an image</html>", -1, NULL));
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad);
  g_assert_false (cl_app_panel_activations_open_image (panel, bad_file, FALSE));
  g_assert_true (cl_test_ui_wait_until (toast_names, "not-a-picture.png", 5000));
  g_assert_cmpmem (cl_app_drawing_pad_get_pixels (CL_APP_DRAWING_PAD (pad), NULL), 28 * 28 * sizeof (float),
                   before, 28 * 28 * sizeof (float));

  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/drawing-gone.png");
  /* (Its toast waits behind the first: one at a time.) */
  g_assert_false (cl_app_panel_activations_open_image (panel, missing, FALSE));

  /* A white square, grey and inverted: all black; not inverted: all white. */
  g_assert_true (g_file_set_contents (good, "P2\n2 2\n255\n255 255 255 255\n", -1, NULL));
  g_autoptr(GFile) good_file = g_file_new_for_path (good);
  g_assert_true (cl_app_panel_activations_open_image (panel, good_file, TRUE));
  const float *pixels = cl_app_drawing_pad_get_pixels (CL_APP_DRAWING_PAD (pad), NULL);
  g_assert_cmpfloat (pixels[0], ==, 0);
  g_assert_cmpfloat (pixels[28 * 28 - 1], ==, 0);
  g_assert_true (cl_app_panel_activations_open_image (panel, good_file, FALSE));
  g_assert_cmpfloat_with_epsilon (pixels[14 * 28 + 14], 1, 1e-6);
  /* Given to the network as its data was: LeNet-5's is standardised. */
  int c, h, w;
  ClDataset *data = cl_app_training_get_data (training ());
  g_assert_cmpint (data->norm, ==, CL_DATASET_NORM_STANDARD);
  g_assert_cmpfloat_with_epsilon (cl_app_training_get_user_input (training (), &c, &h, &w)[0],
                                  (1 - data->mean[0]) / data->std[0], 1e-5);
  g_unlink (bad);
  g_unlink (good);
  g_rmdir (dir);
}

/* ---- the stroke-to-picture latency (bench/drawing-latency.sh) ---- */

typedef struct {
  ClAppSnapshotView *view;
  guint draws_at_stroke;   /* the view's draws when the pad last changed */
  gint64 painted;          /* when a frame with a newer draw was painted, or 0 */
} Latency;

static void
pad_changed_for_latency (Latency *l)
{
  l->draws_at_stroke = cl_app_snapshot_view_get_n_draws (l->view);
  l->painted = 0;
}

static void
after_paint (GdkFrameClock *clock, Latency *l)
{
  if (l->painted == 0 && cl_app_snapshot_view_get_n_draws (l->view) > l->draws_at_stroke)
    l->painted = g_get_monotonic_time ();
}

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static void
report (const char *what, GArray *ms)
{
  g_array_sort (ms, compare_doubles);
  double *v = (double *) ms->data;
  g_test_message ("latency %s: median %.1f ms, 90th percentile %.1f ms, max %.1f ms over %u strokes",
                  what, v[ms->len / 2], v[ms->len * 9 / 10], v[ms->len - 1], ms->len);
}

/* Each pointer motion of a stroke (xdotool, a real X event), then the main
 * loop until a frame with the picture drawn again has been painted: from
 * the event (xdotool has exited, so the event is on the X server and GTK
 * could read it) and from the pad's handler to that frame's after-paint. */
static void
measure_strokes (GtkWidget *panel, GtkWidget *pad, Latency *l, const char *what)
{
  g_autoptr(GArray) from_event = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) from_handler = g_array_new (FALSE, FALSE, sizeof (double));
  int sx, sy;

  for (int stroke = 0; stroke < 6; stroke++)
    {
      double x = 5.5 + stroke * 3;
      g_signal_emit_by_name (cl_test_ui_find_by_name (panel, "clear"), "clicked");
      pad_point (pad, x, 3.5, &sx, &sy);
      g_autofree char *start = g_strdup_printf ("mousemove %d %d", sx, sy);
      cl_test_ui_xdotool (start, 50);
      cl_test_ui_xdotool ("mousedown 1", 100);
      for (int k = 1; k <= 10; k++)
        {
          pad_point (pad, x, 3.5 + k * 2.1, &sx, &sy);
          g_autofree char *command = g_strdup_printf ("xdotool mousemove %d %d", sx, sy);
          gint64 before = cl_app_drawing_pad_get_stroke_time (CL_APP_DRAWING_PAD (pad));
          int status = 0;
          g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, NULL));
          gint64 sent = g_get_monotonic_time ();
          gint64 deadline = sent + 5 * G_USEC_PER_SEC;
          l->painted = 0;
          while ((cl_app_drawing_pad_get_stroke_time (CL_APP_DRAWING_PAD (pad)) == before
                  || l->painted == 0) && g_get_monotonic_time () < deadline)
            g_main_context_iteration (NULL, TRUE);
          g_assert_cmpint (l->painted, >, 0);
          double a = (l->painted - sent) / 1e3;
          double b = (l->painted - cl_app_drawing_pad_get_stroke_time (CL_APP_DRAWING_PAD (pad))) / 1e3;
          g_array_append_val (from_event, a);
          g_array_append_val (from_handler, b);
          cl_test_ui_spin (20);
        }
      cl_test_ui_xdotool ("mouseup 1", 50);
    }
  g_autofree char *e = g_strdup_printf ("%s, X event to picture painted", what);
  g_autofree char *h = g_strdup_printf ("%s, pad handler to picture painted", what);
  report (e, from_event);
  report (h, from_handler);
}

static gboolean
running (gpointer data)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (training ());
  return s != NULL && s->state == CL_TRAINER_RUNNING;
}

static void
test_latency (void)
{
  if (!g_test_perf ())
    {
      g_test_skip ("A measure, not a test: bench/drawing-latency.sh runs it (-m perf).");
      return;
    }
  GtkWidget *panel = activations_panel ();
  GtkWidget *pad = cl_test_ui_find_by_type (panel, CL_APP_TYPE_DRAWING_PAD);
  Latency l = { cl_app_picture_panel_get_view (CL_APP_PICTURE_PANEL (panel)), 0, 0 };

  train_lenet5 ();
  gtk_window_set_default_size (GTK_WINDOW (window ()), 1280, 720);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cl_test_ui_find_by_name (panel, "your-drawing")), TRUE);
  cl_test_ui_spin (500);
  gulong changed_id = g_signal_connect_swapped (pad, "changed", G_CALLBACK (pad_changed_for_latency), &l);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window ()));
  gulong paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint), &l);

  measure_strokes (panel, pad, &l, "LeNet-5 at rest");
  /* The worst case: the trainer takes both cores at full speed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.play-pause", NULL));
  g_assert_true (cl_test_ui_wait_until (running, NULL, 10000));
  measure_strokes (panel, pad, &l, "LeNet-5 training at full speed");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.play-pause", NULL));
  g_signal_handler_disconnect (clock, paint_id);
  g_signal_handler_disconnect (pad, changed_id);
  cl_test_ui_spin (500);
}

/* A network of points (XOR) takes no drawing: the choice is off, back on
 * the test samples, and the drawing is no longer anyone's input. */
static void
test_no_images_no_drawing (void)
{
  g_autofree char *dir = cl_app_palette_find_designs_dir ();
  g_autofree char *path = g_build_filename (dir, "xor.json", NULL);
  g_autoptr(ClDesign) design = cl_design_load (path, NULL);
  GtkWidget *panel = activations_panel ();
  GtkWidget *drawing_button = cl_test_ui_find_by_name (panel, "your-drawing");

  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (drawing_button)));
  g_assert_nonnull (cl_app_training_get_user_input (training (), NULL, NULL, NULL));
  cl_app_training_forget (training ());
  cl_app_document_replace (cl_app_window_get_document (window ()), design);
  g_assert_true (cl_test_ui_wait_can_train (training (), 60000));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.step", NULL));
  g_assert_true (cl_test_ui_wait_until (stepped, GUINT_TO_POINTER (1), 60000));
  cl_test_ui_spin (200);
  g_assert_false (gtk_widget_get_sensitive (drawing_button));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (drawing_button)));
  g_assert_false (gtk_widget_get_visible (cl_test_ui_find_by_type (panel, CL_APP_TYPE_DRAWING_PAD)));
  g_assert_null (cl_app_training_get_user_input (training (), NULL, NULL, NULL));
}

/* The user's input for other views: a copy, cleared by NULL, announced. */
static void
count_signal (int *count)
{
  (*count)++;
}

static void
test_user_input_api (void)
{
  ClAppTraining *t = training ();
  float pixels[2 * 3 * 4];
  int count = 0, c, h, w;

  for (int k = 0; k < 24; k++)
    pixels[k] = k;
  gulong id = g_signal_connect_swapped (t, "user-input-changed", G_CALLBACK (count_signal), &count);
  cl_app_training_set_user_input (t, pixels, 2, 3, 4);
  pixels[0] = 99;   /* a copy was kept */
  const float *kept = cl_app_training_get_user_input (t, &c, &h, &w);
  g_assert_cmpint (count, ==, 1);
  g_assert_cmpint (c, ==, 2);
  g_assert_cmpint (h, ==, 3);
  g_assert_cmpint (w, ==, 4);
  g_assert_cmpfloat (kept[0], ==, 0);
  g_assert_cmpfloat (kept[23], ==, 23);
  cl_app_training_set_user_input (t, NULL, 0, 0, 0);
  g_assert_cmpint (count, ==, 2);
  g_assert_null (cl_app_training_get_user_input (t, &c, &h, &w));
  g_assert_cmpint (c + h + w, ==, 0);
  g_signal_handler_disconnect (t, id);
}

int
main (int argc, char **argv)
{
  g_autofree char *autosave = g_build_filename (g_get_user_data_dir (), "convlab", "autosave.json", NULL);

  /* In French, as the screenshots are (test-fit does the same). */
  cl_test_use_language ("fr");
  cl_test_ui_init (&argc, &argv);
  /* No "not saved last time" toast over the screenshots and the toasts
   * this test looks for. */
  g_unlink (autosave);
  app = cl_test_ui_start_app ();
  g_test_add_func ("/ui/drawing/stroke-updates-prediction-and-maps", test_draw_stroke);
  g_test_add_func ("/ui/drawing/presentation-keeps-the-pad", test_presentation);
  g_test_add_func ("/ui/drawing/open-image", test_open_image);
  g_test_add_func ("/ui/drawing/no-images-no-drawing", test_no_images_no_drawing);
  g_test_add_func ("/ui/drawing/user-input-api", test_user_input_api);
  g_test_add_func ("/ui/drawing/latency", test_latency);
  int status = g_test_run ();
  /* Saved, so closing does not ask about unsaved changes. */
  g_autofree char *dir = g_dir_make_tmp ("convlab-drawing-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "lenet5.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_assert_true (cl_app_window_save_as_file (window (), file));
  cl_test_ui_stop_app (app);
  g_unlink (path);
  g_rmdir (dir);
  g_object_unref (app);
  g_unlink (autosave);
  return status;
}
