// engine/storage/codec.cc — key (order-preserving) and row encodings.
//
// Key encoding of one value: a tag byte (kTagValue, or kTagNull which sorts
// after it), then the type's bytes. Every type's bytes are prefix-free (fixed
// width, or terminated), so concatenations of columns sort like tuples and a
// descending column can simply be complemented.
//
// Values that SQL considers equal get equal keys (btree equality), so key
// decoding returns a canonical member of the equality class: -0.0 decodes as
// 0.0, every NaN as the same NaN, numeric without trailing fractional zeros
// ("1.50" -> "1.5"), interval as months/days/micros normalised from its span.
#include "storage/codec.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>
#include <cstring>
#include <limits>

#include "types/enum_value.h"

namespace nano {

namespace {

constexpr uint8_t kTagValue = 0x02;
constexpr uint8_t kTagNull = 0xFE;
// Arrays: each element is preceded by kArrayElement; the list ends with
// kArrayEnd (smaller, so a shorter array with an equal prefix sorts first).
constexpr uint8_t kArrayEnd = 0x01;
constexpr uint8_t kArrayElement = 0x02;
// Row encoding: the first byte of a record value.
constexpr int kRecordMarker = 0x01;
// Numeric classes, in SQL order.
constexpr uint8_t kNumNegInf = 0x01;
constexpr uint8_t kNumNeg = 0x02;
constexpr uint8_t kNumZero = 0x03;
constexpr uint8_t kNumPos = 0x04;
constexpr uint8_t kNumPosInf = 0x05;
constexpr uint8_t kNumNaN = 0x06;
constexpr int64_t kUsecsPerDay = 86400LL * 1000000LL;
constexpr int64_t kUsecsPerMonth = 30 * kUsecsPerDay;  // interval_cmp's month

Status Corrupt(const char* what) {
  return Status::Error(sqlstate::kDataCorrupted, std::string("invalid stored datum: ") + what);
}

// How a type is represented in Value (which member carries it).
enum class Repr { kBool, kInt, kFloat, kInterval, kTimeTz, kString, kArray };

TypeOid ArrayElement(TypeOid t) {
  switch (t) {
    case type::kBoolArray:
      return type::kBool;
    case type::kByteaArray:
      return type::kBytea;
    case type::kCharArray:
      return type::kChar;
    case type::kNameArray:
      return type::kName;
    case type::kInt2Array:
      return type::kInt2;
    case type::kInt4Array:
      return type::kInt4;
    case type::kTextArray:
      return type::kText;
    case type::kBpCharArray:
      return type::kBpChar;
    case type::kVarCharArray:
      return type::kVarChar;
    case type::kInt8Array:
      return type::kInt8;
    case type::kFloat4Array:
      return type::kFloat4;
    case type::kFloat8Array:
      return type::kFloat8;
    case type::kOidArray:
      return type::kOid;
    case type::kTimestampArray:
      return type::kTimestamp;
    case type::kDateArray:
      return type::kDate;
    case type::kTimeArray:
      return type::kTime;
    case type::kTimestampTzArray:
      return type::kTimestampTz;
    case type::kIntervalArray:
      return type::kInterval;
    case type::kNumericArray:
      return type::kNumeric;
    case type::kTimeTzArray:
      return type::kTimeTz;
    case type::kUuidArray:
      return type::kUuid;
    case type::kJsonArray:
      return type::kJson;
    case type::kJsonbArray:
      return type::kJsonb;
    case type::kRecordArray:
      return type::kRecord;
    case type::kMoneyArray:
      return type::kMoney;
    case type::kPointArray:
      return type::kPoint;
    case type::kLsegArray:
      return type::kLseg;
    case type::kPathArray:
      return type::kPath;
    case type::kBoxArray:
      return type::kBox;
    case type::kPolygonArray:
      return type::kPolygon;
    case type::kLineArray:
      return type::kLine;
    case type::kCircleArray:
      return type::kCircle;
    case type::kInt2Vector:
      return type::kInt2;
    case type::kOidVector:
      return type::kOid;
    default:
      return type::kInvalid;
  }
}

Repr ReprOf(TypeOid t) {
  switch (t) {
    case type::kBool:
      return Repr::kBool;
    case type::kInt2:
    case type::kInt4:
    case type::kInt8:
    case type::kOid:
    case type::kRegProc:
    case type::kRegProcedure:
    case type::kRegNamespace:
    case type::kRegRole:
    case type::kRegClass:
    case type::kRegType:
    case type::kDate:
    case type::kTime:
    case type::kTimestamp:
    case type::kTimestampTz:
    case type::kMoney:
      return Repr::kInt;
    case type::kFloat4:
    case type::kFloat8:
      return Repr::kFloat;
    case type::kInterval:
      return Repr::kInterval;
    case type::kTimeTz:
      return Repr::kTimeTz;
    default:
      break;
  }
  if (ArrayElement(t) != type::kInvalid) return Repr::kArray;
  return Repr::kString;  // text family, bytea, numeric, uuid, json, unknown, ...
}

// Width in bytes of an integer-like key.
int IntKeyWidth(TypeOid t) {
  switch (t) {
    case type::kInt2:
      return 2;
    case type::kInt4:
      return 4;
    case type::kOid:
    case type::kRegProc:
    case type::kRegProcedure:
    case type::kRegNamespace:
    case type::kRegRole:
    case type::kRegClass:
    case type::kRegType:
      return 4;
    default:
      return 8;
  }
}
bool IsUnsignedKey(TypeOid t) { return type::IsOidLike(t); }

Value MakeInt(TypeOid t, int64_t i) {
  Value v = Value::Int8(i);
  v.set_type(t);
  return v;
}
Value MakeFloat(TypeOid t, double d) {
  Value v = Value::Float8(d);
  v.set_type(t);
  return v;
}

// ---------------------------------------------------------------------------
// Byte reader with an XOR mask (0xFF for descending keys).

class Reader {
 public:
  Reader(std::string_view in, uint8_t mask) : in_(in), mask_(mask) {}
  bool Byte(uint8_t* b) {
    if (pos_ >= in_.size()) return false;
    *b = static_cast<uint8_t>(in_[pos_++]) ^ mask_;
    return true;
  }
  bool Peek(uint8_t* b) const {
    if (pos_ >= in_.size()) return false;
    *b = static_cast<uint8_t>(in_[pos_]) ^ mask_;
    return true;
  }
  bool BigEndian(int width, uint64_t* out) {
    if (in_.size() - pos_ < static_cast<size_t>(width)) return false;
    uint64_t v = 0;
    for (int i = 0; i < width; ++i) v = (v << 8) | (static_cast<uint8_t>(in_[pos_ + i]) ^ mask_);
    pos_ += static_cast<size_t>(width);
    *out = v;
    return true;
  }
  size_t pos() const { return pos_; }

