// Unit tests for ParseSql / ParseExpression: every statement kind and every
// expression kind of ast.h, PostgreSQL 15's syntax error texts and positions
// (expected values taken from a real PostgreSQL 15 server), and statement
// locations in multi-statement strings.
#include "parser/parser.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

namespace nano {
namespace {

using ast::ExprKind;
using ast::StmtKind;

std::vector<ast::StatementPtr> MustParse(std::string_view sql) {
  std::vector<ast::StatementPtr> out;
  Status st = ParseSql(sql, &out);
  EXPECT_TRUE(st.ok()) << sql << " -> " << st.ToString();
  return out;
}

template <typename T>
const T* One(const std::vector<ast::StatementPtr>& v, StmtKind kind) {
  if (v.size() != 1 || v[0]->kind != kind) {
    ADD_FAILURE() << "expected one statement of kind " << static_cast<int>(kind) << ", got "
                  << v.size()
                  << (v.empty() ? "" : " of kind " + std::to_string(static_cast<int>(v[0]->kind)));
    return nullptr;
  }
  return static_cast<const T*>(v[0].get());
}

ast::ExprPtr MustExpr(std::string_view sql) {
  ast::ExprPtr e;
  Status st = ParseExpression(sql, &e);
  EXPECT_TRUE(st.ok()) << sql << " -> " << st.ToString();
  if (e == nullptr) e = std::make_unique<ast::Expr>();  // keeps callers crash-free after a failure
  return e;
}

using Names = std::vector<std::string>;

// ---------------------------------------------------------------------------
// Expressions

TEST(ParserExprTest, Constants) {
  auto e = MustExpr("42");
  EXPECT_EQ(e->kind, ExprKind::kConst);
  EXPECT_EQ(e->const_kind, ast::ConstKind::kInteger);
  EXPECT_EQ(e->ival, 42);
  EXPECT_EQ(e->str, "42");
  EXPECT_EQ(e->location, 0);

  e = MustExpr("-5");  // the grammar folds the minus into the constant
  EXPECT_EQ(e->const_kind, ast::ConstKind::kInteger);
  EXPECT_EQ(e->ival, -5);

  e = MustExpr("2147483648");  // too big for int4: numeric text
  EXPECT_EQ(e->const_kind, ast::ConstKind::kNumeric);
  EXPECT_EQ(e->str, "2147483648");

  e = MustExpr("-1.5e3");
  EXPECT_EQ(e->const_kind, ast::ConstKind::kNumeric);
  EXPECT_EQ(e->str, "-1.5e3");

  e = MustExpr("'it''s'");
  EXPECT_EQ(e->const_kind, ast::ConstKind::kString);
  EXPECT_EQ(e->str, "it's");

  e = MustExpr("E'a\\nb'");
  EXPECT_EQ(e->str, "a\nb");

  e = MustExpr("true");
  EXPECT_EQ(e->const_kind, ast::ConstKind::kBool);
  EXPECT_EQ(e->ival, 1);
  e = MustExpr("false");
  EXPECT_EQ(e->ival, 0);

  e = MustExpr("NULL");
  EXPECT_EQ(e->const_kind, ast::ConstKind::kNull);

  e = MustExpr("B'1010'");
  EXPECT_EQ(e->const_kind, ast::ConstKind::kBitString);
  EXPECT_EQ(e->str, "b1010");
  e = MustExpr("X'1F'");
  EXPECT_EQ(e->str, "x1F");
}

TEST(ParserExprTest, ColumnRefsAndParams) {
  auto e = MustExpr("s.t.c");
  EXPECT_EQ(e->kind, ExprKind::kColumnRef);
  EXPECT_EQ(e->names, (Names{"s", "t", "c"}));
  EXPECT_FALSE(e->star);

  e = MustExpr("\"MixedCase\"");
  EXPECT_EQ(e->names, (Names{"MixedCase"}));
  e = MustExpr("MixedCase");
  EXPECT_EQ(e->names, (Names{"mixedcase"}));

  e = MustExpr("t.*");
  EXPECT_EQ(e->kind, ExprKind::kColumnRef);
  EXPECT_TRUE(e->star);
  EXPECT_EQ(e->names, (Names{"t"}));

  auto v = MustParse("SELECT * FROM t");
  auto* s = One<ast::SelectStmt>(v, StmtKind::kSelect);
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->targets.size(), 1u);
  EXPECT_EQ(s->targets[0].value->kind, ExprKind::kColumnRef);
  EXPECT_TRUE(s->targets[0].value->star);
  EXPECT_TRUE(s->targets[0].value->names.empty());

