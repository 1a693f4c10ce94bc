// engine/executor/window.cc — the Window operator.
//
// Materialises its input, then for each window call sorts the rows by
// (PARTITION BY, ORDER BY) and computes one value per row: ranking
// functions from positions and peer groups, lag/lead by offset, value and
// aggregate functions over the frame. Frames with an UNBOUNDED PRECEDING
// start (the default) are computed incrementally (one aggregate state per
// partition, stepped as the frame end advances); other ROWS frames are
// recomputed per row. Output rows keep the input order.
#include <algorithm>
#include <numeric>

#include "executor/operators.h"
#include "types/compare.h"

namespace nano {

namespace {

using Row = std::vector<Value>;

constexpr int kFrameNonDefault = 0x1, kFrameRows = 0x4;
constexpr int kFrameStartUnboundedPreceding = 0x20, kFrameEndUnboundedFollowing = 0x100;
constexpr int kFrameStartCurrentRow = 0x200, kFrameEndCurrentRow = 0x400;
constexpr int kFrameStartOffsetPreceding = 0x800, kFrameEndOffsetPreceding = 0x1000;
constexpr int kFrameStartOffsetFollowing = 0x2000, kFrameEndOffsetFollowing = 0x4000;

int CompareKey(const Value& a, const Value& b, bool desc, bool nulls_first) {
  if (a.is_null() || b.is_null()) {
    if (a.is_null() && b.is_null()) return 0;
    return (a.is_null() == nulls_first) ? -1 : 1;
  }
  int c = CompareValues(a, b);
  return desc ? -c : c;
}

class WindowOp final : public Operator {
 public:
  WindowOp(const PlanNode& plan, std::unique_ptr<Operator> child, ExecContext* ctx,
           const OuterRows* outer)
      : plan_(plan), child_(std::move(child)) {
    st_.ctx = ctx;
    if (outer) st_.outer_rows = *outer;
  }

  Status Open() override {
    NANO_RETURN_IF_ERROR(child_->Open());
    rows_.clear();
    Row r;
    bool eof = false;
    while (true) {
      NANO_RETURN_IF_ERROR(st_.ctx->CheckCancel());
      NANO_RETURN_IF_ERROR(child_->Next(&r, &eof));
      if (eof) break;
      rows_.push_back(r);
    }
    size_t width = rows_.empty() ? 0 : rows_[0].size();
    for (Row& row : rows_) row.resize(width + plan_.windows.size());
    for (size_t w = 0; w < plan_.windows.size(); ++w) {
      NANO_RETURN_IF_ERROR(Compute(plan_.windows[w], width + w));
    }
    next_ = 0;
    return Status::OK();
  }

  Status Next(Row* row, bool* eof) override {
    if (next_ >= rows_.size()) {
      *eof = true;
      return Status::OK();
    }
    *eof = false;
    *row = std::move(rows_[next_++]);
    return Status::OK();
  }

 private:
  EvalContext& Eval() {
    static thread_local EvalContext fallback;
    return st_.ctx->eval ? *st_.ctx->eval : fallback;
  }