 private:
  std::string_view in_;
  size_t pos_ = 0;
  uint8_t mask_;
};

void AppendBE(std::string* out, uint64_t v, int width) {
  for (int i = width - 1; i >= 0; --i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}

// Signed integer, sign bit flipped so two's complement sorts as unsigned.
void AppendSignedKey(std::string* out, int64_t v, int width) {
  uint64_t u = static_cast<uint64_t>(v);
  u ^= uint64_t{1} << (8 * width - 1);
  if (width < 8) u &= (uint64_t{1} << (8 * width)) - 1;
  AppendBE(out, u, width);
}
bool ReadSignedKey(Reader* r, int width, int64_t* out) {
  uint64_t u;
  if (!r->BigEndian(width, &u)) return false;
  u ^= uint64_t{1} << (8 * width - 1);
  if (width < 8) {
    // Sign-extend.
    const int shift = 64 - 8 * width;
    *out = static_cast<int64_t>(u << shift) >> shift;
  } else {
    *out = static_cast<int64_t>(u);
  }
  return true;
}

// Bytes with 0x00 escaped as 0x00 0xFF, terminated by 0x00 0x01.
void AppendEscaped(std::string* out, std::string_view s) {
  for (char c : s) {
    out->push_back(c);
    if (c == '\0') out->push_back(static_cast<char>(0xFF));
  }
  out->push_back('\0');
  out->push_back('\x01');
}
bool ReadEscaped(Reader* r, std::string* out) {
  out->clear();
  // Bounded by the input length: every iteration consumes a byte.
  while (true) {
    uint8_t b;
    if (!r->Byte(&b)) return false;
    if (b != 0) {
      out->push_back(static_cast<char>(b));
      continue;
    }
    uint8_t next;
    if (!r->Byte(&next)) return false;
    if (next == 0x01) return true;
    if (next != 0xFF) return false;
    out->push_back('\0');
  }
}

// Doubles: -0 -> 0 and one canonical NaN (above +Inf), then the usual
// sign-magnitude to unsigned transform.
uint64_t DoubleKeyBits(double d) {
  if (std::isnan(d))
    return std::bit_cast<uint64_t>(std::numeric_limits<double>::quiet_NaN()) ^ (uint64_t{1} << 63);
  if (d == 0) d = 0.0;
  uint64_t u = std::bit_cast<uint64_t>(d);
  return (u & (uint64_t{1} << 63)) ? ~u : u ^ (uint64_t{1} << 63);
}
double DoubleFromKeyBits(uint64_t u) {
  u = (u & (uint64_t{1} << 63)) ? u ^ (uint64_t{1} << 63) : ~u;
  return std::bit_cast<double>(u);
}
uint32_t FloatKeyBits(float f) {
  if (std::isnan(f))
    return std::bit_cast<uint32_t>(std::numeric_limits<float>::quiet_NaN()) ^ (uint32_t{1} << 31);
  if (f == 0) f = 0.0f;
  uint32_t u = std::bit_cast<uint32_t>(f);
  return (u & (uint32_t{1} << 31)) ? ~u : u ^ (uint32_t{1} << 31);
}
float FloatFromKeyBits(uint32_t u) {
  u = (u & (uint32_t{1} << 31)) ? u ^ (uint32_t{1} << 31) : ~u;
  return std::bit_cast<float>(u);
}

// ---------------------------------------------------------------------------
// Numeric: class byte; finite non-zero values then the decimal exponent E
// (value = 0.d1d2... * 10^E, d1 != 0) as a sign-flipped int32 and the digits
// (each as digit+1) up to the last non-zero one, terminated by 0x00. For
// negative values the exponent and digits are complemented so that larger
// magnitudes sort first.

struct DecimalParts {
  uint8_t cls = kNumZero;
  int32_t exponent = 0;
  std::string digits;  // '0'..'9', no leading or trailing zeros
};

DecimalParts ParseDecimal(std::string_view s) {
  DecimalParts p;
  if (s == "NaN") {
    p.cls = kNumNaN;
    return p;
  }
  if (s == "Infinity" || s == "+Infinity") {
    p.cls = kNumPosInf;
    return p;
  }
  if (s == "-Infinity") {
    p.cls = kNumNegInf;
    return p;
  }
  bool negative = false;
  size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) negative = s[i++] == '-';
  int64_t int_digits = 0;  // digits before the point, after leading zeros
  bool seen_point = false;
  bool seen_nonzero = false;
  int64_t leading_frac_zeros = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.') {
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') continue;  // canonical text has none; be lenient
    if (!seen_nonzero && c == '0') {
      if (seen_point) ++leading_frac_zeros;
      continue;
    }
    seen_nonzero = true;
    p.digits.push_back(c);
    if (!seen_point) ++int_digits;
  }
  while (!p.digits.empty() && p.digits.back() == '0') p.digits.pop_back();
  if (p.digits.empty()) {
    p.cls = kNumZero;
    return p;
  }
  p.cls = negative ? kNumNeg : kNumPos;
  int64_t e = int_digits > 0 ? int_digits : -leading_frac_zeros;
  p.exponent = static_cast<int32_t>(std::clamp<int64_t>(e, INT32_MIN, INT32_MAX));
  return p;
}

void AppendNumericKey(std::string* out, std::string_view text) {
  DecimalParts p = ParseDecimal(text);
  out->push_back(static_cast<char>(p.cls));
  if (p.cls != kNumPos && p.cls != kNumNeg) return;
  const size_t start = out->size();
  AppendSignedKey(out, p.exponent, 4);
  for (char c : p.digits) out->push_back(static_cast<char>(c - '0' + 1));
  out->push_back('\0');
  if (p.cls == kNumNeg) {
    for (size_t i = start; i < out->size(); ++i) (*out)[i] = static_cast<char>(~(*out)[i]);
  }
}

std::string DecimalText(bool negative, int32_t exponent, const std::string& digits) {
  std::string s;
  if (negative) s.push_back('-');
  const int64_t n = static_cast<int64_t>(digits.size());
  if (exponent <= 0) {
    s += "0.";
    s.append(static_cast<size_t>(-static_cast<int64_t>(exponent)), '0');
    s += digits;
  } else if (exponent >= n) {
    s += digits;
    s.append(static_cast<size_t>(exponent - n), '0');
  } else {
    s.append(digits, 0, static_cast<size_t>(exponent));
    s.push_back('.');
    s.append(digits, static_cast<size_t>(exponent), std::string::npos);
  }
  return s;
}

bool ReadNumericKey(Reader* r, std::string* out) {
  uint8_t cls;
  if (!r->Byte(&cls)) return false;
  switch (cls) {
    case kNumNegInf:
      *out = "-Infinity";
      return true;
    case kNumZero:
      *out = "0";
      return true;
    case kNumPosInf:
      *out = "Infinity";
      return true;
    case kNumNaN:
      *out = "NaN";
      return true;
    case kNumPos:
    case kNumNeg:
      break;
    default:
      return false;
  }
  const uint8_t flip = cls == kNumNeg ? 0xFF : 0x00;
  uint64_t e_raw;
  if (!r->BigEndian(4, &e_raw)) return false;
  e_raw = (e_raw ^ (flip ? 0xFFFFFFFFu : 0u)) ^ 0x80000000u;
  const int32_t exponent = static_cast<int32_t>(static_cast<uint32_t>(e_raw));
  std::string digits;
  while (true) {
    uint8_t b;
    if (!r->Byte(&b)) return false;
    b ^= flip;
    if (b == 0) break;
    if (b > 10) return false;
    digits.push_back(static_cast<char>('0' + b - 1));
  }
  if (digits.empty() || digits[0] == '0' || digits.back() == '0') return false;
  *out = DecimalText(cls == kNumNeg, exponent, digits);
  return true;
}

// ---------------------------------------------------------------------------
// Interval: the span months*30d + days*1d + micros as a signed 128-bit
// integer, big endian with the sign bit flipped.

void AppendIntervalKey(std::string* out, const Interval& iv) {
  __int128 span = static_cast<__int128>(iv.months) * kUsecsPerMonth +
                  static_cast<__int128>(iv.days) * kUsecsPerDay + iv.micros;
  unsigned __int128 u = static_cast<unsigned __int128>(span);
  u ^= static_cast<unsigned __int128>(1) << 127;
  AppendBE(out, static_cast<uint64_t>(u >> 64), 8);
  AppendBE(out, static_cast<uint64_t>(u), 8);
}

template <typename T>
T ClampTo(__int128 v) {
  if (v > std::numeric_limits<T>::max()) return std::numeric_limits<T>::max();
  if (v < std::numeric_limits<T>::min()) return std::numeric_limits<T>::min();
  return static_cast<T>(v);
}

bool ReadIntervalKey(Reader* r, Interval* iv) {
  uint64_t hi, lo;
  if (!r->BigEndian(8, &hi) || !r->BigEndian(8, &lo)) return false;
  unsigned __int128 u = (static_cast<unsigned __int128>(hi) << 64) | lo;
  u ^= static_cast<unsigned __int128>(1) << 127;
  __int128 span = static_cast<__int128>(u);
  // Canonical member of the equality class: whole months, then days, then
  // micros (each truncated toward zero, so all parts share the sign).
  iv->months = ClampTo<int32_t>(span / kUsecsPerMonth);
  span -= static_cast<__int128>(iv->months) * kUsecsPerMonth;
  iv->days = ClampTo<int32_t>(span / kUsecsPerDay);
  span -= static_cast<__int128>(iv->days) * kUsecsPerDay;
  if (span > std::numeric_limits<int64_t>::max() || span < std::numeric_limits<int64_t>::min()) {
    return false;
  }
  iv->micros = static_cast<int64_t>(span);
  return true;
}

// ---------------------------------------------------------------------------
// Key encoding, ascending; the public entry complements for descending.

void EncodeKeyAsc(const Value& v, TypeOid t, std::string* out);

void EncodeKeyBody(const Value& v, TypeOid t, std::string* out) {
  if (v.is_record()) {
    // Fields in order, each with its own type, like array elements.
    for (const Value& f : v.array().elements) {
      out->push_back(static_cast<char>(kArrayElement));
      EncodeKeyAsc(f, f.type(), out);
    }
    out->push_back(static_cast<char>(kArrayEnd));
    return;
  }
  switch (ReprOf(t)) {
    case Repr::kBool:
      out->push_back(v.bool_value() ? 1 : 0);
      return;
    case Repr::kInt:
      if (IsUnsignedKey(t)) {
        AppendBE(out, static_cast<uint64_t>(v.int_value()) & 0xFFFFFFFFu, 4);
      } else {
        AppendSignedKey(out, v.int_value(), IntKeyWidth(t));
      }
      return;
    case Repr::kFloat:
      if (t == type::kFloat4) {
        AppendBE(out, FloatKeyBits(static_cast<float>(v.float_value())), 4);
      } else {
        AppendBE(out, DoubleKeyBits(v.float_value()), 8);
      }
      return;
    case Repr::kInterval:
      AppendIntervalKey(out, v.interval_value());
      return;
    case Repr::kTimeTz: {
      // PostgreSQL's timetz order: UTC time, then zone.
      const Interval& iv = v.interval_value();
      AppendSignedKey(out, iv.micros + static_cast<int64_t>(iv.days) * 1000000, 8);
      AppendSignedKey(out, iv.days, 4);
      return;
    }
    case Repr::kString:
      if (t == type::kNumeric) {
        AppendNumericKey(out, v.str());
      } else if (t == type::kUuid) {
        std::string raw = v.str();
        raw.resize(16, '\0');
        out->append(raw);
      } else {
        AppendEscaped(out, v.str());
      }
      return;
    case Repr::kArray: {
      // Elements in row-major order, then (equal elements) shape: ndims,
      // then per dimension its length and lower bound, as array_cmp does.
      const TypeOid elem = ArrayElement(t);
      const ArrayData* a = v.array_ptr().get();
      if (a != nullptr) {
        for (const Value& e : a->elements) {
          out->push_back(static_cast<char>(kArrayElement));
          EncodeKeyAsc(e, elem, out);
        }
      }
      out->push_back(static_cast<char>(kArrayEnd));
      const size_t ndims = a == nullptr ? 0 : a->dims.size();
      out->push_back(static_cast<char>(ndims));
      for (size_t d = 0; d < ndims; ++d) {
        AppendSignedKey(out, a->dims[d], 4);
        AppendSignedKey(out, d < a->lower_bounds.size() ? a->lower_bounds[d] : 1, 4);
      }
      return;
    }
  }
}

void EncodeKeyAsc(const Value& v, TypeOid t, std::string* out) {
  if (v.is_null()) {
    out->push_back(static_cast<char>(kTagNull));
    return;
  }
  out->push_back(static_cast<char>(kTagValue));
  EncodeKeyBody(v, t, out);
}

Status DecodeKeyAsc(Reader* r, TypeOid t, Value* out, int depth);

Status DecodeKeyBody(Reader* r, TypeOid t, Value* out, int depth) {
  switch (ReprOf(t)) {
    case Repr::kBool: {
      uint8_t b;
      if (!r->Byte(&b) || b > 1) return Corrupt("bool key");
      *out = Value::Bool(b != 0);
      out->set_type(t);
      return Status::OK();
    }
    case Repr::kInt: {
      int64_t i;
      if (IsUnsignedKey(t)) {
        uint64_t u;
        if (!r->BigEndian(4, &u)) return Corrupt("oid key");
        i = static_cast<int64_t>(u);
      } else if (!ReadSignedKey(r, IntKeyWidth(t), &i)) {
        return Corrupt("integer key");
      }
      *out = MakeInt(t, i);
      return Status::OK();
    }
    case Repr::kFloat: {
      uint64_t u;
      if (t == type::kFloat4) {
        if (!r->BigEndian(4, &u)) return Corrupt("float4 key");
        *out = MakeFloat(t, FloatFromKeyBits(static_cast<uint32_t>(u)));
      } else {
        if (!r->BigEndian(8, &u)) return Corrupt("float8 key");
        *out = MakeFloat(t, DoubleFromKeyBits(u));
      }
      return Status::OK();
    }
    case Repr::kInterval: {
      Interval iv;
      if (!ReadIntervalKey(r, &iv)) return Corrupt("interval key");
      *out = Value::MakeInterval(iv);
      return Status::OK();
    }
    case Repr::kTimeTz: {
      int64_t utc, zone;
      if (!ReadSignedKey(r, 8, &utc) || !ReadSignedKey(r, 4, &zone)) return Corrupt("timetz key");
      Interval iv;
      iv.days = static_cast<int32_t>(zone);
      iv.micros = utc - zone * 1000000;
      *out = Value::MakeInterval(iv);
      out->set_type(t);
      return Status::OK();
    }
    case Repr::kString: {
      std::string s;
      if (t == type::kNumeric) {
        if (!ReadNumericKey(r, &s)) return Corrupt("numeric key");
      } else if (t == type::kUuid) {
        s.resize(16);
        for (char& c : s) {
          uint8_t b;
          if (!r->Byte(&b)) return Corrupt("uuid key");
          c = static_cast<char>(b);
        }
      } else if (!ReadEscaped(r, &s)) {
        return Corrupt("string key");
      }
      *out = Value::String(t, std::move(s));
      return Status::OK();
    }
    case Repr::kArray: {
      if (depth > 8) return Corrupt("array key nesting");
      const TypeOid elem = ArrayElement(t);
      auto data = std::make_shared<ArrayData>();
      while (true) {
        uint8_t marker;
        if (!r->Byte(&marker)) return Corrupt("array key");
        if (marker == kArrayEnd) break;
        if (marker != kArrayElement) return Corrupt("array key element");
        Value e;
        NANO_RETURN_IF_ERROR(DecodeKeyAsc(r, elem, &e, depth + 1));
        data->elements.push_back(std::move(e));
      }
      uint8_t ndims;
      if (!r->Byte(&ndims) || ndims > 6) return Corrupt("array key dims");
      int64_t total = ndims == 0 ? 0 : 1;
      for (int d = 0; d < ndims; ++d) {
        int64_t len, lb;
        if (!ReadSignedKey(r, 4, &len) || !ReadSignedKey(r, 4, &lb) || len < 0) {
          return Corrupt("array key dims");
        }
        data->dims.push_back(static_cast<int32_t>(len));
        data->lower_bounds.push_back(static_cast<int32_t>(lb));
        total *= len;
        if (total > (int64_t{1} << 31)) return Corrupt("array key dims");
      }
      if (total != static_cast<int64_t>(data->elements.size())) return Corrupt("array key shape");
      *out = Value::Array(t, std::move(data));
      return Status::OK();
    }
  }
  return Corrupt("key type");
}

Status DecodeKeyAsc(Reader* r, TypeOid t, Value* out, int depth) {
  uint8_t tag;
  if (!r->Byte(&tag)) return Corrupt("truncated key");
  if (tag == kTagNull) {
    *out = Value::Null(t);
    return Status::OK();
  }
  if (tag != kTagValue) return Corrupt("key tag");
  return DecodeKeyBody(r, t, out, depth);
}

// ---------------------------------------------------------------------------
// Row encoding: varint column count, null bitmap, then each non-null value.
// The representation depends only on which Value member holds the datum, so
// a value labelled with a sibling type (text vs varchar) decodes fine.

void AppendVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}
uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
int64_t UnZigZag(uint64_t u) { return static_cast<int64_t>(u >> 1) ^ -static_cast<int64_t>(u & 1); }

