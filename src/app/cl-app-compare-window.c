/* cl-app-compare-window.c — the Compare Runs window (see the header). */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "cl-app-compare-window-private.h"
#include "cl-app-export.h"
#include "cl-app-race-chart.h"
#include "engine/number-format.h"

G_DEFINE_FINAL_TYPE (ClAppCompareWindow, cl_app_compare_window, ADW_TYPE_WINDOW)

enum { OPEN_RUN, N_SIGNALS };
static guint signals[N_SIGNALS];

void
_cl_app_compare_window_toast (ClAppCompareWindow *self, const char *message)
{
  AdwToast *t = adw_toast_new (message);
  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (self))), t);
}

/* ---- the values ---- */

static char *
format_c (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.4g", value));
}

/* What a class compares first for each setting, from the design's own
 * value where there is one: the four optimisers of the course, the
 * learning rate a tenth, once and ten times, the three activations of the
 * slides, the initialisations of the initialisation lesson. */
static void
default_values (ClAppCompareWindow *self, ClRaceSetting setting, char **out)
{
  const ClDesign *design = cl_app_document_get_design (self->document);
  const ClTrainSettings *t = design != NULL ? cl_net_spec_peek_train (design->spec) : NULL;
  double lr = t != NULL && t->lr > 0 ? t->lr : 0.01;
  int batch = t != NULL && t->batch_size > 0 ? t->batch_size : 32;

  for (int i = 0; i < N_ENTRIES; i++)
    out[i] = NULL;
  switch (setting)
    {
    case CL_RACE_OPTIMISER:
      out[0] = g_strdup ("sgd");
      out[1] = g_strdup ("momentum");
      out[2] = g_strdup ("rmsprop");
      out[3] = g_strdup ("adam");
      break;
    case CL_RACE_LEARNING_RATE:
      out[0] = format_c (lr / 10);
      out[1] = format_c (lr);
      out[2] = format_c (lr * 10);
      break;
    case CL_RACE_ACTIVATION:
      out[0] = g_strdup ("Sigmoid");
      out[1] = g_strdup ("Tanh");
      out[2] = g_strdup ("ReLU");
      break;
    case CL_RACE_INIT:
      out[0] = g_strdup ("xavier-uniform");
      out[1] = g_strdup ("he-normal");
      out[2] = g_strdup ("zeros");
      break;
    case CL_RACE_DROPOUT:
      out[0] = g_strdup ("0");
      out[1] = g_strdup ("0.25");
      out[2] = g_strdup ("0.5");
      break;
    case CL_RACE_BATCH_SIZE:
      out[0] = g_strdup_printf ("%d", MAX (1, batch / 4));
      out[1] = g_strdup_printf ("%d", batch);
      out[2] = g_strdup_printf ("%d", batch * 4);
      break;
    case CL_RACE_AUGMENTATION:
      /* augment.h's ids: none, the two that copy pixels, all four. */
      out[0] = g_strdup ("none");
      out[1] = g_strdup ("shift+flip");
      out[2] = g_strdup ("shift+flip+crop+rotate");
      break;
    case CL_RACE_N_SETTINGS:
      break;
    }
}

static void
fill_entries (ClAppCompareWindow *self, const char *const *values)
{
  self->filling = TRUE;
  for (int i = 0; i < N_ENTRIES; i++)
    gtk_editable_set_text (GTK_EDITABLE (self->entries[i]),
                           values != NULL && values[i] != NULL ? values[i] : "");
  self->filling = FALSE;
}

static void
on_setup_changed (ClAppCompareWindow *self)
{
  if (!self->filling)
    self->stale = TRUE;
}

static void
on_setting_changed (ClAppCompareWindow *self)
{
  char *values[N_ENTRIES];

  default_values (self, gtk_drop_down_get_selected (self->setting_drop), values);
  fill_entries (self, (const char *const *) values);
  for (int i = 0; i < N_ENTRIES; i++)
    g_free (values[i]);
  self->stale = TRUE;
}

