/* cli-export-code.h — `convlab-cli export pytorch|onnx`. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether `name` (export's first argument) is a code target, not a picture. */
gboolean cl_cli_is_code_target (const char *name);
/* argv[0] "export", argv[1] "pytorch" or "onnx", then the file and options. */
int      cl_cli_export_code    (int argc, char **argv);

G_END_DECLS
