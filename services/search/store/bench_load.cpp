// eda-search-bench-load: writes N products through the real index write path (the same Lua scripts
// the consumer uses) into the Redis of EDA_REDIS_*, for bench/search.sh.
//   eda-search-bench-load <prefix> <products> <group size>
//   eda-search-bench-load --delete <base id> <products>   (cleanup: deletes them through the same path,
//                                                         then drops their tombstones)
// Product i (1-based, id = base + i) gets the name "<prefix>word 노트북 <i>", price 1000 + i, the tags
// "<prefix>" (all) and "<prefix>-g<k>" (groups of <group size>), and is added to those seed tag sets.
// Prints the base id. Exit 1 on a Redis error.

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "eda/redis/pool.hpp"
#include "search/domain/product_document.hpp"
#include "search/store/redis_search_index.hpp"

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: eda-search-bench-load <prefix> <products> <group size> | --delete <base> <products>\n";
    return 2;
  }
  if (std::string_view(argv[1]) == "--delete") {
    auto settings = eda::redis::Settings::FromEnv(eda::redis::Settings{});
    if (!settings) return 1;
    eda::redis::Pool pool(*settings);
    eda::search::RedisSearchIndex index(pool);
    const std::int64_t base = std::atoll(argv[2]);
    const long n = std::atol(argv[3]);
    const std::int64_t version = std::chrono::duration_cast<std::chrono::milliseconds>(
                                     std::chrono::system_clock::now().time_since_epoch()).count() + 1000;
    auto gen = index.ActiveGeneration();
    if (!gen) return 1;
    auto conn = pool.Acquire();
    if (!conn) return 1;
    for (long i = 1; i <= n; ++i) {
      const std::string id = std::to_string(base + i);
      if (!index.ApplyDelete(base + i, version, {})) return 1;
      (void)conn->Del(std::vector<std::string>{"search:g" + *gen + ":p:" + id, "search:g" + *gen + ":tv:" + id});
    }
    return 0;
  }
  const std::string prefix = argv[1];
  const long n = std::atol(argv[2]);
  const long group = std::max(1L, std::atol(argv[3]));
  auto settings = eda::redis::Settings::FromEnv(eda::redis::Settings{});
  if (!settings) {
    std::cerr << settings.error().message << "\n";
    return 1;
  }
  eda::redis::Pool pool(*settings);
  eda::search::RedisSearchIndex index(pool);
  const std::int64_t base = 7'000'000'000'000 + (std::chrono::system_clock::now().time_since_epoch().count() % 1'000'000) * 10'000;
  const std::int64_t version = std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::system_clock::now().time_since_epoch()).count();
  for (long i = 1; i <= n; ++i) {
    const std::string group_tag = prefix + "-g" + std::to_string((i - 1) / group);
    eda::search::ProductChange c;
    c.product = eda::search::ProductSummary{base + i, prefix + "word 노트북 " + std::to_string(i), 1000 + i, 10, 1,
                                            {prefix, group_tag}};
    c.version_ms = version;
    auto u = index.ApplyUpsert(eda::search::MakeDocument(c), {});
    auto t = index.ApplyTags(eda::search::TagChange{eda::search::TagOp::kAdd, base + i, {prefix, group_tag}, version}, {});
    if (!u || !t) {
      std::cerr << "redis error: " << (!u ? u.error().message : t.error().message) << "\n";
      return 1;
    }
  }
  std::cout << base << "\n";
  pool.Stop();
  return 0;
}
