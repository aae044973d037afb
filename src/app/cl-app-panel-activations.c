/* cl-app-panel-activations.c — one input followed through every layer,
 * ending with the prediction.  Two sources, chosen by a toggle:
 *
 * - Test images: previous / next / random choose one among the whole test
 *   set (cl-app-panel-stepper.c), and the trainer makes it its first probe
 *   (cl_app_training_set_probe).
 * - Your drawing: a pad at the network's input size (cl-app-drawing-pad.c)
 *   or an opened image file, normalised as the data was (input-image.h)
 *   and handed to ClAppTraining as the user's input, which other views
 *   (the convolution explainer) read too.
 *
 * The drawing goes through the network here, on the main thread, not in
 * the trainer's worker: a private copy of the network (ClNet at batch 1)
 * runs one forward per change.  The worker is busy with training steps
 * and carries out commands between them, so a probe queued there would
 * wait for a step (tens of milliseconds for LeNet-5 at batch 64 on a busy
 * machine), and a model opened from a file has no trainer at all; a
 * forward of LeNet-5 at batch 1 takes 0.03 ms, so the picture follows the
 * pen within the next frame without a thread, a lock or a queue.  The
 * copy is compiled once per design (milliseconds) and takes each new
 * snapshot's weights by a copy (cl_net_load_snapshot), so the answer is
 * the network's as it trains and a snapshot every 33 ms costs nothing.
 * bench/drawing-latency.sh measures pointer event to picture painted:
 * median 7 ms (max 19) at rest, 15 ms (max 32) while LeNet-5 trains at
 * full speed on the same 2 cores, at load average 11; at load average 25
 * (a dozen times more work than cores) 28 and 59 ms: the waiting is for
 * the CPU, the drawing's own work is 0.05 ms.
 */
#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "cl-app-drawing-pad.h"
#include "cl-app-panels.h"
#include "cl-app-spin.h"
#include "engine/input-image.h"
#include "engine/snapshot-net.h"
#include "render/render-activations.h"

typedef struct {
  ClRenderActivationsOptions options;
  ClAppSnapshotView *view;
  ClAppTraining *training;   /* the view's, held: its handlers go with the panel */
  GtkWidget *stepper;        /* which test image */
  GtkWidget *tests_button, *drawing_button;
  GtkWidget *pad, *pad_controls, *radius_spin;

  /* The drawing through the network: a private copy of the network with
   * the weights of snapshot `net_version`, and what it made of the user's
   * input (stale when the input changed since). */
  ClNet *net;
  guint64 net_version;
  ClSnapshot *user;
  gboolean user_stale;
  char *user_error;
  ClDataset *normalised_for;   /* the data whose normalisation the input has (not a ref) */
} Activations;

static void
activations_free (Activations *a)
{
  g_signal_handlers_disconnect_by_data (a->training, a);
  g_object_unref (a->training);
  g_clear_pointer (&a->net, cl_net_free);
  g_clear_pointer (&a->user, cl_snapshot_unref);
  g_free (a->user_error);
  g_free (a);
}

static gboolean
drawing (const Activations *a)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (a->drawing_button));
}

/* The user's input through the network of `s`: rebuilt when either
 * changed; NULL (and user_error) when it cannot be.  The private network
 * takes each new snapshot's weights by a copy, and is compiled again only
 * for another design. */
static const ClSnapshot *
user_snapshot (Activations *a, const ClSnapshot *s)
{
  int c, h, w;
  const float *x = cl_app_training_get_user_input (a->training, &c, &h, &w);
  ClShape in = cl_net_spec_get_input (s->spec);
  g_autoptr(GError) error = NULL;

  if (a->user != NULL && !a->user_stale && a->net != NULL && a->net_version == s->version)
    return a->user;
  g_clear_pointer (&a->user, cl_snapshot_unref);
  g_clear_pointer (&a->user_error, g_free);
  a->user_stale = FALSE;
  if (x == NULL || c != in.c || h != in.h || w != in.w)
    return NULL;
  if (a->net != NULL && a->net_version != s->version && !cl_net_load_snapshot (a->net, s))
    g_clear_pointer (&a->net, cl_net_free);
  if (a->net == NULL)
    a->net = cl_net_new_from_snapshot (s, 1, &error);
  a->net_version = s->version;
  if (a->net != NULL)
    a->user = cl_snapshot_new_from_input_eval (a->net, x, s->n_classes, &error);
  if (a->user == NULL)
    a->user_error = g_strdup (error->message);
  return a->user;
}

