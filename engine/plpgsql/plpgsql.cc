// engine/plpgsql/plpgsql.cc — the PL/pgSQL interpreter.
//
// PostgreSQL's PL/pgSQL grammar (libpg_query's pg_query_parse_plpgsql)
// turns the CREATE FUNCTION text into a JSON tree: the function's datums
// (variables, by number) and its statements. The interpreter walks that
// tree directly. Every expression ("a + 1", a condition, a query) is bound
// as a SQL statement whose parameters are the variables: first the input
// arguments ($1..$n, by name too), then the other variables by name, and a
// record's fields as "r.field". Bound statements are cached per tree node
// and variable layout for one statement execution (so every row's trigger
// call shares them; re-bound when a variable's type or a record's shape
// changes).
//
// Supported: DECLARE with defaults, :=, IF/ELSIF/ELSE, CASE, LOOP, WHILE,
// FOR i IN [REVERSE] a..b [BY s], FOR r IN query, EXIT/CONTINUE [label]
// [WHEN], RETURN, RETURN NEXT, RETURN QUERY, PERFORM, SQL statements with
// INTO [STRICT], EXECUTE ... [INTO] [USING], GET DIAGNOSTICS ROW_COUNT,
// RAISE (levels, % formatting, USING ERRCODE/MESSAGE/DETAIL/HINT, condition
// names, re-raise), ASSERT, FOUND, and BEGIN ... EXCEPTION WHEN ... THEN
// blocks (the block's writes are rolled back, SQLSTATE/SQLERRM are set).
// Trigger functions (RunPlpgsqlTrigger): NEW / OLD are records over the
// table's columns (fields read and assigned, NEW.* expanded, the whole row
// as a record parameter), TG_* are variables, RETURN gives the row or NULL.
#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <utility>
#include <vector>

#include "binder/binder.h"
#include "common/sqlstate.h"
#include "executor/eval.h"
#include "executor/triggers.h"
#include "parser/parser.h"
#include "pg_query.h"
#include "plpgsql/routine.h"
#include "types/record.h"
#include "types/text_io.h"
#include "types/type_info.h"

namespace nano::routine_internal {

namespace {

using json = nlohmann::json;

// libpg_query's PL/pgSQL parser does not know a function's OUT parameters,
// so it rejects RETURN NEXT without an expression; the text handed to it
// names this marker instead, which RETURN NEXT reads as "the OUT row".
constexpr char kOutRowMarker[] = "nano_out_row__";

constexpr int64_t kMaxLoopIterations = int64_t{1} << 40;  // bounded, far beyond any real loop

// PostgreSQL's condition names (errcodes.txt) the handlers and RAISE use most.
struct Condition {
  const char* name;
  const char* sqlstate;
};
constexpr Condition kConditions[] = {
    {"raise_exception", "P0001"},
    {"no_data_found", "P0002"},
    {"too_many_rows", "P0003"},
    {"assert_failure", "P0004"},
    {"division_by_zero", "22012"},
    {"numeric_value_out_of_range", "22003"},
    {"invalid_text_representation", "22P02"},
    {"string_data_right_truncation", "22001"},
    {"null_value_not_allowed", "22004"},
    {"invalid_parameter_value", "22023"},
    {"datetime_field_overflow", "22008"},
    {"data_exception", "22000"},
    {"unique_violation", "23505"},
    {"not_null_violation", "23502"},
    {"foreign_key_violation", "23503"},
    {"check_violation", "23514"},
    {"exclusion_violation", "23P01"},
    {"integrity_constraint_violation", "23000"},
    {"undefined_table", "42P01"},
    {"undefined_column", "42703"},
    {"undefined_function", "42883"},
    {"duplicate_table", "42P07"},
    {"duplicate_object", "42710"},
    {"syntax_error", "42601"},
    {"feature_not_supported", "0A000"},
    {"invalid_cursor_state", "24000"},
    {"case_not_found", "20000"},
    {"cardinality_violation", "21000"},
    {"serialization_failure", "40001"},
    {"deadlock_detected", "40P01"},
    {"lock_not_available", "55P03"},
    {"object_in_use", "55006"},
    {"query_canceled", "57014"},
    {"internal_error", "XX000"},
    {"insufficient_privilege", "42501"},
    {"wrong_object_type", "42809"},
    {"datatype_mismatch", "42804"},
    {"invalid_datetime_format", "22007"},
    {"character_not_in_repertoire", "22021"},
    {"array_subscript_error", "2202E"},
    {"invalid_escape_sequence", "22025"},
    {"program_limit_exceeded", "54000"},
    {"statement_too_complex", "54001"},
};

const char* SqlstateOfCondition(std::string_view name) {
  for (const Condition& c : kConditions) {
    if (name == c.name) return c.sqlstate;
  }
  return nullptr;
}

bool IsSqlstate(std::string_view s) {
  if (s.size() != 5) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c)) &&
        !std::isupper(static_cast<unsigned char>(c)))
      return false;
  }
  return true;
}

// Does `condname` (a condition name, a SQLSTATE, or "others") catch `code`?
bool ConditionMatches(std::string_view condname, std::string_view code) {
  if (condname == "others") return code != "57014" && code != "P0004";
  if (IsSqlstate(condname)) {
    // A class code (XX000 ending in 000) catches the whole class.
    if (condname.substr(2) == "000") return code.substr(0, 2) == condname.substr(0, 2);
    return condname == code;
  }
  const char* state = SqlstateOfCondition(condname);
  if (state == nullptr) return false;
  std::string_view s(state);
  if (s.substr(2) == "000") return code.substr(0, 2) == s.substr(0, 2);
  return s == code;
}

const json& Node(const json& j, const char* kind) {
  static const json kNull;
  auto it = j.find(kind);
  return it == j.end() ? kNull : *it;
}

std::string StrField(const json& j, const char* key) {
  auto it = j.find(key);
  return it == j.end() || !it->is_string() ? std::string() : it->get<std::string>();
}

const json* ExprOf(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return nullptr;
  auto e = it->find("PLpgSQL_expr");
  return e == it->end() ? nullptr : &*e;
}

// layout_'s field index for a record variable as a whole.
constexpr int kWholeRecord = -2;
// How a rewritten `v.f := expr` reads (RewriteFieldAssignments).
constexpr char kAssignFieldMarker[] = "SELECT __nano_assign_field('";

struct Var {
  std::string name;
  TypeRef type{0, -1};  // oid 0: not known yet (takes the first value's type)
  Value value;
  bool is_record = false;
  bool record_assigned = false;
  bool record_null = false;  // a trigger's OLD in INSERT / NEW in DELETE
  std::vector<std::string> field_names;
  std::vector<TypeRef> field_types;
  std::vector<Value> fields;
  const json* default_expr = nullptr;
  bool not_null = false;
  bool constant = false;
};

// The JSON tree of one function, parsed once per statement execution.
// Bound statements are shared by the calls of one statement execution
// (every row's trigger call, every call of a function in a query) when the
// variables' layout is the same: names and types of the parameters, and
// the transition tables a trigger's statements may read.
struct BoundForLayout {
  std::vector<std::string> names;
  std::vector<TypeRef> types;
  std::string transitions;
  std::shared_ptr<BoundStatement> bound;
};

struct Program {
  json doc;
  std::map<const json*, std::vector<BoundForLayout>> bound;
};

// One bound expression or statement, for one variable layout.
struct Cached {
  uint64_t layout_version = 0;
  std::shared_ptr<BoundStatement> bound;
};

enum class Flow { kNormal, kExit, kContinue, kReturn };

class Interpreter {
 public:
  Interpreter(const FunctionDef& fn, ExecContext* caller, std::vector<std::vector<Value>>* rows,
              Program* program, TriggerInvocation* trigger = nullptr)
      : fn_(fn), caller_(caller), rows_(rows), program_(program), trigger_(trigger) {}

  Status Run(const json& function, const std::vector<Value>& args);

 private:
  // Variables and the parameter layout.
  Status LoadDatums(const json& datums, const std::vector<Value>& args);
  Status ResolveDatumType(const std::string& typname, Var* var);
  void BuildLayout();
  void ParamValues(std::vector<Value>* out) const;
  Status Assign(int varno, const Value& v);
  Status AssignRow(const json& target, const std::vector<ColumnDesc>* columns,
                   const std::vector<Value>* row);
  Status SetRecord(Var* var, const std::vector<ColumnDesc>& columns, const std::vector<Value>* row);

