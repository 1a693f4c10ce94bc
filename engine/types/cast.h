// engine/types/cast.h — type coercion (pg_cast rules) and value conversion.
//
// Contract:
//   * CanCoerce answers pg_cast's castcontext question: e.g. int4->int8
//     implicit, int8->int4 assignment, text->int4 only explicit (via I/O),
//     anything->text assignment/explicit, unknown->anything implicit.
//   * CastValue converts a non-NULL v to `to` (with typmod coercion); NULL in
//     gives NULL of type `to`. Errors as PostgreSQL: 22003 `integer out of range`,
//     22P02 for text->number syntax, 22001 for varchar(n) overflow in
//     assignment (explicit casts truncate silently), float->int rounds half
//     to even (rint), timestamptz conversions use fmt's session zone.
//     42846 `cannot cast type x to y` when no conversion exists.
//   * Pure functions; thread-safe.
#pragma once

#include "common/status.h"
#include "types/format_context.h"
#include "types/value.h"

namespace nano {

enum class CoercionContext { kImplicit, kAssignment, kExplicit };

bool CanCoerce(TypeOid from, TypeOid to, CoercionContext ctx);
Status CastValue(const Value& v, TypeRef to, CoercionContext ctx, const FormatContext& fmt,
                 Value* out);

}  // namespace nano
