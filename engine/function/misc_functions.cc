// engine/function/misc_functions.cc — session/system information functions
// (version, current_user, current_setting, ...), pg_typeof, gen_random_uuid
// and array functions (array_length, array_append, array_cat, ...).
#include <openssl/rand.h>

#include <algorithm>

#include "function/builtins.h"
#include "function/string_util.h"
#include "types/compare.h"
#include "types/type_info.h"

#ifndef NANO_VERSION
#define NANO_VERSION "0.1.0"
#endif

namespace nano::fn {
namespace {

namespace ty = type;

Status Ok(Value v, Value* out) {
  *out = std::move(v);
  return Status::OK();
}

Status Version(const Value*, size_t, EvalContext&, Value* out) {
  return Ok(Value::Text("PostgreSQL 15.0 (HeliosDB Nano " NANO_VERSION
                        ") on x86_64-pc-linux-gnu, compiled by gcc, 64-bit"),
            out);
}

Status CurrentDatabase(const Value*, size_t, EvalContext& ctx, Value* out) {
  std::string db = ctx.session ? std::string(ctx.session->database()) : "postgres";
  return Ok(Value::String(ty::kName, std::move(db)), out);
}
Status CurrentSchema(const Value*, size_t, EvalContext&, Value* out) {
  return Ok(Value::String(ty::kName, "public"), out);
}
Status CurrentSchemas(const Value* a, size_t, EvalContext&, Value* out) {
  ValueVector v;
  if (a[0].bool_value()) v.push_back(Value::String(ty::kName, "pg_catalog"));
  v.push_back(Value::String(ty::kName, "public"));
  return Ok(MakeArray(ty::kName, std::move(v)), out);
}
Status CurrentUser(const Value*, size_t, EvalContext& ctx, Value* out) {
  std::string u = ctx.session ? std::string(ctx.session->user()) : "postgres";
  return Ok(Value::String(ty::kName, std::move(u)), out);
}
Status SessionUser(const Value*, size_t, EvalContext& ctx, Value* out) {
  std::string u = ctx.session ? std::string(ctx.session->session_user()) : "postgres";
  return Ok(Value::String(ty::kName, std::move(u)), out);
}
Status BackendPid(const Value*, size_t, EvalContext& ctx, Value* out) {
  return Ok(Value::Int4(ctx.session ? ctx.session->backend_pid() : 0), out);
}

Status CurrentSetting(const Value* a, size_t nargs, EvalContext& ctx, Value* out) {
  bool missing_ok = nargs > 1 && a[1].bool_value();
  if (ctx.session == nullptr) {
    if (missing_ok) return Ok(Value::Null(ty::kText), out);
    return Status::Error(sqlstate::kUndefinedObject,
                         "unrecognized configuration parameter \"" + a[0].str() + "\"");
  }
  // Sessions report unknown names by returning an empty string from GetSetting
  // only for known-empty settings; we treat lookup errors via SetSetting's contract.
  std::string v = ctx.session->GetSetting(a[0].str());
  return Ok(Value::Text(std::move(v)), out);
}

Status SetConfig(const Value* a, size_t, EvalContext& ctx, Value* out) {
  if (a[0].is_null())
    return Status::Error(sqlstate::kNullValueNotAllowed, "SET requires parameter name");
  std::string value = a[1].is_null() ? "" : a[1].str();
  bool is_local = !a[2].is_null() && a[2].bool_value();
  if (ctx.session == nullptr)
    return Status::Error(sqlstate::kUndefinedObject,
                         "unrecognized configuration parameter \"" + a[0].str() + "\"");
  NANO_RETURN_IF_ERROR(ctx.session->SetSetting(a[0].str(), value, is_local));
  return Ok(Value::Text(ctx.session->GetSetting(a[0].str())), out);
}

Status PgTypeof(const Value* a, size_t, EvalContext&, Value* out) {
  // regtype carries the OID (int_value) and, per the function contract, the
  // type's name in str() for consumers that print it directly.
  Value v = Value::Oid(a[0].type());
  v.set_type(ty::kRegType);
  v.mutable_str() = RegTypeName(a[0].type());
  return Ok(std::move(v), out);
}

Status GenRandomUuid(const Value*, size_t, EvalContext&, Value* out) {
  unsigned char b[16];
  if (RAND_bytes(b, sizeof(b)) != 1)
    return Status::Error("XX000", "could not generate random values");
  b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);  // version 4
  b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);  // RFC 4122 variant
  return Ok(Value::String(ty::kUuid, std::string(reinterpret_cast<char*>(b), sizeof(b))), out);
}

