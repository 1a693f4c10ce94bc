// engine/catalog/catalog_store.cc
#include "catalog/catalog_store.h"

#include <nlohmann/json.hpp>

#include "storage/codec.h"

namespace nano {

namespace {

using json = nlohmann::json;
constexpr uint32_t kCatalogTableId = 1;

std::string Key(char tag) {
  std::string k;
  AppendU32BE(&k, kCatalogTableId);
  k.push_back(tag);
  return k;
}

std::string Key(char tag, Oid oid) {
  std::string k = Key(tag);
  AppendU32BE(&k, oid);
  return k;
}

Status Corrupt(const std::string& what) {
  return Status::Error(sqlstate::kDataCorrupted, "corrupt catalog entry: " + what);
}

// An optional ACL: null when unset, else [[grantee, grantor, privs, options], ...].
json AclJson(const std::optional<Acl>& acl) {
  if (!acl.has_value()) return nullptr;
  json out = json::array();
  for (const AclItem& i : *acl)
    out.push_back(json::array({i.grantee, i.grantor, i.privs, i.grant_options}));
  return out;
}

std::optional<Acl> AclFrom(const json& j, const char* key) {
  if (!j.contains(key) || j.at(key).is_null()) return std::nullopt;
  Acl acl;
  for (const json& i : j.at(key)) {
    acl.push_back(AclItem{i.at(0).get<Oid>(), i.at(1).get<Oid>(), i.at(2).get<uint32_t>(),
                          i.at(3).get<uint32_t>()});
  }
  return acl;
}

json PolicyJson(const PolicyDef& p) {
  return json{{"oid", p.oid},         {"name", p.name},   {"cmd", std::string(1, p.command)},
              {"perm", p.permissive}, {"roles", p.roles}, {"using", p.using_expr},
              {"check", p.check_expr}};
}

PolicyDef PolicyFrom(const json& j, Oid table) {
  PolicyDef p;
  p.oid = j.at("oid").get<Oid>();
  p.name = j.at("name").get<std::string>();
  p.table_oid = table;
  p.command = j.at("cmd").get<std::string>().at(0);
  p.permissive = j.at("perm").get<bool>();
  p.roles = j.at("roles").get<std::vector<Oid>>();
  p.using_expr = j.at("using").get<std::string>();
  p.check_expr = j.at("check").get<std::string>();
  return p;
}

json ColumnJson(const ColumnDef& c) {
  json out{{"name", c.name},
           {"type", c.type.oid},
           {"typmod", c.type.typmod},
           {"attnum", c.attnum},
           {"not_null", c.not_null},
           {"default", c.default_expr},
           {"identity", std::string(1, c.identity ? c.identity : ' ')},
           {"generated", std::string(1, c.generated ? c.generated : ' ')},
           {"seq", c.sequence_oid},
           {"dropped", c.dropped},
           {"domain", c.domain_oid},
           {"inh", c.inhcount},
           {"local", c.is_local}};
  if (c.acl.has_value()) out["acl"] = AclJson(c.acl);
  return out;
}

json TypesJson(const std::vector<TypeRef>& types) {
  json out = json::array();
  for (const TypeRef& t : types) out.push_back(json::array({t.oid, t.typmod}));
  return out;
}

json DatumsJson(const std::vector<BoundDatum>& datums) {
  json out = json::array();
  for (const BoundDatum& d : datums) {
    out.push_back(json{{"k", std::string(1, static_cast<char>(d.kind))}, {"t", d.text}});
  }
  return out;
}

std::vector<BoundDatum> DatumsFromJson(const json& j) {
  std::vector<BoundDatum> out;
  for (const json& d : j) {
    BoundDatum b;
    b.kind = static_cast<BoundDatum::Kind>(d.at("k").get<std::string>().at(0));
    b.text = d.at("t").get<std::string>();
    out.push_back(std::move(b));
  }
  return out;
}

json BoundJson(const PartitionBound& b) {
  return json{{"s", std::string(1, b.strategy ? b.strategy : ' ')},
              {"default", b.is_default},
              {"list", DatumsJson(b.list)},
              {"lower", DatumsJson(b.lower)},
              {"upper", DatumsJson(b.upper)},
              {"modulus", b.modulus},
              {"remainder", b.remainder}};
}

char CharField(const json& j, const char* name) {
  std::string s = j.value(name, std::string(" "));
  return s.empty() || s[0] == ' ' ? 0 : s[0];
}

}  // namespace

std::string CatalogMetaKey() { return Key('m'); }
std::string CatalogSchemaKey(Oid oid) { return Key('n', oid); }
std::string CatalogTableKey(Oid oid) { return Key('t', oid); }
std::string CatalogTypeKey(Oid oid) { return Key('y', oid); }
std::string CatalogFunctionKey(Oid oid) { return Key('f', oid); }
std::string CatalogOperatorKey(Oid oid) { return Key('o', oid); }
std::string CatalogRoleKey(Oid oid) { return Key('r', oid); }
std::string CatalogPrefix() { return Key('m').substr(0, 4); }
std::string DatabaseKey(Oid oid) { return Key('d', oid); }
std::string DatabasePrefix() { return Key('d'); }
std::string ClusterMetaKey() { return Key('c'); }

std::string EncodeTable(const TableDef& t) {
  json cols = json::array();
  for (const ColumnDef& c : t.columns) cols.push_back(ColumnJson(c));
  json idx = json::array();
  for (const IndexDef& i : t.indexes) {
    idx.push_back(json{{"oid", i.oid},
                       {"name", i.name},
                       {"columns", i.columns},
                       {"desc", i.descending},
                       {"nulls_first", i.nulls_first},
                       {"unique", i.unique},
                       {"primary", i.primary},
                       {"nnd", i.nulls_not_distinct},
                       {"method", static_cast<int>(i.method)},
                       {"predicate", i.predicate}});
  }
  json cons = json::array();
  for (const ConstraintDef& c : t.constraints) {
    cons.push_back(json{{"oid", c.oid},
                        {"name", c.name},
                        {"type", std::string(1, c.type)},
                        {"columns", c.columns},
                        {"check", c.check_expr},
                        {"index", c.index_oid},
                        {"ref_table", c.ref_table_oid},
                        {"ref_columns", c.ref_columns},
                        {"on_delete", std::string(1, static_cast<char>(c.on_delete))},
                        {"on_update", std::string(1, static_cast<char>(c.on_update))},
                        {"match", std::string(1, c.match_type)},
                        {"inh", c.inhcount},
                        {"local", c.is_local},
                        {"noinh", c.no_inherit}});
  }
  json trigs = json::array();
  for (const TriggerDef& g : t.triggers) {
    trigs.push_back(json{{"oid", g.oid},
                         {"name", g.name},
                         {"fn", g.function_oid},
                         {"type", g.type},
                         {"enabled", std::string(1, g.enabled)},
                         {"args", g.args},
                         {"columns", g.columns},
                         {"when", g.when_expr},
                         {"old", g.old_table},
                         {"new", g.new_table},
                         {"parent", g.parent_oid},
                         {"con", g.constraint},
                         {"def", g.deferrable},
                         {"initdef", g.initdeferred}});
  }
  const SequenceOptions& s = t.sequence;
  json policies = json::array();
  for (const PolicyDef& p : t.policies) policies.push_back(PolicyJson(p));
  json j{{"policies", policies},
         {"v", 1},
         {"oid", t.oid},
         {"schema", t.schema_oid},
         {"name", t.name},
         {"kind", std::string(1, static_cast<char>(t.kind))},
         {"columns", cols},
         {"indexes", idx},
         {"constraints", cons},
         {"next_attnum", t.next_attnum},
         {"view_query", t.view_query},
         {"view_columns", t.view_columns},
         {"view_check_option", std::string(t.view_check_option ? 1 : 0, t.view_check_option)},
         {"depends_on", t.depends_on},
         {"comment", t.comment},
         {"parents", t.parents},
         {"pkey",
          json{{"s", std::string(1, t.partition_key.strategy ? t.partition_key.strategy : ' ')},
               {"columns", t.partition_key.columns},
               {"exprs", t.partition_key.exprs},
               {"types", TypesJson(t.partition_key.types)}}},
         {"pbound", BoundJson(t.partition_bound)},
         {"triggers", trigs},
         {"owner", t.owner},
         {"acl", AclJson(t.acl)},
         {"rls", t.row_security},
         {"force_rls", t.force_row_security},
         {"seq", json{{"type", s.type},
                      {"start", s.start},
                      {"inc", s.increment},
                      {"min", s.min_value},
                      {"max", s.max_value},
                      {"cache", s.cache},
                      {"cycle", s.cycle},
                      {"owned_table", s.owned_by_table},
                      {"owned_column", s.owned_by_column}}}};
  return j.dump();
}

Status DecodeTable(std::string_view text, TableDef* out) {
  json j = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded() || !j.is_object()) return Corrupt("table");
  try {
    TableDef t;
    t.oid = j.at("oid").get<Oid>();
    t.schema_oid = j.at("schema").get<Oid>();
    t.name = j.at("name").get<std::string>();
    t.kind = static_cast<RelKind>(j.at("kind").get<std::string>().at(0));
    for (const json& c : j.at("columns")) {
      ColumnDef col;
      col.name = c.at("name").get<std::string>();
      col.type = TypeRef{c.at("type").get<TypeOid>(), c.at("typmod").get<int32_t>()};
      col.attnum = c.at("attnum").get<int16_t>();
      col.not_null = c.at("not_null").get<bool>();
      col.default_expr = c.at("default").get<std::string>();
      col.identity = CharField(c, "identity");
      col.generated = CharField(c, "generated");
      col.sequence_oid = c.at("seq").get<Oid>();
      col.dropped = c.at("dropped").get<bool>();
      col.domain_oid = c.value("domain", Oid{0});
      col.inhcount = c.value("inh", int16_t{0});
      col.is_local = c.value("local", true);
      col.acl = AclFrom(c, "acl");
      t.columns.push_back(std::move(col));
    }
    for (const json& i : j.at("indexes")) {
      IndexDef idx;
      idx.oid = i.at("oid").get<Oid>();
      idx.name = i.at("name").get<std::string>();
      idx.table_oid = t.oid;
      idx.columns = i.at("columns").get<std::vector<int16_t>>();
      idx.descending = i.at("desc").get<std::vector<bool>>();
      idx.nulls_first = i.at("nulls_first").get<std::vector<bool>>();
      idx.unique = i.at("unique").get<bool>();
      idx.primary = i.at("primary").get<bool>();
      idx.nulls_not_distinct = i.value("nnd", false);
      idx.method = static_cast<IndexMethod>(i.value("method", 0));
      idx.predicate = i.value("predicate", std::string());
      t.indexes.push_back(std::move(idx));
    }
    for (const json& c : j.at("constraints")) {
      ConstraintDef con;
      con.oid = c.at("oid").get<Oid>();
      con.name = c.at("name").get<std::string>();
      con.type = c.at("type").get<std::string>().at(0);
      con.table_oid = t.oid;
      con.columns = c.at("columns").get<std::vector<int16_t>>();
      con.check_expr = c.at("check").get<std::string>();
      con.index_oid = c.at("index").get<Oid>();
      con.ref_table_oid = c.at("ref_table").get<Oid>();
      con.ref_columns = c.at("ref_columns").get<std::vector<int16_t>>();
      con.on_delete = static_cast<FkActionKind>(c.at("on_delete").get<std::string>().at(0));
      con.on_update = static_cast<FkActionKind>(c.at("on_update").get<std::string>().at(0));
      con.match_type = c.at("match").get<std::string>().at(0);
      con.inhcount = c.value("inh", int16_t{0});
      con.is_local = c.value("local", true);
      con.no_inherit = c.value("noinh", false);
      t.constraints.push_back(std::move(con));
    }
    for (const json& g : j.value("triggers", json::array())) {
      TriggerDef trig;
      trig.oid = g.at("oid").get<Oid>();
      trig.name = g.at("name").get<std::string>();
      trig.function_oid = g.at("fn").get<Oid>();
      trig.type = g.at("type").get<int16_t>();
      trig.enabled = g.at("enabled").get<std::string>().at(0);
      trig.args = g.at("args").get<std::vector<std::string>>();
      trig.columns = g.at("columns").get<std::vector<int16_t>>();
      trig.when_expr = g.at("when").get<std::string>();
      trig.old_table = g.value("old", std::string());
      trig.new_table = g.value("new", std::string());
      trig.parent_oid = g.value("parent", Oid{0});
      trig.constraint = g.value("con", false);
      trig.deferrable = g.value("def", false);
      trig.initdeferred = g.value("initdef", false);
      t.triggers.push_back(std::move(trig));
    }
    t.next_attnum = j.at("next_attnum").get<int16_t>();
    t.view_query = j.value("view_query", std::string());
    t.view_columns = j.value("view_columns", std::vector<std::string>());
    const std::string check = j.value("view_check_option", std::string());
    t.view_check_option = check.empty() ? 0 : check[0];
    t.depends_on = j.value("depends_on", std::vector<Oid>());
    t.comment = j.value("comment", std::string());
    t.parents = j.value("parents", std::vector<Oid>());
    t.owner = j.value("owner", kBootstrapSuperuserOid);
    t.acl = AclFrom(j, "acl");
    t.row_security = j.value("rls", false);
    t.force_row_security = j.value("force_rls", false);
    for (const json& p : j.value("policies", json::array())) {
      t.policies.push_back(PolicyFrom(p, t.oid));
    }
    if (j.contains("pkey")) {
      t.partition_key.strategy = CharField(j.at("pkey"), "s");
      t.partition_key.columns = j.at("pkey").at("columns").get<std::vector<int16_t>>();
      t.partition_key.exprs = j.at("pkey").value("exprs", std::vector<std::string>());
      for (const json& ty : j.at("pkey").value("types", json::array())) {
        t.partition_key.types.push_back(TypeRef{ty.at(0).get<TypeOid>(), ty.at(1).get<int32_t>()});
      }
    }
    if (j.contains("pbound")) {
      const json& b = j.at("pbound");
      t.partition_bound.strategy = CharField(b, "s");
      t.partition_bound.is_default = b.at("default").get<bool>();
      t.partition_bound.list = DatumsFromJson(b.at("list"));
      t.partition_bound.lower = DatumsFromJson(b.at("lower"));
      t.partition_bound.upper = DatumsFromJson(b.at("upper"));
      t.partition_bound.modulus = b.at("modulus").get<int32_t>();
      t.partition_bound.remainder = b.at("remainder").get<int32_t>();
    }
    const json& s = j.at("seq");
    t.sequence.type = s.at("type").get<TypeOid>();
    t.sequence.start = s.at("start").get<int64_t>();
    t.sequence.increment = s.at("inc").get<int64_t>();
    t.sequence.min_value = s.at("min").get<int64_t>();
    t.sequence.max_value = s.at("max").get<int64_t>();
    t.sequence.cache = s.at("cache").get<int64_t>();
    t.sequence.cycle = s.at("cycle").get<bool>();
    t.sequence.owned_by_table = s.at("owned_table").get<Oid>();
    t.sequence.owned_by_column = s.at("owned_column").get<int16_t>();
    *out = std::move(t);
  } catch (const json::exception& e) {
    return Corrupt(std::string("table: ") + e.what());
  } catch (const std::out_of_range&) {
    return Corrupt("table: empty field");
  }
  return Status::OK();
}