  e = MustExpr("$3");
  EXPECT_EQ(e->kind, ExprKind::kParam);
  EXPECT_EQ(e->param_number, 3);
}

TEST(ParserExprTest, Operators) {
  auto e = MustExpr("a + b * 2");
  EXPECT_EQ(e->kind, ExprKind::kOp);
  EXPECT_EQ(e->str, "+");
  EXPECT_EQ(e->location, 2);  // PostgreSQL locates an operator expression at its operator
  ASSERT_NE(e->right, nullptr);
  EXPECT_EQ(e->right->str, "*");

  e = MustExpr("- a");  // prefix operator: no left operand
  EXPECT_EQ(e->kind, ExprKind::kOp);
  EXPECT_EQ(e->str, "-");
  EXPECT_EQ(e->left, nullptr);
  ASSERT_NE(e->right, nullptr);

  e = MustExpr("a OPERATOR(pg_catalog.+) b");
  EXPECT_EQ(e->str, "+");

  e = MustExpr("a OPERATOR(ops.===) b");  // a user operator in schema ops
  EXPECT_EQ(e->str, "ops.===");

  e = MustExpr("a = ANY(ARRAY[1,2])");
  EXPECT_EQ(e->kind, ExprKind::kAnyAll);
  EXPECT_EQ(e->str, "=");
  EXPECT_FALSE(e->all);
  EXPECT_EQ(e->right->kind, ExprKind::kArray);

  e = MustExpr("a < ALL('{1,2}')");
  EXPECT_EQ(e->kind, ExprKind::kAnyAll);
  EXPECT_TRUE(e->all);

  e = MustExpr("a IS DISTINCT FROM b");
  EXPECT_EQ(e->kind, ExprKind::kDistinctFrom);
  EXPECT_FALSE(e->negated);
  e = MustExpr("a IS NOT DISTINCT FROM b");
  EXPECT_TRUE(e->negated);

  e = MustExpr("NULLIF(a, 0)");
  EXPECT_EQ(e->kind, ExprKind::kNullIf);
  EXPECT_NE(e->left, nullptr);
  EXPECT_NE(e->right, nullptr);
}

TEST(ParserExprTest, InLikeBetween) {
  auto e = MustExpr("a IN (1, 2, 3)");
  EXPECT_EQ(e->kind, ExprKind::kInList);
  EXPECT_FALSE(e->negated);
  EXPECT_EQ(e->args.size(), 3u);
  e = MustExpr("a NOT IN (1)");
  EXPECT_TRUE(e->negated);

  e = MustExpr("a LIKE 'x%'");
  EXPECT_EQ(e->kind, ExprKind::kLike);
  EXPECT_EQ(e->like_kind, ast::LikeKind::kLike);
  EXPECT_FALSE(e->negated);
  EXPECT_EQ(e->right->str, "x%");
  EXPECT_EQ(e->escape, nullptr);

  e = MustExpr("a NOT ILIKE 'x'");
  EXPECT_EQ(e->like_kind, ast::LikeKind::kILike);
  EXPECT_TRUE(e->negated);

  e = MustExpr("a LIKE 'x!%' ESCAPE '!'");
  EXPECT_EQ(e->right->kind, ExprKind::kConst);
  EXPECT_EQ(e->right->str, "x!%");
  ASSERT_NE(e->escape, nullptr);
  EXPECT_EQ(e->escape->str, "!");

  e = MustExpr("a SIMILAR TO 'ab*'");
  EXPECT_EQ(e->like_kind, ast::LikeKind::kSimilar);
  EXPECT_EQ(e->right->str, "ab*");  // the similar_to_escape() wrapper is removed
  EXPECT_EQ(e->escape, nullptr);

  e = MustExpr("a NOT SIMILAR TO 'a#_' ESCAPE '#'");
  EXPECT_TRUE(e->negated);
  ASSERT_NE(e->escape, nullptr);
  EXPECT_EQ(e->escape->str, "#");

  e = MustExpr("a BETWEEN 1 AND 2");
  EXPECT_EQ(e->kind, ExprKind::kBetween);
  ASSERT_EQ(e->args.size(), 3u);
  EXPECT_EQ(e->args[2]->ival, 2);
  EXPECT_FALSE(e->negated);
  EXPECT_FALSE(e->symmetric);
  e = MustExpr("a NOT BETWEEN SYMMETRIC 2 AND 1");
  EXPECT_TRUE(e->negated);
  EXPECT_TRUE(e->symmetric);
}

TEST(ParserExprTest, BooleanLogicAndTests) {
  auto e = MustExpr("a AND b OR NOT c");
  EXPECT_EQ(e->kind, ExprKind::kOr);
  ASSERT_EQ(e->args.size(), 2u);
  EXPECT_EQ(e->args[0]->kind, ExprKind::kAnd);
  EXPECT_EQ(e->args[1]->kind, ExprKind::kNot);

  e = MustExpr("a IS NULL");
  EXPECT_EQ(e->kind, ExprKind::kNullTest);
  EXPECT_FALSE(e->negated);
  e = MustExpr("a IS NOT NULL");
  EXPECT_TRUE(e->negated);
  e = MustExpr("a ISNULL");
  EXPECT_EQ(e->kind, ExprKind::kNullTest);

  e = MustExpr("a IS NOT TRUE");
  EXPECT_EQ(e->kind, ExprKind::kBoolTest);
  EXPECT_EQ(e->bool_test, ast::BoolTestKind::kIsNotTrue);
  e = MustExpr("a IS UNKNOWN");
  EXPECT_EQ(e->bool_test, ast::BoolTestKind::kIsUnknown);
  e = MustExpr("a IS FALSE");
  EXPECT_EQ(e->bool_test, ast::BoolTestKind::kIsFalse);
}

TEST(ParserExprTest, FunctionCalls) {
  auto e = MustExpr("count(*)");
  EXPECT_EQ(e->kind, ExprKind::kFuncCall);
  EXPECT_EQ(e->func_name, (Names{"count"}));
  EXPECT_TRUE(e->agg_star);
  EXPECT_TRUE(e->args.empty());

  e = MustExpr("count(DISTINCT a)");
  EXPECT_TRUE(e->agg_distinct);
  EXPECT_EQ(e->args.size(), 1u);

  e = MustExpr("string_agg(a, ',' ORDER BY b DESC NULLS LAST)");
  ASSERT_EQ(e->agg_order.size(), 1u);
  EXPECT_EQ(e->agg_order[0].dir, ast::SortDir::kDesc);
  EXPECT_EQ(e->agg_order[0].nulls, ast::NullsOrder::kLast);

  e = MustExpr("sum(a) FILTER (WHERE a > 0)");
  ASSERT_NE(e->agg_filter, nullptr);
  EXPECT_EQ(e->agg_filter->str, ">");

  e = MustExpr("percentile_cont(0.5) WITHIN GROUP (ORDER BY a)");
  EXPECT_TRUE(e->agg_within_group);
  EXPECT_EQ(e->agg_order.size(), 1u);

  e = MustExpr("concat_ws(',', VARIADIC ARRAY['a'])");
  EXPECT_TRUE(e->func_variadic);

  e = MustExpr("pg_catalog.lower('A')");
  EXPECT_EQ(e->func_name, (Names{"pg_catalog", "lower"}));
}

TEST(ParserExprTest, WindowFunctions) {
  auto e =
      MustExpr("sum(a) OVER (PARTITION BY b ORDER BY c ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)");
  ASSERT_NE(e->over, nullptr);
  EXPECT_EQ(e->over->partition_by.size(), 1u);
  EXPECT_EQ(e->over->order_by.size(), 1u);
  // FRAMEOPTION_NONDEFAULT | ROWS | BETWEEN | START_OFFSET_PRECEDING | END_CURRENT_ROW
  EXPECT_EQ(e->over->frame_options, 0x1 | 0x4 | 0x10 | 0x800 | 0x400);
  ASSERT_NE(e->over->start_offset, nullptr);
  EXPECT_EQ(e->over->start_offset->ival, 2);
  EXPECT_EQ(e->over->end_offset, nullptr);

  e = MustExpr("rank() OVER w");
  ASSERT_NE(e->over, nullptr);
  EXPECT_EQ(e->over->name, "w");

  e = MustExpr("rank() OVER (w ORDER BY a)");
  EXPECT_EQ(e->over->ref_name, "w");
}

TEST(ParserExprTest, SqlSyntaxThatBecomesFunctionCalls) {
  auto e = MustExpr("EXTRACT(year FROM x)");
  EXPECT_EQ(e->func_name, (Names{"pg_catalog", "extract"}));
  ASSERT_EQ(e->args.size(), 2u);
  EXPECT_EQ(e->args[0]->str, "year");

  e = MustExpr("POSITION('a' IN 'abc')");
  EXPECT_EQ(e->func_name, (Names{"pg_catalog", "position"}));
  ASSERT_EQ(e->args.size(), 2u);
  EXPECT_EQ(e->args[0]->str, "abc");
  EXPECT_EQ(e->args[1]->str, "a");

  e = MustExpr("SUBSTRING(x FROM 2 FOR 3)");
  EXPECT_EQ(e->func_name, (Names{"pg_catalog", "substring"}));
  EXPECT_EQ(e->args.size(), 3u);

  e = MustExpr("TRIM(BOTH 'x' FROM y)");
  EXPECT_EQ(e->func_name, (Names{"pg_catalog", "btrim"}));
  e = MustExpr("TRIM(LEADING FROM y)");
  EXPECT_EQ(e->func_name, (Names{"pg_catalog", "ltrim"}));

  e = MustExpr("x AT TIME ZONE 'UTC'");
  EXPECT_EQ(e->func_name, (Names{"pg_catalog", "timezone"}));
  ASSERT_EQ(e->args.size(), 2u);
  EXPECT_EQ(e->args[0]->str, "UTC");
  EXPECT_EQ(e->args[1]->kind, ExprKind::kColumnRef);

  e = MustExpr("OVERLAY('abc' PLACING 'x' FROM 2)");
  EXPECT_EQ(e->func_name, (Names{"pg_catalog", "overlay"}));
}

TEST(ParserExprTest, Casts) {
  auto e = MustExpr("a::int");
  EXPECT_EQ(e->kind, ExprKind::kCast);
  ASSERT_EQ(e->args.size(), 1u);
  ASSERT_NE(e->type_name, nullptr);
  EXPECT_EQ(e->type_name->names, (Names{"pg_catalog", "int4"}));
  EXPECT_EQ(e->type_name->array_dims, 0);

  e = MustExpr("CAST(a AS varchar(10))");
  EXPECT_EQ(e->type_name->names, (Names{"pg_catalog", "varchar"}));
  EXPECT_EQ(e->type_name->modifiers, (std::vector<int32_t>{10}));

  e = MustExpr("a::numeric(10,2)[]");
  EXPECT_EQ(e->type_name->names, (Names{"pg_catalog", "numeric"}));
  EXPECT_EQ(e->type_name->modifiers, (std::vector<int32_t>{10, 2}));
  EXPECT_EQ(e->type_name->array_dims, 1);

  e = MustExpr("'x'::text");  // user spellings stay unqualified
  EXPECT_EQ(e->type_name->names, (Names{"text"}));

  e = MustExpr("'2020-01-01'::timestamp with time zone");
  EXPECT_EQ(e->type_name->names, (Names{"pg_catalog", "timestamptz"}));

  e = MustExpr("int4 '7'");  // type 'literal' is a cast too
  EXPECT_EQ(e->kind, ExprKind::kCast);
  EXPECT_EQ(e->args[0]->str, "7");

  e = MustExpr("a::int[][]");
  EXPECT_EQ(e->type_name->array_dims, 2);
}

TEST(ParserExprTest, CaseExpressions) {
  auto e = MustExpr("CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END");
  EXPECT_EQ(e->kind, ExprKind::kCase);
  EXPECT_EQ(e->left, nullptr);
  ASSERT_EQ(e->args.size(), 4u);
  EXPECT_EQ(e->args[3]->ival, 2);
  ASSERT_NE(e->default_result, nullptr);
  EXPECT_EQ(e->default_result->ival, 3);

  e = MustExpr("CASE x WHEN 1 THEN 'one' END");
  ASSERT_NE(e->left, nullptr);
  EXPECT_EQ(e->left->names, (Names{"x"}));
  EXPECT_EQ(e->args.size(), 2u);
  EXPECT_EQ(e->default_result, nullptr);
}

TEST(ParserExprTest, SubLinks) {
  auto e = MustExpr("EXISTS (SELECT 1)");
  EXPECT_EQ(e->kind, ExprKind::kSubLink);
  EXPECT_EQ(e->sublink_type, ast::SubLinkType::kExists);
  ASSERT_NE(e->subquery, nullptr);

  e = MustExpr("a IN (SELECT b FROM t)");
  EXPECT_EQ(e->sublink_type, ast::SubLinkType::kAny);
  EXPECT_EQ(e->str, "=");
  ASSERT_NE(e->left, nullptr);
  EXPECT_EQ(e->subquery->from.size(), 1u);

  e = MustExpr("a > ALL (SELECT b FROM t)");
  EXPECT_EQ(e->sublink_type, ast::SubLinkType::kAll);
  EXPECT_TRUE(e->all);
  EXPECT_EQ(e->str, ">");

  e = MustExpr("a = SOME (SELECT 1)");
  EXPECT_EQ(e->sublink_type, ast::SubLinkType::kAny);
  EXPECT_EQ(e->str, "=");

  e = MustExpr("(SELECT max(b) FROM t)");
  EXPECT_EQ(e->sublink_type, ast::SubLinkType::kExpr);
  EXPECT_EQ(e->left, nullptr);

  e = MustExpr("ARRAY(SELECT 1)");
  EXPECT_EQ(e->sublink_type, ast::SubLinkType::kArray);

  e = MustExpr("a NOT IN (SELECT 1)");
  EXPECT_EQ(e->kind, ExprKind::kNot);
  EXPECT_EQ(e->args[0]->kind, ExprKind::kSubLink);
}

TEST(ParserExprTest, ConstructorsAndSpecialForms) {
  auto e = MustExpr("ARRAY[1, 2, 3]");
  EXPECT_EQ(e->kind, ExprKind::kArray);
  EXPECT_EQ(e->args.size(), 3u);

  e = MustExpr("ROW(1, 'a')");
  EXPECT_EQ(e->kind, ExprKind::kRow);
  EXPECT_EQ(e->args.size(), 2u);
  e = MustExpr("(1, 2, 3)");
  EXPECT_EQ(e->kind, ExprKind::kRow);
  EXPECT_EQ(e->args.size(), 3u);

  e = MustExpr("COALESCE(a, b, 0)");
  EXPECT_EQ(e->kind, ExprKind::kCoalesce);
  EXPECT_EQ(e->args.size(), 3u);
  e = MustExpr("GREATEST(1, 2)");
  EXPECT_EQ(e->kind, ExprKind::kGreatest);
  e = MustExpr("LEAST(1, 2)");
  EXPECT_EQ(e->kind, ExprKind::kLeast);

  e = MustExpr("a COLLATE \"C\"");
  EXPECT_EQ(e->kind, ExprKind::kCollate);
  EXPECT_EQ(e->str, "C");
  EXPECT_EQ(e->args.size(), 1u);
}

TEST(ParserExprTest, SqlValueFunctions) {
  auto e = MustExpr("CURRENT_DATE");
  EXPECT_EQ(e->kind, ExprKind::kSqlValue);
  EXPECT_EQ(e->svf, ast::SqlValueKind::kCurrentDate);
  EXPECT_EQ(e->ival, -1);
  e = MustExpr("CURRENT_TIMESTAMP(3)");
  EXPECT_EQ(e->svf, ast::SqlValueKind::kCurrentTimestamp);
  EXPECT_EQ(e->ival, 3);
  e = MustExpr("LOCALTIMESTAMP");
  EXPECT_EQ(e->svf, ast::SqlValueKind::kLocalTimestamp);
  e = MustExpr("CURRENT_USER");
  EXPECT_EQ(e->svf, ast::SqlValueKind::kCurrentUser);
  e = MustExpr("SESSION_USER");
  EXPECT_EQ(e->svf, ast::SqlValueKind::kSessionUser);
  e = MustExpr("CURRENT_SCHEMA");
  EXPECT_EQ(e->svf, ast::SqlValueKind::kCurrentSchema);
  e = MustExpr("CURRENT_CATALOG");
  EXPECT_EQ(e->svf, ast::SqlValueKind::kCurrentCatalog);
}

TEST(ParserExprTest, Indirection) {
  auto e = MustExpr("a[1]");
  EXPECT_EQ(e->kind, ExprKind::kIndirection);
  ASSERT_EQ(e->indirection.size(), 1u);
  EXPECT_FALSE(e->indirection[0].is_slice);
  ASSERT_NE(e->indirection[0].lower, nullptr);
  EXPECT_EQ(e->indirection[0].lower->ival, 1);

  e = MustExpr("a[1:2][3]");
  ASSERT_EQ(e->indirection.size(), 2u);
  EXPECT_TRUE(e->indirection[0].is_slice);
  EXPECT_EQ(e->indirection[0].upper->ival, 2);
  EXPECT_FALSE(e->indirection[1].is_slice);

  e = MustExpr("a[:2]");
  EXPECT_TRUE(e->indirection[0].is_slice);
  EXPECT_EQ(e->indirection[0].lower, nullptr);
  EXPECT_NE(e->indirection[0].upper, nullptr);

  e = MustExpr("(a).f");
  EXPECT_EQ(e->kind, ExprKind::kIndirection);
  EXPECT_EQ(e->indirection[0].field, "f");
  e = MustExpr("(a).*");
  EXPECT_EQ(e->indirection[0].field, "*");
  e = MustExpr("(ARRAY[1,2])[1]");
  EXPECT_EQ(e->args[0]->kind, ExprKind::kArray);
}

TEST(ParserExprTest, DefaultAndGrouping) {
  auto v = MustParse("INSERT INTO t VALUES (DEFAULT, 1)");
  auto* ins = One<ast::InsertStmt>(v, StmtKind::kInsert);
  ASSERT_NE(ins, nullptr);
  ASSERT_EQ(ins->select->values.size(), 1u);
  EXPECT_EQ(ins->select->values[0][0]->kind, ExprKind::kDefault);

  v = MustParse("SELECT GROUPING(a, b) FROM t GROUP BY ROLLUP (a, b)");
  auto* s = One<ast::SelectStmt>(v, StmtKind::kSelect);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->targets[0].value->kind, ExprKind::kGroupingFunc);
  EXPECT_EQ(s->targets[0].value->args.size(), 2u);
}

TEST(ParserExprTest, ParseExpressionRejectsNonExpressions) {
  ast::ExprPtr e;
  Status st = ParseExpression("1 FROM t", &e);
  EXPECT_EQ(st.sqlstate(), "42601");
  st = ParseExpression("1, 2", &e);
  EXPECT_EQ(st.sqlstate(), "42601");
  st = ParseExpression("1 +", &e);
  EXPECT_EQ(st.sqlstate(), "42601");
  EXPECT_EQ(st.message(), "syntax error at end of input");
  EXPECT_EQ(st.error().position, 4);  // relative to the expression text
  st = ParseExpression("a > ", &e);
  EXPECT_EQ(st.error().position, 5);
}

TEST(ParserExprTest, LocationsAreRelativeToExpressionText) {
  auto e = MustExpr("abs(x) + 1");
  EXPECT_EQ(e->location, 7);
  EXPECT_EQ(e->left->location, 0);
  EXPECT_EQ(e->left->args[0]->location, 4);
  EXPECT_EQ(e->right->location, 9);
}

TEST(ParserExprTest, UnsupportedExpressionIs0A000WithPosition) {
  std::vector<ast::StatementPtr> out;
  Status st = ParseSql("SELECT 1, xmlelement(name foo)", &out);
  EXPECT_EQ(st.sqlstate(), "0A000");
  EXPECT_NE(st.message().find("XmlExpr"), std::string_view::npos) << st.message();
  EXPECT_EQ(st.error().position, 11);
  // Positions count characters, not bytes, as PostgreSQL's do.
  st = ParseSql("SELECT '\xc3\xa4', xmlelement(name foo)", &out);
  EXPECT_EQ(st.error().position, 13);
  ast::ExprPtr e;
  st = ParseExpression("1 + xmlelement(name foo)", &e);
  EXPECT_EQ(st.sqlstate(), "0A000");
  EXPECT_EQ(st.error().position, 5);
}

