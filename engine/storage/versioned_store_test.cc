// Tests for storage/versioned_store.h on real RocksDB (in memory and on disk).
#include "storage/versioned_store.h"

#include <dirent.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "storage/codec.h"

extern char** environ;

namespace nano {
namespace {

namespace fs = std::filesystem;

// ---------------------------------------------------------------------------
// Crash-test child. The test re-executes this binary with these variables
// set; the hook runs during static initialisation, before gtest's main, so
// the child is a fresh process with no threads inherited from earlier tests
// (a plain fork() would inherit RocksDB's thread-pool bookkeeping without
// its threads).
constexpr char kChildDirEnv[] = "NANO_STORE_CRASH_CHILD_DIR";
constexpr char kChildFdEnv[] = "NANO_STORE_CRASH_CHILD_FD";
// The child would run far longer than the parent lets it: the parent kills
// it after kKillAfterAcks acknowledgements.
constexpr int kChildCommits = 1000000;
constexpr uint64_t kKillAfterAcks = 300;

std::string CrashKey(int i) {
  std::string k = "crash-";
  AppendU32BE(&k, static_cast<uint32_t>(i));
  return k;
}

int RunCrashChildIfRequested() {
  const char* dir = std::getenv(kChildDirEnv);
  const char* fd_text = std::getenv(kChildFdEnv);
  if (dir == nullptr || fd_text == nullptr) return 0;
  const int fd = std::atoi(fd_text);
  StoreOptions options;
  options.in_memory = false;
  options.dir = dir;
  options.sync_commit = true;
  std::unique_ptr<VersionedStore> store;
  if (!VersionedStore::Open(options, &store).ok()) _exit(2);
  for (int i = 1; i <= kChildCommits; ++i) {
    Version v = 0;
    if (!store->Commit({WriteOp{1, CrashKey(i), std::to_string(i), false}}, &v).ok()) _exit(3);
    // Acknowledge only after Commit returned: the parent treats every
    // acknowledged commit as durable.
    const uint64_t ack = static_cast<uint64_t>(i);
    if (write(fd, &ack, sizeof(ack)) != static_cast<ssize_t>(sizeof(ack))) _exit(4);
  }
  _exit(0);
}

[[maybe_unused]] const int kCrashChildHook = RunCrashChildIfRequested();

// ---------------------------------------------------------------------------

std::unique_ptr<VersionedStore> OpenMem(uint64_t write_buffer = 16ull << 20) {
  StoreOptions options;
  options.in_memory = true;
  options.write_buffer_bytes = write_buffer;
  std::unique_ptr<VersionedStore> store;
  Status s = VersionedStore::Open(options, &store);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return store;
}

Version Put(VersionedStore* store, std::vector<WriteOp> ops) {
  Version v = 0;
  Status s = store->Commit(ops, &v);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return v;
}

// prefix + decimal number. (Avoids `"lit" + std::to_string(n)`, which trips
// GCC 12's false -Wrestrict positive at -O3.)
std::string Cat(const char* prefix, int64_t n) {
  std::string s(prefix);
  s += std::to_string(n);
  return s;
}

WriteOp P(BranchId b, std::string k, std::string v) {
  return WriteOp{b, std::move(k), std::move(v), false};
}
WriteOp D(BranchId b, std::string k) { return WriteOp{b, std::move(k), "", true}; }

// Get as a string; "<none>" when absent or deleted.
std::string GetS(const VersionedStore& store, const BranchChain& chain, std::string_view key,
                 Version* version = nullptr) {
  std::string value;
  bool found = false;
  Status s = store.Get(chain, key, &value, &found, version);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return found ? value : "<none>";
}

// Scan as "k=v" pairs.
std::vector<std::string> Scan(const VersionedStore& store, const BranchChain& chain,
                              std::string lower = "", std::string upper = "") {
  std::vector<std::string> out;
  auto it = store.NewIterator(chain, std::move(lower), std::move(upper));
  for (; it->Valid(); it->Next())
    out.push_back(std::string(it->key()) + "=" + std::string(it->value()));
  EXPECT_TRUE(it->status().ok()) << it->status().ToString();
  return out;
}

BranchChain One(BranchId b, Version v = kMaxVersion) { return {BranchView{b, v}}; }

TEST(VersionedStoreTest, PutGetTombstoneAndSnapshotVisibility) {
  auto store = OpenMem();
  EXPECT_EQ(store->LastCommitted(), 0u);
  EXPECT_EQ(GetS(*store, One(1), "a"), "<none>");
  Version v1 = Put(store.get(), {P(1, "a", "one"), P(1, "b", "bee")});
  Version v2 = Put(store.get(), {P(1, "a", "two")});
  Version v3 = Put(store.get(), {D(1, "a")});
  EXPECT_EQ(v1, 1u);
  EXPECT_EQ(v2, 2u);
  EXPECT_EQ(v3, 3u);
  EXPECT_EQ(store->LastCommitted(), 3u);
  Version read = 0;
  EXPECT_EQ(GetS(*store, One(1, 0), "a"), "<none>");
  EXPECT_EQ(GetS(*store, One(1, 1), "a", &read), "one");
  EXPECT_EQ(read, 1u);
  EXPECT_EQ(GetS(*store, One(1, 2), "a", &read), "two");
  EXPECT_EQ(read, 2u);
  EXPECT_EQ(GetS(*store, One(1, 3), "a", &read), "<none>");
  EXPECT_EQ(read, 3u);  // the tombstone's version
  EXPECT_EQ(GetS(*store, One(1), "b"), "bee");
  EXPECT_EQ(GetS(*store, One(2), "b"), "<none>");  // other branch

  Version newest = 0;
  bool tombstone = false;
  ASSERT_TRUE(store->NewestVersion(One(1, 1), "a", &newest, &tombstone).ok());
  EXPECT_EQ(newest, 3u);  // ignores element 0's bound
  EXPECT_TRUE(tombstone);
  ASSERT_TRUE(store->NewestVersion(One(1), "zzz", &newest, &tombstone).ok());
  EXPECT_EQ(newest, 0u);

  Version empty = Put(store.get(), {});
  EXPECT_EQ(empty, 4u);  // an empty commit still consumes a version
}

TEST(VersionedStoreTest, VariableLengthUserKeysDoNotShadowEachOther) {
  auto store = OpenMem();
  // "a" is a prefix of the others; "a\0..." keys sort inside the range a
  // seek for "a" covers.
  std::string a0("a\0\0\0\0\0\0\0\0\x01", 10);
  Put(store.get(), {P(1, "ab", "AB"), P(1, a0, "A0"), P(1, "a\xff\xff", "AFF")});
  EXPECT_EQ(GetS(*store, One(1), "a"), "<none>");
  Put(store.get(), {P(1, "a", "A")});
  EXPECT_EQ(GetS(*store, One(1), "a"), "A");
  EXPECT_EQ(GetS(*store, One(1, 1), "a"), "<none>");
  EXPECT_EQ(GetS(*store, One(1), "ab"), "AB");
  EXPECT_EQ(GetS(*store, One(1), a0), "A0");
  EXPECT_EQ(GetS(*store, One(1), "a\xff\xff"), "AFF");
  EXPECT_EQ(GetS(*store, One(1), ""), "<none>");
}

TEST(VersionedStoreTest, LookupsStayExactAfterFlushesToSstFiles) {
  auto store = OpenMem(64 << 10);  // tiny memtables: the keys below end up in SST files
  std::string a0("a\0\0\0\0\0\0\0\0\x01", 10);
  Put(store.get(), {P(1, "ab", "AB"), P(1, a0, "A0"), P(1, "a", "A1")});
  Put(store.get(), {P(1, "a", "A2"), D(1, "ab")});
  const Version before_filler = store->LastCommitted();
  std::string filler(1024, 'f');
  for (int i = 0; i < 600; ++i) Put(store.get(), {P(2, Cat("filler", i), filler)});
  EXPECT_EQ(GetS(*store, One(1, 1), "a"), "A1");
  EXPECT_EQ(GetS(*store, One(1), "a"), "A2");
  EXPECT_EQ(GetS(*store, One(1, 1), "ab"), "AB");
  EXPECT_EQ(GetS(*store, One(1), "ab"), "<none>");
  EXPECT_EQ(GetS(*store, One(1), a0), "A0");
  EXPECT_EQ(GetS(*store, One(1), "abc"), "<none>");
  EXPECT_EQ(GetS(*store, One(3), "a"), "<none>");
  Version newest = 0;
  bool tombstone = false;
  ASSERT_TRUE(store->NewestVersion(One(1), "ab", &newest, &tombstone).ok());
  EXPECT_EQ(newest, before_filler);
  EXPECT_TRUE(tombstone);
  EXPECT_EQ(GetS(*store, One(2), "filler0"), filler);
  EXPECT_EQ(GetS(*store, One(2), "filler599"), filler);
  EXPECT_EQ(Scan(*store, One(1)).size(), 2u);  // "a", a0
}

std::string IntKey(int64_t i) {
  std::string k;
  EncodeKeyValue(Value::Int8(i), type::kInt8, false, &k);
  return k;
}
std::string Decoded(const std::string& kv) {
  // "<key bytes>=value" -> "<int>=value"
  std::string_view in(kv.data(), 9);
  Value v;
  EXPECT_TRUE(DecodeKeyValue(&in, type::kInt8, false, &v).ok());
  return std::to_string(v.int_value()) + kv.substr(9);
}

TEST(VersionedStoreTest, IteratorBoundsOrderVersionsAndSeek) {
  auto store = OpenMem();
  std::vector<WriteOp> ops;
  for (int i = -20; i < 20; ++i) ops.push_back(P(3, IntKey(i), Cat("v", i)));
  Version v1 = Put(store.get(), ops);
  Put(store.get(), {P(3, IntKey(5), "five"), D(3, IntKey(6)), P(4, IntKey(7), "other branch")});
  for (int round = 0; round < 10; ++round) Put(store.get(), {P(3, IntKey(8), Cat("r", round))});

  std::vector<std::string> got;
  for (const auto& kv : Scan(*store, One(3), IntKey(3), IntKey(10))) got.push_back(Decoded(kv));
  EXPECT_EQ(got, (std::vector<std::string>{"3=v3", "4=v4", "5=five", "7=v7", "8=r9", "9=v9"}));
  got.clear();
  for (const auto& kv : Scan(*store, One(3, v1), IntKey(3), IntKey(10))) got.push_back(Decoded(kv));
  EXPECT_EQ(got,
            (std::vector<std::string>{"3=v3", "4=v4", "5=v5", "6=v6", "7=v7", "8=v8", "9=v9"}));
  // Unbounded: all 39 live keys in order, nothing from branch 4.
  auto all = Scan(*store, One(3));
  ASSERT_EQ(all.size(), 39u);
  EXPECT_EQ(Decoded(all.front()), "-20=v-20");
  EXPECT_EQ(Decoded(all.back()), "19=v19");
  for (size_t i = 1; i < all.size(); ++i) EXPECT_LT(all[i - 1], all[i]);

  auto it = store->NewIterator(One(3), IntKey(0), "");
  it->Seek(IntKey(6));
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->key(), IntKey(7));
  it->Seek(IntKey(8));
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->value(), "r9");
  EXPECT_EQ(it->version(), store->LastCommitted());
  it->Seek(IntKey(-5));  // below lower: clamps to the lower bound
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->key(), IntKey(0));
  EXPECT_TRUE(Scan(*store, One(9)).empty());
}

