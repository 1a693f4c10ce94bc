// engine/types/type_info.cc — the static pg_type table and type-name helpers.
#include "types/type_info.h"

#include <algorithm>
#include <cctype>
#include <string>

namespace nano {
namespace {

// Generated from PostgreSQL 15's pg_type (oid, typname, typlen, typbyval,
// typcategory, typispreferred, typarray, typelem, typalign).
constexpr TypeInfo kTypes[] = {
    {16, "bool", 1, true, 'B', true, 1000, 0, 'c'},
    {17, "bytea", -1, false, 'U', false, 1001, 0, 'i'},
    {18, "char", 1, true, 'Z', false, 1002, 0, 'c'},
    {19, "name", 64, false, 'S', false, 1003, 18, 'c'},
    {20, "int8", 8, true, 'N', false, 1016, 0, 'd'},
    {21, "int2", 2, true, 'N', false, 1005, 0, 's'},
    {22, "int2vector", -1, false, 'A', false, 1006, 21, 'i'},
    {23, "int4", 4, true, 'N', false, 1007, 0, 'i'},
    {24, "regproc", 4, true, 'N', false, 1008, 0, 'i'},
    {25, "text", -1, false, 'S', true, 1009, 0, 'i'},
    {26, "oid", 4, true, 'N', true, 1028, 0, 'i'},
    {30, "oidvector", -1, false, 'A', false, 1013, 26, 'i'},
    {114, "json", -1, false, 'U', false, 199, 0, 'i'},
    {194, "pg_node_tree", -1, false, 'Z', false, 0, 0, 'i'},
    {199, "_json", -1, false, 'A', false, 0, 114, 'i'},
    {600, "point", 16, false, 'G', false, 1017, 0, 'd'},
    {601, "lseg", 32, false, 'G', false, 1018, 0, 'd'},
    {602, "path", -1, false, 'G', false, 1019, 0, 'd'},
    {603, "box", 32, false, 'G', false, 1020, 0, 'd'},
    {604, "polygon", -1, false, 'G', false, 1027, 0, 'd'},
    {628, "line", 24, false, 'G', false, 629, 0, 'd'},
    {629, "_line", -1, false, 'A', false, 0, 628, 'd'},
    {700, "float4", 4, true, 'N', false, 1021, 0, 'i'},
    {701, "float8", 8, true, 'N', true, 1022, 0, 'd'},
    {705, "unknown", -2, false, 'X', false, 0, 0, 'c'},
    {718, "circle", 24, false, 'G', false, 719, 0, 'd'},
    {719, "_circle", -1, false, 'A', false, 0, 718, 'd'},
    {790, "money", 8, true, 'N', false, 791, 0, 'd'},
    {791, "_money", -1, false, 'A', false, 0, 790, 'd'},
    {1000, "_bool", -1, false, 'A', false, 0, 16, 'i'},
    {1001, "_bytea", -1, false, 'A', false, 0, 17, 'i'},
    {1002, "_char", -1, false, 'A', false, 0, 18, 'i'},
    {1003, "_name", -1, false, 'A', false, 0, 19, 'i'},
    {1005, "_int2", -1, false, 'A', false, 0, 21, 'i'},
    {1007, "_int4", -1, false, 'A', false, 0, 23, 'i'},
    {1009, "_text", -1, false, 'A', false, 0, 25, 'i'},
    {1010, "_tid", -1, false, 'A', false, 0, 27, 'i'},
    {1014, "_bpchar", -1, false, 'A', false, 0, 1042, 'i'},
    {1015, "_varchar", -1, false, 'A', false, 0, 1043, 'i'},
    {1016, "_int8", -1, false, 'A', false, 0, 20, 'd'},
    {1017, "_point", -1, false, 'A', false, 0, 600, 'd'},
    {1018, "_lseg", -1, false, 'A', false, 0, 601, 'd'},
    {1019, "_path", -1, false, 'A', false, 0, 602, 'd'},
    {1020, "_box", -1, false, 'A', false, 0, 603, 'd'},
    {1021, "_float4", -1, false, 'A', false, 0, 700, 'i'},
    {1022, "_float8", -1, false, 'A', false, 0, 701, 'd'},
    {1027, "_polygon", -1, false, 'A', false, 0, 604, 'd'},
    {1028, "_oid", -1, false, 'A', false, 0, 26, 'i'},
    {1042, "bpchar", -1, false, 'S', false, 1014, 0, 'i'},
    {1043, "varchar", -1, false, 'S', false, 1015, 0, 'i'},
    {1082, "date", 4, true, 'D', false, 1182, 0, 'i'},
    {1083, "time", 8, true, 'D', false, 1183, 0, 'd'},
    {1114, "timestamp", 8, true, 'D', false, 1115, 0, 'd'},
    {1115, "_timestamp", -1, false, 'A', false, 0, 1114, 'd'},
    {1182, "_date", -1, false, 'A', false, 0, 1082, 'i'},
    {1183, "_time", -1, false, 'A', false, 0, 1083, 'd'},
    {1184, "timestamptz", 8, true, 'D', true, 1185, 0, 'd'},
    {1185, "_timestamptz", -1, false, 'A', false, 0, 1184, 'd'},
    {1186, "interval", 16, false, 'T', true, 1187, 0, 'd'},
    {1187, "_interval", -1, false, 'A', false, 0, 1186, 'd'},
    {1231, "_numeric", -1, false, 'A', false, 0, 1700, 'i'},
    {1266, "timetz", 12, false, 'D', false, 1270, 0, 'd'},
    {1270, "_timetz", -1, false, 'A', false, 0, 1266, 'd'},
    {1700, "numeric", -1, false, 'N', false, 1231, 0, 'i'},
    {2202, "regprocedure", 4, true, 'N', false, 2207, 0, 'i'},
    {2205, "regclass", 4, true, 'N', false, 2210, 0, 'i'},
    {2206, "regtype", 4, true, 'N', false, 2211, 0, 'i'},
    {2207, "_regprocedure", -1, false, 'A', false, 0, 2202, 'i'},
    {2210, "_regclass", -1, false, 'A', false, 0, 2205, 'i'},
    {2211, "_regtype", -1, false, 'A', false, 0, 2206, 'i'},
    {2249, "record", -1, false, 'P', false, 2287, 0, 'd'},
    {2276, "any", 4, true, 'P', false, 0, 0, 'i'},
    {2287, "_record", -1, false, 'A', false, 0, 2249, 'd'},
    {2277, "anyarray", -1, false, 'P', false, 0, 0, 'd'},
    {2278, "void", 4, true, 'P', false, 0, 0, 'i'},
    {2279, "trigger", 4, true, 'P', false, 0, 0, 'i'},
    {2281, "internal", 8, true, 'P', false, 0, 0, 'd'},
    {2283, "anyelement", 4, true, 'P', false, 0, 0, 'i'},
    {2776, "anynonarray", 4, true, 'P', false, 0, 0, 'i'},
    {2950, "uuid", 16, false, 'U', false, 2951, 0, 'c'},
    {2951, "_uuid", -1, false, 'A', false, 0, 2950, 'i'},
    {3500, "anyenum", 4, true, 'P', false, 0, 0, 'i'},
    {5077, "anycompatible", 4, true, 'P', false, 0, 0, 'i'},
    {5078, "anycompatiblearray", -1, false, 'P', false, 0, 0, 'd'},
    {5079, "anycompatiblenonarray", 4, true, 'P', false, 0, 0, 'i'},
    {3802, "jsonb", -1, false, 'U', false, 3807, 0, 'i'},
    {3807, "_jsonb", -1, false, 'A', false, 0, 3802, 'i'},
    {4089, "regnamespace", 4, true, 'N', false, 4090, 0, 'i'},
    {4090, "_regnamespace", -1, false, 'A', false, 0, 4089, 'i'},
    {4096, "regrole", 4, true, 'N', false, 4097, 0, 'i'},
    {4097, "_regrole", -1, false, 'A', false, 0, 4096, 'i'},
};

// Collapses runs of blanks to one space and trims, so "double   precision" works.
std::string NormalizeName(std::string_view s) {
  std::string r;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!r.empty() && r.back() != ' ') r.push_back(' ');
    } else {
      r.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  while (!r.empty() && r.back() == ' ') r.pop_back();
  // Remove blanks around parentheses and brackets: "numeric (10, 2)" -> "numeric(10,2)".
  std::string out;
  for (size_t i = 0; i < r.size(); ++i) {
    if (r[i] == ' ') {
      const char next = i + 1 < r.size() ? r[i + 1] : '\0';
      const char prev = out.empty() ? '\0' : out.back();
      if (next == '(' || next == ')' || next == ',' || next == '[' || next == ']' || prev == '(' ||
          prev == ',' || prev == '[') {
        continue;
      }
    }
    out.push_back(r[i]);
  }
  return out;
}

struct Alias {
  const char* name;
  TypeOid oid;
};
constexpr Alias kAliases[] = {
    {"integer", type::kInt4},
    {"int", type::kInt4},
    {"int4", type::kInt4},
    {"bigint", type::kInt8},
    {"int8", type::kInt8},
    {"smallint", type::kInt2},
    {"int2", type::kInt2},
    {"real", type::kFloat4},
    {"float4", type::kFloat4},
    {"double precision", type::kFloat8},
    {"float8", type::kFloat8},
    {"float", type::kFloat8},
    {"numeric", type::kNumeric},
    {"decimal", type::kNumeric},
    {"dec", type::kNumeric},
    {"text", type::kText},
    {"varchar", type::kVarChar},
    {"character varying", type::kVarChar},
    {"char varying", type::kVarChar},
    {"char", type::kBpChar},
    {"character", type::kBpChar},
    {"bpchar", type::kBpChar},
    {"\"char\"", type::kChar},
    {"bool", type::kBool},
    {"boolean", type::kBool},
    {"bytea", type::kBytea},
    {"date", type::kDate},
    {"time", type::kTime},
    {"time without time zone", type::kTime},
    {"timetz", type::kTimeTz},
    {"time with time zone", type::kTimeTz},
    {"timestamp", type::kTimestamp},
    {"timestamp without time zone", type::kTimestamp},
    {"timestamptz", type::kTimestampTz},
    {"timestamp with time zone", type::kTimestampTz},
    {"interval", type::kInterval},
    {"uuid", type::kUuid},
    {"point", type::kPoint},
    {"lseg", type::kLseg},
    {"path", type::kPath},
    {"box", type::kBox},
    {"polygon", type::kPolygon},
    {"line", type::kLine},
    {"circle", type::kCircle},
    {"money", type::kMoney},
    {"json", type::kJson},
    {"jsonb", type::kJsonb},
    {"oid", type::kOid},
    {"name", type::kName},
    {"regclass", type::kRegClass},
    {"regtype", type::kRegType},
    {"regproc", type::kRegProc},
    {"regprocedure", type::kRegProcedure},
    {"regnamespace", type::kRegNamespace},
    {"regrole", type::kRegRole},
    {"unknown", type::kUnknown},
    {"record", type::kRecord},
    {"void", type::kVoid},
    {"anyelement", type::kAnyElement},
    {"anyarray", type::kAnyArray},
    {"any", type::kAny},
    {"trigger", type::kTrigger},
    {"anynonarray", type::kAnyNonArray},
    {"anyenum", type::kAnyEnum},
    {"internal", type::kInternal},
    {"anycompatible", type::kAnyCompatible},
    {"anycompatiblearray", type::kAnyCompatibleArray},
    {"anycompatiblenonarray", type::kAnyCompatibleNonArray},
    {"int2vector", type::kInt2Vector},
    {"oidvector", type::kOidVector},
    {"pg_node_tree", type::kPgNodeTree},
};

const TypeInfo* LookupBase(const std::string& n) {
  for (const Alias& a : kAliases) {
    if (n == a.name) return LookupType(a.oid);
  }
  // pg_type names (e.g. "_int4") are accepted too.
  for (const TypeInfo& t : kTypes) {
    if (n == t.name) return &t;
  }
  return nullptr;
}

}  // namespace