// ---------------------------------------------------------------------------
// SELECT

TEST(ParserSelectTest, SimpleClauses) {
  auto v = MustParse(
      "SELECT DISTINCT a AS x, b + 1 FROM s.t AS u (c1, c2) WHERE a > 1 GROUP BY a, b HAVING "
      "count(*) > 1 "
      "ORDER BY 1 DESC NULLS FIRST, b USING > LIMIT 10 OFFSET 5");
  auto* s = One<ast::SelectStmt>(v, StmtKind::kSelect);
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->distinct);
  EXPECT_TRUE(s->distinct_on.empty());
  ASSERT_EQ(s->targets.size(), 2u);
  EXPECT_EQ(s->targets[0].name, "x");
  EXPECT_EQ(s->targets[0].location, 16);
  EXPECT_EQ(s->targets[1].name, "");
  ASSERT_EQ(s->from.size(), 1u);
  const ast::TableRef& t = *s->from[0];
  EXPECT_EQ(t.kind, ast::TableRefKind::kRelation);
  EXPECT_EQ(t.relation.schema, "s");
  EXPECT_EQ(t.relation.name, "t");
  EXPECT_TRUE(t.relation.inh);
  ASSERT_TRUE(t.alias.has_value());
  EXPECT_EQ(t.alias->name, "u");
  EXPECT_EQ(t.alias->columns, (Names{"c1", "c2"}));
  ASSERT_NE(s->where, nullptr);
  EXPECT_EQ(s->group_by.size(), 2u);
  EXPECT_TRUE(s->grouping_sets.empty());
  ASSERT_NE(s->having, nullptr);
  ASSERT_EQ(s->order_by.size(), 2u);
  EXPECT_EQ(s->order_by[0].dir, ast::SortDir::kDesc);
  EXPECT_EQ(s->order_by[0].nulls, ast::NullsOrder::kFirst);
  EXPECT_EQ(s->order_by[1].using_op, ">");
  ASSERT_NE(s->limit_count, nullptr);
  EXPECT_EQ(s->limit_count->ival, 10);
  ASSERT_NE(s->limit_offset, nullptr);
  EXPECT_EQ(s->limit_offset->ival, 5);
  EXPECT_EQ(s->op, ast::SetOp::kNone);
}

TEST(ParserSelectTest, DistinctOnLimitAllFetchWithTies) {
  auto v = MustParse("SELECT DISTINCT ON (a, b) a FROM ONLY t LIMIT ALL");
  auto* s = One<ast::SelectStmt>(v, StmtKind::kSelect);
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->distinct);
  EXPECT_EQ(s->distinct_on.size(), 2u);
  EXPECT_FALSE(s->from[0]->relation.inh);
  ASSERT_NE(s->limit_count, nullptr);
  EXPECT_EQ(s->limit_count->kind, ExprKind::kConst);
  EXPECT_EQ(s->limit_count->const_kind, ast::ConstKind::kNull);

  v = MustParse("SELECT a FROM t ORDER BY a FETCH FIRST 3 ROWS WITH TIES");
  s = One<ast::SelectStmt>(v, StmtKind::kSelect);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->limit_option, ast::LimitOption::kWithTies);
  EXPECT_EQ(s->limit_count->ival, 3);
}

TEST(ParserSelectTest, Joins) {
  auto v = MustParse(
      "SELECT * FROM a JOIN b ON a.x = b.x LEFT JOIN c USING (y) AS j FULL JOIN d ON true "
      "CROSS JOIN e NATURAL RIGHT JOIN f");
  auto* s = One<ast::SelectStmt>(v, StmtKind::kSelect);
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->from.size(), 1u);
  // Joins nest to the left: ((((a J b) LJ c) FJ d) CJ e) NRJ f
  const ast::TableRef* j = s->from[0].get();
  ASSERT_EQ(j->kind, ast::TableRefKind::kJoin);
  EXPECT_EQ(j->join_type, ast::JoinType::kRight);
  EXPECT_TRUE(j->natural);
  j = j->left.get();
  EXPECT_EQ(j->join_type, ast::JoinType::kCross);
  EXPECT_EQ(j->quals, nullptr);
  j = j->left.get();
  EXPECT_EQ(j->join_type, ast::JoinType::kFull);
  EXPECT_NE(j->quals, nullptr);
  j = j->left.get();
  EXPECT_EQ(j->join_type, ast::JoinType::kLeft);
  EXPECT_EQ(j->using_columns, (Names{"y"}));
  EXPECT_EQ(j->using_alias, "j");
  j = j->left.get();
  EXPECT_EQ(j->join_type, ast::JoinType::kInner);
  ASSERT_NE(j->quals, nullptr);
  EXPECT_EQ(j->left->relation.name, "a");
  EXPECT_EQ(j->right->relation.name, "b");
}

TEST(ParserSelectTest, SubqueriesFunctionsAndValuesInFrom) {
  auto v = MustParse(
      "SELECT * FROM (SELECT 1) AS s, LATERAL (SELECT 2) l, generate_series(1, 3) WITH ORDINALITY "
      "AS g(v, n), "
      "ROWS FROM (f(1), g(2)) AS r, json_to_record('{}') AS x(a int, b text), (VALUES (1, 'a'), "
      "(2, 'b')) AS v(i, t)");
  auto* s = One<ast::SelectStmt>(v, StmtKind::kSelect);
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->from.size(), 6u);
  EXPECT_EQ(s->from[0]->kind, ast::TableRefKind::kSubquery);
  EXPECT_EQ(s->from[0]->alias->name, "s");
  EXPECT_FALSE(s->from[0]->lateral);
  EXPECT_TRUE(s->from[1]->lateral);
  const ast::TableRef& g = *s->from[2];
  EXPECT_EQ(g.kind, ast::TableRefKind::kFunction);
  EXPECT_TRUE(g.with_ordinality);
  ASSERT_EQ(g.functions.size(), 1u);
  EXPECT_EQ(g.functions[0]->func_name, (Names{"generate_series"}));
  EXPECT_EQ(g.alias->columns, (Names{"v", "n"}));
  EXPECT_EQ(s->from[3]->functions.size(), 2u);
  const ast::TableRef& x = *s->from[4];
  ASSERT_EQ(x.column_definitions.size(), 2u);
  EXPECT_EQ(x.column_definitions[1].name, "b");
  EXPECT_EQ(x.column_definitions[1].type.names, (Names{"text"}));
  const ast::TableRef& vals = *s->from[5];
  EXPECT_EQ(vals.kind, ast::TableRefKind::kSubquery);
  ASSERT_NE(vals.subquery, nullptr);
  EXPECT_EQ(vals.subquery->values.size(), 2u);
}

TEST(ParserSelectTest, SetOperations) {
  auto v = MustParse("SELECT 1 UNION ALL SELECT 2 EXCEPT SELECT 3 ORDER BY 1 LIMIT 2");
  auto* s = One<ast::SelectStmt>(v, StmtKind::kSelect);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->op, ast::SetOp::kExcept);
  EXPECT_FALSE(s->all);
  ASSERT_NE(s->larg, nullptr);
  EXPECT_EQ(s->larg->op, ast::SetOp::kUnion);
  EXPECT_TRUE(s->larg->all);
  ASSERT_NE(s->rarg, nullptr);
  EXPECT_EQ(s->rarg->op, ast::SetOp::kNone);
  EXPECT_EQ(s->order_by.size(), 1u);
  ASSERT_NE(s->limit_count, nullptr);

  v = MustParse("SELECT 1 INTERSECT SELECT 2");
  s = One<ast::SelectStmt>(v, StmtKind::kSelect);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->op, ast::SetOp::kIntersect);
}

TEST(ParserSelectTest, WithClause) {
  auto v = MustParse(
      "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r), m AS MATERIALIZED (SELECT "
      "2), "
      "d AS (DELETE FROM t RETURNING *) SELECT * FROM r");
  auto* s = One<ast::SelectStmt>(v, StmtKind::kSelect);
  ASSERT_NE(s, nullptr);
  ASSERT_NE(s->with, nullptr);
  EXPECT_TRUE(s->with->recursive);
  ASSERT_EQ(s->with->ctes.size(), 3u);
  EXPECT_EQ(s->with->ctes[0].name, "r");
  EXPECT_EQ(s->with->ctes[0].column_names, (Names{"n"}));
  EXPECT_EQ(s->with->ctes[0].query->kind, StmtKind::kSelect);
  EXPECT_EQ(s->with->ctes[1].materialize, ast::CommonTableExpr::Materialize::kAlways);
  EXPECT_EQ(s->with->ctes[2].query->kind, StmtKind::kDelete);
  EXPECT_EQ(s->with->ctes[0].materialize, ast::CommonTableExpr::Materialize::kDefault);
}

TEST(ParserSelectTest, GroupingSetsWindowsLockingValuesInto) {
  auto v = MustParse(
      "SELECT a FROM t GROUP BY a, ROLLUP (b, (c, d)), CUBE (e), GROUPING SETS ((a), (), f)");
  auto* s = One<ast::SelectStmt>(v, StmtKind::kSelect);
  ASSERT_NE(s, nullptr);
  using GS = ast::SelectStmt::GroupingSet;
  EXPECT_EQ(s->group_by.size(), 1u);
  ASSERT_EQ(s->grouping_sets.size(), 3u);
  EXPECT_EQ(s->grouping_sets[0].kind, GS::Kind::kRollup);
  ASSERT_EQ(s->grouping_sets[0].content.size(), 2u);
  EXPECT_EQ(s->grouping_sets[0].content[1]->kind, ExprKind::kRow);
  EXPECT_EQ(s->grouping_sets[1].kind, GS::Kind::kCube);
  EXPECT_EQ(s->grouping_sets[2].kind, GS::Kind::kSets);
  ASSERT_EQ(s->grouping_sets[2].sets.size(), 3u);
  EXPECT_EQ(s->grouping_sets[2].sets[1].kind, GS::Kind::kEmpty);
  EXPECT_EQ(s->grouping_sets[2].sets[2].kind, GS::Kind::kSimple);

  v = MustParse(
      "SELECT sum(a) OVER w FROM t WINDOW w AS (PARTITION BY b) FOR UPDATE OF t SKIP LOCKED");
  s = One<ast::SelectStmt>(v, StmtKind::kSelect);
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->windows.size(), 1u);
  EXPECT_EQ(s->windows[0].name, "w");
  EXPECT_EQ(s->windows[0].partition_by.size(), 1u);
  ASSERT_EQ(s->locking.size(), 1u);
  EXPECT_EQ(s->locking[0].strength, ast::LockingClause::Strength::kUpdate);
  EXPECT_EQ(s->locking[0].wait, ast::LockingClause::WaitPolicy::kSkip);
  ASSERT_EQ(s->locking[0].relations.size(), 1u);

  v = MustParse("SELECT 1 FOR KEY SHARE NOWAIT");
  s = One<ast::SelectStmt>(v, StmtKind::kSelect);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->locking[0].strength, ast::LockingClause::Strength::kKeyShare);
  EXPECT_EQ(s->locking[0].wait, ast::LockingClause::WaitPolicy::kError);

  v = MustParse("VALUES (1, 'a'), (2, 'b') ORDER BY 1");
  s = One<ast::SelectStmt>(v, StmtKind::kSelect);
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->values.size(), 2u);
  EXPECT_EQ(s->values[1][1]->str, "b");
  EXPECT_EQ(s->order_by.size(), 1u);

  v = MustParse("SELECT a INTO TEMP newt FROM t");
  s = One<ast::SelectStmt>(v, StmtKind::kSelect);
  ASSERT_NE(s, nullptr);
  ASSERT_TRUE(s->into.has_value());
  EXPECT_EQ(s->into->name, "newt");
  EXPECT_EQ(s->into_persistence, 't');

  v = MustParse("SELECT a FROM t GROUP BY DISTINCT a");
  s = One<ast::SelectStmt>(v, StmtKind::kSelect);
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->group_distinct);
}

// ---------------------------------------------------------------------------
// INSERT / UPDATE / DELETE

