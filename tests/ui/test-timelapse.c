/* The filters' time-lapse in the real window, in French as the course is:
 * a real pointer and real keys move the scrubber, the step under it and
 * the picture follow (step 0 is the initial network's picture), the right
 * end follows training, the Gabor overlay shows each fit beside its
 * filter, and the strip is exported for a slide.  Screenshots at
 * 1280×720 and 1024×768. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cl-app-panels.h"
#include "cl-app-snapshot-view.h"
#include "cl-app-training.h"
#include "cl-app-window.h"
#include "engine/snapshot-net.h"
#include "engine/zoo.h"
#include "render/render-filters.h"
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
paused_past (gpointer data)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (training ());
  return s != NULL && s->step > GPOINTER_TO_UINT (data) && s->state == CL_TRAINER_PAUSED;
}

/* The Gabor lesson's shape: sixteen 7×7 filters, one shallow layer. */
static void
load_design (void)
{
  ClNetSpec *spec = cl_net_spec_new (1, 28, 28);
  cl_net_spec_append (spec, "Conv2D", "filters", 16.0, "kernel", 7.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "MaxPool2D", "size", 4.0, "stride", 4.0, NULL);
  cl_net_spec_append (spec, "Flatten", NULL);
  cl_net_spec_append (spec, "Dense", "units", 10.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  ClTrainSettings *train = cl_net_spec_get_train (spec);
  train->batch_size = 16;
  train->lr = 0.01;
  train->epochs = 1000;
  g_autoptr(ClDesign) design = cl_design_new ("Gabor", spec, "embedded");

  cl_app_document_replace (cl_app_window_get_document (window ()), design);
  g_assert_true (cl_test_ui_wait_can_train (training (), 30000));
}

static GtkWidget *
show_filters (void)
{
  AdwViewStack *stack = ADW_VIEW_STACK (cl_test_ui_find_by_type (GTK_WIDGET (window ()),
                                                                 ADW_TYPE_VIEW_STACK));
  adw_view_stack_set_visible_child_name (stack, "filters");
  return adw_view_stack_get_child_by_name (stack, "filters");
}

static char *
label_text (GtkWidget *panel)
{
  return g_strdup (gtk_label_get_text (GTK_LABEL (cl_test_ui_find_by_name (panel, "timelapse-step"))));
}

/* The view's picture exported at 600×400, as pixels. */
static cairo_surface_t *
exported (ClAppSnapshotView *view, const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  ClRenderStyle style = { FALSE, FALSE };
  g_autoptr(GError) error = NULL;

  g_assert_true (cl_app_snapshot_view_export_png (view, path, 600, 400, 1, &style, &error));
  g_assert_no_error (error);
  cairo_surface_t *surface = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_unlink (path);
  return surface;
}

static gboolean
same_pixels (cairo_surface_t *a, cairo_surface_t *b)
{
  cairo_surface_flush (a);
  cairo_surface_flush (b);
  return memcmp (cairo_image_surface_get_data (a), cairo_image_surface_get_data (b),
                 (gsize) cairo_image_surface_get_stride (a) * cairo_image_surface_get_height (a)) == 0;
}

/* What the design's network as initialised looks like, through the same
 * PNG round trip. */
static cairo_surface_t *
initial_picture (const char *dir)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (training ());
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (s->spec, 1, &error);
  g_assert_no_error (error);
  cl_net_init (net, cl_net_spec_peek_train (s->spec)->seed);
  g_autoptr(ClSnapshot) initial = cl_snapshot_new_from_net (net, NULL, 0, 0, &error);
  g_assert_no_error (error);
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 600, 400);
  cairo_t *cr = cairo_create (surface);
  ClRenderFiltersOptions options;
  cl_render_filters_options_init (&options);
  g_assert_true (cl_render_filters (cr, initial, &options, 600, 400));
  cairo_destroy (cr);
  g_autofree char *path = g_build_filename (dir, "initial.png", NULL);
  g_assert_cmpint (cairo_surface_write_to_png (surface, path), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  surface = cairo_image_surface_create_from_png (path);
  g_unlink (path);
  return surface;
}

static void
resize (int width, int height)
{
  gtk_window_set_default_size (GTK_WINDOW (window ()), width, height);
  cl_test_ui_spin (600);
}

static void
screenshot (const char *name)
{
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), name) });
}

