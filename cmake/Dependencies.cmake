# Third-party dependencies, all from Debian bookworm packages (see deploy/apt-packages.txt).
# Each becomes an imported target named eda::dep::<name> so that targets link by one stable name.
find_package(Threads REQUIRED)
find_package(Boost 1.81 REQUIRED COMPONENTS json url)
find_package(OpenSSL REQUIRED)
find_package(Protobuf REQUIRED)
find_package(spdlog REQUIRED)
find_package(fmt REQUIRED)
find_package(prometheus-cpp REQUIRED COMPONENTS core)
find_package(GTest REQUIRED)
find_package(benchmark REQUIRED)
find_package(PkgConfig REQUIRED)

pkg_check_modules(RDKAFKA REQUIRED IMPORTED_TARGET rdkafka++)
pkg_check_modules(MARIADB REQUIRED IMPORTED_TARGET libmariadb)
pkg_check_modules(HIREDIS REQUIRED IMPORTED_TARGET hiredis)
pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)

function(eda_alias_dependency name target)
  add_library(eda::dep::${name} INTERFACE IMPORTED GLOBAL)
  target_link_libraries(eda::dep::${name} INTERFACE ${target})
endfunction()

eda_alias_dependency(boost "Boost::headers;Boost::json;Boost::url;eda_asio")  # eda_asio: libs/asio
eda_alias_dependency(ssl "OpenSSL::SSL;OpenSSL::Crypto")
eda_alias_dependency(protobuf protobuf::libprotobuf)
eda_alias_dependency(log "spdlog::spdlog;fmt::fmt")
eda_alias_dependency(prometheus prometheus-cpp::core)
eda_alias_dependency(rdkafka PkgConfig::RDKAFKA)
eda_alias_dependency(mariadb PkgConfig::MARIADB)
eda_alias_dependency(hiredis PkgConfig::HIREDIS)
eda_alias_dependency(sodium PkgConfig::SODIUM)
eda_alias_dependency(gtest "GTest::gtest;GTest::gmock;GTest::gtest_main")
eda_alias_dependency(benchmark benchmark::benchmark)
