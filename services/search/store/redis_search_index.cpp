#include "search/store/redis_search_index.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>

namespace eda::search {
namespace {

constexpr char kSep = '\x1f';

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const auto& p : parts) {
    if (!out.empty()) out.push_back(kSep);
    out += p;
  }
  return out;
}

std::vector<std::string> Split(const std::string& s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < s.size()) {
    std::size_t end = s.find(kSep, start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::int64_t ToInt(const std::string& s) {
  std::int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::int64_t ReplyInt(const redis::Reply& r) {
  if (r.type == redis::ReplyType::kInteger) return r.integer;
  if (r.type == redis::ReplyType::kString || r.type == redis::ReplyType::kStatus) {
    return static_cast<std::int64_t>(std::llround(std::strtod(r.str.c_str(), nullptr)));
  }
  return 0;
}

// Shared prologue of every write script: resolves the target generation (ARGV[1], empty = the
// active one), its key prefix P, and whether it is live (then seed tag sets use their original keys).
constexpr std::string_view kPrologue = R"lua(
local active = redis.call('GET', 'search:active') or '0'
local gen = ARGV[1]
if gen == '' then gen = active end
local P = 'search:g' .. gen .. ':'
local live = (gen == active)
local function seedkey(tag) if live then return tag end return P .. 'seed:' .. tag end
local function split(s)
  local out = {}
  if not s then return out end
  for part in string.gmatch(s, '([^\31]+)') do out[#out + 1] = part end
  return out
end
)lua";

// ARGV: gen, id, version, name, price, stock, seller, tags, words, terms (lists \x1f-joined).
constexpr std::string_view kUpsert = R"lua(
local id = ARGV[2]
local v = tonumber(ARGV[3])
local hk = P .. 'p:' .. id
local cur = redis.call('HGET', hk, 'v')
if cur and tonumber(cur) > v then return 0 end
local old = redis.call('HMGET', hk, 'tags', 'words', 'terms')
for _, t in ipairs(split(old[1])) do redis.call('SREM', P .. 't:' .. t, id) end
for _, w in ipairs(split(old[2])) do redis.call('SREM', P .. 'w:' .. w, id) end
for _, t in ipairs(split(old[3])) do redis.call('SREM', P .. 'tok:' .. t, id) end
for _, t in ipairs(split(ARGV[8])) do redis.call('SADD', P .. 't:' .. t, id) end
for _, w in ipairs(split(ARGV[9])) do redis.call('SADD', P .. 'w:' .. w, id) end
for _, t in ipairs(split(ARGV[10])) do redis.call('SADD', P .. 'tok:' .. t, id) end
redis.call('ZADD', P .. 'price', ARGV[5], id)
redis.call('ZADD', P .. 'byid', id, id)
redis.call('HDEL', hk, 'deleted')
redis.call('HSET', hk, 'name', ARGV[4], 'price', ARGV[5], 'stock', ARGV[6], 'seller', ARGV[7],
           'tags', ARGV[8], 'words', ARGV[9], 'terms', ARGV[10], 'v', ARGV[3])
return 1
)lua";

// ARGV: gen, id, version. Removes the product from the read model and from every seed tag set it
// was added to through this generation, and leaves a tombstone {v, deleted}.
constexpr std::string_view kDelete = R"lua(
local id = ARGV[2]
local v = tonumber(ARGV[3])
local hk = P .. 'p:' .. id
local cur = redis.call('HGET', hk, 'v')
if cur and tonumber(cur) > v then return 0 end
local old = redis.call('HMGET', hk, 'tags', 'words', 'terms')
for _, t in ipairs(split(old[1])) do redis.call('SREM', P .. 't:' .. t, id) end
for _, w in ipairs(split(old[2])) do redis.call('SREM', P .. 'w:' .. w, id) end
for _, t in ipairs(split(old[3])) do redis.call('SREM', P .. 'tok:' .. t, id) end
redis.call('ZREM', P .. 'price', id)
redis.call('ZREM', P .. 'byid', id)
local tv = P .. 'tv:' .. id
local fields = redis.call('HGETALL', tv)
for i = 1, #fields, 2 do
  if tonumber(fields[i + 1]) <= v then
    redis.call('SREM', seedkey(fields[i]), id)
    redis.call('HSET', tv, fields[i], ARGV[3])
  end
end
redis.call('DEL', hk)
redis.call('HSET', hk, 'v', ARGV[3], 'deleted', '1')
return 1
)lua";

// ARGV: gen, id, version, op ("add"|"remove"), tags... Each (product, tag) keeps the version of its
// last operation; an older one is skipped, and an add older than the product's tombstone too.
constexpr std::string_view kTags = R"lua(
local id = ARGV[2]
local v = tonumber(ARGV[3])
local add = (ARGV[4] == 'add')
local hk = P .. 'p:' .. id
local tomb = redis.call('HMGET', hk, 'deleted', 'v')
if add and tomb[1] and tonumber(tomb[2]) > v then return 0 end
local tv = P .. 'tv:' .. id
local changed = 0
for i = 5, #ARGV do
  local tag = ARGV[i]
  local last = redis.call('HGET', tv, tag)
  if (not last) or tonumber(last) <= v then
    redis.call('HSET', tv, tag, ARGV[3])
    redis.call('SADD', P .. 'seedtags', tag)
    if add then redis.call('SADD', seedkey(tag), id) else redis.call('SREM', seedkey(tag), id) end
    changed = changed + 1
  end
end
return changed
)lua";

