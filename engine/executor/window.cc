// engine/executor/window.cc — the Window operator.
//
// Materialises its input, then for each window call sorts the rows by
// (PARTITION BY, ORDER BY) and computes one value per row: ranking
// functions from positions and peer groups, lag/lead by offset, value and
// aggregate functions over the frame. Frames follow PostgreSQL's
// nodeWindowAgg: ROWS by position, GROUPS by peer group, RANGE by the
// in_range test against the single ORDER BY key, then EXCLUDE CURRENT ROW /
// GROUP / TIES. Frames with an UNBOUNDED PRECEDING start (the default) and
// no exclusion are aggregated incrementally (one state per partition,
// stepped as the frame end advances); other frames are recomputed per row.
// Output rows keep the input order.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "executor/operators.h"
#include "executor/user_aggregates.h"
#include "types/compare.h"
#include "types/numeric.h"

namespace nano {

namespace {

using Row = std::vector<Value>;

constexpr int kFrameNonDefault = 0x1, kFrameRange = 0x2, kFrameRows = 0x4, kFrameGroups = 0x8;
constexpr int kFrameStartUnboundedPreceding = 0x20, kFrameEndUnboundedFollowing = 0x100;
constexpr int kFrameStartCurrentRow = 0x200, kFrameEndCurrentRow = 0x400;
constexpr int kFrameStartOffsetPreceding = 0x800, kFrameEndOffsetPreceding = 0x1000;
constexpr int kFrameStartOffsetFollowing = 0x2000, kFrameEndOffsetFollowing = 0x4000;
constexpr int kFrameExcludeCurrentRow = 0x8000, kFrameExcludeGroup = 0x10000;
constexpr int kFrameExcludeTies = 0x20000;
constexpr int kFrameExclusion = kFrameExcludeCurrentRow | kFrameExcludeGroup | kFrameExcludeTies;
constexpr int kFrameStartOffset = kFrameStartOffsetPreceding | kFrameStartOffsetFollowing;
constexpr int kFrameEndOffset = kFrameEndOffsetPreceding | kFrameEndOffsetFollowing;

Status InvalidSize() { return Status::Error("22013", "invalid preceding or following size"); }

// in_range for integer keys: exact (128-bit), so base -/+ offset never overflows.
bool InRangeInt(int64_t val, int64_t base, int64_t offset, bool sub, bool less) {
  __int128 sum = static_cast<__int128>(base) + (sub ? -static_cast<__int128>(offset) : offset);
  return less ? val <= sum : val >= sum;
}

// in_range_float8_float8: NaN sorts last; an infinite offset from an
// infinite base in its own direction admits every value.
bool InRangeFloat(double val, double base, double offset, bool sub, bool less) {
  if (std::isnan(val)) return std::isnan(base) ? true : !less;
  if (std::isnan(base)) return less;
  if (std::isinf(offset) && std::isinf(base) && (sub ? base > 0 : base < 0)) return true;
  double sum = sub ? base - offset : base + offset;
  return less ? val <= sum : val >= sum;
}

// in_range_numeric_numeric with its NaN and infinity rules.
bool InRangeNumeric(const Numeric& val, const Numeric& base, const Numeric& offset, bool sub,
                    bool less) {
  auto pinf = [](const Numeric& n) { return n.IsInf() && n.Sign() > 0; };
  auto ninf = [](const Numeric& n) { return n.IsInf() && n.Sign() < 0; };
  if (val.IsNaN()) return base.IsNaN() ? true : !less;
  if (base.IsNaN()) return less;
  if (offset.IsInf()) {
    if (sub ? pinf(base) : ninf(base)) return true;
    if (sub) return less ? ninf(val) : true;
    return less ? true : pinf(val);
  }
  if (val.IsInf()) {
    if (pinf(val)) return pinf(base) ? true : !less;
    return ninf(base) ? true : less;
  }
  if (base.IsInf()) return ninf(base) ? !less : less;
  Numeric sum = sub ? base.Sub(offset) : base.Add(offset);
  int c = val.Compare(sum);
  return less ? c <= 0 : c >= 0;
}

// A negative interval (by PostgreSQL's 30-day-month linearisation).
bool NegativeInterval(const Interval& iv) {
  constexpr __int128 kDay = 86400000000LL;
  __int128 span = (static_cast<__int128>(iv.months) * 30 + iv.days) * kDay + iv.micros;
  return span < 0;
}

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
    Offsets offsets;
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
      NANO_RETURN_IF_ERROR(
          ComputePartition(w, part, keys, np, peer_start, peer_end, no > 0, out_slot, &offsets));
      start = end;
    }
    return Status::OK();
  }

  Status ArgValue(const BoundExprPtr& e, size_t row, Value* out) {
    return EvalExpr(*e, rows_[row], st_, out);
  }

  // The frame offsets of one window call, evaluated once per execution
  // (PostgreSQL's calculate_frame_offsets): ROWS/GROUPS counts, RANGE values.
  struct Offsets {
    bool evaluated = false;
    int64_t start_count = 0, end_count = 0;
    Value start_value, end_value;
  };

  Status EvalOffsets(const BoundWindow& w, Offsets* o) {
    if (o->evaluated) return Status::OK();
    static const Row kEmpty;
    const bool counts = !(w.frame_options & kFrameRange);
    auto eval = [&](const BoundExprPtr& e, const char* which, Value* v, int64_t* n) -> Status {
      if (!e) return Status::OK();
      NANO_RETURN_IF_ERROR(EvalExpr(*e, kEmpty, st_, v));
      if (v->is_null()) {
        return Status::Error("22004", std::string("frame ") + which + " offset must not be null");
      }
      if (counts) {
        *n = v->int_value();
        if (*n < 0) {
          return Status::Error("22013",
                               std::string("frame ") + which + " offset must not be negative");
        }
      }
      return Status::OK();
    };
    NANO_RETURN_IF_ERROR(eval(w.start_offset, "starting", &o->start_value, &o->start_count));
    NANO_RETURN_IF_ERROR(eval(w.end_offset, "ending", &o->end_value, &o->end_count));
    o->evaluated = true;
    return Status::OK();
  }

  // PostgreSQL's in_range(val, base, offset, sub, less): val <= base -/+
  // offset when `less`, else val >= it. Non-NULL keys; `bound` is the
  // binder's key -/+ offset for types computed through their operators.
  Status InRange(const BoundExprPtr& bound, const Value& val, const Value& base,
                 const Value& offset, bool sub, bool less, bool* out) {
    switch (base.type()) {
      case type::kInt2:
      case type::kInt4:
      case type::kInt8:
        if (offset.int_value() < 0) return InvalidSize();
        *out = InRangeInt(val.int_value(), base.int_value(), offset.int_value(), sub, less);
        return Status::OK();
      case type::kFloat4:
      case type::kFloat8:
        if (std::isnan(offset.float_value()) || offset.float_value() < 0) return InvalidSize();
        *out = InRangeFloat(val.float_value(), base.float_value(), offset.float_value(), sub, less);
        return Status::OK();
      case type::kNumeric: {
        Numeric v, b, o;
        NANO_RETURN_IF_ERROR(Numeric::Parse(offset.str(), &o));
        if (o.IsNaN() || o.Sign() < 0) return InvalidSize();
        NANO_RETURN_IF_ERROR(Numeric::Parse(val.str(), &v));
        NANO_RETURN_IF_ERROR(Numeric::Parse(base.str(), &b));
        *out = InRangeNumeric(v, b, o, sub, less);
        return Status::OK();
      }
      default:
        break;
    }
    // Date/time keys with an interval offset: compare with base -/+ offset.
    if (offset.type() == type::kInterval && NegativeInterval(offset.interval_value())) {
      return InvalidSize();
    }
    Row args = {base, offset};
    Value sum;
    NANO_RETURN_IF_ERROR(EvalExpr(*bound, args, st_, &sum));
    int c = CompareValues(val, sum);
    *out = less ? c <= 0 : c >= 0;
    return Status::OK();
  }

  // Frame [lo, hi) of every position of a partition (before EXCLUDE), as
  // nodeWindowAgg's update_frameheadpos / update_frametailpos: ROWS by
  // position, GROUPS by peer group, RANGE by the in_range test on the one
  // ORDER BY key (NULL keys are peers of each other only).
  Status Frames(const BoundWindow& w, const std::vector<size_t>& part, const std::vector<Row>& keys,
                size_t np, const std::vector<size_t>& peer_start,
                const std::vector<size_t>& peer_end, bool ordered, Offsets* offsets,
                std::vector<size_t>* los, std::vector<size_t>* his) {
    const size_t count = part.size();
    const int f = w.frame_options;
    los->assign(count, 0);
    his->assign(count, count);
    if (!(f & kFrameNonDefault)) {
      for (size_t i = 0; i < count; ++i) (*his)[i] = ordered ? peer_end[i] : count;
      return Status::OK();
    }
    if (count == 0) return Status::OK();
    NANO_RETURN_IF_ERROR(EvalOffsets(w, offsets));
    const bool rows = f & kFrameRows, groups = f & kFrameGroups;
    // GROUPS: the peer group of each position and each group's bounds.
    std::vector<int64_t> group_of(count);
    std::vector<size_t> group_start, group_end;
    for (size_t i = 0; i < count; ++i) {
      if (peer_start[i] == i) {
        group_start.push_back(i);
        group_end.push_back(peer_end[i]);
      }
      group_of[i] = static_cast<int64_t>(group_start.size()) - 1;
    }
    const int64_t ngroups = static_cast<int64_t>(group_start.size());
    const int64_t cnt = static_cast<int64_t>(count);
    // RANGE: monotone head and tail cursors over the sorted partition.
    size_t head = 0, tail = 0;
    const bool desc = !w.order_by.empty() && w.order_by[0].descending;
    const bool nulls_first = !w.order_by.empty() && w.order_by[0].nulls_first;
    auto key = [&](size_t pos) -> const Value& { return keys[part[pos]][np]; };
    for (size_t i = 0; i < count; ++i) {
      const int64_t pos = static_cast<int64_t>(i);
      int64_t a = 0, b = cnt;
      if (f & kFrameStartCurrentRow) {
        a = rows ? pos : static_cast<int64_t>(peer_start[i]);
      } else if (f & kFrameStartOffset) {
        const bool preceding = f & kFrameStartOffsetPreceding;
        const int64_t o = offsets->start_count;
        if (rows) {
          a = preceding ? pos - o : pos + o;
        } else if (groups) {
          int64_t g = preceding ? group_of[i] - o : group_of[i] + o;
          a = g < 0 ? 0 : g >= ngroups ? cnt : static_cast<int64_t>(group_start[g]);
        } else {
          const bool sub = preceding != desc, less = desc;
          while (head < count) {
            const bool hn = key(head).is_null(), cn = key(i).is_null();
            if (hn || cn) {
              if (nulls_first ? (!hn || cn) : (hn || !cn)) break;
            } else {
              bool in = false;
              NANO_RETURN_IF_ERROR(InRange(w.range_start_bound, key(head), key(i),
                                           offsets->start_value, sub, less, &in));
              if (in) break;
            }
            ++head;
          }
          a = static_cast<int64_t>(head);
        }
      }
      if (f & kFrameEndCurrentRow) {
        b = rows ? pos + 1 : static_cast<int64_t>(peer_end[i]);
      } else if (f & kFrameEndOffset) {
        const bool preceding = f & kFrameEndOffsetPreceding;
        const int64_t o = offsets->end_count;
        if (rows) {
          b = (preceding ? pos - o : pos + o) + 1;
        } else if (groups) {
          int64_t g = preceding ? group_of[i] - o : group_of[i] + o;
          b = g < 0 ? 0 : g >= ngroups ? cnt : static_cast<int64_t>(group_end[g]);
        } else {
          const bool sub = preceding != desc, less = !desc;
          while (tail < count) {
            const bool tn = key(tail).is_null(), cn = key(i).is_null();
            if (tn || cn) {
              if (nulls_first ? !tn : !cn) break;
            } else {
              bool in = false;
              NANO_RETURN_IF_ERROR(InRange(w.range_end_bound, key(tail), key(i), offsets->end_value,
                                           sub, less, &in));
              if (!in) break;
            }
            ++tail;
          }
          b = static_cast<int64_t>(tail);
        }
      }
      (*los)[i] = static_cast<size_t>(std::clamp<int64_t>(a, 0, cnt));
      (*his)[i] = std::max((*los)[i], static_cast<size_t>(std::clamp<int64_t>(b, 0, cnt)));
    }
    return Status::OK();
  }

  // The partition positions of row i's frame after EXCLUDE.
  static void FrameMembers(int f, size_t i, size_t lo, size_t hi,
                           const std::vector<size_t>& peer_start,
                           const std::vector<size_t>& peer_end, std::vector<size_t>* out) {
    out->clear();
    size_t ex_lo = hi, ex_hi = hi;  // excluded [ex_lo, ex_hi), except i itself for TIES
    if (f & kFrameExcludeCurrentRow) {
      ex_lo = i;
      ex_hi = i + 1;
    } else if (f & (kFrameExcludeGroup | kFrameExcludeTies)) {
      ex_lo = peer_start[i];
      ex_hi = peer_end[i];
    }
    const bool keep_current = f & kFrameExcludeTies;
    for (size_t k = lo; k < hi; ++k) {
      if (k >= ex_lo && k < ex_hi && !(keep_current && k == i)) continue;
      out->push_back(k);
    }
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
                          const std::vector<Row>& keys, size_t np,
                          const std::vector<size_t>& peer_start,
                          const std::vector<size_t>& peer_end, bool ordered, size_t out_slot,
                          Offsets* offsets) {
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
      case WindowFnKind::kAggregate:
        break;
    }
    // Value and aggregate functions read the frame.
    std::vector<size_t> los, his;
    NANO_RETURN_IF_ERROR(
        Frames(w, part, keys, np, peer_start, peer_end, ordered, offsets, &los, &his));
    const int f = w.frame_options;
    const bool exclude = (f & kFrameNonDefault) && (f & kFrameExclusion);
    std::vector<size_t> members;
    auto frame_of = [&](size_t i) {
      if (exclude) {
        FrameMembers(f, i, los[i], his[i], peer_start, peer_end, &members);
      } else {
        members.resize(his[i] - los[i]);
        std::iota(members.begin(), members.end(), los[i]);
      }
    };
    if (w.kind != WindowFnKind::kAggregate) {
      for (size_t i = 0; i < count; ++i) {
        frame_of(i);
        Value v = Value::Null(w.result_type.oid);
        if (w.kind == WindowFnKind::kNthValue) {
          Value nv;
          NANO_RETURN_IF_ERROR(ArgValue(w.args[1], part[i], &nv));
          if (!nv.is_null() && nv.int_value() <= 0) {
            return Status::Error("22016", "argument of nth_value must be greater than zero");
          }
          if (!nv.is_null() && static_cast<size_t>(nv.int_value()) <= members.size()) {
            NANO_RETURN_IF_ERROR(
                ArgValue(w.args[0], part[members[static_cast<size_t>(nv.int_value()) - 1]], &v));
          }
        } else if (!members.empty()) {
          size_t at = w.kind == WindowFnKind::kFirstValue ? members.front() : members.back();
          NANO_RETURN_IF_ERROR(ArgValue(w.args[0], part[at], &v));
        }
        rows_[part[i]][out_slot] = std::move(v);
      }
      return Status::OK();
    }
    // Aggregates over frames: stepped incrementally while the frame only
    // grows at its end (start UNBOUNDED PRECEDING, nothing excluded), else
    // recomputed per row.
    const BoundAggregate& a = w.aggregate;
    bool incremental =
        !(f & kFrameNonDefault) || ((f & kFrameStartUnboundedPreceding) != 0 && !exclude);
    if (incremental) {
      std::unique_ptr<AggregateState> state;
      NANO_RETURN_IF_ERROR(NewAggregateState(a, &st_, &state));
      size_t stepped = 0;
      for (size_t i = 0; i < count; ++i) {
        NANO_RETURN_IF_ERROR(st_.ctx->CheckCancel());
        size_t hi = his[i];
        if (hi < stepped) {  // the frame end moved back (n PRECEDING end): restart
          NANO_RETURN_IF_ERROR(NewAggregateState(a, &st_, &state));
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
      NANO_RETURN_IF_ERROR(st_.ctx->CheckCancel());
      // Peers often share a frame (RANGE / GROUPS): reuse its value.
      if (!exclude && i > 0 && los[i] == los[i - 1] && his[i] == his[i - 1]) {
        rows_[part[i]][out_slot] = rows_[part[i - 1]][out_slot];
        continue;
      }
      frame_of(i);
      std::unique_ptr<AggregateState> state;
      NANO_RETURN_IF_ERROR(NewAggregateState(a, &st_, &state));
      for (size_t k : members) NANO_RETURN_IF_ERROR(Step(w, state.get(), part[k]));
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
