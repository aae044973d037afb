#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "cl-app-columns.h"
#include "cl-app-training-panel.h"
#include "cl-app-spin.h"
#include "render/number-format.h"

struct _ClAppTrainingPanel
{
  GtkWidget parent_instance;

  GtkSpinButton *lr_spin;
  AdwComboRow   *optimiser_row;
  GtkSpinButton *decay_spin;
  GtkSpinButton *batch_spin;
  GtkSpinButton *epochs_spin;
  GtkLabel      *state_label;
  GtkLabel      *note_label;
  GtkWidget     *problem_box;
  GtkLabel      *problem_label;
  GtkLabel      *epoch_label;
  GtkLabel      *step_label;
  GtkLabel      *speed_label;
  GtkLabel      *loss_label;
  GtkLabel      *accuracy_label;
  GtkLabel      *test_label;

  ClAppDocument *document;
  ClAppTraining *training;
  gboolean updating;      /* settings shown from the document: not an edit */
};

G_DEFINE_FINAL_TYPE (ClAppTrainingPanel, cl_app_training_panel, GTK_TYPE_WIDGET)

/* ---- settings ---------------------------------------------------------------- */

static void
show_settings (ClAppTrainingPanel *self)
{
  const ClTrainSettings *t = cl_net_spec_peek_train (cl_app_document_get_spec (self->document));

  self->updating = TRUE;
  gtk_spin_button_set_value (self->lr_spin, t->lr);
  adw_combo_row_set_selected (self->optimiser_row, t->optimiser);
  gtk_spin_button_set_value (self->decay_spin, t->weight_decay);
  gtk_spin_button_set_value (self->batch_spin, t->batch_size);
  gtk_spin_button_set_value (self->epochs_spin, t->epochs);
  self->updating = FALSE;
}

static void
setting_changed (ClAppTrainingPanel *self)
{
  if (self->updating)
    return;

  ClTrainSettings t = *cl_net_spec_peek_train (cl_app_document_get_spec (self->document));
  double lr = gtk_spin_button_get_value (self->lr_spin);

  /* The spin button rounds to its digits: keep a value it only displays. */
  if (fabs (lr - t.lr) > 0.5e-5)
    t.lr = lr;
  t.optimiser = adw_combo_row_get_selected (self->optimiser_row);
  double decay = gtk_spin_button_get_value (self->decay_spin);
  if (fabs (decay - t.weight_decay) > 0.5e-4)
    t.weight_decay = decay;
  t.batch_size = gtk_spin_button_get_value_as_int (self->batch_spin);
  t.epochs = gtk_spin_button_get_value_as_int (self->epochs_spin);
  cl_app_document_set_train (self->document, &t);
}

/* ---- status ------------------------------------------------------------------- */

/* A figure with `digits` decimals, or a dash when there is none yet (NAN),
 * written the way the interface language writes numbers ("2 720", "0,51"). */
static void
set_number (GtkLabel *label, double value, int digits)
{
  /* A loss that blew up reads as 3,2 × 10²⁵, not as thirty digits;
   * 1683 fits the column where 1683.4187 was cut short. */
  g_autofree char *text = !isfinite (value) ? g_strdup ("—")
                          : fabs (value) >= 1e9 ? cl_format_significant (value, 3)
                          : fabs (value) >= 1e3 ? cl_format_fixed (value, 0)
                          : cl_format_fixed (value, digits);
  gtk_label_set_text (label, text);
}

static void
set_percent (GtkLabel *label, double fraction)
{
  g_autofree char *text = isfinite (fraction) ? cl_format_percent (fraction, 1) : g_strdup ("—");
  gtk_label_set_text (label, text);
}

