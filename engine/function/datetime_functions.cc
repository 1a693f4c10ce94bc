// engine/function/datetime_functions.cc — date/time functions: now() family,
// date_trunc, date_part/extract, age, make_*, justify_*, isfinite, date_bin,
// to_timestamp(float8). to_char / to_date / to_timestamp(text, text) live in
// formatting.cc.
#include <cmath>
#include <cstdio>

#include "function/builtins.h"
#include "types/datetime.h"
#include "types/text_io.h"

namespace nano::fn {
namespace {

namespace ty = type;

Status Ok(Value v, Value* out) {
  *out = std::move(v);
  return Status::OK();
}

const TimeZone& Zone(const EvalContext& ctx) { return *ZoneOf(Fmt(ctx)); }

int64_t TxnStart(const EvalContext& ctx) {
  return ctx.transaction_start_us != 0 ? ctx.transaction_start_us : dt::WallClockTimestamp();
}

Status Now(const Value*, size_t, EvalContext& ctx, Value* out) {
  return Ok(Value::TimestampTz(TxnStart(ctx)), out);
}
Status StatementTs(const Value*, size_t, EvalContext& ctx, Value* out) {
  int64_t t = ctx.statement_start_us != 0 ? ctx.statement_start_us : TxnStart(ctx);
  return Ok(Value::TimestampTz(t), out);
}
Status ClockTs(const Value*, size_t, EvalContext&, Value* out) {
  return Ok(Value::TimestampTz(dt::WallClockTimestamp()), out);
}
Status CurrentDate(const Value*, size_t, EvalContext& ctx, Value* out) {
  int64_t d;
  NANO_RETURN_IF_ERROR(dt::TimestampTzToDate(TxnStart(ctx), Zone(ctx), &d));
  return Ok(Value::Date(d), out);
}
Status LocalTimestamp(const Value*, size_t, EvalContext& ctx, Value* out) {
  int64_t t;
  NANO_RETURN_IF_ERROR(dt::TimestampTzToTimestamp(TxnStart(ctx), Zone(ctx), &t));
  return Ok(Value::Timestamp(t), out);
}
Status LocalTime(const Value*, size_t, EvalContext& ctx, Value* out) {
  return Ok(Value::Time(dt::TimestampTzToTime(TxnStart(ctx), Zone(ctx))), out);
}
Status CurrentTime(const Value*, size_t, EvalContext& ctx, Value* out) {
  Value v;
  Interval tt = dt::TimestampTzToTimeTz(TxnStart(ctx), Zone(ctx));
  v = Value::MakeInterval(tt);
  v.set_type(ty::kTimeTz);
  return Ok(std::move(v), out);
}

Status TimeOfDay(const Value*, size_t, EvalContext& ctx, Value* out) {
  static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kMons[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  dt::Fields f;
  NANO_RETURN_IF_ERROR(dt::TimestampTzToFields(dt::WallClockTimestamp(), Zone(ctx), &f));
  int dow = dt::DayOfWeek(dt::DateToJulian(f.year, f.month, f.day));
  char buf[128];
  snprintf(buf, sizeof(buf), "%s %s %02d %02d:%02d:%02d.%06d %d %s", kDays[dow], kMons[f.month - 1],
           f.day, f.hour, f.minute, f.second, f.usec, f.year, f.tz_abbr.c_str());
  return Ok(Value::Text(buf), out);
}

// ---- date_trunc / date_part / extract -------------------------------------------
Status DateTruncTs(const Value* a, size_t, EvalContext&, Value* out) {
  int64_t r;
  NANO_RETURN_IF_ERROR(dt::DateTrunc(a[0].str(), a[1].int_value(), nullptr, &r));
  return Ok(Value::Timestamp(r), out);
}
Status DateTruncTsTz(const Value* a, size_t nargs, EvalContext& ctx, Value* out) {
  std::shared_ptr<const TimeZone> zone;
  if (nargs > 2) {
    NANO_RETURN_IF_ERROR(TimeZone::Lookup(a[2].str(), &zone));
  } else {
    zone = ZoneOf(Fmt(ctx));
  }
  int64_t r;
  NANO_RETURN_IF_ERROR(dt::DateTrunc(a[0].str(), a[1].int_value(), zone.get(), &r));
  return Ok(Value::TimestampTz(r), out);
}
Status DateTruncInterval(const Value* a, size_t, EvalContext&, Value* out) {
  Interval r;
  NANO_RETURN_IF_ERROR(dt::IntervalTrunc(a[0].str(), a[1].interval_value(), &r));
  return Ok(Value::MakeInterval(r), out);
}

Status DatePartFn(const Value* a, size_t, EvalContext& ctx, Value* out) {
  double d = 0;
  bool is_null = false;
  NANO_RETURN_IF_ERROR(dt::DatePart(a[0].str(), a[1], Fmt(ctx), &d, &is_null));
  return Ok(is_null ? Value::Null(ty::kFloat8) : Value::Float8(d), out);
}
Status ExtractFn(const Value* a, size_t, EvalContext& ctx, Value* out) {
  Numeric n;
  bool is_null = false;
  NANO_RETURN_IF_ERROR(dt::Extract(a[0].str(), a[1], Fmt(ctx), &n, &is_null));
  return Ok(is_null ? Value::Null(ty::kNumeric) : NumericValue(n), out);
}

// ---- age ---------------------------------------------------------------------------
Status Age2(const Value* a, size_t, EvalContext& ctx, Value* out) {
  Interval iv;
  const TimeZone* zone = a[0].type() == ty::kTimestampTz ? &Zone(ctx) : nullptr;
  NANO_RETURN_IF_ERROR(dt::Age(a[0].int_value(), a[1].int_value(), zone, &iv));
  return Ok(Value::MakeInterval(iv), out);
}
// age(x) = age(current_date at midnight, x).
Status Age1(const Value* a, size_t, EvalContext& ctx, Value* out) {
  int64_t today, base;
  NANO_RETURN_IF_ERROR(dt::TimestampTzToDate(TxnStart(ctx), Zone(ctx), &today));
  bool tz = a[0].type() == ty::kTimestampTz;
  if (tz) {
    NANO_RETURN_IF_ERROR(dt::DateToTimestampTz(today, Zone(ctx), &base));
  } else {
    NANO_RETURN_IF_ERROR(dt::DateToTimestamp(today, &base));
  }
  Interval iv;
  NANO_RETURN_IF_ERROR(dt::Age(base, a[0].int_value(), tz ? &Zone(ctx) : nullptr, &iv));
  return Ok(Value::MakeInterval(iv), out);
}

// ---- make_* ------------------------------------------------------------------------
Status MakeDateFn(const Value* a, size_t, EvalContext&, Value* out) {
  int64_t d;
  NANO_RETURN_IF_ERROR(dt::MakeDate(static_cast<int>(a[0].int_value()),
                                    static_cast<int>(a[1].int_value()),
                                    static_cast<int>(a[2].int_value()), &d));
  return Ok(Value::Date(d), out);
}

std::string SecText(double sec) {
  std::string s;
  FormatFloat8(sec, 1, &s);
  if (sec >= 0 && sec < 10) s = "0" + s;
  return s;
}

Status MakeTimeFn(const Value* a, size_t, EvalContext&, Value* out) {
  int64_t h = a[0].int_value(), m = a[1].int_value();
  double s = a[2].float_value();
  bool ok = h >= 0 && m >= 0 && m < 60 && s >= 0 && s <= 60 && h <= 24;
  int64_t micros = ok ? h * dt::kUsecsPerHour + m * dt::kUsecsPerMinute +
                            static_cast<int64_t>(std::nearbyint(s * 1e6))
                      : 0;
  if (!ok || micros > dt::kUsecsPerDay) {
    char buf[96];
    snprintf(buf, sizeof(buf), "time field value out of range: %02lld:%02lld:%s",
             static_cast<long long>(h), static_cast<long long>(m), SecText(s).c_str());
    return Status::Error(sqlstate::kDatetimeFieldOverflow, buf);
  }
  return Ok(Value::Time(micros), out);
}

Status MakeTimestampCommon(const Value* a, int64_t* ts) {
  return dt::MakeTimestamp(static_cast<int>(a[0].int_value()), static_cast<int>(a[1].int_value()),
                           static_cast<int>(a[2].int_value()), static_cast<int>(a[3].int_value()),
                           static_cast<int>(a[4].int_value()), a[5].float_value(), ts);
}

Status MakeTimestampFn(const Value* a, size_t, EvalContext&, Value* out) {
  int64_t ts;
  NANO_RETURN_IF_ERROR(MakeTimestampCommon(a, &ts));
  return Ok(Value::Timestamp(ts), out);
}

Status MakeTimestampTzFn(const Value* a, size_t nargs, EvalContext& ctx, Value* out) {
  int64_t local, ts;
  NANO_RETURN_IF_ERROR(MakeTimestampCommon(a, &local));
  std::shared_ptr<const TimeZone> zone;
  if (nargs > 6) {
    NANO_RETURN_IF_ERROR(TimeZone::Lookup(a[6].str(), &zone));
  } else {
    zone = ZoneOf(Fmt(ctx));
  }
  NANO_RETURN_IF_ERROR(dt::TimestampToTimestampTz(local, *zone, &ts));
  return Ok(Value::TimestampTz(ts), out);
}

Status MakeIntervalFn(const Value* a, size_t nargs, EvalContext&, Value* out) {
  int64_t f[6] = {0, 0, 0, 0, 0, 0};
  for (size_t i = 0; i < nargs && i < 6; ++i) f[i] = a[i].int_value();
  double secs = nargs > 6 ? a[6].float_value() : 0;
  __int128 months = static_cast<__int128>(f[0]) * 12 + f[1];
  __int128 days = static_cast<__int128>(f[2]) * 7 + f[3];
  double micros =
      static_cast<double>(f[4]) * 3600e6 + static_cast<double>(f[5]) * 60e6 + secs * 1e6;
  if (months > INT32_MAX || months < INT32_MIN || days > INT32_MAX || days < INT32_MIN ||
      !std::isfinite(micros) || std::fabs(micros) > 9.2e18)
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "interval out of range");
  Interval iv;
  iv.months = static_cast<int32_t>(months);
  iv.days = static_cast<int32_t>(days);
  iv.micros = static_cast<int64_t>(std::nearbyint(micros));
  return Ok(Value::MakeInterval(iv), out);
}

template <Interval (*F)(const Interval&)>
Status JustifyFn(const Value* a, size_t, EvalContext&, Value* out) {
  return Ok(Value::MakeInterval(F(a[0].interval_value())), out);
}

Status IsFiniteFn(const Value* a, size_t, EvalContext&, Value* out) {
  bool finite = true;
  if (a[0].type() == ty::kDate)
    finite = dt::IsFiniteDate(a[0].int_value());
  else if (a[0].type() != ty::kInterval)
    finite = dt::IsFiniteTimestamp(a[0].int_value());
  return Ok(Value::Bool(finite), out);
}

Status DateBin(const Value* a, size_t, EvalContext&, Value* out) {
  const Interval& stride = a[0].interval_value();
  int64_t src = a[1].int_value(), origin = a[2].int_value();
  if (stride.months != 0)
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "timestamps cannot be binned into intervals containing months or years");
  __int128 s = static_cast<__int128>(stride.days) * dt::kUsecsPerDay + stride.micros;
  if (s <= 0)
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "stride must be greater than zero");
  if (!dt::IsFiniteTimestamp(src) || !dt::IsFiniteTimestamp(origin))
    return Status::Error(sqlstate::kDatetimeFieldOverflow,
                         "timestamps cannot be binned into infinite intervals");
  __int128 diff = static_cast<__int128>(src) - origin;
  __int128 delta = diff - diff % s;
  if (diff < 0 && diff % s != 0) delta -= s;
  __int128 r = origin + delta;
  if (r < INT64_MIN + 1 || r > INT64_MAX - 1)
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range");
  Value v = Value::Timestamp(static_cast<int64_t>(r));
  v.set_type(a[1].type());
  return Ok(std::move(v), out);
}