TEST(VersionedStoreTest, BranchChainsForkIsolationAndTombstones) {
  auto store = OpenMem();
  const BranchId parent = 10, child = 11;
  Put(store.get(), {P(parent, "k1", "p1"), P(parent, "k2", "p2"), P(parent, "k3", "p3")});
  const Version fork = store->LastCommitted();
  auto child_chain = [&](Version snapshot) {
    return BranchChain{BranchView{child, snapshot}, BranchView{parent, std::min(snapshot, fork)}};
  };
  // Parent writes after the fork: invisible in the child.
  Put(store.get(), {P(parent, "k1", "p1-after"), P(parent, "k4", "p4-after")});
  // Child overrides k2 and deletes k3; adds k5.
  Put(store.get(), {P(child, "k2", "c2"), D(child, "k3"), P(child, "k5", "c5")});
  const Version now = store->LastCommitted();

  EXPECT_EQ(GetS(*store, child_chain(now), "k1"), "p1");
  EXPECT_EQ(GetS(*store, child_chain(now), "k2"), "c2");
  EXPECT_EQ(GetS(*store, child_chain(now), "k3"), "<none>");
  EXPECT_EQ(GetS(*store, child_chain(now), "k4"), "<none>");
  EXPECT_EQ(GetS(*store, child_chain(now), "k5"), "c5");
  EXPECT_EQ(Scan(*store, child_chain(now)), (std::vector<std::string>{"k1=p1", "k2=c2", "k5=c5"}));
  // The child at the fork sees exactly the parent at the fork.
  EXPECT_EQ(Scan(*store, child_chain(fork)), (std::vector<std::string>{"k1=p1", "k2=p2", "k3=p3"}));
  // Child writes are invisible in the parent.
  EXPECT_EQ(Scan(*store, One(parent)),
            (std::vector<std::string>{"k1=p1-after", "k2=p2", "k3=p3", "k4=p4-after"}));
  EXPECT_EQ(GetS(*store, One(parent), "k5"), "<none>");

  Version newest = 0;
  bool tombstone = false;
  ASSERT_TRUE(store->NewestVersion(child_chain(fork), "k1", &newest, &tombstone).ok());
  EXPECT_EQ(newest, fork);  // child never wrote k1: the parent's, at the fork bound
  ASSERT_TRUE(store->NewestVersion(child_chain(fork), "k3", &newest, &tombstone).ok());
  EXPECT_EQ(newest, now);
  EXPECT_TRUE(tombstone);

  // Three levels: grandchild over child over parent.
  const BranchId grandchild = 12;
  const Version fork2 = store->LastCommitted();
  Put(store.get(), {D(grandchild, "k1"), P(grandchild, "k0", "g0")});
  BranchChain chain3{BranchView{grandchild, kMaxVersion}, BranchView{child, fork2},
                     BranchView{parent, fork}};
  EXPECT_EQ(Scan(*store, chain3), (std::vector<std::string>{"k0=g0", "k2=c2", "k5=c5"}));
  auto it = store->NewIterator(chain3, "", "");
  it->Seek("k2");
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->value(), "c2");
  it->Next();
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->key(), "k5");
  it->Next();
  EXPECT_FALSE(it->Valid());
}

