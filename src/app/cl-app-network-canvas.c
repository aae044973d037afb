#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "cl-app-network-canvas.h"
#include "render/render-activation-fn.h"
#include "render/render-network.h"

/* The narrowest the canvas gets: one block per row. */
#define MIN_WIDTH 220

struct _ClAppNetworkCanvas
{
  GtkWidget parent_instance;

  ClAppDocument *document;
  double zoom;
  int marker;        /* insertion marker while a drag hovers, -1 otherwise */
  int drag_index;    /* the block being dragged, -1 otherwise */
  char *input_label;
  char *source_label;   /* the design's data source, named, when input_label is NULL */
  ClNet *trained;    /* borrowed from the window */
  ClSnapshot *snapshot;  /* the newest of the training run: its dropout masks */
  GtkWidget *curve;      /* the tooltip of an activation block: its curve and inputs */
  int curve_layer;
};

G_DEFINE_FINAL_TYPE (ClAppNetworkCanvas, cl_app_network_canvas, GTK_TYPE_WIDGET)

static ClAppLayerRef *
layer_ref_copy (const ClAppLayerRef *ref)
{
  return g_memdup2 (ref, sizeof *ref);
}

G_DEFINE_BOXED_TYPE (ClAppLayerRef, cl_app_layer_ref, layer_ref_copy, g_free)

/* The view as drawn: a long network wraps onto rows at the widget's width
 * (render-network), so the text keeps its size on a projector. */
static void
make_view (ClAppNetworkCanvas *self, ClNetworkView *view)
{
  ClAppDocument *doc = self->document;

  cl_network_view_init (view, cl_app_document_get_spec (doc));
  view->info = cl_app_document_get_layer_info (doc);
  view->failed_layer = cl_app_document_get_failed_layer (doc);
  view->error_message = cl_app_document_get_error (doc);
  view->selected = cl_app_document_get_selected (doc);
  view->insertion = self->marker;
  view->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  view->zoom = self->zoom;
  view->trained = self->trained;
  view->snapshot = self->snapshot;
  /* Before the data is loaded (or when it failed): the source's name. */
  if (self->input_label == NULL)
    {
      g_free (self->source_label);
      self->source_label = cl_data_source_display_name (cl_app_document_get_design (doc)->data.source);
    }
  view->input_label = self->input_label != NULL ? self->input_label : self->source_label;
}

static void
cl_app_network_canvas_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  ClAppNetworkCanvas *self = CL_APP_NETWORK_CANVAS (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  ClNetworkView view;

  if (self->document == NULL || width <= 0 || height <= 0)
    return;
  make_view (self, &view);
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cl_render_network (cr, &view, width, height);
  cairo_destroy (cr);
}

static void
cl_app_network_canvas_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                               int *minimum, int *natural, int *minimum_baseline,
                               int *natural_baseline)
{
  ClAppNetworkCanvas *self = CL_APP_NETWORK_CANVAS (widget);
  ClNetworkView view;
  double w = 0, h = 0;

  *minimum = *natural = 0;
  if (self->document == NULL)
    return;
  make_view (self, &view);
  cl_render_network_get_size (&view, &w, &h);
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = MIN (MIN_WIDTH, (int) ceil (w));
      *natural = (int) ceil (w);
    }
  else
    {
      /* Height for width: the rows it wraps onto. */
      if (for_size > 0)
        h = cl_render_network_get_height_for_width (&view, for_size);
      *minimum = *natural = (int) ceil (h);
    }
}

static GtkSizeRequestMode
cl_app_network_canvas_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static int
layer_at (ClAppNetworkCanvas *self, double x, double y)
{
  ClNetworkView view;

  make_view (self, &view);
  return cl_render_network_layer_at (&view, gtk_widget_get_width (GTK_WIDGET (self)),
                                     gtk_widget_get_height (GTK_WIDGET (self)), x, y);
}

/* ---- An activation block's tooltip: where its inputs fall on its curve */

/* Whether the snapshot trains the design as drawn, at that layer. */
static gboolean
snapshot_matches (ClAppNetworkCanvas *self, int layer)
{
  const ClNetSpec *spec = cl_app_document_get_spec (self->document);
  const ClSnapshot *s = self->snapshot;
  return s != NULL && s->spec != NULL && layer >= 0
         && cl_net_spec_get_n_layers (s->spec) == cl_net_spec_get_n_layers (spec)
         && layer < cl_net_spec_get_n_layers (spec)
         && cl_net_spec_get_layer_kind (s->spec, layer) == cl_net_spec_get_layer_kind (spec, layer);
}

