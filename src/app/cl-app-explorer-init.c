/* cl-app-explorer-init.c — zeros against random, trained side by side.
 *
 * Each side is a ClTrainer of its own (worker thread, slow motion through
 * follow_speed), so the window never waits for a step.  The workers only
 * wake the main loop (as ClAppTraining does); the newest snapshots are
 * taken there and drawn by cl_render_init_compare ().
 */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-explorer-init.h"
#include "cl-app-explorer-picture.h"
#include "cl-app-waker.h"
#include "engine/trainer.h"
#include "engine/zoo.h"
#include "render/number-format.h"
#include "render/render-init-compare.h"

/* Slow enough to watch the units take shape, fast enough that circles are
 * learnt in about ten seconds. */
#define STEPS_PER_SECOND 30
#define CONSTANT_VALUE   0.5

static const ClToyKind toy_kinds[] = { CL_TOY_CIRCLES, CL_TOY_XOR };
static const char *const toy_names[] = { N_("Circles"), N_("XOR") };
/* The random starts offered (in the inspector's words). */
static const ClInitKind random_kinds[] = {
  CL_INIT_XAVIER_UNIFORM, CL_INIT_XAVIER_NORMAL, CL_INIT_HE_UNIFORM,
  CL_INIT_HE_NORMAL,      CL_INIT_LECUN_UNIFORM, CL_INIT_LECUN_NORMAL,
};
static const char *const random_names[] = {
  N_("Xavier uniform"), N_("Xavier normal"), N_("He uniform"),
  N_("He normal"),      N_("LeCun uniform"), N_("LeCun normal"),
};

struct _ClAppExplorerInit
{
  GtkWidget parent_instance;

  GtkWidget *toolbar;
  GtkWidget *picture;
  GtkWidget *data_drop, *left_drop, *right_drop, *play_button, *reset_button;

  ClDataset *data;
  ClTrainer *trainers[2];
  ClSnapshot *snapshots[2];
  ClAppWaker *waker;
  gboolean playing;
  ClRenderInitCompareOptions options;
  char *titles[2];
};

G_DEFINE_FINAL_TYPE_WITH_CODE (ClAppExplorerInit, cl_app_explorer_init, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CL_APP_TYPE_EXPLORER,
                                                      cl_app_explorer_picture_iface_init))

/* ---- waking the main loop ------------------------------------------------ */

static void
take_snapshots (ClAppExplorerInit *self)
{
  for (int side = 0; side < 2; side++)
    if (self->trainers[side] != NULL)
      {
        ClSnapshot *s = cl_trainer_get_snapshot (self->trainers[side]);
        g_clear_pointer (&self->snapshots[side], cl_snapshot_unref);
        self->snapshots[side] = s;
      }
  gtk_widget_queue_draw (self->picture);
}

/* A worker published (cl-app-waker.h): on the main thread. */
static void
on_wake (gpointer owner)
{
  ClAppExplorerInit *self = owner;

  take_snapshots (self);
}

/* ---- the two trainings --------------------------------------------------- */

typedef struct {
  ClTrainer *trainers[2];
  ClAppWaker *waker;
} Dropped;

static void
free_in_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  Dropped *dropped = data;

  /* Joining a worker waits for its step: not on the main thread.  Once
   * both are gone no notify can run, and the waker can go. */
  for (int side = 0; side < 2; side++)
    g_clear_pointer (&dropped->trainers[side], cl_trainer_free);
  cl_app_waker_unref (dropped->waker);
  g_free (dropped);
  g_task_return_boolean (task, TRUE);
}

static void
drop_trainers (ClAppExplorerInit *self)
{
  if (self->waker == NULL)
    return;
  Dropped *dropped = g_new0 (Dropped, 1);
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  cl_app_waker_forget (self->waker);
  for (int side = 0; side < 2; side++)
    {
      if (self->trainers[side] != NULL)
        cl_trainer_pause (self->trainers[side]);
      dropped->trainers[side] = g_steal_pointer (&self->trainers[side]);
    }
  dropped->waker = g_steal_pointer (&self->waker);
  g_task_set_task_data (task, dropped, NULL);
  g_task_run_in_thread (task, free_in_thread);
}

static void
update_play_button (ClAppExplorerInit *self)
{
  gtk_button_set_icon_name (GTK_BUTTON (self->play_button),
                            self->playing ? "media-playback-pause-symbolic"
                                          : "media-playback-start-symbolic");
  gtk_widget_set_tooltip_text (self->play_button,
                               self->playing ? _("Pause both") : _("Train both side by side"));
}

