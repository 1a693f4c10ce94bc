// engine/types/geometry.cc — geometric types: packing, text and binary I/O,
// casts and the geo_ops.c helpers they share with the SQL functions.
#include "types/geometry.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "types/text_io.h"
#include "types/type_id.h"

namespace nano::geo {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

void AppendDoubles(std::initializer_list<double> ds, std::string* out) {
  for (double d : ds) out->append(reinterpret_cast<const char*>(&d), sizeof d);
}

double DoubleAt(const std::string& s, size_t i) {
  double d = 0;
  if ((i + 1) * sizeof d <= s.size()) std::memcpy(&d, s.data() + i * sizeof d, sizeof d);
  return d;
}

std::vector<Point> PointsFrom(const std::string& s, size_t offset) {
  std::vector<Point> pts;
  const size_t n = (s.size() - offset) / (2 * sizeof(double));
  pts.reserve(n);
  for (size_t k = 0; k < n; ++k) {
    Point p;
    std::memcpy(&p.x, s.data() + offset + k * 16, 8);
    std::memcpy(&p.y, s.data() + offset + k * 16 + 8, 8);
    pts.push_back(p);
  }
  return pts;
}

const char* TypeName(TypeOid t) {
  switch (t) {
    case type::kPoint:
      return "point";
    case type::kLseg:
      return "lseg";
    case type::kPath:
      return "path";
    case type::kBox:
      return "box";
    case type::kPolygon:
      return "polygon";
    case type::kLine:
      return "line";
    default:
      return "circle";
  }
}

// ---- text input (geo_ops.c's single_decode / pair_decode / path_decode) ---

// Parses the input with a cursor over a NUL-terminated copy, as the C code
// does; every syntax error reports the whole original string.
class Decoder {
 public:
  Decoder(std::string_view text, const char* type_name)
      : buf_(text), type_name_(type_name), s_(buf_.c_str()) {}

  Status Syntax() const {
    return Status::Error(
        sqlstate::kInvalidTextRepresentation,
        std::string("invalid input syntax for type ") + type_name_ + ": \"" + buf_ + "\"");
  }
  const char* pos() const { return s_; }
  void set_pos(const char* p) { s_ = p; }
  char peek() const { return *s_; }
  void Advance() { ++s_; }
  void SkipSpaces() {
    while (std::isspace(static_cast<unsigned char>(*s_))) ++s_;
  }
  bool AtEnd() const { return *s_ == '\0'; }
  const std::string& whole() const { return buf_; }

  // float8in_internal with an end pointer: trailing blanks are skipped.
  Status Float(double* out) {
    SkipSpaces();
    if (*s_ == '\0') return Syntax();
    char* end = nullptr;
    errno = 0;
    double val = std::strtod(s_, &end);
    if (end == s_ || errno != 0) {
      const int saved = errno;
      if (strncasecmp(s_, "NaN", 3) == 0) {
        val = kNaN;
        end = const_cast<char*>(s_) + 3;
      } else if (strncasecmp(s_, "Infinity", 8) == 0) {
        val = kInf;
        end = const_cast<char*>(s_) + 8;
      } else if (strncasecmp(s_, "+Infinity", 9) == 0) {
        val = kInf;
        end = const_cast<char*>(s_) + 9;
      } else if (strncasecmp(s_, "-Infinity", 9) == 0) {
        val = -kInf;
        end = const_cast<char*>(s_) + 9;
      } else if (strncasecmp(s_, "inf", 3) == 0) {
        val = kInf;
        end = const_cast<char*>(s_) + 3;
      } else if (strncasecmp(s_, "+inf", 4) == 0) {
        val = kInf;
        end = const_cast<char*>(s_) + 4;
      } else if (strncasecmp(s_, "-inf", 4) == 0) {
        val = -kInf;
        end = const_cast<char*>(s_) + 4;
      } else if (saved == ERANGE) {
        if (val == 0.0 || val >= HUGE_VAL || val <= -HUGE_VAL) {
          return Status::Error(sqlstate::kNumericValueOutOfRange,
                               "\"" + std::string(s_, static_cast<size_t>(end - s_)) +
                                   "\" is out of range for type double precision");
        }
      } else {
        return Syntax();
      }
    }
    s_ = end;
    SkipSpaces();
    *out = val;
    return Status::OK();
  }

  // pair_decode with an end pointer: "x,y" or "(x,y)".
  Status Pair(Point* p) {
    SkipSpaces();
    const bool has_delim = *s_ == '(';
    if (has_delim) ++s_;
    NANO_RETURN_IF_ERROR(Float(&p->x));
    if (*s_++ != ',') return Syntax();
    NANO_RETURN_IF_ERROR(Float(&p->y));
    if (has_delim) {
      if (*s_++ != ')') return Syntax();
      SkipSpaces();
    }
    return Status::OK();
  }

