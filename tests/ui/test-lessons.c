/* Lessons, in French, as a teacher meets them: a new window starts on the
 * Lessons page and one click on a card makes the lesson live (its design
 * as a new network, its panel, its caption); the remote's Page Down and
 * Page Up walk the steps and the course, B blacks the screen and any key
 * brings it back, the teacher's notes hide in presentation mode, a broken
 * lesson file is said and changes nothing.  Then every shipped lesson
 * opens what it names, photographed in presentation mode at 1280×720 (the
 * contact sheet of the course). */
#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

#include "cl-app-explorer-window.h"
#include "cl-app-lesson-bar.h"
#include "cl-app-lessons-window.h"
#include "cl-app-network-canvas.h"
#include "cl-app-window.h"
#include "engine/lesson.h"
#include "ui-harness.h"

static ClAppApplication *app;

static ClAppWindow *
window (void)
{
  return CL_APP_WINDOW (cl_test_ui_main_window (app));
}

static ClAppLessonBar *
lesson_bar (void)
{
  return CL_APP_LESSON_BAR (cl_test_ui_find_by_type (GTK_WIDGET (window ()),
                                                     CL_APP_TYPE_LESSON_BAR));
}

static const char *
open_lesson_id (guint *step)
{
  const ClLesson *lesson = cl_app_window_get_lesson (window (), step);
  return lesson != NULL ? lesson->id : NULL;
}

static int
hidden_units (void)
{
  /* The first Dense layer's units: 2 in XOR 2-2-1, 8 in XOR 2-8-1. */
  return (int) cl_net_spec_get_setting (cl_app_document_get_spec (cl_app_window_get_document (window ())),
                                        0, "units");
}

static void
click (GtkWidget *widget)
{
  int x, y;
  cl_test_ui_screen_point (widget, gtk_widget_get_width (widget) / 2.0,
                           gtk_widget_get_height (widget) / 2.0, &x, &y);
  g_autofree char *command = g_strdup_printf ("mousemove %d %d click 1", x, y);
  cl_test_ui_xdotool (command, 400);
}

static void
point_at_main_window (void)
{
  GtkWidget *w = GTK_WIDGET (window ());
  int x, y;
  cl_test_ui_screen_point (w, gtk_widget_get_width (w) / 2.0, gtk_widget_get_height (w) / 2.0,
                           &x, &y);
  g_autofree char *command = g_strdup_printf ("mousemove %d %d", x, y);
  cl_test_ui_xdotool (command, 100);
}

static gboolean
lesson_is_open (gpointer id)
{
  guint step;
  return g_strcmp0 (open_lesson_id (&step), id) == 0;
}

static gboolean
at_step (gpointer data)
{
  guint step;
  return open_lesson_id (&step) != NULL && step == GPOINTER_TO_UINT (data);
}

/* From a fresh start: the Lessons page, then one click. */
static void
test_one_click_from_the_start (void)
{
  GtkWindow *lessons = cl_test_ui_find_window (CL_APP_TYPE_LESSONS_WINDOW);
  g_assert_nonnull (lessons);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lessons)));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (lessons));
  g_object_unref (cl_test_ui_save_png (GTK_WIDGET (lessons), "lessons-page-fr.png"));

  GtkWidget *card = cl_app_lessons_window_get_card (CL_APP_LESSONS_WINDOW (lessons), "16-xor");
  g_assert_nonnull (card);
  /* Scrolled into view, as the teacher's wheel would. */
  gtk_widget_grab_focus (card);
  cl_test_ui_spin (300);
  int clicks = 0;
  click (card);
  clicks++;
  g_assert_true (cl_test_ui_wait_until (lesson_is_open, "16-xor", 3000));
  g_assert_cmpint (clicks, <=, 3);

  /* Live: the page gone, the design a new untitled network, the
   * caption in French under the header. */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (lessons)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lesson_bar ())));
  g_assert_cmpint (hidden_units (), ==, 2);
  g_assert_null (cl_app_document_get_file (cl_app_window_get_document (window ())));
  /* The picture it asks for: the decision regions of the Curves panel. */
  AdwViewStack *panels = ADW_VIEW_STACK (cl_test_ui_find_by_type (GTK_WIDGET (window ()),
                                                                   ADW_TYPE_VIEW_STACK));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (panels), ==, "curves");
  GtkWidget *curves = adw_bin_get_child (ADW_BIN (adw_view_stack_get_child_by_name (panels, "curves")));
  GtkDropDown *view = g_object_get_data (G_OBJECT (curves), "cl-view-dropdown");
  g_assert_cmpuint (gtk_drop_down_get_selected (view), ==, 2);
  g_autofree char *text = cl_app_lesson_bar_dup_text (lesson_bar ());
  g_assert_nonnull (strstr (text, "Leçon 16"));
  g_assert_nonnull (strstr (text, "Essayez : "));
  g_object_unref (cl_test_ui_save_png (GTK_WIDGET (window ()), "lesson-xor-fr.png"));
}