// format_type(oid, typmod): a NULL typmod prints bpchar as "character" (like
// regtype output) and -1 as "bpchar"; unknown OIDs print "???".
Status FormatTypeFn(const Value* a, size_t, EvalContext&, Value* out) {
  if (a[0].is_null()) return Ok(Value::Null(ty::kText), out);
  TypeOid oid = static_cast<TypeOid>(a[0].int_value());
  if (LookupType(oid) == nullptr) return Ok(Value::Text("???"), out);
  if (a[1].is_null()) return Ok(Value::Text(RegTypeName(oid)), out);
  return Ok(Value::Text(FormatType(TypeRef{oid, static_cast<int32_t>(a[1].int_value())})), out);
}

Status Utf8Name(const Value*, size_t, EvalContext&, Value* out) {
  return Ok(Value::String(ty::kName, "UTF8"), out);
}
Status EncodingToChar(const Value* a, size_t, EvalContext&, Value* out) {
  // Only UTF8 (6) and SQL_ASCII (0) are meaningful here; others print "".
  int64_t e = a[0].int_value();
  return Ok(Value::String(ty::kName, e == 6 ? "UTF8" : e == 0 ? "SQL_ASCII" : ""), out);
}
Status FalseFn(const Value*, size_t, EvalContext&, Value* out) {
  return Ok(Value::Bool(false), out);
}

// ---- arrays ------------------------------------------------------------------------
const ArrayData kEmptyArray;

const ArrayData& Arr(const Value& v) { return v.is_null() ? kEmptyArray : v.array(); }

Status ArrayLength(const Value* a, size_t, EvalContext&, Value* out) {
  const ArrayData& d = a[0].array();
  int64_t dim = a[1].int_value();
  if (dim < 1 || dim > static_cast<int64_t>(d.dims.size())) return Ok(Value::Null(ty::kInt4), out);
  return Ok(Value::Int4(d.dims[dim - 1]), out);
}
template <bool kUpper>
Status ArrayBound(const Value* a, size_t, EvalContext&, Value* out) {
  const ArrayData& d = a[0].array();
  int64_t dim = a[1].int_value();
  if (dim < 1 || dim > static_cast<int64_t>(d.dims.size())) return Ok(Value::Null(ty::kInt4), out);
  int32_t lb = d.lower_bounds.size() >= static_cast<size_t>(dim) ? d.lower_bounds[dim - 1] : 1;
  return Ok(Value::Int4(kUpper ? lb + d.dims[dim - 1] - 1 : lb), out);
}
Status ArrayNdims(const Value* a, size_t, EvalContext&, Value* out) {
  const ArrayData& d = a[0].array();
  if (d.dims.empty()) return Ok(Value::Null(ty::kInt4), out);
  return Ok(Value::Int4(static_cast<int64_t>(d.dims.size())), out);
}
Status ArrayDims(const Value* a, size_t, EvalContext&, Value* out) {
  const ArrayData& d = a[0].array();
  if (d.dims.empty()) return Ok(Value::Null(ty::kText), out);
  std::string s;
  for (size_t i = 0; i < d.dims.size(); ++i) {
    int32_t lb = i < d.lower_bounds.size() ? d.lower_bounds[i] : 1;
    s.push_back('[');
    s.append(std::to_string(lb));
    s.push_back(':');
    s.append(std::to_string(lb + d.dims[i] - 1));
    s.push_back(']');
  }
  return Ok(Value::Text(std::move(s)), out);
}
Status Cardinality(const Value* a, size_t, EvalContext&, Value* out) {
  return Ok(Value::Int4(static_cast<int64_t>(a[0].array().elements.size())), out);
}

