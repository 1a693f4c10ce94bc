// engine/executor/ddl_operators.cc — CREATE OPERATOR / DROP OPERATOR.
#include "executor/ddl_operators.h"

#include "common/sqlstate.h"

namespace nano {

Status CreateOperator(const ast::CreateOperatorStmt&, DdlContext&) {
  return Status::Error(sqlstate::kFeatureNotSupported, "CREATE OPERATOR is not supported yet");
}

Status DropOperators(const ast::DropStmt&, DdlContext&) {
  return Status::Error(sqlstate::kFeatureNotSupported, "DROP OPERATOR is not supported yet");
}

}  // namespace nano
