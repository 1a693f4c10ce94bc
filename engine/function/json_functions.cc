// engine/function/json_functions.cc — json and jsonb operators, functions and
// aggregates with PostgreSQL 15's results and errors (jsonfuncs.c, jsonb_op.c,
// jsonb_util.c, json.c, jsonb.c).
//
// Values are parsed into a JsonNode tree per call (types/jsonb.h). json keeps
// its input text: extraction operators on json return the source span
// verbatim; jsonb results are rendered canonically. Constructors build json
// text the way json.c prints it and normalise that text for jsonb, which
// gives jsonb's key order, de-duplication and numeric canonical form.
#include <algorithm>
#include <climits>
#include <cstdlib>

#include "function/builtins.h"
#include "function/jsonpath.h"
#include "types/datetime.h"
#include "types/json_text.h"
#include "types/jsonb.h"
#include "types/record.h"
#include "types/text_io.h"
#include "types/type_info.h"

namespace nano::fn {
namespace {

namespace ty = type;
using K = JsonNode::Kind;

Status Ok(Value v, Value* out) {
  *out = std::move(v);
  return Status::OK();
}

bool IsJsonb(const Value& v) { return v.type() == ty::kJsonb; }

Status Tree(const Value& v, JsonNode* n) { return ParseJsonTree(v.str(), IsJsonb(v), n); }

// A node as a value of the input's type: json keeps its source text.
Value NodeValue(const JsonNode& n, bool jsonb) {
  if (jsonb) return Value::String(ty::kJsonb, JsonbText(n));
  return Value::String(ty::kJson, std::string(n.raw));
}

// ->> and #>>: strings de-escaped, null as SQL NULL, containers as json text.
Value NodeText(const JsonNode& n, bool jsonb) {
  switch (n.kind) {
    case K::kNull:
      return Value::Null(ty::kText);
    case K::kString:
      return Value::Text(n.str);
    case K::kNumber:
    case K::kBool:
      return Value::Text(jsonb ? JsonbText(n) : std::string(n.raw));
    default:
      return Value::Text(jsonb ? JsonbText(n) : std::string(n.raw));
  }
}

// ---- values as json (datum_to_json) -----------------------------------------------------------
void AppendQuoted(const std::string& s, std::string* out) { AppendJsonString(s, out); }

// Dates and timestamps use XSD's ISO 8601 form: "2024-01-01T10:00:00+00:00".
std::string DateTimeText(const Value& v, const FormatContext& fmt) {
  FormatContext iso = fmt;
  iso.date_style = FormatContext::DateStyle::kIso;
  std::string s = ValueToString(v, iso);
  if (v.type() != ty::kDate && s != "infinity" && s != "-infinity") {
    const size_t sp = s.find(' ');
    if (sp != std::string::npos && sp + 1 < s.size() &&
        std::isdigit(static_cast<unsigned char>(s[sp + 1]))) {
      s[sp] = 'T';
    }
    if (v.type() == ty::kTimestampTz) {
      const size_t sign = s.find_last_of("+-");
      if (sign != std::string::npos && sign > 10 && s.size() - sign == 3) s.append(":00");
    }
  }
  return s;
}

// array_to_json(a, pretty => true) breaks lines between top-level elements.
void AppendArray(const ArrayData& arr, size_t dim, size_t* pos, const FormatContext& fmt,
                 std::string* out, Status* st, bool pretty = false) {
  out->push_back('[');
  const int32_t n = arr.dims.empty() ? 0 : arr.dims[dim];
  for (int32_t k = 0; k < n && st->ok(); ++k) {
    if (k) out->append(pretty && dim == 0 ? ",\n " : ",");
    if (dim + 1 < arr.dims.size()) {
      AppendArray(arr, dim + 1, pos, fmt, out, st);
    } else {
      *st = AppendValueAsJson(arr.elements[(*pos)++], fmt, out);
    }
  }
  out->push_back(']');
}

}  // namespace

// composite_to_json: {"field":value,...}; `line_feeds` (row_to_json's
// pretty) puts each field after the first on its own line.
Status AppendRecordAsJson(const Value& v, const FormatContext& fmt, bool line_feeds,
                          std::string* out) {
  out->push_back('{');
  const ValueVector& fields = v.array().elements;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) out->append(line_feeds ? ",\n " : ",");
    AppendQuoted(RecordFieldName(v, i), out);
    out->push_back(':');
    NANO_RETURN_IF_ERROR(AppendValueAsJson(fields[i], fmt, out));
  }
  out->push_back('}');
  return Status::OK();
}

Status AppendValueAsJson(const Value& v, const FormatContext& fmt, std::string* out) {
  if (v.is_null()) {
    out->append("null");
    return Status::OK();
  }
  if (v.is_record()) return AppendRecordAsJson(v, fmt, false, out);
  const TypeOid t = v.type();
  if (IsArrayType(t)) {
    size_t pos = 0;
    Status st;
    AppendArray(v.array(), 0, &pos, fmt, out, &st);
    return st;
  }
  switch (t) {
    case ty::kBool:
      out->append(v.bool_value() ? "true" : "false");
      return Status::OK();
    case ty::kInt2:
    case ty::kInt4:
    case ty::kInt8:
    case ty::kOid:
      out->append(std::to_string(v.int_value()));
      return Status::OK();
    case ty::kFloat4:
    case ty::kFloat8:
    case ty::kNumeric: {
      // NaN and the infinities are not json numbers: they become strings.
      std::string s = ValueToString(v, fmt);
      if (s == "NaN" || s == "Infinity" || s == "-Infinity") {
        AppendQuoted(s, out);
      } else {
        out->append(s);
      }
      return Status::OK();
    }
    case ty::kJson:
    case ty::kJsonb:
      out->append(v.str());
      return Status::OK();
    case ty::kDate:
    case ty::kTimestamp:
    case ty::kTimestampTz:
      AppendQuoted(DateTimeText(v, fmt), out);
      return Status::OK();
    default:
      AppendQuoted(ValueToString(v, fmt), out);
      return Status::OK();
  }
}