/* The entries' non-empty values, trimmed; how many. */
static int
read_values (ClAppCompareWindow *self, char **out)
{
  int n = 0;

  for (int i = 0; i < N_ENTRIES; i++)
    {
      char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entries[i]))));
      if (*value == '\0')
        g_free (value);
      else
        out[n++] = value;
    }
  return n;
}

/* ---- what the runs show ---- */

static void
update_runs (ClAppCompareWindow *self)
{
  gboolean running = self->race != NULL && cl_app_race_get_running (self->race);
  double least = G_MAXDOUBLE;

  for (int i = 0; i < CL_RACE_MAX; i++)
    {
      gtk_widget_set_visible (self->run_boxes[i], i < self->n_runs);
      if (i >= self->n_runs)
        continue;
      gtk_label_set_text (GTK_LABEL (self->run_titles[i]), self->labels[i]);
      ClSnapshot *s = self->race != NULL ? cl_app_race_get_snapshot (self->race, i) : NULL;
      if (s == NULL)
        {
          gtk_label_set_text (GTK_LABEL (self->run_figures[i]), "—");
          continue;
        }
      double done = s->epoch + (s->state == CL_TRAINER_FINISHED ? 0 : s->epoch_progress);
      least = MIN (least, done);
      g_autofree char *epoch = cl_format_fixed (done, 1);
      g_autofree char *loss = isfinite (s->train_loss_smooth)
                                ? cl_format_significant (s->train_loss_smooth, 3)
                                : g_strdup ("—");
      g_autofree char *figures = NULL;
      if (s->state == CL_TRAINER_DIVERGED)
        figures = g_strdup_printf (_("Epoch %s · diverged"), epoch);
      else if (s->has_test && isfinite (s->test_accuracy))
        {
          g_autofree char *accuracy = cl_format_percent (s->test_accuracy, 1);
          figures = g_strdup_printf (_("Epoch %s · loss %s · test %s"), epoch, loss, accuracy);
        }
      else
        figures = g_strdup_printf (_("Epoch %s · loss %s"), epoch, loss);
      gtk_label_set_text (GTK_LABEL (self->run_figures[i]), figures);
    }

  /* The slowest run's progress towards the end of this Play. */
  if (self->race != NULL && self->target_epoch > 0 && least < G_MAXDOUBLE)
    {
      gtk_progress_bar_set_fraction (self->progress, CLAMP (least / self->target_epoch, 0, 1));
      g_autofree char *at = cl_format_fixed (least, 1);
      g_autofree char *text = g_strdup_printf (_("Epoch %s of %d"), at, self->target_epoch);
      gtk_progress_bar_set_text (self->progress, text);
    }
  else
    {
      gtk_progress_bar_set_fraction (self->progress, 0);
      gtk_progress_bar_set_text (self->progress, _("Not started"));
    }

  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            running ? "media-playback-pause-symbolic"
                                    : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button,
                               running ? _("Pause all runs (Space)") : _("Play all runs (Space)"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.save", self->race != NULL);
}

/* ---- building the race ---- */

static void
drop_race (ClAppCompareWindow *self)
{
  if (self->race != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->race, self);
      cl_app_race_stop (self->race);
    }
  cl_app_race_chart_set_race (CL_APP_RACE_CHART (self->chart), NULL, NULL, NULL);
  g_clear_object (&self->race);
}

static void
clear_runs (ClAppCompareWindow *self)
{
  for (int i = 0; i < CL_RACE_MAX; i++)
    {
      g_clear_pointer (&self->values[i], g_free);
      g_clear_pointer (&self->labels[i], g_free);
    }
  g_clear_pointer (&self->base, cl_design_free);
  self->n_runs = 0;
}

