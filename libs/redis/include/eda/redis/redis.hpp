#pragma once

// Convenience header: the whole public API of eda::redis.
#include "eda/redis/connection.hpp"
#include "eda/redis/errors.hpp"
#include "eda/redis/pool.hpp"
#include "eda/redis/reply.hpp"
#include "eda/redis/settings.hpp"
