// engine/parser/transform_roles.cc — roles, privileges and row-level
// security statements: CREATE/ALTER/DROP ROLE, GRANT/REVOKE (roles and
// privileges), CREATE/ALTER POLICY and ALTER ... OWNER TO.
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

ast::RoleSpec ToRoleSpec(const PgQuery__RoleSpec* r) {
  ast::RoleSpec out;
  if (r == nullptr) return out;
  out.location = r->location;
  switch (r->roletype) {
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC:
      out.kind = ast::RoleSpec::Kind::kPublic;
      break;
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CURRENT_ROLE:
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CURRENT_USER:
      out.kind = ast::RoleSpec::Kind::kCurrentUser;
      break;
    case PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_SESSION_USER:
      out.kind = ast::RoleSpec::Kind::kSessionUser;
      break;
    default:
      out.name = Str(r->rolename);
      break;
  }
  return out;
}

std::vector<ast::RoleSpec> RoleSpecs(size_t n, Node** items) {
  std::vector<ast::RoleSpec> out;
  for (size_t i = 0; i < n; ++i) {
    if (items[i]->node_case == PG_QUERY__NODE__NODE_ROLE_SPEC) {
      out.push_back(ToRoleSpec(items[i]->role_spec));
    } else if (items[i]->node_case == PG_QUERY__NODE__NODE_STRING) {
      ast::RoleSpec r;
      r.name = StrVal(items[i]);
      out.push_back(std::move(r));
    }
  }
  return out;
}

Status RoleOptions(size_t n, Node** items, std::vector<ast::RoleOption>* out) {
  for (size_t i = 0; i < n; ++i) {
    if (items[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM) return Unsupported(items[i], -1);
    const PgQuery__DefElem* d = items[i]->def_elem;
    ast::RoleOption o;
    o.name = Str(d->defname);
    o.location = d->location;
    const Node* a = d->arg;
    if (a == nullptr) {
      o.is_null = true;
    } else if (a->node_case == PG_QUERY__NODE__NODE_BOOLEAN) {
      o.bval = a->boolean->boolval;
    } else if (a->node_case == PG_QUERY__NODE__NODE_INTEGER) {
      o.ival = a->integer->ival;
      o.bval = o.ival != 0;
    } else if (a->node_case == PG_QUERY__NODE__NODE_STRING) {
      o.str = StrVal(a);
    } else if (a->node_case == PG_QUERY__NODE__NODE_LIST) {
      o.roles = RoleSpecs(a->list->n_items, a->list->items);
    }
    out->push_back(std::move(o));
  }
  return Status::OK();
}

}  // namespace

Status Transformer::CreateRole(const PgQuery__CreateRoleStmt* s, ast::StatementPtr* out) {
  auto r = std::make_unique<ast::CreateRoleStmt>();
  r->role.name = Str(s->role);
  r->role_kind = s->stmt_type == PG_QUERY__ROLE_STMT_TYPE__ROLESTMT_USER    ? 'u'
                 : s->stmt_type == PG_QUERY__ROLE_STMT_TYPE__ROLESTMT_GROUP ? 'g'
                                                                            : 'r';
  NANO_RETURN_IF_ERROR(RoleOptions(s->n_options, s->options, &r->options));
  *out = std::move(r);
  return Status::OK();
}

Status Transformer::AlterRole(const PgQuery__AlterRoleStmt* s, ast::StatementPtr* out) {
  auto r = std::make_unique<ast::CreateRoleStmt>();
  r->alter = true;
  r->role = ToRoleSpec(s->role);
  NANO_RETURN_IF_ERROR(RoleOptions(s->n_options, s->options, &r->options));
  // ALTER GROUP g ADD/DROP USER u: action +1 / -1 with a "rolemembers" option.
  if (s->action == -1) {
    for (ast::RoleOption& o : r->options) {
      if (o.name == "rolemembers") o.name = "droprolemembers";
    }
  }
  *out = std::move(r);
  return Status::OK();
}

Status Transformer::DropRole(const PgQuery__DropRoleStmt* s, ast::StatementPtr* out) {
  auto d = std::make_unique<ast::DropRoleStmt>();
  d->roles = RoleSpecs(s->n_roles, s->roles);
  d->missing_ok = s->missing_ok;
  *out = std::move(d);
  return Status::OK();
}

Status Transformer::GrantRole(const PgQuery__GrantRoleStmt* s, ast::StatementPtr* out) {
  auto g = std::make_unique<ast::GrantRoleStmt>();
  g->is_grant = s->is_grant;
  g->admin_option = s->admin_opt;
  for (size_t i = 0; i < s->n_granted_roles; ++i) {
    const Node* n = s->granted_roles[i];
    if (n->node_case == PG_QUERY__NODE__NODE_ACCESS_PRIV) {
      g->granted.push_back(Str(n->access_priv->priv_name));
    }
  }
  g->grantees = RoleSpecs(s->n_grantee_roles, s->grantee_roles);
  *out = std::move(g);
  return Status::OK();
}

