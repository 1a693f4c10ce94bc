// engine/function/formatting.cc — to_char / to_date / to_timestamp(text, text)
// with PostgreSQL's template patterns (formatting.c), the commonly used subset:
// date/time: YYYY YYY YY Y IYYY CC MM Mon MON mon Month MONTH month DD DDD D ID
// Dy DY dy Day DAY day HH HH12 HH24 MI SS MS US SSSS AM PM am pm A.M. P.M. Q WW
// IW J TZ tz OF, FM prefix, TH/th suffix, "quoted" literals and \ escapes;
// numbers: 9 0 . , D G S MI PL SG PR FM.
#include <cmath>
#include <cstdio>
#include <cstring>

#include "function/builtins.h"
#include "types/datetime.h"
#include "types/text_io.h"

namespace nano::fn {
namespace {

namespace ty = type;

const char* const kMonths[] = {"January",   "February", "March",    "April",
                               "May",       "June",     "July",     "August",
                               "September", "October",  "November", "December"};
const char* const kDays[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                             "Thursday", "Friday", "Saturday"};

struct TmFields {
  int64_t year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, usec = 0;
  int dow = 0, doy = 1;
  int64_t julian = 0;
  int iso_year = 0, iso_week = 1, iso_dow = 1;
  int32_t gmtoff = 0;
  std::string tz;
  bool has_tz = false, is_interval = false;
};

// ISO 8601 week and year of a date.
void IsoWeek(int year, int month, int day, int* iso_year, int* week) {
  int32_t jd = dt::DateToJulian(year, month, day);
  int dow = (dt::DayOfWeek(jd) + 6) % 7;  // Monday = 0
  int32_t thursday = jd - dow + 3;
  int ty_year, tm, td;
  dt::JulianToDate(thursday, &ty_year, &tm, &td);
  *iso_year = ty_year;
  *week = (thursday - dt::DateToJulian(ty_year, 1, 1)) / 7 + 1;
}

void FillDerived(TmFields* f) {
  int y = static_cast<int>(f->year), m = static_cast<int>(f->month), d = static_cast<int>(f->day);
  f->julian = dt::DateToJulian(y, m, d);
  f->dow = dt::DayOfWeek(static_cast<int32_t>(f->julian));
  f->doy = static_cast<int>(f->julian - dt::DateToJulian(y, 1, 1)) + 1;
  f->iso_dow = f->dow == 0 ? 7 : f->dow;
  IsoWeek(y, m, d, &f->iso_year, &f->iso_week);
}

std::string Ordinal(int64_t n, bool upper) {
  int64_t a = n < 0 ? -n : n;
  const char* s = "th";
  if (a % 100 < 11 || a % 100 > 13) {
    if (a % 10 == 1)
      s = "st";
    else if (a % 10 == 2)
      s = "nd";
    else if (a % 10 == 3)
      s = "rd";
  }
  std::string r = s;
  if (upper)
    for (char& c : r) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return r;
}

// printf("%0*lld"): the width includes a minus sign, as in formatting.c.
std::string Num(int64_t v, int width, bool fm) {
  char buf[32];
  snprintf(buf, sizeof(buf), "%0*lld", fm ? 0 : width, static_cast<long long>(v));
  return buf;
}

// Formats a name as Name / NAME / name, padded to 9 (months/days) unless FM.
std::string NameCase(std::string_view name, int mode, bool fm, size_t pad) {
  std::string r(name);
  for (size_t i = 0; i < r.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(r[i]);
    if (mode == 1) r[i] = static_cast<char>(std::toupper(c));
    if (mode == 2) r[i] = static_cast<char>(std::tolower(c));
  }
  if (!fm && r.size() < pad) r.append(pad - r.size(), ' ');
  return r;
}

bool StartsWith(std::string_view s, size_t i, std::string_view kw) {
  return s.compare(i, kw.size(), kw) == 0;
}

// Case-insensitive keyword check used for numeric fields.
bool StartsWithCi(std::string_view s, size_t i, std::string_view kw) {
  if (s.size() - i < kw.size()) return false;
  for (size_t k = 0; k < kw.size(); ++k)
    if (std::toupper(static_cast<unsigned char>(s[i + k])) != kw[k]) return false;
  return true;
}

std::string FormatDateTime(const TmFields& f, std::string_view p) {
  std::string out;
  size_t i = 0;
  while (i < p.size()) {
    bool fm = false;
    if (StartsWithCi(p, i, "FM")) {
      fm = true;
      i += 2;
      if (i >= p.size()) break;
    }
    char c = p[i];
    if (c == '"') {
      for (++i; i < p.size() && p[i] != '"'; ++i) {
        if (p[i] == '\\' && i + 1 < p.size()) ++i;
        out.push_back(p[i]);
      }
      ++i;
      continue;
    }
    if (c == '\\' && i + 1 < p.size() && p[i + 1] == '"') {  // \" is a literal quote
      out.push_back('"');
      i += 2;
      continue;
    }
    // Name-like fields are case-sensitive (mode: 0 Capitalised, 1 UPPER, 2 lower).
    struct NameKw {
      const char* kw;
      int kind;  // 0 month, 1 mon, 2 day, 3 dy
      int mode;
    };
    static const NameKw kNames[] = {{"MONTH", 0, 1}, {"Month", 0, 0}, {"month", 0, 2},
                                    {"MON", 1, 1},   {"Mon", 1, 0},   {"mon", 1, 2},
                                    {"DAY", 2, 1},   {"Day", 2, 0},   {"day", 2, 2},
                                    {"DY", 3, 1},    {"Dy", 3, 0},    {"dy", 3, 2}};
    bool matched = false;
    for (const NameKw& n : kNames) {
      if (!StartsWith(p, i, n.kw)) continue;
      if (f.is_interval && (n.kind >= 2)) break;
      std::string full = n.kind <= 1 ? kMonths[(f.month + 11) % 12] : kDays[f.dow];
      if (n.kind == 1 || n.kind == 3) full = full.substr(0, 3);
      out += NameCase(full, n.mode, fm, n.kind == 0 || n.kind == 2 ? 9 : 0);
      i += strlen(n.kw);
      matched = true;
      break;
    }
    if (matched) continue;
    // Meridiem markers.
    static const char* const kMer[] = {"A.M.", "P.M.", "a.m.", "p.m.", "AM", "PM", "am", "pm"};
    for (const char* m : kMer) {
      if (!StartsWith(p, i, m)) continue;
      bool pm = f.hour % 24 >= 12;
      std::string s = m;
      bool dots = s.size() == 4;
      bool upper = std::isupper(static_cast<unsigned char>(s[0]));
      s = dots ? (pm ? "P.M." : "A.M.") : (pm ? "PM" : "AM");
      if (!upper)
        for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      out += s;
      i += strlen(m);
      matched = true;
      break;
    }
    if (matched) continue;
    // TZH / TZM: the UTC offset's hours (signed) and minutes.
    if (StartsWith(p, i, "TZH") || StartsWith(p, i, "TZM")) {
      const int32_t a = f.gmtoff < 0 ? -f.gmtoff : f.gmtoff;
      char buf[16];
      if (p[i + 2] == 'H') {
        snprintf(buf, sizeof(buf), "%c%02d", f.gmtoff >= 0 ? '+' : '-', a / 3600);
      } else {
        snprintf(buf, sizeof(buf), "%02d", (a % 3600) / 60);
      }
      out += buf;
      i += 3;
      continue;
    }
    // RM / rm: the month in Roman numerals, left-justified to 4 without FM.
    // An interval's months count as upstream: none without months or years,
    // a whole number of years as XII (or I when negative).
    if (StartsWith(p, i, "RM") || StartsWith(p, i, "rm")) {
      static const char* const kRoman[] = {"XII", "XI", "X",  "IX",  "VIII", "VII",
                                           "VI",  "V",  "IV", "III", "II",   "I"};
      i += 2;
      if (f.is_interval && f.month == 0 && f.year == 0) continue;
      int idx = f.is_interval && f.month == 0 ? (f.year >= 0 ? 0 : 11)
                : f.month < 0                 ? static_cast<int>(-(f.month + 1))
                                              : static_cast<int>(12 - f.month);
      std::string r = kRoman[idx];
      if (p[i - 2] == 'r') {
        for (char& ch : r) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      }
      if (!fm) r.resize(std::max<size_t>(r.size(), 4), ' ');
      out += r;
      continue;
    }
    if (StartsWith(p, i, "TZ") || StartsWith(p, i, "tz")) {
      std::string tz = f.tz;
      if (p[i] == 't')
        for (char& ch : tz) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      out += tz;
      i += 2;
      continue;
    }
    if (StartsWithCi(p, i, "OF")) {
      if (f.has_tz) {
        int32_t off = f.gmtoff;
        char buf[16];
        int a = off < 0 ? -off : off;
        if (a % 3600 != 0) {
          snprintf(buf, sizeof(buf), "%c%02d:%02d", off < 0 ? '-' : '+', a / 3600, (a % 3600) / 60);
        } else {
          snprintf(buf, sizeof(buf), "%c%02d", off < 0 ? '-' : '+', a / 3600);
        }
        out += buf;
      }
      i += 2;
      continue;
    }
    // Numeric fields (case-insensitive), longest first.
    struct NumKw {
      const char* kw;
      int id;
    };
    static const NumKw kNums[] = {
        {"Y,YYY", 1}, {"YYYY", 2}, {"YYY", 3},  {"YY", 4},  {"Y", 5},   {"IYYY", 6},   {"HH24", 7},
        {"HH12", 8},  {"HH", 8},   {"MI", 9},   {"MS", 10}, {"MM", 11}, {"SSSSS", 12}, {"SSSS", 12},
        {"SS", 13},   {"US", 14},  {"DDD", 15}, {"DD", 16}, {"D", 17},  {"ID", 18},    {"IW", 19},
        {"WW", 20},   {"W", 21},   {"CC", 22},  {"Q", 23},  {"J", 24}};
    int id = 0;
    size_t len = 0;
    for (const NumKw& n : kNums) {
      if (StartsWithCi(p, i, n.kw)) {
        id = n.id;
        len = strlen(n.kw);
        break;
      }
    }
    if (id == 0) {
      out.push_back(c);
      ++i;
      continue;
    }
    i += len;
    int64_t v = 0;
    int width = 2;
    int64_t hour = f.hour;
    switch (id) {
      case 1: {
        char buf[32];
        snprintf(buf, sizeof(buf), "%lld,%03lld", static_cast<long long>(f.year / 1000),
                 static_cast<long long>(f.year % 1000));
        out += buf;
        continue;
      }
      case 2:
      case 6: {
        // ADJUST_YEAR: BC years count from 1 (intervals keep their sign); a
        // negative year gets one more digit of width for the sign, as in
        // DCH_to_char's "%0*d" with 5.
        const int64_t y = id == 2 ? f.year : f.iso_year;
        v = y > 0 || f.is_interval ? y : 1 - y;
        width = v >= 0 ? 4 : 5;
        break;
      }
      case 3:
        v = f.year % 1000;
        width = 3;
        break;
      case 4:
        v = f.year % 100;
        width = 2;
        break;
      case 5:
        v = f.year % 10;
        width = 1;
        break;
      case 7:
        v = hour;
        break;
      case 8:
        v = f.is_interval ? hour % 12 : (hour % 12 == 0 ? 12 : hour % 12);
        break;
      case 9:
        v = f.minute;
        break;
      case 10:
        v = f.usec / 1000;
        width = 3;
        break;
      case 11:
        v = f.month;
        break;
      case 12:
        v = hour * 3600 + f.minute * 60 + f.second;
        width = 1;
        break;
      case 13:
        v = f.second;
        break;
      case 14:
        v = f.usec;
        width = 6;
        break;
      case 15:
        v = f.doy;
        width = 3;
        break;
      case 16:
        v = f.day;
        break;
      case 17:
        v = f.dow + 1;
        width = 1;
        break;
      case 18:
        v = f.iso_dow;
        width = 1;
        break;
      case 19:
        v = f.iso_week;
        break;
      case 20:
        v = (f.doy - 1) / 7 + 1;
        break;
      case 21:
        v = (f.day - 1) / 7 + 1;
        width = 1;
        break;
      case 22:
        v = f.year > 0 ? (f.year + 99) / 100 : -((99 - (f.year - 1)) / 100);
        break;
      case 23:
        v = (f.month - 1) / 3 + 1;
        width = 1;
        break;
      case 24:
        v = f.julian;
        width = 1;
        break;
    }
    // Time fields of negative intervals get one more digit of width (HH24 -> "-02").
    if (v < 0 && (id == 7 || id == 8 || id == 9 || id == 13 || id == 22)) ++width;
    out += Num(v, width, fm);
    if (StartsWith(p, i, "TH") || StartsWith(p, i, "th")) {
      out += Ordinal(v, p[i] == 'T');
      i += 2;
    }
  }
  return out;
}

Status TsFields(const Value& v, const EvalContext& ctx, TmFields* tm, bool* is_null) {
  dt::Fields f;
  *is_null = false;
  if (v.type() == ty::kInterval) {
    const Interval& iv = v.interval_value();
    tm->is_interval = true;
    tm->year = iv.months / 12;
    tm->month = iv.months % 12;
    tm->day = iv.days;
    int64_t us = iv.micros;
    tm->hour = us / dt::kUsecsPerHour;
    us %= dt::kUsecsPerHour;
    tm->minute = us / dt::kUsecsPerMinute;
    us %= dt::kUsecsPerMinute;
    tm->second = us / dt::kUsecsPerSec;
    tm->usec = us % dt::kUsecsPerSec;
    return Status::OK();
  }
  int64_t ts = v.int_value();
  if (v.type() == ty::kDate) {
    if (!dt::IsFiniteDate(ts)) {
      *is_null = true;
      return Status::OK();
    }
    NANO_RETURN_IF_ERROR(dt::DateToTimestamp(ts, &ts));
  }
  if (!dt::IsFiniteTimestamp(ts)) {
    *is_null = true;
    return Status::OK();
  }
  if (v.type() == ty::kTimestampTz) {
    NANO_RETURN_IF_ERROR(dt::TimestampTzToFields(ts, *ZoneOf(Fmt(ctx)), &f));
    tm->has_tz = true;
    tm->gmtoff = f.gmtoff;
    tm->tz = f.tz_abbr;
  } else {
    NANO_RETURN_IF_ERROR(dt::TimestampToFields(ts, &f));
  }
  tm->year = f.year;
  tm->month = f.month;
  tm->day = f.day;
  tm->hour = f.hour;
  tm->minute = f.minute;
  tm->second = f.second;
  tm->usec = f.usec;
  FillDerived(tm);
  return Status::OK();
}

Status ToCharDateTime(const Value* a, size_t, EvalContext& ctx, Value* out) {
  TmFields tm;
  bool is_null = false;
  NANO_RETURN_IF_ERROR(TsFields(a[0], ctx, &tm, &is_null));
  if (is_null || a[1].str().empty()) {
    *out = Value::Null(ty::kText);
    return Status::OK();
  }
  *out = Value::Text(FormatDateTime(tm, a[1].str()));
  return Status::OK();
}

// ---- numbers -------------------------------------------------------------------
// int_to_roman: 1..3999, else 15 '#'; padded to 15 unless FM.
std::string Roman(int64_t n, bool lower, bool fm) {
  static const char* const kRn[] = {"M",  "CM", "D",  "CD", "C",  "XC", "L",
                                    "XL", "X",  "IX", "V",  "IV", "I"};
  static const int kVal[] = {1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1};
  std::string r;
  if (n < 1 || n > 3999) {
    r.assign(15, '#');
  } else {
    for (int i = 0; i < 13; ++i) {
      for (; n >= kVal[i]; n -= kVal[i]) r += kRn[i];
    }
  }
  if (lower) {
    for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  if (!fm && r.size() < 15) r.insert(0, 15 - r.size(), ' ');
  return r;
}

// numeric_out_sci: the significand divided by 10^exponent and rounded to
// `post` digits without renormalising (9.99 with one digit is "10.0e+00").
Status NumericSci(const Numeric& x, int post, std::string* out) {
  const std::string t = x.Abs().ToString();
  int exponent = 0;
  const size_t first = t.find_first_not_of("0.");
  if (first != std::string::npos) {
    const size_t dot = t.find('.') == std::string::npos ? t.size() : t.find('.');
    exponent = first < dot ? static_cast<int>(dot - first) - 1 : -static_cast<int>(first - dot);
  }
  Numeric pow10, sig;
  NANO_RETURN_IF_ERROR(Numeric::Parse("1e" + std::to_string(exponent), &pow10));
  NANO_RETURN_IF_ERROR(x.DivScale(pow10, post, &sig));
  char e[16];
  std::snprintf(e, sizeof e, "e%+03d", exponent);
  *out = sig.ToString() + e;
  return Status::OK();
}

// The EEEE form (float8_to_char / numeric_to_char): a sign column, the
// significand and the exponent; '#'s for NaN and infinities.
Status ToCharSci(const Value& v, int pre, int post, std::string* out) {
  std::string num;
  bool finite = true;
  if (v.type() == ty::kFloat4 || v.type() == ty::kFloat8) {
    const double d = v.float_value();
    finite = std::isfinite(d);
    if (finite) {
      char buf[512];
      std::snprintf(buf, sizeof buf, "%+.*e", post, d);
      num = buf;
      if (num[0] == '+') num[0] = ' ';
    }
  } else {
    Numeric n;
    NANO_RETURN_IF_ERROR(ToNumeric(v, &n));
    finite = n.IsFinite();
    if (finite) {
      NANO_RETURN_IF_ERROR(NumericSci(n, post, &num));
      if (num[0] != '-') num.insert(0, 1, ' ');
    }
  }
  if (!finite) {
    num.assign(static_cast<size_t>(pre + post + 6), '#');
    num[0] = ' ';
    num[pre + 1] = '.';
  }
  *out = std::move(num);
  return Status::OK();
}

// A double-quoted literal in a number template starting at p[i] == '"':
// appends its text (a backslash quotes the next character, as parse_format)
// and returns the index of the closing quote (or the end).
size_t QuotedLiteral(std::string_view p, size_t i, std::string* text) {
  for (++i; i < p.size() && p[i] != '"'; ++i) {
    if (p[i] == '\\' && i + 1 < p.size()) ++i;
    if (text) text->push_back(p[i]);
  }
  return i;
}

// RN, EEEE and NaN/Infinity, which numeric_to_char and float8_to_char format
// apart from the digit-by-digit template walk. Leaves *out NULL when the
// general path applies.
Status ToCharSpecialForms(const Value& v, std::string_view p, Value* out) {
  *out = Value::Null(ty::kText);
  int pre = 0, post = 0;
  bool point = false, fm = false, eeee = false, other = false;
  size_t rn = std::string_view::npos;
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    if (c == '9' || c == '0') {
      ++(point ? post : pre);
    } else if (c == '.' || c == 'D' || c == 'd') {
      point = true;
    } else if (StartsWithCi(p, i, "EEEE")) {
      if (i + 4 != p.size()) {
        return Status::Error(sqlstate::kSyntaxError, "\"EEEE\" must be the last pattern used");
      }
      eeee = true;
      i += 3;
    } else if (StartsWithCi(p, i, "RN")) {
      rn = i;
      ++i;
    } else if (StartsWithCi(p, i, "FM")) {
      fm = true;
      other = true;
      ++i;
    } else {
      other = true;
    }
  }
  const bool is_float = v.type() == ty::kFloat4 || v.type() == ty::kFloat8;
  if (rn != std::string_view::npos) {
    Numeric n;
    NANO_RETURN_IF_ERROR(ToNumeric(v, &n));
    int64_t i = 0;
    if (!n.IsFinite() || !n.Round(0).ToInt64(&i).ok() || i > INT32_MAX || i < INT32_MIN) {
      return OutOfRange("integer");
    }
    *out = Value::Text(Roman(is_float ? std::llrint(v.float_value()) : i, p[rn] == 'r', fm));
    return Status::OK();
  }
  if (eeee) {
    if (other) {
      return Status::Error(sqlstate::kSyntaxError, "\"EEEE\" is incompatible with other formats")
          .WithDetail("\"EEEE\" may only be used together with digit and decimal point patterns.");
    }
    std::string s;
    NANO_RETURN_IF_ERROR(ToCharSci(v, pre, post, &s));
    *out = Value::Text(std::move(s));
    return Status::OK();
  }
  // NaN and infinities print as their names when the integer digits have
  // room (numeric_out's text treated as the number), else as '#'s.
  std::string name;
  bool neg = false;
  if (is_float) {
    const double d = v.float_value();
    if (std::isnan(d)) name = "NaN";
    if (std::isinf(d)) name = "Infinity", neg = d < 0;
  } else if (v.type() == ty::kNumeric) {
    Numeric n;
    NANO_RETURN_IF_ERROR(ToNumeric(v, &n));
    if (!n.IsFinite()) name = n.Abs().ToString(), neg = n.Sign() < 0;
  }
  if (name.empty() || static_cast<int>(name.size()) > pre) return Status::OK();
  std::string s(fm ? 0 : static_cast<size_t>(pre) - name.size(), ' ');  // padding, then the sign
  if (neg || !fm) s.push_back(neg ? '-' : ' ');  // FM drops the blank sign column
  *out = Value::Text(s + name);
  return Status::OK();
}

Status ToCharNumber(const Value* a, size_t, EvalContext&, Value* out) {
  std::string_view p = a[1].str();
  NANO_RETURN_IF_ERROR(ToCharSpecialForms(a[0], p, out));
  if (!out->is_null()) return Status::OK();
  // Parse the template.
  int int_digits = 0, frac_digits = 0, first_zero = -1;
  bool seen_point = false, fm = false;
  enum { kDefault, kS, kMI, kPL, kSG, kPR } sign_mode = kDefault;
  bool sign_at_end = false;
  int digits_before_sign = -1;  // template digits before S/SG/MI/PL
  bool seen_v = false;
  int v_digits = 0;  // digits after V: the value is multiplied by 10^v_digits
  for (size_t i = 0; i < p.size(); ++i) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(p[i])));
    if (c == '"') {
      i = QuotedLiteral(p, i, nullptr);
      continue;
    }
    if (c == 'V') seen_v = true;
    if ((c == '9' || c == '0') && seen_v) ++v_digits;
    if (c == '\\' && i + 1 < p.size() && p[i + 1] == '"') {
      ++i;  // an escaped quote outside a literal is a plain character
      continue;
    }
    if (StartsWithCi(p, i, "MI") || StartsWithCi(p, i, "PL") || StartsWithCi(p, i, "SG") ||
        (c == 'S' && !StartsWithCi(p, i, "SP"))) {
      digits_before_sign = int_digits + frac_digits;
    }
    if (c == '9' || c == '0') {
      if (seen_point) {
        ++frac_digits;
      } else {
        if (c == '0' && first_zero < 0) first_zero = int_digits;
        ++int_digits;
      }
    } else if (c == '.' || c == 'D') {
      seen_point = true;
    } else if (StartsWithCi(p, i, "FM")) {
      fm = true;
      ++i;
    } else if (StartsWithCi(p, i, "MI")) {
      sign_mode = kMI;
      sign_at_end = int_digits + frac_digits > 0;
      ++i;
    } else if (StartsWithCi(p, i, "PL")) {
      sign_mode = kPL;
      sign_at_end = int_digits + frac_digits > 0;
      ++i;
    } else if (StartsWithCi(p, i, "SG")) {
      sign_mode = kSG;
      sign_at_end = int_digits + frac_digits > 0;
      ++i;
    } else if (StartsWithCi(p, i, "PR")) {
      sign_mode = kPR;
      ++i;
    } else if (c == 'S') {
      sign_mode = kS;
      sign_at_end = int_digits + frac_digits > 0;
    }
  }
  if (seen_v && seen_point) {
    return Status::Error(sqlstate::kSyntaxError, "cannot use \"V\" and decimal point together");
  }
  Numeric n;
  std::string digits;
  if (a[0].type() == ty::kFloat4 || a[0].type() == ty::kFloat8) {
    // float8_to_char rounds the binary value with printf("%.*f"), not the decimal one.
    double d = a[0].float_value() * std::pow(10.0, v_digits);
    if (!std::isfinite(d)) {
      n = std::isnan(d) ? Numeric::NaN() : Numeric::Infinity(d < 0);
    } else {
      char buf[512];
      snprintf(buf, sizeof(buf), "%.*f", frac_digits, std::fabs(d));
      NANO_RETURN_IF_ERROR(Numeric::Parse(buf, &n));
      if (d < 0 && !n.IsZero()) n = n.Neg();
    }
    digits = n.IsFinite() ? n.Abs().ToString() : "";
  } else {
    NANO_RETURN_IF_ERROR(ToNumeric(a[0], &n));
    if (v_digits > 0 && n.IsFinite()) {  // V shifts the value left by its digit count
      Numeric scale;
      NANO_RETURN_IF_ERROR(Numeric::Parse("1e" + std::to_string(v_digits), &scale));
      n = n.Mul(scale);
    }
    digits = n.Abs().Round(frac_digits).ToString();
  }
  bool neg = n.Sign() < 0;
  std::string ipart = digits, fpart;
  size_t dot = digits.find('.');
  if (dot != std::string::npos) {
    ipart = digits.substr(0, dot);
    fpart = digits.substr(dot + 1);
  }
  fpart.resize(frac_digits, '0');
  if (ipart == "0") ipart.clear();
  if (ipart.empty() && frac_digits == 0) ipart = "0";
  bool overflow = static_cast<int>(ipart.size()) > int_digits || !n.IsFinite();
  const bool sign_in_middle =
      digits_before_sign > 0 && digits_before_sign < int_digits + frac_digits;
  // Build the body by walking the template.
  std::string body;
  // Index in body where the number proper starts (first significant digit,
  // leading zero or decimal point): the default sign goes right before it.
  size_t first_sig = std::string::npos;
  auto mark = [&] {
    if (first_sig == std::string::npos) first_sig = body.size();
  };
  int int_pos = 0, frac_pos = 0;
  int lead = int_digits - static_cast<int>(ipart.size());
  bool point_done = false;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = static_cast<char>(std::toupper(static_cast<unsigned char>(p[i])));
    if (c == '"') {
      i = QuotedLiteral(p, i, &body);
      continue;
    }
    if (c == '\\' && i + 1 < p.size() && p[i + 1] == '"') {
      body.push_back('"');
      ++i;
      continue;
    }
    if (sign_in_middle && sign_mode != kPR &&
        (StartsWithCi(p, i, "MI") || StartsWithCi(p, i, "PL") || StartsWithCi(p, i, "SG") ||
         c == 'S')) {
      // A sign between digit groups prints where it stands.
      body.push_back(sign_mode == kMI   ? (neg ? '-' : ' ')
                     : sign_mode == kPL ? (neg ? ' ' : '+')
                                        : (neg ? '-' : '+'));
      if (c != 'S' || StartsWithCi(p, i, "SG")) ++i;
      continue;
    }
    if (c == 'L') {
      body.push_back(' ');  // the C locale's currency symbol
      continue;
    }
    if (c == '9' || c == '0') {
      if (!point_done) {
        int k = int_pos++;
        bool blank = !overflow && k < lead && !(first_zero >= 0 && k >= first_zero);
        if (blank) {
          if (!fm) body.push_back(' ');  // FM drops padding blanks
        } else {
          mark();
          body.push_back(overflow ? '#' : k < lead ? '0' : ipart[k - lead]);
        }
      } else {
        int k = frac_pos++;
        mark();
        body.push_back(overflow ? '#' : fpart[k]);
      }
    } else if (c == '.' || c == 'D') {
      point_done = true;
      mark();
      body.push_back('.');
    } else if (c == ',' || c == 'G') {
      bool in_lead = !point_done && int_pos <= lead && !(first_zero >= 0 && int_pos > first_zero);
      if (!(in_lead && !overflow))
        body.push_back(',');
      else if (!fm)
        body.push_back(' ');
    } else if (StartsWithCi(p, i, "FM") || StartsWithCi(p, i, "MI") || StartsWithCi(p, i, "PL") ||
               StartsWithCi(p, i, "SG") || StartsWithCi(p, i, "PR")) {
      ++i;
    } else if (StartsWithCi(p, i, "TH")) {
      // NUM_th: the integer's ordinal suffix, except for negative, decimal
      // or overflowed numbers.
      if (!neg && frac_digits == 0 && !overflow) {
        const std::string last = ipart.size() > 2 ? ipart.substr(ipart.size() - 2) : ipart;
        body += Ordinal(last.empty() ? 0 : std::stoll(last), p[i] == 'T');
      }
      ++i;
    } else if (c == 'S' || c == 'V') {
      // handled separately
    } else {
      body.push_back(p[i]);
    }
  }
  if (fm) {
    // Strip trailing zeros of '9' fraction positions and leading blanks.
    size_t point = body.find('.');
    if (point != std::string::npos) {
      size_t end = body.size();
      // Only zeros from '9' fraction positions are removable: count them from the template.
      std::string fr;
      for (size_t i = 0, seen = 0; i < p.size(); ++i) {
        char c = static_cast<char>(std::toupper(static_cast<unsigned char>(p[i])));
        if (c == '.' || c == 'D')
          seen = 1;
        else if (seen && (c == '9' || c == '0'))
          fr.push_back(c);
      }
      size_t k = fr.size();
      while (k > 0 && fr[k - 1] == '9' && end > point + 1 && body[end - 1] == '0') {
        --end;
        --k;
      }
      body.erase(end, point + 1 + fr.size() - end);
    }
  }
  size_t first = first_sig == std::string::npos ? body.size() : first_sig;
  std::string result;
  auto sign_char = [&](char pos, char negc) { return neg ? negc : pos; };
  if (sign_in_middle && sign_mode != kPR) {
    *out = Value::Text(std::move(body));
    return Status::OK();
  }
  switch (sign_mode) {
    case kDefault:
    case kS: {
      char s = sign_mode == kS ? sign_char('+', '-') : sign_char(' ', '-');
      if (sign_mode == kS && sign_at_end) {
        result = body;
        result.push_back(s);
      } else {
        result = body.substr(0, first);
        if (!(fm && s == ' ')) result.push_back(s);
        result += body.substr(first);
      }
      break;
    }
    case kPL: {
      // PL keeps the default sign slot and adds '+' (or a blank) at its position.
      std::string def = body.substr(0, first);
      if (!(fm && !neg)) def.push_back(sign_char(' ', '-'));
      def += body.substr(first);
      char s = sign_char('+', ' ');
      if (fm && s == ' ')
        result = def;
      else
        result = sign_at_end ? def + std::string(1, s) : std::string(1, s) + def;
      break;
    }
    case kMI:
    case kSG: {
      char s = sign_mode == kMI ? sign_char(' ', '-') : sign_char('+', '-');
      if (fm && s == ' ') {
        result = body;
      } else if (sign_at_end) {
        result = body;
        result.push_back(s);
      } else {
        result = std::string(1, s) + body;
      }
      break;
    }
    case kPR:
      if (neg) {
        result = body.substr(0, first) + "<" + body.substr(first) + ">";
      } else {
        result = fm ? body : body.substr(0, first) + " " + body.substr(first) + " ";
      }
      break;
  }
  *out = Value::Text(std::move(result));
  return Status::OK();
}

