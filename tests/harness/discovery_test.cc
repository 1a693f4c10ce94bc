// discovery_test.cc — server binary discovery order (DESIGN.md §3): explicit
// option, then $NANO_BIN, then PATH, then the build tree.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include "nano/harness/error.h"
#include "nano/harness/options.h"

namespace {

namespace fs = std::filesystem;
using nano::harness::FindServerBinary;

class DiscoveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) / ("nano_discovery_" + std::to_string(getpid()));
    fs::create_directories(dir_ / "a");
    fs::create_directories(dir_ / "b");
    MakeExecutable(dir_ / "a" / "heliosdb-nano");
    MakeExecutable(dir_ / "b" / "heliosdb-nano");
    MakeExecutable(dir_ / "explicit-server");
    saved_path_ = std::getenv("PATH") ? std::getenv("PATH") : "";
    const char* bin = std::getenv("NANO_BIN");
    saved_bin_ = bin ? std::optional<std::string>(bin) : std::nullopt;
    unsetenv("NANO_BIN");
  }
  void TearDown() override {
    setenv("PATH", saved_path_.c_str(), 1);
    if (saved_bin_)
      setenv("NANO_BIN", saved_bin_->c_str(), 1);
    else
      unsetenv("NANO_BIN");
    fs::remove_all(dir_);
  }
  static void MakeExecutable(const fs::path& path) {
    std::ofstream(path) << "#!/bin/sh\nexit 0\n";
    fs::permissions(path, fs::perms::owner_all);
  }
  fs::path dir_;
  std::string saved_path_;
  std::optional<std::string> saved_bin_;
};

TEST_F(DiscoveryTest, ExplicitOptionWinsOverEverything) {
  setenv("NANO_BIN", (dir_ / "a" / "heliosdb-nano").c_str(), 1);
  setenv("PATH", (dir_ / "b").c_str(), 1);
  EXPECT_EQ(FindServerBinary((dir_ / "explicit-server").string()),
            (dir_ / "explicit-server").string());
}

TEST_F(DiscoveryTest, NanoBinWinsOverPath) {
  setenv("NANO_BIN", (dir_ / "a" / "heliosdb-nano").c_str(), 1);
  setenv("PATH", (dir_ / "b").c_str(), 1);
  EXPECT_EQ(FindServerBinary(""), (dir_ / "a" / "heliosdb-nano").string());
}

TEST_F(DiscoveryTest, PathIsSearchedInOrder) {
  setenv("PATH", ("/nonexistent:" + (dir_ / "b").string() + ":" + (dir_ / "a").string()).c_str(),
         1);
  EXPECT_EQ(FindServerBinary(""), (dir_ / "b" / "heliosdb-nano").string());
}

TEST_F(DiscoveryTest, BuildTreeIsTheLastResort) {
  setenv("PATH", "/nonexistent", 1);
  // NANO_BUILD_TREE_BIN may not be built in this tree; either it is found,
  // or the error names every place that was tried.
  try {
    std::string found = FindServerBinary("");
    EXPECT_NE(found.find("cli/heliosdb-nano"), std::string::npos) << found;
  } catch (const nano::harness::HarnessError& e) {
    EXPECT_NE(e.reason().find("$PATH"), std::string::npos) << e.what();
    EXPECT_NE(e.reason().find("build tree"), std::string::npos) << e.what();
  }
}

TEST_F(DiscoveryTest, NonExecutableExplicitPathIsAnError) {
  fs::path plain = dir_ / "not-executable";
  std::ofstream(plain) << "x";
  EXPECT_THROW(FindServerBinary(plain.string()), nano::harness::HarnessError);
}

}  // namespace
