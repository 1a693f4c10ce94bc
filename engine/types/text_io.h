// engine/types/text_io.h — type input/output functions (text form), exactly as
// PostgreSQL 15's typinput/typoutput functions behave.
//
// Contract:
//   * ParseText converts text to a value of type t and applies t.typmod
//     (varchar(n) length check 22001, char(n) blank padding, numeric(p,s)
//     rounding / 22003, timestamp(p) rounding). Errors carry PostgreSQL's
//     SQLSTATE and message, e.g. 22P02 `invalid input syntax for type integer: "abc"`,
//     22003 `value "99999999999" is out of range for type integer`.
//   * FormatText appends the output form of a non-NULL value to *out; the
//     caller handles NULL. Arrays are printed as '{...}' with PG's quoting.
//   * Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "types/format_context.h"
#include "types/value.h"

namespace nano {

Status ParseText(std::string_view text, TypeRef t, const FormatContext& ctx, Value* out);
void FormatText(const Value& v, const FormatContext& ctx, std::string* out);
std::string ValueToString(const Value& v, const FormatContext& ctx);

// array_in for an array whose elements are converted by `parse_element`
// (arrays of catalog types: composite types' record_in needs the catalog).
// NULL elements and the array syntax are handled here.
using ElementParser = Status (*)(void* arg, std::string_view text, Value* out);
Status ParseArrayWith(std::string_view text, TypeOid array_type, TypeRef element,
                      const FormatContext& ctx, ElementParser parse_element, void* arg, Value* out);

// Applies a typmod to a value already of type t.oid (varchar/bpchar length,
// numeric precision/scale, time precision). `is_explicit` = explicit cast:
// varchar/char silently truncate instead of raising 22001.
Status ApplyTypmod(const Value& v, TypeRef t, bool is_explicit, Value* out);

// Float output helpers (float8out/float4out with extra_float_digits).
void FormatFloat8(double d, int extra_float_digits, std::string* out);
void FormatFloat4(float f, int extra_float_digits, std::string* out);

}  // namespace nano
