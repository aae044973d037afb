/* What the render tests share: real snapshots from tiny trainings, pixel
 * reading, and saving every picture for a person to look at. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "engine/dataset.h"
#include "engine/snapshot.h"
#include "render/colormap.h"
#include "render/render-style.h"

typedef struct {
  double r, g, b, a;   /* un-premultiplied, [0, 1] */
} Pixel;

/* LeNet-5 (with a Dropout) after one epoch on the embedded Fashion-MNIST
 * subset, through the real trainer: histories, confusion, probes, masks.
 * Trained once per test binary. */
ClSnapshot *fixture_lenet_snapshot (void);
ClDataset  *fixture_fashion (void);
/* A 2-8-1 tanh net trained on XOR through the trainer, and its data. */
ClSnapshot *fixture_xor_snapshot (ClDataset **data);
/* A 1-16-1 net trained on noisy cos(x), and its data. */
ClSnapshot *fixture_cos_snapshot (ClDataset **data);

/* A run of a race, made up (no training): `steps_per_epoch` × `epochs`
 * loss points falling at a pace that depends on `run`, test loss and
 * accuracies per epoch (NaN accuracies unless `classification`). */
ClSnapshot *fixture_race_snapshot (int run, int steps_per_epoch, int epochs,
                                   gboolean classification);

/* Four such runs racing optimisers, with the race's own labels and title
 * (translated): the picture the presentation and text-cut tests check. */
gboolean    fixture_draw_race (cairo_t *cr, const ClRenderStyle *style, int width, int height);

cairo_surface_t *fixture_surface (int width, int height);
Pixel   fixture_pixel   (cairo_surface_t *surface, int x, int y);
gboolean fixture_near   (Pixel p, ClColor c, double tolerance);
/* Writes the surface to $CL_TEST_SCREENSHOT_DIR/render-NAME.png (when set). */
void    fixture_save    (cairo_surface_t *surface, const char *name);
/* Pixels in the rectangle within tolerance of c. */
int     fixture_count   (cairo_surface_t *surface, int x0, int y0, int x1, int y1, ClColor c,
                         double tolerance);
