// engine/tools/dump.cc — see dump.h. Section meanings are specified in
// docs/dump-format.md.
#include "tools/dump.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>

#include "catalog/catalog_store.h"
#include "executor/table_store.h"
#include "session/engine_impl.h"
#include "storage/codec.h"
#include "tools/dump_format.h"

namespace nano::dump {
namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

constexpr size_t kRowBatchBytes = 1u << 20;  // one R section's raw size target
constexpr size_t kCommitBytes = 2u << 20;    // one restore commit's size target
constexpr char kHeapRowTag = 'R';            // table_store.cc's heap value tag

Status IoError(const std::string& what) {
  return Status::Error(sqlstate::kIoError, what + ": " + std::strerror(errno));
}

// ---- progress bar (stderr, terminals only) ----

class Progress {
 public:
  Progress(const char* verb, uint64_t total_rows)
      : verb_(verb), total_(total_rows), enabled_(::isatty(STDERR_FILENO) == 1) {}
  ~Progress() { Done(); }
  void Update(uint64_t rows_delta, uint64_t bytes) {
    rows_ += rows_delta;
    bytes_ = bytes;
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    Draw();
  }
  void Done() {
    if (!enabled_ || done_) return;
    done_ = true;
    Draw();
    std::fputc('\n', stderr);
  }

 private:
  void Draw() {
    constexpr int kWidth = 30;
    double frac =
        total_ == 0 ? 1.0 : std::min(1.0, static_cast<double>(rows_) / static_cast<double>(total_));
    int fill = static_cast<int>(frac * kWidth);
    std::string bar(static_cast<size_t>(fill), '#');
    bar.append(static_cast<size_t>(kWidth - fill), '.');
    std::fprintf(stderr, "\r%s [%s] %3d%%  %llu/%llu rows  %.1f MB", verb_, bar.c_str(),
                 static_cast<int>(frac * 100), static_cast<unsigned long long>(rows_),
                 static_cast<unsigned long long>(total_), static_cast<double>(bytes_) / (1 << 20));
    std::fflush(stderr);
  }
  const char* verb_;
  uint64_t total_;
  bool enabled_;
  bool done_ = false;
  uint64_t rows_ = 0;
  uint64_t bytes_ = 0;
  std::chrono::steady_clock::time_point last_{};
};

// ---- dumping ----

std::string UpperBound(std::string prefix) {
  prefix.back() = static_cast<char>(prefix.back() + 1);  // prefixes end in a tag letter
  return prefix;
}

BranchChain SnapshotChain(EngineImpl* impl, const DatabaseDef& def, Version snapshot) {
  BranchChain chain = impl->ChainOf(def);
  for (BranchView& v : chain) v.max_version = std::min(v.max_version, snapshot);
  return chain;
}

// Catalog entries other than meta/schemas/relations (object kinds added to
// the catalog key space later: functions, triggers, policies, ...) travel
// verbatim in 'K' sections, so a dump never silently drops them.
template <typename Fn>
Status ForEachOtherCatalogEntry(const VersionedStore& store, const BranchChain& chain, Fn fn) {
  std::string prefix = CatalogPrefix();
  const size_t tag = prefix.size();
  const char modelled[] = {CatalogMetaKey()[tag], CatalogSchemaKey(0)[tag],
                           CatalogTableKey(0)[tag]};
  auto it = store.NewIterator(chain, prefix, UpperBound(prefix));
  for (it->Seek(prefix); it->Valid(); it->Next()) {
    std::string_view key = it->key();
    if (key.size() <= tag ||
        std::find(std::begin(modelled), std::end(modelled), key[tag]) != std::end(modelled)) {
      continue;
    }
    NANO_RETURN_IF_ERROR(fn(key, it->value()));
  }
  return it->status();
}

struct DatabasePlan {
  DatabaseDef def;
  BranchChain chain;
  Catalog catalog;
  std::map<Oid, uint64_t> table_rows;
  uint64_t rows = 0;
  uint64_t objects = 0;
};

Status CountRows(const VersionedStore& store, const BranchChain& chain, Oid table, uint64_t* n) {
  std::string prefix = HeapPrefix(table);
  auto it = store.NewIterator(chain, prefix, UpperBound(prefix));
  *n = 0;
  for (it->Seek(prefix); it->Valid(); it->Next()) ++*n;
  return it->status();
}

std::string IsoNow() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

class DumpWriter {
 public:
  DumpWriter(EngineImpl* impl, FILE* out) : impl_(impl), w_(out) {}

