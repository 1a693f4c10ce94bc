// engine/parser/transform.h — libpg_query protobuf tree -> ast.h (internal).
//
// Only engine/parser/*.cc include this header: it is the one place that sees
// libpg_query's protobuf-c types. A Transformer turns one unpacked
// PgQuery__ParseResult into ast nodes; it borrows the protobuf tree (which
// the caller frees afterwards) and the original SQL text (for deparsed
// expression texts and error positions). Every string is copied into the
// AST, so the result owns nothing of libpg_query.
//
// Errors: an expression node the transform does not know is 0A000 with the
// node's position; a statement it does not know becomes an UnsupportedStmt.
// Thread-safety: a Transformer is used by one thread; distinct Transformers
// are independent.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "parser/ast.h"
#include "pg_query.pb-c.h"

namespace nano::parser_internal {

using Node = PgQuery__Node;

// Null-safe copy of a protobuf string field (protobuf-c uses "" or null).
inline std::string Str(const char* s) { return s == nullptr ? std::string() : std::string(s); }

// The text of a String node; "" for anything else.
std::string StrVal(const Node* n);

// libpg_query's node name for a Node's case, e.g. "CreateFunctionStmt".
std::string NodeName(const Node* n);

class Transformer {
 public:
  explicit Transformer(std::string_view sql) : sql_(sql) {}

  // Statements (transform_*.cc).
  Status Stmt(const Node* n, ast::StatementPtr* out);
  Status Select(const PgQuery__SelectStmt* s, std::unique_ptr<ast::SelectStmt>* out);
  Status SelectNode(const Node* n, std::unique_ptr<ast::SelectStmt>* out);
  Status Insert(const PgQuery__InsertStmt* s, ast::StatementPtr* out);
  Status Update(const PgQuery__UpdateStmt* s, ast::StatementPtr* out);
  Status Delete(const PgQuery__DeleteStmt* s, ast::StatementPtr* out);
  Status CreateTable(const PgQuery__CreateStmt* s, ast::StatementPtr* out);
  Status CreateTableAs(const PgQuery__CreateTableAsStmt* s, ast::StatementPtr* out);
  Status CreateIndex(const PgQuery__IndexStmt* s, ast::StatementPtr* out);
  Status CreateSequence(const PgQuery__CreateSeqStmt* s, ast::StatementPtr* out);
  Status AlterSequence(const PgQuery__AlterSeqStmt* s, ast::StatementPtr* out);
  Status CreateSchema(const PgQuery__CreateSchemaStmt* s, ast::StatementPtr* out);
  Status CreateDatabase(const PgQuery__CreatedbStmt* s, ast::StatementPtr* out);
  Status DropDatabase(const PgQuery__DropdbStmt* s, ast::StatementPtr* out);
  Status CreateView(const PgQuery__ViewStmt* s, ast::StatementPtr* out);
  Status CreateFunction(const PgQuery__CreateFunctionStmt* s, ast::StatementPtr* out);
  Status Define(const PgQuery__DefineStmt* s, ast::StatementPtr* out);
  Status FunctionParams(Node* const* params, size_t n, std::vector<ast::FunctionParam>* out);
  Status FunctionOption(const PgQuery__DefElem* d, ast::CreateFunctionStmt* f);
  Status CreateEnum(const PgQuery__CreateEnumStmt* s, ast::StatementPtr* out);
  Status AlterEnum(const PgQuery__AlterEnumStmt* s, ast::StatementPtr* out);
  Status AlterDomain(const PgQuery__AlterDomainStmt* s, ast::StatementPtr* out);
  Status CreateComposite(const PgQuery__CompositeTypeStmt* s, ast::StatementPtr* out);
  Status CreateDomain(const PgQuery__CreateDomainStmt* s, ast::StatementPtr* out);
  Status Drop(const PgQuery__DropStmt* s, ast::StatementPtr* out);
  Status AlterTable(const PgQuery__AlterTableStmt* s, ast::StatementPtr* out);
  Status Rename(const PgQuery__RenameStmt* s, ast::StatementPtr* out);
  Status Truncate(const PgQuery__TruncateStmt* s, ast::StatementPtr* out);
  Status Transaction(const PgQuery__TransactionStmt* s, ast::StatementPtr* out);
  Status VariableSet(const PgQuery__VariableSetStmt* s, ast::StatementPtr* out);
  Status VariableShow(const PgQuery__VariableShowStmt* s, ast::StatementPtr* out);
  Status Explain(const PgQuery__ExplainStmt* s, ast::StatementPtr* out);
  Status Copy(const PgQuery__CopyStmt* s, ast::StatementPtr* out);
  Status Prepare(const PgQuery__PrepareStmt* s, ast::StatementPtr* out);
  Status Execute(const PgQuery__ExecuteStmt* s, ast::StatementPtr* out);
  Status Deallocate(const PgQuery__DeallocateStmt* s, ast::StatementPtr* out);
  Status Discard(const PgQuery__DiscardStmt* s, ast::StatementPtr* out);
  Status Comment(const PgQuery__CommentStmt* s, ast::StatementPtr* out);
  Status CreateTrigger(const PgQuery__CreateTrigStmt* s, ast::StatementPtr* out);  // _trigger.cc
  // Roles, privileges, policies (transform_roles.cc).
  Status CreateRole(const PgQuery__CreateRoleStmt* s, ast::StatementPtr* out);
  Status AlterRole(const PgQuery__AlterRoleStmt* s, ast::StatementPtr* out);
  Status DropRole(const PgQuery__DropRoleStmt* s, ast::StatementPtr* out);
  Status GrantRole(const PgQuery__GrantRoleStmt* s, ast::StatementPtr* out);
  Status Grant(const PgQuery__GrantStmt* s, ast::StatementPtr* out);
  Status CreatePolicy(const PgQuery__CreatePolicyStmt* s, ast::StatementPtr* out);
  Status AlterPolicy(const PgQuery__AlterPolicyStmt* s, ast::StatementPtr* out);
  Status AlterOwner(const PgQuery__AlterOwnerStmt* s, ast::StatementPtr* out);

