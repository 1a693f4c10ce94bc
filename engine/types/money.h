// engine/types/money.h — PostgreSQL's money type in the C locale.
//
// A money value is an int64 count of cents in Value::int_value() (type
// kMoney). Text I/O follows cash.c with lc_monetary = C: "$1,000.00",
// "-$1.00", two fraction digits, ',' groups of three.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "common/status.h"
#include "types/value.h"

namespace nano {

Value MakeMoney(int64_t cents);
// cash_in: 22P02 on bad syntax, 22003 "value \"...\" is out of range for type money".
Status ParseMoney(std::string_view text, int64_t* cents);
// cash_out.
void FormatMoney(int64_t cents, std::string* out);

}  // namespace nano
