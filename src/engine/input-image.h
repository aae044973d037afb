/* input-image.h — one input the user gives a network rather than the data:
 * an image file (`convlab-cli predict --input`, `export activations
 * --input`, the Activations panel's "Open image…") or a drawing made on the
 * panel's pad.
 *
 * Both start as pixels in [0, 1], channels × side × side, the way the image
 * loaders read them before normalisation; cl_input_normalise then does to
 * them what the data's normalisation did to the training images, so the
 * network sees a drawing as it saw its data.  One path for the command line
 * and the window: a drawing and a file cannot be prepared differently.
 */
#pragma once

#include <glib.h>

#include "engine/dataset.h"
#include "engine/layer-registry.h"

G_BEGIN_DECLS

/* FALSE with a message when a network of input `in` takes no image (a
 * vector of features, a non-square or 2-channel input). */
gboolean cl_input_check_image_shape (ClShape in, GError **error);

/* The image file at `path` as `in.c` channels of in.h × in.w pixels in
 * [0, 1] (scaled and centre-cropped; grey or colour as the input wants),
 * into `pixels`.  FALSE and a message naming the file when it cannot be
 * read, or saying the network takes no images. */
gboolean cl_input_load_image (ClShape in, const char *path, float *pixels, GError **error);

/* Light for dark: x → 1 - x on pixels in [0, 1] (a photo on white for a
 * network that learnt light shapes on black, as Fashion-MNIST's). */
void     cl_input_invert (float *pixels, gsize n);

/* Pixels in [0, 1] (in.c × in.h × in.w) rewritten as the data's images
 * were: unchanged for NONE and UNIT; (x - mean) / std per channel for
 * STANDARD with the statistics of `stats` (the loaded data; without them,
 * or when its channels differ, the pixels stay in [0, 1] since a single
 * image cannot give the training set's statistics); each image's own
 * contrast for CONTRAST. */
void     cl_input_normalise (float *x, ClShape in, ClDatasetNorm norm, const ClDataset *stats);

/* load + (invert) + normalise: what predict --input does with a file. */
gboolean cl_input_read_image (ClShape in, ClDatasetNorm norm, const ClDataset *stats,
                              const char *path, gboolean invert, float *x, GError **error);

/* One segment of a brush stroke, painted into `pixels` (in.c × in.h ×
 * in.w, values in [0, 1]) toward `value` in every channel.  Coordinates
 * are in input pixels, pixel (row i, column j) covering [j, j+1) × [i, i+1)
 * with its centre at (j + ½, i + ½).  The brush is a disc of `radius`
 * pixels swept from (x0, y0) to (x1, y1), anti-aliased over one pixel: a
 * pixel whose centre lies at distance d from the segment is covered
 * clamp(radius + ½ - d, 0, 1), so it is more than half covered exactly
 * when d < radius.  A pixel moves toward `value` as far as its coverage
 * says and never back: painting the same place twice (the joint of two
 * segments of one stroke) changes nothing, so a slow stroke is not darker
 * at its joints than a fast one. */
void     cl_input_stroke (float *pixels, ClShape in, double x0, double y0, double x1, double y1,
                          double radius, float value);

G_END_DECLS
