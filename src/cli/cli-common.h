/* cli-common.h — what the commands of convlab-cli share. */
#pragma once

#include <cairo.h>
#include <glib.h>

#include "engine/design-file.h"
#include "engine/net.h"

G_BEGIN_DECLS

int  cl_cli_train   (int argc, char **argv);
int  cl_cli_eval    (int argc, char **argv);
int  cl_cli_predict (int argc, char **argv);
int  cl_cli_info    (int argc, char **argv);
int  cl_cli_export  (int argc, char **argv);
int  cl_cli_landscape (int argc, char **argv);

/* Parses the options of a command; on --help prints it and returns FALSE
 * with *status 0, on a bad option prints why and returns FALSE with 2. */
gboolean   cl_cli_parse        (GOptionContext *context, int *argc, char ***argv, int *status);
/* Prints "convlab-cli: MESSAGE" on stderr; returns 1. */
int        cl_cli_fail         (const GError *error);
int        cl_cli_fail_message (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* A design (JSON) or a model (safetensors): the design, and for a model
 * the trained network compiled for batch_size. */
gboolean   cl_cli_open         (const char *path, int batch_size, ClDesign **design, ClNet **net,
                                GError **error);
/* The data of --data when given, else the design's. */
ClDataset *cl_cli_load_data    (const ClDesign *design, const char *source, GError **error);

/* Evaluates `net` on the test part (the training part when there is no test
 * part): loss, accuracy and the confusion matrix (n_classes², may be NULL). */
gboolean   cl_cli_evaluate     (ClNet *net, ClDataset *data, double *loss, double *accuracy,
                                guint *confusion, GError **error);

/* Translated class name i, or its number when the set names none. */
char      *cl_cli_class_name   (ClDataset *data, guint i);

/* The landscape's limit on --range (as cl_landscape_compute checks it). */
#define CL_CLI_MAX_RANGE 1000.0

/* A finite number above 0 and at most `max`, the whole text. */
gboolean   cl_cli_parse_positive (const char *text, double max, double *value);
/* A whole number from 0 to G_MAXUINT64 (a seed), the whole text. */
gboolean   cl_cli_parse_seed   (const char *text, guint64 *value);

/* "1200x800" (or with ×), each side from 16 to CL_RENDER_MAX_SIDE. */
gboolean   cl_cli_parse_size   (const char *text, int *width, int *height);

G_END_DECLS
