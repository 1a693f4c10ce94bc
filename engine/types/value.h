// engine/types/value.h — one SQL value (a datum) of any type, or NULL.
//
// Representation by type (all PostgreSQL epochs are 2000-01-01 00:00:00 UTC):
//   bool                          -> b
//   int2/int4/int8/oid            -> i (int64, range-checked on creation)
//   float4/float8                 -> d (double; float4 values are floats widened)
//   date                          -> i (days since 2000-01-01; INT32_MIN/MAX = -/+infinity)
//   time                          -> i (microseconds since midnight)
//   timetz                        -> iv {micros: time of day, days: zone offset in seconds
//                                     west of UTC as PostgreSQL stores it, months: 0}
//   timestamp/timestamptz         -> i (microseconds since epoch, UTC for tz;
//                                     INT64_MIN/MAX = -/+infinity)
//   interval                      -> iv {micros, days, months}
//   text/varchar/bpchar/name/json -> str (UTF-8 bytes)
//   bytea                         -> str (raw bytes)
//   numeric                       -> str (canonical decimal text, see types/numeric.h:
//                                     "[-]digits[.digits]" or "NaN", "Infinity", "-Infinity")
//   uuid                          -> str (16 raw bytes)
//   jsonb                         -> str (normalised JSON text, as jsonb prints it)
//   arrays                        -> arr (elements; element type from ArrayElementType)
//   records (ROW(...), composite  -> arr with is_record(): elements are the fields, each
//   types, whole-row references)     carrying its own type; field_names when known
//                                     (type() is the composite type's oid or kRecord)
//   unknown (untyped literal)     -> str
//
// Values are cheap to move; copying copies the string. Thread-safety: values
// are plain data; arrays share immutable element vectors.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "types/type_id.h"

namespace nano {

struct Interval {
  int64_t micros = 0;
  int32_t days = 0;
  int32_t months = 0;
};

class Value;
using ValueVector = std::vector<Value>;

// An array value: one dimension or several (dims), lower bounds default 1.
// Also the fields of a record value (Value::Record): then dims and
// lower_bounds are empty and field_names, when set, names each element.
struct ArrayData {
  std::vector<int32_t> dims;                                    // empty for an empty array
  std::vector<int32_t> lower_bounds;                            // same length as dims
  ValueVector elements;                                         // row-major
  std::shared_ptr<const std::vector<std::string>> field_names;  // records only
};

class Value {
 public:
  Value() = default;  // NULL of unknown type

  static Value Null(TypeOid t = type::kUnknown) {
    Value v;
    v.type_ = t;
    return v;
  }
  static Value Bool(bool b) { return Scalar(type::kBool, b ? 1 : 0); }
  static Value Int2(int64_t i) { return Scalar(type::kInt2, i); }
  static Value Int4(int64_t i) { return Scalar(type::kInt4, i); }
  static Value Int8(int64_t i) { return Scalar(type::kInt8, i); }
  static Value Oid(int64_t i) { return Scalar(type::kOid, i); }
  static Value RegProc(int64_t i) { return Scalar(type::kRegProc, i); }
  static Value Float4(double d) { return Double(type::kFloat4, static_cast<float>(d)); }
  static Value Float8(double d) { return Double(type::kFloat8, d); }
  static Value Date(int64_t days) { return Scalar(type::kDate, days); }
  static Value Time(int64_t micros) { return Scalar(type::kTime, micros); }
  static Value Timestamp(int64_t micros) { return Scalar(type::kTimestamp, micros); }
  static Value TimestampTz(int64_t micros) { return Scalar(type::kTimestampTz, micros); }
  static Value MakeInterval(Interval iv) {
    Value v;
    v.type_ = type::kInterval;
    v.null_ = false;
    v.u_.iv = iv;
    return v;
  }
  static Value String(TypeOid t, std::string s) {
    Value v;
    v.type_ = t;
    v.null_ = false;
    v.str_ = std::move(s);
    return v;
  }
  static Value Text(std::string s) { return String(type::kText, std::move(s)); }
  static Value Bytea(std::string s) { return String(type::kBytea, std::move(s)); }
  static Value Numeric(std::string canonical) {
    return String(type::kNumeric, std::move(canonical));
  }
  static Value Unknown(std::string s) { return String(type::kUnknown, std::move(s)); }
  static Value Array(TypeOid array_type, std::shared_ptr<const ArrayData> data) {
    Value v;
    v.type_ = array_type;
    v.null_ = false;
    v.arr_ = std::move(data);
    return v;
  }

  // A record (row value) of composite type `t` (or type::kRecord) whose
  // fields are data->elements.
  static Value Record(TypeOid t, std::shared_ptr<const ArrayData> data) {
    Value v = Array(t, std::move(data));
    v.record_ = true;
    return v;
  }

  TypeOid type() const { return type_; }
  bool is_null() const { return null_; }
  // A non-NULL record value (fields in array().elements).
  bool is_record() const { return record_; }

  bool bool_value() const { return u_.i != 0; }
  int64_t int_value() const { return u_.i; }
  double float_value() const { return u_.d; }
  const Interval& interval_value() const { return u_.iv; }
  const std::string& str() const { return str_; }
  std::string& mutable_str() { return str_; }
  const ArrayData& array() const { return *arr_; }
  const std::shared_ptr<const ArrayData>& array_ptr() const { return arr_; }

  // Re-labels the value's type without converting (e.g. text -> varchar).
  void set_type(TypeOid t) { type_ = t; }

 private:
  static Value Scalar(TypeOid t, int64_t i) {
    Value v;
    v.type_ = t;
    v.null_ = false;
    v.u_.i = i;
    return v;
  }
  static Value Double(TypeOid t, double d) {
    Value v;
    v.type_ = t;
    v.null_ = false;
    v.u_.d = d;
    return v;
  }

  TypeOid type_ = type::kUnknown;
  bool null_ = true;
  bool record_ = false;
  // A named union with a constructor: Interval has default member
  // initialisers, which would delete an anonymous union's default constructor.
  union Payload {
    Payload() : i(0) {}
    int64_t i;
    double d;
    Interval iv;
  } u_;
  std::string str_;
  std::shared_ptr<const ArrayData> arr_;
};

}  // namespace nano
