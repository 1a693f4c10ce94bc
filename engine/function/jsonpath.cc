// engine/function/jsonpath.cc — a recursive-descent jsonpath parser and an
// evaluator following PostgreSQL's jsonpath_exec.c for the supported subset.
#include "function/jsonpath.h"

#include <deque>
#include <regex>
#include <string>

#include "types/json_text.h"
#include "types/numeric.h"

namespace nano {

enum class PathKind {
  kRoot,
  kCurrent,
  kVariable,
  kLast,
  kLiteral,
  kKey,       // args[0] . name
  kAnyKey,    // args[0] .*
  kAnyIndex,  // args[0] [*]
  kIndex,     // args[0] [ subscripts ]: args[1..] pairs (from, to-or-null)
  kFilter,    // args[0] ? ( args[1] )
  kMethod,    // args[0] .name()
  kArith,     // args[0] op args[1]
  kUnary,     // op args[0]
  // predicates
  kCompare,  // args[0] op args[1]
  kAnd,
  kOr,
  kNot,
  kExists,
  kStartsWith,
  kLikeRegex,
  kIsUnknown,
};

struct JsonPathNode {
  PathKind kind;
  std::string name;  // key, variable, method, operator, regex pattern
  std::string flags;
  JsonNode literal;
  std::vector<std::unique_ptr<JsonPathNode>> args;  // null entries allowed in kIndex
  bool IsPredicate() const { return kind >= PathKind::kCompare; }
};

namespace {

using NodePtr = std::unique_ptr<JsonPathNode>;
using K = JsonNode::Kind;

constexpr int kMaxPathDepth = 1000;

NodePtr Make(PathKind k, std::string name = "") {
  auto n = std::make_unique<JsonPathNode>();
  n->kind = k;
  n->name = std::move(name);
  return n;
}

// ---- parser -------------------------------------------------------------------------------
class PathParser {
 public:
  explicit PathParser(std::string_view s) : s_(s) {}

  Status ParseTop(NodePtr* out, bool* strict) {
    std::string w = PeekWord();
    if (w == "strict" || w == "lax") {
      *strict = w == "strict";
      pos_ += w.size();
    }
    NANO_RETURN_IF_ERROR(Or(out));
    Skip();
    if (pos_ != s_.size()) return Syntax();
    return Status::OK();
  }

 private:
  Status Syntax() {
    Skip();
    if (pos_ >= s_.size()) {
      return Status::Error("42601", "syntax error at end of jsonpath input");
    }
    return Status::Error(
        "42601", "syntax error at or near \"" + std::string(1, s_[pos_]) + "\" of jsonpath input");
  }
  void Skip() {
    while (pos_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[pos_]))) ++pos_;
  }
  bool Eat(std::string_view tok) {
    Skip();
    if (s_.substr(pos_, tok.size()) != tok) return false;
    pos_ += tok.size();
    return true;
  }
  static bool IsWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
  std::string PeekWord() {
    Skip();
    size_t e = pos_;
    while (e < s_.size() && IsWordChar(s_[e])) ++e;
    return std::string(s_.substr(pos_, e - pos_));
  }
  bool EatWord(std::string_view w) {
    if (PeekWord() != w) return false;
    pos_ += w.size();
    return true;
  }
  Status Enter() {
    if (++depth_ > kMaxPathDepth) return Status::Error("54001", "stack depth limit exceeded");
    return Status::OK();
  }

  Status String(std::string* out) {
    Skip();
    if (pos_ >= s_.size() || s_[pos_] != '"') return Syntax();
    size_t start = pos_;
    ++pos_;
    while (pos_ < s_.size() && s_[pos_] != '"') pos_ += s_[pos_] == '\\' ? 2 : 1;
    if (pos_ >= s_.size()) return Syntax();
    ++pos_;
    // JSON's escapes are a superset of jsonpath's common ones.
    std::string norm;
    NANO_RETURN_IF_ERROR(NormalizeJson(s_.substr(start, pos_ - start), true, &norm));
    JsonNode n;
    NANO_RETURN_IF_ERROR(ParseJsonTree(norm, true, &n));
    *out = n.str;
    return Status::OK();
  }