  // path_decode with an end pointer; *is_open reports a leading '['.
  Status Points(bool open_allowed, size_t npts, std::vector<Point>* pts, bool* is_open) {
    int depth = 0;
    SkipSpaces();
    *is_open = *s_ == '[';
    if (*is_open) {
      if (!open_allowed) return Syntax();
      ++depth;
      ++s_;
    } else if (*s_ == '(') {
      const char* cp = s_ + 1;
      while (std::isspace(static_cast<unsigned char>(*cp))) ++cp;
      if (*cp == '(') {
        ++depth;
        s_ = cp;
      } else if (std::strrchr(s_, '(') == s_) {
        ++depth;
        s_ = cp;
      }
    }
    pts->resize(npts);
    for (size_t i = 0; i < npts; ++i) {
      NANO_RETURN_IF_ERROR(Pair(&(*pts)[i]));
      if (*s_ == ',') ++s_;
    }
    while (depth > 0) {
      if (*s_ == ')' || (*s_ == ']' && *is_open && depth == 1)) {
        --depth;
        ++s_;
        SkipSpaces();
      } else {
        return Syntax();
      }
    }
    return Status::OK();
  }

 private:
  std::string buf_;
  const char* type_name_;
  const char* s_;
};

// pair_count: the number of points "x,y,x,y" holds, or -1 if odd.
int PairCount(std::string_view s) {
  int ndelim = 0;
  for (char c : s) ndelim += c == ',';
  return ndelim % 2 ? (ndelim + 1) / 2 : -1;
}

// line_in reports these as 22P02, line_recv / line(point, point) as 22023.
Status InvalidLine(const char* why, const char* state = sqlstate::kInvalidTextRepresentation) {
  return Status::Error(state, std::string("invalid line specification: ") + why);
}

Status ParsePoint(std::string_view text, Value* out) {
  Decoder d(text, "point");
  Point p;
  NANO_RETURN_IF_ERROR(d.Pair(&p));
  if (!d.AtEnd()) return d.Syntax();
  *out = MakePoint(p);
  return Status::OK();
}

Status ParseTwoPoints(std::string_view text, TypeOid t, Lseg* l) {
  Decoder d(text, TypeName(t));
  std::vector<Point> pts;
  bool is_open;
  NANO_RETURN_IF_ERROR(d.Points(t != type::kBox, 2, &pts, &is_open));
  if (!d.AtEnd()) return d.Syntax();
  l->p[0] = pts[0];
  l->p[1] = pts[1];
  return Status::OK();
}

// line_decode: "A,B,C}" after the '{'.
Status DecodeLineCoefficients(Decoder* d, Line* l, bool* ok) {
  *ok = false;
  NANO_RETURN_IF_ERROR(d->Float(&l->a));
  if (d->peek() != ',') return Status::OK();
  d->Advance();
  NANO_RETURN_IF_ERROR(d->Float(&l->b));
  if (d->peek() != ',') return Status::OK();
  d->Advance();
  NANO_RETURN_IF_ERROR(d->Float(&l->c));
  if (d->peek() != '}') return Status::OK();
  d->Advance();
  d->SkipSpaces();
  *ok = d->AtEnd();
  return Status::OK();
}

Status ParseLine(std::string_view text, Value* out) {
  Decoder d(text, "line");
  d.SkipSpaces();
  Line l;
  if (d.peek() == '{') {
    d.Advance();
    bool ok;
    NANO_RETURN_IF_ERROR(DecodeLineCoefficients(&d, &l, &ok));
    if (!ok) return d.Syntax();
    if (FPzero(l.a) && FPzero(l.b)) return InvalidLine("A and B cannot both be zero");
  } else {
    Lseg s;
    NANO_RETURN_IF_ERROR(ParseTwoPoints(text, type::kLine, &s));
    if (PointEq(s.p[0], s.p[1])) return InvalidLine("must be two distinct points");
    double m;
    NANO_RETURN_IF_ERROR(PointSlope(s.p[0], s.p[1], &m));
    NANO_RETURN_IF_ERROR(LineFromPointSlope(s.p[0], m, &l));
  }
  *out = MakeLine(l);
  return Status::OK();
}

Status ParsePath(std::string_view text, Value* out) {
  Decoder d(text, "path");
  const int npts = PairCount(text);
  if (npts <= 0) return d.Syntax();
  d.SkipSpaces();
  int depth = 0;
  if (d.peek() == '(' && std::strrchr(d.pos(), '(') == d.pos()) {
    d.Advance();
    ++depth;
  }
  Path p;
  bool is_open;
  NANO_RETURN_IF_ERROR(d.Points(true, static_cast<size_t>(npts), &p.points, &is_open));
  if (depth >= 1) {
    if (d.peek() != ')') return d.Syntax();
    d.Advance();
    d.SkipSpaces();
  }
  if (!d.AtEnd()) return d.Syntax();
  p.closed = !is_open;
  *out = MakePath(p);
  return Status::OK();
}

Status ParsePolygon(std::string_view text, Value* out) {
  Decoder d(text, "polygon");
  const int npts = PairCount(text);
  if (npts <= 0) return d.Syntax();
  std::vector<Point> pts;
  bool is_open;
  NANO_RETURN_IF_ERROR(d.Points(false, static_cast<size_t>(npts), &pts, &is_open));
  if (!d.AtEnd()) return d.Syntax();
  *out = MakePolygon(pts);
  return Status::OK();
}

Status ParseCircle(std::string_view text, Value* out) {
  Decoder d(text, "circle");
  d.SkipSpaces();
  int depth = 0;
  if (d.peek() == '<') {
    ++depth;
    d.Advance();
  } else if (d.peek() == '(') {
    // Two left parens: the first one encloses the whole circle.
    const char* cp = d.pos() + 1;
    while (std::isspace(static_cast<unsigned char>(*cp))) ++cp;
    if (*cp == '(') {
      ++depth;
      d.set_pos(cp);
    }
  }
  Circle c;
  NANO_RETURN_IF_ERROR(d.Pair(&c.center));
  if (d.peek() == ',') d.Advance();
  NANO_RETURN_IF_ERROR(d.Float(&c.radius));
  if (c.radius < 0) return d.Syntax();  // NaN is accepted
  while (depth > 0) {
    if (d.peek() == ')' || (d.peek() == '>' && depth == 1)) {
      --depth;
      d.Advance();
      d.SkipSpaces();
    } else {
      return d.Syntax();
    }
  }
  if (!d.AtEnd()) return d.Syntax();
  *out = MakeCircle(c);
  return Status::OK();
}

// ---- text output (path_encode / pair_encode) -----------------------------

void EncodePair(Point p, int efd, std::string* out) {
  FormatFloat8(p.x, efd, out);
  out->push_back(',');
  FormatFloat8(p.y, efd, out);
}

enum class Delim { kNone, kOpen, kClosed };

void EncodePath(Delim delim, const std::vector<Point>& pts, int efd, std::string* out) {
  if (delim == Delim::kClosed) out->push_back('(');
  if (delim == Delim::kOpen) out->push_back('[');
  for (size_t i = 0; i < pts.size(); ++i) {
    if (i > 0) out->push_back(',');
    out->push_back('(');
    EncodePair(pts[i], efd, out);
    out->push_back(')');
  }
  if (delim == Delim::kClosed) out->push_back(')');
  if (delim == Delim::kOpen) out->push_back(']');
}

// ---- binary --------------------------------------------------------------

void PutDouble(double d, std::string* out) {
  uint64_t u;
  std::memcpy(&u, &d, sizeof u);
  for (int k = 7; k >= 0; --k) out->push_back(static_cast<char>((u >> (k * 8)) & 0xFF));
}

void PutInt32(uint32_t u, std::string* out) {
  for (int k = 3; k >= 0; --k) out->push_back(static_cast<char>((u >> (k * 8)) & 0xFF));
}

struct BinReader {
  std::string_view b;
  size_t i = 0;
  bool Doubles(double* out, size_t n) {
    for (size_t k = 0; k < n; ++k) {
      if (b.size() - i < 8) return false;
      uint64_t u = 0;
      for (int j = 0; j < 8; ++j) u = (u << 8) | static_cast<unsigned char>(b[i++]);
      std::memcpy(&out[k], &u, sizeof u);
    }
    return true;
  }
  bool Int32(int32_t* out) {
    if (b.size() - i < 4) return false;
    uint32_t u = 0;
    for (int j = 0; j < 4; ++j) u = (u << 8) | static_cast<unsigned char>(b[i++]);
    *out = static_cast<int32_t>(u);
    return true;
  }
};

Status Insufficient() {
  return Status::Error(sqlstate::kInvalidBinaryRepresentation, "insufficient data left in message");
}
Status BadFormat() {
  return Status::Error(sqlstate::kInvalidBinaryRepresentation, "incorrect binary data format");
}

Status ReceivePoints(BinReader* r, const char* type_name, std::vector<Point>* pts) {
  int32_t n;
  if (!r->Int32(&n)) return Insufficient();
  if (n <= 0 || static_cast<size_t>(n) > (r->b.size() - r->i) / 16) {
    return Status::Error(
        sqlstate::kInvalidBinaryRepresentation,
        std::string("invalid number of points in external \"") + type_name + "\" value");
  }
  pts->resize(static_cast<size_t>(n));
  for (Point& p : *pts) {
    if (!r->Doubles(&p.x, 1) || !r->Doubles(&p.y, 1)) return Insufficient();
  }
  return Status::OK();
}

Status CannotCast(TypeOid from, TypeOid to) {
  return Status::Error(sqlstate::kCannotCoerce,
                       std::string("cannot cast type ") + TypeName(from) + " to " + TypeName(to));
}

}  // namespace