Status Transformer::Grant(const PgQuery__GrantStmt* s, ast::StatementPtr* out) {
  auto g = std::make_unique<ast::GrantStmt>();
  g->is_grant = s->is_grant;
  g->grant_option = s->grant_option;
  g->behavior = ToDropBehavior(s->behavior);
  if (s->targtype == PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_DEFAULTS) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "ALTER DEFAULT PRIVILEGES is not supported");
  }
  g->all_in_schema = s->targtype == PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_ALL_IN_SCHEMA;
  switch (s->objtype) {
    case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
      g->object_type = ast::ObjectType::kTable;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
      g->object_type = ast::ObjectType::kSequence;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
      g->object_type = ast::ObjectType::kSchema;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
    case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
      g->object_type = ast::ObjectType::kFunction;
      break;
    case PG_QUERY__OBJECT_TYPE__OBJECT_DATABASE:
      g->object_type = ast::ObjectType::kDatabase;
      break;
    default:
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "GRANT/REVOKE on this kind of object is not supported");
  }
  for (size_t i = 0; i < s->n_objects; ++i) {
    const Node* n = s->objects[i];
    switch (n->node_case) {
      case PG_QUERY__NODE__NODE_RANGE_VAR: {
        ast::RangeVar rv = ToRangeVar(n->range_var);
        std::vector<std::string> name;
        if (!rv.schema.empty()) name.push_back(rv.schema);
        name.push_back(rv.name);
        g->objects.push_back(std::move(name));
        break;
      }
      case PG_QUERY__NODE__NODE_STRING:
        g->objects.push_back({StrVal(n)});
        break;
      case PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS:
        g->objects.push_back(
            NameList(n->object_with_args->n_objname, n->object_with_args->objname));
        break;
      default:
        return Unsupported(n, -1);
    }
  }
  for (size_t i = 0; i < s->n_privileges; ++i) {
    const Node* n = s->privileges[i];
    if (n->node_case != PG_QUERY__NODE__NODE_ACCESS_PRIV) return Unsupported(n, -1);
    ast::GrantStmt::Privilege p;
    p.name = Lower(Str(n->access_priv->priv_name));
    p.columns = NameList(n->access_priv->n_cols, n->access_priv->cols);
    if (p.name.empty()) p.name = "all";  // ALL (cols)
    g->privileges.push_back(std::move(p));
  }
  g->grantees = RoleSpecs(s->n_grantees, s->grantees);
  *out = std::move(g);
  return Status::OK();
}

Status Transformer::CreatePolicy(const PgQuery__CreatePolicyStmt* s, ast::StatementPtr* out) {
  auto p = std::make_unique<ast::CreatePolicyStmt>();
  p->name = Str(s->policy_name);
  p->table = ToRangeVar(s->table);
  p->command = Lower(Str(s->cmd_name));
  if (p->command.empty()) p->command = "all";
  p->permissive = s->permissive;
  p->roles = RoleSpecs(s->n_roles, s->roles);
  if (s->qual != nullptr) {
    ast::ExprPtr check;
    NANO_RETURN_IF_ERROR(Expr(s->qual, &check));
    p->has_using = true;
    p->using_text = Deparse(s->qual, /*is_stmt=*/false);
  }
  if (s->with_check != nullptr) {
    ast::ExprPtr check;
    NANO_RETURN_IF_ERROR(Expr(s->with_check, &check));
    p->has_check = true;
    p->check_text = Deparse(s->with_check, /*is_stmt=*/false);
  }
  *out = std::move(p);
  return Status::OK();
}

Status Transformer::AlterPolicy(const PgQuery__AlterPolicyStmt* s, ast::StatementPtr* out) {
  auto p = std::make_unique<ast::CreatePolicyStmt>();
  p->alter = true;
  p->name = Str(s->policy_name);
  p->table = ToRangeVar(s->table);
  p->roles = RoleSpecs(s->n_roles, s->roles);
  if (s->qual != nullptr) {
    ast::ExprPtr check;
    NANO_RETURN_IF_ERROR(Expr(s->qual, &check));
    p->has_using = true;
    p->using_text = Deparse(s->qual, false);
  }
  if (s->with_check != nullptr) {
    ast::ExprPtr check;
    NANO_RETURN_IF_ERROR(Expr(s->with_check, &check));
    p->has_check = true;
    p->check_text = Deparse(s->with_check, false);
  }
  *out = std::move(p);
  return Status::OK();
}

Status Transformer::AlterOwner(const PgQuery__AlterOwnerStmt* s, ast::StatementPtr* out) {
  auto a = std::make_unique<ast::AlterOwnerStmt>();
  a->object_type = ToObjectType(s->object_type);
  a->new_owner = ToRoleSpec(s->newowner);
  if (s->object != nullptr) {
    if (s->object->node_case == PG_QUERY__NODE__NODE_STRING) {
      a->object = {StrVal(s->object)};
    } else if (s->object->node_case == PG_QUERY__NODE__NODE_LIST) {
      a->object = NameList(s->object->list->n_items, s->object->list->items);
    } else if (s->object->node_case == PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
      a->object =
          NameList(s->object->object_with_args->n_objname, s->object->object_with_args->objname);
    }
  }
  *out = std::move(a);
  return Status::OK();
}

}  // namespace nano::parser_internal
