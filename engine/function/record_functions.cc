// engine/function/record_functions.cc — record_eq, record_ne, record_lt, ...
#include "function/record_functions.h"

#include "types/compare.h"

namespace nano {
namespace {

template <bool (*Test)(int)>
Status RecordCompare(const Value* args, size_t nargs, EvalContext&, Value* out) {
  (void)nargs;
  *out = Value::Bool(Test(CompareValues(args[0], args[1])));
  return Status::OK();
}

bool Eq(int c) { return c == 0; }
bool Ne(int c) { return c != 0; }
bool Lt(int c) { return c < 0; }
bool Le(int c) { return c <= 0; }
bool Gt(int c) { return c > 0; }
bool Ge(int c) { return c >= 0; }

ScalarOverload MakeOp(const char* name, ScalarFn fn) {
  ScalarOverload o;
  o.name = name;
  o.arg_types = {type::kRecord, type::kRecord};
  o.return_type = type::kBool;
  o.fn = fn;
  return o;
}

}  // namespace

const ScalarOverload* RecordComparisonOperator(std::string_view op) {
  static const ScalarOverload kEq = MakeOp("=", RecordCompare<Eq>);
  static const ScalarOverload kNe = MakeOp("<>", RecordCompare<Ne>);
  static const ScalarOverload kLt = MakeOp("<", RecordCompare<Lt>);
  static const ScalarOverload kLe = MakeOp("<=", RecordCompare<Le>);
  static const ScalarOverload kGt = MakeOp(">", RecordCompare<Gt>);
  static const ScalarOverload kGe = MakeOp(">=", RecordCompare<Ge>);
  if (op == "=") return &kEq;
  if (op == "<>" || op == "!=") return &kNe;
  if (op == "<") return &kLt;
  if (op == "<=") return &kLe;
  if (op == ">") return &kGt;
  if (op == ">=") return &kGe;
  return nullptr;
}

}  // namespace nano
