/* cl-app-window-private.h — the window's state, shared by its files:
 * cl-app-window.c (regions, editing, data) and cl-app-window-files.c
 * (new, open, save, autosave, the prompt on close). */
#pragma once

#include "cl-app-data-settings.h"
#include "cl-app-document.h"
#include "cl-app-inspector.h"
#include "cl-app-network-canvas.h"
#include "cl-app-palette.h"
#include "cl-app-training.h"
#include "cl-app-window.h"
#include "engine/lesson.h"
#include "engine/race.h"

/* Ctrl+plus multiplies the zoom by this; the panels' pictures go 3 steps
 * out and 6 in (0.58 to 2.99), each step a CSS class of style.css for the
 * panels' widgets (cl-zoom-out-1 … cl-zoom-in-6). */
#define CL_APP_WINDOW_ZOOM_STEP      1.2
#define CL_APP_WINDOW_ZOOM_OUT_STEPS 3
#define CL_APP_WINDOW_ZOOM_IN_STEPS  6

G_BEGIN_DECLS

struct _ClAppWindow
{
  AdwApplicationWindow parent_instance;

  /* template children */
  AdwWindowTitle     *window_title;
  AdwToastOverlay    *toast_overlay;
  GtkWidget          *play_button;
  GtkWidget          *step_button;
  GtkWidget          *reset_button;
  GtkPaned           *center_paned;
  AdwViewStack       *panel_stack;
  AdwBin             *training_page;
  AdwBin             *filters_page;
  AdwBin             *activations_page;
  AdwBin             *dropout_page;
  AdwBin             *curves_page;
  AdwBin             *landscape_page;
  AdwBin             *gradients_page;
  ClAppPalette       *palette;
  ClAppNetworkCanvas *canvas;
  ClAppInspector     *inspector;
  GtkMenuButton      *data_button;
  GtkMenuButton      *data_settings_button;
  GtkSpinner         *data_spinner;
  ClAppDataSettings  *data_settings;
  GtkLabel           *data_fit_label;
  GtkWidget          *header_bar;
  GtkWidget          *canvas_area;
  GtkWidget          *panel_area;
  GtkWidget          *panel_switcher;
  GtkWidget          *maximise_button;
  GMenu              *primary_menu;

  ClAppDocument *document;
  guint autosave_id;
  gboolean close_confirmed;   /* everything was saved or given up: close for real */
  guint data_serial;          /* the latest data load: older ones finishing late are ignored */
  ClNet *trained;             /* the weights of an opened model, for the canvas */
  char *model_path;           /* that model's file, for the subtitle */
  GFile *last_folder;         /* where a file was last opened or saved: choosers start there */
  char *fit_checked_for;      /* data_key () of the data the label and input show */

  ClAppTraining *training;    /* the run the panels show (cl-app-window-training.c) */
  char *pending_language;     /* chosen in the menu, applied once the run is saved or given up */

  /* cl-app-window-present.c */
  gboolean presenting;        /* F11: full screen, one region */
  gboolean was_fullscreen;    /* the window manager made it so since */
  gboolean panels_maximised;  /* the panels over the canvas (presenting: the region shown) */
  gboolean inspector_wanted;  /* not folded away (F9); shown when a layer is selected */
  double picture_zoom;        /* Ctrl+plus on the panels' pictures */
  double canvas_zoom_before;  /* the canvas's zoom before presenting */
  AdwToast *present_hint;     /* "Escape leaves…" until it goes (owned by the overlay) */

  /* cl-app-window-explorers.c */
  GtkWindow *explorer_window; /* strong; NULL until first opened */

  /* cl-app-window-compare.c */
  GtkWindow *compare_window;  /* strong; NULL until first opened */
  gboolean compare_from_lesson; /* its race was started by the open lesson */

  /* cl-app-window-lessons.c */
  GPtrArray *lessons;         /* ClLesson *: the course, read on first need */
  GPtrArray *lesson_errors;   /* GError *: its files that could not be read */
  GtkWindow *lessons_window;  /* strong; NULL until first shown */
  GtkWidget *lesson_bar;      /* the open lesson's caption, under the header */
  ClLesson *lesson;           /* the open lesson, or NULL */
  guint lesson_step;
  ClLesson *pending_lesson;   /* waiting for "may I leave?" (may be `lesson`) */
  guint lesson_pending_step;
  gboolean blank;             /* B: the screen is black */
};

