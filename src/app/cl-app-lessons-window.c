/* cl-app-lessons-window.c — the Lessons page (see the header). */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-explorer.h"
#include "cl-app-lessons-window.h"
#include "engine/design-file.h"
#include "engine/net.h"
#include "render/render-network.h"

struct _ClAppLessonsWindow
{
  AdwWindow parent_instance;

  GtkWindow *main_window;  /* weak: it owns this window */
  GPtrArray *lessons;      /* ClLesson * */
  GHashTable *cards;       /* id → GtkButton (borrowed) */
};

G_DEFINE_FINAL_TYPE (ClAppLessonsWindow, cl_app_lessons_window, ADW_TYPE_WINDOW)

/* ---- a card's picture: the network of the lesson, or its explorer's icon ---- */

typedef struct {
  ClDesign *design;
  ClLayerInfo *info;
} Picture;

static void
picture_free (Picture *p)
{
  cl_design_free (p->design);
  g_free (p->info);
  g_free (p);
}

static void
draw_network (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  Picture *p = data;
  ClNetworkView view;
  double w, h;

  cl_network_view_init (&view, p->design->spec);
  view.info = p->info;
  view.dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  cl_render_network_get_size (&view, &w, &h);
  if (w <= 0 || h <= 0)
    return;
  /* The whole network, smaller: a card shows its shape, not its labels. */
  double scale = MIN (width / w, height / h);
  cairo_translate (cr, (width - w * scale) / 2, (height - h * scale) / 2);
  cairo_scale (cr, scale, scale);
  cl_render_network (cr, &view, w, h);
}

static GtkWidget *
card_picture (const ClLesson *lesson)
{
  ClLessonStep step;
  cl_lesson_get_step (lesson, 0, &step);

  if (step.design != NULL)
    {
      ClDesign *design = cl_design_load (step.design, NULL);
      if (design != NULL)
        {
          Picture *p = g_new0 (Picture, 1);
          GtkWidget *area = gtk_drawing_area_new ();
          p->design = design;
          p->info = g_new0 (ClLayerInfo, MAX (1, cl_net_spec_get_n_layers (design->spec)));
          cl_net_spec_check (design->spec, p->info, NULL, NULL);
          gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_network, p,
                                          (GDestroyNotify) picture_free);
          gtk_widget_set_size_request (area, 240, 110);
          return area;
        }
    }
  const ClAppExplorerInfo *explorer = cl_app_explorer_lookup (step.explorer);
  GtkWidget *image = gtk_image_new_from_icon_name (explorer != NULL && explorer->icon != NULL
                                                     ? explorer->icon
                                                     : "applications-science-symbolic");
  gtk_image_set_pixel_size (GTK_IMAGE (image), 72);
  gtk_widget_set_size_request (image, 240, 110);
  gtk_widget_add_css_class (image, "dim-label");
  return image;
}

/* ---- cards ---- */

typedef struct {
  GWeakRef page;
  char *path;
} CardOpen;

static void
card_open_free (CardOpen *open)
{
  g_weak_ref_clear (&open->page);
  g_free (open->path);
  g_free (open);
}

static gboolean
open_card_lesson (gpointer data)
{
  CardOpen *open = data;
  g_autoptr(ClAppLessonsWindow) self = g_weak_ref_get (&open->page);

  if (self != NULL && self->main_window != NULL)
    {
      gtk_widget_activate_action (GTK_WIDGET (self->main_window), "win.open-lesson", "s",
                                  open->path);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
    }
  return G_SOURCE_REMOVE;
}

/* After the click, not inside it: the lesson opens windows (an explorer,
 * Compare Runs) and this one hides, and doing that while the button's
 * gesture is still under way breaks GTK's account of the pressed widget
 * ("Broken accounting of active state"), after which clicks on the page
 * can be lost. */
static void
on_card_clicked (GtkButton *button, ClAppLessonsWindow *self)
{
  CardOpen *open = g_new0 (CardOpen, 1);

  g_weak_ref_init (&open->page, self);
  open->path = g_strdup (g_object_get_data (G_OBJECT (button), "cl-lesson-path"));
  g_idle_add_full (G_PRIORITY_DEFAULT, open_card_lesson, open, (GDestroyNotify) card_open_free);
}

