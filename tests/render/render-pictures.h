/* Every panel picture, drawn from the shared fixtures: one table that the
 * tests measuring all pictures (test-present: text at least 18 px;
 * test-text-cuts: no text cut by an edge) walk, so that a new picture is
 * one row here and both tests check it. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "render/render-style.h"

/* Draws the picture at width × height in `style`; TRUE when it drew the
 * picture (FALSE when it only wrote why not). */
typedef gboolean (*FixtureDrawFunc) (cairo_t *cr, const ClRenderStyle *style, int width,
                                     int height);

typedef struct {
  const char *name;   /* in the names of saved screenshots: "present-NAME" */
  FixtureDrawFunc draw;
} FixturePicture;

extern const FixturePicture fixture_pictures[];
extern const gsize fixture_n_pictures;

/* The row named `name`; fails the test when there is none. */
const FixturePicture *fixture_picture (const char *name);