TEST(VersionedStoreTest, OldSnapshotsSkipLongVersionHistories) {
  auto store = OpenMem();
  Put(store.get(), {P(1, "a", "a0"), P(1, "b", "b0"), P(1, "c", "c0")});
  const Version old_snapshot = store->LastCommitted();
  for (int i = 1; i <= 200; ++i) Put(store.get(), {P(1, "b", Cat("b", i)), P(1, "d", Cat("d", i))});
  EXPECT_EQ(Scan(*store, One(1, old_snapshot)), (std::vector<std::string>{"a=a0", "b=b0", "c=c0"}));
  EXPECT_EQ(Scan(*store, One(1, old_snapshot + 100)),
            (std::vector<std::string>{"a=a0", "b=b100", "c=c0", "d=d100"}));
  EXPECT_EQ(Scan(*store, One(1)), (std::vector<std::string>{"a=a0", "b=b200", "c=c0", "d=d200"}));
  EXPECT_TRUE(Scan(*store, One(1, 0)).empty());
  // A child forked before anything was committed sees nothing of its parent.
  EXPECT_TRUE(Scan(*store, BranchChain{BranchView{2, kMaxVersion}, BranchView{1, 0}}).empty());
}

TEST(VersionedStoreTest, DropBranchRemovesOnlyThatBranch) {
  auto store = OpenMem();
  Put(store.get(), {P(1, "a", "1"), P(2, "a", "2"), P(3, "a", "3")});
  ASSERT_TRUE(store->DropBranch(2).ok());
  EXPECT_EQ(GetS(*store, One(2), "a"), "<none>");
  EXPECT_TRUE(Scan(*store, One(2)).empty());
  EXPECT_EQ(GetS(*store, One(1), "a"), "1");
  EXPECT_EQ(GetS(*store, One(3), "a"), "3");
}

