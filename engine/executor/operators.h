// engine/executor/operators.h — the physical operators (Volcano iterators).
//
// BuildOperator turns a PlanNode tree into an Operator tree for one
// execution. Open() prepares (evaluates LIMIT, builds hash tables lazily),
// Next() produces one row at a time until *eof. Operators hold no locks and
// may be abandoned at any point (a cancelled or failed statement just
// destroys the tree).
//
// DML operators (kInsert/kUpdate/kDelete) do all their writing in the first
// Next() call(s) and then produce RETURNING rows, if any; affected_rows()
// gives the count for the command tag.
#pragma once

#include <memory>
#include <vector>

#include "binder/bound.h"
#include "executor/eval.h"
#include "executor/exec_context.h"

namespace nano {

class Operator {
 public:
  virtual ~Operator() = default;
  virtual Status Open() = 0;
  // Fills *row (resized as needed) or sets *eof.
  virtual Status Next(std::vector<Value>* row, bool* eof) = 0;
  // Rows written by a DML operator (0 for queries).
  virtual int64_t affected_rows() const { return 0; }
};

using OuterRows = std::vector<const std::vector<Value>*>;

// `outer` (may be null) are the enclosing queries' current rows, for
// correlated subqueries; the vector is copied.
Status BuildOperator(const PlanNode& plan, ExecContext* ctx, const OuterRows* outer,
                     std::unique_ptr<Operator>* out);

// The Window operator (window.cc).
std::unique_ptr<Operator> MakeWindowOperator(const PlanNode& plan, std::unique_ptr<Operator> child,
                                             ExecContext* ctx, const OuterRows* outer);

// DML operators (dml.cc).
Status BuildDmlOperator(const PlanNode& plan, ExecContext* ctx, std::unique_ptr<Operator> child,
                        std::unique_ptr<Operator>* out);

}  // namespace nano
