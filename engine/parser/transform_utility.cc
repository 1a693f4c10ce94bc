// engine/parser/transform_utility.cc — utility statements and the statement
// dispatcher (which also names statements the engine does not support).
#include <cctype>
#include <utility>

#include "common/sqlstate.h"
#include "parser/transform.h"

namespace nano::parser_internal {

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The SQL spelling of statements that parse but that the engine does not run.
const char* DescribeUnsupported(PgQuery__Node__NodeCase c) {
  switch (c) {
    case PG_QUERY__NODE__NODE_ALTER_FUNCTION_STMT:
      return "ALTER FUNCTION";
    case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
      return "CREATE TRIGGER";
    case PG_QUERY__NODE__NODE_CREATE_EVENT_TRIG_STMT:
      return "CREATE EVENT TRIGGER";
    case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT:
      return "CREATE POLICY";
    case PG_QUERY__NODE__NODE_ALTER_POLICY_STMT:
      return "ALTER POLICY";
    case PG_QUERY__NODE__NODE_LISTEN_STMT:
      return "LISTEN";
    case PG_QUERY__NODE__NODE_UNLISTEN_STMT:
      return "UNLISTEN";
    case PG_QUERY__NODE__NODE_NOTIFY_STMT:
      return "NOTIFY";
    case PG_QUERY__NODE__NODE_MERGE_STMT:
      return "MERGE";
    case PG_QUERY__NODE__NODE_GRANT_STMT:
      return "GRANT/REVOKE";
    case PG_QUERY__NODE__NODE_GRANT_ROLE_STMT:
      return "GRANT/REVOKE ROLE";
    case PG_QUERY__NODE__NODE_ALTER_DEFAULT_PRIVILEGES_STMT:
      return "ALTER DEFAULT PRIVILEGES";
    case PG_QUERY__NODE__NODE_CLOSE_PORTAL_STMT:
      return "CLOSE";
    case PG_QUERY__NODE__NODE_CLUSTER_STMT:
      return "CLUSTER";
    case PG_QUERY__NODE__NODE_FETCH_STMT:
      return "FETCH/MOVE";
    case PG_QUERY__NODE__NODE_RULE_STMT:
      return "CREATE RULE";
    case PG_QUERY__NODE__NODE_LOAD_STMT:
      return "LOAD";
    case PG_QUERY__NODE__NODE_VACUUM_STMT:
      return "VACUUM/ANALYZE";
    case PG_QUERY__NODE__NODE_CREATE_PLANG_STMT:
      return "CREATE LANGUAGE";
    case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT:
      return "CREATE ROLE";
    case PG_QUERY__NODE__NODE_ALTER_ROLE_STMT:
      return "ALTER ROLE";
    case PG_QUERY__NODE__NODE_DROP_ROLE_STMT:
      return "DROP ROLE";
    case PG_QUERY__NODE__NODE_LOCK_STMT:
      return "LOCK";
    case PG_QUERY__NODE__NODE_CONSTRAINTS_SET_STMT:
      return "SET CONSTRAINTS";
    case PG_QUERY__NODE__NODE_REINDEX_STMT:
      return "REINDEX";
    case PG_QUERY__NODE__NODE_CHECK_POINT_STMT:
      return "CHECKPOINT";
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_STMT:
      return "ALTER DATABASE";
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_SET_STMT:
      return "ALTER DATABASE SET";
    case PG_QUERY__NODE__NODE_ALTER_ROLE_SET_STMT:
      return "ALTER ROLE SET";
    case PG_QUERY__NODE__NODE_CREATE_CONVERSION_STMT:
      return "CREATE CONVERSION";
    case PG_QUERY__NODE__NODE_CREATE_CAST_STMT:
      return "CREATE CAST";
    case PG_QUERY__NODE__NODE_CREATE_OP_CLASS_STMT:
      return "CREATE OPERATOR CLASS";
    case PG_QUERY__NODE__NODE_CREATE_OP_FAMILY_STMT:
      return "CREATE OPERATOR FAMILY";
    case PG_QUERY__NODE__NODE_ALTER_OP_FAMILY_STMT:
      return "ALTER OPERATOR FAMILY";
    case PG_QUERY__NODE__NODE_DECLARE_CURSOR_STMT:
      return "DECLARE CURSOR";
    case PG_QUERY__NODE__NODE_CREATE_TABLE_SPACE_STMT:
      return "CREATE TABLESPACE";
    case PG_QUERY__NODE__NODE_DROP_TABLE_SPACE_STMT:
      return "DROP TABLESPACE";
    case PG_QUERY__NODE__NODE_ALTER_OBJECT_DEPENDS_STMT:
      return "ALTER ... DEPENDS ON EXTENSION";
    case PG_QUERY__NODE__NODE_ALTER_OBJECT_SCHEMA_STMT:
      return "ALTER ... SET SCHEMA";
    case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT:
      return "ALTER ... OWNER TO";
    case PG_QUERY__NODE__NODE_ALTER_OPERATOR_STMT:
      return "ALTER OPERATOR";
    case PG_QUERY__NODE__NODE_ALTER_TYPE_STMT:
      return "ALTER TYPE";
    case PG_QUERY__NODE__NODE_ALTER_DOMAIN_STMT:
      return "ALTER DOMAIN";
    case PG_QUERY__NODE__NODE_DROP_OWNED_STMT:
      return "DROP OWNED";
    case PG_QUERY__NODE__NODE_REASSIGN_OWNED_STMT:
      return "REASSIGN OWNED";
    case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT:
      return "CREATE TYPE AS RANGE";
    case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
      return "ALTER TYPE (enum)";
    case PG_QUERY__NODE__NODE_ALTER_TSDICTIONARY_STMT:
      return "ALTER TEXT SEARCH DICTIONARY";
    case PG_QUERY__NODE__NODE_ALTER_TSCONFIGURATION_STMT:
      return "ALTER TEXT SEARCH CONFIGURATION";
    case PG_QUERY__NODE__NODE_CREATE_FDW_STMT:
      return "CREATE FOREIGN DATA WRAPPER";
    case PG_QUERY__NODE__NODE_ALTER_FDW_STMT:
      return "ALTER FOREIGN DATA WRAPPER";
    case PG_QUERY__NODE__NODE_CREATE_FOREIGN_SERVER_STMT:
      return "CREATE SERVER";
    case PG_QUERY__NODE__NODE_ALTER_FOREIGN_SERVER_STMT:
      return "ALTER SERVER";
    case PG_QUERY__NODE__NODE_CREATE_USER_MAPPING_STMT:
      return "CREATE USER MAPPING";
    case PG_QUERY__NODE__NODE_ALTER_USER_MAPPING_STMT:
      return "ALTER USER MAPPING";
    case PG_QUERY__NODE__NODE_DROP_USER_MAPPING_STMT:
      return "DROP USER MAPPING";
    case PG_QUERY__NODE__NODE_ALTER_TABLE_SPACE_OPTIONS_STMT:
      return "ALTER TABLESPACE";
    case PG_QUERY__NODE__NODE_ALTER_TABLE_MOVE_ALL_STMT:
      return "ALTER ... SET TABLESPACE";
    case PG_QUERY__NODE__NODE_SEC_LABEL_STMT:
      return "SECURITY LABEL";
    case PG_QUERY__NODE__NODE_CREATE_FOREIGN_TABLE_STMT:
      return "CREATE FOREIGN TABLE";
    case PG_QUERY__NODE__NODE_IMPORT_FOREIGN_SCHEMA_STMT:
      return "IMPORT FOREIGN SCHEMA";
    case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
      return "CREATE EXTENSION";
    case PG_QUERY__NODE__NODE_ALTER_EXTENSION_STMT:
      return "ALTER EXTENSION";
    case PG_QUERY__NODE__NODE_ALTER_EXTENSION_CONTENTS_STMT:
      return "ALTER EXTENSION";
    case PG_QUERY__NODE__NODE_ALTER_EVENT_TRIG_STMT:
      return "ALTER EVENT TRIGGER";
    case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT:
      return "REFRESH MATERIALIZED VIEW";
    case PG_QUERY__NODE__NODE_REPLICA_IDENTITY_STMT:
      return "REPLICA IDENTITY";
    case PG_QUERY__NODE__NODE_ALTER_SYSTEM_STMT:
      return "ALTER SYSTEM";
    case PG_QUERY__NODE__NODE_CREATE_TRANSFORM_STMT:
      return "CREATE TRANSFORM";
    case PG_QUERY__NODE__NODE_CREATE_AM_STMT:
      return "CREATE ACCESS METHOD";
    case PG_QUERY__NODE__NODE_CREATE_PUBLICATION_STMT:
      return "CREATE PUBLICATION";
    case PG_QUERY__NODE__NODE_ALTER_PUBLICATION_STMT:
      return "ALTER PUBLICATION";
    case PG_QUERY__NODE__NODE_CREATE_SUBSCRIPTION_STMT:
      return "CREATE SUBSCRIPTION";
    case PG_QUERY__NODE__NODE_ALTER_SUBSCRIPTION_STMT:
      return "ALTER SUBSCRIPTION";
    case PG_QUERY__NODE__NODE_DROP_SUBSCRIPTION_STMT:
      return "DROP SUBSCRIPTION";
    case PG_QUERY__NODE__NODE_CREATE_STATS_STMT:
      return "CREATE STATISTICS";
    case PG_QUERY__NODE__NODE_ALTER_STATS_STMT:
      return "ALTER STATISTICS";
    case PG_QUERY__NODE__NODE_ALTER_COLLATION_STMT:
      return "ALTER COLLATION";
    case PG_QUERY__NODE__NODE_ALTER_DATABASE_REFRESH_COLL_STMT:
      return "ALTER DATABASE REFRESH COLLATION VERSION";
    case PG_QUERY__NODE__NODE_CALL_STMT:
      return "CALL";
    default:
      return nullptr;
  }
}

ast::StatementPtr MakeUnsupported(const Node* n, std::string description) {
  auto u = std::make_unique<ast::UnsupportedStmt>();
  u->node_name = NodeName(n);
  u->description = description.empty() ? u->node_name : std::move(description);
  return u;
}

}  // namespace