class RowReader {
 public:
  explicit RowReader(std::string_view in) : in_(in) {}
  bool Varint(uint64_t* out) {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= in_.size()) return false;
      uint8_t b = static_cast<uint8_t>(in_[pos_++]);
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        *out = v;
        return true;
      }
    }
    return false;
  }
  bool SignedVarint(int64_t* out) {
    uint64_t u;
    if (!Varint(&u)) return false;
    *out = UnZigZag(u);
    return true;
  }
  // The next byte, or -1 at the end.
  int PeekByte() const { return pos_ < in_.size() ? static_cast<uint8_t>(in_[pos_]) : -1; }
  bool Bytes(size_t n, std::string_view* out) {
    if (in_.size() - pos_ < n) return false;
    *out = in_.substr(pos_, n);
    pos_ += n;
    return true;
  }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

void EncodeValues(const Value* values, size_t count, std::string* out);

void EncodeRecord(const Value& v, std::string* out);

void EncodeRowValue(const Value& v, std::string* out) {
  if (v.is_record()) {
    EncodeRecord(v, out);
    return;
  }
  switch (ReprOf(v.type())) {
    case Repr::kBool:
      out->push_back(v.bool_value() ? 1 : 0);
      return;
    case Repr::kInt:
      AppendVarint(out, ZigZag(v.int_value()));
      return;
    case Repr::kFloat:
      // Raw bits: keeps -0.0 and NaN payloads exactly.
      AppendBE(out, std::bit_cast<uint64_t>(v.float_value()), 8);
      return;
    case Repr::kInterval:
    case Repr::kTimeTz:
      AppendVarint(out, ZigZag(v.interval_value().micros));
      AppendVarint(out, ZigZag(v.interval_value().days));
      AppendVarint(out, ZigZag(v.interval_value().months));
      return;
    case Repr::kString:
      AppendVarint(out, v.str().size());
      out->append(v.str());
      return;
    case Repr::kArray: {
      const ArrayData* a = v.array_ptr().get();
      const size_t ndims = a == nullptr ? 0 : a->dims.size();
      AppendVarint(out, ndims);
      for (size_t d = 0; d < ndims; ++d) {
        AppendVarint(out, ZigZag(a->dims[d]));
        AppendVarint(out, ZigZag(d < a->lower_bounds.size() ? a->lower_bounds[d] : 1));
      }
      if (a == nullptr) {
        AppendVarint(out, 0);
      } else {
        EncodeValues(a->elements.data(), a->elements.size(), out);
      }
      return;
    }
  }
}

