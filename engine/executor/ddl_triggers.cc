// engine/executor/ddl_triggers.cc — see ddl_triggers.h.
#include "executor/ddl_triggers.h"

#include <algorithm>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "common/sqlstate.h"
#include "executor/ddl_util.h"
#include "types/type_info.h"

namespace nano {

namespace {

using ddl_util::Borrow;
using ddl_util::ErrorAt;
using ddl_util::FormatOf;
using ddl_util::Notice;
using ddl_util::Pos;

Status FindTable(const Catalog& catalog, const ast::RangeVar& rv, const TableDef** out) {
  *out = nullptr;
  Oid schema = kPublicNamespaceOid;
  if (!rv.schema.empty()) {
    const SchemaDef* s = catalog.FindSchema(rv.schema);
    if (s == nullptr) {
      return ErrorAt(sqlstate::kInvalidSchemaName, "schema \"" + rv.schema + "\" does not exist",
                     rv.location);
    }
    schema = s->oid;
  }
  *out = catalog.FindTable(schema, rv.name);
  if (*out == nullptr) {
    return ErrorAt(sqlstate::kUndefinedTable, "relation \"" + rv.name + "\" does not exist",
                   rv.location);
  }
  return Status::OK();
}

const TriggerDef* FindTrigger(const TableDef& t, const std::string& name) {
  for (const TriggerDef& g : t.triggers) {
    if (g.name == name) return &g;
  }
  return nullptr;
}

Status NoSuchTrigger(const std::string& trigger, const std::string& table) {
  return Status::Error(sqlstate::kUndefinedObject,
                       "trigger \"" + trigger + "\" for table \"" + table + "\" does not exist");
}

// A copy of `parent`'s trigger for partition `part` (columns by name).
TriggerDef CloneFor(Catalog& catalog, const TableDef& parent, const TriggerDef& trig,
                    const TableDef& part) {
  TriggerDef clone = trig;
  clone.oid = catalog.AllocateOid();
  clone.parent_oid = trig.oid;
  clone.columns.clear();
  for (int16_t attnum : trig.columns) {
    const ColumnDef* pc = parent.ColumnByAttnum(attnum);
    const ColumnDef* cc = pc != nullptr ? part.FindColumn(pc->name) : nullptr;
    if (cc != nullptr) clone.columns.push_back(cc->attnum);
  }
  return clone;
}

// Adds clones of row trigger `trig` of `parent_oid` to every partition
// below it.
Status CloneIntoPartitions(Catalog& catalog, Oid parent_oid, const TriggerDef& trig) {
  const TableDef* parent = catalog.TableByOid(parent_oid);
  if (parent == nullptr || !parent->is_partitioned()) return Status::OK();
  for (Oid child : catalog.ChildrenOf(parent_oid)) {
    const TableDef* part = catalog.TableByOid(child);
    if (part == nullptr || !part->is_partition()) continue;
    TableDef copy = *part;
    TriggerDef* existing = nullptr;
    for (TriggerDef& g : copy.triggers) {
      if (g.name == trig.name) existing = &g;
    }
    TriggerDef clone = CloneFor(catalog, *parent, trig, copy);
    if (existing != nullptr) {
      if (existing->parent_oid == 0 || existing->parent_oid != trig.oid) {
        return Status::Error(
            sqlstate::kDuplicateObject,
            "trigger \"" + trig.name + "\" for relation \"" + copy.name + "\" already exists");
      }
      clone.oid = existing->oid;
      *existing = clone;
    } else {
      copy.triggers.push_back(clone);
    }
    catalog.PutTable(std::move(copy));
    NANO_RETURN_IF_ERROR(CloneIntoPartitions(catalog, child, clone));
  }
  return Status::OK();
}

// Applies `fn` to the clones of trigger `oid` in the partitions below
// `table_oid` (recursively); removes the clones when `fn` returns false.
template <typename Fn>
void ForEachClone(Catalog& catalog, Oid table_oid, Oid oid, Fn fn) {
  for (Oid child : catalog.ChildrenOf(table_oid)) {
    const TableDef* part = catalog.TableByOid(child);
    if (part == nullptr) continue;
    TableDef copy = *part;
    std::vector<Oid> clone_oids;
    bool changed = false;
    for (auto it = copy.triggers.begin(); it != copy.triggers.end();) {
      if (it->parent_oid != oid) {
        ++it;
        continue;
      }
      clone_oids.push_back(it->oid);
      changed = true;
      if (fn(&*it)) {
        ++it;
      } else {
        it = copy.triggers.erase(it);
      }
    }
    if (changed) catalog.PutTable(std::move(copy));
    for (Oid c : clone_oids) ForEachClone(catalog, child, c, fn);
  }
}

Status ResolveFunction(const Catalog& catalog, const std::vector<std::string>& name,
                       const FunctionDef** out) {
  *out = nullptr;
  Oid schema = kPublicNamespaceOid;
  if (name.size() >= 2) {
    const SchemaDef* s = catalog.FindSchema(name[name.size() - 2]);
    if (s == nullptr) {
      return Status::Error(sqlstate::kInvalidSchemaName,
                           "schema \"" + name[name.size() - 2] + "\" does not exist");
    }
    schema = s->oid;
  }
  for (const FunctionDef* f : catalog.FindFunctions(schema, name.back())) {
    if (f->InputArgs().empty()) *out = f;
  }
  std::string qualified;
  for (const std::string& part : name) qualified += (qualified.empty() ? "" : ".") + part;
  if (*out == nullptr) {
    return Status::Error(sqlstate::kUndefinedFunction,
                         "function " + qualified + "() does not exist");
  }
  if ((*out)->return_type.oid != type::kTrigger) {
    return Status::Error(sqlstate::kInvalidObjectDefinition,
                         "function " + qualified + " must return type trigger");
  }
  return Status::OK();
}

Status CheckTransitions(const ast::CreateTriggerStmt& stmt, const TableDef& table, int16_t type,
                        TriggerDef* trig) {
  const std::string& rel = table.name;
  const bool row = (type & kTriggerTypeRow) != 0;
  int events = 0;
  for (int16_t e :
       {kTriggerTypeInsert, kTriggerTypeUpdate, kTriggerTypeDelete, kTriggerTypeTruncate}) {
    if (type & e) ++events;
  }
  for (const ast::CreateTriggerStmt::Transition& tt : stmt.transitions) {
    if (!tt.is_table) {
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "ROW variable naming in the REFERENCING clause is not supported")
          .WithHint("Use OLD TABLE or NEW TABLE for naming transition tables.");
    }
    if (table.kind == RelKind::kView) {
      return Status::Error(sqlstate::kWrongObjectType, "\"" + rel + "\" is a view")
          .WithDetail("Triggers on views cannot have transition tables.");
    }
    if (row && table.is_partition()) {
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "ROW triggers with transition tables are not supported on partitions");
    }
    if (row && !table.parents.empty()) {
      return Status::Error(
          sqlstate::kFeatureNotSupported,
          "ROW triggers with transition tables are not supported on inheritance children");
    }
    if ((type & (kTriggerTypeBefore | kTriggerTypeInstead)) != 0) {
      return Status::Error(sqlstate::kInvalidObjectDefinition,
                           "transition table name can only be specified for an AFTER trigger");
    }
    if (type & kTriggerTypeTruncate) {
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "TRUNCATE triggers with transition tables are not supported");
    }
    if (row && events > 1) {
      return Status::Error(
          sqlstate::kFeatureNotSupported,
          "transition tables cannot be specified for triggers with more than one event");
    }
    if (!stmt.columns.empty()) {
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "transition tables cannot be specified for triggers with column lists");
    }
    if (tt.is_new) {
      if ((type & (kTriggerTypeInsert | kTriggerTypeUpdate)) == 0) {
        return Status::Error(sqlstate::kInvalidObjectDefinition,
                             "NEW TABLE can only be specified for an INSERT or UPDATE trigger");
      }
      if (!trig->new_table.empty()) {
        return Status::Error(sqlstate::kSyntaxError,
                             "NEW TABLE cannot be specified multiple times");
      }
      trig->new_table = tt.name;
    } else {
      if ((type & (kTriggerTypeDelete | kTriggerTypeUpdate)) == 0) {
        return Status::Error(sqlstate::kInvalidObjectDefinition,
                             "OLD TABLE can only be specified for a DELETE or UPDATE trigger");
      }
      if (!trig->old_table.empty()) {
        return Status::Error(sqlstate::kSyntaxError,
                             "OLD TABLE cannot be specified multiple times");
      }
      trig->old_table = tt.name;
    }
  }
  if (!trig->new_table.empty() && trig->new_table == trig->old_table) {
    return Status::Error(sqlstate::kSyntaxError,
                         "OLD TABLE name and NEW TABLE name cannot be the same");
  }
  return Status::OK();
}

