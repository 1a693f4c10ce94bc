// engine/types/json_text.cc — a small recursive-descent JSON reader that
// validates input and renders jsonb's canonical text.
#include "types/json_text.h"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "types/numeric.h"
#include "types/utf8.h"

namespace nano {
namespace {

constexpr int kMaxDepth = 6400;  // PostgreSQL's stack-depth guard, roughly

struct JsonReader {
  std::string_view s;
  size_t i = 0;
  bool jsonb;

  Status Invalid(const std::string& detail) {
    return Status::Error(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type json")
        .WithDetail(detail);
  }
  void Skip() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  }
  std::string TokenAt() {
    size_t j = i;
    if (j < s.size() &&
        (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '-' || s[j] == '.')) {
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '.' ||
                              s[j] == '-' || s[j] == '+'))
        ++j;
    } else {
      j = std::min(s.size(), i + 1);
    }
    return std::string(s.substr(i, j - i));
  }
  Status Unexpected() {
    if (i >= s.size()) return Invalid("The input string ended unexpectedly.");
    return Invalid("Token \"" + TokenAt() + "\" is invalid.");
  }

  Status ReadHex4(uint32_t* v) {
    if (i + 4 > s.size()) return Invalid("\"\\u\" must be followed by four hexadecimal digits.");
    uint32_t r = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s[i + k];
      int d = (c >= '0' && c <= '9')   ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : -1;
      if (d < 0) return Invalid("\"\\u\" must be followed by four hexadecimal digits.");
      r = r * 16 + static_cast<uint32_t>(d);
    }
    i += 4;
    *v = r;
    return Status::OK();
  }

  // Reads a string (after the opening quote), decoding escapes.
  Status String(std::string* out) {
    ++i;  // opening quote
    for (;;) {
      if (i >= s.size()) return Invalid("The input string ended unexpectedly.");
      const char c = s[i];
      if (c == '"') {
        ++i;
        return Status::OK();
      }
      if (static_cast<unsigned char>(c) < 0x20) {
        return Invalid("Character with value 0x" + Hex2(static_cast<unsigned char>(c)) +
                       " must be escaped.");
      }
      if (c != '\\') {
        out->push_back(c);
        ++i;
        continue;
      }
      ++i;
      if (i >= s.size()) return Invalid("The input string ended unexpectedly.");
      const char e = s[i++];
      switch (e) {
        case '"':
          out->push_back('"');
          break;
        case '\\':
          out->push_back('\\');
          break;
        case '/':
          out->push_back('/');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'u': {
          uint32_t cp = 0;
          NANO_RETURN_IF_ERROR(ReadHex4(&cp));
          // json only validates the escape's syntax; jsonb decodes it.
          if (!jsonb) break;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (i + 2 > s.size() || s[i] != '\\' || s[i + 1] != 'u') {
              return Invalid(
                  "Unicode high surrogate must not be followed by another high surrogate.");
            }
            i += 2;
            uint32_t lo = 0;
            NANO_RETURN_IF_ERROR(ReadHex4(&lo));
            if (lo < 0xDC00 || lo > 0xDFFF)
              return Invalid("Unicode low surrogate must follow a high surrogate.");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return Invalid("Unicode low surrogate must follow a high surrogate.");
          }
          if (cp == 0 && jsonb) {
            return Status::Error("22P05", "unsupported Unicode escape sequence")
                .WithDetail("\\u0000 cannot be converted to text.");
          }
          AppendUtf8(cp, out);
          break;
        }
        default:
          return Invalid("Escape sequence \"\\" + std::string(1, e) + "\" is invalid.");
      }
    }
  }
  static std::string Hex2(unsigned v) {
    char b[4];
    std::snprintf(b, sizeof b, "%02x", v);
    return b;
  }

  Status Number(std::string* out) {
    const size_t start = i;
    if (s[i] == '-') ++i;
    if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) {
      i = start;
      return Unexpected();
    }
    if (s[i] == '0') {
      ++i;
    } else {
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    }
    if (i < s.size() && s[i] == '.') {
      ++i;
      if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) {
        i = start;
        return Unexpected();
      }
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    }
    if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
      ++i;
      if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
      if (i >= s.size() || !std::isdigit(static_cast<unsigned char>(s[i]))) {
        i = start;
        return Unexpected();
      }
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    }
    if (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '.')) {
      i = start;
      return Unexpected();
    }
    std::string_view lit = s.substr(start, i - start);
    if (!jsonb) return Status::OK();
    Numeric n;
    NANO_RETURN_IF_ERROR(Numeric::Parse(lit, &n));
    n.AppendTo(out);
    return Status::OK();
  }

  Status Value(std::string* out, int depth) {
    if (depth > kMaxDepth)
      return Status::Error(sqlstate::kStatementTooComplex, "stack depth limit exceeded");
    Skip();
    if (i >= s.size()) return Invalid("The input string ended unexpectedly.");
    const char c = s[i];
    if (c == '{') {
      ++i;
      std::vector<std::pair<std::string, std::string>> members;
      Skip();
      if (i < s.size() && s[i] == '}') {
        ++i;
      } else {
        for (;;) {
          Skip();
          if (i >= s.size()) return Invalid("The input string ended unexpectedly.");
          if (s[i] != '"') return Unexpected();
          std::string key;
          NANO_RETURN_IF_ERROR(String(&key));
          Skip();
          if (i >= s.size()) return Invalid("The input string ended unexpectedly.");
          if (s[i] != ':') return Unexpected();
          ++i;
          std::string val;
          NANO_RETURN_IF_ERROR(Value(&val, depth + 1));
          members.emplace_back(std::move(key), std::move(val));
          Skip();
          if (i >= s.size()) return Invalid("The input string ended unexpectedly.");
          if (s[i] == ',') {
            ++i;
            continue;
          }
          if (s[i] == '}') {
            ++i;
            break;
          }
          return Unexpected();
        }
      }
      if (!jsonb) return Status::OK();
      // Last duplicate wins; order by (length, bytes).
      std::stable_sort(members.begin(), members.end(), [](const auto& a, const auto& b) {
        if (a.first.size() != b.first.size()) return a.first.size() < b.first.size();
        return a.first < b.first;
      });
      std::vector<std::pair<std::string, std::string>> uniq;
      for (auto& m : members) {
        if (!uniq.empty() && uniq.back().first == m.first) {
          uniq.back() = std::move(m);
        } else {
          uniq.push_back(std::move(m));
        }
      }
      out->push_back('{');
      for (size_t k = 0; k < uniq.size(); ++k) {
        if (k) out->append(", ");
        AppendJsonString(uniq[k].first, out);
        out->append(": ");
        out->append(uniq[k].second);
      }
      out->push_back('}');
      return Status::OK();
    }
    if (c == '[') {
      ++i;
      if (jsonb) out->push_back('[');
      Skip();
      if (i < s.size() && s[i] == ']') {
        ++i;
      } else {
        for (int n = 0;; ++n) {
          if (jsonb && n) out->append(", ");
          NANO_RETURN_IF_ERROR(Value(out, depth + 1));
          Skip();
          if (i >= s.size()) return Invalid("The input string ended unexpectedly.");
          if (s[i] == ',') {
            ++i;
            continue;
          }
          if (s[i] == ']') {
            ++i;
            break;
          }
          return Unexpected();
        }
      }
      if (jsonb) out->push_back(']');
      return Status::OK();
    }
    if (c == '"') {
      std::string str;
      NANO_RETURN_IF_ERROR(String(&str));
      if (jsonb) AppendJsonString(str, out);
      return Status::OK();
    }
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) return Number(out);
    for (const char* lit : {"true", "false", "null"}) {
      const std::string_view l(lit);
      if (s.substr(i, l.size()) == l &&
          (i + l.size() >= s.size() ||
           !std::isalnum(static_cast<unsigned char>(s[i + l.size()])))) {
        i += l.size();
        if (jsonb) out->append(l);
        return Status::OK();
      }
    }
    return Unexpected();
  }
};

}  // namespace

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append("\\t");
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char b[8];
          std::snprintf(b, sizeof b, "\\u%04x", static_cast<unsigned char>(c));
          out->append(b);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

Status NormalizeJson(std::string_view text, bool jsonb, std::string* out) {
  JsonReader r{text, 0, jsonb};
  out->clear();
  NANO_RETURN_IF_ERROR(r.Value(out, 0));
  r.Skip();
  if (r.i != text.size()) return r.Unexpected();
  return Status::OK();
}

}  // namespace nano
