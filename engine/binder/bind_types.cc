// engine/binder/bind_types.cc — user-defined types in expressions: enum
// input, comparison and functions, domain casts and constraint checks.
//
// Enum values travel as types/enum_value.h describes (order key + label), so
// only turning text into an enum needs the catalog; everything that compares,
// sorts or hashes works on the bytes. Domains never become value types: an
// expression cast to a domain has the base type, wrapped in a kDomainCheck
// that enforces the domain's constraints when evaluated.
#include <algorithm>

#include "binder/binder.h"
#include "binder/scope.h"
#include "types/enum_value.h"
#include "types/type_info.h"

namespace nano {

namespace {

int Pos(int location) { return location >= 0 ? location + 1 : 0; }

Status ErrorAt(const char* state, std::string msg, int location) {
  return Status::Error(state, std::move(msg)).WithPosition(Pos(location));
}

bool IsTextual(TypeOid t) {
  return t == type::kText || t == type::kVarChar || t == type::kBpChar || t == type::kName;
}

bool IsComparison(const std::string& op) {
  return op == "=" || op == "<>" || op == "!=" || op == "<" || op == "<=" || op == ">" ||
         op == ">=";
}

BoundExprPtr MakeSessionFn(SessionFn fn, TypeRef type, Oid type_oid, int location) {
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kSessionFn;
  e->session_fn = fn;
  e->type = type;
  e->constant = Value::Oid(type_oid);
  e->location = location;
  return e;
}

}  // namespace

Status EnumInput(const Catalog& catalog, TypeOid enum_type, std::string_view text, Value* out) {
  const TypeDef* t = catalog.TypeByOid(enum_type);
  if (t == nullptr || t->kind != TypeKind::kEnum) {
    return Status::Error(sqlstate::kUndefinedObject,
                         "cache lookup failed for type " + std::to_string(enum_type));
  }
  const EnumLabel* label = t->FindLabel(text);
  if (label == nullptr) {
    return Status::Error(
        sqlstate::kInvalidTextRepresentation,
        "invalid input value for enum " + t->name + ": \"" + std::string(text) + "\"");
  }
  *out = MakeEnumValue(t->oid, label->sort_order, label->label);
  return Status::OK();
}

const TypeDef* Binder::LookupUserType(const ast::TypeName& tn) const {
  if (tn.names.empty() || tn.names.size() > 2) return nullptr;
  const std::string& name = tn.names.back();
  if (tn.names.size() == 2) {
    const SchemaDef* schema = catalog_->FindSchema(tn.names[0]);
    return schema == nullptr ? nullptr : catalog_->FindType(schema->oid, name);
  }
  if (LookupTypeByName(name) != nullptr) return nullptr;
  const TypeDef* t = catalog_->FindType(kPublicNamespaceOid, name);
  return t != nullptr ? t : catalog_->FindType(kPgCatalogNamespaceOid, name);
}

Status Binder::ResolveUserType(const TypeDef& t, const ast::TypeName& tn, TypeRef* out) const {
  if (tn.array_dims > 0) {
    // ct[] is a record array whose typmod names the composite (see
    // ArrayElementType); a domain's array is its base type's array, with the
    // domain checked on each element where a column declares it.
    const TypeRef base = t.kind == TypeKind::kDomain ? t.base_type : TypeRef{t.oid, -1};
    if (IsRecordType(base) && base.oid != type::kRecord) {
      *out = TypeRef{type::kRecordArray, static_cast<int32_t>(base.oid)};
      return Status::OK();
    }
    const TypeOid array = IsEnumType(base.oid) ? 0 : ArrayTypeOf(base.oid);
    if (array == 0 || IsArrayType(base.oid)) {
      return ErrorAt(sqlstate::kFeatureNotSupported,
                     "arrays of type " + t.name + " are not supported yet", tn.location);
    }
    *out = TypeRef{array, base.typmod};
    return Status::OK();
  }
  if (t.kind == TypeKind::kDomain) {
    *out = t.base_type;
    return Status::OK();
  }
  if (!tn.modifiers.empty()) {
    return ErrorAt(sqlstate::kSyntaxError,
                   "type modifier is not allowed for type \"" + t.name + "\"", tn.location);
  }
  *out = TypeRef{t.oid, -1};
  return Status::OK();
}

std::string Binder::TypeDisplayName(TypeRef t) const {
  if (const TypeDef* ut = catalog_->TypeByOid(t.oid)) return ut->name;
  if (t.oid == type::kRecordArray && t.typmod >= static_cast<int32_t>(kFirstUserTypeOid)) {
    return TypeDisplayName(TypeRef{static_cast<TypeOid>(t.typmod), -1}) + "[]";  // ct[]
  }
  if (t.oid == type::kRecordArray) return FormatType(TypeRef{t.oid, -1});
  return FormatType(t);
}

Status Binder::CoerceEnum(BoundExprPtr* expr, TypeRef target, CoercionContext ctx, int location,
                          bool* handled, BoundExprPtr* out) {
  *handled = false;
  BoundExpr& e = **expr;
  if (!IsEnumType(target.oid) || e.type.oid == target.oid) return Status::OK();
  const TypeDef* enum_type = catalog_->TypeByOid(target.oid);
  if (enum_type == nullptr || enum_type->kind != TypeKind::kEnum) return Status::OK();
  const TypeOid from = e.type.oid;
  // An untyped parameter arrives as text and goes through enum_in.
  if (e.kind == BoundExprKind::kParam && from == type::kUnknown) {
    param_types_[e.column] = TypeRef{type::kText, -1};
    e.type = TypeRef{type::kText, -1};
  } else if (from != type::kUnknown && !(IsTextual(from) && ctx == CoercionContext::kExplicit)) {
    return Status::OK();  // the generic rules report the mismatch
  }
  *handled = true;
  if (e.kind == BoundExprKind::kConst) {
    if (e.constant.is_null()) {
      *out = MakeConst(Value::Null(target.oid), target);
      return Status::OK();
    }
    std::string text = e.constant.str();
    if (from == type::kBpChar) {
      while (!text.empty() && text.back() == ' ') text.pop_back();
    }
    Value v;
    Status st = EnumInput(*catalog_, target.oid, text, &v);
    if (!st.ok()) {
      st.SetPositionIfUnset(Pos(e.location >= 0 ? e.location : location));
      return st;
    }
    *out = MakeConst(std::move(v), target);
    (*out)->location = e.location;
    return Status::OK();
  }
  auto cast = MakeSessionFn(SessionFn::kEnumIn, target, target.oid, e.location);
  cast->args.push_back(std::move(*expr));
  *out = std::move(cast);
  return Status::OK();
}

Status Binder::BindEnumOperator(const std::string& op, BoundExprPtr* left, BoundExprPtr* right,
                                int location, bool* handled, BoundExprPtr* out) {
  *handled = false;
  if (!*left || !*right || !IsComparison(op)) return Status::OK();
  const TypeRef lt = (*left)->type, rt = (*right)->type;
  if (!IsEnumType(lt.oid) && !IsEnumType(rt.oid)) return Status::OK();
  const TypeRef et = IsEnumType(lt.oid) ? lt : rt;
  const TypeRef other = IsEnumType(lt.oid) ? rt : lt;
  if (other.oid != et.oid && other.oid != type::kUnknown) {
    return ErrorAt(sqlstate::kUndefinedFunction,
                   "operator does not exist: " + TypeDisplayName(lt) + " " + op + " " +
                       TypeDisplayName(rt),
                   location)
        .WithHint(
            "No operator matches the given name and argument types. You might need to add "
            "explicit type casts.");
  }
  *handled = true;
  BoundExprPtr l, r;
  NANO_RETURN_IF_ERROR(Coerce(std::move(*left), et, CoercionContext::kImplicit, &l));
  NANO_RETURN_IF_ERROR(Coerce(std::move(*right), et, CoercionContext::kImplicit, &r));
  // The byte comparison operators compare enum values in declaration order
  // (the order key leads the bytes); any generic comparison overload would do.
  ResolvedCall call;
  NANO_RETURN_IF_ERROR(FunctionRegistry::Builtins().ResolveOperator(
      op == "!=" ? "<>" : op, type::kBytea, type::kBytea, &call));
  auto e = std::make_unique<BoundExpr>();
  e->kind = BoundExprKind::kCall;
  e->fn = call.overload;
  e->type = TypeRef{type::kBool, -1};
  e->location = location;
  e->args.push_back(std::move(l));
  e->args.push_back(std::move(r));
  *out = std::move(e);
  return Status::OK();
}

Status Binder::BindEnumFunction(const std::string& name, std::vector<BoundExprPtr>* args,
                                int location, bool* handled, BoundExprPtr* out) {
  *handled = false;
  SessionFn fn;
  if (name == "enum_first") {
    fn = SessionFn::kEnumFirst;
  } else if (name == "enum_last") {
    fn = SessionFn::kEnumLast;
  } else if (name == "enum_range") {
    fn = SessionFn::kEnumRange;
  } else {
    return Status::OK();
  }
  *handled = true;
  if (args->size() != 1 || !IsEnumType((*args)[0]->type.oid)) {
    // The caller's argument list is spent; report what the registry would.
    std::string shown;
    for (const auto& a : *args) shown += (shown.empty() ? "" : ", ") + TypeDisplayName(a->type);
    return ErrorAt(sqlstate::kUndefinedFunction,
                   "function " + name + "(" + shown + ") does not exist", location)
        .WithHint(
            "No function matches the given name and argument types. You might need to add "
            "explicit type casts.");
  }
  const TypeRef et = (*args)[0]->type;
  // The argument only names the type; its value (usually NULL) is ignored.
  TypeRef result = fn == SessionFn::kEnumRange ? TypeRef{type::kTextArray, -1} : et;
  *out = MakeSessionFn(fn, result, et.oid, location);
  return Status::OK();
}

Status Binder::AddDomainCheck(Oid domain_oid, BoundExprPtr value, BoundExprPtr* out) {
  const TypeDef* domain = catalog_->TypeByOid(domain_oid);
  bool elements = false;  // domain_oid is the array type of a domain
  if (domain == nullptr) {
    for (const auto& [oid, t] : catalog_->types()) {
      if (t.kind == TypeKind::kDomain && t.array_oid == domain_oid) {
        domain = &t;
        elements = true;
        break;
      }
    }
  }
  if (domain == nullptr || domain->kind != TypeKind::kDomain) {
    return Status::Error(sqlstate::kInternalError,
                         "domain " + std::to_string(domain_oid) + " does not exist");
  }
  auto e = MakeSessionFn(SessionFn::kDomainCheck, elements ? value->type : domain->base_type,
                         domain->oid, value->location);
  e->all = elements;
  e->args.push_back(std::move(value));
  // VALUE is the only column the constraints see.
  TableDef value_row;
  value_row.name = domain->name;
  ColumnDef col;
  col.name = "value";
  col.type = domain->base_type;
  col.attnum = 1;
  value_row.columns.push_back(col);
  std::vector<const ConstraintDef*> checks;
  bool not_null = false;
  catalog_->DomainConstraints(domain->oid, &checks, &not_null);
  for (const ConstraintDef* c : checks) {
    BoundExprPtr check;
    NANO_RETURN_IF_ERROR(BindTableExpr(value_row, c->check_expr, TypeRef{type::kBool, -1}, &check));
    e->args.push_back(std::move(check));
  }
  *out = std::move(e);
  return Status::OK();
}

Status Binder::BindDomainCast(const ast::Expr& cast, BinderScope* scope, const TypeDef& domain,
                              BoundExprPtr* out) {
  if (cast.type_name->array_dims > 0) {
    // x::d[]: the base type's array, each element checked against d.
    TypeRef array;
    NANO_RETURN_IF_ERROR(ResolveUserType(domain, *cast.type_name, &array));
    BoundExprPtr value;
    NANO_RETURN_IF_ERROR(
        BindExprAs(*cast.args[0], scope, array, CoercionContext::kExplicit, &value));
    return AddDomainCheck(domain.array_oid, std::move(value), out);
  }
  BoundExprPtr value;
  NANO_RETURN_IF_ERROR(
      BindExprAs(*cast.args[0], scope, domain.base_type, CoercionContext::kExplicit, &value));
  return AddDomainCheck(domain.oid, std::move(value), out);
}

}  // namespace nano
