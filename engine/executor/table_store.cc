// engine/executor/table_store.cc
#include "executor/table_store.h"

#include <cassert>

#include "binder/binder.h"
#include "executor/eval.h"
#include "executor/partition.h"
#include "storage/codec.h"
#include "types/compare.h"
#include "types/text_io.h"

namespace nano {

namespace {

constexpr char kHeapTag = 'h';
constexpr char kIndexTag = 'i';
constexpr char kSequenceTag = 's';
constexpr char kRowValue = 'R';

std::string Describe(const Value& v, const FormatContext* fmt) {
  if (v.is_null()) return "null";
  FormatContext def;
  return ValueToString(v, fmt ? *fmt : def);
}

}  // namespace

std::string FailingRowDetail(const TableDef& table, const std::vector<Value>& row,
                             const FormatContext* fmt) {
  std::string detail = "Failing row contains (";
  bool first = true;
  for (size_t j = 0; j < table.columns.size() && j < row.size(); ++j) {
    if (table.columns[j].dropped) continue;
    if (!first) detail += ", ";
    first = false;
    detail += Describe(row[j], fmt);
  }
  return detail + ").";
}

std::string HeapPrefix(Oid table) {
  std::string k;
  AppendU32BE(&k, table);
  k.push_back(kHeapTag);
  return k;
}

std::string HeapKey(Oid table, uint64_t rowid) {
  std::string k = HeapPrefix(table);
  AppendU64BE(&k, rowid);
  return k;
}

uint64_t RowIdFromKey(std::string_view key) {
  assert(key.size() >= 8);
  return ReadU64BE(key.data() + key.size() - 8);
}

std::string IndexPrefix(Oid table, Oid index) {
  std::string k;
  AppendU32BE(&k, table);
  k.push_back(kIndexTag);
  AppendU32BE(&k, index);
  return k;
}

std::string SequenceKey(Oid sequence) {
  std::string k;
  AppendU32BE(&k, sequence);
  k.push_back(kSequenceTag);
  return k;
}

void AppendIndexColumns(const TableDef& table, const IndexDef& index, const std::vector<Value>& row,
                        std::string* out) {
  for (size_t i = 0; i < index.columns.size(); ++i) {
    int ci = table.ColumnIndexByAttnum(index.columns[i]);
    assert(ci >= 0);
    bool desc = i < index.descending.size() && index.descending[i];
    EncodeKeyValue(row[ci], table.columns[ci].type.oid, desc, out);
  }
}

std::string IndexEntryKey(const TableDef& table, const IndexDef& index,
                          const std::vector<Value>& row, uint64_t rowid) {
  std::string k = IndexPrefix(table.oid, index.oid);
  AppendIndexColumns(table, index, row, &k);
  AppendU64BE(&k, rowid);
  return k;
}

std::vector<TypeOid> PhysicalTypes(const TableDef& table) {
  std::vector<TypeOid> types;
  types.reserve(table.columns.size());
  for (const ColumnDef& c : table.columns) types.push_back(c.type.oid);
  return types;
}

Status DecodeHeapValue(const TableDef& table, std::string_view value, std::vector<Value>* row) {
  if (value.empty()) return Status::Error(sqlstate::kDataCorrupted, "empty heap value");
  if (value[0] != kRowValue) return Status::Error(sqlstate::kDataCorrupted, "bad heap value tag");
  row->resize(table.columns.size());
  return DecodeRow(value.substr(1), PhysicalTypes(table), row->data());
}

TableWriter::TableWriter(ExecContext* ctx, const TableDef* table) : ctx_(ctx), table_(table) {}
TableWriter::~TableWriter() = default;

Status TableWriter::Init() {
  for (size_t i = 0; i < table_->columns.size(); ++i) {
    const ColumnDef& c = table_->columns[i];
    if (c.dropped || c.domain_oid == 0) continue;
    static const FormatContext kDefaultFormat;
    Binder binder(ctx_->catalog,
                  ctx_->eval && ctx_->eval->format ? ctx_->eval->format : &kDefaultFormat, {});
    BoundExprPtr check;
    NANO_RETURN_IF_ERROR(
        binder.AddDomainCheck(c.domain_oid, MakeColumnRef(static_cast<int>(i), c.type), &check));
    domain_checks_.push_back(std::move(check));
  }
  for (const ConstraintDef& con : table_->constraints) {
    if (con.type != 'c') continue;
    static const FormatContext kDefaultFormat;
    Binder binder(ctx_->catalog,
                  ctx_->eval && ctx_->eval->format ? ctx_->eval->format : &kDefaultFormat, {});
    BoundExprPtr expr;
    NANO_RETURN_IF_ERROR(
        binder.BindTableExpr(*table_, con.check_expr, TypeRef{type::kBool, -1}, &expr));
    checks_.emplace_back(&con, std::move(expr));
  }
  for (const IndexDef& index : table_->indexes) {
    if (index.predicate.empty()) continue;
    static const FormatContext kDefaultFormat;
    Binder binder(ctx_->catalog,
                  ctx_->eval && ctx_->eval->format ? ctx_->eval->format : &kDefaultFormat, {});
    BoundExprPtr expr;
    NANO_RETURN_IF_ERROR(
        binder.BindTableExpr(*table_, index.predicate, TypeRef{type::kBool, -1}, &expr));
    index_predicates_[index.oid] = std::move(expr);
  }
  return Status::OK();
}

Status TableWriter::InIndex(const IndexDef& index, const std::vector<Value>& row, bool* in) const {
  *in = true;
  auto it = index_predicates_.find(index.oid);
  if (it == index_predicates_.end()) return Status::OK();
  ExecState st;
  st.ctx = ctx_;
  Value v;
  NANO_RETURN_IF_ERROR(EvalExpr(*it->second, row, st, &v));
  *in = !v.is_null() && v.bool_value();
  return Status::OK();
}

std::string TableWriter::DescribeKey(const IndexDef& index, const std::vector<Value>& row) const {
  std::string cols, vals;
  for (size_t i = 0; i < index.columns.size(); ++i) {
    int ci = table_->ColumnIndexByAttnum(index.columns[i]);
    if (i) {
      cols += ", ";
      vals += ", ";
    }
    cols += table_->columns[ci].name;
    vals += Describe(row[ci], ctx_->eval ? ctx_->eval->format : nullptr);
  }
  return "Key (" + cols + ")=(" + vals + ")";
}

Status TableWriter::CheckRow(const std::vector<Value>& row) {
  // Domain constraints first: PostgreSQL checks them when the value is
  // coerced to the column's type, before the table's own constraints.
  if (!domain_checks_.empty()) {
    ExecState st;
    st.ctx = ctx_;
    for (const BoundExprPtr& check : domain_checks_) {
      Value ignored;
      NANO_RETURN_IF_ERROR(EvalExpr(*check, row, st, &ignored));
    }
  }
  for (size_t i = 0; i < table_->columns.size(); ++i) {
    const ColumnDef& c = table_->columns[i];
    if (c.dropped || !c.not_null || !row[i].is_null()) continue;
    std::string detail = FailingRowDetail(*table_, row, ctx_->eval ? ctx_->eval->format : nullptr);
    return Status::Error(sqlstate::kNotNullViolation, "null value in column \"" + c.name +
                                                          "\" of relation \"" + table_->name +
                                                          "\" violates not-null constraint")
        .WithDetail(detail);
  }
  if (!checks_.empty()) {
    ExecState st;
    st.ctx = ctx_;
    for (const auto& [con, expr] : checks_) {
      Value v;
      NANO_RETURN_IF_ERROR(EvalExpr(*expr, row, st, &v));
      if (!v.is_null() && !v.bool_value()) {
        std::string detail =
            FailingRowDetail(*table_, row, ctx_->eval ? ctx_->eval->format : nullptr);
        return Status::Error(sqlstate::kCheckViolation, "new row for relation \"" + table_->name +
                                                            "\" violates check constraint \"" +
                                                            con->name + "\"")
            .WithDetail(detail);
      }
    }
  }
  if (table_->is_partition()) {
    // The implicit partition constraint (rows written to a partition directly).
    bool fits = true;
    NANO_RETURN_IF_ERROR(RowFitsPartition(ctx_, *ctx_->catalog, *table_, row, &fits));
    if (!fits) {
      return Status::Error(sqlstate::kCheckViolation, "new row for relation \"" + table_->name +
                                                          "\" violates partition constraint")
          .WithDetail(FailingRowDetail(*table_, row, ctx_->eval ? ctx_->eval->format : nullptr));
    }
  }
  return Status::OK();
}

Status TableWriter::CheckUnique(const std::vector<Value>& row, uint64_t self_rowid) {
  for (const IndexDef& index : table_->indexes) {
    if (!index.unique) continue;
    bool has_null = false;
    for (int16_t attnum : index.columns) {
      has_null |= row[table_->ColumnIndexByAttnum(attnum)].is_null();
    }
    if (has_null && !index.nulls_not_distinct) continue;
    bool in = true;
    NANO_RETURN_IF_ERROR(InIndex(index, row, &in));
    if (!in) continue;
    std::string prefix = IndexPrefix(table_->oid, index.oid);
    AppendIndexColumns(*table_, index, row, &prefix);
    // Serialise concurrent inserters of the same key.
    NANO_RETURN_IF_ERROR(ctx_->txn->Lock(ctx_->branch(), prefix));
    std::string upper = prefix;
    upper.append(8, '\xff');
    upper.push_back('\xff');
    auto it = ctx_->txn->NewIterator(ctx_->chain, prefix, upper, /*latest=*/true);
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      if (it->key().size() != prefix.size() + 8) continue;
      if (RowIdFromKey(it->key()) == self_rowid) continue;
      const ConstraintDef* con = nullptr;
      for (const ConstraintDef& c : table_->constraints) {
        if (c.index_oid == index.oid && (c.type == 'p' || c.type == 'u')) con = &c;
      }
      std::string name = con ? con->name : index.name;
      return Status::Error(sqlstate::kUniqueViolation,
                           "duplicate key value violates unique constraint \"" + name + "\"")
          .WithDetail(DescribeKey(index, row) + " already exists.");
    }
    NANO_RETURN_IF_ERROR(it->status());
  }
  return Status::OK();
}

