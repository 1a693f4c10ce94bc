// engine/types/datetime_parse.cc — date/time/interval input (PostgreSQL's
// ParseDateTime + DecodeDateTime / DecodeTimeOnly / DecodeInterval, reduced
// to the documented input forms).
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>
#include <vector>

#include "types/datetime.h"

namespace nano::dt {
namespace {

constexpr int64_t kEndTimestamp = 9223371331200000000LL;
constexpr int64_t kMinTimestamp = -211813488000000000LL;
constexpr int32_t kDateEndJulian = 2147483494;

enum class Tok { kNumber, kTime, kDate, kString, kTz, kSpecialSigned };

struct Token {
  Tok kind;
  std::string text;  // lower-cased for strings
};

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; }
bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

// Built with append(): GCC 12 reports a false -Wrestrict on "\"" + str + "\"".
std::string QuoteStr(std::string_view s) {
  std::string q;
  q.reserve(s.size() + 2);
  q.push_back('"');
  q.append(s);
  q.push_back('"');
  return q;
}

std::string Lower(std::string_view s) {
  std::string r(s);
  for (char& c : r) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return r;
}

// Splits a date/time string into fields. False on characters PG rejects.
bool Tokenize(std::string_view s, std::vector<Token>* out) {
  size_t i = 0;
  const size_t n = s.size();
  while (i < n) {
    const char c = s[i];
    if (IsSpace(c) || c == ',') {
      ++i;
      continue;
    }
    if (IsDigit(c)) {
      size_t j = i;
      while (j < n && IsDigit(s[j])) ++j;
      if (j < n && s[j] == ':') {
        while (j < n && (IsDigit(s[j]) || s[j] == ':' || s[j] == '.')) ++j;
        out->push_back({Tok::kTime, std::string(s.substr(i, j - i))});
      } else if (j < n && (s[j] == '-' || s[j] == '/' || s[j] == '.')) {
        const char delim = s[j];
        if (delim == '.') {
          // "12.5" is a number; "2024.01.02" is a date.
          size_t k = j + 1;
          while (k < n && IsDigit(s[k])) ++k;
          if (k >= n || s[k] != '.') {
            out->push_back({Tok::kNumber, std::string(s.substr(i, k - i))});
            i = k;
            continue;
          }
        }
        while (j < n && (IsDigit(s[j]) || IsAlpha(s[j]) || s[j] == delim)) {
          // ISO 8601 "T" between date and time ends the date.
          if ((s[j] == 't' || s[j] == 'T') && j + 1 < n && IsDigit(s[j + 1]) && j > 0 &&
              IsDigit(s[j - 1]))
            break;
          ++j;
        }
        out->push_back({Tok::kDate, Lower(s.substr(i, j - i))});
      } else {
        if (j < n && s[j] == '.') {
          ++j;
          while (j < n && IsDigit(s[j])) ++j;
        }
        out->push_back({Tok::kNumber, std::string(s.substr(i, j - i))});
      }
      i = j;
      continue;
    }
    if (c == '.') {
      size_t j = i + 1;
      while (j < n && IsDigit(s[j])) ++j;
      if (j == i + 1) return false;
      out->push_back({Tok::kNumber, std::string(s.substr(i, j - i))});
      i = j;
      continue;
    }
    if (IsAlpha(c)) {
      // ISO 8601 "T" separator directly followed by a digit.
      if ((c == 't' || c == 'T') && i + 1 < n && IsDigit(s[i + 1])) {
        ++i;
        continue;
      }
      size_t j = i;
      while (j < n &&
             (IsAlpha(s[j]) || s[j] == '/' || s[j] == '_' || (IsDigit(s[j]) && j > i) ||
              ((s[j] == '-' || s[j] == '+') && j > i &&
               std::string_view(s.substr(i, j - i)).find('/') != std::string_view::npos))) {
        ++j;
      }
      // Month names followed by "-dd-yyyy" form a date ("Jan-02-2024").
      if (j < n && s[j] == '-' && j + 1 < n && IsDigit(s[j + 1])) {
        size_t k = j;
        while (k < n && (IsDigit(s[k]) || IsAlpha(s[k]) || s[k] == '-')) ++k;
        out->push_back({Tok::kDate, Lower(s.substr(i, k - i))});
        i = k;
        continue;
      }
      // Other words with an embedded '-' ("noon-ish", "x-y") are one field,
      // as ParseDateTime reads them: a zone name or an invalid date.
      if (j < n && s[j] == '-' && j + 1 < n && IsAlpha(s[j + 1])) {
        while (j < n && (IsAlpha(s[j]) || IsDigit(s[j]) || s[j] == '-' || s[j] == '+' ||
                         s[j] == '/' || s[j] == '_' || s[j] == '.' || s[j] == ':')) {
          ++j;
        }
      }
      out->push_back({Tok::kString, Lower(s.substr(i, j - i))});
      i = j;
      continue;
    }
    if (c == '+' || c == '-') {
      size_t j = i + 1;
      while (j < n && IsSpace(s[j])) ++j;
      if (j < n && IsDigit(s[j])) {
        size_t k = j;
        while (k < n && (IsDigit(s[k]) || s[k] == ':' || s[k] == '.')) ++k;
        out->push_back({Tok::kTz, std::string(1, c) + std::string(s.substr(j, k - j))});
        i = k;
        continue;
      }
      if (j < n && IsAlpha(s[j])) {
        size_t k = j;
        while (k < n && IsAlpha(s[k])) ++k;
        out->push_back({Tok::kSpecialSigned, std::string(1, c) + Lower(s.substr(j, k - j))});
        i = k;
        continue;
      }
      return false;
    }
    return false;  // other punctuation
  }
  return true;
}

int MonthFromName(std::string_view s) {
  static constexpr const char* kAbbr[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};
  static constexpr const char* kFull[] = {"january",   "february", "march",    "april",
                                          "may",       "june",     "july",     "august",
                                          "september", "october",  "november", "december"};
  for (int m = 0; m < 12; ++m) {
    if (s == kAbbr[m] || s == kFull[m]) return m + 1;
  }
  if (s == "sept") return 9;
  return 0;
}

bool IsDayName(std::string_view s) {
  static constexpr const char* kNames[] = {"sun",       "mon",      "tue",    "wed",      "thu",
                                           "fri",       "sat",      "sunday", "monday",   "tuesday",
                                           "wednesday", "thursday", "friday", "saturday", "tues",
                                           "wednes",    "thur",     "thurs"};
  for (const char* d : kNames) {
    if (s == d) return true;
  }
  return false;
}

// PostgreSQL's default timezone abbreviations (subset), seconds east.
bool ZoneAbbrev(std::string_view s, int32_t* east) {
  struct A {
    const char* n;
    int32_t off;
  };
  static constexpr A kAbbrevs[] = {
      {"utc", 0},
      {"gmt", 0},
      {"z", 0},
      {"ut", 0},
      {"zulu", 0},
      {"est", -5 * 3600},
      {"edt", -4 * 3600},
      {"cst", -6 * 3600},
      {"cdt", -5 * 3600},
      {"mst", -7 * 3600},
      {"mdt", -6 * 3600},
      {"pst", -8 * 3600},
      {"pdt", -7 * 3600},
      {"akst", -9 * 3600},
      {"akdt", -8 * 3600},
      {"hst", -10 * 3600},
      {"cet", 3600},
      {"cest", 7200},
      {"met", 3600},
      {"mest", 7200},
      {"eet", 7200},
      {"eest", 10800},
      {"wet", 0},
      {"west", 3600},
      {"bst", 3600},
      {"msk", 10800},
      {"jst", 9 * 3600},
      {"kst", 9 * 3600},
      {"ist", 7200},
      {"aest", 10 * 3600},
      {"aedt", 11 * 3600},
      {"acst", 9 * 3600 + 1800},
      {"awst", 8 * 3600},
      {"nzst", 12 * 3600},
      {"nzdt", 13 * 3600},
      {"sgt", 8 * 3600},
      {"hkt", 8 * 3600},
  };
  for (const A& a : kAbbrevs) {
    if (s == a.n) {
      *east = a.off;
      return true;
    }
  }
  return false;
}

bool ParseInt(std::string_view s, int64_t* v) {
  if (s.empty() || s.size() > 18) return false;
  int64_t r = 0;
  for (char c : s) {
    if (!IsDigit(c)) return false;
    r = r * 10 + (c - '0');
  }
  *v = r;
  return true;
}

// ".123456789" -> micros, rounded like PG: rint(strtod(".123456789") * 1e6).
// The digits go through strtod as upstream, not summed one by one, so a
// tie like .1234565 (0.12345649999... as a double) rounds the same way.
int32_t FracToMicros(std::string_view frac) {
  std::string text = "0.";
  text.append(frac);
  return static_cast<int32_t>(std::rint(std::strtod(text.c_str(), nullptr) * 1e6));
}

enum class Err { kOk, kSyntax, kRange, kBadTz, kDateRange, kTsRange, kRangeHint };

struct Parsed {
  std::optional<int64_t> year, mon, day;
  bool year_2digits = false;
  bool has_time = false;
  int hour = 0, minute = 0, second = 0;
  int32_t usec = 0;
  int ampm = 0;  // 1 am, 2 pm
  bool bc = false;
  std::optional<int32_t> tz_east;
  std::shared_ptr<const TimeZone> tz_zone;
  std::string special;  // epoch, infinity, -infinity, now, today, tomorrow, yesterday, allballs
  std::string bad_zone;
  bool time_only = false;        // parsing time/timetz: "hhmmss-zz" is a time
  bool utc_abbrev_last = false;  // previous token was GMT/UTC ("GMT+3" is POSIX)
};

// "hhmm" / "hhmmss[.f]" run-together time.
Err SetRunTogetherTime(std::string_view digits, Parsed* p) {
  const size_t dot = digits.find('.');
  std::string_view whole = digits.substr(0, dot);
  int64_t v;
  if (!ParseInt(whole, &v) || (whole.size() != 4 && whole.size() != 6) || p->has_time)
    return Err::kSyntax;
  if (whole.size() == 4) v *= 100;
  p->hour = static_cast<int>(v / 10000);
  p->minute = static_cast<int>(v / 100 % 100);
  p->second = static_cast<int>(v % 100);
  p->usec = dot == std::string_view::npos ? 0 : FracToMicros(digits.substr(dot + 1));
  p->has_time = true;
  if (p->hour > 24 || p->minute > 59 || p->second > 60) return Err::kRange;
  return Err::kOk;
}

Err ParseTimeField(std::string_view s, Parsed* p) {
  // H:M[:S[.f]]
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= s.size(); ++i) {
    if (i == s.size() || s[i] == ':') {
      parts.push_back(s.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() < 2 || parts.size() > 3) return Err::kSyntax;
  int64_t h, m, sec = 0;
  int32_t usec = 0;
  if (!ParseInt(parts[0], &h)) return Err::kSyntax;
  std::string_view mpart = parts[1];
  std::string_view spart = parts.size() == 3 ? parts[2] : std::string_view();
  // "04:05.5" means minutes:seconds? PG treats MM:SS.f when fraction present.
  if (parts.size() == 2 && mpart.find('.') != std::string_view::npos) {
    return Err::kSyntax;
  }
  if (!ParseInt(mpart, &m)) return Err::kSyntax;
  if (!spart.empty() || parts.size() == 3) {
    const size_t dot = spart.find('.');
    if (!ParseInt(spart.substr(0, dot), &sec)) {
      if (!(dot == 0 && spart.size() > 1)) return Err::kSyntax;
      sec = 0;
    }
    if (dot != std::string_view::npos) {
      std::string_view frac = spart.substr(dot + 1);
      for (char c : frac) {
        if (!IsDigit(c)) return Err::kSyntax;
      }
      usec = FracToMicros(frac);
    }
  }
  if (h < 0 || h > 24 || m < 0 || m > 59 || sec < 0 || sec > 60) return Err::kRange;
  if (usec >= 1000000) {
    usec -= 1000000;
    sec += 1;
  }
  p->hour = static_cast<int>(h);
  p->minute = static_cast<int>(m);
  p->second = static_cast<int>(sec);
  p->usec = usec;
  p->has_time = true;
  return Err::kOk;
}

Err ParseTzField(std::string_view s, int32_t* east) {
  // [+-]HH, [+-]HHMM, [+-]HH:MM[:SS], [+-]H
  const int sign = s[0] == '-' ? -1 : 1;
  std::string_view b = s.substr(1);
  int64_t h = 0, m = 0, sec = 0;
  const size_t colon = b.find(':');
  if (colon != std::string_view::npos) {
    if (!ParseInt(b.substr(0, colon), &h)) return Err::kSyntax;
    std::string_view rest = b.substr(colon + 1);
    const size_t c2 = rest.find(':');
    if (!ParseInt(rest.substr(0, c2), &m)) return Err::kSyntax;
    if (c2 != std::string_view::npos && !ParseInt(rest.substr(c2 + 1), &sec)) return Err::kSyntax;
  } else {
    int64_t v;
    if (!ParseInt(b, &v)) return Err::kSyntax;
    if (b.size() <= 2) {
      h = v;
    } else if (b.size() <= 4) {
      h = v / 100;
      m = v % 100;
    } else if (b.size() <= 6) {
      h = v / 10000;
      m = v / 100 % 100;
      sec = v % 100;
    } else {
      return Err::kSyntax;
    }
  }
  if (m > 59 || sec > 59) return Err::kRange;
  const int64_t total = h * 3600 + m * 60 + sec;
  if (total > 15 * 3600 + 59 * 60 + 59) return Err::kBadTz;
  *east = static_cast<int32_t>(sign * total);
  return Err::kOk;
}

Err AssignNumber(std::string_view tok, Parsed* p) {
  const size_t dot = tok.find('.');
  std::string_view digits = tok.substr(0, dot);
  int64_t v;
  if (!ParseInt(digits, &v)) return Err::kSyntax;
  if (dot != std::string_view::npos) {
    // A fractional number: only valid as seconds after an hour field
    // ("HHMMSS.fff") — treat "YYYYMMDDHHMMSS.f"-style via below.
    if (digits.size() == 6 && p->year) {
      p->hour = static_cast<int>(v / 10000);
      p->minute = static_cast<int>(v / 100 % 100);
      p->second = static_cast<int>(v % 100);
      p->usec = FracToMicros(tok.substr(dot + 1));
      p->has_time = true;
      return Err::kOk;
    }
    return Err::kSyntax;
  }
  if (digits.size() == 8 && !p->year && !p->mon && !p->day) {
    p->year = v / 10000;
    p->mon = v / 100 % 100;
    p->day = v % 100;
    return Err::kOk;
  }
  if (digits.size() == 6 && p->year && p->mon && p->day && !p->has_time) {
    p->hour = static_cast<int>(v / 10000);
    p->minute = static_cast<int>(v / 100 % 100);
    p->second = static_cast<int>(v % 100);
    p->has_time = true;
    return Err::kOk;
  }
  if (digits.size() == 6 && !p->year && !p->mon && !p->day) {
    p->year = v / 10000;
    p->mon = v / 100 % 100;
    p->day = v % 100;
    p->year_2digits = true;
    return Err::kOk;
  }
  if (digits.size() >= 3) {
    if (p->year) return Err::kSyntax;
    p->year = v;
    return Err::kOk;
  }
  if (p->mon && !p->day) {
    p->day = v;
  } else if (p->mon && p->day && !p->year) {
    p->year = v;
    p->year_2digits = digits.size() <= 2;
  } else if (!p->mon && !p->day) {
    p->day = v;  // "2 Jan 2024": day before month name
  } else {
    return Err::kSyntax;
  }
  return Err::kOk;
}

Err ParseDateField(std::string_view tok, const FormatContext& ctx, Parsed* p) {
  char delim = 0;
  for (char c : tok) {
    if (c == '-' || c == '/' || c == '.') {
      delim = c;
      break;
    }
  }
  std::vector<std::string_view> parts;
  size_t start = 0;
  for (size_t i = 0; i <= tok.size(); ++i) {
    if (i == tok.size() || tok[i] == delim) {
      parts.push_back(tok.substr(start, i - start));
      start = i + 1;
    }
  }
  if (parts.size() != 3 || p->year || p->mon || p->day) return Err::kSyntax;
  int name_idx = -1;
  for (int k = 0; k < 3; ++k) {
    if (!parts[k].empty() && IsAlpha(parts[k][0])) {
      const int m = MonthFromName(parts[k]);
      if (m == 0 || name_idx >= 0) return Err::kSyntax;
      name_idx = k;
      p->mon = m;
    }
  }
  int64_t v[3] = {0, 0, 0};
  for (int k = 0; k < 3; ++k) {
    if (k == name_idx) continue;
    if (!ParseInt(parts[k], &v[k])) return Err::kSyntax;
  }
  if (name_idx >= 0) {
    // Remaining two numbers: the 3+ digit one (or the first) is the year if
    // it leads; otherwise day then year.
    std::vector<int> rest;
    for (int k = 0; k < 3; ++k) {
      if (k != name_idx) rest.push_back(k);
    }
    if (parts[rest[0]].size() >= 3) {
      p->year = v[rest[0]];
      p->day = v[rest[1]];
    } else {
      p->day = v[rest[0]];
      p->year = v[rest[1]];
      p->year_2digits = parts[rest[1]].size() <= 2;
    }
    return Err::kOk;
  }
  if (parts[0].size() >= 3) {
    p->year = v[0];
    p->mon = v[1];
    p->day = v[2];
    return Err::kOk;
  }
  switch (ctx.date_order) {
    case FormatContext::DateOrder::kMdy:
      p->mon = v[0];
      p->day = v[1];
      p->year = v[2];
      break;
    case FormatContext::DateOrder::kDmy:
      p->day = v[0];
      p->mon = v[1];
      p->year = v[2];
      break;
    case FormatContext::DateOrder::kYmd:
      p->year = v[0];
      p->mon = v[1];
      p->day = v[2];
      break;
  }
  p->year_2digits = parts[2].size() <= 2 && ctx.date_order != FormatContext::DateOrder::kYmd;
  if (ctx.date_order == FormatContext::DateOrder::kYmd) p->year_2digits = parts[0].size() <= 2;
  if (*p->mon > 12) return Err::kRangeHint;
  return Err::kOk;
}

Err ParseFields(std::string_view s, const FormatContext& ctx, Parsed* p) {
  std::vector<Token> toks;
  if (!Tokenize(s, &toks) || toks.empty()) return Err::kSyntax;
  for (size_t i = 0; i < toks.size(); ++i) {
    const Token& t = toks[i];
    Err e = Err::kOk;
    switch (t.kind) {
      case Tok::kDate: {
        // After a date (or in a time-only input) "hhmmss-zz" is a run-together
        // time with a zone, as PostgreSQL's DecodeDateTime/DecodeTimeOnly read it.
        const size_t sign = t.text.find_first_of("-+");
        const bool have_date = p->year && p->mon && p->day;
        const bool one_sign =
            sign != std::string::npos && t.text.find_first_of("-+", sign + 1) == std::string::npos;
        if ((have_date || p->time_only) && one_sign && sign > 0 &&
            t.text.find('/') == std::string::npos &&
            std::all_of(t.text.begin(), t.text.begin() + static_cast<long>(sign), IsDigit)) {
          e = SetRunTogetherTime(std::string_view(t.text).substr(0, sign), p);
          if (e != Err::kOk) break;
          int32_t east;
          if (p->tz_east || p->tz_zone) return Err::kSyntax;
          e = ParseTzField(std::string_view(t.text).substr(sign), &east);
          if (e == Err::kOk) p->tz_east = east;
          break;
        }
        e = ParseDateField(t.text, ctx, p);
        break;
      }
      case Tok::kTime:
        if (p->has_time) return Err::kSyntax;
        e = ParseTimeField(t.text, p);
        break;
      case Tok::kNumber:
        e = AssignNumber(t.text, p);
        break;
      case Tok::kTz: {
        // A signed number right after a complete date with no time could be
        // a year like "-2024"? PostgreSQL treats it as a zone; so do we.
        int32_t east;
        if (p->utc_abbrev_last && p->tz_east && *p->tz_east == 0) {
          // "GMT+3": POSIX sign convention, i.e. three hours west.
          e = ParseTzField(t.text, &east);
          if (e == Err::kOk) p->tz_east = -east;
          break;
        }
        if (p->tz_east || p->tz_zone) return Err::kSyntax;
        e = ParseTzField(t.text, &east);
        if (e == Err::kOk) p->tz_east = east;
        break;
      }
      case Tok::kSpecialSigned:
        if (t.text == "-infinity" || t.text == "+infinity") {
          if (toks.size() != 1) return Err::kSyntax;
          p->special = t.text == "-infinity" ? "-infinity" : "infinity";
        } else {
          return Err::kSyntax;
        }
        break;
      case Tok::kString: {
        const std::string& w = t.text;
        const bool was_utc_abbrev = w == "gmt" || w == "utc" || w == "ut" || w == "z";
        if (w.size() > 1 && w[0] == 'j' && std::all_of(w.begin() + 1, w.end(), IsDigit)) {
          // Julian day number "J2451187".
          int64_t jd;
          if (!ParseInt(std::string_view(w).substr(1), &jd) || p->year || p->mon || p->day)
            return Err::kSyntax;
          int y, m, d;
          JulianToDate(static_cast<int32_t>(jd), &y, &m, &d);
          p->year = y;
          p->mon = m;
          p->day = d;
        } else if (const int m = MonthFromName(w); m != 0) {
          if (p->mon) return Err::kSyntax;
          // A number already seen as "day" stays day ("2 Jan 2024").
          p->mon = m;
        } else if (IsDayName(w)) {
          // ignored, as PostgreSQL does
        } else if (w == "am" || w == "a.m.") {
          p->ampm = 1;
        } else if (w == "pm") {
          p->ampm = 2;
        } else if (w == "bc") {
          p->bc = true;
        } else if (w == "ad") {
          // default era
        } else if (w == "epoch" || w == "infinity" || w == "now" || w == "today" ||
                   w == "tomorrow" || w == "yesterday" || w == "allballs") {
          if (!p->special.empty()) return Err::kSyntax;
          p->special = w;
        } else if (w == "at" || w == "on" || w == "t") {
          // noise words
        } else {
          int32_t east;
          if (p->tz_east || p->tz_zone) return Err::kSyntax;
          if (ZoneAbbrev(w, &east)) {
            p->tz_east = east;
          } else {
            // Full zone name (original spelling matters for the file lookup).
            std::shared_ptr<const TimeZone> z;
            const size_t pos = Lower(s).find(w);
            std::string orig = pos == std::string::npos ? w : std::string(s.substr(pos, w.size()));
            const bool slash = w.find_first_of("/-") != std::string::npos;
            const bool digit = std::any_of(w.begin(), w.end(), IsDigit);
            if (slash || digit || w.size() > 2) {
              if (TimeZone::Lookup(orig, &z).ok()) {
                p->tz_zone = z;
                break;
              }
              // DecodeDateTime reads such a field as a zone only once the
              // date is complete (before that it is a malformed date: 22007);
              // DecodeTimeOnly always does.
              if (slash && (p->time_only || (p->mon && p->day))) {
                p->bad_zone = w;
                return Err::kBadTz;
              }
            }
            return Err::kSyntax;
          }
        }
        p->utc_abbrev_last = was_utc_abbrev;
        break;
      }
    }
    if (t.kind != Tok::kString) p->utc_abbrev_last = false;
    if (e != Err::kOk) return e;
  }
  if (p->ampm) {
    if (!p->has_time && p->hour == 0) {
      // "5 pm": a bare number was taken as day; PG needs a time field.
      return Err::kSyntax;
    }
    if (p->hour > 12 || p->hour < 0) return Err::kRange;
    if (p->ampm == 1 && p->hour == 12) p->hour = 0;
    if (p->ampm == 2 && p->hour != 12) p->hour += 12;
  }
  if (p->hour == 24 && (p->minute != 0 || p->second != 0 || p->usec != 0)) return Err::kRange;
  return Err::kOk;
}

Status MakeError(Err e, std::string_view type_name, std::string_view s, const Parsed& p) {
  const std::string q = QuoteStr(s);
  switch (e) {
    case Err::kRange:
      return Status::Error(sqlstate::kDatetimeFieldOverflow,
                           "date/time field value out of range: " + q);
    case Err::kRangeHint:
      return Status::Error(sqlstate::kDatetimeFieldOverflow,
                           "date/time field value out of range: " + q)
          .WithHint("Perhaps you need a different \"datestyle\" setting.");
    case Err::kBadTz:
      if (!p.bad_zone.empty()) {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             "time zone \"" + p.bad_zone + "\" not recognized");
      }
      return Status::Error(sqlstate::kInvalidTimeZoneDisplacementValue,
                           "time zone displacement out of range: " + q);
    case Err::kDateRange:
      return Status::Error(sqlstate::kDatetimeFieldOverflow, "date out of range: " + q);
    case Err::kTsRange:
      return Status::Error(sqlstate::kDatetimeFieldOverflow, "timestamp out of range: " + q);
    default:
      return Status::Error(sqlstate::kInvalidDatetimeFormat,
                           "invalid input syntax for type " + std::string(type_name) + ": " + q);
  }
}

// Validates and converts year/mon/day to an astronomical year; kOk or error.
Err ResolveDate(Parsed* p, int* year, int* mon, int* day) {
  if (!p->year || !p->mon || !p->day) return Err::kSyntax;
  int64_t y = *p->year;
  if (p->year_2digits && !p->bc) y += y < 70 ? 2000 : 1900;
  if (y == 0 && !p->year_2digits) return Err::kRange;
  if (p->bc) {
    if (y <= 0) return Err::kRange;
    y = 1 - y;
  }
  if (*p->mon < 1 || *p->mon > 12) return Err::kRange;
  if (y > 6000000 || y < -6000000) return Err::kDateRange;
  if (*p->day < 1 || *p->day > DaysInMonth(static_cast<int>(y), static_cast<int>(*p->mon)))
    return Err::kRange;
  *year = static_cast<int>(y);
  *mon = static_cast<int>(*p->mon);
  *day = static_cast<int>(*p->day);
  return Err::kOk;
}

int64_t LocalNow(const FormatContext& ctx, bool* ok) {
  const int64_t now = CurrentTransactionTimestamp();
  *ok = true;
  return now + ZoneOf(ctx)->UtcOffsetSecondsAt(now) * kUsecsPerSec;
}

int64_t TimeOfDay(const Parsed& p) {
  return ((int64_t{p.hour} * 60 + p.minute) * 60 + p.second) * kUsecsPerSec + p.usec;
}

}  // namespace