void EncodeValues(const Value* values, size_t count, std::string* out) {
  AppendVarint(out, count);
  const size_t bitmap_at = out->size();
  out->append((count + 7) / 8, '\0');
  for (size_t i = 0; i < count; ++i) {
    if (values[i].is_null()) {
      (*out)[bitmap_at + i / 8] = static_cast<char>((*out)[bitmap_at + i / 8] | (1 << (i % 8)));
    } else {
      EncodeRowValue(values[i], out);
    }
  }
}

// A record: kRecordMarker, its type oid, its field names (count, then each
// as length + bytes; 0 when unnamed), then its fields as a value list whose
// non-NULL entries are each preceded by their type oid. Self-describing, so
// decoding needs no catalog. The marker cannot start an enum value (whose
// length, >= 8, comes first), so columns of user types tell the two apart.
void EncodeRecord(const Value& v, std::string* out) {
  const ArrayData& a = v.array();
  out->push_back(static_cast<char>(kRecordMarker));
  AppendVarint(out, v.type());
  const size_t nnames = a.field_names ? a.field_names->size() : 0;
  AppendVarint(out, nnames);
  for (size_t i = 0; i < nnames; ++i) {
    AppendVarint(out, (*a.field_names)[i].size());
    out->append((*a.field_names)[i]);
  }
  const size_t count = a.elements.size();
  AppendVarint(out, count);
  const size_t bitmap_at = out->size();
  out->append((count + 7) / 8, '\0');
  for (size_t i = 0; i < count; ++i) {
    const Value& f = a.elements[i];
    if (f.is_null()) {
      (*out)[bitmap_at + i / 8] = static_cast<char>((*out)[bitmap_at + i / 8] | (1 << (i % 8)));
      continue;
    }
    AppendVarint(out, f.type());
    EncodeRowValue(f, out);
  }
}