namespace {

// An object key's text: the value as json renders it, unquoted (so true, not
// t; timestamps in ISO 8601 form).
std::string KeyText(const Value& v, const FormatContext& fmt) {
  switch (v.type()) {
    case ty::kBool:
      return v.bool_value() ? "true" : "false";
    case ty::kDate:
    case ty::kTimestamp:
    case ty::kTimestampTz:
      return DateTimeText(v, fmt);
    default:
      return ValueToString(v, fmt);
  }
}

Status ArrayToJson(const Value* a, size_t n, EvalContext& ctx, Value* out) {
  std::string s;
  size_t pos = 0;
  Status st;
  AppendArray(a[0].array(), 0, &pos, Fmt(ctx), &s, &st, n > 1 && a[1].bool_value());
  NANO_RETURN_IF_ERROR(st);
  return Ok(Value::String(ty::kJson, std::move(s)), out);
}

// ---- extraction: -> ->> #> #>> ------------------------------------------------------------
const JsonNode* FieldOf(const JsonNode& n, std::string_view key) {
  if (n.kind != K::kObject) return nullptr;
  const int k = n.FindKey(key);
  return k < 0 ? nullptr : &n.elems[k];
}

// jsonb's top-level scalar is a one-element pseudo-array, so `'"x"'::jsonb -> 0`
// yields "x"; json has no such quirk.
const JsonNode* ElementOf(const JsonNode& n, int64_t idx, bool jsonb, bool top) {
  if (jsonb && top && n.IsScalar()) {
    return idx == 0 || idx == -1 ? &n : nullptr;
  }
  if (n.kind != K::kArray) return nullptr;
  const int64_t size = static_cast<int64_t>(n.elems.size());
  if (idx < 0) idx += size;
  if (idx < 0 || idx >= size) return nullptr;
  return &n.elems[idx];
}

template <bool kText>
Status GetField(const Value* a, size_t, EvalContext&, Value* out) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(Tree(a[0], &n));
  const JsonNode* f = FieldOf(n, a[1].str());
  if (f == nullptr) return Ok(Value::Null(kText ? ty::kText : a[0].type()), out);
  return Ok(kText ? NodeText(*f, IsJsonb(a[0])) : NodeValue(*f, IsJsonb(a[0])), out);
}

template <bool kText>
Status GetElement(const Value* a, size_t, EvalContext&, Value* out) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(Tree(a[0], &n));
  const JsonNode* e = ElementOf(n, a[1].int_value(), IsJsonb(a[0]), true);
  if (e == nullptr) return Ok(Value::Null(kText ? ty::kText : a[0].type()), out);
  return Ok(kText ? NodeText(*e, IsJsonb(a[0])) : NodeValue(*e, IsJsonb(a[0])), out);
}

// Strict integer parse of a path step (strtoint in jsonfuncs.c).
bool PathIndex(const std::string& s, int64_t* idx) {
  if (s.empty()) return false;
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(s.c_str(), &end, 10);
  if (*end != '\0' || errno != 0 || end == s.c_str() || v > INT_MAX || v < INT_MIN) return false;
  *idx = v;
  return true;
}

// Follows a text[] path; null when any step misses or is NULL.
const JsonNode* FollowPath(const JsonNode& root, const ValueVector& path, bool jsonb) {
  const JsonNode* cur = &root;
  for (size_t k = 0; k < path.size() && cur != nullptr; ++k) {
    if (path[k].is_null()) return nullptr;
    const std::string& step = path[k].str();
    if (cur->kind == K::kObject) {
      cur = FieldOf(*cur, step);
    } else if (cur->kind == K::kArray || (jsonb && k == 0 && cur->IsScalar())) {
      int64_t idx;
      if (!PathIndex(step, &idx)) return nullptr;
      cur = ElementOf(*cur, idx, jsonb, k == 0);
    } else {
      return nullptr;
    }
  }
  return cur;
}

Status ExtractPath(const Value& doc, const ValueVector& path, bool as_text, Value* out) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(Tree(doc, &n));
  const bool jsonb = IsJsonb(doc);
  const JsonNode* r = FollowPath(n, path, jsonb);
  if (r == nullptr) return Ok(Value::Null(as_text ? ty::kText : doc.type()), out);
  return Ok(as_text ? NodeText(*r, jsonb) : NodeValue(*r, jsonb), out);
}

template <bool kText>
Status PathOp(const Value* a, size_t, EvalContext&, Value* out) {
  return ExtractPath(a[0], a[1].array().elements, kText, out);
}

// json_extract_path(from_json, VARIADIC path_elems text[]): one arg per step.
template <bool kText>
Status ExtractPathVariadic(const Value* a, size_t n, EvalContext&, Value* out) {
  if (a[0].is_null()) return Ok(Value::Null(kText ? ty::kText : a[0].type()), out);
  ValueVector path(a + 1, a + n);
  return ExtractPath(a[0], path, kText, out);
}

// ---- jsonb containment and existence --------------------------------------------------------
// JsonbDeepContains; `top` marks the documents themselves, whose scalars are
// pseudo-arrays (an array may contain a raw scalar, not the other way round).
bool Contains(const JsonNode& val, const JsonNode& sub, bool top) {
  const bool val_obj = val.kind == K::kObject, sub_obj = sub.kind == K::kObject;
  if (val_obj != sub_obj) return false;
  if (val_obj) {
    if (val.elems.size() < sub.elems.size()) return false;
    for (size_t k = 0; k < sub.keys.size(); ++k) {
      const JsonNode* lv = FieldOf(val, sub.keys[k]);
      if (lv == nullptr) return false;
      const JsonNode& cv = sub.elems[k];
      if (lv->IsScalar() || cv.IsScalar()) {
        if (!JsonbScalarsEqual(*lv, cv)) return false;
      } else if (!Contains(*lv, cv, false)) {
        return false;
      }
    }
    return true;
  }
  const bool val_raw = top && val.IsScalar(), sub_raw = top && sub.IsScalar();
  if (val_raw && !sub_raw) return false;
  auto elems = [](const JsonNode& n, bool raw) {
    return raw ? std::vector<const JsonNode*>{&n} : [&] {
      std::vector<const JsonNode*> v;
      for (const JsonNode& e : n.elems) v.push_back(&e);
      return v;
    }();
  };
  const std::vector<const JsonNode*> lhs = elems(val, val_raw), rhs = elems(sub, sub_raw);
  for (const JsonNode* ce : rhs) {
    bool found = false;
    for (const JsonNode* le : lhs) {
      if (ce->IsScalar() ? JsonbScalarsEqual(*le, *ce)
                         : !le->IsScalar() && Contains(*le, *ce, false)) {
        found = true;
        break;
      }
    }
    if (!found) return false;
  }
  return true;
}

