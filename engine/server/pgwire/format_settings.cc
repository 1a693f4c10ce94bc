// engine/server/pgwire/format_settings.cc — see format_settings.h.
#include "server/pgwire/format_settings.h"

#include <cctype>
#include <charconv>
#include <string>

namespace nano::pgwire {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

void ApplyDateStyle(const std::string& value, FormatContext* ctx) {
  std::string v = Lower(value);
  size_t start = 0;
  // Tokens separated by ',' and spaces, e.g. "ISO, MDY".
  for (size_t guard = 0; guard < 16 && start < v.size(); ++guard) {
    size_t end = v.find_first_of(", ", start);
    if (end == std::string::npos) end = v.size();
    std::string tok = v.substr(start, end - start);
    start = end + 1;
    if (tok == "iso")
      ctx->date_style = FormatContext::DateStyle::kIso;
    else if (tok == "postgres")
      ctx->date_style = FormatContext::DateStyle::kPostgres;
    else if (tok == "sql")
      ctx->date_style = FormatContext::DateStyle::kSql;
    else if (tok == "german")
      ctx->date_style = FormatContext::DateStyle::kGerman;
    else if (tok == "mdy" || tok == "us" || tok == "noneuropean" || tok == "noneuro")
      ctx->date_order = FormatContext::DateOrder::kMdy;
    else if (tok == "dmy" || tok == "european" || tok == "euro")
      ctx->date_order = FormatContext::DateOrder::kDmy;
    else if (tok == "ymd")
      ctx->date_order = FormatContext::DateOrder::kYmd;
  }
}

}  // namespace

FormatContext FormatContextFromSession(const Session& session) {
  FormatContext ctx;
  ApplyDateStyle(session.GetSetting("DateStyle"), &ctx);
  std::string tz = session.GetSetting("TimeZone");
  if (!tz.empty()) ctx.timezone = tz;
  std::string is = Lower(session.GetSetting("IntervalStyle"));
  if (is == "iso_8601")
    ctx.interval_style = FormatContext::IntervalStyle::kIso8601;
  else if (is == "sql_standard")
    ctx.interval_style = FormatContext::IntervalStyle::kSqlStandard;
  else if (is == "postgres_verbose")
    ctx.interval_style = FormatContext::IntervalStyle::kPostgresVerbose;
  std::string efd = session.GetSetting("extra_float_digits");
  int digits = 1;
  if (!efd.empty()) {
    auto [p, ec] = std::from_chars(efd.data(), efd.data() + efd.size(), digits);
    (void)p;
    if (ec == std::errc()) ctx.extra_float_digits = digits;
  }
  ctx.bytea_hex = Lower(session.GetSetting("bytea_output")) != "escape";
  return ctx;
}

}  // namespace nano::pgwire
