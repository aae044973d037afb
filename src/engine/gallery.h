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

typedef struct _ClGallery {
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
ClGallery *cl_gallery_copy (const ClGallery *gallery);

/* The worst samples gathered while an evaluation runs, batch by batch, so
 * the trainer gets its gallery from the pass it already makes.  Holds at
 * most `max` samples whatever the size of the data. */
typedef struct _ClGalleryCollector ClGalleryCollector;

/* NULL unless `data` is a classification set. */
ClGalleryCollector *cl_gallery_collector_new    (ClDataset *data, ClDatasetPart part, int max);
/* Sample `index` of the part, its true label and the network's output. */
void                cl_gallery_collector_add    (ClGalleryCollector *collector, guint index,
                                                 int label, const float *out, int out_size);
/* The samples kept, worst first (the images copied from the data); frees
 * the collector.  NULL when nothing was added. */
ClGallery          *cl_gallery_collector_finish (ClGalleryCollector *collector);
void                cl_gallery_collector_free   (ClGalleryCollector *collector);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClGallery, cl_gallery_free)

G_END_DECLS
