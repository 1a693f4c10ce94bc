// engine/types/text_io.cc — typinput/typoutput for the built-in types.
#include "types/text_io.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>

#include "types/datetime.h"
#include "types/enum_value.h"
#include "types/geometry.h"
#include "types/json_text.h"
#include "types/money.h"
#include "types/numeric.h"
#include "types/record.h"
#include "types/type_info.h"

namespace nano {
namespace {

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// Built with append(): GCC 12 reports a false -Wrestrict on "\"" + str + "\"".
std::string Quote(std::string_view s) {
  std::string q;
  q.reserve(s.size() + 2);
  q.push_back('"');
  q.append(s);
  q.push_back('"');
  return q;
}

Status SyntaxError(const char* type_name, std::string_view text) {
  return Status::Error(
      sqlstate::kInvalidTextRepresentation,
      std::string("invalid input syntax for type ") + type_name + ": " + Quote(text));
}

// Counts UTF-8 characters (continuation bytes are not counted).
size_t CharLength(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Byte offset of the first `chars` characters.
size_t ByteOffsetOfChars(std::string_view s, size_t chars) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == chars) return i;
      ++n;
    }
  }
  return s.size();
}

// regclassin & co take an all-digit string as the oid itself.
bool LooksNumeric(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// A reg* name read without a catalog (no session): nothing can be found.
Status CannotResolveName(TypeOid t, std::string_view name) {
  const std::string quoted = "\"" + std::string(name) + "\"";
  switch (t) {
    case type::kRegClass:
      return Status::Error(sqlstate::kUndefinedTable, "relation " + quoted + " does not exist");
    case type::kRegNamespace:
      return Status::Error(sqlstate::kInvalidSchemaName, "schema " + quoted + " does not exist");
    case type::kRegProc:
    case type::kRegProcedure:
      return Status::Error(sqlstate::kUndefinedFunction, "function " + quoted + " does not exist");
    case type::kRegRole:
      return Status::Error(sqlstate::kUndefinedObject, "role " + quoted + " does not exist");
    default:
      return Status::Error(sqlstate::kUndefinedObject, "type " + quoted + " does not exist");
  }
}

Status ParseInteger(std::string_view text, TypeOid t, int64_t* out) {
  const char* name = t == type::kInt2   ? "smallint"
                     : t == type::kInt4 ? "integer"
                     : t == type::kOid  ? "oid"
                                        : "bigint";
  std::string_view s = Trim(text);
  bool neg = false;
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
    neg = s[i] == '-';
    ++i;
  }
  if (i >= s.size()) return SyntaxError(name, text);
  unsigned __int128 v = 0;
  bool overflow = false;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return SyntaxError(name, text);
    v = v * 10 + static_cast<unsigned>(s[i] - '0');
    if (v > (static_cast<unsigned __int128>(1) << 64)) overflow = true;
  }
  __int128 sv = neg ? -static_cast<__int128>(v) : static_cast<__int128>(v);
  __int128 lo, hi;
  switch (t) {
    case type::kInt2:
      lo = INT16_MIN;
      hi = INT16_MAX;
      break;
    case type::kInt4:
      lo = INT32_MIN;
      hi = INT32_MAX;
      break;
    case type::kOid:
      lo = INT32_MIN;
      hi = UINT32_MAX;
      break;  // oidin accepts negatives (wraps)
    default:
      lo = INT64_MIN;
      hi = INT64_MAX;
      break;
  }
  if (overflow || sv < lo || sv > hi) {
    return Status::Error(sqlstate::kNumericValueOutOfRange,
                         "value " + Quote(text) + " is out of range for type " + name);
  }
  if (t == type::kOid && sv < 0) sv += static_cast<__int128>(1) << 32;
  *out = static_cast<int64_t>(sv);
  return Status::OK();
}

bool IEq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  }
  return true;
}

