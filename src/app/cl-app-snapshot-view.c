#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cl-app-snapshot-view.h"
#include "cl-app-export.h"

struct _ClAppSnapshotView
{
  GtkWidget parent_instance;

  ClAppTraining *training;
  ClAppRenderFunc func;
  gpointer func_data;
  GDestroyNotify func_destroy;
  char *empty_text;
  double scale;      /* ClRenderStyle.scale: Ctrl+plus, the presentation mode */
  double min_text;   /* ClRenderStyle.min_text: 0, or the presentation's floor */

  guint64 drawn_version;
  guint n_draws;
};

G_DEFINE_FINAL_TYPE (ClAppSnapshotView, cl_app_snapshot_view, GTK_TYPE_WIDGET)

static void
draw_empty (ClAppSnapshotView *self, GtkSnapshot *snapshot, int width, int height)
{
  if (self->empty_text == NULL)
    return;

  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), self->empty_text);
  int text_w, text_h;
  GdkRGBA color;

  pango_layout_set_width (layout, MAX (1, width - 48) * PANGO_SCALE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, &text_w, &text_h);
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  color.alpha *= 0.6;   /* as .dim-label */
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (24, (height - text_h) / 2.0));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
  g_object_unref (layout);
}

static void
cl_app_snapshot_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  ClAppSnapshotView *self = CL_APP_SNAPSHOT_VIEW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const ClSnapshot *s = cl_app_snapshot_view_get_snapshot (self);

  if (width <= 0 || height <= 0)
    return;
  if (s == NULL || self->func == NULL)
    {
      draw_empty (self, snapshot, width, height);
      return;
    }

  ClRenderStyle style;
  cl_app_snapshot_view_get_style (self, &style);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->func (cr, s, &style, width, height, self->func_data);
  cairo_destroy (cr);
  self->drawn_version = s->version;
  self->n_draws++;
}

static void
on_snapshot_changed (ClAppSnapshotView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_dark_changed (ClAppSnapshotView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cl_app_snapshot_view_dispose (GObject *object)
{
  ClAppSnapshotView *self = CL_APP_SNAPSHOT_VIEW (object);

  if (self->training != NULL)
    g_signal_handlers_disconnect_by_data (self->training, self);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  g_clear_object (&self->training);
  if (self->func_destroy != NULL)
    self->func_destroy (self->func_data);
  self->func = NULL;
  self->func_data = NULL;
  self->func_destroy = NULL;
  G_OBJECT_CLASS (cl_app_snapshot_view_parent_class)->dispose (object);
}

static void
cl_app_snapshot_view_finalize (GObject *object)
{
  ClAppSnapshotView *self = CL_APP_SNAPSHOT_VIEW (object);

  g_free (self->empty_text);
  G_OBJECT_CLASS (cl_app_snapshot_view_parent_class)->finalize (object);
}

static void
cl_app_snapshot_view_class_init (ClAppSnapshotViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_app_snapshot_view_dispose;
  object_class->finalize = cl_app_snapshot_view_finalize;
  widget_class->snapshot = cl_app_snapshot_view_snapshot;
  gtk_widget_class_set_css_name (widget_class, "snapshotview");
}

static void
cl_app_snapshot_view_init (ClAppSnapshotView *self)
{
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self), TRUE);
  self->scale = 1.0;
  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (on_dark_changed), self);
}

GtkWidget *
cl_app_snapshot_view_new (ClAppTraining *training)
{
  g_return_val_if_fail (CL_APP_IS_TRAINING (training), NULL);

  ClAppSnapshotView *self = g_object_new (CL_APP_TYPE_SNAPSHOT_VIEW, NULL);
  self->training = g_object_ref (training);
  g_signal_connect_swapped (training, "snapshot-changed", G_CALLBACK (on_snapshot_changed), self);
  return GTK_WIDGET (self);
}

