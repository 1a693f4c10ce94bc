// engine/types/jsonb.cc — JSON document trees: parsing validated text,
// rendering jsonb text, and jsonb's btree ordering and hashing.
#include "types/jsonb.h"

#include <algorithm>
#include <cstring>
#include <memory>

#include "types/cast.h"
#include "types/json_text.h"
#include "types/numeric.h"
#include "types/type_info.h"
#include "types/utf8.h"

namespace nano {
namespace {

// A reader for text that passed NormalizeJson: it only has to build the tree;
// on a syntax error it defers to NormalizeJson for PostgreSQL's message.
struct TreeReader {
  std::string_view s;
  size_t i = 0;
  bool failed = false;

  void Skip() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  }
  bool Hex4(uint32_t* v) {
    if (i + 4 > s.size()) return false;
    uint32_t r = 0;
    for (int k = 0; k < 4; ++k) {
      const char c = s[i + k];
      int d = (c >= '0' && c <= '9')   ? c - '0'
              : (c >= 'a' && c <= 'f') ? c - 'a' + 10
              : (c >= 'A' && c <= 'F') ? c - 'A' + 10
                                       : -1;
      if (d < 0) return false;
      r = r * 16 + static_cast<uint32_t>(d);
    }
    i += 4;
    *v = r;
    return true;
  }
  bool String(std::string* out) {
    ++i;
    while (i < s.size()) {
      const char c = s[i++];
      if (c == '"') return true;
      if (c != '\\') {
        out->push_back(c);
        continue;
      }
      if (i >= s.size()) return false;
      const char e = s[i++];
      switch (e) {
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
          if (!Hex4(&cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF && i + 1 < s.size() && s[i] == '\\' && s[i + 1] == 'u') {
            i += 2;
            uint32_t lo = 0;
            if (!Hex4(&lo)) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          }
          AppendUtf8(cp, out);
          break;
        }
        default:
          out->push_back(e);
      }
    }
    return false;
  }
  bool Value(JsonNode* n) {
    Skip();
    if (i >= s.size()) return false;
    const size_t start = i;
    const char c = s[i];
    if (c == '{') {
      n->kind = JsonNode::Kind::kObject;
      ++i;
      Skip();
      if (i < s.size() && s[i] == '}') {
        ++i;
      } else {
        for (;;) {
          Skip();
          if (i >= s.size() || s[i] != '"') return false;
          n->keys.emplace_back();
          if (!String(&n->keys.back())) return false;
          Skip();
          if (i >= s.size() || s[i] != ':') return false;
          ++i;
          n->elems.emplace_back();
          if (!Value(&n->elems.back())) return false;
          Skip();
          if (i < s.size() && s[i] == ',') {
            ++i;
            continue;
          }
          if (i < s.size() && s[i] == '}') {
            ++i;
            break;
          }
          return false;
        }
      }
    } else if (c == '[') {
      n->kind = JsonNode::Kind::kArray;
      ++i;
      Skip();
      if (i < s.size() && s[i] == ']') {
        ++i;
      } else {
        for (;;) {
          n->elems.emplace_back();
          if (!Value(&n->elems.back())) return false;
          Skip();
          if (i < s.size() && s[i] == ',') {
            ++i;
            continue;
          }
          if (i < s.size() && s[i] == ']') {
            ++i;
            break;
          }
          return false;
        }
      }
    } else if (c == '"') {
      n->kind = JsonNode::Kind::kString;
      if (!String(&n->str)) return false;
    } else if (c == '-' || (c >= '0' && c <= '9')) {
      n->kind = JsonNode::Kind::kNumber;
      while (i < s.size() && (std::isalnum(static_cast<unsigned char>(s[i])) || s[i] == '.' ||
                              s[i] == '-' || s[i] == '+'))
        ++i;
      n->str.assign(s.substr(start, i - start));
    } else if (s.substr(i, 4) == "true") {
      n->kind = JsonNode::Kind::kBool;
      n->boolean = true;
      i += 4;
    } else if (s.substr(i, 5) == "false") {
      n->kind = JsonNode::Kind::kBool;
      i += 5;
    } else if (s.substr(i, 4) == "null") {
      n->kind = JsonNode::Kind::kNull;
      i += 4;
    } else {
      return false;
    }
    n->raw = s.substr(start, i - start);
    return true;
  }
};

int Cmp3(size_t a, size_t b) { return a < b ? -1 : (a > b ? 1 : 0); }

int CompareStrings(std::string_view a, std::string_view b) {
  const int c = std::memcmp(a.data(), b.data(), std::min(a.size(), b.size()));
  if (c != 0) return c < 0 ? -1 : 1;
  return Cmp3(a.size(), b.size());
}

int CompareNumbers(std::string_view a, std::string_view b) {
  Numeric x, y;
  Numeric::Parse(a, &x).IgnoreError();
  Numeric::Parse(b, &y).IgnoreError();
  return x.Compare(y);
}

// Scalars of the same kind (compareJsonbScalarValue).
int CompareScalars(const JsonNode& a, const JsonNode& b) {
  switch (a.kind) {
    case JsonNode::Kind::kNull:
      return 0;
    case JsonNode::Kind::kString:
      return CompareStrings(a.str, b.str);
    case JsonNode::Kind::kNumber:
      return CompareNumbers(a.str, b.str);
    case JsonNode::Kind::kBool:
      return a.boolean == b.boolean ? 0 : (a.boolean ? 1 : -1);
    default:
      return 0;
  }
}

uint64_t Mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}

}  // namespace