Status DecodeRowValue(RowReader* r, TypeOid t, Value* out, int depth);

Status DecodeRecord(RowReader* r, Value* out, int depth) {
  if (depth > 8) return Corrupt("record nesting");
  std::string_view marker;
  uint64_t type_oid, nnames;
  if (!r->Bytes(1, &marker) || !r->Varint(&type_oid) || type_oid > UINT32_MAX ||
      !r->Varint(&nnames) || nnames > (1u << 16)) {
    return Corrupt("record header");
  }
  std::shared_ptr<std::vector<std::string>> names;
  if (nnames > 0) {
    names = std::make_shared<std::vector<std::string>>();
    for (uint64_t i = 0; i < nnames; ++i) {
      uint64_t n;
      std::string_view s;
      if (!r->Varint(&n) || !r->Bytes(n, &s)) return Corrupt("record field name");
      names->emplace_back(s);
    }
  }
  uint64_t count;
  std::string_view bitmap;
  if (!r->Varint(&count) || count > (1u << 16) || !r->Bytes((count + 7) / 8, &bitmap)) {
    return Corrupt("record fields");
  }
  auto data = std::make_shared<ArrayData>();
  data->elements.reserve(count);
  for (uint64_t i = 0; i < count; ++i) {
    if (static_cast<uint8_t>(bitmap[i / 8]) & (1 << (i % 8))) {
      data->elements.push_back(Value::Null());
      continue;
    }
    uint64_t ft;
    if (!r->Varint(&ft) || ft > UINT32_MAX) return Corrupt("record field type");
    Value f;
    NANO_RETURN_IF_ERROR(DecodeRowValue(r, static_cast<TypeOid>(ft), &f, depth + 1));
    data->elements.push_back(std::move(f));
  }
  data->field_names = std::move(names);
  *out = Value::Record(static_cast<TypeOid>(type_oid), std::move(data));
  return Status::OK();
}

