// engine/types/datetime.cc — PostgreSQL-compatible date/time support.
//
// The algorithms (date2j/j2date, timestamp2tm, interval arithmetic, ISO
// weeks, justify_*, age, date_trunc, extract) follow PostgreSQL's
// src/backend/utils/adt/{datetime,timestamp,date}.c so results match
// byte-for-byte. Input parsing is a compact re-implementation of
// ParseDateTime/DecodeDateTime covering the documented input forms.
#include "types/datetime.h"

#include <algorithm>
#include <cassert>
#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <vector>

namespace nano::dt {
namespace {

constexpr int kMonthsPerYear = 12;
constexpr int kDaysPerMonth = 30;
constexpr int64_t kMinTimestamp = -211813488000000000LL;  // 4714-11-24 BC
constexpr int64_t kEndTimestamp = 9223371331200000000LL;  // 294277-01-01
constexpr int32_t kDateEndJulian = 2147483494;            // date2j(5874898, 1, 1)
constexpr int32_t kTimestampEndJulian = 109203528;        // date2j(294277, 1, 1)
constexpr int kMaxTzDispSecs = 15 * 3600 + 59 * 60 + 59;  // 15:59:59 as PG's TZDISP_LIMIT

constexpr int kDayTab[2][13] = {{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 0},
                                {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 0}};
constexpr const char* kMonthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kDayNames[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr const char* kFullMonthNames[] = {"january",   "february", "march",    "april",
                                           "may",       "june",     "july",     "august",
                                           "september", "october",  "november", "december"};
constexpr const char* kFullDayNames[] = {"sunday",   "monday", "tuesday", "wednesday",
                                         "thursday", "friday", "saturday"};

thread_local int64_t tl_now = 0;

Status OutOfRangeTs() {
  return Status::Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

bool ValidJulianTs(int64_t jd) { return jd >= 0 && jd < kTimestampEndJulian; }
bool ValidTimestamp(int64_t ts) { return ts >= kMinTimestamp && ts < kEndTimestamp; }

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

}  // namespace

// ---------------------------------------------------------------- calendar

int32_t DateToJulian(int year, int month, int day) {
  int julian, century;
  if (month > 2) {
    month += 1;
    year += 4800;
  } else {
    month += 13;
    year += 4799;
  }
  century = year / 100;
  julian = year * 365 - 32167;
  julian += year / 4 - century + century / 4;
  julian += 7834 * month / 256 + day;
  return julian;
}

void JulianToDate(int32_t jd, int* year, int* month, int* day) {
  unsigned int julian = static_cast<unsigned int>(jd);
  julian += 32044;
  unsigned int quad = julian / 146097;
  const unsigned int extra = (julian - quad * 146097) * 4 + 3;
  julian += 60 + quad * 3 + extra / 146097;
  quad = julian / 1461;
  julian -= quad * 1461;
  int y = static_cast<int>(julian * 4 / 1461);
  julian = ((y != 0) ? ((julian + 305) % 365) : ((julian + 306) % 366)) + 123;
  y += static_cast<int>(quad * 4);
  *year = y - 4800;
  quad = julian * 2141 / 65536;
  *day = static_cast<int>(julian - 7834 * quad / 256);
  *month = static_cast<int>((quad + 10) % kMonthsPerYear + 1);
}

int DayOfWeek(int32_t jd) {
  int d = (jd + 1) % 7;
  if (d < 0) d += 7;
  return d;
}

bool IsLeapYear(int y) { return (y % 4 == 0) && ((y % 100 != 0) || (y % 400 == 0)); }
int DaysInMonth(int y, int m) { return kDayTab[IsLeapYear(y)][m - 1]; }

namespace {

int IsoWeek(int year, int mon, int mday) {
  const int dayn = DateToJulian(year, mon, mday);
  int day4 = DateToJulian(year, 1, 4);
  int day0 = DayOfWeek(day4 - 1);
  if (dayn < day4 - day0) {
    day4 = DateToJulian(year - 1, 1, 4);
    day0 = DayOfWeek(day4 - 1);
  }
  int result = (dayn - (day4 - day0)) / 7 + 1;
  if (result >= 52) {
    day4 = DateToJulian(year + 1, 1, 4);
    day0 = DayOfWeek(day4 - 1);
    if (dayn >= day4 - day0) result = (dayn - (day4 - day0)) / 7 + 1;
  }
  return result;
}

int IsoYear(int year, int mon, int mday) {
  const int dayn = DateToJulian(year, mon, mday);
  int day4 = DateToJulian(year, 1, 4);
  int day0 = DayOfWeek(day4 - 1);
  if (dayn < day4 - day0) {
    day4 = DateToJulian(year - 1, 1, 4);
    day0 = DayOfWeek(day4 - 1);
    year--;
  }
  const int result = (dayn - (day4 - day0)) / 7 + 1;
  if (result >= 52) {
    day4 = DateToJulian(year + 1, 1, 4);
    day0 = DayOfWeek(day4 - 1);
    if (dayn >= day4 - day0) year++;
  }
  return year;
}

int IsoWeekToJulian(int year, int week) {
  const int day4 = DateToJulian(year, 1, 4);
  const int day0 = DayOfWeek(day4 - 1);
  return ((week - 1) * 7) + (day4 - day0);
}

void TimeToFields(int64_t t, Fields* f) {
  f->hour = static_cast<int>(t / kUsecsPerHour);
  t -= f->hour * kUsecsPerHour;
  f->minute = static_cast<int>(t / kUsecsPerMinute);
  t -= f->minute * kUsecsPerMinute;
  f->second = static_cast<int>(t / kUsecsPerSec);
  f->usec = static_cast<int32_t>(t - f->second * kUsecsPerSec);
}

int64_t FieldsToTime(const Fields& f) {
  return ((int64_t{f.hour} * 60 + f.minute) * 60 + f.second) * kUsecsPerSec + f.usec;
}

}  // namespace

namespace {
// min_julian: the smallest Julian day accepted. A zone's local time may fall
// a day before Julian day 0 (4714-11-24 00:00+00 BC in America/New_York is
// 4714-11-23 19:03:58-04:56:02 BC, which PostgreSQL prints through the tz
// library); JulianToDate is exact for days >= -32044.
Status SplitTimestamp(int64_t ts, int64_t min_julian, Fields* f) {
  int64_t date = ts / kUsecsPerDay;
  int64_t time = ts - date * kUsecsPerDay;
  if (time < 0) {
    time += kUsecsPerDay;
    date -= 1;
  }
  date += kPostgresEpochJdate;
  if (date < min_julian || date > INT32_MAX) return OutOfRangeTs();
  JulianToDate(static_cast<int32_t>(date), &f->year, &f->month, &f->day);
  TimeToFields(time, f);
  f->gmtoff = 0;
  f->tz_abbr.clear();
  return Status::OK();
}
}  // namespace

Status TimestampToFields(int64_t ts, Fields* f) { return SplitTimestamp(ts, 0, f); }

Status FieldsToTimestamp(const Fields& f, int64_t* ts) {
  if (f.year < -4713 - 1 || f.year > 294277) return OutOfRangeTs();
  const int64_t jd = DateToJulian(f.year, f.month, f.day);
  if (!ValidJulianTs(jd)) return OutOfRangeTs();
  const int64_t date = jd - kPostgresEpochJdate;
  const int64_t result = date * kUsecsPerDay + FieldsToTime(f);
  if (!ValidTimestamp(result)) return OutOfRangeTs();
  *ts = result;
  return Status::OK();
}

Status TimestampTzToFields(int64_t ts, const TimeZone& zone, Fields* f) {
  const int64_t off = zone.UtcOffsetSecondsAt(ts);
  NANO_RETURN_IF_ERROR(SplitTimestamp(ts + off * kUsecsPerSec, -1, f));
  f->gmtoff = static_cast<int32_t>(off);
  f->tz_abbr = zone.AbbreviationAt(ts);
  return Status::OK();
}

Status LocalFieldsToTimestampTz(const Fields& f, const TimeZone& zone, int64_t* ts) {
  int64_t local;
  NANO_RETURN_IF_ERROR(FieldsToTimestamp(f, &local));
  const int64_t off = zone.UtcOffsetSecondsForLocal(local);
  const int64_t r = local - off * kUsecsPerSec;
  if (!ValidTimestamp(r)) return OutOfRangeTs();
  *ts = r;
  return Status::OK();
}

bool IsFiniteTimestamp(int64_t ts) { return ts != kTsNegInfinity && ts != kTsPosInfinity; }
bool IsFiniteDate(int64_t d) { return d != kDateNegInfinity && d != kDatePosInfinity; }

int64_t WallClockTimestamp() {
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return std::chrono::duration_cast<std::chrono::microseconds>(now).count() -
         kPgEpochUnixSecs * kUsecsPerSec;
}
int64_t CurrentTransactionTimestamp() { return tl_now != 0 ? tl_now : WallClockTimestamp(); }
void SetCurrentTransactionTimestamp(int64_t ts) { tl_now = ts; }

// ---------------------------------------------------------------- output

namespace {

void AppendInt(std::string* out, int64_t v, int width) {
  char buf[32];
  const int n = std::snprintf(buf, sizeof buf, "%0*lld", width, static_cast<long long>(v));
  out->append(buf, static_cast<size_t>(n));
}

// Seconds with up to 6 fractional digits, trailing zeros removed.
void AppendSeconds(std::string* out, int sec, int32_t usec) {
  AppendInt(out, sec, 2);
  if (usec != 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, ".%06d", usec);
    size_t len = std::strlen(buf);
    while (len > 1 && buf[len - 1] == '0') --len;
    out->append(buf, len);
  }
}

// PG's EncodeTimezone: +HH[:MM[:SS]], offset east.
void AppendTz(std::string* out, int32_t east) {
  const int32_t a = east < 0 ? -east : east;
  out->push_back(east < 0 ? '-' : '+');
  AppendInt(out, a / 3600, 2);
  const int mins = a / 60 % 60, secs = a % 60;
  if (mins || secs) {
    out->push_back(':');
    AppendInt(out, mins, 2);
  }
  if (secs) {
    out->push_back(':');
    AppendInt(out, secs, 2);
  }
}

int DisplayYear(int year) { return year > 0 ? year : -(year - 1); }

void AppendYmd(std::string* out, const Fields& f, FormatContext::DateStyle style,
               FormatContext::DateOrder order) {
  const int y = DisplayYear(f.year);
  switch (style) {
    case FormatContext::DateStyle::kIso:
    case FormatContext::DateStyle::kPostgres:  // (dates only; timestamps differ)
      if (style == FormatContext::DateStyle::kIso) {
        AppendInt(out, y, 4);
        out->push_back('-');
        AppendInt(out, f.month, 2);
        out->push_back('-');
        AppendInt(out, f.day, 2);
      } else {
        // Postgres style date: mm-dd-yyyy (or dd-mm-yyyy with DMY).
        if (order == FormatContext::DateOrder::kDmy) {
          AppendInt(out, f.day, 2);
          out->push_back('-');
          AppendInt(out, f.month, 2);
        } else {
          AppendInt(out, f.month, 2);
          out->push_back('-');
          AppendInt(out, f.day, 2);
        }
        out->push_back('-');
        AppendInt(out, y, 4);
      }
      break;
    case FormatContext::DateStyle::kSql:
      if (order == FormatContext::DateOrder::kDmy) {
        AppendInt(out, f.day, 2);
        out->push_back('/');
        AppendInt(out, f.month, 2);
      } else {
        AppendInt(out, f.month, 2);
        out->push_back('/');
        AppendInt(out, f.day, 2);
      }
      out->push_back('/');
      AppendInt(out, y, 4);
      break;
    case FormatContext::DateStyle::kGerman:
      AppendInt(out, f.day, 2);
      out->push_back('.');
      AppendInt(out, f.month, 2);
      out->push_back('.');
      AppendInt(out, y, 4);
      break;
  }
}

// PG's EncodeDateTime. with_tz: print zone (offset in ISO, abbreviation otherwise).
void EncodeDateTime(const Fields& f, bool with_tz, const FormatContext& ctx, std::string* out) {
  const bool bc = f.year <= 0;
  switch (ctx.date_style) {
    case FormatContext::DateStyle::kIso:
      AppendYmd(out, f, ctx.date_style, ctx.date_order);
      out->push_back(' ');
      AppendInt(out, f.hour, 2);
      out->push_back(':');
      AppendInt(out, f.minute, 2);
      out->push_back(':');
      AppendSeconds(out, f.second, f.usec);
      if (with_tz) AppendTz(out, f.gmtoff);
      break;
    case FormatContext::DateStyle::kSql:
    case FormatContext::DateStyle::kGerman:
      AppendYmd(out, f, ctx.date_style, ctx.date_order);
      out->push_back(' ');
      AppendInt(out, f.hour, 2);
      out->push_back(':');
      AppendInt(out, f.minute, 2);
      out->push_back(':');
      AppendSeconds(out, f.second, f.usec);
      if (with_tz) {
        if (!f.tz_abbr.empty()) {
          out->push_back(' ');
          out->append(f.tz_abbr);
        } else {
          AppendTz(out, f.gmtoff);
        }
      }
      break;
    case FormatContext::DateStyle::kPostgres: {
      const int dow = DayOfWeek(DateToJulian(f.year, f.month, f.day));
      out->append(kDayNames[dow]);
      out->push_back(' ');
      if (ctx.date_order == FormatContext::DateOrder::kDmy) {
        AppendInt(out, f.day, 2);
        out->push_back(' ');
        out->append(kMonthNames[f.month - 1]);
      } else {
        out->append(kMonthNames[f.month - 1]);
        out->push_back(' ');
        AppendInt(out, f.day, 2);
      }
      out->push_back(' ');
      AppendInt(out, f.hour, 2);
      out->push_back(':');
      AppendInt(out, f.minute, 2);
      out->push_back(':');
      AppendSeconds(out, f.second, f.usec);
      out->push_back(' ');
      AppendInt(out, DisplayYear(f.year), 4);
      if (with_tz) {
        out->push_back(' ');
        if (!f.tz_abbr.empty()) {
          out->append(f.tz_abbr);
        } else {
          AppendTz(out, f.gmtoff);
        }
      }
      break;
    }
  }
  if (bc) out->append(" BC");
}

}  // namespace

void FormatDate(int64_t days, const FormatContext& ctx, std::string* out) {
  if (days == kDateNegInfinity) {
    out->append("-infinity");
    return;
  }
  if (days == kDatePosInfinity) {
    out->append("infinity");
    return;
  }
  Fields f;
  JulianToDate(static_cast<int32_t>(days + kPostgresEpochJdate), &f.year, &f.month, &f.day);
  FormatContext::DateStyle style = ctx.date_style;
  AppendYmd(out, f, style, ctx.date_order);
  if (f.year <= 0) out->append(" BC");
}

void FormatTime(int64_t micros, std::string* out) {
  Fields f;
  TimeToFields(micros, &f);
  AppendInt(out, f.hour, 2);
  out->push_back(':');
  AppendInt(out, f.minute, 2);
  out->push_back(':');
  AppendSeconds(out, f.second, f.usec);
}

void FormatTimeTz(const Interval& tt, std::string* out) {
  FormatTime(tt.micros, out);
  AppendTz(out, -tt.days);
}

void FormatTimestamp(int64_t ts, const FormatContext& ctx, std::string* out) {
  if (ts == kTsNegInfinity) {
    out->append("-infinity");
    return;
  }
  if (ts == kTsPosInfinity) {
    out->append("infinity");
    return;
  }
  Fields f;
  if (!TimestampToFields(ts, &f).ok()) {
    out->append("timestamp out of range");
    return;
  }
  EncodeDateTime(f, false, ctx, out);
}

void FormatTimestampTz(int64_t ts, const FormatContext& ctx, std::string* out) {
  if (ts == kTsNegInfinity) {
    out->append("-infinity");
    return;
  }
  if (ts == kTsPosInfinity) {
    out->append("infinity");
    return;
  }
  Fields f;
  auto zone = ZoneOf(ctx);
  // ISO output shows only the numeric offset: skip the abbreviation lookup.
  const int64_t off = zone->UtcOffsetSecondsAt(ts);
  if (!SplitTimestamp(ts + off * kUsecsPerSec, -1, &f).ok()) {
    out->append("timestamp out of range");
    return;
  }
  f.gmtoff = static_cast<int32_t>(off);
  if (ctx.date_style != FormatContext::DateStyle::kIso) f.tz_abbr = zone->AbbreviationAt(ts);
  EncodeDateTime(f, true, ctx, out);
}

namespace {

struct IntervalFields {
  int64_t year, mon, mday, hour, min, sec, usec;
};

IntervalFields SplitInterval(const Interval& iv) {
  IntervalFields r;
  r.year = iv.months / kMonthsPerYear;
  r.mon = iv.months % kMonthsPerYear;
  r.mday = iv.days;
  int64_t t = iv.micros;
  r.hour = t / kUsecsPerHour;
  t -= r.hour * kUsecsPerHour;
  r.min = t / kUsecsPerMinute;
  t -= r.min * kUsecsPerMinute;
  r.sec = t / kUsecsPerSec;
  r.usec = t - r.sec * kUsecsPerSec;
  return r;
}

void AppendPostgresPart(std::string* out, int64_t value, const char* units, bool* is_zero,
                        bool* is_before) {
  if (value == 0) return;
  if (!*is_zero) out->push_back(' ');
  if (*is_before && value > 0) out->push_back('+');
  out->append(std::to_string(value));
  out->push_back(' ');
  out->append(units);
  if (value != 1) out->push_back('s');
  *is_before = value < 0;
  *is_zero = false;
}

// PostgreSQL's AddVerboseIntPart: the first non-zero field decides "ago";
// later fields are printed relative to it.
void AppendVerbosePart(std::string* out, int64_t value, const char* units, bool* is_zero,
                       bool* is_before) {
  if (value == 0) return;
  if (*is_zero) {
    *is_before = value < 0;
    value = std::llabs(value);
  } else if (*is_before) {
    value = -value;
  }
  out->push_back(' ');
  out->append(std::to_string(value));
  out->push_back(' ');
  out->append(units);
  if (value != 1) out->push_back('s');
  *is_zero = false;
}

void AppendFracSeconds(std::string* out, int64_t sec, int64_t usec, bool fill_zeros) {
  if (fill_zeros) {
    AppendInt(out, sec, 2);
  } else {
    out->append(std::to_string(sec));
  }
  if (usec != 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, ".%06lld", static_cast<long long>(usec));
    size_t len = std::strlen(buf);
    while (len > 1 && buf[len - 1] == '0') --len;
    out->append(buf, len);
  }
}

void AppendIsoPart(std::string* out, int64_t value, char unit) {
  if (value == 0) return;
  out->append(std::to_string(value));
  out->push_back(unit);
}

}  // namespace

void FormatInterval(const Interval& iv, const FormatContext& ctx, std::string* out) {
  IntervalFields f = SplitInterval(iv);
  bool is_zero = true, is_before = false;
  switch (ctx.interval_style) {
    case FormatContext::IntervalStyle::kPostgres: {
      AppendPostgresPart(out, f.year, "year", &is_zero, &is_before);
      AppendPostgresPart(out, f.mon, "mon", &is_zero, &is_before);
      AppendPostgresPart(out, f.mday, "day", &is_zero, &is_before);
      if (is_zero || f.hour != 0 || f.min != 0 || f.sec != 0 || f.usec != 0) {
        const bool minus = f.hour < 0 || f.min < 0 || f.sec < 0 || f.usec < 0;
        if (!is_zero) out->push_back(' ');
        if (minus) {
          out->push_back('-');
        } else if (is_before) {
          out->push_back('+');
        }
        AppendInt(out, std::llabs(f.hour), 2);
        out->push_back(':');
        AppendInt(out, std::llabs(f.min), 2);
        out->push_back(':');
        AppendFracSeconds(out, std::llabs(f.sec), std::llabs(f.usec), true);
      }
      break;
    }
    case FormatContext::IntervalStyle::kIso8601: {
      if (f.year == 0 && f.mon == 0 && f.mday == 0 && f.hour == 0 && f.min == 0 && f.sec == 0 &&
          f.usec == 0) {
        out->append("PT0S");
        break;
      }
      out->push_back('P');
      AppendIsoPart(out, f.year, 'Y');
      AppendIsoPart(out, f.mon, 'M');
      AppendIsoPart(out, f.mday, 'D');
      if (f.hour != 0 || f.min != 0 || f.sec != 0 || f.usec != 0) out->push_back('T');
      AppendIsoPart(out, f.hour, 'H');
      AppendIsoPart(out, f.min, 'M');
      if (f.sec != 0 || f.usec != 0) {
        if (f.sec < 0 || f.usec < 0) out->push_back('-');
        AppendFracSeconds(out, std::llabs(f.sec), std::llabs(f.usec), false);
        out->push_back('S');
      }
      break;
    }
    case FormatContext::IntervalStyle::kSqlStandard: {
      const bool has_negative = f.year < 0 || f.mon < 0 || f.mday < 0 || f.hour < 0 || f.min < 0 ||
                                f.sec < 0 || f.usec < 0;
      const bool has_positive = f.year > 0 || f.mon > 0 || f.mday > 0 || f.hour > 0 || f.min > 0 ||
                                f.sec > 0 || f.usec > 0;
      const bool has_year_month = f.year != 0 || f.mon != 0;
      const bool has_day_time =
          f.mday != 0 || f.hour != 0 || f.min != 0 || f.sec != 0 || f.usec != 0;
      const bool has_day = f.mday != 0;
      const bool sql_standard_value =
          !(has_negative && has_positive) && !(has_year_month && has_day_time);
      if (has_negative && sql_standard_value) {
        out->push_back('-');
        f = {-f.year, -f.mon, -f.mday, -f.hour, -f.min, -f.sec, -f.usec};
      }
      if (!has_negative && !has_positive) {
        out->push_back('0');
      } else if (!sql_standard_value) {
        const char year_sign = (f.year < 0 || f.mon < 0) ? '-' : '+';
        const char day_sign = f.mday < 0 ? '-' : '+';
        const char sec_sign = (f.hour < 0 || f.min < 0 || f.sec < 0 || f.usec < 0) ? '-' : '+';
        out->push_back(year_sign);
        out->append(std::to_string(std::llabs(f.year)) + "-" + std::to_string(std::llabs(f.mon)) +
                    " ");
        out->push_back(day_sign);
        out->append(std::to_string(std::llabs(f.mday)) + " ");
        out->push_back(sec_sign);
        out->append(std::to_string(std::llabs(f.hour)) + ":");
        AppendInt(out, std::llabs(f.min), 2);
        out->push_back(':');
        AppendFracSeconds(out, std::llabs(f.sec), std::llabs(f.usec), true);
      } else if (has_year_month) {
        out->append(std::to_string(f.year) + "-" + std::to_string(f.mon));
      } else if (has_day) {
        out->append(std::to_string(f.mday) + " " + std::to_string(f.hour) + ":");
        AppendInt(out, f.min, 2);
        out->push_back(':');
        AppendFracSeconds(out, f.sec, f.usec, true);
      } else {
        out->append(std::to_string(f.hour) + ":");
        AppendInt(out, f.min, 2);
        out->push_back(':');
        AppendFracSeconds(out, f.sec, f.usec, true);
      }
      break;
    }
    case FormatContext::IntervalStyle::kPostgresVerbose: {
      out->push_back('@');
      AppendVerbosePart(out, f.year, "year", &is_zero, &is_before);
      AppendVerbosePart(out, f.mon, "mon", &is_zero, &is_before);
      AppendVerbosePart(out, f.mday, "day", &is_zero, &is_before);
      AppendVerbosePart(out, f.hour, "hour", &is_zero, &is_before);
      AppendVerbosePart(out, f.min, "min", &is_zero, &is_before);
      if (f.sec != 0 || f.usec != 0) {
        out->push_back(' ');
        if (f.sec < 0 || (f.sec == 0 && f.usec < 0)) {
          if (is_zero) {
            is_before = true;
          } else if (!is_before) {
            out->push_back('-');
          }
        } else if (is_before) {
          out->push_back('-');
        }
        AppendFracSeconds(out, std::llabs(f.sec), std::llabs(f.usec), false);
        out->append((std::llabs(f.sec) != 1 || f.usec != 0) ? " secs" : " sec");
        is_zero = false;
      }
      if (is_zero) out->append(" 0");
      if (is_before) out->append(" ago");
      break;
    }
  }
}

// ---------------------------------------------------------------- rounding

namespace {
constexpr int64_t kScales[7] = {1000000, 100000, 10000, 1000, 100, 10, 1};
int PrecisionOf(int32_t typmod) {
  if (typmod < 0) return -1;
  if (typmod > 0xffff) typmod &= 0xffff;  // PostgreSQL's interval typmod layout
  return typmod > 6 ? 6 : typmod;
}
int64_t RoundMicros(int64_t t, int p) {
  if (p < 0 || p >= 6) return t;
  const int64_t s = kScales[p], o = s / 2;
  if (t >= 0) return ((t + o) / s) * s;
  return -((((-t) + o) / s) * s);
}
}  // namespace

Status RoundTimestamp(int64_t ts, int32_t typmod, int64_t* out) {
  if (!IsFiniteTimestamp(ts)) {
    *out = ts;
    return Status::OK();
  }
  const int64_t r = RoundMicros(ts, PrecisionOf(typmod));
  if (!ValidTimestamp(r)) return OutOfRangeTs();
  *out = r;
  return Status::OK();
}

int64_t RoundTime(int64_t micros, int32_t typmod) {
  return RoundMicros(micros, PrecisionOf(typmod));
}

Status RoundInterval(const Interval& iv, int32_t typmod, Interval* out) {
  *out = iv;
  if (typmod > 0xFFFF) {
    // PostgreSQL's AdjustIntervalForTypmod: drop fields below the range.
    constexpr int32_t kY = 1 << 2, kM = 1 << 1, kD = 1 << 3, kH = 1 << 10, kMi = 1 << 11;
    const int32_t range = (typmod >> 16) & 0x7FFF;
    if (range == kY) {
      out->months = (out->months / kMonthsPerYear) * kMonthsPerYear;
      out->days = 0;
      out->micros = 0;
    } else if (range == kM || range == (kY | kM)) {
      out->days = 0;
      out->micros = 0;
    } else if (range == kD) {
      out->micros = 0;
    } else if (range == kH || range == (kD | kH)) {
      out->micros = (out->micros / kUsecsPerHour) * kUsecsPerHour;
    } else if (range == kMi || range == (kD | kH | kMi) || range == (kH | kMi)) {
      out->micros = (out->micros / kUsecsPerMinute) * kUsecsPerMinute;
    }
  }
  out->micros = RoundMicros(out->micros, PrecisionOf(typmod));
  return Status::OK();
}

// ---------------------------------------------------------------- conversions

Status DateToTimestamp(int64_t days, int64_t* ts) {
  if (days == kDateNegInfinity) {
    *ts = kTsNegInfinity;
    return Status::OK();
  }
  if (days == kDatePosInfinity) {
    *ts = kTsPosInfinity;
    return Status::OK();
  }
  if (days >= kTimestampEndJulian - kPostgresEpochJdate) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "date out of range for timestamp");
  }
  *ts = days * kUsecsPerDay;
  return Status::OK();
}