void  _cl_app_window_install_file_actions (GtkWidgetClass *widget_class);
/* Export as PyTorch… and Export as ONNX… (cl-app-window-code.c). */
void  _cl_app_window_install_code_actions (GtkWidgetClass *widget_class);
void  _cl_app_window_files_init           (ClAppWindow *self);
void  _cl_app_window_files_dispose        (ClAppWindow *self);
/* Schedules the autosave of the current design (called on every change). */
void  _cl_app_window_schedule_autosave    (ClAppWindow *self);
/* g_get_user_data_dir ()/convlab/autosave.json */
char *_cl_app_window_autosave_path        (void);
/* cl-app-window-training.c: Play, Step, Reset and the panels. */
void  _cl_app_window_install_training_actions (GtkWidgetClass *widget_class);
void  _cl_app_window_training_init        (ClAppWindow *self);
void  _cl_app_window_training_dispose     (ClAppWindow *self);
/* The design or the data changed: `dataset` is the loaded data (NULL while
 * loading), `unfit` why the design cannot learn from it (or NULL). */
void  _cl_app_window_training_update      (ClAppWindow *self, ClDataset *dataset,
                                           const char *unfit);
/* Asks before the run's unsaved epochs are lost (Save…, Discard or
 * Cancel), then calls `then`; at once when there is nothing to lose. */
void  _cl_app_window_leave_run            (ClAppWindow *self,
                                           void (*then) (ClAppWindow *self));
/* Asks before unsaved design changes or epochs are lost, as New does,
 * then calls `then`: what a lesson opening a design goes through. */
void  _cl_app_window_leave_document       (ClAppWindow *self,
                                           void (*then) (ClAppWindow *self));
/* Replaces the document with `design` (taken) as a new untitled one; call
 * it from a `then` of the step above. */
void  _cl_app_window_open_design          (ClAppWindow *self, ClDesign *design);
/* cl-app-window-present.c: presentation mode, maximised panels, the
 * inspector folded away, the pictures' zoom. */
void  _cl_app_window_install_present_actions (GtkWidgetClass *widget_class);
void  _cl_app_window_present_init        (ClAppWindow *self);
/* Shows the regions the state asks for. */
void  _cl_app_window_present_sync        (ClAppWindow *self);
/* Alt+1…7: when presenting, the panels become the region shown. */
void  _cl_app_window_present_show_panels (ClAppWindow *self);
/* The pictures' zoom times `factor` (0: back to 1). */
void  _cl_app_window_present_zoom        (ClAppWindow *self, double factor);

/* cl-app-window-explorers.c: win.explorer and the Explorers menu. */
void  _cl_app_window_install_explorer_actions (GtkWidgetClass *widget_class);
void  _cl_app_window_explorers_init      (ClAppWindow *self);
void  _cl_app_window_explorers_dispose   (ClAppWindow *self);

/* cl-app-window-compare.c: win.compare, its menu entry, a run opened in
 * a new window. */
void  _cl_app_window_install_compare_actions (GtkWidgetClass *widget_class);
void  _cl_app_window_compare_init        (ClAppWindow *self);
void  _cl_app_window_compare_dispose     (ClAppWindow *self);
/* Opens the Compare Runs window on `setting` and `values` (NULL: its
 * defaults) and starts the race once the data is loaded (a lesson). */
void  _cl_app_window_compare             (ClAppWindow *self, ClRaceSetting setting,
                                          const char *const *values);

/* cl-app-window-lessons.c: the Lessons page, the open lesson, the
 * remote's keys. */
void  _cl_app_window_install_lesson_actions (GtkWidgetClass *widget_class);
void  _cl_app_window_lessons_init         (ClAppWindow *self);
void  _cl_app_window_lessons_dispose      (ClAppWindow *self);
/* Presenting changed: the teacher's notes hide. */
void  _cl_app_window_lessons_sync_presenting (ClAppWindow *self);

/* Takes ownership of net (may be NULL): the weights the canvas draws. */
void  _cl_app_window_set_trained          (ClAppWindow *self, ClNet *net);
/* cl-app-window-language.c: the language choice of the primary menu. */
void  _cl_app_window_language_init        (ClAppWindow *self);
void  _cl_app_window_update_title         (ClAppWindow *self);
void  _cl_app_window_toast                (ClAppWindow *self, const char *message);
/* Starts a file chooser beside the current document (or the last file
 * opened or saved here), not in the directory the app was started from. */
void  _cl_app_window_start_chooser        (ClAppWindow *self, GtkFileChooser *chooser);

G_END_DECLS
