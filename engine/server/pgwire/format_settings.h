// engine/server/pgwire/format_settings.h — builds the FormatContext that
// governs text input/output of values from a session's current settings
// (DateStyle, TimeZone, IntervalStyle, extra_float_digits, bytea_output).
//
// Used by the wire server (per statement, not per value) and the REPL.
// Pure function of the session's settings; unknown/garbled values fall back
// to PostgreSQL's defaults (sessions validate settings when they are SET).
#pragma once

#include "session/session.h"
#include "types/format_context.h"

namespace nano::pgwire {

FormatContext FormatContextFromSession(const Session& session);

}  // namespace nano::pgwire
