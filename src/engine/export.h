/* export.h — a design as code for other tools: a PyTorch script and ONNX.
 *
 * Both are built from the registry's shape inference, so the tensors keep
 * the names and layouts of our model files (`layer{i}.{kind}.{name}`,
 * model-file.h): a model's weights load into the script with no renaming,
 * and the ONNX initialisers carry the same names.  Every kind of the
 * registry has a translation; a kind without one (a new kind whose
 * translation was not written yet) is refused with an error naming the
 * layer, never dropped.  Pure text and bytes: no file is written here.
 */
#pragma once

#include <glib.h>

#include "engine/design-file.h"
#include "engine/net.h"

G_BEGIN_DECLS

/* The ONNX operator set the files declare. */
#define CL_EXPORT_ONNX_OPSET 13

/* A self-contained Python script (UTF-8): the nn.Module, the data, the
 * training loop and the command line described at its top. */
char   *cl_export_pytorch (const ClDesign *design, GError **error);

/* An ONNX model (protobuf bytes) of `net` in evaluation mode (Dropout the
 * identity, BatchNorm with its running statistics), its parameters as
 * initialisers; input "input" [N, C, H, W], output "output". */
GBytes *cl_export_onnx    (const ClDesign *design, ClNet *net, GError **error);

G_END_DECLS
