#define G_LOG_DOMAIN "cl-render"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "render/neuron-course.h"

/* Sport is the second column, as on the slide (Gino 2, Marin 15, Arsène
 * 20); columns 1, 3, 4 and 5 are the sciences, 6 and 7 the others. */
static const char *const subjects[CL_NEURON_COURSE_N_SUBJECTS] = {
  N_("Maths"), N_("Sport"), N_("Physics"), N_("Chemistry"), N_("Biology"), N_("French"),
  N_("History"),
};

static const char *const students[CL_NEURON_COURSE_N_STUDENTS] = { "Gino", "Marin", "Arsène" };

static const double marks[CL_NEURON_COURSE_N_STUDENTS][CL_NEURON_COURSE_N_SUBJECTS] = {
  { 12, 2, 13, 18, 12, 10, 9 },
  { 2, 15, 9, 10, 14, 18, 19 },
  { 10, 20, 14, 13, 11, 13, 14 },
};

const char *
cl_neuron_course_subject (int subject)
{
  g_return_val_if_fail (subject >= 0 && subject < CL_NEURON_COURSE_N_SUBJECTS, NULL);
  return _(subjects[subject]);
}

const char *
cl_neuron_course_student (int student)
{
  g_return_val_if_fail (student >= 0 && student < CL_NEURON_COURSE_N_STUDENTS, NULL);
  return students[student];
}

const char *
cl_neuron_course_preset_name (ClNeuronPreset preset)
{
  switch (preset)
    {
    case CL_NEURON_PRESET_SCIENCE_AVERAGE:
      return _("Science average");
    case CL_NEURON_PRESET_SPORT_ABOVE_10:
      return _("Sport above 10");
    default:
      g_return_val_if_reached (NULL);
    }
}

const double *
cl_neuron_course_marks (int student)
{
  g_return_val_if_fail (student >= 0 && student < CL_NEURON_COURSE_N_STUDENTS, NULL);
  return marks[student];
}

void
cl_neuron_course_set_student (ClNeuron *neuron, int student)
{
  g_return_if_fail (student >= 0 && student < CL_NEURON_COURSE_N_STUDENTS);
  neuron->n_inputs = CL_NEURON_COURSE_N_SUBJECTS;
  memcpy (neuron->x, marks[student], sizeof marks[student]);
}

void
cl_neuron_course_apply_preset (ClNeuron *neuron, ClNeuronPreset preset)
{
  static const double science[CL_NEURON_COURSE_N_SUBJECTS] = { 0.25, 0, 0.25, 0.25, 0.25, 0, 0 };
  static const double sport[CL_NEURON_COURSE_N_SUBJECTS] = { 0, 1, 0, 0, 0, 0, 0 };

  g_return_if_fail (preset < CL_NEURON_N_PRESETS);
  neuron->n_inputs = CL_NEURON_COURSE_N_SUBJECTS;
  memset (neuron->w, 0, sizeof neuron->w);
  if (preset == CL_NEURON_PRESET_SCIENCE_AVERAGE)
    {
      memcpy (neuron->w, science, sizeof science);
      neuron->b = 0;
      neuron->f = CL_NEURON_IDENTITY;
    }
  else
    {
      memcpy (neuron->w, sport, sizeof sport);
      neuron->b = -10;
      neuron->f = CL_NEURON_RELU;
    }
}
