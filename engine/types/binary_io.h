// engine/types/binary_io.h — PostgreSQL binary send/recv formats (as in
// COPY BINARY and the wire protocol's binary result/parameter format).
//
// Contract:
//   * ParseBinary decodes `bytes` (the value payload, without the 4-byte
//     length word) as type t; 22P03 "incorrect binary data format" (or PG's
//     specific message) on malformed input. Typmods are applied.
//   * FormatBinary appends the payload for a non-NULL value; 0A000 if the
//     type has no binary form yet.
//   * Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "common/status.h"
#include "types/value.h"

namespace nano {

Status ParseBinary(std::string_view bytes, TypeRef t, Value* out);
Status FormatBinary(const Value& v, std::string* out);

}  // namespace nano