Status ParseDate(std::string_view s, const FormatContext& ctx, int64_t* days) {
  Parsed p;
  Err e = ParseFields(s, ctx, &p);
  if (e != Err::kOk) return MakeError(e, "date", s, p);
  if (!p.special.empty()) {
    if (p.year || p.mon || p.day || p.has_time) return MakeError(Err::kSyntax, "date", s, p);
    bool ok;
    if (p.special == "infinity") {
      *days = kDatePosInfinity;
    } else if (p.special == "-infinity") {
      *days = kDateNegInfinity;
    } else if (p.special == "epoch") {
      *days = kUnixEpochJdate - kPostgresEpochJdate;
    } else if (p.special == "now" || p.special == "today" || p.special == "tomorrow" ||
               p.special == "yesterday") {
      int64_t d = LocalNow(ctx, &ok) / kUsecsPerDay;
      if (LocalNow(ctx, &ok) < 0 && LocalNow(ctx, &ok) % kUsecsPerDay != 0) --d;
      if (p.special == "tomorrow") ++d;
      if (p.special == "yesterday") --d;
      *days = d;
    } else {
      return MakeError(Err::kSyntax, "date", s, p);
    }
    return Status::OK();
  }
  int y, m, d;
  e = ResolveDate(&p, &y, &m, &d);
  if (e != Err::kOk) return MakeError(e, "date", s, p);
  const int64_t jd = DateToJulian(y, m, d);
  if (jd < 0 || jd >= kDateEndJulian) return MakeError(Err::kDateRange, "date", s, p);
  *days = jd - kPostgresEpochJdate;
  return Status::OK();
}