// ---- fuzzy comparisons and checked arithmetic ------------------------------

bool FPzero(double a) { return std::fabs(a) <= kEpsilon; }
bool FPeq(double a, double b) { return a == b || std::fabs(a - b) <= kEpsilon; }
bool FPne(double a, double b) { return a != b && std::fabs(a - b) > kEpsilon; }
bool FPlt(double a, double b) { return a + kEpsilon < b; }
bool FPle(double a, double b) { return a <= b + kEpsilon; }
bool FPgt(double a, double b) { return a > b + kEpsilon; }
bool FPge(double a, double b) { return a + kEpsilon >= b; }

namespace {
Status Overflow() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: overflow");
}
Status Underflow() {
  return Status::Error(sqlstate::kNumericValueOutOfRange, "value out of range: underflow");
}
}  // namespace

Status Add(double a, double b, double* out) {
  *out = a + b;
  if (std::isinf(*out) && !std::isinf(a) && !std::isinf(b)) return Overflow();
  return Status::OK();
}
Status Sub(double a, double b, double* out) {
  *out = a - b;
  if (std::isinf(*out) && !std::isinf(a) && !std::isinf(b)) return Overflow();
  return Status::OK();
}
Status Mul(double a, double b, double* out) {
  *out = a * b;
  if (std::isinf(*out) && !std::isinf(a) && !std::isinf(b)) return Overflow();
  if (*out == 0.0 && a != 0.0 && b != 0.0) return Underflow();
  return Status::OK();
}
Status Div(double a, double b, double* out) {
  if (b == 0.0 && !std::isnan(a)) {
    return Status::Error(sqlstate::kDivisionByZero, "division by zero");
  }
  *out = a / b;
  if (std::isinf(*out) && !std::isinf(a)) return Overflow();
  if (*out == 0.0 && a != 0.0 && !std::isinf(b)) return Underflow();
  return Status::OK();
}

