// Fuzz-ish test: every statement of the PostgreSQL 15 regression corpus
// (<repo>/../shared/corpus/pg_regress/sql, or $NANO_CORPUS_DIR/pg_regress/sql)
// goes through ParseSql. Errors are allowed (psql variables like :'x' are not
// SQL); crashes are not, and every SELECT / INSERT / CREATE TABLE that parses
// must become a real node rather than an UnsupportedStmt.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "parser/parser.h"

namespace nano {
namespace {

namespace fs = std::filesystem;

// $NANO_CORPUS_DIR, else the first "shared/corpus" found beside an ancestor
// of this source file, the test binary or the working directory (the repo
// lives at <root>/main and the corpus at <root>/shared/corpus).
fs::path CorpusDir() {
  if (const char* env = std::getenv("NANO_CORPUS_DIR"); env != nullptr && *env != '\0') {
    return fs::path(env) / "pg_regress" / "sql";
  }
  std::error_code ec;
  std::vector<fs::path> starts = {fs::absolute(__FILE__, ec),
                                  fs::read_symlink("/proc/self/exe", ec), fs::current_path(ec)};
  for (fs::path p : starts) {
    for (int up = 0; up < 12 && !p.empty() && p != p.root_path(); ++up, p = p.parent_path()) {
      fs::path candidate = p / "shared" / "corpus" / "pg_regress" / "sql";
      if (fs::is_directory(candidate, ec)) return candidate;
    }
  }
  return fs::path("shared/corpus/pg_regress/sql");
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Splits a psql script into statements the way psql does, closely enough:
// ';' outside quotes, comments and dollar quotes ends a statement; a
// backslash meta-command ends the current statement and the rest of its
// line is dropped; COPY ... FROM stdin data up to "\." is skipped.
class ScriptSplitter {
 public:
  explicit ScriptSplitter(std::string text) : s_(std::move(text)) {}

  std::vector<std::string> Split() {
    while (i_ < s_.size()) Step();
    Emit();
    return out_;
  }

 private:
  void Step() {
    char c = s_[i_];
    if (c == '-' && Peek(1) == '-') return SkipToEol(/*keep=*/true);
    if (c == '/' && Peek(1) == '*') return SkipBlockComment();
    if (c == '\'') return SkipQuoted('\'', IsEscapeString());
    if (c == '"') return SkipQuoted('"', false);
    if (c == '$' && TrySkipDollarQuote()) return;
    if (c == '\\') {
      Emit();
      return SkipToEol(/*keep=*/false);
    }
    cur_.push_back(c);
    ++i_;
    if (c == ';') Emit();
  }

  char Peek(size_t k) const { return i_ + k < s_.size() ? s_[i_ + k] : '\0'; }

  bool IsEscapeString() const {
    if (cur_.empty()) return false;
    char p = cur_.back();
    if (p != 'e' && p != 'E') return false;
    return cur_.size() < 2 || !(std::isalnum(static_cast<unsigned char>(cur_[cur_.size() - 2])) ||
                                cur_[cur_.size() - 2] == '_');
  }

  void SkipToEol(bool keep) {
    while (i_ < s_.size() && s_[i_] != '\n') {
      if (keep) cur_.push_back(s_[i_]);
      ++i_;
    }
  }

  void SkipBlockComment() {
    int depth = 0;
    while (i_ < s_.size()) {
      if (s_[i_] == '/' && Peek(1) == '*') {
        ++depth;
        cur_ += "/*";
        i_ += 2;
      } else if (s_[i_] == '*' && Peek(1) == '/') {
        --depth;
        cur_ += "*/";
        i_ += 2;
        if (depth == 0) return;
      } else {
        cur_.push_back(s_[i_++]);
      }
    }
  }

  void SkipQuoted(char q, bool backslash_escapes) {
    cur_.push_back(s_[i_++]);
    while (i_ < s_.size()) {
      char c = s_[i_];
      cur_.push_back(c);
      ++i_;
      if (backslash_escapes && c == '\\' && i_ < s_.size()) {
        cur_.push_back(s_[i_++]);
      } else if (c == q) {
        if (i_ < s_.size() && s_[i_] == q) {
          cur_.push_back(s_[i_++]);
        } else {
          return;
        }
      }
    }
  }

  bool TrySkipDollarQuote() {
    size_t j = i_ + 1;
    while (j < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[j])) || s_[j] == '_')) ++j;
    if (j >= s_.size() || s_[j] != '$') return false;
    if (!cur_.empty() &&
        (std::isalnum(static_cast<unsigned char>(cur_.back())) || cur_.back() == '_')) {
      return false;  // part of an identifier or a $n parameter
    }
    std::string tag = s_.substr(i_, j - i_ + 1);
    size_t end = s_.find(tag, j + 1);
    size_t stop = end == std::string::npos ? s_.size() : end + tag.size();
    cur_.append(s_, i_, stop - i_);
    i_ = stop;
    return true;
  }

