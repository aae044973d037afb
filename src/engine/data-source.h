/* data-source.h — which data a design trains on, by name.
 *
 * The names are those of convlab-cli's --data and of the design file:
 *   fashion-mnist            the installed full set, else the embedded subset
 *   embedded                 the embedded Fashion-MNIST subset
 *   photos                   the embedded Photos set, grey (1×32×32)
 *   photos-colour            the same patches in colour (3×32×32)
 *   idx:IMAGES,LABELS[,TEST_IMAGES,TEST_LABELS]   or  idx:DIR
 *   cifar10:DIR
 *   folder:DIR               one sub-folder per class
 *   patches:DIR              patches of the photos in DIR, one class per photo
 *   toy:xor|circles|spirals|blobs|cos|step|polynomial
 * with the toy and folder settings beside the name.
 *
 * An image set may also be cut to fewer training images (train_limit):
 * a small training set is how a class sees a network overfit within a
 * lecture, and what augmentation then cures.  The test part stays whole.
 */
#pragma once

#include <glib.h>

#include "engine/dataset.h"
#include "engine/net-spec.h"

G_BEGIN_DECLS

typedef struct {
  char *source;             /* as above */
  ClDatasetNorm norm;       /* image sets: UNIT, STANDARD or CONTRAST */
  ClToyOptions toy;         /* toy: sources */
  ClFolderOptions folder;   /* folder: and patches: sources */
  guint train_limit;        /* image sets: at most this many training samples
                             * (0: all), chosen by cl_dataset_keep_train () */
} ClDataRef;

void       cl_data_ref_init   (ClDataRef *ref, const char *source);
void       cl_data_ref_clear  (ClDataRef *ref);
void       cl_data_ref_copy   (ClDataRef *dest, const ClDataRef *src);
/* Checks the name's form (not that files exist): FALSE and a message that
 * lists the accepted names otherwise. */
gboolean   cl_data_ref_check  (const ClDataRef *ref, GError **error);
/* Loads the data (cut to train_limit, then normalised as asked: the
 * statistics are those of the training images kept). */
ClDataset *cl_data_ref_load   (const ClDataRef *ref, GError **error);
/* The sample shape (channels × height × width) the data will have, from
 * file headers and settings alone, nothing loaded; FALSE when it cannot be
 * known that way (toy sets, unreadable headers: loading says why). */
gboolean   cl_data_ref_peek_shape (const ClDataRef *ref, guint *channels, guint *height,
                                   guint *width);
/* Loads the data for a network: a sample shape that the headers already
 * show differs from the network's input is refused before anything is read
 * (the rest of the fit is cl_trainer_check_fits ()'s). */
ClDataset *cl_data_ref_load_for (const ClDataRef *ref, const ClNetSpec *spec, GError **error);

/* What a person calls the source (translated): "Photos (colour)",
 * "CIFAR-10 “cifar-10-batches-bin”"; an unknown one as it is. */
char      *cl_data_source_display_name (const char *source);

const char *cl_dataset_norm_to_string   (ClDatasetNorm norm);
gboolean    cl_dataset_norm_from_string (const char *id, ClDatasetNorm *norm);

G_END_DECLS