Status DecodeValues(RowReader* r, const TypeOid* types, size_t ntypes, bool same_type,
                    std::vector<Value>* vec, Value* out, int depth);

Status DecodeRowValue(RowReader* r, TypeOid t, Value* out, int depth) {
  if ((t == type::kRecord || t >= kFirstUserTypeOid) && r->PeekByte() == kRecordMarker) {
    return DecodeRecord(r, out, depth);
  }
  switch (ReprOf(t)) {
    case Repr::kBool: {
      std::string_view b;
      if (!r->Bytes(1, &b) || static_cast<uint8_t>(b[0]) > 1) return Corrupt("bool");
      *out = Value::Bool(b[0] != 0);
      out->set_type(t);
      return Status::OK();
    }
    case Repr::kInt: {
      int64_t i;
      if (!r->SignedVarint(&i)) return Corrupt("integer");
      *out = MakeInt(t, i);
      return Status::OK();
    }
    case Repr::kFloat: {
      std::string_view b;
      if (!r->Bytes(8, &b)) return Corrupt("float");
      *out = MakeFloat(t, std::bit_cast<double>(ReadU64BE(b.data())));
      return Status::OK();
    }
    case Repr::kInterval:
    case Repr::kTimeTz: {
      int64_t micros, days, months;
      if (!r->SignedVarint(&micros) || !r->SignedVarint(&days) || !r->SignedVarint(&months) ||
          days != static_cast<int32_t>(days) || months != static_cast<int32_t>(months)) {
        return Corrupt("interval");
      }
      *out = Value::MakeInterval(
          Interval{micros, static_cast<int32_t>(days), static_cast<int32_t>(months)});
      out->set_type(t);
      return Status::OK();
    }
    case Repr::kString: {
      uint64_t n;
      std::string_view s;
      if (!r->Varint(&n) || !r->Bytes(n, &s)) return Corrupt("string");
      *out = Value::String(t, std::string(s));
      return Status::OK();
    }
    case Repr::kArray: {
      if (depth > 8) return Corrupt("array nesting");
      uint64_t ndims;
      if (!r->Varint(&ndims) || ndims > 6) return Corrupt("array dims");
      auto data = std::make_shared<ArrayData>();
      for (uint64_t d = 0; d < ndims; ++d) {
        int64_t len, lb;
        if (!r->SignedVarint(&len) || !r->SignedVarint(&lb) || len < 0 ||
            len != static_cast<int32_t>(len) || lb != static_cast<int32_t>(lb)) {
          return Corrupt("array dims");
        }
        data->dims.push_back(static_cast<int32_t>(len));
        data->lower_bounds.push_back(static_cast<int32_t>(lb));
      }
      const TypeOid elem = ArrayElement(t);
      NANO_RETURN_IF_ERROR(DecodeValues(r, &elem, 1, true, &data->elements, nullptr, depth + 1));
      int64_t total = ndims == 0 ? 0 : 1;
      for (int32_t len : data->dims) total *= len;
      if (total != static_cast<int64_t>(data->elements.size())) return Corrupt("array shape");
      *out = Value::Array(t, std::move(data));
      return Status::OK();
    }
  }
  return Corrupt("type");
}

