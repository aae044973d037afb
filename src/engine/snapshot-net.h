/* snapshot-net.h — between a network instance and a snapshot, both ways.
 *
 * The pictures draw snapshots.  A trained model loaded from a file has no
 * trainer, so convlab-cli's export builds a snapshot of the network at rest
 * (its parameters and the activations of a few probe samples); the decision
 * picture goes the other way and compiles the network a snapshot holds.
 */
#pragma once

#include <glib.h>

#include "engine/dataset.h"
#include "engine/net.h"
#include "engine/snapshot.h"

G_BEGIN_DECLS

#define CL_SNAPSHOT_MAX_PROBES 64

/* A snapshot of `net` (state IDLE, no history): parameters, running
 * statistics, and for the samples first_probe … first_probe + n_probes - 1
 * of `data`'s test part (its training part when it has none): the inputs,
 * labels, every layer's activations in evaluation mode, and the masks one
 * training-mode pass would draw in its Dropout layers.  `data` may be NULL
 * (then no probes).  `net` is not changed. */
ClSnapshot *cl_snapshot_new_from_net  (ClNet *net, ClDataset *data, guint first_probe,
                                       int n_probes, GError **error);

/* The same with one probe, the input `x` (one sample of the network's
 * input shape, e.g. an image file's pixels): no label, no index. */
ClSnapshot *cl_snapshot_new_from_input (ClNet *net, const float *x, int n_classes,
                                        GError **error);

/* The same through `net` itself, in evaluation mode only: no copy of the
 * network and no dropout masks.  For a live drawing: compiling a copy of
 * LeNet-5 takes milliseconds, its forward at batch 1 a tenth of one.
 * `net`'s activations are overwritten, nothing else of it. */
ClSnapshot *cl_snapshot_new_from_input_eval (ClNet *net, const float *x, int n_classes,
                                             GError **error);

/* Before a snapshot is shared: give it a test confusion matrix
 * (n_classes², copied) or training histories (copied; x is the step for
 * `loss`, the epoch for the three per-epoch ones, which hold n_epochs). */
void        cl_snapshot_set_confusion (ClSnapshot *snapshot, const guint *confusion, int n_classes);
void        cl_snapshot_set_history   (ClSnapshot *snapshot, const ClPoint *loss, gsize n_loss,
                                       const ClPoint *test_loss, const ClPoint *test_accuracy,
                                       const ClPoint *train_accuracy, gsize n_epochs);

/* The network a snapshot holds, compiled for `batch_size`, with its
 * parameters and running statistics.  For drawing: the optimiser state is
 * not in a snapshot. */
ClNet      *cl_net_new_from_snapshot  (const ClSnapshot *snapshot, int batch_size, GError **error);

/* `net` given the weights of `snapshot` — parameters and running
 * statistics copied in — when both are the same network (input, layer
 * kinds and settings); FALSE, `net` unchanged, when they differ (then
 * compile one with cl_net_new_from_snapshot).  A snapshot a second
 * during training costs a copy, not a compilation. */
gboolean    cl_net_load_snapshot      (ClNet *net, const ClSnapshot *snapshot);

G_END_DECLS