const TypeInfo* LookupType(TypeOid oid) {
  for (const TypeInfo& t : kTypes) {
    if (t.oid == oid) return &t;
  }
  return nullptr;
}

const TypeInfo* LookupTypeByName(std::string_view name) {
  std::string n = NormalizeName(name);
  if (n.size() > 2 && n.compare(n.size() - 2, 2, "[]") == 0) {
    const TypeInfo* elem = LookupTypeByName(std::string_view(n).substr(0, n.size() - 2));
    if (elem == nullptr) return nullptr;
    if (elem->element_oid != 0) return elem;  // int[][] is still int[]
    return elem->array_oid ? LookupType(elem->array_oid) : nullptr;
  }
  // pg_catalog. prefix.
  if (n.rfind("pg_catalog.", 0) == 0) n = n.substr(11);
  // float(p): p <= 24 -> float4, else float8.
  const size_t paren = n.find('(');
  if (paren != std::string::npos) {
    std::string base = n.substr(0, paren);
    const size_t close = n.find(')', paren);
    if (close == std::string::npos) return nullptr;
    std::string rest = n.substr(close + 1);
    if (base == "float") {
      const int p = std::atoi(n.c_str() + paren + 1);
      if (p < 1 || p > 53) return nullptr;
      return LookupType(p <= 24 ? type::kFloat4 : type::kFloat8);
    }
    // "timestamp(3) with time zone", "varchar(10)", "numeric(10,2)".
    if (!rest.empty() && rest[0] == ' ') rest = rest.substr(1);
    return LookupBase(rest.empty() ? base : base + " " + rest);
  }
  return LookupBase(n);
}

