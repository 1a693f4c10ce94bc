// engine/tools/dump_format.h — the .heliodump container: file header,
// checksummed (CRC32C) and zstd-compressed sections, end marker. The byte
// layout is specified in docs/dump-format.md; this header is its code.
//
// A dump is a sequence of sections, each self-checking (its own CRC32C) so a
// reader can name the first damaged section and its file offset, plus an end
// section carrying the CRC32C of every byte before it (so dropped or
// reordered sections are caught too). What the sections mean (database,
// schema, relation, rows, ...) is dump.cc's business; this layer only moves
// verified bytes.
//
// Memory: the writer and the reader hold one section at a time (sections
// are capped at kMaxSectionRawBytes), so dumps of any size stream.
// Errors: XX001 (data_corrupted) for anything wrong in the file, with
// "at offset N"; 58030 (io_error) for the file system.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "common/status.h"

namespace nano::dump {

inline constexpr char kMagic[8] = {'H', 'E', 'L', 'I', 'O', 'D', 'M', 'P'};
inline constexpr uint32_t kFormatVersion = 1;
inline constexpr size_t kFileHeaderBytes = 16;
inline constexpr size_t kSectionHeaderBytes = 16;
inline constexpr uint32_t kMaxSectionRawBytes = 64u << 20;

// Section kinds (one byte).
enum class SectionKind : char {
  kHeader = 'H',        // JSON metadata
  kDatabase = 'D',      // JSON: a database begins
  kSchema = 'N',        // JSON: a schema (catalog encoding)
  kRelation = 'T',      // JSON: a table/view/sequence (catalog encoding)
  kSequence = 'Q',      // JSON: a sequence's current value
  kCatalogEntry = 'K',  // binary: a catalog key/value of a kind this build does not model
  kRows = 'R',          // binary: a batch of one table's rows
  kDatabaseEnd = 'F',   // JSON: a database ends (row count)
  kEnd = 'E',           // binary: end marker with the whole-file checksum
};

// CRC32C (Castagnoli), as iSCSI/ext4/RocksDB use. `crc` chains calls.
uint32_t Crc32c(uint32_t crc, const void* data, size_t n);

// Writes a dump to a FILE* (owned by the caller).
class Writer {
 public:
  explicit Writer(FILE* out) : out_(out) {}
  Status WriteFileHeader();
  // Compresses (zstd) and writes one section. `raw` <= kMaxSectionRawBytes.
  Status WriteSection(SectionKind kind, std::string_view raw);
  // Writes the end marker; total_rows is repeated there for a quick check.
  Status WriteEnd(uint64_t total_rows);
  uint64_t bytes_written() const { return offset_; }

 private:
  Status Put(const void* data, size_t n);
  FILE* out_;
  uint64_t offset_ = 0;
  uint64_t sections_ = 0;
  uint32_t file_crc_ = 0;
  std::string buf_;
};

// Reads and verifies a dump section by section.
class Reader {
 public:
  explicit Reader(FILE* in) : in_(in) {}
  // Checks magic and version.
  Status ReadFileHeader();
  // Reads the next section into *kind/*raw (decompressed, checksum
  // verified). At the end marker (also verified, including that nothing
  // follows it) sets *at_end and returns OK.
  Status Next(SectionKind* kind, std::string* raw, bool* at_end);
  uint64_t offset() const { return offset_; }                  // bytes consumed
  uint64_t section_offset() const { return section_offset_; }  // start of the last section
  uint64_t end_total_rows() const { return end_total_rows_; }

 private:
  Status Get(void* data, size_t n, const char* what);
  FILE* in_;
  uint64_t offset_ = 0;
  uint64_t section_offset_ = 0;
  uint64_t sections_ = 0;
  uint32_t file_crc_ = 0;
  uint64_t end_total_rows_ = 0;
  std::string buf_;
};

// "XX001 <what> at offset N" — the one shape of every format error.
Status Corrupt(const std::string& what, uint64_t offset);

// Little-endian helpers for the binary parts.
void PutU32(std::string* out, uint32_t v);
void PutU64(std::string* out, uint64_t v);
uint32_t GetU32(const char* p);
uint64_t GetU64(const char* p);

}  // namespace nano::dump
