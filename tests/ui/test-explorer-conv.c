/* The Convolution explorer in the real window, in French as the course
 * is: opened through win.explorer, a real click on an output pixel changes
 * the written-out sum to that pixel's, the numbers are the network's own
 * after a step of training, and the Filters panel's "Explain this filter"
 * opens it on that filter.  Screenshots at 1280×720 and 1024×768. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "cl-app-explorer-convolution.h"
#include "cl-app-explorer-input.h"
#include "cl-app-explorer-kernels.h"
#include "cl-app-explorer-picture.h"
#include "cl-app-explorer-pooling.h"
#include "cl-app-explorer-window.h"
#include "cl-app-snapshot-view.h"
#include "cl-app-training.h"
#include "cl-app-window.h"
#include "engine/conv-explain.h"
#include "engine/zoo.h"
#include "render/render-conv-explain.h"
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

/* The explorer's page, opened as the menu does. */
static GtkWidget *
open_explorer_id (const char *id)
{
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.explorer", "s", id);
  cl_test_ui_spin (500);
  GtkWindow *explorers = cl_app_window_get_explorer_window (window ());
  g_assert_nonnull (explorers);
  GtkWidget *explorer = cl_app_explorer_window_get_explorer (CL_APP_EXPLORER_WINDOW (explorers), id);
  g_assert_nonnull (explorer);
  g_assert_cmpstr (cl_app_explorer_window_get_visible_id (CL_APP_EXPLORER_WINDOW (explorers)), ==, id);
  return explorer;
}

static ClAppExplorerConvolution *
open_explorer (void)
{
  return CL_APP_EXPLORER_CONVOLUTION (open_explorer_id ("convolution"));
}

static GtkWidget *
explorer_toplevel (void)
{
  return GTK_WIDGET (cl_app_window_get_explorer_window (window ()));
}

static void
resize (int width, int height)
{
  gtk_window_set_default_size (GTK_WINDOW (explorer_toplevel ()), width, height);
  cl_test_ui_spin (600);
}

static void
screenshot (const char *name)
{
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (explorer_toplevel (), name) });
}

/* A real click on output pixel (oy, ox). */
static void
click_pixel (ClAppExplorerConvolution *explorer, int oy, int ox)
{
  GtkWidget *picture;
  double x, y;
  g_assert_true (cl_app_explorer_convolution_locate (explorer, oy, ox, &picture, &x, &y));
  cl_test_ui_click_at (picture, x, y);
}

static gboolean
stepped (gpointer data)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (training ());
  return s != NULL && s->step >= 1 && s->state != CL_TRAINER_RUNNING;
}

static void
select_kernel (ClAppExplorerConvolution *explorer, guint i)
{
  GtkWidget *drop = cl_test_ui_find_by_name (GTK_WIDGET (explorer), "kernel");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop), i);
  cl_test_ui_spin (200);
}

/* The animation has filled more than the first row (the maps here are at
 * most 32 wide). */
static gboolean
has_data (gpointer data)
{
  return cl_app_training_get_data (training ()) != NULL;
}

static gboolean
moved_past_first_row (gpointer data)
{
  return cl_app_explorer_convolution_get_filled (data) > 40;
}

/* Setosa's kernels on the data's images: a real click moves the window,
 * the sum written changes to that pixel's, another preset another sum. */
