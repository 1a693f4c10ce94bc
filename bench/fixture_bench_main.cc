// fixture_bench_main.cc — time per test for a fresh seeded database, the way
// NanoMemoryFixture makes one (clone the seeded template, connect, query,
// disconnect, drop), on HeliosDB Nano and on PostgreSQL 15 (CREATE DATABASE
// ... TEMPLATE), side by side in one run, with the ratio.
//
//   bench/fixture_bench.sh [BUILD_DIR]      starts a PostgreSQL 15 and runs this
//   nano_fixture_bench [iterations]         PG15_URL = the PostgreSQL side;
//                                           NANO_BIN / discovery = the Nano side
// Built by tests/harness/CMakeLists.txt (target nano_fixture_bench): it links
// the harness, not the engine, which bench/'s *_bench.cc glob assumes.
// A side that cannot run is reported as such; this is never a timed test.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "nano/harness/instance.h"

namespace {

using nano::harness::Instance;
using nano::harness::Options;
using nano::harness::PgConnection;
using Clock = std::chrono::steady_clock;

// 8 tables x 500 rows plus an index each: enough that copying it costs
// something on PostgreSQL, small enough to seed in a moment.
std::string SeedSql() {
  std::string sql;
  for (int t = 0; t < 8; ++t) {
    std::string table = "seed_" + std::to_string(t);
    sql += "CREATE TABLE " + table + " (id INT PRIMARY KEY, name TEXT, score INT);";
    sql += "CREATE INDEX " + table + "_score ON " + table + " (score);";
    sql += "INSERT INTO " + table + " VALUES ";
    for (int r = 0; r < 500; ++r) {
      if (r > 0) sql += ",";
      sql += "(" + std::to_string(r) + ",'row-" + std::to_string(r) + "'," +
             std::to_string(r % 97) + ")";
    }
    sql += ";";
  }
  return sql;
}

struct Result {
  bool ok = false;
  std::string error;
  double start_ms = 0;
  double median_ms = 0;
  double mean_ms = 0;
  bool spawned = false;
};

Result Measure(Options options, int iterations) {
  Result result;
  try {
    options.http = false;
    auto started = Clock::now();
    Instance server{options};
    server.Start();
    result.start_ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
    result.spawned = !server.external();
    const std::string tpl = Instance::UniqueName("bench_tpl");
    server.CreateDatabase(tpl);
    server.ExecSql(tpl, SeedSql());
    std::vector<double> samples;
    for (int i = 0; i < iterations; ++i) {
      auto begin = Clock::now();
      const std::string name = Instance::UniqueName("bench_t");
      server.CloneDatabase(tpl, name);
      {
        PgConnection conn(server.PgUrl(name));
        if (conn.QueryScalar("SELECT count(*) FROM seed_3") != "500") {
          throw nano::harness::HarnessError("clone is missing the seed");
        }
      }
      server.DropDatabase(name, /*force=*/true);
      samples.push_back(std::chrono::duration<double, std::milli>(Clock::now() - begin).count());
    }
    server.DropDatabase(tpl, /*force=*/true);
    std::sort(samples.begin(), samples.end());
    result.median_ms = samples[samples.size() / 2];
    double sum = 0;
    for (double s : samples) sum += s;
    result.mean_ms = sum / static_cast<double>(samples.size());
    result.ok = true;
  } catch (const std::exception& e) {
    result.error = e.what();
  }
  return result;
}

void Print(const char* label, const Result& r) {
  if (!r.ok) {
    std::printf("  %-6s not run: %s\n", label, r.error.substr(0, r.error.find('\n')).c_str());
    return;
  }
  // The Nano side spawns its server; the PostgreSQL side was started before
  // the run, so its "start" is only the harness connecting to it.
  std::printf("  %-6s %8.2f ms/test median  %8.2f mean   (%s in %.1f ms)\n", label, r.median_ms,
              r.mean_ms, r.spawned ? "spawned and ready" : "attached", r.start_ms);
}

}  // namespace

int main(int argc, char** argv) {
  const int iterations = argc > 1 ? std::max(1, std::atoi(argv[1])) : 50;
  Options nano_options;
  nano_options.external_url = "";
  unsetenv("NANO_EXTERNAL_URL");  // the Nano side always spawns
  Result nano = Measure(nano_options, iterations);
  Result pg;
  if (const char* pg_url = std::getenv("PG15_URL"); pg_url && *pg_url) {
    Options pg_options;
    pg_options.external_url = pg_url;
    pg = Measure(pg_options, iterations);
  } else {
    pg.error = "PG15_URL is not set (run bench/fixture_bench.sh)";
  }
  std::printf(
      "fresh seeded database per test (clone template + connect + query + drop), "
      "%d iterations, seed 8 tables x 500 rows\n",
      iterations);
  Print("nano", nano);
  Print("pg15", pg);
  if (nano.ok && pg.ok) {
    std::printf("  ratio  pg15/nano = %.2fx (median)\n", pg.median_ms / nano.median_ms);
  }
  return nano.ok || pg.ok ? 0 : 1;
}