static void
show_status (ClAppTrainingPanel *self)
{
  const ClSnapshot *s = cl_app_training_get_snapshot (self->training);
  const char *why_not = cl_app_training_get_why_not (self->training);
  gboolean stale = cl_app_training_get_stale (self->training);

  if (s == NULL)
    {
      gtk_label_set_text (self->state_label, why_not != NULL ? _("Not ready") : _("Ready"));
      gtk_label_set_text (self->note_label,
                          why_not != NULL ? why_not
                                          : _("Press Play (F5) to train, or Step (F6) for one batch."));
      gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
      gtk_widget_set_visible (self->problem_box, FALSE);
      GtkLabel *figures[] = { self->epoch_label, self->step_label, self->speed_label,
                              self->loss_label, self->accuracy_label, self->test_label };
      for (gsize i = 0; i < G_N_ELEMENTS (figures); i++)
        gtk_label_set_text (figures[i], "—");
      return;
    }

  gtk_label_set_text (self->state_label, cl_trainer_state_to_string (s->state));
  if (stale)
    gtk_label_set_text (self->note_label,
                        _("The network or the data changed: Play starts a new run from new "
                          "weights."));
  else if (s->state == CL_TRAINER_FINISHED && s->reason != NULL)
    gtk_label_set_text (self->note_label, s->reason);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label),
                          stale || (s->state == CL_TRAINER_FINISHED && s->reason != NULL));

  gboolean diverged = s->state == CL_TRAINER_DIVERGED && !stale;
  /* Blown up but finite: as alarming as a NaN, said the same way. */
  gboolean exploding = !diverged && !stale && s->loss_exploding;
  if (diverged)
    /* The trainer's reason says what happened and what to do. */
    gtk_label_set_text (self->problem_label,
                        s->reason != NULL ? s->reason
                        : _("The learning rate was too high: lower it, then press Reset to start "
                            "again."));
  else if (exploding)
    {
      g_autofree char *from = cl_format_significant (s->reference_loss, 3);
      g_autofree char *to = cl_format_significant (s->train_loss_smooth, 3);
      g_autofree char *text =
        g_strdup_printf (_("The loss grew from %s to %s: the learning rate is probably too "
                           "high. Lower it, then press Reset to start again."),
                         from, to);
      gtk_label_set_text (self->problem_label, text);
    }
  gtk_widget_set_visible (self->problem_box, diverged || exploding);

  /* The epoch under way and how far into it; a finished run its last. */
  g_autofree char *progress = cl_format_percent (floor (s->epoch_progress * 100) / 100, 0);
  g_autofree char *epoch = s->state == CL_TRAINER_FINISHED
                             ? cl_format_count (s->epoch)
                             : g_strdup_printf ("%d · %s", s->epoch + 1, progress);
  gtk_label_set_text (self->epoch_label, epoch);
  g_autofree char *step = cl_format_count (s->step);
  gtk_label_set_text (self->step_label, step);
  set_number (self->speed_label, s->samples_per_second, 0);
  set_number (self->loss_label, s->step > 0 ? s->train_loss_smooth : NAN, 4);
  set_percent (self->accuracy_label,
               s->step > 0 && s->n_classes > 0 ? s->train_accuracy_smooth : NAN);
  if (s->has_test && s->n_classes > 0)
    {
      g_autofree char *loss = cl_format_fixed (s->test_loss, 4);
      g_autofree char *accuracy = cl_format_percent (s->test_accuracy, 1);
      g_autofree char *test = g_strdup_printf ("%s · %s", loss, accuracy);
      gtk_label_set_text (self->test_label, test);
    }
  else if (s->has_test)
    set_number (self->test_label, s->test_loss, 4);
  else
    gtk_label_set_text (self->test_label, "—");   /* measured at the end of each epoch */
}

const char *
cl_app_training_panel_get_problem (ClAppTrainingPanel *self)
{
  g_return_val_if_fail (CL_APP_IS_TRAINING_PANEL (self), NULL);
  return gtk_widget_get_visible (self->problem_box) ? gtk_label_get_text (self->problem_label)
                                                    : NULL;
}

/* ---- object --------------------------------------------------------------------- */

