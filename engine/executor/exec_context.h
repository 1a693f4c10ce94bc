// engine/executor/exec_context.h — what a running statement can reach.
//
// One ExecContext per statement execution: the transaction to read and write
// through, the database's branch chain, the catalog snapshot the plan was
// bound against, parameter values, the function-evaluation context, the
// session's sequence/row-id services and its cancel flag.
//
// Cancellation: long loops call CheckCancel() every row (an atomic load);
// a set flag ends the statement with 57014.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <unordered_map>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/system_tables.h"
#include "common/status.h"
#include "function/eval_context.h"
#include "storage/versioned_store.h"
#include "txn/transaction.h"
#include "types/value.h"

namespace nano {

// Session-level services the executor calls (sequences are
// non-transactional, as in PostgreSQL).
class SequenceAccess {
 public:
  virtual ~SequenceAccess() = default;
  virtual Status NextVal(Oid sequence_oid, int64_t* out) = 0;
  virtual Status CurrVal(Oid sequence_oid, int64_t* out) = 0;
  virtual Status SetVal(Oid sequence_oid, int64_t value, bool is_called) = 0;
  virtual Status LastVal(int64_t* out) = 0;
  // Resolves a sequence name ('s' or 'schema.s') for nextval('s').
  virtual Status LookupSequence(const std::string& name, Oid* out) = 0;
};

// Allocates row ids: unique within the engine, increasing, so a table's
// heap keeps insertion order (PostgreSQL's heap order for unordered scans).
class RowIdSource {
 public:
  virtual ~RowIdSource() = default;
  virtual Status NextRowId(uint64_t* out) = 0;
};

struct ExecContext;
struct FunctionDef;
struct TriggerInvocation;  // executor/triggers.h

// Runs user-defined functions (engine/plpgsql/): LANGUAGE sql bodies as
// bound statements, LANGUAGE plpgsql through its interpreter.
class RoutineRunner {
 public:
  virtual ~RoutineRunner() = default;
  // Runs `fn` with its input arguments `args` (already of the declared
  // types) inside the caller's transaction and appends the result rows to
  // *rows: at most one for a scalar function (none = NULL), every row for a
  // set-returning one. Each row has one value per result column.
  virtual Status Run(const FunctionDef& fn, const std::vector<Value>& args, ExecContext* caller,
                     std::vector<std::vector<Value>>* rows) = 0;
  // Runs trigger function `fn` for one firing (checks the trigger's WHEN
  // condition first); fills inv->fired / returned_null / result.
  virtual Status RunTrigger(const FunctionDef& fn, TriggerInvocation* inv, ExecContext* caller) = 0;
};

struct ExecContext {
  Transaction* txn = nullptr;
  BranchChain chain;                       // the database's branch chain
  std::shared_ptr<const Catalog> catalog;  // snapshot the plan was bound against
  const std::vector<Value>* params = nullptr;
  EvalContext* eval = nullptr;
  SequenceAccess* sequences = nullptr;
  RowIdSource* rowids = nullptr;
  const std::atomic<bool>* cancel = nullptr;
  const SystemInfo* system = nullptr;  // pg_catalog scans
  RoutineRunner* routines = nullptr;   // user-defined functions (null: 0A000)
  // NOTICE / WARNING sink (RAISE NOTICE); null drops them.
  const std::function<void(const ErrorInfo&)>* notice = nullptr;
  int routine_depth = 0;  // nesting of user function calls (bounded: 54001)
  // The role statements run as (privileges and row-level security of
  // function bodies); null = unchecked (internal statements).
  std::shared_ptr<const RoleContext> role;
  bool row_security = true;
  // Per-execution state of the routine runner (bound bodies), by function.
  std::map<const void*, std::shared_ptr<void>> routine_cache;

  // EXPLAIN ANALYZE: per plan node, rows produced, Next() calls' time and
  // how many times the node was opened. Null = not measuring.
  struct NodeStats {
    int64_t rows = 0;
    int64_t loops = 0;
    int64_t micros = 0;
  };
  std::map<const void*, NodeStats>* instrumentation = nullptr;

  // WITH queries computed once per execution (by cte id), and the work
  // table of each running recursive query.
  std::map<int, std::shared_ptr<const std::vector<std::vector<Value>>>> cte_rows;
  std::map<int, const std::vector<std::vector<Value>>*> work_tables;
  // Uncorrelated subqueries run once per execution (PostgreSQL's InitPlans):
  // scalar / ARRAY / EXISTS results, and the column ANY/ALL compares with.
  std::map<const void*, Value> subquery_values;
  struct SubqueryColumn {
    std::vector<Value> values;  // in the subquery's order, NULLs included
    bool has_null = false;
    // For `x = ANY (subquery)` / IN: the non-NULL values' positions by
    // HashValue (empty when the comparison is not a hashable equality).
    std::unordered_multimap<uint64_t, size_t> by_hash;
  };
  std::map<const void*, SubqueryColumn> subquery_rows;

  BranchId branch() const { return chain[0].branch; }
  Status CheckCancel() const {
    if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) {
      return Status::Error(sqlstate::kQueryCanceled, "canceling statement due to user request");
    }
    return Status::OK();
  }
};

}  // namespace nano
