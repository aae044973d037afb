/* race.h — runs side by side: up to CL_RACE_MAX variants of one design that
 * differ in exactly one setting, trained on the same data from the same seed.
 *
 * A variant's design is the base design with that one setting changed
 * (cl_race_variant_spec), and it trains in an ordinary ClTrainer: a variant
 * is therefore bit for bit the single run of that design.  The variants
 * share the cores: each trainer gets the machine's threads divided among
 * the runs (results do not depend on the thread count).  The race is only
 * a handle on the trainers; snapshots, commands and the worker threads are
 * the trainer's own (trainer.h).
 */
#pragma once

#include <glib.h>

#include "engine/dataset.h"
#include "engine/net-spec.h"
#include "engine/trainer.h"

G_BEGIN_DECLS

#define CL_RACE_MAX 4

typedef enum {
  CL_RACE_OPTIMISER,      /* optimiser ids of net-spec.h: "sgd", "momentum", "adam"... */
  CL_RACE_LEARNING_RATE,  /* numbers, C locale: "0.1" */
  CL_RACE_ACTIVATION,     /* a registry activation name ("ReLU", "Sigmoid", "Tanh"...) for
                           * every hidden activation layer; the output's stays */
  CL_RACE_INIT,           /* init ids ("he-normal", "xavier-uniform"...) of every layer
                           * with parameters */
  CL_RACE_DROPOUT,        /* the rate of every Dropout layer: "0", "0.5" */
  CL_RACE_BATCH_SIZE,     /* an integer */
  CL_RACE_AUGMENTATION,   /* an augmentation id of augment.h: "none", "shift+flip"... */
  CL_RACE_N_SETTINGS
} ClRaceSetting;

/* Stable ids, for files and `convlab-cli train --compare ID=V1,V2`:
 * "optimiser", "learning-rate", "activation", "init", "dropout",
 * "batch-size", "augmentation"; from_string also takes "lr". */
const char *cl_race_setting_to_string   (ClRaceSetting setting);
gboolean    cl_race_setting_from_string (const char *id, ClRaceSetting *setting);
/* What a person calls it, translated: "Optimiser", "Learning rate"... */
const char *cl_race_setting_label       (ClRaceSetting setting);

/* A copy of `spec` with `setting` set to `value` (the id or number as
 * above), nothing else changed; NULL and an error naming the value and why
 * (unknown optimiser, a rate out of range, a design with no Dropout layer
 * to change...). */
ClNetSpec  *cl_race_variant_spec        (const ClNetSpec *spec, ClRaceSetting setting,
                                         const char *value, GError **error);
/* The legend's words for a variant, translated, numbers for the locale:
 * "Adam", "η = 0,1", "ReLU", "batch 64". */
char       *cl_race_variant_label       (ClRaceSetting setting, const char *value);

typedef struct _ClRace ClRace;

/* One trainer per value (2 to CL_RACE_MAX values), idle, each built as
 * cl_trainer_new would from its variant's design; `options` as for one
 * trainer (NULL: defaults), its `threads` shared among the runs.  `starts`
 * (NULL, or n_values entries each possibly all NULL) continues saved runs. */
ClRace     *cl_race_new                 (const ClNetSpec *spec, ClDataset *data,
                                         ClRaceSetting setting,
                                         const char *const *values, int n_values,
                                         const ClTrainerOptions *options,
                                         const ClTrainerStart *starts, GError **error);
void        cl_race_free                (ClRace *race);

ClRaceSetting cl_race_get_setting       (const ClRace *race);
int         cl_race_get_n_runs          (const ClRace *race);
const char *cl_race_get_value           (const ClRace *race, int run);
const ClNetSpec *cl_race_get_spec       (const ClRace *race, int run);
ClTrainer  *cl_race_get_trainer         (ClRace *race, int run);   /* borrowed */

/* The same command to every run. */
void        cl_race_play                (ClRace *race);
void        cl_race_pause               (ClRace *race);
void        cl_race_step                (ClRace *race);
void        cl_race_run_epochs          (ClRace *race, int epochs);
void        cl_race_reset               (ClRace *race);
/* Every run's newest snapshot, `out` holding cl_race_get_n_runs () new
 * references. */
void        cl_race_get_snapshots       (ClRace *race, ClSnapshot **out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClRace, cl_race_free)

G_END_DECLS
