// engine/tools/repl.cc — see repl.h.
#include "tools/repl.h"

#include <editline/readline.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "types/text_io.h"

namespace nano::tools {
namespace {

constexpr char kPrompt[] = "heliosdb> ";
constexpr char kContinuationPrompt[] = "heliosdb-> ";

// Display width of UTF-8 text (code points; wide glyphs are rare in SQL output).
size_t DisplayWidth(const std::string& s) {
  size_t w = 0;
  for (unsigned char c : s) {
    if ((c & 0xc0) != 0x80) ++w;
  }
  return w;
}

bool RightAligned(TypeOid t) {
  switch (t) {
    case type::kInt2:
    case type::kInt4:
    case type::kInt8:
    case type::kFloat4:
    case type::kFloat8:
    case type::kNumeric:
    case type::kOid:
      return true;
    default:
      return false;
  }
}

struct ResultTable {
  std::vector<ColumnDesc> columns;
  std::vector<std::vector<std::string>> rows;
};

// psql's "aligned" format.
void PrintAligned(const ResultTable& t, const std::string& title, bool footer, std::ostream& out) {
  size_t n = t.columns.size();
  std::vector<size_t> width(n);
  for (size_t i = 0; i < n; ++i) width[i] = DisplayWidth(t.columns[i].name);
  for (const auto& row : t.rows) {
    for (size_t i = 0; i < n; ++i) width[i] = std::max(width[i], DisplayWidth(row[i]));
  }
  size_t total = 0;
  for (size_t i = 0; i < n; ++i) total += width[i] + (i == 0 ? 2 : 3);
  if (!title.empty()) {
    size_t tw = DisplayWidth(title);
    size_t pad = total > tw ? (total - tw) / 2 : 0;
    out << std::string(pad, ' ') << title << "\n";
  }
  std::string line;
  for (size_t i = 0; i < n; ++i) {
    const std::string& name = t.columns[i].name;
    size_t extra = width[i] - DisplayWidth(name);
    line += (i == 0 ? " " : " | ");
    line += std::string(extra / 2, ' ') + name + std::string(extra - extra / 2, ' ');
  }
  out << line << " \n";
  line.clear();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) line += "+";
    line += std::string(width[i] + 2, '-');
  }
  out << line << "\n";
  for (const auto& row : t.rows) {
    line.clear();
    for (size_t i = 0; i < n; ++i) {
      line += (i == 0 ? " " : " | ");
      size_t extra = width[i] - DisplayWidth(row[i]);
      if (RightAligned(t.columns[i].type.oid)) {
        line += std::string(extra, ' ') + row[i];
      } else {
        line += row[i];
        if (i + 1 < n) line += std::string(extra, ' ');
      }
    }
    out << line << "\n";
  }
  if (footer) out << "(" << t.rows.size() << (t.rows.size() == 1 ? " row)" : " rows)") << "\n\n";
}

void PrintError(const ErrorInfo& e, const std::string& sql, std::ostream& out) {
  out << e.severity << ":  " << e.message << "\n";
  if (e.position > 0) {
    // psql: "LINE n: <text of that line>" and a caret under the position.
    size_t chars = 0;
    size_t line_start = 0;
    int line_no = 1;
    size_t byte = 0;
    for (; byte < sql.size() && chars + 1 < static_cast<size_t>(e.position); ++byte) {
      unsigned char c = static_cast<unsigned char>(sql[byte]);
      if ((c & 0xc0) == 0x80) continue;
      ++chars;
      if (c == '\n') {
        ++line_no;
        line_start = byte + 1;
      }
    }
    size_t line_end = sql.find('\n', line_start);
    std::string text = sql.substr(
        line_start, line_end == std::string::npos ? std::string::npos : line_end - line_start);
    std::string prefix = "LINE " + std::to_string(line_no) + ": ";
    out << prefix << text << "\n";
    size_t col = DisplayWidth(sql.substr(line_start, byte - line_start));
    out << std::string(prefix.size() + col, ' ') << "^\n";
  }
  if (!e.detail.empty()) out << "DETAIL:  " << e.detail << "\n";
  if (!e.hint.empty()) out << "HINT:  " << e.hint << "\n";
}