TypeOid ArrayTypeFor(const Value& arr, const Value& elem) {
  if (!arr.is_null() || IsArrayType(arr.type())) return arr.type();
  TypeOid t = ArrayTypeOf(elem.type());
  return t ? t : ty::kTextArray;
}

Value MakeArrayOf(TypeOid array_type, std::vector<int32_t> dims, ValueVector elems) {
  auto d = std::make_shared<ArrayData>();
  if (!elems.empty()) {
    d->dims = std::move(dims);
    d->lower_bounds.assign(d->dims.size(), 1);
  }
  d->elements = std::move(elems);
  return Value::Array(array_type, std::move(d));
}

Status ArrayDimError() {
  return Status::Error("2202E", "cannot concatenate incompatible arrays")
      .WithDetail("Arrays with differing dimensions are not compatible for concatenation.");
}

}  // namespace

Status ArrayCat(const Value* a, size_t, EvalContext&, Value* out) {
  if (a[0].is_null() && a[1].is_null()) return Ok(Value::Null(a[0].type()), out);
  if (a[0].is_null()) return Ok(a[1], out);
  if (a[1].is_null()) return Ok(a[0], out);
  const ArrayData& x = a[0].array();
  const ArrayData& y = a[1].array();
  if (x.elements.empty()) return Ok(a[1], out);
  if (y.elements.empty()) return Ok(a[0], out);
  ValueVector e = x.elements;
  e.insert(e.end(), y.elements.begin(), y.elements.end());
  std::vector<int32_t> dims;
  if (x.dims.size() == y.dims.size()) {
    if (!std::equal(x.dims.begin() + 1, x.dims.end(), y.dims.begin() + 1)) return ArrayDimError();
    dims = x.dims;
    dims[0] += y.dims[0];
  } else if (x.dims.size() == y.dims.size() + 1 &&
             std::equal(x.dims.begin() + 1, x.dims.end(), y.dims.begin())) {
    dims = x.dims;
    dims[0] += 1;
  } else if (y.dims.size() == x.dims.size() + 1 &&
             std::equal(y.dims.begin() + 1, y.dims.end(), x.dims.begin())) {
    dims = y.dims;
    dims[0] += 1;
  } else {
    return ArrayDimError();
  }
  return Ok(MakeArrayOf(a[0].type(), std::move(dims), std::move(e)), out);
}

Status ArrayAppend(const Value* a, size_t, EvalContext&, Value* out) {
  const ArrayData& x = Arr(a[0]);
  if (x.dims.size() > 1)
    return Status::Error("2202E", "argument must be empty or one-dimensional array");
  ValueVector e = x.elements;
  e.push_back(a[1]);
  int32_t n = static_cast<int32_t>(e.size());
  return Ok(MakeArrayOf(ArrayTypeFor(a[0], a[1]), {n}, std::move(e)), out);
}

// array_fill(value, dims [, lower bounds]): an array of `dims` filled with
// value, bounded like PostgreSQL's (MaxArraySize elements, 6 dimensions).
Status ArrayFill(const Value* a, size_t n, EvalContext&, Value* out) {
  if (a[1].is_null() || (n == 3 && a[2].is_null())) {
    return Status::Error("22004", "dimension array or low bound array cannot be null");
  }
  const ValueVector& dims = Arr(a[1]).elements;
  const ValueVector* lbs = n == 3 ? &Arr(a[2]).elements : nullptr;
  if (lbs != nullptr && lbs->size() != dims.size()) {
    return Status::Error("2202E", "wrong number of array subscripts")
        .WithDetail("Low bound array has different size than dimensions array.");
  }
  constexpr size_t kMaxDims = 6;
  constexpr int64_t kMaxArraySize = 134217727;  // PostgreSQL's MaxArraySize
  if (dims.size() > kMaxDims) {
    return Status::Error("54000", "number of array dimensions (" + std::to_string(dims.size()) +
                                      ") exceeds the maximum allowed (6)");
  }
  auto data = std::make_shared<ArrayData>();
  int64_t total = 1;
  for (size_t i = 0; i < dims.size(); ++i) {
    if (dims[i].is_null() || (lbs != nullptr && (*lbs)[i].is_null())) {
      return Status::Error("22004", "dimension values cannot be null");
    }
    const int64_t d = dims[i].int_value();
    if (d <= 0) total = 0;
    if (total > 0 && (total *= d) > kMaxArraySize) {
      return Status::Error("54000", "array size exceeds the maximum allowed (134217727)");
    }
    data->dims.push_back(static_cast<int32_t>(d));
    data->lower_bounds.push_back(lbs != nullptr ? static_cast<int32_t>((*lbs)[i].int_value()) : 1);
  }
  const TypeOid array_type = ArrayTypeOf(a[0].type());
  if (dims.empty() || total == 0) {
    return Ok(Value::Array(array_type ? array_type : ty::kTextArray, std::make_shared<ArrayData>()),
              out);
  }
  data->elements.assign(static_cast<size_t>(total), a[0]);
  return Ok(Value::Array(array_type ? array_type : ty::kTextArray, std::move(data)), out);
}

