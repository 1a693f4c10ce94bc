// engine/function/array_assign.h — array element assignment, the engine of
// `UPDATE t SET arr[2] = x` and `INSERT INTO t (arr[1], arr[2])`.
//
// The binder turns a subscripted assignment target into a call of this
// function on the column's current value (NULL for INSERT): its arguments are
//   (array, new element, array type oid as an oid constant, subscript...)
// and it returns the array with that element replaced, as PostgreSQL's
// array_set_element: a NULL or empty array becomes a new one whose lower
// bounds are the subscripts; a one-dimensional array grows (padding with
// NULLs) to take a subscript outside its bounds; a multi-dimensional one
// must be addressed inside its bounds (2202E "array subscript out of
// range"), with as many subscripts as it has dimensions (2202E "wrong
// number of array subscripts"). A NULL subscript is 22004 "array subscript
// in assignment must not be null".
//
// Thread-safety: returns a pointer to an immutable static.
#pragma once

#include "function/registry.h"

namespace nano {

// The non-strict internal function "array_assign" described above.
const ScalarOverload* ArrayAssignFunction();

}  // namespace nano