template <bool kReverse>
Status ContainsOp(const Value* a, size_t, EvalContext&, Value* out) {
  JsonNode x, y;
  NANO_RETURN_IF_ERROR(Tree(a[0], &x));
  NANO_RETURN_IF_ERROR(Tree(a[1], &y));
  return Ok(Value::Bool(kReverse ? Contains(y, x, true) : Contains(x, y, true)), out);
}

// `?`: a top-level key, or a string element of a top-level array (or the
// document itself when it is a string scalar).
bool HasKey(const JsonNode& n, std::string_view key) {
  if (n.kind == K::kObject) return n.FindKey(key) >= 0;
  if (n.kind == K::kArray) {
    for (const JsonNode& e : n.elems) {
      if (e.kind == K::kString && e.str == key) return true;
    }
    return false;
  }
  return n.kind == K::kString && n.str == key;
}

Status ExistsOp(const Value* a, size_t, EvalContext&, Value* out) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(Tree(a[0], &n));
  return Ok(Value::Bool(HasKey(n, a[1].str())), out);
}

template <bool kAll>
Status ExistsArrayOp(const Value* a, size_t, EvalContext&, Value* out) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(Tree(a[0], &n));
  for (const Value& k : a[1].array().elements) {
    if (k.is_null()) continue;  // NULL keys are ignored, as in jsonb_exists_any/all
    const bool has = HasKey(n, k.str());
    if (kAll && !has) return Ok(Value::Bool(false), out);
    if (!kAll && has) return Ok(Value::Bool(true), out);
  }
  return Ok(Value::Bool(kAll), out);
}

// ---- jsonb modification: || - #- jsonb_set jsonb_insert -------------------------------------
Value Jsonb(const JsonNode& n) { return Value::String(ty::kJsonb, JsonbText(n)); }

Status Concat(const Value* a, size_t, EvalContext&, Value* out) {
  JsonNode x, y;
  NANO_RETURN_IF_ERROR(Tree(a[0], &x));
  NANO_RETURN_IF_ERROR(Tree(a[1], &y));
  if (x.kind == K::kObject && y.kind == K::kObject) {
    for (size_t k = 0; k < y.keys.size(); ++k) {
      x.keys.push_back(std::move(y.keys[k]));
      x.elems.push_back(std::move(y.elems[k]));
    }
    CanonicalizeJsonbObject(&x);  // the right operand's duplicates win
    return Ok(Jsonb(x), out);
  }
  // Anything else concatenates as arrays; objects and scalars become elements.
  JsonNode r;
  r.kind = K::kArray;
  for (JsonNode* side : {&x, &y}) {
    if (side->kind == K::kArray) {
      for (JsonNode& e : side->elems) r.elems.push_back(std::move(e));
    } else {
      r.elems.push_back(std::move(*side));
    }
  }
  return Ok(Jsonb(r), out);
}

Status CannotDeleteFromScalar() { return InvalidParam("cannot delete from scalar"); }

void DeleteKeys(JsonNode* n, const std::vector<std::string_view>& keys) {
  auto match = [&](std::string_view s) {
    return std::find(keys.begin(), keys.end(), s) != keys.end();
  };
  JsonNode r;
  r.kind = n->kind;
  for (size_t k = 0; k < n->elems.size(); ++k) {
    if (n->kind == K::kObject ? match(n->keys[k])
                              : n->elems[k].kind == K::kString && match(n->elems[k].str)) {
      continue;
    }
    if (n->kind == K::kObject) r.keys.push_back(std::move(n->keys[k]));
    r.elems.push_back(std::move(n->elems[k]));
  }
  *n = std::move(r);
}

Status DeleteKey(const Value* a, size_t, EvalContext&, Value* out) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(Tree(a[0], &n));
  if (n.IsScalar()) return CannotDeleteFromScalar();
  DeleteKeys(&n, {a[1].str()});
  return Ok(Jsonb(n), out);
}

Status DeleteKeyArray(const Value* a, size_t, EvalContext&, Value* out) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(Tree(a[0], &n));
  if (n.IsScalar()) return CannotDeleteFromScalar();
  std::vector<std::string_view> keys;
  for (const Value& k : a[1].array().elements) {
    if (!k.is_null()) keys.push_back(k.str());
  }
  if (!keys.empty()) DeleteKeys(&n, keys);
  return Ok(Jsonb(n), out);
}

Status DeleteIndex(const Value* a, size_t, EvalContext&, Value* out) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(Tree(a[0], &n));
  if (n.IsScalar()) return CannotDeleteFromScalar();
  if (n.kind == K::kObject) return InvalidParam("cannot delete from object using integer index");
  int64_t idx = a[1].int_value();
  const int64_t size = static_cast<int64_t>(n.elems.size());
  if (idx < 0) idx += size;
  if (idx >= 0 && idx < size) n.elems.erase(n.elems.begin() + idx);
  return Ok(Jsonb(n), out);
}

// setPath's operation flags (jsonfuncs.c JB_PATH_*).
enum PathOp : int {
  kPathCreate = 1,
  kPathReplace = 2,
  kPathDelete = 4,
  kPathInsertBefore = 8,
  kPathInsertAfter = 16,
  kPathCreateOrInsert = kPathCreate | kPathInsertBefore | kPathInsertAfter,
};

struct PathArgs {
  std::vector<std::string> steps;
  const JsonNode* newval = nullptr;
  int op = 0;
};

Status SetPath(JsonNode* n, const PathArgs& p, size_t level);

Status SetPathObject(JsonNode* n, const PathArgs& p, size_t level) {
  const std::string& key = p.steps[level];
  const bool last = level + 1 == p.steps.size();
  const int k = n->FindKey(key);
  if (k >= 0) {
    if (!last) return SetPath(&n->elems[k], p, level + 1);
    if (p.op & (kPathInsertBefore | kPathInsertAfter)) {
      return InvalidParam("cannot replace existing key")
          .WithHint("Try using the function jsonb_set to replace key value.");
    }
    if (p.op & kPathDelete) {
      n->keys.erase(n->keys.begin() + k);
      n->elems.erase(n->elems.begin() + k);
    } else {
      n->elems[k] = *p.newval;
    }
    return Status::OK();
  }
  if ((p.op & kPathCreateOrInsert) && last) {
    n->keys.push_back(key);
    n->elems.push_back(*p.newval);
    CanonicalizeJsonbObject(n);
  }
  return Status::OK();
}