TEST(VersionedStoreTest, DropBranchReleasesItsMemory) {
  auto store = OpenMem(1 << 20);
  std::string row(200, 'r');
  std::vector<WriteOp> ops;
  for (int i = 0; i < 20000; ++i) {
    ops.push_back(P(5, Cat("row", i), row));
    if (ops.size() == 500) {
      Put(store.get(), ops);
      ops.clear();
    }
  }
  Put(store.get(), {P(6, "keep", "me")});
  const uint64_t before = store->ApproximateMemoryBytes();
  EXPECT_GT(before, 4u << 20);  // 20000 * ~220 bytes
  ASSERT_TRUE(store->DropBranch(5).ok());
  const uint64_t after = store->ApproximateMemoryBytes();
  EXPECT_LT(after, before / 4) << "before " << before << " after " << after;
  EXPECT_EQ(GetS(*store, One(6), "keep"), "me");
  EXPECT_EQ(GetS(*store, One(5), "row7"), "<none>");
}

TEST(VersionedStoreTest, ReservedMetadataBranchIsRejected) {
  auto store = OpenMem();
  Version v = 0;
  EXPECT_EQ(store->Commit({P(0xFFFFFFFFu, "x", "y")}, &v).sqlstate(), "XX000");
  std::string value;
  bool found = true;
  EXPECT_FALSE(store->Get(One(0xFFFFFFFFu), "last_committed", &value, &found).ok());
  auto it = store->NewIterator(One(0xFFFFFFFFu), "", "");
  EXPECT_FALSE(it->Valid());
  EXPECT_FALSE(it->status().ok());
  EXPECT_FALSE(store->DropBranch(0xFFFFFFFFu).ok());
  EXPECT_EQ(store->LastCommitted(), 0u);
}

