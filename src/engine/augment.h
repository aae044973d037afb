/* augment.h — data augmentation of training images against overfitting.
 *
 * Each training image of a batch is redrawn through one random affine map
 * made of up to four transforms: a shift of whole pixels, a horizontal
 * flip, a crop of a random window scaled back to H×W, and a small rotation
 * about the centre.  Pixels are sampled bilinearly; a point outside the
 * image takes the nearest edge pixel (edge fill), whatever the
 * normalisation, so no black or mean-grey border appears that the network
 * could learn as a sign of augmentation.  A map made only of shifts and
 * flips lands on pixel centres and copies values exactly.
 *
 * The transform of a sample is a pure function of (seed, epoch, sample
 * index in the training part), drawn from the counter-based RNG: the same
 * run replays it, another epoch sees the image differently, and the
 * thread count changes nothing.
 *
 * Settings, all zero when off (the struct zero-initialised is "none"):
 *
 *   shift   up to this many pixels each way, a whole number  (0 to 8)
 *   flip    mirror left-right with probability 1/2
 *   crop    the window's side is 100 − crop % to 100 % of the image's  (0 to 50)
 *   rotate  up to ± this many degrees                         (0 to 30)
 *
 * The compact id (command line, races, cl_augment_to_string) joins the
 * active transforms with '+', in that order: "none", "flip", "shift+flip",
 * "shift3+crop30+rotate15".  A transform written without its number takes
 * its default (shift 2 pixels, crop 20 %, rotate 10°); to_string writes
 * the number only when it differs from the default.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  int shift;       /* pixels each way, 0 .. CL_AUGMENT_SHIFT_MAX */
  gboolean flip;
  int crop;        /* percent of the side a crop may cut off, 0 .. CL_AUGMENT_CROP_MAX */
  int rotate;      /* degrees each way, 0 .. CL_AUGMENT_ROTATE_MAX */
} ClAugmentSettings;

#define CL_AUGMENT_SHIFT_MAX   8
#define CL_AUGMENT_CROP_MAX    50
#define CL_AUGMENT_ROTATE_MAX  30

#define CL_AUGMENT_SHIFT_DEFAULT   2
#define CL_AUGMENT_CROP_DEFAULT    20
#define CL_AUGMENT_ROTATE_DEFAULT  10

/* Are all the transforms off? */
gboolean cl_augment_is_none     (const ClAugmentSettings *settings);
/* Are all the values in their ranges? */
gboolean cl_augment_is_valid    (const ClAugmentSettings *settings);
/* Only images can be augmented: a sample of F features is F×1×1. */
gboolean cl_augment_fits        (guint height, guint width);

/* The compact id, newly allocated. */
char    *cl_augment_to_string   (const ClAugmentSettings *settings);
/* FALSE, with a CL_ERROR naming the part that is wrong, for an unknown
 * transform, a number out of range or a transform given twice. */
gboolean cl_augment_from_string (const char *id, ClAugmentSettings *settings, GError **error);

/* One draw of the transforms: what a sample goes through. */
typedef struct {
  int dx, dy;          /* the image moves this many pixels right and down */
  gboolean flip;       /* mirrored left-right */
  double scale;        /* the crop window's side over the image's: 1 = whole image */
  double cx, cy;       /* the window's centre, −1 to 1 across the room the crop leaves */
  double degrees;      /* rotation about the centre */
} ClAugmentTransform;

/* The identity transform. */
void     cl_augment_transform_init (ClAugmentTransform *transform);
/* The transform of training sample `index` at `epoch`; key is
 * cl_augment_key (seed).  Transforms that are off stay the identity. */
guint64  cl_augment_key         (guint64 seed);
void     cl_augment_draw        (const ClAugmentSettings *settings, guint64 key, guint64 epoch,
                                 guint64 index, ClAugmentTransform *transform);
/* src (C×H×W) redrawn into dst (C×H×W, not overlapping src). */
void     cl_augment_apply       (const ClAugmentTransform *transform, const float *src, float *dst,
                                 int channels, int height, int width);

/* One sample: src (C×H×W) redrawn into dst (C×H×W, not overlapping src)
 * through the transform of (key, epoch, index): draw, then apply. */
void     cl_augment_sample      (const ClAugmentSettings *settings, guint64 key, guint64 epoch,
                                 guint64 index, const float *src, float *dst,
                                 int channels, int height, int width);
/* A batch: sample i of src is training sample indices[i]; count samples,
 * on the calling thread (augment.c says why).  dst holds count × C×H×W
 * floats. */
void     cl_augment_batch       (const ClAugmentSettings *settings, guint64 key, guint64 epoch,
                                 const guint32 *indices, int count, const float *src, float *dst,
                                 int channels, int height, int width);

G_END_DECLS
