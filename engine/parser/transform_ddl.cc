// engine/parser/transform_ddl.cc — CREATE/ALTER/DROP and their pieces.
#include <cctype>
#include <cstdlib>
#include <utility>

#include "common/sqlstate.h"
#include "parser/transform.h"

namespace nano::parser_internal {

namespace {

char PersistenceOf(const PgQuery__RangeVar* rv) {
  if (rv == nullptr || rv->relpersistence == nullptr || rv->relpersistence[0] == '\0') return 'p';
  return rv->relpersistence[0];
}

char FirstChar(const char* s, char fallback) {
  return (s == nullptr || s[0] == '\0') ? fallback : s[0];
}

ast::FkAction ToFkAction(const char* s) {
  switch (FirstChar(s, 'a')) {
    case 'r':
      return ast::FkAction::kRestrict;
    case 'c':
      return ast::FkAction::kCascade;
    case 'n':
      return ast::FkAction::kSetNull;
    case 'd':
      return ast::FkAction::kSetDefault;
    default:
      return ast::FkAction::kNoAction;
  }
}

std::string LastOf(size_t n, Node** items) { return n == 0 ? std::string() : StrVal(items[n - 1]); }

// An object name as DROP/COMMENT/RENAME give it: a List of Strings, a bare
// String, a TypeName (types, domains) or an ObjectWithArgs (functions).
std::vector<std::string> ObjectName(const Node* n) {
  if (n == nullptr) return {};
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_LIST:
      return NameList(n->list->n_items, n->list->items);
    case PG_QUERY__NODE__NODE_STRING:
      return {StrVal(n)};
    case PG_QUERY__NODE__NODE_TYPE_NAME:
      return NameList(n->type_name->n_names, n->type_name->names);
    case PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS:
      return NameList(n->object_with_args->n_objname, n->object_with_args->objname);
    default:
      return {};
  }
}

}  // namespace

ast::ObjectType ToObjectType(PgQuery__ObjectType t) {
  switch (t) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
      return ast::ObjectType::kTable;
    case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
      return ast::ObjectType::kIndex;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
      return ast::ObjectType::kSequence;
    case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
      return ast::ObjectType::kView;
    case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
      return ast::ObjectType::kMaterializedView;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
      return ast::ObjectType::kSchema;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
      return ast::ObjectType::kType;
    case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
      return ast::ObjectType::kDomain;
    case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
      return ast::ObjectType::kFunction;
    case PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE:
      return ast::ObjectType::kAggregate;
    case PG_QUERY__OBJECT_TYPE__OBJECT_OPERATOR:
      return ast::ObjectType::kOperator;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
      return ast::ObjectType::kTrigger;
    case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
      return ast::ObjectType::kPolicy;
    case PG_QUERY__OBJECT_TYPE__OBJECT_DATABASE:
      return ast::ObjectType::kDatabase;
    case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
      return ast::ObjectType::kColumn;
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT:
      return ast::ObjectType::kConstraint;
    case PG_QUERY__OBJECT_TYPE__OBJECT_ROLE:
      return ast::ObjectType::kRole;
    default:
      return ast::ObjectType::kOther;
  }
}

ast::DropBehavior ToDropBehavior(PgQuery__DropBehavior b) {
  return b == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE ? ast::DropBehavior::kCascade
                                                    : ast::DropBehavior::kRestrict;
}

Status Transformer::DefElemNode(const PgQuery__DefElem* d, ast::DefElem* out) {
  using K = ast::DefElem::ArgKind;
  out->name = Str(d->defname);
  out->location = d->location;
  const Node* a = d->arg;
  if (a == nullptr) {
    out->arg_kind = K::kNone;
    return Status::OK();
  }
  switch (a->node_case) {
    case PG_QUERY__NODE__NODE_INTEGER:
      out->arg_kind = K::kInteger;
      out->ival = a->integer->ival;
      out->str = std::to_string(out->ival);
      break;
    case PG_QUERY__NODE__NODE_FLOAT:
      out->arg_kind = K::kNumber;
      out->str = Str(a->float_->fval);
      break;
    case PG_QUERY__NODE__NODE_STRING:
      out->arg_kind = K::kString;
      out->str = StrVal(a);
      break;
    case PG_QUERY__NODE__NODE_BOOLEAN:
      out->arg_kind = K::kBool;
      out->bval = a->boolean->boolval;
      out->str = out->bval ? "true" : "false";
      break;
    case PG_QUERY__NODE__NODE_TYPE_NAME:
      out->arg_kind = K::kTypeName;
      out->type_name = std::make_unique<ast::TypeName>();
      if (!ToTypeName(a->type_name, out->type_name.get()).ok()) {
        // `SFUNC = f(int8, int4)`: a function name written with argument
        // types, which the grammar reads as type modifiers; PostgreSQL's
        // defGetQualifiedName takes the name and ignores them.
        *out->type_name = ast::TypeName();
        out->type_name->names = NameList(a->type_name->n_names, a->type_name->names);
        out->type_name->location = a->type_name->location;
      }
      out->str = out->type_name->names.empty() ? std::string() : out->type_name->names.back();
      break;
    case PG_QUERY__NODE__NODE_LIST:
      out->arg_kind = K::kList;
      for (size_t i = 0; i < a->list->n_items; ++i) {
        const Node* item = a->list->items[i];
        if (item->node_case == PG_QUERY__NODE__NODE_STRING) {
          out->list.push_back(StrVal(item));
        } else if (item->node_case == PG_QUERY__NODE__NODE_INTEGER) {
          out->list.push_back(std::to_string(item->integer->ival));
        } else if (item->node_case == PG_QUERY__NODE__NODE_DEF_ELEM) {
          out->list.push_back(Str(item->def_elem->defname));
        }
      }
      break;
    case PG_QUERY__NODE__NODE_A_STAR:
      out->arg_kind = K::kList;  // FORCE_QUOTE *
      out->list.push_back("*");
      break;
    case PG_QUERY__NODE__NODE_A_CONST: {
      const PgQuery__AConst* c = a->a_const;
      switch (c->val_case) {
        case PG_QUERY__A__CONST__VAL_IVAL:
          out->arg_kind = K::kInteger;
          out->ival = c->ival->ival;
          out->str = std::to_string(out->ival);
          break;
        case PG_QUERY__A__CONST__VAL_FVAL:
          out->arg_kind = K::kNumber;
          out->str = Str(c->fval->fval);
          break;
        case PG_QUERY__A__CONST__VAL_BOOLVAL:
          out->arg_kind = K::kBool;
          out->bval = c->boolval->boolval;
          out->str = out->bval ? "true" : "false";
          break;
        case PG_QUERY__A__CONST__VAL_SVAL:
          out->arg_kind = K::kString;
          out->str = Str(c->sval->sval);
          break;
        default:
          out->arg_kind = K::kNone;
          break;
      }
      break;
    }
    case PG_QUERY__NODE__NODE_ROLE_SPEC:
      out->arg_kind = K::kString;
      out->str = Str(a->role_spec->rolename);
      break;
    default: {
      Status st = Status::Error(
          sqlstate::kFeatureNotSupported,
          "option \"" + out->name + "\" has an unsupported value (" + NodeName(a) + ")");
      st.SetPositionIfUnset(d->location + 1);
      return st;
    }
  }
  return Status::OK();
}