  Status Run(Summary* summary) {
    VersionedStore* store = impl_->store();
    Version snapshot = store->LastCommitted();
    std::vector<DatabasePlan> plans;
    uint64_t total_rows = 0, total_objects = 0;
    for (const DatabaseDef& def : impl_->ListDatabases()) {
      DatabasePlan p;
      p.def = def;
      p.chain = SnapshotChain(impl_, def, snapshot);
      NANO_RETURN_IF_ERROR(LoadCatalog(*store, p.chain, &p.catalog));
      p.objects = p.catalog.schemas().size() + p.catalog.tables().size();
      NANO_RETURN_IF_ERROR(
          ForEachOtherCatalogEntry(*store, p.chain, [&](std::string_view, std::string_view) {
            ++p.objects;
            return Status::OK();
          }));
      for (const auto& [oid, t] : p.catalog.tables()) {
        if (t.kind != RelKind::kTable) continue;
        NANO_RETURN_IF_ERROR(CountRows(*store, p.chain, oid, &p.table_rows[oid]));
        p.rows += p.table_rows[oid];
      }
      total_rows += p.rows;
      total_objects += p.objects;
      plans.push_back(std::move(p));
    }
    json header{{"format", kFormatVersion},          {"created_at", IsoNow()},
                {"engine_version", EngineVersion()}, {"snapshot_version", snapshot},
                {"objects", total_objects},          {"rows", total_rows}};
    header["databases"] = json::array();
    for (const DatabasePlan& p : plans) {
      header["databases"].push_back(
          json{{"name", p.def.name}, {"objects", p.objects}, {"rows", p.rows}});
    }
    NANO_RETURN_IF_ERROR(w_.WriteFileHeader());
    NANO_RETURN_IF_ERROR(w_.WriteSection(SectionKind::kHeader, header.dump()));
    progress_ = std::make_unique<Progress>("dump", total_rows);
    for (const DatabasePlan& p : plans) NANO_RETURN_IF_ERROR(WriteDatabase(p));
    NANO_RETURN_IF_ERROR(w_.WriteEnd(total_rows));
    progress_->Update(0, w_.bytes_written());
    progress_->Done();
    if (summary) {
      summary->objects = total_objects;
      summary->rows = total_rows;
      summary->bytes = w_.bytes_written();
      for (const DatabasePlan& p : plans)
        summary->databases.push_back({p.def.name, p.objects, p.rows});
    }
    return Status::OK();
  }

 private:
  Status WriteDatabase(const DatabasePlan& p) {
    json d{{"name", p.def.name},
           {"oid", p.def.oid},
           {"is_template", p.def.is_template},
           {"allow_connections", p.def.allow_connections},
           {"next_oid", p.catalog.next_oid()},
           {"generation", p.catalog.generation()}};
    NANO_RETURN_IF_ERROR(w_.WriteSection(SectionKind::kDatabase, d.dump()));
    for (const auto& [oid, s] : p.catalog.schemas()) {
      NANO_RETURN_IF_ERROR(w_.WriteSection(SectionKind::kSchema, EncodeSchema(s)));
    }
    for (const auto& [oid, t] : p.catalog.tables()) {
      NANO_RETURN_IF_ERROR(w_.WriteSection(SectionKind::kRelation, EncodeTable(t)));
    }
    NANO_RETURN_IF_ERROR(WriteOtherCatalogEntries(p));
    for (const auto& [oid, t] : p.catalog.tables()) {
      if (t.kind != RelKind::kSequence) continue;
      std::string value;
      bool found = false;
      NANO_RETURN_IF_ERROR(impl_->store()->Get(p.chain, SequenceKey(oid), &value, &found));
      if (!found || value.size() != 9) continue;  // never used: restarts at START
      json q{{"oid", oid},
             {"last", static_cast<int64_t>(ReadU64BE(value.data()))},
             {"called", value[8] != 0}};
      NANO_RETURN_IF_ERROR(w_.WriteSection(SectionKind::kSequence, q.dump()));
    }
    for (const auto& [oid, t] : p.catalog.tables()) {
      if (t.kind == RelKind::kTable) NANO_RETURN_IF_ERROR(WriteRows(p, t));
    }
    return w_.WriteSection(SectionKind::kDatabaseEnd, json{{"rows", p.rows}}.dump());
  }

