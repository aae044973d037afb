/* lesson.c — reading a lesson file (see lesson.h and data/lessons/README.md). */
#define G_LOG_DOMAIN "cl-engine"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "engine/error.h"
#include "engine/file-read.h"
#include "engine/json-reader.h"
#include "engine/lesson.h"
#include "engine/race.h"

static void
text_clear (ClLessonText *text)
{
  g_clear_pointer (&text->languages, g_strfreev);
  g_clear_pointer (&text->texts, g_strfreev);
}

static void
step_free (ClLessonStep *step)
{
  text_clear (&step->caption);
  text_clear (&step->try_this);
  g_free (step->design);
  g_free (step->panel);
  g_free (step->explorer);
  g_free (step->view);
  g_free (step->optimiser);
  g_free (step->compare);
  g_strfreev (step->compare_values);
  g_free (step);
}

void
cl_lesson_free (ClLesson *lesson)
{
  if (lesson == NULL)
    return;
  g_free (lesson->path);
  g_free (lesson->id);
  text_clear (&lesson->title);
  text_clear (&lesson->summary);
  text_clear (&lesson->notes);
  g_clear_pointer (&lesson->steps, g_ptr_array_unref);
  g_free (lesson);
}

/* ---- reading ---- */

typedef struct {
  const char *path;
  char *dir;
  GError **error;
} Reader;

static gboolean
bad (Reader *r, const char *field, const char *problem)
{
  g_set_error (r->error, CL_ERROR, CL_ERROR_FORMAT, _("“%s” is not a valid lesson: %s %s"),
               r->path, field, problem);
  return FALSE;
}

static const char *const panels[] = {
  "training", "filters", "activations", "dropout", "curves", "landscape", "gradients", NULL
};

const char *const cl_lesson_views[] = {
  "curves", "confusion", "decision", "units", "gallery", NULL
};

/* `value`, when set, must be one of `names`: said with the list. */
static gboolean
check_name (Reader *r, const char *field, const char *value, const char *const *names)
{
  if (value == NULL || g_strv_contains (names, value))
    return TRUE;
  g_autofree char *list = g_strjoinv (", ", (char **) names);
  g_autofree char *problem = g_strdup_printf (_("must be one of %s."), list);
  return bad (r, field, problem);
}

/* {"en": "…", "fr": "…"}, or a plain string (one language: English). */
static gboolean
read_text (Reader *r, JsonObject *object, const char *name, gboolean required,
           ClLessonText *out)
{
  JsonNode *node = cl_json_member (object, name);
  g_autofree char *field = g_strdup_printf ("“%s”", name);

  if (cl_json_kind (node) == CL_JSON_ABSENT)
    return required ? bad (r, field, _("is missing.")) : TRUE;
  if (cl_json_string (node) != NULL)
    {
      const char *langs[] = { "en", NULL };
      const char *texts[] = { cl_json_string (node), NULL };
      out->languages = g_strdupv ((char **) langs);
      out->texts = g_strdupv ((char **) texts);
      return TRUE;
    }
  JsonObject *texts = cl_json_object (node);
  if (texts == NULL || json_object_get_size (texts) == 0)
    return bad (r, field, _("must be a text, or an object of texts by language ({\"en\": …, \"fr\": …})."));

  g_autoptr(GStrvBuilder) langs = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) values = g_strv_builder_new ();
  g_autoptr(GList) members = json_object_get_members (texts);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *value = cl_json_string (json_object_get_member (texts, l->data));
      if (value == NULL)
        {
          g_autofree char *inner = g_strdup_printf ("“%s”.“%s”", name, (char *) l->data);
          return bad (r, inner, _("must be a text."));
        }
      g_strv_builder_add (langs, l->data);
      g_strv_builder_add (values, value);
    }
  out->languages = g_strv_builder_end (langs);
  out->texts = g_strv_builder_end (values);
  return TRUE;
}

static gboolean
read_name (Reader *r, JsonObject *object, const char *name, char **out)
{
  JsonNode *node = cl_json_member (object, name);
  g_autofree char *field = g_strdup_printf ("“%s”", name);

  if (cl_json_kind (node) == CL_JSON_ABSENT)
    return TRUE;
  const char *value = cl_json_string (node);
  if (value == NULL || *value == '\0')
    return bad (r, field, _("must be a non-empty text."));
  *out = g_strdup (value);
  return TRUE;
}

