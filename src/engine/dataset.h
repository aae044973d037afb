/* dataset.h — one interface for every source of training data.
 *
 * A ClDataset is immutable once a loader returns it: float32 samples in
 * NCHW order, already normalised, the training part first and the test part
 * after it, with labels (classification) or targets (regression).  Because
 * nothing in it changes after loading, any number of threads may read it at
 * once (cl_dataset_get_batch) without locks.  It is reference-counted:
 * the trainer, the panels and the probe images may all hold it.
 *
 * Every loader checks headers, sizes and their product against the real
 * length of the file before it allocates anything in proportion, and fails
 * with a CL_ERROR whose message names the file and the problem.  A loader
 * never returns part of a dataset as if it were whole.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  CL_DATASET_CLASSIFICATION,   /* labels in [0, n_classes) */
  CL_DATASET_REGRESSION,       /* target_dim floats per sample */
} ClDatasetKind;

/* How the stored values were obtained from the raw ones. */
typedef enum {
  CL_DATASET_NORM_NONE,        /* raw values (toy sets: already in about [-1, 1] or [-π, π]) */
  CL_DATASET_NORM_UNIT,        /* pixels divided by 255: [0, 1] */
  CL_DATASET_NORM_STANDARD,    /* per channel (x - mean) / std, statistics of the training part */
  CL_DATASET_NORM_CONTRAST,    /* per image (x - mean) / std over all its values: each image's
                                * own contrast, as V1 and the Gabor lesson see it */
} ClDatasetNorm;

typedef enum {
  CL_DATASET_TRAIN,
  CL_DATASET_TEST,
} ClDatasetPart;

/* Limits, checked before any allocation. */
#define CL_DATASET_MAX_SAMPLES  (4u * 1000u * 1000u)          /* per file and in total */
#define CL_DATASET_MAX_SIDE     4096u                         /* height or width */
#define CL_DATASET_MAX_CHANNELS 4u
#define CL_DATASET_MAX_VALUES   (G_GUINT64_CONSTANT (1) << 29) /* 512 Mi floats = 2 GiB */
#define CL_DATASET_MAX_INFLATED (G_GUINT64_CONSTANT (1) << 30) /* 1 GiB out of one gzip file */
#define CL_DATASET_MAX_CLASSES  1000u

typedef struct {
  /*< public, read-only >*/
  char *name;               /* short: "Fashion-MNIST" */
  char *description;        /* "Fashion-MNIST (60 000 training, 10 000 test images, 28×28 grey)" */
  char *report;             /* what a loader skipped, or NULL: "3 files skipped: notes.txt (not an image), …" */

  ClDatasetKind kind;
  ClDatasetNorm norm;
  guint channels, height, width; /* sample shape; a vector of F features is F×1×1 */
  gsize sample_size;             /* channels × height × width */

  guint n_classes;          /* classification */
  char **class_names;       /* n_classes display names (translated), NULL-terminated */
  guint target_dim;         /* regression */

  guint n_train, n_test;    /* samples [0, n_train) train, [n_train, n_train + n_test) test */
  float *x;                 /* (n_train + n_test) × sample_size */
  guint32 *labels;          /* n_train + n_test, classification only */
  float *targets;           /* (n_train + n_test) × target_dim, regression only */

  float mean[CL_DATASET_MAX_CHANNELS]; /* per channel, set by cl_dataset_standardise () */
  float std[CL_DATASET_MAX_CHANNELS];

  /*< private >*/
  gint ref_count;
} ClDataset;

ClDataset   *cl_dataset_ref         (ClDataset *dataset);
void         cl_dataset_unref       (ClDataset *dataset);

guint        cl_dataset_get_n       (const ClDataset *dataset, ClDatasetPart part);
/* Sample i of a part: sample_size floats, read-only. */
const float *cl_dataset_get_sample  (const ClDataset *dataset, ClDatasetPart part, guint i);
/* Copies the samples indices[0..n) of a part into x (n × sample_size floats)
 * and their labels or targets into labels / targets (either may be NULL).
 * Reads only: safe from several threads at once. */
void         cl_dataset_get_batch   (const ClDataset *dataset, ClDatasetPart part,
                                     const guint32 *indices, gsize n,
                                     float *x, guint32 *labels, float *targets);
/* Keeps n of the training samples, the same n for the same set (a seeded
 * draw, in their order: a folder's classes stay mixed as they come), and
 * the whole test part; call before sharing the dataset.  Nothing happens
 * when n is 0 or not below n_train. */
void         cl_dataset_keep_train  (ClDataset *dataset, guint n);
/* Number of samples of each class in a part: n_classes counts. */
void         cl_dataset_count_classes (const ClDataset *dataset, ClDatasetPart part, guint *counts);
/* Rewrites the values as (x - mean) / std per channel, statistics taken on
 * the training part; call before sharing the dataset.  Idempotent. */
void         cl_dataset_standardise (ClDataset *dataset);
/* Per-image contrast normalisation of pixels in [0, 1]: each sample (all its
 * channels together, so colour stays relative) gets mean 0 and std 1.  The
 * divisor is sqrt(variance + CL_CONTRAST_EPS²): a constant image becomes all
 * zeros rather than a division by zero, and an almost flat one (a few grey
 * levels of noise) is not blown up to full contrast.  Idempotent. */
#define CL_CONTRAST_EPS 0.01   /* 2.5 grey levels of 255: below any real picture's contrast */
void         cl_dataset_contrast_normalise (ClDataset *dataset);
/* The same on one sample of n values (an image the user gives). */
void         cl_contrast_normalise         (float *x, gsize n);

