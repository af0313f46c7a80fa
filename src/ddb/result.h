// Result<T>: a value or a ddb::Error. Used instead of exceptions across module boundaries
// (LevelDB's Status, with a payload). Status is Result<void>.
#pragma once

#include <cassert>
#include <optional>
#include <utility>
#include <variant>

#include "ddb/error.h"

namespace ddb {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  const Error& error() const& {
    assert(!ok());
    return std::get<1>(v_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(v_));
  }

  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& {
    assert(!ok());
    return *error_;
  }
  Error&& error() && {
    assert(!ok());
    return std::move(*error_);
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

inline Status OkStatus() { return {}; }

}  // namespace ddb

// Propagate an error from an expression yielding Result<...>/Status.
#define XR_RETURN_IF_ERROR(expr)                              \
  do {                                                        \
    auto&& xr_status_ = (expr);                               \
    if (!xr_status_.ok()) return std::move(xr_status_).error(); \
  } while (0)

#define XR_CONCAT_INNER_(a, b) a##b
#define XR_CONCAT_(a, b) XR_CONCAT_INNER_(a, b)
// XR_ASSIGN_OR_RETURN(auto x, Foo()); declares x from Foo()'s value or returns its error.
#define XR_ASSIGN_OR_RETURN(lhs, expr) \
  XR_ASSIGN_OR_RETURN_IMPL_(XR_CONCAT_(xr_result_, __LINE__), lhs, expr)
#define XR_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr)   \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return std::move(tmp).error();     \
  lhs = std::move(tmp).value()