Status Transformer::Transaction(const PgQuery__TransactionStmt* s, ast::StatementPtr* out) {
  using K = ast::TransactionKind;
  auto t = std::make_unique<ast::TransactionStmt>();
  switch (s->kind) {
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_START:
      t->txn_kind = K::kStart;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT:
      t->txn_kind = K::kCommit;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK:
      t->txn_kind = K::kRollback;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_SAVEPOINT:
      t->txn_kind = K::kSavepoint;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_RELEASE:
      t->txn_kind = K::kRelease;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK_TO:
      t->txn_kind = K::kRollbackTo;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_PREPARE:
      t->txn_kind = K::kPrepare;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_COMMIT_PREPARED:
      t->txn_kind = K::kCommitPrepared;
      break;
    case PG_QUERY__TRANSACTION_STMT_KIND__TRANS_STMT_ROLLBACK_PREPARED:
      t->txn_kind = K::kRollbackPrepared;
      break;
    default:
      t->txn_kind = K::kBegin;
      break;
  }
  // Two-phase commands carry a global transaction id instead of a savepoint name.
  t->savepoint_name = Str(s->savepoint_name);
  if (t->savepoint_name.empty()) t->savepoint_name = Str(s->gid);
  t->chain = s->chain;
  NANO_RETURN_IF_ERROR(DefElems(s->n_options, s->options, &t->options));
  *out = std::move(t);
  return Status::OK();
}

