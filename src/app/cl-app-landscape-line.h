/* cl-app-landscape-line.h — the loss along a line through weight space,
 * computed in a thread from a snapshot (the window never waits for it):
 * from the first checkpoint to the current weights (Goodfellow et al.'s
 * interpolation, α from −0.5 to 1.5) or along a filter-normalised random
 * direction through the current weights (α from −1 to 1). */
#pragma once

#include <gio/gio.h>

#include "engine/dataset.h"
#include "engine/snapshot.h"

G_BEGIN_DECLS

typedef enum {
  CL_APP_LINE_FROM_START,
  CL_APP_LINE_RANDOM,
} ClAppLineKind;

typedef struct {
  ClAppLineKind kind;
  int n;
  double *alphas, *train, *test;   /* n each; test NAN without test data */
  guint64 version;                 /* of the snapshot it was computed from */
} ClAppLine;

void       cl_app_line_free           (ClAppLine *line);

void       cl_app_landscape_line_async  (const ClSnapshot *snapshot, ClDataset *data,
                                         ClAppLineKind kind, GCancellable *cancellable,
                                         GAsyncReadyCallback callback, gpointer user_data);
ClAppLine *cl_app_landscape_line_finish (GAsyncResult *result, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClAppLine, cl_app_line_free)

G_END_DECLS
