#pragma once

#include <stdexcept>
#include <type_traits>
#include <utility>
#include <variant>

#include "eda/core/error.hpp"

namespace eda {

// Thrown only when a caller reads the value of a failed Result: that is a bug, not an expected failure.
class BadResultAccess : public std::logic_error {
 public:
  explicit BadResultAccess(const Error& e) : std::logic_error("value() on failed Result: " + e.code + ": " + e.message) {}
};

// Result<T, E> holds either a value or an expected failure (std::expected is C++23; we build on C++20).
// Not thread-safe; a plain value type.
template <class T, class E = Error>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}  // NOLINT(implicit)
  Result(E error) : state_(std::in_place_index<1>, std::move(error)) {}  // NOLINT(implicit)

  bool ok() const noexcept { return state_.index() == 0; }
  explicit operator bool() const noexcept { return ok(); }

  T& value() & { Check(); return std::get<0>(state_); }
  const T& value() const& { Check(); return std::get<0>(state_); }
  T&& value() && { Check(); return std::get<0>(std::move(state_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const E& error() const& { return std::get<1>(state_); }
  E&& error() && { return std::get<1>(std::move(state_)); }

 private:
  void Check() const {
    if (!ok()) {
      if constexpr (std::is_same_v<E, Error>) throw BadResultAccess(std::get<1>(state_));
      else throw std::logic_error("value() on failed Result");
    }
  }
  std::variant<T, E> state_;
};

// Result of an operation that returns nothing on success.
template <class E>
class [[nodiscard]] Result<void, E> {
 public:
  Result() = default;
  Result(E error) : error_(std::move(error)), failed_(true) {}  // NOLINT(implicit)

  bool ok() const noexcept { return !failed_; }
  explicit operator bool() const noexcept { return ok(); }
  void value() const {
    if (failed_) {
      if constexpr (std::is_same_v<E, Error>) throw BadResultAccess(error_);
      else throw std::logic_error("value() on failed Result");
    }
  }
  const E& error() const& { return error_; }
  E&& error() && { return std::move(error_); }

 private:
  E error_{};
  bool failed_ = false;
};

using Status = Result<void, Error>;

}  // namespace eda
