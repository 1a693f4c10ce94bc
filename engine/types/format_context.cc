// engine/types/format_context.cc — time zones from TZif files and POSIX rules.
#include "types/format_context.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

namespace nano {

namespace {
constexpr int64_t kPgEpochUnix = 946684800;  // 2000-01-01 in Unix seconds
constexpr char kZoneDir[] = "/usr/share/zoneinfo";

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Days from 1970-01-01 to y-m-d (proleptic Gregorian).
int64_t DaysFromCivil(int64_t y, int m, int d) {
  y -= m <= 2;
  const int64_t era = FloorDiv(y, 400);
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

int64_t YearOfUnix(int64_t t) {
  int64_t z = FloorDiv(t, 86400) + 719468;
  const int64_t era = FloorDiv(z, 146097);
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return yoe + era * 400 + (m <= 2);
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
}  // namespace

// POSIX TZ rule, e.g. "EST5EDT,M3.2.0,M11.1.0".
struct TimeZone::Rule {
  struct When {
    char kind = 'M';  // 'J' (1..365, no leap day), 'D' (0..365), 'M' (month.week.day)
    int a = 0, b = 0, c = 0;
    int32_t time = 7200;  // seconds after local midnight
  };
  std::string std_abbr, dst_abbr;
  int32_t std_off = 0;  // seconds east
  int32_t dst_off = 0;
  bool has_dst = false;
  When start, end;

  // Local-midnight-relative day (Unix days) of a rule date in year y.
  static int64_t DayOf(const When& w, int64_t y) {
    if (w.kind == 'J') {
      int64_t d = w.a - 1;
      if (IsLeap(y) && w.a >= 60) ++d;
      return DaysFromCivil(y, 1, 1) + d;
    }
    if (w.kind == 'D') return DaysFromCivil(y, 1, 1) + w.a;
    // Mm.w.d: day d (0=Sun) of week w (5 = last) of month m.
    const int64_t first = DaysFromCivil(y, w.a, 1);
    const int dow_first = static_cast<int>(((first + 4) % 7 + 7) % 7);  // 1970-01-01 was Thursday
    int64_t day = first + ((w.c - dow_first) % 7 + 7) % 7;
    static constexpr int kMdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int mdays = kMdays[w.a - 1] + (w.a == 2 && IsLeap(y));
    for (int k = 1; k < w.b; ++k) {
      if (day + 7 < first + mdays) day += 7;
    }
    return day;
  }
  // UTC instants (Unix secs) at which DST starts and ends in year y.
  void Transitions(int64_t y, int64_t* start_utc, int64_t* end_utc) const {
    *start_utc = DayOf(start, y) * 86400 + start.time - std_off;
    *end_utc = DayOf(end, y) * 86400 + end.time - dst_off;
  }
  bool IsDstAt(int64_t t) const {
    if (!has_dst) return false;
    const int64_t y = YearOfUnix(t);
    int64_t s, e;
    Transitions(y, &s, &e);
    if (s < e) return t >= s && t < e;
    return !(t >= e && t < s);
  }
};

TimeZone::~TimeZone() = default;

struct TimeZoneBuilder {
  // Parses "[+-]hh[:mm[:ss]]" (POSIX offset, positive = WEST). Returns seconds
  // east of UTC.
  static bool ParsePosixOffset(std::string_view* s, int32_t* east) {
    int sign = 1;
    if (!s->empty() && (s->front() == '+' || s->front() == '-')) {
      sign = s->front() == '-' ? -1 : 1;
      s->remove_prefix(1);
    }
    int parts[3] = {0, 0, 0};
    for (int p = 0; p < 3; ++p) {
      if (s->empty() || !std::isdigit(static_cast<unsigned char>(s->front()))) {
        if (p == 0) return false;
        break;
      }
      int v = 0, n = 0;
      while (!s->empty() && std::isdigit(static_cast<unsigned char>(s->front())) && n < 3) {
        v = v * 10 + (s->front() - '0');
        s->remove_prefix(1);
        ++n;
      }
      parts[p] = v;
      if (p < 2 && !s->empty() && s->front() == ':') {
        s->remove_prefix(1);
      } else {
        break;
      }
    }
    if (parts[0] > 167 || parts[1] > 59 || parts[2] > 59) return false;
    *east = -sign * (parts[0] * 3600 + parts[1] * 60 + parts[2]);
    return true;
  }
  static bool ParseAbbr(std::string_view* s, std::string* abbr) {
    if (!s->empty() && s->front() == '<') {
      const size_t close = s->find('>');
      if (close == std::string_view::npos) return false;
      *abbr = std::string(s->substr(1, close - 1));
      s->remove_prefix(close + 1);
      return true;
    }
    size_t n = 0;
    while (n < s->size() && std::isalpha(static_cast<unsigned char>((*s)[n]))) ++n;
    if (n < 3) return false;
    *abbr = std::string(s->substr(0, n));
    s->remove_prefix(n);
    return true;
  }
  static bool ParseWhen(std::string_view* s, TimeZone::Rule::When* w) {
    auto num = [&](int* out) {
      if (s->empty() || !std::isdigit(static_cast<unsigned char>(s->front()))) return false;
      int v = 0;
      while (!s->empty() && std::isdigit(static_cast<unsigned char>(s->front()))) {
        v = v * 10 + (s->front() - '0');
        s->remove_prefix(1);
        if (v > 100000) return false;
      }
      *out = v;
      return true;
    };
    if (s->empty()) return false;
    if (s->front() == 'M') {
      s->remove_prefix(1);
      w->kind = 'M';
      if (!num(&w->a) || s->empty() || s->front() != '.') return false;
      s->remove_prefix(1);
      if (!num(&w->b) || s->empty() || s->front() != '.') return false;
      s->remove_prefix(1);
      if (!num(&w->c)) return false;
      if (w->a < 1 || w->a > 12 || w->b < 1 || w->b > 5 || w->c > 6) return false;
    } else if (s->front() == 'J') {
      s->remove_prefix(1);
      w->kind = 'J';
      if (!num(&w->a) || w->a < 1 || w->a > 365) return false;
    } else {
      w->kind = 'D';
      if (!num(&w->a) || w->a > 365) return false;
    }
    if (!s->empty() && s->front() == '/') {
      s->remove_prefix(1);
      int32_t east;
      if (!ParsePosixOffset(s, &east)) return false;
      w->time = -east;  // the parser negates; time is a plain signed duration
    }
    return true;
  }
  // Full POSIX TZ string. `allow_no_abbr` accepts "+05:30" / "5" forms.
  static bool ParsePosix(std::string_view s, bool allow_no_abbr, TimeZone::Rule* r) {
    if (!ParseAbbr(&s, &r->std_abbr)) {
      if (!allow_no_abbr) return false;
      r->std_abbr.clear();
    }
    if (!ParsePosixOffset(&s, &r->std_off)) return false;
    if (s.empty()) return true;
    if (!ParseAbbr(&s, &r->dst_abbr)) return false;
    r->has_dst = true;
    r->dst_off = r->std_off + 3600;
    if (!s.empty() && s.front() != ',') {
      if (!ParsePosixOffset(&s, &r->dst_off)) return false;
    }
    if (s.empty()) {
      // POSIX default rule (US rules, as tzcode's "posixrules" default).
      r->start = {'M', 3, 2, 0, 7200};
      r->end = {'M', 11, 1, 0, 7200};
      return true;
    }
    if (s.front() != ',') return false;
    s.remove_prefix(1);
    if (!ParseWhen(&s, &r->start)) return false;
    if (s.empty() || s.front() != ',') return false;
    s.remove_prefix(1);
    if (!ParseWhen(&s, &r->end)) return false;
    return s.empty();
  }

  static uint32_t Be32(const unsigned char* p) {
    return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
  }
  static int64_t Be64(const unsigned char* p) {
    return static_cast<int64_t>((uint64_t{Be32(p)} << 32) | Be32(p + 4));
  }

  static bool ParseTzif(const std::string& data, TimeZone* z) {
    const auto* p = reinterpret_cast<const unsigned char*>(data.data());
    const size_t n = data.size();
    if (n < 44 || std::memcmp(p, "TZif", 4) != 0) return false;
    auto counts = [&](size_t off, uint32_t c[6]) {
      for (int i = 0; i < 6; ++i) c[i] = Be32(p + off + 20 + 4 * i);
    };
    uint32_t c[6];
    counts(0, c);
    const char version = static_cast<char>(p[4]);
    size_t off = 44;
    int tsize = 4;
    if (version >= '2') {
      // Skip the v1 block and use the 64-bit one.
      const size_t v1 =
          size_t{c[3]} * 4 + c[3] + size_t{c[4]} * 6 + c[5] + size_t{c[2]} * 8 + c[1] + c[0];
      if (44 + v1 + 44 > n) return false;
      off = 44 + v1;
      if (std::memcmp(p + off, "TZif", 4) != 0) return false;
      counts(off, c);
      off += 44;
      tsize = 8;
    }
    const uint32_t isutcnt = c[0], isstdcnt = c[1], leapcnt = c[2], timecnt = c[3], typecnt = c[4],
                   charcnt = c[5];
    const size_t need = size_t{timecnt} * tsize + timecnt + size_t{typecnt} * 6 + charcnt +
                        size_t{leapcnt} * (tsize + 4) + isstdcnt + isutcnt;
    if (off + need > n || typecnt == 0) return false;
    const unsigned char* tp = p + off;
    const unsigned char* ip = tp + size_t{timecnt} * tsize;
    const unsigned char* ty = ip + timecnt;
    const unsigned char* ch = ty + size_t{typecnt} * 6;
    z->transitions_.resize(timecnt);
    z->trans_types_.resize(timecnt);
    for (uint32_t i = 0; i < timecnt; ++i) {
      z->transitions_[i] = tsize == 8 ? Be64(tp + 8 * i) : static_cast<int32_t>(Be32(tp + 4 * i));
      z->trans_types_[i] = ip[i];
      if (ip[i] >= typecnt) return false;
    }
    z->types_.resize(typecnt);
    for (uint32_t i = 0; i < typecnt; ++i) {
      const unsigned char* t = ty + 6 * i;
      z->types_[i].utoff = static_cast<int32_t>(Be32(t));
      z->types_[i].is_dst = t[4] != 0;
      const uint8_t ai = t[5];
      if (ai >= charcnt) return false;
      z->types_[i].abbr = std::string(reinterpret_cast<const char*>(ch + ai));
    }
    // Footer: "\n<posix>\n".
    const size_t foot = off + need;
    if (version >= '2' && foot < n && p[foot] == '\n') {
      const size_t end = data.find('\n', foot + 1);
      if (end != std::string::npos && end > foot + 1) {
        auto rule = std::make_shared<TimeZone::Rule>();
        if (ParsePosix(std::string_view(data).substr(foot + 1, end - foot - 1), false,
                       rule.get())) {
          z->rule_ = rule;
          z->has_rule_ = true;
        }
      }
    }
    if (z->transitions_.empty() && !z->has_rule_) {
      z->fixed_offset_ = z->types_[0].utoff;
      z->fixed_abbr_ = z->types_[0].abbr;
    }
    return true;
  }

  static bool SafeName(std::string_view name) {
    if (name.empty() || name.size() > 255 || name.front() == '/' ||
        name.find("..") != std::string_view::npos) {
      return false;
    }
    for (char ch : name) {
      if (!(std::isalnum(static_cast<unsigned char>(ch)) || ch == '/' || ch == '_' || ch == '-' ||
            ch == '+')) {
        return false;
      }
    }
    return true;
  }

  // Finds the zone file, matching each path component case-insensitively.
  static bool FindZoneFile(std::string_view name, std::string* path, std::string* canonical) {
    namespace fs = std::filesystem;
    std::error_code ec;
    std::string exact = std::string(kZoneDir) + "/" + std::string(name);
    if (fs::is_regular_file(exact, ec)) {
      *path = exact;
      *canonical = std::string(name);
      return true;
    }
    std::string cur = kZoneDir;
    std::string canon;
    std::string_view rest = name;
    for (int depth = 0; depth < 4 && !rest.empty(); ++depth) {
      const size_t slash = rest.find('/');
      std::string part(rest.substr(0, slash));
      rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
      bool found = false;
      for (const auto& entry : fs::directory_iterator(cur, ec)) {
        std::string fn = entry.path().filename().string();
        if (fn.size() == part.size() &&
            std::equal(fn.begin(), fn.end(), part.begin(), [](char a, char b) {
              return std::tolower(static_cast<unsigned char>(a)) ==
                     std::tolower(static_cast<unsigned char>(b));
            })) {
          cur += "/" + fn;
          canon += (canon.empty() ? "" : "/") + fn;
          found = true;
          break;
        }
      }
      if (!found) return false;
    }
    if (!rest.empty() || !fs::is_regular_file(cur, ec)) return false;
    *path = cur;
    *canonical = canon;
    return true;
  }

  static std::shared_ptr<TimeZone> Build(std::string_view name) {
    auto z = std::make_shared<TimeZone>();
    z->name_ = std::string(name);
    std::string upper(name);
    for (char& ch : upper) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    if (upper == "UTC" || upper == "Z" || upper == "ZULU" || upper == "GMT" || upper == "UCT") {
      z->fixed_abbr_ = upper == "Z" || upper == "ZULU" ? "UTC" : upper;
      z->name_ = upper == "Z" || upper == "ZULU" ? "UTC" : upper;
      return z;
    }
    std::string path, canonical;
    if (SafeName(name) && FindZoneFile(name, &path, &canonical)) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      if (ParseTzif(ss.str(), z.get())) {
        z->name_ = canonical;
        return z;
      }
    }
    // POSIX TZ string, e.g. "EST5EDT,M3.2.0,M11.1.0", "UTC+5", "+05:30".
    auto rule = std::make_shared<TimeZone::Rule>();
    const bool numeric_only =
        !name.empty() && (name.front() == '+' || name.front() == '-' ||
                          std::isdigit(static_cast<unsigned char>(name.front())));
    if (ParsePosix(name, numeric_only, rule.get())) {
      if (!rule->has_dst) {
        z->fixed_offset_ = rule->std_off;
        z->fixed_abbr_ = rule->std_abbr;
      } else {
        z->rule_ = rule;
        z->has_rule_ = true;
      }
      return z;
    }
    return nullptr;
  }
};

Status TimeZone::Lookup(std::string_view name, std::shared_ptr<const TimeZone>* out) {
  static std::mutex mu;
  static std::map<std::string, std::shared_ptr<const TimeZone>, std::less<>> cache;
  {
    std::lock_guard<std::mutex> lock(mu);
    auto it = cache.find(name);
    if (it != cache.end()) {
      if (!it->second) {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             "time zone \"" + std::string(name) + "\" not recognized");
      }
      *out = it->second;
      return Status::OK();
    }
  }
  std::shared_ptr<const TimeZone> z = TimeZoneBuilder::Build(name);
  std::lock_guard<std::mutex> lock(mu);
  if (cache.size() < 4096) cache.emplace(std::string(name), z);
  if (!z) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "time zone \"" + std::string(name) + "\" not recognized");
  }
  *out = z;
  return Status::OK();
}