// ---- to_date / to_timestamp(text, text) ---------------------------------------------
Status BadValue(std::string_view input) {
  return Status::Error(sqlstate::kDatetimeFieldOverflow,
                       "date/time field value out of range: \"" + std::string(input) + "\"");
}

Status ParseWithTemplate(std::string_view s, std::string_view p, dt::Fields* f, bool* has_time,
                         bool* has_tz_offset) {
  size_t si = 0;
  bool pm = false, has_meridiem = false, bc = false;
  int hour12 = -1, doy = -1;
  *has_time = false;
  *has_tz_offset = false;
  int digits_read = 0;  // of the last number read_int read
  auto skip_spaces = [&] {
    while (si < s.size() && s[si] == ' ') ++si;
  };
  auto read_int = [&](int max_width, int64_t* v) -> Status {
    skip_spaces();
    bool neg = false;
    if (si < s.size() && (s[si] == '-' || s[si] == '+')) neg = s[si++] == '-';
    size_t start = si;
    while (si < s.size() && std::isdigit(static_cast<unsigned char>(s[si])) &&
           (max_width <= 0 || static_cast<int>(si - start) < max_width))
      ++si;
    if (si == start) {
      std::string rest(s.substr(start));
      return Status::Error(sqlstate::kInvalidDatetimeFormat,
                           "invalid value \"" + rest.substr(0, 4) + "\" for \"" +
                               std::string(p.substr(0, 0)) + "field\"");
    }
    digits_read = static_cast<int>(si - start);
    *v = std::stoll(std::string(s.substr(start, si - start)));
    if (neg) *v = -*v;
    return Status::OK();
  };
  for (size_t i = 0; i < p.size();) {
    if (StartsWithCi(p, i, "FM")) {
      i += 2;
      continue;
    }
    // Which numeric field, and its width when followed by more digits.
    struct Kw {
      const char* kw;
      int id;
      int width;
    };
    static const Kw kKws[] = {{"YYYY", 1, 4}, {"YYY", 2, 3}, {"YY", 3, 2},  {"HH24", 4, 2},
                              {"HH12", 5, 2}, {"HH", 5, 2},  {"MI", 6, 2},  {"MS", 7, 3},
                              {"MM", 8, 2},   {"SS", 9, 2},  {"US", 10, 6}, {"DDD", 11, 3},
                              {"DD", 12, 2},  {"J", 13, 0}};
    const Kw* kw = nullptr;
    for (const Kw& k : kKws)
      if (StartsWithCi(p, i, k.kw)) {
        kw = &k;
        break;
      }
    if (kw != nullptr) {
      i += strlen(kw->kw);
      // A field followed by a separator (or the end) may be wider than its nominal width.
      bool next_is_field = i < p.size() && std::isalnum(static_cast<unsigned char>(p[i]));
      int64_t v = 0;
      NANO_RETURN_IF_ERROR(read_int(next_is_field ? kw->width : (kw->id == 1 ? 0 : kw->width), &v));
      switch (kw->id) {
        case 1:
          f->year = static_cast<int>(v);
          break;
        case 2:
          f->year = static_cast<int>(v < 100 ? 2000 + v : 1000 + v);
          break;
        case 3:
          f->year = static_cast<int>(v < 70 ? 2000 + v : 1900 + v);
          break;
        case 4:
          f->hour = static_cast<int>(v);
          *has_time = true;
          if (v > 23 || v < 0) return BadValue(s);
          break;
        case 5:
          hour12 = static_cast<int>(v);
          *has_time = true;
          if (v < 1 || v > 12)
            return Status::Error(
                       sqlstate::kInvalidDatetimeFormat,
                       "hour \"" + std::to_string(v) + "\" is invalid for the 12-hour clock")
                .WithHint("Use the 24-hour clock, or give an hour between 1 and 12.");
          break;
        case 6:
          f->minute = static_cast<int>(v);
          *has_time = true;
          if (v > 59 || v < 0) return BadValue(s);
          break;
        case 7: {
          // A fraction's digits: MS "3" is 300 ms and "25" 250 ms, as
          // upstream; MS and US add up.
          static const int kMsScale[] = {1, 100, 10, 1};
          f->usec += static_cast<int32_t>(v * kMsScale[std::min(digits_read, 3)] * 1000);
          break;
        }
        case 8:
          f->month = static_cast<int>(v);
          break;
        case 9:
          f->second = static_cast<int>(v);
          *has_time = true;
          if (v > 59 || v < 0) return BadValue(s);
          break;
        case 10: {
          static const int kUsScale[] = {1, 100000, 10000, 1000, 100, 10, 1};
          f->usec += static_cast<int32_t>(v * kUsScale[std::min(digits_read, 6)]);
          break;
        }
        case 11:
          doy = static_cast<int>(v);
          break;
        case 12:
          f->day = static_cast<int>(v);
          break;
        case 13: {
          int y, m, d;
          dt::JulianToDate(static_cast<int32_t>(v), &y, &m, &d);
          f->year = y;
          f->month = m;
          f->day = d;
          break;
        }
      }
      continue;
    }
    // Month / day names.
    bool is_month = StartsWithCi(p, i, "MONTH"), is_mon = !is_month && StartsWithCi(p, i, "MON");
    bool is_day = StartsWithCi(p, i, "DAY"), is_dy = !is_day && StartsWithCi(p, i, "DY");
    if (is_month || is_mon || is_day || is_dy) {
      i += is_month ? 5 : is_day ? 3 : is_mon ? 3 : 2;
      skip_spaces();
      bool found = false;
      for (int k = 0; k < (is_month || is_mon ? 12 : 7) && !found; ++k) {
        std::string name = is_month || is_mon ? kMonths[k] : kDays[k];
        if (is_mon || is_dy) name = name.substr(0, 3);
        std::string up = name;
        for (char& ch : up) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
        if (StartsWithCi(s, si, up)) {
          si += name.size();
          found = true;
          if (is_month || is_mon) f->month = k + 1;
        }
      }
      if (!found) {
        std::string rest(s.substr(si));
        return Status::Error(sqlstate::kInvalidDatetimeFormat, "invalid value \"" +
                                                                   rest.substr(0, 3) + "\" for \"" +
                                                                   std::string(is_month ? "Month"
                                                                               : is_mon ? "Mon"
                                                                               : is_day ? "Day"
                                                                                        : "Dy") +
                                                                   "\"")
            .WithDetail("The given value did not match any of the allowed values for this field.");
      }
      continue;
    }
    if (StartsWithCi(p, i, "AM") || StartsWithCi(p, i, "PM") || StartsWithCi(p, i, "A.M.") ||
        StartsWithCi(p, i, "P.M.")) {
      i += p[i + 1] == '.' ? 4 : 2;
      skip_spaces();
      has_meridiem = true;
      if (StartsWithCi(s, si, "PM") || StartsWithCi(s, si, "P.M.")) pm = true;
      si += si + 1 < s.size() && s[si + 1] == '.' ? 4 : 2;
      continue;
    }
    // Era: BC (or B.C.) in the input makes the year BC; AD is the default.
    if (StartsWithCi(p, i, "BC") || StartsWithCi(p, i, "AD") || StartsWithCi(p, i, "B.C.") ||
        StartsWithCi(p, i, "A.D.")) {
      i += p[i + 1] == '.' ? 4 : 2;
      skip_spaces();
      if (StartsWithCi(s, si, "BC") || StartsWithCi(s, si, "B.C.")) bc = true;
      si += si + 1 < s.size() && s[si + 1] == '.' ? 4 : 2;
      continue;
    }
    if (StartsWithCi(p, i, "TZH")) {
      int64_t h = 0;
      NANO_RETURN_IF_ERROR(read_int(2, &h));
      f->gmtoff = static_cast<int32_t>(h * 3600);
      *has_tz_offset = true;
      i += 3;
      continue;
    }
    if (StartsWithCi(p, i, "TZM")) {
      int64_t m = 0;
      NANO_RETURN_IF_ERROR(read_int(2, &m));
      f->gmtoff += (f->gmtoff < 0 ? -1 : 1) * static_cast<int32_t>(m * 60);
      i += 3;
      continue;
    }
    if (p[i] == '"') {
      for (++i; i < p.size() && p[i] != '"'; ++i)
        if (si < s.size()) ++si;
      ++i;
      continue;
    }
    // A separator or space in the template skips one non-alphanumeric input char.
    if (p[i] == ' ') {
      skip_spaces();
    } else if (si < s.size() && !std::isalnum(static_cast<unsigned char>(s[si]))) {
      ++si;
    }
    ++i;
  }
  if (doy >= 0) {  // DDD: day of the year
    if (doy < 1 || doy > (dt::IsLeapYear(f->year) ? 366 : 365)) return BadValue(s);
    int y, m, d;
    dt::JulianToDate(dt::DateToJulian(f->year, 1, 1) + doy - 1, &y, &m, &d);
    f->month = m;
    f->day = d;
  }
  if (bc && f->year > 0) f->year = 1 - f->year;  // astronomical: 1 BC is year 0
  if (hour12 >= 0)
    f->hour = hour12 % 12 + (pm ? 12 : 0);
  else if (has_meridiem && pm && f->hour < 12)
    f->hour += 12;
  if (f->month < 1 || f->month > 12 || f->day < 1 || f->day > dt::DaysInMonth(f->year, f->month))
    return BadValue(s);
  return Status::OK();
}