Status Transformer::VariableSet(const PgQuery__VariableSetStmt* s, ast::StatementPtr* out) {
  using K = ast::VariableSetStmt::Kind;
  auto v = std::make_unique<ast::VariableSetStmt>();
  switch (s->kind) {
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_DEFAULT:
      v->set_kind = K::kDefault;
      break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_CURRENT:
      v->set_kind = K::kCurrent;
      break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_SET_MULTI:
      v->set_kind = K::kMulti;
      break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET:
      v->set_kind = K::kReset;
      break;
    case PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL:
      v->set_kind = K::kResetAll;
      break;
    default:
      v->set_kind = K::kValue;
      break;
  }
  v->name = Lower(Str(s->name));
  v->is_local = s->is_local;
  for (size_t i = 0; i < s->n_args; ++i) {
    const Node* a = s->args[i];
    ast::DefElem d;
    if (a->node_case == PG_QUERY__NODE__NODE_DEF_ELEM) {
      NANO_RETURN_IF_ERROR(DefElemNode(a->def_elem, &d));  // SET TRANSACTION ... options
    } else if (a->node_case == PG_QUERY__NODE__NODE_A_CONST) {
      PgQuery__DefElem wrapper = PG_QUERY__DEF_ELEM__INIT;
      wrapper.arg = const_cast<Node*>(a);
      wrapper.location = a->a_const->location;
      NANO_RETURN_IF_ERROR(DefElemNode(&wrapper, &d));
    } else if (a->node_case == PG_QUERY__NODE__NODE_TYPE_CAST) {
      // SET TIME ZONE INTERVAL '+02:00' HOUR TO MINUTE: keep the string and its type.
      const PgQuery__TypeCast* tc = a->type_cast;
      d.arg_kind = ast::DefElem::ArgKind::kTypeName;
      d.location = tc->location;
      if (tc->arg != nullptr && tc->arg->node_case == PG_QUERY__NODE__NODE_A_CONST &&
          tc->arg->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL) {
        d.str = Str(tc->arg->a_const->sval->sval);
      }
      d.type_name = std::make_unique<ast::TypeName>();
      NANO_RETURN_IF_ERROR(ToTypeName(tc->type_name, d.type_name.get()));
    } else {
      return Unsupported(a, NodeLocation(a));
    }
    v->args.push_back(std::move(d));
  }
  *out = std::move(v);
  return Status::OK();
}