TEST(ParserDmlTest, Insert) {
  auto v = MustParse("INSERT INTO s.t AS x (a, b[1]) VALUES (1, 2), (3, 4) RETURNING a, b AS bb");
  auto* ins = One<ast::InsertStmt>(v, StmtKind::kInsert);
  ASSERT_NE(ins, nullptr);
  EXPECT_EQ(ins->table.schema, "s");
  EXPECT_EQ(ins->table.name, "t");
  ASSERT_TRUE(ins->alias.has_value());
  EXPECT_EQ(*ins->alias, "x");
  ASSERT_EQ(ins->columns.size(), 2u);
  EXPECT_EQ(ins->columns[1].name, "b");
  EXPECT_EQ(ins->columns[1].indirection.size(), 1u);
  EXPECT_EQ(ins->columns[0].value, nullptr);
  ASSERT_NE(ins->select, nullptr);
  EXPECT_EQ(ins->select->values.size(), 2u);
  ASSERT_EQ(ins->returning.size(), 2u);
  EXPECT_EQ(ins->returning[1].name, "bb");

  v = MustParse("INSERT INTO t DEFAULT VALUES");
  ins = One<ast::InsertStmt>(v, StmtKind::kInsert);
  ASSERT_NE(ins, nullptr);
  EXPECT_EQ(ins->select, nullptr);

  v = MustParse("WITH w AS (SELECT 1) INSERT INTO t OVERRIDING SYSTEM VALUE SELECT * FROM w");
  ins = One<ast::InsertStmt>(v, StmtKind::kInsert);
  ASSERT_NE(ins, nullptr);
  ASSERT_NE(ins->with, nullptr);
  EXPECT_EQ(ins->override_kind, ast::InsertStmt::Override::kSystemValue);
  ASSERT_NE(ins->select, nullptr);
  EXPECT_EQ(ins->select->from.size(), 1u);
}

TEST(ParserDmlTest, InsertOnConflict) {
  auto v = MustParse("INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING");
  auto* ins = One<ast::InsertStmt>(v, StmtKind::kInsert);
  ASSERT_NE(ins, nullptr);
  ASSERT_NE(ins->on_conflict, nullptr);
  EXPECT_EQ(ins->on_conflict->action, ast::OnConflict::Action::kNothing);
  EXPECT_TRUE(ins->on_conflict->infer_columns.empty());

  v = MustParse(
      "INSERT INTO t VALUES (1, 2) ON CONFLICT (a, b) WHERE a > 0 DO UPDATE SET b = excluded.b, "
      "(c, d) = (1, 2) "
      "WHERE t.b < 5");
  ins = One<ast::InsertStmt>(v, StmtKind::kInsert);
  ASSERT_NE(ins, nullptr);
  const ast::OnConflict& oc = *ins->on_conflict;
  EXPECT_EQ(oc.action, ast::OnConflict::Action::kUpdate);
  EXPECT_EQ(oc.infer_columns, (Names{"a", "b"}));
  EXPECT_NE(oc.infer_where, nullptr);
  ASSERT_EQ(oc.set.size(), 3u);
  EXPECT_EQ(oc.set[0].name, "b");
  EXPECT_EQ(oc.set[0].value->names, (Names{"excluded", "b"}));
  EXPECT_EQ(oc.set[2].name, "d");
  EXPECT_EQ(oc.set[2].value->ival, 2);
  EXPECT_NE(oc.where, nullptr);

  v = MustParse("INSERT INTO t VALUES (1) ON CONFLICT ON CONSTRAINT t_pkey DO NOTHING");
  ins = One<ast::InsertStmt>(v, StmtKind::kInsert);
  ASSERT_NE(ins, nullptr);
  EXPECT_EQ(ins->on_conflict->constraint_name, "t_pkey");
}

TEST(ParserDmlTest, Update) {
  auto v = MustParse(
      "UPDATE ONLY t AS x SET a = 1, b[2] = DEFAULT, (c, d) = (d, c) FROM u WHERE x.id = u.id "
      "RETURNING *");
  auto* upd = One<ast::UpdateStmt>(v, StmtKind::kUpdate);
  ASSERT_NE(upd, nullptr);
  EXPECT_EQ(upd->table.name, "t");
  EXPECT_FALSE(upd->table.inh);
  EXPECT_EQ(*upd->alias, "x");
  ASSERT_EQ(upd->set.size(), 4u);
  ASSERT_EQ(upd->multi_assign_index.size(), 4u);
  EXPECT_EQ(upd->set[1].indirection.size(), 1u);
  EXPECT_EQ(upd->set[1].value->kind, ExprKind::kDefault);
  EXPECT_EQ(upd->set[2].name, "c");
  EXPECT_EQ(upd->set[2].value->names, (Names{"d"}));
  EXPECT_EQ(upd->set[3].value->names, (Names{"c"}));
  EXPECT_EQ(upd->multi_assign_index, (std::vector<int>{0, 0, 0, 0}));
  EXPECT_EQ(upd->from.size(), 1u);
  EXPECT_NE(upd->where, nullptr);
  EXPECT_EQ(upd->returning.size(), 1u);

  v = MustParse("UPDATE t SET (a, b, c) = (SELECT x, y, z FROM u)");
  upd = One<ast::UpdateStmt>(v, StmtKind::kUpdate);
  ASSERT_NE(upd, nullptr);
  ASSERT_EQ(upd->set.size(), 3u);
  EXPECT_EQ(upd->multi_assign_index, (std::vector<int>{1, 2, 3}));
  EXPECT_EQ(upd->set[0].value->kind, ExprKind::kSubLink);
  EXPECT_NE(upd->set[0].value->subquery, nullptr);
  EXPECT_EQ(upd->set[2].value->kind, ExprKind::kSubLink);
  EXPECT_EQ(upd->set[2].value->subquery, nullptr);

  // Errors PostgreSQL raises in parse analysis (same text, code and position).
  std::vector<ast::StatementPtr> out;
  Status st = ParseSql("UPDATE t SET (a,b) = (1,2,3)", &out);
  EXPECT_EQ(st.sqlstate(), "42601");
  EXPECT_EQ(st.message(), "number of columns does not match number of values");
  EXPECT_EQ(st.error().position, 22);
  st = ParseSql("UPDATE t SET (a,b) = (v.*) FROM (VALUES(21, 101)) AS v(i, j)", &out);
  EXPECT_EQ(st.sqlstate(), "0A000");
  EXPECT_EQ(st.message(),
            "source for a multiple-column UPDATE item must be a sub-SELECT or ROW() expression");
  EXPECT_EQ(st.error().position, 23);
}

TEST(ParserDmlTest, OnConflictMultiAssignFromSubSelect) {
  auto v = MustParse(
      "INSERT INTO t VALUES (1) ON CONFLICT (a) DO UPDATE SET (b, c) = (SELECT 1, 2), d = 3");
  auto* ins = One<ast::InsertStmt>(v, StmtKind::kInsert);
  ASSERT_NE(ins, nullptr);
  const ast::OnConflict& oc = *ins->on_conflict;
  ASSERT_EQ(oc.set.size(), 3u);
  EXPECT_EQ(oc.multi_assign_index, (std::vector<int>{1, 2, 0}));
  EXPECT_NE(oc.set[0].value->subquery, nullptr);
  EXPECT_EQ(oc.set[1].value->subquery, nullptr);
  EXPECT_EQ(oc.set[2].value->ival, 3);
}

TEST(ParserDmlTest, Delete) {
  auto v = MustParse("DELETE FROM t AS x USING u, v WHERE x.a = u.a RETURNING x.a");
  auto* del = One<ast::DeleteStmt>(v, StmtKind::kDelete);
  ASSERT_NE(del, nullptr);
  EXPECT_EQ(del->table.name, "t");
  EXPECT_EQ(*del->alias, "x");
  EXPECT_EQ(del->using_.size(), 2u);
  EXPECT_NE(del->where, nullptr);
  EXPECT_EQ(del->returning.size(), 1u);
  EXPECT_EQ(del->with, nullptr);
}

// ---------------------------------------------------------------------------
// DDL

TEST(ParserDdlTest, CreateTableColumnsAndConstraints) {
  auto v = MustParse(
      "CREATE TEMP TABLE IF NOT EXISTS s.t ("
      " id int PRIMARY KEY,"
      " name varchar(20) NOT NULL DEFAULT 'x' COLLATE \"C\","
      " qty numeric(10,2) CONSTRAINT qty_pos CHECK (qty > 0),"
      " parent int REFERENCES p (id) ON DELETE CASCADE ON UPDATE SET NULL DEFERRABLE INITIALLY "
      "DEFERRED,"
      " g int GENERATED ALWAYS AS (id * 2) STORED,"
      " n bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 5),"
      " UNIQUE NULLS NOT DISTINCT (name, qty),"
      " CONSTRAINT fk FOREIGN KEY (a, b) REFERENCES q (x, y) MATCH FULL ON DELETE RESTRICT NOT "
      "VALID,"
      " CHECK (qty < 100) NO INHERIT,"
      " PRIMARY KEY (id) INCLUDE (name)"
      ")");
  auto* ct = One<ast::CreateTableStmt>(v, StmtKind::kCreateTable);
  ASSERT_NE(ct, nullptr);
  EXPECT_EQ(ct->table.schema, "s");
  EXPECT_EQ(ct->table.name, "t");
  EXPECT_EQ(ct->persistence, 't');
  EXPECT_TRUE(ct->if_not_exists);
  ASSERT_EQ(ct->columns.size(), 6u);

  const ast::ColumnDef& id = ct->columns[0];
  EXPECT_EQ(id.name, "id");
  EXPECT_EQ(id.type.names, (Names{"pg_catalog", "int4"}));
  ASSERT_EQ(id.constraints.size(), 1u);
  EXPECT_EQ(id.constraints[0].kind, ast::ConstraintKind::kPrimaryKey);

  const ast::ColumnDef& name = ct->columns[1];
  EXPECT_EQ(name.type.modifiers, (std::vector<int32_t>{20}));
  EXPECT_EQ(name.collation, "C");
  ASSERT_EQ(name.constraints.size(), 2u);
  EXPECT_EQ(name.constraints[0].kind, ast::ConstraintKind::kNotNull);
  EXPECT_EQ(name.constraints[1].kind, ast::ConstraintKind::kDefault);
  EXPECT_EQ(name.constraints[1].expr->str, "x");
  EXPECT_EQ(name.constraints[1].expr_text, "'x'");

  const ast::Constraint& chk = ct->columns[2].constraints[0];
  EXPECT_EQ(chk.kind, ast::ConstraintKind::kCheck);
  EXPECT_EQ(chk.name, "qty_pos");
  EXPECT_EQ(chk.expr_text, "qty > 0");

  const ast::Constraint& fk = ct->columns[3].constraints[0];
  EXPECT_EQ(fk.kind, ast::ConstraintKind::kForeignKey);
  EXPECT_EQ(fk.pk_table.name, "p");
  EXPECT_EQ(fk.pk_columns, (Names{"id"}));
  EXPECT_EQ(fk.on_delete, ast::FkAction::kCascade);
  EXPECT_EQ(fk.on_update, ast::FkAction::kSetNull);
  EXPECT_EQ(fk.match_type, 's');
  EXPECT_TRUE(fk.deferrable);
  EXPECT_TRUE(fk.initially_deferred);
  EXPECT_EQ(ct->columns[3].constraints.size(), 1u);  // attributes merged into the FK

  const ast::Constraint& gen = ct->columns[4].constraints[0];
  EXPECT_EQ(gen.kind, ast::ConstraintKind::kGenerated);
  EXPECT_EQ(gen.generated_when, 'a');
  EXPECT_EQ(gen.expr_text, "id * 2");

  const ast::Constraint& ident = ct->columns[5].constraints[0];
  EXPECT_EQ(ident.kind, ast::ConstraintKind::kIdentity);
  EXPECT_EQ(ident.generated_when, 'd');
  ASSERT_EQ(ident.options.size(), 2u);
  EXPECT_EQ(ident.options[0].name, "start");
  EXPECT_EQ(ident.options[0].arg_kind, ast::DefElem::ArgKind::kInteger);
  EXPECT_EQ(ident.options[0].ival, 10);
  EXPECT_EQ(ident.options[1].name, "increment");

  ASSERT_EQ(ct->constraints.size(), 4u);
  EXPECT_EQ(ct->constraints[0].kind, ast::ConstraintKind::kUnique);
  EXPECT_TRUE(ct->constraints[0].nulls_not_distinct);
  EXPECT_EQ(ct->constraints[0].keys, (Names{"name", "qty"}));
  const ast::Constraint& tfk = ct->constraints[1];
  EXPECT_EQ(tfk.name, "fk");
  EXPECT_EQ(tfk.keys, (Names{"a", "b"}));
  EXPECT_EQ(tfk.pk_columns, (Names{"x", "y"}));
  EXPECT_EQ(tfk.match_type, 'f');
  EXPECT_EQ(tfk.on_delete, ast::FkAction::kRestrict);
  EXPECT_EQ(tfk.on_update, ast::FkAction::kNoAction);
  EXPECT_TRUE(tfk.not_valid);
  EXPECT_TRUE(ct->constraints[2].no_inherit);
  EXPECT_EQ(ct->constraints[2].expr_text, "qty < 100");
  EXPECT_EQ(ct->constraints[3].kind, ast::ConstraintKind::kPrimaryKey);
  EXPECT_EQ(ct->constraints[3].including, (Names{"name"}));
}