Status SetPathArray(JsonNode* n, const PathArgs& p, size_t level) {
  const std::string& step = p.steps[level];
  int64_t idx;
  if (!PathIndex(step, &idx)) {
    return Status::Error(sqlstate::kInvalidTextRepresentation,
                         "path element at position " + std::to_string(level + 1) +
                             " is not an integer: \"" + step + "\"");
  }
  const int64_t size = static_cast<int64_t>(n->elems.size());
  const bool last = level + 1 == p.steps.size();
  bool prepend = false;
  if (idx < 0) {
    if (-idx > size) {
      prepend = true;
    } else {
      idx += size;
    }
  }
  if (idx > size) idx = size;
  if ((prepend || size == 0) && last && (p.op & kPathCreateOrInsert)) {
    n->elems.insert(n->elems.begin(), *p.newval);
    return Status::OK();
  }
  if (!prepend && idx < size) {
    if (!last) return SetPath(&n->elems[idx], p, level + 1);
    auto at = n->elems.begin() + idx;
    if (p.op & kPathDelete) {
      n->elems.erase(at);
    } else if (p.op & (kPathCreate | kPathReplace)) {
      *at = *p.newval;
    } else if (p.op & kPathInsertBefore) {
      n->elems.insert(at, *p.newval);
    } else if (p.op & kPathInsertAfter) {
      n->elems.insert(at + 1, *p.newval);
    }
    return Status::OK();
  }
  if ((p.op & kPathCreateOrInsert) && last && !prepend) n->elems.push_back(*p.newval);
  return Status::OK();
}

Status SetPath(JsonNode* n, const PathArgs& p, size_t level) {
  if (n->kind == K::kObject) return SetPathObject(n, p, level);
  if (n->kind == K::kArray) return SetPathArray(n, p, level);
  return Status::OK();  // a scalar on the way: left unchanged
}

Status PathSteps(const Value& path, std::vector<std::string>* steps) {
  const ValueVector& elems = path.array().elements;
  for (size_t k = 0; k < elems.size(); ++k) {
    if (elems[k].is_null()) {
      return Status::Error(sqlstate::kNullValueNotAllowed,
                           "path element at position " + std::to_string(k + 1) + " is null");
    }
    steps->push_back(elems[k].str());
  }
  return Status::OK();
}

Status ModifyPath(const Value& doc, const Value& path, const Value* newval, int op,
                  const char* scalar_error, Value* out) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(Tree(doc, &n));
  if (n.IsScalar()) return InvalidParam(scalar_error);
  // jsonb_delete_path returns an empty container before looking at the path.
  if (op == kPathDelete && n.elems.empty()) return Ok(doc, out);
  PathArgs p;
  p.op = op;
  NANO_RETURN_IF_ERROR(PathSteps(path, &p.steps));
  if (p.steps.empty()) return Ok(doc, out);
  JsonNode nv;
  if (newval != nullptr) {
    NANO_RETURN_IF_ERROR(Tree(*newval, &nv));
    p.newval = &nv;
  }
  NANO_RETURN_IF_ERROR(SetPath(&n, p, 0));
  return Ok(Jsonb(n), out);
}

Status JsonbSet(const Value* a, size_t n, EvalContext&, Value* out) {
  const bool create = n < 4 || a[3].bool_value();
  return ModifyPath(a[0], a[1], &a[2], create ? kPathCreate : kPathReplace,
                    "cannot set path in scalar", out);
}

Status JsonbInsert(const Value* a, size_t n, EvalContext&, Value* out) {
  const bool after = n == 4 && a[3].bool_value();
  return ModifyPath(a[0], a[1], &a[2], after ? kPathInsertAfter : kPathInsertBefore,
                    "cannot set path in scalar", out);
}

Status DeletePath(const Value* a, size_t, EvalContext&, Value* out) {
  return ModifyPath(a[0], a[1], nullptr, kPathDelete, "cannot delete path in scalar", out);
}

// ---- inspection ------------------------------------------------------------------------------
Status TypeOf(const Value* a, size_t, EvalContext&, Value* out) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(Tree(a[0], &n));
  return Ok(Value::Text(JsonKindName(n.kind)), out);
}

Status ArrayLength(const Value* a, size_t, EvalContext&, Value* out) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(Tree(a[0], &n));
  if (n.IsScalar()) return InvalidParam("cannot get array length of a scalar");
  if (n.kind == K::kObject) return InvalidParam("cannot get array length of a non-array");
  return Ok(Value::Int4(static_cast<int64_t>(n.elems.size())), out);
}

Status JsonbExists(const Value* a, size_t n, EvalContext& ctx, Value* out) {
  return ExistsOp(a, n, ctx, out);
}

void StripNulls(JsonNode* n) {
  if (n->kind == K::kObject) {
    JsonNode r;
    r.kind = K::kObject;
    for (size_t k = 0; k < n->elems.size(); ++k) {
      if (n->elems[k].kind == K::kNull) continue;
      r.keys.push_back(std::move(n->keys[k]));
      r.elems.push_back(std::move(n->elems[k]));
    }
    *n = std::move(r);
  }
  for (JsonNode& e : n->elems) StripNulls(&e);
}

Status JsonbStripNulls(const Value* a, size_t, EvalContext&, Value* out) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(Tree(a[0], &n));
  StripNulls(&n);
  return Ok(Jsonb(n), out);
}

// json_strip_nulls re-emits json compactly, as its lexer callbacks do.
void AppendCompactJson(const JsonNode& n, std::string* out) {
  switch (n.kind) {
    case K::kString:
      AppendJsonString(n.str, out);
      return;
    case K::kArray:
    case K::kObject: {
      const bool obj = n.kind == K::kObject;
      out->push_back(obj ? '{' : '[');
      for (size_t k = 0; k < n.elems.size(); ++k) {
        if (k) out->push_back(',');
        if (obj) {
          AppendJsonString(n.keys[k], out);
          out->push_back(':');
        }
        AppendCompactJson(n.elems[k], out);
      }
      out->push_back(obj ? '}' : ']');
      return;
    }
    default:
      out->append(n.raw);
  }
}

Status JsonStripNulls(const Value* a, size_t, EvalContext&, Value* out) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(Tree(a[0], &n));
  StripNulls(&n);
  std::string s;
  AppendCompactJson(n, &s);
  return Ok(Value::String(ty::kJson, std::move(s)), out);
}

