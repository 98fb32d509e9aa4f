using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Slipway.Contracts.Serving;
using Slipway.Core.Governance.Audit;
using Slipway.Core.Infrastructure.Persistence;
using Slipway.Core.Infrastructure.Results;
using Slipway.Core.Serving;

namespace Slipway.Core.Governance;

/// <summary>
/// Sets a token's serving limits (governance.md §8.6): all six fields are replaced, null clearing one. The route needs
/// the <c>manage_quotas</c> capability in the request's workspace and reaches tokens bound to that workspace; tokens
/// bound to none (or to another) are reached by platform admins only, and are otherwise not found. Audited as
/// <c>api_token.limits</c>.
/// </summary>
public sealed class SetTokenLimits(SlipwayDbContext db, AuditLog audit, TokenValidator validator, Serving.Inference.CallerLimitsSource limits)
{
    public async Task<Result<ApiToken>> HandleAsync(SlipwayPrincipal caller, string tokenId, TokenLimitsRequest request, CancellationToken cancellationToken)
    {
        if (Check(request) is { } invalid)
        {
            return invalid;
        }

        var token = long.TryParse(tokenId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id, cancellationToken)
            : null;
        if (token is null || (!caller.IsPlatformAdmin && token.WorkspaceId != caller.WorkspaceId))
        {
            return Error.NotFound($"No token of this workspace has the id '{tokenId}'.");
        }

        var before = Limits(token);
        token.DefaultTier = request.DefaultTier;
        token.MaxTier = request.MaxTier;
        token.RatePerSecond = request.RatePerSecond;
        token.Burst = request.Burst;
        token.DailyRequestQuota = request.DailyRequestQuota;
        token.DailyRowQuota = request.DailyRowQuota;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(new AuditEntry("api_token.limits")
        {
            Resource = new JsonObject
            {
                ["type"] = "api_token",
                ["id"] = token.Id.ToString(CultureInfo.InvariantCulture),
                ["name"] = token.Name,
                ["workspace"] = token.WorkspaceId?.ToString(CultureInfo.InvariantCulture),
            },
            Changes = new JsonObject { ["before"] = before, ["after"] = Limits(token) },
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        validator.Forget(token.Hash);
        limits.Forget(token.Id);
        return token;
    }

    /// <summary>Tiers are known and the default is not above the maximum (both <c>standard</c> when left out); rates and quotas are positive.</summary>
    public static Error? Check(TokenLimitsRequest request)
    {
        var defaultTier = request.DefaultTier is null ? Tier.Standard : Tiers.Parse(request.DefaultTier);
        if (defaultTier is null)
        {
            return Error.Invalid($"'{request.DefaultTier}' is not a tier: use critical, standard or sheddable.", "default_tier");
        }

        var maxTier = request.MaxTier is null ? Tier.Standard : Tiers.Parse(request.MaxTier);
        if (maxTier is null)
        {
            return Error.Invalid($"'{request.MaxTier}' is not a tier: use critical, standard or sheddable.", "max_tier");
        }

        // Lower enum values are higher tiers.
        if (defaultTier < maxTier)
        {
            return Error.Invalid(
                $"The default tier ({defaultTier.Value.Name()}) is above the maximum ({maxTier.Value.Name()}); a left-out tier is standard.", "default_tier");
        }

        if (request.RatePerSecond is { } rate && !(double.IsFinite(rate) && rate > 0))
        {
            return Error.Invalid("'rate_per_second' must be a number above 0.", "rate_per_second");
        }

        if (request.Burst is < 1)
        {
            return Error.Invalid("'burst' must be at least 1.", "burst");
        }

        if (request.DailyRequestQuota is < 1)
        {
            return Error.Invalid("'daily_request_quota' must be at least 1.", "daily_request_quota");
        }

        return request.DailyRowQuota is < 1 ? Error.Invalid("'daily_row_quota' must be at least 1.", "daily_row_quota") : null;
    }

    internal static JsonObject Limits(ApiToken token) => new()
    {
        ["default_tier"] = token.DefaultTier,
        ["max_tier"] = token.MaxTier,
        ["rate_per_second"] = token.RatePerSecond,
        ["burst"] = token.Burst,
        ["daily_request_quota"] = token.DailyRequestQuota,
        ["daily_row_quota"] = token.DailyRowQuota,
    };
}
