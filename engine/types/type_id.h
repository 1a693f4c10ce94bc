// engine/types/type_id.h — SQL types, identified by their PostgreSQL OIDs.
//
// We use PostgreSQL's own type OIDs everywhere (catalog, wire, binder) so that
// RowDescription, pg_type and drivers agree without translation tables.
// A column's full type is (oid, typmod): typmod carries varchar(n) / char(n)
// lengths (n + 4, as PostgreSQL stores it), numeric(p,s) (((p << 16) | s) + 4)
// and -1 when absent.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace nano {

using TypeOid = uint32_t;

namespace type {
inline constexpr TypeOid kInvalid = 0;
inline constexpr TypeOid kBool = 16;
inline constexpr TypeOid kBytea = 17;
inline constexpr TypeOid kChar = 18;  // "char": one byte
inline constexpr TypeOid kName = 19;
inline constexpr TypeOid kInt8 = 20;
inline constexpr TypeOid kInt2 = 21;
inline constexpr TypeOid kInt2Vector = 22;
inline constexpr TypeOid kInt4 = 23;
inline constexpr TypeOid kRegProc = 24;
inline constexpr TypeOid kText = 25;
inline constexpr TypeOid kOid = 26;
inline constexpr TypeOid kOidVector = 30;
inline constexpr TypeOid kJson = 114;
inline constexpr TypeOid kPgNodeTree = 194;
inline constexpr TypeOid kPoint = 600;
inline constexpr TypeOid kLseg = 601;
inline constexpr TypeOid kPath = 602;
inline constexpr TypeOid kBox = 603;
inline constexpr TypeOid kPolygon = 604;
inline constexpr TypeOid kLine = 628;
inline constexpr TypeOid kFloat4 = 700;
inline constexpr TypeOid kFloat8 = 701;
inline constexpr TypeOid kUnknown = 705;
inline constexpr TypeOid kCircle = 718;
inline constexpr TypeOid kMoney = 790;
inline constexpr TypeOid kBpChar = 1042;
inline constexpr TypeOid kVarChar = 1043;
inline constexpr TypeOid kDate = 1082;
inline constexpr TypeOid kTime = 1083;
inline constexpr TypeOid kTimestamp = 1114;
inline constexpr TypeOid kTimestampTz = 1184;
inline constexpr TypeOid kInterval = 1186;
inline constexpr TypeOid kTimeTz = 1266;
inline constexpr TypeOid kNumeric = 1700;
inline constexpr TypeOid kRegClass = 2205;
inline constexpr TypeOid kRegType = 2206;
inline constexpr TypeOid kRegProcedure = 2202;
inline constexpr TypeOid kRegNamespace = 4089;
inline constexpr TypeOid kRegRole = 4096;
inline constexpr TypeOid kRecord = 2249;
inline constexpr TypeOid kAny = 2276;
inline constexpr TypeOid kAnyArray = 2277;
inline constexpr TypeOid kVoid = 2278;
inline constexpr TypeOid kTrigger = 2279;
inline constexpr TypeOid kAnyElement = 2283;
inline constexpr TypeOid kUuid = 2950;
inline constexpr TypeOid kJsonb = 3802;
inline constexpr TypeOid kAnyNonArray = 2776;
inline constexpr TypeOid kAnyEnum = 3500;
inline constexpr TypeOid kInternal = 2281;
inline constexpr TypeOid kAnyCompatible = 5077;
inline constexpr TypeOid kAnyCompatibleArray = 5078;
inline constexpr TypeOid kAnyCompatibleNonArray = 5079;

// Array types (PostgreSQL's _xxx).
inline constexpr TypeOid kBoolArray = 1000;
inline constexpr TypeOid kByteaArray = 1001;
inline constexpr TypeOid kCharArray = 1002;
inline constexpr TypeOid kNameArray = 1003;
inline constexpr TypeOid kInt2Array = 1005;
inline constexpr TypeOid kInt4Array = 1007;
inline constexpr TypeOid kTextArray = 1009;
inline constexpr TypeOid kBpCharArray = 1014;
inline constexpr TypeOid kVarCharArray = 1015;
inline constexpr TypeOid kInt8Array = 1016;
inline constexpr TypeOid kFloat4Array = 1021;
inline constexpr TypeOid kFloat8Array = 1022;
inline constexpr TypeOid kOidArray = 1028;
inline constexpr TypeOid kTimestampArray = 1115;
inline constexpr TypeOid kDateArray = 1182;
inline constexpr TypeOid kTimeArray = 1183;
inline constexpr TypeOid kTimestampTzArray = 1185;
inline constexpr TypeOid kIntervalArray = 1187;
inline constexpr TypeOid kNumericArray = 1231;
inline constexpr TypeOid kTimeTzArray = 1270;
inline constexpr TypeOid kUuidArray = 2951;
inline constexpr TypeOid kJsonArray = 199;
inline constexpr TypeOid kJsonbArray = 3807;
inline constexpr TypeOid kRecordArray = 2287;
inline constexpr TypeOid kRegProcedureArray = 2207;
inline constexpr TypeOid kRegNamespaceArray = 4090;
inline constexpr TypeOid kRegRoleArray = 4097;
inline constexpr TypeOid kPointArray = 1017;
inline constexpr TypeOid kLsegArray = 1018;
inline constexpr TypeOid kPathArray = 1019;
inline constexpr TypeOid kBoxArray = 1020;
inline constexpr TypeOid kPolygonArray = 1027;
inline constexpr TypeOid kLineArray = 629;
inline constexpr TypeOid kCircleArray = 719;
inline constexpr TypeOid kMoneyArray = 791;

// The OID alias types (regclass, regtype, ...): an oid on the wire and in
// storage, the referenced object's name in text (resolved through
// FormatContext::oid_namer).
constexpr bool IsRegType(TypeOid t) {
  return t == kRegProc || t == kRegProcedure || t == kRegClass || t == kRegType ||
         t == kRegNamespace || t == kRegRole;
}
// oid and its alias types: unsigned 32-bit integers.
constexpr bool IsOidLike(TypeOid t) { return t == kOid || IsRegType(t); }
// The geometric types (types/geometry.h): packed float8s in Value::str().
constexpr bool IsGeometric(TypeOid t) {
  return t == kPoint || t == kLseg || t == kPath || t == kBox || t == kPolygon || t == kLine ||
         t == kCircle;
}
}  // namespace type

// A column or expression type: OID plus type modifier (-1 = none).
struct TypeRef {
  TypeOid oid = type::kUnknown;
  int32_t typmod = -1;
  friend bool operator==(const TypeRef& a, const TypeRef& b) {
    return a.oid == b.oid && a.typmod == b.typmod;
  }
};

}  // namespace nano