// Collects results and prints them as psql does.
class PrintingSink : public ResultSink {
 public:
  PrintingSink(Session* session, std::ostream& out, std::string title = {})
      : session_(session), out_(out), title_(std::move(title)) {}

  Status OnRowDescription(const std::vector<ColumnDesc>& columns) override {
    table_ = std::make_unique<ResultTable>();
    table_->columns = columns;
    fmt_ = session_->format_context();
    return Status::OK();
  }
  Status OnRow(const Value* values, size_t count) override {
    std::vector<std::string> row(count);
    for (size_t i = 0; i < count; ++i) {
      if (!values[i].is_null()) FormatText(values[i], fmt_, &row[i]);
    }
    table_->rows.push_back(std::move(row));
    return Status::OK();
  }
  Status OnCommandComplete(std::string_view tag) override {
    if (table_) {
      if (keep_) {
        last_rows_ = table_->rows.size();
        last_ = std::move(table_);
        return Status::OK();
      }
      if (table_->rows.empty() && !empty_message_.empty()) {
        out_ << empty_message_ << "\n";
      } else {
        PrintAligned(*table_, title_, footer_, out_);
      }
      last_rows_ = table_->rows.size();
      table_.reset();
    } else {
      out_ << tag << "\n";
    }
    return Status::OK();
  }
  void OnNotice(const ErrorInfo& notice) override {
    out_ << notice.severity << ":  " << notice.message << "\n";
  }
  void set_empty_message(std::string m) { empty_message_ = std::move(m); }
  void set_footer(bool footer) { footer_ = footer; }
  const ResultTable* last_table() const { return last_.get(); }
  void set_keep(bool keep) { keep_ = keep; }
  size_t last_rows() const { return last_rows_; }

 private:
  Session* session_;
  std::ostream& out_;
  std::string title_;
  std::string empty_message_;
  std::unique_ptr<ResultTable> table_;
  std::unique_ptr<ResultTable> last_;
  bool footer_ = true;
  bool keep_ = false;
  FormatContext fmt_;
  size_t last_rows_ = 0;
};

// Doubles single quotes for a SQL string literal.
std::string Literal(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n;");
  return s.substr(b, e - b + 1);
}

}  // namespace

Repl::Repl(Session* session, std::ostream& out) : session_(session), out_(out) {}

size_t Repl::FindStatementEnd() const {
  const std::string& s = buffer_;
  size_t i = 0;
  int paren_depth = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '\'' || c == '"') {
      size_t j = i + 1;
      while (j < s.size()) {
        if (s[j] == c) {
          if (j + 1 < s.size() && s[j + 1] == c) {
            j += 2;  // doubled quote
            continue;
          }
          break;
        }
        ++j;
      }
      if (j >= s.size()) return std::string::npos;  // open quote: need more
      i = j + 1;
    } else if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      size_t nl = s.find('\n', i);
      if (nl == std::string::npos) return std::string::npos;
      i = nl + 1;
    } else if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      int depth = 1;
      size_t j = i + 2;
      while (j < s.size() && depth > 0) {
        if (s.compare(j, 2, "/*") == 0) {
          ++depth;
          j += 2;
        } else if (s.compare(j, 2, "*/") == 0) {
          --depth;
          j += 2;
        } else {
          ++j;
        }
      }
      if (depth > 0) return std::string::npos;
      i = j;
    } else if (c == '$') {
      // Dollar quote $tag$...$tag$ (tag: letters, digits, underscore).
      size_t j = i + 1;
      while (j < s.size() && (std::isalnum(static_cast<unsigned char>(s[j])) || s[j] == '_')) ++j;
      if (j < s.size() && s[j] == '$' &&
          !(j > i + 1 && std::isdigit(static_cast<unsigned char>(s[i + 1])))) {
        std::string tag = s.substr(i, j - i + 1);
        size_t close = s.find(tag, j + 1);
        if (close == std::string::npos) return std::string::npos;
        i = close + tag.size();
      } else {
        i = j;
      }
    } else if (c == '(') {
      ++paren_depth;
      ++i;
    } else if (c == ')') {
      if (paren_depth > 0) --paren_depth;
      ++i;
    } else if (c == ';' && paren_depth == 0) {
      return i + 1;
    } else {
      ++i;
    }
  }
  return std::string::npos;
}

