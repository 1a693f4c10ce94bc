// engine/types/numeric.cc — PostgreSQL-compatible arbitrary-precision decimal.
//
// Magnitudes are base-10000 digit vectors, most significant first. A finite
// value is  sign * sum(digits[i] * 10000^(weight - i)).  Arithmetic works on
// "aligned integers": a digit vector D plus an exponent e meaning D * 10000^e.
#include "types/numeric.h"

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace nano {
namespace {

constexpr int kNBase = 10000;
constexpr int kDecDigits = 4;
constexpr int kMinSigDigits = 16;
constexpr int kMaxDisplayScale = 1000;
constexpr int kMaxResultScale = 2000;
constexpr int kMaxDscale = 16383;  // NUMERIC_DSCALE_MAX
constexpr int kMaxWeight = 32767;  // NUMERIC_WEIGHT_MAX

using Mag = std::vector<int32_t>;  // MS first, base 10000

// Strips leading zeros of an integer magnitude.
void TrimLeading(Mag* m) {
  size_t i = 0;
  while (i < m->size() && (*m)[i] == 0) ++i;
  if (i) m->erase(m->begin(), m->begin() + static_cast<long>(i));
}

int CmpMagInt(const Mag& a, const Mag& b) {  // both trimmed integers
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  }
  return 0;
}

Mag AddMagInt(const Mag& a, const Mag& b) {
  const size_t n = std::max(a.size(), b.size()) + 1;
  Mag r(n, 0);
  int carry = 0;
  for (size_t i = 0; i < n; ++i) {
    int s = carry;
    if (i < a.size()) s += a[a.size() - 1 - i];
    if (i < b.size()) s += b[b.size() - 1 - i];
    carry = s >= kNBase;
    r[n - 1 - i] = s - (carry ? kNBase : 0);
  }
  TrimLeading(&r);
  return r;
}

// a - b, requires a >= b.
Mag SubMagInt(const Mag& a, const Mag& b) {
  Mag r(a.size(), 0);
  int borrow = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    int s = a[a.size() - 1 - i] - borrow;
    if (i < b.size()) s -= b[b.size() - 1 - i];
    borrow = s < 0;
    r[a.size() - 1 - i] = s + (borrow ? kNBase : 0);
  }
  assert(borrow == 0);
  TrimLeading(&r);
  return r;
}

Mag MulMagInt(const Mag& a, const Mag& b) {
  if (a.empty() || b.empty()) return {};
  std::vector<int64_t> acc(a.size() + b.size(), 0);
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i] == 0) continue;
    for (size_t j = 0; j < b.size(); ++j) acc[i + j + 1] += int64_t{a[i]} * b[j];
    // Propagate periodically to avoid overflow with huge operands.
    if ((i & 0xffff) == 0xffff) {
      for (size_t k = acc.size() - 1; k > 0; --k) {
        acc[k - 1] += acc[k] / kNBase;
        acc[k] %= kNBase;
      }
    }
  }
  Mag r(acc.size(), 0);
  int64_t carry = 0;
  for (size_t k = acc.size(); k-- > 0;) {
    int64_t v = acc[k] + carry;
    r[k] = static_cast<int32_t>(v % kNBase);
    carry = v / kNBase;
  }
  assert(carry == 0);
  TrimLeading(&r);
  return r;
}

Mag MulSmall(const Mag& a, int32_t m) {
  Mag r(a.size() + 1, 0);
  int64_t carry = 0;
  for (size_t i = a.size(); i-- > 0;) {
    int64_t v = int64_t{a[i]} * m + carry;
    r[i + 1] = static_cast<int32_t>(v % kNBase);
    carry = v / kNBase;
  }
  r[0] = static_cast<int32_t>(carry);
  TrimLeading(&r);
  return r;
}

// Integer division q = floor(a / b), b non-zero; optional remainder.
// Schoolbook long division in base 10000 with a trial digit from the top
// three digits, corrected by at most a few steps (bounded loop).
Mag DivMagInt(const Mag& a, const Mag& b, Mag* rem) {
  assert(!b.empty());
  if (CmpMagInt(a, b) < 0) {
    if (rem) *rem = a;
    return {};
  }
  if (b.size() == 1) {
    Mag q(a.size(), 0);
    int64_t r = 0;
    for (size_t i = 0; i < a.size(); ++i) {
      int64_t cur = r * kNBase + a[i];
      q[i] = static_cast<int32_t>(cur / b[0]);
      r = cur % b[0];
    }
    TrimLeading(&q);
    if (rem) {
      rem->clear();
      if (r) rem->push_back(static_cast<int32_t>(r));
    }
    return q;
  }
  // Normalise so the divisor's top digit is large (improves the estimate).
  const int32_t d = kNBase / (b[0] + 1);
  Mag u = d > 1 ? MulSmall(a, d) : a;
  Mag v = d > 1 ? MulSmall(b, d) : b;
  Mag q;
  Mag cur;
  const double vtop = v[0] * double{kNBase} + v[1] + (v.size() > 2 ? v[2] / double{kNBase} : 0);
  for (size_t i = 0; i < u.size(); ++i) {
    cur.push_back(u[i]);
    TrimLeading(&cur);
    int32_t qd = 0;
    if (CmpMagInt(cur, v) >= 0) {
      // Estimate from the leading digits of cur aligned with v.
      double ctop = 0;
      const size_t extra = cur.size() - v.size();  // 0 or 1
      for (size_t k = 0; k < 3 + extra && k < cur.size(); ++k) {
        ctop = ctop * kNBase + cur[k];
      }
      const size_t used = std::min<size_t>(3 + extra, cur.size());
      // Scale ctop so that it is comparable with vtop (2 digits + fraction).
      double est = ctop / vtop;
      const int shift = static_cast<int>(used) - 2 - static_cast<int>(extra);
      for (int s = 0; s < shift; ++s) est /= kNBase;
      qd = static_cast<int32_t>(est);
      qd = std::clamp(qd, 0, kNBase - 1);
      Mag prod = MulSmall(v, qd);
      for (int guard = 0; guard < 4 && CmpMagInt(prod, cur) > 0; ++guard) {
        --qd;
        prod = SubMagInt(prod, v);
      }
      cur = SubMagInt(cur, prod);
      for (int guard = 0; guard < 4 && CmpMagInt(cur, v) >= 0; ++guard) {
        ++qd;
        cur = SubMagInt(cur, v);
      }
      assert(CmpMagInt(cur, v) < 0);
    }
    q.push_back(qd);
  }
  TrimLeading(&q);
  if (rem) {
    if (d > 1) {
      *rem = DivMagInt(cur, Mag{d}, nullptr);
    } else {
      *rem = cur;
    }
  }
  return q;
}