// expr_text is what the catalog keeps for DEFAULT/CHECK; it must parse back
// (ParseExpression) to an expression of the same shape.
TEST(ParserDdlTest, ExpressionTextsParseBack) {
  for (const char* e : {"CASE WHEN a > 0 THEN 'p' ELSE 'n' END",
                        "(SELECT 1)",
                        "ARRAY[1, 2]",
                        "ROW(1, 'a')",
                        "INTERVAL '1' DAY",
                        "'x' COLLATE \"C\"",
                        "a LIKE 'x!%' ESCAPE '!'",
                        "a NOT SIMILAR TO 'x'",
                        "now() AT TIME ZONE 'UTC'",
                        "EXTRACT(year FROM now())",
                        "TRIM(BOTH 'x' FROM 'xax')",
                        "OVERLAY('abc' PLACING 'x' FROM 2)",
                        "CURRENT_TIMESTAMP(3)",
                        "- a",
                        "a BETWEEN SYMMETRIC 1 AND 2",
                        "a[1:2]",
                        "(a).b",
                        "nextval('s'::regclass)",
                        "1::numeric(10,2)",
                        "'{1,2}'::int[]",
                        "2147483648",
                        "B'101'",
                        "E'a\\nb'",
                        "a OPERATOR(pg_catalog.+) 1",
                        "CAST(a AS varchar(10))",
                        "a % 2 = 0 AND b <> 'x' OR c IS NULL",
                        "count(*) FILTER (WHERE a > 0)"}) {
    auto v = MustParse(std::string("CREATE TABLE t (a int CHECK (") + e + "))");
    auto* ct = One<ast::CreateTableStmt>(v, StmtKind::kCreateTable);
    ASSERT_NE(ct, nullptr) << e;
    const ast::Constraint& c = ct->columns[0].constraints[0];
    ASSERT_FALSE(c.expr_text.empty()) << e;
    auto back = MustExpr(c.expr_text);
    EXPECT_EQ(back->kind, c.expr->kind) << e << " => " << c.expr_text;
    EXPECT_EQ(back->str, c.expr->str) << e << " => " << c.expr_text;
    EXPECT_EQ(back->args.size(), c.expr->args.size()) << e << " => " << c.expr_text;
  }
}

TEST(ParserDdlTest, CreateTableMisc) {
  auto v = MustParse("CREATE UNLOGGED TABLE c (LIKE p, extra text) INHERITS (p, q)");
  auto* ct = One<ast::CreateTableStmt>(v, StmtKind::kCreateTable);
  ASSERT_NE(ct, nullptr);
  EXPECT_EQ(ct->persistence, 'u');
  ASSERT_EQ(ct->likes.size(), 1u);
  EXPECT_EQ(ct->likes[0].table.name, "p");
  EXPECT_EQ(ct->likes[0].position, 0u);
  EXPECT_EQ(ct->likes[0].options, 0u);
  EXPECT_EQ(ct->columns.size(), 1u);
  EXPECT_EQ(ct->inherits.size(), 2u);

  v = MustParse("CREATE TABLE c (x int, LIKE p INCLUDING DEFAULTS INCLUDING INDEXES)");
  ct = One<ast::CreateTableStmt>(v, StmtKind::kCreateTable);
  ASSERT_NE(ct, nullptr);
  ASSERT_EQ(ct->likes.size(), 1u);
  EXPECT_EQ(ct->likes[0].position, 1u);
  EXPECT_EQ(ct->likes[0].options,
            ast::CreateTableStmt::kLikeDefaults | ast::CreateTableStmt::kLikeIndexes);

  v = MustParse("CREATE TABLE m (a int) PARTITION BY RANGE (a)");
  ct = One<ast::CreateTableStmt>(v, StmtKind::kCreateTable);
  ASSERT_NE(ct, nullptr);
  EXPECT_TRUE(ct->has_partition_spec);
  EXPECT_EQ(ct->partition_spec.strategy, 'r');
  ASSERT_EQ(ct->partition_spec.columns.size(), 1u);
  EXPECT_EQ(ct->partition_spec.columns[0], "a");

  v = MustParse("CREATE TABLE p1 PARTITION OF m FOR VALUES FROM (MINVALUE) TO (2)");
  ct = One<ast::CreateTableStmt>(v, StmtKind::kCreateTable);
  ASSERT_NE(ct, nullptr);
  ASSERT_NE(ct->partition_bound, nullptr);
  EXPECT_EQ(ct->partition_bound->strategy, 'r');
  EXPECT_EQ(ct->partition_bound->lower.size(), 1u);
  EXPECT_EQ(ct->inherits.size(), 1u);

  v = MustParse("CREATE TABLE e ()");
  ct = One<ast::CreateTableStmt>(v, StmtKind::kCreateTable);
  ASSERT_NE(ct, nullptr);
  EXPECT_TRUE(ct->columns.empty());

  std::vector<ast::StatementPtr> out;
  Status st = ParseSql("create table t (a int not null deferrable)", &out);
  EXPECT_EQ(st.sqlstate(), "42601");
  EXPECT_EQ(st.message(), "misplaced DEFERRABLE clause");
  EXPECT_EQ(st.error().position, 32);
}

TEST(ParserDdlTest, CreateTableAs) {
  auto v = MustParse("CREATE TABLE IF NOT EXISTS n (x, y) AS SELECT 1, 2 WITH NO DATA");
  auto* ct = One<ast::CreateTableAsStmt>(v, StmtKind::kCreateTableAs);
  ASSERT_NE(ct, nullptr);
  EXPECT_EQ(ct->table.name, "n");
  EXPECT_EQ(ct->column_names, (Names{"x", "y"}));
  EXPECT_TRUE(ct->if_not_exists);
  EXPECT_TRUE(ct->with_no_data);
  EXPECT_FALSE(ct->is_materialized_view);
  ASSERT_NE(ct->query, nullptr);
  EXPECT_EQ(ct->query->targets.size(), 2u);

  v = MustParse("CREATE MATERIALIZED VIEW mv AS SELECT 1");
  ct = One<ast::CreateTableAsStmt>(v, StmtKind::kCreateTableAs);
  ASSERT_NE(ct, nullptr);
  EXPECT_TRUE(ct->is_materialized_view);
  EXPECT_FALSE(ct->with_no_data);
}

TEST(ParserDdlTest, CreateIndex) {
  auto v = MustParse(
      "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON s.t USING btree (a DESC NULLS FIRST, "
      "lower(b) "
      "text_pattern_ops, c COLLATE \"C\") INCLUDE (d) WITH (fillfactor = 70) WHERE a > 0");
  auto* ci = One<ast::CreateIndexStmt>(v, StmtKind::kCreateIndex);
  ASSERT_NE(ci, nullptr);
  EXPECT_EQ(ci->name, "i");
  EXPECT_EQ(ci->table.schema, "s");
  EXPECT_EQ(ci->access_method, "btree");
  EXPECT_TRUE(ci->unique);
  EXPECT_TRUE(ci->concurrent);
  EXPECT_TRUE(ci->if_not_exists);
  ASSERT_EQ(ci->params.size(), 3u);
  EXPECT_EQ(ci->params[0].column, "a");
  EXPECT_EQ(ci->params[0].dir, ast::SortDir::kDesc);
  EXPECT_EQ(ci->params[0].nulls, ast::NullsOrder::kFirst);
  EXPECT_TRUE(ci->params[1].column.empty());
  ASSERT_NE(ci->params[1].expr, nullptr);
  EXPECT_EQ(ci->params[1].expr_text, "lower(b)");
  EXPECT_EQ(ci->params[1].opclass, "text_pattern_ops");
  EXPECT_EQ(ci->params[2].collation, "C");
  EXPECT_EQ(ci->including, (Names{"d"}));
  ASSERT_EQ(ci->options.size(), 1u);
  EXPECT_EQ(ci->options[0].name, "fillfactor");
  EXPECT_EQ(ci->options[0].ival, 70);
  ASSERT_NE(ci->where, nullptr);
  EXPECT_EQ(ci->where_text, "a > 0");

  v = MustParse("CREATE INDEX ON t USING hash (a)");
  ci = One<ast::CreateIndexStmt>(v, StmtKind::kCreateIndex);
  ASSERT_NE(ci, nullptr);
  EXPECT_TRUE(ci->name.empty());
  EXPECT_EQ(ci->access_method, "hash");
  EXPECT_FALSE(ci->unique);
}

TEST(ParserDdlTest, Sequences) {
  auto v = MustParse(
      "CREATE SEQUENCE IF NOT EXISTS s AS bigint INCREMENT BY 2 START 10 MAXVALUE 9999999999999 NO "
      "MINVALUE "
      "CYCLE OWNED BY t.c");
  auto* cs = One<ast::CreateSequenceStmt>(v, StmtKind::kCreateSequence);
  ASSERT_NE(cs, nullptr);
  EXPECT_EQ(cs->sequence.name, "s");
  EXPECT_TRUE(cs->if_not_exists);
  ASSERT_EQ(cs->options.size(), 7u);
  EXPECT_EQ(cs->options[0].name, "as");
  EXPECT_EQ(cs->options[0].arg_kind, ast::DefElem::ArgKind::kTypeName);
  EXPECT_EQ(cs->options[0].str, "int8");
  ASSERT_NE(cs->options[0].type_name, nullptr);
  EXPECT_EQ(cs->options[1].ival, 2);
  EXPECT_EQ(cs->options[3].name, "maxvalue");
  EXPECT_EQ(cs->options[3].arg_kind, ast::DefElem::ArgKind::kNumber);
  EXPECT_EQ(cs->options[3].str, "9999999999999");
  EXPECT_EQ(cs->options[4].name, "minvalue");
  EXPECT_EQ(cs->options[4].arg_kind, ast::DefElem::ArgKind::kNone);
  EXPECT_EQ(cs->options[5].arg_kind, ast::DefElem::ArgKind::kBool);
  EXPECT_TRUE(cs->options[5].bval);
  EXPECT_EQ(cs->options[6].name, "owned_by");
  EXPECT_EQ(cs->options[6].arg_kind, ast::DefElem::ArgKind::kList);
  EXPECT_EQ(cs->options[6].list, (Names{"t", "c"}));

  v = MustParse("ALTER SEQUENCE IF EXISTS s RESTART WITH 5 NO CYCLE");
  auto* as = One<ast::AlterSequenceStmt>(v, StmtKind::kAlterSequence);
  ASSERT_NE(as, nullptr);
  EXPECT_TRUE(as->missing_ok);
  ASSERT_EQ(as->options.size(), 2u);
  EXPECT_EQ(as->options[0].name, "restart");
  EXPECT_EQ(as->options[0].ival, 5);
  EXPECT_FALSE(as->options[1].bval);
}

