/* ui-harness.h — what every UI test needs: the real application under
 * Xvfb, a way to let it run, and PNG screenshots of any widget. */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-application.h"

G_BEGIN_DECLS

/* g_test_init, and a TAP "skip all" (exit 0) when there is no display. */
void              cl_test_ui_init        (int *argc, char ***argv);
/* The application, registered and activated: its window is presented. */
ClAppApplication *cl_test_ui_start_app   (void);
GtkWindow        *cl_test_ui_main_window (ClAppApplication *app);
/* Runs the main loop for about `ms` milliseconds. */
void              cl_test_ui_spin        (guint ms);
/* Runs `xdotool ARGS` (a real pointer or key on the X server), asserts it
 * succeeded, then spins `spin_ms` so GTK sees the events before the next. */
void              cl_test_ui_xdotool     (const char *args, guint spin_ms);
/* A real pointer click at (x, y) in `widget`: the pointer moves there,
 * the button goes down and up, and GTK has time to handle each. */
void              cl_test_ui_click_at    (GtkWidget *widget, double x, double y);
/* The same at the middle of `widget`. */
void              cl_test_ui_click       (GtkWidget *widget);
/* Screen coordinates of (x, y) in `widget`: the window sits at 0,0 (no
 * window manager under Xvfb), its surface may add a CSD shadow margin. */
void              cl_test_ui_screen_point (GtkWidget *widget, double x, double y, int *sx, int *sy);
/* Runs the main loop until `done (data)` or `timeout_ms`; returns done's value. */
gboolean          cl_test_ui_wait_until  (gboolean (*done) (gpointer data), gpointer data,
                                          guint timeout_ms);
/* The first descendant of `root` (depth first) of `type`, or with the
 * widget name `name`; NULL when none. */
GtkWidget        *cl_test_ui_find_by_type (GtkWidget *root, GType type);
GtkWidget        *cl_test_ui_find_by_name (GtkWidget *root, const char *name);
/* Whether `model` or one of its sections has an item for `action`
 * ("win.save-model"). */
gboolean          cl_test_ui_menu_has_action (GMenuModel *model, const char *action);
/* The first menu button under `root` (depth first) whose menu has an item
 * for `action`: how a test finds a menu by what it does; NULL when none. */
GtkMenuButton    *cl_test_ui_find_menu_button (GtkWidget *root, const char *action);
/* The first toplevel of `type` other than the main window, or NULL. */
GtkWindow        *cl_test_ui_find_window (GType type);
/* Renders `widget` as it is on screen into CL_TEST_SCREENSHOT_DIR/name and
 * returns the texture for pixel assertions. */
GdkTexture       *cl_test_ui_save_png    (GtkWidget *widget, const char *name);
/* Every label, button and tab under `root` (a window) that is not shown
 * whole: outside the screen or an ancestor that clips it (sideways, or
 * vertically outside a scroller), narrower than its minimum, a label
 * narrower than its text or ellipsized, a wrapped label shorter than its
 * lines; and every scroller that needs a sideways scroll.  One line per
 * problem, or NULL when there is none. */
char             *cl_test_ui_describe_clipped (GtkWidget *root);
/* Fails the test with that description, naming `where`. */
void              cl_test_ui_assert_nothing_clipped (GtkWidget *root, const char *where);
/* Closes every window and waits until they are gone. */
void              cl_test_ui_stop_app    (ClAppApplication *app);

G_END_DECLS
