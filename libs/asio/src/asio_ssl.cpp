// Boost.Asio's TLS code, for the programs that use asio::ssl (see ../CMakeLists.txt).
#include <boost/asio/ssl/impl/src.hpp>