std::string EncodeType(const TypeDef& t) {
  json labels = json::array();
  for (const EnumLabel& l : t.labels) {
    labels.push_back(json{{"oid", l.oid}, {"sort", l.sort_order}, {"label", l.label}});
  }
  json cons = json::array();
  for (const ConstraintDef& c : t.constraints) {
    cons.push_back(json{{"oid", c.oid}, {"name", c.name}, {"check", c.check_expr}});
  }
  json attrs = json::array();
  for (const RecordField& a : t.attributes) {
    attrs.push_back(json{{"name", a.name}, {"type", a.type.oid}, {"typmod", a.type.typmod}});
  }
  return json{{"v", 1},
              {"oid", t.oid},
              {"schema", t.schema_oid},
              {"name", t.name},
              {"kind", std::string(1, static_cast<char>(t.kind))},
              {"array", t.array_oid},
              {"labels", labels},
              {"base", t.base_type.oid},
              {"base_typmod", t.base_type.typmod},
              {"parent", t.parent_domain},
              {"not_null", t.not_null},
              {"default", t.default_expr},
              {"constraints", cons},
              {"comment", t.comment},
              {"attrs", attrs},
              {"relid", t.relid}}
      .dump();
}

Status DecodeType(std::string_view text, TypeDef* out) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Corrupt("type");
  try {
    TypeDef t;
    t.oid = j.at("oid").get<Oid>();
    t.schema_oid = j.at("schema").get<Oid>();
    t.name = j.at("name").get<std::string>();
    t.kind = static_cast<TypeKind>(j.at("kind").get<std::string>().at(0));
    t.array_oid = j.value("array", Oid{0});
    for (const json& l : j.at("labels")) {
      t.labels.push_back(EnumLabel{l.at("oid").get<Oid>(), l.at("sort").get<double>(),
                                   l.at("label").get<std::string>()});
    }
    t.base_type = TypeRef{j.at("base").get<TypeOid>(), j.at("base_typmod").get<int32_t>()};
    t.parent_domain = j.value("parent", Oid{0});
    t.not_null = j.at("not_null").get<bool>();
    t.default_expr = j.at("default").get<std::string>();
    for (const json& c : j.at("constraints")) {
      ConstraintDef con;
      con.oid = c.at("oid").get<Oid>();
      con.name = c.at("name").get<std::string>();
      con.type = 'c';
      con.check_expr = c.at("check").get<std::string>();
      t.constraints.push_back(std::move(con));
    }
    t.comment = j.value("comment", std::string());
    if (j.contains("attrs")) {
      for (const json& a : j.at("attrs")) {
        t.attributes.push_back(
            RecordField{a.at("name").get<std::string>(),
                        TypeRef{a.at("type").get<TypeOid>(), a.at("typmod").get<int32_t>()}});
      }
    }
    t.relid = j.value("relid", Oid{0});
    *out = std::move(t);
  } catch (const json::exception& e) {
    return Corrupt(std::string("type: ") + e.what());
  } catch (const std::out_of_range&) {
    return Corrupt("type: empty field");
  }
  return Status::OK();
}