gboolean
_cl_app_compare_window_set_race (ClAppCompareWindow *self, const ClDesign *base,
                                 ClDataset *data, ClRaceSetting setting,
                                 const char *const *values, int n_values,
                                 const ClTrainerStart *starts, GError **error)
{
  ClTrainerOptions options;
  cl_trainer_options_init (&options);
  /* As the main window's run (cl-app-training.c): the design's speed for a
   * class watching, a history as long as the chart is wide, 30 pictures
   * a second. */
  options.follow_speed = TRUE;
  options.history_max = 512;
  options.publish_interval_ms = 30;
  ClRace *race = cl_race_new (base->spec, data, setting, values, n_values, &options, starts,
                              error);
  if (race == NULL)
    return FALSE;

  drop_race (self);
  clear_runs (self);
  self->base = cl_design_copy (base);
  self->setting = setting;
  self->n_runs = n_values;
  for (int i = 0; i < n_values; i++)
    {
      self->values[i] = g_strdup (values[i]);
      self->labels[i] = cl_race_variant_label (setting, values[i]);
    }
  self->race = cl_app_race_new (race, GTK_WIDGET (self));
  self->target_epoch = 0;
  g_signal_connect_swapped (self->race, "snapshots-changed", G_CALLBACK (update_runs), self);
  cl_app_race_chart_set_race (CL_APP_RACE_CHART (self->chart), self->race,
                              (const char *const *) self->labels,
                              cl_race_setting_label (setting));

  /* The window says what it runs: a race from a file sets the choice. */
  self->filling = TRUE;
  gtk_drop_down_set_selected (self->setting_drop, setting);
  self->filling = FALSE;
  fill_entries (self, values);
  self->stale = FALSE;
  update_runs (self);
  return TRUE;
}

/* A new race from the main window's design of now, when there is none or
 * the choice changed since. */
static gboolean
ensure_race (ClAppCompareWindow *self)
{
  if (self->race != NULL && !self->stale)
    return TRUE;

  const char *why = cl_app_training_get_why_not (self->training);
  const ClDesign *design = cl_app_document_get_design (self->document);
  if (why != NULL || design == NULL)
    {
      _cl_app_compare_window_toast (self, why != NULL ? why : _("Add layers to the network to train it."));
      return FALSE;
    }
  char *values[N_ENTRIES] = { NULL };
  int n = read_values (self, values);
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;
  if (n < 2)
    _cl_app_compare_window_toast (self, _("Give at least two values to compare."));
  else
    {
      ok = _cl_app_compare_window_set_race (self, design,
                                            cl_app_training_get_loaded_data (self->training),
                                            gtk_drop_down_get_selected (self->setting_drop),
                                            (const char *const *) values, n, NULL, &error);
      if (!ok)
        _cl_app_compare_window_toast (self, error->message);
    }
  for (int i = 0; i < N_ENTRIES; i++)
    g_free (values[i]);
  return ok;
}

/* ---- commands ---- */

static void
play (ClAppCompareWindow *self)
{
  if (!ensure_race (self))
    return;
  int epochs = MAX (1, cl_net_spec_peek_train (self->base->spec)->epochs);
  int furthest = 0;
  for (int i = 0; i < self->n_runs; i++)
    {
      ClSnapshot *s = cl_app_race_get_snapshot (self->race, i);
      if (s != NULL)
        furthest = MAX (furthest, s->epoch);
    }
  /* Each run goes to the end of its run of the design's epochs. */
  self->target_epoch = (furthest / epochs + 1) * epochs;
  cl_app_race_play_to_next (self->race, epochs);
  update_runs (self);
}

static void
play_pause_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppCompareWindow *self = CL_APP_COMPARE_WINDOW (widget);

  if (self->race != NULL && !self->stale && cl_app_race_get_running (self->race))
    {
      cl_app_race_pause (self->race);
      update_runs (self);
    }
  else
    play (self);
}

static void
step_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppCompareWindow *self = CL_APP_COMPARE_WINDOW (widget);

  if (ensure_race (self))
    {
      cl_app_race_step (self->race);
      update_runs (self);
    }
}

static void
reset_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppCompareWindow *self = CL_APP_COMPARE_WINDOW (widget);

  if (self->race != NULL)
    {
      cl_app_race_reset (self->race);
      self->target_epoch = 0;
      update_runs (self);
    }
}

static void
open_run_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppCompareWindow *self = CL_APP_COMPARE_WINDOW (widget);
  int run = g_variant_get_int32 (parameter);

  if (self->race != NULL && run >= 0 && run < self->n_runs
      && cl_app_race_get_snapshot (self->race, run) != NULL)
    g_signal_emit (self, signals[OPEN_RUN], 0, run);
}

