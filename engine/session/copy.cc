// engine/session/copy.cc — COPY FROM / COPY TO in PostgreSQL's text and
// CSV formats, from/to the client (STDIN/STDOUT) or a server-side file.
//
// Rows are parsed and inserted as the data streams in (bounded memory: one
// partial line is buffered), through the same TableWriter as INSERT, so
// every constraint applies. After an error the rest of the client's data
// is drained so the protocol stays in step.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <map>

#include "binder/binder.h"
#include "executor/eval.h"
#include "executor/operators.h"
#include "executor/partition.h"
#include "executor/table_store.h"
#include "executor/triggers.h"
#include "session/session_impl.h"
#include "session/settings.h"
#include "types/enum_value.h"
#include "types/text_io.h"

namespace nano {

namespace {

struct CopyOptions {
  bool csv = false;
  bool binary = false;
  char delimiter = '\t';
  std::string null_marker = "\\N";
  bool header = false;
  char quote = '"';
  char escape = '"';
};

Status ParseCopyOptions(const ast::CopyStmt& stmt, CopyOptions* o) {
  bool delimiter_set = false, null_set = false, escape_set = false;
  for (const ast::DefElem& d : stmt.options) {
    std::string name = ToLower(d.name);
    if (name == "format") {
      std::string f = ToLower(d.str);
      if (f == "csv") {
        o->csv = true;
      } else if (f == "binary") {
        o->binary = true;
      } else if (f != "text") {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             "COPY format \"" + d.str + "\" not recognized");
      }
    } else if (name == "csv") {
      o->csv = true;
    } else if (name == "binary") {
      o->binary = true;
    } else if (name == "delimiter") {
      if (d.str.size() != 1) {
        return Status::Error(sqlstate::kFeatureNotSupported,
                             "COPY delimiter must be a single one-byte character");
      }
      o->delimiter = d.str[0];
      delimiter_set = true;
    } else if (name == "null") {
      o->null_marker = d.str;
      null_set = true;
    } else if (name == "header") {
      o->header = d.arg_kind == ast::DefElem::ArgKind::kNone || d.bval || d.ival != 0 ||
                  ToLower(d.str) == "true" || ToLower(d.str) == "on";
    } else if (name == "quote") {
      if (d.str.size() != 1) {
        return Status::Error(sqlstate::kFeatureNotSupported,
                             "COPY quote must be a single one-byte character");
      }
      o->quote = d.str[0];
    } else if (name == "escape") {
      if (d.str.size() != 1) {
        return Status::Error(sqlstate::kFeatureNotSupported,
                             "COPY escape must be a single one-byte character");
      }
      o->escape = d.str[0];
      escape_set = true;
    } else if (name == "freeze" || name == "encoding" || name == "force_quote" ||
               name == "force_not_null" || name == "force_null" || name == "oids") {
      // Accepted; FREEZE and ENCODING have no effect here (UTF-8 only).
    } else {
      return Status::Error(sqlstate::kSyntaxError, "option \"" + d.name + "\" not recognized");
    }
  }
  if (o->csv) {
    if (!delimiter_set) o->delimiter = ',';
    if (!null_set) o->null_marker = "";
    if (!escape_set) o->escape = o->quote;
  }
  if (o->binary) {
    return Status::Error(sqlstate::kFeatureNotSupported, "COPY BINARY is not supported yet");
  }
  return Status::OK();
}

// Splits one text-format line into fields, undoing backslash escapes.
// `nulls[i]` marks fields equal to the NULL marker.
Status SplitTextLine(const std::string& line, const CopyOptions& o,
                     std::vector<std::string>* fields, std::vector<bool>* nulls) {
  fields->clear();
  nulls->clear();
  std::string cur;
  std::string raw;
  auto finish = [&]() {
    nulls->push_back(raw == o.null_marker);
    fields->push_back(std::move(cur));
    cur.clear();
    raw.clear();
  };
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == o.delimiter) {
      finish();
      continue;
    }
    raw.push_back(c);
    if (c != '\\' || i + 1 >= line.size()) {
      cur.push_back(c);
      continue;
    }
    char n = line[++i];
    raw.push_back(n);
    switch (n) {
      case 'b':
        cur.push_back('\b');
        break;
      case 'f':
        cur.push_back('\f');
        break;
      case 'n':
        cur.push_back('\n');
        break;
      case 'r':
        cur.push_back('\r');
        break;
      case 't':
        cur.push_back('\t');
        break;
      case 'v':
        cur.push_back('\v');
        break;
      case 'x': {
        int v = 0, digits = 0;
        while (digits < 2 && i + 1 < line.size() &&
               std::isxdigit(static_cast<unsigned char>(line[i + 1]))) {
          char h = line[++i];
          raw.push_back(h);
          v = v * 16 + (std::isdigit(static_cast<unsigned char>(h)) ? h - '0'
                                                                    : (std::tolower(h) - 'a' + 10));
          ++digits;
        }
        if (digits == 0)
          cur.push_back('x');
        else
          cur.push_back(static_cast<char>(v));
        break;
      }
      default:
        if (n >= '0' && n <= '7') {
          int v = n - '0', digits = 1;
          while (digits < 3 && i + 1 < line.size() && line[i + 1] >= '0' && line[i + 1] <= '7') {
            v = v * 8 + (line[++i] - '0');
            raw.push_back(line[i]);
            ++digits;
          }
          cur.push_back(static_cast<char>(v));
        } else {
          cur.push_back(n);
        }
    }
  }
  finish();
  return Status::OK();
}