namespace {

json FunctionArgsJson(const std::vector<FunctionArg>& args) {
  json out = json::array();
  for (const FunctionArg& a : args) {
    out.push_back(json{{"name", a.name},
                       {"type", a.type.oid},
                       {"typmod", a.type.typmod},
                       {"mode", std::string(1, a.mode)},
                       {"default", a.default_expr}});
  }
  return out;
}

std::vector<FunctionArg> FunctionArgsFrom(const json& j) {
  std::vector<FunctionArg> out;
  for (const json& a : j) {
    FunctionArg arg;
    arg.name = a.at("name").get<std::string>();
    arg.type = TypeRef{a.at("type").get<TypeOid>(), a.at("typmod").get<int32_t>()};
    arg.mode = a.at("mode").get<std::string>().at(0);
    arg.default_expr = a.value("default", std::string());
    out.push_back(std::move(arg));
  }
  return out;
}

json SupportFnJson(const AggSupportFn& f) {
  return json{{"name", f.name}, {"oid", f.user_oid}, {"args", f.arg_types}};
}

AggSupportFn SupportFnFrom(const json& j) {
  AggSupportFn f;
  f.name = j.at("name").get<std::string>();
  f.user_oid = j.at("oid").get<Oid>();
  f.arg_types = j.at("args").get<std::vector<TypeOid>>();
  return f;
}

json AggregateJson(const AggregateDef& a) {
  return json{{"kind", std::string(1, a.kind)},
              {"direct", a.num_direct_args},
              {"transfn", SupportFnJson(a.transfn)},
              {"finalfn", SupportFnJson(a.finalfn)},
              {"combinefn", SupportFnJson(a.combinefn)},
              {"serialfn", SupportFnJson(a.serialfn)},
              {"deserialfn", SupportFnJson(a.deserialfn)},
              {"mtransfn", SupportFnJson(a.mtransfn)},
              {"minvtransfn", SupportFnJson(a.minvtransfn)},
              {"mfinalfn", SupportFnJson(a.mfinalfn)},
              {"final_extra", a.final_extra},
              {"mfinal_extra", a.mfinal_extra},
              {"final_modify", std::string(1, a.final_modify)},
              {"mfinal_modify", std::string(1, a.mfinal_modify)},
              {"stype", a.trans_type.oid},
              {"stype_typmod", a.trans_type.typmod},
              {"mstype", a.mtrans_type.oid},
              {"mstype_typmod", a.mtrans_type.typmod},
              {"sspace", a.trans_space},
              {"msspace", a.mtrans_space},
              {"has_init", a.has_init},
              {"has_minit", a.has_minit},
              {"init", a.init_value},
              {"minit", a.minit_value}};
}

AggregateDef AggregateFrom(const json& j) {
  AggregateDef a;
  a.kind = j.at("kind").get<std::string>().at(0);
  a.num_direct_args = j.at("direct").get<int16_t>();
  a.transfn = SupportFnFrom(j.at("transfn"));
  a.finalfn = SupportFnFrom(j.at("finalfn"));
  a.combinefn = SupportFnFrom(j.at("combinefn"));
  a.serialfn = SupportFnFrom(j.at("serialfn"));
  a.deserialfn = SupportFnFrom(j.at("deserialfn"));
  a.mtransfn = SupportFnFrom(j.at("mtransfn"));
  a.minvtransfn = SupportFnFrom(j.at("minvtransfn"));
  a.mfinalfn = SupportFnFrom(j.at("mfinalfn"));
  a.final_extra = j.at("final_extra").get<bool>();
  a.mfinal_extra = j.at("mfinal_extra").get<bool>();
  a.final_modify = j.at("final_modify").get<std::string>().at(0);
  a.mfinal_modify = j.at("mfinal_modify").get<std::string>().at(0);
  a.trans_type = TypeRef{j.at("stype").get<TypeOid>(), j.at("stype_typmod").get<int32_t>()};
  a.mtrans_type = TypeRef{j.at("mstype").get<TypeOid>(), j.at("mstype_typmod").get<int32_t>()};
  a.trans_space = j.at("sspace").get<int32_t>();
  a.mtrans_space = j.at("msspace").get<int32_t>();
  a.has_init = j.at("has_init").get<bool>();
  a.has_minit = j.at("has_minit").get<bool>();
  a.init_value = j.at("init").get<std::string>();
  a.minit_value = j.at("minit").get<std::string>();
  return a;
}

}  // namespace

