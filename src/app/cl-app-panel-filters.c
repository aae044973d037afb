/* cl-app-panel-filters.c — every Conv2D layer's kernels; a click shows one
 * filter large with its numbers, the Gabor overlay measures how edge-like
 * the first layer's filters became (each with its fitted Gabor beside it
 * if asked, and the rose of their orientations), the time-lapse scrubber
 * replays them from step 0 to now, and the strip puts chosen steps side
 * by side for a slide. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "cl-app-explorer-convolution.h"
#include "cl-app-explorer-window.h"
#include "cl-app-panels.h"
#include "cl-app-window.h"
#include "engine/timelapse.h"
#include "render/render-filters-strip.h"
#include "render/render-filters.h"

#define REFIT_USEC (G_USEC_PER_SEC / 4)

typedef struct {
  ClRenderFiltersOptions options;
  ClAppPicturePanel *panel;  /* unowned: the panel owns this */
  ClAppSnapshotView *view;
  ClAppTraining *training;
  GtkWidget *fit_beside, *hint, *strip, *steps_entry, *scale, *step_label, *explain;
  /* Gabor fits of the weights shown (snapshot `fitted_version`, or the
   * checkpoint `fitted_checkpoint` when replaying), fitted at
   * `fitted_at`: about a millisecond per filter on the main thread while
   * both cores train, so at most a few times a second, not at every one
   * of the 30 redraws (the overlay moves slowly anyway). */
  ClGaborFit *fits;
  int n_fits;
  guint64 fitted_version;
  GBytes *fitted_checkpoint;   /* held: the checkpoint fitted when replaying */
  gboolean fitted_live;
  gint64 fitted_at;
  /* The time-lapse: live follows training; otherwise the checkpoint at or
   * before `shown_step` is drawn. */
  gboolean live;
  guint64 shown_step;
  gboolean syncing;          /* the scale is being set from here, not by the user */
  /* The strip: its steps (NULL: spread over the run), and its frames and
   * fitted rows (a millisecond or two per filter and row), rebuilt only
   * when a checkpoint is added or training stops, which is when the
   * frames change (`strip_key`). */
  GArray *strip_steps;
  ClTimelapse *strip_frames;
  ClFiltersStripRow *strip_rows;
  int n_strip_rows;
  guint64 strip_key[3];
  /* The run's first checkpoint, held so that its address names the run: a
   * reset or a new design makes another one. */
  GBytes *strip_run;
} Filters;

static void
drop_strip (Filters *f)
{
  g_clear_pointer (&f->strip_frames, cl_timelapse_free);
  g_clear_pointer (&f->strip_rows, g_free);
  g_clear_pointer (&f->strip_run, g_bytes_unref);
  f->n_strip_rows = 0;
}

static void
filters_free (Filters *f)
{
  g_free (f->fits);
  g_clear_pointer (&f->fitted_checkpoint, g_bytes_unref);
  drop_strip (f);
  g_clear_pointer (&f->strip_steps, g_array_unref);
  g_free (f);
}

/* The checkpoint a replay shows: the newest at or before `step`. */
static guint
checkpoint_at (const ClSnapshot *s, guint64 step)
{
  guint i = 0;
  while (i + 1 < s->checkpoints->len && s->checkpoint_steps[i + 1] <= step)
    i++;
  return i;
}

static gboolean
replaying (Filters *f, const ClSnapshot *s)
{
  return !f->live && s != NULL && s->checkpoints != NULL && s->checkpoints->len > 0;
}

