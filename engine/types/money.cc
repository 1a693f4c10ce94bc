// engine/types/money.cc — money text I/O (cash.c, C locale).
#include "types/money.h"

#include <cctype>

#include "types/type_id.h"

namespace nano {
namespace {

constexpr int kFracDigits = 2;

Status MoneyRange(std::string_view text) {
  return Status::Error(sqlstate::kNumericValueOutOfRange,
                       "value \"" + std::string(text) + "\" is out of range for type money");
}

bool IsSpace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

Value MakeMoney(int64_t cents) {
  Value v = Value::Int8(cents);
  v.set_type(type::kMoney);
  return v;
}

Status ParseMoney(std::string_view text, int64_t* cents) {
  const std::string buf(text);
  const char* s = buf.c_str();
  auto skip_symbol = [&]() {
    while (IsSpace(*s)) ++s;
    if (*s == '$') ++s;
    while (IsSpace(*s)) ++s;
  };
  skip_symbol();
  int sgn = 1;
  if (*s == '-' || *s == '(') {
    sgn = -1;
    ++s;
  } else if (*s == '+') {
    ++s;
  }
  skip_symbol();
  // Accumulate in the negative so INT64_MIN is reachable.
  int64_t value = 0;
  bool seen_dot = false;
  int dec = 0;
  for (; *s; ++s) {
    if (IsDigit(*s) && (!seen_dot || dec < kFracDigits)) {
      const int digit = *s - '0';
      if (__builtin_mul_overflow(value, 10, &value) ||
          __builtin_sub_overflow(value, digit, &value)) {
        return MoneyRange(text);
      }
      if (seen_dot) ++dec;
    } else if (*s == '.' && !seen_dot) {
      seen_dot = true;
    } else if (*s != ',') {
      break;
    }
  }
  // Round half up on the first dropped digit.
  if (IsDigit(*s) && *s >= '5') {
    if (__builtin_sub_overflow(value, 1, &value)) return MoneyRange(text);
  }
  for (; dec < kFracDigits; ++dec) {
    if (__builtin_mul_overflow(value, 10, &value)) return MoneyRange(text);
  }
  while (IsDigit(*s)) ++s;
  while (*s) {
    if (IsSpace(*s) || *s == ')' || *s == '+' || *s == '$') {
      ++s;
    } else if (*s == '-') {
      sgn = -1;
      ++s;
    } else {
      return Status::Error(sqlstate::kInvalidTextRepresentation,
                           "invalid input syntax for type money: \"" + buf + "\"");
    }
  }
  if (sgn > 0) {
    if (value == INT64_MIN) return MoneyRange(text);
    *cents = -value;
  } else {
    *cents = value;
  }
  return Status::OK();
}

void FormatMoney(int64_t cents, std::string* out) {
  const bool negative = cents < 0;
  uint64_t u = negative ? 0 - static_cast<uint64_t>(cents) : static_cast<uint64_t>(cents);
  // Digits right to left: two fraction digits, '.', then groups of three.
  std::string rev;
  int digits = 0;
  do {
    if (digits == kFracDigits) {
      rev.push_back('.');
    } else if (digits > kFracDigits && (digits - kFracDigits) % 3 == 0) {
      rev.push_back(',');
    }
    rev.push_back(static_cast<char>('0' + u % 10));
    u /= 10;
    ++digits;
  } while (u != 0 || digits < kFracDigits + 1);
  if (negative) out->push_back('-');
  out->push_back('$');
  out->append(rev.rbegin(), rev.rend());
}

}  // namespace nano
