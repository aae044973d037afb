/* dataset-private.h — what the loaders share, and what the fuzz targets and
 * tests call directly (parsers over a stream rather than a path). */
#pragma once

#include <gio/gio.h>

#include "engine/dataset.h"

G_BEGIN_DECLS

#define CL_SIZE_UNKNOWN G_MAXUINT64

/* A dataset with its shape and counts set: allocates x and the labels or the
 * targets, refusing more than CL_DATASET_MAX_VALUES. */
ClDataset *_cl_dataset_new        (ClDatasetKind kind, guint channels, guint height, guint width,
                                   guint n_train, guint n_test, guint n_classes, guint target_dim,
                                   GError **error);
/* Sets description from name, counts and shape. */
void       _cl_dataset_describe   (ClDataset *dataset, gboolean images);
/* "60 000": digits grouped by a narrow no-break space. */
char      *_cl_format_count       (guint64 n);

/* Wraps a raw stream so that gzip data is inflated transparently (recognised
 * by its magic bytes, not by the file name). */
GInputStream *_cl_stream_maybe_gunzip (GInputStream *raw, gboolean *gzipped, GError **error);
/* Opens a file through _cl_stream_maybe_gunzip; *size is its length when it
 * is plain, CL_SIZE_UNKNOWN when it is gzip (known only once inflated). */
GInputStream *_cl_open_data_file  (const char *path, guint64 *size, GError **error);
/* Reads exactly n bytes; fewer (at the end of the stream) is a TRUNCATED
 * error naming byte offset + got of total. */
gboolean   _cl_read_exact         (GInputStream *in, void *buffer, gsize n, const char *name,
                                   guint64 offset, guint64 total, GError **error);
/* Reads exactly `expected` bytes into a buffer that grows only as data
 * really arrives (a lying header cannot make it allocate), then checks that
 * the stream ends there. */
guint8    *_cl_read_payload       (GInputStream *in, guint64 expected, const char *name,
                                   guint64 offset, GError **error);
/* Reads the whole stream, refusing more than cap bytes (the gzip bomb cap). */
GBytes    *_cl_read_all_capped    (GInputStream *in, guint64 cap, const char *name, GError **error);

/* IDX: one array of unsigned bytes, header checked before reading. */
typedef struct {
  guint ndim;
  guint32 dims[3];
  guint8 *data;       /* dims[0] × … bytes */
} ClIdxArray;

/* The height and width an IDX image file (or the training images of an IDX
 * folder) declares, from its header alone; FALSE when it has no readable
 * header (loading it then says why). */
gboolean   _cl_idx_peek_image_shape (const char *path, guint *height, guint *width);
gboolean   _cl_idx_read           (GInputStream *in, guint64 size, const char *name, guint ndim,
                                   ClIdxArray *out, GError **error);
void       _cl_idx_array_clear    (ClIdxArray *array);

/* CIFAR-10: one batch of records (label byte + 3072 pixel bytes). */
#define CL_CIFAR_RECORD      3073u
#define CL_CIFAR_MAX_RECORDS 60000u
GBytes    *_cl_cifar_read_batch   (GInputStream *in, guint64 size, const char *name,
                                   guint n_classes, GError **error);

/* One image file decoded, resized (aspect kept, centre crop) to size × size
 * and written as channels × size × size floats in [0, 1]. */
gboolean   _cl_image_load         (const char *path, guint size, guint channels, float *out,
                                   GError **error);

/* An image file's header read and its size checked against the folder
 * limits, nothing decoded; name is what the message calls it. */
gboolean   _cl_image_check_header (const char *path, const char *name, int *width, int *height,
                                   GError **error);

/* What the folder and patches loaders share (dataset-folder.c).  The
 * options' size and test fraction checked, with the message naming both. */
gboolean   _cl_folder_options_check (const ClFolderOptions *options, GError **error);
/* Sorted names of a directory, hidden ones left out: the order of classes
 * and files must not depend on the file system.  Stops one past `limit`
 * so that the caller can refuse without listing a million names. */
GPtrArray *_cl_folder_list_dir      (const char *path, guint limit, GError **error);
/* Sets the error for a folder `dir` holding over CL_FOLDER_MAX_FILES files. */
void       _cl_folder_too_many_files (const char *dir, GError **error);
/* The folder a user chose, listed as _cl_folder_list_dir does; NULL with
 * that error when it holds over CL_FOLDER_MAX_FILES names. */
GPtrArray *_cl_folder_list_top      (const char *dir, GError **error);

/* The Photos set from another folder than the embedded one (tests). */
ClDataset *_cl_dataset_load_photos_dir (const char *dir, gboolean colour, GError **error);

G_END_DECLS
