# eda_library(<name> SOURCES ... [DEPS ...])
#   A library of libs/<name>: public headers under include/, linked as eda::<name>.
function(eda_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  if(ARG_SOURCES)
    add_library(eda_${name} STATIC ${ARG_SOURCES})
    target_include_directories(eda_${name} PUBLIC ${CMAKE_CURRENT_SOURCE_DIR}/include
                                           PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/src)
    target_link_libraries(eda_${name} PUBLIC ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  else()
    add_library(eda_${name} INTERFACE)
    target_include_directories(eda_${name} INTERFACE ${CMAKE_CURRENT_SOURCE_DIR}/include)
    target_link_libraries(eda_${name} INTERFACE ${ARG_DEPS})
  endif()
  add_library(eda::${name} ALIAS eda_${name})
endfunction()

# eda_test(<name> SOURCES ... [DEPS ...] [LABEL unit|kafka|sql|redis|cassandra|e2e|fault])
#   A GoogleTest executable registered with ctest. LABEL defaults to unit: runnable with no server.
#   Server tests read their endpoints from EDA_* environment variables that `eda test` exports.
function(eda_test name)
  cmake_parse_arguments(ARG "" "LABEL;TIMEOUT" "SOURCES;DEPS" ${ARGN})
  if(NOT ARG_LABEL)
    set(ARG_LABEL unit)
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 300)
  endif()
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} eda::dep::gtest)
  add_test(NAME ${name} COMMAND ${name} --gtest_color=no)
  set_tests_properties(${name} PROPERTIES LABELS ${ARG_LABEL} TIMEOUT ${ARG_TIMEOUT})
endfunction()

# eda_benchmark(<name> SOURCES ... [DEPS ...]): a Google Benchmark or stand-alone bench binary
# that `eda bench` runs; never registered as a test.
function(eda_benchmark name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS})
  set_property(GLOBAL APPEND PROPERTY EDA_BENCHMARKS ${name})
endfunction()
