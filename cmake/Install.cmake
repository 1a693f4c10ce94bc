# Install rules and the CMake package config: another project does
#   find_package(HeliosNano REQUIRED)
#   target_link_libraries(my_tests PRIVATE nano::gtest)   # or nano::harness, nano::engine
include(CMakePackageConfigHelpers)

install(TARGETS heliosdb-nano nano-harness RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS nano_engine nano_harness nano_gtest EXPORT HeliosNanoTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/engine/include/nano ${PROJECT_SOURCE_DIR}/harness/include/nano
        ${PROJECT_SOURCE_DIR}/fixtures/gtest/include/nano
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(EXPORT HeliosNanoTargets NAMESPACE nano:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/HeliosNano)

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/HeliosNanoConfig.cmake.in
  ${PROJECT_BINARY_DIR}/HeliosNanoConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/HeliosNano
  PATH_VARS CMAKE_INSTALL_BINDIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/HeliosNanoConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/HeliosNanoConfig.cmake ${PROJECT_BINARY_DIR}/HeliosNanoConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/HeliosNano)
