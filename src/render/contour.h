/* contour.h — marching squares: the segments where a grid crosses a level. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One segment, in grid coordinates: x in [0, cols-1] (column), y in
 * [0, rows-1] (row). */
typedef void (*ClContourSegmentFunc) (double x0, double y0, double x1, double y1, gpointer data);

/* Calls `emit` for every segment of the level line through the row-major
 * cols × rows grid.  Cells touching a NaN or infinite value are skipped;
 * a saddle cell is resolved by the mean of its corners. */
void cl_contour_segments (const float *grid, int cols, int rows, double level,
                          ClContourSegmentFunc emit, gpointer data);

G_END_DECLS