Status ParseFloat(std::string_view text, bool is_float4, double* out) {
  const char* name = is_float4 ? "real" : "double precision";
  std::string_view s = Trim(text);
  if (s.empty()) return SyntaxError(name, text);
  std::string_view body = s;
  bool neg = false;
  if (body[0] == '+' || body[0] == '-') {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  if (IEq(s, "NaN")) {
    *out = std::nan("");
    return Status::OK();
  }
  if (IEq(body, "Infinity") || IEq(body, "inf")) {
    *out = neg ? -HUGE_VAL : HUGE_VAL;
    return Status::OK();
  }
  // strtod accepts hex floats and "nan(...)"; PostgreSQL relies on it too,
  // but require a digit or '.' first to reject names like "infinityx".
  const std::string buf(s);
  char* end = nullptr;
  errno = 0;
  double v;
  if (is_float4) {
    v = static_cast<double>(std::strtof(buf.c_str(), &end));
  } else {
    v = std::strtod(buf.c_str(), &end);
  }
  if (end == buf.c_str() || *end != '\0') return SyntaxError(name, text);
  if (errno == ERANGE) {
    if (v == 0.0 || std::isinf(v)) {
      return Status::Error(sqlstate::kNumericValueOutOfRange,
                           Quote(text) + " is out of range for type " + name);
    }
  }
  *out = v;
  return Status::OK();
}

Status ParseBool(std::string_view text, bool* out) {
  std::string_view s = Trim(text);
  const size_t n = s.size();
  auto prefix_of = [&](const char* word, size_t min_len) {
    return n >= min_len && n <= std::strlen(word) && IEq(s, std::string_view(word, n));
  };
  if (n > 0) {
    switch (std::tolower(static_cast<unsigned char>(s[0]))) {
      case 't':
        if (prefix_of("true", 1)) {
          *out = true;
          return Status::OK();
        }
        break;
      case 'f':
        if (prefix_of("false", 1)) {
          *out = false;
          return Status::OK();
        }
        break;
      case 'y':
        if (prefix_of("yes", 1)) {
          *out = true;
          return Status::OK();
        }
        break;
      case 'n':
        if (prefix_of("no", 1)) {
          *out = false;
          return Status::OK();
        }
        break;
      case 'o':
        if (prefix_of("on", 2)) {
          *out = true;
          return Status::OK();
        }
        if (prefix_of("off", 2)) {
          *out = false;
          return Status::OK();
        }
        break;
      case '1':
        if (n == 1) {
          *out = true;
          return Status::OK();
        }
        break;
      case '0':
        if (n == 1) {
          *out = false;
          return Status::OK();
        }
        break;
      default:
        break;
    }
  }
  return SyntaxError("boolean", text);
}

int HexVal(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Status ParseBytea(std::string_view s, std::string* out) {
  out->clear();
  if (s.size() >= 2 && s[0] == '\\' && s[1] == 'x') {
    for (size_t i = 2; i < s.size();) {
      if (IsSpace(s[i])) {
        ++i;
        continue;
      }
      const int hi = HexVal(s[i]);
      if (hi < 0) {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             "invalid hexadecimal digit: \"" + std::string(1, s[i]) + "\"");
      }
      if (i + 1 >= s.size()) {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             "invalid hexadecimal data: odd number of digits");
      }
      const int lo = HexVal(s[i + 1]);
      if (lo < 0) {
        if (IsSpace(s[i + 1])) {
          return Status::Error(sqlstate::kInvalidParameterValue,
                               "invalid hexadecimal data: odd number of digits");
        }
        return Status::Error(sqlstate::kInvalidParameterValue,
                             "invalid hexadecimal digit: \"" + std::string(1, s[i + 1]) + "\"");
      }
      out->push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    }
    return Status::OK();
  }
  for (size_t i = 0; i < s.size();) {
    if (s[i] != '\\') {
      out->push_back(s[i++]);
      continue;
    }
    if (i + 1 < s.size() && s[i + 1] == '\\') {
      out->push_back('\\');
      i += 2;
      continue;
    }
    if (i + 3 < s.size() + 0 && s[i + 1] >= '0' && s[i + 1] <= '3' && s[i + 2] >= '0' &&
        s[i + 2] <= '7' && s[i + 3] >= '0' && s[i + 3] <= '7') {
      out->push_back(
          static_cast<char>((s[i + 1] - '0') * 64 + (s[i + 2] - '0') * 8 + (s[i + 3] - '0')));
      i += 4;
      continue;
    }
    return Status::Error(sqlstate::kInvalidTextRepresentation,
                         "invalid input syntax for type bytea");
  }
  return Status::OK();
}

Status ParseUuid(std::string_view text, std::string* out) {
  std::string_view s = text;
  bool braces = false;
  out->clear();
  size_t i = 0;
  if (i < s.size() && s[i] == '{') {
    braces = true;
    ++i;
  }
  for (int b = 0; b < 16; ++b) {
    if (i + 1 >= s.size() + 0 || HexVal(s[i]) < 0 || HexVal(s[i + 1]) < 0)
      return SyntaxError("uuid", text);
    out->push_back(static_cast<char>(HexVal(s[i]) * 16 + HexVal(s[i + 1])));
    i += 2;
    if (b % 2 == 1 && b < 15 && i < s.size() && s[i] == '-') ++i;
  }
  if (braces) {
    if (i >= s.size() || s[i] != '}') return SyntaxError("uuid", text);
    ++i;
  }
  if (i != s.size()) return SyntaxError("uuid", text);
  return Status::OK();
}

