#define G_LOG_DOMAIN "convlab"

#include "config.h"

#include <glib/gi18n.h>

#include "cl-app-explorer-input.h"

struct _ClAppExplorerInput
{
  ClAppTraining *training;
  GtkWidget *source, *index;
  ClDataset *photos[2];   /* grey, colour: loaded when first chosen */
  ClDataset *drawing;     /* the user's image as a set of one */
  gulong drawing_handler; /* on the training's "user-input-changed" */
};

ClAppExplorerInput *
cl_app_explorer_input_new (ClAppTraining *training, GCallback changed, gpointer data)
{
  ClAppExplorerInput *input = g_new0 (ClAppExplorerInput, 1);
  const char *sources[] = { _("Test images of the data"), _("Photos, grey"), _("Photos, colour"),
                            _("Your drawing (Activations panel)"), NULL };

  input->training = g_object_ref (training);
  input->source = g_object_ref_sink (gtk_drop_down_new_from_strings (sources));
  gtk_widget_set_name (input->source, "input");
  gtk_widget_set_tooltip_text (input->source, _("The images to work on"));
  input->index = g_object_ref_sink (gtk_spin_button_new_with_range (1, 1, 1));
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (input->index), TRUE);
  gtk_widget_set_name (input->index, "image");
  gtk_widget_set_tooltip_text (input->index, _("Which image of the test part"));
  /* Before any data is loaded, the photos show something at once. */
  if (cl_app_training_get_data (training) == NULL)
    gtk_drop_down_set_selected (GTK_DROP_DOWN (input->source), CL_APP_EXPLORER_INPUT_PHOTOS_GREY);
  g_signal_connect_swapped (input->source, "notify::selected", changed, data);
  g_signal_connect_swapped (input->index, "value-changed", changed, data);
  /* A new stroke is a new image to explain. */
  input->drawing_handler = g_signal_connect_swapped (training, "user-input-changed", changed, data);
  return input;
}

void
cl_app_explorer_input_free (ClAppExplorerInput *input)
{
  if (input == NULL)
    return;
  /* The explorer may have dropped all its handlers on the training first. */
  if (g_signal_handler_is_connected (input->training, input->drawing_handler))
    g_signal_handler_disconnect (input->training, input->drawing_handler);
  g_object_unref (input->training);
  g_object_unref (input->source);
  g_object_unref (input->index);
  g_clear_pointer (&input->photos[0], cl_dataset_unref);
  g_clear_pointer (&input->photos[1], cl_dataset_unref);
  g_clear_pointer (&input->drawing, cl_dataset_unref);
  g_free (input);
}

GtkWidget *
cl_app_explorer_input_get_source (ClAppExplorerInput *input)
{
  return input->source;
}

GtkWidget *
cl_app_explorer_input_get_index (ClAppExplorerInput *input)
{
  return input->index;
}

void
cl_app_explorer_input_set_kind (ClAppExplorerInput *input, ClAppExplorerInputKind kind)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (input->source), kind);
}

static ClDataset *
photos (ClAppExplorerInput *input, gboolean colour)
{
  if (input->photos[colour] == NULL)
    {
      g_autoptr(GError) error = NULL;
      /* About 0.1 s, once: the first time Photos is chosen. */
      input->photos[colour] = cl_dataset_load_photos (colour, &error);
      if (error != NULL)
        g_warning ("%s", error->message);
    }
  return input->photos[colour];
}

/* The pad's image as it is now (NULL until "Your drawing" was chosen in
 * the Activations panel). */
static ClDataset *
drawing (ClAppExplorerInput *input)
{
  int c, h, w;
  const float *pixels = cl_app_training_get_user_input (input->training, &c, &h, &w);

  g_clear_pointer (&input->drawing, cl_dataset_unref);
  if (pixels != NULL)
    input->drawing = cl_dataset_new_single (pixels, c, h, w, NULL);
  return input->drawing;
}

const float *
cl_app_explorer_input_get_image (ClAppExplorerInput *input, ClDataset **out)
{
  ClDataset *data = NULL;
  switch (gtk_drop_down_get_selected (GTK_DROP_DOWN (input->source)))
    {
    case CL_APP_EXPLORER_INPUT_DATA:
      data = cl_app_training_get_data (input->training);
      break;
    case CL_APP_EXPLORER_INPUT_PHOTOS_GREY:
      data = photos (input, FALSE);
      break;
    case CL_APP_EXPLORER_INPUT_DRAWING:
      data = drawing (input);
      break;
    default:
      data = photos (input, TRUE);
      break;
    }
  *out = data;
  if (data == NULL || data->height < 2 || data->width < 2)
    return NULL;
  ClDatasetPart part = data->n_test > 0 ? CL_DATASET_TEST : CL_DATASET_TRAIN;
  guint n = cl_dataset_get_n (data, part);
  if (n == 0)
    return NULL;
  /* Blocked: setting the range may clamp the value, which is no choice. */
  g_signal_handlers_block_matched (input->index, G_SIGNAL_MATCH_ID,
                                   g_signal_lookup ("value-changed", GTK_TYPE_SPIN_BUTTON), 0,
                                   NULL, NULL, NULL);
  gtk_spin_button_set_range (GTK_SPIN_BUTTON (input->index), 1, n);
  g_signal_handlers_unblock_matched (input->index, G_SIGNAL_MATCH_ID,
                                     g_signal_lookup ("value-changed", GTK_TYPE_SPIN_BUTTON), 0,
                                     NULL, NULL, NULL);
  guint i = (guint) gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (input->index)) - 1;
  return cl_dataset_get_sample (data, part, MIN (i, n - 1));
}