static gboolean
render (cairo_t *cr, const ClSnapshot *snapshot, const ClRenderStyle *style, int width,
        int height, gpointer data)
{
  Activations *a = data;
  ClRenderActivationsOptions options = a->options;
  ClDataset *dataset = cl_app_training_get_data (a->training);

  options.style = *style;
  if (dataset != NULL && dataset->n_classes == (guint) snapshot->n_classes)
    options.class_names = (const char * const *) dataset->class_names;
  options.probe = 0;   /* the chosen image, once the trainer has it; the drawing */
  if (drawing (a))
    {
      const ClSnapshot *user = user_snapshot (a, snapshot);
      if (user == NULL && a->user_error != NULL)
        g_warning ("%s", a->user_error);
      return cl_render_activations (cr, user, &options, width, height);
    }
  return cl_render_activations (cr, snapshot, &options, width, height);
}

/* What the picture shows now: the test image's snapshot or the drawing's. */
static const ClSnapshot *
shown_snapshot (Activations *a)
{
  const ClSnapshot *s = cl_app_snapshot_view_get_snapshot (a->view);
  return s != NULL && drawing (a) ? user_snapshot (a, s) : s;
}

const ClSnapshot *
cl_app_panel_activations_get_shown (GtkWidget *panel)
{
  Activations *a = g_object_get_data (G_OBJECT (panel), "cl-activations");

  g_return_val_if_fail (a != NULL, NULL);
  return shown_snapshot (a);
}

/* Any image of the test set (of the training set without one). */
static int
count_images (const ClSnapshot *snapshot)
{
  return (int) MIN (snapshot->n_probe_pool, (guint) G_MAXINT);
}

static void
image_chosen (int index, gpointer data)
{
  Activations *a = data;
  cl_app_training_set_probe (a->training, (guint) index);
}

/* A click on a map shows it large with its values; another goes back. */
static void
pressed (GtkGestureClick *gesture, int n_press, double x, double y, Activations *a)
{
  const ClSnapshot *s = shown_snapshot (a);
  GtkWidget *widget = GTK_WIDGET (a->view);
  int layer, map;

  if (s == NULL)
    return;
  a->options.probe = 0;   /* the one on screen */
  cl_app_snapshot_view_get_style (a->view, &a->options.style);
  if (a->options.layer >= 0)
    a->options.layer = a->options.map = -1;
  else if (cl_render_activations_hit (s, &a->options, gtk_widget_get_width (widget),
                                      gtk_widget_get_height (widget), x, y, &layer, &map))
    {
      a->options.layer = layer;
      a->options.map = map;
    }
  cl_app_snapshot_view_redraw (a->view);
}

/* The pad's image as the network takes it, to ClAppTraining. */
static void
pad_changed (Activations *a)
{
  ClShape shape;
  const float *pixels = cl_app_drawing_pad_get_pixels (CL_APP_DRAWING_PAD (a->pad), &shape);
  ClDataset *data = cl_app_training_get_data (a->training);

  /* Nothing to give before the user first chose to draw: other views
   * (the convolution explainer) then have no user input, not a blank one. */
  if (pixels == NULL
      || (!drawing (a) && cl_app_training_get_user_input (a->training, NULL, NULL, NULL) == NULL))
    return;
  gsize n = (gsize) shape.c * shape.h * shape.w;
  g_autofree float *x = g_memdup2 (pixels, n * sizeof (float));
  cl_input_normalise (x, shape, data != NULL ? data->norm : CL_DATASET_NORM_UNIT, data);
  a->normalised_for = data;
  cl_app_training_set_user_input (a->training, x, shape.c, shape.h, shape.w);
}

static void
user_input_changed (Activations *a)
{
  a->user_stale = TRUE;
  if (drawing (a))
    cl_app_snapshot_view_redraw (a->view);
}

/* A new snapshot: the pad follows the network's input (a new design may
 * take another size), and "Your drawing" needs a network that takes images. */
static void
snapshot_changed (Activations *a)
{
  const ClSnapshot *s = cl_app_snapshot_view_get_snapshot (a->view);
  ClShape in = s != NULL ? cl_net_spec_get_input (s->spec) : (ClShape) { 0, 0, 0 };
  gboolean images = s != NULL && cl_input_check_image_shape (in, NULL);

  /* Every snapshot (30 a second while training) comes here: touch the
   * button only when its state changes. */
  const char *tooltip = images || s == NULL
                          ? _("Draw an input or open an image, and see what the network makes of it")
                          : _("This network takes no images");
  if (gtk_widget_get_sensitive (a->drawing_button) != images)
    gtk_widget_set_sensitive (a->drawing_button, images);
  if (g_strcmp0 (gtk_widget_get_tooltip_text (a->drawing_button), tooltip) != 0)
    gtk_widget_set_tooltip_text (a->drawing_button, tooltip);
  if (!images)
    {
      if (s != NULL)
        {
          gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (a->tests_button), TRUE);
          /* A drawing is no input of this network. */
          if (cl_app_training_get_user_input (a->training, NULL, NULL, NULL) != NULL)
            cl_app_training_set_user_input (a->training, NULL, 0, 0, 0);
        }
      return;
    }
  ClShape shape;
  const float *pixels = cl_app_drawing_pad_get_pixels (CL_APP_DRAWING_PAD (a->pad), &shape);
  if (pixels == NULL || shape.c != in.c || shape.h != in.h || shape.w != in.w)
    cl_app_drawing_pad_set_shape (CL_APP_DRAWING_PAD (a->pad), in);   /* emits changed */
  else if (a->normalised_for != cl_app_training_get_data (a->training))
    pad_changed (a);   /* other data, maybe another normalisation */
}

