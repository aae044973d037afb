/* The edited design's state as its listeners see it (no display needed,
 * but it is the window's code, so it lives with the UI tests). */
#include "config.h"

#include "cl-app-document.h"

typedef struct
{
  int notified;
  int out_channels;
} Seen;

/* What the canvas does on notify::selected: lay out the design with its
 * layer info (cl-app-network-canvas.c, on_selected_changed). */
static void
on_selected (ClAppDocument *document, GParamSpec *pspec, Seen *seen)
{
  int i = cl_app_document_get_selected (document);

  seen->notified++;
  g_assert_cmpint (i, <, cl_app_document_get_n_layers (document));
  seen->out_channels = i >= 0 ? cl_app_document_get_layer_info (document)[i].out.c : -1;
}

/* The selection moves to the layer an edit touched; when that is said,
 * the layer info is already the new design's.  It was the old design's
 * (one entry shorter after an insertion): the canvas read past its end
 * (AddressSanitizer, heap-buffer-overflow in render-network-layout.c). */
static void
test_selection_follows_shapes (void)
{
  g_autoptr(ClAppDocument) document = cl_app_document_new ();
  Seen seen = { 0 };

  g_signal_connect (document, "notify::selected", G_CALLBACK (on_selected), &seen);
  cl_app_document_set_input (document, 2, 1, 1);
  g_assert_true (cl_app_document_insert_layer (document, 0, "Dense"));
  g_assert_cmpint (seen.notified, ==, 1);
  g_assert_cmpint (seen.out_channels, ==, cl_app_document_get_layer_info (document)[0].out.c);
  g_assert_cmpint (seen.out_channels, >, 0);

  g_assert_true (cl_app_document_insert_layer (document, 1, "ReLU"));
  g_assert_cmpint (seen.notified, ==, 2);
  g_assert_cmpint (seen.out_channels, ==, cl_app_document_get_layer_info (document)[0].out.c);

  /* Undo goes back to one layer: the selection is clamped onto it. */
  cl_app_document_undo (document);
  g_assert_cmpint (cl_app_document_get_n_layers (document), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/ui/document/selection-follows-shapes", test_selection_follows_shapes);
  return g_test_run ();
}