Mag ShiftLeft(Mag m, int n) {  // m * 10000^n
  if (!m.empty()) m.insert(m.end(), static_cast<size_t>(n), 0);
  return m;
}

int64_t Pow10(int n) {
  int64_t r = 1;
  for (int i = 0; i < n; ++i) r *= 10;
  return r;
}

Mag IsqrtMag(const Mag& n) {
  if (n.empty()) return {};
  // Start above the root (10000^ceil(len/2) > sqrt(n)); Newton's iteration
  // then decreases monotonically to floor(sqrt(n)).
  Mag x = ShiftLeft(Mag{1}, static_cast<int>((n.size() + 1) / 2));
  for (int iter = 0; iter < 200; ++iter) {
    Mag q = DivMagInt(n, x, nullptr);
    Mag y = DivMagInt(AddMagInt(x, q), Mag{2}, nullptr);
    if (CmpMagInt(y, x) >= 0) break;
    x = std::move(y);
  }
  return x;
}
}  // namespace

// Internal operations with access to Numeric's representation.
struct NumericOps {
  // Aligned integer form: value = sign * mag * 10000^exp.
  struct Aligned {
    bool neg = false;
    Mag mag;
    int exp = 0;
  };
  static Aligned ToAligned(const Numeric& n) {
    Aligned a;
    a.neg = n.neg_;
    a.mag.assign(n.digits_.begin(), n.digits_.end());
    a.exp = n.weight_ - static_cast<int>(n.digits_.size()) + 1;
    return a;
  }
  static Numeric FromAligned(const Aligned& a, int dscale) {
    Numeric r;
    r.neg_ = a.neg;
    r.digits_.assign(a.mag.begin(), a.mag.end());
    r.weight_ = a.exp + static_cast<int>(a.mag.size()) - 1;
    r.dscale_ = dscale;
    r.Normalize();
    return r;
  }
  static void AlignTo(Aligned* a, int exp) {
    assert(exp <= a->exp);
    a->mag = ShiftLeft(std::move(a->mag), a->exp - exp);
    a->exp = exp;
  }
  // |x| vs |y| for finite, normalised values.
  static int CmpAbs(const Numeric& x, const Numeric& y) {
    if (x.digits_.empty() || y.digits_.empty()) {
      return static_cast<int>(!x.digits_.empty()) - static_cast<int>(!y.digits_.empty());
    }
    if (x.weight_ != y.weight_) return x.weight_ < y.weight_ ? -1 : 1;
    const size_t n = std::max(x.digits_.size(), y.digits_.size());
    for (size_t i = 0; i < n; ++i) {
      const int a = i < x.digits_.size() ? x.digits_[i] : 0;
      const int b = i < y.digits_.size() ? y.digits_[i] : 0;
      if (a != b) return a < b ? -1 : 1;
    }
    return 0;
  }

  // |x| + |y| (add) or |x| - |y| (subtract, requires |x| >= |y|), written
  // straight into one digit vector: the hot path of sum() and avg().
  static Numeric AddSubAbs(const Numeric& x, const Numeric& y, bool subtract, bool neg,
                           int dscale) {
    const int xl = x.weight_ - static_cast<int>(x.digits_.size()) + 1;
    const int yl = y.weight_ - static_cast<int>(y.digits_.size()) + 1;
    const int high = std::max(x.weight_, y.weight_) + 1;
    const int low = std::min(xl, yl);
    Numeric r;
    r.digits_.resize(static_cast<size_t>(high - low + 1));
    int carry = 0;
    for (int pos = low; pos <= high; ++pos) {
      const int xi = x.weight_ - pos, yi = y.weight_ - pos;
      const int a = (xi >= 0 && xi < static_cast<int>(x.digits_.size())) ? x.digits_[xi] : 0;
      const int b = (yi >= 0 && yi < static_cast<int>(y.digits_.size())) ? y.digits_[yi] : 0;
      int v = subtract ? a - b - carry : a + b + carry;
      if (subtract) {
        carry = v < 0;
        if (carry) v += kNBase;
      } else {
        carry = v >= kNBase;
        if (carry) v -= kNBase;
      }
      r.digits_[static_cast<size_t>(high - pos)] = static_cast<int16_t>(v);
    }
    assert(carry == 0);
    r.weight_ = high;
    r.neg_ = neg;
    r.dscale_ = dscale;
    r.Normalize();
    return r;
  }

  static Numeric AddFinite(const Numeric& x, const Numeric& y, bool negate_y) {
    const bool yneg = negate_y ? !y.neg_ : y.neg_;
    const int dscale = std::max(x.dscale_, y.dscale_);
    if (x.neg_ == yneg || y.digits_.empty() || x.digits_.empty()) {
      if (y.digits_.empty()) {
        Numeric r = x;
        r.dscale_ = dscale;
        return r;
      }
      if (x.digits_.empty()) {
        Numeric r = y;
        r.neg_ = yneg;
        r.dscale_ = dscale;
        return r;
      }
      return AddSubAbs(x, y, false, x.neg_, dscale);
    }
    const int c = CmpAbs(x, y);
    if (c == 0) {
      Numeric z;
      z.dscale_ = dscale;
      return z;
    }
    return c > 0 ? AddSubAbs(x, y, true, x.neg_, dscale) : AddSubAbs(y, x, true, yneg, dscale);
  }