Status DateToTimestampTz(int64_t days, const TimeZone& zone, int64_t* ts) {
  if (!IsFiniteDate(days)) return DateToTimestamp(days, ts);
  if (days >= kTimestampEndJulian - kPostgresEpochJdate) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "date out of range for timestamp");
  }
  const int64_t local = days * kUsecsPerDay;
  const int64_t r = local - zone.UtcOffsetSecondsForLocal(local) * kUsecsPerSec;
  if (!ValidTimestamp(r))
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "date out of range for timestamp");
  *ts = r;
  return Status::OK();
}

Status TimestampToDate(int64_t ts, int64_t* days) {
  if (ts == kTsNegInfinity) {
    *days = kDateNegInfinity;
    return Status::OK();
  }
  if (ts == kTsPosInfinity) {
    *days = kDatePosInfinity;
    return Status::OK();
  }
  *days = FloorDiv(ts, kUsecsPerDay);
  return Status::OK();
}

Status TimestampTzToDate(int64_t ts, const TimeZone& zone, int64_t* days) {
  if (!IsFiniteTimestamp(ts)) return TimestampToDate(ts, days);
  return TimestampToDate(ts + zone.UtcOffsetSecondsAt(ts) * kUsecsPerSec, days);
}

Status TimestampToTimestampTz(int64_t ts, const TimeZone& zone, int64_t* out) {
  if (!IsFiniteTimestamp(ts)) {
    *out = ts;
    return Status::OK();
  }
  const int64_t r = ts - zone.UtcOffsetSecondsForLocal(ts) * kUsecsPerSec;
  if (!ValidTimestamp(r)) return OutOfRangeTs();
  *out = r;
  return Status::OK();
}

