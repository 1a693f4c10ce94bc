// engine/types/datetime.h — date/time arithmetic, parsing and formatting with
// PostgreSQL 15's rules.
//
// Representation (see value.h): date = days since 2000-01-01 (INT32_MIN/MAX =
// -/+infinity); time = micros since midnight; timestamp/timestamptz = micros
// since 2000-01-01 00:00:00 (UTC for tz; INT64_MIN/MAX = -/+infinity);
// timetz = Interval{micros = time, days = zone offset in seconds WEST of UTC};
// interval = {micros, days, months}.
//
// Input accepts ISO 8601 and the common PostgreSQL forms ('2024-01-02',
// '2024-01-02 03:04:05.123456+02', 'Jan 2 2024', '1/2/2024' per DateOrder,
// BC years, 'epoch', 'infinity', '-infinity', 'now', 'today', 'tomorrow',
// 'yesterday', 'allballs', zone names/abbreviations) and intervals in
// PostgreSQL, ISO 8601 ('P1Y2M3DT4H5M6S'), SQL-standard and '@ ... ago' forms.
// Errors: 22007 invalid input syntax for type X: "..."; 22008 date/time field
// value out of range / date out of range / timestamp out of range; 22015
// interval field value out of range; 22023 time zone not recognized.
//
// Functions are pure and thread-safe. `zone` arguments may not be null unless
// stated; "now" in input uses CurrentTransactionTimestamp().
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "common/status.h"
#include "types/format_context.h"
#include "types/numeric.h"
#include "types/value.h"

