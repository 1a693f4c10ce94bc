// engine/parser/depth_bound.cc — a cheap upper bound on a query's tree depth.
//
// libpg_query and protobuf-c recurse once (or twice) per tree level with
// large frames (protobuf-c's unpack uses ~1.6 KB per message), so a
// statement like "SELECT 1+1+...+1" with a few thousand terms overflows an
// 8 MB thread stack before the transform sees a single node. ParseSql
// therefore bounds the depth from the tokens first, and parses statements
// whose bound is high on a thread with a stack large enough for that bound.
//
// The bound: per parenthesis (or CASE ... END) level, operator chains are
// counted per segment between commas, AND/OR and WHEN/THEN/ELSE (siblings in
// a list do not nest); set operations, JOIN and SELECT chain across commas
// and are counted for the whole level; a level adds the deepest child level
// it contains plus a few wrapper levels. It is conservative (never below the
// real depth), not tight.
#include <algorithm>
#include <cctype>
#include <cstring>
#include <vector>

#include "parser/transform.h"

namespace nano::parser_internal {

namespace {

struct Level {
  bool is_case = false;   // opened by CASE (closed by END) rather than '(' / '['
  bool has_list = false;  // AND/OR/WHEN/THEN/ELSE seen: their operands are siblings
  int chain = 0;          // UNION/INTERSECT/EXCEPT/JOIN/SELECT on this level
  int ops = 0;            // operators and other words in the current segment
  int max_ops = 0;        // largest `ops` of any segment
  int max_inner = 0;      // deepest closed child level
  int Contribution() const { return chain + max_ops + max_inner + (has_list ? 4 : 2); }
};

bool IsIdentStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool IsIdentChar(unsigned char c) { return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80; }

enum class WordKind { kChain, kSeparator, kCase, kEnd, kOther };

// How a word affects nesting. PostgreSQL's grammar flattens AND/OR chains
// into one list and CASE keeps its WHEN/THEN arms in a list, so those words
// separate siblings; set operations and joins nest left-deep across commas.
WordKind ClassifyWord(std::string_view w) {
  if (w.size() < 2 || w.size() > 9) return WordKind::kOther;
  char lower[10];
  for (size_t i = 0; i < w.size(); ++i)
    lower[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(w[i])));
  std::string_view k(lower, w.size());
  if (k == "union" || k == "intersect" || k == "except" || k == "join" || k == "select")
    return WordKind::kChain;
  if (k == "and" || k == "or" || k == "when" || k == "then" || k == "else")
    return WordKind::kSeparator;
  if (k == "case") return WordKind::kCase;
  if (k == "end") return WordKind::kEnd;
  return WordKind::kOther;
}

// Index just past a quoted run starting at s[i] == quote ('' or "" doubling;
// backslash escapes when `backslash`).
size_t SkipQuoted(std::string_view s, size_t i, char quote, bool backslash) {
  for (++i; i < s.size(); ++i) {
    if (backslash && s[i] == '\\') {
      ++i;
    } else if (s[i] == quote) {
      if (i + 1 < s.size() && s[i + 1] == quote) {
        ++i;
      } else {
        return i + 1;
      }
    }
  }
  return s.size();
}

}  // namespace

int DepthBound(std::string_view s) {
  std::vector<Level> levels(1);
  int bound = 0;
  auto fold_all = [&] {
    while (levels.size() > 1) {
      int inner = levels.back().Contribution();
      levels.pop_back();
      levels.back().max_inner = std::max(levels.back().max_inner, inner);
    }
    bound = std::max(bound, levels[0].Contribution());
    levels[0] = Level();
  };
  auto close = [&] {
    int inner = levels.back().Contribution();
    levels.pop_back();
    levels.back().max_inner = std::max(levels.back().max_inner, inner);
  };
  auto op = [&] {
    Level& l = levels.back();
    l.max_ops = std::max(l.max_ops, ++l.ops);
  };
  size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (std::isspace(c)) {
      ++i;
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      while (i < s.size() && s[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      int nest = 0;
      while (i < s.size()) {
        if (s[i] == '/' && i + 1 < s.size() && s[i + 1] == '*') {
          ++nest;
          i += 2;
        } else if (s[i] == '*' && i + 1 < s.size() && s[i + 1] == '/') {
          i += 2;
          if (--nest == 0) break;
        } else {
          ++i;
        }
      }
    } else if (c == '\'') {
      bool escape = i > 0 && (s[i - 1] == 'e' || s[i - 1] == 'E') &&
                    (i == 1 || !IsIdentChar(static_cast<unsigned char>(s[i - 2])));
      i = SkipQuoted(s, i, '\'', escape);
    } else if (c == '"') {
      i = SkipQuoted(s, i, '"', false);
    } else if (c == '$') {
      size_t j = i + 1;
      while (j < s.size() && IsIdentChar(static_cast<unsigned char>(s[j])) && s[j] != '$') ++j;
      bool is_tag = j < s.size() && s[j] == '$' &&
                    (j == i + 1 || !std::isdigit(static_cast<unsigned char>(s[i + 1])));
      if (is_tag) {
        std::string_view tag = s.substr(i, j - i + 1);
        size_t end = s.find(tag, j + 1);
        i = end == std::string_view::npos ? s.size() : end + tag.size();
      } else {
        i = j;  // $n parameter
      }
    } else if (std::isdigit(c) || (c == '.' && i + 1 < s.size() &&
                                   std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
      while (i < s.size() && (IsIdentChar(static_cast<unsigned char>(s[i])) || s[i] == '.')) ++i;
    } else if (IsIdentStart(c)) {
      size_t j = i;
      while (j < s.size() && IsIdentChar(static_cast<unsigned char>(s[j]))) ++j;
      switch (ClassifyWord(s.substr(i, j - i))) {
        case WordKind::kChain:
          ++levels.back().chain;
          break;
        case WordKind::kSeparator:
          levels.back().ops = 0;
          levels.back().has_list = true;
          break;
        case WordKind::kCase:
          levels.emplace_back();
          levels.back().is_case = true;
          break;
        case WordKind::kEnd:
          if (levels.size() > 1 && levels.back().is_case) close();
          break;
        case WordKind::kOther:
          op();
          break;  // keywords (NOT, IS ...) may nest; names only overestimate
      }
      i = j;
    } else if (c == '(' || c == '[') {
      levels.emplace_back();
      ++i;
    } else if (c == ')' || c == ']') {
      while (levels.size() > 1 && levels.back().is_case) close();  // unterminated CASE
      if (levels.size() > 1) close();
      ++i;
    } else if (c == ',') {
      levels.back().ops = 0;
      ++i;
    } else if (c == ';') {
      fold_all();
      ++i;
    } else {
      op();  // operator characters, '::', '.', ...
      ++i;
      while (i < s.size() && std::strchr("+-*/<>=~!@#%^&|`?:", s[i]) != nullptr && s[i] != '\0')
        ++i;
    }
  }
  fold_all();
  return bound;
}

}  // namespace nano::parser_internal