TEST(ParserDdlTest, SchemasAndDatabases) {
  auto v = MustParse("CREATE SCHEMA IF NOT EXISTS s AUTHORIZATION bob");
  auto* cs = One<ast::CreateSchemaStmt>(v, StmtKind::kCreateSchema);
  ASSERT_NE(cs, nullptr);
  EXPECT_EQ(cs->name, "s");
  EXPECT_EQ(cs->authorization, "bob");
  EXPECT_TRUE(cs->if_not_exists);

  v = MustParse("CREATE SCHEMA s2 CREATE TABLE t (a int) CREATE VIEW v AS SELECT 1");
  cs = One<ast::CreateSchemaStmt>(v, StmtKind::kCreateSchema);
  ASSERT_NE(cs, nullptr);
  ASSERT_EQ(cs->elements.size(), 2u);
  EXPECT_EQ(cs->elements[0]->kind, StmtKind::kCreateTable);
  EXPECT_EQ(cs->elements[1]->kind, StmtKind::kCreateView);

  v = MustParse("CREATE DATABASE d WITH TEMPLATE = template0 ENCODING 'UTF8' CONNECTION LIMIT 5");
  auto* cd = One<ast::CreateDatabaseStmt>(v, StmtKind::kCreateDatabase);
  ASSERT_NE(cd, nullptr);
  EXPECT_EQ(cd->name, "d");
  ASSERT_EQ(cd->options.size(), 3u);
  EXPECT_EQ(cd->options[0].name, "template");
  EXPECT_EQ(cd->options[0].str, "template0");
  EXPECT_EQ(cd->options[1].str, "UTF8");
  EXPECT_EQ(cd->options[2].name, "connection_limit");
  EXPECT_EQ(cd->options[2].ival, 5);

  v = MustParse("DROP DATABASE IF EXISTS d WITH (FORCE)");
  auto* dd = One<ast::DropDatabaseStmt>(v, StmtKind::kDropDatabase);
  ASSERT_NE(dd, nullptr);
  EXPECT_EQ(dd->name, "d");
  EXPECT_TRUE(dd->missing_ok);
  EXPECT_TRUE(dd->force);
}

TEST(ParserDdlTest, CreateView) {
  auto v = MustParse(
      "CREATE OR REPLACE TEMP VIEW v (x, y) AS SELECT a, b FROM t WHERE a > 1 WITH LOCAL CHECK "
      "OPTION");
  auto* cv = One<ast::CreateViewStmt>(v, StmtKind::kCreateView);
  ASSERT_NE(cv, nullptr);
  EXPECT_EQ(cv->view.name, "v");
  EXPECT_TRUE(cv->replace);
  EXPECT_EQ(cv->persistence, 't');
  EXPECT_EQ(cv->column_names, (Names{"x", "y"}));
  ASSERT_NE(cv->query, nullptr);
  EXPECT_EQ(cv->query_text, "SELECT a, b FROM t WHERE a > 1");
  EXPECT_EQ(cv->check_option, "local");

  v = MustParse("CREATE VIEW w WITH (check_option = cascaded) AS SELECT 1");
  cv = One<ast::CreateViewStmt>(v, StmtKind::kCreateView);
  ASSERT_NE(cv, nullptr);
  EXPECT_EQ(cv->check_option, "cascaded");
  EXPECT_FALSE(cv->replace);
}

TEST(ParserDdlTest, CreateTypes) {
  auto v = MustParse("CREATE TYPE s.mood AS ENUM ('sad', 'ok', 'happy')");
  auto* ct = One<ast::CreateTypeStmt>(v, StmtKind::kCreateType);
  ASSERT_NE(ct, nullptr);
  EXPECT_EQ(ct->form, ast::CreateTypeStmt::Form::kEnum);
  EXPECT_EQ(ct->name, (Names{"s", "mood"}));
  EXPECT_EQ(ct->enum_labels, (Names{"sad", "ok", "happy"}));

  v = MustParse("CREATE TYPE pair AS (a int, b text)");
  ct = One<ast::CreateTypeStmt>(v, StmtKind::kCreateType);
  ASSERT_NE(ct, nullptr);
  EXPECT_EQ(ct->form, ast::CreateTypeStmt::Form::kComposite);
  EXPECT_EQ(ct->name, (Names{"pair"}));
  ASSERT_EQ(ct->attributes.size(), 2u);
  EXPECT_EQ(ct->attributes[1].name, "b");

  v = MustParse("CREATE DOMAIN pos AS int NOT NULL CHECK (VALUE > 0)");
  ct = One<ast::CreateTypeStmt>(v, StmtKind::kCreateType);
  ASSERT_NE(ct, nullptr);
  EXPECT_EQ(ct->form, ast::CreateTypeStmt::Form::kDomain);
  EXPECT_EQ(ct->base_type.names, (Names{"pg_catalog", "int4"}));
  ASSERT_EQ(ct->constraints.size(), 2u);
  EXPECT_EQ(ct->constraints[1].kind, ast::ConstraintKind::kCheck);
  EXPECT_EQ(ct->constraints[1].expr_text, "value > 0");
}

TEST(ParserDdlTest, Drop) {
  auto v = MustParse("DROP TABLE IF EXISTS a, s.b CASCADE");
  auto* d = One<ast::DropStmt>(v, StmtKind::kDrop);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->object_type, ast::ObjectType::kTable);
  ASSERT_EQ(d->objects.size(), 2u);
  EXPECT_EQ(d->objects[1], (Names{"s", "b"}));
  EXPECT_TRUE(d->missing_ok);
  EXPECT_EQ(d->behavior, ast::DropBehavior::kCascade);

  v = MustParse("DROP INDEX CONCURRENTLY i");
  d = One<ast::DropStmt>(v, StmtKind::kDrop);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->object_type, ast::ObjectType::kIndex);
  EXPECT_TRUE(d->concurrent);
  EXPECT_EQ(d->behavior, ast::DropBehavior::kRestrict);

  v = MustParse("DROP SCHEMA s1, s2");
  d = One<ast::DropStmt>(v, StmtKind::kDrop);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->object_type, ast::ObjectType::kSchema);
  EXPECT_EQ(d->objects[1], (Names{"s2"}));

  v = MustParse("DROP TYPE s.mood");
  d = One<ast::DropStmt>(v, StmtKind::kDrop);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->object_type, ast::ObjectType::kType);
  EXPECT_EQ(d->objects[0], (Names{"s", "mood"}));

  for (auto [sql, type] : std::vector<std::pair<const char*, ast::ObjectType>>{
           {"DROP VIEW v", ast::ObjectType::kView},
           {"DROP MATERIALIZED VIEW v", ast::ObjectType::kMaterializedView},
           {"DROP SEQUENCE s", ast::ObjectType::kSequence},
           {"DROP DOMAIN d", ast::ObjectType::kDomain},
           {"DROP FUNCTION f(int)", ast::ObjectType::kFunction},
           {"DROP TRIGGER tr ON t", ast::ObjectType::kTrigger},
           {"DROP EXTENSION e", ast::ObjectType::kOther}}) {
    v = MustParse(sql);
    d = One<ast::DropStmt>(v, StmtKind::kDrop);
    ASSERT_NE(d, nullptr) << sql;
    EXPECT_EQ(d->object_type, type) << sql;
  }
}

TEST(ParserDdlTest, AlterTable) {
  auto v = MustParse(
      "ALTER TABLE IF EXISTS ONLY t"
      " ADD COLUMN IF NOT EXISTS c int DEFAULT 0,"
      " DROP COLUMN IF EXISTS d CASCADE,"
      " ALTER COLUMN e TYPE bigint USING e::bigint,"
      " ALTER COLUMN f SET DEFAULT now(),"
      " ALTER COLUMN g DROP DEFAULT,"
      " ALTER COLUMN h SET NOT NULL,"
      " ALTER COLUMN i DROP NOT NULL,"
      " ADD CONSTRAINT k UNIQUE (a),"
      " DROP CONSTRAINT IF EXISTS m,"
      " ALTER COLUMN n ADD GENERATED ALWAYS AS IDENTITY,"
      " ALTER COLUMN o DROP IDENTITY IF EXISTS,"
      " SET (fillfactor = 50)");
  auto* at = One<ast::AlterTableStmt>(v, StmtKind::kAlterTable);
  ASSERT_NE(at, nullptr);
  using K = ast::AlterTableCmdKind;
  EXPECT_TRUE(at->missing_ok);
  EXPECT_FALSE(at->table.inh);
  EXPECT_EQ(at->object_type, ast::ObjectType::kTable);
  ASSERT_EQ(at->cmds.size(), 12u);
  EXPECT_EQ(at->cmds[0].kind, K::kAddColumn);
  EXPECT_TRUE(at->cmds[0].if_not_exists);
  ASSERT_NE(at->cmds[0].column, nullptr);
  EXPECT_EQ(at->cmds[0].column->name, "c");
  EXPECT_EQ(at->cmds[0].column->constraints.size(), 1u);
  EXPECT_EQ(at->cmds[1].kind, K::kDropColumn);
  EXPECT_EQ(at->cmds[1].name, "d");
  EXPECT_TRUE(at->cmds[1].missing_ok);
  EXPECT_EQ(at->cmds[1].behavior, ast::DropBehavior::kCascade);
  EXPECT_EQ(at->cmds[2].kind, K::kAlterColumnType);
  EXPECT_EQ(at->cmds[2].name, "e");
  EXPECT_EQ(at->cmds[2].column->type.names, (Names{"pg_catalog", "int8"}));
  ASSERT_NE(at->cmds[2].using_expr, nullptr);
  EXPECT_EQ(at->cmds[2].using_expr->kind, ExprKind::kCast);
  EXPECT_EQ(at->cmds[3].kind, K::kSetDefault);
  EXPECT_EQ(at->cmds[3].default_text, "now()");
  EXPECT_EQ(at->cmds[4].kind, K::kDropDefault);
  EXPECT_EQ(at->cmds[5].kind, K::kSetNotNull);
  EXPECT_EQ(at->cmds[6].kind, K::kDropNotNull);
  EXPECT_EQ(at->cmds[7].kind, K::kAddConstraint);
  EXPECT_EQ(at->cmds[7].constraint->name, "k");
  EXPECT_EQ(at->cmds[8].kind, K::kDropConstraint);
  EXPECT_EQ(at->cmds[8].name, "m");
  EXPECT_TRUE(at->cmds[8].missing_ok);
  EXPECT_EQ(at->cmds[9].kind, K::kAddIdentity);
  EXPECT_EQ(at->cmds[9].constraint->generated_when, 'a');
  EXPECT_EQ(at->cmds[10].kind, K::kDropIdentity);
  EXPECT_TRUE(at->cmds[10].missing_ok);
  EXPECT_EQ(at->cmds[11].kind, K::kOther);
  EXPECT_EQ(at->cmds[11].other_name, "AT_SetRelOptions");

  v = MustParse("ALTER INDEX i SET (fillfactor = 10)");
  at = One<ast::AlterTableStmt>(v, StmtKind::kAlterTable);
  ASSERT_NE(at, nullptr);
  EXPECT_EQ(at->object_type, ast::ObjectType::kIndex);
}

TEST(ParserDdlTest, Rename) {
  auto v = MustParse("ALTER TABLE s.t RENAME TO u");
  auto* r = One<ast::RenameStmt>(v, StmtKind::kRename);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->object_type, ast::ObjectType::kTable);
  EXPECT_EQ(r->relation.schema, "s");
  EXPECT_EQ(r->relation.name, "t");
  EXPECT_EQ(r->new_name, "u");

  v = MustParse("ALTER TABLE IF EXISTS t RENAME COLUMN a TO b");
  r = One<ast::RenameStmt>(v, StmtKind::kRename);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->object_type, ast::ObjectType::kColumn);
  EXPECT_EQ(r->relation_type, ast::ObjectType::kTable);
  EXPECT_EQ(r->subname, "a");
  EXPECT_EQ(r->new_name, "b");
  EXPECT_TRUE(r->missing_ok);

  v = MustParse("ALTER TABLE t RENAME CONSTRAINT c1 TO c2");
  r = One<ast::RenameStmt>(v, StmtKind::kRename);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->object_type, ast::ObjectType::kConstraint);
  EXPECT_EQ(r->subname, "c1");

  v = MustParse("ALTER SCHEMA a RENAME TO b");
  r = One<ast::RenameStmt>(v, StmtKind::kRename);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->object_type, ast::ObjectType::kSchema);
  EXPECT_EQ(r->subname, "a");  // PostgreSQL keeps schema/database names in subname
  EXPECT_EQ(r->object, (Names{"a"}));
  EXPECT_EQ(r->new_name, "b");

  v = MustParse("ALTER DATABASE d1 RENAME TO d2");
  r = One<ast::RenameStmt>(v, StmtKind::kRename);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->object_type, ast::ObjectType::kDatabase);
  EXPECT_EQ(r->object, (Names{"d1"}));

  v = MustParse("ALTER TYPE s.mood RENAME TO feeling");
  r = One<ast::RenameStmt>(v, StmtKind::kRename);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->object_type, ast::ObjectType::kType);
  EXPECT_EQ(r->object, (Names{"s", "mood"}));

  v = MustParse("ALTER INDEX i RENAME TO j");
  r = One<ast::RenameStmt>(v, StmtKind::kRename);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->object_type, ast::ObjectType::kIndex);
}