// ARGV: mode, ntags, tags..., terms... Returns {gen, id, price, exact, taghits, id, ...}.
constexpr std::string_view kCandidates = R"lua(
local gen = redis.call('GET', 'search:active') or '0'
local P = 'search:g' .. gen .. ':'
local mode = ARGV[1]
local ntags = tonumber(ARGV[2])
local tagkeys, termkeys, words = {}, {}, {}
for i = 1, ntags do tagkeys[#tagkeys + 1] = P .. 't:' .. ARGV[2 + i] end
for i = 3 + ntags, #ARGV do
  termkeys[#termkeys + 1] = P .. 'tok:' .. ARGV[i]
  words[#words + 1] = P .. 'w:' .. ARGV[i]
end
local ids
if ntags > 0 and mode == 'or' then
  ids = redis.call('SUNION', unpack(tagkeys))
  if #termkeys > 0 then
    local kept = {}
    for _, id in ipairs(ids) do
      local ok = true
      for _, k in ipairs(termkeys) do
        if redis.call('SISMEMBER', k, id) == 0 then ok = false break end
      end
      if ok then kept[#kept + 1] = id end
    end
    ids = kept
  end
else
  local keys = {}
  for _, k in ipairs(tagkeys) do keys[#keys + 1] = k end
  for _, k in ipairs(termkeys) do keys[#keys + 1] = k end
  ids = redis.call('SINTER', unpack(keys))
end
local out = {gen}
for _, id in ipairs(ids) do
  local price = redis.call('ZSCORE', P .. 'price', id)
  if price then
    local exact = 0
    for _, w in ipairs(words) do exact = exact + redis.call('SISMEMBER', w, id) end
    local hits = ntags
    if mode == 'or' then
      hits = 0
      for _, k in ipairs(tagkeys) do hits = hits + redis.call('SISMEMBER', k, id) end
    end
    out[#out + 1] = id
    out[#out + 1] = price
    out[#out + 1] = exact
    out[#out + 1] = hits
  end
end
return out
)lua";

// ARGV: offset, count. Returns {gen, total, id, id, ...}: live products by id descending (ids are
// exact as zset scores up to 2^53).
constexpr std::string_view kNewest = R"lua(
local gen = redis.call('GET', 'search:active') or '0'
local P = 'search:g' .. gen .. ':'
local offset = tonumber(ARGV[1])
local count = tonumber(ARGV[2])
local out = {gen, redis.call('ZCARD', P .. 'byid')}
if count > 0 then
  for _, id in ipairs(redis.call('ZREVRANGE', P .. 'byid', offset, offset + count - 1)) do out[#out + 1] = id end
end
return out
)lua";

// ARGV: new generation. Returns the old one.
constexpr std::string_view kSwap = R"lua(
local old = redis.call('GET', 'search:active') or '0'
local new = ARGV[1]
if old == new then return old end
local OP = 'search:g' .. old .. ':'
local NP = 'search:g' .. new .. ':'
for _, t in ipairs(redis.call('SMEMBERS', OP .. 'seedtags')) do
  if redis.call('SISMEMBER', NP .. 'seedtags', t) == 0 then redis.call('DEL', t) end
end
for _, t in ipairs(redis.call('SMEMBERS', NP .. 'seedtags')) do
  if redis.call('EXISTS', NP .. 'seed:' .. t) == 1 then
    redis.call('RENAME', NP .. 'seed:' .. t, t)
  else
    redis.call('DEL', t)
  end
end
redis.call('SET', 'search:active', new)
return old
)lua";

std::string Script(std::string_view body, bool prologue) {
  std::string s;
  if (prologue) s += kPrologue;
  s += body;
  return s;
}

}  // namespace

Result<bool> RedisSearchIndex::ApplyUpsert(const IndexDocument& doc, const IndexTarget& target) {
  static const std::string script = Script(kUpsert, true);
  const ProductSummary& p = doc.product;
  std::vector<std::string> args = {target.rebuild_generation, std::to_string(p.product_id), std::to_string(doc.version_ms),
                                   p.name, std::to_string(p.price), std::to_string(p.stock), std::to_string(p.seller_id),
                                   Join(p.tags), Join(doc.words), Join(doc.terms)};
  auto c = pool_.Acquire();
  if (!c) return c.error();
  auto r = c->Eval(script, {}, args);
  if (!r) return r.error();
  return r->integer == 1;
}

Result<bool> RedisSearchIndex::ApplyDelete(std::int64_t product_id, std::int64_t version_ms, const IndexTarget& target) {
  static const std::string script = Script(kDelete, true);
  auto c = pool_.Acquire();
  if (!c) return c.error();
  auto r = c->Eval(script, {}, {target.rebuild_generation, std::to_string(product_id), std::to_string(version_ms)});
  if (!r) return r.error();
  return r->integer == 1;
}

Result<int> RedisSearchIndex::ApplyTags(const TagChange& change, const IndexTarget& target) {
  static const std::string script = Script(kTags, true);
  std::vector<std::string> args = {target.rebuild_generation, std::to_string(change.product_id),
                                   std::to_string(change.version_ms), change.op == TagOp::kAdd ? "add" : "remove"};
  for (const auto& t : change.tags) args.push_back(t);
  auto c = pool_.Acquire();
  if (!c) return c.error();
  auto r = c->Eval(script, {}, args);
  if (!r) return r.error();
  return static_cast<int>(r->integer);
}

Result<std::vector<std::string>> RedisSearchIndex::TagMembers(const std::string& tag) {
  auto c = pool_.Acquire();
  if (!c) return c.error();
  return c->SMembers(tag);
}

Result<CandidateSet> RedisSearchIndex::FindCandidates(const QueryPlan& plan) {
  static const std::string script(kCandidates);
  std::vector<std::string> args = {plan.mode == TagMode::kOr ? "or" : "and", std::to_string(plan.tags.size())};
  for (const auto& t : plan.tags) args.push_back(t);
  for (const auto& t : plan.terms) args.push_back(t);
  auto c = pool_.Acquire();
  if (!c) return c.error();
  auto r = c->Eval(script, {}, args);
  if (!r) return r.error();
  if (r->type != redis::ReplyType::kArray || r->elements.empty()) {
    return Error::Permanent("search.reply", "unexpected reply of the candidate script");
  }
  CandidateSet set;
  set.generation = r->elements[0].str;
  for (std::size_t i = 1; i + 3 < r->elements.size(); i += 4) {
    Candidate cand;
    cand.product_id = ToInt(r->elements[i].str);
    cand.price = ReplyInt(r->elements[i + 1]);
    cand.exact_words = static_cast<int>(ReplyInt(r->elements[i + 2]));
    cand.tag_hits = static_cast<int>(ReplyInt(r->elements[i + 3]));
    set.candidates.push_back(cand);
  }
  return set;
}

Result<NewestPage> RedisSearchIndex::NewestProducts(std::int64_t offset, std::int64_t count) {
  static const std::string script(kNewest);
  auto c = pool_.Acquire();
  if (!c) return c.error();
  auto r = c->Eval(script, {}, {std::to_string(offset), std::to_string(count)});
  if (!r) return r.error();
  if (r->type != redis::ReplyType::kArray || r->elements.size() < 2) {
    return Error::Permanent("search.reply", "unexpected reply of the newest script");
  }
  NewestPage page;
  page.generation = r->elements[0].str;
  page.total = ReplyInt(r->elements[1]);
  for (std::size_t i = 2; i < r->elements.size(); ++i) page.ids.push_back(ToInt(r->elements[i].str));
  return page;
}

Result<std::vector<ProductSummary>> RedisSearchIndex::FetchSummaries(const std::vector<std::int64_t>& ids,
                                                                     const std::string& generation) {
  std::vector<redis::Args> commands;
  commands.reserve(ids.size());
  const std::string prefix = "search:g" + generation + ":p:";
  for (std::int64_t id : ids) {
    commands.push_back({"HMGET", prefix + std::to_string(id), "name", "price", "stock", "seller", "tags", "deleted"});
  }
  auto c = pool_.Acquire();
  if (!c) return c.error();
  auto replies = c->Pipeline(commands);
  if (!replies) return replies.error();
  std::vector<ProductSummary> out;
  for (std::size_t i = 0; i < replies->size(); ++i) {
    const redis::Reply& r = (*replies)[i];
    if (r.type != redis::ReplyType::kArray || r.elements.size() != 6) continue;
    if (r.elements[0].is_nil() || !r.elements[5].is_nil()) continue;  // gone or deleted meanwhile
    ProductSummary p;
    p.product_id = ids[i];
    p.name = r.elements[0].str;
    p.price = ToInt(r.elements[1].str);
    p.stock = ToInt(r.elements[2].str);
    p.seller_id = ToInt(r.elements[3].str);
    p.tags = Split(r.elements[4].str);
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::string> RedisSearchIndex::NewGeneration() {
  auto c = pool_.Acquire();
  if (!c) return c.error();
  auto n = c->Incr("search:generation");
  if (!n) return n.error();
  return std::to_string(*n);
}

namespace {
constexpr std::string_view kRebuildClaim = "search:rebuild";
// DEL only while the value is still the caller's: an expired claim taken over by another instance stays.
constexpr std::string_view kReleaseIfOwner =
    "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
}  // namespace

Result<bool> RedisSearchIndex::ClaimRebuild(const std::string& owner, std::chrono::milliseconds ttl) {
  auto c = pool_.Acquire();
  if (!c) return c.error();
  return c->Set(kRebuildClaim, owner, redis::SetOptions{.ttl = ttl, .only_if_absent = true});
}

Status RedisSearchIndex::ReleaseRebuild(const std::string& owner) {
  auto c = pool_.Acquire();
  if (!c) return c.error();
  auto r = c->Eval(kReleaseIfOwner, {std::string(kRebuildClaim)}, {owner});
  if (!r) return r.error();
  return {};
}

Result<bool> RedisSearchIndex::RebuildClaimed() {
  auto c = pool_.Acquire();
  if (!c) return c.error();
  return c->Exists(kRebuildClaim);
}

Result<std::string> RedisSearchIndex::ActiveGeneration() {
  auto c = pool_.Acquire();
  if (!c) return c.error();
  auto v = c->Get("search:active");
  if (!v) return v.error();
  return v->value_or("0");
}

Result<std::string> RedisSearchIndex::Swap(const std::string& generation) {
  static const std::string script(kSwap);
  auto c = pool_.Acquire();
  if (!c) return c.error();
  auto r = c->Eval(script, {}, {generation});
  if (!r) return r.error();
  return r->str;
}

Result<std::int64_t> RedisSearchIndex::DropGeneration(const std::string& generation) {
  auto c = pool_.Acquire();
  if (!c) return c.error();
  const std::string pattern = "search:g" + generation + ":*";
  std::string cursor = "0";
  std::int64_t dropped = 0;
  do {
    auto r = c->Command("SCAN", cursor, "MATCH", pattern, "COUNT", 1000);
    if (!r) return r.error();
    if (r->type != redis::ReplyType::kArray || r->elements.size() != 2) {
      return Error::Permanent("search.reply", "unexpected SCAN reply");
    }
    cursor = r->elements[0].str;
    redis::Args unlink = {"UNLINK"};
    for (const auto& k : r->elements[1].elements) unlink.push_back(k.str);
    if (unlink.size() > 1) {
      auto u = c->Command(unlink);
      if (!u) return u.error();
      dropped += u->integer;
    }
  } while (cursor != "0");
  return dropped;
}

}  // namespace eda::search
