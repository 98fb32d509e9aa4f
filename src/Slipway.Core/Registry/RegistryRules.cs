using System.Globalization;
using System.Text.RegularExpressions;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Tracking;

namespace Slipway.Core.Registry;

/// <summary>The registry's name, alias, version and tag rules (mlflow-rest.md §1.6, §1.7) and its standard errors.</summary>
public static partial class RegistryRules
{
    [GeneratedRegex(@"^[\p{L}\p{Mn}\p{Nd}\p{Pc}\-]+$")]
    private static partial Regex AliasPattern();

    [GeneratedRegex(@"^[vV]?\d+$")]
    private static partial Regex VersionLikeAlias();

    public static Error? Name(string? name, string field = "name")
    {
        if (string.IsNullOrEmpty(name))
        {
            return Error.MissingField(field);
        }

        if (name.Contains('\0', StringComparison.Ordinal))
        {
            return Error.Invalid($"'{field}' holds a NUL character.", field);
        }

        return name.Length > RegistryLimits.NameLength
            ? Error.Invalid($"'{field}' is {name.Length} characters; the limit is {RegistryLimits.NameLength}.", field)
            : null;
    }

    public static Error? Alias(string? alias)
    {
        if (string.IsNullOrEmpty(alias))
        {
            return Error.MissingField("alias");
        }

        if (alias.Length > RegistryLimits.AliasLength)
        {
            return Error.Invalid($"'alias' is {alias.Length} characters; the limit is {RegistryLimits.AliasLength}.", "alias");
        }

        if (!AliasPattern().IsMatch(alias))
        {
            return Error.Invalid($"Invalid alias '{alias}': aliases may only contain alphanumerics, underscores (_) and dashes (-).", "alias");
        }

        return string.Equals(alias, "latest", StringComparison.OrdinalIgnoreCase) || VersionLikeAlias().IsMatch(alias)
            ? Error.Invalid($"Invalid alias '{alias}': 'latest', '<number>' and 'v<number>' are reserved, since they read as versions.", "alias")
            : null;
    }

    /// <summary>A registered model's or version's description; null (absent) is fine.</summary>
    public static Error? Description(string? description) =>
        description is { Length: > RegistryLimits.DescriptionLength }
            ? Error.Invalid($"'description' is {description.Length} characters; the limit is {RegistryLimits.DescriptionLength}.", "description")
            : null;

    public static Error? Tag(string? key, string? value) =>
        TrackingValidation.Key(key, "key") ?? TrackingValidation.Value(value ?? "", "value", RegistryLimits.TagValueLength);

    public static Result<int> Version(string? version)
    {
        if (string.IsNullOrEmpty(version))
        {
            return Error.MissingField("version");
        }

        return int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : Error.Invalid($"Model version must be a positive integer; got '{version}'.", "version");
    }

    public static string Text(int version) => version.ToString(CultureInfo.InvariantCulture);

    public static Error ModelNotFound(string name) => Error.NotFound($"Registered Model with name={name} not found");

    public static Error VersionNotFound(string name, int version) =>
        Error.NotFound($"Model Version (name={name}, version={version}) not found");

    /// <summary>
    /// An unknown alias. The native API answers 404; the MLflow API turns it into 400 INVALID_PARAMETER_VALUE, as
    /// MLflow does (mlflow-rest.md §1.5).
    /// </summary>
    public static Error AliasNotFound(string alias) =>
        new(ErrorKind.NotFound, AliasNotFoundCode, $"Registered model alias {alias} not found.", "alias");

    public const string AliasNotFoundCode = "alias_not_found";

    public static Error NameTaken(string name) => Error.AlreadyExists($"Registered Model (name={name}) already exists.");
}
