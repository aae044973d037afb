/* In front of a class, in French: F11 presents (full screen, one region,
 * pictures for the back row) and Escape leaves, with real key presses;
 * Alt+1…6, Alt+0, F5 and F6 work while presenting; Ctrl+plus zooms the
 * panels' pictures as well as the canvas; a double-click on a tab gives
 * the panels the whole height and the button gives it back; the inspector
 * folds away while nothing is selected.  Runs on a 1280×720 screen. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <glib/gstdio.h>
#include <math.h>

#include "cl-app-inspector.h"
#include "cl-app-network-canvas.h"
#include "cl-app-palette.h"
#include "cl-app-snapshot-view.h"
#include "cl-app-speed-chooser.h"
#include "cl-app-window.h"
#include "engine/zoo.h"
#include "render/render-style.h"
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

static GtkWidget *
find (GType type)
{
  GtkWidget *w = cl_test_ui_find_by_type (GTK_WIDGET (window ()), type);
  g_assert_nonnull (w);
  return w;
}

static AdwViewStack *
panel_stack (void)
{
  return ADW_VIEW_STACK (find (ADW_TYPE_VIEW_STACK));
}

static ClAppSnapshotView *
view_of (const char *panel)
{
  GtkWidget *page = adw_view_stack_get_child_by_name (panel_stack (), panel);
  return CL_APP_SNAPSHOT_VIEW (cl_test_ui_find_by_type (page, CL_APP_TYPE_SNAPSHOT_VIEW));
}

/* Shown on screen: itself and every ancestor visible. */
static gboolean
shown (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    if (!gtk_widget_get_visible (w))
      return FALSE;
  return TRUE;
}

/* A real key press, as the teacher's keyboard makes it, to the window
 * that has the focus (the pointer rests on it: no window manager). */
static void
key (const char *keys)
{
  g_autofree char *command = g_strdup_printf ("xdotool key %s", keys);
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  cl_test_ui_spin (150);
}

/* The pointer on the canvas: the window has the keyboard. */
static void
point_at_window (void)
{
  int x, y;
  cl_test_ui_screen_point (GTK_WIDGET (window ()), gtk_widget_get_width (GTK_WIDGET (window ())) / 2.0, 300,
                &x, &y);
  g_autofree char *move = g_strdup_printf ("mousemove %d %d", x, y);
  cl_test_ui_xdotool (move, 60);
}

static gboolean
landscape_done (gpointer data)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (training ());
  return s != NULL && s->landscape != NULL && !s->landscape_running;
}

static gboolean
is_paused (gpointer data)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (training ());
  return s != NULL && !cl_app_training_get_running (training ())
         && s->state == CL_TRAINER_PAUSED;
}

static gboolean
drew_newest (gpointer view)
{
  const ClSnapshot *s = cl_app_snapshot_view_get_snapshot (view);
  return s != NULL && cl_app_snapshot_view_get_drawn_version (view) == s->version;
}

/* The size of a label's text, in Pango units. */
static double
text_size (GtkWidget *label)
{
  g_assert_nonnull (label);
  PangoContext *context = gtk_widget_get_pango_context (label);
  return pango_font_description_get_size (pango_context_get_font_description (context));
}

/* The size of a label's text, in pixels. */
static double
text_px (GtkWidget *label)
{
  g_assert_nonnull (label);
  PangoContext *context = gtk_widget_get_pango_context (label);
  const PangoFontDescription *font = pango_context_get_font_description (context);
  double size = pango_font_description_get_size (font) / (double) PANGO_SCALE;
  if (pango_font_description_get_size_is_absolute (font))
    return size;
  double dpi = pango_cairo_context_get_resolution (context);
  return size * (dpi > 0 ? dpi : 96.0) / 72.0;
}

/* The label of the panel tab showing `title` (the switcher's buttons). */
static GtkWidget *
tab_label (const char *title)
{
  GtkWidget *switcher = find (ADW_TYPE_VIEW_SWITCHER);
  GPtrArray *todo = g_ptr_array_new ();
  GtkWidget *found = NULL;

  g_ptr_array_add (todo, switcher);
  while (todo->len > 0 && found == NULL)
    {
      GtkWidget *w = g_ptr_array_steal_index (todo, todo->len - 1);
      if (GTK_IS_LABEL (w) && gtk_widget_get_mapped (w)
          && g_str_equal (gtk_label_get_text (GTK_LABEL (w)), title))
        found = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c != NULL; c = gtk_widget_get_next_sibling (c))
        g_ptr_array_add (todo, c);
    }
  g_ptr_array_unref (todo);
  g_assert_nonnull (found);
  return found;
}