namespace {
// PostgreSQL's intervaltypmodin. The grammar sends (range) for INTERVAL DAY,
// (range, precision) for INTERVAL DAY TO SECOND(p), and (full range, p) for
// INTERVAL(p).
Status MakeIntervalTypmodFromMods(const std::vector<int32_t>& mods, int32_t* typmod) {
  namespace ir = interval_range;
  static constexpr int32_t kValid[] = {ir::kYear,
                                       ir::kMonth,
                                       ir::kDay,
                                       ir::kHour,
                                       ir::kMinute,
                                       ir::kSecond,
                                       ir::kYear | ir::kMonth,
                                       ir::kDay | ir::kHour,
                                       ir::kDay | ir::kHour | ir::kMinute,
                                       ir::kDay | ir::kHour | ir::kMinute | ir::kSecond,
                                       ir::kHour | ir::kMinute,
                                       ir::kHour | ir::kMinute | ir::kSecond,
                                       ir::kMinute | ir::kSecond,
                                       ir::kFull};
  if (mods.empty() || mods.size() > 2 ||
      std::find(std::begin(kValid), std::end(kValid), mods[0]) == std::end(kValid)) {
    return Status::Error(sqlstate::kInvalidParameterValue, "invalid INTERVAL type modifier");
  }
  if (mods.size() == 1) {
    // A bare INTERVAL (full range, no precision) has no typmod at all.
    *typmod = mods[0] == ir::kFull ? -1 : MakeIntervalTypmod(mods[0], -1);
    return Status::OK();
  }
  if (mods[1] < 0) {
    return Status::Error(sqlstate::kInvalidParameterValue, "INTERVAL(" + std::to_string(mods[1]) +
                                                               ") precision must not be negative");
  }
  *typmod = MakeIntervalTypmod(mods[0], std::min(mods[1], 6));  // PG warns and reduces
  return Status::OK();
}
}  // namespace

