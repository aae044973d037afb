/* cl-app-explorer-window.c — the Explorers window (see the header). */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-explorer-window.h"
#include "cl-app-export.h"

struct _ClAppExplorerWindow
{
  AdwWindow parent_instance;

  ClAppDocument *document;  /* strong */
  ClAppTraining *training;  /* strong */

  GtkWidget *header;
  GtkWidget *sidebar_area;
  GtkStack *stack;
  GtkWidget *empty;         /* said while no explorer is built in */
  GtkWidget *present_button;
  GPtrArray *infos;         /* const ClAppExplorerInfo *, in page order */

  gboolean presenting;
  gboolean was_fullscreen;
  double zoom;              /* Ctrl+plus/minus, 0.5 to 3 */
};

G_DEFINE_FINAL_TYPE (ClAppExplorerWindow, cl_app_explorer_window, ADW_TYPE_WINDOW)

static void sync_presenting (ClAppExplorerWindow *self);

static const ClAppExplorerInfo *
info_of (ClAppExplorerWindow *self, const char *id)
{
  for (guint i = 0; id != NULL && i < self->infos->len; i++)
    {
      const ClAppExplorerInfo *info = g_ptr_array_index (self->infos, i);
      if (g_str_equal (info->id, id))
        return info;
    }
  return NULL;
}

void
cl_app_explorer_window_get_style (ClAppExplorerWindow *self, double *scale, double *min_text)
{
  g_return_if_fail (CL_APP_IS_EXPLORER_WINDOW (self));

  *scale = self->zoom * (self->presenting ? CL_RENDER_PRESENT_SCALE : 1.0);
  *min_text = self->presenting ? CL_RENDER_PRESENT_MIN_TEXT : 0;
}

/* The explorer inside page `page`, or NULL while it is not made yet. */
static GtkWidget *
explorer_in (GtkWidget *page)
{
  return page != NULL ? gtk_widget_get_first_child (page) : NULL;
}

static void
apply_style (ClAppExplorerWindow *self)
{
  double scale, min_text;

  cl_app_explorer_window_get_style (self, &scale, &min_text);
  for (guint i = 0; i < self->infos->len; i++)
    {
      const ClAppExplorerInfo *info = g_ptr_array_index (self->infos, i);
      GtkWidget *explorer = explorer_in (gtk_stack_get_child_by_name (self->stack, info->id));
      if (explorer != NULL)
        cl_app_explorer_set_style (CL_APP_EXPLORER (explorer), scale, min_text);
    }
}

/* Explorers are made when first shown: one the class never opens costs
 * nothing (some load images or build networks). */
GtkWidget *
cl_app_explorer_window_get_explorer (ClAppExplorerWindow *self, const char *id)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_WINDOW (self), NULL);

  const ClAppExplorerInfo *info = info_of (self, id);
  if (info == NULL)
    return NULL;
  GtkWidget *page = gtk_stack_get_child_by_name (self->stack, id);
  GtkWidget *explorer = explorer_in (page);
  if (explorer != NULL)
    return explorer;

  explorer = info->create (self->document, self->training);
  g_return_val_if_fail (CL_APP_IS_EXPLORER (explorer), NULL);
  gtk_widget_set_hexpand (explorer, TRUE);
  gtk_widget_set_vexpand (explorer, TRUE);
  gtk_box_append (GTK_BOX (page), explorer);

  double scale, min_text;
  cl_app_explorer_window_get_style (self, &scale, &min_text);
  cl_app_explorer_set_style (CL_APP_EXPLORER (explorer), scale, min_text);
  return explorer;
}

static void
on_visible_child (ClAppExplorerWindow *self)
{
  const char *id = gtk_stack_get_visible_child_name (self->stack);
  if (info_of (self, id) != NULL)
    cl_app_explorer_window_get_explorer (self, id);
}

const char *
cl_app_explorer_window_get_visible_id (ClAppExplorerWindow *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_WINDOW (self), NULL);

  const char *id = gtk_stack_get_visible_child_name (self->stack);
  return info_of (self, id) != NULL ? id : NULL;
}

gboolean
cl_app_explorer_window_show (ClAppExplorerWindow *self, const char *id)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_WINDOW (self), FALSE);

  if (info_of (self, id) == NULL)
    return FALSE;
  gtk_stack_set_visible_child_name (self->stack, id);
  cl_app_explorer_window_get_explorer (self, id);
  return TRUE;
}

void
cl_app_explorer_window_add (ClAppExplorerWindow *self, const ClAppExplorerInfo *info)
{
  g_return_if_fail (CL_APP_IS_EXPLORER_WINDOW (self));
  g_return_if_fail (info != NULL && info->id != NULL && info->create != NULL);
  g_return_if_fail (info_of (self, info->id) == NULL);

  GtkWidget *page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkStackPage *stack_page = gtk_stack_add_titled (self->stack, page, info->id, _(info->title));

  if (info->icon != NULL)
    gtk_stack_page_set_icon_name (stack_page, info->icon);
  g_ptr_array_add (self->infos, (gpointer) info);
  gtk_widget_set_visible (self->empty, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->stack), TRUE);
  if (self->infos->len == 1)
    on_visible_child (self);
  sync_presenting (self);
}

