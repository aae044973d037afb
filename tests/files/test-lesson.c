/* Lesson files: every shipped lesson reads, speaks French and English in
 * every text, shows a design that fits its data; a lesson's steps keep
 * what they do not change; the text follows the user's language; and a
 * wrong file is refused with its name and the field at fault. */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include "engine/data-source.h"
#include "engine/design-file.h"
#include "engine/lesson.h"
#include "engine/net.h"

static char *tmpdir;

static char *
write_lesson (const char *name, const char *text)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  return path;
}

static void
assert_bilingual (const ClLessonText *text, const char *what, const char *lesson)
{
  if (text->texts == NULL)
    return;
  if (!cl_lesson_text_has (text, "en") || !cl_lesson_text_has (text, "fr"))
    g_error ("%s: its %s lacks English or French", lesson, what);
}

static void
test_shipped_lessons (void)
{
  g_autofree char *dir = cl_lessons_find_dir ();
  g_assert_nonnull (dir);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GPtrArray) lessons = cl_lessons_load_dir (dir, errors);

  for (guint i = 0; i < errors->len; i++)
    g_printerr ("%s\n", ((GError *) errors->pdata[i])->message);
  g_assert_cmpuint (errors->len, ==, 0);
  g_assert_cmpuint (lessons->len, >=, 10);

  int previous = 0;
  for (guint i = 0; i < lessons->len; i++)
    {
      const ClLesson *lesson = lessons->pdata[i];
      g_test_message ("lesson %d %s", lesson->number, lesson->id);
      /* In the course's order, one lesson per place. */
      g_assert_cmpint (lesson->number, >, previous);
      previous = lesson->number;
      assert_bilingual (&lesson->title, "title", lesson->id);
      assert_bilingual (&lesson->summary, "summary", lesson->id);
      assert_bilingual (&lesson->notes, "notes", lesson->id);
      g_assert_nonnull (lesson->notes.texts);
      for (guint s = 0; s < cl_lesson_get_n_steps (lesson); s++)
        {
          const ClLessonStep *own = g_ptr_array_index (lesson->steps, s);
          assert_bilingual (&own->caption, "caption", lesson->id);
          assert_bilingual (&own->try_this, "try", lesson->id);
          g_assert_nonnull (own->try_this.texts);

          ClLessonStep step;
          cl_lesson_get_step (lesson, s, &step);
          if (step.design == NULL)
            continue;
          /* The design reads and fits its data's shape. */
          g_autoptr(GError) error = NULL;
          ClDesign *design = cl_design_load (step.design, &error);
          g_assert_no_error (error);
          guint c, h, w;
          if (cl_data_ref_peek_shape (&design->data, &c, &h, &w))
            {
              ClShape input = cl_net_spec_get_input (design->spec);
              g_assert_cmpint (input.c, ==, c);
              g_assert_cmpint (input.h, ==, h);
              g_assert_cmpint (input.w, ==, w);
            }
          g_assert_true (cl_net_spec_check (design->spec, NULL, NULL, &error));
          g_assert_no_error (error);
          cl_design_free (design);
        }
    }
}

static const char *const good =
  "{ \"format\": \"convlab-lesson\", \"version\": 1, \"number\": 3,"
  "  \"title\": {\"en\": \"Title\", \"fr\": \"Titre\"}, \"summary\": \"One line\","
  "  \"caption\": {\"en\": \"First\", \"fr\": \"Premier\"}, \"try\": \"Press Play\","
  "  \"design\": \"designs/d.json\", \"panel\": \"curves\", \"speed\": 5, \"zoom\": 1.5,"
  "  \"steps\": ["
  "    { \"caption\": \"Second\", \"learning_rate\": 5, \"optimiser\": \"adam\", \"view\": \"decision\" },"
  "    { \"caption\": \"Third\", \"try\": \"Look\", \"explorer\": \"descent\", \"panel\": \"filters\" }"
  "  ] }";

/* "compare" names a race: its setting (also as "lr") and values, kept by
 * the steps after it; the optimiser lesson races the four optimisers. */
