/* number-format.h — the pictures format numbers as the engine's messages
 * do: the formatter lives in the engine (src/engine/number-format.h) so
 * error messages can use it; render code may include either. */
#pragma once

#include "engine/number-format.h"