/* ---- presentation and zoom ---- */

static void
sync_presenting (ClAppExplorerWindow *self)
{
  gtk_widget_set_visible (self->header, !self->presenting);
  gtk_widget_set_visible (self->sidebar_area, !self->presenting && self->infos->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "explorer.leave-present", self->presenting);
  apply_style (self);
}

void
cl_app_explorer_window_set_presenting (ClAppExplorerWindow *self, gboolean presenting)
{
  g_return_if_fail (CL_APP_IS_EXPLORER_WINDOW (self));

  if (presenting == self->presenting)
    return;
  self->presenting = presenting;
  if (presenting)
    {
      gtk_window_fullscreen (GTK_WINDOW (self));
      AdwToast *toast = adw_toast_new (_("Presentation mode: Escape leaves, Alt+1…9 choose an "
                                         "explorer."));
      adw_toast_set_timeout (toast, 4);
      GtkWidget *overlay = adw_window_get_content (ADW_WINDOW (self));
      adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
    }
  else
    gtk_window_unfullscreen (GTK_WINDOW (self));
  sync_presenting (self);
}

gboolean
cl_app_explorer_window_get_presenting (ClAppExplorerWindow *self)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_WINDOW (self), FALSE);
  return self->presenting;
}

/* Left full screen another way (the window manager's key): leave the
 * presentation too. */
static void
on_fullscreened (ClAppExplorerWindow *self)
{
  if (gtk_window_is_fullscreen (GTK_WINDOW (self)))
    self->was_fullscreen = TRUE;
  else if (self->was_fullscreen)
    {
      self->was_fullscreen = FALSE;
      cl_app_explorer_window_set_presenting (self, FALSE);
    }
}

static void
present_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppExplorerWindow *self = CL_APP_EXPLORER_WINDOW (widget);
  cl_app_explorer_window_set_presenting (self, !self->presenting);
}

static void
leave_present_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  cl_app_explorer_window_set_presenting (CL_APP_EXPLORER_WINDOW (widget), FALSE);
}

static void
on_hide (ClAppExplorerWindow *self)
{
  cl_app_explorer_window_set_presenting (self, FALSE);
}

static void
zoom_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppExplorerWindow *self = CL_APP_EXPLORER_WINDOW (widget);

  if (g_str_equal (action, "explorer.zoom-in"))
    self->zoom = MIN (self->zoom * 1.25, 3.0);
  else if (g_str_equal (action, "explorer.zoom-out"))
    self->zoom = MAX (self->zoom / 1.25, 0.5);
  else
    self->zoom = 1.0;
  apply_style (self);
}

/* Alt+1…9: the explorers in order, also while presenting. */
static void
show_nth_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppExplorerWindow *self = CL_APP_EXPLORER_WINDOW (widget);
  int n = g_variant_get_int32 (parameter);

  if (n >= 1 && (guint) n <= self->infos->len)
    {
      const ClAppExplorerInfo *info = g_ptr_array_index (self->infos, n - 1);
      cl_app_explorer_window_show (self, info->id);
    }
}

/* ---- Export PNG ---- */

static gboolean
draw_visible (cairo_t *cr, const ClRenderStyle *style, int width, int height, gpointer user_data)
{
  ClAppExplorerWindow *self = user_data;
  const char *id = cl_app_explorer_window_get_visible_id (self);
  GtkWidget *explorer = id != NULL ? cl_app_explorer_window_get_explorer (self, id) : NULL;

  return explorer != NULL && cl_app_explorer_render (CL_APP_EXPLORER (explorer), cr, style,
                                                     width, height);
}

gboolean
cl_app_explorer_window_export_png (ClAppExplorerWindow *self, const char *path, int width,
                                   int height, int scale, const ClRenderStyle *style,
                                   GError **error)
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_WINDOW (self), FALSE);
  return cl_app_export_draw_png (draw_visible, self, path, width, height, scale, style, error);
}

static void
export_action (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppExplorerWindow *self = CL_APP_EXPLORER_WINDOW (widget);
  const ClAppExplorerInfo *info = info_of (self, cl_app_explorer_window_get_visible_id (self));

  if (info != NULL)
    cl_app_export_present_draw (GTK_WIDGET (self->stack), info->export_name, draw_visible, self);
}

/* ---- the window ---- */

static GtkWidget *
header_bar (ClAppExplorerWindow *self)
{
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *export = gtk_button_new_with_mnemonic (_("_Export PNG…"));

  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (_("Explorers"), NULL));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (export), "explorer.export");
  gtk_widget_set_tooltip_text (export, _("Export this explorer's picture (Ctrl+E)"));
  self->present_button = gtk_button_new_from_icon_name ("view-fullscreen-symbolic");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->present_button), "explorer.present");
  gtk_widget_set_tooltip_text (self->present_button, _("Presentation Mode (F11)"));
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), self->present_button);
  adw_header_bar_pack_end (ADW_HEADER_BAR (header), export);
  return header;
}

