/* cl-app-document.h — the design being edited, with its history.
 *
 * The one place the editor changes a design: every edit goes through a
 * function here, which snapshots the design for undo, re-runs shape
 * inference and emits "changed".  The canvas, the palette, the inspector
 * and the window only read it and call these functions, so undo covers
 * every edit whatever widget made it.
 */
#pragma once

#include <gio/gio.h>

#include "engine/design-file.h"
#include "engine/net.h"

G_BEGIN_DECLS

#define CL_APP_TYPE_DOCUMENT (cl_app_document_get_type ())

G_DECLARE_FINAL_TYPE (ClAppDocument, cl_app_document, CL_APP, DOCUMENT, GObject)

ClAppDocument     *cl_app_document_new              (void);

const ClDesign    *cl_app_document_get_design       (ClAppDocument *self);
const ClNetSpec   *cl_app_document_get_spec         (ClAppDocument *self);
int                cl_app_document_get_n_layers     (ClAppDocument *self);

/* Shape inference of the current design (cl_net_spec_check). */
const ClLayerInfo *cl_app_document_get_layer_info   (ClAppDocument *self);
int                cl_app_document_get_failed_layer (ClAppDocument *self);
/* The reason the design is invalid, or NULL when it is valid. */
const char        *cl_app_document_get_error        (ClAppDocument *self);
/* 0 when the design is invalid. */
guint64            cl_app_document_get_total_params (ClAppDocument *self);

/* The selected layer, -1 for none (not an edit: no undo step). */
int                cl_app_document_get_selected     (ClAppDocument *self);
void               cl_app_document_set_selected     (ClAppDocument *self, int i);

/* Edits.  Each is one undo step and selects the layer it touched. */
gboolean           cl_app_document_insert_layer     (ClAppDocument *self, int position,
                                                     const char *kind);
void               cl_app_document_remove_layer     (ClAppDocument *self, int i);
void               cl_app_document_move_layer       (ClAppDocument *self, int from, int to);
/* Consecutive changes of the same setting of the same layer (a spin button
 * held down) merge into one undo step. */
void               cl_app_document_set_setting      (ClAppDocument *self, int i, const char *name,
                                                     double value);
/* A layer’s initialisation (kind and scale): one undo step, consecutive
 * scale changes merged like a setting's. */
void               cl_app_document_set_init         (ClAppDocument *self, int i, ClInitKind init,
                                                     double value);
void               cl_app_document_set_input        (ClAppDocument *self, int c, int h, int w);
/* The data and the input shape it gives, in one step. */
void               cl_app_document_set_data         (ClAppDocument *self, const ClDataRef *data,
                                                     int c, int h, int w);
/* Training settings (learning rate, optimiser, batch size, epochs…): one
 * undo step, consecutive changes merged. */
void               cl_app_document_set_train        (ClAppDocument *self,
                                                     const ClTrainSettings *settings);
/* Replaces the whole design (a template, a new empty design): undoable. */
void               cl_app_document_replace          (ClAppDocument *self, const ClDesign *design);

/* Checks the design again, so its error reads in the current language. */
void               cl_app_document_recheck          (ClAppDocument *self);
gboolean           cl_app_document_can_undo         (ClAppDocument *self);
gboolean           cl_app_document_can_redo         (ClAppDocument *self);
void               cl_app_document_undo             (ClAppDocument *self);
void               cl_app_document_redo             (ClAppDocument *self);

/* Files.  Loading forgets the history; the file is what Save writes to. */
GFile             *cl_app_document_get_file         (ClAppDocument *self);
gboolean           cl_app_document_get_dirty        (ClAppDocument *self);
void               cl_app_document_load             (ClAppDocument *self, ClDesign *design,
                                                     GFile *file);
gboolean           cl_app_document_save             (ClAppDocument *self, GFile *file,
                                                     GError **error);
/* The window title's name: the design's name, else the file's, else "Untitled". */
char              *cl_app_document_dup_title        (ClAppDocument *self);

G_END_DECLS