Status TimestampTzToTimestamp(int64_t ts, const TimeZone& zone, int64_t* out) {
  if (!IsFiniteTimestamp(ts)) {
    *out = ts;
    return Status::OK();
  }
  const int64_t r = ts + zone.UtcOffsetSecondsAt(ts) * kUsecsPerSec;
  if (!ValidTimestamp(r)) return OutOfRangeTs();
  *out = r;
  return Status::OK();
}

int64_t TimestampToTime(int64_t ts) {
  int64_t t = ts % kUsecsPerDay;
  if (t < 0) t += kUsecsPerDay;
  return t;
}

int64_t TimestampTzToTime(int64_t ts, const TimeZone& zone) {
  return TimestampToTime(ts + zone.UtcOffsetSecondsAt(ts) * kUsecsPerSec);
}

Interval TimestampTzToTimeTz(int64_t ts, const TimeZone& zone) {
  const int64_t off = zone.UtcOffsetSecondsAt(ts);
  Interval r;
  r.micros = TimestampToTime(ts + off * kUsecsPerSec);
  r.days = static_cast<int32_t>(-off);
  return r;
}

// ---------------------------------------------------------------- arithmetic

namespace {
Status LocalFields(int64_t ts, const TimeZone* zone, Fields* f) {
  if (zone) return TimestampTzToFields(ts, *zone, f);
  return TimestampToFields(ts, f);
}
Status FromLocalFields(const Fields& f, const TimeZone* zone, int64_t* ts) {
  if (zone) return LocalFieldsToTimestampTz(f, *zone, ts);
  return FieldsToTimestamp(f, ts);
}
}  // namespace

