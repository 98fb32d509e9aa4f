using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Serving.Deployments;

/// <summary>
/// The refusals of the deployments API, each with a stable code and the field it is about (<c>routes[1].weight</c>),
/// answered as 400 problem details whose <c>code</c> and <c>errors</c> name them.
/// </summary>
public static class DeploymentErrors
{
    public const string MalformedCode = "malformed_deployment";
    public const string UnknownFieldCode = "unknown_field";
    public const string WrongTypeCode = "wrong_type";
    public const string MissingFieldCode = "missing_field";
    public const string InvalidNameCode = "invalid_name";
    public const string NameMismatchCode = "name_mismatch";
    public const string RouteCountCode = "route_count";
    public const string InvalidRouteIdCode = "invalid_route_id";
    public const string DuplicateRouteIdCode = "duplicate_route_id";
    public const string InvalidRoleCode = "invalid_role";
    public const string InvalidTargetCode = "invalid_target";
    public const string NoPrimaryWeightCode = "no_primary_weight";
    public const string NotForRoleCode = "not_for_role";
    public const string OutOfRangeCode = "out_of_range";
    public const string InvalidValueCode = "invalid_value";
    public const string ModelNotFoundCode = "target_model_not_found";
    public const string VersionNotFoundCode = "target_version_not_found";
    public const string VersionNotServableCode = "target_version_not_servable";
    public const string AliasNotFoundCode = "target_alias_not_found";

    public static Error Malformed(string message) => Invalid(MalformedCode, message, null);

    public static Error UnknownField(string? field, string detail) =>
        Invalid(UnknownFieldCode, $"'{field}' is not a field of a deployment ({detail}).", field);

    public static Error WrongType(string? field, string detail) =>
        Invalid(WrongTypeCode, field is null ? $"The deployment does not have the expected shape: {detail}" : $"'{field}' has the wrong type: {detail}", field);

    public static Error Missing(string field) => Invalid(MissingFieldCode, $"'{field}' is required.", field);

    public static Error OutOfRange(string field, string range) => Invalid(OutOfRangeCode, $"'{field}' must be {range}.", field);

    public static Error Invalid(string code, string message, string? field) => new(ErrorKind.Invalid, code, message, field);

    public static Error NotFound(string name) => new(ErrorKind.NotFound, "resource_does_not_exist", $"This workspace has no deployment '{name}'.");

    public static Error Exists(string name) => new(ErrorKind.AlreadyExists, "resource_already_exists", $"A deployment named '{name}' exists in this workspace; update it with PUT.");

    public static Error Changed(string name) =>
        new(ErrorKind.Conflict, "resource_conflict", $"Deployment '{name}' was changed by someone else at the same time; read it again and retry.");
}
