/* cl-app-panel-stepper.c — which of the snapshot's images a panel shows
 * (a probe for Activations, a masked sample for Dropout): previous, next
 * and random buttons around "Image 2 of 4".  The index and its label live
 * here once, for both panels. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-panels.h"

typedef struct {
  ClAppSnapshotView *view;
  ClAppPanelStepperCount count;
  GtkLabel *label;
  int index;          /* as chosen; taken modulo the count of each snapshot */
  ClAppPanelStepperChosen chosen;
  gpointer chosen_data;
} Stepper;

static Stepper *
stepper_of (GtkWidget *box)
{
  return g_object_get_data (G_OBJECT (box), "cl-stepper");
}

static int
current_count (Stepper *stepper)
{
  const ClSnapshot *s = cl_app_snapshot_view_get_snapshot (stepper->view);
  return s != NULL ? MAX (stepper->count (s), 0) : 0;
}

static void
update_label (Stepper *stepper)
{
  int n = current_count (stepper);
  g_autofree char *text = n > 0 ? g_strdup_printf (_("Image %d of %d"), stepper->index % n + 1, n)
                                : g_strdup ("");

  gtk_label_set_text (stepper->label, text);
}

static void
snapshot_changed (GtkWidget *box)
{
  update_label (stepper_of (box));
}

static void
choose (Stepper *stepper, int index)
{
  stepper->index = index;
  update_label (stepper);
  if (stepper->chosen != NULL)
    stepper->chosen (index, stepper->chosen_data);
  cl_app_snapshot_view_redraw (stepper->view);
}

static void
previous_clicked (GtkButton *button, Stepper *stepper)
{
  int n = MAX (current_count (stepper), 1);
  choose (stepper, (stepper->index % n - 1 + n) % n);
}

static void
next_clicked (GtkButton *button, Stepper *stepper)
{
  int n = MAX (current_count (stepper), 1);
  choose (stepper, (stepper->index % n + 1) % n);
}

/* Another image than the one shown, so the click always shows a change. */
static void
random_clicked (GtkButton *button, Stepper *stepper)
{
  int n = current_count (stepper);
  if (n < 2)
    return;
  int current = stepper->index % n;
  int other = g_random_int_range (0, n - 1);
  choose (stepper, other >= current ? other + 1 : other);
}

static GtkWidget *
button (const char *name, const char *icon, const char *tooltip, GCallback clicked,
        Stepper *stepper)
{
  GtkWidget *b = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_name (b, name);
  gtk_widget_set_tooltip_text (b, tooltip);
  g_signal_connect (b, "clicked", clicked, stepper);
  return b;
}

GtkWidget *
cl_app_panel_stepper_new (ClAppSnapshotView *view, ClAppPanelStepperCount count,
                          const char *previous_tooltip, const char *next_tooltip,
                          const char *random_tooltip)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  Stepper *stepper = g_new0 (Stepper, 1);

  stepper->view = view;
  stepper->count = count;
  g_object_set_data_full (G_OBJECT (box), "cl-stepper", stepper, g_free);
  gtk_box_append (GTK_BOX (box), button ("previous", "go-previous-symbolic", previous_tooltip,
                                         G_CALLBACK (previous_clicked), stepper));
  stepper->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_width_chars (stepper->label, 12);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (stepper->label));
  gtk_box_append (GTK_BOX (box), button ("next", "go-next-symbolic", next_tooltip,
                                         G_CALLBACK (next_clicked), stepper));
  gtk_box_append (GTK_BOX (box), button ("random", "media-playlist-shuffle-symbolic",
                                         random_tooltip, G_CALLBACK (random_clicked), stepper));
  /* The count can change with each snapshot (a new design, a new run). */
  g_signal_connect_object (cl_app_snapshot_view_get_training (view), "snapshot-changed",
                           G_CALLBACK (snapshot_changed), box, G_CONNECT_SWAPPED);
  return box;
}

void
cl_app_panel_stepper_set_chosen_func (GtkWidget *box, ClAppPanelStepperChosen chosen,
                                      gpointer data)
{
  Stepper *stepper = stepper_of (box);

  g_return_if_fail (stepper != NULL);
  stepper->chosen = chosen;
  stepper->chosen_data = data;
}

int
cl_app_panel_stepper_get_index (GtkWidget *box, const ClSnapshot *snapshot)
{
  Stepper *stepper = stepper_of (box);

  g_return_val_if_fail (stepper != NULL, 0);
  int n = snapshot != NULL ? stepper->count (snapshot) : 0;
  return n > 0 ? stepper->index % n : 0;
}