static gboolean
render_strip (Filters *f, cairo_t *cr, const ClSnapshot *snapshot, const ClRenderStyle *style,
              int width, int height)
{
  ClRenderFiltersStripOptions options;
  guint n = snapshot->checkpoints != NULL ? snapshot->checkpoints->len : 0;
  gboolean running = snapshot->state == CL_TRAINER_RUNNING;
  /* While training runs, "now" changes at every snapshot: the strip shows
   * the checkpoints, and now again once training stops. */
  guint64 key[3] = { n, n > 0 ? snapshot->checkpoint_steps[n - 1] : 0,
                     running ? G_MAXUINT64 : snapshot->step };

  cl_render_filters_strip_options_init (&options);
  options.style = *style;
  if (f->strip_steps != NULL)
    {
      options.steps = (const guint64 *) f->strip_steps->data;
      options.n_steps = (int) f->strip_steps->len;
    }
  GBytes *run = n > 0 ? g_ptr_array_index (snapshot->checkpoints, 0) : NULL;
  if (f->strip_frames == NULL || memcmp (key, f->strip_key, sizeof key) != 0
      || run != f->strip_run)
    {
      drop_strip (f);
      f->strip_run = run != NULL ? g_bytes_ref (run) : NULL;
      f->strip_frames = cl_timelapse_new_from_snapshot (snapshot, NULL);
      if (f->strip_frames != NULL && running && f->strip_frames->n > n)
        f->strip_frames->n = n;   /* leave "now" out: its weights stay unread */
      if (f->strip_frames != NULL)
        f->strip_rows = cl_render_filters_strip_rows (f->strip_frames, &options, &f->n_strip_rows);
      memcpy (f->strip_key, key, sizeof key);
    }
  options.rows = f->strip_rows;
  options.n_rows = f->n_strip_rows;
  return cl_render_filters_strip (cr, f->strip_frames, &options, width, height);
}

static gboolean
render (cairo_t *cr, const ClSnapshot *snapshot, const ClRenderStyle *style, int width,
        int height, gpointer data)
{
  Filters *f = data;
  ClRenderFiltersOptions options = f->options;

  if (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (f->strip)))
    return render_strip (f, cr, snapshot, style, width, height);

  options.style = *style;
  GBytes *checkpoint = NULL;
  if (replaying (f, snapshot))
    {
      checkpoint = g_ptr_array_index (snapshot->checkpoints, checkpoint_at (snapshot, f->shown_step));
      options.params = g_bytes_get_data (checkpoint, NULL);
    }
  if (f->options.gabor)
    {
      gint64 now = g_get_monotonic_time ();
      gboolean live = options.params == NULL;
      gboolean stale = live ? !f->fitted_live || (f->fitted_version != snapshot->version
                                                   && now - f->fitted_at > REFIT_USEC)
                            : f->fitted_live || f->fitted_checkpoint != checkpoint;
      if (f->fits == NULL || stale)
        {
          g_free (f->fits);
          f->fits = cl_render_filters_fit_gabor (snapshot, options.params, &f->n_fits);
          f->fitted_version = snapshot->version;
          g_clear_pointer (&f->fitted_checkpoint, g_bytes_unref);
          f->fitted_checkpoint = checkpoint != NULL ? g_bytes_ref (checkpoint) : NULL;
          f->fitted_live = live;
          f->fitted_at = now;
        }
      options.gabor_fits = f->fits;
      options.n_gabor_fits = f->fits != NULL ? f->n_fits : 0;
    }
  return cl_render_filters (cr, snapshot, &options, width, height);
}

/* ---- the time-lapse scrubber -------------------------------------------- */

/* The scale's positions: one per checkpoint, then "now" at the right end. */
static void
sync_timeline (Filters *f)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (f->training);
  guint n = s != NULL && s->checkpoints != NULL ? s->checkpoints->len : 0;
  GtkRange *range = GTK_RANGE (f->scale);
  g_autofree char *text = NULL;

  /* A reset or a new run went back before the step shown: follow it. */
  if (s == NULL || n == 0 || s->step < f->shown_step)
    f->live = TRUE;
  f->syncing = TRUE;
  gtk_range_set_range (range, 0, MAX (1, n));
  if (f->live)
    gtk_range_set_value (range, MAX (1, n));
  else
    gtk_range_set_value (range, checkpoint_at (s, f->shown_step));
  f->syncing = FALSE;
  gtk_widget_set_sensitive (f->scale, n > 0);

  guint64 now = s != NULL ? s->step : 0;
  if (replaying (f, s))
    /* Translators: the time-lapse shows an earlier checkpoint. */
    text = g_strdup_printf (_("Step %llu (now: step %llu)"),
                            (unsigned long long) s->checkpoint_steps[checkpoint_at (s, f->shown_step)],
                            (unsigned long long) now);
  else
    /* Translators: the time-lapse follows training. */
    text = g_strdup_printf (_("Step %llu — now"), (unsigned long long) now);
  gtk_label_set_text (GTK_LABEL (f->step_label), text);
}

