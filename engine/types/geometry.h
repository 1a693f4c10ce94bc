// engine/types/geometry.h — PostgreSQL's geometric types (point, lseg, line,
// box, path, polygon, circle): values, text and binary I/O, casts.
//
// Representation: a geometric Value carries its float8s packed in native byte
// order in Value::str():
//   point   x y                      line    A B C   (Ax + By + C = 0)
//   lseg    x1 y1 x2 y2              circle  x y r
//   box     high.x high.y low.x low.y (high >= low, coordinate-wise)
//   path    one byte (1 = closed, 0 = open), then x y per point
//   polygon x y per point
// Byte strings keep the storage codec and hashing untouched. The fuzzy
// comparisons (FPeq & co, EPSILON = 1e-6) and the float8 overflow checks
// follow PostgreSQL's geo_ops.c; text I/O follows its *_in / *_out.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "types/value.h"

namespace nano::geo {

struct Point {
  double x = 0;
  double y = 0;
};
struct Lseg {
  Point p[2];
};
struct Line {
  double a = 0, b = 0, c = 0;
};
struct Box {
  Point high, low;
};
struct Circle {
  Point center;
  double radius = 0;
};
// A path (open or closed) or, with closed always true, a polygon's vertices.
struct Path {
  bool closed = true;
  std::vector<Point> points;
};

// Packing into and out of Values. The getters expect a value of that type.
Value MakePoint(Point p);
Value MakeLseg(const Lseg& l);
Value MakeLine(const Line& l);
Value MakeBox(const Box& b);
Value MakeCircle(const Circle& c);
Value MakePath(const Path& p);
Value MakePolygon(const std::vector<Point>& pts);
Point PointOf(const Value& v);
Lseg LsegOf(const Value& v);
Line LineOf(const Value& v);
Box BoxOf(const Value& v);
Circle CircleOf(const Value& v);
Path PathOf(const Value& v);  // also a polygon (closed)

// Text input (22P02 "invalid input syntax for type point: ..." on errors)
// and output (float8s printed as float8out does with extra_float_digits).
Status ParseGeometric(std::string_view text, TypeOid t, Value* out);
void FormatGeometric(const Value& v, int extra_float_digits, std::string* out);

// PostgreSQL's typsend / typreceive formats (big-endian float8s).
Status SendGeometric(const Value& v, std::string* out);
Status ReceiveGeometric(std::string_view bytes, TypeOid t, Value* out);

// The pg_cast conversions among geometric types (point(box), polygon(box),
// circle(box), path(polygon), ...). Returns 42846 for pairs without one.
Status CastGeometric(const Value& v, TypeOid to, Value* out);

// ---- geo_ops.c arithmetic, shared with the SQL functions ----------------
inline constexpr double kEpsilon = 1.0E-06;
bool FPzero(double a);
bool FPeq(double a, double b);
bool FPne(double a, double b);
bool FPlt(double a, double b);
bool FPle(double a, double b);
bool FPgt(double a, double b);
bool FPge(double a, double b);

// float8 arithmetic with PostgreSQL's overflow / underflow / zero checks.
Status Add(double a, double b, double* out);
Status Sub(double a, double b, double* out);
Status Mul(double a, double b, double* out);
Status Div(double a, double b, double* out);
Status Hypot(double x, double y, double* out);  // pg_hypot

bool PointEq(Point a, Point b);  // point_eq_point: fuzzy, NaNs exact
Status PointDistance(Point a, Point b, double* out);
Status PointSlope(Point a, Point b, double* out);
Status BoxCenter(const Box& b, Point* out);
Status BoxArea(const Box& b, double* out);
Box BoxFromPoints(Point a, Point b);  // box_construct: orders the corners
Box BoundingBox(const std::vector<Point>& pts);
Status PolygonToCircle(const std::vector<Point>& pts, Circle* out);
Status PathLength(const Path& p, double* out);
bool PointInPolygon(const std::vector<Point>& poly, Point p);  // point_inside != 0
Status LineFromPointSlope(Point p, double m, Line* out);
// circle_poly: npts vertices on the circle (0A000 for radius 0, 22023 for npts < 2).
Status CircleToPolygon(int64_t npts, const Circle& c, Value* out);

}  // namespace nano::geo
