#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>

#include "engine/gallery.h"
#include "engine/landscape.h"
#include "engine/layer-stats.h"
#include "engine/snapshot.h"

ClSnapshot *
cl_snapshot_ref (ClSnapshot *snapshot)
{
  g_return_val_if_fail (snapshot != NULL, NULL);
  g_atomic_int_inc (&snapshot->ref_count);
  return snapshot;
}

void
cl_snapshot_unref (ClSnapshot *snapshot)
{
  if (snapshot == NULL || !g_atomic_int_dec_and_test (&snapshot->ref_count))
    return;
  g_free (snapshot->reason);
  g_free (snapshot->landscape_error);
  g_clear_pointer (&snapshot->allocations, g_ptr_array_unref);
  g_clear_pointer (&snapshot->checkpoints, g_ptr_array_unref);
  g_clear_pointer (&snapshot->owned_spec, cl_net_spec_free);
  g_clear_pointer (&snapshot->owned_landscape, cl_landscape_free);
  g_clear_pointer (&snapshot->owned_gallery, cl_gallery_free);
  g_clear_pointer (&snapshot->owned_layer_stats, cl_layer_stats_free);
  g_free (snapshot);
}

const char *
cl_trainer_state_to_string (ClTrainerState state)
{
  switch (state)
    {
    case CL_TRAINER_IDLE:
      return _("Ready");
    case CL_TRAINER_RUNNING:
      return _("Training");
    case CL_TRAINER_PAUSED:
      return _("Paused");
    case CL_TRAINER_DIVERGED:
      return _("Diverged");
    case CL_TRAINER_FINISHED:
      return _("Finished");
    }
  return "";
}
