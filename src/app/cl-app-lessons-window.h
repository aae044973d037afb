/* cl-app-lessons-window.h — the Lessons page: the course's lessons in
 * order, as cards (a picture, the number, the title, one line), shown when
 * a new window opens and from the menu (Ctrl+L).  Choosing a card asks the
 * main window to open that lesson (win.open-lesson with its file) and
 * hides the page. */
#pragma once

#include <adwaita.h>

#include "engine/lesson.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_LESSONS_WINDOW (cl_app_lessons_window_get_type ())
G_DECLARE_FINAL_TYPE (ClAppLessonsWindow, cl_app_lessons_window, CL_APP, LESSONS_WINDOW, AdwWindow)

/* The lessons of `lessons` (ClLesson *, kept), for `main_window`, whose
 * win.open-lesson a card activates.  `errors` (GError *, may be NULL or
 * empty) are the lesson files that could not be read: said at the top. */
ClAppLessonsWindow *cl_app_lessons_window_new      (GtkWindow *main_window, GPtrArray *lessons,
                                                    GPtrArray *errors);
/* The card of lesson `id` (a GtkButton), for the tests' pointer. */
GtkWidget          *cl_app_lessons_window_get_card (ClAppLessonsWindow *self, const char *id);

G_END_DECLS
