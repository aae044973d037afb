/* cl-app-palette.h — every layer kind of the registry, grouped, to drag
 * onto the canvas (or insert after the selection with Enter), and the
 * example designs as one-click templates. */
#pragma once

#include <gtk/gtk.h>

#include "cl-app-document.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_PALETTE (cl_app_palette_get_type ())

G_DECLARE_FINAL_TYPE (ClAppPalette, cl_app_palette, CL_APP, PALETTE, GtkWidget)

void       cl_app_palette_set_document (ClAppPalette *self, ClAppDocument *document);
/* The row of a layer kind ("Conv2D"), for tests and keyboard focus. */
GtkWidget *cl_app_palette_get_row      (ClAppPalette *self, const char *kind);
/* The directory of the example designs, or NULL (PKGDATADIR, then the source tree). */
char      *cl_app_palette_find_designs_dir (void);

G_END_DECLS