std::string EncodeOperator(const OperatorDef& o) {
  return json{{"v", 1},
              {"oid", o.oid},
              {"schema", o.schema_oid},
              {"name", o.name},
              {"left", o.left.oid},
              {"right", o.right.oid},
              {"result", o.result.oid},
              {"proc", SupportFnJson(o.proc)},
              {"commutator", o.commutator},
              {"negator", o.negator},
              {"restrict", o.restrict_fn},
              {"join", o.join_fn},
              {"hashes", o.hashes},
              {"merges", o.merges},
              {"left_domain", o.left_domain},
              {"right_domain", o.right_domain}}
      .dump();
}

Status DecodeOperator(std::string_view text, OperatorDef* out) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Corrupt("operator");
  try {
    OperatorDef o;
    o.oid = j.at("oid").get<Oid>();
    o.schema_oid = j.at("schema").get<Oid>();
    o.name = j.at("name").get<std::string>();
    o.left = TypeRef{j.at("left").get<TypeOid>(), -1};
    o.right = TypeRef{j.at("right").get<TypeOid>(), -1};
    o.result = TypeRef{j.at("result").get<TypeOid>(), -1};
    o.proc = SupportFnFrom(j.at("proc"));
    o.commutator = j.at("commutator").get<std::string>();
    o.negator = j.at("negator").get<std::string>();
    o.restrict_fn = j.at("restrict").get<std::string>();
    o.join_fn = j.at("join").get<std::string>();
    o.hashes = j.at("hashes").get<bool>();
    o.merges = j.at("merges").get<bool>();
    o.left_domain = j.value("left_domain", Oid{0});
    o.right_domain = j.value("right_domain", Oid{0});
    *out = std::move(o);
  } catch (const json::exception& e) {
    return Corrupt(std::string("operator: ") + e.what());
  }
  return Status::OK();
}