// Decodes a value list. Either into `out[0..ntypes)` with per-column types
// (missing trailing columns become NULL), or, when `same_type`, into *vec
// with every element of types[0].
Status DecodeValues(RowReader* r, const TypeOid* types, size_t ntypes, bool same_type,
                    std::vector<Value>* vec, Value* out, int depth) {
  uint64_t count;
  if (!r->Varint(&count)) return Corrupt("column count");
  std::string_view bitmap;
  if (count > (uint64_t{1} << 31) || !r->Bytes((count + 7) / 8, &bitmap)) {
    return Corrupt("null bitmap");
  }
  const size_t wanted = same_type ? count : ntypes;
  if (same_type) vec->reserve(std::min<uint64_t>(count, 1u << 16));
  for (size_t i = 0; i < wanted; ++i) {
    const TypeOid t = same_type ? types[0] : types[i];
    Value v;
    if (i >= count) {
      v = Value::Null(t);
    } else if (static_cast<uint8_t>(bitmap[i / 8]) & (1 << (i % 8))) {
      v = Value::Null(t);
    } else {
      NANO_RETURN_IF_ERROR(DecodeRowValue(r, t, &v, depth));
    }
    if (same_type) {
      vec->push_back(std::move(v));
    } else {
      out[i] = std::move(v);
    }
  }
  return Status::OK();
}

}  // namespace

void AppendU32BE(std::string* out, uint32_t v) { AppendBE(out, v, 4); }
void AppendU64BE(std::string* out, uint64_t v) { AppendBE(out, v, 8); }
uint32_t ReadU32BE(const char* p) {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}
uint64_t ReadU64BE(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

void EncodeKeyValue(const Value& v, TypeOid type, bool descending, std::string* out) {
  const size_t start = out->size();
  EncodeKeyAsc(v, type, out);
  if (descending) {
    for (size_t i = start; i < out->size(); ++i) (*out)[i] = static_cast<char>(~(*out)[i]);
  }
}

Status DecodeKeyValue(std::string_view* in, TypeOid type, bool descending, Value* out) {
  Reader r(*in, descending ? 0xFF : 0x00);
  NANO_RETURN_IF_ERROR(DecodeKeyAsc(&r, type, out, 0));
  in->remove_prefix(r.pos());
  return Status::OK();
}

void EncodeRow(const Value* values, size_t count, std::string* out) {
  EncodeValues(values, count, out);
}

Status DecodeRow(std::string_view in, const std::vector<TypeOid>& types, Value* out) {
  RowReader r(in);
  return DecodeValues(&r, types.data(), types.size(), false, nullptr, out, 0);
}

}  // namespace nano