namespace {
Status ParseTimestampCommon(std::string_view s, int32_t typmod, const FormatContext& ctx,
                            bool with_tz, int64_t* ts) {
  const char* tname = with_tz ? "timestamp with time zone" : "timestamp";
  Parsed p;
  Err e = ParseFields(s, ctx, &p);
  if (e != Err::kOk) return MakeError(e, tname, s, p);
  auto zone = ZoneOf(ctx);
  if (!p.special.empty()) {
    if (p.special == "infinity") {
      *ts = kTsPosInfinity;
      return Status::OK();
    }
    if (p.special == "-infinity") {
      *ts = kTsNegInfinity;
      return Status::OK();
    }
    if (p.special == "epoch") {
      *ts = -kPgEpochUnixSecs * kUsecsPerSec;
      return Status::OK();
    }
    if (p.special == "now") {
      const int64_t now = CurrentTransactionTimestamp();
      if (with_tz) {
        *ts = now;
      } else {
        *ts = now + zone->UtcOffsetSecondsAt(now) * kUsecsPerSec;
      }
      return RoundTimestamp(*ts, typmod, ts);
    }
    if (p.special == "today" || p.special == "tomorrow" || p.special == "yesterday") {
      bool ok;
      const int64_t local = LocalNow(ctx, &ok);
      int64_t d = local / kUsecsPerDay - (local < 0 && local % kUsecsPerDay != 0);
      if (p.special == "tomorrow") ++d;
      if (p.special == "yesterday") --d;
      int64_t lt = d * kUsecsPerDay + (p.has_time ? TimeOfDay(p) : 0);
      if (with_tz) {
        if (p.tz_east) {
          lt -= int64_t{*p.tz_east} * kUsecsPerSec;
        } else {
          const TimeZone& z = p.tz_zone ? *p.tz_zone : *zone;
          lt -= z.UtcOffsetSecondsForLocal(lt) * kUsecsPerSec;
        }
      }
      *ts = lt;
      return Status::OK();
    }
    return MakeError(Err::kSyntax, tname, s, p);
  }
  int y, m, d;
  e = ResolveDate(&p, &y, &m, &d);
  if (e == Err::kDateRange) return MakeError(Err::kTsRange, tname, s, p);
  if (e != Err::kOk) return MakeError(e, tname, s, p);
  const int64_t jd = DateToJulian(y, m, d);
  if (jd < 0 || jd >= 109203528) return MakeError(Err::kTsRange, tname, s, p);
  int64_t local = (jd - kPostgresEpochJdate) * kUsecsPerDay + TimeOfDay(p);
  if (with_tz) {
    if (p.tz_east) {
      local -= int64_t{*p.tz_east} * kUsecsPerSec;
    } else {
      const TimeZone& z = p.tz_zone ? *p.tz_zone : *zone;
      local -= z.UtcOffsetSecondsForLocal(local) * kUsecsPerSec;
    }
  }
  if (local < kMinTimestamp || local >= kEndTimestamp) return MakeError(Err::kTsRange, tname, s, p);
  Status st = RoundTimestamp(local, typmod, ts);
  if (!st.ok()) return MakeError(Err::kTsRange, tname, s, p);
  return Status::OK();
}
}  // namespace

