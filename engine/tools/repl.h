// engine/tools/repl.h — the interactive SQL shell behind
// `heliosdb-nano repl (--memory | --data-dir DIR)`.
//
// psql-like: prompt "heliosdb> " (continuation "heliosdb-> "), statements
// end with ';' (outside quotes, comments and dollar quotes) and may span
// lines; aligned output with header, separator and "(N rows)" footer;
// errors printed as psql prints them ("ERROR:  ...", LINE/caret, DETAIL,
// HINT). Meta-commands: \q \d [NAME] \dt \di \timing \? . Ctrl-C cancels
// the running statement (57014) and, at the prompt, drops pending input.
//
// With a terminal on stdin, lines come from libedit (editing + history in
// ~/.heliosdb_nano_history); otherwise lines are read from the pipe with no
// prompt, like psql.
//
// Ownership/threading: Repl borrows a Session and two streams; one thread.
#pragma once

#include <iosfwd>
#include <string>

#include "session/engine.h"
#include "session/session.h"

namespace nano::tools {

class Repl {
 public:
  Repl(Session* session, std::ostream& out);

  // Feeds one input line (without its newline). Returns false once the user
  // asked to quit (\q).
  bool FeedLine(const std::string& line);
  // Runs whatever is buffered at end of input (a final statement without ';').
  void Finish();
  // Drops a partially typed statement (Ctrl-C at the prompt).
  void DiscardInput() { buffer_.clear(); }
  // True while a statement is incomplete (continuation prompt).
  bool in_statement() const { return !buffer_.empty(); }

 private:
  void RunSql(const std::string& sql);
  bool RunMeta(const std::string& line);
  void Describe(const std::string& pattern);
  void ListRelations(const std::string& kinds, const std::string& title, bool with_table);
  // Returns the offset just past the first top-level ';' in buffer_, or npos.
  size_t FindStatementEnd() const;

  Session* session_;
  std::ostream& out_;
  std::string buffer_;
  bool timing_ = false;
};

// Runs the shell on stdin/stdout until \q or end of input. Returns the
// process exit code (0, or 1 if the engine could not be opened).
int RunRepl(const EngineOptions& options);

}  // namespace nano::tools