std::shared_ptr<const TimeZone> TimeZone::Utc() {
  static const std::shared_ptr<const TimeZone> utc = [] {
    std::shared_ptr<const TimeZone> z;
    Lookup("UTC", &z).IgnoreError();
    return z;
  }();
  return utc;
}

std::shared_ptr<const TimeZone> TimeZone::FixedOffset(int32_t seconds_east) {
  auto z = std::make_shared<TimeZone>();
  z->fixed_offset_ = seconds_east;
  const int32_t a = seconds_east < 0 ? -seconds_east : seconds_east;
  char buf[32];
  if (a % 60 != 0) {
    std::snprintf(buf, sizeof buf, "%c%02d:%02d:%02d", seconds_east < 0 ? '-' : '+', a / 3600,
                  a / 60 % 60, a % 60);
  } else if (a % 3600 != 0) {
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", seconds_east < 0 ? '-' : '+', a / 3600,
                  a / 60 % 60);
  } else {
    std::snprintf(buf, sizeof buf, "%c%02d", seconds_east < 0 ? '-' : '+', a / 3600);
  }
  z->fixed_abbr_ = buf;
  z->name_ = buf;
  return z;
}

std::shared_ptr<const TimeZone> ZoneOf(const FormatContext& ctx) {
  if (ctx.zone) return ctx.zone;
  // One-entry per-thread cache: per-row output would otherwise take the
  // global cache's lock for every timestamptz value.
  thread_local std::string last_name;
  thread_local std::shared_ptr<const TimeZone> last_zone;
  if (last_zone && last_name == ctx.timezone) return last_zone;
  std::shared_ptr<const TimeZone> z;
  if (!TimeZone::Lookup(ctx.timezone, &z).ok()) z = TimeZone::Utc();
  last_name = ctx.timezone;
  last_zone = z;
  return z;
}

