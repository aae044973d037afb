/* cl-app-window-lessons.c — lessons in the main window: the Lessons page
 * (at the start of a new window, in the menu, Ctrl+L), opening a lesson
 * (its design as a new untitled document, its panel or explorer, its
 * learning rate and speed), its steps on the remote's Page Down and
 * Page Up, and B for a black screen. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-explorer-window.h"
#include "cl-app-lesson-bar.h"
#include "cl-app-lessons-window.h"
#include "cl-app-panels.h"
#include "cl-app-window-private.h"
#include "engine/design-file.h"
#include "render/render-style.h"

/* The shipped lessons, read once per window (they are a few kilobytes). */
static GPtrArray *
lessons (ClAppWindow *self)
{
  if (self->lessons == NULL)
    {
      g_autofree char *dir = cl_lessons_find_dir ();
      self->lesson_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
      self->lessons = cl_lessons_load_dir (dir, self->lesson_errors);
    }
  return self->lessons;
}

GtkWindow *
cl_app_window_show_lessons (ClAppWindow *self)
{
  g_return_val_if_fail (CL_APP_IS_WINDOW (self), NULL);

  if (self->lessons_window == NULL)
    {
      GPtrArray *all = lessons (self);
      self->lessons_window = GTK_WINDOW (cl_app_lessons_window_new (GTK_WINDOW (self), all,
                                                                   self->lesson_errors));
      g_object_ref_sink (self->lessons_window);
    }
  gtk_window_present (self->lessons_window);
  return self->lessons_window;
}

void
cl_app_window_show_lessons_at_start (ClAppWindow *self)
{
  GSettings *settings = cl_app_application_get_settings (
    CL_APP_APPLICATION (gtk_window_get_application (GTK_WINDOW (self))));

  if (settings == NULL || g_settings_get_boolean (settings, "lessons-at-start"))
    cl_app_window_show_lessons (self);
}

/* ---- showing a step ---- */

static void
sync_actions (ClAppWindow *self)
{
  gboolean open = self->lesson != NULL;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lesson-next", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.lesson-previous", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.close-lesson", open);
}

/* The learning rate, optimiser and speed a step asks for, set on the
 * design it opens: the lesson's set-up is the document as loaded, not an
 * edit, so leaving it asks nothing unless the class changed something. */
static void
apply_settings (ClDesign *design, const ClLessonStep *step)
{
  ClTrainSettings *train = cl_net_spec_get_train (design->spec);
  ClOptimKind optimiser;

  if (step->learning_rate > 0)
    train->lr = step->learning_rate;
  if (step->optimiser != NULL && cl_optim_kind_from_string (step->optimiser, &optimiser))
    train->optimiser = optimiser;
  if (step->speed >= 0)
    train->speed = step->speed;
}

/* Whether going from `before` to `step` opens another document: another
 * design, or the same with other settings. */
static gboolean
opens_design (const ClLessonStep *step, const ClLessonStep *before)
{
  if (step->design == NULL)
    return FALSE;
  return before == NULL || g_strcmp0 (step->design, before->design) != 0
         || step->learning_rate != before->learning_rate
         || g_strcmp0 (step->optimiser, before->optimiser) != 0 || step->speed != before->speed;
}

/* A step that names a race opens Compare Runs on it and starts it; the
 * steps after it keep it running.  Another lesson closes a race a lesson
 * started (its threads go), not one the teacher opened. */
static void
apply_compare (ClAppWindow *self, const ClLessonStep *step, const ClLessonStep *before)
{
  ClRaceSetting setting;

  if (step->compare == NULL)
    {
      if (before == NULL && self->compare_from_lesson && self->compare_window != NULL)
        gtk_window_close (self->compare_window);
      self->compare_from_lesson = FALSE;
      return;
    }
  if (before != NULL && g_strcmp0 (step->compare, before->compare) == 0
      && step->compare_values == before->compare_values)
    return;
  if (cl_race_setting_from_string (step->compare, &setting))
    {
      _cl_app_window_compare (self, setting, (const char *const *) step->compare_values);
      self->compare_from_lesson = TRUE;
    }
}