/* Page Down, Page Up and B with the real keyboard. */
static void
test_the_remote (void)
{
  point_at_main_window ();
  cl_test_ui_xdotool ("key Next", 400);
  g_assert_true (cl_test_ui_wait_until (at_step, GUINT_TO_POINTER (1), 3000));
  g_assert_cmpint (hidden_units (), ==, 8);
  g_autofree char *text = cl_app_lesson_bar_dup_text (lesson_bar ());
  g_assert_nonnull (strstr (text, "huit neurones"));

  cl_test_ui_xdotool ("key Prior", 400);
  g_assert_true (cl_test_ui_wait_until (at_step, GUINT_TO_POINTER (0), 3000));
  g_assert_cmpint (hidden_units (), ==, 2);

  /* Back past the first step: the lesson before in the course, at its
   * last step. */
  cl_test_ui_xdotool ("key Prior", 400);
  guint step;
  const char *id = open_lesson_id (&step);
  g_assert_nonnull (id);
  g_assert_cmpstr (id, !=, "16-xor");
  cl_test_ui_xdotool ("key Next", 400);
  g_assert_true (cl_test_ui_wait_until (lesson_is_open, "16-xor", 3000));

  /* B: black; any key: back, and that key does nothing else. */
  cl_test_ui_xdotool ("key b", 200);
  g_assert_true (cl_app_window_get_blank (window ()));
  g_object_unref (cl_test_ui_save_png (GTK_WIDGET (window ()), "lesson-blank.png"));
  cl_test_ui_xdotool ("key Next", 200);
  g_assert_false (cl_app_window_get_blank (window ()));
  g_assert_true (at_step (GUINT_TO_POINTER (0)));
}

/* The notes are the teacher's: gone in presentation mode. */
static void
test_notes_hide_when_presenting (void)
{
  g_assert_true (cl_app_lesson_bar_get_notes_visible (lesson_bar ()));
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.present", NULL);
  cl_test_ui_spin (200);
  g_assert_false (cl_app_lesson_bar_get_notes_visible (lesson_bar ()));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (lesson_bar ())));
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.leave-present", NULL);
  cl_test_ui_spin (200);
  g_assert_true (cl_app_lesson_bar_get_notes_visible (lesson_bar ()));
}

static gboolean
optimiser_is (gpointer data)
{
  const ClTrainSettings *t = cl_net_spec_peek_train (cl_app_document_get_spec (cl_app_window_get_document (window ())));
  return t->optimiser == (ClOptimKind) GPOINTER_TO_INT (data);
}

/* A step's optimiser and learning rate are the document as it opens, not
 * an edit: leaving it asks nothing, Page Down goes straight on. */