  // Binding and running SQL with the variables as parameters.
  Status Bind(const json* key, const std::string& sql, std::shared_ptr<BoundStatement>* out);
  Status RunSql(const json* key, const std::string& sql, size_t max_rows,
                std::vector<std::vector<Value>>* rows, int64_t* count,
                std::shared_ptr<BoundStatement>* bound = nullptr);
  Status EvalExpr(const json* expr, TypeRef target, Value* out);
  Status EvalCondition(const json* expr, bool* out);

  // Statements.
  Status ExecList(const json& list, Flow* flow);
  Status Exec(const json& stmt, Flow* flow);
  Status ExecBlock(const json& b, Flow* flow);
  Status ExecIf(const json& s, Flow* flow);
  Status ExecCase(const json& s, Flow* flow);
  Status ExecLoopBody(const json& s, Flow* flow, bool* stop);
  Status ExecFori(const json& s, Flow* flow);
  Status ExecFors(const json& s, Flow* flow);
  Status ExecReturn(const json& s, Flow* flow);
  Status ExecReturnNext(const json& s);
  Status ExecSql(const json& s);
  Status ExecDynamic(const json& s);
  Status ExecRaise(const json& s);
  Status ExecAssert(const json& s);
  Status ExecGetDiag(const json& s);

  bool AppendOutRow();
  // Trigger functions: NEW, OLD and the TG_ variables.
  void LoadTriggerData(const json& function);
  void SetRecordRow(int varno, const std::vector<Value>* row);
  Status AssignField(const std::string& target, const Value& v);
  // var.field := value for a variable of a composite type (declared with
  // the type or a parameter of it): a NULL row becomes a row of NULLs first.
  Status AssignCompositeField(const std::string& var, const std::string& field, const Value& v);
  Status TriggerReturn(const json* e);
  int RecordVar(const std::string& name) const;

  const FunctionDef& fn_;
  ExecContext* caller_;
  std::vector<std::vector<Value>>* rows_;
  Program* program_;
  TriggerInvocation* trigger_;
  std::vector<Var> vars_;
  std::vector<int> inputs_;  // varno of each input argument ($n)
  int found_varno_ = -1;
  std::vector<std::pair<int, int>> layout_;  // (varno, field or -1) per parameter
  std::vector<std::string> layout_names_;
  std::vector<TypeRef> layout_types_;
  uint64_t layout_version_ = 1;
  uint64_t built_version_ = 0;
  std::map<const json*, Cached> cache_;
  std::string exit_label_;  // the label an EXIT/CONTINUE names ("" = innermost loop)
  bool have_result_ = false;
  Value result_;
  int64_t row_count_ = 0;
  std::vector<Status> caught_;  // errors being handled (RAISE; re-raises the innermost)
};

// ---------------------------------------------------------------------------
// Variables

Status Interpreter::ResolveDatumType(const std::string& typname, Var* var) {
  std::string t = typname;
  while (!t.empty() && std::isspace(static_cast<unsigned char>(t.back()))) t.pop_back();
  std::string lower = t;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "record") {
    var->is_record = true;
    return Status::OK();
  }
  std::string table = lower;
  const size_t pct = lower.find("%rowtype");
  if (pct != std::string::npos) table = lower.substr(0, pct);
  if (lower.find("%type") != std::string::npos && pct == std::string::npos) {
    return Status::Error(sqlstate::kFeatureNotSupported, "%TYPE is not supported yet");
  }
  if (pct == std::string::npos) {
    std::vector<ast::StatementPtr> stmts;
    Status st = ParseSql("SELECT NULL::" + t, &stmts);
    std::shared_ptr<BoundStatement> bound;
    if (st.ok() && stmts.size() == 1)
      st = BindBodyStatement(*stmts[0], *caller_, {}, {}, "", &bound);
    if (st.ok() && bound->columns.size() == 1) {
      var->type = bound->columns[0].type;
      return Status::OK();
    }
    if (caller_->catalog->FindTable(kPublicNamespaceOid, table) == nullptr) return st;
  }
  // A table's row type.
  const TableDef* rel = caller_->catalog->FindTable(kPublicNamespaceOid, table);
  if (rel == nullptr) {
    return Status::Error(sqlstate::kUndefinedObject, "type \"" + t + "\" does not exist");
  }
  var->is_record = true;
  var->record_assigned = true;
  for (int idx : rel->LiveColumns()) {
    var->field_names.push_back(rel->columns[idx].name);
    var->field_types.push_back(rel->columns[idx].type);
    var->fields.push_back(Value::Null(rel->columns[idx].type.oid));
  }
  return Status::OK();
}

Status Interpreter::LoadDatums(const json& datums, const std::vector<Value>& args) {
  std::vector<const FunctionArg*> inputs = fn_.InputArgs();
  for (const json& d : datums) {
    Var v;
    const json* body = nullptr;
    if (d.contains("PLpgSQL_var")) {
      body = &d["PLpgSQL_var"];
    } else if (d.contains("PLpgSQL_rec")) {
      body = &d["PLpgSQL_rec"];
      v.is_record = true;
    } else {
      // Rows: INTO / FOR targets, read through their fields; a placeholder.
      vars_.push_back(std::move(v));
      vars_.back().name = "";
      continue;
    }
    v.name = StrField(*body, "refname");
    v.constant = body->value("isconst", false);
    v.not_null = body->value("notnull", false);
    std::string typname;
    if (body->contains("datatype")) {
      typname = StrField(Node((*body)["datatype"], "PLpgSQL_type"), "typname");
    }
    v.default_expr = ExprOf(*body, "default_val");
    const FunctionArg* arg = nullptr;
    for (const FunctionArg& a : fn_.args) {
      if (!a.name.empty() && a.name == v.name) arg = &a;
    }
    if (arg != nullptr && (typname.empty() || typname == "UNKNOWN")) {
      v.type = arg->type;
    } else if (v.name == "found" && typname == "UNKNOWN") {
      v.type = TypeRef{type::kBool, -1};
      v.value = Value::Bool(false);
    } else if ((v.name == "sqlstate" || v.name == "sqlerrm") && typname == "UNKNOWN") {
      v.type = TypeRef{type::kText, -1};
    } else if (!v.is_record && !typname.empty() && typname != "UNKNOWN") {
      NANO_RETURN_IF_ERROR(ResolveDatumType(typname, &v));
    }
    if (v.value.type() == type::kUnknown && v.type.oid != 0) v.value = Value::Null(v.type.oid);
    if (v.name == "found" && found_varno_ < 0) found_varno_ = static_cast<int>(vars_.size());
    vars_.push_back(std::move(v));
  }
  // Input arguments: named ones are their datums, unnamed ones hidden variables.
  for (size_t i = 0; i < inputs.size(); ++i) {
    int varno = -1;
    if (!inputs[i]->name.empty()) {
      for (size_t k = 0; k < vars_.size(); ++k) {
        if (vars_[k].name == inputs[i]->name) {
          varno = static_cast<int>(k);
          break;
        }
      }
    }
    if (varno < 0) {
      Var hidden;
      hidden.type = inputs[i]->type;
      varno = static_cast<int>(vars_.size());
      vars_.push_back(std::move(hidden));
    }
    vars_[varno].type = inputs[i]->type;
    vars_[varno].value = i < args.size() ? args[i] : Value::Null(inputs[i]->type.oid);
    inputs_.push_back(varno);
  }
  // OUT parameters start NULL.
  for (const FunctionArg& a : fn_.args) {
    if (a.mode != 'o' && a.mode != 't') continue;
    for (Var& v : vars_) {
      if (v.name == a.name) {
        v.type = a.type;
        v.value = Value::Null(a.type.oid);
      }
    }
  }
  return Status::OK();
}

