/* cl-app-explorer-pooling.c — pooling on real numbers.  The region's
 * values go through the engine's MaxPool2D or AvgPool2D (cl_pool_explain):
 * its forward gives the output, its backward, fed a gradient of 1, 2, 3 …
 * per output pixel (distinct, so the eye can follow each one), gives what
 * each input receives. */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "cl-app-explorer-input.h"
#include "cl-app-explorer.h"
#include "cl-app-explorer-picture.h"
#include "cl-app-explorer-pooling.h"
#include "engine/conv-explain.h"
#include "render/render-pool-explain.h"

#define REGION 8
#define HALF   (REGION / 2)

struct _ClAppExplorerPooling
{
  GtkWidget parent_instance;

  ClAppTraining *training;
  ClAppExplorerInput *images;
  GtkWidget *box, *picture, *kind_drop, *backward;

  float *image;                   /* one channel of the chosen image */
  int image_h, image_w;
  int region_y, region_x;
  float x[REGION * REGION], y[HALF * HALF], dout[HALF * HALF], din[REGION * REGION];
  int oy, ox;
  char *why;
};

G_DEFINE_FINAL_TYPE_WITH_CODE (ClAppExplorerPooling, cl_app_explorer_pooling, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (CL_APP_TYPE_EXPLORER,
                                                      cl_app_explorer_picture_iface_init))

static void
fill_options (ClAppExplorerPooling *self, const ClRenderStyle *style, ClRenderPoolExplainOptions *o)
{
  cl_render_pool_explain_options_init (o);
  o->style = *style;
  o->message = self->why;
  if (self->why != NULL)
    return;
  o->image = self->image;
  o->image_h = self->image_h;
  o->image_w = self->image_w;
  o->region_y = self->region_y;
  o->region_x = self->region_x;
  o->size = REGION;
  o->x = self->x;
  o->y = self->y;
  o->dout = self->dout;
  o->din = self->din;
  o->average = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kind_drop)) == 1;
  o->backward = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->backward));
  o->oy = self->oy;
  o->ox = self->ox;
}

/* The picture's draw function: on screen and for Export PNG. */
static gboolean
draw (cairo_t *cr, const ClRenderStyle *style, int width, int height, gpointer data)
{
  ClRenderPoolExplainOptions o;
  fill_options (data, style, &o);
  return cl_render_pool_explain (cr, &o, width, height);
}

static void
compute (ClAppExplorerPooling *self)
{
  ClDataset *data = NULL;
  const float *image = cl_app_explorer_input_get_image (self->images, &data);
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->why, g_free);
  g_clear_pointer (&self->image, g_free);
  if (image == NULL || data->height < REGION || data->width < REGION)
    {
      self->why = g_strdup (_("No images yet: the data is still loading, or its images are "
                              "smaller than 8×8. Choose the photos as the input."));
      goto out;
    }
  /* Pooling works channel by channel: the first one is shown. */
  self->image_h = (int) data->height;
  self->image_w = (int) data->width;
  self->image = g_memdup2 (image, sizeof (float) * self->image_h * self->image_w);
  self->region_y = CLAMP (self->region_y, 0, self->image_h - REGION);
  self->region_x = CLAMP (self->region_x, 0, self->image_w - REGION);
  for (int i = 0; i < REGION; i++)
    memcpy (self->x + i * REGION, self->image + (self->region_y + i) * self->image_w + self->region_x,
            sizeof (float) * REGION);
  for (int i = 0; i < HALF * HALF; i++)
    self->dout[i] = (float) (i + 1);
  gboolean average = gtk_drop_down_get_selected (GTK_DROP_DOWN (self->kind_drop)) == 1;
  if (!cl_pool_explain (average ? "AvgPool2D" : "MaxPool2D", 2, 2, self->x, REGION, REGION,
                        self->y, self->dout, self->din, &error))
    self->why = g_strdup (error->message);
out:
  cl_app_explorer_picture_redraw (CL_APP_EXPLORER_PICTURE (self->picture));
}

static void
pressed (GtkGestureClick *gesture, int n_press, double x, double y, ClAppExplorerPooling *self)
{
  ClRenderPoolExplainOptions o;
  ClRenderStyle style;
  int w = gtk_widget_get_width (self->picture), h = gtk_widget_get_height (self->picture);
  int a, b;

  cl_app_explorer_picture_get_style (CL_APP_EXPLORER_PICTURE (self->picture), &style);
  fill_options (self, &style, &o);
  if (cl_render_pool_explain_hit_output (&o, w, h, x, y, &a, &b))
    {
      self->oy = a;
      self->ox = b;
      cl_app_explorer_picture_redraw (CL_APP_EXPLORER_PICTURE (self->picture));
    }
  else if (cl_render_pool_explain_hit_image (&o, w, h, x, y, &a, &b))
    {
      /* The region centred on the click, on even pixels as the layer's
       * windows are. */
      self->region_y = (a - HALF) & ~1;
      self->region_x = (b - HALF) & ~1;
      compute (self);
    }
}

static void
changed (ClAppExplorerPooling *self)
{
  compute (self);
}

static void
snapshot_changed (ClAppExplorerPooling *self)
{
  /* The data arrives with the first trainer. */
  if (self->why != NULL)
    compute (self);
}