Status ToTimestampEpoch(const Value* a, size_t, EvalContext&, Value* out) {
  double x = a[0].float_value();
  if (std::isnan(x))
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "timestamp cannot be NaN");
  if (std::isinf(x))
    return Ok(Value::TimestampTz(x > 0 ? dt::kTsPosInfinity : dt::kTsNegInfinity), out);
  double micros = std::nearbyint((x - dt::kPgEpochUnixSecs) * 1e6);
  if (micros < -211813488000.0 * 1e6 || micros >= 9223371331200.0 * 1e6) {
    std::string s;
    FormatFloat8(x, 1, &s);
    return Status::Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range: \"" + s + "\"");
  }
  return Ok(Value::TimestampTz(static_cast<int64_t>(micros)), out);
}

}  // namespace

// (start1, end1) OVERLAPS (start2, end2), as PostgreSQL's
// overlaps_timestamp: not strict; each period's endpoints are ordered, a
// NULL endpoint makes the answer NULL only when it could matter. An interval
// in the end position is added to the start first (the SQL-function
// variants upstream). Timestamps, timestamptz and time are all int64
// microseconds here, so one implementation serves them.
template <TypeOid kType, bool kIv1, bool kIv2>
Status Overlaps(const Value* a, size_t, EvalContext& ctx, Value* out) {
  auto end_of = [&](const Value& start, const Value& end, bool is_iv, int64_t* e) -> Status {
    if (!is_iv) {
      *e = end.int_value();
      return Status::OK();
    }
    const Interval& iv = end.interval_value();
    if (kType == ty::kTime) {  // time + interval wraps around midnight
      constexpr int64_t kDay = 86400000000LL;
      *e = ((start.int_value() + iv.micros) % kDay + kDay) % kDay;
      return Status::OK();
    }
    return dt::AddInterval(start.int_value(), iv, kType == ty::kTimestampTz ? &Zone(ctx) : nullptr,
                           e);
  };
  bool s1_null = a[0].is_null(), e1_null = a[1].is_null() || s1_null;
  bool s2_null = a[2].is_null(), e2_null = a[3].is_null() || s2_null;
  int64_t s1 = s1_null ? 0 : a[0].int_value(), e1 = 0, s2 = s2_null ? 0 : a[2].int_value(), e2 = 0;
  if (!e1_null) NANO_RETURN_IF_ERROR(end_of(a[0], a[1], kIv1, &e1));
  if (!e2_null) NANO_RETURN_IF_ERROR(end_of(a[2], a[3], kIv2, &e2));
  // A period with one NULL endpoint starts at the other (an interval end
  // needs its start, so there the whole period is NULL).
  if (s1_null) {
    if (a[1].is_null() || kIv1) return Ok(Value::Null(ty::kBool), out);
    s1 = a[1].int_value();
  } else if (!e1_null && s1 > e1) {
    std::swap(s1, e1);
  }
  if (s2_null) {
    if (a[3].is_null() || kIv2) return Ok(Value::Null(ty::kBool), out);
    s2 = a[3].int_value();
  } else if (!e2_null && s2 > e2) {
    std::swap(s2, e2);
  }
  const Value null = Value::Null(ty::kBool);
  if (s1 > s2) {
    if (e2_null) return Ok(null, out);
    if (s1 < e2) return Ok(Value::Bool(true), out);
    if (e1_null) return Ok(null, out);
    return Ok(Value::Bool(false), out);
  }
  if (s1 < s2) {
    if (e1_null) return Ok(null, out);
    if (s2 < e1) return Ok(Value::Bool(true), out);
    if (e2_null) return Ok(null, out);
    return Ok(Value::Bool(false), out);
  }
  if (e1_null || e2_null) return Ok(null, out);
  return Ok(Value::Bool(true), out);
}

