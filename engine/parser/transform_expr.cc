// engine/parser/transform_expr.cc — expression nodes (A_Expr, FuncCall, ...).
#include <cassert>
#include <cctype>
#include <cstdlib>
#include <utility>

#include "common/sqlstate.h"
#include "parser/transform.h"
#include "pg_query.h"

namespace nano::parser_internal {

namespace {

ast::ExprPtr MakeExpr(ast::ExprKind kind, int location) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = kind;
  e->location = location;
  return e;
}

// Last element of an operator/function name list (`OPERATOR(pg_catalog.+)` -> "+").
std::string LastName(size_t n, Node** items) {
  return n == 0 ? std::string() : StrVal(items[n - 1]);
}

bool IsFuncNamed(const Node* n, const char* name) {
  if (n == nullptr || n->node_case != PG_QUERY__NODE__NODE_FUNC_CALL) return false;
  const PgQuery__FuncCall* f = n->func_call;
  return LastName(f->n_funcname, f->funcname) == name;
}

}  // namespace

std::string StrVal(const Node* n) {
  if (n == nullptr || n->node_case != PG_QUERY__NODE__NODE_STRING) return std::string();
  return Str(n->string->sval);
}

std::string NodeName(const Node* n) {
  if (n == nullptr) return "null";
  const ProtobufCFieldDescriptor* f =
      protobuf_c_message_descriptor_get_field(&pg_query__node__descriptor, n->node_case);
  if (f == nullptr) return "unknown";
  // snake_case field name -> CamelCase node name ("create_function_stmt" -> "CreateFunctionStmt").
  std::string out;
  bool upper = true;
  for (const char* p = f->name; *p != '\0'; ++p) {
    if (*p == '_') {
      upper = true;
      continue;
    }
    out.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(*p))) : *p);
    upper = false;
  }
  return out;
}

std::vector<std::string> NameList(size_t n, Node** items) {
  std::vector<std::string> out;
  out.reserve(n);
  for (size_t i = 0; i < n; ++i) out.push_back(StrVal(items[i]));
  return out;
}

int NodeLocation(const Node* n) {
  if (n == nullptr) return -1;
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_A_CONST:
      return n->a_const->location;
    case PG_QUERY__NODE__NODE_A_EXPR:
      return n->a_expr->location;
    case PG_QUERY__NODE__NODE_COLUMN_REF:
      return n->column_ref->location;
    case PG_QUERY__NODE__NODE_PARAM_REF:
      return n->param_ref->location;
    case PG_QUERY__NODE__NODE_FUNC_CALL:
      return n->func_call->location;
    case PG_QUERY__NODE__NODE_TYPE_CAST:
      return n->type_cast->location;
    case PG_QUERY__NODE__NODE_BOOL_EXPR:
      return n->bool_expr->location;
    case PG_QUERY__NODE__NODE_SUB_LINK:
      return n->sub_link->location;
    case PG_QUERY__NODE__NODE_CASE_EXPR:
      return n->case_expr->location;
    case PG_QUERY__NODE__NODE_NULL_TEST:
      return n->null_test->location;
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST:
      return n->boolean_test->location;
    case PG_QUERY__NODE__NODE_ROW_EXPR:
      return n->row_expr->location;
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
      return n->a_array_expr->location;
    case PG_QUERY__NODE__NODE_COALESCE_EXPR:
      return n->coalesce_expr->location;
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR:
      return n->min_max_expr->location;
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION:
      return n->sqlvalue_function->location;
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE:
      return n->collate_clause->location;
    case PG_QUERY__NODE__NODE_SET_TO_DEFAULT:
      return n->set_to_default->location;
    case PG_QUERY__NODE__NODE_GROUPING_FUNC:
      return n->grouping_func->location;
    case PG_QUERY__NODE__NODE_RES_TARGET:
      return n->res_target->location;
    case PG_QUERY__NODE__NODE_RANGE_VAR:
      return n->range_var->location;
    case PG_QUERY__NODE__NODE_XML_EXPR:
      return n->xml_expr->location;
    case PG_QUERY__NODE__NODE_XML_SERIALIZE:
      return n->xml_serialize->location;
    case PG_QUERY__NODE__NODE_A_INDIRECTION:
      return NodeLocation(n->a_indirection->arg);
    default:
      return -1;
  }
}

Status Unsupported(const Node* n, int location) {
  Status st = Status::Error(sqlstate::kFeatureNotSupported,
                            "expression type " + NodeName(n) + " is not supported");
  if (location >= 0) st.SetPositionIfUnset(location + 1);
  return st;
}