// ---------------------------------------------------------------- arrays

// pg_type.typdelim: ';' for box (whose text holds commas), ',' otherwise.
char ArrayDelimiter(TypeOid elem) { return elem == type::kBox ? ';' : ','; }

struct ArrayParser {
  std::string_view s;
  std::string_view full;
  size_t i = 0;
  TypeRef elem;
  const FormatContext* ctx;
  char delim = ',';  // pg_type.typdelim of the element type
  ElementParser parse_element = nullptr;
  void* parse_arg = nullptr;

  Status Malformed(const std::string& detail) {
    return Status::Error(sqlstate::kInvalidTextRepresentation,
                         "malformed array literal: " + Quote(full))
        .WithDetail(detail);
  }
  void SkipSpace() {
    while (i < s.size() && IsSpace(s[i])) ++i;
  }
  // Parses "{...}" at depth; appends leaf values and records dims.
  Status ParseLevel(int depth, std::vector<int32_t>* dims, ValueVector* elems) {
    SkipSpace();
    if (i >= s.size() || s[i] != '{')
      return Malformed("Array value must start with \"{\" or dimension information.");
    ++i;
    if (static_cast<int>(dims->size()) <= depth) dims->push_back(-1);
    int32_t count = 0;
    SkipSpace();
    if (i < s.size() && s[i] == '}') {
      ++i;
      if (depth == 0) {
        dims->clear();
        return Status::OK();
      }
      return Malformed("Multidimensional arrays must have sub-arrays with matching dimensions.");
    }
    bool saw_scalar = false, saw_sub = false;
    for (int guard = 0; guard < (1 << 30); ++guard) {
      SkipSpace();
      if (i >= s.size()) return Malformed("Unexpected end of input.");
      if (s[i] == '{') {
        if (saw_scalar) return Malformed("Unexpected \"{\" character.");
        saw_sub = true;
        NANO_RETURN_IF_ERROR(ParseLevel(depth + 1, dims, elems));
      } else {
        if (saw_sub) return Malformed("Unexpected array element.");
        saw_scalar = true;
        if (static_cast<int>(dims->size()) > depth + 1) {
          return Malformed(
              "Multidimensional arrays must have sub-arrays with matching dimensions.");
        }
        NANO_RETURN_IF_ERROR(ParseElement(elems));
      }
      ++count;
      SkipSpace();
      if (i >= s.size()) return Malformed("Unexpected end of input.");
      if (s[i] == delim) {
        ++i;
        continue;
      }
      if (s[i] == '}') {
        ++i;
        break;
      }
      return Malformed("Unexpected \"" + std::string(1, s[i]) + "\" character.");
    }
    if ((*dims)[depth] == -1) {
      (*dims)[depth] = count;
    } else if ((*dims)[depth] != count) {
      return Malformed("Multidimensional arrays must have sub-arrays with matching dimensions.");
    }
    return Status::OK();
  }
  Status ParseElement(ValueVector* elems) {
    std::string raw;
    bool quoted = false;
    if (s[i] == '"') {
      quoted = true;
      ++i;
      for (;;) {
        if (i >= s.size()) return Malformed("Unexpected end of input.");
        if (s[i] == '\\') {
          if (i + 1 >= s.size()) return Malformed("Unexpected end of input.");
          raw.push_back(s[i + 1]);
          i += 2;
        } else if (s[i] == '"') {
          ++i;
          break;
        } else {
          raw.push_back(s[i++]);
        }
      }
    } else {
      size_t trailing_ws_start = std::string::npos;
      while (i < s.size() && s[i] != delim && s[i] != '}') {
        if (s[i] == '{' || s[i] == '"')
          return Malformed("Unexpected \"" + std::string(1, s[i]) + "\" character.");
        if (s[i] == '\\') {
          if (i + 1 >= s.size()) return Malformed("Unexpected end of input.");
          raw.push_back(s[i + 1]);
          i += 2;
          trailing_ws_start = std::string::npos;
          continue;
        }
        if (IsSpace(s[i])) {
          if (trailing_ws_start == std::string::npos) trailing_ws_start = raw.size();
        } else {
          trailing_ws_start = std::string::npos;
        }
        raw.push_back(s[i++]);
      }
      if (trailing_ws_start != std::string::npos) raw.resize(trailing_ws_start);
      if (raw.empty())
        return Malformed("Unexpected \"" + std::string(1, i < s.size() ? s[i] : ' ') +
                         "\" character.");
    }
    if (!quoted && IEq(raw, "NULL")) {
      elems->push_back(Value::Null(elem.oid));
      return Status::OK();
    }
    Value v;
    NANO_RETURN_IF_ERROR(parse_element != nullptr ? parse_element(parse_arg, raw, &v)
                                                  : ParseText(raw, elem, *ctx, &v));
    elems->push_back(std::move(v));
    return Status::OK();
  }
};