Status CheckWhen(DdlContext& ctx, const ast::CreateTriggerStmt& stmt, const TableDef& table,
                 int16_t type) {
  std::vector<std::string> names;
  std::vector<TypeRef> types;
  for (int idx : table.LiveColumns()) {
    names.push_back(table.columns[idx].name);
    types.push_back(table.columns[idx].type);
  }
  const bool row = (type & kTriggerTypeRow) != 0;
  const bool old_ok = row && (type & kTriggerTypeInsert) == 0;
  const bool new_ok = row && (type & kTriggerTypeDelete) == 0;
  auto bind = [&](bool o, bool n) {
    return BindTriggerWhenForDdl(stmt.when_text, Borrow(ctx.catalog), FormatOf(ctx), names, types,
                                 o, n);
  };
  Status st = bind(old_ok, new_ok);
  if (st.ok() || st.sqlstate() == std::string_view(sqlstate::kDatatypeMismatch)) return st;
  if (!bind(true, true).ok()) return st;
  if (!row) {
    return Status::Error(sqlstate::kInvalidObjectDefinition,
                         "statement trigger's WHEN condition cannot reference column values");
  }
  if (!old_ok && bind(true, new_ok).ok()) {
    return Status::Error(sqlstate::kInvalidObjectDefinition,
                         "INSERT trigger's WHEN condition cannot reference OLD values");
  }
  return Status::Error(sqlstate::kInvalidObjectDefinition,
                       "DELETE trigger's WHEN condition cannot reference NEW values");
}

}  // namespace