static void
test_click_and_presets (void)
{
  ClAppExplorerConvolution *explorer = open_explorer ();
  int oy, ox;
  double sum, z, sum2, z2;

  resize (1280, 720);
  /* The data's test images once they are loaded: a garment's edges. */
  g_assert_true (cl_test_ui_wait_until (has_data, NULL, 30000));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (cl_test_ui_find_by_name (GTK_WIDGET (explorer), "input")),
                              CL_APP_EXPLORER_INPUT_DATA);
  select_kernel (explorer, 1 + CL_KERNEL_OUTLINE);
  click_pixel (explorer, 6, 9);
  g_assert_true (cl_app_explorer_convolution_get_pixel (explorer, &oy, &ox, &sum, &z));
  g_assert_cmpint (oy, ==, 6);
  g_assert_cmpint (ox, ==, 9);
  click_pixel (explorer, 14, 12);
  g_assert_true (cl_app_explorer_convolution_get_pixel (explorer, &oy, &ox, &sum2, &z2));
  g_assert_cmpint (oy, ==, 14);
  g_assert_cmpint (ox, ==, 12);
  g_assert_cmpfloat (sum2, !=, sum);
  screenshot ("conv-outline-1280x720-fr.png");
  /* Another kernel at the same pixel: another sum. */
  select_kernel (explorer, 1 + CL_KERNEL_IDENTITY);
  g_assert_true (cl_app_explorer_convolution_get_pixel (explorer, &oy, &ox, &sum, &z));
  g_assert_cmpint (oy, ==, 14);
  g_assert_cmpfloat (sum, !=, sum2);
  screenshot ("conv-preset-1280x720-fr.png");

  /* Play (a real click): the window slides from the first pixel on;
   * a second click stops it where it got to. */
  GtkWidget *play = cl_test_ui_find_by_name (GTK_WIDGET (explorer), "play");
  cl_test_ui_click (play);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (play)));
  g_assert_cmpint (cl_app_explorer_convolution_get_filled (explorer), >=, 0);
  g_assert_true (cl_test_ui_wait_until (moved_past_first_row, explorer, 30000));
  cl_test_ui_click (play);
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (play)));
  g_assert_cmpint (cl_app_explorer_convolution_get_filled (explorer), ==, -1);
  int stopped_y, stopped_x;
  g_assert_true (cl_app_explorer_convolution_get_pixel (explorer, &stopped_y, &stopped_x, &sum, &z));
  cl_test_ui_spin (300);
  g_assert_true (cl_app_explorer_convolution_get_pixel (explorer, &oy, &ox, &sum, &z));
  g_assert_cmpint (oy, ==, stopped_y);
  g_assert_cmpint (ox, ==, stopped_x);
  resize (1024, 768);
  cl_test_ui_assert_nothing_clipped (explorer_toplevel (), "the Convolution explorer at 1024×768");
  screenshot ("conv-preset-1024x768-fr.png");
}

/* What the network computes at that pixel: a copy of it at the snapshot's
 * weights, the data's first test image through it. */
static double
network_value (int layer, int filter, int oy, int ox)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (training ());
  ClDataset *data = cl_app_training_get_data (training ());
  g_autoptr(GError) error = NULL;
  g_autoptr(ClNet) net = cl_net_new (s->spec, 1, &error);
  g_assert_no_error (error);
  gsize n;
  memcpy (cl_net_get_params (net, &n), s->params, s->n_params * sizeof (float));
  cl_net_forward (net, cl_dataset_get_sample (data, CL_DATASET_TEST, 0), 1, FALSE);
  ClShape shape;
  const float *out = cl_net_get_layer_output (net, layer, &shape);
  return out[((gsize) filter * shape.h + oy) * shape.w + ox];
}

/* A learned filter, in the first layer and in the second convolution:
 * the z written out is what the network's layer gives at that pixel. */
