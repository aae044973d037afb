/* render-landscape.h — the loss landscape as a heat map with contour lines
 * and the training path, as a 3D surface, and the 1D loss along a line. */
#pragma once

#include <cairo.h>

#include "engine/landscape.h"
#include "render/render-style.h"

G_BEGIN_DECLS

typedef struct {
  ClRenderStyle style;
  gboolean show_path;     /* the training trajectory projected on the plane */
  int n_levels;           /* contour lines, log-spaced; default 10 */
  double azimuth;         /* surface: turn around the vertical axis, radians */
  double elevation;       /* surface: tilt towards the viewer, radians */
} ClRenderLandscapeOptions;

void     cl_render_landscape_options_init (ClRenderLandscapeOptions *options);

/* Heat map of log(loss) with contours, the path and the current point;
 * draws the rows computed so far (rows_done) while the rest is pending. */
gboolean cl_render_landscape_map     (cairo_t *cr, const ClLandscape *landscape,
                                      const ClRenderLandscapeOptions *options, int width,
                                      int height);
/* The same grid as a shaded surface, drawn far to near (painter's order). */
/* Where the map's square is drawn at this size: top-left corner and
 * side; FALSE when there is no room for it. */
gboolean cl_render_landscape_map_rect (const ClRenderLandscapeOptions *options, int width,
                                       int height, double *x, double *y, double *side);
gboolean cl_render_landscape_surface (cairo_t *cr, const ClLandscape *landscape,
                                      const ClRenderLandscapeOptions *options, int width,
                                      int height);

/* Loss along a line: train (and test, may be NULL) at the n alphas. */
gboolean cl_render_loss_line         (cairo_t *cr, const double *alphas, const double *train,
                                      const double *test, int n, const char *x_title,
                                      const ClRenderStyle *style, int width, int height);

G_END_DECLS