void
cl_app_snapshot_view_set_render_func (ClAppSnapshotView *self, ClAppRenderFunc func,
                                      gpointer user_data, GDestroyNotify destroy)
{
  g_return_if_fail (CL_APP_IS_SNAPSHOT_VIEW (self));

  if (self->func_destroy != NULL)
    self->func_destroy (self->func_data);
  self->func = func;
  self->func_data = user_data;
  self->func_destroy = destroy;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cl_app_snapshot_view_set_empty_text (ClAppSnapshotView *self, const char *text)
{
  g_return_if_fail (CL_APP_IS_SNAPSHOT_VIEW (self));

  g_free (self->empty_text);
  self->empty_text = g_strdup (text);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cl_app_snapshot_view_redraw (ClAppSnapshotView *self)
{
  g_return_if_fail (CL_APP_IS_SNAPSHOT_VIEW (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

ClAppTraining *
cl_app_snapshot_view_get_training (ClAppSnapshotView *self)
{
  g_return_val_if_fail (CL_APP_IS_SNAPSHOT_VIEW (self), NULL);
  return self->training;
}

const ClSnapshot *
cl_app_snapshot_view_get_snapshot (ClAppSnapshotView *self)
{
  g_return_val_if_fail (CL_APP_IS_SNAPSHOT_VIEW (self), NULL);
  return self->training != NULL ? cl_app_training_get_snapshot (self->training) : NULL;
}

guint64
cl_app_snapshot_view_get_drawn_version (ClAppSnapshotView *self)
{
  g_return_val_if_fail (CL_APP_IS_SNAPSHOT_VIEW (self), 0);
  return self->drawn_version;
}

guint
cl_app_snapshot_view_get_n_draws (ClAppSnapshotView *self)
{
  g_return_val_if_fail (CL_APP_IS_SNAPSHOT_VIEW (self), 0);
  return self->n_draws;
}

/* The newest snapshot through the view's render function: what Export
 * PNG… draws (cl_app_export_draw_png makes the surface and writes it). */
static gboolean
draw_current (cairo_t *cr, const ClRenderStyle *style, int width, int height, gpointer data)
{
  ClAppSnapshotView *self = data;
  return self->func (cr, cl_app_snapshot_view_get_snapshot (self), style, width, height,
                     self->func_data);
}

gboolean
cl_app_snapshot_view_export_png (ClAppSnapshotView *self, const char *path, int width,
                                 int height, int scale, const ClRenderStyle *style,
                                 GError **error)
{
  g_return_val_if_fail (CL_APP_IS_SNAPSHOT_VIEW (self), FALSE);

  const ClSnapshot *s = cl_app_snapshot_view_get_snapshot (self);
  if (s == NULL || self->func == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("There is nothing to export yet: press Play or Step first."));
      return FALSE;
    }

  return cl_app_export_draw_png (draw_current, self, path, width, height, scale, style, error);
}

void
cl_app_snapshot_view_set_scale (ClAppSnapshotView *self, double scale, double min_text)
{
  g_return_if_fail (CL_APP_IS_SNAPSHOT_VIEW (self));

  if (scale == self->scale && min_text == self->min_text)
    return;
  self->scale = scale;
  self->min_text = min_text;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
cl_app_snapshot_view_get_scale (ClAppSnapshotView *self)
{
  g_return_val_if_fail (CL_APP_IS_SNAPSHOT_VIEW (self), 1.0);
  return self->scale;
}

void
cl_app_snapshot_view_get_style (ClAppSnapshotView *self, ClRenderStyle *style)
{
  g_return_if_fail (CL_APP_IS_SNAPSHOT_VIEW (self) && style != NULL);

  /* Transparent, so the theme's background shows; dark text on light. */
  *style = (ClRenderStyle) {
    .dark = adw_style_manager_get_dark (adw_style_manager_get_default ()),
    .transparent = TRUE,
    .scale = self->scale,
    .min_text = self->min_text,
  };
}
