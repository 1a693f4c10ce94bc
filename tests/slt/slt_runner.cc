// tests/slt/slt_runner.cc — runs sqllogictest (.slt) files through the
// embedded API (nano::Database), one fresh in-memory database per file.
//
// Supported records (the sqllogictest-rs dialect, shared with the
// differential runner in tests/compat/slt.py, which runs the same files on
// PostgreSQL 15 so every expectation is checked against the real thing):
//   statement ok | statement error [(SQLSTATE) | regex]
//   query <types> [nosort|rowsort|valuesort] [label]  ... ---- expected
//   query error [(SQLSTATE) | regex]
//   skipif <db> / onlyif <db>   (this runner is "nano")
//   connection <name>           (switch to / open a named session)
//   hash-threshold N, halt, # comments
// Values render as sqllogictest does: I integer, R %.3f, T text, NULL,
// (empty). Expected results may be one value per line or one row per line.
//
// Usage: slt_runner FILE...   Exit 0 when every record passes; prints one
// line per failure (file:line, what differed) and a summary line.
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "nano/nano.h"

namespace {

struct Record {
  int line = 0;
  std::string kind;  // "statement", "query"
  bool expect_error = false;
  std::string error_pattern;
  std::string types;
  std::string sort_mode = "nosort";
  std::string sql;
  std::vector<std::string> expected;
};

std::string Trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  size_t b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

std::vector<std::string> Words(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  std::string w;
  while (in >> w) out.push_back(w);
  return out;
}

std::string Render(const nano::Result& r, size_t row, size_t col, char type) {
  if (r.IsNull(row, col)) return "NULL";
  std::string text = r.GetString(row, col);
  if (text.empty()) return "(empty)";
  if (type == 'I') {
    try {
      size_t used = 0;
      long long v = std::stoll(text, &used);
      if (used == text.size()) return std::to_string(v);
      return std::to_string(static_cast<long long>(std::stod(text)));
    } catch (...) {
      return text;
    }
  }
  if (type == 'R') {
    try {
      char buf[64];
      std::snprintf(buf, sizeof(buf), "%.3f", std::stod(text));
      return buf;
    } catch (...) {
      return text;
    }
  }
  return text;
}

bool ErrorMatches(const nano::Error& e, const std::string& pattern) {
  if (pattern.empty()) return true;
  std::smatch m;
  static const std::regex kState("^\\(([0-9A-Z]{5})\\)$");
  if (std::regex_match(pattern, m, kState)) return e.sqlstate() == m[1].str();
  try {
    return std::regex_search(e.message(), std::regex(pattern));
  } catch (const std::regex_error&) {
    return e.message().find(pattern) != std::string::npos;
  }
}

class Runner {
 public:
  explicit Runner(std::string path) : path_(std::move(path)), db_(nano::Database::OpenInMemory()) {}

  // Returns the number of failed records.
  int Run() {
    std::ifstream in(path_);
    if (!in) {
      std::cerr << path_ << ": cannot open\n";
      return 1;
    }
    std::vector<std::string> lines;
    for (std::string l; std::getline(in, l);) lines.push_back(l);
    size_t i = 0;
    bool skip_next = false;
    while (i < lines.size()) {
      std::string t = Trim(lines[i]);
      if (t.empty() || t[0] == '#') {
        ++i;
        continue;
      }
      std::vector<std::string> w = Words(t);
      if (w[0] == "halt") break;
      if (w[0] == "hash-threshold") {
        ++i;
        continue;
      }
      if (w[0] == "skipif" || w[0] == "onlyif") {
        bool mine = w.size() > 1 && (w[1] == "nano" || w[1] == "heliosdb");
        skip_next = (w[0] == "skipif") == mine;
        ++i;
        continue;
      }
      if (w[0] == "connection") {
        current_ = w.size() > 1 ? w[1] : "";
        ++i;
        continue;
      }
      if (w[0] != "statement" && w[0] != "query") {
        Fail(static_cast<int>(i + 1), "unknown record: " + t);
        ++i;
        continue;
      }
      Record rec;
      rec.line = static_cast<int>(i + 1);
      rec.kind = w[0];
      if (w.size() > 1 && w[1] == "error") {
        rec.expect_error = true;
        size_t at = t.find("error") + 5;
        rec.error_pattern = Trim(t.substr(at));
      } else if (rec.kind == "query") {
        rec.types = w.size() > 1 ? w[1] : "";
        if (w.size() > 2) rec.sort_mode = w[2];
      }
      ++i;
      std::string sql;
      while (i < lines.size() && Trim(lines[i]) != "" && Trim(lines[i]) != "----") {
        sql += (sql.empty() ? "" : "\n") + lines[i];
        ++i;
      }
      rec.sql = sql;
      if (i < lines.size() && Trim(lines[i]) == "----") {
        ++i;
        while (i < lines.size() && Trim(lines[i]) != "") rec.expected.push_back(Trim(lines[i++]));
      }
      if (skip_next) {
        skip_next = false;
        continue;
      }
      Execute(rec);
    }
    return failures_;
  }