Status Hypot(double x, double y, double* out) {
  if (std::isinf(x) || std::isinf(y)) {
    *out = kInf;
    return Status::OK();
  }
  if (std::isnan(x) || std::isnan(y)) {
    *out = kNaN;
    return Status::OK();
  }
  x = std::fabs(x);
  y = std::fabs(y);
  if (x < y) std::swap(x, y);
  if (y == 0.0) {
    *out = x;
    return Status::OK();
  }
  const double yx = y / x;
  *out = x * std::sqrt(1.0 + (yx * yx));
  if (std::isinf(*out)) return Overflow();
  if (*out == 0.0) return Underflow();
  return Status::OK();
}

bool PointEq(Point a, Point b) {
  if (std::isnan(a.x) || std::isnan(a.y) || std::isnan(b.x) || std::isnan(b.y)) {
    auto eq = [](double p, double q) { return (std::isnan(p) && std::isnan(q)) || p == q; };
    return eq(a.x, b.x) && eq(a.y, b.y);
  }
  return FPeq(a.x, b.x) && FPeq(a.y, b.y);
}

Status PointDistance(Point a, Point b, double* out) {
  double dx, dy;
  NANO_RETURN_IF_ERROR(Sub(a.x, b.x, &dx));
  NANO_RETURN_IF_ERROR(Sub(a.y, b.y, &dy));
  return Hypot(dx, dy, out);
}

Status PointSlope(Point a, Point b, double* out) {
  if (FPeq(a.x, b.x)) {
    *out = kInf;
    return Status::OK();
  }
  if (FPeq(a.y, b.y)) {
    *out = 0.0;
    return Status::OK();
  }
  double dy, dx;
  NANO_RETURN_IF_ERROR(Sub(a.y, b.y, &dy));
  NANO_RETURN_IF_ERROR(Sub(a.x, b.x, &dx));
  return Div(dy, dx, out);
}

Status LineFromPointSlope(Point p, double m, Line* out) {
  if (std::isinf(m)) {
    *out = Line{-1.0, 0.0, p.x};
  } else if (m == 0) {
    *out = Line{0.0, -1.0, p.y};
  } else {
    double mx;
    NANO_RETURN_IF_ERROR(Mul(m, p.x, &mx));
    out->a = m;
    out->b = -1.0;
    NANO_RETURN_IF_ERROR(Sub(p.y, mx, &out->c));
    if (out->c == 0.0) out->c = 0.0;  // no -0
  }
  return Status::OK();
}