static void
test_learned_filter_is_the_network (void)
{
  ClNetSpec *spec = cl_net_spec_new (1, 28, 28);
  cl_net_spec_append (spec, "Conv2D", "filters", 4.0, "kernel", 5.0, "padding", 1.0, NULL);
  cl_net_spec_append (spec, "ReLU", NULL);
  cl_net_spec_append (spec, "MaxPool2D", NULL);
  cl_net_spec_append (spec, "Conv2D", "filters", 3.0, "kernel", 3.0, "stride", 2.0, NULL);
  cl_net_spec_append (spec, "Tanh", NULL);
  cl_net_spec_append (spec, "Flatten", NULL);
  cl_net_spec_append (spec, "Dense", "units", 10.0, NULL);
  cl_net_spec_append (spec, "Softmax", NULL);
  cl_net_spec_get_train (spec)->batch_size = 16;
  g_autoptr(ClDesign) design = cl_design_new ("Two convolutions", spec, "embedded");
  cl_app_document_replace (cl_app_window_get_document (window ()), design);
  g_assert_true (cl_test_ui_wait_can_train (training (), 30000));
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.step", NULL);
  g_assert_true (cl_test_ui_wait_until (stepped, NULL, 30000));
  cl_test_ui_spin (300);

  ClAppExplorerConvolution *explorer = open_explorer ();
  resize (1280, 720);
  int oy, ox;
  double sum, z;

  cl_app_explorer_convolution_show_filter (explorer, 0, 2);
  cl_test_ui_spin (200);
  click_pixel (explorer, 11, 7);
  g_assert_true (cl_app_explorer_convolution_get_pixel (explorer, &oy, &ox, &sum, &z));
  g_assert_cmpint (oy, ==, 11);
  g_assert_cmpint (ox, ==, 7);
  g_assert_cmpfloat_with_epsilon (z, network_value (0, 2, 11, 7), 1e-4);
  screenshot ("conv-learned-1280x720-fr.png");

  /* Another step while the page is not shown: back on it, the numbers
   * are the new weights'. */
  open_explorer_id ("pooling");
  guint64 step = cl_app_training_get_snapshot (training ())->step;
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.step", NULL);
  g_assert_true (cl_test_ui_wait_step_past (training (), step, 30000));
  cl_test_ui_spin (300);
  double old_z = z;
  explorer = open_explorer ();
  g_assert_true (cl_app_explorer_convolution_get_pixel (explorer, &oy, &ox, &sum, &z));
  g_assert_cmpfloat (z, !=, old_z);
  g_assert_cmpfloat_with_epsilon (z, network_value (0, 2, 11, 7), 1e-4);

  /* The second convolution: its input is the pooled maps, 4 channels. */
  cl_app_explorer_convolution_show_filter (explorer, 3, 1);
  cl_test_ui_spin (200);
  click_pixel (explorer, 2, 4);
  g_assert_true (cl_app_explorer_convolution_get_pixel (explorer, &oy, &ox, &sum, &z));
  g_assert_cmpint (oy, ==, 2);
  g_assert_cmpint (ox, ==, 4);
  g_assert_cmpfloat_with_epsilon (z, network_value (3, 1, 2, 4), 1e-4);
  screenshot ("conv-channels-1280x720-fr.png");
  resize (1024, 768);
  screenshot ("conv-channels-1024x768-fr.png");
  cl_test_ui_assert_nothing_clipped (explorer_toplevel (),
                                     "the Convolution explorer at 1024×768, learned filter");
}

/* In the Filters panel, a real click on a filter shows it large and offers
 * "Explain this filter", which opens the explorer on that very filter. */
static void
test_explain_this_filter (void)
{
  AdwViewStack *stack = ADW_VIEW_STACK (cl_test_ui_find_by_type (GTK_WIDGET (window ()),
                                                                 ADW_TYPE_VIEW_STACK));
  adw_view_stack_set_visible_child_name (stack, "filters");
  GtkWidget *panel = adw_view_stack_get_child_by_name (stack, "filters");
  ClAppSnapshotView *view = CL_APP_SNAPSHOT_VIEW (cl_test_ui_find_by_type (panel,
                                                                           CL_APP_TYPE_SNAPSHOT_VIEW));
  gtk_window_present (GTK_WINDOW (window ()));
  cl_test_ui_spin (500);
  const ClSnapshot *s = cl_app_snapshot_view_get_snapshot (view);
  g_assert_nonnull (s);

  /* Where filter 2 of the first layer is drawn. */
  ClRenderFiltersOptions options;
  cl_render_filters_options_init (&options);
  cl_app_snapshot_view_get_style (view, &options.style);
  int w = gtk_widget_get_width (GTK_WIDGET (view)), h = gtk_widget_get_height (GTK_WIDGET (view));
  double fx = -1, fy = -1;
  for (int y = 0; y < h && fx < 0; y += 2)
    for (int x = 0; x < w && fx < 0; x += 2)
      {
        int layer = -1;
        if (cl_render_filters_hit (s, &options, w, h, x, y, &layer) == 2 && layer == 0)
          {
            fx = x + 3;
            fy = y + 3;
          }
      }
  g_assert_cmpfloat (fx, >=, 0);
  GtkWidget *explain = cl_test_ui_find_by_name (panel, "explain-filter");
  g_assert_false (gtk_widget_get_visible (explain));
  cl_test_ui_click_at (GTK_WIDGET (view), fx, fy);
  g_assert_true (gtk_widget_get_visible (explain));
  cl_test_ui_click (explain);
  cl_test_ui_spin (300);

  GtkWindow *explorers = cl_app_window_get_explorer_window (window ());
  g_assert_cmpstr (cl_app_explorer_window_get_visible_id (CL_APP_EXPLORER_WINDOW (explorers)), ==,
                   "convolution");
  ClAppExplorerConvolution *explorer = CL_APP_EXPLORER_CONVOLUTION (
    cl_app_explorer_window_get_explorer (CL_APP_EXPLORER_WINDOW (explorers), "convolution"));
  int layer, filter, oy, ox;
  double sum, z;
  g_assert_true (cl_app_explorer_convolution_get_filter (explorer, &layer, &filter));
  g_assert_cmpint (layer, ==, 0);
  g_assert_cmpint (filter, ==, 2);
  g_assert_true (cl_app_explorer_convolution_get_pixel (explorer, &oy, &ox, &sum, &z));
  g_assert_cmpfloat_with_epsilon (z, network_value (0, 2, oy, ox), 1e-4);
}