static void
mode_toggled (Activations *a)
{
  gboolean d = drawing (a);

  gtk_widget_set_visible (a->stepper, !d);
  gtk_widget_set_visible (a->pad_controls, d);
  gtk_widget_set_visible (a->pad, d);
  a->options.layer = a->options.map = -1;
  if (d && cl_app_training_get_user_input (a->training, NULL, NULL, NULL) == NULL)
    pad_changed (a);
  cl_app_snapshot_view_redraw (a->view);
}

static void
radius_changed (GtkSpinButton *spin, Activations *a)
{
  cl_app_drawing_pad_set_radius (CL_APP_DRAWING_PAD (a->pad), gtk_spin_button_get_value (spin));
}

static void
toast (Activations *a, const char *message)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (a->view), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  if (overlay == NULL)
    {
      g_warning ("%s", message);
      return;
    }
  AdwToast *t = adw_toast_new (escaped);
  adw_toast_set_timeout (t, 6);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), t);
}

gboolean
cl_app_panel_activations_open_image (GtkWidget *panel, GFile *file, gboolean invert)
{
  Activations *a = g_object_get_data (G_OBJECT (panel), "cl-activations");
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;
  ClShape shape;

  g_return_val_if_fail (a != NULL, FALSE);
  if (cl_app_drawing_pad_get_pixels (CL_APP_DRAWING_PAD (a->pad), &shape) == NULL)
    {
      toast (a, _("Press Play or Step first: the image goes through the network being trained."));
      return FALSE;
    }
  if (path == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *message = g_strdup_printf (_("“%s” is not a local file."), name);
      toast (a, message);
      return FALSE;
    }
  g_autofree float *pixels = g_new (float, (gsize) shape.c * shape.h * shape.w);
  if (!cl_input_load_image (shape, path, pixels, &error))
    {
      toast (a, error->message);
      return FALSE;
    }
  if (invert)
    cl_input_invert (pixels, (gsize) shape.c * shape.h * shape.w);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (a->drawing_button), TRUE);
  cl_app_drawing_pad_set_pixels (CL_APP_DRAWING_PAD (a->pad), pixels);
  return TRUE;
}

static void
image_chosen_in_dialog (GtkNativeDialog *dialog, int response, GtkWidget *panel)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      const char *invert = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (dialog), "invert");
      if (file != NULL)
        cl_app_panel_activations_open_image (panel, file, g_strcmp0 (invert, "true") == 0);
    }
  g_object_unref (dialog);
}

static void
open_clicked (GtkWidget *panel)
{
  GtkRoot *root = gtk_widget_get_root (panel);
  GtkFileChooserNative *dialog =
    gtk_file_chooser_native_new (_("Open Image"), GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), NULL);
  g_autoptr(GtkFileFilter) images = gtk_file_filter_new ();

  gtk_file_filter_set_name (images, _("Images"));
  gtk_file_filter_add_pixbuf_formats (images);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (dialog), images);
  /* The command line's --invert. */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (dialog), "invert",
                               _("Invert: light for dark, for a photo on white"), NULL, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  g_signal_connect (dialog, "response", G_CALLBACK (image_chosen_in_dialog), panel);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static GtkWidget *
labelled_button (const char *icon, const char *label, const char *tooltip)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *content = adw_button_content_new ();

  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), icon);
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), label);
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_button_set_child (GTK_BUTTON (button), content);
  gtk_widget_set_tooltip_text (button, tooltip);
  return button;
}