/* The two trainers for the chosen data and starts, paused at step 0. */
static void
build_trainers (ClAppExplorerInit *self)
{
  guint toy = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->data_drop));
  guint left = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->left_drop));
  guint right = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->right_drop));
  g_autoptr(GError) error = NULL;

  drop_trainers (self);
  for (int side = 0; side < 2; side++)
    g_clear_pointer (&self->snapshots[side], cl_snapshot_unref);
  g_clear_pointer (&self->data, cl_dataset_unref);
  self->playing = FALSE;
  update_play_button (self);

  ClToyOptions toy_options;
  cl_toy_options_init (&toy_options);
  self->data = cl_dataset_new_toy (toy_kinds[MIN (toy, G_N_ELEMENTS (toy_kinds) - 1)],
                                   &toy_options, &error);
  if (self->data == NULL)
    {
      g_warning ("The toy set could not be made: %s", error->message);
      return;
    }
  self->options.data = self->data;

  ClInitKind kinds[2] = {
    left == 1 ? CL_INIT_CONSTANT : CL_INIT_ZEROS,
    random_kinds[MIN (right, G_N_ELEMENTS (random_kinds) - 1)],
  };
  g_free (self->titles[0]);
  g_free (self->titles[1]);
  if (kinds[0] == CL_INIT_CONSTANT)
    {
      g_autofree char *value = cl_format_fixed (CONSTANT_VALUE, 1);
      self->titles[0] = g_strdup_printf (_("Every weight %s"), value);
    }
  else
    self->titles[0] = g_strdup (_("Every weight 0"));
  self->titles[1] = g_strdup (_(random_names[MIN (right, G_N_ELEMENTS (random_names) - 1)]));
  self->options.titles[0] = self->titles[0];
  self->options.titles[1] = self->titles[1];

  self->waker = cl_app_waker_new (self, on_wake);
  ClTrainerOptions options;
  cl_trainer_options_init (&options);
  options.follow_speed = TRUE;
  options.probe_count = 1;
  options.mask_count = 1;
  /* Two tiny networks: one thread each is plenty and leaves the window
   * its core. */
  options.threads = 1;
  for (int side = 0; side < 2; side++)
    {
      g_autoptr(ClNetSpec) spec = cl_net_spec_new_init_demo (kinds[side], CONSTANT_VALUE);
      cl_net_spec_get_train (spec)->speed = STEPS_PER_SECOND;
      self->trainers[side] = cl_trainer_new (spec, self->data, &options, &error);
      if (self->trainers[side] == NULL)
        {
          g_warning ("The comparison could not start: %s", error->message);
          return;
        }
      /* The widget's reference to the waker outlives both trainers
       * (free_in_thread drops it after them). */
      cl_trainer_set_notify (self->trainers[side], cl_app_waker_notify, self->waker);
    }
  take_snapshots (self);
}

static void
on_play_clicked (ClAppExplorerInit *self)
{
  self->playing = !self->playing;
  for (int side = 0; side < 2; side++)
    if (self->trainers[side] != NULL)
      {
        if (self->playing)
          cl_trainer_play (self->trainers[side]);
        else
          cl_trainer_pause (self->trainers[side]);
      }
  update_play_button (self);
}

static void
on_reset_clicked (ClAppExplorerInit *self)
{
  self->playing = FALSE;
  for (int side = 0; side < 2; side++)
    if (self->trainers[side] != NULL)
      {
        cl_trainer_pause (self->trainers[side]);
        cl_trainer_reset (self->trainers[side]);
      }
  update_play_button (self);
}

static void
on_choice_changed (ClAppExplorerInit *self)
{
  build_trainers (self);
}

/* ---- the picture and the controls --------------------------------------- */

/* The picture's draw function: on screen and for Export PNG. */
static gboolean
draw (cairo_t *cr, const ClRenderStyle *style, int width, int height, gpointer data)
{
  ClAppExplorerInit *self = data;
  ClRenderInitCompareOptions options = self->options;

  options.style = *style;
  return cl_render_init_compare (cr, self->snapshots[0], self->snapshots[1], &options, width,
                                 height);
}

static GtkWidget *
drop_new (const char *const *names, guint n, const char *id, const char *label,
          ClAppExplorerInit *self)
{
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  for (guint i = 0; i < n; i++)
    gtk_string_list_append (list, _(names[i]));
  GtkWidget *drop = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&list)), NULL);
  gtk_widget_set_name (drop, id);
  gtk_widget_set_tooltip_text (drop, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return drop;
}