namespace nano::dt {

inline constexpr int64_t kUsecsPerSec = 1000000;
inline constexpr int64_t kUsecsPerMinute = 60 * kUsecsPerSec;
inline constexpr int64_t kUsecsPerHour = 60 * kUsecsPerMinute;
inline constexpr int64_t kUsecsPerDay = 24 * kUsecsPerHour;
inline constexpr int32_t kSecsPerDay = 86400;
inline constexpr int32_t kPostgresEpochJdate = 2451545;  // date2j(2000,1,1)
inline constexpr int32_t kUnixEpochJdate = 2440588;      // date2j(1970,1,1)
inline constexpr int64_t kDateNegInfinity = std::numeric_limits<int32_t>::min();
inline constexpr int64_t kDatePosInfinity = std::numeric_limits<int32_t>::max();
inline constexpr int64_t kTsNegInfinity = std::numeric_limits<int64_t>::min();
inline constexpr int64_t kTsPosInfinity = std::numeric_limits<int64_t>::max();
// Unix-epoch micros of the PostgreSQL epoch.
inline constexpr int64_t kPgEpochUnixSecs = 946684800;

// Julian day numbers (PostgreSQL's date2j / j2date; proleptic Gregorian,
// year 0 = 1 BC).
int32_t DateToJulian(int year, int month, int day);
void JulianToDate(int32_t jd, int* year, int* month, int* day);
int DayOfWeek(int32_t jd);  // 0 = Sunday
bool IsLeapYear(int year);
int DaysInMonth(int year, int month);

// Broken-down time. year uses astronomical numbering (0 = 1 BC).
struct Fields {
  int year = 2000, month = 1, day = 1;
  int hour = 0, minute = 0, second = 0;
  int32_t usec = 0;
  int32_t gmtoff = 0;   // seconds east of UTC (timestamptz / timetz)
  std::string tz_abbr;  // zone abbreviation when known
};

// timestamp <-> fields (no zone). 22008 "timestamp out of range".
Status TimestampToFields(int64_t ts, Fields* f);
Status FieldsToTimestamp(const Fields& f, int64_t* ts);
// timestamptz -> local fields in `zone` (sets gmtoff, tz_abbr).
Status TimestampTzToFields(int64_t ts, const TimeZone& zone, Fields* f);
// Local fields -> UTC instant in zone (PG's gap/overlap rules).
Status LocalFieldsToTimestampTz(const Fields& f, const TimeZone& zone, int64_t* ts);

// Input functions (typmod = precision, -1 for none).
Status ParseDate(std::string_view s, const FormatContext& ctx, int64_t* days);
Status ParseTime(std::string_view s, int32_t typmod, const FormatContext& ctx, int64_t* micros);
Status ParseTimeTz(std::string_view s, int32_t typmod, const FormatContext& ctx, Interval* out);
Status ParseTimestamp(std::string_view s, int32_t typmod, const FormatContext& ctx, int64_t* ts);
Status ParseTimestampTz(std::string_view s, int32_t typmod, const FormatContext& ctx, int64_t* ts);
Status ParseInterval(std::string_view s, int32_t typmod, const FormatContext& ctx, Interval* out);

// Output functions (append to *out), honouring DateStyle / IntervalStyle.
void FormatDate(int64_t days, const FormatContext& ctx, std::string* out);
void FormatTime(int64_t micros, std::string* out);
void FormatTimeTz(const Interval& tt, std::string* out);
void FormatTimestamp(int64_t ts, const FormatContext& ctx, std::string* out);
void FormatTimestampTz(int64_t ts, const FormatContext& ctx, std::string* out);
void FormatInterval(const Interval& iv, const FormatContext& ctx, std::string* out);

// Rounds to a precision typmod (0..6), as time/timestamp(p) do. 22008 on overflow.
Status RoundTimestamp(int64_t ts, int32_t typmod, int64_t* out);
int64_t RoundTime(int64_t micros, int32_t typmod);
Status RoundInterval(const Interval& iv, int32_t typmod, Interval* out);

bool IsFiniteTimestamp(int64_t ts);
bool IsFiniteDate(int64_t days);

// Conversions. date -> timestamp: 22008 on overflow.
Status DateToTimestamp(int64_t days, int64_t* ts);
Status DateToTimestampTz(int64_t days, const TimeZone& zone, int64_t* ts);
Status TimestampToDate(int64_t ts, int64_t* days);
Status TimestampTzToDate(int64_t ts, const TimeZone& zone, int64_t* days);
Status TimestampToTimestampTz(int64_t ts, const TimeZone& zone, int64_t* out);
Status TimestampTzToTimestamp(int64_t ts, const TimeZone& zone, int64_t* out);
int64_t TimestampToTime(int64_t ts);  // time of day of a (finite) timestamp
int64_t TimestampTzToTime(int64_t ts, const TimeZone& zone);
Interval TimestampTzToTimeTz(int64_t ts, const TimeZone& zone);

// Arithmetic. Zone = nullptr for timestamp without time zone (day and month
// steps then do not consider DST). 22008 "timestamp out of range".
Status AddInterval(int64_t ts, const Interval& iv, const TimeZone* zone, int64_t* out);
Status SubInterval(int64_t ts, const Interval& iv, const TimeZone* zone, int64_t* out);
Status AddDays(int64_t days, int64_t n, int64_t* out);  // date + integer
// ts - ts -> interval (days and micros only, like timestamp_mi, justify_hours'd).
Status SubtractTimestamps(int64_t a, int64_t b, Interval* out);
Status IntervalAdd(const Interval& a, const Interval& b,
                   Interval* out);  // 22008 interval out of range
Status IntervalSub(const Interval& a, const Interval& b, Interval* out);
Status IntervalMul(const Interval& a, double factor, Interval* out);
Status IntervalDiv(const Interval& a, double divisor, Interval* out);  // 22012
Interval IntervalNeg(const Interval& a);
Interval JustifyDays(const Interval& iv);
Interval JustifyHours(const Interval& iv);
Interval JustifyInterval(const Interval& iv);
// age(a, b): symbolic result in years/months/days (zone = nullptr for timestamp).
Status Age(int64_t a, int64_t b, const TimeZone* zone, Interval* out);
// Interval comparison key (months*30 days + days*24h + micros), as 128-bit.
__int128 IntervalKey(const Interval& iv);

// date_trunc(field, ts[, zone]): zone = nullptr for timestamp. Fields:
// microseconds, milliseconds, second, minute, hour, day, week, month,
// quarter, year, decade, century, millennium. 22023 `unit "x" not recognized
// for type timestamp ...` / 0A000 for unsupported units.
Status DateTrunc(std::string_view field, int64_t ts, const TimeZone* zone, int64_t* out);
Status IntervalTrunc(std::string_view field, const Interval& iv, Interval* out);

// extract(field from v) for date, time, timetz, timestamp, timestamptz and
// interval values (PG15: numeric result). Fields: microseconds, milliseconds,
// second, minute, hour, day, month, quarter, year, decade, century,
// millennium, dow, isodow, doy, week, isoyear, epoch, julian, timezone,
// timezone_hour, timezone_minute. Errors: 22023 `unit "x" not recognized for
// type ...`, 0A000 `unit "x" not supported for type ...`.
// Infinite inputs: NULL result (is_null set) or +/-Infinity per PG15.
Status Extract(std::string_view field, const Value& v, const FormatContext& ctx, Numeric* out,
               bool* is_null);
// date_part(): same as Extract converted to float8.
Status DatePart(std::string_view field, const Value& v, const FormatContext& ctx, double* out,
                bool* is_null);

// make_date / make_timestamp / make_interval helpers (22008 on bad fields).
Status MakeDate(int year, int month, int day, int64_t* days);
Status MakeTimestamp(int year, int month, int day, int hour, int minute, double sec, int64_t* ts);

// Statement-start "now" used by 'now'/'today' input; engine code may set it
// per statement/transaction (thread-local). Defaults to the wall clock.
int64_t CurrentTransactionTimestamp();
void SetCurrentTransactionTimestamp(int64_t ts);  // 0 = use wall clock
int64_t WallClockTimestamp();                     // clock_timestamp()

}  // namespace nano::dt