  Status WriteOtherCatalogEntries(const DatabasePlan& p) {
    return ForEachOtherCatalogEntry(*impl_->store(), p.chain,
                                    [&](std::string_view key, std::string_view value) {
                                      std::string raw;
                                      PutU32(&raw, static_cast<uint32_t>(key.size()));
                                      raw.append(key);
                                      raw.append(value);
                                      return w_.WriteSection(SectionKind::kCatalogEntry, raw);
                                    });
  }

  Status WriteRows(const DatabasePlan& p, const TableDef& t) {
    std::string prefix = HeapPrefix(t.oid);
    auto it = impl_->store()->NewIterator(p.chain, prefix, UpperBound(prefix));
    std::string batch;
    uint32_t count = 0;
    uint64_t written = 0;
    std::vector<Value> row;
    std::string enc;
    auto flush = [&]() -> Status {
      if (count == 0) return Status::OK();
      std::string head;
      PutU32(&head, t.oid);
      PutU32(&head, count);
      batch.replace(0, 8, head);
      NANO_RETURN_IF_ERROR(w_.WriteSection(SectionKind::kRows, batch));
      progress_->Update(count, w_.bytes_written());
      written += count;
      count = 0;
      return Status::OK();
    };
    for (it->Seek(prefix); it->Valid(); it->Next()) {
      if (count == 0) batch.assign(8, '\0');
      NANO_RETURN_IF_ERROR(DecodeHeapValue(t, it->value(), &row));
      enc.clear();
      EncodeRow(row.data(), row.size(), &enc);
      PutU32(&batch, static_cast<uint32_t>(enc.size()));
      batch += enc;
      ++count;
      if (batch.size() >= kRowBatchBytes) NANO_RETURN_IF_ERROR(flush());
    }
    NANO_RETURN_IF_ERROR(it->status());
    NANO_RETURN_IF_ERROR(flush());
    if (written != p.table_rows.at(t.oid)) {
      return Status::Error(sqlstate::kInternalError,
                           "table \"" + t.name + "\" changed during the dump");
    }
    return Status::OK();
  }