Status Transformer::VariableShow(const PgQuery__VariableShowStmt* s, ast::StatementPtr* out) {
  auto v = std::make_unique<ast::VariableShowStmt>();
  v->name = Lower(Str(s->name));
  *out = std::move(v);
  return Status::OK();
}

Status Transformer::Explain(const PgQuery__ExplainStmt* s, ast::StatementPtr* out) {
  auto e = std::make_unique<ast::ExplainStmt>();
  NANO_RETURN_IF_ERROR(Stmt(s->query, &e->query));
  NANO_RETURN_IF_ERROR(DefElems(s->n_options, s->options, &e->options));
  *out = std::move(e);
  return Status::OK();
}

Status Transformer::Copy(const PgQuery__CopyStmt* s, ast::StatementPtr* out) {
  auto c = std::make_unique<ast::CopyStmt>();
  if (s->relation != nullptr) c->table = ToRangeVar(s->relation);
  if (s->query != nullptr) NANO_RETURN_IF_ERROR(Stmt(s->query, &c->query));
  c->columns = NameList(s->n_attlist, s->attlist);
  c->is_from = s->is_from;
  c->is_program = s->is_program;
  c->filename = Str(s->filename);
  NANO_RETURN_IF_ERROR(DefElems(s->n_options, s->options, &c->options));
  NANO_RETURN_IF_ERROR(OptExpr(s->where_clause, &c->where));
  *out = std::move(c);
  return Status::OK();
}

Status Transformer::Prepare(const PgQuery__PrepareStmt* s, ast::StatementPtr* out) {
  auto p = std::make_unique<ast::PrepareStmt>();
  p->name = Str(s->name);
  for (size_t i = 0; i < s->n_argtypes; ++i) {
    const Node* t = s->argtypes[i];
    if (t->node_case != PG_QUERY__NODE__NODE_TYPE_NAME) return Unsupported(t, -1);
    p->arg_types.emplace_back();
    NANO_RETURN_IF_ERROR(ToTypeName(t->type_name, &p->arg_types.back()));
  }
  NANO_RETURN_IF_ERROR(Stmt(s->query, &p->query));
  *out = std::move(p);
  return Status::OK();
}