static void
on_data_ready (ClAppCompareWindow *self)
{
  if (self->play_when_ready && cl_app_training_get_can_train (self->training))
    {
      self->play_when_ready = FALSE;
      play (self);
    }
}

void
cl_app_compare_window_compare (ClAppCompareWindow *self, ClRaceSetting setting,
                               const char *const *values, gboolean play_now)
{
  g_return_if_fail (CL_APP_IS_COMPARE_WINDOW (self));
  g_return_if_fail (setting < CL_RACE_N_SETTINGS);

  self->filling = TRUE;
  gtk_drop_down_set_selected (self->setting_drop, setting);
  self->filling = FALSE;
  if (values != NULL)
    fill_entries (self, values);
  else
    on_setting_changed (self);
  self->stale = TRUE;
  /* A lesson opens its design and this at once: its data may still be
   * loading, and the race starts when it is there. */
  self->play_when_ready = play_now;
  on_data_ready (self);
}

/* ---- getters ---- */

ClAppRace *
cl_app_compare_window_get_race (ClAppCompareWindow *self)
{
  g_return_val_if_fail (CL_APP_IS_COMPARE_WINDOW (self), NULL);
  return self->race;
}

GtkWidget *
cl_app_compare_window_get_chart (ClAppCompareWindow *self)
{
  g_return_val_if_fail (CL_APP_IS_COMPARE_WINDOW (self), NULL);
  return self->chart;
}

const char *
cl_app_compare_window_get_run_label (ClAppCompareWindow *self, int run)
{
  g_return_val_if_fail (CL_APP_IS_COMPARE_WINDOW (self), NULL);
  return run >= 0 && run < self->n_runs ? self->labels[run] : NULL;
}

ClDesign *
cl_app_compare_window_dup_run_design (ClAppCompareWindow *self, int run)
{
  g_return_val_if_fail (CL_APP_IS_COMPARE_WINDOW (self), NULL);

  ClRace *race = self->race != NULL ? cl_app_race_get_race (self->race) : NULL;
  if (race == NULL || run < 0 || run >= self->n_runs)
    return NULL;
  ClDesign *design = cl_design_copy (self->base);
  cl_net_spec_free (design->spec);
  design->spec = cl_net_spec_copy (cl_race_get_spec (race, run));
  /* "Spirals — Adam": the title says which run the window shows. */
  const char *name = design->name != NULL && *design->name != '\0' ? design->name
                                                                      : _("Untitled network");
  char *named = g_strdup_printf ("%s — %s", name, self->labels[run]);
  g_free (design->name);
  design->name = named;
  return design;
}

/* ---- presentation and zoom ---- */

static void
apply_style (ClAppCompareWindow *self)
{
  double scale = self->zoom * (self->presenting ? CL_RENDER_PRESENT_SCALE : 1.0);
  cl_app_race_chart_set_scale (CL_APP_RACE_CHART (self->chart), scale,
                               self->presenting ? CL_RENDER_PRESENT_MIN_TEXT : 0);
}

static void
sync_presenting (ClAppCompareWindow *self)
{
  gtk_widget_set_visible (self->header, !self->presenting);
  gtk_widget_set_visible (self->setup_bar, !self->presenting);
  gtk_widget_set_visible (self->runs_bar, !self->presenting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "compare.leave-present", self->presenting);
  apply_style (self);
}

void
cl_app_compare_window_set_presenting (ClAppCompareWindow *self, gboolean presenting)
{
  g_return_if_fail (CL_APP_IS_COMPARE_WINDOW (self));

  if (presenting == self->presenting)
    return;
  self->presenting = presenting;
  if (presenting)
    {
      gtk_window_fullscreen (GTK_WINDOW (self));
      AdwToast *t = adw_toast_new (_("Presentation mode: Escape leaves, Space plays or pauses."));
      adw_toast_set_timeout (t, 4);
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (adw_window_get_content (ADW_WINDOW (self))),
                                   t);
    }
  else
    gtk_window_unfullscreen (GTK_WINDOW (self));
  sync_presenting (self);
}

