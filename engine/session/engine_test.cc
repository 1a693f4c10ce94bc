// engine/session/engine_test.cc — the engine through the embedded API:
// databases and O(1) template clones, durability after kill -9, memory
// mode's promise of no files, and two-session concurrency semantics.
#include <dirent.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "nano/nano.h"

namespace {

namespace fs = std::filesystem;

std::string MakeTempDir(const char* tag) {
  std::string templ = fs::temp_directory_path().string() + "/nano-" + tag + "-XXXXXX";
  std::vector<char> buf(templ.begin(), templ.end());
  buf.push_back('\0');
  char* dir = mkdtemp(buf.data());
  EXPECT_NE(dir, nullptr);
  return dir ? std::string(dir) : std::string();
}

std::vector<std::string> ListTree(const std::string& root) {
  std::vector<std::string> out;
  for (const auto& e : fs::recursive_directory_iterator(root)) out.push_back(e.path().string());
  return out;
}

TEST(EngineTest, TemplateCloneIsIsolatedBothWays) {
  auto db = nano::Database::OpenInMemory();
  db.Execute("CREATE DATABASE tmpl");
  auto t = db.Connect("tmpl");
  t.Execute("CREATE TABLE items (id int PRIMARY KEY, v text)");
  t.Execute("INSERT INTO items SELECT g, 'v' || g FROM generate_series(1, 100) g");
  t.Execute("CREATE SEQUENCE s");
  t.Execute("SELECT nextval('s')");
  t = db.Connect("postgres");  // no session may sit on the template

  db.Execute("CREATE DATABASE copy1 TEMPLATE tmpl");
  auto c = db.Connect("copy1");
  EXPECT_EQ(c.Execute("SELECT count(*) FROM items").GetInt64(0, 0), 100);
  EXPECT_EQ(c.Execute("SELECT nextval('s')").GetInt64(0, 0), 2);
  c.Execute("DELETE FROM items WHERE id <= 50");
  c.Execute("INSERT INTO items VALUES (1000, 'new')");
  c.Execute("CREATE TABLE only_in_copy (x int)");

  auto t2 = db.Connect("tmpl");
  EXPECT_EQ(t2.Execute("SELECT count(*) FROM items").GetInt64(0, 0), 100);
  EXPECT_EQ(t2.Execute("SELECT count(*) FROM items WHERE id = 1000").GetInt64(0, 0), 0);
  EXPECT_THROW(t2.Execute("SELECT * FROM only_in_copy"), nano::Error);
  // And the other way round: the template changes after the clone.
  t2.Execute("UPDATE items SET v = 'changed' WHERE id = 99");
  t2.Execute("INSERT INTO items VALUES (2000, 'tmpl only')");
  EXPECT_EQ(c.Execute("SELECT v FROM items WHERE id = 99").GetString(0, 0), "v99");
  EXPECT_EQ(c.Execute("SELECT count(*) FROM items WHERE id = 2000").GetInt64(0, 0), 0);
  EXPECT_EQ(c.Execute("SELECT count(*) FROM items").GetInt64(0, 0), 51);
  t2 = db.Connect("postgres");

  // Dropping the template keeps its clones readable.
  c = db.Connect("postgres");
  db.Execute("DROP DATABASE tmpl");
  auto c2 = db.Connect("copy1");
  EXPECT_EQ(c2.Execute("SELECT count(*) FROM items").GetInt64(0, 0), 51);
}

TEST(EngineTest, CreateDatabaseErrors) {
  auto db = nano::Database::OpenInMemory();
  db.Execute("CREATE DATABASE d1");
  try {
    db.Execute("CREATE DATABASE d1");
    FAIL() << "expected 42P04";
  } catch (const nano::Error& e) {
    EXPECT_EQ(e.sqlstate(), "42P04");
  }
  try {
    db.Execute("CREATE DATABASE d2 TEMPLATE nope");
    FAIL() << "expected an error";
  } catch (const nano::Error& e) {
    EXPECT_EQ(e.sqlstate(), "42704");
  }
  try {
    db.Execute("BEGIN; CREATE DATABASE d3");
    FAIL() << "expected 25001";
  } catch (const nano::Error& e) {
    EXPECT_EQ(e.sqlstate(), "25001");
  }
  db.Execute("ROLLBACK");
  try {
    db.Connect("missing");
    FAIL() << "expected 3D000";
  } catch (const nano::Error& e) {
    EXPECT_EQ(e.sqlstate(), "3D000");
  }
  db.Execute("DROP DATABASE d1");
  db.Execute("DROP DATABASE IF EXISTS d1");
}

TEST(EngineTest, MemoryModeCreatesNoFiles) {
  std::string cwd = MakeTempDir("cwd");
  std::string home = MakeTempDir("home");
  char old_cwd[4096];
  ASSERT_NE(getcwd(old_cwd, sizeof(old_cwd)), nullptr);
  const char* old_home = getenv("HOME");
  std::string saved_home = old_home ? old_home : "";
  ASSERT_EQ(chdir(cwd.c_str()), 0);
  setenv("HOME", home.c_str(), 1);
  chmod(cwd.c_str(), 0555);
  chmod(home.c_str(), 0555);
  {
    auto db = nano::Database::OpenInMemory();
    db.Execute("CREATE TABLE t (id int PRIMARY KEY, v text)");
    db.Execute("INSERT INTO t SELECT g, repeat('x', 100) FROM generate_series(1, 20000) g");
    db.Execute("CREATE INDEX t_v ON t (v)");
    EXPECT_EQ(db.Execute("SELECT count(*) FROM t").GetInt64(0, 0), 20000);
  }
  EXPECT_EQ(chdir(old_cwd), 0);
  if (saved_home.empty()) {
    unsetenv("HOME");
  } else {
    setenv("HOME", saved_home.c_str(), 1);
  }
  EXPECT_TRUE(ListTree(cwd).empty());
  EXPECT_TRUE(ListTree(home).empty());
  chmod(cwd.c_str(), 0755);
  chmod(home.c_str(), 0755);
  fs::remove_all(cwd);
  fs::remove_all(home);
}

// A child process writes through the embedded API in disk mode and reports
// each acknowledged commit on a pipe; the parent SIGKILLs it mid-stream and
// checks every acknowledged row survived and the open transaction did not.
TEST(EngineTest, DiskModeSurvivesKill9) {
  std::string dir = MakeTempDir("durable");
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    close(fds[0]);
    try {
      auto db = nano::Database::Open(dir);
      db.Execute("CREATE TABLE d (id int PRIMARY KEY, v text)");
      auto open_txn = db.Connect();
      open_txn.Execute("BEGIN");
      open_txn.Execute("INSERT INTO d VALUES (-1, 'never committed')");
      for (int i = 1; i <= 100000; ++i) {
        db.Execute("INSERT INTO d VALUES ($1, 'row')", {i});
        if (write(fds[1], &i, sizeof(i)) != sizeof(i)) _exit(3);
      }
    } catch (...) {
      _exit(2);
    }
    _exit(0);
  }
  close(fds[1]);
  int acked = 0, value = 0;
  // Read acknowledgements until a few hundred commits are through.
  while (acked < 300 && read(fds[0], &value, sizeof(value)) == sizeof(value)) acked = value;
  kill(child, SIGKILL);
  // Drain anything acknowledged before the kill landed.
  while (read(fds[0], &value, sizeof(value)) == sizeof(value)) acked = value;
  close(fds[0]);
  int status = 0;
  waitpid(child, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "child exited early with " << status;
  ASSERT_GE(acked, 300);

  auto db = nano::Database::Open(dir);
  auto r = db.Execute("SELECT count(*), min(id), max(id) FROM d WHERE id > 0");
  EXPECT_GE(r.GetInt64(0, 0), acked);
  EXPECT_EQ(r.GetInt64(0, 1), 1);
  // Every acknowledged id is there.
  EXPECT_EQ(db.Execute("SELECT count(*) FROM d WHERE id BETWEEN 1 AND $1", {acked}).GetInt64(0, 0),
            acked);
  EXPECT_EQ(db.Execute("SELECT count(*) FROM d WHERE id < 0").GetInt64(0, 0), 0);
  // The database still works after recovery.
  db.Execute("INSERT INTO d VALUES (-5, 'after')");
  EXPECT_EQ(db.Execute("SELECT v FROM d WHERE id = -5").GetString(0, 0), "after");
  fs::remove_all(dir);
}

TEST(EngineTest, ContendedCounterLosesNoUpdate) {
  auto db = nano::Database::OpenInMemory();
  db.Execute("CREATE TABLE c (id int PRIMARY KEY, n int)");
  db.Execute("INSERT INTO c VALUES (1, 0)");
  constexpr int kThreads = 4, kIncrements = 250;
  std::vector<std::thread> threads;
  std::atomic<int> errors{0};
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      auto conn = db.Connect();
      for (int i = 0; i < kIncrements; ++i) {
        try {
          conn.Execute("BEGIN");
          conn.Execute("UPDATE c SET n = n + 1 WHERE id = 1");
          conn.Execute("COMMIT");
        } catch (const nano::Error&) {
          errors.fetch_add(1);
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(db.Execute("SELECT n FROM c").GetInt64(0, 0), kThreads * kIncrements);
}

TEST(EngineTest, SecondWriterWaitsThenSeesTheNewRow) {
  auto db = nano::Database::OpenInMemory();
  db.Execute("CREATE TABLE c (id int PRIMARY KEY, n int)");
  db.Execute("INSERT INTO c VALUES (1, 10)");
  auto a = db.Connect();
  auto b = db.Connect();
  a.Execute("BEGIN");
  a.Execute("UPDATE c SET n = n * 2 WHERE id = 1");
  std::atomic<bool> b_done{false};
  std::thread tb([&] {
    b.Execute("UPDATE c SET n = n + 1 WHERE id = 1");  // blocks on a's row lock
    b_done.store(true);
  });
  // b cannot finish while a holds the lock; readers are not blocked.
  EXPECT_EQ(db.Execute("SELECT n FROM c").GetInt64(0, 0), 10);
  EXPECT_FALSE(b_done.load());
  a.Execute("COMMIT");
  tb.join();
  EXPECT_TRUE(b_done.load());
  // READ COMMITTED: b re-read the committed row (20) and added one.
  EXPECT_EQ(db.Execute("SELECT n FROM c").GetInt64(0, 0), 21);
}

TEST(EngineTest, RepeatableReadConflictIs40001) {
  auto db = nano::Database::OpenInMemory();
  db.Execute("CREATE TABLE c (id int PRIMARY KEY, n int)");
  db.Execute("INSERT INTO c VALUES (1, 1)");
  auto a = db.Connect();
  auto b = db.Connect();
  a.Execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
  EXPECT_EQ(a.Execute("SELECT n FROM c").GetInt64(0, 0), 1);
  b.Execute("UPDATE c SET n = 2 WHERE id = 1");
  try {
    a.Execute("UPDATE c SET n = n + 10 WHERE id = 1");
    FAIL() << "expected 40001";
  } catch (const nano::Error& e) {
    EXPECT_EQ(e.sqlstate(), "40001");
  }
  EXPECT_EQ(a.TransactionStatus(), 'E');
  try {
    a.Execute("SELECT 1");
    FAIL() << "expected 25P02";
  } catch (const nano::Error& e) {
    EXPECT_EQ(e.sqlstate(), "25P02");
  }
  a.Execute("ROLLBACK");
  EXPECT_EQ(a.TransactionStatus(), 'I');
  EXPECT_EQ(db.Execute("SELECT n FROM c").GetInt64(0, 0), 2);
}

TEST(EngineTest, ReadersNeverBlockWriters) {
  auto db = nano::Database::OpenInMemory();
  db.Execute("CREATE TABLE c (id int PRIMARY KEY, n int)");
  db.Execute("INSERT INTO c SELECT g, g FROM generate_series(1, 1000) g");
  auto reader = db.Connect();
  reader.Execute("BEGIN ISOLATION LEVEL REPEATABLE READ");
  EXPECT_EQ(reader.Execute("SELECT sum(n) FROM c").GetInt64(0, 0), 500500);
  // A writer commits while the reader's transaction is open.
  db.Execute("UPDATE c SET n = 0");
  EXPECT_EQ(db.Execute("SELECT sum(n) FROM c").GetInt64(0, 0), 0);
  EXPECT_EQ(reader.Execute("SELECT sum(n) FROM c").GetInt64(0, 0), 500500);
  reader.Execute("COMMIT");
  EXPECT_EQ(reader.Execute("SELECT sum(n) FROM c").GetInt64(0, 0), 0);
}

TEST(EngineTest, ConcurrentInsertsOfOneKeyConflict) {
  auto db = nano::Database::OpenInMemory();
  db.Execute("CREATE TABLE u (k int PRIMARY KEY)");
  auto a = db.Connect();
  auto b = db.Connect();
  a.Execute("BEGIN");
  a.Execute("INSERT INTO u VALUES (1)");
  std::string b_state;
  std::thread tb([&] {
    try {
      b.Execute("INSERT INTO u VALUES (1)");  // waits for a, then conflicts
      b_state = "ok";
    } catch (const nano::Error& e) {
      b_state = e.sqlstate();
    }
  });
  a.Execute("COMMIT");
  tb.join();
  EXPECT_EQ(b_state, "23505");
  EXPECT_EQ(db.Execute("SELECT count(*) FROM u").GetInt64(0, 0), 1);
}

}  // namespace
