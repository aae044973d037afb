/* cl-app-compare-window-private.h — the Compare Runs window's state,
 * shared by its files: cl-app-compare-window.c (the choice, the commands,
 * the chart) and cl-app-compare-files.c (Save Race…, Open Race…). */
#pragma once

#include "cl-app-compare-window.h"

G_BEGIN_DECLS

#define N_ENTRIES CL_RACE_MAX

struct _ClAppCompareWindow
{
  AdwWindow parent_instance;

  ClAppDocument *document;    /* strong: the main window's design */
  ClAppTraining *training;    /* strong: its loaded data */

  GtkWidget *header;
  GtkWidget *setup_bar;
  GtkWidget *runs_bar;
  GtkDropDown *setting_drop;
  GtkWidget *entries[N_ENTRIES];
  GtkWidget *play_button;
  GtkWidget *present_button;
  GtkProgressBar *progress;
  GtkWidget *chart;
  GtkWidget *run_boxes[CL_RACE_MAX];
  GtkWidget *run_titles[CL_RACE_MAX];
  GtkWidget *run_figures[CL_RACE_MAX];

  /* The race and what it was built from (its own copy of the design). */
  ClAppRace *race;
  ClDesign *base;
  ClRaceSetting setting;
  char *values[CL_RACE_MAX];
  char *labels[CL_RACE_MAX];
  int n_runs;
  int target_epoch;           /* where the runs of this Play end */
  gboolean stale;             /* the setting or a value changed since */
  gboolean play_when_ready;   /* a lesson asked before the data was loaded */
  gboolean filling;           /* the entries are being set, not edited */

  /* cl-app-compare-files.c */
  guint open_serial;          /* the race file opened last: a slower one is dropped */
  GFile *last_folder;         /* where a race was last saved or opened */

  gboolean presenting;
  gboolean was_fullscreen;
  double zoom;                /* Ctrl+plus/minus, 0.5 to 3 */
};

/* Replaces the race with one of `base` on `data`, `starts` (or NULL)
 * continuing saved runs; the choice shown follows.  FALSE and an error
 * when the race cannot be built (the old one stays). */
gboolean _cl_app_compare_window_set_race (ClAppCompareWindow *self, const ClDesign *base,
                                          ClDataset *data, ClRaceSetting setting,
                                          const char *const *values, int n_values,
                                          const ClTrainerStart *starts, GError **error);
void     _cl_app_compare_window_toast    (ClAppCompareWindow *self, const char *message);
/* compare.save and compare.open (cl-app-compare-files.c). */
void     _cl_app_compare_window_install_file_actions (GtkWidgetClass *widget_class);

G_END_DECLS