Status ParseTimestamp(std::string_view s, int32_t typmod, const FormatContext& ctx, int64_t* ts) {
  return ParseTimestampCommon(s, typmod, ctx, false, ts);
}

Status ParseTimestampTz(std::string_view s, int32_t typmod, const FormatContext& ctx, int64_t* ts) {
  return ParseTimestampCommon(s, typmod, ctx, true, ts);
}

namespace {
Status ParseTimeCommon(std::string_view s, int32_t typmod, const FormatContext& ctx, bool with_tz,
                       Interval* out) {
  const char* tname = with_tz ? "time with time zone" : "time";
  Parsed p;
  // Bare "HHMMSS" / "HHMM" numbers are times here, not dates.
  std::string_view trimmed = s;
  while (!trimmed.empty() && IsSpace(trimmed.front())) trimmed.remove_prefix(1);
  while (!trimmed.empty() && IsSpace(trimmed.back())) trimmed.remove_suffix(1);
  bool all_digits = !trimmed.empty() && std::all_of(trimmed.begin(), trimmed.end(), IsDigit);
  if (all_digits && (trimmed.size() == 4 || trimmed.size() == 6)) {
    int64_t v = 0;
    ParseInt(trimmed, &v);
    if (trimmed.size() == 4) v *= 100;
    p.hour = static_cast<int>(v / 10000);
    p.minute = static_cast<int>(v / 100 % 100);
    p.second = static_cast<int>(v % 100);
    p.has_time = true;
    if (p.hour > 24 || p.minute > 59 || p.second > 60) return MakeError(Err::kRange, tname, s, p);
  } else {
    p.time_only = true;
    Err e = ParseFields(s, ctx, &p);
    if (e != Err::kOk) return MakeError(e, tname, s, p);
    if (p.special == "allballs") {
      p.has_time = true;
      if (!p.tz_east && !p.tz_zone) p.tz_east = 0;
    } else if (p.special == "now") {
      const int64_t now = CurrentTransactionTimestamp();
      auto zone = ZoneOf(ctx);
      const int64_t off = zone->UtcOffsetSecondsAt(now);
      out->micros = RoundTime(TimestampToTime(now + off * kUsecsPerSec), typmod);
      out->days = static_cast<int32_t>(-off);
      out->months = 0;
      return Status::OK();
    } else if (!p.special.empty()) {
      return MakeError(Err::kSyntax, tname, s, p);
    }
    if (!p.has_time) return MakeError(Err::kSyntax, tname, s, p);
  }
  int64_t t = TimeOfDay(p);
  if (t > kUsecsPerDay) return MakeError(Err::kRange, tname, s, p);
  t = RoundTime(t, typmod);
  out->micros = t;
  out->months = 0;
  out->days = 0;
  if (with_tz) {
    int32_t east;
    if (p.tz_east) {
      east = *p.tz_east;
    } else {
      // Zone offset as of the given date, or today. A named zone with
      // daylight-saving rules needs a date (PostgreSQL's DecodeTimeOnly).
      if (p.tz_zone && !p.tz_zone->is_fixed() && !(p.year && p.mon && p.day)) {
        return MakeError(Err::kSyntax, tname, s, p);
      }
      const TimeZone& z = p.tz_zone ? *p.tz_zone : *ZoneOf(ctx);
      int64_t local_day;
      if (p.year && p.mon && p.day) {
        int y, m, d;
        if (ResolveDate(&p, &y, &m, &d) != Err::kOk) return MakeError(Err::kRange, tname, s, p);
        local_day = (DateToJulian(y, m, d) - kPostgresEpochJdate) * kUsecsPerDay;
      } else {
        bool ok;
        const int64_t local = LocalNow(ctx, &ok);
        local_day = local - TimestampToTime(local);
      }
      east = static_cast<int32_t>(z.UtcOffsetSecondsForLocal(local_day + t));
    }
    out->days = -east;
  }
  return Status::OK();
}
}  // namespace