  // Rounds (or truncates) finite n to `scale` decimal digits (may be < 0).
  static Numeric RoundImpl(const Numeric& n, int scale, bool truncate) {
    Numeric r = n;
    if (!n.IsFinite()) return r;
    r.dscale_ = std::max(scale, 0);
    if (n.digits_.empty()) return r;
    // Decimal digits kept after the point = scale. Position of the last
    // kept digit in NBASE terms: NBASE digit index with weight w covers
    // decimal positions (w*4 .. w*4+3) counted from the point.
    // Convert to aligned form with exponent small enough to hold the
    // cut position exactly, then work on decimal digits of the last limb.
    Aligned a = ToAligned(n);
    // Fractional decimal digits present: -4*exp (if exp < 0).
    const int present = a.exp < 0 ? -a.exp * kDecDigits : 0;
    if (present <= scale) return r;
    // Number of decimal digits to drop from the right.
    const int drop = present - scale;
    // Split mag into q = mag / 10^drop, rem.
    const int drop_limbs = drop / kDecDigits;
    const int drop_dec = drop % kDecDigits;
    Mag q = a.mag;
    bool round_up = false;
    if (static_cast<size_t>(drop_limbs) >= q.size() + 1) {
      q.clear();  // everything dropped; first dropped digit is 0
    } else {
      // First dropped decimal digit decides rounding.
      int first_dropped;
      Mag head;
      if (static_cast<size_t>(drop_limbs) <= q.size()) {
        head.assign(q.begin(), q.end() - drop_limbs);
        if (drop_dec == 0) {
          // first dropped digit is top decimal digit of limb q[size-drop_limbs]
          first_dropped = drop_limbs > 0 ? q[q.size() - static_cast<size_t>(drop_limbs)] / 1000 : 0;
        } else {
          const int32_t last = head.empty() ? 0 : head.back();
          first_dropped = static_cast<int>((last / Pow10(drop_dec - 1)) % 10);
          if (!head.empty())
            head.back() = static_cast<int32_t>(last / Pow10(drop_dec) * Pow10(drop_dec));
        }
      } else {
        first_dropped = 0;
      }
      round_up = !truncate && first_dropped >= 5;
      q = std::move(head);
      // q now is a magnitude with exponent a.exp + drop_limbs, with the
      // low drop_dec decimal digits zeroed.
      if (round_up) {
        Mag inc{static_cast<int32_t>(Pow10(drop_dec))};
        q = AddMagInt(q, inc);
      }
    }
    Aligned out;
    out.neg = a.neg;
    out.mag = std::move(q);
    out.exp = a.exp + drop_limbs;
    TrimLeading(&out.mag);
    return FromAligned(out, std::max(scale, 0));
  }

  // sqrt of finite x >= 0 rounded to rscale digits (exact integer Newton).
  static Numeric SqrtAt(const Numeric& x, int rscale) {
    if (x.digits_.empty()) {
      Numeric z;
      z.dscale_ = std::max(rscale, 0);
      return z;
    }
    // sqrt(D * 10000^e) * 10000^R = sqrt(D * 10000^(e + 2R)); choose R with
    // e + 2R >= 0 and 4R >= rscale + 1.
    Aligned a = ToAligned(x);
    int R = (std::max(rscale, 0) + 1 + kDecDigits - 1) / kDecDigits + 1;
    int shift = a.exp + 2 * R;
    if (shift < 0) {
      R += (-shift + 1) / 2;
      shift = a.exp + 2 * R;
    }
    Mag m = ShiftLeft(a.mag, shift);
    Aligned r;
    r.mag = IsqrtMag(m);
    r.exp = -R;
    Numeric t = FromAligned(r, std::max(rscale, 0) + 4);
    return t.Round(rscale);
  }

  // exp(x) rounded to rscale digits: halve x until |y| <= 0.01, Taylor
  // series with guard digits, then square back (PostgreSQL's exp_var idea).
  static Numeric ExpAt(const Numeric& x, int rscale) {
    if (x.digits_.empty()) {
      Numeric one = Numeric::FromInt64(1);
      one.dscale_ = std::max(rscale, 0);
      return one;
    }
    if (x.neg_) {
      // exp(-a) = 1 / exp(a): compute exp(a) with enough relative digits.
      const double a = -x.ToDouble();
      const int dweight = static_cast<int>(a * 0.434294481903252);
      Numeric big = ExpAt(x.Neg(), std::max(rscale, 0) - dweight + 8);
      Numeric r;
      Numeric::FromInt64(1).DivScale(big, rscale, &r).IgnoreError();
      return r;
    }
    const double xd = x.ToDouble();
    int k = 0;
    for (double ay = xd; ay > 0.01 && k < 64; ay /= 2) ++k;
    const int dweight = static_cast<int>(xd * 0.434294481903252);
    const int w = std::max(rscale, 0) + std::max(dweight, 0) + (k * 31) / 100 + 12;
    Numeric y = x;
    const Numeric two = Numeric::FromInt64(2);
    for (int i = 0; i < k; ++i) y.DivScale(two, w, &y).IgnoreError();
    Numeric sum = Numeric::FromInt64(1).Add(y);
    Numeric term = y;
    for (int i = 2; i < 10000; ++i) {
      term = term.Mul(y).Round(w);
      term.DivScale(Numeric::FromInt64(i), w, &term).IgnoreError();
      if (term.digits_.empty()) break;
      sum = sum.Add(term);
    }
    for (int i = 0; i < k; ++i) sum = sum.Mul(sum).Round(w);
    return sum.Round(rscale);
  }

