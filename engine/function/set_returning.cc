// engine/function/set_returning.cc — lookup of the table-driven
// set-returning built-ins (each family defines its own table).
#include "function/set_returning.h"

#include "function/builtins.h"

namespace nano {

const SetReturningFunction* FindSetReturningFunction(std::string_view name, size_t nargs) {
  for (const auto* table : {&fn::JsonSetReturningFunctions(), &fn::StringSetReturningFunctions()}) {
    for (const SetReturningFunction& f : *table) {
      if (name == f.name && nargs == f.arg_types.size()) return &f;
    }
  }
  return nullptr;
}

}  // namespace nano