/* ---- pooling ---- */

static void
click_pool_pixel (ClAppExplorerPooling *explorer, int oy, int ox)
{
  GtkWidget *picture;
  double x, y;
  g_assert_true (cl_app_explorer_pooling_locate (explorer, oy, ox, &picture, &x, &y));
  cl_test_ui_click_at (picture, x, y);
}

/* A real click on an output pixel: its four values and the maximum (then
 * the mean); Backward: the gradient all to the maximum (then a quarter
 * each), as the layer's own backward sent it. */
static void
test_pooling (void)
{
  ClAppExplorerPooling *explorer = CL_APP_EXPLORER_POOLING (open_explorer_id ("pooling"));
  int oy, ox;
  float value, grad, window_values[4], sent[4];

  resize (1280, 720);
  click_pool_pixel (explorer, 2, 1);
  g_assert_true (cl_app_explorer_pooling_get_pixel (explorer, &oy, &ox, &value, &grad,
                                                    window_values, sent));
  g_assert_cmpint (oy, ==, 2);
  g_assert_cmpint (ox, ==, 1);
  int best = 0;
  for (int i = 1; i < 4; i++)
    if (window_values[i] > window_values[best])
      best = i;
  g_assert_cmpfloat (value, ==, window_values[best]);
  screenshot ("pool-max-1280x720-fr.png");

  GtkWidget *backward = cl_test_ui_find_by_name (GTK_WIDGET (explorer), "backward");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (backward), TRUE);
  cl_test_ui_spin (200);
  g_assert_true (cl_app_explorer_pooling_get_pixel (explorer, &oy, &ox, &value, &grad,
                                                    window_values, sent));
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat (sent[i], ==, i == best ? grad : 0.0f);
  g_assert_cmpfloat (grad, !=, 0);
  screenshot ("pool-max-backward-1280x720-fr.png");

  GtkWidget *kind = cl_test_ui_find_by_name (GTK_WIDGET (explorer), "pooling");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), 1);
  cl_test_ui_spin (200);
  g_assert_true (cl_app_explorer_pooling_get_pixel (explorer, &oy, &ox, &value, &grad,
                                                    window_values, sent));
  for (int i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (sent[i], grad / 4, 1e-6);
  g_assert_cmpfloat_with_epsilon (value, (window_values[0] + window_values[1] + window_values[2]
                                          + window_values[3]) / 4, 1e-6);
  resize (1024, 768);
  cl_test_ui_assert_nothing_clipped (explorer_toplevel (), "the Pooling explorer at 1024×768");
  screenshot ("pool-average-backward-1024x768-fr.png");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (backward), FALSE);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), 0);
  cl_test_ui_spin (200);
  screenshot ("pool-max-1024x768-fr.png");
}

/* ---- kernels by hand ---- */

