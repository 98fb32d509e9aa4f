namespace Slipway.Core.Governance;

/// <summary>
/// Endpoint metadata that every route carries: the permission a caller needs. <see cref="AuthorizationMiddleware"/>
/// denies any route that has neither this nor <see cref="AnonymousAccess"/>.
/// </summary>
public sealed record RequiredPermission(Permission Level);
