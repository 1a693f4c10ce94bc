// engine/binder/bind_dml.cc — INSERT, UPDATE, DELETE and statement dispatch.
//
// DML plans: the child produces rows; the top node (kInsert/kUpdate/kDelete)
// writes them. Insert children produce full rows in the table's live-column
// order (defaults already filled in). Update/Delete children scan the target
// table with emit_row_key: slots [0, n) are the live columns, slot n is the
// row's storage key, then any FROM/USING tables' columns.
#include <algorithm>
#include <cassert>

#include "binder/binder.h"
#include "binder/scope.h"
#include "parser/parser.h"
#include "types/type_info.h"

namespace nano {

namespace {

int Pos(int location) { return location >= 0 ? location + 1 : 0; }

Status ErrorAt(const char* state, std::string msg, int location) {
  return Status::Error(state, std::move(msg)).WithPosition(Pos(location));
}

}  // namespace

Binder::Binder(std::shared_ptr<const Catalog> catalog, const FormatContext* format,
               std::vector<TypeOid> param_hints)
    : catalog_(std::move(catalog)), format_(format), param_hints_(std::move(param_hints)) {
  for (TypeOid hint : param_hints_)
    param_types_.push_back(TypeRef{hint == 0 ? type::kUnknown : hint, -1});
}

Binder::~Binder() = default;

Status Binder::BindColumnDefault(const TableDef& table, int column_index, BoundExprPtr* out) {
  const ColumnDef& col = table.columns[column_index];
  // A domain's default applies when the column has none of its own.
  const TypeDef* domain = col.domain_oid ? catalog_->TypeByOid(col.domain_oid) : nullptr;
  const std::string& text =
      col.default_expr.empty() && domain != nullptr ? domain->default_expr : col.default_expr;
  if (text.empty()) {
    *out = MakeConst(Value::Null(col.type.oid), col.type);
    return Status::OK();
  }
  ast::ExprPtr parsed;
  NANO_RETURN_IF_ERROR(ParseExpression(text, &parsed));
  return BindStandaloneExpr(*parsed, col.type, out);
}

Status Binder::BindTableExpr(const TableDef& table, std::string_view text, TypeRef target,
                             BoundExprPtr* out) {
  ast::ExprPtr parsed;
  NANO_RETURN_IF_ERROR(ParseExpression(text, &parsed));
  BinderScope scope;
  ScopeItem& item = scope.AddItem(table.name);
  for (const ColumnDef& c : table.columns) {
    scope.AddColumn(item, c.name, c.type, table.oid, c.attnum);
    if (c.dropped) item.columns.back().hidden = true;
  }
  return BindExprAs(*parsed, &scope, target, CoercionContext::kImplicit, out);
}

Status Binder::BindTableScanForDml(const TableDef& table, const std::string& alias,
                                   BinderScope* scope, PlanPtr* plan) {
  if (table.kind == RelKind::kView) {
    // A view with INSTEAD OF triggers: its rows (no row key).
    ast::TableRef ref;
    ref.kind = ast::TableRefKind::kRelation;
    ref.relation.name = table.name;
    ref.alias = ast::Alias{alias, {}};
    return BindView(table, ref, scope, plan);
  }
  ScopeItem& item = scope->AddItem(alias);
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::kSeqScan;
  node->table_oid = table.oid;
  node->emit_row_key = true;
  for (int ci : table.LiveColumns()) {
    const ColumnDef& c = table.columns[ci];
    scope->AddColumn(item, c.name, c.type, table.oid, c.attnum);
    node->scan_columns.push_back(ci);
    node->columns.push_back(ColumnDesc{c.name, c.type, table.oid, c.attnum});
  }
  scope->width++;  // the row key slot
  node->columns.push_back(ColumnDesc{"?key?", TypeRef{type::kBytea, -1}, 0, 0});
  *plan = std::move(node);
  return Status::OK();
}

bool Binder::InInheritanceTree(const TableDef& table) const {
  return !table.parents.empty() || !catalog_->ChildrenOf(table.oid).empty();
}

void Binder::AddInheritMembers(const TableDef& table, PlanNode* scan) const {
  std::vector<Oid> all = catalog_->WithDescendants(table.oid);
  for (size_t i = 1; i < all.size(); ++i) {
    const TableDef* child = catalog_->TableByOid(all[i]);
    if (child == nullptr) continue;
    InheritMember m;
    m.table_oid = child->oid;
    for (int ci : scan->scan_columns) {
      int mapped = ci;
      if (ci != kTableOidColumn) {
        const ColumnDef* c = child->FindColumn(table.columns[static_cast<size_t>(ci)].name);
        mapped = c ? child->ColumnIndexByAttnum(c->attnum) : kTableOidColumn;
      }
      m.scan_columns.push_back(mapped);
    }
    scan->inherit_members.push_back(std::move(m));
  }
}

Status Binder::BindDmlTargetScan(const DmlTarget& target, const std::string& alias,
                                 BinderScope* scope, PlanPtr* plan) {
  NANO_RETURN_IF_ERROR(BindTableScanForDml(*target.table, alias, scope, plan));
  if (target.inh && !target.view) AddInheritMembers(*target.table, plan->get());
  if (!target.view) return Status::OK();
  // The statement sees the view's names; the rows are the base table's,
  // restricted by the views' WHERE clauses.
  const int width = scope->width;
  scope->items.clear();
  AddDmlScopeColumns(target, target.columns, alias, scope);
  scope->width = width;
  return BindViewQuals(target, static_cast<size_t>(width), plan);
}

Status Binder::BindReturning(const std::vector<ast::ResTarget>& returning, BinderScope* scope,
                             PlanNode* node) {
  // RETURNING tableoid names the table (child, partition) the row is in: the
  // DML operator passes it in the slot after the row's columns.
  const TableDef* table = catalog_->TableByOid(node->table_oid);
  if (!returning.empty() && table != nullptr && InInheritanceTree(*table) &&
      !scope->items.empty() && scope->width == static_cast<int>(node->target_columns.size())) {
    TypeRef oid_type{type::kOid, -1};
    scope->AddColumn(scope->items.back(), "tableoid", oid_type);
    scope->items.back().columns.back().hidden = true;
    scope->items.back().columns.back().whole_row = true;
  }
  for (const ast::ResTarget& rt : returning) {
    const ast::Expr& e = *rt.value;
    if (e.kind == ast::ExprKind::kStar || (e.kind == ast::ExprKind::kColumnRef && e.star)) {
      for (const ScopeItem& item : scope->items) {
        for (const ScopeColumn& c : item.columns) {
          if (c.hidden && c.name == "tableoid" && c.whole_row) continue;  // a system column
          node->returning.push_back(MakeColumnRef(c.slot, c.type));
          node->columns.push_back(ColumnDesc{c.name, c.type, c.table_oid, c.attnum});
        }
      }
      continue;
    }
    BoundExprPtr b;
    NANO_RETURN_IF_ERROR(BindExpr(e, scope, &b));
    if (b->type.oid == type::kUnknown) {
      NANO_RETURN_IF_ERROR(
          Coerce(std::move(b), TypeRef{type::kText, -1}, CoercionContext::kImplicit, &b));
    }
    std::string name = rt.name;
    if (name.empty()) {
      // A cast takes its operand's name (tableoid::regclass is "tableoid").
      const ast::Expr* n = &e;
      while (n->kind == ast::ExprKind::kCast && !n->args.empty()) n = n->args[0].get();
      name = n->kind == ast::ExprKind::kColumnRef && !n->names.empty()      ? n->names.back()
             : n->kind == ast::ExprKind::kFuncCall && !n->func_name.empty() ? n->func_name.back()
             : n != &e && e.type_name && !e.type_name->names.empty() ? e.type_name->names.back()
                                                                     : "?column?";
    }
    ColumnDesc desc{name, b->type, 0, 0};
    node->returning.push_back(std::move(b));
    node->columns.push_back(std::move(desc));
  }
  return Status::OK();
}

namespace {

// The scan of the DML target under `plan` (views wrap it in filters).
PlanNode* DmlTargetScanNode(PlanNode* plan) {
  for (int depth = 0; plan != nullptr && depth < 64; ++depth) {
    if (plan->kind == PlanKind::kSeqScan && plan->emit_row_key) return plan;
    plan = plan->children.empty() ? nullptr : plan->children[0].get();
  }
  return nullptr;
}

}  // namespace

Status Binder::BindInsert(const ast::InsertStmt& stmt, BoundStatement* out) {
  size_t pushed = 0;
  if (stmt.with && !stmt.with->ctes.empty())
    NANO_RETURN_IF_ERROR(BindWith(*stmt.with, &stmt, nullptr, &pushed));
  struct PopCtes {
    std::vector<CteBinding>* ctes;
    size_t n;
    ~PopCtes() { ctes->resize(ctes->size() - n); }
  } pop{&ctes_, pushed};
  DmlTarget target;
  NANO_RETURN_IF_ERROR(ResolveDmlTarget(stmt.table, "insert into", &target));
  const TableDef* table = target.table;
  std::vector<int> live = table->LiveColumns();
  if (target.view && stmt.on_conflict) {
    return ErrorAt(sqlstate::kFeatureNotSupported,
                   "INSERT ... ON CONFLICT into a view is not supported yet", stmt.table.location);
  }

  // Target columns: position in `live` for each listed column (-1: a view
  // column that is not updatable, an error if a value is given for it).
  std::vector<int> targets;
  if (stmt.columns.empty()) {
    for (const DmlTarget::Column& c : target.columns) targets.push_back(c.live_index);
  } else {
    // A column may be listed several times with subscripts or fields
    // (`(a[1], a[2])`), never also whole (PostgreSQL's checkInsertTargets).
    for (size_t i = 0; i < stmt.columns.size(); ++i) {
      const ast::ResTarget& rt = stmt.columns[i];
      int found = -1;
      NANO_RETURN_IF_ERROR(DmlTargetColumn(target, rt.name, "insert into", rt.location, &found));
      for (size_t j = 0; j < targets.size(); ++j) {
        if (targets[j] == found &&
            (rt.indirection.empty() || stmt.columns[j].indirection.empty())) {
          return ErrorAt(sqlstate::kDuplicateColumn,
                         "column \"" + rt.name + "\" specified more than once", rt.location);
        }
      }
      targets.push_back(found);
    }
  }

  // Without a column list, PostgreSQL fills the first N columns and lets the
  // rest take their defaults (VALUES (DEFAULT, 7) into a 3-column table).
  if (stmt.columns.empty() && stmt.select != nullptr) {
    size_t given = 0;
    const ast::SelectStmt& src0 = *stmt.select;
    if (!src0.values.empty() && src0.op == ast::SetOp::kNone) {
      for (const auto& list : src0.values) given = std::max(given, list.size());
    } else {
      PlanPtr probe;
      Binder probe_binder(catalog_, format_, param_hints_);
      if (probe_binder.BindSelect(src0, nullptr, &probe).ok()) given = probe->columns.size();
    }
    if (given > 0 && given < targets.size()) targets.resize(given);
  }
  for (size_t i = 0; i < targets.size(); ++i) {
    if (targets[i] < 0) {
      int unused = 0;
      return DmlTargetColumn(target, target.columns[i].name, "insert into", stmt.table.location,
                             &unused);
    }
  }

  auto check_identity = [&](int live_index, int location) -> Status {
    const ColumnDef& c = table->columns[live[live_index]];
    if (c.identity == 'a' && stmt.override_kind != ast::InsertStmt::Override::kSystemValue) {
      return ErrorAt("428C9", "cannot insert a non-DEFAULT value into column \"" + c.name + "\"",
                     location)
          .WithDetail("Column \"" + c.name +
                      "\" is an identity column defined as GENERATED ALWAYS.")
          .WithHint("Use OVERRIDING SYSTEM VALUE to override.");
    }
    return Status::OK();
  };

  auto indirect = [&](size_t i) {
    return i < stmt.columns.size() && !stmt.columns[i].indirection.empty();
  };

  // Builds one full row (live-column order) from per-target expressions
  // (coerced to their columns, or uncoerced for indirect targets).
  auto full_row = [&](std::vector<BoundExprPtr> given, std::vector<BoundExprPtr>* row) -> Status {
    row->clear();
    row->resize(live.size());
    for (size_t i = 0; i < targets.size(); ++i) {
      BoundExprPtr& slot = (*row)[targets[i]];
      if (!indirect(i)) {
        slot = std::move(given[i]);
        continue;
      }
      // An element or field of a column: assigned into NULL (or into the
      // previous target's result for the same column).
      const ast::ResTarget& rt = stmt.columns[i];
      const ColumnDef& col = table->columns[live[targets[i]]];
      BoundExprPtr base = slot ? std::move(slot) : MakeConst(Value::Null(col.type.oid), col.type);
      NANO_RETURN_IF_ERROR(BindAssignIndirection(col.name, col.type, std::move(base),
                                                 rt.indirection, std::move(given[i]), nullptr,
                                                 rt.location, &slot));
    }
    for (size_t i = 0; i < live.size(); ++i) {
      if (!(*row)[i]) NANO_RETURN_IF_ERROR(BindColumnDefault(*table, live[i], &(*row)[i]));
    }
    return Status::OK();
  };

  PlanPtr child;
  const ast::SelectStmt* src = stmt.select.get();
  if (src == nullptr) {
    std::vector<BoundExprPtr> row;
    NANO_RETURN_IF_ERROR(full_row({}, &row));
    auto values = std::make_unique<PlanNode>();
    values->kind = PlanKind::kValues;
    values->rows.push_back(std::move(row));
    child = std::move(values);
  } else if (!src->values.empty() && src->op == ast::SetOp::kNone && src->order_by.empty() &&
             !src->limit_count && !src->limit_offset) {
    auto values = std::make_unique<PlanNode>();
    values->kind = PlanKind::kValues;
    for (const auto& list : src->values) {
      if (list.size() > targets.size()) {
        return ErrorAt(sqlstate::kSyntaxError, "INSERT has more expressions than target columns",
                       list[targets.size()]->location);
      }
      if (list.size() < targets.size()) {
        return ErrorAt(sqlstate::kSyntaxError, "INSERT has more target columns than expressions",
                       list.empty() ? -1 : list.back()->location);
      }
      std::vector<BoundExprPtr> given;
      for (size_t i = 0; i < list.size(); ++i) {
        const ast::Expr& e = *list[i];
        const ColumnDef& col = table->columns[live[targets[i]]];
        BoundExprPtr b;
        if (e.kind == ast::ExprKind::kDefault && indirect(i)) {
          return ErrorAt(sqlstate::kFeatureNotSupported,
                         stmt.columns[i].indirection.front().field.empty()
                             ? "cannot set an array element to DEFAULT"
                             : "cannot set a subfield to DEFAULT",
                         stmt.columns[i].location);
        } else if (e.kind == ast::ExprKind::kDefault) {
          NANO_RETURN_IF_ERROR(BindColumnDefault(*table, live[targets[i]], &b));
        } else if (indirect(i)) {
          NANO_RETURN_IF_ERROR(check_identity(targets[i], e.location));
          NANO_RETURN_IF_ERROR(BindExpr(e, nullptr, &b));
        } else {
          NANO_RETURN_IF_ERROR(check_identity(targets[i], e.location));
          NANO_RETURN_IF_ERROR(BindExpr(e, nullptr, &b));
          NANO_RETURN_IF_ERROR(CoerceToColumn(std::move(b), col.name, col.type, e.location, &b));
        }
        given.push_back(std::move(b));
      }
      std::vector<BoundExprPtr> row;
      NANO_RETURN_IF_ERROR(full_row(std::move(given), &row));
      values->rows.push_back(std::move(row));
    }
    child = std::move(values);
  } else {
    PlanPtr query;
    keep_unknown_outputs_ = src;
    Status bound = BindSelect(*src, nullptr, &query);
    keep_unknown_outputs_ = nullptr;
    NANO_RETURN_IF_ERROR(bound);
    if (query->columns.size() > targets.size()) {
      return ErrorAt(sqlstate::kSyntaxError, "INSERT has more expressions than target columns", -1);
    }
    if (query->columns.size() < targets.size()) {
      return ErrorAt(sqlstate::kSyntaxError, "INSERT has more target columns than expressions", -1);
    }
    std::vector<BoundExprPtr> given;
    for (size_t i = 0; i < targets.size(); ++i) {
      NANO_RETURN_IF_ERROR(check_identity(targets[i], -1));
      BoundExprPtr b = MakeColumnRef(static_cast<int>(i), query->columns[i].type);
      const ColumnDef& col = table->columns[live[targets[i]]];
      if (!indirect(i))
        NANO_RETURN_IF_ERROR(CoerceToColumn(std::move(b), col.name, col.type, -1, &b));
      given.push_back(std::move(b));
    }
    std::vector<BoundExprPtr> row;
    NANO_RETURN_IF_ERROR(full_row(std::move(given), &row));
    auto project = std::make_unique<PlanNode>();
    project->kind = PlanKind::kProject;
    project->exprs = std::move(row);
    project->children.push_back(std::move(query));
    child = std::move(project);
  }
  for (int li : live) {
    const ColumnDef& c = table->columns[li];
    child->columns.push_back(ColumnDesc{c.name, c.type, table->oid, c.attnum});
  }

  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::kInsert;
  node->table_oid = table->oid;
  node->target_columns = live;
  node->children.push_back(std::move(child));
  NANO_RETURN_IF_ERROR(BindViewChecks(target, node.get()));
  {
    std::vector<int> written;
    for (int t : targets) {
      if (t >= 0) written.push_back(live[static_cast<size_t>(t)]);
    }
    NoteWritten(*table, kPrivInsert, written);
    NANO_RETURN_IF_ERROR(AddRowSecurityChecks(*table, 'a', node.get()));
  }

  // Scope for ON CONFLICT and RETURNING: the new row (live columns).
  BinderScope scope;
  AddDmlScopeColumns(target, target.columns, stmt.alias ? *stmt.alias : target.name, &scope);
  scope.width = static_cast<int>(live.size());

  if (stmt.on_conflict) {
    const ast::OnConflict& oc = *stmt.on_conflict;
    for (const std::string& name : oc.infer_columns) {
      int found = -1;
      for (size_t i = 0; i < live.size(); ++i) {
        if (table->columns[live[i]].name == name) found = static_cast<int>(i);
      }
      if (found < 0) {
        return ErrorAt(sqlstate::kUndefinedColumn, "column \"" + name + "\" does not exist",
                       oc.location);
      }
      node->conflict_columns.push_back(found);
    }
    if (!oc.constraint_name.empty()) {
      const ConstraintDef* con = nullptr;
      for (const ConstraintDef& c : table->constraints) {
        if (c.name == oc.constraint_name) con = &c;
      }
      if (con == nullptr || (con->type != 'p' && con->type != 'u')) {
        return ErrorAt(sqlstate::kUndefinedObject,
                       "constraint \"" + oc.constraint_name + "\" for table \"" + table->name +
                           "\" does not exist",
                       oc.location);
      }
      for (int16_t attnum : con->columns) {
        for (size_t i = 0; i < live.size(); ++i) {
          if (table->columns[live[i]].attnum == attnum)
            node->conflict_columns.push_back(static_cast<int>(i));
        }
      }
    }
    if (!node->conflict_columns.empty()) {
      // The arbiter must match a unique index exactly.
      bool matched = false;
      for (const IndexDef& idx : table->indexes) {
        if (!idx.unique || idx.columns.size() != node->conflict_columns.size()) continue;
        bool all = true;
        for (int16_t attnum : idx.columns) {
          bool has = false;
          for (int ci : node->conflict_columns) has |= table->columns[live[ci]].attnum == attnum;
          all &= has;
        }
        matched |= all;
      }
      if (!matched) {
        return ErrorAt(
            sqlstate::kInvalidColumnReference,
            "there is no unique or exclusion constraint matching the ON CONFLICT specification",
            oc.location);
      }
    }
    if (oc.action == ast::OnConflict::Action::kNothing) {
      node->on_conflict_do_nothing = true;
    } else {
      if (node->conflict_columns.empty()) {
        return ErrorAt(sqlstate::kSyntaxError,
                       "ON CONFLICT DO UPDATE requires inference specification or constraint name",
                       oc.location)
            .WithHint("For example, ON CONFLICT (column_name).");
      }
      node->on_conflict_update = true;
      BinderScope uscope;
      ScopeItem& existing = uscope.AddItem(stmt.alias ? *stmt.alias : table->name);
      for (int li : live) {
        const ColumnDef& c = table->columns[li];
        uscope.AddColumn(existing, c.name, c.type, table->oid, c.attnum);
      }
      ScopeItem& excluded = uscope.AddItem("excluded");
      for (int li : live) {
        const ColumnDef& c = table->columns[li];
        uscope.AddColumn(excluded, c.name, c.type, table->oid, c.attnum);
      }
      NANO_RETURN_IF_ERROR(
          BindSetList(target, oc.set, oc.multi_assign_index, &uscope, &node->conflict_set));
      if (oc.where) {
        NANO_RETURN_IF_ERROR(BindCondition(*oc.where, &uscope, "WHERE", &node->conflict_where));
      }
      std::vector<int> updated;
      for (size_t i = 0; i < live.size(); ++i) {
        if (node->conflict_set[i]) updated.push_back(live[i]);
      }
      NoteWritten(*table, kPrivUpdate, updated);
      // The conflicting row's UPDATE policies are not applied yet: refuse
      // rather than skip them.
      bool rls = false;
      RoleContext role;
      NANO_RETURN_IF_ERROR(RowSecurityApplies(*table, &rls, &role));
      if (rls) {
        return ErrorAt(sqlstate::kFeatureNotSupported,
                       "INSERT ... ON CONFLICT DO UPDATE on a table with row-level security is "
                       "not supported yet",
                       oc.location);
      }
    }
  }

  NANO_RETURN_IF_ERROR(BindReturning(stmt.returning, &scope, node.get()));
  out->kind = BoundKind::kDml;
  out->command = "INSERT";
  out->returns_rows = !stmt.returning.empty();
  out->columns = node->columns;
  out->plan = std::shared_ptr<const PlanNode>(std::move(node));
  return Status::OK();
}

Status Binder::BindUpdate(const ast::UpdateStmt& stmt, BoundStatement* out) {
  size_t pushed = 0;
  if (stmt.with && !stmt.with->ctes.empty())
    NANO_RETURN_IF_ERROR(BindWith(*stmt.with, &stmt, nullptr, &pushed));
  struct PopCtes {
    std::vector<CteBinding>* ctes;
    size_t n;
    ~PopCtes() { ctes->resize(ctes->size() - n); }
  } pop{&ctes_, pushed};
  DmlTarget target;
  NANO_RETURN_IF_ERROR(ResolveDmlTarget(stmt.table, "update", &target));
  const TableDef* table = target.table;
  const std::string alias = stmt.alias ? *stmt.alias : target.name;
  std::vector<int> live = table->LiveColumns();
  BinderScope scope;
  PlanPtr input;
  NANO_RETURN_IF_ERROR(BindDmlTargetScan(target, alias, &scope, &input));
  NANO_RETURN_IF_ERROR(AddRowSecurityQuals(*table, 'w', stmt.where || !stmt.returning.empty(),
                                           DmlTargetScanNode(input.get())));
  for (const auto& ref : stmt.from) {
    PlanPtr item;
    const size_t before = scope.items.size();
    NANO_RETURN_IF_ERROR(BindFromItem(*ref, &scope, &item));
    NANO_RETURN_IF_ERROR(CheckNameConflicts(scope, 0, before, before, scope.items.size()));
    auto join = std::make_unique<PlanNode>();
    join->kind = PlanKind::kNestedLoopJoin;
    join->join_kind = JoinKind::kInner;
    join->columns = input->columns;
    join->columns.insert(join->columns.end(), item->columns.begin(), item->columns.end());
    join->children.push_back(std::move(input));
    join->children.push_back(std::move(item));
    input = std::move(join);
  }
  if (stmt.where) {
    scope.no_agg_clause = "WHERE";
    auto filter = std::make_unique<PlanNode>();
    filter->kind = PlanKind::kFilter;
    filter->columns = input->columns;
    NANO_RETURN_IF_ERROR(BindCondition(*stmt.where, &scope, "WHERE", &filter->filter));
    filter->children.push_back(std::move(input));
    input = std::move(filter);
    scope.no_agg_clause = nullptr;
  }
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::kUpdate;
  node->table_oid = table->oid;
  node->target_columns = live;
  node->set_exprs.resize(live.size());
  NANO_RETURN_IF_ERROR(BindViewChecks(target, node.get()));
  NANO_RETURN_IF_ERROR(
      BindSetList(target, stmt.set, stmt.multi_assign_index, &scope, &node->set_exprs));
  node->children.push_back(std::move(input));
  {
    std::vector<int> written;
    for (size_t i = 0; i < live.size(); ++i) {
      if (node->set_exprs[i]) written.push_back(live[i]);
    }
    NoteWritten(*table, kPrivUpdate, written);
    NANO_RETURN_IF_ERROR(AddRowSecurityChecks(*table, 'w', node.get()));
  }
  BinderScope rscope;
  AddDmlScopeColumns(target, target.columns, alias, &rscope);
  rscope.width = static_cast<int>(live.size());
  NANO_RETURN_IF_ERROR(BindReturning(stmt.returning, &rscope, node.get()));
  out->kind = BoundKind::kDml;
  out->command = "UPDATE";
  out->returns_rows = !stmt.returning.empty();
  out->columns = node->columns;
  out->plan = std::shared_ptr<const PlanNode>(std::move(node));
  return Status::OK();
}

Status Binder::BindDelete(const ast::DeleteStmt& stmt, BoundStatement* out) {
  size_t pushed = 0;
  if (stmt.with && !stmt.with->ctes.empty())
    NANO_RETURN_IF_ERROR(BindWith(*stmt.with, &stmt, nullptr, &pushed));
  struct PopCtes {
    std::vector<CteBinding>* ctes;
    size_t n;
    ~PopCtes() { ctes->resize(ctes->size() - n); }
  } pop{&ctes_, pushed};
  DmlTarget target;
  NANO_RETURN_IF_ERROR(ResolveDmlTarget(stmt.table, "delete from", &target));
  const TableDef* table = target.table;
  const std::string alias = stmt.alias ? *stmt.alias : target.name;
  std::vector<int> live = table->LiveColumns();
  BinderScope scope;
  PlanPtr input;
  NANO_RETURN_IF_ERROR(BindDmlTargetScan(target, alias, &scope, &input));
  NoteAccess(*table, kPrivDelete);
  NANO_RETURN_IF_ERROR(AddRowSecurityQuals(*table, 'd', stmt.where || !stmt.returning.empty(),
                                           DmlTargetScanNode(input.get())));
  for (const auto& ref : stmt.using_) {
    PlanPtr item;
    const size_t before = scope.items.size();
    NANO_RETURN_IF_ERROR(BindFromItem(*ref, &scope, &item));
    NANO_RETURN_IF_ERROR(CheckNameConflicts(scope, 0, before, before, scope.items.size()));
    auto join = std::make_unique<PlanNode>();
    join->kind = PlanKind::kNestedLoopJoin;
    join->join_kind = JoinKind::kInner;
    join->columns = input->columns;
    join->columns.insert(join->columns.end(), item->columns.begin(), item->columns.end());
    join->children.push_back(std::move(input));
    join->children.push_back(std::move(item));
    input = std::move(join);
  }
  if (stmt.where) {
    auto filter = std::make_unique<PlanNode>();
    filter->kind = PlanKind::kFilter;
    filter->columns = input->columns;
    scope.no_agg_clause = "WHERE";
    NANO_RETURN_IF_ERROR(BindCondition(*stmt.where, &scope, "WHERE", &filter->filter));
    filter->children.push_back(std::move(input));
    input = std::move(filter);
  }
  auto node = std::make_unique<PlanNode>();
  node->kind = PlanKind::kDelete;
  node->table_oid = table->oid;
  node->target_columns = live;
  node->children.push_back(std::move(input));
  BinderScope rscope;
  AddDmlScopeColumns(target, target.columns, alias, &rscope);
  rscope.width = static_cast<int>(live.size());
  NANO_RETURN_IF_ERROR(BindReturning(stmt.returning, &rscope, node.get()));
  out->kind = BoundKind::kDml;
  out->command = "DELETE";
  out->returns_rows = !stmt.returning.empty();
  out->columns = node->columns;
  out->plan = std::shared_ptr<const PlanNode>(std::move(node));
  return Status::OK();
}

Status Binder::BindStatement(const ast::Statement& stmt, BoundStatement* out) {
  Status st;
  top_statement_ = &stmt;
  dml_ctes_.clear();
  switch (stmt.kind) {
    case ast::StmtKind::kSelect: {
      PlanPtr plan;
      st = BindSelect(static_cast<const ast::SelectStmt&>(stmt), nullptr, &plan);
      if (st.ok()) {
        out->kind = BoundKind::kQuery;
        out->command = "SELECT";
        out->returns_rows = true;
        out->columns = plan->columns;
        out->plan = std::shared_ptr<const PlanNode>(std::move(plan));
      }
      break;
    }
    case ast::StmtKind::kInsert:
      st = BindInsert(static_cast<const ast::InsertStmt&>(stmt), out);
      break;
    case ast::StmtKind::kUpdate:
      st = BindUpdate(static_cast<const ast::UpdateStmt&>(stmt), out);
      break;
    case ast::StmtKind::kDelete:
      st = BindDelete(static_cast<const ast::DeleteStmt&>(stmt), out);
      break;
    default:
      return Status::Error(sqlstate::kInternalError, "statement is not bindable");
  }
  NANO_RETURN_IF_ERROR(st);
  for (ColumnDesc& c : out->columns) {
    if (!IsRecordType(c.type)) continue;
    c.typlen = -1;  // composite types are varlena (enums, the other user types, are 4)
    if (c.type.oid == type::kRecord) c.type.typmod = -1;  // shape ids stay internal
  }
  if (!dml_ctes_.empty()) {
    // Data-modifying WITH queries run once, first, whether or not the main
    // query reads them.
    auto wrap = std::make_unique<PlanNode>();
    wrap->kind = PlanKind::kWithEffects;
    wrap->columns = out->plan->columns;
    wrap->pre_ctes = std::move(dml_ctes_);
    wrap->shared_plan = out->plan;
    out->plan = std::shared_ptr<const PlanNode>(std::move(wrap));
  }
  for (TypeRef& t : param_types_) {
    if (t.oid == type::kUnknown) t = TypeRef{type::kText, -1};
  }
  out->param_types = param_types_;
  out->catalog_generation = catalog_->generation();
  out->catalog = catalog_;
  out->accesses = std::move(accesses_);
  accesses_.clear();
  return Status::OK();
}

}  // namespace nano
