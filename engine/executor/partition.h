// engine/executor/partition.h — declarative partitioning: bounds and routing.
//
// A partitioned table (TableDef::partition_key) holds no rows; each of its
// partitions carries a PartitionBound whose datums are stored as text in the
// key column's type. These helpers turn FOR VALUES into a bound (DDL time),
// check a new bound against its siblings (42P17), route a row to its leaf
// partition (INSERT, COPY, UPDATE moving rows) and check a row against a
// partition's own constraint (23514), with PostgreSQL 15's messages.
//
// Rows are physical rows (one slot per TableDef::columns entry, dropped
// ones included); parent and partition columns are matched by name, since
// ATTACH PARTITION accepts tables whose column order differs.
//
// Thread safety: stateless functions over an immutable catalog snapshot.
#pragma once

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "common/status.h"
#include "parser/ast.h"
#include "types/value.h"

namespace nano {

class Binder;
struct ExecContext;

using PartitionRow = std::vector<Value>;

// The key column types of partitioned table `parent`, in key order.
std::vector<TypeRef> PartitionKeyTypes(const TableDef& parent);

// FOR VALUES ... of a new partition `name` of `parent`: evaluates each value
// as a constant of its key column's type (MINVALUE / MAXVALUE in range
// bounds) and checks the form (strategy, counts, empty ranges).
[[nodiscard]] Status MakePartitionBound(const ast::PartitionBoundSpec& spec, const TableDef& parent,
                                        const std::string& name, Binder& binder, ExecContext* exec,
                                        PartitionBound* out);

// 42P17 when `bound` overlaps a partition of `parent` other than `self`.
[[nodiscard]] Status CheckPartitionOverlap(const Catalog& catalog, const TableDef& parent,
                                           const PartitionBound& bound, Oid self,
                                           const std::string& name,
                                           const ast::PartitionBoundSpec& spec);

// `row` of table `from` laid out as a row of `to` (columns by name; columns
// `to` has and `from` lacks are NULL).
PartitionRow MapRow(const TableDef& from, const TableDef& to, const PartitionRow& row);

// The leaf partition a row of partitioned table `root` belongs to, and the
// row in that leaf's layout. 23514 "no partition of relation ... found for
// row" when none (and no DEFAULT) accepts it.
// `exec` evaluates expression keys.
[[nodiscard]] Status RouteRow(ExecContext* exec, const Catalog& catalog, const TableDef& root,
                              const PartitionRow& row, const TableDef** leaf,
                              PartitionRow* leaf_row);

// Whether a row of partition `table` satisfies its bound and those of its
// ancestors (the implicit partition constraint).
[[nodiscard]] Status RowFitsPartition(ExecContext* exec, const Catalog& catalog,
                                      const TableDef& table, const PartitionRow& row, bool* fits);

// Orders two range bound datum lists of `types` (MINVALUE < values <
// MAXVALUE) into *cmp (-1, 0, 1).
[[nodiscard]] Status CompareRangeDatums(const std::vector<BoundDatum>& a,
                                        const std::vector<BoundDatum>& b,
                                        const std::vector<TypeRef>& types, int* cmp);

// A bound datum (a value or NULL) as a value of its key type.
[[nodiscard]] Status BoundDatumValue(const BoundDatum& d, TypeRef type, Value* out);

// pg_get_partition_constraintdef(table): the implicit constraint of
// partition `table`, its ancestors' constraints first, deparsed as
// PostgreSQL 15 prints it ("((a IS NOT NULL) AND (a >= 1) AND (a < 10))").
// *is_null when `table` is no partition. (partition_qual.cc)
[[nodiscard]] Status PartitionConstraintDef(const Catalog& catalog, const TableDef& table,
                                            std::string* out, bool* is_null);

}  // namespace nano