Status AddInterval(int64_t ts, const Interval& iv, const TimeZone* zone, int64_t* out) {
  if (!IsFiniteTimestamp(ts)) {
    *out = ts;
    return Status::OK();
  }
  if (iv.months != 0) {
    Fields f;
    NANO_RETURN_IF_ERROR(LocalFields(ts, zone, &f));
    int64_t mon = int64_t{f.month} + iv.months;
    int64_t year = f.year;
    if (mon > kMonthsPerYear) {
      year += (mon - 1) / kMonthsPerYear;
      mon = ((mon - 1) % kMonthsPerYear) + 1;
    } else if (mon < 1) {
      year += mon / kMonthsPerYear - 1;
      mon = mon % kMonthsPerYear + kMonthsPerYear;
    }
    if (year < -4714 || year > 294277) return OutOfRangeTs();
    f.year = static_cast<int>(year);
    f.month = static_cast<int>(mon);
    const int dim = DaysInMonth(f.year, f.month);
    if (f.day > dim) f.day = dim;
    NANO_RETURN_IF_ERROR(FromLocalFields(f, zone, &ts));
  }
  if (iv.days != 0) {
    Fields f;
    NANO_RETURN_IF_ERROR(LocalFields(ts, zone, &f));
    int64_t jd = DateToJulian(f.year, f.month, f.day) + int64_t{iv.days};
    if (jd < 0 || jd > INT32_MAX) return OutOfRangeTs();
    JulianToDate(static_cast<int32_t>(jd), &f.year, &f.month, &f.day);
    NANO_RETURN_IF_ERROR(FromLocalFields(f, zone, &ts));
  }
  int64_t r;
  if (__builtin_add_overflow(ts, iv.micros, &r) || !ValidTimestamp(r)) return OutOfRangeTs();
  *out = r;
  return Status::OK();
}

