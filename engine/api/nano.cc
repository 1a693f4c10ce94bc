// engine/api/nano.cc — placeholder; the embedded API lands with the engine core.
#include "nano/nano.h"
