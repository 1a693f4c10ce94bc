// engine/function/geometry_functions.cc — the geometric operators and
// functions (geo_ops.c): constructors, measures, containment, overlap,
// position and translation operators over point, lseg, line, box, path,
// polygon and circle. Fuzzy comparisons use types/geometry.h's FPxx.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include "function/builtins.h"
#include "types/geometry.h"

namespace nano::fn {
namespace {

namespace ty = type;
using geo::Box;
using geo::Circle;
using geo::Line;
using geo::Lseg;
using geo::Path;
using geo::Point;

Status Bool(bool b, Value* out) {
  *out = Value::Bool(b);
  return Status::OK();
}
Status Float(double d, Value* out) {
  *out = Value::Float8(d);
  return Status::OK();
}
Status PointResult(Point p, Value* out) {
  *out = geo::MakePoint(p);
  return Status::OK();
}

double Dist(Point a, Point b, Status* st) {
  double d = 0;
  Status s = geo::PointDistance(a, b, &d);
  if (!s.ok() && st->ok()) *st = std::move(s);
  return d;
}

// ---- point arithmetic (point_add / _sub / _mul / _div) -------------------

Status PointAddPoint(Point a, Point b, Point* out) {
  NANO_RETURN_IF_ERROR(geo::Add(a.x, b.x, &out->x));
  return geo::Add(a.y, b.y, &out->y);
}
Status PointSubPoint(Point a, Point b, Point* out) {
  NANO_RETURN_IF_ERROR(geo::Sub(a.x, b.x, &out->x));
  return geo::Sub(a.y, b.y, &out->y);
}
Status PointMulPoint(Point a, Point b, Point* out) {
  double t1, t2, t3, t4;
  NANO_RETURN_IF_ERROR(geo::Mul(a.x, b.x, &t1));
  NANO_RETURN_IF_ERROR(geo::Mul(a.y, b.y, &t2));
  NANO_RETURN_IF_ERROR(geo::Mul(a.x, b.y, &t3));
  NANO_RETURN_IF_ERROR(geo::Mul(a.y, b.x, &t4));
  NANO_RETURN_IF_ERROR(geo::Sub(t1, t2, &out->x));
  return geo::Add(t3, t4, &out->y);
}
Status PointDivPoint(Point a, Point b, Point* out) {
  double bx2, by2, div, t1, t2, num;
  NANO_RETURN_IF_ERROR(geo::Mul(b.x, b.x, &bx2));
  NANO_RETURN_IF_ERROR(geo::Mul(b.y, b.y, &by2));
  NANO_RETURN_IF_ERROR(geo::Add(bx2, by2, &div));
  NANO_RETURN_IF_ERROR(geo::Mul(a.x, b.x, &t1));
  NANO_RETURN_IF_ERROR(geo::Mul(a.y, b.y, &t2));
  NANO_RETURN_IF_ERROR(geo::Add(t1, t2, &num));
  NANO_RETURN_IF_ERROR(geo::Div(num, div, &out->x));
  NANO_RETURN_IF_ERROR(geo::Mul(a.y, b.x, &t1));
  NANO_RETURN_IF_ERROR(geo::Mul(a.x, b.y, &t2));
  NANO_RETURN_IF_ERROR(geo::Sub(t1, t2, &num));
  return geo::Div(num, div, &out->y);
}

using PointOp = Status (*)(Point, Point, Point*);
constexpr PointOp kPointOps[] = {PointAddPoint, PointSubPoint, PointMulPoint, PointDivPoint};

template <int kOp>
Status PointArith(const Value* a, size_t, EvalContext&, Value* out) {
  Point r;
  NANO_RETURN_IF_ERROR(kPointOps[kOp](geo::PointOf(a[0]), geo::PointOf(a[1]), &r));
  return PointResult(r, out);
}

// box + point, box - point: translate both corners; * and / go through
// box_construct (the corners may swap).
template <int kOp>
Status BoxArith(const Value* a, size_t, EvalContext&, Value* out) {
  const Box b = geo::BoxOf(a[0]);
  const Point p = geo::PointOf(a[1]);
  Point h, l;
  NANO_RETURN_IF_ERROR(kPointOps[kOp](b.high, p, &h));
  NANO_RETURN_IF_ERROR(kPointOps[kOp](b.low, p, &l));
  *out = geo::MakeBox(kOp < 2 ? Box{h, l} : geo::BoxFromPoints(h, l));
  return Status::OK();
}

template <int kOp>
Status PathArith(const Value* a, size_t, EvalContext&, Value* out) {
  Path path = geo::PathOf(a[0]);
  const Point p = geo::PointOf(a[1]);
  for (Point& q : path.points) NANO_RETURN_IF_ERROR(kPointOps[kOp](q, p, &q));
  *out = geo::MakePath(path);
  return Status::OK();
}

template <int kOp>
Status CircleArith(const Value* a, size_t, EvalContext&, Value* out) {
  Circle c = geo::CircleOf(a[0]);
  const Point p = geo::PointOf(a[1]);
  NANO_RETURN_IF_ERROR(kPointOps[kOp](c.center, p, &c.center));
  if (kOp >= 2) {
    double h;
    NANO_RETURN_IF_ERROR(geo::Hypot(p.x, p.y, &h));
    NANO_RETURN_IF_ERROR(kOp == 2 ? geo::Mul(c.radius, h, &c.radius)
                                  : geo::Div(c.radius, h, &c.radius));
  }
  *out = geo::MakeCircle(c);
  return Status::OK();
}

// ---- point predicates and distances ----------------------------------------

// Point position operators: 0 <<, 1 >>, 2 <<| and <^, 3 |>> and >^, 4 ?-,
// 5 ?|, 6 ~=, 7 <>.
template <int kOp>
Status PointPred(const Value* a, size_t, EvalContext&, Value* out) {
  const Point p = geo::PointOf(a[0]), q = geo::PointOf(a[1]);
  switch (kOp) {
    case 0:
      return Bool(geo::FPlt(p.x, q.x), out);
    case 1:
      return Bool(geo::FPgt(p.x, q.x), out);
    case 2:
      return Bool(geo::FPlt(p.y, q.y), out);
    case 3:
      return Bool(geo::FPgt(p.y, q.y), out);
    case 4:
      return Bool(geo::FPeq(p.y, q.y), out);
    case 5:
      return Bool(geo::FPeq(p.x, q.x), out);
    case 6:
      return Bool(geo::PointEq(p, q), out);
    default:
      return Bool(!geo::PointEq(p, q), out);
  }
}

Status PointDistanceFn(const Value* a, size_t, EvalContext&, Value* out) {
  double d;
  NANO_RETURN_IF_ERROR(geo::PointDistance(geo::PointOf(a[0]), geo::PointOf(a[1]), &d));
  return Float(d, out);
}

Status PointSlopeFn(const Value* a, size_t, EvalContext&, Value* out) {
  double m;
  NANO_RETURN_IF_ERROR(geo::PointSlope(geo::PointOf(a[0]), geo::PointOf(a[1]), &m));
  return Float(m, out);
}

Status MakePointFn(const Value* a, size_t, EvalContext&, Value* out) {
  return PointResult(Point{a[0].float_value(), a[1].float_value()}, out);
}

// point <@ box / box @> point: exact bounds (box_contain_pt).
bool BoxHasPoint(const Box& b, Point p) {
  return b.high.x >= p.x && b.low.x <= p.x && b.high.y >= p.y && b.low.y <= p.y;
}
bool CircleHasPoint(const Circle& c, Point p, Status* st) {
  return Dist(c.center, p, st) <= c.radius;
}
bool PathHasPoint(const Path& path, Point p, Status* st) {
  if (path.closed) return geo::PointInPolygon(path.points, p);
  if (path.points.empty()) return false;
  double a = Dist(p, path.points[0], st);
  for (size_t i = 0; i + 1 < path.points.size(); ++i) {
    const double b = Dist(p, path.points[i + 1], st);
    double ab = 0;
    Status add = geo::Add(a, b, &ab);
    if (!add.ok() && st->ok()) *st = std::move(add);
    if (geo::FPeq(ab, Dist(path.points[i], path.points[i + 1], st))) return true;
    a = b;
  }
  return false;
}

// Containment of a point: kPointFirst means the point is the left operand.
template <TypeOid kShape, bool kPointFirst>
Status ContainsPoint(const Value* a, size_t, EvalContext&, Value* out) {
  const Value& shape = a[kPointFirst ? 1 : 0];
  const Point p = geo::PointOf(a[kPointFirst ? 0 : 1]);
  Status st;
  bool r = false;
  if constexpr (kShape == ty::kBox) {
    r = BoxHasPoint(geo::BoxOf(shape), p);
  } else if constexpr (kShape == ty::kCircle) {
    r = CircleHasPoint(geo::CircleOf(shape), p, &st);
  } else if constexpr (kShape == ty::kPolygon) {
    r = geo::PointInPolygon(geo::PathOf(shape).points, p);
  } else {
    r = PathHasPoint(geo::PathOf(shape), p, &st);
  }
  NANO_RETURN_IF_ERROR(st);
  return Bool(r, out);
}

// ---- boxes -------------------------------------------------------------------

Status MakeBoxFn(const Value* a, size_t n, EvalContext&, Value* out) {
  const Point p = geo::PointOf(a[0]);
  *out = geo::MakeBox(n == 1 ? Box{p, p} : geo::BoxFromPoints(p, geo::PointOf(a[1])));
  return Status::OK();
}

// Box predicates: 0 &&, 1 @>, 2 <@, 3 <<, 4 >>, 5 &<, 6 &>, 7 <<|, 8 |>>,
// 9 &<|, 10 |&>, 11 ~=.
template <int kOp>
Status BoxPred(const Value* a, size_t, EvalContext&, Value* out) {
  const Box x = geo::BoxOf(a[0]), y = geo::BoxOf(a[1]);
  using geo::FPge, geo::FPgt, geo::FPle, geo::FPlt;
  auto contains = [](const Box& p, const Box& q) {
    return FPge(p.high.x, q.high.x) && FPle(p.low.x, q.low.x) && FPge(p.high.y, q.high.y) &&
           FPle(p.low.y, q.low.y);
  };
  switch (kOp) {
    case 0:
      return Bool(FPle(x.low.x, y.high.x) && FPle(y.low.x, x.high.x) && FPle(x.low.y, y.high.y) &&
                      FPle(y.low.y, x.high.y),
                  out);
    case 1:
      return Bool(contains(x, y), out);
    case 2:
      return Bool(contains(y, x), out);
    case 3:
      return Bool(FPlt(x.high.x, y.low.x), out);
    case 4:
      return Bool(FPgt(x.low.x, y.high.x), out);
    case 5:
      return Bool(FPle(x.high.x, y.high.x), out);
    case 6:
      return Bool(FPge(x.low.x, y.low.x), out);
    case 7:
      return Bool(FPlt(x.high.y, y.low.y), out);
    case 8:
      return Bool(FPgt(x.low.y, y.high.y), out);
    case 9:
      return Bool(FPle(x.high.y, y.high.y), out);
    case 10:
      return Bool(FPge(x.low.y, y.low.y), out);
    default:
      return Bool(geo::PointEq(x.high, y.high) && geo::PointEq(x.low, y.low), out);
  }
}

// Comparisons by area (box and circle): 0 =, 1 <>, 2 <, 3 <=, 4 >, 5 >=.
bool AreaCompare(int op, double x, double y) {
  switch (op) {
    case 0:
      return geo::FPeq(x, y);
    case 1:
      return geo::FPne(x, y);
    case 2:
      return geo::FPlt(x, y);
    case 3:
      return geo::FPle(x, y);
    case 4:
      return geo::FPgt(x, y);
    default:
      return geo::FPge(x, y);
  }
}

Status CircleArea(const Circle& c, double* out) {
  double r2;
  NANO_RETURN_IF_ERROR(geo::Mul(c.radius, c.radius, &r2));
  return geo::Mul(r2, M_PI, out);
}

Status AreaOf(const Value& v, double* out) {
  if (v.type() == ty::kBox) return geo::BoxArea(geo::BoxOf(v), out);
  return CircleArea(geo::CircleOf(v), out);
}

template <int kOp>
Status AreaCmp(const Value* a, size_t, EvalContext&, Value* out) {
  double x, y;
  NANO_RETURN_IF_ERROR(AreaOf(a[0], &x));
  NANO_RETURN_IF_ERROR(AreaOf(a[1], &y));
  return Bool(AreaCompare(kOp, x, y), out);
}

Status BoxIntersect(const Value* a, size_t, EvalContext&, Value* out) {
  const Box x = geo::BoxOf(a[0]), y = geo::BoxOf(a[1]);
  if (!(geo::FPle(x.low.x, y.high.x) && geo::FPle(y.low.x, x.high.x) &&
        geo::FPle(x.low.y, y.high.y) && geo::FPle(y.low.y, x.high.y))) {
    *out = Value::Null(ty::kBox);
    return Status::OK();
  }
  Box r;
  r.high.x = std::min(x.high.x, y.high.x);
  r.low.x = std::max(x.low.x, y.low.x);
  r.high.y = std::min(x.high.y, y.high.y);
  r.low.y = std::max(x.low.y, y.low.y);
  *out = geo::MakeBox(r);
  return Status::OK();
}

Status BoxDistance(const Value* a, size_t, EvalContext&, Value* out) {
  Point p, q;
  NANO_RETURN_IF_ERROR(geo::BoxCenter(geo::BoxOf(a[0]), &p));
  NANO_RETURN_IF_ERROR(geo::BoxCenter(geo::BoxOf(a[1]), &q));
  double d;
  NANO_RETURN_IF_ERROR(geo::PointDistance(p, q, &d));
  return Float(d, out);
}

// 0 width, 1 height.
template <int kWhich>
Status BoxSide(const Value* a, size_t, EvalContext&, Value* out) {
  const Box b = geo::BoxOf(a[0]);
  double d;
  NANO_RETURN_IF_ERROR(kWhich == 0 ? geo::Sub(b.high.x, b.low.x, &d)
                                   : geo::Sub(b.high.y, b.low.y, &d));
  return Float(d, out);
}

// ---- measures shared by several types ----------------------------------------

Status AreaFn(const Value* a, size_t, EvalContext&, Value* out) {
  const Value& v = a[0];
  double d = 0;
  if (v.type() == ty::kPath) {
    const Path p = geo::PathOf(v);
    if (!p.closed) {
      *out = Value::Null(ty::kFloat8);
      return Status::OK();
    }
    const size_t n = p.points.size();
    for (size_t i = 0; i < n; ++i) {
      const size_t j = (i + 1) % n;
      double t;
      NANO_RETURN_IF_ERROR(geo::Mul(p.points[i].x, p.points[j].y, &t));
      NANO_RETURN_IF_ERROR(geo::Add(d, t, &d));
      NANO_RETURN_IF_ERROR(geo::Mul(p.points[i].y, p.points[j].x, &t));
      NANO_RETURN_IF_ERROR(geo::Sub(d, t, &d));
    }
    NANO_RETURN_IF_ERROR(geo::Div(std::fabs(d), 2.0, &d));
    return Float(d, out);
  }
  NANO_RETURN_IF_ERROR(AreaOf(v, &d));
  return Float(d, out);
}

Status CenterFn(const Value* a, size_t, EvalContext&, Value* out) {
  return geo::CastGeometric(a[0], ty::kPoint, out);
}

Status LengthFn(const Value* a, size_t, EvalContext&, Value* out) {
  double d;
  if (a[0].type() == ty::kLseg) {
    const Lseg l = geo::LsegOf(a[0]);
    NANO_RETURN_IF_ERROR(geo::PointDistance(l.p[0], l.p[1], &d));
  } else {
    NANO_RETURN_IF_ERROR(geo::PathLength(geo::PathOf(a[0]), &d));
  }
  return Float(d, out);
}

Status NPointsFn(const Value* a, size_t, EvalContext&, Value* out) {
  *out = Value::Int4(static_cast<int64_t>(geo::PathOf(a[0]).points.size()));
  return Status::OK();
}

// ---- paths ---------------------------------------------------------------------

// 0 isopen, 1 isclosed.
template <int kWhich>
Status PathIs(const Value* a, size_t, EvalContext&, Value* out) {
  const bool closed = geo::PathOf(a[0]).closed;
  return Bool(kWhich == 0 ? !closed : closed, out);
}

// 0 popen, 1 pclose.
template <int kWhich>
Status PathReopen(const Value* a, size_t, EvalContext&, Value* out) {
  Path p = geo::PathOf(a[0]);
  p.closed = kWhich == 1;
  *out = geo::MakePath(p);
  return Status::OK();
}

Status PathConcat(const Value* a, size_t, EvalContext&, Value* out) {
  Path p = geo::PathOf(a[0]);
  const Path q = geo::PathOf(a[1]);
  if (p.closed || q.closed) {
    *out = Value::Null(ty::kPath);
    return Status::OK();
  }
  p.points.insert(p.points.end(), q.points.begin(), q.points.end());
  *out = geo::MakePath(p);
  return Status::OK();
}

// ---- casts as functions (point(box), polygon(box), ...) -------------------------

template <TypeOid kTo>
Status CastFn(const Value* a, size_t, EvalContext&, Value* out) {
  return geo::CastGeometric(a[0], kTo, out);
}

Status PolygonFromCircle(const Value* a, size_t n, EvalContext&, Value* out) {
  if (n == 1) return geo::CircleToPolygon(12, geo::CircleOf(a[0]), out);
  return geo::CircleToPolygon(a[0].int_value(), geo::CircleOf(a[1]), out);
}

// ---- circles -----------------------------------------------------------------

Status MakeCircleFn(const Value* a, size_t, EvalContext&, Value* out) {
  *out = geo::MakeCircle(Circle{geo::PointOf(a[0]), a[1].float_value()});
  return Status::OK();
}

// 0 radius, 1 diameter.
template <int kWhich>
Status CircleMeasure(const Value* a, size_t, EvalContext&, Value* out) {
  const double r = geo::CircleOf(a[0]).radius;
  if (kWhich == 0) return Float(r, out);
  double d;
  NANO_RETURN_IF_ERROR(geo::Mul(r, 2.0, &d));
  return Float(d, out);
}

// Circle predicates: 0 &&, 1 @>, 2 <@, 3 ~=.
template <int kOp>
Status CirclePred(const Value* a, size_t, EvalContext&, Value* out) {
  const Circle x = geo::CircleOf(a[0]), y = geo::CircleOf(a[1]);
  Status st;
  const double d = Dist(x.center, y.center, &st);
  NANO_RETURN_IF_ERROR(st);
  double s;
  switch (kOp) {
    case 0:
      NANO_RETURN_IF_ERROR(geo::Add(x.radius, y.radius, &s));
      return Bool(geo::FPle(d, s), out);
    case 1:
      NANO_RETURN_IF_ERROR(geo::Add(d, y.radius, &s));
      return Bool(geo::FPle(s, x.radius), out);
    case 2:
      NANO_RETURN_IF_ERROR(geo::Add(d, x.radius, &s));
      return Bool(geo::FPle(s, y.radius), out);
    default:
      return Bool(
          ((std::isnan(x.radius) && std::isnan(y.radius)) || geo::FPeq(x.radius, y.radius)) &&
              geo::PointEq(x.center, y.center),
          out);
  }
}

Status CircleDistance(const Value* a, size_t, EvalContext&, Value* out) {
  const Circle x = geo::CircleOf(a[0]), y = geo::CircleOf(a[1]);
  double d, r, res;
  NANO_RETURN_IF_ERROR(geo::PointDistance(x.center, y.center, &d));
  NANO_RETURN_IF_ERROR(geo::Add(x.radius, y.radius, &r));
  NANO_RETURN_IF_ERROR(geo::Sub(d, r, &res));
  return Float(res < 0.0 ? 0.0 : res, out);
}

template <bool kPointFirst>
Status CirclePointDistance(const Value* a, size_t, EvalContext&, Value* out) {
  const Circle c = geo::CircleOf(a[kPointFirst ? 1 : 0]);
  const Point p = geo::PointOf(a[kPointFirst ? 0 : 1]);
  double d, res;
  NANO_RETURN_IF_ERROR(geo::PointDistance(p, c.center, &d));
  NANO_RETURN_IF_ERROR(geo::Sub(d, c.radius, &res));
  return Float(res < 0.0 ? 0.0 : res, out);
}

// ---- line segments -------------------------------------------------------------

Status MakeLsegFn(const Value* a, size_t, EvalContext&, Value* out) {
  Lseg l;
  l.p[0] = geo::PointOf(a[0]);
  l.p[1] = geo::PointOf(a[1]);
  *out = geo::MakeLseg(l);
  return Status::OK();
}

// Inverse slope (point_invsl).
Status InverseSlope(Point a, Point b, double* out) {
  if (geo::FPeq(a.x, b.x)) {
    *out = 0.0;
    return Status::OK();
  }
  if (geo::FPeq(a.y, b.y)) {
    *out = std::numeric_limits<double>::infinity();
    return Status::OK();
  }
  double dx, dy;
  NANO_RETURN_IF_ERROR(geo::Sub(a.x, b.x, &dx));
  NANO_RETURN_IF_ERROR(geo::Sub(b.y, a.y, &dy));
  return geo::Div(dx, dy, out);
}

// lseg predicates: 0 =, 1 <>, 2 ?|| (parallel), 3 ?-| (perpendicular).
template <int kOp>
Status LsegPred(const Value* a, size_t, EvalContext&, Value* out) {
  const Lseg x = geo::LsegOf(a[0]), y = geo::LsegOf(a[1]);
  const bool same = geo::PointEq(x.p[0], y.p[0]) && geo::PointEq(x.p[1], y.p[1]);
  if (kOp == 0) return Bool(same, out);
  if (kOp == 1) return Bool(!same, out);
  double m1, m2;
  NANO_RETURN_IF_ERROR(geo::PointSlope(x.p[0], x.p[1], &m1));
  NANO_RETURN_IF_ERROR(kOp == 2 ? geo::PointSlope(y.p[0], y.p[1], &m2)
                                : InverseSlope(y.p[0], y.p[1], &m2));
  return Bool(geo::FPeq(m1, m2), out);
}

// Prefix ?- / ?| on lseg: horizontal / vertical.
template <bool kVertical>
Status LsegOrientation(const Value* a, size_t, EvalContext&, Value* out) {
  const Lseg l = geo::LsegOf(a[0]);
  return Bool(kVertical ? geo::FPeq(l.p[0].x, l.p[1].x) : geo::FPeq(l.p[0].y, l.p[1].y), out);
}

// ---- lines -------------------------------------------------------------------

Status MakeLineFn(const Value* a, size_t, EvalContext&, Value* out) {
  const Point p = geo::PointOf(a[0]), q = geo::PointOf(a[1]);
  if (geo::PointEq(p, q)) {
    return Status::Error(sqlstate::kInvalidParameterValue,
                         "invalid line specification: must be two distinct points");
  }
  double m;
  NANO_RETURN_IF_ERROR(geo::PointSlope(p, q, &m));
  Line l;
  NANO_RETURN_IF_ERROR(geo::LineFromPointSlope(p, m, &l));
  *out = geo::MakeLine(l);
  return Status::OK();
}

template <bool kVertical>
Status LineOrientation(const Value* a, size_t, EvalContext&, Value* out) {
  const Line l = geo::LineOf(a[0]);
  return Bool(geo::FPzero(kVertical ? l.b : l.a), out);
}

// line_interpt_line: false for parallel lines.
Status LineIntersection(const Line& l1, const Line& l2, bool* found, Point* out) {
  double x, y, t1, t2, t3, num, den;
  *found = false;
  auto solve = [&](const Line& p, const Line& q) -> Status {
    NANO_RETURN_IF_ERROR(geo::Div(q.b, p.b, &t1));
    NANO_RETURN_IF_ERROR(geo::Mul(p.a, t1, &t2));
    if (geo::FPeq(q.a, t2)) return Status::OK();
    NANO_RETURN_IF_ERROR(geo::Mul(p.b, q.c, &t1));
    NANO_RETURN_IF_ERROR(geo::Mul(q.b, p.c, &t2));
    NANO_RETURN_IF_ERROR(geo::Sub(t1, t2, &num));
    NANO_RETURN_IF_ERROR(geo::Mul(p.a, q.b, &t1));
    NANO_RETURN_IF_ERROR(geo::Mul(q.a, p.b, &t2));
    NANO_RETURN_IF_ERROR(geo::Sub(t1, t2, &den));
    NANO_RETURN_IF_ERROR(geo::Div(num, den, &x));
    NANO_RETURN_IF_ERROR(geo::Mul(p.a, x, &t1));
    NANO_RETURN_IF_ERROR(geo::Add(t1, p.c, &t3));
    NANO_RETURN_IF_ERROR(geo::Div(-t3, p.b, &y));
    *found = true;
    return Status::OK();
  };
  if (!geo::FPzero(l1.b)) {
    NANO_RETURN_IF_ERROR(solve(l1, l2));
  } else if (!geo::FPzero(l2.b)) {
    NANO_RETURN_IF_ERROR(solve(l2, l1));
  }
  if (!*found) return Status::OK();
  if (x == 0.0) x = 0.0;
  if (y == 0.0) y = 0.0;
  *out = Point{x, y};
  return Status::OK();
}

// Line predicates: 0 =, 1 ?|| (parallel), 2 ?-| (perpendicular), 3 ?# (intersect).
template <int kOp>
Status LinePred(const Value* a, size_t, EvalContext&, Value* out) {
  const Line l1 = geo::LineOf(a[0]), l2 = geo::LineOf(a[1]);
  using geo::FPzero;
  if (kOp == 0) {
    if (std::isnan(l1.a) || std::isnan(l1.b) || std::isnan(l1.c) || std::isnan(l2.a) ||
        std::isnan(l2.b) || std::isnan(l2.c)) {
      auto eq = [](double p, double q) { return (std::isnan(p) && std::isnan(q)) || p == q; };
      return Bool(eq(l1.a, l2.a) && eq(l1.b, l2.b) && eq(l1.c, l2.c), out);
    }
    double ratio = 1.0;
    if (!FPzero(l2.a)) {
      NANO_RETURN_IF_ERROR(geo::Div(l1.a, l2.a, &ratio));
    } else if (!FPzero(l2.b)) {
      NANO_RETURN_IF_ERROR(geo::Div(l1.b, l2.b, &ratio));
    } else if (!FPzero(l2.c)) {
      NANO_RETURN_IF_ERROR(geo::Div(l1.c, l2.c, &ratio));
    }
    double ra, rb, rc;
    NANO_RETURN_IF_ERROR(geo::Mul(ratio, l2.a, &ra));
    NANO_RETURN_IF_ERROR(geo::Mul(ratio, l2.b, &rb));
    NANO_RETURN_IF_ERROR(geo::Mul(ratio, l2.c, &rc));
    return Bool(geo::FPeq(l1.a, ra) && geo::FPeq(l1.b, rb) && geo::FPeq(l1.c, rc), out);
  }
  if (kOp == 2) {
    if (FPzero(l1.a)) return Bool(FPzero(l2.b), out);
    if (FPzero(l2.a)) return Bool(FPzero(l1.b), out);
    if (FPzero(l1.b)) return Bool(FPzero(l2.a), out);
    if (FPzero(l2.b)) return Bool(FPzero(l1.a), out);
    double aa, bb, q;
    NANO_RETURN_IF_ERROR(geo::Mul(l1.a, l2.a, &aa));
    NANO_RETURN_IF_ERROR(geo::Mul(l1.b, l2.b, &bb));
    NANO_RETURN_IF_ERROR(geo::Div(aa, bb, &q));
    return Bool(geo::FPeq(q, -1.0), out);
  }
  bool found;
  Point p;
  NANO_RETURN_IF_ERROR(LineIntersection(l1, l2, &found, &p));
  return Bool(kOp == 1 ? !found : found, out);
}

Status LineInterpt(const Value* a, size_t, EvalContext&, Value* out) {
  bool found;
  Point p;
  NANO_RETURN_IF_ERROR(LineIntersection(geo::LineOf(a[0]), geo::LineOf(a[1]), &found, &p));
  if (!found) {
    *out = Value::Null(ty::kPoint);
    return Status::OK();
  }
  return PointResult(p, out);
}

// ---- closest points and polygon overlap (geo_ops.c) --------------------------

// line_invsl: the slope of a line perpendicular to l.
double LineInverseSlope(const Line& l) {
  if (geo::FPzero(l.a)) return std::numeric_limits<double>::infinity();
  if (geo::FPzero(l.b)) return 0.0;
  return l.b / l.a;
}

// lseg_contain_point.
Status LsegContains(const Lseg& l, Point p, bool* out) {
  double d0, d1, len, sum;
  NANO_RETURN_IF_ERROR(geo::PointDistance(p, l.p[0], &d0));
  NANO_RETURN_IF_ERROR(geo::PointDistance(p, l.p[1], &d1));
  NANO_RETURN_IF_ERROR(geo::PointDistance(l.p[0], l.p[1], &len));
  NANO_RETURN_IF_ERROR(geo::Add(d0, d1, &sum));
  *out = geo::FPeq(sum, len);
  return Status::OK();
}

// lseg_interpt_line: where the segment meets the line, if it does.
Status LsegLineIntersection(const Lseg& l, const Line& line, bool* found, Point* out) {
  double m;
  NANO_RETURN_IF_ERROR(geo::PointSlope(l.p[0], l.p[1], &m));
  Line tmp;
  NANO_RETURN_IF_ERROR(geo::LineFromPointSlope(l.p[0], m, &tmp));
  Point p;
  NANO_RETURN_IF_ERROR(LineIntersection(tmp, line, found, &p));
  if (!*found) return Status::OK();
  NANO_RETURN_IF_ERROR(LsegContains(l, p, found));
  if (!*found) return Status::OK();
  *out = geo::PointEq(l.p[0], p) ? l.p[0] : geo::PointEq(l.p[1], p) ? l.p[1] : p;
  return Status::OK();
}

// line_closept_point: the distance from p to the line (NaN if the
// perpendicular does not meet it).
Status LinePointDistance(const Line& line, Point p, double* out) {
  Line tmp;
  NANO_RETURN_IF_ERROR(geo::LineFromPointSlope(p, LineInverseSlope(line), &tmp));
  bool found;
  Point c;
  NANO_RETURN_IF_ERROR(LineIntersection(tmp, line, &found, &c));
  if (!found) {
    *out = std::numeric_limits<double>::quiet_NaN();
    return Status::OK();
  }
  return geo::PointDistance(c, p, out);
}

// lseg_closept_point: the distance from p to the segment.
Status LsegPointDistance(const Lseg& l, Point p, double* out) {
  double m;
  NANO_RETURN_IF_ERROR(InverseSlope(l.p[0], l.p[1], &m));
  Line perp;
  NANO_RETURN_IF_ERROR(geo::LineFromPointSlope(p, m, &perp));
  bool found;
  Point c;
  NANO_RETURN_IF_ERROR(LsegLineIntersection(l, perp, &found, &c));
  if (!found) {
    // lseg_closept_line: the nearer endpoint, measured along the perpendicular.
    double d0, d1;
    NANO_RETURN_IF_ERROR(LinePointDistance(perp, l.p[0], &d0));
    NANO_RETURN_IF_ERROR(LinePointDistance(perp, l.p[1], &d1));
    c = d0 < d1 ? l.p[0] : l.p[1];
  }
  return geo::PointDistance(c, p, out);
}

// dist_ppoly: 0 inside, else the distance to the nearest edge.
Status PolygonPointDistance(const std::vector<Point>& poly, Point p, double* out) {
  if (geo::PointInPolygon(poly, p)) {
    *out = 0.0;
    return Status::OK();
  }
  Lseg seg;
  seg.p[0] = poly.front();
  seg.p[1] = poly.back();
  NANO_RETURN_IF_ERROR(LsegPointDistance(seg, p, out));
  for (size_t i = 0; i + 1 < poly.size(); ++i) {
    seg.p[0] = poly[i];
    seg.p[1] = poly[i + 1];
    double d;
    NANO_RETURN_IF_ERROR(LsegPointDistance(seg, p, &d));
    if (d < *out || (std::isnan(*out) && !std::isnan(d))) *out = d;
  }
  return Status::OK();
}

template <bool kPointFirst>
Status PolygonPointDistanceFn(const Value* a, size_t, EvalContext&, Value* out) {
  double d;
  NANO_RETURN_IF_ERROR(PolygonPointDistance(geo::PathOf(a[kPointFirst ? 1 : 0]).points,
                                            geo::PointOf(a[kPointFirst ? 0 : 1]), &d));
  return Float(d, out);
}

// lseg_interpt_lseg.
Status LsegIntersection(const Lseg& l1, const Lseg& l2, bool* found, Point* out) {
  double m;
  NANO_RETURN_IF_ERROR(geo::PointSlope(l2.p[0], l2.p[1], &m));
  Line tmp;
  NANO_RETURN_IF_ERROR(geo::LineFromPointSlope(l2.p[0], m, &tmp));
  Point p;
  NANO_RETURN_IF_ERROR(LsegLineIntersection(l1, tmp, found, &p));
  if (!*found) return Status::OK();
  NANO_RETURN_IF_ERROR(LsegContains(l2, p, found));
  if (*found) *out = p;
  return Status::OK();
}

// poly_overlap: bounding boxes overlap and an edge crosses, or one polygon
// holds the other's first vertex.
Status PolygonOverlap(const Value* a, size_t, EvalContext&, Value* out) {
  const std::vector<Point> pa = geo::PathOf(a[0]).points, pb = geo::PathOf(a[1]).points;
  const Box ba = geo::BoundingBox(pa), bb = geo::BoundingBox(pb);
  if (pa.empty() || pb.empty() ||
      !(geo::FPle(ba.low.x, bb.high.x) && geo::FPle(bb.low.x, ba.high.x) &&
        geo::FPle(ba.low.y, bb.high.y) && geo::FPle(bb.low.y, ba.high.y))) {
    return Bool(false, out);
  }
  bool hit = false;
  Lseg sa, sb;
  sa.p[0] = pa.back();
  for (size_t i = 0; i < pa.size() && !hit; ++i) {
    sa.p[1] = pa[i];
    sb.p[0] = pb.back();
    for (size_t j = 0; j < pb.size() && !hit; ++j) {
      sb.p[1] = pb[j];
      Point p;
      NANO_RETURN_IF_ERROR(LsegIntersection(sa, sb, &hit, &p));
      sb.p[0] = sb.p[1];
    }
    sa.p[0] = sa.p[1];
  }
  if (!hit) hit = geo::PointInPolygon(pb, pa[0]) || geo::PointInPolygon(pa, pb[0]);
  return Bool(hit, out);
}

// lseg ?# lseg and lseg # lseg.
Status LsegIntersects(const Value* a, size_t, EvalContext&, Value* out) {
  bool found;
  Point p;
  NANO_RETURN_IF_ERROR(LsegIntersection(geo::LsegOf(a[0]), geo::LsegOf(a[1]), &found, &p));
  return Bool(found, out);
}
Status LsegInterpt(const Value* a, size_t, EvalContext&, Value* out) {
  bool found;
  Point p;
  NANO_RETURN_IF_ERROR(LsegIntersection(geo::LsegOf(a[0]), geo::LsegOf(a[1]), &found, &p));
  if (!found) {
    *out = Value::Null(ty::kPoint);
    return Status::OK();
  }
  return PointResult(p, out);
}

// point <-> lseg / line and the reverse (dist_ps, dist_sp, dist_pl, dist_lp).
template <TypeOid kShape, bool kPointFirst>
Status PointShapeDistance(const Value* a, size_t, EvalContext&, Value* out) {
  const Value& shape = a[kPointFirst ? 1 : 0];
  const Point p = geo::PointOf(a[kPointFirst ? 0 : 1]);
  double d;
  if constexpr (kShape == ty::kLseg) {
    NANO_RETURN_IF_ERROR(LsegPointDistance(geo::LsegOf(shape), p, &d));
  } else {
    NANO_RETURN_IF_ERROR(LinePointDistance(geo::LineOf(shape), p, &d));
  }
  return Float(d, out);
}

// ---- more path / polygon / box operators ---------------------------------------

// path = < <= > >=: by number of points (path_n_eq & co).
template <int kOp>
Status PathCountCmp(const Value* a, size_t, EvalContext&, Value* out) {
  const size_t x = geo::PathOf(a[0]).points.size(), y = geo::PathOf(a[1]).points.size();
  const bool r = kOp == 0   ? x == y
                 : kOp == 2 ? x < y
                 : kOp == 3 ? x <= y
                 : kOp == 4 ? x > y
                            : x >= y;
  return Bool(r, out);
}

// Polygon position by bounding boxes, exact comparisons (poly_left & co):
// 0 <<, 1 &<, 2 >>, 3 &>, 4 <<|, 5 &<|, 6 |>>, 7 |&>.
template <int kOp>
Status PolygonPosition(const Value* a, size_t, EvalContext&, Value* out) {
  const Box x = geo::BoundingBox(geo::PathOf(a[0]).points);
  const Box y = geo::BoundingBox(geo::PathOf(a[1]).points);
  switch (kOp) {
    case 0:
      return Bool(x.high.x < y.low.x, out);
    case 1:
      return Bool(x.high.x <= y.high.x, out);
    case 2:
      return Bool(x.low.x > y.high.x, out);
    case 3:
      return Bool(x.low.x >= y.low.x, out);
    case 4:
      return Bool(x.high.y < y.low.y, out);
    case 5:
      return Bool(x.high.y <= y.high.y, out);
    case 6:
      return Bool(x.low.y > y.high.y, out);
    default:
      return Bool(x.low.y >= y.low.y, out);
  }
}

// plist_same: the same vertices in the same cyclic order, either direction.
bool SameVertices(const std::vector<Point>& p1, const std::vector<Point>& p2) {
  const size_t n = p1.size();
  if (n != p2.size()) return false;
  for (size_t i = 0; i < n; ++i) {
    if (!geo::PointEq(p2[i], p1[0])) continue;
    size_t k = 1;
    for (size_t j = (i + 1) % n; k < n && geo::PointEq(p2[j], p1[k]); j = (j + 1) % n) ++k;
    if (k == n) return true;
    k = 1;
    for (size_t j = (i + n - 1) % n; k < n && geo::PointEq(p2[j], p1[k]); j = (j + n - 1) % n) ++k;
    if (k == n) return true;
  }
  return false;
}

Status PolygonSame(const Value* a, size_t, EvalContext&, Value* out) {
  return Bool(SameVertices(geo::PathOf(a[0]).points, geo::PathOf(a[1]).points), out);
}

// box_closept_point's distance: 0 inside, else the nearest of the four sides.
template <bool kPointFirst>
Status BoxPointDistance(const Value* a, size_t, EvalContext&, Value* out) {
  const Box b = geo::BoxOf(a[kPointFirst ? 1 : 0]);
  const Point p = geo::PointOf(a[kPointFirst ? 0 : 1]);
  if (BoxHasPoint(b, p)) return Float(0.0, out);
  const Point corners[2] = {Point{b.low.x, b.high.y}, Point{b.high.x, b.low.y}};
  double best = 0;
  bool first = true;
  for (const Point& c : corners) {
    for (const Point& end : {b.low, b.high}) {
      Lseg side;
      side.p[0] = end;
      side.p[1] = c;
      double d;
      NANO_RETURN_IF_ERROR(LsegPointDistance(side, p, &d));
      if (first || d < best) best = d;
      first = false;
    }
  }
  return Float(best, out);
}

// dist_ppath: the nearest of the path's segments (the closing one too when
// closed); 0 for a path without segments.
template <bool kPointFirst>
Status PathPointDistance(const Value* a, size_t, EvalContext&, Value* out) {
  const Path path = geo::PathOf(a[kPointFirst ? 1 : 0]);
  const Point p = geo::PointOf(a[kPointFirst ? 0 : 1]);
  double best = 0.0;
  bool have = false;
  const size_t n = path.points.size();
  for (size_t i = 0; i < n; ++i) {
    if (i == 0 && !path.closed) continue;
    Lseg seg;
    seg.p[0] = path.points[i > 0 ? i - 1 : n - 1];
    seg.p[1] = path.points[i];
    double d;
    NANO_RETURN_IF_ERROR(LsegPointDistance(seg, p, &d));
    if (!have || d < best) best = d;
    have = true;
  }
  return Float(best, out);
}

// The binder's subscript of point / line (float8) and lseg / box (point):
// index 0 or 1 (line 0..2), NULL beyond.
Status GeoSubscript(const Value* a, size_t, EvalContext&, Value* out) {
  const int64_t i = a[1].int_value();
  const std::string& s = a[0].str();
  switch (a[0].type()) {
    case ty::kPoint:
    case ty::kLine: {
      const int64_t n = static_cast<int64_t>(s.size() / sizeof(double));
      if (i < 0 || i >= n) {
        *out = Value::Null(ty::kFloat8);
        return Status::OK();
      }
      double d;
      std::memcpy(&d, s.data() + i * sizeof d, sizeof d);
      return Float(d, out);
    }
    default: {
      if (i < 0 || i > 1) {
        *out = Value::Null(ty::kPoint);
        return Status::OK();
      }
      const Lseg l = geo::LsegOf(a[0]);  // a box packs high, low the same way
      return PointResult(l.p[i], out);
    }
  }
}

void RegisterPoints(FunctionRegistry& r) {
  const TypeOid pt = ty::kPoint, f8 = ty::kFloat8, b = ty::kBool;
  Reg(r, "point", {f8, f8}, pt, MakePointFn);
  Reg(r, "+", {pt, pt}, pt, PointArith<0>);
  Reg(r, "-", {pt, pt}, pt, PointArith<1>);
  Reg(r, "*", {pt, pt}, pt, PointArith<2>);
  Reg(r, "/", {pt, pt}, pt, PointArith<3>);
  Reg(r, "<<", {pt, pt}, b, PointPred<0>);
  Reg(r, ">>", {pt, pt}, b, PointPred<1>);
  Reg(r, "<<|", {pt, pt}, b, PointPred<2>);
  Reg(r, "<^", {pt, pt}, b, PointPred<2>);
  Reg(r, "|>>", {pt, pt}, b, PointPred<3>);
  Reg(r, ">^", {pt, pt}, b, PointPred<3>);
  Reg(r, "?-", {pt, pt}, b, PointPred<4>);
  Reg(r, "?|", {pt, pt}, b, PointPred<5>);
  Reg(r, "~=", {pt, pt}, b, PointPred<6>);
  Reg(r, "<>", {pt, pt}, b, PointPred<7>);
  Reg(r, "<->", {pt, pt}, f8, PointDistanceFn);
  Reg(r, "slope", {pt, pt}, f8, PointSlopeFn);
  Reg(r, "<@", {pt, ty::kBox}, b, ContainsPoint<ty::kBox, true>);
  Reg(r, "@>", {ty::kBox, pt}, b, ContainsPoint<ty::kBox, false>);
  Reg(r, "<@", {pt, ty::kCircle}, b, ContainsPoint<ty::kCircle, true>);
  Reg(r, "@>", {ty::kCircle, pt}, b, ContainsPoint<ty::kCircle, false>);
  Reg(r, "<@", {pt, ty::kPolygon}, b, ContainsPoint<ty::kPolygon, true>);
  Reg(r, "@>", {ty::kPolygon, pt}, b, ContainsPoint<ty::kPolygon, false>);
  Reg(r, "<@", {pt, ty::kPath}, b, ContainsPoint<ty::kPath, true>);
  Reg(r, "@>", {ty::kPath, pt}, b, ContainsPoint<ty::kPath, false>);
  // point(shape): the shape's center.
  Reg(r, "point", {ty::kBox}, pt, CastFn<ty::kPoint>);
  Reg(r, "point", {ty::kCircle}, pt, CastFn<ty::kPoint>);
  Reg(r, "point", {ty::kLseg}, pt, CastFn<ty::kPoint>);
  Reg(r, "point", {ty::kPolygon}, pt, CastFn<ty::kPoint>);
}

void RegisterBoxes(FunctionRegistry& r) {
  const TypeOid bx = ty::kBox, pt = ty::kPoint, f8 = ty::kFloat8, b = ty::kBool;
  Reg(r, "box", {pt, pt}, bx, MakeBoxFn);
  Reg(r, "box", {pt}, bx, MakeBoxFn);
  Reg(r, "box", {ty::kCircle}, bx, CastFn<ty::kBox>);
  Reg(r, "box", {ty::kPolygon}, bx, CastFn<ty::kBox>);
  static constexpr const char* kPreds[] = {"&&", "@>",  "<@",  "<<",  ">>",  "&<",
                                           "&>", "<<|", "|>>", "&<|", "|&>", "~="};
  static constexpr ScalarFn kPredFns[] = {BoxPred<0>, BoxPred<1>, BoxPred<2>,  BoxPred<3>,
                                          BoxPred<4>, BoxPred<5>, BoxPred<6>,  BoxPred<7>,
                                          BoxPred<8>, BoxPred<9>, BoxPred<10>, BoxPred<11>};
  for (int i = 0; i < 12; ++i) Reg(r, kPreds[i], {bx, bx}, b, kPredFns[i]);
  static constexpr const char* kCmp[] = {"=", "<>", "<", "<=", ">", ">="};
  static constexpr ScalarFn kCmpFns[] = {AreaCmp<0>, AreaCmp<1>, AreaCmp<2>,
                                         AreaCmp<3>, AreaCmp<4>, AreaCmp<5>};
  for (int i = 0; i < 6; ++i) {
    if (i != 1) Reg(r, kCmp[i], {bx, bx}, b, kCmpFns[i]);  // box has no <>
    Reg(r, kCmp[i], {ty::kCircle, ty::kCircle}, b, kCmpFns[i]);
  }
  Reg(r, "+", {bx, pt}, bx, BoxArith<0>);
  Reg(r, "-", {bx, pt}, bx, BoxArith<1>);
  Reg(r, "*", {bx, pt}, bx, BoxArith<2>);
  Reg(r, "/", {bx, pt}, bx, BoxArith<3>);
  Reg(r, "#", {bx, bx}, bx, BoxIntersect);
  Reg(r, "<->", {bx, bx}, f8, BoxDistance);
  Reg(r, "width", {bx}, f8, BoxSide<0>);
  Reg(r, "height", {bx}, f8, BoxSide<1>);
  Reg(r, "diagonal", {bx}, ty::kLseg, CastFn<ty::kLseg>);
  Reg(r, "lseg", {bx}, ty::kLseg, CastFn<ty::kLseg>);
}

void RegisterShapes(FunctionRegistry& r) {
  const TypeOid pt = ty::kPoint, f8 = ty::kFloat8, b = ty::kBool, i4 = ty::kInt4;
  const TypeOid ci = ty::kCircle, pa = ty::kPath, po = ty::kPolygon, ls = ty::kLseg;
  const TypeOid ln = ty::kLine;
  for (TypeOid t : {ty::kBox, ci, pa}) Reg(r, "area", {t}, f8, AreaFn);
  for (TypeOid t : {ty::kBox, ci}) {
    Reg(r, "center", {t}, pt, CenterFn);
    Reg(r, "@@", {t}, pt, CenterFn);
  }
  Reg(r, "@@", {ls}, pt, CenterFn);
  Reg(r, "@@", {po}, pt, CenterFn);
  for (TypeOid t : {ls, pa}) {
    Reg(r, "length", {t}, f8, LengthFn);
    Reg(r, "@-@", {t}, f8, LengthFn);
  }
  for (TypeOid t : {pa, po}) {
    Reg(r, "npoints", {t}, i4, NPointsFn);
    Reg(r, "#", {t}, i4, NPointsFn);
  }
  // paths
  Reg(r, "isopen", {pa}, b, PathIs<0>);
  Reg(r, "isclosed", {pa}, b, PathIs<1>);
  Reg(r, "popen", {pa}, pa, PathReopen<0>);
  Reg(r, "pclose", {pa}, pa, PathReopen<1>);
  Reg(r, "+", {pa, pa}, pa, PathConcat);
  Reg(r, "+", {pa, pt}, pa, PathArith<0>);
  Reg(r, "-", {pa, pt}, pa, PathArith<1>);
  Reg(r, "*", {pa, pt}, pa, PathArith<2>);
  Reg(r, "/", {pa, pt}, pa, PathArith<3>);
  Reg(r, "path", {po}, pa, CastFn<ty::kPath>);
  // polygons
  Reg(r, "polygon", {ty::kBox}, po, CastFn<ty::kPolygon>);
  Reg(r, "polygon", {pa}, po, CastFn<ty::kPolygon>);
  Reg(r, "polygon", {ci}, po, PolygonFromCircle);
  Reg(r, "polygon", {i4, ci}, po, PolygonFromCircle);
  // circles
  Reg(r, "circle", {pt, f8}, ci, MakeCircleFn);
  Reg(r, "circle", {ty::kBox}, ci, CastFn<ty::kCircle>);
  Reg(r, "circle", {po}, ci, CastFn<ty::kCircle>);
  Reg(r, "radius", {ci}, f8, CircleMeasure<0>);
  Reg(r, "diameter", {ci}, f8, CircleMeasure<1>);
  Reg(r, "&&", {ci, ci}, b, CirclePred<0>);
  Reg(r, "@>", {ci, ci}, b, CirclePred<1>);
  Reg(r, "<@", {ci, ci}, b, CirclePred<2>);
  Reg(r, "~=", {ci, ci}, b, CirclePred<3>);
  Reg(r, "<->", {ci, ci}, f8, CircleDistance);
  Reg(r, "<->", {ci, pt}, f8, CirclePointDistance<false>);
  Reg(r, "<->", {pt, ci}, f8, CirclePointDistance<true>);
  Reg(r, "+", {ci, pt}, ci, CircleArith<0>);
  Reg(r, "-", {ci, pt}, ci, CircleArith<1>);
  Reg(r, "*", {ci, pt}, ci, CircleArith<2>);
  Reg(r, "/", {ci, pt}, ci, CircleArith<3>);
  // line segments
  Reg(r, "lseg", {pt, pt}, ls, MakeLsegFn);
  Reg(r, "=", {ls, ls}, b, LsegPred<0>);
  Reg(r, "<>", {ls, ls}, b, LsegPred<1>);
  Reg(r, "?||", {ls, ls}, b, LsegPred<2>);
  Reg(r, "?-|", {ls, ls}, b, LsegPred<3>);
  Reg(r, "?-", {ls}, b, LsegOrientation<false>);
  Reg(r, "?|", {ls}, b, LsegOrientation<true>);
  // lines
  Reg(r, "line", {pt, pt}, ln, MakeLineFn);
  Reg(r, "?-", {ln}, b, LineOrientation<false>);
  Reg(r, "?|", {ln}, b, LineOrientation<true>);
  Reg(r, "=", {ln, ln}, b, LinePred<0>);
  Reg(r, "?||", {ln, ln}, b, LinePred<1>);
  Reg(r, "?-|", {ln, ln}, b, LinePred<2>);
  Reg(r, "?#", {ln, ln}, b, LinePred<3>);
  Reg(r, "#", {ln, ln}, pt, LineInterpt);
  // closest-point distances and intersections
  Reg(r, "<->", {po, pt}, f8, PolygonPointDistanceFn<false>);
  Reg(r, "<->", {pt, po}, f8, PolygonPointDistanceFn<true>);
  Reg(r, "<->", {pt, ls}, f8, PointShapeDistance<ty::kLseg, true>);
  Reg(r, "<->", {ls, pt}, f8, PointShapeDistance<ty::kLseg, false>);
  Reg(r, "<->", {pt, ln}, f8, PointShapeDistance<ty::kLine, true>);
  Reg(r, "<->", {ln, pt}, f8, PointShapeDistance<ty::kLine, false>);
  Reg(r, "&&", {po, po}, b, PolygonOverlap);
  Reg(r, "?#", {ls, ls}, b, LsegIntersects);
  Reg(r, "#", {ls, ls}, pt, LsegInterpt);
  Reg(r, "circle_center", {ci}, pt, CenterFn);
  Reg(r, "=", {pa, pa}, b, PathCountCmp<0>);
  Reg(r, "<", {pa, pa}, b, PathCountCmp<2>);
  Reg(r, "<=", {pa, pa}, b, PathCountCmp<3>);
  Reg(r, ">", {pa, pa}, b, PathCountCmp<4>);
  Reg(r, ">=", {pa, pa}, b, PathCountCmp<5>);
  static constexpr const char* kPolyOps[] = {"<<", "&<", ">>", "&>", "<<|", "&<|", "|>>", "|&>"};
  static constexpr ScalarFn kPolyFns[] = {
      PolygonPosition<0>, PolygonPosition<1>, PolygonPosition<2>, PolygonPosition<3>,
      PolygonPosition<4>, PolygonPosition<5>, PolygonPosition<6>, PolygonPosition<7>};
  for (int i = 0; i < 8; ++i) Reg(r, kPolyOps[i], {po, po}, b, kPolyFns[i]);
  Reg(r, "~=", {po, po}, b, PolygonSame);
  Reg(r, "<->", {pt, ty::kBox}, f8, BoxPointDistance<true>);
  Reg(r, "<->", {pa, pt}, f8, PathPointDistance<false>);
  Reg(r, "<->", {pt, pa}, f8, PathPointDistance<true>);
  Reg(r, "<->", {ty::kBox, pt}, f8, BoxPointDistance<false>);
  Reg(r, "geo subscript", {pt, i4}, f8, GeoSubscript);
  Reg(r, "geo subscript", {ln, i4}, f8, GeoSubscript);
  Reg(r, "geo subscript", {ls, i4}, pt, GeoSubscript);
  Reg(r, "geo subscript", {ty::kBox, i4}, pt, GeoSubscript);
}

}  // namespace

void RegisterGeometry(FunctionRegistry& r) {
  RegisterPoints(r);
  RegisterBoxes(r);
  RegisterShapes(r);
}

}  // namespace nano::fn