Status CreateTrigger(const ast::CreateTriggerStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  const TableDef* table = nullptr;
  NANO_RETURN_IF_ERROR(FindTable(catalog, stmt.table, &table));
  const std::string& rel = table->name;
  if (table->kind == RelKind::kSequence || table->kind == RelKind::kIndex) {
    return ErrorAt(sqlstate::kWrongObjectType, "relation \"" + rel + "\" cannot have triggers")
        .WithDetail(table->kind == RelKind::kSequence
                        ? "This operation is not supported for sequences."
                        : "This operation is not supported for indexes.");
  }
  const int16_t timing = static_cast<int16_t>(stmt.timing);
  int16_t type = static_cast<int16_t>(timing | stmt.events | (stmt.row ? kTriggerTypeRow : 0));
  if (table->kind == RelKind::kTable) {
    if (timing & kTriggerTypeInstead) {
      return Status::Error(sqlstate::kWrongObjectType, "\"" + rel + "\" is a table")
          .WithDetail("Tables cannot have INSTEAD OF triggers.");
    }
    if (table->is_partitioned() && stmt.row && !stmt.transitions.empty()) {
      return Status::Error(sqlstate::kFeatureNotSupported, "\"" + rel + "\" is a partitioned table")
          .WithDetail(
              "ROW triggers with transition tables are not supported on partitioned tables.");
    }
  } else {
    if (!(timing & kTriggerTypeInstead) && stmt.row) {
      return Status::Error(sqlstate::kWrongObjectType, "\"" + rel + "\" is a view")
          .WithDetail("Views cannot have row-level BEFORE or AFTER triggers.");
    }
    if (stmt.events & kTriggerTypeTruncate) {
      return Status::Error(sqlstate::kWrongObjectType, "\"" + rel + "\" is a view")
          .WithDetail("Views cannot have TRUNCATE triggers.");
    }
  }
  if ((stmt.events & kTriggerTypeTruncate) && stmt.row) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "TRUNCATE FOR EACH ROW triggers are not supported");
  }
  if (timing & kTriggerTypeInstead) {
    if (!stmt.row) {
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "INSTEAD OF triggers must be FOR EACH ROW");
    }
    if (stmt.when != nullptr) {
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "INSTEAD OF triggers cannot have WHEN conditions");
    }
    if (!stmt.columns.empty()) {
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "INSTEAD OF triggers cannot have column lists");
    }
  }
  TriggerDef trig;
  trig.name = stmt.name;
  trig.type = type;
  trig.args = stmt.args;
  trig.constraint = stmt.is_constraint;
  trig.deferrable = stmt.deferrable;
  trig.initdeferred = stmt.initdeferred;
  NANO_RETURN_IF_ERROR(CheckTransitions(stmt, *table, type, &trig));
  if (stmt.when != nullptr) {
    NANO_RETURN_IF_ERROR(CheckWhen(ctx, stmt, *table, type));
    trig.when_expr = stmt.when_text;
  }
  const FunctionDef* fn = nullptr;
  NANO_RETURN_IF_ERROR(ResolveFunction(catalog, stmt.func_name, &fn));
  trig.function_oid = fn->oid;
  for (const std::string& col : stmt.columns) {
    const ColumnDef* c = table->FindColumn(col);
    if (c == nullptr) {
      return Status::Error(sqlstate::kUndefinedColumn,
                           "column \"" + col + "\" of relation \"" + rel + "\" does not exist");
    }
    if (std::find(trig.columns.begin(), trig.columns.end(), c->attnum) != trig.columns.end()) {
      return Status::Error(sqlstate::kDuplicateColumn,
                           "column \"" + col + "\" specified more than once");
    }
    trig.columns.push_back(c->attnum);
  }
  if (stmt.has_from) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "CONSTRAINT TRIGGER ... FROM is not supported yet");
  }
  if (stmt.is_constraint && stmt.initdeferred) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "deferred constraint triggers are not supported yet");
  }
  TableDef copy = *table;
  TriggerDef* existing = nullptr;
  for (TriggerDef& g : copy.triggers) {
    if (g.name == trig.name) existing = &g;
  }
  if (existing != nullptr) {
    if (!stmt.replace) {
      return Status::Error(
          sqlstate::kDuplicateObject,
          "trigger \"" + trig.name + "\" for relation \"" + rel + "\" already exists");
    }
    if (existing->constraint || stmt.is_constraint) {
      return Status::Error(
          sqlstate::kWrongObjectType,
          "trigger \"" + trig.name + "\" for relation \"" + rel + "\" is a constraint trigger");
    }
    if (existing->parent_oid != 0) {
      return Status::Error(sqlstate::kWrongObjectType, "trigger \"" + trig.name +
                                                           "\" for relation \"" + rel +
                                                           "\" is an internal or a child trigger");
    }
    trig.oid = existing->oid;
    trig.enabled = existing->enabled;
    const Oid old_oid = existing->oid;
    *existing = trig;
    catalog.PutTable(std::move(copy));
    // The clones follow: replaced, or dropped when the trigger is no
    // longer a row trigger.
    ForEachClone(catalog, table->oid, old_oid, [](TriggerDef*) { return false; });
  } else {
    trig.oid = catalog.AllocateOid();
    copy.triggers.push_back(trig);
    catalog.PutTable(std::move(copy));
  }
  if (stmt.row) NANO_RETURN_IF_ERROR(CloneIntoPartitions(catalog, table->oid, trig));
  return Status::OK();
}

