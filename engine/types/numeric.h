// engine/types/numeric.h — arbitrary-precision decimal with PostgreSQL's
// numeric semantics (NaN, +/-Infinity as in PG14+, display-scale rules,
// select_div_scale, rounding half away from zero).
//
// Representation: base-10000 digits (NBASE) like PostgreSQL: `digits_` most
// significant first, `weight_` = exponent (in NBASE units) of the first digit,
// `sign_`, and `dscale_` = display scale (decimal digits after the point).
// Values are normalised: no leading/trailing zero NBASE digits; zero has no digits.
//
// Value::str() of a numeric Value holds ToString(): no leading zeros, '-' only
// if < 0, trailing zeros kept to the display scale ("1.50" stays "1.50"),
// "NaN", "Infinity", "-Infinity".
//
// Thread-safety: plain value type. Errors: 22P02 bad syntax, 22003 overflow,
// 22012 division by zero, 2201E/2201F for invalid log/power arguments.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

namespace nano {

class Numeric {
 public:
  Numeric() = default;  // zero, scale 0

  // Accepts PG's numeric_in syntax: optional blanks, sign, digits, '.', exponent,
  // 'NaN', 'Infinity', 'inf'. Error message: invalid input syntax for type numeric: "x".
  static Status Parse(std::string_view text, Numeric* out);
  static Numeric FromInt64(int64_t v);
  static Status FromDouble(double d, Numeric* out);  // like float8_numeric (15 sig. digits)
  static Status FromFloat4(float f, Numeric* out);   // like float4_numeric (6 sig. digits)
  static Numeric NaN();
  static Numeric Infinity(bool negative = false);

  std::string ToString() const;
  void AppendTo(std::string* out) const;
  // Rounds half away from zero; 22003 "bigint out of range" on overflow,
  // 0A000 "cannot convert NaN to bigint" / "cannot convert infinity to bigint".
  Status ToInt64(int64_t* out) const;
  double ToDouble() const;

  bool IsNaN() const { return kind_ == Kind::kNaN; }
  bool IsInf() const { return kind_ == Kind::kPosInf || kind_ == Kind::kNegInf; }
  bool IsFinite() const { return kind_ == Kind::kFinite; }
  bool IsZero() const { return IsFinite() && digits_.empty(); }
  int Sign() const;  // -1, 0, 1 (NaN -> 0)

  Numeric Add(const Numeric&) const;
  Numeric Sub(const Numeric&) const;
  Numeric Mul(const Numeric&) const;
  Status Div(const Numeric&, Numeric* out) const;  // select_div_scale; 22012
  Status Mod(const Numeric&, Numeric* out) const;  // 22012
  // Integer division (div()): truncates toward zero.
  Status DivTrunc(const Numeric&, Numeric* out) const;
  // Division with an explicit result scale (rounded); used by avg().
  Status DivScale(const Numeric&, int rscale, Numeric* out) const;
  Numeric Neg() const;
  Numeric Abs() const;
  Numeric Round(int scale) const;
  Numeric Trunc(int scale) const;
  Numeric Ceil() const;
  Numeric Floor() const;
  // numeric(p,s) coercion: round to s, then 22003 "numeric field overflow"
  // with DETAIL "A field with precision p, scale s must round to an absolute
  // value less than 10^(p-s)." Infinity: DETAIL "...cannot hold an infinite value."
  Status ApplyTypmod(int32_t typmod, Numeric* out) const;
  // Total order: NaN > +Inf > finite > -Inf; NaN == NaN. Scale ignored (1.0 == 1).
  int Compare(const Numeric&) const;
  int scale() const { return dscale_; }
  void set_dscale(int s) { dscale_ = s; }
  // Hash consistent with Compare (scale-independent).
  uint64_t Hash() const;
  // True if finite and integral, and fits int64 (sets *out).
  bool AsExactInt64(int64_t* out) const;

  Status Sqrt(Numeric* out) const;  // 2201F for negative
  Status Power(const Numeric& exp, Numeric* out) const;
  Status Ln(Numeric* out) const;  // 2201E for <= 0
  Status Log10(Numeric* out) const;
  Status Log(const Numeric& x, Numeric* out) const;  // log(this base, x)
  Status Exp(Numeric* out) const;

  // Raw access for binary I/O (PG's numeric_send layout).
  enum class Kind : uint8_t { kFinite, kNaN, kPosInf, kNegInf };
  Kind kind() const { return kind_; }
  bool negative() const { return neg_; }
  int weight() const { return weight_; }
  const std::vector<int16_t>& digits() const { return digits_; }
  static Numeric FromParts(bool negative, int weight, int dscale, std::vector<int16_t> digits);

 private:
  friend struct NumericOps;
  Kind kind_ = Kind::kFinite;
  bool neg_ = false;
  int weight_ = 0;
  int dscale_ = 0;
  std::vector<int16_t> digits_;  // base 10000, most significant first

  void Normalize();
};

}  // namespace nano