Status MakeTypmod(TypeOid oid, const std::vector<int32_t>& mods, int32_t* typmod) {
  *typmod = -1;
  if (mods.empty()) return Status::OK();
  // Arrays take their element type's modifiers (varchar(10)[]).
  if (const TypeOid elem = ElementTypeOf(oid); elem != 0) return MakeTypmod(elem, mods, typmod);
  const TypeInfo* info = LookupType(oid);
  auto not_allowed = [&]() {
    return Status::Error(
        sqlstate::kSyntaxError,
        std::string("type modifier is not allowed for type \"") + (info ? info->name : "?") + "\"");
  };
  switch (oid) {
    case type::kVarChar:
    case type::kBpChar: {
      const char* tn = oid == type::kVarChar ? "varchar" : "char";
      if (mods.size() != 1) {
        return Status::Error(sqlstate::kInvalidParameterValue, "invalid type modifier");
      }
      if (mods[0] < 1) {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             std::string("length for type ") + tn + " must be at least 1");
      }
      if (mods[0] > 10485760) {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             std::string("length for type ") + tn + " cannot exceed 10485760");
      }
      *typmod = mods[0] + 4;
      return Status::OK();
    }
    case type::kNumeric: {
      if (mods.size() > 2)
        return Status::Error(sqlstate::kInvalidParameterValue, "invalid NUMERIC type modifier");
      const int32_t p = mods[0];
      const int32_t s = mods.size() == 2 ? mods[1] : 0;
      if (p < 1 || p > 1000) {
        return Status::Error(
            sqlstate::kInvalidParameterValue,
            "NUMERIC precision " + std::to_string(p) + " must be between 1 and 1000");
      }
      if (s < -1000 || s > 1000) {
        return Status::Error(
            sqlstate::kInvalidParameterValue,
            "NUMERIC scale " + std::to_string(s) + " must be between -1000 and 1000");
      }
      *typmod = ((p << 16) | (s & 0x7ff)) + 4;
      return Status::OK();
    }
    case type::kInterval:
      return MakeIntervalTypmodFromMods(mods, typmod);
    case type::kTime:
    case type::kTimeTz:
    case type::kTimestamp:
    case type::kTimestampTz: {
      if (mods.size() != 1)
        return Status::Error(sqlstate::kInvalidParameterValue, "invalid type modifier");
      if (mods[0] < 0) {
        // anytime_typmodin / anytimestamp_typmodin: "TIME(-1) WITH TIME ZONE ...".
        const bool is_time = oid == type::kTime || oid == type::kTimeTz;
        const bool with_tz = oid == type::kTimeTz || oid == type::kTimestampTz;
        return Status::Error(
            sqlstate::kInvalidParameterValue,
            std::string(is_time ? "TIME(" : "TIMESTAMP(") + std::to_string(mods[0]) + ")" +
                (with_tz ? " WITH TIME ZONE" : "") + " precision must not be negative");
      }
      *typmod = std::min(mods[0], 6);  // PG warns and reduces to the maximum
      return Status::OK();
    }
    default:
      return not_allowed();
  }
}