void Interpreter::BuildLayout() {
  if (built_version_ == layout_version_) return;
  layout_.clear();
  layout_names_.clear();
  layout_types_.clear();
  auto add = [&](int varno, int field, std::string name, TypeRef type) {
    layout_.emplace_back(varno, field);
    layout_names_.push_back(std::move(name));
    layout_types_.push_back(type.oid == 0 ? TypeRef{type::kText, -1} : type);
  };
  for (size_t i = 0; i < inputs_.size(); ++i) {
    const Var& v = vars_[inputs_[i]];
    add(inputs_[i], -1, v.name, v.type);
  }
  for (size_t k = 0; k < vars_.size(); ++k) {
    const Var& v = vars_[k];
    if (v.name.empty()) continue;
    bool is_input = false;
    for (int in : inputs_) is_input |= in == static_cast<int>(k);
    if (is_input) continue;
    if (v.is_record) {
      if (!v.field_names.empty()) {
        // The whole record (RETURN NEW, RAISE ... OLD, SELECT r); before
        // the fields, so "r.x" finds its field's parameter first.
        std::vector<RecordField> shape;
        for (size_t f = 0; f < v.field_names.size(); ++f) {
          shape.push_back(RecordField{v.field_names[f], v.field_types[f]});
        }
        add(static_cast<int>(k), kWholeRecord, v.name,
            TypeRef{type::kRecord, RegisterRecordShape(std::move(shape))});
      }
      for (size_t f = 0; f < v.field_names.size(); ++f) {
        add(static_cast<int>(k), static_cast<int>(f), v.name + "." + v.field_names[f],
            v.field_types[f]);
      }
      continue;
    }
    add(static_cast<int>(k), -1, v.name, v.type);
  }
  built_version_ = layout_version_;
}

void Interpreter::ParamValues(std::vector<Value>* out) const {
  out->clear();
  for (const auto& [varno, field] : layout_) {
    const Var& v = vars_[varno];
    if (field == kWholeRecord) {
      if (!v.record_assigned || v.record_null) {
        out->push_back(Value::Null(type::kRecord));
        continue;
      }
      std::vector<RecordField> shape;
      for (size_t f = 0; f < v.field_names.size(); ++f) {
        shape.push_back(RecordField{v.field_names[f], v.field_types[f]});
      }
      out->push_back(MakeRecord(type::kRecord, v.fields, FieldNamesOf(shape)));
      continue;
    }
    out->push_back(field < 0 ? v.value : v.fields[field]);
  }
}

Status Interpreter::Assign(int varno, const Value& v) {
  if (varno < 0 || static_cast<size_t>(varno) >= vars_.size()) {
    return Status::Error(sqlstate::kInternalError, "PL/pgSQL variable out of range");
  }
  Var& var = vars_[varno];
  if (var.is_record) {
    return Status::Error(sqlstate::kFeatureNotSupported, "assigning a value to record variable \"" +
                                                             var.name + "\" is not supported yet");
  }
  if (var.type.oid == 0) {
    var.type = TypeRef{v.type() == type::kUnknown ? type::kText : v.type(), -1};
    ++layout_version_;
  }
  Value cast;
  NANO_RETURN_IF_ERROR(AssignCast(v, var.type, *caller_, &cast));
  if (cast.is_null() && var.not_null) {
    return Status::Error(
        sqlstate::kNullValueNotAllowed,
        "null value cannot be assigned to variable \"" + var.name + "\" declared NOT NULL");
  }
  var.value = std::move(cast);
  return Status::OK();
}

Status Interpreter::SetRecord(Var* var, const std::vector<ColumnDesc>& columns,
                              const std::vector<Value>* row) {
  bool same = var->record_assigned && var->field_names.size() == columns.size();
  for (size_t i = 0; same && i < columns.size(); ++i) {
    same = var->field_names[i] == columns[i].name && var->field_types[i].oid == columns[i].type.oid;
  }
  var->record_null = false;
  if (!same) {
    var->field_names.clear();
    var->field_types.clear();
    for (const ColumnDesc& c : columns) {
      var->field_names.push_back(c.name);
      var->field_types.push_back(c.type);
    }
    var->record_assigned = true;
    ++layout_version_;
  }
  var->fields.assign(columns.size(), Value());
  for (size_t i = 0; i < columns.size(); ++i) {
    var->fields[i] =
        row != nullptr && i < row->size() ? (*row)[i] : Value::Null(columns[i].type.oid);
  }
  return Status::OK();
}

// INTO / FOR targets: a row of variables, or one record variable.
Status Interpreter::AssignRow(const json& target, const std::vector<ColumnDesc>* columns,
                              const std::vector<Value>* row) {
  const json* fields = nullptr;
  if (target.contains("PLpgSQL_row")) fields = &target["PLpgSQL_row"]["fields"];
  if (fields == nullptr || !fields->is_array()) {
    return Status::Error(sqlstate::kFeatureNotSupported, "this INTO target is not supported yet");
  }
  if (fields->size() == 1) {
    int varno = (*fields)[0].value("varno", 0);
    if (varno >= 0 && static_cast<size_t>(varno) < vars_.size() && vars_[varno].is_record) {
      Var& rec = vars_[varno];
      if (columns == nullptr) {
        return Status::Error(sqlstate::kInternalError, "record target without columns");
      }
      if (rec.record_assigned && !rec.field_names.empty() && rec.constant == false &&
          rec.field_names.size() == columns->size() && row != nullptr) {
        // A %ROWTYPE record keeps its fields: values are assigned by position.
      }
      return SetRecord(&rec, *columns, row);
    }
  }
  for (size_t i = 0; i < fields->size(); ++i) {
    int varno = (*fields)[i].value("varno", 0);
    Value v = row != nullptr && i < row->size() ? (*row)[i] : Value::Null();
    NANO_RETURN_IF_ERROR(Assign(varno, v));
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------
// SQL

Status Interpreter::Bind(const json* key, const std::string& sql,
                         std::shared_ptr<BoundStatement>* out) {
  BuildLayout();
  Cached& c = cache_[key];
  if (c.bound != nullptr && c.layout_version == layout_version_) {
    *out = c.bound;
    return Status::OK();
  }
  std::string transitions;
  if (trigger_ != nullptr && trigger_->trigger != nullptr) {
    transitions = trigger_->trigger->old_table + "/" + trigger_->trigger->new_table;
  }
  auto same_types = [&](const std::vector<TypeRef>& a) {
    if (a.size() != layout_types_.size()) return false;
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].oid != layout_types_[i].oid || a[i].typmod != layout_types_[i].typmod) return false;
    }
    return true;
  };
  std::vector<BoundForLayout>& shared = program_->bound[key];
  for (const BoundForLayout& b : shared) {
    if (b.transitions == transitions && b.names == layout_names_ && same_types(b.types)) {
      c.bound = b.bound;
      c.layout_version = layout_version_;
      *out = c.bound;
      return Status::OK();
    }
  }
  std::vector<ast::StatementPtr> stmts;
  NANO_RETURN_IF_ERROR(ParseSql(sql, &stmts));
  if (stmts.size() != 1) {
    return Status::Error(sqlstate::kSyntaxError, "query \"" + sql + "\" is not a single statement");
  }
  NANO_RETURN_IF_ERROR(BindBodyStatement(*stmts[0], *caller_, layout_names_, layout_types_,
                                         fn_.name, &c.bound, trigger_));
  c.layout_version = layout_version_;
  if (shared.size() < 8) shared.push_back({layout_names_, layout_types_, transitions, c.bound});
  *out = c.bound;
  return Status::OK();
}

Status Interpreter::RunSql(const json* key, const std::string& sql, size_t max_rows,
                           std::vector<std::vector<Value>>* rows, int64_t* count,
                           std::shared_ptr<BoundStatement>* bound_out) {
  std::shared_ptr<BoundStatement> bound;
  NANO_RETURN_IF_ERROR(Bind(key, sql, &bound));
  std::vector<Value> params;
  ParamValues(&params);
  ExecContext child;
  InitChildContext(*caller_, &params, &child);
  child.routine_depth = caller_->routine_depth + 1;
  SetTransitionRows(trigger_, &child);
  NANO_RETURN_IF_ERROR(RunBound(*bound, &child, max_rows, rows, count));
  if (bound_out != nullptr) *bound_out = std::move(bound);
  return Status::OK();
}