// int2vectorin / oidvectorin: integers separated by spaces, kept as a
// one-dimensional array with lower bound 0 (so indkey[0] is the first key).
Status ParseVector(std::string_view text, TypeOid t, Value* out) {
  const TypeOid elem = t == type::kInt2Vector ? type::kInt2 : type::kOid;
  auto data = std::make_shared<ArrayData>();
  size_t i = 0;
  while (i < text.size()) {
    if (text[i] == ' ') {
      ++i;
      continue;
    }
    const size_t end = std::min(text.find(' ', i), text.size());
    int64_t n = 0;
    NANO_RETURN_IF_ERROR(ParseInteger(text.substr(i, end - i), elem, &n));
    data->elements.push_back(elem == type::kInt2 ? Value::Int2(n) : Value::Oid(n));
    i = end;
  }
  if (!data->elements.empty()) {
    data->dims = {static_cast<int32_t>(data->elements.size())};
    data->lower_bounds = {0};
  }
  *out = Value::Array(t, std::move(data));
  return Status::OK();
}

Status ParseArray(std::string_view text, TypeRef t, const FormatContext& ctx, Value* out) {
  return ParseArrayWith(text, t.oid, TypeRef{ElementTypeOf(t.oid), t.typmod}, ctx, nullptr, nullptr,
                        out);
}

}  // namespace

Status ParseArrayWith(std::string_view text, TypeOid array_type, TypeRef element,
                      const FormatContext& ctx, ElementParser parse_element, void* arg,
                      Value* out) {
  ArrayParser p{text, text, 0, element, &ctx, ArrayDelimiter(element.oid), parse_element, arg};
  auto data = std::make_shared<ArrayData>();
  std::vector<int32_t> lbounds, ubounds;
  p.SkipSpace();
  if (p.i < text.size() && text[p.i] == '[') {
    // Explicit bounds "[lo:hi][lo:hi]=".
    while (p.i < text.size() && text[p.i] == '[') {
      const size_t close = text.find(']', p.i);
      if (close == std::string_view::npos)
        return p.Malformed("Missing \"]\" after array dimensions.");
      std::string_view dim = text.substr(p.i + 1, close - p.i - 1);
      const size_t colon = dim.find(':');
      int lo = 1;
      if (colon != std::string_view::npos)
        lo = std::atoi(std::string(dim.substr(0, colon)).c_str());
      const int hi = std::atoi(
          std::string(colon == std::string_view::npos ? dim : dim.substr(colon + 1)).c_str());
      if (hi < lo) return p.Malformed("Upper bound cannot be less than lower bound.");
      lbounds.push_back(lo);
      ubounds.push_back(hi);
      p.i = close + 1;
    }
    p.SkipSpace();
    if (p.i >= text.size() || text[p.i] != '=')
      return p.Malformed("Missing \"=\" after array dimensions.");
    ++p.i;
  }
  NANO_RETURN_IF_ERROR(p.ParseLevel(0, &data->dims, &data->elements));
  p.SkipSpace();
  if (p.i != text.size()) return p.Malformed("Junk after closing right brace.");
  if (!lbounds.empty()) {
    bool match = lbounds.size() == data->dims.size();
    for (size_t d = 0; match && d < lbounds.size(); ++d)
      match = ubounds[d] - lbounds[d] + 1 == data->dims[d];
    if (!match) return p.Malformed("Specified array dimensions do not match array contents.");
    data->lower_bounds = lbounds;
  } else {
    data->lower_bounds.assign(data->dims.size(), 1);
  }
  *out = Value::Array(array_type, std::move(data));
  return Status::OK();
}