namespace {
std::string TimePrecision(int32_t typmod) {
  if (typmod < 0) return "";
  std::string r(1, '(');
  r.append(std::to_string(typmod));
  r.push_back(')');
  return r;
}
}  // namespace

std::string FormatType(TypeRef t) {
  if (IsArrayType(t.oid) && !IsVectorType(t.oid)) {
    return FormatType(TypeRef{ElementTypeOf(t.oid), t.typmod}) + "[]";
  }
  switch (t.oid) {
    case type::kBool:
      return "boolean";
    case type::kInt2:
      return "smallint";
    case type::kInt4:
      return "integer";
    case type::kInt8:
      return "bigint";
    case type::kFloat4:
      return "real";
    case type::kFloat8:
      return "double precision";
    case type::kChar:
      return "\"char\"";
    case type::kVarChar:
      return t.typmod >= 4 ? "character varying(" + std::to_string(t.typmod - 4) + ")"
                           : "character varying";
    case type::kBpChar:
      return t.typmod >= 4 ? "character(" + std::to_string(t.typmod - 4) + ")" : "bpchar";
    case type::kNumeric:
      if (t.typmod >= 4) {
        return "numeric(" + std::to_string(NumericPrecisionFromTypmod(t.typmod)) + "," +
               std::to_string(NumericScaleFromTypmod(t.typmod)) + ")";
      }
      return "numeric";
    case type::kTime:
      return "time" + TimePrecision(t.typmod) + " without time zone";
    case type::kTimeTz:
      return "time" + TimePrecision(t.typmod) + " with time zone";
    case type::kTimestamp:
      return "timestamp" + TimePrecision(t.typmod) + " without time zone";
    case type::kTimestampTz:
      return "timestamp" + TimePrecision(t.typmod) + " with time zone";
    case type::kInterval: {
      if (t.typmod <= 0xFFFF) return "interval" + TimePrecision(t.typmod);
      const int32_t range = (t.typmod >> 16) & 0x7FFF;
      const int32_t prec = t.typmod & 0xFFFF;
      namespace ir = interval_range;
      struct R {
        int32_t mask;
        const char* text;
      };
      static constexpr R kRanges[] = {
          {ir::kYear, " year"},
          {ir::kMonth, " month"},
          {ir::kDay, " day"},
          {ir::kHour, " hour"},
          {ir::kMinute, " minute"},
          {ir::kSecond, " second"},
          {ir::kYear | ir::kMonth, " year to month"},
          {ir::kDay | ir::kHour, " day to hour"},
          {ir::kDay | ir::kHour | ir::kMinute, " day to minute"},
          {ir::kDay | ir::kHour | ir::kMinute | ir::kSecond, " day to second"},
          {ir::kHour | ir::kMinute, " hour to minute"},
          {ir::kHour | ir::kMinute | ir::kSecond, " hour to second"},
          {ir::kMinute | ir::kSecond, " minute to second"},
      };
      std::string r = "interval";
      for (const R& x : kRanges) {
        if (x.mask == range) r += x.text;
      }
      if (prec != 0xFFFF) r += TimePrecision(prec);
      return r;
    }
    default:
      break;
  }
  const TypeInfo* info = LookupType(t.oid);
  return info ? info->name : "???";
}

