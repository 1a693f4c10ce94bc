// engine/types/type_info.h — static facts about built-in SQL types (pg_type).
//
// Contract:
//   * LookupType/LookupTypeByName return pointers into a static, immutable
//     table: never free them; they live for the whole process.
//   * All functions are pure and thread-safe.
//   * MakeTypmod validates SQL type modifiers exactly as PostgreSQL 15 does and
//     reports errors as Status with PostgreSQL's SQLSTATE and message.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/type_id.h"

namespace nano {

struct TypeInfo {
  TypeOid oid;
  const char* name;  // pg_type.typname, e.g. "int4"
  int16_t typlen;    // -1 varlena, -2 cstring
  bool byval;
  char category;        // pg_type.typcategory: B,N,S,D,T,U,A,V,X,P,I,R
  bool preferred;       // typispreferred
  TypeOid array_oid;    // 0 if none
  TypeOid element_oid;  // 0 unless an array type
  char align;           // c, s, i, d
};

// nullptr if the OID is not a built-in type we know.
const TypeInfo* LookupType(TypeOid oid);

// Resolves SQL spellings and aliases, case-insensitively ("integer", "int",
// "double precision", "character varying", "timestamp with time zone",
// "float(p)", "<x>[]", ...). Type modifiers in parentheses other than float(p)
// are ignored here (use MakeTypmod). nullptr if unknown.
const TypeInfo* LookupTypeByName(std::string_view name);

// Builds a typmod from SQL type modifiers, validating as PostgreSQL does:
//   varchar(n)/char(n) -> n+4 (1 <= n <= 10485760, else 22023)
//   numeric(p[,s])     -> ((p<<16)|s)+4 (1 <= p <= 1000, 0 <= s <= p, else 22023)
//   timestamp(p)/timestamptz(p)/time(p)/timetz(p)/interval(p) -> p (0..6;
//   larger p is reduced to 6 as PostgreSQL does with a WARNING)
// Empty mods -> -1 (bpchar with no mods: caller decides char = char(1)).
// Types that take no modifiers -> 42601 "type modifier is not allowed for type \"x\"".
Status MakeTypmod(TypeOid oid, const std::vector<int32_t>& mods, int32_t* typmod);

// format_type(): "integer", "character varying(10)", "numeric(10,2)",
// "timestamp with time zone", "text[]", "character(1)", "double precision".
std::string FormatType(TypeRef t);
// regtypeout's spelling (format_type with a NULL typmod): FormatType without
// a typmod, but "character" for bpchar.
std::string RegTypeName(TypeOid t);

TypeOid ArrayTypeOf(TypeOid element);  // 0 if none
TypeOid ElementTypeOf(TypeOid array);  // 0 if not an array
bool IsArrayType(TypeOid t);
// int2vector, oidvector: arrays (subscripts from 0) printed as "1 2 3".
bool IsVectorType(TypeOid t);
bool IsStringType(TypeOid t);    // text, varchar, bpchar, name, unknown
bool IsNumericType(TypeOid t);   // int2/4/8, float4/8, numeric (and oid)
bool IsIntegerType(TypeOid t);   // int2/4/8, oid
bool IsDateTimeType(TypeOid t);  // date, time, timetz, timestamp, timestamptz, interval
// PostgreSQL's polymorphic pseudo-types: anyelement, anyarray, anynonarray,
// anyenum, anycompatible, anycompatiblearray, anycompatiblenonarray.
bool IsPolymorphicType(TypeOid t);

// Interval field ranges (PostgreSQL's INTERVAL_MASK bits) for typmods like
// INTERVAL YEAR TO MONTH or INTERVAL DAY TO SECOND(3).
namespace interval_range {
inline constexpr int32_t kMonth = 1 << 1;
inline constexpr int32_t kYear = 1 << 2;
inline constexpr int32_t kDay = 1 << 3;
inline constexpr int32_t kHour = 1 << 10;
inline constexpr int32_t kMinute = 1 << 11;
inline constexpr int32_t kSecond = 1 << 12;
inline constexpr int32_t kFull = 0x7FFF;
}  // namespace interval_range

// PostgreSQL's INTERVAL_TYPMOD(precision, range): precision -1 = full. The
// plain interval(p) form may also be given as just p (MakeTypmod's result);
// every types/ function accepts both encodings.
inline int32_t MakeIntervalTypmod(int32_t range_mask, int32_t precision) {
  return static_cast<int32_t>((static_cast<uint32_t>(range_mask & 0x7FFF) << 16) |
                              static_cast<uint32_t>(precision < 0 ? 0xFFFF : precision));
}

// typmod helpers (PostgreSQL encodings). -1 when absent.
inline int32_t VarCharLengthFromTypmod(int32_t typmod) { return typmod < 4 ? -1 : typmod - 4; }
inline int32_t NumericPrecisionFromTypmod(int32_t typmod) {
  return typmod < 4 ? -1 : ((typmod - 4) >> 16) & 0xffff;
}
inline int32_t NumericScaleFromTypmod(int32_t typmod) {
  return typmod < 4 ? -1 : (((typmod - 4) & 0x7ff) ^ 1024) - 1024;
}

}  // namespace nano
