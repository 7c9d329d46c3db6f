#pragma once

#include <string>
#include <string_view>

#include "eda/core/error.hpp"

namespace eda::sql {

// Stable error codes (eda::Error::code) produced by this library. Callers switch on these, never on
// messages. "retryable" below is what Error::retryable says.
namespace errc {
inline constexpr std::string_view kDuplicateKey = "sql.duplicate_key";  // 1062/1022/1586; permanent
inline constexpr std::string_view kDeadlock = "sql.deadlock";           // 1213; retryable (txn rolled back)
inline constexpr std::string_view kLockTimeout = "sql.lock_timeout";    // 1205; retryable
inline constexpr std::string_view kConnection = "sql.connection";       // 2002/2003/2006/2013/1927/...; retryable;
                                                                        // the connection is discarded
inline constexpr std::string_view kPoolTimeout = "sql.pool_timeout";    // no free connection in time; retryable
inline constexpr std::string_view kInterrupted = "sql.interrupted";     // 1317/1969 query killed/timed out; retryable
inline constexpr std::string_view kReadOnly = "sql.read_only";          // 1290/1792 server or txn read-only; retryable
inline constexpr std::string_view kSyntax = "sql.syntax";               // 1064/1149; permanent
inline constexpr std::string_view kConstraint = "sql.constraint";       // FK 1451/1452, NOT NULL 1048, CHECK 4025,
                                                                        // no default 1364; permanent
inline constexpr std::string_view kData = "sql.data";                   // too long/out of range/bad value; permanent
inline constexpr std::string_view kSchema = "sql.schema";               // unknown table/column/db, exists; permanent
inline constexpr std::string_view kAccess = "sql.access";               // access denied; permanent
inline constexpr std::string_view kCommitUnknown = "sql.commit_unknown";  // connection lost during COMMIT: the
                                                                          // outcome is unknown; permanent
inline constexpr std::string_view kMigration = "sql.migration";         // bad/changed migration; permanent
inline constexpr std::string_view kSettings = "sql.settings";           // invalid Settings; permanent
inline constexpr std::string_view kStopped = "sql.stopped";             // pool stopped; permanent
inline constexpr std::string_view kServer = "sql.server";               // any other server error; permanent
}  // namespace errc

// Maps a MariaDB/MySQL error number (server ER_* or client CR_*) and its message to an eda::Error
// with one of the codes above and the right retryable flag. The message is kept for logs (server
// messages may quote the offending value but never the password). Pure function; thread-safe.
Error ClassifyError(unsigned int error_number, std::string_view message);

// True when the number says the connection itself is unusable afterwards (every client-side CR_*
// error 2000..2999, and server errors that end the session such as 1927 connection killed, 1053
// shutdown). The pool discards such connections.
bool IsConnectionError(unsigned int error_number) noexcept;

}  // namespace eda::sql
