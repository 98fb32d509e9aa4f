namespace Slipway.Core.Governance;

/// <summary>
/// Endpoint metadata for the few routes open to anonymous callers (health probes). Slipway's own marker, not
/// ASP.NET Core's IAllowAnonymous, so that a library cannot open a route by adding its metadata.
/// </summary>
public sealed class AnonymousAccess
{
    public static AnonymousAccess Instance { get; } = new();

    private AnonymousAccess()
    {
    }
}
