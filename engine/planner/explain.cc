// engine/planner/explain.cc
#include "planner/explain.h"

#include <cstdio>

#include "catalog/system_tables.h"

namespace nano {

namespace {

std::string TableName(const Catalog& catalog, Oid oid) {
  const TableDef* t = catalog.TableByOid(oid);
  if (t == nullptr) t = SystemTableByOid(oid);
  return t ? t->name : "?";
}

std::string JoinName(JoinKind k) {
  switch (k) {
    case JoinKind::kLeft:
      return "Left";
    case JoinKind::kRight:
      return "Right";
    case JoinKind::kFull:
      return "Full";
    case JoinKind::kSemi:
      return "Semi";
    case JoinKind::kAnti:
      return "Anti";
    default:
      return "";
  }
}

std::string NodeLabel(const PlanNode& p, const Catalog& catalog) {
  switch (p.kind) {
    case PlanKind::kResult:
      return "Result";
    case PlanKind::kValues:
      return "Values Scan on \"*VALUES*\"";
    case PlanKind::kSeqScan:
      return "Seq Scan on " + TableName(catalog, p.table_oid);
    case PlanKind::kIndexScan:
      return "Index Scan using " + (p.index ? p.index->name : std::string("?")) + " on " +
             TableName(catalog, p.table_oid);
    case PlanKind::kFilter:
      return "Filter";
    case PlanKind::kProject:
      return "Project";
    case PlanKind::kAggregate:
      if (!p.grouping_sets.empty()) return "MixedAggregate";
      return p.group_by.empty() ? "Aggregate" : "HashAggregate";
    case PlanKind::kSort:
      return "Sort";
    case PlanKind::kLimit:
      return "Limit";
    case PlanKind::kDistinct:
      return "HashAggregate (distinct)";
    case PlanKind::kNestedLoopJoin: {
      std::string j = JoinName(p.join_kind);
      return "Nested Loop" + (j.empty() ? "" : " " + j + " Join");
    }
    case PlanKind::kHashJoin: {
      std::string j = JoinName(p.join_kind);
      return "Hash" + (j.empty() ? "" : " " + j) + " Join";
    }
    case PlanKind::kSetOp:
      return p.set_op == 1 ? (p.set_all ? "Append" : "HashSetOp Union")
                           : (p.set_op == 2 ? "HashSetOp Intersect" : "HashSetOp Except");
    case PlanKind::kFunctionScan:
      return "Function Scan on " + p.function_name;
    case PlanKind::kMaterialize:
      return "Materialize";
    case PlanKind::kZipScan:
      return "ProjectSet";
    case PlanKind::kWithEffects:
      return "Data-modifying WITH";
    case PlanKind::kInsert:
      return "Insert on " + TableName(catalog, p.table_oid);
    case PlanKind::kUpdate:
      return "Update on " + TableName(catalog, p.table_oid);
    case PlanKind::kDelete:
      return "Delete on " + TableName(catalog, p.table_oid);
    case PlanKind::kWindow:
      return "WindowAgg";
    case PlanKind::kCteScan:
      return "CTE Scan";
    case PlanKind::kRecursiveUnion:
      return "Recursive Union";
    case PlanKind::kWorkTableScan:
      return "WorkTable Scan";
  }
  return "?";
}

using Stats = std::map<const void*, ExplainNodeStats>;

std::string Actual(const PlanNode& p, const Stats* stats) {
  if (stats == nullptr) return "";
  auto it = stats->find(&p);
  if (it == stats->end()) return " (never executed)";
  const ExplainNodeStats& s = it->second;
  char buf[128];
  std::snprintf(buf, sizeof(buf), " (actual time=%.3f rows=%lld loops=%lld)",
                static_cast<double>(s.micros) / 1000.0, static_cast<long long>(s.rows),
                static_cast<long long>(s.loops));
  return buf;
}

void Render(const PlanNode& p, const Catalog& catalog, int depth, std::vector<std::string>* out,
            const Stats* stats) {
  std::string indent =
      depth == 0 ? "" : std::string(static_cast<size_t>(depth - 1) * 6 + 2, ' ') + "->  ";
  out->push_back(indent + NodeLabel(p, catalog) + Actual(p, stats));
  std::string detail(static_cast<size_t>(depth) * 6 + 2, ' ');
  if (p.kind == PlanKind::kIndexScan) {
    out->push_back(detail +
                   (p.index_equality ? "Index Cond: equality on " : "Index Cond: range on ") +
                   std::to_string(p.index_equality ? p.lower.values.size() : 1) + " key column(s)");
  }
  if (p.filter && p.kind != PlanKind::kFilter) out->push_back(detail + "Filter: (condition)");
  if (p.kind == PlanKind::kHashJoin) {
    out->push_back(detail + "Hash Cond: " + std::to_string(p.left_keys.size()) + " key(s)");
  }
  if (p.kind == PlanKind::kAggregate && !p.grouping_sets.empty()) {
    out->push_back(detail + "Grouping Sets: " + std::to_string(p.grouping_sets.size()) + " set(s)");
  }
  if (p.kind == PlanKind::kSort) {
    out->push_back(detail + "Sort Key: " + std::to_string(p.sort_keys.size()) + " key(s)");
  }
  if (p.kind == PlanKind::kCteScan && p.shared_plan)
    Render(*p.shared_plan, catalog, depth + 1, out, stats);
  // Filters and projections fold into their child in PostgreSQL's output.
  for (const auto& child : p.children) {
    if (child->kind == PlanKind::kProject || child->kind == PlanKind::kFilter) {
      for (const auto& grandchild : child->children)
        Render(*grandchild, catalog, depth + 1, out, stats);
      continue;
    }
    Render(*child, catalog, depth + 1, out, stats);
  }
}

}  // namespace

std::vector<std::string> ExplainPlan(const PlanNode& plan, const Catalog& catalog,
                                     const Stats* stats) {
  std::vector<std::string> out;
  const PlanNode* root = &plan;
  while ((root->kind == PlanKind::kProject || root->kind == PlanKind::kFilter) &&
         root->children.size() == 1) {
    root = root->children[0].get();
  }
  Render(*root, catalog, 0, &out, stats);
  return out;
}

}  // namespace nano
