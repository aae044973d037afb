/* gallery.h — test samples with the network's predictions, worst first.
 *
 * "Worst" is the lowest probability given to the true class: confident
 * mistakes lead, then hesitant ones, then the hardest samples it got right.
 * The gallery panel and `convlab-cli export gallery` draw it.
 */
#pragma once

#include <glib.h>

#include "engine/dataset.h"
#include "engine/net.h"

G_BEGIN_DECLS

#define CL_GALLERY_MAX 256

typedef struct {
  int n;                 /* samples kept */
  ClShape shape;         /* of one sample */
  float *images;         /* n × shape */
  guint *indices;        /* in the test part (the training part when there is none) */
  int *labels, *predicted;
  float *confidence;     /* probability of the predicted class */
  float *true_prob;      /* probability of the true class: ascending */
} ClGallery;

/* Evaluates `net` on `data`'s test part and keeps the `max` (at most
 * CL_GALLERY_MAX) worst samples.  Classification only: CL_ERROR_MISMATCH
 * otherwise. */
ClGallery *cl_gallery_new  (ClNet *net, ClDataset *data, int max, GError **error);
void       cl_gallery_free (ClGallery *gallery);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClGallery, cl_gallery_free)

G_END_DECLS