Status ParseTime(std::string_view s, int32_t typmod, const FormatContext& ctx, int64_t* micros) {
  Interval iv;
  NANO_RETURN_IF_ERROR(ParseTimeCommon(s, typmod, ctx, false, &iv));
  *micros = iv.micros;
  return Status::OK();
}

Status ParseTimeTz(std::string_view s, int32_t typmod, const FormatContext& ctx, Interval* out) {
  return ParseTimeCommon(s, typmod, ctx, true, out);
}

// ---------------------------------------------------------------- intervals

namespace {

struct IvAcc {
  int64_t imonths = 0, idays = 0, imicros = 0;
  bool any = false;
  uint32_t mask = 0;  // fields already given (PostgreSQL rejects repeats)
  bool dup = false;
  void Mark(uint32_t bits) {
    if (mask & bits) dup = true;
    mask |= bits;
  }
};
enum : uint32_t {
  kFYear = 1,
  kFMonth = 2,
  kFDay = 4,
  kFHour = 8,
  kFMinute = 16,
  kFSecond = 32,
  kFMilli = 64,
  kFMicro = 128,
  kFWeek = 256,
  kFDecade = 512,
  kFCentury = 1024,
  kFMillennium = 2048,
};

// PG's AdjustFractDays / AdjustFractSeconds cascade.
bool AddUnit(IvAcc* a, long double val, std::string_view unit) {
  auto add_micros = [&](long double us) { a->imicros += static_cast<int64_t>(std::llrint(us)); };
  auto add_days = [&](long double d) {
    const long double whole = std::trunc(d);
    a->idays += static_cast<int64_t>(whole);
    add_micros((d - whole) * kUsecsPerDay);
  };
  auto add_months = [&](long double m) {
    const long double whole = std::trunc(m);
    a->imonths += static_cast<int64_t>(whole);
    // Fractional months become days (30 per month), rest to time.
    add_days((m - whole) * 30);
  };
  const std::string u = Lower(unit);
  if (u == "microsecond" || u == "microseconds" || u == "us" || u == "usec" || u == "usecs" ||
      u == "useconds") {
    a->Mark(kFMicro);
    add_micros(val);
  } else if (u == "millisecond" || u == "milliseconds" || u == "ms" || u == "msec" ||
             u == "msecs" || u == "mseconds") {
    a->Mark(kFMilli);
    add_micros(val * 1000);
  } else if (u == "second" || u == "seconds" || u == "s" || u == "sec" || u == "secs") {
    a->Mark(kFSecond);
    add_micros(val * kUsecsPerSec);
  } else if (u == "minute" || u == "minutes" || u == "m" || u == "min" || u == "mins") {
    a->Mark(kFMinute);
    add_micros(val * kUsecsPerMinute);
  } else if (u == "hour" || u == "hours" || u == "h" || u == "hr" || u == "hrs") {
    a->Mark(kFHour);
    add_micros(val * kUsecsPerHour);
  } else if (u == "day" || u == "days" || u == "d") {
    a->Mark(kFDay);
    add_days(val);
  } else if (u == "week" || u == "weeks" || u == "w") {
    a->Mark(kFWeek);
    add_days(val * 7);
  } else if (u == "month" || u == "months" || u == "mon" || u == "mons") {
    a->Mark(kFMonth);
    add_months(val);
  } else if (u == "year" || u == "years" || u == "y" || u == "yr" || u == "yrs") {
    a->Mark(kFYear);
    add_months(val * 12);
  } else if (u == "decade" || u == "decades" || u == "dec" || u == "decs") {
    a->Mark(kFDecade);
    add_months(val * 120);
  } else if (u == "century" || u == "centuries" || u == "c" || u == "cent") {
    a->Mark(kFCentury);
    add_months(val * 1200);
  } else if (u == "millennium" || u == "millennia" || u == "millenniums" || u == "mil" ||
             u == "mils") {
    a->Mark(kFMillennium);
    add_months(val * 12000);
  } else {
    return false;
  }
  a->any = true;
  return true;
}

// "P1Y2M3DT4H5M6S" and the alternative "P0001-02-03T04:05:06".
bool ParseIso8601Interval(std::string_view s, IvAcc* a) {
  if (s.empty() || (s[0] != 'P' && s[0] != 'p')) return false;
  s.remove_prefix(1);
  bool in_time = false;
  if (s.empty()) return false;
  // The alternative format "P0001-02-03T04:05:06" (DecodeISO8601Interval).
  const size_t dash = s.find('-');
  const size_t tpos = s.find_first_of("Tt");
  if (dash != std::string_view::npos && dash > 0 &&
      (tpos == std::string_view::npos || dash < tpos) &&
      std::all_of(s.begin(), s.begin() + dash, [](char c) { return IsDigit(c); })) {
    std::string_view date = s.substr(0, tpos);
    int64_t y = 0, mo = 0, d = 0;
    const size_t d2 = date.find('-', dash + 1);
    if (!ParseInt(date.substr(0, dash), &y)) return false;
    if (!ParseInt(date.substr(dash + 1, d2 == std::string_view::npos ? std::string_view::npos
                                                                     : d2 - dash - 1),
                  &mo)) {
      return false;
    }
    if (d2 != std::string_view::npos && !ParseInt(date.substr(d2 + 1), &d)) return false;
    a->imonths += y * 12 + mo;
    a->idays += d;
    a->any = true;
    if (tpos == std::string_view::npos) return true;
    std::string_view time = s.substr(tpos + 1);
    int64_t h = 0, mi = 0;
    const size_t c1 = time.find(':');
    if (c1 == std::string_view::npos || !ParseInt(time.substr(0, c1), &h)) return false;
    const size_t c2 = time.find(':', c1 + 1);
    if (!ParseInt(time.substr(c1 + 1,
                              c2 == std::string_view::npos ? std::string_view::npos : c2 - c1 - 1),
                  &mi)) {
      return false;
    }
    long double sec = 0;
    if (c2 != std::string_view::npos) {
      const std::string st(time.substr(c2 + 1));
      char* end = nullptr;
      sec = std::strtold(st.c_str(), &end);
      if (st.empty() || *end != '\0') return false;
    }
    a->imicros += h * kUsecsPerHour + mi * kUsecsPerMinute +
                  static_cast<int64_t>(std::llrint(sec * kUsecsPerSec));
    return true;
  }
  while (!s.empty()) {
    if (s[0] == 'T' || s[0] == 't') {
      if (in_time) return false;
      in_time = true;
      s.remove_prefix(1);
      continue;
    }
    size_t i = 0;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    while (i < s.size() && (IsDigit(s[i]) || s[i] == '.')) ++i;
    if (i == 0 || i >= s.size()) return false;
    const std::string num(s.substr(0, i));
    const long double v = std::strtold(num.c_str(), nullptr);
    const char u = static_cast<char>(std::toupper(static_cast<unsigned char>(s[i])));
    s.remove_prefix(i + 1);
    if (!in_time) {
      if (u == 'Y')
        AddUnit(a, v, "year");
      else if (u == 'M')
        AddUnit(a, v, "month");
      else if (u == 'W')
        AddUnit(a, v, "week");
      else if (u == 'D')
        AddUnit(a, v, "day");
      else
        return false;
    } else {
      if (u == 'H')
        AddUnit(a, v, "hour");
      else if (u == 'M')
        AddUnit(a, v, "minute");
      else if (u == 'S')
        AddUnit(a, v, "second");
      else
        return false;
    }
  }
  return a->any;
}

}  // namespace

