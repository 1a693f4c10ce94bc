// engine/catalog/trigger_text.cc — see trigger_text.h.
#include "catalog/trigger_text.h"

namespace nano {

namespace {

std::string QuoteLiteral(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'' || c == '\\') out.push_back(c);
    out.push_back(c);
  }
  return out + "'";
}

bool NeedsQuotes(const std::string& id) {
  if (id.empty() || !(std::islower(static_cast<unsigned char>(id[0])) || id[0] == '_')) return true;
  for (char c : id) {
    if (!(std::islower(static_cast<unsigned char>(c)) ||
          std::isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '$')) {
      return true;
    }
  }
  return false;
}

std::string QuoteIdent(const std::string& id) {
  if (!NeedsQuotes(id)) return id;
  std::string out = "\"";
  for (char c : id) {
    if (c == '"') out.push_back(c);
    out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

const TriggerDef* FindTriggerByOid(const Catalog& catalog, Oid oid, const TableDef** table) {
  for (const auto& [toid, t] : catalog.tables()) {
    for (const TriggerDef& g : t.triggers) {
      if (g.oid == oid) {
        if (table != nullptr) *table = &t;
        return &g;
      }
    }
  }
  return nullptr;
}

std::string TriggerDefinition(const Catalog& catalog, const TableDef& table,
                              const TriggerDef& trigger, bool pretty) {
  std::string out = trigger.constraint ? "CREATE CONSTRAINT TRIGGER " : "CREATE TRIGGER ";
  out += QuoteIdent(trigger.name) + " ";
  if (trigger.type & kTriggerTypeBefore) {
    out += "BEFORE";
  } else if (trigger.type & kTriggerTypeInstead) {
    out += "INSTEAD OF";
  } else {
    out += "AFTER";
  }
  bool first = true;
  auto event = [&](const char* name) {
    out += first ? " " : " OR ";
    out += name;
    first = false;
  };
  if (trigger.type & kTriggerTypeInsert) event("INSERT");
  if (trigger.type & kTriggerTypeDelete) event("DELETE");
  if (trigger.type & kTriggerTypeUpdate) {
    event("UPDATE");
    for (size_t i = 0; i < trigger.columns.size(); ++i) {
      const ColumnDef* c = table.ColumnByAttnum(trigger.columns[i]);
      out += (i == 0 ? " OF " : ", ") + QuoteIdent(c != nullptr ? c->name : "?");
    }
  }
  if (trigger.type & kTriggerTypeTruncate) event("TRUNCATE");
  out += " ON ";
  const SchemaDef* schema = catalog.SchemaByOid(table.schema_oid);
  const bool visible = table.schema_oid == kPublicNamespaceOid;
  if (schema != nullptr && (!pretty || !visible)) out += QuoteIdent(schema->name) + ".";
  out += QuoteIdent(table.name) + " ";
  if (trigger.constraint) {
    out += trigger.deferrable ? "DEFERRABLE " : "NOT DEFERRABLE ";
    out += trigger.initdeferred ? "INITIALLY DEFERRED " : "INITIALLY IMMEDIATE ";
  }
  if (!trigger.old_table.empty() || !trigger.new_table.empty()) {
    out += "REFERENCING ";
    if (!trigger.old_table.empty()) out += "OLD TABLE AS " + QuoteIdent(trigger.old_table) + " ";
    if (!trigger.new_table.empty()) out += "NEW TABLE AS " + QuoteIdent(trigger.new_table) + " ";
  }
  out += (trigger.type & kTriggerTypeRow) ? "FOR EACH ROW " : "FOR EACH STATEMENT ";
  if (!trigger.when_expr.empty()) {
    out += pretty ? "WHEN (" + trigger.when_expr + ") " : "WHEN ((" + trigger.when_expr + ")) ";
  }
  out += "EXECUTE FUNCTION ";
  const FunctionDef* fn = catalog.FunctionByOid(trigger.function_oid);
  if (fn != nullptr) {
    if (fn->schema_oid != kPublicNamespaceOid) {
      if (const SchemaDef* s = catalog.SchemaByOid(fn->schema_oid))
        out += QuoteIdent(s->name) + ".";
    }
    out += QuoteIdent(fn->name);
  }
  out += "(";
  for (size_t i = 0; i < trigger.args.size(); ++i) {
    out += (i == 0 ? "" : ", ") + QuoteLiteral(trigger.args[i]);
  }
  return out + ")";
}

}  // namespace nano