static void
test_compare (void)
{
  g_autofree char *design = g_build_filename (tmpdir, "designs", "d.json", NULL);
  g_autofree char *path = write_lesson ("04-race.json",
    "{ \"format\": \"convlab-lesson\", \"version\": 1, \"number\": 4, \"title\": \"t\","
    "  \"summary\": \"s\", \"caption\": \"c\", \"design\": \"designs/d.json\","
    "  \"compare\": {\"setting\": \"lr\", \"values\": [\"0.1\", \"1\"]},"
    "  \"steps\": [ { \"caption\": \"next\" },"
    "             { \"caption\": \"last\", \"compare\": {\"setting\": \"optimiser\","
    "                                                   \"values\": [\"sgd\", \"momentum\", \"adam\"]} } ] }");
  g_autoptr(GError) error = NULL;
  ClLessonStep step;

  g_assert_true (g_file_set_contents (design, "{}", -1, NULL));
  g_autoptr(ClLesson) lesson = cl_lesson_load (path, &error);
  g_assert_no_error (error);
  cl_lesson_get_step (lesson, 0, &step);
  g_assert_cmpstr (step.compare, ==, "learning-rate");
  g_assert_cmpuint (g_strv_length (step.compare_values), ==, 2);
  g_assert_cmpstr (step.compare_values[1], ==, "1");
  cl_lesson_get_step (lesson, 1, &step);
  g_assert_cmpstr (step.compare, ==, "learning-rate");
  cl_lesson_get_step (lesson, 2, &step);
  g_assert_cmpstr (step.compare, ==, "optimiser");
  g_assert_cmpuint (g_strv_length (step.compare_values), ==, 3);
  g_assert_cmpstr (step.compare_values[2], ==, "adam");
  g_unlink (path);

  g_autofree char *dir = cl_lessons_find_dir ();
  g_autofree char *optimisers = g_build_filename (dir, "15-optimisers.json", NULL);
  g_autoptr(ClLesson) shipped = cl_lesson_load (optimisers, &error);
  g_assert_no_error (error);
  cl_lesson_get_step (shipped, 0, &step);
  g_assert_cmpstr (step.compare, ==, "optimiser");
  const char *four[] = { "sgd", "momentum", "rmsprop", "adam", NULL };
  g_assert_true (g_strv_equal ((const char *const *) step.compare_values, four));
}

