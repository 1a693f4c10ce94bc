// bench/clone_bench.cc — CREATE DATABASE ... TEMPLATE cost against template
// size. A clone is a new branch whose reads fall through to the template at
// the fork version, so its cost must not grow with the template's rows.
// Run: build/<preset>/bench/clone_bench (bench/run collects it).
#include <benchmark/benchmark.h>

#include <string>

#include "nano/nano.h"

namespace {

void BM_CloneTemplate(benchmark::State& state) {
  const int64_t rows = state.range(0);
  auto db = nano::Database::OpenInMemory();
  db.Execute("CREATE DATABASE seed");
  {
    auto s = db.Connect("seed");
    s.Execute("CREATE TABLE items (id int PRIMARY KEY, v text)");
    s.Execute("INSERT INTO items SELECT g, 'value ' || g FROM generate_series(1, $1) g",
              {static_cast<long long>(rows)});
  }
  // Let the seed's writes settle (memtable flushes) before timing clones.
  for (int i = 0; i < 50; ++i) {
    db.Execute("CREATE DATABASE warm TEMPLATE seed");
    db.Execute("DROP DATABASE warm");
  }
  int64_t n = 0;
  for (auto _ : state) {
    std::string name = "c" + std::to_string(n++);
    db.Execute("CREATE DATABASE " + name + " TEMPLATE seed");
    state.PauseTiming();
    db.Execute("DROP DATABASE " + name);
    state.ResumeTiming();
  }
  state.counters["template_rows"] = static_cast<double>(rows);
}
BENCHMARK(BM_CloneTemplate)->Arg(1000)->Arg(1000000)->Unit(benchmark::kMicrosecond);

// Fresh database per test as the fixtures do it: clone, first query, drop.
void BM_CloneQueryDrop(benchmark::State& state) {
  auto db = nano::Database::OpenInMemory();
  db.Execute("CREATE DATABASE seed");
  {
    auto s = db.Connect("seed");
    for (int t = 0; t < 10; ++t) {
      std::string table = "t" + std::to_string(t);
      s.Execute("CREATE TABLE " + table + " (id int PRIMARY KEY, v text)");
      s.Execute("INSERT INTO " + table + " SELECT g, 'v' || g FROM generate_series(1, 100) g");
    }
  }
  int64_t n = 0;
  for (auto _ : state) {
    std::string name = "c" + std::to_string(n++);
    db.Execute("CREATE DATABASE " + name + " TEMPLATE seed");
    auto c = db.Connect(name);
    benchmark::DoNotOptimize(c.Execute("SELECT v FROM t3 WHERE id = 42"));
    c = db.Connect("seed");
    db.Execute("DROP DATABASE " + name);
  }
}
BENCHMARK(BM_CloneQueryDrop)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
