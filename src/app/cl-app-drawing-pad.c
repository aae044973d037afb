#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cl-app-drawing-pad.h"
#include "engine/input-image.h"
#include "render/render-input-pad.h"

struct _ClAppDrawingPad
{
  GtkWidget parent_instance;

  ClShape shape;
  float *pixels;          /* shape.c × h × w in [0, 1], or NULL before a shape */
  float ink, background;  /* the brush's value and what Clear fills with */
  double radius;          /* in input pixels */
  double scale;

  /* The stroke being drawn (input pixels) and the pointer, for the outline. */
  gboolean drawing;
  double start_x, start_y, last_x, last_y;
  gboolean hover;
  double hover_x, hover_y;
  gint64 stroke_time;
};

G_DEFINE_FINAL_TYPE (ClAppDrawingPad, cl_app_drawing_pad, GTK_TYPE_WIDGET)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
changed (ClAppDrawingPad *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[CHANGED], 0);
}

static gsize
n_values (const ClAppDrawingPad *self)
{
  return (gsize) self->shape.c * self->shape.h * self->shape.w;
}

void
cl_app_drawing_pad_to_input (ClAppDrawingPad *self, double x, double y, double *ix, double *iy)
{
  GtkWidget *widget = GTK_WIDGET (self);
  double ox, oy, cell;

  cl_render_input_pad_geometry (self->shape, gtk_widget_get_width (widget),
                                gtk_widget_get_height (widget), &ox, &oy, &cell);
  *ix = cell > 0 ? (x - ox) / cell : -1;
  *iy = cell > 0 ? (y - oy) / cell : -1;
}

/* One segment of the stroke, from the last point to widget point (x, y). */
static void
stroke_to (ClAppDrawingPad *self, double x, double y)
{
  double ix, iy;

  if (self->pixels == NULL)
    return;
  cl_app_drawing_pad_to_input (self, x, y, &ix, &iy);
  cl_input_stroke (self->pixels, self->shape, self->last_x, self->last_y, ix, iy, self->radius,
                   self->ink);
  self->last_x = self->hover_x = ix;
  self->last_y = self->hover_y = iy;
  self->stroke_time = g_get_monotonic_time ();
  changed (self);
}

static void
drag_begin (GtkGestureDrag *gesture, double x, double y, ClAppDrawingPad *self)
{
  double ix, iy;

  cl_app_drawing_pad_to_input (self, x, y, &ix, &iy);
  self->drawing = TRUE;
  self->start_x = x;
  self->start_y = y;
  self->last_x = ix;
  self->last_y = iy;
  self->hover = TRUE;
  /* A click alone leaves a dot. */
  stroke_to (self, x, y);
}

static void
drag_update (GtkGestureDrag *gesture, double dx, double dy, ClAppDrawingPad *self)
{
  if (self->drawing)
    stroke_to (self, self->start_x + dx, self->start_y + dy);
}

static void
drag_end (GtkGestureDrag *gesture, double dx, double dy, ClAppDrawingPad *self)
{
  drag_update (gesture, dx, dy, self);
  self->drawing = FALSE;
}