Status SubInterval(int64_t ts, const Interval& iv, const TimeZone* zone, int64_t* out) {
  if (iv.months == INT32_MIN || iv.days == INT32_MIN || iv.micros == INT64_MIN) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  }
  return AddInterval(ts, IntervalNeg(iv), zone, out);
}

Status AddDays(int64_t days, int64_t n, int64_t* out) {
  if (!IsFiniteDate(days)) {
    *out = days;
    return Status::OK();
  }
  const int64_t r = days + n;
  if (r + kPostgresEpochJdate < 0 || r + kPostgresEpochJdate >= kDateEndJulian) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "date out of range");
  }
  *out = r;
  return Status::OK();
}

Status SubtractTimestamps(int64_t a, int64_t b, Interval* out) {
  if (!IsFiniteTimestamp(a) || !IsFiniteTimestamp(b)) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "cannot subtract infinite timestamps");
  }
  Interval r;
  if (__builtin_sub_overflow(a, b, &r.micros))
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  *out = JustifyHours(r);
  return Status::OK();
}

Status IntervalAdd(const Interval& a, const Interval& b, Interval* out) {
  Interval r;
  if (__builtin_add_overflow(a.months, b.months, &r.months) ||
      __builtin_add_overflow(a.days, b.days, &r.days) ||
      __builtin_add_overflow(a.micros, b.micros, &r.micros)) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  }
  *out = r;
  return Status::OK();
}

Status IntervalSub(const Interval& a, const Interval& b, Interval* out) {
  Interval r;
  if (__builtin_sub_overflow(a.months, b.months, &r.months) ||
      __builtin_sub_overflow(a.days, b.days, &r.days) ||
      __builtin_sub_overflow(a.micros, b.micros, &r.micros)) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  }
  *out = r;
  return Status::OK();
}

Interval IntervalNeg(const Interval& a) { return Interval{-a.micros, -a.days, -a.months}; }

// PG's interval_mul: cascade fractional months into days and days into time.
Status IntervalMul(const Interval& span, double factor, Interval* out) {
  const Status range = Status::Error(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  if (std::isnan(factor)) return range;
  double result_double = span.months * factor;
  if (std::isnan(result_double) || result_double > INT32_MAX || result_double < INT32_MIN)
    return range;
  Interval r;
  r.months = static_cast<int32_t>(result_double);
  result_double = span.days * factor;
  if (std::isnan(result_double) || result_double > INT32_MAX || result_double < INT32_MIN)
    return range;
  r.days = static_cast<int32_t>(result_double);
  const double month_remainder_days = (span.months * factor - r.months) * kDaysPerMonth;
  double sec_remainder =
      (span.days * factor - r.days + month_remainder_days - std::trunc(month_remainder_days)) *
      kSecsPerDay;
  sec_remainder = std::rint(sec_remainder * kUsecsPerSec) / kUsecsPerSec;
  if (std::fabs(sec_remainder) >= kSecsPerDay) {
    if (__builtin_add_overflow(r.days, static_cast<int32_t>(sec_remainder / kSecsPerDay), &r.days))
      return range;
    sec_remainder -= static_cast<int32_t>(sec_remainder / kSecsPerDay) * kSecsPerDay;
  }
  if (std::fabs(month_remainder_days) >= 1 &&
      __builtin_add_overflow(r.days, static_cast<int32_t>(month_remainder_days), &r.days)) {
    return range;
  }
  result_double = std::rint(span.micros * factor + sec_remainder * kUsecsPerSec);
  if (std::isnan(result_double) || result_double >= 9.2233720368547758e18 ||
      result_double < -9.2233720368547758e18) {
    return range;
  }
  r.micros = static_cast<int64_t>(result_double);
  *out = r;
  return Status::OK();
}

Status IntervalDiv(const Interval& span, double factor, Interval* out) {
  if (factor == 0.0) return Status::Error(sqlstate::kDivisionByZero, "division by zero");
  Interval r;
  r.months = static_cast<int32_t>(span.months / factor);
  r.days = static_cast<int32_t>(span.days / factor);
  const double month_remainder_days = (span.months / factor - r.months) * kDaysPerMonth;
  double sec_remainder =
      (span.days / factor - r.days + month_remainder_days - std::trunc(month_remainder_days)) *
      kSecsPerDay;
  sec_remainder = std::rint(sec_remainder * kUsecsPerSec) / kUsecsPerSec;
  if (std::fabs(sec_remainder) >= kSecsPerDay) {
    r.days += static_cast<int32_t>(sec_remainder / kSecsPerDay);
    sec_remainder -= static_cast<int32_t>(sec_remainder / kSecsPerDay) * kSecsPerDay;
  }
  r.days += static_cast<int32_t>(month_remainder_days);
  r.micros = static_cast<int64_t>(std::rint(span.micros / factor + sec_remainder * kUsecsPerSec));
  *out = r;
  return Status::OK();
}

Interval JustifyDays(const Interval& iv) {
  Interval r = iv;
  const int32_t wholemonth = r.days / kDaysPerMonth;
  r.days -= wholemonth * kDaysPerMonth;
  r.months += wholemonth;
  if (r.months > 0 && r.days < 0) {
    r.days += kDaysPerMonth;
    r.months--;
  } else if (r.months < 0 && r.days > 0) {
    r.days -= kDaysPerMonth;
    r.months++;
  }
  return r;
}

Interval JustifyHours(const Interval& iv) {
  Interval r = iv;
  const int64_t wholeday = r.micros / kUsecsPerDay;
  r.micros -= wholeday * kUsecsPerDay;
  r.days += static_cast<int32_t>(wholeday);
  if (r.days > 0 && r.micros < 0) {
    r.micros += kUsecsPerDay;
    r.days--;
  } else if (r.days < 0 && r.micros > 0) {
    r.micros -= kUsecsPerDay;
    r.days++;
  }
  return r;
}

Interval JustifyInterval(const Interval& iv) {
  Interval r = iv;
  const int64_t wholeday = r.micros / kUsecsPerDay;
  r.micros -= wholeday * kUsecsPerDay;
  r.days += static_cast<int32_t>(wholeday);
  const int32_t wholemonth = r.days / kDaysPerMonth;
  r.days -= wholemonth * kDaysPerMonth;
  r.months += wholemonth;
  if (r.months > 0 && (r.days < 0 || (r.days == 0 && r.micros < 0))) {
    r.days += kDaysPerMonth;
    r.months--;
  } else if (r.months < 0 && (r.days > 0 || (r.days == 0 && r.micros > 0))) {
    r.days -= kDaysPerMonth;
    r.months++;
  }
  if (r.days > 0 && r.micros < 0) {
    r.micros += kUsecsPerDay;
    r.days--;
  } else if (r.days < 0 && r.micros > 0) {
    r.micros -= kUsecsPerDay;
    r.days++;
  }
  return r;
}

__int128 IntervalKey(const Interval& iv) {
  return static_cast<__int128>(iv.micros) +
         (static_cast<__int128>(iv.days) + static_cast<__int128>(iv.months) * kDaysPerMonth) *
             kUsecsPerDay;
}

Status Age(int64_t a, int64_t b, const TimeZone* zone, Interval* out) {
  Fields f1, f2;
  if (!IsFiniteTimestamp(a) || !IsFiniteTimestamp(b)) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  }
  NANO_RETURN_IF_ERROR(LocalFields(a, zone, &f1));
  NANO_RETURN_IF_ERROR(LocalFields(b, zone, &f2));
  int64_t fsec = f1.usec - f2.usec;
  int64_t sec = f1.second - f2.second, min = f1.minute - f2.minute, hour = f1.hour - f2.hour;
  int64_t mday = f1.day - f2.day, mon = f1.month - f2.month, year = int64_t{f1.year} - f2.year;
  const bool flip = a < b;
  auto negate = [&]() {
    fsec = -fsec;
    sec = -sec;
    min = -min;
    hour = -hour;
    mday = -mday;
    mon = -mon;
    year = -year;
  };
  if (flip) negate();
  while (fsec < 0) {
    fsec += kUsecsPerSec;
    sec--;
  }
  while (sec < 0) {
    sec += 60;
    min--;
  }
  while (min < 0) {
    min += 60;
    hour--;
  }
  while (hour < 0) {
    hour += 24;
    mday--;
  }
  for (int guard = 0; mday < 0 && guard < 64; ++guard) {
    const Fields& ref = flip ? f1 : f2;
    mday += DaysInMonth(ref.year, ref.month);
    mon--;
  }
  while (mon < 0) {
    mon += kMonthsPerYear;
    year--;
  }
  if (flip) negate();
  Interval r;
  r.months = static_cast<int32_t>(year * kMonthsPerYear + mon);
  r.days = static_cast<int32_t>(mday);
  r.micros = ((hour * 60 + min) * 60 + sec) * kUsecsPerSec + fsec;
  *out = r;
  return Status::OK();
}