static void
test_steps_set_the_training (void)
{
  g_autofree char *dir = cl_lessons_find_dir ();
  g_autofree char *path = g_build_filename (dir, "15-optimisers.json", NULL);
  ClAppDocument *document = cl_app_window_get_document (window ());

  g_assert_true (cl_app_window_open_lesson (window (), path));
  g_assert_true (cl_test_ui_wait_until (lesson_is_open, "15-optimisers", 3000));
  g_assert_true (optimiser_is (GINT_TO_POINTER (CL_OPTIM_SGD)));
  g_assert_cmpfloat (cl_net_spec_peek_train (cl_app_document_get_spec (document))->lr, ==, 0.03);
  g_assert_false (cl_app_document_get_dirty (document));

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.lesson-next", NULL);
  g_assert_true (cl_test_ui_wait_until (optimiser_is, GINT_TO_POINTER (CL_OPTIM_MOMENTUM), 3000));
  g_assert_false (cl_app_document_get_dirty (document));
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.lesson-next", NULL);
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.lesson-next", NULL);
  g_assert_true (cl_test_ui_wait_until (optimiser_is, GINT_TO_POINTER (CL_OPTIM_ADAM), 3000));
  g_assert_cmpfloat (cl_net_spec_peek_train (cl_app_document_get_spec (document))->lr, ==, 0.03);
}

static gboolean
canvas_zoom_is (gpointer data)
{
  ClAppNetworkCanvas *canvas = CL_APP_NETWORK_CANVAS (cl_test_ui_find_by_type (GTK_WIDGET (window ()),
                                                                               CL_APP_TYPE_NETWORK_CANVAS));
  return G_APPROX_VALUE (cl_app_network_canvas_get_zoom (canvas), *(double *) data, 1e-9);
}

/* A lesson's zoom (the shapes lesson asks 1.5), and the next lesson's
 * back to 1. */
static void
test_lesson_zoom (void)
{
  g_autofree char *dir = cl_lessons_find_dir ();
  g_autofree char *tensors = g_build_filename (dir, "17-tensors.json", NULL);
  g_autofree char *xor = g_build_filename (dir, "16-xor.json", NULL);
  double one_and_a_half = 1.5, one = 1.0;

  g_assert_true (cl_app_window_open_lesson (window (), tensors));
  g_assert_true (cl_test_ui_wait_until (canvas_zoom_is, &one_and_a_half, 3000));
  g_assert_true (cl_app_window_open_lesson (window (), xor));
  g_assert_true (cl_test_ui_wait_until (canvas_zoom_is, &one, 3000));
}