namespace {

bool NeedsArrayQuote(std::string_view s, char delim) {
  if (s.empty() || IEq(s, "NULL")) return true;
  for (char c : s) {
    if (c == '{' || c == '}' || c == delim || c == '"' || c == '\\' || IsSpace(c)) return true;
  }
  return false;
}

void FormatArrayLevel(const ArrayData& a, size_t dim, size_t* idx, const FormatContext& ctx,
                      std::string* out) {
  const char delim = a.elements.empty() ? ',' : ArrayDelimiter(a.elements[0].type());
  out->push_back('{');
  for (int32_t k = 0; k < a.dims[dim]; ++k) {
    if (k) out->push_back(delim);
    if (dim + 1 < a.dims.size()) {
      FormatArrayLevel(a, dim + 1, idx, ctx, out);
      continue;
    }
    const Value& e = a.elements[(*idx)++];
    if (e.is_null()) {
      out->append("NULL");
      continue;
    }
    std::string s = ValueToString(e, ctx);
    if (NeedsArrayQuote(s, delim)) {
      out->push_back('"');
      for (char c : s) {
        if (c == '"' || c == '\\') out->push_back('\\');
        out->push_back(c);
      }
      out->push_back('"');
    } else {
      out->append(s);
    }
  }
  out->push_back('}');
}

Status ApplyStringTypmod(const Value& v, TypeRef t, bool is_explicit, Value* out) {
  const int32_t maxlen = t.typmod - 4;
  const std::string& s = v.str();
  const size_t len = CharLength(s);
  const bool bp = t.oid == type::kBpChar;
  if (len > static_cast<size_t>(maxlen)) {
    const size_t cut = ByteOffsetOfChars(s, static_cast<size_t>(maxlen));
    if (!is_explicit) {
      for (size_t k = cut; k < s.size(); ++k) {
        if (s[k] != ' ') {
          return Status::Error(sqlstate::kStringDataRightTruncation,
                               std::string("value too long for type ") +
                                   (bp ? "character(" : "character varying(") +
                                   std::to_string(maxlen) + ")");
        }
      }
    }
    *out = Value::String(t.oid, s.substr(0, cut));
    return Status::OK();
  }
  if (bp && len < static_cast<size_t>(maxlen)) {
    std::string padded = s;
    padded.append(static_cast<size_t>(maxlen) - len, ' ');
    *out = Value::String(t.oid, std::move(padded));
    return Status::OK();
  }
  *out = v;
  out->set_type(t.oid);
  return Status::OK();
}

}  // namespace

Status ApplyTypmod(const Value& v, TypeRef t, bool is_explicit, Value* out) {
  if (v.is_null() || t.typmod < 0) {
    *out = v;
    return Status::OK();
  }
  switch (t.oid) {
    case type::kVarChar:
    case type::kBpChar:
      return ApplyStringTypmod(v, t, is_explicit, out);
    case type::kNumeric: {
      Numeric n, r;
      NANO_RETURN_IF_ERROR(Numeric::Parse(v.str(), &n));
      NANO_RETURN_IF_ERROR(n.ApplyTypmod(t.typmod, &r));
      *out = Value::Numeric(r.ToString());
      return Status::OK();
    }
    case type::kTime:
      *out = Value::Time(dt::RoundTime(v.int_value(), t.typmod));
      return Status::OK();
    case type::kTimeTz: {
      Interval iv = v.interval_value();
      iv.micros = dt::RoundTime(iv.micros, t.typmod);
      *out = Value::MakeInterval(iv);
      out->set_type(type::kTimeTz);
      return Status::OK();
    }
    case type::kTimestamp:
    case type::kTimestampTz: {
      int64_t ts;
      NANO_RETURN_IF_ERROR(dt::RoundTimestamp(v.int_value(), t.typmod, &ts));
      *out = Value::Timestamp(ts);
      out->set_type(t.oid);
      return Status::OK();
    }
    case type::kInterval: {
      Interval iv;
      NANO_RETURN_IF_ERROR(dt::RoundInterval(v.interval_value(), t.typmod, &iv));
      *out = Value::MakeInterval(iv);
      return Status::OK();
    }
    default:
      break;
  }
  if (IsArrayType(t.oid) && !v.is_null()) {
    const TypeRef et{ElementTypeOf(t.oid), t.typmod};
    auto data = std::make_shared<ArrayData>(v.array());
    for (Value& e : data->elements) {
      Value r;
      NANO_RETURN_IF_ERROR(ApplyTypmod(e, et, is_explicit, &r));
      e = std::move(r);
    }
    *out = Value::Array(t.oid, std::move(data));
    return Status::OK();
  }
  *out = v;
  return Status::OK();
}