int32_t TimeZone::OffsetAtUnix(int64_t t, const LocalType** type) const {
  *type = nullptr;
  if (transitions_.empty() && !has_rule_) return fixed_offset_;
  if (!transitions_.empty() && t < transitions_.front()) {
    // Before the first transition: the first standard-time type (TZif rule).
    for (const LocalType& lt : types_) {
      if (!lt.is_dst) {
        *type = &lt;
        return lt.utoff;
      }
    }
    *type = &types_[0];
    return types_[0].utoff;
  }
  if (has_rule_ && (transitions_.empty() || t >= transitions_.back())) {
    const bool dst = rule_->IsDstAt(t);
    return dst ? rule_->dst_off : rule_->std_off;
  }
  auto it = std::upper_bound(transitions_.begin(), transitions_.end(), t);
  const size_t idx = static_cast<size_t>(it - transitions_.begin()) - 1;
  *type = &types_[trans_types_[idx]];
  return (*type)->utoff;
}

int64_t TimeZone::UtcOffsetSecondsAt(int64_t utc_micros) const {
  const LocalType* lt;
  return OffsetAtUnix(FloorDiv(utc_micros, 1000000) + kPgEpochUnix, &lt);
}

bool TimeZone::NextTransition(int64_t t, int64_t* boundary, int32_t* before, int32_t* after) const {
  if (transitions_.empty() && !has_rule_) return false;
  const LocalType* lt;
  *before = OffsetAtUnix(t, &lt);
  if (!transitions_.empty()) {
    auto it = std::upper_bound(transitions_.begin(), transitions_.end(), t);
    if (it != transitions_.end()) {
      *boundary = *it;
      *after = OffsetAtUnix(*it, &lt);
      return true;
    }
  }
  if (!has_rule_ || !rule_->has_dst) return false;
  const int64_t y = YearOfUnix(t);
  int64_t best = INT64_MAX;
  for (int64_t yy = y - 1; yy <= y + 1; ++yy) {
    int64_t s, e;
    rule_->Transitions(yy, &s, &e);
    if (s > t && s < best) best = s;
    if (e > t && e < best) best = e;
  }
  if (best == INT64_MAX) return false;
  *boundary = best;
  *after = OffsetAtUnix(best, &lt);
  return true;
}