  Status Compute(const BoundWindow& w, size_t out_slot) {
    size_t n = rows_.size();
    // Sort keys per row: partition keys then order keys (evaluated once).
    size_t np = w.partition_by.size(), no = w.order_by.size();
    std::vector<Row> keys(n, Row(np + no));
    for (size_t i = 0; i < n; ++i) {
      for (size_t k = 0; k < np; ++k)
        NANO_RETURN_IF_ERROR(EvalExpr(*w.partition_by[k], rows_[i], st_, &keys[i][k]));
      for (size_t k = 0; k < no; ++k) {
        NANO_RETURN_IF_ERROR(EvalExpr(*w.order_by[k].expr, rows_[i], st_, &keys[i][np + k]));
      }
    }
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      for (size_t k = 0; k < np + no; ++k) {
        bool desc = k >= np && w.order_by[k - np].descending;
        bool nf = k >= np && w.order_by[k - np].nulls_first;
        int c = CompareKey(keys[a][k], keys[b][k], desc, nf);
        if (c != 0) return c < 0;
      }
      return false;
    });
    auto same = [&](size_t a, size_t b, size_t from, size_t to) {
      for (size_t k = from; k < to; ++k) {
        const Value& x = keys[a][k];
        const Value& y = keys[b][k];
        if (x.is_null() != y.is_null()) return false;
        if (!x.is_null() && CompareValues(x, y) != 0) return false;
      }
      return true;
    };
    size_t start = 0;
    while (start < n) {
      NANO_RETURN_IF_ERROR(st_.ctx->CheckCancel());
      size_t end = start + 1;
      while (end < n && same(order[start], order[end], 0, np)) ++end;
      std::vector<size_t> part(order.begin() + static_cast<long>(start),
                               order.begin() + static_cast<long>(end));
      // Peer groups: rows equal on the ORDER BY keys.
      std::vector<size_t> peer_start(part.size()), peer_end(part.size());
      for (size_t i = 0; i < part.size();) {
        size_t j = i + 1;
        while (j < part.size() && same(part[i], part[j], np, np + no)) ++j;
        for (size_t k = i; k < j; ++k) {
          peer_start[k] = i;
          peer_end[k] = j;
        }
        i = j;
      }
      NANO_RETURN_IF_ERROR(ComputePartition(w, part, peer_start, peer_end, no > 0, out_slot));
      start = end;
    }
    return Status::OK();
  }

  Status ArgValue(const BoundExprPtr& e, size_t row, Value* out) {
    return EvalExpr(*e, rows_[row], st_, out);
  }

  // Frame [lo, hi) within the partition for position i.
  Status Frame(const BoundWindow& w, size_t i, size_t count, const std::vector<size_t>& peer_start,
               const std::vector<size_t>& peer_end, bool ordered, size_t* lo, size_t* hi) {
    int f = w.frame_options;
    if (!(f & kFrameNonDefault)) {
      *lo = 0;
      *hi = ordered ? peer_end[i] : count;
      return Status::OK();
    }
    bool rows_mode = f & kFrameRows;
    static const Row kEmpty;
    auto offset = [&](const BoundExprPtr& e, int64_t* v) -> Status {
      Value val;
      NANO_RETURN_IF_ERROR(EvalExpr(*e, kEmpty, st_, &val));
      if (val.is_null() || val.int_value() < 0) {
        return Status::Error("22013", "frame starting offset must not be negative");
      }
      *v = val.int_value();
      return Status::OK();
    };
    int64_t pos = static_cast<int64_t>(i), cnt = static_cast<int64_t>(count);
    int64_t a = 0, b = cnt;
    if (f & kFrameStartUnboundedPreceding) {
      a = 0;
    } else if (f & kFrameStartCurrentRow) {
      a = rows_mode ? pos : static_cast<int64_t>(peer_start[i]);
    } else if (f & kFrameStartOffsetPreceding) {
      int64_t o = 0;
      NANO_RETURN_IF_ERROR(offset(w.start_offset, &o));
      a = pos - o;
    } else if (f & kFrameStartOffsetFollowing) {
      int64_t o = 0;
      NANO_RETURN_IF_ERROR(offset(w.start_offset, &o));
      a = pos + o;
    }
    if (f & kFrameEndUnboundedFollowing) {
      b = cnt;
    } else if (f & kFrameEndCurrentRow) {
      b = rows_mode ? pos + 1 : static_cast<int64_t>(peer_end[i]);
    } else if (f & kFrameEndOffsetPreceding) {
      int64_t o = 0;
      NANO_RETURN_IF_ERROR(offset(w.end_offset, &o));
      b = pos - o + 1;
    } else if (f & kFrameEndOffsetFollowing) {
      int64_t o = 0;
      NANO_RETURN_IF_ERROR(offset(w.end_offset, &o));
      b = pos + o + 1;
    }
    *lo = static_cast<size_t>(std::clamp<int64_t>(a, 0, cnt));
    *hi = static_cast<size_t>(std::clamp<int64_t>(b, 0, cnt));
    if (*hi < *lo) *hi = *lo;
    return Status::OK();
  }