// CSV: one record (which may span lines inside quotes) -> fields.
// Returns false in *complete when the record continues on the next line.
void SplitCsvRecord(const std::string& record, const CopyOptions& o,
                    std::vector<std::string>* fields, std::vector<bool>* nulls, bool* complete) {
  fields->clear();
  nulls->clear();
  std::string cur;
  bool quoted_any = false, in_quotes = false;
  for (size_t i = 0; i < record.size(); ++i) {
    char c = record[i];
    if (in_quotes) {
      if (c == o.escape && i + 1 < record.size() && record[i + 1] == o.quote) {
        cur.push_back(o.quote);
        ++i;
      } else if (c == o.quote) {
        in_quotes = false;
      } else {
        cur.push_back(c);
      }
      continue;
    }
    if (c == o.quote) {
      in_quotes = true;
      quoted_any = true;
    } else if (c == o.delimiter) {
      nulls->push_back(!quoted_any && cur == o.null_marker);
      fields->push_back(std::move(cur));
      cur.clear();
      quoted_any = false;
    } else {
      cur.push_back(c);
    }
  }
  *complete = !in_quotes;
  nulls->push_back(!quoted_any && cur == o.null_marker);
  fields->push_back(std::move(cur));
}

void AppendTextField(const std::string& s, const CopyOptions& o, std::string* out) {
  for (char c : s) {
    switch (c) {
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\t':
        out->append(o.delimiter == '\t' ? "\\t" : "\t");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      case '\v':
        out->append("\\v");
        break;
      default:
        if (c == o.delimiter) {
          out->push_back('\\');
        }
        out->push_back(c);
    }
  }
}

void AppendCsvField(const std::string& s, const CopyOptions& o, std::string* out) {
  bool needs = s.empty() || s == o.null_marker || s.find(o.delimiter) != std::string::npos ||
               s.find(o.quote) != std::string::npos || s.find('\n') != std::string::npos ||
               s.find('\r') != std::string::npos || s == "\\.";
  if (!needs) {
    out->append(s);
    return;
  }
  out->push_back(o.quote);
  for (char c : s) {
    if (c == o.quote || c == o.escape) out->push_back(o.escape);
    out->push_back(c);
  }
  out->push_back(o.quote);
}

}  // namespace