std::string EncodeFunction(const FunctionDef& f) {
  json j{{"v", 1},
         {"oid", f.oid},
         {"schema", f.schema_oid},
         {"name", f.name},
         {"args", FunctionArgsJson(f.args)},
         {"ret", f.return_type.oid},
         {"ret_typmod", f.return_type.typmod},
         {"set", f.returns_set},
         {"columns", FunctionArgsJson(f.result_columns)},
         {"language", f.language},
         {"body", f.body},
         {"source", f.source},
         {"volatility", std::string(1, f.volatility)},
         {"strict", f.strict},
         {"cost", f.cost},
         {"rows", f.rows}};
  // Aggregates (and non-default parallel markings) only: older data
  // directories decode without these keys.
  if (f.parallel != 'u') j["parallel"] = std::string(1, f.parallel);
  if (!f.comment.empty()) j["comment"] = f.comment;
  if (f.is_aggregate()) {
    j["kind"] = std::string(1, f.kind);
    j["aggregate"] = AggregateJson(f.aggregate);
  }
  return j.dump();
}

Status DecodeFunction(std::string_view text, FunctionDef* out) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Corrupt("function");
  try {
    FunctionDef f;
    f.oid = j.at("oid").get<Oid>();
    f.schema_oid = j.at("schema").get<Oid>();
    f.name = j.at("name").get<std::string>();
    f.args = FunctionArgsFrom(j.at("args"));
    f.return_type = TypeRef{j.at("ret").get<TypeOid>(), j.at("ret_typmod").get<int32_t>()};
    f.returns_set = j.at("set").get<bool>();
    f.result_columns = FunctionArgsFrom(j.at("columns"));
    f.language = j.at("language").get<std::string>();
    f.body = j.at("body").get<std::string>();
    f.source = j.value("source", std::string());
    f.volatility = j.at("volatility").get<std::string>().at(0);
    f.strict = j.at("strict").get<bool>();
    f.cost = j.value("cost", 100.0);
    f.rows = j.value("rows", 0.0);
    f.parallel = j.value("parallel", std::string("u")).at(0);
    f.comment = j.value("comment", std::string());
    f.kind = j.value("kind", std::string("f")).at(0);
    if (f.is_aggregate()) f.aggregate = AggregateFrom(j.at("aggregate"));
    *out = std::move(f);
  } catch (const json::exception& e) {
    return Corrupt(std::string("function: ") + e.what());
  } catch (const std::out_of_range&) {
    return Corrupt("function: empty field");
  }
  return Status::OK();
}