static void
motion (GtkEventControllerMotion *motion, double x, double y, ClAppDrawingPad *self)
{
  self->hover = TRUE;
  cl_app_drawing_pad_to_input (self, x, y, &self->hover_x, &self->hover_y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
leave (GtkEventControllerMotion *motion, ClAppDrawingPad *self)
{
  self->hover = FALSE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cl_app_drawing_pad_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  ClAppDrawingPad *self = CL_APP_DRAWING_PAD (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  if (self->pixels == NULL || width <= 0 || height <= 0)
    return;
  ClRenderInputPadOptions options = {
    .style = { .dark = adw_style_manager_get_dark (adw_style_manager_get_default ()),
               .transparent = TRUE, .scale = self->scale },
    .show_brush = self->hover,
    .brush_x = self->hover_x,
    .brush_y = self->hover_y,
    .brush_radius = self->radius,
  };
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cl_render_input_pad (cr, self->pixels, self->shape, &options, width, height);
  cairo_destroy (cr);
}

/* Large enough to draw on: at least 4 screen pixels per input pixel (a
 * 28×28 input: 112), and as wide as it is given height, up to 8 per
 * input pixel times the picture's scale (224, 336 when presenting), so
 * the maps beside it keep most of the width. */
static GtkSizeRequestMode
cl_app_drawing_pad_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_WIDTH_FOR_HEIGHT;
}

static void
cl_app_drawing_pad_measure (GtkWidget *widget, GtkOrientation orientation, int for_size,
                            int *minimum, int *natural, int *minimum_baseline,
                            int *natural_baseline)
{
  ClAppDrawingPad *self = CL_APP_DRAWING_PAD (widget);
  int side = MAX (MAX (self->shape.h, self->shape.w), 16);
  int largest = (int) (8 * side * MAX (self->scale, 1.0));

  *minimum = 4 * side;
  if (orientation == GTK_ORIENTATION_HORIZONTAL && for_size > 0)
    *natural = CLAMP (for_size, *minimum, largest);
  else
    *natural = MAX (*minimum, largest);
}

static void
cl_app_drawing_pad_finalize (GObject *object)
{
  ClAppDrawingPad *self = CL_APP_DRAWING_PAD (object);

  g_free (self->pixels);
  G_OBJECT_CLASS (cl_app_drawing_pad_parent_class)->finalize (object);
}

static void
cl_app_drawing_pad_class_init (ClAppDrawingPadClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = cl_app_drawing_pad_finalize;
  widget_class->snapshot = cl_app_drawing_pad_snapshot;
  widget_class->measure = cl_app_drawing_pad_measure;
  widget_class->get_request_mode = cl_app_drawing_pad_get_request_mode;
  gtk_widget_class_set_css_name (widget_class, "drawingpad");
  /* The image, a stroke, Clear, Invert or an opened file changed it. */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cl_app_drawing_pad_init (ClAppDrawingPad *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->ink = 1;
  self->background = 0;
  self->radius = 1.5;
  self->scale = 1;
  /* Mouse, touchpad, touch screen and stylus alike. */
  GtkGesture *drag = gtk_gesture_drag_new ();
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (drag));
  GtkEventController *hover = gtk_event_controller_motion_new ();
  g_signal_connect (hover, "motion", G_CALLBACK (motion), self);
  g_signal_connect (hover, "leave", G_CALLBACK (leave), self);
  gtk_widget_add_controller (widget, hover);
  gtk_widget_set_cursor_from_name (widget, "crosshair");
  gtk_widget_set_tooltip_text (widget, _("Draw here with the mouse, the touchpad or a stylus"));
}

GtkWidget *
cl_app_drawing_pad_new (void)
{
  return g_object_new (CL_APP_TYPE_DRAWING_PAD, NULL);
}

void
cl_app_drawing_pad_set_shape (ClAppDrawingPad *self, ClShape shape)
{
  g_return_if_fail (CL_APP_IS_DRAWING_PAD (self));
  g_return_if_fail (shape.c > 0 && shape.h > 0 && shape.w > 0);

  if (self->pixels != NULL && shape.c == self->shape.c && shape.h == self->shape.h
      && shape.w == self->shape.w)
    return;
  self->shape = shape;
  g_free (self->pixels);
  self->pixels = g_new (float, n_values (self));
  gtk_widget_queue_resize (GTK_WIDGET (self));
  cl_app_drawing_pad_clear (self);
}

const float *
cl_app_drawing_pad_get_pixels (ClAppDrawingPad *self, ClShape *shape)
{
  g_return_val_if_fail (CL_APP_IS_DRAWING_PAD (self), NULL);
  if (shape != NULL)
    *shape = self->shape;
  return self->pixels;
}

void
cl_app_drawing_pad_set_pixels (ClAppDrawingPad *self, const float *pixels)
{
  g_return_if_fail (CL_APP_IS_DRAWING_PAD (self) && self->pixels != NULL && pixels != NULL);
  for (gsize k = 0; k < n_values (self); k++)
    self->pixels[k] = CLAMP (pixels[k], 0.0f, 1.0f);
  changed (self);
}

void
cl_app_drawing_pad_clear (ClAppDrawingPad *self)
{
  g_return_if_fail (CL_APP_IS_DRAWING_PAD (self));
  if (self->pixels == NULL)
    return;
  for (gsize k = 0; k < n_values (self); k++)
    self->pixels[k] = self->background;
  changed (self);
}

void
cl_app_drawing_pad_invert (ClAppDrawingPad *self)
{
  g_return_if_fail (CL_APP_IS_DRAWING_PAD (self));
  self->ink = 1 - self->ink;
  self->background = 1 - self->background;
  if (self->pixels == NULL)
    return;
  cl_input_invert (self->pixels, n_values (self));
  changed (self);
}

void
cl_app_drawing_pad_set_radius (ClAppDrawingPad *self, double radius)
{
  g_return_if_fail (CL_APP_IS_DRAWING_PAD (self));
  self->radius = CLAMP (radius, CL_APP_DRAWING_PAD_MIN_RADIUS, CL_APP_DRAWING_PAD_MAX_RADIUS);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

double
cl_app_drawing_pad_get_radius (ClAppDrawingPad *self)
{
  g_return_val_if_fail (CL_APP_IS_DRAWING_PAD (self), 0);
  return self->radius;
}

void
cl_app_drawing_pad_set_scale (ClAppDrawingPad *self, double scale)
{
  g_return_if_fail (CL_APP_IS_DRAWING_PAD (self));
  if (scale == self->scale)
    return;
  self->scale = scale;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

gint64
cl_app_drawing_pad_get_stroke_time (ClAppDrawingPad *self)
{
  g_return_val_if_fail (CL_APP_IS_DRAWING_PAD (self), 0);
  return self->stroke_time;
}