static void
check_result (ClAppExplorerKernels *explorer)
{
  int k, c, h, w;
  const float *kernel = cl_app_explorer_kernels_get_kernel (explorer, &k);
  const float *image = cl_app_explorer_kernels_get_image (explorer, &c, &h, &w);
  const float *result = cl_app_explorer_kernels_get_result (explorer);
  g_assert_nonnull (image);
  g_autofree float *want = g_new (float, c * h * w);
  cl_kernel_apply (image, c, h, w, kernel, k, want);
  for (int i = 0; i < c * h * w; i++)
    g_assert_cmpfloat (result[i], ==, want[i]);
}

/* A preset fills the cells and is applied; a number typed with real keys
 * in a cell ("2" in the middle of the identity) doubles the image; 5×5
 * keeps the kernel centred. */
static void
test_kernels (void)
{
  ClAppExplorerKernels *explorer = CL_APP_EXPLORER_KERNELS (open_explorer_id ("kernels"));
  GtkWidget *preset = cl_test_ui_find_by_name (GTK_WIDGET (explorer), "preset");
  int k, c, h, w;

  resize (1280, 720);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (preset), CL_KERNEL_BOX_BLUR);
  cl_test_ui_spin (200);
  const float *kernel = cl_app_explorer_kernels_get_kernel (explorer, &k);
  g_assert_cmpint (k, ==, 3);
  g_assert_cmpfloat (kernel[4], ==, 1 / 9.f);
  GtkWidget *middle = cl_test_ui_find_by_name (GTK_WIDGET (explorer), "cell-1-1");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (middle)), ==, "0,1111");
  check_result (explorer);
  screenshot ("kernels-blur-1280x720-fr.png");

  gtk_drop_down_set_selected (GTK_DROP_DOWN (preset), CL_KERNEL_IDENTITY);
  cl_test_ui_spin (200);
  int sx, sy;
  cl_test_ui_screen_point (middle, gtk_widget_get_width (middle) / 2.0,
                           gtk_widget_get_height (middle) / 2.0, &sx, &sy);
  g_autofree char *move = g_strdup_printf ("mousemove %d %d", sx, sy);
  cl_test_ui_xdotool (move, 100);
  cl_test_ui_xdotool ("click 1", 100);
  cl_test_ui_xdotool ("key ctrl+a", 100);
  cl_test_ui_xdotool ("type 2", 300);
  kernel = cl_app_explorer_kernels_get_kernel (explorer, &k);
  g_assert_cmpfloat (kernel[4], ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (preset)), ==, CL_KERNEL_N_PRESETS);
  const float *image = cl_app_explorer_kernels_get_image (explorer, &c, &h, &w);
  const float *result = cl_app_explorer_kernels_get_result (explorer);
  for (int i = 0; i < c * h * w; i++)
    g_assert_cmpfloat (result[i], ==, 2 * image[i]);
  /* Not a number: the cell says so and the kernel keeps its value. */
  cl_test_ui_xdotool ("key ctrl+a", 100);
  cl_test_ui_xdotool ("type x", 300);
  g_assert_true (gtk_widget_has_css_class (middle, "error"));
  g_assert_cmpfloat (cl_app_explorer_kernels_get_kernel (explorer, &k)[4], ==, 2);

  GtkWidget *size = cl_test_ui_find_by_name (GTK_WIDGET (explorer), "size");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (size), 1);
  cl_test_ui_spin (200);
  kernel = cl_app_explorer_kernels_get_kernel (explorer, &k);
  g_assert_cmpint (k, ==, 5);
  g_assert_cmpfloat (kernel[12], ==, 2);
  check_result (explorer);

  gtk_drop_down_set_selected (GTK_DROP_DOWN (preset), CL_KERNEL_SOBEL_VERTICAL);
  cl_test_ui_spin (200);
  check_result (explorer);
  screenshot ("kernels-sobel-5x5-1280x720-fr.png");
  resize (1024, 768);
  cl_test_ui_assert_nothing_clipped (explorer_toplevel (), "Kernels by Hand at 1024×768");
  screenshot ("kernels-sobel-5x5-1024x768-fr.png");

  /* The kernel typed here is a choice of the Convolution explorer. */
  GtkWidget *middle5 = cl_test_ui_find_by_name (GTK_WIDGET (explorer), "cell-2-3");
  gtk_editable_set_text (GTK_EDITABLE (middle5), "3,5");
  cl_test_ui_spin (100);
  const float *typed = cl_app_explorer_kernels_get_kernel (explorer, &k);
  g_assert_cmpfloat (typed[2 * 5 + 3], ==, 3.5f);
  ClAppExplorerConvolution *conv = open_explorer ();
  select_kernel (conv, 1 + CL_KERNEL_N_PRESETS);
  int conv_c, conv_k;
  const float *used = cl_app_explorer_convolution_get_kernel (conv, &conv_c, &conv_k);
  g_assert_nonnull (used);
  g_assert_cmpint (conv_k, ==, 5);
  for (int ci = 0; ci < conv_c; ci++)
    for (int i = 0; i < 25; i++)
      g_assert_cmpfloat (used[ci * 25 + i], ==, typed[i]);
}