  void Emit() {
    std::string stmt = cur_;
    cur_.clear();
    bool blank = std::all_of(stmt.begin(), stmt.end(), [](char c) {
      return std::isspace(static_cast<unsigned char>(c)) || c == ';';
    });
    if (blank) return;
    const std::string low = Lower(stmt);
    out_.push_back(std::move(stmt));
    // COPY ... FROM stdin (or the old spelling stdout): data lines follow up to "\.".
    bool copy_in =
        low.find("copy ") != std::string::npos && (low.find("from stdin") != std::string::npos ||
                                                   low.find("from stdout") != std::string::npos);
    if (copy_in) {
      size_t end = s_.find("\n\\.", i_);
      i_ = end == std::string::npos ? s_.size() : end + 3;
    }
  }

  std::string s_;
  size_t i_ = 0;
  std::string cur_;
  std::vector<std::string> out_;
};

// First words of a statement, comments stripped, lower case.
std::string Leading(const std::string& stmt, size_t words) {
  std::istringstream in(stmt);
  std::string line, text;
  while (std::getline(in, line)) {
    size_t dash = line.find("--");
    text += (dash == std::string::npos ? line : line.substr(0, dash)) + " ";
  }
  std::istringstream ws(Lower(text));
  std::string w, out;
  for (size_t i = 0; i < words && ws >> w; ++i) out += (i ? " " : "") + w;
  return out;
}

TEST(ParserCorpusTest, RegressionScriptsParseWithoutCrashing) {
  fs::path dir = CorpusDir();
  ASSERT_TRUE(fs::is_directory(dir)) << "corpus not found at " << dir << " (set NANO_CORPUS_DIR)";
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == ".sql") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  ASSERT_GE(files.size(), 10u);

  size_t total = 0, parsed = 0, checked_core = 0;
  std::map<std::string, size_t> error_states;
  for (const fs::path& file : files) {
    std::ifstream in(file);
    std::stringstream buf;
    buf << in.rdbuf();
    std::vector<std::string> stmts = ScriptSplitter(buf.str()).Split();
    for (const std::string& sql : stmts) {
      ++total;
      std::vector<ast::StatementPtr> out;
      Status st = ParseSql(sql, &out);
      if (!st.ok()) {
        EXPECT_EQ(st.sqlstate().size(), 5u) << sql;
        EXPECT_FALSE(st.message().empty()) << sql;
        ++error_states[std::string(st.sqlstate())];
        continue;
      }
      ++parsed;
      if (out.empty()) continue;  // a comment-only chunk
      std::string head = Leading(sql, 2);
      bool core =
          head.rfind("select", 0) == 0 || head.rfind("insert", 0) == 0 || head == "create table";
      bool partition_or_of = Lower(sql).find("partition of") != std::string::npos;
      if (core && !partition_or_of) {
        ++checked_core;
        for (const auto& s : out) {
          EXPECT_NE(s->kind, ast::StmtKind::kUnsupported) << file.filename() << ": " << sql;
        }
      }
    }
  }
  // The corpus is large; a small share of its statements use psql variables
  // or deliberately bad syntax. Most must parse.
  EXPECT_GT(total, 2000u);
  EXPECT_GT(parsed * 100, total * 90) << parsed << " of " << total << " parsed";
  EXPECT_GT(checked_core, 1000u);
  std::string states;
  for (const auto& [code, n] : error_states) states += code + "=" + std::to_string(n) + " ";
  std::cout << "[corpus] " << files.size() << " files, " << total << " statements, " << parsed
            << " parsed, " << checked_core
            << " SELECT/INSERT/CREATE TABLE checked; errors: " << states << "\n";
}

}  // namespace
}  // namespace nano