Status Transformer::DefElems(size_t n, Node** items, std::vector<ast::DefElem>* out) {
  out->reserve(out->size() + n);
  for (size_t i = 0; i < n; ++i) {
    if (items[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) return Unsupported(items[i], -1);
    out->emplace_back();
    NANO_RETURN_IF_ERROR(DefElemNode(items[i]->def_elem, &out->back()));
  }
  return Status::OK();
}

Status Transformer::ConstraintNode(const PgQuery__Constraint* c, ast::Constraint* out) {
  using K = ast::ConstraintKind;
  switch (c->contype) {
    case PG_QUERY__CONSTR_TYPE__CONSTR_NULL:
      out->kind = K::kNull;
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
      out->kind = K::kNotNull;
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
      out->kind = K::kDefault;
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
      out->kind = K::kIdentity;
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED:
      out->kind = K::kGenerated;
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
      out->kind = K::kCheck;
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
      out->kind = K::kPrimaryKey;
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
      out->kind = K::kUnique;
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION:
      out->kind = K::kExclusion;
      break;
    case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
      out->kind = K::kForeignKey;
      break;
    default: {
      Status st = Status::Error(sqlstate::kSyntaxError, "misplaced constraint attribute clause");
      st.SetPositionIfUnset(c->location + 1);
      return st;
    }
  }
  out->name = Str(c->conname);
  out->location = c->location;
  out->deferrable = c->deferrable;
  out->initially_deferred = c->initdeferred;
  out->no_inherit = c->is_no_inherit;
  out->nulls_not_distinct = c->nulls_not_distinct;
  out->not_valid = c->skip_validation;
  out->index_name = Str(c->indexname);
  out->generated_when = FirstChar(c->generated_when, 0);
  if (c->raw_expr != nullptr) {
    NANO_RETURN_IF_ERROR(Expr(c->raw_expr, &out->expr));
    out->expr_text = Deparse(c->raw_expr, /*is_stmt=*/false);
  }
  out->keys = NameList(c->n_keys, c->keys);
  out->including = NameList(c->n_including, c->including);
  NANO_RETURN_IF_ERROR(DefElems(c->n_options, c->options, &out->options));
  if (out->kind == K::kForeignKey) {
    out->keys = NameList(c->n_fk_attrs, c->fk_attrs);
    out->pk_table = ToRangeVar(c->pktable);
    out->pk_columns = NameList(c->n_pk_attrs, c->pk_attrs);
    out->on_delete = ToFkAction(c->fk_del_action);
    out->on_update = ToFkAction(c->fk_upd_action);
    out->match_type = FirstChar(c->fk_matchtype, 's');
  }
  return Status::OK();
}

Status Transformer::ColumnDefinition(const PgQuery__ColumnDef* c, ast::ColumnDef* out) {
  out->name = Str(c->colname);
  out->location = c->location;
  if (c->type_name != nullptr) NANO_RETURN_IF_ERROR(ToTypeName(c->type_name, &out->type));
  if (c->coll_clause != nullptr)
    out->collation = LastOf(c->coll_clause->n_collname, c->coll_clause->collname);
  for (size_t i = 0; i < c->n_constraints; ++i) {
    const Node* n = c->constraints[i];
    if (n->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) return Unsupported(n, -1);
    const PgQuery__Constraint* k = n->constraint;
    // DEFERRABLE / INITIALLY DEFERRED after a column constraint arrive as
    // separate attribute nodes that qualify the constraint before them.
    switch (k->contype) {
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE:
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE:
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED:
      case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE: {
        // As PostgreSQL's transformConstraintAttrs: only PRIMARY KEY, UNIQUE,
        // EXCLUDE and REFERENCES take these attributes.
        bool ok = !out->constraints.empty();
        if (ok) {
          ast::ConstraintKind pk = out->constraints.back().kind;
          ok = pk == ast::ConstraintKind::kPrimaryKey || pk == ast::ConstraintKind::kUnique ||
               pk == ast::ConstraintKind::kExclusion || pk == ast::ConstraintKind::kForeignKey;
        }
        if (!ok) {
          const char* what =
              k->contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE       ? "DEFERRABLE"
              : k->contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE ? "NOT DEFERRABLE"
              : k->contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED ? "INITIALLY DEFERRED"
                                                                          : "INITIALLY IMMEDIATE";
          Status st =
              Status::Error(sqlstate::kSyntaxError, std::string("misplaced ") + what + " clause");
          st.SetPositionIfUnset(k->location + 1);
          return st;
        }
        ast::Constraint& prev = out->constraints.back();
        if (k->contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE) prev.deferrable = true;
        if (k->contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE)
          prev.deferrable = false;
        if (k->contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED) {
          prev.initially_deferred = true;
          prev.deferrable = true;
        }
        if (k->contype == PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE)
          prev.initially_deferred = false;
        continue;
      }
      default:
        break;
    }
    out->constraints.emplace_back();
    NANO_RETURN_IF_ERROR(ConstraintNode(k, &out->constraints.back()));
  }
  return Status::OK();
}

Status Transformer::PartitionSpecNode(const PgQuery__PartitionSpec* s, ast::PartitionSpec* out) {
  std::string strategy = Str(s->strategy);
  out->strategy = strategy == "list" ? 'l' : strategy == "range" ? 'r' : 'h';
  out->location = s->location;
  for (size_t i = 0; i < s->n_part_params; ++i) {
    const Node* n = s->part_params[i];
    if (n->node_case != PG_QUERY__NODE__NODE_PARTITION_ELEM) return Unsupported(n, -1);
    out->columns.push_back(Str(n->partition_elem->name));
    const Node* expr = n->partition_elem->expr;
    out->exprs.push_back(expr != nullptr ? Deparse(expr, /*is_stmt=*/false) : std::string());
  }
  return Status::OK();
}

Status Transformer::PartitionBound(const PgQuery__PartitionBoundSpec* s,
                                   ast::PartitionBoundSpec* out) {
  std::string strategy = Str(s->strategy);
  out->strategy = strategy.empty() ? 0 : strategy[0];
  out->is_default = s->is_default;
  out->modulus = s->modulus;
  out->remainder = s->remainder;
  out->location = s->location;
  NANO_RETURN_IF_ERROR(ExprList(s->n_listdatums, s->listdatums, &out->list));
  NANO_RETURN_IF_ERROR(ExprList(s->n_lowerdatums, s->lowerdatums, &out->lower));
  NANO_RETURN_IF_ERROR(ExprList(s->n_upperdatums, s->upperdatums, &out->upper));
  return Status::OK();
}

Status Transformer::CreateTable(const PgQuery__CreateStmt* s, ast::StatementPtr* out) {
  auto ct = std::make_unique<ast::CreateTableStmt>();
  ct->table = ToRangeVar(s->relation);
  ct->persistence = PersistenceOf(s->relation);
  ct->if_not_exists = s->if_not_exists;
  ct->has_partition_spec = s->partspec != nullptr;
  for (size_t i = 0; i < s->n_table_elts; ++i) {
    const Node* e = s->table_elts[i];
    switch (e->node_case) {
      case PG_QUERY__NODE__NODE_COLUMN_DEF:
        ct->columns.emplace_back();
        NANO_RETURN_IF_ERROR(ColumnDefinition(e->column_def, &ct->columns.back()));
        break;
      case PG_QUERY__NODE__NODE_CONSTRAINT:
        ct->constraints.emplace_back();
        NANO_RETURN_IF_ERROR(ConstraintNode(e->constraint, &ct->constraints.back()));
        break;
      case PG_QUERY__NODE__NODE_TABLE_LIKE_CLAUSE: {
        ast::CreateTableStmt::Like like;
        like.table = ToRangeVar(e->table_like_clause->relation);
        like.options = e->table_like_clause->options;
        like.position = ct->columns.size();
        ct->likes.push_back(std::move(like));
        break;
      }
      default:
        return Unsupported(e, -1);
    }
  }
  for (size_t i = 0; i < s->n_constraints; ++i) {
    if (s->constraints[i]->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) continue;
    ct->constraints.emplace_back();
    NANO_RETURN_IF_ERROR(ConstraintNode(s->constraints[i]->constraint, &ct->constraints.back()));
  }
  for (size_t i = 0; i < s->n_inh_relations; ++i) {
    if (s->inh_relations[i]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
      ct->inherits.push_back(ToRangeVar(s->inh_relations[i]->range_var));
    }
  }
  if (s->partspec != nullptr) {
    NANO_RETURN_IF_ERROR(PartitionSpecNode(s->partspec, &ct->partition_spec));
  }
  if (s->partbound != nullptr) {
    ct->partition_bound = std::make_unique<ast::PartitionBoundSpec>();
    NANO_RETURN_IF_ERROR(PartitionBound(s->partbound, ct->partition_bound.get()));
  }
  *out = std::move(ct);
  return Status::OK();
}

Status Transformer::CreateTableAs(const PgQuery__CreateTableAsStmt* s, ast::StatementPtr* out) {
  auto ct = std::make_unique<ast::CreateTableAsStmt>();
  if (s->into != nullptr) {
    ct->table = ToRangeVar(s->into->rel);
    ct->persistence = PersistenceOf(s->into->rel);
    ct->column_names = NameList(s->into->n_col_names, s->into->col_names);
    ct->with_no_data = s->into->skip_data;
  }
  ct->if_not_exists = s->if_not_exists;
  ct->is_materialized_view = s->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW;
  NANO_RETURN_IF_ERROR(SelectNode(s->query, &ct->query));
  *out = std::move(ct);
  return Status::OK();
}

Status Transformer::CreateIndex(const PgQuery__IndexStmt* s, ast::StatementPtr* out) {
  auto ci = std::make_unique<ast::CreateIndexStmt>();
  ci->name = Str(s->idxname);
  ci->table = ToRangeVar(s->relation);
  ci->access_method = Str(s->access_method);
  ci->unique = s->unique;
  ci->nulls_not_distinct = s->nulls_not_distinct;
  ci->if_not_exists = s->if_not_exists;
  ci->concurrent = s->concurrent;
  ci->primary = s->primary;
  for (size_t i = 0; i < s->n_index_params; ++i) {
    const Node* n = s->index_params[i];
    if (n->node_case != PG_QUERY__NODE__NODE_INDEX_ELEM) return Unsupported(n, -1);
    const PgQuery__IndexElem* e = n->index_elem;
    ast::IndexElem el;
    el.column = Str(e->name);
    if (e->expr != nullptr) {
      NANO_RETURN_IF_ERROR(Expr(e->expr, &el.expr));
      el.expr_text = Deparse(e->expr, /*is_stmt=*/false);
    }
    if (e->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_ASC) el.dir = ast::SortDir::kAsc;
    if (e->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_DESC) el.dir = ast::SortDir::kDesc;
    if (e->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST)
      el.nulls = ast::NullsOrder::kFirst;
    if (e->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST)
      el.nulls = ast::NullsOrder::kLast;
    el.opclass = LastOf(e->n_opclass, e->opclass);
    el.collation = LastOf(e->n_collation, e->collation);
    ci->params.push_back(std::move(el));
  }
  for (size_t i = 0; i < s->n_index_including_params; ++i) {
    const Node* n = s->index_including_params[i];
    if (n->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM)
      ci->including.push_back(Str(n->index_elem->name));
  }
  if (s->where_clause != nullptr) {
    NANO_RETURN_IF_ERROR(Expr(s->where_clause, &ci->where));
    ci->where_text = Deparse(s->where_clause, /*is_stmt=*/false);
  }
  NANO_RETURN_IF_ERROR(DefElems(s->n_options, s->options, &ci->options));
  *out = std::move(ci);
  return Status::OK();
}

Status Transformer::CreateSequence(const PgQuery__CreateSeqStmt* s, ast::StatementPtr* out) {
  auto cs = std::make_unique<ast::CreateSequenceStmt>();
  cs->sequence = ToRangeVar(s->sequence);
  cs->persistence = PersistenceOf(s->sequence);
  cs->if_not_exists = s->if_not_exists;
  NANO_RETURN_IF_ERROR(DefElems(s->n_options, s->options, &cs->options));
  *out = std::move(cs);
  return Status::OK();
}

Status Transformer::AlterSequence(const PgQuery__AlterSeqStmt* s, ast::StatementPtr* out) {
  auto as = std::make_unique<ast::AlterSequenceStmt>();
  as->sequence = ToRangeVar(s->sequence);
  as->missing_ok = s->missing_ok;
  NANO_RETURN_IF_ERROR(DefElems(s->n_options, s->options, &as->options));
  *out = std::move(as);
  return Status::OK();
}

Status Transformer::CreateSchema(const PgQuery__CreateSchemaStmt* s, ast::StatementPtr* out) {
  auto cs = std::make_unique<ast::CreateSchemaStmt>();
  cs->name = Str(s->schemaname);
  if (s->authrole != nullptr) cs->authorization = Str(s->authrole->rolename);
  // CREATE SCHEMA AUTHORIZATION r: the schema is named after the role.
  if (cs->name.empty()) cs->name = cs->authorization;
  cs->if_not_exists = s->if_not_exists;
  for (size_t i = 0; i < s->n_schema_elts; ++i) {
    ast::StatementPtr el;
    NANO_RETURN_IF_ERROR(Stmt(s->schema_elts[i], &el));
    cs->elements.push_back(std::move(el));
  }
  *out = std::move(cs);
  return Status::OK();
}

Status Transformer::CreateDatabase(const PgQuery__CreatedbStmt* s, ast::StatementPtr* out) {
  auto cd = std::make_unique<ast::CreateDatabaseStmt>();
  cd->name = Str(s->dbname);
  NANO_RETURN_IF_ERROR(DefElems(s->n_options, s->options, &cd->options));
  *out = std::move(cd);
  return Status::OK();
}

Status Transformer::DropDatabase(const PgQuery__DropdbStmt* s, ast::StatementPtr* out) {
  auto dd = std::make_unique<ast::DropDatabaseStmt>();
  dd->name = Str(s->dbname);
  dd->missing_ok = s->missing_ok;
  for (size_t i = 0; i < s->n_options; ++i) {
    const Node* o = s->options[i];
    if (o->node_case == PG_QUERY__NODE__NODE_DEF_ELEM && Str(o->def_elem->defname) == "force")
      dd->force = true;
  }
  *out = std::move(dd);
  return Status::OK();
}

Status Transformer::CreateView(const PgQuery__ViewStmt* s, ast::StatementPtr* out) {
  auto cv = std::make_unique<ast::CreateViewStmt>();
  cv->view = ToRangeVar(s->view);
  cv->persistence = PersistenceOf(s->view);
  cv->column_names = NameList(s->n_aliases, s->aliases);
  cv->replace = s->replace;
  switch (s->with_check_option) {
    case PG_QUERY__VIEW_CHECK_OPTION__LOCAL_CHECK_OPTION:
      cv->check_option = "local";
      break;
    case PG_QUERY__VIEW_CHECK_OPTION__CASCADED_CHECK_OPTION:
      cv->check_option = "cascaded";
      break;
    default:
      break;
  }
  // WITH (check_option = ...) is the same thing spelled as an option.
  for (size_t i = 0; i < s->n_options; ++i) {
    const Node* o = s->options[i];
    if (o->node_case != PG_QUERY__NODE__NODE_DEF_ELEM ||
        Str(o->def_elem->defname) != "check_option")
      continue;
    ast::DefElem d;
    NANO_RETURN_IF_ERROR(DefElemNode(o->def_elem, &d));
    cv->check_option = d.str;
  }
  NANO_RETURN_IF_ERROR(SelectNode(s->query, &cv->query));
  cv->query_text = Deparse(s->query, /*is_stmt=*/true);
  *out = std::move(cv);
  return Status::OK();
}

Status Transformer::CreateEnum(const PgQuery__CreateEnumStmt* s, ast::StatementPtr* out) {
  auto ct = std::make_unique<ast::CreateTypeStmt>();
  ct->form = ast::CreateTypeStmt::Form::kEnum;
  ct->name = NameList(s->n_type_name, s->type_name);
  ct->enum_labels = NameList(s->n_vals, s->vals);
  *out = std::move(ct);
  return Status::OK();
}

Status Transformer::AlterEnum(const PgQuery__AlterEnumStmt* s, ast::StatementPtr* out) {
  auto ae = std::make_unique<ast::AlterEnumStmt>();
  ae->name = NameList(s->n_type_name, s->type_name);
  if (s->old_val != nullptr) ae->old_value = s->old_val;
  if (s->new_val != nullptr) ae->new_value = s->new_val;
  if (s->new_val_neighbor != nullptr) ae->neighbor = s->new_val_neighbor;
  ae->after = s->new_val_is_after;
  ae->if_not_exists = s->skip_if_new_val_exists;
  *out = std::move(ae);
  return Status::OK();
}

Status Transformer::AlterDomain(const PgQuery__AlterDomainStmt* s, ast::StatementPtr* out) {
  auto ad = std::make_unique<ast::AlterDomainStmt>();
  ad->name = NameList(s->n_type_name, s->type_name);
  ad->subtype = s->subtype != nullptr && s->subtype[0] != '\0' ? s->subtype[0] : 'T';
  if (s->name != nullptr) ad->constraint_name = s->name;
  ad->missing_ok = s->missing_ok;
  if (s->def != nullptr) {
    if (ad->subtype == 'C') {
      if (s->def->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) return Unsupported(s->def, -1);
      ad->constraint = std::make_unique<ast::Constraint>();
      NANO_RETURN_IF_ERROR(ConstraintNode(s->def->constraint, ad->constraint.get()));
    } else {
      ad->default_text = Deparse(s->def, /*is_stmt=*/false);
    }
  }
  *out = std::move(ad);
  return Status::OK();
}

Status Transformer::CreateComposite(const PgQuery__CompositeTypeStmt* s, ast::StatementPtr* out) {
  auto ct = std::make_unique<ast::CreateTypeStmt>();
  ct->form = ast::CreateTypeStmt::Form::kComposite;
  ast::RangeVar rv = ToRangeVar(s->typevar);
  if (!rv.schema.empty()) ct->name.push_back(rv.schema);
  ct->name.push_back(rv.name);
  for (size_t i = 0; i < s->n_coldeflist; ++i) {
    const Node* n = s->coldeflist[i];
    if (n->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF) return Unsupported(n, -1);
    ct->attributes.emplace_back();
    NANO_RETURN_IF_ERROR(ColumnDefinition(n->column_def, &ct->attributes.back()));
  }
  *out = std::move(ct);
  return Status::OK();
}

Status Transformer::CreateDomain(const PgQuery__CreateDomainStmt* s, ast::StatementPtr* out) {
  auto ct = std::make_unique<ast::CreateTypeStmt>();
  ct->form = ast::CreateTypeStmt::Form::kDomain;
  ct->name = NameList(s->n_domainname, s->domainname);
  if (s->type_name != nullptr) NANO_RETURN_IF_ERROR(ToTypeName(s->type_name, &ct->base_type));
  for (size_t i = 0; i < s->n_constraints; ++i) {
    const Node* n = s->constraints[i];
    if (n->node_case != PG_QUERY__NODE__NODE_CONSTRAINT) return Unsupported(n, -1);
    ct->constraints.emplace_back();
    NANO_RETURN_IF_ERROR(ConstraintNode(n->constraint, &ct->constraints.back()));
  }
  *out = std::move(ct);
  return Status::OK();
}

Status Transformer::Drop(const PgQuery__DropStmt* s, ast::StatementPtr* out) {
  auto d = std::make_unique<ast::DropStmt>();
  d->object_type = ToObjectType(s->remove_type);
  d->missing_ok = s->missing_ok;
  d->behavior = ToDropBehavior(s->behavior);
  d->concurrent = s->concurrent;
  d->objects.reserve(s->n_objects);
  for (size_t i = 0; i < s->n_objects; ++i) {
    const Node* o = s->objects[i];
    d->objects.push_back(ObjectName(o));
    std::vector<ast::TypeName> args;
    bool given = false;
    if (o != nullptr && o->node_case == PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
      const PgQuery__ObjectWithArgs* w = o->object_with_args;
      given = !w->args_unspecified;
      for (size_t a = 0; a < w->n_objargs; ++a) {
        if (w->objargs[a]->node_case != PG_QUERY__NODE__NODE_TYPE_NAME) continue;
        args.emplace_back();
        NANO_RETURN_IF_ERROR(ToTypeName(w->objargs[a]->type_name, &args.back()));
      }
    }
    d->args_given.push_back(given);
    d->object_args.push_back(std::move(args));
  }
  *out = std::move(d);
  return Status::OK();
}

Status Transformer::FunctionOption(const PgQuery__DefElem* d, ast::CreateFunctionStmt* f) {
  std::string name = Str(d->defname);
  const Node* a = d->arg;
  if (name == "as" && a != nullptr && a->node_case == PG_QUERY__NODE__NODE_LIST) {
    if (a->list->n_items != 1) {
      return Status::Error(sqlstate::kInvalidFunctionDefinition,
                           "only one AS item needed for language \"" + f->language + "\"");
    }
    f->body = StrVal(a->list->items[0]);
  } else if (name == "language" && a != nullptr) {
    f->language = StrVal(a);
    for (char& c : f->language) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  } else if (name == "volatility" && a != nullptr) {
    f->volatility = StrVal(a).empty() ? 'v' : StrVal(a)[0];
  } else if (name == "strict" && a != nullptr && a->node_case == PG_QUERY__NODE__NODE_BOOLEAN) {
    f->strict = a->boolean->boolval;
  } else if ((name == "cost" || name == "rows") && a != nullptr) {
    double v = a->node_case == PG_QUERY__NODE__NODE_INTEGER ? a->integer->ival
               : a->node_case == PG_QUERY__NODE__NODE_FLOAT ? std::atof(a->float_->fval)
                                                            : -1;
    if (v <= 0) {
      return Status::Error(sqlstate::kInvalidParameterValue,
                           name == "cost" ? "COST must be positive" : "ROWS must be positive");
    }
    (name == "cost" ? f->cost : f->rows) = v;
  }
  // SECURITY, LEAKPROOF, PARALLEL, SET, WINDOW, SUPPORT: accepted, no effect here.
  return Status::OK();
}

Status Transformer::CreateFunction(const PgQuery__CreateFunctionStmt* s, ast::StatementPtr* out) {
  auto f = std::make_unique<ast::CreateFunctionStmt>();
  f->name = NameList(s->n_funcname, s->funcname);
  f->replace = s->replace;
  for (size_t i = 0; i < s->n_parameters; ++i) {
    const Node* n = s->parameters[i];
    if (n->node_case != PG_QUERY__NODE__NODE_FUNCTION_PARAMETER) return Unsupported(n, -1);
    const PgQuery__FunctionParameter* p = n->function_parameter;
    ast::FunctionParam param;
    param.name = Str(p->name);
    if (p->arg_type != nullptr) NANO_RETURN_IF_ERROR(ToTypeName(p->arg_type, &param.type));
    switch (p->mode) {
      case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_OUT:
        param.mode = 'o';
        break;
      case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_INOUT:
        param.mode = 'b';
        break;
      case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_VARIADIC:
        param.mode = 'v';
        break;
      case PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_TABLE:
        param.mode = 't';
        f->returns_set = true;
        break;
      default:
        param.mode = 'i';
        break;
    }
    if (p->defexpr != nullptr) param.default_text = Deparse(p->defexpr, /*is_stmt=*/false);
    f->params.push_back(std::move(param));
  }
  if (s->return_type != nullptr) {
    f->has_return_type = true;
    NANO_RETURN_IF_ERROR(ToTypeName(s->return_type, &f->return_type));
    f->location = s->return_type->location;
    if (s->return_type->setof) f->returns_set = true;
  }
  for (size_t i = 0; i < s->n_options; ++i) {
    if (s->options[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    if (Str(s->options[i]->def_elem->defname) == "language") {
      NANO_RETURN_IF_ERROR(FunctionOption(s->options[i]->def_elem, f.get()));
    }
  }
  for (size_t i = 0; i < s->n_options; ++i) {
    if (s->options[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    NANO_RETURN_IF_ERROR(FunctionOption(s->options[i]->def_elem, f.get()));
  }
  if (s->sql_body != nullptr) {
    // BEGIN ATOMIC: a List holding the List of statements.
    f->atomic_body = true;
    const Node* body = s->sql_body;
    if (body->node_case == PG_QUERY__NODE__NODE_LIST && body->list->n_items == 1 &&
        body->list->items[0]->node_case == PG_QUERY__NODE__NODE_LIST) {
      body = body->list->items[0];
    }
    if (body->node_case == PG_QUERY__NODE__NODE_LIST) {
      for (size_t i = 0; i < body->list->n_items; ++i) {
        f->body += Deparse(body->list->items[i], /*is_stmt=*/true) + ";\n";
      }
    } else {
      f->body = Deparse(body, /*is_stmt=*/true);
    }
  }
  *out = std::move(f);
  return Status::OK();
}

Status Transformer::FunctionParams(Node* const* params, size_t n,
                                   std::vector<ast::FunctionParam>* out) {
  for (size_t i = 0; i < n; ++i) {
    const Node* node = params[i];
    if (node->node_case != PG_QUERY__NODE__NODE_FUNCTION_PARAMETER) return Unsupported(node, -1);
    const PgQuery__FunctionParameter* p = node->function_parameter;
    ast::FunctionParam param;
    param.name = Str(p->name);
    if (p->arg_type != nullptr) NANO_RETURN_IF_ERROR(ToTypeName(p->arg_type, &param.type));
    param.mode = p->mode == PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_VARIADIC ? 'v' : 'i';
    out->push_back(std::move(param));
  }
  return Status::OK();
}

// DefineStmt of CREATE AGGREGATE or CREATE OPERATOR (the dispatcher leaves
// base types, text search objects and collations unsupported).
Status Transformer::Define(const PgQuery__DefineStmt* s, ast::StatementPtr* out) {
  std::vector<ast::DefElem> options;
  for (size_t i = 0; i < s->n_definition; ++i) {
    if (s->definition[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
    options.emplace_back();
    NANO_RETURN_IF_ERROR(DefElemNode(s->definition[i]->def_elem, &options.back()));
  }
  if (s->kind == PG_QUERY__OBJECT_TYPE__OBJECT_OPERATOR) {
    auto op = std::make_unique<ast::CreateOperatorStmt>();
    op->name = NameList(s->n_defnames, s->defnames);
    op->options = std::move(options);
    *out = std::move(op);
    return Status::OK();
  }
  auto agg = std::make_unique<ast::CreateAggregateStmt>();
  agg->name = NameList(s->n_defnames, s->defnames);
  agg->replace = s->replace;
  agg->old_style = s->oldstyle;
  // args: (list of FunctionParameter, Integer number of direct args or -1).
  if (s->n_args >= 1 && s->args[0]->node_case == PG_QUERY__NODE__NODE_LIST) {
    NANO_RETURN_IF_ERROR(
        FunctionParams(s->args[0]->list->items, s->args[0]->list->n_items, &agg->params));
  }
  if (s->n_args >= 2 && s->args[1]->node_case == PG_QUERY__NODE__NODE_INTEGER) {
    agg->num_direct_args = s->args[1]->integer->ival;
  }
  agg->options = std::move(options);
  *out = std::move(agg);
  return Status::OK();
}

Status Transformer::AlterTable(const PgQuery__AlterTableStmt* s, ast::StatementPtr* out) {
  using K = ast::AlterTableCmdKind;
  auto at = std::make_unique<ast::AlterTableStmt>();
  at->table = ToRangeVar(s->relation);
  at->object_type = ToObjectType(s->objtype);
  at->missing_ok = s->missing_ok;
  for (size_t i = 0; i < s->n_cmds; ++i) {
    const Node* n = s->cmds[i];
    if (n->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD) return Unsupported(n, -1);
    const PgQuery__AlterTableCmd* c = n->alter_table_cmd;
    ast::AlterTableCmd cmd;
    cmd.name = Str(c->name);
    cmd.missing_ok = c->missing_ok;
    cmd.behavior = ToDropBehavior(c->behavior);
    const Node* def = c->def;
    switch (c->subtype) {
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumnRecurse:
        if (def == nullptr || def->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF)
          return Unsupported(def, -1);
        cmd.kind = K::kAddColumn;
        cmd.if_not_exists = c->missing_ok;  // ADD COLUMN IF NOT EXISTS reuses missing_ok
        cmd.missing_ok = false;
        cmd.column = std::make_unique<ast::ColumnDef>();
        NANO_RETURN_IF_ERROR(ColumnDefinition(def->column_def, cmd.column.get()));
        cmd.name = cmd.column->name;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumnRecurse:
        cmd.kind = K::kDropColumn;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
        if (def == nullptr || def->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF)
          return Unsupported(def, -1);
        cmd.kind = K::kAlterColumnType;
        cmd.column = std::make_unique<ast::ColumnDef>();
        NANO_RETURN_IF_ERROR(ColumnDefinition(def->column_def, cmd.column.get()));
        cmd.column->name = cmd.name;
        NANO_RETURN_IF_ERROR(OptExpr(def->column_def->raw_default, &cmd.using_expr));  // USING expr
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
        if (def == nullptr) {
          cmd.kind = K::kDropDefault;
        } else {
          cmd.kind = K::kSetDefault;
          NANO_RETURN_IF_ERROR(Expr(def, &cmd.default_expr));
          cmd.default_text = Deparse(def, /*is_stmt=*/false);
        }
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
        cmd.kind = K::kSetNotNull;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
        cmd.kind = K::kDropNotNull;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraintRecurse:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity:
        if (def == nullptr || def->node_case != PG_QUERY__NODE__NODE_CONSTRAINT)
          return Unsupported(def, -1);
        cmd.kind = c->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity ? K::kAddIdentity
                                                                            : K::kAddConstraint;
        cmd.constraint = std::make_unique<ast::Constraint>();
        NANO_RETURN_IF_ERROR(ConstraintNode(def->constraint, cmd.constraint.get()));
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraintRecurse:
        cmd.kind = K::kDropConstraint;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropIdentity:
        cmd.kind = K::kDropIdentity;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRowSecurity:
        cmd.kind = K::kEnableRowSecurity;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRowSecurity:
        cmd.kind = K::kDisableRowSecurity;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ForceRowSecurity:
        cmd.kind = K::kForceRowSecurity;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_NoForceRowSecurity:
        cmd.kind = K::kNoForceRowSecurity;
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner:
        cmd.kind = K::kChangeOwner;
        if (c->newowner != nullptr) {
          cmd.name = Str(c->newowner->rolename);
          if (c->newowner->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CURRENT_USER ||
              c->newowner->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CURRENT_ROLE) {
            cmd.other_name = "current_user";
          } else if (c->newowner->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_SESSION_USER) {
            cmd.other_name = "session_user";
          }
        }
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AddInherit:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DropInherit:
        if (def == nullptr || def->node_case != PG_QUERY__NODE__NODE_RANGE_VAR)
          return Unsupported(def, -1);
        cmd.kind = c->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AddInherit ? K::kAddInherit
                                                                           : K::kDropInherit;
        cmd.relation = ToRangeVar(def->range_var);
        break;
      case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition:
      case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition:
        if (def == nullptr || def->node_case != PG_QUERY__NODE__NODE_PARTITION_CMD)
          return Unsupported(def, -1);
        cmd.kind = c->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition
                       ? K::kAttachPartition
                       : K::kDetachPartition;
        cmd.relation = ToRangeVar(def->partition_cmd->name);
        if (def->partition_cmd->bound != nullptr) {
          cmd.bound = std::make_unique<ast::PartitionBoundSpec>();
          NANO_RETURN_IF_ERROR(PartitionBound(def->partition_cmd->bound, cmd.bound.get()));
        }
        break;
      default: {
        cmd.kind = K::kOther;
        const ProtobufCEnumValue* v = protobuf_c_enum_descriptor_get_value(
            &pg_query__alter_table_type__descriptor, c->subtype);
        cmd.other_name = v != nullptr ? v->name : "unknown";
        break;
      }
    }
    at->cmds.push_back(std::move(cmd));
  }
  *out = std::move(at);
  return Status::OK();
}

Status Transformer::Rename(const PgQuery__RenameStmt* s, ast::StatementPtr* out) {
  auto r = std::make_unique<ast::RenameStmt>();
  r->object_type = ToObjectType(s->rename_type);
  r->relation_type = ToObjectType(s->relation_type);
  r->relation = ToRangeVar(s->relation);
  r->object = ObjectName(s->object);
  r->subname = Str(s->subname);
  // PostgreSQL names a renamed schema/database in subname; ast.h wants `object`.
  if (r->object.empty() && !r->subname.empty() &&
      (r->object_type == ast::ObjectType::kSchema ||
       r->object_type == ast::ObjectType::kDatabase)) {
    r->object.push_back(r->subname);
  }
  r->new_name = Str(s->newname);
  r->missing_ok = s->missing_ok;
  if (s->object != nullptr && s->object->node_case == PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
    const PgQuery__ObjectWithArgs* w = s->object->object_with_args;
    for (size_t a = 0; a < w->n_objargs; ++a) {
      if (w->objargs[a]->node_case != PG_QUERY__NODE__NODE_TYPE_NAME) continue;
      r->object_args.emplace_back();
      NANO_RETURN_IF_ERROR(ToTypeName(w->objargs[a]->type_name, &r->object_args.back()));
    }
  }
  *out = std::move(r);
  return Status::OK();
}

Status Transformer::Truncate(const PgQuery__TruncateStmt* s, ast::StatementPtr* out) {
  auto t = std::make_unique<ast::TruncateStmt>();
  for (size_t i = 0; i < s->n_relations; ++i) {
    if (s->relations[i]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
      t->tables.push_back(ToRangeVar(s->relations[i]->range_var));
    }
  }
  t->restart_identity = s->restart_seqs;
  t->behavior = ToDropBehavior(s->behavior);
  *out = std::move(t);
  return Status::OK();
}

Status Transformer::Comment(const PgQuery__CommentStmt* s, ast::StatementPtr* out) {
  auto c = std::make_unique<ast::CommentStmt>();
  c->object_type = ToObjectType(s->objtype);
  c->object = ObjectName(s->object);
  if (s->object != nullptr && s->object->node_case == PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
    const PgQuery__ObjectWithArgs* w = s->object->object_with_args;
    for (size_t a = 0; a < w->n_objargs; ++a) {
      if (w->objargs[a]->node_case != PG_QUERY__NODE__NODE_TYPE_NAME) continue;
      c->object_args.emplace_back();
      NANO_RETURN_IF_ERROR(ToTypeName(w->objargs[a]->type_name, &c->object_args.back()));
    }
  }
  // The protobuf cannot tell IS NULL from IS ''; PostgreSQL treats both as "drop the comment".
  std::string text = Str(s->comment);
  if (!text.empty()) c->comment = std::move(text);
  *out = std::move(c);
  return Status::OK();
}

}  // namespace nano::parser_internal