// ---------------------------------------------------------------- units

namespace {

enum class Unit {
  kNone,
  kMicrosec,
  kMillisec,
  kSecond,
  kMinute,
  kHour,
  kDay,
  kWeek,
  kMonth,
  kQuarter,
  kYear,
  kDecade,
  kCentury,
  kMillennium,
  kDow,
  kIsoDow,
  kDoy,
  kEpoch,
  kJulian,
  kIsoYear,
  kTz,
  kTzHour,
  kTzMinute,
};

Unit ParseUnit(std::string_view s) {
  const std::string l = Lower(s);
  struct U {
    const char* n;
    Unit u;
  };
  static constexpr U kUnits[] = {
      {"microsecond", Unit::kMicrosec},
      {"microseconds", Unit::kMicrosec},
      {"us", Unit::kMicrosec},
      {"usec", Unit::kMicrosec},
      {"usecs", Unit::kMicrosec},
      {"useconds", Unit::kMicrosec},
      {"millisecond", Unit::kMillisec},
      {"milliseconds", Unit::kMillisec},
      {"ms", Unit::kMillisec},
      {"msec", Unit::kMillisec},
      {"msecs", Unit::kMillisec},
      {"mseconds", Unit::kMillisec},
      {"second", Unit::kSecond},
      {"seconds", Unit::kSecond},
      {"s", Unit::kSecond},
      {"sec", Unit::kSecond},
      {"secs", Unit::kSecond},
      {"minute", Unit::kMinute},
      {"minutes", Unit::kMinute},
      {"m", Unit::kMinute},
      {"min", Unit::kMinute},
      {"mins", Unit::kMinute},
      {"hour", Unit::kHour},
      {"hours", Unit::kHour},
      {"h", Unit::kHour},
      {"hr", Unit::kHour},
      {"hrs", Unit::kHour},
      {"day", Unit::kDay},
      {"days", Unit::kDay},
      {"d", Unit::kDay},
      {"week", Unit::kWeek},
      {"weeks", Unit::kWeek},
      {"w", Unit::kWeek},
      {"month", Unit::kMonth},
      {"months", Unit::kMonth},
      {"mon", Unit::kMonth},
      {"mons", Unit::kMonth},
      {"quarter", Unit::kQuarter},
      {"qtr", Unit::kQuarter},
      {"year", Unit::kYear},
      {"years", Unit::kYear},
      {"y", Unit::kYear},
      {"yr", Unit::kYear},
      {"yrs", Unit::kYear},
      {"decade", Unit::kDecade},
      {"decades", Unit::kDecade},
      {"dec", Unit::kDecade},
      {"decs", Unit::kDecade},
      {"century", Unit::kCentury},
      {"centuries", Unit::kCentury},
      {"c", Unit::kCentury},
      {"cent", Unit::kCentury},
      {"millennium", Unit::kMillennium},
      {"millennia", Unit::kMillennium},
      {"millenniums", Unit::kMillennium},
      {"mil", Unit::kMillennium},
      {"mils", Unit::kMillennium},
      {"dow", Unit::kDow},
      {"isodow", Unit::kIsoDow},
      {"doy", Unit::kDoy},
      {"epoch", Unit::kEpoch},
      {"julian", Unit::kJulian},
      {"j", Unit::kJulian},
      {"isoyear", Unit::kIsoYear},
      {"timezone", Unit::kTz},
      {"timezone_h", Unit::kTzHour},
      {"timezone_hour", Unit::kTzHour},
      {"timezone_m", Unit::kTzMinute},
      {"timezone_minute", Unit::kTzMinute},
  };
  for (const U& u : kUnits) {
    if (l == u.n) return u.u;
  }
  return Unit::kNone;
}

const char* TypeLabel(TypeOid t) {
  switch (t) {
    case type::kDate:
      return "date";
    case type::kTime:
      return "time without time zone";
    case type::kTimeTz:
      return "time with time zone";
    case type::kTimestamp:
      return "timestamp without time zone";
    case type::kTimestampTz:
      return "timestamp with time zone";
    case type::kInterval:
      return "interval";
    default:
      return "unknown";
  }
}

Status NotRecognized(std::string_view unit, TypeOid t) {
  return Status::Error(sqlstate::kInvalidParameterValue,
                       "unit \"" + Lower(unit) + "\" not recognized for type " + TypeLabel(t));
}
Status NotSupported(std::string_view unit, TypeOid t) {
  return Status::Error(sqlstate::kFeatureNotSupported,
                       "unit \"" + Lower(unit) + "\" not supported for type " + TypeLabel(t));
}

// int64 / 10^scale as numeric with that display scale (int64_div_fast_to_numeric).
Numeric ScaledNumeric(int64_t v, int scale) {
  Numeric n = Numeric::FromInt64(v);
  Numeric div = Numeric::FromInt64(static_cast<int64_t>(std::pow(10, scale)));
  Numeric r;
  n.DivScale(div, scale, &r).IgnoreError();
  return r;
}

}  // namespace

Status DateTrunc(std::string_view field, int64_t ts, const TimeZone* zone, int64_t* out) {
  const Unit u = ParseUnit(field);
  const TypeOid tt = zone ? type::kTimestampTz : type::kTimestamp;
  switch (u) {
    case Unit::kMicrosec:
    case Unit::kMillisec:
    case Unit::kSecond:
    case Unit::kMinute:
    case Unit::kHour:
    case Unit::kDay:
    case Unit::kWeek:
    case Unit::kMonth:
    case Unit::kQuarter:
    case Unit::kYear:
    case Unit::kDecade:
    case Unit::kCentury:
    case Unit::kMillennium:
      break;
    default:
      return NotRecognized(field, tt);
  }
  if (!IsFiniteTimestamp(ts)) {
    *out = ts;
    return Status::OK();
  }
  Fields f;
  NANO_RETURN_IF_ERROR(LocalFields(ts, zone, &f));
  switch (u) {
    case Unit::kWeek: {
      const int woy = IsoWeek(f.year, f.month, f.day);
      if (woy >= 52 && f.month == 1) --f.year;
      if (woy <= 1 && f.month == kMonthsPerYear) ++f.year;
      JulianToDate(IsoWeekToJulian(f.year, woy), &f.year, &f.month, &f.day);
      f.hour = f.minute = f.second = 0;
      f.usec = 0;
      break;
    }
    case Unit::kMillennium:
      f.year = f.year > 0 ? ((f.year + 999) / 1000) * 1000 - 999
                          : -((999 - (f.year - 1)) / 1000) * 1000 + 1;
      [[fallthrough]];
    case Unit::kCentury:
      if (u == Unit::kCentury) {
        f.year =
            f.year > 0 ? ((f.year + 99) / 100) * 100 - 99 : -((99 - (f.year - 1)) / 100) * 100 + 1;
      }
      [[fallthrough]];
    case Unit::kDecade:
      if (u == Unit::kDecade)
        f.year = f.year > 0 ? (f.year / 10) * 10 : -((8 - (f.year - 1)) / 10) * 10;
      [[fallthrough]];
    case Unit::kYear:
      f.month = 1;
      [[fallthrough]];
    case Unit::kQuarter:
      f.month = (3 * ((f.month - 1) / 3)) + 1;
      [[fallthrough]];
    case Unit::kMonth:
      f.day = 1;
      [[fallthrough]];
    case Unit::kDay:
      f.hour = 0;
      [[fallthrough]];
    case Unit::kHour:
      f.minute = 0;
      [[fallthrough]];
    case Unit::kMinute:
      f.second = 0;
      [[fallthrough]];
    case Unit::kSecond:
      f.usec = 0;
      break;
    case Unit::kMillisec:
      f.usec = (f.usec / 1000) * 1000;
      break;
    default:
      break;
  }
  return FromLocalFields(f, zone, out);
}

