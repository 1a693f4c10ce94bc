// engine/executor/user_aggregates.cc — the running state of user-defined
// aggregates (see user_aggregates.h for the rules it follows).
#include "executor/user_aggregates.h"

#include <utility>
#include <vector>

namespace nano {

namespace {

EvalContext& EvalOf(ExecState* st) {
  static thread_local EvalContext fallback;
  return st->ctx != nullptr && st->ctx->eval != nullptr ? *st->ctx->eval : fallback;
}

// Calls a support function on `args`; a strict one gives NULL on a NULL
// argument without running.
Status CallSupport(const BoundAggSupport& fn, const std::vector<Value>& args, TypeRef result,
                   ExecState* st, Value* out) {
  if (fn.strict) {
    for (const Value& v : args) {
      if (v.is_null()) {
        *out = Value::Null(result.oid);
        return Status::OK();
      }
    }
  }
  if (fn.user != nullptr) {
    std::vector<std::vector<Value>> rows;
    NANO_RETURN_IF_ERROR(RunUserFunction(*fn.user, args, *st, &rows));
    *out = rows.empty() || rows[0].empty() ? Value::Null(result.oid) : std::move(rows[0][0]);
    return Status::OK();
  }
  return CallScalar(fn.builtin, args.data(), args.size(), EvalOf(st), out);
}

class UserAggregateState final : public AggregateState {
 public:
  UserAggregateState(const BoundAggregate& a, ExecState* st, Value init)
      : a_(a), u_(*a.user), st_(st), state_(std::move(init)) {}

  Status Step(const Value* args, size_t nargs, EvalContext&) override {
    if (u_.transfn.strict) {
      for (size_t i = u_.direct_args; i < nargs; ++i) {
        if (args[i].is_null()) return Status::OK();
      }
      if (state_.is_null()) {
        if (!started_ && nargs > u_.direct_args) {
          // No INITCOND: the first non-NULL input becomes the state.
          started_ = true;
          state_ = args[u_.direct_args];
        }
        return Status::OK();
      }
    }
    started_ = true;
    std::vector<Value> call;
    call.reserve(nargs + 1);
    call.push_back(state_);
    for (size_t i = u_.direct_args; i < nargs; ++i) call.push_back(args[i]);
    Value next;
    NANO_RETURN_IF_ERROR(CallSupport(u_.transfn, call, u_.state_type, st_, &next));
    state_ = std::move(next);
    return Status::OK();
  }

  Status Final(EvalContext&, Value* out) override {
    if (!u_.finalfn.present()) {
      *out = state_.is_null() ? Value::Null(a_.result_type.oid) : state_;
      return Status::OK();
    }
    std::vector<Value> call{state_};
    for (size_t i = 0; i < u_.final_extra_args; ++i) {
      call.push_back(Value::Null(i < a_.call.arg_types.size() ? a_.call.arg_types[i].oid
                                                              : type::kUnknown));
    }
    return CallSupport(u_.finalfn, call, a_.result_type, st_, out);
  }

 private:
  const BoundAggregate& a_;
  const BoundUserAggregate& u_;
  ExecState* st_;
  Value state_;
  bool started_ = false;  // a strict transition function has seen a row
};

}  // namespace

Status NewAggregateState(const BoundAggregate& a, ExecState* st,
                         std::unique_ptr<AggregateState>* out) {
  if (a.user == nullptr) {
    *out = a.agg->create(a.call);
    return Status::OK();
  }
  Value init = Value::Null(a.user->state_type.oid);
  if (a.user->init) NANO_RETURN_IF_ERROR(EvalExpr(*a.user->init, {}, *st, &init));
  *out = std::make_unique<UserAggregateState>(a, st, std::move(init));
  return Status::OK();
}

}  // namespace nano