Status ArrayPrepend(const Value* a, size_t, EvalContext&, Value* out) {
  const ArrayData& x = Arr(a[1]);
  if (x.dims.size() > 1)
    return Status::Error("2202E", "argument must be empty or one-dimensional array");
  ValueVector e;
  e.push_back(a[0]);
  e.insert(e.end(), x.elements.begin(), x.elements.end());
  int32_t n = static_cast<int32_t>(e.size());
  return Ok(MakeArrayOf(ArrayTypeFor(a[1], a[0]), {n}, std::move(e)), out);
}

namespace {

bool NotDistinct(const Value& x, const Value& y) {
  if (x.is_null() || y.is_null()) return x.is_null() && y.is_null();
  return ValuesEqual(x, y);
}

Status ArrayPosition(const Value* a, size_t nargs, EvalContext&, Value* out) {
  if (a[0].is_null()) return Ok(Value::Null(ty::kInt4), out);
  const ArrayData& d = a[0].array();
  if (d.dims.size() > 1)
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "searching for elements in multidimensional arrays is not supported");
  int64_t start = nargs > 2 && !a[2].is_null() ? a[2].int_value() : 1;
  int32_t lb = d.lower_bounds.empty() ? 1 : d.lower_bounds[0];
  for (size_t i = 0; i < d.elements.size(); ++i) {
    if (static_cast<int64_t>(i) + lb < start) continue;
    if (NotDistinct(d.elements[i], a[1])) return Ok(Value::Int4(static_cast<int64_t>(i) + lb), out);
  }
  return Ok(Value::Null(ty::kInt4), out);
}

Status ArrayPositions(const Value* a, size_t, EvalContext&, Value* out) {
  if (a[0].is_null()) return Ok(Value::Null(ty::kInt4Array), out);
  const ArrayData& d = a[0].array();
  ValueVector r;
  int32_t lb = d.lower_bounds.empty() ? 1 : d.lower_bounds[0];
  for (size_t i = 0; i < d.elements.size(); ++i)
    if (NotDistinct(d.elements[i], a[1])) r.push_back(Value::Int4(static_cast<int64_t>(i) + lb));
  return Ok(MakeArray(ty::kInt4, std::move(r)), out);
}

Status ArrayRemove(const Value* a, size_t, EvalContext&, Value* out) {
  if (a[0].is_null()) return Ok(Value::Null(a[0].type()), out);
  const ArrayData& d = a[0].array();
  if (d.dims.size() > 1)
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "removing elements from multidimensional arrays is not supported");
  ValueVector r;
  for (const Value& e : d.elements)
    if (!NotDistinct(e, a[1])) r.push_back(e);
  int32_t n = static_cast<int32_t>(r.size());
  return Ok(MakeArrayOf(a[0].type(), {n}, std::move(r)), out);
}

Status ArrayReplace(const Value* a, size_t, EvalContext&, Value* out) {
  if (a[0].is_null()) return Ok(Value::Null(a[0].type()), out);
  const ArrayData& d = a[0].array();
  auto r = std::make_shared<ArrayData>(d);
  for (Value& e : r->elements)
    if (NotDistinct(e, a[1])) e = a[2];
  return Ok(Value::Array(a[0].type(), std::move(r)), out);
}

}  // namespace

