// engine/catalog/trigger_text.h — pg_get_triggerdef's text and pg_trigger's
// rows for the triggers kept in TableDef::triggers.
#pragma once

#include <string>

#include "catalog/catalog.h"
#include "catalog/system_tables.h"

namespace nano {

// PostgreSQL 15's pg_get_triggerdef(oid, pretty): "CREATE TRIGGER t BEFORE
// INSERT OR UPDATE OF a ON public.tab FOR EACH ROW WHEN ((new.a > 0))
// EXECUTE FUNCTION f('x')" (pretty: the table unqualified, WHEN's outer
// parentheses dropped).
std::string TriggerDefinition(const Catalog& catalog, const TableDef& table,
                              const TriggerDef& trigger, bool pretty);

// The trigger with pg_trigger.oid `oid`, and its table; nullptr if none.
const TriggerDef* FindTriggerByOid(const Catalog& catalog, Oid oid, const TableDef** table);

}  // namespace nano