Status BoxCenter(const Box& b, Point* out) {
  double sx, sy;
  NANO_RETURN_IF_ERROR(Add(b.high.x, b.low.x, &sx));
  NANO_RETURN_IF_ERROR(Add(b.high.y, b.low.y, &sy));
  NANO_RETURN_IF_ERROR(Div(sx, 2.0, &out->x));
  return Div(sy, 2.0, &out->y);
}

Status BoxArea(const Box& b, double* out) {
  double w, h;
  NANO_RETURN_IF_ERROR(Sub(b.high.x, b.low.x, &w));
  NANO_RETURN_IF_ERROR(Sub(b.high.y, b.low.y, &h));
  return Mul(w, h, out);
}

Box BoxFromPoints(Point a, Point b) {
  Box r;
  r.high.x = a.x > b.x ? a.x : b.x;
  r.low.x = a.x > b.x ? b.x : a.x;
  r.high.y = a.y > b.y ? a.y : b.y;
  r.low.y = a.y > b.y ? b.y : a.y;
  return r;
}

Box BoundingBox(const std::vector<Point>& pts) {
  Box r;
  if (pts.empty()) return r;
  r.high = r.low = pts[0];
  for (const Point& p : pts) {
    r.high.x = std::max(r.high.x, p.x);
    r.high.y = std::max(r.high.y, p.y);
    r.low.x = std::min(r.low.x, p.x);
    r.low.y = std::min(r.low.y, p.y);
  }
  return r;
}

Status PolygonToCircle(const std::vector<Point>& pts, Circle* out) {
  *out = Circle{};
  const double n = static_cast<double>(pts.size());
  for (const Point& p : pts) {
    NANO_RETURN_IF_ERROR(Add(out->center.x, p.x, &out->center.x));
    NANO_RETURN_IF_ERROR(Add(out->center.y, p.y, &out->center.y));
  }
  NANO_RETURN_IF_ERROR(Div(out->center.x, n, &out->center.x));
  NANO_RETURN_IF_ERROR(Div(out->center.y, n, &out->center.y));
  for (const Point& p : pts) {
    double d;
    NANO_RETURN_IF_ERROR(PointDistance(p, out->center, &d));
    NANO_RETURN_IF_ERROR(Add(out->radius, d, &out->radius));
  }
  return Div(out->radius, n, &out->radius);
}

Status PathLength(const Path& p, double* out) {
  *out = 0;
  const size_t n = p.points.size();
  for (size_t i = 0; i < n; ++i) {
    size_t prev;
    if (i > 0) {
      prev = i - 1;
    } else {
      if (!p.closed) continue;
      prev = n - 1;  // the closing segment
    }
    double d;
    NANO_RETURN_IF_ERROR(PointDistance(p.points[prev], p.points[i], &d));
    NANO_RETURN_IF_ERROR(Add(*out, d, out));
  }
  return Status::OK();
}

namespace {
constexpr int kOnPolygon = std::numeric_limits<int>::max();

// lseg_crossing: how the segment (prev -> cur), relative to the tested
// point, crosses the positive X axis.
int LsegCrossing(double x, double y, double prev_x, double prev_y) {
  if (FPzero(y)) {
    if (FPzero(x)) return kOnPolygon;
    if (FPgt(x, 0)) {
      if (FPzero(prev_y)) return FPgt(prev_x, 0.0) ? 0 : kOnPolygon;
      return FPlt(prev_y, 0.0) ? 1 : -1;
    }
    if (FPzero(prev_y)) return FPlt(prev_x, 0.0) ? 0 : kOnPolygon;
    return 0;
  }
  const int y_sign = FPgt(y, 0.0) ? 1 : -1;
  if (FPzero(prev_y)) return FPlt(prev_x, 0.0) ? 0 : y_sign;
  if ((y_sign < 0 && FPlt(prev_y, 0.0)) || (y_sign > 0 && FPgt(prev_y, 0.0))) return 0;
  if (FPge(x, 0.0) && FPgt(prev_x, 0.0)) return 2 * y_sign;
  if (FPlt(x, 0.0) && FPle(prev_x, 0.0)) return 0;
  const double z = (x - prev_x) * y - (y - prev_y) * x;
  if (FPzero(z)) return kOnPolygon;
  if ((y_sign < 0 && FPlt(z, 0.0)) || (y_sign > 0 && FPgt(z, 0.0))) return 0;
  return 2 * y_sign;
}
}  // namespace