Status ToDate(const Value* a, size_t, EvalContext&, Value* out) {
  dt::Fields f;
  f.year = 0;  // a template without a year gives year 0, i.e. 1 BC, as upstream
  bool has_time = false, has_tz = false;
  NANO_RETURN_IF_ERROR(ParseWithTemplate(a[0].str(), a[1].str(), &f, &has_time, &has_tz));
  int64_t days;
  // The fields count years astronomically; MakeDate takes -1 for 1 BC.
  NANO_RETURN_IF_ERROR(dt::MakeDate(f.year <= 0 ? f.year - 1 : f.year, f.month, f.day, &days));
  *out = Value::Date(days);
  return Status::OK();
}

Status ToTimestamp(const Value* a, size_t, EvalContext& ctx, Value* out) {
  dt::Fields f;
  f.year = 0;  // a template without a year gives year 0, i.e. 1 BC, as upstream
  bool has_time = false, has_tz = false;
  NANO_RETURN_IF_ERROR(ParseWithTemplate(a[0].str(), a[1].str(), &f, &has_time, &has_tz));
  int64_t ts;
  if (has_tz) {
    int64_t local;
    int32_t off = f.gmtoff;
    f.gmtoff = 0;
    NANO_RETURN_IF_ERROR(dt::FieldsToTimestamp(f, &local));
    ts = local - static_cast<int64_t>(off) * dt::kUsecsPerSec;
  } else {
    NANO_RETURN_IF_ERROR(dt::LocalFieldsToTimestampTz(f, *ZoneOf(Fmt(ctx)), &ts));
  }
  *out = Value::TimestampTz(ts);
  return Status::OK();
}

}  // namespace

void RegisterFormatting(FunctionRegistry& r) {
  const TypeOid t = ty::kText;
  Reg(r, "to_char", {ty::kTimestamp, t}, t, ToCharDateTime, Volatility::kStable);
  Reg(r, "to_char", {ty::kTimestampTz, t}, t, ToCharDateTime, Volatility::kStable);
  Reg(r, "to_char", {ty::kInterval, t}, t, ToCharDateTime, Volatility::kStable);
  Reg(r, "to_char", {ty::kNumeric, t}, t, ToCharNumber, Volatility::kStable);
  Reg(r, "to_char", {ty::kInt4, t}, t, ToCharNumber, Volatility::kStable);
  Reg(r, "to_char", {ty::kInt8, t}, t, ToCharNumber, Volatility::kStable);
  Reg(r, "to_char", {ty::kFloat4, t}, t, ToCharNumber, Volatility::kStable);
  Reg(r, "to_char", {ty::kFloat8, t}, t, ToCharNumber, Volatility::kStable);
  Reg(r, "to_date", {t, t}, ty::kDate, ToDate, Volatility::kStable);
  Reg(r, "to_timestamp", {t, t}, ty::kTimestampTz, ToTimestamp, Volatility::kStable);
}

}  // namespace nano::fn