  // ln(x), x > 0, rounded to rscale digits: square roots until x is near 1,
  // then the atanh series, scaled back by 2^(k+1) (PostgreSQL's ln_var idea).
  static Numeric LnAt(const Numeric& x, int rscale) {
    double lx = std::fabs(std::log(x.ToDouble()));
    if (std::isinf(lx)) lx = 1e6;  // beyond double range: generous reduction
    int k = 0;
    for (double v = lx; v > 0.05 && k < 64; v /= 2) ++k;
    const int w = std::max(rscale, 0) + (k * 31) / 100 + 12;
    Numeric z = x;
    for (int i = 0; i < k; ++i) z = SqrtAt(z, w + 4);
    const Numeric one = Numeric::FromInt64(1);
    Numeric t;
    z.Sub(one).DivScale(z.Add(one), w, &t).IgnoreError();
    const Numeric t2 = t.Mul(t).Round(w);
    Numeric sum = t, term = t;
    for (int i = 3; i < 100000; i += 2) {
      term = term.Mul(t2).Round(w);
      if (term.digits_.empty()) break;
      Numeric q;
      term.DivScale(Numeric::FromInt64(i), w, &q).IgnoreError();
      if (q.digits_.empty()) break;
      sum = sum.Add(q);
    }
    const Numeric factor = Numeric::FromInt64(int64_t{1} << std::min(k + 1, 62));
    return sum.Mul(factor).Round(rscale);
  }

  // Truncated quotient of finite x / y (y != 0) with `scale` decimal digits.
  static Numeric DivTruncScale(const Numeric& x, const Numeric& y, int scale) {
    Aligned a = ToAligned(x);
    Aligned b = ToAligned(y);
    // Produce limbs down to 10000^-R where 4R >= scale.
    const int R = (std::max(scale, 0) + kDecDigits - 1) / kDecDigits + 1;
    const int shift = a.exp - b.exp + R;
    Mag num = a.mag, den = b.mag;
    if (shift >= 0) {
      num = ShiftLeft(std::move(num), shift);
    } else {
      den = ShiftLeft(std::move(den), -shift);
    }
    Aligned q;
    q.neg = a.neg != b.neg;
    q.mag = DivMagInt(num, den, nullptr);
    q.exp = -R;
    Numeric t = FromAligned(q, std::max(scale, 0) + 8);
    return RoundImpl(t, scale, /*truncate=*/true);
  }
};

void Numeric::Normalize() {
  size_t lead = 0;
  while (lead < digits_.size() && digits_[lead] == 0) ++lead;
  if (lead) {
    digits_.erase(digits_.begin(), digits_.begin() + static_cast<long>(lead));
    weight_ -= static_cast<int>(lead);
  }
  while (!digits_.empty() && digits_.back() == 0) digits_.pop_back();
  if (digits_.empty()) {
    weight_ = 0;
    neg_ = false;
  }
}

Numeric Numeric::NaN() {
  Numeric n;
  n.kind_ = Kind::kNaN;
  return n;
}

Numeric Numeric::Infinity(bool negative) {
  Numeric n;
  n.kind_ = negative ? Kind::kNegInf : Kind::kPosInf;
  return n;
}

Numeric Numeric::FromParts(bool negative, int weight, int dscale, std::vector<int16_t> digits) {
  Numeric n;
  n.neg_ = negative;
  n.weight_ = weight;
  n.dscale_ = dscale;
  n.digits_ = std::move(digits);
  n.Normalize();
  return n;
}

namespace {
bool IEq(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}
}  // namespace