Status IntervalTrunc(std::string_view field, const Interval& iv, Interval* out) {
  const Unit u = ParseUnit(field);
  IntervalFields f = SplitInterval(iv);
  switch (u) {
    case Unit::kMillennium:
      f.year = (f.year / 1000) * 1000;
      [[fallthrough]];
    case Unit::kCentury:
      f.year = (f.year / 100) * 100;
      [[fallthrough]];
    case Unit::kDecade:
      f.year = (f.year / 10) * 10;
      [[fallthrough]];
    case Unit::kYear:
      f.mon = 0;
      [[fallthrough]];
    case Unit::kQuarter:
      f.mon = 3 * (f.mon / 3);
      [[fallthrough]];
    case Unit::kMonth:
      f.mday = 0;
      [[fallthrough]];
    case Unit::kDay:
      f.hour = 0;
      [[fallthrough]];
    case Unit::kHour:
      f.min = 0;
      [[fallthrough]];
    case Unit::kMinute:
      f.sec = 0;
      [[fallthrough]];
    case Unit::kSecond:
      f.usec = 0;
      break;
    case Unit::kMillisec:
      f.usec = (f.usec / 1000) * 1000;
      break;
    case Unit::kMicrosec:
      break;
    case Unit::kWeek:
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "unit \"week\" not supported for type interval")
          .WithDetail("Months usually have fractional weeks.");
    default:
      return NotRecognized(field, type::kInterval);
  }
  Interval r;
  r.months = static_cast<int32_t>(f.year * kMonthsPerYear + f.mon);
  r.days = static_cast<int32_t>(f.mday);
  r.micros = ((f.hour * 60 + f.min) * 60 + f.sec) * kUsecsPerSec + f.usec;
  *out = r;
  return Status::OK();
}

namespace {

// timestamp_part's epoch: Unix-epoch microseconds / 10^6 with scale 6. Near
// 294276 AD those microseconds overflow int64 and PostgreSQL divides in
// numeric (select_div_scale, then round to 6), which can round the value:
// extract(epoch from '294276-12-31 23:59:59.999999') is 9224318016000.000000.
Status EpochOfTimestamp(int64_t ts, Numeric* out) {
  const int64_t shift = kPgEpochUnixSecs * kUsecsPerSec;
  if (ts < INT64_MAX - shift) {
    *out = ScaledNumeric(ts + shift, 6);
    return Status::OK();
  }
  Numeric q;
  NANO_RETURN_IF_ERROR(Numeric::FromInt64(ts)
                           .Add(Numeric::FromInt64(shift))
                           .Div(Numeric::FromInt64(kUsecsPerSec), &q));
  *out = q.Round(6);
  return Status::OK();
}

// Shared by timestamp, timestamptz and date: fields of a (finite) local time.
Status ExtractFromFields(Unit u, std::string_view field, const Fields& f, TypeOid t,
                         const Numeric& epoch, bool has_tz, Numeric* out) {
  const int64_t sec_us = int64_t{f.second} * kUsecsPerSec + f.usec;
  const bool is_date = t == type::kDate;
  switch (u) {
    case Unit::kMicrosec:
      if (is_date) return NotSupported(field, t);
      *out = Numeric::FromInt64(sec_us);
      return Status::OK();
    case Unit::kMillisec:
      if (is_date) return NotSupported(field, t);
      *out = ScaledNumeric(sec_us, 3);
      return Status::OK();
    case Unit::kSecond:
      if (is_date) return NotSupported(field, t);
      *out = ScaledNumeric(sec_us, 6);
      return Status::OK();
    case Unit::kMinute:
      if (is_date) return NotSupported(field, t);
      *out = Numeric::FromInt64(f.minute);
      return Status::OK();
    case Unit::kHour:
      if (is_date) return NotSupported(field, t);
      *out = Numeric::FromInt64(f.hour);
      return Status::OK();
    case Unit::kDay:
      *out = Numeric::FromInt64(f.day);
      return Status::OK();
    case Unit::kMonth:
      *out = Numeric::FromInt64(f.month);
      return Status::OK();
    case Unit::kQuarter:
      *out = Numeric::FromInt64((f.month - 1) / 3 + 1);
      return Status::OK();
    case Unit::kWeek:
      *out = Numeric::FromInt64(IsoWeek(f.year, f.month, f.day));
      return Status::OK();
    case Unit::kYear:
      *out = Numeric::FromInt64(f.year > 0 ? f.year : f.year - 1);
      return Status::OK();
    case Unit::kDecade:
      *out = Numeric::FromInt64(f.year >= 0 ? f.year / 10 : -((8 - (f.year - 1)) / 10));
      return Status::OK();
    case Unit::kCentury:
      *out = Numeric::FromInt64(f.year > 0 ? (f.year + 99) / 100 : -((99 - (f.year - 1)) / 100));
      return Status::OK();
    case Unit::kMillennium:
      *out =
          Numeric::FromInt64(f.year > 0 ? (f.year + 999) / 1000 : -((999 - (f.year - 1)) / 1000));
      return Status::OK();
    case Unit::kJulian: {
      Numeric jd = Numeric::FromInt64(DateToJulian(f.year, f.month, f.day));
      if (is_date) {
        *out = jd;
        return Status::OK();
      }
      Numeric frac;
      NANO_RETURN_IF_ERROR(
          ScaledNumeric(FieldsToTime(f), 6).Div(Numeric::FromInt64(kSecsPerDay), &frac));
      *out = jd.Add(frac);
      return Status::OK();
    }
    case Unit::kIsoYear: {
      int y = IsoYear(f.year, f.month, f.day);
      if (y <= 0) y -= 1;
      *out = Numeric::FromInt64(y);
      return Status::OK();
    }
    case Unit::kDow:
    case Unit::kIsoDow: {
      int d = DayOfWeek(DateToJulian(f.year, f.month, f.day));
      if (u == Unit::kIsoDow && d == 0) d = 7;
      *out = Numeric::FromInt64(d);
      return Status::OK();
    }
    case Unit::kDoy:
      *out =
          Numeric::FromInt64(DateToJulian(f.year, f.month, f.day) - DateToJulian(f.year, 1, 1) + 1);
      return Status::OK();
    case Unit::kEpoch:
      *out = epoch;
      return Status::OK();
    case Unit::kTz:
    case Unit::kTzHour:
    case Unit::kTzMinute:
      if (!has_tz) return NotSupported(field, t);
      if (u == Unit::kTz) *out = Numeric::FromInt64(f.gmtoff);
      if (u == Unit::kTzHour) *out = Numeric::FromInt64(f.gmtoff / 3600);
      if (u == Unit::kTzMinute) *out = Numeric::FromInt64((f.gmtoff / 60) % 60);
      return Status::OK();
    case Unit::kNone:
      break;
  }
  return NotRecognized(field, t);
}

// Infinite timestamps/dates: monotonic units give +/-Infinity, others NULL.
Status NonFinitePart(Unit u, std::string_view field, TypeOid t, bool negative, bool has_tz,
                     Numeric* out, bool* is_null) {
  switch (u) {
    case Unit::kYear:
    case Unit::kDecade:
    case Unit::kCentury:
    case Unit::kMillennium:
    case Unit::kJulian:
    case Unit::kIsoYear:
    case Unit::kEpoch:
      *out = Numeric::Infinity(negative);
      return Status::OK();
    case Unit::kNone:
      return NotRecognized(field, t);
    case Unit::kTz:
    case Unit::kTzHour:
    case Unit::kTzMinute:
      // PostgreSQL returns NULL here even for timestamp without time zone.
      (void)has_tz;
      *is_null = true;
      return Status::OK();
    case Unit::kMicrosec:
    case Unit::kMillisec:
    case Unit::kSecond:
    case Unit::kMinute:
    case Unit::kHour:
      if (t == type::kDate) return NotSupported(field, t);
      *is_null = true;
      return Status::OK();
    default:
      *is_null = true;
      return Status::OK();
  }
}

}  // namespace