int
cl_app_network_canvas_curve_layer_at (ClAppNetworkCanvas *self, double x, double y)
{
  ClActivationFnView view;

  g_return_val_if_fail (CL_APP_IS_NETWORK_CANVAS (self), -1);
  if (self->document == NULL)
    return -1;
  int layer = layer_at (self, x, y);
  cl_activation_fn_view_init (&view, CL_ACTIVATION_IDENTITY);
  if (!snapshot_matches (self, layer)
      || !cl_activation_fn_view_set_layer (&view, self->snapshot, layer, NULL))
    return -1;
  return layer;
}

static void
draw_curve (GtkDrawingArea *area, cairo_t *cr, int width, int height, gpointer data)
{
  ClAppNetworkCanvas *self = data;
  ClActivationFnView view;
  g_autofree char *caption = NULL;

  cl_activation_fn_view_init (&view, CL_ACTIVATION_IDENTITY);
  if (!snapshot_matches (self, self->curve_layer)
      || !cl_activation_fn_view_set_layer (&view, self->snapshot, self->curve_layer, &caption))
    return;
  cl_activation_fn_fit_range (view.samples, view.n_samples, &view.x_min, &view.x_max);
  view.compact = TRUE;
  view.samples_caption = caption;
  ClRenderStyle style = { .dark = adw_style_manager_get_dark (adw_style_manager_get_default ()),
                          .scale = 1.4 * self->zoom };   /* a small picture, read at a glance */
  cl_render_activation_fn (cr, &view, &style, width, height);
}

/* Only over an activation block while a run has inputs to show: never
 * over empty canvas, where a tooltip covered the drawing. */
static gboolean
on_query_tooltip (GtkWidget *widget, int x, int y, gboolean keyboard, GtkTooltip *tooltip,
                  ClAppNetworkCanvas *self)
{
  int layer = keyboard ? -1 : cl_app_network_canvas_curve_layer_at (self, x, y);
  if (layer < 0)
    return FALSE;
  if (self->curve == NULL)
    {
      self->curve = g_object_ref_sink (gtk_drawing_area_new ());
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->curve), draw_curve, self, NULL);
    }
  gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (self->curve), (int) (360 * self->zoom));
  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self->curve), (int) (220 * self->zoom));
  self->curve_layer = layer;
  gtk_widget_queue_draw (self->curve);
  gtk_tooltip_set_custom (tooltip, self->curve);
  return TRUE;
}

GtkWidget *
cl_app_network_canvas_get_curve_tooltip (ClAppNetworkCanvas *self)
{
  g_return_val_if_fail (CL_APP_IS_NETWORK_CANVAS (self), NULL);
  return self->curve;
}

int
cl_app_network_canvas_insertion_at (ClAppNetworkCanvas *self, double x, double y)
{
  ClNetworkView view;

  g_return_val_if_fail (CL_APP_IS_NETWORK_CANVAS (self), 0);
  make_view (self, &view);
  return cl_render_network_insertion_at (&view, gtk_widget_get_width (GTK_WIDGET (self)),
                                         gtk_widget_get_height (GTK_WIDGET (self)), x, y);
}

gboolean
cl_app_network_canvas_get_layer_center (ClAppNetworkCanvas *self, int i, double *x, double *y)
{
  ClNetworkView view;
  double bx, by, bw, bh;

  g_return_val_if_fail (CL_APP_IS_NETWORK_CANVAS (self), FALSE);
  make_view (self, &view);
  if (!cl_render_network_layer_bounds (&view, gtk_widget_get_width (GTK_WIDGET (self)),
                                       gtk_widget_get_height (GTK_WIDGET (self)), i,
                                       &bx, &by, &bw, &bh))
    return FALSE;
  *x = bx + bw / 2;
  *y = by + bh / 2;
  return TRUE;
}

gboolean
cl_app_network_canvas_get_unit_center (ClAppNetworkCanvas *self, int layer, int unit, double *x,
                                       double *y)
{
  ClNetworkView view;

  g_return_val_if_fail (CL_APP_IS_NETWORK_CANVAS (self), FALSE);
  if (self->document == NULL)
    return FALSE;
  make_view (self, &view);
  return cl_render_network_unit_center (&view, gtk_widget_get_width (GTK_WIDGET (self)),
                                        gtk_widget_get_height (GTK_WIDGET (self)), layer, unit,
                                        x, y);
}

