// engine/session/settings.h — run-time settings (GUCs) a session knows.
//
// Names are stored lower case; DisplayName gives PostgreSQL's spelling for
// ParameterStatus and SHOW ("TimeZone", "DateStyle", ...). NormalizeSetting
// validates a value and returns it as SHOW prints it; unknown names without
// a '.' are 42704 like PostgreSQL (custom "x.y" names are accepted).
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "common/status.h"
#include "types/format_context.h"

namespace nano {

inline constexpr const char* kReportedSettings[] = {"application_name",
                                                    "client_encoding",
                                                    "datestyle",
                                                    "default_transaction_read_only",
                                                    "in_hot_standby",
                                                    "integer_datetimes",
                                                    "intervalstyle",
                                                    "is_superuser",
                                                    "server_encoding",
                                                    "server_version",
                                                    "session_authorization",
                                                    "standard_conforming_strings",
                                                    "timezone"};

std::map<std::string, std::string> DefaultSettings();
// `current` is the setting's value before this SET: DateStyle keeps the part
// (style or order) the new value does not name, as check_datestyle does.
Status NormalizeSetting(const std::string& name, std::string_view value, std::string* out,
                        std::string_view current = {});
void ApplyFormatSettings(const std::map<std::string, std::string>& settings, FormatContext* format);
std::string DisplayName(const std::string& lower_name);
bool IsReported(const std::string& lower_name);
std::string DescribeSetting(const std::string& lower_name);
std::string ToLower(std::string s);
std::string ToUpper(std::string s);

}  // namespace nano