TEST(ParserDdlTest, TruncateAndComment) {
  auto v = MustParse("TRUNCATE TABLE a, ONLY b RESTART IDENTITY CASCADE");
  auto* t = One<ast::TruncateStmt>(v, StmtKind::kTruncate);
  ASSERT_NE(t, nullptr);
  ASSERT_EQ(t->tables.size(), 2u);
  EXPECT_FALSE(t->tables[1].inh);
  EXPECT_TRUE(t->restart_identity);
  EXPECT_EQ(t->behavior, ast::DropBehavior::kCascade);

  v = MustParse("COMMENT ON TABLE s.t IS 'hello'");
  auto* c = One<ast::CommentStmt>(v, StmtKind::kComment);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->object_type, ast::ObjectType::kTable);
  EXPECT_EQ(c->object, (Names{"s", "t"}));
  ASSERT_TRUE(c->comment.has_value());
  EXPECT_EQ(*c->comment, "hello");

  v = MustParse("COMMENT ON COLUMN t.a IS NULL");
  c = One<ast::CommentStmt>(v, StmtKind::kComment);
  ASSERT_NE(c, nullptr);
  EXPECT_EQ(c->object_type, ast::ObjectType::kColumn);
  EXPECT_EQ(c->object, (Names{"t", "a"}));
  EXPECT_FALSE(c->comment.has_value());
}

// ---------------------------------------------------------------------------
// Utility statements

TEST(ParserUtilityTest, Transactions) {
  using K = ast::TransactionKind;
  auto v = MustParse("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY");
  auto* t = One<ast::TransactionStmt>(v, StmtKind::kTransaction);
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->txn_kind, K::kBegin);
  ASSERT_EQ(t->options.size(), 2u);
  EXPECT_EQ(t->options[0].name, "transaction_isolation");
  EXPECT_EQ(t->options[0].str, "repeatable read");
  EXPECT_EQ(t->options[1].name, "transaction_read_only");
  EXPECT_EQ(t->options[1].arg_kind, ast::DefElem::ArgKind::kInteger);
  EXPECT_EQ(t->options[1].ival, 1);

  struct Case {
    const char* sql;
    K kind;
    const char* name;
    bool chain;
  };
  for (const Case& c :
       std::vector<Case>{{"START TRANSACTION", K::kStart, "", false},
                         {"COMMIT AND CHAIN", K::kCommit, "", true},
                         {"END", K::kCommit, "", false},
                         {"ROLLBACK", K::kRollback, "", false},
                         {"ABORT", K::kRollback, "", false},
                         {"SAVEPOINT sp", K::kSavepoint, "sp", false},
                         {"RELEASE SAVEPOINT sp", K::kRelease, "sp", false},
                         {"ROLLBACK TO sp", K::kRollbackTo, "sp", false},
                         {"PREPARE TRANSACTION 'g1'", K::kPrepare, "g1", false},
                         {"COMMIT PREPARED 'g1'", K::kCommitPrepared, "g1", false},
                         {"ROLLBACK PREPARED 'g1'", K::kRollbackPrepared, "g1", false}}) {
    v = MustParse(c.sql);
    t = One<ast::TransactionStmt>(v, StmtKind::kTransaction);
    ASSERT_NE(t, nullptr) << c.sql;
    EXPECT_EQ(t->txn_kind, c.kind) << c.sql;
    EXPECT_EQ(t->savepoint_name, c.name) << c.sql;
    EXPECT_EQ(t->chain, c.chain) << c.sql;
  }
}

TEST(ParserUtilityTest, SetAndShow) {
  using K = ast::VariableSetStmt::Kind;
  auto v = MustParse("SET search_path = a, \"B\", public");
  auto* s = One<ast::VariableSetStmt>(v, StmtKind::kVariableSet);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->set_kind, K::kValue);
  EXPECT_EQ(s->name, "search_path");
  ASSERT_EQ(s->args.size(), 3u);
  EXPECT_EQ(s->args[1].str, "B");
  EXPECT_EQ(s->args[1].arg_kind, ast::DefElem::ArgKind::kString);

  v = MustParse("SET LOCAL work_mem TO 64");
  s = One<ast::VariableSetStmt>(v, StmtKind::kVariableSet);
  ASSERT_NE(s, nullptr);
  EXPECT_TRUE(s->is_local);
  EXPECT_EQ(s->args[0].arg_kind, ast::DefElem::ArgKind::kInteger);
  EXPECT_EQ(s->args[0].ival, 64);
  EXPECT_EQ(s->args[0].str, "64");

  v = MustParse("SET extra_float_digits = 1.5");
  s = One<ast::VariableSetStmt>(v, StmtKind::kVariableSet);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->args[0].arg_kind, ast::DefElem::ArgKind::kNumber);
  EXPECT_EQ(s->args[0].str, "1.5");

  v = MustParse("SET TIME ZONE 'UTC'");
  s = One<ast::VariableSetStmt>(v, StmtKind::kVariableSet);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->name, "timezone");
  EXPECT_EQ(s->args[0].str, "UTC");

  v = MustParse("SET datestyle TO DEFAULT");
  s = One<ast::VariableSetStmt>(v, StmtKind::kVariableSet);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->set_kind, K::kDefault);

  v = MustParse("SET TRANSACTION ISOLATION LEVEL SERIALIZABLE");
  s = One<ast::VariableSetStmt>(v, StmtKind::kVariableSet);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->set_kind, K::kMulti);
  EXPECT_EQ(s->name, "transaction");
  ASSERT_EQ(s->args.size(), 1u);
  EXPECT_EQ(s->args[0].name, "transaction_isolation");
  EXPECT_EQ(s->args[0].str, "serializable");

  v = MustParse("RESET ALL");
  s = One<ast::VariableSetStmt>(v, StmtKind::kVariableSet);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->set_kind, K::kResetAll);
  v = MustParse("RESET work_mem");
  s = One<ast::VariableSetStmt>(v, StmtKind::kVariableSet);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->set_kind, K::kReset);
  EXPECT_EQ(s->name, "work_mem");
  v = MustParse("SET work_mem FROM CURRENT");
  s = One<ast::VariableSetStmt>(v, StmtKind::kVariableSet);
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->set_kind, K::kCurrent);

  v = MustParse("SHOW ALL");
  auto* sh = One<ast::VariableShowStmt>(v, StmtKind::kVariableShow);
  ASSERT_NE(sh, nullptr);
  EXPECT_EQ(sh->name, "all");
  v = MustParse("SHOW TRANSACTION ISOLATION LEVEL");
  sh = One<ast::VariableShowStmt>(v, StmtKind::kVariableShow);
  ASSERT_NE(sh, nullptr);
  EXPECT_EQ(sh->name, "transaction_isolation");
}

TEST(ParserUtilityTest, ExplainAndCopy) {
  auto v = MustParse("EXPLAIN (ANALYZE, COSTS false, FORMAT JSON) SELECT 1");
  auto* e = One<ast::ExplainStmt>(v, StmtKind::kExplain);
  ASSERT_NE(e, nullptr);
  ASSERT_NE(e->query, nullptr);
  EXPECT_EQ(e->query->kind, StmtKind::kSelect);
  ASSERT_EQ(e->options.size(), 3u);
  EXPECT_EQ(e->options[0].name, "analyze");
  EXPECT_EQ(e->options[0].arg_kind, ast::DefElem::ArgKind::kNone);
  EXPECT_EQ(e->options[1].name, "costs");
  EXPECT_EQ(e->options[1].str, "false");
  EXPECT_EQ(e->options[2].str, "json");

  v = MustParse("EXPLAIN ANALYZE VERBOSE INSERT INTO t VALUES (1)");
  e = One<ast::ExplainStmt>(v, StmtKind::kExplain);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->query->kind, StmtKind::kInsert);
  EXPECT_EQ(e->options.size(), 2u);

  v = MustParse(
      "COPY s.t (a, b) FROM STDIN WITH (FORMAT csv, HEADER true, DELIMITER ';', FORCE_NOT_NULL "
      "(a)) WHERE a > 0");
  auto* c = One<ast::CopyStmt>(v, StmtKind::kCopy);
  ASSERT_NE(c, nullptr);
  ASSERT_TRUE(c->table.has_value());
  EXPECT_EQ(c->table->name, "t");
  EXPECT_EQ(c->columns, (Names{"a", "b"}));
  EXPECT_TRUE(c->is_from);
  EXPECT_TRUE(c->filename.empty());
  ASSERT_EQ(c->options.size(), 4u);
  EXPECT_EQ(c->options[0].name, "format");
  EXPECT_EQ(c->options[0].str, "csv");
  EXPECT_EQ(c->options[2].str, ";");
  EXPECT_EQ(c->options[3].list, (Names{"a"}));
  EXPECT_NE(c->where, nullptr);

  v = MustParse("COPY (SELECT 1) TO '/tmp/x' (FORMAT text, FORCE_QUOTE *)");
  c = One<ast::CopyStmt>(v, StmtKind::kCopy);
  ASSERT_NE(c, nullptr);
  EXPECT_FALSE(c->table.has_value());
  ASSERT_NE(c->query, nullptr);
  EXPECT_FALSE(c->is_from);
  EXPECT_EQ(c->filename, "/tmp/x");
  EXPECT_EQ(c->options[1].list, (Names{"*"}));

  v = MustParse("COPY t TO STDOUT CSV HEADER");
  c = One<ast::CopyStmt>(v, StmtKind::kCopy);
  ASSERT_NE(c, nullptr);
  ASSERT_EQ(c->options.size(), 2u);
  EXPECT_EQ(c->options[0].name, "format");
  EXPECT_EQ(c->options[1].name, "header");
}

TEST(ParserUtilityTest, PreparedStatementsAndDiscard) {
  auto v = MustParse("PREPARE p (int, text[]) AS SELECT $1, $2");
  auto* p = One<ast::PrepareStmt>(v, StmtKind::kPrepare);
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->name, "p");
  ASSERT_EQ(p->arg_types.size(), 2u);
  EXPECT_EQ(p->arg_types[0].names, (Names{"pg_catalog", "int4"}));
  EXPECT_EQ(p->arg_types[1].array_dims, 1);
  ASSERT_NE(p->query, nullptr);
  EXPECT_EQ(p->query->kind, StmtKind::kSelect);

  v = MustParse("EXECUTE p (1, 'a')");
  auto* e = One<ast::ExecuteStmt>(v, StmtKind::kExecute);
  ASSERT_NE(e, nullptr);
  EXPECT_EQ(e->name, "p");
  EXPECT_EQ(e->params.size(), 2u);

  v = MustParse("DEALLOCATE PREPARE p");
  auto* d = One<ast::DeallocateStmt>(v, StmtKind::kDeallocate);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->name, "p");
  v = MustParse("DEALLOCATE ALL");
  d = One<ast::DeallocateStmt>(v, StmtKind::kDeallocate);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->name, "");

  for (auto [sql, target] :
       std::vector<std::pair<const char*, const char*>>{{"DISCARD ALL", "all"},
                                                        {"DISCARD PLANS", "plans"},
                                                        {"DISCARD SEQUENCES", "sequences"},
                                                        {"DISCARD TEMP", "temp"}}) {
    v = MustParse(sql);
    auto* ds = One<ast::DiscardStmt>(v, StmtKind::kDiscard);
    ASSERT_NE(ds, nullptr);
    EXPECT_EQ(ds->target, target);
  }
}

TEST(ParserDdlTest, CreateTrigger) {
  auto v = MustParse(
      "CREATE OR REPLACE TRIGGER tr BEFORE INSERT OR UPDATE OF a, b ON s.t "
      "REFERENCING NEW TABLE AS nt FOR EACH ROW WHEN (NEW.a > 0) EXECUTE FUNCTION f('x', 42)");
  auto* t = One<ast::CreateTriggerStmt>(v, StmtKind::kCreateTrigger);
  ASSERT_NE(t, nullptr);
  EXPECT_TRUE(t->replace);
  EXPECT_FALSE(t->is_constraint);
  EXPECT_EQ(t->name, "tr");
  EXPECT_EQ(t->table.schema, "s");
  EXPECT_EQ(t->table.name, "t");
  EXPECT_EQ(t->func_name, (std::vector<std::string>{"f"}));
  EXPECT_EQ(t->args, (std::vector<std::string>{"x", "42"}));
  EXPECT_TRUE(t->row);
  EXPECT_EQ(t->timing, 2);       // TRIGGER_TYPE_BEFORE
  EXPECT_EQ(t->events, 4 | 16);  // INSERT | UPDATE
  EXPECT_EQ(t->columns, (std::vector<std::string>{"a", "b"}));
  ASSERT_NE(t->when, nullptr);
  EXPECT_EQ(t->when_text, "new.a > 0");
  ASSERT_EQ(t->transitions.size(), 1u);
  EXPECT_EQ(t->transitions[0].name, "nt");
  EXPECT_TRUE(t->transitions[0].is_new);

  v = MustParse("CREATE TRIGGER s AFTER TRUNCATE ON t EXECUTE PROCEDURE g()");
  t = One<ast::CreateTriggerStmt>(v, StmtKind::kCreateTrigger);
  ASSERT_NE(t, nullptr);
  EXPECT_FALSE(t->row);
  EXPECT_EQ(t->timing, 0);
  EXPECT_EQ(t->events, 32);
}