int JsonNode::FindKey(std::string_view key) const {
  for (size_t k = keys.size(); k-- > 0;) {
    if (keys[k] == key) return static_cast<int>(k);
  }
  return -1;
}

Status ParseJsonTree(std::string_view text, bool jsonb, JsonNode* out) {
  *out = JsonNode();
  TreeReader r{text};
  bool ok = r.Value(out);
  r.Skip();
  if (ok && r.i == text.size()) return Status::OK();
  std::string norm;
  NANO_RETURN_IF_ERROR(NormalizeJson(text, jsonb, &norm));
  return Status::Error(sqlstate::kInvalidTextRepresentation, "invalid input syntax for type json");
}

void AppendJsonb(const JsonNode& n, std::string* out) {
  switch (n.kind) {
    case JsonNode::Kind::kNull:
      out->append("null");
      return;
    case JsonNode::Kind::kBool:
      out->append(n.boolean ? "true" : "false");
      return;
    case JsonNode::Kind::kNumber:
      out->append(n.str);
      return;
    case JsonNode::Kind::kString:
      AppendJsonString(n.str, out);
      return;
    case JsonNode::Kind::kArray:
      out->push_back('[');
      for (size_t k = 0; k < n.elems.size(); ++k) {
        if (k) out->append(", ");
        AppendJsonb(n.elems[k], out);
      }
      out->push_back(']');
      return;
    case JsonNode::Kind::kObject:
      out->push_back('{');
      for (size_t k = 0; k < n.elems.size(); ++k) {
        if (k) out->append(", ");
        AppendJsonString(n.keys[k], out);
        out->append(": ");
        AppendJsonb(n.elems[k], out);
      }
      out->push_back('}');
      return;
  }
}

std::string JsonbText(const JsonNode& n) {
  std::string s;
  AppendJsonb(n, &s);
  return s;
}

void CanonicalizeJsonbObject(JsonNode* n) {
  std::vector<size_t> order(n->keys.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const std::string& x = n->keys[a];
    const std::string& y = n->keys[b];
    if (x.size() != y.size()) return x.size() < y.size();
    return x < y;
  });
  std::vector<std::string> keys;
  std::vector<JsonNode> elems;
  for (size_t k : order) {
    if (!keys.empty() && keys.back() == n->keys[k]) {
      elems.back() = std::move(n->elems[k]);  // last duplicate wins
      continue;
    }
    keys.push_back(std::move(n->keys[k]));
    elems.push_back(std::move(n->elems[k]));
  }
  n->keys = std::move(keys);
  n->elems = std::move(elems);
}

const char* JsonKindName(JsonNode::Kind k) {
  switch (k) {
    case JsonNode::Kind::kNull:
      return "null";
    case JsonNode::Kind::kString:
      return "string";
    case JsonNode::Kind::kNumber:
      return "number";
    case JsonNode::Kind::kBool:
      return "boolean";
    case JsonNode::Kind::kArray:
      return "array";
    case JsonNode::Kind::kObject:
      return "object";
  }
  return "null";
}

bool JsonbScalarsEqual(const JsonNode& a, const JsonNode& b) {
  return a.kind == b.kind && a.IsScalar() && CompareScalars(a, b) == 0;
}