  Status Binary(NodePtr* out, Status (PathParser::*next)(NodePtr*),
                std::initializer_list<std::string_view> ops, PathKind kind) {
    NANO_RETURN_IF_ERROR((this->*next)(out));
    for (;;) {
      std::string_view op;
      for (std::string_view o : ops) {
        Skip();
        if (s_.substr(pos_, o.size()) == o) {
          op = o;
          break;
        }
      }
      if (op.empty()) return Status::OK();
      pos_ += op.size();
      NodePtr rhs;
      NANO_RETURN_IF_ERROR((this->*next)(&rhs));
      const bool logic = kind == PathKind::kAnd || kind == PathKind::kOr;
      if (logic && (!(*out)->IsPredicate() || !rhs->IsPredicate())) return Syntax();
      if (!logic && ((*out)->IsPredicate() || rhs->IsPredicate())) return Syntax();
      NodePtr n = Make(kind, std::string(op));
      n->args.push_back(std::move(*out));
      n->args.push_back(std::move(rhs));
      *out = std::move(n);
    }
  }

  Status Or(NodePtr* out) {
    NANO_RETURN_IF_ERROR(Enter());
    Status st = Binary(out, &PathParser::And, {"||"}, PathKind::kOr);
    --depth_;
    return st;
  }
  Status And(NodePtr* out) { return Binary(out, &PathParser::Not, {"&&"}, PathKind::kAnd); }
  Status Not(NodePtr* out) {
    Skip();
    if (pos_ < s_.size() && s_[pos_] == '!' && s_.substr(pos_, 2) != "!=") {
      ++pos_;
      NodePtr operand;
      NANO_RETURN_IF_ERROR(Enter());
      NANO_RETURN_IF_ERROR(Not(&operand));
      --depth_;
      if (!operand->IsPredicate()) return Syntax();
      *out = Make(PathKind::kNot);
      (*out)->args.push_back(std::move(operand));
      return Status::OK();
    }
    return Compare(out);
  }
  Status Compare(NodePtr* out) {
    NANO_RETURN_IF_ERROR(Add(out));
    static constexpr std::string_view kOps[] = {"==", "!=", "<>", "<=", ">=", "<", ">"};
    for (std::string_view op : kOps) {
      if (!Eat(op)) continue;
      NodePtr rhs;
      NANO_RETURN_IF_ERROR(Add(&rhs));
      if ((*out)->IsPredicate() || rhs->IsPredicate()) return Syntax();
      NodePtr n = Make(PathKind::kCompare, op == "<>" ? "!=" : std::string(op));
      n->args.push_back(std::move(*out));
      n->args.push_back(std::move(rhs));
      *out = std::move(n);
      return Status::OK();
    }
    if (EatWord("starts")) {
      if (!EatWord("with")) return Syntax();
      NodePtr rhs;
      NANO_RETURN_IF_ERROR(Add(&rhs));
      NodePtr n = Make(PathKind::kStartsWith);
      n->args.push_back(std::move(*out));
      n->args.push_back(std::move(rhs));
      *out = std::move(n);
    } else if (EatWord("like_regex")) {
      NodePtr n = Make(PathKind::kLikeRegex);
      NANO_RETURN_IF_ERROR(String(&n->name));
      if (EatWord("flag")) NANO_RETURN_IF_ERROR(String(&n->flags));
      n->args.push_back(std::move(*out));
      *out = std::move(n);
    }
    return Status::OK();
  }
  Status Add(NodePtr* out) { return Binary(out, &PathParser::Mul, {"+", "-"}, PathKind::kArith); }
  Status Mul(NodePtr* out) {
    return Binary(out, &PathParser::Unary, {"*", "/", "%"}, PathKind::kArith);
  }
  Status Unary(NodePtr* out) {
    Skip();
    if (pos_ < s_.size() && (s_[pos_] == '-' || s_[pos_] == '+')) {
      const char op = s_[pos_++];
      NodePtr operand;
      NANO_RETURN_IF_ERROR(Enter());
      NANO_RETURN_IF_ERROR(Unary(&operand));
      --depth_;
      if (operand->IsPredicate()) return Syntax();
      *out = Make(PathKind::kUnary, std::string(1, op));
      (*out)->args.push_back(std::move(operand));
      return Status::OK();
    }
    NANO_RETURN_IF_ERROR(Primary(out));
    return Accessors(out);
  }

