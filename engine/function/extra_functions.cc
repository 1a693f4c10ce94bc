// engine/function/extra_functions.cc — functions the parser produces for SQL
// syntax (AT TIME ZONE -> timezone(), OVERLAY -> overlay(), SIMILAR TO ->
// similar_to_escape()) plus small utilities: sha224/256/384/512, num_nulls,
// num_nonnulls, to_number.
#include <openssl/evp.h>

#include <algorithm>

#include "function/builtins.h"
#include "function/string_util.h"
#include "types/datetime.h"

namespace nano::fn {
namespace {

namespace ty = type;

constexpr int64_t kUsecsPerSecInt = 1000000;
constexpr int64_t kUsecsPerDayInt = 86400 * kUsecsPerSecInt;

Status Ok(Value v, Value* out) {
  *out = std::move(v);
  return Status::OK();
}

// ---- AT TIME ZONE ---------------------------------------------------------------
Status ZoneFromText(const Value& z, std::shared_ptr<const TimeZone>* zone) {
  return TimeZone::Lookup(z.str(), zone);
}

// timezone(zone, timestamptz) -> local timestamp in zone.
Status TimezoneOfTsTz(const Value* a, size_t, EvalContext&, Value* out) {
  int64_t ts = a[1].int_value();
  if (!dt::IsFiniteTimestamp(ts)) return Ok(Value::Timestamp(ts), out);
  int64_t local;
  if (a[0].type() == ty::kInterval) {
    const Interval& iv = a[0].interval_value();
    if (iv.months != 0 || iv.days != 0)
      return InvalidParam("interval time zone \"" + std::string("...") +
                          "\" must not include months or days");
    local = ts + iv.micros;
  } else {
    std::shared_ptr<const TimeZone> zone;
    NANO_RETURN_IF_ERROR(ZoneFromText(a[0], &zone));
    NANO_RETURN_IF_ERROR(dt::TimestampTzToTimestamp(ts, *zone, &local));
  }
  return Ok(Value::Timestamp(local), out);
}

// timezone(zone, timestamp) -> timestamptz: the local time read in zone.
Status TimezoneOfTs(const Value* a, size_t, EvalContext&, Value* out) {
  int64_t ts = a[1].int_value();
  if (!dt::IsFiniteTimestamp(ts)) return Ok(Value::TimestampTz(ts), out);
  int64_t utc;
  if (a[0].type() == ty::kInterval) {
    const Interval& iv = a[0].interval_value();
    if (iv.months != 0 || iv.days != 0)
      return InvalidParam("interval time zone must not include months or days");
    utc = ts - iv.micros;
  } else {
    std::shared_ptr<const TimeZone> zone;
    NANO_RETURN_IF_ERROR(ZoneFromText(a[0], &zone));
    NANO_RETURN_IF_ERROR(dt::TimestampToTimestampTz(ts, *zone, &utc));
  }
  return Ok(Value::TimestampTz(utc), out);
}

// timezone(zone, timetz): the same instant's time of day in zone. A named
// zone's offset is the one in effect at transaction start (timetz_zone).
Status TimezoneOfTimeTz(const Value* a, size_t, EvalContext& ctx, Value* out) {
  const Interval& t = a[1].interval_value();
  int64_t west = 0;  // seconds west of UTC, as timetz stores its zone
  if (a[0].type() == ty::kInterval) {
    const Interval& iv = a[0].interval_value();
    if (iv.months != 0 || iv.days != 0)
      return InvalidParam("interval time zone must not include months or days");
    west = -iv.micros / kUsecsPerSecInt;
  } else {
    std::shared_ptr<const TimeZone> zone;
    NANO_RETURN_IF_ERROR(ZoneFromText(a[0], &zone));
    const int64_t now =
        ctx.transaction_start_us != 0 ? ctx.transaction_start_us : dt::WallClockTimestamp();
    west = -zone->UtcOffsetSecondsAt(now);
  }
  int64_t time = t.micros + (t.days - west) * kUsecsPerSecInt;
  time %= kUsecsPerDayInt;
  if (time < 0) time += kUsecsPerDayInt;
  Value v = Value::MakeInterval(Interval{time, static_cast<int32_t>(west), 0});
  v.set_type(ty::kTimeTz);
  return Ok(std::move(v), out);
}

// ---- get_byte / set_byte / get_bit / set_bit (bytea) -------------------------------
Status ByteIndexError(int64_t n, size_t len, int64_t per_byte) {
  return Status::Error("2202E", "index " + std::to_string(n) + " out of valid range, 0.." +
                                    std::to_string(static_cast<int64_t>(len) * per_byte - 1));
}

Status GetByte(const Value* a, size_t, EvalContext&, Value* out) {
  const std::string& b = a[0].str();
  const int64_t n = a[1].int_value();
  if (n < 0 || n >= static_cast<int64_t>(b.size())) return ByteIndexError(n, b.size(), 1);
  return Ok(Value::Int4(static_cast<unsigned char>(b[n])), out);
}

Status SetByte(const Value* a, size_t, EvalContext&, Value* out) {
  std::string b = a[0].str();
  const int64_t n = a[1].int_value();
  if (n < 0 || n >= static_cast<int64_t>(b.size())) return ByteIndexError(n, b.size(), 1);
  b[n] = static_cast<char>(a[2].int_value() & 0xFF);
  return Ok(Value::Bytea(std::move(b)), out);
}

Status GetBit(const Value* a, size_t, EvalContext&, Value* out) {
  const std::string& b = a[0].str();
  const int64_t n = a[1].int_value();
  if (n < 0 || n / 8 >= static_cast<int64_t>(b.size())) return ByteIndexError(n, b.size(), 8);
  return Ok(Value::Int4((static_cast<unsigned char>(b[n / 8]) >> (n % 8)) & 1), out);
}

Status SetBit(const Value* a, size_t, EvalContext&, Value* out) {
  std::string b = a[0].str();
  const int64_t n = a[1].int_value();
  if (n < 0 || n / 8 >= static_cast<int64_t>(b.size())) return ByteIndexError(n, b.size(), 8);
  const int64_t bit = a[2].int_value();
  if (bit != 0 && bit != 1) return InvalidParam("new bit must be 0 or 1");
  unsigned char c = static_cast<unsigned char>(b[n / 8]);
  c = bit ? (c | (1 << (n % 8))) : (c & ~(1 << (n % 8)));
  b[n / 8] = static_cast<char>(c);
  return Ok(Value::Bytea(std::move(b)), out);
}

// ---- overlay ----------------------------------------------------------------------
Status Overlay(const Value* a, size_t nargs, EvalContext&, Value* out) {
  std::string_view s = a[0].str(), rep = a[1].str();
  int64_t from = a[2].int_value();
  int64_t count = nargs > 3 ? a[3].int_value() : Utf8Length(rep);
  if (from <= 0) return Status::Error("22011", "negative substring length not allowed");
  if (count < 0) return Status::Error("22011", "negative substring length not allowed");
  size_t b = Utf8Offset(s, from - 1);
  size_t e = Utf8Offset(s, from - 1 + count);
  std::string r(s.substr(0, b));
  r.append(rep);
  r.append(s.substr(e));
  return Ok(Value::Text(std::move(r)), out);
}

// overlay(bytea PLACING bytea FROM n [FOR count]): byte offsets (byteaoverlay).
Status ByteaOverlay(const Value* a, size_t nargs, EvalContext&, Value* out) {
  std::string_view s = a[0].str(), rep = a[1].str();
  int64_t from = a[2].int_value();
  int64_t count = nargs > 3 ? a[3].int_value() : static_cast<int64_t>(rep.size());
  if (from <= 0 || count < 0)
    return Status::Error("22011", "negative substring length not allowed");
  const size_t b = std::min<size_t>(static_cast<size_t>(from - 1), s.size());
  const size_t e = std::min<size_t>(static_cast<size_t>(from - 1 + count), s.size());
  std::string r(s.substr(0, b));
  r.append(rep);
  r.append(s.substr(e));
  return Ok(Value::Bytea(std::move(r)), out);
}

// ---- SIMILAR TO -------------------------------------------------------------------
// SQL regular expression -> POSIX ARE, as PostgreSQL's
// similar_escape_internal: the whole pattern is anchored, % and _ become .*
// and ., groups become non-capturing, and the two escape-double-quote
// separators of the substring(... SIMILAR ...) form split it into three
// parts of which only the middle one captures.
Status SimilarToRegex(std::string_view p, std::string_view esc, std::string* out) {
  std::string r = "^(?:";
  bool after_escape = false;
  bool in_class = false;
  int nquotes = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (after_escape) {
      if (c == '"' && !in_class) {
        if (nquotes == 0) {
          r += "){1,1}?(";
        } else if (nquotes == 1) {
          r += "){1,1}(?:";
        } else {
          return Status::Error("2200C",
                               "SQL regular expression may not contain more than two "
                               "escape-double-quote separators");
        }
        ++nquotes;
      } else {
        // Any character may be escaped, which gives access to \d and friends.
        r.push_back('\\');
        r.push_back(c);
      }
      after_escape = false;
    } else if (!esc.empty() && p.compare(i, esc.size(), esc) == 0) {
      after_escape = true;
      i += esc.size() - 1;
    } else if (in_class) {
      if (c == '\\') r.push_back('\\');
      r.push_back(c);
      if (c == ']') in_class = false;
    } else if (c == '[') {
      in_class = true;
      r.push_back(c);
    } else if (c == '%') {
      r += ".*";
    } else if (c == '_') {
      r.push_back('.');
    } else if (c == '(') {
      r += "(?:";
    } else if (c == '\\' || c == '.' || c == '^' || c == '$') {
      r.push_back('\\');
      r.push_back(c);
    } else {
      r.push_back(c);
    }
  }
  r += ")$";
  *out = std::move(r);
  return Status::OK();
}

// The escape argument: NULL propagates, more than one character is an error.
Status SimilarEscapeArg(const Value* a, size_t nargs, size_t at, std::string* esc, bool* null) {
  *esc = "\\";
  *null = false;
  if (nargs <= at) return Status::OK();
  if (a[at].is_null()) {
    *null = true;
    return Status::OK();
  }
  *esc = a[at].str();
  if (Utf8Length(*esc) > 1)
    return Status::Error(sqlstate::kInvalidEscapeSequence, "invalid escape string")
        .WithHint("Escape string must be empty or one character.");
  return Status::OK();
}

// similar_to_escape(pattern[, escape]).
Status SimilarToEscape(const Value* a, size_t nargs, EvalContext&, Value* out) {
  std::string esc, r;
  bool null = false;
  NANO_RETURN_IF_ERROR(SimilarEscapeArg(a, nargs, 1, &esc, &null));
  if (null || a[0].is_null()) return Ok(Value::Null(ty::kText), out);
  NANO_RETURN_IF_ERROR(SimilarToRegex(a[0].str(), esc, &r));
  return Ok(Value::Text(std::move(r)), out);
}

// substring(text SIMILAR pattern ESCAPE escape), also spelled
// substring(text FROM pattern FOR escape): PostgreSQL's SQL function
// substring($1, similar_to_escape($2, $3)), i.e. the part between the #"
// separators (the whole match without them), or NULL without a match.
Status SimilarSubstring(const Value* a, size_t nargs, EvalContext&, Value* out) {
  std::string esc, r;
  bool null = false;
  NANO_RETURN_IF_ERROR(SimilarEscapeArg(a, nargs, 2, &esc, &null));
  if (null) return Ok(Value::Null(ty::kText), out);
  NANO_RETURN_IF_ERROR(SimilarToRegex(a[1].str(), esc, &r));
  std::shared_ptr<const CompiledRegex> re;
  NANO_RETURN_IF_ERROR(CompileRegex(r, "", false, &re, nullptr));
  RegexMatch m;
  std::string_view text = a[0].str();
  if (!RegexSearch(*re, text, 0, &m)) return Ok(Value::Null(ty::kText), out);
  const auto& g = m.groups.size() > 1 ? m.groups[1] : m.groups[0];
  if (g.first == std::string_view::npos) return Ok(Value::Null(ty::kText), out);
  return Ok(Value::Text(std::string(text.substr(g.first, g.second))), out);
}

// ---- digests -----------------------------------------------------------------------
template <const EVP_MD* (*kMd)()>
Status Digest(const Value* a, size_t, EvalContext&, Value* out) {
  unsigned char d[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  const std::string& s = a[0].str();
  if (EVP_Digest(s.data(), s.size(), d, &len, kMd(), nullptr) != 1)
    return Status::Error("XX000", "could not compute digest");
  return Ok(Value::Bytea(std::string(reinterpret_cast<char*>(d), len)), out);
}

// ---- num_nulls ---------------------------------------------------------------------
template <bool kNulls>
Status NumNulls(const Value* a, size_t nargs, EvalContext&, Value* out) {
  int64_t n = 0;
  for (size_t i = 0; i < nargs; ++i) n += a[i].is_null() == kNulls;
  return Ok(Value::Int4(n), out);
}

template <bool kNulls>
Status NumNullsArray(const Value* a, size_t, EvalContext& ctx, Value* out) {
  if (a[0].is_null()) return Ok(Value::Null(ty::kInt4), out);
  return CallSpread(NumNulls<kNulls>, a, 0, ctx, out);
}

// ---- to_number -------------------------------------------------------------------
// Reads the digits of `s` guided by the template: 9/0 take a digit, . / D
// the decimal point, S/MI/PL/SG/PR a sign, other template characters skip one
// input character (so separators and currency symbols are ignored).
Status ToNumber(const Value* a, size_t, EvalContext&, Value* out) {
  std::string_view s = a[0].str(), p = a[1].str();
  std::string num;
  bool neg = false, seen_point = false;
  size_t si = 0;
  for (size_t i = 0; i < p.size() && si <= s.size(); ++i) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(p[i])));
    if (c == 'F' && i + 1 < p.size() && std::toupper(static_cast<unsigned char>(p[i + 1])) == 'M') {
      ++i;
      continue;
    }
    while (si < s.size() && s[si] == ' ' && (c == '9' || c == '0')) ++si;
    if (c == '9' || c == '0') {
      if (si < s.size() && (s[si] == '-' || s[si] == '+') && num.empty()) {
        neg = s[si] == '-';
        ++si;
      }
      if (si < s.size() && std::isdigit(static_cast<unsigned char>(s[si]))) num.push_back(s[si++]);
    } else if (c == '.' || c == 'D') {
      if (si < s.size() && s[si] == '.') {
        num.push_back('.');
        seen_point = true;
        ++si;
      }
    } else if (c == 'S' || c == 'M' || c == 'P') {
      if (si < s.size() && (s[si] == '-' || s[si] == '+' || s[si] == '<')) {
        neg = s[si] == '-' || s[si] == '<';
        ++si;
      }
      if (c != 'S' && i + 1 < p.size()) ++i;
    } else if (si < s.size()) {
      ++si;  // separator, currency symbol or literal
    }
  }
  (void)seen_point;
  if (num.empty() || num == ".")
    return Status::Error(sqlstate::kInvalidTextRepresentation,
                         "invalid input syntax for type numeric: \" \"");
  Numeric n;
  NANO_RETURN_IF_ERROR(Numeric::Parse(num, &n));
  if (neg) n = n.Neg();
  return Ok(NumericValue(n), out);
}

}  // namespace