Status Extract(std::string_view field, const Value& v, const FormatContext& ctx, Numeric* out,
               bool* is_null) {
  *is_null = false;
  const Unit u = ParseUnit(field);
  const TypeOid t = v.type();
  switch (t) {
    case type::kDate: {
      const int64_t d = v.int_value();
      if (!IsFiniteDate(d))
        return NonFinitePart(u, field, t, d == kDateNegInfinity, false, out, is_null);
      Fields f;
      JulianToDate(static_cast<int32_t>(d + kPostgresEpochJdate), &f.year, &f.month, &f.day);
      if (u == Unit::kDow || u == Unit::kIsoDow || u == Unit::kDoy || u == Unit::kWeek ||
          u == Unit::kJulian || u == Unit::kIsoYear || u == Unit::kDay || u == Unit::kMonth ||
          u == Unit::kQuarter || u == Unit::kYear || u == Unit::kDecade || u == Unit::kCentury ||
          u == Unit::kMillennium || u == Unit::kEpoch) {
        // Seconds fit in int64 for every date (microseconds would not).
        const Numeric epoch =
            Numeric::FromInt64((d + kPostgresEpochJdate - kUnixEpochJdate) * kSecsPerDay);
        return ExtractFromFields(u, field, f, t, epoch, false, out);
      }
      if (u == Unit::kNone) return NotRecognized(field, t);
      return NotSupported(field, t);
    }
    case type::kTimestamp:
    case type::kTimestampTz: {
      const int64_t ts = v.int_value();
      const bool tz = t == type::kTimestampTz;
      if (!IsFiniteTimestamp(ts))
        return NonFinitePart(u, field, t, ts == kTsNegInfinity, tz, out, is_null);
      Fields f;
      if (tz) {
        NANO_RETURN_IF_ERROR(TimestampTzToFields(ts, *ZoneOf(ctx), &f));
      } else {
        NANO_RETURN_IF_ERROR(TimestampToFields(ts, &f));
      }
      Numeric epoch;
      if (u == Unit::kEpoch) NANO_RETURN_IF_ERROR(EpochOfTimestamp(ts, &epoch));
      return ExtractFromFields(u, field, f, t, epoch, tz, out);
    }
    case type::kTime:
    case type::kTimeTz: {
      const bool tz = t == type::kTimeTz;
      const int64_t micros = tz ? v.interval_value().micros : v.int_value();
      Fields f;
      TimeToFields(micros, &f);
      const int64_t sec_us = int64_t{f.second} * kUsecsPerSec + f.usec;
      switch (u) {
        case Unit::kMicrosec:
          *out = Numeric::FromInt64(sec_us);
          return Status::OK();
        case Unit::kMillisec:
          *out = ScaledNumeric(sec_us, 3);
          return Status::OK();
        case Unit::kSecond:
          *out = ScaledNumeric(sec_us, 6);
          return Status::OK();
        case Unit::kMinute:
          *out = Numeric::FromInt64(f.minute);
          return Status::OK();
        case Unit::kHour:
          *out = Numeric::FromInt64(f.hour);
          return Status::OK();
        case Unit::kEpoch: {
          int64_t e = micros;
          if (tz) e += int64_t{v.interval_value().days} * kUsecsPerSec;
          *out = ScaledNumeric(e, 6);
          return Status::OK();
        }
        case Unit::kTz:
        case Unit::kTzHour:
        case Unit::kTzMinute: {
          if (!tz) return NotSupported(field, t);
          const int32_t east = -v.interval_value().days;
          *out = Numeric::FromInt64(u == Unit::kTz       ? east
                                    : u == Unit::kTzHour ? east / 3600
                                                         : (east / 60) % 60);
          return Status::OK();
        }
        case Unit::kNone:
          return NotRecognized(field, t);
        default:
          return NotSupported(field, t);
      }
    }
    case type::kInterval: {
      const Interval& iv = v.interval_value();
      IntervalFields f = SplitInterval(iv);
      switch (u) {
        case Unit::kMicrosec:
          *out = Numeric::FromInt64(f.sec * kUsecsPerSec + f.usec);
          return Status::OK();
        case Unit::kMillisec:
          *out = ScaledNumeric(f.sec * kUsecsPerSec + f.usec, 3);
          return Status::OK();
        case Unit::kSecond:
          *out = ScaledNumeric(f.sec * kUsecsPerSec + f.usec, 6);
          return Status::OK();
        case Unit::kMinute:
          *out = Numeric::FromInt64(f.min);
          return Status::OK();
        case Unit::kHour:
          *out = Numeric::FromInt64(f.hour);
          return Status::OK();
        case Unit::kDay:
          *out = Numeric::FromInt64(f.mday);
          return Status::OK();
        case Unit::kMonth:
          *out = Numeric::FromInt64(f.mon);
          return Status::OK();
        case Unit::kQuarter:
          *out = Numeric::FromInt64(f.mon / 3 + 1);
          return Status::OK();
        case Unit::kYear:
          *out = Numeric::FromInt64(f.year);
          return Status::OK();
        case Unit::kDecade:
          *out = Numeric::FromInt64(f.year / 10);
          return Status::OK();
        case Unit::kCentury:
          *out = Numeric::FromInt64(f.year / 100);
          return Status::OK();
        case Unit::kMillennium:
          *out = Numeric::FromInt64(f.year / 1000);
          return Status::OK();
        case Unit::kEpoch: {
          const int64_t secs =
              (int64_t{1461} * (iv.months / kMonthsPerYear) +
               int64_t{120} * (iv.months % kMonthsPerYear) + int64_t{4} * iv.days) *
              (kSecsPerDay / 4);
          *out = Numeric::FromInt64(secs).Add(ScaledNumeric(iv.micros, 6));
          return Status::OK();
        }
        case Unit::kNone:
          return NotRecognized(field, t);
        default:
          return NotSupported(field, t);
      }
    }
    default:
      return Status::Error(sqlstate::kDatatypeMismatch, "cannot extract fields from this type");
  }
}

Status DatePart(std::string_view field, const Value& v, const FormatContext& ctx, double* out,
                bool* is_null) {
  Numeric n;
  NANO_RETURN_IF_ERROR(Extract(field, v, ctx, &n, is_null));
  if (!*is_null) *out = n.ToDouble();
  return Status::OK();
}

Status MakeDate(int year, int month, int day, int64_t* days) {
  const bool bc = year < 0;
  if (year == 0) {
    return Status::Error(sqlstate::kDatetimeFieldOverflow,
                         "date field value out of range: " + std::to_string(year) + "-" +
                             (month < 10 ? "0" : "") + std::to_string(month) + "-" +
                             (day < 10 ? "0" : "") + std::to_string(day));
  }
  const int y = bc ? year + 1 : year;
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(y, month)) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "date field value out of range: %d-%02d-%02d", year, month, day);
    return Status::Error(sqlstate::kDatetimeFieldOverflow, buf);
  }
  const int64_t jd = DateToJulian(y, month, day);
  if (jd < 0 || jd >= kDateEndJulian) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "date out of range: %d-%02d-%02d", year, month, day);
    return Status::Error(sqlstate::kDatetimeFieldOverflow, buf);
  }
  *days = jd - kPostgresEpochJdate;
  return Status::OK();
}

Status MakeTimestamp(int year, int month, int day, int hour, int minute, double sec, int64_t* ts) {
  int64_t days;
  NANO_RETURN_IF_ERROR(MakeDate(year, month, day, &days));
  if (hour < 0 || hour > 24 || minute < 0 || minute > 59 || sec < 0 || sec > 60 ||
      (hour == 24 && (minute > 0 || sec > 0))) {
    char buf[96];
    std::snprintf(buf, sizeof buf, "time field value out of range: %d:%02d:%02g", hour, minute,
                  sec);
    return Status::Error(sqlstate::kDatetimeFieldOverflow, buf);
  }
  const int64_t t =
      (int64_t{hour} * 60 + minute) * kUsecsPerMinute + static_cast<int64_t>(std::rint(sec * 1e6));
  const int64_t r = days * kUsecsPerDay + t;
  if (!ValidTimestamp(r)) return OutOfRangeTs();
  *ts = r;
  return Status::OK();
}

}  // namespace nano::dt