  EngineImpl* impl_;
  Writer w_;
  std::unique_ptr<Progress> progress_;
};

EngineImpl* Impl(Engine* engine) { return dynamic_cast<EngineImpl*>(engine); }

std::string ParentDir(const std::string& path) {
  fs::path p = fs::absolute(fs::path(path)).parent_path();
  return p.empty() ? "." : p.string();
}

void FsyncDir(const std::string& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// ---- reading: one walk that verifies, and optionally applies ----

struct Applier {
  virtual ~Applier() = default;
  virtual Status BeginDatabase(const DatabaseDef& wanted, Oid next_oid, uint64_t generation) = 0;
  virtual Status Schema(const SchemaDef& s) = 0;
  virtual Status Relation(const TableDef& t) = 0;
  virtual Status Sequence(Oid oid, int64_t last, bool called) = 0;
  virtual Status CatalogEntry(std::string_view key, std::string_view value) = 0;
  virtual Status Row(const TableDef& t, std::string_view encoded,
                     const std::vector<Value>& row) = 0;
  virtual Status EndDatabase() = 0;
};

Status Malformed(const std::string& what, uint64_t offset) { return Corrupt(what, offset); }

Status ParseJson(const std::string& raw, const char* what, uint64_t offset, json* out) {
  *out = json::parse(raw, nullptr, false);
  if (out->is_discarded() || !out->is_object())
    return Malformed(std::string("malformed ") + what + " section", offset);
  return Status::OK();
}

Status Walk(const std::string& path, Applier* applier, const char* verb, Summary* summary) {
  FILE* in = std::fopen(path.c_str(), "rb");
  if (in == nullptr) return IoError("could not open dump \"" + path + "\"");
  std::unique_ptr<FILE, int (*)(FILE*)> closer(in, &std::fclose);
  struct stat st {};
  uint64_t file_size = ::fstat(fileno(in), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
  Reader r(in);
  NANO_RETURN_IF_ERROR(r.ReadFileHeader());
  SectionKind kind;
  std::string raw;
  bool at_end = false;
  NANO_RETURN_IF_ERROR(r.Next(&kind, &raw, &at_end));
  if (at_end || kind != SectionKind::kHeader)
    return Malformed("missing header section", r.section_offset());
  json header;
  NANO_RETURN_IF_ERROR(ParseJson(raw, "header", r.section_offset(), &header));
  if (!header.contains("databases") || !header["databases"].is_array() ||
      !header.contains("rows")) {
    return Malformed("header section lacks databases/rows", r.section_offset());
  }
  uint64_t header_rows = header.value("rows", uint64_t{0});
  Progress progress(verb, header_rows);
  Summary seen;
  bool in_db = false;
  std::map<Oid, TableDef> tables;
  std::vector<TypeOid> types;
  std::vector<Value> row;
  DatabaseSummary cur;
  for (;;) {
    NANO_RETURN_IF_ERROR(r.Next(&kind, &raw, &at_end));
    uint64_t off = r.section_offset();
    if (at_end) break;
    bool needs_db = kind != SectionKind::kDatabase && kind != SectionKind::kHeader;
    if (needs_db && !in_db) return Malformed("section outside a database", off);
    switch (kind) {
      case SectionKind::kHeader:
        return Malformed("second header section", off);
      case SectionKind::kDatabase: {
        if (in_db) return Malformed("database section inside a database", off);
        json d;
        NANO_RETURN_IF_ERROR(ParseJson(raw, "database", off, &d));
        DatabaseDef def;
        if (!d.contains("name") || !d["name"].is_string() || d["name"].get<std::string>().empty()) {
          return Malformed("database section without a name", off);
        }
        def.name = d["name"].get<std::string>();
        def.oid = d.value("oid", Oid{0});
        def.is_template = d.value("is_template", false);
        def.allow_connections = d.value("allow_connections", true);
        in_db = true;
        tables.clear();
        cur = DatabaseSummary{def.name, 0, 0};
        if (applier) {
          NANO_RETURN_IF_ERROR(applier->BeginDatabase(def, d.value("next_oid", kFirstUserOid),
                                                      d.value("generation", uint64_t{0})));
        }
        break;
      }
      case SectionKind::kSchema: {
        SchemaDef s;
        if (!DecodeSchema(raw, &s).ok()) return Malformed("malformed schema section", off);
        ++cur.objects;
        if (applier) NANO_RETURN_IF_ERROR(applier->Schema(s));
        break;
      }
      case SectionKind::kRelation: {
        TableDef t;
        if (!DecodeTable(raw, &t).ok() || t.oid == 0)
          return Malformed("malformed relation section", off);
        ++cur.objects;
        if (applier) NANO_RETURN_IF_ERROR(applier->Relation(t));
        tables[t.oid] = std::move(t);
        break;
      }
      case SectionKind::kCatalogEntry: {
        std::string prefix = CatalogPrefix();
        if (raw.size() < 4 || raw.size() - 4 < GetU32(raw.data()))
          return Malformed("short catalog entry section", off);
        std::string_view key(raw.data() + 4, GetU32(raw.data()));
        if (!key.starts_with(prefix) || key.size() <= prefix.size()) {
          return Malformed("catalog entry outside the catalog", off);
        }
        ++cur.objects;
        if (applier)
          NANO_RETURN_IF_ERROR(
              applier->CatalogEntry(key, std::string_view(raw).substr(4 + key.size())));
        break;
      }
      case SectionKind::kSequence: {
        json q;
        NANO_RETURN_IF_ERROR(ParseJson(raw, "sequence", off, &q));
        Oid oid = q.value("oid", Oid{0});
        auto t = tables.find(oid);
        if (t == tables.end() || t->second.kind != RelKind::kSequence || !q.contains("last")) {
          return Malformed("sequence value for an unknown sequence", off);
        }
        if (applier)
          NANO_RETURN_IF_ERROR(
              applier->Sequence(oid, q.value("last", int64_t{0}), q.value("called", false)));
        break;
      }
      case SectionKind::kRows: {
        if (raw.size() < 8) return Malformed("short rows section", off);
        Oid oid = GetU32(raw.data());
        uint32_t count = GetU32(raw.data() + 4);
        auto t = tables.find(oid);
        if (t == tables.end() || t->second.kind != RelKind::kTable) {
          return Malformed("rows for an unknown table", off);
        }
        types = PhysicalTypes(t->second);
        row.assign(types.size(), Value());
        size_t pos = 8;
        for (uint32_t i = 0; i < count; ++i) {
          if (raw.size() - pos < 4) return Malformed("short rows section", off);
          uint32_t len = GetU32(raw.data() + pos);
          pos += 4;
          if (raw.size() - pos < len) return Malformed("short rows section", off);
          std::string_view enc(raw.data() + pos, len);
          pos += len;
          if (!DecodeRow(enc, types, row.data()).ok())
            return Malformed("undecodable row in rows section", off);
          if (applier) NANO_RETURN_IF_ERROR(applier->Row(t->second, enc, row));
        }
        if (pos != raw.size()) return Malformed("trailing bytes in rows section", off);
        cur.rows += count;
        progress.Update(count, r.offset());
        break;
      }
      case SectionKind::kDatabaseEnd: {
        json f;
        NANO_RETURN_IF_ERROR(ParseJson(raw, "database end", off, &f));
        if (f.value("rows", ~uint64_t{0}) != cur.rows)
          return Malformed("row count mismatch for database \"" + cur.name + "\"", off);
        if (applier) NANO_RETURN_IF_ERROR(applier->EndDatabase());
        in_db = false;
        seen.objects += cur.objects;
        seen.rows += cur.rows;
        seen.databases.push_back(cur);
        break;
      }
      case SectionKind::kEnd:
        break;
    }
  }
  if (in_db) return Malformed("database not closed before the end marker", r.section_offset());
  if (r.end_total_rows() != seen.rows || header_rows != seen.rows) {
    return Malformed("total row count mismatch", r.section_offset());
  }
  const json& hdbs = header["databases"];
  bool same = hdbs.size() == seen.databases.size();
  for (size_t i = 0; same && i < hdbs.size(); ++i) {
    same = hdbs[i].is_object() && hdbs[i].value("name", std::string()) == seen.databases[i].name &&
           hdbs[i].value("rows", ~uint64_t{0}) == seen.databases[i].rows &&
           hdbs[i].value("objects", ~uint64_t{0}) == seen.databases[i].objects;
  }
  if (!same)
    return Malformed("header's database list does not match the contents", kFileHeaderBytes);
  seen.bytes = file_size;
  progress.Done();
  if (summary) *summary = seen;
  return Status::OK();
}

// Writes a dump's contents through VersionedStore commits of bounded size.
class Loader : public Applier {
 public:
  explicit Loader(EngineImpl* impl) : impl_(impl) {}

  Status BeginDatabase(const DatabaseDef& wanted, Oid next_oid, uint64_t generation) override {
    NANO_RETURN_IF_ERROR(impl_->CreateRestoredDatabase(wanted, &def_));
    Catalog meta;
    meta.set_next_oid(next_oid);
    meta.set_generation(generation);
    return Put(CatalogMetaKey(), EncodeCatalogMeta(meta));
  }
  Status Schema(const SchemaDef& s) override {
    return Put(CatalogSchemaKey(s.oid), EncodeSchema(s));
  }
  Status Relation(const TableDef& t) override {
    return Put(CatalogTableKey(t.oid), EncodeTable(t));
  }
  Status Sequence(Oid oid, int64_t last, bool called) override {
    std::string v;
    AppendU64BE(&v, static_cast<uint64_t>(last));
    v.push_back(called ? 1 : 0);
    return Put(SequenceKey(oid), v);
  }
  Status CatalogEntry(std::string_view key, std::string_view value) override {
    return Put(std::string(key), std::string(value));
  }
  Status Row(const TableDef& t, std::string_view encoded, const std::vector<Value>& row) override {
    uint64_t rowid = 0;
    NANO_RETURN_IF_ERROR(impl_->NextRowId(&rowid));
    std::string value(1, kHeapRowTag);
    value.append(encoded);
    NANO_RETURN_IF_ERROR(Put(HeapKey(t.oid, rowid), std::move(value)));
    for (const IndexDef& index : t.indexes) {
      NANO_RETURN_IF_ERROR(Put(IndexEntryKey(t, index, row, rowid), std::string()));
    }
    return Status::OK();
  }
  Status EndDatabase() override { return Flush(); }
  Status Flush() {
    if (ops_.empty()) return Status::OK();
    Version v = 0;
    NANO_RETURN_IF_ERROR(impl_->store()->Commit(ops_, &v));
    ops_.clear();
    bytes_ = 0;
    return Status::OK();
  }

 private:
  Status Put(std::string key, std::string value) {
    bytes_ += key.size() + value.size() + 16;
    ops_.push_back(WriteOp{def_.branch, std::move(key), std::move(value), false});
    return bytes_ >= kCommitBytes ? Flush() : Status::OK();
  }
  EngineImpl* impl_;
  DatabaseDef def_;
  std::vector<WriteOp> ops_;
  size_t bytes_ = 0;
};

Status CheckFreshEngine(EngineImpl* impl) {
  for (const DatabaseDef& def : impl->ListDatabases()) {
    Catalog c;
    NANO_RETURN_IF_ERROR(LoadCatalog(*impl->store(), impl->ChainOf(def), &c));
    if (!c.tables().empty()) {
      return Status::Error(
          sqlstate::kObjectNotInPrerequisiteState,
          "cannot restore into database \"" + def.name + "\": it already holds objects");
    }
  }
  return Status::OK();
}

Status LoadVerified(EngineImpl* impl, const std::string& path) {
  NANO_RETURN_IF_ERROR(CheckFreshEngine(impl));
  Loader loader(impl);
  Status st = Walk(path, &loader, "restore", nullptr);
  impl->InvalidateCachesAfterRestore();
  return st;
}

}  // namespace

Status DumpEngine(Engine* engine, const std::string& path, Summary* summary) {
  EngineImpl* impl = Impl(engine);
  if (impl == nullptr)
    return Status::Error(sqlstate::kInternalError, "dump needs the built-in engine");
  std::string tmp = path + ".tmp." + std::to_string(::getpid());
  FILE* out = std::fopen(tmp.c_str(), "wbx");
  if (out == nullptr) return IoError("could not create dump file \"" + tmp + "\"");
  DumpWriter writer(impl, out);
  Status st = writer.Run(summary);
  if (st.ok() && std::fflush(out) != 0) st = IoError("could not write dump file \"" + tmp + "\"");
  if (st.ok() && ::fsync(fileno(out)) != 0)
    st = IoError("could not fsync dump file \"" + tmp + "\"");
  if (std::fclose(out) != 0 && st.ok()) st = IoError("could not close dump file \"" + tmp + "\"");
  if (st.ok() && ::rename(tmp.c_str(), path.c_str()) != 0) {
    st = IoError("could not rename \"" + tmp + "\" to \"" + path + "\"");
  }
  if (!st.ok()) {
    ::unlink(tmp.c_str());
    return st;
  }
  FsyncDir(ParentDir(path));
  return Status::OK();
}

Status DumpDataDirectory(const std::string& dir, const std::string& path, Summary* summary) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec) || DirectoryMissingOrEmpty(dir)) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "data directory \"" + dir + "\" does not exist or is empty");
  }
  EngineOptions o;
  o.in_memory = false;
  o.data_dir = dir;
  std::unique_ptr<Engine> engine;
  Status st = Engine::Open(o, &engine);
  if (!st.ok() && st.message().find("LOCK") != std::string_view::npos) {
    return Status::Error(sqlstate::kObjectInUse,
                         "data directory \"" + dir +
                             "\" is in use by a running server; stop it first "
                             "(or run the server with --dump-on-shutdown)");
  }
  NANO_RETURN_IF_ERROR(st);
  return DumpEngine(engine.get(), path, summary);
}