Status SessionImpl::RunCopy(const ast::CopyStmt& stmt, ResultSink* sink) {
  CopyOptions opts;
  NANO_RETURN_IF_ERROR(ParseCopyOptions(stmt, &opts));
  if (stmt.is_program) {
    return Status::Error(sqlstate::kInsufficientPrivilege,
                         "COPY to or from an external program is not allowed");
  }
  std::shared_ptr<const Catalog> catalog = CurrentCatalog();
  txn_->BeginStatement();

  if (!stmt.is_from) {
    // COPY TO: a table or a query.
    std::shared_ptr<const BoundStatement> bound;
    std::string text;
    if (stmt.query) {
      NANO_RETURN_IF_ERROR(BindCached(*stmt.query, "", {}, &bound));
    } else {
      // Build "SELECT cols FROM table" through the binder.
      auto select = std::make_unique<ast::SelectStmt>();
      auto ref = std::make_unique<ast::TableRef>();
      ref->kind = ast::TableRefKind::kRelation;
      ref->relation = *stmt.table;
      // COPY t TO reads t alone, never its inheritance children.
      ref->relation.inh = false;
      {
        Binder lookup(catalog, &format_, {});
        const TableDef* t = nullptr;
        if (lookup.LookupRelation(*stmt.table, &t).ok() && t->is_partitioned()) {
          return Status::Error(sqlstate::kWrongObjectType,
                               "cannot copy from partitioned table \"" + t->name + "\"")
              .WithHint("Try the COPY (SELECT ...) TO variant.");
        }
      }
      select->from.push_back(std::move(ref));
      if (stmt.columns.empty()) {
        ast::ResTarget t;
        t.value = std::make_unique<ast::Expr>();
        t.value->kind = ast::ExprKind::kStar;
        select->targets.push_back(std::move(t));
      } else {
        for (const std::string& c : stmt.columns) {
          ast::ResTarget t;
          t.value = std::make_unique<ast::Expr>();
          t.value->kind = ast::ExprKind::kColumnRef;
          t.value->names = {c};
          select->targets.push_back(std::move(t));
        }
      }
      Binder binder(catalog, &format_, {});
      binder.SetSecurity(CurrentRoleContext(), GetSetting("row_security") == "on");
      auto b = std::make_shared<BoundStatement>();
      NANO_RETURN_IF_ERROR(binder.BindStatement(*select, b.get()));
      bound = b;
    }
    NANO_RETURN_IF_ERROR(CheckPrivileges(*bound));
    ExecContext ctx;
    PrepareExecContext(&ctx, nullptr);
    ctx.catalog = bound->catalog;
    std::unique_ptr<Operator> op;
    NANO_RETURN_IF_ERROR(BuildOperator(*bound->plan, &ctx, nullptr, &op));
    NANO_RETURN_IF_ERROR(op->Open());
    std::unique_ptr<std::ofstream> file;
    if (!stmt.filename.empty()) {
      file = std::make_unique<std::ofstream>(stmt.filename, std::ios::binary | std::ios::trunc);
      if (!*file) {
        return Status::Error(sqlstate::kIoError,
                             "could not open file \"" + stmt.filename + "\" for writing");
      }
    } else {
      CopyInfo info;
      info.column_count = static_cast<int>(bound->columns.size());
      NANO_RETURN_IF_ERROR(sink->OnCopyOutStart(info));
    }
    auto emit = [&](const std::string& line) -> Status {
      if (file) {
        file->write(line.data(), static_cast<std::streamsize>(line.size()));
        return *file ? Status::OK()
                     : Status::Error(sqlstate::kIoError, "could not write COPY file");
      }
      return sink->OnCopyData(line);
    };
    std::string line;
    if (opts.header) {
      for (size_t i = 0; i < bound->columns.size(); ++i) {
        if (i) line.push_back(opts.delimiter);
        if (opts.csv)
          AppendCsvField(bound->columns[i].name, opts, &line);
        else
          AppendTextField(bound->columns[i].name, opts, &line);
      }
      line.push_back('\n');
      NANO_RETURN_IF_ERROR(emit(line));
    }
    std::vector<Value> row;
    bool eof = false;
    int64_t n = 0;
    std::string field;
    while (true) {
      NANO_RETURN_IF_ERROR(op->Next(&row, &eof));
      if (eof) break;
      line.clear();
      for (size_t i = 0; i < row.size(); ++i) {
        if (i) line.push_back(opts.delimiter);
        if (row[i].is_null()) {
          line.append(opts.null_marker);
          continue;
        }
        field.clear();
        FormatText(row[i], format_, &field);
        if (opts.csv)
          AppendCsvField(field, opts, &line);
        else
          AppendTextField(field, opts, &line);
      }
      line.push_back('\n');
      NANO_RETURN_IF_ERROR(emit(line));
      ++n;
    }
    if (!file) NANO_RETURN_IF_ERROR(sink->OnCopyOutDone());
    return sink->OnCommandComplete("COPY " + std::to_string(n));
  }

  // COPY FROM.
  if (!stmt.table) return Status::Error(sqlstate::kSyntaxError, "COPY FROM requires a table");
  Binder binder(catalog, &format_, {});
  const TableDef* table = nullptr;
  NANO_RETURN_IF_ERROR(binder.LookupRelation(*stmt.table, &table));
  if (table->kind != RelKind::kTable) {
    return Status::Error(sqlstate::kWrongObjectType,
                         "cannot copy to non-table relation \"" + table->name + "\"");
  }
  {
    // COPY FROM needs INSERT; row-level security cannot check its rows.
    std::shared_ptr<const RoleContext> who = CurrentRoleContext();
    if (!who->superuser) {
      if ((HeldPrivileges(*who, table->owner, kTableAllPrivs, table->acl, 0) & kPrivInsert) == 0) {
        return Status::Error(sqlstate::kInsufficientPrivilege,
                             "permission denied for table " + table->name);
      }
      bool owner_exempt = who->HasEffective(table->owner) && !table->force_row_security;
      if (table->row_security && !who->bypassrls && !owner_exempt) {
        return Status::Error(sqlstate::kFeatureNotSupported,
                             "COPY FROM not supported with row-level security")
            .WithHint("Use INSERT statements instead.");
      }
    }
  }
  std::vector<int> targets;  // physical column indices in input order
  if (stmt.columns.empty()) {
    targets = table->LiveColumns();
  } else {
    for (const std::string& c : stmt.columns) {
      const ColumnDef* col = table->FindColumn(c);
      if (col == nullptr) {
        return Status::Error(sqlstate::kUndefinedColumn, "column \"" + c + "\" of relation \"" +
                                                             table->name + "\" does not exist");
      }
      targets.push_back(table->ColumnIndexByAttnum(col->attnum));
    }
  }
  // Defaults for the columns not listed.
  std::vector<BoundExprPtr> defaults(table->columns.size());
  for (int ci : table->LiveColumns()) {
    if (std::find(targets.begin(), targets.end(), ci) != targets.end()) continue;
    const ColumnDef& c = table->columns[ci];
    if (!c.default_expr.empty()) {
      NANO_RETURN_IF_ERROR(binder.BindTableExpr(*table, c.default_expr, c.type, &defaults[ci]));
    }
  }
  ExecContext ctx;
  PrepareExecContext(&ctx, nullptr);
  ctx.catalog = catalog;
  TableWriter writer(&ctx, table);
  NANO_RETURN_IF_ERROR(writer.Init());
  // A partitioned table routes each row to its leaf partition's writer.
  std::map<Oid, std::unique_ptr<TableWriter>> leaf_writers;
  ExecState st;
  st.ctx = &ctx;
  // INSERT triggers fire for COPY FROM as for INSERT.
  TriggerFirer triggers(&ctx);
  NANO_RETURN_IF_ERROR(triggers.BeforeStatement(*table, kTriggerTypeInsert));

  // Data source: the client or a file.
  std::unique_ptr<std::ifstream> file;
  bool from_client = stmt.filename.empty();
  if (!from_client) {
    file = std::make_unique<std::ifstream>(stmt.filename, std::ios::binary);
    if (!*file) {
      return Status::Error(sqlstate::kIoError, "could not open file \"" + stmt.filename +
                                                   "\" for reading: No such file or directory")
          .WithHint(
              "COPY FROM instructs the server to read a file. You may want a client-side facility "
              "such as psql's \\copy.");
    }
  } else {
    CopyInfo info;
    info.column_count = static_cast<int>(targets.size());
    NANO_RETURN_IF_ERROR(sink->OnCopyInStart(info));
  }
  bool source_done = false;
  auto read_chunk = [&](std::string* chunk) -> Status {
    chunk->clear();
    if (source_done) return Status::OK();
    if (file) {
      char buf[65536];
      file->read(buf, sizeof(buf));
      chunk->assign(buf, static_cast<size_t>(file->gcount()));
      if (file->gcount() == 0) source_done = true;
      return Status::OK();
    }
    bool done = false;
    Status s = sink->ReadCopyData(chunk, &done);
    if (!s.ok() || done) source_done = true;
    return s;
  };

  int64_t line_no = 0, inserted = 0;
  bool skipped_header = !opts.header;
  bool end_marker = false;
  std::vector<std::string> fields;
  std::vector<bool> nulls;
  auto process_record = [&](const std::string& record) -> Status {
    ++line_no;
    if (!skipped_header) {
      skipped_header = true;
      return Status::OK();
    }
    if (record == "\\.") {
      end_marker = true;
      return Status::OK();
    }
    if (opts.csv) {
      bool complete = true;
      SplitCsvRecord(record, opts, &fields, &nulls, &complete);
    } else {
      NANO_RETURN_IF_ERROR(SplitTextLine(record, opts, &fields, &nulls));
    }
    auto context = [&](Status s, const std::string& col) {
      std::string where = "COPY " + table->name + ", line " + std::to_string(line_no);
      if (!col.empty()) where += ", column " + col;
      if (s.error().detail.empty()) return std::move(s).WithDetail(where);
      return s;
    };
    if (fields.size() > targets.size()) {
      return context(
          Status::Error(sqlstate::kBadCopyFileFormat, "extra data after last expected column"), "");
    }
    if (fields.size() < targets.size()) {
      return context(Status::Error(sqlstate::kBadCopyFileFormat,
                                   "missing data for column \"" +
                                       table->columns[targets[fields.size()]].name + "\""),
                     "");
    }
    std::vector<Value> row(table->columns.size());
    for (size_t i = 0; i < table->columns.size(); ++i)
      row[i] = Value::Null(table->columns[i].type.oid);
    for (size_t i = 0; i < targets.size(); ++i) {
      if (nulls[i]) continue;
      const ColumnDef& col = table->columns[targets[i]];
      Status s = IsEnumType(col.type.oid)
                     ? EnumInput(*catalog, col.type.oid, fields[i], &row[targets[i]])
                     : ParseText(fields[i], col.type, format_, &row[targets[i]]);
      if (!s.ok()) return context(std::move(s), col.name + ": \"" + fields[i] + "\"");
    }
    for (size_t ci = 0; ci < defaults.size(); ++ci) {
      if (defaults[ci]) NANO_RETURN_IF_ERROR(EvalExpr(*defaults[ci], row, st, &row[ci]));
    }
    uint64_t rowid = 0;
    if (table->is_partitioned()) {
      const TableDef* leaf = nullptr;
      std::vector<Value> leaf_row;
      NANO_RETURN_IF_ERROR(RouteRow(&ctx, *catalog, *table, row, &leaf, &leaf_row));
      auto& w = leaf_writers[leaf->oid];
      if (w == nullptr) {
        w = std::make_unique<TableWriter>(&ctx, leaf);
        NANO_RETURN_IF_ERROR(w->Init());
      }
      bool skip = false;
      NANO_RETURN_IF_ERROR(
          triggers.BeforeRow(*leaf, kTriggerTypeInsert, nullptr, &leaf_row, &skip));
      if (skip) return Status::OK();
      NANO_RETURN_IF_ERROR(w->Insert(&leaf_row, &rowid));
      NANO_RETURN_IF_ERROR(triggers.AfterRow(*leaf, kTriggerTypeInsert, nullptr, &leaf_row));
      triggers.Capture(*table, kTriggerTypeInsert, *leaf, nullptr, &leaf_row);
      ++inserted;
      return Status::OK();
    }
    bool skip = false;
    NANO_RETURN_IF_ERROR(triggers.BeforeRow(*table, kTriggerTypeInsert, nullptr, &row, &skip));
    if (skip) return Status::OK();
    NANO_RETURN_IF_ERROR(writer.Insert(&row, &rowid));
    NANO_RETURN_IF_ERROR(triggers.AfterRow(*table, kTriggerTypeInsert, nullptr, &row));
    triggers.Capture(*table, kTriggerTypeInsert, *table, nullptr, &row);
    ++inserted;
    return Status::OK();
  };

  std::string buffer, chunk, pending;
  Status status;
  while (!source_done && !end_marker) {
    status = read_chunk(&chunk);
    if (!status.ok()) break;
    buffer.append(chunk);
    size_t start = 0;
    while (!end_marker) {
      size_t nl = buffer.find('\n', start);
      if (nl == std::string::npos) break;
      std::string line = buffer.substr(start, nl - start);
      start = nl + 1;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (opts.csv) {
        pending += pending.empty() ? line : "\n" + line;
        bool complete = true;
        SplitCsvRecord(pending, opts, &fields, &nulls, &complete);
        if (!complete) continue;
        line = std::move(pending);
        pending.clear();
      }
      status = process_record(line);
      if (!status.ok()) break;
      if (cancel_.load()) {
        status = Status::Error(sqlstate::kQueryCanceled, "canceling statement due to user request");
        break;
      }
    }
    buffer.erase(0, start);
    if (!status.ok()) break;
  }
  if (status.ok() && !end_marker && (!buffer.empty() || !pending.empty())) {
    std::string last =
        opts.csv && !pending.empty() ? pending + (buffer.empty() ? "" : "\n" + buffer) : buffer;
    if (!last.empty() && last.back() == '\r') last.pop_back();
    if (!last.empty()) status = process_record(last);
  }
  // Keep the protocol in step: consume what the client still sends.
  while (from_client && !source_done) {
    Status drain = read_chunk(&chunk);
    if (!drain.ok() && status.ok()) status = drain;
  }
  NANO_RETURN_IF_ERROR(status);
  NANO_RETURN_IF_ERROR(triggers.AfterStatement(*table, kTriggerTypeInsert));
  return sink->OnCommandComplete("COPY " + std::to_string(inserted));
}

}  // namespace nano
