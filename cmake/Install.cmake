# Install rules and the CMake package config: another project does
#   find_package(HeliosNano REQUIRED)
#   target_link_libraries(my_tests PRIVATE nano::gtest)   # or nano::harness, nano::engine
#
# Components, so a part can be installed without building the rest
# (cmake --install build --component harness):
#   server   bin/heliosdb-nano
#   engine   nano::engine (library + nano/nano.h)
#   harness  nano::harness, nano::gtest, bin/nano-harness, their headers
#   dev      the package config files (install with engine and/or harness)
# The config includes each component's targets only when they are installed.
include(CMakePackageConfigHelpers)
set(NANO_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/HeliosNano)

install(TARGETS heliosdb-nano RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT server)
install(TARGETS nano-harness RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT harness)

install(TARGETS nano_engine EXPORT HeliosNanoEngineTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT engine
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT engine)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/engine/include/nano
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT engine)
install(EXPORT HeliosNanoEngineTargets NAMESPACE nano:: DESTINATION ${NANO_CMAKE_DIR}
        COMPONENT engine)

install(TARGETS nano_harness nano_gtest EXPORT HeliosNanoHarnessTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT harness
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT harness)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/harness/include/nano ${PROJECT_SOURCE_DIR}/fixtures/gtest/include/nano
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT harness)
install(EXPORT HeliosNanoHarnessTargets NAMESPACE nano:: DESTINATION ${NANO_CMAKE_DIR}
        COMPONENT harness)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/HeliosNanoConfig.cmake.in
  ${PROJECT_BINARY_DIR}/HeliosNanoConfig.cmake
  INSTALL_DESTINATION ${NANO_CMAKE_DIR}
  PATH_VARS CMAKE_INSTALL_BINDIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/HeliosNanoConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/HeliosNanoConfig.cmake ${PROJECT_BINARY_DIR}/HeliosNanoConfigVersion.cmake
        DESTINATION ${NANO_CMAKE_DIR} COMPONENT dev)
