#include "eda/log/context.hpp"

namespace eda::log {
namespace {
thread_local const Context* g_current = nullptr;
}  // namespace

ScopedContext::ScopedContext(const Context& ctx) noexcept : previous_(g_current) { g_current = &ctx; }
ScopedContext::~ScopedContext() { g_current = previous_; }
const Context* ScopedContext::Current() noexcept { return g_current; }

}  // namespace eda::log