static GtkWidget *
toolbar_new (ClAppExplorerInit *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 4);

  self->play_button = gtk_button_new_from_icon_name ("media-playback-start-symbolic");
  gtk_widget_set_name (self->play_button, "play");
  gtk_widget_add_css_class (self->play_button, "suggested-action");
  g_signal_connect_swapped (self->play_button, "clicked", G_CALLBACK (on_play_clicked), self);
  self->reset_button = gtk_button_new_from_icon_name ("view-refresh-symbolic");
  gtk_widget_set_name (self->reset_button, "reset");
  gtk_widget_set_tooltip_text (self->reset_button, _("Start both again from their initialisation"));
  g_signal_connect_swapped (self->reset_button, "clicked", G_CALLBACK (on_reset_clicked), self);
  gtk_box_append (GTK_BOX (box), self->play_button);
  gtk_box_append (GTK_BOX (box), self->reset_button);

  static const char *const left_names[] = { N_("Zeros"), N_("Constant") };
  GtkWidget *label = gtk_label_new (_("Left"));
  gtk_widget_set_margin_start (label, 12);
  gtk_box_append (GTK_BOX (box), label);
  self->left_drop = drop_new (left_names, G_N_ELEMENTS (left_names), "left-init",
                              _("Initialisation of the left network"), self);
  gtk_box_append (GTK_BOX (box), self->left_drop);

  label = gtk_label_new (_("Right"));
  gtk_widget_set_margin_start (label, 12);
  gtk_box_append (GTK_BOX (box), label);
  self->right_drop = drop_new (random_names, G_N_ELEMENTS (random_names), "right-init",
                               _("Initialisation of the right network"), self);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (self->right_drop), 3);  /* He normal */
  gtk_box_append (GTK_BOX (box), self->right_drop);

  label = gtk_label_new (_("Data"));
  gtk_widget_set_margin_start (label, 12);
  gtk_box_append (GTK_BOX (box), label);
  self->data_drop = drop_new (toy_names, G_N_ELEMENTS (toy_names), "toy-data",
                              _("The toy set both networks learn"), self);
  gtk_box_append (GTK_BOX (box), self->data_drop);

  g_signal_connect_swapped (self->left_drop, "notify::selected", G_CALLBACK (on_choice_changed),
                            self);
  g_signal_connect_swapped (self->right_drop, "notify::selected", G_CALLBACK (on_choice_changed),
                            self);
  g_signal_connect_swapped (self->data_drop, "notify::selected", G_CALLBACK (on_choice_changed),
                            self);
  return box;
}

/* ---- ClAppExplorer ------------------------------------------------------ */

/* ---- the widget --------------------------------------------------------- */

/* Hidden (its page left, its window closed): nobody watches, so both
 * pause rather than keep a core busy. */
static void
cl_app_explorer_init_unmap (GtkWidget *widget)
{
  ClAppExplorerInit *self = CL_APP_EXPLORER_INIT (widget);

  if (self->playing)
    on_play_clicked (self);
  GTK_WIDGET_CLASS (cl_app_explorer_init_parent_class)->unmap (widget);
}

static void
cl_app_explorer_init_dispose (GObject *object)
{
  ClAppExplorerInit *self = CL_APP_EXPLORER_INIT (object);

  drop_trainers (self);
  for (int side = 0; side < 2; side++)
    g_clear_pointer (&self->snapshots[side], cl_snapshot_unref);
  g_clear_pointer (&self->toolbar, gtk_widget_unparent);
  g_clear_pointer (&self->picture, gtk_widget_unparent);
  G_OBJECT_CLASS (cl_app_explorer_init_parent_class)->dispose (object);
}

static void
cl_app_explorer_init_finalize (GObject *object)
{
  ClAppExplorerInit *self = CL_APP_EXPLORER_INIT (object);

  g_clear_pointer (&self->data, cl_dataset_unref);
  g_free (self->titles[0]);
  g_free (self->titles[1]);
  G_OBJECT_CLASS (cl_app_explorer_init_parent_class)->finalize (object);
}

static void
cl_app_explorer_init_class_init (ClAppExplorerInitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_app_explorer_init_dispose;
  object_class->finalize = cl_app_explorer_init_finalize;
  widget_class->unmap = cl_app_explorer_init_unmap;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "init-explorer");
}

static void
cl_app_explorer_init_init (ClAppExplorerInit *self)
{
  gtk_orientable_set_orientation (
    GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))), GTK_ORIENTATION_VERTICAL);
  cl_render_init_compare_options_init (&self->options);

  self->toolbar = toolbar_new (self);
  gtk_widget_set_parent (self->toolbar, GTK_WIDGET (self));
  self->picture = cl_app_explorer_picture_new (draw, self);
  gtk_widget_set_name (self->picture, "init-picture");
  gtk_widget_set_size_request (self->picture, 360, 300);
  gtk_widget_set_parent (self->picture, GTK_WIDGET (self));
  build_trainers (self);
}

GtkWidget *
cl_app_explorer_init_new (ClAppDocument *document, ClAppTraining *training)
{
  return g_object_new (CL_APP_TYPE_EXPLORER_INIT, NULL);
}

const ClSnapshot *
cl_app_explorer_init_get_snapshot (ClAppExplorerInit *self, int side)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_INIT (self), NULL);
  g_return_val_if_fail (side == 0 || side == 1, NULL);
  return self->snapshots[side];
}