Status Interpreter::EvalExpr(const json* expr, TypeRef target, Value* out) {
  if (expr == nullptr) {
    *out = Value::Null(target.oid);
    return Status::OK();
  }
  std::string query = StrField(*expr, "query");
  const std::string sql = "SELECT " + query;
  std::vector<std::vector<Value>> rows;
  int64_t count = 0;
  std::shared_ptr<BoundStatement> bound;
  NANO_RETURN_IF_ERROR(RunSql(expr, sql, 2, &rows, &count, &bound));
  if (bound->columns.size() != 1) {
    return Status::Error(
        sqlstate::kSyntaxError,
        "query \"" + sql + "\" returned " + std::to_string(bound->columns.size()) + " columns");
  }
  if (count > 1) {
    return Status::Error("21000", "query \"" + sql + "\" returned more than one row");
  }
  Value v = rows.empty() ? Value::Null(bound->columns[0].type.oid) : std::move(rows[0][0]);
  if (target.oid == 0) {
    *out = std::move(v);
    return Status::OK();
  }
  return AssignCast(v, target, *caller_, out);
}

Status Interpreter::EvalCondition(const json* expr, bool* out) {
  Value v;
  NANO_RETURN_IF_ERROR(EvalExpr(expr, TypeRef{type::kBool, -1}, &v));
  *out = !v.is_null() && v.bool_value();
  return Status::OK();
}

// ---------------------------------------------------------------------------
// Statements

Status Interpreter::ExecList(const json& list, Flow* flow) {
  *flow = Flow::kNormal;
  if (!list.is_array()) return Status::OK();
  for (const json& stmt : list) {
    NANO_RETURN_IF_ERROR(caller_->CheckCancel());
    NANO_RETURN_IF_ERROR(Exec(stmt, flow));
    if (*flow != Flow::kNormal) return Status::OK();
  }
  return Status::OK();
}

Status Interpreter::Exec(const json& stmt, Flow* flow) {
  *flow = Flow::kNormal;
  if (!stmt.is_object() || stmt.empty()) return Status::OK();
  const std::string kind = stmt.begin().key();
  const json& s = stmt.begin().value();
  if (kind == "PLpgSQL_stmt_block") return ExecBlock(s, flow);
  if (kind == "PLpgSQL_stmt_assign") {
    std::string q = StrField(Node(s, "expr")["PLpgSQL_expr"], "query");
    // PostgreSQL 15 keeps the target in the text: "x := a + 1".
    size_t at = q.find(":=");
    size_t skip = 2;
    if (at == std::string::npos) {
      at = q.find('=');
      skip = 1;
    }
    std::string target = at == std::string::npos ? std::string() : q.substr(0, at);
    if (target.find('[') != std::string::npos) {
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "assigning to an array element is not supported yet");
    }
    const bool to_field = target.find('.') != std::string::npos;
    const int varno = s.value("varno", 0);
    const std::string sql = "SELECT " + (at == std::string::npos ? q : q.substr(at + skip));
    std::vector<std::vector<Value>> rows;
    int64_t count = 0;
    std::shared_ptr<BoundStatement> bound;
    NANO_RETURN_IF_ERROR(RunSql(&s, sql, 2, &rows, &count, &bound));
    if (bound->columns.size() != 1) {
      return Status::Error(
          sqlstate::kSyntaxError,
          "query \"" + sql + "\" returned " + std::to_string(bound->columns.size()) + " columns");
    }
    if (count > 1) {
      return Status::Error("21000", "query \"" + sql + "\" returned more than one row");
    }
    if (to_field) return AssignField(target, rows.empty() ? Value::Null() : rows[0][0]);
    return Assign(varno, rows.empty() ? Value::Null() : rows[0][0]);
  }
  if (kind == "PLpgSQL_stmt_if") return ExecIf(s, flow);
  if (kind == "PLpgSQL_stmt_case") return ExecCase(s, flow);
  if (kind == "PLpgSQL_stmt_loop") {
    for (int64_t n = 0; n < kMaxLoopIterations; ++n) {
      bool stop = false;
      NANO_RETURN_IF_ERROR(ExecLoopBody(s, flow, &stop));
      if (stop) return Status::OK();
    }
    return Status::Error("54000", "loop iteration limit exceeded");
  }
  if (kind == "PLpgSQL_stmt_while") {
    for (int64_t n = 0; n < kMaxLoopIterations; ++n) {
      bool cond = false;
      NANO_RETURN_IF_ERROR(EvalCondition(ExprOf(s, "cond"), &cond));
      if (!cond) return Status::OK();
      bool stop = false;
      NANO_RETURN_IF_ERROR(ExecLoopBody(s, flow, &stop));
      if (stop) return Status::OK();
    }
    return Status::Error("54000", "loop iteration limit exceeded");
  }
  if (kind == "PLpgSQL_stmt_fori") return ExecFori(s, flow);
  if (kind == "PLpgSQL_stmt_fors") return ExecFors(s, flow);
  if (kind == "PLpgSQL_stmt_exit") {
    bool go = true;
    if (const json* cond = ExprOf(s, "cond")) NANO_RETURN_IF_ERROR(EvalCondition(cond, &go));
    if (go) {
      exit_label_ = StrField(s, "label");
      *flow = s.value("is_exit", false) ? Flow::kExit : Flow::kContinue;
    }
    return Status::OK();
  }
  if (kind == "PLpgSQL_stmt_return") return ExecReturn(s, flow);
  if (kind == "PLpgSQL_stmt_return_next") return ExecReturnNext(s);
  if (kind == "PLpgSQL_stmt_return_query") {
    if (!fn_.returns_set) {
      return Status::Error(sqlstate::kSyntaxError,
                           "cannot use RETURN QUERY in a non-SETOF function");
    }
    const json* q = ExprOf(s, "query");
    if (q == nullptr) {
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "RETURN QUERY EXECUTE is not supported yet");
    }
    std::vector<std::vector<Value>> rows;
    int64_t count = 0;
    NANO_RETURN_IF_ERROR(RunSql(q, StrField(*q, "query"), SIZE_MAX, &rows, &count));
    for (std::vector<Value>& r : rows) {
      std::vector<Value> out(r.size());
      for (size_t c = 0; c < r.size(); ++c) {
        TypeRef want = fn_.result_columns.empty()      ? fn_.return_type
                       : c < fn_.result_columns.size() ? fn_.result_columns[c].type
                                                       : TypeRef{0, -1};
        NANO_RETURN_IF_ERROR(AssignCast(r[c], want, *caller_, &out[c]));
      }
      rows_->push_back(std::move(out));
    }
    row_count_ = count;
    if (found_varno_ >= 0) vars_[found_varno_].value = Value::Bool(count > 0);
    return Status::OK();
  }
  if (kind == "PLpgSQL_stmt_perform") {
    const json* e = ExprOf(s, "expr");
    const std::string query = StrField(*e, "query");
    if (query.rfind(kAssignFieldMarker, 0) == 0) {
      // A rewritten `v.f := expr` (RewriteFieldAssignments).
      const size_t name_end = query.find('\'', sizeof(kAssignFieldMarker) - 1);
      const size_t open = query.find('(', name_end);
      const size_t close = query.rfind(')');
      if (name_end == std::string::npos || open == std::string::npos || close <= open) {
        return Status::Error(sqlstate::kInternalError, "bad field assignment");
      }
      const std::string target =
          query.substr(sizeof(kAssignFieldMarker) - 1, name_end - (sizeof(kAssignFieldMarker) - 1));
      std::vector<std::vector<Value>> rows;
      int64_t count = 0;
      std::shared_ptr<BoundStatement> bound;
      NANO_RETURN_IF_ERROR(
          RunSql(&s, "SELECT " + query.substr(open, close - open), 2, &rows, &count, &bound));
      if (count > 1) return Status::Error("21000", "query returned more than one row");
      return AssignField(target, rows.empty() ? Value::Null() : rows[0][0]);
    }
    int64_t count = 0;
    NANO_RETURN_IF_ERROR(RunSql(e, StrField(*e, "query"), 0, nullptr, &count));
    row_count_ = count;
    if (found_varno_ >= 0) vars_[found_varno_].value = Value::Bool(count > 0);
    return Status::OK();
  }
  if (kind == "PLpgSQL_stmt_execsql") return ExecSql(s);
  if (kind == "PLpgSQL_stmt_dynexecute") return ExecDynamic(s);
  if (kind == "PLpgSQL_stmt_raise") return ExecRaise(s);
  if (kind == "PLpgSQL_stmt_assert") return ExecAssert(s);
  if (kind == "PLpgSQL_stmt_getdiag") return ExecGetDiag(s);
  std::string what = kind.substr(kind.rfind('_') + 1);
  for (char& c : what) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return Status::Error(sqlstate::kFeatureNotSupported,
                       "PL/pgSQL statement " + what + " is not supported yet");
}