Status Numeric::Parse(std::string_view text, Numeric* out) {
  auto bad = [&]() {
    return Status::Error(sqlstate::kInvalidTextRepresentation,
                         "invalid input syntax for type numeric: \"" + std::string(text) + "\"");
  };
  std::string_view s = text;
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  if (IEq(s, "NaN")) {
    *out = NaN();
    return Status::OK();
  }
  bool neg = false;
  std::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  if (IEq(body, "Infinity") || IEq(body, "inf")) {
    *out = Infinity(neg);
    return Status::OK();
  }
  // First pass: validate and locate the significant digits (no allocation).
  int frac = 0;
  bool seen_digit = false, seen_point = false;
  size_t first_sig = std::string_view::npos, last_digit = 0;
  int64_t sig_count = 0;  // significant digits (from the first non-zero one)
  size_t i = 0;
  for (; i < body.size(); ++i) {
    const char c = body[i];
    if (c >= '0' && c <= '9') {
      seen_digit = true;
      if (first_sig == std::string_view::npos && c != '0') first_sig = i;
      if (first_sig != std::string_view::npos) ++sig_count;
      if (seen_point) ++frac;
      last_digit = i;
    } else if (c == '.' && !seen_point) {
      seen_point = true;
    } else {
      break;
    }
  }
  if (!seen_digit) return bad();
  int64_t exponent = 0;
  if (i < body.size() && (body[i] == 'e' || body[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < body.size() && (body[i] == '+' || body[i] == '-')) {
      eneg = body[i] == '-';
      ++i;
    }
    if (i >= body.size() || body[i] < '0' || body[i] > '9') return bad();
    for (; i < body.size() && body[i] >= '0' && body[i] <= '9'; ++i) {
      if (exponent < 1000000000) exponent = exponent * 10 + (body[i] - '0');
    }
    if (eneg) exponent = -exponent;
  }
  if (i != body.size()) return bad();
  if (exponent > 1000000000) exponent = 1000000000;
  if (exponent < -1000000000) exponent = -1000000000;
  // Fractional zeros count towards the display scale even when leading.
  int64_t dscale = frac - exponent;
  if (dscale < 0) dscale = 0;
  Numeric n;
  n.dscale_ = static_cast<int>(std::min<int64_t>(dscale, INT32_MAX));
  if (first_sig != std::string_view::npos) {
    // Decimal position (power of ten) of the last digit, then of the first.
    const int64_t p_last = exponent - frac;
    const int64_t p_first = p_last + sig_count - 1;
    auto limb_of = [](int64_t p) { return p >= 0 ? p / 4 : -((-p + 3) / 4); };
    const int64_t high = limb_of(p_first), low = limb_of(p_last);
    if (high > kMaxWeight || exponent >= 1000000000) {
      return Status::Error(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
    }
    static constexpr int16_t kPow10[4] = {1, 10, 100, 1000};
    n.digits_.assign(static_cast<size_t>(high - low + 1), 0);
    int64_t p = p_first;
    for (size_t k = first_sig; k <= last_digit; ++k) {
      const char c = body[k];
      if (c == '.') continue;
      const int64_t limb = limb_of(p);
      n.digits_[static_cast<size_t>(high - limb)] = static_cast<int16_t>(
          n.digits_[static_cast<size_t>(high - limb)] + (c - '0') * kPow10[p - limb * 4]);
      --p;
    }
    n.weight_ = static_cast<int>(high);
    n.neg_ = neg;
    n.Normalize();
  }
  if (n.dscale_ > kMaxDscale || n.weight_ > kMaxWeight || exponent >= 1000000000) {
    return Status::Error(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
  }
  *out = std::move(n);
  return Status::OK();
}

Numeric Numeric::FromInt64(int64_t v) {
  Numeric n;
  if (v == 0) return n;
  n.neg_ = v < 0;
  uint64_t u = v < 0 ? ~static_cast<uint64_t>(v) + 1 : static_cast<uint64_t>(v);
  int16_t buf[5];
  int len = 0;
  while (u) {
    buf[len++] = static_cast<int16_t>(u % kNBase);
    u /= kNBase;
  }
  n.digits_.assign(std::make_reverse_iterator(buf + len), std::make_reverse_iterator(buf));
  n.weight_ = len - 1;
  n.Normalize();
  return n;
}

Status Numeric::FromDouble(double d, Numeric* out) {
  if (std::isnan(d)) {
    *out = NaN();
    return Status::OK();
  }
  if (std::isinf(d)) {
    *out = Infinity(d < 0);
    return Status::OK();
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", 15, d);
  return Parse(buf, out);
}

Status Numeric::FromFloat4(float f, Numeric* out) {
  if (std::isnan(f)) {
    *out = NaN();
    return Status::OK();
  }
  if (std::isinf(f)) {
    *out = Infinity(f < 0);
    return Status::OK();
  }
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*g", 6, static_cast<double>(f));
  return Parse(buf, out);
}

void Numeric::AppendTo(std::string* out) const {
  switch (kind_) {
    case Kind::kNaN:
      out->append("NaN");
      return;
    case Kind::kPosInf:
      out->append("Infinity");
      return;
    case Kind::kNegInf:
      out->append("-Infinity");
      return;
    case Kind::kFinite:
      break;
  }
  if (neg_) out->push_back('-');
  const int nd = static_cast<int>(digits_.size());
  auto limb = [&](int w) -> int {
    const int idx = weight_ - w;
    return (idx >= 0 && idx < nd) ? digits_[idx] : 0;
  };
  if (weight_ < 0 || nd == 0) {
    out->push_back('0');
  } else {
    char buf[8];
    int len = std::snprintf(buf, sizeof buf, "%d", limb(weight_));
    out->append(buf, static_cast<size_t>(len));
    for (int w = weight_ - 1; w >= 0; --w) {
      const int d = limb(w);
      out->push_back(static_cast<char>('0' + d / 1000));
      out->push_back(static_cast<char>('0' + d / 100 % 10));
      out->push_back(static_cast<char>('0' + d / 10 % 10));
      out->push_back(static_cast<char>('0' + d % 10));
    }
  }
  if (dscale_ > 0) {
    out->push_back('.');
    int emitted = 0;
    for (int w = -1; emitted < dscale_; --w) {
      const int d = limb(w);
      const int ds[4] = {d / 1000, d / 100 % 10, d / 10 % 10, d % 10};
      for (int k = 0; k < 4 && emitted < dscale_; ++k, ++emitted)
        out->push_back(static_cast<char>('0' + ds[k]));
    }
  }
}

std::string Numeric::ToString() const {
  std::string s;
  AppendTo(&s);
  return s;
}

Status Numeric::ToInt64(int64_t* out) const {
  if (IsNaN()) return Status::Error(sqlstate::kFeatureNotSupported, "cannot convert NaN to bigint");
  if (IsInf())
    return Status::Error(sqlstate::kFeatureNotSupported, "cannot convert infinity to bigint");
  Numeric r = Round(0);
  if (!r.AsExactInt64(out))
    return Status::Error(sqlstate::kNumericValueOutOfRange, "bigint out of range");
  return Status::OK();
}

bool Numeric::AsExactInt64(int64_t* out) const {
  if (!IsFinite()) return false;
  if (digits_.empty()) {
    *out = 0;
    return true;
  }
  if (weight_ < static_cast<int>(digits_.size()) - 1) return false;  // has a fraction
  if (weight_ > 4) return false;
  __int128 v = 0;
  for (int w = weight_, i = 0; w >= 0; --w, ++i) {
    v = v * kNBase + (i < static_cast<int>(digits_.size()) ? digits_[i] : 0);
  }
  if (neg_) v = -v;
  if (v > INT64_MAX || v < INT64_MIN) return false;
  *out = static_cast<int64_t>(v);
  return true;
}

double Numeric::ToDouble() const {
  switch (kind_) {
    case Kind::kNaN:
      return std::nan("");
    case Kind::kPosInf:
      return HUGE_VAL;
    case Kind::kNegInf:
      return -HUGE_VAL;
    case Kind::kFinite:
      break;
  }
  int64_t i;
  if (weight_ < 4 && AsExactInt64(&i) && i > -(int64_t{1} << 53) && i < (int64_t{1} << 53)) {
    return static_cast<double>(i);
  }
  Numeric t = *this;
  t.dscale_ = std::max(0, (static_cast<int>(digits_.size()) - weight_ - 1) * kDecDigits);
  return std::strtod(t.ToString().c_str(), nullptr);
}

int Numeric::Sign() const {
  switch (kind_) {
    case Kind::kNaN:
      return 0;
    case Kind::kPosInf:
      return 1;
    case Kind::kNegInf:
      return -1;
    case Kind::kFinite:
      break;
  }
  return digits_.empty() ? 0 : (neg_ ? -1 : 1);
}

Numeric Numeric::Add(const Numeric& o) const {
  if (IsNaN() || o.IsNaN()) return NaN();
  if (IsInf() || o.IsInf()) {
    if (IsInf() && o.IsInf()) return kind_ == o.kind_ ? *this : NaN();
    return IsInf() ? *this : o;
  }
  return NumericOps::AddFinite(*this, o, false);
}

Numeric Numeric::Sub(const Numeric& o) const {
  if (IsFinite() && o.IsFinite()) return NumericOps::AddFinite(*this, o, true);
  return Add(o.Neg());
}

Numeric Numeric::Mul(const Numeric& o) const {
  if (IsNaN() || o.IsNaN()) return NaN();
  if (IsInf() || o.IsInf()) {
    const int s = Sign() * o.Sign();
    if (s == 0) return NaN();
    return Infinity(s < 0);
  }
  NumericOps::Aligned a = NumericOps::ToAligned(*this), b = NumericOps::ToAligned(o);
  NumericOps::Aligned r;
  r.neg = a.neg != b.neg;
  r.mag = MulMagInt(a.mag, b.mag);
  r.exp = a.exp + b.exp;
  Numeric res = NumericOps::FromAligned(r, std::min(dscale_ + o.dscale_, 16383));
  return res;
}

namespace {
int SelectDivScale(const Numeric& a, const Numeric& b) {
  int w1 = 0, f1 = 0, w2 = 0, f2 = 0;
  if (!a.digits().empty()) {
    w1 = a.weight();
    f1 = a.digits()[0];
  }
  if (!b.digits().empty()) {
    w2 = b.weight();
    f2 = b.digits()[0];
  }
  int qweight = w1 - w2;
  if (f1 <= f2) qweight--;
  int rscale = kMinSigDigits - qweight * kDecDigits;
  rscale = std::max({rscale, a.scale(), b.scale(), 0});
  return std::min(rscale, kMaxDisplayScale);
}
Status DivByZero() { return Status::Error(sqlstate::kDivisionByZero, "division by zero"); }
}  // namespace

Status Numeric::DivScale(const Numeric& o, int rscale, Numeric* out) const {
  if (IsNaN() || o.IsNaN()) {
    *out = NaN();
    return Status::OK();
  }
  if (IsInf()) {
    if (o.IsInf()) {
      *out = NaN();
      return Status::OK();
    }
    if (o.Sign() == 0) return DivByZero();
    *out = Infinity((Sign() * o.Sign()) < 0);
    return Status::OK();
  }
  if (o.IsInf()) {
    *out = Numeric();
    return Status::OK();
  }
  if (o.Sign() == 0) return DivByZero();
  Numeric t = NumericOps::DivTruncScale(*this, o, rscale + 1);
  *out = t.Round(rscale);
  return Status::OK();
}

Status Numeric::Div(const Numeric& o, Numeric* out) const {
  const int rscale = (IsFinite() && o.IsFinite()) ? SelectDivScale(*this, o) : 0;
  return DivScale(o, rscale, out);
}

Status Numeric::DivTrunc(const Numeric& o, Numeric* out) const {
  if (IsNaN() || o.IsNaN()) {
    *out = NaN();
    return Status::OK();
  }
  if (IsInf() || o.IsInf()) {
    if (IsInf() && o.IsInf()) {
      *out = NaN();
    } else if (IsInf()) {
      if (o.Sign() == 0) return DivByZero();
      *out = Infinity(Sign() * o.Sign() < 0);
    } else {
      *out = Numeric();
    }
    return Status::OK();
  }
  if (o.Sign() == 0) return DivByZero();
  *out = NumericOps::DivTruncScale(*this, o, 0);
  return Status::OK();
}

Status Numeric::Mod(const Numeric& o, Numeric* out) const {
  if (IsNaN() || o.IsNaN()) {
    *out = NaN();
    return Status::OK();
  }
  if (IsInf()) {
    if (o.IsFinite() && o.Sign() == 0) return DivByZero();
    *out = NaN();
    return Status::OK();
  }
  if (o.IsInf()) {
    *out = *this;
    return Status::OK();
  }
  if (o.Sign() == 0) return DivByZero();
  Numeric q = NumericOps::DivTruncScale(*this, o, 0);
  Numeric r = Sub(q.Mul(o));
  r.dscale_ = std::max(dscale_, o.dscale_);
  *out = std::move(r);
  return Status::OK();
}

Numeric Numeric::Neg() const {
  Numeric r = *this;
  if (kind_ == Kind::kPosInf) {
    r.kind_ = Kind::kNegInf;
  } else if (kind_ == Kind::kNegInf) {
    r.kind_ = Kind::kPosInf;
  } else if (IsFinite() && !digits_.empty()) {
    r.neg_ = !neg_;
  }
  return r;
}

Numeric Numeric::Abs() const {
  Numeric r = *this;
  if (kind_ == Kind::kNegInf) r.kind_ = Kind::kPosInf;
  r.neg_ = false;
  return r;
}

Numeric Numeric::Round(int scale) const {
  scale = std::clamp(scale, -kMaxResultScale, kMaxResultScale);
  return NumericOps::RoundImpl(*this, scale, false);
}

Numeric Numeric::Trunc(int scale) const {
  scale = std::clamp(scale, -kMaxResultScale, kMaxResultScale);
  return NumericOps::RoundImpl(*this, scale, true);
}

Numeric Numeric::Floor() const {
  if (!IsFinite()) return *this;
  Numeric t = Trunc(0);
  if (neg_ && t.Compare(*this) != 0) t = t.Sub(FromInt64(1));
  t.dscale_ = 0;
  return t;
}

Numeric Numeric::Ceil() const {
  if (!IsFinite()) return *this;
  Numeric t = Trunc(0);
  if (!neg_ && t.Compare(*this) != 0) t = t.Add(FromInt64(1));
  t.dscale_ = 0;
  return t;
}

Status Numeric::ApplyTypmod(int32_t typmod, Numeric* out) const {
  if (typmod < 4) {
    *out = *this;
    return Status::OK();
  }
  const int precision = ((typmod - 4) >> 16) & 0xffff;
  const int scale = (((typmod - 4) & 0x7ff) ^ 1024) - 1024;
  const int maxdigits = precision - scale;
  if (IsNaN()) {
    *out = *this;
    return Status::OK();
  }
  if (IsInf()) {
    return Status::Error(sqlstate::kNumericValueOutOfRange, "numeric field overflow")
        .WithDetail("A field with precision " + std::to_string(precision) + ", scale " +
                    std::to_string(scale) + " cannot hold an infinite value.");
  }
  Numeric r = NumericOps::RoundImpl(*this, scale, false);
  if (!r.digits_.empty()) {
    int ddigits = (r.weight_ + 1) * kDecDigits;
    if (ddigits > maxdigits) {
      const int d = r.digits_[0];
      if (d < 10) {
        ddigits -= 3;
      } else if (d < 100) {
        ddigits -= 2;
      } else if (d < 1000) {
        ddigits -= 1;
      }
      if (ddigits > maxdigits) {
        std::string lim = maxdigits ? "10^" + std::to_string(maxdigits) : "1";
        return Status::Error(sqlstate::kNumericValueOutOfRange, "numeric field overflow")
            .WithDetail("A field with precision " + std::to_string(precision) + ", scale " +
                        std::to_string(scale) + " must round to an absolute value less than " +
                        lim + ".");
      }
    }
  }
  *out = std::move(r);
  return Status::OK();
}

int Numeric::Compare(const Numeric& o) const {
  auto rank = [](const Numeric& n) {
    switch (n.kind_) {
      case Kind::kNaN:
        return 3;
      case Kind::kPosInf:
        return 2;
      case Kind::kNegInf:
        return 0;
      case Kind::kFinite:
        break;
    }
    return 1;
  };
  const int ra = rank(*this), rb = rank(o);
  if (ra != rb) return ra < rb ? -1 : 1;
  if (ra != 1) return 0;
  const int sa = Sign(), sb = o.Sign();
  if (sa != sb) return sa < sb ? -1 : 1;
  if (sa == 0) return 0;
  int c = 0;
  if (weight_ != o.weight_) {
    c = weight_ < o.weight_ ? -1 : 1;
  } else {
    const size_t n = std::max(digits_.size(), o.digits_.size());
    for (size_t i = 0; i < n && c == 0; ++i) {
      const int a = i < digits_.size() ? digits_[i] : 0;
      const int b = i < o.digits_.size() ? o.digits_[i] : 0;
      if (a != b) c = a < b ? -1 : 1;
    }
  }
  return sa < 0 ? -c : c;
}

uint64_t Numeric::Hash() const {
  uint64_t h = 1469598103934665603ULL ^ static_cast<uint64_t>(kind_);
  if (!IsFinite()) return h;
  auto mix = [&](uint64_t x) {
    h ^= x;
    h *= 1099511628211ULL;
  };
  mix(neg_);
  mix(static_cast<uint64_t>(static_cast<int64_t>(weight_)));
  for (int16_t d : digits_) mix(static_cast<uint64_t>(d));
  return h;
}

// --- transcendental functions -------------------------------------------
// Result scales follow PostgreSQL (numeric_sqrt/ln/log/exp/power); values
// are computed in decimal arithmetic with guard digits (NumericOps::SqrtAt,
// LnAt, ExpAt) and rounded once, so they match PostgreSQL digit for digit.

Status Numeric::Sqrt(Numeric* out) const {
  if (IsNaN()) {
    *out = NaN();
    return Status::OK();
  }
  if (Sign() < 0) {
    return Status::Error("2201F", "cannot take square root of a negative number");
  }
  if (IsInf()) {
    *out = *this;
    return Status::OK();
  }
  const int sweight = (weight_ + 1) * kDecDigits / 2 - 1;
  int rscale = kMinSigDigits - sweight;
  rscale = std::clamp(std::max(rscale, dscale_), 0, kMaxDisplayScale);
  if (digits_.empty()) {
    Numeric z;
    z.dscale_ = rscale;
    *out = z;
    return Status::OK();
  }
  *out = NumericOps::SqrtAt(*this, rscale);
  return Status::OK();
}

namespace {
// PostgreSQL's estimate_ln_dweight(): decimal weight of ln(var), var > 0.
int EstimateLnDweight(const Numeric& var) {
  if (var.Sign() <= 0 || !var.IsFinite()) return 0;
  Numeric p09, p11;
  Numeric::Parse("0.9", &p09).IgnoreError();
  Numeric::Parse("1.1", &p11).IgnoreError();
  if (var.Compare(p09) >= 0 && var.Compare(p11) <= 0) {
    const Numeric x = var.Sub(Numeric::FromInt64(1));
    if (x.digits().empty()) return 0;
    return x.weight() * kDecDigits +
           static_cast<int>(std::log10(static_cast<double>(x.digits()[0])));
  }
  int digits = var.digits()[0];
  int dweight = var.weight() * kDecDigits;
  if (var.digits().size() > 1) {
    digits = digits * kNBase + var.digits()[1];
    dweight -= kDecDigits;
  }
  const double ln_var = std::log(static_cast<double>(digits)) + dweight * 2.302585092994046;
  return static_cast<int>(std::log10(std::fabs(ln_var)));
}
}  // namespace

Status Numeric::Ln(Numeric* out) const {
  if (IsNaN()) {
    *out = NaN();
    return Status::OK();
  }
  if (Sign() == 0) return Status::Error("2201E", "cannot take logarithm of zero");
  if (Sign() < 0) return Status::Error("2201E", "cannot take logarithm of a negative number");
  if (IsInf()) {
    *out = *this;
    return Status::OK();
  }
  // PG: rscale = NUMERIC_MIN_SIG_DIGITS - estimate_ln_dweight(arg).
  const int dweight = EstimateLnDweight(*this);
  const int rscale = std::clamp(std::max(kMinSigDigits - dweight, dscale_), 0, kMaxDisplayScale);
  *out = NumericOps::LnAt(*this, rscale);
  return Status::OK();
}

Status Numeric::Log10(Numeric* out) const { return FromInt64(10).Log(*this, out); }

Status Numeric::Log(const Numeric& x, Numeric* out) const {
  if (IsNaN() || x.IsNaN()) {
    *out = NaN();
    return Status::OK();
  }
  if (Sign() == 0 || x.Sign() == 0) return Status::Error("2201E", "cannot take logarithm of zero");
  if (Sign() < 0 || x.Sign() < 0) {
    return Status::Error("2201E", "cannot take logarithm of a negative number");
  }
  if (IsInf() || x.IsInf()) {
    *out = NaN();
    if (!IsInf()) *out = Infinity(false);
    if (IsInf() && !x.IsInf()) *out = Numeric();
    return Status::OK();
  }
  if (Compare(FromInt64(1)) == 0) return DivByZero();
  // PG's log_var: scales from estimated weights, 8 guard digits.
  const int ln_base_dweight = EstimateLnDweight(*this);
  const int ln_num_dweight = EstimateLnDweight(x);
  const int result_dweight = ln_num_dweight - ln_base_dweight;
  int rscale = kMinSigDigits - result_dweight;
  rscale = std::clamp(std::max({rscale, dscale_, x.dscale_}), 0, kMaxDisplayScale);
  const Numeric ln_base = NumericOps::LnAt(*this, rscale + result_dweight - ln_base_dweight + 8);
  const Numeric ln_num = NumericOps::LnAt(x, rscale + result_dweight - ln_num_dweight + 8);
  return ln_num.DivScale(ln_base, rscale, out);
}

Status Numeric::Exp(Numeric* out) const {
  if (IsNaN()) {
    *out = NaN();
    return Status::OK();
  }
  if (IsInf()) {
    *out = kind_ == Kind::kPosInf ? *this : Numeric();
    return Status::OK();
  }
  double val = ToDouble() * 0.434294481903252;  // decimal weight of the result
  if (val > kMaxWeight * kDecDigits) {
    return Status::Error(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
  }
  val = std::clamp(val, -double{kMaxResultScale}, double{kMaxResultScale});
  const int rscale =
      std::clamp(std::max(kMinSigDigits - static_cast<int>(val), dscale_), 0, kMaxDisplayScale);
  if (val < -(rscale + 2)) {  // underflows to zero at this scale
    Numeric z;
    z.dscale_ = rscale;
    *out = z;
    return Status::OK();
  }
  *out = NumericOps::ExpAt(*this, rscale);
  return Status::OK();
}

Status Numeric::Power(const Numeric& e, Numeric* out) const {
  if (IsNaN() || e.IsNaN()) {
    // PG: 1 ^ NaN = 1, NaN ^ 0 = 1.
    if ((IsFinite() && Compare(FromInt64(1)) == 0) || (e.IsFinite() && e.Sign() == 0)) {
      *out = FromInt64(1);
      out->dscale_ = 0;
      return Status::OK();
    }
    *out = NaN();
    return Status::OK();
  }
  if (Sign() == 0 && e.Sign() < 0) {
    return Status::Error("2201F", "zero raised to a negative power is undefined");
  }
  int64_t ie = 0;
  const bool int_exp = e.AsExactInt64(&ie);
  if (Sign() < 0 && !int_exp && e.IsFinite()) {
    return Status::Error("2201F",
                         "a negative number raised to a non-integer power yields a complex result");
  }
  if (!IsFinite() || !e.IsFinite()) {
    const double r = std::pow(ToDouble(), e.ToDouble());
    return FromDouble(r, out);
  }
  if (int_exp && ie >= INT32_MIN && ie <= INT32_MAX && std::llabs(ie) <= 100000) {
    // power_var_int: exact power by squaring, rounded to max(16, dscale).
    const int rscale = std::clamp(std::max(kMinSigDigits, dscale_), 0, kMaxDisplayScale);
    if (ie == 0) {
      Numeric one = FromInt64(1);
      one.dscale_ = rscale;
      *out = one;
      return Status::OK();
    }
    // Guard against results far beyond numeric's range.
    const double mag = std::log10(std::fabs(ToDouble())) * static_cast<double>(ie);
    if (mag > 131072 || !std::isfinite(mag)) {
      if (mag > 0 || std::isnan(mag)) {
        return Status::Error(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
      }
    }
    Numeric base = *this, acc = FromInt64(1);
    uint64_t n = static_cast<uint64_t>(std::llabs(ie));
    while (n) {
      if (n & 1) acc = acc.Mul(base);
      n >>= 1;
      if (n) base = base.Mul(base);
      // Keep intermediate scales bounded (extra digits guard the rounding).
      if (acc.dscale_ > rscale + 40) acc = acc.Round(rscale + 40);
      if (base.dscale_ > rscale + 40) base = base.Round(rscale + 40);
    }
    if (ie < 0) return FromInt64(1).DivScale(acc, rscale, out);
    *out = acc.Round(rscale);
    out->dscale_ = rscale;
    return Status::OK();
  }
  if (Sign() == 0) {  // 0 ^ positive non-integer
    Numeric z;
    z.dscale_ = std::clamp(std::max({kMinSigDigits, dscale_, e.dscale_}), 0, kMaxDisplayScale);
    *out = z;
    return Status::OK();
  }
  // PG's power_var: a low-precision ln to size the result, then
  // exp(exp * ln(base)) with guard digits.
  const int ln_dweight = EstimateLnDweight(*this);
  double val = e.ToDouble() * std::log(ToDouble());
  if (std::fabs(val) > kMaxWeight * kDecDigits * 2.3026) {
    if (val > 0)
      return Status::Error(sqlstate::kNumericValueOutOfRange, "value overflows numeric format");
    Numeric z;
    z.dscale_ = kMaxDisplayScale;
    *out = z;
    return Status::OK();
  }
  val *= 0.434294481903252;
  int rscale = kMinSigDigits - static_cast<int>(val);
  rscale = std::clamp(std::max({rscale, dscale_, e.dscale_}), 0, kMaxDisplayScale);
  const int local_rscale = rscale + static_cast<int>(val) - ln_dweight + 8;
  const Numeric ln_base = NumericOps::LnAt(*this, local_rscale);
  const Numeric ln_num = ln_base.Mul(e).Round(local_rscale);
  *out = NumericOps::ExpAt(ln_num, rscale);
  return Status::OK();
}

}  // namespace nano
