// Boost.Asio's non-template code, for the whole build (see ../CMakeLists.txt).
#include <boost/asio/impl/src.hpp>
