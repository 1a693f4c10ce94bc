// engine/types/enum_value.h — how a value of a user-defined enum type is held.
//
// An enum value is Value::String(enum type oid, key) where key is the
// label's 8-byte order key (its pg_enum.enumsortorder as an order-preserving
// big-endian encoding of a double) followed by the label's bytes. So byte
// comparison, hashing, row and key encodings (which treat unknown types as
// strings) order enum values in declaration order and keep equal labels
// equal, with no catalog access; only input (label -> sort order) needs the
// catalog, and output strips the first 8 bytes.
//
// Built-in types all have oids below 16384 (FirstNormalObjectId); every
// runtime value type at or above it is a user enum (domains never reach
// values: a domain's values carry its base type).
//
// Pure functions; thread-safe.
#pragma once

#include <bit>
#include <cstdint>
#include <string>
#include <string_view>

#include "types/value.h"

namespace nano {

inline constexpr TypeOid kFirstUserTypeOid = 16384;
inline constexpr size_t kEnumOrderKeyBytes = 8;

inline bool IsEnumType(TypeOid t) { return t >= kFirstUserTypeOid; }

inline Value MakeEnumValue(TypeOid enum_type, double sort_order, std::string_view label) {
  uint64_t bits = std::bit_cast<uint64_t>(sort_order);
  bits = (bits >> 63) != 0 ? ~bits : bits ^ (uint64_t{1} << 63);
  std::string key(kEnumOrderKeyBytes, '\0');
  for (size_t i = 0; i < kEnumOrderKeyBytes; ++i) {
    key[i] = static_cast<char>((bits >> (56 - 8 * i)) & 0xFF);
  }
  key.append(label);
  return Value::String(enum_type, std::move(key));
}

// The label of a non-NULL enum value (empty if malformed).
inline std::string_view EnumLabelOf(const Value& v) {
  std::string_view s = v.str();
  return s.size() < kEnumOrderKeyBytes ? std::string_view() : s.substr(kEnumOrderKeyBytes);
}

}  // namespace nano