// jsonb_set_lax: jsonb_set unless new_value is SQL NULL, which is handled as
// null_value_treatment says (not strict; NULL target or path gives NULL).
Status JsonbSetLax(const Value* a, size_t n, EvalContext& ctx, Value* out) {
  if (a[0].is_null() || a[1].is_null()) return Ok(Value::Null(ty::kJsonb), out);
  const std::string treatment = n >= 5 ? (a[4].is_null() ? "" : a[4].str()) : "use_json_null";
  const char* kTreatments =
      "null_value_treatment must be \"delete_key\", \"return_target\", \"use_json_null\", or "
      "\"raise_exception\"";
  if (n >= 5 && a[4].is_null()) return InvalidParam(kTreatments);
  if (n >= 4 && a[3].is_null()) return Ok(Value::Null(ty::kJsonb), out);
  if (!a[2].is_null()) return JsonbSet(a, std::min<size_t>(n, 4), ctx, out);
  if (treatment == "raise_exception") {
    return Status::Error(sqlstate::kNullValueNotAllowed, "JSON value must not be null")
        .WithDetail("Exception was raised because null_value_treatment is \"raise_exception\".")
        .WithHint(
            "To avoid, either change the null_value_treatment argument or ensure that an SQL "
            "NULL is not passed.");
  }
  if (treatment == "return_target") return Ok(a[0], out);
  if (treatment == "delete_key") return DeletePath(a, 2, ctx, out);
  if (treatment != "use_json_null") return InvalidParam(kTreatments);
  Value args[4] = {a[0], a[1], Value::String(ty::kJsonb, "null"),
                   n >= 4 ? a[3] : Value::Bool(true)};
  return JsonbSet(args, 4, ctx, out);
}

// jsonb_pretty: four-space indentation; empty containers still open a line,
// as JsonbToCStringIndent does.
void AppendPretty(const JsonNode& n, int level, std::string* out) {
  if (n.IsScalar()) {
    AppendJsonb(n, out);
    return;
  }
  const bool obj = n.kind == K::kObject;
  out->push_back(obj ? '{' : '[');
  for (size_t k = 0; k < n.elems.size(); ++k) {
    if (k) out->push_back(',');
    out->push_back('\n');
    out->append(4 * (level + 1), ' ');
    if (obj) {
      AppendJsonString(n.keys[k], out);
      out->append(": ");
    }
    AppendPretty(n.elems[k], level + 1, out);
  }
  out->push_back('\n');
  out->append(4 * level, ' ');
  out->push_back(obj ? '}' : ']');
}

Status JsonbPretty(const Value* a, size_t, EvalContext&, Value* out) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(Tree(a[0], &n));
  std::string s;
  AppendPretty(n, 0, &s);
  return Ok(Value::Text(std::move(s)), out);
}

// ---- constructors ----------------------------------------------------------------------------
// The result of a constructor: json text as built, or normalised for jsonb.
Status Finish(std::string text, bool jsonb, Value* out) {
  if (!jsonb) return Ok(Value::String(ty::kJson, std::move(text)), out);
  std::string norm;
  NANO_RETURN_IF_ERROR(NormalizeJson(text, true, &norm));
  return Ok(Value::String(ty::kJsonb, std::move(norm)), out);
}

Status RowToJson(const Value* a, size_t n, EvalContext& ctx, Value* out) {
  if (!a[0].is_record()) {
    return Status::Error(sqlstate::kInvalidParameterValue, "argument must be a composite type");
  }
  std::string s;
  NANO_RETURN_IF_ERROR(AppendRecordAsJson(a[0], Fmt(ctx), n > 1 && a[1].bool_value(), &s));
  return Ok(Value::String(ty::kJson, std::move(s)), out);
}

template <bool kJsonb>
Status ToJson(const Value* a, size_t, EvalContext& ctx, Value* out) {
  std::string s;
  NANO_RETURN_IF_ERROR(AppendValueAsJson(a[0], Fmt(ctx), &s));
  return Finish(std::move(s), kJsonb, out);
}

Status CheckKey(const Value& k, size_t argno, bool jsonb) {
  if (k.is_null()) {
    // PostgreSQL words the two differently (json.c vs jsonb.c).
    if (jsonb) return InvalidParam("argument " + std::to_string(argno) + ": key must not be null");
    return InvalidParam("argument " + std::to_string(argno) + " cannot be null")
        .WithHint("Object keys should be text.");
  }
  if (IsArrayType(k.type()) || k.type() == ty::kJson || k.type() == ty::kJsonb) {
    return InvalidParam("key value must be scalar, not array, composite, or json");
  }
  return Status::OK();
}

template <bool kJsonb>
Status BuildObject(const Value* a, size_t n, EvalContext& ctx, Value* out) {
  if (n % 2 != 0) {
    return InvalidParam("argument list must have even number of elements")
        .WithHint(kJsonb ? "The arguments of jsonb_build_object() must consist of alternating "
                           "keys and values."
                         : "The arguments of json_build_object() must consist of alternating "
                           "keys and values.");
  }
  std::string s = "{";
  for (size_t k = 0; k < n; k += 2) {
    NANO_RETURN_IF_ERROR(CheckKey(a[k], k + 1, kJsonb));
    if (k) s.append(", ");
    AppendJsonString(KeyText(a[k], Fmt(ctx)), &s);
    s.append(" : ");
    NANO_RETURN_IF_ERROR(AppendValueAsJson(a[k + 1], Fmt(ctx), &s));
  }
  s.push_back('}');
  return Finish(std::move(s), kJsonb, out);
}

template <bool kJsonb>
Status BuildArray(const Value* a, size_t n, EvalContext& ctx, Value* out) {
  std::string s = "[";
  for (size_t k = 0; k < n; ++k) {
    if (k) s.append(", ");
    NANO_RETURN_IF_ERROR(AppendValueAsJson(a[k], Fmt(ctx), &s));
  }
  s.push_back(']');
  return Finish(std::move(s), kJsonb, out);
}

// `f(VARIADIC arr)`: the array's elements as the arguments; a NULL array
// gives NULL (PostgreSQL's json(b)_build_* do the same).
template <ScalarFn kFn, TypeOid kResult>
Status SpreadArray(const Value* a, size_t, EvalContext& ctx, Value* out) {
  if (a[0].is_null()) return Ok(Value::Null(kResult), out);
  return CallSpread(kFn, a, 0, ctx, out);
}

Status ArraySubscriptError(const char* msg) { return Status::Error("2202E", msg); }