bool Repl::FeedLine(const std::string& raw) {
  std::string line = raw;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (buffer_.empty()) {
    std::string trimmed = Trim(line);
    if (!trimmed.empty() && trimmed[0] == '\\') return RunMeta(trimmed);
    if (trimmed.empty()) return true;
  }
  if (!buffer_.empty()) buffer_ += '\n';
  buffer_ += line;
  // Several statements may sit on one line; run each complete one.
  for (int guard = 0; guard < 10000; ++guard) {
    size_t end = FindStatementEnd();
    if (end == std::string::npos) break;
    std::string sql = buffer_.substr(0, end);
    buffer_.erase(0, end);
    size_t keep = buffer_.find_first_not_of(" \t\r\n");
    buffer_ = keep == std::string::npos ? std::string() : buffer_.substr(keep);
    RunSql(sql);
  }
  return true;
}

void Repl::Finish() {
  if (Trim(buffer_).empty()) return;
  std::string sql = buffer_;
  buffer_.clear();
  RunSql(sql);
}

void Repl::RunSql(const std::string& sql) {
  PrintingSink sink(session_, out_);
  auto start = std::chrono::steady_clock::now();
  Status st = session_->ExecuteSimple(sql, &sink);
  auto elapsed =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start);
  if (!st.ok()) PrintError(st.error(), sql, out_);
  if (timing_) {
    char buf[64];
    std::snprintf(buf, sizeof(buf), "Time: %.3f ms\n", elapsed.count());
    out_ << buf;
  }
  out_.flush();
}

void Repl::ListRelations(const std::string& kinds, const std::string& title, bool with_table) {
  std::string sql =
      "SELECT n.nspname AS \"Schema\", c.relname AS \"Name\", "
      "CASE c.relkind WHEN 'r' THEN 'table' WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' "
      "WHEN 'i' THEN 'index' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table' "
      "WHEN 'p' THEN 'partitioned table' WHEN 'I' THEN 'partitioned index' END AS \"Type\", "
      "pg_catalog.pg_get_userbyid(c.relowner) AS \"Owner\"";
  if (with_table) sql += ", c2.relname AS \"Table\"";
  sql +=
      " FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace";
  if (with_table) {
    sql +=
        " LEFT JOIN pg_catalog.pg_index i ON i.indexrelid = c.oid"
        " LEFT JOIN pg_catalog.pg_class c2 ON i.indrelid = c2.oid";
  }
  sql += " WHERE c.relkind IN (" + kinds +
         ") AND n.nspname <> 'pg_catalog' AND n.nspname <> 'information_schema'"
         " AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1, 2";
  PrintingSink sink(session_, out_, title);
  sink.set_empty_message("Did not find any relations.");
  Status st = session_->ExecuteSimple(sql, &sink);
  if (!st.ok()) {
    out_ << "ERROR:  cannot list relations: " << st.message() << "\n";
  }
}