static void
scale_moved (GtkRange *range, Filters *f)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (f->training);

  if (f->syncing || s == NULL || s->checkpoints == NULL)
    return;
  guint i = (guint) MAX (0, round (gtk_range_get_value (range)));
  /* The right end is now, and stays now as training goes on. */
  f->live = i >= s->checkpoints->len;
  if (!f->live)
    f->shown_step = s->checkpoint_steps[i];
  sync_timeline (f);
  cl_app_snapshot_view_redraw (f->view);
}

static void
snapshot_changed (GtkWidget *panel)
{
  sync_timeline (g_object_get_data (G_OBJECT (panel), "cl-filters"));
}

/* ---- the controls ------------------------------------------------------- */

static void
gabor_toggled (GtkToggleButton *button, Filters *f)
{
  f->options.gabor = gtk_toggle_button_get_active (button);
  f->options.orientations = f->options.gabor;
  /* Shown only with the overlay, in the place of the hint: the row stays
   * as narrow as it can (the panels share the width of the canvas). */
  gtk_widget_set_visible (f->fit_beside, f->options.gabor);
  gtk_widget_set_visible (f->hint, !f->options.gabor);
  g_clear_pointer (&f->fits, g_free);   /* fit the weights shown now */
  cl_app_snapshot_view_redraw (f->view);
}

static void
fit_beside_toggled (GtkCheckButton *button, Filters *f)
{
  f->options.fit_beside = gtk_check_button_get_active (button);
  cl_app_snapshot_view_redraw (f->view);
}

static void
strip_toggled (GtkToggleButton *button, Filters *f)
{
  gboolean on = gtk_toggle_button_get_active (button);

  /* The strip takes the scrubber's place: its steps are typed instead. */
  gtk_widget_set_visible (f->steps_entry, on);
  gtk_widget_set_visible (f->scale, !on);
  gtk_widget_set_visible (f->step_label, !on);
  cl_app_picture_panel_set_export_name (f->panel, on ? "filters-strip.png" : "filters.png");
  drop_strip (f);
  cl_app_snapshot_view_redraw (f->view);
}

/* The steps typed for the strip; empty: spread over the run. */
static void
steps_changed (GtkEditable *entry, Filters *f)
{
  const char *text = gtk_editable_get_text (entry);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) steps = NULL;

  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  if (*trimmed != '\0')
    steps = cl_timelapse_parse_steps (text, _("Steps"), &error);
  if (error != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), error->message);
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry),
                               _("The steps of the strip's rows, e.g. 0,50,200,1000; each row "
                                 "shows the checkpoint at or before its step. Empty: five "
                                 "spread over the run."));
  g_clear_pointer (&f->strip_steps, g_array_unref);
  f->strip_steps = g_steal_pointer (&steps);
  drop_strip (f);
  cl_app_snapshot_view_redraw (f->view);
}

/* A click on a tile shows that filter large; a click on the large one
 * goes back to the grid. */