  int records() const { return records_; }

 private:
  nano::Result Exec(const std::string& sql) {
    if (current_.empty()) return db_.Execute(sql);
    auto it = connections_.find(current_);
    if (it == connections_.end()) it = connections_.emplace(current_, db_.Connect()).first;
    return it->second.Execute(sql);
  }

  void Execute(const Record& rec) {
    ++records_;
    try {
      nano::Result r = Exec(rec.sql);
      if (rec.expect_error) {
        Fail(rec.line, "expected an error, statement succeeded");
        return;
      }
      if (rec.kind == "query") Compare(rec, r);
    } catch (const nano::Error& e) {
      if (!rec.expect_error) {
        Fail(rec.line, std::string("unexpected error ") + e.sqlstate() + ": " + e.message());
      } else if (!ErrorMatches(e, rec.error_pattern)) {
        Fail(rec.line,
             "error " + e.sqlstate() + ": " + e.message() + " does not match " + rec.error_pattern);
      }
    }
  }

  void Compare(const Record& rec, const nano::Result& r) {
    std::vector<std::vector<std::string>> rows;
    for (size_t row = 0; row < r.RowCount(); ++row) {
      std::vector<std::string> out;
      for (size_t col = 0; col < r.ColumnCount(); ++col) {
        char type = col < rec.types.size() ? rec.types[col] : 'T';
        out.push_back(Render(r, row, col, type));
      }
      rows.push_back(std::move(out));
    }
    if (!rec.types.empty() && r.ColumnCount() != rec.types.size()) {
      Fail(rec.line, "expected " + std::to_string(rec.types.size()) + " columns, got " +
                         std::to_string(r.ColumnCount()));
      return;
    }
    if (rec.sort_mode == "rowsort") std::sort(rows.begin(), rows.end());
    std::vector<std::string> values;
    for (const auto& row : rows) values.insert(values.end(), row.begin(), row.end());
    if (rec.sort_mode == "valuesort") std::sort(values.begin(), values.end());
    // Expected lines are trimmed when read; compare trimmed values too (as
    // the differential runner does).
    std::vector<std::string> trimmed;
    for (const std::string& v : values) trimmed.push_back(Trim(v));
    if (trimmed == rec.expected) return;
    std::vector<std::string> as_rows;
    for (const auto& row : rows) {
      std::string line;
      for (size_t c = 0; c < row.size(); ++c) line += (c ? " " : "") + row[c];
      as_rows.push_back(line);
    }
    std::vector<std::string> expected_norm;
    for (const std::string& e : rec.expected) {
      std::vector<std::string> w = Words(e);
      std::string line;
      for (size_t c = 0; c < w.size(); ++c) line += (c ? " " : "") + w[c];
      expected_norm.push_back(line);
    }
    std::vector<std::string> got_norm;
    for (const std::string& g : as_rows) {
      std::vector<std::string> w = Words(g);
      std::string line;
      for (size_t c = 0; c < w.size(); ++c) line += (c ? " " : "") + w[c];
      got_norm.push_back(line);
    }
    if (rec.sort_mode != "valuesort" && got_norm == expected_norm) return;
    std::string got;
    for (const auto& g : as_rows) got += "\n    " + g;
    std::string want;
    for (const auto& e : rec.expected) want += "\n    " + e;
    Fail(rec.line, "result mismatch\n  expected:" + want + "\n  got:" + got);
  }

  void Fail(int line, const std::string& what) {
    ++failures_;
    std::cout << path_ << ":" << line << ": " << what << "\n";
  }

  std::string path_;
  nano::Database db_;
  std::map<std::string, nano::Connection> connections_;
  std::string current_;
  int failures_ = 0;
  int records_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: slt_runner FILE...\n";
    return 2;
  }
  int failed = 0, total = 0;
  for (int i = 1; i < argc; ++i) {
    Runner runner(argv[i]);
    failed += runner.Run();
    total += runner.records();
  }
  std::cout << (total - failed) << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
