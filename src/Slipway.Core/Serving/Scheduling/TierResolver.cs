namespace Slipway.Core.Serving.Scheduling;

/// <summary>The tier a request runs at (serving spec §6.1): its own, up to the caller's maximum, else the caller's default.</summary>
public static class TierResolver
{
    /// <summary>
    /// <paramref name="requested"/> null takes the caller's default (lowered to the maximum when the token's default is
    /// above it); a requested tier above <see cref="CallerLimits.MaxTier"/> is refused with 403 <c>FORBIDDEN</c>.
    /// Lowering is always allowed.
    /// </summary>
    public static (Tier Tier, ServingError? Error) Resolve(CallerLimits caller, Tier? requested)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (requested is not { } tier)
        {
            // Lower enum value = higher priority: the default may not exceed the maximum.
            return ((Tier)Math.Max((int)caller.DefaultTier, (int)caller.MaxTier), null);
        }

        if (tier < caller.MaxTier)
        {
            return (caller.MaxTier, new ServingError(403, ServingErrorCodes.Forbidden,
                $"Priority '{tier.Name()}' is above this caller's maximum tier '{caller.MaxTier.Name()}'; ask for '{caller.MaxTier.Name()}' or lower.", "priority"));
        }

        return (tier, null);
    }
}