TEST(VersionedStoreTest, ReadersNeverSeeHalfACommit) {
  auto store = OpenMem(1 << 20);  // small memtables: flushes happen mid-test
  constexpr int kCommits = 3000;
  std::atomic<bool> done{false};
  std::atomic<int> checks{0};
  std::atomic<int> failures{0};
  auto reader = [&] {
    while (!done.load(std::memory_order_acquire)) {
      const Version snap = store->LastCommitted();
      std::string x = GetS(*store, One(1, snap), "x");
      std::string y = GetS(*store, One(1, snap), "y");
      if (x != y) failures.fetch_add(1);
      // No bound at all: clamped to the published version, still consistent.
      auto it = store->NewIterator(One(1), "", "");
      std::vector<std::string> seen;
      for (; it->Valid(); it->Next()) {
        if (it->key() == "x" || it->key() == "y") seen.emplace_back(it->value());
      }
      if (!it->status().ok() || (seen.size() == 2 && seen[0] != seen[1]) || seen.size() == 1) {
        failures.fetch_add(1);
      }
      checks.fetch_add(1);
    }
  };
  std::thread r1(reader), r2(reader);
  std::string pad(200, 'p');
  for (int i = 1; i <= kCommits; ++i) {
    std::string n = std::to_string(i);
    Put(store.get(), {P(1, "x", n), P(1, "pad" + n, pad), P(1, "y", n)});
  }
  done.store(true, std::memory_order_release);
  r1.join();
  r2.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_GT(checks.load(), 0);
  EXPECT_EQ(GetS(*store, One(1), "x"), std::to_string(kCommits));
  EXPECT_GT(store->ApproximateMemoryBytes(), 0u);
}

