namespace Slipway.Core.Governance.Access;

/// <summary>
/// What a route requires, declared on the route with <see cref="PermissionEndpointExtensions.RequireAccess{TBuilder}"/>
/// and enforced by <see cref="AccessControlMiddleware"/> before the handler runs (governance.md §8.2). A route
/// without a rule is closed. Rules say which resource the request touches and how to find it in the request, so
/// the check is made against the caller's grants on that very resource.
/// </summary>
public abstract record AccessRule
{
    /// <summary>Platform admins only (users, workspaces, platform settings).</summary>
    public static AccessRule Platform { get; } = new PlatformRule();

    /// <summary>
    /// Any signed-in principal; the handler limits the call to the caller's own things (own tokens, own MFA,
    /// own sessions). Use only for self-service routes.
    /// </summary>
    public static AccessRule Self { get; } = new SelfRule();

    /// <summary>
    /// A list or search: any signed-in principal may call it, and the handler must filter rows in SQL with
    /// <c>AccessEvaluator.ReadableAsync</c> for <paramref name="resourceType"/>.
    /// </summary>
    public static AccessRule Filtered(string resourceType) => new FilteredRule(resourceType);

    /// <summary>A capability (<see cref="Capabilities"/>) in the request's workspace.</summary>
    public static AccessRule RequiresCapability(string capability) => new CapabilityRule(capability);

    /// <summary>
    /// A level on every resource of a type in the request's workspace, e.g. creating an experiment needs USE on
    /// <c>experiment</c> <c>*</c>; managing webhooks needs MANAGE on <c>webhook</c> <c>*</c>.
    /// </summary>
    public static AccessRule InWorkspace(string resourceType, Permission level) => new WorkspaceRule(resourceType, level);

    /// <summary>A level on the one resource that <paramref name="locator"/> finds in the request.</summary>
    public static AccessRule On(ResourceLocator locator, Permission level) => new ResourceRule(locator, level);

    /// <summary>A level on the resource plus a capability (e.g. READ + <c>download_artifacts</c>).</summary>
    public static AccessRule On(ResourceLocator locator, Permission level, string capability) => new ResourceRule(locator, level, capability);
}

public sealed record PlatformRule : AccessRule;

public sealed record SelfRule : AccessRule;

public sealed record FilteredRule(string ResourceType) : AccessRule;

public sealed record CapabilityRule(string Capability) : AccessRule;

public sealed record WorkspaceRule(string ResourceType, Permission Level) : AccessRule;

public sealed record ResourceRule(ResourceLocator Locator, Permission Level, string? Capability = null) : AccessRule;
