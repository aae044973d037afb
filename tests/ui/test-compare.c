/* The Compare Runs window, in French on a 1280×720 projector: Ctrl+K (a
 * real key) opens it, a real click on Play races SGD against Adam on XOR,
 * both runs advance and the chart is drawn with both names, Export PNG
 * writes the chart, an edit in the main window leaves the race alone,
 * Open in a New Window gives a window whose run starts from that run's
 * weights, Save Race and Open Race give back the runs where they were
 * (a wrong file is refused by name), and closing the window frees the
 * trainers.  The optimiser
 * lesson opens it with its four runs racing (the screenshot), Space
 * pauses them, the remote's Page Down reaches the lesson from it, nothing
 * is cut at 1024×768, and quitting while they run leaves no thread
 * behind. */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "cl-app-compare-window.h"
#include "cl-app-race-chart.h"
#include "cl-app-window.h"
#include "engine/lesson.h"
#include "ui-harness.h"

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

static ClAppCompareWindow *
compare (void)
{
  GtkWindow *w = cl_app_window_get_compare_window (window ());
  return w != NULL ? CL_APP_COMPARE_WINDOW (w) : NULL;
}

static gboolean
can_train (gpointer data)
{
  return cl_app_training_get_can_train (training ());
}

static gboolean
compare_shown (gpointer data)
{
  return compare () != NULL && gtk_widget_get_mapped (GTK_WIDGET (compare ()));
}

/* Every run of the race past `steps` optimiser steps and, when `epochs`
 * is not 0, finished at that epoch. */
typedef struct {
  guint64 steps;
  int epochs;
} Progress;

static gboolean
runs_at (gpointer data)
{
  const Progress *p = data;
  ClAppRace *race = compare () != NULL ? cl_app_compare_window_get_race (compare ()) : NULL;

  if (race == NULL || cl_app_race_get_n_runs (race) == 0)
    return FALSE;
  for (int i = 0; i < cl_app_race_get_n_runs (race); i++)
    {
      ClSnapshot *s = cl_app_race_get_snapshot (race, i);
      if (s == NULL || s->step < p->steps)
        return FALSE;
      if (p->epochs != 0 && (s->state != CL_TRAINER_FINISHED || s->epoch != p->epochs))
        return FALSE;
    }
  return TRUE;
}

static gboolean
is_null (gpointer pointer)
{
  return *(gpointer *) pointer == NULL;
}

static void
point_at (GtkWidget *widget)
{
  int x, y;
  cl_test_ui_screen_point (widget, gtk_widget_get_width (widget) / 2.0,
                           gtk_widget_get_height (widget) / 2.0, &x, &y);
  g_autofree char *move = g_strdup_printf ("mousemove %d %d", x, y);
  cl_test_ui_xdotool (move, 100);
}

static void
click (GtkWidget *widget)
{
  point_at (widget);
  cl_test_ui_xdotool ("click 1", 200);
}

/* XOR as the main window's design, at full speed for a few epochs,
 * opened from a file: the document is not changed, so a lesson opens
 * later without asking. */
static char *xor_path;

static void
load_xor (int epochs)
{
  g_autofree char *path = g_build_filename (g_getenv ("CL_SOURCE_ROOT"), "data", "designs",
                                            "xor.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ClDesign) design = cl_design_load (path, &error);
  g_assert_no_error (error);
  ClTrainSettings *train = cl_net_spec_get_train (design->spec);
  train->epochs = epochs;
  train->speed = 0;
  if (xor_path == NULL)
    {
      g_autofree char *dir = g_dir_make_tmp ("convlab-compare-XXXXXX", NULL);
      xor_path = g_build_filename (dir, "xor.json", NULL);
    }
  g_assert_true (cl_design_save (design, xor_path, &error));
  g_autoptr(GFile) file = g_file_new_for_path (xor_path);
  g_assert_true (cl_app_window_open_file (window (), file));
  g_assert_true (cl_test_ui_wait_until (can_train, NULL, 30000));
}

/* Some pixel of the chart differs from its corner: something drawn. */
static gboolean
has_drawing (GdkTexture *texture)
{
  int w = gdk_texture_get_width (texture), h = gdk_texture_get_height (texture);
  guint32 *pixels = g_new (guint32, (gsize) w * h);
  gboolean drawn = FALSE;

  gdk_texture_download (texture, (guchar *) pixels, (gsize) w * 4);
  for (gsize i = 0; i < (gsize) w * h && !drawn; i++)
    drawn = pixels[i] != pixels[0];
  g_free (pixels);
  return drawn;
}

static ClAppWindow *
other_main_window (void)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL; l = l->next)
    if (CL_APP_IS_WINDOW (l->data) && l->data != window ())
      return l->data;
  return NULL;
}

