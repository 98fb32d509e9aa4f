using System.Text.RegularExpressions;
using Slipway.Contracts.Serving;
using Slipway.Core.Infrastructure.Results;

namespace Slipway.Core.Serving.Deployments;

/// <summary>
/// The checks a deployment spec passes before anything is stored, those that need no database: names, route ids,
/// roles, weights and every range of <see cref="DeploymentLimits"/>. The first failure is answered, naming its field.
/// Targets are checked against the registry by <see cref="DeploymentTargets"/>.
/// </summary>
public static partial class DeploymentValidation
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$")]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex RouteIdPattern();

    /// <summary>An HTTP header name (RFC 9110 token).</summary>
    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$")]
    private static partial Regex HeaderPattern();

    /// <summary>Whether <paramref name="name"/> can name a deployment (serving spec §1.1: case-sensitive, so <c>:predict</c> routes parse).</summary>
    public static bool IsValidName(string? name) => name is not null && NamePattern().IsMatch(name);

    public static Error? Name(string? name) =>
        name is null ? DeploymentErrors.Missing("name")
        : IsValidName(name) ? null
        : DeploymentErrors.Invalid(DeploymentErrors.InvalidNameCode, $"'{name}' is not a deployment name: use 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit.", "name");

    public static Error? Check(DeploymentSpec spec)
    {
        return Name(spec.Name)
            ?? Description(spec.Description)
            ?? Routes(spec.Routes)
            ?? StickyKey(spec.StickyKey)
            ?? Limits(spec.Limits)
            ?? Batching(spec.Batching)
            ?? Tiers(spec.Tiers)
            ?? Percent(spec.Log?.SamplePercent, "log.sample_percent")
            ?? Lifecycle(spec.Lifecycle);
    }

    private static Error? Description(string? description) =>
        description is { Length: > DeploymentLimits.MaxDescriptionLength }
            ? DeploymentErrors.OutOfRange("description", $"at most {DeploymentLimits.MaxDescriptionLength} characters")
            : null;

    private static Error? Routes(IReadOnlyList<RouteSpec>? routes)
    {
        if (routes is null)
        {
            return DeploymentErrors.Missing("routes");
        }

        if (routes.Count is 0 or > DeploymentLimits.MaxRoutes)
        {
            return DeploymentErrors.Invalid(DeploymentErrors.RouteCountCode, $"A deployment has 1 to {DeploymentLimits.MaxRoutes} routes; this one has {routes.Count}.", "routes");
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var primaryWeight = 0;
        for (var i = 0; i < routes.Count; i++)
        {
            var route = routes[i];
            var at = $"routes[{i}]";
            if (route is null)
            {
                return DeploymentErrors.Missing(at);
            }

            if (route.Id is null)
            {
                return DeploymentErrors.Missing(at + ".id");
            }

            if (!RouteIdPattern().IsMatch(route.Id))
            {
                return DeploymentErrors.Invalid(
                    DeploymentErrors.InvalidRouteIdCode, $"'{route.Id}' is not a route id: use 1-64 lower-case letters, digits, '_' or '-', starting with a letter or digit.", at + ".id");
            }

            if (!ids.Add(route.Id))
            {
                return DeploymentErrors.Invalid(DeploymentErrors.DuplicateRouteIdCode, $"Route id '{route.Id}' is used twice.", at + ".id");
            }

            if (Target(route.Target, at + ".target") is { } targetError)
            {
                return targetError;
            }

            switch (route.Role ?? DeploymentLimits.RolePrimary)
            {
                case DeploymentLimits.RolePrimary:
                    if (route.SamplePercent is not null)
                    {
                        return DeploymentErrors.Invalid(DeploymentErrors.NotForRoleCode, "A primary route takes 'weight', not 'sample_percent'.", at + ".sample_percent");
                    }

                    if (route.Weight is < 0 or > DeploymentLimits.MaxWeight)
                    {
                        return DeploymentErrors.OutOfRange(at + ".weight", $"a whole number from 0 to {DeploymentLimits.MaxWeight}");
                    }

                    primaryWeight += route.Weight ?? DeploymentLimits.DefaultWeight;
                    break;
                case DeploymentLimits.RoleShadow:
                    if (route.Weight is not null)
                    {
                        return DeploymentErrors.Invalid(DeploymentErrors.NotForRoleCode, "A shadow route takes 'sample_percent', not 'weight': its answers are never returned.", at + ".weight");
                    }

                    if (Percent(route.SamplePercent, at + ".sample_percent") is { } percentError)
                    {
                        return percentError;
                    }

                    break;
                default:
                    return DeploymentErrors.Invalid(DeploymentErrors.InvalidRoleCode, $"'{route.Role}' is not a route role: use 'primary' or 'shadow'.", at + ".role");
            }
        }

        return primaryWeight > 0
            ? null
            : DeploymentErrors.Invalid(DeploymentErrors.NoPrimaryWeightCode, "At least one primary route needs a weight above 0, or nothing would answer.", "routes");
    }

    private static Error? Target(TargetSpec? target, string at)
    {
        if (target is null)
        {
            return DeploymentErrors.Missing(at);
        }

        if (string.IsNullOrEmpty(target.Model))
        {
            return DeploymentErrors.Missing(at + ".model");
        }

        if ((target.Version is null) == (target.Alias is null))
        {
            return DeploymentErrors.Invalid(DeploymentErrors.InvalidTargetCode, "A target names exactly one of 'version' and 'alias'.", at);
        }

        if (target.Version is < 1)
        {
            return DeploymentErrors.OutOfRange(at + ".version", "a registry version number, 1 or more");
        }

        return target.Alias is { Length: 0 or > 256 }
            ? DeploymentErrors.Invalid(DeploymentErrors.InvalidTargetCode, "'alias' must be 1-256 characters.", at + ".alias")
            : null;
    }

    private static Error? StickyKey(StickyKeySpec? sticky)
    {
        if (sticky?.Header is { } header && !HeaderPattern().IsMatch(header))
        {
            return DeploymentErrors.Invalid(DeploymentErrors.InvalidValueCode, $"'{header}' is not an HTTP header name.", "sticky_key.header");
        }

        return sticky?.JsonField is { Length: 0 or > 256 }
            ? DeploymentErrors.Invalid(DeploymentErrors.InvalidValueCode, "'json_field' must be 1-256 characters.", "sticky_key.json_field")
            : null;
    }

    private static Error? Limits(LimitsSpec? limits) =>
        limits is null ? null
        : Range(limits.MaxQueue, 1, DeploymentLimits.MaxQueueMax, "limits.max_queue")
          ?? Range(limits.DeadlineMs, 1, DeploymentLimits.DeadlineMsMax, "limits.deadline_ms")
          ?? Range(limits.MaxRequestBytes, DeploymentLimits.MaxRequestBytesMin, DeploymentLimits.MaxRequestBytesMax, "limits.max_request_bytes")
          ?? Range(limits.MaxRowsPerRequest, 1, DeploymentLimits.MaxRowsPerRequestMax, "limits.max_rows_per_request");

    private static Error? Batching(BatchingSpec? batching) =>
        batching is null ? null
        : Range(batching.MaxBatchSize, 1, DeploymentLimits.MaxBatchSizeMax, "batching.max_batch_size")
          ?? Range(batching.MaxQueueDelayMs, 0, DeploymentLimits.MaxQueueDelayMsMax, "batching.max_queue_delay_ms")
          ?? Range(batching.Executors, 1, DeploymentLimits.ExecutorsMax, "batching.executors");

    private static Error? Tiers(IReadOnlyDictionary<string, TierSpec>? tiers)
    {
        foreach (var (name, tier) in tiers ?? new Dictionary<string, TierSpec>())
        {
            if (Serving.Tiers.Parse(name) is null)
            {
                return DeploymentErrors.Invalid(DeploymentErrors.InvalidValueCode, $"'{name}' is not a tier: use critical, standard or sheddable.", $"tiers.{name}");
            }

            if (tier?.MaxInFlightShare is { } share && !(share is >= 0 and <= 1))
            {
                return DeploymentErrors.OutOfRange($"tiers.{name}.max_in_flight_share", "from 0 to 1");
            }

            if (Range(tier?.MaxWaitMs, 0, DeploymentLimits.MaxWaitMsMax, $"tiers.{name}.max_wait_ms") is { } waitError)
            {
                return waitError;
            }
        }

        return null;
    }

    private static Error? Lifecycle(LifecycleSpec? lifecycle)
    {
        if (lifecycle?.IdleUnloadAfterSeconds is < DeploymentLimits.IdleUnloadAfterSecondsMin)
        {
            return DeploymentErrors.OutOfRange("lifecycle.idle_unload_after_seconds", $"at least {DeploymentLimits.IdleUnloadAfterSecondsMin}");
        }

        return lifecycle?.ColdStart is { } coldStart && coldStart is not (DeploymentLimits.ColdStartWait or DeploymentLimits.ColdStartReject)
            ? DeploymentErrors.Invalid(DeploymentErrors.InvalidValueCode, $"'{coldStart}' is not a cold-start policy: use 'wait' or 'reject'.", "lifecycle.cold_start")
            : null;
    }

    private static Error? Percent(double? value, string field) =>
        value is { } percent && !(percent is >= 0 and <= 100) ? DeploymentErrors.OutOfRange(field, "from 0 to 100") : null;

    private static Error? Range(long? value, long min, long max, string field) =>
        value is { } v && (v < min || v > max) ? DeploymentErrors.OutOfRange(field, $"from {min:N0} to {max:N0}") : null;
}