Status Transformer::Execute(const PgQuery__ExecuteStmt* s, ast::StatementPtr* out) {
  auto e = std::make_unique<ast::ExecuteStmt>();
  e->name = Str(s->name);
  NANO_RETURN_IF_ERROR(ExprList(s->n_params, s->params, &e->params));
  *out = std::move(e);
  return Status::OK();
}

Status Transformer::Deallocate(const PgQuery__DeallocateStmt* s, ast::StatementPtr* out) {
  auto d = std::make_unique<ast::DeallocateStmt>();
  d->name = Str(s->name);
  *out = std::move(d);
  return Status::OK();
}

Status Transformer::Discard(const PgQuery__DiscardStmt* s, ast::StatementPtr* out) {
  auto d = std::make_unique<ast::DiscardStmt>();
  switch (s->target) {
    case PG_QUERY__DISCARD_MODE__DISCARD_PLANS:
      d->target = "plans";
      break;
    case PG_QUERY__DISCARD_MODE__DISCARD_SEQUENCES:
      d->target = "sequences";
      break;
    case PG_QUERY__DISCARD_MODE__DISCARD_TEMP:
      d->target = "temp";
      break;
    default:
      d->target = "all";
      break;
  }
  *out = std::move(d);
  return Status::OK();
}

Status Transformer::Stmt(const Node* n, ast::StatementPtr* out) {
  if (n == nullptr) return Status::Error(sqlstate::kSyntaxError, "missing statement");
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_SELECT_STMT: {
      std::unique_ptr<ast::SelectStmt> s;
      NANO_RETURN_IF_ERROR(Select(n->select_stmt, &s));
      *out = std::move(s);
      return Status::OK();
    }
    case PG_QUERY__NODE__NODE_INSERT_STMT:
      return Insert(n->insert_stmt, out);
    case PG_QUERY__NODE__NODE_UPDATE_STMT:
      return Update(n->update_stmt, out);
    case PG_QUERY__NODE__NODE_DELETE_STMT:
      return Delete(n->delete_stmt, out);
    case PG_QUERY__NODE__NODE_CREATE_STMT: {
      const PgQuery__CreateStmt* c = n->create_stmt;
      if (c->of_typename != nullptr) {
        *out = MakeUnsupported(n, "CREATE TABLE ... OF type");
        return Status::OK();
      }
      return CreateTable(c, out);
    }
    case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT: {
      const Node* q = n->create_table_as_stmt->query;
      if (q == nullptr || q->node_case != PG_QUERY__NODE__NODE_SELECT_STMT) {
        *out = MakeUnsupported(n, "CREATE TABLE AS EXECUTE");
        return Status::OK();
      }
      return CreateTableAs(n->create_table_as_stmt, out);
    }
    case PG_QUERY__NODE__NODE_INDEX_STMT:
      return CreateIndex(n->index_stmt, out);
    case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
      return CreateSequence(n->create_seq_stmt, out);
    case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT:
      return AlterSequence(n->alter_seq_stmt, out);
    case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
      return CreateSchema(n->create_schema_stmt, out);
    case PG_QUERY__NODE__NODE_CREATEDB_STMT:
      return CreateDatabase(n->createdb_stmt, out);
    case PG_QUERY__NODE__NODE_DROPDB_STMT:
      return DropDatabase(n->dropdb_stmt, out);
    case PG_QUERY__NODE__NODE_VIEW_STMT:
      return CreateView(n->view_stmt, out);
    case PG_QUERY__NODE__NODE_DO_STMT: {
      auto d = std::make_unique<ast::DoStmt>();
      const PgQuery__DoStmt* s = n->do_stmt;
      for (size_t i = 0; i < s->n_args; ++i) {
        if (s->args[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) continue;
        const PgQuery__DefElem* e = s->args[i]->def_elem;
        if (e->arg == nullptr) continue;
        if (Str(e->defname) == "as") d->body = StrVal(e->arg);
        if (Str(e->defname) == "language") d->language = Lower(StrVal(e->arg));
      }
      *out = std::move(d);
      return Status::OK();
    }
    case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
      if (n->create_function_stmt->is_procedure) {
        *out = MakeUnsupported(n, "CREATE PROCEDURE");
        return Status::OK();
      }
      return CreateFunction(n->create_function_stmt, out);
    case PG_QUERY__NODE__NODE_DEFINE_STMT:
      if (n->define_stmt->kind == PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE ||
          n->define_stmt->kind == PG_QUERY__OBJECT_TYPE__OBJECT_OPERATOR) {
        return Define(n->define_stmt, out);
      }
      *out = MakeUnsupported(n, "CREATE TYPE (base type) / TEXT SEARCH / COLLATION");
      return Status::OK();
    case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
      return CreateEnum(n->create_enum_stmt, out);
    case PG_QUERY__NODE__NODE_ALTER_DOMAIN_STMT:
      return AlterDomain(n->alter_domain_stmt, out);
    case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
      return AlterEnum(n->alter_enum_stmt, out);
    case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
      return CreateComposite(n->composite_type_stmt, out);
    case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
      return CreateDomain(n->create_domain_stmt, out);
    case PG_QUERY__NODE__NODE_DROP_STMT:
      return Drop(n->drop_stmt, out);
    case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
      return AlterTable(n->alter_table_stmt, out);
    case PG_QUERY__NODE__NODE_RENAME_STMT:
      return Rename(n->rename_stmt, out);
    case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
      return Truncate(n->truncate_stmt, out);
    case PG_QUERY__NODE__NODE_TRANSACTION_STMT:
      return Transaction(n->transaction_stmt, out);
    case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
      return VariableSet(n->variable_set_stmt, out);
    case PG_QUERY__NODE__NODE_VARIABLE_SHOW_STMT:
      return VariableShow(n->variable_show_stmt, out);
    case PG_QUERY__NODE__NODE_EXPLAIN_STMT:
      return Explain(n->explain_stmt, out);
    case PG_QUERY__NODE__NODE_COPY_STMT:
      return Copy(n->copy_stmt, out);
    case PG_QUERY__NODE__NODE_PREPARE_STMT:
      return Prepare(n->prepare_stmt, out);
    case PG_QUERY__NODE__NODE_EXECUTE_STMT:
      return Execute(n->execute_stmt, out);
    case PG_QUERY__NODE__NODE_DEALLOCATE_STMT:
      return Deallocate(n->deallocate_stmt, out);
    case PG_QUERY__NODE__NODE_DISCARD_STMT:
      return Discard(n->discard_stmt, out);
    case PG_QUERY__NODE__NODE_COMMENT_STMT:
      return Comment(n->comment_stmt, out);
    case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
      return CreateTrigger(n->create_trig_stmt, out);
    case PG_QUERY__NODE__NODE_CREATE_ROLE_STMT:
      return CreateRole(n->create_role_stmt, out);
    case PG_QUERY__NODE__NODE_ALTER_ROLE_STMT:
      return AlterRole(n->alter_role_stmt, out);
    case PG_QUERY__NODE__NODE_DROP_ROLE_STMT:
      return DropRole(n->drop_role_stmt, out);
    case PG_QUERY__NODE__NODE_GRANT_ROLE_STMT:
      return GrantRole(n->grant_role_stmt, out);
    case PG_QUERY__NODE__NODE_GRANT_STMT:
      return Grant(n->grant_stmt, out);
    case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT:
      return CreatePolicy(n->create_policy_stmt, out);
    case PG_QUERY__NODE__NODE_ALTER_POLICY_STMT:
      return AlterPolicy(n->alter_policy_stmt, out);
    case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT:
      return AlterOwner(n->alter_owner_stmt, out);
    default: {
      const char* d = DescribeUnsupported(n->node_case);
      *out = MakeUnsupported(n, d == nullptr ? std::string() : std::string(d));
      return Status::OK();
    }
  }
}

}  // namespace nano::parser_internal
