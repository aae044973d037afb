/* evaluate.h — a network measured on a dataset: what the trainer does at
 * each epoch's end, convlab-cli eval prints and the gallery sorts. */
#pragma once

#include <glib.h>

#include "engine/dataset.h"
#include "engine/gallery.h"
#include "engine/net.h"

G_BEGIN_DECLS

/* The class an output vector predicts: its largest value, or for a single
 * sigmoid output (binary cross-entropy) class 1 when it is above 0.5. */
int      cl_output_predicted_class (const float *out, int size);

typedef struct {
  double loss;        /* mean over the samples */
  double accuracy;    /* NAN for regression */
  guint n;            /* samples measured */
} ClEvaluation;

/* Runs `net` in evaluation mode (no dropout, running statistics) over
 * part of `data` in batches of its compiled size; fills `confusion`
 * (n_classes², row = true class, zeroed here) when it is not NULL and the
 * data is a classification set, and hands every sample's output to `worst`
 * when it is not NULL (the gallery of mistakes, from the same pass).
 * Labels become 0/1 targets for binary cross-entropy.  FALSE on an empty
 * part or a non-finite loss. */
gboolean cl_net_evaluate_dataset   (ClNet *net, ClDataset *data, ClDatasetPart part,
                                    ClEvaluation *result, guint *confusion,
                                    ClGalleryCollector *worst, GError **error);

G_END_DECLS