// json_object(text[]): a flat key/value list or a two-column array;
// json_object(keys text[], values text[]).
template <bool kJsonb>
Status ObjectFromArrays(const Value* a, size_t n, EvalContext&, Value* out) {
  std::vector<const Value*> keys, vals;
  if (n == 1) {
    const ArrayData& arr = a[0].array();
    if (arr.dims.size() > 2) return ArraySubscriptError("wrong number of array subscripts");
    if (arr.dims.size() == 2 && arr.dims[1] != 2) {
      return ArraySubscriptError("array must have two columns");
    }
    if (arr.dims.size() == 1 && arr.elements.size() % 2 != 0) {
      return ArraySubscriptError("array must have even number of elements");
    }
    for (size_t k = 0; k + 1 < arr.elements.size(); k += 2) {
      keys.push_back(&arr.elements[k]);
      vals.push_back(&arr.elements[k + 1]);
    }
  } else {
    const ArrayData& ka = a[0].array();
    const ArrayData& va = a[1].array();
    if (ka.dims.size() > 1 || va.dims.size() > 1) {
      return ArraySubscriptError("wrong number of array subscripts");
    }
    if (ka.elements.size() != va.elements.size()) {
      return ArraySubscriptError("mismatched array dimensions");
    }
    for (size_t k = 0; k < ka.elements.size(); ++k) {
      keys.push_back(&ka.elements[k]);
      vals.push_back(&va.elements[k]);
    }
  }
  std::string s = "{";
  for (size_t k = 0; k < keys.size(); ++k) {
    if (keys[k]->is_null()) {
      return Status::Error(sqlstate::kNullValueNotAllowed, "null value not allowed for object key");
    }
    if (k) s.append(", ");
    AppendJsonString(keys[k]->str(), &s);
    s.append(" : ");
    if (vals[k]->is_null()) {
      s.append("null");
    } else {
      AppendJsonString(vals[k]->str(), &s);
    }
  }
  s.push_back('}');
  return Finish(std::move(s), kJsonb, out);
}

// ---- jsonpath: jsonb_path_exists / match / query* and @? @@ ------------------------------------
// Runs args (target, path[, vars[, silent]]); *failed when a silent run erred.
Status RunPath(const Value* a, size_t n, bool force_silent, std::vector<std::string>* results,
               bool* failed) {
  JsonPath path;
  NANO_RETURN_IF_ERROR(JsonPath::Parse(a[1].str(), &path));
  JsonNode doc, vars;
  NANO_RETURN_IF_ERROR(Tree(a[0], &doc));
  if (n >= 3) NANO_RETURN_IF_ERROR(Tree(a[2], &vars));
  const bool silent = force_silent || (n >= 4 && a[3].bool_value());
  return path.Execute(doc, n >= 3 ? &vars : nullptr, silent, results, failed);
}

template <bool kSilent>
Status PathExists(const Value* a, size_t n, EvalContext&, Value* out) {
  std::vector<std::string> r;
  bool failed;
  NANO_RETURN_IF_ERROR(RunPath(a, n, kSilent, &r, &failed));
  if (failed) return Ok(Value::Null(ty::kBool), out);
  return Ok(Value::Bool(!r.empty()), out);
}

template <bool kSilent>
Status PathMatch(const Value* a, size_t n, EvalContext&, Value* out) {
  std::vector<std::string> r;
  bool failed;
  NANO_RETURN_IF_ERROR(RunPath(a, n, kSilent, &r, &failed));
  if (!failed && r.size() == 1 && (r[0] == "true" || r[0] == "false")) {
    return Ok(Value::Bool(r[0] == "true"), out);
  }
  if (!failed && r.size() == 1 && r[0] == "null") return Ok(Value::Null(ty::kBool), out);
  if (failed || kSilent || (n >= 4 && a[3].bool_value())) return Ok(Value::Null(ty::kBool), out);
  return Status::Error("22038", "single boolean result is expected");
}

Status PathQueryArray(const Value* a, size_t n, EvalContext&, Value* out) {
  std::vector<std::string> r;
  bool failed;
  NANO_RETURN_IF_ERROR(RunPath(a, n, false, &r, &failed));
  std::string s = "[";
  for (size_t k = 0; k < r.size(); ++k) s += (k ? ", " : "") + r[k];
  return Ok(Value::String(ty::kJsonb, s + "]"), out);
}

Status PathQueryFirst(const Value* a, size_t n, EvalContext&, Value* out) {
  std::vector<std::string> r;
  bool failed;
  NANO_RETURN_IF_ERROR(RunPath(a, n, false, &r, &failed));
  if (r.empty()) return Ok(Value::Null(ty::kJsonb), out);
  return Ok(Value::String(ty::kJsonb, r[0]), out);
}

Status PathQuery(const Value* a, size_t n, EvalContext&, std::vector<std::vector<Value>>* rows) {
  std::vector<std::string> r;
  bool failed;
  NANO_RETURN_IF_ERROR(RunPath(a, n, false, &r, &failed));
  for (std::string& t : r) rows->push_back({Value::String(ty::kJsonb, std::move(t))});
  return Status::OK();
}

// ---- set-returning: *_each, *_array_elements, *_object_keys ----------------------------------
using Rows = std::vector<std::vector<Value>>;

// The error a non-object document gives each function (they differ: jsonb
// checks the root's type, json reports the first token its parser meets).
Status NotObject(const JsonNode& n, bool jsonb, const char* fn) {
  if (jsonb) return InvalidParam(std::string("cannot call ") + fn + " on a non-object");
  return InvalidParam(n.kind == K::kArray ? "cannot deconstruct an array as an object"
                                          : "cannot deconstruct a scalar");
}

template <bool kText>
Status Each(const Value* a, size_t, EvalContext&, Rows* rows) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(Tree(a[0], &n));
  const bool jsonb = IsJsonb(a[0]);
  if (n.kind != K::kObject) {
    return NotObject(n, jsonb, kText ? "jsonb_each_text" : "jsonb_each");
  }
  for (size_t k = 0; k < n.keys.size(); ++k) {
    rows->push_back({Value::Text(n.keys[k]),
                     kText ? NodeText(n.elems[k], jsonb) : NodeValue(n.elems[k], jsonb)});
  }
  return Status::OK();
}

