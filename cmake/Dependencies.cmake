# Every third-party dependency is a Debian package (scripts/packages.txt);
# docs/dependencies.md says why each is here. Imported targets are created
# once here so components link by name.
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
# librocksdb-dev: link the shared library directly; its CMake config drags in
# gflags and every compression codec for the static archive.
find_path(ROCKSDB_INCLUDE_DIR rocksdb/db.h REQUIRED)
find_library(ROCKSDB_LIBRARY NAMES rocksdb REQUIRED)
add_library(nano_rocksdb INTERFACE)
target_include_directories(nano_rocksdb INTERFACE ${ROCKSDB_INCLUDE_DIR})
target_link_libraries(nano_rocksdb INTERFACE ${ROCKSDB_LIBRARY})
find_package(CLI11 CONFIG REQUIRED)            # libcli11-dev
find_package(nlohmann_json CONFIG REQUIRED)    # nlohmann-json3-dev
find_package(OpenSSL REQUIRED)                 # libssl-dev: SCRAM, md5, TLS
find_package(Boost 1.74 REQUIRED COMPONENTS system filesystem)
pkg_check_modules(ZSTD REQUIRED IMPORTED_TARGET libzstd)
pkg_check_modules(LIBPQ REQUIRED IMPORTED_TARGET libpq)
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
pkg_check_modules(LIBEDIT REQUIRED IMPORTED_TARGET libedit)

# libpg-query-dev ships a static library and headers, no CMake/pkg-config file.
find_path(PG_QUERY_INCLUDE_DIR pg_query.h REQUIRED)
find_library(PG_QUERY_LIBRARY NAMES libpg_query.a pg_query REQUIRED)
add_library(nano_pg_query INTERFACE)
target_include_directories(nano_pg_query INTERFACE ${PG_QUERY_INCLUDE_DIR} ${PG_QUERY_INCLUDE_DIR}/pg_query)
target_link_libraries(nano_pg_query INTERFACE ${PG_QUERY_LIBRARY})

if(NANO_BUILD_TESTS OR NANO_BUILD_BENCH)
  find_package(GTest CONFIG REQUIRED)
endif()
if(NANO_BUILD_BENCH)
  find_package(benchmark CONFIG REQUIRED)
endif()