void Repl::Describe(const std::string& name) {
  std::string rel = Literal(name);
  std::string sql =
      "SELECT a.attname AS \"Column\", pg_catalog.format_type(a.atttypid, a.atttypmod) AS "
      "\"Type\", "
      "'' AS \"Collation\", CASE WHEN a.attnotnull THEN 'not null' ELSE '' END AS \"Nullable\", "
      "COALESCE((SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid) FROM pg_catalog.pg_attrdef d "
      "WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum), '') AS \"Default\" "
      "FROM pg_catalog.pg_attribute a WHERE a.attrelid = " +
      rel + "::pg_catalog.regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum";
  std::string title =
      "Table \"" + (name.find('.') == std::string::npos ? "public." + name : name) + "\"";
  PrintingSink sink(session_, out_, title);
  sink.set_footer(false);
  Status st = session_->ExecuteSimple(sql, &sink);
  if (!st.ok()) {
    // A missing catalog (older builds) is not a missing relation.
    bool catalog_missing = st.message().find("pg_catalog") != std::string_view::npos;
    if (st.sqlstate() == sqlstate::kUndefinedTable && !catalog_missing) {
      out_ << "Did not find any relation named \"" << name << "\".\n";
    } else {
      out_ << "ERROR:  cannot describe \"" << name << "\": " << st.message() << "\n";
    }
    return;
  }
  std::string idx =
      "SELECT c2.relname, CASE WHEN i.indisprimary THEN ' PRIMARY KEY,' WHEN i.indisunique THEN ' "
      "UNIQUE,'"
      " ELSE '' END, pg_catalog.pg_get_indexdef(i.indexrelid) "
      "FROM pg_catalog.pg_class c2, pg_catalog.pg_index i WHERE i.indrelid = " +
      rel +
      "::pg_catalog.regclass AND i.indexrelid = c2.oid ORDER BY i.indisprimary DESC, c2.relname";
  PrintingSink isink(session_, out_);
  isink.set_keep(true);
  // Index listing is best effort: catalogs without pg_index skip it.
  if (!session_->ExecuteSimple(idx, &isink).ok() || isink.last_table() == nullptr ||
      isink.last_table()->rows.empty()) {
    out_ << "\n";
    return;
  }
  out_ << "Indexes:\n";
  for (const auto& row : isink.last_table()->rows) {
    // psql shows "name" PRIMARY KEY, btree (cols): the tail of the index definition.
    const std::string& def = row[2];
    size_t using_at = def.find(" USING ");
    std::string tail = using_at == std::string::npos ? def : def.substr(using_at + 7);
    out_ << "    \"" << row[0] << "\"" << row[1] << " " << tail << "\n";
  }
  out_ << "\n";
}

bool Repl::RunMeta(const std::string& line) {
  size_t sp = line.find_first_of(" \t");
  std::string cmd = line.substr(0, sp);
  std::string arg = sp == std::string::npos ? std::string() : Trim(line.substr(sp));
  if (cmd == "\\q" || cmd == "\\quit") return false;
  if (cmd == "\\?") {
    out_ << "General\n"
            "  \\q                     quit heliosdb-nano repl\n"
            "  \\timing                toggle timing of commands\n"
            "  \\?                     show this help\n"
            "\nInformational\n"
            "  \\d                     list tables, views and sequences\n"
            "  \\d NAME                describe table, view, sequence, or index\n"
            "  \\dt                    list tables\n"
            "  \\di                    list indexes\n"
            "\nSQL statements end with ';' and may span several lines.\n";
  } else if (cmd == "\\timing") {
    if (arg == "on")
      timing_ = true;
    else if (arg == "off")
      timing_ = false;
    else
      timing_ = !timing_;
    out_ << (timing_ ? "Timing is on.\n" : "Timing is off.\n");
  } else if (cmd == "\\d" && !arg.empty()) {
    Describe(arg);
  } else if (cmd == "\\d") {
    ListRelations("'r','p','v','m','S','f'", "List of relations", false);
  } else if (cmd == "\\dt") {
    ListRelations("'r','p'", "List of relations", false);
  } else if (cmd == "\\di") {
    ListRelations("'i','I'", "List of relations", true);
  } else {
    out_ << "invalid command " << cmd << "\nTry \\? for help.\n";
  }
  out_.flush();
  return true;
}

