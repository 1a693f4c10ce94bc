// engine/types/json_text.h — JSON text validation and jsonb normalisation.
//
// Contract:
//   * NormalizeJson(text, jsonb=false) only validates (json keeps its input
//     text verbatim); with jsonb=true it produces jsonb's canonical output:
//     object keys de-duplicated (last wins) and sorted by (length, bytes),
//     ", " and ": " separators, numbers in numeric's canonical form, strings
//     re-escaped as PostgreSQL's escape_json does.
//   * Errors: 22P02 "invalid input syntax for type json" (with a DETAIL
//     naming the offending token), 22P05 for \u0000 in jsonb.
//   * Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"

namespace nano {

Status NormalizeJson(std::string_view text, bool jsonb, std::string* out);

// Appends s as a JSON string literal with PostgreSQL's escaping.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace nano