gboolean
cl_app_compare_window_get_presenting (ClAppCompareWindow *self)
{
  g_return_val_if_fail (CL_APP_IS_COMPARE_WINDOW (self), FALSE);
  return self->presenting;
}

/* Left full screen another way (the window manager's key): leave the
 * presentation too. */
static void
on_fullscreened (ClAppCompareWindow *self)
{
  if (gtk_window_is_fullscreen (GTK_WINDOW (self)))
    self->was_fullscreen = TRUE;
  else if (self->was_fullscreen)
    {
      self->was_fullscreen = FALSE;
      cl_app_compare_window_set_presenting (self, FALSE);
    }
}

static void
present_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppCompareWindow *self = CL_APP_COMPARE_WINDOW (widget);
  cl_app_compare_window_set_presenting (self, !self->presenting);
}

static void
leave_present_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  cl_app_compare_window_set_presenting (CL_APP_COMPARE_WINDOW (widget), FALSE);
}

static void
zoom_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppCompareWindow *self = CL_APP_COMPARE_WINDOW (widget);

  if (g_str_equal (action, "compare.zoom-in"))
    self->zoom = MIN (self->zoom * 1.25, 3.0);
  else if (g_str_equal (action, "compare.zoom-out"))
    self->zoom = MAX (self->zoom / 1.25, 0.5);
  else
    self->zoom = 1.0;
  apply_style (self);
}

/* ---- Export PNG ---- */

static gboolean
draw_chart (cairo_t *cr, const ClRenderStyle *style, int width, int height, gpointer user_data)
{
  ClAppCompareWindow *self = user_data;
  return cl_app_race_chart_render (CL_APP_RACE_CHART (self->chart), cr, style, width, height);
}

gboolean
cl_app_compare_window_export_png (ClAppCompareWindow *self, const char *path, int width,
                                  int height, int scale, const ClRenderStyle *style,
                                  GError **error)
{
  g_return_val_if_fail (CL_APP_IS_COMPARE_WINDOW (self), FALSE);
  return cl_app_export_draw_png (draw_chart, self, path, width, height, scale, style, error);
}

static void
export_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppCompareWindow *self = CL_APP_COMPARE_WINDOW (widget);
  cl_app_export_present_draw (self->chart, "race.png", draw_chart, self);
}

/* ---- the window ---- */

static GtkWidget *
header_bar (ClAppCompareWindow *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export PNG…"));
  GtkWidget *step = gtk_button_new_from_icon_name ("media-skip-forward-symbolic");
  GtkWidget *reset = gtk_button_new_from_icon_name ("view-refresh-symbolic");

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Compare Runs"), NULL));
  self->play_button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
  gtk_widget_add_css_class (self->play_button, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->play_button), "compare.play-pause");
  gtk_widget_set_name (self->play_button, "compare-play");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (step), "compare.step");
  gtk_widget_set_tooltip_text (step, _("Train every run one batch (F6)"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (reset), "compare.reset");
  gtk_widget_set_tooltip_text (reset, _("Reset every run's weights"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), self->play_button);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), step);
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), reset);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "compare.export");
  gtk_widget_set_tooltip_text (export, _("Export the chart (Ctrl+E)"));
  self->present_button = gtk_button_new_from_icon_name ("view-fullscreen-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->present_button), "compare.present");
  gtk_widget_set_tooltip_text (self->present_button, _("Presentation Mode (F11)"));

  g_autoptr(GMenu) menu = g_menu_new ();
  g_menu_append (menu, _("_Open Race…"), "compare.open");
  g_menu_append (menu, _("_Save Race…"), "compare.save");
  GtkWidget *menu_button = gtk_menu_button_new ();
  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "open-menu-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), G_MENU_MODEL (menu));
  gtk_widget_set_tooltip_text (menu_button, _("Race menu"));

  adw_header_bar_pack_end (ADW_HEADER_BAR (header), menu_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->present_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), export);
  return header;
}