Status ParseText(std::string_view text, TypeRef t, const FormatContext& ctx, Value* out) {
  switch (t.oid) {
    case type::kBool: {
      bool b = false;
      NANO_RETURN_IF_ERROR(ParseBool(text, &b));
      *out = Value::Bool(b);
      return Status::OK();
    }
    case type::kInt2:
    case type::kInt4:
    case type::kInt8:
    case type::kOid:
    case type::kRegClass:
    case type::kRegType:
    case type::kRegProc:
    case type::kRegProcedure:
    case type::kRegNamespace:
    case type::kRegRole: {
      int64_t i = 0;
      if (type::IsRegType(t.oid) && !LooksNumeric(text)) {
        // regclassin & co: a name, resolved through the catalog.
        if (ctx.oid_namer == nullptr) return CannotResolveName(t.oid, text);
        NANO_RETURN_IF_ERROR(ctx.oid_namer->OidOf(t.oid, text, &i));
        *out = Value::Oid(i);
        out->set_type(t.oid);
        return Status::OK();
      }
      NANO_RETURN_IF_ERROR(ParseInteger(text, IsIntegerType(t.oid) ? t.oid : type::kOid, &i));
      *out = Value::Int8(i);
      out->set_type(t.oid);
      return Status::OK();
    }
    case type::kFloat4:
    case type::kFloat8: {
      double d = 0;
      NANO_RETURN_IF_ERROR(ParseFloat(text, t.oid == type::kFloat4, &d));
      *out = t.oid == type::kFloat4 ? Value::Float4(d) : Value::Float8(d);
      return Status::OK();
    }
    case type::kNumeric: {
      Numeric n;
      NANO_RETURN_IF_ERROR(Numeric::Parse(text, &n));
      if (t.typmod >= 4) NANO_RETURN_IF_ERROR(n.ApplyTypmod(t.typmod, &n));
      *out = Value::Numeric(n.ToString());
      return Status::OK();
    }
    case type::kText:
    case type::kUnknown:
      *out = Value::String(t.oid, std::string(text));
      return Status::OK();
    case type::kVarChar:
    case type::kBpChar: {
      Value v = Value::String(t.oid, std::string(text));
      if (t.typmod >= 4) return ApplyStringTypmod(v, t, false, out);
      *out = std::move(v);
      return Status::OK();
    }
    case type::kName: {
      std::string s(text.substr(0, 63));
      // Do not cut a multi-byte character in half.
      while (!s.empty() && s.size() < text.size() &&
             (static_cast<unsigned char>(text[s.size()]) & 0xC0) == 0x80) {
        s.pop_back();
      }
      *out = Value::String(type::kName, std::move(s));
      return Status::OK();
    }
    case type::kChar: {
      std::string s;
      if (!text.empty()) s.push_back(text[0]);
      *out = Value::String(type::kChar, std::move(s));
      return Status::OK();
    }
    case type::kBytea: {
      std::string b;
      NANO_RETURN_IF_ERROR(ParseBytea(text, &b));
      *out = Value::Bytea(std::move(b));
      return Status::OK();
    }
    case type::kPoint:
    case type::kLseg:
    case type::kPath:
    case type::kBox:
    case type::kPolygon:
    case type::kLine:
    case type::kCircle:
      return geo::ParseGeometric(text, t.oid, out);
    case type::kMoney: {
      int64_t cents;
      NANO_RETURN_IF_ERROR(ParseMoney(text, &cents));
      *out = MakeMoney(cents);
      return Status::OK();
    }
    case type::kUuid: {
      std::string b;
      NANO_RETURN_IF_ERROR(ParseUuid(text, &b));
      *out = Value::String(type::kUuid, std::move(b));
      return Status::OK();
    }
    case type::kJson: {
      std::string norm;
      NANO_RETURN_IF_ERROR(NormalizeJson(text, /*jsonb=*/false, &norm));
      *out = Value::String(type::kJson, std::string(text));
      return Status::OK();
    }
    case type::kJsonb: {
      std::string norm;
      NANO_RETURN_IF_ERROR(NormalizeJson(text, /*jsonb=*/true, &norm));
      *out = Value::String(type::kJsonb, std::move(norm));
      return Status::OK();
    }
    case type::kDate: {
      int64_t d;
      NANO_RETURN_IF_ERROR(dt::ParseDate(text, ctx, &d));
      *out = Value::Date(d);
      return Status::OK();
    }
    case type::kTime: {
      int64_t us;
      NANO_RETURN_IF_ERROR(dt::ParseTime(text, t.typmod, ctx, &us));
      *out = Value::Time(us);
      return Status::OK();
    }
    case type::kTimeTz: {
      Interval iv;
      NANO_RETURN_IF_ERROR(dt::ParseTimeTz(text, t.typmod, ctx, &iv));
      *out = Value::MakeInterval(iv);
      out->set_type(type::kTimeTz);
      return Status::OK();
    }
    case type::kTimestamp: {
      int64_t ts;
      NANO_RETURN_IF_ERROR(dt::ParseTimestamp(text, t.typmod, ctx, &ts));
      *out = Value::Timestamp(ts);
      return Status::OK();
    }
    case type::kTimestampTz: {
      int64_t ts;
      NANO_RETURN_IF_ERROR(dt::ParseTimestampTz(text, t.typmod, ctx, &ts));
      *out = Value::TimestampTz(ts);
      return Status::OK();
    }
    case type::kInterval: {
      Interval iv;
      NANO_RETURN_IF_ERROR(dt::ParseInterval(text, t.typmod, ctx, &iv));
      *out = Value::MakeInterval(iv);
      return Status::OK();
    }
    default:
      break;
  }
  if (IsVectorType(t.oid)) return ParseVector(text, t.oid, out);
  if (IsArrayType(t.oid)) return ParseArray(text, t, ctx, out);
  // Types without a dedicated parser keep their text (e.g. pg_node_tree).
  *out = Value::String(t.oid, std::string(text));
  return Status::OK();
}