static void
test_scrub_and_export_strip (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-timelapse-XXXXXX", NULL);

  resize (1280, 720);
  load_design ();
  GtkWidget *panel = show_filters ();
  ClAppSnapshotView *view = CL_APP_SNAPSHOT_VIEW (cl_test_ui_find_by_type (panel, CL_APP_TYPE_SNAPSHOT_VIEW));
  GtkWidget *scale = cl_test_ui_find_by_name (panel, "timelapse");
  g_assert_nonnull (scale);

  /* Train past several checkpoints, then pause. */
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.play-pause", NULL);
  g_assert_true (cl_test_ui_wait_step_past (training (), 160, 60000));
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.play-pause", NULL);
  g_assert_true (cl_test_ui_wait_until (paused_past, GUINT_TO_POINTER (160), 10000));
  cl_test_ui_spin (300);
  const ClSnapshot *s = cl_app_training_get_snapshot (training ());
  guint n = s->checkpoints->len;
  g_assert_cmpuint (n, >=, 4);

  /* At the right end: now. */
  GtkAdjustment *adjustment = gtk_range_get_adjustment (GTK_RANGE (scale));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, n);
  g_autofree char *now_text = label_text (panel);
  g_autofree char *now_step = g_strdup_printf ("%llu", (unsigned long long) s->step);
  g_assert_nonnull (strstr (now_text, now_step));
  cairo_surface_t *now_picture = exported (view, dir, "now.png");
  screenshot ("timelapse-now-1280x720-fr.png");

  /* A real click at the left end of the scale: step 0, the initial network. */
  cl_test_ui_click_at (scale, 3, gtk_widget_get_height (scale) / 2.0);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  g_autofree char *zero_text = label_text (panel);
  g_assert_cmpstr (zero_text, !=, now_text);
  g_assert_true (g_str_has_prefix (zero_text, "Pas 0 "));
  cairo_surface_t *zero_picture = exported (view, dir, "zero.png");
  cairo_surface_t *initial = initial_picture (dir);
  g_assert_true (same_pixels (zero_picture, initial));
  g_assert_false (same_pixels (zero_picture, now_picture));
  screenshot ("timelapse-step0-1280x720-fr.png");

  /* The keyboard: Right goes one checkpoint on. */
  gtk_widget_grab_focus (scale);
  cl_test_ui_spin (100);
  cl_test_ui_xdotool ("key Right", 100);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 1);
  g_autofree char *one_text = label_text (panel);
  g_autofree char *one_prefix = g_strdup_printf ("Pas %llu ", (unsigned long long) s->checkpoint_steps[1]);
  g_assert_cmpuint (s->checkpoint_steps[1], >, 0);
  g_assert_true (g_str_has_prefix (one_text, one_prefix));
  cairo_surface_t *one_picture = exported (view, dir, "one.png");
  g_assert_false (same_pixels (one_picture, zero_picture));

  /* Training on while replaying: the picture stays at that checkpoint. */
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.play-pause", NULL);
  guint64 before = cl_app_training_get_snapshot (training ())->step;
  g_assert_true (cl_test_ui_wait_step_past (training (), before + 20, 30000));
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.play-pause", NULL);
  g_assert_true (cl_test_ui_wait_until (paused_past, GUINT_TO_POINTER (before + 20), 10000));
  cl_test_ui_spin (300);
  g_autofree char *still = label_text (panel);
  g_assert_true (g_str_has_prefix (still, one_prefix));
  cairo_surface_t *still_picture = exported (view, dir, "still.png");
  g_assert_true (same_pixels (still_picture, one_picture));

  /* End: back to now, which follows training. */
  cl_test_ui_xdotool ("key End", 100);
  s = cl_app_training_get_snapshot (training ());
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, s->checkpoints->len);
  g_autofree char *end_text = label_text (panel);
  g_autofree char *end_step = g_strdup_printf ("%llu", (unsigned long long) s->step);
  g_assert_nonnull (strstr (end_text, end_step));

  /* A real drag of the knob from now to the middle: a checkpoint between. */
  {
    int x0, y0, x1, y1;
    double w = gtk_widget_get_width (scale), h = gtk_widget_get_height (scale);
    cl_test_ui_screen_point (scale, w - 14, h / 2, &x0, &y0);   /* on the knob, at the right end */
    cl_test_ui_screen_point (scale, w / 2, h / 2, &x1, &y1);
    g_autofree char *start = g_strdup_printf ("mousemove %d %d", x0, y0);
    cl_test_ui_xdotool (start, 100);
    cl_test_ui_xdotool ("mousedown 1", 100);
    for (int i = 1; i <= 6; i++)
      {
        g_autofree char *move = g_strdup_printf ("mousemove %d %d", x0 + (x1 - x0) * i / 6, y0);
        cl_test_ui_xdotool (move, 100);
      }
    cl_test_ui_xdotool ("mouseup 1", 100);
    double value = gtk_adjustment_get_value (adjustment);
    g_assert_cmpfloat (value, >, 0);
    g_assert_cmpfloat (value, <, s->checkpoints->len);
    g_autofree char *middle = label_text (panel);
    g_assert_false (strstr (middle, "maintenant :") == NULL);
    cl_test_ui_xdotool ("key End", 100);
  }

  /* A teacher showing the filters drags the divider up: the panels get
   * most of the height. */
  GtkWidget *paned = gtk_widget_get_ancestor (panel, GTK_TYPE_PANED);
  g_assert_nonnull (paned);
  g_assert_cmpint (gtk_orientable_get_orientation (GTK_ORIENTABLE (paned)), ==, GTK_ORIENTATION_VERTICAL);
  gtk_paned_set_position (GTK_PANED (paned), 120);
  cl_test_ui_spin (300);

  /* The Gabor overlay, each fit beside its filter, the orientations. */
  GtkWidget *fit = cl_test_ui_find_by_name (panel, "fit-beside");
  g_assert_false (gtk_widget_get_visible (fit));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cl_test_ui_find_by_name (panel, "gabor")), TRUE);
  g_assert_true (gtk_widget_get_visible (fit));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (fit), TRUE);
  cl_test_ui_spin (300);
  screenshot ("timelapse-gabor-1280x720-fr.png");
  int min_w;
  gtk_widget_measure (panel, GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  g_test_message ("the Filters panel needs %d px at least (Gabor and fit on), has %d", min_w,
                  gtk_widget_get_width (panel));
  resize (1024, 768);
  screenshot ("timelapse-gabor-1024x768-fr.png");

  /* The strip: bad steps are marked, good ones drawn and exported. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cl_test_ui_find_by_name (panel, "strip")), TRUE);
  GtkWidget *entry = cl_test_ui_find_by_name (panel, "strip-steps");
  g_assert_true (gtk_widget_get_visible (entry));
  g_assert_false (gtk_widget_get_visible (scale));
  gtk_editable_set_text (GTK_EDITABLE (entry), "0, x");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "0,50,150");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  cl_test_ui_spin (300);
  screenshot ("timelapse-strip-1024x768-fr.png");
  resize (1280, 720);
  screenshot ("timelapse-strip-1280x720-fr.png");

  g_autofree char *strip = g_build_filename (dir, "filters-strip.png", NULL);
  ClRenderStyle style = { FALSE, FALSE };
  g_autoptr(GError) error = NULL;
  g_assert_true (cl_app_snapshot_view_export_png (view, strip, 1600, 1000, 1, &style, &error));
  g_assert_no_error (error);
  cairo_surface_t *png = cairo_image_surface_create_from_png (strip);
  g_assert_cmpint (cairo_surface_status (png), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (png), ==, 1600);
  g_assert_cmpint (cairo_image_surface_get_height (png), ==, 1000);
  /* Not a blank page: the filters of three rows colour a good part of it. */
  int coloured = 0;
  unsigned char *data = cairo_image_surface_get_data (png);
  for (int y = 0; y < 1000; y += 2)
    for (int x = 0; x < 1600; x += 2)
      {
        guint32 p = *(guint32 *) (data + y * cairo_image_surface_get_stride (png) + x * 4);
        int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
        coloured += MAX (MAX (r, g), b) - MIN (MIN (r, g), b) > 40;
      }
  g_assert_cmpint (coloured, >, 1600 * 1000 / 4 / 20);
  g_test_message ("strip: %d of %d sampled pixels coloured", coloured, 1600 * 1000 / 4);
  cairo_surface_destroy (png);
  g_unlink (strip);

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (cl_test_ui_find_by_name (panel, "strip")), FALSE);
  g_assert_true (gtk_widget_get_visible (scale));
  cairo_surface_destroy (now_picture);
  cairo_surface_destroy (zero_picture);
  cairo_surface_destroy (initial);
  cairo_surface_destroy (one_picture);
  cairo_surface_destroy (still_picture);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  /* In French, as the course is (and as test-french.c sets it up). */
  cl_test_use_language ("fr");

  cl_test_ui_init (&argc, &argv);
  app = cl_test_ui_start_app ();
  g_test_add_func ("/ui/timelapse/scrub-and-export-strip", test_scrub_and_export_strip);
  int status = g_test_run ();
  /* Saved, so closing does not ask about unsaved changes. */
  g_autofree char *dir = g_dir_make_tmp ("convlab-timelapse-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "gabor.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_assert_true (cl_app_window_save_as_file (window (), file));
  cl_test_ui_stop_app (app);
  g_unlink (path);
  g_rmdir (dir);
  g_object_unref (app);
  return status;
}