Status ParseInterval(std::string_view s, int32_t typmod, const FormatContext& ctx, Interval* out) {
  const std::string q = QuoteStr(s);
  auto bad = [&]() {
    return Status::Error(sqlstate::kInvalidDatetimeFormat,
                         "invalid input syntax for type interval: " + q);
  };
  auto range = [&]() { return Status::Error("22015", "interval field value out of range: " + q); };
  std::string_view t = s;
  while (!t.empty() && IsSpace(t.front())) t.remove_prefix(1);
  while (!t.empty() && IsSpace(t.back())) t.remove_suffix(1);
  IvAcc acc;
  bool ago = false;
  if (!t.empty() && (t[0] == 'P' || t[0] == 'p') && t.size() > 1 &&
      (IsDigit(t[1]) || t[1] == 'T' || t[1] == 't' || t[1] == '-')) {
    if (!ParseIso8601Interval(t, &acc)) return bad();
  } else {
    size_t i = 0;
    const size_t n = t.size();
    bool any_token = false;
    // IntervalStyle sql_standard: a leading '-' makes every unsigned field
    // negative ("-1 2:03:04" is minus one day, two hours...).
    // Not applied when other fields carry explicit signs (postgres-style
    // output must read back unchanged), as in PostgreSQL's DecodeInterval.
    bool force_neg = ctx.interval_style == FormatContext::IntervalStyle::kSqlStandard &&
                     !t.empty() && t[0] == '-';
    for (size_t k = 1; force_neg && k < n; ++k) {
      if ((t[k] == '-' || t[k] == '+') && IsSpace(t[k - 1])) force_neg = false;
    }
    const char* default_unit = "second";
    if (typmod > 0xFFFF) {
      constexpr int32_t kY = 1 << 2, kM = 1 << 1, kD = 1 << 3, kH = 1 << 10, kMi = 1 << 11;
      const int32_t range = (typmod >> 16) & 0x7FFF;
      if (range == kY)
        default_unit = "year";
      else if (range == kM || range == (kY | kM))
        default_unit = "month";
      else if (range == kD)
        default_unit = "day";
      else if (range == kH || range == (kD | kH))
        default_unit = "hour";
      else if (range == kMi || range == (kD | kH | kMi) || range == (kH | kMi))
        default_unit = "minute";
    }
    bool pending_number = false;
    long double pending = 0;
    std::string pending_text;
    auto flush_plain = [&](bool before_time) -> bool {
      if (!pending_number) return true;
      pending_number = false;
      // A unit-less number: days when followed by a time ("3 4:05:06"),
      // otherwise the typmod range's last field (INTERVAL '1' DAY), else seconds.
      if (pending_text.find('.') != std::string::npos && before_time) return false;
      return AddUnit(&acc, pending, before_time ? "day" : default_unit);
    };
    while (i < n) {
      const char c = t[i];
      if (IsSpace(c) || c == '@') {
        ++i;
        continue;
      }
      any_token = true;
      if (IsDigit(c) || c == '-' || c == '+' || c == '.') {
        const bool negate_unsigned = force_neg && c != '-' && c != '+';
        size_t j = i;
        if (t[j] == '-' || t[j] == '+') ++j;
        const size_t digits_start = j;
        while (j < n && (IsDigit(t[j]) || t[j] == '.')) ++j;
        if (j == digits_start) return bad();
        if (j < n && t[j] == ':') {
          // Signed time "[-]HH:MM[:SS.f]".
          if (!flush_plain(true)) return bad();
          while (j < n && (IsDigit(t[j]) || t[j] == ':' || t[j] == '.')) ++j;
          std::string_view tt = t.substr(i, j - i);
          const bool neg = tt[0] == '-' || negate_unsigned;
          if (tt[0] == '-' || tt[0] == '+') tt.remove_prefix(1);
          std::vector<std::string_view> parts;
          size_t st = 0;
          for (size_t k = 0; k <= tt.size(); ++k) {
            if (k == tt.size() || tt[k] == ':') {
              parts.push_back(tt.substr(st, k - st));
              st = k + 1;
            }
          }
          if (parts.size() < 2 || parts.size() > 3) return bad();
          int64_t h, m;
          if (!ParseInt(parts[0], &h)) return bad();
          long double sec = 0;
          if (parts.size() == 2 && parts[1].find('.') != std::string_view::npos) {
            // "MM:SS.f"
            m = h;
            h = 0;
            sec = std::strtold(std::string(parts[1]).c_str(), nullptr);
          } else {
            if (!ParseInt(parts[1], &m)) return bad();
            if (parts.size() == 3) {
              if (parts[2].empty()) return bad();
              sec = std::strtold(std::string(parts[2]).c_str(), nullptr);
            }
          }
          if (m > 59 || sec >= 60) return range();
          // Exact integer microseconds (a long double product rounds
          // 2562047788:00:54.775807, the largest interval, past INT64_MAX).
          const int64_t whole_sec = static_cast<int64_t>(sec);
          const int64_t frac_us = static_cast<int64_t>(std::llrint((sec - whole_sec) * 1e6L));
          const int64_t sign = neg ? -1 : 1;
          int64_t us = 0;
          if (__builtin_mul_overflow(h, sign * kUsecsPerHour, &us) ||
              __builtin_add_overflow(
                  us, sign * (m * kUsecsPerMinute + whole_sec * kUsecsPerSec + frac_us), &us) ||
              __builtin_add_overflow(acc.imicros, us, &acc.imicros)) {
            return range();
          }
          acc.Mark(kFHour | kFMinute | kFSecond);
          acc.any = true;
          i = j;
          continue;
        }
        if (j < n && t[j] == '-' && j > digits_start) {
          // SQL-standard "[-]Y-M".
          if (!flush_plain(false)) return bad();
          size_t k = j + 1;
          while (k < n && IsDigit(t[k])) ++k;
          int64_t y, mo;
          if (!ParseInt(t.substr(digits_start, j - digits_start), &y) ||
              !ParseInt(t.substr(j + 1, k - j - 1), &mo)) {
            return bad();
          }
          if (mo > 11) return range();
          const bool neg = t[i] == '-' || negate_unsigned;
          acc.imonths += (neg ? -1 : 1) * (y * 12 + mo);
          acc.Mark(kFYear | kFMonth);
          acc.any = true;
          i = k;
          continue;
        }
        if (!flush_plain(false)) return bad();
        pending_text = std::string(t.substr(i, j - i));
        pending = std::strtold(pending_text.c_str(), nullptr);
        if (negate_unsigned) pending = -pending;
        pending_number = true;
        i = j;
        // A unit may follow, with or without blanks.
        size_t k = i;
        while (k < n && IsSpace(t[k])) ++k;
        size_t e = k;
        while (e < n && IsAlpha(t[e])) ++e;
        if (e > k) {
          const std::string unit = Lower(t.substr(k, e - k));
          if (unit != "ago") {
            if (!AddUnit(&acc, pending, unit)) return bad();
            pending_number = false;
            i = e;
          }
        }
        continue;
      }
      if (IsAlpha(c)) {
        size_t e = i;
        while (e < n && IsAlpha(t[e])) ++e;
        const std::string w = Lower(t.substr(i, e - i));
        if (w == "ago") {
          if (!flush_plain(false)) return bad();
          ago = true;
        } else if (w == "infinity" || w == "epoch" || w == "now") {
          return bad();
        } else {
          return bad();
        }
        i = e;
        continue;
      }
      return bad();
    }
    if (!flush_plain(false)) return bad();
    if (!any_token || !acc.any) return bad();
  }
  if (acc.dup) return bad();
  if (acc.imonths > INT32_MAX || acc.imonths < INT32_MIN || acc.idays > INT32_MAX ||
      acc.idays < INT32_MIN) {
    return range();
  }
  Interval r{acc.imicros, static_cast<int32_t>(acc.idays), static_cast<int32_t>(acc.imonths)};
  if (ago) r = IntervalNeg(r);
  return RoundInterval(r, typmod, out);
}

}  // namespace nano::dt