static gboolean
other_window_trains (gpointer data)
{
  ClAppWindow *other = other_main_window ();
  return other != NULL && cl_app_training_get_snapshot (cl_app_window_get_training (other)) != NULL;
}

static gboolean
file_exists (gpointer path)
{
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static gboolean
race_replaced (gpointer old)
{
  ClAppRace *race = cl_app_compare_window_get_race (compare ());
  return race != NULL && race != old && cl_app_race_get_snapshot (race, 0) != NULL;
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

static void
collect_entries (GtkWidget *widget, GPtrArray *entries)
{
  if (GTK_IS_ENTRY (widget))
    g_ptr_array_add (entries, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    collect_entries (c, entries);
}

/* Choosing a setting offers its usual values: for augmentation, none
 * against augment.h's ids. */
static void
check_augmentation_defaults (ClAppCompareWindow *cmp)
{
  GtkDropDown *setting = GTK_DROP_DOWN (cl_test_ui_find_by_type (GTK_WIDGET (cmp),
                                                                 GTK_TYPE_DROP_DOWN));
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();

  gtk_drop_down_set_selected (setting, CL_RACE_AUGMENTATION);
  collect_entries (GTK_WIDGET (cmp), entries);
  g_assert_cmpuint (entries->len, ==, 4);
  g_assert_cmpstr (gtk_editable_get_text (entries->pdata[0]), ==, "none");
  g_assert_cmpstr (gtk_editable_get_text (entries->pdata[1]), ==, "shift+flip");
  g_assert_cmpstr (gtk_editable_get_text (entries->pdata[2]), ==, "shift+flip+crop+rotate");
  g_assert_cmpstr (gtk_editable_get_text (entries->pdata[3]), ==, "");
  gtk_drop_down_set_selected (setting, CL_RACE_OPTIMISER);
  g_assert_cmpstr (gtk_editable_get_text (entries->pdata[3]), ==, "adam");
}

static void
test_race_two_optimisers (void)
{
  load_xor (2);

  /* Ctrl+K with the real keyboard on the main window. */
  point_at (GTK_WIDGET (window ()));
  cl_test_ui_xdotool ("key ctrl+k", 300);
  g_assert_true (cl_test_ui_wait_until (compare_shown, NULL, 5000));
  ClAppCompareWindow *cmp = compare ();
  check_augmentation_defaults (cmp);

  const char *values[] = { "sgd", "adam", NULL, NULL };
  cl_app_compare_window_compare (cmp, CL_RACE_OPTIMISER, values, FALSE);
  cl_test_ui_spin (300);
  g_assert_null (cl_app_compare_window_get_race (cmp));

  /* Play, clicked. */
  click (cl_test_ui_find_by_name (GTK_WIDGET (cmp), "compare-play"));
  Progress finished = { 1, 2 };
  g_assert_true (cl_test_ui_wait_until (runs_at, &finished, 60000));
  ClAppRace *race = cl_app_compare_window_get_race (cmp);
  g_assert_cmpint (cl_app_race_get_n_runs (race), ==, 2);

  /* The legend's words are the race's: both names. */
  g_autofree char *sgd = cl_race_variant_label (CL_RACE_OPTIMISER, "sgd");
  g_autofree char *adam = cl_race_variant_label (CL_RACE_OPTIMISER, "adam");
  g_assert_cmpstr (cl_app_compare_window_get_run_label (cmp, 0), ==, sgd);
  g_assert_cmpstr (cl_app_compare_window_get_run_label (cmp, 1), ==, adam);
  g_assert_cmpstr (sgd, !=, adam);

  /* The chart drawn, from the runs' snapshots. */
  GtkWidget *chart = cl_app_compare_window_get_chart (cmp);
  guint draws = cl_app_race_chart_get_n_draws (CL_APP_RACE_CHART (chart));
  g_assert_cmpuint (draws, >, 0);
  g_autoptr(GdkTexture) shot = cl_test_ui_save_png (GTK_WIDGET (cmp), "compare-xor-fr.png");
  g_assert_true (has_drawing (shot));

  /* Export PNG: the chart at the size asked. */
  g_autofree char *dir = g_dir_make_tmp ("convlab-compare-XXXXXX", NULL);
  g_autofree char *png = g_build_filename (dir, "race.png", NULL);
  g_autoptr(GError) error = NULL;
  ClRenderStyle style = { 0 };
  g_assert_true (cl_app_compare_window_export_png (cmp, png, 640, 400, 2, &style, &error));
  g_assert_no_error (error);
  cairo_surface_t *surface = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1280);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 800);
  cairo_surface_destroy (surface);
  g_unlink (png);
  g_rmdir (dir);

  /* Play again, and an edit in the main window while the runs train:
   * the race keeps its own design and trains on to the end. */
  ClSnapshot *before = cl_snapshot_ref (cl_app_race_get_snapshot (race, 1));
  gtk_widget_activate_action (GTK_WIDGET (cmp), "compare.play-pause", NULL);
  cl_app_document_remove_layer (cl_app_window_get_document (window ()), 0);
  cl_test_ui_spin (100);
  g_assert_true (cl_app_compare_window_get_race (cmp) == race);
  ClRace *engine_race = cl_app_race_get_race (race);
  g_assert_cmpint (cl_net_spec_get_n_layers (cl_race_get_spec (engine_race, 1)), ==,
                   cl_net_spec_get_n_layers (before->spec));
  Progress more = { before->step + 1, 4 };
  g_assert_true (cl_test_ui_wait_until (runs_at, &more, 60000));
  g_assert_true (cl_app_compare_window_get_race (cmp) == race);
  cl_snapshot_unref (before);
  /* The edit given up: the lesson below opens without asking. */
  load_xor (2);

  /* Open in a New Window: Adam's run, its weights where the run is. */
  ClSnapshot *adam_now = cl_snapshot_ref (cl_app_race_get_snapshot (race, 1));
  GtkWidget *open = cl_test_ui_find_by_name (GTK_WIDGET (cmp), "compare-open-run-1");
  g_assert_true (gtk_widget_activate (open));
  g_assert_true (cl_test_ui_wait_until (other_window_trains, NULL, 30000));
  ClAppWindow *other = other_main_window ();
  const ClSnapshot *there = cl_app_training_get_snapshot (cl_app_window_get_training (other));
  g_assert_cmpuint (there->n_params, ==, adam_now->n_params);
  g_assert_cmpint (memcmp (there->params, adam_now->params, adam_now->n_params * sizeof (float)),
                   ==, 0);
  /* Its curves come along: training goes on from that epoch. */
  g_assert_cmpint (there->epoch, ==, adam_now->epoch);
  cl_snapshot_unref (adam_now);
  gtk_window_destroy (GTK_WINDOW (other));

  /* Save Race: the race file and a model per run; Open Race shows the
   * runs where they were, and they train on. */
  g_autofree char *race_dir = g_dir_make_tmp ("convlab-race-XXXXXX", NULL);
  g_autofree char *race_path = g_build_filename (race_dir, "optimiser.convlab-race", NULL);
  g_autoptr(GFile) race_file = g_file_new_for_path (race_path);
  ClSnapshot *saved = cl_snapshot_ref (cl_app_race_get_snapshot (race, 1));
  cl_app_compare_window_save_race_file (cmp, race_file);
  g_assert_true (cl_test_ui_wait_until (file_exists, race_path, 30000));
  g_assert_true (cl_app_compare_window_open_race_file (cmp, race_file, &error));
  g_assert_no_error (error);
  g_assert_true (cl_test_ui_wait_until (race_replaced, race, 30000));
  ClAppRace *old = race;
  race = cl_app_compare_window_get_race (cmp);
  g_assert_true (race != old);
  g_assert_cmpint (cl_app_race_get_n_runs (race), ==, 2);
  g_assert_cmpstr (cl_app_compare_window_get_run_label (cmp, 1), ==, adam);
  ClSnapshot *reopened = cl_app_race_get_snapshot (race, 1);
  g_assert_cmpint (reopened->epoch, ==, saved->epoch);
  g_assert_cmpuint (reopened->n_loss_history, >, 0);
  g_assert_cmpint (memcmp (reopened->params, saved->params, saved->n_params * sizeof (float)),
                   ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (cmp), "compare.play-pause", NULL);
  Progress on = { saved->step + 1, 6 };
  g_assert_true (cl_test_ui_wait_until (runs_at, &on, 60000));
  cl_snapshot_unref (saved);

  /* A file that is not a race: refused, naming it; the race stays. */
  g_autofree char *bad_path = g_build_filename (race_dir, "bad.convlab-race", NULL);
  g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
  g_assert_true (g_file_set_contents (bad_path, "{\"format\": \"convlab-design\"}", -1, NULL));
  g_assert_false (cl_app_compare_window_open_race_file (cmp, bad, &error));
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "bad.convlab-race"));
  g_clear_error (&error);
  g_assert_true (cl_app_compare_window_get_race (cmp) == race);
  remove_dir (race_dir);

  /* Closing the window stops the race: its trainers are freed. */
  g_object_add_weak_pointer (G_OBJECT (race), (gpointer *) &race);
  gtk_window_close (GTK_WINDOW (cmp));
  g_assert_true (cl_test_ui_wait_until (is_null, &race, 30000));
  g_assert_null (cl_app_compare_window_get_race (cmp));
}