bool PointInPolygon(const std::vector<Point>& poly, Point p) {
  if (poly.empty()) return false;
  const double x0 = poly[0].x - p.x, y0 = poly[0].y - p.y;
  double prev_x = x0, prev_y = y0;
  int total = 0;
  for (size_t i = 1; i < poly.size(); ++i) {
    const double x = poly[i].x - p.x, y = poly[i].y - p.y;
    const int cross = LsegCrossing(x, y, prev_x, prev_y);
    if (cross == kOnPolygon) return true;
    total += cross;
    prev_x = x;
    prev_y = y;
  }
  const int cross = LsegCrossing(x0, y0, prev_x, prev_y);
  if (cross == kOnPolygon) return true;
  total += cross;
  return total != 0;
}

// ---- packing -----------------------------------------------------------------

Value MakePoint(Point p) {
  std::string s;
  AppendDoubles({p.x, p.y}, &s);
  return Value::String(type::kPoint, std::move(s));
}
Value MakeLseg(const Lseg& l) {
  std::string s;
  AppendDoubles({l.p[0].x, l.p[0].y, l.p[1].x, l.p[1].y}, &s);
  return Value::String(type::kLseg, std::move(s));
}
Value MakeLine(const Line& l) {
  std::string s;
  AppendDoubles({l.a, l.b, l.c}, &s);
  return Value::String(type::kLine, std::move(s));
}
Value MakeBox(const Box& b) {
  std::string s;
  AppendDoubles({b.high.x, b.high.y, b.low.x, b.low.y}, &s);
  return Value::String(type::kBox, std::move(s));
}
Value MakeCircle(const Circle& c) {
  std::string s;
  AppendDoubles({c.center.x, c.center.y, c.radius}, &s);
  return Value::String(type::kCircle, std::move(s));
}
Value MakePath(const Path& p) {
  std::string s(1, p.closed ? '\1' : '\0');
  for (const Point& q : p.points) AppendDoubles({q.x, q.y}, &s);
  return Value::String(type::kPath, std::move(s));
}
Value MakePolygon(const std::vector<Point>& pts) {
  std::string s;
  for (const Point& q : pts) AppendDoubles({q.x, q.y}, &s);
  return Value::String(type::kPolygon, std::move(s));
}

Point PointOf(const Value& v) { return Point{DoubleAt(v.str(), 0), DoubleAt(v.str(), 1)}; }
Lseg LsegOf(const Value& v) {
  const std::string& s = v.str();
  Lseg l;
  l.p[0] = Point{DoubleAt(s, 0), DoubleAt(s, 1)};
  l.p[1] = Point{DoubleAt(s, 2), DoubleAt(s, 3)};
  return l;
}
Line LineOf(const Value& v) {
  const std::string& s = v.str();
  return Line{DoubleAt(s, 0), DoubleAt(s, 1), DoubleAt(s, 2)};
}
Box BoxOf(const Value& v) {
  const std::string& s = v.str();
  Box b;
  b.high = Point{DoubleAt(s, 0), DoubleAt(s, 1)};
  b.low = Point{DoubleAt(s, 2), DoubleAt(s, 3)};
  return b;
}
Circle CircleOf(const Value& v) {
  const std::string& s = v.str();
  Circle c;
  c.center = Point{DoubleAt(s, 0), DoubleAt(s, 1)};
  c.radius = DoubleAt(s, 2);
  return c;
}
Path PathOf(const Value& v) {
  Path p;
  if (v.type() == type::kPolygon) {
    p.closed = true;
    p.points = PointsFrom(v.str(), 0);
  } else {
    p.closed = !v.str().empty() && v.str()[0] != 0;
    p.points = PointsFrom(v.str(), 1);
  }
  return p;
}

// ---- I/O -------------------------------------------------------------------

Status ParseGeometric(std::string_view text, TypeOid t, Value* out) {
  switch (t) {
    case type::kPoint:
      return ParsePoint(text, out);
    case type::kLseg: {
      Lseg l;
      NANO_RETURN_IF_ERROR(ParseTwoPoints(text, t, &l));
      *out = MakeLseg(l);
      return Status::OK();
    }
    case type::kBox: {
      Lseg l;
      NANO_RETURN_IF_ERROR(ParseTwoPoints(text, t, &l));
      *out = MakeBox(BoxFromPoints(l.p[0], l.p[1]));
      return Status::OK();
    }
    case type::kLine:
      return ParseLine(text, out);
    case type::kPath:
      return ParsePath(text, out);
    case type::kPolygon:
      return ParsePolygon(text, out);
    default:
      return ParseCircle(text, out);
  }
}

