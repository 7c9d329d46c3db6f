// Boost.Beast's non-template code, for the whole build (see ../CMakeLists.txt).
#include <boost/beast/src.hpp>
