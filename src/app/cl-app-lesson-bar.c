/* cl-app-lesson-bar.c — the open lesson's caption (see the header). */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-lesson-bar.h"

struct _ClAppLessonBar
{
  GtkBox parent_instance;

  GtkWidget *title;
  GtkWidget *caption;
  GtkWidget *try_this;
  GtkWidget *step;
  GtkWidget *notes_button;
  GtkWidget *notes;
  GtkWidget *previous, *next;
};

G_DEFINE_FINAL_TYPE (ClAppLessonBar, cl_app_lesson_bar, GTK_TYPE_BOX)

static GtkWidget *
wrapping_label (const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static GtkWidget *
icon_button (const char *icon, const char *action, const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  return button;
}

static void
cl_app_lesson_bar_init (ClAppLessonBar *self)
{
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *popover = gtk_popover_new ();

  gtk_orientable_set_orientation (GTK_ORIENTABLE (self), GTK_ORIENTATION_HORIZONTAL);
  gtk_box_set_spacing (GTK_BOX (self), 12);
  gtk_widget_add_css_class (GTK_WIDGET (self), "cl-lesson-bar");

  self->title = wrapping_label ("heading");
  self->caption = wrapping_label ("cl-lesson-caption");
  self->try_this = wrapping_label ("cl-lesson-try");
  self->step = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->step, "dim-label");
  gtk_widget_set_valign (self->step, GTK_ALIGN_CENTER);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), self->title);
  gtk_box_append (GTK_BOX (texts), self->caption);
  gtk_box_append (GTK_BOX (texts), self->try_this);

  self->notes = wrapping_label (NULL);
  gtk_label_set_max_width_chars (GTK_LABEL (self->notes), 50);
  gtk_widget_set_margin_start (self->notes, 6);
  gtk_widget_set_margin_end (self->notes, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), self->notes);
  self->notes_button = gtk_menu_button_new ();
  gtk_menu_button_set_label (GTK_MENU_BUTTON (self->notes_button), _("Notes"));
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->notes_button), popover);
  gtk_widget_set_tooltip_text (self->notes_button,
                               _("What to say: for the teacher, hidden in presentation mode"));
  gtk_widget_set_valign (self->notes_button, GTK_ALIGN_CENTER);

  self->previous = icon_button ("go-previous-symbolic", "win.lesson-previous",
                                _("Previous step or lesson (Page Up)"));
  self->next = icon_button ("go-next-symbolic", "win.lesson-next",
                            _("Next step or lesson (Page Down)"));
  gtk_box_append (GTK_BOX (buttons), self->step);
  gtk_box_append (GTK_BOX (buttons), self->notes_button);
  gtk_box_append (GTK_BOX (buttons), self->previous);
  gtk_box_append (GTK_BOX (buttons), self->next);
  gtk_box_append (GTK_BOX (buttons), icon_button ("window-close-symbolic", "win.close-lesson",
                                                  _("Close the lesson (the network stays)")));
  gtk_widget_set_valign (buttons, GTK_ALIGN_START);

  gtk_box_append (GTK_BOX (self), texts);
  gtk_box_append (GTK_BOX (self), buttons);
}

static void
cl_app_lesson_bar_class_init (ClAppLessonBarClass *klass)
{
}

GtkWidget *
cl_app_lesson_bar_new (void)
{
  return g_object_new (CL_APP_TYPE_LESSON_BAR, NULL);
}

void
cl_app_lesson_bar_show_step (ClAppLessonBar *self, const ClLesson *lesson, guint step)
{
  g_return_if_fail (CL_APP_IS_LESSON_BAR (self));

  ClLessonStep s;
  guint n = cl_lesson_get_n_steps (lesson);
  cl_lesson_get_step (lesson, step, &s);

  g_autofree char *title = g_strdup_printf (_("Lesson %d · %s"), lesson->number,
                                            cl_lesson_text (&lesson->title, NULL));
  gtk_label_set_text (GTK_LABEL (self->title), title);
  gtk_label_set_text (GTK_LABEL (self->caption), cl_lesson_text (&s.caption, NULL));

  const char *try_this = cl_lesson_text (&s.try_this, NULL);
  g_autofree char *try_text = g_strdup_printf (_("Try this: %s"), try_this);
  gtk_label_set_text (GTK_LABEL (self->try_this), try_text);
  gtk_widget_set_visible (self->try_this, *try_this != '\0');

  g_autofree char *step_text = g_strdup_printf (_("Step %u of %u"), step + 1, n);
  gtk_label_set_text (GTK_LABEL (self->step), step_text);
  gtk_widget_set_visible (self->step, n > 1);

  const char *notes = cl_lesson_text (&lesson->notes, NULL);
  gtk_label_set_text (GTK_LABEL (self->notes), notes);
  gtk_widget_set_sensitive (self->notes_button, *notes != '\0');
}

void
cl_app_lesson_bar_set_presenting (ClAppLessonBar *self, gboolean presenting)
{
  g_return_if_fail (CL_APP_IS_LESSON_BAR (self));

  /* The notes are the teacher's: never on the projector. */
  gtk_widget_set_visible (self->notes_button, !presenting);
  if (presenting)
    gtk_widget_add_css_class (GTK_WIDGET (self), "cl-presenting");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "cl-presenting");
}

gboolean
cl_app_lesson_bar_get_notes_visible (ClAppLessonBar *self)
{
  g_return_val_if_fail (CL_APP_IS_LESSON_BAR (self), FALSE);
  return gtk_widget_get_visible (self->notes_button);
}

char *
cl_app_lesson_bar_dup_text (ClAppLessonBar *self)
{
  g_return_val_if_fail (CL_APP_IS_LESSON_BAR (self), NULL);
  return g_strdup_printf ("%s\n%s\n%s", gtk_label_get_text (GTK_LABEL (self->title)),
                          gtk_label_get_text (GTK_LABEL (self->caption)),
                          gtk_widget_get_visible (self->try_this)
                            ? gtk_label_get_text (GTK_LABEL (self->try_this)) : "");
}