/* The setting, its values and the progress, above the chart. */
static GtkWidget *
setup_bar (ClAppCompareWindow *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Compare"));
  const char *names[CL_RACE_N_SETTINGS + 1] = { NULL };

  for (int i = 0; i < CL_RACE_N_SETTINGS; i++)
    names[i] = cl_race_setting_label (i);
  self->setting_drop = GTK_DROP_DOWN (gtk_drop_down_new_from_strings (names));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->setting_drop),
                               _("The one setting in which the runs differ"));
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (self->setting_drop));
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_top (bar, 6);
  gtk_widget_set_margin_bottom (bar, 6);
  gtk_box_append (GTK_BOX (bar), label);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->setting_drop));
  for (int i = 0; i < N_ENTRIES; i++)
    {
      self->entries[i] = gtk_entry_new ();
      gtk_editable_set_width_chars (GTK_EDITABLE (self->entries[i]), 9);
      gtk_widget_set_tooltip_text (self->entries[i],
                                   _("A value of the setting for one run (empty: no run)"));
      g_signal_connect_swapped (self->entries[i], "changed", G_CALLBACK (on_setup_changed), self);
      gtk_box_append (GTK_BOX (bar), self->entries[i]);
    }
  self->progress = GTK_PROGRESS_BAR (gtk_progress_bar_new ());
  gtk_progress_bar_set_show_text (self->progress, TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->progress), TRUE);
  gtk_widget_set_valign (GTK_WIDGET (self->progress), GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (GTK_WIDGET (self->progress), 12);
  gtk_box_append (GTK_BOX (bar), GTK_WIDGET (self->progress));
  return bar;
}

/* Under the chart: each run's name, figures and a way to its panels. */
static GtkWidget *
runs_bar (ClAppCompareWindow *self)
{
  GtkWidget *bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);

  gtk_box_set_homogeneous (GTK_BOX (bar), TRUE);
  /* The chart takes the height; the figures' room stays inside the bar. */
  gtk_widget_set_vexpand (bar, FALSE);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  gtk_widget_set_margin_bottom (bar, 12);
  for (int i = 0; i < CL_RACE_MAX; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *open = gtk_button_new_with_mnemonic (_("Open in a _New Window"));

      self->run_titles[i] = gtk_label_new (NULL);
      gtk_widget_add_css_class (self->run_titles[i], "heading");
      gtk_label_set_ellipsize (GTK_LABEL (self->run_titles[i]), PANGO_ELLIPSIZE_END);
      self->run_figures[i] = gtk_label_new (NULL);
      gtk_label_set_wrap (GTK_LABEL (self->run_figures[i]), TRUE);
      gtk_label_set_justify (GTK_LABEL (self->run_figures[i]), GTK_JUSTIFY_CENTER);
      /* Figures that wrap take the room: the four buttons stay in a row. */
      gtk_widget_set_vexpand (self->run_figures[i], TRUE);
      gtk_widget_set_valign (self->run_figures[i], GTK_ALIGN_START);
      gtk_widget_add_css_class (self->run_figures[i], "numeric");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "i", i);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "compare.open-run");
      gtk_widget_set_tooltip_text (open, _("This run's network with its weights and curves in a "
                                           "window of its own, every panel, training on"));
      gtk_widget_set_halign (open, GTK_ALIGN_CENTER);
      g_autofree char *name = g_strdup_printf ("compare-open-run-%d", i);
      gtk_widget_set_name (open, name);
      gtk_box_append (GTK_BOX (box), self->run_titles[i]);
      gtk_box_append (GTK_BOX (box), self->run_figures[i]);
      gtk_box_append (GTK_BOX (box), open);
      self->run_boxes[i] = box;
      gtk_box_append (GTK_BOX (bar), box);
    }
  return bar;
}

static void
on_hide (ClAppCompareWindow *self)
{
  /* Closed: the runs stop and their threads go; the choice stays for the
   * next time the window opens. */
  cl_app_compare_window_set_presenting (self, FALSE);
  drop_race (self);
  clear_runs (self);
  self->play_when_ready = FALSE;
  /* A race file still loading is not shown in a closed window. */
  self->open_serial++;
  self->stale = TRUE;
  update_runs (self);
}