/* LeNet-5 with a Dropout on the embedded Fashion-MNIST subset. */
static void
load_lenet (void)
{
  ClNetSpec *spec = cl_net_spec_new_lenet5 ();
  int n = cl_net_spec_get_n_layers (spec);
  int d = cl_net_spec_insert_layer (spec, n - 2, "Dropout");
  cl_net_spec_set_setting (spec, d, "rate", 0.3);
  ClTrainSettings *train = cl_net_spec_get_train (spec);
  train->batch_size = 64;
  train->epochs = 1000;
  g_autoptr(ClDesign) design = cl_design_new ("LeNet-5", spec, "embedded");

  cl_app_training_forget (training ());
  cl_app_document_replace (cl_app_window_get_document (window ()), design);
  g_assert_true (cl_test_ui_wait_can_train (training (), 30000));
}

static void
test_f11_enters_escape_leaves (void)
{
  GtkWidget *palette = find (CL_APP_TYPE_PALETTE);
  GtkWidget *header = find (ADW_TYPE_HEADER_BAR);
  ClAppNetworkCanvas *canvas = CL_APP_NETWORK_CANVAS (find (CL_APP_TYPE_NETWORK_CANVAS));

  point_at_window ();
  g_assert_false (cl_app_window_get_presenting (window ()));
  g_assert_true (shown (palette));

  key ("F11");
  g_assert_true (cl_app_window_get_presenting (window ()));
  g_assert_false (shown (palette));
  g_assert_false (shown (find (CL_APP_TYPE_INSPECTOR)));
  g_assert_false (shown (header));
  /* The network alone, drawn large enough for the back row. */
  g_assert_true (shown (GTK_WIDGET (canvas)));
  g_assert_false (shown (GTK_WIDGET (panel_stack ())));
  g_assert_cmpfloat (cl_app_network_canvas_get_zoom (canvas), >=, CL_RENDER_PRESENT_NETWORK_ZOOM);
  cl_test_ui_spin (300);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), "present-network.png") });

  key ("Escape");
  g_assert_false (cl_app_window_get_presenting (window ()));
  g_assert_true (shown (palette));
  g_assert_true (shown (header));
  g_assert_true (shown (GTK_WIDGET (panel_stack ())));
  g_assert_cmpfloat (cl_app_network_canvas_get_zoom (canvas), ==, 1.0);

  /* Escape outside presentation mode is nobody's business here. */
  key ("Escape");
  g_assert_false (cl_app_window_get_presenting (window ()));

  /* The header button and the menu's action do the same. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.present", NULL));
  g_assert_true (cl_app_window_get_presenting (window ()));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window ()), "win.present", NULL));
  g_assert_false (cl_app_window_get_presenting (window ()));
}

/* Each panel in presentation mode at 1280×720, chosen with Alt+N; F5 and
 * F6 drive the training meanwhile. */