std::string EncodeSchema(const SchemaDef& s) {
  return json{{"v", 1},
              {"oid", s.oid},
              {"name", s.name},
              {"owner", s.owner},
              {"owner_oid", s.owner_oid},
              {"acl", AclJson(s.acl)}}
      .dump();
}

std::string EncodeRole(const RoleDef& r) {
  json members = json::array();
  for (const RoleMembership& m : r.member_of) {
    members.push_back(json::array({m.role, m.grantor, m.admin_option}));
  }
  json j{{"v", 1},
         {"oid", r.oid},
         {"name", r.name},
         {"super", r.superuser},
         {"inherit", r.inherit},
         {"createrole", r.createrole},
         {"createdb", r.createdb},
         {"login", r.login},
         {"replication", r.replication},
         {"bypassrls", r.bypassrls},
         {"connlimit", r.connection_limit},
         {"members", members}};
  if (r.password.has_value()) j["password"] = *r.password;
  if (r.valid_until.has_value()) j["valid_until"] = *r.valid_until;
  return j.dump();
}

Status DecodeRole(std::string_view text, RoleDef* out) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Corrupt("role");
  try {
    RoleDef r;
    r.oid = j.at("oid").get<Oid>();
    r.name = j.at("name").get<std::string>();
    r.superuser = j.at("super").get<bool>();
    r.inherit = j.at("inherit").get<bool>();
    r.createrole = j.at("createrole").get<bool>();
    r.createdb = j.at("createdb").get<bool>();
    r.login = j.at("login").get<bool>();
    r.replication = j.value("replication", false);
    r.bypassrls = j.at("bypassrls").get<bool>();
    r.connection_limit = j.at("connlimit").get<int32_t>();
    if (j.contains("password")) r.password = j.at("password").get<std::string>();
    if (j.contains("valid_until")) r.valid_until = j.at("valid_until").get<std::string>();
    for (const json& m : j.at("members")) {
      r.member_of.push_back(
          RoleMembership{m.at(0).get<Oid>(), m.at(1).get<Oid>(), m.at(2).get<bool>()});
    }
    *out = std::move(r);
  } catch (const json::exception& e) {
    return Corrupt(std::string("role: ") + e.what());
  }
  return Status::OK();
}