static void
cl_app_compare_window_init (ClAppCompareWindow *self)
{
  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  self->zoom = 1.0;
  self->stale = TRUE;
  self->header = header_bar (self);
  self->setup_bar = setup_bar (self);
  self->chart = cl_app_race_chart_new ();
  gtk_widget_set_size_request (self->chart, 400, 300);
  self->runs_bar = runs_bar (self);
  gtk_box_append (GTK_BOX (outer), self->header);
  gtk_box_append (GTK_BOX (outer), self->setup_bar);
  gtk_box_append (GTK_BOX (outer), self->chart);
  gtk_box_append (GTK_BOX (outer), self->runs_bar);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), outer);
  adw_window_set_content (ADW_WINDOW (self), overlay);

  gtk_window_set_title (GTK_WINDOW (self), _("Compare Runs"));
  /* Fits a 1024×768 projector with room for its panel. */
  gtk_window_set_default_size (GTK_WINDOW (self), 1000, 700);
  gtk_window_set_hide_on_close (GTK_WINDOW (self), TRUE);

  /* Escape leaves whatever has the focus, as in the Explorers window. */
  GtkEventController *keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("compare.leave-present")));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect_swapped (self->setting_drop, "notify::selected",
                            G_CALLBACK (on_setting_changed), self);
  g_signal_connect_swapped (self, "notify::fullscreened", G_CALLBACK (on_fullscreened), self);
  g_signal_connect (self, "hide", G_CALLBACK (on_hide), NULL);
  sync_presenting (self);
  update_runs (self);
}

static void
cl_app_compare_window_dispose (GObject *object)
{
  ClAppCompareWindow *self = CL_APP_COMPARE_WINDOW (object);

  drop_race (self);
  if (self->training != NULL)
    g_signal_handlers_disconnect_by_data (self->training, self);
  g_clear_object (&self->document);
  g_clear_object (&self->training);
  g_clear_object (&self->last_folder);
  G_OBJECT_CLASS (cl_app_compare_window_parent_class)->dispose (object);
}

static void
cl_app_compare_window_finalize (GObject *object)
{
  clear_runs (CL_APP_COMPARE_WINDOW (object));
  G_OBJECT_CLASS (cl_app_compare_window_parent_class)->finalize (object);
}

static void
cl_app_compare_window_class_init (ClAppCompareWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_app_compare_window_dispose;
  object_class->finalize = cl_app_compare_window_finalize;

  /* "open-run" (int run): the main window opens that run in a new one. */
  signals[OPEN_RUN] = g_signal_new ("open-run", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  gtk_widget_class_install_action (widget_class, "compare.play-pause", NULL, play_pause_action);
  gtk_widget_class_install_action (widget_class, "compare.step", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "compare.reset", NULL, reset_action);
  gtk_widget_class_install_action (widget_class, "compare.open-run", "i", open_run_action);
  gtk_widget_class_install_action (widget_class, "compare.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "compare.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "compare.leave-present", NULL,
                                   leave_present_action);
  gtk_widget_class_install_action (widget_class, "compare.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "compare.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "compare.zoom-reset", NULL, zoom_action);
  _cl_app_compare_window_install_file_actions (widget_class);

  /* Space as in the explorers that play; F5 and F6 as in the main window.
   * A text entry with the focus takes its own Space first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "compare.play-pause",
                                       NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "compare.play-pause", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "compare.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "compare.present", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "compare.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "compare.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "compare.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "compare.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "compare.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "compare.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "compare.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

ClAppCompareWindow *
cl_app_compare_window_new (ClAppDocument *document, ClAppTraining *training)
{
  g_return_val_if_fail (CL_APP_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (CL_APP_IS_TRAINING (training), NULL);

  ClAppCompareWindow *self = g_object_new (CL_APP_TYPE_COMPARE_WINDOW, NULL);
  self->document = g_object_ref (document);
  self->training = g_object_ref (training);
  g_signal_connect_swapped (training, "notify::can-train", G_CALLBACK (on_data_ready), self);
  /* The design's defaults for the first setting. */
  on_setting_changed (self);
  return self;
}