Status TableWriter::CheckForeignKeysOut(const std::vector<Value>& row,
                                        const std::vector<Value>* old_row) {
  for (const ConstraintDef& con : table_->constraints) {
    if (con.type != 'f') continue;
    bool any_null = false, changed = old_row == nullptr;
    for (int16_t attnum : con.columns) {
      int ci = table_->ColumnIndexByAttnum(attnum);
      any_null |= row[ci].is_null();
      if (old_row && !changed) {
        const Value& a = row[ci];
        const Value& b = (*old_row)[ci];
        changed = a.is_null() != b.is_null() || (!a.is_null() && CompareValues(a, b) != 0);
      }
    }
    if (any_null || !changed) continue;
    const TableDef* parent = ctx_->catalog->TableByOid(con.ref_table_oid);
    const IndexDef* pindex = parent ? parent->FindIndex(con.index_oid) : nullptr;
    if (parent == nullptr || pindex == nullptr) {
      return Status::Error(sqlstate::kInternalError, "foreign key's referenced index is missing");
    }
    // Build the parent's index key from our FK columns in the index's order.
    std::vector<Value> probe(parent->columns.size());
    for (size_t i = 0; i < con.ref_columns.size(); ++i) {
      int pci = parent->ColumnIndexByAttnum(con.ref_columns[i]);
      int ci = table_->ColumnIndexByAttnum(con.columns[i]);
      probe[pci] = row[ci];
    }
    std::string prefix = IndexPrefix(parent->oid, pindex->oid);
    AppendIndexColumns(*parent, *pindex, probe, &prefix);
    std::string upper = prefix;
    upper.append(9, '\xff');
    auto it = ctx_->txn->NewIterator(ctx_->chain, prefix, upper, /*latest=*/true);
    bool found = false;
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      if (it->key().size() == prefix.size() + 8) {
        found = true;
        break;
      }
    }
    NANO_RETURN_IF_ERROR(it->status());
    if (!found) {
      std::string cols, vals;
      for (size_t i = 0; i < con.columns.size(); ++i) {
        int ci = table_->ColumnIndexByAttnum(con.columns[i]);
        if (i) {
          cols += ", ";
          vals += ", ";
        }
        cols += table_->columns[ci].name;
        vals += Describe(row[ci], ctx_->eval ? ctx_->eval->format : nullptr);
      }
      return Status::Error(sqlstate::kForeignKeyViolation,
                           "insert or update on table \"" + table_->name +
                               "\" violates foreign key constraint \"" + con.name + "\"")
          .WithDetail("Key (" + cols + ")=(" + vals + ") is not present in table \"" +
                      parent->name + "\".");
    }
  }
  return Status::OK();
}