static void
apply_view (ClAppWindow *self, const ClLessonStep *step, const ClLessonStep *before)
{
  /* A lesson about the network itself shows the network, not whichever
   * panel the lesson before brought forward. */
  if (before == NULL && step->panel == NULL && step->explorer == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-network", NULL);
  if (step->panel != NULL && (before == NULL || g_strcmp0 (step->panel, before->panel) != 0))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.show-panel", "s", step->panel);
  /* The zoom a lesson asks for, or back to 1 when a lesson opens. */
  if (before == NULL || step->zoom != before->zoom)
    {
      double zoom = step->zoom > 0 ? step->zoom : 1.0;
      /* Never below what the presentation mode gives the back row. */
      cl_app_network_canvas_set_zoom (self->canvas,
                                      cl_app_window_get_presenting (self)
                                        ? MAX (zoom, CL_RENDER_PRESENT_NETWORK_ZOOM) : zoom);
      _cl_app_window_present_zoom (self, 0);
      if (zoom != 1.0)
        _cl_app_window_present_zoom (self, zoom);
    }
  if (step->view != NULL)
    cl_app_panel_curves_set_view (adw_bin_get_child (self->curves_page), step->view);
  if (step->explorer != NULL
      && (before == NULL || g_strcmp0 (step->explorer, before->explorer) != 0))
    gtk_widget_activate_action (GTK_WIDGET (self), "win.explorer", "s", step->explorer);
  apply_compare (self, step, before);
}

/* Step self->lesson_pending of self->pending_lesson, now that whatever
 * it replaces was saved or given up (or nothing needed to be). */
static void
show_pending (ClAppWindow *self)
{
  ClLesson *lesson = g_steal_pointer (&self->pending_lesson);
  guint index = self->lesson_pending_step;
  gboolean same_lesson = lesson == self->lesson;
  ClLessonStep step, before;

  if (lesson == NULL)
    return;
  cl_lesson_get_step (lesson, index, &step);
  if (same_lesson)
    cl_lesson_get_step (lesson, self->lesson_step, &before);

  if (opens_design (&step, same_lesson ? &before : NULL))
    {
      g_autoptr(GError) error = NULL;
      ClDesign *design = cl_design_load (step.design, &error);
      if (design == NULL)
        {
          _cl_app_window_toast (self, error->message);
          if (!same_lesson)
            cl_lesson_free (lesson);
          return;
        }
      /* Shipped names are translated, as the examples' are. */
      if (design->name != NULL && *design->name != '\0')
        {
          char *name = g_strdup (_(design->name));
          g_free (design->name);
          design->name = name;
        }
      apply_settings (design, &step);
      _cl_app_window_open_design (self, design);
    }

  if (!same_lesson)
    {
      g_clear_pointer (&self->lesson, cl_lesson_free);
      self->lesson = lesson;
    }
  self->lesson_step = index;
  apply_view (self, &step, same_lesson ? &before : NULL);
  cl_app_lesson_bar_show_step (CL_APP_LESSON_BAR (self->lesson_bar), self->lesson, index);
  gtk_widget_set_visible (self->lesson_bar, TRUE);
  sync_actions (self);
}

/* Goes to step `index` of `lesson` (taken, or the open one): through the
 * "may I leave?" step when it opens another design. */
static void
go_to (ClAppWindow *self, ClLesson *lesson, guint index)
{
  ClLessonStep step, now;
  gboolean replaces = FALSE;

  cl_lesson_get_step (lesson, index, &step);
  if (lesson != self->lesson)
    replaces = opens_design (&step, NULL);
  else
    {
      cl_lesson_get_step (lesson, self->lesson_step, &now);
      replaces = opens_design (&step, &now);
    }

  if (self->pending_lesson != NULL && self->pending_lesson != self->lesson)
    cl_lesson_free (self->pending_lesson);
  self->pending_lesson = lesson;
  self->lesson_pending_step = index;
  if (replaces)
    _cl_app_window_leave_document (self, show_pending);
  else
    show_pending (self);
}

const ClLesson *
cl_app_window_get_lesson (ClAppWindow *self, guint *step)
{
  g_return_val_if_fail (CL_APP_IS_WINDOW (self), NULL);
  if (step != NULL)
    *step = self->lesson_step;
  return self->lesson;
}

gboolean
cl_app_window_open_lesson (ClAppWindow *self, const char *path)
{
  g_autoptr(GError) error = NULL;
  ClLesson *lesson = cl_lesson_load (path, &error);

  if (lesson == NULL)
    {
      _cl_app_window_toast (self, error->message);
      return FALSE;
    }
  go_to (self, lesson, 0);
  return TRUE;
}

static void
open_lesson_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  cl_app_window_open_lesson (CL_APP_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

/* The open lesson's place in the course, or -1 for a lesson of its own. */
static int
course_index (ClAppWindow *self)
{
  GPtrArray *all = lessons (self);
  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (((ClLesson *) all->pdata[i])->path, self->lesson->path) == 0)
      return (int) i;
  return -1;
}

static void
open_course_lesson (ClAppWindow *self, int index, gboolean at_end)
{
  const ClLesson *next = g_ptr_array_index (lessons (self), index);
  g_autoptr(GError) error = NULL;
  ClLesson *lesson = cl_lesson_load (next->path, &error);

  if (lesson == NULL)
    {
      _cl_app_window_toast (self, error->message);
      return;
    }
  go_to (self, lesson, at_end ? cl_lesson_get_n_steps (lesson) - 1 : 0);
}

static void
lesson_next_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);

  if (self->lesson == NULL)
    return;
  if (self->lesson_step + 1 < cl_lesson_get_n_steps (self->lesson))
    {
      go_to (self, self->lesson, self->lesson_step + 1);
      return;
    }
  int i = course_index (self);
  if (i >= 0 && (guint) i + 1 < lessons (self)->len)
    open_course_lesson (self, i + 1, FALSE);
  else
    _cl_app_window_toast (self, _("This was the last lesson."));
}