/* Brush size, Clear, Invert, Open image…: shown while drawing. */
static GtkWidget *
pad_controls_new (Activations *a, GtkWidget *panel)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Brush"));

  a->radius_spin = gtk_spin_button_new_with_range (CL_APP_DRAWING_PAD_MIN_RADIUS,
                                                   CL_APP_DRAWING_PAD_MAX_RADIUS, 0.5);
  gtk_spin_button_set_digits (GTK_SPIN_BUTTON (a->radius_spin), 1);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (a->radius_spin),
                             cl_app_drawing_pad_get_radius (CL_APP_DRAWING_PAD (a->pad)));
  cl_app_spin_button_localize (GTK_SPIN_BUTTON (a->radius_spin));
  gtk_widget_set_tooltip_text (a->radius_spin, _("The brush’s radius, in the input’s pixels"));
  gtk_widget_set_name (a->radius_spin, "brush");
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), a->radius_spin);
  g_signal_connect (a->radius_spin, "value-changed", G_CALLBACK (radius_changed), a);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), a->radius_spin);

  GtkWidget *clear = labelled_button ("edit-clear-symbolic", _("_Clear"), _("Start again from a blank image"));
  gtk_widget_set_name (clear, "clear");
  g_signal_connect_swapped (clear, "clicked", G_CALLBACK (cl_app_drawing_pad_clear), a->pad);
  gtk_box_append (GTK_BOX (box), clear);
  GtkWidget *invert = gtk_button_new_with_mnemonic (_("_Invert"));
  gtk_widget_set_tooltip_text (invert, _("Light for dark: the image and the brush"));
  gtk_widget_set_name (invert, "invert");
  g_signal_connect_swapped (invert, "clicked", G_CALLBACK (cl_app_drawing_pad_invert), a->pad);
  gtk_box_append (GTK_BOX (box), invert);
  GtkWidget *open = labelled_button ("document-open-symbolic", _("_Open Image…"),
                                     _("An image file as the input, scaled to the network’s size"));
  g_signal_connect_swapped (open, "clicked", G_CALLBACK (open_clicked), panel);
  gtk_box_append (GTK_BOX (box), open);
  return box;
}

GtkWidget *
cl_app_panel_activations_new (ClAppTraining *training)
{
  GtkWidget *panel = cl_app_picture_panel_new (
    training, "activations.png",
    _("The output of every layer for a test image appears here, ending with the prediction "
      "and its probabilities: press Play or Step."));
  Activations *a = g_new0 (Activations, 1);

  cl_render_activations_options_init (&a->options);
  a->view = cl_app_picture_panel_get_view (CL_APP_PICTURE_PANEL (panel));
  a->training = g_object_ref (training);
  /* The panel owns the options: the signals below live as long as it. */
  g_object_set_data_full (G_OBJECT (panel), "cl-activations", a,
                          (GDestroyNotify) activations_free);
  cl_app_snapshot_view_set_render_func (a->view, render, a, NULL);

  /* Test images | Your drawing */
  GtkWidget *modes = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (modes, "linked");
  a->tests_button = gtk_toggle_button_new_with_label (_("Test images"));
  a->drawing_button = gtk_toggle_button_new_with_label (_("Your drawing"));
  gtk_widget_set_name (a->tests_button, "test-images");
  gtk_widget_set_name (a->drawing_button, "your-drawing");
  gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (a->drawing_button),
                               GTK_TOGGLE_BUTTON (a->tests_button));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (a->tests_button), TRUE);
  gtk_box_append (GTK_BOX (modes), a->tests_button);
  gtk_box_append (GTK_BOX (modes), a->drawing_button);
  cl_app_picture_panel_add_control (CL_APP_PICTURE_PANEL (panel), modes);

  a->stepper = cl_app_panel_stepper_new (a->view, count_images, _("Previous test image"),
                                         _("Next test image"), _("A random test image"));
  cl_app_panel_stepper_set_chosen_func (a->stepper, image_chosen, a);
  cl_app_picture_panel_add_control (CL_APP_PICTURE_PANEL (panel), a->stepper);

  a->pad = cl_app_drawing_pad_new ();
  gtk_widget_set_visible (a->pad, FALSE);
  cl_app_picture_panel_add_beside (CL_APP_PICTURE_PANEL (panel), a->pad);
  a->pad_controls = pad_controls_new (a, panel);
  gtk_widget_set_visible (a->pad_controls, FALSE);
  cl_app_picture_panel_add_control (CL_APP_PICTURE_PANEL (panel), a->pad_controls);

  g_signal_connect_swapped (a->drawing_button, "toggled", G_CALLBACK (mode_toggled), a);
  g_signal_connect_swapped (a->pad, "changed", G_CALLBACK (pad_changed), a);
  g_signal_connect_swapped (training, "user-input-changed", G_CALLBACK (user_input_changed), a);
  g_signal_connect_swapped (training, "snapshot-changed", G_CALLBACK (snapshot_changed), a);
  GtkGesture *click = gtk_gesture_click_new ();
  g_signal_connect (click, "pressed", G_CALLBACK (pressed), a);
  gtk_widget_add_controller (GTK_WIDGET (a->view), GTK_EVENT_CONTROLLER (click));
  snapshot_changed (a);   /* drawing needs a network that takes images */
  return panel;
}