static gboolean
lesson_race_started (gpointer data)
{
  Progress at_least = { GPOINTER_TO_UINT (data), 0 };
  ClAppRace *race = compare () != NULL ? cl_app_compare_window_get_race (compare ()) : NULL;
  return race != NULL && cl_app_race_get_n_runs (race) == 4 && runs_at (&at_least);
}

static void
test_optimiser_lesson (void)
{
  g_autofree char *dir = cl_lessons_find_dir ();
  g_autofree char *path = g_build_filename (dir, "15-optimisers.json", NULL);

  g_assert_true (cl_app_window_open_lesson (window (), path));
  /* Four runs racing, the class watching: a few epochs for the picture. */
  g_assert_true (cl_test_ui_wait_until (lesson_race_started, GUINT_TO_POINTER (120), 60000));
  ClAppCompareWindow *cmp = compare ();
  ClAppRace *race = cl_app_compare_window_get_race (cmp);
  g_assert_true (cl_app_race_get_running (race));
  const char *four[] = { "sgd", "momentum", "rmsprop", "adam" };
  for (int i = 0; i < 4; i++)
    {
      g_autofree char *label = cl_race_variant_label (CL_RACE_OPTIMISER, four[i]);
      g_assert_cmpstr (cl_app_compare_window_get_run_label (cmp, i), ==, label);
    }

  /* Space pauses them all. */
  point_at (cl_app_compare_window_get_chart (cmp));
  cl_test_ui_xdotool ("key space", 400);
  g_assert_false (cl_app_race_get_running (race));

  /* The remote's Page Down, pressed on this window, goes on with the
   * lesson; the race stays as it is. */
  cl_test_ui_xdotool ("key Next", 400);
  guint step = 0;
  g_assert_nonnull (cl_app_window_get_lesson (window (), &step));
  g_assert_cmpuint (step, ==, 1);
  g_assert_true (cl_app_compare_window_get_race (cmp) == race);

  /* The projector's picture, and nothing cut at 1024×768. */
  gtk_window_set_default_size (GTK_WINDOW (cmp), 1280, 720);
  cl_test_ui_spin (500);
  g_object_unref (cl_test_ui_save_png (GTK_WIDGET (cmp), "compare-optimisers-fr-1280x720.png"));
  cl_app_compare_window_set_presenting (cmp, TRUE);
  cl_test_ui_spin (500);
  g_object_unref (cl_test_ui_save_png (GTK_WIDGET (cmp), "compare-optimisers-present-fr-1280x720.png"));
  cl_app_compare_window_set_presenting (cmp, FALSE);
  gtk_window_set_default_size (GTK_WINDOW (cmp), 1000, 700);
  cl_test_ui_spin (500);
  int min_w, min_h;
  gtk_widget_measure (GTK_WIDGET (cmp), GTK_ORIENTATION_HORIZONTAL, -1, &min_w, NULL, NULL, NULL);
  gtk_widget_measure (GTK_WIDGET (cmp), GTK_ORIENTATION_VERTICAL, min_w, &min_h, NULL, NULL, NULL);
  g_assert_cmpint (min_w, <=, 1024);
  g_assert_cmpint (min_h, <=, 700);
  cl_test_ui_assert_nothing_clipped (GTK_WIDGET (cmp), "Compare Runs at 1000×700");

  /* Quitting while they run leaves no thread behind, and does not hang. */
  gtk_widget_activate_action (GTK_WIDGET (cmp), "compare.play-pause", NULL);
  g_assert_true (cl_app_race_get_running (race));
  g_object_add_weak_pointer (G_OBJECT (race), (gpointer *) &race);
  cl_test_ui_stop_app (app);
  g_assert_true (cl_test_ui_wait_until (is_null, &race, 30000));
}

int
main (int argc, char **argv)
{
  const char *localedir = g_getenv ("CONVLAB_LOCALEDIR");

  g_setenv ("LANGUAGE", "fr", TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  cl_test_ui_init (&argc, &argv);
  app = cl_test_ui_start_app ();
  g_test_add_func ("/ui/compare/race-two-optimisers", test_race_two_optimisers);
  g_test_add_func ("/ui/compare/optimiser-lesson", test_optimiser_lesson);
  int status = g_test_run ();
  g_object_unref (app);
  if (xor_path != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (xor_path);
      g_unlink (xor_path);
      g_rmdir (dir);
      g_free (xor_path);
    }
  return status;
}
