/* neuron-course.h — the course's first example of a neuron: three
 * students' marks in seven subjects, and the weights that turn a neuron
 * into "the science average" or "sport above 10".
 *
 * The neuron explorer offers these as presets and the render tests check
 * the numbers the slide promises (13.75 for Gino; 0, 5 and 10 for sport).
 */
#pragma once

#include <glib.h>

#include "render/render-neuron.h"

G_BEGIN_DECLS

#define CL_NEURON_COURSE_N_SUBJECTS 7
#define CL_NEURON_COURSE_N_STUDENTS 3

typedef enum {
  CL_NEURON_PRESET_SCIENCE_AVERAGE,  /* ¼ on the four sciences, bias 0, identity */
  CL_NEURON_PRESET_SPORT_ABOVE_10,   /* 1 on sport, bias −10, ReLU */
  CL_NEURON_N_PRESETS
} ClNeuronPreset;

/* Translated names. */
const char *cl_neuron_course_subject (int subject);
const char *cl_neuron_course_student (int student);
const char *cl_neuron_course_preset_name (ClNeuronPreset preset);
/* The student's mark in each subject. */
const double *cl_neuron_course_marks (int student);

/* Sets the neuron's inputs to the student's seven marks (n_inputs 7). */
void cl_neuron_course_set_student (ClNeuron *neuron, int student);
/* Sets the preset's weights, bias and f (n_inputs 7); inputs unchanged. */
void cl_neuron_course_apply_preset (ClNeuron *neuron, ClNeuronPreset preset);

G_END_DECLS
