// engine/function/string_util.h — UTF-8 and text helpers shared by the string,
// regex and formatting functions (internal to engine/function/).
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "function/registry.h"
#include "types/utf8.h"
#include "types/value.h"

namespace nano::fn {

// Byte length of the UTF-8 sequence starting with lead byte c (1 for invalid).
int Utf8SeqLen(unsigned char c);
// Number of characters (code points) in s.
int64_t Utf8Length(std::string_view s);
// Byte offset of character index `chars` (clamped to s.size()).
size_t Utf8Offset(std::string_view s, int64_t chars);
// Splits s into its characters.
std::vector<std::string_view> Utf8Chars(std::string_view s);
using ::nano::AppendUtf8;  // types/utf8.h
uint32_t DecodeUtf8(std::string_view s, size_t* pos);
std::string LowerText(std::string_view s);
std::string UpperText(std::string_view s);

// The text form of any value (strings as-is, others via FormatText).
std::string ValueText(const Value& v, const EvalContext& ctx);

// A one-dimensional array value of element type `elem`.
Value MakeArray(TypeOid elem, ValueVector elements);

// quote_ident() rules: quotes unless a plain lower-case identifier and not a keyword.
std::string QuoteIdent(std::string_view s);
std::string QuoteLiteral(std::string_view s);

// Regular expressions with PostgreSQL ARE syntax translated to ECMAScript
// std::regex. flags: PostgreSQL's flag letters (i, c, n, x, g...). `global`
// receives whether 'g' was given (nullptr: 'g' is an error handled by caller).
class CompiledRegex;
Status CompileRegex(std::string_view pattern, std::string_view flags, bool case_insensitive,
                    std::shared_ptr<const CompiledRegex>* out, bool* global);
// Finds the next match at or after byte offset `start`. Returns false if none.
// groups[0] = whole match; groups[i] = capture i (npos begin = unmatched).
struct RegexMatch {
  std::vector<std::pair<size_t, size_t>> groups;  // (begin, length); begin npos if unset
};
bool RegexSearch(const CompiledRegex& re, std::string_view text, size_t start, RegexMatch* m);
size_t RegexGroupCount(const CompiledRegex& re);

}  // namespace nano::fn
