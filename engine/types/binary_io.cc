// engine/types/binary_io.cc — PostgreSQL typsend/typreceive formats.
#include "types/binary_io.h"

#include <cstring>

#include "types/enum_value.h"
#include "types/geometry.h"
#include "types/json_text.h"
#include "types/money.h"
#include "types/numeric.h"
#include "types/text_io.h"
#include "types/type_info.h"

namespace nano {
namespace {

void Put16(std::string* out, uint16_t v) {
  out->push_back(static_cast<char>(v >> 8));
  out->push_back(static_cast<char>(v));
}
void Put32(std::string* out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out->push_back(static_cast<char>(v >> s));
}
void Put64(std::string* out, uint64_t v) {
  for (int s = 56; s >= 0; s -= 8) out->push_back(static_cast<char>(v >> s));
}

struct Reader {
  std::string_view b;
  size_t i = 0;
  bool ok = true;
  uint64_t Get(int n) {
    if (i + static_cast<size_t>(n) > b.size()) {
      ok = false;
      return 0;
    }
    uint64_t v = 0;
    for (int k = 0; k < n; ++k)
      v = (v << 8) | static_cast<unsigned char>(b[i + static_cast<size_t>(k)]);
    i += static_cast<size_t>(n);
    return v;
  }
  std::string_view Bytes(size_t n) {
    if (i + n > b.size()) {
      ok = false;
      return {};
    }
    std::string_view r = b.substr(i, n);
    i += n;
    return r;
  }
  bool AtEnd() const { return i == b.size(); }
};

Status Insufficient() {
  return Status::Error(sqlstate::kInvalidBinaryRepresentation, "insufficient data left in message");
}
Status BadFormat() {
  return Status::Error(sqlstate::kInvalidBinaryRepresentation, "incorrect binary data format");
}

Status FixedInt(std::string_view bytes, int n, int64_t* out) {
  if (bytes.size() != static_cast<size_t>(n)) {
    return bytes.size() < static_cast<size_t>(n) ? Insufficient() : BadFormat();
  }
  Reader r{bytes};
  const uint64_t u = r.Get(n);
  if (n == 2)
    *out = static_cast<int16_t>(u);
  else if (n == 4)
    *out = static_cast<int32_t>(u);
  else
    *out = static_cast<int64_t>(u);
  return Status::OK();
}

}  // namespace

Status FormatBinary(const Value& v, std::string* out) {
  const TypeOid t = v.type();
  switch (t) {
    case type::kBool:
      out->push_back(v.bool_value() ? 1 : 0);
      return Status::OK();
    case type::kInt2:
      Put16(out, static_cast<uint16_t>(v.int_value()));
      return Status::OK();
    case type::kInt4:
      Put32(out, static_cast<uint32_t>(v.int_value()));
      return Status::OK();
    case type::kOid:
    case type::kRegClass:
    case type::kRegType:
    case type::kRegProc:
    case type::kRegProcedure:
    case type::kRegNamespace:
    case type::kRegRole:
      Put32(out, static_cast<uint32_t>(v.int_value()));
      return Status::OK();
    case type::kInt8:
      Put64(out, static_cast<uint64_t>(v.int_value()));
      return Status::OK();
    case type::kFloat4: {
      const float f = static_cast<float>(v.float_value());
      uint32_t u;
      std::memcpy(&u, &f, 4);
      Put32(out, u);
      return Status::OK();
    }
    case type::kFloat8: {
      const double d = v.float_value();
      uint64_t u;
      std::memcpy(&u, &d, 8);
      Put64(out, u);
      return Status::OK();
    }
    case type::kText:
    case type::kVarChar:
    case type::kBpChar:
    case type::kName:
    case type::kUnknown:
    case type::kJson:
    case type::kBytea:
    case type::kChar:
      out->append(v.str());
      return Status::OK();
    case type::kJsonb:
      out->push_back(1);
      out->append(v.str());
      return Status::OK();
    case type::kPoint:
    case type::kLseg:
    case type::kPath:
    case type::kBox:
    case type::kPolygon:
    case type::kLine:
    case type::kCircle:
      return geo::SendGeometric(v, out);
    case type::kMoney:
      Put64(out, static_cast<uint64_t>(v.int_value()));
      return Status::OK();
    case type::kUuid:
      if (v.str().size() != 16) return BadFormat();
      out->append(v.str());
      return Status::OK();
    case type::kDate:
      Put32(out, static_cast<uint32_t>(v.int_value()));
      return Status::OK();
    case type::kTime:
    case type::kTimestamp:
    case type::kTimestampTz:
      Put64(out, static_cast<uint64_t>(v.int_value()));
      return Status::OK();
    case type::kTimeTz:
      Put64(out, static_cast<uint64_t>(v.interval_value().micros));
      Put32(out, static_cast<uint32_t>(v.interval_value().days));
      return Status::OK();
    case type::kInterval:
      Put64(out, static_cast<uint64_t>(v.interval_value().micros));
      Put32(out, static_cast<uint32_t>(v.interval_value().days));
      Put32(out, static_cast<uint32_t>(v.interval_value().months));
      return Status::OK();
    case type::kNumeric: {
      Numeric n;
      NANO_RETURN_IF_ERROR(Numeric::Parse(v.str(), &n));
      uint16_t sign = 0;
      switch (n.kind()) {
        case Numeric::Kind::kNaN:
          sign = 0xC000;
          break;
        case Numeric::Kind::kPosInf:
          sign = 0xD000;
          break;
        case Numeric::Kind::kNegInf:
          sign = 0xF000;
          break;
        case Numeric::Kind::kFinite:
          sign = n.negative() ? 0x4000 : 0;
          break;
      }
      const bool finite = n.IsFinite();
      Put16(out, static_cast<uint16_t>(finite ? n.digits().size() : 0));
      Put16(out, static_cast<uint16_t>(finite ? n.weight() : 0));
      Put16(out, sign);
      Put16(out, static_cast<uint16_t>(finite ? n.scale() : 0));
      if (finite) {
        for (int16_t d : n.digits()) Put16(out, static_cast<uint16_t>(d));
      }
      return Status::OK();
    }
    default:
      break;
  }
  if (IsEnumType(t)) {  // enum_send: the label
    out->append(EnumLabelOf(v));
    return Status::OK();
  }
  if (IsArrayType(t)) {
    const ArrayData& a = v.array();
    bool has_null = false;
    for (const Value& e : a.elements) has_null |= e.is_null();
    const bool empty = a.dims.empty() || a.elements.empty();
    Put32(out, empty ? 0 : static_cast<uint32_t>(a.dims.size()));
    Put32(out, has_null ? 1 : 0);
    Put32(out, ElementTypeOf(t));
    if (empty) return Status::OK();
    for (size_t d = 0; d < a.dims.size(); ++d) {
      Put32(out, static_cast<uint32_t>(a.dims[d]));
      Put32(out, static_cast<uint32_t>(d < a.lower_bounds.size() ? a.lower_bounds[d] : 1));
    }
    for (const Value& e : a.elements) {
      if (e.is_null()) {
        Put32(out, 0xFFFFFFFFu);
        continue;
      }
      std::string tmp;
      NANO_RETURN_IF_ERROR(FormatBinary(e, &tmp));
      Put32(out, static_cast<uint32_t>(tmp.size()));
      out->append(tmp);
    }
    return Status::OK();
  }
  return Status::Error(
      sqlstate::kFeatureNotSupported,
      "no binary output function available for type " + FormatType(TypeRef{t, -1}));
}

Status ParseBinary(std::string_view bytes, TypeRef t, Value* out) {
  int64_t i = 0;
  switch (t.oid) {
    case type::kBool:
      if (bytes.size() != 1) return bytes.empty() ? Insufficient() : BadFormat();
      *out = Value::Bool(bytes[0] != 0);
      return Status::OK();
    case type::kInt2:
      NANO_RETURN_IF_ERROR(FixedInt(bytes, 2, &i));
      *out = Value::Int2(i);
      return Status::OK();
    case type::kInt4:
      NANO_RETURN_IF_ERROR(FixedInt(bytes, 4, &i));
      *out = Value::Int4(i);
      return Status::OK();
    case type::kMoney:
      NANO_RETURN_IF_ERROR(FixedInt(bytes, 8, &i));
      *out = MakeMoney(i);
      return Status::OK();
    case type::kPoint:
    case type::kLseg:
    case type::kPath:
    case type::kBox:
    case type::kPolygon:
    case type::kLine:
    case type::kCircle:
      return geo::ReceiveGeometric(bytes, t.oid, out);
    case type::kOid:
    case type::kRegClass:
    case type::kRegType:
    case type::kRegProc:
    case type::kRegProcedure:
    case type::kRegNamespace:
    case type::kRegRole:
      NANO_RETURN_IF_ERROR(FixedInt(bytes, 4, &i));
      *out = Value::Oid(static_cast<uint32_t>(i));
      out->set_type(t.oid);
      return Status::OK();
    case type::kInt8:
      NANO_RETURN_IF_ERROR(FixedInt(bytes, 8, &i));
      *out = Value::Int8(i);
      return Status::OK();
    case type::kFloat4: {
      NANO_RETURN_IF_ERROR(FixedInt(bytes, 4, &i));
      const uint32_t u = static_cast<uint32_t>(i);
      float f;
      std::memcpy(&f, &u, 4);
      *out = Value::Float4(f);
      return Status::OK();
    }
    case type::kFloat8: {
      NANO_RETURN_IF_ERROR(FixedInt(bytes, 8, &i));
      const uint64_t u = static_cast<uint64_t>(i);
      double d;
      std::memcpy(&d, &u, 8);
      *out = Value::Float8(d);
      return Status::OK();
    }
    case type::kText:
    case type::kVarChar:
    case type::kBpChar:
    case type::kName:
    case type::kUnknown: {
      Value v = Value::String(t.oid, std::string(bytes));
      return ApplyTypmod(v, t, false, out);
    }
    case type::kChar:
      *out = Value::String(type::kChar, std::string(bytes.substr(0, 1)));
      return Status::OK();
    case type::kBytea:
      *out = Value::Bytea(std::string(bytes));
      return Status::OK();
    case type::kJson: {
      std::string norm;
      NANO_RETURN_IF_ERROR(NormalizeJson(bytes, false, &norm));
      *out = Value::String(type::kJson, std::string(bytes));
      return Status::OK();
    }
    case type::kJsonb: {
      if (bytes.empty()) return Insufficient();
      if (bytes[0] != 1) {
        return Status::Error(
            sqlstate::kInvalidBinaryRepresentation,
            "unsupported jsonb version number " + std::to_string(static_cast<int>(bytes[0])));
      }
      std::string norm;
      NANO_RETURN_IF_ERROR(NormalizeJson(bytes.substr(1), true, &norm));
      *out = Value::String(type::kJsonb, std::move(norm));
      return Status::OK();
    }
    case type::kUuid:
      if (bytes.size() != 16) return bytes.size() < 16 ? Insufficient() : BadFormat();
      *out = Value::String(type::kUuid, std::string(bytes));
      return Status::OK();
    case type::kDate:
      NANO_RETURN_IF_ERROR(FixedInt(bytes, 4, &i));
      *out = Value::Date(i);
      return Status::OK();
    case type::kTime:
      NANO_RETURN_IF_ERROR(FixedInt(bytes, 8, &i));
      if (i < 0 || i > 86400000000LL) {
        return Status::Error(sqlstate::kDatetimeFieldOverflow, "time out of range");
      }
      *out = Value::Time(i);
      return ApplyTypmod(*out, t, false, out);
    case type::kTimestamp:
    case type::kTimestampTz:
      NANO_RETURN_IF_ERROR(FixedInt(bytes, 8, &i));
      *out = Value::Timestamp(i);
      out->set_type(t.oid);
      return ApplyTypmod(*out, t, false, out);
    case type::kTimeTz: {
      if (bytes.size() != 12) return bytes.size() < 12 ? Insufficient() : BadFormat();
      Reader r{bytes};
      Interval iv;
      iv.micros = static_cast<int64_t>(r.Get(8));
      iv.days = static_cast<int32_t>(r.Get(4));
      *out = Value::MakeInterval(iv);
      out->set_type(type::kTimeTz);
      return Status::OK();
    }
    case type::kInterval: {
      if (bytes.size() != 16) return bytes.size() < 16 ? Insufficient() : BadFormat();
      Reader r{bytes};
      Interval iv;
      iv.micros = static_cast<int64_t>(r.Get(8));
      iv.days = static_cast<int32_t>(r.Get(4));
      iv.months = static_cast<int32_t>(r.Get(4));
      *out = Value::MakeInterval(iv);
      return ApplyTypmod(*out, t, false, out);
    }
    case type::kNumeric: {
      Reader r{bytes};
      const int ndigits = static_cast<int16_t>(r.Get(2));
      const int weight = static_cast<int16_t>(r.Get(2));
      const uint16_t sign = static_cast<uint16_t>(r.Get(2));
      const int dscale = static_cast<int16_t>(r.Get(2));
      if (!r.ok) return Insufficient();
      if (ndigits < 0) {
        return Status::Error(sqlstate::kInvalidBinaryRepresentation,
                             "invalid number of digits in external \"numeric\" value");
      }
      std::vector<int16_t> digits(static_cast<size_t>(ndigits));
      for (int k = 0; k < ndigits; ++k) {
        const int d = static_cast<int16_t>(r.Get(2));
        if (d < 0 || d >= 10000) {
          return Status::Error(sqlstate::kInvalidBinaryRepresentation,
                               "invalid digit in external \"numeric\" value");
        }
        digits[static_cast<size_t>(k)] = static_cast<int16_t>(d);
      }
      if (!r.ok) return Insufficient();
      if (!r.AtEnd()) return BadFormat();
      Numeric n;
      if (sign == 0xC000) {
        n = Numeric::NaN();
      } else if (sign == 0xD000 || sign == 0xF000) {
        n = Numeric::Infinity(sign == 0xF000);
      } else if (sign == 0 || sign == 0x4000) {
        if (dscale < 0 || dscale > 0x3FFF) {
          return Status::Error(sqlstate::kInvalidBinaryRepresentation,
                               "invalid scale in external \"numeric\" value");
        }
        n = Numeric::FromParts(sign == 0x4000, weight, dscale, std::move(digits));
        // Digits beyond dscale are rounded away as numeric_recv does.
        n = n.Round(dscale);
      } else {
        return Status::Error(sqlstate::kInvalidBinaryRepresentation,
                             "invalid sign in external \"numeric\" value");
      }
      if (t.typmod >= 4) NANO_RETURN_IF_ERROR(n.ApplyTypmod(t.typmod, &n));
      *out = Value::Numeric(n.ToString());
      return Status::OK();
    }
    default:
      break;
  }
  if (IsArrayType(t.oid)) {
    Reader r{bytes};
    const int32_t ndim = static_cast<int32_t>(r.Get(4));
    const int32_t flags = static_cast<int32_t>(r.Get(4));
    const TypeOid elem = static_cast<TypeOid>(r.Get(4));
    if (!r.ok) return Insufficient();
    if (ndim < 0 || ndim > 6) {
      return Status::Error(sqlstate::kInvalidBinaryRepresentation,
                           "invalid number of dimensions: " + std::to_string(ndim));
    }
    if (flags != 0 && flags != 1)
      return Status::Error(sqlstate::kInvalidBinaryRepresentation, "invalid array flags");
    const TypeOid want = ElementTypeOf(t.oid);
    if (elem != want) {
      return Status::Error(sqlstate::kDatatypeMismatch,
                           "binary data has array element type " + std::to_string(elem) + " (" +
                               FormatType(TypeRef{elem, -1}) + ") instead of expected " +
                               std::to_string(want) + " (" + FormatType(TypeRef{want, -1}) + ")");
    }
    auto data = std::make_shared<ArrayData>();
    int64_t total = ndim > 0 ? 1 : 0;
    for (int32_t d = 0; d < ndim; ++d) {
      const int32_t dim = static_cast<int32_t>(r.Get(4));
      const int32_t lb = static_cast<int32_t>(r.Get(4));
      if (!r.ok) return Insufficient();
      if (dim < 0) return BadFormat();
      data->dims.push_back(dim);
      data->lower_bounds.push_back(lb);
      total *= dim;
      if (total > (1 << 27))
        return Status::Error(sqlstate::kProgramLimitExceeded,
                             "array size exceeds the maximum allowed");
    }
    if (total == 0) {
      data->dims.clear();
      data->lower_bounds.clear();
    }
    for (int64_t k = 0; k < total; ++k) {
      const int32_t len = static_cast<int32_t>(r.Get(4));
      if (!r.ok) return Insufficient();
      if (len == -1) {
        data->elements.push_back(Value::Null(want));
        continue;
      }
      if (len < 0) return BadFormat();
      std::string_view eb = r.Bytes(static_cast<size_t>(len));
      if (!r.ok) return Insufficient();
      Value e;
      NANO_RETURN_IF_ERROR(ParseBinary(eb, TypeRef{want, t.typmod}, &e));
      data->elements.push_back(std::move(e));
    }
    if (!r.AtEnd()) return BadFormat();
    *out = Value::Array(t.oid, std::move(data));
    return Status::OK();
  }
  return Status::Error(
      sqlstate::kFeatureNotSupported,
      "no binary input function available for type " + FormatType(TypeRef{t.oid, -1}));
}

}  // namespace nano