  Status Number(NodePtr* out) {
    size_t e = pos_;
    while (e < s_.size() && (std::isdigit(static_cast<unsigned char>(s_[e])) || s_[e] == '.' ||
                             ((s_[e] == 'e' || s_[e] == 'E')) ||
                             ((s_[e] == '+' || s_[e] == '-') && e > pos_ &&
                              (s_[e - 1] == 'e' || s_[e - 1] == 'E')))) {
      ++e;
    }
    Numeric n;
    if (!Numeric::Parse(s_.substr(pos_, e - pos_), &n).ok()) return Syntax();
    pos_ = e;
    *out = Make(PathKind::kLiteral);
    (*out)->literal.kind = K::kNumber;
    (*out)->literal.str = n.ToString();
    return Status::OK();
  }

  Status Primary(NodePtr* out) {
    Skip();
    if (pos_ >= s_.size()) return Syntax();
    const char c = s_[pos_];
    if (c == '$') {
      ++pos_;
      if (pos_ < s_.size() && s_[pos_] == '"') {
        std::string name;
        NANO_RETURN_IF_ERROR(String(&name));
        *out = Make(PathKind::kVariable, name);
      } else if (pos_ < s_.size() && IsWordChar(s_[pos_])) {
        std::string name = PeekWord();
        pos_ += name.size();
        *out = Make(PathKind::kVariable, name);
      } else {
        *out = Make(PathKind::kRoot);
      }
      return Status::OK();
    }
    if (c == '@') {
      ++pos_;
      if (filter_depth_ == 0) {
        return Status::Error("42601", "@ is not allowed in root expressions");
      }
      *out = Make(PathKind::kCurrent);
      return Status::OK();
    }
    if (c == '(') {
      ++pos_;
      NANO_RETURN_IF_ERROR(Or(out));
      if (!Eat(")")) return Syntax();
      if ((*out)->IsPredicate() && PeekWord() == "is") {
        EatWord("is");
        if (!EatWord("unknown")) return Syntax();
        NodePtr n = Make(PathKind::kIsUnknown);
        n->args.push_back(std::move(*out));
        *out = std::move(n);
      }
      return Status::OK();
    }
    if (c == '"') {
      *out = Make(PathKind::kLiteral);
      (*out)->literal.kind = K::kString;
      return String(&(*out)->literal.str);
    }
    if (std::isdigit(static_cast<unsigned char>(c)) || c == '.') return Number(out);
    const std::string w = PeekWord();
    if (w == "true" || w == "false" || w == "null") {
      pos_ += w.size();
      *out = Make(PathKind::kLiteral);
      (*out)->literal.kind = w == "null" ? K::kNull : K::kBool;
      (*out)->literal.boolean = w == "true";
      return Status::OK();
    }
    if (w == "last") {
      pos_ += w.size();
      if (subscript_depth_ == 0) {
        return Status::Error("42601", "LAST is allowed only in array subscripts");
      }
      *out = Make(PathKind::kLast);
      return Status::OK();
    }
    if (w == "exists") {
      pos_ += w.size();
      if (!Eat("(")) return Syntax();
      NodePtr inner;
      NANO_RETURN_IF_ERROR(Or(&inner));
      if (!Eat(")")) return Syntax();
      *out = Make(PathKind::kExists);
      (*out)->args.push_back(std::move(inner));
      return Status::OK();
    }
    return Syntax();
  }