template <bool kText>
Status ArrayElements(const Value* a, size_t, EvalContext&, Rows* rows) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(Tree(a[0], &n));
  const bool jsonb = IsJsonb(a[0]);
  if (n.kind != K::kArray) {
    if (jsonb) {
      return InvalidParam(n.IsScalar() ? "cannot extract elements from a scalar"
                                       : "cannot extract elements from an object");
    }
    const std::string fn = kText ? "json_array_elements_text" : "json_array_elements";
    return InvalidParam("cannot call " + fn + (n.IsScalar() ? " on a scalar" : " on a non-array"));
  }
  for (const JsonNode& e : n.elems) {
    rows->push_back({kText ? NodeText(e, jsonb) : NodeValue(e, jsonb)});
  }
  return Status::OK();
}

Status ObjectKeys(const Value* a, size_t, EvalContext&, Rows* rows) {
  JsonNode n;
  NANO_RETURN_IF_ERROR(Tree(a[0], &n));
  if (n.kind != K::kObject) {
    const std::string fn = IsJsonb(a[0]) ? "jsonb_object_keys" : "json_object_keys";
    return InvalidParam("cannot call " + fn +
                        (n.kind == K::kArray ? " on an array" : " on a scalar"));
  }
  for (const std::string& k : n.keys) rows->push_back({Value::Text(k)});
  return Status::OK();
}

}  // namespace

const std::vector<SetReturningFunction>& JsonSetReturningFunctions() {
  const TypeOid kJ = ty::kJson, kB = ty::kJsonb, kT = ty::kText;
  static const std::vector<SetReturningFunction> kFns = {
      {"json_each", {kJ}, {{"key", kT}, {"value", kJ}}, Each<false>},
      {"jsonb_each", {kB}, {{"key", kT}, {"value", kB}}, Each<false>},
      {"json_each_text", {kJ}, {{"key", kT}, {"value", kT}}, Each<true>},
      {"jsonb_each_text", {kB}, {{"key", kT}, {"value", kT}}, Each<true>},
      {"json_array_elements", {kJ}, {{"value", kJ}}, ArrayElements<false>},
      {"jsonb_array_elements", {kB}, {{"value", kB}}, ArrayElements<false>},
      {"json_array_elements_text", {kJ}, {{"value", kT}}, ArrayElements<true>},
      {"jsonb_array_elements_text", {kB}, {{"value", kT}}, ArrayElements<true>},
      {"json_object_keys", {kJ}, {{"", kT}}, ObjectKeys},
      {"jsonb_object_keys", {kB}, {{"", kT}}, ObjectKeys},
      // jsonpath arguments are text: Nano has no jsonpath type yet.
      {"jsonb_path_query", {kB, kT}, {{"", kB}}, PathQuery},
      {"jsonb_path_query", {kB, kT, kB}, {{"", kB}}, PathQuery},
      {"jsonb_path_query", {kB, kT, kB, ty::kBool}, {{"", kB}}, PathQuery},
  };
  return kFns;
}

namespace {

// ---- aggregates ------------------------------------------------------------------------------
// json_agg / jsonb_agg: every input, NULL as null; no rows -> NULL.
class JsonAggState : public AggregateState {
 public:
  explicit JsonAggState(bool jsonb) : jsonb_(jsonb) {}
  Status Step(const Value* a, size_t, EvalContext& ctx) override {
    text_.append(n_ ? ", " : "[");
    // json_agg_transfn starts structured (array) values on a new line.
    if (n_++ && !a[0].is_null() && (IsArrayType(a[0].type()) || a[0].is_record())) {
      text_.append("\n ");
    }
    return AppendValueAsJson(a[0], Fmt(ctx), &text_);
  }
  Status Final(EvalContext&, Value* out) override {
    if (n_ == 0) return Ok(Value::Null(jsonb_ ? ty::kJsonb : ty::kJson), out);
    return Finish(text_ + "]", jsonb_, out);
  }

 private:
  bool jsonb_;
  std::string text_;
  int64_t n_ = 0;
};

// json_object_agg / jsonb_object_agg(key, value): json prints "{ k : v, ... }".
class JsonObjectAggState : public AggregateState {
 public:
  explicit JsonObjectAggState(bool jsonb) : jsonb_(jsonb) {}
  Status Step(const Value* a, size_t, EvalContext& ctx) override {
    if (a[0].is_null()) {
      return InvalidParam("field name must not be null");
    }
    if (jsonb_ &&
        (IsArrayType(a[0].type()) || a[0].type() == ty::kJson || a[0].type() == ty::kJsonb)) {
      return InvalidParam("key value must be scalar, not array, composite, or json");
    }
    text_.append(n_++ ? ", " : "{ ");
    AppendJsonString(KeyText(a[0], Fmt(ctx)), &text_);
    text_.append(" : ");
    return AppendValueAsJson(a[1], Fmt(ctx), &text_);
  }
  Status Final(EvalContext&, Value* out) override {
    if (n_ == 0) return Ok(Value::Null(jsonb_ ? ty::kJsonb : ty::kJson), out);
    return Finish(text_ + " }", jsonb_, out);
  }

 private:
  bool jsonb_;
  std::string text_;
  int64_t n_ = 0;
};

template <typename S, bool kJsonb>
std::unique_ptr<AggregateState> MakeAgg(const ResolvedCall&) {
  return std::make_unique<S>(kJsonb);
}

void Agg(FunctionRegistry& r, const char* name, std::vector<TypeOid> args, TypeOid ret,
         std::unique_ptr<AggregateState> (*create)(const ResolvedCall&)) {
  AggregateOverload a;
  a.name = name;
  a.arg_types = std::move(args);
  a.return_type = ret;
  a.create = create;
  a.strict = false;
  r.RegisterAggregate(std::move(a));
}

}  // namespace

