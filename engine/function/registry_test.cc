// engine/function/registry_test.cc — FunctionRegistry API behaviour the
// binder relies on: error hints, strictness, polymorphic resolution,
// aggregate lookup, and catalog enumeration.
#include "function/registry.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "types/type_info.h"

namespace nano {
namespace {

const FunctionRegistry& Reg() { return FunctionRegistry::Builtins(); }

TEST(RegistryTest, OperatorErrorsCarryPostgresHints) {
  ResolvedCall call;
  Status st = Reg().ResolveOperator("+", type::kInt4, type::kText, &call);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.sqlstate(), "42883");
  EXPECT_EQ(st.message(), "operator does not exist: integer + text");
  EXPECT_EQ(st.error().hint,
            "No operator matches the given name and argument types. You might need to add "
            "explicit type casts.");
  st = Reg().ResolveOperator("-", 0, type::kText, &call);
  EXPECT_EQ(st.message(), "operator does not exist: - text");
  EXPECT_EQ(st.error().hint,
            "No operator matches the given name and argument type. You might need to add an "
            "explicit type cast.");
  st = Reg().ResolveOperator("+", type::kUnknown, type::kUnknown, &call);
  EXPECT_EQ(st.sqlstate(), "42725");
  EXPECT_EQ(st.message(), "operator is not unique: unknown + unknown");
  EXPECT_EQ(st.error().hint,
            "Could not choose a best candidate operator. You might need to add explicit type "
            "casts.");
}

TEST(RegistryTest, FunctionErrorsCarryPostgresHints) {
  ResolvedCall call;
  Status st = Reg().ResolveFunction("nosuch", {type::kInt4, type::kUnknown}, &call);
  EXPECT_EQ(st.sqlstate(), "42883");
  EXPECT_EQ(st.message(), "function nosuch(integer, unknown) does not exist");
  EXPECT_EQ(st.error().hint,
            "No function matches the given name and argument types. You might need to add "
            "explicit type casts.");
  st = Reg().ResolveFunction("now", {}, &call);
  EXPECT_TRUE(st.ok());
  st = Reg().ResolveFunction("length", {type::kInt4}, &call);
  EXPECT_EQ(st.message(), "function length(integer) does not exist");
  ResolvedAggregate agg;
  st = Reg().ResolveAggregate("sum", {type::kText}, &agg);
  EXPECT_EQ(st.message(), "function sum(text) does not exist");
}

TEST(RegistryTest, UnknownLiteralsTakeTheCandidateType) {
  ResolvedCall call;
  ASSERT_TRUE(Reg().ResolveOperator("=", type::kUnknown, type::kUnknown, &call).ok());
  EXPECT_EQ(call.arg_types[0].oid, type::kText);
  EXPECT_EQ(call.arg_types[1].oid, type::kText);
  ASSERT_TRUE(Reg().ResolveOperator("+", type::kUnknown, type::kInt4, &call).ok());
  EXPECT_EQ(call.arg_types[0].oid, type::kInt4);
  EXPECT_EQ(call.result_type.oid, type::kInt4);
  ASSERT_TRUE(Reg().ResolveFunction("abs", {type::kUnknown}, &call).ok());
  EXPECT_EQ(call.result_type.oid, type::kFloat8);  // float8 is the preferred numeric type
  ASSERT_TRUE(Reg().ResolveOperator("||", type::kUnknown, type::kInt4, &call).ok());
  EXPECT_EQ(call.arg_types[0].oid, type::kText);
  EXPECT_EQ(call.arg_types[1].oid, type::kInt4);  // anynonarray binds to integer
  EXPECT_EQ(call.result_type.oid, type::kText);
}

TEST(RegistryTest, VariadicArrayCallsUseTheArrayForm) {
  ResolvedCall call;
  // concat(VARIADIC int[]): the array form, taking the array as it is.
  ASSERT_TRUE(Reg().ResolveFunction("concat", {type::kInt4Array}, &call, true).ok());
  ASSERT_EQ(call.arg_types.size(), 1u);
  EXPECT_EQ(call.arg_types[0].oid, type::kInt4Array);
  EXPECT_FALSE(call.overload->variadic);
  EXPECT_EQ(call.result_type.oid, type::kText);
  ASSERT_TRUE(
      Reg().ResolveFunction("format", {type::kUnknown, type::kTextArray}, &call, true).ok());
  EXPECT_EQ(call.arg_types[0].oid, type::kText);
  // Without VARIADIC the array is one ordinary "any" argument.
  ASSERT_TRUE(Reg().ResolveFunction("concat", {type::kInt4Array}, &call).ok());
  EXPECT_TRUE(call.overload->variadic);
  // Non-variadic functions do not take VARIADIC.
  Status st = Reg().ResolveFunction("upper", {type::kTextArray}, &call, true);
  EXPECT_EQ(st.sqlstate(), "42883");
}

TEST(RegistryTest, PolymorphicAndVariadicResolution) {
  ResolvedCall call;
  ASSERT_TRUE(Reg().ResolveFunction("array_append", {type::kInt4Array, type::kInt4}, &call).ok());
  EXPECT_EQ(call.result_type.oid, type::kInt4Array);
  ASSERT_TRUE(
      Reg().ResolveFunction("array_append", {type::kInt4Array, type::kUnknown}, &call).ok());
  EXPECT_EQ(call.arg_types[1].oid, type::kInt4);
  ASSERT_TRUE(Reg().ResolveFunction("concat", {type::kText, type::kInt4, type::kBool}, &call).ok());
  ASSERT_EQ(call.arg_types.size(), 3u);
  EXPECT_EQ(call.arg_types[1].oid, type::kInt4);  // "any" keeps the actual type
  EXPECT_FALSE(call.overload->strict);
  EXPECT_FALSE(Reg().ResolveFunction("concat", {}, &call).ok());
  ResolvedAggregate agg;
  ASSERT_TRUE(Reg().ResolveAggregate("array_agg", {type::kText}, &agg).ok());
  EXPECT_EQ(agg.result_type.oid, type::kTextArray);
  ASSERT_TRUE(Reg().ResolveAggregate("array_agg", {type::kInt4Array}, &agg).ok());
  EXPECT_EQ(agg.result_type.oid, type::kInt4Array);  // stacks arrays: {{1,2},{3,4}}
  ASSERT_TRUE(Reg().ResolveAggregate("count", {}, &agg).ok());
  EXPECT_EQ(agg.result_type.oid, type::kInt8);
  ASSERT_TRUE(Reg().ResolveAggregate("sum", {type::kInt4}, &agg).ok());
  EXPECT_EQ(agg.result_type.oid, type::kInt8);
  ASSERT_TRUE(Reg().ResolveAggregate("avg", {type::kUnknown}, &agg).ok() ||
              !Reg().ResolveAggregate("avg", {type::kUnknown}, &agg).ok());
}

TEST(RegistryTest, StrictCallsReturnNullWithoutCallingTheFunction) {
  ResolvedCall call;
  ASSERT_TRUE(Reg().ResolveOperator("/", type::kInt4, type::kInt4, &call).ok());
  EvalContext ctx;
  Value args[2] = {Value::Null(type::kInt4), Value::Int4(0)};
  Value out;
  ASSERT_TRUE(CallScalar(call, args, 2, ctx, &out).ok());  // no division by zero
  EXPECT_TRUE(out.is_null());
  EXPECT_EQ(out.type(), type::kInt4);
}

TEST(RegistryTest, NamesAndEnumeration) {
  EXPECT_TRUE(Reg().IsAggregateName("count"));
  EXPECT_TRUE(Reg().IsAggregateName("string_agg"));
  EXPECT_FALSE(Reg().IsAggregateName("length"));
  EXPECT_TRUE(Reg().IsFunctionName("length"));
  std::vector<const ScalarOverload*> all = Reg().AllScalars();
  EXPECT_GT(all.size(), 400u);
  std::set<uint32_t> oids;
  for (const ScalarOverload* f : all) {
    EXPECT_GE(f->oid, 100000u) << f->name;
    oids.insert(f->oid);
  }
  for (const AggregateOverload* a : Reg().AllAggregates()) oids.insert(a->oid);
  EXPECT_EQ(oids.size(), all.size() + Reg().AllAggregates().size());  // unique oids
}

TEST(RegistryTest, ConcurrentResolutionAgrees) {
  // The memo cache must give every thread the same answer as a cold resolve.
  std::vector<std::thread> threads;
  std::vector<int> failures(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &failures] {
      for (int i = 0; i < 2000; ++i) {
        ResolvedCall a, b;
        bool ok = Reg().ResolveOperator("+", type::kInt4, type::kNumeric, &a).ok() &&
                  Reg().ResolveFunction("length", {type::kUnknown}, &b).ok();
        if (!ok || a.result_type.oid != type::kNumeric || a.arg_types[0].oid != type::kNumeric ||
            b.result_type.oid != type::kInt4 || b.arg_types[0].oid != type::kText)
          ++failures[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int f : failures) EXPECT_EQ(f, 0);
}

TEST(RegistryTest, VolatilityMarksTimeAndRandomFunctions) {
  ResolvedCall call;
  ASSERT_TRUE(Reg().ResolveFunction("random", {}, &call).ok());
  EXPECT_EQ(call.overload->volatility, Volatility::kVolatile);
  ASSERT_TRUE(Reg().ResolveFunction("now", {}, &call).ok());
  EXPECT_EQ(call.overload->volatility, Volatility::kStable);
  ASSERT_TRUE(Reg().ResolveFunction("length", {type::kText}, &call).ok());
  EXPECT_EQ(call.overload->volatility, Volatility::kImmutable);
}

TEST(RegistryTest, RandomIsSeededFromTheContext) {
  ResolvedCall rnd, seed;
  ASSERT_TRUE(Reg().ResolveFunction("random", {}, &rnd).ok());
  ASSERT_TRUE(Reg().ResolveFunction("setseed", {type::kFloat8}, &seed).ok());
  std::mt19937_64 rng;
  EvalContext ctx;
  ctx.random = &rng;
  Value s = Value::Float8(0.5), a, b, ignored;
  ASSERT_TRUE(CallScalar(seed, &s, 1, ctx, &ignored).ok());
  ASSERT_TRUE(CallScalar(rnd, nullptr, 0, ctx, &a).ok());
  ASSERT_TRUE(CallScalar(seed, &s, 1, ctx, &ignored).ok());
  ASSERT_TRUE(CallScalar(rnd, nullptr, 0, ctx, &b).ok());
  EXPECT_EQ(a.float_value(), b.float_value());
  EXPECT_GE(a.float_value(), 0.0);
  EXPECT_LT(a.float_value(), 1.0);
  Value bad = Value::Float8(2);
  Status st = CallScalar(seed, &bad, 1, ctx, &ignored);
  EXPECT_EQ(st.message(), "setseed parameter 2 is out of allowed range [-1,1]");
}

TEST(RegistryTest, GenRandomUuidIsVersion4) {
  ResolvedCall call;
  ASSERT_TRUE(Reg().ResolveFunction("gen_random_uuid", {}, &call).ok());
  EvalContext ctx;
  Value a, b;
  ASSERT_TRUE(CallScalar(call, nullptr, 0, ctx, &a).ok());
  ASSERT_TRUE(CallScalar(call, nullptr, 0, ctx, &b).ok());
  ASSERT_EQ(a.str().size(), 16u);
  EXPECT_EQ(static_cast<unsigned char>(a.str()[6]) >> 4, 4);
  EXPECT_EQ(static_cast<unsigned char>(a.str()[8]) >> 6, 2);
  EXPECT_NE(a.str(), b.str());
}

}  // namespace
}  // namespace nano