Status DecodeSchema(std::string_view text, SchemaDef* out) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Corrupt("schema");
  try {
    out->oid = j.at("oid").get<Oid>();
    out->name = j.at("name").get<std::string>();
    out->owner = j.value("owner", std::string("postgres"));
    out->owner_oid = j.value("owner_oid", kBootstrapSuperuserOid);
    if (j.contains("acl")) out->acl = AclFrom(j, "acl");
  } catch (const json::exception& e) {
    return Corrupt(std::string("schema: ") + e.what());
  }
  return Status::OK();
}

std::string EncodeCatalogMeta(const Catalog& c) {
  return json{{"v", 1}, {"next_oid", c.next_oid()}, {"generation", c.generation()}}.dump();
}

std::string EncodeDatabase(const DatabaseDef& d) {
  return json{{"v", 1},
              {"oid", d.oid},
              {"name", d.name},
              {"branch", d.branch},
              {"parent", d.parent},
              {"fork", d.fork_version},
              {"template", d.is_template},
              {"allow_conn", d.allow_connections}}
      .dump();
}

Status DecodeDatabase(std::string_view text, DatabaseDef* out) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Corrupt("database");
  try {
    out->oid = j.at("oid").get<Oid>();
    out->name = j.at("name").get<std::string>();
    out->branch = j.at("branch").get<BranchId>();
    out->parent = j.at("parent").get<BranchId>();
    out->fork_version = j.at("fork").get<Version>();
    out->is_template = j.value("template", false);
    out->allow_connections = j.value("allow_conn", true);
  } catch (const json::exception& e) {
    return Corrupt(std::string("database: ") + e.what());
  }
  return Status::OK();
}

std::string EncodeClusterMeta(const ClusterMeta& m) {
  return json{{"v", 1},
              {"next_db_oid", m.next_db_oid},
              {"next_branch", m.next_branch},
              {"rowid_ceiling", m.rowid_ceiling}}
      .dump();
}

Status DecodeClusterMeta(std::string_view text, ClusterMeta* out) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Corrupt("cluster");
  try {
    out->next_db_oid = j.at("next_db_oid").get<Oid>();
    out->next_branch = j.at("next_branch").get<BranchId>();
    out->rowid_ceiling = j.at("rowid_ceiling").get<uint64_t>();
  } catch (const json::exception& e) {
    return Corrupt(std::string("cluster: ") + e.what());
  }
  return Status::OK();
}

