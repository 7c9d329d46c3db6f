#include "eda/sql/errors.hpp"

#include <string>

namespace eda::sql {
namespace {

struct Class {
  std::string_view code;
  bool retryable;
};

// Server error numbers (ER_*) that we tell apart. Everything in 2000..2999 is a client error (CR_*)
// and is handled by IsConnectionError/kConnection. The numbers are from MariaDB's errmsg-utf8.txt;
// written out here (not taken from mysqld_error.h) so this table is a pure, testable function.
Class Lookup(unsigned int n) {
  switch (n) {
    case 1062: case 1022: case 1586: case 1169:
      return {errc::kDuplicateKey, false};
    case 1213:
      return {errc::kDeadlock, true};
    case 1205:
      return {errc::kLockTimeout, true};
    case 1040:  // too many connections
    case 1053:  // server shutdown in progress
    case 1077:  // normal shutdown
    case 1079:  // shutdown complete
    case 1152:  // aborted connection
    case 1153:  // packet too large (connection dropped)
    case 1158: case 1159: case 1160: case 1161:  // network read/write errors and timeouts
    case 1927:  // connection was killed
    case 4031:  // disconnected by server due to inactivity
      return {errc::kConnection, true};
    case 1317:  // query execution was interrupted (KILL QUERY)
    case 1969:  // max_statement_time exceeded
    case 3024:  // MySQL max_execution_time
      return {errc::kInterrupted, true};
    case 1290:  // running with --read-only
    case 1792:  // cannot execute in a read-only transaction
    case 1836:  // running in read-only mode
      return {errc::kReadOnly, true};
    case 1064: case 1149: case 1065:
      return {errc::kSyntax, false};
    case 1451: case 1452: case 1216: case 1217:  // foreign keys
    case 1048:                                   // column cannot be null
    case 1364:                                   // field has no default value
    case 4025:                                   // CHECK constraint failed
    case 3819:                                   // MySQL CHECK constraint
      return {errc::kConstraint, false};
    case 1406:  // data too long
    case 1264:  // out of range
    case 1265:  // data truncated
    case 1366:  // incorrect value for column
    case 1292:  // incorrect datetime value
    case 1367:  // illegal value
    case 1690:  // BIGINT value out of range
    case 1411:  // incorrect value for function
      return {errc::kData, false};
    case 1146: case 1054: case 1049: case 1050: case 1051: case 1060: case 1061: case 1091: case 1109:
    case 1305:  // unknown function/procedure
      return {errc::kSchema, false};
    case 1044: case 1045: case 1142: case 1143: case 1227: case 1370:
      return {errc::kAccess, false};
    default:
      break;
  }
  if (n >= 2000 && n <= 2999) return {errc::kConnection, true};
  return {errc::kServer, false};
}

}  // namespace

Error ClassifyError(unsigned int error_number, std::string_view message) {
  const Class c = Lookup(error_number);
  std::string text = "[" + std::to_string(error_number) + "] " + std::string(message);
  return Error{std::string(c.code), std::move(text), c.retryable};
}

bool IsConnectionError(unsigned int error_number) noexcept {
  if (error_number >= 2000 && error_number <= 2999) return true;
  return Lookup(error_number).code == errc::kConnection;
}

}  // namespace eda::sql