  Status Step(const BoundWindow& w, AggregateState* state, size_t row) {
    const BoundAggregate& a = w.aggregate;
    if (a.filter) {
      bool pass = false;
      NANO_RETURN_IF_ERROR(EvalCondition(*a.filter, rows_[row], st_, &pass));
      if (!pass) return Status::OK();
    }
    Row args(a.args.size());
    for (size_t k = 0; k < a.args.size(); ++k)
      NANO_RETURN_IF_ERROR(ArgValue(a.args[k], row, &args[k]));
    if (a.agg->strict && !a.star) {
      for (const Value& v : args) {
        if (v.is_null()) return Status::OK();
      }
    }
    return state->Step(args.data(), args.size(), Eval());
  }

  Status ComputePartition(const BoundWindow& w, const std::vector<size_t>& part,
                          const std::vector<size_t>& peer_start,
                          const std::vector<size_t>& peer_end, bool ordered, size_t out_slot) {
    size_t count = part.size();
    switch (w.kind) {
      case WindowFnKind::kRowNumber:
        for (size_t i = 0; i < count; ++i)
          rows_[part[i]][out_slot] = Value::Int8(static_cast<int64_t>(i) + 1);
        return Status::OK();
      case WindowFnKind::kRank:
        for (size_t i = 0; i < count; ++i) {
          rows_[part[i]][out_slot] =
              Value::Int8(static_cast<int64_t>(ordered ? peer_start[i] : 0) + 1);
        }
        return Status::OK();
      case WindowFnKind::kDenseRank: {
        int64_t rank = 0;
        for (size_t i = 0; i < count; ++i) {
          if (i == 0 || peer_start[i] == i) ++rank;
          rows_[part[i]][out_slot] = Value::Int8(ordered ? rank : 1);
        }
        return Status::OK();
      }
      case WindowFnKind::kPercentRank:
        for (size_t i = 0; i < count; ++i) {
          double v = count > 1 && ordered
                         ? static_cast<double>(peer_start[i]) / static_cast<double>(count - 1)
                         : 0.0;
          rows_[part[i]][out_slot] = Value::Float8(v);
        }
        return Status::OK();
      case WindowFnKind::kCumeDist:
        for (size_t i = 0; i < count; ++i) {
          double v =
              static_cast<double>(ordered ? peer_end[i] : count) / static_cast<double>(count);
          rows_[part[i]][out_slot] = Value::Float8(v);
        }
        return Status::OK();
      case WindowFnKind::kNtile:
        for (size_t i = 0; i < count; ++i) {
          Value nv;
          NANO_RETURN_IF_ERROR(ArgValue(w.args[0], part[i], &nv));
          if (nv.is_null()) {
            rows_[part[i]][out_slot] = Value::Null(type::kInt4);
            continue;
          }
          int64_t buckets = nv.int_value();
          if (buckets <= 0)
            return Status::Error("22014", "argument of ntile must be greater than zero");
          int64_t c = static_cast<int64_t>(count);
          int64_t per = c / buckets, extra = c % buckets, idx = static_cast<int64_t>(i);
          int64_t bucket = idx < extra * (per + 1)
                               ? idx / (per + 1)
                               : extra + (idx - extra * (per + 1)) / std::max<int64_t>(per, 1);
          rows_[part[i]][out_slot] = Value::Int4(bucket + 1);
        }
        return Status::OK();
      case WindowFnKind::kLag:
      case WindowFnKind::kLead:
        for (size_t i = 0; i < count; ++i) {
          int64_t off = 1;
          if (w.args.size() > 1) {
            Value ov;
            NANO_RETURN_IF_ERROR(ArgValue(w.args[1], part[i], &ov));
            if (ov.is_null()) {
              rows_[part[i]][out_slot] = Value::Null(w.result_type.oid);
              continue;
            }
            off = ov.int_value();
          }
          int64_t target = static_cast<int64_t>(i) + (w.kind == WindowFnKind::kLead ? off : -off);
          Value v;
          if (target >= 0 && target < static_cast<int64_t>(count)) {
            NANO_RETURN_IF_ERROR(ArgValue(w.args[0], part[static_cast<size_t>(target)], &v));
          } else if (w.args.size() > 2) {
            NANO_RETURN_IF_ERROR(ArgValue(w.args[2], part[i], &v));
          } else {
            v = Value::Null(w.result_type.oid);
          }
          rows_[part[i]][out_slot] = std::move(v);
        }
        return Status::OK();
      case WindowFnKind::kFirstValue:
      case WindowFnKind::kLastValue:
      case WindowFnKind::kNthValue:
        for (size_t i = 0; i < count; ++i) {
          size_t lo, hi;
          NANO_RETURN_IF_ERROR(Frame(w, i, count, peer_start, peer_end, ordered, &lo, &hi));
          Value v = Value::Null(w.result_type.oid);
          if (w.kind == WindowFnKind::kNthValue) {
            Value nv;
            NANO_RETURN_IF_ERROR(ArgValue(w.args[1], part[i], &nv));
            if (!nv.is_null() && nv.int_value() <= 0) {
              return Status::Error("22016", "argument of nth_value must be greater than zero");
            }
            if (!nv.is_null() && lo + static_cast<size_t>(nv.int_value()) - 1 < hi) {
              NANO_RETURN_IF_ERROR(
                  ArgValue(w.args[0], part[lo + static_cast<size_t>(nv.int_value()) - 1], &v));
            }
          } else if (lo < hi) {
            size_t at = w.kind == WindowFnKind::kFirstValue ? lo : hi - 1;
            NANO_RETURN_IF_ERROR(ArgValue(w.args[0], part[at], &v));
          }
          rows_[part[i]][out_slot] = std::move(v);
        }
        return Status::OK();
      case WindowFnKind::kAggregate:
        break;
    }
    // Aggregates over frames.
    const BoundAggregate& a = w.aggregate;
    int f = w.frame_options;
    bool incremental = !(f & kFrameNonDefault) || ((f & kFrameStartUnboundedPreceding) != 0);
    if (incremental) {
      std::unique_ptr<AggregateState> state = a.agg->create(a.call);
      size_t stepped = 0;
      for (size_t i = 0; i < count; ++i) {
        size_t lo, hi;
        NANO_RETURN_IF_ERROR(Frame(w, i, count, peer_start, peer_end, ordered, &lo, &hi));
        if (hi < stepped) {  // the frame end moved back (n PRECEDING end): restart
          state = a.agg->create(a.call);
          stepped = 0;
        }
        while (stepped < hi) NANO_RETURN_IF_ERROR(Step(w, state.get(), part[stepped++]));
        Value v;
        NANO_RETURN_IF_ERROR(state->Final(Eval(), &v));
        rows_[part[i]][out_slot] = std::move(v);
      }
      return Status::OK();
    }
    for (size_t i = 0; i < count; ++i) {
      size_t lo, hi;
      NANO_RETURN_IF_ERROR(Frame(w, i, count, peer_start, peer_end, ordered, &lo, &hi));
      std::unique_ptr<AggregateState> state = a.agg->create(a.call);
      for (size_t k = lo; k < hi; ++k) NANO_RETURN_IF_ERROR(Step(w, state.get(), part[k]));
      Value v;
      NANO_RETURN_IF_ERROR(state->Final(Eval(), &v));
      rows_[part[i]][out_slot] = std::move(v);
    }
    return Status::OK();
  }

  const PlanNode& plan_;
  std::unique_ptr<Operator> child_;
  ExecState st_;
  std::vector<Row> rows_;
  size_t next_ = 0;
};

}  // namespace

std::unique_ptr<Operator> MakeWindowOperator(const PlanNode& plan, std::unique_ptr<Operator> child,
                                             ExecContext* ctx, const OuterRows* outer) {
  return std::make_unique<WindowOp>(plan, std::move(child), ctx, outer);
}

}  // namespace nano