Status VerifyDump(const std::string& path, Summary* summary) {
  return Walk(path, nullptr, "verify", summary);
}

Status LoadDump(Engine* engine, const std::string& path, Summary* summary) {
  EngineImpl* impl = Impl(engine);
  if (impl == nullptr)
    return Status::Error(sqlstate::kInternalError, "restore needs the built-in engine");
  NANO_RETURN_IF_ERROR(VerifyDump(path, summary));
  return LoadVerified(impl, path);
}

bool DirectoryMissingOrEmpty(const std::string& dir) {
  std::error_code ec;
  if (!fs::exists(dir, ec)) return true;
  return fs::is_directory(dir, ec) && fs::is_empty(dir, ec);
}

Status RestoreToDirectory(const std::string& input, const std::string& target, bool verify,
                          bool force, Summary* summary) {
  std::error_code ec;
  bool exists = fs::exists(target, ec);
  if (exists && !fs::is_directory(target, ec)) {
    return Status::Error(sqlstate::kObjectNotInPrerequisiteState,
                         "target \"" + target + "\" exists and is not a directory");
  }
  if (exists && !force && !DirectoryMissingOrEmpty(target)) {
    return Status::Error(
        sqlstate::kObjectNotInPrerequisiteState,
        "target directory \"" + target + "\" is not empty (use --force to replace it)");
  }
  Summary s;
  NANO_RETURN_IF_ERROR(VerifyDump(input, &s));  // nothing is written before this passes
  fs::path abs = fs::absolute(fs::path(target).lexically_normal());
  if (abs.filename().empty()) abs = abs.parent_path();
  std::string tmp = abs.string() + ".restore-tmp." + std::to_string(::getpid());
  fs::remove_all(tmp, ec);
  auto fail = [&](Status st) {
    std::error_code ignored;
    fs::remove_all(tmp, ignored);
    return st;
  };
  {
    EngineOptions o;
    o.in_memory = false;
    o.data_dir = tmp;
    std::unique_ptr<Engine> engine;
    Status st = Engine::Open(o, &engine);
    if (st.ok()) st = LoadVerified(Impl(engine.get()), input);
    if (!st.ok()) return fail(st);
  }
  if (verify) {
    EngineOptions o;
    o.in_memory = false;
    o.data_dir = tmp;
    std::unique_ptr<Engine> engine;
    Status st = Engine::Open(o, &engine);
    if (!st.ok()) return fail(st);
    EngineImpl* impl = Impl(engine.get());
    for (const DatabaseSummary& want : s.databases) {
      std::shared_ptr<DatabaseState> db = impl->FindDatabase(want.name);
      if (db == nullptr)
        return fail(Status::Error(sqlstate::kDataCorrupted,
                                  "restored database \"" + want.name + "\" is missing"));
      BranchChain chain = impl->ChainOf(db->def);
      Catalog c;
      st = LoadCatalog(*impl->store(), chain, &c);
      if (!st.ok()) return fail(st);
      uint64_t rows = 0;
      for (const auto& [oid, t] : c.tables()) {
        if (t.kind != RelKind::kTable) continue;
        uint64_t n = 0;
        st = CountRows(*impl->store(), chain, oid, &n);
        if (!st.ok()) return fail(st);
        rows += n;
      }
      if (rows != want.rows) {
        return fail(Status::Error(sqlstate::kDataCorrupted, "restored database \"" + want.name +
                                                                "\" has " + std::to_string(rows) +
                                                                " rows, the dump " +
                                                                std::to_string(want.rows)));
      }
    }
  }
  if (exists) {
    fs::remove_all(abs, ec);
    if (ec)
      return fail(Status::Error(sqlstate::kIoError,
                                "could not replace \"" + target + "\": " + ec.message()));
  }
  if (::rename(tmp.c_str(), abs.c_str()) != 0) {
    return fail(IoError("could not rename \"" + tmp + "\" to \"" + abs.string() + "\""));
  }
  FsyncDir(abs.parent_path().string());
  if (summary) *summary = s;
  return Status::OK();
}

}  // namespace nano::dump
