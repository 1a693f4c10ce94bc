// engine/catalog/user_types_test.cc — enums and domains in the catalog: the
// stored form round-trips, and enum values order by declaration whatever
// their labels (the byte encoding of types/enum_value.h).
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog/catalog_store.h"
#include "gtest/gtest.h"
#include "storage/codec.h"
#include "types/compare.h"
#include "types/enum_value.h"
#include "types/format_context.h"
#include "types/text_io.h"

namespace nano {
namespace {

TypeDef MoodEnum() {
  TypeDef t;
  t.oid = 16384;
  t.array_oid = 16385;
  t.name = "mood";
  t.kind = TypeKind::kEnum;
  // Declaration order deliberately differs from alphabetical order, and a
  // label added BEFORE sits at a fractional sort order.
  t.labels = {
      {16386, -1.0, "zeta"}, {16387, 1.0, "sad"}, {16389, 1.5, "meh"}, {16388, 2.0, "happy"}};
  return t;
}

TEST(UserTypesTest, TypeDefRoundTripsThroughItsStoredForm) {
  TypeDef d;
  d.oid = 16400;
  d.array_oid = 16401;
  d.schema_oid = kPublicNamespaceOid;
  d.name = "pos";
  d.kind = TypeKind::kDomain;
  d.base_type = TypeRef{type::kVarChar, 14};
  d.not_null = true;
  d.default_expr = "'x'";
  ConstraintDef c;
  c.oid = 16402;
  c.name = "pos_check";
  c.check_expr = "VALUE <> ''";
  d.constraints.push_back(c);
  for (const TypeDef& t : {MoodEnum(), d}) {
    TypeDef back;
    ASSERT_TRUE(DecodeType(EncodeType(t), &back).ok());
    EXPECT_EQ(EncodeType(back), EncodeType(t));
    EXPECT_EQ(back.kind, t.kind);
    EXPECT_EQ(back.labels.size(), t.labels.size());
    EXPECT_EQ(back.base_type, t.base_type);
  }
  TypeDef bad;
  EXPECT_EQ(DecodeType("{\"oid\": 1}", &bad).sqlstate(), sqlstate::kDataCorrupted);
}

TEST(UserTypesTest, CatalogFindsTypesByNameAndOid) {
  Catalog catalog;
  catalog.PutType(MoodEnum());
  ASSERT_NE(catalog.FindType(kPublicNamespaceOid, "mood"), nullptr);
  EXPECT_EQ(catalog.TypeByOid(16384)->FindLabel("meh")->sort_order, 1.5);
  EXPECT_EQ(catalog.TypeByOid(16384)->FindLabel("nope"), nullptr);
  catalog.RemoveType(16384);
  EXPECT_EQ(catalog.FindType(kPublicNamespaceOid, "mood"), nullptr);
}

TEST(UserTypesTest, EnumValuesOrderByDeclarationInCompareRowsAndKeys) {
  const TypeDef mood = MoodEnum();
  std::vector<Value> values;
  for (const EnumLabel& l : mood.labels) {
    values.push_back(MakeEnumValue(mood.oid, l.sort_order, l.label));
  }
  const FormatContext fmt;
  for (size_t i = 0; i < values.size(); ++i) {
    EXPECT_EQ(ValueToString(values[i], fmt), mood.labels[i].label);
    for (size_t j = 0; j < values.size(); ++j) {
      const int c = CompareValues(values[i], values[j]);
      EXPECT_EQ(c < 0, i < j) << i << " " << j;
      EXPECT_EQ(c == 0, i == j) << i << " " << j;
      std::string ki, kj;
      EncodeKeyValue(values[i], mood.oid, false, &ki);
      EncodeKeyValue(values[j], mood.oid, false, &kj);
      EXPECT_EQ(ki < kj, i < j) << i << " " << j;
    }
    std::string row;
    EncodeRow(&values[i], 1, &row);
    Value back;
    ASSERT_TRUE(DecodeRow(row, {mood.oid}, &back).ok());
    EXPECT_EQ(back.str(), values[i].str());
    EXPECT_EQ(back.type(), mood.oid);
  }
  EXPECT_EQ(HashValue(values[1]), HashValue(MakeEnumValue(mood.oid, 1.0, "sad")));
}

}  // namespace
}  // namespace nano