/* The image drawn in the Activations panel is an input too: identity on
 * it gives back the drawn pixel, and a new stroke is explained at once. */
static void
test_drawing_is_an_input (void)
{
  ClAppExplorerConvolution *explorer = open_explorer ();
  float pixels[28 * 28] = { 0 };
  int oy, ox;
  double sum, z;

  pixels[10 * 28 + 12] = 0.75f;
  cl_app_training_set_user_input (training (), pixels, 1, 28, 28);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (cl_test_ui_find_by_name (GTK_WIDGET (explorer), "input")),
                              CL_APP_EXPLORER_INPUT_DRAWING);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cl_test_ui_find_by_name (GTK_WIDGET (explorer), "stride")), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (cl_test_ui_find_by_name (GTK_WIDGET (explorer), "padding")), 1);
  select_kernel (explorer, 1 + CL_KERNEL_IDENTITY);
  click_pixel (explorer, 10, 12);
  g_assert_true (cl_app_explorer_convolution_get_pixel (explorer, &oy, &ox, &sum, &z));
  g_assert_cmpint (oy, ==, 10);
  g_assert_cmpint (ox, ==, 12);
  g_assert_cmpfloat_with_epsilon (z, 0.75, 1e-6);

  /* Another stroke: the same pixel now reads the new value. */
  pixels[10 * 28 + 12] = 0.25f;
  cl_app_training_set_user_input (training (), pixels, 1, 28, 28);
  cl_test_ui_spin (300);
  g_assert_true (cl_app_explorer_convolution_get_pixel (explorer, &oy, &ox, &sum, &z));
  g_assert_cmpfloat_with_epsilon (z, 0.25, 1e-6);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (cl_test_ui_find_by_name (GTK_WIDGET (explorer), "input")),
                              CL_APP_EXPLORER_INPUT_PHOTOS_GREY);
  cl_test_ui_spin (200);
}

int
main (int argc, char **argv)
{
  /* In French, as the course is (and as test-french.c sets it up). */
  cl_test_use_language ("fr");

  cl_test_ui_init (&argc, &argv);
  app = cl_test_ui_start_app ();
  g_test_add_func ("/ui/explorer/convolution/click-and-presets", test_click_and_presets);
  g_test_add_func ("/ui/explorer/convolution/learned-filter-is-the-network",
                   test_learned_filter_is_the_network);
  g_test_add_func ("/ui/explorer/convolution/explain-this-filter", test_explain_this_filter);
  g_test_add_func ("/ui/explorer/convolution/drawing-is-an-input", test_drawing_is_an_input);
  g_test_add_func ("/ui/explorer/pooling/forward-and-backward", test_pooling);
  g_test_add_func ("/ui/explorer/kernels/presets-and-typing", test_kernels);
  int status = g_test_run ();
  /* Saved, so closing does not ask about unsaved changes. */
  g_autofree char *dir = g_dir_make_tmp ("convlab-explorer-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "design.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_assert_true (cl_app_window_save_as_file (window (), file));
  cl_test_ui_stop_app (app);
  g_unlink (path);
  g_rmdir (dir);
  return status;
}