Status DropTrigger(const ast::DropStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  for (const std::vector<std::string>& object : stmt.objects) {
    if (object.size() < 2) continue;
    ast::RangeVar rv;
    rv.name = object[object.size() - 2];
    if (object.size() >= 3) rv.schema = object[object.size() - 3];
    const std::string& name = object.back();
    const TableDef* table = nullptr;
    Status st = FindTable(catalog, rv, &table);
    if (!st.ok()) {
      if (!stmt.missing_ok) return st;
      Notice(ctx, "relation \"" + rv.name + "\" does not exist, skipping");
      continue;
    }
    const TriggerDef* trig = FindTrigger(*table, name);
    if (trig == nullptr) {
      if (!stmt.missing_ok) return NoSuchTrigger(name, table->name);
      Notice(ctx, "trigger \"" + name + "\" for relation \"" + table->name +
                      "\" does not exist, skipping");
      continue;
    }
    if (trig->parent_oid != 0) {
      std::string parent_table = "?";
      for (Oid p : table->parents) {
        if (const TableDef* pt = catalog.TableByOid(p)) parent_table = pt->name;
      }
      return Status::Error(sqlstate::kDependentObjectsStillExist,
                           "cannot drop trigger " + name + " on table " + table->name +
                               " because trigger " + name + " on table " + parent_table +
                               " requires it")
          .WithHint("You can drop trigger " + name + " on table " + parent_table + " instead.");
    }
    const Oid oid = trig->oid;
    TableDef copy = *table;
    copy.triggers.erase(std::remove_if(copy.triggers.begin(), copy.triggers.end(),
                                       [&](const TriggerDef& g) { return g.oid == oid; }),
                        copy.triggers.end());
    catalog.PutTable(std::move(copy));
    ForEachClone(catalog, table->oid, oid, [](TriggerDef*) { return false; });
  }
  return Status::OK();
}

