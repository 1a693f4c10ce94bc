// bench/storage_bench.cc — micro benchmarks of the in-memory VersionedStore:
// point Get and a 100-row scan, on a branch alone (chain length 1) and on a
// child branch over its parent (chain length 2, half the rows overridden in
// the child). Not a test: it only measures.
#include <benchmark/benchmark.h>

#include <memory>
#include <random>
#include <string>
#include <vector>

#include "storage/codec.h"
#include "storage/versioned_store.h"

namespace nano {
namespace {

constexpr int kRows = 100000;
constexpr BranchId kParent = 1;
constexpr BranchId kChild = 2;

std::string RowKey(int64_t i) {
  std::string k;
  AppendU32BE(&k, 42);  // table id
  EncodeKeyValue(Value::Int8(i), type::kInt8, false, &k);
  return k;
}

struct Fixture {
  std::unique_ptr<VersionedStore> store;
  Version fork = 0;

  Fixture() {
    StoreOptions options;
    options.in_memory = true;
    if (!VersionedStore::Open(options, &store).ok()) std::abort();
    std::string row(64, 'r');
    std::vector<WriteOp> ops;
    for (int i = 0; i < kRows; ++i) {
      ops.push_back(WriteOp{kParent, RowKey(i), row, false});
      if (ops.size() == 1000) Flush(&ops);
    }
    Flush(&ops);
    fork = store->LastCommitted();
    for (int i = 0; i < kRows; i += 2) {
      ops.push_back(WriteOp{kChild, RowKey(i), row + "c", false});
      if (ops.size() == 1000) Flush(&ops);
    }
    Flush(&ops);
  }
  void Flush(std::vector<WriteOp>* ops) {
    Version v;
    if (!store->Commit(*ops, &v).ok()) std::abort();
    ops->clear();
  }
  BranchChain Chain(int length) const {
    const Version snap = store->LastCommitted();
    if (length == 1) return {BranchView{kParent, snap}};
    return {BranchView{kChild, snap}, BranchView{kParent, fork}};
  }
};

Fixture& Shared() {
  static Fixture* fixture = new Fixture();
  return *fixture;
}

void BM_Get(benchmark::State& state) {
  Fixture& f = Shared();
  const BranchChain chain = f.Chain(static_cast<int>(state.range(0)));
  std::mt19937 rng(1);
  std::uniform_int_distribution<int> pick(0, kRows - 1);
  std::string value;
  for (auto _ : state) {
    bool found = false;
    Status s = f.store->Get(chain, RowKey(pick(rng)), &value, &found);
    if (!s.ok() || !found) state.SkipWithError("lookup failed");
    benchmark::DoNotOptimize(value);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_Get)->Arg(1)->Arg(2);

// Lookups of keys that do not exist (what an INSERT's conflict check does).
void BM_GetMiss(benchmark::State& state) {
  Fixture& f = Shared();
  const BranchChain chain = f.Chain(static_cast<int>(state.range(0)));
  std::mt19937 rng(3);
  std::uniform_int_distribution<int> pick(kRows, 2 * kRows);
  std::string value;
  for (auto _ : state) {
    bool found = true;
    Status s = f.store->Get(chain, RowKey(pick(rng)), &value, &found);
    if (!s.ok() || found) state.SkipWithError("miss lookup failed");
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GetMiss)->Arg(1)->Arg(2);

void BM_Scan100(benchmark::State& state) {
  Fixture& f = Shared();
  const BranchChain chain = f.Chain(static_cast<int>(state.range(0)));
  std::mt19937 rng(2);
  std::uniform_int_distribution<int> pick(0, kRows - 101);
  size_t bytes = 0;
  for (auto _ : state) {
    const int start = pick(rng);
    auto it = f.store->NewIterator(chain, RowKey(start), RowKey(start + 100));
    int rows = 0;
    for (; it->Valid(); it->Next()) {
      bytes += it->value().size();
      ++rows;
    }
    if (rows != 100) state.SkipWithError("scan returned the wrong row count");
  }
  benchmark::DoNotOptimize(bytes);
  state.SetItemsProcessed(state.iterations() * 100);
}
BENCHMARK(BM_Scan100)->Arg(1)->Arg(2);

}  // namespace
}  // namespace nano

BENCHMARK_MAIN();
