// engine/function/string_util.cc — UTF-8 helpers, quoting and the ARE ->
// ECMAScript regex translation used by the string functions.
#include "function/string_util.h"

#include <algorithm>
#include <cassert>
#include <list>
#include <regex>
#include <unordered_map>

#include "function/builtins.h"
#include "types/text_io.h"
#include "types/type_info.h"

namespace nano::fn {

int Utf8SeqLen(unsigned char c) {
  if (c < 0x80) return 1;
  if ((c & 0xE0) == 0xC0) return 2;
  if ((c & 0xF0) == 0xE0) return 3;
  if ((c & 0xF8) == 0xF0) return 4;
  return 1;
}

int64_t Utf8Length(std::string_view s) {
  int64_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

size_t Utf8Offset(std::string_view s, int64_t chars) {
  size_t pos = 0;
  while (chars > 0 && pos < s.size()) {
    pos += Utf8SeqLen(static_cast<unsigned char>(s[pos]));
    --chars;
  }
  return std::min(pos, s.size());
}

std::vector<std::string_view> Utf8Chars(std::string_view s) {
  std::vector<std::string_view> out;
  size_t pos = 0;
  while (pos < s.size()) {
    size_t len = std::min<size_t>(Utf8SeqLen(static_cast<unsigned char>(s[pos])), s.size() - pos);
    out.push_back(s.substr(pos, len));
    pos += len;
  }
  return out;
}

uint32_t DecodeUtf8(std::string_view s, size_t* pos) {
  unsigned char c = static_cast<unsigned char>(s[*pos]);
  int len = Utf8SeqLen(c);
  if (len == 1 || *pos + len > s.size()) {
    ++*pos;
    return c;
  }
  uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
  for (int i = 1; i < len; ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[*pos + i]) & 0x3F);
  *pos += len;
  return cp;
}

namespace {
// Simple case mapping: ASCII, Latin-1, Greek and Cyrillic basic blocks.
uint32_t ToLower(uint32_t c) {
  if (c >= 'A' && c <= 'Z') return c + 32;
  if ((c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;
  if (c >= 0x410 && c <= 0x42F) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}
uint32_t ToUpper(uint32_t c) {
  if (c >= 'a' && c <= 'z') return c - 32;
  if ((c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 32;
  if (c >= 0x3B1 && c <= 0x3CB && c != 0x3C2) return c - 32;
  if (c >= 0x430 && c <= 0x44F) return c - 32;
  if (c >= 0x450 && c <= 0x45F) return c - 80;
  return c;
}
std::string MapCase(std::string_view s, uint32_t (*f)(uint32_t)) {
  std::string out;
  out.reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(f(c)));
      ++pos;
    } else {
      AppendUtf8(f(DecodeUtf8(s, &pos)), &out);
    }
  }
  return out;
}
}  // namespace

std::string LowerText(std::string_view s) { return MapCase(s, ToLower); }
std::string UpperText(std::string_view s) { return MapCase(s, ToUpper); }

std::string ValueText(const Value& v, const EvalContext& ctx) {
  if (IsStringType(v.type()) || v.type() == type::kJson) return v.str();
  std::string s;
  FormatText(v, Fmt(ctx), &s);
  return s;
}

Value MakeArray(TypeOid elem, ValueVector elements) {
  auto data = std::make_shared<ArrayData>();
  if (!elements.empty()) {
    data->dims = {static_cast<int32_t>(elements.size())};
    data->lower_bounds = {1};
  }
  data->elements = std::move(elements);
  TypeOid arr = ArrayTypeOf(elem);
  return Value::Array(arr ? arr : type::kTextArray, std::move(data));
}

namespace {
// Keywords that quote_ident quotes (PostgreSQL's reserved, column-name and
// type/function-name keywords; unreserved keywords are left bare).
const char* const kQuotedKeywords[] = {"all",
                                       "analyse",
                                       "analyze",
                                       "and",
                                       "any",
                                       "array",
                                       "as",
                                       "asc",
                                       "asymmetric",
                                       "authorization",
                                       "between",
                                       "bigint",
                                       "binary",
                                       "bit",
                                       "boolean",
                                       "both",
                                       "case",
                                       "cast",
                                       "char",
                                       "character",
                                       "check",
                                       "coalesce",
                                       "collate",
                                       "collation",
                                       "column",
                                       "concurrently",
                                       "constraint",
                                       "create",
                                       "cross",
                                       "current_catalog",
                                       "current_date",
                                       "current_role",
                                       "current_schema",
                                       "current_time",
                                       "current_timestamp",
                                       "current_user",
                                       "dec",
                                       "decimal",
                                       "default",
                                       "deferrable",
                                       "desc",
                                       "distinct",
                                       "do",
                                       "else",
                                       "end",
                                       "except",
                                       "exists",
                                       "extract",
                                       "false",
                                       "fetch",
                                       "float",
                                       "for",
                                       "foreign",
                                       "freeze",
                                       "from",
                                       "full",
                                       "grant",
                                       "greatest",
                                       "group",
                                       "grouping",
                                       "having",
                                       "ilike",
                                       "in",
                                       "initially",
                                       "inner",
                                       "inout",
                                       "int",
                                       "integer",
                                       "intersect",
                                       "interval",
                                       "into",
                                       "is",
                                       "isnull",
                                       "join",
                                       "json_array",
                                       "json_arrayagg",
                                       "json_object",
                                       "json_objectagg",
                                       "lateral",
                                       "leading",
                                       "least",
                                       "left",
                                       "like",
                                       "limit",
                                       "localtime",
                                       "localtimestamp",
                                       "national",
                                       "natural",
                                       "nchar",
                                       "none",
                                       "normalize",
                                       "not",
                                       "notnull",
                                       "null",
                                       "nullif",
                                       "numeric",
                                       "offset",
                                       "on",
                                       "only",
                                       "or",
                                       "order",
                                       "out",
                                       "outer",
                                       "overlaps",
                                       "overlay",
                                       "placing",
                                       "position",
                                       "precision",
                                       "primary",
                                       "real",
                                       "references",
                                       "returning",
                                       "right",
                                       "row",
                                       "select",
                                       "session_user",
                                       "setof",
                                       "similar",
                                       "smallint",
                                       "some",
                                       "substring",
                                       "symmetric",
                                       "system_user",
                                       "table",
                                       "tablesample",
                                       "then",
                                       "time",
                                       "timestamp",
                                       "to",
                                       "trailing",
                                       "treat",
                                       "trim",
                                       "true",
                                       "union",
                                       "unique",
                                       "user",
                                       "using",
                                       "values",
                                       "varchar",
                                       "variadic",
                                       "verbose",
                                       "when",
                                       "where",
                                       "window",
                                       "with",
                                       "xmlattributes",
                                       "xmlconcat",
                                       "xmlelement",
                                       "xmlexists",
                                       "xmlforest",
                                       "xmlnamespaces",
                                       "xmlparse",
                                       "xmlpi",
                                       "xmlroot",
                                       "xmlserialize",
                                       "xmltable"};
}  // namespace

std::string QuoteIdent(std::string_view s) {
  bool safe = !s.empty() && ((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_');
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) safe = false;
  if (safe) {
    for (const char* k : kQuotedKeywords)
      if (s == k) safe = false;
  }
  if (safe) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

std::string QuoteLiteral(std::string_view s) {
  std::string out;
  if (s.find('\\') != std::string_view::npos) out.push_back('E');
  out.push_back('\'');
  for (char c : s) {
    if (c == '\'' || c == '\\') out.push_back(c);
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

// ---- regular expressions -------------------------------------------------------
class CompiledRegex {
 public:
  std::regex re;
  size_t groups = 0;
  // std::regex's icase folds single bytes only: non-ASCII letters are folded
  // by us in both pattern and text (our case map keeps UTF-8 byte lengths).
  bool fold_non_ascii = false;
};

namespace {
std::string FoldNonAscii(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[pos]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++pos;
      continue;
    }
    size_t start = pos;
    DecodeUtf8(s, &pos);
    out += LowerText(s.substr(start, pos - start));
  }
  return out;
}
bool HasNonAscii(std::string_view s) {
  for (unsigned char c : s)
    if (c >= 0x80) return true;
  return false;
}
}  // namespace

namespace {

Status RegexError(std::string what) {
  return Status::Error(sqlstate::kInvalidRegularExpression,
                       "invalid regular expression: " + std::move(what));
}

// Translates PostgreSQL ARE syntax to ECMAScript. `newline_sensitive` = flag n.
Status TranslateAre(std::string_view p, bool newline_sensitive, bool expanded, std::string* out,
                    size_t* groups) {
  out->clear();
  *groups = 0;
  int depth = 0;
  if (p.substr(0, 4) == "***=") {  // literal pattern
    for (char c : p.substr(4)) {
      if (std::string_view("\\^$.|?*+()[]{}").find(c) != std::string_view::npos)
        out->push_back('\\');
      out->push_back(c);
    }
    return Status::OK();
  }
  if (p.substr(0, 4) == "***:") p.remove_prefix(4);
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (expanded && (c == ' ' || c == '\t' || c == '\n')) continue;
    if (expanded && c == '#') {
      while (i < p.size() && p[i] != '\n') ++i;
      continue;
    }
    if (c == '\\') {
      if (i + 1 >= p.size()) return RegexError("invalid escape \\ sequence");
      char e = p[++i];
      switch (e) {
        case 'm':
          *out += "\\b(?=\\w)";
          break;
        case 'M':
          *out += "\\b(?!\\w)";
          break;
        case 'y':
          *out += "\\b";
          break;
        case 'Y':
          *out += "\\B";
          break;
        case 'A':
          *out += "^";
          break;
        case 'Z':
          *out += "$";
          break;
        default:
          out->push_back('\\');
          out->push_back(e);
      }
      continue;
    }
    if (c == '[') {
      // Copy a bracket expression verbatim (it has the same syntax), handling
      // a leading ']' and [:class:] / [.x.] / [=x=] items.
      size_t j = i + 1;
      std::string br = "[";
      if (j < p.size() && p[j] == '^') br.push_back(p[j++]);
      if (j < p.size() && p[j] == ']') {
        br += "\\]";
        ++j;
      }
      bool closed = false;
      while (j < p.size()) {
        if (p[j] == '[' && j + 1 < p.size() &&
            (p[j + 1] == ':' || p[j + 1] == '.' || p[j + 1] == '=')) {
          char kind = p[j + 1];
          size_t end = p.find(std::string{kind, ']'}, j + 2);
          if (end == std::string_view::npos) return RegexError("brackets [] not balanced");
          br.append(p.substr(j, end + 2 - j));
          j = end + 2;
          continue;
        }
        if (p[j] == ']') {
          closed = true;
          break;
        }
        if (p[j] == '\\' && j + 1 < p.size()) {
          br.push_back(p[j++]);
        } else if (p[j] == '[') {
          br.push_back('\\');
        }
        br.push_back(p[j++]);
      }
      if (!closed) return RegexError("brackets [] not balanced");
      br.push_back(']');
      *out += br;
      i = j;
      continue;
    }
    if (c == '(') {
      if (i + 1 < p.size() && p[i + 1] == '?') {
        if (i + 2 < p.size() && (p[i + 2] == '<'))
          return RegexError("invalid regular expression: lookbehind constraints are not supported");
      } else {
        ++*groups;
      }
      ++depth;
    } else if (c == ')') {
      if (--depth < 0) return RegexError("parentheses () not balanced");
    } else if (c == '.' && !newline_sensitive) {
      *out += "[\\s\\S]";
      continue;
    } else if (c == '{') {
      // A brace not starting a bound is literal in ARE only after an atom; keep as is.
    }
    out->push_back(c);
  }
  if (depth != 0) return RegexError("parentheses () not balanced");
  return Status::OK();
}

struct CacheKey {
  std::string pattern;
  std::string flags;
  bool operator==(const CacheKey& o) const { return pattern == o.pattern && flags == o.flags; }
};
struct CacheKeyHash {
  size_t operator()(const CacheKey& k) const {
    return std::hash<std::string>()(k.pattern) * 31 + std::hash<std::string>()(k.flags);
  }
};

}  // namespace

Status CompileRegex(std::string_view pattern, std::string_view flags, bool case_insensitive,
                    std::shared_ptr<const CompiledRegex>* out, bool* global) {
  bool icase = case_insensitive, nl = false, expanded = false, g = false;
  for (char f : flags) {
    switch (f) {
      case 'i':
        icase = true;
        break;
      case 'c':
        icase = false;
        break;
      case 'n':
      case 'm':
        nl = true;
        break;
      case 's':
        nl = false;
        break;
      case 'x':
        expanded = true;
        break;
      case 'e':
      case 'q':
      case 'b':
      case 'p':
      case 'w':
      case 't':
        break;
      case 'g':
        if (global) {
          g = true;
          break;
        }
        [[fallthrough]];
      default:
        return InvalidParam("invalid regular expression option: \"" + std::string(1, f) + "\"");
    }
  }
  // Embedded options "(?i)" at the start, as ARE allows.
  if (pattern.size() >= 3 && pattern.substr(0, 2) == "(?") {
    size_t close = pattern.find(')');
    std::string_view opts = pattern.substr(2, close == std::string_view::npos ? 0 : close - 2);
    bool all_letters = !opts.empty() && close != std::string_view::npos &&
                       std::all_of(opts.begin(), opts.end(), [](char ch) {
                         return std::isalpha(static_cast<unsigned char>(ch));
                       });
    if (all_letters) {
      for (char f : opts) {
        if (f == 'i')
          icase = true;
        else if (f == 'c')
          icase = false;
        else if (f == 'n' || f == 'm')
          nl = true;
        else if (f == 'x')
          expanded = true;
      }
      pattern.remove_prefix(close + 1);
    }
  }
  if (global) *global = g;
  std::string key_flags = std::string(icase ? "i" : "") + (nl ? "n" : "") + (expanded ? "x" : "");
  thread_local std::unordered_map<CacheKey, std::shared_ptr<const CompiledRegex>, CacheKeyHash>
      cache;
  CacheKey key{std::string(pattern), key_flags};
  auto it = cache.find(key);
  if (it != cache.end()) {
    *out = it->second;
    return Status::OK();
  }
  std::string ecma;
  size_t groups = 0;
  std::string folded;
  bool fold = icase && HasNonAscii(pattern);
  if (fold) {
    folded = FoldNonAscii(pattern);
    pattern = folded;
  }
  NANO_RETURN_IF_ERROR(TranslateAre(pattern, nl, expanded, &ecma, &groups));
  auto compiled = std::make_shared<CompiledRegex>();
  compiled->fold_non_ascii = icase;
  auto syntax = std::regex::ECMAScript;
  if (icase) syntax |= std::regex::icase;
#if defined(__GLIBCXX__) && __cplusplus >= 201703L
  if (nl) syntax |= std::regex::multiline;
#endif
  try {
    compiled->re = std::regex(ecma, syntax);
  } catch (const std::regex_error& e) {
    return RegexError(e.what());
  }
  compiled->groups = groups;
  if (cache.size() > 256) cache.clear();  // bounded memory
  cache.emplace(std::move(key), compiled);
  *out = std::move(compiled);
  return Status::OK();
}

bool RegexSearch(const CompiledRegex& re, std::string_view text, size_t start, RegexMatch* m) {
  if (start > text.size()) return false;
  std::string folded;
  if (re.fold_non_ascii && HasNonAscii(text)) {
    folded = FoldNonAscii(text);
    text = folded;  // same byte offsets: the fold keeps UTF-8 lengths
  }
  std::cmatch cm;
  auto flags = std::regex_constants::match_default;
  if (start > 0) flags |= std::regex_constants::match_prev_avail;
  bool found;
  try {
    found = std::regex_search(text.data() + start, text.data() + text.size(), cm, re.re, flags);
  } catch (const std::regex_error&) {
    return false;  // complexity limits: treat as no match
  }
  if (!found) return false;
  m->groups.clear();
  for (size_t i = 0; i < cm.size(); ++i) {
    if (!cm[i].matched) {
      m->groups.emplace_back(std::string_view::npos, 0);
    } else {
      m->groups.emplace_back(static_cast<size_t>(cm[i].first - text.data()),
                             static_cast<size_t>(cm[i].length()));
    }
  }
  return true;
}

size_t RegexGroupCount(const CompiledRegex& re) { return re.groups; }

}  // namespace nano::fn