static GtkWidget *
controls_new (ClAppExplorerPooling *self)
{
  GtkWidget *flow = cl_app_explorer_controls_new (6);

  self->images = cl_app_explorer_input_new (self->training, G_CALLBACK (changed), self);
  cl_app_explorer_controls_add (flow, _("_Input"), cl_app_explorer_input_get_source (self->images),
                                NULL);
  cl_app_explorer_controls_add (flow, _("I_mage"), cl_app_explorer_input_get_index (self->images),
                                NULL);
  const char *kinds[] = { _("Max pooling"), _("Average pooling"), NULL };
  self->kind_drop = gtk_drop_down_new_from_strings (kinds);
  gtk_widget_set_name (self->kind_drop, "pooling");
  cl_app_explorer_controls_add (flow, _("_Pooling"), self->kind_drop,
                                _("Keep the largest of each 2×2 window, or their mean"));
  self->backward = gtk_toggle_button_new_with_mnemonic (_("_Backward"));
  gtk_widget_set_name (self->backward, "backward");
  gtk_widget_set_tooltip_text (self->backward, _("Show where the gradient goes on the way back"));
  gtk_flow_box_append (GTK_FLOW_BOX (flow), self->backward);
  g_signal_connect_swapped (self->kind_drop, "notify::selected", G_CALLBACK (changed), self);
  return flow;
}

static void
backward_toggled (ClAppExplorerPooling *self)
{
  cl_app_explorer_picture_redraw (CL_APP_EXPLORER_PICTURE (self->picture));
}

static void
cl_app_explorer_pooling_dispose (GObject *object)
{
  ClAppExplorerPooling *self = CL_APP_EXPLORER_POOLING (object);

  if (self->training != NULL)
    g_signal_handlers_disconnect_by_data (self->training, self);
  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_object (&self->training);
  G_OBJECT_CLASS (cl_app_explorer_pooling_parent_class)->dispose (object);
}

static void
cl_app_explorer_pooling_finalize (GObject *object)
{
  ClAppExplorerPooling *self = CL_APP_EXPLORER_POOLING (object);

  g_clear_pointer (&self->images, cl_app_explorer_input_free);
  g_free (self->image);
  g_free (self->why);
  G_OBJECT_CLASS (cl_app_explorer_pooling_parent_class)->finalize (object);
}

static void
cl_app_explorer_pooling_class_init (ClAppExplorerPoolingClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cl_app_explorer_pooling_dispose;
  G_OBJECT_CLASS (klass)->finalize = cl_app_explorer_pooling_finalize;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
cl_app_explorer_pooling_init (ClAppExplorerPooling *self)
{
  /* A window explained from the start: the picture is never half empty. */
  self->oy = 1;
  self->ox = 2;
  self->region_y = 10;
  self->region_x = 10;
}

GtkWidget *
cl_app_explorer_pooling_new (ClAppDocument *document, ClAppTraining *training)
{
  ClAppExplorerPooling *self = g_object_new (CL_APP_TYPE_EXPLORER_POOLING, NULL);

  self->training = g_object_ref (training);
  self->box = cl_app_explorer_page_new (GTK_WIDGET (self));
  gtk_box_append (GTK_BOX (self->box), controls_new (self));
  g_signal_connect_swapped (self->backward, "toggled", G_CALLBACK (backward_toggled), self);

  self->picture = cl_app_explorer_picture_new (draw, self);
  gtk_widget_set_name (self->picture, "picture");
  GtkGesture *click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (pressed), self);
  gtk_widget_add_controller (self->picture, GTK_EVENT_CONTROLLER (click));
  gtk_box_append (GTK_BOX (self->box), self->picture);
  g_signal_connect_swapped (training, "snapshot-changed", G_CALLBACK (snapshot_changed), self);
  compute (self);
  return GTK_WIDGET (self);
}

gboolean
cl_app_explorer_pooling_get_pixel (ClAppExplorerPooling *self, int *oy, int *ox, float *value,
                                   float *grad, float window[4], float sent[4])
{
  g_return_val_if_fail (CL_APP_IS_EXPLORER_POOLING (self), FALSE);
  if (self->why != NULL || self->oy < 0)
    return FALSE;
  *oy = self->oy;
  *ox = self->ox;
  *value = self->y[self->oy * HALF + self->ox];
  *grad = self->dout[self->oy * HALF + self->ox];
  for (int i = 0; i < 4; i++)
    {
      int at = (2 * self->oy + i / 2) * REGION + 2 * self->ox + i % 2;
      window[i] = self->x[at];
      sent[i] = self->din[at];
    }
  return TRUE;
}

gboolean
cl_app_explorer_pooling_locate (ClAppExplorerPooling *self, int oy, int ox, GtkWidget **picture,
                                double *x, double *y)
{
  ClRenderPoolExplainOptions o;
  ClRenderStyle style;
  ClPoolExplainLayout l;

  g_return_val_if_fail (CL_APP_IS_EXPLORER_POOLING (self), FALSE);
  cl_app_explorer_picture_get_style (CL_APP_EXPLORER_PICTURE (self->picture), &style);
  fill_options (self, &style, &o);
  if (!cl_render_pool_explain_layout (&o, gtk_widget_get_width (self->picture),
                                      gtk_widget_get_height (self->picture), &l))
    return FALSE;
  *picture = self->picture;
  *x = l.out_x + (ox + 0.5) * l.out_cell;
  *y = l.out_y + (oy + 0.5) * l.out_cell;
  return TRUE;
}
