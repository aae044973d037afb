/* cli-race.h — `convlab-cli train --compare`: runs side by side. */
#pragma once

#include <glib.h>

#include "engine/dataset.h"
#include "engine/design-file.h"
#include "engine/race.h"

G_BEGIN_DECLS

typedef struct {
  const ClDesign *design;   /* the base, its training settings as given */
  ClDataset *data;
  const char *name;         /* what the design is called in messages */
  const char *compare;      /* "SETTING=V1,V2[,V3,V4]" */
  int epochs;
  int threads;              /* 0: all */
  const char *curves;       /* a PNG to write, or NULL */
  const char *save_race;    /* NAME.convlab-race to write, or NULL */
} ClCliRace;

/* "optimiser=sgd,adam": the setting and 2 to CL_RACE_MAX values (the
 * values themselves are checked by the race); an error that quotes what
 * is wrong. */
gboolean cl_cli_parse_compare (const char *text, ClRaceSetting *setting, GStrv *values,
                               GError **error);
/* Trains the race to the end, prints the table, writes what was asked;
 * the command's exit status. */
int      cl_cli_train_race    (const ClCliRace *args);

G_END_DECLS
