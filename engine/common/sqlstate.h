// engine/common/sqlstate.h — PostgreSQL SQLSTATE codes used by the engine.
// Names follow PostgreSQL's errcodes.txt (ERRCODE_* without the prefix).
// Add codes here as they are needed; never invent codes PostgreSQL lacks.
#pragma once

namespace nano::sqlstate {

inline constexpr char kSuccessfulCompletion[] = "00000";
inline constexpr char kWarning[] = "01000";
inline constexpr char kNoData[] = "02000";
inline constexpr char kConnectionException[] = "08000";
inline constexpr char kProtocolViolation[] = "08P01";
inline constexpr char kFeatureNotSupported[] = "0A000";
inline constexpr char kCardinalityViolation[] = "21000";
inline constexpr char kDataException[] = "22000";
inline constexpr char kBadCopyFileFormat[] = "22P04";
inline constexpr char kArraySubscriptError[] = "2202E";
inline constexpr char kCharacterNotInRepertoire[] = "22021";
inline constexpr char kDatetimeFieldOverflow[] = "22008";
inline constexpr char kDivisionByZero[] = "22012";
inline constexpr char kInvalidDatetimeFormat[] = "22007";
inline constexpr char kInvalidEscapeSequence[] = "22025";
inline constexpr char kInvalidParameterValue[] = "22023";
inline constexpr char kInvalidRegularExpression[] = "2201B";
inline constexpr char kInvalidTextRepresentation[] = "22P02";
inline constexpr char kInvalidBinaryRepresentation[] = "22P03";
inline constexpr char kNullValueNotAllowed[] = "22004";
inline constexpr char kNumericValueOutOfRange[] = "22003";
inline constexpr char kStringDataRightTruncation[] = "22001";
inline constexpr char kUntranslatableCharacter[] = "22P05";
inline constexpr char kInvalidTimeZoneDisplacementValue[] = "22009";
inline constexpr char kIntegrityConstraintViolation[] = "23000";
inline constexpr char kNotNullViolation[] = "23502";
inline constexpr char kForeignKeyViolation[] = "23503";
inline constexpr char kUniqueViolation[] = "23505";
inline constexpr char kCheckViolation[] = "23514";
inline constexpr char kInvalidTransactionState[] = "25000";
inline constexpr char kActiveSqlTransaction[] = "25001";
inline constexpr char kNoActiveSqlTransaction[] = "25P01";
inline constexpr char kInFailedSqlTransaction[] = "25P02";
inline constexpr char kReadOnlySqlTransaction[] = "25006";
inline constexpr char kInvalidAuthorizationSpecification[] = "28000";
inline constexpr char kInvalidPassword[] = "28P01";
inline constexpr char kInvalidCursorName[] = "34000";
inline constexpr char kInvalidCatalogName[] = "3D000";
inline constexpr char kInvalidSchemaName[] = "3F000";
inline constexpr char kSavepointException[] = "3B001";  // invalid_savepoint_specification
inline constexpr char kSerializationFailure[] = "40001";
inline constexpr char kDeadlockDetected[] = "40P01";
inline constexpr char kSyntaxError[] = "42601";
inline constexpr char kInsufficientPrivilege[] = "42501";
inline constexpr char kUndefinedColumn[] = "42703";
inline constexpr char kUndefinedFunction[] = "42883";
inline constexpr char kUndefinedTable[] = "42P01";
inline constexpr char kUndefinedObject[] = "42704";
inline constexpr char kUndefinedParameter[] = "42P02";
inline constexpr char kDuplicateColumn[] = "42701";
inline constexpr char kDuplicateDatabase[] = "42P04";
inline constexpr char kDuplicateObject[] = "42710";
inline constexpr char kDuplicateSchema[] = "42P06";
inline constexpr char kDuplicateTable[] = "42P07";
inline constexpr char kDuplicatePreparedStatement[] = "42P05";
inline constexpr char kDuplicateCursor[] = "42P03";
inline constexpr char kAmbiguousColumn[] = "42702";
inline constexpr char kAmbiguousFunction[] = "42725";
inline constexpr char kAmbiguousAlias[] = "42712";
inline constexpr char kDatatypeMismatch[] = "42804";
inline constexpr char kWrongObjectType[] = "42809";
inline constexpr char kGroupingError[] = "42803";
inline constexpr char kWindowingError[] = "42P20";
inline constexpr char kInvalidColumnReference[] = "42P10";
inline constexpr char kInvalidRecursion[] = "42P19";
inline constexpr char kInvalidTableDefinition[] = "42P16";
inline constexpr char kInvalidObjectDefinition[] = "42P17";
inline constexpr char kIndeterminateDatatype[] = "42P18";
inline constexpr char kCannotCoerce[] = "42846";
inline constexpr char kInvalidForeignKey[] = "42830";
inline constexpr char kDependentObjectsStillExist[] = "2BP01";
inline constexpr char kObjectInUse[] = "55006";
inline constexpr char kObjectNotInPrerequisiteState[] = "55000";
inline constexpr char kLockNotAvailable[] = "55P03";
inline constexpr char kProgramLimitExceeded[] = "54000";
inline constexpr char kStatementTooComplex[] = "54001";
inline constexpr char kTooManyColumns[] = "54011";
inline constexpr char kTooManyConnections[] = "53300";
inline constexpr char kOutOfMemory[] = "53200";
inline constexpr char kDiskFull[] = "53100";
inline constexpr char kQueryCanceled[] = "57014";
inline constexpr char kAdminShutdown[] = "57P01";
inline constexpr char kCannotConnectNow[] = "57P03";
inline constexpr char kInvalidSqlStatementName[] = "26000";
inline constexpr char kInvalidPreparedStatementDefinition[] = "42P14";
inline constexpr char kSequenceGeneratorLimitExceeded[] = "2200H";
inline constexpr char kIoError[] = "58030";
inline constexpr char kDataCorrupted[] = "XX001";
inline constexpr char kInternalError[] = "XX000";

}  // namespace nano::sqlstate
