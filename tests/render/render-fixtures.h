/* What the render tests share: real snapshots from tiny trainings, pixel
 * reading, and saving every picture for a person to look at. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "engine/dataset.h"
#include "engine/landscape.h"
#include "engine/snapshot.h"
#include "engine/trainer.h"
#include "render/colormap.h"

typedef struct {
  double r, g, b, a;   /* un-premultiplied, [0, 1] */
} Pixel;

/* Trains `spec` on `data` for `epochs` through the real trainer and
 * returns the finished run's last snapshot; fails the test if it diverges
 * or takes over two minutes. */
ClSnapshot *fixture_train (const ClNetSpec *spec, ClDataset *data, const ClTrainerOptions *options,
                           int epochs);

/* LeNet-5 (with a Dropout) after one epoch on the embedded Fashion-MNIST
 * subset, through the real trainer: histories, confusion, probes, masks.
 * Trained once per test binary. */
ClSnapshot *fixture_lenet_snapshot (void);
ClDataset  *fixture_fashion (void);
/* A 2-8-1 tanh net trained on XOR through the trainer, and its data. */
ClSnapshot *fixture_xor_snapshot (ClDataset **data);
/* A 1-16-1 net trained on noisy cos(x), and its data. */
ClSnapshot *fixture_cos_snapshot (ClDataset **data);
/* A bowl a² + b² + 0.01 on an n×n grid over [-1, 1]², its first
 * rows_done rows computed, no path. */
ClLandscape *fixture_bowl (int n, int rows_done);

cairo_surface_t *fixture_surface (int width, int height);
Pixel   fixture_pixel   (cairo_surface_t *surface, int x, int y);
gboolean fixture_near   (Pixel p, ClColor c, double tolerance);
/* Writes the surface to $CL_TEST_SCREENSHOT_DIR/render-NAME.png (when set). */
void    fixture_save    (cairo_surface_t *surface, const char *name);
/* Pixels in the rectangle within tolerance of c. */
int     fixture_count   (cairo_surface_t *surface, int x0, int y0, int x1, int y1, ClColor c,
                         double tolerance);