// Rows of other tables that reference `old_row` through a foreign key: act
// on them (cascade / set null) or refuse (restrict / no action).
Status TableWriter::CheckReferencedBy(const std::vector<Value>& old_row,
                                      const std::vector<Value>* new_row) {
  for (const auto& [oid, child] : ctx_->catalog->tables()) {
    for (const ConstraintDef& con : child.constraints) {
      if (con.type != 'f' || con.ref_table_oid != table_->oid) continue;
      // Did the referenced key change (update) / go away (delete)?
      bool key_changed = new_row == nullptr;
      bool old_has_null = false;
      for (int16_t attnum : con.ref_columns) {
        int ci = table_->ColumnIndexByAttnum(attnum);
        old_has_null |= old_row[ci].is_null();
        if (new_row && !key_changed) {
          const Value& a = old_row[ci];
          const Value& b = (*new_row)[ci];
          key_changed = a.is_null() != b.is_null() || (!a.is_null() && CompareValues(a, b) != 0);
        }
      }
      if (!key_changed || old_has_null) continue;
      // Scan the child for referencing rows (no index needed, as PostgreSQL).
      std::vector<int> child_cols, parent_cols;
      for (size_t i = 0; i < con.columns.size(); ++i) {
        child_cols.push_back(child.ColumnIndexByAttnum(con.columns[i]));
        parent_cols.push_back(table_->ColumnIndexByAttnum(con.ref_columns[i]));
      }
      std::string prefix = HeapPrefix(child.oid);
      std::string upper = prefix;
      upper.back() = static_cast<char>(upper.back() + 1);
      std::vector<std::pair<uint64_t, std::vector<Value>>> referencing;
      auto it = ctx_->txn->NewIterator(ctx_->chain, prefix, upper, /*latest=*/true);
      std::vector<Value> crow;
      for (it->Seek(prefix); it->Valid(); it->Next()) {
        NANO_RETURN_IF_ERROR(DecodeHeapValue(child, it->value(), &crow));
        bool match = true;
        for (size_t i = 0; i < child_cols.size() && match; ++i) {
          const Value& a = crow[child_cols[i]];
          match = !a.is_null() && CompareValues(a, old_row[parent_cols[i]]) == 0;
        }
        if (match) referencing.emplace_back(RowIdFromKey(it->key()), crow);
      }
      NANO_RETURN_IF_ERROR(it->status());
      if (referencing.empty()) continue;
      FkActionKind action = new_row ? con.on_update : con.on_delete;
      if (action == FkActionKind::kNoAction || action == FkActionKind::kRestrict) {
        std::string cols, vals;
        for (size_t i = 0; i < parent_cols.size(); ++i) {
          if (i) {
            cols += ", ";
            vals += ", ";
          }
          cols += table_->columns[parent_cols[i]].name;
          vals += Describe(old_row[parent_cols[i]], ctx_->eval ? ctx_->eval->format : nullptr);
        }
        return Status::Error(sqlstate::kForeignKeyViolation,
                             std::string(new_row ? "update" : "update or delete") + " on table \"" +
                                 table_->name + "\" violates foreign key constraint \"" + con.name +
                                 "\" on table \"" + child.name + "\"")
            .WithDetail("Key (" + cols + ")=(" + vals + ") is still referenced from table \"" +
                        child.name + "\".");
      }
      TableWriter child_writer(ctx_, &child);
      NANO_RETURN_IF_ERROR(child_writer.Init());
      for (auto& [rowid, row] : referencing) {
        if (action == FkActionKind::kCascade && new_row == nullptr) {
          NANO_RETURN_IF_ERROR(child_writer.Delete(rowid, row));
          continue;
        }
        std::vector<Value> updated = row;
        for (size_t i = 0; i < child_cols.size(); ++i) {
          if (action == FkActionKind::kCascade) {
            updated[child_cols[i]] = (*new_row)[parent_cols[i]];
          } else {
            updated[child_cols[i]] = Value::Null(child.columns[child_cols[i]].type.oid);
          }
        }
        NANO_RETURN_IF_ERROR(child_writer.Update(rowid, row, &updated));
      }
    }
  }
  return Status::OK();
}