int64_t TimeZone::UtcOffsetSecondsForLocal(int64_t local_micros) const {
  // PostgreSQL's DetermineTimeZoneOffsetInternal.
  const int64_t t = FloorDiv(local_micros, 1000000) + kPgEpochUnix;
  const int64_t prevtime = t - 86400;
  int64_t boundary;
  int32_t before, after;
  if (!NextTransition(prevtime, &boundary, &before, &after)) {
    const LocalType* lt;
    return OffsetAtUnix(prevtime, &lt);
  }
  const int64_t beforetime = t - before;
  const int64_t aftertime = t - after;
  if (beforetime < boundary && aftertime < boundary) return before;
  if (beforetime > boundary && aftertime >= boundary) return after;
  if (beforetime > aftertime) return before;
  return after;
}

std::string TimeZone::AbbreviationAt(int64_t utc_micros) const {
  const int64_t t = FloorDiv(utc_micros, 1000000) + kPgEpochUnix;
  const LocalType* lt;
  const int32_t off = OffsetAtUnix(t, &lt);
  if (lt) return lt->abbr;
  if (has_rule_) {
    const bool dst = rule_->IsDstAt(t);
    const std::string& a = dst ? rule_->dst_abbr : rule_->std_abbr;
    if (!a.empty()) return a;
  } else if (!fixed_abbr_.empty()) {
    return fixed_abbr_;
  }
  // No abbreviation: PostgreSQL prints the numeric offset.
  const int32_t a = off < 0 ? -off : off;
  char buf[32];
  if (a % 3600 == 0) {
    std::snprintf(buf, sizeof buf, "%c%02d", off < 0 ? '-' : '+', a / 3600);
  } else {
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", off < 0 ? '-' : '+', a / 3600, a / 60 % 60);
  }
  return buf;
}

}  // namespace nano
