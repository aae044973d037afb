/* render-number-grid.h — a small grid of values written out, each cell
 * coloured and carrying its number: the window, the kernel and the
 * products of the Convolution explorer, the 2 × 2 blocks of the Pooling
 * one, the kernel of Kernels by Hand.  Not for use outside src/render. */
#pragma once

#include "render/render-private.h"

G_BEGIN_DECLS

/* Decimals that keep the largest |value| readable in few characters:
 * 1 from 10 up, 2 from 0.1, else 3. */
int    _cl_render_grid_decimals (const float *v, gsize n);

/* rows × cols cells of `cell` pixels from (x, y), coloured by `kind` over
 * [lo, hi] (hi only for diverging), each with its value in `decimals`
 * decimals when the cell is large enough to read it (returns whether the
 * numbers were written), in black or white, whichever reads on the cell. */
gboolean _cl_render_number_grid (cairo_t *cr, const ClPalette *p, const float *v, int rows,
                                 int cols, double x, double y, double cell, ClMapKind kind,
                                 double lo, double hi, int decimals);

/* The cell size from which numbers of that many decimals fit. */
double _cl_render_number_cell_min (cairo_t *cr, const ClPalette *p, int decimals);

/* A rectangle outline `width` pixels thick drawn just outside (x, y, w, h). */
void   _cl_render_outline (cairo_t *cr, ClColor color, double x, double y, double w, double h,
                           double width);

G_END_DECLS