Status Interpreter::ExecBlock(const json& b, Flow* flow) {
  // Declared variables start at their DEFAULT (or NULL) on block entry.
  if (b.contains("initvarnos")) {
    for (const json& v : b["initvarnos"]) {
      int varno = v.get<int>();
      if (varno < 0 || static_cast<size_t>(varno) >= vars_.size()) continue;
      Var& var = vars_[varno];
      if (var.default_expr != nullptr) {
        Value value;
        NANO_RETURN_IF_ERROR(EvalExpr(var.default_expr, var.type, &value));
        NANO_RETURN_IF_ERROR(Assign(varno, value));
      }
    }
  }
  const std::string label = StrField(b, "label");
  const json* handlers = nullptr;
  if (b.contains("exceptions")) {
    handlers = &Node(b["exceptions"], "PLpgSQL_exception_block")["exc_list"];
  }
  size_t mark = caller_->txn != nullptr ? caller_->txn->Mark() : 0;
  Status st = ExecList(Node(b, "body"), flow);
  if (!st.ok() && handlers != nullptr && handlers->is_array()) {
    const std::string code(st.sqlstate());
    for (const json& h : *handlers) {
      const json& ex = Node(h, "PLpgSQL_exception");
      bool match = false;
      for (const json& c : Node(ex, "conditions")) {
        match |= ConditionMatches(StrField(Node(c, "PLpgSQL_condition"), "condname"), code);
      }
      if (!match) continue;
      // The block's effects are undone, as PostgreSQL's subtransaction.
      if (caller_->txn != nullptr) caller_->txn->RollbackTo(mark);
      for (Var& v : vars_) {
        if (v.name == "sqlstate") v.value = Value::Text(code);
        if (v.name == "sqlerrm") v.value = Value::Text(std::string(st.message()));
      }
      caught_.push_back(st);
      Status handled = ExecList(Node(ex, "action"), flow);
      caught_.pop_back();
      return handled;
    }
  }
  NANO_RETURN_IF_ERROR(st);
  if ((*flow == Flow::kExit) && !label.empty() && exit_label_ == label) {
    *flow = Flow::kNormal;  // EXIT label of this block
    exit_label_.clear();
  }
  return Status::OK();
}

Status Interpreter::ExecIf(const json& s, Flow* flow) {
  bool cond = false;
  NANO_RETURN_IF_ERROR(EvalCondition(ExprOf(s, "cond"), &cond));
  if (cond) return ExecList(Node(s, "then_body"), flow);
  for (const json& e : Node(s, "elsif_list")) {
    const json& elsif = Node(e, "PLpgSQL_if_elsif");
    NANO_RETURN_IF_ERROR(EvalCondition(ExprOf(elsif, "cond"), &cond));
    if (cond) return ExecList(Node(elsif, "stmts"), flow);
  }
  return ExecList(Node(s, "else_body"), flow);
}

Status Interpreter::ExecCase(const json& s, Flow* flow) {
  if (const json* t = ExprOf(s, "t_expr")) {
    Value v;
    NANO_RETURN_IF_ERROR(EvalExpr(t, TypeRef{0, -1}, &v));
    const int varno = s.value("t_varno", 0);
    if (varno >= 0 && static_cast<size_t>(varno) < vars_.size()) {
      Var& var = vars_[varno];
      if (var.type.oid != v.type() && v.type() != type::kUnknown) {
        var.type = TypeRef{v.type(), -1};
        ++layout_version_;
      }
      var.value = v;
    }
  }
  for (const json& w : Node(s, "case_when_list")) {
    const json& when = Node(w, "PLpgSQL_case_when");
    bool hit = false;
    NANO_RETURN_IF_ERROR(EvalCondition(ExprOf(when, "expr"), &hit));
    if (hit) return ExecList(Node(when, "stmts"), flow);
  }
  if (s.value("have_else", false)) return ExecList(Node(s, "else_stmts"), flow);
  return Status::Error("20000", "case not found").WithHint("CASE statement is missing ELSE part.");
}

// One iteration of a loop body; *stop when the loop ends (EXIT, RETURN, or
// an EXIT/CONTINUE naming an outer label, which stays in *flow).
Status Interpreter::ExecLoopBody(const json& s, Flow* flow, bool* stop) {
  *stop = false;
  NANO_RETURN_IF_ERROR(ExecList(Node(s, "body"), flow));
  const std::string label = StrField(s, "label");
  const bool mine = exit_label_.empty() || exit_label_ == label;
  switch (*flow) {
    case Flow::kNormal:
      return Status::OK();
    case Flow::kReturn:
      *stop = true;
      return Status::OK();
    case Flow::kExit:
      *stop = true;
      if (mine) {
        *flow = Flow::kNormal;
        exit_label_.clear();
      }
      return Status::OK();
    case Flow::kContinue:
      if (mine) {
        *flow = Flow::kNormal;
        exit_label_.clear();
      } else {
        *stop = true;
      }
      return Status::OK();
  }
  return Status::OK();
}

Status Interpreter::ExecFori(const json& s, Flow* flow) {
  const json& var = Node(s["var"], "PLpgSQL_var");
  const std::string name = StrField(var, "refname");
  int varno = -1;
  for (size_t k = vars_.size(); k-- > 0;) {
    if (vars_[k].name == name) {
      varno = static_cast<int>(k);
      break;
    }
  }
  if (varno < 0) return Status::Error(sqlstate::kInternalError, "FOR variable not found");
  if (vars_[varno].type.oid == 0) {
    vars_[varno].type = TypeRef{type::kInt4, -1};
    ++layout_version_;
  }
  Value lo, hi, step = Value::Int4(1);
  NANO_RETURN_IF_ERROR(EvalExpr(ExprOf(s, "lower"), TypeRef{type::kInt4, -1}, &lo));
  NANO_RETURN_IF_ERROR(EvalExpr(ExprOf(s, "upper"), TypeRef{type::kInt4, -1}, &hi));
  if (ExprOf(s, "step") != nullptr) {
    NANO_RETURN_IF_ERROR(EvalExpr(ExprOf(s, "step"), TypeRef{type::kInt4, -1}, &step));
  }
  if (lo.is_null()) {
    return Status::Error(sqlstate::kNullValueNotAllowed, "lower bound of FOR loop cannot be null");
  }
  if (hi.is_null()) {
    return Status::Error(sqlstate::kNullValueNotAllowed, "upper bound of FOR loop cannot be null");
  }
  if (step.is_null()) {
    return Status::Error(sqlstate::kNullValueNotAllowed, "BY value of FOR loop cannot be null");
  }
  if (step.int_value() <= 0) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "BY value of FOR loop must be greater than zero");
  }
  const bool reverse = s.value("reverse", false);
  bool any = false;
  for (int64_t i = lo.int_value(); reverse ? i >= hi.int_value() : i <= hi.int_value();
       i += reverse ? -step.int_value() : step.int_value()) {
    any = true;
    vars_[varno].value = Value::Int4(i);
    bool stop = false;
    NANO_RETURN_IF_ERROR(ExecLoopBody(s, flow, &stop));
    if (stop) break;
  }
  if (found_varno_ >= 0) vars_[found_varno_].value = Value::Bool(any);
  return Status::OK();
}

Status Interpreter::ExecFors(const json& s, Flow* flow) {
  const json* q = ExprOf(s, "query");
  std::vector<std::vector<Value>> rows;
  int64_t count = 0;
  std::shared_ptr<BoundStatement> bound;
  NANO_RETURN_IF_ERROR(RunSql(q, StrField(*q, "query"), SIZE_MAX, &rows, &count, &bound));
  const std::vector<ColumnDesc> columns = bound->columns;
  for (const std::vector<Value>& row : rows) {
    NANO_RETURN_IF_ERROR(AssignRow(s["var"], &columns, &row));
    bool stop = false;
    NANO_RETURN_IF_ERROR(ExecLoopBody(s, flow, &stop));
    if (stop) break;
  }
  if (found_varno_ >= 0) vars_[found_varno_].value = Value::Bool(!rows.empty());
  return Status::OK();
}