  Status Subscripts(NodePtr* out) {
    NodePtr n = Make(PathKind::kIndex);
    n->args.push_back(std::move(*out));
    ++subscript_depth_;
    for (;;) {
      NodePtr from, to;
      NANO_RETURN_IF_ERROR(Or(&from));
      if (EatWord("to")) NANO_RETURN_IF_ERROR(Or(&to));
      if (from->IsPredicate() || (to && to->IsPredicate())) return Syntax();
      n->args.push_back(std::move(from));
      n->args.push_back(std::move(to));
      if (Eat(",")) continue;
      if (Eat("]")) break;
      return Syntax();
    }
    --subscript_depth_;
    *out = std::move(n);
    return Status::OK();
  }

  Status Accessors(NodePtr* out) {
    for (;;) {
      Skip();
      if (Eat("[")) {
        if (Eat("*")) {
          if (!Eat("]")) return Syntax();
          NodePtr n = Make(PathKind::kAnyIndex);
          n->args.push_back(std::move(*out));
          *out = std::move(n);
          continue;
        }
        NANO_RETURN_IF_ERROR(Subscripts(out));
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '.' &&
          !(pos_ + 1 < s_.size() && std::isdigit(static_cast<unsigned char>(s_[pos_ + 1])))) {
        ++pos_;
        Skip();
        NodePtr n;
        if (Eat("*")) {
          if (pos_ < s_.size() && s_[pos_] == '*') return Syntax();  // .** unsupported
          n = Make(PathKind::kAnyKey);
        } else if (pos_ < s_.size() && s_[pos_] == '"') {
          n = Make(PathKind::kKey);
          NANO_RETURN_IF_ERROR(String(&n->name));
        } else {
          std::string w = PeekWord();
          if (w.empty()) return Syntax();
          pos_ += w.size();
          if (Eat("(")) {
            if (!Eat(")")) return Syntax();
            static constexpr std::string_view kMethods[] = {"type", "size",  "double",
                                                            "abs",  "floor", "ceiling"};
            bool known = false;
            for (std::string_view m : kMethods) known |= m == w;
            if (!known) return Syntax();
            n = Make(PathKind::kMethod, w);
          } else {
            n = Make(PathKind::kKey, w);
          }
        }
        n->args.push_back(std::move(*out));
        *out = std::move(n);
        continue;
      }
      if (pos_ < s_.size() && s_[pos_] == '?') {
        ++pos_;
        if (!Eat("(")) return Syntax();
        ++filter_depth_;
        NodePtr pred;
        NANO_RETURN_IF_ERROR(Or(&pred));
        --filter_depth_;
        if (!pred->IsPredicate() || !Eat(")")) return Syntax();
        NodePtr n = Make(PathKind::kFilter);
        n->args.push_back(std::move(*out));
        n->args.push_back(std::move(pred));
        *out = std::move(n);
        continue;
      }
      return Status::OK();
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
  int depth_ = 0;
  int filter_depth_ = 0;
  int subscript_depth_ = 0;
};

// ---- evaluation ----------------------------------------------------------------------------
using Seq = std::vector<const JsonNode*>;
enum class Tri { kFalse, kTrue, kUnknown };

struct Exec {
  const JsonNode* root;
  const JsonNode* vars;
  bool strict;
  std::deque<JsonNode> arena;  // computed items (stable addresses)
  std::vector<int64_t> last;   // array sizes for `last`, innermost last
  int depth = 0;

  const JsonNode* Keep(JsonNode n) {
    arena.push_back(std::move(n));
    return &arena.back();
  }
  const JsonNode* Number(const Numeric& v) {
    JsonNode n;
    n.kind = K::kNumber;
    n.str = v.ToString();
    return Keep(std::move(n));
  }

  Seq Unwrap(const Seq& in) const {
    if (strict) return in;
    Seq out;
    for (const JsonNode* n : in) {
      if (n->kind == K::kArray) {
        for (const JsonNode& e : n->elems) out.push_back(&e);
      } else {
        out.push_back(n);
      }
    }
    return out;
  }

  // A structural error: reported in strict mode, an empty result in lax.
  Status Structural(const char* state, std::string msg) {
    if (!strict) return Status::OK();
    return Status::Error(state, std::move(msg));
  }

  Status Eval(const JsonPathNode& p, const JsonNode* at, Seq* out) {
    if (++depth > kMaxPathDepth) return Status::Error("54001", "stack depth limit exceeded");
    Status st = EvalInner(p, at, out);
    --depth;
    return st;
  }

  Status EvalInner(const JsonPathNode& p, const JsonNode* at, Seq* out) {
    if (p.IsPredicate()) {
      Tri t;
      NANO_RETURN_IF_ERROR(Pred(p, at, &t));
      JsonNode b;
      b.kind = t == Tri::kUnknown ? K::kNull : K::kBool;
      b.boolean = t == Tri::kTrue;
      out->push_back(Keep(std::move(b)));
      return Status::OK();
    }
    switch (p.kind) {
      case PathKind::kRoot:
        out->push_back(root);
        return Status::OK();
      case PathKind::kCurrent:
        out->push_back(at);
        return Status::OK();
      case PathKind::kVariable: {
        const int k = vars ? vars->FindKey(p.name) : -1;
        if (k < 0) {
          return Status::Error("42704", "could not find jsonpath variable \"" + p.name + "\"");
        }
        out->push_back(&vars->elems[k]);
        return Status::OK();
      }
      case PathKind::kLast: {
        if (last.empty())
          return Status::Error("22033", "evaluating jsonpath LAST outside of array subscript");
        out->push_back(Number(Numeric::FromInt64(last.back() - 1)));
        return Status::OK();
      }
      case PathKind::kLiteral:
        out->push_back(&p.literal);
        return Status::OK();
      default:
        break;
    }
    Seq in;
    NANO_RETURN_IF_ERROR(Eval(*p.args[0], at, &in));
    switch (p.kind) {
      case PathKind::kKey:
        for (const JsonNode* n : Unwrap(in)) {
          if (n->kind != K::kObject) {
            NANO_RETURN_IF_ERROR(
                Structural("2203A", "jsonpath member accessor can only be applied to an object"));
            continue;
          }
          const int k = n->FindKey(p.name);
          if (k < 0) {
            NANO_RETURN_IF_ERROR(
                Structural("2203A", "JSON object does not contain key \"" + p.name + "\""));
            continue;
          }
          out->push_back(&n->elems[k]);
        }
        return Status::OK();
      case PathKind::kAnyKey:
        for (const JsonNode* n : Unwrap(in)) {
          if (n->kind != K::kObject) {
            NANO_RETURN_IF_ERROR(Structural(
                "2203C", "jsonpath wildcard member accessor can only be applied to an object"));
            continue;
          }
          for (const JsonNode& e : n->elems) out->push_back(&e);
        }
        return Status::OK();
      case PathKind::kAnyIndex:
        for (const JsonNode* n : in) {
          if (n->kind == K::kArray) {
            for (const JsonNode& e : n->elems) out->push_back(&e);
          } else if (strict) {
            return Status::Error(
                "22039", "jsonpath wildcard array accessor can only be applied to an array");
          } else {
            out->push_back(n);
          }
        }
        return Status::OK();
      case PathKind::kIndex:
        for (const JsonNode* n : in) NANO_RETURN_IF_ERROR(Subscript(p, n, out));
        return Status::OK();
      case PathKind::kFilter:
        for (const JsonNode* n : Unwrap(in)) {
          Tri t;
          NANO_RETURN_IF_ERROR(Pred(*p.args[1], n, &t));
          if (t == Tri::kTrue) out->push_back(n);
        }
        return Status::OK();
      case PathKind::kMethod:
        return Method(p, in, out);
      case PathKind::kUnary:
        for (const JsonNode* n : Unwrap(in)) {
          if (n->kind != K::kNumber) {
            return Status::Error("22038", "operand of unary jsonpath operator " + p.name +
                                              " is not a numeric value");
          }
          out->push_back(p.name == "-" ? Number(Num(*n).Neg()) : n);
        }
        return Status::OK();
      case PathKind::kArith:
        return Arith(p, in, at, out);
      default:
        return Status::Error("XX000", "unexpected jsonpath item");
    }
  }

  static Numeric Num(const JsonNode& n) {
    Numeric v;
    Numeric::Parse(n.str, &v).IgnoreError();
    return v;
  }

  Status Subscript(const JsonPathNode& p, const JsonNode* n, Seq* out) {
    if (n->kind != K::kArray && strict) {
      return Status::Error("22039", "jsonpath array accessor can only be applied to an array");
    }
    // Lax mode treats a non-array as a one-element array.
    const int64_t size = n->kind == K::kArray ? static_cast<int64_t>(n->elems.size()) : 1;
    auto element = [&](int64_t i) { return n->kind == K::kArray ? &n->elems[i] : n; };
    last.push_back(size);
    Status st;
    for (size_t k = 1; k + 1 < p.args.size() && st.ok(); k += 2) {
      int64_t from = 0, to = 0;
      st = IndexValue(*p.args[k], n, &from);
      if (!st.ok()) break;
      to = from;
      if (p.args[k + 1]) st = IndexValue(*p.args[k + 1], n, &to);
      if (!st.ok()) break;
      if (from < 0 || from > to || to >= size) {
        if (strict) {
          st = Status::Error("22033", "jsonpath array subscript is out of bounds");
          break;
        }
        if (from < 0) from = 0;
        if (to >= size) to = size - 1;
      }
      for (int64_t i = from; i <= to; ++i) out->push_back(element(i));
    }
    last.pop_back();
    return st;
  }

  Status IndexValue(const JsonPathNode& e, const JsonNode* at, int64_t* out) {
    Seq v;
    NANO_RETURN_IF_ERROR(Eval(e, at, &v));
    if (v.size() != 1 || v[0]->kind != K::kNumber) {
      return Status::Error("22033", "jsonpath array subscript is not a single numeric value");
    }
    Numeric t = Num(*v[0]).Trunc(0);
    return t.ToInt64(out);
  }

  Status Method(const JsonPathNode& p, const Seq& in, Seq* out) {
    const std::string& m = p.name;
    if (m == "type" || m == "size") {
      for (const JsonNode* n : in) {
        if (m == "type") {
          JsonNode s;
          s.kind = K::kString;
          s.str = JsonKindName(n->kind);
          out->push_back(Keep(std::move(s)));
        } else if (n->kind == K::kArray) {
          out->push_back(Number(Numeric::FromInt64(static_cast<int64_t>(n->elems.size()))));
        } else if (strict) {
          return Status::Error("22039",
                               "jsonpath item method .size() can only be applied to an array");
        } else {
          out->push_back(Number(Numeric::FromInt64(1)));
        }
      }
      return Status::OK();
    }
    for (const JsonNode* n : Unwrap(in)) {
      Numeric v;
      if (n->kind == K::kNumber) {
        v = Num(*n);
      } else if (m == "double" && n->kind == K::kString && Numeric::Parse(n->str, &v).ok() &&
                 v.IsFinite()) {
        // numeric text converts
      } else {
        return Status::Error("22036",
                             "jsonpath item method ." + m + "() can only be applied to a " +
                                 (m == "double" ? "string or numeric value" : "numeric value"));
      }
      if (m == "abs") v = v.Abs();
      if (m == "floor") v = v.Floor();
      if (m == "ceiling") v = v.Ceil();
      if (m == "double") {
        // .double() goes through float8: the value prints as float8 does.
        Numeric d;
        NANO_RETURN_IF_ERROR(Numeric::FromDouble(v.ToDouble(), &d));
        v = d;
      }
      out->push_back(Number(v));
    }
    return Status::OK();
  }

  Status Arith(const JsonPathNode& p, const Seq& lhs_in, const JsonNode* at, Seq* out) {
    Seq rhs_in;
    NANO_RETURN_IF_ERROR(Eval(*p.args[1], at, &rhs_in));
    const Seq lhs = Unwrap(lhs_in), rhs = Unwrap(rhs_in);
    if (lhs.size() != 1 || lhs[0]->kind != K::kNumber) {
      return Status::Error("22038", "left operand of jsonpath operator " + p.name +
                                        " is not a single numeric value");
    }
    if (rhs.size() != 1 || rhs[0]->kind != K::kNumber) {
      return Status::Error("22038", "right operand of jsonpath operator " + p.name +
                                        " is not a single numeric value");
    }
    const Numeric a = Num(*lhs[0]), b = Num(*rhs[0]);
    Numeric r;
    switch (p.name[0]) {
      case '+':
        r = a.Add(b);
        break;
      case '-':
        r = a.Sub(b);
        break;
      case '*':
        r = a.Mul(b);
        break;
      case '/':
        NANO_RETURN_IF_ERROR(a.Div(b, &r));
        break;
      default:
        NANO_RETURN_IF_ERROR(a.Mod(b, &r));
        break;
    }
    out->push_back(Number(r));
    return Status::OK();
  }

  // compareItems: incomparable kinds are unknown, except that null equals
  // only null.
  static Tri CompareItems(const std::string& op, const JsonNode& a, const JsonNode& b) {
    if (a.kind != b.kind) {
      if (a.kind == K::kNull || b.kind == K::kNull) return op == "!=" ? Tri::kTrue : Tri::kFalse;
      return Tri::kUnknown;
    }
    int c = 0;
    switch (a.kind) {
      case K::kNull:
        c = 0;
        break;
      case K::kBool:
        c = a.boolean == b.boolean ? 0 : (a.boolean ? 1 : -1);
        break;
      case K::kNumber:
        c = Num(a).Compare(Num(b));
        break;
      case K::kString:
        c = a.str.compare(b.str);
        break;
      default:
        return Tri::kUnknown;
    }
    bool r = op == "=="   ? c == 0
             : op == "!=" ? c != 0
             : op == "<"  ? c < 0
             : op == "<=" ? c <= 0
             : op == ">"  ? c > 0
                          : c >= 0;
    return r ? Tri::kTrue : Tri::kFalse;
  }

  // Evaluates an operand of a predicate: an error makes the predicate
  // unknown (*ok = false), except a missing variable, which PostgreSQL
  // always reports.
  Status Operand(const JsonPathNode& e, const JsonNode* at, Seq* out, bool* ok) {
    Seq v;
    Status st = Eval(e, at, &v);
    *ok = st.ok();
    if (!st.ok()) return st.sqlstate() == "42704" ? st : Status::OK();
    *out = Unwrap(v);
    return Status::OK();
  }

  Status Pred(const JsonPathNode& p, const JsonNode* at, Tri* out) {
    switch (p.kind) {
      case PathKind::kAnd:
      case PathKind::kOr: {
        Tri a, b;
        NANO_RETURN_IF_ERROR(Pred(*p.args[0], at, &a));
        const bool is_and = p.kind == PathKind::kAnd;
        if (a == (is_and ? Tri::kFalse : Tri::kTrue)) {
          *out = a;
          return Status::OK();
        }
        NANO_RETURN_IF_ERROR(Pred(*p.args[1], at, &b));
        if (b == (is_and ? Tri::kFalse : Tri::kTrue)) {
          *out = b;
        } else {
          *out = a == Tri::kUnknown || b == Tri::kUnknown ? Tri::kUnknown : a;
        }
        return Status::OK();
      }
      case PathKind::kNot: {
        Tri a;
        NANO_RETURN_IF_ERROR(Pred(*p.args[0], at, &a));
        *out = a == Tri::kUnknown ? a : (a == Tri::kTrue ? Tri::kFalse : Tri::kTrue);
        return Status::OK();
      }
      case PathKind::kIsUnknown: {
        Tri a;
        NANO_RETURN_IF_ERROR(Pred(*p.args[0], at, &a));
        *out = a == Tri::kUnknown ? Tri::kTrue : Tri::kFalse;
        return Status::OK();
      }
      case PathKind::kExists: {
        Seq v;
        Status st = Eval(*p.args[0], at, &v);
        if (!st.ok() && st.sqlstate() == "42704") return st;
        *out = !st.ok() ? Tri::kUnknown : (v.empty() ? Tri::kFalse : Tri::kTrue);
        return Status::OK();
      }
      default:
        break;
    }
    Seq lhs, rhs;
    bool ok = true;
    NANO_RETURN_IF_ERROR(Operand(*p.args[0], at, &lhs, &ok));
    if (ok && (p.kind == PathKind::kCompare || p.kind == PathKind::kStartsWith)) {
      NANO_RETURN_IF_ERROR(Operand(*p.args[1], at, &rhs, &ok));
    }
    if (!ok) {
      *out = Tri::kUnknown;
      return Status::OK();
    }
    bool any_unknown = false;
    for (const JsonNode* a : lhs) {
      if (p.kind == PathKind::kCompare) {
        for (const JsonNode* b : rhs) {
          const Tri t = CompareItems(p.name, *a, *b);
          if (t == Tri::kTrue) {
            *out = Tri::kTrue;
            return Status::OK();
          }
          any_unknown |= t == Tri::kUnknown;
        }
      } else if (a->kind != K::kString) {
        any_unknown = true;
      } else if (p.kind == PathKind::kStartsWith) {
        if (rhs.size() != 1 || rhs[0]->kind != K::kString) {
          any_unknown = true;
        } else if (a->str.compare(0, rhs[0]->str.size(), rhs[0]->str) == 0) {
          *out = Tri::kTrue;
          return Status::OK();
        }
      } else {  // like_regex
        auto flags = std::regex::ECMAScript;
        if (p.flags.find('i') != std::string::npos) flags |= std::regex::icase;
        try {
          if (std::regex_search(a->str, std::regex(p.name, flags))) {
            *out = Tri::kTrue;
            return Status::OK();
          }
        } catch (const std::regex_error&) {
          return Status::Error("2201B", "invalid regular expression: " + p.name);
        }
      }
    }
    *out = any_unknown ? Tri::kUnknown : Tri::kFalse;
    return Status::OK();
  }
};

}  // namespace

JsonPath::JsonPath() = default;
JsonPath::~JsonPath() = default;
JsonPath::JsonPath(JsonPath&&) noexcept = default;
JsonPath& JsonPath::operator=(JsonPath&&) noexcept = default;

Status JsonPath::Parse(std::string_view text, JsonPath* out) {
  PathParser p(text);
  out->strict_ = false;
  return p.ParseTop(&out->root_, &out->strict_);
}

Status JsonPath::Execute(const JsonNode& root, const JsonNode* vars, bool silent,
                         std::vector<std::string>* results, bool* failed) const {
  *failed = false;
  if (vars != nullptr && vars->kind != K::kObject) {
    return Status::Error("22023", "\"vars\" argument is not an object")
        .WithDetail("Jsonpath parameters should be encoded as key-value pairs of \"vars\" object.");
  }
  Exec ex{&root, vars, strict_, {}, {}, 0};
  Seq items;
  Status st = ex.Eval(*root_, &root, &items);
  if (!st.ok()) {
    // Missing variables are reported even when silent, as in PostgreSQL.
    if (silent && st.sqlstate() != "42704") {
      *failed = true;
      return Status::OK();
    }
    return st;
  }
  for (const JsonNode* n : items) results->push_back(JsonbText(*n));
  return Status::OK();
}

}  // namespace nano