static void
pressed (GtkGestureClick *gesture, int n_press, double x, double y, Filters *f)
{
  const ClSnapshot *s = cl_app_snapshot_view_get_snapshot (f->view);
  GtkWidget *widget = GTK_WIDGET (f->view);

  if (s == NULL || gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (f->strip)))
    return;
  if (f->options.filter >= 0)
    {
      f->options.filter = -1;
      f->options.layer = -1;
    }
  else
    {
      int layer = -1;
      cl_app_snapshot_view_get_style (f->view, &f->options.style);
      int filter = cl_render_filters_hit (s, &f->options, gtk_widget_get_width (widget),
                                          gtk_widget_get_height (widget), x, y, &layer);
      if (filter >= 0)
        {
          f->options.filter = filter;
          f->options.layer = layer;
        }
    }
  gtk_widget_set_visible (f->explain, f->options.filter >= 0);
  cl_app_snapshot_view_redraw (f->view);
}

/* The filter shown large, one pixel at a time in the Convolution
 * explorer (cl-app-explorer-convolution.c). */
static void
explain_clicked (GtkButton *button, Filters *f)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (f->view));
  int layer = f->options.layer, filter = f->options.filter;

  if (!CL_APP_IS_WINDOW (root) || filter < 0)
    return;
  gtk_widget_activate_action (GTK_WIDGET (root), "win.explorer", "s", "convolution");
  GtkWindow *explorers = cl_app_window_get_explorer_window (CL_APP_WINDOW (root));
  GtkWidget *explorer = explorers != NULL
    ? cl_app_explorer_window_get_explorer (CL_APP_EXPLORER_WINDOW (explorers), "convolution")
    : NULL;
  if (CL_APP_IS_EXPLORER_CONVOLUTION (explorer))
    cl_app_explorer_convolution_show_filter (CL_APP_EXPLORER_CONVOLUTION (explorer), layer, filter);
}

static GtkWidget *
timeline_new (Filters *f)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *caption = gtk_label_new_with_mnemonic (_("_Time-lapse"));

  f->scale = gtk_scale_new_with_range (GTK_ORIENTATION_HORIZONTAL, 0, 1, 1);
  gtk_widget_set_name (f->scale, "timelapse");
  gtk_scale_set_draw_value (GTK_SCALE (f->scale), FALSE);
  gtk_range_set_increments (GTK_RANGE (f->scale), 1, 4);
  gtk_range_set_round_digits (GTK_RANGE (f->scale), 0);
  gtk_widget_set_hexpand (f->scale, TRUE);
  gtk_widget_set_tooltip_text (f->scale, _("Replay the first layer's filters from step 0 to now: "
                                           "drag, or use the arrow keys. At the right end the "
                                           "filters follow training."));
  gtk_label_set_mnemonic_widget (GTK_LABEL (caption), f->scale);
  g_signal_connect (f->scale, "value-changed", G_CALLBACK (scale_moved), f);
  gtk_box_append (GTK_BOX (row), caption);
  gtk_box_append (GTK_BOX (row), f->scale);

  f->steps_entry = gtk_entry_new ();
  gtk_widget_set_name (f->steps_entry, "strip-steps");
  gtk_entry_set_placeholder_text (GTK_ENTRY (f->steps_entry), _("Steps, e.g. 0,50,200"));
  gtk_widget_set_hexpand (f->steps_entry, TRUE);
  gtk_widget_set_visible (f->steps_entry, FALSE);
  g_signal_connect (f->steps_entry, "changed", G_CALLBACK (steps_changed), f);
  steps_changed (GTK_EDITABLE (f->steps_entry), f);
  gtk_box_append (GTK_BOX (row), f->steps_entry);

  f->strip = gtk_toggle_button_new_with_mnemonic (_("_Strip"));
  gtk_widget_set_name (f->strip, "strip");
  gtk_widget_set_tooltip_text (f->strip, _("The first layer's filters at chosen steps, one row "
                                           "each, with the mean Gabor R²: the time-lapse on one "
                                           "slide (Export PNG… saves it)"));
  g_signal_connect (f->strip, "toggled", G_CALLBACK (strip_toggled), f);
  gtk_box_append (GTK_BOX (row), f->strip);
  gtk_box_append (GTK_BOX (box), row);

  f->step_label = gtk_label_new (NULL);
  gtk_widget_set_name (f->step_label, "timelapse-step");
  gtk_widget_add_css_class (f->step_label, "numeric");
  gtk_box_append (GTK_BOX (box), f->step_label);
  return box;
}