/* "compare": {"setting": "optimiser", "values": ["sgd", "adam"]}: the
 * setting an id of race.h, 2 to CL_RACE_MAX values as texts (whether a
 * value fits the design is said when the race is built). */
static gboolean
read_compare (Reader *r, JsonObject *object, ClLessonStep *step)
{
  JsonNode *node = cl_json_member (object, "compare");
  if (cl_json_kind (node) == CL_JSON_ABSENT)
    return TRUE;
  JsonObject *compare = cl_json_object (node);
  if (compare == NULL)
    return bad (r, "“compare”", _("must be an object with a “setting” and its “values”."));

  const char *setting = cl_json_string (cl_json_member (compare, "setting"));
  ClRaceSetting kind;
  if (setting == NULL || !cl_race_setting_from_string (setting, &kind))
    {
      g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
      for (int i = 0; i < CL_RACE_N_SETTINGS; i++)
        g_strv_builder_add (ids, cl_race_setting_to_string (i));
      g_auto(GStrv) names = g_strv_builder_end (ids);
      g_autofree char *list = g_strjoinv (", ", names);
      g_autofree char *problem = g_strdup_printf (_("must be one of %s."), list);
      return bad (r, "“compare”.“setting”", problem);
    }

  JsonArray *values = cl_json_array (cl_json_member (compare, "values"));
  guint n = values != NULL ? json_array_get_length (values) : 0;
  g_autofree char *problem = g_strdup_printf (_("must be a list of 2 to %d non-empty texts."),
                                              CL_RACE_MAX);
  if (n < 2 || n > CL_RACE_MAX)
    return bad (r, "“compare”.“values”", problem);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  for (guint i = 0; i < n; i++)
    {
      const char *value = cl_json_string (json_array_get_element (values, i));
      if (value == NULL || *value == '\0')
        return bad (r, "“compare”.“values”", problem);
      g_strv_builder_add (builder, value);
    }
  step->compare = g_strdup (cl_race_setting_to_string (kind));
  step->compare_values = g_strv_builder_end (builder);
  return TRUE;
}