void FormatFloat8(double d, int extra_float_digits, std::string* out) {
  if (std::isnan(d)) {
    out->append("NaN");
    return;
  }
  if (std::isinf(d)) {
    out->append(d > 0 ? "Infinity" : "-Infinity");
    return;
  }
  char buf[64];
  if (extra_float_digits <= 0) {
    const int n = std::snprintf(buf, sizeof buf, "%.*g", std::max(1, 15 + extra_float_digits), d);
    out->append(buf, static_cast<size_t>(n));
    return;
  }
  if (d == 0) {
    out->append(std::signbit(d) ? "-0" : "0");
    return;
  }
  // Shortest round-trip digits, then PostgreSQL's layout (Ryu d2s rules:
  // fixed notation when -4 <= exponent < 15, else d.ddde[+-]XX).
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(r.ptr - buf));
  const bool neg = sci[0] == '-';
  if (neg) sci.remove_prefix(1);
  const size_t e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') digits.push_back(c);
  }
  const int exp = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());
  if (neg) out->push_back('-');
  const int nd = static_cast<int>(digits.size());
  if (exp >= -4 && exp < 15) {
    if (exp < 0) {
      out->append("0.");
      out->append(static_cast<size_t>(-exp - 1), '0');
      out->append(digits);
    } else if (exp + 1 >= nd) {
      out->append(digits);
      out->append(static_cast<size_t>(exp + 1 - nd), '0');
    } else {
      out->append(digits.substr(0, static_cast<size_t>(exp + 1)));
      out->push_back('.');
      out->append(digits.substr(static_cast<size_t>(exp + 1)));
    }
    return;
  }
  out->push_back(digits[0]);
  if (nd > 1) {
    out->push_back('.');
    out->append(digits.substr(1));
  }
  const int n =
      std::snprintf(buf, sizeof buf, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
  out->append(buf, static_cast<size_t>(n));
}

void FormatFloat4(float f, int extra_float_digits, std::string* out) {
  if (std::isnan(f)) {
    out->append("NaN");
    return;
  }
  if (std::isinf(f)) {
    out->append(f > 0 ? "Infinity" : "-Infinity");
    return;
  }
  char buf[64];
  if (extra_float_digits <= 0) {
    const int n = std::snprintf(buf, sizeof buf, "%.*g", std::max(1, 6 + extra_float_digits),
                                static_cast<double>(f));  // float4out: at least one digit
    out->append(buf, static_cast<size_t>(n));
    return;
  }
  if (f == 0) {
    out->append(std::signbit(f) ? "-0" : "0");
    return;
  }
  auto r = std::to_chars(buf, buf + sizeof buf, f, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<size_t>(r.ptr - buf));
  const bool neg = sci[0] == '-';
  if (neg) sci.remove_prefix(1);
  const size_t e_pos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, e_pos)) {
    if (c != '.') digits.push_back(c);
  }
  const int exp = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());
  if (neg) out->push_back('-');
  const int nd = static_cast<int>(digits.size());
  if (exp >= -4 && exp < 6) {
    if (exp < 0) {
      out->append("0.");
      out->append(static_cast<size_t>(-exp - 1), '0');
      out->append(digits);
    } else if (exp + 1 >= nd) {
      out->append(digits);
      out->append(static_cast<size_t>(exp + 1 - nd), '0');
    } else {
      out->append(digits.substr(0, static_cast<size_t>(exp + 1)));
      out->push_back('.');
      out->append(digits.substr(static_cast<size_t>(exp + 1)));
    }
    return;
  }
  out->push_back(digits[0]);
  if (nd > 1) {
    out->push_back('.');
    out->append(digits.substr(1));
  }
  const int n =
      std::snprintf(buf, sizeof buf, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
  out->append(buf, static_cast<size_t>(n));
}

