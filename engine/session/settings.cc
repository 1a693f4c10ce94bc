// engine/session/settings.cc
#include "session/settings.h"

#include <algorithm>
#include <cctype>

#include "session/engine.h"

namespace nano {

namespace {

struct SettingInfo {
  const char* name;
  const char* display;
  const char* default_value;
  const char* description;
};

const SettingInfo kSettings[] = {
    {"application_name", "application_name", "",
     "Sets the application name to be reported in statistics and logs."},
    {"client_encoding", "client_encoding", "UTF8", "Sets the client's character set encoding."},
    {"client_min_messages", "client_min_messages", "notice",
     "Sets the message levels that are sent to the client."},
    {"datestyle", "DateStyle", "ISO, MDY", "Sets the display format for date and time values."},
    {"default_transaction_isolation", "default_transaction_isolation", "read committed",
     "Sets the transaction isolation level of each new transaction."},
    {"default_transaction_read_only", "default_transaction_read_only", "off",
     "Sets the default read-only status of new transactions."},
    {"extra_float_digits", "extra_float_digits", "1",
     "Sets the number of digits displayed for floating-point values."},
    {"in_hot_standby", "in_hot_standby", "off", "Shows whether hot standby is currently active."},
    {"integer_datetimes", "integer_datetimes", "on", "Shows whether datetimes are integer based."},
    {"intervalstyle", "IntervalStyle", "postgres", "Sets the display format for interval values."},
    {"is_superuser", "is_superuser", "on", "Shows whether the current user is a superuser."},
    {"lc_messages", "lc_messages", "C.UTF-8", "Sets the language in which messages are displayed."},
    {"lc_monetary", "lc_monetary", "C.UTF-8", "Sets the locale for formatting monetary amounts."},
    {"lc_numeric", "lc_numeric", "C.UTF-8", "Sets the locale for formatting numbers."},
    {"lc_time", "lc_time", "C.UTF-8", "Sets the locale for formatting date and time values."},
    {"lock_timeout", "lock_timeout", "0",
     "Sets the maximum allowed duration of any wait for a lock."},
    {"max_connections", "max_connections", "100",
     "Sets the maximum number of concurrent connections."},
    {"search_path", "search_path", "\"$user\", public",
     "Sets the schema search order for names that are not schema-qualified."},
    {"server_encoding", "server_encoding", "UTF8",
     "Shows the server (database) character set encoding."},
    {"server_version", "server_version", "15.4", "Shows the server version."},
    {"server_version_num", "server_version_num", "150004",
     "Shows the server version as an integer."},
    {"session_authorization", "session_authorization", "postgres", "Sets the session user name."},
    {"standard_conforming_strings", "standard_conforming_strings", "on",
     "Causes '...' strings to treat backslashes literally."},
    {"statement_timeout", "statement_timeout", "0",
     "Sets the maximum allowed duration of any statement."},
    {"synchronous_commit", "synchronous_commit", "on",
     "Sets the current transaction's synchronization level."},
    {"timezone", "TimeZone", "UTC",
     "Sets the time zone for displaying and interpreting time stamps."},
    {"transaction_isolation", "transaction_isolation", "read committed",
     "Sets the current transaction's isolation level."},
    {"transaction_read_only", "transaction_read_only", "off",
     "Sets the current transaction's read-only status."},
    {"bytea_output", "bytea_output", "hex", "Sets the output format for bytea."},
    {"idle_in_transaction_session_timeout", "idle_in_transaction_session_timeout", "0",
     "Sets the maximum allowed idle time between queries, when in a transaction."},
    {"row_security", "row_security", "on", "Enable row security."},
    {"role", "role", "none", "Sets the current role."},
    {"password_encryption", "password_encryption", "scram-sha-256",
     "Chooses the algorithm for encrypting passwords."},
    {"work_mem", "work_mem", "4MB", "Sets the maximum memory to be used for query workspaces."},
    {"max_identifier_length", "max_identifier_length", "63",
     "Shows the maximum identifier length."},
    {"default_with_oids", "default_with_oids", "off", "WITH OIDS is no longer supported."},
    {"enable_seqscan", "enable_seqscan", "on",
     "Enables the planner's use of sequential-scan plans."},
    {"enable_indexscan", "enable_indexscan", "on",
     "Enables the planner's use of index-scan plans."},
    {"enable_bitmapscan", "enable_bitmapscan", "on",
     "Enables the planner's use of bitmap-scan plans."},
    {"enable_hashjoin", "enable_hashjoin", "on", "Enables the planner's use of hash join plans."},
    {"enable_mergejoin", "enable_mergejoin", "on",
     "Enables the planner's use of merge join plans."},
    {"enable_nestloop", "enable_nestloop", "on",
     "Enables the planner's use of nested-loop join plans."},
    {"enable_sort", "enable_sort", "on", "Enables the planner's use of explicit sort steps."},
    {"enable_hashagg", "enable_hashagg", "on",
     "Enables the planner's use of hashed aggregation plans."},
    {"random_page_cost", "random_page_cost", "4",
     "Sets the planner's estimate of the cost of a nonsequentially fetched disk page."},
    {"jit", "jit", "off", "Allow JIT compilation."},
    // Planner and parallel-query knobs: accepted and shown, but without effect
    // (Nano plans serially and has no memoize, index-only scan or JIT).
    {"enable_indexonlyscan", "enable_indexonlyscan", "on",
     "Enables the planner's use of index-only-scan plans."},
    {"enable_memoize", "enable_memoize", "on", "Enables the planner's use of memoization."},
    {"enable_partition_pruning", "enable_partition_pruning", "on",
     "Enables plan-time and execution-time partition pruning."},
    {"enable_partitionwise_join", "enable_partitionwise_join", "off",
     "Enables partitionwise join."},
    {"enable_partitionwise_aggregate", "enable_partitionwise_aggregate", "off",
     "Enables partitionwise aggregation and grouping."},
    {"enable_material", "enable_material", "on", "Enables the planner's use of materialization."},
    {"enable_tidscan", "enable_tidscan", "on", "Enables the planner's use of TID scan plans."},
    {"enable_incremental_sort", "enable_incremental_sort", "on",
     "Enables the planner's use of incremental sort steps."},
    {"enable_parallel_hash", "enable_parallel_hash", "on",
     "Enables the planner's use of parallel hash plans."},
    {"enable_parallel_append", "enable_parallel_append", "on",
     "Enables the planner's use of parallel append plans."},
    {"geqo", "geqo", "on", "Enables genetic query optimization."},
    {"geqo_threshold", "geqo_threshold", "12",
     "Sets the threshold of FROM items beyond which GEQO is used."},
    {"geqo_effort", "geqo_effort", "5",
     "GEQO: effort is used to set the default for other GEQO parameters."},
    {"join_collapse_limit", "join_collapse_limit", "8",
     "Sets the FROM-list size beyond which JOIN constructs are not flattened."},
    {"from_collapse_limit", "from_collapse_limit", "8",
     "Sets the FROM-list size beyond which subqueries are not collapsed."},
    {"cpu_tuple_cost", "cpu_tuple_cost", "0.01",
     "Sets the planner's estimate of the cost of processing each tuple (row)."},
    {"seq_page_cost", "seq_page_cost", "1",
     "Sets the planner's estimate of the cost of a sequentially fetched disk page."},
    {"jit_above_cost", "jit_above_cost", "100000",
     "Perform JIT compilation if query is more expensive."},
    {"max_parallel_workers_per_gather", "max_parallel_workers_per_gather", "2",
     "Sets the maximum number of parallel processes per executor node."},
    {"min_parallel_table_scan_size", "min_parallel_table_scan_size", "8MB",
     "Sets the minimum amount of table data for a parallel scan."},
    {"parallel_leader_participation", "parallel_leader_participation", "on",
     "Controls whether Gather and Gather Merge also run subplans."},
    {"parallel_setup_cost", "parallel_setup_cost", "1000",
     "Sets the planner's estimate of the cost of starting up worker processes for parallel "
     "query."},
    {"parallel_tuple_cost", "parallel_tuple_cost", "0.1",
     "Sets the planner's estimate of the cost of passing each tuple (row) from worker to "
     "leader backend."},
};

const SettingInfo* Find(const std::string& name) {
  for (const SettingInfo& s : kSettings) {
    if (name == s.name) return &s;
  }
  return nullptr;
}

std::string Trim(std::string_view v) {
  size_t a = 0, b = v.size();
  while (a < b && std::isspace(static_cast<unsigned char>(v[a]))) ++a;
  while (b > a && std::isspace(static_cast<unsigned char>(v[b - 1]))) --b;
  return std::string(v.substr(a, b - a));
}

Status Invalid(const std::string& name, std::string_view value) {
  return Status::Error(sqlstate::kInvalidParameterValue, "invalid value for parameter \"" + name +
                                                             "\": \"" + std::string(value) + "\"");
}

Status NormalizeBool(const std::string& name, std::string_view value, std::string* out) {
  std::string v = ToLower(Trim(value));
  if (v == "on" || v == "true" || v == "yes" || v == "1" || v == "t") {
    *out = "on";
  } else if (v == "off" || v == "false" || v == "no" || v == "0" || v == "f") {
    *out = "off";
  } else {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "parameter \"" + name + "\" requires a Boolean value");
  }
  return Status::OK();
}

}  // namespace