TEST(ParserDdlTest, CreateFunction) {
  auto v = MustParse(
      "CREATE OR REPLACE FUNCTION s.f(a int, b text DEFAULT 'x', OUT c int, VARIADIC d int[]) "
      "RETURNS SETOF int LANGUAGE sql STABLE STRICT COST 5 ROWS 7 AS $$ SELECT 1 $$");
  auto* f = One<ast::CreateFunctionStmt>(v, StmtKind::kCreateFunction);
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->name, (std::vector<std::string>{"s", "f"}));
  EXPECT_TRUE(f->replace);
  ASSERT_EQ(f->params.size(), 4u);
  EXPECT_EQ(f->params[0].mode, 'i');
  EXPECT_EQ(f->params[1].default_text, "'x'");
  EXPECT_EQ(f->params[2].mode, 'o');
  EXPECT_EQ(f->params[3].mode, 'v');
  EXPECT_TRUE(f->returns_set);
  EXPECT_EQ(f->language, "sql");
  EXPECT_EQ(f->body, " SELECT 1 ");
  EXPECT_EQ(f->volatility, 's');
  EXPECT_TRUE(f->strict);
  EXPECT_EQ(f->cost, 5);
  EXPECT_EQ(f->rows, 7);
  EXPECT_NE(f->source_text.find("CREATE OR REPLACE FUNCTION"), std::string::npos);

  v = MustParse("CREATE FUNCTION g(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT x; END");
  f = One<ast::CreateFunctionStmt>(v, StmtKind::kCreateFunction);
  ASSERT_NE(f, nullptr);
  EXPECT_TRUE(f->atomic_body);
  EXPECT_NE(f->body.find("SELECT x"), std::string::npos);

  v = MustParse("DROP FUNCTION IF EXISTS f(int, text), g");
  auto* d = One<ast::DropStmt>(v, StmtKind::kDrop);
  ASSERT_NE(d, nullptr);
  EXPECT_EQ(d->object_type, ast::ObjectType::kFunction);
  ASSERT_EQ(d->args_given.size(), 2u);
  EXPECT_TRUE(d->args_given[0]);
  EXPECT_EQ(d->object_args[0].size(), 2u);
  EXPECT_FALSE(d->args_given[1]);
}

TEST(ParserUtilityTest, UnsupportedStatementsAreNamed) {
  struct Case {
    const char* sql;
    const char* node;
    const char* description;
  };
  for (const Case& c :
       std::vector<Case>{{"CREATE PROCEDURE p() AS 'select 1' LANGUAGE sql", "CreateFunctionStmt",
                          "CREATE PROCEDURE"},
                         {"CREATE EVENT TRIGGER et ON ddl_command_start EXECUTE FUNCTION f()",
                          "CreateEventTrigStmt", "CREATE EVENT TRIGGER"},
                         {"CREATE RULE r AS ON INSERT TO t DO NOTHING", "RuleStmt", "CREATE RULE"},
                         {"LISTEN ch", "ListenStmt", "LISTEN"},
                         {"VACUUM t", "VacuumStmt", "VACUUM/ANALYZE"},
                         {"ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO PUBLIC",
                          "AlterDefaultPrivilegesStmt", "ALTER DEFAULT PRIVILEGES"}}) {
    auto v = MustParse(c.sql);
    auto* u = One<ast::UnsupportedStmt>(v, StmtKind::kUnsupported);
    ASSERT_NE(u, nullptr) << c.sql;
    EXPECT_EQ(u->node_name, c.node) << c.sql;
    EXPECT_EQ(u->description, c.description) << c.sql;
  }
}

// ---------------------------------------------------------------------------
// Errors and locations

TEST(ParserErrorTest, MatchesPostgresMessagesAndPositions) {
  struct Case {
    const char* sql;
    const char* sqlstate;
    const char* message;
    int position;
  };
  // Expected values from PostgreSQL 15 (PQresultErrorField).
  for (const Case& c : std::vector<Case>{
           {"select from where", "42601", "syntax error at or near \"where\"", 13},
           {"SELECT * FROM t WHERE", "42601", "syntax error at end of input", 22},
           {"select 'abc", "42601", "unterminated quoted string at or near \"'abc\"", 8},
           {"select \"\" from t", "42601", "zero-length delimited identifier at or near \"\"\"\"",
            8},
           {"selec 1", "42601", "syntax error at or near \"selec\"", 1},
           {"select (1", "42601", "syntax error at end of input", 10},
           {"create table t (a int,)", "42601", "syntax error at or near \")\"", 23},
           {"insert into t values (1", "42601", "syntax error at end of input", 24},
           {"select $$abc", "42601", "unterminated dollar-quoted string at or near \"$$abc\"", 8},
           {"select 1; selec 2", "42601", "syntax error at or near \"selec\"", 11},
           {"SELECT \xc3\x84\xc3\x96 FROM WHERE", "42601", "syntax error at or near \"WHERE\"", 16},
           {"select /* unterminated", "42601",
            "unterminated /* comment at or near \"/* unterminated\"", 8},
           {"select 1e", "42601", "trailing junk after numeric literal at or near \"1e\"", 8},
           {"update t set where a = 1", "42601", "syntax error at or near \"where\"", 14},
           {"delete t", "42601", "syntax error at or near \"t\"", 8},
           {"select 1 limit 1, 2", "42601", "LIMIT #,# syntax is not supported", 10},
           {"select sum(1) over (rows between unbounded following and current row)", "42P20",
            "frame start cannot be UNBOUNDED FOLLOWING", 34},
           {"select sum(1) over (rows between 1 following and current row)", "42P20",
            "frame starting from following row cannot have preceding rows", 50},
           {"select 1::float(0)", "22023", "precision for type float must be at least 1 bit", 17},
           {"set time zone interval '1' day", "42601",
            "time zone interval must be HOUR or HOUR TO MINUTE", 28},
           {"select 1 fetch first 1 rows with ties", "42601",
            "WITH TIES cannot be specified without ORDER BY clause", 0},
           {"grant select on t to public, none", "42939", "role name \"none\" is reserved", 30},
           {"select U&'\\0000'", "42601", "invalid Unicode escape value", 11},
       }) {
    std::vector<ast::StatementPtr> out;
    Status st = ParseSql(c.sql, &out);
    ASSERT_FALSE(st.ok()) << c.sql;
    EXPECT_EQ(st.sqlstate(), c.sqlstate) << c.sql;
    EXPECT_EQ(st.message(), c.message) << c.sql;
    EXPECT_EQ(st.error().position, c.position) << c.sql;
  }
}

TEST(ParserErrorTest, EmptyAndCommentOnlyInputHaveNoStatements) {
  for (const char* sql : {"", "   ", ";", "-- just a comment", "/* c */ ;;"}) {
    std::vector<ast::StatementPtr> out;
    ASSERT_TRUE(ParseSql(sql, &out).ok()) << sql;
    EXPECT_TRUE(out.empty()) << sql;
  }
}

TEST(ParserLocationTest, MultiStatementLocations) {
  const std::string sql =
      "SELECT 1; INSERT INTO t VALUES (2);\n  UPDATE t SET a = 3  ;DELETE FROM t";
  auto v = MustParse(sql);
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(v[0]->kind, StmtKind::kSelect);
  EXPECT_EQ(v[1]->kind, StmtKind::kInsert);
  EXPECT_EQ(v[2]->kind, StmtKind::kUpdate);
  EXPECT_EQ(v[3]->kind, StmtKind::kDelete);
  // Each statement's text starts after the previous ';' (leading blanks included);
  // the last one has length 0 = "to the end".
  EXPECT_EQ(v[0]->stmt_location, 0);
  EXPECT_EQ(v[0]->stmt_len, 8);
  EXPECT_EQ(v[1]->stmt_location, 9);
  EXPECT_EQ(sql.substr(v[1]->stmt_location, v[1]->stmt_len), " INSERT INTO t VALUES (2)");
  EXPECT_EQ(sql.substr(v[2]->stmt_location, v[2]->stmt_len), "\n  UPDATE t SET a = 3  ");
  EXPECT_EQ(sql.substr(v[3]->stmt_location), "DELETE FROM t");
  EXPECT_EQ(v[3]->stmt_len, 0);

  // Node locations are offsets into the whole string.
  auto* upd = static_cast<const ast::UpdateStmt*>(v[2].get());
  EXPECT_EQ(sql.substr(upd->table.location, 1), "t");
  EXPECT_EQ(sql.substr(upd->set[0].value->location, 1), "3");
}

std::string Repeat(std::string_view piece, int n, std::string_view sep) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (i > 0) out.append(sep);
    out.append(piece);
  }
  return out;
}

// Deep trees overflow libpg_query's / protobuf-c's recursion unless ParseSql
// bounds them first: it must answer, never crash.
TEST(ParserDepthTest, DeepTreesAreRejectedNotCrashing) {
  for (const std::string& sql :
       {"SELECT " + Repeat("1", 5000, "+"), "SELECT " + Repeat("1", 100000, "+"),
        "SELECT " + Repeat("NOT ", 5000, "") + "true",
        "SELECT " + Repeat("f(", 4000, "") + "1" + std::string(4000, ')'),
        Repeat("SELECT 1, 2", 5000, " UNION ALL ")}) {
    std::vector<ast::StatementPtr> out;
    Status st = ParseSql(sql, &out);
    EXPECT_EQ(st.sqlstate(), "54001") << sql.substr(0, 40);
    EXPECT_EQ(st.message(), "stack depth limit exceeded");
    EXPECT_TRUE(out.empty());
  }
}

TEST(ParserDepthTest, LargeButShallowStatementsParse) {
  std::string values = "INSERT INTO t VALUES ";
  for (int i = 0; i < 20000; ++i)
    values += (i ? ", (" : "(") + std::to_string(i) + ", 'abc', NULL, true)";
  std::string in_list = "SELECT * FROM t WHERE a IN (" + Repeat("7", 20000, ", ") + ")";
  std::string cases = "SELECT CASE " + Repeat("WHEN x = 1 THEN 2", 5000, " ") + " END FROM t";
  std::string ors = "SELECT * FROM t WHERE " + Repeat("a = 1 AND b = 2", 5000, " OR ");
  std::string chain = "SELECT " + Repeat("1", 2500, "+");  // deep, but within the limit
  std::string parens = "SELECT " + std::string(3000, '(') + "1" + std::string(3000, ')');
  for (const std::string* sql : {&values, &in_list, &cases, &ors, &chain, &parens}) {
    std::vector<ast::StatementPtr> out;
    Status st = ParseSql(*sql, &out);
    EXPECT_TRUE(st.ok()) << sql->substr(0, 40) << ": " << st.ToString();
    EXPECT_EQ(out.size(), 1u);
  }
}

TEST(ParserThreadTest, ConcurrentParsesAreIndependent) {
  constexpr int kThreads = 4;
  constexpr int kIterations = 200;
  std::vector<int> failures(kThreads, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &failures] {
      for (int i = 0; i < kIterations; ++i) {
        std::string sql = "SELECT a + " + std::to_string(t * 1000 + i) + " FROM t WHERE b = 'x'";
        std::vector<ast::StatementPtr> out;
        Status st = ParseSql(sql, &out);
        if (!st.ok() || out.size() != 1) {
          ++failures[t];
          continue;
        }
        auto* s = static_cast<const ast::SelectStmt*>(out[0].get());
        if (s->targets[0].value->right->ival != t * 1000 + i) ++failures[t];
        std::vector<ast::StatementPtr> bad;
        if (ParseSql("SELECT FROM WHERE", &bad).ok()) ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(failures[t], 0) << "thread " << t;
}

}  // namespace
}  // namespace nano
