// engine/types/record.cc — record shapes registry and record text I/O.
#include "types/record.h"

#include <cassert>
#include <deque>
#include <mutex>
#include <unordered_map>

#include "common/sqlstate.h"
#include "types/text_io.h"

namespace nano {
namespace {

struct ShapeRegistry {
  std::mutex mu;
  std::deque<RecordShape> shapes;                   // stable addresses; index = typmod
  std::unordered_map<std::string, int32_t> by_key;  // ShapeKey -> typmod
};

// Names and types, unambiguously (names are length-prefixed).
std::string ShapeKey(const std::vector<RecordField>& fields) {
  std::string key;
  for (const RecordField& f : fields) {
    key += std::to_string(f.name.size()) + ':' + f.name + ':' + std::to_string(f.type.oid) + ':' +
           std::to_string(f.type.typmod) + ';';
  }
  return key;
}

ShapeRegistry& Registry() {
  static ShapeRegistry* r = new ShapeRegistry();  // never destroyed (shapes outlive statics)
  return *r;
}

bool IsRecordSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

bool NeedsRecordQuote(std::string_view s) {
  if (s.empty()) return true;
  for (char c : s) {
    if (c == '"' || c == '\\' || c == '(' || c == ')' || c == ',' || IsRecordSpace(c)) return true;
  }
  return false;
}

Status Malformed(std::string_view text, const char* detail) {
  return Status::Error(sqlstate::kInvalidTextRepresentation,
                       "malformed record literal: \"" + std::string(text) + "\"")
      .WithDetail(detail);
}

}  // namespace

int32_t RegisterRecordShape(std::vector<RecordField> fields) {
  std::string key = ShapeKey(fields);
  ShapeRegistry& r = Registry();
  std::lock_guard<std::mutex> lock(r.mu);
  auto [it, inserted] = r.by_key.emplace(std::move(key), static_cast<int32_t>(r.shapes.size()));
  if (!inserted) return it->second;
  RecordShape shape;
  shape.names = FieldNamesOf(fields);
  shape.fields = std::move(fields);
  r.shapes.push_back(std::move(shape));
  return it->second;
}

const RecordShape* FindRecordShape(int32_t typmod) {
  if (typmod < 0) return nullptr;
  ShapeRegistry& r = Registry();
  std::lock_guard<std::mutex> lock(r.mu);
  if (static_cast<size_t>(typmod) >= r.shapes.size()) return nullptr;
  return &r.shapes[static_cast<size_t>(typmod)];
}

std::shared_ptr<const std::vector<std::string>> FieldNamesOf(const std::vector<RecordField>& f) {
  auto names = std::make_shared<std::vector<std::string>>();
  names->reserve(f.size());
  for (const RecordField& field : f) names->push_back(field.name);
  return names;
}

Value MakeRecord(TypeOid t, ValueVector fields,
                 std::shared_ptr<const std::vector<std::string>> names) {
  auto data = std::make_shared<ArrayData>();
  data->elements = std::move(fields);
  data->field_names = std::move(names);
  return Value::Record(t, std::move(data));
}

void FormatRecordText(const Value& v, const FormatContext& ctx, std::string* out) {
  assert(v.is_record());
  out->push_back('(');
  bool first = true;
  for (const Value& f : v.array().elements) {
    if (!first) out->push_back(',');
    first = false;
    if (f.is_null()) continue;
    const std::string s = ValueToString(f, ctx);
    if (!NeedsRecordQuote(s)) {
      out->append(s);
      continue;
    }
    out->push_back('"');
    for (char c : s) {
      if (c == '"' || c == '\\') out->push_back(c);
      out->push_back(c);
    }
    out->push_back('"');
  }
  out->push_back(')');
}

Status ParseRecordText(std::string_view text, TypeOid type, const std::vector<RecordField>& fields,
                       const FormatContext& ctx, Value* out, FieldParser parse_field,
                       void* parse_arg) {
  size_t p = 0;
  while (p < text.size() && IsRecordSpace(text[p])) ++p;
  if (p >= text.size() || text[p] != '(') return Malformed(text, "Missing left parenthesis.");
  ++p;
  ValueVector values;
  values.reserve(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) {
      if (p < text.size() && text[p] == ',') {
        ++p;
      } else {
        return Malformed(text, "Too few columns.");
      }
    }
    if (p < text.size() && (text[p] == ',' || text[p] == ')')) {
      values.push_back(Value::Null(fields[i].type.oid));  // an empty field is NULL
      continue;
    }
    std::string field;
    bool in_quotes = false;
    while (in_quotes || p >= text.size() || (text[p] != ',' && text[p] != ')')) {
      if (p >= text.size()) return Malformed(text, "Unexpected end of input.");
      const char c = text[p++];
      if (c == '\\') {
        if (p >= text.size()) return Malformed(text, "Unexpected end of input.");
        field.push_back(text[p++]);
      } else if (c == '"') {
        if (!in_quotes) {
          in_quotes = true;
        } else if (p < text.size() && text[p] == '"') {
          field.push_back('"');  // "" inside quotes
          ++p;
        } else {
          in_quotes = false;
        }
      } else {
        field.push_back(c);
      }
    }
    Value v;
    if (parse_field != nullptr) {
      NANO_RETURN_IF_ERROR(parse_field(parse_arg, field, fields[i], &v));
    } else {
      NANO_RETURN_IF_ERROR(ParseText(field, fields[i].type, ctx, &v));
    }
    values.push_back(std::move(v));
  }
  if (p >= text.size() || text[p] != ')') return Malformed(text, "Too many columns.");
  ++p;
  while (p < text.size() && IsRecordSpace(text[p])) ++p;
  if (p != text.size()) return Malformed(text, "Junk after right parenthesis.");
  *out = MakeRecord(type, std::move(values), FieldNamesOf(fields));
  return Status::OK();
}

std::string RecordFieldName(const Value& record, size_t i) {
  const auto& names = record.array().field_names;
  if (names && i < names->size()) return (*names)[i];
  return "f" + std::to_string(i + 1);
}

}  // namespace nano