void RegisterJson(FunctionRegistry& r) {
  const TypeOid kJ = ty::kJson, kB = ty::kJsonb, kT = ty::kText, kI = ty::kInt4;
  const TypeOid kTA = ty::kTextArray;
  for (TypeOid j : {kJ, kB}) {
    Reg(r, "->", {j, kT}, j, GetField<false>);
    Reg(r, "->>", {j, kT}, kT, GetField<true>);
    Reg(r, "->", {j, kI}, j, GetElement<false>);
    Reg(r, "->>", {j, kI}, kT, GetElement<true>);
    Reg(r, "#>", {j, kTA}, j, PathOp<false>);
    Reg(r, "#>>", {j, kTA}, kT, PathOp<true>);
    Reg(r, j == kJ ? "json_typeof" : "jsonb_typeof", {j}, kT, TypeOf);
    Reg(r, j == kJ ? "json_array_length" : "jsonb_array_length", {j}, kI, ArrayLength);
    Reg(r, j == kJ ? "json_extract_path" : "jsonb_extract_path", {j, kT}, j,
        ExtractPathVariadic<false>, Volatility::kImmutable, true, true);
    Reg(r, j == kJ ? "json_extract_path_text" : "jsonb_extract_path_text", {j, kT}, kT,
        ExtractPathVariadic<true>, Volatility::kImmutable, true, true);
  }
  Reg(r, "@>", {kB, kB}, ty::kBool, ContainsOp<false>);
  Reg(r, "<@", {kB, kB}, ty::kBool, ContainsOp<true>);
  Reg(r, "?", {kB, kT}, ty::kBool, ExistsOp);
  Reg(r, "?|", {kB, kTA}, ty::kBool, ExistsArrayOp<false>);
  Reg(r, "?&", {kB, kTA}, ty::kBool, ExistsArrayOp<true>);
  Reg(r, "jsonb_exists", {kB, kT}, ty::kBool, JsonbExists);
  Reg(r, "jsonb_exists_any", {kB, kTA}, ty::kBool, ExistsArrayOp<false>);
  Reg(r, "jsonb_exists_all", {kB, kTA}, ty::kBool, ExistsArrayOp<true>);
  Reg(r, "jsonb_contains", {kB, kB}, ty::kBool, ContainsOp<false>);
  Reg(r, "jsonb_contained", {kB, kB}, ty::kBool, ContainsOp<true>);
  Reg(r, "||", {kB, kB}, kB, Concat);
  Reg(r, "-", {kB, kT}, kB, DeleteKey);
  Reg(r, "-", {kB, kTA}, kB, DeleteKeyArray);
  Reg(r, "-", {kB, kI}, kB, DeleteIndex);
  Reg(r, "#-", {kB, kTA}, kB, DeletePath);
  Reg(r, "jsonb_set", {kB, kTA, kB}, kB, JsonbSet);
  Reg(r, "jsonb_set", {kB, kTA, kB, ty::kBool}, kB, JsonbSet);
  Reg(r, "jsonb_insert", {kB, kTA, kB}, kB, JsonbInsert);
  Reg(r, "jsonb_insert", {kB, kTA, kB, ty::kBool}, kB, JsonbInsert);
  Reg(r, "jsonb_strip_nulls", {kB}, kB, JsonbStripNulls);
  Reg(r, "json_strip_nulls", {kJ}, kJ, JsonStripNulls);
  Reg(r, "array_to_json", {ty::kAnyArray}, kJ, ArrayToJson);
  Reg(r, "array_to_json", {ty::kAnyArray, ty::kBool}, kJ, ArrayToJson);
  Reg(r, "jsonb_set_lax", {kB, kTA, kB}, kB, JsonbSetLax, Volatility::kImmutable, false);
  Reg(r, "jsonb_set_lax", {kB, kTA, kB, ty::kBool}, kB, JsonbSetLax, Volatility::kImmutable, false);
  Reg(r, "jsonb_set_lax", {kB, kTA, kB, ty::kBool, kT}, kB, JsonbSetLax, Volatility::kImmutable,
      false);
  Reg(r, "jsonb_pretty", {kB}, kT, JsonbPretty);
  Reg(r, "row_to_json", {ty::kRecord}, kJ, RowToJson);
  Reg(r, "row_to_json", {ty::kRecord, ty::kBool}, kJ, RowToJson);
  Reg(r, "to_json", {ty::kAnyElement}, kJ, ToJson<false>);
  Reg(r, "to_jsonb", {ty::kAnyElement}, kB, ToJson<true>);
  // VARIADIC "any" constructors are not strict: NULL values become null.
  Reg(r, "json_build_object", {}, kJ, BuildObject<false>);
  RegVariadic(r, "json_build_object", {ty::kAny}, kJ, BuildObject<false>,
              SpreadArray<BuildObject<false>, ty::kJson>, Volatility::kStable);
  Reg(r, "jsonb_build_object", {}, kB, BuildObject<true>);
  RegVariadic(r, "jsonb_build_object", {ty::kAny}, kB, BuildObject<true>,
              SpreadArray<BuildObject<true>, ty::kJsonb>, Volatility::kStable);
  Reg(r, "json_build_array", {}, kJ, BuildArray<false>);
  RegVariadic(r, "json_build_array", {ty::kAny}, kJ, BuildArray<false>,
              SpreadArray<BuildArray<false>, ty::kJson>, Volatility::kStable);
  Reg(r, "jsonb_build_array", {}, kB, BuildArray<true>);
  RegVariadic(r, "jsonb_build_array", {ty::kAny}, kB, BuildArray<true>,
              SpreadArray<BuildArray<true>, ty::kJsonb>, Volatility::kStable);
  Reg(r, "json_object", {kTA}, kJ, ObjectFromArrays<false>);
  Reg(r, "json_object", {kTA, kTA}, kJ, ObjectFromArrays<false>);
  Reg(r, "jsonb_object", {kTA}, kB, ObjectFromArrays<true>);
  Reg(r, "jsonb_object", {kTA, kTA}, kB, ObjectFromArrays<true>);
  // jsonpath functions; the path is text (no jsonpath type yet).
  for (std::vector<TypeOid> extra :
       {std::vector<TypeOid>{}, std::vector<TypeOid>{kB}, std::vector<TypeOid>{kB, ty::kBool}}) {
    std::vector<TypeOid> args = {kB, kT};
    args.insert(args.end(), extra.begin(), extra.end());
    Reg(r, "jsonb_path_exists", args, ty::kBool, PathExists<false>);
    Reg(r, "jsonb_path_match", args, ty::kBool, PathMatch<false>);
    Reg(r, "jsonb_path_query_array", args, kB, PathQueryArray);
    Reg(r, "jsonb_path_query_first", args, kB, PathQueryFirst);
  }
  Reg(r, "@?", {kB, kT}, ty::kBool, PathExists<true>);
  Reg(r, "@@", {kB, kT}, ty::kBool, PathMatch<true>);
  Agg(r, "json_agg", {ty::kAnyElement}, kJ, MakeAgg<JsonAggState, false>);
  Agg(r, "jsonb_agg", {ty::kAnyElement}, kB, MakeAgg<JsonAggState, true>);
  Agg(r, "json_object_agg", {ty::kAny, ty::kAny}, kJ, MakeAgg<JsonObjectAggState, false>);
  Agg(r, "jsonb_object_agg", {ty::kAny, ty::kAny}, kB, MakeAgg<JsonObjectAggState, true>);
}

}  // namespace nano::fn
