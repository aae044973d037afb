/* cl-app-lesson-bar.h — the open lesson, under the header bar: its number
 * and title, the caption the class reads, the "try this", the step, the
 * buttons to the previous and next step (the remote's Page Up and Page
 * Down do the same), and the teacher's notes behind a button that the
 * presentation mode hides.  It only shows: the window's
 * cl-app-window-lessons.c decides what. */
#pragma once

#include <gtk/gtk.h>

#include "engine/lesson.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_LESSON_BAR (cl_app_lesson_bar_get_type ())
G_DECLARE_FINAL_TYPE (ClAppLessonBar, cl_app_lesson_bar, CL_APP, LESSON_BAR, GtkBox)

GtkWidget *cl_app_lesson_bar_new          (void);
/* Shows step `step` of `lesson` (not kept: the texts are copied). */
void       cl_app_lesson_bar_show_step    (ClAppLessonBar *self, const ClLesson *lesson,
                                           guint step);
/* Presenting: larger text, no notes. */
void       cl_app_lesson_bar_set_presenting (ClAppLessonBar *self, gboolean presenting);
/* What the class reads now (caption, then the "try this"): for the tests. */
char      *cl_app_lesson_bar_dup_text     (ClAppLessonBar *self);
gboolean   cl_app_lesson_bar_get_notes_visible (ClAppLessonBar *self);

G_END_DECLS
