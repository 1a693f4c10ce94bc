// engine/tools/dump.h — `.heliodump` snapshots of a whole server: dump,
// verify, load into an engine, restore into a data directory (issue 5;
// format in docs/dump-format.md, container in tools/dump_format.h).
//
// Contracts
//   * A dump holds every database of the engine read at ONE snapshot
//     version: its definition, its catalog (schemas, tables with columns,
//     defaults, identity/serial links, constraints and indexes, views,
//     sequences) exactly as stored (same oids), each sequence's current
//     value, and every table's rows in logical form (codec.h row encoding
//     of the physical columns). Indexes are rebuilt on load from the rows.
//   * Files are written atomically: temporary file, fsync, rename, fsync
//     of the directory. A failed dump leaves no partial file behind.
//   * Every load verifies the whole file first (all section checksums, the
//     whole-file checksum, the structure, that every row decodes); a bad
//     file is an XX001 error naming the problem and its offset, and nothing
//     is written anywhere.
//   * Memory is bounded by one section (~1 MB of rows; one row's encoding
//     must stay under 64 MiB), one restore commit (~2 MB) and one
//     database's catalog; rows stream.
//   * Progress (rows and bytes) is drawn on stderr when it is a terminal.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/status.h"
#include "session/engine.h"

namespace nano::dump {

struct DatabaseSummary {
  std::string name;
  uint64_t objects = 0;  // schemas + relations
  uint64_t rows = 0;
};

struct Summary {
  uint64_t objects = 0;
  uint64_t rows = 0;
  uint64_t bytes = 0;
  std::vector<DatabaseSummary> databases;
};

// Writes every database of `engine` to `path` (atomically). Sessions may be
// running: the dump reads one committed snapshot.
Status DumpEngine(Engine* engine, const std::string& path, Summary* summary = nullptr);

// `heliosdb-nano dump --data-dir DIR --output F`: opens DIR (which must be
// an existing data directory not in use by a server) and dumps it.
Status DumpDataDirectory(const std::string& dir, const std::string& path,
                         Summary* summary = nullptr);

// Reads the whole file and checks everything; writes nothing.
Status VerifyDump(const std::string& path, Summary* summary = nullptr);

// Verifies `path`, then loads it into `engine`, which must hold no user
// objects yet (a freshly opened engine: `start --restore`).
Status LoadDump(Engine* engine, const std::string& path, Summary* summary = nullptr);

// `heliosdb-nano restore --input F --target DIR [--verify] [--force]`:
// builds a disk-mode data directory from a dump, in a sibling temporary
// directory renamed into place at the end. A non-empty target is refused
// (55000) unless `force`, which replaces it. `verify` additionally reopens
// the restored directory and checks every table's row count against the
// dump's header.
Status RestoreToDirectory(const std::string& input, const std::string& target, bool verify,
                          bool force, Summary* summary = nullptr);

// True when `dir` does not exist or is an empty directory.
bool DirectoryMissingOrEmpty(const std::string& dir);

}  // namespace nano::dump