Status Interpreter::ExecReturn(const json& s, Flow* flow) {
  *flow = Flow::kReturn;
  const json* e = ExprOf(s, "expr");
  if (trigger_ != nullptr) return TriggerReturn(e);
  if (fn_.returns_set) {
    if (e != nullptr) {
      return Status::Error(sqlstate::kSyntaxError,
                           "RETURN cannot have a parameter in function "
                           "returning set");
    }
    return Status::OK();
  }
  if (e == nullptr) return Status::OK();
  NANO_RETURN_IF_ERROR(
      EvalExpr(e, fn_.return_type.oid == type::kVoid ? TypeRef{0, -1} : fn_.return_type, &result_));
  have_result_ = true;
  return Status::OK();
}

// The OUT / TABLE columns' current values as one result row.
bool Interpreter::AppendOutRow() {
  std::vector<Value> row;
  for (const FunctionArg& a : fn_.args) {
    if (a.mode != 'o' && a.mode != 'b' && a.mode != 't') continue;
    Value v = Value::Null(a.type.oid);
    for (const Var& var : vars_) {
      if (var.name == a.name && !a.name.empty()) v = var.value;
    }
    row.push_back(std::move(v));
  }
  if (row.empty()) return false;
  rows_->push_back(std::move(row));
  return true;
}

Status Interpreter::ExecReturnNext(const json& s) {
  if (!fn_.returns_set) {
    return Status::Error(sqlstate::kSyntaxError, "cannot use RETURN NEXT in a non-SETOF function");
  }
  const json* e = ExprOf(s, "expr");
  if (e != nullptr && StrField(*e, "query") == kOutRowMarker) e = nullptr;
  if (e == nullptr) {
    if (!AppendOutRow()) {
      return Status::Error(sqlstate::kSyntaxError,
                           "RETURN NEXT must have a parameter in function returning set");
    }
    return Status::OK();
  }
  if (fn_.result_columns.size() > 1) {
    return Status::Error(sqlstate::kSyntaxError,
                         "RETURN NEXT cannot have a parameter in function with OUT parameters");
  }
  Value v;
  NANO_RETURN_IF_ERROR(EvalExpr(e, fn_.return_type, &v));
  rows_->push_back({std::move(v)});
  return Status::OK();
}

Status Interpreter::ExecSql(const json& s) {
  const json* e = ExprOf(s, "sqlstmt");
  const std::string sql = StrField(*e, "query");
  const bool into = s.value("into", false);
  std::vector<std::vector<Value>> rows;
  int64_t count = 0;
  std::shared_ptr<BoundStatement> bound;
  NANO_RETURN_IF_ERROR(RunSql(e, sql, into ? 2 : 0, &rows, &count, &bound));
  row_count_ = count;
  if (found_varno_ >= 0) vars_[found_varno_].value = Value::Bool(count > 0);
  if (!into) {
    if (bound->kind == BoundKind::kQuery) {
      return Status::Error(sqlstate::kSyntaxError, "query has no destination for result data")
          .WithHint("If you want to discard the results of a SELECT, use PERFORM instead.");
    }
    return Status::OK();
  }
  if (s.value("strict", false)) {
    if (count == 0) return Status::Error(sqlstate::kNoDataFound, "query returned no rows");
    if (count > 1) return Status::Error(sqlstate::kTooManyRows, "query returned more than one row");
  }
  return AssignRow(s["target"], &bound->columns, rows.empty() ? nullptr : &rows[0]);
}

Status Interpreter::ExecDynamic(const json& s) {
  if (s.contains("params")) {
    return Status::Error(sqlstate::kFeatureNotSupported, "EXECUTE ... USING is not supported yet");
  }
  Value text;
  NANO_RETURN_IF_ERROR(EvalExpr(ExprOf(s, "query"), TypeRef{type::kText, -1}, &text));
  if (text.is_null()) {
    return Status::Error(sqlstate::kNullValueNotAllowed,
                         "query string argument of EXECUTE is null");
  }
  std::vector<ast::StatementPtr> stmts;
  NANO_RETURN_IF_ERROR(ParseSql(text.str(), &stmts));
  if (stmts.size() != 1) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "EXECUTE of several statements is not supported yet");
  }
  std::shared_ptr<BoundStatement> bound;
  NANO_RETURN_IF_ERROR(BindBodyStatement(*stmts[0], *caller_, {}, {}, "", &bound));
  ExecContext child;
  InitChildContext(*caller_, nullptr, &child);
  child.routine_depth = caller_->routine_depth + 1;
  std::vector<std::vector<Value>> rows;
  int64_t count = 0;
  const bool into = s.value("into", false);
  NANO_RETURN_IF_ERROR(RunBound(*bound, &child, into ? 2 : 0, &rows, &count));
  row_count_ = count;
  if (!into) return Status::OK();
  if (s.value("strict", false)) {
    if (count == 0) return Status::Error(sqlstate::kNoDataFound, "query returned no rows");
    if (count > 1) return Status::Error(sqlstate::kTooManyRows, "query returned more than one row");
  }
  return AssignRow(s["target"], &bound->columns, rows.empty() ? nullptr : &rows[0]);
}

Status Interpreter::ExecGetDiag(const json& s) {
  for (const json& item : Node(s, "diag_items")) {
    const json& d = Node(item, "PLpgSQL_diag_item");
    const std::string kind = StrField(d, "kind");
    if (kind != "ROW_COUNT") {
      return Status::Error(sqlstate::kFeatureNotSupported,
                           "GET DIAGNOSTICS " + kind + " is not supported yet");
    }
    NANO_RETURN_IF_ERROR(Assign(d.value("target", 0), Value::Int8(row_count_)));
  }
  return Status::OK();
}

// RAISE's message: each % takes the next parameter's text (NULL prints as
// <NULL>), %% is a literal %.
Status FormatRaise(const std::string& format, const std::vector<std::string>& params,
                   std::string* out) {
  size_t next = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%') {
      out->push_back(format[i]);
      continue;
    }
    if (i + 1 < format.size() && format[i + 1] == '%') {
      out->push_back('%');
      ++i;
      continue;
    }
    if (next >= params.size()) {
      return Status::Error(sqlstate::kSyntaxError, "too few parameters specified for RAISE");
    }
    *out += params[next++];
  }
  if (next < params.size()) {
    return Status::Error(sqlstate::kSyntaxError, "too many parameters specified for RAISE");
  }
  return Status::OK();
}

Status Interpreter::ExecRaise(const json& s) {
  const int level = s.value("elog_level", 21);
  const std::string condname = StrField(s, "condname");
  std::string message = StrField(s, "message");
  if (condname.empty() && message.empty() && !s.contains("options")) {
    // RAISE; inside a handler re-throws the error being handled.
    if (caught_.empty()) {
      return Status::Error("0Z002",
                           "RAISE without parameters cannot be used outside an "
                           "exception handler");
    }
    return caught_.back();
  }
  static const FormatContext kDefault;
  const FormatContext& format =
      caller_->eval && caller_->eval->format ? *caller_->eval->format : kDefault;
  std::vector<std::string> params;
  for (const json& p : Node(s, "params")) {
    Value v;
    NANO_RETURN_IF_ERROR(EvalExpr(&Node(p, "PLpgSQL_expr"), TypeRef{0, -1}, &v));
    params.push_back(v.is_null() ? "<NULL>" : ValueToString(v, format));
  }
  std::string text;
  NANO_RETURN_IF_ERROR(FormatRaise(message, params, &text));
  std::string code = level >= 21 ? sqlstate::kRaiseException : "00000";
  if (!condname.empty()) {
    if (IsSqlstate(condname)) {
      code = condname;
    } else if (const char* c = SqlstateOfCondition(condname)) {
      code = c;
    } else {
      return Status::Error(sqlstate::kUndefinedObject,
                           "unrecognized exception condition \"" + condname + "\"");
    }
    if (message.empty()) text = condname;
  }
  std::string detail, hint;
  for (const json& o : Node(s, "options")) {
    const json& opt = Node(o, "PLpgSQL_raise_option");
    Value v;
    NANO_RETURN_IF_ERROR(EvalExpr(ExprOf(opt, "expr"), TypeRef{type::kText, -1}, &v));
    const std::string value = v.is_null() ? std::string() : v.str();
    switch (opt.value("opt_type", -1)) {
      case 0:  // ERRCODE
        if (IsSqlstate(value)) {
          code = value;
        } else if (const char* c = SqlstateOfCondition(value)) {
          code = c;
        } else {
          return Status::Error(sqlstate::kUndefinedObject,
                               "unrecognized exception condition \"" + value + "\"");
        }
        break;
      case 1:  // MESSAGE
        text = value;
        break;
      case 2:
        detail = value;
        break;
      case 3:
        hint = value;
        break;
      default:
        break;
    }
  }
  if (level >= 21) {
    Status st = Status::Error(code, text);
    if (!detail.empty()) st.mutable_error().detail = detail;
    if (!hint.empty()) st.mutable_error().hint = hint;
    return st;
  }
  // client_min_messages = notice: DEBUG and LOG do not reach the client.
  if (level < 17 || caller_->notice == nullptr || !*caller_->notice) return Status::OK();
  ErrorInfo info;
  info.severity = level >= 19 ? "WARNING" : level == 17 ? "INFO" : "NOTICE";
  info.sqlstate = level >= 19 ? "01000" : "00000";
  info.message = text;
  info.detail = detail;
  info.hint = hint;
  (*caller_->notice)(info);
  return Status::OK();
}