Status TableWriter::WriteIndexes(const std::vector<Value>& row, uint64_t rowid, bool remove) {
  for (const IndexDef& index : table_->indexes) {
    bool in = true;
    NANO_RETURN_IF_ERROR(InIndex(index, row, &in));
    if (!in) continue;
    std::string key = IndexEntryKey(*table_, index, row, rowid);
    if (remove) {
      ctx_->txn->Delete(ctx_->branch(), std::move(key));
    } else {
      ctx_->txn->Put(ctx_->branch(), std::move(key), std::string());
    }
  }
  return Status::OK();
}

Status TableWriter::Insert(std::vector<Value>* row, uint64_t* rowid) {
  NANO_RETURN_IF_ERROR(CheckRow(*row));
  NANO_RETURN_IF_ERROR(ctx_->rowids->NextRowId(rowid));
  NANO_RETURN_IF_ERROR(CheckUnique(*row, *rowid));
  NANO_RETURN_IF_ERROR(CheckForeignKeysOut(*row, nullptr));
  std::string value(1, kRowValue);
  EncodeRow(row->data(), row->size(), &value);
  ctx_->txn->Put(ctx_->branch(), HeapKey(table_->oid, *rowid), std::move(value));
  return WriteIndexes(*row, *rowid, false);
}