int CompareJsonbNodes(const JsonNode& a, const JsonNode& b, bool top_level) {
  // A top-level scalar is stored as a one-element "raw scalar" array: it
  // ties with arrays on kind, sorts by element count, then before a real
  // array of the same count.
  const bool raw_a = top_level && a.IsScalar(), raw_b = top_level && b.IsScalar();
  if (raw_a || raw_b) {
    const bool arr_a = raw_a || a.kind == JsonNode::Kind::kArray;
    const bool arr_b = raw_b || b.kind == JsonNode::Kind::kArray;
    if (!arr_a || !arr_b) return arr_a ? -1 : 1;  // the other is an object
    const size_t na = raw_a ? 1 : a.elems.size(), nb = raw_b ? 1 : b.elems.size();
    if (na != nb) return Cmp3(na, nb);
    if (raw_a != raw_b) return raw_a ? -1 : 1;
    return CompareJsonbNodes(a, b, false);
  }
  if (a.kind != b.kind) return a.kind < b.kind ? -1 : 1;
  if (a.IsScalar()) return CompareScalars(a, b);
  if (a.elems.size() != b.elems.size()) return Cmp3(a.elems.size(), b.elems.size());
  for (size_t k = 0; k < a.elems.size(); ++k) {
    if (a.kind == JsonNode::Kind::kObject) {
      const int c = CompareStrings(a.keys[k], b.keys[k]);
      if (c != 0) return c;
    }
    const int c = CompareJsonbNodes(a.elems[k], b.elems[k], false);
    if (c != 0) return c;
  }
  return 0;
}

Status CastJsonbToScalar(const Value& v, TypeRef to, const FormatContext& fmt, Value* out) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(ParseJsonTree(v.str(), true, &n));
  const JsonNode::Kind want =
      to.oid == type::kBool ? JsonNode::Kind::kBool : JsonNode::Kind::kNumber;
  if (n.kind != want) {
    const char* kind = n.kind == JsonNode::Kind::kNumber ? "numeric" : JsonKindName(n.kind);
    return Status::Error(
        sqlstate::kInvalidParameterValue,
        std::string("cannot cast jsonb ") + kind + " to type " + FormatType(TypeRef{to.oid, -1}));
  }
  if (want == JsonNode::Kind::kBool) {
    *out = Value::Bool(n.boolean);
    return Status::OK();
  }
  return CastValue(Value::Numeric(n.str), to, CoercionContext::kExplicit, fmt, out);
}

namespace {

// Sorting compares one value (the pivot, the heap top) with many others: a
// small per-thread cache of parsed documents, keyed by their text, saves
// re-parsing it every time.
std::shared_ptr<const JsonNode> CachedTree(std::string_view text) {
  struct Entry {
    std::string text;
    std::shared_ptr<const JsonNode> tree;
    uint64_t used = 0;
  };
  static thread_local Entry cache[4];
  static thread_local uint64_t clock = 0;
  Entry* victim = &cache[0];
  for (Entry& e : cache) {
    if (e.used != 0 && e.text == text) {
      e.used = ++clock;
      return e.tree;
    }
    if (e.used < victim->used) victim = &e;
  }
  // The tree's raw spans point into the entry's own copy of the text.
  auto tree = std::make_shared<JsonNode>();
  victim->text.assign(text);
  ParseJsonTree(victim->text, true, tree.get()).IgnoreError();
  victim->tree = std::move(tree);
  victim->used = ++clock;
  return victim->tree;
}

}  // namespace

int CompareJsonb(std::string_view a, std::string_view b) {
  if (a == b) return 0;
  // Shared pointers keep both trees alive even if the second lookup evicts
  // the first entry.
  const std::shared_ptr<const JsonNode> x = CachedTree(a), y = CachedTree(b);
  return CompareJsonbNodes(*x, *y, true);
}

// jsonb text is canonical (sorted unique keys, fixed separators, escaped
// strings, numeric's output form), so equal documents have equal text except
// for numbers that differ in trailing fractional zeros or the sign of zero.
// Hashing the text with those normalised is consistent with equality and
// needs no parse.
uint64_t HashJsonb(std::string_view v) {
  uint64_t h = 1469598103934665603ULL;
  auto add = [&](char c) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  };
  size_t i = 0;
  while (i < v.size()) {
    const char c = v[i];
    if (c == '"') {  // a string or key: copy through its closing quote
      add(c);
      for (++i; i < v.size(); ++i) {
        add(v[i]);
        if (v[i] == '\\' && i + 1 < v.size()) {
          add(v[++i]);
        } else if (v[i] == '"') {
          ++i;
          break;
        }
      }
      continue;
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      size_t e = i;
      while (e < v.size() && (v[e] == '-' || v[e] == '.' || (v[e] >= '0' && v[e] <= '9'))) ++e;
      std::string_view num = v.substr(i, e - i);
      if (num.find('.') != std::string_view::npos) {
        while (num.back() == '0') num.remove_suffix(1);
        if (num.back() == '.') num.remove_suffix(1);
      }
      if (num == "-0") num = "0";
      for (char d : num) add(d);
      i = e;
      continue;
    }
    add(c);
    ++i;
  }
  return Mix(h);
}

}  // namespace nano