static void
test_panels_in_presentation (void)
{
  static const char *const panels[] = {
    "training", "filters", "activations", "dropout", "curves", "landscape", "gradients",
  };

  load_lenet ();
  point_at_window ();
  GtkWidget *label = cl_test_ui_find_by_type (adw_view_stack_get_child_by_name (panel_stack (),
                                                                                "training"),
                                              GTK_TYPE_LABEL);
  double everyday = text_size (label);
  key ("F11");
  g_assert_true (cl_app_window_get_presenting (window ()));
  /* The toast saying how to leave goes after its few seconds: the
   * screenshots below are for the class, without it. */
  cl_test_ui_spin (6000);

  /* Two epochs, so every panel shows a run worth showing the class:
   * curves with test points, filters and maps past their noise. */
  key ("F5");
  g_assert_true (cl_test_ui_wait_epochs (training (), 2, 240000));
  key ("F5");
  g_assert_true (cl_test_ui_wait_until (is_paused, NULL, 10000));
  guint64 at = cl_test_ui_step (training ());
  key ("F6");

  g_assert_true (cl_test_ui_wait_step_past (training (), at, 10000));
  /* And the landscape around the weights, as Compute makes it (coarse:
   * the screenshot needs its shape, not its detail). */
  ClLandscapeOptions options;
  g_autoptr(GError) error = NULL;
  cl_landscape_options_init (&options);
  options.resolution = 15;
  cl_app_training_compute_landscape (training (), &options, &error);
  g_assert_no_error (error);
  g_assert_true (cl_test_ui_wait_until (landscape_done, NULL, 120000));

  for (guint i = 0; i < G_N_ELEMENTS (panels); i++)
    {
      g_autofree char *keys = g_strdup_printf ("alt+%u", i + 1);
      key (keys);
      g_assert_true (cl_app_window_get_presenting (window ()));
      g_assert_cmpstr (adw_view_stack_get_visible_child_name (panel_stack ()), ==, panels[i]);
      g_assert_true (shown (GTK_WIDGET (panel_stack ())));
      g_assert_false (shown (find (CL_APP_TYPE_NETWORK_CANVAS)));
      /* The Training panel is widgets: their text grows too. */
      if (i == 0)
        g_assert_cmpfloat (text_size (label), >=, 1.4 * everyday);
      ClAppSnapshotView *view = view_of (panels[i]);
      if (view != NULL)
        {
          g_assert_cmpfloat (cl_app_snapshot_view_get_scale (view), ==, CL_RENDER_PRESENT_SCALE);
          if (cl_app_snapshot_view_get_snapshot (view) != NULL)
            g_assert_true (cl_test_ui_wait_until (drew_newest, view, 10000));
        }
      cl_test_ui_spin (200);
      g_autofree char *png = g_strdup_printf ("present-%s.png", panels[i]);
      g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), png) });
    }

  /* Alt+0: back to the network, still presenting. */
  key ("alt+0");
  g_assert_true (cl_app_window_get_presenting (window ()));
  g_assert_true (shown (find (CL_APP_TYPE_NETWORK_CANVAS)));
  g_assert_false (shown (GTK_WIDGET (panel_stack ())));

  key ("Escape");
  g_assert_false (cl_app_window_get_presenting (window ()));
  g_assert_cmpfloat (cl_app_snapshot_view_get_scale (view_of ("filters")), ==, 1.0);
}

static void
test_ctrl_plus_zooms_panels (void)
{
  ClAppNetworkCanvas *canvas = CL_APP_NETWORK_CANVAS (find (CL_APP_TYPE_NETWORK_CANVAS));
  ClAppSnapshotView *filters = view_of ("filters");

  point_at_window ();
  g_assert_cmpfloat (cl_app_snapshot_view_get_scale (filters), ==, 1.0);
  key ("ctrl+plus");
  g_assert_cmpfloat (cl_app_snapshot_view_get_scale (filters), >, 1.1);
  g_assert_cmpfloat (cl_app_network_canvas_get_zoom (canvas), >, 1.1);
  g_assert_cmpfloat (cl_app_snapshot_view_get_scale (view_of ("curves")), >, 1.1);
  key ("ctrl+plus");
  adw_view_stack_set_visible_child_name (panel_stack (), "filters");
  cl_test_ui_spin (300);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), "zoomed-filters.png") });
  key ("ctrl+minus");
  key ("ctrl+minus");
  g_assert_cmpfloat (fabs (cl_app_snapshot_view_get_scale (filters) - 1.0), <, 1e-9);
  key ("ctrl+plus");
  key ("ctrl+0");
  g_assert_cmpfloat (cl_app_snapshot_view_get_scale (filters), ==, 1.0);
  g_assert_cmpfloat (cl_app_network_canvas_get_zoom (canvas), ==, 1.0);
}

/* A double-click on a tab (a real one) maximises the panels; the button
 * and Ctrl+M give the canvas back. */