Status Interpreter::ExecAssert(const json& s) {
  bool ok = false;
  NANO_RETURN_IF_ERROR(EvalCondition(ExprOf(s, "cond"), &ok));
  if (ok) return Status::OK();
  std::string message = "assertion failed";
  if (const json* m = ExprOf(s, "message")) {
    Value v;
    NANO_RETURN_IF_ERROR(EvalExpr(m, TypeRef{type::kText, -1}, &v));
    if (!v.is_null()) message = v.str();
  }
  return Status::Error("P0004", message);
}

Status Interpreter::Run(const json& function, const std::vector<Value>& args) {
  NANO_RETURN_IF_ERROR(LoadDatums(Node(function, "datums"), args));
  if (trigger_ != nullptr) LoadTriggerData(function);
  // Every declared variable with a DEFAULT starts with it (PostgreSQL
  // evaluates them on entry to their block; the outer block is entered once).
  for (size_t k = 0; k < vars_.size(); ++k) {
    if (vars_[k].default_expr == nullptr) continue;
    Value v;
    NANO_RETURN_IF_ERROR(EvalExpr(vars_[k].default_expr, vars_[k].type, &v));
    NANO_RETURN_IF_ERROR(Assign(static_cast<int>(k), v));
  }
  for (const Var& v : vars_) {
    if (v.not_null && v.value.is_null() && !v.is_record) {
      return Status::Error(sqlstate::kNullValueNotAllowed,
                           "variable \"" + v.name +
                               "\" must have a default value, since it's "
                               "declared NOT NULL");
    }
  }
  Flow flow = Flow::kNormal;
  NANO_RETURN_IF_ERROR(Exec(function["action"], &flow));
  if (trigger_ != nullptr) {
    if (!have_result_) {
      return Status::Error("2F005", "control reached end of trigger procedure without RETURN");
    }
    return Status::OK();
  }
  if (fn_.returns_set) return Status::OK();
  const bool has_out = !fn_.result_columns.empty() ||
                       std::any_of(fn_.args.begin(), fn_.args.end(), [](const FunctionArg& a) {
                         return a.mode == 'o' || a.mode == 'b';
                       });
  if (has_out && !have_result_) {
    if (!AppendOutRow()) rows_->push_back({Value::Null(fn_.return_type.oid)});
    return Status::OK();
  }
  if (!have_result_) {
    if (fn_.return_type.oid == type::kVoid) {
      rows_->push_back({Value::Null(type::kVoid)});
      return Status::OK();
    }
    return Status::Error("2F005", "control reached end of function without RETURN");
  }
  rows_->push_back({result_});
  return Status::OK();
}

// ---------------------------------------------------------------------------
// Trigger functions

int Interpreter::RecordVar(const std::string& name) const {
  for (size_t k = vars_.size(); k-- > 0;) {
    if (vars_[k].is_record && vars_[k].name == name) return static_cast<int>(k);
  }
  return -1;
}

void Interpreter::SetRecordRow(int varno, const std::vector<Value>* row) {
  if (varno < 0 || static_cast<size_t>(varno) >= vars_.size()) return;
  Var& v = vars_[varno];
  v.is_record = true;
  v.record_assigned = true;
  v.record_null = row == nullptr;
  v.field_names = trigger_->column_names;
  v.field_types = trigger_->column_types;
  v.fields.clear();
  for (size_t i = 0; i < v.field_types.size(); ++i) {
    v.fields.push_back(row != nullptr && i < row->size() ? (*row)[i]
                                                         : Value::Null(v.field_types[i].oid));
  }
  ++layout_version_;
}

// NEW / OLD (the datums the PL/pgSQL parser declares for a trigger
// function) and TG_NAME, TG_WHEN, TG_LEVEL, TG_OP, TG_RELID, TG_RELNAME,
// TG_TABLE_NAME, TG_TABLE_SCHEMA, TG_NARGS, TG_ARGV (0-based text[]).
void Interpreter::LoadTriggerData(const json& function) {
  const TriggerInvocation& inv = *trigger_;
  const int new_varno = function.value("new_varno", -1);
  const int old_varno = function.value("old_varno", -1);
  SetRecordRow(new_varno, inv.new_row);
  SetRecordRow(old_varno, inv.old_row);
  auto add = [&](const char* name, Value value) {
    Var v;
    v.name = name;
    v.type = TypeRef{value.type(), -1};
    v.value = std::move(value);
    vars_.push_back(std::move(v));
  };
  const TriggerDef& t = *inv.trigger;
  const char* when = (t.type & kTriggerTypeBefore)    ? "BEFORE"
                     : (t.type & kTriggerTypeInstead) ? "INSTEAD OF"
                                                      : "AFTER";
  std::string schema = "public";
  if (const SchemaDef* sd = caller_->catalog->SchemaByOid(inv.table->schema_oid)) {
    schema = sd->name;
  }
  add("tg_name", Value::String(type::kName, t.name));
  add("tg_when", Value::Text(when));
  add("tg_level", Value::Text(inv.row ? "ROW" : "STATEMENT"));
  add("tg_op", Value::Text(TriggerEventName(inv.event)));
  add("tg_relid", Value::Oid(inv.table->oid));
  add("tg_relname", Value::String(type::kName, inv.table->name));
  add("tg_table_name", Value::String(type::kName, inv.table->name));
  add("tg_table_schema", Value::String(type::kName, schema));
  add("tg_nargs", Value::Int4(static_cast<int64_t>(t.args.size())));
  auto argv = std::make_shared<ArrayData>();
  if (!t.args.empty()) {
    argv->dims.push_back(static_cast<int32_t>(t.args.size()));
    argv->lower_bounds.push_back(0);
    for (const std::string& a : t.args) argv->elements.push_back(Value::Text(a));
  }
  add("tg_argv", Value::Array(type::kTextArray, std::move(argv)));
  ++layout_version_;
}

Status Interpreter::AssignCompositeField(const std::string& name, const std::string& field,
                                         const Value& v) {
  int varno = -1;
  for (size_t k = vars_.size(); k-- > 0;) {
    if (!vars_[k].is_record && vars_[k].name == name) {
      varno = static_cast<int>(k);
      break;
    }
  }
  if (varno < 0) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "assigning to \"" + name + "." + field + "\" is not supported yet");
  }
  Var& var = vars_[varno];
  std::vector<RecordField> fields;
  if (const RecordShape* shape =
          var.type.oid == type::kRecord ? FindRecordShape(var.type.typmod) : nullptr) {
    fields = shape->fields;
  } else if (const TypeDef* t = caller_->catalog->TypeByOid(var.type.oid);
             t != nullptr && t->kind == TypeKind::kComposite) {
    fields = t->attributes;
  } else {
    return Status::Error(sqlstate::kDatatypeMismatch,
                         "variable \"" + name + "\" is not of a composite type");
  }
  ValueVector elements;
  if (!var.value.is_null() && var.value.is_record()) elements = var.value.array().elements;
  elements.resize(fields.size());
  for (size_t f = 0; f < fields.size(); ++f) {
    if (elements[f].type() == type::kUnknown) elements[f] = Value::Null(fields[f].type.oid);
  }
  for (size_t f = 0; f < fields.size(); ++f) {
    if (fields[f].name != field) continue;
    NANO_RETURN_IF_ERROR(AssignCast(v, fields[f].type, *caller_, &elements[f]));
    var.value = MakeRecord(var.type.oid, std::move(elements), FieldNamesOf(fields));
    return Status::OK();
  }
  return Status::Error(sqlstate::kUndefinedColumn,
                       "record \"" + name + "\" has no field \"" + field + "\"");
}