void FormatGeometric(const Value& v, int efd, std::string* out) {
  switch (v.type()) {
    case type::kPoint:
      EncodePath(Delim::kNone, {PointOf(v)}, efd, out);
      return;
    case type::kLseg: {
      const Lseg l = LsegOf(v);
      EncodePath(Delim::kOpen, {l.p[0], l.p[1]}, efd, out);
      return;
    }
    case type::kBox: {
      const Box b = BoxOf(v);
      EncodePath(Delim::kNone, {b.high, b.low}, efd, out);
      return;
    }
    case type::kLine: {
      const Line l = LineOf(v);
      out->push_back('{');
      FormatFloat8(l.a, efd, out);
      out->push_back(',');
      FormatFloat8(l.b, efd, out);
      out->push_back(',');
      FormatFloat8(l.c, efd, out);
      out->push_back('}');
      return;
    }
    case type::kPath: {
      const Path p = PathOf(v);
      EncodePath(p.closed ? Delim::kClosed : Delim::kOpen, p.points, efd, out);
      return;
    }
    case type::kPolygon:
      EncodePath(Delim::kClosed, PathOf(v).points, efd, out);
      return;
    default: {
      const Circle c = CircleOf(v);
      out->append("<(");
      EncodePair(c.center, efd, out);
      out->append("),");
      FormatFloat8(c.radius, efd, out);
      out->push_back('>');
      return;
    }
  }
}

Status SendGeometric(const Value& v, std::string* out) {
  switch (v.type()) {
    case type::kPath: {
      const Path p = PathOf(v);
      out->push_back(p.closed ? '\1' : '\0');
      PutInt32(static_cast<uint32_t>(p.points.size()), out);
      for (const Point& q : p.points) {
        PutDouble(q.x, out);
        PutDouble(q.y, out);
      }
      return Status::OK();
    }
    case type::kPolygon: {
      const Path p = PathOf(v);
      PutInt32(static_cast<uint32_t>(p.points.size()), out);
      for (const Point& q : p.points) {
        PutDouble(q.x, out);
        PutDouble(q.y, out);
      }
      return Status::OK();
    }
    default:
      // Fixed-size types: the packed float8s in order, big-endian.
      for (size_t k = 0; k < v.str().size() / 8; ++k) PutDouble(DoubleAt(v.str(), k), out);
      return Status::OK();
  }
}

Status ReceiveGeometric(std::string_view bytes, TypeOid t, Value* out) {
  BinReader r{bytes};
  double d[4];
  switch (t) {
    case type::kPoint:
      if (!r.Doubles(d, 2)) return Insufficient();
      *out = MakePoint(Point{d[0], d[1]});
      break;
    case type::kLseg: {
      if (!r.Doubles(d, 4)) return Insufficient();
      Lseg l;
      l.p[0] = Point{d[0], d[1]};
      l.p[1] = Point{d[2], d[3]};
      *out = MakeLseg(l);
      break;
    }
    case type::kBox:
      if (!r.Doubles(d, 4)) return Insufficient();
      *out = MakeBox(BoxFromPoints(Point{d[0], d[1]}, Point{d[2], d[3]}));
      break;
    case type::kLine:
      if (!r.Doubles(d, 3)) return Insufficient();
      if (FPzero(d[0]) && FPzero(d[1]))
        return InvalidLine("A and B cannot both be zero", sqlstate::kInvalidBinaryRepresentation);
      *out = MakeLine(Line{d[0], d[1], d[2]});
      break;
    case type::kCircle:
      if (!r.Doubles(d, 3)) return Insufficient();
      if (d[2] < 0) {
        return Status::Error(sqlstate::kInvalidBinaryRepresentation,
                             "invalid radius in external \"circle\" value");
      }
      *out = MakeCircle(Circle{Point{d[0], d[1]}, d[2]});
      break;
    case type::kPath: {
      if (bytes.empty()) return Insufficient();
      Path p;
      p.closed = bytes[0] != 0;
      r.i = 1;
      NANO_RETURN_IF_ERROR(ReceivePoints(&r, "path", &p.points));
      *out = MakePath(p);
      break;
    }
    default: {
      std::vector<Point> pts;
      NANO_RETURN_IF_ERROR(ReceivePoints(&r, "polygon", &pts));
      *out = MakePolygon(pts);
      break;
    }
  }
  return r.i == bytes.size() ? Status::OK() : BadFormat();
}