TEST(VersionedStoreTest, ConcurrentCommitsGetDistinctVersions) {
  auto store = OpenMem();
  constexpr int kThreads = 4, kEach = 500;
  std::vector<std::vector<Version>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        got[t].push_back(Put(store.get(), {P(1, Cat("t", t), std::to_string(i))}));
      }
    });
  }
  for (auto& th : threads) th.join();
  std::set<Version> all;
  for (const auto& g : got) all.insert(g.begin(), g.end());
  EXPECT_EQ(all.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_EQ(*all.rbegin(), static_cast<Version>(kThreads * kEach));
  EXPECT_EQ(store->LastCommitted(), static_cast<Version>(kThreads * kEach));
}

// ---------------------------------------------------------------------------
// The in-memory store never touches the real file system.

std::set<std::string> ListDir(const fs::path& dir) {
  std::set<std::string> names;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec)) names.insert(e.path().filename().string());
  return names;
}

// Paths of regular files this process has open.
std::set<std::string> OpenFilePaths() {
  std::set<std::string> paths;
  for (const auto& e : fs::directory_iterator("/proc/self/fd")) {
    std::error_code ec;
    fs::path target = fs::read_symlink(e.path(), ec);
    if (ec) continue;
    std::string t = target.string();
    if (t.empty() || t[0] != '/' || t.rfind("/dev/", 0) == 0 || t.rfind("/proc/", 0) == 0 ||
        t.rfind("/sys/", 0) == 0) {
      continue;
    }
    paths.insert(t);
  }
  return paths;
}

// RocksDB's own file names (LOG, MANIFEST-000001, 000004.log, 000009.sst, ...)
// or a directory holding a RocksDB database. Other processes on the machine
// create unrelated files in /tmp concurrently, so only these count.
bool LooksLikeRocksFile(const fs::path& path) {
  static const std::regex kRocksName(
      R"((LOG(\.old\..*)?|LOCK|CURRENT|IDENTITY|MANIFEST-\d+|OPTIONS-\d+|\d+\.(log|sst|blob))|nano-mem)");
  if (std::regex_match(path.filename().string(), kRocksName)) return true;
  std::error_code ec;
  return fs::is_directory(path, ec) &&
         (fs::exists(path / "CURRENT", ec) || fs::exists(path / "IDENTITY", ec));
}