Status TableWriter::FindConflict(const std::vector<Value>& row, const std::vector<int>& columns,
                                 bool* found, uint64_t* rowid, std::vector<Value>* existing) {
  *found = false;
  for (const IndexDef& index : table_->indexes) {
    if (!index.unique) continue;
    if (!columns.empty()) {
      if (index.columns.size() != columns.size()) continue;
      bool same = true;
      for (int16_t attnum : index.columns) {
        bool has = false;
        for (int ci : columns) has |= table_->columns[ci].attnum == attnum;
        same &= has;
      }
      if (!same) continue;
    }
    bool has_null = false;
    for (int16_t attnum : index.columns)
      has_null |= row[table_->ColumnIndexByAttnum(attnum)].is_null();
    if (has_null && !index.nulls_not_distinct) continue;
    bool in = true;
    NANO_RETURN_IF_ERROR(InIndex(index, row, &in));
    if (!in) continue;  // a partial index that does not cover the row arbitrates nothing
    std::string prefix = IndexPrefix(table_->oid, index.oid);
    AppendIndexColumns(*table_, index, row, &prefix);
    NANO_RETURN_IF_ERROR(ctx_->txn->Lock(ctx_->branch(), prefix));
    std::string upper = prefix;
    upper.append(9, '\xff');
    auto it = ctx_->txn->NewIterator(ctx_->chain, prefix, upper, /*latest=*/true);
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      if (it->key().size() != prefix.size() + 8) continue;
      *rowid = RowIdFromKey(it->key());
      std::string value;
      bool exists = false;
      NANO_RETURN_IF_ERROR(
          ctx_->txn->GetLatest(ctx_->chain, HeapKey(table_->oid, *rowid), &value, &exists));
      if (!exists) continue;
      NANO_RETURN_IF_ERROR(DecodeHeapValue(*table_, value, existing));
      *found = true;
      return Status::OK();
    }
    NANO_RETURN_IF_ERROR(it->status());
  }
  return Status::OK();
}