TypeOid ArrayTypeOf(TypeOid element) {
  const TypeInfo* t = LookupType(element);
  return t && t->category != 'A' ? t->array_oid : 0;  // name has typelem = char but is no array
}

TypeOid ElementTypeOf(TypeOid array) {
  const TypeInfo* t = LookupType(array);
  return t && t->category == 'A' ? t->element_oid : 0;
}

bool IsArrayType(TypeOid t) { return ElementTypeOf(t) != 0; }

std::string RegTypeName(TypeOid t) {
  if (t == type::kBpChar) return "character";
  return FormatType(TypeRef{t, -1});
}

bool IsVectorType(TypeOid t) { return t == type::kInt2Vector || t == type::kOidVector; }

bool IsStringType(TypeOid t) {
  return t == type::kText || t == type::kVarChar || t == type::kBpChar || t == type::kName ||
         t == type::kUnknown;
}

bool IsIntegerType(TypeOid t) {
  return t == type::kInt2 || t == type::kInt4 || t == type::kInt8 || t == type::kOid;
}

bool IsNumericType(TypeOid t) {
  return IsIntegerType(t) || t == type::kFloat4 || t == type::kFloat8 || t == type::kNumeric;
}

bool IsDateTimeType(TypeOid t) {
  return t == type::kDate || t == type::kTime || t == type::kTimeTz || t == type::kTimestamp ||
         t == type::kTimestampTz || t == type::kInterval;
}

bool IsPolymorphicType(TypeOid t) {
  switch (t) {
    case type::kAnyElement:
    case type::kAnyArray:
    case type::kAnyNonArray:
    case type::kAnyEnum:
    case type::kAnyCompatible:
    case type::kAnyCompatibleArray:
    case type::kAnyCompatibleNonArray:
      return true;
    default:
      return false;
  }
}

}  // namespace nano