static void
cl_app_explorer_window_init (ClAppExplorerWindow *self)
{
  self->infos = g_ptr_array_new ();
  self->zoom = 1.0;

  GtkWidget *overlay = adw_toast_overlay_new ();
  GtkWidget *outer = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *body = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  GtkWidget *sidebar = gtk_stack_sidebar_new ();

  self->header = header_bar (self);
  self->stack = GTK_STACK (gtk_stack_new ());
  gtk_stack_set_transition_type (self->stack, GTK_STACK_TRANSITION_TYPE_CROSSFADE);
  gtk_widget_set_hexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->stack), TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->stack), FALSE);
  gtk_stack_sidebar_set_stack (GTK_STACK_SIDEBAR (sidebar), self->stack);
  gtk_widget_set_size_request (sidebar, 200, -1);

  self->sidebar_area = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_box_append (GTK_BOX (self->sidebar_area), sidebar);
  gtk_box_append (GTK_BOX (self->sidebar_area), gtk_separator_new (GTK_ORIENTATION_VERTICAL));

  self->empty = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (self->empty), _("No Explorer"));
  adw_status_page_set_description (ADW_STATUS_PAGE (self->empty),
                                   _("This build of ConvLab has no explorer."));
  gtk_widget_set_hexpand (self->empty, TRUE);

  gtk_box_append (GTK_BOX (body), self->sidebar_area);
  gtk_box_append (GTK_BOX (body), GTK_WIDGET (self->stack));
  gtk_box_append (GTK_BOX (body), self->empty);
  gtk_box_append (GTK_BOX (outer), self->header);
  gtk_box_append (GTK_BOX (outer), body);
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), outer);
  adw_window_set_content (ADW_WINDOW (self), overlay);

  gtk_window_set_title (GTK_WINDOW (self), _("Explorers"));
  /* Fits a 1024×768 projector with room for its panel. */
  gtk_window_set_default_size (GTK_WINDOW (self), 1000, 700);
  gtk_window_set_hide_on_close (GTK_WINDOW (self), TRUE);

  /* Escape leaves whatever has the focus, as in the main window. */
  GtkEventController *keys = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (keys),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_Escape, 0),
                                                          gtk_named_action_new ("explorer.leave-present")));
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  g_signal_connect_swapped (self->stack, "notify::visible-child", G_CALLBACK (on_visible_child),
                            self);
  g_signal_connect_swapped (self, "notify::fullscreened", G_CALLBACK (on_fullscreened), self);
  /* Hidden, it is not presenting any more. */
  g_signal_connect (self, "hide", G_CALLBACK (on_hide), NULL);
  sync_presenting (self);
}

static void
cl_app_explorer_window_dispose (GObject *object)
{
  ClAppExplorerWindow *self = CL_APP_EXPLORER_WINDOW (object);

  g_clear_object (&self->document);
  g_clear_object (&self->training);
  G_OBJECT_CLASS (cl_app_explorer_window_parent_class)->dispose (object);
}

static void
cl_app_explorer_window_finalize (GObject *object)
{
  ClAppExplorerWindow *self = CL_APP_EXPLORER_WINDOW (object);

  g_ptr_array_unref (self->infos);
  G_OBJECT_CLASS (cl_app_explorer_window_parent_class)->finalize (object);
}

static void
cl_app_explorer_window_class_init (ClAppExplorerWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_app_explorer_window_dispose;
  object_class->finalize = cl_app_explorer_window_finalize;

  gtk_widget_class_install_action (widget_class, "explorer.present", NULL, present_action);
  gtk_widget_class_install_action (widget_class, "explorer.leave-present", NULL,
                                   leave_present_action);
  gtk_widget_class_install_action (widget_class, "explorer.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "explorer.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "explorer.zoom-reset", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "explorer.show-nth", "i", show_nth_action);
  gtk_widget_class_install_action (widget_class, "explorer.export", NULL, export_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F11, 0, "explorer.present", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "explorer.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "explorer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "explorer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "explorer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "explorer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "explorer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "explorer.zoom-reset", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
  for (int n = 1; n <= 9; n++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0 + n, GDK_ALT_MASK,
                                         "explorer.show-nth", "i", n);
}

ClAppExplorerWindow *
cl_app_explorer_window_new (ClAppDocument *document, ClAppTraining *training)
{
  ClAppExplorerWindow *self = g_object_new (CL_APP_TYPE_EXPLORER_WINDOW, NULL);
  guint n;
  const ClAppExplorerInfo *all = cl_app_explorers (&n);

  self->document = document != NULL ? g_object_ref (document) : NULL;
  self->training = training != NULL ? g_object_ref (training) : NULL;
  for (guint i = 0; i < n; i++)
    cl_app_explorer_window_add (self, &all[i]);
  sync_presenting (self);
  return self;
}