static void
test_broken_lesson_changes_nothing (void)
{
  g_autofree char *dir = g_dir_make_tmp ("convlab-lesson-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "broken.json", NULL);
  g_assert_true (g_file_set_contents (path, "{\"format\": \"convlab-lesson\", \"version\": 1}", -1,
                                      NULL));
  guint step_before;
  const char *before = open_lesson_id (&step_before);

  g_assert_false (cl_app_window_open_lesson (window (), path));
  guint step_after;
  g_assert_cmpstr (open_lesson_id (&step_after), ==, before);
  g_assert_cmpuint (step_after, ==, step_before);
  g_unlink (path);
  g_rmdir (dir);
}

static gboolean
can_train (gpointer data)
{
  return cl_app_training_get_can_train (cl_app_window_get_training (window ()));
}

static gboolean
has_snapshot (gpointer data)
{
  return cl_app_training_get_snapshot (cl_app_window_get_training (window ())) != NULL;
}

/* Every lesson of the course opens what it names; a photograph of each
 * in presentation mode at 1280×720. */
static void
test_every_lesson (void)
{
  g_autofree char *dir = cl_lessons_find_dir ();
  g_autoptr(GPtrArray) lessons = cl_lessons_load_dir (dir, NULL);

  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.present", NULL);
  for (guint i = 0; i < lessons->len; i++)
    {
      const ClLesson *lesson = lessons->pdata[i];
      ClLessonStep step;
      cl_lesson_get_step (lesson, 0, &step);
      g_test_message ("lesson %s", lesson->id);
      /* A lesson names only explorers that exist. */
      if (step.explorer != NULL && cl_app_explorer_lookup (step.explorer) == NULL)
        g_error ("lesson %s: there is no explorer “%s”", lesson->id, step.explorer);

      /* As a teacher does it: the Lessons page (Ctrl+L or the menu), then
       * the card, with the real pointer: two clicks from any window, one
       * from a fresh start. */
      GtkWindow *page = cl_app_window_show_lessons (window ());
      cl_test_ui_spin (300);
      GtkWidget *card = cl_app_lessons_window_get_card (CL_APP_LESSONS_WINDOW (page), lesson->id);
      g_assert_nonnull (card);
      gtk_widget_grab_focus (card);
      cl_test_ui_spin (200);
      click (card);
      g_assert_true (cl_test_ui_wait_until (lesson_is_open, lesson->id, 5000));
      /* A lesson that names no panel shows the network. */
      if (step.panel == NULL && step.explorer == NULL)
        {
          GtkWidget *canvas = cl_test_ui_find_by_type (GTK_WIDGET (window ()),
                                                      CL_APP_TYPE_NETWORK_CANVAS);
          g_assert_true (gtk_widget_is_visible (canvas));
        }
      if (g_str_equal (lesson->id, "05-dense-colour-images"))
        g_assert_cmpuint (cl_app_document_get_total_params (cl_app_window_get_document (window ())),
                          ==, 30730);
      cl_test_ui_spin (600);
      /* One step, so the picture shows something of the network's. */
      if (step.design != NULL)
        {
          g_assert_true (cl_test_ui_wait_until (can_train, NULL, 30000));
          gtk_widget_activate_action (GTK_WIDGET (window ()), "win.step", NULL);
          g_assert_true (cl_test_ui_wait_until (has_snapshot, NULL, 20000));
          cl_test_ui_spin (500);
        }
      GtkWidget *shown = GTK_WIDGET (window ());
      if (step.explorer != NULL)
        {
          GtkWindow *explorers = cl_app_window_get_explorer_window (window ());
          g_assert_nonnull (explorers);
          g_assert_true (gtk_widget_get_visible (GTK_WIDGET (explorers)));
          g_assert_cmpstr (cl_app_explorer_window_get_visible_id (CL_APP_EXPLORER_WINDOW (explorers)),
                           ==, step.explorer);
          cl_app_explorer_window_set_presenting (CL_APP_EXPLORER_WINDOW (explorers), TRUE);
          gtk_window_set_default_size (explorers, 1280, 720);
          cl_test_ui_spin (400);
          shown = GTK_WIDGET (explorers);
        }
      g_autofree char *name = g_strdup_printf ("lesson-%02d-%s.png", lesson->number, lesson->id);
      g_object_unref (cl_test_ui_save_png (shown, name));
      if (step.explorer != NULL)
        {
          GtkWindow *explorers = cl_app_window_get_explorer_window (window ());
          cl_app_explorer_window_set_presenting (CL_APP_EXPLORER_WINDOW (explorers), FALSE);
          gtk_widget_set_visible (GTK_WIDGET (explorers), FALSE);
        }
    }
  gtk_widget_activate_action (GTK_WIDGET (window ()), "win.leave-present", NULL);
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
  /* No "not saved last time" toast; the Lessons page at the start. */
  g_autofree char *autosave = g_build_filename (g_get_user_data_dir (), "convlab", "autosave.json", NULL);
  g_unlink (autosave);
  g_setenv ("CL_TEST_LESSONS_AT_START", "1", TRUE);
  app = cl_test_ui_start_app ();
  gtk_window_set_default_size (cl_test_ui_main_window (app), 1280, 720);
  cl_test_ui_spin (500);
  g_test_add_func ("/ui/lessons/one-click-from-the-start", test_one_click_from_the_start);
  g_test_add_func ("/ui/lessons/the-remote", test_the_remote);
  g_test_add_func ("/ui/lessons/notes-hide-when-presenting", test_notes_hide_when_presenting);
  g_test_add_func ("/ui/lessons/steps-set-the-training", test_steps_set_the_training);
  g_test_add_func ("/ui/lessons/lesson-zoom", test_lesson_zoom);
  g_test_add_func ("/ui/lessons/every-lesson", test_every_lesson);
  g_test_add_func ("/ui/lessons/broken-lesson-changes-nothing", test_broken_lesson_changes_nothing);
  int status = g_test_run ();
  cl_test_ui_stop_app (app);
  g_object_unref (app);
  return status;
}