Status RenameTrigger(const ast::RenameStmt& stmt, DdlContext& ctx) {
  Catalog& catalog = *ctx.catalog;
  const TableDef* table = nullptr;
  NANO_RETURN_IF_ERROR(FindTable(catalog, stmt.relation, &table));
  const TriggerDef* trig = FindTrigger(*table, stmt.subname);
  if (trig == nullptr) return NoSuchTrigger(stmt.subname, table->name);
  if (FindTrigger(*table, stmt.new_name) != nullptr) {
    return Status::Error(
        sqlstate::kDuplicateObject,
        "trigger \"" + stmt.new_name + "\" for relation \"" + table->name + "\" already exists");
  }
  if (trig->parent_oid != 0) {
    std::string parent_table = "?";
    for (Oid p : table->parents) {
      if (const TableDef* pt = catalog.TableByOid(p)) parent_table = pt->name;
    }
    return Status::Error(sqlstate::kFeatureNotSupported, "cannot rename trigger \"" + trig->name +
                                                             "\" on table \"" + table->name + "\"")
        .WithHint("Rename the trigger on the partitioned table \"" + parent_table + "\" instead.");
  }
  const Oid oid = trig->oid;
  TableDef copy = *table;
  for (TriggerDef& g : copy.triggers) {
    if (g.oid == oid) g.name = stmt.new_name;
  }
  catalog.PutTable(std::move(copy));
  const std::string new_name = stmt.new_name;
  ForEachClone(catalog, table->oid, oid, [&](TriggerDef* g) {
    g->name = new_name;
    return true;
  });
  return Status::OK();
}

Status AlterTableTrigger(DdlContext& ctx, TableDef* table, const ast::AlterTableCmd& cmd,
                         bool* handled) {
  *handled = false;
  const std::string& what = cmd.other_name;
  if (what.rfind("AT_", 0) != 0 || what.find("Trig") == std::string::npos) return Status::OK();
  *handled = true;
  char enabled = 'O';
  if (what.rfind("AT_Disable", 0) == 0) {
    enabled = 'D';
  } else if (what == "AT_EnableAlwaysTrig") {
    enabled = 'A';
  } else if (what == "AT_EnableReplicaTrig") {
    enabled = 'R';
  }
  const bool all = what.size() > 7 && (what.compare(what.size() - 7, 7, "TrigAll") == 0 ||
                                       what.compare(what.size() - 8, 8, "TrigUser") == 0);
  std::vector<Oid> changed;
  if (all) {
    for (TriggerDef& g : table->triggers) {
      g.enabled = enabled;
      changed.push_back(g.oid);
    }
  } else {
    bool found = false;
    for (TriggerDef& g : table->triggers) {
      if (g.name != cmd.name) continue;
      g.enabled = enabled;
      changed.push_back(g.oid);
      found = true;
    }
    if (!found) return NoSuchTrigger(cmd.name, table->name);
  }
  for (Oid oid : changed) {
    ForEachClone(*ctx.catalog, table->oid, oid, [&](TriggerDef* g) {
      g->enabled = enabled;
      return true;
    });
  }
  return Status::OK();
}

Status CloneParentTriggers(DdlContext& ctx, Oid partition_oid) {
  Catalog& catalog = *ctx.catalog;
  const TableDef* part = catalog.TableByOid(partition_oid);
  if (part == nullptr || !part->is_partition() || part->parents.empty()) return Status::OK();
  const TableDef* parent = catalog.TableByOid(part->parents[0]);
  if (parent == nullptr) return Status::OK();
  std::vector<TriggerDef> row_triggers;
  for (const TriggerDef& g : parent->triggers) {
    if (g.type & kTriggerTypeRow) row_triggers.push_back(g);
  }
  for (const TriggerDef& g : row_triggers) {
    const TableDef* current = catalog.TableByOid(partition_oid);
    if (FindTrigger(*current, g.name) != nullptr) {
      return Status::Error(
          sqlstate::kDuplicateObject,
          "trigger \"" + g.name + "\" for relation \"" + current->name + "\" already exists");
    }
    TableDef copy = *current;
    TriggerDef clone = CloneFor(catalog, *parent, g, copy);
    copy.triggers.push_back(clone);
    catalog.PutTable(std::move(copy));
    NANO_RETURN_IF_ERROR(CloneIntoPartitions(catalog, partition_oid, clone));
  }
  return Status::OK();
}