int
cl_app_network_canvas_get_marker (ClAppNetworkCanvas *self)
{
  return self->marker;
}

static void
set_marker (ClAppNetworkCanvas *self, int marker)
{
  if (self->marker == marker)
    return;
  self->marker = marker;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- pointer ---------------------------------------------------------- */

static void
on_click_pressed (GtkGestureClick *gesture, int n_press, double x, double y,
                  ClAppNetworkCanvas *self)
{
  if (self->document == NULL)
    return;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  cl_app_document_set_selected (self->document, layer_at (self, x, y));
}

static GdkDragAction
on_drop_motion (GtkDropTarget *target, double x, double y, ClAppNetworkCanvas *self)
{
  set_marker (self, cl_app_network_canvas_insertion_at (self, x, y));
  return self->drag_index >= 0 ? GDK_ACTION_MOVE : GDK_ACTION_COPY;
}

static void
on_drop_leave (GtkDropTarget *target, ClAppNetworkCanvas *self)
{
  set_marker (self, -1);
}

/* The drop: a kind name from the palette inserts, a block of this canvas
 * moves.  Tests emit this signal directly: it is the one insertion path. */
static gboolean
on_drop (GtkDropTarget *target, const GValue *value, double x, double y,
         ClAppNetworkCanvas *self)
{
  int at = cl_app_network_canvas_insertion_at (self, x, y);

  set_marker (self, -1);
  if (self->document == NULL)
    return FALSE;
  if (G_VALUE_HOLDS_STRING (value))
    return cl_app_document_insert_layer (self->document, at, g_value_get_string (value));
  if (G_VALUE_HOLDS (value, CL_APP_TYPE_LAYER_REF))
    {
      const ClAppLayerRef *ref = g_value_get_boxed (value);
      if (ref == NULL || ref->document != self->document)
        return FALSE;
      /* Dropping after itself is where it already is. */
      cl_app_document_move_layer (self->document, ref->index, at > ref->index ? at - 1 : at);
      return TRUE;
    }
  return FALSE;
}

/* A picture of the dragged block, so the pointer carries what it moves. */
static void
set_drag_icon (ClAppNetworkCanvas *self, GtkDragSource *source, int i)
{
  ClNetworkView view;
  double x, y, w, h;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  make_view (self, &view);
  view.selected = -1;
  if (!cl_render_network_layer_bounds (&view, width, height, i, &x, &y, &w, &h))
    return;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, (int) w, (int) h);
  cairo_t *cr = cairo_create (surface);
  cairo_translate (cr, -x, -y);
  cl_render_network (cr, &view, width, height);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  g_autoptr(GBytes) bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                                         (gsize) cairo_image_surface_get_stride (surface) * (int) h);
  g_autoptr(GdkTexture) texture = gdk_memory_texture_new ((int) w, (int) h,
                                                          GDK_MEMORY_DEFAULT, bytes,
                                                          cairo_image_surface_get_stride (surface));
  cairo_surface_destroy (surface);
  gtk_drag_source_set_icon (source, GDK_PAINTABLE (texture), (int) w / 2, (int) h / 3);
}

static GdkContentProvider *
on_drag_prepare (GtkDragSource *source, double x, double y, ClAppNetworkCanvas *self)
{
  int i = self->document != NULL ? layer_at (self, x, y) : -1;

  if (i < 0)
    return NULL;
  self->drag_index = i;
  cl_app_document_set_selected (self->document, i);
  set_drag_icon (self, source, i);
  ClAppLayerRef ref = { self->document, i };
  return gdk_content_provider_new_typed (CL_APP_TYPE_LAYER_REF, &ref);
}

static void
on_drag_end (GtkDragSource *source, GdkDrag *drag, gboolean delete_data,
             ClAppNetworkCanvas *self)
{
  self->drag_index = -1;
}

/* Dragged off the canvas onto nothing: the block is thrown away, as in a
 * dock.  Undo brings it back. */
static gboolean
on_drag_cancel (GtkDragSource *source, GdkDrag *drag, GdkDragCancelReason reason,
                ClAppNetworkCanvas *self)
{
  int i = self->drag_index;

  self->drag_index = -1;
  if (reason == GDK_DRAG_CANCEL_NO_TARGET && i >= 0 && self->document != NULL)
    {
      cl_app_document_remove_layer (self->document, i);
      return TRUE;
    }
  return FALSE;
}

