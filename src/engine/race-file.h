/* race-file.h — a race saved: NAME.convlab-race and its runs as models.
 *
 *   {
 *     "format": "convlab-race", "version": 1,
 *     "setting": "optimiser",
 *     "design": { …the base design, as a design file holds it… },
 *     "runs": [ { "value": "sgd",  "model": "NAME-1.safetensors" },
 *               { "value": "adam", "model": "NAME-2.safetensors" } ]
 *   }
 *
 * Each run is an ordinary model file (model-file.h) beside the race file,
 * named after it: the window or `convlab-cli` opens one alone like any
 * model.  Saving never replaces a file the user did not name: a
 * NAME-i.safetensors that exists is replaced only when the race file being
 * replaced lists it as its own run; otherwise the save is refused before
 * anything is written.  Reading checks everything — the header, the
 * setting, every value (as cl_race_variant_spec), that each model is a
 * plain file name in the same folder, exists, and holds exactly the
 * variant's design — and names the file and the field.
 */
#pragma once

#include <glib.h>

#include "engine/design-file.h"
#include "engine/model-history.h"
#include "engine/race.h"

G_BEGIN_DECLS

#define CL_RACE_FILE_FORMAT  "convlab-race"
#define CL_RACE_FILE_VERSION 1
#define CL_RACE_FILE_SUFFIX  ".convlab-race"
/* The base design and a few lines: a design's bound and room to spare. */
#define CL_RACE_FILE_MAX_BYTES (CL_DESIGN_MAX_BYTES + 64 * 1024)

/* Run `run`'s model beside the race file (from 0): "a/NAME.convlab-race"
 * gives "a/NAME-1.safetensors" (a path without the suffix keeps its whole
 * name: "a/NAME" gives the same). */
char     *cl_race_file_model_path (const char *path, int run);

/* Whether a race of n_runs could be saved at `path` (the rules above),
 * before a long training: the error names the file in the way. */
gboolean  cl_race_file_check_targets (const char *path, int n_runs, GError **error);

/* Writes the models (each snapshot's network and histories, under its
 * variant's design) and then the race file, each atomically.  `base` is
 * the design the race was made from. */
gboolean  cl_race_file_save       (const char *path, const ClDesign *base,
                                   ClRaceSetting setting, const char *const *values,
                                   ClSnapshot *const *snapshots, int n_runs, GError **error);
/* The same with each run's newest snapshot. */
gboolean  cl_race_save            (ClRace *race, const ClDesign *base, const char *path,
                                   GError **error);

/* A race read back: what cl_race_new () takes to continue it. */
typedef struct {
  ClDesign *base;
  ClRaceSetting setting;
  int n_runs;
  char *values[CL_RACE_MAX];
  ClNet *nets[CL_RACE_MAX];                 /* each run's trained weights */
  ClModelHistory *histories[CL_RACE_MAX];   /* or NULL */
  ClTrainerStart starts[CL_RACE_MAX];       /* pointing at the two above */
} ClRaceFile;

ClRaceFile *cl_race_file_load     (const char *path, GError **error);
void        cl_race_file_free     (ClRaceFile *file);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClRaceFile, cl_race_file_free)

G_END_DECLS