Status ToTypeName(const PgQuery__TypeName* t, ast::TypeName* out) {
  assert(t != nullptr);
  out->names = NameList(t->n_names, t->names);
  out->pct_type = t->pct_type;
  out->location = t->location;
  out->array_dims = static_cast<int>(t->n_array_bounds);
  out->modifiers.reserve(t->n_typmods);
  for (size_t i = 0; i < t->n_typmods; ++i) {
    const Node* m = t->typmods[i];
    if (m->node_case == PG_QUERY__NODE__NODE_A_CONST &&
        m->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
      out->modifiers.push_back(m->a_const->ival->ival);
      continue;
    }
    Status st = Status::Error(sqlstate::kSyntaxError,
                              "type modifiers must be simple constants or identifiers");
    st.SetPositionIfUnset(NodeLocation(m) + 1);
    return st;
  }
  return Status::OK();
}

Status Transformer::ExprList(size_t n, Node** items, ast::ExprList* out) {
  out->reserve(out->size() + n);
  for (size_t i = 0; i < n; ++i) {
    ast::ExprPtr e;
    NANO_RETURN_IF_ERROR(Expr(items[i], &e));
    out->push_back(std::move(e));
  }
  return Status::OK();
}

Status Transformer::Const(const PgQuery__AConst* c, ast::ExprPtr* out) {
  auto e = MakeExpr(ast::ExprKind::kConst, c->location);
  if (c->isnull) {
    e->const_kind = ast::ConstKind::kNull;
    *out = std::move(e);
    return Status::OK();
  }
  switch (c->val_case) {
    case PG_QUERY__A__CONST__VAL_IVAL:
      e->const_kind = ast::ConstKind::kInteger;
      e->ival = c->ival->ival;
      e->str = std::to_string(e->ival);
      break;
    case PG_QUERY__A__CONST__VAL_FVAL:
      // Decimal literals and integers too large for int4 ("2147483648").
      e->const_kind = ast::ConstKind::kNumeric;
      e->str = Str(c->fval->fval);
      break;
    case PG_QUERY__A__CONST__VAL_SVAL:
      e->const_kind = ast::ConstKind::kString;
      e->str = Str(c->sval->sval);
      break;
    case PG_QUERY__A__CONST__VAL_BOOLVAL:
      e->const_kind = ast::ConstKind::kBool;
      e->ival = c->boolval->boolval ? 1 : 0;
      e->str = c->boolval->boolval ? "true" : "false";
      break;
    case PG_QUERY__A__CONST__VAL_BSVAL:
      // PostgreSQL keeps the radix prefix: "b1010" or "x1F".
      e->const_kind = ast::ConstKind::kBitString;
      e->str = Str(c->bsval->bsval);
      break;
    default:
      e->const_kind = ast::ConstKind::kNull;
      break;
  }
  *out = std::move(e);
  return Status::OK();
}