GtkWidget *
cl_app_panel_filters_new (ClAppTraining *training)
{
  GtkWidget *panel = cl_app_picture_panel_new (
    training, "filters.png",
    _("The kernels of every convolution layer appear here when training starts: "
      "press Play and watch them turn from noise into edge detectors."));
  Filters *f = g_new0 (Filters, 1);
  GtkWidget *gabor = gtk_toggle_button_new_with_mnemonic (_("_Gabor Fit"));
  GtkWidget *hint = f->hint = gtk_label_new (_("Click a filter to see it large with its numbers."));
  GtkGesture *click = gtk_gesture_click_new ();

  f->panel = CL_APP_PICTURE_PANEL (panel);
  f->training = training;
  f->live = TRUE;
  cl_render_filters_options_init (&f->options);
  f->view = cl_app_picture_panel_get_view (f->panel);
  /* The panel owns the state: its handlers outlive the view's render func. */
  g_object_set_data_full (G_OBJECT (panel), "cl-filters", f, (GDestroyNotify) filters_free);
  cl_app_snapshot_view_set_render_func (f->view, render, f, NULL);

  gtk_widget_set_name (gabor, "gabor");
  gtk_widget_set_tooltip_text (gabor, _("Fit a Gabor function to each first-layer filter: its "
                                        "orientation, frequency and fit quality (R²), and the "
                                        "orientations of the well-fitted ones"));
  g_signal_connect (gabor, "toggled", G_CALLBACK (gabor_toggled), f);
  cl_app_picture_panel_add_control (f->panel, gabor);

  f->fit_beside = gtk_check_button_new_with_mnemonic (_("_Fitted Gabor"));
  gtk_widget_set_name (f->fit_beside, "fit-beside");
  gtk_widget_set_tooltip_text (f->fit_beside, _("Draw each filter's fitted Gabor function beside it"));
  gtk_widget_set_visible (f->fit_beside, FALSE);
  g_signal_connect (f->fit_beside, "toggled", G_CALLBACK (fit_beside_toggled), f);
  cl_app_picture_panel_add_control (f->panel, f->fit_beside);

  gtk_widget_add_css_class (hint, "dim-label");
  /* Wrapped, not ellipsized: the hint is read whole in a narrow panel. */
  gtk_label_set_wrap (GTK_LABEL (hint), TRUE);
  gtk_label_set_natural_wrap_mode (GTK_LABEL (hint), GTK_NATURAL_WRAP_WORD);
  gtk_label_set_max_width_chars (GTK_LABEL (hint), 40);
  gtk_widget_set_hexpand (hint, TRUE);
  gtk_label_set_xalign (GTK_LABEL (hint), 0);
  cl_app_picture_panel_add_control (f->panel, hint);

  f->explain = gtk_button_new_with_mnemonic (_("_Explain This Filter"));
  gtk_widget_set_name (f->explain, "explain-filter");
  gtk_widget_set_tooltip_text (f->explain, _("Open the Convolution explorer on this filter: its "
                                             "products and sum, pixel by pixel"));
  gtk_widget_set_visible (f->explain, FALSE);
  g_signal_connect (f->explain, "clicked", G_CALLBACK (explain_clicked), f);
  cl_app_picture_panel_add_control (f->panel, f->explain);

  cl_app_picture_panel_add_footer (f->panel, timeline_new (f));
  sync_timeline (f);

  g_signal_connect (click, "pressed", G_CALLBACK (pressed), f);
  gtk_widget_add_controller (GTK_WIDGET (f->view), GTK_EVENT_CONTROLLER (click));
  g_signal_connect_object (training, "snapshot-changed", G_CALLBACK (snapshot_changed), panel,
                           G_CONNECT_SWAPPED);
  return panel;
}
