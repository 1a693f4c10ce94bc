// engine/types/record.h — row values (records): their shapes, text form and
// construction.
//
// A record value is Value::Record(type, fields) (see types/value.h): its
// type is a composite type's oid (CREATE TYPE ... AS (...), or a table's row
// type) or type::kRecord for an anonymous row (ROW(1, 'a'), a subquery's
// whole row). Every field carries its own type, so values never need the
// catalog to be printed, compared, hashed or stored.
//
// What the binder needs about a record-typed expression — its field names and
// types — is its RecordShape. Anonymous shapes are registered in a
// process-wide, append-only registry and identified by the expression's
// typmod, as PostgreSQL identifies "blessed" transient record types:
// TypeRef{kRecord, typmod >= 0} has a known shape, typmod -1 does not.
// Named composite types' shapes come from the catalog.
//
// Contract: all functions are thread-safe; registered shapes live for the
// whole process (the registry deduplicates equal shapes, so it grows with the
// number of distinct row shapes a workload uses, not with its queries).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/format_context.h"
#include "types/value.h"

namespace nano {

struct RecordField {
  std::string name;
  TypeRef type;
};

struct RecordShape {
  std::vector<RecordField> fields;
  // The names as a record value holds them (shared by every value built
  // with this shape).
  std::shared_ptr<const std::vector<std::string>> names;
};

// Registers (or finds) an anonymous shape; returns its typmod (>= 0).
int32_t RegisterRecordShape(std::vector<RecordField> fields);
// The shape registered under `typmod`; nullptr for -1 or an unknown typmod.
const RecordShape* FindRecordShape(int32_t typmod);

// The names vector a record value holds for these fields.
std::shared_ptr<const std::vector<std::string>> FieldNamesOf(const std::vector<RecordField>& f);

// Builds a record of type `t` from its fields.
Value MakeRecord(TypeOid t, ValueVector fields,
                 std::shared_ptr<const std::vector<std::string>> names = nullptr);

// record_out: "(1,abc,,\"a b\")" — a NULL field prints nothing; a field is
// double-quoted when empty or when it holds  " \ ( ) , or white space, with
// " and \ doubled inside the quotes.
void FormatRecordText(const Value& v, const FormatContext& ctx, std::string* out);

// record_in for a composite type: parses `text` into fields of `shape`
// (each with ParseText of the field's type). Errors are PostgreSQL's:
// 22P02 malformed record literal: "..." with DETAIL "Missing left
// parenthesis.", "Too few columns.", "Too many columns.", "Junk after right
// parenthesis.", "Unexpected end of input.". `parse_field` converts one
// field's text (so nested composite fields can reach the catalog).
using FieldParser = Status (*)(void* arg, std::string_view text, const RecordField& field,
                               Value* out);
Status ParseRecordText(std::string_view text, TypeOid type, const std::vector<RecordField>& fields,
                       const FormatContext& ctx, Value* out, FieldParser parse_field = nullptr,
                       void* parse_arg = nullptr);

// The field name of field i (1-based "f<i>" when the record has no names).
std::string RecordFieldName(const Value& record, size_t i);

}  // namespace nano