namespace {

// Ctrl-C cancels the running statement (as in psql) instead of killing the
// shell. The handler only writes to a pipe (async-signal-safe); a watcher
// thread turns that into Session::Cancel(), which is thread-safe.
int g_sigint_pipe[2] = {-1, -1};
volatile sig_atomic_t g_sigint_count = 0;

void OnSigint(int) {
  g_sigint_count = g_sigint_count + 1;
  char b = 1;
  ssize_t ignored = ::write(g_sigint_pipe[1], &b, 1);
  (void)ignored;
}

class CancelOnSigint {
 public:
  explicit CancelOnSigint(Session* session) {
    if (::pipe2(g_sigint_pipe, O_CLOEXEC) != 0) return;
    watcher_ = std::thread([session] {
      char b;
      // Ends when the destructor closes the write end (read returns 0).
      while (::read(g_sigint_pipe[0], &b, 1) == 1) session->Cancel();
    });
    struct sigaction sa {};
    sa.sa_handler = OnSigint;
    sigemptyset(&sa.sa_mask);
    sa.sa_flags = SA_RESTART;
    ::sigaction(SIGINT, &sa, &previous_);
    installed_ = true;
  }
  ~CancelOnSigint() {
    if (!installed_) return;
    ::sigaction(SIGINT, &previous_, nullptr);
    ::close(g_sigint_pipe[1]);
    watcher_.join();
    ::close(g_sigint_pipe[0]);
  }

 private:
  bool installed_ = false;
  struct sigaction previous_ {};
  std::thread watcher_;
};

}  // namespace

int RunRepl(const EngineOptions& options) {
  std::unique_ptr<Engine> engine;
  Status st = Engine::Open(options, &engine);
  if (!st.ok()) {
    std::cerr << "could not open database: " << st.message() << "\n";
    return 1;
  }
  std::unique_ptr<Session> session;
  st = engine->NewSession(SessionOptions{}, &session);
  if (!st.ok()) {
    std::cerr << "could not start session: " << st.message() << "\n";
    return 1;
  }
  Repl repl(session.get(), std::cout);
  CancelOnSigint cancel_on_sigint(session.get());
  bool tty = ::isatty(STDIN_FILENO) != 0;
  if (tty) {
    std::cout << "HeliosDB Nano " << EngineVersion() << " ("
              << (options.in_memory ? "memory mode: the database vanishes on exit" : "disk mode")
              << ")\nType \\? for help, \\q to quit.\n\n";
    std::cout.flush();
    std::string history;
    if (const char* home = std::getenv("HOME"))
      history = std::string(home) + "/.heliosdb_nano_history";
    using_history();
    if (!history.empty()) read_history(history.c_str());
    // Bounded by the input: each iteration consumes a line, an EOF or a
    // Ctrl-C (after which libedit may return no line: not an EOF then).
    for (;;) {
      sig_atomic_t interrupts_before = g_sigint_count;
      char* raw = readline(repl.in_statement() ? kContinuationPrompt : kPrompt);
      if (raw == nullptr) {
        std::cout << "\n";
        if (g_sigint_count != interrupts_before) {
          repl.DiscardInput();  // Ctrl-C at the prompt drops the pending input, like psql
          continue;
        }
        break;
      }
      std::string line(raw);
      std::free(raw);
      if (!line.empty()) add_history(line.c_str());
      if (!repl.FeedLine(line)) break;
    }
    if (!history.empty()) write_history(history.c_str());
  } else {
    std::string line;
    bool quit = false;
    while (!quit && std::getline(std::cin, line)) quit = !repl.FeedLine(line);
    if (!quit) repl.Finish();
  }
  std::cout.flush();
  session.reset();
  return 0;
}

}  // namespace nano::tools