static void
test_steps_keep_what_they_do_not_change (void)
{
  g_autofree char *design = g_build_filename (tmpdir, "designs", "d.json", NULL);
  g_autofree char *path = write_lesson ("03-good.json", good);
  g_autoptr(GError) error = NULL;
  g_assert_true (g_file_set_contents (design, "{}", -1, NULL));
  g_autoptr(ClLesson) lesson = cl_lesson_load (path, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (lesson->id, ==, "03-good");
  g_assert_cmpint (lesson->number, ==, 3);
  g_assert_cmpuint (cl_lesson_get_n_steps (lesson), ==, 3);

  const char *fr[] = { "fr_FR.UTF-8", "fr_FR", "fr", "C", NULL };
  const char *de[] = { "de", "C", NULL };
  ClLessonStep step;
  cl_lesson_get_step (lesson, 0, &step);
  g_assert_cmpstr (step.design, ==, design);
  g_assert_cmpstr (step.panel, ==, "curves");
  g_assert_null (step.explorer);
  g_assert_cmpint (step.speed, ==, 5);
  g_assert_cmpfloat (step.zoom, ==, 1.5);
  g_assert_cmpfloat (step.learning_rate, ==, 0);
  g_assert_cmpstr (cl_lesson_text (&step.caption, fr), ==, "Premier");
  g_assert_cmpstr (cl_lesson_text (&step.caption, de), ==, "First");
  g_assert_cmpstr (cl_lesson_text (&step.try_this, fr), ==, "Press Play");

  cl_lesson_get_step (lesson, 1, &step);
  g_assert_cmpstr (step.design, ==, design);
  g_assert_cmpstr (step.panel, ==, "curves");
  g_assert_cmpfloat (step.learning_rate, ==, 5);
  g_assert_cmpstr (step.optimiser, ==, "adam");
  g_assert_cmpstr (step.view, ==, "decision");
  g_assert_cmpstr (cl_lesson_text (&step.caption, fr), ==, "Second");
  /* A "try this" belongs to its step. */
  g_assert_cmpstr (cl_lesson_text (&step.try_this, fr), ==, "");

  cl_lesson_get_step (lesson, 2, &step);
  g_assert_cmpstr (step.explorer, ==, "descent");
  g_assert_cmpstr (step.optimiser, ==, "adam");
  g_assert_cmpstr (step.panel, ==, "filters");
  g_assert_cmpfloat (step.learning_rate, ==, 5);
  g_assert_cmpstr (cl_lesson_text (&step.try_this, de), ==, "Look");
  g_assert_cmpstr (cl_lesson_text (&lesson->title, fr), ==, "Titre");
  g_unlink (design);
}

/* Each wrong file: its name and the field are in the message. */
static void
test_wrong_files_are_refused (void)
{
  static const struct { const char *text; const char *field; } cases[] = {
    { "[1]", "not" },
    { "{\"format\": \"convlab-design\", \"version\": 1}", "“format”" },
    { "{\"format\": \"convlab-lesson\", \"version\": \"one\"}", "“version”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1}", "“number”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 0}", "“number”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2}", "“title”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": 5}", "“title”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": {\"fr\": 5}}",
      "“title”.“fr”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\"}", "“caption”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\"}", "“design”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\", \"design\": \"nowhere.json\"}", "nowhere.json" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\", \"explorer\": \"x\", \"panel\": \"kitchen\"}",
      "“panel”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\", \"explorer\": \"x\", \"speed\": -1}", "“speed”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\", \"explorer\": \"x\", \"learning_rate\": 0}",
      "“learning_rate”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\", \"explorer\": \"x\", \"view\": \"pie\"}", "“view”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\", \"explorer\": \"x\", \"optimiser\": \"lbfgs\"}",
      "“optimiser”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\", \"explorer\": \"x\", \"zoom\": 9}", "“zoom”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\", \"explorer\": \"x\", \"steps\": {}}", "“steps”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\", \"explorer\": \"x\", \"steps\": [{}]}", "step 1" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\", \"explorer\": \"x\", \"steps\": [7]}", "step 1" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\", \"explorer\": \"x\", \"compare\": \"adam\"}", "“compare”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\", \"explorer\": \"x\","
      " \"compare\": {\"setting\": \"colour\", \"values\": [\"a\", \"b\"]}}", "“compare”.“setting”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\", \"explorer\": \"x\","
      " \"compare\": {\"values\": [\"sgd\", \"adam\"]}}", "“compare”.“setting”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\", \"explorer\": \"x\","
      " \"compare\": {\"setting\": \"optimiser\", \"values\": [\"sgd\"]}}", "“compare”.“values”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\", \"explorer\": \"x\","
      " \"compare\": {\"setting\": \"optimiser\", \"values\": [\"a\", \"b\", \"c\", \"d\", \"e\"]}}",
      "“compare”.“values”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\", \"explorer\": \"x\","
      " \"compare\": {\"setting\": \"optimiser\", \"values\": [\"sgd\", 0.1]}}", "“compare”.“values”" },
    { "{\"format\": \"convlab-lesson\", \"version\": 1, \"number\": 2, \"title\": \"t\","
      " \"summary\": \"s\", \"caption\": \"c\", \"explorer\": \"x\","
      " \"compare\": {\"setting\": \"optimiser\", \"values\": [\"sgd\", \"\"]}}", "“compare”.“values”" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = write_lesson ("wrong.json", cases[i].text);
      g_autoptr(GError) error = NULL;
      ClLesson *lesson = cl_lesson_load (path, &error);
      g_test_message ("case %u: %s", i, error != NULL ? error->message : "(read)");
      g_assert_null (lesson);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, cases[i].field));
      g_unlink (path);
    }

  /* From a newer ConvLab: said so. */
  g_autofree char *newer = write_lesson ("newer.json", "{\"format\": \"convlab-lesson\", \"version\": 9}");
  g_autoptr(GError) error = NULL;
  g_assert_null (cl_lesson_load (newer, &error));
  g_assert_nonnull (strstr (error->message, "newer"));
  g_unlink (newer);

  /* Not a file, or too large: refused before reading. */
  g_clear_error (&error);
  g_assert_null (cl_lesson_load (tmpdir, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (cl_lesson_load ("/dev/zero", &error));
  g_assert_nonnull (error);
}

/* A directory with a wrong file: the others are still listed, and the
 * wrong one is named. */
static void
test_directory_keeps_the_good_ones (void)
{
  g_autofree char *design = g_build_filename (tmpdir, "designs", "d.json", NULL);
  g_autofree char *a = write_lesson ("03-good.json", good);
  g_autofree char *b = write_lesson ("04-wrong.json", "{");
  g_assert_true (g_file_set_contents (design, "{}", -1, NULL));
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GPtrArray) lessons = cl_lessons_load_dir (tmpdir, errors);

  g_assert_cmpuint (lessons->len, ==, 1);
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_nonnull (strstr (((GError *) errors->pdata[0])->message, "04-wrong.json"));
  g_unlink (a);
  g_unlink (b);
  g_unlink (design);
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("convlab-lessons-XXXXXX", NULL);
  g_test_add_func ("/files/lesson/shipped-lessons", test_shipped_lessons);
  g_test_add_func ("/files/lesson/steps-keep-what-they-do-not-change",
                   test_steps_keep_what_they_do_not_change);
  g_test_add_func ("/files/lesson/wrong-files-are-refused", test_wrong_files_are_refused);
  g_test_add_func ("/files/lesson/compare", test_compare);
  g_test_add_func ("/files/lesson/directory-keeps-the-good-ones",
                   test_directory_keeps_the_good_ones);
  g_autofree char *designs = g_build_filename (tmpdir, "designs", NULL);
  g_mkdir (designs, 0700);
  int status = g_test_run ();
  g_rmdir (designs);
  g_rmdir (tmpdir);
  g_free (tmpdir);
  return status;
}