static void
lesson_previous_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);

  if (self->lesson == NULL)
    return;
  if (self->lesson_step > 0)
    {
      go_to (self, self->lesson, self->lesson_step - 1);
      return;
    }
  int i = course_index (self);
  if (i > 0)
    open_course_lesson (self, i - 1, TRUE);
  else
    _cl_app_window_toast (self, _("This is the first lesson."));
}

static void
close_lesson_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);

  g_clear_pointer (&self->lesson, cl_lesson_free);
  gtk_widget_set_visible (self->lesson_bar, FALSE);
  sync_actions (self);
}

static void
lessons_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  cl_app_window_show_lessons (CL_APP_WINDOW (widget));
}

/* ---- the black screen ---- */

gboolean
cl_app_window_get_blank (ClAppWindow *self)
{
  g_return_val_if_fail (CL_APP_IS_WINDOW (self), FALSE);
  return self->blank;
}

static void
set_blank (ClAppWindow *self, gboolean blank)
{
  self->blank = blank;
  /* The content is still there, only not drawn: no state is lost. */
  gtk_widget_set_opacity (GTK_WIDGET (self->toast_overlay), blank ? 0 : 1);
  if (blank)
    gtk_widget_add_css_class (GTK_WIDGET (self), "cl-blank");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "cl-blank");
}

static void
blank_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppWindow *self = CL_APP_WINDOW (widget);
  set_blank (self, !self->blank);
}

/* Any key brings the picture back from black, as on a slide projector;
 * the key itself does nothing else. */
static gboolean
on_key_while_blank (GtkEventControllerKey *keys, guint keyval, guint keycode,
                    GdkModifierType state, ClAppWindow *self)
{
  if (!self->blank)
    return FALSE;
  set_blank (self, FALSE);
  return TRUE;
}

static void
sync_presenting (ClAppWindow *self)
{
  cl_app_lesson_bar_set_presenting (CL_APP_LESSON_BAR (self->lesson_bar),
                                    cl_app_window_get_presenting (self));
}

void
_cl_app_window_lessons_init (ClAppWindow *self)
{
  self->lesson_bar = cl_app_lesson_bar_new ();
  gtk_widget_set_visible (self->lesson_bar, FALSE);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (self->header_bar)),
                              self->lesson_bar, self->header_bar);

  /* A presentation remote sends Page Down, Page Up and B: they move
   * through the lesson wherever the focus is (the actions are disabled,
   * and the keys go on to their usual owner, while no lesson is open).
   * B is caught only after the focused widget had it: "b" in a text
   * field stays a letter. */
  GtkEventController *keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Down, 0),
                                                          gtk_named_action_new ("win.lesson-next")));
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Page_Up, 0),
                                                          gtk_named_action_new ("win.lesson-previous")));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  GtkEventController *blank_keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (blank_keys, GTK_PHASE_CAPTURE);
  g_signal_connect (blank_keys, "key-pressed", G_CALLBACK (on_key_while_blank), self);
  gtk_widget_add_controller (GTK_WIDGET (self), blank_keys);

  sync_actions (self);
}

void
_cl_app_window_lessons_sync_presenting (ClAppWindow *self)
{
  if (self->lesson_bar != NULL)
    sync_presenting (self);
}

void
_cl_app_window_lessons_dispose (ClAppWindow *self)
{
  if (self->lessons_window != NULL)
    gtk_window_destroy (self->lessons_window);
  g_clear_object (&self->lessons_window);
  if (self->pending_lesson != self->lesson)
    g_clear_pointer (&self->pending_lesson, cl_lesson_free);
  self->pending_lesson = NULL;
  g_clear_pointer (&self->lesson, cl_lesson_free);
  g_clear_pointer (&self->lessons, g_ptr_array_unref);
  g_clear_pointer (&self->lesson_errors, g_ptr_array_unref);
}

void
_cl_app_window_install_lesson_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.lessons", NULL, lessons_action);
  gtk_widget_class_install_action (widget_class, "win.open-lesson", "s", open_lesson_action);
  gtk_widget_class_install_action (widget_class, "win.lesson-next", NULL, lesson_next_action);
  gtk_widget_class_install_action (widget_class, "win.lesson-previous", NULL,
                                   lesson_previous_action);
  gtk_widget_class_install_action (widget_class, "win.close-lesson", NULL, close_lesson_action);
  gtk_widget_class_install_action (widget_class, "win.blank", NULL, blank_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.lessons",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_b, 0, "win.blank", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_B, 0, "win.blank", NULL);
}