std::string ToLower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string ToUpper(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s;
}

std::map<std::string, std::string> DefaultSettings() {
  std::map<std::string, std::string> out;
  for (const SettingInfo& s : kSettings) out[s.name] = s.default_value;
  out["server_version"] = std::string("15.4 (HeliosDB Nano ") + EngineVersion() + ")";
  return out;
}

std::string DisplayName(const std::string& lower_name) {
  const SettingInfo* s = Find(lower_name);
  return s ? s->display : lower_name;
}

bool IsReported(const std::string& lower_name) {
  for (const char* r : kReportedSettings) {
    if (lower_name == r) return true;
  }
  return false;
}

std::string DescribeSetting(const std::string& lower_name) {
  const SettingInfo* s = Find(lower_name);
  return s ? s->description : "";
}

Status NormalizeSetting(const std::string& name, std::string_view raw, std::string* out,
                        std::string_view current) {
  std::string value = Trim(raw);
  const SettingInfo* info = Find(name);
  if (info == nullptr) {
    if (name.find('.') != std::string::npos) {
      *out = value;
      return Status::OK();
    }
    return Status::Error(sqlstate::kUndefinedObject,
                         "unrecognized configuration parameter \"" + name + "\"");
  }
  static const char* kReadOnly[] = {
      "server_version", "server_version_num", "server_encoding",       "integer_datetimes",
      "in_hot_standby", "is_superuser",       "max_identifier_length", "max_connections"};
  for (const char* r : kReadOnly) {
    if (name == r) {
      return Status::Error("55P02", "parameter \"" + name + "\" cannot be changed");
    }
  }
  if (name == "timezone") {
    std::shared_ptr<const TimeZone> zone;
    std::string v = value;
    if (ToLower(v) == "local" || ToLower(v) == "default") v = "UTC";
    Status st = TimeZone::Lookup(v, &zone);
    if (!st.ok()) {
      return Status::Error(sqlstate::kInvalidParameterValue,
                           "invalid value for parameter \"TimeZone\": \"" + value + "\"");
    }
    *out = v;
    return Status::OK();
  }
  if (name == "datestyle") {
    std::string style = "ISO", order = "MDY";
    if (const size_t comma = current.find(", "); comma != std::string_view::npos) {
      style = std::string(current.substr(0, comma));
      order = std::string(current.substr(comma + 2));
    }
    bool have_order = false;
    std::string lower = ToLower(value);
    size_t pos = 0;
    while (pos <= lower.size()) {
      size_t comma = lower.find(',', pos);
      std::string part =
          Trim(lower.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos));
      if (part == "iso")
        style = "ISO";
      else if (part == "postgres")
        style = "Postgres";
      else if (part == "sql")
        style = "SQL";
      else if (part == "german")
        style = "German";
      else if (part == "mdy" || part == "us" || part == "noneuropean" || part == "dmy" ||
               part == "euro" || part == "european" || part == "ymd") {
        order = part == "ymd"                                           ? "YMD"
                : part == "dmy" || part == "euro" || part == "european" ? "DMY"
                                                                        : "MDY";
        have_order = true;
      } else if (!part.empty() && part != "default")
        return Invalid("DateStyle", value);
      if (comma == std::string::npos) break;
      pos = comma + 1;
    }
    // German reads day-first unless an order is given (check_datestyle).
    if (style == "German" && !have_order) order = "DMY";
    *out = style + ", " + order;
    return Status::OK();
  }
  if (name == "client_encoding") {
    std::string v = ToLower(value);
    if (v == "utf8" || v == "utf-8" || v == "unicode" || v == "sql_ascii") {
      *out = v == "sql_ascii" ? "SQL_ASCII" : "UTF8";
      return Status::OK();
    }
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "conversion between " + ToUpper(value) + " and UTF8 is not supported");
  }
  if (name == "intervalstyle") {
    std::string v = ToLower(value);
    if (v == "postgres" || v == "postgres_verbose" || v == "sql_standard" || v == "iso_8601") {
      *out = v;
      return Status::OK();
    }
    return Invalid("IntervalStyle", value);
  }
  if (name == "transaction_isolation" || name == "default_transaction_isolation") {
    std::string v = ToLower(value);
    if (v == "read committed" || v == "repeatable read" || v == "serializable" ||
        v == "read uncommitted") {
      *out = v;
      return Status::OK();
    }
    return Invalid(name, value);
  }
  if (name == "extra_float_digits") {
    try {
      int n = std::stoi(value);
      if (n < -15 || n > 3) {
        return Status::Error(sqlstate::kInvalidParameterValue,
                             std::to_string(n) +
                                 " is outside the valid range for parameter "
                                 "\"extra_float_digits\" (-15 .. 3)");
      }
      *out = std::to_string(n);
      return Status::OK();
    } catch (...) {
      return Status::Error(sqlstate::kInvalidParameterValue,
                           "invalid value for parameter \"extra_float_digits\": \"" + value + "\"");
    }
  }
  if (name == "bytea_output") {
    std::string v = ToLower(value);
    if (v != "hex" && v != "escape") return Invalid(name, value);
    *out = v;
    return Status::OK();
  }
  if (name == "standard_conforming_strings" || name == "default_transaction_read_only" ||
      name == "transaction_read_only" || name == "row_security" || name == "jit" ||
      name == "parallel_leader_participation" || name == "geqo" || name.rfind("enable_", 0) == 0) {
    return NormalizeBool(name, value, out);
  }
  // Planner integers (accepted without effect) keep PostgreSQL's ranges.
  static const struct {
    const char* name;
    long min, max;
  } kIntRanges[] = {{"geqo_threshold", 2, 2147483647},
                    {"geqo_effort", 1, 10},
                    {"join_collapse_limit", 1, 2147483647},
                    {"from_collapse_limit", 1, 2147483647}};
  for (const auto& r : kIntRanges) {
    if (name != r.name) continue;
    char* end = nullptr;
    std::string v = Trim(value);
    long n = std::strtol(v.c_str(), &end, 10);
    if (v.empty() || *end != '\0') return Invalid(name, value);
    if (n < r.min || n > r.max) {
      return Status::Error(sqlstate::kInvalidParameterValue,
                           std::to_string(n) + " is outside the valid range for parameter \"" +
                               name + "\" (" + std::to_string(r.min) + " .. " +
                               std::to_string(r.max) + ")");
    }
    *out = std::to_string(n);
    return Status::OK();
  }
  *out = value;
  return Status::OK();
}