void RegisterMisc(FunctionRegistry& r) {
  const TypeOid t = ty::kText;
  Reg(r, "version", {}, t, Version, Volatility::kStable);
  Reg(r, "current_database", {}, ty::kName, CurrentDatabase, Volatility::kStable);
  Reg(r, "current_catalog", {}, ty::kName, CurrentDatabase, Volatility::kStable);
  Reg(r, "current_schema", {}, ty::kName, CurrentSchema, Volatility::kStable);
  Reg(r, "current_schemas", {ty::kBool}, ty::kNameArray, CurrentSchemas, Volatility::kStable);
  for (const char* name : {"current_user", "user", "current_role"})
    Reg(r, name, {}, ty::kName, CurrentUser, Volatility::kStable);
  Reg(r, "session_user", {}, ty::kName, SessionUser, Volatility::kStable);
  Reg(r, "pg_backend_pid", {}, ty::kInt4, BackendPid, Volatility::kStable);
  Reg(r, "current_setting", {t}, t, CurrentSetting, Volatility::kStable);
  Reg(r, "current_setting", {t, ty::kBool}, t, CurrentSetting, Volatility::kStable);
  Reg(r, "set_config", {t, t, ty::kBool}, t, SetConfig, Volatility::kVolatile, false);
  Reg(r, "pg_typeof", {ty::kAny}, ty::kRegType, PgTypeof, Volatility::kStable, false);
  Reg(r, "gen_random_uuid", {}, ty::kUuid, GenRandomUuid, Volatility::kVolatile);
  Reg(r, "format_type", {ty::kOid, ty::kInt4}, t, FormatTypeFn, Volatility::kStable, false);
  Reg(r, "pg_client_encoding", {}, ty::kName, Utf8Name, Volatility::kStable);
  Reg(r, "pg_encoding_to_char", {ty::kInt4}, ty::kName, EncodingToChar, Volatility::kStable);
  Reg(r, "pg_is_in_recovery", {}, ty::kBool, FalseFn, Volatility::kVolatile);
}

void RegisterArrays(FunctionRegistry& r) {
  const TypeOid aa = ty::kAnyArray, ae = ty::kAnyElement, i4 = ty::kInt4;
  Reg(r, "array_length", {aa, i4}, i4, ArrayLength);
  Reg(r, "array_upper", {aa, i4}, i4, ArrayBound<true>);
  Reg(r, "array_lower", {aa, i4}, i4, ArrayBound<false>);
  Reg(r, "array_ndims", {aa}, i4, ArrayNdims);
  Reg(r, "array_dims", {aa}, ty::kText, ArrayDims);
  Reg(r, "cardinality", {aa}, i4, Cardinality);
  Reg(r, "array_append", {aa, ae}, aa, ArrayAppend, Volatility::kImmutable, false);
  Reg(r, "array_prepend", {ae, aa}, aa, ArrayPrepend, Volatility::kImmutable, false);
  Reg(r, "array_cat", {aa, aa}, aa, ArrayCat, Volatility::kImmutable, false);
  Reg(r, "array_fill", {ae, ty::kInt4Array}, aa, ArrayFill, Volatility::kImmutable, false);
  Reg(r, "array_fill", {ae, ty::kInt4Array, ty::kInt4Array}, aa, ArrayFill, Volatility::kImmutable,
      false);
  Reg(r, "array_position", {aa, ae}, i4, ArrayPosition, Volatility::kImmutable, false);
  Reg(r, "array_position", {aa, ae, i4}, i4, ArrayPosition, Volatility::kImmutable, false);
  Reg(r, "array_positions", {aa, ae}, ty::kInt4Array, ArrayPositions, Volatility::kImmutable,
      false);
  Reg(r, "array_remove", {aa, ae}, aa, ArrayRemove, Volatility::kImmutable, false);
  Reg(r, "array_replace", {aa, ae, ae}, aa, ArrayReplace, Volatility::kImmutable, false);
}

}  // namespace nano::fn
