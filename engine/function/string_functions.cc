// engine/function/string_functions.cc — text functions and operators (||,
// LIKE/ILIKE, POSIX regex operators) with PostgreSQL 15's semantics. Text is
// UTF-8; "characters" are code points.
#include <openssl/evp.h>

#include <algorithm>
#include <cstring>

#include "function/builtins.h"
#include "function/set_returning.h"
#include "function/string_util.h"
#include "types/cast.h"
#include "types/text_io.h"
#include "types/type_info.h"

namespace nano::fn {
namespace {

namespace ty = type;

Value TextV(std::string s) { return Value::Text(std::move(s)); }

Status Ok(Value v, Value* out) {
  *out = std::move(v);
  return Status::OK();
}

// ---- concatenation -------------------------------------------------------
// anytextcat/textanycat are "select $1::text || $2": non-strings go through
// the text cast (bool -> 'true'), not the output function.
Status AsText(const Value& v, EvalContext& ctx, std::string* out) {
  if (IsStringType(v.type())) {
    *out = v.str();
    return Status::OK();
  }
  Value t;
  NANO_RETURN_IF_ERROR(
      CastValue(v, TypeRef{ty::kText, -1}, CoercionContext::kExplicit, Fmt(ctx), &t));
  *out = t.str();
  return Status::OK();
}

Status TextCat(const Value* a, size_t, EvalContext& ctx, Value* out) {
  std::string x, y;
  NANO_RETURN_IF_ERROR(AsText(a[0], ctx, &x));
  NANO_RETURN_IF_ERROR(AsText(a[1], ctx, &y));
  x += y;
  return Ok(TextV(std::move(x)), out);
}
// btrim / ltrim / rtrim on bytea: drop the bytes of the set from the ends.
template <bool kLeft, bool kRight>
Status ByteaTrim(const Value* a, size_t, EvalContext&, Value* out) {
  std::string_view b = a[0].str(), set = a[1].str();
  size_t from = 0, to = b.size();
  if (kLeft) {
    while (from < to && set.find(b[from]) != std::string_view::npos) ++from;
  }
  if (kRight) {
    while (to > from && set.find(b[to - 1]) != std::string_view::npos) --to;
  }
  return Ok(Value::Bytea(std::string(b.substr(from, to - from))), out);
}

// position(bytea IN bytea): 1-based byte offset of the first occurrence, 0
// when absent, 1 for an empty needle.
Status ByteaPosition(const Value* a, size_t, EvalContext&, Value* out) {
  size_t at = a[0].str().find(a[1].str());
  return Ok(Value::Int4(at == std::string::npos ? 0 : static_cast<int32_t>(at) + 1), out);
}

Status ByteaCat(const Value* a, size_t, EvalContext&, Value* out) {
  return Ok(Value::Bytea(a[0].str() + a[1].str()), out);
}

// ---- LIKE ----------------------------------------------------------------------
// Matches text against a LIKE pattern with '\' as the escape; `icase` for ILIKE
// (both sides already lower-cased by the caller). Iterative with backtracking
// on the last '%' (linear-ish, no recursion).
// Returns 1 on match, 0 on no match, -1 if the matcher reached an escape at
// the end of the pattern (PostgreSQL raises 22025 only when it gets there).
int LikeMatch(std::string_view t, std::string_view p) {
  size_t ti = 0, pi = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (ti < t.size()) {
    if (pi < p.size()) {
      char c = p[pi];
      if (c == '%') {
        star_p = ++pi;
        star_t = ti;
        continue;
      }
      if (c == '_') {
        ti += Utf8SeqLen(static_cast<unsigned char>(t[ti]));
        ++pi;
        continue;
      }
      size_t plen = 1;
      size_t lit = pi;
      if (c == '\\') {
        if (pi + 1 >= p.size()) {
          return -1;
        } else {
          lit = pi + 1;
          plen = 2;
        }
      }
      if (t[ti] == p[lit]) {
        ++ti;
        pi += plen;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return 0;
    // Backtrack: let the last '%' absorb one more character.
    star_t += Utf8SeqLen(static_cast<unsigned char>(t[star_t]));
    ti = star_t;
    pi = star_p;
  }
  // Text exhausted: a trailing escape left in the pattern is no error here
  // (PostgreSQL's MatchText returns false without reaching it).
  while (pi < p.size() && p[pi] == '%') ++pi;
  return pi == p.size() ? 1 : 0;
}

template <bool kNegate, bool kIcase>
Status LikeFn(const Value* a, size_t, EvalContext&, Value* out) {
  int m = kIcase ? LikeMatch(LowerText(a[0].str()), LowerText(a[1].str()))
                 : LikeMatch(a[0].str(), a[1].str());
  if (m < 0)
    return Status::Error(sqlstate::kInvalidEscapeSequence,
                         "LIKE pattern must not end with escape character");
  return Ok(Value::Bool((m == 1) != kNegate), out);
}

Status LikeEscape(const Value* a, size_t, EvalContext&, Value* out) {
  const std::string& p = a[0].str();
  const std::string& e = a[1].str();
  if (Utf8Length(e) > 1)
    return Status::Error(sqlstate::kInvalidEscapeSequence, "invalid escape string")
        .WithHint("Escape string must be empty or one character.");
  std::string r;
  if (e.empty()) {
    for (char c : p) {
      if (c == '\\') r.push_back('\\');
      r.push_back(c);
    }
  } else if (e == "\\") {
    r = p;
  } else {
    for (size_t i = 0; i < p.size(); ++i) {
      if (p.compare(i, e.size(), e) == 0) {
        r.push_back('\\');
        i += e.size();
        if (i < p.size()) r.push_back(p[i]);
        continue;
      }
      if (p[i] == '\\') r.push_back('\\');
      r.push_back(p[i]);
    }
  }
  return Ok(TextV(std::move(r)), out);
}

// ---- regex operators and functions ------------------------------------------------
template <bool kNegate, bool kIcase>
Status RegexOp(const Value* a, size_t, EvalContext&, Value* out) {
  std::shared_ptr<const CompiledRegex> re;
  NANO_RETURN_IF_ERROR(CompileRegex(a[1].str(), "", kIcase, &re, nullptr));
  RegexMatch m;
  bool found = RegexSearch(*re, a[0].str(), 0, &m);
  return Ok(Value::Bool(found != kNegate), out);
}

std::string_view Flags(const Value* a, size_t nargs, size_t idx) {
  return nargs > idx ? std::string_view(a[idx].str()) : std::string_view();
}

Value GroupValue(std::string_view text, const std::pair<size_t, size_t>& g) {
  if (g.first == std::string_view::npos) return Value::Null(ty::kText);
  return TextV(std::string(text.substr(g.first, g.second)));
}

Status RegexpMatch(const Value* a, size_t nargs, EvalContext&, Value* out) {
  bool global = false;
  std::shared_ptr<const CompiledRegex> re;
  NANO_RETURN_IF_ERROR(CompileRegex(a[1].str(), Flags(a, nargs, 2), false, &re, &global));
  if (global)
    return InvalidParam("regexp_match() does not support the \"global\" option")
        .WithHint("Use the regexp_matches function instead.");
  RegexMatch m;
  std::string_view text = a[0].str();
  if (!RegexSearch(*re, text, 0, &m)) return Ok(Value::Null(ty::kTextArray), out);
  ValueVector elems;
  if (m.groups.size() == 1) {
    elems.push_back(GroupValue(text, m.groups[0]));
  } else {
    for (size_t i = 1; i < m.groups.size(); ++i) elems.push_back(GroupValue(text, m.groups[i]));
  }
  return Ok(MakeArray(ty::kText, std::move(elems)), out);
}

Status RegexpLike(const Value* a, size_t nargs, EvalContext&, Value* out) {
  std::shared_ptr<const CompiledRegex> re;
  bool global = false;
  NANO_RETURN_IF_ERROR(CompileRegex(a[1].str(), Flags(a, nargs, 2), false, &re, &global));
  if (global) return InvalidParam("regexp_like() does not support the \"global\" option");
  RegexMatch m;
  return Ok(Value::Bool(RegexSearch(*re, a[0].str(), 0, &m)), out);
}

// Advances past an empty match by one character so global loops terminate.
size_t NextStart(std::string_view text, const RegexMatch& m) {
  size_t end = m.groups[0].first + m.groups[0].second;
  if (m.groups[0].second == 0) {
    if (end >= text.size()) return text.size() + 1;
    return end + Utf8SeqLen(static_cast<unsigned char>(text[end]));
  }
  return end;
}

Status RegexpCount(const Value* a, size_t nargs, EvalContext&, Value* out) {
  std::shared_ptr<const CompiledRegex> re;
  std::string_view text = a[0].str();
  int64_t start = nargs > 2 ? a[2].int_value() : 1;
  if (start <= 0)
    return InvalidParam("invalid value for parameter \"start\": " + std::to_string(start));
  NANO_RETURN_IF_ERROR(CompileRegex(a[1].str(), Flags(a, nargs, 3), false, &re, nullptr));
  size_t pos = Utf8Offset(text, start - 1);
  int64_t count = 0;
  RegexMatch m;
  for (size_t guard = 0; guard <= text.size() + 1 && RegexSearch(*re, text, pos, &m); ++guard) {
    ++count;
    pos = NextStart(text, m);
  }
  return Ok(Value::Int4(count), out);
}

// Replaces, from byte offset `pos` on, the n-th match (all of them when n
// is 0), expanding \1..\9, \& and \\ in the replacement.
std::string ReplaceMatches(const CompiledRegex& re, std::string_view text, std::string_view repl,
                           size_t pos, int64_t n) {
  const bool global = n == 0;
  std::string result;
  size_t copied = 0;
  int64_t seen = 0;
  RegexMatch m;
  for (size_t guard = 0; guard <= text.size() + 1 && RegexSearch(re, text, pos, &m); ++guard) {
    if (!global && ++seen < n) {
      pos = NextStart(text, m);
      continue;
    }
    result.append(text.substr(copied, m.groups[0].first - copied));
    for (size_t i = 0; i < repl.size(); ++i) {
      char c = repl[i];
      if (c == '\\' && i + 1 < repl.size()) {
        char d = repl[i + 1];
        if (d >= '1' && d <= '9') {
          size_t g = static_cast<size_t>(d - '0');
          if (g < m.groups.size() && m.groups[g].first != std::string_view::npos)
            result.append(text.substr(m.groups[g].first, m.groups[g].second));
          ++i;
          continue;
        }
        if (d == '&') {
          result.append(text.substr(m.groups[0].first, m.groups[0].second));
          ++i;
          continue;
        }
        if (d == '\\') {
          result.push_back('\\');
          ++i;
          continue;
        }
      }
      result.push_back(c);
    }
    copied = m.groups[0].first + m.groups[0].second;
    pos = NextStart(text, m);
    if (!global) break;
    if (m.groups[0].second == 0 && pos <= text.size()) {
      // Empty match: copy the skipped character.
      result.append(text.substr(copied, pos - copied));
      copied = pos;
    }
  }
  if (copied < text.size()) result.append(text.substr(copied));
  return result;
}

Status InvalidRegexParam(const char* name, int64_t v) {
  return InvalidParam(std::string("invalid value for parameter \"") + name +
                      "\": " + std::to_string(v));
}

// regexp_replace(source, pattern, replacement [, flags]) and, as PostgreSQL
// 15, regexp_replace(source, pattern, replacement, start [, N [, flags]]):
// N replaces only the N-th match from start (0: all); without N the g flag
// decides.
template <bool kStartForm>
Status RegexpReplace(const Value* a, size_t nargs, EvalContext&, Value* out) {
  std::shared_ptr<const CompiledRegex> re;
  bool global = false;
  int64_t start = 1, n = -1;
  size_t flags_at = 3;
  if (kStartForm) {
    start = a[3].int_value();
    if (start <= 0) return InvalidRegexParam("start", start);
    if (nargs > 4) {
      n = a[4].int_value();
      if (n < 0) return InvalidRegexParam("n", n);
    }
    flags_at = 5;
  }
  NANO_RETURN_IF_ERROR(CompileRegex(a[1].str(), Flags(a, nargs, flags_at), false, &re, &global));
  if (n < 0) n = global ? 0 : 1;
  std::string_view text = a[0].str();
  return Ok(TextV(ReplaceMatches(*re, text, a[2].str(), Utf8Offset(text, start - 1), n)), out);
}

// The n-th match at or after character `start` (1-based), for regexp_instr
// and regexp_substr; false when there is none.
Status NthMatch(const Value* a, size_t nargs, size_t flags_at, const char* fn, RegexMatch* m,
                bool* found) {
  int64_t start = nargs > 2 ? a[2].int_value() : 1;
  if (start <= 0) return InvalidRegexParam("start", start);
  int64_t n = nargs > 3 ? a[3].int_value() : 1;
  if (n <= 0) return InvalidRegexParam("n", n);
  std::shared_ptr<const CompiledRegex> re;
  bool global = false;
  NANO_RETURN_IF_ERROR(CompileRegex(a[1].str(), Flags(a, nargs, flags_at), false, &re, &global));
  if (global) {
    return InvalidParam(std::string(fn) + "() does not support the \"global\" option");
  }
  std::string_view text = a[0].str();
  size_t pos = Utf8Offset(text, start - 1);
  *found = false;
  for (size_t guard = 0; guard <= text.size() + 1 && RegexSearch(*re, text, pos, m); ++guard) {
    if (--n == 0) {
      *found = true;
      return Status::OK();
    }
    pos = NextStart(text, *m);
  }
  return Status::OK();
}

// The group a subexpr argument selects; npos when it is out of range or did
// not take part in the match.
std::pair<size_t, size_t> Subexpr(const RegexMatch& m, int64_t subexpr) {
  if (subexpr >= static_cast<int64_t>(m.groups.size())) return {std::string_view::npos, 0};
  return m.groups[subexpr];
}

// regexp_instr(string, pattern [, start [, N [, endoption [, flags [, subexpr]]]]]).
Status RegexpInstr(const Value* a, size_t nargs, EvalContext&, Value* out) {
  int64_t endoption = nargs > 4 ? a[4].int_value() : 0;
  if (endoption != 0 && endoption != 1) return InvalidRegexParam("endoption", endoption);
  int64_t subexpr = nargs > 6 ? a[6].int_value() : 0;
  if (subexpr < 0) return InvalidRegexParam("subexpr", subexpr);
  RegexMatch m;
  bool found = false;
  NANO_RETURN_IF_ERROR(NthMatch(a, nargs, 5, "regexp_instr", &m, &found));
  if (!found) return Ok(Value::Int4(0), out);
  auto g = Subexpr(m, subexpr);
  if (g.first == std::string_view::npos) return Ok(Value::Int4(0), out);
  std::string_view text = a[0].str();
  size_t at = endoption == 1 ? g.first + g.second : g.first;
  return Ok(Value::Int4(static_cast<int32_t>(Utf8Length(text.substr(0, at))) + 1), out);
}

// regexp_substr(string, pattern [, start [, N [, flags [, subexpr]]]]).
Status RegexpSubstr(const Value* a, size_t nargs, EvalContext&, Value* out) {
  int64_t subexpr = nargs > 5 ? a[5].int_value() : 0;
  if (subexpr < 0) return InvalidRegexParam("subexpr", subexpr);
  RegexMatch m;
  bool found = false;
  NANO_RETURN_IF_ERROR(NthMatch(a, nargs, 4, "regexp_substr", &m, &found));
  if (!found) return Ok(Value::Null(ty::kText), out);
  return Ok(GroupValue(a[0].str(), Subexpr(m, subexpr)), out);
}

Status RegexpSplit(const Value* a, size_t nargs, EvalContext&, Value* out) {
  std::shared_ptr<const CompiledRegex> re;
  bool global = false;
  NANO_RETURN_IF_ERROR(CompileRegex(a[1].str(), Flags(a, nargs, 2), false, &re, &global));
  if (global) return InvalidParam("regexp_split_to_array() does not support the \"global\" option");
  std::string_view text = a[0].str();
  ValueVector parts;
  size_t pos = 0, piece = 0, prev_end = std::string_view::npos;
  RegexMatch m;
  // Zero-length matches at the start or end of the string, or right after the
  // previous match, are ignored (as PostgreSQL does).
  for (size_t guard = 0;
       guard <= 2 * text.size() + 2 && pos <= text.size() && RegexSearch(*re, text, pos, &m);
       ++guard) {
    size_t b = m.groups[0].first, len = m.groups[0].second;
    if (len == 0 && (b == 0 || b >= text.size() || b == prev_end)) {
      if (b >= text.size()) break;
      pos = b + Utf8SeqLen(static_cast<unsigned char>(text[b]));
      continue;
    }
    parts.push_back(TextV(std::string(text.substr(piece, b - piece))));
    piece = b + len;
    prev_end = piece;
    pos = piece;
  }
  parts.push_back(TextV(std::string(text.substr(std::min(piece, text.size())))));
  return Ok(MakeArray(ty::kText, std::move(parts)), out);
}

// The rows of regexp_matches(text, pattern[, flags]) as one array whose
// elements are the text[] rows (one per match; only the first without 'g'),
// for the set-returning table below.
Status RegexpMatchesSet(const Value* a, size_t nargs, EvalContext&, Value* out) {
  bool global = false;
  std::shared_ptr<const CompiledRegex> re;
  NANO_RETURN_IF_ERROR(CompileRegex(a[1].str(), Flags(a, nargs, 2), false, &re, &global));
  std::string_view text = a[0].str();
  ValueVector rows;
  RegexMatch m;
  size_t pos = 0;
  for (size_t guard = 0; guard <= text.size() + 1 && RegexSearch(*re, text, pos, &m); ++guard) {
    ValueVector elems;
    if (m.groups.size() == 1) {
      elems.push_back(GroupValue(text, m.groups[0]));
    } else {
      for (size_t i = 1; i < m.groups.size(); ++i) elems.push_back(GroupValue(text, m.groups[i]));
    }
    rows.push_back(MakeArray(ty::kText, std::move(elems)));
    if (!global) break;
    pos = NextStart(text, m);
    if (pos > text.size()) break;
  }
  return Ok(MakeArray(ty::kTextArray, std::move(rows)), out);
}

// substring(text from pattern): first capture group if any, else the match.
Status SubstringRegex(const Value* a, size_t, EvalContext&, Value* out) {
  std::shared_ptr<const CompiledRegex> re;
  NANO_RETURN_IF_ERROR(CompileRegex(a[1].str(), "", false, &re, nullptr));
  RegexMatch m;
  std::string_view text = a[0].str();
  if (!RegexSearch(*re, text, 0, &m)) return Ok(Value::Null(ty::kText), out);
  const auto& g = m.groups.size() > 1 ? m.groups[1] : m.groups[0];
  return Ok(GroupValue(text, g), out);
}

// ---- lengths / case ---------------------------------------------------------------
Status CharLength(const Value* a, size_t, EvalContext&, Value* out) {
  return Ok(Value::Int4(Utf8Length(a[0].str())), out);
}
Status BpCharLength(const Value* a, size_t, EvalContext&, Value* out) {
  std::string_view s = a[0].str();
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return Ok(Value::Int4(Utf8Length(s)), out);
}
Status OctetLength(const Value* a, size_t, EvalContext&, Value* out) {
  return Ok(Value::Int4(static_cast<int64_t>(a[0].str().size())), out);
}
Status BitLength(const Value* a, size_t, EvalContext&, Value* out) {
  return Ok(Value::Int4(static_cast<int64_t>(a[0].str().size()) * 8), out);
}
Status Lower(const Value* a, size_t, EvalContext&, Value* out) {
  return Ok(TextV(LowerText(a[0].str())), out);
}
Status Upper(const Value* a, size_t, EvalContext&, Value* out) {
  return Ok(TextV(UpperText(a[0].str())), out);
}

bool IsAlnumCp(uint32_t cp) {
  if (cp < 0x80) return std::isalnum(static_cast<int>(cp)) != 0;
  return true;  // treat non-ASCII letters as word characters
}

Status Initcap(const Value* a, size_t, EvalContext&, Value* out) {
  std::string_view s = a[0].str();
  std::string r;
  bool prev_alnum = false;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t start = pos;
    uint32_t cp = DecodeUtf8(s, &pos);
    std::string_view ch = s.substr(start, pos - start);
    r += prev_alnum ? LowerText(ch) : UpperText(ch);
    prev_alnum = IsAlnumCp(cp);
  }
  return Ok(TextV(std::move(r)), out);
}

// ---- substr / position / trim ------------------------------------------------------
Status SubstrImpl(std::string_view s, int64_t start, bool has_len, int64_t len, Value* out) {
  if (has_len && len < 0) return Status::Error("22011", "negative substring length not allowed");
  int64_t from = start - 1;  // 0-based, may be negative
  int64_t to = has_len ? from + len : INT64_MAX;
  if (has_len && len > 0 && from > 0 && to < from) to = INT64_MAX;  // overflow
  if (from < 0) from = 0;
  if (to <= from) return Ok(TextV(""), out);
  size_t b = Utf8Offset(s, from);
  size_t e = to == INT64_MAX ? s.size() : Utf8Offset(s, to);
  return Ok(TextV(std::string(s.substr(b, e - b))), out);
}
Status Substr2(const Value* a, size_t, EvalContext&, Value* out) {
  return SubstrImpl(a[0].str(), a[1].int_value(), false, 0, out);
}
Status Substr3(const Value* a, size_t, EvalContext&, Value* out) {
  return SubstrImpl(a[0].str(), a[1].int_value(), true, a[2].int_value(), out);
}
Status ByteaSubstr(const Value* a, size_t nargs, EvalContext&, Value* out) {
  std::string_view s = a[0].str();
  int64_t from = a[1].int_value() - 1;
  int64_t to = nargs > 2 ? from + a[2].int_value() : INT64_MAX;
  if (nargs > 2 && a[2].int_value() < 0)
    return Status::Error("22011", "negative substring length not allowed");
  from = std::max<int64_t>(from, 0);
  to = std::min<int64_t>(to, static_cast<int64_t>(s.size()));
  if (to <= from) return Ok(Value::Bytea(""), out);
  return Ok(Value::Bytea(std::string(s.substr(from, to - from))), out);
}

Status Strpos(const Value* a, size_t, EvalContext&, Value* out) {
  const std::string& s = a[0].str();
  size_t p = s.find(a[1].str());
  if (p == std::string::npos) return Ok(Value::Int4(0), out);
  return Ok(Value::Int4(Utf8Length(std::string_view(s).substr(0, p)) + 1), out);
}

template <bool kLeft, bool kRight>
Status Trim(const Value* a, size_t nargs, EvalContext&, Value* out) {
  std::string_view s = a[0].str();
  std::vector<std::string_view> set = Utf8Chars(nargs > 1 ? std::string_view(a[1].str()) : " ");
  auto in_set = [&](std::string_view ch) {
    return std::find(set.begin(), set.end(), ch) != set.end();
  };
  std::vector<std::string_view> chars = Utf8Chars(s);
  size_t b = 0, e = chars.size();
  if (kLeft)
    while (b < e && in_set(chars[b])) ++b;
  if (kRight)
    while (e > b && in_set(chars[e - 1])) --e;
  std::string r;
  for (size_t i = b; i < e; ++i) r.append(chars[i]);
  return Ok(TextV(std::move(r)), out);
}

template <bool kLeft>
Status Pad(const Value* a, size_t nargs, EvalContext&, Value* out) {
  std::string_view s = a[0].str();
  int64_t len = std::max<int64_t>(a[1].int_value(), 0);
  if (len > 10 * 1024 * 1024) return Status::Error("54000", "requested length too large");
  std::vector<std::string_view> fill = Utf8Chars(nargs > 2 ? std::string_view(a[2].str()) : " ");
  int64_t have = Utf8Length(s);
  if (have >= len || fill.empty())
    return Ok(TextV(std::string(s.substr(0, Utf8Offset(s, len)))), out);
  std::string pad;
  for (int64_t i = 0; i < len - have; ++i) pad.append(fill[i % fill.size()]);
  return Ok(TextV(kLeft ? pad + std::string(s) : std::string(s) + pad), out);
}

Status Replace(const Value* a, size_t, EvalContext&, Value* out) {
  const std::string& s = a[0].str();
  const std::string& from = a[1].str();
  const std::string& to = a[2].str();
  if (from.empty()) return Ok(TextV(s), out);
  std::string r;
  size_t pos = 0;
  for (size_t hit; (hit = s.find(from, pos)) != std::string::npos; pos = hit + from.size()) {
    r.append(s, pos, hit - pos);
    r += to;
  }
  r.append(s, pos, std::string::npos);
  return Ok(TextV(std::move(r)), out);
}

std::vector<std::string_view> SplitOn(std::string_view s, std::string_view delim) {
  std::vector<std::string_view> parts;
  size_t pos = 0;
  for (size_t hit; (hit = s.find(delim, pos)) != std::string_view::npos; pos = hit + delim.size())
    parts.push_back(s.substr(pos, hit - pos));
  parts.push_back(s.substr(pos));
  return parts;
}

Status SplitPart(const Value* a, size_t, EvalContext&, Value* out) {
  int64_t n = a[2].int_value();
  if (n == 0) return InvalidParam("field position must not be zero");
  std::string_view s = a[0].str(), d = a[1].str();
  if (s.empty()) return Ok(TextV(""), out);
  std::vector<std::string_view> parts =
      d.empty() ? std::vector<std::string_view>{s} : SplitOn(s, d);
  int64_t cnt = static_cast<int64_t>(parts.size());
  int64_t idx = n > 0 ? n - 1 : cnt + n;
  if (idx < 0 || idx >= cnt) return Ok(TextV(""), out);
  return Ok(TextV(std::string(parts[idx])), out);
}

Status LeftFn(const Value* a, size_t, EvalContext&, Value* out) {
  std::string_view s = a[0].str();
  int64_t n = a[1].int_value();
  int64_t len = Utf8Length(s);
  int64_t take = n >= 0 ? std::min(n, len) : std::max<int64_t>(len + n, 0);
  return Ok(TextV(std::string(s.substr(0, Utf8Offset(s, take)))), out);
}
Status RightFn(const Value* a, size_t, EvalContext&, Value* out) {
  std::string_view s = a[0].str();
  int64_t n = a[1].int_value();
  int64_t len = Utf8Length(s);
  int64_t skip = n >= 0 ? std::max<int64_t>(len - n, 0) : std::min(-n, len);
  return Ok(TextV(std::string(s.substr(Utf8Offset(s, skip)))), out);
}

Status Repeat(const Value* a, size_t, EvalContext&, Value* out) {
  int64_t n = a[1].int_value();
  const std::string& s = a[0].str();
  if (n <= 0 || s.empty()) return Ok(TextV(""), out);
  if (static_cast<double>(n) * s.size() > 1024.0 * 1024 * 1024)
    return Status::Error("54000", "requested length too large");
  std::string r;
  r.reserve(s.size() * n);
  for (int64_t i = 0; i < n; ++i) r += s;
  return Ok(TextV(std::move(r)), out);
}

Status Reverse(const Value* a, size_t, EvalContext&, Value* out) {
  std::vector<std::string_view> chars = Utf8Chars(a[0].str());
  std::string r;
  for (auto it = chars.rbegin(); it != chars.rend(); ++it) r.append(*it);
  return Ok(TextV(std::move(r)), out);
}

Status Translate(const Value* a, size_t, EvalContext&, Value* out) {
  std::vector<std::string_view> from = Utf8Chars(a[1].str()), to = Utf8Chars(a[2].str());
  std::string r;
  for (std::string_view ch : Utf8Chars(a[0].str())) {
    auto it = std::find(from.begin(), from.end(), ch);
    if (it == from.end()) {
      r.append(ch);
    } else {
      size_t idx = static_cast<size_t>(it - from.begin());
      if (idx < to.size()) r.append(to[idx]);
    }
  }
  return Ok(TextV(std::move(r)), out);
}

Status StartsWith(const Value* a, size_t, EvalContext&, Value* out) {
  return Ok(Value::Bool(a[0].str().compare(0, a[1].str().size(), a[1].str()) == 0 &&
                        a[0].str().size() >= a[1].str().size()),
            out);
}

Status Ascii(const Value* a, size_t, EvalContext&, Value* out) {
  const std::string& s = a[0].str();
  if (s.empty()) return Ok(Value::Int4(0), out);
  size_t pos = 0;
  return Ok(Value::Int4(DecodeUtf8(s, &pos)), out);
}

Status Chr(const Value* a, size_t, EvalContext&, Value* out) {
  int64_t c = a[0].int_value();
  if (c < 0) return InvalidParam("character number must be positive");
  if (c == 0) return Status::Error("54000", "null character not permitted");
  if (c > 0x10FFFF)
    return Status::Error("54000",
                         "requested character too large for encoding: " + std::to_string(c));
  if (c >= 0xD800 && c <= 0xDFFF)
    return Status::Error("54000",
                         "requested character not valid for encoding: " + std::to_string(c));
  std::string r;
  AppendUtf8(static_cast<uint32_t>(c), &r);
  return Ok(TextV(std::move(r)), out);
}

Status ToHex(const Value* a, size_t, EvalContext&, Value* out) {
  uint64_t v = a[0].type() == ty::kInt4 ? static_cast<uint32_t>(a[0].int_value())
                                        : static_cast<uint64_t>(a[0].int_value());
  char buf[32];
  snprintf(buf, sizeof(buf), "%llx", static_cast<unsigned long long>(v));
  return Ok(TextV(buf), out);
}

Status QuoteIdentFn(const Value* a, size_t, EvalContext&, Value* out) {
  return Ok(TextV(QuoteIdent(a[0].str())), out);
}
Status QuoteLiteralFn(const Value* a, size_t, EvalContext& ctx, Value* out) {
  return Ok(TextV(QuoteLiteral(ValueText(a[0], ctx))), out);
}
Status QuoteNullable(const Value* a, size_t, EvalContext& ctx, Value* out) {
  if (a[0].is_null()) return Ok(TextV("NULL"), out);
  return Ok(TextV(QuoteLiteral(ValueText(a[0], ctx))), out);
}

// ---- md5 / encode / decode ------------------------------------------------------
Status Md5(const Value* a, size_t, EvalContext&, Value* out) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  const std::string& s = a[0].str();
  if (EVP_Digest(s.data(), s.size(), digest, &len, EVP_md5(), nullptr) != 1)
    return Status::Error("XX000", "could not compute MD5 hash");
  static const char* kHex = "0123456789abcdef";
  std::string r;
  for (unsigned i = 0; i < len; ++i) {
    r.push_back(kHex[digest[i] >> 4]);
    r.push_back(kHex[digest[i] & 15]);
  }
  return Ok(TextV(std::move(r)), out);
}

const char kB64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

Status Encode(const Value* a, size_t, EvalContext&, Value* out) {
  const std::string& s = a[0].str();
  std::string fmt = LowerText(a[1].str());
  std::string r;
  if (fmt == "hex") {
    static const char* kHex = "0123456789abcdef";
    for (unsigned char c : s) {
      r.push_back(kHex[c >> 4]);
      r.push_back(kHex[c & 15]);
    }
  } else if (fmt == "base64") {
    int line = 0;
    for (size_t i = 0; i < s.size(); i += 3) {
      uint32_t v = static_cast<unsigned char>(s[i]) << 16;
      if (i + 1 < s.size()) v |= static_cast<unsigned char>(s[i + 1]) << 8;
      if (i + 2 < s.size()) v |= static_cast<unsigned char>(s[i + 2]);
      if (line >= 76) {
        r.push_back('\n');
        line = 0;
      }
      r.push_back(kB64[(v >> 18) & 63]);
      r.push_back(kB64[(v >> 12) & 63]);
      r.push_back(i + 1 < s.size() ? kB64[(v >> 6) & 63] : '=');
      r.push_back(i + 2 < s.size() ? kB64[v & 63] : '=');
      line += 4;
    }
  } else if (fmt == "escape") {
    for (unsigned char c : s) {
      if (c == '\\') {
        r += "\\\\";
      } else if (c == 0 || c >= 0x80) {
        char buf[8];
        snprintf(buf, sizeof(buf), "\\%03o", c);
        r += buf;
      } else {
        r.push_back(static_cast<char>(c));
      }
    }
  } else {
    return InvalidParam("unrecognized encoding: \"" + a[1].str() + "\"");
  }
  return Ok(TextV(std::move(r)), out);
}

int HexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Status Decode(const Value* a, size_t, EvalContext&, Value* out) {
  const std::string& s = a[0].str();
  std::string fmt = LowerText(a[1].str());
  std::string r;
  if (fmt == "hex") {
    size_t i = 0;
    while (i < s.size()) {
      if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r') {
        ++i;
        continue;
      }
      int hi = HexVal(s[i]);
      if (hi < 0)
        return InvalidParam("invalid hexadecimal digit: \"" + std::string(1, s[i]) + "\"");
      if (i + 1 >= s.size()) return InvalidParam("invalid hexadecimal data: odd number of digits");
      int lo = HexVal(s[i + 1]);
      if (lo < 0)
        return InvalidParam("invalid hexadecimal digit: \"" + std::string(1, s[i + 1]) + "\"");
      r.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    }
  } else if (fmt == "base64") {
    uint32_t acc = 0;
    int bits = 0, pad = 0;
    for (char c : s) {
      if (c == ' ' || c == '\n' || c == '\t' || c == '\r') continue;
      if (c == '=') {
        ++pad;
        continue;
      }
      const char* p = strchr(kB64, c);
      if (p == nullptr || c == 0 || pad > 0)
        return InvalidParam("invalid symbol \"" + std::string(1, c) +
                            "\" found while decoding base64 sequence");
      acc = (acc << 6) | static_cast<uint32_t>(p - kB64);
      bits += 6;
      if (bits >= 8) {
        bits -= 8;
        r.push_back(static_cast<char>((acc >> bits) & 0xFF));
      }
    }
    size_t symbols = 0;
    for (char c : s) symbols += !(c == ' ' || c == '\n' || c == '\t' || c == '\r');
    if (symbols % 4 != 0)
      return InvalidParam("invalid base64 end sequence")
          .WithHint("Input data is missing padding, is truncated, or is otherwise corrupted.");
  } else if (fmt == "escape") {
    for (size_t i = 0; i < s.size(); ++i) {
      if (s[i] != '\\') {
        r.push_back(s[i]);
        continue;
      }
      if (i + 1 < s.size() && s[i + 1] == '\\') {
        r.push_back('\\');
        ++i;
      } else if (i + 3 < s.size() + 0 && s[i + 1] >= '0' && s[i + 1] <= '3' && s[i + 2] >= '0' &&
                 s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
        r.push_back(
            static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0')));
        i += 3;
      } else {
        return Status::Error(sqlstate::kInvalidTextRepresentation,
                             "invalid input syntax for type bytea");
      }
    }
  } else {
    return InvalidParam("unrecognized encoding: \"" + a[1].str() + "\"");
  }
  return Ok(Value::Bytea(std::move(r)), out);
}

// ---- concat / concat_ws / format ------------------------------------------------
Status Concat(const Value* a, size_t nargs, EvalContext& ctx, Value* out) {
  std::string r;
  for (size_t i = 0; i < nargs; ++i)
    if (!a[i].is_null()) r += ValueText(a[i], ctx);
  return Ok(TextV(std::move(r)), out);
}

Status ConcatWs(const Value* a, size_t nargs, EvalContext& ctx, Value* out) {
  if (a[0].is_null()) return Ok(Value::Null(ty::kText), out);
  std::string r;
  bool first = true;
  for (size_t i = 1; i < nargs; ++i) {
    if (a[i].is_null()) continue;
    if (!first) r += a[0].str();
    first = false;
    r += ValueText(a[i], ctx);
  }
  return Ok(TextV(std::move(r)), out);
}

// One format() conversion specification, %[argpos$][-][width|*[widthpos$]]type,
// parsed as PostgreSQL's text_format_parse_format does. Positions are
// 1-based; 0 means "not given"; widthpos -1 means no '*'.
struct FormatSpec {
  int64_t argpos = 0;
  int64_t widthpos = -1;
  bool left = false;
  int64_t width = 0;
};

Status FormatArgZero() {
  return InvalidParam("format specifies argument 0, but arguments are numbered from 1");
}

Status FormatUnterminated() {
  return InvalidParam("unterminated format() type specifier")
      .WithHint("For a single \"%\" use \"%%\".");
}

// Reads decimal digits at f[*i]; false when there are none.
Status FormatDigits(std::string_view f, size_t* i, int64_t* v, bool* any) {
  *any = false;
  *v = 0;
  while (*i < f.size() && f[*i] >= '0' && f[*i] <= '9') {
    *v = *v * 10 + (f[*i] - '0');
    if (*v > INT32_MAX) return OutOfRange("number is");
    ++*i;
    *any = true;
  }
  if (*any && *i >= f.size()) return FormatUnterminated();
  return Status::OK();
}

Status ParseFormatSpec(std::string_view f, size_t* i, FormatSpec* spec) {
  int64_t n = 0;
  bool any = false;
  NANO_RETURN_IF_ERROR(FormatDigits(f, i, &n, &any));
  if (any) {
    if (f[*i] != '$') {  // just a width, then the type
      spec->width = n;
      return Status::OK();
    }
    if (n < 1) return FormatArgZero();
    spec->argpos = n;
    if (++*i >= f.size()) return FormatUnterminated();
  }
  while (f[*i] == '-') {
    spec->left = true;
    if (++*i >= f.size()) return FormatUnterminated();
  }
  if (f[*i] == '*') {
    if (++*i >= f.size()) return FormatUnterminated();
    NANO_RETURN_IF_ERROR(FormatDigits(f, i, &n, &any));
    spec->widthpos = 0;
    if (any) {
      if (f[*i] != '$') return InvalidParam("width argument position must be ended by \"$\"");
      if (n < 1) return FormatArgZero();
      spec->widthpos = n;
      if (++*i >= f.size()) return FormatUnterminated();
    }
  } else {
    NANO_RETURN_IF_ERROR(FormatDigits(f, i, &n, &any));
    if (any) spec->width = n;
  }
  return Status::OK();
}

Status FormatFn(const Value* a, size_t nargs, EvalContext& ctx, Value* out) {
  if (a[0].is_null()) return Ok(Value::Null(ty::kText), out);
  std::string_view f = a[0].str();
  std::string r;
  size_t arg = 1;  // the next argument, as in PostgreSQL (a[0] is the format)
  auto too_few = [] { return InvalidParam("too few arguments for format()"); };
  for (size_t i = 0; i < f.size(); ++i) {
    if (f[i] != '%') {
      r.push_back(f[i]);
      continue;
    }
    if (++i >= f.size()) return FormatUnterminated();
    if (f[i] == '%') {
      r.push_back('%');
      continue;
    }
    FormatSpec spec;
    NANO_RETURN_IF_ERROR(ParseFormatSpec(f, &i, &spec));
    char type = f[i];
    if (type != 's' && type != 'I' && type != 'L')
      return InvalidParam("unrecognized format() type specifier \"" + std::string(1, type) + "\"")
          .WithHint("For a single \"%\" use \"%%\".");
    bool left = spec.left;
    int64_t width = spec.width;
    if (spec.widthpos >= 0) {
      if (spec.widthpos > 0) arg = static_cast<size_t>(spec.widthpos);
      if (arg >= nargs) return too_few();
      if (!a[arg].is_null()) {
        Value w;
        NANO_RETURN_IF_ERROR(
            CastValue(a[arg], TypeRef{ty::kInt4, -1}, CoercionContext::kAssignment, Fmt(ctx), &w));
        width = w.int_value();
        if (width < 0) {
          if (width == INT32_MIN) return OutOfRange("number is");
          left = true;
          width = -width;
        }
      } else {
        width = 0;
      }
      ++arg;
    }
    if (spec.argpos > 0) arg = static_cast<size_t>(spec.argpos);
    if (arg >= nargs) return too_few();
    const Value& v = a[arg++];
    std::string piece;
    if (type == 's') {
      if (!v.is_null()) piece = ValueText(v, ctx);
    } else if (type == 'I') {
      if (v.is_null())
        return Status::Error(sqlstate::kNullValueNotAllowed,
                             "null values cannot be formatted as an SQL identifier");
      piece = QuoteIdent(ValueText(v, ctx));
    } else {
      piece = v.is_null() ? "NULL" : QuoteLiteral(ValueText(v, ctx));
    }
    int64_t len = Utf8Length(piece);
    if (len < width) {
      std::string pad(static_cast<size_t>(width - len), ' ');
      piece = left ? piece + pad : pad + piece;
    }
    r += piece;
  }
  return Ok(TextV(std::move(r)), out);
}

// The `VARIADIC array` forms: a NULL array makes concat and concat_ws NULL and
// gives format() no arguments (PostgreSQL's concat_internal / text_format).
Status ConcatArray(const Value* a, size_t, EvalContext& ctx, Value* out) {
  if (a[0].is_null()) return Ok(Value::Null(ty::kText), out);
  return CallSpread(Concat, a, 0, ctx, out);
}

Status ConcatWsArray(const Value* a, size_t, EvalContext& ctx, Value* out) {
  if (a[0].is_null() || a[1].is_null()) return Ok(Value::Null(ty::kText), out);
  return CallSpread(ConcatWs, a, 1, ctx, out);
}

Status FormatArray(const Value* a, size_t, EvalContext& ctx, Value* out) {
  return CallSpread(FormatFn, a, 1, ctx, out);
}

// ---- string <-> array ---------------------------------------------------------------
Status StringToArray(const Value* a, size_t nargs, EvalContext&, Value* out) {
  if (a[0].is_null()) return Ok(Value::Null(ty::kTextArray), out);
  std::string_view s = a[0].str();
  ValueVector elems;
  if (s.empty()) return Ok(MakeArray(ty::kText, {}), out);
  std::vector<std::string_view> parts;
  if (a[1].is_null()) {
    parts = Utf8Chars(s);
  } else if (a[1].str().empty()) {
    parts = {s};
  } else {
    parts = SplitOn(s, a[1].str());
  }
  bool has_null = nargs > 2 && !a[2].is_null();
  for (std::string_view p : parts) {
    if (has_null && p == a[2].str()) {
      elems.push_back(Value::Null(ty::kText));
    } else {
      elems.push_back(TextV(std::string(p)));
    }
  }
  return Ok(MakeArray(ty::kText, std::move(elems)), out);
}

Status ArrayToString(const Value* a, size_t nargs, EvalContext& ctx, Value* out) {
  if (a[0].is_null() || a[1].is_null()) return Ok(Value::Null(ty::kText), out);
  bool has_null = nargs > 2 && !a[2].is_null();
  std::string r;
  bool first = true;
  for (const Value& e : a[0].array().elements) {
    if (e.is_null() && !has_null) continue;
    if (!first) r += a[1].str();
    first = false;
    r += e.is_null() ? a[2].str() : ValueText(e, ctx);
  }
  return Ok(TextV(std::move(r)), out);
}

// Set-returning string functions: the rows of the array their scalar twin
// builds (regexp_matches: one text[] per match, all with flag g).
template <Status (*kArrayFn)(const Value*, size_t, EvalContext&, Value*)>
Status ExpandArray(const Value* a, size_t nargs, EvalContext& ctx,
                   std::vector<std::vector<Value>>* rows) {
  Value arr;
  NANO_RETURN_IF_ERROR(kArrayFn(a, nargs, ctx, &arr));
  if (arr.is_null()) return Status::OK();
  for (const Value& v : arr.array().elements) rows->push_back({v});
  return Status::OK();
}

}  // namespace

const std::vector<SetReturningFunction>& StringSetReturningFunctions() {
  const TypeOid t = ty::kText;
  static const std::vector<SetReturningFunction> kFns = {
      {"regexp_matches", {t, t}, {{"", ty::kTextArray}}, ExpandArray<RegexpMatchesSet>},
      {"regexp_matches", {t, t, t}, {{"", ty::kTextArray}}, ExpandArray<RegexpMatchesSet>},
      {"regexp_split_to_table", {t, t}, {{"", t}}, ExpandArray<RegexpSplit>},
      {"regexp_split_to_table", {t, t, t}, {{"", t}}, ExpandArray<RegexpSplit>},
      {"string_to_table", {t, t}, {{"", t}}, ExpandArray<StringToArray>, false},
      {"string_to_table", {t, t, t}, {{"", t}}, ExpandArray<StringToArray>, false},
  };
  return kFns;
}

void RegisterString(FunctionRegistry& r) {
  const TypeOid t = ty::kText, i4 = ty::kInt4;
  Reg(r, "||", {t, t}, t, TextCat);
  Reg(r, "||", {ty::kAnyNonArray, t}, t, TextCat, Volatility::kStable);
  Reg(r, "||", {t, ty::kAnyNonArray}, t, TextCat, Volatility::kStable);
  Reg(r, "||", {ty::kBytea, ty::kBytea}, ty::kBytea, ByteaCat);
  Reg(r, "~~", {t, t}, ty::kBool, LikeFn<false, false>);
  Reg(r, "!~~", {t, t}, ty::kBool, LikeFn<true, false>);
  Reg(r, "~~*", {t, t}, ty::kBool, LikeFn<false, true>);
  Reg(r, "!~~*", {t, t}, ty::kBool, LikeFn<true, true>);
  // bpchar and name have their own LIKE/regex operators that see the raw
  // (blank-padded) value, unlike the text cast (bpcharlike, nameregexeq, ...).
  for (TypeOid l : {ty::kBpChar, ty::kName}) {
    Reg(r, "~~", {l, t}, ty::kBool, LikeFn<false, false>);
    Reg(r, "!~~", {l, t}, ty::kBool, LikeFn<true, false>);
    Reg(r, "~~*", {l, t}, ty::kBool, LikeFn<false, true>);
    Reg(r, "!~~*", {l, t}, ty::kBool, LikeFn<true, true>);
    Reg(r, "~", {l, t}, ty::kBool, RegexOp<false, false>);
    Reg(r, "!~", {l, t}, ty::kBool, RegexOp<true, false>);
    Reg(r, "~*", {l, t}, ty::kBool, RegexOp<false, true>);
    Reg(r, "!~*", {l, t}, ty::kBool, RegexOp<true, true>);
  }
  Reg(r, "~~", {ty::kBytea, ty::kBytea}, ty::kBool, LikeFn<false, false>);
  Reg(r, "!~~", {ty::kBytea, ty::kBytea}, ty::kBool, LikeFn<true, false>);
  Reg(r, "like_escape", {t, t}, t, LikeEscape);
  Reg(r, "~", {t, t}, ty::kBool, RegexOp<false, false>);
  Reg(r, "!~", {t, t}, ty::kBool, RegexOp<true, false>);
  Reg(r, "~*", {t, t}, ty::kBool, RegexOp<false, true>);
  Reg(r, "!~*", {t, t}, ty::kBool, RegexOp<true, true>);
  Reg(r, "textlike", {t, t}, ty::kBool, LikeFn<false, false>);
  Reg(r, "regexp_match", {t, t}, ty::kTextArray, RegexpMatch);
  Reg(r, "regexp_match", {t, t, t}, ty::kTextArray, RegexpMatch);
  Reg(r, "regexp_like", {t, t}, ty::kBool, RegexpLike);
  Reg(r, "regexp_like", {t, t, t}, ty::kBool, RegexpLike);
  Reg(r, "regexp_count", {t, t}, i4, RegexpCount);
  Reg(r, "regexp_count", {t, t, i4}, i4, RegexpCount);
  Reg(r, "regexp_count", {t, t, i4, t}, i4, RegexpCount);
  Reg(r, "regexp_replace", {t, t, t}, t, RegexpReplace<false>);
  Reg(r, "regexp_replace", {t, t, t, t}, t, RegexpReplace<false>);
  Reg(r, "regexp_replace", {t, t, t, i4}, t, RegexpReplace<true>);
  Reg(r, "regexp_replace", {t, t, t, i4, i4}, t, RegexpReplace<true>);
  Reg(r, "regexp_replace", {t, t, t, i4, i4, t}, t, RegexpReplace<true>);
  Reg(r, "regexp_instr", {t, t}, i4, RegexpInstr);
  Reg(r, "regexp_instr", {t, t, i4}, i4, RegexpInstr);
  Reg(r, "regexp_instr", {t, t, i4, i4}, i4, RegexpInstr);
  Reg(r, "regexp_instr", {t, t, i4, i4, i4}, i4, RegexpInstr);
  Reg(r, "regexp_instr", {t, t, i4, i4, i4, t}, i4, RegexpInstr);
  Reg(r, "regexp_instr", {t, t, i4, i4, i4, t, i4}, i4, RegexpInstr);
  Reg(r, "regexp_substr", {t, t}, t, RegexpSubstr);
  Reg(r, "regexp_substr", {t, t, i4}, t, RegexpSubstr);
  Reg(r, "regexp_substr", {t, t, i4, i4}, t, RegexpSubstr);
  Reg(r, "regexp_substr", {t, t, i4, i4, t}, t, RegexpSubstr);
  Reg(r, "regexp_substr", {t, t, i4, i4, t, i4}, t, RegexpSubstr);
  Reg(r, "regexp_split_to_array", {t, t}, ty::kTextArray, RegexpSplit);
  Reg(r, "regexp_split_to_array", {t, t, t}, ty::kTextArray, RegexpSplit);
  Reg(r, "substring", {t, t}, t, SubstringRegex);
  for (const char* name : {"length", "char_length", "character_length"}) {
    Reg(r, name, {t}, i4, CharLength);
    Reg(r, name, {ty::kBpChar}, i4, BpCharLength);
  }
  Reg(r, "length", {ty::kBytea}, i4, OctetLength);
  Reg(r, "btrim", {ty::kBytea, ty::kBytea}, ty::kBytea, ByteaTrim<true, true>);
  Reg(r, "ltrim", {ty::kBytea, ty::kBytea}, ty::kBytea, ByteaTrim<true, false>);
  Reg(r, "rtrim", {ty::kBytea, ty::kBytea}, ty::kBytea, ByteaTrim<false, true>);
  Reg(r, "position", {ty::kBytea, ty::kBytea}, i4, ByteaPosition);
  Reg(r, "octet_length", {t}, i4, OctetLength);
  Reg(r, "octet_length", {ty::kBpChar}, i4, OctetLength);
  Reg(r, "octet_length", {ty::kBytea}, i4, OctetLength);
  Reg(r, "bit_length", {t}, i4, BitLength);
  Reg(r, "bit_length", {ty::kBytea}, i4, BitLength);
  Reg(r, "lower", {t}, t, Lower);
  Reg(r, "upper", {t}, t, Upper);
  Reg(r, "initcap", {t}, t, Initcap);
  for (const char* name : {"substr", "substring"}) {
    Reg(r, name, {t, i4}, t, Substr2);
    Reg(r, name, {t, i4, i4}, t, Substr3);
    Reg(r, name, {ty::kBytea, i4}, ty::kBytea, ByteaSubstr);
    Reg(r, name, {ty::kBytea, i4, i4}, ty::kBytea, ByteaSubstr);
  }
  Reg(r, "strpos", {t, t}, i4, Strpos);
  Reg(r, "position", {t, t}, i4, Strpos);
  Reg(r, "btrim", {t}, t, Trim<true, true>);
  Reg(r, "btrim", {t, t}, t, Trim<true, true>);
  Reg(r, "ltrim", {t}, t, Trim<true, false>);
  Reg(r, "ltrim", {t, t}, t, Trim<true, false>);
  Reg(r, "rtrim", {t}, t, Trim<false, true>);
  Reg(r, "rtrim", {t, t}, t, Trim<false, true>);
  Reg(r, "lpad", {t, i4}, t, Pad<true>);
  Reg(r, "lpad", {t, i4, t}, t, Pad<true>);
  Reg(r, "rpad", {t, i4}, t, Pad<false>);
  Reg(r, "rpad", {t, i4, t}, t, Pad<false>);
  Reg(r, "replace", {t, t, t}, t, Replace);
  Reg(r, "split_part", {t, t, i4}, t, SplitPart);
  Reg(r, "left", {t, i4}, t, LeftFn);
  Reg(r, "right", {t, i4}, t, RightFn);
  Reg(r, "repeat", {t, i4}, t, Repeat);
  Reg(r, "reverse", {t}, t, Reverse);
  Reg(r, "translate", {t, t, t}, t, Translate);
  Reg(r, "starts_with", {t, t}, ty::kBool, StartsWith);
  Reg(r, "^@", {t, t}, ty::kBool, StartsWith);
  Reg(r, "ascii", {t}, i4, Ascii);
  Reg(r, "chr", {i4}, t, Chr);
  Reg(r, "to_hex", {i4}, t, ToHex);
  Reg(r, "to_hex", {ty::kInt8}, t, ToHex);
  Reg(r, "quote_ident", {t}, t, QuoteIdentFn);
  Reg(r, "quote_literal", {t}, t, QuoteLiteralFn);
  Reg(r, "quote_literal", {ty::kAnyElement}, t, QuoteLiteralFn, Volatility::kStable);
  Reg(r, "quote_nullable", {t}, t, QuoteNullable, Volatility::kImmutable, false);
  Reg(r, "quote_nullable", {ty::kAnyElement}, t, QuoteNullable, Volatility::kStable, false);
  Reg(r, "md5", {t}, t, Md5);
  Reg(r, "md5", {ty::kBytea}, t, Md5);
  Reg(r, "encode", {ty::kBytea, t}, t, Encode);
  Reg(r, "decode", {t, t}, ty::kBytea, Decode);
  RegVariadic(r, "concat", {ty::kAny}, t, Concat, ConcatArray, Volatility::kStable);
  RegVariadic(r, "concat_ws", {t, ty::kAny}, t, ConcatWs, ConcatWsArray, Volatility::kStable);
  Reg(r, "format", {t}, t, FormatFn, Volatility::kStable, false);
  RegVariadic(r, "format", {t, ty::kAny}, t, FormatFn, FormatArray, Volatility::kStable);
  Reg(r, "string_to_array", {t, t}, ty::kTextArray, StringToArray, Volatility::kImmutable, false);
  Reg(r, "string_to_array", {t, t, t}, ty::kTextArray, StringToArray, Volatility::kImmutable,
      false);
  Reg(r, "array_to_string", {ty::kAnyArray, t}, t, ArrayToString, Volatility::kStable);
  Reg(r, "array_to_string", {ty::kAnyArray, t, t}, t, ArrayToString, Volatility::kStable, false);
}

}  // namespace nano::fn
