// engine/function/array_assign.cc — array_set_element for assignment targets
// with subscripts (see array_assign.h).
#include "function/array_assign.h"

#include <memory>

#include "common/sqlstate.h"
#include "types/type_info.h"

namespace nano {
namespace {

// PostgreSQL's MaxArraySize: 1 GB of 4-byte elements. Bounds the NULL
// padding a far subscript can ask for.
constexpr int64_t kMaxArrayElements = (int64_t{1} << 28) - 1;

Status OutOfRange() {
  return Status::Error(sqlstate::kArraySubscriptError, "array subscript out of range");
}

Status ArrayAssign(const Value* args, size_t nargs, EvalContext&, Value* out) {
  const Value& arr = args[0];
  const Value& elem = args[1];
  const TypeOid array_type = static_cast<TypeOid>(args[2].int_value());
  const size_t nsubs = nargs - 3;
  std::vector<int64_t> subs(nsubs);
  for (size_t i = 0; i < nsubs; ++i) {
    if (args[3 + i].is_null()) {
      return Status::Error(sqlstate::kNullValueNotAllowed,
                           "array subscript in assignment must not be null");
    }
    subs[i] = args[3 + i].int_value();
    if (subs[i] < INT32_MIN || subs[i] > INT32_MAX) return OutOfRange();
  }
  const TypeOid elem_type = ElementTypeOf(array_type);
  auto data = std::make_shared<ArrayData>();
  if (arr.is_null() || arr.array().dims.empty()) {
    // A new array: one element, each dimension of length 1 at the subscript.
    for (int64_t s : subs) {
      data->dims.push_back(1);
      data->lower_bounds.push_back(static_cast<int32_t>(s));
    }
    data->elements.push_back(elem);
    *out = Value::Array(array_type, std::move(data));
    return Status::OK();
  }
  const ArrayData& a = arr.array();
  if (a.dims.size() != nsubs) {
    return Status::Error(sqlstate::kArraySubscriptError, "wrong number of array subscripts");
  }
  if (nsubs == 1) {
    const int64_t lb = a.lower_bounds[0], ub = lb + a.dims[0] - 1;
    const int64_t new_lb = std::min(lb, subs[0]), new_ub = std::max(ub, subs[0]);
    if (new_ub - new_lb + 1 > kMaxArrayElements) {
      return Status::Error(sqlstate::kProgramLimitExceeded,
                           "array size exceeds the maximum allowed (134217727)");
    }
    data->dims.push_back(static_cast<int32_t>(new_ub - new_lb + 1));
    data->lower_bounds.push_back(static_cast<int32_t>(new_lb));
    data->elements.reserve(static_cast<size_t>(new_ub - new_lb + 1));
    for (int64_t i = new_lb; i <= new_ub; ++i) {
      if (i == subs[0]) {
        data->elements.push_back(elem);
      } else if (i >= lb && i <= ub) {
        data->elements.push_back(a.elements[static_cast<size_t>(i - lb)]);
      } else {
        data->elements.push_back(Value::Null(elem_type));
      }
    }
    *out = Value::Array(array_type, std::move(data));
    return Status::OK();
  }
  size_t offset = 0;
  for (size_t d = 0; d < nsubs; ++d) {
    const int64_t index = subs[d] - a.lower_bounds[d];
    if (index < 0 || index >= a.dims[d]) return OutOfRange();
    offset = offset * static_cast<size_t>(a.dims[d]) + static_cast<size_t>(index);
  }
  *data = a;
  data->elements[offset] = elem;
  *out = Value::Array(array_type, std::move(data));
  return Status::OK();
}

}  // namespace

const ScalarOverload* ArrayAssignFunction() {
  static const ScalarOverload* const kFn = [] {
    auto* o = new ScalarOverload;
    o->name = "array_assign";
    o->arg_types = {type::kAnyArray, type::kAnyElement, type::kOid, type::kInt4};
    o->return_type = type::kAnyArray;
    o->fn = ArrayAssign;
    o->strict = false;
    o->variadic = true;
    return o;
  }();
  return kFn;
}

}  // namespace nano
