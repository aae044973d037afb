/* lesson.h — a lesson of the course, read from a file of data/lessons/.
 *
 * A lesson says what to show for one idea of the course — a design with
 * its data, a panel or an explorer, a speed — and what to say: a title, a
 * one-line summary for its card, a caption of a few sentences with one
 * "try this", and notes for the teacher.  A lesson may have steps (the
 * remote's Page Down moves to the next): each changes what it names and
 * keeps the rest.  Lessons are data, not code, so a teacher can add one;
 * the format is documented in data/lessons/README.md.
 *
 * Texts are given per language ({"en": "…", "fr": "…"}) rather than
 * through the translation catalogue, because a teacher's own lesson file
 * carries its own words; the shipped lessons are checked to have both.
 */
#pragma once

#include <glib.h>

#include "engine/net-spec.h"

G_BEGIN_DECLS

#define CL_LESSON_FORMAT  "convlab-lesson"
#define CL_LESSON_VERSION 1
/* A lesson is a few kilobytes of text. */
#define CL_LESSON_MAX_BYTES (256 * 1024)
#define CL_LESSON_MAX_STEPS 32

/* One text in several languages. */
typedef struct {
  char **languages;  /* "en", "fr"… (NULL-terminated) */
  char **texts;      /* the same order */
} ClLessonText;

/* What a step shows and says; NULL or 0 members keep the previous step's. */
typedef struct {
  ClLessonText caption;
  ClLessonText try_this;
  char *design;          /* the design file's absolute path */
  char *panel;           /* training, filters, activations, dropout, curves, landscape */
  char *explorer;        /* an explorer's id (cl-app-explorers.c) */
  char *view;            /* the Curves panel's picture: curves, confusion, decision, units, gallery */
  char *optimiser;       /* sgd, momentum, nesterov, rmsprop, adam: set on the design */
  double learning_rate;  /* > 0: set on the design */
  int speed;             /* ≥ 0: steps a second (0 full), −1 keeps the design's */
  double zoom;           /* > 0: the canvas's and the pictures' zoom (0.5 to 3) */
  char *compare;         /* a race's setting id (engine/race.h): open the Compare Runs
                          * window on it and start the race */
  char **compare_values; /* its 2 to CL_RACE_MAX values (NULL-terminated) */
} ClLessonStep;

typedef struct {
  char *path;            /* the file it was read from */
  char *id;              /* the file's name without ".json" */
  int number;            /* its place in the course (1, 2, …) */
  ClLessonText title;
  ClLessonText summary;  /* one line, for its card */
  ClLessonText notes;    /* what to say: for the teacher, never projected */
  GPtrArray *steps;      /* ClLessonStep *, at least one: the lesson as it opens */
} ClLesson;

ClLesson   *cl_lesson_load          (const char *path, GError **error);
void        cl_lesson_free          (ClLesson *lesson);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ClLesson, cl_lesson_free)

guint       cl_lesson_get_n_steps   (const ClLesson *lesson);
/* Step `i` as it shows: every member filled from the steps before. */
void        cl_lesson_get_step      (const ClLesson *lesson, guint i, ClLessonStep *out);

/* The Curves panel's pictures, as a lesson's "view" names them. */
extern const char *const cl_lesson_views[];

/* The text in the first of `languages` it has (NULL: the user's, as
 * g_get_language_names () says), else English, else its first. */
const char *cl_lesson_text          (const ClLessonText *text, const char *const *languages);
gboolean    cl_lesson_text_has      (const ClLessonText *text, const char *language);

/* Every lesson of `dir` (its *.json files), in the course's order; files
 * that cannot be read are left out, each with its error in `errors` (may
 * be NULL). */
GPtrArray  *cl_lessons_load_dir     (const char *dir, GPtrArray *errors);
/* The shipped lessons' directory (PKGDATADIR/lessons, else the source
 * tree's), or NULL. */
char       *cl_lessons_find_dir     (void);

G_END_DECLS
