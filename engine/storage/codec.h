// engine/storage/codec.h — byte encodings of values for storage.
//
// Two encodings:
//  * Key encoding: order-preserving. For two values a, b of the same type,
//    memcmp(Key(a), Key(b)) has the sign of the SQL comparison a <=> b, with
//    NULL sorting after every value (PostgreSQL's default NULLS LAST for ASC).
//    Concatenated encodings of several columns sort like the tuple. A
//    descending column stores the bitwise complement. Used for primary keys
//    and index keys.
//  * Row encoding: compact, not ordered; a null bitmap then each non-null
//    column's bytes. Decoding needs the column types in order. Rows written
//    with fewer columns than the table now has (after ALTER TABLE ADD COLUMN)
//    decode with the missing trailing columns as NULL; the caller fills
//    defaults.
//
// Contract: DecodeRow(EncodeRow(v)) == v exactly for every value of every type
// in types/value.h, including NaN, -0.0, infinities, empty strings, strings
// with NUL bytes, and arrays. Key encoding gives SQL-equal values equal keys
// (btree equality), so DecodeKeyValue(EncodeKeyValue(v)) is SQL-equal to v
// and exact except for these canonical forms: -0.0 -> 0.0, any NaN -> NaN,
// numeric without trailing fractional zeros ("1.50" -> "1.5"), interval
// renormalised from its span ('30 days' and '1 mon' share a key). Take
// displayed values from rows, not keys. Decoding returns XX001
// (data_corrupted) on malformed input; it never reads out of bounds.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/value.h"

namespace nano {

// Appends a big-endian integer (for prefixes: table ids, index ids).
void AppendU32BE(std::string* out, uint32_t v);
void AppendU64BE(std::string* out, uint64_t v);
uint32_t ReadU32BE(const char* p);
uint64_t ReadU64BE(const char* p);

// Order-preserving encoding of `v` (of column type `type`) appended to *out.
void EncodeKeyValue(const Value& v, TypeOid type, bool descending, std::string* out);
// Decodes one key value of `type` from the front of *in, advancing it.
Status DecodeKeyValue(std::string_view* in, TypeOid type, bool descending, Value* out);

// Row encoding.
void EncodeRow(const Value* values, size_t count, std::string* out);
// Decodes into out[0..types.size()); missing trailing columns become NULL.
Status DecodeRow(std::string_view in, const std::vector<TypeOid>& types, Value* out);

}  // namespace nano