// rec.field := value (NEW.x := ... in a trigger).
Status Interpreter::AssignField(const std::string& target, const Value& v) {
  auto fold = [](std::string part) {
    while (!part.empty() && std::isspace(static_cast<unsigned char>(part.back()))) part.pop_back();
    size_t b = 0;
    while (b < part.size() && std::isspace(static_cast<unsigned char>(part[b]))) ++b;
    part = part.substr(b);
    if (part.size() >= 2 && part.front() == '"' && part.back() == '"') {
      return part.substr(1, part.size() - 2);
    }
    for (char& c : part) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return part;
  };
  const size_t dot = target.find('.');
  const std::string rec = fold(target.substr(0, dot));
  const std::string field = fold(target.substr(dot + 1));
  const int varno = RecordVar(rec);
  if (varno < 0) return AssignCompositeField(rec, field, v);
  Var& var = vars_[varno];
  if (!var.record_assigned || var.record_null) {
    return Status::Error("55000", "record \"" + rec + "\" is not assigned yet")
        .WithDetail("The tuple structure of a not-yet-assigned record is indeterminate.");
  }
  for (size_t f = 0; f < var.field_names.size(); ++f) {
    if (var.field_names[f] != field) continue;
    return AssignCast(v, var.field_types[f], *caller_, &var.fields[f]);
  }
  return Status::Error(sqlstate::kUndefinedColumn,
                       "record \"" + rec + "\" has no field \"" + field + "\"");
}

// RETURN in a trigger function: NULL, or a row for the table.
Status Interpreter::TriggerReturn(const json* e) {
  // A RETURN without an expression is the parser's implicit one at the end
  // of the body (PL/pgSQL requires an expression in a trigger function).
  if (e == nullptr) {
    return Status::Error("2F005", "control reached end of trigger procedure without RETURN");
  }
  have_result_ = true;
  trigger_->returned_null = true;
  trigger_->result.clear();
  std::string q = StrField(*e, "query");
  std::string name;
  for (char c : q) {
    if (!std::isspace(static_cast<unsigned char>(c))) {
      name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
  }
  std::vector<Value> fields;
  const int varno = RecordVar(name);
  if (varno >= 0 && vars_[varno].record_assigned) {
    if (vars_[varno].record_null) return Status::OK();
    fields = vars_[varno].fields;
  } else {
    Value v;
    NANO_RETURN_IF_ERROR(EvalExpr(e, TypeRef{0, -1}, &v));
    if (v.is_null()) return Status::OK();
    if (!v.is_record()) {
      return Status::Error(sqlstate::kDatatypeMismatch,
                           "cannot return non-composite value from function returning composite "
                           "type");
    }
    fields = v.array().elements;
  }
  if (fields.size() != trigger_->column_types.size()) {
    return Status::Error(sqlstate::kDatatypeMismatch,
                         "returned row structure does not match the structure of the triggering "
                         "table")
        .WithDetail("Number of returned columns (" + std::to_string(fields.size()) +
                    ") does not match expected column count (" +
                    std::to_string(trigger_->column_types.size()) + ").");
  }
  trigger_->result.resize(fields.size());
  for (size_t i = 0; i < fields.size(); ++i) {
    NANO_RETURN_IF_ERROR(
        AssignCast(fields[i], trigger_->column_types[i], *caller_, &trigger_->result[i]));
  }
  trigger_->returned_null = false;
  return Status::OK();
}

// `v.f := expr;` becomes `PERFORM __nano_assign_field('v.f', (expr));`:
// libpg_query's PL/pgSQL grammar cannot look types up, so it refuses a field
// of any variable but a trigger's NEW/OLD as an assignment target; the
// interpreter recognises the marker and assigns the field (Exec, perform).
std::string RewriteFieldAssignments(const std::string& source) {
  static const std::regex kTarget(R"(([A-Za-z_][A-Za-z0-9_$]*)\.([A-Za-z_][A-Za-z0-9_$]*)\s*:=)");
  std::string out;
  size_t pos = 0;
  std::smatch m;
  auto begin = source.cbegin();
  while (std::regex_search(begin + static_cast<long>(pos), source.cend(), m, kTarget)) {
    const size_t at = pos + static_cast<size_t>(m.position(0));
    const size_t expr = at + static_cast<size_t>(m.length(0));
    // The statement ends at the next `;` outside quotes and parentheses.
    size_t end = expr;
    int depth = 0;
    bool quoted = false;
    for (; end < source.size(); ++end) {
      const char c = source[end];
      if (c == '\'') quoted = !quoted;
      if (quoted) continue;
      if (c == '(') ++depth;
      if (c == ')') --depth;
      if (c == ';' && depth == 0) break;
    }
    if (end >= source.size()) break;
    out += source.substr(pos, at - pos);
    out += "PERFORM __nano_assign_field('" + m[1].str() + "." + m[2].str() + "', (" +
           source.substr(expr, end - expr) + "))";
    pos = end;
  }
  return out + source.substr(pos);
}

// Parses the function with PostgreSQL's PL/pgSQL grammar.
Status ParseProgram(const FunctionDef& fn, json* out) {
  if (fn.source.empty()) {
    return Status::Error(sqlstate::kInternalError, "function " + fn.name + " has no source text");
  }
  static const std::regex kBareReturnNext(R"(\bRETURN\s+NEXT\s*;)", std::regex::icase);
  // RETURN NEXT variable: its JSON form drops the variable (retvarno), so
  // it is handed over as an expression.
  static const std::regex kReturnNextVar(R"(\b(RETURN\s+NEXT)\s+([A-Za-z_][A-Za-z0-9_$]*)\s*;)",
                                         std::regex::icase);
  std::string source = RewriteFieldAssignments(fn.source);
  source = std::regex_replace(source, kReturnNextVar, "$1 ($2);");
  source = std::regex_replace(source, kBareReturnNext,
                              std::string("RETURN NEXT ") + kOutRowMarker + ";");
  PgQueryPlpgsqlParseResult r = pg_query_parse_plpgsql(source.c_str());
  Status st;
  if (r.error != nullptr) {
    std::string message = r.error->message != nullptr ? r.error->message : "syntax error";
    st = Status::Error(sqlstate::kSyntaxError, message);
  } else {
    json doc = json::parse(r.plpgsql_funcs != nullptr ? r.plpgsql_funcs : "", nullptr, false);
    if (doc.is_discarded() || !doc.is_array() || doc.empty()) {
      st = Status::Error(sqlstate::kSyntaxError, "could not parse the PL/pgSQL body");
    } else {
      *out = std::move(doc[0]["PLpgSQL_function"]);
    }
  }
  pg_query_free_plpgsql_parse_result(r);
  return st;
}

}  // namespace

Status RunPlpgsql(const FunctionDef& fn, const std::vector<Value>& args, ExecContext* caller,
                  std::vector<std::vector<Value>>* rows) {
  std::shared_ptr<void>& slot = caller->routine_cache[&fn];
  if (slot == nullptr) {
    auto program = std::make_shared<Program>();
    NANO_RETURN_IF_ERROR(ParseProgram(fn, &program->doc));
    slot = program;
  }
  Program& program = *static_cast<Program*>(slot.get());
  Interpreter interp(fn, caller, rows, &program);
  return interp.Run(program.doc, args);
}

Status RunPlpgsqlTrigger(const FunctionDef& fn, TriggerInvocation* inv, ExecContext* caller) {
  std::shared_ptr<void>& slot = caller->routine_cache[&fn];
  if (slot == nullptr) {
    auto program = std::make_shared<Program>();
    NANO_RETURN_IF_ERROR(ParseProgram(fn, &program->doc));
    slot = program;
  }
  Program& program = *static_cast<Program*>(slot.get());
  std::vector<std::vector<Value>> rows;
  Interpreter interp(fn, caller, &rows, &program, inv);
  return interp.Run(program.doc, {});
}

Status CheckPlpgsql(const FunctionDef& fn) {
  json doc;
  return ParseProgram(fn, &doc);
}

}  // namespace nano::routine_internal