Status TableWriter::Delete(uint64_t rowid, const std::vector<Value>& old_row) {
  NANO_RETURN_IF_ERROR(CheckReferencedBy(old_row, nullptr));
  ctx_->txn->Delete(ctx_->branch(), HeapKey(table_->oid, rowid));
  return WriteIndexes(old_row, rowid, true);
}

Status TableWriter::UpdateIndexes(const std::vector<Value>& old_row,
                                  const std::vector<Value>& new_row, uint64_t rowid) {
  for (const IndexDef& index : table_->indexes) {
    bool old_in = true, new_in = true;
    NANO_RETURN_IF_ERROR(InIndex(index, old_row, &old_in));
    NANO_RETURN_IF_ERROR(InIndex(index, new_row, &new_in));
    std::string old_key = old_in ? IndexEntryKey(*table_, index, old_row, rowid) : "";
    std::string new_key = new_in ? IndexEntryKey(*table_, index, new_row, rowid) : "";
    if (old_key == new_key) continue;  // unchanged (or in neither): the entry stays valid
    if (old_in) ctx_->txn->Delete(ctx_->branch(), std::move(old_key));
    if (new_in) ctx_->txn->Put(ctx_->branch(), std::move(new_key), std::string());
  }
  return Status::OK();
}

Status TableWriter::Update(uint64_t rowid, const std::vector<Value>& old_row,
                           std::vector<Value>* new_row) {
  NANO_RETURN_IF_ERROR(CheckRow(*new_row));
  NANO_RETURN_IF_ERROR(CheckUnique(*new_row, rowid));
  NANO_RETURN_IF_ERROR(CheckForeignKeysOut(*new_row, &old_row));
  NANO_RETURN_IF_ERROR(CheckReferencedBy(old_row, new_row));
  std::string value(1, kRowValue);
  EncodeRow(new_row->data(), new_row->size(), &value);
  ctx_->txn->Put(ctx_->branch(), HeapKey(table_->oid, rowid), std::move(value));
  return UpdateIndexes(old_row, *new_row, rowid);
}

Status TableWriter::LockRow(uint64_t rowid, std::vector<Value>* current, bool* changed,
                            bool* gone) {
  *changed = false;
  *gone = false;
  std::string key = HeapKey(table_->oid, rowid);
  NANO_RETURN_IF_ERROR(ctx_->txn->Lock(ctx_->branch(), key));
  NANO_RETURN_IF_ERROR(ctx_->txn->CheckWriteConflict(ctx_->chain, key, changed));
  if (!*changed) return Status::OK();
  std::string value;
  bool exists = false;
  NANO_RETURN_IF_ERROR(ctx_->txn->GetLatest(ctx_->chain, key, &value, &exists));
  if (!exists) {
    *gone = true;
    return Status::OK();
  }
  return DecodeHeapValue(*table_, value, current);
}

Status TableWriter::ReadRow(uint64_t rowid, std::vector<Value>* row, bool* exists) {
  std::string value;
  *exists = false;
  NANO_RETURN_IF_ERROR(
      ctx_->txn->GetLatest(ctx_->chain, HeapKey(table_->oid, rowid), &value, exists));
  if (!*exists) return Status::OK();
  return DecodeHeapValue(*table_, value, row);
}

}  // namespace nano
