/* export-private.h — what the PyTorch and ONNX exports share, and the
 * entry points the tests use to see a kind without translation refused
 * (every kind of the registry has one, so no real design reaches that
 * path otherwise). */
#pragma once

#include <glib.h>

#include "engine/export.h"

G_BEGIN_DECLS

/* Every layer's plan (batch 1), or NULL and the design's error naming the
 * layer; n_layers at least 1. */
ClLayerPlan *cl_export_plan         (const ClNetSpec *spec, GError **error);
/* The value of a named setting of layer i. */
double       cl_export_setting      (const ClNetSpec *spec, int i, const char *name);
/* "Layer 3 (Maxout) has no translation to ONNX …": the refusal. */
void         cl_export_refuse       (GError **error, const ClNetSpec *spec, int i,
                                     const char *target);
/* A kind name as given, compared without case ("RReLU", "rrelu"). */
gboolean     cl_export_kind_is      (const ClLayerKind *kind, const char *name);

/* As cl_export_pytorch () and cl_export_onnx (), with the kind named
 * `untranslated` treated as having no translation (NULL: none). */
char        *cl_export_pytorch_full (const ClDesign *design, const char *untranslated,
                                     GError **error);
GBytes      *cl_export_onnx_full    (const ClDesign *design, ClNet *net,
                                     const char *untranslated, GError **error);
/* Whether each export translates a kind: the every-kind test. */
gboolean     cl_export_pytorch_has_kind (const char *name);
gboolean     cl_export_onnx_has_kind    (const char *name);

G_END_DECLS