// polygon(npts, circle): circle_poly.
Status CircleToPolygon(int64_t npts, const Circle& c, Value* out) {
  if (FPzero(c.radius)) {
    return Status::Error(sqlstate::kFeatureNotSupported,
                         "cannot convert circle with radius zero to polygon");
  }
  if (npts < 2)
    return Status::Error(sqlstate::kInvalidParameterValue, "must request at least 2 points");
  // PostgreSQL cannot allocate a polygon past 1 GB either.
  if (npts > (int64_t{0x3fffffff} - 40) / 16) {
    return Status::Error(sqlstate::kProgramLimitExceeded, "too many points requested");
  }
  double step;
  NANO_RETURN_IF_ERROR(Div(2.0 * M_PI, static_cast<double>(npts), &step));
  std::vector<Point> pts(static_cast<size_t>(npts));
  for (int64_t i = 0; i < npts; ++i) {
    double angle, dx, dy;
    NANO_RETURN_IF_ERROR(Mul(step, static_cast<double>(i), &angle));
    NANO_RETURN_IF_ERROR(Mul(c.radius, std::cos(angle), &dx));
    NANO_RETURN_IF_ERROR(Mul(c.radius, std::sin(angle), &dy));
    NANO_RETURN_IF_ERROR(Sub(c.center.x, dx, &pts[static_cast<size_t>(i)].x));
    NANO_RETURN_IF_ERROR(Add(c.center.y, dy, &pts[static_cast<size_t>(i)].y));
  }
  *out = MakePolygon(pts);
  return Status::OK();
}

// ---- casts -------------------------------------------------------------------

Status CastGeometric(const Value& v, TypeOid to, Value* out) {
  const TypeOid from = v.type();
  switch (from) {
    case type::kPoint:
      if (to == type::kBox) {
        const Point p = PointOf(v);
        *out = MakeBox(Box{p, p});
        return Status::OK();
      }
      break;
    case type::kLseg:
      if (to == type::kPoint) {
        const Lseg l = LsegOf(v);
        Point c;
        NANO_RETURN_IF_ERROR(BoxCenter(Box{l.p[0], l.p[1]}, &c));
        *out = MakePoint(c);
        return Status::OK();
      }
      break;
    case type::kPath:
      if (to == type::kPolygon) {
        const Path p = PathOf(v);
        if (!p.closed) {
          return Status::Error(sqlstate::kInvalidParameterValue,
                               "open path cannot be converted to polygon");
        }
        *out = MakePolygon(p.points);
        return Status::OK();
      }
      break;
    case type::kBox: {
      const Box b = BoxOf(v);
      if (to == type::kPoint) {
        Point c;
        NANO_RETURN_IF_ERROR(BoxCenter(b, &c));
        *out = MakePoint(c);
        return Status::OK();
      }
      if (to == type::kLseg) {
        Lseg l;
        l.p[0] = b.high;
        l.p[1] = b.low;
        *out = MakeLseg(l);
        return Status::OK();
      }
      if (to == type::kPolygon) {
        *out = MakePolygon({b.low, Point{b.low.x, b.high.y}, b.high, Point{b.high.x, b.low.y}});
        return Status::OK();
      }
      if (to == type::kCircle) {
        Circle c;
        NANO_RETURN_IF_ERROR(BoxCenter(b, &c.center));
        NANO_RETURN_IF_ERROR(PointDistance(c.center, b.high, &c.radius));
        *out = MakeCircle(c);
        return Status::OK();
      }
      break;
    }
    case type::kPolygon: {
      const Path p = PathOf(v);
      if (to == type::kPath) {
        *out = MakePath(p);
        return Status::OK();
      }
      if (to == type::kBox) {
        *out = MakeBox(BoundingBox(p.points));
        return Status::OK();
      }
      if (to == type::kPoint || to == type::kCircle) {
        Circle c;
        NANO_RETURN_IF_ERROR(PolygonToCircle(p.points, &c));
        *out = to == type::kPoint ? MakePoint(c.center) : MakeCircle(c);
        return Status::OK();
      }
      break;
    }
    case type::kCircle: {
      const Circle c = CircleOf(v);
      if (to == type::kPoint) {
        *out = MakePoint(c.center);
        return Status::OK();
      }
      if (to == type::kPolygon) return CircleToPolygon(12, c, out);
      if (to == type::kBox) {
        double delta;
        NANO_RETURN_IF_ERROR(Div(c.radius, std::sqrt(2.0), &delta));
        Box b;
        NANO_RETURN_IF_ERROR(Add(c.center.x, delta, &b.high.x));
        NANO_RETURN_IF_ERROR(Sub(c.center.x, delta, &b.low.x));
        NANO_RETURN_IF_ERROR(Add(c.center.y, delta, &b.high.y));
        NANO_RETURN_IF_ERROR(Sub(c.center.y, delta, &b.low.y));
        *out = MakeBox(b);
        return Status::OK();
      }
      break;
    }
    default:
      break;
  }
  return CannotCast(from, to);
}

}  // namespace nano::geo