void ApplyFormatSettings(const std::map<std::string, std::string>& settings,
                         FormatContext* format) {
  auto get = [&](const char* n) {
    auto it = settings.find(n);
    return it == settings.end() ? std::string() : it->second;
  };
  std::string ds = get("datestyle");
  if (ds.rfind("ISO", 0) == 0)
    format->date_style = FormatContext::DateStyle::kIso;
  else if (ds.rfind("Postgres", 0) == 0)
    format->date_style = FormatContext::DateStyle::kPostgres;
  else if (ds.rfind("SQL", 0) == 0)
    format->date_style = FormatContext::DateStyle::kSql;
  else if (ds.rfind("German", 0) == 0)
    format->date_style = FormatContext::DateStyle::kGerman;
  if (ds.find("DMY") != std::string::npos)
    format->date_order = FormatContext::DateOrder::kDmy;
  else if (ds.find("YMD") != std::string::npos)
    format->date_order = FormatContext::DateOrder::kYmd;
  else
    format->date_order = FormatContext::DateOrder::kMdy;
  std::string tz = get("timezone");
  if (tz != format->timezone || !format->zone) {
    format->timezone = tz.empty() ? "UTC" : tz;
    std::shared_ptr<const TimeZone> zone;
    if (TimeZone::Lookup(format->timezone, &zone).ok()) format->zone = zone;
  }
  try {
    format->extra_float_digits = std::stoi(get("extra_float_digits"));
  } catch (...) {
    format->extra_float_digits = 1;
  }
  std::string is = get("intervalstyle");
  format->interval_style = is == "iso_8601"       ? FormatContext::IntervalStyle::kIso8601
                           : is == "sql_standard" ? FormatContext::IntervalStyle::kSqlStandard
                           : is == "postgres_verbose"
                               ? FormatContext::IntervalStyle::kPostgresVerbose
                               : FormatContext::IntervalStyle::kPostgres;
  format->bytea_hex = get("bytea_output") != "escape";
}

}  // namespace nano