void RemoveClonedTriggers(DdlContext& ctx, Oid partition_oid) {
  Catalog& catalog = *ctx.catalog;
  const TableDef* part = catalog.TableByOid(partition_oid);
  if (part == nullptr) return;
  TableDef copy = *part;
  std::vector<Oid> removed;
  for (auto it = copy.triggers.begin(); it != copy.triggers.end();) {
    if (it->parent_oid != 0) {
      removed.push_back(it->oid);
      it = copy.triggers.erase(it);
    } else {
      ++it;
    }
  }
  if (removed.empty()) return;
  catalog.PutTable(std::move(copy));
  for (Oid oid : removed) {
    ForEachClone(catalog, partition_oid, oid, [](TriggerDef*) { return false; });
  }
}

Status DropColumnTriggers(DdlContext& ctx, TableDef* table, int16_t attnum,
                          ast::DropBehavior behavior) {
  const ColumnDef* col = table->ColumnByAttnum(attnum);
  if (col == nullptr || table->triggers.empty()) return Status::OK();
  std::vector<std::string> names;
  std::vector<TypeRef> types;
  for (int idx : table->LiveColumns()) {
    if (table->columns[idx].attnum == attnum) continue;
    names.push_back(table->columns[idx].name);
    types.push_back(table->columns[idx].type);
  }
  std::vector<Oid> dependent;
  std::vector<std::string> described;
  for (const TriggerDef& g : table->triggers) {
    bool uses = std::find(g.columns.begin(), g.columns.end(), attnum) != g.columns.end();
    if (!uses && !g.when_expr.empty()) {
      // The WHEN condition names the column if it no longer binds without it.
      uses = !BindTriggerWhenForDdl(g.when_expr, Borrow(ctx.catalog), FormatOf(ctx), names, types,
                                    true, true)
                  .ok();
    }
    if (!uses) continue;
    dependent.push_back(g.oid);
    described.push_back("trigger " + g.name + " on table " + table->name);
  }
  if (dependent.empty()) return Status::OK();
  if (behavior != ast::DropBehavior::kCascade) {
    std::string detail;
    for (const std::string& d : described) {
      detail += (detail.empty() ? "" : "\n") + d + " depends on column " + col->name +
                " of table " + table->name;
    }
    return Status::Error(sqlstate::kDependentObjectsStillExist,
                         "cannot drop column " + col->name + " of table " + table->name +
                             " because other objects depend on it")
        .WithDetail(detail)
        .WithHint("Use DROP ... CASCADE to drop the dependent objects too.");
  }
  if (described.size() == 1) {
    Notice(ctx, "drop cascades to " + described[0]);
  } else if (ctx.notice) {
    ErrorInfo info;
    info.severity = "NOTICE";
    info.sqlstate = "00000";
    info.message = "drop cascades to " + std::to_string(described.size()) + " other objects";
    for (const std::string& d : described) {
      info.detail += (info.detail.empty() ? "drop cascades to " : "\ndrop cascades to ") + d;
    }
    ctx.notice(info);
  }
  for (Oid oid : dependent) {
    table->triggers.erase(std::remove_if(table->triggers.begin(), table->triggers.end(),
                                         [&](const TriggerDef& g) { return g.oid == oid; }),
                          table->triggers.end());
    ForEachClone(*ctx.catalog, table->oid, oid, [](TriggerDef*) { return false; });
  }
  return Status::OK();
}

std::vector<std::string> TriggersUsingFunction(const Catalog& catalog, Oid fn) {
  std::vector<std::string> out;
  for (const auto& [oid, t] : catalog.tables()) {
    for (const TriggerDef& g : t.triggers) {
      if (g.function_oid == fn) out.push_back("trigger " + g.name + " on table " + t.name);
    }
  }
  return out;
}

void DropTriggersUsingFunction(Catalog* catalog, Oid fn) {
  std::vector<Oid> tables;
  for (const auto& [oid, t] : catalog->tables()) {
    for (const TriggerDef& g : t.triggers) {
      if (g.function_oid == fn) {
        tables.push_back(oid);
        break;
      }
    }
  }
  for (Oid oid : tables) {
    TableDef copy = *catalog->TableByOid(oid);
    copy.triggers.erase(std::remove_if(copy.triggers.begin(), copy.triggers.end(),
                                       [&](const TriggerDef& g) { return g.function_oid == fn; }),
                        copy.triggers.end());
    catalog->PutTable(std::move(copy));
  }
}

}  // namespace nano