Status Transformer::AExpr(const PgQuery__AExpr* a, ast::ExprPtr* out) {
  std::string op = LastName(a->n_name, a->name);
  ast::ExprPtr e;
  switch (a->kind) {
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP:
      e = MakeExpr(ast::ExprKind::kOp, a->location);
      // OPERATOR(schema.op): "schema.op" (operator symbols have no '.');
      // pg_catalog's operators are the built-ins, named by their symbol.
      if (a->n_name == 2 && LastName(1, a->name) != "pg_catalog") {
        op = LastName(1, a->name) + "." + op;
      }
      e->str = std::move(op);
      NANO_RETURN_IF_ERROR(OptExpr(a->lexpr, &e->left));
      NANO_RETURN_IF_ERROR(OptExpr(a->rexpr, &e->right));
      break;
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY:
    case PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL:
      e = MakeExpr(ast::ExprKind::kAnyAll, a->location);
      e->str = std::move(op);
      e->all = a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL;
      NANO_RETURN_IF_ERROR(OptExpr(a->lexpr, &e->left));
      NANO_RETURN_IF_ERROR(OptExpr(a->rexpr, &e->right));
      break;
    case PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT:
      e = MakeExpr(ast::ExprKind::kDistinctFrom, a->location);
      e->negated = a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT;
      NANO_RETURN_IF_ERROR(OptExpr(a->lexpr, &e->left));
      NANO_RETURN_IF_ERROR(OptExpr(a->rexpr, &e->right));
      break;
    case PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF:
      e = MakeExpr(ast::ExprKind::kNullIf, a->location);
      NANO_RETURN_IF_ERROR(OptExpr(a->lexpr, &e->left));
      NANO_RETURN_IF_ERROR(OptExpr(a->rexpr, &e->right));
      break;
    case PG_QUERY__A__EXPR__KIND__AEXPR_IN: {
      e = MakeExpr(ast::ExprKind::kInList, a->location);
      e->negated = op == "<>";
      NANO_RETURN_IF_ERROR(OptExpr(a->lexpr, &e->left));
      const Node* r = a->rexpr;
      if (r == nullptr || r->node_case != PG_QUERY__NODE__NODE_LIST)
        return Unsupported(r, a->location);
      NANO_RETURN_IF_ERROR(ExprList(r->list->n_items, r->list->items, &e->args));
      break;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:
    case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE:
    case PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR: {
      e = MakeExpr(ast::ExprKind::kLike, a->location);
      e->like_kind = a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_LIKE    ? ast::LikeKind::kLike
                     : a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE ? ast::LikeKind::kILike
                                                                       : ast::LikeKind::kSimilar;
      e->negated = !op.empty() && op[0] == '!';
      e->str = op;
      NANO_RETURN_IF_ERROR(OptExpr(a->lexpr, &e->left));
      // The grammar wraps the pattern of `ESCAPE e` (and of every SIMILAR TO)
      // in pg_catalog.like_escape(pat, e) / similar_to_escape(pat[, e]).
      const Node* r = a->rexpr;
      if (IsFuncNamed(r, "like_escape") || IsFuncNamed(r, "similar_to_escape")) {
        const PgQuery__FuncCall* f = r->func_call;
        if (f->n_args >= 1) NANO_RETURN_IF_ERROR(Expr(f->args[0], &e->right));
        if (f->n_args >= 2) NANO_RETURN_IF_ERROR(Expr(f->args[1], &e->escape));
      } else {
        NANO_RETURN_IF_ERROR(OptExpr(r, &e->right));
      }
      break;
    }
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN:
    case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
    case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM: {
      e = MakeExpr(ast::ExprKind::kBetween, a->location);
      e->negated = a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN ||
                   a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM;
      e->symmetric = a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM ||
                     a->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM;
      ast::ExprPtr lhs;
      NANO_RETURN_IF_ERROR(Expr(a->lexpr, &lhs));
      e->args.push_back(std::move(lhs));
      const Node* r = a->rexpr;
      if (r == nullptr || r->node_case != PG_QUERY__NODE__NODE_LIST || r->list->n_items != 2) {
        return Unsupported(r, a->location);
      }
      NANO_RETURN_IF_ERROR(ExprList(2, r->list->items, &e->args));
      break;
    }
    default: {
      Status st = Status::Error(sqlstate::kFeatureNotSupported, "unsupported operator expression");
      st.SetPositionIfUnset(a->location + 1);
      return st;
    }
  }
  *out = std::move(e);
  return Status::OK();
}

Status Transformer::SortList(size_t n, Node** items, std::vector<ast::SortBy>* out) {
  out->reserve(out->size() + n);
  for (size_t i = 0; i < n; ++i) {
    if (items[i]->node_case != PG_QUERY__NODE__NODE_SORT_BY) return Unsupported(items[i], -1);
    const PgQuery__SortBy* s = items[i]->sort_by;
    ast::SortBy sb;
    sb.location = s->location;
    NANO_RETURN_IF_ERROR(Expr(s->node, &sb.expr));
    switch (s->sortby_dir) {
      case PG_QUERY__SORT_BY_DIR__SORTBY_ASC:
        sb.dir = ast::SortDir::kAsc;
        break;
      case PG_QUERY__SORT_BY_DIR__SORTBY_DESC:
        sb.dir = ast::SortDir::kDesc;
        break;
      case PG_QUERY__SORT_BY_DIR__SORTBY_USING:
        // ORDER BY x USING op: the btree ordering operators (< and >, and
        // the byte-order pattern operators, which C collation makes equal).
        sb.using_op = LastName(s->n_use_op, s->use_op);
        if (sb.using_op == "<" || sb.using_op == "~<~") {
          sb.dir = ast::SortDir::kAsc;
        } else if (sb.using_op == ">" || sb.using_op == "~>~") {
          sb.dir = ast::SortDir::kDesc;
        } else {
          return Status::Error(sqlstate::kWrongObjectType,
                               "operator " + sb.using_op + " is not a valid ordering operator")
              .WithHint(
                  "Ordering operators must be \"<\" or \">\" members of btree operator "
                  "families.")
              .WithPosition(s->location + 1);
        }
        break;
      default:
        break;
    }
    switch (s->sortby_nulls) {
      case PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST:
        sb.nulls = ast::NullsOrder::kFirst;
        break;
      case PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST:
        sb.nulls = ast::NullsOrder::kLast;
        break;
      default:
        break;
    }
    out->push_back(std::move(sb));
  }
  return Status::OK();
}

Status Transformer::Window(const PgQuery__WindowDef* w, ast::WindowDef* out) {
  out->name = Str(w->name);
  out->ref_name = Str(w->refname);
  out->frame_options = w->frame_options;
  out->location = w->location;
  NANO_RETURN_IF_ERROR(ExprList(w->n_partition_clause, w->partition_clause, &out->partition_by));
  NANO_RETURN_IF_ERROR(SortList(w->n_order_clause, w->order_clause, &out->order_by));
  NANO_RETURN_IF_ERROR(OptExpr(w->start_offset, &out->start_offset));
  NANO_RETURN_IF_ERROR(OptExpr(w->end_offset, &out->end_offset));
  return Status::OK();
}

namespace {

// Parameter names and defaults (PostgreSQL's proargnames/proargdefaults) of
// the built-in functions that documentation calls with named notation.
// Every function is built in, so named arguments become positional ones
// here; a default is a literal's text ("" = none; a '.' makes it numeric).
struct NamedParams {
  const char* function;
  std::vector<std::pair<const char*, const char*>> params;
};

const NamedParams* FindNamedParams(const std::vector<std::string>& name) {
  static const std::vector<NamedParams> kTable = {
      {"make_interval",
       {{"years", "0"},
        {"months", "0"},
        {"weeks", "0"},
        {"days", "0"},
        {"hours", "0"},
        {"mins", "0"},
        {"secs", "0.0"}}},
      {"make_date", {{"year", ""}, {"month", ""}, {"day", ""}}},
      {"make_time", {{"hour", ""}, {"min", ""}, {"sec", ""}}},
      {"make_timestamp",
       {{"year", ""}, {"month", ""}, {"mday", ""}, {"hour", ""}, {"min", ""}, {"sec", ""}}},
      {"make_timestamptz",
       {{"year", ""},
        {"month", ""},
        {"mday", ""},
        {"hour", ""},
        {"min", ""},
        {"sec", ""},
        {"timezone", ""}}},
  };
  if (name.empty() || name.size() > 2 || (name.size() == 2 && name[0] != "pg_catalog")) {
    return nullptr;
  }
  for (const NamedParams& p : kTable) {
    if (name.back() == p.function) return &p;
  }
  return nullptr;
}

}  // namespace

// f(a, b => x, c => y): positional arguments first, then named ones in
// their parameter's place, then the defaults of the parameters not given;
// errors as ParseFuncOrColumn and func_get_detail report them.
Status Transformer::NamedArgs(const PgQuery__FuncCall* f, const std::vector<std::string>& name,
                              ast::ExprList* out, std::vector<std::string>* arg_names) {
  auto fail = [&](const char* state, const std::string& msg) {
    Status st = Status::Error(state, msg);
    st.SetPositionIfUnset(f->location + 1);
    return st;
  };
  const NamedParams* params = FindNamedParams(name);
  const std::string fname = name.empty() ? "" : name.back();
  if (params == nullptr) {
    // Not a built-in with named parameters: the binder matches the names
    // against user functions' parameters.
    bool seen = false;
    for (size_t i = 0; i < f->n_args; ++i) {
      const Node* a = f->args[i];
      ast::ExprPtr arg;
      if (a->node_case == PG_QUERY__NODE__NODE_NAMED_ARG_EXPR) {
        seen = true;
        arg_names->push_back(Str(a->named_arg_expr->name));
        NANO_RETURN_IF_ERROR(Expr(a->named_arg_expr->arg, &arg));
      } else {
        if (seen) {
          return fail(sqlstate::kSyntaxError, "positional argument cannot follow named argument");
        }
        arg_names->push_back("");
        NANO_RETURN_IF_ERROR(Expr(a, &arg));
      }
      out->push_back(std::move(arg));
    }
    return Status::OK();
  }
  std::vector<ast::ExprPtr> slots(params ? params->params.size() : 0);
  bool seen_named = false;
  for (size_t i = 0; i < f->n_args; ++i) {
    const Node* a = f->args[i];
    if (a->node_case != PG_QUERY__NODE__NODE_NAMED_ARG_EXPR) {
      if (seen_named) {
        return fail(sqlstate::kSyntaxError, "positional argument cannot follow named argument");
      }
      if (i >= slots.size())
        return fail(sqlstate::kUndefinedFunction, "function " + fname + " does not exist");
      NANO_RETURN_IF_ERROR(Expr(a, &slots[i]));
      continue;
    }
    seen_named = true;
    const PgQuery__NamedArgExpr* na = a->named_arg_expr;
    const std::string arg_name = Str(na->name);
    size_t at = 0;
    while (at < slots.size() && arg_name != params->params[at].first) ++at;
    if (at == slots.size()) {
      return fail(sqlstate::kUndefinedFunction,
                  "function " + fname + " has no parameter named \"" + arg_name + "\"");
    }
    if (slots[at]) {
      return fail(sqlstate::kSyntaxError, "argument name \"" + arg_name + "\" used more than once");
    }
    NANO_RETURN_IF_ERROR(Expr(na->arg, &slots[at]));
  }
  for (size_t i = 0; i < slots.size(); ++i) {
    if (slots[i]) continue;
    const std::string def = params->params[i].second;
    if (def.empty()) {
      return fail(sqlstate::kUndefinedFunction, "function " + fname + " does not exist");
    }
    auto c = MakeExpr(ast::ExprKind::kConst, f->location);
    c->str = def;
    if (def.find('.') == std::string::npos) {
      c->const_kind = ast::ConstKind::kInteger;
      c->ival = std::stoll(def);
    } else {
      c->const_kind = ast::ConstKind::kNumeric;
    }
    slots[i] = std::move(c);
  }
  for (auto& s : slots) out->push_back(std::move(s));
  return Status::OK();
}

Status Transformer::FuncCall(const PgQuery__FuncCall* f, ast::ExprPtr* out) {
  auto e = MakeExpr(ast::ExprKind::kFuncCall, f->location);
  e->func_name = NameList(f->n_funcname, f->funcname);
  e->agg_star = f->agg_star;
  e->agg_distinct = f->agg_distinct;
  e->func_variadic = f->func_variadic;
  e->agg_within_group = f->agg_within_group;
  bool named = false;
  for (size_t i = 0; i < f->n_args; ++i) {
    named |= f->args[i]->node_case == PG_QUERY__NODE__NODE_NAMED_ARG_EXPR;
  }
  if (named) {
    NANO_RETURN_IF_ERROR(NamedArgs(f, e->func_name, &e->args, &e->arg_names));
  } else {
    NANO_RETURN_IF_ERROR(ExprList(f->n_args, f->args, &e->args));
  }
  NANO_RETURN_IF_ERROR(SortList(f->n_agg_order, f->agg_order, &e->agg_order));
  NANO_RETURN_IF_ERROR(OptExpr(f->agg_filter, &e->agg_filter));
  if (f->over != nullptr) {
    e->over = std::make_unique<ast::WindowDef>();
    NANO_RETURN_IF_ERROR(Window(f->over, e->over.get()));
  }
  *out = std::move(e);
  return Status::OK();
}

Status Transformer::SubLink(const PgQuery__SubLink* s, ast::ExprPtr* out) {
  auto e = MakeExpr(ast::ExprKind::kSubLink, s->location);
  switch (s->sub_link_type) {
    case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK:
      e->sublink_type = ast::SubLinkType::kExists;
      break;
    case PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK:
      e->sublink_type = ast::SubLinkType::kAny;
      break;
    case PG_QUERY__SUB_LINK_TYPE__ALL_SUBLINK:
      e->sublink_type = ast::SubLinkType::kAll;
      e->all = true;
      break;
    case PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK:
      e->sublink_type = ast::SubLinkType::kExpr;
      break;
    case PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK:
      e->sublink_type = ast::SubLinkType::kArray;
      break;
    default: {
      Status st =
          Status::Error(sqlstate::kFeatureNotSupported, "this form of subquery is not supported");
      st.SetPositionIfUnset(s->location + 1);
      return st;
    }
  }
  // `x IN (SELECT ...)` is ANY with no operator name: it means `= ANY`.
  e->str = LastName(s->n_oper_name, s->oper_name);
  if (e->str.empty() && e->sublink_type == ast::SubLinkType::kAny) e->str.push_back('=');
  NANO_RETURN_IF_ERROR(OptExpr(s->testexpr, &e->left));
  NANO_RETURN_IF_ERROR(SelectNode(s->subselect, &e->subquery));
  *out = std::move(e);
  return Status::OK();
}

Status Transformer::Indirections(size_t n, Node** items, std::vector<ast::Indirection>* out) {
  out->reserve(n);
  for (size_t i = 0; i < n; ++i) {
    const Node* step = items[i];
    ast::Indirection ind;
    switch (step->node_case) {
      case PG_QUERY__NODE__NODE_A_INDICES:
        ind.is_slice = step->a_indices->is_slice;
        NANO_RETURN_IF_ERROR(OptExpr(step->a_indices->lidx, &ind.lower));
        NANO_RETURN_IF_ERROR(OptExpr(step->a_indices->uidx, &ind.upper));
        // A plain subscript x[i] arrives as uidx only.
        if (!ind.is_slice && ind.lower == nullptr) ind.lower = std::move(ind.upper);
        break;
      case PG_QUERY__NODE__NODE_STRING:
        ind.field = StrVal(step);
        break;
      case PG_QUERY__NODE__NODE_A_STAR:
        ind.field = "*";
        break;
      default:
        return Unsupported(step, -1);
    }
    out->push_back(std::move(ind));
  }
  return Status::OK();
}

Status Transformer::Expr(const Node* n, ast::ExprPtr* out) {
  DepthScope depth(this);
  if (n == nullptr) {
    return Status::Error(sqlstate::kSyntaxError, "missing expression");
  }
  switch (n->node_case) {
    case PG_QUERY__NODE__NODE_A_CONST:
      return Const(n->a_const, out);
    case PG_QUERY__NODE__NODE_COLUMN_REF: {
      const PgQuery__ColumnRef* c = n->column_ref;
      auto e = MakeExpr(ast::ExprKind::kColumnRef, c->location);
      e->names.reserve(c->n_fields);
      for (size_t i = 0; i < c->n_fields; ++i) {
        if (c->fields[i]->node_case == PG_QUERY__NODE__NODE_A_STAR) {
          e->star = true;  // only ever the last field
        } else {
          e->names.push_back(StrVal(c->fields[i]));
        }
      }
      *out = std::move(e);
      return Status::OK();
    }
    case PG_QUERY__NODE__NODE_PARAM_REF: {
      auto e = MakeExpr(ast::ExprKind::kParam, n->param_ref->location);
      e->param_number = n->param_ref->number;
      *out = std::move(e);
      return Status::OK();
    }
    case PG_QUERY__NODE__NODE_A_EXPR:
      return AExpr(n->a_expr, out);
    case PG_QUERY__NODE__NODE_BOOL_EXPR: {
      const PgQuery__BoolExpr* b = n->bool_expr;
      ast::ExprKind kind = b->boolop == PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR  ? ast::ExprKind::kAnd
                           : b->boolop == PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR ? ast::ExprKind::kOr
                                                                            : ast::ExprKind::kNot;
      auto e = MakeExpr(kind, b->location);
      NANO_RETURN_IF_ERROR(ExprList(b->n_args, b->args, &e->args));
      *out = std::move(e);
      return Status::OK();
    }
    case PG_QUERY__NODE__NODE_FUNC_CALL:
      return FuncCall(n->func_call, out);
    case PG_QUERY__NODE__NODE_TYPE_CAST: {
      const PgQuery__TypeCast* t = n->type_cast;
      auto e = MakeExpr(ast::ExprKind::kCast, t->location);
      ast::ExprPtr arg;
      NANO_RETURN_IF_ERROR(Expr(t->arg, &arg));
      e->args.push_back(std::move(arg));
      e->type_name = std::make_unique<ast::TypeName>();
      NANO_RETURN_IF_ERROR(ToTypeName(t->type_name, e->type_name.get()));
      *out = std::move(e);
      return Status::OK();
    }
    case PG_QUERY__NODE__NODE_CASE_EXPR: {
      const PgQuery__CaseExpr* c = n->case_expr;
      auto e = MakeExpr(ast::ExprKind::kCase, c->location);
      NANO_RETURN_IF_ERROR(OptExpr(c->arg, &e->left));
      e->args.reserve(2 * c->n_args);
      for (size_t i = 0; i < c->n_args; ++i) {
        const Node* w = c->args[i];
        if (w->node_case != PG_QUERY__NODE__NODE_CASE_WHEN) return Unsupported(w, c->location);
        ast::ExprPtr cond, result;
        NANO_RETURN_IF_ERROR(Expr(w->case_when->expr, &cond));
        NANO_RETURN_IF_ERROR(Expr(w->case_when->result, &result));
        e->args.push_back(std::move(cond));
        e->args.push_back(std::move(result));
      }
      NANO_RETURN_IF_ERROR(OptExpr(c->defresult, &e->default_result));
      *out = std::move(e);
      return Status::OK();
    }
    case PG_QUERY__NODE__NODE_NULL_TEST: {
      const PgQuery__NullTest* t = n->null_test;
      auto e = MakeExpr(ast::ExprKind::kNullTest, t->location);
      e->negated = t->nulltesttype == PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL;
      ast::ExprPtr arg;
      NANO_RETURN_IF_ERROR(Expr(t->arg, &arg));
      e->args.push_back(std::move(arg));
      *out = std::move(e);
      return Status::OK();
    }
    case PG_QUERY__NODE__NODE_BOOLEAN_TEST: {
      const PgQuery__BooleanTest* t = n->boolean_test;
      auto e = MakeExpr(ast::ExprKind::kBoolTest, t->location);
      switch (t->booltesttype) {
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_TRUE:
          e->bool_test = ast::BoolTestKind::kIsNotTrue;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_FALSE:
          e->bool_test = ast::BoolTestKind::kIsFalse;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_FALSE:
          e->bool_test = ast::BoolTestKind::kIsNotFalse;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_UNKNOWN:
          e->bool_test = ast::BoolTestKind::kIsUnknown;
          break;
        case PG_QUERY__BOOL_TEST_TYPE__IS_NOT_UNKNOWN:
          e->bool_test = ast::BoolTestKind::kIsNotUnknown;
          break;
        default:
          e->bool_test = ast::BoolTestKind::kIsTrue;
          break;
      }
      ast::ExprPtr arg;
      NANO_RETURN_IF_ERROR(Expr(t->arg, &arg));
      e->args.push_back(std::move(arg));
      *out = std::move(e);
      return Status::OK();
    }
    case PG_QUERY__NODE__NODE_SUB_LINK:
      return SubLink(n->sub_link, out);
    case PG_QUERY__NODE__NODE_A_ARRAY_EXPR: {
      auto e = MakeExpr(ast::ExprKind::kArray, n->a_array_expr->location);
      NANO_RETURN_IF_ERROR(
          ExprList(n->a_array_expr->n_elements, n->a_array_expr->elements, &e->args));
      *out = std::move(e);
      return Status::OK();
    }
    case PG_QUERY__NODE__NODE_ROW_EXPR: {
      auto e = MakeExpr(ast::ExprKind::kRow, n->row_expr->location);
      NANO_RETURN_IF_ERROR(ExprList(n->row_expr->n_args, n->row_expr->args, &e->args));
      *out = std::move(e);
      return Status::OK();
    }
    case PG_QUERY__NODE__NODE_COALESCE_EXPR: {
      auto e = MakeExpr(ast::ExprKind::kCoalesce, n->coalesce_expr->location);
      NANO_RETURN_IF_ERROR(ExprList(n->coalesce_expr->n_args, n->coalesce_expr->args, &e->args));
      *out = std::move(e);
      return Status::OK();
    }
    case PG_QUERY__NODE__NODE_MIN_MAX_EXPR: {
      const PgQuery__MinMaxExpr* m = n->min_max_expr;
      auto e = MakeExpr(m->op == PG_QUERY__MIN_MAX_OP__IS_LEAST ? ast::ExprKind::kLeast
                                                                : ast::ExprKind::kGreatest,
                        m->location);
      NANO_RETURN_IF_ERROR(ExprList(m->n_args, m->args, &e->args));
      *out = std::move(e);
      return Status::OK();
    }
    case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION: {
      const PgQuery__SQLValueFunction* f = n->sqlvalue_function;
      auto e = MakeExpr(ast::ExprKind::kSqlValue, f->location);
      e->ival = -1;
      switch (f->op) {
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE:
          e->svf = ast::SqlValueKind::kCurrentDate;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N:
          e->ival = f->typmod;
          [[fallthrough]];
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME:
          e->svf = ast::SqlValueKind::kCurrentTime;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N:
          e->ival = f->typmod;
          [[fallthrough]];
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
          e->svf = ast::SqlValueKind::kCurrentTimestamp;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N:
          e->ival = f->typmod;
          [[fallthrough]];
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
          e->svf = ast::SqlValueKind::kLocalTime;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N:
          e->ival = f->typmod;
          [[fallthrough]];
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
          e->svf = ast::SqlValueKind::kLocalTimestamp;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_ROLE:
          e->svf = ast::SqlValueKind::kCurrentRole;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_USER:
          e->svf = ast::SqlValueKind::kCurrentUser;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_USER:
          e->svf = ast::SqlValueKind::kUser;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_SESSION_USER:
          e->svf = ast::SqlValueKind::kSessionUser;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_CATALOG:
          e->svf = ast::SqlValueKind::kCurrentCatalog;
          break;
        case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA:
          e->svf = ast::SqlValueKind::kCurrentSchema;
          break;
        default:
          return Unsupported(n, f->location);
      }
      *out = std::move(e);
      return Status::OK();
    }
    case PG_QUERY__NODE__NODE_A_INDIRECTION: {
      const PgQuery__AIndirection* ind = n->a_indirection;
      auto e = MakeExpr(ast::ExprKind::kIndirection, NodeLocation(ind->arg));
      ast::ExprPtr arg;
      NANO_RETURN_IF_ERROR(Expr(ind->arg, &arg));
      e->args.push_back(std::move(arg));
      NANO_RETURN_IF_ERROR(Indirections(ind->n_indirection, ind->indirection, &e->indirection));
      *out = std::move(e);
      return Status::OK();
    }
    case PG_QUERY__NODE__NODE_COLLATE_CLAUSE: {
      const PgQuery__CollateClause* c = n->collate_clause;
      auto e = MakeExpr(ast::ExprKind::kCollate, c->location);
      e->str = LastName(c->n_collname, c->collname);
      ast::ExprPtr arg;
      NANO_RETURN_IF_ERROR(Expr(c->arg, &arg));
      e->args.push_back(std::move(arg));
      *out = std::move(e);
      return Status::OK();
    }
    case PG_QUERY__NODE__NODE_SET_TO_DEFAULT:
      *out = MakeExpr(ast::ExprKind::kDefault, n->set_to_default->location);
      return Status::OK();
    case PG_QUERY__NODE__NODE_GROUPING_FUNC: {
      auto e = MakeExpr(ast::ExprKind::kGroupingFunc, n->grouping_func->location);
      NANO_RETURN_IF_ERROR(ExprList(n->grouping_func->n_args, n->grouping_func->args, &e->args));
      *out = std::move(e);
      return Status::OK();
    }
    case PG_QUERY__NODE__NODE_A_STAR:
      *out = MakeExpr(ast::ExprKind::kStar, -1);
      return Status::OK();
    default:
      return Unsupported(n, NodeLocation(n));
  }
}

std::string Transformer::Deparse(const Node* n, bool is_stmt) const {
  // Builds a one-statement parse tree around the borrowed node, packs it and
  // lets libpg_query's deparser print it. Only DDL pays for this.
  PgQuery__ResTarget target = PG_QUERY__RES_TARGET__INIT;
  target.val = const_cast<Node*>(n);
  Node target_node = PG_QUERY__NODE__INIT;
  target_node.node_case = PG_QUERY__NODE__NODE_RES_TARGET;
  target_node.res_target = &target;
  Node* target_list[1] = {&target_node};
  PgQuery__SelectStmt select = PG_QUERY__SELECT_STMT__INIT;
  select.n_target_list = 1;
  select.target_list = target_list;
  select.op = PG_QUERY__SET_OPERATION__SETOP_NONE;
  select.limit_option = PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_DEFAULT;
  Node select_node = PG_QUERY__NODE__INIT;
  select_node.node_case = PG_QUERY__NODE__NODE_SELECT_STMT;
  select_node.select_stmt = &select;

  PgQuery__RawStmt raw = PG_QUERY__RAW_STMT__INIT;
  raw.stmt = is_stmt ? const_cast<Node*>(n) : &select_node;
  PgQuery__RawStmt* raws[1] = {&raw};
  PgQuery__ParseResult result = PG_QUERY__PARSE_RESULT__INIT;
  result.version = PG_VERSION_NUM;
  result.n_stmts = 1;
  result.stmts = raws;

  std::string buffer(pg_query__parse_result__get_packed_size(&result), '\0');
  pg_query__parse_result__pack(&result, reinterpret_cast<uint8_t*>(buffer.data()));
  PgQueryProtobuf pb{buffer.size(), buffer.data()};
  PgQueryDeparseResult d = pg_query_deparse_protobuf(pb);
  std::string text;
  if (d.error == nullptr && d.query != nullptr) {
    text = d.query;
    constexpr std::string_view kPrefix = "SELECT ";
    if (!is_stmt && std::string_view(text).substr(0, kPrefix.size()) == kPrefix) {
      text.erase(0, kPrefix.size());
    }
  }
  pg_query_free_deparse_result(d);
  return text;
}

}  // namespace nano::parser_internal