static void
cl_app_training_panel_dispose (GObject *object)
{
  ClAppTrainingPanel *self = CL_APP_TRAINING_PANEL (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  if (self->training != NULL)
    g_signal_handlers_disconnect_by_data (self->training, self);
  g_clear_object (&self->document);
  g_clear_object (&self->training);
  gtk_widget_dispose_template (GTK_WIDGET (object), CL_APP_TYPE_TRAINING_PANEL);
  for (GtkWidget *child; (child = gtk_widget_get_first_child (GTK_WIDGET (object))) != NULL;)
    gtk_widget_unparent (child);
  G_OBJECT_CLASS (cl_app_training_panel_parent_class)->dispose (object);
}

static void
cl_app_training_panel_class_init (ClAppTrainingPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_app_training_panel_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  g_type_ensure (CL_APP_TYPE_COLUMNS);
  gtk_widget_class_set_template_from_resource (
    widget_class, "/io/github/convlab/ConvLab/ui/cl-app-training-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, ClAppTrainingPanel, lr_spin);
  gtk_widget_class_bind_template_child (widget_class, ClAppTrainingPanel, optimiser_row);
  gtk_widget_class_bind_template_child (widget_class, ClAppTrainingPanel, decay_spin);
  gtk_widget_class_bind_template_child (widget_class, ClAppTrainingPanel, batch_spin);
  gtk_widget_class_bind_template_child (widget_class, ClAppTrainingPanel, epochs_spin);
  gtk_widget_class_bind_template_child (widget_class, ClAppTrainingPanel, state_label);
  gtk_widget_class_bind_template_child (widget_class, ClAppTrainingPanel, note_label);
  gtk_widget_class_bind_template_child (widget_class, ClAppTrainingPanel, problem_box);
  gtk_widget_class_bind_template_child (widget_class, ClAppTrainingPanel, problem_label);
  gtk_widget_class_bind_template_child (widget_class, ClAppTrainingPanel, epoch_label);
  gtk_widget_class_bind_template_child (widget_class, ClAppTrainingPanel, step_label);
  gtk_widget_class_bind_template_child (widget_class, ClAppTrainingPanel, speed_label);
  gtk_widget_class_bind_template_child (widget_class, ClAppTrainingPanel, loss_label);
  gtk_widget_class_bind_template_child (widget_class, ClAppTrainingPanel, accuracy_label);
  gtk_widget_class_bind_template_child (widget_class, ClAppTrainingPanel, test_label);
}

static void
cl_app_training_panel_init (ClAppTrainingPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cl_app_training_panel_new (ClAppDocument *document, ClAppTraining *training)
{
  ClAppTrainingPanel *self = g_object_new (CL_APP_TYPE_TRAINING_PANEL, NULL);

  self->document = g_object_ref (document);
  self->training = g_object_ref (training);
  show_settings (self);
  show_status (self);
  g_signal_connect_swapped (document, "changed", G_CALLBACK (show_settings), self);
  g_signal_connect_swapped (training, "snapshot-changed", G_CALLBACK (show_status), self);
  g_signal_connect_swapped (training, "notify::stale", G_CALLBACK (show_status), self);
  g_signal_connect_swapped (training, "notify::why-not", G_CALLBACK (show_status), self);
  cl_app_spin_button_localize (self->lr_spin);
  cl_app_spin_button_localize (self->decay_spin);
  g_signal_connect_swapped (self->lr_spin, "value-changed", G_CALLBACK (setting_changed), self);
  g_signal_connect_swapped (self->optimiser_row, "notify::selected",
                            G_CALLBACK (setting_changed), self);
  g_signal_connect_swapped (self->decay_spin, "value-changed", G_CALLBACK (setting_changed), self);
  g_signal_connect_swapped (self->batch_spin, "value-changed", G_CALLBACK (setting_changed), self);
  g_signal_connect_swapped (self->epochs_spin, "value-changed", G_CALLBACK (setting_changed), self);
  return GTK_WIDGET (self);
}