class ScopedTempDir {
 public:
  ScopedTempDir() {
    char tmpl[] = "/tmp/nano-store-test-XXXXXX";
    char* p = mkdtemp(tmpl);
    EXPECT_NE(p, nullptr);
    path_ = p == nullptr ? "" : p;
  }
  ~ScopedTempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

TEST(VersionedStoreTest, InMemoryModeNeverCreatesFilesOnDisk) {
  ScopedTempDir cwd;
  const fs::path old_cwd = fs::current_path();
  fs::current_path(cwd.path());
  const char* home_env = std::getenv("HOME");
  const fs::path home = home_env != nullptr ? home_env : "/root";
  const auto home_before = ListDir(home);
  const auto tmp_before = ListDir("/tmp");
  const auto fds_before = OpenFilePaths();
  {
    auto store = OpenMem(256 << 10);  // tiny memtables: forces SST flushes into the mem env
    std::string big(1000, 'x');
    for (int i = 0; i < 3000; ++i) Put(store.get(), {P(1, Cat("key", i), big)});
    EXPECT_EQ(Scan(*store, One(1)).size(), 3000u);
    ASSERT_TRUE(store->DropBranch(1).ok());
    // While open: no new regular file is held open by this process.
    const auto fds_during = OpenFilePaths();
    for (const auto& p : fds_during) EXPECT_TRUE(fds_before.count(p)) << "opened " << p;
  }
  EXPECT_TRUE(ListDir(cwd.path()).empty()) << "files appeared in the working directory";
  for (const auto& name : ListDir(home)) {
    if (!home_before.count(name)) {
      EXPECT_FALSE(LooksLikeRocksFile(home / name)) << home / name;
    }
  }
  for (const auto& name : ListDir("/tmp")) {
    if (!tmp_before.count(name)) {
      EXPECT_FALSE(LooksLikeRocksFile(fs::path("/tmp") / name)) << "/tmp/" << name;
    }
  }
  EXPECT_FALSE(fs::exists("/nano-mem"));
  fs::current_path(old_cwd);
}

// ---------------------------------------------------------------------------
// Disk mode.

std::unique_ptr<VersionedStore> OpenDisk(const std::string& dir) {
  StoreOptions options;
  options.in_memory = false;
  options.dir = dir;
  std::unique_ptr<VersionedStore> store;
  Status s = VersionedStore::Open(options, &store);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return store;
}

TEST(VersionedStoreTest, DiskModeReopenRecoversDataAndLastCommitted) {
  ScopedTempDir tmp;
  const std::string dir = tmp.path() + "/db";
  {
    auto store = OpenDisk(dir);
    ASSERT_NE(store, nullptr);
    Put(store.get(), {P(1, "a", "1"), P(1, "b", "2")});
    Put(store.get(), {D(1, "a"), P(2, "c", "3")});
    Put(store.get(), {});
    EXPECT_EQ(store->LastCommitted(), 3u);
  }
  auto store = OpenDisk(dir);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->LastCommitted(), 3u);
  EXPECT_EQ(GetS(*store, One(1), "a"), "<none>");
  EXPECT_EQ(GetS(*store, One(1, 1), "a"), "1");
  EXPECT_EQ(GetS(*store, One(1), "b"), "2");
  EXPECT_EQ(GetS(*store, One(2), "c"), "3");
  EXPECT_EQ(Put(store.get(), {P(1, "d", "4")}), 4u);  // versions continue
}

TEST(VersionedStoreTest, DiskModeGroupCommitPublishesInOrderAndIsDurable) {
  ScopedTempDir tmp;
  const std::string dir = tmp.path() + "/db";
  constexpr int kThreads = 6, kEach = 60;
  {
    auto store = OpenDisk(dir);
    ASSERT_NE(store, nullptr);
    std::atomic<bool> done{false};
    std::atomic<int> failures{0};
    std::thread watcher([&] {
      Version last = 0;
      while (!done.load(std::memory_order_acquire)) {
        const Version now = store->LastCommitted();
        if (now < last) failures.fetch_add(1);  // never goes backwards
        last = now;
      }
    });
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
      threads.emplace_back([&, t] {
        for (int i = 0; i < kEach; ++i) {
          std::string key = Cat("k", t * 1000 + i);
          Version v = Put(store.get(), {P(1, key, Cat("v", i))});
          // Returned => published, and visible at its own version.
          if (store->LastCommitted() < v || GetS(*store, One(1, v), key) != Cat("v", i)) {
            failures.fetch_add(1);
          }
        }
      });
    }
    for (auto& th : threads) th.join();
    done.store(true, std::memory_order_release);
    watcher.join();
    EXPECT_EQ(failures.load(), 0);
    EXPECT_EQ(store->LastCommitted(), static_cast<Version>(kThreads * kEach));
  }
  auto store = OpenDisk(dir);
  ASSERT_NE(store, nullptr);
  EXPECT_EQ(store->LastCommitted(), static_cast<Version>(kThreads * kEach));
  // Every version 1..N is exactly one of the commits: no gaps, no duplicates.
  std::set<Version> versions;
  auto it = store->NewIterator(One(1), "", "");
  for (; it->Valid(); it->Next()) versions.insert(it->version());
  ASSERT_TRUE(it->status().ok());
  EXPECT_EQ(versions.size(), static_cast<size_t>(kThreads * kEach));
  EXPECT_EQ(*versions.begin(), 1u);
  EXPECT_EQ(*versions.rbegin(), static_cast<Version>(kThreads * kEach));
}

