#pragma once

#include <adwaita.h>

#include "cl-app-application.h"
#include "cl-app-document.h"
#include "cl-app-training.h"
#include "engine/lesson.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_WINDOW (cl_app_window_get_type ())

G_DECLARE_FINAL_TYPE (ClAppWindow, cl_app_window, CL_APP, WINDOW, AdwApplicationWindow)

ClAppWindow   *cl_app_window_new          (ClAppApplication *application);
/* A window editing `document` (NULL for a new one): the language switch
 * rebuilds the window around the same document, undo history included. */
ClAppWindow   *cl_app_window_new_for_document (ClAppApplication *application,
                                               ClAppDocument    *document);
/* The design being edited: what the tests drive and check. */
ClAppDocument *cl_app_window_get_document (ClAppWindow *self);
/* What the file choosers' answers run; a bad file gives a toast naming it. */
gboolean       cl_app_window_open_file    (ClAppWindow *self, GFile *file);
gboolean       cl_app_window_save_as_file (ClAppWindow *self, GFile *file);
/* Saves the trained network (the newest snapshot) as a model file, in a
 * thread; a toast says when it is written or why not. */
void           cl_app_window_save_model_file (ClAppWindow *self, GFile *file);
/* Writes the network as a PyTorch script or (onnx) an ONNX model: the
 * newest run's weights, an opened model's, or as initialised; a toast says
 * which, or why nothing was written. */
gboolean       cl_app_window_export_code_file (ClAppWindow *self, GFile *file, gboolean onnx);
/* In presentation mode (F11): full screen, one region, pictures for the
 * back row. */
gboolean       cl_app_window_get_presenting (ClAppWindow *self);
/* The Explorers window (win.explorer opens it), or NULL before. */
GtkWindow     *cl_app_window_get_explorer_window (ClAppWindow *self);
/* The Compare Runs window (win.compare opens it), or NULL before. */
GtkWindow     *cl_app_window_get_compare_window (ClAppWindow *self);
/* The Lessons page (made on first use), presented. */
GtkWindow     *cl_app_window_show_lessons (ClAppWindow *self);
/* A new window's start: the Lessons page, unless the teacher turned it off. */
void           cl_app_window_show_lessons_at_start (ClAppWindow *self);
/* Opens the lesson file at `path` (its first step); a bad file is said in
 * a toast naming it, and FALSE. */
gboolean       cl_app_window_open_lesson  (ClAppWindow *self, const char *path);
/* The open lesson and its step, or NULL. */
const ClLesson *cl_app_window_get_lesson  (ClAppWindow *self, guint *step);
/* B: the screen is black until the next key. */
gboolean       cl_app_window_get_blank    (ClAppWindow *self);
/* The training run the panels show. */
ClAppTraining *cl_app_window_get_training (ClAppWindow *self);

G_END_DECLS