Status LoadCatalog(const VersionedStore& store, const BranchChain& chain, Catalog* out) {
  Catalog catalog;
  std::string prefix = CatalogPrefix();
  std::string upper = prefix;
  upper.back() = static_cast<char>(upper.back() + 1);
  auto it = store.NewIterator(chain, prefix, upper);
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    std::string_view key = it->key();
    if (key.size() < 5) return Corrupt("short key");
    char tag = key[4];
    if (tag == 'm') {
      json j = json::parse(it->value(), nullptr, false);
      if (j.is_discarded()) return Corrupt("meta");
      catalog.set_next_oid(j.value("next_oid", kFirstUserOid));
      catalog.set_generation(j.value("generation", uint64_t{0}));
    } else if (tag == 'n') {
      SchemaDef s;
      NANO_RETURN_IF_ERROR(DecodeSchema(it->value(), &s));
      catalog.PutSchema(std::move(s));
    } else if (tag == 't') {
      TableDef t;
      NANO_RETURN_IF_ERROR(DecodeTable(it->value(), &t));
      catalog.PutTable(std::move(t));
    } else if (tag == 'y') {
      TypeDef t;
      NANO_RETURN_IF_ERROR(DecodeType(it->value(), &t));
      catalog.PutType(std::move(t));
    } else if (tag == 'o') {
      OperatorDef o;
      NANO_RETURN_IF_ERROR(DecodeOperator(it->value(), &o));
      catalog.PutOperator(std::move(o));
    } else if (tag == 'f') {
      FunctionDef f;
      NANO_RETURN_IF_ERROR(DecodeFunction(it->value(), &f));
      catalog.PutFunction(std::move(f));
    } else if (tag == 'r') {
      RoleDef r;
      NANO_RETURN_IF_ERROR(DecodeRole(it->value(), &r));
      catalog.PutRole(std::move(r));
    }
  }
  NANO_RETURN_IF_ERROR(it->status());
  *out = std::move(catalog);
  return Status::OK();
}

void DiffCatalog(const Catalog& before, const Catalog& after, BranchId branch,
                 std::vector<WriteOp>* ops) {
  for (const auto& [oid, t] : after.tables()) {
    const TableDef* old = before.TableByOid(oid);
    std::string enc = EncodeTable(t);
    if (old == nullptr || EncodeTable(*old) != enc) {
      ops->push_back(WriteOp{branch, CatalogTableKey(oid), std::move(enc), false});
    }
  }
  for (const auto& [oid, t] : before.tables()) {
    if (after.TableByOid(oid) == nullptr) {
      ops->push_back(WriteOp{branch, CatalogTableKey(oid), std::string(), true});
    }
  }
  for (const auto& [oid, s] : after.schemas()) {
    const SchemaDef* old = before.SchemaByOid(oid);
    if (old == nullptr || EncodeSchema(*old) != EncodeSchema(s)) {
      ops->push_back(WriteOp{branch, CatalogSchemaKey(oid), EncodeSchema(s), false});
    }
  }
  for (const auto& [oid, s] : before.schemas()) {
    if (after.SchemaByOid(oid) == nullptr) {
      ops->push_back(WriteOp{branch, CatalogSchemaKey(oid), std::string(), true});
    }
  }
  for (const auto& [oid, t] : after.types()) {
    const TypeDef* old = before.TypeByOid(oid);
    std::string enc = EncodeType(t);
    if (old == nullptr || EncodeType(*old) != enc) {
      ops->push_back(WriteOp{branch, CatalogTypeKey(oid), std::move(enc), false});
    }
  }
  for (const auto& [oid, t] : before.types()) {
    if (after.TypeByOid(oid) == nullptr) {
      ops->push_back(WriteOp{branch, CatalogTypeKey(oid), std::string(), true});
    }
  }
  for (const auto& [oid, f] : after.functions()) {
    const FunctionDef* old = before.FunctionByOid(oid);
    std::string enc = EncodeFunction(f);
    if (old == nullptr || EncodeFunction(*old) != enc) {
      ops->push_back(WriteOp{branch, CatalogFunctionKey(oid), std::move(enc), false});
    }
  }
  for (const auto& [oid, f] : before.functions()) {
    if (after.FunctionByOid(oid) == nullptr) {
      ops->push_back(WriteOp{branch, CatalogFunctionKey(oid), std::string(), true});
    }
  }
  for (const auto& [oid, o] : after.operators()) {
    const OperatorDef* old = before.OperatorByOid(oid);
    std::string enc = EncodeOperator(o);
    if (old == nullptr || EncodeOperator(*old) != enc) {
      ops->push_back(WriteOp{branch, CatalogOperatorKey(oid), std::move(enc), false});
    }
  }
  for (const auto& [oid, o] : before.operators()) {
    if (after.OperatorByOid(oid) == nullptr) {
      ops->push_back(WriteOp{branch, CatalogOperatorKey(oid), std::string(), true});
    }
  }
  for (const auto& [oid, r] : after.roles()) {
    const RoleDef* old = before.RoleByOid(oid);
    std::string enc = EncodeRole(r);
    if (old == nullptr || EncodeRole(*old) != enc) {
      ops->push_back(WriteOp{branch, CatalogRoleKey(oid), std::move(enc), false});
    }
  }
  for (const auto& [oid, r] : before.roles()) {
    if (after.RoleByOid(oid) == nullptr) {
      ops->push_back(WriteOp{branch, CatalogRoleKey(oid), std::string(), true});
    }
  }
  ops->push_back(WriteOp{branch, CatalogMetaKey(), EncodeCatalogMeta(after), false});
}

}  // namespace nano