/* ---- keyboard --------------------------------------------------------- */

static void
select_step (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppNetworkCanvas *self = CL_APP_NETWORK_CANVAS (widget);
  int n = cl_app_document_get_n_layers (self->document);
  int i = cl_app_document_get_selected (self->document);
  int step = g_variant_get_int32 (parameter);

  if (n == 0)
    return;
  if (i < 0)
    i = step > 0 ? 0 : n - 1;
  else
    i = CLAMP (i + step, 0, n - 1);
  cl_app_document_set_selected (self->document, i);
}

static void
move_step (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppNetworkCanvas *self = CL_APP_NETWORK_CANVAS (widget);
  int i = cl_app_document_get_selected (self->document);

  if (i >= 0)
    cl_app_document_move_layer (self->document, i, i + g_variant_get_int32 (parameter));
}

static void
delete_selected (GtkWidget *widget, const char *action, GVariant *parameter)
{
  ClAppNetworkCanvas *self = CL_APP_NETWORK_CANVAS (widget);

  cl_app_document_remove_layer (self->document, cl_app_document_get_selected (self->document));
}

/* ---- object ----------------------------------------------------------- */

/* What a screen reader says of the picture: its size and its problem. */
static void
update_description (ClAppNetworkCanvas *self)
{
  int n = cl_app_document_get_n_layers (self->document);
  const char *error = cl_app_document_get_error (self->document);
  g_autofree char *count = cl_format_count (cl_app_document_get_total_params (self->document));
  /* Translators: the canvas described to a screen reader. */
  g_autofree char *text = g_strdup_printf (g_dngettext (NULL, "Network of %d layer, %s parameters.",
                                                        "Network of %d layers, %s parameters.",
                                                        n > 1 ? 2 : 1),
                                           n, count);
  g_autofree char *full = error != NULL ? g_strconcat (text, " ", error, NULL)
                                         : g_strdup (text);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  full, -1);
}

static void
on_document_changed (ClAppNetworkCanvas *self)
{
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* Keeps the selected block in view when arrows move the selection onto a
 * row scrolled out of sight. */
static void
on_selected_changed (ClAppNetworkCanvas *self)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_SCROLLED_WINDOW);
  double x, y, w, h;
  ClNetworkView view;

  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (scroller == NULL || self->document == NULL)
    return;
  make_view (self, &view);
  if (cl_render_network_layer_bounds (&view, gtk_widget_get_width (GTK_WIDGET (self)),
                                      gtk_widget_get_height (GTK_WIDGET (self)),
                                      cl_app_document_get_selected (self->document),
                                      &x, &y, &w, &h))
    gtk_adjustment_clamp_page (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller)),
                               y, y + h);
}