static void
test_maximise_panels_and_back (void)
{
  AdwViewSwitcher *switcher = ADW_VIEW_SWITCHER (find (ADW_TYPE_VIEW_SWITCHER));
  GtkWidget *canvas = find (CL_APP_TYPE_NETWORK_CANVAS);
  GtkWidget *button = cl_test_ui_find_by_name (GTK_WIDGET (window ()), "maximise-panels");
  int x, y;

  g_assert_nonnull (button);
  g_assert_true (shown (canvas));
  /* The second tab, Filters. */
  cl_test_ui_screen_point (GTK_WIDGET (switcher), gtk_widget_get_width (GTK_WIDGET (switcher)) * 1.5 / 6,
                gtk_widget_get_height (GTK_WIDGET (switcher)) / 2.0, &x, &y);
  g_autofree char *move = g_strdup_printf ("mousemove %d %d", x, y);
  cl_test_ui_xdotool (move, 60);
  cl_test_ui_xdotool ("click --repeat 2 --delay 80 1", 60);
  cl_test_ui_spin (200);
  g_assert_false (shown (canvas));
  g_assert_true (shown (GTK_WIDGET (panel_stack ())));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (panel_stack ()), ==, "filters");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), "panels-maximised.png") });

  /* The button, pressed with the pointer. */
  cl_test_ui_screen_point (button, gtk_widget_get_width (button) / 2.0, gtk_widget_get_height (button) / 2.0,
                &x, &y);
  g_free (move);
  move = g_strdup_printf ("mousemove %d %d", x, y);
  cl_test_ui_xdotool (move, 60);
  cl_test_ui_xdotool ("click 1", 60);
  cl_test_ui_spin (200);
  g_assert_true (shown (canvas));
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (button)));

  key ("ctrl+m");
  g_assert_false (shown (canvas));
  key ("ctrl+m");
  g_assert_true (shown (canvas));
}

static void
test_inspector_collapses (void)
{
  ClAppDocument *document = cl_app_window_get_document (window ());
  GtkWidget *inspector = find (CL_APP_TYPE_INSPECTOR);

  g_assert_cmpint (cl_app_document_get_n_layers (document), >, 0);
  cl_app_document_set_selected (document, -1);
  g_assert_false (shown (inspector));
  cl_app_document_set_selected (document, 0);
  g_assert_true (shown (inspector));
  cl_test_ui_spin (200);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), "inspector-shown.png") });

  /* On demand: F9 folds it away even with a selection, and back. */
  point_at_window ();
  key ("F9");
  g_assert_false (shown (inspector));
  key ("F9");
  g_assert_true (shown (inspector));

  cl_app_document_set_selected (document, -1);
  g_assert_false (shown (inspector));
  cl_test_ui_spin (200);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), "inspector-folded.png") });
}

/* The panel tabs read from the back row when presenting (20 px); the
 * Training panel's widgets follow Ctrl+plus / Ctrl+minus like the
 * pictures, presenting or not. */
static void
test_tabs_and_training_panel_grow (void)
{
  GtkWidget *training_page = adw_view_stack_get_child_by_name (panel_stack (), "training");
  GtkWidget *label = cl_test_ui_find_by_type (training_page, GTK_TYPE_LABEL);
  /* Translated: the tests run in French. */
  const char *title = g_dpgettext2 (GETTEXT_PACKAGE, "panel tab", "Training");

  point_at_window ();
  adw_view_stack_set_visible_child_name (panel_stack (), "training");
  cl_test_ui_spin (200);
  double tab = text_px (tab_label (title)), everyday = text_px (label);
  g_test_message ("tab %.1f px, Training panel %.1f px", tab, everyday);

  key ("ctrl+plus");
  double zoomed = text_px (label);
  g_test_message ("Ctrl+plus: Training panel %.1f px", zoomed);
  g_assert_cmpfloat (zoomed, >=, 1.15 * everyday);
  key ("ctrl+minus");
  key ("ctrl+minus");
  g_assert_cmpfloat (text_px (label), <=, 0.9 * everyday);
  key ("ctrl+0");
  g_assert_cmpfloat (fabs (text_px (label) - everyday), <, 0.01);

  key ("F11");
  key ("alt+1");
  g_assert_true (cl_app_window_get_presenting (window ()));
  double presented_tab = text_px (tab_label (title)), presented = text_px (label);
  g_test_message ("presenting: tab %.1f px, Training panel %.1f px", presented_tab, presented);
  g_assert_cmpfloat (presented_tab, >=, 18);
  g_assert_cmpfloat (presented_tab, >, tab);
  /* Presenting and zoomed: the two multiply. */
  key ("ctrl+plus");
  g_assert_cmpfloat (text_px (label), >=, 1.15 * presented);
  cl_test_ui_spin (200);
  g_clear_object (&(GdkTexture *){ cl_test_ui_save_png (GTK_WIDGET (window ()), "present-training-zoomed.png") });
  key ("ctrl+0");
  key ("Escape");
  g_assert_false (cl_app_window_get_presenting (window ()));
  g_assert_cmpfloat (fabs (text_px (tab_label (title)) - tab), <, 0.01);
}

