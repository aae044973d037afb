#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-speed-chooser.h"

struct _ClAppSpeedChooser
{
  GtkWidget parent_instance;

  GtkDropDown   *drop_down;
  GtkStringList *labels;
  GArray        *speeds;     /* int, one per item of labels */
  ClAppDocument *document;
  gboolean       updating;   /* showing the document's speed: not an edit */
};

G_DEFINE_FINAL_TYPE (ClAppSpeedChooser, cl_app_speed_chooser, GTK_TYPE_WIDGET)

/* Full speed first, then ever slower: 30 a second still looks like motion,
 * 1 a second lets a teacher comment on each step. */
static const int presets[] = { 0, 30, 10, 5, 2, 1 };

/* Full speed counts as faster than any pace. */
static double
pace (int speed)
{
  return speed <= 0 ? G_MAXDOUBLE : speed;
}

int
cl_app_speed_chooser_next (int speed, gboolean faster)
{
  int next = speed;

  /* presets run from fastest to slowest. */
  for (gsize i = 0; i < G_N_ELEMENTS (presets); i++)
    {
      int p = presets[faster ? G_N_ELEMENTS (presets) - 1 - i : i];
      if (faster ? pace (p) > pace (speed) : pace (p) < pace (speed))
        {
          next = p;
          break;
        }
    }
  return next;
}

static char *
speed_label (int speed)
{
  if (speed == 0)
    return g_strdup (_("Full speed"));
  /* TRANSLATORS: a training speed in the drop-down beside Play, short. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d step/s", "%d steps/s", speed), speed);
}

static void
append (ClAppSpeedChooser *self, int speed)
{
  g_autofree char *label = speed_label (speed);
  g_array_append_val (self->speeds, speed);
  gtk_string_list_append (self->labels, label);
}

static guint
find (ClAppSpeedChooser *self, int speed)
{
  for (guint i = 0; i < self->speeds->len; i++)
    if (g_array_index (self->speeds, int, i) == speed)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* The document's speed selected; one a file asked that is not a preset
 * (3 steps a second) gets its own item rather than being changed. */
static void
show_speed (ClAppSpeedChooser *self)
{
  int speed = cl_net_spec_peek_train (cl_app_document_get_spec (self->document))->speed;

  self->updating = TRUE;
  guint position = find (self, speed);
  if (position == GTK_INVALID_LIST_POSITION)
    {
      append (self, speed);
      position = self->speeds->len - 1;
    }
  if (gtk_drop_down_get_selected (self->drop_down) != position)
    gtk_drop_down_set_selected (self->drop_down, position);
  self->updating = FALSE;
}

static void
selected_changed (ClAppSpeedChooser *self)
{
  guint position = gtk_drop_down_get_selected (self->drop_down);

  if (self->updating || position >= self->speeds->len)
    return;
  ClTrainSettings t = *cl_net_spec_peek_train (cl_app_document_get_spec (self->document));
  t.speed = g_array_index (self->speeds, int, position);
  cl_app_document_set_train (self->document, &t);
}

GtkDropDown *
cl_app_speed_chooser_get_drop_down (ClAppSpeedChooser *self)
{
  g_return_val_if_fail (CL_APP_IS_SPEED_CHOOSER (self), NULL);
  return self->drop_down;
}

/* ---- object --------------------------------------------------------------------- */

static void
cl_app_speed_chooser_dispose (GObject *object)
{
  ClAppSpeedChooser *self = CL_APP_SPEED_CHOOSER (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_pointer ((GtkWidget **) &self->drop_down, gtk_widget_unparent);
  G_OBJECT_CLASS (cl_app_speed_chooser_parent_class)->dispose (object);
}

static void
cl_app_speed_chooser_finalize (GObject *object)
{
  ClAppSpeedChooser *self = CL_APP_SPEED_CHOOSER (object);

  g_array_unref (self->speeds);
  G_OBJECT_CLASS (cl_app_speed_chooser_parent_class)->finalize (object);
}

static void
cl_app_speed_chooser_class_init (ClAppSpeedChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_app_speed_chooser_dispose;
  object_class->finalize = cl_app_speed_chooser_finalize;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cl_app_speed_chooser_init (ClAppSpeedChooser *self)
{
  self->speeds = g_array_new (FALSE, FALSE, sizeof (int));
  self->labels = gtk_string_list_new (NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (presets); i++)
    append (self, presets[i]);
  /* The drop-down takes the model. */
  self->drop_down = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->labels), NULL));
  gtk_widget_set_parent (GTK_WIDGET (self->drop_down), GTK_WIDGET (self));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->drop_down),
                               _("Training speed: slow motion shows every step as the "
                                 "network learns"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->drop_down),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Training speed"), -1);
}

GtkWidget *
cl_app_speed_chooser_new (ClAppDocument *document)
{
  ClAppSpeedChooser *self = g_object_new (CL_APP_TYPE_SPEED_CHOOSER, NULL);

  self->document = g_object_ref (document);
  show_speed (self);
  g_signal_connect_swapped (document, "changed", G_CALLBACK (show_speed), self);
  g_signal_connect_swapped (self->drop_down, "notify::selected", G_CALLBACK (selected_changed),
                            self);
  return GTK_WIDGET (self);
}