template <TypeOid kType>
void RegisterOverlaps(FunctionRegistry& r) {
  const TypeOid x = kType, iv = ty::kInterval;
  Volatility v = kType == ty::kTimestampTz ? Volatility::kStable : Volatility::kImmutable;
  Reg(r, "overlaps", {x, x, x, x}, ty::kBool, Overlaps<kType, false, false>, v, false);
  Reg(r, "overlaps", {x, iv, x, iv}, ty::kBool, Overlaps<kType, true, true>, v, false);
  Reg(r, "overlaps", {x, x, x, iv}, ty::kBool, Overlaps<kType, false, true>, v, false);
  Reg(r, "overlaps", {x, iv, x, x}, ty::kBool, Overlaps<kType, true, false>, v, false);
}

void RegisterDateTime(FunctionRegistry& r) {
  const TypeOid ts = ty::kTimestamp, tstz = ty::kTimestampTz, t = ty::kText, iv = ty::kInterval,
                i4 = ty::kInt4, f8 = ty::kFloat8;
  Reg(r, "now", {}, tstz, Now, Volatility::kStable);
  Reg(r, "transaction_timestamp", {}, tstz, Now, Volatility::kStable);
  Reg(r, "current_timestamp", {}, tstz, Now, Volatility::kStable);
  Reg(r, "statement_timestamp", {}, tstz, StatementTs, Volatility::kStable);
  Reg(r, "clock_timestamp", {}, tstz, ClockTs, Volatility::kVolatile);
  Reg(r, "timeofday", {}, t, TimeOfDay, Volatility::kVolatile);
  Reg(r, "current_date", {}, ty::kDate, CurrentDate, Volatility::kStable);
  Reg(r, "localtimestamp", {}, ts, LocalTimestamp, Volatility::kStable);
  Reg(r, "localtime", {}, ty::kTime, LocalTime, Volatility::kStable);
  Reg(r, "current_time", {}, ty::kTimeTz, CurrentTime, Volatility::kStable);
  Reg(r, "date_trunc", {t, ts}, ts, DateTruncTs);
  Reg(r, "date_trunc", {t, tstz}, tstz, DateTruncTsTz, Volatility::kStable);
  Reg(r, "date_trunc", {t, tstz, t}, tstz, DateTruncTsTz, Volatility::kStable);
  Reg(r, "date_trunc", {t, iv}, iv, DateTruncInterval);
  for (TypeOid x : {ty::kDate, ty::kTime, ty::kTimeTz, ts, tstz, iv}) {
    Volatility v = x == tstz || x == ty::kTimeTz ? Volatility::kStable : Volatility::kImmutable;
    Reg(r, "date_part", {t, x}, f8, DatePartFn, v);
    Reg(r, "extract", {t, x}, ty::kNumeric, ExtractFn, v);
  }
  RegisterOverlaps<ty::kTimestamp>(r);
  RegisterOverlaps<ty::kTimestampTz>(r);
  RegisterOverlaps<ty::kTime>(r);
  Reg(r, "age", {ts, ts}, iv, Age2);
  Reg(r, "age", {tstz, tstz}, iv, Age2, Volatility::kStable);
  Reg(r, "age", {ts}, iv, Age1, Volatility::kStable);
  Reg(r, "age", {tstz}, iv, Age1, Volatility::kStable);
  Reg(r, "make_date", {i4, i4, i4}, ty::kDate, MakeDateFn);
  Reg(r, "make_time", {i4, i4, f8}, ty::kTime, MakeTimeFn);
  Reg(r, "make_timestamp", {i4, i4, i4, i4, i4, f8}, ts, MakeTimestampFn);
  Reg(r, "make_timestamptz", {i4, i4, i4, i4, i4, f8}, tstz, MakeTimestampTzFn,
      Volatility::kStable);
  Reg(r, "make_timestamptz", {i4, i4, i4, i4, i4, f8, t}, tstz, MakeTimestampTzFn,
      Volatility::kStable);
  // make_interval(years, months, weeks, days, hours, mins, secs) with defaults.
  std::vector<TypeOid> mi;
  Reg(r, "make_interval", mi, iv, MakeIntervalFn);
  for (int n = 1; n <= 7; ++n) {
    mi.push_back(n == 7 ? f8 : i4);
    Reg(r, "make_interval", mi, iv, MakeIntervalFn);
  }
  Reg(r, "justify_days", {iv}, iv, JustifyFn<dt::JustifyDays>);
  Reg(r, "justify_hours", {iv}, iv, JustifyFn<dt::JustifyHours>);
  Reg(r, "justify_interval", {iv}, iv, JustifyFn<dt::JustifyInterval>);
  for (TypeOid x : {ty::kDate, ts, tstz, iv}) Reg(r, "isfinite", {x}, ty::kBool, IsFiniteFn);
  Reg(r, "date_bin", {iv, ts, ts}, ts, DateBin);
  Reg(r, "date_bin", {iv, tstz, tstz}, tstz, DateBin);
  Reg(r, "to_timestamp", {f8}, tstz, ToTimestampEpoch);
}

}  // namespace nano::fn