void FormatText(const Value& v, const FormatContext& ctx, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  if (v.is_record()) {
    FormatRecordText(v, ctx, out);
    return;
  }
  switch (v.type()) {
    case type::kBool:
      out->push_back(v.bool_value() ? 't' : 'f');
      return;
    case type::kRegClass:
    case type::kRegType:
    case type::kRegProc:
    case type::kRegProcedure:
    case type::kRegNamespace:
    case type::kRegRole:
      // regclassout & co: the object's name; a number when it has none.
      if (ctx.oid_namer != nullptr && ctx.oid_namer->NameOf(v.type(), v.int_value(), out)) return;
      if (!v.str().empty()) {  // a name computed at bind time (pg_typeof)
        out->append(v.str());
        return;
      }
      [[fallthrough]];
    case type::kInt2:
    case type::kInt4:
    case type::kInt8:
    case type::kOid: {
      char buf[24];
      auto r = std::to_chars(buf, buf + sizeof buf, v.int_value());
      out->append(buf, static_cast<size_t>(r.ptr - buf));
      return;
    }
    case type::kFloat4:
      FormatFloat4(static_cast<float>(v.float_value()), ctx.extra_float_digits, out);
      return;
    case type::kFloat8:
      FormatFloat8(v.float_value(), ctx.extra_float_digits, out);
      return;
    case type::kBytea: {
      const std::string& b = v.str();
      if (ctx.bytea_hex) {
        out->append("\\x");
        for (unsigned char c : b) {
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        }
      } else {
        for (unsigned char c : b) {
          if (c == '\\') {
            out->append("\\\\");
          } else if (c < 0x20 || c > 0x7e) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\%03o", c);
            out->append(buf);
          } else {
            out->push_back(static_cast<char>(c));
          }
        }
      }
      return;
    }
    case type::kUuid: {
      const std::string& b = v.str();
      for (size_t k = 0; k < b.size(); ++k) {
        if (k == 4 || k == 6 || k == 8 || k == 10) out->push_back('-');
        const auto c = static_cast<unsigned char>(b[k]);
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
      }
      return;
    }
    case type::kPoint:
    case type::kLseg:
    case type::kPath:
    case type::kBox:
    case type::kPolygon:
    case type::kLine:
    case type::kCircle:
      geo::FormatGeometric(v, ctx.extra_float_digits, out);
      return;
    case type::kMoney:
      FormatMoney(v.int_value(), out);
      return;
    case type::kDate:
      dt::FormatDate(v.int_value(), ctx, out);
      return;
    case type::kTime:
      dt::FormatTime(v.int_value(), out);
      return;
    case type::kTimeTz:
      dt::FormatTimeTz(v.interval_value(), out);
      return;
    case type::kTimestamp:
      dt::FormatTimestamp(v.int_value(), ctx, out);
      return;
    case type::kTimestampTz:
      dt::FormatTimestampTz(v.int_value(), ctx, out);
      return;
    case type::kInterval:
      dt::FormatInterval(v.interval_value(), ctx, out);
      return;
    default:
      break;
  }
  if (IsVectorType(v.type()) && v.array_ptr()) {
    // int2vectorout / oidvectorout: the elements separated by spaces.
    const ArrayData& a = v.array();
    for (size_t i = 0; i < a.elements.size(); ++i) {
      if (i > 0) out->push_back(' ');
      out->append(std::to_string(a.elements[i].int_value()));
    }
    return;
  }
  if (IsArrayType(v.type()) && v.array_ptr()) {
    const ArrayData& a = v.array();
    if (a.dims.empty() || a.elements.empty()) {
      out->append("{}");
      return;
    }
    bool default_bounds = true;
    for (int32_t lb : a.lower_bounds) default_bounds &= lb == 1;
    if (!default_bounds) {
      for (size_t d = 0; d < a.dims.size(); ++d) {
        const int32_t lo = d < a.lower_bounds.size() ? a.lower_bounds[d] : 1;
        out->push_back('[');
        out->append(std::to_string(lo));
        out->push_back(':');
        out->append(std::to_string(lo + a.dims[d] - 1));
        out->push_back(']');
      }
      out->push_back('=');
    }
    size_t idx = 0;
    FormatArrayLevel(a, 0, &idx, ctx, out);
    return;
  }
  if (IsEnumType(v.type())) {
    out->append(EnumLabelOf(v));
    return;
  }
  out->append(v.str());  // text-like types and numeric (canonical text)
}

std::string ValueToString(const Value& v, const FormatContext& ctx) {
  std::string s;
  FormatText(v, ctx, &s);
  return s;
}

}  // namespace nano
