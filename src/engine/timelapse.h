/* timelapse.h — the first-layer filters through training.
 *
 * The trainer keeps parameter checkpoints (trainer.h: every
 * `checkpoint_every` steps, thinned by half when full); the filters'
 * time-lapse is the first Conv2D layer's weights at each of them, plus the
 * weights of "now" when they are newer than the last checkpoint.  It is
 * what the Filters panel's scrubber replays and what the strip for a slide
 * shows, and a model file keeps it (model-timelapse.h) so that
 * `convlab-cli export filters MODEL --steps …` can draw it after training.
 * Plain data: no Cairo, no GTK.
 */
#pragma once

#include <glib.h>

#include "engine/snapshot.h"

G_BEGIN_DECLS

/* At most this many steps in a --steps list or a strip: a slide holds a
 * few rows, and a list of a million steps is a mistake. */
#define CL_TIMELAPSE_MAX_ASKED 32

typedef struct {
  int layer;          /* the first Conv2D layer's index in the network */
  int out, in, k;     /* its weight shape [out, in, k, k] */
  guint n;            /* frames, oldest first; steps strictly increasing */
  guint64 *steps;
  float *weights;     /* n × out × in × k × k */
} ClTimelapse;

/* The first Conv2D layer of `spec`: its index and weight shape; FALSE when
 * the network has none. */
gboolean     cl_timelapse_first_conv   (const ClNetSpec *spec, int *layer, int *out, int *in,
                                        int *k);

/* The frames of a snapshot's checkpoints, and its current weights when
 * they are newer.  NULL and an error when the network has no Conv2D layer
 * or the snapshot holds no checkpoint. */
ClTimelapse *cl_timelapse_new_from_snapshot (const ClSnapshot *snapshot, GError **error);

/* Takes ownership of `steps` and `weights` (g_free). */
ClTimelapse *cl_timelapse_new          (int layer, int out, int in, int k, guint n,
                                        guint64 *steps, float *weights);
void         cl_timelapse_free         (ClTimelapse *timelapse);

/* The frame to show for `step`: the newest at or before it (the first
 * frame when `step` is before every frame). */
guint        cl_timelapse_find         (const ClTimelapse *timelapse, guint64 step);
const float *cl_timelapse_get_weights  (const ClTimelapse *timelapse, guint frame);
gsize        cl_timelapse_frame_size   (const ClTimelapse *timelapse);

/* "0,50,200,1000" (spaces allowed) into steps, 1 to
 * CL_TIMELAPSE_MAX_ASKED of them, each a whole number ≥ 0.  `what` names
 * the text in the error ("--steps"). */
GArray      *cl_timelapse_parse_steps  (const char *text, const char *what, GError **error);

/* `count` steps spread over the frames for a strip: the first frame, the
 * last, and frames between them spaced evenly by index (the checkpoints
 * are evenly spaced in steps). */
GArray      *cl_timelapse_spread_steps (const ClTimelapse *timelapse, guint count);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClTimelapse, cl_timelapse_free)

G_END_DECLS
