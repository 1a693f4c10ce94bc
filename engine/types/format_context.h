// engine/types/format_context.h — session settings that change how values are
// read and printed (DateStyle, TimeZone, extra_float_digits, IntervalStyle,
// bytea_output), plus time-zone resolution from the system tz database.
//
// Contract:
//   * FormatContext is a plain value owned by the session; pass by const ref.
//   * TimeZone objects are immutable once built and shared (shared_ptr); a
//     process-wide cache keyed by name makes Lookup cheap after the first call.
//     Lookup is thread-safe (internally locked); TimeZone methods are const
//     and thread-safe.
//   * Zones come from TZif files under /usr/share/zoneinfo (Debian tzdata,
//     names matched case-insensitively), or POSIX TZ strings. As in
//     PostgreSQL's TimeZone setting, string offsets are POSIX-style:
//     "UTC+5" and "+05:30" mean WEST of Greenwich (use FixedOffset for ISO).
//   * Errors: 22023 `time zone "x" not recognized`.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/type_id.h"

namespace nano {

class TimeZone;

// Resolves the OID alias types (regclass, regtype, regnamespace, regproc,
// regprocedure, regrole) between an object's oid and its name, as
// PostgreSQL's regclassout/regclassin & co do through the catalog.
// Implemented by the session over its current catalog; the types layer only
// calls it. Not thread-safe: used on the session's own thread.
class OidNamer {
 public:
  virtual ~OidNamer() = default;
  // Appends to *out the name to print for `oid` of alias type `reg_type`
  // (qualified when the object is not visible on the search path). False,
  // appending nothing, when there is no such object: the caller prints the
  // number, as PostgreSQL does.
  virtual bool NameOf(TypeOid reg_type, int64_t oid, std::string* out) const = 0;
  // Input: the oid of the object `name` names. Errors as PostgreSQL's:
  // 42P01 relation, 42704 type/role, 3F000 schema, 42883 function.
  virtual Status OidOf(TypeOid reg_type, std::string_view name, int64_t* oid) const = 0;
};

struct FormatContext {
  enum class DateStyle { kIso, kPostgres, kSql, kGerman } date_style = DateStyle::kIso;
  enum class DateOrder { kMdy, kDmy, kYmd } date_order = DateOrder::kMdy;
  std::string timezone = "UTC";  // IANA name or offset like "+05:30"
  int extra_float_digits = 1;    // 1 = shortest round-trip output (PG12+ default)
  enum class IntervalStyle {
    kPostgres,
    kIso8601,
    kSqlStandard,
    kPostgresVerbose
  } interval_style = IntervalStyle::kPostgres;
  bool bytea_hex = true;  // bytea_output = hex

  // Names for the OID alias types; null prints (and accepts) bare numbers.
  // Owned by the session, which outlives every copy of its FormatContext.
  const OidNamer* oid_namer = nullptr;

  // Resolved zone for `timezone`. Callers may leave it empty: the functions
  // that need a zone resolve `timezone` through TimeZone::Lookup (cached).
  std::shared_ptr<const TimeZone> zone;
};

// Returns the zone for ctx (ctx.zone if set, else Lookup(ctx.timezone); UTC if
// the name cannot be resolved — sessions validate names when they are SET).
std::shared_ptr<const TimeZone> ZoneOf(const FormatContext& ctx);

class TimeZone {
 public:
  static Status Lookup(std::string_view name, std::shared_ptr<const TimeZone>* out);
  static std::shared_ptr<const TimeZone> Utc();
  // A fixed zone (ISO sign convention: positive = east of Greenwich), as
  // SET TIME ZONE INTERVAL '+05:30' / SET TIME ZONE 5 create.
  static std::shared_ptr<const TimeZone> FixedOffset(int32_t seconds_east);

  // Offset east of UTC in seconds at a UTC instant (microseconds since 2000-01-01).
  int64_t UtcOffsetSecondsAt(int64_t utc_micros_since_2000) const;
  // Offset for a local wall-clock time. In a gap (spring forward) the offset in
  // effect before the transition is used; in an overlap (fall back) the later
  // (standard time) offset wins — PostgreSQL's DetermineTimeZoneOffset rules.
  int64_t UtcOffsetSecondsForLocal(int64_t local_micros_since_2000) const;
  std::string AbbreviationAt(int64_t utc_micros) const;
  const std::string& name() const { return name_; }
  bool is_fixed() const { return transitions_.empty() && !has_rule_; }

  // Building blocks (public for the implementation's parsers; not for callers).
  struct LocalType {
    int32_t utoff;  // seconds east of UTC
    bool is_dst;
    std::string abbr;
  };
  struct Rule;  // POSIX TZ footer rule (after the last transition)

  TimeZone() = default;
  ~TimeZone();

 private:
  friend struct TimeZoneBuilder;
  std::string name_;
  std::vector<int64_t> transitions_;  // UTC seconds since 1970
  std::vector<uint8_t> trans_types_;  // index into types_
  std::vector<LocalType> types_;
  bool has_rule_ = false;
  std::shared_ptr<const Rule> rule_;
  int32_t fixed_offset_ = 0;  // when no transitions and no rule
  std::string fixed_abbr_;

  int32_t OffsetAtUnix(int64_t unix_secs, const LocalType** type) const;
  // First transition strictly after unix time t: its instant and the offsets
  // before/after it. False if none.
  bool NextTransition(int64_t t, int64_t* boundary, int32_t* before, int32_t* after) const;
};

}  // namespace nano