  // Clauses shared by statements (transform_select.cc / transform_dml.cc).
  Status TableRefNode(const Node* n, ast::TableRefPtr* out);
  Status FromList(size_t n, Node** items, std::vector<ast::TableRefPtr>* out);
  Status Targets(size_t n, Node** items, std::vector<ast::ResTarget>* out);
  Status With(const PgQuery__WithClause* w, std::unique_ptr<ast::WithClause>* out);
  Status SortList(size_t n, Node** items, std::vector<ast::SortBy>* out);
  Status Window(const PgQuery__WindowDef* w, ast::WindowDef* out);
  Status Indirections(size_t n, Node** items, std::vector<ast::Indirection>* out);

  // DDL pieces (transform_ddl.cc).
  Status ColumnDefinition(const PgQuery__ColumnDef* c, ast::ColumnDef* out);
  Status ConstraintNode(const PgQuery__Constraint* c, ast::Constraint* out);
  Status DefElems(size_t n, Node** items, std::vector<ast::DefElem>* out);
  Status DefElemNode(const PgQuery__DefElem* d, ast::DefElem* out);

  // Expressions (transform_expr.cc).
  Status Expr(const Node* n, ast::ExprPtr* out);
  Status PartitionSpecNode(const PgQuery__PartitionSpec* s, ast::PartitionSpec* out);
  Status PartitionBound(const PgQuery__PartitionBoundSpec* s, ast::PartitionBoundSpec* out);
  Status ExprList(size_t n, Node** items, ast::ExprList* out);
  Status OptExpr(const Node* n, ast::ExprPtr* out) {
    if (n == nullptr) return Status::OK();
    return Expr(n, out);
  }

  // The deparsed SQL text of an expression node ("a > 0"), or of a
  // statement node when `is_stmt` ("SELECT ..."). Empty on failure.
  std::string Deparse(const Node* n, bool is_stmt) const;

  std::string_view sql() const { return sql_; }

  // Deepest nesting of expressions / queries / FROM items seen so far. The
  // parser rejects trees deeper than it can safely recurse over later.
  int max_depth() const { return max_depth_; }

 private:
  // Counts nesting for max_depth(); one per recursive transform frame.
  class DepthScope {
   public:
    explicit DepthScope(Transformer* t) : t_(t) {
      if (++t_->depth_ > t_->max_depth_) t_->max_depth_ = t_->depth_;
    }
    ~DepthScope() { --t_->depth_; }
    DepthScope(const DepthScope&) = delete;
    DepthScope& operator=(const DepthScope&) = delete;

   private:
    Transformer* t_;
  };

  Status AExpr(const PgQuery__AExpr* a, ast::ExprPtr* out);
  Status FuncCall(const PgQuery__FuncCall* f, ast::ExprPtr* out);
  Status NamedArgs(const PgQuery__FuncCall* f, const std::vector<std::string>& name,
                   ast::ExprList* out, std::vector<std::string>* arg_names);
  Status SubLink(const PgQuery__SubLink* s, ast::ExprPtr* out);
  Status Const(const PgQuery__AConst* c, ast::ExprPtr* out);
  Status GroupingSetNode(const Node* n, ast::SelectStmt::GroupingSet* out);

  std::string_view sql_;
  int depth_ = 0;
  int max_depth_ = 0;
};

// Shared small converters.
ast::RangeVar ToRangeVar(const PgQuery__RangeVar* rv);
Status ToTypeName(const PgQuery__TypeName* t, ast::TypeName* out);
std::vector<std::string> NameList(size_t n, Node** items);
ast::ObjectType ToObjectType(PgQuery__ObjectType t);
ast::DropBehavior ToDropBehavior(PgQuery__DropBehavior b);
Status Unsupported(const Node* n, int location);
// Returns the location a node reports (or -1).
int NodeLocation(const Node* n);

// A conservative upper bound on the nesting depth of the parse tree of `sql`
// (depth_bound.cc), computed from its tokens without parsing.
int DepthBound(std::string_view sql);

}  // namespace nano::parser_internal
