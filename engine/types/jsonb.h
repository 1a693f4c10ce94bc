// engine/types/jsonb.h — an in-memory JSON document tree for json and jsonb
// operators, and jsonb's ordering, equality and hashing.
//
// Contract:
//   * ParseJsonTree reads text that already passed input validation (a json
//     or jsonb Value's str()); invalid text still yields the input error
//     NormalizeJson would report. Strings are decoded (escapes resolved);
//     numbers keep their literal text; every node also records its raw source
//     span so json (not jsonb) operators can return the input text verbatim.
//     Objects keep source order and duplicates: jsonb text is already sorted
//     and de-duplicated, json keeps what the user wrote (lookups take the last
//     duplicate, as PostgreSQL does).
//   * AppendJsonb renders a tree in jsonb's canonical output form; the tree
//     must respect jsonb's key order (sorted by length then bytes, unique).
//   * CompareJsonb / HashJsonb implement PostgreSQL's jsonb btree order
//     (compareJsonbContainers): object > array > boolean > number > string >
//     null; containers by element/pair count first, then members in storage
//     order; a top-level scalar sorts before a one-element array (so an empty
//     top-level array sorts below null). Numbers compare as numeric, so 1.0
//     equals 1 and hashes alike.
//   * Parsing is bounded by the input's nesting depth (validated at input to
//     be below the stack-depth guard). Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/format_context.h"
#include "types/value.h"

namespace nano {

struct JsonNode {
  // Declared in jsonb's type order (jbvNull < jbvString < jbvNumeric < jbvBool
  // < array < object), which CompareJsonb relies on.
  enum class Kind : uint8_t { kNull, kString, kNumber, kBool, kArray, kObject };
  Kind kind = Kind::kNull;
  bool boolean = false;
  std::string str;                // kString: decoded text; kNumber: literal text
  std::vector<JsonNode> elems;    // kArray elements; kObject values
  std::vector<std::string> keys;  // kObject keys, parallel to elems
  std::string_view raw;           // source text of this value (json verbatim output)

  bool IsScalar() const { return kind != Kind::kArray && kind != Kind::kObject; }
  // Index of key in an object (the last duplicate), or -1.
  int FindKey(std::string_view key) const;
};

Status ParseJsonTree(std::string_view text, bool jsonb, JsonNode* out);

// Appends the jsonb rendering of n ("{"a": 1, "b": [1, 2]}").
void AppendJsonb(const JsonNode& n, std::string* out);
std::string JsonbText(const JsonNode& n);

// Sorts an object's keys into jsonb order and drops earlier duplicates.
void CanonicalizeJsonbObject(JsonNode* n);

// jsonb_typeof's names: object, array, string, number, boolean, null.
const char* JsonKindName(JsonNode::Kind k);

// jsonb -> bool / int2 / int4 / int8 / float4 / float8 / numeric (explicit
// casts): the document must be a scalar of the matching kind, else 22023
// "cannot cast jsonb <kind> to type <type>"; numbers convert as numeric does.
Status CastJsonbToScalar(const Value& v, TypeRef to, const FormatContext& fmt, Value* out);

int CompareJsonb(std::string_view a, std::string_view b);
uint64_t HashJsonb(std::string_view v);
int CompareJsonbNodes(const JsonNode& a, const JsonNode& b, bool top_level);
bool JsonbScalarsEqual(const JsonNode& a, const JsonNode& b);

}  // namespace nano