void
cl_app_network_canvas_set_document (ClAppNetworkCanvas *self, ClAppDocument *document)
{
  g_return_if_fail (CL_APP_IS_NETWORK_CANVAS (self));

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  if (document != NULL)
    {
      g_signal_connect_swapped (document, "changed", G_CALLBACK (on_document_changed), self);
      g_signal_connect_swapped (document, "notify::selected", G_CALLBACK (on_selected_changed),
                                self);
      update_description (self);
    }
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
cl_app_network_canvas_set_input_label (ClAppNetworkCanvas *self, const char *label)
{
  g_free (self->input_label);
  self->input_label = g_strdup (label);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
cl_app_network_canvas_set_trained (ClAppNetworkCanvas *self, ClNet *net)
{
  self->trained = net;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Whether the picture draws anything of the snapshot: masks, or weights on
 * the links of the neuron view. */
static gboolean
shows_snapshot (ClAppNetworkCanvas *self)
{
  ClNetworkView view;

  if (self->document == NULL || self->snapshot == NULL)
    return FALSE;
  make_view (self, &view);
  return cl_render_network_shows_snapshot (&view);
}

void
cl_app_network_canvas_set_snapshot (ClAppNetworkCanvas *self, const ClSnapshot *snapshot)
{
  g_return_if_fail (CL_APP_IS_NETWORK_CANVAS (self));

  if (snapshot == self->snapshot)
    return;
  /* Redraw only when the old or the new snapshot shows: a large network
   * without Dropout costs the canvas nothing while training. */
  gboolean redraw = shows_snapshot (self);
  g_clear_pointer (&self->snapshot, cl_snapshot_unref);
  if (snapshot != NULL)
    self->snapshot = cl_snapshot_ref ((ClSnapshot *) snapshot);
  if (redraw || shows_snapshot (self))
    gtk_widget_queue_draw (GTK_WIDGET (self));
  /* A shown tooltip follows the run live. */
  if (self->curve != NULL && gtk_widget_get_mapped (self->curve))
    gtk_widget_queue_draw (self->curve);
}

double
cl_app_network_canvas_get_zoom (ClAppNetworkCanvas *self)
{
  return self->zoom;
}

void
cl_app_network_canvas_set_zoom (ClAppNetworkCanvas *self, double zoom)
{
  self->zoom = CLAMP (zoom, 0.5, 3.0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
cl_app_network_canvas_dispose (GObject *object)
{
  ClAppNetworkCanvas *self = CL_APP_NETWORK_CANVAS (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_signal_handlers_disconnect_by_data (adw_style_manager_get_default (), self);
  /* A tooltip window may still hold the picture: it must not draw us. */
  if (self->curve != NULL)
    gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self->curve), NULL, NULL, NULL);
  G_OBJECT_CLASS (cl_app_network_canvas_parent_class)->dispose (object);
}

static void
cl_app_network_canvas_finalize (GObject *object)
{
  g_clear_pointer (&CL_APP_NETWORK_CANVAS (object)->snapshot, cl_snapshot_unref);
  g_clear_object (&CL_APP_NETWORK_CANVAS (object)->curve);
  g_free (CL_APP_NETWORK_CANVAS (object)->input_label);
  g_free (CL_APP_NETWORK_CANVAS (object)->source_label);
  G_OBJECT_CLASS (cl_app_network_canvas_parent_class)->finalize (object);
}

static void
cl_app_network_canvas_class_init (ClAppNetworkCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cl_app_network_canvas_dispose;
  object_class->finalize = cl_app_network_canvas_finalize;
  widget_class->snapshot = cl_app_network_canvas_snapshot;
  widget_class->measure = cl_app_network_canvas_measure;
  widget_class->get_request_mode = cl_app_network_canvas_get_request_mode;

  gtk_widget_class_set_css_name (widget_class, "cl-network-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);

  gtk_widget_class_install_action (widget_class, "canvas.select-step", "i", select_step);
  gtk_widget_class_install_action (widget_class, "canvas.move-step", "i", move_step);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_selected);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "canvas.select-step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "canvas.select-step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Left, 0, "canvas.select-step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Right, 0, "canvas.select-step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "canvas.move-step", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK, "canvas.move-step", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, 0, "canvas.delete", NULL);
}

static void
cl_app_network_canvas_init (ClAppNetworkCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->zoom = 1.0;
  self->marker = -1;
  self->drag_index = -1;
  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_hexpand (widget, TRUE);
  gtk_widget_set_vexpand (widget, TRUE);
  gtk_widget_add_css_class (widget, "view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Network"), -1);
  /* No tooltip over the canvas: it covered the drawing whenever the
   * pointer rested on it.  An empty canvas says where layers go
   * (render-network.c); the keys are in the shortcuts window, and told to
   * screen readers here.  Only an activation block, while a run has
   * inputs to show, has one: its curve (on_query_tooltip). */
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("Drop layers here. Arrows select, Alt+arrows move, "
                                    "Delete removes."), -1);

  gtk_widget_set_has_tooltip (widget, TRUE);
  g_signal_connect (widget, "query-tooltip", G_CALLBACK (on_query_tooltip), self);

  GtkGesture *click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (click));

  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INVALID, GDK_ACTION_COPY | GDK_ACTION_MOVE);
  GType types[] = { G_TYPE_STRING, CL_APP_TYPE_LAYER_REF };
  gtk_drop_target_set_gtypes (target, types, G_N_ELEMENTS (types));
  g_signal_connect (target, "motion", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (target, "enter", G_CALLBACK (on_drop_motion), self);
  g_signal_connect (target, "leave", G_CALLBACK (on_drop_leave), self);
  g_signal_connect (target, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (target));

  GtkDragSource *source = gtk_drag_source_new ();
  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect (source, "prepare", G_CALLBACK (on_drag_prepare), self);
  g_signal_connect (source, "drag-end", G_CALLBACK (on_drag_end), self);
  g_signal_connect (source, "drag-cancel", G_CALLBACK (on_drag_cancel), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (source));

  g_signal_connect_swapped (adw_style_manager_get_default (), "notify::dark",
                            G_CALLBACK (gtk_widget_queue_draw), self);
}