TEST(VersionedStoreTest, DiskModeOpenErrorsAreStatusesNotCrashes) {
  ScopedTempDir tmp;
  const std::string dir = tmp.path() + "/db";
  auto first = OpenDisk(dir);
  ASSERT_NE(first, nullptr);
  // The same directory is locked by the open store.
  StoreOptions options;
  options.in_memory = false;
  options.dir = dir;
  std::unique_ptr<VersionedStore> second;
  Status s = VersionedStore::Open(options, &second);
  EXPECT_EQ(s.sqlstate(), "58030") << s.ToString();
  EXPECT_EQ(second, nullptr);
  // A regular file where the directory should be.
  const std::string file = tmp.path() + "/plain-file";
  { std::ofstream(file) << "x"; }
  options.dir = file;
  EXPECT_FALSE(VersionedStore::Open(options, &second).ok());
  options.dir = "";
  EXPECT_EQ(VersionedStore::Open(options, &second).sqlstate(), "22023");
}

TEST(VersionedStoreTest, InMemoryStoresAreIndependent) {
  auto a = OpenMem();
  auto b = OpenMem();
  Put(a.get(), {P(1, "k", "in a")});
  EXPECT_EQ(GetS(*a, One(1), "k"), "in a");
  EXPECT_EQ(GetS(*b, One(1), "k"), "<none>");
  EXPECT_EQ(b->LastCommitted(), 0u);
  a.reset();
  auto c = OpenMem();  // a fresh in-memory store starts empty
  EXPECT_EQ(GetS(*c, One(1), "k"), "<none>");
}

TEST(VersionedStoreTest, DiskModeKilledWriterKeepsEveryAcknowledgedCommit) {
  ScopedTempDir tmp;
  const std::string dir = tmp.path() + "/db";
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    // Child: re-execute this binary; the static hook above does the work.
    close(fds[0]);
    setenv(kChildDirEnv, dir.c_str(), 1);
    setenv(kChildFdEnv, std::to_string(fds[1]).c_str(), 1);
    char self[] = "/proc/self/exe";
    char* argv[] = {self, nullptr};
    execve(self, argv, environ);
    _exit(127);
  }
  close(fds[1]);
  // Kill the writer after kKillAfterAcks acknowledged commits, then
  // drain whatever acknowledgements it wrote before dying.
  uint64_t last_ack = 0;
  bool killed = false;
  while (true) {
    uint64_t ack = 0;
    ssize_t n = read(fds[0], &ack, sizeof(ack));
    if (n == 0) break;
    ASSERT_EQ(n, static_cast<ssize_t>(sizeof(ack)));
    ASSERT_EQ(ack, last_ack + 1);
    last_ack = ack;
    if (!killed && last_ack >= kKillAfterAcks) {
      ASSERT_EQ(kill(pid, SIGKILL), 0);
      killed = true;
    }
  }
  close(fds[0]);
  int status = 0;
  ASSERT_EQ(waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(killed) << "child exited early with status " << status;
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "status " << status;
  ASSERT_GE(last_ack, kKillAfterAcks);

  auto store = OpenDisk(dir);
  ASSERT_NE(store, nullptr);
  EXPECT_GE(store->LastCommitted(), last_ack);
  for (uint64_t i = 1; i <= last_ack; ++i) {
    ASSERT_EQ(GetS(*store, One(1), CrashKey(static_cast<int>(i))), std::to_string(i)) << i;
  }
  // Commits past the last acknowledgement may or may not be there, but the
  // store is consistent: every key up to LastCommitted is present.
  for (uint64_t i = last_ack + 1; i <= store->LastCommitted(); ++i) {
    EXPECT_EQ(GetS(*store, One(1), CrashKey(static_cast<int>(i))), std::to_string(i)) << i;
  }
}

}  // namespace
}  // namespace nano