static gboolean
read_step (Reader *r, JsonObject *object, gboolean first, ClLessonStep *step)
{
  step->speed = -1;
  if (!read_text (r, object, "caption", first, &step->caption)
      || !read_text (r, object, "try", FALSE, &step->try_this)
      || !read_name (r, object, "panel", &step->panel)
      || !read_name (r, object, "explorer", &step->explorer)
      || !read_name (r, object, "view", &step->view)
      || !read_name (r, object, "optimiser", &step->optimiser)
      || !read_compare (r, object, step))
    return FALSE;
  static const char *const optimisers[] = { "sgd", "momentum", "nesterov", "rmsprop", "adam", NULL };
  if (!check_name (r, "“view”", step->view, cl_lesson_views)
      || !check_name (r, "“optimiser”", step->optimiser, optimisers))
    return FALSE;

  if (step->panel != NULL && !g_strv_contains (panels, step->panel))
    {
      g_autofree char *list = g_strjoinv (", ", (char **) panels);
      g_autofree char *problem = g_strdup_printf (_("names no panel (one of %s)."), list);
      return bad (r, "“panel”", problem);
    }

  g_autofree char *design = NULL;
  if (!read_name (r, object, "design", &design))
    return FALSE;
  if (design != NULL)
    {
      /* Beside the lesson: the shipped ones say "../designs/xor.json". */
      step->design = g_path_is_absolute (design) ? g_strdup (design)
                                                 : g_build_filename (r->dir, design, NULL);
      if (!g_file_test (step->design, G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *problem = g_strdup_printf (_("names “%s”, which is not a file."), design);
          return bad (r, "“design”", problem);
        }
    }

  JsonNode *rate = cl_json_member (object, "learning_rate");
  if (cl_json_kind (rate) != CL_JSON_ABSENT
      && (!cl_json_number (rate, &step->learning_rate) || step->learning_rate <= 0
          || step->learning_rate > 1000))
    return bad (r, "“learning_rate”", _("must be a number above 0 and at most 1000."));

  JsonNode *zoom = cl_json_member (object, "zoom");
  if (cl_json_kind (zoom) != CL_JSON_ABSENT
      && (!cl_json_number (zoom, &step->zoom) || step->zoom < 0.5 || step->zoom > 3))
    return bad (r, "“zoom”", _("must be a number from 0.5 to 3."));

  JsonNode *speed = cl_json_member (object, "speed");
  double s;
  if (cl_json_kind (speed) != CL_JSON_ABSENT)
    {
      if (!cl_json_whole (speed, 0, 1000, &s))
        return bad (r, "“speed”", _("must be a whole number of steps a second from 0 (full speed) to 1000."));
      step->speed = (int) s;
    }

  if (first && step->design == NULL && step->explorer == NULL)
    return bad (r, _("the lesson"), _("needs a “design” or an “explorer” to show."));
  return TRUE;
}

static gboolean
read_lesson (Reader *r, JsonObject *root, ClLesson *lesson)
{
  const char *format = cl_json_string (cl_json_member (root, "format"));
  if (g_strcmp0 (format, CL_LESSON_FORMAT) != 0)
    return bad (r, "“format”", _("must be “convlab-lesson”."));
  double version;
  if (!cl_json_whole (cl_json_member (root, "version"), 1, G_MAXINT, &version))
    return bad (r, "“version”", _("must be a whole number from 1."));
  if (version > CL_LESSON_VERSION)
    {
      g_set_error (r->error, CL_ERROR, CL_ERROR_VERSION,
                   _("“%s” was made by a newer version of ConvLab (lesson format %d; this "
                     "version reads %d)."), r->path, (int) version, CL_LESSON_VERSION);
      return FALSE;
    }
  double number;
  if (!cl_json_whole (cl_json_member (root, "number"), 1, 999, &number))
    return bad (r, "“number”", _("must be a whole number from 1 to 999 (its place in the course)."));
  lesson->number = (int) number;

  if (!read_text (r, root, "title", TRUE, &lesson->title)
      || !read_text (r, root, "summary", TRUE, &lesson->summary)
      || !read_text (r, root, "notes", FALSE, &lesson->notes))
    return FALSE;

  /* The lesson as it opens is its first step; "steps" are the next ones. */
  ClLessonStep *first = g_new0 (ClLessonStep, 1);
  g_ptr_array_add (lesson->steps, first);
  if (!read_step (r, root, TRUE, first))
    return FALSE;

  JsonNode *steps_node = cl_json_member (root, "steps");
  if (cl_json_kind (steps_node) == CL_JSON_ABSENT)
    return TRUE;
  JsonArray *steps = cl_json_array (steps_node);
  if (steps == NULL)
    return bad (r, "“steps”", _("must be a list of steps."));
  if (json_array_get_length (steps) >= CL_LESSON_MAX_STEPS)
    return bad (r, "“steps”", _("has too many steps (at most 31)."));
  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonObject *object = cl_json_object (json_array_get_element (steps, i));
      ClLessonStep *step = g_new0 (ClLessonStep, 1);
      g_ptr_array_add (lesson->steps, step);
      if (object == NULL)
        {
          g_autofree char *field = g_strdup_printf (_("step %u"), i + 1);
          return bad (r, field, _("must be an object."));
        }
      if (!read_step (r, object, FALSE, step))
        return FALSE;
      if (step->caption.texts == NULL)
        {
          g_autofree char *field = g_strdup_printf (_("step %u"), i + 1);
          return bad (r, field, _("needs a “caption”."));
        }
    }
  return TRUE;
}

ClLesson *
cl_lesson_load (const char *path, GError **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = cl_file_read_regular (path, CL_LESSON_MAX_BYTES, &local_error);

  if (bytes == NULL)
    {
      if (g_error_matches (local_error, CL_ERROR, CL_ERROR_TOO_LARGE))
        g_set_error (error, CL_ERROR, CL_ERROR_TOO_LARGE,
                     _("“%s” is not a valid lesson: it is larger than 256 KB."), path);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  gsize length;
  const char *text = g_bytes_get_data (bytes, &length);
  g_autoptr(JsonNode) root = cl_json_parse_object (text != NULL ? text : "", (gssize) length,
                                                   &local_error);
  if (root == NULL)
    {
      g_set_error (error, CL_ERROR, CL_ERROR_FORMAT, _("“%s” is not a valid lesson: %s"), path,
                   local_error->message);
      return NULL;
    }

  g_autoptr(ClLesson) lesson = g_new0 (ClLesson, 1);
  g_autofree char *base = g_path_get_basename (path);
  lesson->path = g_strdup (path);
  lesson->id = g_str_has_suffix (base, ".json") ? g_strndup (base, strlen (base) - 5)
                                                : g_strdup (base);
  lesson->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);

  Reader r = { path, g_path_get_dirname (path), error };
  gboolean ok = read_lesson (&r, json_node_get_object (root), lesson);
  g_free (r.dir);
  return ok ? g_steal_pointer (&lesson) : NULL;
}

