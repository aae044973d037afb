/* cl-app-data-settings.h — the settings of the chosen data in a popover:
 * for a toy set its points, noise, test part, classes and seed (noisy data
 * and overfitting are part of the course, so the noise is one click away);
 * for a folder of images the side they are scaled to, grey or colour, the
 * test part and the seed that draws it; for every image set how its pixels
 * are normalised (0 to 1, standardised, or each image's own contrast);
 * and, below, the augmentation of the training images (shift, flip, crop,
 * rotation: part of the design's training settings, the window makes its
 * edits undoable) with a strip of what it makes of the first image. */
#pragma once

#include <gtk/gtk.h>

#include "engine/augment.h"
#include "engine/data-source.h"
#include "engine/dataset.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_DATA_SETTINGS (cl_app_data_settings_get_type ())

G_DECLARE_FINAL_TYPE (ClAppDataSettings, cl_app_data_settings, CL_APP, DATA_SETTINGS, GtkPopover)

GtkWidget *cl_app_data_settings_new       (void);
/* Whether a source has settings here (all do: toy sets theirs, image sets
 * at least their normalisation). */
gboolean   cl_app_data_settings_applies   (const char *source);
/* Shows the settings of `ref`'s kind with its values, without emitting
 * "changed". */
void       cl_app_data_settings_show      (ClAppDataSettings *self, const ClDataRef *ref);
/* Writes the values shown into `ref`'s options of that kind. */
void       cl_app_data_settings_apply     (ClAppDataSettings *self, ClDataRef *ref);
/* Shows the design's augmentation and training seed (the strip's draws),
 * without emitting "augment-changed"; the controls are off for toy sets,
 * with the reason, since show() was given one. */
void       cl_app_data_settings_show_augment (ClAppDataSettings *self,
                                              const ClAugmentSettings *augment, guint64 seed);
/* The augmentation the controls show. */
void       cl_app_data_settings_get_augment  (ClAppDataSettings *self, ClAugmentSettings *augment);
/* The training run's current epoch (0-based, as the trainer counts): the
 * strip shows the image as the worker makes it now and in the epochs after. */
void       cl_app_data_settings_set_epoch    (ClAppDataSettings *self, int epoch);
/* The loaded data, whose first training image the strip shows (NULL: none). */
void       cl_app_data_settings_set_preview  (ClAppDataSettings *self, ClDataset *dataset);

G_END_DECLS
