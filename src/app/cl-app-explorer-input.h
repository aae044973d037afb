/* cl-app-explorer-input.h — the images the Convolution, Pooling and
 * Kernels explorers work on: the test images of the design's data, the
 * embedded photos in grey or colour, or the image drawn (or opened) in the
 * Activations panel.  One drop-down and one spin button,
 * the same in the three explorers. */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-training.h"
#include "engine/dataset.h"

G_BEGIN_DECLS

typedef enum {
  CL_APP_EXPLORER_INPUT_DATA,
  CL_APP_EXPLORER_INPUT_PHOTOS_GREY,
  CL_APP_EXPLORER_INPUT_PHOTOS_COLOUR,
  CL_APP_EXPLORER_INPUT_DRAWING,   /* the Activations panel's pad or opened image */
} ClAppExplorerInputKind;

typedef struct _ClAppExplorerInput ClAppExplorerInput;

/* `changed` is called when the user picks another source or image. */
ClAppExplorerInput *cl_app_explorer_input_new        (ClAppTraining *training, GCallback changed,
                                                      gpointer data);
void                cl_app_explorer_input_free       (ClAppExplorerInput *input);
/* The drop-down ("input") and the spin button ("image"), labelled. */
GtkWidget          *cl_app_explorer_input_get_source (ClAppExplorerInput *input);
GtkWidget          *cl_app_explorer_input_get_index  (ClAppExplorerInput *input);
void                cl_app_explorer_input_set_kind   (ClAppExplorerInput *input,
                                                      ClAppExplorerInputKind kind);
/* The chosen image (sample_size floats, borrowed until the next call) and
 * the set it comes from; NULL when the source has no image (the data still
 * loading).  Sets the spin button's range to the source's images. */
const float        *cl_app_explorer_input_get_image  (ClAppExplorerInput *input, ClDataset **data);

G_END_DECLS