/* ---- using ---- */

guint
cl_lesson_get_n_steps (const ClLesson *lesson)
{
  return lesson->steps->len;
}

static void
text_keep (ClLessonText *out, const ClLessonText *text)
{
  if (text->texts != NULL)
    *out = *text;
}

void
cl_lesson_get_step (const ClLesson *lesson, guint i, ClLessonStep *out)
{
  memset (out, 0, sizeof *out);
  out->speed = -1;
  for (guint k = 0; k <= i && k < lesson->steps->len; k++)
    {
      const ClLessonStep *step = g_ptr_array_index (lesson->steps, k);
      text_keep (&out->caption, &step->caption);
      /* A step's "try this" is its own: the last one's is done. */
      out->try_this = step->try_this;
      if (step->design != NULL)
        out->design = step->design;
      if (step->panel != NULL)
        out->panel = step->panel;
      if (step->explorer != NULL)
        out->explorer = step->explorer;
      if (step->view != NULL)
        out->view = step->view;
      if (step->optimiser != NULL)
        out->optimiser = step->optimiser;
      if (step->learning_rate > 0)
        out->learning_rate = step->learning_rate;
      if (step->speed >= 0)
        out->speed = step->speed;
      if (step->zoom > 0)
        out->zoom = step->zoom;
      if (step->compare != NULL)
        {
          out->compare = step->compare;
          out->compare_values = step->compare_values;
        }
    }
}

gboolean
cl_lesson_text_has (const ClLessonText *text, const char *language)
{
  return text->languages != NULL && g_strv_contains ((const char *const *) text->languages,
                                                     language);
}

static const char *
text_in (const ClLessonText *text, const char *language)
{
  for (guint i = 0; text->languages != NULL && text->languages[i] != NULL; i++)
    if (g_str_equal (text->languages[i], language))
      return text->texts[i];
  return NULL;
}

const char *
cl_lesson_text (const ClLessonText *text, const char *const *languages)
{
  if (text->texts == NULL || text->texts[0] == NULL)
    return "";
  if (languages == NULL)
    languages = g_get_language_names ();
  /* "fr_FR.UTF-8", "fr_FR", "fr", "C": the first a lesson has wins. */
  for (guint i = 0; languages[i] != NULL; i++)
    {
      const char *found = text_in (text, languages[i]);
      if (found != NULL)
        return found;
    }
  const char *english = text_in (text, "en");
  return english != NULL ? english : text->texts[0];
}

static int
by_number (gconstpointer a, gconstpointer b)
{
  const ClLesson *x = *(ClLesson *const *) a, *y = *(ClLesson *const *) b;
  return x->number != y->number ? (x->number < y->number ? -1 : 1) : g_strcmp0 (x->id, y->id);
}

GPtrArray *
cl_lessons_load_dir (const char *dir, GPtrArray *errors)
{
  GPtrArray *lessons = g_ptr_array_new_with_free_func ((GDestroyNotify) cl_lesson_free);
  g_autoptr(GDir) d = dir != NULL ? g_dir_open (dir, 0, NULL) : NULL;
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      if (!g_str_has_suffix (name, ".json"))
        continue;
      g_autofree char *path = g_build_filename (dir, name, NULL);
      GError *error = NULL;
      ClLesson *lesson = cl_lesson_load (path, &error);
      if (lesson != NULL)
        g_ptr_array_add (lessons, lesson);
      else if (errors != NULL)
        g_ptr_array_add (errors, error);
      else
        g_error_free (error);
    }
  g_ptr_array_sort (lessons, by_number);
  return lessons;
}

char *
cl_lessons_find_dir (void)
{
  /* Installed first; the source tree is for tools/run and the tests. */
  static const char *const candidates[] = { PKGDATADIR, SOURCE_DATADIR };
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *dir = g_build_filename (candidates[i], "lessons", NULL);
      if (g_file_test (dir, G_FILE_TEST_IS_DIR))
        return g_steal_pointer (&dir);
    }
  return NULL;
}