static GtkWidget *
card_new (ClAppLessonsWindow *self, const ClLesson *lesson)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  g_autofree char *heading = g_strdup_printf (_("%d. %s"), lesson->number,
                                              cl_lesson_text (&lesson->title, NULL));
  GtkWidget *title = gtk_label_new (heading);
  GtkWidget *summary = gtk_label_new (cl_lesson_text (&lesson->summary, NULL));

  gtk_widget_add_css_class (button, "card");
  gtk_widget_add_css_class (button, "cl-lesson-card");
  gtk_widget_add_css_class (title, "heading");
  for (GtkWidget *label = title; label != NULL; label = label == title ? summary : NULL)
    {
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_natural_wrap_mode (GTK_LABEL (label), GTK_NATURAL_WRAP_WORD);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
    }
  gtk_label_set_lines (GTK_LABEL (summary), 3);
  gtk_widget_add_css_class (summary, "dim-label");
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), card_picture (lesson));
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), summary);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_tooltip_text (button, cl_lesson_text (&lesson->summary, NULL));
  g_object_set_data_full (G_OBJECT (button), "cl-lesson-path", g_strdup (lesson->path), g_free);
  g_signal_connect (button, "clicked", G_CALLBACK (on_card_clicked), self);
  g_hash_table_insert (self->cards, g_strdup (lesson->id), button);
  return button;
}

GtkWidget *
cl_app_lessons_window_get_card (ClAppLessonsWindow *self, const char *id)
{
  g_return_val_if_fail (CL_APP_IS_LESSONS_WINDOW (self), NULL);
  return g_hash_table_lookup (self->cards, id);
}

/* The files that could not be read, by name and cause: a teacher's own
 * lesson with a typo is found, not silently missing. */
static GtkWidget *
errors_label (GPtrArray *errors)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < errors->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, ((GError *) errors->pdata[i])->message);
    }
  GtkWidget *label = gtk_label_new (text->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "error");
  return label;
}

static void
cl_app_lessons_window_init (ClAppLessonsWindow *self)
{
  self->cards = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
cl_app_lessons_window_finalize (GObject *object)
{
  ClAppLessonsWindow *self = CL_APP_LESSONS_WINDOW (object);

  if (self->main_window != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->main_window), (gpointer *) &self->main_window);
  g_clear_pointer (&self->lessons, g_ptr_array_unref);
  g_hash_table_unref (self->cards);
  G_OBJECT_CLASS (cl_app_lessons_window_parent_class)->finalize (object);
}

static void
cl_app_lessons_window_class_init (ClAppLessonsWindowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cl_app_lessons_window_finalize;
  gtk_widget_class_add_binding_action (GTK_WIDGET_CLASS (klass), GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

ClAppLessonsWindow *
cl_app_lessons_window_new (GtkWindow *main_window, GPtrArray *lessons, GPtrArray *errors)
{
  ClAppLessonsWindow *self = g_object_new (CL_APP_TYPE_LESSONS_WINDOW, NULL);
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *intro = gtk_label_new (_("Each lesson sets up the network, its data and the "
                                      "picture that shows one idea of the course. It opens as "
                                      "a new network: nothing you saved is changed."));
  GtkWidget *flow = gtk_flow_box_new ();

  self->main_window = main_window;
  g_object_add_weak_pointer (G_OBJECT (main_window), (gpointer *) &self->main_window);
  self->lessons = g_ptr_array_ref (lessons);

  gtk_window_set_title (GTK_WINDOW (self), _("Lessons"));
  gtk_window_set_transient_for (GTK_WINDOW (self), main_window);
  gtk_window_set_default_size (GTK_WINDOW (self), 960, 680);
  gtk_window_set_hide_on_close (GTK_WINDOW (self), TRUE);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Lessons"), NULL));

  gtk_label_set_wrap (GTK_LABEL (intro), TRUE);
  gtk_label_set_xalign (GTK_LABEL (intro), 0);
  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
  gtk_flow_box_set_homogeneous (GTK_FLOW_BOX (flow), TRUE);
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (flow), 3);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 6);
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (flow), 12);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (flow), 12);
  for (guint i = 0; i < lessons->len; i++)
    gtk_flow_box_append (GTK_FLOW_BOX (flow), card_new (self, lessons->pdata[i]));

  gtk_widget_set_margin_start (content, 18);
  gtk_widget_set_margin_end (content, 18);
  gtk_widget_set_margin_top (content, 12);
  gtk_widget_set_margin_bottom (content, 18);
  gtk_box_append (GTK_BOX (content), intro);
  if (errors != NULL && errors->len > 0)
    gtk_box_append (GTK_BOX (content), errors_label (errors));
  gtk_box_append (GTK_BOX (content), flow);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), content);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_box_append (GTK_BOX (outer), header);
  gtk_box_append (GTK_BOX (outer), scroller);
  adw_window_set_content (ADW_WINDOW (self), outer);
  return self;
}