void RegisterExtra(FunctionRegistry& r) {
  const TypeOid t = ty::kText, i4 = ty::kInt4;
  Reg(r, "timezone", {t, ty::kTimestampTz}, ty::kTimestamp, TimezoneOfTsTz);
  Reg(r, "timezone", {t, ty::kTimestamp}, ty::kTimestampTz, TimezoneOfTs);
  Reg(r, "timezone", {ty::kInterval, ty::kTimestampTz}, ty::kTimestamp, TimezoneOfTsTz);
  Reg(r, "timezone", {ty::kInterval, ty::kTimestamp}, ty::kTimestampTz, TimezoneOfTs);
  Reg(r, "timezone", {t, ty::kTimeTz}, ty::kTimeTz, TimezoneOfTimeTz, Volatility::kStable);
  Reg(r, "timezone", {ty::kInterval, ty::kTimeTz}, ty::kTimeTz, TimezoneOfTimeTz);
  Reg(r, "get_byte", {ty::kBytea, i4}, i4, GetByte);
  Reg(r, "set_byte", {ty::kBytea, i4, i4}, ty::kBytea, SetByte);
  Reg(r, "get_bit", {ty::kBytea, ty::kInt8}, i4, GetBit);
  Reg(r, "set_bit", {ty::kBytea, ty::kInt8, i4}, ty::kBytea, SetBit);
  Reg(r, "overlay", {t, t, i4, i4}, t, Overlay);
  Reg(r, "overlay", {t, t, i4}, t, Overlay);
  Reg(r, "overlay", {ty::kBytea, ty::kBytea, i4, i4}, ty::kBytea, ByteaOverlay);
  Reg(r, "overlay", {ty::kBytea, ty::kBytea, i4}, ty::kBytea, ByteaOverlay);
  Reg(r, "similar_to_escape", {t}, t, SimilarToEscape);
  Reg(r, "similar_to_escape", {t, t}, t, SimilarToEscape, Volatility::kImmutable, false);
  Reg(r, "substring", {t, t, t}, t, SimilarSubstring);
  Reg(r, "sha224", {ty::kBytea}, ty::kBytea, Digest<EVP_sha224>);
  Reg(r, "sha256", {ty::kBytea}, ty::kBytea, Digest<EVP_sha256>);
  Reg(r, "sha384", {ty::kBytea}, ty::kBytea, Digest<EVP_sha384>);
  Reg(r, "sha512", {ty::kBytea}, ty::kBytea, Digest<EVP_sha512>);
  RegVariadic(r, "num_nulls", {ty::kAny}, i4, NumNulls<true>, NumNullsArray<true>,
              Volatility::kImmutable);
  RegVariadic(r, "num_nonnulls", {ty::kAny}, i4, NumNulls<false>, NumNullsArray<false>,
              Volatility::kImmutable);
  Reg(r, "to_number", {t, t}, ty::kNumeric, ToNumber, Volatility::kStable);
  // pg_sleep is bound by the binder as a session function (it must see the
  // statement's cancel flag), so it is not registered here.
}

}  // namespace nano::fn
