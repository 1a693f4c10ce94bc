// engine/executor/user_aggregates.cc — the running state of user-defined
// aggregates (see user_aggregates.h for the rules it follows).
#include "executor/user_aggregates.h"

#include <utility>
#include <vector>

#include "binder/binder.h"
#include "common/sqlstate.h"

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

  Status Final(EvalContext&, Value* out) override { return FinalOf(a_, state_, st_, out); }

  const Value& state() const { return state_; }

  // `a`'s final function (or the state itself) over `state`.
  static Status FinalOf(const BoundAggregate& a, const Value& state, ExecState* st, Value* out) {
    const BoundUserAggregate& u = *a.user;
    if (!u.finalfn.present()) {
      *out = state.is_null() ? Value::Null(a.result_type.oid) : state;
      return Status::OK();
    }
    std::vector<Value> call{state};
    for (size_t i = 0; i < u.final_extra_args; ++i) {
      call.push_back(
          Value::Null(i < a.call.arg_types.size() ? a.call.arg_types[i].oid : type::kUnknown));
    }
    return CallSupport(u.finalfn, call, a.result_type, st, out);
  }

 private:
  const BoundAggregate& a_;
  const BoundUserAggregate& u_;
  ExecState* st_;
  Value state_;
  bool started_ = false;  // a strict transition function has seen a row
};

bool SameSupport(const BoundAggSupport& a, const BoundAggSupport& b) {
  if (a.user != nullptr || b.user != nullptr) {
    return a.user != nullptr && b.user != nullptr && a.user->oid == b.user->oid;
  }
  return a.builtin.overload == b.builtin.overload;
}

bool SameExprs(const std::vector<BoundExprPtr>& a, const std::vector<BoundExprPtr>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (!BoundExprEquals(*a[i], *b[i])) return false;
  }
  return true;
}

}  // namespace

bool SharesTransition(const BoundAggregate& a, const BoundAggregate& b) {
  if (a.user == nullptr || b.user == nullptr) return false;
  const BoundUserAggregate& x = *a.user;
  const BoundUserAggregate& y = *b.user;
  if (!SameSupport(x.transfn, y.transfn) || x.state_type.oid != y.state_type.oid) return false;
  if ((x.init == nullptr) != (y.init == nullptr)) return false;
  if (x.init != nullptr && !BoundExprEquals(*x.init, *y.init)) return false;
  if (a.distinct != b.distinct || a.star != b.star || !SameExprs(a.args, b.args)) return false;
  if ((a.filter == nullptr) != (b.filter == nullptr)) return false;
  if (a.filter != nullptr && !BoundExprEquals(*a.filter, *b.filter)) return false;
  return SameExprs(a.order_by, b.order_by) && a.order_desc == b.order_desc &&
         a.order_nulls_first == b.order_nulls_first;
}

Status FinalShared(const BoundAggregate& a, const AggregateState& shared, ExecState* st,
                   Value* out) {
  const auto* state = dynamic_cast<const UserAggregateState*>(&shared);
  if (state == nullptr) {
    return Status::Error(sqlstate::kInternalError, "shared aggregate state is not a user one");
  }
  return UserAggregateState::FinalOf(a, state->state(), st, out);
}

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
