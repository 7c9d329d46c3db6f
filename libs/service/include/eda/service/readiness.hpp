#pragma once

// Readiness checks of the infrastructure a service depends on, under the names every service uses
// (GET /health/ready lists them). Each check holds references: the pools and the server must outlive
// the server's Run().


#include "eda/events/producer.hpp"
#include "eda/http/blocking_pool.hpp"
#include "eda/http/server.hpp"
#include "eda/redis/pool.hpp"
#include "eda/sql/pool.hpp"

namespace eda::service {

// "mariadb": a ping on a pooled connection, off the I/O thread.
void AddMariaDbReadiness(http::Server& server, sql::Pool& pool);

// "redis": a ping on a pooled connection, off the I/O thread.
void AddRedisReadiness(http::Server& server, redis::Pool& pool);

// "kafka": a metadata round trip through `producer` (at most 2 s) on one of `blocking`'s threads.
// `producer` must outlive the server's run.
void AddKafkaReadiness(http::Server& server, http::BlockingPool& blocking, const events::Producer& producer);

}  // namespace eda::service