/* IDX: MNIST, Fashion-MNIST, EMNIST, KMNIST.  Unsigned-byte images N×H×W and
 * labels N, plain or gzip (recognised by content, not by name). */
typedef struct {
  const char *name;                /* display name; NULL: from the directory name */
  const char * const *class_names; /* NULL: "0", "1", … */
  guint n_classes;                 /* 0: from class_names, else the largest label + 1 */
} ClIdxOptions;

ClDataset *cl_dataset_load_idx     (const char *train_images, const char *train_labels,
                                    const char *test_images, const char *test_labels,
                                    const ClIdxOptions *options, GError **error);
/* Finds train-images-idx3-ubyte[.gz], train-labels-idx1-ubyte[.gz],
 * t10k-images-idx3-ubyte[.gz] and t10k-labels-idx1-ubyte[.gz] (also with a
 * prefix such as "emnist-letters-", or "test" for "t10k", or ".idx" for "-idx"). */
ClDataset *cl_dataset_load_idx_dir (const char *dir, const ClIdxOptions *options, GError **error);

/* Fashion-MNIST: the ten class names, untranslated (translate with _()). */
extern const char * const cl_fashion_mnist_class_names[11];
/* The full set installed by Debian's dataset-fashion-mnist, or NULL. */
char      *cl_dataset_find_fashion_mnist_dir (void);
/* The directory of the embedded datasets (PKGDATADIR/datasets when
 * installed, else SOURCE_DATADIR/datasets), or NULL when neither exists. */
char      *cl_dataset_find_embedded_dir      (void);
/* Fashion-MNIST: the full set when it is installed, else the embedded subset. */
ClDataset *cl_dataset_load_fashion_mnist     (GError **error);

/* Photos: which of ten photographs (data/datasets/photos, licences in its
 * SOURCES) a 32×32 patch comes from; 10 000 training patches from the left
 * three quarters of each photograph, 2 000 test patches from the right
 * quarter, cut at fixed seeded places.  Colour (3×32×32), or grey (1×32×32,
 * Rec. 601 luma) cut at the same places. */
#define CL_PHOTOS_N_CLASSES 10
ClDataset  *cl_dataset_load_photos (gboolean colour, GError **error);
/* Class k's name, untranslated (translate with _()), and its file. */
const char *cl_photos_class_name   (guint k);
const char *cl_photos_file_name    (guint k);

/* CIFAR-10 binary batches: data_batch_1.bin … data_batch_5.bin (those
 * present), test_batch.bin, and batches.meta.txt for the class names. */
ClDataset *cl_dataset_load_cifar10     (const char *dir, GError **error);

/* A folder with one sub-folder per class (pets/cats/…, pets/dogs/…). */
#define CL_FOLDER_MAX_FILES        100000u
#define CL_FOLDER_MAX_IMAGE_SIDE   16384   /* checked on the header, before decoding */
#define CL_FOLDER_MAX_IMAGE_PIXELS (64 * 1024 * 1024)
#define CL_FOLDER_MAX_SIZE         512u    /* side of the stored square */
/* One image read for a network (predict --input): any input a design
 * accepts, CL_DATASET_MAX_SIDE. */
#define CL_IMAGE_MAX_SIZE          CL_DATASET_MAX_SIDE

typedef struct {
  guint size;            /* side of the square samples; default 32 */
  gboolean grey;         /* one channel instead of three */
  float test_fraction;   /* per class, default 0.2 */
  guint64 seed;          /* which images go to the test part */
} ClFolderOptions;

void       cl_folder_options_init      (ClFolderOptions *options);
ClDataset *cl_dataset_load_folder      (const char *dir, const ClFolderOptions *options,
                                        GError **error);

/* A folder of the user's photographs cut the same way, one class per photo
 * (named after its file): 1 000 training patches of options->size pixels
 * per photo from its left part, 200 test patches from its right
 * test_fraction (none when 0), at places drawn from options->seed; grey as
 * asked.  A photo larger than six patches on its shorter side is scaled
 * down to that, the scale of the embedded set.  Files that are not images
 * are skipped and listed in the report. */
ClDataset  *cl_dataset_load_patches (const char *dir, const ClFolderOptions *options,
                                     GError **error);

/* Toy sets, no file: 2D classification and 1D regression. */
typedef enum {
  CL_TOY_XOR,
  CL_TOY_CIRCLES,
  CL_TOY_SPIRALS,
  CL_TOY_BLOBS,
  CL_TOY_COS,          /* regression: y = cos(x) + noise, x in [-π, π] */
  CL_TOY_STEP,         /* regression: y = -0.5 or 0.5 around x = 0, x in [-1, 1] */
  CL_TOY_POLYNOMIAL,   /* regression: y = 2x³ - x, x in [-1, 1] */
} ClToyKind;

typedef struct {
  guint n_points;        /* training + test; default 400 */
  float noise;           /* standard deviation of the Gaussian noise; default 0.1 */
  float test_fraction;   /* default 0.2 */
  guint n_classes;       /* blobs only; default 3 */
  guint64 seed;          /* default 1 */
} ClToyOptions;

#define CL_TOY_MAX_POINTS 1000000u

void       cl_toy_options_init (ClToyOptions *options);
ClDataset *cl_dataset_new_toy  (ClToyKind kind, const ClToyOptions *options, GError **error);

/* One image as a set of one test sample (`pixels`: c × h × w floats, as
 * the network is given them): the drawing pad's image where an explorer
 * takes a set's test images.  NULL with an error for a shape no set may
 * have. */
ClDataset *cl_dataset_new_single (const float *pixels, guint channels, guint height, guint width,
                                  GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClDataset, cl_dataset_unref)

G_END_DECLS