static int
design_speed (void)
{
  ClAppDocument *document = cl_app_window_get_document (window ());
  return cl_net_spec_peek_train (cl_app_document_get_spec (document))->speed;
}

/* Ctrl+Down slows the training down a preset, Ctrl+Up speeds it up, in
 * presentation mode too (the header's chooser is hidden then); each is an
 * edit of the design that Ctrl+Z undoes — a quick run of presses is one
 * step, like a spin button held down — and the chooser shows it. */
static void
test_speed_keys (void)
{
  ClAppDocument *document = cl_app_window_get_document (window ());
  ClTrainSettings t = *cl_net_spec_peek_train (cl_app_document_get_spec (document));
  t.speed = 0;
  cl_app_document_set_train (document, &t);
  point_at_window ();
  cl_test_ui_spin (2100);   /* apart from that edit */

  key ("ctrl+Down");
  g_assert_cmpint (design_speed (), ==, 30);
  key ("ctrl+Down");
  g_assert_cmpint (design_speed (), ==, 10);
  key ("ctrl+Up");
  g_assert_cmpint (design_speed (), ==, 30);
  key ("ctrl+Down");
  key ("ctrl+Down");
  g_assert_cmpint (design_speed (), ==, 5);
  key ("ctrl+z");
  g_assert_cmpint (design_speed (), ==, 0);
  cl_test_ui_spin (2100);

  key ("F11");
  g_assert_true (cl_app_window_get_presenting (window ()));
  for (int i = 0; i < 7; i++)
    key ("ctrl+Down");
  g_assert_cmpint (design_speed (), ==, 1);   /* the slowest, and it stays */
  cl_test_ui_spin (2100);
  key ("ctrl+Up");
  g_assert_cmpint (design_speed (), ==, 2);
  key ("ctrl+z");
  g_assert_cmpint (design_speed (), ==, 1);
  key ("Escape");

  /* The chooser beside Play says the same. */
  GtkDropDown *drop_down = cl_app_speed_chooser_get_drop_down (
    CL_APP_SPEED_CHOOSER (find (CL_APP_TYPE_SPEED_CHOOSER)));
  GtkStringObject *item = gtk_drop_down_get_selected_item (drop_down);
  g_autofree char *one = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d step/s", "%d steps/s", 1), 1);
  g_assert_cmpstr (gtk_string_object_get_string (item), ==, one);

  /* Full speed is the fastest: Ctrl+Up there changes nothing. */
  t = *cl_net_spec_peek_train (cl_app_document_get_spec (document));
  t.speed = 0;
  cl_app_document_set_train (document, &t);
  key ("ctrl+Up");
  g_assert_cmpint (design_speed (), ==, 0);
}

int
main (int argc, char **argv)
{
  /* In French, as the course is given. */
  cl_test_use_language ("fr");

  cl_test_ui_init (&argc, &argv);
  /* No "not saved last time" toast over the screenshots. */
  g_autofree char *autosave = g_build_filename (g_get_user_data_dir (), "convlab", "autosave.json", NULL);
  g_unlink (autosave);
  app = cl_test_ui_start_app ();
  gtk_window_set_default_size (cl_test_ui_main_window (app), 1280, 720);
  cl_test_ui_spin (300);
  g_test_add_func ("/ui/present/f11-enters-escape-leaves", test_f11_enters_escape_leaves);
  g_test_add_func ("/ui/present/panels-in-presentation", test_panels_in_presentation);
  g_test_add_func ("/ui/present/ctrl-plus-zooms-panels", test_ctrl_plus_zooms_panels);
  g_test_add_func ("/ui/present/maximise-panels-and-back", test_maximise_panels_and_back);
  g_test_add_func ("/ui/present/inspector-collapses", test_inspector_collapses);
  g_test_add_func ("/ui/present/tabs-and-training-panel-grow", test_tabs_and_training_panel_grow);
  g_test_add_func ("/ui/present/speed-keys", test_speed_keys);
  int status = g_test_run ();
  /* The epochs trained for the screenshots are not the teacher's work:
   * closing need not offer to save them. */
  cl_app_training_forget (training ());
  /* Saved, so closing does not ask about unsaved changes. */
  g_autofree char *dir = g_dir_make_tmp ("convlab-present-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "lenet.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_assert_true (cl_app_window_save_as_file (window (), file));
  cl_test_ui_stop_app (app);
  g_unlink (path);
  g_rmdir (dir);
  g_clear_object (&app);
  return status;
}
